"""Finding the date expressions of a timescale and joining them as they were written.

:func:`find_items` scans the cleaned text for expressions, reads each with its handler,
then applies what depends on neighbours: a quarter or season beside another, a month before
a split year, ranges and lists that share a year, and the words before and after each date.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import timedelta

from .days import (
    handle_dm,
    handle_dn,
    handle_dr,
    handle_iso,
    handle_md,
    handle_mn,
    handle_my,
    handle_nd,
    part_of_month,
    part_of_span,
    yearless_day,
)
from .intervals import Interval, contains, day_words, month_end, month_interval, month_words
from .items import Item, _Make, as_academic, fy_item, range_item, year_item
from .lexicon import DASHES, DISPLAY, MONTH_NAMES, MONTH_NUMBER
from .patterns import (
    AND_GAP_RE,
    CANDIDATE_RE,
    DATE_RE,
    DETERMINER_RE,
    FINANCIAL_RE,
    LIST_GAP_RE,
    MODIFIER_RE,
    MON_BODY,
    ONWARDS_RE,
    RANGE_GAP_RE,
    SLASH_GAP_RE,
    TAG_RE,
    YEAR_WORDS_AFTER_RE,
)
from .slips import Slip, mend
from .terms import (
    as_term,
    break_up_day,
    feast_day,
    feast_name,
    handle_hol,
    handle_ht,
    handle_se,
    listed_halves,
    next_halves,
)
from .years import (
    as_years,
    at_year_end,
    handle_fy,
    handle_fy2,
    handle_fyy,
    handle_h,
    handle_q,
    handle_yr,
    part_of_year,
    quarter_beside,
)

_HANDLERS: dict[str, Callable[[re.Match[str], str], Item | None]] = {
    "Q": handle_q,
    "H": handle_h,
    "ISO": handle_iso,
    "ND": handle_nd,
    "FY": handle_fy,
    "FY2": handle_fy2,
    "MY": handle_my,
    "DN": handle_dn,
    "DR": handle_dr,
    "DM": handle_dm,
    "MD": handle_md,
    "HOL": handle_hol,
    "SE": handle_se,
    "HT": handle_ht,
    "MN": handle_mn,
    "YR": handle_yr,
    "FYY": handle_fyy,
}


def clean(text: str) -> tuple[str, str, list[Slip]]:
    """(display text, matching text, the slips mended), both texts the same length as ``text``: the
    matching text with word processors' dashes and spaces made ASCII, and typing slips in a date
    mended (:func:`.slips.mend`)."""
    if "<" in text:
        text = TAG_RE.sub(lambda m: " " * len(m[0]), text)
    if text.isascii():
        return (text, *mend(text))
    display = text.translate(DISPLAY)
    return (display, *mend(_ascii_digits(display.translate(DASHES))))


#: 'to' opening a timescale before its first date ('To March 2012'): until then, a deadline
_TO_START_RE = re.compile(r"\s*to[\s:-]*", re.I)
#: 'before' or 'prior to' a date: by the end of the month or day before it.
_BEFORE_RE = re.compile(r"\s*(?:before|prior\s+to)\b", re.I | re.A)


def apply_before(item: Item) -> None:
    """A date read after 'before' (``Before April 2012``) as the one before it, which the deadline's
    'by' then ends: by the end of March 2012; ``before 1 April 2012`` is by 31 March, ``before
    2012`` by the end of 2011 and ``before 2012/13`` by the end of the financial year 2011-12.
    Before any other span (a season, a term, a quarter, a part of a year) it is the month before the
    span starts: ``before the spring term 2012`` is by the end of December 2011, not of April 2012.
    Before a range it is before the range starts: ``before April 2012 - June 2012`` is by the end of
    March 2012 (``before 15 April - 30 June 2012`` by 14 April), ``before 2011/12 - 2012/13`` by the
    end of the financial year 2010-11.

    Without a year, the month (or day) before is what is placed in the plan period: ``before March``
    is by the end of February 2012 in a plan for the financial year 2011-12, and ``before April`` by
    the end of March 2012, the only month before an April in it."""
    iv = item.interval
    if iv is None:
        if item.make is not None and (item.holiday or item.term or item.part_later):
            # (a holiday or a term is placed in the plan period where its eve lies in it, then the
            # one before it taken: 'before Easter' is before the Easter that 'Easter' is)
            item.before = True
            return
        if item.make is not None:
            one_day = item.level in (
                "day",
                "part",
            )  # (a third of a month: 'before late April' is by 20 April)
            item.make = _the_one_before(item.make, one_day)
            item.name = f"{'day' if one_day else 'month'} before {item.name}"
            if one_day:
                item.level = "day"
            else:
                item.level, item.term, item.half, item.holiday = "month", False, 0, False
            item.is_range = False
        return
    # ('before Easter 2012': by the day before Easter Day, 7 April 2012; 'before Christmas' by 24
    # December)
    if item.feast:
        day = feast_day(item.feast, iv.start.year)
        feast = feast_name(item.feast)
        if item.break_words:
            # ('before the Easter holidays 2012': by the last day of the spring term, the Friday
            # before Palm Sunday, 30 March 2012; schools break up for the two weeks around Easter.
            # 'before the Christmas holidays': by the last day of the autumn term, the Friday
            # before the week of Christmas Day, 16 December 2011; Christmas Eve is in the holidays)
            last = break_up_day(item.feast, day.year)
            item.interval = Interval(last, last)
            item.short = day_words(last)
            item.long = (
                f"{item.short}, the Friday before Palm Sunday, when schools break up for the "
                f"Easter holidays ({feast} is {day_words(day)})"
                if item.feast == "easter"
                else f"{item.short}, the end of the autumn term {day.year}, the Friday before the "
                f"week of {feast}, when schools break up for the Christmas holidays"
            )
        else:
            item.interval = Interval(day - timedelta(days=1), day - timedelta(days=1))
            item.short = day_words(item.interval.start)
            item.long = f"{item.short}, the day before {feast} ({day_words(day)})"
        item.level, item.deadline, item.holiday, item.feast = "day", "", False, ""
        return
    if item.level == "year":
        kind = item.year_of or _kind_of_year_from(iv)
        item.is_range = False
        if kind == "calendar":  # ('before 2012': by the end of 2011)
            year_item(item, iv.start.year - 1)
            return
        if kind in ("financial", "academic"):  # ('before 2012/13': by the end of 2011-12)
            a = iv.start.year - 1
            label = f"{a}-{(a + 1) % 100:02d}"
            item.interval = Interval(
                iv.start.replace(year=a), iv.start.replace(year=a + 1) - timedelta(days=1)
            )
            item.short = label if kind == "financial" else f"academic year {label}"
            item.long = f"the {kind} year {label} ({month_words(item.interval)})"
            item.year_of = kind
            return
    if (
        item.level == "day" or iv.start.day != 1
    ):  # ('before 15 April - 30 June 2012', 'before late April')
        day = iv.start - timedelta(days=1)
        item.interval = Interval(day, day)
        item.short = item.long = day_words(day)
        item.level, item.deadline, item.term, item.half, item.part = "day", "", False, 0, ""
        item.year_end = item.is_range = item.holiday = False
        return
    last = iv.start - timedelta(days=1)
    item.interval = month_interval(last.year, last.month)
    item.short = item.long = f"{MONTH_NAMES[last.month]} {last.year}"
    item.deadline = ""  # (the span's own, 'the summer half-term 2011 (May 2011)', is no more)
    if item.level != "month" or item.is_range:  # (a span: now the month before it)
        item.level, item.deadline, item.term, item.half, item.part = "month", "", False, 0, ""
        item.year_end = item.is_range = item.holiday = False


def apply_after(item: Item, where: str = "") -> None:
    """A date read after 'after' (``after Easter``, ``After April 2012``) as the start of the time
    after it, ongoing from then, as 'from' starts it: after a holiday named after a day, the day
    after that day (``after Easter`` is from 25 April 2011, Easter Day being 24 April 2011; ``after
    Christmas`` from 26 December); after a day, the next day; after any other span (a month, a
    half-term, the summer holidays, a season, a term, a quarter, a year), the month after it ends
    (``after the summer holidays`` is from September). ``where`` says where a date without a year
    was placed."""
    iv = item.interval
    assert iv is not None
    what = (item.short if where or not item.long else item.long).split(" (")[0]
    if item.feast:
        feast_date = feast_day(item.feast, iv.start.year)
        feast = feast_name(item.feast)
        day = feast_date + timedelta(days=1)
        item.interval = Interval(day, day)
        said = f"; {where}" if where else ""
        item.short = f"{day_words(day)}, the day after {feast} ({day_words(feast_date)}{said})"
        level = "day"
    elif item.level == "day" and iv.start == iv.end:
        day = iv.end + timedelta(days=1)
        item.interval = Interval(day, day)
        item.short = f"{day_words(day)} (the day after {what}{f', {where}' if where else ''})"
        level = "day"
    else:  # ('quarterly after April 2011': from May 2011 (after April 2011) to the end ...)
        nxt = iv.end + timedelta(days=1)
        item.interval = month_interval(nxt.year, nxt.month)
        item.short = (
            f"{MONTH_NAMES[nxt.month]} {nxt.year} (after {what}{f', {where}' if where else ''})"
        )
        level = "month"
    item.long = item.short
    item.level, item.deadline, item.feast, item.half = level, "", "", 0
    item.year_end = item.is_range = item.before = item.holiday = item.term = False
    item.mod, item.open = None, True


def _kind_of_year_from(iv: Interval) -> str:
    """The kind of year a span of years starts with ('2010-2013': calendar; '2011/12 - 2012/13':
    financial), from the day it starts; '' when it starts on no year's first day."""
    return {(1, 1): "calendar", (4, 1): "financial", (9, 1): "academic"}.get(
        (iv.start.month, iv.start.day), ""
    )


