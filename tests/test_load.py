"""Loading: every field of the format, both forms, JSON, and an error with file and line for each
problem."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import outcome_graph as og
from outcome_graph.errors import PlanError
from outcome_graph.model.document import Indicator, Milestone

from .conftest import EXAMPLES, MODELS, PLAN_HEADER, template_workbook

FULL = """\
format: outcome-graph/v1
plan:
  id: full-plan
  title: "A plan with every field"
  organisation: Anytown Council
  period: {start: 2011-04-01, end: 2012-03-31}
  framework: ecm
  as_of: 2011-10-01
  source: anytown.txt
  views: [detail, summary, overview]
  tags: [LAA]
  notes: plan notes
  ignore: [{rule: OG503, reason: "targets are set next year", scope: branch}]
vision: {id: V, title: "Everyone thrives", views: [summary]}
owners:
  - id: SILS
    name: School Improvement, Learning and Skills
    kind: team
    aliases: ["SL SILS"]
    capacity: 12
    tags: [delivery board]
    notes: the team
catalogues:
  - prefix: CSC
    title: Local indicators
    entries:
      - {code: CSC 001, title: Young carers supported, outcomes: [be_healthy]}
groups:
  - {id: CP1, title: Children are safe, kind: corporate_priority, members: [P1], views: [summary],
     tags: [x], notes: n}
priorities:
  - id: P1
    number: "1"
    title: Excellent schools
    outcomes: [enjoy_and_achieve]
    lead: SILS
    tags: [statutory]
    notes: first pillar
    indicators: [NI 73]
    variants: [{text: "Excellent childcare, schools and colleges", where: summary}]
    aims:
      - id: P1.A1
        number: 1.1
        title: Raise attainment
        see_also: [P1.A1.O1]
        objectives:
          - id: P1.A1.O1
            number: 1.10
            title: Target school improvement
            views: [detail, overview]
            indicators:
              - NI 75
              - {id: CSC 001, title: Young carers, targets: [{period: 2011-12, value: 40}]}
            milestones:
              - id: P1.A1.O1.M1
                title: Commission programmes
                lead: [SILS, Head of EYFC]
                due: {from: 2011-04, to: 2011-07}
                timescale: "April – July 11"
                status: on_track
                ignore: [OG401]
              - id: P1.A1.O1.M2
                title: Deliver programmes
                due: 2012
                depends_on: [P1.A1.O1.M1]
objectives:
  - {id: O9, title: Flat objective, parent: P1.A1, number: "1.11"}
milestones:
  - id: M9
    title: Flat milestone
    parents: [O9, P1.A1.O1]
    due: [2011-09-30, {from: 2012-01, to: 2012-02}]
    timescale: "Sept 2011 Jan – Feb 12"
indicators:
  - id: NI 73
    title: KS2 English and maths
    outcomes: [enjoy_and_achieve]
    direction: increase
    unit: percent
    baseline: {period: "2010", value: 71.5, source: DfE}
    targets:
      - {period: 2011-12, value: 75, comparator: at_least}
      - {period: 2012-13, change: "+5"}
    actuals: [{period: 2011-12-Q3, value: 73, text: "73% at Q3"}]
    tags: [LAA]
    notes: key indicator
  - id: NI 75
    title: 5 A*-C GCSEs including English and maths
    target: {period: 2012-07-31, value: 1, comparator: below, text: "Fewer than 1 in 1000"}
