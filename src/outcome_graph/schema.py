"""JSON Schemas: of the plan format (from the pydantic models) and of the findings document."""

from __future__ import annotations

from typing import Any

from .findings import FINDINGS_SCHEMA_ID, SEVERITIES

__all__ = ["plan_schema", "findings_schema"]


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
def _accept_numbers_as_text(node: Any) -> None:
    import re

    if isinstance(node, dict):
        if node.get("type") == "string" and "format" not in node and (
                "pattern" not in node or re.search(node["pattern"], "2012")):
            node["type"] = ["string", "number"]
        for value in node.values():
            _accept_numbers_as_text(value)
    elif isinstance(node, list):
        for value in node:
            _accept_numbers_as_text(value)


def findings_schema() -> dict[str, Any]:
    """The JSON Schema of the findings document ``outcome-graph/findings/v1``: ``notices``, what
    loading the plan passed over, is optional (written when there are some, and absent from
    documents of earlier versions), so that every v1 document stays valid."""
    location = {
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
    finding = {
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
            "location": location,
        },
    }
    notice = {
        "type": "object",
        "required": ["message", "location"],
        "additionalProperties": False,
        "properties": {"message": {"type": "string"}, "location": location},
    }
    count = {"type": "integer", "minimum": 0}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://outcome-graph.org/schema/findings-v1.json",
        "title": "outcome-graph findings document (outcome-graph/findings/v1)",
        "type": "object",
        "required": ["schema", "plan", "summary", "findings"],
        "additionalProperties": False,
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
                "properties": {**dict.fromkeys(SEVERITIES, count), "suppressed": count, "baselined": count},
            },
            "findings": {"type": "array", "items": finding},
            "notices": {"type": "array", "items": notice},
        },
    }
