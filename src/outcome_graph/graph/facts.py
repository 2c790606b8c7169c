"""Effective values: what the rules read instead of the raw fields.

The format lets a plan say things once and have them apply below: a node without ``outcomes``
inherits its parents'; a milestone without ``lead`` takes its objective's; a milestone without
``due`` is dated by its ``timescale``; a lead is an owner's id, name or alias, or several joint
leads. :class:`PlanFacts` works all of that out once per plan, so every rule uses the same answers.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal, overload

from ..analysis.owners import AliasSplit, OwnerIndex, OwnerSpec, ResolvedLead
from ..analysis.timescale import Interval, Timing, parse_due, parse_timescale
from ..model.document import (
    LEVELS,
    Aim,
    Indicator,
    Milestone,
    NodeSpec,
    Objective,
    Priority,
    Vision,
    plain_due,
)
from ..model.plan import BrokenRef, Plan

if TYPE_CHECKING:
    from ..reference.catalogue import CatalogueEntry
    from .slices import OutcomeSlice

__all__ = ["PlanFacts", "OwnerInfo", "GROUP_KINDS", "HIERARCHY_KINDS", "LEVEL_OF", "nearest_above"]

HIERARCHY_KINDS = frozenset(LEVELS)
KINDS = (*LEVELS, "indicator")
#: A hierarchy kind's level: 0 for the vision ... 4 for a milestone.
LEVEL_OF = {kind: i for i, kind in enumerate(LEVELS)}


@dataclass
class OwnerInfo:
    """An owner as the plan uses it: declared in ``owners:`` or implied by a lead's text."""

    id: str
    name: str
    declared: bool
    capacity: int | None = None
    texts: set[str] = field(default_factory=set)  # the lead strings that resolved to it
    milestones: list[str] = field(default_factory=list)  # milestones it leads (effective leads)
    nodes: list[str] = field(default_factory=list)  # every node it leads
    kind: str | None = None  # a declared owner's kind: person, role, team, board or partnership

    @property
    def called(self) -> str:
        """How messages name the owner: its name, after its kind where that says it is no one
        person (``the team School Improvement``, ``the partnership CSP``): a team leading twenty
        milestones is read otherwise than one manager doing so."""
        return f"the {self.kind} {self.name}" if self.kind in GROUP_KINDS else self.name


#: Owner kinds that are several people: messages say so.
GROUP_KINDS = frozenset({"team", "board", "partnership"})


def by_load(owners: Iterable[OwnerInfo]) -> list[OwnerInfo]:
    """Owners busiest first: by the number of milestones they lead, most first, then by name
    (ignoring case), then by id. The one order of every list of owners by load (the report's
    owner-load table, ``table --what owners``), so that two of them never list ties apart.

    >>> [o.id for o in by_load([OwnerInfo("A", "zulu", True, milestones=["M1"]),
    ...                         OwnerInfo("B", "Alpha", True, milestones=["M2"]),
    ...                         OwnerInfo("C", "beta", True, milestones=["M3", "M4"])])]
    ['C', 'B', 'A']
    """
    return sorted(owners, key=lambda o: (-len(o.milestones), o.name.casefold(), o.id))


def nearest_above(
    node_id: str, parents_of: Callable[[str], Iterable[str]], wanted: Callable[[str], bool]
) -> list[str]:
    """The nearest nodes above ``node_id`` that are ``wanted``, on each of its ways up (the search
    goes no higher on a way once it finds one; cycle-safe): where a diagram that leaves a node
    out marks it."""
    found: list[str] = []
    seen = {node_id}
    frontier = list(parents_of(node_id))
    while frontier:
        above: list[str] = []
        for p in frontier:
            if p in seen:
                continue
            seen.add(p)
            if wanted(p):
                found.append(p)
            else:
                above.extend(parents_of(p))
        frontier = above
    return found


