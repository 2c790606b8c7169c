"""The JSON Schema of the plan format (``outcome-graph schema``) agrees with the loader.

An editor reads a plan with the schema as YAML 1.2 does (``number: 3.10`` is a number, a date is
text): every plan the loader reads must pass the schema, and a value the schema can tell is wrong
(a pattern, both of two fields, a value without a figure) must fail it as it fails loading.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import unicodedata
from functools import lru_cache
from pathlib import Path

import jsonschema
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import outcome_graph as og
from outcome_graph.cli import main
from outcome_graph.diff import diff
from outcome_graph.errors import PlanError
from outcome_graph.model.document import SCHEMA_FORMAT_CHARS, SCHEMA_STRIPPED, SCHEMA_WHITESPACE
from outcome_graph.schema import config_schema, diff_schema, findings_schema, plan_schema
from outcome_graph.synth import MIN_NODES, dump_json, dump_yaml, generate

from .conftest import EXAMPLES, MODELS, PLAN_HEADER, cli_runner
from .test_diff import refreshed


class _EditorLoader(yaml.SafeLoader):
    """YAML as an editor's language server reads it: dates are text (YAML 1.2 has no timestamps)."""


_EditorLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class _TimestampAsTextLoader(yaml.SafeLoader):
    """YAML 1.1 with a timestamp read as the text written, as ``check-jsonschema`` reads a plan (a
    date object is no JSON value)."""


_TimestampAsTextLoader.add_constructor(
    "tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_yaml_str
)


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = plan_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _schema_errors(validator: jsonschema.Draft202012Validator, text: str) -> list[str]:
    return [e.message for e in validator.iter_errors(yaml.load(text, Loader=_EditorLoader))]


@pytest.mark.parametrize(
    "path", sorted(MODELS.glob("*.yaml")) + [EXAMPLES / "tutorial-plan.yaml"], ids=lambda p: p.name
)
def test_every_bundled_plan_passes_the_schema(path: Path, validator):
    og.load(path)
    assert _schema_errors(validator, path.read_text(encoding="utf-8")) == []


VALID = [
    'milestones: [{id: M1, title: x, due: "2011\\u200b-07"}]',  # (read as shown, with a notice)
    "priorities: [{id: P1, title: x, number: 3.10}, {id: P2, title: y, number: 2.2.5a}, {id: "
    "2012, title: z}]",
    "milestones: [{id: M1, title: x, due: 2012}, {id: M2, title: y, due: 2011-07-31},"
    " {id: M3, title: z, due: [2011-07, {from: 2011-04, to: 2011-07}]}]",
    "indicators: [{id: NI 72, title: x, baseline: {period: 2008-09, value: 3}, targets: "
    "[{period: 2011, change: -11}, {period: 2011-Q3, change: '-29.6%'}, {period: 2011-12-Q3, "
    "change: +5}, {period: 2011-12-31, value: 1, comparator: below, text: Fewer than 1 in "
    "1000}]}]",
    "objectives: [{id: O1, title: x, indicators: [NI 72, {id: NI 73, targets: [{period: 2011-12, "
    "text: improve}]}]}]",
    "catalogues: [{prefix: CSC, entries: [{code: CSC 1, title: x}]}]",
    # (format characters pasted into ids and codes are left out, with a notice)
    'priorities: [{id: "P\\u200b1", title: x, see_also: ["\\ufeffP2"]},'
    ' {id: "\\u2060P2\\u00ad ", title: y, parent: "P1\\u200c"}]',
    'catalogues: [{prefix: "C\\u200bSC ", entries: [{code: "CSC\\u200b 1", title: x}]}]',
    'indicators: [{id: "NI\\u200b72", title: x, target: {period: "2011\\u200b-12\\ufeff", value: '
    "3}}]",
    'milestones: [{id: M1, title: x, due: {from: "2011\\u200b-04", to: "\\ufeff2011-07-31"},'
    ' ignore: ["OG\\u200b401"], variants: [{text: y, where: "de\\u00adtail"}]}]',
    'priorities: [{id: P1, title: "x\\u200b"}]',
    # (and beyond the Basic Multilingual Plane: a tag character, a musical format control)
    'priorities: [{id: "P1\\U000e0001", title: "x\\U000e0020"}, {id: "\\U0001d173P2", title: y}]',
    'milestones: [{id: M1, title: x, due: "2011-07\\U000e0001"}]',
    # (February's 29th in a leap year, a century's only when it divides by 400)
    "milestones: [{id: M1, title: x, due: 2012-02-29}, {id: M2, title: y, due: [2000-02-29, "
    "2011-04-30]}]",
    "indicators: [{id: NI 72, title: x, target: {period: 2016-02-29, value: 3}}]",
]


