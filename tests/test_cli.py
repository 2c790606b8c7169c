"""The command line as a user runs it: exit codes, formats, errors without tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from outcome_graph.schema import findings_schema

from .conftest import EXAMPLES, MODELS, PLAN_HEADER, cli_runner, og_command

CLEAN = (
    PLAN_HEADER
    + """\
priorities:
  - id: P1
    title: Safe
    outcomes: [stay_safe]
    objectives:
      - id: O1
        title: Fewer accidents
        lead: Road safety team
        indicators: [NI 70]
        milestones: [{id: M1, title: Audit the junctions, timescale: June 11}]
"""
)
ORPHAN = CLEAN + "objectives:\n  - {id: O2, title: Orphaned objective, lead: Road safety team}\n"


def run(
    *args: str, cwd: Path | None = None, input: str | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*og_command(), *args], capture_output=True, text=True, cwd=cwd, input=input, timeout=120
    )


def write(tmp_path: Path, text: str, name: str = "plan.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def test_version():
    out = run("--version")
    assert out.returncode == 0 and "outcome-graph" in out.stdout


def test_exit_codes(tmp_path):
    clean = write(tmp_path, CLEAN, "clean.yaml")
    out = run("check", str(clean))
    assert out.returncode == 0, out.stdout + out.stderr
    orphan = write(tmp_path, ORPHAN, "orphan.yaml")
    out = run("check", str(orphan))
    assert out.returncode == 1
    assert f"{orphan}:" in out.stdout and "OG103" in out.stdout and "O2" in out.stdout
    assert "1 error" in out.stdout
    assert run("check", str(orphan), "--fail-on", "never").returncode == 0
    assert run("check", str(orphan), "--ignore", "OG103").returncode == 0
    assert run("check", str(orphan), "--severity", "OG103=warning").returncode == 0
    assert (
        run("check", str(orphan), "--severity", "OG103=warning", "--fail-on", "warning").returncode
        == 1
    )
    # choices are read as severities and rule codes are, whatever their case
    assert (
        run("check", str(orphan), "--severity", "og103=Warning", "--fail-on", "WARNING").returncode
        == 1
    )
    assert run("check", str(orphan), "--fail-on", "Never").returncode == 0
    out = run("check", str(orphan), "--format", "JSON")
    assert out.returncode == 1 and json.loads(out.stdout)["plan"]["id"]


def test_bad_input_exits_2_without_traceback(tmp_path):
    bad = write(tmp_path, PLAN_HEADER + "objectives:\n  - {id: O1, title: x, milestons: []}\n")
    out = run("check", str(bad))
    assert out.returncode == 2
    assert f"{bad}:4:" in out.stderr and "did you mean 'milestones'" in out.stderr
    assert "Traceback" not in out.stderr + out.stdout
    out = run("check", str(tmp_path / "missing.yaml"))
    assert out.returncode == 2 and "no such file" in out.stderr and "Traceback" not in out.stderr
    out = run("check", str(bad), "--select", "OG999")
    assert out.returncode == 2 and "Traceback" not in out.stderr
    out = run("check", write(tmp_path, CLEAN, "c.yaml").as_posix(), "--severity", "OG302")
    assert out.returncode == 2 and "CODE=SEVERITY" in out.stderr
    out = run("check", "--format", "xml", str(bad))
    assert out.returncode == 2


def test_json_output_and_several_plans(tmp_path):
    clean = write(tmp_path, CLEAN, "clean.yaml")
    orphan = write(tmp_path, ORPHAN, "orphan.yaml")
    out = run("check", "--format", "json", str(orphan))
    doc = json.loads(out.stdout)
    assert doc["schema"] == "outcome-graph/findings/v1"
    assert doc["summary"]["error"] == 1
    f = next(f for f in doc["findings"] if f["rule"] == "OG103")
    assert (
        f["node"] == "O2" and f["location"]["file"] == str(orphan) and f["location"]["line"] == 14
    )
    out = run("check", "--format", "json", str(clean), str(orphan))
    lines = out.stdout.strip().splitlines()
    assert [json.loads(x)["plan"]["id"] for x in lines] == ["t", "t"]
    assert [json.loads(x)["plan"]["file"] for x in lines] == [str(clean), str(orphan)]
    assert out.returncode == 1
    # jsonl: one line a plan however many (a folder read by a program: one shape)
    for plans in ([orphan], [clean, orphan]):
        out = run("check", "--format", "jsonl", *map(str, plans))
        lines = out.stdout.strip().split("\n")
        assert [json.loads(x)["plan"]["file"] for x in lines] == list(
            map(str, plans)
        ) and out.returncode == 1
    assert json.loads(lines[1]) == json.loads(run("check", "--format", "json", str(orphan)).stdout)


def test_the_exit_code_is_the_worst_over_the_plans_whatever_their_order(tmp_path):
    clean = write(tmp_path, CLEAN, "clean.yaml")
    orphan = write(tmp_path, ORPHAN, "orphan.yaml")
    for plans in ((orphan, clean), (clean, orphan)):
        out = run("check", *map(str, plans))
        assert out.returncode == 1, out.stdout + out.stderr


def test_a_plan_too_large_for_memory_is_exit_2_with_a_message(tmp_path, monkeypatch):

    import outcome_graph.loading.loader as loader
    from outcome_graph.cli import main

    def out_of_memory(*args: Any, **kwargs: Any) -> None:
        raise MemoryError

    monkeypatch.setattr(loader, "load_path", out_of_memory)
    result = cli_runner().invoke(main, ["check", str(write(tmp_path, CLEAN))])
    assert result.exit_code == 2
    assert result.stderr.strip() == "error: out of memory reading the input"


def test_several_plans_one_bad(tmp_path):
    clean = write(tmp_path, CLEAN, "clean.yaml")
    bad = write(tmp_path, "format: nope\n", "bad.yaml")
    out = run("check", str(clean), str(bad))
    assert out.returncode == 2
    assert f"t ({clean}): 0 errors" in out.stdout  # (among several plans, a summary names its file)
    assert f"{bad}:1" in out.stderr
    # A text output would leave the bad plan out: it is not written (whole or not at all).
    kept = tmp_path / "findings.txt"
    kept.write_text("KEEP")
    for jobs in ("1", "2"):
        out = run("check", str(clean), str(bad), "-o", str(kept), "--jobs", jobs)
        assert (
            out.returncode == 2
            and f"error: {kept} not written: a plan could not be read" in out.stderr
        )
        assert kept.read_text() == "KEEP"
    # JSON records it, in its place among the plans: a document with its problems and no findings
    # (for an editor checking on save, or a CI job), and the exit code still says so.
    written = tmp_path / "findings.jsonl"
    for jobs in ("1", "2"):
        out = run(
            "check", str(bad), str(clean), "--format", "json", "-o", str(written), "--jobs", jobs
        )
        assert out.returncode == 2, out.stderr
        docs = [json.loads(line) for line in written.read_text().splitlines()]
        assert [d["plan"]["file"] for d in docs] == [str(bad), str(clean)]
        assert docs[0]["plan"]["id"] is None and docs[0]["findings"] == []
        assert (
            docs[0]["problems"][0]["location"]["file"] == str(bad)
            and docs[0]["problems"][0]["location"]["line"] == 1
        )
        assert "problems" not in docs[1]
        for doc in docs:
            jsonschema.validate(doc, findings_schema())
    # ... and the JSON of a bad plan read from standard input (an editor's buffer) too
    out = subprocess.run(
        [*og_command(), "check", "-", "--stdin-filename", "buffer.yaml", "--format", "json"],
        input="format: outcome-graph/v1\n"
        "plan: {id: x, period: {start: 2011-04-01, end: 2012-03-31}}\n"
        "objectives: [{id: O1, title: a, colour: red}]\n",
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    doc = json.loads(out.stdout)
    assert out.returncode == 2 and doc["problems"] == [
        {
            "message": "unknown field 'colour' in objective O1",
            "location": {
                "file": "buffer.yaml",
                "line": 3,
                "column": 33,
                "sheet": None,
                "cell": None,
            },
            "path": "objectives[0].colour",
        }
    ]
    jsonschema.validate(doc, findings_schema())


def test_config_file_beside_the_plan(tmp_path):
    orphan = write(tmp_path, ORPHAN, "orphan.yaml")
    (tmp_path / "outcome-graph.toml").write_text('ignore = ["OG1"]\n')
    assert run("check", str(orphan)).returncode == 0
    # the command line wins over the file
    assert run("check", str(orphan), "--select", "OG103").returncode == 1
    (tmp_path / "outcome-graph.toml").write_text("[rules.OG302]\nmax-milestone = 3\n")
    out = run("check", str(orphan))
    assert out.returncode == 2 and "did you mean 'max-milestones'" in out.stderr


def test_rules_and_schema_commands():
    out = run("rules")
    assert out.returncode == 0 and "OG101" in out.stdout and "empty-branch" in out.stdout
    out = run("rules", "OG103")
    assert "What it does" in out.stdout and "How to fix" in out.stdout
    data = json.loads(run("rules", "--format", "json").stdout)
    assert {"code", "name", "severity", "what", "why", "example", "fix"} <= set(data[0])
    schema = json.loads(run("schema").stdout)
    assert schema["properties"]["format"]["const"] == "outcome-graph/v1"
    assert run("rules", "OG9").returncode == 2


def test_rules_lists_the_catalogue_beside_a_broken_configuration_and_says_so(tmp_path: Path):
    (tmp_path / "outcome-graph.toml").write_text('ignore = ["OG6"]\nselct = ["OG1"]\n')
    out = run("rules", cwd=tmp_path)
    assert out.returncode == 0 and "OG101" in out.stdout
    assert f"notice: {tmp_path / 'outcome-graph.toml'}:2: unknown key 'selct'" in out.stderr
    out = run("rules", "--config", "outcome-graph.toml", cwd=tmp_path)
    assert out.returncode == 2 and "unknown key 'selct'" in out.stderr
    out = run("rules", "--isolated", cwd=tmp_path)
    assert out.returncode == 0 and out.stderr == ""


def test_rules_with_config_shows_the_rules_as_that_file_sets_them(tmp_path: Path):
    # (--config only added its rule files' rules: its severities, options and the rules it turns
    # off were not shown, though its help said its settings applied)
    (tmp_path / "ci.toml").write_text(
        'ignore = ["OG6"]\n[severity]\nOG302 = "error"\n[rules.OG302]\nmax-milestones = 3\n'
    )
    (tmp_path / "outcome-graph.toml").write_text('[severity]\nOG301 = "info"\n')
    shown = " ".join(run("rules", "--help").stdout.split())
    assert (
        "--config FILE A configuration file (outcome-graph.toml or pyproject.toml) to show the "
        "rules as it sets them: its settings apply over those of the files found in the current "
        "folder or above. Each rule shows the severity and options it has there, the rules it "
        "turns off are left out"
    ) in shown, shown
    catalogue = run(
        "rules", cwd=tmp_path
    )  # (the catalogue's defaults without --config: docs/rules.md's)
    assert catalogue.returncode == 0 and catalogue.stderr == ""
    assert "OG601" in catalogue.stdout and _severity_listed(catalogue.stdout, "OG302") == "warning"
    listed = run("rules", "--config", "ci.toml", cwd=tmp_path)
    assert listed.returncode == 0
    assert (
        listed.stderr
        == "notice: this configuration turns off OG601, OG602, OG603: they are not listed\n"
    )
    assert "OG6" not in listed.stdout and _severity_listed(listed.stdout, "OG302") == "error"
    assert (
        _severity_listed(listed.stdout, "OG301") == "info"
    )  # (the file found here, under ci.toml)
    assert (
        _severity_listed(
            run("rules", "--config", "ci.toml", "--isolated", cwd=tmp_path).stdout, "OG301"
        )
        == "warning"
    )
    one = run("rules", "OG302", "--config", "ci.toml", cwd=tmp_path)
    assert (
        one.stdout.startswith("OG302 owner-overload (error)\n")
        and "  max-milestones = 3\n" in one.stdout
    )
    off = run("rules", "OG601", "--config", "ci.toml", cwd=tmp_path)
    assert off.returncode == 0 and off.stdout.startswith("OG601 wording-drift (info)")
    assert off.stderr == "notice: this configuration turns off OG601\n"
    data = {
        r["code"]: r
        for r in json.loads(
            run("rules", "--format", "json", "--config", "ci.toml", cwd=tmp_path).stdout
        )
    }
    assert data["OG302"]["severity"] == "error" and data["OG302"]["options"] == {
        "max-milestones": 3
    }
    assert "OG601" not in data
    # the reference page as the file sets the rules: never "defaults" where they are not
    page = run("rules", "--format", "markdown", "--config", "ci.toml", cwd=tmp_path).stdout
    assert (
        "Severities are defaults" not in page
        and "Default severity" not in page
        and "(default `" not in page
    )
    assert (
        "Severities and options are those `ci.toml` sets" in page
        and "| code | name | severity | summary |" in page
    )
    assert (
        "Severity: **error**. An owner who leads more" in page
        and "`max-milestones` (set to `3`)" in page
    )
    assert "Generated by `outcome-graph rules --format markdown --config ci.toml`" in page
    default_page = run("rules", "--format", "markdown", cwd=tmp_path).stdout
    assert default_page == (MODELS.parent / "docs" / "rules.md").read_text(encoding="utf-8")
    (tmp_path / "ci.toml").write_text('ignore = ["OG6"]\n[severity]\nOG3O2 = "error"\n')
    wrong = run("rules", "--config", "ci.toml", cwd=tmp_path)
    assert wrong.returncode == 2 and wrong.stdout == ""
    assert wrong.stderr == "error: ci.toml:3: 'OG3O2' matches no rule: did you mean 'OG302'?\n"


def _severity_listed(text: str, code: str) -> str:
    """A rule's severity in the one-line-per-rule list of ``rules``."""
    row = next(line for line in text.splitlines() if line.startswith(code + " "))
    return row.split()[2]


