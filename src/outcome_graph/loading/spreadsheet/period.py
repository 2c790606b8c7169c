"""The plan period of a flat table: the ``--period`` option, or what the plan sheet lacks."""

from __future__ import annotations

import re
from datetime import date

from ...analysis.timescale import iso_date
from ...errors import OptionError
from ..loader import financial_year
from ..sheet_layout import header_key
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
    >>> parse_period("2011/12") == parse_period("2011-2012") == parse_period("2011/2012")  # as plans write it
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
                raise ValueError("write START..END, e.g. 2011-04-01..2012-03-31, or a financial year such "
                                 "as 2011-12 or 2011/12")
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
        return "add period.start and period.end columns (ISO dates) to the plan sheet", None
    given = {col.name: c for c, col in header.columns.items() if col.name in ("period.start", "period.end")}
    given.update({"period": c for c, t in header.unknown.items() if header_key(t) == "period"})
    period = row.get("period")
    filled = {f"period.{k}" for k in ("start", "end") if isinstance(period, dict) and period.get(k)}
    empty = [name for name in ("period", "period.start", "period.end") if name in given and name not in filled]
    if not empty:
        return "add period.start and period.end columns (ISO dates) to the plan sheet", None
    cell = cell_ref(header.row + 1, given[empty[0]])
    if "period" in empty and len(given) == 1:
        return "the plan sheet's period column is empty: write START..END in it, e.g. 2011-04-01..2012-03-31", cell
    missing = [name for name in ("period.start", "period.end") if name not in given]
    names = [name for name in empty if name != "period"]
    todo = (f"the plan sheet's {' and '.join(names)} column{'s are' if len(names) > 1 else ' is'} empty: fill "
            f"{'them' if len(names) > 1 else 'it'} in (ISO dates)")
    if missing:
        todo += f" and add a {missing[0]} column"
    return todo, cell
