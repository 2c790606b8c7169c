"""The plan period of a flat table: the ``--period`` option, or what the plan sheet lacks."""

from __future__ import annotations

import calendar
import re
from datetime import date

from ...analysis.timescale import iso_date
from ...analysis.timescale.lexicon import MONTH_NAMES, MONTH_NUMBER
from ...errors import OptionError
from ..sheet_layout import header_key
from ..validation import financial_year
from .header import Header
from .sheets import cell_ref
from .tree import CellMap


def _period_end(text: str, start: bool) -> date:
    text = text.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return iso_date(text)  # (an impossible date: what is wrong with it)
    m = re.fullmatch(r"(\d{4})-(\d{2})", text)
    if m:
        y, mo = int(m.group(1)), int(m.group(2))
        if not 1 <= mo <= 12:
            raise ValueError(f"{text!r} is not a month")
        if start:
            return date(y, mo, 1)
        nxt = date(y + (mo == 12), mo % 12 + 1, 1)
        return date.fromordinal(nxt.toordinal() - 1)
    if re.fullmatch(r"\d{4}", text):
        return date(int(text), 1, 1) if start else date(int(text), 12, 31)
    raise ValueError(f"{text!r} is not a date (write 2011-04-01, 2011-04 or 2011)")


#: A date typed day first as English plans write it: 31/03/2012, 31.3.12, 31-03-2012.
_UK_NUMBERS = re.compile(r"(\d{1,2}) ?([/.-]) ?(\d{1,2}) ?\2 ?(\d{4}|\d{2})")
#: A date typed in words, day first: 31 March 2012, 31st Mar 2012, 31-Mar-2012 (as Excel shows it),
#: Friday 30th March 2012, 31 March, 2012.
_UK_WORDS = re.compile(
    r"(?:[a-z]+day,? )?(\d{1,2})(?:st|nd|rd|th)?(?: of)?[ -]([a-z]+)\.?,?[ -](\d{4}|\d{2})"
)


def uk_date(text: str) -> str | None:
    """The ISO date of a date typed in a due cell as English plans write one, day first
    (``31/03/2012``, ``31.3.12``, ``31 March 2012``, ``31st Mar 2012``, ``31-Mar-2012``; a year of
    two digits is 20YY); ``None`` for text of no such shape (an ISO date, a month, a year or words
    that validation reads or refuses). A shape naming no day (``31/02/2012``, ``13/13/2012``) raises
    ``ValueError`` saying what is wrong.

    >>> uk_date("31/03/2012"), uk_date("1.4.11"), uk_date("31st March 2012"), uk_date("30-Sep-2011")
    ('2012-03-31', '2011-04-01', '2012-03-31', '2011-09-30')
    >>> uk_date("2012-03-31"), uk_date("March 2012"), uk_date("31 Marchy 2012")
    (None, None, None)
    >>> uk_date("29/02/2011")  # doctest: +NORMALIZE_WHITESPACE
    Traceback (most recent call last):
    ...
    ValueError: '29/02/2011' is no date: February 2011 has 28 days (dates are read day first,
    31/03/2012)
    """
    key = " ".join(text.split()).casefold()
    if m := _UK_NUMBERS.fullmatch(key):
        month: int | None = int(m[3])
    elif m := _UK_WORDS.fullmatch(key):
        month = _month_number(m[2])
    if m is None or month is None:
        return None
    day, year = int(m[1]), m[m.lastindex or 0]
    y = int(year) + (2000 if len(year) == 2 else 0)
    if day < 1:
        raise ValueError(f"{text.strip()!r} is no date: there is no day {day}")
    if not 1 <= month <= 12:
        raise ValueError(
            f"{text.strip()!r} is no date: there is no month {month} (dates are read day first, "
            "31/03/2012)"
        )
    try:
        return date(y, month, day).isoformat()
    except ValueError:
        last = calendar.monthrange(y, month)[1]
        raise ValueError(
            f"{text.strip()!r} is no date: {MONTH_NAMES[month]} {y} has {last} days (dates are "
            "read day first, 31/03/2012)"
        ) from None


def _month_number(word: str) -> int | None:
    """The number of a month written as a word or its abbreviation (``March``, ``Mar``,
    ``Sept``)."""
    number = MONTH_NUMBER.get(word[:3])
    if number is None or not (MONTH_NAMES[number].lower().startswith(word) or word == "sept"):
        return None
    return number


def parse_period(text: str) -> tuple[date, date]:
    """Read a plan period written ``START..END`` (ISO dates, months or years) or one financial year.

    Raises
    ------
    OptionError
        The text is not a period.

    Examples
    --------
    >>> parse_period("2011-04-01..2012-03-31")
    (datetime.date(2011, 4, 1), datetime.date(2012, 3, 31))
    >>> parse_period("2011-04..2012-03")
    (datetime.date(2011, 4, 1), datetime.date(2012, 3, 31))
    >>> parse_period("2011-12")  # a financial year
    (datetime.date(2011, 4, 1), datetime.date(2012, 3, 31))
    >>> # as plans write it
    >>> parse_period("2011/12") == parse_period("2011-2012") == parse_period("2011/2012")
    True
    """
    raw = text.strip()
    try:
        if ".." in raw:
            a, _, b = raw.partition("..")
            start, end = _period_end(a, True), _period_end(b, False)
        else:
            y = financial_year(raw)
            if y is not None:
                start, end = date(y, 4, 1), date(y + 1, 3, 31)
            else:
                raise ValueError(
                    "write START..END, e.g. 2011-04-01..2012-03-31, or a financial year such "
                    "as 2011-12 or 2011/12"
                )
    except ValueError as exc:
        raise OptionError(f"--period {text!r}: {exc}") from None
    if end < start:
        raise OptionError(f"--period {text!r}: the period ends before it starts")
    return start, end


def period_todo(header: Header | None, row: CellMap) -> tuple[str, str | None]:
    """What the plan sheet needs for its period, and the cell to fill in where it has its columns:
    the template has them, blank, to be filled in, not added (and the plan's row may be missing
    altogether, the sheet holding its header alone)."""
    if header is None:
        return (
            "add period.start and period.end columns (year-month-day: 2011-04-01) to the plan "
            "sheet",
            None,
        )
    given = {
        col.name: c
        for c, col in header.columns.items()
        if col.name in ("period.start", "period.end")
    }
    for c, t in header.unknown.items():  # (a column headed "period": the last such)
        if header_key(t) == "period":
            given["period"] = c
    period = row.get("period")
    filled = {f"period.{k}" for k in ("start", "end") if isinstance(period, dict) and period.get(k)}
    empty = [
        name
        for name in ("period", "period.start", "period.end")
        if name in given and name not in filled
    ]
    if not empty:
        return (
            "add period.start and period.end columns (year-month-day: 2011-04-01) to the plan "
            "sheet",
            None,
        )
    cell = cell_ref(header.row + 1, given[empty[0]])
    if "period" in empty and len(given) == 1:
        return (
            "the plan sheet's period column is empty: write START..END in it, e.g. "
            "2011-04-01..2012-03-31",
            cell,
        )
    missing = [name for name in ("period.start", "period.end") if name not in given]
    names = [name for name in empty if name != "period"]
    todo = (
        f"the plan sheet's {' and '.join(names)} column{'s are' if len(names) > 1 else ' is'} "
        f"empty: fill {'them' if len(names) > 1 else 'it'} in (year-month-day: 2011-04-01)"
    )
    if missing:
        todo += f" and add a {missing[0]} column"
    return todo, cell
