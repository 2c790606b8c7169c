"""Years and quarters: calendar, financial and academic years, and their quarters.

``2011-12`` and ``11/12`` are the UK financial year unless words or the plan period make
them the academic one; a year named by one number (``FY2012``) is read only as the end of
a year; ``Q3 2011-12`` is a financial-year quarter and ``Q1 2012`` a calendar one. Numbers
that count (``Years 10/11``, ``aged 11-12``) are told from years here.
"""

from __future__ import annotations

import re
from datetime import date

from .days import handle_dn
from .intervals import (
    Interval,
    calendar_quarter,
    financial_year,
    fy_quarter,
    month_interval,
    month_span,
    month_words,
    shift_month,
)
from .items import Item, fy_item, safe, split_year, two_digit, year_item
from .lexicon import MONTH_NAMES
from .patterns import COUNTED_RE, DAY_MONTH_RE, NUMBERED_RE, YEAR_KIND_BEFORE_RE
from .show import quoted

_ORDINAL_QUARTERS = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
}


def _quarters(n: int, last: int) -> str:
    """'Q3' or 'Q2 to Q3': the quarters an expression names."""
    return f"Q{n}" if last == n else f"Q{n} to Q{last}"


def fy_quarters(year: int, n: int, last: int) -> Interval:
    """Quarters ``n`` to ``last`` of the financial year starting April ``year``, as one span."""
    return Interval(fy_quarter(year, n).start, fy_quarter(year, last).end)


def calendar_quarters(year: int, n: int, last: int) -> Interval:
    """Calendar quarters ``n`` to ``last`` of ``year``, as one span."""
    return Interval(calendar_quarter(year, n).start, calendar_quarter(year, last).end)


def _second_quarter(m: re.Match[str], n: int) -> tuple[int, str | None]:
    """(the last quarter, why not) of quarters written with one Q: 'Q1-4' (a range: Q1 to Q4), 'Q2 &
    3' (a list: quarters next to each other are the span of them; 'Q1 & 3', quarters apart, would be
    two dates, and are not read rather than read as the span between them). (n, None) for one
    quarter."""
    if not m["q_m"]:
        return n, None
    last = int(m["q_m"])
    if m["q_to"] or m["q_to2"]:
        if last <= n:
            return n, f"{quoted(m[0])} does not name quarters in order"
    elif last != n + 1:
        return n, f"{quoted(m[0])} names quarters apart: write each with its Q (Q{n} and Q{last})"
    return last, None


#: the bracket closing a year written in one after a quarter or a half ('Q3 (2011/12)')
_CLOSE_RE = re.compile(r"\s*\)")


def _written(m: re.Match[str], text: str) -> str:
    """What a quarter or a half of a year was written as, with the bracket that closes a year in
    brackets (``Q3 (2011/12)``, not ``Q3 (2011/12``)."""
    if "(" in m[0] and (close := _CLOSE_RE.match(text, m.end())) is not None:
        return text[m.start() : close.end()]
    return m[0]