@pytest.mark.parametrize("body", VALID)
def test_what_the_loader_reads_passes_the_schema(body: str, validator):
    og.load(PLAN_HEADER + body + "\n")
    assert _schema_errors(validator, PLAN_HEADER + body + "\n") == []


INVALID = [
    "priorities: [{id: P1, title: x, number: PRIORITY ONE}]",
    "milestones: [{id: M1, title: x, due: Sept 2011}]",
    "milestones: [{id: M1, title: x, due: {from: April 2011, to: 2011-07}}]",
    "milestones: [{id: M1, title: x, due: [2011-07, 31/07/2011]}]",
    "indicators: [{id: NI 72, title: x, target: {period: 08/09, value: 3}}]",
    "indicators: [{id: NI 72, title: x, target: {period: 2011-Q5, value: 3}}]",
    "indicators: [{id: NI 72, title: x, target: {period: 2011-12, change: lots}}]",
    "indicators: [{id: NI 72, title: x, target: {period: 2011-12}}]",
    "indicators: [{id: NI 72, title: x, target: {period: 2011-12, value: 1}, targets: [{period: "
    "2012-13, value: 2}]}]",
    "objectives: [{id: O1, title: x, indicators: [{id: NI 72, target: {period: 2011-12, value: 1},"
    " targets: [{period: 2012-13, value: 2}]}]}]",
    "catalogues: [{prefix: ABCDEFG}]",
    "priorities: [{id: ' ', title: x}]",
    # (an id or a title of invisible characters alone shows nothing)
    'priorities: [{id: "\\u200b\\ufeff", title: x}]',
    'priorities: [{id: " \\u2060\\t", title: x}]',
    'priorities: [{id: P1, title: "\\u200b \\u00ad"}]',
    'priorities: [{id: "P\\u200b\\n1", title: x}]',
    'catalogues: [{prefix: "C\\u200bS C"}]',
    # (a due text is read as written: a format character in it is refused)
    # (a month or a day no calendar has)
    "milestones: [{id: M1, title: x, due: 2011-13}]",
    "milestones: [{id: M1, title: x, due: {from: 2011-04-32, to: 2011-07}}]",
    "indicators: [{id: NI 72, title: x, target: {period: 2011-13-01, value: 3}}]",
    "indicators: [{id: NI 72, title: x, target: {period: 2011-13, value: 3}}]",
    "indicators: [{id: NI 72, title: x, actuals: [{period: 2019-21-Q3, value: 3}]}]",
    # (a day its month has not, February's 29th outside a leap year, the year 0)
    "milestones: [{id: M1, title: x, due: 2012-02-30}]",
    "milestones: [{id: M1, title: x, due: 2011-04-31}]",
    "milestones: [{id: M1, title: x, due: [2011-02-29]}]",
    "milestones: [{id: M1, title: x, due: {from: 1900-02-29, to: 2011-07}}]",
    'milestones: [{id: M1, title: x, due: "2011-06\\u200b-31"}]',
    "milestones: [{id: M1, title: x, due: 0000-01}]",
    "indicators: [{id: NI 72, title: x, target: {period: 2011-09-31, value: 3}}]",
    "indicators: [{id: NI 72, title: x, target: {period: 0000, value: 3}}]",
    # (an id or a title of invisible characters beyond the Basic Multilingual Plane alone)
    'priorities: [{id: "\\U000e0001\\u200b", title: x}]',
    'priorities: [{id: P1, title: "\\U000e0020 \\U0001d173"}]',
    # (a number whose text is no year, nor a display number: told by its value)
    "milestones: [{id: M1, title: x, due: 20120}]",
    "milestones: [{id: M1, title: x, due: [2011.5]}]",
    "indicators: [{id: NI 72, title: x, target: {period: -2011, value: 3}}]",
    "priorities: [{id: P1, title: x, number: -1}]",
    # (a number of fewer than four digits is no year: 'not a valid due value')
    "milestones: [{id: M1, title: x, due: 12}]",
    "milestones: [{id: M1, title: x, due: [2012, 999]}]",
    "milestones: [{id: M1, title: x, due: {from: 2011, to: 12}}]",
    "indicators: [{id: NI 72, title: x, target: {period: 12, value: 3}}]",
]


