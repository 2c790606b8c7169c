"""Workbooks as councils publish them, read as a council officer would expect.

Three workbooks are built here with openpyxl in the shapes councils' plans and trackers take: a
title block above the header, a priority merged down over its rows, notes and a key to the RAG
colours under the table, dates typed as real Excel dates, leads written one a line, indicators
written ``NI 72; NI 73`` or ``NI72/73``, a plan printed one pillar a sheet with its page title and
header repeated and a table of indicators' targets between its sections, a tracker with a Ref
column. Each is checked and converted: every cell that reaches the plan lands in its field, every
cell passed over is named in a notice with its cell, what cannot be read is an exit-2 error naming
sheet and cell, and converting to YAML and back gives the same plan.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.styles import PatternFill

import outcome_graph as og
from outcome_graph.convert import document_data
from outcome_graph.loading.loader import load_path
from outcome_graph.loading.sheet_layout import STATUS_WORDS, between_colours, flat_role

from .test_spreadsheet import run

PERIOD = "2011/12"


def _put(
    ws: Any, rows: list[list[object]], start: int = 1, col: int = 1, date_format: str = "dd/mm/yyyy"
) -> None:
    for r, row in enumerate(rows, start):
        for c, value in enumerate(row, col):
            if value is not None:
                cell = ws.cell(r, c, value)
                if isinstance(value, datetime):
                    cell.number_format = date_format


def southend_action_plan(path: Path) -> Path:
    """One sheet: a three-row title block, Priority | Objective | Action | Lead Officer | Target
    date | RAG | Performance Indicators | Comments, the priority and objective merged down, real
    dates, leads one a line, then notes and a key to
    the RAG colours (swatches filled in the colour)."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Action Plan"
    _put(
        ws,
        [
            ["Southend-on-Sea Borough Council"],
            ["Children and Young People's Plan 2011-12: Action Plan"],
            ["Version 3 – DRAFT – updated June 2011"],
            [None],
            [
                "Priority",
                "Objective",
                "Action",
                "Lead Officer",
                "Target date",
                "RAG",
                "Performance Indicators",
                "Comments",
            ],
            [
                "1. Be healthy",
                "Reduce teenage conceptions",
                "Extend the C-card scheme to all secondary schools",
                "Head of Public Health\nTeenage Pregnancy Co-ordinator",
                datetime(2011, 9, 30),
                "G",
                "NI 112; NI 113",
                None,
            ],
            [
                None,
                None,
                "Train school nurses in sexual health advice",
                "Teenage Pregnancy Co-ordinator",
                datetime(2012, 3, 31),
                "A",
                None,
                "Delayed: recruitment",
            ],
            [
                None,
                "Reduce childhood obesity",
                "Deliver the healthy schools programme",
                "Healthy Schools Lead",
                datetime(2011, 12, 1),
                "R",
                "NI55/56",
                None,
            ],
            [
                "2. Stay safe",
                "Fewer children need a protection plan",
                "Review the threshold document with partners",
                "Head of Children's Social Care\nLSCB Business Manager",
                datetime(2011, 7, 31),
                "Green",
                "NI 64, 65",
                None,
            ],
            [None, None, "Launch the CAF e-learning", "CAF Co-ordinator", "TBC", None, None, None],
            [None],
            ["Note: all target dates are subject to the budget settlement."],
            ["Source: Children's Trust Board, 14 June 2011"],
            [None],
            ["Key"],
            ["G", "On track"],
            ["A", "Some slippage"],
            [None, "Off track: action needed"],
        ],
    )
    for rng in ["A1:H1", "A2:H2", "A6:A8", "B6:B7", "A9:A10", "B9:B10"]:
        ws.merge_cells(rng)
    for ref, colour in {"A16": "00B050", "A17": "FFC000", "A18": "FF0000"}.items():
        ws[ref].fill = PatternFill("solid", fgColor=colour)
    book.save(path)
    return path


_PILLAR_HEADER = ["Aim", "Objective", "Key milestones", "Lead person", "By when", "Indicators"]


