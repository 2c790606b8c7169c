"""What a cell shows: a number, date or truth value read as the text a spreadsheet program shows.

A program turns what is typed into a cell not formatted as Text into a number or date (``1.10`` into
1.1, ``June 11`` into a date); the cell's number format says how it shows it, which is what a person
typed and reads (``0.00`` shows 1.10, ``d-mmm`` shows 11-Jun)."""

from __future__ import annotations

import math
import re
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal, localcontext
from typing import Any

from ..sheet_layout import xlsx_unescape
from .sheets import TypedCell


def _shows_day_only(number_format: str) -> bool:
    """Whether a date format shows the day or month and not the time (``dd/mm/yyyy``, ``mmm-yy``):
    a cell worked out as ``=NOW()+7`` holds a time too, which the sheet does not show and a due
    date has not."""
    fmt = _FORMAT_DECORATION.sub("", number_format.split(";")[0]).lower()
    return (
        "y" in fmt
        and ("d" in fmt or "m" in fmt)
        and not any(c in fmt for c in "hs")
        and "general" not in fmt
    )


def text_of(value: Any, number_format: str | None = None) -> str | None:
    """A cell value as the text a plan file would hold."""
    if value is None:
        return None
    if isinstance(value, str):
        return xlsx_unescape(value)  # (a carriage return is stored _x000D_)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)) and "%" in (number_format or ""):
        # A cell showing 60% holds 0.6: the plan writes 60 (and one showing 100% holds 1, an int).
        value = round(value * 100, 10)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime):
        if value.time() == time(0, 0) or _shows_day_only(number_format or ""):
            if value.day == 1 and _shows_month_and_year(number_format):
                return f"{value.year:04d}-{value.month:02d}"  # (a month typed as "Jun-11")
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, (date, time)):
        return value.isoformat()
    return str(value)


#: A number format of digit placeholders alone (``0``, ``000``, ``0.00``, ``#,##0.0#``, ``0.0%``).
_DIGITS_FORMAT = re.compile(r"[#,]*(0*)(?:\.(0*)(#*))?(%?)")


#: What a number format holds besides its placeholders: a colour or condition, a literal text.
_FORMAT_DECORATION = re.compile(r'\[[^\]]*\]|"[^"]*"|\\.|_.|\*.')


def _format_section(number_format: str | None) -> str:
    """The first section of a number format (the positive numbers'), without colours and
    literals."""
    return _FORMAT_DECORATION.sub("", (number_format or "").split(";")[0]).strip()


def shown_number(value: float, number_format: str | None) -> str | None:
    """The text a spreadsheet program shows for a number under a format of digit placeholders
    (``0.00`` shows 1.1 as ``1.10``, ``000`` shows 7 as ``007``, ``0.0%`` shows -0.296 as
    ``-29.6%``), or ``None`` for the General format and the formats this does not follow. Digit
    grouping (``#,##0``) is left out: a plan's numbers and ids are read without it."""
    fmt = _format_section(number_format)
    m = _DIGITS_FORMAT.fullmatch(fmt)
    if not fmt or m is None or fmt.lower() in ("general", "@"):
        return None
    leading, decimals, optional, percent = (
        len(m.group(1)),
        len(m.group(2) or ""),
        len(m.group(3) or ""),
        m.group(4),
    )
    if percent:
        value = round(value * 100, 10)
    if not math.isfinite(value):
        return None  # (a stored 1e400, or 1e308 shown as a percentage: no digits to show)
    # (rounded half up from the 15 digits the program keeps, as it shows 1.005 under 0.00 as 1.01;
    # with room for every digit shown, which the default 28 digits are not for 1E+30 under 0)
    with localcontext() as context:
        context.prec = 400 + decimals + optional
        places = Decimal(1).scaleb(-(decimals + optional))
        text = f"{Decimal(f'{abs(value):.15g}').quantize(places, ROUND_HALF_UP):f}"
    if optional:
        whole, _, part = text.partition(".")
        part = part.rstrip("0").ljust(decimals, "0")
        text = f"{whole}.{part}" if part else whole
    whole, dot, part = text.partition(".")
    if whole == "0" and leading == 0 and part:
        whole = ""  # (the format ".00" shows 0.5 as .50)
    text = (
        ("-" if value < 0 and float(text) != 0 else "")
        + whole.rjust(leading, "0")
        + dot
        + part
        + percent
    )
    return text


def _shows_month_and_year(number_format: str | None) -> bool:
    """Whether a date format shows the month and year but not the day (``mmm-yy``, ``mmmm yyyy``,
    ``[Red]mmm-yy``: its colour and literal text left out)."""
    fmt = _format_section(number_format).lower()
    return "m" in fmt and "y" in fmt and not any(c in fmt for c in "dhs")


def _date_shown_without_year(number_format: str | None) -> bool:
    """Whether a date format shows the day and month but no year (``d-mmm``: what a spreadsheet
    program gives ``June 11`` typed in a cell, dated in the year it was typed)."""
    fmt = _format_section(number_format).lower()
    return "d" in fmt and "m" in fmt and "y" not in fmt and "h" not in fmt and "s" not in fmt


def typed_cell(value: Any, number_format: str | None) -> TypedCell | None:
    """What a cell that is not text holds, for the columns of text (``None`` for text)."""
    if value is None or isinstance(value, str):
        return None
    if isinstance(value, bool):
        return TypedCell(f"the truth value {str(value).upper()}", shown=str(value).upper())
    if isinstance(value, (int, float)):
        whole = float(value).is_integer()
        shown = shown_number(float(value), number_format)
        own_format = shown is not None
        if shown is None and not whole and "%" not in (number_format or ""):
            shown = f"{value:.15g}"  # (the program shows the 15 digits it keeps: 0.1+0.2 is 0.3)
        stored = f"the number {text_of(value) or value}"
        return TypedCell(
            stored,
            shown=shown if shown != text_of(value, number_format) else None,
            whole=whole,
            own_format=own_format,
        )
    if isinstance(value, datetime) and value.time() == time(0, 0):
        if _date_shown_without_year(number_format):
            # (day first whatever the format's order: mmm-d shows 11 June as "Jun-11", which would
            # read as June 2011)
            shown = f"{value.day}-{value:%b}"
            return TypedCell(
                f"the date {value.date().isoformat()}", shown=shown, is_date=True, no_year=True
            )
        return TypedCell(f"the date {text_of(value, number_format)}", is_date=True)
    if isinstance(value, (date, datetime, time)):
        return TypedCell(f"the date {text_of(value, number_format)}", is_date=True)
    return None
