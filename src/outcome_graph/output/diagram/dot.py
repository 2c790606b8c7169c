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

    def point(self, name: str, svg_id: str, css_class: str | None = None) -> None:
        """A hidden point (no size, no label): a node that only holds lines or ranks in place."""
        values: dict[str, object] = {"id": svg_id}
        if css_class is not None:
            values["class"] = css_class
        self.node(
            name,
            {**values, "shape": "point", "style": "invis", "width": 0, "height": 0, "label": ""},
        )

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
        room = last[
            : width - 1
        ]  # (the word the cut falls in ends at width - 2 when a space follows it)
        space = room.rfind(" ")
        last = (
            room[:space] if space > width // 2 else last[: width - 2]
        )  # (a long word alone: cut it)
    kept[-1] = last.rstrip(" ,;:.-") + " …"
    return kept, True


MOST_BALANCED = 40  # (words and pieces of hyphenated words; a title has a dozen or two)
#: A text of this many words or more does not end on a line of one word (a "widow") where a break
#: into as many lines of the width keeps two on it.
WIDOW_WORDS = 4
_HYPHENS = textwrap.TextWrapper.wordsep_re  # (how textwrap, and so wrap, breaks a hyphenated word)


def balanced_wrap(text: str, width: int, max_lines: int) -> tuple[list[str], bool]:
    """As :func:`wrap`, but the lines are as even as they can be: as few lines as :func:`wrap`
    makes, the longest as short as it can be, then the lengths as near each other as they can be
    (filled line by line, a title left a word or two alone under full lines: "…reduce the / impact
    of child / poverty"). A text of :data:`WIDOW_WORDS` words or more does not end on a word alone
    ("Help young people / to achieve economic / well-being", "Head of Specialist / Services") where
    lines as many, of the width, can end on two: the longest line is then the shortest that can.

    Words break where :func:`wrap` breaks them (at spaces, and after the hyphen of a hyphenated
    word). A text that needs more than ``max_lines`` lines is cut at a word, as :func:`wrap` cuts
    it, and the words kept are balanced with the ``…``. A word longer than ``width`` is left to
    :func:`wrap`, which breaks it, and so is a text whose lines kept hold more than
    :data:`MOST_BALANCED` words (the work grows with the words kept times the words a line holds,
    and a label is made for every node of a large plan)."""
    pieces, spaced = _chunks(text)
    if any(len(piece) > width for piece in pieces):
        return wrap(text, width, max_lines)
    count, kept, last = _greedy_count(pieces, spaced, width, max_lines)
    if kept > MOST_BALANCED:
        return wrap(text, width, max_lines)
    cut = count > max_lines
    if cut:
        pieces, spaced = _cut(pieces[:kept], spaced[:kept], last, width)
        count = max_lines
    if count <= 1:
        return [_join(pieces, spaced, 0, len(pieces))], cut
    breaks = _even_breaks(pieces, spaced, width, count, _last_start(spaced, cut))
    return [_join(pieces, spaced, a, b) for a, b in breaks], cut


def _last_start(spaced: Sequence[bool], cut: bool) -> int | None:
    """The latest piece the last line may start at to hold two words or more (of a text cut short,
    two words before its ``…``); None where the text has fewer than :data:`WIDOW_WORDS` words."""
    words = [
        k for k in range(1, len(spaced) - cut) if spaced[k]
    ]  # (where each word after the first starts)
    if len(words) + 1 < WIDOW_WORDS:
        return None
    return words[-1] - 1


def _chunks(text: str) -> tuple[list[str], list[bool]]:
    """The pieces :func:`wrap` may break ``text`` between (words, and hyphenated words after each
    hyphen), each with whether a space comes before it."""
    if "-" not in text:
        words = text.split()
        return words or [""], [bool(k) for k in range(len(words))] or [False]
    pieces: list[str] = []
    spaced: list[bool] = []
    for word in text.split():
        parts = [p for p in _HYPHENS.split(word) if p] if "-" in word else [word]
        spaced.append(bool(pieces))
        spaced.extend([False] * (len(parts) - 1))
        pieces.extend(parts)
    return pieces or [""], spaced or [False]


def _greedy_count(
    pieces: Sequence[str], spaced: Sequence[bool], width: int, max_lines: int
) -> tuple[int, int, int]:
    """How many lines filling each line in turn takes (the fewest there can be: no piece is longer
    than ``width``), stopping after ``max_lines``; how many
    pieces those lines hold, and where the last of them starts."""
    lines, used, start = 1, 0, 0
    for k, piece in enumerate(pieces):
        if used and used + spaced[k] + len(piece) > width:
            if lines == max_lines:
                return lines + 1, k, start
            lines, used, start = lines + 1, len(piece), k
        else:
            used += (spaced[k] if used else 0) + len(piece)
    return lines, len(pieces), start


