"""Load errors and notices in the plan's own words: a strategy lead reads which item (its kind and
id, or its place where it has no id) and which field is wrong, at the file's line and column or the
workbook's cell, and how to fix it; a tool still has the document's path of the value at fault."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import outcome_graph as og
from outcome_graph.errors import PlanError
from outcome_graph.schema import findings_schema

from .conftest import PLAN_HEADER, ROOT
from .test_first_run import run, workbook

NESTED = (
    PLAN_HEADER
    + """\
priorities:
  - id: P1
    title: Children are safe
    aims:
      - id: P1.A1
        title: Fewer children go missing
        objectives:
          - id: P1.A1.O2
            title: Make the protocol work
            indicators:
              - {title: Children missing from care}
              - {id: NI 71, targets: [{period: 2012-13, value: fewer}]}
            milestones:
              - {id: P1.A1.O2.M1, title: Review the protocol, lead: {name: Head of Safeguarding}}
              - {title: Train the duty team}
"""
)


def problems(text: str) -> list[tuple[int | None, str, str | None]]:
    with pytest.raises(PlanError) as info:
        og.load(text, name="plan.yaml")
    return [(p.line, p.message, p.path) for p in info.value.problems]


def test_an_error_deep_in_a_nested_plan_names_the_item_by_kind_and_id():
    assert problems(NESTED) == [
        (
            13,
            "the first indicator of objective P1.A1.O2 is missing the required field 'id'",
            "priorities[0].aims[0].objectives[0].indicators[0].id",
        ),
        (
            14,
            "the value of the first target of indicator NI 71 of objective P1.A1.O2: must be a "
            "number, not the text 'fewer'",
            "priorities[0].aims[0].objectives[0].indicators[1].targets[0].value",
        ),
        (
            16,
            "the lead of milestone P1.A1.O2.M1: must be text (an owner's id, name or alias) or a "
            "list of them",
            "priorities[0].aims[0].objectives[0].milestones[0].lead",
        ),
        (
            17,
            "the second milestone of objective P1.A1.O2 is missing the required field 'id'",
            "priorities[0].aims[0].objectives[0].milestones[1].id",
        ),
    ]


@pytest.mark.parametrize(
    ("body", "line", "words"),
    [
        # (an item without a usable id is named by its place)
        (
            "objectives:\n  - {title: Safe}\n",
            4,
            "the first objective is missing the required field 'id'",
        ),
        (
            "objectives:\n  - {id: O1, title: [a, b]}\n",
            4,
            "the title of objective O1: must be text, not a list",
        ),
        (
            "objectives:\n  - {id: O1, title: x, leed: Ann}\n",
            4,
            "unknown field 'leed' in objective O1: did you mean 'lead'?",
        ),
        (
            "objectives:\n  - {id: O1, title: x, timescale: June 12}\n",
            4,
            "unknown field 'timescale' in objective O1: it is a field of milestones",
        ),
        (
            "prioritys: []\n",
            3,
            "unknown field 'prioritys' at the top level of the plan: did you mean 'priorities'?",
        ),
        # (a field written with a capital, or a plan's word for a level: the field it is)
        (
            "Milestones: []\n",
            3,
            "unknown field 'Milestones' at the top level of the plan: did you mean 'milestones'?",
        ),
        (
            "pillars: []\n",
            3,
            "unknown field 'pillars' at the top level of the plan: did you mean 'priorities'?",
        ),
        # (where that level is no field, nothing is suggested)
        (
            "milestones:\n  - {id: M1, title: x, pillars: x}\n",
            4,
            "unknown field 'pillars' in milestone M1",
        ),
        (
            "objectives:\n  - {id: O1, title: x, outcomes: [be_helthy]}\n",
            4,
            "objective O1: unknown outcome 'be_helthy': did you mean 'be_healthy'?",
        ),
        (
            "objectives:\n  - {id: O1, title: x, number: one}\n",
            4,
            "the number of objective O1: 'one' is not a number as a plan prints one: whole "
            "numbers joined by dots",
        ),
        (
            "indicators:\n  - {id: L1, title: x, baseline: {period: '2011', value: inf}}\n",
            4,
            "the value of the baseline of indicator L1: must be a number, not infinity or NaN "
            "(inf)",
        ),
        (
            "indicators:\n  - {id: L1, title: x, target: {period: '2011', value: 1, comparator: "
            "under}}\n",
            4,
            "the comparator of the target of indicator L1: must be one of 'at_least', 'at_most', "
            "'below' or 'above'",
        ),
        (
            "milestones:\n  - {id: M1, title: x, due: [2011-04, {to: 2011-07}]}\n",
            4,
            "the second due date of milestone M1 is missing the required field 'from'",
        ),
        (
            "objectives:\n  - {id: O1, title: x, ignore: [{rule: OG101, scope: tree}]}\n",
            4,
            "the scope of the first ignore entry of objective O1: must be one of 'node' or "
            "'branch'",
        ),
        (
            "owners:\n  - {id: SILS, name: School improvement, capacity: lots}\n",
            4,
            "the capacity of owner SILS: must be a whole number, not the text 'lots'",
        ),
        (
            "catalogues:\n  - {prefix: CSC, title: Local, entries: [{code: CSC 1}]}\n",
            4,
            "entry CSC 1 of catalogue CSC is missing the required field 'title'",
        ),
    ],
)
def test_a_load_error_says_what_is_wrong_in_the_plan_s_words(body: str, line: int, words: str):
    [(at, message, _path)] = problems(PLAN_HEADER + body)
    assert at == line and message.startswith(words), message
    assert not re.search(r"\w\[\d+\]", message)  # (no path of the document in the message)


def test_a_plan_without_its_period_is_told_how_to_write_it():
    [(line, message, _)] = problems("format: outcome-graph/v1\nplan: {id: t}\n")
    assert line == 2 and message == (
        "the plan is missing the required field 'period': add period: "
        "{start: 2011-04-01, end: 2012-03-31}"
    )
    [(line, message, _)] = problems(
        "format: outcome-graph/v1\nplan: {id: t, period: {start: 2011-02-30, end: 2012-03-31}}\n"
    )
    assert message.startswith(
        "the start date of the plan's period: '2011-02-30' is not a valid date"
    )


def test_an_item_whose_id_cannot_be_shown_is_named_by_its_place():
    # (an id on two lines would break the message in two: the item is named by its place instead)
    [(_, message, path)] = problems(
        PLAN_HEADER + 'aims:\n  - {id: A1, title: x}\n  - {id: "A2\\nA3", title: y}\n'
    )
    assert (
        message.startswith("the id of the second aim: must be on one line") and path == "aims[1].id"
    )


def test_plain_data_has_no_lines_but_its_problems_name_the_item():
    with pytest.raises(PlanError) as info:
        og.load(
            {
                "format": "outcome-graph/v1",
                "plan": {"id": "t", "period": {"start": "2011-04-01", "end": "2012-03-31"}},
                "milestones": [{"id": "M1", "title": "Audit", "status": "late"}],
            }
        )
    [problem] = info.value.problems
    assert problem.line is None and problem.path == "milestones[0].status"
    assert problem.message.startswith("the status of milestone M1: must be one of 'not_started'")


def test_the_json_of_a_plan_that_cannot_be_read_keeps_the_path_for_a_tool(tmp_path: Path):
    plan = tmp_path / "plan.yaml"
    plan.write_text(NESTED, encoding="utf-8")
    code, out, err = run("check", str(plan), "--format", "json")
    doc = json.loads(out)
    jsonschema.validate(doc, findings_schema())
    assert code == 2 and doc["findings"] == []
    assert doc["problems"][2] == {
        "message": "the lead of milestone P1.A1.O2.M1: must be text (an owner's id, name or "
        "alias) or a list of them",
        "location": {"file": str(plan), "line": 16, "column": 63, "sheet": None, "cell": None},
        "path": "priorities[0].aims[0].objectives[0].milestones[0].lead",
    }
    # (on standard error the same problems, one a line, at their line and column)
    assert err.splitlines()[2] == f"error: {plan}:16:63: {doc['problems'][2]['message']}"
    # A problem with no path of its own (a duplicate id) has none in the JSON either.
    plan.write_text(
        PLAN_HEADER + "aims:\n  - {id: A1, title: x}\n  - {id: A1, title: y}\n", encoding="utf-8"
    )
    code, out, _ = run("check", str(plan), "--format", "json")
    [problem] = json.loads(out)["problems"]
    assert (
        code == 2 and "path" not in problem and problem["message"].startswith("duplicate id 'A1'")
    )


def test_the_user_guide_shows_a_load_error_as_the_command_prints_it(tmp_path: Path, monkeypatch):
    guide = (ROOT / "docs" / "user-guide.md").read_text(encoding="utf-8")
    shown = (
        guide.split("$ outcome-graph check my-plan.yaml\n", 1)[1].split("```", 1)[0].splitlines()
    )
    (tmp_path / "my-plan.yaml").write_text(
        "format: outcome-graph/v1\nplan: {id: my-cypp, period: {start: 2012-04-01, end: "
        "2013-03-31}}\nobjectives:\n  - id: P1.A1.O1\n    title: Make the protocol work\n"
        "    leed: Head of Safeguarding\n    milestones:\n"
        "      - {id: P1.A1.O1.M1, title: Review the protocol, due: 2012-09-31}\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    code, out, err = run("check", "my-plan.yaml")
    assert code == 2 and out == "" and err.splitlines() == shown


def test_a_workbook_s_errors_name_the_item_at_its_cell(tmp_path: Path):
    path = workbook(
        tmp_path / "plan.xlsx",
        {
            "plan": [
                ["format", "id", "period.start", "period.end"],
                ["outcome-graph/v1", "p", "2011-04-01", "2012-31-03"],
            ],
            "objectives": [["id", "title", "number"], ["O1", None, "1.1"], ["O2", "Safe", "one"]],
            "milestones": [["id", "parent", "title", "status"], ["M1", "O1", "Audit", "late"]],
        },
    )
    with pytest.raises(PlanError) as info:
        og.load(path)
    where = {(p.sheet, p.cell): p.message for p in info.value.problems}
    assert where[("plan", "D2")].startswith(
        "the end date of the plan's period: '2012-31-03' is not a valid date"
    )
    assert where[("objectives", "B2")] == "the title of objective O1 is missing (the cell is blank)"
    assert where[("objectives", "C3")].startswith(
        "the number of objective O2: 'one' is not a number as a plan prints one"
    )
    assert where[("milestones", "D2")].startswith("the status of milestone M1: must be one of")
    assert where[("milestones", "D2")].endswith("(the cell holds 'late')")


def test_columns_the_reader_does_not_know_are_named_with_how_to_have_them_read(tmp_path: Path):
    path = workbook(
        tmp_path / "table.xlsx",
        {
            "plan": [["id", "period.start", "period.end"], ["p", "2011-04-01", "2012-03-31"]],
            "table": [
                ["Objective", "Milestone", "Lead Offcer", "Budget"],
                ["Fewer accidents", "Audit the junctions", "Road safety team", "£5,000"],
            ],
        },
    )
    [notice] = [n for n in og.load(path).notices if "columns" in n]
    assert notice.startswith(
        f"{path}: columns the reader does not know were not read: table!C1 'Lead Offcer' "
        "(did you mean 'Lead officer'?), table!D1 'Budget'; "
    )
    assert notice.endswith(
        "to have one read, head it with the name of the field it holds (lead, timescale, "
        "indicators...)"
    )


_LEVELS = ("priority", "aim", "objective", "milestone")
_LISTS = ("priorities", "aims", "objectives", "milestones")


@settings(max_examples=60, deadline=None)
@given(
    shape=st.lists(st.integers(1, 3), min_size=1, max_size=4),
    pick=st.lists(st.integers(0, 2), min_size=4, max_size=4),
    named=st.booleans(),
    field=st.sampled_from(["title", "notes", "lead"]),
)
def test_any_node_s_bad_field_is_named_by_kind_and_id_and_its_path_kept(
    shape: list[int], pick: list[int], named: bool, field: str
):
    # A plan nested as deep as `shape` (each level's count of children), one node's field made a
    # mapping: the message names the node's kind and id (or
    # its place, without an id), the path is the document's.
    def level(depth: int, prefix: str) -> list[dict[str, object]]:
        return [
            {
                "id": f"{prefix}{_LEVELS[depth][0].upper()}{i + 1}",
                "title": "x",
                **(
                    {
                        _LISTS[depth + 1]: level(
                            depth + 1, f"{prefix}{_LEVELS[depth][0].upper()}{i + 1}."
                        )
                    }
                    if depth + 1 < len(shape)
                    else {}
                ),
            }
            for i in range(shape[depth])
        ]

    doc = {
        "format": "outcome-graph/v1",
        "plan": {"id": "t", "period": {"start": "2011-04-01", "end": "2012-03-31"}},
        "priorities": level(0, ""),
    }
    node, path, owner = (
        doc["priorities"][min(pick[0], shape[0] - 1)],
        f"priorities[{min(pick[0], shape[0] - 1)}]",
        None,
    )
    depth = 0
    for d in range(1, len(shape)):
        i = min(pick[d], shape[d] - 1)
        owner = node
        node, path, depth = node[_LISTS[d]][i], f"{path}.{_LISTS[d]}[{i}]", d  # type: ignore[index]
    node[field] = {"x": 1}
    if not named:
        del node["id"]
    with pytest.raises(PlanError) as info:
        og.load(doc)
    [problem] = [p for p in info.value.problems if p.path == f"{path}.{field}"]
    kind = _LEVELS[depth]
    if named:
        assert problem.message.startswith(f"the {field} of {kind} {node['id']}: ")
    else:
        index = int(path.rsplit("[", 1)[1][:-1])
        place = ["first", "second", "third"][index]
        owner_id = owner["id"] if owner is not None else None  # type: ignore[index]
        of = f" of {_LEVELS[depth - 1]} {owner_id}" if owner is not None else ""
        assert problem.message.startswith(f"the {field} of the {place} {kind}{of}: ")


@pytest.mark.parametrize(
    ("body", "line", "meaning"),
    [
        (
            "objectives:\n  - id: O1\n    title: \"Children's centres\n",
            5,
            "a quote opened here is never closed",
        ),
        (
            "objectives:\n  - id: O1\n    title: 'Children's centres'\n",
            5,
            "unexpected text where a field of the item above was expected: text after a closing "
            "quote",
        ),
        ("objectives:\n  - id: O1\n    title: Ensure: every child\n", 5, "a ': ' inside a value"),
        (
            "objectives:\n  - id: O1\n    title x\n    lead: y\n",
            6,
            "a line with no ':' where a field was expected",
        ),
        (
            "objectives:\n  - id: O1\n  title: x\n",
            5,
            "this line is not indented as the list above it",
        ),
        (
            "objectives:\n  - {id: O1, title: x, indicators: [NI 71, NI 72}\n",
            4,
            "a '[' before here is not closed with ']'",
        ),
        (
            "objectives:\n  - {id: O1, title: x\n  - {id: O2, title: y}\n",
            5,
            "a '{' before here is not closed with '}'",
        ),
        (
            "objectives:\n  - {id: O1, title: *bold*}\n",
            4,
            "a value starting with '*' is read as a YAML alias",
        ),
    ],
)
def test_a_yaml_mistake_is_told_in_words_before_the_yaml_reader_s(
    body: str, line: int, meaning: str
):
    [(at, message, path)] = problems(PLAN_HEADER + body)
    assert at == line and path is None
    assert (
        message.startswith(f"invalid YAML: {meaning}") and "(the YAML reader says: " in message
    ), message


@pytest.mark.parametrize(
    ("text", "meaning"),
    [
        (
            '{"format": "outcome-graph/v1"\n "plan": {}}\n',
            "a ',' is missing between two fields or two items",
        ),
        (
            '{"format": "outcome-graph/v1", plan: {"id": "t"}}\n',
            "a field's name must be in double quotes here",
        ),
        (
            '{"format": "outcome-graph/v1", "plan": {"id": "t}\n}\n',
            "a text is not closed with '\"' on its line",
        ),
        ('{"format": "outcome-graph/v1", "plan": }\n', "a value is missing here"),
    ],
)
def test_a_json_mistake_is_told_in_words_before_the_json_reader_s(
    text: str, meaning: str, tmp_path: Path
):
    (tmp_path / "plan.json").write_text(text, encoding="utf-8")  # (read as JSON by its name)
    with pytest.raises(PlanError) as info:
        og.load(tmp_path / "plan.json")
    assert info.value.line is not None
    assert (
        info.value.message.startswith(f"invalid JSON: {meaning}")
        and "(the JSON reader says: " in info.value.message
    )


JSON_PLAN = {
    "format": "outcome-graph/v1",
    "plan": {"id": "t", "period": {"start": "2011-04-01", "end": "2012-03-31"}},
    "priorities": [{"id": "P1", "title": "Children are safe"}],
}


def json_with_a_slip(slip: str) -> str:
    """The JSON plan as json.dumps lays it out, with one slip a person makes writing JSON."""
    text = json.dumps(JSON_PLAN, indent=2)
    if slip == "comma after the last field":
        return text.replace('"Children are safe"', '"Children are safe",')
    if slip == "comma after the last item":
        return text.replace('"Children are safe"\n    }', '"Children are safe"\n    },')
    if slip == "comment":
        return text.replace('{\n  "format"', '{\n  // the plan\n  "format"')
    return text.replace('"format": "outcome-graph/v1",', '"format": "outcome-graph/v1"')


@pytest.mark.parametrize(
    ("slip", "said", "at"),
    [
        (
            "comma after the last field",
            "a ',' follows the last field of a mapping: JSON allows none there; remove it",
            ('"title": "Children are safe",', ","),
        ),
        (
            "comma after the last item",
            "a ',' follows the last item of a list: JSON allows none there; remove it",
            ("    },", ","),
        ),
        (
            "comment",
            "JSON has no comments: remove this one (or write the plan in YAML, where # starts a "
            "comment)",
            ("  // the plan", "//"),
        ),
        (
            "missing comma",
            "a ',' is missing between two fields or two items before here",
            ('  "plan": {', '"plan"'),
        ),
    ],
)
def test_json_text_with_a_slip_is_told_the_json_error_at_its_line_and_column(
    slip: str, said: str, at: tuple[str, str], tmp_path: Path
):
    # A text that opens as JSON does ('{' and a quoted name) is JSON: YAML would read a trailing
    # comma without a word (a flow mapping allows one) and misreport a comment, so the JSON
    # reader's error is told, at the slip, whether the text comes from load(), a .json file or
    # standard input. Named .yaml, the same text is YAML's, which reads the trailing commas.
    text = json_with_a_slip(slip)
    line_text, mark = at
    line, column = next(
        (n, t.index(line_text) + line_text.rindex(mark) + 1)
        for n, t in enumerate(text.splitlines(), 1)
        if line_text in t
    )
    with pytest.raises(PlanError) as info:
        og.load(text)
    [problem] = info.value.problems
    assert problem.message.startswith(f"invalid JSON: {said}")
    assert (problem.line, problem.column) == (line, column)
    (tmp_path / "plan.json").write_text(text, encoding="utf-8")
    code, out, err = run("check", str(tmp_path / "plan.json"))
    assert code == 2 and f"plan.json:{line}:{column}: invalid JSON: {said}" in err
    from outcome_graph.cli import main

    from .conftest import cli_runner

    piped = cli_runner().invoke(main, ["check", "-"], input=text)
    assert piped.exit_code == 2 and f"<stdin>:{line}:{column}: invalid JSON: {said}" in piped.stderr
    if slip.startswith("comma"):
        assert list(og.load(text, name="plan.yaml").nodes) == ["P1"]
        named = cli_runner().invoke(
            main, ["check", "-", "--stdin-filename", "plan.yaml"], input=text
        )
        assert named.exit_code == 0, named.stderr


def test_a_yaml_flow_mapping_and_single_quoted_names_are_still_read_as_yaml():
    # (only a text that opens as JSON does is held to JSON: YAML's own flow style, names unquoted
    # or in single quotes, is the YAML it is)
    flow = (
        "{format: outcome-graph/v1, plan: {id: t, period: {start: 2011-04-01, end: "
        "2012-03-31}},\n priorities: [{id: P1, title: Safe},]}\n"
    )
    assert list(og.load(flow).nodes) == ["P1"]
    quoted = flow.replace("{format:", "{'format':")
    assert list(og.load(quoted).nodes) == ["P1"]


@pytest.mark.parametrize(
    ("unit", "advice"),
    [
        (None, "write value: 74 and give indicator NI 72 unit: percent"),
        ("percent", "write value: 74 (indicator NI 72's unit, percent, makes it a percentage)"),
        (
            "count",
            "write value: 74, and if it is a percentage give indicator NI 72 the unit percent "
            "(not 'count')",
        ),
    ],
)
def test_a_value_written_as_a_percentage_says_to_write_the_number_and_the_unit(
    unit: str | None, advice: str
):
    # The format's value is a number; a percentage is the number with `unit: percent` on the
    # indicator (as a workbook's 74% cell reads). A YAML `value: 74%` is text: the error says what
    # to write, for the unit the indicator has.
    unit_line = f"    unit: {unit}\n" if unit else ""
    text = (
        PLAN_HEADER
        + "indicators:\n  - id: NI 72\n    title: Early years foundation stage\n"
        + unit_line
        + "    baseline: {period: 2010-11, value: 74%}\n"
        + "    targets:\n      - {period: 2011-12, value: '76 %'}\n      - 78%\n"
    )
    found = problems(text)
    start = 6 + bool(unit)
    assert found == [
        (
            start,
            "the value of the baseline of indicator NI 72: must be a number, not the text "
            f"'74%': {advice}"
            + (
                " (a plan writes a percentage as its number, the unit on the indicator)"
                if unit is None
                else ""
            ),
            "indicators[0].baseline.value",
        ),
        (
            start + 2,
            "the value of the first target of indicator NI 72: must be a number, not the text "
            "'76 %': "
            + advice.replace("74", "76")
            + (
                " (a plan writes a percentage as its number, the unit on the indicator)"
                if unit is None
                else ""
            ),
            "indicators[0].targets[0].value",
        ),
        (
            start + 3,
            "the second target of indicator NI 72: must be a mapping of fields (field: value), "
            "not the text '78%': "
            + advice.replace("value: 74", "it as {period: 2011-12, value: 78}")
            + (
                " (a plan writes a percentage as its number, the unit on the indicator)"
                if unit is None
                else ""
            ),
            "indicators[0].targets[1]",
        ),
    ]


def test_a_percentage_target_on_a_node_s_reference_names_the_indicator_to_declare():
    text = (
        PLAN_HEADER + "objectives:\n  - id: O1\n    title: Fewer exclusions\n    indicators:\n"
        "      - {id: NI 114, target: 2.5%}\n"
    )
    [(line, message, path)] = problems(text)
    assert (line, path) == (7, "objectives[0].indicators[0].target")
    assert message == (
        "the target of indicator NI 114 of objective O1: must be a mapping of fields (field: "
        "value), not the text '2.5%': write target: {period: 2011-12, value: 2.5}, and declare "
        "indicator NI 114 under indicators: with unit: percent"
    )
    # (a figure that is no percentage keeps the message it had)
    [(_, message, _)] = problems(text.replace("2.5%", "{period: 2011-12, value: fewer}"))
    assert message.endswith("must be a number, not the text 'fewer'")


def test_a_workbook_s_value_without_its_period_column_names_the_indicator(tmp_path: Path):
    # (the message began with the row's id, "NI 72: baseline.period is missing"; it names the item
    # by its kind and id and the field in words, as the other problems at a cell do)
    path = workbook(
        tmp_path / "plan.xlsx",
        {
            "plan": [
                ["format", "id", "period.start", "period.end"],
                ["outcome-graph/v1", "p", "2011-04-01", "2012-03-31"],
            ],
            "indicators": [
                ["id", "title", "baseline.value", "target.period", "target.value"],
                ["NI 72", "Early years", "74", "2011-12", "76"],
            ],
            "milestones": [["id", "title", "due.from"], ["M1", "Audit", "2011-06-01"]],
        },
    )
    with pytest.raises(PlanError) as info:
        og.load(path)
    where = {(p.sheet, p.cell): p.message for p in info.value.problems}
    assert where == {
        ("indicators", "C2"): "the period of the baseline of indicator NI 72 is missing: the "
        "indicators sheet has no 'baseline.period' column",
        ("milestones", "C2"): "the 'to' date of the due date of milestone M1 is missing: the "
        "milestones sheet has no 'due.to' column",
    }


def test_a_field_a_sheet_s_item_does_not_take_is_named_by_the_item_s_kind_and_id():
    # A row whose field its item does not take names the item as every other problem at a cell
    # does ("'status' is not a field of objective P1.O1"), not by its id alone ("P1.O1: ..."). The
    # reader refuses such a column before validation (an error at its first value, or a notice
    # for an empty one), so the row is built here as it reads one.
    from pydantic import ValidationError

    from outcome_graph.loading.spreadsheet.tree import CellMap
    from outcome_graph.loading.spreadsheet.validation import validation_problems
    from outcome_graph.model.document import PlanDocument

    tree = CellMap("plan.xlsx", None, None)
    tree.put("format", "outcome-graph/v1", None)
    plan = tree.child("plan")
    plan.put("id", "p", None)
    plan.child("period").update({"start": "2011-04-01", "end": "2012-03-31"})
    row = CellMap("plan.xlsx", "objectives", "B2", is_row=True)
    row.put("id", "P1.O1", "A2")
    row.put("title", "Fewer exclusions", "B2")
    row.put("status", "done", "C2")
    row.put("leed", "Head of Inclusion", "D2")
    tree.put("objectives", [row], None)
    with pytest.raises(ValidationError) as info:
        PlanDocument.model_validate(tree)
    found = {(p.sheet, p.cell, p.message) for p in validation_problems(info.value, tree)}
    assert found == {
        (
            "objectives",
            "C2",
            "'status' is not a field of objective P1.O1: it is a field of milestones",
        ),
        ("objectives", "D2", "'leed' is not a field of objective P1.O1: did you mean 'lead'?"),
    }


PER_LEVEL_PLAN = [
    ["format", "id", "period.start", "period.end"],
    ["outcome-graph/v1", "p", "2011-04-01", "2012-03-31"],
]


@pytest.mark.parametrize(
    ("sheet", "heading", "column"),
    [
        ("milestones", "Owner", "'lead'"),
        ("milestones", "Responsible", "'lead'"),
        ("milestones", "Responsible officer", "'lead'"),
        ("objectives", "Lead officer", "'lead'"),
        ("milestones", "Lead person", "'lead'"),
        ("objectives", "Delivery Board", "'lead'"),
        (
            "milestones",
            "Deadline",
            "'timescale' for the plan's words (June 11), or 'due' for dates",
        ),
        ("milestones", "By when", "'timescale' for the plan's words (June 11), or 'due' for dates"),
        (
            "milestones",
            "Target date",
            "'timescale' for the plan's words (June 11), or 'due' for dates",
        ),
        ("milestones", "Due date", "'due'"),
        ("objectives", "Measure", "'indicators'"),
        ("objectives", "PI", "'indicators'"),
        ("aims", "Performance indicator", "'indicators'"),
    ],
)
def test_a_per_level_column_headed_as_published_plans_head_it_names_the_column_to_use(
    sheet: str, heading: str, column: str, tmp_path: Path
):
    # The per-level form's columns are named as the fields (the format's contract): a column a
    # flat table reads under a plan's heading ('Lead officer', 'By when', 'PI') is not read under
    # it here, and not dropped with a notice either (the leads or dates lost): an error at its
    # header cell names the column to head it with. (Before: a near spelling alone was suggested,
    # 'Owner' -> 'lead', and 'Responsible officer' or 'PI' were dropped with a notice.)
    field = column.split("'")[1]
    value = {
        "lead": "Road safety team",
        "timescale": "June 11",
        "due": "2011-06-30",
        "indicators": "NI 72",
    }[field]
    rows = [["id", "title", heading], ["X1", "Audit the junctions", value]]
    path = workbook(tmp_path / "plan.xlsx", {"plan": PER_LEVEL_PLAN, sheet: rows})
    with pytest.raises(PlanError) as info:
        og.load(path)
    [problem] = info.value.problems
    assert (problem.sheet, problem.cell) == (sheet, "C1")
    assert problem.message.startswith(
        f"unknown column {heading!r} in the {sheet} sheet: head it {column}"
    )
    assert problem.message.endswith(
        "; the columns of a sheet of the per-level form are named as the fields"
    )
    # Headed as the message says, the same column is read.
    rows[0][2] = field
    node = og.load(workbook(path, {"plan": PER_LEVEL_PLAN, sheet: rows})).nodes["X1"]
    read = getattr(node, field)
    assert ([ref.id for ref in read] if field == "indicators" else str(read)) == (
        [value] if field == "indicators" else value
    )


def test_a_column_a_flat_table_reads_as_another_level_s_field_says_where_it_belongs(
    tmp_path: Path,
):
    # 'PI' on the milestones sheet is the indicators column of another level (milestones have
    # none): as an 'indicators' column there, an error at its first value says where to move it,
    # where it was dropped with a notice. Empty, such a column (or 'status' on the objectives
    # sheet) loses nothing: a notice names it, no longer "did you mean 'tags'?".
    path = workbook(
        tmp_path / "plan.xlsx",
        {
            "plan": PER_LEVEL_PLAN,
            "objectives": [["id", "title", "status"], ["O1", "Fewer accidents", None]],
            "milestones": [
                ["id", "parent", "title", "PI"],
                ["M1", "O1", "Audit the junctions", None],
                ["M2", "O1", "Train the wardens", "NI 48"],
            ],
        },
    )
    with pytest.raises(PlanError) as info:
        og.load(path)
    [problem] = info.value.problems
    assert (problem.sheet, problem.cell) == ("milestones", "D3")
    assert problem.message == (
        "'PI' (indicators) is a field of priorities, aims and objectives, not of a milestone: move "
        "the column's values to the sheet of the level each belongs to (the cell holds 'NI 48')"
    )
    path = workbook(
        path,
        {
            "plan": PER_LEVEL_PLAN,
            "objectives": [["id", "title", "status"], ["O1", "Fewer accidents", None]],
            "milestones": [["id", "parent", "title", "PI"], ["M1", "O1", "Audit the junctions"]],
        },
    )
    [notice] = og.load(path).notices
    assert "objectives!C1 'status'" in notice and "milestones!D1 'PI'" in notice


def test_a_flat_table_reads_the_headings_of_published_plans(tmp_path: Path):
    # The flat form reads a plan's table as published (the specification: header matching
    # forgives the usual names): Richmond's 'Delivery Board' names the lead of each benefit,
    # Southend's 'By when' and 'Lead person' a strategic action's timescale and lead.
    path = tmp_path / "richmond.csv"
    path.write_text(
        "Aim,Objective,Delivery Board,Performance indicator\n"
        "Keep children safe,Fewer children are bullied,Stay Safe,NI 69\n",
        encoding="utf-8",
    )
    plan = og.load(path, period="2009-04-01..2013-03-31")
    assert plan.nodes["A1.O1"].lead == "Stay Safe" and "NI 69" in plan.nodes
    assert not [n for n in plan.notices if "not read" in n]
    path = tmp_path / "southend.csv"
    path.write_text(
        "Targets,Strategic actions,By when,Lead person\n"
        "Raise attainment,Train mentors,March 2009,Head of School Support\n",
        encoding="utf-8",
    )
    plan = og.load(path, period="2008-04-01..2009-03-31")
    [milestone] = [n for n in plan.nodes.values() if n.kind == "milestone"]
    assert (milestone.timescale, milestone.lead) == ("March 2009", "Head of School Support")
