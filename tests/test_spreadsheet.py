"""Plans in spreadsheets: the flat table published plans print, the per-level workbook, bad
workbooks.

Workbooks are built here with openpyxl in the shapes strategy leads keep them: a title row above the
table, merged cells, blank cells that repeat the row above, columns the format does not know.
"""

from __future__ import annotations

import json
import subprocess
import zipfile
from collections import Counter
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import outcome_graph as og
from outcome_graph.convert import write_plan
from outcome_graph.errors import ConfigError, PlanError, Problem
from outcome_graph.loading.loader import load_path
from outcome_graph.loading.spreadsheet import notice_lines, parse_period
from outcome_graph.output.workbook import write_csv_folder, write_workbook

from .conftest import (
    EXAMPLES,
    MODELS,
    PLAN_HEADER,
    cli_runner,
    csv_plan,
    og_command,
    template_workbook,
)

PERIOD = "2011-04-01..2012-03-31"


#: The plan sheet of a workbook of the per-level form: its format, id and period.
PLAN_SHEET = [
    ["format", "id", "period.start", "period.end"],
    ["outcome-graph/v1", "p", "2011-04-01", "2012-03-31"],
]


class Result:
    """A command's exit code and output (the CLI run in-process, as click's test runner does)."""

    def __init__(self, returncode: int, stdout: str, stderr: str) -> None:
        self.returncode, self.stdout, self.stderr = returncode, stdout, stderr


def run(*args: str) -> Result:

    from outcome_graph.cli import main

    result = cli_runner().invoke(main, list(args), catch_exceptions=True)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception  # a traceback a user would see
    return Result(result.exit_code, result.stdout, result.stderr)


def run_process(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*og_command(), *args], capture_output=True, text=True, timeout=120)


def workbook(
    path: Path, sheets: dict[str, list[list[object]]], merged: dict[str, list[str]] | None = None
) -> Path:
    """A workbook with the given sheets (rows of cell values) and merged ranges."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is not None:
                    cell = ws.cell(row=r, column=c, value=value)
                    if isinstance(value, str):
                        cell.data_type = "s"
        for rng in (merged or {}).get(name, []):
            ws.merge_cells(rng)
    wb.save(path)
    return path


# A Thurrock-shaped action plan table: a running title, then Objective | Key milestones | Lead |
# Timescale, with the objective and its lead merged down over the milestone rows.
THURROCK_TABLE = [
    [
        "Children and Young Peoples Plan 2011-12: Excellent Childcare, Schools, Colleges and "
        "Services"
    ],
    [None],
    [
        "Pillar",
        "Aim",
        "Objective",
        "Key milestones",
        "Lead person",
        "By when",
        "RAG",
        "Comments",
        "Indicators",
    ],
    [
        "Excellent schools",
        "Raise attainment",
        "Target school improvement services",
        "Commission improvement programmes",
        "SL SILS",
        "April – July 11",
        "G",
        None,
        "NI 72; NI 73",
    ],
    [None, None, None, "Deliver targeted support", None, "Sept 11", "A", "Delayed by a term", None],
    [None, None, None, "Implement the leadership strategy", None, None, None, None, None],
    [
        None,
        None,
        "Reduce the gaps in attainment",
        "Produce disaggregated data",
        "SM Performance",
        "June 11",
        None,
        None,
        "NI 102a",
    ],
    [None, None, None, "Define which groups are underachieving", None, None, None, None, None],
    [
        None,
        "Promote family learning",
        "Family learning for the whole community",
        None,
        "S L EYFC",
        "March 2012",
        None,
        None,
        None,
    ],
    [
        "Protection when needed",
        "Keep children safe",
        "Fewer children missing from care",
        "Review the protocol",
        "Head CATO",
        "TBA",
        None,
        None,
        "NI 71",
    ],
]


def first_problem(path: Path) -> Problem:
    """The first problem of a workbook or CSV plan that does not load."""
    with pytest.raises(PlanError) as info:
        load_path(path)
    return info.value.problems[0]


@pytest.fixture
def thurrock_table(tmp_path: Path) -> Path:
    # Objective C4:C6 and Lead E4:E6 merged over the three milestones of the first objective.
    return workbook(
        tmp_path / "action-plan.xlsx",
        {"Pillar 1": THURROCK_TABLE},
        {"Pillar 1": ["C4:C6", "E4:E6", "A4:A9", "B4:B8"]},
    )


def test_flat_table_reads_as_a_person_reads_it(thurrock_table: Path):
    plan = load_path(thurrock_table, period=PERIOD)
    assert plan.id == "action-plan"
    assert plan.period == (og.load(MODELS / "thurrock-cypp-2011-12.yaml").period)
    nodes = plan.nodes
    assert [n for n in nodes if not n.startswith("NI")] == [
        "P1",
        "P1.A1",
        "P1.A1.O1",
        "P1.A1.O1.M1",
        "P1.A1.O1.M2",
        "P1.A1.O1.M3",
        "P1.A1.O2",
        "P1.A1.O2.M1",
        "P1.A1.O2.M2",
        "P1.A2",
        "P1.A2.O1",
        "P2",
        "P2.A1",
        "P2.A1.O1",
        "P2.A1.O1.M1",
    ]
    assert nodes["P1.A1.O1"].title == "Target school improvement services"
    assert nodes["P1.A1.O1.M2"].title == "Deliver targeted support"
    # a merged lead repeats; a blank lead does not
    assert [nodes[f"P1.A1.O1.M{i}"].lead for i in (1, 2, 3)] == ["SL SILS"] * 3
    assert nodes["P1.A1.O2.M1"].lead == "SM Performance" and nodes["P1.A1.O2.M2"].lead is None
    # timescales belong to the row's milestone and never repeat
    assert nodes["P1.A1.O1.M2"].timescale == "Sept 11" and nodes["P1.A1.O1.M3"].timescale is None
    # a row without a milestone: the lead is the objective's, the timescale goes to its notes
    assert nodes["P1.A2.O1"].lead == "S L EYFC"
    assert "Timescale: March 2012" in (nodes["P1.A2.O1"].notes or "")
    # indicators belong to the deepest level above milestone; comments are notes
    assert [r.id for r in nodes["P1.A1.O1"].indicators] == ["NI 72", "NI 73"]
    assert [r.id for r in nodes["P2.A1.O1"].indicators] == ["NI 71"]
    assert nodes["P1.A1.O1.M2"].notes == "Delayed by a term"
    # every node knows its sheet and the cell of its title
    loc = plan.location("P1.A1.O2.M2")
    assert (loc.file, loc.sheet, loc.cell) == (str(thurrock_table), "Pillar 1", "D8")
    assert plan.location("P1.A1.O1").cell == "C4" and plan.location("P2").cell == "A10"
    # the RAG column is the milestones' status; a notice names the timescale kept in notes
    assert [nodes[f"P1.A1.O1.M{i}"].status for i in (1, 2, 3)] == ["on_track", "at_risk", None]
    notices = "\n".join(plan.notices)
    assert "the reader does not know" not in notices
    assert "kept in that node's notes" in notices and "Pillar 1!F9" in notices
    assert all(line.startswith("notice: ") for line in notice_lines(plan))


def test_flat_ids_are_stable(thurrock_table: Path, tmp_path: Path):
    first = load_path(thurrock_table, period=PERIOD)
    again = load_path(thurrock_table, period=PERIOD)
    assert list(first.nodes) == list(again.nodes) and first.document == again.document
    longer = workbook(
        tmp_path / "longer.xlsx",
        {"Pillar 1": [*THURROCK_TABLE, [None, None, None, "A new milestone", None, "May 11"]]},
    )
    plan = load_path(longer, period=PERIOD)
    assert list(plan.nodes)[: len(first.nodes) - 4] == [
        n for n in first.nodes if not n.startswith("NI")
    ]
    assert plan.nodes["P2.A1.O1.M2"].title == "A new milestone"


def test_flat_checks_with_findings_pointing_to_cells(thurrock_table: Path):
    out = run("check", str(thurrock_table), "--period", PERIOD, "--format", "json")
    assert out.returncode in (0, 1), out.stderr
    doc = json.loads(out.stdout)
    missing_lead = [f for f in doc["findings"] if f["rule"] == "OG301"]
    assert missing_lead and missing_lead[0]["node"] == "P1.A1.O2.M2"
    # (its blank lead cell, the cell to fill in, on the row of its title, D8)
    assert missing_lead[0]["location"] == {
        "file": str(thurrock_table),
        "line": None,
        "column": None,
        "sheet": "Pillar 1",
        "cell": "E8",
    }
    text = run("check", str(thurrock_table), "--period", PERIOD)
    assert f"{thurrock_table}:Pillar 1!E8:" in text.stdout


def test_flat_period_comes_from_a_plan_sheet_or_the_option(tmp_path: Path):
    table = [
        ["Objective", "Key milestones", "Lead"],
        ["Fewer accidents", "Audit the junctions", "Road safety"],
    ]
    bare = workbook(tmp_path / "bare.xlsx", {"Sheet1": table})
    with pytest.raises(PlanError) as err:
        load_path(bare)
    assert "'plan' sheet" in str(err.value) and "--period" in str(err.value)
    out = run_process("check", str(bare))
    assert (
        out.returncode == 2
        and "--period START..END" in out.stderr
        and "Traceback" not in out.stderr
    )
    assert run("check", str(bare), "--period", PERIOD).returncode in (0, 1)

    with_plan = workbook(
        tmp_path / "with-plan.xlsx",
        {
            "plan": [
                ["Title", "Period start", "Period end"],
                ["Road safety plan", "2011-04-01", "2012-03-31"],
            ],
            "Sheet1": table,
        },
    )
    plan = load_path(with_plan)
    assert (
        plan.period == parse_period(PERIOD)
        and plan.title == "Road safety plan"
        and plan.id == "with-plan"
    )
    # a period given as well is not used, and the notice says so (a YAML plan's too)
    assert not [n for n in plan.notices if "--period" in n]
    told = load_path(with_plan, period="2012-04-01..2013-03-31")
    assert told.period == plan.period
    assert (
        f"{with_plan}: --period is not used: the plan sheet gives the period (2011-04-01 to "
        "2012-03-31)" in told.notices
    )
    yaml_plan = tmp_path / "p.yaml"
    yaml_plan.write_text(PLAN_HEADER, encoding="utf-8")
    assert load_path(yaml_plan, period=PERIOD).notices[-1] == (
        f"{yaml_plan}: --period is not used: the plan states its period (2011-04-01 to 2012-03-31)"
    )
    assert not load_path(yaml_plan).notices
    as_range = workbook(
        tmp_path / "range.xlsx",
        {"plan": [["id", "period"], ["road", "2012-04..2013-03"]], "Sheet1": table},
    )
    assert load_path(as_range).period == parse_period("2012-13")


def test_parse_period():
    assert (
        parse_period("2011-04-01..2012-03-31")
        == parse_period("2011-04..2012-03")
        == parse_period("2011-12")
    )
    # a financial year as plans write it
    assert (
        parse_period("2011/12")
        == parse_period("2011-2012")
        == parse_period("2011/2012")
        == parse_period("2011-12")
    )
    # (a period of one day ends on the day it starts: it does not end before it)
    assert parse_period("2011-04-01..2011-04-01") == (date(2011, 4, 1), date(2011, 4, 1))
    for bad in (
        "2011",
        "2011-13..2012-01",
        "2012-04-01..2011-03-31",
        "soon",
        "2011/13",
        "2011-2013",
    ):
        with pytest.raises(ConfigError):
            parse_period(bad)
    with pytest.raises(
        ConfigError,
        match=r"--period '2011-04-01..2012-02-30': '2012-02-30' is not a valid date "
        r"\(day 30: February 2012 has 29 days\)",
    ):
        parse_period("2011-04-01..2012-02-30")


def test_a_flat_sheet_without_a_level_column_is_an_error_naming_the_sheet(tmp_path: Path):
    path = workbook(
        tmp_path / "leads.xlsx", {"Leads": [["Lead person", "By when"], ["SILS", "June 11"]]}
    )
    with pytest.raises(PlanError) as err:
        load_path(path, period=PERIOD)
    assert err.value.problems[0].sheet == "Leads" and "no level column" in str(err.value)
    out = run("check", str(path), "--period", PERIOD)
    assert (
        out.returncode == 2 and f"{path}:Leads!A1:" in out.stderr and "Traceback" not in out.stderr
    )


def test_a_level_sheet_without_title_is_an_error_naming_the_sheet(tmp_path: Path):
    path = workbook(
        tmp_path / "plan.xlsx",
        {
            "plan": PLAN_SHEET,
            "objectives": [["id", "name"], ["O1", "Fewer accidents"]],
        },
    )
    with pytest.raises(PlanError) as err:
        load_path(path)
    assert err.value.problems[0].sheet == "objectives" and "'title' column" in str(err.value)
    out = run("check", str(path))
    assert out.returncode == 2 and "objectives" in out.stderr and "Traceback" not in out.stderr


def test_per_level_sheets_written_by_hand(tmp_path: Path):
    path = workbook(
        tmp_path / "plan.xlsx",
        {
            "Plan": [
                ["Format", "ID", "Title", "Period Start", "Period End"],
                ["outcome-graph/v1", "road-safety", "Road safety plan", "2011-04-01", "2012-03-31"],
            ],
            "Priorities": [
                ["ID", "Title", "Outcomes", "Lead"],
                ["P1", "Safe roads", "stay_safe", "Highways"],
            ],
            "Objectives": [
                ["Parent", "Title", "Indicators", "Owner's mood"],
                ["P1", "Fewer accidents", "NI 47; NI 48", "good"],
                ["P1", "Safer routes to school", None, None],
            ],
            "Milestones": [
                ["id", "parent", "title", "lead", "timescale", "due", "status"],
                [
                    "M1",
                    "P1.O1",
                    "Audit the junctions",
                    "Road safety; Police",
                    "June 11",
                    "2011-06",
                    "on_track",
                ],
            ],
            "Targets": [
                ["node", "period", "value", "comparator"],
                ["NI 47", "2011-12", "30", "at_most"],
            ],
            "Indicators": [
                ["id", "title", "direction"],
                ["NI 47", "People killed or seriously injured", "decrease"],
            ],
        },
    )
    plan = load_path(path)
    assert list(plan.nodes)[:5] == ["P1", "P1.O1", "M1", "P1.O2", "NI 47"]
    assert plan.nodes["M1"].lead == ["Road safety", "Police"] and plan.nodes["M1"].due == "2011-06"
    assert plan.parents["M1"] == ("P1.O1",)
    assert (
        plan.nodes["NI 47"].targets[0].value == 30
        and plan.nodes["NI 47"].targets[0].comparator == "at_most"
    )
    assert "NI 48" in plan.implicit_indicators
    assert plan.location("P1.O2").sheet == "Objectives" and plan.location("P1.O2").cell == "B3"
    assert "Owner's mood" in "\n".join(plan.notices)


def test_validation_errors_name_the_sheet_and_cell(tmp_path: Path):
    path = workbook(
        tmp_path / "plan.xlsx",
        {
            "plan": PLAN_SHEET,
            "priorities": [
                ["id", "title", "outcomes"],
                ["P1", "Safe", "stay_safe"],
                ["P2", None, "be_healthy"],
            ],
            "milestones": [
                ["id", "parent", "title", "due", "status"],
                ["M1", "P1", "Audit", "2011-13", "on_track"],
                ["M2", "P1", "Publish", "2011-07", "doing"],
            ],
        },
    )
    with pytest.raises(PlanError) as err:
        load_path(path)
    where = {(p.sheet, p.cell): p.message for p in err.value.problems}
    assert "the title of priority P2 is missing" in where[("priorities", "B3")]
    assert "2011-13" in where[("milestones", "D2")] and where[("milestones", "D2")].startswith(
        "the due date of milestone M1: "
    )
    assert "must be one of" in where[("milestones", "E3")]
    assert str(err.value).startswith(f"{path}:")

    dup = workbook(
        tmp_path / "dup.xlsx",
        {
            "plan": PLAN_SHEET,
            "priorities": [
                ["id", "title", "outcomes"],
                ["P1", "Safe", "stay_safe"],
                ["P1", "Healthy", "be_helthy"],
            ],
        },
    )
    with pytest.raises(PlanError) as err:
        load_path(dup)
    messages = [(p.sheet, p.cell, p.message) for p in err.value.problems]
    assert ("priorities", "A3") in [(s, c) for s, c, _ in messages]
    assert any(
        "duplicate id 'P1' (first used at priorities!A2)" in m for _, _, m in messages
    )  # (the id's cell)
    assert any("did you mean 'be_healthy'" in m and c == "C3" for _, c, m in messages)


def test_check_of_a_workbook_points_to_sheet_and_cell(tmp_path: Path):
    path = tmp_path / "thurrock.xlsx"
    write_workbook(og.load(MODELS / "thurrock-cypp-2011-12.yaml"), path)
    out = run("check", str(path), "--format", "json")
    assert out.returncode == 1, out.stderr  # (Thurrock's OG602 error, as from its YAML)
    findings = json.loads(out.stdout)["findings"]
    wb = openpyxl.load_workbook(path)
    node_findings = [
        f for f in findings if f["kind"] in ("priority", "aim", "objective", "milestone")
    ]
    assert node_findings
    plan = og.load(MODELS / "thurrock-cypp-2011-12.yaml")
    at_field = Counter()
    for f in node_findings:
        loc = f["location"]
        assert loc["line"] is None and loc["sheet"] and loc["cell"]
        cell = wb[loc["sheet"]][loc["cell"]]
        assert f["title"] in [c.value for c in wb[loc["sheet"]][cell.row]]  # on the node's row
        node = plan.nodes[f["node"]]
        # A finding about a milestone's date points at the cell that writes it (a blank one for
        # OG401: where to write it); the others at the node's title.
        header = wb[loc["sheet"]].cell(1, cell.column).value
        if f["rule"] in ("OG401", "OG402", "OG403", "OG404", "OG405"):
            assert header in ("timescale", "due", "status"), (f, header)
            assert (cell.value or None) == (getattr(node, header) or None), (f, cell.coordinate)
            # (a date outside the period: the cell that
            # writes it, the timescale where no due is given)
            assert f["rule"] != "OG402" or cell.value, (f, cell.coordinate)
            at_field[header, f["rule"]] += 1
        elif f["rule"] == "OG301":  # (no lead: the blank lead cell, where to write one)
            assert header == "lead" and cell.value is None, (f, header)
            at_field[header, f["rule"]] += 1
        else:
            assert cell.value == f["title"], f  # the cell of the node's title
    # (Thurrock's milestones due outside the period, deferred to another document, undated, unled)
    assert {
        ("timescale", "OG402"),
        ("timescale", "OG404"),
        ("timescale", "OG401"),
        ("lead", "OG301"),
    } <= set(at_field), at_field


def test_an_unknown_lead_in_a_workbook_is_pointed_at_in_its_lead_cell(tmp_path: Path):
    plan = og.load(
        PLAN_HEADER
        + """owners:
  - {id: SILS, name: School Improvement}
priorities:
  - id: P1
    title: Be safe
    objectives:
      - id: P1.O1
        title: Fewer accidents
        milestones:
          - {id: P1.O1.M1, title: Audit the roads, lead: SILS, timescale: June 2011}
          - {id: P1.O1.M2, title: Train the staff, lead: Road Safety Officer, timescale: July 2011}
