"""The logic-model view as DOT: one rank per level, one cluster per priority, then the edges.

What is drawn comes from :func:`~outcome_graph.output.diagram.layout.build_model`. In SVG every
node carries ``id="og-<node id>"`` (see :func:`outcome_graph.output.escape.svg_id`), a ``class``
naming its kind, and a tooltip. With findings, nodes are outlined in the colour of their worst
finding and badged with the rule codes; the "Unattached" cluster is outlined in red, and a reference
to a missing parent or indicator is a dashed red edge to a placeholder node.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from ..escape import svg_id
from .dot import Dot, Html, balanced_wrap, flip, html_lines, wrap
from .labels import PLAN_WIDE_SHOWN, LegendKey, legend_key, node_label, node_tooltip, title_label
from .layout import UNATTACHED, LogicModel, build_model, indicator_columns
from .options import DIAGRAM_LEVELS, PLURAL
from .style import (BORDER, BOX_BORDER, BOX_FILL, FONT, LINE, MEASURE_LINE, MUTED, OUTLINE, SEVERITY_COLOURS, TEXT, Palette,
                    worst_severity)

if TYPE_CHECKING:
    from ...findings import Finding, Report
    from ...graph.facts import PlanFacts
    from ...model.plan import Plan
    from .options import DiagramOptions


def logic_model_dot(plan: Plan, facts: PlanFacts, opts: DiagramOptions) -> str:
    """The logic-model view of a plan as DOT text."""
    return _Writer(plan, facts, opts).text()


class _Writer:
    """Writes the DOT text of one logic model: the clusters with their nodes, the edges, the title."""

    def __init__(self, plan: Plan, facts: PlanFacts, opts: DiagramOptions) -> None:
        self.plan, self.facts, self.opts = plan, facts, opts
        self.model = model = build_model(plan, facts, opts)
        self.palette = Palette.of(plan)
        self.lr = opts.direction == "LR"
        self.by_node, self.plan_findings = _findings_by_node(plan, opts.findings)
        self.drawn = set(model.nodes)
        self.rank = _ranks(plan, model)
        self.constrained = _constrained(model)
        self.members: dict[str | None, list[str]] = defaultdict(list)  # cluster -> its nodes
        for n in [*model.nodes, *model.placeholders]:
            self.members[model.cluster.get(n)].append(n)
        # (a focus on an indicator draws each line to it apart, straight from its node: no gate)
        self.gates = _gates(model, self.rank) if not self._focus_on_indicator() else {}
        for (tail, box), name in self.gates.items():
            self.rank[name] = self.rank[tail] + 1
            self.members[box].append(name)
        self.anchors: list[tuple[str, str, int]] = []  # invisible edges that put free nodes in their column
        rank = self.rank
        top_nodes = [n for n in self.members.get(None, []) if rank[n] == 0] or [n for n in rank if rank[n] == 0]
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
        for tail, head, span in self.anchors:
            dot.edge(tail, head, {"style": "invis", "minlen": span} if span != 1 else {"style": "invis"})
        return dot.text(self.plan.id, self._graph_attrs())

    # --- nodes ------------------------------------------------------------------------------------
    def _write_node(self, n: str) -> None:
        plan, facts, model = self.plan, self.facts, self.model
        node = plan.nodes[n]
        findings = self.by_node.get(n, [])
        label, _cut, fill = node_label(plan, facts, n, self.palette, findings, model.rolled.get(n, []))
        worst = worst_severity(findings)
        values: dict[str, object] = {
            "id": svg_id(n),
            "class": f"og-node og-{node.kind}" + (f" og-{worst}" if worst else ""),
            "ordering": None if node.kind in ("indicator", "milestone") else "out",
            "label": label,
            "tooltip": node_tooltip(plan, facts, n, findings, model.rolled.get(n, []), self.opts.outcome),
        }
        if node.kind == "indicator":
            values.update({
                "shape": "note", "style": "filled", "fillcolor": fill, "margin": "0.06,0.03",
                "color": SEVERITY_COLOURS[worst] if worst else BORDER, "penwidth": OUTLINE[worst] * 1.2 if worst else 1,
            })
        self.dot.node(n, values)

    def _write_placeholder(self, name: str) -> None:
        missing, level = self.model.placeholders[name]
        what = "indicator" if level == "indicator" else "parent"
        red = SEVERITY_COLOURS["error"]
        self.dot.node(name, {
            "id": svg_id(name, "og-missing-"),
            "class": "og-node og-missing",
            "shape": "box", "style": "dashed,rounded", "color": red, "margin": "0.1,0.05",
            "label": Html(f'<FONT POINT-SIZE="9" COLOR="{red}">missing {what}<BR/><B>{html_lines(wrap(missing, 24, 2)[0])}</B></FONT>'),
            "tooltip": f"{missing} is referred to but does not exist in the plan (OG104 broken reference)",
        })

    def _write_members(self, key: str | None) -> None:
        """The nodes of a cluster (None: outside any), their rank groups, and the anchors that put
        the nodes no hierarchy edge places in their column."""
        nodes = self.members.get(key, [])
        gates = set(self.gates.values())
        for n in flip(nodes, self.lr):
            if n in self.model.placeholders:
                self._write_placeholder(n)
            elif n in gates:
                # (og-gate_0: a node's id ends no "_" escape so, og-gate-0 is the node gate-0's)
                self.dot.node(n, {"id": "og-gate_" + n.rsplit(":", 1)[1], "class": "og-gate", "shape": "point",
                                  "style": "invis", "width": 0, "height": 0, "label": ""})
            else:
                self._write_node(n)
        by_rank: dict[int, list[str]] = defaultdict(list)
        for n in nodes:
            by_rank[self.rank[n]].append(n)
        if not by_rank:
            return
        constrained, anchors, global_anchor = self.constrained, self.anchors, self.global_anchor
        low = min(by_rank)
        local = next((n for n in by_rank[low] if n in constrained), by_rank[low][0])
        if low > 0 and global_anchor is not None and global_anchor not in nodes and not any(n in constrained for n in by_rank[low]):
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
        self.dot.defaults("graph", {
            "label": Html(
                f'<FONT POINT-SIZE="11" COLOR="{SEVERITY_COLOURS["error"]}"><B>Unattached</B>: '
                "not linked to any priority (orphans, missing parents)</FONT>"
            ),
            "style": "dashed,rounded", "color": SEVERITY_COLOURS["error"], "bgcolor": "#FFF5F5",
            "labeljust": "l", "id": "og-cluster-unattached",
        })

    def _open_priority_cluster(self, i: int, key: str) -> None:
        self.dot.open(f"subgraph cluster_{i}")
        prio = self.plan.nodes[key]
        values: dict[str, object] = {
            "style": "rounded,filled", "color": BOX_BORDER, "fillcolor": BOX_FILL,
            "id": svg_id(key, "og-cluster-"), "penwidth": 1,
        }
        if key not in self.drawn:  # the priority is not drawn: name it on its cluster
            lines, _ = balanced_wrap(f"{prio.number or key}  {prio.title}", 60, 2)
            values["label"] = Html(f'<FONT POINT-SIZE="11" COLOR="{MUTED}"><B>{html_lines(lines)}</B></FONT>')
            values["labeljust"] = "l"
            values["tooltip"] = f"Priority {key}: {prio.title}"
        else:
            values["label"] = ""
        self.dot.defaults("graph", values)

    # --- edges and the whole ----------------------------------------------------------------------
    def _write_edges(self) -> None:
        rank, constrained = self.rank, self.constrained
        placing = _placing_edges(self.model)
        for tail, head, kind in flip(self._edges_through_gates(), self.lr):
            span = rank.get(head, 0) - rank.get(tail, 0)
            values: dict[str, object] = {}
            if kind == "hierarchy" or (kind == "broken" and head in constrained) or (tail, head) in placing:
                if span > 1:
                    values["minlen"] = span
                elif span < 1:
                    values["constraint"] = False
            else:
                values["constraint"] = False
            if kind == "hierarchy":
                values["class"] = "og-edge"
            elif kind == "measure":
                values.update({"class": "og-edge og-measure", "color": MEASURE_LINE, "style": "dashed"})
            else:
                values.update({"class": "og-edge og-broken", "color": SEVERITY_COLOURS["error"], "style": "dashed",
                               "penwidth": 1.6, "arrowhead": "normal", "arrowsize": 0.6})
            self.dot.edge(tail, head, values)

    def _edges_through_gates(self) -> list[tuple[str, str, str]]:
        """The model's edges, a line to an indicator in another priority's box in two: from its node
        to the box's gate (:func:`_gates`), drawn once, and from the gate to the indicator."""
        cluster, gates = self.model.cluster, self.gates
        edges: list[tuple[str, str, str]] = []
        entered: set[str] = set()
        for tail, head, kind in self.model.edges:
            gate = gates.get((tail, cluster.get(head))) if kind == "measure" else None
            if gate is None:
                edges.append((tail, head, kind))
                continue
            if gate not in entered:
                entered.add(gate)
                edges.append((tail, gate, kind))
            edges.append((gate, head, kind))
        return edges

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
            # (the lines from an aim to its many indicators share a trunk until they part: a tangle of
            # dashed lines through the columns between them was the busiest part of a logic model)
            "concentrate": not self._focus_on_indicator(),
            "size": self.opts.page_size,  # (shrunk to fit the page asked for, never enlarged)
            "id": "og-diagram",
            "class": "og-logic-model",
        }
        if self.opts.title:
            # (a finding of a milestone under several drawn objectives shows on each: it counts once)
            on_nodes = {id(f) for n in model.nodes for f in self.by_node.get(n, ())}
            on_nodes.update(id(f) for fs in model.rolled.values() for f in fs)
            n_drawn = len(on_nodes) + min(len(self.plan_findings), PLAN_WIDE_SHOWN)
            # (the levels a node is drawn at: a focus or an outcome may leave some of model.levels empty)
            kinds = {self.plan.nodes[n].kind for n in model.nodes}
            drawn_levels = [lv for lv in model.levels if lv in kinds]
            graph.update({"label": title_label(self.plan, self.facts, self.palette, self.opts, drawn_levels, self.plan_findings,
                                               self._key(), unplaced=_unplaced_note(model), drawn=n_drawn,
                                               rolled=bool(model.rolled)),
                          "labelloc": "t", "labeljust": "l"})
        return graph


    def _key(self) -> LegendKey:
        """What the legend explains: the outcomes, fills, severities and lines this drawing has."""
        from dataclasses import replace

        model, plan = self.model, self.plan
        findings = [f for n in model.nodes for f in self.by_node.get(n, ())]
        findings += [f for fs in model.rolled.values() for f in fs]
        findings += self.plan_findings[:PLAN_WIDE_SHOWN]  # (written under the title in their colours)
        key = legend_key(plan, self.facts, self.palette, model.nodes, findings)
        return replace(key, indicators=any(plan.nodes[n].kind == "indicator" for n in model.nodes),
                       measures=any(kind == "measure" for _tail, _head, kind in model.edges))


