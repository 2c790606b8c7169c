"""Seasons and school terms: ``Autumn 2008``, ``Spring term 2011/12``, ``Summer 1``, ``half term``.

A season is three months (spring = March–May); a school term is the months schools count
(the spring term is January–April), its halves as schools number them, and a half-term the
month of its holiday. The same word names either, so which one is meant is read from
"term" and from the dates written beside it.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from .intervals import Interval, day_words, month_interval, month_span, month_words, shift_month
from .items import Item, safe, split_year, two_digit
from .lexicon import MONTH_NAMES
from .patterns import COMMA_GAP_RE, FINAL_AND_GAP_RE, MON_BODY
from .show import quoted

# (first month, months after it): seasons as in the plan format; school terms
_SEASONS = {"spring": (3, 2), "summer": (6, 2), "autumn": (9, 2), "winter": (12, 2)}
_TERMS = {"autumn": (9, 3), "spring": (1, 3), "summer": (4, 3), "winter": (12, 2)}
_SEASON_NAMES = {name[:3]: name for name in _SEASONS}


def as_term(item: Item) -> None:
    """Read a season written before a school term (``Spring/Summer term 2012``, ``Spring and Summer
    term 2012``, ``Autumn 2011 - Summer 2012 terms``) as that term too: the words name two terms."""
    name = item.season

    def make(y: int) -> tuple[Interval, str]:
        iv = _season_interval(name, True, y)
        return iv, _season_words(name, True, iv)[0]

    if item.interval is not None:
        item.interval, item.short = make(item.interval.start.year)
        item.long = item.deadline = _season_words(name, True, item.interval)[1]
    else:
        item.make, item.name = safe(make), f"{name} term"
    item.season, item.term = "", True


def _season_interval(name: str, term: bool, year: int) -> Interval:
    first, length = (_TERMS if term else _SEASONS)[name]
    y2, m2 = shift_month(year, first, length)
    return month_span(year, first, y2, m2)


def terms_of(year: int) -> list[tuple[Interval, str]]:
    """The school terms that start in ``year``, in the order they end: (months, the words for the
    term), as ``Spring term 2012`` reads them (spring January–April, summer April–July, autumn
    September–December)."""
    return [
        (iv, _season_words(name, True, iv)[1])
        for name in ("spring", "summer", "autumn")
        for iv in (_season_interval(name, True, year),)
    ]


def _season_words(name: str, term: bool, iv: Interval) -> tuple[str, str]:
    what = f"the {name} term" if term else name
    short = f"{name} term {iv.start.year}" if term else f"{name} {iv.start.year}"
    return short, f"{what} {iv.start.year} ({month_words(iv)})"


def handle_se(m: re.Match[str], text: str) -> Item | None:
    item = Item(m.start(), m.end(), level="season")
    name = _SEASON_NAMES[m["se_n"][:3].lower()]  # ('sum' and the mark of a misspelt 'Sumer' too)
    if len(m["se_n"].rstrip(".")) == 3 and not (
        m["se_p"] or m["se_t"] or m["se_t2"] or (m["se_y"] and name in ("autumn", "spring"))
    ):
        return None  # (a short form is read as a half or a term: 'sum 2 weeks' is no summer)
    if m["se_p"] and not (m["se_p2"] and name != "winter"):
        return _term_half(item, m, name)
    if m["se_h"]:
        return _half_term(item, m, name)
    # ('Autumn 1 and 2 2011': both halves of the autumn term are the term)
    term = item.term = bool(m["se_t"] or m["se_t2"] or m["se_p2"]) and name != "winter"
    if m["se_y"]:
        year = int(m["se_y"]) if len(m["se_y"]) == 4 else two_digit(m["se_y"])
        if m["se_y2"]:
            nxt = split_year(year, m["se_y2"])
            if nxt is None:
                item.bad = f"{quoted(m[0])} does not name consecutive years"
                return item
            if term:
                year = year if name == "autumn" else nxt
            elif name != "winter":
                item.bad = f"{quoted(m[0])} is ambiguous: which {name} of {m['se_y']}/{m['se_y2']}?"
                return item
    elif m["se_yy"]:
        year = two_digit(m["se_yy"])
    else:

        def make(y: int) -> tuple[Interval, str]:
            iv = _season_interval(name, term, y)
            return iv, _season_words(name, term, iv)[0]

        item.make = safe(make)
        item.name = f"{name} term" if term else name
        item.season = "" if term else name
        return item
    item.interval = _season_interval(name, term, year)
    item.short, item.long = _season_words(name, term, item.interval)
    item.deadline = item.long  # ('by Summer 2011': by the end of summer 2011 (June to August 2011))
    item.season = "" if term else name
    return item


def _term_year(m: re.Match[str], name: str) -> tuple[int | None, str | None]:
    """(year, why not) of a school term, half-term or half written with a year; with an academic
    year (``2011/12``) the autumn one falls in the first year, the others in the second. No year:
    (None, None)."""
    written = m["se_y"] or m["se_yy"]
    if not written:
        return None, None
    year = int(written) if len(written) == 4 else two_digit(written)
    if m["se_y2"]:
        nxt = split_year(year, m["se_y2"])
        if nxt is None:
            return None, f"{quoted(m[0])} does not name consecutive years"
        year = year if name == "autumn" else nxt
    return year, None


#: the halves of each school term, as English schools number them ('Spring 1', 'Summer 2'): (first
#: month, months after it); each term's first half ends at its half-term holiday (October, February,
#: May)
_TERM_HALVES = {
    ("autumn", 1): (9, 1),
    ("autumn", 2): (11, 1),
    ("spring", 1): (1, 1),
    ("spring", 2): (2, 2),
    ("summer", 1): (4, 1),
    ("summer", 2): (6, 1),
}


def _term_half(item: Item, m: re.Match[str], name: str) -> Item:
    """``Spring 1 2012``, ``Summer term 2``: the first or second half of a school term (the number
    was a label before a calendar year). The spring term's second half runs from February to
    Easter."""
    n = int(m["se_p"])
    if (name, n) not in _TERM_HALVES:
        item.bad = (
            f"{quoted(m[0])} is not a half of a school term (autumn, spring or summer 1 or 2)"
        )
        return item
    first, length = _TERM_HALVES[name, n]
    item.term = True
    item.half = list(_TERM_HALVES).index((name, n)) + 1

    def make(y: int) -> tuple[Interval, str]:
        return month_span(y, first, *shift_month(y, first, length)), f"{name} {n} {y}"

    year, bad = _term_year(m, name)
    if bad is not None:
        item.bad = bad
    elif year is None:
        item.make, item.name = safe(make), f"{name} {n}"
    else:
        item.interval, item.short = make(year)
        half = "first" if n == 1 else "second"
        item.long = item.deadline = (
            f"the {half} half of the {name} term {year} ({month_words(item.interval)})"
        )
    return item


#: the month of each term's half-term holiday in English schools
_HALF_TERMS = {"autumn": 10, "spring": 2, "summer": 5}


def _half_term(item: Item, m: re.Match[str], name: str) -> Item:
    """``Summer half term 2012``: the month of that half-term holiday (October, February, May);
    with an academic year (``Spring half-term 2011/12``) the autumn one falls in the first year."""
    item.level, item.holiday = (
        "month",
        True,
    )  # (a holiday: 'the summer half term', 'before half term')
    if name not in _HALF_TERMS:
        item.bad = f"{quoted(m[0])} is not a school half-term (autumn, spring or summer)"
        return item
    month = _HALF_TERMS[name]

    def make(y: int) -> tuple[Interval, str]:
        return month_interval(y, month), f"{name} half-term {y}"

    year, bad = _term_year(m, name)
    if bad is not None:
        item.bad = bad
        return item
    if year is None:
        item.make, item.name = safe(make), f"{name} half-term"
        return item
    item.interval, item.short = make(year)
    item.long = f"the {item.short} ({MONTH_NAMES[month]} {year})"
    return item


#: a month's or a season's name right before 'half term' ('October half term', 'Summer half term'),
#: read with it
_NAMED_BEFORE_RE = re.compile(
    r"(?<![a-z])(?:"
    + MON_BODY
    + r"|(?:spring|summer|autumn|winter|spr|sum|aut|win)\x00*)\.?[\s-]*$",
    re.I | re.A,
)


def half_term_months(year: int) -> list[tuple[Interval, str]]:
    """The half-terms of a calendar year, in order: (month, words)."""
    return [
        (month_interval(year, month), f"the {name} half-term {year}")
        for name, month in sorted(_HALF_TERMS.items(), key=lambda kv: kv[1])
    ]


def handle_ht(m: re.Match[str], text: str) -> Item | None:
    """``by half term``, ``before half-term``: a half-term naming no term, the first of the plan
    period (a plan is written at its start, and its 'half term' is the next one), placed by the
    reader. After a month's or a season's name (``October half term``) it was read with the name."""
    if _NAMED_BEFORE_RE.search(text, max(0, m.start() - 14), m.start()):
        return None
    item = Item(m.start(), m.end(), holiday=True, any_half_term=True)
    item.make = lambda y: None  # (placed by the reader, as the first half-term of the plan period)
    item.name = "half-term"
    return item


def next_halves(a: Item, b: Item) -> bool:
    """Whether ``b`` is the half of a school term right after ``a`` (``Autumn 2 and Spring 1
    2012``): joined by 'and', they are one span of time, as both halves of a term are the term."""
    return bool(a.half and b.half and b.half == a.half % len(_TERM_HALVES) + 1)


def listed_halves(items: list[Item], i: int, text: str) -> int:
    """The index of the last of two or more halves of school terms listed from ``items[i]``, each
    right after the one before, with commas, a final 'and' or both (``Autumn 2, Spring 1 2012``,
    ``Autumn 2, Spring 1 and Spring 2 2012``, ``Autumn 2, Spring 1, Spring 2 2012``): one span of
    time, as two such halves joined by 'and' are (:func:`next_halves`); ``i`` when there is no such
    list. A list with halves apart (``Autumn 1, Spring 1 and Summer 1``) is dates of their own: the
    list ends at a final 'and' or at what is no half of a term, and it is one span only when every
    half in it is right after the one before."""
    j = i
    while (
        j + 1 < len(items)
        and items[j].bad is None
        and items[j + 1].bad is None
        and items[j + 1].half
    ):
        gap = text[items[j].end : items[j + 1].start]
        final = FINAL_AND_GAP_RE.fullmatch(gap)
        if final is None and not COMMA_GAP_RE.fullmatch(gap):
            break
        if not next_halves(items[j], items[j + 1]):
            return i
        j += 1
        if final is not None:
            break
    return j


def easter_day(year: int) -> date:
    """Easter Day (Sunday) of ``year`` in the Gregorian calendar, by the standard computus (the
    anonymous Gregorian algorithm, as in Meeus): 8 April 2012, 23 March 2008, 25 April 2011.

    >>> easter_day(2012), easter_day(2008), easter_day(2011)
    (datetime.date(2012, 4, 8), datetime.date(2008, 3, 23), datetime.date(2011, 4, 24))
    """
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * ell) // 433
    month, day = divmod(h + ell - 7 * m + 90, 25)
    return date(year, month, (h + ell - 7 * m + 33 * month + 19) % 32)


def feast_day(feast: str, year: int) -> date:
    """The day a holiday is named after: Easter Day, or Christmas Day."""
    return easter_day(year) if feast == "easter" else date(year, 12, 25)


def break_up_day(feast: str, year: int) -> date:
    """The last school day before the Easter or Christmas holidays of ``year`` as English schools
    commonly set them (each authority sets its own term dates).

    The Easter holidays are the two weeks around Easter Day: schools break up on the Friday before
    Palm Sunday. At Christmas they break up on the Friday before the week (from Monday) that holds
    Christmas Day: the end of the autumn term, which the reader otherwise takes at a month's
    precision, September to December.

    >>> break_up_day("easter", 2012), break_up_day("easter", 2011)
    (datetime.date(2012, 3, 30), datetime.date(2011, 4, 15))
    >>> break_up_day("christmas", 2011), break_up_day("christmas", 2012)
    (datetime.date(2011, 12, 16), datetime.date(2012, 12, 21))
    """
    if feast == "easter":
        return easter_day(year) - timedelta(days=9)
    christmas = date(year, 12, 25)
    return christmas - timedelta(days=christmas.weekday() + 3)


def feast_name(feast: str) -> str:
    """The name of the day a holiday is named after (:func:`feast_day`): Easter Day, Christmas
    Day."""
    return "Easter Day" if feast == "easter" else "Christmas Day"


def _holiday(name: str, year: int) -> tuple[Interval, str, str]:
    """(interval, short, long) of a holiday in ``year``: the month of Easter Day (April 2012; March
    2008), December for Christmas, July to August for the summer holidays."""
    if name == "easter":
        day = easter_day(year)
        iv = month_interval(year, day.month)
        return (
            iv,
            f"{MONTH_NAMES[day.month]} {year} (Easter)",
            f"Easter {year} ({MONTH_NAMES[day.month]} {year}: Easter Day is {day_words(day)})",
        )
    if name == "summer":
        iv = month_span(year, 7, year, 8)
        return iv, f"the summer holidays {year}", f"the summer holidays {year} ({month_words(iv)})"
    iv = month_interval(year, 12)
    return iv, f"December {year} (Christmas)", f"Christmas {year} (December {year})"


def handle_hol(m: re.Match[str], text: str) -> Item:
    """``Easter 2012``, ``Christmas 2011``, ``summer holidays 2012``: the month of Easter Day (April
    2012; March 2008), December, and July to August, as a half-term is the month of its holiday.
    Without a year (``Easter``, ``the summer holidays``) the holiday is placed in the plan period,
    as a school term without a year is."""
    item = Item(m.start(), m.end(), holiday=True)
    name = (m["hol_n"] or "summer").lower()
    name = "christmas" if name == "xmas" else name
    item.feast = name if name in ("easter", "christmas") else ""
    item.break_words = bool(m["hol_n"]) and m[0][len(m["hol_n"]) :].strip()[:1].isalpha()
    if m["hol_y4"] or m["hol_y2"]:
        year = int(m["hol_y4"]) if m["hol_y4"] else two_digit(m["hol_y2"])
        item.interval, item.short, item.long = _holiday(name, year)
        return item

    def make(y: int) -> tuple[Interval, str]:
        iv, short, long = _holiday(name, y)
        # (the summer holidays' months are said as a quarter's are: 'the summer holidays 2011 (July
        # to August 2011)')
        return iv, long if name == "summer" else short

    item.make = safe(make)
    item.name = {"easter": "Easter", "christmas": "Christmas", "summer": "summer holiday"}[name]
    return item