def test_python_dash_m(tmp_path):
    import sys

    out = subprocess.run(
        [sys.executable, "-m", "outcome_graph", "check", str(write(tmp_path, CLEAN))],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stderr


def test_console_script_ends_after_writing_everything(tmp_path):
    """The console script ends the process without freeing the plan (cli.run): the whole output
    still arrives, through a pipe as into a file, with the command's exit code."""
    from outcome_graph.synth import dump_yaml, generate

    plan = tmp_path / "big.yaml"
    plan.write_text(dump_yaml(generate(3000, seed=4)))
    piped = run("check", str(plan), "--format", "json")
    assert piped.returncode == 1, piped.stderr
    report = json.loads(piped.stdout)
    assert len(report["findings"]) == sum(
        report["summary"][k] for k in ("error", "warning", "info")
    )
    to_file = run("check", str(plan), "--format", "json", "-o", str(tmp_path / "out.json"))
    assert to_file.returncode == 1 and json.loads((tmp_path / "out.json").read_text()) == report
    assert run("check", str(tmp_path / "missing.yaml")).returncode == 2


@pytest.mark.parametrize(
    "path", sorted(MODELS.glob("*.yaml")) + [EXAMPLES / "tutorial-plan.yaml"], ids=lambda p: p.name
)
def test_bundled_plans_check(path):
    out = run("check", str(path), "--format", "json")
    doc = json.loads(out.stdout)
    assert doc["plan"]["file"] == str(path)
    # Exit 1 exactly when an error is found (the default fail-on): Thurrock's OG602.
    assert out.returncode == (1 if doc["summary"]["error"] else 0), out.stderr
    assert out.returncode == (1 if path.stem.startswith("thurrock") else 0)


def test_pre_commit_hook_entry_runs_on_plan_files(tmp_path):
    import shlex

    import yaml

    hooks = yaml.safe_load((Path(__file__).parent.parent / ".pre-commit-hooks.yaml").read_text())
    hook = next(h for h in hooks if h["id"] == "outcome-graph")
    entry = shlex.split(hook["entry"])
    assert entry[0] == "outcome-graph"
    orphan = write(tmp_path, ORPHAN, "orphan.yaml")
    other = write(tmp_path, "name: CI\non: [push]\n", "workflow.yaml")
    clean = write(tmp_path, CLEAN, "clean.yaml")
    # pre-commit passes every changed YAML file: non-plans are skipped, plans are checked
    out = run(*entry[1:], str(other), str(clean))
    assert out.returncode == 0, out.stdout + out.stderr
    out = run(*entry[1:], str(other), str(orphan))
    assert out.returncode == 1 and "OG103" in out.stdout


def test_statistics_count_each_rules_findings():
    from collections import Counter

    import outcome_graph as og

    path = MODELS / "southend-cypp-2008-09.yaml"
    report = og.check(og.load(path))
    out = run("check", str(path), "--statistics")
    assert out.returncode == report.exit_code
    lines = out.stdout.splitlines()
    rows = [line.split() for line in lines[: lines.index("")]]
    assert {code: int(n) for n, code, _name, _severity in rows} == Counter(
        f.rule for f in report.findings
    )
    assert [int(r[0]) for r in rows] == sorted(
        (int(r[0]) for r in rows), reverse=True
    )  # most frequent first
    assert lines[-1].startswith("southend-cypp-2008-09: 0 errors")
    refused = run("check", str(path), "--statistics", "--format", "json")
    assert (
        refused.returncode == 2
        and "--statistics" in refused.stderr
        and "Traceback" not in refused.stderr
    )


@pytest.mark.parametrize(
    "path", [*sorted(MODELS.glob("*.yaml")), EXAMPLES / "tutorial-plan.yaml"], ids=lambda p: p.stem
)
def test_a_plan_read_from_standard_input(path):
    text = path.read_text(encoding="utf-8")
    from_file = run("check", str(path), "--format", "json")
    named = run("check", "-", "--stdin-filename", str(path), "--format", "json", input=text)
    assert (named.returncode, named.stdout) == (from_file.returncode, from_file.stdout)
    # Without a name it is no file: JSON's file is null (as SARIF points at no file), for a program
    # that opens the file a finding names; the line and column stay.
    anonymous = json.loads(run("check", "-", "--format", "json", input=text).stdout)
    jsonschema.validate(anonymous, findings_schema())
    assert anonymous["plan"]["file"] is None
    assert [
        {**f, "location": {**f["location"], "file": None}}
        for f in json.loads(from_file.stdout)["findings"]
    ] == anonymous["findings"]


def test_a_plan_read_from_standard_input_is_no_file_where_formats_point_at_files():
    # SARIF and GitHub's annotations point at files: "<stdin>" is none, so the findings are located
    # by node (SARIF, the line a property) or named with their line in the message (GitHub), as
    # the findings of a plan with no file are. --stdin-filename gives the file.
    text = (EXAMPLES / "tutorial-plan.yaml").read_text(encoding="utf-8")
    sarif = json.loads(run("check", "-", "--format", "sarif", input=text).stdout)
    results = sarif["runs"][0]["results"]
    assert results and not any("physicalLocation" in loc for r in results for loc in r["locations"])
    assert all(r["locations"][0]["logicalLocations"] and r["properties"]["line"] for r in results)
    named = json.loads(
        run(
            "check", "-", "--format", "sarif", "--stdin-filename", "plans/p.yaml", input=text
        ).stdout
    )
    assert {
        loc["physicalLocation"]["artifactLocation"]["uri"]
        for r in named["runs"][0]["results"]
        for loc in r["locations"]
    } == {"plans/p.yaml"}
    github = run("check", "-", "--format", "github", input=text).stdout.splitlines()
    assert github and all("file=" not in line and "::<stdin>:" in line for line in github)
    # JUnit names no file in its attributes; its lines are read by a person, as GitHub's messages
    # are: they say where with `<stdin>:line:column`, as the text output does.
    import xml.etree.ElementTree as ET

    junit = ET.fromstring(run("check", "-", "--format", "junit", input=text).stdout)
    assert not any(
        "<stdin>" in value for element in junit.iter() for value in element.attrib.values()
    )
    lines = [line for out in junit.iter("system-out") for line in (out.text or "").splitlines()]
    assert lines and all(line.startswith("<stdin>:") for line in lines)
    # A plan that cannot be read: the tool error says where, with no file to point at.
    bad = "format: outcome-graph/v1\nplan: {id: x\n"
    [note] = json.loads(run("check", "-", "--format", "sarif", input=bad).stdout)["runs"][0][
        "invocations"
    ][0]["toolExecutionNotifications"]
    assert "locations" not in note and note["message"]["text"].startswith(
        "<stdin>:3:1: invalid YAML"
    )
    assert run("check", "-", "--format", "github", input=bad).stdout.startswith(
        "::error title=outcome-graph%3A the plan cannot be read::<stdin>:3:1: invalid YAML"
    )


def test_standard_input_errors():
    bad = run("check", "-", input="format: outcome-graph/v1\nplan: {id: x\n")
    assert bad.returncode == 2 and bad.stderr.startswith("error: <stdin>:3:1: invalid YAML")
    big = run("check", "-", "--max-bytes", "10", input=CLEAN)
    assert big.returncode == 2 and "over the" in big.stderr and "Traceback" not in big.stderr
    twice = run("check", "-", "-", input=CLEAN)
    assert twice.returncode == 2 and "once" in twice.stderr


@pytest.mark.parametrize("what", ["workbook", "csv"])
def test_a_workbook_or_csv_table_on_standard_input_is_told_to_be_given_by_its_path(
    tmp_path: Path, what: str
):
    # (standard input takes YAML or JSON: a workbook was told "a workbook's name ends in .xlsx",
    # a CSV table "the document is a single value")
    import outcome_graph as og
    from outcome_graph.output.workbook import write_workbook

    if what == "workbook":
        write_workbook(og.load(EXAMPLES / "tutorial-plan.yaml"), tmp_path / "plan.xlsx")
        data = (tmp_path / "plan.xlsx").read_bytes()
        shown = "a workbook (or another zip file)"
    else:
        data = b"id,title,timescale,lead\nM1,Review the protocol,June 11,SILS\n"
        shown = "CSV text"
    for args in (["check", "-"], ["check", "-", "--format", "json"]):
        out = subprocess.run([*og_command(), *args], input=data, capture_output=True, timeout=120)
        # (JSON records the plan that could not be read: its problem, as on standard error)
        assert out.returncode == 2 and (
            out.stdout == b""
            if "json" not in args
            else json.loads(out.stdout)["problems"][0]["message"].startswith("standard input (-)")
        )
        assert out.stderr.decode() == (
            f"error: <stdin>:1:1: standard input (-) takes a YAML or JSON plan, and this is "
            f"{shown}: give the file's path instead of - (outcome-graph check plan.xlsx, "
            "plan.csv or a folder of CSV files)\n"
        )
    # (other text is still told what a plan is)
    out = run("check", "-", input="hello, world\nand: more\n")
    assert out.returncode == 2 and "standard input (-) takes" not in out.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["convert", "-", "out.json"],
        ["render", "-", "-o", "out.dot"],
        ["report", "-", "-o", "out.html"],
        ["table", "-"],
        ["diff", "-", "plan.yaml"],
        ["diff", "plan.yaml", "-"],
    ],
    ids=lambda a: "-".join(a[:2]) if a[1] == "-" else f"{a[0]}-new",
)
def test_a_command_that_reads_no_standard_input_says_so_for_a_plan_given_as_dash(
    tmp_path: Path, args: list[str]
):
    # (`synth 500 | outcome-graph render - -o x.svg` was told "-: no such file")
    write(tmp_path, CLEAN)
    out = run(*args, cwd=tmp_path, input=CLEAN)
    assert (
        out.returncode == 2
        and "standard input (-) is read by `check` alone: give the plan's file" in out.stderr
    )
    assert "no such file" not in out.stderr and sorted(p.name for p in tmp_path.iterdir()) == [
        "plan.yaml"
    ]