@pytest.mark.parametrize("body", INVALID)
def test_what_the_loader_refuses_the_schema_refuses(body: str, validator):
    with pytest.raises(PlanError):
        og.load(PLAN_HEADER + body + "\n")
    assert _schema_errors(validator, PLAN_HEADER + body + "\n") != []


def test_the_schemas_characters_are_the_loaders():
    """The classes the schema spells out are the sets the loader tests by, in every plane. (The
    format characters a later Unicode than this Python's added, unassigned to it, are left out of
    ids as the loader's validator, whose Unicode is its own, leaves them out of titles.)"""

    def chars(spelt: str) -> set[str]:
        pattern = re.compile(f"[{spelt}]")
        return {c for c in every if pattern.fullmatch(c)}

    every = [chr(c) for c in range(0x110000)]
    format_chars = {c for c in every if unicodedata.category(c) == "Cf"}
    assert format_chars <= chars(SCHEMA_FORMAT_CHARS)
    assert {unicodedata.category(c) for c in chars(SCHEMA_FORMAT_CHARS) - format_chars} <= {"Cn"}
    assert any(ord(c) > 0xFFFF for c in format_chars)
    assert chars(SCHEMA_STRIPPED) == {c for c in every if c.isspace()}
    assert chars(SCHEMA_WHITESPACE) == {c for c in every if re.fullmatch(r"\s", c)} - {
        chr(c) for c in range(0x1C, 0x20)
    }


_PLAN_DATES = {"start": "2011-04-01", "end": "2012-03-31", "as_of": "2011-10-01"}


def _dated(start: str, end: str, as_of: str, due: object, period: str) -> dict[str, object]:
    """A plan with each dated field of the format: the period, ``as_of``, ``due`` and a value's
    period."""
    return {
        "format": "outcome-graph/v1",
        "plan": {"id": "t", "period": {"start": start, "end": end}, "as_of": as_of},
        "milestones": [{"id": "M1", "title": "x", "due": due}],
        "indicators": [{"id": "NI 72", "title": "x", "target": {"period": period, "value": 1}}],
    }


def _yaml(value: object, quote: bool) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_yaml(v, quote)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_yaml(v, quote) for v in value) + "]"
    return json.dumps(value) if quote and "/" not in str(value) else str(value)


DATED = [  # (the field's value, what the loader says of it)
    ({}, True),
    ({"due": "2012-03-31"}, True),
    ({"due": "2012-03"}, True),
    ({"due": "2012"}, True),
    ({"due": {"from": "2011-04-01", "to": "2011-07"}}, True),
    ({"due": ["2011-07-31", {"from": "2011-09", "to": "2012"}]}, True),
    ({"period": "2011-12-31"}, True),
    ({"period": "2011-12"}, True),
    ({"period": "2011-Q3"}, True),
    ({"period": "2011"}, True),
    ({"start": "2011-4-1"}, False),
    ({"end": "2012-03-31T00:00:00"}, False),
    ({"as_of": "2011-10-01 10:00"}, False),
    ({"as_of": "2011-10"}, False),
    ({"due": "2012-3-31"}, False),
    ({"due": "2012-03-31T10:00:00Z"}, False),
    ({"due": {"from": "2011-04-01 10:00", "to": "2011-07"}}, False),
    ({"period": "2011-13-31"}, False),
    ({"period": "2011-12-31 10:00"}, False),
]