def thurrock_pillars(path: Path) -> Path:
    """A contents page, then a sheet per pillar: the plan's title with the page number and the
    pillar above the header, aims and objectives merged down, dates shown as months, the page title
    and header repeated at a page break, a table of indicators' targets, the header again over a
    pasted section, a note under the table and a key
    beside it; the second pillar has a hidden row."""
    book = openpyxl.Workbook()
    cover = book.active
    cover.title = "Contents"
    _put(
        cover,
        [
            ["Children and Young People's Plan 2011-12"],
            [None],
            ["Pillar 1: Excellent schools"],
            ["Pillar 2: Protection when needed"],
        ],
    )
    ws = book.create_sheet("Pillar 1")
    _put(
        ws,
        [
            ["Children and Young People's Plan 2011-12 – Page 1"],
            ["Pillar 1: Excellent childcare, schools, colleges and services"],
            [None],
            _PILLAR_HEADER,
            [
                "Raise attainment",
                "1.1 Target school improvement services",
                "Commission improvement programmes",
                "SL SILS\nHead of Learning",
                datetime(2011, 7, 1),
                "NI72/73",
            ],
            [None, None, "Deliver targeted support to schools", "SL SILS", "Autumn 2011", None],
            [
                None,
                "1.2 Reduce the gaps in attainment",
                "Produce disaggregated data",
                "SM Performance",
                datetime(2011, 6, 1),
                "NI 102a; NI 102b",
            ],
            [None],
            ["Children and Young People's Plan 2011-12 – Page 2"],
            _PILLAR_HEADER,
            [
                None,
                None,
                "Define which groups are underachieving",
                "SM Performance",
                "March 2012",
                None,
            ],
            [
                "Promote family learning",
                "Family learning for the whole community",
                "Run family learning courses",
                "S L EYFC",
                "Ongoing",
                "NI 117",
            ],
            [None],
            ["Performance indicators"],
            ["Indicator", "Baseline 2010-11", "Target 2011-12"],
            ["NI 72", "51%", "56%"],
            ["NI 117", "6.1%", "5.5%"],
            [None],
            _PILLAR_HEADER,
            [
                "Improve post-16 participation",
                "Fewer young people not in education, employment or training",
                "Extend the September guarantee",
                "Head of 14-19",
                datetime(2011, 9, 1),
                "NI 117",
            ],
            [None],
            ["NB: milestones in italics are carried over from 2010-11"],
        ],
        date_format="mmm-yy",
    )
    _put(
        ws,
        [["Key"], ["Green", "On track"], ["Amber", "Some slippage"], ["Red", "Off track"]],
        start=5,
        col=8,
    )
    for rng in ["A1:F1", "A2:F2", "A9:F9", "A5:A7", "B5:B6"]:
        ws.merge_cells(rng)
    ws2 = book.create_sheet("Pillar 2")
    _put(
        ws2,
        [
            ["Pillar 2: Protection when needed"],
            [None],
            _PILLAR_HEADER,
            [
                "Keep children safe",
                "Fewer children missing from care",
                "Review the missing protocol",
                "Head CATO",
                "TBA",
                "NI 71",
            ],
            [
                None,
                None,
                "Train residential staff",
                "Head CATO\nLSCB Training Officer",
                datetime(2011, 11, 1),
                None,
            ],
            [
                None,
                "Fewer repeat child protection plans",
                "Audit repeat plans",
                "Service Manager Safeguarding",
                datetime(2011, 10, 1),
                "NI 65",
            ],
        ],
        date_format="mmm-yy",
    )
    ws2.merge_cells("A4:A6")
    ws2.merge_cells("B4:B5")
    ws2.row_dimensions[6].hidden = True
    book.save(path)
    return path


