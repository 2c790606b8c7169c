"""Every SARIF log the tool writes is valid SARIF 2.1.0: validated against the OASIS schema itself
(tests/data/sarif-schema-2.1.0.json), formats included, as code scanning and SARIF viewers read it.

test_outputs.py tests what the log says (results, fingerprints, notifications); this module holds
each kind of log the tool can write to the whole schema: the real plans, several plans at once, a
baseline, suppressions in the plan, a plan that cannot be read beside one that can, the notices of a
workbook, a custom rule, a plan read from standard input, and generated plans.
"""

from __future__ import annotations

import copy
import json
import subprocess
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings

import outcome_graph as og

from .conftest import EXAMPLES, MODELS, PLAN_HEADER, og_command, sarif_errors
from .strategies import plan_text, plans

MODEL_FILES = sorted(MODELS.glob("*.yaml"))
THURROCK = MODELS / "thurrock-cypp-2011-12.yaml"


def _sarif(*args: str, cwd: Path | None = None, stdin: str | None = None) -> tuple[dict, int]:
    """``check ... --format sarif``: the log written to standard output, and the exit code."""
    done = subprocess.run(
        [*og_command(), "check", *args, "--format", "sarif"],
        capture_output=True,
        text=True,
        cwd=cwd,
        input=stdin,
    )
    assert done.returncode in (0, 1, 2), done.stderr
    return json.loads(done.stdout), done.returncode


def test_the_schema_is_checked_with_its_formats_and_fails_a_broken_log():
    """(Else the tests below could not fail: a format no checker knows passes anything.)"""
    assert {"uri", "uri-reference", "date-time"} <= set(jsonschema.FormatChecker().checkers)
    good = json.loads(og.to_sarif(og.check(og.load(THURROCK))))
    assert sarif_errors(good) == []
    for breaking in (
        lambda d: d.update(version="2.0"),
        lambda d: d["runs"][0]["results"][0].update(level="fatal"),
        lambda d: d["runs"][0]["results"][0]["locations"][0]["physicalLocation"][
            "artifactLocation"
        ].update(uri="not a uri reference"),
        lambda d: d["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"].update(
            startLine=0
        ),
        lambda d: d["runs"][0]["tool"]["driver"].pop("name"),
        lambda d: d["runs"][0]["results"][0].update(foundAt="P1"),
    ):
        broken = copy.deepcopy(good)
        breaking(broken)
        assert sarif_errors(broken) != []


@pytest.mark.parametrize(
    "path", [*MODEL_FILES, EXAMPLES / "tutorial-plan.yaml"], ids=lambda p: p.stem
)
def test_the_log_of_each_real_plan_is_valid_sarif(path):
    log, code = _sarif(str(path))
    assert code in (0, 1) and log["runs"][0]["results"]
    assert sarif_errors(log) == []


def test_the_log_of_several_plans_at_once_is_valid_sarif():
    log, _ = _sarif(*map(str, MODEL_FILES), "--jobs", "2")
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in log["runs"][0]["results"]
    }
    assert len(uris) == len(MODEL_FILES)
    assert sarif_errors(log) == []


def test_a_log_with_a_baseline_and_suppressions_in_the_plan_is_valid_sarif(tmp_path):
    """Results the baseline holds (``unchanged``, suppressed externally), new ones, and findings
    an ``ignore:`` entry in the plan suppresses (in source)."""
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        PLAN_HEADER
        + "priorities:\n"
        + "  - {id: P1, title: Safe children, outcomes: [stay_safe]}\n"
        + "objectives:\n"
        + "  - {id: O1, title: Fewer accidents}\n"
        + "  - {id: O2, title: Fewer exclusions, ignore: [{rule: OG103, reason: moved next "
        "year}]}\n",
        encoding="utf-8",
    )
    baseline = tmp_path / "baseline.json"
    baseline.write_text(og.check(og.load(plan)).to_json(), encoding="utf-8")
    plan.write_text(
        plan.read_text(encoding="utf-8") + "  - {id: O3, title: More school places}\n",
        encoding="utf-8",
    )
    log, _ = _sarif(str(plan), "--baseline", str(baseline))
    results = log["runs"][0]["results"]
    states = {r["baselineState"] for r in results}
    kinds = {s["kind"] for r in results for s in r.get("suppressions", ())}
    assert states == {"new", "unchanged"} and kinds == {"external", "inSource"}
    assert sarif_errors(log) == []


def test_a_log_with_a_plan_that_cannot_be_read_and_a_workbooks_notices_is_valid_sarif(tmp_path):
    from .test_outputs import _noticed_workbook

    bad = tmp_path / "bad.yaml"
    bad.write_text(
        PLAN_HEADER + "priorities:\n  - id: P1\n    titel: Safe children\n", encoding="utf-8"
    )
    log, code = _sarif(str(bad), str(_noticed_workbook(tmp_path)))
    [invocation] = log["runs"][0]["invocations"]
    levels = [n["level"] for n in invocation["toolExecutionNotifications"]]
    assert code == 2 and invocation["executionSuccessful"] is False
    assert levels[0] == "error" and "note" in levels
    assert sarif_errors(log) == []


def test_a_log_with_a_custom_rule_is_valid_sarif(tmp_path):
    rules = EXAMPLES / "custom_rule" / "src" / "og_rules_vague" / "__init__.py"
    config = tmp_path / "outcome-graph.toml"
    config.write_text(f"rule-files = [{json.dumps(str(rules))}]\n", encoding="utf-8")
    plan = tmp_path / "southend.yaml"
    plan.write_bytes((MODELS / "southend-cypp-2008-09.yaml").read_bytes())
    log, _ = _sarif(str(plan), "--select", "VAG001,OG4")
    used = {r["ruleId"] for r in log["runs"][0]["results"]}
    assert "VAG001" in used and any(code.startswith("OG4") for code in used)
    assert sarif_errors(log) == []


def test_a_log_of_a_plan_read_from_standard_input_and_of_a_relative_path_is_valid_sarif(
    tmp_path,
):
    text = THURROCK.read_text(encoding="utf-8")
    from_stdin, _ = _sarif("-", stdin=text)
    named, _ = _sarif("-", "--stdin-filename", "plans/thurrock.yaml", stdin=text, cwd=tmp_path)
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "thurrock.yaml").write_text(text, encoding="utf-8")
    relative, _ = _sarif("plans/thurrock.yaml", cwd=tmp_path)
    for log in (from_stdin, named, relative):
        assert sarif_errors(log) == []
    location = relative["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "plans/thurrock.yaml"


@settings(max_examples=40)
@given(doc=plans())
def test_the_log_of_a_generated_plan_is_valid_sarif(doc):
    report = og.check(og.load(plan_text(doc)))
    assert sarif_errors(json.loads(og.to_sarif(report))) == []
