"""One date expression found in a timescale, and how two of them make a range.

An :class:`Item` holds an expression's interval, or, without a year, how to make one for
a given year (placed in the plan period later), with the words that say how it was read.
The builders shared by the readers of months, days, years and terms live here, as does
:func:`range_item`, which joins "April – July 11" whichever parts give a year.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from .intervals import Interval, financial_year, month_words
from .patterns import ACADEMIC_RE
from .show import quoted

_Make = Callable[[int], "tuple[Interval, str] | None"]


@dataclass(slots=True)
class Item:
    """One date expression found in a timescale."""

    start: int
    end: int
    interval: Interval | None = None
    short: str = ""  # 'April 2011' (used inside ranges and lists)
    long: str = ""  # 'the financial year 2011-12 (April 2011 to March 2012)'
    level: str = "month"  # day, month, season, quarter, year, range
    make: _Make | None = None  # for an expression without a year: year -> (interval, short)
    name: str = ""  # for an expression without a year: 'March', 'April to July'
    bad: str | None = None  # why a date-like expression could not be read
    weak: bool = False  # 'may'/'march' in lower case without a year: an English word
    mod: str | None = None
    open: bool = False
    qualifier: bool = False
    baseline: bool = (
        False  # the year of a baseline ('the 1998 baseline'): left out beside another date
    )
    is_range: bool = False
    year_end: bool = (
        False  # the interval ends where a year read alone ends ('2012', 'April 2009 - 2010')
    )
    quarter: bool = (
        False  # a quarter without a year, or a range of them: placed in a financial-year plan only
    )
    calendar: bool = (
        False  # a calendar quarter ('Q1 2012'), whose numbering a yearless quarter does not share
    )
    q_n: int = 0  # the number of a quarter without a year ('Q1' in 'Q1 - Q2 2012')
    q_last: int = 0  # the last quarter of quarters without a year written with one Q ('Q1-2'): 2
    half: int = (
        0  # a half of a school term, counted through the school year: autumn 1 is 1, summer 2 is 6
    )
    season: str = (
        ""  # a season without a year and without 'term' ('Spring' in 'Spring/Summer term 2012')
    )
    term: bool = False  # a school term ('Summer term 2012')
    holiday: bool = (
        False  # a school holiday ('Easter 2012', 'the summer holidays', 'summer half term')
    )
    # a holiday named after its day: 'easter' or 'christmas' ('before Easter' is before the day)
    feast: str = ""
    # a holiday or term without a year after 'before': the one whose eve is in the plan period
    before: bool = False
    # a date without a year after 'after': placed as it is alone, then the time after it taken
    after: bool = False
    any_half_term: bool = (
        False  # 'half term' naming no term: the first half-term of the plan period
    )
    #: a holiday written with 'holidays' ('the Easter holidays'), which starts before its feast day
    break_words: bool = False
    #: a month, season, term or quarter without a year after 'early', 'mid' or 'late': the part and
    #: the words, taken once the span is placed ('late spring term' is late in the spring term
    #: placed, not the late part placed)
    part_later: tuple[str, str] | None = None
    year_of: str = ""  # for a year: 'financial', 'academic' or 'calendar'
    part: str = (
        ""  # a half of the year read ('h1' of 'H1 2011/12'), taken once the kind of year is known
    )
    named_year: int = (
        0  # a financial or academic year named by one year ('FY2012'): the year written
    )
    #: for a month written as a year and two digits ('2008-11'), the last year of the span of years
    #: the same words may name (2011); the plan period decides which is read (see
    #: :func:`.scan.spans_of_years`)
    years_to: int = 0
    #: what 'by the end of' names, when not ``short``: 'the spring term 2012 (January to April
    #: 2012)'
    deadline: str = ""
    src_start: int = 0
    src_end: int = 0


def safe(make: _Make) -> _Make:
    def wrapped(year: int) -> tuple[Interval, str] | None:
        try:
            return make(year)
        except (ValueError, OverflowError):
            return None

    return wrapped


def two_digit(yy: str) -> int:
    return 2000 + int(yy)


def year_item(item: Item, year: int) -> Item:
    item.interval = Interval(date(year, 1, 1), date(year, 12, 31))
    item.short = str(year)
    item.long = f"the calendar year {year}"
    item.level = "year"
    item.year_end = True
    item.year_of = "calendar"
    return item


def split_year(first: int, second: str) -> int | None:
    """The year a split-year's second part names, or None when it is not the next year."""
    if len(second) == 4:
        return int(second) if int(second) == first + 1 else None
    return first + 1 if int(second) == (first + 1) % 100 else None


