"""JSON Schemas: of the plan format (from the pydantic models), of the findings document, of the
diff document and of the configuration file."""

from __future__ import annotations

import re
import sys
from typing import TYPE_CHECKING, Any

from .findings import FINDINGS_SCHEMA_ID, SEVERITIES
from .model.document import SCHEMA_STRIPPED

if TYPE_CHECKING:
    from .rules.registry import Rule

__all__ = [
    "plan_schema",
    "findings_schema",
    "diff_schema",
    "config_schema",
    "pyproject_tool_schema",
]


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
_NUMBER_LIMITS = [
    ("-1", "minimum", 0),
    ("999", "minimum", 1000),
    ("1.5", "multipleOf", 1),
    ("10000", "maximum", 9999),
]


def _accept_numbers_as_text(node: Any) -> None:
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
    documents of earlier versions), so that every v1 document stays valid; so is ``problems``,
    why a plan could not be read (its document then has no id, title or findings)."""
    return {
        **_document("findings-v1", f"outcome-graph findings document ({FINDINGS_SCHEMA_ID})"),
        "required": ["schema", "plan", "summary", "findings"],
        "properties": {
            "schema": {"const": FINDINGS_SCHEMA_ID},
            "plan": {
                "type": "object",
                "required": ["id", "title", "file"],
                # (a plan that could not be read: no id or title, and its problems)
                "properties": {
                    "id": {"type": ["string", "null"]},
                    "title": {"type": ["string", "null"]},
                    "file": {"type": ["string", "null"]},
                },
            },
            "summary": {
                "type": "object",
                "required": [*SEVERITIES, "suppressed"],
                "additionalProperties": False,
                "properties": {
                    **dict.fromkeys(SEVERITIES, _COUNT),
                    "suppressed": _COUNT,
                    "baselined": _COUNT,
                },
            },
            "findings": {"type": "array", "items": _finding()},
            "notices": {"type": "array", "items": _notice()},
            "problems": {"type": "array", "items": _problem()},
        },
    }


def diff_schema() -> dict[str, Any]:
    """The JSON Schema of the document ``diff --format json`` writes (``outcome-graph/diff/v2``):
    its findings and notices are those of the findings document, and so is a change's location. The
    findings counts of the summary are there only where the
    findings were compared (not with ``--no-findings``)."""
    from .diff import CHANGE_KINDS, DIFF_SCHEMA_ID
    from .model.document import LEVELS

    plan = {
        "type": "object",
        "required": ["id", "file"],
        "additionalProperties": False,
        "properties": {"id": {"type": "string"}, "file": {"type": ["string", "null"]}},
    }
    # (a value before or after: a text, such as a title
    # or a lead, or a list of ids, such as parents)
    value = {"type": ["string", "array", "null"], "items": {"type": "string"}}
    change = {
        "type": "object",
        "required": [
            "change",
            "kind",
            "old_id",
            "new_id",
            "title",
            "before",
            "after",
            "detail",
            "matched_by",
            "location",
        ],
        "additionalProperties": False,
        "properties": {
            "change": {"enum": list(CHANGE_KINDS)},
            "kind": {"enum": [*LEVELS, "indicator", "plan"]},
            "old_id": {"type": ["string", "null"]},
            "new_id": {"type": ["string", "null"]},
            "title": {"type": "string"},
            "before": value,
            "after": value,
            "detail": {"type": "string"},
            "matched_by": {"enum": ["id", "title", "similar title", "split", "merged", None]},
            "location": {"oneOf": [_location(), {"type": "null"}]},
        },
    }
    findings = {"type": "array", "items": _finding()}
    return {
        **_document("diff-v2", f"outcome-graph diff document ({DIFF_SCHEMA_ID})"),
        "required": ["schema", "old", "new", "summary", "notices", "changes", "findings"],
        "properties": {
            "schema": {"const": DIFF_SCHEMA_ID},
            "old": plan,
            "new": plan,
            "summary": {
                "type": "object",
                "required": list(CHANGE_KINDS),
                "additionalProperties": False,
                "properties": dict.fromkeys(
                    [*CHANGE_KINDS, "findings_introduced", "findings_resolved"], _COUNT
                ),
                "dependentRequired": {
                    "findings_introduced": ["findings_resolved"],
                    "findings_resolved": ["findings_introduced"],
                },
            },
            "notices": {"type": "array", "items": _notice()},
            "changes": {"type": "array", "items": change},
            "findings": {
                "type": "object",
                "required": ["compared", "introduced", "resolved"],
                "additionalProperties": False,
                "properties": {
                    "compared": {"type": "boolean"},
                    "introduced": findings,
                    "resolved": findings,
                },
            },
        },
    }


_COUNT = {"type": "integer", "minimum": 0}


def _document(name: str, title: str) -> dict[str, Any]:
    """What every document schema starts with: its draft, address and title; an object of no other
    fields."""
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
        "required": [
            "rule",
            "name",
            "severity",
            "node",
            "kind",
            "title",
            "message",
            "hint",
            "location",
        ],
        "additionalProperties": False,
        "properties": {
            "rule": {"type": "string", "pattern": "^[A-Z]{1,6}[0-9]{3}$"},
            "name": {"type": "string", "pattern": "^[a-z][a-z0-9-]*$"},
            "severity": {"enum": list(SEVERITIES)},
            "node": {"type": "string"},
            "kind": {
                "enum": [
                    "vision",
                    "priority",
                    "aim",
                    "objective",
                    "milestone",
                    "indicator",
                    "plan",
                    "owner",
                    "group",
                ]
            },
            "title": {"type": "string"},
            "message": {"type": "string"},
            "hint": {"type": "string"},
            "location": _location(),
            "related": {
                "type": "array",
                "items": {"type": "string"},
                "minItems": 1,
                "uniqueItems": True,
                "description": "The other owners (or nodes) of the same kind the finding is about, "
                "which its message names: the joint leads of one OG303 finding, the "
                "other spellings of one OG305 finding.",
            },
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


def _problem() -> dict[str, Any]:
    """Why a plan could not be read: as a notice, and the path in the document of the value at
    fault where the message names it in words (``objectives[0].milestones[2].lead``)."""
    notice = _notice()
    return {**notice, "properties": {**notice["properties"], "path": {"type": "string"}}}


# -- the configuration file ------------------------------------------------------------------------

#: What each key of a configuration file does (the keys are the loader's: a test holds them alike).
_CONFIG_KEYS = {
    "select": "The rules to run: a list of codes or prefixes (OG, OG6, OG601, ALL), in any case "
    '(select = ["OG1", "OG3"]). For each rule the most specific selector of select and ignore '
    "wins, ignore at equal specificity. A file that sets select starts the selection afresh.",
    "ignore": 'Rules not to run: a list of codes or prefixes, as in select (ignore = ["OG6"]). '
    "A file that sets only ignore removes them from the selection of the files before it.",
    "severity": 'Severities by rule code or prefix (OG302 = "error"): the most specific wins.',
    "fail-on": "The lowest severity that fails a check (exit code 1): error (the default), "
    "warning, info, or never.",
    "rules": "The options (thresholds) of each rule: [rules.OG302] max-milestones = 12. A custom "
    "rule's options are checked against its defaults when the configuration is read.",
    "rule-files": "Python files declaring custom rules (outcome_graph.rule), relative to this "
    "file.",
}

#: A custom rule's letters: one to six, not starting OG (those codes belong to outcome_graph).
_CUSTOM_LETTERS = "(?:[A-NP-Za-np-z][A-Za-z]{0,5}|[Oo](?:[A-FH-Za-fh-z][A-Za-z]{0,4})?)"


def config_schema() -> dict[str, Any]:
    """The JSON Schema of a configuration file (``outcome-graph.toml``, or the table
    ``[tool.outcome-graph]`` of a ``pyproject.toml``), for TOML editors (Taplo): the loader's
    keys, the built-in rules' codes and options, the severities. A custom rule's code passes by
    its form (its rule file is read only when the configuration is); so does the value ``nan``
    of a number, which JSON has not.

    >>> sorted(config_schema()["properties"])
    ['fail-on', 'ignore', 'rule-files', 'rules', 'select', 'severity']
    """
    from .config import _KEYS, FAIL_ON  # (the loader's own keys: the schema cannot miss one)

    selector = _selector_pattern()
    word = f"(?:{selector})"
    space = f"[{SCHEMA_STRIPPED}]*"
    listed = f"^{space}{word}{space}$"
    says = "rule codes or prefixes (OG, OG6, OG601, ALL), or a custom rule's (ACME001)"
    # (a list only, as the loader reads a file: a text,
    # ignore = "OG1", is refused with the list to write)
    properties: dict[str, Any] = {
        key: {
            "type": "array",
            "items": {"type": "string", "pattern": listed, "patternErrorMessage": says},
            **({"minItems": 1} if key == "select" else {}),
        }
        for key in ("select", "ignore")
    }
    properties["severity"] = {
        "type": "object",
        "propertyNames": {"pattern": f"^{word}$", "patternErrorMessage": says},
        "additionalProperties": _choice_schema(SEVERITIES),
    }
    properties["fail-on"] = _choice_schema(FAIL_ON)
    properties["rules"], tables = _rules_schema()
    properties["rule-files"] = {"type": "array", "items": {"type": "string", "minLength": 1}}
    for key in properties:
        properties[key]["description"] = _CONFIG_KEYS[key]
    return {
        **_document(
            "config", "outcome-graph configuration (outcome-graph.toml, [tool.outcome-graph])"
        ),
        "properties": {key: properties[key] for key in _KEYS},
        "$defs": tables,
    }


def pyproject_tool_schema(tool_name: str = "outcome-graph") -> dict[str, Any]:
    """The configuration's schema as validate-pyproject reads it, for ``[tool.outcome-graph]``.

    validate-pyproject (and its pre-commit hook) checks a whole ``pyproject.toml``, each tool's
    table against the schema a plugin gives: this package declares this function as its plugin
    (the entry point ``validate_pyproject.tool_schema``), so with outcome-graph installed beside
    it, a misspelt key, an unknown rule or a negative threshold in the table fails the check. It
    is :func:`config_schema` written in JSON Schema draft 7, the draft validate-pyproject's
    schemas are written in (``$defs`` becomes ``definitions``; a ``$ref`` never has other
    keywords beside it, so it means the same in both drafts).

    >>> schema = pyproject_tool_schema("outcome-graph")
    >>> schema["$schema"], sorted(schema["definitions"]) == sorted(config_schema()["$defs"])
    ('http://json-schema.org/draft-07/schema#', True)
    """

    def draft7(node: Any) -> Any:
        if isinstance(node, dict):
            if "$ref" in node and len(node) > 1:  # (draft 7 would pass over the other keywords)
                raise ValueError(f"a $ref beside other keywords: {sorted(node)}")
            return {
                ("definitions" if key == "$defs" else key): (
                    value.replace("#/$defs/", "#/definitions/") if key == "$ref" else draft7(value)
                )
                for key, value in node.items()
            }
        if isinstance(node, list):
            return [draft7(item) for item in node]
        return node

    schema: dict[str, Any] = draft7(config_schema())
    schema["$schema"] = "http://json-schema.org/draft-07/schema#"
    schema["$id"] = "https://outcome-graph.org/schema/pyproject-tool.json"
    schema["title"] = f"[tool.{tool_name}]: the outcome-graph configuration in pyproject.toml"
    return schema


def _builtin_rules() -> dict[str, Rule]:
    """outcome_graph's own rules by code (not plugins': the schema is the same wherever it is
    made)."""
    from .rules.registry import registry

    return {code: r for code, r in registry().items() if r.origin == "outcome_graph"}


def _selector_pattern() -> str:
    """What names rules: ``ALL``, a prefix of a built-in code, or a custom code's form, in any
    case."""
    return "|".join(
        [_any_case("ALL"), _prefixes(sorted(_builtin_rules())), f"{_CUSTOM_LETTERS}[0-9]{{0,3}}"]
    )


def _any_case(text: str) -> str:
    """A pattern of ``text`` in any case (``[Oo][Gg]3``): JSON Schema has no flag for it."""
    return "".join(f"[{c.upper()}{c.lower()}]" if c.isalpha() else re.escape(c) for c in text)


def _prefixes(words: list[str]) -> str:
    """An alternation of every non-empty prefix of ``words``, as a tree (``[Oo](?:[Gg](?:1|2)?)?``).

    >>> _prefixes(["AB1", "AB2", "B"])
    '[Aa](?:[Bb](?:1|2)?)?|[Bb]'
    """
    by_first: dict[str, list[str]] = {}
    for word in words:
        by_first.setdefault(word[0], []).append(word[1:])
    branches = []
    for first, rests in by_first.items():
        rest = [r for r in rests if r]
        branches.append(_any_case(first) + (f"(?:{_prefixes(rest)})?" if rest else ""))
    return "|".join(branches)


def _choice_schema(words: tuple[str, ...] | list[str]) -> dict[str, Any]:
    """A word of ``words``, read as the loader reads it: in any case, spaces around it dropped."""
    return {
        "anyOf": [
            {"enum": list(words)},
            {
                "type": "string",
                "pattern": f"^[{SCHEMA_STRIPPED}]*(?:{'|'.join(map(_any_case, words))})"
                f"[{SCHEMA_STRIPPED}]*$",
            },
        ]
    }


def _rules_schema() -> tuple[dict[str, Any], dict[str, Any]]:
    """``[rules.CODE]``: each built-in rule's options, typed by their defaults (a table in
    ``$defs``, named in any case); a custom rule's any. The schema, and its ``$defs``."""
    tables: dict[str, Any] = {}
    for code, r in _builtin_rules().items():
        tables[code] = {
            "type": "object",
            "description": f"{r.name}: {r.summary}"
            + ("" if r.options else " (It has no options.)"),
            "additionalProperties": False,
            "properties": {
                key: _option_schema(key, default, r.doc.options)
                for key, default in r.options.items()
            },
        }
    refs = {code: {"$ref": f"#/$defs/{code}"} for code in tables}
    patterns = {f"^{_any_case(code)}$": ref for code, ref in refs.items()}
    patterns[f"^{_CUSTOM_LETTERS}[0-9]{{3}}$"] = {
        "type": "object",
        "description": "A custom rule's options.",
    }
    return {
        "type": "object",
        "properties": refs,
        "patternProperties": patterns,
        "additionalProperties": False,
    }, tables


def _option_schema(key: str, default: Any, doc: str) -> dict[str, Any]:
    """An option of a rule, of its default's type (a number: not negative; whole if the default
    is)."""
    found = re.search(rf"`{re.escape(key)}`: (.*?)(?=\s*`[\w-]+`:|$)", doc, re.DOTALL)
    schema: dict[str, Any] = {"default": default}
    if found:
        schema["description"] = " ".join(found.group(1).split())
    if isinstance(default, (int, float)) and not isinstance(default, bool):
        schema.update(type="integer" if isinstance(default, int) else "number", minimum=0)
        if not isinstance(
            default, int
        ):  # (TOML writes inf, which the loader refuses: the largest finite number)
            schema["maximum"] = sys.float_info.max
    # (the kinds the loader holds a value to, as its default is; another default takes anything)
    else:
        for kind, name in ((bool, "boolean"), (str, "string"), (list, "array"), (dict, "object")):
            if isinstance(default, kind):
                schema["type"] = name
    return schema
