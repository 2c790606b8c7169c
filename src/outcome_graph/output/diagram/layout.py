"""What the logic-model view draws: :class:`LogicModel`, the nodes, edges and clusters of a view.

The logic model reads left to right (or top to bottom): the vision, the priorities, their aims,
objectives, optionally milestones, one rank per level, and beside each node the indicators that
measure it. A view
can leave levels out (``levels``): edges then climb over the hidden levels, and the findings of a
hidden node go to the drawn node standing for it. ``focus`` keeps a node with its ancestors and
descendants, ``outcome`` one outcome's slice.

Each priority is a cluster; orphans and nodes whose parent does not exist sit in an "Unattached"
cluster; a reference to a missing parent or indicator is an edge to a placeholder node.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NoReturn

from ...errors import RenderError
from .options import DIAGRAM_LEVELS, PLURAL

if TYPE_CHECKING:
    from ...findings import Finding, Report
    from ...graph.facts import PlanFacts
    from ...model.plan import Plan
    from .options import DiagramOptions

#: The cluster of the nodes with no way up to the plan's top level (not a node id).
UNATTACHED = "\x00unattached"


@dataclass
class LogicModel:
    """What the logic-model view draws."""

    levels: tuple[str, ...]
    nodes: list[str] = field(default_factory=list)
    edges: list[tuple[str, str, str]] = field(default_factory=list)  # tail, head, type
    cluster: dict[str, str | None] = field(
        default_factory=dict
    )  # node -> priority id, "unattached" or None
    placeholders: dict[str, tuple[str, str]] = field(
        default_factory=dict
    )  # name -> (missing id, level)
    rolled: dict[str, list[Finding]] = field(
        default_factory=dict
    )  # findings of undrawn nodes below
    # Indicators of the view left out because every node they measure is hidden with nothing
    # drawn above it (--levels objective,indicator where they measure aims), with those kinds.
    unplaced: dict[str, set[str]] = field(default_factory=dict)


def build_model(plan: Plan, facts: PlanFacts, opts: DiagramOptions) -> LogicModel:
    """The nodes, edges, placeholders and clusters of the logic-model view ``opts`` asks for.

    Raises
    ------
    RenderError
        The view has nothing to draw (the message says why).
    """
    return _ModelBuilder(plan, facts, opts).build()


def levels_for(plan: Plan, facts: PlanFacts, opts: DiagramOptions) -> tuple[str, ...]:
    """The levels a logic-model view draws, left to right: those asked for (by default all but
    milestones) that the plan uses."""
    used = facts.levels_used
    if opts.levels is not None:
        wanted = set(opts.levels)
    else:
        wanted = set(DIAGRAM_LEVELS) - {"milestone"}
    if opts.milestones:
        wanted.add("milestone")
    if opts.focus is not None:
        wanted.add(plan.nodes[opts.focus].kind)
    levels = tuple(lv for lv in DIAGRAM_LEVELS if lv in wanted and lv in used)
    if not levels:
        asked = ", ".join(lv for lv in DIAGRAM_LEVELS if lv in wanted)
        has = ", ".join(PLURAL[lv] for lv in DIAGRAM_LEVELS if lv in used) or "no nodes"
        raise RenderError(f"nothing to draw: the plan has no {asked} (it has {has})")
    return levels


def home_priorities(plan: Plan, facts: PlanFacts) -> dict[str, str | None]:
    """Each hierarchy node's priority (the nearest priority above, or itself), ``UNATTACHED`` for a
    node with no way up to the plan's top level, ``None`` when the plan has no priorities."""
    from ...model.document import LEVELS

    used = facts.levels_used
    top = next((lv for lv in LEVELS[1:] if lv in used), None)
    nodes = plan.nodes
    parents = facts.parents
    nearest: dict[str, str | None] = {}  # node -> its nearest ancestor on the top level

    def nearest_top(node_id: str) -> str | None:
        # Below a node with a single parent, the nearest top-level ancestor is that parent's (or
        # the parent itself): walk such a chain up once and share the answer along it. A node
        # with several parents is searched breadth first, as facts.ancestors orders them.
        chain: list[str] = []
        on_chain: set[str] = set()
        n = node_id
        while n not in nearest:
            chain.append(n)
            on_chain.add(n)
            above = parents.get(n, ())
            if len(above) != 1:
                nearest[n] = next((a for a in facts.ancestors(n) if nodes[a].kind == top), None)
            elif nodes[above[0]].kind == top:
                nearest[n] = above[0]
            elif above[0] in on_chain:  # a cycle with no top-level node in it
                nearest[n] = None
            else:
                n = above[0]
        found = nearest[n]
        for c in chain:
            nearest[c] = found
        return found

    home: dict[str, str | None] = {}
    for node in nodes.values():
        if node.kind in ("vision", "indicator"):
            continue
        if node.kind == top:
            home[node.id] = node.id if node.kind == "priority" else None
        elif (found := nearest_top(node.id)) is None:
            home[node.id] = None if top is None else UNATTACHED
        else:
            home[node.id] = found if top == "priority" else None
    return home


