"""Round trips through every plan format: YAML, JSON, a workbook and a CSV folder give the same
plan, the same findings and no change in ``diff``, whatever the plan's texts look like."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import outcome_graph as og
from outcome_graph.convert import canonical_document, to_yaml, write_plan
from outcome_graph.loading.loader import load_path
from outcome_graph.loading.sheet_layout import join_list, split_list, xlsx_escape, xlsx_unescape

from .conftest import MODELS, PLAN_HEADER
from .strategies import awkward_plans, plan_text

FORMATS = {"xlsx": "plan.xlsx", "csv": "plan-csv", "yaml": "plan.yaml", "json": "plan.json"}


def round_trip(plan: og.Plan, folder: Path, fmt: str) -> og.Plan:
    path = folder / FORMATS[fmt]
    assert write_plan(plan, path) == []
    return load_path(path)


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_ids_written_like_the_markers_of_a_cell_round_trip(fmt: str, tmp_path: Path):
    # '""' and '[]' are what a cell writes for an empty text and an empty list; an id, a parent, a
    # view, a rule or an indicator code written so is
    # text like any other, and must read back as written.
    plan = og.load(
        PLAN_HEADER.replace("period:", "views: [detail, '[]'], period:")
        + r"""
owners: [{id: '\\[]', name: Owner, ignore: ['""']}]
groups: [{id: '\\""', title: A group, members: ['\[]'], ignore: [OG104]}]
priorities:
  - id: '""'
    title: Safe
    variants: [{text: Elsewhere, where: '[]'}]
    ignore: ['[]']
    objectives:
      - id: '\[]'
        title: Fewer accidents
        indicators: [{id: '[]', title: Own wording, targets: [{period: 2011-12, value: 3}]}]
        milestones:
          - {id: '\""', title: Audit, lead: '\\[]', due: [2011-07, 2011-09]}
objectives: [{id: O2, title: Other, parent: '""'}]
indicators: [{id: '[]', title: Local measure, actuals: [{period: 2011-12, value: 1}]}]
"""
    )
    back = round_trip(plan, tmp_path, fmt)
    assert back.document == canonical_document(plan)
    assert back.parents == plan.parents
    assert set(back.nodes) == set(plan.nodes) >= {'""', "[]", r"\[]", r'\""'}


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_list_items_and_leads_ending_in_a_backslash_round_trip(fmt: str, tmp_path: Path):
    # 'x\' then 'y' was written 'x\; y': the item's backslash escaped the separator, and the two
    # tags came back as one, 'x; y'.
    plan = og.load(
        PLAN_HEADER
        + r"""
