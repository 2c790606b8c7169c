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
                raise _error(
                    self.file, "YAML merge keys ('<<') are not supported in plan files", kline, kcol
                )
            if not isinstance(key_node, yaml.ScalarNode):
                raise _error(self.file, "a mapping key must be plain text", kline, kcol)
            key = key_node.value
            if key in mapping:
                first = mapping.key_pos[key][0]
                raise _error(
                    self.file, f"duplicate key {key!r} (first given on line {first})", kline, kcol
                )
            mapping[key] = self.build(value_node, depth + 1)
            mapping.key_pos[key] = (kline, kcol)
        return mapping


#: What the YAML reader's words for a mistake mean in a plan, and how to put it right: (words of
#: its problem, words of its context or "", the explanation). The first that matches is given,
#: before the reader's own words (kept for whoever knows YAML).
_YAML_MEANINGS = (
    (
        "end of stream",
        "quoted scalar",
        "a quote opened here is never closed: close it, or write the text without it",
    ),
    (
        "mapping values are not allowed",
        "",
        "a ': ' inside a value, or a line indented further than the field above it: put a text "
        "that holds ': ' in quotes (title: 'Ensure: every child'), or line the field up with the "
        "one above",
    ),
    (
        "did not find expected key",
        "",
        "unexpected text where a field of the item above was expected: text after a closing "
        "quote (a text holding an apostrophe is quoted with double quotes: "
        '"Children\'s centres"), or a field not lined up with the fields above it',
    ),
    (
        "expected '-' indicator",
        "",
        "this line is not indented as the list above it: each item of a list starts with '- ' "
        "under the one before it, and its fields line up under its first",
    ),
    (
        "could not find expected ':'",
        "",
        "a line with no ':' where a field was expected: write it as field: value",
    ),
    (
        "expected ',' or '}'",
        "",
        "a '{' before here is not closed with '}', or a ',' is missing between two of its fields",
    ),
    (
        "expected ',' or ']'",
        "",
        "a '[' before here is not closed with ']', or a ',' is missing between two of its items "
        "(a ' #' starts a comment, which hides the rest of the line: quote a text holding one)",
    ),
    (
        "",
        "scanning an alias",
        "a value starting with '*' is read as a YAML alias: put the text in quotes ('*x*')",
    ),
    (
        "",
        "scanning an anchor",
        "a value starting with '&' is read as a YAML anchor: put the text in quotes ('& co')",
    ),
    (
        "cannot start any token",
        "",
        "a value cannot start with this character: put the text in quotes",
    ),
)


def _yaml_meaning(problem: str, context: str) -> str | None:
    """What the YAML reader's ``problem`` (in ``context``) means in a plan, and how to fix it."""
    for words, where, meaning in _YAML_MEANINGS:
        if words in problem and where in context:
            return meaning
    return None


def _yaml_problem(file: str | None, exc: yaml.YAMLError, text: str) -> PlanError:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    if "end of stream" in problem and getattr(exc, "context_mark", None) is not None:
        # (an unclosed quote or bracket: where it opens)
        mark = getattr(exc, "context_mark")  # noqa: B009
    context = getattr(exc, "context", None)
    said = problem
    context_mark = getattr(exc, "context_mark", None)
    if context:
        if context_mark is not None and mark is not None and context_mark.line != mark.line:
            context += (
                f" that starts on line {context_mark.line + 1}, column {context_mark.column + 1}"
            )
        said += f" ({context})"
    tab = False
    if mark is not None:
        lines = text.splitlines()
        row = lines[mark.line] if mark.line < len(lines) else ""
        tab = "\t" in row[: mark.column + 1]
    meaning = None if tab else _yaml_meaning(problem, context or "")
    message = (
        f"invalid YAML: {meaning} (the YAML reader says: {said})"
        if meaning
        else f"invalid YAML: {said}"
    )
    if tab:
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
