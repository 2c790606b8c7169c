"""The plan format's structured ``due`` field: ISO dates, months, years, ranges and lists.

Unlike a timescale, a ``due`` value is written for the tool, so anything it cannot read is an
error (``ValueError`` naming the value and what is wrong with it) rather than an undated
reading; the loader reports it at the value's line.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache

from .intervals import Interval, Timing, month_end, month_interval
from .lexicon import MONTH_NAMES

ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})", re.A)
_ISO_MONTH = re.compile(r"(\d{4})-(\d{2})", re.A)
ISO_YEAR = re.compile(r"\d{4}", re.A)
_DUE_FORMS = (
    "an ISO date (2011-07-31), a month (2011-07), a year (2012), "
    "a range {from: 2011-04, to: 2011-07} or a list of these"
)


def iso_day(text: str, what: str = "date") -> Interval:
    """Read a ``YYYY-MM-DD`` string already matched by ``ISO_DAY``; ValueError if impossible."""
    y, m, d = int(text[0:4]), int(text[5:7]), int(text[8:10])
    if y < 1:
        raise ValueError(f"'{text}' is not a valid {what} (year {y})")
    if not 1 <= m <= 12:
        raise ValueError(f"'{text}' is not a valid {what} (month {m})")
    last = month_end(y, m).day
    if not 1 <= d <= last:
        raise ValueError(
            f"'{text}' is not a valid {what} (day {d}: {MONTH_NAMES[m]} {y} has {last} days)"
        )
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
    if not ISO_DAY.fullmatch(text):
        raise ValueError(f"'{text}' is not a date written year-month-day (2011-04-01)")
    return iso_day(text).start


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
    if ISO_DAY.fullmatch(text):
        return iso_day(text), text, False
    if _ISO_MONTH.fullmatch(text):
        y, m = int(text[:4]), int(text[5:7])
        if not 1 <= m <= 12:
            raise ValueError(f"'{text}' is not a valid month (month {m})")
        if y < 1:
            raise ValueError(f"'{text}' is not a valid month (year {y})")
        return month_interval(y, m), text, False
    if ISO_YEAR.fullmatch(text):
        y = int(text)
        if y < 1:
            raise ValueError(f"'{text}' is not a valid year")
        return Interval(date(y, 1, 1), date(y, 12, 31)), text, True
    # ("Sept 2011", "End of Q3": a date written as people write it belongs in `timescale`, which
    # reads it)
    words = (
        f"; a date written in words ('{text}') goes in `timescale:`"
        if re.search(r"[^\W\d_]", text)
        else ""
    )
    raise ValueError(f"'{value}' is not a valid due value: write {_DUE_FORMS}{words}")


def _due_item(value: object) -> tuple[Interval, str, bool, bool]:
    """A single form or a ``{from, to}`` range -> (interval, rendering, year-level, ends on a
    year)."""
    if isinstance(value, dict):
        unknown = [k for k in value if k not in ("from", "to")]
        if unknown:
            raise ValueError(
                f"due range has unknown key '{unknown[0]}': a range is {{from: ..., to: ...}}"
            )
        if "from" not in value or "to" not in value:
            missing = "from" if "from" not in value else "to"
            raise ValueError(
                f"due range {value!r} has no '{missing}': a range is {{from: ..., to: ...}}"
            )
        if isinstance(value["from"], (dict, list)) or isinstance(value["to"], (dict, list)):
            raise ValueError(
                f"due range {value!r}: 'from' and 'to' must each be a date, month or year"
            )
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


@lru_cache(
    maxsize=16384
)  # a plan repeats its due dates (the loader checks each, the rules read it)
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
