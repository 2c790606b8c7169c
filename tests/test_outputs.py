"""Machine outputs: the JSON findings document (validated against its schema), SARIF 2.1.0, JUnit
XML, GitHub Actions annotations."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
import xml.etree.ElementTree as ET

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

import outcome_graph as og
from outcome_graph.findings import Finding
from outcome_graph.model.plan import Location
from outcome_graph.output.github import annotation, to_github
from outcome_graph.output.junit import to_junit
from outcome_graph.output.sarif import sarif_document
from outcome_graph.output.text import format_report
from outcome_graph.schema import findings_schema, plan_schema

from .conftest import EXAMPLES, MODELS, PLAN_HEADER, og_command, sarif_errors

MODEL_FILES = sorted(MODELS.glob("*.yaml"))


@pytest.mark.parametrize("path", MODEL_FILES, ids=lambda p: p.stem)
def test_json_findings_validate_against_their_schema(path):
    out = subprocess.run(
        [*og_command(), "check", str(path), "--format", "json"], capture_output=True, text=True
    )
    doc = json.loads(out.stdout)
    jsonschema.validate(doc, findings_schema())
    assert doc["schema"] == "outcome-graph/findings/v1"
    assert sum(doc["summary"][s] for s in ("error", "warning", "info")) == len(doc["findings"])


def test_schema_command_prints_the_findings_schema():
    out = subprocess.run([*og_command(), "schema", "--findings"], capture_output=True, text=True)
    assert json.loads(out.stdout) == findings_schema()


@pytest.mark.parametrize(
    "path", [*MODEL_FILES, EXAMPLES / "tutorial-plan.yaml"], ids=lambda p: p.stem
)
def test_plan_schema_accepts_the_real_plans(path):
    import yaml

    # As an editor's YAML language server sees the file: numbers are numbers, dates are text.
    data = json.loads(json.dumps(yaml.safe_load(path.read_text()), default=str))
    jsonschema.validate(data, plan_schema())


def test_plan_schema_accepts_what_loads_as_text_and_refuses_a_blank_title():
    # A plan id and a title written as numbers load (read as the text written): the schema agrees.
    data = {
        "format": "outcome-graph/v1",
        "plan": {"id": 2012, "period": {"start": "2011-04-01", "end": "2012-03-31"}},
        "objectives": [{"id": 7, "title": 2012}],
    }
    jsonschema.validate(data, plan_schema())
    og.load(json.dumps(data))
    data["objectives"][0]["title"] = "  "
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, plan_schema())
    with pytest.raises(og.PlanError, match="must not be blank"):
        og.load(json.dumps(data))
    data["objectives"][0]["title"] = "Fewer accidents"
    data["catalogues"] = [{"prefix": 12, "entries": []}]  # (a catalogue prefix is letters alone)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, plan_schema())


def test_plan_schema_rejects_an_unknown_field():
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(
            {
                "format": "outcome-graph/v1",
                "plan": {"id": "x", "period": {"start": "2011-04-01", "end": "2012-03-31"}},
                "pillars": [],
            },
            plan_schema(),
        )


def test_sarif_document():
    plan = og.load(
        PLAN_HEADER + "aims: [{id: A1, title: Achieve}]\nobjectives:\n"
        "  - {id: O1, title: Orphan, ignore: [OG301]}\n"
        "  - {id: O2, title: Typo, parent: A1, lead: L, ignore: [OG999]}\n",
        name="plan.yaml",
    )  # (OG110: info)
    report = og.check(plan)
    doc = sarif_document([report])
    assert doc["version"] == "2.1.0"
    run = doc["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    results = run["results"]
    assert len(results) == len(report.findings) + len(report.suppressed)
    level = {"error": "error", "warning": "warning", "info": "note"}
    for result, finding in zip(results, [*report.findings, *report.suppressed]):
        rule = rules[result["ruleIndex"]]
        assert rule["id"] == result["ruleId"] == finding.rule and rule["helpUri"].endswith(
            rule["name"]
        )
        assert result["level"] == level[finding.severity]
        region = result["locations"][0]["physicalLocation"].get("region")
        assert (region["startLine"], region["startColumn"]) == (
            finding.location.line,
            finding.location.column,
        )
    assert {r["level"] for r in results} >= {"error", "warning", "note"}
    orphan = next(r for r in results if r["ruleId"] == "OG103")
    assert orphan["locations"][0]["physicalLocation"]["region"]["startLine"] == 5
    assert orphan["locations"][0]["logicalLocations"][0]["name"] == "O1"
    suppressed = [r for r in results if r.get("suppressions")]
    assert [r["ruleId"] for r in suppressed] == ["OG301"]


def _prints(*reports) -> list[str]:
    from outcome_graph.output.sarif import FINGERPRINT_KEY

    return [
        r["partialFingerprints"][FINGERPRINT_KEY]
        for r in sarif_document(list(reports))["runs"][0]["results"]
    ]


SOUTHEND_REPORT = og.check(og.load(MODELS / "southend-cypp-2008-09.yaml"))


def test_sarif_fingerprints_tell_results_apart_and_stay_put(monkeypatch):
    # A code-scanning dashboard matches results from run to run by fingerprint: distinct results
    # need distinct ones (Southend has several findings of one rule at one node), and a changed
    # figure in a message must not change it. (Checked from the repository's root, the plan is
    # named by its path from there.)
    monkeypatch.chdir(MODELS.parent)
    report = SOUTHEND_REPORT
    prints = _prints(report)
    assert len(prints) == len(report.findings) + len(report.suppressed) == len(set(prints))
    keys = [
        f"models/southend-cypp-2008-09.yaml:{report.plan_id}/{f.rule}/{f.node}/"
        for f in [*report.findings, *report.suppressed]
    ]
    assert all(p.startswith(k) for p, k in zip(prints, keys))
    assert len(set(keys)) < len(keys)  # (several of a rule at a node here, told apart)
    from outcome_graph.findings import _FIGURE_RE

    def other_figures(
        message: str,
    ) -> str:  # (each figure one more; a code's number, NI 112, is no figure)
        return _FIGURE_RE.sub(lambda m: m[0] if m["code"] else str(int(m[0]) + 1), message)

    moved = dataclasses.replace(
        report,
        findings=[
            dataclasses.replace(f, message=other_figures(f.message)) for f in report.findings
        ],
    )
    assert any(m.message != f.message for m, f in zip(moved.findings, report.findings))
    assert _prints(moved) == prints


@given(st.data())
def test_a_sarif_fingerprint_does_not_depend_on_the_other_findings(data):
    # Adding or removing a finding must leave every other finding's fingerprint as it was: else a
    # dashboard closes an alert and opens it again as new (v1 gave a finding a digest only once a
    # second finding of its rule was at its node). Any subset of Southend's findings, in any order,
    # with findings added at the nodes that have some (another message of the same rule there).
    findings = [*SOUTHEND_REPORT.findings, *SOUTHEND_REPORT.suppressed]
    whole = dict(zip(findings, _prints(SOUTHEND_REPORT)))
    some = data.draw(st.lists(st.sampled_from(findings), unique=True, max_size=40))
    extra = [
        dataclasses.replace(f, message=f"{f.message} Also {word}.")
        for f, word in data.draw(
            st.lists(
                st.tuples(st.sampled_from(findings), st.sampled_from(["this", "that"])), max_size=5
            )
        )
    ]
    mixed = data.draw(st.permutations([*some, *dict.fromkeys(extra)]))
    report = dataclasses.replace(SOUTHEND_REPORT, findings=mixed, suppressed=[])
    assert [p for f, p in zip(mixed, _prints(report)) if f in whole] == [
        whole[f] for f in mixed if f in whole
    ]


def test_sarif_fingerprints_survive_a_reworded_title_and_moved_lines():
    # Rewording a node's title (which messages quote, often cut short) and moving its lines down
    # are no new findings; an added finding leaves the others' fingerprints alone.
    text = (MODELS / "southend-cypp-2008-09.yaml").read_text(encoding="utf-8")
    before = SOUTHEND_REPORT
    node = next(f for f in before.findings if f.rule == "OG301" and f"'{f.title[:20]}" in f.message)
    assert text.count(node.title) == 1
    edited = "# a comment\n# another\n" + text.replace(node.title, "Newly worded: " + node.title)
    after = og.check(og.load(edited, name=str(MODELS / "southend-cypp-2008-09.yaml")))
    old = dict(
        zip(
            [(f.rule, f.node, f.message) for f in [*before.findings, *before.suppressed]],
            _prints(before),
        )
    )
    new = dict(
        zip([(f.rule, f.node) for f in [*after.findings, *after.suppressed]], _prints(after))
    )
    reworded = next(f for f in after.findings if f.rule == "OG301" and f.node == node.node)
    assert reworded.message != node.message and reworded.location.line == node.location.line + 2
    assert new[("OG301", node.node)] == old[("OG301", node.node, node.message)]
    assert sum(1 for (rule, n, _), p in old.items() if new.get((rule, n)) == p) >= len(old) - 5


def test_a_sarif_fingerprint_of_a_month_s_milestones_stays_as_milestones_join_or_leave_it():
    # OG303 lists the owner's milestones due in the month: one more due then (or one moved out)
    # is the same overload, the same alert on a dashboard.
    def report(n: int) -> og.Report:
        milestones = ", ".join(
            f"{{id: M{i}, title: Task {i}, lead: SILS, timescale: June 2011}}" for i in range(n)
        )
        return og.check(
            og.load(PLAN_HEADER + f"milestones: [{milestones}]\n", name="plan.yaml"),
            {"select": ["OG303"]},
        )

    five, six, seven = report(5), report(6), report(7)
    assert [f.rule for f in five.findings] == [f.rule for f in six.findings] == ["OG303"]
    assert five.findings[0].message != six.findings[0].message
    assert _prints(five) == _prints(six) == _prints(seven)
    assert not report(4).findings


def test_sarif_fingerprints_of_findings_alike_but_for_figures_are_numbered():
    from outcome_graph.findings import Report

    first = Finding(
        "OG201", "outcome-gap", "warning", "t", "plan", "T", "Outcome 1 has no aim.", ""
    )
    second = dataclasses.replace(first, message="Outcome 2 has no aim.")
    other = dataclasses.replace(first, message="Outcome 'Be healthy' has no aim.")
    prints = _prints(Report("t", "T", "p.yaml", findings=[first, other, second]))
    assert prints[0].startswith("p.yaml:t/OG201/t/") and prints[2] == prints[0] + "/2"
    assert (
        prints[1] != prints[0]
        and _prints(Report("t", "T", "p.yaml", findings=[other]))[0] == prints[1]
    )


def test_sarif_fingerprints_of_two_files_of_one_plan_differ():
    # Two files with the same plan id (this year's plan and a draft of it) are two sets of alerts.
    text = (MODELS / "thurrock-cypp-2011-12.yaml").read_text(encoding="utf-8")
    one, two = (
        og.check(og.load(text, name=name))
        for name in ("plans/thurrock.yaml", "drafts/thurrock.yaml")
    )
    assert one.plan_id == two.plan_id and one.findings
    first, second = _prints(one), _prints(two)
    assert not set(first) & set(second)
    assert [p.split(":", 1)[1] for p in first] == [p.split(":", 1)[1] for p in second]


def test_sarif_fingerprints_name_a_file_in_the_working_folder_by_its_path_from_there(
    tmp_path, monkeypatch
):
    # A file checked from its repository's root, by a relative path or by an absolute one (as CI
    # runners write them, each under a folder of its own), keeps one set of alerts; the artifact
    # location still says what was given, and a file outside the working folder keeps its URI.
    text = (MODELS / "thurrock-cypp-2011-12.yaml").read_text(encoding="utf-8")
    (tmp_path / "plans").mkdir()
    monkeypatch.chdir(tmp_path)
    relative = og.check(og.load(text, name="plans/thurrock.yaml"))
    absolute = og.check(og.load(text, name=str(tmp_path / "plans" / "thurrock.yaml")))
    assert _prints(relative) == _prints(absolute) and _prints(relative)[0].startswith(
        "plans/thurrock.yaml:"
    )
    doc = sarif_document([absolute])
    assert doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"][
        "uri"
    ] == ((tmp_path / "plans" / "thurrock.yaml").as_uri())
    monkeypatch.chdir(tmp_path / "plans")
    elsewhere = _prints(og.check(og.load(text, name=str(tmp_path / "other" / "thurrock.yaml"))))
    assert elsewhere[0].startswith((tmp_path / "other" / "thurrock.yaml").as_uri() + ":")


def test_json_findings_carry_the_title_of_their_node():
    plan = og.load(
        PLAN_HEADER
        + "objectives: [{id: O1, title: Raise attendance, milestones: [{id: M1, title: Audit}]}, "
        "{id: O2, title: Cut absence}]\n"
    )
    doc = json.loads(og.check(plan, {"select": ["OG101"]}).to_json())
    assert [(f["node"], f["title"]) for f in doc["findings"]] == [("O2", "Cut absence")]


ORPHANS = "objectives: [{id: O1, title: Orphan}]\npriorities: [{id: P1, title: Safe}]\n"


def test_sarif_rules_carry_their_default_level():
    doc = sarif_document([og.check(og.load(PLAN_HEADER + ORPHANS), {"select": ["OG103", "OG101"]})])
    levels = {
        d["id"]: d["defaultConfiguration"]["level"]
        for d in doc["runs"][0]["tool"]["driver"]["rules"]
    }
    assert levels == {"OG101": "warning", "OG103": "error"}


def test_sarif_names_a_plan_read_from_an_absolute_path_by_its_file_uri(tmp_path):
    path = tmp_path / "plan.yaml"
    path.write_text(PLAN_HEADER + ORPHANS)
    doc = sarif_document([og.check(og.load(path), {"select": ["OG103"]})])
    [result] = doc["runs"][0]["results"]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == path.as_uri()


@pytest.mark.parametrize(
    "name, uri",
    [
        ("plans/my plan #2.yaml", "plans/my%20plan%20%232.yaml"),
        ("Plan für 2011.yaml", "Plan%20f%C3%BCr%202011.yaml"),
        ("<plan>.yaml", "%3Cplan%3E.yaml"),
        ("a:b.yaml", "a%3Ab.yaml"),
    ],
)
def test_sarif_writes_a_relative_file_name_as_a_valid_uri_reference(name, uri):
    # (SARIF's artifactLocation.uri is a URI reference: "my plan #2.yaml" and "<plan>.yaml" as
    # they are are not, and "a:b.yaml" reads as the scheme "a")
    import re
    from urllib.parse import unquote, urlsplit

    doc = sarif_document(
        [og.check(og.load(PLAN_HEADER + ORPHANS, name=name), {"select": ["OG103"]})]
    )
    [result] = doc["runs"][0]["results"]
    written = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert written == uri and unquote(written) == name
    assert (
        re.fullmatch(r"(?:[A-Za-z0-9\-._~!$&'()*+,;=@/]|%[0-9A-F]{2})*", written)
        and not urlsplit(written).scheme
    )


def test_junit_counts_failures_per_plan_and_replaces_control_characters():
    first = og.check(og.load(PLAN_HEADER + ORPHANS), {"select": ["OG103"]})
    second = og.check(
        og.load(PLAN_HEADER.replace("id: t", "id: u") + ORPHANS), {"select": ["OG103"]}
    )
    root = ET.fromstring(to_junit([first, second]).split("\n", 1)[1])
    assert [(s.get("name"), s.get("failures")) for s in root.iter("testsuite")] == [
        ("t", "1"),
        ("u", "1"),
    ]
    assert root.get("failures") == "2"
    # XML 1.0 cannot carry U+0001: the title in the message is written with U+FFFD instead.
    odd = og.check(
        og.load(
            json.dumps(
                {
                    "format": "outcome-graph/v1",
                    "plan": {"id": "v", "period": {"start": "2011-04-01", "end": "2012-03-31"}},
                    "priorities": [{"id": "P1", "title": "Safe"}],
                    "objectives": [{"id": "O1", "title": "bad\u0001title"}],
                }
            )
        ),
        {"select": ["OG103"]},
    )
    root = ET.fromstring(to_junit([odd]).split("\n", 1)[1])
    [failure] = root.iter("failure")
    assert "'bad\ufffdtitle'" in failure.text


def test_the_text_summary_counts_in_the_right_grammatical_number():
    from outcome_graph.findings import Report
    from outcome_graph.output.text import format_report

    def finding(severity):
        return Finding(
            "OG301", "missing-lead", severity, "M1", "milestone", "Audit", "No lead.", ""
        )

    report = Report(
        "demo",
        "Demo",
        "plan.yaml",
        findings=[finding("error"), finding("warning"), finding("warning")],
        suppressed=[finding("info")],
    )
    assert (
        format_report(report).splitlines()[-1] == "demo: 1 error, 2 warnings, 0 info (1 suppressed)"
    )
    report = Report(
        "demo",
        "Demo",
        "plan.yaml",
        findings=[
            finding("error"),
            finding("error"),
            finding("warning"),
            finding("info"),
            finding("info"),
        ],
    )
    assert format_report(report).splitlines()[-1] == "demo: 2 errors, 1 warning, 2 info"


def test_junit_document():
    reports = [og.check(og.load(p)) for p in MODEL_FILES]
    root = ET.fromstring(to_junit(reports).split("\n", 1)[1])
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [r.plan_id for r in reports]
    thurrock = next(s for s in suites if s.get("name") == "thurrock-cypp-2011-12")
    failing = {
        c.get("name").split()[0]
        for c in thurrock.findall("testcase")
        if c.find("failure") is not None
    }
    assert failing == {"OG602"}  # only errors fail by default
    from outcome_graph.rules.engine import configured_rules

    assert int(thurrock.get("tests")) == len(
        configured_rules(og.Config())
    )  # (every rule runs by default)


def _junit_cases(xml: str) -> list[str]:
    return [c.get("name").split()[0] for c in ET.fromstring(xml.split("\n", 1)[1]).iter("testcase")]


def test_junit_lists_only_the_rules_that_were_run():
    # (a rule left out by select or ignore is no test that passed)
    plan = og.load(MODELS / "thurrock-cypp-2011-12.yaml")
    assert _junit_cases(
        to_junit(og.check(plan, {"select": ["OG3"], "ignore": ["OG305"]}))
    ) == sorted(c for c in og.registry() if c.startswith("OG3") and c != "OG305")
    assert _junit_cases(to_junit(og.check(plan, {"select": ["OG602"]}))) == ["OG602"]


def test_junit_from_the_cli_leaves_out_the_rules_below_min_severity(tmp_path):
    plan = str(MODELS / "thurrock-cypp-2011-12.yaml")
    done = subprocess.run(
        [
            *og_command(),
            "check",
            plan,
            "--format",
            "junit",
            "--select",
            "OG6,OG302",
            "--severity",
            "OG302=error",
            "--min-severity",
            "error",
        ],
        capture_output=True,
        text=True,
    )
    errors = sorted(
        code
        for code, rule in og.registry().items()
        if code.startswith("OG6") and rule.severity == "error"
    )
    assert _junit_cases(done.stdout) == sorted(["OG302", *errors]), done.stderr
    done = subprocess.run(
        [*og_command(), "check", plan, "--format", "junit", "--ignore", "OG1,OG2,OG3,OG4,OG5"],
        capture_output=True,
        text=True,
    )
    assert _junit_cases(done.stdout) == sorted(c for c in og.registry() if c.startswith("OG6")), (
        done.stderr
    )


def test_sarif_and_junit_from_the_cli(tmp_path):
    path = MODELS / "richmond-cypp-2009-2013.yaml"
    out = tmp_path / "f.sarif"
    done = subprocess.run(
        [*og_command(), "check", str(path), "--format", "sarif", "-o", str(out)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0 and json.loads(out.read_text())["runs"][0]["results"]
    done = subprocess.run(
        [*og_command(), "check", str(path), "--format", "junit"], capture_output=True, text=True
    )
    assert done.stdout.startswith("<?xml") and "<testsuites" in done.stdout


def _a_bad_plan_and_a_good_one(tmp_path, fmt: str, good):
    """``check`` of a plan with a misspelt field and a good plan, in ``fmt`` to a file: the bad
    plan, the file and the finished process (exit 2, the file written all the same)."""
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        PLAN_HEADER + "priorities:\n  - id: P1\n    titel: Safe children\n", encoding="utf-8"
    )
    out = tmp_path / f"f.{fmt}"
    done = subprocess.run(
        [*og_command(), "check", str(bad), str(good), "--format", fmt, "-o", str(out)],
        capture_output=True,
        text=True,
    )
    assert (
        done.returncode == 2
        and f"error: {bad}:" in done.stderr
        and "not written" not in done.stderr
    )
    return bad, out, done


def test_junit_records_a_plan_that_cannot_be_read_as_an_error_and_a_baseline_passes_over_it(
    tmp_path,
):
    # (a JUnit dashboard was green while the job exited 2: the plan was not there)
    good = EXAMPLES / "tutorial-plan.yaml"
    bad, out, _ = _a_bad_plan_and_a_good_one(tmp_path, "junit", good)
    suites = ET.fromstring(out.read_text(encoding="utf-8"))
    assert suites.get("errors") == "1"
    [unread] = [s for s in suites if s.get("errors") == "1"]
    assert unread.get("name") == str(bad) and unread.get("tests") == "1"
    error = unread.find("testcase/error")
    assert (
        error is not None
        and "did you mean 'title'" in (error.text or "")
        and f"{bad}:" in (error.text or "")
    )
    # a findings document of both, as a baseline: the plan that could not be read has no findings
    findings = tmp_path / "f.jsonl"
    subprocess.run(
        [*og_command(), "check", str(bad), str(good), "--format", "json", "-o", str(findings)]
    )
    again = subprocess.run(
        [*og_command(), "check", str(good), "--baseline", str(findings), "--format", "json"],
        capture_output=True,
        text=True,
    )
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["findings"] == []


def test_sarif_records_a_plan_that_cannot_be_read_as_a_tool_error(tmp_path):
    # A code-scanning upload shows that the run failed and where, instead of a log without the plan.
    good = MODELS / "thurrock-cypp-2011-12.yaml"
    bad, out, _ = _a_bad_plan_and_a_good_one(tmp_path, "sarif", good)
    run = json.loads(out.read_text(encoding="utf-8"))["runs"][0]
    report = og.check(og.load(good))
    assert len(run["results"]) == len(report.findings) + len(report.suppressed)
    [invocation] = run["invocations"]
    assert invocation["executionSuccessful"] is False
    notes = invocation["toolExecutionNotifications"]
    assert [(n["level"], n["descriptor"]["id"]) for n in notes] == [
        ("error", "plan-cannot-be-read")
    ] * 2
    assert any("did you mean 'title'" in n["message"]["text"] for n in notes)
    regions = [n["locations"][0]["physicalLocation"] for n in notes]
    assert {r["artifactLocation"]["uri"] for r in regions} == {bad.as_uri()}
    assert sorted(r["region"]["startLine"] for r in regions) == [4, 5]
    # one plan alone, to standard output: the document still comes, with the exit code 2
    alone = subprocess.run(
        [*og_command(), "check", str(bad), "--format", "sarif"], capture_output=True, text=True
    )
    assert alone.returncode == 2
    assert json.loads(alone.stdout)["runs"][0]["invocations"][0]["executionSuccessful"] is False
    # a run whose plans all load says nothing of invocations (as before)
    assert "invocations" not in json.loads(og.to_sarif([report]))["runs"][0]


def test_findings_table_example_runs():
    out = subprocess.run(
        [sys.executable, str(EXAMPLES / "findings_table.py")], capture_output=True, text=True
    )
    assert out.returncode == 1, out.stderr  # Thurrock has one error
    assert "findings" in out.stdout and "OG602" in out.stdout


def test_dataframe(tmp_path):
    df = og.check(og.load(MODELS / "thurrock-cypp-2011-12.yaml")).to_dataframe()
    assert list(df.columns[:4]) == ["rule", "name", "severity", "node"]
    assert (df.rule == "OG602").sum() == 1
    # A workbook's findings are located by sheet and cell.
    from outcome_graph.output.workbook import write_workbook

    write_workbook(og.load(MODELS / "thurrock-cypp-2011-12.yaml"), tmp_path / "plan.xlsx")
    report = og.check(og.load(tmp_path / "plan.xlsx"))
    df = report.to_dataframe()
    row = df[df.rule == "OG602"].iloc[0]
    finding = report.by_rule("OG602")[0]
    assert (row.sheet, row.cell) == (finding.location.sheet, finding.location.cell) and row.cell


def _read_annotation(line: str) -> tuple[str, dict[str, str], str]:
    """A workflow command read back as GitHub reads it: (level, properties, message)."""

    def unescape(text: str) -> str:
        for escape, char in (
            ("%0D", "\r"),
            ("%0A", "\n"),
            ("%3A", ":"),
            ("%2C", ","),
            ("%25", "%"),
        ):
            text = text.replace(escape, char)
        return text

    assert line.startswith("::") and "\n" not in line and "\r" not in line
    head, message = line[2:].split("::", 1)
    level, _, props = head.partition(" ")
    properties = dict(p.split("=", 1) for p in props.split(",")) if props else {}
    return level, {k: unescape(v) for k, v in properties.items()}, unescape(message)


@pytest.mark.parametrize("path", MODEL_FILES, ids=lambda p: p.stem)
def test_github_annotations_of_the_real_plans(path):
    report = og.check(og.load(path))
    lines = to_github([report]).splitlines()
    assert len(lines) == len(report.findings)
    for line, finding in zip(lines, report.findings):
        level, props, message = _read_annotation(line)
        assert level == {"error": "error", "warning": "warning", "info": "notice"}[finding.severity]
        assert message == finding.message and props["title"] == f"{finding.rule} {finding.name}"
        assert props["file"] == finding.location.file
        if finding.location.line is not None:
            assert props["line"] == str(finding.location.line)


@given(st.text(), st.text(min_size=1))
def test_github_annotations_carry_any_text(message, file):
    finding = Finding(
        "OG301",
        "missing-lead",
        "warning",
        "M1",
        "milestone",
        "t",
        message,
        "",
        Location(file, 3, 2),
    )
    level, props, read = _read_annotation(annotation(finding))
    assert (level, props["file"], props["line"], props["col"], read) == (
        "warning",
        file,
        "3",
        "2",
        message,
    )


def test_github_annotations_of_a_workbook_name_the_cell():
    finding = Finding(
        "OG401",
        "missing-date",
        "warning",
        "M1",
        "milestone",
        "t",
        "No date.",
        "",
        Location("plan.xlsx", sheet="milestones", cell="C14"),
    )
    level, props, message = _read_annotation(annotation(finding))
    assert props == {"file": "plan.xlsx", "title": "OG401 missing-date"}
    assert message == "plan.xlsx:milestones!C14: No date."


def test_github_format_from_the_cli():
    path = MODELS / "thurrock-cypp-2011-12.yaml"
    done = subprocess.run(
        [*og_command(), "check", str(path), "--format", "github"], capture_output=True, text=True
    )
    report = og.check(og.load(path))
    assert done.returncode == report.exit_code == 1
    assert done.stdout.splitlines() == to_github([report]).splitlines()
    assert (
        sum(line.startswith("::error ") for line in done.stdout.splitlines())
        == report.counts["error"]
    )


def test_github_format_annotates_a_plan_that_cannot_be_read(tmp_path):
    # A pull request that breaks a plan shows where, as one that adds a finding does.
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        PLAN_HEADER + "priorities:\n  - id: P1\n    titel: Safe children\n", encoding="utf-8"
    )
    good = MODELS / "thurrock-cypp-2011-12.yaml"
    done = subprocess.run(
        [*og_command(), "check", str(bad), "--format", "github"], capture_output=True, text=True
    )
    assert done.returncode == 2 and "Traceback" not in done.stderr
    read = [_read_annotation(line) for line in done.stdout.splitlines()]
    assert [(level, props["file"], props["title"]) for level, props, _ in read] == [
        ("error", str(bad), "outcome-graph: the plan cannot be read")
    ] * 2
    assert any("did you mean 'title'" in message for _, _, message in read)
    assert f"error: {bad}:" in done.stderr  # (and on standard error, as for the other formats)
    # among several plans: the unreadable plan's problems first, then the findings of the others
    both = subprocess.run(
        [*og_command(), "check", str(bad), str(good), "--format", "github"],
        capture_output=True,
        text=True,
    )
    assert both.returncode == 2
    report = og.check(og.load(good))
    assert both.stdout.splitlines() == done.stdout.splitlines() + to_github([report]).splitlines()


def test_each_finding_of_the_text_format_is_one_line_whatever_its_values_hold():
    # A bare title on one line of a spreadsheet cell and its service on the next are one owner,
    # whose name holds the line break; its findings stay one line each.
    lead = "Group Manager\nYouth Support"
    text = (
        PLAN_HEADER
        + "milestones:\n"
        + "".join(
            f"  - {{id: M{i}, title: Task {i}, lead: {json.dumps(lead)}, timescale: June 11}}\n"
            for i in range(12)
        )
    )
    report = og.check(og.load(text))
    assert any(
        "\n" in f.message for f in report.by_rule("OG302")
    )  # (the message quotes the lead as written)
    shown = format_report(report, hints=True).splitlines()
    overload = [line for line in shown if " OG302 " in line]
    assert len(overload) == 1
    assert "Group Manager Youth Support leads 12 milestones" in overload[0]
    assert overload[0].endswith("[owner-overload]")


def test_a_plan_given_as_text_or_data_has_no_file_in_any_output():
    # (a mapping's findings said file '<data>', and SARIF gave a text's the made-up file 'plan':
    # a plan that is no file has none, null in JSON, and SARIF locates its findings by node alone)
    import yaml

    text = PLAN_HEADER + ORPHANS
    from_text, from_data = og.load(text), og.load(yaml.safe_load(text))
    assert from_text.file is None and from_data.file is None
    reports = [
        og.check(from_text, {"select": ["OG103"]}),
        og.check(from_data, {"select": ["OG103"]}),
    ]
    for report in reports:
        document = report.to_dict()
        assert document["plan"]["file"] is None and document["findings"]
        assert all(f["location"]["file"] is None for f in document["findings"])
        for result in sarif_document([report])["runs"][0]["results"]:
            [location] = result["locations"]
            assert (
                "physicalLocation" not in location
                and location["logicalLocations"][0]["name"] == result["properties"]["node"]
            )
        assert "file=" not in to_github([report])
    with pytest.raises(og.PlanError) as refused:
        og.load({"format": "outcome-graph/v1"})
    assert refused.value.file is None and str(refused.value).startswith("<plan>: ")
    named = og.check(og.load(yaml.safe_load(text), name="upload.yaml"), {"select": ["OG103"]})
    assert named.file == "upload.yaml" and all(
        f.location.file == "upload.yaml" for f in named.findings
    )


# --- The notices of loading a plan, in the machine outputs -------------------------------------
#
# Notices are not findings: what loading passed over (a hidden row read, a header row pasted
# again, a lead too long to split). A tool embedding outcome-graph reads them from the document.

THURROCK = MODELS / "thurrock-cypp-2011-12.yaml"


def _noticed_workbook(tmp_path):
    """The Thurrock plan as a workbook someone worked on: a milestone row hidden, the header row
    pasted again below row 4 of the milestones sheet."""
    import openpyxl

    from outcome_graph.output.workbook import write_workbook

    path = tmp_path / "thurrock.xlsx"
    write_workbook(og.load(THURROCK), path)
    book = openpyxl.load_workbook(path)
    sheet = book["milestones"]
    header = [c.value for c in sheet[1]]
    sheet.insert_rows(5)
    for column, value in enumerate(header, 1):
        sheet.cell(5, column, value)
    sheet.row_dimensions[3].hidden = True
    book.save(path)
    return path


def _long_lead_plan(tmp_path):
    """The Thurrock plan with one milestone's lead forty names long (kept whole, with a notice)."""
    text = THURROCK.read_text(encoding="utf-8")
    old = 'lead: "Service Manager (SM) Performance & SILS"'
    assert text.count(old) == 1
    path = tmp_path / "thurrock.yaml"
    path.write_text(
        text.replace(old, "lead: '" + ", ".join(f"Head of Team {i}" for i in range(40)) + "'"),
        encoding="utf-8",
    )
    return path