"""


def test_every_field_loads():
    plan = og.load(FULL)
    assert plan.id == "full-plan" and plan.views == ("detail", "summary", "overview")
    assert list(plan.nodes)[:4] == ["V", "P1", "P1.A1", "P1.A1.O1"]
    # text-typed fields are read as written, never as YAML numbers or dates
    assert plan.nodes["P1.A1"].number == "1.1"
    assert plan.nodes["P1.A1.O1"].number == "1.10"
    m2 = plan.nodes["P1.A1.O1.M2"]
    assert isinstance(m2, Milestone) and m2.due == "2012"
    assert plan.nodes["M9"].due[0] == "2011-09-30"
    # nesting and flat parents merge
    assert plan.parents["P1.A1.O1.M1"] == ("P1.A1.O1",)
    assert plan.parents["O9"] == ("P1.A1",)
    assert plan.parents["M9"] == ("O9", "P1.A1.O1")
    ind = plan.nodes["NI 73"]
    assert isinstance(ind, Indicator)
    assert ind.targets[1].change == "+5" and ind.baseline.value == 71.5
    assert ind.actuals[0].period == "2011-12-Q3"
    assert plan.nodes["P1.A1.O1.M1"].lead == ["SILS", "Head of EYFC"]
    assert plan.nodes["P1.A1.O1.M1"].ignore[0].rule == "OG401"
    assert plan.meta.ignore[0].scope == "branch"
    assert plan.owners[0].capacity == 12 and plan.groups[0].members == ["P1"]
    # source lines are kept
    lines = FULL.splitlines()
    assert plan.nodes["P1"]._line == lines.index("  - id: P1") + 1
    assert plan.nodes["M9"]._line == lines.index("  - id: M9") + 1
    # Every field read as written: the milestone dated by `due` has no use for its ignore of
    # OG401, `due: 2012` ends after the period, and `number: 1.10` does not extend its aim's 1.1.
    found = {(f.rule, f.node) for f in og.check(plan).findings}
    assert {("OG110", "P1.A1.O1.M1"), ("OG402", "P1.A1.O1.M2"), ("OG108", "P1.A1.O1")} <= found


def test_json_is_the_same_data(tmp_path: Path):
    plan = og.load(FULL)
    data = plan.document.model_dump(mode="json", by_alias=True, exclude_none=True)
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(data, indent=1))
    again = og.load(path)
    assert again.document == plan.document
    assert list(again.nodes) == list(plan.nodes)
    assert again.nodes["P1.A1.O1.M1"]._line is not None and again.nodes["P1.A1.O1.M1"]._line > 1


def test_load_path_and_string_forms(tmp_path: Path):
    path = tmp_path / "p.yaml"
    path.write_text(FULL)
    assert og.load(str(path)).file == str(path)
    assert og.load(path).id == "full-plan"
    assert og.load(FULL).file is None


class _Trickle:
    """A stream handing back at most ``size`` bytes (or characters) a read, as a pipe may."""

    def __init__(self, data: bytes | str, size: int) -> None:
        self.data, self.size = data, size

    def read(self, n: int = -1) -> bytes | str:
        n = self.size if n < 0 else min(n, self.size)
        piece, self.data = self.data[:n], self.data[n:]
        return piece


@pytest.mark.parametrize("size", [1, 7, 4096])
def test_an_open_file_loads_as_its_path_does_whatever_each_read_gives(tmp_path: Path, size: int):
    path = tmp_path / "p.yaml"
    path.write_text(FULL, encoding="utf-8")
    whole = og.load(path)
    for stream in (_Trickle(FULL.encode(), size), _Trickle(FULL, size)):
        plan = og.load(stream, name="p.yaml")
        assert (plan.id, len(plan.nodes), plan.file) == (whole.id, len(whole.nodes), "p.yaml")
    with path.open("rb") as binary, path.open(encoding="utf-8") as text:
        assert len(og.load(binary).nodes) == len(og.load(text).nodes) == len(whole.nodes)
    # (the limit counts the bytes read, however they came)
    with pytest.raises(PlanError, match="over the 100-byte limit"):
        og.load(_Trickle(FULL.encode(), size), name="p.yaml", max_bytes=100)


def test_unknown_indicator_prefix_is_not_created():
    plan = og.load(
        PLAN_HEADER + "objectives: [{id: O1, title: x, indicators: [NI 72, NI 245, XYZ 1]}]\n"
    )
    assert "NI 72" in plan.nodes and "NI 245" in plan.nodes  # NI 245: unknown, reported by OG501
    assert "XYZ 1" not in plan.nodes  # no known prefix: a broken reference (OG104)
    assert plan.indicator("ni72") is plan.nodes["NI 72"]


def _error(text: str, tmp_path: Path, name: str = "plan.yaml") -> PlanError:
    path = tmp_path / name
    path.write_text(text) if isinstance(text, str) else path.write_bytes(text)
    with pytest.raises(PlanError) as info:
        og.load(path)
    err = info.value
    assert err.file == str(path)
    return err


@pytest.mark.parametrize(
    "text, line, needle",
    [
        (
            PLAN_HEADER + "priorities:\n  - id: P1\n    title: x\n    milestons: []\n",
            6,
            "did you mean 'milestones'",
        ),
        (PLAN_HEADER + "pillars: []\n", 3, "did you mean 'priorities'"),
        (
            PLAN_HEADER + "objectives:\n  - id: O1\n    title: x\n    milestones:\n"
            "      - {id: M1, title: y, due: 2011-13-45}\n",
            7,
            "month",
        ),
        (PLAN_HEADER + "objectives:\n  - {id: O1}\n", 4, "missing the required field 'title'"),
        ("format: outcome-graph/v1\nplan: {id: t}\n", 2, "missing the required field 'period'"),
        (
            "format: outcome-graph/v1\n"
            "plan: {id: t, period: {start: 2012-04-01, end: 2011-03-31}}\n",
            2,
            "ends (2011-03-31) before it starts",
        ),
        ("format: outcome-graph/v2\nplan: {id: t}\n", 1, "not supported"),
        ("plan: {id: t}\n", 1, "no 'format' field"),
        ("- a\n- b\n", 1, "is a list"),
        ("just text\n", 1, "a single value"),
        ("", 1, "empty"),
        (
            PLAN_HEADER + "objectives:\n  - {id: O1, title: x}\n  - {id: O1, title: y}\n",
            5,
            "duplicate id 'O1' (first used on line 4)",
        ),
        (PLAN_HEADER + "objectives:\n  - {id: O1, title: 'unclosed}\n", 4, "invalid YAML"),
        (PLAN_HEADER + "objectives:\n\t- {id: O1, title: x}\n", 4, "tab"),
        (
            PLAN_HEADER + "objectives:\n  - {id: O1, title: x, outcomes: [be_heathy]}\n",
            4,
            "did you mean 'be_healthy'",
        ),
        (
            PLAN_HEADER + "objectives:\n  - {id: O1, title: x, number: 1.2.}\n",
            4,
            "the number of objective O1: '1.2.' is not a number as a plan prints one",
        ),
        (
            PLAN_HEADER + "indicators:\n  - {id: NI 1, title: x, target: {period: 2011-12}}\n",
            4,
            "needs the source's words",
        ),
        (
            PLAN_HEADER
            + "indicators:\n  - {id: NI 1, title: x, target: {period: 2008-10, value: 1}}\n",
            4,
            "2008-10",
        ),
        (
            PLAN_HEADER + "milestones:\n  - {id: M1, title: x, status: finished}\n",
            4,
            "must be one of",
        ),
        # (a field of other levels, written exactly, is not
        # taken for a misspelling: `parent` is no `target`)
        (
            PLAN_HEADER + "indicators:\n  - {id: L1, title: x, parent: O1}\n",
            4,
            "unknown field 'parent' in indicator L1: it is a field of priorities, aims, "
            "objectives and milestones",
        ),
        (
            PLAN_HEADER + "milestones:\n  - {id: M1, title: x, lead: {name: y}}\n",
            4,
            "the lead of milestone M1: must be text (an owner's id, name or alias) or a list of "
            "them",
        ),
        (PLAN_HEADER + "x: !!python/object/apply:os.system [echo hi]\n", 3, "not allowed"),
        (PLAN_HEADER + "title: a\ntitle: b\n", 4, "duplicate key 'title'"),
        ('{"format": "outcome-graph/v1",\n "plan": {"id": "t",}\n}\n', 2, "invalid JSON"),
    ],
)
def test_load_errors_name_file_line_and_problem(text, line, needle, tmp_path):
    name = "plan.json" if text.startswith("{") else "plan.yaml"
    err = _error(text, tmp_path, name)
    assert err.line == line, str(err)
    assert needle in str(err), str(err)


def test_all_problems_are_listed_at_once(tmp_path):
    err = _error(
        PLAN_HEADER + "objectives:\n  - {id: O1, titel: x}\n  - {id: O2, title: y, leed: z}\n",
        tmp_path,
    )
    messages = [p.message for p in err.problems]
    assert any("did you mean 'title'" in m for m in messages)
    assert any("did you mean 'lead'" in m for m in messages)
    assert [p.line for p in err.problems if "did you mean" in p.message] == [4, 5]
    # Problems of the plan's build (duplicate ids, unknown outcomes) come with the schema's, in
    # the file's order, instead of after they are fixed.
    err = _error(
        PLAN_HEADER
        + "priorities:\n  - {id: P1, title: a, outcomes: [be_helthy]}\n  - {id: P1, title: b}\n"
        "  - {id: P2, title: c, statuss: x}\n",
        tmp_path,
    )
    assert [(p.line, p.message) for p in err.problems] == [
        (4, "priority P1: unknown outcome 'be_helthy': did you mean 'be_healthy'?"),
        (5, "duplicate id 'P1' (first used on line 4); ids must be unique across the plan"),
        (6, "unknown field 'statuss' in priority P2"),
    ]


@pytest.mark.parametrize("anchor", ["", " &a"])  # (an anchor: the precise parser reads the plan)
def test_nesting_is_read_to_64_levels_of_lists_whichever_parser_reads_the_plan(anchor: str):
    from outcome_graph.loading.tree import MAX_DEPTH, parse_text

    def notes(k: int) -> str:
        return PLAN_HEADER + f"notes:{anchor} " + "[" * k + "]" * k + "\n"

    assert MAX_DEPTH == 64
    assert parse_text(notes(64))["notes"] is not None
    with pytest.raises(PlanError, match=r"^<plan>:3:\d+: nesting is deeper than 64 levels$"):
        parse_text(notes(65))


def test_the_problems_listed_stop_at_fifty_and_say_so(tmp_path):
    body = "objectives:\n" + "".join(
        f"  - {{id: O{i}, title: x, bogus{i}: 1}}\n" for i in range(60)
    )
    err = _error(PLAN_HEADER + body, tmp_path)
    assert len(err.problems) == 51
    assert [p.line for p in err.problems[:50]] == list(range(4, 54))
    assert err.problems[-1].message == "(more problems not shown)"


def test_encoding_binary_and_missing(tmp_path):
    err = _error(PLAN_HEADER.encode() + b"objectives:\n  - {id: O1, title: caf\xe9}\n", tmp_path)
    assert err.line == 4 and "not UTF-8" in str(err)
    err = _error(b"\x89PNG\r\n\x1a\n\x00\x00\x00", tmp_path)
    assert "binary" in str(err)
    with pytest.raises(PlanError, match="no such file"):
        og.load(tmp_path / "nope.yaml")


def test_alias_bomb_and_depth_are_bounded(tmp_path):
    bomb = PLAN_HEADER + "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for i in range(1, 9):
        bomb += f"{chr(97 + i)}: &{chr(97 + i)} [" + ", ".join([f"*{chr(96 + i)}"] * 10) + "]\n"
    err = _error(bomb, tmp_path)
    assert "too many values" in str(err)
    deep = PLAN_HEADER + "notes: " + "[" * 5000 + "]" * 5000 + "\n"
    err = _error(deep, tmp_path)
    assert "nesting" in str(err)


def test_size_limit(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_text(PLAN_HEADER + "notes: " + "x" * 2000 + "\n")
    with pytest.raises(PlanError, match="over the"):
        og.load(path, max_bytes=1000)


def test_problems_a_rule_reports_never_stop_loading():
    plan = og.load(
        PLAN_HEADER
        + "aims:\n  - {id: A1, title: a, parent: A2}\n  - {id: A2, title: b, parent: A1}\n"
        + "objectives:\n  - {id: O1, title: c, parent: NOPE, indicators: [ZZ 1]}\n"
        "  - {id: O2, title: orphan}\n"
    )
    assert set(plan.nodes) == {"A1", "A2", "O1", "O2"}


def test_tutorial_example_loads():
    plan = og.load(EXAMPLES / "tutorial-plan.yaml")
    assert plan.uses_level("milestone")


def test_gc_paused_leaves_the_collector_as_it_found_it():
    import gc

    from outcome_graph.loading.tree import gc_paused

    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
        made = [[i] for i in range(5000)]
    assert gc.isenabled()
    assert gc.get_count()[0] < len(made)  # what was made is not left to the youngest generation
    # A program's own frozen objects stay frozen; a collector it switched off stays off.
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with gc_paused():
            pass
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


@pytest.mark.parametrize(
    ("text", "needle", "where"),
    [
        (
            PLAN_HEADER + "objectives:\n  - id: O1\n    titel: x\n",
            "'titel'",
            (5, 5),
        ),  # the misspelt key
        (PLAN_HEADER + "objectives:\n  - {id: O1, title: x, leed: y}\n", "'leed'", (4, 24)),
        (
            PLAN_HEADER + "milestones:\n  - {id: M1, title: x, due: 2011-13-45}\n",
            "2011-13-45",
            (4, 24),
        ),  # (its key)
    ],
)
def test_problems_name_the_column_too(text: str, needle: str, where: tuple[int, int], tmp_path):
    err = _error(text, tmp_path)
    problem = next(p for p in err.problems if needle in p.message)
    assert (problem.line, problem.column) == where, str(err)


# --------------------------------------------------------------------------------------------
# The format's contract, statement by statement (docs/format.md, "Specification")


@pytest.mark.parametrize(
    ("meta", "needle"),
    [
        (
            "period: {start: 0, end: 2012-03-31}",
            "the start date of the plan's period: '0' is not a date written year-month-day",
        ),
        # (a Unix timestamp of midnight, 1 April 2011, and a date with a time: not ISO dates either)
        (
            "period: {start: 1301616000, end: 2012-03-31}",
            "the start date of the plan's period: '1301616000' is not a date written "
            "year-month-day",
        ),
        (
            "period: {start: 2011-04-01, end: '2012-03-31T00:00:00'}",
            "the end date of the plan's period: '2012-03-31T00:00:00' is not a date written "
            "year-month-day",
        ),
        (
            "period: {start: 2011-04, end: 2012-03-31}",
            "the start date of the plan's period: '2011-04' is not a date written year-month-day",
        ),
        (
            "period: {start: 2011-02-30, end: 2012-03-31}",
            "'2011-02-30' is not a valid date (day 30: February 2011 has 28 days)",
        ),
        (
            "period: {start: 2011-04-01, end: 2012-03-31}, as_of: 1317427200",
            "the plan's as_of date: '1317427200' is not a date written year-month-day",
        ),
    ],
)
def test_plan_dates_are_iso_dates_only(meta: str, needle: str, tmp_path):
    err = _error(f"format: outcome-graph/v1\nplan: {{id: t, {meta}}}\n", tmp_path)
    assert err.line == 2 and needle in str(err), str(err)
    with pytest.raises(PlanError, match="must be an ISO date written as text"):
        og.load(
            {
                "format": "outcome-graph/v1",
                "plan": {"id": "t", "period": {"start": 0, "end": "2012-03-31"}},
            }
        )
    # A date given through the API is a date.
    from datetime import date

    plan = og.load(
        {
            "format": "outcome-graph/v1",
            "plan": {"id": "t", "period": {"start": date(2011, 4, 1), "end": "2012-03-31"}},
        }
    )
    assert plan.period == (date(2011, 4, 1), date(2012, 3, 31))


def test_one_indicator_code_declared_twice_is_a_duplicate_id(tmp_path):
    # Codes compare ignoring case and spacing (NI199 = NI 199): two declarations of one code are
    # one id written twice, not two indicators of which references reach only the first.
    err = _error(
        PLAN_HEADER + "indicators:\n  - {id: NI72, title: a}\n  - {id: ni 72, title: b}\n", tmp_path
    )
    assert err.line == 5, str(err)
    assert "duplicate id 'ni 72': the same indicator code as 'NI72' (line 4)" in str(err), str(err)
    err = _error(
        PLAN_HEADER + "catalogues: [{prefix: CSC}]\nindicators:\n  - {id: CSC 1, title: a}\n"
        "  - {id: CSC 001, title: b}\n",
        tmp_path,
    )
    assert err.line == 6 and "the same indicator code as 'CSC 1'" in str(err), str(err)
    # With the file's other problems, and in a folder of CSV files (sheet and cell).
    err = _error(
        PLAN_HEADER
        + "indicators:\n  - {id: NI72, title: a}\n  - {id: NI 72, title: b, bogus: 1}\n",
        tmp_path,
    )
    assert [p.line for p in err.problems] == [5, 5] and "the same indicator code" in str(err), str(
        err
    )
    folder = tmp_path / "csv"
    folder.mkdir()
    (folder / "plan.csv").write_text(
        "format,id,period.start,period.end\noutcome-graph/v1,t,2011-04-01,2012-03-31\n"
    )
    (folder / "indicators.csv").write_text("id,title\nNI72,a\nNI 72,b\n")
    with pytest.raises(
        PlanError,
        match=r"indicators.csv:3: column A: duplicate id 'NI 72': the same indicator code "
        r"as 'NI72' \(indicators.csv:2 \(column A\)\)",
    ):
        og.load(folder)
    # A node of another kind may not take an indicator's id either, but it is compared as written.
    plan = og.load(
        PLAN_HEADER + "objectives: [{id: ni72, title: a}]\nindicators: [{id: NI 72, title: b}]\n"
    )
    assert set(plan.nodes) == {"ni72", "NI 72"}


def test_an_owner_group_or_catalogue_declared_twice_is_an_error(tmp_path):
    # The second declaration would silently replace the first (an owner's capacity and aliases, a
    # catalogue's entries): an error at the second, naming the first.
    err = _error(
        PLAN_HEADER + "owners:\n  - {id: A, name: Alpha, capacity: 2}\n  - {id: A, name: Beta}\n"
        "groups:\n  - {id: G, title: a}\n  - {id: G, title: b}\n"
        "catalogues:\n  - {prefix: CSC, title: Local}\n  - {prefix: csc, title: Other}\n",
        tmp_path,
    )
    assert [(p.line, p.message) for p in err.problems] == [
        (5, "duplicate owner id 'A' (first declared on line 4); owners' ids must be unique"),
        (8, "duplicate group id 'G' (first declared on line 7); groups' ids must be unique"),
        (
            11,
            "catalogue prefix 'csc' is declared twice (first on line 10); prefixes compare "
            "ignoring case",
        ),
    ]
    # The National Indicator Set is built in: a local catalogue under its prefix would replace it,
    # and every National Indicator the plan lists would be unknown.
    err = _error(
        PLAN_HEADER + "catalogues: [{prefix: ni, title: Ours}]\nobjectives: [{id: O1, title: a, "
        "indicators: [NI 72]}]\n",
        tmp_path,
    )
    assert (
        err.line == 3
        and "catalogue prefix 'ni' is the built-in National Indicator Set's" in str(err)
    ), str(err)
    # In CSV files, at the lines (and columns).
    folder = tmp_path / "csv"
    folder.mkdir()
    (folder / "plan.csv").write_text(
        "format,id,period.start,period.end\noutcome-graph/v1,t,2011-04-01,2012-03-31\n"
    )
    (folder / "priorities.csv").write_text("id,title\nP1,a\n")
    (folder / "owners.csv").write_text("id,name\nA,Alpha\nA,Beta\n")
    with pytest.raises(
        PlanError,
        match=r"owners.csv:3: column A: duplicate owner id 'A' \(first declared at "
        r"owners.csv:2 \(column A\)\)",
    ):
        og.load(folder)
    # One id for a group and an owner, or a group and a node, stays allowed.
    plan = og.load(
        PLAN_HEADER
        + "owners: [{id: G, name: Gee}]\ngroups: [{id: G, title: g}, {id: P1, title: h}]\n"
        "priorities: [{id: P1, title: p}]\ncatalogues: [{prefix: CSC}, {prefix: CSD}]\n"
    )
    assert sorted(plan.catalogues) == ["CSC", "CSD", "NI"]


@pytest.mark.parametrize(
    ("due", "expected"),
    [
        ("{from: 2011-04}", "the due date of milestone M1 is missing the required field 'to'"),
        (
            "{from: 2011-04, to: 2011-07, by: x}",
            "unknown field 'by' in the due date of milestone M1",
        ),
        (
            "[2011-04, {to: 2011-07}]",
            "the second due date of milestone M1 is missing the required field 'from'",
        ),
        (
            "[[2011-04]]",
            "the first due date of milestone M1: must be text or a range {from: ..., to: ...}, "
            "not a list",
        ),
    ],
)
def test_a_bad_due_value_is_one_problem(due: str, expected: str, tmp_path):
    # A due value is a text, a range or a list of these: a bad range is reported as a range, not
    # also as "must be text" and "must be a list".
    err = _error(PLAN_HEADER + f"milestones:\n  - {{id: M1, title: x, due: {due}}}\n", tmp_path)
    assert [p.message for p in err.problems] == [expected]
    assert err.line == 4


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        # A value with no number needs the source's words: blank words are none.
        (
            "indicators:\n  - {id: NI 1, title: x, target: {period: 2011-12, text: ' '}}\n",
            "needs the source's words in 'text'",
        ),
        # target and targets both given: an error on a
        # node's indicator reference as on an indicator.
        (
            "objectives:\n  - {id: O1, title: x, indicators: [{id: NI 1, target: {period: "
            "2011-12, value: 1}, targets: [{period: 2012-13, value: 2}]}]}\n",
            "give either 'target' or 'targets', not both",
        ),
        # A number is dotted integers: digits 0 to 9, not the digits of other scripts.
        (
            "objectives:\n  - {id: O1, title: x, number: '\u0661.\u0662'}\n",
            "is not a number as a plan prints one: whole numbers joined by dots",
        ),
    ],
)
def test_value_and_number_rules(body: str, needle: str, tmp_path):
    err = _error(PLAN_HEADER + body, tmp_path)
    assert err.line == 4 and needle in str(err), str(err)


def test_a_catalogue_entry_names_outcomes_of_the_framework(tmp_path):
    # As a node's outcomes: an outcome that is not one of the framework's is an error with the
    # nearest one, whether the entries are written in the plan or in a CSV file beside it.
    err = _error(
        PLAN_HEADER + "catalogues:\n  - prefix: CSC\n"
        "    entries: [{code: CSC 1, title: x, outcomes: [stay_saf]}]\n",
        tmp_path,
    )
    assert err.line == 5 and "CSC 1: unknown outcome 'stay_saf': did you mean 'stay_safe'?" in str(
        err
    ), str(err)
    (tmp_path / "csc.csv").write_text(
        "code,title,ecm_outcome\nCSC 1,Referrals,stay_safe\nCSC 2,Re-referrals,be_heathy\n"
    )
    err = _error(PLAN_HEADER + "catalogues:\n  - {prefix: CSC, entries: csc.csv}\n", tmp_path)
    assert err.line == 4, str(err)
    assert "line 3: CSC 2: unknown outcome 'be_heathy': did you mean 'be_healthy'?" in str(err), (
        str(err)
    )
    # (a CSV file may write an outcome as a table prints it)
    (tmp_path / "csc.csv").write_text("code,title,ecm_outcome\nCSC 1,Referrals,Stay Safe\n")
    plan = og.load(tmp_path / "plan.yaml")
    assert plan.catalogues["CSC"].lookup("CSC 1").outcomes == ("stay_safe",)


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        (
            "indicators:\n  - {id: NI 1, title: x, target: {period: 2011-12, value: 60%}}\n",
            "the value of the target of indicator NI 1: must be a number, not the text '60%'",
        ),
        (
            "owners:\n  - {id: O1, capacity: 1.5}\n",
            "the capacity of owner O1: must be a whole number, not 1.5",
        ),
        (
            "owners:\n  - {id: O1, capacity: -1}\n",
            "the capacity of owner O1: must be 0 or more, not -1",
        ),
        (
            "catalogues:\n  - {prefix: C1}\n",
            "the prefix of catalogue C1: 'C1' must be one to six letters (e.g. CSC)",
        ),
    ],
)
def test_type_problems_are_told_in_words(body: str, needle: str, tmp_path):
    err = _error(PLAN_HEADER + body, tmp_path)
    assert err.line == 4 and needle in str(err), str(err)


def test_an_unknown_framework_is_told_with_the_file_s_other_problems(tmp_path):
    err = _error(
        "format: outcome-graph/v1\nplan: {id: 't t', period: {start: 2012-04-01, end: "
        "2011-03-31}, framework: ecn}\nobjectives:\n  - {id: O1, title: a, colour: red}\n",
        tmp_path,
    )
    assert [(p.line, p.message.split(":")[0]) for p in err.problems] == [
        (2, "the plan's id"),
        (2, "the plan's period"),
        (2, "unknown framework 'ecn'"),
        (4, "unknown field 'colour' in objective O1"),
    ]
    assert "unknown framework 'ecn': did you mean 'ecm'?" in str(err)


def test_a_plan_id_problem_says_what_an_id_may_hold(tmp_path):
    err = _error(
        "format: outcome-graph/v1\nplan: {id: 'Anytown CYPP', period: {start: 2011-04-01, end: "
        "2012-03-31}}\n",
        tmp_path,
    )
    assert err.line == 2, str(err)
    assert "the plan's id: 'Anytown CYPP' may hold only letters, digits, '.', '_' and '-'" in str(
        err
    ), str(err)


def _specification_blocks() -> list[str]:
    import re

    text = (Path(__file__).resolve().parent.parent / "docs" / "format.md").read_text(
        encoding="utf-8"
    )
    spec = text.split("## Specification", 1)[1].split("\n## ", 1)[0]
    return [m.group(1) for m in re.finditer(r"^```yaml\n(.*?)^```", spec, re.MULTILINE | re.DOTALL)]


def test_every_example_of_the_specification_loads(tmp_path):
    # The whole-plan example, and each part shown alone (owners, catalogues, groups) in a plan.
    blocks = _specification_blocks()
    assert len(blocks) == 4
    (tmp_path / "reference").mkdir()
    (tmp_path / "reference" / "csc.csv").write_text(
        "code,title,ecm_outcome\nCSC 001,Referrals,stay_safe\nCSC 031,Re-referrals,stay_safe\n"
    )
    nodes = (
        "priorities:\n  - {id: P1, title: a, lead: SL SILS, indicators: [NI 72, CSC 031]}\n"
        "  - {id: P2, title: b}\n"
    )
    for block in blocks:
        path = tmp_path / "plan.yaml"
        path.write_text(block if block.startswith("format:") else PLAN_HEADER + block + nodes)
        plan = og.load(path)
        assert plan.nodes
    # The examples of the tables, in one plan.
    plan = og.load(
        PLAN_HEADER
        + """\
