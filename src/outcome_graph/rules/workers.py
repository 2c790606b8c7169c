"""Worker processes for the rules of a large plan: the families shared between cores.

The rules of a 100,000-node plan are seconds of Python. The families are independent (each reads
the plan and its facts; none writes them), so on a machine with several cores the engine can give
some families to worker processes. Workers are forked once the plan is loaded and its facts
indexed, so they read the parent's memory instead of receiving a copy of the plan, and they send
back only their findings (pickled). The findings, and their order, are the same as in one process.

Only built-in rules go to workers; plugin rules, which may keep state of their own, always run
in the calling process. A worker that fails for any reason (a rule raising, a signal, a short
reply) has its rules run again in the calling process, so an error surfaces exactly as it would
without workers. Workers are used only where ``os.fork`` exists and the process has no other
thread (forking a threaded process can deadlock); otherwise the rules run in one process.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from ..findings import Finding
    from ..model.plan import Plan
    from .registry import Rule

__all__ = ["Jobs", "MIN_NODES", "FAMILY_COST", "resolve_jobs", "usable_cpus", "partition", "run_partitioned"]

Jobs = int | Literal["auto"]

#: ``jobs="auto"`` uses workers only for plans of at least this many nodes: below it, starting a
#: worker costs more than the rules it takes over.
MIN_NODES = 5_000

#: Each built-in family's share of the rules' time on large plans, the facts only it reads
#: included (leads for ownership, timescales for timing; see bench/README.md). It balances the
#: workers; it does not change what runs.
FAMILY_COST: dict[str, float] = {
    "ownership": 1.4,
    "structure": 0.7,
    "indicators": 0.45,
    "wording": 0.4,
    "timing": 0.25,
    "coverage": 0.1,
}

GroupResult = list[tuple[str, list["Finding"]]]
RunGroup = Callable[[Sequence["Rule"]], GroupResult]


def usable_cpus() -> int:
    """The CPUs this process may run on (its affinity where the system tells it)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def _can_fork() -> bool:
    return hasattr(os, "fork") and threading.active_count() == 1


def resolve_jobs(jobs: Jobs, plan: Plan) -> int:
    """How many processes to use: ``jobs`` itself, or for ``"auto"`` one per usable CPU (at most
    one per family) when the plan has :data:`MIN_NODES` nodes or more and this is Linux; 1 when
    workers cannot be forked here.

    >>> from outcome_graph import load
    >>> plan = load("format: outcome-graph/v1\\nplan: {id: d, period: {start: 2011-04-01, end: 2012-03-31}}")
    >>> resolve_jobs("auto", plan), resolve_jobs(1, plan)
    (1, 1)
    """
    if jobs == "auto":
        if len(plan.nodes) < MIN_NODES or not sys.platform.startswith("linux"):
            return 1
        jobs = min(usable_cpus(), len(FAMILY_COST))
    if not isinstance(jobs, int) or isinstance(jobs, bool) or jobs < 1:
        raise ValueError(f"jobs must be a positive number or 'auto', not {jobs!r}")
    return jobs if jobs > 1 and _can_fork() else 1


def partition(rules: Sequence[Rule], jobs: int) -> list[list[Rule]]:
    """Split rules into at most ``jobs`` groups of about equal cost, a family never split (its
    rules share facts and caches). The first group, run by the calling process, also takes every
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
    bins: list[tuple[float, list[str]]] = [(0.0, []) for _ in range(max(1, min(jobs, len(families))))]
    # Longest first, each to the lightest group so far.
    for family in sorted(families, key=lambda f: (-FAMILY_COST[f], f)):
        i = min(range(len(bins)), key=lambda k: (bins[k][0], k))
        cost, names = bins[i]
        bins[i] = (cost + FAMILY_COST[family], [*names, family])
    # The heaviest group goes to the calling process, which also runs plugin rules.
    bins.sort(key=lambda b: -b[0])
    chosen = [set(names) for _, names in bins]
    groups: list[list[Rule]] = [[] for _ in chosen]
    for r in rules:
        in_family = r.origin == "outcome_graph" and r.family in FAMILY_COST
        k = next((k for k, names in enumerate(chosen) if r.family in names), 0) if in_family else 0
        groups[k].append(r)
    return [g for k, g in enumerate(groups) if g or k == 0]


def run_partitioned(groups: Sequence[Sequence[Rule]], run_group: RunGroup) -> dict[str, list[Finding]]:
    """Run the first group here and each other group in a forked worker; every rule's findings
    by code. A group whose worker fails is run here after the others."""
    children: list[tuple[int, int, Sequence[Rule]]] = []
    results: dict[str, list[Finding]] = {}
    try:
        for group in groups[1:]:
            read_end, write_end = os.pipe()
            pid = os.fork()
            if pid == 0:  # pragma: no cover - the worker (coverage does not follow forks)
                os.close(read_end)
                _work(write_end, group, run_group)
            os.close(write_end)
            children.append((pid, read_end, group))
        results.update(run_group(groups[0]))
        retry: list[Sequence[Rule]] = []
        while children:
            pid, read_end, group = children.pop(0)
            got = _receive(pid, read_end)
            if got is None:
                retry.append(group)
            else:
                results.update(got)
        for group in retry:
            results.update(run_group(group))
    finally:
        for pid, read_end, _ in children:  # interrupted: stop the workers still running
            os.close(read_end)
            try:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
            except OSError:  # pragma: no cover - already gone
                pass
    return results


def _work(write_end: int, group: Sequence[Rule], run_group: RunGroup) -> None:  # pragma: no cover
    # The parent's handlers (SIGTERM raises SystemExit) would unwind into the parent's code.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    status = 1
    try:
        data = pickle.dumps(run_group(group), protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(write_end, "wb") as out:
            out.write(data)
        status = 0
    except BaseException:  # noqa: BLE001,S110 - the parent runs the group again and sees the error
        pass
    finally:
        os._exit(status)  # no atexit handlers, no second flush of the parent's buffers


def _receive(pid: int, read_end: int) -> GroupResult | None:
    with os.fdopen(read_end, "rb") as stream:
        data = stream.read()
    _, status = os.waitpid(pid, 0)
    if not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 0:
        return None
    try:
        got = pickle.loads(data)  # noqa: S301 - our own worker's reply, through a private pipe
    except Exception:  # noqa: BLE001
        return None
    return got if isinstance(got, list) else None