def handle_q(m: re.Match[str], text: str) -> Item:
    written = _written(m, text)
    item = Item(m.start(), m.start() + len(written), level="quarter")
    n = (
        _ORDINAL_QUARTERS[m["q_o"].lower()]
        if m["q_o"]
        else int(m["q_n1"] or m["q_n2"] or m["q_n3"])
    )
    if not 1 <= n <= 4:
        item.bad = f"{quoted(m[0])} is not a quarter (Q1 to Q4)"
        return item
    last, why = _second_quarter(m, n)
    if why is not None:
        item.bad = why
        return item
    qs = _quarters(n, last)
    fa, fb = m["q_fa1"] or m["q_fa2"], m["q_fb1"] or m["q_fb2"]
    if m["q_fc1"]:
        fa, fb = str(two_digit(m["q_fc1"])), m["q_fd1"]
    if fa:
        a = int(fa)
        if split_year(a, fb) is None:
            item.bad = (
                f"{quoted(written)} does not name a financial year ({fb} is not the year after {a})"
            )
            return item
        item.interval = fy_quarters(a, n, last)
        item.short = f"{qs} {a}-{(a + 1) % 100:02d}"
        item.long = (
            f"{qs} of the financial year {a}-{(a + 1) % 100:02d} ({month_words(item.interval)})"
        )
        return item
    year = m["q_y1"] or m["q_y3"]
    if year:
        y = int(year)
        item.interval = calendar_quarters(y, n, last)
        item.short = f"{qs} {y}"
        item.long = (
            f"the calendar {'quarter' if last == n else 'quarters'} {qs} {y} "
            f"({month_words(item.interval)})"
        )
        item.calendar = True
        return item

    # no year: a financial-year quarter, placed in the plan period by the caller
    def make(y: int) -> tuple[Interval, str]:
        iv = fy_quarters(y, n, last)
        return iv, f"{qs} {y}-{(y + 1) % 100:02d} ({month_words(iv)})"

    item.make = safe(make)
    item.name = qs
    item.quarter = True
    item.q_n, item.q_last = n, last
    return item


def quarter_beside(item: Item, other: Item, before: bool) -> None:
    """Give a quarter without a year the numbering and year of the quarter with a year written
    next to it (``Q1 - Q2 2012``, ``Q1 and Q2 2012``: calendar quarters of 2012; ``Q3 and Q4
    2011/12``: of that financial year), as a month without a year takes the year of the month
    beside it; the year before for a later quarter written first (``Q4 - Q1 2012``), the year
    after for an earlier one written second (``Q4 2011 - Q1``)."""
    assert other.interval is not None
    start = other.interval.start
    if other.calendar:
        year, n = start.year, (start.month - 1) // 3 + 1
    else:  # (a financial-year quarter: Q1 is April to June)
        year, n = (
            (start.year if start.month >= 4 else start.year - 1),
            (start.month - 4) % 12 // 3 + 1,
        )
    if before and item.q_n > n:
        year -= 1
    elif not before and item.q_n < n:
        year += 1
    q, last = item.q_n, item.q_last or item.q_n
    qs = _quarters(q, last)
    if other.calendar:
        item.interval = calendar_quarters(year, q, last)
        item.short = f"{qs} {year}"
        item.long = (
            f"the calendar {'quarter' if last == q else 'quarters'} {qs} {year} "
            f"({month_words(item.interval)})"
        )
    else:
        item.interval = fy_quarters(year, q, last)
        item.short = f"{qs} {year}-{(year + 1) % 100:02d}"
        item.long = (
            f"{qs} of the financial year {year}-{(year + 1) % 100:02d} "
            f"({month_words(item.interval)})"
        )
    item.calendar, item.quarter, item.make = other.calendar, False, None


#: the part of a year that 'early' (or 'the start of'), 'mid' and 'late' name, its thirds, and the
#: halves 'first half of' and 'H1': (months after the year's first month, months long)
_PARTS = {"start": (0, 4), "mid": (4, 4), "late": (8, 4), "h1": (0, 6), "h2": (6, 6)}
_PART_WORDS = {
    "start": "the beginning of",
    "mid": "the middle of",
    "late": "late in",
    "h1": "the first half of",
    "h2": "the second half of",
}
#: the part after 'by the end of' ('by early 2012': by the end of the first third of the calendar
#: year 2012)
_PART_NOUNS = {
    "start": "the first third of",
    "mid": "the second third of",
    "late": "the last third of",
    "h1": "the first half of",
    "h2": "the second half of",
}