"""
    )
    path = tmp_path / "plan.xlsx"
    write_workbook(plan, path)
    [finding] = og.check(og.load(path), config={"select": ["OG304"]}).findings
    sheet = openpyxl.load_workbook(path)[finding.location.sheet]
    cell = sheet[finding.location.cell]
    assert sheet.cell(1, cell.column).value == "lead" and cell.value == "Road Safety Officer"
    assert finding.location.line is None and sheet.cell(cell.row, 1).value == "P1.O1.M2"


def test_a_missing_lead_in_a_flat_table_is_pointed_at_in_its_blank_lead_cell(tmp_path: Path):
    # As a missing date (OG401) points at the blank timescale cell: the cell to fill in. A
    # milestone that takes its objective's lead has no finding; an objective without milestones
    # and without a lead is pointed at on its own row.
    path = workbook(
        tmp_path / "plan.xlsx",
        {
            "Plan": [
                ["Priority", "Objective", "Key milestones", "Lead", "Timescale"],
                ["Be safe", "Fewer accidents", "Audit the roads", None, "June 11"],
                [None, None, "Train the staff", "Road team", None],
                [None, "Safer parks", None, None, None],
                [None, "Safer streets", None, "Police", None],
                [None, None, "Patrol", None, "July 11"],
            ]
        },
    )
    plan = og.load(path, period=PERIOD)
    found = {
        (f.rule, f.node): f.location.cell
        for f in og.check(plan, config={"select": ["OG301", "OG401"]}).findings
    }
    assert found == {
        ("OG301", "P1.O1.M1"): "D2",
        ("OG401", "P1.O1.M2"): "E3",
        ("OG301", "P1.O2"): "D4",
    }
    # (a lead given on a later row of a milestone merged down is where its lead is written)
    merged = workbook(
        tmp_path / "merged.xlsx",
        {
            "Plan": [
                ["Objective", "Key milestones", "Lead", "Timescale"],
                ["Fewer accidents", "Audit the roads", None, "June 11"],
                [None, None, "Road team", None],
            ]
        },
        merged={"Plan": ["B2:B3"]},
    )
    plan = og.load(merged, period=PERIOD)
    assert plan.nodes["O1.M1"].lead == "Road team"
    assert plan.field_locations[("O1.M1", "lead")].cell == "C3"


@given(st.lists(st.tuples(st.booleans(), st.booleans()), min_size=1, max_size=6))
@settings(max_examples=30, deadline=None)
def test_every_missing_lead_points_at_the_lead_cell_of_its_row(rows: list[tuple[bool, bool]]):
    # Generated tables: milestones with or without a lead, under objectives with or without one.
    # Every OG301 finding points at the lead column (D) of the row of the node it is about, a
    # blank cell, and every milestone with no lead of its own nor its objective's is reported.
    import tempfile

    table: list[list[object]] = [["Priority", "Objective", "Key milestones", "Lead", "Timescale"]]
    unled = set()
    for i, (objective_led, milestone_led) in enumerate(rows, start=1):
        table.append(
            ["Be safe", f"Objective {i}", None, "Council" if objective_led else None, None]
        )
        table.append([None, None, f"Milestone {i}", "Team" if milestone_led else None, "June 11"])
        if not (objective_led or milestone_led):
            unled.add(f"P1.O{i}.M1")
    with tempfile.TemporaryDirectory() as folder:
        path = workbook(Path(folder) / "plan.xlsx", {"Plan": table})
        plan = og.load(path, period=PERIOD)
        sheet = openpyxl.load_workbook(path)["Plan"]
    findings = og.check(plan, config={"select": ["OG301"]}).findings
    assert {f.node for f in findings} == unled
    for f in findings:
        cell = sheet[f.location.cell]
        assert cell.column_letter == "D" and cell.value is None
        assert sheet.cell(cell.row, 3).value == plan.nodes[f.node].title


def test_findings_about_owners_in_a_workbook_point_at_the_lead_cells_that_write_them(
    tmp_path: Path,
):
    # OG305 (one owner written three ways) and OG303 (joint leads with the same milestones due in
    # one month): the finding and each related location point at the lead cell that writes the
    # spelling, where OG304 points, not at the title of the node.
    rows: list[list[object]] = [["Objective", "Key milestones", "Lead", "By when"]]
    rows.append(["Fewer accidents", "Audit 1", "SL ASO", "June 11"])
    rows.append([None, "Audit 2", "SL Assets and School Organisation (SL ASO)", "July 11"])
    rows.append([None, "Audit 3", "SL Assets & School Organisation", "Aug 11"])
    rows += [[None, f"Train {i}", "Head of Care; Head of Youth", "Sept 11"] for i in range(5)]
    path = workbook(tmp_path / "plan.xlsx", {"Plan": rows})
    report = og.check(og.load(path, period=PERIOD), config={"select": ["OG303", "OG305"]})
    sheet = openpyxl.load_workbook(path)["Plan"]
    by_rule = {f.rule: f for f in report.findings}
    assert set(by_rule) == {"OG303", "OG305"}, report.findings
    alias = by_rule["OG305"]
    cells = [alias.location.cell, *(loc.cell for loc in alias.related_locations)]
    assert all(c.startswith("C") for c in cells), cells
    spellings = {alias.node, *alias.related}
    assert {sheet[c].value for c in cells} == spellings and len(spellings) == 2
    peak = by_rule["OG303"]
    assert peak.related and peak.location.cell == "C5"
    assert [loc.cell for loc in peak.related_locations] == ["C5"]
    # (a milestone that takes its objective's lead: the objective's lead cell writes it)
    taken = workbook(
        tmp_path / "taken.xlsx",
        {
            "Plan": [
                ["Objective", "Key milestones", "Lead", "By when"],
                ["Fewer accidents", None, "Head CATO", None],
                *[[None, f"Audit {i}", None, "June 11"] for i in range(5)],
                ["Safer parks", "Patrol", "Head of Care & Targeted Outcomes (HCATO)", "July 11"],
            ]
        },
    )
    report = og.check(og.load(taken, period=PERIOD), config={"select": ["OG303", "OG305"]})
    places = {f.rule: f.location.cell for f in report.findings}
    assert places["OG303"] == "C2", report.findings


def bad_workbooks(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    """Workbooks that are not plans, and the words their error must contain."""
    cases: dict[str, tuple[Path, str]] = {}
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    cases["empty file"] = (empty, "empty")
    text = tmp_path / "notes.xlsx"
    text.write_text("Priority, Objective\n")
    cases["not a workbook"] = (text, "not an Excel workbook")
    ole = tmp_path / "locked.xlsx"  # an encrypted workbook is an OLE compound file, not a zip
    ole.write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + b"\x00" * 504 + b"EncryptedPackage")
    cases["password protected"] = (ole, "encrypted (password protected)")
    other_zip = tmp_path / "archive.xlsx"
    with zipfile.ZipFile(other_zip, "w") as zf:
        zf.writestr("readme.txt", "hello")
    cases["a zip, not a workbook"] = (other_zip, "not an Excel workbook")
    damaged = tmp_path / "damaged.xlsx"
    with zipfile.ZipFile(damaged, "w") as zf:
        zf.writestr("xl/workbook.xml", "<workbook><sheets><sheet")
    cases["damaged"] = (damaged, "cannot be read")
    blank = tmp_path / "blank.xlsx"
    openpyxl.Workbook().save(blank)
    cases["no data"] = (blank, "empty")
    no_plan_sheet = workbook(
        tmp_path / "no-plan.xlsx", {"priorities": [["id", "title"], ["P1", "Safe"]]}
    )
    cases["plan sheet missing"] = (no_plan_sheet, "no 'plan' sheet")
    only_plan = workbook(
        tmp_path / "only-plan.xlsx",
        {
            "plan": [
                ["format", "id", "period.start", "period.end"],
                ["outcome-graph/v1", "p", "2011-04-01", "2012-03-31"],
            ]
        },
    )
    cases["level sheets missing"] = (only_plan, "no sheet of the plan's items")
    formula = tmp_path / "formula.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Objective", "Key milestones"])
    ws.append(["Fewer accidents", "=A2"])  # a formula never calculated: no saved value
    wb.save(formula)
    cases["formula without a value"] = (formula, "formula with no saved value")
    return cases


def test_bad_workbooks_give_exit_2_and_a_clear_message(tmp_path: Path):
    for name, (path, needle) in bad_workbooks(tmp_path).items():
        with pytest.raises(PlanError) as err:
            load_path(path, period=PERIOD)
        assert needle in str(err.value), name
        assert str(err.value).startswith(str(path)), name
        out = run("check", str(path), "--period", PERIOD)
        assert out.returncode == 2, (name, out.stdout, out.stderr)
        assert out.stderr.startswith(f"error: {path}") and needle in out.stderr, name
        assert "Traceback" not in out.stderr, name


def test_csv_folder_and_single_csv(tmp_path: Path):
    folder = tmp_path / "plan-csv"
    folder.mkdir()
    # Excel's "CSV (semicolon)" in Windows-1252, with a title row and a plan file
    (folder / "table.csv").write_bytes(
        "Action plan 2011-12;;;\r\nObjective;Key milestones;Lead person;By when\r\n"
        "Fewer accidents;Audit the junctions – phase 1;Road safety;June 11\r\n"
        ";Publish the audit;;Sept 11\r\n".encode("cp1252")
    )
    (folder / "plan.csv").write_text(
        "id,period.start,period.end\nroads,2011-04-01,2012-03-31\n", encoding="utf-8"
    )
    plan = load_path(folder)
    assert plan.id == "roads" and list(plan.nodes) == ["O1", "O1.M1", "O1.M2"]
    assert plan.nodes["O1.M1"].title == "Audit the junctions – phase 1"
    assert (
        plan.location("O1.M2").file == str(folder / "table.csv")
        and plan.location("O1.M2").cell == "B4"
    )
    assert any("Windows-1252" in n for n in plan.notices)
    single = tmp_path / "actions.csv"
    single.write_text("Key milestones,Lead\nAudit,Road safety\n", encoding="utf-8")
    assert list(load_path(single, period=PERIOD).nodes) == ["M1"]


@pytest.mark.parametrize(
    "start, needle",
    [
        (
            "2011-02-30",
            "the start date of the plan's period: '2011-02-30' is not a valid date (day 30: "
            "February 2011 has 28 days)",
        ),
        (
            "01/04/2011",
            "the start date of the plan's period: '01/04/2011' is not a date written "
            "year-month-day (2011-04-01)",
        ),
    ],
)
def test_an_impossible_period_in_a_plan_sheet_says_what_is_wrong_with_it(
    tmp_path: Path, start: str, needle: str
):
    folder = tmp_path / "plan-csv"
    folder.mkdir()
    (folder / "plan.csv").write_text(
        f"format,id,period.start,period.end\noutcome-graph/v1,p,{start},2012-03-31\n"
    )
    (folder / "priorities.csv").write_text("id,title\nP1,Safe\n")
    with pytest.raises(PlanError) as info:
        load_path(folder)
    assert info.value.problems[0].cell == "C2" and needle in str(info.value)


def test_a_capacity_that_is_not_a_whole_number_says_so_at_its_cell(tmp_path: Path):
    folder = csv_plan(
        tmp_path / "plan-csv",
        owners='id,name,capacity\nA,"Team\nA",2.5\nB,Team B,-4\n',
        priorities="id,title,lead\nP1,Safe,A\n",
    )
    with pytest.raises(PlanError) as info:
        load_path(folder)
    # (a CSV file has no sheets: the line its row starts on, and the column)
    assert [(p.line, p.cell, p.message) for p in info.value.problems] == [
        (
            2,
            "C2",
            "column C: the capacity of owner A: must be a whole number (the cell holds '2.5')",
        ),
        (4, "C3", "column C: the capacity of owner B: must be 0 or more (the cell holds '-4')"),
    ]
    assert str(info.value.problems[1]).startswith(
        f"{folder / 'owners.csv'}:4: column C: the capacity of owner B"
    )


def test_a_plan_id_with_spaces_in_a_plan_sheet_says_what_an_id_may_hold(tmp_path: Path):
    folder = tmp_path / "plan-csv"
    folder.mkdir()
    (folder / "plan.csv").write_text(
        "format,id,period.start,period.end\noutcome-graph/v1,my plan,2011-04-01,2012-03-31\n"
    )
    (folder / "priorities.csv").write_text("id,title\nP1,Safe\n")
    with pytest.raises(PlanError) as info:
        load_path(folder)
    assert info.value.problems[0].cell == "B2"
    assert "id: it may hold only letters, digits, '.', '_' and '-'" in str(info.value)


PLAN_HEADER_TEXT = (
    "format: outcome-graph/v1\nplan: {id: p, period: {start: 2011-04-01, end: 2012-03-31}}\n"
    "priorities: [{id: P1, title: Safe}]\n"
)


def test_a_plan_under_another_kind_s_suffix_is_told_which_kind_it_is(tmp_path: Path):
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN_HEADER_TEXT)
    (tmp_path / "plan.xlsx").write_bytes(plan.read_bytes())
    with pytest.raises(
        PlanError,
        match="this is a YAML or JSON plan, not an Excel workbook: name it .yaml or .json",
    ):
        load_path(tmp_path / "plan.xlsx")
    og.convert_plan(plan, tmp_path / "real.xlsx")
    (tmp_path / "table.csv").write_bytes((tmp_path / "real.xlsx").read_bytes())
    with pytest.raises(PlanError, match="this is a workbook .or another zip file., not a CSV file"):
        load_path(tmp_path / "table.csv", period=PERIOD)


def test_a_csv_file_saved_as_utf_16_is_told_so(tmp_path: Path):
    # (Excel's "Unicode Text" and some Windows editors save UTF-16)
    single = tmp_path / "actions.csv"
    single.write_bytes("Key milestones,Lead\nAudit,Road safety\n".encode("utf-16"))
    with pytest.raises(PlanError, match="the file is UTF-16 text; save it as CSV UTF-8"):
        load_path(single, period=PERIOD)


def test_size_limits(tmp_path: Path):
    path = tmp_path / "plan.xlsx"
    write_workbook(og.load(MODELS / "thurrock-cypp-2011-12.yaml"), path)
    with pytest.raises(PlanError, match="limit"):
        load_path(path, max_bytes=1000)


def test_a_quoted_cell_never_closed_is_an_error_at_its_line(tmp_path: Path):
    # Read leniently, the cell would take in every row after it, and the rest of the plan would
    # be silently lost.
    single = tmp_path / "actions.csv"
    single.write_text(
        'Key milestones,Lead\nAudit,"Road safety\nPublish,Comms\nReview,Board\n', encoding="utf-8"
    )
    with pytest.raises(PlanError) as info:
        load_path(single, period=PERIOD)
    problem = info.value.problems[0]
    assert (problem.file, problem.line) == (str(single), 2) and "never closed" in problem.message
    single.write_text(
        'Key milestones,Lead\nAudit,"Road safety\nteam"\nPublish,Comms\n', encoding="utf-8"
    )
    plan = load_path(single, period=PERIOD)  # a cell on two lines, closed: fine
    assert [n.lead for n in plan.nodes.values()] == ["Road safety\nteam", "Comms"]


def test_a_quote_never_closed_before_a_long_rest_of_the_file_is_an_error_at_its_line(
    tmp_path: Path,
):
    # Past 131,072 characters the cell the quote opens is over the CSV reader's limit: the error
    # named the line where the reader stopped, thousands
    # of lines on, and asked about doubled quotes.
    single = tmp_path / "actions.csv"
    single.write_text(
        'Key milestones,By when\nAudit,"June 2011\n' + "Review,Sept 11\n" * 10_000, encoding="utf-8"
    )
    with pytest.raises(PlanError) as info:
        load_path(single, period=PERIOD)
    problem = info.value.problems[0]
    assert (problem.file, problem.line) == (str(single), 2)
    assert "over 131,072 characters; is a quoted cell never closed" in problem.message


@pytest.mark.parametrize(
    "data",
    [
        # (saved as CSV UTF-8, then edited in a Windows-1252
        # editor: the mark stays, the rest is not UTF-8)
        "\ufeffKey milestones,Lead\nAudit,Caf\xe9 team\n".encode("utf-8")[:3]
        + "Key milestones,Lead\nAudit,Caf\xe9 team\n".encode("cp1252"),
        "\ufeff\ufeffKey milestones,Lead\nAudit,Caf\xe9 team\n".encode(
            "utf-8"
        ),  # (a mark written twice)
    ],
)
def test_a_byte_order_mark_before_the_header_of_a_csv_file_is_not_part_of_it(
    tmp_path: Path, data: bytes
):
    single = tmp_path / "actions.csv"
    single.write_bytes(data)
    plan = load_path(single, period=PERIOD)
    assert [(n.title, n.lead) for n in plan.nodes.values()] == [("Audit", "Caf\xe9 team")]


def test_a_header_holding_invisible_characters_reads_as_it_shows(tmp_path: Path):
    # Headers pasted from a web page can hold a zero-width space or a word joiner: "Key milestones"
    # with one was no level column ("the sheet has no level column"), and "Lead" with one no lead.
    single = tmp_path / "actions.csv"
    single.write_text(
        "\u200bKey milestones\u200b,Lead\u2060,By\u00a0when\u200e\nAudit,Road team,June 11\n",
        encoding="utf-8",
    )
    plan = load_path(single, period=PERIOD)
    assert [(n.kind, n.title, n.lead, n.timescale) for n in plan.nodes.values()] == [
        ("milestone", "Audit", "Road team", "June 11")
    ]
    path = workbook(
        tmp_path / "plan.xlsx",
        {
            "plan": PLAN_SHEET,
            "milestones\u200b": [["id", "title\u200b", "timescale"], ["M1", "Audit", "June 11"]],
        },
    )
    assert load_path(path).nodes["M1"].title == "Audit"


def test_a_misspelt_column_of_the_per_level_form_is_an_error(tmp_path: Path):
    # A typo in a header would drop the column's data without a word: like a misspelt field in
    # YAML, it is an error with a suggestion. A column that is no field at all is a notice.
    path = workbook(
        tmp_path / "plan.xlsx",
        {
            "plan": PLAN_SHEET,
            "milestones": [["id", "title", "timescal", "RAG"], ["M1", "Audit", "June 11", "green"]],
        },
    )
    problem = first_problem(path)
    assert (problem.sheet, problem.cell) == ("milestones", "C1")
    assert (
        problem.message
        == "unknown column 'timescal' in the milestones sheet: did you mean 'timescale'?"
    )
    path = workbook(
        tmp_path / "plan.xlsx",
        {
            "plan": PLAN_SHEET,
            "milestones": [
                ["id", "title", "timescale", "RAG"],
                ["M1", "Audit", "June 11", "green"],
            ],
        },
    )
    plan = load_path(path)
    assert plan.nodes["M1"].timescale == "June 11" and "'RAG'" in "\n".join(plan.notices)


def test_a_flat_table_as_an_officer_lays_it_out(tmp_path: Path):
    # Section headings across the table and repeated header rows are not plan items; hidden
    # sheets (last year's plan) are not read; headers with (s), /s or ? are still the columns
    # they name; a cell showing an error from a formula is an error, not a lead called "#N/A".
    header = ["Priority", "Objective(s)", "Key actions", "By when?", "Lead officer/s"]
    path = tmp_path / "plan.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Plan"
    for row in [
        header,
        ["Be healthy", "Fewer conceptions", "Open two clinics", "June 11", "TP Coordinator"],
        ["PRIORITY TWO  Stay safe"],
        header,
        ["Stay safe", "Fewer accidents", "Audit junctions", "Sept 11", "Road safety"],
    ]:
        ws.append(row)
    ws.merge_cells("A3:E3")
    old = wb.create_sheet("Plan 2010-11 (old)")
    for row in [header, ["Be healthy", "Old objective", "Old action", "June 10", "Someone"]]:
        old.append(row)
    old.sheet_state = "hidden"
    wb.save(path)
    plan = load_path(path, period=PERIOD)
    assert [n.title for n in plan.nodes.values()] == [
        "Be healthy",
        "Fewer conceptions",
        "Open two clinics",
        "Stay safe",
        "Fewer accidents",
        "Audit junctions",
    ]
    assert (
        plan.nodes["P2.O1.M1"].lead == "Road safety"
        and plan.nodes["P2.O1.M1"].timescale == "Sept 11"
    )
    notices = "\n".join(plan.notices)
    assert (
        "row 3 is a heading across the table" in notices
        and "row 4 repeats the header row" in notices
    )
    assert "hidden sheets were not read: Plan 2010-11 (old)" in notices
    ws["E2"] = "#N/A"
    ws["E2"].data_type = "e"
    wb.save(path)
    with pytest.raises(PlanError) as info:
        load_path(path, period=PERIOD)
    [problem] = info.value.problems  # (the error alone: its cell is not read as text too)
    assert (problem.sheet, problem.cell) == ("Plan", "E2")
    assert "the cell holds the error #N/A" in problem.message


def test_a_percentage_cell_is_read_as_the_percentage_shown(tmp_path: Path):
    path = workbook(
        tmp_path / "plan.xlsx",
        {
            "plan": PLAN_SHEET,
            "indicators": [
                [
                    "id",
                    "title",
                    "direction",
                    "baseline.period",
                    "baseline.value",
                    "target.period",
                    "target.value",
                ],
                ["NI 72", "Early years", "increase", "2010-11", 0.56, "2011-12", 0.605],
            ],
        },
    )
    wb = openpyxl.load_workbook(path)
    for ref in ("E2", "G2"):
        wb["indicators"][ref].number_format = "0.0%"
    wb.save(path)
    plan = load_path(path)
    ind = plan.nodes["NI 72"]
    assert (ind.baseline.value, ind.target.value) == (56, 60.5)
    assert not og.check(plan).by_rule("OG504")


def test_outcomes_written_as_a_table_prints_them(tmp_path: Path):
    path = workbook(
        tmp_path / "plan.xlsx",
        {
            "plan": PLAN_SHEET,
            "priorities": [
                ["id", "title", "outcomes"],
                ["P1", "Safe", "Stay Safe; Make a Positive Contribution"],
                ["P2", "Well", "be_healthy"],
            ],
        },
    )
    plan = load_path(path)
    assert plan.nodes["P1"].outcomes == ["stay_safe", "positive_contribution"]
    assert plan.nodes["P2"].outcomes == ["be_healthy"]


def test_an_outcome_column_of_the_plan_s_own_statements_is_told_what_the_column_holds(
    tmp_path: Path,
):
    # Published tables often head their own outcome statements "Outcome": the error says what the
    # column is read as, and how to have it read as a level.
    path = workbook(
        tmp_path / "plan.xlsx",
        {
            "Sheet1": [
                ["Priority", "Outcome", "Action", "Lead", "Timescale"],
                [
                    "Safe",
                    "Fewer children go missing",
                    "Review the protocol",
                    "Head of Safeguarding",
                    "Sept 2011",
                ],
                ["Safe", "Stay safe", "Train the duty team", "Head of Safeguarding", "Oct 2011"],
            ],
        },
    )
    with pytest.raises(PlanError) as info:
        load_path(path, period="2011-04-01..2012-03-31")
    assert [(p.sheet, p.cell) for p in info.value.problems] == [("Sheet1", "B2")]
    message = info.value.problems[0].message
    assert "unknown outcome 'Fewer children go missing'" in message
    assert (
        "a column of the plan's own outcome statements is a level of the plan: head it "
        "'Objective' or 'Aim'" in message
    )
    # A misspelt outcome is told the nearest one, without the column's explanation.
    path = workbook(
        tmp_path / "typo.xlsx",
        {
            "Sheet1": [
                ["Priority", "Outcome", "Action"],
                ["Safe", "stay_saf", "Review the protocol"],
            ],
        },
    )
    with pytest.raises(PlanError) as info:
        load_path(path, period="2011-04-01..2012-03-31")
    assert "did you mean 'stay_safe'?" in str(info.value) and "head it" not in str(info.value)


def test_an_old_xls_workbook_is_named_as_such(tmp_path: Path):
    path = tmp_path / "plan.xls"
    path.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504))
    with pytest.raises(PlanError, match="old .xls format: save it as an .xlsx workbook"):
        load_path(path)


def test_a_title_row_above_a_per_level_header_is_passed_over(tmp_path: Path):
    path = workbook(
        tmp_path / "plan.xlsx",
        {
            "plan": PLAN_SHEET,
            "milestones": [
                ["Milestones 2011-12"],
                [],
                ["id", "title", "timescale"],
                ["M1", "Audit", "June 11"],
            ],
        },
    )
    plan = load_path(path)
    assert (
        plan.nodes["M1"].timescale == "June 11" and plan.location("M1").cell == "B4"
    )  # (its title)


def test_a_milestone_merged_over_rows_keeps_each_row_s_date(tmp_path: Path):
    # Thurrock's tables merge one action over two rows and date each row.
    path = workbook(
        tmp_path / "plan.xlsx",
        {
            "Plan": [
                ["Objective", "Key milestones", "Lead", "By when"],
                ["Fewer accidents", "Audit and re-audit the junctions", "Road safety", "Sept 11"],
                [None, None, None, "March 12"],
            ],
        },
        merged={"Plan": ["B2:B3", "C2:C3"]},
    )
    plan = load_path(path, period=PERIOD)
    assert plan.nodes["O1.M1"].timescale == "Sept 11; March 12"
    assert (
        og.PlanFacts(plan)
        .timing["O1.M1"]
        .interpretation.endswith("read as 2 dates: September 2011; March 2012")
    )
    assert any("merged over several rows were joined" in n for n in plan.notices)


def test_the_findings_sheet_places_every_finding_where_check_does(tmp_path: Path):
    # Owners and implicit indicators have no row of their own: their findings are placed at the
    # node `check` points to (Southend: owner overloads, OG305 pairs, OG503 on NI 99-101).
    path = tmp_path / "southend.xlsx"
    plan = og.load(MODELS / "southend-cypp-2008-09.yaml")
    write_workbook(plan, path, findings=og.check(plan))
    sheet = openpyxl.load_workbook(path)["findings"]
    # (compared by row: `check` points further along it, at the cell of a milestone's date)
    written = sorted(
        (
            r[1],
            r[3],
            r[8].split("!")[0] + "!" + r[8].split("!")[1].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
        )
        for r in sheet.iter_rows(min_row=2, values_only=True)
        if r[8]
    )
    checked = sorted(
        (
            f.rule,
            f.node,
            f"{f.location.sheet}!{f.location.cell.lstrip('ABCDEFGHIJKLMNOPQRSTUVWXYZ')}",
        )
        for f in og.check(og.load(path)).findings
    )
    assert written == checked and sheet.max_row - 1 == len(written)


def test_a_workbook_s_problems_are_reported_at_once(tmp_path: Path):
    path = workbook(
        tmp_path / "plan.xlsx",
        {
            "plan": PLAN_SHEET,
            "priorities": [
                ["id", "title", "outcomes"],
                ["P1", "Safe", "stay_safe"],
                ["P1", "Healthy", "be_helthy"],
                ["P3", None, "be_healthy"],
            ],
        },
    )
    with pytest.raises(PlanError) as info:
        load_path(path)
    where = {(p.sheet, p.cell): p.message for p in info.value.problems}
    assert (
        "the title of priority P3 is missing" in where[("priorities", "B4")]
    )  # (the schema's problem)
    assert where[("priorities", "A3")].startswith("duplicate id 'P1'")  # (and the build's, at once)
    assert "did you mean 'be_healthy'" in where[("priorities", "C3")]


def test_a_heading_across_the_table_is_the_priority_of_the_rows_that_leave_it_blank(tmp_path: Path):
    # Some tables write each priority once, merged across the table, and leave its column blank
    # in the rows below: there the heading is their priority (written in its column only).
    path = workbook(
        tmp_path / "plan.xlsx",
        {
            "Plan": [
                ["Priority", "Objective", "Key milestones", "Lead", "By when"],
                ["Priority 1: Be healthy"],
                [None, "Fewer conceptions", "Open two clinics", "TP Coordinator", "June 11"],
                ["Priority 2: Stay safe"],
                [None, "Fewer accidents", "Audit junctions", "Road safety", "Sept 11"],
            ],
        },
        merged={"Plan": ["A2:E2", "A4:E4"]},
    )
    plan = load_path(path, period=PERIOD)
    assert [(n.id, n.title) for n in plan.nodes.values()] == [
        ("P1", "Priority 1: Be healthy"),
        ("P1.O1", "Fewer conceptions"),
        ("P1.O1.M1", "Open two clinics"),
        ("P2", "Priority 2: Stay safe"),
        ("P2.O1", "Fewer accidents"),
        ("P2.O1.M1", "Audit junctions"),
    ]
    assert not any("heading" in n for n in plan.notices)


def test_a_field_given_two_columns_is_an_error_at_the_second(tmp_path: Path):
    # Which of two 'title' columns holds the title? Neither is guessed: the second is named.
    path = workbook(
        tmp_path / "plan.xlsx",
        {
            "plan": PLAN_SHEET,
            "milestones": [
                ["id", "title", "timescale", "Title"],
                ["M1", "Audit", "June 11", "Audit the junctions"],
            ],
        },
    )
    problem = first_problem(path)
    assert (problem.sheet, problem.cell) == ("milestones", "D1")
    assert problem.message == "the milestones sheet has two 'Title' columns"


def test_rows_of_one_merged_milestone_give_joint_leads_and_one_copy_of_a_merged_comment(
    tmp_path: Path,
):
    # A milestone merged over two rows whose lead cells differ has both as joint leads (as its
    # dates on each row are joined), named in a notice; a comment merged over both rows is its
    # note once; an indicator code given on both rows of an objective is one reference.
    path = workbook(
        tmp_path / "plan.xlsx",
        {
            "Plan": [
                ["Objective", "Key milestones", "Lead", "Comments", "Indicators"],
                [
                    "Fewer accidents",
                    "Audit the junctions",
                    "Road safety",
                    "Funded by the LTP",
                    "NI 47",
                ],
                [None, None, "Police", None, "NI 47; NI 48"],
            ],
        },
        merged={"Plan": ["A2:A3", "B2:B3", "D2:D3"]},
    )
    plan = load_path(path, period=PERIOD)
    assert list(plan.nodes)[:2] == ["O1", "O1.M1"]
    milestone = plan.nodes["O1.M1"]
    assert milestone.lead == ["Road safety", "Police"] and milestone.notes == "Funded by the LTP"
    assert [r.id for r in plan.nodes["O1"].indicators] == ["NI 47", "NI 48"]
    assert any(
        n.endswith("the leads of a milestone merged over several rows are its joint leads: Plan!C3")
        for n in plan.notices
    )


def test_a_heading_across_the_last_row_of_a_table_is_skipped(tmp_path: Path):
    # Nothing below it fills the first level, so it heads no rows: a footer, not a priority.
    path = workbook(
        tmp_path / "plan.xlsx",
        {
            "Plan": [
                ["Priority", "Objective", "Key milestones", "Lead"],
                ["Be healthy", "Fewer conceptions", "Open two clinics", "TP Coordinator"],
                ["Key: milestones in italics are carried over from 2010-11"],
            ],
        },
        merged={"Plan": ["A3:D3"]},
    )
    plan = load_path(path, period=PERIOD)
    assert [n.title for n in plan.nodes.values()] == [
        "Be healthy",
        "Fewer conceptions",
        "Open two clinics",
    ]
    assert any("row 3 is a heading across the table" in n for n in plan.notices)


def test_a_plan_sheet_beside_a_flat_table_holds_one_row(tmp_path: Path):
    path = workbook(
        tmp_path / "plan.xlsx",
        {
            "plan": [
                ["id", "period.start", "period.end"],
                ["roads", "2011-04-01", "2012-03-31"],
                ["roads-2012", "2012-04-01", "2013-03-31"],
            ],
            "Sheet1": [["Objective", "Key milestones"], ["Fewer accidents", "Audit the junctions"]],
        },
    )
    problem = first_problem(path)
    assert (problem.sheet, problem.cell) == (
        "plan",
        "A3",
    ) and "more than one row" in problem.message


def test_a_vision_sheet_holds_one_row(tmp_path: Path):
    path = workbook(
        tmp_path / "plan.xlsx",
        {
            "plan": PLAN_SHEET,
            "vision": [["title"], ["Every child safe"], ["Every child healthy"]],
            "priorities": [["id", "title"], ["P1", "Safe"]],
        },
    )
    problem = first_problem(path)
    assert (problem.sheet, problem.cell) == (
        "vision",
        "A3",
    ) and "more than one row" in problem.message


def test_a_priority_whose_parent_is_a_priority_stays_on_its_own(tmp_path: Path):
    # Only a level above holds a node nested; a priority under a priority keeps its parent field.
    path = workbook(
        tmp_path / "plan.xlsx",
        {
            "plan": PLAN_SHEET,
            "priorities": [
                ["id", "parent", "title"],
                ["P1", None, "Safe"],
                ["P2", "P1", "Safe at home"],
            ],
        },
    )
    plan = load_path(path)
    assert [p.id for p in plan.document.priorities] == ["P1", "P2"]
    assert plan.document.priorities[1].parent == "P1" and plan.parents["P2"] == ("P1",)


def test_the_parent_column_holds_several_parents_separated_by_semicolons(tmp_path: Path):
    # The per-level form's parent column is `parent`, and lists of texts are ';'-separated.
    sheets: dict[str, list[list[object]]] = {
        "plan": PLAN_SHEET,
        "aims": [["id", "title"], ["A1", "Safe"], ["A2", "Healthy"], ["A;3", "Odd id"]],
        "objectives": [
            ["id", "parent", "title"],
            ["O1", "A1; A2", "Fewer accidents"],
            ["O2", "A\\;3", "Odd parent"],
            ["O3", "A1;", "One parent"],
        ],
    }
    plan = load_path(workbook(tmp_path / "plan.xlsx", sheets))
    assert (
        plan.parents["O1"] == ("A1", "A2")
        and plan.parents["O2"] == ("A;3",)
        and plan.parents["O3"] == ("A1",)
    )
    # written back, an id with a ';' is escaped, and reads back as it was
    for out in (tmp_path / "again.xlsx", tmp_path / "again"):
        (write_workbook if out.suffix else write_csv_folder)(plan, out)
        assert load_path(out).parents == plan.parents
    # both columns on one row: which is meant?
    sheets["objectives"] = [
        ["id", "parent", "parents", "title"],
        ["O1", "A1; A2", "A1", "Fewer accidents"],
    ]
    problem = first_problem(workbook(tmp_path / "both.xlsx", sheets))
    assert (problem.sheet, problem.cell) == (
        "objectives",
        "C2",
    ) and "parent or parents, not both" in problem.message


def test_a_due_row_gives_a_date_or_a_range_not_both(tmp_path: Path):
    path = workbook(
        tmp_path / "plan.xlsx",
        {
            "plan": PLAN_SHEET,
            "milestones": [["id", "title"], ["M1", "Audit"]],
            "due": [["node", "due", "from", "to"], ["M1", "2011-07", "2011-08", None]],
        },
    )
    problem = first_problem(path)
    assert (problem.sheet, problem.cell) == ("due", "A2")
    assert problem.message == "give either 'due' or 'from' and 'to' in one row"


def test_a_period_of_months_ends_on_the_last_day_of_its_last_month():
    assert parse_period("2011-04..2011-12") == (date(2011, 4, 1), date(2011, 12, 31))
    assert parse_period("2011-01..2012-02") == (date(2011, 1, 1), date(2012, 2, 29))
    assert parse_period("2011..2012") == (date(2011, 1, 1), date(2012, 12, 31))
    # one YYYY-YY alone is a financial year only when the second year follows the first
    assert parse_period("1999-00") == (date(1999, 4, 1), date(2000, 3, 31))
    for bad in ("2011-05", "2011-11"):
        with pytest.raises(ConfigError, match="financial year"):
            parse_period(bad)


def test_a_note_above_a_per_level_header_naming_one_field_is_passed_over(tmp_path: Path):
    # The header is the first row that names two of the sheet's fields, not one.
    path = workbook(
        tmp_path / "plan.xlsx",
        {
            "plan": PLAN_SHEET,
            "milestones": [
                ["Notes", "Updated each quarter by the board"],
                ["id", "title", "timescale"],
                ["M1", "Audit", "June 11"],
            ],
        },
    )
    plan = load_path(path)
    assert plan.nodes["M1"].timescale == "June 11" and plan.location("M1").cell == "B3"


def test_an_objective_s_milestoneless_rows_keep_its_timescale_once_and_outcomes_split_at_commas(
    tmp_path: Path,
):
    path = workbook(
        tmp_path / "plan.xlsx",
        {
            "Plan": [
                ["Objective", "Key milestones", "Lead", "By when", "Outcomes"],
                ["Fewer accidents", None, "Road safety", "2011-12", "Stay Safe, Be Healthy"],
                ["Fewer accidents", None, None, "2011-12", None],
                [None, "Audit the junctions", "Road safety", "June 11", None],
            ],
        },
    )
    plan = load_path(path, period=PERIOD)
    assert list(plan.nodes) == ["O1", "O1.M1"]
    objective = plan.nodes["O1"]
    assert objective.notes == "Timescale: 2011-12" and objective.outcomes == [
        "stay_safe",
        "be_healthy",
    ]
    kept = [n for n in plan.notices if "kept in that node's notes" in n]
    assert len(kept) == 1 and kept[0].endswith(": Plan!D2 (O1)")


def test_a_row_that_fills_no_level_column_is_ignored_with_a_notice(tmp_path: Path):
    path = workbook(
        tmp_path / "plan.xlsx",
        {
            "Plan": [
                ["Objective", "Key milestones", "Lead", "Comments"],
                ["Fewer accidents", "Audit the junctions", "Road safety", None],
                [None, None, "Police", "See the annex for the police's part"],
            ],
        },
    )
    plan = load_path(path, period=PERIOD)
    assert list(plan.nodes) == ["O1", "O1.M1"] and plan.nodes["O1.M1"].lead == "Road safety"
    assert (
        f"{path}:Plan!C3: row 3 fills no level column (C3 'Police', D3 \"See the annex for the "
        "police's part\"); ignored"
    ) in plan.notices


def test_a_heading_over_a_repeated_header_row_is_the_priority_of_the_rows_below_it(tmp_path: Path):
    # The header repeated under each heading is passed over in deciding whether the rows below
    # leave the first level blank.
    header = ["Priority", "Objective", "Key milestones"]
    path = workbook(
        tmp_path / "plan.xlsx",
        {
            "Plan": [
                header,
                ["Priority 1: Be healthy"],
                header,
                [None, "Fewer conceptions", "Open two clinics"],
            ],
        },
        merged={"Plan": ["A2:C2"]},
    )
    plan = load_path(path, period=PERIOD)
    assert [(n.id, n.title) for n in plan.nodes.values()] == [
        ("P1", "Priority 1: Be healthy"),
        ("P1.O1", "Fewer conceptions"),
        ("P1.O1.M1", "Open two clinics"),
    ]
    assert any("row 3 repeats the header row" in n for n in plan.notices)


def test_indicators_in_a_table_of_milestones_alone_are_ignored_with_a_notice(tmp_path: Path):
    path = workbook(
        tmp_path / "plan.xlsx",
        {
            "Plan": [
                ["Key milestones", "Lead", "Indicators"],
                ["Audit the junctions", "Road safety", "NI 47"],
            ],
        },
    )
    plan = load_path(path, period=PERIOD)
    assert list(plan.nodes) == ["M1"]
    assert (
        f"{path}:Plan!C2: indicators on a row with no priority, aim or objective; ignored"
        in plan.notices
    )


def test_a_vision_without_an_id_is_v(tmp_path: Path):
    path = workbook(
        tmp_path / "plan.xlsx",
        {
            "plan": PLAN_SHEET,
            "vision": [["title"], ["Every child safe, healthy and achieving"]],
            "priorities": [["id", "title"], ["P1", "Safe"]],
        },
    )
    plan = load_path(path)
    assert plan.document.vision is not None and plan.document.vision.id == "V"
    assert plan.location("V").sheet == "vision"


def test_a_missing_column_is_reported_at_the_header_row_under_a_title_row(tmp_path: Path):
    path = workbook(
        tmp_path / "plan.xlsx",
        {
            "plan": PLAN_SHEET,
            "milestones": [
                ["Milestones 2011-12"],
                [],
                ["id", "timescale", "RAG"],
                ["M1", "June 11", "green"],
            ],
        },
    )
    problem = first_problem(path)
    assert (problem.sheet, problem.cell) == ("milestones", "A3")
    assert problem.message == "the milestones sheet has no 'title' column (its header row is row 3)"


def test_an_indicator_reference_row_may_name_the_indicator_in_an_id_column(tmp_path: Path):
    path = workbook(
        tmp_path / "plan.xlsx",
        {
            "plan": PLAN_SHEET,
            "objectives": [["id", "title", "indicators"], ["O1", "Fewer accidents", "NI 47"]],
            "indicator_refs": [
                ["node", "id", "title"],
                ["O1", "NI 47", "Fewer people hurt on our roads"],
            ],
        },
    )
    plan = load_path(path)
    assert [(r.id, r.title) for r in plan.nodes["O1"].indicators] == [
        ("NI 47", "Fewer people hurt on our roads")
    ]


def test_indicator_codes_in_a_flat_table_may_be_separated_by_commas_or_lines(tmp_path: Path):
    path = workbook(
        tmp_path / "plan.xlsx",
        {
            "Plan": [
                ["Objective", "Key milestones", "Indicators"],
                ["Fewer accidents", "Audit the junctions", "NI 47, NI 48\nLocal road survey"],
            ],
        },
    )
    plan = load_path(path, period=PERIOD)
    assert [r.id for r in plan.nodes["O1"].indicators] == ["NI 47", "NI 48", "Local road survey"]


def test_per_level_sheets_may_be_named_in_the_singular(tmp_path: Path):
    path = workbook(
        tmp_path / "plan.xlsx",
        {
            "Plan": PLAN_SHEET,
            "Priority": [["id", "title"], ["P1", "Safe"]],
            "Milestone": [["id", "parent", "title"], ["M1", "P1", "Audit the junctions"]],
            "Indicator": [["id", "title"], ["NI 47", "People killed or seriously injured"]],
        },
    )
    plan = load_path(path)
    assert list(plan.nodes) == ["P1", "M1", "NI 47"] and plan.parents["M1"] == ("P1",)
    assert plan.location("M1").sheet == "Milestone"


def test_a_strategic_objective_column_is_the_aim_level(tmp_path: Path):
    # Plans that call their aims strategic objectives list objectives under them.
    path = workbook(
        tmp_path / "plan.xlsx",
        {
            "Plan": [
                ["Strategic objective", "Objective", "Key actions"],
                ["Keep children safe", "Fewer accidents", "Audit the junctions"],
            ],
        },
    )
    plan = load_path(path, period=PERIOD)
    assert [(n.id, n.kind) for n in plan.nodes.values()] == [
        ("A1", "aim"),
        ("A1.O1", "objective"),
        ("A1.O1.M1", "milestone"),
    ]


def test_a_row_of_a_sheet_of_targets_without_its_node_is_an_error_at_the_node_cell(tmp_path: Path):
    path = workbook(
        tmp_path / "plan.xlsx",
        {
            "plan": PLAN_SHEET,
            "indicators": [["id", "title"], ["NI 47", "People killed or seriously injured"]],
            "targets": [
                ["node", "period", "value"],
                ["NI 47", "2011-12", 30],
                [None, "2012-13", 28],
            ],
        },
    )
    with pytest.raises(PlanError) as info:
        load_path(path)
    [problem] = info.value.problems  # (the row is not read further: one problem, at its cell)
    assert (problem.sheet, problem.cell) == ("targets", "A3")
    assert (
        problem.message
        == "the targets sheet's 'node' cell is blank: name the item the row belongs to"
    )


def test_a_cell_merged_sideways_belongs_to_its_first_column_alone(tmp_path: Path):
    # An objective with no milestone yet, its cell merged across the milestone column beside it:
    # a person reads an objective, not a milestone of the same words. A milestone merged across
    # the lead column has no lead of its own words. (A range merged down still repeats in each row.)
    path = workbook(
        tmp_path / "plan.xlsx",
        {
            "Plan": [
                ["Priority", "Objective", "Key milestones", "Lead", "By when"],
                ["Be healthy", "Fewer conceptions", None, "TP Coordinator", "June 11"],
                [None, "Fewer accidents", "Audit the junctions", None, "Sept 11"],
                [None, None, "Repaint the crossings", "Road safety", "March 12"],
            ],
        },
        merged={"Plan": ["B2:C2", "C3:D3", "B3:B4"]},
    )
    plan = load_path(path, period=PERIOD)
    assert [(n.id, n.kind, n.title) for n in plan.nodes.values()] == [
        ("P1", "priority", "Be healthy"),
        ("P1.O1", "objective", "Fewer conceptions"),
        ("P1.O2", "objective", "Fewer accidents"),
        ("P1.O2.M1", "milestone", "Audit the junctions"),
        ("P1.O2.M2", "milestone", "Repaint the crossings"),
    ]
    # the row of the objective alone: its lead is the objective's, its timescale in its notes
    objective = plan.nodes["P1.O1"]
    assert objective.lead == "TP Coordinator" and objective.notes == "Timescale: June 11"
    assert plan.nodes["P1.O2.M1"].lead is None and plan.nodes["P1.O2.M2"].lead == "Road safety"
    assert plan.location("P1.O1").cell == "B2"


@pytest.mark.parametrize(
    ("header", "role"),
    [
        # words that end in "s", or do not, as written: no
        # letter is taken off a word that is not a plural
        ("By whom", "lead"),
        ("Whom", "lead"),
        ("By Whom?", "lead"),
        ("Who", "lead"),
        ("Status", "status"),
        ("Progress", None),
        ("Process", None),
        ("RAG status", "rag"),
        ("Progress (RAG)", "rag"),
        # plurals: those listed, and those read as the singular the table lists
        ("Leads", "lead"),
        ("Lead officers", "lead"),
        ("Key milestones", "level:milestone"),
        ("Pillars", "level:priority"),
        ("Deadlines", "timescale"),
        ("Target dates", "timescale"),
        ("Completion dates", "timescale"),
        ("Timeframes", "timescale"),
        ("Due dates", "due"),
        ("Milestone IDs", "id:milestone"),
        ("Objective(s)", "level:objective"),
        ("Lead officer/s", "lead"),
    ],
)
def test_flat_headers_keep_their_last_letter_and_plurals_are_recognised(
    header: str, role: str | None
):
    from outcome_graph.loading.sheet_layout import flat_role

    assert flat_role(header) == role


def test_a_by_whom_column_is_the_lead_and_a_deadlines_column_the_timescale(tmp_path: Path):
    path = workbook(
        tmp_path / "plan.xlsx",
        {
            "Plan": [
                ["Objective", "Key actions", "By whom", "Deadlines", "Status"],
                ["Fewer accidents", "Audit the junctions", "Road safety", "Sept 11", "on_track"],
            ],
        },
    )
    plan = load_path(path, period=PERIOD)
    milestone = plan.nodes["O1.M1"]
    assert (milestone.lead, milestone.timescale, milestone.status) == (
        "Road safety",
        "Sept 11",
        "on_track",
    )
    assert not any("columns the reader does not know" in n for n in plan.notices)


SHARED_ID_PLAN = """format: outcome-graph/v1
plan: {id: p, period: {start: 2011-04-01, end: 2012-03-31}}
owners: [{id: X1, name: Road safety team, capacity: 1}]
groups: [{id: X1, title: Corporate priority, members: [X1, NOPE]}]
priorities:
  - {id: P1, title: Safe, objectives: [{id: O1, title: Fewer accidents, milestones: [
      {id: M1, title: Audit the junctions, lead: X1, timescale: June 11},
      {id: M2, title: Repaint the crossings, lead: X1, timescale: Sept 11}]}]}
  - {id: X1, title: Healthy}
