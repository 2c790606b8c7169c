"""The precise parser of :func:`.tree.parse_text`: PyYAML's composer, its marks kept as positions.

A module of its own so that PyYAML is imported only when a plan needs it: a plain plan read by
the fast path (every plan a person or a tool writes) never does, and ``outcome-graph check``
starts that much sooner. Tags are refused, aliases expanded under a budget and nesting bounded
(see :mod:`.tree`).
"""

from __future__ import annotations

from typing import Any

import yaml

from ..errors import PlanError
from .tree import MAX_DEPTH, LocList, LocMap, _error

try:  # pragma: no cover - depends on how PyYAML was built
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


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
        mark = getattr(exc, "context_mark")  # noqa: B009 - an unclosed quote or bracket: where it opens
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


def parse_precise(text: str, file: str | None) -> Any:
    """The document as :class:`.tree.LocMap`, :class:`.tree.LocList`, text and ``None`` (see
    :func:`.tree.parse_text`, which calls it with the collector paused)."""
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