owners: [{id: SILS, name: "School Improvement, Learning and Skills", aliases: [SL SILS]}]
priorities:
  - id: P1
    title: Safe
    number: 1
    outcomes: [be_healthy, stay_safe, enjoy_and_achieve, positive_contribution, economic_wellbeing]
    variants: [{text: Keep children safe, where: summary}]
    views: [detail]
    tags: [LAA, school survey, statutory]
    see_also: [2.4.1]
    ignore: [OG101, {rule: OG203, reason: known, scope: branch}]
    notes: free text
    lead: SL SILS
    indicators: [NI 72, {id: NI 199, title: Children's satisfaction with parks,
                         targets: [{period: 2011-12, value: 3}]}]
    aims:
      - id: "2.4.1"
        title: Lean and fit
        number: 3.2
        outcomes: []
        objectives:
          - id: O1
            title: Objective
            number: 2.2.5a
            lead: Head of Care & Targeted Outcomes (HCATO)
            milestones:
              - {id: M1, title: a, timescale: June 11, status: on_track}
              - {id: M2, title: b, timescale: End September 2012, depends_on: [M1],
                 lead: [SILS, SL ASO]}
              - {id: M3, title: c, timescale: "April – July 11", due: {from: 2011-04, to: 2011-07}}
              - {id: M4, title: d, timescale: Autumn 2008, due: [2011-09, 2012-03]}
              - {id: M5, title: e, timescale: TBA, due: 2011-07-31,
                 lead: SL Assets and School Organisation (SL ASO)}
              - {id: M6, title: f, timescale: See 14-19 Plan, due: 2012}
              - {id: M7, title: g, number: 1.1.3, due: 2011-07, status: done}