class PlanFacts:
    """The derived facts of a plan (computed lazily, once).

    Examples
    --------
    >>> from outcome_graph import load
    >>> plan = load('''
    ... format: outcome-graph/v1
    ... plan: {id: d, period: {start: 2011-04-01, end: 2012-03-31}}
    ... priorities:
    ...   - id: P1
    ...     title: Safe
    ...     outcomes: [stay_safe]
    ...     objectives:
    ...       - {id: O1, title: Fewer accidents, lead: Head of Safety}
    ... milestones:
    ...   - {id: M1, parent: O1, title: Audit, timescale: June 11}
    ... ''')
    >>> facts = PlanFacts(plan)
    >>> facts.outcomes["M1"], facts.lead_owners["M1"], str(facts.timing["M1"].span)
    (('stay_safe',), ('Head of Safety',), '2011-06')
    """

    def __init__(self, plan: Plan) -> None:
        from ..model.plan import require_plan

        require_plan("PlanFacts", plan)
        self.plan = plan
        self.period = Interval(*plan.period)
        self._index_nodes()
        # A parentless priority belongs to the vision, if there is one.
        visions = self.by_kind["vision"]
        self.vision_id = visions[0].id if visions else None

    def __repr__(self) -> str:
        return f"<PlanFacts of {self.plan.id!r}: {len(self.plan.nodes)} nodes>"

    @cached_property
    def _links(
        self,
    ) -> tuple[
        dict[str, tuple[str, ...]], dict[str, list[str]], list[BrokenRef], list[tuple[str, str]]
    ]:
        # Worked out when a rule first asks (not every rule does: where the rule families run in
        # several processes, each works this out only if its rules need it).
        kind_of = self.kind_of
        children: dict[str, list[str]] = defaultdict(list)
        broken: list[BrokenRef] = []
        parents_of: dict[str, tuple[str, ...]] = {}
        irregular: list[tuple[str, str]] = []
        for node_id, parents in self.plan.parents.items():
            above = LEVEL_OF[kind_of[node_id]] - 1
            existing = []
            for p in parents:
                level = LEVEL_OF.get(kind_of.get(p, ""))
                if level is None:
                    broken.append(BrokenRef(node_id, "parent", p))
                    continue
                existing.append(p)
                children[p].append(node_id)
                if level != above:
                    irregular.append((node_id, p))
            parents_of[node_id] = parents if len(existing) == len(parents) else tuple(existing)
        return parents_of, children, broken, irregular

    @property
    def parents(self) -> dict[str, tuple[str, ...]]:
        """Node id -> its parents that exist (nesting and ``parent``/``parents`` merged)."""
        return self._links[0]

    @property
    def children(self) -> dict[str, list[str]]:
        """Node id -> the ids of the nodes whose parent it is, in file order."""
        return self._links[1]

    @property
    def broken(self) -> list[BrokenRef]:
        """References to ids that do not exist: parents, then indicators."""
        # (resolving the indicator references records the broken ones)
        self.measured_by  # noqa: B018
        return self._links[2]

    @property
    def irregular_links(self) -> list[tuple[str, str]]:
        """(child, parent) links where the parent is not of the level directly above the child
        (a skipped level, a parent at the same level or below), in file order."""
        return self._links[3]

    def _index_nodes(self) -> None:
        """One pass over the nodes for what several rules look up.

        Reading a field of a node costs about as much as a rule's own work on it, so the rules
        walk these lists (each kind's nodes; the few nodes with variants, numbers, references...)
        instead of every node of the plan.
        """
        by_kind: dict[str, list[NodeSpec]] = {kind: [] for kind in KINDS}
        ids_of_kind: dict[str, list[str]] = {kind: [] for kind in KINDS}
        kind_of: dict[str, str] = {}
        numbers: dict[str, str] = {}
        stated_outcomes: dict[str, list[str]] = {}
        outcomes_stated = vision_states = False
        with_variants: list[NodeSpec] = []
        with_views: list[NodeSpec] = []
        cross_referring: list[NodeSpec] = []
        with_lead: list[NodeSpec] = []
        with_indicators: list[NodeSpec] = []
        with_ignore: list[NodeSpec] = []
        for node_id, node in self.plan.nodes.items():
            kind = kind_of[node_id] = type(node).kind
            by_kind[kind].append(node)  # (every node's kind is one of KINDS)
            ids_of_kind[kind].append(node_id)
            fields = node.__dict__
            number = fields["number"]
            if number:
                numbers[node_id] = number
            if fields["variants"]:
                with_variants.append(node)
            if fields["views"] is not None:
                with_views.append(node)
            if fields["see_also"] or fields.get("depends_on"):
                cross_referring.append(node)
            if fields.get("lead"):
                with_lead.append(node)
            if fields.get("indicators"):
                with_indicators.append(node)
            if fields["ignore"]:
                with_ignore.append(node)
            outcomes = fields["outcomes"]
            if outcomes is not None:
                stated_outcomes[node_id] = outcomes
                if outcomes and kind != "indicator":
                    if kind == "vision":
                        vision_states = True
                    else:
                        outcomes_stated = True
        # (Tuples: every rule, plugins' too, reads these; none may change them for the next.)
        self.by_kind: dict[str, tuple[NodeSpec, ...]] = {
            kind: tuple(v) for kind, v in by_kind.items()
        }
        self.ids_of_kind: dict[str, tuple[str, ...]] = {
            kind: tuple(v) for kind, v in ids_of_kind.items()
        }
        #: Node id -> its kind; node id -> its ``number`` (numbered nodes only).
        self.kind_of = kind_of
        self.numbers = numbers
        #: Node id -> its own ``outcomes`` (nodes that state them, ``[]`` included).
        self.stated_outcomes = stated_outcomes
        self._work_states_outcomes = outcomes_stated
        self._vision_states_outcomes = vision_states
        #: Nodes with ``variants``, with ``views``, with ``see_also`` or ``depends_on``, with a
        #: ``lead``, with ``indicators``, with ``ignore`` entries (each in file order).
        self.with_variants = tuple(with_variants)
        self.with_views = tuple(with_views)
        self.cross_referring = tuple(cross_referring)
        self.with_lead = tuple(with_lead)
        self.with_indicators = tuple(with_indicators)
        self.with_ignore = tuple(with_ignore)

    @overload
    def of_kind(self, kind: Literal["milestone"]) -> tuple[Milestone, ...]: ...
    @overload
    def of_kind(self, kind: Literal["objective"]) -> tuple[Objective, ...]: ...
    @overload
    def of_kind(self, kind: Literal["aim"]) -> tuple[Aim, ...]: ...
    @overload
    def of_kind(self, kind: Literal["priority"]) -> tuple[Priority, ...]: ...
    @overload
    def of_kind(self, kind: Literal["vision"]) -> tuple[Vision, ...]: ...
    @overload
    def of_kind(self, kind: Literal["indicator"]) -> tuple[Indicator, ...]: ...
    @overload
    def of_kind(self, kind: str) -> tuple[NodeSpec, ...]: ...

    def of_kind(self, kind: str) -> tuple[NodeSpec, ...]:
        """The nodes of one kind, in file order (as :meth:`Plan.of_kind`, from the index), typed
        by kind for a type checker (``of_kind("milestone")`` holds :class:`Milestone` nodes, with
        ``status``, ``due`` and ``timescale``)."""
        return self.by_kind.get(kind, ())

    def ids_of(self, kind: str) -> tuple[str, ...]:
        """The ids of the nodes of one kind, in file order."""
        return self.ids_of_kind.get(kind, ())

    # -- hierarchy --------------------------------------------------------------------------
    @cached_property
    def levels_used(self) -> frozenset[str]:
        """The kinds of node the plan has (levels and ``indicator``)."""
        return frozenset(kind for kind, nodes in self.by_kind.items() if nodes)

    def level(self, node_id: str) -> int:
        """0 for the vision, 1 priority, 2 aim, 3 objective, 4 milestone; -1 otherwise."""
        return LEVEL_OF.get(self.kind_of[node_id], -1)

    def ancestors(self, node_id: str) -> list[str]:
        """Every node above, nearest first (cycle-safe)."""
        out: list[str] = []
        seen = {node_id}
        frontier = list(self.parents.get(node_id, ()))
        while frontier:
            nxt: list[str] = []
            for p in frontier:
                if p in seen:
                    continue
                seen.add(p)
                out.append(p)
                nxt.extend(self.parents.get(p, ()))
            frontier = nxt
        return out

    def above_any(self, node_ids: Iterable[str]) -> set[str]:
        """Every node above one of ``node_ids``, but for those nodes themselves (one walk up from
        all of them; cycle-safe): the union of their :meth:`ancestors`, less ``node_ids``."""
        parents = self.parents
        starts = set(node_ids)
        found: set[str] = set()
        frontier = [p for n in starts for p in parents.get(n, ())]
        while frontier:
            above: list[str] = []
            for p in frontier:
                if p not in found:
                    found.add(p)
                    above.extend(parents.get(p, ()))
            frontier = above
        return found - starts

    def above_test(self, wanted: Callable[[str], bool]) -> Callable[[str], bool]:
        """A test of whether some node above a node (on any of its ways up) is ``wanted``: the
        same answer as ``any(wanted(a) for a in self.ancestors(node_id))``, remembered for the
        nodes each walk passes, so that testing every node of a long chain costs one walk, not
        one per node (cycle-safe).

        >>> from outcome_graph import load
        >>> plan = load('''
        ... format: outcome-graph/v1
        ... plan: {id: d, period: {start: 2011-04-01, end: 2012-03-31}}
        ... objectives: [{id: O1, title: a}, {id: O2, title: b, parent: O1},
        ...   {id: O3, title: c, parent: O2}]
        ... ''')
        >>> under_o1 = PlanFacts(plan).above_test(lambda n: n == "O1")
        >>> under_o1("O3"), under_o1("O1")
        (True, False)
        """
        parents = self.parents
        known: dict[str, bool] = {}  # node -> whether a node above it is wanted

        def test(node_id: str) -> bool:
            answer = known.get(node_id)
            if answer is not None:
                return answer
            came_from: dict[str, str | None] = {node_id: None}
            frontier = [node_id]
            found = None
            while frontier and found is None:
                above: list[str] = []
                for n in frontier:
                    for p in parents.get(n, ()):
                        if p in came_from:
                            continue
                        came_from[p] = n
                        if wanted(p):
                            found = p
                            break
                        if known.get(
                            p
                        ):  # (a wanted node above it, which may be this one, on a cycle)
                            if wanted(node_id):
                                return any(wanted(a) for a in self.ancestors(node_id))
                            found = p
                            break
                        if p not in known:  # (a node known to have nothing wanted above: no higher)
                            above.append(p)
                    if found is not None:
                        break
                frontier = above
            if found is not None:  # every node on the way from the node up to it has it above
                step = came_from[found]
                while step is not None:
                    known[step] = True
                    step = came_from[step]
                return True
            # Nothing wanted above the node, nor above any node passed (whose ways up the walk
            # followed), unless the node itself is wanted and above one of them (on a cycle).
            if wanted(node_id):
                known[node_id] = False
            else:
                for n in came_from:
                    known[n] = False
            return False

        return test

    def targets_above(self, targets: Callable[[str], bool]) -> Callable[[str], tuple[str, ...]]:
        """For each node, the ``targets`` among the nodes above it, in file order: the same as
        ``[a for a in self.ancestors(node_id) if targets(a)]`` in file order, worked out for every
        node in one pass up the plan (a chain of parents thousands long costs its length, not its
        length squared; cycle-safe).

        >>> from outcome_graph import load
        >>> plan = load('''
        ... format: outcome-graph/v1
        ... plan: {id: d, period: {start: 2011-04-01, end: 2012-03-31}}
        ... priorities: [{id: P1, title: a}, {id: P2, title: b}]
        ... objectives: [{id: O1, title: c, parents: [P2, P1]}, {id: O2, title: d, parent: O1}]
        ... ''')
        >>> PlanFacts(plan).targets_above(lambda n: n.startswith("P"))("O2")
        ('P1', 'P2')
        """
        return self._upward(targets, stop=False)

    def nearest_of_kind(self, kind: str) -> Callable[[str], tuple[str, ...]]:
        """For each node, the nearest nodes of ``kind`` above it on each of its ways up (a way
        goes no higher once it meets one), in file order: a milestone's objective, an objective's
        priority, also where the plan puts an objective under another objective (the one it is
        under, not every objective above that one). Worked out for every node in one pass up the
        plan (cycle-safe).

        >>> from outcome_graph import load
        >>> plan = load('''
        ... format: outcome-graph/v1
        ... plan: {id: d, period: {start: 2011-04-01, end: 2012-03-31}}
        ... objectives: [{id: O1, title: a}, {id: O2, title: b, parent: O1}]
        ... milestones: [{id: M1, title: c, parent: O2}]
        ... ''')
        >>> PlanFacts(plan).nearest_of_kind("objective")("M1")
        ('O2',)
        """
        kind_of = self.kind_of
        return self._upward(lambda n: kind_of[n] == kind, stop=True)

    @cached_property
    def _components_up(self) -> list[set[str]]:
        """The strongly connected components of the parent links, each after those above it."""
        from .components import strongly_connected

        parents = self.parents
        return list(strongly_connected(self.kind_of, lambda n: parents.get(n, ())))

    def _upward(
        self, wanted: Callable[[str], bool], *, stop: bool
    ) -> Callable[[str], tuple[str, ...]]:
        """The ``wanted`` nodes above each node (with ``stop``, a way up ends at the first it
        meets), as the least solution of: a node has what each of its parents gives, the parent
        itself if wanted, and what the parent has (unless ``stop`` and the parent is wanted). In a
        plan whose every parent is of a level above, each node is worked out when asked; otherwise
        the parent links' strongly connected components are settled parents first, each cycle by
        propagation round it. A node is never above itself."""
        parents = self.parents
        empty: frozenset[str] = frozenset()
        has: dict[str, frozenset[str]] = {}
        is_wanted: dict[str, bool] = {}

        order = {node_id: i for i, node_id in enumerate(self.kind_of)}  # (file order)

        def listed(found: frozenset[str]) -> tuple[str, ...]:
            return tuple(sorted(found, key=order.__getitem__)) if found else ()

        level = self.level
        if all(level(p) < level(c) for c, p in self.irregular_links):
            # Every parent is of a level above (most plans): no cycle, and no way up longer than
            # the levels. Each node is worked out when asked, from its parents.
            def above(node_id: str) -> frozenset[str]:
                found = has.get(node_id)
                if found is None:
                    got: set[str] = set()
                    for p in parents.get(node_id, ()):
                        if not wanted(p):
                            got |= above(p)
                        elif stop:
                            got.add(p)
                        else:
                            got |= above(p) | {p}
                    found = has[node_id] = frozenset(got)
                return found

            return lambda node_id: listed(above(node_id))

        def gives(p: str) -> frozenset[str]:
            mine = is_wanted.get(p)
            if mine is None:
                mine = is_wanted[p] = wanted(p)
            if not mine:
                return has[p]
            return frozenset((p,)) if stop else has[p] | {p}

        for component in self._components_up:
            if len(component) == 1:
                (node_id,) = component
                ps = [p for p in parents.get(node_id, ()) if p != node_id]
                if not ps:
                    has[node_id] = empty
                elif len(ps) == 1:
                    has[node_id] = gives(ps[0])
                else:
                    found: set[str] = set()
                    for p in ps:
                        found |= gives(p)
                    has[node_id] = frozenset(found)
                continue
            # A cycle: what comes from outside it, then round it until nothing changes.
            inside: dict[str, set[str]] = {}
            for node_id in component:
                found = set()
                for p in parents.get(node_id, ()):
                    if p not in component:
                        found |= gives(p)
                inside[node_id] = found
            todo = list(component)
            while todo:
                node_id = todo.pop()
                for p in parents.get(node_id, ()):
                    if p not in component:
                        continue
                    if wanted(p):
                        extra = {p} if stop else inside[p] | {p}
                    else:
                        extra = inside[p]
                    if not extra <= inside[node_id]:
                        inside[node_id] |= extra
                        # (the nodes it is a parent of, in the cycle, may gain in turn)
                        todo.extend(c for c in self.children.get(node_id, ()) if c in component)
            for node_id in component:
                has[node_id] = frozenset(inside[node_id] - {node_id})

        return lambda node_id: listed(has.get(node_id, empty))

    def descendants(self, node_id: str) -> list[str]:
        """Every node below (cycle-safe)."""
        out: list[str] = []
        seen = {node_id}
        stack = list(self.children.get(node_id, ()))
        while stack:
            c = stack.pop()
            if c in seen:
                continue
            seen.add(c)
            out.append(c)
            stack.extend(self.children.get(c, ()))
        return out

    # -- outcomes -----------------------------------------------------------------------------
    @cached_property
    def _outcome_state(self) -> tuple[dict[str, tuple[str, ...]], set[str]]:
        nodes = self.plan.nodes
        order = self.plan.framework.ids
        stated = self.stated_outcomes
        parents = self.parents
        memo: dict[str, tuple[str, ...]] = {}
        cross: set[str] = set()
        visiting: set[str] = set()
        on_cycles: set[str] = set()  # nodes met again while resolving their own ancestors

        kind_of = self.kind_of

        def resolve(start: str) -> None:
            # Depth first up the parents, each node once, with a stack of its own (a chain of
            # parents may be thousands of nodes long): a node's outcomes are its own, else those of
            # all its parents; met again while its own parents are resolved, it is on a cycle.
            visiting.add(start)
            own = stated.get(start)
            # frames: [node, index of the next parent, outcomes inherited so far, cross-cutting]
            stack: list[list[Any]] = [[start, 0, set(), own is not None and len(own) == 0]]
            while stack:
                frame = stack[-1]
                node_id, i = frame[0], frame[1]
                ps = parents.get(node_id, ())
                if i < len(ps):
                    frame[1] = i + 1
                    p = ps[i]
                    if p in memo:
                        frame[2].update(memo[p])
                        frame[3] = frame[3] or p in cross
                    elif p in visiting:  # a cycle: stop here (settled below)
                        on_cycles.add(p)
                    else:
                        visiting.add(p)
                        own = stated.get(p)
                        stack.append([p, 0, set(), own is not None and len(own) == 0])
                    continue
                stack.pop()
                outcomes = stated.get(node_id)
                if outcomes is not None:
                    mine = set(outcomes)
                elif kind_of[node_id] == "indicator":
                    entry = nodes[node_id]
                    mine = set(self.indicator_entry_outcomes(entry))  # type: ignore[arg-type]
                else:
                    mine = frame[2]
                value = tuple(o for o in order if o in mine)
                visiting.discard(node_id)
                memo[node_id] = value
                if frame[3]:
                    cross.add(node_id)
                if stack:  # (what the node below it inherits)
                    stack[-1][2].update(value)
                    stack[-1][3] = stack[-1][3] or frame[3]

        for node_id in nodes:
            if node_id in memo:  # (resolved already, as the parent of a node before it)
                continue
            ps = parents.get(node_id)
            if ps is not None and len(ps) == 1 and ps[0] in memo and node_id not in stated:
                # The common case: a node that states nothing, under one parent already
                # resolved, has that parent's outcomes.
                parent = ps[0]
                memo[node_id] = memo[parent]
                if parent in cross:
                    cross.add(node_id)
            else:
                resolve(node_id)
        del (
            resolve
        )  # (it reads the plan through its closure: unbound, the plan is freed when let go)
        if on_cycles:
            self._settle_cycles(on_cycles, memo, cross)
        return memo, cross

    def _settle_cycles(
        self, on_cycles: set[str], memo: dict[str, tuple[str, ...]], cross: set[str]
    ) -> None:
        """Outcomes on and below parent cycles, whatever the order of the file.

        Resolving in file order stops where a node meets itself, so what a node on a cycle (and
        everything below it) inherits would depend on which node of the cycle came first. Here they
        are worked out again as the least fixed point: a node that states no outcomes has those of
        all its parents, a node under a cross-cutting one is cross-cutting, until nothing changes.
        """
        children, parents, stated = self.children, self.parents, self.stated_outcomes
        region: set[str] = set()
        stack = list(on_cycles)
        while stack:
            node_id = stack.pop()
            if node_id not in region:
                region.add(node_id)
                stack.extend(children.get(node_id, ()))
        outs: dict[str, set[str]] = {}
        crossing: dict[str, bool] = {}
        for node_id in region:
            own = stated.get(node_id)
            outs[node_id] = set(own) if own is not None else set()
            crossing[node_id] = own is not None and len(own) == 0
            for p in parents.get(node_id, ()):
                if p not in region:  # (resolved above already: nothing of a cycle above it)
                    crossing[node_id] = crossing[node_id] or p in cross
                    if own is None:
                        outs[node_id].update(memo.get(p, ()))
        # Propagated down from each node to its children in the region until nothing changes: a
        # node is handed on again only when it gained something (an outcome, or being
        # cross-cutting), which happens a few times at most, however long the cycle.
        todo = list(region)
        while todo:
            p = todo.pop()
            for node_id in children.get(p, ()):
                if node_id not in region:
                    continue
                gained = False
                if crossing[p] and not crossing[node_id]:
                    crossing[node_id] = gained = True
                if stated.get(node_id) is None and not outs[p] <= outs[node_id]:
                    outs[node_id] |= outs[p]
                    gained = True
                if gained:
                    todo.append(node_id)
        order = self.plan.framework.ids
        for node_id in region:
            memo[node_id] = tuple(o for o in order if o in outs[node_id])
            if crossing[node_id]:
                cross.add(node_id)
            else:
                cross.discard(node_id)

    @property
    def outcomes(self) -> dict[str, tuple[str, ...]]:
        """Each node's effective outcomes (own, else inherited; indicators: own, else
        catalogue's)."""
        return self._outcome_state[0]

    @cached_property
    def outcomes_stated(self) -> bool:
        """Whether the plan states outcomes: a priority, aim, objective or milestone names some, or
        inherits them from the vision (outcomes on indicators alone do not count: the catalogue
        gives every National Indicator one; nor do the vision's when no work is under it)."""
        if self._work_states_outcomes:
            return True
        if not self._vision_states_outcomes:
            return False
        outcomes = self.outcomes
        return any(
            outcomes.get(n)
            for kind in ("priority", "aim", "objective", "milestone")
            for n in self.ids_of_kind[kind]
        )

    @property
    def cross_cutting(self) -> set[str]:
        """Nodes marked ``outcomes: []`` and their descendants (left out of coverage rules)."""
        return self._outcome_state[1]

    def outcome_slice(self, outcome: str) -> OutcomeSlice:
        """One outcome's slice (:func:`~outcome_graph.graph.slices.outcome_slice`): worked out once
        per outcome, as a diagram's nodes and its title both ask for it."""
        from .slices import outcome_slice

        found = self._slices.get(outcome)
        if found is None:
            found = self._slices[outcome] = outcome_slice(self, outcome)
        return found

    @cached_property
    def _slices(self) -> dict[str, OutcomeSlice]:
        return {}

    # -- indicators ---------------------------------------------------------------------------
    def catalogue_entry(self, code: str) -> tuple[CatalogueEntry | None, str]:
        """The catalogue entry a code means, and how it was resolved."""
        from ..reference.catalogue import code_prefix

        prefix = code_prefix(code)
        if prefix is None:
            return None, "uncoded local measure"
        catalogue = self.plan.catalogues.get(prefix)
        if catalogue is None:
            return None, f"no catalogue with prefix {prefix}"
        return catalogue.resolve(code)

    def indicator_entry_outcomes(self, node: Indicator) -> tuple[str, ...]:
        """The outcomes the indicator's catalogue entry gives it (none for an indicator no
        catalogue lists)."""
        entry, _ = self.catalogue_entry(node.id)
        return tuple(entry.outcomes) if entry is not None else ()

    @property
    def indicators_stated(self) -> bool:
        """Whether the plan states indicators: it declares some, or a node lists one (a plan that
        states none gets one plan-wide OG102, and OG201 says nothing of indicators)."""
        return bool(self.of_kind("indicator")) or any(self.measured_by.values())

    @cached_property
    def measured_by(self) -> dict[str, list[str]]:
        """Node id -> ids of the indicators it lists (existing ones only)."""
        out: dict[str, list[str]] = {}
        for node in self.with_indicators:
            refs = node.__dict__["indicators"]
            ids: dict[str, None] = {}  # (a dict, not a list: a node may list a thousand indicators)
            for ref in refs:
                ind = self.plan.indicator(ref.id)
                if ind is None:
                    self._links[2].append(BrokenRef(node.id, "indicators", ref.id))
                else:
                    ids[ind.id] = None
            out[node.id] = list(ids)
        return out

    @cached_property
    def measures(self) -> dict[str, list[str]]:
        """Indicator id -> ids of the nodes it measures."""
        out: dict[str, list[str]] = defaultdict(list)
        for node_id, inds in self.measured_by.items():
            for i in inds:
                out[i].append(node_id)
        return dict(out)

    # -- owners and leads ---------------------------------------------------------------------
    @cached_property
    def _owner_state(
        self,
    ) -> tuple[
        dict[str, tuple[str, ...]], dict[str, OwnerInfo], dict[str, tuple[ResolvedLead, ...]]
    ]:
        plan = self.plan
        specs = [OwnerSpec(o.id, o.name, tuple(o.aliases)) for o in plan.owners]
        index = OwnerIndex(specs)

        def resolve_all() -> tuple[
            dict[str, OwnerInfo], dict[str, tuple[str, ...]], dict[str, tuple[ResolvedLead, ...]]
        ]:
            owners: dict[str, OwnerInfo] = {
                o.id: OwnerInfo(o.id, o.name or o.id, True, o.capacity, kind=o.kind)
                for o in plan.owners
            }
            own_leads: dict[str, tuple[str, ...]] = {}
            resolved_of: dict[str, tuple[ResolvedLead, ...]] = {}
            # A plan writes each lead many times: resolve each distinct lead (text or list) once
            # (the nodes that write it share the answer: it is read, never changed).
            known: dict[
                str | tuple[str, ...], tuple[tuple[ResolvedLead, ...], tuple[str, ...]]
            ] = {}
            for node in self.with_lead:
                lead = node.__dict__["lead"]
                key = lead if isinstance(lead, str) else tuple(lead)
                answer = known.get(key)
                if answer is None:
                    resolved: list[ResolvedLead] = []
                    for text in [lead] if isinstance(lead, str) else lead:
                        if text.strip():
                            resolved.extend(index.resolve(text))
                    for r in resolved:
                        info = owners.get(r.owner_id)
                        if info is None:
                            info = owners[r.owner_id] = OwnerInfo(r.owner_id, r.owner_id, False)
                        info.texts.add(r.text)
                    answer = known[key] = (
                        tuple(resolved),
                        tuple(dict.fromkeys(r.owner_id for r in resolved)),
                    )
                resolved_of[node.id] = answer[0]
                own_leads[node.id] = answer[1]
            return owners, own_leads, resolved_of

        owners, own_leads, resolved_of = resolve_all()
        # A lead cut in parts where another lead writes the same words as one name is one
        # owner after all (OwnerIndex.relearn): then the leads are resolved again (rare).
        if index.relearn():
            owners, own_leads, resolved_of = resolve_all()
        _name_implicit_owners(owners, own_leads, resolved_of)
        # Effective leads: a milestone without one takes its objective's (never an aim's or
        # priority's); under several objectives, each one's, in the order of its parents.
        effective: dict[str, tuple[str, ...]] = {}
        parents = self.parents
        kind_of = self.kind_of
        for node_id, kind in kind_of.items():
            leads = own_leads.get(node_id)
            if not leads:
                if kind != "milestone":
                    continue
                taken = [
                    own_leads[p]
                    for p in parents.get(node_id, ())
                    if kind_of[p] == "objective" and own_leads.get(p)
                ]
                if not taken:
                    continue
                leads = (
                    taken[0]
                    if len(taken) == 1
                    else tuple(dict.fromkeys(o for ls in taken for o in ls))
                )
            elif kind not in HIERARCHY_KINDS:
                continue
            effective[node_id] = leads
            for owner_id in leads:
                owners[owner_id].nodes.append(node_id)
                if kind == "milestone":
                    owners[owner_id].milestones.append(node_id)
        return effective, owners, resolved_of

    @property
    def lead_owners(self) -> dict[str, tuple[str, ...]]:
        """Node id -> the owner ids leading it (effective: a milestone takes its objective's
        lead)."""
        return self._owner_state[0]

    @property
    def owners(self) -> dict[str, OwnerInfo]:
        """Every owner used or declared, by id."""
        return self._owner_state[1]

    @property
    def resolved_leads(self) -> dict[str, tuple[ResolvedLead, ...]]:
        """Node id -> how its own ``lead`` text resolved."""
        return self._owner_state[2]

    def own_lead(self, node_id: str) -> tuple[str, ...]:
        """The owners a node's own ``lead`` names (ids, joint leads split), without inheriting
        its parent's."""
        return tuple(dict.fromkeys(r.owner_id for r in self.resolved_leads.get(node_id, ())))

    def inherited_lead(self, node_id: str) -> tuple[str, ...]:
        """The node's own lead, else the nearest ancestor's (for objectives without milestones).

        Asked of every node (the report's owner column), a walk up from each would be quadratic in
        the depth of a chain of parents; so answers are kept, and a node with one parent and no
        lead of its own takes its parent's answer (the walk up from it, past itself, is its
        parent's). Only a node with several parents walks up breadth first."""
        memo = self._inherited_leads
        if node_id in memo:
            return memo[node_id]
        parents = self.parents
        chain: list[str] = []
        on_chain: set[str] = set()
        node = node_id
        while True:
            if node in memo:
                found = memo[node]
                break
            own = self.own_lead(node)
            if own:
                found = own
                memo[node] = own
                break
            if node in on_chain:  # (a loop of nodes with one parent each and no lead)
                found = ()
                break
            above = parents.get(node, ())
            if len(above) != 1:
                found = self._nearest_lead(node)
                memo[node] = found
                break
            chain.append(node)
            on_chain.add(node)
            node = above[0]
        for n in chain:
            memo[n] = found
        return memo[node_id]

    @cached_property
    def _inherited_leads(self) -> dict[str, tuple[str, ...]]:
        return {}

    def _nearest_lead(self, node_id: str) -> tuple[str, ...]:
        """The lead of the nearest node above ``node_id`` that has one (breadth first)."""
        for a in self.ancestors(node_id):
            lead = self.own_lead(a)
            if lead:
                return lead
        return ()

    @cached_property
    def alias_splits(self) -> list[AliasSplit]:
        """Pairs of owners that are evidently one owner written two ways (OG305's), among the
        owners that lead something or are declared: worked out once for OG305, which reports
        them, and OG302, which says what an overloaded owner's other spellings add."""
        from ..analysis.owners import find_alias_splits

        pairs = []
        for o in self.owners.values():
            if not o.nodes and not o.declared:
                continue
            pairs.append((o.id, o.name))
            for text in sorted(o.texts):
                pairs.append((o.id, text))
        return find_alias_splits(pairs)

    # -- timing -------------------------------------------------------------------------------
    @cached_property
    def timing(self) -> dict[str, Timing]:
        """Milestone id -> its timing: from ``due`` when given, else parsed from ``timescale``.

        ``As above`` takes the timing of the milestone written before it.
        """
        out: dict[str, Timing] = {}
        previous: Timing | None = None
        for node in self.by_kind["milestone"]:
            if not isinstance(node, Milestone):  # pragma: no cover - (for the type checker)
                continue
            if node.due is not None:
                timing = parse_due(plain_due(node.due))
            else:
                timing = parse_timescale(node.timescale, self.period)
                if timing.kind == "as_above":
                    if previous is not None and previous.kind != "as_above":
                        timing = Timing(
                            kind=previous.kind,
                            text=timing.text,
                            intervals=previous.intervals,
                            interpretation=f"'{timing.text}' read as the milestone above: "
                            f"{previous.interpretation}",
                            reference=previous.reference,
                            year_only=previous.year_only,
                            ends_on_year=previous.ends_on_year,
                        )
                    else:
                        timing = Timing(
                            kind="undated",
                            text=timing.text,
                            interpretation=f"'{timing.text}' with no milestone above",
                        )
            out[node.id] = timing
            previous = timing
        return out

    @cached_property
    def uses_dates(self) -> bool:
        """Whether any milestone states a date (``due`` or a timescale that gives one). Ongoing work
        (``Ongoing``, ``Termly``, ``Annually``) counts: it spans the plan period, so it is no
        milestone without a date (OG401), and a plan that writes it uses dates."""
        return any(t.kind == "dated" or t.kind == "ongoing" for t in self.timing.values())