def tracker(path: Path, due: object = None) -> Path:
    """A delivery tracker: a title and a one-row RAG key above Ref | Priority | Action | Lead | Due
    date | RAG status | Progress update, Refs typed as numbers (1.10 shown under 0.00), due dates
    as real dates, ratings in words, a row of totals; ``due`` replaces the first due date."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Tracker"
    _put(
        ws,
        [
            ["CYPP Delivery Tracker – Quarter 2 2011-12"],
            [
                "RAG key:",
                "Red = off track",
                "Amber = at risk",
                "Green = on track",
                "Blue = complete",
            ],
            [None],
            ["Ref", "Priority", "Action", "Lead", "Due date", "RAG status", "Progress update"],
            [
                1.1,
                "Be healthy",
                "Open two more children's centres",
                "Early Years Manager",
                datetime(2011, 9, 30) if due is None else due,
                "Green",
                "Both sites agreed",
            ],
            [
                1.2,
                None,
                "Roll out the breastfeeding peer support scheme",
                "Public Health\nHealth Visiting",
                datetime(2012, 3, 31),
                "Amber/Green",
                None,
            ],
            [
                1.10,
                None,
                "Publish the obesity pathway",
                "Public Health",
                datetime(2011, 12, 31),
                "Complete",
                "Published in October",
            ],
            [
                2.1,
                "Stay safe",
                "Implement the new CAF",
                "Integrated Services Manager",
                datetime(2011, 6, 30),
                "Red",
                "IT system delayed",
            ],
            [
                2.2,
                None,
                "Run the anti-bullying campaign",
                "Anti-bullying Co-ordinator",
                datetime(2011, 11, 30),
                "On hold",
                None,
            ],
            [None],
            ["Total actions", 5],
        ],
    )
    ws["A5"].number_format = "0.0"
    ws["A7"].number_format = "0.00"
    ws.merge_cells("B5:B7")
    ws.merge_cells("B8:B9")
    book.save(path)
    return path


WORKBOOKS: dict[str, Callable[[Path], Path]] = {
    "southend-action-plan.xlsx": southend_action_plan,
    "thurrock-pillars.xlsx": thurrock_pillars,
    "tracker.xlsx": tracker,
}


def _fields(plan: og.Plan) -> list[tuple[object, ...]]:
    """Each node as (id, number, title, lead, timescale, due, status, indicators, notes)."""
    out = []
    for node in plan.nodes.values():
        if node.kind not in ("priority", "aim", "objective", "milestone"):
            continue  # (the indicators the plan names, from the National Indicator Set)
        refs = getattr(node, "indicators", None) or []
        due = getattr(node, "due", None)
        out.append(
            (
                node.id,
                node.number,
                node.title,
                getattr(node, "lead", None),
                getattr(node, "timescale", None),
                str(due) if due is not None else None,
                getattr(node, "status", None),
                [getattr(ref, "id", ref) for ref in refs],
                node.notes,
            )
        )
    return out


def _strings(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [" ".join(str(value).split())] if value is not None else []


def _unaccounted(path: Path, plan: og.Plan) -> list[str]:
    """The cells of a workbook that reach no field of the plan and that no notice names (by its
    cell, or by its row): what would be passed over without a word."""
    texts = "\n".join(_strings(document_data(plan)))
    numbered = re.compile(r"\d+(?:\.\d+)*[a-z]?[.)]?\s+")
    missing = []
    for ws in openpyxl.load_workbook(path).worksheets:
        notices = [
            n for n in plan.notices if n.startswith(f"{path}:{ws.title}!") or f"{ws.title}!" in n
        ]
        names = {m for n in notices for m in re.findall(r"\b[A-Z]{1,2}\d+\b", n)}
        rows = {int(m) for n in notices for m in re.findall(r"\brows? (\d+)\b", n)}
        rows |= {
            r
            for n in notices
            for a, b in re.findall(r"\brows (\d+) to (\d+)\b", n)
            for r in range(int(a), int(b) + 1)
        }
        not_read = any(
            n.endswith(f"sheets with no level column were ignored: {ws.title}")
            for n in plan.notices
        )
        for row in ws.iter_rows():
            for cell in row:
                value = cell.value
                if value is None or not str(value).strip():
                    continue
                text = (
                    value.strftime("%Y-%m")
                    if isinstance(value, datetime)
                    else " ".join(str(value).split())
                )
                status = STATUS_WORDS.get("_".join(text.split()).casefold()) or between_colours(
                    text
                )
                codes = re.sub(r"[;,/&]", " ", text).split()  # (an indicators cell: NI72/73)
                if (
                    flat_role(text) is not None
                    or text in texts
                    or (status and status in texts)
                    or all(code in texts for code in codes)
                    or numbered.sub("", text, count=1) in texts
                    or cell.coordinate in names
                    or cell.row in rows
                    or not_read
                ):
                    continue
                missing.append(f"{ws.title}!{cell.coordinate} {text!r}")
    return missing


def test_an_action_plan_with_a_title_block_notes_and_a_key_lands_each_cell_in_its_field(
    tmp_path: Path,
):
    path = southend_action_plan(tmp_path / "southend-action-plan.xlsx")
    plan = load_path(path, period=PERIOD)
    assert _fields(plan) == [
        ("P1", "1", "Be healthy", None, None, None, None, [], None),
        (
            "P1.O1",
            None,
            "Reduce teenage conceptions",
            None,
            None,
            None,
            None,
            ["NI 112", "NI 113"],
            None,
        ),
        (
            "P1.O1.M1",
            None,
            "Extend the C-card scheme to all secondary schools",
            "Head of Public Health\nTeenage Pregnancy Co-ordinator",
            "2011-09-30",
            None,
            "on_track",
            [],
            None,
        ),
        (
            "P1.O1.M2",
            None,
            "Train school nurses in sexual health advice",
            "Teenage Pregnancy Co-ordinator",
            "2012-03-31",
            None,
            "at_risk",
            [],
            "Delayed: recruitment",
        ),
        ("P1.O2", None, "Reduce childhood obesity", None, None, None, None, ["NI55", "NI56"], None),
        (
            "P1.O2.M1",
            None,
            "Deliver the healthy schools programme",
            "Healthy Schools Lead",
            "2011-12-01",
            None,
            "off_track",
            [],
            None,
        ),
        ("P2", "2", "Stay safe", None, None, None, None, [], None),
        (
            "P2.O1",
            None,
            "Fewer children need a protection plan",
            None,
            None,
            None,
            None,
            ["NI 64", "NI 65"],
            None,
        ),
        (
            "P2.O1.M1",
            None,
            "Review the threshold document with partners",
            "Head of Children's Social Care\nLSCB Business Manager",
            "2011-07-31",
            None,
            "on_track",
            [],
            None,
        ),
        (
            "P2.O1.M2",
            None,
            "Launch the CAF e-learning",
            "CAF Co-ordinator",
            "TBC",
            None,
            None,
            [],
            None,
        ),
    ]
    assert (
        f"{path}:Action Plan!A15: rows 15 to 18: a key to the RAG colours, not items of the "
        "plan; skipped: A15 'Key', A16 'G', B16 'On track', A17 'A', B17 'Some slippage', B18 "
        "'Off track: action needed'"
    ) in plan.notices
    assert (
        f"{path}:Action Plan!A1: the rows above the header (row 5: a title, a key or a row "
        "grouping the columns) are no items of the plan; not read: A1 'Southend-on-Sea Borough "
        "Council', A2 \"Children and Young People's Plan 2011-12: Action Plan\", A3 'Version 3 "
        "– DRAFT – updated June 2011'"
    ) in plan.notices
    assert _unaccounted(path, plan) == []


def test_a_plan_printed_a_pillar_a_sheet_lands_each_cell_in_its_field(tmp_path: Path):
    path = thurrock_pillars(tmp_path / "thurrock-pillars.xlsx")
    plan = load_path(path, period=PERIOD)
    fields = _fields(plan)
    assert [f[:5] for f in fields] == [
        ("P1", "1", "Excellent childcare, schools, colleges and services", None, None),
        ("P1.A1", None, "Raise attainment", None, None),
        ("P1.A1.O1", "1.1", "Target school improvement services", None, None),
        (
            "P1.A1.O1.M1",
            None,
            "Commission improvement programmes",
            "SL SILS\nHead of Learning",
            "2011-07",
        ),
        ("P1.A1.O1.M2", None, "Deliver targeted support to schools", "SL SILS", "Autumn 2011"),
        ("P1.A1.O2", "1.2", "Reduce the gaps in attainment", None, None),
        ("P1.A1.O2.M1", None, "Produce disaggregated data", "SM Performance", "2011-06"),
        (
            "P1.A1.O2.M2",
            None,
            "Define which groups are underachieving",
            "SM Performance",
            "March 2012",
        ),
        ("P1.A2", None, "Promote family learning", None, None),
        ("P1.A2.O1", None, "Family learning for the whole community", None, None),
        ("P1.A2.O1.M1", None, "Run family learning courses", "S L EYFC", "Ongoing"),
        ("P1.A3", None, "Improve post-16 participation", None, None),
        (
            "P1.A3.O1",
            None,
            "Fewer young people not in education, employment or training",
            None,
            None,
        ),
        ("P1.A3.O1.M1", None, "Extend the September guarantee", "Head of 14-19", "2011-09"),
        ("P2", "2", "Protection when needed", None, None),
        ("P2.A1", None, "Keep children safe", None, None),
        ("P2.A1.O1", None, "Fewer children missing from care", None, None),
        ("P2.A1.O1.M1", None, "Review the missing protocol", "Head CATO", "TBA"),
        (
            "P2.A1.O1.M2",
            None,
            "Train residential staff",
            "Head CATO\nLSCB Training Officer",
            "2011-11",
        ),
        ("P2.A1.O2", None, "Fewer repeat child protection plans", None, None),
        ("P2.A1.O2.M1", None, "Audit repeat plans", "Service Manager Safeguarding", "2011-10"),
    ]
    assert {f[0]: f[7] for f in fields if f[7]} == {
        "P1.A1.O1": ["NI72", "NI73"],
        "P1.A1.O2": ["NI 102a", "NI 102b"],
        "P1.A2.O1": ["NI 117"],
        "P1.A3.O1": ["NI 117"],
        "P2.A1.O1": ["NI 71"],
        "P2.A1.O2": ["NI 65"],
    }
    for notice in [
        "Pillar 1!A2: row 2 is read as the priority P1 over the rows below it",
        "Pillar 1!A9: row 9 repeats row 1 above the header (a title repeated on each printed "
        "page); skipped",
        "Pillar 1!A10: row 10 repeats the header row; skipped",
        "Pillar 1!A15: row 15 is the header of another table on the sheet ('Indicator', "
        "'Baseline 2010-11', 'Target 2011-12'; under its title 'Performance indicators' in row "
        "14), which names no level (priority, aim, objective or milestone): its rows were not "
        "read (rows 16 to 17)",
        "Pillar 1!A19: row 19 repeats the header of the table at row 4 ('Aim', 'Objective', 'Key "
        "milestones', 'Lead person', 'By when', 'Indicators') after another table: its rows were "
        "read as rows of that table",
        "Pillar 1!A22: row 22 is a note or a total, not an item of the plan",
        # (the key beside the table, its last line below the table's rows: one notice, not two)
        "Pillar 1!H5: a key to the RAG colours beside the table, not items of the plan; not "
        "read: H5 'Key', H6 'Green', I6 'On track', H7 'Amber', I7 'Some slippage', H8 'Red', I8 "
        "'Off track'",
        "sheets with no level column were ignored: Contents",
    ]:
        assert any(notice in n for n in plan.notices), notice
    assert not any(
        "beside a table, in a column" in n or "fills no level column" in n for n in plan.notices
    )
    assert _unaccounted(path, plan) == []


def test_a_tracker_with_refs_real_dates_and_a_rag_key_lands_each_cell_in_its_field(tmp_path: Path):
    path = tracker(tmp_path / "tracker.xlsx")
    plan = load_path(path, period=PERIOD)
    assert _fields(plan) == [
        ("P1", None, "Be healthy", None, None, None, None, [], None),
        (
            "P1.M1",
            "1.1",
            "Open two more children's centres",
            "Early Years Manager",
            None,
            "2011-09-30",
            "on_track",
            [],
            "Both sites agreed",
        ),
        (
            "P1.M2",
            "1.2",
            "Roll out the breastfeeding peer support scheme",
            "Public Health\nHealth Visiting",
            None,
            "2012-03-31",
            "at_risk",
            [],
            None,
        ),
        (
            "P1.M3",
            "1.10",
            "Publish the obesity pathway",
            "Public Health",
            None,
            "2011-12-31",
            "done",
            [],
            "Published in October",
        ),
        ("P2", None, "Stay safe", None, None, None, None, [], None),
        (
            "P2.M1",
            "2.1",
            "Implement the new CAF",
            "Integrated Services Manager",
            None,
            "2011-06-30",
            "off_track",
            [],
            "IT system delayed",
        ),
        (
            "P2.M2",
            "2.2",
            "Run the anti-bullying campaign",
            "Anti-bullying Co-ordinator",
            None,
            "2011-11-30",
            None,
            [],
            None,
        ),
    ]
    assert any("Tracker!F9 'On hold'" in n for n in plan.notices)
    assert (
        f"{path}:Tracker!A11: row 11 is a note or a total, not an item of the plan ('Total "
        "actions'); skipped" in plan.notices
    )
    assert _unaccounted(path, plan) == []


@pytest.mark.parametrize("name", list(WORKBOOKS))
def test_check_reads_each_council_workbook_and_names_what_it_passed_over(tmp_path: Path, name: str):
    path = WORKBOOKS[name](tmp_path / name)
    result = run("check", str(path), "--period", PERIOD, "--no-hints")
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr
    notices = [line for line in result.stderr.splitlines() if line.startswith("notice: ")]
    assert notices and all(f"{path}" in line for line in notices)
    assert sorted(line.removeprefix("notice: ") for line in notices) == sorted(
        load_path(path, period=PERIOD).notices
    )


@pytest.mark.parametrize("name", list(WORKBOOKS))
def test_each_council_workbook_converts_to_yaml_and_back_to_the_same_plan(
    tmp_path: Path, name: str
):
    path = WORKBOOKS[name](tmp_path / name)
    plan = load_path(path, period=PERIOD)
    yaml_path = tmp_path / "plan.yaml"
    result = run("convert", str(path), str(yaml_path), "--period", PERIOD)
    assert result.returncode == 0, result.stderr
    back = load_path(yaml_path)
    assert document_data(back) == document_data(plan)
    assert sorted((f.rule, f.node, f.message) for f in og.check(back)) == sorted(
        (f.rule, f.node, f.message) for f in og.check(plan)
    )
    # ... and back to a workbook (the per-level form), which reads as the same plan again
    again = tmp_path / "again.xlsx"
    assert run("convert", str(yaml_path), str(again)).returncode == 0
    assert document_data(load_path(again)) == document_data(plan)


@pytest.mark.parametrize(
    "due, cell, needle",
    [
        ("#REF!", "E5", "#REF!"),
        ("31/02/2012", "E5", "31/02/2012"),
    ],
)
def test_a_tracker_cell_the_tool_cannot_read_is_an_exit_2_error_naming_sheet_and_cell(
    tmp_path: Path, due: str, cell: str, needle: str
):
    path = tracker(tmp_path / "tracker.xlsx", due=due)
    result = run("check", str(path), "--period", PERIOD)
    assert result.returncode == 2
    assert f"{path}:Tracker!{cell}:" in result.stderr and needle in result.stderr
    assert "Traceback" not in result.stderr


def test_a_key_without_a_heading_under_the_table_is_skipped_and_a_ref_that_is_no_number_named(
    tmp_path: Path,
):
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Plan"
    _put(
        ws,
        [
            ["Ref", "Priority", "Action", "Lead"],
            ["H1", "Be healthy", "Open a centre", "Early Years"],
            ["2.1", "Stay safe", "Train staff", "LSCB"],
            [None],
            ["Green", "On track"],
            ["Red = off track"],
        ],
    )
    book.save(path := tmp_path / "plan.xlsx")
    plan = load_path(path, period=PERIOD)
    assert [(n.id, n.number, n.title) for n in plan.nodes.values()] == [
        ("P1", None, "Be healthy"),
        ("P1.M1", None, "Open a centre"),
        ("P2", None, "Stay safe"),
        ("P2.M1", "2.1", "Train staff"),
    ]
    assert (
        f"{path}:Plan!A5: rows 5 to 6: a key to the RAG colours, not items of the plan; skipped: "
        "A5 'Green', B5 'On track', A6 'Red = off track'"
    ) in plan.notices
    assert any("was not read: Plan!A2 'H1'" in n for n in plan.notices)


def test_a_key_s_heading_alone_under_the_table_is_skipped_and_named_by_its_row(tmp_path: Path):
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Plan"
    _put(
        ws,
        [
            ["Ref", "Priority", "Action", "Lead"],
            ["1.1", "Be healthy", "Open a centre", "Early Years"],
            ["2.1", "Stay safe", "Train staff", "LSCB"],
            [None],
            ["RAG key"],
        ],
    )
    book.save(path := tmp_path / "plan.xlsx")
    plan = load_path(path, period=PERIOD)
    assert [n.title for n in plan.nodes.values()] == [
        "Be healthy",
        "Open a centre",
        "Stay safe",
        "Train staff",
    ]
    assert (
        f"{path}:Plan!A5: row 5: a key to the RAG colours, not items of the plan; skipped: "
        "A5 'RAG key'"
    ) in plan.notices
