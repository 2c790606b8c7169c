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


def html_lines(lines: Sequence[str]) -> str:
    """Lines of plain text as the escaped text of an HTML-like label, one ``<BR/>`` between lines."""
    return "<BR/>".join(dot_html(line) for line in lines)