def _the_one_before(make: _Make, day: bool) -> _Make:
    """What a date without a year makes, as the month (or day) before it ('before March')."""

    def before(year: int) -> tuple[Interval, str] | None:
        got = make(year)
        if got is None:
            return None
        last = got[0].start - timedelta(days=1)
        if day:
            return Interval(last, last), day_words(last)
        return month_interval(last.year, last.month), f"{MONTH_NAMES[last.month]} {last.year}"

    return before


def _ascii_digits(text: str) -> str:
    """Digits of other scripts as ASCII digits (``٢٠١١`` is 2011, as Python's ``int()`` reads
    it).

    The patterns match ASCII digits only; each digit stays one character, so positions in the
    matching text are positions in the display text.
    """
    if not any(c.isdecimal() and not c.isascii() for c in text):
        return text
    return "".join(
        str(unicodedata.decimal(c)) if c.isdecimal() and not c.isascii() else c for c in text
    )


def _months_of_years(items: list[Item], norm: str) -> list[Item]:
    """A month or day without a year written right before a split year (``June 11-12``, ``Jan
    2011/12``) is that month of the financial (or academic) year, as ``Q3 11-12`` is its quarter:
    the year says which June is meant (the month was placed in the plan period, or left out for the
    year)."""
    kept: list[Item] = []
    for item in items:
        month = kept[-1] if kept else None
        if (
            month is None
            or month.make is None
            or month.weak
            or month.level not in ("month", "day")
            or item.interval is None
            or item.year_of not in ("financial", "academic")
            or norm[month.end : item.start].strip()
        ):
            kept.append(item)
            continue
        year = item.interval
        for y in (year.start.year, year.end.year):
            got = month.make(y)
            if got is not None and contains(year, got[0]):
                month.interval, month.make, month.end = got[0], None, item.end
                month.short = got[1]
                month.long = f"{got[1]}, in {item.long.split(' (')[0]}"
                break
        else:
            kept.append(item)
    return kept


