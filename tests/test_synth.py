"""Synthetic plans: the right size, deterministic, loadable in both forms, with the planted defects
found."""

from __future__ import annotations

import json
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import outcome_graph as og
from outcome_graph.analysis.timescale import Interval, parse_timescale
from outcome_graph.errors import UsageError
from outcome_graph.synth import (
    DEFECTS,
    _timescale,
    count_nodes,
    dump_json,
    dump_yaml,
    generate,
    planted_defects,
)

from .conftest import og_command


@pytest.fixture(scope="module")
def plan_1000() -> tuple[dict, og.Plan, og.Report]:
    doc = generate(1000, seed=3)
    plan = og.load(dump_yaml(doc))
    return doc, plan, og.check(plan)


def test_size_and_determinism():
    a = generate(400, seed=5)
    assert count_nodes(a) == 400
    assert dump_yaml(a) == dump_yaml(generate(400, seed=5))
    assert dump_yaml(a) != dump_yaml(generate(400, seed=6))


def test_yaml_and_json_are_the_same_plan(tmp_path: Path):
    doc = generate(300, seed=1)
    (tmp_path / "p.yaml").write_text(dump_yaml(doc))
    (tmp_path / "p.json").write_text(dump_json(doc))
    a, b = og.load(tmp_path / "p.yaml"), og.load(tmp_path / "p.json")
    assert a.document == b.document and list(a.nodes) == list(b.nodes)
    assert json.loads((tmp_path / "p.json").read_text()) == doc
    # positions point at the node in each file
    lines = (tmp_path / "p.yaml").read_text().splitlines()
    node = a.nodes["P1.A1.O1.M1"]
    assert lines[node._line - 1].strip() == "- id: P1.A1.O1.M1"


def test_every_planted_defect_is_found(plan_1000):
    doc, plan, report = plan_1000
    planted = planted_defects(doc)
    assert set(planted) == set(DEFECTS)
    found = Counter(f.rule for f in [*report.findings, *report.suppressed])
    for code, count in planted.items():
        assert found[code] >= count, (code, found[code], count)
    for code in ("OG103", "OG301", "OG401", "OG101", "OG102", "OG402", "OG404", "OG601", "OG602"):
        assert found[code] == planted[code], code


def test_a_clean_plan_has_no_findings():
    report = og.check(og.load(dump_yaml(generate(1500, seed=2, defects=0))))
    assert [(f.rule, f.node, f.message) for f in report.findings] == []


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    n=st.integers(100, 600),
    seed=st.integers(0, 10_000),
    share=st.sampled_from([0.0, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.8]),
)
def test_any_size_seed_and_share_gives_its_size_and_the_defects_it_tallies(
    n: int, seed: int, share: float
):
    # (a large share of defects once emptied every objective (ZeroDivisionError), found no
    # indicator of another outcome for OG204 (IndexError), linked an indicator planted as
    # measuring nothing, tallied two OG102 where the rule reports the aim once, and wrote more
    # nodes than asked when the defects outside the tree left it no room)
    try:
        doc = generate(n, seed=seed, defects=share)
    except UsageError as exc:
        assert "too few for the defects asked" in str(exc) and share >= 0.3
        return
    assert count_nodes(doc) == n
    report = og.check(og.load(dump_yaml(doc)))
    found = Counter(f.rule for f in [*report.findings, *report.suppressed])
    for code, count in planted_defects(doc).items():
        assert found[code] >= count, (code, found[code], count)


def test_defect_shares_by_code():
    doc = generate(800, seed=0, defects={"OG103": 0.05})
    assert set(planted_defects(doc)) == {"OG103"}
    with pytest.raises(UsageError, match="cannot plant"):
        generate(200, defects={"OG999": 0.1})
    with pytest.raises(UsageError, match="at least"):
        generate(10)
    with pytest.raises(UsageError, match="a share between 0 and 1"):
        generate(200, defects=1.5)


def test_timescale_wordings_read_as_the_month_meant():
    import random

    period = Interval(*og.load(dump_yaml(generate(150))).period)
    rng = random.Random(0)
    for month in range(12):
        for _ in range(25):
            key, value = _timescale(rng, month)
            if key == "timescale":
                timing = parse_timescale(value, period)
                assert timing.kind == "dated", value
                end = timing.span.end
                assert (end.year, end.month) == (
                    (2011, 4 + month) if month < 9 else (2012, month - 8)
                ), value


def test_synth_command(tmp_path: Path, cli_env):
    out = tmp_path / "plan.json"
    run = subprocess.run(
        [*og_command(), "synth", "250", "-o", str(out), "--seed", "4"],
        capture_output=True,
        text=True,
        env=cli_env,
    )
    assert run.returncode == 0, run.stderr
    assert "wrote" in run.stderr and count_nodes(json.loads(out.read_text())) == 250
    run = subprocess.run(
        [*og_command(), "synth", "250", "--seed", "4", "--format", "yaml"],
        capture_output=True,
        text=True,
        env=cli_env,
    )
    assert run.stdout.startswith("format: outcome-graph/v1")
    assert og.load(run.stdout).document == og.load(out).document
    for n in (
        "5",
        "99999999999",
    ):  # (too small to be a plan; too large for memory, which it would fill)
        run = subprocess.run(
            [*og_command(), "synth", n, "-o", str(tmp_path / "big.yaml")],
            capture_output=True,
            text=True,
            env=cli_env,
            timeout=60,
        )
        assert (
            run.returncode == 2
            and "100<=x<=1000000" in run.stderr
            and "Traceback" not in run.stderr
        )
        assert not (tmp_path / "big.yaml").exists()


def test_a_plan_written_over_the_read_limit_says_how_to_read_it_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    # (as convert does: a 120,000-node plan as JSON is over the 32 MB the commands read by default;
    # the limit is lowered here so that a small plan crosses it)
    from outcome_graph.cli import main
    from outcome_graph.loading import loader

    from .conftest import cli_runner

    out = tmp_path / "p.json"
    monkeypatch.setattr(loader, "DEFAULT_MAX_BYTES", 10_000)
    result = cli_runner().invoke(main, ["synth", "100", "-o", str(out)])
    assert result.exit_code == 0, result.output
    size = out.stat().st_size
    assert size > 10_000 and f"warning: {out}: the file is " in result.stderr
    assert (
        f"of what the commands read by default: read it back with --max-bytes {size} "
        in result.stderr
    )
    monkeypatch.setattr(loader, "DEFAULT_MAX_BYTES", size)
    assert "warning" not in cli_runner().invoke(main, ["synth", "100", "-o", str(out)]).stderr