class _ModelBuilder:
    """The steps of :func:`build_model`: choose the nodes, link them, cluster them."""

    def __init__(self, plan: Plan, facts: PlanFacts, opts: DiagramOptions) -> None:
        self.plan, self.facts, self.opts = plan, facts, opts
        self.model = LogicModel(levels_for(plan, facts, opts))
        self.kinds = set(self.model.levels)
        self.vision = facts.vision_id
        # Which nodes: the levels asked for, narrowed by focus and outcome.
        self.candidates, self.selection = self._select()
        # Indicators appear when something drawn (or drawn on behalf of a hidden level) lists them.
        self.drawn = {n for n in self.candidates if plan.nodes[n].kind != "indicator"}

    def build(self) -> LogicModel:
        model = self.model
        ind_edges, used_indicators = self._indicator_edges()
        model.nodes = [n for n in self.plan.nodes if n in self.drawn or n in used_indicators]
        if not model.nodes and self.plan.nodes:
            self._nothing_to_draw()
        self._hierarchy_edges()
        model.edges.extend(ind_edges)
        if "indicator" in self.kinds:
            self._missing_indicators()
        self._clusters()
        if self.opts.findings is not None:
            self._roll_up(self.opts.findings)
        return model

    # --- which nodes ------------------------------------------------------------------------------
    def _select(self) -> tuple[set[str], set[str] | None]:
        """The nodes on the levels drawn that focus and outcome keep, and the nodes focus and
        outcome keep whatever their level (None: neither is asked for)."""
        plan, opts = self.plan, self.opts
        candidates = {n for n, node in plan.nodes.items() if node.kind in self.kinds}
        selection: set[str] | None = None
        if opts.focus is not None:
            keep = self._focus_keeps(opts.focus)
            candidates &= keep
            selection = keep
        if opts.outcome is not None:
            keep = self._outcome_keeps(opts.outcome)
            candidates &= keep
            selection = keep if selection is None else selection & keep
        return candidates, selection

    def _focus_keeps(self, f: str) -> set[str]:
        plan, facts = self.plan, self.facts
        keep = {f, *facts.ancestors(f), *facts.descendants(f)}
        if plan.nodes[f].kind == "indicator":
            for m in facts.measures.get(f, []):
                keep |= {m, *facts.ancestors(m)}
        else:
            keep |= {i for n in list(keep) for i in facts.measured_by.get(n, [])}
        if self.vision is not None and any(plan.nodes[k].kind == "priority" for k in keep):
            keep.add(self.vision)
        return keep

    def _outcome_keeps(self, outcome: str) -> set[str]:
        """The outcome's slice (:func:`~outcome_graph.graph.slices.outcome_slice`), under the
        vision when it has a priority."""
        part = self.facts.outcome_slice(outcome)
        keep = set(part.nodes)
        if self.vision is not None and part:
            keep.add(self.vision)
        return keep

    def _nothing_to_draw(self) -> NoReturn:
        plan, facts, opts = self.plan, self.facts, self.opts
        if opts.outcome is not None:
            from ...graph.slices import nothing_serves

            if facts.outcome_slice(opts.outcome):
                why = (
                    "no node at the levels drawn serves "
                    f"'{plan.framework.outcome(opts.outcome).title}'"
                )
            else:
                why = nothing_serves(facts, opts.outcome)
        elif self.model.unplaced:
            # (indicators hang on the nodes they measure: alone, they have nothing to hang on)
            unplaced = self.model.unplaced
            kinds = [lv for lv in DIAGRAM_LEVELS if any(lv in ks for ks in unplaced.values())]
            n = len(unplaced)
            why = (
                f"the plan's {n} indicator{'' if n == 1 else 's'} measure{'s' if n == 1 else ''} "
                f"only {' or '.join(PLURAL[k] for k in kinds)}, which this view leaves out (add "
                f"{' and '.join(kinds)} to the levels)"
            )
        else:
            why = f"the plan has no node at the levels drawn ({', '.join(self.model.levels)})"
        raise RenderError(f"nothing to draw: {why}")

    # --- how they link ----------------------------------------------------------------------------
    def _parents_of(self, node_id: str) -> tuple[str, ...]:
        """A node's parents, the vision for a priority (whose parent it is without saying so)."""
        ps = self.plan.parents.get(node_id, ())
        if not ps and self.plan.nodes[node_id].kind == "priority" and self.vision is not None:
            return (self.vision,)
        return ps

    def _nearest_drawn(self, node_id: str) -> list[str]:
        """The drawn nodes standing for ``node_id``: itself, else the nearest drawn ancestors."""
        from ...graph.facts import nearest_above

        nodes, drawn = self.plan.nodes, self.drawn
        if node_id in drawn:
            return [node_id]
        return nearest_above(
            node_id, lambda n: [p for p in self._parents_of(n) if p in nodes], drawn.__contains__
        )

    def _indicator_edges(self) -> tuple[dict[tuple[str, str, str], None], set[str]]:
        """The edges to the indicators drawn (an ordered set) and those indicators; notes in the
        model the indicators the view leaves out."""
        plan, facts, opts, candidates = self.plan, self.facts, self.opts, self.candidates
        ind_edges: dict[tuple[str, str, str], None] = {}  # an ordered set
        used_indicators: set[str] = set()
        if "indicator" not in self.kinds:
            return ind_edges, used_indicators
        for node_id, inds in facts.measured_by.items():
            if plan.nodes[node_id].kind not in ("priority", "aim", "objective", "milestone"):
                continue
            if opts.focus is None and opts.outcome is None:
                sources = self._nearest_drawn(node_id)
            else:
                sources = [node_id] if node_id in self.drawn else []
            for i in inds:
                if i not in candidates:
                    continue
                for s in sources:
                    ind_edges[(s, i, "measure")] = None
                    used_indicators.add(i)
        if opts.focus is None and opts.outcome is None:
            # A declared indicator that measures nothing is drawn (unattached).
            used_indicators |= {
                i
                for i in candidates
                if plan.nodes[i].kind == "indicator" and i not in facts.measures
            }
        elif opts.focus is not None and plan.nodes[opts.focus].kind == "indicator":
            used_indicators.add(opts.focus)
        for i in candidates:
            if (
                i not in used_indicators
                and plan.nodes[i].kind == "indicator"
                and i in facts.measures
            ):
                self.model.unplaced[i] = {
                    plan.nodes[m].kind for m in facts.measures[i] if m in plan.nodes
                }
        return ind_edges, used_indicators

    def _hierarchy_edges(self) -> None:
        """Hierarchy edges, climbing over hidden levels; a parent that does not exist is a
        placeholder."""
        plan, model = self.plan, self.model
        for n in model.nodes:
            if plan.nodes[n].kind == "indicator":
                continue
            for p in plan.parents.get(n, ()):
                if p not in plan.nodes:
                    name = f"missing: {p}"
                    if name not in model.placeholders:
                        model.placeholders[name] = (
                            p,
                            _level_above(model.levels, plan.nodes[n].kind),
                        )
                    model.edges.append((name, n, "broken"))
            seen_parents: list[str] = []
            for p in self._parents_of(n):
                if p not in plan.nodes:
                    continue
                for d in self._nearest_drawn(p):
                    if d != n and d not in seen_parents:
                        seen_parents.append(d)
                        model.edges.append((d, n, "hierarchy"))

    def _missing_indicators(self) -> None:
        """Indicators that are referenced but exist nowhere: placeholders beside the node naming
        them."""
        model = self.model
        edges = set(model.edges)
        for b in list(self.facts.broken):
            if b.field == "indicators" and b.source in self.drawn:
                name = f"missing indicator: {b.target}"
                if name not in model.placeholders:
                    model.placeholders[name] = (b.target, "indicator")
                edge = (b.source, name, "broken")
                if edge not in edges:
                    edges.add(edge)
                    model.edges.append(edge)

    # --- where they sit ---------------------------------------------------------------------------
    def _clusters(self) -> None:
        """Each priority's branch; indicators with their priority when they have only one."""
        plan, facts, model = self.plan, self.facts, self.model
        home = home_priorities(plan, facts)
        for n in model.nodes:
            kind = plan.nodes[n].kind
            if kind == "vision":
                model.cluster[n] = None
            elif kind == "indicator":
                # With the first node that lists it (drawn ones first): an indicator shared by two
                # priorities sits with the first, and the edge from the second crosses over.
                measuring = facts.measures.get(n, [])
                drawn_first = [m for m in measuring if m in self.drawn] + [
                    m for m in measuring if m not in self.drawn
                ]
                model.cluster[n] = home.get(drawn_first[0]) if drawn_first else UNATTACHED
            else:
                model.cluster[n] = home.get(n)
        # A placeholder sits with the first node it points to, else the first node pointing to it.
        first_head: dict[str, str] = {}
        first_tail: dict[str, str] = {}
        for tail, head, _kind in model.edges:
            first_head.setdefault(tail, head)
            first_tail.setdefault(head, tail)
        for name in model.placeholders:
            end = first_head.get(name, first_tail.get(name))
            model.cluster[name] = model.cluster.get(end) if end is not None else None

    def _roll_up(self, findings: Report) -> None:
        """Findings of nodes on a level not drawn go to the drawn node standing for them."""
        plan, model, selection = self.plan, self.model, self.selection
        shown = set(model.nodes)
        for finding in findings.findings:
            nid = finding.node
            if (
                nid in plan.nodes
                and nid not in shown
                and plan.nodes[nid].kind not in self.kinds
                and plan.nodes[nid].kind != "indicator"
                and (selection is None or nid in selection)
            ):
                for d in self._nearest_drawn(nid):
                    if d in shown:
                        model.rolled.setdefault(d, []).append(finding)