#: 'to' between two years ('2011 to 2012')
_TO_GAP_RE = re.compile(r"\s+to\s+", re.I)


def _consecutive_years_to(items: list[Item], norm: str) -> list[Item]:
    """Two years in a row joined by 'to' (``2011 to 2012``, as GOV.UK writes a financial year) are
    the split year ``2011-2012`` and ``2011 - 2012`` are, the financial year 2011-12 (the academic
    year where a split year is one), not two calendar years; years further apart (``2010 to 2013``)
    stay the calendar years they span, as ``2010-2013`` does."""
    if len(items) < 2:
        return items
    kept: list[Item] = []
    for item in items:
        a = kept[-1] if kept else None
        # (the first may be a year named by one year: 'financial year 2011 to 2012' is 2011-12)
        first = (
            a.named_year
            or (a.interval.start.year if a.interval is not None and a.bad is None else 0)
            if a is not None and a.level == "year"
            else 0
        )
        if (
            a is not None
            and first
            and item.year_of == "calendar"
            and item.level == "year"
            and item.bad is None
            and item.interval is not None
            and item.interval.start.year == first + 1
            and (a.named_year or a.year_of == "calendar")
            and _TO_GAP_RE.fullmatch(norm, a.end, item.start)
        ):
            joined = kept[-1] = fy_item(Item(a.start, item.end), first, norm)
            joined.is_range = True  # ('from 2011 to 2012' is that year, not ongoing work from it)
            continue
        kept.append(item)
    return kept