def fy_item(item: Item, a: int, text: str) -> Item:
    label = f"{a}-{(a + 1) % 100:02d}"
    window = text[max(0, item.start - 20) : item.end + 20]
    if ACADEMIC_RE.search(window):
        item.interval = Interval(date(a, 9, 1), date(a + 1, 8, 31))
        item.short = f"academic year {label}"
        item.long = f"the academic year {label} ({month_words(item.interval)})"
        item.year_of = "academic"
    else:
        item.interval = financial_year(a)
        item.short = label
        item.long = f"the financial year {label} ({month_words(item.interval)})"
        item.year_of = "financial"
    item.level = "year"
    item.year_end = True
    return item


def as_academic(item: Item) -> None:
    """A split year listed with academic years ('academic years 2011/12 and 2012/13') is one too."""
    assert item.interval is not None
    a = item.interval.start.year
    label = f"{a}-{(a + 1) % 100:02d}"
    item.interval = Interval(date(a, 9, 1), date(a + 1, 8, 31))
    item.short = f"academic year {label}"
    item.long = f"the academic year {label} ({month_words(item.interval)})"
    item.year_of = "academic"


def range_item(a: Item, b: Item, src: str) -> Item | None:
    """Join two items into one range item, or None when they do not form a range."""
    if (a.quarter and b.calendar) or (a.calendar and b.quarter):
        return None  # ('Q1 - Q2 2012': Q1 counted from April would start the range in April 2012)
    item = Item(
        a.start, b.end, level="year" if a.level == b.level == "year" else "range", is_range=True
    )
    if a.interval is not None and b.interval is not None:
        # (as in a `due` range, a second part that starts first but ends after the first part
        # starts is the range's end: 'March 2012 - 2012' is March to December 2012)
        if b.interval.end < a.interval.start:
            item.bad = f"{quoted(src)} ends before it starts"
            return item
        item.interval = Interval(a.interval.start, b.interval.end)
        item.short = item.long = f"{a.short} to {b.short}"
        if "part" in (a.level, b.level):  # ('late 2011 - early 2012': the months it runs through)
            item.long = f"{item.short} ({month_words(item.interval)})"
        item.year_end = b.year_end
        return item
    if a.make is not None and b.interval is not None:
        b_iv = b.interval
        for y in (b_iv.start.year, b_iv.start.year - 1):
            got = a.make(y)
            if got is not None and got[0].start <= b_iv.start:
                item.interval = Interval(got[0].start, b_iv.end)
                item.short = item.long = f"{got[1]} to {b.short}"
                item.year_end = b.year_end
                return item
        return None
    if a.interval is not None and b.make is not None:
        a_iv = a.interval
        for y in (a_iv.end.year, a_iv.end.year + 1):
            got = b.make(y)
            if got is not None and got[0].start >= a_iv.start and got[0].end >= a_iv.end:
                item.interval = Interval(a_iv.start, got[0].end)
                item.short = item.long = f"{a.short} to {got[1]}"
                return item
        return None
    if a.make is not None and b.make is not None:
        make_a, make_b = a.make, b.make

        def make(y: int) -> tuple[Interval, str] | None:
            got_b = make_b(y)
            if got_b is None:
                return None
            for ya in (y, y - 1):
                got_a = make_a(ya)
                if got_a is not None and got_a[0].start <= got_b[0].start:
                    return Interval(got_a[0].start, got_b[0].end), f"{got_a[1]} to {got_b[1]}"
            return None

        item.make = make
        item.name = f"{a.name} to {b.name}"
        item.quarter = a.quarter or b.quarter
        # (terms from one to another are placed as a term is: 'Autumn term - Spring term' in a plan
        # for a financial year is September to April, mostly within it)
        item.term = a.term and b.term
        return item
    return None
