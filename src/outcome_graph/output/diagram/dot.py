"""A small DOT writer and the text helpers of labels.

Every piece of plan text goes through the escaping functions of :mod:`outcome_graph.output.escape`:
names and values by :class:`Dot`, the text of HTML-like labels by :func:`html_lines` (or
:func:`~outcome_graph.output.escape.dot_html` where a label is written by hand).
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Mapping, Sequence
from typing import TypeVar

from ..escape import dot_html, dot_id, dot_tooltip

_T = TypeVar("_T")


class Html(str):
    """An HTML-like label, already escaped: written between ``<`` and ``>``."""


class Dot:
    """A DOT document being written; every value goes through the escaping functions."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.depth = 1

    @staticmethod
    def attrs(values: dict[str, object]) -> str:
        parts = []
        for key, value in values.items():
            if value is None:
                continue
            if isinstance(value, Html):
                parts.append(f"{key}=<{value}>")
            elif key == "tooltip":
                parts.append(f"{key}={dot_tooltip(value)}")
            elif isinstance(value, bool):
                parts.append(f"{key}={'true' if value else 'false'}")
            elif isinstance(value, (int, float)):
                parts.append(f"{key}={num(value)}")
            else:
                parts.append(f"{key}={dot_id(value)}")
        return "[" + ", ".join(parts) + "]" if parts else ""

    def line(self, text: str) -> None:
        self.lines.append("  " * self.depth + text)

    def defaults(self, what: str, values: dict[str, object]) -> None:
        self.line(f"{what} {self.attrs(values)};")

    def node(self, name: str, values: dict[str, object]) -> None:
        self.line(f"{dot_id(name)} {self.attrs(values)};".replace(" ;", ";"))

    def edge(self, tail: str, head: str, values: dict[str, object]) -> None:
        self.line(f"{dot_id(tail)} -> {dot_id(head)} {self.attrs(values)};".replace(" ;", ";"))

    def same_rank(self, names: Iterable[str]) -> None:
        """Put the named nodes on one rank."""
        self.line("{rank=same; " + "; ".join(dot_id(n) for n in names) + ";}")

    def open(self, header: str) -> None:
        self.line(header + " {")
        self.depth += 1

    def close(self) -> None:
        self.depth -= 1
        self.line("}")

    def text(self, name: str, graph_attrs: Mapping[str, object]) -> str:
        head = [f"digraph {dot_id(name)} {{"]
        for key, value in graph_attrs.items():
            if value is not None:
                head.append(f"  {self.attrs({key: value})[1:-1]};")
        return "\n".join([*head, *self.lines, "}"]) + "\n"


def flip(items: Iterable[_T], lr: bool) -> list[_T]:
    """``items`` in the order to write them for the drawing's direction (``lr``: left to right).

    dot lays out top to bottom and turns the drawing for LR, which reverses the order of siblings:
    writing them in reverse keeps file order top to bottom.
    """
    return list(reversed(list(items))) if lr else list(items)


def num(value: float) -> str:
    """A number as DOT writes it: whole numbers without a decimal point, others to two places."""
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}".rstrip("0")


def wrap(text: str, width: int, max_lines: int) -> tuple[list[str], bool]:
    """Lines of at most ``width`` characters (long words broken); cut at ``max_lines`` with ``…``.

    A cut falls between words ("judged good or …", not "judged good or bett …"), unless the last
    line kept is mostly one long word."""
    words = " ".join(text.split())
    lines = textwrap.wrap(words, width=width, break_long_words=True, break_on_hyphens=True) or [""]
    if len(lines) <= max_lines:
        return lines, False
    kept = lines[:max_lines]
    last = kept[-1]
    if len(last) > width - 2:
        room = last[: width - 1]  # (the word the cut falls in ends at width - 2 when a space follows it)
        space = room.rfind(" ")
        last = room[:space] if space > width // 2 else last[: width - 2]  # (a long word alone: cut it)
    kept[-1] = last.rstrip(" ,;:.-") + " …"
    return kept, True


def balanced_wrap(text: str, width: int, max_lines: int) -> tuple[list[str], bool]:
    """As :func:`wrap`, but the lines are as even as they can be: as few lines as at ``width``,
    the longest as short as it can be, then the lengths as near each other as they can be (a long
    title broke into a full line and a word or two alone under it).

    A word longer than ``width`` is broken into pieces of ``width``, as :func:`wrap` breaks it; a
    text that needs more than ``max_lines`` lines is cut as :func:`wrap` cuts it."""
    words = [piece for word in text.split() for piece in _pieces(word, width)]
    count = len(_greedy(words, width))
    if count > max_lines:
        return wrap(text, width, max_lines)
    if count <= 1:
        return [" ".join(words)], False
    return [" ".join(words[a:b]) for a, b in _even_breaks(words, count)], False


def _pieces(word: str, width: int) -> list[str]:
    """A word as pieces of at most ``width`` characters (itself, unless it is longer)."""
    return [word[i:i + width] for i in range(0, len(word), width)]


def _greedy(words: Sequence[str], width: int) -> list[list[str]]:
    """Words filled into lines of at most ``width`` characters, each line as full as it goes: the
    fewest lines there can be (no word is longer than ``width``)."""
    lines: list[list[str]] = [[]]
    used = -1
    for word in words:
        if lines[-1] and used + 1 + len(word) > width:
            lines.append([])
            used = -1
        lines[-1].append(word)
        used += 1 + len(word)
    return lines


def _even_breaks(words: Sequence[str], count: int) -> list[tuple[int, int]]:
    """Where ``words`` break into ``count`` lines (each a start and an end index) so that the longest
    line is as short as it can be, and then the sum of the lines' squared lengths is the least
    (lines of near-equal length)."""
    n = len(words)
    starts = [0]
    for word in words:
        starts.append(starts[-1] + len(word) + 1)

    def length(a: int, b: int) -> int:
        return starts[b] - starts[a] - 1

    # best[k][j]: the cost of the first j words in k lines, as (longest, sum of squares), with where
    # the last of those lines starts; None where they cannot be set in k lines
    best: list[list[tuple[tuple[int, int], int] | None]] = [[None] * (n + 1) for _ in range(count + 1)]
    best[0][0] = ((0, 0), 0)
    for k in range(1, count + 1):
        for j in range(k, n - (count - k) + 1):
            options = []
            for i in range(k - 1, j):  # (the line of words i to j after the first i words in k - 1 lines)
                before = best[k - 1][i]
                if before is not None:
                    (longest, squares), size = before[0], length(i, j)
                    options.append(((max(longest, size), squares + size * size), i))
            best[k][j] = min(options, default=None)
    breaks, j = [], n
    for k in range(count, 0, -1):
        reached = best[k][j]
        assert reached is not None  # (count is at most the number of words: they can be set in count lines)
        i = reached[1]
        breaks.append((i, j))
        j = i
    return breaks[::-1]


def html_lines(lines: Sequence[str]) -> str:
    """Lines of plain text as the escaped text of an HTML-like label, one ``<BR/>`` between lines."""
    return "<BR/>".join(dot_html(line) for line in lines)
