"""A strategy lead's first plan, from the template to the board: what the command says at each step
must be something a person working in a spreadsheet
can act on (the cell, the column, what to write)."""

from __future__ import annotations

import re
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


PLAN_SHEET = [
    ["id", "title", "period.start", "period.end"],
    ["anytown", "Anytown plan", "2012-04-01", "2013-03-31"],
]


def test_a_misspelt_header_of_a_flat_table_says_which_column_it_meant(tmp_path: Path):
    # 'Lead Offcer' matches no column, so no lead is read and every milestone is reported without
    # one: the notice that the column was ignored says which column it most likely meant.
    path = workbook(
        tmp_path / "table.xlsx",
        {
            "plan": PLAN_SHEET,
            "table": [
                ["Objective", "Milestone", "Lead Offcer", "Timscale", "Budget"],
                ["Fewer accidents", "Audit the junctions", "Road safety team", "June 12", "£5,000"],
            ],
        },
    )
    code, out, err = run("check", str(path), "--select", "OG301")
    assert code == 0 and "OG301" in out
    assert (
        f"notice: {path}: columns the reader does not know were not read: table!C1 'Lead Offcer' "
        "(did you mean 'Lead officer'?), table!D1 'Timscale' (did you mean 'Timescale'?), "
        "table!E1 'Budget'; to have one read, head it with the name of the field it holds "
        "(lead, timescale, indicators...)\n"
    ) in err


def test_a_column_of_a_role_the_table_has_is_not_taken_for_a_misspelling(tmp_path: Path):
    # A second lead column, or a tracker's 'Progress'
    # commentary, is no misspelt column the table lacks.
    path = workbook(
        tmp_path / "table.xlsx",
        {
            "plan": PLAN_SHEET,
            "table": [
                ["Objective", "Milestone", "Lead", "Lead Offcer", "Progress"],
                ["Fewer accidents", "Audit the junctions", "Road safety team", "Ann", "Begun"],
            ],
        },
    )
    code, _, err = run("check", str(path))
    assert code == 0
    assert (
        "table!D1 'Lead Offcer', table!E1 'Progress'; to have one read" in err
        and "did you mean" not in err
    )


TWO_PRIORITIES = """\
format: outcome-graph/v1
plan: {id: anytown, title: Anytown plan, period: {start: 2012-04-01, end: 2013-03-31}}
priorities:
  - id: P1
    title: Children are safe
    outcomes: [stay_safe]
    objectives:
      - {id: P1.O1, title: Fewer children go missing, lead: Head of Safeguarding,
         indicators: [NI 71]}
  - id: P2
    title: Every child achieves
    outcomes: [enjoy_and_achieve]
    objectives:
      - {id: P2.O1, title: Support schools below the floor, lead: Head of School Improvement,
         indicators: [NI 73]}
      - {id: P2.O2, title: Healthy school meals, lead: Head of School Improvement,
         outcomes: [be_healthy]}
"""


def _outcome_gaps(path: Path) -> dict[str, str]:
    import outcome_graph as og

    return {f.message: f.hint or "" for f in og.check(og.load(path)).by_rule("OG201")}


def test_an_outcome_gap_says_where_to_tag_the_outcome_and_how_to_accept_it(tmp_path: Path):
    # A first plan of two priorities: two outcomes with no objective, one (be healthy) with an
    # objective and no indicator. The hint names the outcome to write, where, and how to accept a
    # gap that another plan covers: in YAML the keys,
    # in a workbook its columns and the ignore sheet.
    from outcome_graph.convert import write_plan

    plan = tmp_path / "plan.yaml"
    plan.write_text(TWO_PRIORITIES)
    gaps = _outcome_gaps(plan)
    assert gaps[
        "The outcome 'Make a positive contribution' has no objective and no indicator in the plan."
    ] == (
        "Tag an objective that serves it (or its aim or priority) with `outcomes: "
        "[positive_contribution]`, or add one, and list an indicator that measures it in "
        "`indicators:`; if another plan covers it, add an `ignore:` entry under `plan:` "
        "(`ignore: [{rule: OG201, reason: ...}]`)."
    )
    assert gaps["The outcome 'Be healthy' has no indicator in the plan."] == (
        "List an indicator that measures it in `indicators:`; if another plan covers it, add an "
        "`ignore:` entry under `plan:` (`ignore: [{rule: OG201, reason: ...}]`)."
    )
    import outcome_graph as og

    book = tmp_path / "plan.xlsx"
    write_plan(og.load(plan), book)
    gaps = _outcome_gaps(book)
    assert gaps[
        "The outcome 'Achieve economic well-being' has no objective and no indicator in the plan."
    ] == (
        "Tag an objective that serves it (or its aim or priority) with `economic_wellbeing` in "
        "the `outcomes` column, or add one, and list an indicator that measures it in the "
        "`indicators` column; if another plan covers it, add a row of the ignore sheet: the "
        "plan's id in `node`, OG201 in `rule` and why in `reason`."
    )
    # Following the hint accepts them: a row of the ignore sheet (the workbook has it, headed as the
    # template's is) naming the plan.
    wb = openpyxl.load_workbook(book)
    ignore = wb["ignore"]
    assert [c.value for c in ignore[1]][:3] == ["node", "rule", "reason"] and ignore.max_row == 1
    ignore.append(
        ["anytown", "OG201", "the other outcomes are the Health and Wellbeing Strategy's"]
    )
    wb.save(book)
    assert _outcome_gaps(book) == {}


