"""Parse YAML or JSON text into plain Python values that remember where they came from.

Two parsers, one answer:

* :func:`parse_text`, the precise one. Mappings become :class:`LocMap` (a ``dict`` that also knows
  the line and column of itself and of each key), sequences become :class:`LocList`, and scalars
  become ``str`` (or ``None`` for null). Keeping every scalar as the text written is deliberate:
  the format reads ids, numbers, dates and periods as text (``number: 3.10`` is ``"3.10"``,
  ``due: 2012`` is ``"2012"``), and pydantic turns text into numbers where a field is numeric.
  It is PyYAML's composer (the C one when available): it builds a node tree with marks and
  constructs no objects, so a tag such as ``!!python/object`` is refused here, never run.
  Aliases are expanded under a budget so an "alias bomb" cannot exhaust memory, and nesting
  depth is bounded.
* :func:`fast_parse`, for plans that are plain data (no tags, anchors, aliases, tabs or merge
  keys; which is every plan a person or a tool writes). JSON is read with :func:`json.loads`;
  YAML with rapidyaml (``ryml``, when installed), whose tree is written out as JSON and read
  back the same way. Numbers are kept as the text written. Only the positions of the nodes,
  owners and groups are found, by scanning for their first key in document order. It answers
  ``None`` whenever it cannot be sure to agree with the precise parser, and the loader then uses
  the precise one, which is also the one that reports every error (with file, line and column).

Both parse with Python's cyclic garbage collector paused: building a million small containers
otherwise triggers collections that together cost more than the parsing (see :func:`gc_paused`).
"""

from __future__ import annotations

import gc
import json
import os
import re
from bisect import bisect_left
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

from ..errors import PlanError, Problem
from ..forking import ChildFailed, Forked, reap

__all__ = [
    "LocMap",
    "LocList",
    "parse_text",
    "fast_parse",
    "fast_document",
    "Positions",
    "NotPlain",
    "gc_paused",
    "yaml_engine",
    "MAX_DEPTH",
]

#: Deepest nesting accepted (a real plan nests about ten levels).
MAX_DEPTH = 64


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


#: What the JSON reader's words for a mistake mean, and how to put it right (the reader's words
#: are kept after them).
_JSON_MEANINGS = (
    ("Expecting ',' delimiter", "a ',' is missing between two fields or two items before here"),
    (
        "Expecting property name",
        "a field's name must be in double quotes here, and no ',' may follow the last field",
    ),
    ("Expecting ':' delimiter", "a field's name must be followed by ':' and its value"),
    ("Expecting value", "a value is missing here, or a ',' follows the last item"),
    ("Unterminated string", "a text opened here is never closed with '\"'"),
    (
        "Invalid control character",
        "a text is not closed with '\"' on its line, or holds a tab or line break "
        "(write them \\t and \\n)",
    ),
    ("Extra data", "something follows the end of the plan (its last '}')"),
)


def _json_meaning(said: str) -> str:
    """The JSON reader's message with what it means in a plan before it, where that is known.

    >>> _json_meaning("Expecting ',' delimiter")  # doctest: +NORMALIZE_WHITESPACE
    "a ',' is missing between two fields or two items before here (the JSON reader says: Expecting
    ',' delimiter)"
    """
    for words, meaning in _JSON_MEANINGS:
        if said.startswith(words):
            return f"{meaning} (the JSON reader says: {said})"
    return said


def _json_slip(text: str, exc: json.JSONDecodeError) -> tuple[str, int]:
    """The JSON reader's error in a plan's words, and where it is (an offset in ``text``): a
    trailing comma, which JSON allows nowhere, at the comma; a comment, which it does not have,
    at the comment; any other at the reader's place, with what its words mean.

    >>> text = '{"a": 1,\\n}'
    >>> _json_slip(text, json.JSONDecodeError("Expecting property name", text, 9))
    ("a ',' follows the last field of a mapping: JSON allows none there; remove it", 7)
    >>> _json_slip("{// x", json.JSONDecodeError("Expecting property name", "{// x", 1))[0]
    'JSON has no comments: remove this one (or write the plan in YAML, where # starts a comment)'
    """
    at = exc.pos
    if text.startswith(("//", "/*"), at):
        return (
            "JSON has no comments: remove this one (or write the plan in YAML, where # starts a "
            "comment)",
            at,
        )
    before = len(text[:at].rstrip())
    if text[at : at + 1] in ("}", "]") and text[before - 1 : before] == ",":
        what = "field of a mapping" if text[at] == "}" else "item of a list"
        return f"a ',' follows the last {what}: JSON allows none there; remove it", before - 1
    return _json_meaning(exc.msg), at