"""


def test_findings_of_an_owner_a_group_and_a_node_sharing_one_id_link_to_their_own_rows(
    tmp_path: Path,
):
    # The owner's overload (OG302), the group's unknown member (OG104) and the priority's empty
    # branch (OG101) are about three things called X1: each is placed at its own line by `check`,
    # and each link of the findings sheet goes to its own row.
    source = tmp_path / "plan.yaml"
    source.write_text(SHARED_ID_PLAN, encoding="utf-8")
    plan = og.load(source)
    findings = {f.rule: f for f in og.check(plan).findings if f.node == "X1"}
    assert {rule: (f.kind, f.location.line) for rule, f in findings.items()} == {
        "OG302": ("owner", 3),
        "OG104": ("group", 4),
        "OG101": ("priority", 9),
    }
    path = tmp_path / "plan.xlsx"
    write_workbook(plan, path, findings=og.check(plan))
    book = openpyxl.load_workbook(path)
    links = {
        r[1]: r[8] for r in book["findings"].iter_rows(min_row=2, values_only=True) if r[3] == "X1"
    }
    title = "ABCDEFGHIJ"[[c.value for c in book["priorities"][1]].index("title")]
    group_title = "ABCDEFGHIJ"[[c.value for c in book["groups"][1]].index("title")]
    assert links == {
        "OG302": "owners!A2",
        "OG104": f"groups!{group_title}2",
        "OG101": f"priorities!{title}3",
    }
    assert book["owners"]["A2"].value == "X1" and book["groups"]["A2"].value == "X1"
    assert book["priorities"][f"{title}3"].value == "Healthy"
    # and `check` of the workbook places them at the same rows
    checked = {
        f.rule: f"{f.location.sheet}!{f.location.cell}"
        for f in og.check(og.load(path)).findings
        if f.node == "X1"
    }
    assert checked == links


def test_a_blank_level_cell_repeats_only_under_the_same_parent_and_a_title_seen_again_is_one_node(
    tmp_path: Path,
):
    # (docs/format.md, "where the specification is silent": how a flat table's blank and repeated
    # level cells are read)
    path = tmp_path / "table.csv"
    path.write_text(
        "Priority,Aim,Objective,Key milestones,Lead\n"
        "Be safe,Reduce harm,Fewer injuries,Audit junctions,Road safety\n"
        ",,,Train wardens,Road safety\n"  # (blank cells: the same aim and objective)
        ",Second aim,,Survey parents,SILS\n"  # (a new aim: the blank objective is left out)
        "Be healthy,Eat well,Free meals,Open kitchens,EYFC\n"
        "be  SAFE,Reduce harm,Fewer injuries,Light crossings,Road safety\n"
    )  # (P1.A1.O1 again)
    plan = load_path(path, period=PERIOD)
    assert plan.parents["P1.A1.O1.M2"] == ("P1.A1.O1",)
    assert plan.parents["P1.A2.M1"] == ("P1.A2",) and "P1.A2.O1" not in plan.nodes
    assert plan.parents["P1.A1.O1.M3"] == ("P1.A1.O1",) and "P3" not in plan.nodes
    assert [f.node for f in og.check(plan).by_rule("OG106")] == ["P1.A2.M1"]


def test_a_due_date_on_a_row_without_a_milestone_says_to_move_it_to_a_milestone_s_row(
    tmp_path: Path,
):
    # The format gives only milestones a due date (a YAML plan's objective with one is refused): on
    # an objective's row the error named the field, not what to do with the date in the table.
    path = tmp_path / "table.csv"
    path.write_text(
        "Priority,Objective,Action,Lead,Due\nBe safe,Fewer injuries,,Bob,2011-07\n"
        ",,Light crossings,Bob,2011-09\n"
    )
    with pytest.raises(PlanError) as info:
        load_path(path, period=PERIOD)
    [problem] = info.value.problems
    assert (problem.line, problem.cell) == (2, "E2")
    assert problem.message == (
        "column E: due '2011-07' is on the row of objective P1.O1, which names no milestone, and "
        "an objective has no due date (only milestones have one): move it to the row of the "
        "milestone it dates, or write that milestone in this row"
    )
    book = workbook(
        tmp_path / "table.xlsx",
        {
            "Actions": [
                ["Priority", "Objective", "Action", "Due date"],
                ["Be safe", "Fewer injuries", None, "2011-07"],
            ]
        },
    )
    result = run("check", str(book), "--period", PERIOD)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.startswith(
        f"error: {book}:Actions!D2: due '2011-07' is on the row of objective P1.O1, which names "
        "no milestone"
    )


def test_a_per_level_sheet_s_column_of_another_level_s_field_is_an_error_at_its_first_value(
    tmp_path: Path,
):
    # A due date or timescale column on the objectives sheet was ignored, with a notice, and its
    # dates lost; a YAML plan refuses them on an objective. The error names the cell and the sheet
    # to move them to; a column of them left blank is still passed over with the notice.
    model = og.load(MODELS / "thurrock-cypp-2011-12.yaml")
    write_plan(model, path := tmp_path / "thurrock.xlsx")
    book = openpyxl.load_workbook(path)
    objectives = book["objectives"]
    (
        objectives.cell(1, 10, "Due"),
        objectives.cell(1, 11, "timescale"),
        objectives.cell(1, 12, "depends_on"),
    )
    objectives["J4"], objectives["K2"] = "2011-07", "June 11"
    book["milestones"].cell(1, 10, "indicators").value = "indicators"
    book["milestones"]["J3"] = "NI 72"
    book.save(path)
    result = run("check", str(path))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        f"error: {path}:objectives!J4: 'Due' is a field of milestones, not of an objective: move "
        "the column's values to the milestones sheet (the cell holds '2011-07')",
        f"error: {path}:objectives!K2: 'timescale' is a field of milestones, not of an "
        "objective: move the column's values to the milestones sheet (the cell holds 'June 11')",
        f"error: {path}:milestones!J3: 'indicators' is a field of priorities, aims and "
        "objectives, not of a milestone: move the column's values to the sheet of the level "
        "each belongs to (the cell holds 'NI 72')",
    ]
    objectives["J4"], objectives["K2"] = None, None
    book["milestones"]["J3"] = None
    book.save(path)
    assert any(
        n.startswith(
            f"{path}: columns the reader does not know were not read: objectives!J1 'Due', "
            "objectives!K1 'timescale', objectives!L1 'depends_on', milestones!J1 'indicators'; "
        )
        for n in load_path(path).notices
    )


def test_a_due_sheet_row_naming_an_objective_says_to_name_its_milestone(tmp_path: Path):
    folder = csv_plan(
        tmp_path / "plan-csv",
        objectives="id,title\nO1,Fewer injuries\n",
        milestones="id,parent,title\nM1,O1,Light crossings\n",
        due="node,due\nO1,2011-07\n",
    )
    problem = first_problem(folder)
    assert (problem.file, problem.line) == (str(folder / "due.csv"), 2)
    assert problem.message == (
        "column A: 'O1' is an objective, which has no due date (only milestones have one): "
        "write the id of the milestone it dates in this cell"
    )


def _formatted(path: Path, sheet: str, formats: dict[str, str]) -> Path:
    """The workbook with number formats given to some cells (as a user formats them in a spreadsheet
    program)."""
    wb = openpyxl.load_workbook(path)
    for ref, fmt in formats.items():
        wb[sheet][ref].number_format = fmt
    wb.save(path)
    return path


def test_codes_a_spreadsheet_program_made_numbers_read_as_shown_and_are_named_in_a_notice(
    tmp_path: Path,
):
    # Typed into a cell not formatted as Text, "1.10" is the number 1.1 and "007" the number 7:
    # the number a cell shows under its own format (0.00, 000) is read as that text; a code held
    # as a number is named in a notice with its sheet and cell, as what was typed may be lost.
    path = workbook(
        tmp_path / "plan.xlsx",
        {
            "plan": PLAN_SHEET,
            "priorities": [["id", "number", "title"], ["P1", 1, "Achieve"]],
            "aims": [
                ["id", "parent", "number", "title"],
                ["P1.A1", "P1", 1.1, "Attain"],
                [7, "P1", 1.2, "Attend"],
                [8, "P1", 1.1, "Engage"],
            ],
        },
    )
    _formatted(path, "aims", {"C3": "0.00", "A3": "000"})
    plan = load_path(path)
    assert plan.nodes["P1"].number == "1" and plan.nodes["P1.A1"].number == "1.1"
    assert plan.nodes["007"].number == "1.20" and plan.nodes["8"].number == "1.1"
    notices = "\n".join(plan.notices)
    assert "aims!C2 number: the number 1.1, read as '1.1'" in notices
    assert "aims!A4 id: the number 8, read as '8'" in notices
    # (a whole number in the number column loses nothing:
    # 1; nor does one shown under its own format)
    assert "priorities!" not in notices and "aims!C3" not in notices and "aims!A3" not in notices


def test_ids_typed_apart_that_a_spreadsheet_program_made_one_number_are_named_at_both_cells(
    tmp_path: Path,
):
    # Typed into cells not formatted as Text, "1.1" and "1.10" are both the number 1.1: the
    # duplicate id names both cells and says what happened, in both forms; shown under a format of
    # its own (0.00), the number is read as shown and there is no duplicate.
    path = workbook(
        tmp_path / "plan.xlsx",
        {
            "plan": PLAN_SHEET,
            "objectives": [["id", "title"], ["O1", "Attain"]],
            "milestones": [
                ["id", "parent", "title"],
                [1.1, "O1", "Audit"],
                [1.2, "O1", "Review"],
                [1.1, "O1", "Report"],
            ],
        },
    )
    problem = first_problem(path)
    assert (problem.sheet, problem.cell) == ("milestones", "A4")
    assert problem.message == (
        "duplicate id '1.1' (first used at milestones!A2); ids must be unique across the plan; "
        "milestones!A2 and milestones!A4 hold the number 1.1, which is what a spreadsheet "
        "program makes of 1.10 typed into a cell not formatted as Text (so 1.1 and 1.10 become "
        "one id): format the id column as Text and retype the ids as written"
    )
    result = run("check", str(path))
    assert (
        result.returncode == 2
        and "Traceback" not in result.stderr
        and "milestones!A4" in result.stderr
    )
    _formatted(path, "milestones", {"A4": "0.00"})
    assert [m.id for m in load_path(path).of_kind("milestone")] == ["1.1", "1.2", "1.10"]
    flat = workbook(
        tmp_path / "table.xlsx",
        {"T": [["Milestone ID", "Key milestones"], [1.1, "Audit"], ["1.1", "Review"]]},
    )
    with pytest.raises(PlanError) as info:
        load_path(flat, period=PERIOD)
    [problem] = info.value.problems
    assert (problem.sheet, problem.cell) == ("T", "A3")
    # (only the cell that holds a number is named as one: the other is text)
    assert problem.message.endswith(
        "; T!A2 holds the number 1.1, which is what a spreadsheet program makes of 1.10 "
        "typed into a cell not formatted as Text (so 1.1 and 1.10 become one id): format "
        "the id column as Text and retype the ids as written"
    )


def test_a_duplicate_id_typed_as_text_says_nothing_of_numbers(tmp_path: Path):
    flat = workbook(
        tmp_path / "table.xlsx",
        {"T": [["Milestone ID", "Key milestones"], ["1.1", "Audit"], ["1.1", "Review"]]},
    )
    with pytest.raises(PlanError) as info:
        load_path(flat, period=PERIOD)
    assert [p.message for p in info.value.problems] == [
        "duplicate id '1.1' (first used at T!A2); ids must be unique across the plan"
    ]


def test_a_timescale_a_spreadsheet_program_made_a_date_is_read_as_it_shows(tmp_path: Path):
    # "June 11" typed in a cell becomes 11 June of the year it was typed, shown 11-Jun: read as the
    # year the program guessed it would be a date years away from the plan. It is read as the
    # program shows it and named in a notice, in both forms; a whole date (with its year) is a date.
    path = workbook(
        tmp_path / "plan.xlsx",
        {
            "plan": PLAN_SHEET,
            "milestones": [
                ["id", "title", "timescale", "due"],
                ["M1", "Audit", datetime(2026, 6, 11)],
                ["M2", "Review", datetime(2011, 9, 30), datetime(2011, 9, 30)],
                ["M3", "Report", None, datetime(2011, 6, 11)],
            ],
        },
    )
    _formatted(
        path, "milestones", {"C2": "d-mmm", "C3": "dd/mm/yyyy", "D3": "dd/mm/yyyy", "D4": "d-mmm"}
    )
    plan = load_path(path)
    assert plan.nodes["M1"].timescale == "11-Jun"
    assert plan.nodes["M2"].timescale == "2011-09-30" and plan.nodes["M2"].due == "2011-09-30"
    assert (
        plan.nodes["M3"].due == "2011-06-11"
    )  # (a due date is a date; the notice asks for its year)
    notices = "\n".join(plan.notices)
    assert "milestones!C2 timescale: the date 2026-06-11, read as '11-Jun'" in notices
    assert "milestones!D4 due: the date 2011-06-11, read as '2011-06-11'" in notices
    assert "!C3" not in notices and "!D3" not in notices
    assert not og.check(plan).by_rule(
        "OG402"
    )  # (the timescale reads as 11 June in the plan period)

    flat = workbook(
        tmp_path / "table.xlsx",
        {
            "Sheet1": [
                ["Objective", "Key milestones", "By when"],
                ["Fewer accidents", "Audit the junctions", datetime(2026, 6, 11)],
            ],
        },
    )
    _formatted(flat, "Sheet1", {"C2": "d-mmm"})
    plan = load_path(flat, period=PERIOD)
    assert plan.nodes["O1.M1"].timescale == "11-Jun"
    assert "Sheet1!C2 timescale: the date 2026-06-11, read as '11-Jun'" in "\n".join(plan.notices)


def test_a_number_formatted_as_a_date_that_no_date_can_be_says_so_at_its_cell(tmp_path: Path):
    # 99999999 typed in a due column formatted dd/mm/yyyy is past the year 9999 (the program shows
    # ####), and -10000000 long before its first: openpyxl reads such a cell as the error #VALUE!,
    # which was reported as a formula that could not be worked out. The cell holds no formula.
    path = workbook(
        tmp_path / "plan.xlsx",
        {
            "plan": PLAN_SHEET,
            "milestones": [
                ["id", "title", "due"],
                ["M1", "Audit", 99999999],
                ["M2", "Review", -(10**7)],
                ["M3", "Report", "#VALUE!"],
            ],
        },
    )
    wb = openpyxl.load_workbook(path)
    ws = wb["milestones"]
    for ref, fmt in {"C2": "dd/mm/yyyy", "C3": "d-mmm", "C4": "dd/mm/yyyy"}.items():
        ws[ref].number_format = fmt
    ws["C4"].data_type = "e"  # (an error pasted as a value: no date at all)
    wb.save(path)
    with pytest.raises(PlanError) as info:
        load_path(path)
    by_cell = {p.cell: p.message for p in info.value.problems if p.sheet == "milestones"}
    for cell in ("C2", "C3"):
        assert by_cell[cell].startswith(
            "the cell holds a number formatted as a date, but no date can be that number"
        )
    assert by_cell["C4"].startswith(
        "the cell holds the error #VALUE! (a formula that could not be worked out)"
    )


def test_a_change_typed_as_a_percentage_stays_relative(tmp_path: Path):
    # "-29.6%" typed in a cell is the number -0.296 shown as a percentage: a value's `change` is
    # text, and a relative change is not an absolute one of -29.6, so it is read as shown.
    path = workbook(
        tmp_path / "plan.xlsx",
        {
            "plan": PLAN_SHEET,
            "indicators": [
                [
                    "id",
                    "title",
                    "direction",
                    "baseline.period",
                    "baseline.value",
                    "target.period",
                    "target.change",
                    "target.value",
                ],
                ["NI 72", "Early years", "increase", "2010-11", 0.56, "2011-12", -0.296, 0.4],
                ["NI 73", "Key stage 2", "increase", "2010-11", 71, "2011-12", 2.5, None],
            ],
        },
    )
    _formatted(path, "indicators", {"G2": "0.0%", "E2": "0%", "H2": "0%"})
    plan = load_path(path)
    ind = plan.nodes["NI 72"]
    assert ind.target.change == "-29.6%" and (ind.baseline.value, ind.target.value) == (56, 40)
    # (a change typed as a number loses nothing: +2.5 is 2.5, so no notice names it)
    assert plan.nodes["NI 73"].target.change == "2.5"
    assert not any("change" in n.replace(str(path), "") for n in plan.notices)
    # (the values shown as percentages give the indicator its unit; a change is no value of it)
    assert (ind.unit, plan.nodes["NI 73"].unit) == ("percent", None)


def test_a_per_level_sheet_with_its_header_pasted_again_skips_that_row(tmp_path: Path):
    # Rows pasted from another copy of the sheet bring its header with them: as in the flat form,
    # that row is skipped with a notice, not read as a milestone numbered "number" due "due".
    header = ["id", "parent", "number", "title", "timescale", "due", "status"]
    path = workbook(
        tmp_path / "plan.xlsx",
        {
            "plan": PLAN_SHEET,
            "milestones": [
                header,
                ["M1", None, "1", "Audit", "June 11", None, "done"],
                [None],
                header,
                ["M2", None, "2", "Review", "Sept 11", "2011-09", None],
            ],
        },
    )
    plan = load_path(path)
    assert list(plan.nodes) == ["M1", "M2"]
    assert "plan.xlsx:milestones!A4: row 4 repeats the header row; skipped" in "\n".join(
        plan.notices
    )


def test_dates_a_spreadsheet_program_rewrote_in_a_csv_file_are_errors_saying_what_to_write(
    tmp_path: Path,
):
    # Opened and saved in a spreadsheet program, 2011-04-01 becomes 01/04/2011 (read as that date in
    # a due column, as English plans write dates, but a plan period is written for the tool), a due
    # month 2011-07 becomes Jul-11 and a financial year 2008-09 Sep-08: each is an error at its cell
    # that says what the program did and what was most likely written.
    folder = tmp_path / "plan-csv"
    folder.mkdir()
    (folder / "plan.csv").write_text(
        "format,id,period.start,period.end\noutcome-graph/v1,p,01/04/2011,2012-03-31\n"
    )
    (folder / "milestones.csv").write_text(
        "id,title,due\nM1,Audit,Jul-11\nM2,Review,31/07/2011\nM3,Report,Autumn\n"
    )
    (folder / "indicators.csv").write_text(
        "id,title,baseline.period,baseline.value\nNI 72,Early years,Sep-08,56\n"
    )
    with pytest.raises(PlanError) as info:
        load_path(folder)
    by_cell = {(Path(p.file or "").stem, p.cell): p.message for p in info.value.problems}
    assert by_cell[("plan", "C2")].endswith(
        "a spreadsheet program shows 2011-07-31 as 31/07/2011 (and saves it so in "
        "a CSV file): write 2011-04-01 if that is what was meant, in a cell "
        "formatted as Text"
    )
    assert "write 2011-07 if that is what was meant" in by_cell[("milestones", "C2")]
    assert (
        "milestones",
        "C3",
    ) not in by_cell  # (a due date day first is the date it names, 2011-07-31)
    assert "spreadsheet program" not in by_cell[("milestones", "C4")]
    assert "write 2008-09 if that is what was meant" in by_cell[("indicators", "C2")]


@pytest.mark.parametrize(
    "typed, due",
    [
        ("31/03/2012", "2012-03-31"),
        ("1/4/11", "2011-04-01"),
        ("31.03.2012", "2012-03-31"),
        ("31-03-2012", "2012-03-31"),
        ("31 March 2012", "2012-03-31"),
        ("31st March 2012", "2012-03-31"),
        ("1st Sept 2011", "2011-09-01"),
        ("30-Sep-2011", "2011-09-30"),
        ("Friday 30th March 2012", "2012-03-30"),
        (datetime(2012, 3, 31), "2012-03-31"),
    ],
)
def test_a_due_date_typed_as_english_plans_write_it_is_that_date(
    tmp_path: Path, typed: object, due: str
):
    # The template's due column is Text: a date typed there day first, or in words, stays text,
    # and a date typed in a column of another format is a date cell; each is the date it names.
    path = tmp_path / "plan.xlsx"
    book = template_workbook(path)
    header = [c.value for c in book["milestones"][1]]
    row = [None] * len(header)
    row[header.index("id")], row[header.index("title")], row[header.index("due")] = (
        "M1",
        "Audit",
        typed,
    )
    book["milestones"].append(row)
    book.save(path)
    assert str(load_path(path).nodes["M1"].due) == due
    flat = workbook(
        tmp_path / "table.xlsx", {"Sheet1": [["Key milestones", "Due"], ["Audit", typed]]}
    )
    assert str(load_path(flat, period=PERIOD).nodes["M1"].due) == due
    if isinstance(typed, str):
        folder = csv_plan(
            tmp_path / "plan-csv",
            milestones=f"id,title,due.from,due.to\nM1,Audit,2011-04,{typed}\n",
        )
        assert str(load_path(folder).nodes["M1"].due.to) == due  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "typed, why",
    [
        (
            "31/02/2012",
            "'31/02/2012' is no date: February 2012 has 29 days (dates are read day first, "
            "31/03/2012)",
        ),
        (
            "12/31/2012",
            "'12/31/2012' is no date: there is no month 31 (dates are read day first, 31/03/2012)",
        ),
    ],
)
def test_a_due_date_typed_day_first_that_names_no_day_is_an_error_at_its_cell(
    tmp_path: Path, typed: str, why: str
):
    flat = workbook(
        tmp_path / "table.xlsx",
        {"Sheet1": [["Key milestones", "Due"], ["Audit", "31/03/2012"], ["Review", typed]]},
    )
    with pytest.raises(PlanError) as info:
        load_path(flat, period=PERIOD)
    [problem] = info.value.problems
    assert (problem.file, problem.sheet, problem.cell) == (str(flat), "Sheet1", "B3")
    assert problem.message == f"due: {why}; write the date as 2012-03-31 or 31/03/2012"
    result = run("check", str(flat), "--period", PERIOD)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"{flat}:Sheet1!B3: due: {why}" in result.stderr


def test_due_text_that_is_no_date_is_an_error_naming_its_cell(tmp_path: Path):
    flat = workbook(
        tmp_path / "table.xlsx", {"Sheet1": [["Key milestones", "Due"], ["Audit", "when ready"]]}
    )
    with pytest.raises(PlanError) as info:
        load_path(flat, period=PERIOD)
    [problem] = info.value.problems
    assert (problem.sheet, problem.cell) == ("Sheet1", "B2")
    assert "'when ready' is not a valid due value" in problem.message


def test_choices_written_as_a_person_writes_them_in_a_cell(tmp_path: Path):
    # A tracker's status column says "On track" and "Done", not on_track and done; a choice
    # written with capitals and spaces is the format's word, in both forms. Other words are errors.
    path = workbook(
        tmp_path / "plan.xlsx",
        {
            "plan": PLAN_SHEET,
            "milestones": [
                ["id", "title", "status"],
                ["M1", "Audit", "On track"],
                ["M2", "Review", " Not-started "],
                ["M3", "Report", "DONE"],
            ],
            "indicators": [
                ["id", "title", "direction", "target.period", "target.value", "target.comparator"],
                ["NI 72", "Early years", "Increase", "2011-12", 1, "At least"],
            ],
            "ignore": [["node", "rule", "scope"], ["M1", "OG4", "Branch"]],
        },
    )
    plan = load_path(path)
    assert [plan.nodes[m].status for m in ("M1", "M2", "M3")] == ["on_track", "not_started", "done"]
    ind = plan.nodes["NI 72"]
    assert (ind.direction, ind.target.comparator) == ("increase", "at_least")
    assert plan.nodes["M1"].ignore[0].scope == "branch"
    flat = workbook(
        tmp_path / "table.xlsx", {"Sheet1": [["Key milestones", "Status"], ["Audit", "At risk"]]}
    )
    assert load_path(flat, period=PERIOD).nodes["M1"].status == "at_risk"
    wb = openpyxl.load_workbook(path)
    wb["milestones"]["C4"] = "Finished"
    wb.save(path)
    problem = first_problem(path)
    assert (problem.sheet, problem.cell) == (
        "milestones",
        "C4",
    ) and "(the cell holds 'Finished')" in problem.message


def test_a_percentage_saved_in_a_csv_file_is_read_as_in_a_workbook(tmp_path: Path):
    # A workbook's cell showing 71% holds 0.71 and reads as 71; saved as CSV, the program writes
    # the text "71%": a number column reads it the same way, not as an error.
    folder = csv_plan(
        tmp_path / "plan-csv",
        indicators="id,title,direction,baseline.period,baseline.value\n"
        "NI 72,Early years,increase,2010-11,71%\n",
        targets="node,period,value,change\nNI 72,2011-12,60.5 %,-10%\n",
    )
    ind = load_path(folder).nodes["NI 72"]
    assert (
        ind.baseline.value == 71
        and ind.targets[0].value == 60.5
        and ind.targets[0].change == "-10%"
    )
    (folder / "targets.csv").write_text("node,period,value\nNI 72,2011-12,60%%\n")
    problem = first_problem(folder)
    assert (problem.file, problem.line, problem.cell) == (str(folder / "targets.csv"), 2, "C2")
    assert "must be a number" in problem.message


def test_a_whole_percentage_and_a_date_worked_out_with_a_time_read_as_shown(tmp_path: Path):
    # "100%" typed in a cell holds the whole number 1 (read as 1, not 100, before); a due date
    # worked out as =NOW()+7 holds a time the sheet's date format does not show.
    path = workbook(
        tmp_path / "plan.xlsx",
        {
            "plan": PLAN_SHEET,
            "indicators": [
                [
                    "id",
                    "title",
                    "direction",
                    "baseline.period",
                    "baseline.value",
                    "target.period",
                    "target.value",
                ],
                ["NI 72", "Schools inspected", "increase", "2010-11", 0.8, "2011-12", 1],
            ],
            "milestones": [
                ["id", "title", "due"],
                ["M1", "Audit", datetime(2011, 7, 31, 13, 45)],
                ["M2", "Review", datetime(2011, 9, 30, 9, 5)],
            ],
        },
    )
    _formatted(path, "indicators", {"E2": "0%", "G2": "0%"})
    _formatted(
        path, "milestones", {"C2": "dd/mm/yyyy", "C3": "mmm-yy"}
    )  # (C3 shows Sep-11, not its time)
    plan = load_path(path)
    ind = plan.nodes["NI 72"]
    assert (ind.baseline.value, ind.target.value) == (80, 100)
    assert plan.nodes["M1"].due == "2011-07-31" and plan.nodes["M2"].due == "2011-09-30"


def test_a_formula_error_saved_in_a_csv_file_is_an_error_naming_its_cell(tmp_path: Path):
    # A lead looked up with a formula that found nothing shows #N/A, and a title typed "- Review"
    # #NAME?; saved as CSV these are the texts "#N/A" and "#NAME?": as in a workbook, an error at
    # the cell (every file's at once), not an owner called "#N/A".
    folder = csv_plan(
        tmp_path / "plan-csv",
        milestones="id,title,lead\nM1,Audit,#N/A\n",
        objectives="id,title\nO1,#NAME?\n",
    )
    with pytest.raises(PlanError) as info:
        load_path(folder)
    assert [(p.file, p.line, p.cell) for p in info.value.problems] == [
        (str(folder / "milestones.csv"), 2, "C2"),
        (str(folder / "objectives.csv"), 2, "B2"),
    ]
    assert info.value.problems[0].message.startswith(
        "column C: the cell holds #N/A, which a spreadsheet program saves for a "
        "formula it could not work out"
    )


def test_a_text_that_reads_as_a_formula_error_round_trips_through_csv(tmp_path: Path):
    plan = og.load(
        "format: outcome-graph/v1\nplan: {id: p, period: {start: 2011-04-01, end: 2012-03-31}}\n"
        "priorities:\n  - {id: P1, title: '#N/A', tags: ['#REF!', \"'#N/A\", \"''#N/A\"]}\n"
    )
    write_plan(plan, tmp_path / "csv", to="csv")
    assert load_path(tmp_path / "csv").document == plan.document


def test_a_timescale_saved_as_a_spreadsheet_program_shows_a_date_is_named_in_a_notice(
    tmp_path: Path,
):
    # "June 11" typed in a spreadsheet program is saved in a CSV file as "11-Jun": the text reads as
    # 11 June 2011, not June, so the cell is named for the reader to check (both forms).
    single = tmp_path / "actions.csv"
    single.write_text("Key milestones,By when\nAudit,11-Jun\nReview,June 11\n", encoding="utf-8")
    plan = load_path(single, period=PERIOD)
    assert plan.nodes["M1"].timescale == "11-Jun"
    notices = "\n".join(plan.notices)
    # (a CSV file has no sheets: the cell is named by its file and line)
    assert (
        "actions.csv:2 (column B) timescale: '11-Jun', as a spreadsheet program saves a date it "
        "made of what was typed"
    ) in notices
    assert ":3 (column B)" not in notices and "actions!" not in notices
    folder = csv_plan(
        tmp_path / "plan-csv",
        milestones='id,title,timescale\nM1,"Audit\nthe junctions",June 11\nM2,Report,3-sep\n',
    )
    assert "milestones.csv:4 (column C) timescale: '3-sep'" in "\n".join(load_path(folder).notices)


@pytest.mark.parametrize(
    "value, fmt, shown",
    [
        (1.1, "0.00", "1.10"),
        (7, "000", "007"),
        (1.005, "0.00", "1.01"),
        (2.5, "0", "3"),
        (12.345, "0.0#", "12.35"),
        (2.0, "0.0#", "2.0"),
        (-0.296, "0.0%", "-29.6%"),
        (1, "0%", "100%"),
        (0.5, ".00", ".50"),
        (1234.5, "#,##0.0#", "1234.5"),
        (3.1, "0.0;[Red]-0.0", "3.1"),
        (3, "General", None),
        (3, "0.00E+00", None),
        # (more digits than a decimal's default 28: the program shows the 15 it keeps, then zeros)
        (1e30, "0", "1" + "0" * 30),
        (1.5, "0." + "0" * 30, "1.5" + "0" * 29),
        (-1.23456789e300, "0", "-123456789" + "0" * 292),
        # (numbers with no digits to show: 1e400 is stored,
        # and read, as inf; 1e308 as a percentage is too)
        (float("inf"), "0.00", None),
        (float("-inf"), "0", None),
        (1.7e308, "0%", None),
    ],
)
def test_a_number_is_read_in_a_column_of_text_as_its_format_shows_it(
    value: float, fmt: str, shown: str | None
):
    from outcome_graph.loading.spreadsheet import _shown_number

    assert _shown_number(value, fmt) == shown


def test_a_huge_number_in_a_workbook_is_read_without_an_internal_error(tmp_path: Path):
    # A number of more than 28 digits under a format of digits (1E+30 under 0) was rounded in a
    # decimal context too small for it: InvalidOperation, an internal error for the whole workbook.
    path = workbook(
        tmp_path / "plan.xlsx",
        {
            "plan": PLAN_SHEET,
            "aims": [["id", "title"], ["A1", 1e30]],
        },
    )
    wb = openpyxl.load_workbook(path)
    wb["aims"]["B2"].number_format = "0"
    wb.save(path)
    assert load_path(path).nodes["A1"].title == "1" + "0" * 30


def test_a_worked_out_number_in_a_column_of_text_reads_as_the_program_shows_it(tmp_path: Path):
    # A number worked out by a formula (=1.1+0.2) holds 1.3000000000000003, which the program shows
    # as 1.3: a number column keeps the value, a column of text reads what is shown.
    path = workbook(
        tmp_path / "plan.xlsx",
        {
            "plan": PLAN_SHEET,
            "aims": [["id", "number", "title"], ["A1", 1.3, "Attain"]],
        },
    )
    # (the program writes the 17 digits of the value it worked out; openpyxl writes the shortest)
    with zipfile.ZipFile(path) as zf:
        parts = {name: zf.read(name) for name in zf.namelist()}
    sheet = next(
        name
        for name, data in parts.items()
        if name.startswith("xl/worksheets/") and b"<v>1.3</v>" in data
    )
    parts[sheet] = parts[sheet].replace(b"<v>1.3</v>", b"<v>1.3000000000000003</v>")
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    plan = load_path(path)
    assert plan.nodes["A1"].number == "1.3"
    assert "aims!B2 number: the number 1.3000000000000003, read as '1.3'" in "\n".join(plan.notices)


def test_a_row_inserted_among_rows_with_ids_gets_a_free_id(tmp_path: Path):
    # A milestone inserted between two with ids, its id left blank: its position's id (the second
    # milestone of the objective) is the next row's own, so it takes the next one free instead of
    # making the plan fail on a duplicate id.
    path = tmp_path / "plan.xlsx"
    write_plan(og.load(EXAMPLES / "tutorial-plan.yaml"), path)
    wb = openpyxl.load_workbook(path)
    ws = wb["milestones"]
    assert (ws["A2"].value, ws["A3"].value) == ("P1.A1.O1.M1", "P1.A1.O1.M2")
    ws.insert_rows(3)
    ws["B3"], ws["D3"], ws["F3"] = "P1.A1.O1", "Agree the audit timetable", "July 11"
    wb.save(path)
    plan = load_path(path)
    milestones = [n.id for n in plan.of_kind("milestone") if n.id.startswith("P1.A1.O1.")]
    assert milestones == ["P1.A1.O1.M1", "P1.A1.O1.M3", "P1.A1.O1.M2"]
    assert plan.nodes["P1.A1.O1.M3"].title == "Agree the audit timetable"
    assert plan.nodes["P1.A1.O1.M2"].title == "Agree an improvement plan with each school"


def test_a_row_of_a_flat_table_inserted_above_one_with_an_id_gets_a_free_id(tmp_path: Path):
    # As in the per-level form: a milestone inserted above one whose id column says O1.M1, its own
    # id left blank, took its position's id, O1.M1, and the table failed on a duplicate id.
    single = tmp_path / "actions.csv"
    single.write_text(
        "Objective,Milestone ID,Key milestones,By when\nFewer accidents,,Audit,June 11\n"
        ",O1.M1,Publish,Sept 11\n,,Report,Nov 11\n",
        encoding="utf-8",
    )
    plan = load_path(single, period=PERIOD)
    assert [(n.id, n.title) for n in plan.of_kind("milestone")] == [
        ("O1.M2", "Audit"),
        ("O1.M1", "Publish"),
        ("O1.M3", "Report"),
    ]


def test_the_totals_row_of_an_excel_table_is_skipped_with_a_notice(tmp_path: Path):
    # Formatted as a table with its Total Row on, a sheet ends in a row counting the milestones
    # ("Total", 2): no item of the plan, whatever its first cell says.
    from openpyxl.worksheet.table import Table

    path = workbook(
        tmp_path / "plan.xlsx",
        {
            "Plan": [
                ["Priority", "Objective", "Key milestones", "Lead", "By when"],
                ["Safe", "Fewer accidents", "Audit", "Road team", "June 2011"],
                [None, None, "Publish", "Road team", "Sept 2011"],
                ["Total", None, 2, None, None],
            ],
        },
    )
    wb = openpyxl.load_workbook(path)
    wb["Plan"].add_table(Table(displayName="Actions", ref="A1:E4", totalsRowCount=1))
    wb.save(path)
    plan = load_path(path, period=PERIOD)
    assert [n.title for n in plan.nodes.values()] == ["Safe", "Fewer accidents", "Audit", "Publish"]
    assert (
        "plan.xlsx:Plan!A4: row 4 is the totals row of the table 'Actions'; skipped"
        in "\n".join(plan.notices)
    )


def test_a_lead_cell_written_one_owner_a_line_names_each_owner(tmp_path: Path) -> None:
    # (a workbook cell with a line break, Alt+Enter in Excel: two owners, as `;` would give)
    table = tmp_path / "plan.csv"
    table.write_text(
        "Objective,Key milestones,Lead,By when\n"
        'Raise attainment,Audit reading,"Head of Service\nSchool Improvement Manager",June 11\n'
        ",Publish the plan,Head of Service,July 11\n",
        encoding="utf-8",
    )
    facts = og.PlanFacts(load_path(table, period=PERIOD))
    milestones = [n.id for n in facts.of_kind("milestone")]
    assert [facts.lead_owners[m] for m in milestones] == [
        ("Head of Service", "School Improvement Manager"),
        ("Head of Service",),
    ]


@pytest.mark.parametrize(
    "word, status",
    [
        ("Green", "on_track"),
        ("G", "on_track"),
        ("amber", "at_risk"),
        ("A", "at_risk"),
        ("RED", "off_track"),
        ("r", "off_track"),
        ("Blue", "done"),
        ("B", "done"),
        ("Complete", "done"),
        ("Completed", "done"),
        ("Not started", "not_started"),
    ],
)
def test_a_status_written_as_a_rag_colour_is_the_status_it_stands_for(
    tmp_path: Path, word: str, status: str
):
    # Councils' trackers rate progress Red, Amber or Green (and Blue once done), often by letter:
    # the status column of either form reads those as the format's statuses.
    flat = workbook(
        tmp_path / "table.xlsx", {"Sheet1": [["Key milestones", "Status"], ["Audit", word]]}
    )
    assert load_path(flat, period=PERIOD).nodes["M1"].status == status
    folder = csv_plan(tmp_path / "plan-csv", milestones=f"id,title,status\nM1,Audit,{word}\n")
    assert load_path(folder).nodes["M1"].status == status


def test_a_status_that_is_no_status_nor_rag_colour_names_every_choice(tmp_path: Path):
    # (the format's own milestones sheet refuses it, as a YAML plan does)
    folder = csv_plan(tmp_path / "plan-csv", milestones="id,title,status\nM1,Audit,Purple\n")
    with pytest.raises(PlanError) as info:
        load_path(folder)
    [problem] = info.value.problems
    assert (problem.file, problem.line) == (str(folder / "milestones.csv"), 2)
    assert problem.message == (
        "column C: the status of milestone M1: must be one of 'not_started', 'on_track', "
        "'at_risk', 'off_track' or 'done', or a RAG colour (Green, Amber, Red, Blue for done; or "
        "G, A, R, B) or Complete(d) (the cell holds 'Purple')"
    )


def test_a_flat_table_s_status_of_the_council_s_own_scale_is_no_status_named_in_a_notice(
    tmp_path: Path,
):
    # A council's tracker rates on its own scale ('On hold', 'Purple'): the plan loads, the
    # milestones its words rate have no status, and one notice names each such cell.
    flat = workbook(
        tmp_path / "table.xlsx",
        {
            "Sheet1": [
                ["Key milestones", "Status"],
                ["Audit", "Purple"],
                ["Review", "Green"],
                ["Consult", "On hold"],
            ]
        },
    )
    plan = load_path(flat, period=PERIOD)
    assert [m.status for m in plan.of_kind("milestone")] == [None, "on_track", None]
    assert (
        f"{flat}:Sheet1!B2: a status that is no status nor RAG colour was read as no status "
        "(write not_started, on_track, at_risk, off_track or done, or a RAG colour: Green, "
        "Amber, Red, Blue for done; or G, A, R, B): Sheet1!B2 'Purple', Sheet1!B4 'On hold'"
    ) in plan.notices


@pytest.mark.parametrize(
    "word, status",
    [
        ("Amber/Green", "at_risk"),
        ("Green/Amber", "at_risk"),
        ("amber - green", "at_risk"),
        ("A/G", "at_risk"),
        ("AG", "at_risk"),
        ("Red/Amber", "off_track"),
        ("Amber-Red", "off_track"),
        ("RA", "off_track"),
        ("Green / Blue", "on_track"),
        ("Amber to Red", "off_track"),
    ],
)
def test_a_rating_between_two_rag_colours_is_the_worse_of_them_named_in_a_notice(
    tmp_path: Path, word: str, status: str
):
    # Five-point RAG scales rate between two colours; the format has one status for each colour,
    # so the finer step is read as the worse colour (erring towards attention) and named.
    flat = workbook(
        tmp_path / "table.xlsx",
        {"Sheet1": [["Key milestones", "RAG"], ["Audit", "Green"], ["Review", word]]},
    )
    plan = load_path(flat, period=PERIOD)
    assert [m.status for m in plan.of_kind("milestone")] == ["on_track", status]
    [notice] = [n for n in plan.notices if "between two RAG colours" in n]
    assert notice.startswith(f"{flat}:Sheet1!B3: ") and notice.endswith(
        f": Sheet1!B3 {word!r} ({status})"
    )
    folder = csv_plan(tmp_path / "plan-csv", milestones=f"id,title,status\nM1,Audit,{word}\n")
    plan = load_path(folder)
    assert plan.nodes["M1"].status == status
    assert any("between two RAG colours" in n and f"{word!r} ({status})" in n for n in plan.notices)


@pytest.mark.parametrize("word", ["Green/Green", "AA", "Amber/Purple", "Greenish", "AGR"])
def test_what_is_no_rating_between_two_colours_is_not_read_as_one(tmp_path: Path, word: str):
    flat = workbook(
        tmp_path / "table.xlsx", {"Sheet1": [["Key milestones", "Status"], ["Audit", word]]}
    )
    plan = load_path(flat, period=PERIOD)
    assert plan.nodes["M1"].status is None
    assert not any("between two RAG colours" in n for n in plan.notices)
    assert any(f"Sheet1!B2 {word!r}" in n for n in plan.notices if "no status nor RAG colour" in n)


def test_a_flat_table_s_level_cells_read_as_the_program_shows_them(tmp_path: Path):
    # A level cell holding a number is read as its format shows it (1.10 under 0.00, 007 under
    # 000), as every other column is; a truth value, in a level or any column of text, as the
    # program shows it: TRUE, FALSE.
    flat = workbook(
        tmp_path / "table.xlsx",
        {
            "Sheet1": [
                ["Objective", "Key milestones", "Lead"],
                [1.1, "Audit", "Road safety"],
                [7, True, False],
            ]
        },
    )
    _formatted(flat, "Sheet1", {"A2": "0.00", "A3": "000"})
    plan = load_path(flat, period=PERIOD)
    assert [(n.id, n.title) for n in plan.nodes.values()] == [
        ("O1", "1.10"),
        ("O1.M1", "Audit"),
        ("O2", "007"),
        ("O2.M1", "TRUE"),
    ]
    assert plan.nodes["O2.M1"].lead == "FALSE"
    per_level = workbook(
        tmp_path / "plan.xlsx",
        {
            "plan": PLAN_SHEET,
            "milestones": [["id", "title", "lead", "notes"], ["M1", True, False, True]],
        },
    )
    milestone = load_path(per_level).nodes["M1"]
    assert (milestone.title, milestone.lead, milestone.notes) == ("TRUE", "FALSE", "TRUE")


@pytest.mark.parametrize(
    "plan_rows, cell, todo",
    [
        # (the plan sheet's header alone, as a table's
        # author leaves it: its columns are there, empty)
        (
            [["id", "period.start", "period.end"]],
            "B2",
            "the plan sheet's period.start and period.end columns are empty: "
            "fill them in (year-month-day: 2011-04-01)",
        ),
        (
            [["id", "period.start", "period.end"], ["roads", "2011-04-01"]],
            "C2",
            "the plan sheet's period.end column is empty: fill it in (year-month-day: 2011-04-01)",
        ),
        (
            [["id", "period.start"], ["roads"]],
            "B2",
            "the plan sheet's period.start column is empty: fill it in (year-month-day: "
            "2011-04-01) and add a period.end column",
        ),
        (
            [["id", "period"], ["roads"]],
            "B2",
            "the plan sheet's period column is empty: write START..END in it, e.g. "
            "2011-04-01..2012-03-31",
        ),
        (
            [["id", "title"], ["roads", "Road safety"]],
            "B2",
            "add period.start and period.end columns (year-month-day: 2011-04-01) to the "
            "plan sheet",
        ),
    ],
)
def test_a_flat_table_s_missing_period_is_told_whether_to_fill_in_or_add_its_columns(
    tmp_path: Path, plan_rows: list[list[object]], cell: str, todo: str
):
    path = workbook(
        tmp_path / "table.xlsx", {"plan": plan_rows, "Sheet1": [["Key milestones"], ["Audit"]]}
    )
    problem = first_problem(path)
    assert (problem.sheet, problem.cell) == ("plan", cell)
    assert (
        problem.message
        == f"the plan period is unknown: {todo}, or give it on the command line with --period "
        "START..END"
    )


def test_findings_of_a_plan_read_from_csv_point_to_the_line_of_each_node_s_row(tmp_path: Path):
    # A CSV file has no sheets: a finding gives the file and the line its node's row starts on
    # (a title written over several lines moves the rows below it down), as for a YAML plan, so
    # that every output (an editor, a GitHub annotation, SARIF) can point to it. The findings
    # of a folder of CSV files are listed in the plan's order, as a workbook's are.
    import csv as csv_module

    write_plan(load_path(MODELS / "thurrock-cypp-2011-12.yaml"), tmp_path / "csv", to="csv")
    milestones = tmp_path / "csv" / "milestones.csv"
    with milestones.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv_module.reader(fh))
    rows[1][rows[0].index("title")] = rows[1][rows[0].index("title")].replace(
        " ", "\n", 1
    )  # (Alt+Enter in a cell)
    with milestones.open("w", encoding="utf-8", newline="") as fh:
        csv_module.writer(fh).writerows(rows)
    plan = load_path(tmp_path / "csv")
    write_plan(plan, tmp_path / "plan.xlsx")
    line_of: dict[str, tuple[str, int]] = {}
    for path in sorted((tmp_path / "csv").glob("*.csv")):
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv_module.reader(fh)
            header, line = next(reader), reader.line_num + 1
            for row in reader:
                if "id" in header and path.stem in (
                    "priorities",
                    "aims",
                    "objectives",
                    "milestones",
                    "indicators",
                ):
                    line_of.setdefault(row[header.index("id")], (str(path), line))
                line = reader.line_num + 1
    assert any(
        line_of[m.id][1] != int(plan.location(m.id).cell[1:]) for m in plan.of_kind("milestone")
    )
    report = og.check(plan)
    at_nodes = [f for f in report.findings if f.node in plan.nodes]
    assert at_nodes
    for f in at_nodes:
        assert (f.location.file, f.location.line) == line_of[f.node] and f.location.sheet is None
        assert str(f.location) == f"{line_of[f.node][0]}:{line_of[f.node][1]}"
    assert [(f.rule, f.node) for f in report.findings] == [
        (f.rule, f.node) for f in og.check(load_path(tmp_path / "plan.xlsx")).findings
    ]
    result = run("check", str(tmp_path / "csv"), "--format", "github")
    milestone = next(f for f in at_nodes if f.kind == "milestone")
    assert (
        f"file={milestone.location.file},line={milestone.location.line},title={milestone.rule}"
        in result.stdout
    )


@pytest.mark.parametrize(
    "stored, fmt, timescale, reading",
    [
        # "Jun-11" under mmm-d is 11 June (the year the program guessed, 2026, is not read);
        # under mmm-yy, June 2011: the same text, read
        # from the cell's date and what its format shows.
        (datetime(2026, 6, 11), "mmm-d", "11-Jun", (date(2011, 6, 11), date(2011, 6, 11))),
        (datetime(2011, 6, 1), "mmm-yy", "2011-06", (date(2011, 6, 1), date(2011, 6, 30))),
        (
            datetime(2026, 6, 11),
            "mmmm d",
            "11-Jun",
            (date(2011, 6, 11), date(2011, 6, 11)),
        ),  # (shown "June 11")
        (
            datetime(2026, 6, 11),
            "m/d",
            "11-Jun",
            (date(2011, 6, 11), date(2011, 6, 11)),
        ),  # (shown 6/11)
        # (a month shown with its year is that month, whatever colour the format gives it)
        (datetime(2011, 6, 1), "[Red]mmm-yy", "2011-06", (date(2011, 6, 1), date(2011, 6, 30))),
        (
            datetime(2011, 6, 1),
            "[$-809]mmmm yyyy;@",
            "2011-06",
            (date(2011, 6, 1), date(2011, 6, 30)),
        ),
    ],
)
def test_a_date_cell_is_read_from_its_value_and_what_its_format_shows(
    tmp_path: Path, stored: datetime, fmt: str, timescale: str, reading: tuple[date, date]
):
    path = workbook(
        tmp_path / "table.xlsx", {"Sheet1": [["Key milestones", "By when"], ["Audit", stored]]}
    )
    _formatted(path, "Sheet1", {"B2": fmt})
    plan = load_path(path, period=PERIOD)
    assert plan.nodes["M1"].timescale == timescale
    timing = og.PlanFacts(plan).timing["M1"]
    [interval] = timing.intervals
    assert (interval.start, interval.end) == reading


_ID_POOL = [f"O{i}" for i in range(1, 5)] + [f"O{i}.M{j}" for i in range(1, 5) for j in range(1, 5)]


@st.composite
def _partly_numbered_tables(draw: st.DrawFn) -> list[list[str]]:
    """A flat table of objectives and their milestones whose id columns are filled in some rows
    (each id given once), as a table is after rows are inserted, moved or renumbered by hand:
    given ids may be any other row's position id, and may sit on any row of their node."""
    shape = draw(st.lists(st.integers(1, 3), min_size=1, max_size=4))
    n_rows = sum(shape)
    given = draw(st.lists(st.sampled_from(_ID_POOL), unique=True, max_size=n_rows * 2))
    cells = draw(st.lists(st.booleans(), min_size=n_rows * 2, max_size=n_rows * 2))
    ids = iter(given)
    rows = [["Objective", "Objective ID", "Key milestones", "Milestone ID"]]
    for i, n in enumerate(shape):
        for j in range(n):
            objective_id = next(ids, "") if cells[2 * (len(rows) - 1)] else ""
            milestone_id = next(ids, "") if cells[2 * (len(rows) - 1) + 1] else ""
            rows.append(
                [
                    f"Objective {i + 1}" if j == 0 else "",
                    objective_id,
                    f"Action {i + 1}.{j + 1}",
                    milestone_id,
                ]
            )
    return rows


