"""Fragments: a lead cut at every separator the format names (`` & ``, `` and ``, `` / ``, ``;``,
``,``, a line break), never inside parentheses or the words a parenthesised acronym abbreviates;
and a lead with too many separators to be a list of owners (:func:`too_many_parts`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice

from .acronyms import _TOKEN_RE, _acronym_span, _is_paren, _paren_acronym

# (each separator starts where a run of spaces starts: tried at every space of a long run, the
# pattern would scan the rest of the run each time)
# A line break with no other separator beside it separates too (a cell written one owner a line).
_SEP_RE = re.compile(
    r"(?<!\s)(?:\s+(?:&|and)\s+|\s+/\s+|\s*;\s*|\s*,\s*|[^\S\n]*\n\s*)", re.IGNORECASE
)
#: A lead with more separators than this is no list of owners (a paragraph pasted into the lead
#: cell): it is kept whole rather than cut, which would take time growing with its square.
MAX_LEAD_SEPARATORS = 32
_STRIP_CHARS = " \t\r\n,;:/&.-–—"


@dataclass
class _Frag:
    start: int
    end: int
    sep: str  # "", ",", "and", ";", "/", "\n" (a line break alone)
    known: bool = False
    titled: bool = False  # starts with a bare title that belongs to the words after it


#: The separators (as :func:`_sep_kind` gives them) after which another lead starts for sure: no
#: name learnt from another lead joins the pieces on either side (:meth:`OwnerIndex.relearn`).
_HARD_SEPS = frozenset({";", "/", "\n"})


def _sep_kind(sep: str) -> str:
    s = sep.strip().casefold()
    if s in ("&", "and"):
        return "and"
    return s or "\n"  # (nothing but spaces: a line break)


def _protected_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges not to split: parentheses and the words an acronym abbreviates."""
    return [span for spans in _parentheses(text) for span in spans]


def _parentheses(text: str) -> Iterator[tuple[tuple[int, int], ...]]:
    """Each parenthesis of a text, as its character range, and for an acronym that follows the
    words it abbreviates (``Drug and Alcohol Action Team (DAAT)``) the range of those words and
    the acronym as well."""
    matches = list(_TOKEN_RE.finditer(text))
    for idx, m in enumerate(matches):
        tok = m.group()
        if not _is_paren(tok):
            continue
        letters = _paren_acronym(tok)
        start = None
        if letters is not None:
            before = [x.group() for x in matches[max(0, idx - 12) : idx]]
            start = _acronym_span(before, letters)
        if start is None:
            yield (m.span(),)
        else:
            yield m.span(), (matches[max(0, idx - 12) + start].start(), m.end())


def _acronyms_in_place(text: str) -> str | None:
    """The text with the words each parenthesised acronym abbreviates replaced by the acronym,
    when one stands before its end (``Head of Service, Drug and Alcohol Action Team (DAAT) and
    YOS``: ``Head of Service, DAAT and YOS``); None for no such acronym (one at the end is
    compared as the name's own acronym)."""
    spans = [spans for spans in _parentheses(text) if len(spans) == 2]
    end = len(text.rstrip())
    if not spans or all(paren[1] == end for paren, _ in spans):
        return None
    out, pos = [], 0
    for (paren_start, paren_end), (start, _) in spans:
        out.append(text[pos:start] + text[paren_start + 1 : paren_end - 1])
        pos = paren_end
    return "".join(out) + text[pos:]


def _raw_fragments(text: str) -> list[_Frag]:
    protected = _protected_ranges(text)
    frags: list[_Frag] = []
    pos = 0
    sep = ""
    for m in _SEP_RE.finditer(text):
        if any(a < m.end() and m.start() < b for a, b in protected):
            continue
        if text[pos : m.start()].strip(_STRIP_CHARS):
            frags.append(_Frag(pos, m.start(), sep))
            sep = _sep_kind(m.group())
        elif not frags:
            sep = ""
        else:
            sep = _sep_kind(m.group())
        pos = m.end()
    if text[pos:].strip(_STRIP_CHARS):
        frags.append(_Frag(pos, len(text), sep))
    if frags:
        frags[0].sep = ""
    return frags


def _clean(text: str) -> str:
    return text.strip(_STRIP_CHARS)


def too_many_parts(text: str) -> bool:
    """Whether a lead has more than :data:`MAX_LEAD_SEPARATORS` separators, and so is kept whole
    rather than split into joint leads (the loader tells the user so, in a notice).

    >>> too_many_parts(", ".join(["SILS"] * 33)), too_many_parts(", ".join(["SILS"] * 34))
    (False, True)
    """
    # (every separator holds a comma, a semicolon, '&', '/', a line break or 'and': counting them
    # first, in C, spares the pattern nearly every lead)
    if len(text) <= MAX_LEAD_SEPARATORS or (
        text.count(",")
        + text.count(";")
        + text.count("&")
        + text.count("/")
        + text.count("\n")
        + text.lower().count("and")
        <= MAX_LEAD_SEPARATORS
    ):
        return False
    return next(islice(_SEP_RE.finditer(text), MAX_LEAD_SEPARATORS, None), None) is not None