def _error(
    file: str | None, message: str, line: int | None = None, column: int | None = None
) -> PlanError:
    return PlanError([Problem(message, file=file, line=line, column=column)])


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
            json.loads(text, parse_constant=_no_constant)
        except json.JSONDecodeError as exc:
            said, at = _json_slip(text, exc)
            line, column = text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)
            raise _error(file, f"invalid JSON: {said}", line, column) from None
        except RecursionError:
            raise _error(file, f"nesting is deeper than {MAX_DEPTH} levels") from None
        except ValueError:  # NaN, Infinity
            m = _JSON_CONSTANT.search(text)
            at = m.start(1) if m else 0
            line, column = text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)
            raise _error(
                file,
                f"invalid JSON: {m.group(1) if m else 'NaN'} is not a JSON number",
                line,
                column,
            ) from None
        if _has_surrogate_escape(text):
            text = _surrogate_pairs(text, file)
        if _NOT_FOR_YAML.search(text):
            # (A JSON string may hold, as written, what YAML 1.1 refuses in a stream (U+007F-U+009F
            # but U+0085, U+FFFE, U+FFFF) or reads as a line break folded into a space (U+0085,
            # U+2028, U+2029), where json.loads and the fast path keep each as it is. The JSON is
            # valid, so each lies in a string, where its escape reads as the character.)
            text = _NOT_FOR_YAML.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    from .precise import parse_precise

    with gc_paused():
        return parse_precise(text, file)


_NOT_FOR_YAML = re.compile("[\x7f-\x9f\u2028\u2029\ufffe\uffff]")
_JSON_CONSTANT = re.compile(r"[:\[,]\s*(-?Infinity|NaN)\b")
# A \u escape of a surrogate (not after an escaped backslash): a pair, or one alone.
_SURROGATE = re.compile(
    r"(?<!\\)((?:\\\\)*)\\u([dD][89abAB][0-9a-fA-F]{2})(?:\\u([dD][c-fC-F][0-9a-fA-F]{2}))?"
    r"|(?<!\\)((?:\\\\)*)\\u([dD][c-fC-F][0-9a-fA-F]{2})"
)
_SURROGATE_START = re.compile(r"\\u[dD][89a-fA-F]")


def _has_surrogate_escape(text: str) -> bool:
    """Whether the text holds a ``\\u`` escape of a surrogate (quickly where it has no
    backslash)."""
    return "\\" in text and _SURROGATE_START.search(text) is not None


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _lone_surrogate(text: str) -> re.Match[str] | None:
    """The first ``\\u`` escape of half a surrogate pair alone in a JSON text."""
    if not _has_surrogate_escape(text):  # (the common case, quickly)
        return None
    for m in _SURROGATE.finditer(text):
        if m.group(5) is not None or m.group(3) is None:
            return m
    return None


def _surrogate_pairs(text: str, file: str | None) -> str:
    """A JSON text for the YAML parser, which reads a ``\\u`` escape as one character: each
    surrogate pair (``\\ud83d\\ude00``, as JSON writers escape characters beyond the first
    plane) written as the one ``\\U`` escape it stands for. Half a pair alone is an error: it is
    no character."""
    lone = _lone_surrogate(text)
    if lone is not None:
        at = lone.end() - 6
        line, column = text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)
        raise _error(
            file,
            f"invalid JSON: {text[at : at + 6]} is half of a surrogate pair, not a character",
            line,
            column,
        )

    def one(m: re.Match[str]) -> str:
        code = 0x10000 + ((int(m.group(2), 16) - 0xD800) << 10) + (int(m.group(3), 16) - 0xDC00)
        return f"{m.group(1)}\\U{code:08X}"

    return _SURROGATE.sub(one, text)