@given(rows=_partly_numbered_tables())
def test_ids_generated_in_a_partly_numbered_table_never_take_an_id_the_table_gives(
    rows: list[list[str]],
):
    # Whatever rows give an id, and wherever in its node's rows it is given, the ids generated
    # for the others skip every id of the table's id columns: the table loads, every node has an
    # id of its own, and a node opened on a row with an id has that id.
    import csv as csv_module
    import io

    text = io.StringIO()
    csv_module.writer(text).writerows(rows)
    plan = og.load(text.getvalue(), name="actions.csv", period=PERIOD)
    given = {cell for row in rows[1:] for cell in (row[1], row[3]) if cell}
    assert len(plan.nodes) == sum(1 for row in rows[1:] if row[0]) + len(rows) - 1
    for row in rows[1:]:
        milestone = next(n for n in plan.of_kind("milestone") if n.title == row[2])
        assert milestone.id == (row[3] or milestone.id) and (row[3] or milestone.id not in given)
        if row[0]:
            objective = (
                plan.nodes[milestone.parent]
                if getattr(milestone, "parent", None)
                else next(o for o in plan.of_kind("objective") if o.title == row[0])
            )
            assert objective.id == row[1] or (not row[1] and objective.id not in given)


def test_an_id_given_on_a_later_row_of_a_node_is_named_in_a_notice(tmp_path: Path):
    # An objective's id typed on its second row, below the row that opens it, came too late to be
    # its id (its milestones' ids are made from it) and was dropped without a word.
    path = tmp_path / "actions.csv"
    path.write_text(
        "Objective,Objective ID,Key milestones\nFewer accidents,,Audit\n,O7,Publish\n"
        "Fewer accidents,O2,Report\n",
        encoding="utf-8",
    )
    plan = load_path(path, period=PERIOD)
    assert list(plan.nodes) == ["O1", "O1.M1", "O1.M2", "O1.M3"]
    assert (
        "values that differ from the first one given were ignored: actions.csv:3 (column B) id "
        "'O7' (kept 'O1' for 'Fewer accidents'); actions.csv:4 (column B) id 'O2' (kept 'O1' for "
        "'Fewer accidents')"
    ) in plan.notices[0]


