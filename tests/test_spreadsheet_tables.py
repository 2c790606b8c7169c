"""Sheets holding several tables, and the rows printed plans repeat between them.

A council's workbook is often its sections pasted one below the other: a table of actions, a table
of its indicators' baselines and targets, the table of actions again under its header, a running
title with the page number at the top of each printed page. Workbooks are built here with openpyxl.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from outcome_graph.errors import PlanError
from outcome_graph.loading.loader import load_path

from .test_spreadsheet import PERIOD, THURROCK_TABLE, run, workbook

# ---------------------------------------------------------------------------------------------
# Ids in several tables of one sheet


def test_a_row_without_an_id_in_the_first_table_never_takes_an_id_a_later_table_gives(
    tmp_path: Path,
):
    # The first table has no id column; the second gives 'O1' in a column of its own place. The
    # first table's objective, read first, used to take O1 from its position and clash with it.
    path = workbook(
        tmp_path / "tables.xlsx",
        {
            "T": [
                ["Objective", "Key milestones", "Lead"],
                ["Fewer accidents", "Audit the junctions", "Roads"],
                [None],
                ["Objective", "Objective ID", "Action", "Lead officer", "By when"],
                ["Be safe", "O1", "Train the wardens", "Schools", "June 11"],
            ]
        },
    )
    plan = load_path(path, period=PERIOD)
    assert [(n.id, n.title) for n in plan.nodes.values()] == [
        ("O2", "Fewer accidents"),
        ("O2.M1", "Audit the junctions"),
        ("O1", "Be safe"),
        ("O1.M1", "Train the wardens"),
    ]
    assert plan.generated_ids == {"O2", "O2.M1", "O1.M1"}


def test_a_milestone_id_two_tables_give_is_that_milestone_in_another_view(tmp_path: Path):
    # A summary table below the detail one, giving a milestone's id again: the same milestone,
    # stated in the second table's view (a view of the sheet's name and the table's header row);
    # in the same words, listed in its views, in others,
    # a variant. The plan's views are the tables'.
    path = workbook(
        tmp_path / "tables.xlsx",
        {
            "T": [
                ["Milestone ID", "Objective", "Key milestones", "Lead"],
                ["M1", "Fewer accidents", "Audit", "Roads"],
                ["M2", None, "Train", "Schools"],
                ["M3", None, "Publish", "Roads"],
                [None],
                ["Objective", "Action", "Milestone ID", "Lead officer"],
                ["Fewer accidents", "Audit", "M1", None],
                ["Fewer accidents", "Train the crossing wardens", "M2", None],
            ]
        },
    )
    plan = load_path(path, period=PERIOD)
    assert [(n.id, n.title) for n in plan.nodes.values()] == [
        ("O1", "Fewer accidents"),
        ("M1", "Audit"),
        ("M2", "Train"),
        ("M3", "Publish"),
    ]
    assert plan.meta.views == ["t", "t-row-6"]
    assert plan.nodes["M1"].views == ["t", "t-row-6"] and plan.nodes["M1"].variants == []
    [variant] = plan.nodes["M2"].variants
    assert (variant.text, variant.where, plan.nodes["M2"].views) == (
        "Train the crossing wardens",
        "t-row-6",
        None,
    )
    # (its title met again in the second table, without an id column of its level: the same
    # objective, as a table's rows are continued, in no other view)
    assert plan.nodes["O1"].views is None and plan.nodes["M3"].views is None
    assert plan.nodes["M1"].lead == "Roads"
    [notice] = [n for n in plan.notices if "several views" in n]
    assert (
        "the plan's views are the tables' (t, t-row-6)" in notice
        and "T!B7 M1 (in the t-row-6 view)" in notice
    )
    # A check reads the views: what a view leaves out is named (OG603), M3 being the one milestone
    # of its objective the second table does not state; no view named is unknown (OG104).
    import outcome_graph as og

    found = {(f.rule, f.node) for f in og.check(plan).findings if f.rule in ("OG104", "OG603")}
    assert found == {("OG603", "M3")}


def test_an_id_two_tables_give_items_of_two_levels_is_an_error_saying_what_to_do(tmp_path: Path):
    path = workbook(
        tmp_path / "tables.xlsx",
        {
            "T": [
                ["Objective ID", "Objective", "Key milestones", "Lead"],
                ["M1", "Fewer accidents", "Audit", "Roads"],
                [None],
                ["Objective", "Action", "Milestone ID", "Lead officer"],
                ["Fewer accidents", "Train", "M1", "Schools"],
            ]
        },
    )
    with pytest.raises(PlanError) as info:
        load_path(path, period=PERIOD)
    assert [str(p) for p in info.value.problems] == [
        f"{path}:T!C5: duplicate id 'M1' (first used at T!A2); ids must be unique across the "
        "plan; T!A2 is in the table whose header is row 1, T!C5 in the table whose header is "
        "row 4 (an item given the id of another table's item is that item, stated in another "
        "view, only when both are of one level, and this is a milestone, that an objective): "
        "give one of them another id"
    ]
    result = run("check", str(path), "--period", PERIOD)
    assert result.returncode == 2
    assert "T!C5: duplicate id 'M1'" in result.stderr and "Traceback" not in result.stderr


def test_an_objective_id_two_tables_give_the_same_objective_is_that_objective(tmp_path: Path):
    # As a title met again under the same parent is that node: its milestones from both tables.
    # Given another id in the second table, the first
    # is kept and the other named, as on a later row.
    path = workbook(
        tmp_path / "tables.xlsx",
        {
            "T": [
                ["Objective ID", "Objective", "Key milestones"],
                ["O1", "Fewer accidents", "Audit"],
                [None],
                ["Objective", "Action", "Objective ID", "Lead"],
                ["Fewer accidents", "Train", "O1", "Schools"],
                ["Be safe", "Patrol", "O2", "Police"],
                ["Fewer accidents", "Report", "O9", "Roads"],
            ]
        },
    )
    plan = load_path(path, period=PERIOD)
    assert [(n.id, n.title) for n in plan.nodes.values()] == [
        ("O1", "Fewer accidents"),
        ("O1.M1", "Audit"),
        ("O1.M2", "Train"),
        ("O1.M3", "Report"),
        ("O2", "Be safe"),
        ("O2.M1", "Patrol"),
    ]
    assert any("T!C7 id 'O9' (kept 'O1' for 'Fewer accidents')" in n for n in plan.notices)


def test_an_objective_two_tables_give_one_id_under_two_titles_is_that_objective_and_a_variant(
    tmp_path: Path,
):
    # Another table's wording of an objective, under its id: a variant in that table's view, and
    # the rows below it are the objective's milestones.
    path = workbook(
        tmp_path / "tables.xlsx",
        {
            "T": [
                ["Objective ID", "Objective", "Key milestones"],
                ["O1", "Fewer accidents", "Audit"],
                [None],
                ["Objective", "Objective ID", "Action"],
                ["Be safe", "O1", "Patrol"],
            ]
        },
    )
    plan = load_path(path, period=PERIOD)
    assert [(n.id, n.title) for n in plan.nodes.values()] == [
        ("O1", "Fewer accidents"),
        ("O1.M1", "Audit"),
        ("O1.M2", "Patrol"),
    ]
    [variant] = plan.nodes["O1"].variants
    assert (variant.text, variant.where) == ("Be safe", "t-row-4") and plan.nodes[
        "O1"
    ].views is None
    assert plan.nodes["O1.M2"].views == ["t-row-4"]  # (stated in the second table alone)
    assert plan.location("O1").cell == "B2"


@st.composite
def _tables_of_one_sheet(draw: st.DrawFn) -> tuple[list[list[object]], list[tuple[str, str, str]]]:
    """A sheet of two to three tables of objectives and milestones, each with its id columns (or
    none) in a place of its own, ids given on some rows; with (objective, milestone, milestone id
    given) of each row, in order."""
    pool = [f"O{i}" for i in range(1, 6)] + [f"O{i}.M{j}" for i in range(1, 6) for j in range(1, 4)]
    n_tables = draw(st.integers(2, 3))
    given = iter(draw(st.lists(st.sampled_from(pool), unique=True, max_size=12)))
    rows: list[list[object]] = []
    read: list[tuple[str, str, str]] = []
    objective = 0
    for t in range(n_tables):
        layout = draw(st.sampled_from(["none", "left", "right"]))
        if t:
            rows.append([None])
        header = {
            "none": ["Objective", "Key milestones"],
            "left": ["Objective ID", "Objective", "Milestone ID", "Action"],
            "right": ["Objective", "Action", "Lead", "Milestone ID", "Objective ID"],
        }[layout]
        rows.append(header)
        for _ in range(draw(st.integers(1, 2))):
            objective += 1
            for j in range(draw(st.integers(1, 3))):
                o_id = next(given, "") if draw(st.booleans()) and j == 0 else ""
                m_id = next(given, "") if draw(st.booleans()) else ""
                title, action = (
                    f"Objective {objective}" if j == 0 else None,
                    f"Action {objective}.{j + 1}",
                )
                read.append((f"Objective {objective}", action, m_id if layout != "none" else ""))
                if layout == "none":
                    rows.append([title, action])
                elif layout == "left":
                    rows.append([o_id or None, title, m_id or None, action])
                else:
                    rows.append([title, action, "Schools", m_id or None, o_id or None])
    return rows, read


@settings(max_examples=60, deadline=None)
@given(sheet=_tables_of_one_sheet())
def test_ids_generated_in_any_table_never_take_an_id_another_table_gives(
    tmp_path_factory: pytest.TempPathFactory, sheet: tuple[list[list[object]], list]
):
    # Whichever table gives an id, in whichever column, an id made from a row's position in
    # another table (before or after it) is never that id: the sheet loads, each node keeps its own.
    rows, read = sheet
    path = workbook(tmp_path_factory.mktemp("t") / "tables.xlsx", {"T": rows})
    plan = load_path(path, period=PERIOD)
    given = {
        cell
        for row in rows
        for cell in row
        if isinstance(cell, str) and cell[:1] == "O" and cell[1:2].isdigit()
    }
    milestones = {n.title: n for n in plan.of_kind("milestone")}
    assert len(milestones) == len(read)
    for objective, action, m_id in read:
        node = milestones[action]
        assert node.id == m_id if m_id else node.id not in given
        assert [plan.nodes[p].title for p in plan.parents[node.id]] == [objective]


# ---------------------------------------------------------------------------------------------
# The header repeated after another table


def test_the_header_repeated_after_a_table_of_indicators_continues_the_first_table(tmp_path: Path):
    # Sections pasted one after another: the actions, their indicators' targets, the actions again
    # under their header. The rows after the repeated header were dropped without a word.
    path = workbook(
        tmp_path / "tables.xlsx",
        {
            "T": [
                ["Objective", "Key milestones", "Lead"],
                ["Fewer accidents", "Audit", "Roads"],
                [None],
                ["Indicator", "Baseline", "Target"],
                ["NI 48", "56", "50"],
                [None],
                ["Objective", "Key milestones", "Lead"],
                [None, "Repaint", "Roads"],
                ["Be safe", "Train", "Schools"],
            ]
        },
    )
    plan = load_path(path, period=PERIOD)
    assert [(n.id, n.title, getattr(n, "lead", None)) for n in plan.nodes.values()] == [
        ("O1", "Fewer accidents", None),
        ("O1.M1", "Audit", "Roads"),
        ("O1.M2", "Repaint", "Roads"),
        ("O2", "Be safe", None),
        ("O2.M1", "Train", "Schools"),
    ]
    assert (
        f"{path}:T!A7: row 7 repeats the header of the table at row 1 ('Objective', 'Key "
        "milestones', 'Lead') after another table: its rows were read as rows of that table"
    ) in plan.notices
    assert not any("read as a table of their own" in n for n in plan.notices)


def test_the_first_header_repeated_after_a_second_table_of_items_continues_the_first(
    tmp_path: Path,
):
    # Table 1 (objectives), table 2 (priorities and their actions, other columns), then table 1's
    # header again: its rows are table 1's, read with table 1's columns, not a third table.
    path = workbook(
        tmp_path / "tables.xlsx",
        {
            "T": [
                ["Objective", "Key milestones", "Lead"],
                ["Fewer accidents", "Audit", "Roads"],
                [None],
                ["Priority", "Action", "By when", "Lead officer"],
                ["Be safe", "Train the wardens", "June 11", "Schools"],
                [None],
                ["Title continued from page 1"],
                ["Objective", "Key milestones", "Lead"],
                [None, "Repaint", "Roads"],
            ]
        },
    )
    plan = load_path(path, period=PERIOD)
    assert [(n.id, n.title) for n in plan.nodes.values()] == [
        ("P1", "Be safe"),
        ("P1.M1", "Train the wardens"),
        ("O1", "Fewer accidents"),
        ("O1.M1", "Audit"),
        ("O1.M2", "Repaint"),
    ]
    assert (
        plan.nodes["O1.M2"].lead == "Roads"
        and getattr(plan.nodes["O1.M2"], "timescale", None) is None
    )
    assert (
        f"{path}:T!A8: row 8 repeats the header of the table at row 1 ('Objective', 'Key "
        "milestones', 'Lead'; under its title 'Title continued from page 1' in row 7) after "
        "another table: its rows were read as rows of that table"
    ) in plan.notices
    assert sum("read as a table of their own" in n for n in plan.notices) == 1


# ---------------------------------------------------------------------------------------------
# Running titles with a page number


@pytest.mark.parametrize(
    "first, again",
    [
        ("Children's Plan 2011-12 - Page 1", "Children's Plan 2011-12 - Page 3"),
        ("Children's Plan 2011-12", "Children's Plan 2011-12 – page 3"),
        ("Children's Plan 2011-12 (Page 1 of 12)", "Children's Plan 2011-12 (Page 3 of 12)"),
        ("Page 1: Children's Plan 2011-12", "Page 3: Children's Plan 2011-12"),
        ("Children's Plan 2011-12, p. 1", "CHILDREN'S PLAN 2011-12, p. 3"),
    ],
)
def test_a_running_title_with_a_page_number_is_skipped_as_the_title_it_repeats(
    tmp_path: Path, first: str, again: str
):
    rows = [[first], [None], *THURROCK_TABLE[2:6], [again], *THURROCK_TABLE[6:]]
    path = workbook(
        tmp_path / "action-plan.xlsx", {"Pillar 1": rows}, {"Pillar 1": ["A1:I1", "A7:I7"]}
    )
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


@pytest.mark.parametrize("marker", ["Page 3 of 12", "Page 3", "- 3 -", "3 of 12", "Pg. 3/12"])
def test_a_row_of_a_page_number_alone_is_skipped_with_a_notice(tmp_path: Path, marker: str):
    rows = [*THURROCK_TABLE[2:6], [None, None, None, marker], *THURROCK_TABLE[6:]]
    path = workbook(tmp_path / "action-plan.xlsx", {"Pillar 1": rows})
    plan = load_path(path, period=PERIOD)
    plain = load_path(
        workbook(tmp_path / "plain.xlsx", {"Pillar 1": THURROCK_TABLE[2:]}), period=PERIOD
    )
    assert [(n.id, n.title) for n in plan.nodes.values()] == [
        (n.id, n.title) for n in plain.nodes.values()
    ]
    assert (
        f"{path}:Pillar 1!D5: row 5 is a page number ({marker!r}), not an item of the plan; skipped"
        in plan.notices
    )


@pytest.mark.parametrize(
    "title", ["Page turners reading club", "P1 Be safe", "2011-12", "Chapter 3 of the plan"]
)
def test_a_row_that_only_looks_like_a_page_number_is_read(tmp_path: Path, title: str):
    rows = [
        ["Children's Plan 2011-12 - Page 1"],
        ["Priority", "Action"],
        ["Be safe", "Train"],
        [title, "Read"],
    ]
    plan = load_path(workbook(tmp_path / "t.xlsx", {"T": rows}), period=PERIOD)
    assert title in [n.title for n in plan.nodes.values()]


# ---------------------------------------------------------------------------------------------
# A key to the RAG colours beside a table


_TABLE = [
    ["Priority", "Objective", "Key milestones", "Lead", "Timescale", "Status"],
    ["Safe", "Fewer accidents", "Audit roads", "Road team", "June 11", "Green"],
    [None, None, "Train staff", "Road team", "July 11", "Amber"],
    [None, None, "Publish", "Road team", "Sept 11", "Red"],
    [None, None, "Review", "Road team", "Oct 11", "Green"],
]


@pytest.mark.parametrize("heading_row", [0, 1, 2])
@pytest.mark.parametrize("swatch", [False, True])
def test_a_key_beside_a_table_is_named_in_one_notice(
    tmp_path: Path, heading_row: int, swatch: bool
):
    # The key's heading in the header row (a column of no field) or in a row below it, its lines
    # a colour and its meaning, or a cell filled in the colour beside its meaning; it may run below
    # the table's last row. One notice names all its cells; none says a column was ignored, a cell
    # beside the table was not read or a row fills no level column.
    import openpyxl
    from openpyxl.styles import PatternFill

    lines = [
        ("Green", "On track", "00B050"),
        ("Amber", "Some slippage", "FFC000"),
        ("Red", "Off track", "FF0000"),
        ("Blue", "Done", "0070C0"),
        ("Green/Amber", "Nearly", "92D050"),
    ]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Plan"
    for row in _TABLE:
        ws.append(row)
    ws.cell(heading_row + 1, 8, "RAG key")
    for i, (word, meaning, fill) in enumerate(lines, start=heading_row + 2):
        if swatch:
            ws.cell(i, 8).fill = PatternFill("solid", fgColor=fill)
        else:
            ws.cell(i, 8, word)
        ws.cell(i, 9, meaning)
    path = tmp_path / "plan.xlsx"
    wb.save(path)
    plan = load_path(path, period=PERIOD)
    assert [n.title for n in plan.nodes.values()] == [
        "Safe",
        "Fewer accidents",
        "Audit roads",
        "Train staff",
        "Publish",
        "Review",
    ]
    keys = [n for n in plan.notices if "key to the RAG colours" in n]
    assert len(keys) == 1, plan.notices
    assert keys[0].startswith(f"{path}:Plan!H{heading_row + 1}: ")
    assert all(
        f"I{i} {meaning!r}" in keys[0]
        for i, (_, meaning, _) in enumerate(lines, start=heading_row + 2)
    )
    others = [n for n in plan.notices if n not in keys]
    assert not any(
        "beside a table" in n or "the reader does not know" in n or "fills no level" in n
        for n in others
    ), others


def test_a_column_of_colours_under_a_heading_that_is_no_key_is_still_named(tmp_path: Path):
    # (a column headed 'Notes to self' holding colours is no key: its cells are named as before)
    path = workbook(
        tmp_path / "plan.xlsx",
        {
            "Plan": [
                [*_TABLE[0], None, "Notes to self"],
                [*_TABLE[1], None, "Green"],
                [*_TABLE[2], None, "Amber"],
            ]
        },
    )
    plan = load_path(path, period=PERIOD)
    assert not any("key to the RAG colours" in n for n in plan.notices)
    assert any("the reader does not know" in n and "'Notes to self'" in n for n in plan.notices)


# ---------------------------------------------------------------------------------------------
# A summary table and a detail table: one plan stated in two views


def test_a_summary_sheet_and_a_detail_sheet_are_two_views_of_one_plan(tmp_path: Path):
    # Each level's id given on both sheets: one priority, aim, objective and milestone each, in
    # the views of both sheets; where the summary words an item otherwise, a variant. Converted,
    # the views are kept: reading the converted plan back gives the same plan.
    import outcome_graph as og

    header = [
        "Priority ID",
        "Priority",
        "Aim ID",
        "Aim",
        "Objective ID",
        "Objective",
        "Milestone ID",
        "Key milestones",
        "Lead",
        "By when",
    ]
    detail = [
        header,
        [
            "P1",
            "Be safe",
            "P1.A1",
            "Safer roads",
            "P1.A1.O1",
            "Fewer accidents",
            "M1",
            "Audit the junctions",
            "Roads",
            "June 11",
        ],
        [
            None,
            None,
            None,
            None,
            None,
            None,
            "M2",
            "Train the crossing wardens",
            "Schools",
            "July 11",
        ],
        [
            None,
            None,
            "P1.A2",
            "Safer homes",
            "P1.A2.O1",
            "Fewer fires",
            "M3",
            "Fit smoke alarms",
            "Fire",
            "May 11",
        ],
    ]
    summary = [
        [
            "Priority ID",
            "Priority",
            "Aim ID",
            "Aim",
            "Objective ID",
            "Objective",
            "Milestone ID",
            "Action",
        ],
        [
            "P1",
            "Be safe",
            "P1.A1",
            "Roads that are safer",
            "P1.A1.O1",
            "Fewer accidents",
            "M1",
            "Audit the junctions",
        ],
        [
            None,
            None,
            "P1.A2",
            "Safer homes",
            "P1.A2.O1",
            "Fewer fires",
            "M3",
            "Smoke alarms fitted",
        ],
    ]
    path = workbook(tmp_path / "plan.xlsx", {"Detail plan": detail, "Summary": summary})
    plan = load_path(path, period=PERIOD)
    assert list(plan.nodes) == ["P1", "P1.A1", "P1.A1.O1", "M1", "M2", "P1.A2", "P1.A2.O1", "M3"]
    assert plan.meta.views == ["detail-plan", "summary"]
    both = ["detail-plan", "summary"]
    assert {n: plan.nodes[n].views for n in plan.nodes} == {
        "P1": both,
        "P1.A1": None,
        "P1.A1.O1": both,
        "M1": both,
        "M2": None,
        "P1.A2": both,
        "P1.A2.O1": both,
        "M3": None,
    }
    assert {
        n: [(v.text, v.where) for v in plan.nodes[n].variants]
        for n in plan.nodes
        if plan.nodes[n].variants
    } == {
        "P1.A1": [("Roads that are safer", "summary")],
        "M3": [("Smoke alarms fitted", "summary")],
    }
    assert plan.nodes["M3"].lead == "Fire" and plan.location("M3").sheet == "Detail plan"
    # (M2 alone of the objective's two milestones is left out of the summary: OG603 names it)
    assert {(f.rule, f.node) for f in og.check(plan).findings if f.rule in ("OG104", "OG603")} == {
        ("OG603", "M2")
    }
    yaml_path = tmp_path / "plan.yaml"
    og.convert_plan(path, yaml_path, period=PERIOD)
    assert og.load(yaml_path).document == plan.document
    book = tmp_path / "again.xlsx"
    og.convert_plan(yaml_path, book)
    assert og.load(book).document == plan.document


def test_a_plan_sheet_naming_its_own_views_keeps_them(tmp_path: Path):
    # (the tables' views are then the sheets' names, which
    # the plan's views should list: a notice says so)
    path = workbook(
        tmp_path / "plan.xlsx",
        {
            "plan": [["views"], ["detail; summary"]],
            "Detail": [
                ["Milestone ID", "Objective", "Key milestones"],
                ["M1", "Fewer accidents", "Audit"],
            ],
            "Summary": [
                ["Milestone ID", "Objective", "Action"],
                ["M1", "Fewer accidents", "Audit the roads"],
            ],
        },
    )
    plan = load_path(path, period=PERIOD)
    assert plan.meta.views == ["detail", "summary"]
    assert [(v.text, v.where) for v in plan.nodes["M1"].variants] == [
        ("Audit the roads", "summary")
    ]
    assert any("the plan sheet names its own: list these there" in n for n in plan.notices)


@st.composite
def _summaries(
    draw: st.DrawFn,
) -> tuple[list[list[object]], list[list[object]], dict[str, str | None]]:
    """A detail table of milestones with ids, and a summary table stating some of them, each in
    the detail's words or others (the id -> the summary's words, None for the same)."""
    n = draw(st.integers(1, 6))
    detail: list[list[object]] = [["Objective", "Milestone ID", "Key milestones"]]
    for i in range(1, n + 1):
        detail.append([f"Objective {i % 2}", f"M{i}", f"Milestone {i}"])
    stated = draw(st.lists(st.integers(1, n), unique=True))
    summary: list[list[object]] = [["Objective", "Action", "Milestone ID"]]
    said: dict[str, str | None] = {}
    for i in stated:
        other = draw(st.booleans())
        words = f"Summary words {i}" if other else f"Milestone {i}"
        summary.append([f"Objective {i % 2}", words, f"M{i}"])
        said[f"M{i}"] = words if other else None
    return detail, summary, said


@given(_summaries())
@settings(max_examples=30, deadline=None)
def test_a_summary_stating_any_milestones_adds_no_node_and_states_each_in_its_view(case):
    import tempfile

    detail, summary, said = case
    with tempfile.TemporaryDirectory() as folder:
        path = workbook(Path(folder) / "plan.xlsx", {"Detail": detail, "Summary": summary})
        plan = load_path(path, period=PERIOD)
    milestones = [n for n in plan.nodes.values() if n.kind == "milestone"]
    assert sorted(m.id for m in milestones) == sorted(f"M{i}" for i in range(1, len(detail)))
    assert all(m.title == f"Milestone {m.id[1:]}" for m in milestones)
    for m in milestones:
        views = set(plan.effective_views(m)) if plan.meta.views else {"detail"}
        assert views == ({"detail", "summary"} if m.id in said else {"detail"}), m
        assert [(v.text, v.where) for v in m.variants] == (
            [(said[m.id], "summary")] if said.get(m.id) else []
        )