@pytest.mark.parametrize(
    "form", ["json", "quoted", "unquoted, YAML 1.2", "unquoted, timestamps as text"]
)
@pytest.mark.parametrize(
    ("fields", "loads"), DATED, ids=lambda v: json.dumps(v) if isinstance(v, dict) else str(v)
)
def test_every_dated_field_passes_the_schema_as_it_loads(fields, loads, form, validator):
    """A date quoted, unquoted or in JSON passes the schema exactly when the plan loads: an unquoted
    ``2012-03-31`` is the text written to the loader, to an editor (YAML 1.2) and to a validator
    that reads a YAML 1.1 timestamp as its text."""
    document = _dated(**{**_PLAN_DATES, "due": "2012", "period": "2011-12", **fields})
    text = (
        json.dumps(document)
        if form == "json"
        else "".join(
            f"{key}: {_yaml(value, form == 'quoted')}\n" for key, value in document.items()
        )
    )
    loader = _TimestampAsTextLoader if "timestamps" in form else _EditorLoader
    data = yaml.load(text, Loader=loader)
    assert json.loads(json.dumps(data)) == data  # (JSON data: no date object)
    try:
        og.load(text, name="plan.json" if form == "json" else "plan.yaml")
    except PlanError:
        loaded = False
    else:
        loaded = True
    assert loaded is loads
    assert (list(validator.iter_errors(data)) == []) is loads


# Plans made by ``synth``, with one field given a variant: the schema passes the plan exactly when
# the loader reads it. (Not varied here, as the schema does not tell them:
# the second year of a financial year written with a format character, two ids read alike, a
# range that ends before it starts; nor the separators U+001C-U+001F, which the loader drops
# around an id only if the id has other non-ASCII characters.)
_FORMAT_CHARS = [
    "\u200b",
    "\ufeff",
    "\u00ad",
    "\u2060",
    "\u200d",
    "\u202e",
    "\U000e0001",
    "\U0001d173",
]
_SPACES = [" ", "\t", "\n", "\u00a0", "\u3000", "\u0085"]
_CONTROLS = ["\x00", "\x07", "\x7f", "\x9f"]
_LETTERS = ["x", "é", "ж", "-", "😀"]


@lru_cache(maxsize=None)
def _synthetic(seed: int) -> str:
    return dump_json(generate(MIN_NODES, seed=seed))


def _decorated(core: str, chars: list[str]) -> st.SearchStrategy[str]:
    """``core`` with a few of ``chars`` put in at any place, or (rarely) ``chars`` alone."""
    inserts = st.lists(st.tuples(st.integers(0, len(core)), st.sampled_from(chars)), max_size=3)

    def put(places: list[tuple[int, str]]) -> str:
        text = core
        for at, char in sorted(places, reverse=True):
            text = text[:at] + char + text[at:]
        return text

    return st.one_of(
        inserts.map(put), st.lists(st.sampled_from(chars), min_size=1, max_size=3).map("".join)
    )


_ALL = _FORMAT_CHARS + _SPACES + _CONTROLS + _LETTERS
_DATE_PARTS = st.tuples(
    st.sampled_from(["01", "02", "04", "12", "4", "00", "13"]),
    st.sampled_from(["01", "28", "29", "30", "31", "1", "00", "32"]),
)
#: Years to date a field in: leap or not, a century leap or not, the year 0.
_YEARS = {
    "2011": ["2011", "2012", "1900", "2000", "0000"],
    "2012": ["2012", "2013", "2100", "2400"],
    # (a range's start is before its end's years: one ending before it starts, February to
    # January 2012, is refused by the loader, and no JSON Schema can compare two dates)
    "from": ["2011", "1900", "2000", "0000"],
}
_DUE_SUFFIXES = ["", " 10:00", "T10:00:00Z"]
_NUMBERS = [
    2012,
    1999,
    20120,
    2011.5,
    -2012,
    12,
    999,
    0,
]  # (in JSON: the text written, a year or not)


@st.composite
def _dated_text(draw: st.DrawFn, year: str, *, day: bool, month: bool = True) -> str:
    year = draw(st.sampled_from(_YEARS[year]))
    month_text, day_text = draw(_DATE_PARTS)
    text = year + (f"-{month_text}" if month else "") + (f"-{day_text}" if day and month else "")
    return draw(_decorated(text + draw(st.sampled_from(_DUE_SUFFIXES)), _FORMAT_CHARS + _SPACES))


def _nodes(document: dict) -> list[dict]:
    found = []
    stack = [
        n
        for key in ("priorities", "aims", "objectives", "milestones")
        for n in document.get(key, [])
    ]
    while stack:
        node = stack.pop()
        found.append(node)
        stack.extend(n for key in ("aims", "objectives", "milestones") for n in node.get(key, []))
    return found