_SOUTHEND = str(MODELS / "southend-cypp-2008-09.yaml")
_THURROCK = str(MODELS / "thurrock-cypp-2011-12.yaml")


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "junit", "github"])
def test_min_severity_leaves_the_findings_below_it_out_of_every_format_and_the_exit_code(fmt: str):
    # Thurrock has 1 error and many warnings and info findings; Southend warnings and info alone.
    every = run("check", _THURROCK, _SOUTHEND, "--format", fmt, "--fail-on", "warning")
    errors = run(
        "check",
        _THURROCK,
        _SOUTHEND,
        "--format",
        fmt,
        "--fail-on",
        "warning",
        "--min-severity",
        "error",
    )
    assert every.returncode == errors.returncode == 1 and errors.stderr == ""
    southend = run(
        "check", _SOUTHEND, "--format", fmt, "--fail-on", "warning", "--min-severity", "error"
    )
    assert southend.returncode == 0  # (its warnings are not reported: they fail nothing)
    if fmt == "text":
        assert (
            "Warnings" in every.stdout
            and "Warnings" not in errors.stdout
            and "Info" not in errors.stdout
        )
        assert (
            "thurrock-cypp-2011-12 (" in errors.stdout
            and ": 1 error, 0 warnings, 0 info" in errors.stdout
        )
    elif fmt == "json":
        docs = [json.loads(line) for line in errors.stdout.splitlines()]
        assert [d["summary"]["error"] for d in docs] == [1, 0]
        assert {f["severity"] for d in docs for f in d["findings"]} == {"error"}
        assert [d["summary"]["warning"] + d["summary"]["info"] for d in docs] == [0, 0]
    elif fmt == "sarif":
        run_ = json.loads(errors.stdout)["runs"][0]
        assert {r["level"] for r in run_["results"]} == {"error"}
        assert [d["id"] for d in run_["tool"]["driver"]["rules"]] == ["OG602"]
    elif fmt == "junit":
        assert errors.stdout.count("<failure ") == 1 and every.stdout.count("<failure ") > 1
    else:
        assert [line.split(" ", 1)[0] for line in errors.stdout.splitlines()] == ["::error"]
    warnings = run("check", _SOUTHEND, "--format", "json", "--min-severity", "Warning")
    doc = json.loads(warnings.stdout)
    assert doc["summary"]["warning"] > 0 and doc["summary"]["info"] == 0
    assert {f["severity"] for f in doc["findings"]} == {"warning"}


def test_min_severity_statistics_count_what_is_reported():
    out = run("check", _SOUTHEND, "--statistics", "--min-severity", "warning")
    assert (
        out.returncode == 0
        and " info" not in out.stdout.replace("0 info", "")
        and "warning" in out.stdout
    )
    assert "OG503" not in out.stdout  # (an info rule)


class _Lines:
    """The lines a running process writes to one of its pipes, waited for with a deadline."""

    def __init__(self, pipe: Any) -> None:
        import queue
        import threading

        self.queue: queue.Queue[str] = queue.Queue()
        threading.Thread(
            target=lambda: [self.queue.put(line) for line in pipe], daemon=True
        ).start()

    def until(self, text: str, timeout: float = 30) -> list[str]:
        import queue
        import time

        seen: list[str] = []
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.queue.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                break
            seen.append(line)
            if text in line:
                return seen
        raise AssertionError(f"{text!r} not written within {timeout} s; got {seen!r}")