def test_a_report_carries_the_notices_of_loading_its_plan_with_their_place(tmp_path):
    import pickle

    from outcome_graph.loading.loader import load_path

    plan = load_path(_noticed_workbook(tmp_path))
    report = og.check(plan)
    assert report.notices == plan.notices and len(report.notices) == 2
    header, hidden = sorted(report.notices, key=lambda n: "hidden" in n)
    assert isinstance(header, og.Notice) and header.location == Location(
        str(tmp_path / "thurrock.xlsx"), sheet="milestones", cell="A5"
    )
    assert (
        header.message == "row 5 repeats the header row; skipped"
        and header == f"{header.location}: {header.message}"
    )
    assert hidden.location == Location(
        str(tmp_path / "thurrock.xlsx"), sheet="milestones", cell="A3"
    )
    assert hidden.endswith("take it out: row 3")
    # sent between processes, a notice keeps its place; the report stays equal
    sent = pickle.loads(pickle.dumps(report))
    assert sent == report and [n.location for n in sent.notices] == [
        n.location for n in report.notices
    ]
    # a notice a tool appended as plain text is written too, with no place
    plan.notices.append("checked from the shared drive")
    [extra] = [
        n
        for n in og.check(plan).to_dict()["notices"]
        if n["message"] == "checked from the shared drive"
    ]
    assert extra["location"] == Location().to_dict()


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "junit", "github"])
def test_min_severity_leaves_the_notices_of_loading_the_plan_in(tmp_path, fmt):
    # --min-severity chooses among findings; a notice is no finding but about what was read (a
    # lead kept whole), which the errors left are worked out from: it is still said, on standard
    # error and in the format, as ruff's and sqlfluff's warnings about their input are.
    plan = _long_lead_plan(tmp_path)
    every = subprocess.run(
        [*og_command(), "check", str(plan), "--format", fmt], capture_output=True, text=True
    )
    errors = subprocess.run(
        [*og_command(), "check", str(plan), "--format", fmt, "--min-severity", "error"],
        capture_output=True,
        text=True,
    )
    [notice] = [line for line in every.stderr.splitlines() if line.startswith("notice: ")]
    assert "Head of Team 0" in notice and errors.stderr == every.stderr
    if fmt != "text":  # (the text output has the findings alone; notices go to standard error)
        said = notice.removeprefix("notice: ").split(": ", 1)[1][:40]
        assert said in every.stdout and said in errors.stdout.replace("&apos;", "'")
    if fmt == "json":
        kept = json.loads(errors.stdout)
        assert kept["notices"] == json.loads(every.stdout)["notices"]
        assert {f["severity"] for f in kept["findings"]} <= {"error"} and kept["summary"][
            "warning"
        ] == 0