@st.composite
def _varied_plans(draw: st.DrawFn) -> dict:
    """A synthetic plan with one id, title, plan id or dated field given a variant."""
    document = json.loads(_synthetic(draw(st.integers(0, 3))))
    nodes = _nodes(document)
    node = draw(st.sampled_from(nodes))
    milestone = draw(st.sampled_from([n for n in nodes if n["id"].count(".") == 3] or nodes))
    indicator = draw(st.sampled_from([i for i in document["indicators"] if "target" in i]))
    field = draw(
        st.sampled_from(
            ["id", "title", "plan id", "start", "end", "as_of", "due", "due range", "period"]
        )
    )
    if field == "id":
        node["id"] = draw(_decorated(node["id"], _ALL))
    elif field == "title":
        node["title"] = draw(_decorated(node["title"], _ALL))
    elif field == "plan id":
        document["plan"]["id"] = draw(_decorated(document["plan"]["id"], _ALL))
    elif field in ("start", "end"):
        period = document["plan"]["period"]
        period[field] = draw(_decorated(period[field], _FORMAT_CHARS + _SPACES + ["T10:00"]))
    elif field == "as_of":
        document["plan"]["as_of"] = draw(_dated_text("2011", day=True))
    elif field == "due":
        milestone["due"] = draw(
            st.one_of(
                _dated_text("2011", day=draw(st.booleans()), month=draw(st.booleans())),
                st.sampled_from(_NUMBERS),
            )
        )
    elif field == "due range":
        milestone["due"] = {
            "from": draw(_dated_text("from", day=draw(st.booleans()))),
            "to": draw(_dated_text("2012", day=draw(st.booleans()))),
        }
    else:
        indicator["target"]["period"] = draw(
            st.one_of(
                _dated_text("2011", day=True),
                st.sampled_from(_NUMBERS),
                st.sampled_from(
                    ["2011", "2011-12", "2011-Q3", "2011-Q5", "2011-12-Q3", "2011-12-Q0", "1999-00"]
                ).flatmap(lambda period: _decorated(period, _FORMAT_CHARS + _SPACES)),
                st.sampled_from(["2011-13", "2019-20", "2019-30", "2011-11-Q2"]).flatmap(
                    lambda period: _decorated(period, _SPACES)
                ),
            )
        )
    return document


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document=_varied_plans())
def test_a_varied_plan_passes_the_schema_exactly_when_it_loads(document, validator):
    text = dump_json(document)
    try:
        og.load(text, name="plan.json")
    except PlanError as exc:
        problem: str | None = str(exc)
    else:
        problem = None
    errors = [
        f"{'/'.join(map(str, e.path))}: {e.message[:200]}" for e in validator.iter_errors(document)
    ]
    assert (errors == []) == (problem is None), (problem, errors)


@settings(max_examples=10, deadline=None)
@given(seed=st.integers(0, 2**16), n_nodes=st.integers(MIN_NODES, 400))
def test_every_synthetic_plan_passes_the_schema_as_yaml_and_json(seed, n_nodes, validator):
    document = generate(n_nodes, seed=seed)
    for text in (dump_yaml(document), dump_json(document)):
        og.load(text)
        assert _schema_errors(validator, text) == []


def _run(*args: str) -> tuple[int, str, str]:
    result = cli_runner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_the_schema_command_prints_each_schema():
    assert json.loads(_run("schema")[1]) == plan_schema()
    assert json.loads(_run("schema", "--findings")[1]) == findings_schema()
    assert json.loads(_run("schema", "--diff")[1]) == diff_schema()
    code, out, err = _run("schema", "--findings", "--diff")
    assert code == 2 and out == "" and "give --findings or --diff, not both" in err
    for schema in (findings_schema(), diff_schema()):
        jsonschema.Draft202012Validator.check_schema(schema)


PLANS = {
    path.stem: path for path in [*sorted(MODELS.glob("*.yaml")), EXAMPLES / "tutorial-plan.yaml"]
}


@pytest.mark.parametrize(
    ("old", "new", "options"),
    [
        ("thurrock-cypp-2011-12", "thurrock-cypp-2011-12", []),
        ("southend-cypp-2008-09", "richmond-cypp-2009-2013", []),
        (
            "thurrock-cypp-2011-12",
            "tutorial-plan",
            ["--no-findings"],
        ),  # (with a notice: hardly versions of one plan)
    ],
)
def test_the_diff_documents_of_real_plans_pass_the_diff_schema(old, new, options):
    code, out, _ = _run("diff", str(PLANS[old]), str(PLANS[new]), "--format", "json", *options)
    document = json.loads(out)
    assert code in (0, 1) and bool(document["changes"]) is (old != new)
    if options:
        assert document["notices"] and "findings_introduced" not in document["summary"]
    jsonschema.validate(document, diff_schema())
    for plan in (PLANS[old], PLANS[new]):
        code, out, _ = _run("check", str(plan), "--format", "json")
        jsonschema.validate(json.loads(out), findings_schema())


