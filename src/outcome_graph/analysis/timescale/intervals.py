"""Dates and intervals: what a timescale is read into.

:class:`Interval` (a closed span of days) and :class:`Timing` (the intervals a timescale
gives, with how it was read) are what the rules compare; the helpers here build the
intervals every reader needs (a month, a financial year, a quarter) and word them for
messages ("September to November 2008"), so that a month or a quarter is one interval
whichever way it was written.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property
from typing import Literal

from .lexicon import MONTH_NAMES

__all__ = [
    "MAX_MONTH_COLUMNS",
    "Interval",
    "Timing",
    "TimingKind",
    "month_columns",
    "month_interval",
]

TimingKind = Literal["dated", "ongoing", "external", "undated", "as_above"]


def month_end(year: int, month: int) -> date:
    """Last day of a month."""
    if month == 12:
        return date(year, 12, 31)
    return date(year, month + 1, 1) - timedelta(days=1)


def shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    """``(year, month)`` moved by ``by`` months."""
    index = year * 12 + (month - 1) + by
    return index // 12, index % 12 + 1


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
                f"interval ends ({self.end.isoformat()}) before it starts "
                f"({self.start.isoformat()})"
            )

    def __str__(self) -> str:
        """Compact form: a day, a month (``2011-07``), a year (``2011``) or ``A..B``."""
        s, e = self.start, self.end
        if s == e:
            return s.isoformat()
        if s.day == 1 and e == month_end(e.year, e.month):
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
        >>> from outcome_graph.analysis.timescale import parse_timescale
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
        >>> from outcome_graph.analysis.timescale import parse_timescale
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
    return Interval(date(year, month, 1), month_end(year, month))


#: The most months a table of months shows one column each (twenty years): a longer span (a plan
#: period written open-ended, to 9999-12-31) shows only the months something falls in.
MAX_MONTH_COLUMNS = 240


def month_columns(
    first: tuple[int, int], last: tuple[int, int], used: Iterable[tuple[int, int]]
) -> list[tuple[int, int]]:
    """The months a table of months has a column for: every month from ``first`` to ``last``; or,
    when that is more than :data:`MAX_MONTH_COLUMNS`, only the months of ``used`` between them.

    >>> month_columns((2011, 11), (2012, 2), [])
    [(2011, 11), (2011, 12), (2012, 1), (2012, 2)]
    >>> month_columns((2011, 4), (9999, 12), [(2011, 6), (2011, 6), (2012, 1), (2010, 1)])
    [(2011, 6), (2012, 1)]
    """
    count = (last[0] - first[0]) * 12 + last[1] - first[1] + 1
    if count > MAX_MONTH_COLUMNS:
        return sorted({m for m in used if first <= m <= last})
    return [shift_month(first[0], first[1], i) for i in range(count)]


def month_span(y1: int, m1: int, y2: int, m2: int) -> Interval:
    """From the start of month ``(y1, m1)`` to the end of month ``(y2, m2)``."""
    return Interval(date(y1, m1, 1), month_end(y2, m2))


def financial_year(year: int) -> Interval:
    """UK financial year starting in April of ``year``."""
    return Interval(date(year, 4, 1), date(year + 1, 3, 31))


def month_words(iv: Interval) -> str:
    """'September to November 2008' or 'December 2008 to February 2009' for a month span."""
    s, e = iv.start, iv.end
    if s.year == e.year:
        return f"{MONTH_NAMES[s.month]} to {MONTH_NAMES[e.month]} {e.year}"
    return f"{MONTH_NAMES[s.month]} {s.year} to {MONTH_NAMES[e.month]} {e.year}"


def day_words(d: date) -> str:
    return f"{d.day} {MONTH_NAMES[d.month]} {d.year}"


def fy_quarter(year: int, quarter: int) -> Interval:
    """Quarter ``quarter`` (1-4) of the financial year starting April ``year``."""
    y, m = shift_month(year, 4, 3 * (quarter - 1))
    y2, m2 = shift_month(y, m, 2)
    return month_span(y, m, y2, m2)


def calendar_quarter(year: int, quarter: int) -> Interval:
    m = 3 * (quarter - 1) + 1
    return month_span(year, m, year, m + 2)


def contains(outer: Interval, inner: Interval) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end