indicators:
  - id: NI199
    title: Children's satisfaction with parks
    outcomes: [enjoy_and_achieve]
    direction: increase
    unit: percent
    baseline: {period: 2008-09, value: 55, source: TellUs}
    targets:
      - {period: 2011-12, value: 1, comparator: below, text: "Fewer than 1 in 1000"}
      - {period: 2011-12-Q3, change: -11}
      - {period: 2012, change: +5}
      - {period: 2012-Q1, change: "-29.6%"}
      - {period: 2013-03-31, text: "Better than the national average"}
    actuals: [{period: 2009-10, value: 57}]
    tags: [LAA, school survey]
    notes: free text
"""
    )
    assert plan.indicator("NI 199") is plan.nodes["NI199"]
    assert plan.parents["M1"] == ("O1",) and plan.nodes["P1"].number == "1"


def test_a_flat_tables_plan_id_is_its_files_stem_made_an_id(tmp_path):
    # plan.id is the file's stem; the characters an id may not hold become '-'.
    table = tmp_path / "Thurrock CYPP (2011-12).csv"
    table.write_text(
        "Priority,Objective,Key milestones,Lead,Timescale\n"
        "Safe,Fewer accidents,Audit junctions,SILS,June 11\n"
    )
    plan = og.load(table, period="2011-04-01..2012-03-31")
    assert plan.id == "Thurrock-CYPP-2011-12"
    plain = tmp_path / "cypp.csv"
    plain.write_text(table.read_text())
    assert og.load(plain, period="2011-04-01..2012-03-31").id == "cypp"


def test_a_level_sheets_row_without_an_id_gets_one_from_its_position(tmp_path):
    folder = tmp_path / "plan"
    folder.mkdir()
    (folder / "plan.csv").write_text(
        "format,id,period.start,period.end\noutcome-graph/v1,t,2011-04-01,2012-03-31\n"
    )
    (folder / "priorities.csv").write_text("id,title\nP1,Safe\n")
    (folder / "aims.csv").write_text("title,parent\nSafer streets,P1\nSafer parks,P1\n")
    (folder / "objectives.csv").write_text("title\nFewer accidents\n")
    plan = og.load(folder)
    assert [(n.id, n.title) for n in plan.nodes.values()] == [
        ("P1", "Safe"),
        ("P1.A1", "Safer streets"),
        ("P1.A2", "Safer parks"),
        ("O1", "Fewer accidents"),
    ]


@pytest.mark.parametrize("bad", ["P1\nP2", "P1\tP2", "P1\rP2", "P1\x00P2", "P1\x85P2"])
def test_an_id_with_a_line_break_or_control_character_inside_is_refused(bad: str, tmp_path: Path):
    # (from a spreadsheet cell typed on two lines: every output that quotes the id would break)
    meta = PLAN_HEADER + "priorities:\n  - {id: P0, title: First}\n"
    for text, name in (
        (meta + f"  - {{id: {json.dumps(bad)}, title: Safe}}\n", "p.yaml"),
        (meta + f"  - {{id: P3, title: Safe, parent: {json.dumps(bad)}}}\n", "q.yaml"),
    ):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        with pytest.raises(PlanError) as info:
            og.load(path)
        [problem] = info.value.problems
        assert (
            problem.line == 5
            and "must be on one line, with no line break, tab or other control character"
            in problem.message
        )
    # spaces and line breaks around an id are dropped, as ever; one that shows nothing is blank
    assert "P1" in og.load(meta + '  - {id: " P1\\n", title: Safe}\n').nodes
    with pytest.raises(PlanError, match="the id of the second priority: must not be blank"):
        og.load(meta + '  - {id: "\\u200b\\n", title: Safe}\n')


def test_an_id_cell_typed_on_two_lines_is_refused_at_its_cell(tmp_path: Path):
    pytest.importorskip("openpyxl")
    path = tmp_path / "plan.xlsx"
    wb = template_workbook(path)
    wb["priorities"].append(["P1\nP2", None, None, None, "Safe children"])
    wb.save(path)
    with pytest.raises(PlanError) as info:
        og.load(path)
    [problem] = info.value.problems
    assert (problem.sheet, problem.cell) == ("priorities", "A3")
    assert (
        "\n" not in str(problem).replace("'P1\\nP2'", "")
        and "must be on one line" in problem.message
    )


def test_a_priority_belongs_to_the_vision_only_when_it_names_it_for_outcomes_and_branch_ignores():
    # (docs/format.md, "effective values": a parentless priority is no orphan and is drawn under
    # the vision, but inherits from it only when it names it as parent)
    plan = og.load(
        PLAN_HEADER
        + "vision: {id: V, title: v, outcomes: [stay_safe], ignore: [{rule: OG101, scope: "
        "branch}]}\npriorities: [{id: P1, title: a}, {id: P2, title: b, parent: V}, {id: P3, "
        "title: e}]\naims: [{id: A1, title: c, parent: P1, outcomes: [be_healthy]}]\n"
        "milestones: [{id: M1, title: d, parent: A1}]\n"
    )
    facts = og.PlanFacts(plan)
    assert facts.outcomes.get("P1", ()) == () and facts.outcomes["P2"] == ("stay_safe",)
    report = og.check(plan, config={"select": ["OG101", "OG103"]})
    # (P1 has an aim; P2's OG101 is suppressed by V's entry; P3's is not: P3 does not name V)
    assert [(f.rule, f.node) for f in report.findings] == [("OG101", "P3")]
    assert report.counts["suppressed"] == 1


def test_parent_and_parents_together_give_every_parent_and_an_owner_without_a_name_goes_by_its_id():
    # (docs/format.md, "where the specification is silent")
    plan = og.load(
        PLAN_HEADER + "owners: [{id: SILS, capacity: 0}]\n"
        "objectives: [{id: O1, title: a}, {id: O2, title: b}, {id: O3, title: c}]\n"
        "milestones: [{id: M1, title: d, parent: O1, parents: [O2, O3], lead: SILS}]\n"
    )
    assert plan.parents["M1"] == ("O1", "O2", "O3")
    [finding] = og.check(plan, config={"select": ["OG302"]}).findings
    assert (finding.node, finding.title) == ("SILS", "SILS") and finding.message.startswith(
        "SILS leads 1 milestone"
    )


def test_ids_and_references_are_read_as_they_show_with_a_notice_at_each():
    # Codes pasted from a web page hold characters that show nothing: Richmond's plan with a
    # zero-width space in a reference (a YAML escape) and a word joiner typed before another (the
    # character itself, which no reader can see). Read as shown, with the clean plan's findings:
    # 'NI\u200b32' was a broken reference (OG104) to a code that looks right.
    path = MODELS / "richmond-cypp-2009-2013.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count('["NI 32", "CSC 001"') == 1 and text.count('"NI 59", "NI 60"') == 1
    dirty = text.replace('["NI 32", "CSC 001"', '["NI\\u200b32", "\u2060CSC 001"').replace(
        '"NI 59", "NI 60"', '"NI 59", "NI\u00ad 60"'
    )
    plan = og.load(dirty, name="richmond.yaml")
    clean = og.load(path)
    assert [(f.rule, f.node, f.message) for f in og.check(plan)] == [
        (f.rule, f.node, f.message) for f in og.check(clean)
    ]
    lines = dirty.splitlines()
    first = next(i for i, line in enumerate(lines, 1) if "NI\\u200b32" in line)
    second = next(i for i, line in enumerate(lines, 1) if "NI\u00ad 60" in line)
    assert [(n.location.file, n.location.line, n.location.column) for n in plan.notices] == [
        ("richmond.yaml", first, lines[first - 1].index('"NI\\u200b32"') + 1),
        ("richmond.yaml", first, lines[first - 1].index('"\u2060CSC') + 1),
        ("richmond.yaml", second, lines[second - 1].index('"NI\u00ad 60"') + 1),
    ]
    assert [n.message for n in plan.notices] == [
        "'NI\\u200b32' holds an invisible character (U+200B ZERO WIDTH SPACE), left out: read as "
        "'NI32'",
        "'\\u2060CSC 001' holds an invisible character (U+2060 WORD JOINER), left out: read as "
        "'CSC 001'",
        "'NI\\xad 60' holds an invisible character (U+00AD SOFT HYPHEN), left out: read as 'NI 60'",
    ]
    # The same plan as JSON, and as data (no lines to give: the file alone).
    as_json = og.load(json.dumps(_data(dirty), ensure_ascii=False, indent=1), name="richmond.json")
    assert [n.message for n in as_json.notices] == [n.message for n in plan.notices]
    assert all(n.location.line for n in as_json.notices)
    as_data = og.load(_data(dirty), name="richmond.yaml")
    assert [(n.location, n.message) for n in as_data.notices] == [
        (og.Location("richmond.yaml"), n.message) for n in plan.notices
    ]


def test_a_due_date_is_read_as_it_shows_with_a_notice_like_an_id():
    # A date pasted with a zero-width space was refused as "not a valid due value", quoting a
    # '2015-03' that looked right; it is read as the date it shows, as an id would be, and the
    # notice names the character at the date's line. A range's ends already were.
    body = (
        "objectives: [{id: O1, title: Fewer accidents}]\n"
        "milestones:\n  - {id: M1, title: Audit, parent: O1, lead: Head of Safety, due: %s}\n"
    )
    clean = og.load(PLAN_HEADER + body % '"2015-03"', name="p.yaml")
    for written in ('"2015-03\\u200b"', '"\u20602015-03"'):
        plan = og.load(PLAN_HEADER + body % written, name="p.yaml")
        assert plan.nodes["M1"].due == "2015-03"
        assert [(f.rule, f.message) for f in og.check(plan)] == [
            (f.rule, f.message) for f in og.check(clean)
        ]
        [notice] = plan.notices
        assert notice.location.line == (PLAN_HEADER + body).count("\n")
        assert "holds an invisible character" in notice.message and notice.message.endswith(
            "read as '2015-03'"
        )


def _data(text: str) -> dict:
    """A plan's text as plain data (dates as text, as JSON writes them)."""
    import yaml

    return json.loads(json.dumps(yaml.safe_load(text), default=str))