def test_the_json_document_names_no_file_for_standard_input():
    # A plan read from standard input is no file: the document's file is null wherever it would
    # name one (the plan's, a finding's, a notice's), the line kept, as SARIF locates it.
    plan = og.load(
        EXAMPLES.joinpath("tutorial-plan.yaml").read_text(encoding="utf-8"), name="<stdin>"
    )
    plan.notices.append(og.Notice.at(Location("<stdin>", 3, 1), "a lead too long to split"))
    doc = og.check(plan).to_dict()
    jsonschema.validate(doc, findings_schema())
    assert doc["plan"]["file"] is None and doc["findings"]
    assert all(f["location"]["file"] is None and f["location"]["line"] for f in doc["findings"])
    assert doc["notices"] == [
        {
            "message": "a lead too long to split",
            "location": {"file": None, "line": 3, "column": 1, "sheet": None, "cell": None},
        }
    ]


def test_a_report_of_standard_input_names_no_file_in_python_as_in_json():
    # A plan read from standard input is no file: the report's file and the tables' file column
    # are None, as the JSON document's are, so a notebook that opens the file a finding names finds
    # none to open; the text a person reads still says <stdin>:line:column.
    plan = og.load(
        EXAMPLES.joinpath("tutorial-plan.yaml").read_text(encoding="utf-8"), name="<stdin>"
    )
    report = og.check(plan)
    assert report.file is None and report.findings
    for df in (report.to_dataframe(), og.table(plan, "findings")):
        assert df["file"].isna().all() and df["line"].notna().all()
    assert any(line.startswith("<stdin>:") for line in format_report(report).splitlines())
    named = og.check(og.load(EXAMPLES / "tutorial-plan.yaml"))
    assert named.file == str(EXAMPLES / "tutorial-plan.yaml")
    assert set(named.to_dataframe()["file"]) == {named.file}


