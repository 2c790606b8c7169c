"""Rules in worker processes (``check(plan, jobs=N)``, ``outcome-graph check --jobs N``).

Whatever the number of processes, the report must be the one a single process gives: the same
findings, suppressed findings and order, on real plans, synthetic plans and generated ones. A
worker that fails has its rules run again in the calling process, and plugin rules never leave it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

import outcome_graph as og
from outcome_graph.config import Config
from outcome_graph.rules import registry
from outcome_graph.rules.engine import run_rules
from outcome_graph.rules.registry import rule
from outcome_graph.rules.workers import FAMILY_COST, MIN_NODES, RUNS_WITH, families, resolve_jobs
from outcome_graph.synth import dump_yaml, generate

from .conftest import EXAMPLES, MODELS, og_command
from .strategies import plan_text, plans

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="workers are forked")

REAL_PLANS = sorted(MODELS.glob("*.yaml")) + [EXAMPLES / "tutorial-plan.yaml"]


def _same_report(a: og.Report, b: og.Report) -> None:
    assert a.findings == b.findings
    assert [f.order for f in a.findings] == [f.order for f in b.findings]
    assert a.suppressed == b.suppressed
    assert a.to_json() == b.to_json()


@pytest.fixture(scope="module")
def synthetic() -> og.Plan:
    return og.load(dump_yaml(generate(2500, seed=4)))


@pytest.mark.parametrize("path", REAL_PLANS, ids=lambda p: p.stem)
def test_workers_give_the_same_report_on_real_plans(path):
    plan = og.load(path)
    one = og.check(plan)
    assert one.findings
    for jobs in (2, 3, 6):
        _same_report(og.check(plan, jobs=jobs), one)


def test_workers_give_the_same_report_on_a_synthetic_plan(synthetic):
    one = og.check(synthetic)
    assert len(one.findings) > 100
    _same_report(og.check(synthetic, jobs=2), one)
    config = Config.from_dict({"ignore": ["OG6"], "severity": {"OG302": "error"}})
    _same_report(og.check(synthetic, config, jobs=2), og.check(synthetic, config))


@settings(max_examples=15)
@given(plans())
def test_workers_give_the_same_report_on_generated_plans(doc):
    plan = og.load(plan_text(doc))
    _same_report(og.check(plan, jobs=2), og.check(plan))


def test_families_are_whole_costliest_first_and_every_rule_once():
    rules = list(registry().values())
    here, shared = families(rules)
    assert here == []
    assert sorted(r.code for g in shared for r in g) == sorted(r.code for r in rules)
    # A group is a family and the families that run with it (the timing family goes with
    # ownership, which works out the same timescales), costliest group first.
    groups = [{r.family for r in g} for g in shared]
    assert groups == [
        {"ownership", "timing"},
        {"structure"},
        {"indicators"},
        {"wording"},
        {"coverage"},
    ]
    assert all(RUNS_WITH.get(f, f) == g[0].family for g in shared for f in {r.family for r in g})
    for g in shared:
        assert [r.code for r in g] == sorted(r.code for r in g)  # the rules' order is kept


def _plugin(code: str, seen_in: list[int]):
    @rule(code, "pid-recorder", "info", register=False)
    def check_fn(ctx):
        """Records the process it runs in.

        ## What it does
        Nothing visible.
        ## Why it matters
        It shows where plugin rules run.
        ## Example
        Any plan.
        ## How to fix
        Nothing to fix.
        """
        seen_in.append(os.getpid())
        return iter(())

    return replace(check_fn, origin="acme_rules", family="acme")


def test_plugin_rules_run_in_the_calling_process(synthetic):
    seen: list[int] = []
    plugin = _plugin("ACME001", seen)
    here, _ = families([*registry().values(), plugin])
    assert here == [plugin]
    run_rules(synthetic, [*registry().values(), plugin], Config(), jobs=3)
    assert seen == [os.getpid()]


def _failing_in_workers(rule, how: str):
    parent = os.getpid()

    def check_fn(ctx):
        if os.getpid() != parent:
            if how == "raise":
                raise RuntimeError("worker only")
            os.kill(os.getpid(), signal.SIGKILL)
        return rule.check(ctx)

    return replace(rule, check=check_fn)


@pytest.mark.parametrize("how", ["raise", "killed"])
@pytest.mark.parametrize("jobs", [2, 3])
def test_what_a_failing_worker_took_is_run_again_here(synthetic, how, jobs):
    # Every built-in rule fails in a worker: whatever the workers took is done again here.
    rules = list(registry().values())
    swapped = [_failing_in_workers(r, how) for r in rules]
    expected = run_rules(synthetic, rules, Config())
    _same_report(run_rules(synthetic, swapped, Config(), jobs=jobs), expected)
    assert not _zombies()


def test_an_error_in_a_rule_surfaces_as_without_workers(synthetic):
    rules = list(registry().values())

    def broken(ctx):
        raise ZeroDivisionError("rule bug")

    for victim in (rules[0].code, rules[-1].code):
        swapped = [replace(r, check=broken) if r.code == victim else r for r in rules]
        with pytest.raises(ZeroDivisionError, match="rule bug"):
            run_rules(synthetic, swapped, Config(), jobs=2)
        assert not _zombies()


def _zombies() -> list[int]:
    try:
        pid, _ = os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return []
    return [pid] if pid else []


def test_resolve_jobs(synthetic):
    small = og.load(EXAMPLES / "tutorial-plan.yaml")
    assert len(small.nodes) < MIN_NODES
    assert resolve_jobs("auto", small) == 1
    assert resolve_jobs(1, small) == 1
    assert resolve_jobs(2, small) == 2  # asked for: used whatever the size
    for bad in (0, -1, "two", 1.5, True):
        with pytest.raises(og.UsageError, match="positive number or 'auto'"):
            resolve_jobs(bad, small)  # type: ignore[arg-type]
    # With another thread running, forking could deadlock: one process.
    stop = threading.Event()
    t = threading.Thread(target=stop.wait)
    t.start()
    try:
        assert resolve_jobs(2, small) == 1
        _same_report(og.check(synthetic, jobs=2), og.check(synthetic))
    finally:
        stop.set()
        t.join()


def test_auto_uses_workers_for_large_plans_on_linux(monkeypatch):
    import outcome_graph.forking as forking
    import outcome_graph.rules.workers as workers

    plan = og.load(dump_yaml(generate(600, seed=1)))
    assert resolve_jobs("auto", plan) == 1  # under MIN_NODES
    monkeypatch.setattr(workers, "MIN_NODES", 500)
    for module in (forking, workers):
        monkeypatch.setattr(module, "usable_cpus", lambda: 4)
    monkeypatch.setattr(forking.sys, "platform", "linux")
    assert resolve_jobs("auto", plan) == 4
    for module in (forking, workers):
        monkeypatch.setattr(module, "usable_cpus", lambda: 64)
    assert resolve_jobs("auto", plan) == len(FAMILY_COST) - len(RUNS_WITH)  # one per group
    for module in (forking, workers):
        monkeypatch.setattr(module, "usable_cpus", lambda: 1)
    assert resolve_jobs("auto", plan) == 1
    for module in (forking, workers):
        monkeypatch.setattr(module, "usable_cpus", lambda: 4)
    monkeypatch.setattr(forking.sys, "platform", "darwin")
    assert resolve_jobs("auto", plan) == 1


def test_cli_jobs_option(tmp_path, cli_env):
    path = tmp_path / "plan.yaml"
    path.write_text(dump_yaml(generate(1200, seed=2)), encoding="utf-8")
    outs = []
    for jobs in ("1", "2", "auto"):
        proc = subprocess.run(
            [*og_command(), "check", str(path), "--format", "json", "--jobs", jobs],
            capture_output=True,
            text=True,
            env=cli_env,
        )
        assert proc.returncode == 1, proc.stderr
        outs.append(proc.stdout)
    assert outs[0] == outs[1] == outs[2]
    for bad in ("0", "many"):
        proc = subprocess.run(
            [*og_command(), "check", str(path), "-j", bad],
            capture_output=True,
            text=True,
            env=cli_env,
        )
        assert proc.returncode == 2
        assert "not a positive number or 'auto'" in proc.stderr
        assert "Traceback" not in proc.stderr


# -- positions found in a child while the plan is validated (load(..., jobs=N)) ---------------


def _where(plan: og.Plan) -> dict[str, tuple]:
    out: dict[str, tuple] = {
        n: (node._line, node._column, node._order) for n, node in plan.nodes.items()
    }
    out.update({f"owner {k}": v for k, v in plan.owner_lines.items()})
    out.update({f"group {k}": v for k, v in plan.group_lines.items()})
    return out


@pytest.mark.parametrize("form", ["yaml", "json"])
def test_loading_with_a_child_gives_the_same_plan(form, monkeypatch):
    import outcome_graph.loading.tree as tree
    from outcome_graph.synth import dump_json

    children = []

    class CountedForked(tree.Forked):
        def __init__(self, fn):
            children.append(fn)
            super().__init__(fn)

    monkeypatch.setattr(tree, "Forked", CountedForked)
    doc = generate(1500, seed=9)
    text = dump_json(doc) if form == "json" else dump_yaml(doc)
    one = og.load(text)
    assert not children
    plan = og.load(text, jobs=2)
    if form == "yaml" and tree.yaml_engine() != "rapidyaml":
        pytest.skip("rapidyaml is not installed: YAML takes the precise path")
    assert len(children) == 1
    assert plan.document == one.document
    assert _where(plan) == _where(one)
    assert all(plan.nodes[n]._line is not None for n in plan.nodes)


@pytest.mark.parametrize("path", REAL_PLANS, ids=lambda p: p.stem)
def test_loading_real_plans_with_a_child(path):
    one = og.load(path)
    plan = og.load(path, jobs=2)
    assert plan.document == one.document and _where(plan) == _where(one)


def test_a_failing_position_child_is_done_here(monkeypatch):
    import outcome_graph.loading.tree as tree

    parent = os.getpid()
    real = tree._positions

    def positions_failing_in_the_child(text, document):
        if os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(text, document)

    monkeypatch.setattr(tree, "_positions", positions_failing_in_the_child)
    text = dump_yaml(generate(400, seed=3))
    assert _where(og.load(text, jobs=2)) == _where(og.load(text))
    assert not _zombies()


def test_an_invalid_plan_stops_the_position_child_and_reports_as_usual():
    from .conftest import PLAN_HEADER

    text = PLAN_HEADER + "objectives:\n  - id: O1\n    title: Fewer accidents\n    colour: red\n"
    with pytest.raises(og.PlanError) as one:
        og.load(text)
    with pytest.raises(og.PlanError) as two:
        og.load(text, jobs=2)
    assert str(one.value) == str(two.value) == "<plan>:6:5: unknown field 'colour' in objective O1"
    assert not _zombies()
    with pytest.raises(og.UsageError, match="positive number or 'auto'"):
        og.load(text, jobs=0)


def test_plugin_rules_alone_or_no_rules_with_workers(synthetic):
    seen: list[int] = []
    plugin = _plugin("ACME002", seen)
    assert families([plugin]) == ([plugin], [])
    assert families([]) == ([], [])
    report = run_rules(synthetic, [plugin], Config(), jobs=2)
    assert report.findings == [] and seen == [os.getpid()]


def test_when_no_child_can_be_forked_everything_runs_here(synthetic, monkeypatch):
    import errno

    def refuse():
        raise OSError(errno.ENOMEM, "Cannot allocate memory")

    text = dump_yaml(generate(400, seed=5))
    expected_plan = og.load(text)
    expected = og.check(synthetic)
    monkeypatch.setattr(os, "fork", refuse)
    assert _where(og.load(text, jobs=2)) == _where(expected_plan)
    _same_report(og.check(synthetic, jobs=2), expected)


def test_a_program_that_ignores_sigchld(synthetic):
    # Children are then reaped by the system as they end: nothing to wait for, nothing lost.
    previous = signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    try:
        expected = og.check(synthetic)
        _same_report(og.check(synthetic, jobs=2), expected)
        rules = list(registry().values())
        swapped = [_failing_in_workers(r, "killed") for r in rules]
        _same_report(
            run_rules(synthetic, swapped, Config(), jobs=2), run_rules(synthetic, rules, Config())
        )
        text = dump_yaml(generate(300, seed=6))
        assert _where(og.load(text, jobs=2)) == _where(og.load(text))
    finally:
        signal.signal(signal.SIGCHLD, previous)


@pytest.mark.parametrize("name", ["SIGINT", "SIGHUP"])
def test_a_child_ignores_what_its_parent_ignores(name: str):
    # (a command started in the background by a script ignores SIGINT, one under nohup SIGHUP: a
    # signal sent to the whole group then stopped the children alone, whose work was done again)
    from outcome_graph.forking import Forked, reap

    number = getattr(signal, name)
    previous = signal.signal(number, signal.SIG_IGN)
    try:
        child = Forked(lambda: (os.kill(os.getpid(), number), "done")[1])
        assert child.result() == "done"
        reap()
    finally:
        signal.signal(number, previous)


# -- several plans shared between processes (check PLANS... --jobs) ----------------------------


def test_map_shared_keeps_the_order_and_does_again_what_a_child_failed():
    from outcome_graph.forking import map_shared, reap

    parent = os.getpid()
    assert map_shared(lambda i: i * 3, 7, 3) == [i * 3 for i in range(7)]
    assert map_shared(lambda i: i, 2500, 2) == list(
        range(2500)
    )  # (more indices than one pipe's batch)

    def slow_pid(i: int) -> int:
        time.sleep(0.01)
        return os.getpid()

    assert len(set(map_shared(slow_pid, 20, 2))) == 2  # the child took its share

    def dies_in_a_child(i: int) -> tuple[int, int]:
        time.sleep(0.01)
        if os.getpid() != parent:
            os._exit(3)  # a child that takes any index dies without a result
        return i, os.getpid()

    assert map_shared(dies_in_a_child, 40, 2) == [(i, parent) for i in range(40)]

    def raises_in_a_child(i: int) -> int:
        time.sleep(0.01)
        if os.getpid() != parent and i % 2:
            raise RuntimeError("child bug")
        return -i

    assert map_shared(raises_in_a_child, 40, 2) == [-i for i in range(40)]
    reap()
    assert not _zombies()


def test_map_shared_raises_what_the_calling_process_raises_and_stops_the_children():
    from outcome_graph.forking import map_shared

    def fails(i: int) -> int:
        if i == 5:
            raise ValueError("item 5")
        return i

    with pytest.raises(ValueError, match="item 5"):
        map_shared(fails, 6, 2)  # (the failing index is run here again if a child took it)
    assert not _zombies()


def test_several_plans_give_the_same_output_with_several_processes(tmp_path, cli_env):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "format: outcome-graph/v1\nplan: {id: x, period: {start: 2011-04-01, end: 2012-03-31}}\n"
        "objectives:\n  - {id: O1, title: A}\n  - {id: O1, title: B}\n",
        encoding="utf-8",
    )
    paths = [
        *map(str, sorted(MODELS.glob("*.yaml"))),
        str(bad),
        str(EXAMPLES / "tutorial-plan.yaml"),
    ]
    for fmt in ("json", "text", "sarif"):
        runs = [
            subprocess.run(
                [*og_command(), "check", *paths, "--format", fmt, "--jobs", jobs, "--no-color"],
                capture_output=True,
                text=True,
                env=cli_env,
            )
            for jobs in ("1", "2", "auto")
        ]
        assert {(r.returncode, r.stdout, r.stderr) for r in runs} == {
            (runs[0].returncode, runs[0].stdout, runs[0].stderr)
        }
        assert runs[0].returncode == 2 and "duplicate id 'O1'" in runs[0].stderr
        assert "Traceback" not in runs[0].stderr


def test_plan_processes():
    from outcome_graph.commands.check import plan_processes as _plan_processes
    from outcome_graph.forking import auto_allowed, usable_cpus

    assert _plan_processes("auto", 1) == _plan_processes(4, 1) == 1  # one plan: its own --jobs
    assert (
        _plan_processes(4, 3) == 3 and _plan_processes(2, 10) == 2 and _plan_processes(1, 10) == 1
    )
    assert _plan_processes("auto", 10) == (min(usable_cpus(), 10) if auto_allowed() else 1)


_ALIASED = (
    "format: outcome-graph/v1\nplan: {id: t, period: {start: 2011-04-01, end: 2012-03-31}}\n"
    "objectives:\n  - {id: O1, title: Fewer accidents, notes: &shared Agreed with the police}\n"
    "  - {id: O2, title: Safer routes, notes: *shared}\n"
)


def test_an_alias_is_read_as_pyyaml_reads_it_when_a_child_screens_the_text(monkeypatch):
    # rapidyaml, reading the text before it is screened, takes "*shared" for text; the screen
    # (in a child, while this process parses) must send the plan to PyYAML, which expands it.
    assert og.load(_ALIASED).nodes["O2"].notes == "Agreed with the police"
    assert og.load(_ALIASED, jobs=2).nodes["O2"].notes == "Agreed with the police"
    # A screening child that fails: the screen is worked out here.
    import outcome_graph.loading.loader as loader
    from outcome_graph.forking import Forked

    monkeypatch.setattr(loader, "_screen_in_child", lambda text: Forked(lambda: os._exit(3)))
    assert og.load(_ALIASED, jobs=2).nodes["O2"].notes == "Agreed with the police"
    assert not _zombies()


# -- a program started while a signal arrives (forking.start_process) ------------------------------


class _Stopped(Exception):
    pass


def _gone(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] == "Z"
    except FileNotFoundError:
        return True


def _signal_while_starting(tmp_path: Path, signum: int) -> tuple[Path, Any]:
    """preexec_fn runs in the child before it becomes the program, while the parent waits inside
    Popen(): the signal it sends the parent arrives there, where it used to unwind the parent and
    leave the program running."""
    pid_file = tmp_path / "child.pid"

    def signal_parent() -> None:
        pid_file.write_text(str(os.getpid()))
        os.kill(os.getppid(), signum)

    return pid_file, signal_parent


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="reads process states from /proc")
def test_a_signal_arriving_while_a_program_starts_stops_the_program_too(tmp_path: Path):
    from outcome_graph.forking import start_process

    def stop(signum: int, frame: object) -> None:
        raise _Stopped(signum)

    pid_file, signal_parent = _signal_while_starting(tmp_path, signal.SIGTERM)
    previous = signal.signal(signal.SIGTERM, stop)
    try:
        with pytest.raises(_Stopped):
            start_process(["sleep", "60"], preexec_fn=signal_parent)
        assert signal.getsignal(signal.SIGTERM) is stop  # (the handler is back)
    finally:
        signal.signal(signal.SIGTERM, previous)
    pid = int(pid_file.read_text())
    assert _gone(pid), "the program started is still running"


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="reads process states from /proc")
def test_a_signal_whose_handler_returns_leaves_the_program_started_running(tmp_path: Path):
    from outcome_graph.forking import start_process

    seen: list[int] = []
    pid_file, signal_parent = _signal_while_starting(tmp_path, signal.SIGHUP)
    previous = signal.signal(signal.SIGHUP, lambda signum, frame: seen.append(signum))
    try:
        process = start_process(["sleep", "60"], preexec_fn=signal_parent)
    finally:
        signal.signal(signal.SIGHUP, previous)
    try:
        assert seen == [signal.SIGHUP]  # delivered once, after the start
        assert process.pid == int(pid_file.read_text()) and process.poll() is None
    finally:
        process.kill()
        process.wait()


def test_an_ignored_signal_stays_ignored_while_a_program_starts(tmp_path: Path):
    from outcome_graph.forking import start_process

    pid_file, signal_parent = _signal_while_starting(tmp_path, signal.SIGHUP)
    previous = signal.signal(signal.SIGHUP, signal.SIG_IGN)
    try:
        process = start_process(["sleep", "60"], preexec_fn=signal_parent)
        assert signal.getsignal(signal.SIGHUP) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGHUP, previous)
    try:
        assert process.poll() is None
    finally:
        process.kill()
        process.wait()