def test_rows_hidden_in_a_workbook_are_read_and_named_in_a_notice(tmp_path: Path):
    # A row hidden by hand (a done action tidied away) or by a filter is still in the plan: it is
    # read, in either form, and named in a notice, as what the sheet shows is not all there is.
    flat = workbook(
        tmp_path / "table.xlsx",
        {
            "Pillar 1": [
                ["Objective", "Key milestones", "Lead"],
                ["Fewer accidents", "Audit", "Roads"],
                [None, "Old action", "Roads"],
                [None, "Publish", "Roads"],
            ]
        },
    )
    per_level = workbook(
        tmp_path / "plan.xlsx",
        {
            "plan": PLAN_SHEET,
            "milestones": [
                ["id", "title"],
                ["M1", "Audit"],
                ["M2", "Old action"],
                ["M3", "Publish"],
            ],
        },
    )
    for path, sheet, titles in (
        (flat, "Pillar 1", ["Audit", "Old action", "Publish"]),
        (per_level, "milestones", ["Audit", "Old action", "Publish"]),
    ):
        book = openpyxl.load_workbook(path)
        book[sheet].row_dimensions[3].hidden = True
        book.save(path)
        plan = load_path(path, period=PERIOD)
        assert [m.title for m in plan.of_kind("milestone")] == titles
        assert (
            f"{path}:{sheet}!A3: rows hidden in the workbook (by hand or by a filter) were read "
            "as part of the plan; delete a row to take it out: row 3"
        ) in plan.notices