def test_the_json_document_lists_the_notices_and_validates_and_is_a_baseline(tmp_path):
    book = _noticed_workbook(tmp_path)
    out = tmp_path / "findings.json"
    done = subprocess.run(
        [*og_command(), "check", str(book), "--format", "json", "-o", str(out)],
        capture_output=True,
        text=True,
    )
    assert done.returncode in (0, 1) and "notice: " in done.stderr, done.stderr
    doc = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.validate(doc, findings_schema())
    assert {
        "message": "row 5 repeats the header row; skipped",
        "location": {
            "file": str(book),
            "line": None,
            "column": None,
            "sheet": "milestones",
            "cell": "A5",
        },
    } in doc["notices"]
    assert len(doc["notices"]) == 2 and doc["summary"]["info"] == len(
        [f for f in doc["findings"] if f["severity"] == "info"]
    )
    # read back as a baseline: every finding is in it
    again = subprocess.run(
        [*og_command(), "check", str(book), "--baseline", str(out)], capture_output=True, text=True
    )
    assert (
        again.returncode == 0
        and f"no findings ({len(doc['findings'])} in the baseline)" in again.stdout
    )
    # a notice must have its message and location
    broken = {**doc, "notices": [{"message": "x"}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, findings_schema())
    # a plan loaded without notices has the document it always had
    assert "notices" not in og.check(og.load(THURROCK)).to_dict()


def test_sarif_lists_the_notices_as_tool_notifications_at_their_place(tmp_path):
    plan_path = _long_lead_plan(tmp_path)
    plan = og.load(plan_path)
    [notice] = plan.notices
    log = json.loads(og.to_sarif(og.check(plan)))
    assert sarif_errors(log) == []
    run = log["runs"][0]
    [invocation] = run["invocations"]
    assert invocation["executionSuccessful"] is True
    [note] = invocation["toolExecutionNotifications"]
    assert (note["level"], note["descriptor"]["id"], note["properties"]) == (
        "note",
        "plan-notice",
        {"plan": plan.id},
    )
    assert note["message"]["text"] == notice.message and "more than 32 separators" in notice.message
    physical = note["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"]["uri"] == plan_path.as_uri()
    node = notice.message.split()[3].rstrip(
        ","
    )  # ("the lead of M1, ...": the first node that writes it)
    assert notice.location == plan.location(node) and notice.location.line is not None
    assert (physical["region"]["startLine"], physical["region"]["startColumn"]) == (
        notice.location.line,
        notice.location.column,
    )
    # a workbook's cell is named in the message and the properties; a plan that cannot be read
    # among them makes the run unsuccessful, its error first
    book = _noticed_workbook(tmp_path)
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        PLAN_HEADER + "priorities:\n  - id: P1\n    titel: Safe children\n", encoding="utf-8"
    )
    out = tmp_path / "f.sarif"
    done = subprocess.run(
        [*og_command(), "check", str(bad), str(book), "--format", "sarif", "-o", str(out)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    log = json.loads(out.read_text(encoding="utf-8"))
    assert sarif_errors(log) == []
    [invocation] = log["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    notes = invocation["toolExecutionNotifications"]
    assert [n["level"] for n in notes] == [
        "error",
        "error",
        "note",
        "note",
    ]  # (the bad plan has two problems)
    header = next(n for n in notes if "header" in n["message"]["text"])
    assert (
        header["message"]["text"] == f"{book}:milestones!A5: row 5 repeats the header row; skipped"
    )
    assert header["properties"] == {
        "plan": "thurrock-cypp-2011-12",
        "sheet": "milestones",
        "cell": "A5",
    }
    assert "region" not in header["locations"][0]["physicalLocation"]


def test_github_annotates_the_notices_at_their_line(tmp_path):
    path = _long_lead_plan(tmp_path)
    done = subprocess.run(
        [*og_command(), "check", str(path), "--format", "github"], capture_output=True, text=True
    )
    [notice] = og.load(path).notices
    lines = done.stdout.splitlines()
    # (the plan's own annotations first, then its findings')
    assert lines[0] == (
        f"::notice file={path},line={notice.location.line},col={notice.location.column},"
        f"title=outcome-graph notice::{notice.message}"
    )
    assert [line for line in lines if "title=outcome-graph notice" in line] == lines[:1]
    assert len(lines) == 1 + len(og.check(og.load(path)).findings)
    # a workbook's notice names its cell in the message, the file alone in the properties
    book = _noticed_workbook(tmp_path)
    text = to_github([og.check(og.load(book))])
    assert (
        f"::notice file={book},title=outcome-graph notice::{book}:milestones!A5: row 5 repeats "
        "the header row; skipped"
    ) in text.splitlines()


def test_junit_gives_the_notices_as_the_output_of_the_plan_s_suite(tmp_path):
    book = _noticed_workbook(tmp_path)
    report = og.check(og.load(book))
    suite = ET.fromstring(to_junit(report)).find("testsuite")
    out = suite.find("system-out")
    assert out is not None and out.text.splitlines() == [f"notice: {n}" for n in report.notices]
    assert suite.get("tests") == str(len(suite.findall("testcase")))  # (notices are no test)
    assert ET.fromstring(to_junit(og.check(og.load(THURROCK)))).find("testsuite/system-out") is None


_notice_locations = st.builds(
    Location,
    st.one_of(st.none(), st.text(min_size=1)),
    st.one_of(st.none(), st.integers(1, 10**6)),
    st.one_of(st.none(), st.integers(1, 500)),
    st.one_of(st.none(), st.text(min_size=1)),
    st.one_of(st.none(), st.from_regex(r"[A-Z]{1,3}[1-9][0-9]{0,4}", fullmatch=True)),
)


@given(st.lists(st.tuples(_notice_locations, st.text()), max_size=4))
def test_notices_of_any_text_and_place_are_written_validly_by_every_format(notes):
    import pickle

    notices = [og.Notice.at(location, message) for location, message in notes]
    report = og.Report("p", "P", "plan.yaml", notices=notices)
    assert pickle.loads(pickle.dumps(report)) == report
    doc = json.loads(report.to_json())
    if notices:
        jsonschema.validate(doc, findings_schema())
        assert doc["notices"] == [{"message": m, "location": loc.to_dict()} for loc, m in notes]
    else:
        assert "notices" not in doc
    log = sarif_document([report])
    assert sarif_errors(log) == []
    lines = (
        to_github([report]).split("\n") if notices else []
    )  # (as GitHub reads them: \x1e is in a line)
    assert len(lines) == len(notices)  # (a line break in a message never breaks the annotation)
    for line, notice in zip(lines, notices):
        level, props, message = _read_annotation(line)
        assert level == "notice" and props["title"] == "outcome-graph notice"
        assert (
            message in (notice.message, str(notice)) and props.get("file") == notice.location.file
        )
    suite = ET.fromstring(to_junit(report)).find("testsuite")
    assert (suite.find("system-out") is not None) == bool(notices)


def test_sarif_names_a_workbook_finding_s_sheet_and_cell_in_its_message(tmp_path):
    # (SARIF has no cells: a code-scanning view shows the message, which says where)
    from outcome_graph.output.workbook import write_workbook

    write_workbook(og.load(EXAMPLES / "tutorial-plan.yaml"), tmp_path / "plan.xlsx")
    report = og.check(og.load(tmp_path / "plan.xlsx"))
    results = sarif_document([report])["runs"][0]["results"]
    assert len(results) == len(report.findings) > 0
    for result, finding in zip(results, report.findings):
        loc = finding.location
        assert loc.sheet and result["message"]["text"].startswith(
            f"{loc.sheet}!{loc.cell}: {finding.message}"
        )
        assert result["properties"]["message"] == finding.message  # (what a baseline compares)


# --- SARIF related locations: the other owners a finding is about --------------------------------

JOINT_LEADS = (
    PLAN_HEADER
    + """owners:
  - {id: EYT, name: Early Years, kind: team}
  - {id: PSM, name: "Primary Strategy Manager"}
objectives:
  - id: O1
    title: a
    lead: "Group Manager, Early Years; PSM; EYT"
    milestones:
      - {id: M1, title: a, timescale: November 2011}
      - {id: M2, title: b, timescale: November 2011}
      - {id: M3, title: c, timescale: November 2011}
"""
)


def _lines(text: str, needle: str) -> list[int]:
    return [i for i, line in enumerate(text.splitlines(), 1) if needle in line]


def test_sarif_gives_each_joint_lead_of_a_finding_as_a_related_location_linked_from_its_message():
    plan = og.load(JOINT_LEADS, name="plan.yaml")
    report = og.check(plan, {"select": ["OG303"], "rules": {"OG303": {"max-per-month": 2}}})
    (finding,) = report.findings
    assert finding.node == "EYT" and set(finding.related) == {"Group Manager, Early Years", "PSM"}
    (result,) = sarif_document([report])["runs"][0]["results"]
    related = {r["message"]["text"]: r for r in result["relatedLocations"]}
    assert set(related) == {"owner 'Group Manager, Early Years'", "owner 'PSM'"}
    # a declared owner at its declaration; one a lead's text implies, where that lead is written
    assert (
        related["owner 'PSM'"]["physicalLocation"]["region"]["startLine"]
        == _lines(JOINT_LEADS, "id: PSM")[0]
    )
    lead_line = _lines(JOINT_LEADS, "id: O1")[0]  # (the node whose lead names it)
    assert (
        related["owner 'Group Manager, Early Years'"]["physicalLocation"]["region"]["startLine"]
        == lead_line
    )
    assert all(
        r["physicalLocation"]["artifactLocation"]["uri"] == "plan.yaml" for r in related.values()
    )
    assert sorted(r["id"] for r in related.values()) == [1, 2]
    for text, r in related.items():  # (code scanning shows a related location the message links to)
        assert f"[{text}]({r['id']})" in result["message"]["text"]
    assert (
        result["properties"]["message"] == finding.message
    )  # (what a baseline compares: unchanged)


def test_sarif_related_locations_of_the_real_plans_are_where_each_other_owner_leads():
    for path, rule in (
        (MODELS / "southend-cypp-2008-09.yaml", "OG303"),
        (MODELS / "thurrock-cypp-2011-12.yaml", "OG305"),
    ):
        plan = og.load(path)
        report = og.check(plan)
        facts = og.PlanFacts(plan)
        results = [
            r for r in sarif_document([report])["runs"][0]["results"] if r.get("relatedLocations")
        ]
        with_related = [f for f in report.findings if f.related]
        assert (
            results
            and len(results) == len(with_related)
            and {r["ruleId"] for r in results} == {rule}
        )
        for result, finding in zip(results, with_related):
            assert [r["message"]["text"] for r in result["relatedLocations"]] == [
                f"owner {o!r}" for o in finding.related
            ]
            for owner, r in zip(finding.related, result["relatedLocations"]):
                line = r["physicalLocation"]["region"]["startLine"]
                assert line in {plan.location(n).line for n in facts.owners[owner].nodes}, (
                    owner,
                    line,
                )
    # Southend's joint leads share the milestones of the finding: each is shown at its line
    joint = next(
        r
        for r in sarif_document([SOUTHEND_REPORT])["runs"][0]["results"]
        if r.get("relatedLocations")
    )
    primary = joint["locations"][0]["physicalLocation"]["region"]["startLine"]
    assert [r["physicalLocation"]["region"]["startLine"] for r in joint["relatedLocations"]] == [
        primary,
        primary,
    ]


def test_sarif_has_no_related_locations_for_a_plan_with_no_file_nor_for_findings_without_others():
    report = og.check(
        og.load(JOINT_LEADS), {"select": ["OG303"], "rules": {"OG303": {"max-per-month": 2}}}
    )
    assert report.findings[0].related and report.file is None
    (result,) = sarif_document([report])["runs"][0]["results"]
    assert "relatedLocations" not in result and "Related:" not in result["message"]["text"]
    assert not any(
        "relatedLocations" in r
        for r in sarif_document([og.check(og.load(PLAN_HEADER + ORPHANS))])["runs"][0]["results"]
    )


def test_a_related_owner_s_location_survives_the_worker_processes():
    plan = og.load(JOINT_LEADS, name="plan.yaml")
    config = {"select": ["OG303"], "rules": {"OG303": {"max-per-month": 2}}}
    one, two = og.check(plan, config), og.check(plan, config, jobs=2)
    assert one.findings[0].related_locations == two.findings[0].related_locations != ()


def test_sarif_fingerprints_hold_our_key_alone_and_leave_the_line_hash_to_code_scanning():
    # (the upload action adds its own primaryLocationLineHash,
    # and warns of a log's that differs from it)
    from outcome_graph.output.sarif import FINGERPRINT_KEY

    results = sarif_document([SOUTHEND_REPORT])["runs"][0]["results"]
    assert results and all(set(r["partialFingerprints"]) == {FINGERPRINT_KEY} for r in results)
    assert all(r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in results)
