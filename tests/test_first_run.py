"""A strategy lead's first plan, from the template to the board: what the command says at each step
must be something a person working in a spreadsheet can act on (the cell, the column, what to write)."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from .conftest import cli_runner


def run(*args: str) -> tuple[int, str, str]:
    """The command run in-process as a user types it: exit code, standard output, standard error."""
    from outcome_graph.cli import main

    result = cli_runner().invoke(main, list(args), catch_exceptions=True)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception  # (a traceback a user would see)
    return result.exit_code, result.stdout, result.stderr


def workbook(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    """A workbook of the given sheets, every value typed as text where it is text."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


PLAN_SHEET = [["id", "title", "period.start", "period.end"], ["anytown", "Anytown plan", "2012-04-01", "2013-03-31"]]


def test_a_misspelt_header_of_a_flat_table_says_which_column_it_meant(tmp_path: Path):
    # 'Lead Offcer' matches no column, so no lead is read and every milestone is reported without
    # one: the notice that the column was ignored says which column it most likely meant.
    path = workbook(tmp_path / "table.xlsx", {"plan": PLAN_SHEET, "table": [
        ["Objective", "Milestone", "Lead Offcer", "Timscale", "Budget"],
        ["Fewer accidents", "Audit the junctions", "Road safety team", "June 12", "£5,000"],
    ]})
    code, out, err = run("check", str(path), "--select", "OG301")
    assert code == 0 and "OG301" in out
    assert (f"notice: {path}: columns that match no field were ignored: table!C1 'Lead Offcer' (did you mean "
            "'Lead officer'?), table!D1 'Timscale' (did you mean 'Timescale'?), table!E1 'Budget'\n") in err


def test_a_column_of_a_role_the_table_has_is_not_taken_for_a_misspelling(tmp_path: Path):
    # A second lead column, or a tracker's 'Progress' commentary, is no misspelt column the table lacks.
    path = workbook(tmp_path / "table.xlsx", {"plan": PLAN_SHEET, "table": [
        ["Objective", "Milestone", "Lead", "Lead Offcer", "Progress"],
        ["Fewer accidents", "Audit the junctions", "Road safety team", "Ann", "Begun"],
    ]})
    code, _, err = run("check", str(path))
    assert code == 0
    assert "table!D1 'Lead Offcer', table!E1 'Progress'\n" in err and "did you mean" not in err


TWO_PRIORITIES = """\
format: outcome-graph/v1
plan: {id: anytown, title: Anytown plan, period: {start: 2012-04-01, end: 2013-03-31}}
priorities:
  - id: P1
    title: Children are safe
    outcomes: [stay_safe]
    objectives:
      - {id: P1.O1, title: Fewer children go missing, lead: Head of Safeguarding, indicators: [NI 71]}
  - id: P2
    title: Every child achieves
    outcomes: [enjoy_and_achieve]
    objectives:
      - {id: P2.O1, title: Support schools below the floor, lead: Head of School Improvement, indicators: [NI 73]}
      - {id: P2.O2, title: Healthy school meals, lead: Head of School Improvement, outcomes: [be_healthy]}
"""


def _outcome_gaps(path: Path) -> dict[str, str]:
    import outcome_graph as og

    return {f.message: f.hint or "" for f in og.check(og.load(path)).by_rule("OG201")}


def test_an_outcome_gap_says_where_to_tag_the_outcome_and_how_to_accept_it(tmp_path: Path):
    # A first plan of two priorities: two outcomes with no objective, one (be healthy) with an
    # objective and no indicator. The hint names the outcome to write, where, and how to accept a
    # gap that another plan covers: in YAML the keys, in a workbook its columns and the ignore sheet.
    from outcome_graph.convert import write_plan

    plan = tmp_path / "plan.yaml"
    plan.write_text(TWO_PRIORITIES)
    gaps = _outcome_gaps(plan)
    assert gaps["The outcome 'Make a positive contribution' has no objective and no indicator in the plan."] == (
        "Tag an objective that serves it (or its aim or priority) with `outcomes: [positive_contribution]`, or add "
        "one, and list an indicator that measures it in `indicators:`; if another plan covers it, add an `ignore:` "
        "entry under `plan:` (`ignore: [{rule: OG201, reason: ...}]`).")
    assert gaps["The outcome 'Be healthy' has no indicator in the plan."] == (
        "List an indicator that measures it in `indicators:`; if another plan covers it, add an `ignore:` entry "
        "under `plan:` (`ignore: [{rule: OG201, reason: ...}]`).")
    import outcome_graph as og

    book = tmp_path / "plan.xlsx"
    write_plan(og.load(plan), book)
    gaps = _outcome_gaps(book)
    assert gaps["The outcome 'Achieve economic well-being' has no objective and no indicator in the plan."] == (
        "Tag an objective that serves it (or its aim or priority) with `economic_wellbeing` in the `outcomes` "
        "column, or add one, and list an indicator that measures it in the `indicators` column; if another plan "
        "covers it, add a row of the ignore sheet: the plan's id in `node`, OG201 in `rule` and why in `reason`.")
    # Following the hint accepts them: a row of the ignore sheet (added, headed as the template's is)
    # naming the plan.
    wb = openpyxl.load_workbook(book)
    ignore = wb.create_sheet("ignore")
    ignore.append(["node", "rule", "reason"])
    ignore.append(["anytown", "OG201", "the other outcomes are the Health and Wellbeing Strategy's"])
    wb.save(book)
    assert _outcome_gaps(book) == {}


def test_render_and_report_say_what_they_wrote(tmp_path: Path):
    # As convert, table and template do: a person who asked for a diagram for the board is told the
    # file is there (in standard error, as the others; standard output stays the document's).
    plan = tmp_path / "plan.yaml"
    plan.write_text(TWO_PRIORITIES)
    svg, html = tmp_path / "logic-model.svg", tmp_path / "report.html"
    code, out, err = run("render", str(plan), "-o", str(svg))
    assert (code, out, err) == (0, "", f"wrote {svg}\n") and svg.read_text().lstrip().startswith("<")
    code, out, err = run("report", str(plan), "-o", str(html), "--no-diagram")
    assert (code, out, err) == (0, "", f"wrote {html}\n") and "<html" in html.read_text()
    code, out, err = run("report", str(plan), "-o", "-", "--no-diagram")
    assert code == 0 and "<html" in out and err == ""