def part_of_year(item: Item, part: str, written: str = "") -> None:
    """Read a year with 'early', 'mid', 'late' (``Early 2012``, ``Mid 2012/13``) as that third of it
    and with 'first half' or 'H1' (``H2 2012``) as that half, not as the whole year: early 2012 is
    January to April, H1 of the financial year 2011-12 April to September 2011. A split year is the
    financial year (or academic year) it was read as, so its thirds start in April (or
    September)."""
    iv = item.interval
    assert iv is not None
    first, length = _PARTS[part]
    y, m = shift_month(iv.start.year, iv.start.month, first)
    item.interval = month_span(y, m, *shift_month(y, m, length - 1))
    words = "early in" if written[:5].lower() == "early" else _PART_WORDS[part]
    year = item.long.split(" (")[0]
    item.short = f"{words} {year}"
    item.long = f"{item.short} ({month_words(item.interval)})"
    item.deadline = f"{_PART_NOUNS[part]} {year} ({month_words(item.interval)})"
    item.level, item.year_end, item.mod = "part", False, None


def handle_h(m: re.Match[str], text: str) -> Item:
    """``H1 2011/12``, ``H2 2012``: a half of the year written (H1 of a financial year is April to
    September, of an academic year September to February, of a calendar year January to June)."""
    written = _written(m, text)
    item = Item(m.start(), m.start() + len(written), level="year")
    fa, fb = m["h_fa"], m["h_fb"]
    if m["h_fc"]:
        fa, fb = str(two_digit(m["h_fc"])), m["h_fd"]
    if fa:
        if split_year(int(fa), fb) is None:
            item.bad = (
                f"{quoted(written)} does not name a financial year ({fb} is not the year "
                f"after {fa})"
            )
            return item
        fy_item(item, int(fa), text)
    else:
        year_item(item, int(m["h_y"]))
    item.part = f"h{m['h_n']}"  # (taken once the year is known to be financial or academic)
    return item


def handle_fy(m: re.Match[str], text: str) -> Item:
    item = Item(m.start(), m.end(), level="year")
    a, b = int(m["fy_a"]), m["fy_b"]
    nxt = split_year(a, b)
    if nxt is not None:
        return fy_item(item, a, text)
    if len(b) == 2:
        month = int(b)
        if 1 <= month <= 12:
            item.level = "month"
            item.interval = month_interval(a, month)
            item.short = item.long = f"{MONTH_NAMES[month]} {a}"
            if month > a % 100 + 1:  # ('2008-11': November 2008, or the years 2008 to 2011)
                item.years_to = a - a % 100 + month
            return item
        if month <= a % 100:
            item.bad = f"{quoted(m[0])} is neither a financial year nor a month"
            return item
        # ('2010-13', '2009/13': no month; the years a plan of several years is written with, to
        # 2013)
        b = str(a - a % 100 + month)
    last = int(b)
    if last < a:
        item.bad = f"{quoted(m[0])} ends before it starts"
        return item
    if last == a:
        return year_item(item, a)
    item.interval = Interval(date(a, 1, 1), date(last, 12, 31))
    item.short = f"{a} to {last}"
    item.long = f"the years {a} to {last}"
    item.year_end = True
    return item


def as_years(item: Item, last: int) -> None:
    """A year and a second part of two digits read as the span of years from the one to the other
    (``2008-11``: the years 2008 to 2011), as ``2010-13`` is."""
    assert item.interval is not None
    a = item.interval.start.year
    month = item.short
    item.interval = Interval(date(a, 1, 1), date(last, 12, 31))
    item.short = f"{a} to {last}"
    item.long = f"the years {a} to {last} (not {month}: the years meet the plan period)"
    item.level, item.year_end, item.years_to = "year", True, 0


def handle_fy2(m: re.Match[str], text: str) -> Item | None:
    a = two_digit(m["f2_a"])
    if int(m["f2_b"]) != (a + 1) % 100:  # '14/19' and the like are not years; '30/11' may be a day
        day_month = None if m["f2_h"] else DAY_MONTH_RE.match(text, m.start())
        return handle_dn(day_month, text) if day_month is not None else None
    if _counts(text, m.start()):
        return None  # 'Years 11-12', 'aged 11/12': school years and ages, not financial years
    return fy_item(Item(m.start(), m.end()), a, text)


