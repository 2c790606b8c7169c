"""JSON Schemas: of the plan format (from the pydantic models), of the findings document and of the diff document."""

from __future__ import annotations

from typing import Any

from .findings import FINDINGS_SCHEMA_ID, SEVERITIES

__all__ = ["plan_schema", "findings_schema", "diff_schema"]


def plan_schema() -> dict[str, Any]:
    """The JSON Schema of a v1 plan file, for editors (``yaml-language-server``) and validators.

    >>> plan_schema()["properties"]["format"]["const"]
    'outcome-graph/v1'
    """
    from .model.document import PlanDocument

    schema = PlanDocument.model_json_schema(by_alias=True)
    _accept_numbers_as_text(schema)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://outcome-graph.org/schema/plan-v1.json"
    schema["title"] = "outcome-graph plan (format outcome-graph/v1)"
    return schema


# The loader reads every scalar as the text written, so a field of text accepts what YAML would
# read as a number (`number: 3.10`, `due: 2012`, `change: -11`, `id: 2012`): an editor must not
# flag those. (A pattern that no number's text can match, a catalogue prefix's, stays text only.)
# A number whose text the pattern refuses is refused too, where the schema can tell it by its
# value: `number: -1` (no sign), `due: 2011.5` (no fraction), `due: 20120` (four digits at most),
# `due: 12` (four digits at least, as the loader says of the text '12': "not a valid due value").
# (A later limit of the same keyword is the stricter. An editor reads `due: 0012` as the number 12,
# which the schema refuses; the loader reads the text, the year 12: no plan is due then.)
_NUMBER_LIMITS = [("-1", "minimum", 0), ("999", "minimum", 1000), ("1.5", "multipleOf", 1),
                  ("10000", "maximum", 9999)]


def _accept_numbers_as_text(node: Any) -> None:
    import re

    if isinstance(node, dict):
        pattern = node.get("pattern")
        if node.get("type") == "string" and (pattern is None or re.search(pattern, "2012")):
            node["type"] = ["string", "number"]
            for text, keyword, limit in _NUMBER_LIMITS:
                if pattern is not None and not re.search(pattern, text):
                    node[keyword] = limit
        for value in node.values():
            _accept_numbers_as_text(value)
    elif isinstance(node, list):
        for value in node:
            _accept_numbers_as_text(value)


def findings_schema() -> dict[str, Any]:
    """The JSON Schema of the findings document ``outcome-graph/findings/v1``: ``notices``, what
    loading the plan passed over, is optional (written when there are some, and absent from
    documents of earlier versions), so that every v1 document stays valid."""
    return {
        **_document("findings-v1", f"outcome-graph findings document ({FINDINGS_SCHEMA_ID})"),
        "required": ["schema", "plan", "summary", "findings"],
        "properties": {
            "schema": {"const": FINDINGS_SCHEMA_ID},
            "plan": {
                "type": "object",
                "required": ["id", "title", "file"],
                "properties": {"id": {"type": "string"}, "title": {"type": "string"}, "file": {"type": ["string", "null"]}},
            },
            "summary": {
                "type": "object",
                "required": [*SEVERITIES, "suppressed"],
                "additionalProperties": False,
                "properties": {**dict.fromkeys(SEVERITIES, _COUNT), "suppressed": _COUNT, "baselined": _COUNT},
            },
            "findings": {"type": "array", "items": _finding()},
            "notices": {"type": "array", "items": _notice()},
        },
    }