#: the modifiers that name a part of a year ('Early 2012', 'Mid 2012/13', 'first half of 2012')
_PARTS_OF_YEAR = frozenset(("start", "mid", "late", "h1", "h2"))
#: the modifiers that name a part of a month ('early April 2011', 'mid-May 2011', 'late June 2011')
_MONTH_PARTS = frozenset(("start", "mid", "late"))
#: 'start' or 'begin' without 'of' may be a verb ('Pilot to start 2012'): the start of the work, not
#: of the year, so the year is kept whole ('Start of 2012' and 'Early 2012' are the year's first
#: third)
_START_VERB_RE = re.compile(r"(?:start|begin)(?!\s+of)[\s:-]*$", re.I)
#: 'beginning' without 'of' after a word is a verb too ('Programme beginning April 2011'); opening
#: the timescale, or after 'at', 'by', 'the' or 'until', it is the noun ('Beginning April 2011')
_BEGINNING_VERB_RE = re.compile(r"beginning(?!\s+of)[\s:-]*$", re.I)
_WORD_BEFORE_RE = re.compile(
    r"(?<![a-z])(?!(?:at|by|the|until|till|from|in|on|due)\s)[a-z]+\s+$", re.I
)


def _start_is_verb(norm: str, mod: re.Match[str]) -> bool:
    """Whether the 'start', 'begin' or 'beginning' of a modifier is a verb: the work starts then,
    and the date is read whole ('Pilot to start 2012', 'Training beginning April 2011')."""
    if _START_VERB_RE.match(mod[0]):
        return True
    return bool(
        _BEGINNING_VERB_RE.match(mod[0])
        and _WORD_BEFORE_RE.search(norm, max(0, mod.start() - 30), mod.start())
    )


def _by_the(norm: str, start: int) -> bool:
    """Whether a deadline and 'the' come right before ``start`` ('by the ', 'until the end of the
    ')."""
    mod = MODIFIER_RE.search(norm, max(0, start - 40), start)
    return (
        mod is not None
        and mod.lastgroup in ("by", "end")
        and mod[0].rstrip(" :-").lower().endswith("the")
    )


def _parts_of_years(items: list[Item], norm: str) -> None:
    """A year after 'early', 'mid', 'late', 'start of' or 'first half of' (``Late 2011``) as that
    part of it, the words taken into the expression: read before ranges are joined, ``late 2011 -
    early 2012`` is one span, as ``Sept 2011 - April 2012`` is, and the words before the part are
    read as before any date (``by early 2012`` is a deadline, by the end of April 2012; ``from late
    2011`` a start)."""
    previous_end = 0
    for item in items:
        if (
            item.level == "year"
            and item.interval is not None
            and item.bad is None
            and not item.is_range
        ):
            mod = MODIFIER_RE.search(norm, max(previous_end, item.start - 40), item.start)
            if (
                mod is not None
                and mod.lastgroup in _PARTS_OF_YEAR
                and not _start_is_verb(norm, mod)
            ):
                part_of_year(item, mod.lastgroup, mod[0])
                item.start = mod.start()
        previous_end = item.end