def _counts(text: str, start: int) -> bool:
    """Whether the words before a number at ``start`` say it counts something ('Years 11-12', 'aged
    11-12', 'Phase 2') rather than name a year ('financial year 11/12', 'academic years 11/12')."""
    lo = max(0, start - 30)
    counted = COUNTED_RE.search(text, lo, start)
    if counted is not None:
        return not counted["kind"]
    return NUMBERED_RE.search(text, lo, start) is not None


#: what after a year makes it a name ('the 2020 Vision for Learning') or the year a baseline was
#: measured in ('Reduce by 50% (from the 1998 baseline) ... by 2010'), not when the work falls due
_YEAR_NAMED_RE = re.compile(r"\s+(?:(?P<vision>vision)|(?P<baseline>baselines?))(?![a-z])", re.I)


def handle_yr(m: re.Match[str], text: str) -> Item | None:
    named = _YEAR_NAMED_RE.match(text, m.end())
    if named is not None and named["vision"]:
        return None
    item = Item(m.start(), m.end(), baseline=named is not None)
    words = YEAR_KIND_BEFORE_RE.search(text, max(0, m.start() - 30), m.start())
    if words is not None and words.lastgroup in ("financial", "academic"):
        return _one_year_named(item, words.lastgroup, int(m["yr"]), text[words.start() : m.end()])
    return year_item(item, int(m["yr"]))


def handle_fyy(m: re.Match[str], text: str) -> Item | None:
    item = Item(m.start(), m.end(), level="year")
    a = two_digit(m["fyy_a"])
    if m["fyy_b"] is None:
        return _one_year_named(item, "financial", a, text[max(0, m.start() - 3) : m.end()].lstrip())
    if int(m["fyy_b"]) != (a + 1) % 100:
        return None
    return fy_item(item, a, text)


def _one_year_named(item: Item, kind: str, year: int, src: str) -> Item:
    """A financial or academic year named by one year (``financial year 2012``, ``FY12``): which
    one is not evident, since one such year ends in it and the next starts in it; read only as
    the end of a year (``end of the financial year 2012``: the one ending in 2012), see
    :func:`at_year_end`."""
    item.year_of, item.named_year, item.level = kind, year, "year"
    first, last = (4, 3) if kind == "financial" else (9, 8)
    item.bad = (
        f"{quoted(src)} does not say which {kind} year: {year - 1}-{year % 100:02d}, which ends in "
        f"{MONTH_NAMES[last]} {year}, or {year}-{(year + 1) % 100:02d}, which starts in "
        f"{MONTH_NAMES[first]} {year}"
    )
    return item


def at_year_end(item: Item, words: str) -> None:
    """Read a year after (or before) 'end of the financial year', 'year end' and the like as the
    last month of that year, as 'End of the financial year' alone is read in a one-year plan:
    'end of FY 2012/13' is by the end of March 2013. A year named by one year is the one that
    ends in it; a calendar year without words saying so ('year end 2012') keeps its reading,
    since a year end in 2012 may be March or December."""
    said = set(re.findall(r"[a-z]+", words.lower()))
    kind = (
        "financial"
        if said & {"financial", "fiscal", "fy"}
        else "academic"
        if said & {"academic", "school", "ay"}
        else "calendar"
        if "calendar" in said
        else ""
    )
    if item.named_year:
        y = item.named_year
        iv = (
            financial_year(y - 1)
            if item.year_of == "financial"
            else Interval(date(y - 1, 9, 1), date(y, 8, 31))
        )
        label = f"the {item.year_of} year {y - 1}-{y % 100:02d}"
    elif (
        item.interval is not None
        and item.level == "year"
        and item.year_of
        and (item.year_of != "calendar" or kind == "calendar")
    ):
        iv = item.interval
        label = item.long.split(" (")[0]
    else:
        return
    item.bad, item.named_year = None, 0
    item.interval = month_interval(iv.end.year, iv.end.month)
    item.short = f"{MONTH_NAMES[iv.end.month]} {iv.end.year}"
    item.long = label
    item.level, item.year_end, item.mod = "month", False, "year_end"