def test_watch_checks_again_on_every_change_until_interrupted(tmp_path, cli_env):
    import signal

    plan = write(tmp_path, CLEAN)
    proc = subprocess.Popen(
        [*og_command(), "check", str(plan), "--watch", "--no-hints"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=cli_env,
    )
    try:
        out, err = _Lines(proc.stdout), _Lines(proc.stderr)
        assert not any("OG103" in line for line in out.until(": 0 errors,"))
        err.until("watching for changes")
        plan.write_text(ORPHAN)  # a new error: checked again
        assert any("OG103" in line for line in out.until(": 1 error,"))
        plan.write_text(ORPHAN + "garbage: [\n")  # unreadable: reported, and still watched
        assert any(
            f"error: {plan}:" in line and "invalid YAML" in line
            for line in err.until("invalid YAML")
        )
        assert proc.poll() is None
        (tmp_path / "outcome-graph.toml").write_text(
            'ignore = ["OG103"]\n'
        )  # configuration counts too
        plan.write_text(ORPHAN)
        assert not any("OG103" in line for line in out.until(": 0 errors,"))
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=30) == 0
    finally:
        proc.kill()
        proc.wait()
    assert plan.read_text() == ORPHAN


def test_watch_of_a_folder_checks_the_plans_added_to_it(tmp_path, cli_env):
    import signal

    plans = tmp_path / "plans"
    (plans / "2012").mkdir(parents=True)
    (plans / "clean.yaml").write_text(CLEAN)
    proc = subprocess.Popen(
        [*og_command(), "check", str(plans), "--watch", "--no-hints"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=cli_env,
    )
    try:
        out, err = _Lines(proc.stdout), _Lines(proc.stderr)
        out.until(": 0 errors,")
        err.until("watching for changes")
        (plans / "2012" / "orphan.yaml").write_text(
            ORPHAN.replace("id: t,", "id: t2,")
        )  # (in a subfolder)
        assert any("t2 (" in line and "1 error" in line for line in out.until("t2 ("))
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=30) == 0
    finally:
        proc.kill()
        proc.wait()


def test_watch_refuses_standard_input(tmp_path):
    out = run("check", "-", "--watch", input=CLEAN)
    assert out.returncode == 2 and "standard input (-) cannot be watched" in out.stderr


def test_a_folder_of_plans_checks_every_plan_file_under_it(tmp_path):
    import shutil

    plans = tmp_path / "plans"
    (plans / "2011" / "reference").mkdir(parents=True)
    (plans / ".old").mkdir()
    shutil.copy(MODELS / "thurrock-cypp-2011-12.yaml", plans / "thurrock.yaml")
    shutil.copy(EXAMPLES / "tutorial-plan.yaml", plans / "2011" / "tutorial.yaml")
    shutil.copy(
        EXAMPLES / "tutorial-plan.yaml", plans / ".old" / "tutorial.yaml"
    )  # hidden: not searched
    (plans / "2011" / "reference" / "csc.csv").write_text(
        "code,title,ecm_outcome\n"
    )  # not a CSV plan
    (plans / "settings.json").write_text('{"theme": "dark"}')  # not a plan
    (plans / "notes.yaml").write_text("todo: [ask the board]\n")
    out = run("check", str(plans), "--format", "json", "--fail-on", "never")
    assert out.returncode == 0, out.stderr
    files = [json.loads(line)["plan"]["file"] for line in out.stdout.splitlines()]
    assert files == [str(plans / "2011" / "tutorial.yaml"), str(plans / "thurrock.yaml")]
    # The exit code is the worst plan's, as for plans named one by one.
    assert (
        run("check", str(plans)).returncode
        == run("check", str(plans / "thurrock.yaml")).returncode
        == 1
    )
    # An output into the folder never overwrites a plan found there.
    before = (plans / "thurrock.yaml").read_bytes()
    out = run("check", str(plans), "--format", "json", "-o", str(plans / "thurrock.yaml"))
    assert out.returncode == 2 and "refusing to overwrite an input file" in out.stderr
    assert (plans / "thurrock.yaml").read_bytes() == before
    empty = tmp_path / "empty"
    (empty / "sub").mkdir(parents=True)
    out = run("check", str(empty))
    assert (
        out.returncode == 2
        and out.stderr.startswith(f"error: {empty}: no plan here")
        and "Traceback" not in out.stderr
    )


@pytest.mark.parametrize(
    ("command", "output", "options", "expect"),
    [
        ("render", "model.dot", ["--findings"], "OG103"),
        ("report", "report.html", ["--no-diagram"], 'data-rule="OG103"'),
    ],
)
def test_render_and_report_watch_write_again_on_every_change(
    tmp_path, cli_env, command, output, options, expect
):
    import signal

    plan = write(tmp_path, CLEAN)
    target = tmp_path / output
    proc = subprocess.Popen(
        [*og_command(), command, str(plan), "-o", str(target), *options, "--watch"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=cli_env,
    )
    try:
        err = _Lines(proc.stderr)
        err.until(f"wrote {target}")
        assert expect not in target.read_text()
        plan.write_text(ORPHAN)
        err.until(f"wrote {target}")
        assert expect in target.read_text()
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=30) == 0
    finally:
        proc.kill()
        proc.wait()


_INPUT_FILES = {
    # name -> (contents, how the plan comes to read it)
    "og.toml": ("select = ['OG1']\n", ["--config", "og.toml"]),
    "outcome-graph.toml": ("ignore = ['OG6']\n", []),
    "pyproject.toml": ("[tool.outcome-graph]\nignore = ['OG6']\n", []),
    "csc.csv": ("code,title,ecm_outcome\nCSC 1,Local measure,be_healthy\n", []),
    "rules.py": ("", []),
}


@pytest.mark.parametrize("name", list(_INPUT_FILES))
@pytest.mark.parametrize(
    ("command", "options"),
    [
        ("check", []),
        ("check", ["--jobs", "2", "other.yaml"]),
        ("report", ["--no-diagram"]),
        ("table", ["--what", "findings"]),
        ("diff", ["other.yaml", "--findings"]),
        ("convert", ["--to", "xlsx", "--findings"]),
    ],
)
def test_no_command_writes_its_output_over_a_file_it_reads(
    tmp_path: Path, name: str, command: str, options: list[str]
):
    # Not only the plans: the configuration files that apply, --config, the rule files a
    # configuration names and a local catalogue's entries file are inputs too.
    text = (
        PLAN_HEADER + "catalogues: [{prefix: CSC, title: Local, entries: csc.csv}]\n"
        "objectives: [{id: O1, title: Fewer accidents, indicators: [CSC 1]}]\n"
    )
    (tmp_path / "plan.yaml").write_text(text)
    (tmp_path / "other.yaml").write_text(text)
    for other, (contents, _how) in _INPUT_FILES.items():
        (tmp_path / other).write_text(contents)
    (tmp_path / "outcome-graph.toml").write_text("ignore = ['OG6']\nrule-files = ['rules.py']\n")
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    how = _INPUT_FILES[name][1]
    if command == "diff":
        args = ["diff", "plan.yaml", *options, *how, "-o", name]
    elif command == "convert":
        args = ["convert", "plan.yaml", name, *options, *how]
    else:
        args = [command, "plan.yaml", *options, *how, "-o", name]
    if command == "table" and how:
        args = [command, "plan.yaml", *options, *how, "-o", name]
    out = run(*args, cwd=tmp_path)
    assert out.returncode == 2, (out.stdout, out.stderr)
    assert "refusing to overwrite an input file" in out.stderr and "Traceback" not in out.stderr
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_a_plan_read_from_standard_input_is_not_overwritten_either(tmp_path: Path):
    plan = write(tmp_path, CLEAN)
    out = run("check", "-", "--stdin-filename", str(plan), "-o", str(plan), input=CLEAN)
    assert out.returncode == 2 and "refusing to overwrite an input file" in out.stderr
    assert plan.read_text() == CLEAN


def test_a_configuration_that_is_not_utf8_is_an_error_naming_it(tmp_path: Path):
    plan = write(tmp_path, CLEAN)
    (tmp_path / "pyproject.toml").write_bytes(b"[tool.black]\nline = '\xe9'\n")
    out = run("check", str(plan))
    assert out.returncode == 2, out.stderr
    assert (
        out.stderr.strip()
        == f"error: {tmp_path / 'pyproject.toml'}:2: not UTF-8 text (byte 0xe9); TOML files are "
        "UTF-8"
    )


def test_only_plans_tells_plans_by_their_top_level_format(tmp_path):
    # The pre-commit hook checks the YAML and JSON files that declare the format and skips the
    # others: whatever the style the plan is written in, and whatever a text block holds.
    import yaml

    data = json.loads(json.dumps(yaml.safe_load(CLEAN), default=str))
    plans = {
        "one-line.json": json.dumps(data),
        "format-last.json": json.dumps({k: data[k] for k in reversed(list(data))}),
        "pretty.json": json.dumps(data, indent=2),
        "flow.yaml": yaml.safe_dump(data, default_flow_style=True),
        "block.yaml": "# the 2011-12 plan\n---\n" + CLEAN,
    }
    others = {
        "cases.yaml": "cases:\n  - name: x\n    plan: |\n      format: outcome-graph/v1\n"
        "      plan: {id: x}\n",
        "nested.json": json.dumps({"plan": {"format": "outcome-graph/v1"}}),
        "settings.json": '{"theme": "dark", "note": "format: outcome-graph/v1"}',
    }
    for name, text in {**plans, **others}.items():
        (tmp_path / name).write_text(text)
    out = run(
        "check",
        "--only-plans",
        "--format",
        "json",
        "--fail-on",
        "never",
        *sorted({**plans, **others}),
        cwd=tmp_path,
    )
    assert out.returncode == 0, out.stderr
    assert sorted(json.loads(line)["plan"]["file"] for line in out.stdout.splitlines()) == sorted(
        plans
    )
    out = run(
        "check", str(tmp_path), "--format", "json", "--fail-on", "never"
    )  # a folder is searched alike
    assert len(out.stdout.splitlines()) == len(plans), out.stderr


