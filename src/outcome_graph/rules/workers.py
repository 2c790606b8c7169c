"""Worker processes for the rules of a large plan: the families shared between cores.

The rules of a 100,000-node plan are seconds of Python. The families are independent (each reads
the plan and its facts; none writes them), so on a machine with several cores the engine can give
some families to worker processes. Workers are forked once the plan is loaded and its facts
indexed, so they read the parent's memory instead of receiving a copy of the plan, and they send
back only their findings (pickled). The findings, and their order, are the same as in one process.

Only built-in rules go to workers; plugin rules, which may keep state of their own, always run
in the calling process. A worker that fails for any reason (a rule raising, a signal, a short
reply) has its rules run again in the calling process, so an error surfaces exactly as it would
without workers. Workers are used only where :mod:`outcome_graph.forking` can fork; otherwise
the rules run in one process.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from ..forking import ChildFailed, Forked, Jobs, auto_allowed, can_fork, check_jobs, usable_cpus

if TYPE_CHECKING:
    from ..findings import Finding
    from ..model.plan import Plan
    from .registry import Rule

__all__ = ["Jobs", "MIN_NODES", "FAMILY_COST", "resolve_jobs", "partition", "run_partitioned"]

#: ``jobs="auto"`` uses workers only for plans of at least this many nodes: below it, starting a
#: worker costs more than the rules it takes over.
MIN_NODES = 5_000

#: Each built-in family's share of the rules' time on large plans, the facts only it reads
#: included (leads for ownership, timescales for timing; see bench/README.md). It balances the
#: workers; it does not change what runs.
FAMILY_COST: dict[str, float] = {
    "ownership": 1.25,
    "structure": 0.7,
    "indicators": 0.4,
    "wording": 0.35,
    "timing": 0.25,
    "coverage": 0.1,
}


GroupResult = list[tuple[str, list["Finding"]]]
RunGroup = Callable[[Sequence["Rule"]], GroupResult]


def resolve_jobs(jobs: Jobs, plan: Plan) -> int:
    """How many processes to use: ``jobs`` itself, or for ``"auto"`` one per usable CPU (at most
    one per family) when the plan has :data:`MIN_NODES` nodes or more and this is Linux; 1 when
    workers cannot be forked here.

    >>> from outcome_graph import load
    >>> plan = load("format: outcome-graph/v1\\nplan: {id: d, period: {start: 2011-04-01, end: 2012-03-31}}")
    >>> resolve_jobs("auto", plan), resolve_jobs(1, plan)
    (1, 1)
    """
    check_jobs(jobs)
    if jobs == "auto":
        if len(plan.nodes) < MIN_NODES or not auto_allowed():
            return 1
        jobs = min(usable_cpus(), len(FAMILY_COST))
    assert isinstance(jobs, int)
    return jobs if jobs > 1 and can_fork() else 1


def partition(rules: Sequence[Rule], jobs: int) -> list[list[Rule]]:
    """Split rules into at most ``jobs`` groups of about equal cost (:data:`FAMILY_COST`), a
    family never split (its rules share facts and caches). The first group, run by the calling process, also takes every
    plugin rule. Groups keep the rules' order.

    >>> from outcome_graph import registry
    >>> groups = partition(list(registry().values()), 2)
    >>> sorted(sorted({r.family for r in g}) for g in groups)
    [['coverage', 'indicators', 'structure', 'wording'], ['ownership', 'timing']]
    """
    families: dict[str, list[Rule]] = {}
    for r in rules:
        if r.origin == "outcome_graph" and r.family in FAMILY_COST:
            families.setdefault(r.family, []).append(r)
    n_bins = max(1, min(jobs, len(families)))
    names = sorted(families, key=lambda f: (-FAMILY_COST[f], f))
    if n_bins ** len(names) <= 4096:
        # Few families: the assignment whose heaviest group is lightest (ties: the first found).
        best: tuple[float, tuple[int, ...]] | None = None
        for assignment in itertools.product(range(n_bins), repeat=len(names)):
            loads = [0.0] * n_bins
            for family, k in zip(names, assignment):
                loads[k] += FAMILY_COST[family]
            if best is None or max(loads) < best[0] - 1e-9:
                best = (max(loads), assignment)
        assert best is not None
        chosen_bins = [[f for f, k in zip(names, best[1]) if k == b] for b in range(n_bins)]
    else:
        # Longest first, each to the lightest group so far.
        chosen_bins = [[] for _ in range(n_bins)]
        for family in names:
            b = min(range(n_bins), key=lambda k: (sum(FAMILY_COST[f] for f in chosen_bins[k]), k))
            chosen_bins[b].append(family)
    bins = [(sum(FAMILY_COST[f] for f in group), group) for group in chosen_bins if group]
    if not bins:  # no built-in rule: one group, here
        return [list(rules)]
    # The heaviest group goes to the calling process, which also runs plugin rules.
    bins.sort(key=lambda b: -b[0])
    chosen = [set(group) for _, group in bins]
    groups: list[list[Rule]] = [[] for _ in chosen]
    for r in rules:
        in_family = r.origin == "outcome_graph" and r.family in FAMILY_COST
        k = next((k for k, group in enumerate(chosen) if r.family in group), 0) if in_family else 0
        groups[k].append(r)
    return [g for k, g in enumerate(groups) if g or k == 0]


def run_partitioned(groups: Sequence[Sequence[Rule]], run_group: RunGroup) -> dict[str, list[Finding]]:
    """Run the first group here and each other group in a forked worker; every rule's findings
    by code. A group whose worker fails is run here after the others."""
    workers: list[tuple[Forked[GroupResult], Sequence[Rule]]] = []
    results: dict[str, list[Finding]] = {}
    try:
        for group in groups[1:]:
            workers.append((Forked(lambda group=group: run_group(group)), group))  # type: ignore[misc]
        results.update(run_group(groups[0]))
        retry: list[Sequence[Rule]] = []
        for worker, group in workers:
            try:
                results.update(worker.result())
            except ChildFailed:
                retry.append(group)
        for group in retry:
            results.update(run_group(group))
    finally:
        for worker, _ in workers:  # interrupted: stop the workers still running
            worker.cancel()
    return results