def test_an_id_of_invisible_characters_alone_is_still_blank():
    # Left out, an id that was nothing else is blank, refused as it was, at its line.
    text = PLAN_HEADER + 'objectives:\n  - {id: "\\u200b\\u2060", title: Fewer accidents}\n'
    with pytest.raises(PlanError) as err:
        og.load(text, name="p.yaml")
    assert err.value.line == text.count("\n") and "blank" in str(err.value)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(["\u200b", "\u200c", "\u200d", "\u2060", "\u00ad", "\ufeff"]),
        min_size=1,
        max_size=3,
    ),
    st.integers(0, 5),
    st.booleans(),
)
def test_characters_that_show_nothing_anywhere_in_a_reference_or_id_are_left_out(
    marks, at, escaped
):
    # (written as the character itself or as a YAML escape: either way no reader sees it)
    mark = "".join(f"\\u{ord(c):04x}" if escaped else c for c in marks)
    code = "NI 72"[:at] + mark + "NI 72"[at:]
    text = (
        PLAN_HEADER
        + f'aims:\n  - {{id: "A{mark}1", title: Safer streets, indicators: ["{code}"]}}\n'
    )
    plan = og.load(text, name="p.yaml")
    assert set(plan.nodes) == {"A1", "NI 72"} and not og.check(plan).by_rule("OG104")
    last = text.splitlines()[-1]
    assert [(n.location.line, n.location.column) for n in plan.notices] == [
        (text.count("\n"), last.index("id:") + 1),
        (text.count("\n"), last.index(f'"{code}') + 1),
    ]