def _level_above(levels: tuple[str, ...], kind: str) -> str:
    if kind in levels:
        i = levels.index(kind)
        return levels[i - 1] if i > 0 else kind
    return kind


def block_order(model: LogicModel, beside: Mapping[str, str]) -> list[str]:
    """The indicators placed beside a node (``beside``: indicator -> that node) in the order their
    block reads: first those the node alone lists (or with nodes drawn before it), in the plan's
    order, then those that nodes drawn after it list too, the ones the latest such node lists last.

    The lines from a priority's second and third aims to the indicators of the first aim's block
    that they list too come from below the block: with those indicators at its foot, they reach
    them without crossing the first aim's lines to the rest (Thurrock's P1.A2 and P1.A3 share NI 79
    to NI 117, and P2's three aims share NI 82a to NI 115)."""
    place = {n: i for i, n in enumerate(model.nodes)}
    last = _latest_listers(model, beside, place)
    blocks: dict[str, list[str]] = defaultdict(list)
    for n in model.nodes:
        node = beside.get(n)
        if node is not None:
            blocks[node].append(n)
    order: list[str] = []
    for node, indicators in blocks.items():
        own = place.get(node, -1)
        order.extend(sorted(indicators, key=lambda i: max(last.get(i, own), own)))
    return order


def _latest_listers(
    model: LogicModel, beside: Mapping[str, str], place: Mapping[str, int]
) -> dict[str, int]:
    """Each indicator placed beside a node -> the place (in ``model.nodes``) of the latest drawn
    node that lists it."""
    last: dict[str, int] = {}
    for tail, head, kind in model.edges:
        if kind == "measure" and head in beside and tail in place:
            last[head] = max(last.get(head, -1), place[tail])
    return last


