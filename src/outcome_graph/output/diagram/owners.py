"""The owner view as DOT: owners linked to the milestones they lead (the nodes they lead, in a plan
without milestones), sized by load.

The work sits in one cluster per priority, the clusters of a band in the plan's order; an owner
above the OG302 limit is drawn in red, and the milestones nobody leads (OG301) hang on a "No lead"
box of their own. The owners read busiest first, then by name, "No lead" last.
"""

from __future__ import annotations

import math
from collections import defaultdict
from typing import TYPE_CHECKING

from ...errors import RenderError
from ..escape import dot_html, svg_id
from .bands import Bands, columns_of, fold
from .dot import Dot, Html, balanced_wrap, flip, html_lines, num
from .labels import LegendKey, legend_key, node_tooltip, title_label
from .layout import UNATTACHED, home_priorities
from .style import (
    BORDER,
    BOX_BORDER,
    BOX_FILL,
    FONT,
    MEASURE_LINE,
    MUTED,
    SEVERITY_COLOURS,
    STYLES,
    TEXT,
    Palette,
    badges,
    worst_severity,
)

if TYPE_CHECKING:
    from ...config import Config
    from ...findings import Finding, Report
    from ...graph.facts import PlanFacts
    from ...model.plan import Plan
    from .options import DiagramOptions

_NO_LEAD = "owner: "  # (the name of an owner whose id is empty: no owner's)
NODESEP = 0.1  # (inches between the boxes of a rank)
#: The hidden lines from each box of a band to its anchor (:meth:`_Writer._write_box_order`): with
#: 3 Thurrock's bands still read out of the plan's order,
#: with 10 every band of the three plans reads in it.
ANCHOR_LINES = 10


def owner_dot(plan: Plan, facts: PlanFacts, opts: DiagramOptions, config: Config | None) -> str:
    """The owner view of a plan as DOT text (``config`` gives the OG302 limit)."""
    return _Writer(plan, facts, opts, config).text()


def owner_limits(config: Config | None) -> dict[str, int]:
    """The OG302 and OG303 thresholds in force (``max-milestones``, ``max-per-month``)."""
    from ...config import Config
    from ...rules import registry

    rules = registry()
    cfg = config or Config()
    out: dict[str, int] = {}
    for code, key in (("OG302", "max-milestones"), ("OG303", "max-per-month")):
        rule = rules.get(code)
        defaults = dict(rule.options) if rule is not None else {}
        opts = cfg.options_for(code, defaults)
        out[key] = int(opts.get(key, {"max-milestones": 10, "max-per-month": 4}[key]))
    return out