def test_the_diff_document_of_a_refresh_passes_the_diff_schema_and_a_wrong_one_fails():
    old = og.load(PLANS["thurrock-cypp-2011-12"])
    document = diff(old, refreshed(old)).to_dict()
    assert {c["change"] for c in document["changes"]} >= {
        "added",
        "removed",
        "reworded",
        "moved",
        "re-led",
        "re-timed",
        "id-changed",
        "indicator-added",
        "indicator-dropped",
    }
    assert document["findings"]["introduced"] and document["findings"]["resolved"]
    jsonschema.validate(document, diff_schema())
    validator = jsonschema.Draft202012Validator(diff_schema())
    wrong = [
        {
            **document,
            "summary": {k: v for k, v in document["summary"].items() if k != "findings_resolved"},
        },
        {**document, "changes": [{**document["changes"][0], "change": "renamed"}]},
        {**document, "findings": {**document["findings"], "introduced": [{"rule": "OG402"}]}},
        {**document, "schema": "outcome-graph/findings/v1"},
    ]
    assert all(not validator.is_valid(w) for w in wrong)


def _patterns(node: object) -> set[str]:
    """Every ``pattern`` of a schema."""
    found = set()
    if isinstance(node, dict):
        if isinstance(node.get("pattern"), str):
            found.add(node["pattern"])
        node = list(node.values())
    if isinstance(node, list):
        for value in node:
            found |= _patterns(value)
    return found


_SAMPLES = [
    "NI 72",
    "\ufeff",
    "\x1cP1",
    "NI\u200b72",
    " \ufeffP1\u00ad ",
    "\u200b",
    "\u200b \u2060",
    "P\n1",
    "\tP1\n",
    "P\x001",
    "\u0085P1",
    "\u00a0P1\u3000",
    "é",
    "😀",
    "x😀\u200b",
    "2012",
    "2011-12",
    "2011\u200b-12\ufeff",
    "2011-12-31",
    " 2011-12-31 ",
    "2011-13",
    "1999-00",
    "2019-20",
    " 2019-20-Q1",
    "2011-13-01",
    "2011-02-32",
    "2012-02-29",
    "2011-02-29",
    "1900-02-29",
    "2000-02-29",
    "2011-04-31",
    "2011-04-30",
    "0000",
    "0000-01",
    "\U000e0001",
    "P\U000e00201",
    "\U0001d173\u200b",
    "2011-07\U000e0001",
    "2011-7",
    "2011-Q3",
    "2011-12-q3",
    "2011-Q5",
    "thurrock-cypp-2011-12",
    "thurrock cypp",
    "C\u200bSC",
    "CSCDEFG",
    "1.2.3",
    "2.2.5a",
    "-29.6%",
    "+ 5",
    "lots",
    "OG302",
    "og3",
    " ALL ",
    "OG9",
    "OGX",
    "ACME001",
    "O12",
    "og1, OG302 og4",
    "Warning ",
    "fatal",
]


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is not installed")
def test_an_editor_reads_every_pattern_of_the_schema_as_python_does():
    """The patterns (of the plan schema and of the configuration's) are ECMA-262 regular expressions
    for an editor (the YAML language server and VS Code compile them with the ``u`` flag) and Python
    ones for ``jsonschema``: both read each alike."""
    patterns = sorted(_patterns(plan_schema()) | _patterns(config_schema()))
    script = (
        "const [patterns, samples] = JSON.parse(require('fs').readFileSync(0, "
        "'utf8'));console.log(JSON.stringify(patterns.map(p => samples.map(s => new RegExp(p, "
        "'u').test(s)))));"
    )
    node = subprocess.run(
        ["node", "-e", script],
        input=json.dumps([patterns, _SAMPLES]),
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
        timeout=60,
    )
    editor = json.loads(node.stdout)
    python = [[re.search(p, s) is not None for s in _SAMPLES] for p in patterns]
    assert editor == python