owners: [{id: O1, name: Owner, aliases: ['C:\', 'x\\', 'a\;b']}]
priorities:
  - id: P1
    title: Safe
    tags: ['x\', y, 'a\\;b', '\', 'z\\\']
    see_also: ['P2\', P3]
    lead: ['Head\', EYFC]
  - {id: P2, title: Healthy, lead: 'Head of X \; Y\'}
  - {id: P3, title: Achieving, lead: ['solo\']}
"""
    )
    back = round_trip(plan, tmp_path, fmt)
    assert back.document == canonical_document(plan)
    p1 = back.document.priorities[0]
    assert p1.tags == ["x\\", "y", "a\\\\;b", "\\", "z\\\\\\"] and p1.see_also == ["P2\\", "P3"]
    assert p1.lead == ["Head\\", "EYFC"] and back.document.priorities[1].lead == "Head of X \\; Y\\"


def test_cells_written_by_an_earlier_version_read_as_before(tmp_path: Path):
    # A ';' after one backslash is still part of the item, a backslash elsewhere is kept.
    (tmp_path / "plan.csv").write_text(
        "format,id,period.start,period.end\noutcome-graph/v1,t,2011-04-01,2012-03-31\n"
    )
    (tmp_path / "priorities.csv").write_text(
        "id,title,tags,lead\nP1,Safe,a\\;b; c\\d,Head of X \\; Y\nP2,Healthy,\\[],SILS; EYFC\n"
    )
    plan = load_path(tmp_path)
    assert (
        plan.document.priorities[0].tags == ["a;b", "c\\d"]
        and plan.document.priorities[0].lead == "Head of X ; Y"
    )
    assert plan.document.priorities[1].tags == ["[]"] and plan.document.priorities[1].lead == [
        "SILS",
        "EYFC",
    ]


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_a_catalogue_with_no_entries_round_trips(fmt: str, tmp_path: Path):
    # 'entries: []' (every code of the prefix unknown) was written '[]' and read back as the name
    # of an entries file, which could not be found.
    plan = og.load(
        PLAN_HEADER + "catalogues: [{prefix: CSC, title: Local, entries: []}]\n"
        "objectives: [{id: O1, title: Fewer accidents, indicators: [CSC 1]}]\n"
    )
    back = round_trip(plan, tmp_path, fmt)
    assert back.document == plan.document and back.document.catalogues[0].entries == []
    assert sorted((f.rule, f.node) for f in og.check(back)) == sorted(
        (f.rule, f.node) for f in og.check(plan)
    )


def test_carriage_returns_round_trip_through_a_workbook(tmp_path: Path):
    # A workbook's XML reads a carriage return back as a line feed: 'a\r\nb' came back 'a\nb'.
    # It is stored _x000D_, as Excel stores it; a text that reads as such a code is kept as typed.
    plan = og.load(
        PLAN_HEADER
        + r"""
priorities:
  - {id: P1, title: "Safe\r\nat home", notes: "one\rtwo", tags: ["a\rb"], lead: "Head\r\nof X"}
  - {id: P2, title: "_x000D_ typed", notes: "_x005F_x000D_ and _X0041_ and _xD800_"}
"""
    )
    back = round_trip(plan, tmp_path, "xlsx")
    assert back.document == plan.document
    assert back.nodes["P1"].title == "Safe\r\nat home" and back.nodes["P2"].title == "_x000D_ typed"


def test_a_workbook_s_character_codes_are_read_as_the_characters(tmp_path: Path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "plan"
    ws.append(["format", "id", "period.start", "period.end"])
    ws.append(["outcome-graph/v1", "t", "2011-04-01", "2012-03-31"])
    ws = wb.create_sheet("priorities")
    ws.append(["id", "title", "notes"])
    ws.append(["P1", "Safe_x000D_\nat home", "_x005F_x000D_ typed; half a pair _xD800_ kept"])
    wb.save(tmp_path / "plan.xlsx")
    node = load_path(tmp_path / "plan.xlsx").nodes["P1"]
    assert (
        node.title == "Safe\r\nat home" and node.notes == "_x000D_ typed; half a pair _xD800_ kept"
    )


@settings(max_examples=200, deadline=None)
@given(st.text(st.sampled_from('_x005FD0dA\r\n;\\ []"a'), max_size=30))
def test_a_workbook_s_escapes_give_back_the_text(text: str):
    assert xlsx_unescape(xlsx_escape(text)) == text
    assert "\r" not in xlsx_escape(text)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.text(st.sampled_from('ab;\\ []"\n'), max_size=8).map(str.strip).filter(bool), max_size=4
    )
)
def test_a_list_cell_gives_back_its_items(items: list[str]):
    assert split_list(join_list(items)) == items


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
@pytest.mark.parametrize(
    "holder",
    [
        "owners: [{id: t, name: Team T, ignore: [OG302]}]",  # an owner with the plan's id
        "groups: [{id: t, title: Group T, members: [X], ignore: [OG104]}]",  # a group with it
        "objectives: [{id: (plan), title: A node named like the plan's row, ignore: [OG101]}]",
    ],
    ids=["owner", "group", "node"],
)
def test_ignore_entries_of_the_plan_and_of_an_item_named_like_it_stay_apart(
    holder: str, fmt: str, tmp_path: Path
):
    # The plan's rows of the ignore sheet name it by its id; an owner or group of that id took them
    # (and the plan took theirs), and so did a node named '(plan)'.
    plan = og.load(
        PLAN_HEADER.replace("period:", "ignore: [OG2], period:") + holder + "\n"
        "priorities: [{id: P1, title: Safe}]\n"
    )
    back = round_trip(plan, tmp_path, fmt)
    assert back.document == canonical_document(plan)
    assert [i.rule for i in back.meta.ignore] == ["OG2"]
    assert sorted((f.rule, f.node, f.message) for f in og.check(back)) == sorted(
        (f.rule, f.node, f.message) for f in og.check(plan)
    )


def test_a_whole_number_too_long_for_a_spreadsheet_s_numbers_round_trips(tmp_path: Path):
    # A spreadsheet keeps 15 digits of a number: a capacity
    # of 10**18 read back '1e+18', not a whole number.
    plan = og.load(
        PLAN_HEADER
        + "owners: [{id: O1, capacity: 1000000000000000001}, {id: O2, capacity: 999999999999999}]\n"
    )
    back = round_trip(plan, tmp_path, "xlsx")
    assert back.document == plan.document and back.document.owners[0].capacity == 10**18 + 1


@pytest.mark.parametrize("brk", ["\x85", "\u2028", "\u2029"], ids=["NEL", "LS", "PS"])
def test_texts_with_other_line_breaks_round_trip_through_yaml(brk: str, tmp_path: Path):
    # PyYAML wrote NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR as they are in a plain, single-quoted
    # or block text, and read them back as a line break followed by the next line's indentation.
    text = f"Head{brk}of X"
    plan = og.load(
        PLAN_HEADER
        + f"""
priorities:
  - id: P1
    title: "{"word " * 20}{brk}"
    lead: "{text}"
    tags: ["{text}"]
    notes: "line one\\nline two{brk}three"
""".replace(brk, {"\x85": "\\N", "\u2028": "\\L", "\u2029": "\\P"}[brk])
    )
    assert plan.nodes["P1"].lead == text
    back = round_trip(plan, tmp_path, "yaml")
    assert back.document == plan.document


def test_a_written_workbook_s_code_columns_are_text_below_its_rows_too(tmp_path: Path):
    # A row a person adds below the plan's rows: Excel makes '1.10' the number 1.1 and '007' the
    # number 7 unless the column is formatted as text, as the template's columns are.
    import openpyxl

    from outcome_graph.loading.sheet_layout import LAYOUTS

    plan = og.load(MODELS / "thurrock-cypp-2011-12.yaml")
    write_plan(plan, tmp_path / "plan.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "plan.xlsx")
    checked = 0
    for ws in wb.worksheets:
        if ws.title == "instructions":
            continue  # (the template's instructions, no sheet of the plan)
        for cell in ws[1]:
            col = LAYOUTS[ws.title].by_name[cell.value]
            fmt = ws.column_dimensions[cell.column_letter].number_format
            assert (fmt == "@") == (col.kind == "code"), (ws.title, cell.value)
            checked += col.kind == "code"
    assert checked > 10


def test_a_text_that_fits_a_cell_only_without_its_stored_carriage_returns_is_warned_of(
    tmp_path: Path,
):
    # Each carriage return is stored as _x000D_: 30,000 characters with 1,000 of them are 36,000
    # stored, and the cell keeps 32,767 of those.
    plan = og.load(
        PLAN_HEADER
        + 'priorities: [{id: P1, title: Safe, notes: "'
        + "note\\r" * 1000
        + "n" * 25000
        + '"}]\n'
    )
    warnings = write_plan(plan, tmp_path / "plan.xlsx")
    assert (
        len(warnings) == 1
        and "30,000 characters (36,000 as stored" in warnings[0]
        and "priorities!" in warnings[0]
    )
    fitting = og.load(
        PLAN_HEADER
        + 'priorities: [{id: P1, title: Safe, notes: "'
        + "note\\r" * 1000
        + "n" * 2000
        + '"}]\n'
    )
    assert round_trip(fitting, tmp_path, "xlsx").document == fitting.document


def test_a_csv_cell_longer_than_a_spreadsheet_cell_is_warned_of_and_read_back_whole(tmp_path: Path):
    from outcome_graph.output.workbook import write_csv_folder

    long = og.load(
        PLAN_HEADER + 'priorities: [{id: P1, title: Safe, notes: "' + "n" * 40000 + '"}]\n'
    )
    warnings = write_csv_folder(long, tmp_path / "plan")
    assert (
        len(warnings) == 1
        and warnings[0].startswith("priorities.csv!H2: ")
        and "40,000 characters" in warnings[0]
    )
    assert (
        og.load(tmp_path / "plan").document == long.document
    )  # (outcome-graph itself loses nothing)
    fitting = og.load(
        PLAN_HEADER + 'priorities: [{id: P1, title: Safe, notes: "' + "n" * 32767 + '"}]\n'
    )
    assert write_csv_folder(fitting, tmp_path / "fitting") == []


AS_ABOVE = (
    PLAN_HEADER
    + """
priorities:
  - id: P1
    title: Safe
    objectives:
      - {id: O1, title: Fewer accidents, milestones: [{id: M1, title: Audit, timescale: June 11,
                                                       lead: Roads}]}
milestones:
  - {id: M3, title: Survey, timescale: March 2012, lead: Roads}
  - {id: M4, title: Train staff, timescale: As above, lead: Roads, parent: O1}
  - {id: M5, title: Report, timescale: Ditto, lead: Roads, parents: [O1]}
"""
)


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_a_milestone_timed_as_above_keeps_the_milestone_above_it(fmt: str, tmp_path: Path):
    # M4 is written after M3 ('As above' is March 2012); nested into O1 it followed M1 (June 11),
    # so a converted plan dated it otherwise, and its findings changed.
    plan = og.load(AS_ABOVE)
    facts = og.PlanFacts(plan)
    assert (
        facts.timing["M4"].intervals == facts.timing["M3"].intervals != facts.timing["M1"].intervals
    )
    back = round_trip(plan, tmp_path, fmt)
    assert back.parents == plan.parents
    assert [n for n in back.nodes if n.startswith("M")] == ["M1", "M3", "M4", "M5"]
    assert og.PlanFacts(back).timing["M4"].intervals == facts.timing["M4"].intervals
    assert sorted((f.rule, f.node, f.message) for f in og.check(back)) == sorted(
        (f.rule, f.node, f.message) for f in og.check(plan)
    )
    assert not og.diff_plans(plan, back).changed


def test_a_plan_nests_its_nodes_when_no_as_above_depends_on_where_they_are():
    plan = og.load(AS_ABOVE.replace("As above", "March 2012").replace("Ditto", "March 2012"))
    doc = canonical_document(plan)
    assert [m.id for m in doc.priorities[0].objectives[0].milestones] == [
        "M1",
        "M4",
    ]  # (M5 names its parent in a list)
    kept = canonical_document(og.load(AS_ABOVE))
    assert [m.id for m in kept.milestones] == ["M3", "M4", "M5"] and kept.milestones[1].parents == [
        "O1"
    ]
    assert canonical_document(kept) == kept


def _findings(plan: og.Plan) -> list[tuple[str, str, str, str]]:
    return sorted((f.rule, f.node, f.severity, f.message) for f in og.check(plan))


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(awkward_plans())
def test_a_plan_goes_through_every_format_in_turn_unchanged(data: dict):
    # YAML -> JSON -> workbook -> CSV folder -> YAML: each gives the same plan, the same findings
    # and no change in diff.
    import tempfile

    try:
        plan = og.load(plan_text(data))
    except og.PlanError:  # (a generated id the format refuses)
        assume(False)
    expected = canonical_document(plan)
    # (a plan-wide message names the first of several examples, in the order written: the plan
    # written nested may name another one; the findings are the same)
    findings = _findings(og.load(to_yaml(plan)))
    assert [f[:3] for f in findings] == [f[:3] for f in _findings(plan)]
    with tempfile.TemporaryDirectory() as folder:
        current = plan
        for step, fmt in enumerate(["json", "xlsx", "csv", "yaml"]):
            path = Path(folder) / f"{step}-{FORMATS[fmt]}"
            assert write_plan(current, path) == []
            current = load_path(path)
            assert current.document == expected, fmt
            assert current.parents == plan.parents, fmt
            assert _findings(current) == findings, fmt
            assert not og.diff_plans(plan, current).changed, fmt


@pytest.mark.parametrize("model", sorted(MODELS.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_model_goes_through_every_format_in_turn_unchanged(model: Path, tmp_path: Path):
    plan = og.load(model)
    findings = _findings(plan)
    current = plan
    for step, fmt in enumerate(["json", "xlsx", "csv", "yaml"]):
        current = (
            round_trip(current, tmp_path / str(step), fmt)
            if (tmp_path / str(step)).mkdir() is None
            else None
        )
        assert current.document == plan.document, (
            fmt
        )  # (the models are written in the canonical form)
        assert _findings(current) == findings, fmt
        assert not og.diff_plans(plan, current).changed, fmt


def test_a_date_before_a_spreadsheet_s_first_day_is_written_as_text(tmp_path: Path):
    # Excel's dates start on 1900-01-01: 1899-12-31 was stored as day 0 (shown 1900-01-00) and
    # 0001-01-01 as a negative day (shown ####), which Excel, saving the workbook, does not keep.
    import openpyxl

    plan = og.load(
        "format: outcome-graph/v1\nplan: {id: t, period: {start: 0001-01-01, end: 1900-01-01}, "
        "as_of: 1899-12-31}\n"
    )
    back = round_trip(plan, tmp_path, "xlsx")
    assert back.document == plan.document
    row = {
        c.value: r.value
        for c, r in zip(
            *openpyxl.load_workbook(tmp_path / "plan.xlsx")["plan"].iter_rows(max_row=2)
        )
    }
    assert row["period.start"] == "0001-01-01" and row["as_of"] == "1899-12-31"
    assert row["period.end"].date().isoformat() == "1900-01-01"  # (a date Excel holds stays a date)