# --------------------------------------------------------------------------------------------
# The fast path


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the duration (reference counting still frees).

    Parsing and validating a plan creates one container per value and no reference cycles; each
    automatic collection meanwhile walks every container alive, so on a 100,000-node plan the
    collections cost several times the parsing itself.

    What was made meanwhile is mostly the plan, which lives on. Left in the youngest generation,
    the first allocation after the pause would walk all of it (a quarter of a second on 100,000
    nodes); it is moved to the oldest generation instead (``gc.freeze`` then ``gc.unfreeze``,
    which move lists without walking them), unless the program has frozen objects of its own.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if gc.get_freeze_count() == 0:
                gc.freeze()
                gc.unfreeze()
            gc.enable()


@lru_cache(maxsize=1)
def _ryml() -> Any:
    try:
        import ryml  # type: ignore[import-not-found,import-untyped]
    except ImportError:
        return None
    return ryml


def yaml_engine() -> str:
    """The YAML parser the fast path uses: ``"rapidyaml"``, or ``"pyyaml"`` when it is not
    installed.

    >>> yaml_engine() in ("rapidyaml", "pyyaml")
    True
    """
    return "rapidyaml" if _ryml() is not None else "pyyaml"


class NotPlain(Exception):
    """The fast path cannot be sure to agree with the precise parser."""


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    mapping = dict(pairs)
    if len(mapping) != len(pairs):
        raise NotPlain("duplicate key")
    return mapping


_JSON_SCREEN = re.compile(r"(?:[:\[,][ \t\r\n]*)(?:true|false)(?=[ \t\r\n]*[,\]}])")
_LEADING_MARKER = re.compile(r"\A(?:[ \t]*(?:#[^\r\n]*)?\r?\n)*---[ \t]*(?:#[^\r\n]*)?(?=\r?\n)")
_TOKEN_START = " \t\r\n[{,"
_TOKEN_END = " \t\r\n,]}"
#: Plain scalars rapidyaml's JSON reads otherwise than as the text written: booleans, and the
#: infinities and not-a-numbers it rewrites (``inf`` as ``.inf``, ``.NaN`` as ``.nan``).
_SPECIAL_WORDS = (
    "true",
    "false",
    "True",
    "False",
    "TRUE",
    "FALSE",
    "inf",
    "nan",
    ".Inf",
    ".INF",
    ".NaN",
    ".NAN",
)


# A point that may belong to a number rapidyaml writes its own way: ``1.`` (as ``1.0``) and
# ``.5`` (as ``0.5``), where the format reads the text written.
_POINT = re.compile(r"\.(?:(?<=\d\.)(?=[ \t]*(?:[\r\n,\]}:#]|\Z))|(?<=[\s\[{,:+-]\.)(?=\d))")


def _rewritten_number(text: str) -> bool:
    """Whether the text has a plain scalar that is a number with a point first or last (``.5``,
    ``-.5e3``, ``3.``). Points inside texts (``by 2012.``) are told apart by what comes before
    the number: a scalar starts after ``:``, ``-``, ``[``, ``{``, ``,`` or ``?`` and spaces, or at
    the start of a line."""
    for m in _POINT.finditer(text):
        j = m.start() - 1
        while j >= 0 and text[j].isdigit():
            j -= 1
        if j >= 0 and text[j] in "+-":
            j -= 1
        while j >= 0 and text[j] in " \t":
            j -= 1
        if j < 0 or text[j] in ":-[{,?\r\n":
            return True
    return False


def _in_comment(text: str, i: int) -> bool:
    """Whether position ``i`` follows a ``#`` that opens a comment on its line (at the line's start
    or after a space; one inside a quoted text counts too, where what follows is harmless)."""
    line = text.rfind("\n", 0, i) + 1
    j = text.find("#", line, i)
    while j >= 0:
        if j == line or text[j - 1] in " \t":
            return True
        j = text.find("#", j + 1, i)
    return False