def _parts_of_months(items: list[Item], norm: str) -> None:
    """A month after 'early', 'the beginning of', 'mid' or 'late' (``Beginning April 2011``) as that
    third of it (:func:`.days.part_of_month`), the words taken into the expression, as a year's part
    is: ``by early April 2011`` is by 10 April 2011, and ``late April - May 2011`` runs from 21
    April. 'Start' or 'begin' as a verb (``Pilot to start April 2011``) leaves the month whole, as
    it leaves a year."""
    previous_end = 0
    for item in items:
        if (
            item.level in ("month", "season", "quarter")
            and item.bad is None
            and not item.is_range
            and not item.weak
            and (item.interval is not None or item.make is not None)
        ):
            mod = MODIFIER_RE.search(norm, max(previous_end, item.start - 40), item.start)
            if mod is not None and mod.lastgroup in _MONTH_PARTS and not _start_is_verb(norm, mod):
                if (
                    item.holiday
                ):  # ('early Easter 2012': the holiday, read whole, the word taken into it)
                    pass
                elif item.level == "month":
                    part_of_month(item, mod.lastgroup, mod[0])
                else:  # ('Early Q3 2011/12': October 2011; 'late summer 2011': August 2011)
                    part_of_span(item, mod.lastgroup, mod[0])
                item.start = mod.start()
        previous_end = item.end


#: a month and a number of two digits after a space ('March 31'): a year of two digits, or a day
_MONTH_NUMBER_RE = re.compile(r"(?P<mon>" + MON_BODY + r")\.?\s+(?P<n>\d\d)", re.I | re.A)
#: how many years after the plan's last one a year of two digits after a month may be: beyond, the
#: number is the day ('March 31' in a plan for 2011-12 is 31 March 2012, not March 2031)
FAR_YEARS = 10


def _days_not_years(items: list[Item], norm: str, latest_year: int) -> None:
    """A month and a number of two digits (``March 31``) whose year, 20YY, would be more than
    :data:`FAR_YEARS` years after the plan ends is the day of that month, placed in the plan period
    as ``31 March`` is; ``June 11`` in the same plan stays June 2011."""
    for i, item in enumerate(items):
        if (
            item.level != "month"
            or item.interval is None
            or item.interval.start.year <= latest_year
        ):
            continue
        m = _MONTH_NUMBER_RE.fullmatch(norm, item.start, item.end)
        if m is None:
            continue
        month, day = MONTH_NUMBER[m["mon"][:3].lower()], int(m["n"])
        if not 1 <= day <= month_end(2000, month).day:
            continue
        new = yearless_day(Item(item.start, item.end, level="day"), month, day)
        new.weak = m["mon"] in ("may", "march", "mar")
        items[i] = new


#: how many years after the plan's last one a span of years written as a year and two digits
#: (``2008-11``) may end and still be read as one (see :func:`spans_of_years`)
SPAN_YEARS_AFTER = 5


def spans_of_years(items: list[Item], plan_years: tuple[int, int]) -> None:
    """A year and a second part of two digits that can be a month (``2008-11``) read as the span of
    years (2008 to 2011) when those years meet the plan period and end no more than
    :data:`SPAN_YEARS_AFTER` years after it: plans of the time were written for such spans (a 'three
    year plan for 2007-10'), and a month written as ``YYYY-MM`` is rare in them. Otherwise, and
    without a plan period, it stays the month (November 2008), as an ISO month is read."""
    first, last = plan_years
    for item in items:
        if (
            item.years_to
            and item.interval is not None
            and item.interval.start.year <= last
            and first <= item.years_to <= last + SPAN_YEARS_AFTER
        ):
            as_years(item, item.years_to)