def test_render_and_report_say_what_they_wrote(tmp_path: Path):
    # As convert, table and template do: a person who asked for a diagram for the board is told the
    # file is there (in standard error, as the others; standard output stays the document's).
    plan = tmp_path / "plan.yaml"
    plan.write_text(TWO_PRIORITIES)
    svg, html = tmp_path / "logic-model.svg", tmp_path / "report.html"
    code, out, err = run("render", str(plan), "-o", str(svg))
    assert (code, out, err) == (0, "", f"wrote {svg}\n") and svg.read_text().lstrip().startswith(
        "<"
    )
    code, out, err = run("report", str(plan), "-o", str(html), "--no-diagram")
    assert (code, out, err) == (0, "", f"wrote {html}\n") and "<html" in html.read_text()
    code, out, err = run("report", str(plan), "-o", "-", "--no-diagram")
    assert code == 0 and "<html" in out and err == ""


def test_a_national_indicator_without_a_title_is_told_the_set_s_title(tmp_path: Path):
    # Every indicator needs the plan's title for it; for a code of the National Indicator Set, the
    # error gives the set's, to copy or to word as the plan does. A local code gets no guess.
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        "format: outcome-graph/v1\nplan: {id: t, period: {start: 2012-04-01, end: 2013-03-31}}\n"
        "indicators:\n  - {id: NI 71, direction: decrease}\n"
        "  - {id: LOCAL 1, direction: decrease}\n"
    )
    code, out, err = run("check", str(plan))
    assert (
        code == 2
        and out == ""
        and err.splitlines()
        == [
            f"error: {plan}:4:5: indicator NI 71 is missing the required field 'title'; the "
            "National Indicator Set calls NI 71 'Children who have run away from home/care "
            "overnight'",
            f"error: {plan}:5:5: indicator LOCAL 1 is missing the required field 'title'",
        ]
    )
    book = workbook(
        tmp_path / "plan.xlsx",
        {
            "plan": [["format", *PLAN_SHEET[0]], ["outcome-graph/v1", *PLAN_SHEET[1]]],
            "indicators": [
                ["id", "title", "direction"],
                ["NI 73", None, "increase"],
                ["NI 7l", None, "increase"],
            ],
        },
    )
    code, out, err = run("check", str(book))
    assert code == 2 and err.splitlines() == [
        f"error: {book}:indicators!B2: the title of indicator NI 73 is missing (the cell is "
        "blank); the National Indicator Set calls NI 73 'Achievement at level 4 or above in "
        "both English and Maths at Key Stage 2 (Threshold)'",
        f"error: {book}:indicators!B3: the title of indicator NI 7l is missing (the cell is blank)",
    ]


def test_a_plan_period_typed_in_words_says_the_date_to_write(tmp_path: Path):
    # A due cell reads '31st March 2013' as that date; the plan sheet's period is written
    # year-month-day, and the error says which date to write, as it does for a date the program
    # rewrote (31/03/2013).
    # (31/03/2013).
    rows = [
        ["format", *PLAN_SHEET[0]],
        ["outcome-graph/v1", "anytown", "Anytown plan", "1 April 2012", "31st March 2013"],
    ]
    book = workbook(
        tmp_path / "plan.xlsx", {"plan": rows, "priorities": [["id", "title"], ["P1", "Safe"]]}
    )
    code, _, err = run("check", str(book))
    assert code == 2 and err.splitlines() == [
        f"error: {book}:plan!D2: the start date of the plan's period: '1 April 2012' is not a "
        "date written year-month-day (2011-04-01); write 2012-04-01 if that is what was meant",
        f"error: {book}:plan!E2: the end date of the plan's period: '31st March 2013' is not a "
        "date written year-month-day (2011-04-01); write 2013-03-31 if that is what was meant",
    ]
    rows[1][3:] = ["April 2012", "31st Marhc 2013"]  # (no day, or no month: nothing to guess)
    workbook(book, {"plan": rows, "priorities": [["id", "title"], ["P1", "Safe"]]})
    _, _, err = run("check", str(book))
    assert "if that is what was meant" not in err and "plan!D2" in err and "plan!E2" in err


def test_the_template_s_instructions_say_what_every_sheet_is_for(tmp_path: Path):
    # Seventeen sheets greet a person who asked for an empty plan: the instructions name each, so
    # that the ones the plan has no use for can be left empty knowingly.
    path = tmp_path / "my-plan.xlsx"
    code, _, err = run("template", str(path))
    assert code == 0 and err == f"wrote {path} (an empty plan workbook, levels form)\n"
    wb = openpyxl.load_workbook(path)
    text = " ".join(str(row[0].value or "") for row in wb["instructions"].iter_rows())
    assert [name for name in wb.sheetnames[1:] if not re.search(rf"\b{name}\b", text)] == []
    assert "stay empty if it has none" in text