def _plain_yaml(text: str) -> bool:
    """Whether a YAML text is plain data that rapidyaml and PyYAML read alike.

    Refused: tabs (PyYAML refuses them as indentation), anchors, aliases and tags, a text
    starting with ``@`` or a backtick (reserved in YAML, refused by PyYAML), ``~`` as
    null, merge keys, directives and several documents, complex keys, booleans (the format
    reads ``true`` as text, and rapidyaml's JSON says ``true``), and numbers rapidyaml writes
    its own way (``.5`` as ``0.5``, ``3.`` as ``3.0``). Each special character is
    found with :meth:`str.find` and its context looked at, which is much faster than one
    regular expression over the whole text (points, too many for that, go through one
    expression with a literal start). A match inside a quoted text is harmless: the
    precise parser reads the document instead.
    """
    if (
        "\t" in text
        or text.startswith(("%", "...", "---"))
        or "\n%" in text
        or "\n..." in text
        or "\n---" in text
        or _has_surrogate_escape(text)
    ):  # (PyYAML refuses those escapes)
        return False
    for char in "&*!~?<@`":
        i = text.find(char)
        while i >= 0:
            before = text[i - 1] if i else "\n"
            after = text[i + 1 : i + 2]
            if (
                char in "@`"
            ):  # (reserved: no plain text starts with one; rapidyaml reads it as text)
                j = (
                    i - 1
                )  # (a value starts after ': ', '- ', '[', '{' or ','; not a block's next line)
                while j >= 0 and text[j] in " \t":
                    j -= 1
                if (
                    j >= 0
                    and text[j] in ":-[{,?"
                    and before in _TOKEN_START
                    and not _in_comment(text, i)
                ):
                    return False
            elif char in "&*!":
                if before in _TOKEN_START and after and after not in _TOKEN_END:
                    return False
            elif char == "~":
                if before in _TOKEN_START + ":" and (not after or after in _TOKEN_END):
                    return False
            elif char == "?":
                j = i - 1  # (back over what may come before it at the start of a line: "- ? key")
                while j >= 0 and text[j] in " -":
                    j -= 1
                if (j < 0 or text[j] == "\n") and (not after or after in " \r\n"):
                    return False
            elif after == "<" and re.match(r"<<[ \t]*:", text[i : i + 16]):
                return False
            i = text.find(char, i + 1)
    if _rewritten_number(text):
        return False
    for word in _SPECIAL_WORDS:
        i = text.find(word)
        while i >= 0:
            j = i - 1
            while j >= 0 and text[j] in " \t":
                j -= 1
            k = i + len(word)
            while k < len(text) and text[k] in " \t\r":
                k += 1
            if (j < 0 or text[j] in ":-[,{\n") and (k >= len(text) or text[k] in "\n,]}#:"):
                return False
            i = text.find(word, i + 1)
    return True


def _read_json(text: str, *, escapes: bool = True) -> Any:
    # (``escapes``: the text may hold \u escapes, as a JSON file may; rapidyaml's JSON of a
    # screened YAML text holds none of surrogates.)
    if escapes and _lone_surrogate(text) is not None:
        raise NotPlain("half a surrogate pair")
    try:
        return json.loads(
            text,
            parse_float=str,
            parse_int=str,
            parse_constant=_no_constant,
            object_pairs_hook=_object,
        )
    except (ValueError, RecursionError):  # JSONDecodeError is a ValueError
        raise NotPlain("not plain JSON") from None


def _body(text: str) -> str:
    marker = _LEADING_MARKER.match(text)
    if marker is not None:  # a single '---' before the document: blank it, keeping positions
        return " " * marker.end() + text[marker.end() :]
    return text


def plain_yaml(text: str) -> bool:
    """Whether the fast path may read this YAML text (see :func:`_plain_yaml`)."""
    return _plain_yaml(_body(text))


def _read_yaml(text: str, screen: bool = True) -> Any:
    ryml = _ryml()
    if ryml is None:
        raise NotPlain("rapidyaml is not installed")
    body = _body(text)
    if screen and not _plain_yaml(body):
        raise NotPlain("more than plain data")
    data = body.encode("utf-8")
    try:
        with _quiet_stderr():
            tree = ryml.parse_in_arena(data)
            json_text = _emit_json(ryml, tree, len(data))
    except Exception:  # a syntax error: the precise parser reports it
        raise NotPlain("rapidyaml cannot read it") from None
    if not json_text:
        raise NotPlain("empty")
    return _read_json(json_text, escapes=False)