def test_a_text_opening_with_a_brace_is_json_or_else_yaml(tmp_path):
    # Given as text (or on standard input), a plan that opens with '{' is read as JSON; a YAML
    # flow mapping, which JSON cannot read, is read as the YAML it is. A JSON file stays JSON.
    flow = (
        "{format: outcome-graph/v1, plan: {id: p, period: {start: 2011-04-01, end: 2012-03-31}},\n"
        " priorities: [{id: P1, title: Safe}]}\n"
    )
    plan = og.load(flow)
    assert list(plan.nodes) == ["P1"] and (
        plan.location("P1").line,
        plan.location("P1").column,
    ) == (2, 15)
    with pytest.raises(
        PlanError,
        match="invalid JSON: a field.s name must be in double quotes here.*Expecting property name",
    ):
        og.load(
            '{"format": "outcome-graph/v1",\n "plan": {"id": "t", , }\n}\n'
        )  # (nor YAML: the JSON error)
    # Neither JSON nor YAML: the error told is that of the reading that went further. A flow
    # mapping's unquoted keys stop JSON at once: YAML's own error is the one that helps.
    with pytest.raises(PlanError, match="duplicate key 'id'") as err:
        og.load(flow.replace("{id: p,", "{id: p, id: q,"))
    assert (err.value.line, err.value.column) == (1, 42)
    with pytest.raises(PlanError, match="invalid YAML") as err:
        og.load(flow.replace("Safe}]}", "Safe}]"))
    assert err.value.line == 3
    (tmp_path / "flow.json").write_text(flow, encoding="utf-8")
    with pytest.raises(PlanError, match="invalid JSON"):
        og.load(tmp_path / "flow.json")
    (tmp_path / "flow.yaml").write_text(flow, encoding="utf-8")
    assert list(og.load(tmp_path / "flow.yaml").nodes) == ["P1"]