@pytest.mark.parametrize(
    "group_row", [["Outcome area", None, "Actions"], [None, None, "Key actions"]]
)
def test_a_row_grouping_the_columns_above_a_flat_table_s_header_is_not_its_header(
    tmp_path: Path, group_row: list
):
    # "Actions" merged over Action | Lead | By when names a level too: the header is the row below
    # it, which names more of the table's columns (the group row was the header, the real header a
    # milestone called "Action", and the priorities, objectives and leads were lost).
    path = workbook(
        tmp_path / "table.xlsx",
        {
            "Plan": [
                group_row,
                ["Priority", "Objective", "Action", "Lead", "By when"],
                ["Be healthy", "Fewer pregnancies", "Run clinics", "PCT", "Sept 11"],
            ]
        },
        {"Plan": ["C1:E1"]},
    )
    plan = load_path(path, period=PERIOD)
    assert [(n.id, n.title) for n in plan.nodes.values()] == [
        ("P1", "Be healthy"),
        ("P1.O1", "Fewer pregnancies"),
        ("P1.O1.M1", "Run clinics"),
    ]
    assert (plan.nodes["P1.O1.M1"].lead, plan.nodes["P1.O1.M1"].timescale) == ("PCT", "Sept 11")


def test_a_cover_page_listing_the_plan_s_parts_is_not_read_as_a_table(tmp_path: Path):
    # A cover sheet's contents list ("Priorities", then the names of the sheets) names a level in
    # one cell: beside a table that names more columns it is no table, and its lines no priorities.
    cover = [
        ["Children and Young People's Plan 2011-12"],
        ["Contents"],
        ["Priorities"],
        ["Action plan"],
        ["Glossary"],
    ]
    table = [
        ["Priority", "Objective", "Action", "Lead", "By when"],
        ["Be healthy", "Fewer pregnancies", "Run clinics", "PCT", "Sept 11"],
    ]
    path = workbook(tmp_path / "plan.xlsx", {"Cover": cover, "Action plan": table})
    plan = load_path(path, period=PERIOD)
    assert (
        list(plan.nodes) == ["P1", "P1.O1", "P1.O1.M1"] and plan.nodes["P1"].title == "Be healthy"
    )
    assert (
        f"{path}: sheets whose header names one column, beside tables that name more, were taken "
        "for a cover or contents page and not read: Cover!A3 'Priorities'"
    ) in plan.notices
    # (a table of one column, alone, is a table)
    alone = load_path(workbook(tmp_path / "list.xlsx", {"Cover": cover}), period=PERIOD)
    assert [n.title for n in alone.nodes.values()] == ["Action plan", "Glossary"]


# RAG-rated trackers: a council's action plan kept as a spreadsheet rates progress Red, Amber or
# Green (Blue once done), in a column headed "RAG" as often as "Status".


@pytest.mark.parametrize(
    "header",
    [
        "RAG",
        "RAG status",
        "RAG rating",
        "Progress (RAG)",
        "RAG Rating:",
        # a milestone's own column, in a tracker that rates each level in one
        # ("Objective RAG" beside "Milestone RAG"), as an id column names its level
        "Milestone RAG",
        "Milestone status",
        "Milestone RAG status",
        "Action RAG",
    ],
)
def test_a_rag_column_is_the_status_of_a_tracker_without_a_status_column(
    tmp_path: Path, header: str
):
    path = workbook(
        tmp_path / "tracker.xlsx",
        {
            "Actions": [
                ["Objective", "Key actions", "Lead", header],
                ["Fewer accidents", "Audit the junctions", "Roads", "Amber"],
                [None, "Repaint the crossings", "Roads", "B"],
            ]
        },
    )
    plan = load_path(path, period=PERIOD)
    assert [m.status for m in plan.of_kind("milestone")] == ["at_risk", "done"]
    assert not any("the reader does not know" in n for n in plan.notices)


def test_a_rag_column_beside_a_status_column_is_named_in_a_notice_and_the_status_column_read(
    tmp_path: Path,
):
    # (which of two columns the ratings are in cannot
    # be told apart: Status is the format's own word)
    path = workbook(
        tmp_path / "tracker.xlsx",
        {"Actions": [["Key actions", "RAG", "Status"], ["Audit the junctions", "Red", "Done"]]},
    )
    plan = load_path(path, period=PERIOD)
    assert plan.nodes["M1"].status == "done"
    assert (
        f"{path}: a RAG column beside a Status column was not read, as the Status column holds "
        "the status; rename or remove one of them to read the other: Actions!B1 'RAG' (the "
        "status is Actions!C1 'Status')"
    ) in plan.notices


def test_the_rag_rating_of_an_objective_is_named_in_a_notice_not_refused(thurrock_table: Path):
    # Trackers rate objectives too, but only milestones have a status in the format: the rating of
    # a row without a milestone is left out of the plan, and the notice names each such cell.
    book = openpyxl.load_workbook(thurrock_table)
    book["Pillar 1"]["G9"] = (
        "Red"  # (the objective "Family learning for the whole community", no milestone)
    )
    book["Pillar 1"]["G10"] = "Green"  # (a milestone's row)
    book.save(thurrock_table)
    plan = load_path(thurrock_table, period=PERIOD)
    statuses = {m.id: m.status for m in plan.of_kind("milestone")}
    assert statuses["P1.A1.O1.M1"] == "on_track" and statuses["P1.A1.O1.M2"] == "at_risk"
    assert statuses["P2.A1.O1.M1"] == "on_track" and statuses["P1.A1.O2.M1"] is None
    assert (
        f"{thurrock_table}: the status of a priority, aim or objective (on a row without a "
        "milestone, or in its own rating column) is not part of the plan, as only milestones "
        "have a status in the format (rate each milestone on its own row): Pillar 1!G9 'Red' "
        "(objective P1.A2.O1)"
    ) in plan.notices
    assert not any("the reader does not know" in n for n in plan.notices)


def test_a_status_on_an_objective_row_of_a_csv_table_is_a_notice(tmp_path: Path):
    path = tmp_path / "table.csv"
    path.write_text(
        "Priority,Objective,Action,Lead,Status\nBe safe,Fewer injuries,,Bob,done\n"
        ",,Audit junctions,Bob,A\n"
    )
    plan = load_path(path, period=PERIOD)
    assert plan.nodes["P1.O1.M1"].status == "at_risk"
    assert any("table.csv:2 (column E) 'done' (objective P1.O1)" in n for n in plan.notices)


def _template_status_choices(book: openpyxl.Workbook, sheet: str) -> list[str]:
    ws = book[sheet]
    column = next(c.column_letter for c in ws[1] if c.value == "status")
    [dv] = [dv for dv in ws.data_validations.dataValidation if f"{column}2" in dv.sqref]
    return dv.formula1.strip('"').split(",")


def test_the_template_s_status_drop_down_offers_the_rag_colours_and_each_reads_back(tmp_path: Path):
    # A user picks what their council uses, format word or RAG colour: every word listed is read.
    from outcome_graph.output.workbook import write_template

    levels, flat = tmp_path / "plan.xlsx", tmp_path / "flat.xlsx"
    write_template(levels)
    write_template(flat, form="flat")
    for path, sheet in ((levels, "milestones"), (flat, "table")):
        choices = _template_status_choices(openpyxl.load_workbook(path), sheet)
        assert choices == [
            "not_started",
            "on_track",
            "at_risk",
            "off_track",
            "done",
            "Green",
            "Amber",
            "Red",
            "Blue",
        ]
    book = openpyxl.load_workbook(flat)
    book["plan"].append(["road", "Road safety", None, "2011-04-01", "2012-03-31"])
    header = [c.value for c in book["table"][1]]
    for word in choices:
        row = [None] * len(header)
        row[header.index("milestone")], row[header.index("status")] = f"Action {word}", word
        book["table"].append(row)
    book.save(flat)
    assert [m.status for m in load_path(flat).of_kind("milestone")] == [
        "not_started",
        "on_track",
        "at_risk",
        "off_track",
        "done",
        "on_track",
        "at_risk",
        "off_track",
        "done",
    ]


def test_columns_hidden_in_a_workbook_that_hold_data_are_named_in_a_notice(tmp_path: Path):
    # A hidden column (an old lead, kept out of sight) is read as the rest: the notice says so,
    # as for hidden rows. A hidden column with nothing in it is not worth a word.
    flat = workbook(
        tmp_path / "table.xlsx",
        {
            "Plan": [
                ["Objective", "Key milestones", "Lead", "Timescale"],
                ["Fewer accidents", "Audit", "Roads", None],
            ]
        },
    )
    per_level = workbook(
        tmp_path / "plan.xlsx",
        {
            "plan": PLAN_SHEET,
            "milestones": [["id", "title", "lead", "timescale"], ["M1", "Audit", "Roads", None]],
        },
    )
    for path, sheet, header in ((flat, "Plan", "Lead"), (per_level, "milestones", "lead")):
        book = openpyxl.load_workbook(path)
        book[sheet].column_dimensions["C"].hidden = True
        book[sheet].column_dimensions["D"].hidden = True
        book.save(path)
        plan = load_path(path, period=PERIOD)
        assert [m.lead for m in plan.of_kind("milestone")] == ["Roads"]
        assert (
            f"{path}:{sheet}!C1: columns hidden in the workbook were read as part of the plan; "
            f"unhide them to check them, or delete a column to take it out: column C {header!r}"
        ) in plan.notices


def test_hidden_columns_grouped_in_one_range_are_each_named(tmp_path: Path):
    path = workbook(
        tmp_path / "table.xlsx",
        {
            "Plan": [
                ["Objective", "Key milestones", "Lead", "Timescale", "Notes"],
                ["Fewer accidents", "Audit", "Roads", "June 11", None],
            ]
        },
    )
    book = openpyxl.load_workbook(path)
    book["Plan"].column_dimensions.group(
        "C", "XFD", hidden=True
    )  # (every column right of B hidden at once)
    book.save(path)
    plan = load_path(path, period=PERIOD)
    assert (
        "Plan!C1: columns hidden in the workbook were read as part of the plan; unhide them to "
        "check them, or delete a column to take it out: column C 'Lead', column D 'Timescale'"
    ) in "\n".join(plan.notices)


_RAG_FILLS = {"Red": "FFFF0000", "Amber": "FFFFC000", "Green": "FF00B050", "Blue": "FF0070C0"}


@pytest.mark.parametrize("header", ["Status", "RAG"])
def test_status_cells_coloured_with_no_word_are_named_and_no_status_is_guessed(
    tmp_path: Path, header: str
):
    from openpyxl.styles import PatternFill

    path = workbook(
        tmp_path / "tracker.xlsx",
        {
            "Actions": [
                ["Key actions", "Lead", header],
                ["Audit", "Roads", None],
                ["Repaint", "Roads", None],
                ["Survey", "Roads", None],
                ["Publish", "Roads", "G"],
            ]
        },
    )
    book = openpyxl.load_workbook(path)
    ws = book["Actions"]
    for ref, colour in (("C2", "Red"), ("C3", "Amber"), ("C4", "Green"), ("B2", "Green")):
        ws[ref].fill = PatternFill("solid", fgColor=_RAG_FILLS[colour])
    ws["C5"].fill = PatternFill(
        "solid", fgColor=_RAG_FILLS["Red"]
    )  # (a word, and a colour: the word is read)
    book.save(path)
    plan = load_path(path, period=PERIOD)
    assert [m.status for m in plan.of_kind("milestone")] == [None, None, None, "on_track"]
    assert (
        f"{path}:Actions!C2: 3 status cells with no word in them but coloured (1 red, 1 amber, 1 "
        "green) were read as no status, as colours are not read; write the status in each cell "
        "(Green, Amber, Red, Blue for done; or G, A, R, B), which a rule can colour: Actions!C2 "
        "red, Actions!C3 amber, Actions!C4 green"
    ) in plan.notices


def test_a_tracker_s_coloured_status_cells_are_one_notice_counting_them(tmp_path: Path):
    # A tracker rated by fill colour alone down two sheets, a milestone merged over three rows: one
    # notice for the workbook, at its first cell, saying how many cells and of which colours, and
    # naming the first 20 (as every notice of cells does).
    from openpyxl.styles import PatternFill

    rows = [["Objective", "Key actions", "Lead", "Status"]] + [
        ["Fewer accidents", f"Action {i}", "Roads", None] for i in range(1, 26)
    ]
    path = workbook(
        tmp_path / "tracker.xlsx",
        {"Actions": rows, "More": rows[:4]},
        {"Actions": ["B2:B4", "D2:D4"]},
    )
    book = openpyxl.load_workbook(path)
    for sheet, last in (("Actions", 26), ("More", 4)):
        for r in range(2, last + 1):
            book[sheet].cell(r, 4).fill = PatternFill(
                "solid", fgColor=_RAG_FILLS["Green" if r % 5 else "Red"]
            )
    book.save(path)
    plan = load_path(path, period=PERIOD)
    [notice] = [n for n in plan.notices if "coloured" in n.message]
    assert (notice.location.sheet, notice.location.cell) == ("Actions", "D2")
    assert notice.message.startswith(
        "26 status cells with no word in them but coloured (21 green, 5 red) were read as no status"
    )
    assert notice.endswith(
        ": Actions!D2 green, "
        + ", ".join(f"Actions!D{r} {'green' if r % 5 else 'red'}" for r in range(5, 24))
        + ", and 6 more"
    )