def _cut(
    pieces: list[str], spaced: list[bool], first: int, width: int
) -> tuple[list[str], list[bool]]:
    """The pieces kept of a text too long for its lines, ending in ``…``: the last pieces of the
    last line (from ``first``) are let go until ``…`` fits on it (a piece alone there is cut short
    instead), and the kept text does not end in a
    comma, hyphen or other stop ("judged good or …")."""
    last = len(pieces) - 1
    while last > first and len(_join(pieces, spaced, first, last + 1)) + 2 > width:
        last -= 1
    kept = pieces[: last + 1]
    if (
        len(_join(kept, spaced, first, last + 1)) + 2 > width
    ):  # (one long piece alone on the last line)
        kept[last] = kept[last][: width - 2]
    kept[-1] = kept[-1].rstrip(" ,;:.-")
    while not kept[-1] and len(kept) > 1:
        kept.pop()
        kept[-1] = kept[-1].rstrip(" ,;:.-")
    return [*kept, "…"], [*spaced[: len(kept)], True]


def _join(pieces: Sequence[str], spaced: Sequence[bool], a: int, b: int) -> str:
    """Pieces ``a`` to ``b`` on one line: spaces between them where the text had them."""
    if all(spaced[a + 1 : b]):
        return " ".join(pieces[a:b])
    return pieces[a] + "".join(
        " " + p if s else p for p, s in zip(pieces[a + 1 : b], spaced[a + 1 : b])
    )


def _even_breaks(
    pieces: Sequence[str],
    spaced: Sequence[bool],
    width: int,
    count: int,
    last_start: int | None = None,
) -> list[tuple[int, int]]:
    """Where ``pieces`` break into ``count`` lines (each a start and an end index) so that the
    longest line is as short as it can be, and then the sum of the lines' squared lengths is the
    least (lines of near-equal length). With ``last_start``, the last line starts there or before
    (it holds two words) where some break of lines of ``width`` lets it, the longest line then being
    as short as it can be (one line longer that way or two is better than a word alone under them).

    ``count`` is at least what filling lines of ``width`` in turn takes, so such breaks exist. First
    the shortest longest line, by halving the lengths it can have (lines filled in turn tell whether
    a length is enough), then the even breaks under it; a line holds few pieces (it is at most
    ``width`` long), so the work grows with the pieces, not with their square."""
    n = len(pieces)
    starts = [0]
    for piece, space in zip(pieces, spaced):
        starts.append(starts[-1] + space + len(piece))
    # (too short: a line is no shorter than its pieces, nor the longest line than their mean)
    low = max(max(map(len, pieces)), -(-(starts[n] - count + 1) // count)) - 1
    high = width  # (long enough)
    while high - low > 1:
        middle = (low + high) // 2
        if _lines_within(starts, spaced, middle) <= count:
            high = middle
        else:
            low = middle
    breaks = _least_squares(starts, spaced, high, count)
    assert breaks is not None  # (lines of ``high`` fill no more than ``count`` lines)
    if last_start is None or breaks[-1][0] <= last_start:
        return breaks
    if _least_squares(starts, spaced, width, count, last_start) is None:
        return breaks  # (no break of the width keeps two words on the last line)
    low = high  # (the widow's breaks: too short for two words on the last line)
    high = width
    while high - low > 1:
        middle = (low + high) // 2
        if _least_squares(starts, spaced, middle, count, last_start) is not None:
            high = middle
        else:
            low = middle
    even = _least_squares(starts, spaced, high, count, last_start)
    assert even is not None
    return even


def _lines_within(starts: Sequence[int], spaced: Sequence[bool], width: int) -> int:
    """How many lines of at most ``width`` the pieces (their ``starts``) take, filled in turn."""
    lines, first = 1, 0
    for end in range(2, len(starts)):
        if starts[end] - starts[first] - spaced[first] > width:
            lines, first = lines + 1, end - 1
    return lines


def _least_squares(
    starts: Sequence[int],
    spaced: Sequence[bool],
    width: int,
    count: int,
    last_start: int | None = None,
) -> list[tuple[int, int]] | None:
    """The breaks into ``count`` lines of at most ``width`` with the least sum of squared lengths,
    the last line starting at ``last_start`` or before
    (None: anywhere); None where there are none."""
    n = len(starts) - 1
    # best[j]: the least sum of squares of the first j pieces in the lines so far (None: they do not
    # fit); froms: for each line after the first, where it starts when it ends at piece j
    best: list[int | None] = [None] * (n + 1)
    for j in range(1, n + 1):
        size = starts[j]
        if size > width:
            break
        best[j] = size * size
    froms: list[list[int]] = []
    for k in range(2, count + 1):
        now: list[int | None] = [None] * (n + 1)
        came = [0] * (n + 1)
        for j in (n,) if k == count else range(k, n - count + k + 1):
            top = j - 1 if k < count or last_start is None else min(j - 1, last_start)
            for i in range(top, k - 2, -1):  # (the line of pieces i to j after the first i pieces)
                size = starts[j] - starts[i] - spaced[i]
                if size > width:
                    break
                before = best[i]
                if before is not None:
                    cost = before + size * size
                    least = now[j]
                    if least is None or cost < least:
                        now[j], came[j] = cost, i
        best = now
        froms.append(came)
    if best[n] is None:
        return None
    breaks, j = [], n
    for came in reversed(froms):
        breaks.append((came[j], j))
        j = came[j]
    breaks.append((0, j))
    return breaks[::-1]


def html_lines(lines: Sequence[str]) -> str:
    """Lines of plain text as the escaped text of an HTML-like label, one ``<BR/>`` between
    lines."""
    return "<BR/>".join(dot_html(line) for line in lines)