def _name_implicit_owners(
    owners: dict[str, OwnerInfo],
    own_leads: dict[str, tuple[str, ...]],
    resolved_of: dict[str, tuple[ResolvedLead, ...]],
) -> None:
    """Name each implicit owner written several ways by the spelling most nodes write, ties going
    to the longest (the fullest: ``Head of Service – CATO`` over ``Head of Service CATO``), then
    to the first in code-point order (in place).

    The leads name an implicit owner by the first spelling they meet; that depends on the order
    the nodes are written in, which a plan may change without changing what it says (nested or
    flat, sorted or not): the name must not. Most implicit owners are written one way: the pass
    then costs one look at each owner.
    """
    several = {o.id for o in owners.values() if not o.declared and len(o.texts) > 1}
    if not several:
        return
    # (nodes writing the same lead share one resolved tuple: count the nodes per tuple)
    shared = {id(resolved): resolved for resolved in resolved_of.values()}
    nodes = Counter(map(id, resolved_of.values()))
    uses: dict[str, Counter[str]] = defaultdict(Counter)
    for key, resolved in shared.items():
        for r in dict.fromkeys(resolved):  # (a node writing one spelling twice uses it once)
            if r.owner_id in several:
                uses[r.owner_id][r.text] += nodes[key]
    renamed = {}
    for owner_id, counts in uses.items():
        name = min(counts, key=lambda text: (-counts[text], -len(text), text))
        if name != owner_id:
            renamed[owner_id] = name
    if not renamed:
        return
    for old in list(owners):  # (the owners keep their order)
        info = owners.pop(old)
        if old in renamed:
            info.id = info.name = renamed[old]
        owners[info.id] = info
    new_tuple: dict[int, tuple[ResolvedLead, ...]] = {}
    for node_id, resolved in resolved_of.items():
        out = new_tuple.get(id(resolved))
        if out is None:
            out = new_tuple[id(resolved)] = tuple(
                ResolvedLead(renamed[r.owner_id], r.text, False) if r.owner_id in renamed else r
                for r in resolved
            )
        resolved_of[node_id] = out
    for node_id, leads in own_leads.items():
        if any(owner_id in renamed for owner_id in leads):
            own_leads[node_id] = tuple(renamed.get(owner_id, owner_id) for owner_id in leads)
