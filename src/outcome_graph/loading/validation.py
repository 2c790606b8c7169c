"""Validation with positions: every pydantic validation error of a plan document turned into a
:class:`~outcome_graph.errors.Problem` at the file, line and column of the value it is about, in
words (:func:`worded`), with the nearest valid field for an unknown one and a hint for a value
written as a percentage; and the problems a document that did not validate still shows (an
unknown framework, duplicate ids, unknown outcomes), so that all are reported at once.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ValidationError

from ..errors import Problem, with_article
from ..model.document import ID_PATTERN, VISIBLE, PlanDocument, is_blank
from ..model.plan import code_key
from .places import KIND_OF_LIST, path_text, place_in_plan
from .suggest import (
    catalogue_title,
    duplicate_code,
    duplicate_id,
    nearest,
    unknown_framework,
    unknown_outcome,
)
from .tree import LocList, LocMap


def _position(tree: Any, loc: tuple[Any, ...]) -> tuple[int | None, int | None, tuple[Any, ...]]:
    """Walk a pydantic error location through the parsed tree: the position of the deepest
    element that exists, and the part of the location that matched data."""
    node = tree
    line, col = (tree.line, tree.column) if isinstance(tree, (LocMap, LocList)) else (None, None)
    matched: list[Any] = []
    for part in loc:  # (plain data, from the API, has no positions: the path alone is kept)
        if isinstance(node, dict) and isinstance(part, str) and part in node:
            if isinstance(node, LocMap):
                line, col = node.key_pos[part]
            node = node[part]
            matched.append(part)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            if isinstance(node, LocList):
                line, col = node.item_pos[part]
            node = node[part]
            matched.append(part)
        else:
            continue
    return line, col, tuple(matched)


def model_at(loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model class whose fields are valid at a location (for 'did you mean')."""
    import typing

    model: type[BaseModel] | None = PlanDocument
    for part in loc:
        if model is None:
            return None
        if isinstance(part, int):
            continue
        fld = model.model_fields.get(part)
        if fld is None:
            # alias ('from')
            fld = next((f for f in model.model_fields.values() if f.alias == part), None)
        if fld is None:
            return model
        model = _find_model(fld.annotation, typing)
    return model


