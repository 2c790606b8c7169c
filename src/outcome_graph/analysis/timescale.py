"""Read when a milestone is due: timescales in plain words, ``due`` values and value periods.

Milestones in published plans say when they are due in the words people use ("June 11",
"End September 2012", "Sourcing of interventions April – July 11", "Autumn 2008", "TBA",
"See 14-19 Plan"). This module turns those words into date intervals and records how it
read them, so that a finding can show the reading to the user. It never guesses: what it
cannot read, or could read in more than one way, it reports as undated and says why.

Three entry points:

- :func:`parse_timescale` reads a free-text timescale into a :class:`Timing`. It never raises.
- :func:`parse_due` reads the plan format's structured ``due`` field (raises ``ValueError``).
- :func:`parse_value_period` reads an indicator value's ``period`` (raises ``ValueError``).

Reading rules for timescales
----------------------------
Everything is case-insensitive; en and em dashes count as hyphens; HTML tags are ignored; digits
of other scripts are read as the same digits (``June ٢٠١١`` is June 2011, as Python's ``int()``
reads them).

- **Months** (full or abbreviated, ``Sept``/``Sep.``) with a year: ``June 11``, ``Sept 2011``,
  ``Apr-11`` (as a spreadsheet shows a month), ``June/2011``.
  A two-digit year is 20YY. The interval is the whole month.
- **Days**: ISO ``2011-07-31``; UK numeric dates, day first: ``31/07/2011``, ``31.07.11``
  (a dotted date needs a two-digit month or a four-digit year, so section numbers such as
  ``2.2.5`` are not dates); ``31 July 2011``, ``1st April 2011``, ``July 31, 2011``,
  ``May-15 2012`` (a month and day joined by a hyphen before a year; ``May-15`` alone is May
  2015); ``1 - 15 April 2011``; ``April 1 - March 31, 2012`` (month first, a range: 1 April 2011 to
  31 March 2012); ``w/c 5 September 2011`` (week commencing; also ``wc``,
  ``w.c.``) is that week, and so is ``w/e 9 September 2011`` (week ending; also ``week
  ending``), the seven days to that day. A number after a word such as
  "Phase", "Stage" or "Year" is not a day: ``Phase 1 June 2011`` is June 2011. An impossible
  date (``31/02/2011``) is not read.
- **Deadlines and positions** ("End Feb 2011", "by end of June 2011", "By December 11",
  "Due June 2011", "Beginning April 2011", "mid-May 2011") keep the whole month as the interval; the
  interpretation says "by the end of February 2011" ("due" is read as "by": "Due June 2011" is by
  the end of June 2011, "Due 31/03/2012" by 31 March 2012). A deadline ends on the month's last day,
  which is what the rules compare.
- **Ranges**: two dates joined by a hyphen, en/em dash, ``to``, ``until``, ``through``
  (``between X and Y``; ``from X to Y``; ``April/May 2011``, ``Spring/Summer 2012``) make one interval from the start
  of the first to the end of the second. A first part without a year takes the second part's
  year, rolled back a year when it would otherwise start after the second part
  (``Nov – Feb 12`` is November 2011 to February 2012); a second part without a year takes the
  first year that does not end before the first part. A range that ends before it starts is
  not read. ``June 11-2012`` is ``June 11 - 2012``, June 2011 to the end of 2012, and a month then a
  span of years (``June 2011/15``, ``June 2011-15``, ``June 2011/2015``) runs from the month to the end of
  the last year, as ``June 2011 - 2015`` does (June 2011 to December 2015, ending on a year).
- **Several dates** (``October 2011 April 2012``, ``Sept 2011 and March 2012``) give several
  intervals in the order written; repeated identical dates are kept once. A part without a year
  listed before one with a year (``June and July 2011``, ``June, July and August 2011``,
  ``Dec and Jan 2012``) takes that part's year, rolled back a year as in a range.
- **Seasons**: spring = March–May, summer = June–August, autumn = September–November,
  winter = December to February of the next year (``Winter 2008/09`` is the same winter).
  **School terms**: autumn term = September–December, spring term = January–April, summer
  term = April–July; with an academic year (``Spring term 2011/12``) the autumn term falls in
  the first year and the spring and summer terms in the second. A season without a year before a
  term (``Spring/Summer term 2012``, ``Spring and Summer terms 2012``) is a term too, and "terms"
  reads as "term" (``Summer terms 2012`` is the summer term 2012). A split year may have two
  digits (``Winter 11/12``, ``Spring term 11/12``). A half-term is the month of its holiday:
  autumn = October, spring = February, summer = May (``Summer half term 2012`` is May 2012,
  ``February half term 2012`` February 2012). A half of a term, as schools number them
  (``Spring 1 2012``, ``Summer term 2``, ``Autumn 1 2011/12``): autumn 1 = September–October, autumn
  2 = November–December, spring 1 = January–February, spring 2 = February–April (to Easter), summer
  1 = April–May, summer 2 = June–July; both halves (``Autumn 1 and 2 2011``, ``Spring 1 & 2``) are
  the whole term, and a half and the next one joined by "and" are the span from the first to the
  second, as in a range (``Autumn 2 and Spring 1 2012`` is November 2011 to February 2012; halves
  apart, ``Autumn 1 and Spring 2 2012``, are two dates). "Terms" after the years makes every season before it a term
  (``Autumn 2011 - Summer 2012 terms`` is September 2011 to July 2012), as does a term after a season
  in a range or list (``Spring 2011 - Summer term 2012`` starts in January). A season
  other than winter followed by a split year (``Summer 2011/12``) is ambiguous and not read.
- **Quarters** (``Q3``, ``Qtr 3``, ``Quarter 3``, ``third quarter``): ``Q3 2011-12`` (with a
  financial year) is a financial-year quarter, Q1 = April–June, so ``Q3 2011-12`` is
  October–December 2011 (so are ``Q3 11-12``, ``Q3 FY 2011/12``, ``Quarter 3, 2011/12``,
  ``Q3 (2011/12)`` and ``Q3 - 2011/12``);
  ``Q1 2012`` (with a calendar year) is a calendar quarter, as in a
  value's ``period``. A quarter without a year beside a quarter with one, in a range or a list,
  is counted as that one is (``Q1 - Q2 2012`` is January to June 2012; ``Q3 and Q4 2011/12``
  two quarters of that financial year). Any other quarter without a year is a financial-year
  quarter, placed in the plan period as a month without a year is, and only in a plan period
  that starts on 1 April (in one that starts in January or September, which months "Q3" means
  is not evident).
- **Years**: ``2011-12``, ``2011/12``, ``2011/2012``, ``2011-2012``, ``08/09`` and ``08-09`` (next
  year only) are the UK financial year, 1 April to 31 March, but not after words that count
  (``Years 10/11``, ``aged 11-12``, ``pages 11-12``) nor before ``year olds`` or, with a hyphen,
  a time or a month (``10-11am``, ``11-12 April``); with "academic year" or "school year"
  (or "AY") next to it, the academic year 1 September to 31 August, and so are the split
  years listed or ranged with one (``academic years 2011/12 and 2012/13``, ``academic year
  2011/12 to 2012/13``), and so is every split year in a plan whose period is one academic year
  (1 September to 31 August) unless the timescale says "financial" or "FY". A month or day without a
  year right before a split year is that month of the year (``June 11-12`` is June 2011, ``Jan 11/12``
  January 2012, ``Jan 2011/12`` too; in a plan for one academic year ``June 2011/12`` is June 2012),
  and so is one before a split year written ``11/2012`` (``June 11/2012`` is ``June 2011/12``). Any other
  number after a month name is never a month: before a slash and a year it is the day when it can be
  one (``June 15/2012`` is 15 June 2012, as ``June 15, 2012`` is; ``June 32/2012`` is not a date).
  ``YYYY-MM`` whose second part is not the next year is an ISO month (``2011-07``); ``FY 2012/13``, ``FY12/13`` and ``FY 12-13`` are financial years too.
  ``financial year 2012``, ``FY2012`` and ``academic year 2012`` (one year named) are undated:
  one such year ends in 2012 and the next starts in it, and the interpretation names both.
  ``2012`` alone is the calendar year; ``2010 – 2013`` runs from 1 January 2010 to 31 December
  2013. Year-level readings (calendar, financial and academic years) set ``Timing.year_only``,
  since they say nothing about the month a milestone falls due in; a range ending on a year
  alone (``April 2009 - 2010``) sets ``Timing.ends_on_year`` for the same reason.
- **Qualifying years**: when a timescale also gives a finer date, a year-level expression
  preceded by "for", or one that contains a finer date, names what the work covers rather than
  when it is due and is left out ("Analysis ... for 2010/2011 completed by November 11" is
  November 2011).
- **Months without a year** (``March``, ``by July``, ``April – July``) are read only when a
  plan period is given and exactly one such month (or range) lies within it; the
  interpretation says so. "May" and "March" in lower case are English words, not months, when
  no year follows; a month after "the", "this", "next", "last" and similar words ("the
  September Guarantee") is a name, not a date, but a school term after "the" is a term ("by the
  end of the summer term"). A month without a year is never read when the
  same timescale gives a date with a year. A day and month written with numbers (``31/3``, ``by
  31/3``, ``Due 30/9``) is placed in the plan period the same way, but only as the whole timescale
  or after "by", "due", "end" or "deadline" at its end, and not after a word of change (``Reduce
  absence by 1/3``): ``1/2 day`` and ``2/3 of schools`` are fractions. ``11/12`` is a year. A slash
  after it (``by 31/03/``, the year left to fill in) changes nothing.
- **Ongoing work** (``Ongoing``, ``On-going``, ``Continuous``, ``Throughout the year``,
  ``Termly``, ``Monthly``, ``Quarterly``, ``Annually``, ``six monthly``, ``each April`` ...):
  kind ``ongoing``, with the plan period as its interval when one is given and no interval
  otherwise. A date with a year always wins over these words ("May 11 and January 12" in
  "Update progress six monthly ... May 11 and January 12" is dated).
- **The end of the year** (``By year end``, ``End of the financial year``): the last month of
  the plan period, "by the end of March 2012", when the period is one financial year (1 April
  to 31 March) or, unless the text says "financial", one calendar year; in a plan of several
  years, or without a period, it is undated and the interpretation says why. ``end of Year 11``
  (a school year group) is not a date. With the year written (``end of the financial year
  2012/13``, ``end of FY 2012/13``, ``Year end 2011/12``, ``by the end of the 2012/13 financial
  year``, ``end of the academic year 2011/12``) it is that year's last month, as without it:
  "by the end of March 2013, the end of the financial year 2012-13". A financial or academic
  year named by one year is the one that ends in it (``end of the financial year 2012`` is
  March 2012); ``end of the calendar year 2012`` is December 2012. ``Year end 2012`` (a year
  end in 2012, March or December) and ``End of 2011/12`` keep their year-level readings.
- **Open-ended starts** (``From April 2011 onwards``, ``April 2011 onwards``, ``monthly from
  Sept 11``): kind ``ongoing``, interval from the start of that date to the end of the plan
  period. Without a plan period, or when the period ends before the work starts, the interval
  is the starting date itself: the tool then knows only when the work starts.
- **No date**: empty text, ``-``, ``TBA``, ``TBC``, ``To be agreed``, ``To be confirmed``,
  ``N/A`` and text with nothing readable are undated, and the interpretation says why. A
  ``(tbc)`` next to a date keeps the date and marks it provisional.
- **Deferred timing**: a phrase that defers to another document ("See 14-19 Plan", "As in
  Play Strategy", "in line with the Children's Trust timetable") is kind ``external`` with the
  document in ``reference``. Only phrases naming a plan, strategy, timetable, programme,
  framework, policy, schedule, protocol or similar document count. A date in the same
  timescale wins, and the interpretation mentions the document.
- ``As above``, ``Same as above``, ``Ditto``: kind ``as_above``; the caller substitutes the
  timing of the milestone above.
- The interval list keeps the order of the text; ``Timing.span`` runs from the earliest start
  to the latest end.
- Only the first 1,000 characters of a timescale are read.

Readings are cached (the text and the period are the key), so a plan that repeats the same
timescales is read once per distinct wording. The commonest forms, a month and year alone or after
deadline words (``June 11``, ``End September 2012``, ``Due June 2012``, ``no later than June 2012``),
take a quick path that gives the reading the full reader gives.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cached_property, lru_cache
from typing import Literal

__all__ = [
    "Interval",
    "Timing",
    "TimingKind",
    "month_interval",
    "parse_due",
    "parse_timescale",
    "parse_value_period",
]

TimingKind = Literal["dated", "ongoing", "external", "undated", "as_above"]

_MONTH_NAMES = (
    "", "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
_MONTH_NUMBER = {name[:3].lower(): number for number, name in enumerate(_MONTH_NAMES) if name}
_MAX_CHARS = 1000


def _month_end(year: int, month: int) -> date:
    """Last day of a month."""
    if month == 12:
        return date(year, 12, 31)
    return date(year, month + 1, 1) - timedelta(days=1)


def _shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    """``(year, month)`` moved by ``by`` months."""
    index = year * 12 + (month - 1) + by
    return index // 12, index % 12 + 1


# --------------------------------------------------------------------------------------------
# Public data types
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True, order=True)
class Interval:
    """A closed interval of days, both ends included.

    Intervals order by start, then by end.

    Examples
    --------
    >>> str(Interval(date(2011, 4, 1), date(2011, 7, 31)))
    '2011-04..2011-07'
    >>> str(Interval(date(2011, 7, 1), date(2011, 7, 31)))
    '2011-07'
    >>> str(Interval(date(2012, 1, 1), date(2012, 12, 31)))
    '2012'
    >>> str(Interval(date(2011, 7, 31), date(2011, 7, 31)))
    '2011-07-31'
    """

    start: date
    end: date

    def __post_init__(self) -> None:
        if not isinstance(self.start, date) or not isinstance(self.end, date):
            raise ValueError(f"an interval needs two dates, not {self.start!r} and {self.end!r}")
        if self.end < self.start:
            raise ValueError(
                f"interval ends ({self.end.isoformat()}) before it starts ({self.start.isoformat()})"
            )

    def __str__(self) -> str:
        """Compact form: a day, a month (``2011-07``), a year (``2011``) or ``A..B``."""
        s, e = self.start, self.end
        if s == e:
            return s.isoformat()
        if s.day == 1 and e == _month_end(e.year, e.month):
            if s.month == 1 and e.month == 12:
                return f"{s.year:04d}" if s.year == e.year else f"{s.year:04d}..{e.year:04d}"
            if (s.year, s.month) == (e.year, e.month):
                return f"{s.year:04d}-{s.month:02d}"
            return f"{s.year:04d}-{s.month:02d}..{e.year:04d}-{e.month:02d}"
        return f"{s.isoformat()}..{e.isoformat()}"


@dataclass(frozen=True)
class Timing:
    """When a milestone is due, and how that was read.

    Attributes
    ----------
    kind
        ``dated`` (one or more intervals), ``ongoing`` (continuing work; the plan period or an
        open-ended start as interval when known), ``external`` (timing deferred to another
        document, named in ``reference``), ``undated`` (no date, or none that can be read
        without guessing) or ``as_above`` (the caller substitutes the previous milestone's timing).
    text
        The source words, or a rendering of a ``due`` value.
    intervals
        The due intervals, in the order written.
    interpretation
        One short phrase saying how the text was read, for messages.
    reference
        For ``external``: the document deferred to.
    year_only
        True when every interval is a whole year (calendar, financial or academic) read from
        a year alone; rules that need the month (OG303) skip these.
    ends_on_year
        True when the span's end is read from a year alone, as in a range to a bare year
        (``April 2009 - 2010``, ``{from: 2011-04, to: 2012}``) or a month beside a later
        financial year: the end is a year's last day, not a month the work falls due in.
        Implied by ``year_only``.
    """

    kind: TimingKind
    text: str
    intervals: tuple[Interval, ...] = ()
    interpretation: str = ""
    reference: str | None = None
    year_only: bool = False
    ends_on_year: bool = False

    @property
    def due_month(self) -> tuple[int, int] | None:
        """``(year, month)`` the milestone falls due in: the month its span ends in.

        None unless the timing is dated and that end is read from a month or a finer date:
        a year alone (``2012``, ``2011/12``) or a range ending on one (``April 2009 - 2010``)
        says nothing about the month (OG303 and the owner-load tables skip these).

        Examples
        --------
        >>> parse_timescale("April - July 2011").due_month
        (2011, 7)
        >>> parse_timescale("April 2009 - 2010").due_month is None
        True
        """
        span = self.span
        if self.kind != "dated" or span is None or self.year_only or self.ends_on_year:
            return None
        return span.end.year, span.end.month

    @cached_property  # (rules read it for every milestone; a Timing is shared by equal texts)
    def span(self) -> Interval | None:
        """Earliest start to latest end of the intervals, or None without intervals.

        Examples
        --------
        >>> parse_timescale("Sept 2011 March 2012").span
        Interval(start=datetime.date(2011, 9, 1), end=datetime.date(2012, 3, 31))
        """
        if not self.intervals:
            return None
        if len(self.intervals) == 1:
            return self.intervals[0]
        return Interval(min(i.start for i in self.intervals), max(i.end for i in self.intervals))


def month_interval(year: int, month: int) -> Interval:
    """The whole of one month.

    Parameters
    ----------
    year, month
        The month, ``month`` from 1 to 12.

    Returns
    -------
    Interval
        The first to the last day of the month.

    Raises
    ------
    ValueError
        When the month or year is out of range.

    Examples
    --------
    >>> str(month_interval(2012, 2))
    '2012-02'
    >>> month_interval(2012, 2).end
    datetime.date(2012, 2, 29)
    """
    if not 1 <= month <= 12:
        raise ValueError(f"month {month} is not a month (1 to 12)")
    if not 1 <= year <= 9999:
        raise ValueError(f"year {year} is out of range")
    return Interval(date(year, month, 1), _month_end(year, month))


def _months(y1: int, m1: int, y2: int, m2: int) -> Interval:
    """From the start of month ``(y1, m1)`` to the end of month ``(y2, m2)``."""
    return Interval(date(y1, m1, 1), _month_end(y2, m2))


def _fy(year: int) -> Interval:
    """UK financial year starting in April of ``year``."""
    return Interval(date(year, 4, 1), date(year + 1, 3, 31))


def _month_words(iv: Interval) -> str:
    """'September to November 2008' or 'December 2008 to February 2009' for a month span."""
    s, e = iv.start, iv.end
    if s.year == e.year:
        return f"{_MONTH_NAMES[s.month]} to {_MONTH_NAMES[e.month]} {e.year}"
    return f"{_MONTH_NAMES[s.month]} {s.year} to {_MONTH_NAMES[e.month]} {e.year}"


def _day_words(d: date) -> str:
    return f"{d.day} {_MONTH_NAMES[d.month]} {d.year}"


# --------------------------------------------------------------------------------------------
# parse_due
# --------------------------------------------------------------------------------------------
_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})", re.A)
_ISO_MONTH = re.compile(r"(\d{4})-(\d{2})", re.A)
_ISO_YEAR = re.compile(r"\d{4}", re.A)
_DUE_FORMS = (
    "an ISO date (2011-07-31), a month (2011-07), a year (2012), "
    "a range {from: 2011-04, to: 2011-07} or a list of these"
)


def _iso_day(text: str, what: str = "date") -> Interval:
    """Read a ``YYYY-MM-DD`` string already matched by ``_ISO_DAY``; ValueError if impossible."""
    y, m, d = int(text[0:4]), int(text[5:7]), int(text[8:10])
    if y < 1:
        raise ValueError(f"'{text}' is not a valid {what} (year {y})")
    if not 1 <= m <= 12:
        raise ValueError(f"'{text}' is not a valid {what} (month {m})")
    last = _month_end(y, m).day
    if not 1 <= d <= last:
        raise ValueError(f"'{text}' is not a valid {what} (day {d}: {_MONTH_NAMES[m]} {y} has {last} days)")
    day = date(y, m, d)
    return Interval(day, day)


def iso_date(text: str) -> date:
    """The date a ``YYYY-MM-DD`` text names; ValueError saying what is wrong with it otherwise.

    >>> iso_date("2012-02-29")
    datetime.date(2012, 2, 29)
    >>> iso_date("2011-02-30")
    Traceback (most recent call last):
    ...
    ValueError: '2011-02-30' is not a valid date (day 30: February 2011 has 28 days)
    """
    if not _ISO_DAY.fullmatch(text):
        raise ValueError(f"'{text}' is not a date written year-month-day (2011-04-01)")
    return _iso_day(text).start


def _due_single(value: object) -> tuple[Interval, str, bool]:
    """One single ``due`` form -> (interval, rendering, year-level)."""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return Interval(value, value), value.isoformat(), False
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 9999:
        return Interval(date(value, 1, 1), date(value, 12, 31)), f"{value:04d}", True
    if not isinstance(value, str):
        raise ValueError(f"{value!r} is not a valid due value: write {_DUE_FORMS}")
    text = value.strip()
    if _ISO_DAY.fullmatch(text):
        return _iso_day(text), text, False
    if _ISO_MONTH.fullmatch(text):
        y, m = int(text[:4]), int(text[5:7])
        if not 1 <= m <= 12:
            raise ValueError(f"'{text}' is not a valid month (month {m})")
        if y < 1:
            raise ValueError(f"'{text}' is not a valid month (year {y})")
        return month_interval(y, m), text, False
    if _ISO_YEAR.fullmatch(text):
        y = int(text)
        if y < 1:
            raise ValueError(f"'{text}' is not a valid year")
        return Interval(date(y, 1, 1), date(y, 12, 31)), text, True
    # ("Sept 2011", "End of Q3": a date written as people write it belongs in `timescale`, which reads it)
    words = f"; a date written in words ('{text}') goes in `timescale:`" if re.search(r"[^\W\d_]", text) else ""
    raise ValueError(f"'{value}' is not a valid due value: write {_DUE_FORMS}{words}")


def _due_item(value: object) -> tuple[Interval, str, bool, bool]:
    """A single form or a ``{from, to}`` range -> (interval, rendering, year-level, ends on a year)."""
    if isinstance(value, dict):
        unknown = [k for k in value if k not in ("from", "to")]
        if unknown:
            raise ValueError(f"due range has unknown key '{unknown[0]}': a range is {{from: ..., to: ...}}")
        if "from" not in value or "to" not in value:
            missing = "from" if "from" not in value else "to"
            raise ValueError(f"due range {value!r} has no '{missing}': a range is {{from: ..., to: ...}}")
        if isinstance(value["from"], (dict, list)) or isinstance(value["to"], (dict, list)):
            raise ValueError(f"due range {value!r}: 'from' and 'to' must each be a date, month or year")
        a, a_text, a_year = _due_single(value["from"])
        b, b_text, b_year = _due_single(value["to"])
        if b.end < a.start:
            raise ValueError(f"due range from {a_text} to {b_text} ends before it starts")
        return Interval(a.start, b.end), f"{a_text}..{b_text}", a_year and b_year, b_year
    if isinstance(value, (list, tuple)):
        raise ValueError(f"due value {value!r}: a list cannot contain another list")
    interval, text, year = _due_single(value)
    return interval, text, year, year


def parse_due(value: object) -> Timing:
    """Read the plan format's ``due`` field.

    Parameters
    ----------
    value
        An ISO date ``"2011-07-31"``, a month ``"2011-07"``, a year ``"2012"``, a range
        ``{"from": X, "to": Y}`` (each of those single forms; the interval runs from X's start
        to Y's end), or a list of these (several intervals). ``datetime.date`` values are
        accepted as days.

    Returns
    -------
    Timing
        Kind ``dated``; ``year_only`` when every value is a year.

    Raises
    ------
    ValueError
        With a message naming the bad value, e.g. an impossible date or a range that ends
        before it starts.

    Examples
    --------
    >>> t = parse_due("2011-07")
    >>> t.kind, str(t.intervals[0]), t.interpretation
    ('dated', '2011-07', 'due 2011-07')
    >>> str(parse_due({"from": "2011-04", "to": "2011-07"}).intervals[0])
    '2011-04..2011-07'
    >>> parse_due("2012").year_only
    True
    >>> parse_due("2011-13-45")
    Traceback (most recent call last):
    ...
    ValueError: '2011-13-45' is not a valid date (month 13)
    """
    if isinstance(value, str):
        return _parse_due_text(value)
    return _parse_due(value)


@lru_cache(maxsize=16384)  # a plan repeats its due dates (the loader checks each, the rules read it)
def _parse_due_text(value: str) -> Timing:
    return _parse_due(value)


def _parse_due(value: object) -> Timing:
    if isinstance(value, (list, tuple)):
        if not value:
            raise ValueError(f"due value is an empty list: write {_DUE_FORMS}")
        read = [_due_item(v) for v in value]
    else:
        read = [_due_item(value)]
    intervals: list[Interval] = []
    for interval, _, _, _ in read:
        if interval not in intervals:
            intervals.append(interval)
    rendering = "; ".join(r for _, r, _, _ in read)
    last = max(interval.end for interval, _, _, _ in read)
    return Timing(
        kind="dated",
        text=rendering,
        intervals=tuple(intervals),
        interpretation=f"due {rendering}",
        year_only=all(y for _, _, y, _ in read),
        # (the month is known when any value ending last ends on a month or a day)
        ends_on_year=all(e for interval, _, _, e in read if interval.end == last),
    )


# --------------------------------------------------------------------------------------------
# parse_value_period
# --------------------------------------------------------------------------------------------
_PERIOD_FORMS = (
    "YYYY (a calendar year), YYYY-YY (a financial year, e.g. 2008-09), YYYY-Qn (a calendar quarter), "
    "YYYY-YY-Qn (a financial-year quarter) or an ISO date"
)
_PERIOD_FY = re.compile(r"(\d{4})-(\d{2})", re.A)
_PERIOD_Q = re.compile(r"(\d{4})-[qQ](\d)", re.A)
_PERIOD_FYQ = re.compile(r"(\d{4})-(\d{2})-[qQ](\d)", re.A)
_PERIOD_HINT_FY = re.compile(r"(\d{2}|\d{4})\s*/\s*(\d{2}|\d{4})", re.A)


def _fy_quarter(year: int, quarter: int) -> Interval:
    """Quarter ``quarter`` (1-4) of the financial year starting April ``year``."""
    y, m = _shift_month(year, 4, 3 * (quarter - 1))
    y2, m2 = _shift_month(y, m, 2)
    return _months(y, m, y2, m2)


def _calendar_quarter(year: int, quarter: int) -> Interval:
    m = 3 * (quarter - 1) + 1
    return _months(year, m, year, m + 2)


def _check_next_year(text: str, year: int, yy: int) -> None:
    if yy != (year + 1) % 100:
        raise ValueError(
            f"'{text}' is not a valid period: {yy:02d} is not the year after {year} "
            f"(a financial year is written {year}-{(year + 1) % 100:02d}; a period is never a month)"
        )


def parse_value_period(text: str) -> Interval:
    """Read an indicator value's ``period``.

    Parameters
    ----------
    text
        ``YYYY`` (calendar year), ``YYYY-YY`` with YY the next year (UK financial year,
        April to March; never a month), ``YYYY-Qn`` (calendar quarter), ``YYYY-YY-Qn``
        (financial-year quarter, Q1 = April–June ... Q4 = January–March) or an ISO date.

    Returns
    -------
    Interval
        The period's days.

    Raises
    ------
    ValueError
        Naming the problem, e.g. ``2008-10`` (10 is not the year after 2008).

    Examples
    --------
    >>> str(parse_value_period("2008-09"))
    '2008-04..2009-03'
    >>> str(parse_value_period("2011-12-Q3"))
    '2011-10..2011-12'
    >>> str(parse_value_period("2012-Q1"))
    '2012-01..2012-03'
    >>> parse_value_period("2008-10")
    Traceback (most recent call last):
    ...
    ValueError: '2008-10' is not a valid period: 10 is not the year after 2008 (a financial year is written 2008-09; a period is never a month)
    """
    if not isinstance(text, str):
        raise ValueError(f"period {text!r} must be text: {_PERIOD_FORMS}")
    t = text.strip()
    if _ISO_YEAR.fullmatch(t):
        y = int(t)
        if y < 1:
            raise ValueError(f"'{text}' is not a valid period (year {y})")
        return Interval(date(y, 1, 1), date(y, 12, 31))
    if m := _PERIOD_FY.fullmatch(t):
        y, yy = int(m[1]), int(m[2])
        _check_next_year(t, y, yy)
        if not 1 <= y <= 9998:
            raise ValueError(f"'{text}' is not a valid period (year {y})")
        return _fy(y)
    if m := _PERIOD_Q.fullmatch(t):
        y, q = int(m[1]), int(m[2])
        if not 1 <= q <= 4:
            raise ValueError(f"'{text}' is not a valid period: Q{q} is not a quarter (Q1 to Q4)")
        if y < 1:
            raise ValueError(f"'{text}' is not a valid period (year {y})")
        return _calendar_quarter(y, q)
    if m := _PERIOD_FYQ.fullmatch(t):
        y, yy, q = int(m[1]), int(m[2]), int(m[3])
        _check_next_year(t, y, yy)
        if not 1 <= q <= 4:
            raise ValueError(f"'{text}' is not a valid period: Q{q} is not a quarter (Q1 to Q4)")
        if not 1 <= y <= 9998:
            raise ValueError(f"'{text}' is not a valid period (year {y})")
        return _fy_quarter(y, q)
    if _ISO_DAY.fullmatch(t):
        return _iso_day(t, "period")
    if m := _PERIOD_HINT_FY.fullmatch(t):
        a = int(m[1]) if len(m[1]) == 4 else 2000 + int(m[1])
        if int(m[2]) % 100 == (a + 1) % 100:
            raise ValueError(
                f"'{text}' is not a valid period: write the financial year as {a}-{(a + 1) % 100:02d}"
            )
    raise ValueError(f"'{text}' is not a valid period: use {_PERIOD_FORMS}")


# --------------------------------------------------------------------------------------------
# parse_timescale: patterns
# --------------------------------------------------------------------------------------------
_FLAGS = re.I | re.A
_MON_BODY = (
    r"(?:jan(?:uary)?|feb(?:ruary|uary|urary)?|mar(?:ch)?|apr(?:il)?|may|jun(?:e)?|jul(?:y)?"
    r"|aug(?:ust)?|sep(?:t(?:ember)?|tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_Y4 = r"(?:19|20)\d\d"
#: A number of three or more digits straight after a month or season: a year that _Y4 does not
#: read ("June 3011", "June 2100") is a typo to report, not a month to place in the period.
_NOT_A_YEAR = re.compile(r"[\s,']*(\d{3,})(?!\d)", re.A)
#: the rest of a split year after its first year ('/12' in 'June 2011/12'; with a hyphen, no spaces:
#: 'June 2011 - 12 July' is a range)
_SPLIT_REST_RE = re.compile(r"(?:\s*/\s*|-)(\d{4}|\d\d)(?![\d/.-])", re.A)
# a two-digit year after a month or season ('Nov 11/Dec 11', but not 'Nov 11/12', a financial year)
_YY_AFTER = r"['’]?(?P<{0}>\d\d)(?![\w%]|/\d|[.,]\d|-(?!" + _Y4 + r"(?!\d))\d)"


def _mon(name: str) -> str:
    return r"(?<![a-z])(?P<" + name + ">" + _MON_BODY + r")\.?(?![a-z])"


_DAY_MONTH = r"(?P<DN>(?<![\d/.-])(?P<dn_d>\d{1,2})/(?P<dn_m>\d{1,2})(?![\d-]|/\d|\.\d))"
_ALTERNATIVES = [
    # quarters: Q3 2011-12, Q3 11/12, Q1 2012, 2011-12 Q3, 2011-12-Q3, 2012 Q1, Q3 (no year);
    # 'Qtr 3', 'Quarter 3' and 'third quarter' as 'Q3'
    r"(?P<Q>(?<![a-z0-9])(?:(?:q|qtr\.?\s*|quarter\s*)(?P<q_n1>\d)(?!\d)"
    r"|(?P<q_o>first|second|third|fourth|1st|2nd|3rd|4th)\s+(?:quarter|qtr)(?![a-z]))"
    # (a financial year in brackets or after a dash is the quarter's too: 'Q3 (2011/12)', 'Q3 - 2011/12')
    r"(?:(?:,?\s*|(?:\s*\(\s*|\s+-\s+)(?=(?:fy\s*)?\d{2,4}\s*[/-]\s*\d{2,4}(?![\d/-])))(?:of\s+)?(?:"
    # (a financial year after 'FY' or 'financial year' too: 'Q3 FY 2011/12', 'Q3 of the financial year 11-12')
    r"(?:(?:the\s+)?(?:fy|financial\s+year)\s*)?(?:(?P<q_fa1>" + _Y4 + r")\s*[/-]\s*(?P<q_fb1>\d{4}|\d\d)(?!\d)"
    r"|(?P<q_fc1>\d\d)[/-](?P<q_fd1>\d\d)(?![\d/-]))"
    r"|(?P<q_y1>" + _Y4 + r")(?!\d)))?"
    r"|(?<![\d/.-])(?P<q_fa2>" + _Y4 + r")\s*[/-]\s*(?P<q_fb2>\d{4}|\d\d)[\s-]*q(?P<q_n2>\d)(?!\d)"
    r"|(?<![\d/.-])(?P<q_y3>" + _Y4 + r")[\s-]*q(?P<q_n3>\d)(?!\d))",
    # a year written after 'FY' with two digits: FY12, FY 12-13
    r"(?P<FYY>(?:(?<=fy)|(?<=fy\s))(?P<fyy_a>\d\d)(?:\s*[/-]\s*(?P<fyy_b>\d\d))?(?![\d/.-]))",
    # ISO day 2011-07-31
    r"(?P<ISO>(?<![\d/.-])(?P<iso_y>" + _Y4 + r")(?P<iso_s>[-/])(?P<iso_m>\d\d)(?P=iso_s)"
    r"(?P<iso_d>\d\d)(?!\d))",
    # UK numeric day, day first: 31/07/2011, 31.07.11, 1-4-2011
    r"(?P<ND>(?<![\d/.-])(?P<nd_d>\d{1,2})(?P<nd_s>[/.-])(?P<nd_m>\d{1,2})(?P=nd_s)"
    r"(?P<nd_y>\d{4}|\d\d)(?!\d|[/.-]\d))",
    # financial year / ISO month / year range: 2011-12, 2011/2012, 2011-07, 2010 - 2013
    r"(?P<FY>(?<![\d/.-])(?P<fy_a>" + _Y4 + r")\s*(?P<fy_s>[/-])\s*(?P<fy_b>\d{4}|\d\d)(?!\d|[/.-]\d))",
    # two-digit financial year: 08/09, 08-09 (not ages, times or a range of days: '11-12 year olds',
    # '10-11am', '11-12 April')
    r"(?P<FY2>(?<![\d/.-])(?P<f2_a>\d\d)(?:/|(?P<f2_h>-))(?P<f2_b>\d\d)(?!\d|[/.-]\d)"
    r"(?!\s*(?:years?|yrs?|year-olds?)\b)(?(f2_h)(?!(?:st|nd|rd|th)?\s*(?:of\s+)?" + _MON_BODY + r"(?![a-z])"
    r"|\s*(?:am|pm|hours?|hrs?|mins?|minutes|weeks?|days?|months?|%|:\d)(?![a-z]))))",
    # numeric month: 07/2011
    r"(?P<MY>(?<![\d/.-])(?P<my_m>\d{1,2})/(?P<my_y>" + _Y4 + r")(?!\d|[/.-]\d))",
    # day and month without a year: 31/3 (read only as a whole timescale or after 'by', 'due', 'end')
    _DAY_MONTH,
    # day range in one month: 1 - 15 April 2011, 1st to 15th April
    r"(?P<DR>(?<![\d.,/:-])(?P<dr_a>\d{1,2})(?:st|nd|rd|th)?\s*(?:-|to|until)\s*"
    r"(?P<dr_b>\d{1,2})(?:st|nd|rd|th)?"
    r"(?:\s+of\s+|\s+|-)?" + _mon("dr_mon")
    + r"(?:(?:,?\s*|-)(?P<dr_y4>" + _Y4 + r")(?!\d)|(?:\s*|-)" + _YY_AFTER.format("dr_y2") + r")?)",
    # day month [year]: 31 July 2011, 1st April 2011, 01-Apr-11, 31 March
    r"(?P<DM>(?<![\d.,/:-])(?P<dm_d>\d{1,2})(?:st|nd|rd|th)?(?:\s+of\s+|\s+|-)?" + _mon("dm_mon")
    + r"(?:(?:,?\s*|-)(?P<dm_y4>" + _Y4 + r")(?!\d)|(?:\s*|-)" + _YY_AFTER.format("dm_y2") + r")?)",
    # month day [year]: July 31, 2011; June 11th; May-15 2012 (joined by a hyphen only before a year:
    # 'May-15' alone is a spreadsheet's May 2015)
    r"(?P<MD>" + _mon("md_mon") + r"(?:\s+|(?P<md_h>-)(?=\d{1,2}(?:st|nd|rd|th)?(?:,?\s*|-)" + _Y4 + r"(?!\d)))"
    r"(?P<md_d>\d{1,2})(?:(?:st|nd|rd|th)(?![a-z])(?:(?(md_h)(?:,?\s*|-)|,?\s*)(?P<md_y1>"
    + _Y4 + r")(?!\d))?|(?(md_h)(?:,?\s*|-)|(?:,?\s*|(?P<md_sl>\s*/\s*)))(?P<md_y2>" + _Y4 + r")(?!\d)"
    # (and without a year before a range to a month and day with one: 'April 1 - March 31, 2012')
    r"|(?!\d)(?=\s*(?:-+|to|until|till|through)\s*" + _MON_BODY + r"\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s*"
    + _Y4 + r"(?!\d))))",
    # seasons and terms: Autumn 2008, Winter 2008/09, Autumn term 2011, Spring 11, Summer
    # (a split year with two digits too: Winter 11/12; a half-term: Summer half term 2012; a half of a
    # term: Spring 1 2012, Summer term 2; 'terms' after the year: Summer 2012 terms)
    r"(?P<SE>(?<![a-z])(?P<se_n>spring|summer|autumn|winter)(?![a-z])"
    r"(?:(?P<se_t>\s+terms?(?![a-z]))|(?P<se_h>\s+half[-\s]?terms?(?![a-z])))?"
    r"(?:\s+(?P<se_p>[12])(?:(?<=1)\s*(?:and|&|\+|-)\s*(?P<se_p2>2))?"  # ('Autumn 1 and 2': both halves)
    r"(?![\d/.:%]|\s*-\s*\d|\s*(?:of\s+)?" + _MON_BODY + r"(?![a-z])"
    r"|\s*(?:st|nd|rd|th|x|weeks?|days?|months?|years?|hours?|hrs?|sessions?|times?)(?![a-z])))?"
    r"(?:(?:(?:,\s*(?=" + _Y4 + r")|\s*)(?P<se_y>" + _Y4 + r"|\d\d(?=\s*[/-]\s*\d\d(?!\d)))"
    r"(?:\s*[/-]\s*(?P<se_y2>\d{4}|\d\d))?(?!\d)"
    r"|\s*" + _YY_AFTER.format("se_yy") + r")(?P<se_t2>\s+terms?(?![a-z]))?)?)",
    # month [year]: June 11, Sept 2011, March; Apr-11 (a spreadsheet's month format)
    r"(?P<MN>" + _mon("mn_mon")
    + r"(?:(?:,?\s*|-|/|\s+half[-\s]?term\s+)(?P<mn_y4>" + _Y4 + r")(?!\d)"
    r"|(?:\s*|-)" + _YY_AFTER.format("mn_y2") + r")?)",
    # year: 2012
    r"(?P<YR>(?<![\d/.£$])(?P<yr>" + _Y4 + r")(?!\d|[/.-]\d|\s*%))",
]
_DATE_RE = re.compile("|".join(_ALTERNATIVES), _FLAGS)
#: a month name right before a number ('June ' of 'June 11/2012')
_MONTH_BEFORE_RE = re.compile(r"(?<![a-z])" + _MON_BODY + r"\.?\s+$", _FLAGS)
_DAY_MONTH_RE = re.compile(_DAY_MONTH, _FLAGS)
# every expression starts at the start of a word with a digit, 'Q', a month or a season: finding
# those places first and trying the expressions only there keeps the scan fast
_CANDIDATE_RE = re.compile(
    r"(?<![a-z0-9])(?:\d|q\d|qtr|quarter|first|second|third|fourth"
    r"|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|spr|sum|aut|win)|(?<=fy)\d", _FLAGS
)

#: 'financial year', 'FY', 'academic year', 'year': the words of a year-end phrase
#: ('end of the financial year', 'FY end')
_YEAR_WORDS = r"(?:(?:financial|fiscal|academic|school|calendar)\s+)?year(?:\s+fy)?|fy|ay"
#: words before a date that make it a deadline: 'by June 2011', 'until the end of June 2011'
_BY_WORDS = r"by|before|no\s+later\s+than|not\s+later\s+than|until|till"
_DEADLINE_WORDS = _BY_WORDS + r"|up\s+to|deadline|due(?:\s+(?:by|in|on))?"
_END_WORDS = r"(?:(?:" + _BY_WORDS + r")\s+)?(?:the\s+)?(?:end|close)(?:\s+of)?(?:\s+the)?"
_MODIFIER_RE = re.compile(
    r"(?<![a-z])(?=[bnutdecwfsmlyac])"
    r"(?:(?P<end>(?:(?:" + _BY_WORDS + r")\s+)?(?:the\s+)?"
    r"(?:(?P<ye_a>" + _YEAR_WORDS + r")[-\s]*)?(?:end|close)(?:\s+of)?(?:\s+the)?"
    r"(?:\s+(?P<ye_b>" + _YEAR_WORDS + r"))?)"
    r"|(?P<by>(?:" + _DEADLINE_WORDS + r"))"
    r"|(?P<week>(?:week\s+(?:commencing|beginning|starting)|w/[cb]|w\.?c\.?))"
    r"|(?P<week_end>(?:week\s+ending|w/e|w\.e\.))"
    r"|(?P<from>(?:from|starting(?:\s+(?:in|from))?|commencing|since|beginning\s+(?:in|from)))"
    r"|(?P<start>(?:beginning|start|early|begin)(?:\s+of)?(?:\s+the)?)"
    r"|(?P<mid>mid(?:dle)?(?:\s+of)?(?:\s+the)?)"
    r"|(?P<late>late)"
    r"|(?P<for>for)"
    r"|(?P<between>between))[\s:-]*$",
    _FLAGS,
)
_ONWARDS_RE = re.compile(
    r"\s*(?:onwards?|-\s*ongoing|and\s+(?:ongoing|onwards?|beyond)|then\s+ongoing)(?![a-z])", _FLAGS
)
_RANGE_GAP_RE = re.compile(r"\s*(?:-+|to|until|till|through|thru)\s*", _FLAGS)
_SLASH_GAP_RE = re.compile(r"\s*/\s*")
_AND_GAP_RE = re.compile(r"\s*(?:and|&)\s*", _FLAGS)
_LIST_GAP_RE = re.compile(r"\s*(?:,\s*(?:(?:and|&)\s*)?|(?:and|&)\s*)", _FLAGS)
_DETERMINER_RE = re.compile(
    r"(?<![a-z])(?P<word>the|a|an|this|that|next|last|each|every|following|previous|coming)\s+$", _FLAGS
)
_ONGOING_RE = re.compile(
    r"(?<![a-z])(?:on-?\s?going|continu(?:ous|ously|al|ally|ing)|throughout|all\s+year(?:\s+round)?"
    r"|year[-\s]round|termly|weekly|fortnightly|monthly|bi-?monthly|quarterly|annual(?:ly)?|yearly"
    r"|bi-?annually|half[-\s]yearly|six[-\s]monthly|three[-\s]monthly|regularly|on\s+a\s+regular\s+basis"
    r"|rolling|(?:each|every)\s+(?:day|week|fortnight|month|term|quarter|year|half[-\s]term)s?)(?![a-z])",
    _FLAGS,
)
_TBA_RE = re.compile(
    r"(?<![a-z])(?:(?<!no\s)(?<!not\s)(?:tba|tbc|tbd|tbe)"
    r"|to\s+be\s+(?:agreed|confirmed|decided|determined|arranged|added|announced|set|scheduled|finali[sz]ed"
    r"|advised|defined|timetabled|identified)"
    r"|not\s+(?:yet\s+)?(?:known|set|agreed|confirmed|decided|scheduled)|unknown|n/a|not\s+applicable"
    r"|none)(?![a-z])",
    _FLAGS,
)
_PLACEHOLDER_RE = re.compile(r"[\s\-.?*/_]*")
_AS_ABOVE_RE = re.compile(
    r"\s*(?:(?:as|same\s+as|see|as\s+per|refer\s+to)\s+(?:above|before"
    r"|(?:the\s+)?previous(?:\s+(?:row|line|milestone|action|entry))?)|ditto|\"|''|〃)\s*[.!]*\s*",
    _FLAGS,
)
_EXTERNAL_RE = re.compile(
    r"(?<![a-z])(?:see(?:\s+also)?|refer\s+to|as\s+(?:in|per|set\s+out\s+in|detailed\s+in|outlined\s+in"
    r"|specified\s+in|described\s+in|stated\s+in|shown\s+in|agreed\s+in|defined\s+in)"
    r"|in\s+line\s+with|in\s+accordance\s+with|according\s+to|set\s+out\s+in|detailed\s+in)"
    r"\s+(?:the\s+)?(?P<ref>[^.;:,()\n]{0,80}?(?<![a-z])"
    r"(?:plan|strategy|strategies|timetable|programme|program"
    r"|framework|policy|schedule|document|protocol|charter|timeline|milestones)s?)(?![a-z])",
    _FLAGS,
)
_NUMBERED_RE = re.compile(
    r"(?<![a-z])(?:phase|stage|step|part|year|yr|level|ks|priority|objective|no\.?|number|item|section|page"
    r"|chapter|round|wave|cohort|tier|group|area|aim|action|milestone|target|pillar|theme|ni|csc|top)\s*$",
    _FLAGS,
)
#: words before numbers that count something rather than name a year: 'Years 11-12', 'aged 11-12',
#: 'pages 11-12' (but 'academic years 11/12 and 12/13' names years)
_COUNTED_RE = re.compile(
    r"(?<![a-z])(?:(?P<kind>(?:financial|fiscal|academic|school|calendar)\s+)?years?|yrs?|aged?|ages"
    r"|pages|pp\.?|paras?|paragraphs|sections|phases|stages|levels)\s*$",
    _FLAGS,
)
#: what may come before a day and month without a year ('by 31/3', 'Due: 30/9', 'End 31/12')...
_DAY_MONTH_LEAD_RE = re.compile(
    r"(?:^|(?<![a-z])(?:by|due|end|deadline)(?:\s+(?:by|of|on))?)[\s:-]*$", _FLAGS
)
#: ... unless a change is measured ('Reduce absence by 1/3' is a fraction)
_CHANGE_RE = re.compile(
    r"(?<![a-z])(?:reduc|increas|decreas|improv|rais|ris|fall|fell|cut|narrow|grow|drop|lower|halv"
    r"|doubl)[a-z]*",
    _FLAGS,
)
#: 'year end', 'end of the financial year' (not 'end of Year 11', a school year group)
_YEAR_END_RE = re.compile(
    r"(?<![a-z])(?:end\s+of\s+(?:the\s+)?(?P<fy1>financial\s+)?year|(?P<fy2>financial\s+)?year[-\s]?end)"
    r"(?![a-z])(?!\s*\d)",
    _FLAGS,
)
#: the kind of year named right before a year ('financial year 2012', 'FY2012', 'school year end 2012')
_YEAR_KIND_BEFORE_RE = re.compile(
    r"(?<![a-z])(?:(?P<financial>(?:financial|fiscal)\s+year|fy)|(?P<academic>(?:academic|school)\s+year|ay)"
    r"|(?P<calendar>calendar\s+year))(?:[-\s]*end)?(?:\s+of)?[\s:-]*$",
    _FLAGS,
)
#: the kind of year named right after a year ('by the end of the 2012/13 financial year', '2012/13 year end')
_YEAR_WORDS_AFTER_RE = re.compile(
    r"\s+(?P<kind>(?:financial|fiscal|academic|school|calendar)\s+)?year(?P<end>[-\s]*end)?(?![a-z])", _FLAGS
)
#: words saying a split year is a financial one ('FY 11/12', 'financial year 2011/12')
_FINANCIAL_RE = re.compile(r"(?<![a-z])(?:financial|fiscal|fy)(?![a-z])|(?<=fy)\d", _FLAGS)
_ACADEMIC_RE = re.compile(r"(?<![a-z])(?:(?:academic|school)\s+years?|ay)(?![a-z])", _FLAGS)
_TAG_RE = re.compile(r"<[^<>]{0,200}>")
_LABEL_PUNCT = " -–—,;:.()[]&/|'\"•*"
_TRAILING_WORDS = frozenset(
    "in on at by from for during the of to until and then or is are be due will start starts with".split()
)
_LEADING_WORDS = frozenset("and then or also with".split())
_SPACES_RE = re.compile(r"\s+")
_DASHES = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"})
_DISPLAY = str.maketrans(
    {c: " " for c in "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"}
    | {c: " " for c in "\u202f\u205f\u3000"}
    | {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'}
)

# (first month, months after it): seasons as in the plan format; school terms
_SEASONS = {"spring": (3, 2), "summer": (6, 2), "autumn": (9, 2), "winter": (12, 2)}
_TERMS = {"autumn": (9, 3), "spring": (1, 3), "summer": (4, 3), "winter": (12, 2)}

_Make = Callable[[int], "tuple[Interval, str] | None"]


@dataclass(slots=True)
class _Item:
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
    is_range: bool = False
    year_end: bool = False  # the interval ends where a year read alone ends ('2012', 'April 2009 - 2010')
    quarter: bool = False  # a quarter without a year, or a range of them: placed in a financial-year plan only
    calendar: bool = False  # a calendar quarter ('Q1 2012'), whose numbering a yearless quarter does not share
    q_n: int = 0  # the number of a quarter without a year ('Q1' in 'Q1 - Q2 2012')
    half: int = 0  # a half of a school term, counted through the school year: autumn 1 is 1, summer 2 is 6
    season: str = ""  # a season without a year and without 'term' ('Spring' in 'Spring/Summer term 2012')
    term: bool = False  # a school term ('Summer term 2012')
    year_of: str = ""  # for a year: 'financial', 'academic' or 'calendar'
    named_year: int = 0  # a financial or academic year named by one year ('FY2012'): the year written
    src_start: int = 0
    src_end: int = 0


def _q(text: str, limit: int = 60) -> str:
    """Quote source words for a message: one line, at most ``limit`` characters."""
    t = _SPACES_RE.sub(" ", text).strip()
    if len(t) > limit:
        t = t[: limit - 1].rstrip() + "…"
    return f"'{t}'"


def _safe(make: _Make) -> _Make:
    def wrapped(year: int) -> tuple[Interval, str] | None:
        try:
            return make(year)
        except (ValueError, OverflowError):
            return None

    return wrapped


# -- item builders ---------------------------------------------------------------------------
def _two_digit(yy: str) -> int:
    return 2000 + int(yy)


def _month_item(m: re.Match[str], mon_group: str, year: int | None) -> _Item:
    word = m[mon_group]
    month = _MONTH_NUMBER[word[:3].lower()]
    item = _Item(m.start(), m.end())
    name = _MONTH_NAMES[month]
    if year is None:
        item.make = _safe(lambda y: (month_interval(y, month), f"{name} {y}"))
        item.name = name
        item.weak = word in ("may", "march", "mar")
        return item
    item.interval = month_interval(year, month)
    item.short = item.long = f"{name} {year}"
    return item


def _day_item(m: re.Match[str], mon_word: str, day: int, year: int | None) -> _Item:
    month = _MONTH_NUMBER[mon_word[:3].lower()]
    item = _Item(m.start(), m.end(), level="day")
    if year is None:
        if not 1 <= day <= 31:
            item.bad = f"{_q(m[0])} is not a valid date"
            return item
        item.weak = mon_word in ("may", "march", "mar")
        return _yearless_day(item, month, day)
    return _fixed_day(item, m[0], year, month, day)


def _yearless_day(item: _Item, month: int, day: int) -> _Item:
    """A day without a year, to be placed in the plan period ('31 March', 'by 31/3')."""

    def make(y: int) -> tuple[Interval, str]:
        d = date(y, month, day)
        return Interval(d, d), _day_words(d)

    item.make = _safe(make)
    item.name = f"{day} {_MONTH_NAMES[month]}"
    return item


def _fixed_day(item: _Item, src: str, year: int, month: int, day: int) -> _Item:
    if not 1 <= month <= 12:
        item.bad = f"{_q(src)} is not a valid date (month {month})"
        return item
    last = _month_end(year, month).day
    if not 1 <= day <= last:
        item.bad = f"{_q(src)} is not a valid date ({_MONTH_NAMES[month]} {year} has {last} days)"
        return item
    d = date(year, month, day)
    item.interval = Interval(d, d)
    item.short = item.long = _day_words(d)
    return item


def _year_item(item: _Item, year: int) -> _Item:
    item.interval = Interval(date(year, 1, 1), date(year, 12, 31))
    item.short = str(year)
    item.long = f"the calendar year {year}"
    item.level = "year"
    item.year_end = True
    item.year_of = "calendar"
    return item


def _split_year(first: int, second: str) -> int | None:
    """The year a split-year's second part names, or None when it is not the next year."""
    if len(second) == 4:
        return int(second) if int(second) == first + 1 else None
    return first + 1 if int(second) == (first + 1) % 100 else None


_ORDINAL_QUARTERS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}


def _handle_q(m: re.Match[str], text: str) -> _Item:
    item = _Item(m.start(), m.end(), level="quarter")
    n = _ORDINAL_QUARTERS[m["q_o"].lower()] if m["q_o"] else int(m["q_n1"] or m["q_n2"] or m["q_n3"])
    if not 1 <= n <= 4:
        item.bad = f"{_q(m[0])} is not a quarter (Q1 to Q4)"
        return item
    fa, fb = m["q_fa1"] or m["q_fa2"], m["q_fb1"] or m["q_fb2"]
    if m["q_fc1"]:
        fa, fb = str(_two_digit(m["q_fc1"])), m["q_fd1"]
    if fa:
        a = int(fa)
        if _split_year(a, fb) is None:
            item.bad = f"{_q(m[0])} does not name a financial year ({fb} is not the year after {a})"
            return item
        item.interval = _fy_quarter(a, n)
        item.short = f"Q{n} {a}-{(a + 1) % 100:02d}"
        item.long = f"Q{n} of the financial year {a}-{(a + 1) % 100:02d} ({_month_words(item.interval)})"
        return item
    year = m["q_y1"] or m["q_y3"]
    if year:
        y = int(year)
        item.interval = _calendar_quarter(y, n)
        item.short = f"Q{n} {y}"
        item.long = f"the calendar quarter Q{n} {y} ({_month_words(item.interval)})"
        item.calendar = True
        return item

    # no year: a financial-year quarter, placed in the plan period by the caller
    def make(y: int) -> tuple[Interval, str]:
        iv = _fy_quarter(y, n)
        return iv, f"Q{n} {y}-{(y + 1) % 100:02d} ({_month_words(iv)})"

    item.make = _safe(make)
    item.name = f"Q{n}"
    item.quarter = True
    item.q_n = n
    return item


def _as_term(item: _Item) -> None:
    """Read a season written before a school term (``Spring/Summer term 2012``, ``Spring and Summer
    term 2012``, ``Autumn 2011 - Summer 2012 terms``) as that term too: the words name two terms."""
    name = item.season

    def make(y: int) -> tuple[Interval, str]:
        iv = _season_interval(name, True, y)
        return iv, _season_words(name, True, iv)[0]

    if item.interval is not None:
        item.interval, item.short = make(item.interval.start.year)
        item.long = _season_words(name, True, item.interval)[1]
    else:
        item.make, item.name = _safe(make), f"{name} term"
    item.season, item.term = "", True


def _quarter_beside(item: _Item, other: _Item, before: bool) -> None:
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
        year, n = (start.year if start.month >= 4 else start.year - 1), (start.month - 4) % 12 // 3 + 1
    if before and item.q_n > n:
        year -= 1
    elif not before and item.q_n < n:
        year += 1
    q = item.q_n
    if other.calendar:
        item.interval = _calendar_quarter(year, q)
        item.short = f"Q{q} {year}"
        item.long = f"the calendar quarter Q{q} {year} ({_month_words(item.interval)})"
    else:
        item.interval = _fy_quarter(year, q)
        item.short = f"Q{q} {year}-{(year + 1) % 100:02d}"
        item.long = f"Q{q} of the financial year {item.short[3:]} ({_month_words(item.interval)})"
    item.calendar, item.quarter, item.make = other.calendar, False, None


def _handle_iso(m: re.Match[str], text: str) -> _Item:
    item = _Item(m.start(), m.end(), level="day")
    return _fixed_day(item, m[0], int(m["iso_y"]), int(m["iso_m"]), int(m["iso_d"]))


def _handle_nd(m: re.Match[str], text: str) -> _Item | None:
    d, mo, y = m["nd_d"], m["nd_m"], m["nd_y"]
    if m["nd_s"] == "." and len(mo) != 2 and len(y) != 4:
        return None  # '2.2.5' style numbering, not a date ('31.3.2012' is one)
    year = int(y) if len(y) == 4 else _two_digit(y)
    item = _Item(m.start(), m.end(), level="day")
    if not 1900 <= year <= 2099:  # (as for a month's year: "31/12/9999" is no date a plan means)
        item.bad = f"{_q(m[0])}: {year} is not a year from 1900 to 2099"
        return item
    return _fixed_day(item, m[0], year, int(mo), int(d))


def _handle_fy(m: re.Match[str], text: str) -> _Item:
    item = _Item(m.start(), m.end(), level="year")
    a, b, sep = int(m["fy_a"]), m["fy_b"], m["fy_s"]
    nxt = _split_year(a, b)
    if nxt is not None:
        return _fy_item(item, a, text)
    if len(b) == 2:
        month = int(b)
        if 1 <= month <= 12:
            item.level = "month"
            item.interval = month_interval(a, month)
            item.short = item.long = f"{_MONTH_NAMES[month]} {a}"
            return item
        item.bad = f"{_q(m[0])} is neither a financial year nor a month"
        return item
    last = int(b)
    if last < a:
        item.bad = f"{_q(m[0])} ends before it starts"
        return item
    if last == a:
        return _year_item(item, a)
    item.interval = Interval(date(a, 1, 1), date(last, 12, 31))
    item.short = f"{a} to {last}"
    item.long = f"the years {a} to {last}"
    item.year_end = True
    return item


def _fy_item(item: _Item, a: int, text: str) -> _Item:
    label = f"{a}-{(a + 1) % 100:02d}"
    window = text[max(0, item.start - 20): item.end + 20]
    if _ACADEMIC_RE.search(window):
        item.interval = Interval(date(a, 9, 1), date(a + 1, 8, 31))
        item.short = f"academic year {label}"
        item.long = f"the academic year {label} ({_month_words(item.interval)})"
        item.year_of = "academic"
    else:
        item.interval = _fy(a)
        item.short = label
        item.long = f"the financial year {label} ({_month_words(item.interval)})"
        item.year_of = "financial"
    item.level = "year"
    item.year_end = True
    return item


def _handle_fy2(m: re.Match[str], text: str) -> _Item | None:
    a = _two_digit(m["f2_a"])
    if int(m["f2_b"]) != (a + 1) % 100:  # '14/19' and the like are not years; '30/11' may be a day
        day_month = None if m["f2_h"] else _DAY_MONTH_RE.match(text, m.start())
        return _handle_dn(day_month, text) if day_month is not None else None
    if _counts(text, m.start()):
        return None  # 'Years 11-12', 'aged 11/12': school years and ages, not financial years
    return _fy_item(_Item(m.start(), m.end()), a, text)


def _counts(text: str, start: int) -> bool:
    """Whether the words before a number at ``start`` say it counts something ('Years 11-12', 'aged
    11-12', 'Phase 2') rather than name a year ('financial year 11/12', 'academic years 11/12')."""
    lo = max(0, start - 30)
    counted = _COUNTED_RE.search(text, lo, start)
    if counted is not None:
        return not counted["kind"]
    return _NUMBERED_RE.search(text, lo, start) is not None


def _handle_dn(m: re.Match[str], text: str) -> _Item | None:
    """``31/3``: a day and month without a year, placed in the plan period as '31 March' is. Read only
    as the whole timescale or after 'by', 'due' or 'end' at its end, where no fraction stands ('1/2 day',
    '2/3 of schools', 'Reduce absence by 1/3' are not dates); a slash may end it (``by 31/03/``, the
    date written for a year to be added)."""
    day, month = int(m["dn_d"]), int(m["dn_m"])
    if not (1 <= month <= 12 and 1 <= day <= _month_end(2000, month).day):
        return None
    before = text[: m.start()]
    after = text[m.end():].removeprefix("/")  # ('by 31/03/': the slash before a year left out)
    if (after.strip(" .,;:!") or not _DAY_MONTH_LEAD_RE.search(before)
            or _CHANGE_RE.search(before)):
        return None
    end = m.end() + 1 if text.startswith("/", m.end()) else m.end()
    return _yearless_day(_Item(m.start(), end, level="day"), month, day)


def _handle_my(m: re.Match[str], text: str) -> _Item | None:
    month, year = int(m["my_m"]), int(m["my_y"])
    if _MONTH_BEFORE_RE.search(text, max(0, m.start() - 12), m.start()):
        # a number after a month name is not a month: in 'June 11/2012' it starts the split year
        # 2011/12 (see _handle_md, which reads one that can be a day: 'June 15/2012')
        if len(m["my_m"]) == 2 and _split_year(_two_digit(m["my_m"]), m["my_y"]) is not None:
            return _fy_item(_Item(m.start(), m.end()), _two_digit(m["my_m"]), text)
        return None
    if not 1 <= month <= 12:
        return None
    item = _Item(m.start(), m.end())
    item.interval = month_interval(year, month)
    item.short = item.long = f"{_MONTH_NAMES[month]} {year}"
    return item


def _handle_dm(m: re.Match[str], text: str) -> _Item | None:
    if _NUMBERED_RE.search(text, max(0, m.start() - 20), m.start()):
        return None  # 'Phase 1 June 2011' is phase 1 in June 2011, not 1 June
    if _starts_split_year(m, "dm_y4", text):
        return _before_split_year(_day_item(m, m["dm_mon"], int(m["dm_d"]), None), m, "dm_mon")
    year = int(m["dm_y4"]) if m["dm_y4"] else _two_digit(m["dm_y2"]) if m["dm_y2"] else None
    item = _day_item(m, m["dm_mon"], int(m["dm_d"]), year)
    if item.interval is not None and (last := _last_year_after(m, "dm_y4", text)) is not None:
        return _to_year(item, last, text)
    return item


def _handle_dr(m: re.Match[str], text: str) -> _Item | None:
    if _NUMBERED_RE.search(text, max(0, m.start() - 20), m.start()):
        return None
    year = int(m["dr_y4"]) if m["dr_y4"] else _two_digit(m["dr_y2"]) if m["dr_y2"] else None
    first = _day_item(m, m["dr_mon"], int(m["dr_a"]), year)
    last = _day_item(m, m["dr_mon"], int(m["dr_b"]), year)
    if first.bad or last.bad:
        return first if first.bad else last
    if first.interval is not None and last.interval is not None:
        joined = _range(first, last, m[0])
        assert joined is not None
        if joined.interval is not None:
            joined.level = "day"
            joined.short = joined.long = f"{first.interval.start.day} to {_day_words(last.interval.end)}"
        return joined
    make_a, make_b = first.make, last.make
    assert make_a is not None and make_b is not None
    item = _Item(m.start(), m.end(), level="day", is_range=True)

    def make(y: int) -> tuple[Interval, str] | None:
        a, b = make_a(y), make_b(y)
        if a is None or b is None or b[0].end < a[0].start:
            return None
        return Interval(a[0].start, b[0].end), f"{a[0].start.day} to {b[1]}"

    item.make = make
    item.name = f"{m['dr_a']} to {last.name}"
    item.weak = last.weak
    return item


def _handle_md(m: re.Match[str], text: str) -> _Item:
    if m["md_sl"] and len(m["md_d"]) == 2 and _split_year(_two_digit(m["md_d"]), m["md_y2"]) is not None:
        # ('June 11/2012': June of the year 2011/12, as 'June 2011/12' is, not 11 June 2012)
        return _before_split_year(_month_item(m, "md_mon", None), m, "md_mon")
    y = m["md_y1"] or m["md_y2"]
    return _day_item(m, m["md_mon"], int(m["md_d"]), int(y) if y else None)


def _season_interval(name: str, term: bool, year: int) -> Interval:
    first, length = (_TERMS if term else _SEASONS)[name]
    y2, m2 = _shift_month(year, first, length)
    return _months(year, first, y2, m2)


def _season_words(name: str, term: bool, iv: Interval) -> tuple[str, str]:
    what = f"the {name} term" if term else name
    short = f"{name} term {iv.start.year}" if term else f"{name} {iv.start.year}"
    return short, f"{what} {iv.start.year} ({_month_words(iv)})"


def _handle_se(m: re.Match[str], text: str) -> _Item:
    item = _Item(m.start(), m.end(), level="season")
    name = m["se_n"].lower()
    if m["se_p"] and not (m["se_p2"] and name != "winter"):
        return _term_half(item, m, name)
    if m["se_h"]:
        return _half_term(item, m, name)
    # ('Autumn 1 and 2 2011': both halves of the autumn term are the term)
    term = item.term = bool(m["se_t"] or m["se_t2"] or m["se_p2"]) and name != "winter"
    if m["se_y"]:
        year = int(m["se_y"]) if len(m["se_y"]) == 4 else _two_digit(m["se_y"])
        if m["se_y2"]:
            nxt = _split_year(year, m["se_y2"])
            if nxt is None:
                item.bad = f"{_q(m[0])} does not name consecutive years"
                return item
            if term:
                year = year if name == "autumn" else nxt
            elif name != "winter":
                item.bad = f"{_q(m[0])} is ambiguous: which {name} of {m['se_y']}/{m['se_y2']}?"
                return item
    elif m["se_yy"]:
        year = _two_digit(m["se_yy"])
    else:
        def make(y: int) -> tuple[Interval, str]:
            iv = _season_interval(name, term, y)
            return iv, _season_words(name, term, iv)[0]

        item.make = _safe(make)
        item.name = f"{name} term" if term else name
        item.season = "" if term else name
        return item
    item.interval = _season_interval(name, term, year)
    item.short, item.long = _season_words(name, term, item.interval)
    item.season = "" if term else name
    return item


def _term_year(m: re.Match[str], name: str) -> tuple[int | None, str | None]:
    """(year, why not) of a school term, half-term or half written with a year; with an academic year
    (``2011/12``) the autumn one falls in the first year, the others in the second. No year: (None, None)."""
    written = m["se_y"] or m["se_yy"]
    if not written:
        return None, None
    year = int(written) if len(written) == 4 else _two_digit(written)
    if m["se_y2"]:
        nxt = _split_year(year, m["se_y2"])
        if nxt is None:
            return None, f"{_q(m[0])} does not name consecutive years"
        year = year if name == "autumn" else nxt
    return year, None


#: the halves of each school term, as English schools number them ('Spring 1', 'Summer 2'): (first month,
#: months after it); each term's first half ends at its half-term holiday (October, February, May)
_TERM_HALVES = {
    ("autumn", 1): (9, 1), ("autumn", 2): (11, 1), ("spring", 1): (1, 1), ("spring", 2): (2, 2),
    ("summer", 1): (4, 1), ("summer", 2): (6, 1),
}


def _term_half(item: _Item, m: re.Match[str], name: str) -> _Item:
    """``Spring 1 2012``, ``Summer term 2``: the first or second half of a school term (the number
    was a label before a calendar year). The spring term's second half runs from February to Easter."""
    n = int(m["se_p"])
    if (name, n) not in _TERM_HALVES:
        item.bad = f"{_q(m[0])} is not a half of a school term (autumn, spring or summer 1 or 2)"
        return item
    first, length = _TERM_HALVES[name, n]
    item.term = True
    item.half = list(_TERM_HALVES).index((name, n)) + 1

    def make(y: int) -> tuple[Interval, str]:
        return _months(y, first, *_shift_month(y, first, length)), f"{name} {n} {y}"

    year, bad = _term_year(m, name)
    if bad is not None:
        item.bad = bad
    elif year is None:
        item.make, item.name = _safe(make), f"{name} {n}"
    else:
        item.interval, item.short = make(year)
        half = "first" if n == 1 else "second"
        item.long = f"the {half} half of the {name} term {year} ({_month_words(item.interval)})"
    return item


#: the month of each term's half-term holiday in English schools
_HALF_TERMS = {"autumn": 10, "spring": 2, "summer": 5}


def _half_term(item: _Item, m: re.Match[str], name: str) -> _Item:
    """``Summer half term 2012``: the month of that half-term holiday (October, February, May);
    with an academic year (``Spring half-term 2011/12``) the autumn one falls in the first year."""
    item.level = "month"
    if name not in _HALF_TERMS:
        item.bad = f"{_q(m[0])} is not a school half-term (autumn, spring or summer)"
        return item
    month = _HALF_TERMS[name]

    def make(y: int) -> tuple[Interval, str]:
        return month_interval(y, month), f"{name} half-term {y}"

    year, bad = _term_year(m, name)
    if bad is not None:
        item.bad = bad
        return item
    if year is None:
        item.make, item.name = _safe(make), f"{name} half-term"
        return item
    item.interval, item.short = make(year)
    item.long = f"the {item.short} ({_MONTH_NAMES[month]} {year})"
    return item


def _as_academic(item: _Item) -> None:
    """A split year listed with academic years ('academic years 2011/12 and 2012/13') is one too."""
    assert item.interval is not None
    a = item.interval.start.year
    label = f"{a}-{(a + 1) % 100:02d}"
    item.interval = Interval(date(a, 9, 1), date(a + 1, 8, 31))
    item.short = f"academic year {label}"
    item.long = f"the academic year {label} ({_month_words(item.interval)})"
    item.year_of = "academic"


def _handle_mn(m: re.Match[str], text: str) -> _Item:
    if _starts_split_year(m, "mn_y4", text):
        return _before_split_year(_month_item(m, "mn_mon", None), m, "mn_mon")
    year = int(m["mn_y4"]) if m["mn_y4"] else _two_digit(m["mn_y2"]) if m["mn_y2"] else None
    item = _month_item(m, "mn_mon", year)
    if (last := _last_year_after(m, "mn_y4", text)) is not None:
        return _to_year(item, last, text)
    return item


def _last_year_after(m: re.Match[str], group: str, text: str) -> re.Match[str] | None:
    """The last year of a span of years written after a month's year (``15`` of ``June 2011/15``,
    ``June 2011-15``), or None: a split year's next year is the split year (``June 2011/12``), and a
    hyphen before a year of four digits is already a range (``June 2011-2015``)."""
    if not m[group] or text[m.start(group) - 1] in "/.-":
        return None
    rest = _SPLIT_REST_RE.match(text, m.end(group))
    if rest is None or (len(rest[1]) == 4 and rest[0].startswith("-")):
        return None
    last = int(rest[1]) if len(rest[1]) == 4 else _two_digit(rest[1])
    return rest if last > int(m[group]) + 1 else None


def _to_year(item: _Item, last: re.Match[str], text: str) -> _Item:
    """``June 2011/15``: from the month to the end of the last year, as ``June 2011 - 2015`` is read
    (the end is a year's, not a month the work falls due in)."""
    year = int(last[1]) if len(last[1]) == 4 else _two_digit(last[1])
    joined = _range(item, _year_item(_Item(last.start(1), last.end(1)), year), text[item.start: last.end()])
    assert joined is not None and joined.interval is not None
    return joined


def _starts_split_year(m: re.Match[str], group: str, text: str) -> bool:
    """Whether the year of four digits after a month or day is the first of a split year naming the
    next (``June 2011/12``, ``Jan 2011-12``, ``June 2011/2012``), not a year of its own; a hyphen
    before a year of four digits ends a range (``June 2011-2012``), and a year joined to the month
    (``June/2011/12``, ``Apr-2011-12``) is not read as a split year."""
    if not m[group] or text[m.start(group) - 1] in "/.-":
        return False
    rest = _SPLIT_REST_RE.match(text, m.end(group))
    if rest is None or (len(rest[1]) == 4 and rest[0].startswith("-")):
        return False
    return _split_year(int(m[group]), rest[1]) is not None


def _before_split_year(item: _Item, m: re.Match[str], mon_group: str) -> _Item:
    """A month or day read without the split year after it, which is found next and gives it its
    year, as ``June 11/12`` is read (see :func:`_months_of_years`): June of the financial year
    2011-12 is June 2011, of the academic year June 2012."""
    item.end = m.end(mon_group)
    item.weak = False  # (a year follows: 'may 2011/12' is a month)
    return item


def _handle_yr(m: re.Match[str], text: str) -> _Item:
    item = _Item(m.start(), m.end())
    words = _YEAR_KIND_BEFORE_RE.search(text, max(0, m.start() - 30), m.start())
    if words is not None and words.lastgroup in ("financial", "academic"):
        return _one_year_named(item, words.lastgroup, int(m["yr"]), text[words.start(): m.end()])
    return _year_item(item, int(m["yr"]))


def _handle_fyy(m: re.Match[str], text: str) -> _Item | None:
    item = _Item(m.start(), m.end(), level="year")
    a = _two_digit(m["fyy_a"])
    if m["fyy_b"] is None:
        return _one_year_named(item, "financial", a, text[max(0, m.start() - 3): m.end()].lstrip())
    if int(m["fyy_b"]) != (a + 1) % 100:
        return None
    return _fy_item(item, a, text)


def _one_year_named(item: _Item, kind: str, year: int, src: str) -> _Item:
    """A financial or academic year named by one year (``financial year 2012``, ``FY12``): which
    one is not evident, since one such year ends in it and the next starts in it; read only as
    the end of a year (``end of the financial year 2012``: the one ending in 2012), see
    :func:`_at_year_end`."""
    item.year_of, item.named_year, item.level = kind, year, "year"
    first, last = (4, 3) if kind == "financial" else (9, 8)
    item.bad = (
        f"{_q(src)} does not say which {kind} year: {year - 1}-{year % 100:02d}, which ends in "
        f"{_MONTH_NAMES[last]} {year}, or {year}-{(year + 1) % 100:02d}, which starts in "
        f"{_MONTH_NAMES[first]} {year}"
    )
    return item


def _at_year_end(item: _Item, words: str) -> None:
    """Read a year after (or before) 'end of the financial year', 'year end' and the like as the
    last month of that year, as 'End of the financial year' alone is read in a one-year plan:
    'end of FY 2012/13' is by the end of March 2013. A year named by one year is the one that
    ends in it; a calendar year without words saying so ('year end 2012') keeps its reading,
    since a year end in 2012 may be March or December."""
    said = set(re.findall(r"[a-z]+", words.lower()))
    kind = ("financial" if said & {"financial", "fiscal", "fy"}
            else "academic" if said & {"academic", "school", "ay"}
            else "calendar" if "calendar" in said else "")
    if item.named_year:
        y = item.named_year
        iv = _fy(y - 1) if item.year_of == "financial" else Interval(date(y - 1, 9, 1), date(y, 8, 31))
        label = f"the {item.year_of} year {y - 1}-{y % 100:02d}"
    elif item.interval is not None and item.level == "year" and item.year_of and (
            item.year_of != "calendar" or kind == "calendar"):
        iv = item.interval
        label = item.long.split(" (")[0]
    else:
        return
    item.bad, item.named_year = None, 0
    item.interval = month_interval(iv.end.year, iv.end.month)
    item.short = f"{_MONTH_NAMES[iv.end.month]} {iv.end.year}"
    item.long = label
    item.level, item.year_end, item.mod = "month", False, "year_end"


_HANDLERS: dict[str, Callable[[re.Match[str], str], _Item | None]] = {
    "Q": _handle_q,
    "ISO": _handle_iso,
    "ND": _handle_nd,
    "FY": _handle_fy,
    "FY2": _handle_fy2,
    "MY": _handle_my,
    "DN": _handle_dn,
    "DR": _handle_dr,
    "DM": _handle_dm,
    "MD": _handle_md,
    "SE": _handle_se,
    "MN": _handle_mn,
    "YR": _handle_yr,
    "FYY": _handle_fyy,
}


# -- combining items ---------------------------------------------------------------------------
def _range(a: _Item, b: _Item, src: str) -> _Item | None:
    """Join two items into one range item, or None when they do not form a range."""
    if (a.quarter and b.calendar) or (a.calendar and b.quarter):
        return None  # ('Q1 - Q2 2012': Q1 counted from April would start the range in April 2012)
    item = _Item(a.start, b.end, level="year" if a.level == b.level == "year" else "range", is_range=True)
    if a.interval is not None and b.interval is not None:
        # (as in a `due` range, a second part that starts first but ends after the first part
        # starts is the range's end: 'March 2012 - 2012' is March to December 2012)
        if b.interval.end < a.interval.start:
            item.bad = f"{_q(src)} ends before it starts"
            return item
        item.interval = Interval(a.interval.start, b.interval.end)
        item.short = item.long = f"{a.short} to {b.short}"
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
        return item
    return None


def _clean(text: str) -> tuple[str, str]:
    """(display text, matching text), both the same length as ``text``."""
    if "<" in text:
        text = _TAG_RE.sub(lambda m: " " * len(m[0]), text)
    if text.isascii():
        return text, text
    display = text.translate(_DISPLAY)
    return display, _ascii_digits(display.translate(_DASHES))


def _ascii_digits(text: str) -> str:
    """Digits of other scripts as ASCII digits (``٢٠١١`` is 2011, as Python's ``int()`` reads it).

    The patterns match ASCII digits only; each digit stays one character, so positions in the
    matching text are positions in the display text.
    """
    if not any(c.isdecimal() and not c.isascii() for c in text):
        return text
    return "".join(str(unicodedata.decimal(c)) if c.isdecimal() and not c.isascii() else c for c in text)


def _label(text: str) -> str:
    """The words around a date, without edge punctuation and joining words, at most 40 characters."""
    words = [w.strip(_LABEL_PUNCT) for w in text.split()]
    words = [w for w in words if w]
    while words and words[-1].lower() in _TRAILING_WORDS:
        words.pop()
    while words and words[0].lower() in _LEADING_WORDS:
        words.pop(0)
    t = " ".join(words)
    if len(t) > 40:
        t = t[:39].rstrip() + "…"
    return t


def _describe(item: _Item) -> str:
    """An item's reading with its modifier, e.g. 'by the end of June 2011'."""
    if item.open:
        return f"from {item.short} onwards"
    if item.mod in ("end", "by"):
        if item.level == "day":
            return f"by {item.long}"
        return f"by the end of {item.long if item.level == 'year' else item.short}"
    if item.mod == "year_end":
        return f"by the end of {item.short}, the end of {item.long}"
    if item.mod == "start":
        return f"the beginning of {item.short}"
    if item.mod == "mid":
        return f"mid-{item.short}"
    if item.mod == "late":
        return f"late {item.short}"
    return item.long


def _contains(outer: Interval, inner: Interval) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end


def _months_of_years(items: list[_Item], norm: str) -> list[_Item]:
    """A month or day without a year written right before a split year (``June 11-12``, ``Jan
    2011/12``) is that month of the financial (or academic) year, as ``Q3 11-12`` is its quarter: the
    year says which June is meant (the month was placed in the plan period, or left out for the year)."""
    kept: list[_Item] = []
    for item in items:
        month = kept[-1] if kept else None
        if (month is None or month.make is None or month.weak or month.level not in ("month", "day")
                or item.interval is None or item.year_of not in ("financial", "academic")
                or norm[month.end: item.start].strip()):
            kept.append(item)
            continue
        year = item.interval
        for y in (year.start.year, year.end.year):
            got = month.make(y)
            if got is not None and _contains(year, got[0]):
                month.interval, month.make, month.end = got[0], None, item.end
                month.short = got[1]
                month.long = f"{got[1]}, in {item.long.split(' (')[0]}"
                break
        else:
            kept.append(item)
    return kept


def _next_halves(a: _Item, b: _Item) -> bool:
    """Whether ``b`` is the half of a school term right after ``a`` (``Autumn 2 and Spring 1 2012``):
    joined by 'and', they are one span of time, as both halves of a term are the term."""
    return bool(a.half and b.half and b.half == a.half % len(_TERM_HALVES) + 1)


def _find_items(
    norm: str, skip: tuple[int, int] | None, school_year: bool = False
) -> tuple[list[_Item], bool]:
    """Date expressions in the text, ranges joined, modifiers read; and whether 'each April' occurs.

    ``school_year``: the plan runs for one academic year, so a split year that no word calls
    financial is an academic year (see :func:`_counts_school_years`).
    """
    items: list[_Item] = []
    recurring = False
    pos = 0
    while (candidate := _CANDIDATE_RE.search(norm, pos)) is not None:
        m = _DATE_RE.match(norm, candidate.start())
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
        pos = item.end  # (the whole match, but for a month before a split year: 'June' of 'June 2011/12')
        items.append(item)

    # a quarter without a year next to one with a year, in a range or a list, is counted as that
    # one is ('Q1 - Q2 2012': January to June 2012, not a financial-year Q1 left out)
    for a, b in zip(items, items[1:]):
        if a.bad is None and b.bad is None and (
                _RANGE_GAP_RE.fullmatch(norm, a.end, b.start) or _LIST_GAP_RE.fullmatch(norm, a.end, b.start)
                or _SLASH_GAP_RE.fullmatch(norm, a.end, b.start)):
            if a.quarter and a.make is not None and b.level == "quarter" and b.interval is not None:
                _quarter_beside(a, b, before=True)
            elif b.quarter and b.make is not None and a.level == "quarter" and a.interval is not None:
                _quarter_beside(b, a, before=False)
            elif a.season and a.season != "winter" and b.term:
                _as_term(a)  # ('Spring/Summer term 2012': the spring term, January to April, not March to May)
    for a, b in [*zip(items, items[1:]), *reversed(list(zip(items, items[1:])))]:
        split_years = {a.year_of, b.year_of} == {"academic", "financial"} and a.level == b.level == "year"
        if split_years and not (a.named_year or b.named_year) and (
                _RANGE_GAP_RE.fullmatch(norm, a.end, b.start) or _LIST_GAP_RE.fullmatch(norm, a.end, b.start)):
            _as_academic(a if a.year_of == "financial" else b)
    if school_year and not _FINANCIAL_RE.search(norm):
        for item in items:
            if item.year_of == "financial" and item.level == "year" and not item.named_year:
                _as_academic(item)
    items = _months_of_years(items, norm)

    # join ranges
    joined: list[_Item] = []
    i = 0
    while i < len(items):
        a = items[i]
        if i + 1 < len(items) and a.bad is None and items[i + 1].bad is None:
            b = items[i + 1]
            gap = norm[a.end: b.start]
            is_range = bool(_RANGE_GAP_RE.fullmatch(gap))
            if not is_range and _SLASH_GAP_RE.fullmatch(gap):
                is_range = a.level == b.level and a.level in ("month", "season")  # ('Spring/Summer 2012')
            if not is_range and _AND_GAP_RE.fullmatch(gap):
                before = _MODIFIER_RE.search(norm, max(0, a.start - 40), a.start)
                is_range = (before is not None and before["between"] is not None) or _next_halves(a, b)
            if is_range:
                r = _range(a, b, norm[a.start: b.end])
                if r is not None:
                    joined.append(r)
                    i += 2
                    continue
        joined.append(a)
        i += 1

    # a month still without a year: 'may' and 'march' in lower case are words, 'the September
    # Guarantee' is a name, 'each April' is recurring work
    kept: list[_Item] = []
    for item in joined:
        if item.make is not None:
            if item.weak:
                continue
            det = _DETERMINER_RE.search(norm, max(0, item.start - 12), item.start)
            # ('the summer term' is a time, not a name as 'the September Guarantee' is)
            if det and not (item.term and det["word"].lower() == "the"):
                recurring = recurring or det["word"].lower() in ("each", "every")
                continue
        kept.append(item)
    joined = kept

    # a list whose first parts give no year takes the year of the part after them ('June and July
    # 2011', 'Spring, Summer and Autumn 2012'), as the first part of a range does; quarters are
    # not (one beside a quarter with a year was counted as that one above)
    for i in range(len(joined) - 2, -1, -1):
        a, b = joined[i], joined[i + 1]
        if (a.make is None or a.quarter or b.interval is None or b.level in ("year", "quarter")
                or not _LIST_GAP_RE.fullmatch(norm, a.end, b.start)):
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
        mod = _MODIFIER_RE.search(norm, max(previous_end, item.start - 40), item.start)
        if mod is not None:
            kind = mod.lastgroup
            if kind == "for":
                item.qualifier = True
            elif kind in ("week", "week_end"):
                if item.level == "day" and item.interval is not None:
                    day = item.interval.start
                    if kind == "week":
                        item.interval = Interval(day, day + timedelta(days=6))
                        item.short = item.long = f"the week beginning {_day_words(day)}"
                    else:
                        item.interval = Interval(day - timedelta(days=6), day)
                        item.short = item.long = f"the week ending {_day_words(day)}"
                    item.level = "week"
                    item.src_start = mod.start()
            elif kind in ("from", "between"):
                item.src_start = mod.start()
                item.open = kind == "from" and not item.is_range
            else:
                item.mod = kind
                item.src_start = mod.start()
        after = _YEAR_WORDS_AFTER_RE.match(norm, item.end) if item.level == "year" else None
        if after is not None and (after["end"] or item.mod == "end"):
            item.src_end = after.end()  # ('by the end of the 2012/13 financial year', '2012/13 year end')
            _at_year_end(item, after[0])
        elif mod is not None and kind == "end" and (mod["ye_a"] or mod["ye_b"]):
            _at_year_end(item, mod[0])
        if (onwards := _ONWARDS_RE.match(norm, item.end)) is not None:
            item.open = True
            item.src_end = onwards.end()
        previous_end = item.src_end
    return joined, recurring


# --------------------------------------------------------------------------------------------
# parse_timescale
# --------------------------------------------------------------------------------------------
def _undated(text: str, why: str) -> Timing:
    return Timing(kind="undated", text=text, interpretation=why)


def _counts_school_years(period: Interval) -> bool:
    """Whether a plan period is one academic year (1 September to 31 August): such a plan counts
    its years as schools do, so '11/12' and '2011-12' in it are the academic year, not the financial
    one, unless the timescale says 'financial' or 'FY'."""
    ps, pe = period.start, period.end
    return (ps.month, ps.day, pe.month, pe.day) == (9, 1, 8, 31) and pe.year == ps.year + 1


def _resolve(item: _Item, period: Interval) -> tuple[Interval, str] | str:
    """Place an expression without a year in the plan period: (interval, words) or why not."""
    assert item.make is not None
    found: list[tuple[Interval, str]] = []
    ps, pe = period.start, period.end
    for y in range(max(1, ps.year - 1), min(pe.year, ps.year + 12, 9998) + 1):
        got = item.make(y)
        if got is not None and ps <= got[0].start and got[0].end <= pe:
            found.append(got)
            if len(found) > 1:
                break
    if len(found) == 1:
        return found[0]
    if not found:
        return f"no {item.name} falls within the plan period"
    return f"{item.name} occurs more than once in the plan period"


#: the commonest forms, a month and year after any deadline words the full reader takes ('June 11',
#: 'End September 2012', 'Due June 2012'): read directly, with the same result
_FAST_RE = re.compile(
    r"\s*(?P<mod>(?:" + _END_WORDS + r"|" + _DEADLINE_WORDS + r")\s+)?(?P<mon>" + _MON_BODY + r")\.?\s*"
    r"(?:(?P<y4>(?:19|20)\d\d)|(?P<y2>\d\d))\s*",
    _FLAGS,
)


def _read(raw: object, period: Interval | None) -> Timing:
    """Uncached reading of a timescale; see :func:`parse_timescale`."""
    if raw is None:
        return _undated("", "no timescale given")
    text = raw if isinstance(raw, str) else str(raw)
    if (fast := _FAST_RE.fullmatch(text)) is not None and (
            # (the full reader looks for deadline words in the 40 characters before the month)
            fast["mod"] is None or fast.start("mon") - fast.start("mod") <= 40):
        year = int(fast["y4"]) if fast["y4"] else 2000 + int(fast["y2"])
        month = _MONTH_NUMBER[fast["mon"][:3].lower()]
        words = f"{_MONTH_NAMES[month]} {year}"
        if fast["mod"]:
            words = f"by the end of {words}"
        return Timing(
            kind="dated",
            text=text,
            intervals=(month_interval(year, month),),
            interpretation=f"{_q(text)} read as {words}",
        )
    return _read_full(text, period)


def _read_full(text: str, period: Interval | None) -> Timing:
    """Reading of a timescale other than the commonest forms."""
    if not text.strip():
        return _undated(text, "no timescale given")
    if period is not None and not isinstance(period, Interval):
        period = None
    work = text[:_MAX_CHARS]
    display, norm = _clean(work)
    whole = _q(display)
    cut = " (only the first 1000 characters read)" if len(text) > _MAX_CHARS else ""

    if _AS_ABOVE_RE.fullmatch(norm):
        return Timing(
            kind="as_above", text=text, interpretation=f"{whole}: the same timing as the milestone above"
        )
    if _PLACEHOLDER_RE.fullmatch(norm):
        return _undated(text, f"{whole}: no date given")

    ext = _EXTERNAL_RE.search(norm)
    reference: str | None = None
    skip: tuple[int, int] | None = None
    if ext is not None:
        ref = _SPACES_RE.sub(" ", display[ext.start("ref"): ext.end("ref")]).strip()
        if len(ref.split()) >= 2:
            reference, skip = ref, ext.span()

    items, recurring = _find_items(norm, skip, period is not None and _counts_school_years(period))
    dated = [it for it in items if it.interval is not None]
    bad = [it for it in items if it.bad is not None]
    ongoing_words = _ONGOING_RE.search(norm)
    tba = _TBA_RE.search(norm)

    resolved_from_period = False
    if not dated and reference is None and ongoing_words is None and not recurring:
        yearless = [it for it in items if it.make is not None]
        for it in yearless:
            year = _NOT_A_YEAR.match(norm, it.end)
            if year is not None:  # "June 3011": a year was written, not one this can be
                return _undated(text, f"{_q(display[it.start:year.end()])}: {year.group(1)} is not a year "
                                      f"from 1900 to 2099{cut}")
        if yearless:
            if period is None:
                it = yearless[0]
                why = "no plan period was given to place it"
                return _undated(text, f"{_q(display[it.start:it.end])} gives no year, and {why}{cut}")
            for it in yearless:
                if it.quarter and (period.start.month, period.start.day) != (4, 1):
                    # (quarters without a year are counted from April, as in a financial-year plan;
                    # in a plan that runs from January or September 'Q3' could mean other months)
                    return _undated(text, f"{_q(display[it.start:it.end])} gives no year, and the plan period "
                                          f"does not start in April, so its financial-year quarters "
                                          f"cannot be read{cut}")
                got = _resolve(it, period)
                if isinstance(got, str):
                    return _undated(text, f"{_q(display[it.start:it.end])} gives no year, and {got}{cut}")
                it.interval = got[0]
                it.short = got[1]
                it.long = f"{got[1]}, the only {it.name} in the plan period"
                it.make = None
            dated = [it for it in items if it.interval is not None]
            resolved_from_period = True
        elif (year_end := _YEAR_END_RE.search(norm)) is not None:
            return _year_end(text, whole, year_end, period, tba, cut)

    if dated:
        return _dated(
            text, display, dated, bad, period, tba, ongoing_words, reference, whole, cut, resolved_from_period
        )
    if reference is not None:
        return Timing(
            kind="external",
            text=text,
            interpretation=f"{whole}: timing deferred to the {reference}{cut}",
            reference=reference,
        )
    if ongoing_words is not None or recurring:
        if period is not None:
            why = f"{whole}: ongoing, taken as the plan period{cut}"
            return Timing(kind="ongoing", text=text, intervals=(period,), interpretation=why)
        why = f"{whole}: ongoing, with no plan period to place it{cut}"
        return Timing(kind="ongoing", text=text, interpretation=why)
    if tba is not None:
        said = "" if tba[0].strip().lower() == display.strip().lower() else f" ({_q(tba[0])})"
        return _undated(text, f"{whole}: no date given{said}{cut}")
    if bad:
        return _undated(text, f"{bad[0].bad}{cut}")
    return _undated(text, f"{whole}: no date could be read{cut}")


def _year_end(
    text: str, whole: str, m: re.Match[str], period: Interval | None, tba: re.Match[str] | None, cut: str
) -> Timing:
    """'By year end', 'End of the financial year': the last month of a plan period of one year.

    The plan's own year is evident only when its period is one financial year (1 April to 31
    March), or, for a year not called financial, one calendar year; otherwise it is undated.
    """
    financial = bool(m["fy1"] or m["fy2"])
    if period is None:
        return _undated(text, f"{whole} names no year, and no plan period was given to place it{cut}")
    ps, pe = period.start, period.end
    one_fy = (ps.month, ps.day, pe.month, pe.day) == (4, 1, 3, 31) and pe.year == ps.year + 1
    one_calendar = (ps.month, ps.day, pe.month, pe.day) == (1, 1, 12, 31) and pe.year == ps.year
    if not (one_fy or (one_calendar and not financial)):
        what = "one financial year (April to March)" if financial else "one financial or calendar year"
        return _undated(text, f"{whole} names no year, and the plan period is not {what}{cut}")
    marked = f" (marked {_q(tba[0])})" if tba is not None and tba[0][:2].lower() in ("tb", "to") else ""
    kind = "financial year" if one_fy else "year"
    return Timing(
        kind="dated",
        text=text,
        intervals=(month_interval(pe.year, pe.month),),
        interpretation=f"{whole} read as by the end of {_MONTH_NAMES[pe.month]} {pe.year}, the end of the "
                       f"plan's {kind}{marked}{cut}",
    )


def _dated(
    text: str,
    display: str,
    dated: list[_Item],
    bad: list[_Item],
    period: Interval | None,
    tba: re.Match[str] | None,
    ongoing_words: re.Match[str] | None,
    reference: str | None,
    whole: str,
    cut: str,
    resolved_from_period: bool,
) -> Timing:
    """The reading of a timescale that gives at least one date."""
    # a year-level expression next to finer dates qualifies them ('for 2010/2011') unless it adds time
    finer = [it.interval for it in dated if it.level != "year" and it.interval is not None]
    if finer:
        dated = [
            it
            for it in dated
            if it.level != "year"
            or it.interval is None
            or not (it.qualifier or any(_contains(it.interval, f) for f in finer))
        ]

    notes: list[str] = []
    if tba is not None and tba[0][:2].lower() in ("tb", "to"):
        notes.append(f"marked {_q(tba[0])}")
    if resolved_from_period and len(dated) > 1:
        notes.append("months placed in the plan period")
    if reference is not None:
        notes.append(f"also refers to the {reference}")
    if bad:
        notes.append(f"ignored: {bad[0].bad}")
    note = (" (" + "; ".join(notes) + ")" if notes else "") + cut

    # open-ended starts only: ongoing from the earliest of them
    if all(it.open for it in dated):
        first = min(dated, key=lambda it: it.interval)  # type: ignore[arg-type,return-value]
        start_iv = first.interval
        assert start_iv is not None
        src = whole if len(display.strip()) <= 60 else _q(display[first.src_start: first.src_end])
        # ('Sept 2011 - March 2012 and ongoing': not 'from September 2011 to March 2012 to the end')
        start = f"{first.short}, then ongoing" if first.is_range else f"ongoing from {first.short}"
        if period is not None and period.end >= start_iv.start:
            iv = Interval(start_iv.start, period.end)
            why = f"{src} read as {start} to the end of the plan period{note}"
        elif period is not None:
            iv = start_iv
            why = f"{src} read as {start}, after the plan period ends{note}"
        else:
            iv = start_iv
            why = f"{src} read as {start} (no plan period to end it){note}"
        return Timing(kind="ongoing", text=text, intervals=(iv,), interpretation=why)

    if ongoing_words is not None:
        notes_words = f"also says {_q(ongoing_words[0])}"
        note = (" (" + "; ".join([*notes, notes_words]) + ")") + cut

    intervals: list[Interval] = []
    distinct: list[_Item] = []
    for it in dated:
        assert it.interval is not None
        if it.interval not in intervals:
            intervals.append(it.interval)
            distinct.append(it)

    year_only = all(it.level == "year" for it in dated)
    last = max(iv.end for iv in intervals)
    # (the month is known when any date ending last ends on a month or a finer date)
    ends_on_year = all(it.year_end for it in dated if it.interval is not None and it.interval.end == last)
    if len(distinct) == 1 and len(dated) > 1:
        why = f"{whole} read as {_describe(distinct[0])}, written {len(dated)} times{note}"
    elif len(distinct) == 1:
        it = distinct[0]
        src = _q(display[it.src_start: it.src_end])
        lead = _label(display[: it.src_start])
        trail = _label(display[it.src_end:])
        reading = f"{src} read as {_describe(it)}"
        if lead:
            reading = f"{_q(lead, 42)}: {reading}"
        elif trail and not resolved_from_period:
            reading = f"{reading} ({_q(trail, 42)})"
        why = reading + note
    else:
        parts: list[str] = []
        previous_end = 0
        for it in dated:
            lead = _label(display[previous_end: it.src_start])
            previous_end = it.src_end
            if it not in distinct:
                continue
            desc = it.short if it.mod is None and not it.open else _describe(it)
            parts.append(f"{lead}: {desc}" if lead else desc)
        shown = parts[:6]
        more = f" and {len(parts) - 6} more" if len(parts) > 6 else ""
        why = f"{whole} read as {len(parts)} dates: " + "; ".join(shown) + more + note
    return Timing(
        kind="dated", text=text, intervals=tuple(intervals), interpretation=why, year_only=year_only,
        ends_on_year=ends_on_year,
    )


@lru_cache(maxsize=16384)
def _read_cached(text: str | None, period: Interval | None) -> Timing:
    return _read(text, period)


def parse_timescale(text: str | None, period: Interval | None = None) -> Timing:
    """Read a milestone's timescale, as written in the plan, into a :class:`Timing`.

    Never raises: what cannot be read is returned as ``undated`` with the reason in
    ``interpretation``. The reading rules are listed in the module documentation.

    Parameters
    ----------
    text
        The source's words (``"June 11"``, ``"End September 2012"``, ``"TBA"`` ...). ``None``
        and non-text values are accepted (a non-text value is read as ``str(value)``).
    period
        The plan period. It places months given without a year and is the interval of
        ongoing work; without it such months stay undated.

    Returns
    -------
    Timing
        The reading.

    Examples
    --------
    >>> t = parse_timescale("April – July 11")
    >>> t.kind, str(t.intervals[0])
    ('dated', '2011-04..2011-07')
    >>> t.interpretation
    "'April – July 11' read as April 2011 to July 2011"
    >>> parse_timescale("End September 2012").interpretation
    "'End September 2012' read as by the end of September 2012"
    >>> parse_timescale("See 14-19 Plan").reference
    '14-19 Plan'
    >>> plan = Interval(date(2011, 4, 1), date(2012, 3, 31))
    >>> parse_timescale("March", plan).interpretation
    "'March' read as March 2012, the only March in the plan period"
    >>> parse_timescale("TBA").interpretation
    "'TBA': no date given"
    """
    try:
        if (text is None or type(text) is str) and (period is None or type(period) is Interval):
            return _read_cached(text, period)
        return _read(text, period)
    except Exception:  # pragma: no cover - a last resort; the reader itself is tested not to raise
        shown = text if isinstance(text, str) else ""
        return _undated(shown, f"{_q(shown)}: the timescale could not be read")