def test_the_flat_template_says_how_to_get_the_per_level_form_its_hints_name(
    tmp_path: Path, monkeypatch
):
    # A hint for a flat table names "the targets sheet of the per-level form": the flat template's
    # instructions give the command that writes it, and the command works as written.
    import shlex

    monkeypatch.chdir(tmp_path)
    assert run("template", "table.xlsx", "--form", "flat")[0] == 0
    wb = openpyxl.load_workbook("table.xlsx")
    lines = [str(row[0].value or "") for row in wb["instructions"].iter_rows()]
    [command] = [line.split(":  ", 1)[1] for line in lines if ":  outcome-graph convert" in line]
    assert command == "outcome-graph convert table.xlsx table-levels.xlsx"
    wb["plan"].append(["anytown", "Anytown plan", None, "2012-04-01", "2013-03-31"])
    wb["table"]["A2"], wb["table"]["D2"], wb["table"]["H2"] = "Safe", "Audit the junctions", "NI 48"
    wb.save("table.xlsx")
    code, out, _ = run("check", "table.xlsx", "--select", "OG503")
    assert "the `target.value` column of the indicators sheet of the per-level form" in out
    assert run(*shlex.split(command)[1:])[0] == 0
    assert {"plan", "priorities", "milestones", "indicators"} <= set(
        openpyxl.load_workbook("table-levels.xlsx").sheetnames
    )


def test_an_unknown_code_s_hint_works_as_written(tmp_path: Path):
    # 'NI 711' is no National Indicator: the hint says to correct it or, for a measure of the plan's
    # own, to write it without the NI letters; done, the code is no longer reported.
    plan = tmp_path / "plan.yaml"
    text = (
        "format: outcome-graph/v1\nplan: {id: t, period: {start: 2012-04-01, end: 2013-03-31}}\n"
        "priorities:\n  - {id: P1, title: Safe, indicators: [NI 711]}\n"
    )
    plan.write_text(text)
    code, out, _ = run("check", str(plan), "--select", "OG501")
    assert "OG501 Indicator NI 711 is not in the National Indicator Set." in out
    assert (
        "hint: Correct the code (check the National Indicator Set or the local catalogue); if it "
        "is a measure of your own, not one of the catalogue's, write it without the catalogue's "
        "letters (`NI`), as a local measure."
    ) in out
    plan.write_text(text.replace("NI 711", "Missing-children protocol audits"))
    assert "OG501" not in run("check", str(plan), "--select", "OG501")[1]


def test_a_parent_that_does_not_exist_is_corrected_in_the_parent_column(tmp_path: Path):
    # A milestone typed under an objective that is not there: in a workbook, the hint names the
    # column to correct, not the YAML key; in YAML, the key.
    rows = {
        "plan": [["format", *PLAN_SHEET[0]], ["outcome-graph/v1", *PLAN_SHEET[1]]],
        "objectives": [["id", "title", "lead"], ["O1", "Fewer accidents", "Road safety team"]],
        "milestones": [
            ["id", "parent", "title", "timescale"],
            ["O1.M1", "O2", "Audit the junctions", "June 12"],
        ],
    }
    book = workbook(tmp_path / "plan.xlsx", rows)
    code, out, _ = run("check", str(book), "--select", "OG104")
    assert (
        code == 1
        and f"{book}:milestones!C2: OG104 O1.M1's parent 'O2' does not exist in the plan." in out
    )
    assert (
        "hint: Correct the id in the `parent` column (ids are case-sensitive), or add the node "
        "it names.\n" in out
    )
    rows["milestones"][1][1] = "O1"  # (done as the hint says)
    workbook(book, rows)
    assert run("check", str(book), "--select", "OG104")[:2] == (0, "anytown: no findings\n")
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        "format: outcome-graph/v1\nplan: {id: t, period: {start: 2012-04-01, end: 2013-03-31}}\n"
        "objectives:\n  - {id: O1, title: Fewer accidents}\nmilestones:\n"
        "  - {id: M1, parent: o1, title: Audit the junctions}\n"
    )
    assert (
        "hint: Correct the id in `parent:` (ids are case-sensitive), or add the node it names.\n"
        in run("check", str(plan), "--select", "OG104")[1]
    )


def test_the_empty_template_s_period_error_says_how_dates_are_written(tmp_path: Path):
    # Checked before the plan sheet is filled in, the template says which cells to fill and how a
    # date is written, in words, not by the name of a standard ("ISO").
    path = tmp_path / "my-plan.xlsx"
    assert run("template", str(path))[0] == 0
    code, _, err = run("check", str(path))
    assert code == 2 and "ISO" not in err
    assert (
        f"error: {path}:plan!E2: the plan period is unknown: the plan sheet's period.start and "
        "period.end columns are empty: fill them in (year-month-day: 2011-04-01)"
    ) in err
    comments = {
        c.value: c.comment.text for c in openpyxl.load_workbook(path)["plan"][1] if c.comment
    }
    assert comments["period.end"] == "last day of the plan period (year-month-day: 2011-04-01)"