def find_items(
    norm: str,
    skip: tuple[int, int] | None,
    school_year: bool = False,
    latest_year: int | None = None,
    plan_years: tuple[int, int] | None = None,
) -> tuple[list[Item], bool]:
    """Date expressions in the text, ranges joined, modifiers read; and whether 'each April' occurs.

    ``school_year``: the plan runs for one academic year, so a split year that no word calls
    financial is an academic year (see :func:`_counts_school_years`). ``latest_year``: the last year
    a year of two digits after a month may name (see :func:`_days_not_years`); None without a plan
    period. ``plan_years``: the first and last years of the plan period, which say whether
    ``2008-11`` is a span of years (see :func:`spans_of_years`); None without a plan period.
    """
    items: list[Item] = []
    recurring = False
    pos = 0
    while (candidate := CANDIDATE_RE.search(norm, pos)) is not None:
        m = DATE_RE.match(norm, candidate.start())
        if m is None:
            pos = candidate.start() + 1
            continue
        if skip is not None and m.start() >= skip[0] and m.end() <= skip[1]:
            pos = m.end()
            continue
        item = _HANDLERS[m.lastgroup or ""](m, norm)
        if item is None:  # not a date after all: look again from the next word
            pos = candidate.start() + 1
            continue
        pos = (
            item.end
        )  # (the whole match, but for a month before a split year: 'June' of 'June 2011/12')
        items.append(item)

    if plan_years is not None:
        spans_of_years(items, plan_years)
    if latest_year is not None:
        _days_not_years(items, norm, latest_year)
    items = _consecutive_years_to(items, norm)
    # a quarter without a year next to one with a year, in a range or a list, is counted as that
    # one is ('Q1 - Q2 2012': January to June 2012, not a financial-year Q1 left out)
    for a, b in zip(items, items[1:]):
        if (
            a.bad is None
            and b.bad is None
            and (
                RANGE_GAP_RE.fullmatch(norm, a.end, b.start)
                or LIST_GAP_RE.fullmatch(norm, a.end, b.start)
                or SLASH_GAP_RE.fullmatch(norm, a.end, b.start)
            )
        ):
            if a.quarter and a.make is not None and b.level == "quarter" and b.interval is not None:
                quarter_beside(a, b, before=True)
            elif (
                b.quarter and b.make is not None and a.level == "quarter" and a.interval is not None
            ):
                quarter_beside(b, a, before=False)
            elif a.season and a.season != "winter" and b.term:
                # ('Spring/Summer term 2012': the spring term, January to April, not March to May)
                as_term(a)
    for a, b in [*zip(items, items[1:]), *reversed(list(zip(items, items[1:])))]:
        split_years = {a.year_of, b.year_of} == {
            "academic",
            "financial",
        } and a.level == b.level == "year"
        if (
            split_years
            and not (a.named_year or b.named_year)
            and (
                RANGE_GAP_RE.fullmatch(norm, a.end, b.start)
                or LIST_GAP_RE.fullmatch(norm, a.end, b.start)
            )
        ):
            as_academic(a if a.year_of == "financial" else b)
    if school_year and not FINANCIAL_RE.search(norm):
        for item in items:
            if item.year_of == "financial" and item.level == "year" and not item.named_year:
                as_academic(item)
    for item in items:
        if item.part and item.interval is not None:
            part_of_year(
                item, item.part
            )  # ('H1 2011/12': the first half of the financial year 2011-12)
    _parts_of_years(items, norm)
    items = _months_of_years(items, norm)
    _parts_of_months(items, norm)

    # join ranges
    joined: list[Item] = []
    i = 0
    while i < len(items):
        a = items[i]
        last = listed_halves(items, i, norm)
        if (
            last > i
            and (r := range_item(a, items[last], norm[a.start : items[last].end])) is not None
        ):
            joined.append(r)
            i = last + 1
            continue
        if i + 1 < len(items) and a.bad is None and items[i + 1].bad is None:
            b = items[i + 1]
            gap = norm[a.end : b.start]
            is_range = bool(RANGE_GAP_RE.fullmatch(gap))
            if not is_range and SLASH_GAP_RE.fullmatch(gap):
                # ('Spring/Summer 2012'; but three or more with slashes are a list: 'Sept 2011/Jan
                # 2012/Apr 2012')
                listed = (
                    i > 0 and SLASH_GAP_RE.fullmatch(norm, items[i - 1].end, a.start) is not None
                ) or (
                    i + 2 < len(items)
                    and SLASH_GAP_RE.fullmatch(norm, b.end, items[i + 2].start) is not None
                )
                is_range = a.level == b.level and a.level in ("month", "season") and not listed
            if not is_range and AND_GAP_RE.fullmatch(gap):
                before = MODIFIER_RE.search(norm, max(0, a.start - 40), a.start)
                is_range = (before is not None and before["between"] is not None) or next_halves(
                    a, b
                )
            if is_range:
                r = range_item(a, b, norm[a.start : b.end])
                if r is not None:
                    joined.append(r)
                    i += 2
                    continue
        joined.append(a)
        i += 1

    # a month still without a year: 'may' and 'march' in lower case are words, 'the September
    # Guarantee' is a name, 'each April' is recurring work
    kept: list[Item] = []
    for item in joined:
        if item.make is not None:
            if item.weak:
                continue
            det = DETERMINER_RE.search(norm, max(0, item.start - 12), item.start)
            # ('the summer term' is a time, not a name as 'the September Guarantee' is; so are a
            # day, 'by the 31st March', a holiday, 'the summer holidays', and a season after a
            # deadline's 'the', 'by the summer'; and a half-term naming no term after 'next' or
            # 'this', 'by next half term', is the first of the plan period, as 'by half term' is)
            if det and not (
                (
                    item.term
                    or item.holiday
                    or item.level == "day"
                    or (item.season and _by_the(norm, item.start))
                )
                and det["word"].lower() == "the"
                or (item.any_half_term and det["word"].lower() in ("next", "this"))
            ):
                recurring = recurring or det["word"].lower() in ("each", "every")
                continue
            if item.any_half_term and det is not None and det["word"].lower() != "the":
                item.start = det.start()  # ('next half term' read whole, after 'by' or 'before')
        kept.append(item)
    joined = kept

    # a list whose first parts give no year takes the year of the part after them ('June and July
    # 2011', 'Spring, Summer and Autumn 2012'), as the first part of a range does, and so does a
    # part before a deadline's words ('after Easter and by July 2011'); quarters are not (one
    # beside a quarter with a year was counted as that one above)
    for i in range(len(joined) - 2, -1, -1):
        a, b = joined[i], joined[i + 1]
        by = MODIFIER_RE.search(norm, max(a.end, b.start - 40), b.start)
        gap_end = by.start() if by is not None and by.lastgroup in ("by", "end") else b.start
        if (
            a.make is None
            or a.quarter
            or b.interval is None
            or b.level in ("year", "quarter")
            or not (
                LIST_GAP_RE.fullmatch(norm, a.end, gap_end)
                or SLASH_GAP_RE.fullmatch(norm, a.end, b.start)
            )
        ):
            continue
        for y in (b.interval.start.year, b.interval.start.year - 1):
            got = a.make(y)
            if got is not None and got[0].start <= b.interval.start:
                a.interval, a.make = got[0], None
                a.short = a.long = got[1]
                break

    # modifiers before, 'onwards' after
    previous_end = 0
    for item in joined:
        item.src_start, item.src_end = item.start, item.end
        mod = MODIFIER_RE.search(norm, max(previous_end, item.start - 40), item.start)
        if mod is None and item.start and _TO_START_RE.fullmatch(norm, 0, item.start):
            # ('To March 2012', opening the timescale: until then)
            item.mod, item.src_start = "by", 0
        if mod is not None:
            kind = mod.lastgroup
            if kind == "for":
                item.qualifier = True
            elif kind in ("week", "week_end"):
                if item.level == "day" and item.interval is not None:
                    day = item.interval.start
                    if kind == "week":
                        item.interval = Interval(day, day + timedelta(days=6))
                        item.short = item.long = f"the week beginning {day_words(day)}"
                    else:
                        item.interval = Interval(day - timedelta(days=6), day)
                        item.short = item.long = f"the week ending {day_words(day)}"
                    item.level = "week"
                    item.src_start = mod.start()
            elif kind in ("from", "between"):
                item.src_start = mod.start()
                item.open = kind == "from" and not item.is_range
            elif kind == "after":  # ('after Easter': ongoing from the day after Easter Day)
                item.src_start = mod.start()
                if item.interval is not None:
                    apply_after(item)
                elif item.make is not None:  # (placed as it is alone, then the time after it taken)
                    item.after = item.open = True
            elif kind == "start" and item.level in ("year", "month") and _start_is_verb(norm, mod):
                item.src_start = (
                    mod.start()
                )  # ('Pilot to start 2012': 'start' a verb, the year whole)
            else:
                item.mod = kind
                item.src_start = mod.start()
                if kind == "by" and _BEFORE_RE.match(mod[0]):
                    apply_before(item)
        after = YEAR_WORDS_AFTER_RE.match(norm, item.end) if item.level == "year" else None
        if after is not None and (after["end"] or item.mod == "end"):
            item.src_end = (
                after.end()
            )  # ('by the end of the 2012/13 financial year', '2012/13 year end')
            at_year_end(item, after[0])
        elif mod is not None and kind == "end" and (mod["ye_a"] or mod["ye_b"]):
            at_year_end(item, mod[0])
        if (onwards := ONWARDS_RE.match(norm, item.end)) is not None:
            item.open = True
            item.src_end = onwards.end()
        previous_end = item.src_end
    return joined, recurring