class _Writer:
    """Writes the DOT text of one owner view: the work by priority, the owners, the edges, the
    title."""

    def __init__(
        self, plan: Plan, facts: PlanFacts, opts: DiagramOptions, config: Config | None
    ) -> None:
        self.plan, self.facts, self.opts = plan, facts, opts
        self.palette = Palette.of(plan)
        self.limits = owner_limits(config)
        self.has_milestones = has_milestones = plan.uses_level("milestone")
        self.work, self.unled = _work(plan, facts, opts, has_milestones)
        self.by_owner, self.by_node = _findings_by_owner_and_node(plan, opts.findings)
        self.lr = opts.direction == "LR"
        self.ranksep = (
            2.2 if self.lr else 1.2
        )  # (inches between ranks: room for the lines fanning out)
        self.max_load = max([len(v) for v in self.work.values()] + [len(self.unled)])
        owners = facts.owners
        self.total = {
            o: len(owners[o].milestones if has_milestones else owners[o].nodes) for o in self.work
        }
        self.dot = Dot()
        self.clusters = 0  # (the priorities' boxes written so far)
        self.copy_of: dict[
            str, tuple[str, int]
        ] = {}  # a copy's name -> the work it copies, its band
        self.leads_of: dict[str, list[str]] = defaultdict(list)  # copied work -> its owners' names
        self.band_of: dict[str, int] = {}  # an owner's name -> its band (where work is copied)
        self.index = {
            n: i for i, n in enumerate(plan.nodes)
        }  # (the plan's order, in which a box lists its work)

    def text(self) -> str:
        dot, work, owners = self.dot, self.work, self.facts.owners
        dot.defaults("node", {"fontname": FONT, "shape": "plain", "fontcolor": TEXT})
        dot.defaults("edge", {"color": MEASURE_LINE, "arrowhead": "none", "penwidth": 1})
        # The owners read busiest first, then by name, "No lead" last: left to itself, Graphviz
        # ordered them to shorten the lines, which a reader looking for an owner, or for the
        # busiest, could not follow.
        order = [
            f"owner: {oid}"
            for oid in sorted(work, key=lambda o: (-self.total[o], owners[o].name.lower(), o))
        ]
        led = {f"owner: {oid}": items for oid, items in work.items()}
        if self.unled:
            order.append(_NO_LEAD)
            led[_NO_LEAD] = self.unled
        home = home_priorities(self.plan, self.facts)
        bands = fold(
            order,
            led,
            home.get,
            lr=self.lr,
            ranksep=self.ranksep,
            nodesep=NODESEP,
            title=self.opts.title,
        )
        band_of = {name: b for b, names in enumerate(bands.owners) for name in names}
        work_band = {n: b for b, nodes in enumerate(bands.work) for n in nodes}
        led, band_work, group = self._copies(led, home, bands, band_of, work_band)
        column: dict[str, int] = {}
        for nodes in band_work:
            column.update(columns_of(nodes, group.get, bands.columns))
        gates = _gates(led, group, column)
        ranks: list[
            list[str]
        ] = []  # (the nodes of each rank, left to right: a band's owners, then its columns)
        columns: list[list[list[str]]] = []  # (each column of work, in reading order, by box)
        anchors: list[
            str
        ] = []  # (the anchors of the band before, in the rank after its last column)
        for b, nodes in enumerate(band_work):
            band_gates = {key: gate for key, gate in gates.items() if band_of[key[0]] == b}
            self._write_work(b, nodes, group, band_gates)
            ranks.append([*bands.owners[b], *anchors])
            read = self._reading_order(
                nodes, group, column, band_gates, led, bands.owners[b], bands.columns
            )
            ranks.extend([n for part in parts for n in part] for parts in read)
            columns.extend(read)
            anchors = self._write_box_order(b, read, group)
        if anchors:
            ranks.append(anchors)
        for names in bands.owners:
            for name in names:
                if name == _NO_LEAD:
                    self._write_no_lead()
                else:
                    self._write_owner(name.removeprefix("owner: "))
            # (an edge within a rank puts its tail first: left in TB, and on top once dot turns the
            # drawing LR)
            for above, below in zip(names, names[1:]):
                dot.edge(above, below, {"style": "invis"})
        self._write_heads(ranks)
        self._write_reading_order(columns, group)
        for name in sorted(led):
            unled = name == _NO_LEAD
            entered: set[str] = set()
            for n in led[name]:
                values: dict[str, object] = (
                    {
                        "class": "og-edge og-unled",
                        "style": "dashed",
                        "color": SEVERITY_COLOURS["warning"],
                    }
                    if unled
                    else {"class": "og-edge og-leads"}
                )
                gate = gates.get((name, group.get(n)))
                if gate is not None and column[n]:
                    if (
                        gate not in entered
                    ):  # (into the box through its gate, then on to the column)
                        entered.add(gate)
                        dot.edge(name, gate, values)
                    dot.edge(gate, n, {**values, "minlen": column[n]} if column[n] > 1 else values)
                    continue
                elif column[n]:
                    values["minlen"] = column[n] + 1
                dot.edge(name, n, values)
        return dot.text(self.plan.id, self._graph_attrs())

    def _copies(
        self,
        led: dict[str, list[str]],
        home: dict[str, str | None],
        bands: Bands,
        band_of: dict[str, int],
        work_band: dict[str, int],
    ) -> tuple[dict[str, list[str]], list[list[str]], dict[str, str | None]]:
        """A copy, in an owner's band, of each piece of work it leads that another band draws:
        the lines each owner draws (by the names in the DOT text), each band's work with its copies,
        and the box (priority) of each, a copy's its work's.

        A line from an owner to work drawn in another band took no part in the layout, and
        Graphviz ran it round the bands between: of Southend's 59 such lines, 29 looped over the
        top of the picture, and no reader could follow them to their end.
        A copy (a dashed box naming the other leads) sits in the owner's own band instead, one a
        band, linked to each owner of that band leading it."""
        copies: dict[tuple[int, str], str] = {}
        lines: dict[str, list[str]] = {}
        band_work: list[list[str]] = []
        group: dict[str, str | None] = dict(home)
        for b, names in enumerate(bands.owners):
            # (each owner's work in turn, its copies among it: the columns are read owner by owner)
            nodes: list[str] = []
            seen: set[str] = set()
            for name in names:
                drawn = []
                for n in led[name]:
                    if work_band[n] == b:
                        if n not in seen:
                            seen.add(n)
                            nodes.append(n)
                        drawn.append(n)
                        continue
                    copy = copies.get((b, n))
                    if copy is None:
                        copy = copies[b, n] = f"og:copy:{b}:{n}"
                        nodes.append(copy)
                        group[copy] = home.get(n)
                        self.copy_of[copy] = (n, b)
                    drawn.append(copy)
                lines[name] = drawn
            band_work.append(nodes)
        if copies:
            wanted = {n for _b, n in copies}
            for name, items in led.items():
                for n in items:
                    if n in wanted:
                        self.leads_of[n].append(name)
            self.band_of = band_of
        return lines, band_work, group

    def _plan_place(self, name: str) -> int:
        """Where a piece of work (or the work a copy copies) stands in the plan."""
        return self.index[self.copy_of[name][0] if name in self.copy_of else name]

    def _reading_order(
        self,
        nodes: list[str],
        group: dict[str, str | None],
        column: dict[str, int],
        gates: dict[tuple[str, str | None], str],
        led: dict[str, list[str]],
        owners: list[str],
        columns: int,
    ) -> list[list[list[str]]]:
        """Each column of a band's work in the order it reads (top to bottom, or left to right
        with ``--direction TB``), as the part of it each box holds: the boxes in the plan's order,
        each box's work in the plan's order, and in its first column each gate of the box (the
        lines of ``led`` from one of ``owners`` to the box's later columns) level with the middle of
        the work it leads to, so that its lines run across the box rather than round its end."""
        place = self._plan_place
        boxes: dict[str | None, int] = {}
        for n in sorted(nodes, key=place):
            boxes.setdefault(group.get(n), len(boxes))
        read: list[list[list[str]]] = [[] for _ in range(columns)]
        for n in sorted(nodes, key=lambda n: (boxes[group.get(n)], place(n))):
            parts = read[column[n]]
            if not parts or group.get(parts[-1][0]) != group.get(n):
                parts.append([])
            parts[-1].append(n)
        if not gates:
            return read
        row = {
            n: i for parts in read for part in parts for i, n in enumerate(part)
        }  # (its place in its box's part)
        owner_place = {name: i for i, name in enumerate(owners)}
        rows: dict[str, list[int]] = defaultdict(list)
        for owner in owners:
            for n in led[owner]:
                if column[n]:
                    rows[gates[owner, group.get(n)]].append(row[n])
        # (each gate before the node of its box's first column at its row, or after the box's last;
        # at one row, in the order of their owners)
        at: dict[str | None, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
        for (_owner, box), gate in sorted(gates.items(), key=lambda item: owner_place[item[0][0]]):
            at[box][round(sum(rows[gate]) / len(rows[gate]))].append(gate)
        for k, part in enumerate(read[0]):
            box_rows = at.get(group.get(part[0]))
            if box_rows:
                with_gates: list[str] = []
                for i, n in enumerate(part):
                    with_gates.extend(box_rows.pop(i, ()))
                    with_gates.append(n)
                for i in sorted(box_rows):
                    with_gates.extend(box_rows[i])
                read[0][k] = with_gates
        return read

    def _write_reading_order(
        self, columns: list[list[list[str]]], group: dict[str, str | None]
    ) -> None:
        """Hidden edges down each box's part of each column of work, from each node to the next as
        it reads (:meth:`_reading_order`), which keep it in the plan's order.

        Left to itself, Graphviz set the work of a column in whatever order shortened the lines:
        all 13 of Thurrock's columns and 34 of Southend's 51 read out of the plan's order (the
        first of Richmond's in full reverse), and a reader looking down an owner's milestones for
        M2 after M1 could not find it. An edge within a rank keeps its two ends in order; with the
        graph's ``remincross`` off, nothing reorders them after (the second pass over a graph with
        boxes, which that turns off, swapped the work of a box whatever its edges within a rank).
        Every node and gate of a box's part is on its chain, so that the two ends of each of its
        edges are next to each other, and Graphviz routes no path for it round the nodes between (a
        chain that left the gates off made Graphviz report edges it could not route). The boxes
        themselves are not chained: Graphviz orders boxes by their lines alone, whatever edges
        join them within a rank."""
        dot = self.dot
        for parts in columns:
            for names in parts:
                # (dot does not turn the order within a box for LR as it turns the graph's: in a box
                # the tail of an edge within a rank is drawn
                # below its head, and left of it top to bottom)
                boxed = (
                    group.get(next(n for n in names if n in group)) is not None
                )  # (a gate has no group)
                upward = self.lr and boxed
                for above, below in zip(names, names[1:]):
                    tail, head = (below, above) if upward else (above, below)
                    dot.edge(tail, head, {"style": "invis"})

    def _write_box_order(
        self, band: int, read: list[list[list[str]]], group: dict[str, str | None]
    ) -> list[str]:
        """The anchors that keep a band's boxes in the plan's order, top to bottom (left to right
        with ``--direction TB``): a hidden point for each box in the rank after the band's last
        column, one under another in the plan's order (an edge within a rank keeps its ends in order
        outside the boxes), each joined to the last piece of work of its box by :data:`ANCHOR_LINES`
        hidden lines. Returns the anchors (none for a band of one box), to put in that rank.

        Graphviz orders the boxes of a rank among themselves by the lines between the ranks alone
        (it lets a box swap with another whatever edges join them within a rank, ``ordering`` of
        a node with edges into them included), and set them to shorten the owners' lines: Thurrock's
        first band read P3, P2, P1, Southend's P6, P5, P7, P1, P3, P4, P2. Lines from the boxes to
        points in the plan's order would cross if the boxes stood otherwise, and Graphviz counts
        the crossings of parallel lines as many times as there are lines: so many, each line's
        crossings outweigh the owners' lines the plan's order lengthens. In the rank after the
        band, beyond the end of the owners' lines, the anchors' lines cross none of them; they
        weigh nothing in where the boxes stand along the rank."""
        last: dict[str | None, str] = {}  # (each box's last piece of work, in its last column)
        for parts in read:
            for part in parts:
                last[group.get(next(n for n in part if n in group))] = part[-1]
        if len(last) < 2:
            return []
        index = self.index
        boxes = sorted(last, key=lambda key: index.get(key, len(index)) if key is not None else -1)
        anchors = [f"og:anchor:{band}:{i}" for i in range(len(boxes))]
        dot = self.dot
        for anchor, key in zip(anchors, boxes):
            dot.point(anchor, "og-anchor-" + anchor.split(":", 2)[2].replace(":", "-"), "og-anchor")
            for _ in range(ANCHOR_LINES):
                dot.edge(last[key], anchor, {"style": "invis", "weight": 0})
        for above, below in zip(anchors, anchors[1:]):
            dot.edge(above, below, {"style": "invis"})
        return anchors

    def _write_heads(self, ranks: list[list[str]]) -> None:
        """A line of hidden points along the top of the drawing, one heading each rank: each rank's
        nodes hang below its point, so that the bands stand side by side with their tops in line
        (linked through their work, each band's top was
        pulled down to the middle of the one before)."""
        dot = self.dot
        heads = [f"og:head:{i}" for i in range(len(ranks))]
        for i, (head, names) in enumerate(zip(heads, ranks)):
            dot.point(head, f"og-head-{i}")
            dot.same_rank([head, *names])
            for name in names:
                if not name.startswith(
                    "og:anchor:"
                ):  # (an anchor alone in a rank with its head: Graphviz could not route the edge)
                    dot.edge(head, name, {"style": "invis"})
        for left, right in zip(heads, heads[1:]):
            dot.edge(left, right, {"style": "invis", "weight": 100})

    def _write_work(
        self,
        band: int,
        nodes: list[str],
        group: dict[str, str | None],
        gates: dict[tuple[str, str | None], str],
    ) -> None:
        """A band's work, clustered by priority (a priority's box in a later band has an id of its
        own), in the plan's order (a copy where its work
        is), and the gates of its boxes (:func:`_gates`)."""
        plan, dot = self.plan, self.dot
        index = self.index
        groups: dict[str | None, list[str]] = defaultdict(list)
        for n in sorted(nodes, key=lambda n: index[self.copy_of[n][0] if n in self.copy_of else n]):
            groups[group.get(n)].append(n)
        for key, members in flip(groups.items(), self.lr):
            if key is not None:
                self.clusters += 1
                dot.open(f"subgraph cluster_{self.clusters}")
                if key == UNATTACHED:
                    label = "Unattached"
                else:
                    prio = plan.nodes[key]
                    label = f"{prio.number or key}  {prio.title}"
                lines, _ = balanced_wrap(label, 60, 2)
                # (an id of its own: a cluster would take the graph's, one id for several elements)
                cid = "og-cluster-unattached" if key == UNATTACHED else svg_id(key, "og-cluster-")
                dot.defaults(
                    "graph",
                    {
                        "label": Html(
                            '<FONT POINT-SIZE="11" '
                            f'COLOR="{MUTED}"><B>{html_lines(lines)}</B></FONT>'
                        ),
                        "labeljust": "l",
                        "style": "rounded,filled",
                        "color": BOX_BORDER,
                        "fillcolor": BOX_FILL,
                        "id": cid + (f"-band{band + 1}" if band else ""),
                    },
                )
            for n in flip(members, self.lr):
                self._write_led_node(n)
            for (_owner, box), gate in gates.items():
                if box == key:
                    # (og-gate_0: a node's id ends no "_" escape so, og-gate-0 is the node gate-0's)
                    dot.point(gate, "og-gate_" + gate.rsplit(":", 1)[1], "og-gate")
            if key is not None:
                dot.close()

    def _write_led_node(self, name: str) -> None:
        """A piece of work, or a copy of it (:meth:`_copies`): a dashed box naming its other
        leads."""
        plan, facts = self.plan, self.facts
        n, copy_band = self.copy_of.get(name, (name, None))
        node = plan.nodes[n]
        style = STYLES["milestone"]
        lines, _ = balanced_wrap(node.title, style.wrap, 2)
        outs = facts.outcomes.get(n, ())
        cross = n in facts.cross_cutting
        fs = self.by_node.get(n, [])
        worst = worst_severity(fs)
        header = dot_html(n)
        timing = facts.timing.get(n)
        if timing is not None and timing.span is not None:
            header += f" · due {dot_html(str(timing.span))}"
        rows = [
            '<TR><TD ALIGN="LEFT" BALIGN="LEFT"><FONT POINT-SIZE="7.5" '
            f'COLOR="{MUTED}">{header}</FONT></TD><TD '
            f'ALIGN="RIGHT">{self.palette.chips(outs, cross, 11)}</TD></TR>',
            '<TR><TD COLSPAN="2" ALIGN="LEFT" BALIGN="LEFT"><FONT '
            f'POINT-SIZE="9">{html_lines(lines)}</FONT></TD></TR>',
        ]
        if fs:
            rows.append(f'<TR><TD COLSPAN="2" ALIGN="LEFT">{badges(fs, 7)}</TD></TR>')
        tooltip = node_tooltip(plan, facts, n, fs, [], self.opts.outcome)
        values: dict[str, object] = {
            "id": svg_id(n),
            "class": f"og-node og-{node.kind}" + (f" og-{worst}" if worst else ""),
        }
        table_style = "ROUNDED"
        if copy_band is not None:
            others = self._other_leads(n, copy_band)
            also, _ = balanced_wrap("also led by " + others, style.wrap, 2)
            rows.append(
                '<TR><TD COLSPAN="2" ALIGN="LEFT" BALIGN="LEFT"><FONT POINT-SIZE="7.5" '
                f'COLOR="{MUTED}"><I>{html_lines(also)}</I></FONT></TD></TR>'
            )
            tooltip += f"\nAlso led by {others}, beside whom it is drawn in full"
            # (not og-node: the report's links and a finding's node find the work itself)
            values = {
                "id": svg_id(n, "og-copy-") + f"-band{copy_band + 1}",
                "class": f"og-copy og-{node.kind}" + (f" og-{worst}" if worst else ""),
            }
            table_style = "ROUNDED,DASHED"
        values["label"] = Html(
            f'<TABLE BORDER="{3 if worst else 1}" '
            f'COLOR="{SEVERITY_COLOURS[worst] if worst else BORDER}" '
            f'BGCOLOR="{self.palette.fill(outs, cross)}" STYLE="{table_style}" CELLBORDER="0" '
            f'CELLSPACING="0" CELLPADDING="2">{"".join(rows)}</TABLE>'
        )
        values["tooltip"] = tooltip
        self.dot.node(name, values)

    def _other_leads(self, n: str, band: int) -> str:
        """The owners of ``n`` outside ``band``, by name, for its copy there (the first two, and how
        many more)."""
        names = [
            self.facts.owners[o.removeprefix("owner: ")].name
            for o in self.leads_of[n]
            if self.band_of[o] != band
        ]
        if len(names) > 2:
            return f"{names[0]}, {names[1]} and {len(names) - 2} more"
        return " and ".join(names)

    def _write_owner(self, oid: str) -> str:
        """An owner's box, sized by its load; returns its name in the DOT text."""
        info = self.facts.owners[oid]
        has_milestones = self.has_milestones
        limit = self._limit(oid)
        count = self.total[oid]
        over = has_milestones and count > limit
        scale = math.sqrt(count / self.max_load) if self.max_load else 1
        size = 9 + 9 * scale
        lines, _ = balanced_wrap(info.name, 26, 3)
        fs = self.by_owner.get(oid, [])
        worst = worst_severity(fs)
        fill = (
            "#FDECEA"
            if over
            else ("#FFF4E5" if has_milestones and count > 0.75 * limit else "#EEF2F6")
        )
        border = (
            SEVERITY_COLOURS[worst] if worst else (SEVERITY_COLOURS["error"] if over else BORDER)
        )
        unit = "milestone" if has_milestones else "node"
        load = f"{count} {unit}{'s' if count != 1 else ''}" + (
            f" (limit {limit})" if has_milestones else ""
        )
        shown = len(self.work[oid])
        if (
            shown != count
        ):  # (a focus or an outcome draws part of an owner's load: the count is the whole)
            load += f", {shown} in this view"
        rows = [
            '<TR><TD ALIGN="LEFT" BALIGN="LEFT"><FONT '
            f'POINT-SIZE="{num(round(size, 1))}"><B>{html_lines(lines)}</B></FONT></TD></TR>',
            '<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="9" '
            f'COLOR="{SEVERITY_COLOURS["error"] if over else MUTED}">'
            f"{dot_html(load)}</FONT></TD></TR>",
        ]
        if fs:
            rows.append(f'<TR><TD ALIGN="LEFT">{badges(fs)}</TD></TR>')
        pad = int(3 + 6 * scale)
        name = f"owner: {oid}"
        tooltip = [
            f"Owner {info.name}" + ("" if info.declared else " (not declared in owners:)"),
            load,
        ]
        tooltip += [f"{f.rule} {f.severity}: {f.message}" for f in fs]
        self.dot.node(
            name,
            {
                "id": svg_id(oid, "og-owner-"),
                "class": "og-node og-owner" + (f" og-{worst}" if worst else ""),
                "label": Html(
                    f'<TABLE BORDER="{3 if over or worst else 1}" COLOR="{border}" '
                    f'BGCOLOR="{fill}" STYLE="ROUNDED" CELLBORDER="0" CELLSPACING="0" '
                    f'CELLPADDING="{pad}">{"".join(rows)}</TABLE>'
                ),
                "tooltip": "\n".join(tooltip),
            },
        )
        return name

    def _write_no_lead(self) -> None:
        """The "No lead" box the milestones nobody leads hang on."""
        count = len(self.unled)
        fs = [f for n in self.unled for f in self.by_node.get(n, []) if f.rule == "OG301"]
        self.dot.node(
            _NO_LEAD,
            {
                "id": "og-no-lead",  # (og-owner-<id> are the owners')
                "class": "og-node og-owner og-no-lead",
                "label": Html(
                    f'<TABLE BORDER="2" COLOR="{SEVERITY_COLOURS["warning"]}" BGCOLOR="#FFFFFF" '
                    'STYLE="ROUNDED,DASHED" CELLBORDER="0" CELLSPACING="0" CELLPADDING="6">'
                    '<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="13"><B>No lead</B></FONT></TD></TR>'
                    f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="9" COLOR="{MUTED}">'
                    f"{count} milestone{'s' if count != 1 else ''} "
                    f"nobody leads (OG301)</FONT></TD></TR></TABLE>"
                ),
                "tooltip": f"{count} milestone{'s' if count != 1 else ''} with no lead, and none "
                "from an objective"
                + (f"; {len(fs)} OG301 finding{'s' if len(fs) != 1 else ''}" if fs else ""),
            },
        )

    def _graph_attrs(self) -> dict[str, object]:
        opts = self.opts
        graph: dict[str, object] = {
            "rankdir": "LR" if opts.direction == "LR" else "TB",
            "newrank": True,
            "fontname": FONT,
            "nodesep": NODESEP,
            "ranksep": self.ranksep,
            "pad": 0.3,
            "outputorder": "edgesfirst",
            # (keeps the work of each column in the plan's order: _write_reading_order)
            "remincross": False,
            "size": self.opts.page_size,  # (shrunk to fit the page asked for, never enlarged)
            "id": "og-diagram",
            "class": "og-owner-view",
        }
        if opts.title:
            # (the findings drawn: the owners' and those of the work they lead, each once)
            led = {n for v in self.work.values() for n in v} | set(self.unled)
            # (a finding about joint leads is marked at each of them, and counted once)
            drawn = len({id(f) for o in self.work for f in self.by_owner.get(o, ())}) + sum(
                len(self.by_node.get(n, ())) for n in led
            )
            graph.update(
                {
                    "label": title_label(
                        self.plan,
                        self.facts,
                        self.palette,
                        opts,
                        (),
                        [],
                        self._key(led),
                        legend_owner=True,
                        drawn=drawn,
                    ),
                    "labelloc": "t",
                    "labeljust": "l",
                }
            )
        return graph

    def _key(self, led: set[str]) -> LegendKey:
        """What the legend explains: the outcomes and severities of the work drawn (``led``) and of
        its owners, and the fills of the busy owners drawn."""
        from dataclasses import replace

        findings = [f for o in self.work for f in self.by_owner.get(o, ())]
        findings += [f for n in led for f in self.by_node.get(n, ())]
        key = legend_key(self.plan, self.facts, self.palette, led, findings, dark_vision=False)
        key = replace(key, copies=bool(self.copy_of))
        if not self.has_milestones:
            return key
        limits = {o: self._limit(o) for o in self.work}
        return replace(
            key,
            over=any(self.total[o] > limits[o] for o in self.work),
            busy=any(0.75 * limits[o] < self.total[o] <= limits[o] for o in self.work),
        )

    def _limit(self, oid: str) -> int:
        """The most milestones an owner may lead: its capacity, else the OG302 limit."""
        capacity = self.facts.owners[oid].capacity
        return capacity if capacity is not None else self.limits["max-milestones"]


def _gates(
    led: dict[str, list[str]], group: dict[str, str | None], column: dict[str, int]
) -> dict[tuple[str, str | None], str]:
    """The gates of the lines from an owner to the work a priority's box of its band holds beyond
    that box's first column: a hidden point in the box's first column, through which those lines
    enter it (by the owner and the box; the value is the gate's name in the DOT text).

    Graphviz routes a line through each column between its ends, and those of a box's column are
    inside the box, where the line's own may not be: the lines to a second, third or fourth column
    of work ran over the top of the box and under it (Richmond's owner of 37 milestones, in four
    columns, was wrapped in its lines). Through a gate, they cross into the box and on between its
    nodes. (Every line stays in its owner's band: work
    another band draws has a copy in this one.)"""
    gates: dict[tuple[str, str | None], str] = {}
    for name in sorted(led):
        for n in led[name]:
            if column[n]:
                gates.setdefault((name, group.get(n)), f"og:gate:{len(gates)}")
    return gates


def _work(
    plan: Plan, facts: PlanFacts, opts: DiagramOptions, has_milestones: bool
) -> tuple[dict[str, list[str]], list[str]]:
    """The work each owner leads in the view (milestones, or in a plan without milestones the nodes
    it leads), and the milestones nobody leads.

    Raises
    ------
    RenderError
        Nobody leads anything in the view.
    """
    work: dict[str, list[str]] = {}
    for o in facts.owners.values():
        items = o.milestones if has_milestones else o.nodes
        work[o.id] = list(dict.fromkeys(items))
    keep: set[str] | None = None
    if opts.focus is not None:
        f = opts.focus
        keep = {f, *facts.ancestors(f), *facts.descendants(f)}
        if plan.nodes[f].kind == "indicator":
            # (an indicator is moved by the work under what it measures: its owners are those
            # leading that work, and the nodes it measures themselves)
            for m in facts.measures.get(f, []):
                keep |= {m, *facts.ancestors(m), *facts.descendants(m)}
    if opts.outcome is not None:
        from ...graph.slices import nothing_serves

        part = facts.outcome_slice(opts.outcome)
        if not part:
            # (say why, as the logic model does: not that nobody leads anything)
            raise RenderError(f"nothing to draw: {nothing_serves(facts, opts.outcome)}")
        keep = set(part.serving) if keep is None else keep & part.serving
    if keep is not None:
        work = {o: [n for n in items if n in keep] for o, items in work.items()}
    work = {o: items for o, items in work.items() if items}
    # Milestones nobody leads (OG301) hang on a "No lead" box of their own: left out, they would
    # make the plan look fully led.
    unled = (
        [
            n
            for n in facts.ids_of("milestone")
            if not facts.lead_owners.get(n) and (keep is None or n in keep)
        ]
        if has_milestones
        else []
    )
    if not work and not unled:
        raise RenderError(
            "nothing to draw: no owner leads "
            + ("a milestone" if has_milestones else "a node")
            + (" in this view" if keep is not None else " in the plan")
        )
    return work, unled


def _findings_by_owner_and_node(
    plan: Plan, report: Report | None
) -> tuple[dict[str, list[Finding]], dict[str, list[Finding]]]:
    """The findings of each owner, and of each node of the plan."""
    by_owner: dict[str, list[Finding]] = defaultdict(list)
    by_node: dict[str, list[Finding]] = defaultdict(list)
    if report is not None:
        for finding in report.findings:
            if finding.kind == "owner":
                for owner in finding.subjects:  # (joint leads of one finding each marked)
                    by_owner[owner].append(finding)
            elif finding.node in plan.nodes:
                by_node[finding.node].append(finding)
    return by_owner, by_node
