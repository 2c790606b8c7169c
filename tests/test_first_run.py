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
