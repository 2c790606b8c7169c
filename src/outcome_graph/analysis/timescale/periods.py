"""An indicator value's ``period``: a calendar year, financial year or quarter, or a day.

A value period is compared with indicator targets and other values, so it must name one
span exactly; a form that could be a month as well as a financial year (``2008-10``) is an
error that says how to write it.
"""

from __future__ import annotations

import re
from datetime import date

from .due import ISO_DAY, ISO_YEAR, iso_day
from .intervals import Interval, calendar_quarter, financial_year, fy_quarter

_PERIOD_FORMS = (
    "YYYY (a calendar year), YYYY-YY (a financial year, e.g. 2008-09), YYYY-Qn (a calendar "
    "quarter), "
    "YYYY-YY-Qn (a financial-year quarter) or an ISO date"
)
_PERIOD_FY = re.compile(r"(\d{4})-(\d{2})", re.A)
_PERIOD_Q = re.compile(r"(\d{4})-[qQ](\d)", re.A)
_PERIOD_FYQ = re.compile(r"(\d{4})-(\d{2})-[qQ](\d)", re.A)
_PERIOD_HINT_FY = re.compile(r"(\d{2}|\d{4})\s*/\s*(\d{2}|\d{4})", re.A)


def _check_next_year(text: str, year: int, yy: int) -> None:
    if yy != (year + 1) % 100:
        raise ValueError(
            f"'{text}' is not a valid period: {yy:02d} is not the year after {year} "
            f"(a financial year is written {year}-{(year + 1) % 100:02d}; a period is never a "
            "month)"
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
    >>> parse_value_period("2008-10")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: '2008-10' is not a valid period: 10 is not the year after 2008 (a financial year ...
    """
    if not isinstance(text, str):
        raise ValueError(f"period {text!r} must be text: {_PERIOD_FORMS}")
    t = text.strip()
    if ISO_YEAR.fullmatch(t):
        y = int(t)
        if y < 1:
            raise ValueError(f"'{text}' is not a valid period (year {y})")
        return Interval(date(y, 1, 1), date(y, 12, 31))
    if m := _PERIOD_FY.fullmatch(t):
        y, yy = int(m[1]), int(m[2])
        _check_next_year(t, y, yy)
        if not 1 <= y <= 9998:
            raise ValueError(f"'{text}' is not a valid period (year {y})")
        return financial_year(y)
    if m := _PERIOD_Q.fullmatch(t):
        y, q = int(m[1]), int(m[2])
        if not 1 <= q <= 4:
            raise ValueError(f"'{text}' is not a valid period: Q{q} is not a quarter (Q1 to Q4)")
        if y < 1:
            raise ValueError(f"'{text}' is not a valid period (year {y})")
        return calendar_quarter(y, q)
    if m := _PERIOD_FYQ.fullmatch(t):
        y, yy, q = int(m[1]), int(m[2]), int(m[3])
        _check_next_year(t, y, yy)
        if not 1 <= q <= 4:
            raise ValueError(f"'{text}' is not a valid period: Q{q} is not a quarter (Q1 to Q4)")
        if not 1 <= y <= 9998:
            raise ValueError(f"'{text}' is not a valid period (year {y})")
        return fy_quarter(y, q)
    if ISO_DAY.fullmatch(t):
        return iso_day(t, "period")
    if m := _PERIOD_HINT_FY.fullmatch(t):
        a = int(m[1]) if len(m[1]) == 4 else 2000 + int(m[1])
        if int(m[2]) % 100 == (a + 1) % 100:
            raise ValueError(
                f"'{text}' is not a valid period: write the financial year as "
                f"{a}-{(a + 1) % 100:02d}"
            )
    raise ValueError(f"'{text}' is not a valid period: use {_PERIOD_FORMS}")
