"""Typing slips a reader passes over: a month or season misspelt by one slip, a year typed with an
O.

Plans are typed by many hands, and "Sumer 2011", "Autum term", "Febuary 2012" or "Spetember 2011"
mean what they nearly say. A word is mended only when it is its name typed with one slip (two
letters next to each other swapped, one left out, one added, or, in a name of seven letters or more,
one replaced; the first letter kept), it has five letters or more, it stands where a date is written
(next to a number, before "term" or another date's name, or alone), and it is no English word of its
own ("Sprig", "Summery", "Augusta"): no measure of likeness that could make a real word a month. The
text is mended in place, each slip in as many characters as it was typed, and each mended word is
named in the reading ("'Sumer' taken as summer").
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .lexicon import MONTH_NAMES

#: What a misspelt month or season is written as in the matching text, after its first three
#: letters: the patterns read "sum" and this mark ("sum\x00\x00" for "Sumer") as the name, whatever
#: its length.
MARK = "\x00"

#: The names a slip is looked for in: months of five letters or more (one slip from "May", "June" or
#: "July" makes other words too readily), and the seasons.
_NAMES: dict[str, str] = {name.lower(): name for name in MONTH_NAMES if len(name) >= 5} | {
    season: season for season in ("spring", "summer", "autumn", "winter")
}
_BY_FIRST: dict[str, tuple[str, ...]] = {
    first: tuple(name for name in _NAMES if name[0] == first)
    for first in {name[0] for name in _NAMES}
}
_SEASONS = frozenset(("spring", "summer", "autumn", "winter"))
#: English words one slip from a name: words of their own, not slips
NOT_SLIPS = frozenset(
    (
        "sprig",
        "springy",
        "sparing",
        "sporing",
        "spiring",
        "summery",
        "scummer",
        "wintery",
        "augusta",
    )
)

#: what may follow a date's name: a number, 'term', 'half term', 'holidays', another month or
#: season, or a quarter ('Sumer 2011', 'Autum term', 'Sumer/Autumn 2012', 'Arpil to June 2012')
_DATE_AFTER = (
    r"(?=[\s,.'/&-]*(?:(?:and|to|until|till|or)\s+)?(?:\d|(?:half[-\s]?)?terms?(?![a-z])|hol|break"
    r"|spring|summer|autumn|winter|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|q\d))"
)
_SLIP_RE = re.compile(
    r"(?<![a-z0-9])(?P<w1>[a-z]{5,10})(?![a-z])"
    + _DATE_AFTER
    + r"|(?<=\d)(?:st|nd|rd|th)?\s+(?P<w2>[a-z]{5,10})(?![a-z])",
    re.I | re.A,
)
#: a short month misspelt where a date evidently stands: before a year ('Jnue 2012', 'Juyl 11'), or
#: before a range or list to a name and a year ('Jnue - Juyl 2012', 'Mya and June 2012'), or after a
#: day ('12 Juyl', '3rd of Jnue')
_SHORT_SLIP_RE = re.compile(
    r"(?<![a-z0-9])(?P<w1>[a-z]{3,5})(?![a-z])(?=[\s,'-]*(?:\d{4}|'?\d\d)(?![\d%])"
    r"|\s*(?:-+|/|&|,|and|to|until|till|or)\s*[a-z]{3,9}\.?[\s,'-]*(?:\d{4}|'?\d\d)(?![\d%]))"
    r"|(?<![\d/.,:])(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd"
    r"|th)?\s+(?:of\s+)?(?P<w2>[a-z]{3,5})(?![a-z])",
    re.I | re.A,
)
#: a word alone, or after a deadline's words, as the whole timescale ('Febuary', 'by Autum')
_ALONE_RE = re.compile(
    r"\s*(?:(?:by|until|till|due|before|from"
    r"|end(?:\s+of)?)\s+(?:the\s+)?)?(?P<w>[a-z]{5,10})[\s.!]*",
    re.I | re.A,
)
#: A year typed with the letter O for a zero ('June 2o12').
_O_FOR_ZERO_RE = re.compile(
    r"(?<![a-z0-9])(?=[12][0-9o]{3}(?![a-z0-9]))(?=\d*o)(?:19|2[0o])[0-9o]{2}", re.I | re.A
)


class Slip(NamedTuple):
    """A misspelt name mended: where it was written, as written, and the name taken."""

    start: int
    end: int
    written: str
    name: str


def one_slip(word: str, name: str) -> bool:
    """Whether ``word`` (in lower case) is ``name`` typed with one slip: two letters next to each
    other swapped, one left out, one added (but an 's' at the end makes a plural: 'Springs'), or, in
    a name of seven letters or more, one replaced; the first letter is kept.

    >>> one_slip("mrach", "march"), one_slip("sumer", "summer"), one_slip("febuary", "february")
    (True, True, True)
    >>> one_slip("sprint", "spring"), one_slip("springs", "spring"), one_slip(
    ...     "decenber", "december"
    ... )
    (False, False, True)
    """
    n, w = len(name), len(word)
    if word == name or not word or word[0] != name[0]:
        return False
    if w == n:
        diff = [i for i in range(n) if word[i] != name[i]]
        if len(diff) == 1:
            return n >= 7
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and word[diff[0]] == name[diff[1]]
            and word[diff[1]] == name[diff[0]]
        )
    if w == n - 1:
        return any(word == name[:i] + name[i + 1 :] for i in range(1, n))
    if w == n + 1:
        return word != name + "s" and any(name == word[:i] + word[i + 1 :] for i in range(1, w))
    return False


#: The months of four letters or fewer: a slip of one is mended only where a date evidently stands
#: (a year after it, a day before it), and only a slip that makes no word: two letters swapped, one
#: left out or one doubled ('Jnue', 'Juyl', 'Jly', 'Mya', 'Jully'), not any letter added ('many',
#: 'mary', 'mayo' stay words)
_SHORT_NAMES = ("may", "june", "july")
#: the months' own short forms, read as they are ('Jun', 'Jul', 'Sept'): no slips
_SHORT_FORMS = frozenset(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec")
)


def short_slip(word: str, name: str) -> bool:
    """Whether ``word`` (in lower case) is the short month ``name`` with one slip that makes no
    English word: two letters next to each other swapped, one left out (not the first), or one
    doubled.

    >>> [
    ...     short_slip(w, n)
    ...     for w, n in [("jnue", "june"), ("jly", "july"), ("mya", "may"), ("jully", "july")]
    ... ]
    [True, True, True, True]
    >>> [
    ...     short_slip(w, n)
    ...     for w, n in [("many", "may"), ("mary", "may"), ("my", "may"), ("jun", "june")]
    ... ]
    [False, False, False, True]
    """
    if len(word) == len(name) + 1:
        return any(
            word[i] == word[i + 1] and word[:i] + word[i + 1 :] == name
            for i in range(len(word) - 1)
        )
    return len(word) >= 3 and one_slip(word, name)


def short_slip_name(word: str) -> str | None:
    """The month of four letters or fewer ``word`` is a slip of (see :func:`short_slip`), or
    None."""
    low = word.lower()
    if low in _SHORT_FORMS or low in _NAMES:
        return None
    found = [name for name in _SHORT_NAMES if short_slip(low, name)]
    return found[0] if len(found) == 1 else None


def slip_name(word: str) -> str | None:
    """The month or season ``word`` is a slip of, or None (none, or more than one: not evident)."""
    low = word.lower()
    if low in NOT_SLIPS or low in _NAMES:
        return None
    found = [name for name in _BY_FIRST.get(low[:1], ()) if one_slip(low, name)]
    return found[0] if len(found) == 1 else None


def mend(text: str) -> tuple[str, list[Slip]]:
    """The matching text of a timescale with its typing slips mended, each in as many characters,
    and the names mended: a year typed with an O for a zero (``June 2o12``), and a month or season
    misspelt (``Septmber 2011``, ``30 Ocotber``, ``Sumer 2011``, ``Autum term``) written as its
    first three letters and :data:`MARK` for the rest.

    >>> (
    ...     mend("Sumer 2011")[0] == "Sum" + MARK * 2 + " 2011",
    ...     mend("mrach 2012")[0] == "mar" + MARK * 2 + " 2012",
    ... )
    (True, True)
    >>> [s.name for s in mend("Autum term, Febuary half term")[1]]
    ['autumn', 'February']
    >>> mend("Sprint 2012"), mend("Marked 2011")
    (('Sprint 2012', []), ('Marked 2011', []))
    """
    if MARK in text:  # (the mark is the tool's own: never read from the text)
        text = text.replace(MARK, " ")
    if "o" in text or "O" in text:
        text = _O_FOR_ZERO_RE.sub(lambda m: m[0].replace("o", "0").replace("O", "0"), text)
    slips: list[Slip] = []

    def mended(m: re.Match[str], group: str, short: bool = False) -> str:
        word = m[group]
        name = short_slip_name(word) if short else slip_name(word)
        if name is None:
            return m[0]
        start = m.start(group)
        slips.append(
            Slip(start, start + len(word), word, name if name in _SEASONS else name.capitalize())
        )
        at = start - m.start()
        # (the first letter's case kept: 'mya' in lower case is as weak a month as 'may')
        first = name[0].upper() if word[0].isupper() else name[0]
        return m[0][:at] + first + name[1:3] + MARK * (len(word) - 3) + m[0][at + len(word) :]

    if (alone := _ALONE_RE.fullmatch(text)) is not None:
        return mended(alone, "w"), slips
    text = _SLIP_RE.sub(lambda m: mended(m, "w1" if m["w1"] else "w2"), text)
    if _SHORT_SLIP_RE.search(text) is None:
        return text, slips
    text = _SHORT_SLIP_RE.sub(lambda m: mended(m, "w1" if m["w1"] else "w2", short=True), text)
    slips.sort()
    return text, slips


def mended(text: str) -> str:
    """The matching text of :func:`mend` alone (the mark shown as '~' here).

    >>> [
    ...     mended(t).replace(MARK, "~")
    ...     for t in ("June 2o12", "Septmber 2011", "by 30 Ocotber", "Mrach 2012")
    ... ]
    ['June 2012', 'Sep~~~~~ 2011', 'by 30 Oct~~~~', 'Mar~~ 2012']
    >>> (
    ...     mended("Marked 2011"),
    ...     mended("Summer 2011"),
    ...     mended("Year 2 of 3"),
    ...     mended("Jnue 2012").replace(MARK, "~"),
    ... )
    ('Marked 2011', 'Summer 2011', 'Year 2 of 3', 'Jun~ 2012')
    """
    return mend(text)[0]
