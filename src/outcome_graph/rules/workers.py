"""Worker processes for the rules of a large plan: the families shared between cores.

The rules of a 100,000-node plan are seconds of Python. The families are independent (each reads
the plan and its facts; none writes them), so on a machine with several cores the engine can
share them between processes. Workers are forked once the plan is loaded and its facts indexed,
so they read the parent's memory instead of receiving a copy of the plan, and they send back only
their findings (pickled). The findings, and their order, are the same as in one process.

The families are handed out one at a time, the costliest first, to whichever process is free
(each takes the next family's number from a pipe they share), so a slow or busy core takes fewer
of them. Only built-in rules go to workers; plugin rules, which may keep state of their own,
always run in the calling process. The rules a failed worker took (a rule raising, a signal, a
short reply) are run again in the calling process, so an error surfaces exactly as it would
without workers. Workers are used only where :mod:`outcome_graph.forking` can fork; otherwise the
rules run in one process.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from ..forking import Jobs, auto_allowed, can_fork, check_jobs, map_shared, usable_cpus

if TYPE_CHECKING:
    from ..findings import Finding
    from ..model.plan import Plan
    from .registry import Rule

__all__ = [
    "Jobs",
    "MIN_NODES",
    "FAMILY_COST",
    "RUNS_WITH",
    "resolve_jobs",
    "families",
    "run_shared",
]

#: ``jobs="auto"`` uses workers only for plans of at least this many nodes: below it, starting a
#: worker costs more than the rules it takes over.
MIN_NODES = 5_000

#: Each built-in family's share of the rules' time on large plans, the facts only it reads
#: included (leads for ownership, timescales for timing; see bench/README.md). The families are
#: handed out in this order, costliest first, so that none is left to start last.
FAMILY_COST: dict[str, float] = {
    "ownership": 1.25,
    "structure": 0.7,
    "indicators": 0.4,
    "wording": 0.35,
    "timing": 0.25,
    "coverage": 0.1,
}

#: Families that read facts another family works out run in that family's process: the timing
#: family reads the parsed timescales, which OG303 (ownership) works out too, and which would
#: otherwise be worked out twice (about 0.1 s at 100,000 nodes) whenever the two families went to
#: different processes.
RUNS_WITH: dict[str, str] = {"timing": "ownership"}

GroupResult = list[tuple[str, list["Finding"]]]
RunGroup = Callable[[Sequence["Rule"]], GroupResult]


def resolve_jobs(jobs: Jobs, plan: Plan) -> int:
    """How many processes to use: ``jobs`` itself, or for ``"auto"`` one per usable CPU (at most
    one per group of families, see :func:`families`) when the plan has :data:`MIN_NODES` nodes or
    more and this is Linux; 1 when workers cannot be forked here.

    >>> from outcome_graph import load
    >>> plan = load("format: outcome-graph/v1\\n"
    ...             "plan: {id: d, period: {start: 2011-04-01, end: 2012-03-31}}")
    >>> resolve_jobs("auto", plan), resolve_jobs(1, plan)
    (1, 1)
    """
    check_jobs(jobs)
    if jobs == "auto":
        if len(plan.nodes) < MIN_NODES or not auto_allowed():
            return 1
        jobs = min(usable_cpus(), len(FAMILY_COST) - len(RUNS_WITH))
    assert isinstance(jobs, int)
    return jobs if jobs > 1 and can_fork() else 1


def families(rules: Sequence[Rule]) -> tuple[list[Rule], list[list[Rule]]]:
    """(the rules the calling process keeps, the built-in families to share in groups), the
    groups costliest first (:data:`FAMILY_COST`), every list in the rules' order.

    A group is one family and the families that run with it (:data:`RUNS_WITH`).

    >>> from outcome_graph import registry
    >>> here, shared = families(list(registry().values()))
    >>> here, [sorted({r.family for r in group}) for group in shared]
    ([], [['ownership', 'timing'], ['structure'], ['indicators'], ['wording'], ['coverage']])
    """
    here: list[Rule] = []
    by_group: dict[str, list[Rule]] = {}
    for r in rules:
        if r.origin == "outcome_graph" and r.family in FAMILY_COST:
            by_group.setdefault(RUNS_WITH.get(r.family, r.family), []).append(r)
        else:
            here.append(r)
    cost = {
        g: sum(FAMILY_COST[f] for f in {r.family for r in group}) for g, group in by_group.items()
    }
    order = sorted(by_group, key=lambda g: (-cost[g], g))
    return here, [by_group[g] for g in order]


def run_shared(
    rules: Sequence[Rule], run_group: RunGroup, processes: int
) -> dict[str, list[Finding]]:
    """Run the rules in ``processes`` processes (this one and forked workers); every rule's
    findings by code. The families are handed out by :func:`~outcome_graph.forking.map_shared`
    (what a failed worker took is run again here); plugin rules run here afterwards."""
    here, shared = families(rules)
    results: dict[str, list[Finding]] = {}
    for group in map_shared(lambda i: run_group(shared[i]), len(shared), processes):
        results.update(group)
    results.update(run_group(here))
    return results
