"""The JSON Schema of the plan format (``outcome-graph schema``) agrees with the loader.

An editor reads a plan with the schema as YAML 1.2 does (``number: 3.10`` is a number, a date is
text): every plan the loader reads must pass the schema, and a value the schema can tell is wrong
(a pattern, both of two fields, a value without a figure) must fail it as it fails loading.
"""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest
import yaml

import outcome_graph as og
from outcome_graph.errors import PlanError
from outcome_graph.schema import plan_schema

from .conftest import EXAMPLES, MODELS, PLAN_HEADER


class _EditorLoader(yaml.SafeLoader):
    """YAML as an editor's language server reads it: dates are text (YAML 1.2 has no timestamps)."""


_EditorLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = plan_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _schema_errors(validator: jsonschema.Draft202012Validator, text: str) -> list[str]:
    return [e.message for e in validator.iter_errors(yaml.load(text, Loader=_EditorLoader))]


@pytest.mark.parametrize("path", sorted(MODELS.glob("*.yaml")) + [EXAMPLES / "tutorial-plan.yaml"], ids=lambda p: p.name)
def test_every_bundled_plan_passes_the_schema(path: Path, validator):
    og.load(path)
    assert _schema_errors(validator, path.read_text(encoding="utf-8")) == []


VALID = [
    "priorities: [{id: P1, title: x, number: 3.10}, {id: P2, title: y, number: 2.2.5a}, {id: 2012, title: z}]",
    "milestones: [{id: M1, title: x, due: 2012}, {id: M2, title: y, due: 2011-07-31},"
    " {id: M3, title: z, due: [2011-07, {from: 2011-04, to: 2011-07}]}]",
    "indicators: [{id: NI 72, title: x, baseline: {period: 2008-09, value: 3},"
    " targets: [{period: 2011, change: -11}, {period: 2011-Q3, change: '-29.6%'}, {period: 2011-12-Q3, change: +5},"
    " {period: 2011-12-31, value: 1, comparator: below, text: Fewer than 1 in 1000}]}]",
    "objectives: [{id: O1, title: x, indicators: [NI 72, {id: NI 73, targets: [{period: 2011-12, text: improve}]}]}]",
    "catalogues: [{prefix: CSC, entries: [{code: CSC 1, title: x}]}]",
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
    "indicators: [{id: NI 72, title: x, target: {period: 2011-12, value: 1}, targets: [{period: 2012-13, value: 2}]}]",
    "objectives: [{id: O1, title: x, indicators: [{id: NI 72, target: {period: 2011-12, value: 1},"
    " targets: [{period: 2012-13, value: 2}]}]}]",
    "catalogues: [{prefix: ABCDEFG}]",
    "priorities: [{id: ' ', title: x}]",
]


@pytest.mark.parametrize("body", INVALID)
def test_what_the_loader_refuses_the_schema_refuses(body: str, validator):
    with pytest.raises(PlanError):
        og.load(PLAN_HEADER + body + "\n")
    assert _schema_errors(validator, PLAN_HEADER + body + "\n") != []