def test_a_text_with_old_mac_line_ends_is_a_text_not_a_path():
    # (lines ending in CR alone: no LF in the text, which was then taken for a file name)
    text = PLAN_HEADER.replace("\n", "\r") + "priorities:\r  - {id: P1, title: Safe}\r"
    plan = og.load(text)
    assert list(plan.nodes) == ["P1"] and plan.location("P1").line == 4


@settings(max_examples=300, deadline=None)
@given(value=st.text(st.characters(exclude_categories=("Cs",)), max_size=8))
def test_the_precise_parser_reads_a_json_string_as_json_does(value):
    """A JSON plan the fast path declines is read by the YAML parser, which folds a next-line
    character into a space and refuses U+0080-U+009F; JSON keeps each as written."""
    from outcome_graph.loading.tree import parse_text

    text = json.dumps({"plan": {"title": value}, value: [value]}, ensure_ascii=False)
    assert parse_text(text, json_first=True) == json.loads(text)


@pytest.mark.parametrize("char", ["\x85", "\x80"])
def test_a_json_plan_reads_alike_on_both_paths(char):
    """A control character JSON keeps as written and YAML does not: a title keeps it, an id holding
    it is refused with its line on either path (it read as 'P 1', or as invalid YAML, when an error
    elsewhere sent the plan to the precise parser)."""
    plan = {
        "format": "outcome-graph/v1",
        "plan": {
            "id": "p",
            "title": f"A{char}B",
            "period": {"start": "2011-04-01", "end": "2012-03-31"},
        },
        "priorities": [{"id": "P1", "title": f"One{char}"}],
    }
    loaded = og.load(json.dumps(plan, ensure_ascii=False, indent=1), name="plan.json")
    assert loaded.title == f"A{char}B" and loaded.nodes["P1"].title.startswith("One")
    for broken in (
        {"id": f"P{char}1", "title": "One"},
        {"id": f"P{char}1", "title": "One", "outcomes": ["nope"]},
    ):
        plan["priorities"] = [broken]
        with pytest.raises(PlanError) as caught:
            og.load(json.dumps(plan, ensure_ascii=False, indent=1), name="plan.json")
        message = str(caught.value)
        assert (
            "invalid YAML" not in message and "plan.json:13:" in message and "one line" in message
        ), message


