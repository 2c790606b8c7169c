"""How a timing is shown: the source words quoted and the reading put in words.

Every reading records how the text was read ("'End Feb 2011' read as by the end of February
2011"), so a finding can show the user what the tool understood; these helpers quote the
source, keep the words written around a date as its label, and word a date with what
comes before it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .lexicon import LABEL_PUNCT, LEADING_WORDS, TRAILING_WORDS
from .patterns import SPACES_RE

if TYPE_CHECKING:
    from .items import Item


def quoted(text: str, limit: int = 60) -> str:
    """Quote source words for a message: one line, at most ``limit`` characters."""
    t = SPACES_RE.sub(" ", text).strip()
    if len(t) > limit:
        t = t[: limit - 1].rstrip() + "…"
    return f"'{t}'"


def label_of(text: str) -> str:
    """The words around a date, without edge punctuation and joining words, at most 40
    characters."""
    words = [w.strip(LABEL_PUNCT) for w in text.split()]
    words = [w for w in words if w]
    while words and words[-1].lower() in TRAILING_WORDS:
        words.pop()
    while words and words[0].lower() in LEADING_WORDS:
        words.pop(0)
    t = " ".join(words)
    if len(t) > 40:
        t = t[:39].rstrip() + "…"
    return t


def describe(item: Item) -> str:
    """An item's reading with its modifier, e.g. 'by the end of June 2011'."""
    if item.open:
        return f"from {item.short} onwards"
    if item.mod in ("end", "by"):
        if item.level == "day":
            return f"by {item.long}"
        if item.deadline:
            # (a season, term or part of a year: 'by the end of the spring term 2012 (...)')
            return f"by the end of {item.deadline}"
        return f"by the end of {item.long if item.level == 'year' else item.short}"
    if item.mod == "year_end":
        return f"by the end of {item.short}, the end of {item.long}"
    if item.level == "day":  # (the beginning, middle or end of one day is that day)
        return item.long
    if item.mod == "start":
        return f"the beginning of {item.short}"
    if item.mod == "mid":
        return f"mid-{item.short}"
    if item.mod == "late":
        return f"late {item.short}"
    return item.long