def _find_model(annotation: Any, typing: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _find_model(arg, typing)
        if found is not None:
            return found
    return None


def financial_year(text: str) -> int | None:
    """The year a financial year written as plans write it starts in (``2011-12``, ``2011/12``,
    ``2011-2012``, ``2011/2012``: 2011), or ``None`` for any other text.

    >>> financial_year("2011/12"), financial_year(" 2011-2012 "), financial_year("2011-13")
    (2011, 2011, None)
    """
    m = re.fullmatch(r"\s*(\d{4})\s*[-/]\s*(\d{2}|\d{4})\s*", text)
    if m and int(m.group(2)) == (int(m.group(1)) + 1) % (100 if len(m.group(2)) == 2 else 10_000):
        return int(m.group(1))
    return None


def _period_example(value: object) -> str:
    """The plan period written as the format wants it: ``{start: 2011-04-01, end: 2012-03-31}``
    for the financial year a text such as ``2011/12`` or ``2011-2012`` names, else an example."""
    start = financial_year(value) if isinstance(value, str) else None
    if start is not None:
        return f"{{start: {start}-04-01, end: {start + 1}-03-31}}"
    return "start and end dates, such as {start: 2011-04-01, end: 2012-03-31}"


def field_of_other_levels(field: str, model: type[BaseModel]) -> str:
    """``" on a milestone: it is a field of priorities, aims and objectives"`` for a field written
    at a level of the plan that does not take it but others do (indicators on a milestone, a
    timescale on an objective); ``""`` otherwise."""
    from ..model.document import Aim, Indicator, Milestone, Objective, Priority, Vision

    levels: list[tuple[type[BaseModel], str]] = [
        (Priority, "priorities"),
        (Aim, "aims"),
        (Objective, "objectives"),
        (Milestone, "milestones"),
    ]
    if model not in [m for m, _ in levels] and model not in (Vision, Indicator):
        return ""
    # (a class variable of the node models, not of BaseModel)
    kind = str(getattr(model, "kind"))  # noqa: B009
    others = [words for m, words in levels if m is not model and field in field_names(m)]
    if not others:
        return ""
    listed = others[0] if len(others) == 1 else ", ".join(others[:-1]) + " and " + others[-1]
    return f" on {with_article(kind)}: it is a field of {listed}"


def field_names(model: type[BaseModel]) -> list[str]:
    return [f.alias or name for name, f in model.model_fields.items()]


def _kind_of(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return f"the value {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    return f"the text {str(value)[:40]!r}"


#: A number as written in YAML or JSON (``2.5``, ``-3``, ``1e3``).
_NUMBER_TEXT = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")

#: What a field's pattern asks for, in words (the patterns of the format's models).
_PATTERN_WORDS = {
    r"^[A-Za-z0-9._-]+$": "may hold only letters, digits, '.', '_' and '-'",
    r"^[A-Za-z]{1,6}$": "must be one to six letters (e.g. CSC)",
}


def worded(err: Mapping[str, Any], *, show_input: bool = True) -> str | None:
    """A validation error about a value's type or range in words (``must be a number, not the
    text '60%'``), or ``None`` when pydantic's own message is kept. Without ``show_input`` the
    value is left out (a spreadsheet's message names the cell's content itself)."""
    etype, value, ctx = err["type"], err.get("input"), err.get("ctx") or {}
    if etype in ("float_parsing", "float_type"):
        words = "must be a number"
    elif etype == "finite_number":
        words = "must be a number, not infinity or NaN"
        return f"{words} ({value})" if show_input else words
    elif etype in ("int_parsing", "int_type", "int_from_float"):
        words = "must be a whole number"
        if show_input and isinstance(value, str) and _NUMBER_TEXT.fullmatch(value.strip()):
            # (a number as written: `capacity: 2.5` is read as text)
            return f"{words}, not {value.strip()}"
    elif etype == "greater_than_equal" and "ge" in ctx:
        words = f"must be {ctx['ge']} or more"
        return (
            f"{words}, not {value}"
            if show_input and isinstance(value, (str, int, float))
            else words
        )
    elif etype == "string_pattern_mismatch" and ctx.get("pattern") in (VISIBLE, ID_PATTERN):
        if not isinstance(value, str) or is_blank(value):
            return "must not be blank"
        words = "must be on one line, with no line break, tab or other control character"
        return f"{words}: {str(value)[:40]!r}" if show_input else words
    elif etype == "string_pattern_mismatch" and ctx.get("pattern") in _PATTERN_WORDS:
        words = _PATTERN_WORDS[ctx["pattern"]]
        return (
            f"{str(value)[:40]!r} {words}"
            if show_input and isinstance(value, str)
            else f"it {words}"
        )
    else:
        return None
    return f"{words}, not {_kind_of(value)}" if show_input else words


def _raw_problems(tree: LocMap, file: str | None) -> list[Problem]:
    """An unknown framework, duplicate ids and unknown outcomes, found in a document that did not
    validate, so that a file's problems are all reported at once (for a valid document the plan's
    build finds them)."""
    from ..model.frameworks import frameworks

    problems: list[Problem] = []
    meta = tree.get("plan")
    framework = meta.get("framework", "ecm") if isinstance(meta, dict) else "ecm"
    known = frameworks()
    valid = known[framework].ids if isinstance(framework, str) and framework in known else None
    if isinstance(framework, str) and framework not in known:
        line, col = getattr(meta, "key_pos", {}).get("framework", (None, None))
        problems.append(
            Problem(unknown_framework(framework, known), file=file, line=line, column=col)
        )
    first: dict[str, int | None] = {}
    codes: dict[str, tuple[str, int | None]] = {}  # indicators' codes: the first id and line
    for item in tree.get("indicators") or []:
        code = item.get("id") if isinstance(item, LocMap) else None
        if isinstance(code, str) and code.strip():
            code = code.strip()
            seen = codes.setdefault(code_key(code), (code, item.line))
            if seen[0] != code:
                problems.append(
                    Problem(
                        duplicate_code(code, seen[0], f"line {seen[1]}"),
                        file=file,
                        line=item.line,
                        column=item.column,
                    )
                )
    stack: list[tuple[str, Any]] = [
        (name, tree.get(name))
        for name in ("indicators", "milestones", "objectives", "aims", "priorities")
    ]
    stack.append(("vision", [tree.get("vision")]))
    nodes: list[LocMap] = []
    kinds: dict[int, str] = {}  # id() of a node -> its kind
    while stack:
        list_name, items = stack.pop()
        if not isinstance(items, list):
            continue
        for item in items:
            if isinstance(item, LocMap):
                nodes.append(item)
                kinds[id(item)] = KIND_OF_LIST.get(list_name, "vision")
                stack.extend(
                    (name, item.get(name)) for name in ("aims", "objectives", "milestones")
                )
    for node in sorted(nodes, key=lambda n: (n.line or 0, n.column or 0)):
        node_id = node.get("id")
        if not isinstance(node_id, str) or not node_id.strip():
            continue
        node_id = node_id.strip()
        if node_id in first:
            problems.append(
                Problem(
                    duplicate_id(node_id, f"line {first[node_id]}"),
                    file=file,
                    line=node.line,
                    column=node.column,
                )
            )
        else:
            first[node_id] = node.line
        outcomes = node.get("outcomes")
        if valid is not None and isinstance(outcomes, list):
            for outcome in outcomes:
                if isinstance(outcome, str) and outcome not in valid:
                    problems.append(
                        Problem(
                            unknown_outcome(
                                f"{kinds[id(node)]} {node_id}", outcome, valid, str(framework)
                            ),
                            file=file,
                            line=node.line,
                            column=node.column,
                        )
                    )
    return problems


def _validation_problems(exc: ValidationError, tree: Any, file: str | None) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[tuple[Any, ...]] = set()
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        line, col, matched = _position(tree, loc)
        etype = err["type"]
        path = matched
        if etype == "extra_forbidden":
            field = str(loc[-1])
            owner = matched[:-1] if matched[-1:] == (loc[-1],) else matched
            model = model_at(loc[:-1])
            msg = f"unknown field {field!r} {_in_place(tree, owner)}"
            if model is not None:
                # (a field of other levels, written exactly, says so before any near spelling:
                # `parent` on an indicator is not a misspelt `target`)
                elsewhere = field_of_other_levels(field, model).partition(": ")[2]
                guess = None if elsewhere else nearest(field, field_names(model))
                msg += (
                    f": did you mean {guess!r}?" if guess else f": {elsewhere}" if elsewhere else ""
                )
        elif etype == "missing":
            field = str(loc[-1])
            path = (*matched, field)
            msg = f"{place_in_plan(tree, matched)} is missing the required field {field!r}"
            if field == "title" and loc[:1] == ("indicators",) and len(matched) == 2:
                item = tree["indicators"][
                    matched[1]
                ]  # (a National Indicator's: the set's title to copy)
                msg += catalogue_title(item.get("id") if isinstance(item, Mapping) else None)
            elif matched == ("plan",) and field in ("id", "period"):
                msg += f": add {field}: " + (
                    "{start: 2011-04-01, end: 2012-03-31}" if field == "period" else "my-plan"
                )
        else:
            where = place_in_plan(tree, matched)
            text = err["msg"]
            if text.startswith("Value error, "):
                text = text[len("Value error, ") :]
            if etype == "literal_error" and "expected" in err.get("ctx", {}):
                text = f"must be one of {err['ctx']['expected']}"
            elif (words := worded(err)) is not None:
                text = words
                if etype in ("float_parsing", "float_type") and (
                    hint := _percent_hint(tree, matched, err.get("input"), whole=False)
                ):
                    text += f": {hint}"
            elif etype in ("model_type", "dict_type", "model_attributes_type"):
                text = (
                    f"must be a mapping of fields (field: value), not {_kind_of(err.get('input'))}"
                )
                if loc == ("plan", "period"):
                    text += f": write it as {_period_example(err.get('input'))}"
                elif hint := _percent_hint(tree, matched, err.get("input"), whole=True):
                    text += f": {hint}"
            elif etype == "list_type":
                text = f"must be a list, not {_kind_of(err.get('input'))}"
            elif etype == "string_type":
                text = f"must be text, not {_kind_of(err.get('input'))}"
            elif text.startswith(
                "Input should be "
            ):  # (pydantic's words for a check not worded above)
                text = (
                    f"must be {text[len('Input should be ') :]}, not {_kind_of(err.get('input'))}"
                )
            msg = f"{where}: {text}"
        key = (matched, msg)
        if key in seen:
            continue
        seen.add(key)
        problems.append(
            Problem(msg, file=file, line=line, column=col, path=path_text(path) or None)
        )
        if len(problems) >= 50:
            problems.append(Problem("(more problems not shown)", file=file))
            break
    return problems


#: A percentage written as text (``74%``, ``12.5 %``): the number and the sign (the spreadsheet
#: reader's test of a typed cell too).
PERCENT_TEXT = re.compile(r"\s*([-+]?(?:\d+(?:\.\d*)?|\.\d+))\s*%\s*")
#: The fields that hold a value (a baseline, a target, the items of targets and actuals).
_VALUE_FIELDS = ("baseline", "target", "targets", "actuals")


def _percent_hint(tree: Any, path: tuple[Any, ...], value: Any, *, whole: bool) -> str | None:
    """What to write for a value's figure written as a percentage (``value: 74%``, or ``target:
    74%`` for the whole value): the format's value is a number, and a percentage is the number
    with the unit ``percent`` on its indicator (as a workbook's ``74%`` cell reads). ``None`` for
    any other value. ``path``: where the value is in the document (``whole``: the value itself,
    else its ``value`` field)."""
    m = PERCENT_TEXT.fullmatch(value) if isinstance(value, str) else None
    at = path if whole else path[:-1]  # (the value)
    if at[-1:] and isinstance(at[-1], int):
        at = at[:-1]  # (an item of targets or actuals: the list)
    if m is None or len(at) < 2 or at[-1] not in _VALUE_FIELDS:
        return None
    field, owner, number = at[-1], at[:-1], m.group(1)
    indicator = _item_at(tree, owner)
    code = indicator.get("id") if isinstance(indicator, Mapping) else None
    name = f"indicator {code}" if isinstance(code, str) and code.strip() else "the indicator"
    declared = indicator
    if owner[:1] != ("indicators",) and isinstance(code, str):
        # (a node's reference to an indicator: the unit is the declared indicator's)
        declared = next(
            (
                i
                for i in (tree.get("indicators") or [] if isinstance(tree, Mapping) else [])
                if isinstance(i, Mapping) and i.get("id") == code
            ),
            None,
        )
    unit = declared.get("unit") if isinstance(declared, Mapping) else None
    if whole:
        example = f"{{period: {_plan_year(tree)}, value: {number}}}"
        write = (
            f"write it as {example}"
            if field in ("targets", "actuals")
            else f"write {field}: {example}"
        )
    else:
        write = f"write value: {number}"
    if unit == "percent":
        return f"{write} ({name}'s unit, percent, makes it a percentage)"
    if isinstance(unit, str):
        return f"{write}, and if it is a percentage give {name} the unit percent (not {unit!r})"
    if declared is None:
        return f"{write}, and declare {name} under indicators: with unit: percent"
    return (
        f"{write} and give {name} unit: percent (a plan writes a percentage as its number, the "
        "unit on the indicator)"
    )


def _item_at(tree: Any, path: tuple[Any, ...]) -> Any:
    """The value at ``path`` in the document, or ``None`` where it has none."""
    node = tree
    for part in path:
        if isinstance(node, Mapping) and isinstance(part, str):
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        else:
            return None
    return node


def _plan_year(tree: Any) -> str:
    """The financial year the plan's period ends in (``2011-12``), for an example of a value."""
    end = _item_at(tree, ("plan", "period", "end"))
    m = re.match(r"(\d{4})-(\d{2})", str(end)) if end is not None else None
    if m is None:
        return "2011-12"
    year = int(m.group(1)) - (1 if int(m.group(2)) <= 3 else 0)
    return f"{year}-{(year + 1) % 100:02d}"


def _in_place(tree: Any, path: tuple[Any, ...]) -> str:
    """Where an unknown field is, after its name: ``in objective O1``, ``at the top level``."""
    if not path:
        return "at the top level of the plan"
    if path == ("plan",):
        return "in the plan's details (under plan:)"
    return f"in {place_in_plan(tree, path)}"