def indicator_columns(
    plan: Plan, model: LogicModel, beside: Mapping[str, str], order: list[str] | None = None
) -> dict[str, int]:
    """Spread a cluster's indicators over up to three columns when they far outnumber its other
    nodes (a column of ninety indicators beside twelve objectives makes a diagram ten times taller
    than it is wide). Returns indicator -> column (0, 1 or 2), counted from the column after the
    node each sits beside (``beside``: indicator -> that node).

    The indicators of one node stand in a block beside it, as few rows as the columns allow,
    filled a column at a time (four in three columns: two, then two), in the block's order
    (``order``, :func:`block_order`; by default the plan's); spread over the box's whole list in
    turn, a node's one indicator stood two columns off as often as one. Those that nodes drawn
    after the block's node list too stand at the foot of the nearest columns (the first column's
    foot, then the second's): the lines to them from below cross the block's first column alone.
    """
    place = {n: i for i, n in enumerate(model.nodes)}
    shared = {
        indicator
        for indicator, latest in _latest_listers(model, beside, place).items()
        if latest > place.get(beside[indicator], -1)
    }
    members: dict[str | None, list[str]] = defaultdict(list)
    for n in model.nodes:
        members[model.cluster.get(n)].append(n)
    sequence = {n: i for i, n in enumerate(order)} if order is not None else place
    out: dict[str, int] = {}
    for nodes in members.values():
        indicators = [n for n in nodes if plan.nodes[n].kind == "indicator"]
        per_level: dict[str, int] = defaultdict(int)
        for n in nodes:
            if plan.nodes[n].kind != "indicator":
                per_level[plan.nodes[n].kind] += 1
        tallest = max(per_level.values(), default=0)
        k = min(3, math.ceil(len(indicators) / max(tallest * 1.5, 8)))
        if k > 1:
            block: dict[str | None, list[str]] = defaultdict(list)
            for n in sorted(indicators, key=lambda i: sequence.get(i, -1)):
                block[beside.get(n)].append(n)
            for names in block.values():
                out.update(_fill_columns(names, shared, k))
    return out


def _fill_columns(names: list[str], shared: set[str], k: int) -> dict[str, int]:
    """The column of each indicator of one block of ``k`` columns: as few rows as the columns
    allow, filled a column at a time, those in ``shared`` at the foot of the first columns."""
    own = [n for n in names if n not in shared]
    later = [n for n in names if n in shared]
    rows = max(-(-len(names) // k), len(later))
    out: dict[str, int] = {}
    o = s = 0
    for c in range(k):
        room = min(rows, len(names) - c * rows)
        if room <= 0:
            break
        take_later = min(room, len(later) - s)
        take_own = room - take_later
        for n in own[o : o + take_own]:
            out[n] = c
        for n in later[s : s + take_later]:
            out[n] = c
        o += take_own
        s += take_later
    return out