def _findings_by_node(plan: Plan, report: Report | None) -> tuple[dict[str, list[Finding]], list[Finding]]:
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
    """Each node's rank: one per level (indicators may take up to three columns)."""
    rank_of = {lv: i for i, lv in enumerate(model.levels)}
    column = indicator_columns(plan, model)
    rank: dict[str, int] = {}
    for n in model.nodes:
        rank[n] = rank_of[plan.nodes[n].kind] + column.get(n, 0)
    for name, (_missing, level) in model.placeholders.items():
        rank[name] = rank_of.get(level, 0)
    return rank


def _constrained(model: LogicModel) -> set[str]:
    """The nodes whose rank an edge fixes: the heads of the hierarchy's edges (and of a missing
    parent's). Indicators get their column from a rank group in their cluster (the one edge that
    places each, :func:`_placing_edges`, spans the ranks between its ends exactly)."""
    constrained: set[str] = set()
    for tail, head, kind in model.edges:
        if kind == "hierarchy" or (kind == "broken" and model.placeholders.get(tail, ("", ""))[1] != "indicator"):
            constrained.add(head)
    return constrained


def _placing_edges(model: LogicModel) -> set[tuple[str, str]]:
    """The edge that places each indicator: the first from a node of its own cluster.

    Graphviz orders a column's nodes by the edges that take part in the layout: with none to them,
    an aim's indicators were strewn down its whole priority's box, a tangle of dashed lines. One edge
    per indicator, as long as the ranks between its ends, puts it beside what it measures; more, or
    one from another priority's box, pulled aims out of the plan's order, so the others take no part.
    """
    placing: set[tuple[str, str]] = set()
    placed: set[str] = set()
    cluster = model.cluster
    for tail, head, kind in model.edges:
        if kind == "measure" and head not in placed and cluster.get(tail) == cluster.get(head):
            placed.add(head)
            placing.add((tail, head))
    return placing