def test_a_coloured_status_cell_of_the_per_level_form_is_named_too(tmp_path: Path):
    from openpyxl.styles import PatternFill

    path = workbook(
        tmp_path / "plan.xlsx",
        {
            "plan": PLAN_SHEET,
            "milestones": [
                ["id", "title", "status"],
                ["M1", "Audit", None],
                ["M2", "Survey", None],
            ],
        },
    )
    book = openpyxl.load_workbook(path)
    book["milestones"]["C2"].fill = PatternFill(
        "solid", fgColor="FF92D050"
    )  # (Excel's light green)
    book["milestones"]["C3"].fill = PatternFill(
        "solid", fgColor="FFD9D9D9"
    )  # (grey: no RAG colour)
    book.save(path)
    plan = load_path(path)
    assert plan.nodes["M1"].status is None
    assert any(n.endswith("which a rule can colour: milestones!C2 green") for n in plan.notices)


@given(st.integers(0, 255))
def test_no_grey_is_taken_for_a_rag_colour(level: int):
    # White, greys and black fill cells of every kind of sheet: only a colour is named as a rating.
    from openpyxl.styles import PatternFill

    from outcome_graph.loading.spreadsheet import _rag_colour

    assert _rag_colour(PatternFill("solid", fgColor=f"FF{level:02X}{level:02X}{level:02X}")) is None


def test_a_tracker_rating_only_its_objectives_loads_and_names_the_first_ratings(tmp_path: Path):
    # A table of objectives alone, each rated: the plan loads, and the notice names the first 20
    # cells and how many more (as every notice of cells does), not a line per row of the table.
    rows = [["Priority", "Objective", "Lead", "RAG rating"]] + [
        ["Be safe", f"Objective {i}", "Roads", "Green"] for i in range(1, 26)
    ]
    path = workbook(tmp_path / "tracker.xlsx", {"Objectives": rows})
    plan = load_path(path, period=PERIOD)
    assert len(list(plan.of_kind("objective"))) == 25
    [notice] = [
        n
        for n in plan.notices
        if "(on a row without a milestone, or in its own rating column)" in n
    ]
    assert notice.endswith("Objectives!D21 'Green' (objective P1.O20), and 5 more")


@pytest.mark.parametrize("word", ["N/A", "TBC", "-", "tbd", "n/a"])
def test_a_status_that_gives_none_yet_is_no_status_and_named_in_a_notice(tmp_path: Path, word: str):
    # A tracker's RAG or Status column holds N/A, TBC or a dash where nothing is rated yet: the
    # milestone has no status (the workbook is not refused for it), and the notice names the cell.
    flat = workbook(
        tmp_path / "tracker.xlsx",
        {
            "Actions": [
                ["Key actions", "RAG"],
                ["Audit the junctions", word],
                ["Repaint the crossings", "Green"],
            ]
        },
    )
    plan = load_path(flat, period=PERIOD)
    assert [m.status for m in plan.of_kind("milestone")] == [None, "on_track"]
    assert (
        f"{flat}: a status that gives none yet was read as no status: Actions!B2 {word!r}"
        in plan.notices
    )
    folder = csv_plan(
        tmp_path / "plan-csv", milestones=f"id,title,status\nM1,Audit,{word}\nM2,Repaint,Amber\n"
    )
    plan = load_path(folder)
    assert [m.status for m in plan.of_kind("milestone")] == [None, "at_risk"]
    assert any(
        n.endswith(f"the status {word!r} gives none yet; read as no status")
        and "milestones.csv:2" in n
        for n in plan.notices
    ), plan.notices


def test_an_objective_s_own_rag_column_is_named_in_a_notice_once_per_objective(tmp_path: Path):
    # Only milestones have a status in the format: an objective's rating, beside its milestones'
    # own, is not theirs (it was read as nothing, with "columns the reader does not know").
    path = workbook(
        tmp_path / "tracker.xlsx",
        {
            "Actions": [
                ["Objective", "Objective RAG", "Key actions", "Milestone RAG"],
                ["Fewer accidents", "Red", "Audit the junctions", "Green"],
                [None, None, "Repaint the crossings", "Amber"],
                ["Fewer exclusions", "Green", "Train the staff", None],
                [None, "Green", "Review the policy", "Red"],
            ]
        },
        {"Actions": ["B2:B3"]},
    )
    plan = load_path(path, period=PERIOD)
    assert [m.status for m in plan.of_kind("milestone")] == [
        "on_track",
        "at_risk",
        None,
        "off_track",
    ]
    assert (
        f"{path}: the status of a priority, aim or objective (on a row without a milestone, or "
        "in its own rating column) is not part of the plan, as only milestones have a status in "
        "the format (rate each milestone on its own row): Actions!B2 'Red' (objective O1), "
        "Actions!B4 'Green' (objective O2)"
    ) in plan.notices
    assert not any("the reader does not know" in n for n in plan.notices)


def test_a_level_s_rag_column_without_that_level_is_a_column_not_read(tmp_path: Path):
    path = workbook(
        tmp_path / "tracker.xlsx",
        {
            "Actions": [
                ["Objective", "Key actions", "Aim RAG"],
                ["Fewer accidents", "Audit the junctions", "Red"],
            ]
        },
    )
    plan = load_path(path, period=PERIOD)
    assert plan.nodes["O1.M1"].status is None
    assert any(
        n.startswith(
            f"{path}: columns the reader does not know were not read: Actions!C1 'Aim RAG'; "
        )
        for n in plan.notices
    )


def _conditional_status_tracker(path: Path, header: str = "Status") -> Path:
    """A tracker whose status cells are coloured by conditional formats worked out from the due date
    (red when it is past, green when it is a month or more away), with no word in most of them."""
    from openpyxl.formatting.rule import CellIsRule, FormulaRule
    from openpyxl.styles import PatternFill

    workbook(
        path,
        {
            "Actions": [
                ["Key actions", "Due", header],
                ["Audit", "2011-06-30", None],
                ["Repaint", "2011-09-30", None],
                ["Survey", "2012-01-31", "Amber"],
                ["Publish", "2012-03-31", None],
            ]
        },
    )
    book = openpyxl.load_workbook(path)
    ws = book["Actions"]
    # (Excel's "Light Red Fill" and "Green Fill" presets: a differential style's bgColor)
    ws.conditional_formatting.add(
        "C2:C5", FormulaRule(formula=["$B2<TODAY()"], fill=PatternFill(bgColor="FFFFC7CE"))
    )
    ws.conditional_formatting.add(
        "C2:C5", FormulaRule(formula=["$B2>TODAY()+30"], fill=PatternFill(bgColor="FFC6EFCE"))
    )
    ws.conditional_formatting.add(
        "A2:A5",
        CellIsRule(operator="equal", formula=['"Audit"'], fill=PatternFill(bgColor="FFFFC7CE")),
    )  # (not a status)
    book.save(path)
    return path


@pytest.mark.parametrize("header", ["Status", "RAG", "Milestone RAG"])
def test_status_cells_coloured_by_a_conditional_format_are_named_in_a_notice(
    tmp_path: Path, header: str
):
    # A tracker that shows the rating as a colour a conditional format works out (from the due
    # date) holds no word: the rating was dropped without a word, while a plain fill was named.
    path = _conditional_status_tracker(tmp_path / "tracker.xlsx", header)
    plan = load_path(path, period=PERIOD)
    assert [m.status for m in plan.of_kind("milestone")] == [None, None, "at_risk", None]
    notices = [n for n in plan.notices if "conditional format" in n]
    assert notices == [
        f"{path}:Actions!C2: status cells with no word in them are coloured by the conditional "
        "format of C2:C5 (red, green), which is not worked out (outcome-graph evaluates no "
        "formulas or rules), so they were read as no status; write the status in each cell "
        "(Green, Amber, Red, Blue for done; or G, A, R, B), which the rule can still colour: "
        "Actions!C2, Actions!C3, Actions!C5"
    ]
    assert (notices[0].location.sheet, notices[0].location.cell) == ("Actions", "C2")


def test_a_conditional_format_of_a_per_level_status_column_is_named_too(tmp_path: Path):
    from openpyxl.formatting.rule import ColorScaleRule

    path = workbook(
        tmp_path / "plan.xlsx",
        {
            "plan": PLAN_SHEET,
            "milestones": [
                ["id", "title", "status"],
                ["M1", "Audit", None],
                ["M2", "Survey", "done"],
            ],
        },
    )
    book = openpyxl.load_workbook(path)
    book["milestones"].conditional_formatting.add(
        "C1:C1048576",
        ColorScaleRule(  # (a whole column)
            start_type="min", start_color="FFF8696B", end_type="max", end_color="FF63BE7B"
        ),
    )
    book.save(path)
    plan = load_path(path)
    assert [n.message.split(",")[0] for n in plan.notices if "conditional format" in n] == [
        "status cells with no word in them are coloured by the conditional format of C1:C1048576 "
        "(red"
    ]
    assert any(n.endswith("which the rule can still colour: milestones!C2") for n in plan.notices)


def test_notices_of_hidden_rows_and_typed_cells_point_to_each_sheet_s_first_one(tmp_path: Path):
    # They named the file alone ("plan.xlsx: rows hidden ..."): a notice of each sheet now begins
    # at its first such row or cell, as a finding does, and names the others on that sheet.
    path = workbook(
        tmp_path / "plan.xlsx",
        {
            "plan": PLAN_SHEET,
            "priorities": [
                ["id", "number", "title"],
                ["P1", 1.1, "Achieve"],
                ["P2", None, "Attain"],
            ],
            "aims": [
                ["id", "parent", "title"],
                ["P1.A1", "P1", "Attain"],
                [7, "P1", "Attend"],
                [8, "P1", "Engage"],
            ],
        },
    )
    book = openpyxl.load_workbook(path)
    for sheet, row in (("priorities", 3), ("aims", 3), ("aims", 4)):
        book[sheet].row_dimensions[row].hidden = True
    book.save(path)
    plan = load_path(path)
    located = {(n.location.sheet, n.location.cell, n.message.split(";")[0]) for n in plan.notices}
    assert located == {
        (
            "priorities",
            "A3",
            "rows hidden in the workbook (by hand or by a filter) were read as part of the plan",
        ),
        (
            "aims",
            "A3",
            "rows hidden in the workbook (by hand or by a filter) were read as part of the plan",
        ),
        (
            "priorities",
            "B2",
            "cells a spreadsheet program holds (or saved) as numbers or dates, not as text, were "
            "read as the text they show",
        ),
        (
            "aims",
            "A3",
            "cells a spreadsheet program holds (or saved) as numbers or dates, not as text, were "
            "read as the text they show",
        ),
    }
    assert any(
        n.startswith(f"{path}:aims!A3: rows hidden") and n.endswith("take it out: row 3, row 4")
        for n in plan.notices
    )
    assert any(
        n.startswith(f"{path}:aims!A3: cells a spreadsheet")
        and n.endswith(
            "aims!A3 id: the number 7, read as '7'; aims!A4 id: the number 8, read as '8'"
        )
        for n in plan.notices
    )


def test_a_csv_file_s_typed_cell_notice_points_to_its_line(tmp_path: Path):
    path = tmp_path / "table.csv"
    path.write_text(
        "Objective,Key milestones,By when\nFewer accidents,Audit,Sept 11\n,Survey,11-Jun\n",
        encoding="utf-8",
    )
    plan = load_path(path, period=PERIOD)
    notice = next(n for n in plan.notices if "spreadsheet program" in n)
    assert (notice.location.file, notice.location.line, notice.location.cell) == (
        str(path),
        3,
        "C3",
    )
    assert notice.startswith(f"{path}:3: cells a spreadsheet program")


def test_hints_on_a_workbook_name_the_column_to_fill_not_the_yaml_key(tmp_path: Path):
    # Richmond's plan states a target for none of its indicators, and tags its priorities with no
    # outcome once they are taken out: the hints said "add `target:`", a YAML key a workbook has no
    # place for; on a workbook (or CSV folder) they name the column and sheet, and the YAML's stay.
    richmond = MODELS / "richmond-cypp-2009-2013.yaml"
    yaml_hint = og.check(og.load(richmond)).by_rule("OG503")[0].hint
    assert "`target:`" in yaml_hint
    write_plan(og.load(richmond), tmp_path / "richmond.xlsx")
    write_plan(og.load(richmond), tmp_path / "richmond-csv")
    hints = {
        name: og.check(load_path(tmp_path / name)).by_rule("OG503")[0].hint
        for name in ("richmond.xlsx", "richmond-csv")
    }
    assert hints == {
        "richmond.xlsx": "Give the indicators the plan commits to improving the value to reach "
        "in the `target.value` column of the indicators sheet (or rows of the targets sheet, "
        "per year).",
        "richmond-csv": "Give the indicators the plan commits to improving the value to reach in "
        "the `target.value` column of indicators.csv (or rows of targets.csv, per year).",
    }
    assert yaml_hint == (
        "Give the indicators the plan commits to improving the value to reach in `target:` "
        "(or `targets:`, per year)."
    )


def test_a_flat_table_s_hints_name_its_own_columns_or_the_per_level_form(thurrock_table: Path):
    plan = load_path(thurrock_table, period=PERIOD)
    report = og.check(plan)
    assert report.by_rule("OG201")[0].hint == (
        "Give each priority (or aim) the outcomes it serves with the `outcomes` "
        "column; lower levels inherit them."
    )
    assert report.by_rule("OG503")[0].hint == (
        "Give the indicators the plan commits to improving the value to reach in the "
        "`target.value` column of the indicators sheet of the per-level form (or rows of the "
        "targets sheet of the per-level form, per year)."
    )


# Characters that show nothing, pasted into a cell with an id copied from a web page or a PDF: a
# zero-width space, a byte order mark, a soft hyphen, a word joiner; and a non-breaking space, which
# shows as a space (dropped around an id, as a YAML plan's is, without a word).
_PASTED = ["\u200b", "\ufeff", "\u00ad", "\u2060", "\u00a0"]


@pytest.mark.parametrize("char", _PASTED, ids=ascii)
@pytest.mark.parametrize("form", ["plan.xlsx", "plan-csv"])
def test_ids_with_invisible_characters_are_named_at_their_cell_as_a_yaml_plan_s_are(
    tmp_path: Path, char: str, form: str
):
    # A workbook or CSV folder read the ids without them, silently; the YAML plan names each one.
    yaml = og.load(
        PLAN_HEADER
        + f'objectives: [{{id: "O1{char}", title: Safe, indicators: ["NI 72{char}"]}}]\n'
        f'milestones: [{{id: "M1{char}", parent: "{char}O1", title: Audit}}]\n'
    )
    sheets = {
        "objectives": [["id", "title", "indicators"], [f"O1{char}", "Safe", f"NI 72{char}"]],
        "milestones": [["id", "parent", "title"], [f"M1{char}", f"{char}O1", "Audit"]],
    }
    if form == "plan.xlsx":
        path = workbook(
            tmp_path / form,
            {
                "plan": [
                    ["format", "id", "period.start", "period.end"],
                    ["outcome-graph/v1", "t", "2011-04-01", "2012-03-31"],
                ],
                **sheets,
            },
        )
        places = [
            f"{path}:{place}"
            for place in ("objectives!A2", "objectives!C2", "milestones!A2", "milestones!B2")
        ]
    else:
        path = csv_plan(
            tmp_path / form,
            **{
                name: "".join(",".join(row) + "\n" for row in rows) for name, rows in sheets.items()
            },
        )
        places = [
            f"{path / name}.csv:2"
            for name in ("objectives", "objectives", "milestones", "milestones")
        ]
    plan = load_path(path)
    assert sorted(plan.nodes) == sorted(yaml.nodes) == ["M1", "NI 72", "O1"]
    assert plan.location("M1").cell == "C2"  # (found by the id it is read as: its place was lost)
    assert plan.parents["M1"] == yaml.parents["M1"] == ("O1",)
    invisible = [n for n in plan.notices if "holds an invisible" in n]
    assert sorted(n.message for n in invisible) == sorted(n.message for n in yaml.notices)
    if char == "\u00a0":
        assert invisible == []
        return
    assert len(invisible) == 4
    assert sorted(n.split(": ")[0] for n in invisible) == sorted(places)
    assert f"{places[3]}: {char + 'O1'!r} holds an invisible character" in "\n".join(invisible)


def test_invisible_characters_in_a_real_plan_s_workbook_are_named_and_change_nothing_else(
    tmp_path: Path,
):
    # Thurrock's plan as a workbook, an id pasted with a zero-width space, a parent with a byte
    # order mark and a targets row's node with a word joiner: the plan and its findings are the YAML
    # plan's, and each cell is named (a sub-sheet's node, which validation never sees, too).
    model = og.load(MODELS / "thurrock-cypp-2011-12.yaml")
    write_plan(model, path := tmp_path / "thurrock.xlsx")
    book = openpyxl.load_workbook(path)
    edits = {
        ("milestones", "A2"): "{}\u200b",
        ("milestones", "B3"): "\ufeff{}",
        ("targets", "A2"): "{}\u2060",
    }
    for (sheet, ref), pasted in edits.items():
        book[sheet][ref].value = pasted.format(book[sheet][ref].value)
    book.save(path)
    write_plan(model, tmp_path / "clean.xlsx")
    plan, clean = load_path(path), load_path(tmp_path / "clean.xlsx")
    assert list(plan.nodes) == list(clean.nodes)
    assert plan.location("P1.A1.O1.M1").cell == "D2"

    def findings(loaded: og.Plan) -> list[tuple[object, ...]]:
        return [
            (f.rule, f.node, f.message, f.location.sheet, f.location.cell)
            for f in og.check(loaded).findings
        ]

    assert findings(plan) == findings(clean)
    assert [n.split(" holds")[0] for n in plan.notices if "holds an invisible" in n] == [
        f"{path}:milestones!A2: 'P1.A1.O1.M1\\u200b'",
        f"{path}:milestones!B3: '\\ufeffP1.A1.O1'",
        f"{path}:targets!A2: 'P1.A3\\u2060'",
    ]


def test_invisible_characters_in_a_flat_table_s_ids_and_indicators_are_named(thurrock_table: Path):
    book = openpyxl.load_workbook(thurrock_table)
    book["Pillar 1"]["I4"].value = "NI 72\u200b; NI 73"
    book["Pillar 1"]["I7"].value = "NI 102a\u00ad"
    book.save(thurrock_table)
    plan = load_path(thurrock_table, period=PERIOD)
    assert sorted(n for n in plan.nodes if n.startswith("NI")) == [
        "NI 102a",
        "NI 71",
        "NI 72",
        "NI 73",
    ]
    assert [n for n in plan.notices if "holds an invisible" in n] == [
        f"{thurrock_table}:Pillar 1!I4: 'NI 72\\u200b' holds an invisible character (U+200B ZERO "
        "WIDTH SPACE), left out: read as 'NI 72'",
        f"{thurrock_table}:Pillar 1!I7: 'NI 102a\\xad' holds an invisible character (U+00AD SOFT "
        "HYPHEN), left out: read as 'NI 102a'",
    ]


def test_a_flat_table_s_usual_headers_are_read_whatever_the_council_calls_them(tmp_path: Path):
    # (each of these headers was dropped: "Objective O1
    # has no milestones and no lead", against the sheet)
    path = tmp_path / "plan.csv"
    path.write_text(
        "Strategic priority,Objective,Key Actions / Milestones,Lead Agency,Completion by,"
        "Key performance indicators\n"
        "Safe children,Fewer accidents,Audit the junctions,Road safety team,June 2011,NI 48\n",
        encoding="utf-8",
    )
    plan = load_path(path, period=PERIOD)
    milestone = plan.nodes["P1.O1.M1"]
    assert list(plan.nodes) == ["P1", "P1.O1", "P1.O1.M1", "NI 48"]
    assert (milestone.title, milestone.lead, milestone.timescale) == (
        "Audit the junctions",
        "Road safety team",
        "June 2011",
    )
    assert [r.id for r in plan.nodes["P1.O1"].indicators] == ["NI 48"]
    # a "Target" beside a "Performance indicator" column is the indicator's target, not an objective
    path.write_text(
        "Priority,Action,Lead Officer,Target date,Performance indicator,Target\n"
        "Healthy children,Run the clinic,Head of Health,June 2011,NI 112,-10%\n",
        encoding="utf-8",
    )
    plan = load_path(path, period=PERIOD)
    assert plan.parents["P1.M1"] == ("P1",) and not list(plan.of_kind("objective"))
    assert any("Target" in n and "the reader does not know" in n for n in plan.notices)


@pytest.mark.parametrize("merged", [True, False])
def test_a_heading_row_naming_a_level_above_the_table_s_is_a_node_over_the_rows_below(
    tmp_path: Path, merged: bool
):
    # (Thurrock's tables: "Aim: ..." over objectives and milestones; the aims were skipped as
    # headings, or read as objectives with no milestones)
    sheets = {
        "Pillar 1": [
            ["Objective", "Key milestones", "Lead", "Timescale"],
            ["Aim: Raise attainment and promote engagement"],
            ["Target support at schools", "Identify the schools", "SILS", "June 11"],
            [None, "Agree plans", "SILS", "Sept 11"],
            ["Aim 1.2: Promote family learning"],
            ["Family learning courses", "Run the courses", "EYFC", "Jan 12"],
            ["Theme 2 - Staying safe"],
            ["Fewer accidents", "Audit the junctions", "Road safety team", "June 11"],
        ]
    }
    path = workbook(
        tmp_path / "plan.xlsx",
        sheets,
        {"Pillar 1": ["A2:D2", "A5:D5", "A7:D7"]} if merged else None,
    )
    plan = load_path(path, period=PERIOD)
    assert {
        n.id: (n.kind, n.title) for n in plan.nodes.values() if n.kind in ("priority", "aim")
    } == {
        "A1": ("aim", "Raise attainment and promote engagement"),
        "A2": ("aim", "Promote family learning"),
        "P1": ("priority", "Staying safe"),
    }
    assert plan.nodes["A2"].number == "1.2"
    assert plan.parents["A1.O1"] == ("A1",) and plan.parents["A1.O1.M2"] == ("A1.O1",)
    assert plan.parents["A2.O1"] == ("A2",) and plan.parents["P1.O1"] == ("P1",)
    assert any("row 2 is read as the aim A1 over the rows below it" in n for n in plan.notices)
    # a heading that names no level above the table's is read as before (a heading, or data)
    sheets["Pillar 1"][1] = ["Aims and objectives for 2011-12"]
    plan = load_path(
        workbook(tmp_path / "other.xlsx", sheets, {"Pillar 1": ["A2:D2"]}), period=PERIOD
    )
    assert not [n for n in plan.nodes.values() if n.kind == "aim" and "objectives for" in n.title]


