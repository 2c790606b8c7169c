"""Baselines of accepted findings: `check --baseline FILE` reports only what is new."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

import outcome_graph as og
from outcome_graph.baseline import Baseline
from outcome_graph.errors import BaselineError
from outcome_graph.findings import Finding, Report
from outcome_graph.output.sarif import sarif_document
from outcome_graph.output.text import summary_line
from outcome_graph.schema import findings_schema

from .conftest import MODELS, PLAN_HEADER
from .test_cli import run, write

SOUTHEND = MODELS / "southend-cypp-2008-09.yaml"
THURROCK = MODELS / "thurrock-cypp-2011-12.yaml"
LEAD = 'timescale: "December 2008", lead: "Head of School Support and Preventative Services"}'


def _southend_edited() -> str:
    """Southend's plan a year on: a line added at the top (every finding moves down a line) and
    one milestone's lead dropped (a new OG301; its owner's OG302 count falls from 23 to 22)."""
    text = SOUTHEND.read_text(encoding="utf-8")
    assert text.count(LEAD) == 1
    return "# revised for the partnership board\n" + text.replace(
        LEAD, 'timescale: "December 2008"}'
    )


@pytest.fixture(scope="module")
def southend() -> Report:
    return og.check(og.load(SOUTHEND))


def test_a_plan_checked_against_its_own_baseline_has_no_findings(southend: Report):
    assert len(southend.findings) > 100
    after = Baseline.from_reports([southend]).apply(southend)
    assert after.findings == [] and after.baselined == southend.findings
    assert after.counts["baselined"] == len(southend.findings)
    assert after.suppressed == southend.suppressed and after.exit_code == 0
    assert summary_line(after).endswith(f"({len(southend.findings)} in the baseline)")


def test_only_the_new_finding_of_an_edited_real_plan_is_reported(southend: Report):
    edited = og.check(og.load(_southend_edited()))
    after = Baseline.from_reports([southend]).apply(edited)
    assert [(f.rule, f.node) for f in after.findings] == [("OG301", "P1.A1.O2.M1")]
    # The owner's overload finding now says 22 where the baseline says 23: the same finding.
    overload = [
        f
        for f in after.baselined or []
        if f.rule == "OG302" and f.node.startswith("Head of School Support")
    ]
    assert len(overload) == 1 and "leads 22 milestones" in overload[0].message
    assert not any("leads 22" in f.message for f in southend.findings)
    assert len(after.baselined or []) == len(southend.findings)


def test_the_cli_reports_new_findings_and_counts_the_rest(tmp_path: Path):
    base = tmp_path / "baseline.json"
    assert run("check", str(SOUTHEND), "--format", "json", "-o", str(base)).returncode == 0
    edited = write(tmp_path, _southend_edited(), "southend.yaml")
    before = edited.read_bytes()
    recorded = json.loads(base.read_text())
    total = len(recorded["findings"])
    assert total == sum(recorded["summary"][s] for s in ("error", "warning", "info")) > 100
    out = run("check", str(edited), "--baseline", str(base), "--fail-on", "warning", "--no-hints")
    assert out.returncode == 1, out.stderr  # the new warning fails the check
    assert "OG301 Milestone P1.A1.O2.M1" in out.stdout
    assert out.stdout.count(" OG3") == 1 and f"({total} in the baseline)" in out.stdout
    assert edited.read_bytes() == before and json.loads(base.read_text()) == recorded
    # The unedited plan passes even at --fail-on info.
    assert run("check", str(SOUTHEND), "--baseline", str(base), "--fail-on", "info").returncode == 0


def test_json_and_sarif_say_what_the_baseline_left_out(tmp_path: Path, southend: Report):
    base = tmp_path / "baseline.json"
    base.write_text(southend.to_json(), encoding="utf-8")
    edited = write(tmp_path, _southend_edited(), "southend.yaml")
    doc = json.loads(run("check", str(edited), "--baseline", str(base), "--format", "json").stdout)
    jsonschema.validate(doc, findings_schema())
    total = len(southend.findings)
    assert doc["summary"]["baselined"] == total and len(doc["findings"]) == 1
    sarif = json.loads(
        run("check", str(edited), "--baseline", str(base), "--format", "sarif").stdout
    )
    results = sarif["runs"][0]["results"]
    states = Counter(r["baselineState"] for r in results)
    assert states == {"new": 1, "unchanged": total}
    unchanged = [r for r in results if r["baselineState"] == "unchanged"]
    assert all(r["suppressions"][0]["kind"] == "external" for r in unchanged)
    assert not any("suppressions" in r for r in results if r["baselineState"] == "new")
    # Without a baseline, neither the summary key nor baselineState appears.
    plain = json.loads(run("check", str(edited), "--format", "sarif").stdout)
    assert not any("baselineState" in r for r in plain["runs"][0]["results"])
    assert "baselined" not in og.check(og.load(THURROCK)).to_dict()["summary"]


def test_a_baseline_of_several_plans_as_json_lines(tmp_path: Path):
    base = tmp_path / "baseline.jsonl"
    out = run(
        "check",
        str(SOUTHEND),
        str(THURROCK),
        "--format",
        "json",
        "--fail-on",
        "never",
        "-o",
        str(base),
    )
    assert out.returncode == 0 and len(base.read_text().splitlines()) == 2
    out = run("check", str(THURROCK), str(SOUTHEND), "--baseline", str(base), "--fail-on", "info")
    assert out.returncode == 0, out.stdout + out.stderr
    assert out.stdout.count("no findings") == 2
    # A baseline names its plans: another plan's findings are all new.
    thurrock = og.check(og.load(THURROCK))
    baseline = Baseline.load(base)
    assert (
        Baseline({"other": baseline.keys["southend-cypp-2008-09"]}).apply(thurrock).findings
        == thurrock.findings
    )
    assert len(baseline) == len(og.check(og.load(SOUTHEND)).findings) + len(thurrock.findings)


def test_a_baseline_written_while_one_of_its_plans_could_not_be_read_loads(tmp_path: Path):
    # (a folder checked into a baseline while one plan had a load problem: that plan's document
    # has no id and no findings, and is passed over; the other plan's findings are recorded)
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: outcome-graph/v1\nplan: {id: t}\n", encoding="utf-8")
    base = tmp_path / "baseline.jsonl"
    out = run("check", str(broken), str(SOUTHEND), "--format", "json", "-o", str(base))
    assert out.returncode == 2 and len(base.read_text().splitlines()) == 2
    baseline = Baseline.load(base)
    assert list(baseline.keys) == ["southend-cypp-2008-09"]
    assert len(baseline) == len(og.check(og.load(SOUTHEND)).findings)


def test_a_baseline_shows_what_it_holds():
    one = Baseline.from_findings([("p", "OG301", "O1", "a"), ("p", "OG302", "O1", "b")])
    two = Baseline.from_findings([("p", "OG301", "O1", "a"), ("q", "OG302", "O1", "b")])
    assert (repr(one), repr(two)) == (
        "<Baseline of 2 findings of 1 plan>",
        "<Baseline of 2 findings of 2 plans>",
    )


def _finding(rule: str, node: str, message: str) -> Finding:
    return Finding(rule, "some-rule", "warning", node, "objective", "Title", message, "")


def test_findings_of_one_rule_on_one_node_pair_by_message_then_in_order():
    # OG204 twice on one objective (two indicators): the baseline knew of NI 114 only.
    ni114, ni57 = (
        _finding("OG204", "1.3.4", "Indicator NI 114 ..."),
        _finding("OG204", "1.3.4", "Indicator NI 57 ..."),
    )
    baseline = Baseline.from_findings([("p", "OG204", "1.3.4", "Indicator NI 114 ...")])
    after = baseline.apply(Report("p", "P", None, findings=[ni57, ni114]))
    assert after.findings == [ni57] and after.baselined == [ni114]
    # NI 114 fixed, NI 57 in its place: a finding about another indicator, new (the same rule on the
    # same node took it for the recorded one, and the swap went unseen)
    after = baseline.apply(Report("p", "P", None, findings=[ni57]))
    assert after.findings == [ni57] and after.baselined == []
    # the same indicator's finding worded otherwise (a count changed) is the recorded one
    reworded = _finding("OG204", "1.3.4", "Indicator NI 114 ... (2 nodes)")
    assert baseline.apply(Report("p", "P", None, findings=[reworded])).baselined == [reworded]


def test_a_finding_left_out_by_its_message_is_not_counted_again_by_its_rule_and_node():
    # (one OG301 recorded at O1: the same finding now, and another of the rule there, new)
    recorded, new = _finding("OG301", "O1", "a"), _finding("OG301", "O1", "b")
    baseline = Baseline.from_findings([("p", "OG301", "O1", "a")])
    after = baseline.apply(Report("p", "P", None, findings=[new, recorded]))
    assert after.findings == [new] and after.baselined == [recorded]


def _in_order(part: list[Finding], whole: list[Finding]) -> bool:
    """Whether ``part`` is ``whole`` with some findings taken out (the same objects, in order)."""
    rest = iter(whole)
    return all(any(f is g for g in rest) for f in part)


_RULES = st.sampled_from(["OG101", "OG204", "OG301", "OG302"])
_NODES = st.sampled_from(["P1", "O1", "O2", "M1"])
_MESSAGES = st.sampled_from(["a", "b", "c"])
_FINDINGS = st.lists(st.tuples(_RULES, _NODES, _MESSAGES), max_size=30)


@given(now=_FINDINGS, recorded=_FINDINGS)
def test_a_baseline_accounts_for_each_finding_once(
    now: list[tuple[str, str, str]], recorded: list[tuple[str, str, str]]
):
    findings = [_finding(*t) for t in now]
    report = Report("p", "P", None, findings=findings)
    after = Baseline.from_findings([("p", *t) for t in recorded]).apply(report)
    kept, left_out = after.findings, after.baselined or []
    # Nothing is lost and the file order is kept on both sides.
    assert _in_order(kept, findings) and _in_order(left_out, findings)
    assert Counter(kept) + Counter(left_out) == Counter(findings)
    # Per rule and node: as many left out as the baseline records, at most.
    recorded_keys = Counter((r, n) for r, n, _ in recorded)
    now_keys = Counter((f.rule, f.node) for f in findings)
    out_keys = Counter((f.rule, f.node) for f in left_out)
    assert all(out_keys[k] == min(now_keys[k], recorded_keys[k]) for k in now_keys)
    # Where a message is recorded, a finding with that message is left out before another.
    for k in now_keys:
        exact = Counter(m for r, n, m in recorded if (r, n) == k)
        here = Counter(f.message for f in findings if (f.rule, f.node) == k)
        out = Counter(f.message for f in left_out if (f.rule, f.node) == k)
        for message in here:
            assert out[message] >= min(here[message], exact[message])


@given(now=_FINDINGS)
def test_a_baseline_of_a_report_leaves_out_all_of_it(now: list[tuple[str, str, str]]):
    report = Report("p", "P", None, findings=[_finding(*t) for t in now])
    after = Baseline.from_reports([report]).apply(report)
    assert after.findings == [] and after.baselined == report.findings


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("", "baseline.json: the baseline is empty"),
        (
            '{"schema": "outcome-graph/findings/v1",\n "plan": ',
            "baseline.json:2:10: the baseline is not JSON",
        ),
        (
            '{"findings": []}',
            'baseline.json:1: not a findings document (outcome-graph/findings/v1): no "schema"',
        ),
        (
            '{"schema": "outcome-graph/findings/v1", "plan": {"id": "p"}, "findings": [{"rule": '
            '"OG101"}]}',
            "baseline.json:1: not a findings document (outcome-graph/findings/v1): finding 1 has "
            "no rule, node and message",
        ),
        (
            '{"schema": "outcome-graph/findings/v1", "plan": {"id": "p"}, "findings": []}\n[1]',
            "baseline.json:2: not a findings document",
        ),
        (
            '{"schema": "outcome-graph/findings/v1", "plan": {}, "findings": []}',
            "baseline.json:1: not a findings document (outcome-graph/findings/v1): no plan id",
        ),
    ],
)
def test_a_bad_baseline_is_named_with_its_line(tmp_path: Path, content: str, expected: str):
    base = write(tmp_path, content, "baseline.json")
    with pytest.raises(BaselineError) as err:
        Baseline.load(base)
    assert str(err.value).replace(str(tmp_path) + "/", "").startswith(expected)
    plan = write(tmp_path, PLAN_HEADER)
    out = run("check", str(plan), "--baseline", "baseline.json", cwd=tmp_path)
    assert out.returncode == 2 and out.stdout == ""
    assert out.stderr.startswith(f"error: {expected}") and "Traceback" not in out.stderr


def test_a_missing_or_unusable_baseline_exits_2(tmp_path: Path):
    plan = write(tmp_path, PLAN_HEADER)
    out = run("check", str(plan), "--baseline", "nowhere.json", cwd=tmp_path)
    assert out.returncode == 2 and "error: nowhere.json: baseline file not found" in out.stderr
    out = run("check", str(plan), "--baseline", ".", cwd=tmp_path)
    assert out.returncode == 2 and "is a folder" in out.stderr
    (tmp_path / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    out = run("check", str(plan), "--baseline", "deep.json", cwd=tmp_path)
    assert out.returncode == 2 and "deep.json:1: the baseline is nested too deeply" in out.stderr
    assert "Traceback" not in out.stderr and "internal error" not in out.stderr
    (tmp_path / "latin1.json").write_bytes(b'{"x": "\xe9"}')
    out = run("check", str(plan), "--baseline", "latin1.json", cwd=tmp_path)
    assert out.returncode == 2 and "latin1.json:1: the baseline is not UTF-8 text" in out.stderr


def test_the_baseline_is_never_overwritten(tmp_path: Path):
    plan = write(tmp_path, PLAN_HEADER)
    base = tmp_path / "baseline.json"
    assert run("check", str(plan), "--format", "json", "-o", str(base)).returncode == 0
    before = base.read_bytes()
    out = run("check", str(plan), "--baseline", str(base), "--format", "json", "-o", str(base))
    assert out.returncode == 2 and "refusing to overwrite an input file" in out.stderr
    assert base.read_bytes() == before


def test_a_sarif_log_is_a_baseline_too(tmp_path: Path, southend: Report):
    sarif = tmp_path / "main.sarif"
    sarif.write_text(json.dumps(sarif_document([southend])), encoding="utf-8")
    edited = og.check(og.load(_southend_edited()))
    after = Baseline.load(sarif).apply(edited)
    assert [(f.rule, f.node) for f in after.findings] == [("OG301", "P1.A1.O2.M1")]
    # A log written with a baseline lists what that baseline left out (suppressed "external"):
    # still accepted. What the plan's ignore: suppressed ("inSource") is not a finding.
    again = tmp_path / "pr.sarif"
    again.write_text(json.dumps(sarif_document([after])), encoding="utf-8")
    assert Baseline.load(again).apply(edited).findings == []
    suppressed = Finding(
        "OG301", "missing-lead", "warning", "P1.A1.O2.M1", "milestone", "t", "m", ""
    )
    log = sarif_document([Report(edited.plan_id, "P", None, suppressed=[suppressed])])
    sarif.write_text(json.dumps(log), encoding="utf-8")
    assert len(Baseline.load(sarif)) == 0
    odd = {
        "ruleId": "OG301",
        "properties": {"plan": "p", "node": "M1"},
        "suppressions": 5,
        "message": 3,
    }
    sarif.write_text(
        json.dumps({"version": "2.1.0", "runs": [{"results": [odd]}]}), encoding="utf-8"
    )
    assert Baseline.load(sarif).keys == {
        "p": {("OG301", "M1"): 1}
    }  # (odd values where none are needed)
    sarif.write_text(
        json.dumps({"version": "2.1.0", "runs": [{"results": [{"ruleId": "X"}]}]}), encoding="utf-8"
    )
    with pytest.raises(
        BaselineError, match="not a SARIF log of outcome-graph: result 1 has no ruleId"
    ):
        Baseline.load(sarif)


def test_a_findings_document_with_a_runs_key_is_read_as_findings_not_sarif(tmp_path: Path):
    path = tmp_path / "baseline.json"
    path.write_text(
        json.dumps(
            {
                "schema": "outcome-graph/findings/v1",
                "plan": {"id": "p"},
                "runs": [],
                "findings": [
                    {"rule": "OG301", "node": "M1", "message": "Milestone M1 has no lead."}
                ],
            }
        ),
        encoding="utf-8",
    )
    assert Baseline.load(path).keys == {"p": {("OG301", "M1"): 1}}


def test_a_sarif_log_whose_properties_are_null_is_a_baseline_too(tmp_path: Path, southend: Report):
    # A tool that passed the log on may leave a result's properties null (or drop them): the plan
    # and node are its logical location's, the message its text without the hint.
    log = sarif_document([southend])
    for result in log["runs"][0]["results"]:
        result["properties"] = None
    (tmp_path / "null.sarif").write_text(json.dumps(log), encoding="utf-8")
    for result in log["runs"][0]["results"]:
        del result["properties"]
    (tmp_path / "absent.sarif").write_text(json.dumps(log), encoding="utf-8")
    edited = og.check(og.load(_southend_edited()))
    for name in ("null.sarif", "absent.sarif"):
        baseline = Baseline.load(tmp_path / name)
        assert baseline.keys == Baseline.from_reports([southend]).keys
        assert baseline.messages == Baseline.from_reports([southend]).messages
        assert [(f.rule, f.node) for f in baseline.apply(edited).findings] == [
            ("OG301", "P1.A1.O2.M1")
        ]
    plan = tmp_path / "plan.yaml"
    plan.write_text(SOUTHEND.read_text(encoding="utf-8"), encoding="utf-8")
    out = run("check", str(plan), "--baseline", "null.sarif", cwd=tmp_path)
    assert (
        out.returncode == 0
        and f"no findings ({len(southend.findings)} in the baseline)" in out.stdout
    ), out.stderr


_RESULT = {
    "ruleId": "OG301",
    "message": {"text": "m Hint: h"},
    "suppressions": [],
    "locations": [{"logicalLocations": [{"name": "a/M1", "fullyQualifiedName": "p/a/M1"}]}],
    "partialFingerprints": {"outcomeGraph/v1": "p/OG301/a/M1"},
    "properties": {"plan": "p", "node": "a/M1", "message": "m"},
}


@pytest.mark.parametrize(
    "nulls",
    [
        ("properties",),
        ("locations",),
        ("partialFingerprints",),
        ("suppressions",),
        ("message",),
        ("locations", "partialFingerprints", "suppressions"),
        ("properties", "partialFingerprints", "suppressions"),
    ],
)
def test_optional_sarif_fields_may_be_null(tmp_path: Path, nulls: tuple[str, ...]):
    result = {**_RESULT, **dict.fromkeys(nulls)}
    (tmp_path / "b.sarif").write_text(
        json.dumps({"version": "2.1.0", "runs": [{"results": [result]}]}), encoding="utf-8"
    )
    baseline = Baseline.load(tmp_path / "b.sarif")
    assert baseline.keys == {"p": {("OG301", "a/M1"): 1}}
    # (with neither properties nor message, the finding is matched by plan, rule and node alone)
    message = "" if {"properties", "message"} <= set(nulls) else "m"
    assert baseline.messages == {"p": {("OG301", "a/M1", message): 1}}


@pytest.mark.parametrize(
    "locations",
    [
        None,
        [None],
        [{"logicalLocations": None}],
        [{"logicalLocations": [None, {"name": None}]}],
        [{"logicalLocations": [{"name": "M1", "fullyQualifiedName": None}]}],
        [{"logicalLocations": [{"name": "M1", "fullyQualifiedName": "p/X1"}]}],
        [{"logicalLocations": [{"name": "M1", "fullyQualifiedName": "/M1"}]}],
    ],
)
def test_a_sarif_result_naming_no_plan_and_node_is_refused(tmp_path: Path, locations: object):
    result = {**_RESULT, "properties": None, "locations": locations}
    (tmp_path / "b.sarif").write_text(
        json.dumps({"version": "2.1.0", "runs": [{"results": [result]}]}), encoding="utf-8"
    )
    with pytest.raises(
        BaselineError,
        match="b.sarif:1: not a SARIF log of outcome-graph: result 1 has no ruleId, "
        r"or no plan and node \(properties or logical location\)",
    ):
        Baseline.load(tmp_path / "b.sarif")


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "schema",
                    "plan",
                    "id",
                    "findings",
                    "rule",
                    "node",
                    "message",
                    "runs",
                    "results",
                    "ruleId",
                    "properties",
                    "suppressions",
                    "kind",
                    "text",
                    "locations",
                    "logicalLocations",
                    "name",
                    "fullyQualifiedName",
                ]
            ),
            inner,
            max_size=5,
        )
    ),
    max_leaves=20,
)


@given(doc=_JSON, schema=st.sampled_from([None, "outcome-graph/findings/v1"]))
def test_any_json_is_a_baseline_or_a_baseline_error(tmp_path_factory, doc, schema):
    if schema is not None and isinstance(doc, dict):
        doc = {**doc, "schema": schema}
    path = tmp_path_factory.mktemp("b") / "baseline.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    try:
        baseline = Baseline.load(path)
    except BaselineError as err:
        assert str(err).startswith(str(path))
    else:
        baseline.apply(Report("p", "P", None, findings=[_finding("OG101", "P1", "a")]))


@given(data=st.binary(max_size=200))
def test_any_bytes_are_a_baseline_or_a_baseline_error(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("b") / "baseline.json"
    path.write_bytes(data)
    try:
        Baseline.load(path)
    except BaselineError as err:
        assert str(err).startswith(str(path))


def test_a_sarif_baseline_marks_the_same_findings_new_as_a_json_one(tmp_path):
    # Three outcomes served, then one dropped: its OG201 is the new finding, not another outcome's
    # (SARIF's message text carries the hint too: the message is compared, not that text).
    from outcome_graph.output.sarif import to_sarif

    head = (
        "format: outcome-graph/v1\nplan: {id: t, period: {start: 2011-04-01, end: 2012-03-31}}\n"
        "priorities:\n"
    )
    rows = {
        o: f"  - {{id: P{i}, title: {o}, outcomes: [{o}], objectives: [{{id: O{i}, title: "
        f"t{i}}}]}}\n"
        for i, o in enumerate(["be_healthy", "stay_safe", "enjoy_and_achieve"], 1)
    }
    old = og.check(og.load(head + "".join(rows.values())), {"select": ["OG201"]})
    new = og.check(og.load(head + rows["be_healthy"] + rows["stay_safe"]), {"select": ["OG201"]})
    (tmp_path / "base.json").write_text(old.to_json(), encoding="utf-8")
    (tmp_path / "base.sarif").write_text(to_sarif([old]), encoding="utf-8")
    # A SARIF document written before the message had a property of its own.
    legacy = json.loads(to_sarif([old]))
    for result in legacy["runs"][0]["results"]:
        del result["properties"]["message"]
    (tmp_path / "legacy.sarif").write_text(json.dumps(legacy), encoding="utf-8")
    fresh = {
        name: [f.message for f in Baseline.load(tmp_path / name).apply(new).findings]
        for name in ("base.json", "base.sarif", "legacy.sarif")
    }
    assert fresh["base.json"] == ["The outcome 'Enjoy and achieve' has no objective in the plan."]
    assert fresh["base.sarif"] == fresh["legacy.sarif"] == fresh["base.json"]


def test_a_baseline_of_another_plan_is_told_of_not_silently_matched_to_nothing(tmp_path: Path):
    # Next year's plan under a new id finds every finding new: say why.
    baseline = tmp_path / "baseline.json"
    assert run("check", str(SOUTHEND), "--format", "json", "-o", str(baseline)).returncode == 0
    renamed = write(
        tmp_path,
        SOUTHEND.read_text(encoding="utf-8").replace(
            "id: southend-cypp-2008-09", "id: southend-cypp-2009-10", 1
        ),
    )
    out = run("check", str(renamed), "--baseline", str(baseline))
    assert (
        f"notice: {baseline} records no finding of plan 'southend-cypp-2009-10', only of "
        "'southend-cypp-2008-09': findings are matched by plan id" in out.stderr
    )
    assert "in the baseline" not in out.stdout
    # ... and in the output, for a CI job that reads JSON (or SARIF) alone
    out = run("check", str(renamed), "--baseline", str(baseline), "--format", "json")
    assert any(
        n["message"].startswith(f"{baseline} records no finding of plan 'southend-cypp-2009-10'")
        for n in json.loads(out.stdout)["notices"]
    )
    for command in (
        ["report", "-o", str(tmp_path / "r.html"), "--no-diagram"],
        ["table", "--what", "findings"],
    ):
        out = run(command[0], str(renamed), *command[1:], "--baseline", str(baseline))
        assert (
            out.returncode == 0
            and "records no finding of plan 'southend-cypp-2009-10'" in out.stderr
        )
    # the same plan, or a baseline that records nothing at all: no notice
    assert "notice" not in run("check", str(SOUTHEND), "--baseline", str(baseline)).stderr
    clean = write(tmp_path, PLAN_HEADER, "clean.yaml")
    empty = tmp_path / "empty-baseline.json"
    run("check", str(clean), "--format", "json", "--select", "OG110", "-o", str(empty))
    assert json.loads(empty.read_text())["findings"] == []
    assert "notice" not in run("check", str(SOUTHEND), "--baseline", str(empty)).stderr


def test_a_finding_about_another_indicator_is_new_though_rule_and_node_are_the_same():
    # (NI 114 swapped for NI 110 under one objective: one OG204 resolved and another introduced,
    # which matched the old one once its numbers were left out as figures)
    from .conftest import PLAN_HEADER

    def plan(code: str) -> og.Plan:
        return og.load(
            PLAN_HEADER + "objectives:\n  - {id: O1, title: Better attendance, outcomes: "
            f"[enjoy_and_achieve], indicators: ['{code}'], milestones: [{{id: M1, title: "
            "Audit, lead: Bob, timescale: June 11}]}\n"
        )

    old, new = (
        og.check(plan("NI 114"), {"select": ["OG204"]}),
        og.check(plan("NI 110"), {"select": ["OG204"]}),
    )
    assert [f.rule for f in old.findings] == [f.rule for f in new.findings] == ["OG204"]
    assert [f.message for f in Baseline.from_reports([old]).apply(new).findings] == [
        new.findings[0].message
    ]
    # (the same indicator with another figure in its message is the same finding)
    assert Baseline.from_reports([new]).apply(new).findings == []
