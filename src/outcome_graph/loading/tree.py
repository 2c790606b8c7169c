"""Parse YAML or JSON text into plain Python values that remember where they came from.

Mappings become :class:`LocMap` (a ``dict`` that also knows the line and column of itself and of
each key), sequences become :class:`LocList`, and scalars become ``str`` (or ``None`` for null).
Keeping every scalar as the text written is deliberate: the format reads ids, numbers, dates and
periods as text (``number: 3.10`` is ``"3.10"``, ``due: 2012`` is ``"2012"``), and pydantic turns
text into numbers where a field is numeric.

The YAML parser is PyYAML's composer (the C one when available): it builds a node tree with
marks and constructs no objects, so a tag such as ``!!python/object`` is refused here, never run.
Aliases are expanded under a budget so an "alias bomb" cannot exhaust memory, and nesting depth is
bounded.
"""

from __future__ import annotations

import json
from typing import Any

import yaml

from ..errors import PlanError, Problem

try:  # pragma: no cover - depends on how PyYAML was built
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

__all__ = ["LocMap", "LocList", "parse_text", "MAX_DEPTH"]

#: Deepest nesting accepted (a real plan nests about ten levels).
MAX_DEPTH = 64

_STANDARD_TAGS = {
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:binary",
    "tag:yaml.org,2002:merge",
    "tag:yaml.org,2002:value",
}


class LocMap(dict):  # type: ignore[type-arg]
    """A mapping read from a file, with the position of itself and of each key (1-based)."""

    __slots__ = ("line", "column", "key_pos")

    def __init__(self, line: int | None = None, column: int | None = None) -> None:
        super().__init__()
        self.line = line
        self.column = column
        self.key_pos: dict[str, tuple[int, int]] = {}


class LocList(list):  # type: ignore[type-arg]
    """A sequence read from a file, with the position of itself and of each item (1-based)."""

    __slots__ = ("line", "column", "item_pos")

    def __init__(self, line: int | None = None, column: int | None = None) -> None:
        super().__init__()
        self.line = line
        self.column = column
        self.item_pos: list[tuple[int, int]] = []


def _error(file: str | None, message: str, line: int | None = None, column: int | None = None) -> PlanError:
    return PlanError([Problem(message, file=file, line=line, column=column)])


class _Builder:
    def __init__(self, file: str | None, budget: int) -> None:
        self.file = file
        self.budget = budget

    def build(self, node: yaml.Node, depth: int = 0) -> Any:
        self.budget -= 1
        line, col = node.start_mark.line + 1, node.start_mark.column + 1
        if self.budget < 0:
            raise _error(
                self.file,
                "the document expands to too many values (YAML aliases repeated too often?)",
                line,
                col,
            )
        if depth > MAX_DEPTH:
            raise _error(self.file, f"nesting is deeper than {MAX_DEPTH} levels", line, col)
        tag = node.tag
        if tag not in _STANDARD_TAGS:
            raise _error(
                self.file,
                f"the tag {tag!r} is not allowed: plan files hold plain data only",
                line,
                col,
            )
        if isinstance(node, yaml.ScalarNode):
            if tag == "tag:yaml.org,2002:null":
                return None
            return node.value
        if isinstance(node, yaml.SequenceNode):
            seq = LocList(line, col)
            for item in node.value:
                seq.append(self.build(item, depth + 1))
                seq.item_pos.append((item.start_mark.line + 1, item.start_mark.column + 1))
            return seq
        mapping = LocMap(line, col)
        for key_node, value_node in node.value:
            kline, kcol = key_node.start_mark.line + 1, key_node.start_mark.column + 1
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise _error(self.file, "YAML merge keys ('<<') are not supported in plan files", kline, kcol)
            if not isinstance(key_node, yaml.ScalarNode):
                raise _error(self.file, "a mapping key must be plain text", kline, kcol)
            key = key_node.value
            if key in mapping:
                first = mapping.key_pos[key][0]
                raise _error(self.file, f"duplicate key {key!r} (first given on line {first})", kline, kcol)
            mapping[key] = self.build(value_node, depth + 1)
            mapping.key_pos[key] = (kline, kcol)
        return mapping


def _yaml_problem(file: str | None, exc: yaml.YAMLError, text: str) -> PlanError:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    if "end of stream" in problem and getattr(exc, "context_mark", None) is not None:
        mark = exc.context_mark  # an unclosed quote or bracket: point at where it opens
    context = getattr(exc, "context", None)
    message = f"invalid YAML: {problem}"
    context_mark = getattr(exc, "context_mark", None)
    if context:
        if context_mark is not None and mark is not None and context_mark.line != mark.line:
            context += f" that starts on line {context_mark.line + 1}, column {context_mark.column + 1}"
        message += f" ({context})"
    if mark is not None:
        lines = text.splitlines()
        row = lines[mark.line] if mark.line < len(lines) else ""
        if "\t" in row[: mark.column + 1]:
            message += "; the line has a tab: indent with spaces, not tabs"
    line = mark.line + 1 if mark is not None else None
    col = mark.column + 1 if mark is not None else None
    return _error(file, message, line, col)


def parse_text(text: str, *, file: str | None = None, json_first: bool = False) -> Any:
    """Parse YAML (or JSON, which the same parser reads) keeping positions.

    Parameters
    ----------
    text : str
        The document.
    file : str, optional
        The file name used in error messages.
    json_first : bool
        Check the text as strict JSON first, so that JSON syntax errors are reported the way a
        JSON user expects (line and column of the JSON error).

    Raises
    ------
    PlanError
        The text is not valid YAML/JSON, uses a tag, nests too deep or expands too far.

    Examples
    --------
    >>> doc = parse_text("plan:\\n  id: x\\n  due: 2012\\n")
    >>> doc["plan"]["due"], doc["plan"].key_pos["due"]
    ('2012', (3, 3))
    """
    if json_first:
        try:
            json.loads(text)
        except json.JSONDecodeError as exc:
            raise _error(file, f"invalid JSON: {exc.msg}", exc.lineno, exc.colno) from None
        except RecursionError:
            raise _error(file, f"nesting is deeper than {MAX_DEPTH} levels") from None
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        raise _yaml_problem(file, exc, text) from None
    except RecursionError:
        raise _error(file, f"nesting is deeper than {MAX_DEPTH} levels") from None
    if node is None:
        return None
    # Budget: a plain document has fewer values than characters; aliases may repeat a node, but
    # never beyond a small multiple of the document's own size.
    builder = _Builder(file, budget=max(10_000, 4 * len(text)))
    return builder.build(node)
