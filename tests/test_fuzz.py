"""Fuzzing the loader and the checks: anything in, only typed errors out.

The CI run is short (the ``ci`` hypothesis profile). For a long run:

    HYPOTHESIS_PROFILE=long .venv/bin/python -m pytest tests/test_fuzz.py
"""

from __future__ import annotations

import json

import jsonschema
from hypothesis import given
from hypothesis import strategies as st

import outcome_graph as og
from outcome_graph.errors import PlanError
from outcome_graph.loading.loader import load_bytes, load_text
from outcome_graph.schema import findings_schema

from .strategies import plan_text, plans


@given(st.binary(max_size=2000))
def test_raw_bytes_give_a_plan_or_a_plan_error(data):
    try:
        plan = load_bytes(data, file="fuzz.yaml")
    except PlanError as err:
        assert err.problems and str(err).startswith("fuzz.yaml")
    else:
        og.check(plan)


@st.composite
def broken_plan_texts(draw):
    """A valid generated plan, slightly broken: characters deleted, inserted or swapped, lines moved."""
    text = plan_text(draw(plans(max_priorities=2)))
    for _ in range(draw(st.integers(1, 4))):
        if not text:
            break
        i = draw(st.integers(0, len(text) - 1))
        op = draw(st.sampled_from(["delete", "insert", "dup-line", "drop-line", "swap"]))
        if op == "delete":
            text = text[:i] + text[i + 1 :]
        elif op == "insert":
            text = text[:i] + draw(st.sampled_from(list(":-[]{}'\"\t\n #&*!|>%@`,") + ["\x00", "é", "  "])) + text[i:]
        else:
            lines = text.splitlines(keepends=True)
            j = draw(st.integers(0, len(lines) - 1))
            if op == "dup-line":
                lines.insert(j, lines[j])
            elif op == "drop-line":
                del lines[j]
            else:
                k = draw(st.integers(0, len(lines) - 1))
                lines[j], lines[k] = lines[k], lines[j]
            text = "".join(lines)
    return text


@given(broken_plan_texts())
def test_slightly_broken_plans_load_or_fail_cleanly(text):
    try:
        plan = load_text(text, file="broken.yaml")
    except PlanError as err:
        assert all(p.file == "broken.yaml" for p in err.problems if p.file)
        return
    report = og.check(plan)
    og.build_graph(plan)
    # The findings document is valid, holds the findings and counts them.
    doc = json.loads(report.to_json())
    jsonschema.validate(doc, findings_schema())
    assert doc["plan"]["id"] == plan.id
    assert [(f["rule"], f["node"], f["severity"], f["message"]) for f in doc["findings"]] == [
        (f.rule, f.node, f.severity, f.message) for f in report.findings]
    assert doc["summary"] == {**{s: sum(f["severity"] == s for f in doc["findings"]) for s in ("error", "warning", "info")},
                              "suppressed": len(report.suppressed)}


@given(plans())
def test_json_round_trip_gives_an_equal_plan(doc):
    plan = og.load(plan_text(doc))
    data = plan.document.model_dump(mode="json", by_alias=True, exclude_none=True)
    again = og.load(json.dumps(data))
    assert again.document == plan.document
    # locations differ between the YAML and the JSON text; the findings themselves do not
    strip = lambda r: [(f.rule, f.node, f.message) for f in r.findings]  # noqa: E731
    assert sorted(strip(og.check(again))) == sorted(strip(og.check(plan)))