def test_a_flat_lead_cell_saying_as_above_is_the_lead_above_and_a_dash_names_no_milestone(
    tmp_path: Path,
):
    # ('As above' and 'Ditto' in a lead cell were owners of those names; '-' and 'N/A' milestones)
    path = tmp_path / "plan.csv"
    path.write_text(
        "Objective,Key milestones,Lead,Timescale\n"
        "Fewer accidents,Audit the junctions,Road safety team,June 11\n"
        ",Repaint crossings,As above,Sept 11\n"
        ",Report to board,Ditto,Dec 11\n"
        "Safer routes,-,Highways,Sept 11\n"
        "Better lighting,N/A,,\n",
        encoding="utf-8",
    )
    plan = load_path(path, period=PERIOD)
    assert [(m.title, m.lead) for m in plan.of_kind("milestone")] == [
        ("Audit the junctions", "Road safety team"),
        ("Repaint crossings", "Road safety team"),
        ("Report to board", "Road safety team"),
    ]
    assert (
        plan.nodes["O2"].lead == "Highways"
        and "O2.M1" not in plan.nodes
        and "O3.M1" not in plan.nodes
    )
    assert any(
        n.endswith(
            "plan.csv:3 (column C) ('Road safety team'), plan.csv:4 (column C) ('Road safety team')"
        )
        for n in plan.notices
    )
    assert any("'-'" in n and "'N/A'" in n and "read as blank" in n for n in plan.notices)


def test_a_flat_indicators_cell_is_read_as_published_plans_write_it(tmp_path: Path):
    # (each was a broken reference, OG104, and OG102 said the objective had no indicator)
    path = tmp_path / "plan.csv"
    path.write_text(
        "Objective,Key milestones,Lead,Timescale,Indicators\n"
        "Safer homes,Audit referrals,Safeguarding team,June 11,"
        '"NI 32 Repeat incidents of domestic violence"\n'
        'Fewer conceptions,Run clinics,Health team,June 11,"NI 112 and NI 113, LAA: NI 72"\n'
        'Better attainment,Support schools,SILS,June 11,"NI 99, 100, 101; NI87/NI114"\n',
        encoding="utf-8",
    )
    plan = load_path(path, period=PERIOD)
    refs = {o.id: [(r.id, r.title) for r in o.indicators] for o in plan.of_kind("objective")}
    assert refs == {
        "O1": [("NI 32", "Repeat incidents of domestic violence")],
        "O2": [("NI 112", None), ("NI 113", None), ("NI 72", None)],
        "O3": [
            ("NI 99", None),
            ("NI 100", None),
            ("NI 101", None),
            ("NI87", None),
            ("NI114", None),
        ],
    }
    report = og.check(plan, {"select": ["OG104", "OG102"]})
    assert report.findings == []


def test_a_cover_sheet_called_plan_beside_a_flat_table_is_no_plan_sheet(tmp_path: Path):
    # ("the plan sheet has more than one row; a workbook
    # holds one plan", exit 2, whatever --period said)
    path = workbook(
        tmp_path / "plan.xlsx",
        {
            "Plan": [
                ["Barsetshire Children and Young People's Plan"],
                [None],
                ["Period", "April 2011 to March 2012"],
                ["Owner", "Children's Trust Board"],
            ],
            "Actions": [
                ["Objective", "Key milestones", "Lead", "By when"],
                ["Fewer accidents", "Audit the junctions", "Road safety", "June 11"],
            ],
        },
    )
    plan = load_path(path, period=PERIOD)
    assert list(plan.nodes) == ["O1", "O1.M1"]
    assert any("the sheet 'Plan' names no field of the plan" in n for n in plan.notices)


def test_a_note_or_a_row_of_totals_under_a_flat_table_is_no_item(tmp_path: Path):
    # (the note was a priority, the totals a priority with a milestone '2')
    path = tmp_path / "plan.csv"
    path.write_text(
        "Priority,Key milestones,Lead,Timescale\n"
        "Safe children,Audit the junctions,Road safety,June 11\n"
        "Total Place,Pilot the approach,Chief Executive,March 12\n"
        "Note: all timescales are subject to funding,,,\n"
        "Total actions,,2,\n",
        encoding="utf-8",
    )
    plan = load_path(path, period=PERIOD)
    assert [n.title for n in plan.of_kind("priority")] == [
        "Safe children",
        "Total Place",
    ]  # (a priority of that name)
    assert sum("is a note or a total, not an item of the plan" in n for n in plan.notices) == 2


def test_a_milestone_cell_of_bullets_is_a_milestone_per_bullet_sharing_the_row_s_fields(
    tmp_path: Path,
):
    # A printed plan lists several actions in one cell, one a line after a bullet: each is a
    # milestone, with the row's lead, timescale and status, and a notice names the cell.
    path = workbook(
        tmp_path / "table.xlsx",
        {
            "T": [
                ["Objective", "Key milestones", "Lead", "Timescale", "Status"],
                [
                    "Fewer accidents",
                    "\u2022 Audit the junctions\n\u2022 Repaint the crossings\n\n"
                    "\u2022Train the wardens",
                    "Roads",
                    "June 11",
                    "Green",
                ],
                [None, "- Consult parents\n- Report to the board", "Parks", "Sept 11", None],
            ]
        },
    )
    plan = load_path(path, period=PERIOD)
    milestones = list(plan.of_kind("milestone"))
    assert [(m.title, m.lead, m.timescale, m.status) for m in milestones] == [
        ("Audit the junctions", "Roads", "June 11", "on_track"),
        ("Repaint the crossings", "Roads", "June 11", "on_track"),
        ("Train the wardens", "Roads", "June 11", "on_track"),
        ("Consult parents", "Parks", "Sept 11", None),
        ("Report to the board", "Parks", "Sept 11", None),
    ]
    assert [str(plan.locations[m.id]) for m in milestones] == [f"{path}:T!B2"] * 3 + [
        f"{path}:T!B3"
    ] * 2
    assert (
        f"{path}: a milestone cell holding a bulleted list was read as a milestone for each "
        "bullet, each with the row's lead, timescale and status: T!B2 (3 milestones), T!B3 (2 "
        "milestones)"
    ) in plan.notices
    csv = tmp_path / "table.csv"
    csv.write_text(
        'Objective,Key milestones,Lead\nFewer accidents,"* Audit\n* Repaint",Roads\n',
        encoding="utf-8",
    )
    assert [m.title for m in load_path(csv, period=PERIOD).of_kind("milestone")] == [
        "Audit",
        "Repaint",
    ]


@pytest.mark.parametrize(
    "cell",
    [
        # (a line that is no bullet: one milestone, as written)
        "Actions:\n- Consult parents\n- Report",
        "- Consult parents",  # (one bullet)
        "Consult parents -\nthen report",
        "-2 children\n-3 children",  # (a minus sign, not a bullet)
    ],
)
def test_a_milestone_cell_that_is_no_bulleted_list_is_one_milestone(tmp_path: Path, cell: str):
    path = workbook(
        tmp_path / "table.xlsx",
        {"T": [["Objective", "Key milestones", "Lead"], ["Fewer accidents", cell, "Roads"]]},
    )
    plan = load_path(path, period=PERIOD)
    assert [m.title for m in plan.of_kind("milestone")] == [cell]
    assert not any("bulleted list" in n for n in plan.notices)


def test_a_bulleted_milestone_cell_with_its_own_id_is_one_milestone(tmp_path: Path):
    path = workbook(
        tmp_path / "table.xlsx",
        {"T": [["Milestone ID", "Key milestones"], ["M7", "- Consult\n- Report"]]},
    )
    assert [m.id for m in load_path(path, period=PERIOD).of_kind("milestone")] == ["M7"]


@pytest.mark.parametrize("merged", [False, True])
def test_a_title_repeated_on_each_printed_page_is_skipped_with_a_notice(
    tmp_path: Path, merged: bool
):
    # A plan printed to a spreadsheet repeats its title row at the top of each page, with the
    # header or without it: a row that says what a row above the header says is no item.
    title = THURROCK_TABLE[0]
    rows = [
        *THURROCK_TABLE[:6],
        title,
        *THURROCK_TABLE[6:9],
        title,
        THURROCK_TABLE[2],
        *THURROCK_TABLE[9:],
    ]
    ranges = ["A1:I1", "A7:I7", "A11:I11"] if merged else []
    path = workbook(tmp_path / "action-plan.xlsx", {"Pillar 1": rows}, {"Pillar 1": ranges})
    plan = load_path(path, period=PERIOD)
    plain = load_path(
        workbook(tmp_path / "plain.xlsx", {"Pillar 1": THURROCK_TABLE}), period=PERIOD
    )
    assert [(n.id, n.title) for n in plan.nodes.values()] == [
        (n.id, n.title) for n in plain.nodes.values()
    ]
    assert (
        f"{path}:Pillar 1!A7: row 7 repeats row 1 above the header (a title repeated on each "
        "printed page); skipped"
    ) in plan.notices
    assert (
        f"{path}:Pillar 1!A11: row 11 repeats row 1 above the header (a title repeated on each "
        "printed page); skipped" in plan.notices
    )


def test_another_table_below_a_blank_row_is_read_as_a_table_of_its_own_or_not_read(tmp_path: Path):
    # A sheet may hold more than one table: after a blank row, a header row naming other columns
    # starts another table, read with its own columns when it names a level, else not read (a
    # table of indicators' baselines and targets is no items); a notice names each header row.
    path = workbook(
        tmp_path / "tables.xlsx",
        {
            "T": [
                ["Objective", "Key milestones", "Lead"],
                ["Fewer accidents", "Audit the junctions", "Roads"],
                [None, "Repaint the crossings", "Roads"],
                [None],
                ["Table 2: performance measures"],
                ["Indicator", "Baseline", "Target"],
                ["NI 72", "56", "60"],
                [None],
                ["Priority", "Action", "By when", "Lead officer"],
                ["Be safe", "Train the wardens", "June 11", "Schools"],
            ]
        },
    )
    plan = load_path(path, period=PERIOD)
    assert [(n.id, n.title) for n in plan.nodes.values()] == [
        ("P1", "Be safe"),
        ("P1.M1", "Train the wardens"),
        ("O1", "Fewer accidents"),
        ("O1.M1", "Audit the junctions"),
        ("O1.M2", "Repaint the crossings"),
    ]
    assert (plan.nodes["P1.M1"].lead, plan.nodes["P1.M1"].timescale) == ("Schools", "June 11")
    assert (
        f"{path}:T!A6: row 6 is the header of another table on the sheet ('Indicator', "
        "'Baseline', 'Target'; under its title 'Table 2: performance measures' in row 5), which "
        "names no level (priority, aim, objective or milestone): its rows were not read (row 7)"
    ) in plan.notices
    assert (
        f"{path}:T!A9: row 9 is the header of another table on the sheet ('Priority', 'Action', "
        "'By when', 'Lead officer'): its rows were read as a table of their own"
    ) in plan.notices


@pytest.mark.parametrize("second", ["Baseline", "2011-12"])
def test_a_table_of_indicators_with_one_column_of_figures_is_another_table(
    tmp_path: Path, second: str
):
    # (its indicator column and one of baselines, targets or years: two columns named, as many as
    # a table needs, not two more items of the plan)
    path = workbook(
        tmp_path / "tables.xlsx",
        {
            "T": [
                ["Objective", "Key milestones", "Lead"],
                ["Fewer accidents", "Audit the junctions", "Roads"],
                [None],
                ["Indicator", second],
                ["NI 72", "56"],
            ]
        },
    )
    plan = load_path(path, period=PERIOD)
    assert [(n.id, n.title) for n in plan.nodes.values()] == [
        ("O1", "Fewer accidents"),
        ("O1.M1", "Audit the junctions"),
    ]
    assert plan.notices == [
        f"{path}:T!A4: row 4 is the header of another table on the sheet ('Indicator', "
        f"'{second}'), which names no level (priority, aim, objective or milestone): its rows "
        "were not read (row 5)"
    ]


def test_the_header_repeated_below_a_blank_row_continues_the_table(tmp_path: Path):
    # (a printed plan's header at the top of each page
    # is no other table: the objective above carries on)
    path = workbook(
        tmp_path / "table.xlsx",
        {
            "T": [
                ["Objective", "Key milestones", "Lead"],
                ["Fewer accidents", "Audit", "Roads"],
                [None],
                ["Objective", "Key milestones", "Lead"],
                [None, "Repaint", "Roads"],
            ]
        },
    )
    plan = load_path(path, period=PERIOD)
    assert [n.id for n in plan.nodes.values()] == ["O1", "O1.M1", "O1.M2"]
    assert not any("another table" in n for n in plan.notices)


@pytest.mark.parametrize("row", [["Be safe", "Lead", "Roads"], ["Be safe", "Consult", "Date"]])
def test_a_row_of_items_below_a_blank_row_is_no_header(tmp_path: Path, row: list):
    path = workbook(
        tmp_path / "table.xlsx",
        {
            "T": [
                ["Objective", "Key milestones", "Lead"],
                ["Fewer accidents", "Audit", "Roads"],
                [None],
                row,
            ]
        },
    )
    plan = load_path(path, period=PERIOD)
    assert [n.title for n in plan.nodes.values()] == ["Fewer accidents", "Audit", "Be safe", row[1]]


@pytest.mark.parametrize("hidden", ["C", "D"])
def test_of_two_lead_columns_the_visible_one_is_read_and_the_hidden_one_named(
    tmp_path: Path, hidden: str
):
    # A stale lead column hidden beside the one kept up to date: the visible one is what a person
    # reads, whichever comes first; the hidden one is named in a notice, not read.
    path = workbook(
        tmp_path / "table.xlsx",
        {
            "T": [
                ["Objective", "Key milestones", "Lead", "Lead officer"],
                [
                    "Fewer accidents",
                    "Audit",
                    *(["Old team", "Roads"] if hidden == "C" else ["Roads", "Old team"]),
                ],
            ]
        },
    )
    book = openpyxl.load_workbook(path)
    book["T"].column_dimensions[hidden].hidden = True
    book.save(path)
    plan = load_path(path, period=PERIOD)
    assert plan.nodes["O1.M1"].lead == "Roads"
    shown = "D" if hidden == "C" else "C"
    header = {"C": "Lead", "D": "Lead officer"}
    assert (
        f"{path}:T!{hidden}1: the hidden column {hidden} {header[hidden]!r} was not read, as the "
        f"visible column {shown} {header[shown]!r} holds the same; unhide it and delete the one "
        "that is out of date"
    ) in plan.notices
    assert not any("the reader does not know" in n for n in plan.notices)


# ---------------------------------------------------------------------------------------------
# Values written as percentages


def test_a_value_typed_as_a_percentage_gives_its_indicator_the_unit_percent(tmp_path: Path):
    # '74%' typed as text in a value cell (a baseline, a target on the targets sheet), or a cell
    # formatted as a percentage, is 74 as a plan file writes it, and the '%' is kept where the
    # format keeps it: the indicator's unit, percent. A unit of its own is kept, and named.
    plan = og.load(
        PLAN_HEADER
        + """priorities: [{id: P1, title: Safe, indicators: [NI 72, NI 73, NI 117]}]
indicators:
  - {id: NI 72, title: Early years, baseline: {period: "2010", value: 70},
     targets: [{period: "2011-12", value: 75}]}
  - {id: NI 73, title: Key stage 2, unit: count, baseline: {period: "2010", value: 70}}
  - {id: NI 117, title: NEET, baseline: {period: "2010", value: 6}}
"""
    )
    path = tmp_path / "plan.xlsx"
    write_workbook(plan, path)
    book = openpyxl.load_workbook(path)
    sheet = book["indicators"]
    column = [c.value for c in sheet[1]].index("baseline.value") + 1
    sheet.cell(2, column).value = "74%"
    sheet.cell(3, column).value = "74 %"
    sheet.cell(4, column).value = 0.061
    sheet.cell(4, column).number_format = "0.0%"
    targets = book["targets"]
    targets.cell(2, [c.value for c in targets[1]].index("value") + 1).value = "75%"
    book.save(path)
    read = og.load(path)
    units = {i.id: (i.unit, i.baseline.value) for i in read.of_kind("indicator")}
    assert units == {"NI 72": ("percent", 74), "NI 73": ("count", 74), "NI 117": ("percent", 6.1)}
    assert [t.value for t in read.nodes["NI 72"].targets] == [75]
    given = next(n for n in read.notices if "given the unit percent" in n)
    assert (
        given.startswith(f"{path}:indicators!")
        and "targets!C2 '75%'" in given
        and "'6.1%' (NI 117)" in given
    )
    assert any("NI 73, whose unit is 'count'" in n for n in read.notices)
    # (converted, the plan keeps the unit: a YAML plan writes value: 74 and unit: percent)
    again = tmp_path / "again.yaml"
    og.convert_plan(path, again)
    assert og.load(again).document == read.document
    assert "unit: percent" in again.read_text()


def test_a_value_written_as_a_percentage_in_a_csv_plan_gives_the_unit_percent(tmp_path: Path):
    folder = csv_plan(
        tmp_path / "plan-csv",
        priorities="id,title,indicators\nP1,Safe,NI 72\n",
        indicators="id,title,unit,baseline.period,baseline.value\nNI 72,Early years,,2010,74%\n"
        "LOCAL 1,Visits,Percent,2010,50%\n",
        actuals="node,period,value\nNI 72,2011,76.5%\n",
    )
    plan = og.load(folder)
    assert (plan.nodes["NI 72"].unit, plan.nodes["NI 72"].baseline.value) == ("percent", 74)
    assert [a.value for a in plan.nodes["NI 72"].actuals] == [76.5]
    assert plan.nodes["LOCAL 1"].unit == "Percent"  # (its own spelling of the unit: nothing to say)
    [notice] = [n for n in plan.notices if "percentage" in n]
    assert notice.startswith(f"{folder / 'indicators.csv'}:2: ") and "actuals.csv:2" in notice
    assert "LOCAL 1" not in notice


@given(st.decimals(min_value=0, max_value=1000, places=1, allow_nan=False), st.booleans())
@settings(max_examples=30, deadline=None)
def test_any_percentage_typed_in_a_value_cell_reads_as_its_number_and_unit(figure, spaced: bool):
    import tempfile

    text = f"{figure}{' ' if spaced else ''}%"
    with tempfile.TemporaryDirectory() as folder:
        path = workbook(
            Path(folder) / "plan.xlsx",
            {
                "plan": PLAN_SHEET,
                "indicators": [
                    ["id", "title", "baseline.period", "baseline.value"],
                    ["NI 72", "Early years", "2010", text],
                ],
            },
        )
        plan = og.load(path)
    indicator = plan.nodes["NI 72"]
    assert indicator.unit == "percent" and indicator.baseline.value == float(figure)


def test_a_workbook_read_from_its_bytes_is_located_in_the_name_given_or_in_no_file(
    thurrock_table: Path,
):
    import io

    data = thurrock_table.read_bytes()
    named = og.load(io.BytesIO(data), name="upload.xlsx", period=PERIOD)
    unnamed = og.load(io.BytesIO(data), period=PERIOD)
    assert named.file == "upload.xlsx" and unnamed.file is None
    assert {loc.file for loc in named.locations.values()} == {"upload.xlsx"}
    assert {loc.file for loc in unnamed.locations.values()} == {None}
    assert [(loc.sheet, loc.cell) for loc in named.locations.values()] == [
        (loc.sheet, loc.cell) for loc in unnamed.locations.values()
    ]


def test_a_finding_about_a_field_the_table_has_no_column_for_is_at_the_row_s_cell(tmp_path: Path):
    # (no Lead column: "has no lead" points at each milestone's own cell, not at the sheet alone)
    path = workbook(
        tmp_path / "plan.xlsx",
        {
            "Plan": [
                ["Ref", "Priority", "Action", "Timescale"],
                ["1.1", "Be healthy", "Open a centre", "June 2011"],
                ["2.1", "Stay safe", "Train staff", "Sept 2011"],
            ]
        },
    )
    findings = [f for f in og.check(og.load(path, period=PERIOD)) if f.rule == "OG301"]
    assert [(f.node, f.location.sheet, f.location.cell) for f in findings] == [
        ("P1.M1", "Plan", "C2"),
        ("P2.M1", "Plan", "C3"),
    ]


def test_an_id_used_twice_in_a_csv_plan_names_the_first_use_by_file_line_and_column(
    tmp_path: Path,
):
    folder = csv_plan(tmp_path / "plan", milestones="id,title\nM1,Audit\nM1,Review\n")
    with pytest.raises(PlanError) as info:
        load_path(folder)
    assert str(info.value) == (
        f"{folder / 'milestones.csv'}:3: column A: duplicate id 'M1' (first used at "
        "milestones.csv:2 (column A)); ids must be unique across the plan"
    )


def test_a_january_date_a_spreadsheet_program_rewrote_is_told_as_the_date_to_write(
    tmp_path: Path,
):
    folder = tmp_path / "plan"
    folder.mkdir()
    (folder / "plan.csv").write_text(
        "format,id,period.start,period.end\noutcome-graph/v1,p,2011-02-01,31/01/2012\n"
    )
    (folder / "milestones.csv").write_text("id,title\nM1,Audit\n")
    with pytest.raises(PlanError) as info:
        load_path(folder)
    by_cell = {(Path(p.file or "").stem, p.cell): p.message for p in info.value.problems}
    assert "write 2012-01-31 if that is what was meant" in by_cell[("plan", "D2")]