def _emit_json(ryml: Any, tree: Any, size: int) -> str:
    """rapidyaml's tree written out as JSON, into a buffer of this process's own.

    ``ryml.emit_json`` returns text from a buffer it allocates and never frees (rapidyaml 0.15:
    a program that loads plans one after another grew by each plan's JSON, 33 MB for a plan of
    100,000 nodes); it is also slower. The JSON of a YAML plan is about a third longer than
    the YAML: the buffer is half as long again as the ``size`` of the YAML, and where that is
    too short, the emitter has said how long the text is and it is written again."""
    buf = bytearray(size + size // 2 + 4096)
    root = tree.root_id()
    failed, length = ryml.emit_json_to_substr(tree, root, buf)
    if failed:  # (short scalars in flow lists: more quotes and commas than the YAML has)
        buf = bytearray(length)
        failed, length = ryml.emit_json_to_substr(tree, root, buf)
        if failed:  # pragma: no cover - the length said is the length written
            raise NotPlain("rapidyaml cannot write it out")
    return str(memoryview(buf)[:length], "utf-8")


@contextmanager
def _quiet_stderr() -> Iterator[None]:
    """Keep rapidyaml's own report of a syntax error off the terminal (the precise parser
    reports the error the way the rest of the tool does)."""
    try:
        saved = os.dup(2)
    except OSError:  # pragma: no cover - no standard error at all
        yield
        return
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
        os.close(devnull)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


_NODE_LISTS = ("owners", "groups", "priorities", "aims", "objectives", "milestones", "indicators")
_CHILD_KEYS = ("aims", "objectives", "milestones")


def _mappings(document: dict[str, Any]) -> list[dict[str, Any]]:
    """The mappings whose position the loader needs (the plan's own, nodes, owners, groups), in
    document order."""
    out: list[dict[str, Any]] = []
    append = out.append
    for key, value in document.items():
        if key in ("plan", "vision") and isinstance(value, dict) and value:
            append(value)
        elif key in _NODE_LISTS and isinstance(value, list):
            stack: list[Iterator[Any]] = [iter(value)]
            while stack:
                for item in stack[-1]:
                    if isinstance(item, dict):
                        append(item)
                        lists = [
                            v
                            for v in (
                                item.get("aims"),
                                item.get("objectives"),
                                item.get("milestones"),
                            )
                            if isinstance(v, list)
                        ]
                        if len(lists) > 1:  # in the order written
                            lists = [
                                v
                                for k, v in item.items()
                                if k in _CHILD_KEYS and isinstance(v, list)
                            ]
                        if lists:
                            stack.append(
                                iter(lists[0] if len(lists) == 1 else [x for v in lists for x in v])
                            )
                            break
                else:
                    stack.pop()
    return out


@lru_cache(maxsize=64)
def _key_pattern(key: str) -> re.Pattern[str]:
    # The key as a literal, so that the search is a fast scan; its context is checked by
    # _positions (a regular expression with look-behinds is several times slower on a large text).
    return re.compile(rf"""{re.escape(key)}(["']?)[ \t]*:([ \t]*)""")


def _value_is(text: str, i: int, expected: str) -> bool:
    """Whether the scalar written at ``i`` reads as ``expected`` (plain, single- or
    double-quoted)."""
    c = text[i : i + 1]
    if c == '"':
        j = i + 1
        while True:
            k = text.find('"', j)
            if k < 0:
                return False
            backslashes = 0
            while text[k - 1 - backslashes] == "\\":
                backslashes += 1
            if backslashes % 2 == 0:
                break
            j = k + 1
        try:
            return bool(json.loads(text[i : k + 1]) == expected)
        except ValueError:
            return False
    if c == "'":
        j = i + 1
        while True:
            k = text.find("'", j)
            if k < 0:
                return False
            if text.startswith("''", k):
                j = k + 2
                continue
            return text[i + 1 : k].replace("''", "'") == expected
    if not text.startswith(expected, i):
        return False
    # A plain scalar ends at the end of the line, a comment, or (in flow style) , ] or }.
    rest = text[i + len(expected) : i + len(expected) + 2]
    return (
        rest[:1] in ("", "\n", "\r", ",", "]", "}")
        or rest in (" #", "\t#")
        or (rest[:1] in (" ", "\t") and _PLAIN_END.match(text, i + len(expected)) is not None)
    )


_PLAIN_END = re.compile(r"[ \t]*(?:$|[\r\n,\]}]|#)", re.MULTILINE)


_HASH_RE = re.compile("#")


def _comment_start(text: str, line_start: int, hashes: list[int]) -> int | None:
    """Where the comment of the line starting at ``line_start`` starts: its first ``#`` that
    begins the line or follows a space, with no quote left open before it on the line (``hashes``:
    where every ``#`` of the text is); ``None`` for a line without one. Worked out once a line:
    a flow or JSON plan may be one line of megabytes."""
    end = text.find("\n", line_start)
    end = len(text) if end < 0 else end
    double = single = 0
    before = line_start
    for i in range(bisect_left(hashes, line_start), len(hashes)):
        at = hashes[i]
        if at >= end:
            break
        double += text.count('"', before, at)
        single += text.count("'", before, at)
        before = at
        if (at == line_start or text[at - 1] in " \t") and double % 2 == 0 and single % 2 == 0:
            return at
    return None


def _positions(text: str, document: dict[str, Any]) -> dict[int, tuple[int, int]]:
    """Line and column (1-based) of each mapping :func:`_mappings` yields, by ``id()``.

    A mapping starts at its first key (block style) or at its ``{`` (flow style and JSON), as
    the precise parser says. The first key is searched in document order, and accepted only
    where the text after it reads as the value parsed (so an ``id:`` inside a text or an
    indicator reference is skipped).
    """
    # Run once per node of the plan: written for speed, with the common case (a plain key and a
    # plain value ending its line) tested first.
    out: dict[int, tuple[int, int]] = {}
    cursor = 0
    line, line_at, line_start = 1, 0, 0
    hashes = [m.start() for m in _HASH_RE.finditer(text)] if "#" in text else []
    comments: dict[int, int | None] = {}  # line start -> where its comment starts
    for mapping in _mappings(document):
        for key in mapping:  # noqa: B007 (the first key)
            break
        else:
            raise NotPlain("an empty mapping")
        value = mapping[key]
        expected = (
            None if isinstance(value, (dict, list)) else ("" if value is None else str(value))
        )
        search = _key_pattern(str(key)).search
        while True:
            m = search(text, cursor)
            if m is None:
                raise NotPlain(f"cannot find {key!r}")
            start, at = m.start(), m.end()  # (``at``: after the colon and the spaces after it)
            cursor = at
            quote = m.group(1)
            if quote:
                start -= 1
                if start < 0 or text[start] != quote:
                    continue
            elif not m.group(2) and text[at : at + 1] not in ("", "\r", "\n"):
                continue  # a plain key is followed by a space or the end of the line
            if start and text[start - 1] not in " \t\r\n{,[":
                continue  # part of a longer word
            if hashes:  # (a text with no "#" has no comment)
                this_line = max(text.rfind("\n", line_at, start) + 1, line_start)
                if this_line not in comments:
                    comments[this_line] = _comment_start(text, this_line, hashes)
                comment = comments[this_line]
                if comment is not None and comment < start:
                    continue  # "# the old id: P1" above the node
            if expected is None:
                break
            if expected:
                after = at + len(expected)
                if text.startswith(expected, at) and text[after : after + 1] == "\n":
                    break  # plain, ending the line
                if (
                    text[at : at + 1] == '"'
                    and text[after + 1 : after + 2] == '"'
                    and text.startswith(expected, at + 1)
                    and '"' not in expected
                    and "\\" not in expected
                ):
                    break  # double-quoted without escapes (JSON)
                if _value_is(text, at, expected):
                    break
            elif text[at : at + 1] in ("\n", "\r", "#", ""):
                break
        j = start - 1
        while j >= 0 and text[j] in " \t\r\n":
            j -= 1
        if j >= 0 and text[j] == "{":
            start = j
        breaks = text.count("\n", line_at, start)
        if breaks:
            line += breaks
            line_start = text.rfind("\n", line_at, start) + 1
        line_at = start
        # (searched back only as far as the mapping before: a JSON plan on one line is megabytes)
        column = start - line_start + 1
        out[id(mapping)] = (line, column)
    return out


def fast_parse(
    text: str, *, json_input: bool = False
) -> tuple[Any, dict[int, tuple[int, int]]] | None:
    """Parse a plan that is plain data quickly, or answer ``None`` (see the module documentation).

    Parameters
    ----------
    text : str
        The document.
    json_input : bool
        The text is JSON (read with :func:`json.loads`); otherwise YAML (read with rapidyaml).

    Returns
    -------
    (document, positions) or None
        The document as plain ``dict``/``list``/``str``/``None`` values (numbers as the text
        written), and the (line, column) of each node, owner and group mapping by ``id()``;
        ``None`` when the precise parser must be used.

    Examples
    --------
    >>> text = '{"format": "outcome-graph/v1", "priorities": [{"id": "P1", "number": 1.10}]}'
    >>> doc, where = fast_parse(text, json_input=True)
    >>> doc["priorities"][0]["number"], where[id(doc["priorities"][0])]
    ('1.10', (1, 47))
    >>> fast_parse("a: &anchor [1]") is None   # an anchor: the precise parser reads it
    True
    """
    document = fast_document(text, json_input=json_input)
    if document is None:
        return None
    try:
        with gc_paused():
            return document, _positions(text, document)
    except NotPlain:
        return None


def fast_document(
    text: str, *, json_input: bool = False, screen: bool = True
) -> dict[str, Any] | None:
    """The first half of :func:`fast_parse`: the document without positions, or ``None``.

    :class:`Positions` then finds the positions (:exc:`NotPlain` when the precise parser must
    be used after all), possibly in a child process while the caller validates the document.

    ``screen=False`` leaves out, for YAML, the search for what rapidyaml could read differently
    from PyYAML (:func:`plain_yaml`): the document must not be trusted until that search, which
    :class:`Positions` then makes, has passed. (rapidyaml neither constructs tags nor expands
    aliases, so reading an unscreened text is safe.)
    """
    try:
        with gc_paused():
            if json_input:
                if ("true" in text or "false" in text) and _JSON_SCREEN.search(text):
                    raise NotPlain("true or false where text is read")
                document = _read_json(text)
            else:
                document = _read_yaml(text, screen=screen)
            if not isinstance(document, dict):
                raise NotPlain("not a mapping")
            return document
    except NotPlain:
        return None


class Positions:
    """The positions of a document from :func:`fast_document`, found when first asked for.

    With ``screen``, the YAML text is first screened as :func:`fast_document` would have (it was
    read with ``screen=False``). With ``in_child``, a forked child starts on them at once, and the
    caller's process goes on (validating the document: the two take about as long on a large plan).
    The child reads the document and the text from the memory it shares with its parent and sends
    back only the positions, keyed by the ``id()`` of mappings that are the same objects in both
    processes. If the child fails, the positions are found here instead.
    """

    def __init__(
        self, text: str, document: dict[str, Any], *, in_child: bool = False, screen: bool = False
    ) -> None:
        self._text = text
        self._document = document
        self._screen = screen
        self._child: Forked[dict[int, tuple[int, int]]] | None = None
        self._value: dict[int, tuple[int, int]] | None = None
        if in_child:
            try:
                self._child = Forked(self._find)
            except ChildFailed:  # no child to be had: found here when asked
                self._child = None

    def _find(self) -> dict[int, tuple[int, int]]:
        if self._screen and not plain_yaml(self._text):
            raise NotPlain("more than plain data")
        return _positions(self._text, self._document)

    def __call__(self) -> dict[int, tuple[int, int]]:
        """The (line, column) of each node, owner and group mapping by ``id()``; :exc:`NotPlain`
        when the text cannot be matched with the document (the precise parser must read it)."""
        if self._value is None:
            child, self._child = self._child, None
            if child is not None:
                try:
                    self._value = child.result()
                except ChildFailed:
                    pass
            if self._value is None:
                with gc_paused():
                    self._value = self._find()
        return self._value

    def close(self) -> None:
        """Stop the child if its positions are no longer wanted; reap it if it sent them."""
        if self._child is not None:
            self._child.cancel()
            self._child = None
        reap()
