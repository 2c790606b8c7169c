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
            "the value of the first target of indicator NI 71 of objective P1.A1.O2: must be a number, not the "
            "text 'fewer'",
            "priorities[0].aims[0].objectives[0].indicators[1].targets[0].value",
        ),
        (
            16,
            "the lead of milestone P1.A1.O2.M1: must be text (an owner's id, name or alias) or a list of them",
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
            "the number of objective O1: 'one' is not a number as a plan prints one: whole numbers joined by dots",
        ),
        (
            "indicators:\n  - {id: L1, title: x, baseline: {period: '2011', value: inf}}\n",
            4,
            "the value of the baseline of indicator L1: must be a number, not infinity or NaN (inf)",
        ),
        (
            "indicators:\n  - {id: L1, title: x, target: {period: '2011', value: 1, comparator: under}}\n",
            4,
            "the comparator of the target of indicator L1: must be one of 'at_least', 'at_most', 'below' or 'above'",
        ),
        (
            "milestones:\n  - {id: M1, title: x, due: [2011-04, {to: 2011-07}]}\n",
            4,
            "the second due date of milestone M1 is missing the required field 'from'",
        ),
        (
            "objectives:\n  - {id: O1, title: x, ignore: [{rule: OG101, scope: tree}]}\n",
            4,
            "the scope of the first ignore entry of objective O1: must be one of 'node' or 'branch'",
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
        "message": "the lead of milestone P1.A1.O2.M1: must be text (an owner's id, name or alias) or a list of them",
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
        "format: outcome-graph/v1\nplan: {id: my-cypp, period: {start: 2012-04-01, end: 2013-03-31}}\n"
        "objectives:\n  - id: P1.A1.O1\n    title: Make the protocol work\n    leed: Head of Safeguarding\n"
        "    milestones:\n      - {id: P1.A1.O1.M1, title: Review the protocol, due: 2012-09-31}\n",
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
        "to have one read, head it with the name of the field it holds (lead, timescale, indicators...)"
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
    # mapping: the message names the node's kind and id (or its place, without an id), the path is the
    # document's.
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
        of = f" of {_LEVELS[depth - 1]} {owner['id']}" if owner is not None else ""  # type: ignore[index]
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
            "unexpected text where a field of the item above was expected: text after a closing quote",
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
            '{"format": "outcome-graph/v1", "plan": {"id": "t",}}\n',
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
