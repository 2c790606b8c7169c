"""One outcome's slice of a plan: the work serving the outcome, the nodes above it and the
indicators measuring it (what ``render --outcome`` draws, in both views).

A node serves an outcome when it carries it, stated or inherited, as the coverage rules count it.
Many plans tag only their indicators (a National Indicator's outcome comes from the catalogue), and
leave their priorities, aims and objectives untagged: there the question "what in this plan serves
Stay safe?" is answered by what the plan measures with Stay-safe indicators. So a work node with no
outcome of its own or inherited, and not cross-cutting, is taken to serve the outcomes of the
indicators it lists, and the untagged work below it with it, as a tag would have been inherited.
Stated outcomes keep priority: a node tagged with other outcomes is not drawn into a slice by an
indicator (that is OG204's mismatch), nor is a cross-cutting branch (``outcomes: []``). The coverage
rules (OG2xx) do not infer: a plan that tags no work still has its one plan-wide OG201.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .facts import PlanFacts

__all__ = ["OutcomeSlice", "WORK_KINDS", "outcome_slice"]

#: The kinds of node that are work (they serve outcomes; indicators measure them).
WORK_KINDS = frozenset({"priority", "aim", "objective", "milestone"})


@dataclass(frozen=True)
class OutcomeSlice:
    """One outcome's slice of a plan."""

    outcome: str
    #: Work nodes carrying the outcome, stated or inherited.
    tagged: frozenset[str]
    #: Untagged work nodes listing an indicator of the outcome, and the untagged work below them.
    inferred: frozenset[str]
    #: The indicators of the slice: those listed by the tagged nodes, and the outcome's own
    #: indicators listed by the inferred ones.
    indicators: frozenset[str]
    #: The nodes above the serving ones that do not
    #: serve the outcome themselves (drawn for context).
    context: frozenset[str]

    @property
    def serving(self) -> frozenset[str]:
        """The work nodes serving the outcome, tagged or inferred."""
        return self.tagged | self.inferred

    @property
    def nodes(self) -> frozenset[str]:
        """Every node of the slice: the serving ones, those above them and the indicators."""
        return self.serving | self.context | self.indicators

    def __bool__(self) -> bool:
        return bool(self.tagged or self.inferred)


def outcome_slice(facts: PlanFacts, outcome: str) -> OutcomeSlice:
    """The slice of ``outcome`` (a framework outcome's id) in the plan ``facts`` describes.

    Examples
    --------
    >>> from outcome_graph import load
    >>> from outcome_graph.graph.facts import PlanFacts
    >>> plan = load('''
    ... format: outcome-graph/v1
    ... plan: {id: demo, period: {start: 2011-04-01, end: 2012-03-31}}
    ... priorities:
    ...   - {id: P1, title: Children are safe,
    ...      aims: [{id: P1.A1, title: Fewer accidents, indicators: [I1]}]}
    ...   - {id: P2, title: Children learn, aims: [{id: P2.A1, title: Better results}]}
    ... indicators: [{id: I1, title: Hospital admissions for injuries, outcomes: [stay_safe]}]
    ... ''')
    >>> part = outcome_slice(PlanFacts(plan), "stay_safe")
    >>> sorted(part.inferred), sorted(part.context), sorted(part.indicators), sorted(part.tagged)
    (['P1.A1'], ['P1'], ['I1'], [])
    """
    kind_of, outcomes, cross = facts.kind_of, facts.outcomes, facts.cross_cutting
    tagged = {
        n for n, kind in kind_of.items() if kind in WORK_KINDS and outcome in outcomes.get(n, ())
    }
    indicators = {i for n in tagged for i in facts.measured_by.get(n, ())}

    def untagged(node_id: str) -> bool:
        return (
            kind_of.get(node_id) in WORK_KINDS
            and not outcomes.get(node_id)
            and node_id not in cross
        )

    inferred: set[str] = set()
    for ind, measured in facts.measures.items():
        if outcome not in outcomes.get(ind, ()):
            continue
        for n in measured:
            if untagged(n):
                indicators.add(ind)
                if n not in inferred:
                    inferred.add(n)
                    inferred.update(d for d in facts.descendants(n) if untagged(d))
    serving = tagged | inferred
    context = facts.above_any(serving)  # (the serving nodes left out)
    return OutcomeSlice(
        outcome, frozenset(tagged), frozenset(inferred), frozenset(indicators), frozenset(context)
    )


def nothing_serves(facts: PlanFacts, outcome: str) -> str:
    """Why an outcome's slice is empty, for an error message: no node serves it, and where the
    plan tags no work with any outcome, that its indicators do not carry this one either."""
    title = facts.plan.framework.outcome(outcome).title
    why = f"no node of the plan serves '{title}'"
    if not facts.outcomes_stated:
        why += (
            " (the plan tags no priority, aim, objective or milestone with an outcome, and no "
            "indicator they list measures it)"
        )
    return why