def test_text_output_shows_how_to_fix_each_finding_unless_asked_not_to(tmp_path):
    plan = write(tmp_path, ORPHAN)
    shown = run("check", str(plan)).stdout.splitlines()
    at = next(i for i, line in enumerate(shown) if "OG103" in line)
    assert shown[at + 1].strip().startswith("hint: ")
    assert not any(
        line.strip().startswith("hint:")
        for line in run("check", str(plan), "--no-hints").stdout.splitlines()
    )


def test_color_is_given_when_asked_for_even_in_a_pipe_and_only_then(cli_env):
    plan = str(EXAMPLES / "tutorial-plan.yaml")
    env = {k: v for k, v in cli_env.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    piped = subprocess.run(
        [*og_command(), "check", plan, "--color"], capture_output=True, text=True, env=env
    )
    assert piped.returncode in (0, 1) and "\x1b[" in piped.stdout
    plain = subprocess.run([*og_command(), "check", plan], capture_output=True, text=True, env=env)
    assert "\x1b[" not in plain.stdout and plain.stdout.replace("\n", "") == __import__("re").sub(
        r"\x1b\[[0-9;]*m", "", piped.stdout
    ).replace("\n", "")
    json_out = subprocess.run(
        [*og_command(), "check", plan, "--color", "--format", "json"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert "\x1b[" not in json_out.stdout  # (colour is for the text format alone)


@pytest.mark.parametrize(
    "force, no_color, coloured",
    [
        ("1", None, True),
        ("true", None, True),
        ("0", None, False),
        ("false", None, False),
        ("False", None, False),
        ("", None, False),
        ("1", "1", False),
        (None, None, False),
    ],
)
def test_force_color_colours_a_pipe_unless_no_color_is_set(
    cli_env, tmp_path, force, no_color, coloured
):
    # (FORCE_COLOR, present and not empty, asks for colour where there is no terminal, as in a CI
    # log, but for 0 and false, which say not to force it, as Node's tools read them; NO_COLOR, and
    # --no-color, still turn it off; --color turns it on whatever both say)
    plan = str(EXAMPLES / "tutorial-plan.yaml")
    env = {k: v for k, v in cli_env.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env.update(
        {
            name: value
            for name, value in (("FORCE_COLOR", force), ("NO_COLOR", no_color))
            if value is not None
        }
    )
    out = subprocess.run([*og_command(), "check", plan], capture_output=True, text=True, env=env)
    assert out.returncode in (0, 1) and "OG403" in out.stdout
    assert ("\x1b[" in out.stdout) == coloured
    asked = subprocess.run(
        [*og_command(), "check", plan, "--color"], capture_output=True, text=True, env=env
    )
    assert "\x1b[" in asked.stdout
    for options in (["--no-color"], ["--format", "json"], ["-o", str(tmp_path / "findings.txt")]):
        out = subprocess.run(
            [*og_command(), "check", plan, *options], capture_output=True, text=True, env=env
        )
        assert "\x1b[" not in out.stdout
    assert "\x1b[" not in (tmp_path / "findings.txt").read_text(encoding="utf-8")


def test_several_plans_name_their_files_in_the_summaries(tmp_path, cli_env):
    # Two years of one plan have one id: each summary says which file it is.
    text = (EXAMPLES / "tutorial-plan.yaml").read_text(encoding="utf-8")
    (tmp_path / "a.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(text, encoding="utf-8")
    out = subprocess.run(
        [*og_command(), "check", str(tmp_path)], capture_output=True, text=True, env=cli_env
    )
    summaries = [
        line for line in out.stdout.splitlines() if line.startswith("tutorial-cypp-2011-12")
    ]
    assert [s.split(":")[0] for s in summaries] == [
        f"tutorial-cypp-2011-12 ({tmp_path / n})" for n in ("a.yaml", "b.yaml")
    ]
    # The plan read from standard input is named as its findings' places are, for a person to read.
    out = subprocess.run(
        [*og_command(), "check", str(tmp_path / "a.yaml"), "-"],
        input=text,
        capture_output=True,
        text=True,
        env=cli_env,
    )
    summaries = [
        line for line in out.stdout.splitlines() if line.startswith("tutorial-cypp-2011-12")
    ]
    assert [s.split(":")[0] for s in summaries] == [
        f"tutorial-cypp-2011-12 ({n})" for n in (tmp_path / "a.yaml", "<stdin>")
    ]
    one = subprocess.run(
        [*og_command(), "check", str(tmp_path / "a.yaml")],
        capture_output=True,
        text=True,
        env=cli_env,
    )
    assert one.stdout.splitlines()[-1].startswith("tutorial-cypp-2011-12: ")


def test_the_commands_share_helpers_of_their_own_module_not_private_names_of_the_cli():
    # (each command module imports what it shares from outcome_graph.commands.common, which, like
    # them, loads no heavy library when imported)
    import ast
    import sys

    import outcome_graph.commands as commands

    folder = Path(commands.__file__).parent
    for name in commands.COMMANDS:
        tree = ast.parse((folder / f"{name}.py").read_text(encoding="utf-8"))
        imported = {
            (node.level, node.module) for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
        }
        assert (1, "common") in imported and (2, "cli") not in imported, name
    code = (
        "import sys, outcome_graph.commands.common; print(sorted(m for m in ('pandas', "
        "'pydantic', 'networkx', 'graphviz', 'openpyxl', 'yaml', 'outcome_graph.cli') if m in "
        "sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and out.stdout.strip() == "[]", out.stderr


@pytest.mark.parametrize(
    "no_color, force, coloured",
    [
        (None, None, True),
        ("1", None, False),
        ("", None, True),
        (None, "0", True),
        ("1", "1", False),
    ],
)
def test_a_terminal_gets_colour_unless_no_color_is_set_to_something(
    cli_env, no_color, force, coloured
):
    # (no-color.org: NO_COLOR turns colour off when it is present and not empty; FORCE_COLOR=0
    # forces nothing, and a terminal is coloured as it would be without it)
    import pty

    env = {k: v for k, v in cli_env.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    if no_color is not None:
        env["NO_COLOR"] = no_color
    if force is not None:
        env["FORCE_COLOR"] = force
    main, child = pty.openpty()
    try:
        proc = subprocess.run(
            [*og_command(), "check", str(EXAMPLES / "tutorial-plan.yaml")],
            stdout=child,
            stderr=subprocess.PIPE,
            env=env,
            timeout=60,
        )
        os.close(child)
        child = -1
        shown = b""
        while True:
            try:
                chunk = os.read(main, 65536)
            except OSError:  # (the terminal's other end is closed: all is read)
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(main)
        if child != -1:
            os.close(child)
    assert proc.returncode in (0, 1), proc.stderr
    assert b"OG403" in shown and (b"\x1b[" in shown) == coloured


def test_an_output_into_a_pipe_or_device_is_written_into_not_replaced_by_a_file(tmp_path: Path):
    # (`-o /dev/null` in CI, or a named pipe another program reads: replacing them with a regular
    # file would break them for everyone, and outside a writable folder it failed)
    import stat
    import threading

    plan = write(tmp_path, CLEAN)
    fifo = tmp_path / "findings.pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []

    def read() -> None:
        with open(fifo, "rb") as fh:
            received.append(fh.read())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    out = run("check", str(plan), "--format", "json", "-o", str(fifo))
    reader.join(timeout=30)
    assert out.returncode == 0, out.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert received and json.loads(received[0])["plan"]["id"] == "t"
    out = run("check", str(plan), "-o", os.devnull)
    assert out.returncode == 0 and out.stderr == "" and stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_an_output_that_is_a_symbolic_link_writes_the_file_it_points_to(tmp_path: Path):
    plan = write(tmp_path, CLEAN)
    (tmp_path / "published").mkdir()
    real = tmp_path / "published" / "findings.json"
    real.write_text("old")
    link = tmp_path / "findings.json"
    link.symlink_to(real)
    out = run("check", str(plan), "--format", "json", "-o", str(link))
    assert out.returncode == 0, out.stderr
    assert link.is_symlink() and json.loads(real.read_text())["plan"]["id"] == "t"


@pytest.mark.parametrize(
    ("command", "name"), [("check", "out.txt"), ("convert", "out.json"), ("convert", "out-csv")]
)
def test_an_output_inside_a_file_says_that_file_is_not_a_folder(
    tmp_path: Path, command: str, name: str
):
    plan = write(tmp_path, CLEAN)
    (tmp_path / "notes").write_text("keep")
    target = tmp_path / "notes" / name
    out = run(command, str(plan), *(["-o", str(target)] if command == "check" else [str(target)]))
    assert (
        out.returncode == 2
        and out.stderr == f"error: {target}: {tmp_path / 'notes'} is not a folder\n"
    )
    assert (tmp_path / "notes").read_text() == "keep"


@pytest.mark.skipif(
    not hasattr(os, "getuid") or os.getuid() != 0,
    reason="only an administrator can give a file away",
)
def test_an_output_replaced_by_an_administrator_keeps_its_owner_and_permissions(tmp_path: Path):
    plan = write(tmp_path, CLEAN)
    target = tmp_path / "findings.json"
    target.write_text("old")
    os.chown(target, 65534, 65534)
    target.chmod(0o640)
    out = run("check", str(plan), "--format", "json", "-o", str(target))
    assert out.returncode == 0, out.stderr
    st = target.stat()
    assert (st.st_uid, st.st_gid, st.st_mode & 0o777) == (65534, 65534, 0o640)
    assert json.loads(target.read_text())["plan"]["id"] == "t"


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize(
    "args",
    [
        ["check", "{plan}"],
        ["table", "{plan}"],
        ["rules"],
        ["synth", "100"],
        ["--version"],
        ["--help"],
        ["check", "--help"],
    ],
)
def test_standard_output_on_a_full_disk_is_an_error_not_a_bug(tmp_path: Path, args: list[str]):
    plan = write(tmp_path, CLEAN)
    with open("/dev/full", "w") as full:
        out = subprocess.run(
            [*og_command(), *(a.format(plan=plan) for a in args)],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
        )
    assert out.returncode == 2, out.stderr
    assert out.stderr == "error: cannot write the output: No space left on device\n"


@pytest.mark.parametrize(
    ("args", "starts"),
    [
        (["check", "plan.yaml", "-o", "-"], "Errors (1)"),
        (["check", "plan.yaml", "--format", "json", "-o", "-"], "{"),
        (["diff", "plan.yaml", "plan.yaml", "-o", "-"], "t (plan.yaml) -> t (plan.yaml)"),
        (["synth", "100", "-o", "-"], "format: outcome-graph/v1"),
        (["report", "plan.yaml", "--no-diagram", "-o", "-"], "<!DOCTYPE html>"),
        (["convert", "plan.yaml", "-"], "format: outcome-graph/v1"),
        (["convert", "plan.yaml", "-", "--to", "json"], "{"),
    ],
)
def test_an_output_named_dash_is_standard_output_not_a_file(
    tmp_path: Path, args: list[str], starts: str
):
    write(tmp_path, ORPHAN)
    out = run(*args, cwd=tmp_path)
    assert out.returncode in (0, 1) and out.stdout.startswith(starts), out.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.yaml"]  # (no file named -)


def test_convert_to_standard_output_writes_what_it_would_write_to_a_file(tmp_path: Path):
    plan = write(tmp_path, ORPHAN)
    for suffix, to in ((".yaml", []), (".json", ["--to", "json"])):
        assert run("convert", str(plan), str(tmp_path / f"back{suffix}")).returncode == 0
        out = run("convert", str(plan), "-", *to)
        assert (
            out.returncode == 0
            and out.stdout == (tmp_path / f"back{suffix}").read_text()
            and out.stderr == ""
        )
    out = run("convert", str(plan), "-", "--to", "xlsx", cwd=tmp_path)
    assert out.returncode == 2 and "standard output (-) takes a plan as YAML or JSON" in out.stderr
    assert run("report", str(plan), "-o", "-", "--watch").returncode == 2


def _closing(fd: int) -> Any:
    """A ``preexec_fn`` that starts the command with descriptor ``fd`` closed, as ``>&-`` does."""
    return lambda: os.close(fd)


@pytest.mark.parametrize(
    "args",
    [
        ["check", "{plan}"],
        ["diff", "{plan}", "{plan}"],
        ["rules"],
        ["schema"],
        ["--version"],
        ["--help"],
    ],
)
def test_a_closed_standard_output_is_an_error_not_a_bug(tmp_path: Path, args: list[str]):
    plan = write(tmp_path, CLEAN)
    out = subprocess.run(
        [*og_command(), *(a.format(plan=plan) for a in args)],
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_closing(1),
        timeout=120,
    )
    assert out.returncode == 2, out.stderr
    assert out.stderr == "error: cannot write the output: standard output is closed\n"


def test_a_command_that_writes_its_output_to_a_file_needs_no_standard_output(tmp_path: Path):
    plan = write(tmp_path, ORPHAN)
    target = tmp_path / "findings.json"
    out = subprocess.run(
        [*og_command(), "check", str(plan), "--format", "json", "-o", str(target)],
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_closing(1),
        timeout=120,
    )
    assert out.returncode == 1 and out.stderr == ""
    assert json.loads(target.read_text())["summary"]["error"] == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["findings.json", "plan.yaml"]


def test_a_closed_standard_input_is_an_error_not_a_bug():
    out = subprocess.run(
        [*og_command(), "check", "-"],
        capture_output=True,
        text=True,
        preexec_fn=_closing(0),
        timeout=120,
    )
    assert out.returncode == 2 and out.stderr == "error: cannot read standard input: it is closed\n"


@pytest.mark.parametrize(
    ("text", "args", "code"), [(CLEAN, [], 0), (ORPHAN, [], 1), (CLEAN, ["missing.yaml"], 2)]
)
def test_a_closed_standard_error_leaves_the_exit_code_as_it_is(
    tmp_path: Path, text: str, args: list[str], code: int
):
    plan = write(tmp_path, text)
    out = subprocess.run(
        [*og_command(), "check", *(args or [str(plan)])],
        stdout=subprocess.PIPE,
        text=True,
        preexec_fn=_closing(2),
        cwd=tmp_path,
        timeout=120,
    )
    assert out.returncode == code


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_message_that_cannot_be_written_is_an_error_not_a_bug(tmp_path: Path):
    # (standard error on a full disk: nothing can be said, but the exit code says it)
    with open("/dev/full", "w") as full:
        out = subprocess.run(
            [*og_command(), "check", str(tmp_path / "missing.yaml")],
            stdout=subprocess.PIPE,
            stderr=full,
            timeout=120,
        )
    assert out.returncode == 2


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_a_reader_that_stops_early_leaves_the_exit_code_of_the_findings(tmp_path: Path, fmt: str):
    # (`check plan.yaml | head -1` under `set -o pipefail`: the errors still fail the job)
    plan = write(tmp_path, ORPHAN)
    proc = subprocess.Popen(
        [*og_command(), "check", str(plan), "--format", fmt],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    proc.stdout.close()  # (before the command has written anything)
    _out, err = proc.communicate(timeout=120)
    assert proc.returncode == 1 and err == ""


@pytest.mark.parametrize(
    "args",
    [["--help"], ["--version"], ["check", "--help"], ["rules"], ["schema"]],
    ids=lambda a: " ".join(a),
)
def test_a_reader_that_stops_early_is_no_failure_of_help_or_a_listing(args: list[str]):
    # (`outcome-graph --help | head -1` under `set -o pipefail` exited 1, as click does, where
    # every other output read in part exits 0 but for check's findings)
    proc = subprocess.Popen(
        [*og_command(), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    proc.stdout.close()  # (before the command has written anything)
    _out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0 and err == ""


def test_render_refuses_a_selection_of_findings_it_would_not_mark(tmp_path: Path):
    # (--select and --ignore choose the findings --findings marks; without it they did nothing)
    plan = write(tmp_path, ORPHAN)
    target = tmp_path / "model.dot"
    out = run("render", str(plan), "-o", str(target), "--select", "OG1")
    assert (
        out.returncode == 2
        and "--select, --ignore and --severity choose the findings to mark; add --findings"
        in out.stderr
    )
    assert not target.exists()
    out = run("render", str(plan), "-o", str(target), "--select", "OG1", "--findings")
    assert out.returncode == 0 and "OG103" in target.read_text()


def test_a_name_for_standard_input_when_none_is_read_is_a_usage_error(tmp_path: Path):
    plan = write(tmp_path, CLEAN)
    out = run("check", str(plan), "--stdin-filename", "other.yaml")
    assert (
        out.returncode == 2
        and "--stdin-filename names the plan read from standard input" in out.stderr
    )


def test_a_rule_of_a_rule_file_asked_for_elsewhere_says_where_it_is_listed(tmp_path: Path):
    out = run("rules", "ACME001", cwd=tmp_path)
    assert out.returncode == 2
    assert "no rule 'ACME001'" in out.stderr and "or with --config FILE" in out.stderr
    assert (
        "--config" not in run("rules", "OG999", cwd=tmp_path).stderr
    )  # (a built-in code: no rule file to name)


def test_what_was_written_is_counted_in_the_right_grammatical_number(tmp_path: Path):
    plan = write(
        tmp_path,
        PLAN_HEADER + "milestones: [{id: M1, title: Audit, lead: SILS, timescale: June 11}]\n",
    )
    out = run("table", str(plan), "-o", str(tmp_path / "m.csv"))
    assert out.returncode == 0 and out.stderr == f"wrote {tmp_path / 'm.csv'} (1 row)\n"
    out = run("convert", str(plan), str(tmp_path / "m.json"))
    assert out.returncode == 0 and out.stderr == f"wrote {tmp_path / 'm.json'} (json, 1 node)\n"


def test_check_from_a_terminal_says_it_is_reading_standard_input(tmp_path):
    # (a plan piped in is read silently; a person who typed `check -` is told what is awaited)
    import pty

    master, slave = pty.openpty()
    try:
        proc = subprocess.Popen(
            [*og_command(), "check", "-"],
            stdin=slave,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        os.write(master, CLEAN.replace("\n", "\r").encode() + b"\r\x04")
        out, err = proc.communicate(timeout=60)
    finally:
        os.close(master)
        os.close(slave)
    assert err.startswith("reading a plan from standard input (end it with Ctrl-D)"), err
    piped = run("check", "-", input=CLEAN)
    assert piped.returncode == 0 and "reading a plan" not in piped.stderr
    # the whole plan was read at the first Ctrl-D (a terminal's end of input comes once)
    assert proc.returncode == 0 and out == piped.stdout


def test_every_command_that_checks_takes_the_rule_options(tmp_path):
    # check, report, render, table --what findings and convert --findings choose rules and
    # severities alike; without the check they are refused, not ignored
    import openpyxl

    import outcome_graph as og

    plan = MODELS / "thurrock-cypp-2011-12.yaml"
    chosen = ["--select", "OG6", "--ignore", "OG603", "--severity", "og601=error"]
    expected = og.check(
        og.load(plan),
        og.Config.from_dict(
            {"select": ["OG6"], "ignore": ["OG603"], "severity": {"OG601": "error"}}
        ),
    )
    assert {f.rule for f in expected.findings} == {"OG601", "OG602"}
    out = run("table", str(plan), "--what", "findings", "-o", str(tmp_path / "f.csv"), *chosen)
    assert out.returncode == 0, out.stderr
    rows = (tmp_path / "f.csv").read_text(encoding="utf-8").splitlines()[1:]
    assert len(rows) == len(expected.findings) and all(",error," in row for row in rows)
    out = run("convert", str(plan), str(tmp_path / "p.xlsx"), "--findings", *chosen)
    assert out.returncode == 0, out.stderr
    sheet = openpyxl.load_workbook(tmp_path / "p.xlsx")["findings"]
    header = [c.value for c in sheet[1]]
    assert sorted(
        r[header.index("rule")] for r in sheet.iter_rows(min_row=2, values_only=True)
    ) == sorted(f.rule for f in expected.findings)
    out = run("render", str(plan), "-o", str(tmp_path / "d.dot"), "--findings", *chosen)
    dot = (tmp_path / "d.dot").read_text(encoding="utf-8")
    assert out.returncode == 0 and "OG601" in dot and "OG603" not in dot and "OG401" not in dot
    for command, target in (
        ("table", []),
        ("convert", [str(tmp_path / "q.yaml")]),
        ("render", ["-o", str(tmp_path / "e.dot")]),
    ):
        out = run(command, str(plan), *target, "--severity", "OG601=error")
        assert (
            out.returncode == 2 and "--severity" in out.stderr and "Traceback" not in out.stderr
        ), (command, out.stderr)
    assert not (tmp_path / "q.yaml").exists() and not (tmp_path / "e.dot").exists()


def _rule_file(code: str) -> str:
    """A rule file that leaves a marker file beside itself when it is run, and reports every
    plan."""
    return (
        "import pathlib\npathlib.Path(__file__).with_suffix('.ran').write_text('ran')\n"
        "from outcome_graph import rule\n\n"
        f"@rule('{code}', 'every-plan-{code.lower()}', 'info')\ndef every_plan(ctx):\n"
        "    '''Every plan.\n\n    ## What it does\n    Reports it.\n    ## Why it matters\n"
        "    A test.\n    ## Example\n    A file.\n    ## How to fix\n    Nothing.\n    '''\n"
        "    yield ctx.finding(None, 'A plan.')\n"
    )


def _untrusted_checkout(tmp_path: Path) -> Path:
    """A folder received from elsewhere: a pyproject.toml above the plan and an outcome-graph.toml
    beside it, each naming a rule file (code that runs)."""
    (tmp_path / "pyproject.toml").write_text('[tool.outcome-graph]\nrule-files = ["above.py"]\n')
    (tmp_path / "above.py").write_text(_rule_file("LOC901"))
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "outcome-graph.toml").write_text('rule-files = ["beside.py"]\n')
    (plans / "beside.py").write_text(_rule_file("LOC902"))
    (plans / "plan.yaml").write_text(CLEAN)
    return plans


_DISCOVERING = {
    "check": ["check", "plan.yaml"],
    "check-stdin": ["check", "-", "--stdin-filename", "plan.yaml"],
    "report": ["report", "plan.yaml", "--no-diagram", "-o", "out.html"],
    "render": ["render", "plan.yaml", "-o", "out.dot", "--findings"],
    "table": ["table", "plan.yaml", "--what", "findings"],
    "diff": ["diff", "plan.yaml", "plan.yaml"],
    "convert": ["convert", "plan.yaml", "out", "--to", "csv", "--findings"],
    "rules": ["rules"],
}


@pytest.mark.parametrize("name", list(_DISCOVERING))
def test_isolated_runs_no_configuration_found_from_the_plan(tmp_path: Path, name: str):
    plans = _untrusted_checkout(tmp_path)
    markers = [tmp_path / "above.ran", plans / "beside.ran"]
    args = _DISCOVERING[name]
    stdin = CLEAN if "-" in args else None
    out = run(*args, "--isolated", cwd=plans, input=stdin)
    assert out.returncode in (0, 1), out.stderr
    assert "Traceback" not in out.stderr
    assert [m.exists() for m in markers] == [False, False]
    assert "LOC90" not in out.stdout
    # (without it, both files are read and both rule files run)
    out = run(*args, cwd=plans, input=stdin)
    assert out.returncode in (0, 1), out.stderr
    assert [m.exists() for m in markers] == [True, True]


def test_isolated_with_config_uses_the_named_file_alone(tmp_path: Path):
    plans = _untrusted_checkout(tmp_path)
    out = run(
        "check",
        "plan.yaml",
        "--isolated",
        "--config",
        "outcome-graph.toml",
        "--format",
        "json",
        cwd=plans,
    )
    assert out.returncode == 0, out.stderr
    rules = [f["rule"] for f in json.loads(out.stdout)["findings"]]
    assert "LOC902" in rules and "LOC901" not in rules
    assert (plans / "beside.ran").exists() and not (tmp_path / "above.ran").exists()
    # the options still apply over it
    out = run(
        "check",
        "plan.yaml",
        "--isolated",
        "--config",
        "outcome-graph.toml",
        "--severity",
        "LOC902=error",
        cwd=plans,
    )
    assert out.returncode == 1 and "LOC902" in out.stdout
    out = run("rules", "--isolated", "--config", "outcome-graph.toml", cwd=plans)
    assert out.returncode == 0 and "LOC902" in out.stdout and "LOC901" not in out.stdout


def test_watch_with_isolated_does_not_watch_the_configuration_files(tmp_path: Path):
    from outcome_graph.commands.common import watched_files

    plan = write(tmp_path, CLEAN)
    assert str(tmp_path / "outcome-graph.toml") in watched_files([str(plan)], None, None)
    assert watched_files([str(plan)], "ci.toml", None, isolated=True) == [str(plan), "ci.toml"]


def test_every_option_of_every_command_says_what_it_takes_and_does():
    import click

    from outcome_graph.cli import main

    runner = cli_runner()
    for name, command in _commands().items():
        for param in command.params:
            if isinstance(param, click.Option) and "--help" not in param.opts:
                assert param.help, f"{name} {param.opts[-1]} has no help text"
        shown = runner.invoke(main, [name, "--help"])
        assert shown.exit_code == 0 and "INTEGER RANGE" not in shown.output, name
        # (the examples one a line, as written: a help text that click rewraps runs them together)
        lines = shown.output.splitlines()
        for at, line in enumerate(lines):
            if line.lstrip().startswith("Examples:"):
                assert line == "  Examples:", (name, line)
                example = lines[at + 1]
                assert (
                    example.startswith("    outcome-graph ")
                    and example.count("outcome-graph ") == 1
                ), (name, example)


def test_the_period_option_says_it_takes_a_financial_year_as_it_does(tmp_path: Path):
    import click

    # (--period 2012-13 works, as the user guide says; the help named START..END alone)
    commands = _commands()
    with_period = [
        name
        for name, command in commands.items()
        if any(isinstance(p, click.Option) and "--period" in p.opts for p in command.params)
    ]
    assert {"check", "render", "report", "table", "convert", "diff"} <= set(with_period)
    for name in with_period:
        option = next(p for p in commands[name].params if "--period" in getattr(p, "opts", ()))
        assert "financial year: 2012-13" in (option.help or ""), name
    book = tmp_path / "flat.xlsx"
    assert run("template", str(book), "--form", "flat").returncode == 0
    import openpyxl

    wb = openpyxl.load_workbook(book)
    for column, value in enumerate(
        [
            "Safe",
            "Fewer accidents",
            "Safer junctions",
            "Audit the junctions",
            "Road safety team",
            "June 12",
        ],
        1,
    ):
        wb["table"].cell(2, column).value = value
    wb.save(book)
    assert run("check", str(book), "--period", "2012-13").returncode == 0
    assert run("check", str(book), "--period", "2012-04-01..2013-03-31").returncode == 0


def test_table_output_dash_prints_the_table(tmp_path: Path):
    plan = write(tmp_path, CLEAN)
    printed = run("table", str(plan))
    dashed = run("table", str(plan), "-o", "-", cwd=tmp_path)
    assert dashed.returncode == 0, dashed.stderr
    assert dashed.stdout == printed.stdout and "M1" in dashed.stdout
    assert not (tmp_path / "-").exists()


def test_shell_completion_as_the_help_tells_it_completes_commands_and_choices():
    env = {
        **os.environ,
        "_OUTCOME_GRAPH_COMPLETE": "bash_complete",
        "COMP_WORDS": "outcome-graph check --format ",
        "COMP_CWORD": "3",
    }
    out = subprocess.run(og_command(), capture_output=True, text=True, env=env, timeout=60)
    assert out.returncode == 0 and "plain,sarif" in out.stdout.splitlines(), out.stdout + out.stderr
    env.update(COMP_WORDS="outcome-graph rep", COMP_CWORD="1")
    out = subprocess.run(og_command(), capture_output=True, text=True, env=env, timeout=60)
    assert out.stdout.splitlines() == ["plain,report"]
    shown = run("--help").stdout
    assert "_OUTCOME_GRAPH_COMPLETE=bash_source outcome-graph" in shown and "Exit codes:" in shown


def _commands() -> dict[str, Any]:
    """Every command of the group, as click's points for commands loaded lazily give them (what
    ``--help``, completion and a plugin see)."""
    import click

    from outcome_graph.cli import main

    context = click.Context(main)
    return {name: main.get_command(context, name) for name in main.list_commands(context)}


def test_the_group_lists_every_command_with_its_help_in_order():
    import click

    from outcome_graph.commands import COMMANDS

    commands = _commands()
    assert list(commands) == sorted(COMMANDS) and all(
        isinstance(c, click.Command) for c in commands.values()
    )
    shown = run("--help").stdout
    listed = shown[shown.index("Commands:") :].splitlines()[1 : len(COMMANDS) + 1]
    assert [row.split()[0] for row in listed] == sorted(COMMANDS), shown
    for row, command in zip(listed, commands.values()):
        assert row.split(None, 1)[1] == command.get_short_help_str(100), row
    misspelt = run("chek")
    assert (
        misspelt.returncode == 2
        and "No such command 'chek'. Did you mean 'check'?" in misspelt.stderr
    )


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("chek", "check"), ("CHECK", "check"), ("rule", "rules"), ("reprot", "report"), ("zzz", None)],
)
def test_a_mistyped_command_is_answered_from_the_names_without_importing_a_command(typed, meant):
    # (click weighs the commands registered, so every command's module was imported to say it)
    code = (
        "import sys\nfrom outcome_graph.cli import main\ntry:\n"
        f"    main([{typed!r}, 'plan.yaml'], prog_name='outcome-graph')\n"
        "except SystemExit as exc:\n    print(exc.code)\n"
        "print(sorted(m for m in sys.modules if m.startswith('outcome_graph.commands.')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.splitlines() == ["2", "[]"], out.stdout + out.stderr
    said = out.stderr.splitlines()[-1]
    assert said == f"Error: No such command {typed!r}." + (
        f" Did you mean {meant!r}?" if meant else ""
    ), said


def test_a_command_whose_module_is_absent_is_left_out(monkeypatch):
    # (an optional part of the package may be left out of an installation)
    import outcome_graph.cli as cli

    monkeypatch.setattr(cli, "COMMANDS", (*cli.COMMANDS, "absent"))
    assert "absent" not in _commands()
    runner = cli_runner()
    shown = runner.invoke(cli.main, ["--help"])
    assert shown.exit_code == 0 and " absent " not in shown.output and "  check " in shown.output
    asked = runner.invoke(cli.main, ["absent"])
    assert asked.exit_code == 2 and "No such command 'absent'" in asked.stderr


def test_a_command_added_to_the_group_is_listed_and_run_with_the_others(monkeypatch):
    import click

    import outcome_graph.cli as cli

    monkeypatch.setitem(
        cli.main.commands,
        "extra",
        click.Command("extra", help="An extra command.", callback=lambda: click.echo("extra ran")),
    )
    assert list(_commands()) == sorted([*cli.COMMANDS, "extra"])
    runner = cli_runner()
    assert "  extra     An extra command." in runner.invoke(cli.main, ["--help"]).output
    assert runner.invoke(cli.main, ["extra"]).output == "extra ran\n"


def test_only_check_judges_findings_by_its_exit_code_as_the_help_says(tmp_path: Path):
    orphan = str(write(tmp_path, ORPHAN))
    assert run("check", orphan).returncode == 1
    for args in (
        ["table", orphan, "--what", "findings"],
        ["diff", orphan, orphan],
        ["report", orphan, "--no-diagram", "-o", str(tmp_path / "r.html")],
    ):
        out = run(*args)
        assert out.returncode == 0, (args, out.stderr)
    assert (
        run(
            "diff", str(write(tmp_path, CLEAN, "clean.yaml")), orphan, "--fail-on-changes"
        ).returncode
        == 1
    )
    shown = run("--help").stdout
    assert "0 done (check: no finding at or above --fail-on); 1 check: at least one" in " ".join(
        shown.split()
    )


def _examples(shown: str) -> list[list[str]]:
    """The command lines a help text shows (each command of a pipe, without a comment or a
    redirection)."""
    import shlex

    lines = []
    for line in shown.splitlines():
        line = line.strip().split("  #")[0].split(" > ")[0]
        if line.startswith("outcome-graph "):
            lines.extend(shlex.split(part)[1:] for part in line.split(" | "))
    return lines


def test_every_example_of_the_help_is_a_command_line_the_command_takes(tmp_path: Path):
    import click

    from outcome_graph.cli import main

    runner = cli_runner()
    commands = _commands()
    examples = _examples(runner.invoke(main, ["--help"]).output)
    for name in commands:
        shown = runner.invoke(main, [name, "--help"]).output
        assert "Example" in shown, name
        examples.extend(_examples(shown))
    assert {args[0] for args in examples} == set(commands)
    for args in examples:
        with commands[args[0]].make_context(args[0], args[1:]) as context:  # (parsed, not run)
            assert isinstance(context, click.Context), args
    # and one that draws an outcome's slice does so from the tutorial plan, as pasted
    drawn = run(
        "render",
        str(EXAMPLES / "tutorial-plan.yaml"),
        "-o",
        str(tmp_path / "safe.svg"),
        "--outcome",
        next(a for a in examples if "--outcome" in a)[-1],
    )
    assert drawn.returncode == 0 and (tmp_path / "safe.svg").stat().st_size, drawn.stderr


@pytest.mark.parametrize("name", ["check", "diff", "table", "convert", "render", "report"])
def test_max_bytes_says_its_range_in_words_and_refuses_a_size_below_one(name, tmp_path):
    # (click's IntRange(min=1) added "[x>=1]" to the help, and refused 0 as "not in the range x>=1")
    shown = " ".join(run(name, "--help").stdout.split())
    assert (
        "--max-bytes BYTES The largest input to read, in bytes: a whole number, 1 or more" in shown
    ), shown
    assert "[x>=1]" not in shown and "x>=" not in shown
    plan = str(MODELS / "thurrock-cypp-2011-12.yaml")
    plans = (
        [plan, plan]
        if name == "diff"
        else [plan, str(tmp_path / "out.json")]
        if name == "convert"
        else [plan, "-o", str(tmp_path / "out.dot")]
        if name == "render"
        else [plan, "-o", str(tmp_path / "out.html")]
        if name == "report"
        else [plan]
    )
    for value in ("0", "-5", "1MB", "1.5"):
        out = run(name, *plans, "--max-bytes", value)
        assert out.returncode == 2 and "Traceback" not in out.stderr, out.stderr
        assert out.stderr.splitlines()[-1] == (
            f"Error: Invalid value for '--max-bytes': {value!r} is not a size: "
            "give a whole number of bytes, 1 or more (50000000 for 50 MB)"
        )
    small = run(name, *plans, "--max-bytes", "1000")
    assert small.returncode == 2 and "over the 1,000-byte limit" in small.stderr, small.stderr


def test_the_json_of_a_csv_folder_that_cannot_be_read_names_the_folder_and_each_problem_s_file(
    tmp_path,
):
    from .conftest import csv_plan

    folder = csv_plan(
        tmp_path / "plan", milestones="id,title,timescal\nM1,Audit the junctions,June 11\n"
    )
    out = run("check", str(folder), "--format", "json")
    doc = json.loads(out.stdout)
    assert out.returncode == 2 and doc["plan"] == {"id": None, "title": None, "file": str(folder)}
    [problem] = doc["problems"]
    assert (
        problem["location"]["file"] == str(folder / "milestones.csv")
        and "timescale" in problem["message"]
    )
