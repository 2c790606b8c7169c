"""The logic-model view as DOT: one rank per level, each indicator in the column after the node it
measures, one cluster per priority, then the edges.

What is drawn comes from :func:`~outcome_graph.output.diagram.layout.build_model`. In SVG every
node carries ``id="og-<node id>"`` (see :func:`outcome_graph.output.escape.svg_id`), a ``class``
naming its kind, and a tooltip. With findings, nodes are outlined in the colour of their worst
finding and badged with the rule codes; the "Unattached" cluster is outlined in red, and a reference
to a missing parent or indicator is a dashed red edge to a placeholder node.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping
from typing import TYPE_CHECKING

from ..escape import svg_id
from .dot import Dot, Html, balanced_wrap, flip, html_lines, wrap
from .labels import PLAN_WIDE_SHOWN, LegendKey, legend_key, node_label, node_tooltip, title_label
from .layout import UNATTACHED, LogicModel, block_order, build_model, indicator_columns
from .options import DIAGRAM_LEVELS, PLURAL
from .style import (
    BORDER,
    BOX_BORDER,
    BOX_FILL,
    FONT,
    LINE,
    MEASURE_LINE,
    MUTED,
    OUTLINE,
    SEVERITY_COLOURS,
    TEXT,
    Palette,
    worst_severity,
)

if TYPE_CHECKING:
    from ...findings import Finding, Report
    from ...graph.facts import PlanFacts
    from ...model.plan import Plan
    from .options import DiagramOptions


#: The weight of the line that places an indicator beside its node (Graphviz's default is 1): it
#: holds the indicator level with the node against the hidden edges down its column. More (8) drew
#: Southend's objectives of many milestones down to the foot of their blocks, their lines crossing.
PLACING_WEIGHT = 3


def logic_model_dot(plan: Plan, facts: PlanFacts, opts: DiagramOptions) -> str:
    """The logic-model view of a plan as DOT text."""
    return _Writer(plan, facts, opts).text()


class _Writer:
    """Writes the DOT text of one logic model: the clusters with their nodes, the edges, the
    title."""

    def __init__(self, plan: Plan, facts: PlanFacts, opts: DiagramOptions) -> None:
        self.plan, self.facts, self.opts = plan, facts, opts
        self.model = model = build_model(plan, facts, opts)
        self.palette = Palette.of(plan)
        self.lr = opts.direction == "LR"
        self.by_node, self.plan_findings = _findings_by_node(plan, opts.findings)
        self.drawn = set(model.nodes)
        self.rank = _ranks(plan, model)
        self.constrained = _constrained(model)
        placing = _placing_edges(model)
        self.beside_of = {
            head: tail for tail, head in placing
        }  # indicator -> the node it sits beside
        self.members: dict[str | None, list[str]] = defaultdict(list)  # cluster -> its nodes
        for n in [*model.nodes, *model.placeholders]:
            self.members[model.cluster.get(n)].append(n)
        self.passes = _passes(model, self.rank, self.beside_of)
        for (node, c), name in self.passes.items():
            self.rank[name] = self.rank[node] + 1 + c
            self.members[model.cluster.get(node)].append(name)
        # (top to bottom, the boxes in rows one under another, :func:`_rows_of_boxes`)
        self.row_of = (
            {}
            if self.lr
            else _rows_of_boxes([(k, self.members[k]) for k in self._cluster_keys()], self.rank)
        )
        stack = self._stack_rows()
        # (the nodes an edge puts in their column: those of the hierarchy, the indicators placed
        # beside a node and the passes; a rank group of none
        # of them needs an anchor, :meth:`_write_members`)
        self.fixed = self.constrained | set(self.beside_of) | set(self.passes.values())
        self.pass_of = {name: node for (node, _c), name in self.passes.items()}
        self.column_under = self._column_order()
        self.placing = placing | self._routed()  # (the edges that place what they lead to)
        # (a focus on an indicator draws each line to it apart, straight from its node: no gate)
        self.gates = _gates(model, self.rank, placing) if not self._focus_on_indicator() else {}
        if self.row_of:
            # (a line to a box of another row crosses no column of its own box's row: it goes
            # straight to its indicator, a gate would stretch the box over the rows between)
            row_of = self.row_of
            self.gates = {
                (tail, box): name
                for (tail, box), name in self.gates.items()
                if row_of.get(model.cluster.get(tail) or "", -1) == row_of.get(box or "")
            }
        for (tail, box), name in self.gates.items():
            self.rank[name] = self.rank[tail] + 1
            self.members[box].append(name)
        self.anchors: list[
            tuple[str, str, int]
        ] = []  # invisible edges that put free nodes in their column
        self.stack = stack  # (and those that hold each row of boxes under the row above)
        rank = self.rank
        top_nodes = [n for n in self.members.get(None, []) if rank[n] == 0] or [
            n for n in rank if rank[n] == 0
        ]
        self.global_anchor = top_nodes[0] if top_nodes else None
        self.dot = Dot()

    def text(self) -> str:
        dot = self.dot
        dot.defaults("node", {"fontname": FONT, "shape": "plain", "fontcolor": TEXT})
        dot.defaults("edge", {"color": LINE, "arrowhead": "none", "penwidth": 1.1})
        self._write_members(None)
        for i, key in enumerate(self._cluster_keys()):
            if key == UNATTACHED:
                self._open_unattached_cluster()
            else:
                self._open_priority_cluster(i, key)
            self._write_members(key)
            dot.close()
        self._write_edges()
        self._write_column_order()
        for tail, head, span in self.anchors:
            dot.edge(
                tail, head, {"style": "invis", "minlen": span} if span != 1 else {"style": "invis"}
            )
        for tail, head, span in self.stack:
            dot.edge(tail, head, {"style": "invis", "minlen": span, "weight": 0})
        return dot.text(self.plan.id, self._graph_attrs())

    # --- nodes ------------------------------------------------------------------------------------
    def _write_node(self, n: str) -> None:
        plan, facts, model = self.plan, self.facts, self.model
        node = plan.nodes[n]
        findings = self.by_node.get(n, [])
        label, _cut, fill = node_label(
            plan, facts, n, self.palette, findings, model.rolled.get(n, [])
        )
        worst = worst_severity(findings)
        values: dict[str, object] = {
            "id": svg_id(n),
            "class": f"og-node og-{node.kind}" + (f" og-{worst}" if worst else ""),
            # (the order of a node's children: its out-edges', or where they are in its box, the
            # chain down the column, :meth:`_write_column_order`, with which the order of its lines
            # to indicators conflicted)
            "ordering": None
            if node.kind in ("indicator", "milestone") or n in self.column_under
            else "out",
            "label": label,
            "tooltip": node_tooltip(
                plan, facts, n, findings, model.rolled.get(n, []), self.opts.outcome
            ),
        }
        if node.kind == "indicator":
            values.update(
                {
                    "shape": "note",
                    "style": "filled",
                    "fillcolor": fill,
                    "margin": "0.06,0.03",
                    "color": SEVERITY_COLOURS[worst] if worst else BORDER,
                    "penwidth": OUTLINE[worst] * 1.2 if worst else 1,
                }
            )
        self.dot.node(n, values)

    def _write_placeholder(self, name: str) -> None:
        missing, level = self.model.placeholders[name]
        what = "indicator" if level == "indicator" else "parent"
        red = SEVERITY_COLOURS["error"]
        self.dot.node(
            name,
            {
                "id": svg_id(name, "og-missing-"),
                "class": "og-node og-missing",
                "shape": "box",
                "style": "dashed,rounded",
                "color": red,
                "margin": "0.1,0.05",
                "label": Html(
                    f'<FONT POINT-SIZE="9" COLOR="{red}">missing '
                    f"{what}<BR/><B>{html_lines(wrap(missing, 24, 2)[0])}</B></FONT>"
                ),
                "tooltip": f"{missing} is referred to but does not exist in the plan (OG104 broken "
                "reference)",
            },
        )

    def _stack_rows(self) -> list[tuple[str, str, int]]:
        """Move the boxes of each row of :attr:`row_of` down the ranks, under the deepest column of
        the row above. Returns the hidden edges that hold each box of a row under the row above,
        from the middle of the deepest column of the row above to the top of the box.

        Held from the top of the row above (or by the vision's lines alone), each row stood a step
        to the side of the last, the line holding it running down beside the boxes above: Richmond's
        four boxes in three rows drew a staircase as wide as one row of them."""
        row_of, rank, members = self.row_of, self.rank, self.members
        if not row_of:
            return []
        deepest: dict[int, int] = {}
        lowest: dict[int, int] = {}
        bottom: dict[int, str] = {}  # row -> the middle node of its deepest column
        tops: dict[str, str] = {}  # box -> a node of its top rank
        for key, row in row_of.items():
            names = [n for n in members[key] if not n.startswith("og:")] or members[key]
            low, high = min(rank[n] for n in names), max(rank[n] for n in names)
            tops[key] = next(n for n in names if rank[n] == low)
            lowest[row] = min(lowest.get(row, low), low)
            if high > deepest.get(row, -1):
                deepest[row] = high
                column = [n for n in names if rank[n] == high]
                bottom[row] = column[len(column) // 2]
        offset = {0: 0}
        for row in range(1, len(deepest)):
            offset[row] = offset[row - 1] + deepest[row - 1] + 1 - lowest[row]
        for key, row in row_of.items():
            for n in members[key]:
                rank[n] += offset[row]
        edges = [
            (bottom[row - 1], tops[key], rank[tops[key]] - rank[bottom[row - 1]])
            for key, row in row_of.items()
            if row > 0
        ]
        return edges

    def _write_members(self, key: str | None) -> None:
        """The nodes of a cluster (None: outside any), their rank groups, and the anchors that put
        the nodes no hierarchy edge places in their column."""
        nodes = self.members.get(key, [])
        gates = set(self.gates.values()) | set(self.passes.values())
        for n in flip(nodes, self.lr):
            if n in self.model.placeholders:
                self._write_placeholder(n)
            elif n in gates:
                # (og-gate_0: a node's id ends no "_" escape so, og-gate-0 is the node gate-0's)
                what = n.split(":")[1]  # (gate or pass)
                self.dot.point(n, f"og-{what}_" + n.rsplit(":", 1)[1], "og-gate")
            else:
                self._write_node(n)
        by_rank: dict[int, list[str]] = defaultdict(list)
        for n in nodes:
            by_rank[self.rank[n]].append(n)
        if not by_rank:
            return
        constrained, anchors, global_anchor = self.fixed, self.anchors, self.global_anchor
        low = min(by_rank)
        local = next((n for n in by_rank[low] if n in constrained), by_rank[low][0])
        if (
            low > 0
            and global_anchor is not None
            and global_anchor not in nodes
            and self.row_of.get(key or "", 0) == 0  # (a lower row hangs on the row above)
            and not any(n in constrained for n in by_rank[low])
        ):
            anchors.append((global_anchor, by_rank[low][0], low - self.rank[global_anchor]))
        for r in sorted(by_rank):
            group = by_rank[r]
            if len(group) > 1:
                self.dot.same_rank(flip(group, self.lr))
            if r > low and not any(n in constrained for n in group):
                anchors.append((local, group[0], r - low))

    # --- clusters ---------------------------------------------------------------------------------
    def _cluster_keys(self) -> list[str]:
        """The clusters in the order to write them: the priorities', then the unattached one."""
        members = self.members
        keys = [k for k in members if k is not None and k != UNATTACHED]
        if UNATTACHED in members:
            keys.append(UNATTACHED)
        if not any(self.rank[n] == 0 for n in members.get(None, [])):
            # Without a vision the priorities' clusters are separate drawings, which dot stacks
            # in reverse in LR: write them in reverse as well.
            keys = flip(keys, self.lr)
        return keys

    def _open_unattached_cluster(self) -> None:
        self.dot.open("subgraph cluster_unattached")
        self.dot.defaults(
            "graph",
            {
                "label": Html(
                    f'<FONT POINT-SIZE="11" COLOR="{SEVERITY_COLOURS["error"]}"><B>Unattached</B>: '
                    "not linked to any priority (orphans, missing parents)</FONT>"
                ),
                "style": "dashed,rounded",
                "color": SEVERITY_COLOURS["error"],
                "bgcolor": "#FFF5F5",
                "labeljust": "l",
                "id": "og-cluster-unattached",
            },
        )

    def _open_priority_cluster(self, i: int, key: str) -> None:
        self.dot.open(f"subgraph cluster_{i}")
        prio = self.plan.nodes[key]
        values: dict[str, object] = {
            "style": "rounded,filled",
            "color": BOX_BORDER,
            "fillcolor": BOX_FILL,
            "id": svg_id(key, "og-cluster-"),
            "penwidth": 1,
        }
        if key not in self.drawn:  # the priority is not drawn: name it on its cluster
            lines, _ = balanced_wrap(f"{prio.number or key}  {prio.title}", 60, 2)
            values["label"] = Html(
                f'<FONT POINT-SIZE="11" COLOR="{MUTED}"><B>{html_lines(lines)}</B></FONT>'
            )
            values["labeljust"] = "l"
            values["tooltip"] = f"Priority {key}: {prio.title}"
        else:
            values["label"] = ""
        self.dot.defaults("graph", values)

    # --- edges and the whole ----------------------------------------------------------------------
    def _write_edges(self) -> None:
        rank, constrained, placing = self.rank, self.constrained, self.placing
        row_of = {n: row for key, row in self.row_of.items() for n in self.members[key]}
        for tail, head, kind in flip(self._edges_through_gates(), self.lr):
            span = rank.get(head, 0) - rank.get(tail, 0)
            values: dict[str, object] = {}
            if (
                kind == "hierarchy"
                or (kind == "broken" and head in constrained)
                or (tail, head) in placing
            ):
                if span > 1:
                    values["minlen"] = span
                elif span < 1:
                    values["constraint"] = False
                if row_of.get(head, 0) != row_of.get(tail, 0):
                    # (the vision's line to a box of a lower row: of no weight, it leaves the box
                    # under the row above rather than a step to the side, where the line runs down)
                    values["weight"] = 0
            else:
                values["constraint"] = False
            if kind == "hierarchy":
                values["class"] = "og-edge"
            elif kind == "measure":
                if (tail, head) in placing:
                    # (held level with its node more firmly than the column's hidden chain pulls
                    # it to its neighbours: Southend's NI 110, beside P4.A4.O2, stood level with
                    # P4.A4.O1, which does not list it, and top to bottom under it)
                    values["weight"] = PLACING_WEIGHT
                values.update(
                    {"class": "og-edge og-measure", "color": MEASURE_LINE, "style": "dashed"}
                )
            else:
                values.update(
                    {
                        "class": "og-edge og-broken",
                        "color": SEVERITY_COLOURS["error"],
                        "style": "dashed",
                        "penwidth": 1.6,
                        "arrowhead": "normal",
                        "arrowsize": 0.6,
                    }
                )
            self.dot.edge(tail, head, values)

    def _column_order(self) -> dict[str, list[str]]:
        """What each node has beside it in the column after it, in the order it reads (top to
        bottom, left to right with ``--direction TB``): its children of its own box, in the plan's
        order, then the indicators placed beside it (:func:`_placing_edges`), a pass among them
        (:func:`_passes`); a pass has the indicators of the block's next column. A node with
        several parents hangs on the first."""
        model, rank, cluster, passes = self.model, self.rank, self.model.cluster, self.passes
        under: dict[str, list[str]] = defaultdict(list)
        hung: set[str] = set()
        for tail, head, kind in model.edges:
            if (
                kind == "hierarchy"
                and head not in hung
                and rank[head] == rank[tail] + 1
                and cluster.get(head) == cluster.get(tail)
            ):
                hung.add(head)
                under[tail].append(head)
        beside: dict[str, list[str]] = defaultdict(list)
        for n in block_order(model, self.beside_of):
            node = self.beside_of[n]
            c = rank[n] - rank[node] - 1
            beside[node if c == 0 else passes[node, c - 1]].append(n)
        for (
            (node, c),
            name,
        ) in passes.items():  # (level with the middle of the indicators before the next column's)
            names = beside[node if c == 0 else passes[node, c - 1]]
            names.insert(len(names) // 2, name)
        for anchor, names in beside.items():
            under[anchor].extend(names)
        return under

    def _write_column_order(self) -> None:
        """Hidden edges down each column of each box, from each node to the next as it reads
        (:meth:`_column_order`, from the nodes of the column before): the plan's order, each node's
        indicators under its children, beside it.

        An edge within a rank keeps its two ends in order, not side by side: chaining each block
        beside a node alone, a line from another node of the box drew Southend's NI 115, placed
        beside P2.A2.O1, ten objectives down among P2.A2.O12's milestones, and then P2.A2.O11's
        and O12's milestones up among P2.A2.O1's when the block was held above the next. Left to
        the nodes' ``ordering``, Graphviz set some of an aim's indicators above its objectives and
        others among the next aim's. The graph's ``remincross``
        is off: nothing reorders a column after."""
        model = self.model
        under = self.column_under
        seq: dict[str, int] = {}
        hung = {n for names in under.values() for n in names}
        for root in [*model.nodes, *model.placeholders]:
            if root in hung or root in seq:
                continue
            stack = [root]
            while stack:
                n = stack.pop()
                if n in seq:
                    continue
                seq[n] = len(seq)
                stack.extend(reversed(under.get(n, ())))
        columns: dict[tuple[str | None, int], list[str]] = defaultdict(list)
        for n in sorted(hung, key=seq.__getitem__):
            columns[
                model.cluster.get(n)
                if not n.startswith("og:pass:")
                else model.cluster.get(self.pass_of[n]),
                self.rank[n],
            ].append(n)
        for (box, _r), names in columns.items():
            # (dot does not turn the order within a box for LR as it turns the graph's: in a box
            # the tail of an edge within a rank is drawn below its head)
            upward = self.lr and box is not None
            for above, below in zip(names, names[1:]):
                tail, head = (below, above) if upward else (above, below)
                self.dot.edge(tail, head, {"style": "invis"})

    def _edges_through_gates(self) -> list[tuple[str, str, str]]:
        """The model's edges, a line to an indicator in another priority's box in two: from its node
        to the box's gate (:func:`_gates`), drawn once, and from the gate to the indicator; a line
        to an indicator in a later column of the block beside its node through that node's passes
        (:func:`_passes`), each part drawn once."""
        cluster, gates, passes, beside_of, rank = (
            self.model.cluster,
            self.gates,
            self.passes,
            self.beside_of,
            self.rank,
        )
        edges: list[tuple[str, str, str]] = []
        entered: set[tuple[str, str]] = set()
        for tail, head, kind in self.model.edges:
            if kind == "measure" and beside_of.get(head) == tail and (tail, 0) in passes:
                column = rank[head] - rank[tail] - 1
                if column:
                    route = [tail, *(passes[tail, c] for c in range(column))]
                    for a, b in zip(route, route[1:]):
                        if (a, b) not in entered:
                            entered.add((a, b))
                            edges.append((a, b, kind))
                    edges.append((route[-1], head, kind))
                    continue
            gate = (
                gates.get((tail, cluster.get(head)))
                if kind == "measure" and rank[head] - rank[tail] > 1
                else None
            )
            if gate is None:
                edges.append((tail, head, kind))
                continue
            if (tail, gate) not in entered:
                entered.add((tail, gate))
                edges.append((tail, gate, kind))
            edges.append((gate, head, kind))
        return edges

    def _routed(self) -> set[tuple[str, str]]:
        """The parts of the lines through passes: each places what it leads to, as the line it is
        part of would."""
        passes = self.passes
        routed: set[tuple[str, str]] = set()
        for (node, c), name in passes.items():
            routed.add((node if c == 0 else passes[node, c - 1], name))
        for i, node in self.beside_of.items():
            column = self.rank[i] - self.rank[node] - 1
            if column:
                routed.add((passes[node, column - 1], i))
        return routed

    def _focus_on_indicator(self) -> bool:
        """Whether the view is one indicator with what it measures (``--focus`` on an indicator).

        Its lines all end at the indicator, from boxes of several priorities: Graphviz merging them
        across those boxes warned "degenerate concentrated rank" and drew them as loops over the
        indicator's box; drawn apart, each goes straight to it, and they are few."""
        focus = self.opts.focus
        return focus is not None and self.plan.nodes[focus].kind == "indicator"

    def _graph_attrs(self) -> dict[str, object]:
        lr, model = self.lr, self.model
        graph: dict[str, object] = {
            "rankdir": "LR" if lr else "TB",
            "fontname": FONT,
            "bgcolor": "white",
            "nodesep": 0.12 if lr else 0.2,
            "ranksep": 0.9 if lr else 0.6,
            "pad": 0.3,
            "outputorder": "edgesfirst",
            # (a second pass over the clusters undid the plan's order of the aims of a priority
            # whose indicators another priority lists)
            "remincross": False,
            # (the lines from an aim to its many indicators share a trunk until they part: a tangle
            # of dashed lines through the columns between
            # them was the busiest part of a logic model)
            "concentrate": not self._focus_on_indicator(),
            "size": self.opts.page_size,  # (shrunk to fit the page asked for, never enlarged)
            "id": "og-diagram",
            "class": "og-logic-model",
        }
        if self.opts.title:
            # (a finding of a milestone under several drawn
            # objectives shows on each: it counts once)
            on_nodes = {id(f) for n in model.nodes for f in self.by_node.get(n, ())}
            on_nodes.update(id(f) for fs in model.rolled.values() for f in fs)
            n_drawn = len(on_nodes) + min(len(self.plan_findings), PLAN_WIDE_SHOWN)
            # (the levels a node is drawn at: a focus or an
            # outcome may leave some of model.levels empty)
            kinds = {self.plan.nodes[n].kind for n in model.nodes}
            drawn_levels = [lv for lv in model.levels if lv in kinds]
            graph.update(
                {
                    "label": title_label(
                        self.plan,
                        self.facts,
                        self.palette,
                        self.opts,
                        drawn_levels,
                        self.plan_findings,
                        self._key(),
                        unplaced=_unplaced_note(model),
                        drawn=n_drawn,
                        rolled=bool(model.rolled),
                    ),
                    "labelloc": "t",
                    "labeljust": "l",
                }
            )
        return graph

    def _key(self) -> LegendKey:
        """What the legend explains: the outcomes, fills, severities and lines this drawing has."""
        from dataclasses import replace

        model, plan = self.model, self.plan
        findings = [f for n in model.nodes for f in self.by_node.get(n, ())]
        findings += [f for fs in model.rolled.values() for f in fs]
        findings += self.plan_findings[
            :PLAN_WIDE_SHOWN
        ]  # (written under the title in their colours)
        key = legend_key(plan, self.facts, self.palette, model.nodes, findings)
        return replace(
            key,
            indicators=any(plan.nodes[n].kind == "indicator" for n in model.nodes),
            measures=any(kind == "measure" for _tail, _head, kind in model.edges),
        )


def _findings_by_node(
    plan: Plan, report: Report | None
) -> tuple[dict[str, list[Finding]], list[Finding]]:
    """The findings a logic model draws: those of each node, and the plan-wide ones (written under
    the title). Owners' and groups' findings have no place in it."""
    by_node: dict[str, list[Finding]] = defaultdict(list)
    plan_findings: list[Finding] = []
    if report is not None:
        for f in report.findings:
            if f.kind == "plan" or (f.node == plan.id and f.node not in plan.nodes):
                plan_findings.append(f)
            elif f.node in plan.nodes and f.kind not in ("owner", "group"):
                by_node[f.node].append(f)
    return by_node, plan_findings


def _ranks(plan: Plan, model: LogicModel) -> dict[str, int]:
    """Each node's rank: one per level, and each indicator in the column after the node it sits
    beside (the tail of the edge that places it, :func:`_placing_edges`), up to three columns on
    (:func:`~outcome_graph.output.diagram.layout.indicator_columns`); a missing indicator's
    placeholder in the column after the node naming it.

    An indicator in a column of its own after the last level stood as many columns from an aim
    it measures as the levels below the aim, its line crossing the objectives' column and those
    of the aims below (Thurrock's P1.A1 bowed round to NI 93): beside the aim, among its objectives
    and beyond them, it is one column away. An indicator no edge of its box places (one measuring
    nothing, or only nodes of other boxes) keeps the
    indicators' own column, after the last level."""
    rank_of = {lv: i for i, lv in enumerate(model.levels)}
    beside = {head: tail for tail, head in _placing_edges(model)}
    column = indicator_columns(plan, model, beside, block_order(model, beside))
    rank: dict[str, int] = {}
    for n in model.nodes:
        if n not in beside:
            rank[n] = rank_of[plan.nodes[n].kind] + column.get(n, 0)
    for n, tail in beside.items():
        rank[n] = rank[tail] + 1 + column.get(n, 0)
    named_by: dict[str, str] = {}
    for tail, head, kind in model.edges:
        if kind == "broken" and head in model.placeholders and tail in rank:
            named_by.setdefault(head, tail)
    for name, (_missing, level) in model.placeholders.items():
        if level == "indicator" and name in named_by:
            rank[name] = rank[named_by[name]] + 1
        else:
            rank[name] = rank_of.get(level, 0)
    return rank


def _constrained(model: LogicModel) -> set[str]:
    """The nodes whose rank an edge fixes: the heads of the hierarchy's edges (and of a missing
    parent's). Indicators get their column from a rank group in their cluster (the one edge that
    places each, :func:`_placing_edges`, spans the ranks between its ends exactly)."""
    constrained: set[str] = set()
    for tail, head, kind in model.edges:
        if kind == "hierarchy" or (
            kind == "broken" and model.placeholders.get(tail, ("", ""))[1] != "indicator"
        ):
            constrained.add(head)
    return constrained


def _placing_edges(model: LogicModel) -> set[tuple[str, str]]:
    """The edge that places each indicator: the first from a node of its own cluster.

    Graphviz orders a column's nodes by the edges that take part in the layout: with none to them,
    an aim's indicators were strewn down its whole priority's box, a tangle of dashed lines. One
    edge per indicator, as long as the ranks between its ends, puts it beside what it measures;
    more, or one from another priority's box, pulled aims out of the plan's order, so the others
    take no part.
    """
    placing: set[tuple[str, str]] = set()
    placed: set[str] = set()
    cluster = model.cluster
    for tail, head, kind in model.edges:
        if kind == "measure" and head not in placed and cluster.get(tail) == cluster.get(head):
            placed.add(head)
            placing.add((tail, head))
    return placing


def _passes(
    model: LogicModel, rank: dict[str, int], beside_of: dict[str, str]
) -> dict[tuple[str, int], str]:
    """The passes of the lines from a node to the indicators of its block's later columns: a
    hidden point in each column of the block but the last, among the indicators there (by the node
    and the column, 0 the first; the value is the pass's name in the DOT text).

    A line to an indicator two or three columns from its node took no part in the columns between,
    and Graphviz led it through them wherever it pleased: over the objectives above the block and
    round the top of the box (Thurrock's P1.A1 to NI 78), the block of the further column drawn
    level with the line rather than the node. Through a pass in the middle of the indicators before
    it, the line crosses the block, and the further column stands beside it."""
    passes: dict[tuple[str, int], str] = {}
    for n in model.nodes:
        node = beside_of.get(n)
        if node is not None:
            for c in range(rank[n] - rank[node] - 1):
                passes.setdefault((node, c), f"og:pass:{len(passes)}")
    return passes


def _gates(
    model: LogicModel, rank: dict[str, int], placing: set[tuple[str, str]]
) -> dict[tuple[str, str | None], str]:
    """The gates of the lines from a node to indicators two columns or more from it that are not
    placed beside it: a hidden point in the indicators' box, in the column after the node's,
    through which those lines enter it (by the node and the box; the value is the gate's name in
    the DOT text).

    Such a line takes no part in the layout, but Graphviz still routes it through each column
    between its ends, outside every box: Thurrock's P4 lists ten indicators P3's box holds, and
    the lines from P4's aims ran under the whole picture and up its far side to reach them. Through
    a gate in P3's box, a column from their aim, they cross straight over into it. In a node's own
    box, the lines to the further columns of another node's indicators (Thurrock's P2.A2 and P2.A3
    list indicators placed beside P2.A1) looped over the top of the box: through a gate they cross
    the box's column instead. A line to the next column has no column between its ends to pass
    through, and needs none."""
    gates: dict[tuple[str, str | None], str] = {}
    cluster = model.cluster
    for tail, head, kind in model.edges:
        box = cluster.get(head)
        if (
            kind == "measure"
            and box is not None
            and (tail, head) not in placing
            and rank[head] - rank[tail] > 1
        ):
            gates.setdefault((tail, box), f"og:gate:{len(gates)}")
    return gates


#: Top to bottom, the points a node takes across its column and down the picture, about: to guess
#: a box's width and height before Graphviz lays it out (:func:`_rows_of_boxes`).
_NODE_WIDTH, _RANK_HEIGHT = 170, 100
#: The shape the rows of boxes make, about: a landscape page's (A4 and A3: the square root of 2).
_LANDSCAPE = 2**0.5


def _rows_of_boxes(boxes: list[tuple[str, list[str]]], rank: Mapping[str, int]) -> dict[str, int]:
    """Top to bottom, the row of each priority's box (the "Unattached" box's too), in the plan's
    order, one box a row, when that makes the picture nearer a landscape page's shape (width by
    height the square root of 2) than the boxes side by side: Thurrock's four boxes side by side
    drew a strip 14,600 points wide and 800 high, which no page prints. Each box is about as wide
    as its fullest column (its nodes side by side) and as high as its columns. Empty: a plan of one
    box, or one whose boxes side by side are nearer that shape.

    One box a row: rows of several boxes lost the plan's order, Graphviz setting Southend's P5 left
    of P4 among the vision's lines down the side of the rows above (nor did a hidden edge from P4 to
    P5, or a hidden box round the row, hold them in order)."""
    sizes: list[tuple[str, int, int]] = []  # box, width in nodes, height in ranks
    for key, names in boxes:
        count: dict[int, int] = defaultdict(int)
        for n in names:
            if not n.startswith("og:"):
                count[rank[n]] += 1
        if count:
            sizes.append((key, max(count.values()), max(count) - min(count) + 1))
    if len(sizes) < 2:
        return {}
    side_by_side = (
        sum(w for _k, w, _h in sizes) * _NODE_WIDTH / (max(h for _k, _w, h in sizes) * _RANK_HEIGHT)
    )
    stacked = (
        max(w for _k, w, _h in sizes) * _NODE_WIDTH / (sum(h for _k, _w, h in sizes) * _RANK_HEIGHT)
    )
    if abs(math.log(stacked / _LANDSCAPE)) >= abs(math.log(side_by_side / _LANDSCAPE)):
        return {}
    return {key: row for row, (key, _w, _h) in enumerate(sizes)}


def _unplaced_note(model: LogicModel) -> str | None:
    """What the view leaves out of the indicators it was asked to draw, and why (None: nothing)."""
    if not model.unplaced:
        return None
    kinds = [lv for lv in DIAGRAM_LEVELS if any(lv in ks for ks in model.unplaced.values())]
    n = len(model.unplaced)
    what = " or ".join(PLURAL[k] for k in kinds)
    return (
        f"{n} indicator{' is' if n == 1 else 's are'} not drawn: "
        f"{'it measures' if n == 1 else 'they measure'} only {what}, which this view leaves out "
        f"(add {' and '.join(kinds)} to the levels to show {'it' if n == 1 else 'them'})."
    )