def diff_schema() -> dict[str, Any]:
    """The JSON Schema of the document ``diff --format json`` writes (``outcome-graph/diff/v1``):
    its findings and notices are those of the findings document. The findings counts of the
    summary are there only where the findings were compared (not with ``--no-findings``)."""
    from .diff import CHANGE_KINDS, DIFF_SCHEMA_ID
    from .model.document import LEVELS

    plan = {"type": "object", "required": ["id", "file"], "additionalProperties": False,
            "properties": {"id": {"type": "string"}, "file": {"type": ["string", "null"]}}}
    # (a value before or after: a text, such as a title or a lead, or a list of ids, such as parents)
    value = {"type": ["string", "array", "null"], "items": {"type": "string"}}
    change = {
        "type": "object",
        "required": ["change", "kind", "old_id", "new_id", "title", "before", "after", "detail", "matched_by",
                     "location"],
        "additionalProperties": False,
        "properties": {
            "change": {"enum": list(CHANGE_KINDS)},
            "kind": {"enum": [*LEVELS, "indicator"]},
            "old_id": {"type": ["string", "null"]},
            "new_id": {"type": ["string", "null"]},
            "title": {"type": "string"},
            "before": value,
            "after": value,
            "detail": {"type": "string"},
            "matched_by": {"enum": ["id", "title", "similar title", "split", "merged", None]},
            "location": {"type": ["string", "null"]},
        },
    }
    findings = {"type": "array", "items": _finding()}
    return {
        **_document("diff-v1", f"outcome-graph diff document ({DIFF_SCHEMA_ID})"),
        "required": ["schema", "old", "new", "summary", "notices", "changes", "findings"],
        "properties": {
            "schema": {"const": DIFF_SCHEMA_ID},
            "old": plan,
            "new": plan,
            "summary": {
                "type": "object",
                "required": list(CHANGE_KINDS),
                "additionalProperties": False,
                "properties": dict.fromkeys([*CHANGE_KINDS, "findings_introduced", "findings_resolved"], _COUNT),
                "dependentRequired": {"findings_introduced": ["findings_resolved"],
                                      "findings_resolved": ["findings_introduced"]},
            },
            "notices": {"type": "array", "items": _notice()},
            "changes": {"type": "array", "items": change},
            "findings": {
                "type": "object",
                "required": ["compared", "introduced", "resolved"],
                "additionalProperties": False,
                "properties": {"compared": {"type": "boolean"}, "introduced": findings, "resolved": findings},
            },
        },
    }


_COUNT = {"type": "integer", "minimum": 0}


def _document(name: str, title: str) -> dict[str, Any]:
    """What every document schema starts with: its draft, address and title; an object of no other fields."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://outcome-graph.org/schema/{name}.json",
        "title": title,
        "type": "object",
        "additionalProperties": False,
    }


def _location() -> dict[str, Any]:
    """Where a finding or a notice is: the fields that apply, ``null`` when unknown."""
    return {
        "type": "object",
        "required": ["file", "line", "column", "sheet", "cell"],
        "additionalProperties": False,
        "properties": {
            "file": {"type": ["string", "null"]},
            "line": {"type": ["integer", "null"], "minimum": 1},
            "column": {"type": ["integer", "null"], "minimum": 1},
            "sheet": {"type": ["string", "null"]},
            "cell": {"type": ["string", "null"]},
        },
    }


def _finding() -> dict[str, Any]:
    """A finding, as the findings document and the diff document write it."""
    return {
        "type": "object",
        "required": ["rule", "name", "severity", "node", "kind", "title", "message", "hint", "location"],
        "additionalProperties": False,
        "properties": {
            "rule": {"type": "string", "pattern": "^[A-Z]{1,6}[0-9]{3}$"},
            "name": {"type": "string", "pattern": "^[a-z][a-z0-9-]*$"},
            "severity": {"enum": list(SEVERITIES)},
            "node": {"type": "string"},
            "kind": {"enum": ["vision", "priority", "aim", "objective", "milestone", "indicator", "plan", "owner", "group"]},
            "title": {"type": "string"},
            "message": {"type": "string"},
            "hint": {"type": "string"},
            "location": _location(),
        },
    }


def _notice() -> dict[str, Any]:
    """What loading a plan passed over: its message and location."""
    return {
        "type": "object",
        "required": ["message", "location"],
        "additionalProperties": False,
        "properties": {"message": {"type": "string"}, "location": _location()},
    }