@settings(max_examples=150, deadline=None)
@given(
    st.text(
        st.characters(codec="utf-8", exclude_categories=["Cs"], include_characters="\"\\'"),
        max_size=20,
    ),
    st.booleans(),
)
def test_a_json_plan_declares_its_format_whatever_its_titles_hold(title: str, indent: bool):
    # A folder is checked plan by plan: a JSON plan whose format comes after a title holding
    # quotes and backslashes (escaped in JSON) is still a plan, never skipped as other JSON.
    from outcome_graph.loading.loader import declares_plan_format

    doc = {"plan": {"id": "p", "title": title, "notes": title + '"'}, "format": "outcome-graph/v1"}
    assert declares_plan_format(json.dumps(doc, indent=2 if indent else None))
    # (in YAML's flow style, after comments and a document marker)
    assert declares_plan_format(
        "# a plan\n#\n---\n" + json.dumps(doc, indent=2 if indent else None)
    )
    doc["format"] = "other/v1"
    assert not declares_plan_format(json.dumps(doc, indent=2 if indent else None))
    # (nor is JSON without a format, or with one only inside: settings, a plan's parts)
    del doc["format"]
    assert not declares_plan_format(json.dumps(doc, indent=2 if indent else None))
    doc["plan"]["format"] = "outcome-graph/v1"
    assert not declares_plan_format(json.dumps(doc, indent=2 if indent else None) + "\n")


@pytest.mark.parametrize(
    ("size", "shown"),
    [
        (1, "1 byte"),
        (900, "900 bytes"),
        (9_999, "9,999 bytes"),
        (10_000, "9.77 KB"),
        (1_000_000, "977 KB"),
        # (from a thousand KB, the figures written out: '1e+03 KB' was shown)
        (1_024_000, "1,000 KB"),
        (2**20 - 1, "1 MB"),
        (2**20, "1 MB"),
        (32 * 2**20, "32 MB"),
        (52_400_000, "50 MB"),
        (55_000_000, "52.5 MB"),
        (1_500 * 2**20, "1,500 MB"),
        (1_050_000_000, "1,001 MB"),
    ],
)
def test_sizes_are_shown_as_people_read_them(size: int, shown: str):
    from outcome_graph.loading.loader import human_size, over_limit

    assert human_size(size) == shown
    # (a size and a limit that would read alike are given in bytes)
    assert over_limit(size + 1, size) == f"{size + 1:,} bytes, over the {size:,}-byte limit"


def test_a_limit_of_a_thousand_kb_is_written_out_where_the_plan_is_refused(tmp_path: Path):
    path = tmp_path / "p.yaml"
    path.write_text(PLAN_HEADER + "milestones:\n  - {id: M1, title: Audit}\n# " + "x" * 1_100_000)
    with pytest.raises(PlanError) as info:
        og.load(path, max_bytes=1_024_000)
    assert str(info.value).endswith(
        "the file is 1.05 MB, over the 1,000 KB limit (--max-bytes changes it)"
    ), str(info.value)


def test_a_json_plan_with_true_or_false_in_its_words_takes_the_fast_path():
    # (the JSON fast path declines a true or false where the format reads text, such as a title:
    # the precise parser tells which; the words inside a text are no such value)
    from outcome_graph.loading.tree import fast_parse

    doc = {
        "format": "outcome-graph/v1",
        "plan": {"id": "t", "period": {"start": "2011-04-01", "end": "2012-03-31"}},
        "milestones": [{"id": "M1", "title": "Audit: true costs", "notes": "false"}],
    }
    doc["plan"]["title"] = "A true partnership, false starts avoided"
    fast = fast_parse(json.dumps(doc, indent=2), json_input=True)
    assert fast is not None and fast[0]["plan"]["title"] == doc["plan"]["title"]
    doc["plan"]["title"] = True
    assert fast_parse(json.dumps(doc, indent=2), json_input=True) is None