def _gates(model: LogicModel, rank: dict[str, int]) -> dict[tuple[str, str | None], str]:
    """The gates of the lines from a node to indicators in another priority's box: a hidden point
    in that box, in the column after the node's, through which those lines enter it (by the node
    and the box; the value is the gate's name in the DOT text).

    A line between boxes takes no part in the layout, but Graphviz still routes it through each
    column between its ends, outside every box: Thurrock's P4 lists ten indicators P3's box holds,
    and the lines from P4's aims ran under the whole picture and up its far side to reach them.
    Through a gate in P3's box, a column from their aim, they cross straight over into it. A line
    to the next column has no column between its ends to pass through, and needs none."""
    gates: dict[tuple[str, str | None], str] = {}
    cluster = model.cluster
    for tail, head, kind in model.edges:
        box = cluster.get(head)
        if kind == "measure" and box is not None and box != cluster.get(tail) and rank[head] - rank[tail] > 1:
            gates.setdefault((tail, box), f"og:gate:{len(gates)}")
    return gates


def _unplaced_note(model: LogicModel) -> str | None:
    """What the view leaves out of the indicators it was asked to draw, and why (None: nothing)."""
    if not model.unplaced:
        return None
    kinds = [lv for lv in DIAGRAM_LEVELS if any(lv in ks for ks in model.unplaced.values())]
    n = len(model.unplaced)
    what = " or ".join(PLURAL[k] for k in kinds)
    return (f"{n} indicator{' is' if n == 1 else 's are'} not drawn: {'it measures' if n == 1 else 'they measure'} "
            f"only {what}, which this view leaves out (add {' and '.join(kinds)} to the levels to show "
            f"{'it' if n == 1 else 'them'}).")
