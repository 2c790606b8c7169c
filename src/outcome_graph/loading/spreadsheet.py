"""Load a plan from a workbook (``.xlsx``), a CSV file or a folder of CSV files.

Two forms are read (the plan format's "Spreadsheet form"; :mod:`.sheet_layout` has the columns):

* the **per-level form**: a ``plan`` sheet with a ``format`` column, one sheet per list
  (``priorities``, ``aims``, ``objectives``, ``milestones``, ``indicators``, ``owners``...), one row
  per item, and sheets for the lists of objects (``targets``, ``variants``...). It holds everything
  the format holds: a plan written by ``outcome-graph convert`` reads back equal.
* the **flat single-sheet form**: the table most published plans print, with columns such as
  ``Priority | Objective | Key milestones | Lead | Timescale | Indicators``. Blank level cells repeat
  the row above, ids are generated from the position (``P1.A2.O3.M1``), and the plan period comes
  from a ``plan`` sheet or the ``--period`` option.

Every node remembers its sheet and cell (``plan.locations``), so findings and errors point to
``plan.xlsx:milestones!C14``. Things the reader did that a person should know (columns ignored, a
timescale kept in notes) are in ``plan.notices``.

Bad input (not a workbook, encrypted, empty, a sheet or column missing, a value of the wrong type)
raises :class:`~outcome_graph.errors.PlanError` naming the file, sheet and cell.
"""

from __future__ import annotations

import colorsys
import io
import math
import re
import warnings
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal, localcontext
from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..errors import ConfigError, PlanError, Problem
from ..model.document import FORMAT_ID, LEVELS, PlanDocument, is_blank
from ..analysis.owners import is_placeholder
from ..analysis.timescale import iso_date
from ..model.frameworks import outcome_id
from ..model.plan import Location, Notice, Plan, code_key
from .csvtext import CsvProblem, csv_rows
from .loader import (ZIP_MAGIC, build_plan, declares_plan_format, field_names, field_of_other_levels,
                     financial_year, human_size, long_lead_notices, model_at, over_limit, read_limited, wide_unicode, worded)
from .sheet_layout import (
    EMPTY_LIST,
    IGNORED_SHEETS,
    LAYOUTS,
    LEVEL_SHEETS,
    NODE_SHEETS,
    PLAN_NODE,
    SPREADSHEET_ERRORS,
    STATUS_WORDS,
    RAG_WORDS_HELP,
    STATUS_WORDS_HELP,
    STATUSES,
    SUB_SHEETS,
    Column,
    SheetLayout,
    csv_unescape,
    decode_lead,
    decode_text,
    flat_role,
    header_key,
    sheet_key,
    split_list,
    xlsx_unescape,
)
from .suggest import duplicate_code, duplicate_id, nearest, unknown_framework, unknown_outcome
from .tree import LocList, LocMap

__all__ = ["load_spreadsheet", "load_spreadsheet_bytes", "parse_period", "notice_lines", "RawSheet"]

#: Most cells read from one workbook (a plan has a few thousand).
MAX_CELLS = 2_000_000
#: A workbook is a zip file: refuse one that expands to more than this many times ``max_bytes``.
EXPANSION = 4
#: Rows searched for a flat sheet's header (a title may sit above the table).
HEADER_SEARCH_ROWS = 20

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_LETTER = {"priority": "P", "aim": "A", "objective": "O", "milestone": "M"}
_CHILD_LIST = {"aim": "aims", "objective": "objectives", "milestone": "milestones"}
_RANK = {kind: i for i, kind in enumerate(LEVELS)}


# =============================================================================================
# Cells and sheets as read


_MERGE_REF = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="\$?([A-Za-z]{1,3})\$?(\d{1,7}):\$?([A-Za-z]{1,3})\$?(\d{1,7})"')


#: The row number of an A1 reference.
_REF_ROW = re.compile(r"\d+$")


def _column_number(letters: bytes) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ch - 64
    return n


def _merged_area(buffer: Any) -> int:
    """The number of cells the worksheets' merged ranges cover, read from the sheets' XML before
    openpyxl opens the workbook: openpyxl makes an object of every cell of a merged range, so one
    range ``A1:XFD1048576`` in a file of a few kilobytes would take all the memory there is."""
    total = 0
    buffer.seek(0)
    with zipfile.ZipFile(buffer) as zf:
        for info in zf.infolist():
            if not (info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")):
                continue
            data = zf.read(info)
            if b"mergeCell" not in data:
                continue
            for m in _MERGE_REF.finditer(data):
                c1, r1, c2, r2 = _column_number(m[1]), int(m[2]), _column_number(m[3]), int(m[4])
                total += (abs(r2 - r1) + 1) * (abs(c2 - c1) + 1)
    return total

def _col_letter(col: int) -> str:
    """Column letter of a 0-based column index (0 -> A, 26 -> AA)."""
    out = ""
    n = col + 1
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out


def cell_ref(row: int, col: int) -> str:
    """The A1 reference of a 0-based row and column.

    >>> cell_ref(0, 0), cell_ref(13, 2), cell_ref(0, 27)
    ('A1', 'C14', 'AB1')
    """
    return f"{_col_letter(col)}{row + 1}"


@dataclass(frozen=True)
class TypedCell:
    """A workbook cell that holds a number, a date or a truth value rather than text: a
    spreadsheet program turns what is typed into one (``1.10`` into 1.1, ``007`` into 7, ``June 11``
    into a date) unless the cell is formatted as Text."""

    #: What the cell holds, for a notice: "the number 1.1", "the date 2011-06-11".
    stored: str
    #: The text the program shows, where it differs from the cell's reading as a value (``1.10``
    #: under the format ``0.00``, ``007`` under ``000``, ``11-Jun`` for a date shown without its year,
    #: ``-29.6%`` for a percentage), else ``None``.
    shown: str | None = None
    #: A date (or date and time).
    is_date: bool = False
    #: A whole number (a year, or a number like ``3``, which loses nothing but leading zeros).
    whole: bool = False
    #: A date whose format shows no year: the year is the program's guess (the year it was typed).
    no_year: bool = False
    #: A number shown under a format of digits of its own (``0.00``, ``000``): what is read is what is shown.
    own_format: bool = False


@dataclass(frozen=True)
class ConditionalColour:
    """A conditional format of a worksheet that colours its cells in RAG colours."""

    #: The cells it applies to, as the workbook writes them: ``C2:C40``.
    ranges: str
    #: The same, as (first row, first column, last row, last column), 0-based.
    boxes: tuple[tuple[int, int, int, int], ...]
    #: The RAG colours its rules may give a cell: ``("red", "green")``.
    colours: tuple[str, ...]

    def covers(self, row: int, col: int) -> bool:
        return any(top <= row <= bottom and left <= col <= right for top, left, bottom, right in self.boxes)


@dataclass
class RawSheet:
    """One sheet (or CSV file) as text cells, 0-based ``(row, column)``; blank cells are absent."""

    name: str
    file: str
    cells: dict[tuple[int, int], str] = field(default_factory=dict)
    #: A cell inside a merged range (not its top-left cell) -> the top-left cell.
    merged: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)
    #: The sheet is hidden in the workbook.
    hidden: bool = False
    #: Rows hidden in the workbook (0-based), by hand or by a filter.
    hidden_rows: frozenset[int] = frozenset()
    #: Columns hidden in the workbook (0-based), up to the last column with a cell.
    hidden_cols: frozenset[int] = frozenset()
    #: Cells with no value filled in a RAG colour (``red``, ``amber``, ``green``, ``blue``).
    fills: dict[tuple[int, int], str] = field(default_factory=dict)
    #: The conditional formats that colour cells in RAG colours.
    conditional: list[ConditionalColour] = field(default_factory=list)
    #: A cell a spreadsheet program stored as a number, date or truth value (not as text).
    typed: dict[tuple[int, int], TypedCell] = field(default_factory=dict)
    #: The sheet is a CSV file (its cells are text, maybe as a spreadsheet program saved them).
    csv: bool = False
    #: Rows left out as read (a table's totals row), each as its first cell and why, for a notice.
    skipped: list[tuple[str, str]] = field(default_factory=list)
    #: A CSV file's rows: the line each starts on (a quoted cell may hold line breaks).
    lines: dict[int, int] = field(default_factory=dict)

    def line_of(self, ref: str) -> int | None:
        """The line of a CSV file where the row of the cell ``ref`` (``C14``) starts, else ``None``."""
        m = _REF_ROW.search(ref)
        return self.lines.get(int(m[0]) - 1) if self.csv and m else None

    def place(self, ref: str) -> str:
        """A cell as a notice names it after the file's name: ``milestones!C14`` in a workbook; in
        a CSV file, which has no sheets, its file and line: ``milestones.csv:14 (column C)``."""
        line = self.line_of(ref)
        if line is None:
            return f"{self.name}!{ref}"
        return f"{Path(self.file).name}:{line} (column {ref.rstrip('0123456789')})"

    def notice(self, ref: str, message: str) -> Notice:
        """A notice about the cell ``ref``, located as a node read from it is: it begins
        ``plan.xlsx:milestones!C14``, or in a CSV file ``milestones.csv:14``."""
        return Notice.at(self.location(ref), message)

    def location(self, ref: str | None) -> Location:
        """The location of a node read from the cell ``ref``: its sheet and cell in a workbook; in a
        CSV file its line too, and no sheet (so every output, as for a YAML plan, points to the line)."""
        line = self.line_of(ref) if ref else None
        return Location(self.file, None, None, self.name, ref) if line is None else Location(self.file, line, None, None, ref)

    @cached_property
    def n_rows(self) -> int:
        """Rows up to the last one with a cell (read once the sheet is complete)."""
        return max((r for r, _ in self.cells), default=-1) + 1

    @cached_property
    def n_cols(self) -> int:
        """Columns up to the last one with a cell."""
        return max((c for _, c in self.cells), default=-1) + 1

    def get(self, row: int, col: int) -> str | None:
        """The cell's text, ``None`` when blank (spaces, or invisible characters such as a
        zero-width space, alone). A range merged down over rows gives its value in each row; a
        range merged sideways belongs to its first column alone (an objective merged into the
        milestone column beside it is no milestone), so its other columns are blank."""
        value = self.cells.get((row, col))
        if value is None:
            anchor = self.merged.get((row, col))
            if anchor is not None and anchor[1] == col:
                value = self.cells.get(anchor)
        if value is None or is_blank(value):
            return None
        return value

    def typed_at(self, row: int, col: int) -> TypedCell | None:
        """What the program stored in the cell when it is not text (as :meth:`get`, a range
        merged down gives its top cell's), else ``None``."""
        if (row, col) in self.cells:
            return self.typed.get((row, col))
        anchor = self.merged.get((row, col))
        return self.typed.get(anchor) if anchor is not None and anchor[1] == col else None

    def is_continuation(self, row: int, col: int) -> bool:
        """Whether the cell is part of a merged range started in a row above."""
        anchor = self.merged.get((row, col))
        return anchor is not None and anchor[0] < row

    @cached_property
    def columns_of_row(self) -> dict[int, list[int]]:
        """The columns of each row that hold a cell or part of a merged range (read once the sheet
        is complete): a sheet's last cell may lie far from the others (``XFD1048576``), and a row
        is looked at through the cells it has, not every column up to the last."""
        columns: dict[int, list[int]] = {}
        for r, c in (*self.cells, *self.merged):
            columns.setdefault(r, []).append(c)
        return columns

    def filled(self, row: int, n_cols: int) -> list[int]:
        """The columns before ``n_cols`` of a row that may hold text, in order: every other column
        of the row is blank."""
        return sorted({c for c in self.columns_of_row.get(row, ()) if c < n_cols})

    def put(self, row: int, col: int, text: str) -> None:
        """Write a cell's text (a heading moved to the column it heads)."""
        self.cells[(row, col)] = text
        self.columns_of_row.setdefault(row, []).append(col)

    def is_blank(self, row: int, n_cols: int) -> bool:
        return all(self.get(row, c) is None for c in self.columns_of_row.get(row, ()) if c < n_cols)

    def heading(self, row: int, n_cols: int) -> str | None:
        """The text of a row that is one cell merged across several columns and nothing else (a
        section heading across a table), else ``None``."""
        filled = self.filled(row, n_cols)
        anchors = {self.merged.get((row, c), (row, c)) for c in filled if self.get(row, c) is not None}
        if len(anchors) != 1:
            return None
        anchor = next(iter(anchors))
        across = sum(1 for c in filled if self.merged.get((row, c)) == anchor)
        return self.get(*anchor) if anchor[0] == row and across >= 1 else None

    @property
    def empty(self) -> bool:
        return all(is_blank(v) for v in self.cells.values())


def _shows_day_only(number_format: str) -> bool:
    """Whether a date format shows the day or month and not the time (``dd/mm/yyyy``, ``mmm-yy``):
    a cell worked out as ``=NOW()+7`` holds a time too, which the sheet does not show and a due
    date has not."""
    fmt = _FORMAT_DECORATION.sub("", number_format.split(";")[0]).lower()
    return "y" in fmt and ("d" in fmt or "m" in fmt) and not any(c in fmt for c in "hs") and "general" not in fmt


def _text_of(value: Any, number_format: str | None = None) -> str | None:
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
    """The first section of a number format (the positive numbers'), without colours and literals."""
    return _FORMAT_DECORATION.sub("", (number_format or "").split(";")[0]).strip()


def _shown_number(value: float, number_format: str | None) -> str | None:
    """The text a spreadsheet program shows for a number under a format of digit placeholders
    (``0.00`` shows 1.1 as ``1.10``, ``000`` shows 7 as ``007``, ``0.0%`` shows -0.296 as
    ``-29.6%``), or ``None`` for the General format and the formats this does not follow. Digit
    grouping (``#,##0``) is left out: a plan's numbers and ids are read without it."""
    fmt = _format_section(number_format)
    m = _DIGITS_FORMAT.fullmatch(fmt)
    if not fmt or m is None or fmt.lower() in ("general", "@"):
        return None
    leading, decimals, optional, percent = len(m.group(1)), len(m.group(2) or ""), len(m.group(3) or ""), m.group(4)
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
    text = ("-" if value < 0 and float(text) != 0 else "") + whole.rjust(leading, "0") + dot + part + percent
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


def _typed(value: Any, number_format: str | None) -> TypedCell | None:
    """What a cell that is not text holds, for the columns of text (``None`` for text)."""
    if value is None or isinstance(value, str):
        return None
    if isinstance(value, bool):
        return TypedCell(f"the truth value {str(value).upper()}", shown=str(value).upper())
    if isinstance(value, (int, float)):
        whole = float(value).is_integer()
        shown = _shown_number(float(value), number_format)
        own_format = shown is not None
        if shown is None and not whole and "%" not in (number_format or ""):
            shown = f"{value:.15g}"  # (the program shows the 15 digits it keeps: 0.1+0.2 is 0.3)
        stored = f"the number {_text_of(value) or value}"
        return TypedCell(stored, shown=shown if shown != _text_of(value, number_format) else None, whole=whole,
                         own_format=own_format)
    if isinstance(value, datetime) and value.time() == time(0, 0):
        if _date_shown_without_year(number_format):
            # (day first whatever the format's order: mmm-d shows 11 June as "Jun-11", which would
            # read as June 2011)
            shown = f"{value.day}-{value:%b}"
            return TypedCell(f"the date {value.date().isoformat()}", shown=shown, is_date=True, no_year=True)
        return TypedCell(f"the date {_text_of(value, number_format)}", is_date=True)
    if isinstance(value, (date, datetime, time)):
        return TypedCell(f"the date {_text_of(value, number_format)}", is_date=True)
    return None


def _problem(message: str, file: str | None, sheet: str | None = None, cell: str | None = None) -> Problem:
    return Problem(message, file=file, sheet=sheet, cell=cell)


def _fail(message: str, file: str | None, sheet: str | None = None, cell: str | None = None) -> PlanError:
    return PlanError([_problem(message, file, sheet, cell)])


def _read_limited(path: Path, max_bytes: int, name: str) -> bytes:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise _fail(f"the file is {over_limit(size, max_bytes)}", name)
        with path.open("rb") as fh:
            return read_limited(fh, max_bytes)
    except OSError as exc:
        raise _fail(f"cannot read the file: {exc.strerror or exc}", name) from None


def _read_xlsx(path: Path, max_bytes: int) -> list[RawSheet]:
    """The worksheets of a workbook as text cells (formulas as their saved values)."""
    name = str(path)
    return _xlsx_sheets(_read_limited(path, max_bytes, name), name, max_bytes)


def _xlsx_sheets(data: bytes, name: str, max_bytes: int) -> list[RawSheet]:
    """The worksheets of a workbook's content (read from ``name``) as text cells."""
    if len(data) > max_bytes:
        raise _fail(f"the file is {over_limit(len(data), max_bytes)}", name)
    if not data:
        raise _fail("the file is empty (0 bytes), not a workbook", name)
    if data.startswith(_OLE_MAGIC):
        raise _fail(
            "the workbook is encrypted (password protected) or in the old .xls format: "
            "save it as an .xlsx workbook without a password",
            name,
        )
    buffer = io.BytesIO(data)
    if not zipfile.is_zipfile(buffer):
        if declares_plan_format(data[:65536].decode("utf-8", "replace")):
            raise _fail("this is a YAML or JSON plan, not an Excel workbook: name it .yaml or .json", name)
        raise _fail("this is not an Excel workbook (.xlsx); save the plan as .xlsx, CSV, YAML or JSON", name)
    try:
        with zipfile.ZipFile(buffer) as zf:
            names = set(zf.namelist())
            expanded = sum(i.file_size for i in zf.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise _fail(f"the workbook is damaged: {exc}", name) from None
    if "xl/workbook.xml" not in names:
        raise _fail("this is a zip file but not an Excel workbook (it has no xl/workbook.xml)", name)
    if expanded > EXPANSION * max_bytes:
        raise _fail(
            f"the workbook expands to {human_size(expanded)}, over {EXPANSION} times the "
            f"{human_size(max_bytes)} limit",
            name,
        )
    merged = _merged_area(buffer)
    if merged > MAX_CELLS:
        raise _fail(f"the workbook merges more than {MAX_CELLS:,} cells into ranges; is it a plan?", name)
    import openpyxl

    out_of_range: set[str] = set()  # (cells holding a date no date can be, which openpyxl reads as #VALUE!)

    def open_book(data_only: bool) -> Any:
        buffer.seek(0)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            book = openpyxl.load_workbook(buffer, data_only=data_only, read_only=False)
        out_of_range.update(m[1] for w in caught if (m := _OUT_OF_RANGE_DATE.match(str(w.message))))
        return book

    try:
        book = open_book(False)
    except MemoryError:
        raise
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        raise _fail(f"the workbook cannot be read ({type(exc).__name__}: {exc})", name) from None
    sheets: list[RawSheet] = []
    formulas: list[tuple[RawSheet, str, int, int]] = []
    total = 0
    errors: list[Problem] = []
    for ws in book.worksheets:
        sheet = RawSheet(ws.title, name, hidden=ws.sheet_state != "visible",
                         hidden_rows=frozenset(r - 1 for r, dim in ws.row_dimensions.items() if dim.hidden))
        cells = ws._cells  # a dict (row, col) -> cell: the cells that exist, however far apart
        total += len(cells)
        if total > MAX_CELLS:
            raise _fail(f"the workbook has more than {MAX_CELLS:,} cells; is it a plan?", name, ws.title)
        totals = _totals_cells(ws, sheet)
        for (r, c), cell in cells.items():
            value = cell.value
            if value is None and cell.has_style and (colour := _rag_colour(cell.fill)) is not None:
                sheet.fills[(r - 1, c - 1)] = colour  # (a status shown as a colour alone, for a notice)
            if value is None or (r, c) in totals:
                continue
            if cell.data_type == "f" or type(value).__name__ in {"ArrayFormula", "DataTableFormula"}:
                formulas.append((sheet, ws.title, r, c))
                continue
            if cell.data_type == "e":
                errors.append(_error_value(value, name, ws.title, r, c, cell.coordinate in out_of_range))
                continue
            text = _text_of(value, cell.number_format)
            if text is not None:
                sheet.cells[(r - 1, c - 1)] = text
                if (typed := _typed(value, cell.number_format)) is not None:
                    sheet.typed[(r - 1, c - 1)] = typed
        last_row = max((r for r, _ in cells), default=0)
        last_col = max((c for _, c in cells), default=0)
        sheet.hidden_cols = _hidden_columns(ws, last_col)
        sheet.conditional = _conditional_colours(ws)
        for rng in ws.merged_cells.ranges:
            top, left = rng.min_row, rng.min_col
            for r in range(top, min(rng.max_row, last_row) + 1):
                for c in range(left, min(rng.max_col, last_col) + 1):
                    if (r, c) != (top, left):
                        sheet.merged[(r - 1, c - 1)] = (top - 1, left - 1)
        sheets.append(sheet)
    if formulas:
        try:
            values = open_book(True)
        except Exception as exc:  # pragma: no cover - it opened a moment ago
            raise _fail(f"the workbook cannot be read ({type(exc).__name__}: {exc})", name) from None
        for sheet, title, r, c in formulas:
            cell = values[title].cell(row=r, column=c)
            if cell.data_type == "e" or (isinstance(cell.value, str) and cell.value in _ERROR_VALUES):
                errors.append(_error_value(cell.value, name, title, r, c, cell.coordinate in out_of_range))
                continue
            text = _text_of(cell.value, cell.number_format)
            if text is None:
                errors.append(
                    _problem(
                        "the cell holds a formula with no saved value: open and save the workbook in a "
                        "spreadsheet program, or replace the formula by its value",
                        name,
                        title,
                        cell_ref(r - 1, c - 1),
                    )
                )
            else:
                sheet.cells[(r - 1, c - 1)] = text
                if (typed := _typed(cell.value, cell.number_format)) is not None:
                    sheet.typed[(r - 1, c - 1)] = typed
    if errors:
        raise PlanError(errors[:50])
    return sheets


_ERROR_VALUES = SPREADSHEET_ERRORS
_UTF8_MARK = b"\xef\xbb\xbf"


def _totals_cells(ws: Any, sheet: RawSheet) -> set[tuple[int, int]]:
    """The cells (1-based) of the totals rows of the sheet's tables (an Excel table's "Total Row":
    a count or sum under the items, no item), which are not read; each row is noted on the sheet.

    Only the cells that exist are looked at, and a totals row is never the table's header row:
    a table's range and its count of totals rows come from the file as written, which may claim
    a million rows (or more rows than the table has)."""
    from bisect import bisect_left, bisect_right

    from openpyxl.utils.cell import range_boundaries

    cells: set[tuple[int, int]] = set()
    by_row: dict[int, list[int]] | None = None
    rows: list[int] = []
    for table in ws.tables.values():
        count = table.totalsRowCount or 0
        if not isinstance(count, int) or count <= 0 or not table.ref:
            continue
        try:
            min_col, min_row, max_col, max_row = range_boundaries(table.ref)
        except (ValueError, TypeError):
            continue
        if None in (min_col, min_row, max_col, max_row):
            continue  # (a whole column or row, 'A:E': no table openpyxl would write)
        if by_row is None:
            by_row = {}
            for r, c in ws._cells:
                by_row.setdefault(r, []).append(c)
            rows = sorted(by_row)
        first = max(max_row - count + 1, min_row + 1)
        for r in rows[bisect_left(rows, first): bisect_right(rows, max_row)]:
            row_cells = [(r, c) for c in by_row[r] if min_col <= c <= max_col]
            if not row_cells:
                continue
            cells.update(row_cells)
            sheet.skipped.append((cell_ref(r - 1, min_col - 1), f"row {r} is the totals row of the table "
                                  f"{table.displayName or table.name!r}; skipped"))
    return cells


#: The warning openpyxl gives for a cell formatted as a date whose number no date can be (it reads #VALUE!).
_OUT_OF_RANGE_DATE = re.compile(r"Cell ([A-Z]+[0-9]+) is marked as a date but the serial value")


def _hidden_columns(ws: Any, last_col: int) -> frozenset[int]:
    """The columns (0-based) a worksheet hides, up to ``last_col`` (1-based): a range hidden at once
    (every column right of the table, to ``XFD``) is one entry of the sheet's column widths."""
    from openpyxl.utils import column_index_from_string

    hidden: set[int] = set()
    for key, dim in ws.column_dimensions.items():
        if dim.hidden:
            first = dim.min or column_index_from_string(key)
            hidden.update(c - 1 for c in range(first, min(dim.max or first, last_col) + 1))
    return frozenset(hidden)


#: The hues (degrees) of the RAG colours, as a fill is told to be one: Excel's red and light red,
#: its orange, gold and yellow for amber, its greens, and its blues for done.
_RAG_HUES = (("red", 0, 15), ("amber", 20, 65), ("green", 70, 170), ("blue", 185, 250), ("red", 335, 360))


def _rag_colour(fill: Any) -> str | None:
    """The RAG colour a cell's solid fill is (``red``, ``amber``, ``green``, ``blue``), else ``None``
    (no fill, a grey, a pale tint, or a colour of the workbook's theme, which the file does not spell).

    >>> from openpyxl.styles import PatternFill
    >>> [_rag_colour(PatternFill("solid", fgColor=c)) for c in ("FFFF0000", "FFFFC000", "FF92D050", "FFD9D9D9")]
    ['red', 'amber', 'green', None]
    """
    if fill is None or fill.fill_type != "solid":
        return None
    return _colour_name(fill.fgColor)


def _colour_name(colour: Any) -> str | None:
    """The RAG colour (``red``, ``amber``, ``green``, ``blue``) an openpyxl colour is, else ``None``
    (no colour, a grey, a pale tint, or a colour of the workbook's theme, which the file does not spell)."""
    from openpyxl.styles.colors import COLOR_INDEX

    if colour is None:
        return None
    if colour.type == "indexed" and isinstance(colour.indexed, int) and colour.indexed < len(COLOR_INDEX):
        rgb = COLOR_INDEX[colour.indexed]
    elif colour.type == "rgb" and isinstance(colour.rgb, str) and len(colour.rgb) in (6, 8):
        rgb = colour.rgb
    else:
        return None
    try:
        red, green, blue = (int(rgb[-6:][i:i + 2], 16) / 255 for i in (0, 2, 4))
    except ValueError:
        return None
    hue, light, saturation = colorsys.rgb_to_hls(red, green, blue)
    if saturation < 0.4 or not 0.15 <= light <= 0.93:
        return None
    degrees = hue * 360
    return next((name for name, low, high in _RAG_HUES if low <= degrees <= high), None)


def _conditional_colours(ws: Any) -> list[ConditionalColour]:
    """The conditional formats of a worksheet that colour cells in RAG colours: a rule's fill (Excel
    writes a highlight's colour as the fill's background) or a colour scale's colours. The rules
    are not worked out (their formulas are not evaluated); that a cell may be coloured is enough."""
    out = []
    for formatting in ws.conditional_formatting:
        colours: list[str] = []
        for rule in formatting.rules:
            fill = getattr(rule.dxf, "fill", None)
            scale = rule.colorScale.color if rule.colorScale is not None else []
            for colour in (*([fill.bgColor, fill.fgColor] if fill is not None else []), *scale):
                if (name := _colour_name(colour)) is not None and name not in colours:
                    colours.append(name)
        if colours:
            boxes = tuple((rng.min_row - 1, rng.min_col - 1, rng.max_row - 1, rng.max_col - 1)
                          for rng in formatting.sqref.ranges)
            out.append(ConditionalColour(str(formatting.sqref), boxes, tuple(colours)))
    return out


def _error_value(value: Any, file: str, sheet: str, r: int, c: int, out_of_range: bool = False) -> Problem:
    """The problem of a cell that holds a spreadsheet error (``#N/A``): a value that is missing;
    or, ``out_of_range``, a number formatted as a date that no date can be (the program shows ####)."""
    if out_of_range and value == "#VALUE!":
        return _problem("the cell holds a number formatted as a date, but no date can be that number (a spreadsheet "
                        "program shows it as ####): type the date it stands for, such as 2011-07-31",
                        file, sheet, cell_ref(r - 1, c - 1))
    return _problem(f"the cell holds the error {value} (a formula that could not be worked out): correct the "
                    "formula, or type the value", file, sheet, cell_ref(r - 1, c - 1))


def _decode_csv(data: bytes, name: str, notices: list[str]) -> str:
    if b"\x00" in data[:8192]:
        wide = wide_unicode(data)
        raise _fail(f"the file is {wide} text; save it as CSV UTF-8" if wide else
                    "this is a workbook (or another zip file), not a CSV file: a workbook's name ends in .xlsx"
                    if data.startswith(ZIP_MAGIC) else "this is a binary file, not a CSV file", name)
    try:
        return data.decode("utf-8-sig").lstrip("\ufeff")  # (a file saved twice over may start with two marks)
    except UnicodeDecodeError:
        notices.append(Notice.at(Location(name), "not UTF-8; read as Windows-1252 (save as 'CSV UTF-8' to avoid this)"))
        # (a file saved as CSV UTF-8 and then edited in Windows-1252 keeps its UTF-8 mark, which
        # would read as 'ï»¿' before the first header and hide that column)
        while data.startswith(_UTF8_MARK):  # (two, if it was saved twice over)
            data = data[len(_UTF8_MARK):]
        return data.decode("cp1252", errors="replace")


def _read_csv(path: Path, max_bytes: int, notices: list[str]) -> RawSheet:
    name = str(path)
    return _csv_sheet(_read_limited(path, max_bytes, name), name, path.stem, max_bytes, notices)


def _csv_sheet(data: bytes, name: str, stem: str, max_bytes: int, notices: list[str]) -> RawSheet:
    """A CSV file's content (read from ``name``) as the sheet ``stem``."""
    if len(data) > max_bytes:
        raise _fail(f"the file is {over_limit(len(data), max_bytes)}", name)
    text = _decode_csv(data, name, notices)
    first = text.split("\n", 1)[0]
    delimiter = max([",", ";", "\t"], key=lambda d: (first.count(d), d == ","))
    sheet = RawSheet(stem, name, csv=True)
    errors: list[Problem] = []
    try:
        for r, (line, row) in enumerate(csv_rows(text, delimiter)):
            sheet.lines[r] = line
            for c, value in enumerate(row):
                if value.strip() in SPREADSHEET_ERRORS:
                    # (a workbook's cell whose formula could not be worked out, saved as CSV: no value)
                    errors.append(_csv_problem(f"the cell holds {value.strip()}, which a spreadsheet program saves for "
                                               "a formula it could not work out: correct the formula or type the "
                                               "value, and save the file again", name, line, cell_ref(r, c)))
                if value != "":
                    sheet.cells[(r, c)] = csv_unescape(value)
            if len(sheet.cells) > MAX_CELLS:
                raise _fail(f"the file has more than {MAX_CELLS:,} cells; is it a plan?", name)
    except CsvProblem as exc:
        raise PlanError([Problem(f"invalid CSV: {exc.message}", file=name, line=exc.line)]) from None
    if errors:
        raise PlanError(errors[:50])
    return sheet


def _read_folder(path: Path, max_bytes: int, notices: list[str]) -> list[RawSheet]:
    named = sorted(p for p in path.iterdir() if p.suffix.lower() == ".csv")
    files = [p for p in named if p.is_file()]
    other = [p.name for p in named if not p.is_file()]  # (a pipe, a device or a folder: never read)
    if other:
        raise _fail(f"{', '.join(other)}: not a regular file; a plan folder's sheets are CSV files", str(path))
    if not files:
        raise _fail("the folder has no .csv files: a plan folder holds one CSV file per sheet", str(path))
    total = sum(p.stat().st_size for p in files)
    if total > max_bytes:
        raise _fail(f"the CSV files are {over_limit(total, max_bytes)}", str(path))
    sheets: list[RawSheet] = []
    problems: list[Problem] = []
    for p in files:
        try:
            sheets.append(_read_csv(p, max_bytes, notices))
        except PlanError as exc:  # (every file's problems at once, as a workbook's)
            problems.extend(exc.problems)
    if problems:
        raise PlanError(problems[:50])
    return sheets


# =============================================================================================
# The parsed tree: dicts and lists that remember their sheet and cell


class CellMap(LocMap):
    """A mapping built from a row, with the sheet and cell of itself and of each key."""

    __slots__ = ("file", "sheet", "cell", "key_cell", "is_row", "raw")

    def __init__(self, file: str | None, sheet: str | None, cell: str | None, *, is_row: bool = False) -> None:
        super().__init__(None, None)
        self.file = file
        self.sheet = sheet
        self.cell = cell
        self.key_cell: dict[str, str] = {}
        self.is_row = is_row
        #: The sheet read, once known (see :func:`_note_sheets`).
        self.raw: RawSheet | None = None

    def written_at(self, key: str) -> str:
        """Where the cell of ``key`` (else the row) is, for a message: ``owners!A2``, or in a CSV
        file ``owners.csv:2 (column A)``."""
        ref = self.key_cell.get(key, self.cell) or ""
        return self.raw.place(ref) if self.raw is not None else f"{self.sheet}!{ref}"

    def put(self, key: str, value: Any, cell: str | None) -> None:
        self[key] = value
        if cell is not None:
            self.key_cell[key] = cell

    def child(self, key: str) -> CellMap:
        """The sub-mapping of a dotted column (``baseline`` of ``baseline.value``)."""
        sub = self.get(key)
        if not isinstance(sub, CellMap):
            sub = CellMap(self.file, self.sheet, self.key_cell.get(key, self.cell))
            self[key] = sub
        return sub


class CellList(LocList):
    """A list built from rows or a cell, with the sheet and cell where it starts."""

    __slots__ = ("file", "sheet", "cell")

    def __init__(self, file: str | None, sheet: str | None, cell: str | None) -> None:
        super().__init__(None, None)
        self.file = file
        self.sheet = sheet
        self.cell = cell


def _note_sheets(tree: Any, sheet_of: dict[tuple[str | None, str | None], RawSheet]) -> None:
    """Give each mapping of the tree the sheet it was read from, so that a message about it names
    the place as the sheet's kind does (a CSV file's line)."""
    if isinstance(tree, CellMap):
        tree.raw = sheet_of.get((tree.file, tree.sheet))
        for value in tree.values():
            _note_sheets(value, sheet_of)
    elif isinstance(tree, list):
        for item in tree:
            _note_sheets(item, sheet_of)


def _where(obj: Any, default: tuple[str | None, str | None, str | None]) -> tuple[str | None, str | None, str | None]:
    if isinstance(obj, (CellMap, CellList)):
        return obj.file, obj.sheet, obj.cell
    return default


# =============================================================================================
# Validation errors with sheet and cell


def _field_path(parts: list[str | int]) -> str:
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else ("." if out else "") + part
    return out


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
#: How a spreadsheet program shows (and saves in a CSV file) a date it made of what was typed:
#: 2011-07-31 as 31/07/2011, a month 2011-07 (or a financial year 2008-09) as Jul-11 (Sep-08).
_SHOWN_DAY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_SHOWN_MONTH = re.compile(r"([A-Za-z]{3})-(\d{2})")


def _spreadsheet_date_hint(value: str) -> str | None:
    """What to write for a date, month or period a spreadsheet program rewrote in its own way
    (``31/07/2011``, ``Jul-11``), read day first as English plans write dates, else ``None``."""
    text = value.strip()
    if m := _SHOWN_DAY.fullmatch(text):
        day, month, year = int(m[1]), int(m[2]), int(m[3])
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return None
        iso, shown = f"{year:04d}-{month:02d}-{day:02d}", "2011-07-31 as 31/07/2011"
    elif (m := _SHOWN_MONTH.fullmatch(text)) and m[1].lower() in _MONTHS:
        iso, shown = f"20{m[2]}-{_MONTHS.index(m[1].lower()) + 1:02d}", "2011-07 as Jul-11 and 2008-09 as Sep-08"
    else:
        return None
    return (f"a spreadsheet program shows {shown} (and saves it so in a CSV file): write {iso} if that is "
            "what was meant, in a cell formatted as Text")


def _validation_problems(exc: ValidationError, tree: CellMap) -> list[Problem]:
    """Pydantic's errors as problems naming the file, sheet and cell of the value at fault."""
    problems: list[Problem] = []
    seen: set[tuple[Any, ...]] = set()
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        node: Any = tree
        where = _where(tree, (None, None, None))
        row: CellMap | None = None
        rel: list[str | int] = []
        for part in loc:
            if isinstance(node, CellMap) and isinstance(part, str) and part in node:
                cell = node.key_cell.get(part)
                if cell is not None:
                    where = (node.file, node.sheet, cell)
                node = node[part]
            elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
                node = node[part]
            else:
                continue  # a union member's tag, or a part that matched no data
            where = _where(node, where)
            if isinstance(node, CellMap) and node.is_row:
                row, rel = node, []
            else:
                rel.append(part)
        etype = err["type"]
        ident = f"{' '.join(row['id'].split())}: " if row is not None and isinstance(row.get("id"), str) else ""
        field_name = _field_path(rel)
        if etype == "missing":
            missing = str(loc[-1])
            full = f"{field_name}.{missing}" if field_name else missing
            if isinstance(node, CellMap) and missing in node.key_cell:
                where = (node.file, node.sheet, node.key_cell[missing])
                msg = f"{ident}{full} is missing (the cell is blank)"
            else:
                msg = f"{ident}{full} is missing: the sheet has no {full!r} column"
        elif etype == "extra_forbidden":
            name = str(loc[-1])
            model = model_at(loc[:-1])
            kind = getattr(model, "kind", None) if model is not None else None
            article = "an" if isinstance(kind, str) and kind[:1] in "aeiou" else "a"
            msg = f"{ident}{name!r} is not a field of {f'{article} {kind}' if isinstance(kind, str) else 'this item'}"
            if model is not None:
                # (a field of other levels says so: `status` on an objective's row is no misspelt `tags`)
                elsewhere = field_of_other_levels(name, model).partition(": ")[2]
                guess = None if elsewhere else nearest(name, field_names(model))
                if elsewhere:
                    msg += f": {elsewhere}"
                elif guess and guess != name:
                    msg += f": did you mean {guess!r}?"
        else:
            text = err["msg"]
            if text.startswith("Value error, "):
                text = text[len("Value error, ") :]
            if etype == "literal_error" and "expected" in err.get("ctx", {}):
                text = f"must be one of {err['ctx']['expected']}"
                if loc[-1] == "status":
                    text += f", or {STATUS_WORDS_HELP}"
            elif (words := worded(err, show_input=False)) is not None:
                text = words
            value = err.get("input")
            if isinstance(value, str) and etype not in {"value_error", "assertion_error"}:
                text += f" (the cell holds {value!r})"
            if isinstance(value, dict):  # (a value's period is checked with the whole value)
                value = value.get("period")
            if isinstance(value, str) and (hint := _spreadsheet_date_hint(value)):
                text += f"; {hint}"
            msg = f"{ident}{field_name}: {text}" if field_name else f"{ident}{text}"
        key = (where, msg)
        if key in seen:
            continue
        seen.add(key)
        problems.append(_problem(msg, where[0], where[1], where[2]))
        if len(problems) >= 50:
            problems.append(_problem("(more problems not shown)", where[0]))
            break
    return problems


# =============================================================================================
# The plan period option


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
    ConfigError
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
        raise ConfigError(f"--period {text!r}: {exc}") from None
    if end < start:
        raise ConfigError(f"--period {text!r}: the period ends before it starts")
    return start, end


# =============================================================================================
# Reading rows of the per-level form


@dataclass
class _Header:
    sheet: RawSheet
    row: int
    #: column index -> field column of the layout
    columns: dict[int, Column]
    #: column index -> header text of the columns that match no field
    unknown: dict[int, str]
    n_cols: int


def _header_row(sheet: RawSheet) -> int | None:
    for r in range(sheet.n_rows):
        if not sheet.is_blank(r, sheet.n_cols):
            return r
    return None


def _match_column(layout: SheetLayout, text: str) -> Column | None:
    key = header_key(text)
    col = layout.by_name.get(key)
    if col is None and "_" in key:
        col = layout.by_name.get(key.replace("_", "."))
    if col is None and layout.name == "indicator_refs" and key == "id":
        col = layout.by_name.get("indicator")
    return col


def _read_header(sheet: RawSheet, layout: SheetLayout) -> _Header | None:
    row = _header_row(sheet)
    if row is None:
        return None
    # A title row above the header ("Milestones 2011-12"): the header is the first row that names
    # two of the sheet's fields.
    for r in range(row, min(sheet.n_rows, row + HEADER_SEARCH_ROWS)):
        if sum(1 for c in sheet.filled(r, sheet.n_cols) if (t := sheet.get(r, c)) is not None
               and _match_column(layout, t)) >= 2:
            row = r
            break
    columns: dict[int, Column] = {}
    unknown: dict[int, str] = {}
    seen: set[str] = set()
    for c in sheet.filled(row, sheet.n_cols):
        text = sheet.get(row, c)
        if text is None:
            continue
        col = _match_column(layout, text)
        if col is None or col.name in seen:
            unknown[c] = text.strip()
        else:
            columns[c] = col
            seen.add(col.name)
    return _Header(sheet, row, columns, unknown, sheet.n_cols)


#: Column kinds read as text: a cell holding a number or date is read as the text it shows.
_TEXT_KINDS = frozenset({"text", "code", "list", "optlist", "lead", "refs"})
#: Columns of codes whose date cells are read as their dates (a due date, a value's period).
_DATE_CODES = frozenset({"due", "due.from", "due.to", "from", "to", "period"})
#: Columns of codes where a whole number loses nothing a plan writes (a year, a number 3).
_WHOLE_NUMBER_CODES = _DATE_CODES | {"number", "timescale"}
#: Most cells named in one notice.
_MAX_NAMED = 20


def _named(items: list[str], sep: str) -> str:
    """Items for a notice, joined with ``sep``: the first :data:`_MAX_NAMED`, then how many more."""
    more = [f"and {len(items) - _MAX_NAMED} more"] if len(items) > _MAX_NAMED else []
    return sep.join(items[:_MAX_NAMED] + more)


#: A day and month as a spreadsheet program shows a date without its year: 11-Jun.
_SHOWN_DAY_MONTH = re.compile(r"\d{1,2}-(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)", re.IGNORECASE)


#: A number followed by a percent sign, as a spreadsheet program saves a percentage cell in a CSV file.
_PERCENT_TEXT = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)\s*%")


def _choice(text: str, choices: tuple[str, ...]) -> str:
    """A choice written as a person writes it in a cell (``On track``, ``Not started``, ``Done``)
    as the format's word (``on_track``), a status also as a RAG colour (``Green``, ``A``) or
    ``Complete(d)`` (:data:`STATUS_WORDS`); any other text as it is (then refused, naming the choices).

    >>> _choice("Not started", STATUSES), _choice(" Amber ", STATUSES), _choice("G", STATUSES), _choice("Finished", STATUSES)
    ('not_started', 'at_risk', 'on_track', 'Finished')
    """
    key = re.sub(r"[\s-]+", "_", " ".join(text.split()).casefold())
    if key in choices:
        return key
    return STATUS_WORDS.get(key, text) if choices == STATUSES else text


def _may_have_lost(typed: TypedCell, name: str, dated: bool) -> bool:
    """Whether a spreadsheet program may have changed what was typed in a cell of codes that it
    holds as a number, date or truth value."""
    if typed.is_date:  # (a whole date is a timescale's or a due date's own reading; an id or number is no date)
        return typed.no_year or not (dated or name == "timescale")
    if typed.own_format:
        return False  # (a number shown under a format of its own: what the program shows is what is read)
    if name.endswith("change"):
        return False  # (a change is a number: +5 typed is 5, which means +5; 2.50 is 2.5)
    return not (typed.whole and (name in _WHOLE_NUMBER_CODES or name.endswith(".period")))


def _period_todo(header: _Header | None, row: CellMap) -> tuple[str, str | None]:
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


class _Notes:
    """What reading the sheets passed over that a person should know, gathered while the rows are
    read and given as notices once they all are: one notice per sheet (or per conditional format)
    for cells and rows of one kind, pointing to the first of them and naming the others."""

    def __init__(self, sheets: list[RawSheet], file: str) -> None:
        self.sheet_of = _by_place(sheets)
        #: The workbook (or CSV file or folder), where a notice about it as a whole points.
        self.file = file
        self.notices: list[str] = []
        #: Columns that match no field, for a notice.
        self.ignored_columns: list[str] = []
        #: Cells of codes a spreadsheet program holds as numbers or dates, by sheet, for a notice:
        #: each as its cell and what it holds.
        self.typed_cells: dict[tuple[str, str], list[tuple[str, str]]] = {}
        #: Rows hidden in the workbook that were read as items, by sheet, for a notice.
        self.hidden_rows: dict[tuple[str, str], list[int]] = {}
        #: Columns hidden in the workbook that hold what was read, by sheet, for a notice: each
        #: as its header cell and what it names.
        self.hidden_cols: dict[tuple[str, str], list[tuple[str, str]]] = {}
        #: Status cells with no word but a RAG colour, for a notice.
        self.coloured: list[str] = []
        #: Status cells with no word that a conditional format colours, by sheet and format, for a notice.
        self.conditional: dict[tuple[str, str, ConditionalColour], list[str]] = {}

    def note_unknown(self, header: _Header, why: str = "") -> None:
        """Note the columns of ``header`` that match no field (``why`` says more, if anything)."""
        for c, text in header.unknown.items():
            self.ignored_columns.append(f"{header.sheet.place(cell_ref(header.row, c))} {text!r}{why}")

    def note_typed(self, sheet: RawSheet, ref: str, what: str) -> None:
        """Note the cell ``ref`` of ``sheet``, a code a spreadsheet program holds (or saved) as a
        number or date, and ``what`` it holds and was read as."""
        self.typed_cells.setdefault((sheet.file, sheet.name), []).append((ref, what))

    def note_hidden(self, sheet: RawSheet, r: int) -> None:
        """Note row ``r`` of ``sheet``, read as an item, when it is hidden in the workbook."""
        if r in sheet.hidden_rows:
            self.hidden_rows.setdefault((sheet.file, sheet.name), []).append(r)

    def note_hidden_columns(self, sheet: RawSheet, h_row: int, columns: Iterable[int]) -> None:
        """Note the ``columns`` read from ``sheet`` (header row ``h_row``) that the workbook hides and
        that hold something below the header (a hidden column with nothing in it is no matter)."""
        for c in sorted(set(columns) & sheet.hidden_cols):
            if any(sheet.get(r, c) is not None for r in range(h_row + 1, sheet.n_rows)):
                header = (sheet.get(h_row, c) or "").strip()
                self.hidden_cols.setdefault((sheet.file, sheet.name), []).append((cell_ref(h_row, c), f"column {_col_letter(c)} {header!r}"))

    def note_colour(self, sheet: RawSheet, r: int, c: int) -> None:
        """Note the status cell ``(r, c)`` when it holds no word but is filled in a RAG colour: the
        colour is not read (what it stands for is a guess), and the user is told to write the word."""
        if sheet.get(r, c) is not None:
            return
        if (colour := sheet.fills.get((r, c))) is not None:
            self.coloured.append(f"{sheet.place(cell_ref(r, c))} {colour}")
        elif (rule := next((cf for cf in sheet.conditional if cf.covers(r, c)), None)) is not None:
            self.conditional.setdefault((sheet.file, sheet.name, rule), []).append(cell_ref(r, c))

    def typed_notices(self) -> list[Notice]:
        """The notices naming the cells of codes a spreadsheet program turned into numbers or dates,
        one per sheet, at its first such cell."""
        return [(sheet := self.sheet_of[place]).notice(cells[0][0], "cells a spreadsheet program holds (or saved) as numbers or dates, not as "
                             "text, were read as the text they show; it turns 1.10 into 1.1, 007 into 7 and June 11 "
                             "into a date unless the column is formatted as Text, so check them and retype any the "
                             "plan writes otherwise: " + _named([f"{sheet.place(ref)} {what}" for ref, what in cells],
                                                                "; "))
                for place, cells in self.typed_cells.items()]

    def hidden_notices(self) -> list[Notice]:
        """The notices naming the hidden rows and columns read: what a person sees of the sheet is
        not all the plan holds (hiding a row or a column, or filtering the table, takes nothing out)."""
        out = [self.sheet_of[place].notice(cell_ref(rows[0], 0), "rows hidden in the workbook (by hand or by a filter) were read as "
                            "part of the plan; delete a row to take it out: " + _named([f"row {r + 1}" for r in rows], ", "))
               for place, rows in self.hidden_rows.items()]
        out += [self.sheet_of[place].notice(columns[0][0], "columns hidden in the workbook were read as part of the plan; unhide them "
                             "to check them, or delete a column to take it out: " + _named([c for _, c in columns], ", "))
                for place, columns in self.hidden_cols.items()]
        return out

    def colour_notice(self) -> Notice | None:
        """The notice naming the status cells shown as a colour alone."""
        if not self.coloured:
            return None
        return Notice.at(Location(self.file), "status cells coloured with no word in them were read as no status, as "
                         f"colours are not read; write the status in the cell ({RAG_WORDS_HELP}), which a rule can "
                         "colour: " + _named(self.coloured, ", "))

    def conditional_notices(self) -> list[Notice]:
        """The notices naming the status cells with no word that a conditional format colours, one
        per format, at its first such cell: the rule's colour may be the rating, but which one a
        cell shows depends on formulas outcome-graph does not work out."""
        out = []
        for (file, name, rule), refs in self.conditional.items():
            sheet = self.sheet_of[(file, name)]
            out.append(sheet.notice(refs[0], "status cells with no word in them are coloured by the conditional format "
                                    f"of {rule.ranges} ({', '.join(rule.colours)}), which is not worked out "
                                    "(outcome-graph evaluates no formulas or rules), so they were read as no status; "
                                    f"write the status in each cell ({RAG_WORDS_HELP}), which the rule can still "
                                    "colour: " + _named([sheet.place(ref) for ref in refs], ", ")))
        return out


class _Reader(_Notes):
    """Builds the plan tree from the sheets of the per-level or the flat form."""

    def __init__(self, sheets: list[RawSheet], file: str, stem: str, period: str | None) -> None:
        super().__init__(sheets, file)
        self.sheets = sheets
        self.stem = stem
        self.period = period
        self.problems: list[Problem] = []
        #: node id -> the row it was read from (first one for a duplicate)
        self.rows: dict[str, CellMap] = {}
        self.all_rows: list[tuple[str, CellMap]] = []
        #: Ids made from a row's position (a flat table without id columns).
        self.generated_ids: set[str] = set()
        self.owner_rows: dict[str, CellMap] = {}
        self.group_rows: dict[str, CellMap] = {}
        self.plan_row: CellMap | None = None
        #: id(row) -> node kind
        self.kinds: dict[int, str] = {}
        #: The plan period is missing (reported with the validation problems, if any).
        self.period_problem: Problem | None = None
        self.flat_form = False  # (a flat table: its outcomes column is told apart from the plan's own outcomes)
        #: RAG columns of a flat table not read, as a Status column is, for a notice.
        self.rag_beside_status: list[str] = []

    def location(self, file: str | None, sheet: str | None, ref: str | None) -> Location:
        """The location of what was read from the cell ``ref`` of ``file``'s ``sheet`` (:meth:`RawSheet.location`)."""
        raw = self.sheet_of.get((file, sheet))
        return raw.location(ref) if raw is not None else Location(file, None, None, sheet, ref)

    def kind_of(self, row: CellMap | None) -> str | None:
        return None if row is None else self.kinds.get(id(row))

    # -- helpers ------------------------------------------------------------------------------
    def problem(self, message: str, sheet: RawSheet | None = None, cell: str | None = None) -> None:
        self.problems.append(_problem(message, sheet.file if sheet else self.file, sheet.name if sheet else None, cell))

    def fail(self) -> None:
        if self.problems:
            raise PlanError(self.problems[:50] + ([Problem("(more problems not shown)", file=self.file)] if len(self.problems) > 50 else []))

    def cell_text(self, sheet: RawSheet, r: int, c: int, name: str, kind: str) -> str | None:
        """The text of a cell of the field ``name`` (of column kind ``kind``). A cell a spreadsheet
        program holds as a number or date is read as the text it shows in a column of text (``1.10``
        under the format ``0.00``; ``11-Jun`` for a date shown without its year), as its value in a
        column of numbers or dates, and as its date in a column of due dates and periods; where
        what was typed may have been lost (``1.10`` stored as 1.1, ``007`` as 7, ``June 11`` as a
        date) in an id, number, timescale or other column of codes, the cell is named in a notice."""
        raw = sheet.get(r, c)
        if raw is not None and sheet.csv and name == "timescale" and _SHOWN_DAY_MONTH.fullmatch(raw.strip()):
            # (how a spreadsheet program shows, and saves in a CSV file, a date it made of "June 11")
            self.note_typed(sheet, cell_ref(r, c), f"timescale: {raw.strip()!r}, as a spreadsheet program saves a "
                            "date it made of what was typed (June 11 is saved 11-Jun)")
        typed = sheet.typed_at(r, c) if raw is not None else None
        if typed is None or kind not in _TEXT_KINDS:
            return raw
        dated = name in _DATE_CODES or name.endswith(".period")
        text = raw if typed.shown is None or (typed.is_date and dated) else typed.shown
        if kind == "code" and _may_have_lost(typed, name, dated):
            self.note_typed(sheet, cell_ref(r, c), f"{name}: {typed.stored}, read as {text!r}")
        return text

    def _set(self, row: CellMap, col: Column, raw: str, sheet: RawSheet, ref: str) -> None:
        """Put one cell's value into a row, as the field's kind reads it."""
        kind = col.kind
        value: Any
        if kind == "list":
            value = split_list(raw)
        elif kind == "optlist":
            value = split_list(raw)
        elif kind == "lead":
            value = decode_lead(raw)
        elif kind == "refs":
            value = CellList(sheet.file, sheet.name, ref)
            for code in split_list(raw):
                item = CellMap(sheet.file, sheet.name, ref)
                item.put("id", code, ref)
                value.append(item)
        elif kind == "file" and raw.strip() == EMPTY_LIST:
            value = CellList(sheet.file, sheet.name, ref)  # (a catalogue with no entries, not a file named [])
        elif kind == "marker":
            if raw.strip() != EMPTY_LIST:
                self.problem(
                    f"{col.name}: write [] here for an explicitly empty list; the items go on the {col.name} sheet "
                    f"(the cell holds {raw!r})",
                    sheet,
                    ref,
                )
                return
            value = CellList(sheet.file, sheet.name, ref)
        elif kind == "enum":
            text = decode_text(raw)
            if col.choices == STATUSES and is_placeholder(text):
                self.notices.append(sheet.notice(ref, f"the status {text!r} gives none yet; read as no status"))
                return
            value = _choice(text, col.choices)
        elif kind == "number" and _PERCENT_TEXT.fullmatch(raw.strip()):
            value = raw.strip()[:-1].strip()  # (a percentage cell saved in a CSV file: 60% is 60, as in a workbook)
        else:
            value = decode_text(raw)
        if col.name == "outcomes" and isinstance(value, list):
            value = [outcome_id(v) for v in value]  # ("Stay Safe", as printed)
        path = col.path
        target = row
        for part in path[:-1]:
            target = target.child(part)
        target.put(path[-1], value, ref)

    def read_rows(self, sheet: RawSheet, layout: SheetLayout, required: tuple[str, ...] | None = None,
                  allowed: tuple[str, ...] = ()) -> list[CellMap]:
        """The rows of a per-level sheet as mappings (blank rows skipped); ``allowed``: header
        keys of columns that are not fields but the caller reads."""
        header = _read_header(sheet, layout)
        if header is None:
            return []
        # Columns are named as the fields. A column named like a field but not quite (a typo),
        # or a field twice, is an error: its data would otherwise be dropped without a word. A
        # column that is no field at all (a working column, "RAG") is ignored and named in a notice.
        named = {col.name for col in header.columns.values()}
        for c, text in header.unknown.items():
            if header_key(text) in (allowed or ()):
                continue
            where = cell_ref(header.row, c)
            if _match_column(layout, text) is not None:
                self.problem(f"the {layout.name} sheet has two {text!r} columns", sheet, where)
            elif guess := nearest(text, [col.name for col in layout.columns if col.name not in named]):
                self.problem(f"unknown column {text!r} in the {layout.name} sheet: did you mean {guess!r}?", sheet, where)
            else:
                self.ignored_columns.append(f"{sheet.place(where)} {text!r}")
        for name in layout.required if required is None else required:
            if name not in {c.name for c in header.columns.values()}:
                self.problem(
                    f"the {layout.name} sheet has no {name!r} column (its header row is row {header.row + 1})",
                    sheet,
                    cell_ref(header.row, 0),
                )
                return []
        title_col = next((c for c, col in header.columns.items() if col.name in ("title", "text")), None)
        header_texts = _row_texts(sheet, header.row, header.n_cols)
        rows: list[CellMap] = []
        for r in range(header.row + 1, sheet.n_rows):
            if sheet.is_blank(r, header.n_cols):
                continue
            if _repeats_header(sheet, r, header.n_cols, header_texts):
                # (rows pasted from another copy of the sheet, header and all: as in the flat form)
                self.notices.append(sheet.notice(cell_ref(r, 0), f"row {r + 1} repeats the header row; skipped"))
                continue
            first = next(c for c in sheet.filled(r, header.n_cols) if sheet.get(r, c) is not None)
            self.note_hidden(sheet, r)
            anchor = cell_ref(r, title_col if title_col is not None else first)
            row = CellMap(sheet.file, sheet.name, anchor, is_row=True)
            for c, col in header.columns.items():
                ref = cell_ref(r, c)
                row.key_cell.setdefault(col.path[0], ref)
                raw = self.cell_text(sheet, r, c, col.name, col.kind)
                if raw is None:
                    if col.name == "status":
                        self.note_colour(sheet, r, c)
                    continue
                self._set(row, col, raw, sheet, ref)
            rows.append(row)
        self.note_hidden_columns(sheet, header.row, header.columns)
        return rows

    # -- the plan sheet -------------------------------------------------------------------------
    def read_plan_sheet(self, sheet: RawSheet | None, *, need_format: bool) -> CellMap:
        """The plan's row (from the ``plan`` sheet), its period completed from ``--period``."""
        layout = LAYOUTS["plan"]
        row: CellMap | None = None
        header: _Header | None = None
        if sheet is not None:
            header = _read_header(sheet, layout)
            if header is not None:
                period_col = next((c for c, t in header.unknown.items() if header_key(t) == "period"), None)
                names = {c.name for c in header.columns.values()}
                if need_format and "format" not in names:
                    self.problem(f"the plan sheet has no 'format' column: add one holding {FORMAT_ID}", sheet,
                                 cell_ref(header.row, 0))
                    return CellMap(sheet.file, sheet.name, None, is_row=True)
                rows = self.read_rows(sheet, layout, required=("format",) if need_format else (), allowed=("period",))
                if len(rows) > 1:
                    self.problem("the plan sheet has more than one row; a workbook holds one plan", sheet, rows[1].cell)
                row = rows[0] if rows else None
                if row is not None and period_col is not None:
                    raw = sheet.get(header.row + 1, period_col)
                    if raw is not None and "period" not in row:
                        ref = cell_ref(header.row + 1, period_col)
                        try:
                            start, end = parse_period(raw)
                        except ConfigError:
                            self.problem(f"period: write START..END, e.g. 2011-04-01..2012-03-31 (the cell holds {raw!r})", sheet, ref)
                        else:
                            row.key_cell["period"] = ref
                            sub = row.child("period")
                            sub.put("start", start.isoformat(), ref)
                            sub.put("end", end.isoformat(), ref)
        if row is None:
            row = CellMap(sheet.file if sheet else self.file, sheet.name if sheet else None,
                          "A2" if sheet else None, is_row=True)
        period = row.get("period")
        if self.period is not None and isinstance(period, dict) and period.get("start") and period.get("end"):
            self.notices.append(Notice.at(Location(self.file), "--period is not used: the plan sheet gives the period "
                                          f"({period['start']} to {period['end']})"))
        if not isinstance(period, dict) or not period.get("start") or not period.get("end"):
            if self.period is not None:
                start, end = parse_period(self.period)
                sub = row.child("period")
                sub.setdefault("start", start.isoformat())
                sub.setdefault("end", end.isoformat())
            elif sheet is None:
                self.period_problem = Problem(
                    "the plan period is unknown: add a 'plan' sheet with period.start and period.end columns "
                    "(ISO dates), or give it on the command line with --period START..END",
                    file=self.file,
                )
            else:
                todo, cell = _period_todo(header, row)
                self.period_problem = _problem(
                    f"the plan period is unknown: {todo}, or give it on the command line with --period START..END",
                    sheet.file,
                    sheet.name,
                    cell or row.cell,
                )
        self.plan_row = row
        return row










# =============================================================================================
# The per-level form


def read_levels(reader: _Reader, by_key: dict[str, RawSheet]) -> CellMap:
    """The plan tree of a workbook (or CSV folder) in the per-level form: the plan sheet, a sheet
    per list of nodes, owners, groups and catalogues, and the sheets of lists of objects."""
    plan_sheet = by_key.get("plan")
    if plan_sheet is None:
        raise _fail(
            f"the workbook has no 'plan' sheet; a plan in one sheet per level needs one, with a format column "
            f"holding {FORMAT_ID}, the plan's id and period (sheets found: {', '.join(s.name for s in reader.sheets)})",
            reader.file,
        )
    item_sheets = [name for name in NODE_SHEETS if name in by_key]
    if not item_sheets:
        raise _fail(
            "the workbook has a plan sheet but no sheet of the plan's items: add priorities, aims, objectives, "
            f"milestones or indicators sheets (sheets found: {', '.join(s.name for s in reader.sheets)})",
            reader.file,
        )
    plan_row = reader.read_plan_sheet(plan_sheet, need_format=True)
    reader.fail()
    fmt = plan_row.pop("format", None)
    fmt_cell = plan_row.key_cell.pop("format", plan_row.cell)
    if fmt != FORMAT_ID:
        raise _fail(
            f"format {fmt!r} is not supported; this version reads {FORMAT_ID!r}" if fmt else f"the format cell is blank: write {FORMAT_ID}",
            plan_sheet.file,
            plan_sheet.name,
            fmt_cell,
        )
    tree = CellMap(plan_sheet.file, plan_sheet.name, plan_row.cell)
    tree.put("format", fmt, fmt_cell)
    tree.put("plan", plan_row, plan_row.cell)

    lists: dict[str, list[CellMap]] = {}
    for name in ("vision", "owners", "catalogues", "groups", *LEVEL_SHEETS, "indicators"):
        sheet = by_key.get(name)
        lists[name] = reader.read_rows(sheet, LAYOUTS[name]) if sheet is not None else []
    reader.fail()

    # Ids: generated from the position where blank; rows indexed by id. A row inserted among
    # rows with ids takes the next number its position's id leaves free (the id of its position
    # may be the next row's own).
    taken = {str(row.get("id") or "").strip() for name in NODE_SHEETS for row in lists[name]}
    for name, kind in NODE_SHEETS.items():
        counters: dict[str, int] = {}
        for row in lists[name]:
            parent = str(row.get("parent") or "").strip()
            counters[parent] = counters.get(parent, 0) + 1
            if not str(row.get("id") or "").strip() and kind in _LETTER:
                new_id = ""
                while not new_id or new_id in taken:
                    own = f"{_LETTER[kind]}{counters[parent]}"
                    new_id = f"{parent}.{own}" if parent else own
                    counters[parent] += new_id in taken
                taken.add(new_id)
                row.put("id", new_id, row.key_cell.get("id", row.cell))
                reader.generated_ids.add(str(row["id"]))  # (diff matches such nodes by title, not by id)
            elif not str(row.get("id") or "").strip() and kind == "vision":
                row.put("id", "V", row.key_cell.get("id", row.cell))
            node_id = str(row.get("id") or "").strip()
            if node_id:
                reader.rows.setdefault(node_id, row)
                reader.all_rows.append((kind, row))
                reader.kinds[id(row)] = kind
    for row in lists["owners"]:
        reader.owner_rows.setdefault(str(row.get("id") or "").strip(), row)
    for row in lists["groups"]:
        reader.group_rows.setdefault(str(row.get("id") or "").strip(), row)
    catalogues = {str(row.get("prefix") or "").strip(): row for row in lists["catalogues"]}

    _sub_sheets(reader, by_key, plan_row, catalogues)
    reader.fail()

    if len(lists["vision"]) > 1:
        reader.problem("the vision sheet has more than one row; a plan has at most one vision",
                       by_key["vision"], lists["vision"][1].cell)
    if lists["vision"]:
        tree.put("vision", lists["vision"][0], lists["vision"][0].cell)
    for name in ("owners", "catalogues", "groups"):
        if lists[name]:
            tree.put(name, _list(reader, lists[name]), None)

    # The hierarchy: a row whose parent is a node of a level that holds it is written inside it.
    top: dict[str, list[CellMap]] = {name: [] for name in (*LEVEL_SHEETS, "indicators")}
    for name, kind in LEVEL_SHEETS.items():
        for row in lists[name]:
            parent_id = str(row.get("parent") or "").strip()
            holder = reader.rows.get(parent_id)
            holder_kind = reader.kind_of(holder)
            if holder is not None and holder_kind is not None and _holds(holder_kind, kind):
                del row["parent"]
                _append_child(holder, _CHILD_LIST[kind], row)
            else:
                top[name].append(row)
    top["indicators"] = lists["indicators"]
    for name, rows in top.items():
        if rows:
            tree.put(name, _list(reader, rows), None)
    reader.fail()
    return tree


def _list(reader: _Reader, rows: list[CellMap]) -> CellList:
    """``rows`` as a list located at its first row (at the file when there is none)."""
    out = CellList(rows[0].file, rows[0].sheet, rows[0].cell) if rows else CellList(reader.file, None, None)
    out.extend(rows)
    return out


def _sub_sheets(reader: _Reader, by_key: dict[str, RawSheet], plan_row: CellMap, catalogues: dict[str, CellMap]) -> None:
    plan_id = str(plan_row.get("id") or "").strip()
    for name in SUB_SHEETS:
        sheet = by_key.get(name)
        if sheet is None:
            continue
        for row in reader.read_rows(sheet, LAYOUTS[name]):
            node_id = str(row.pop("node", "") or "").strip()
            node_cell = row.key_cell.pop("node", row.cell) or "A1"
            row.is_row = False
            if not node_id:
                reader.problem(f"the {name} sheet's 'node' cell is blank: name the item the row belongs to", sheet, node_cell)
                continue
            if name == "entries":
                owner = catalogues.get(node_id)
                if owner is None:
                    reader.problem(f"no catalogue with prefix {node_id!r} on the catalogues sheet", sheet, node_cell)
                    continue
                _append(reader, owner, "entries", row, sheet, node_cell)
                continue
            # The plan's own rows name it by its id, or "(plan)" where a node, an owner or a group
            # has that id; a node, owner or group of the id named takes the row.
            held = node_id in reader.rows or node_id in reader.owner_rows or node_id in reader.group_rows
            if name == "ignore" and not held and node_id in (PLAN_NODE, plan_id):
                _append(reader, plan_row, "ignore", row, sheet, node_cell)
                continue
            target = reader.rows.get(node_id)
            if target is None and name == "ignore":  # (an owner's or a group's entry)
                holder = reader.owner_rows.get(node_id) or reader.group_rows.get(node_id)
                if holder is not None:
                    _append(reader, holder, "ignore", row, sheet, node_cell)
                    continue
            if target is None:
                reader.problem(f"no node with id {node_id!r} (the {name} sheet's rows name the item they belong to)", sheet, node_cell)
                continue
            kind = reader.kind_of(target)
            if name in ("variants", "ignore"):
                _append(reader, target, name, row, sheet, node_cell)
            elif name == "due":
                if kind != "milestone":
                    reader.problem(f"{node_id!r} is a {kind}; only milestones have due dates", sheet, node_cell)
                    continue
                if "due" in target and not isinstance(target["due"], CellList):
                    reader.problem(f"milestone {node_id!r} has a due on the milestones sheet too; use one or the other", sheet, node_cell)
                    continue
                value: Any = row
                if "due" in row:
                    value = row["due"]
                    if "from" in row or "to" in row:
                        reader.problem("give either 'due' or 'from' and 'to' in one row", sheet, node_cell)
                        continue
                _append(reader, target, "due", value, sheet, node_cell)
            elif name == "actuals":
                if kind != "indicator":
                    reader.problem(f"{node_id!r} is a {kind}; actuals belong to indicators", sheet, node_cell)
                    continue
                _append(reader, target, "actuals", row, sheet, node_cell)
            elif name in ("targets", "indicator_refs"):
                indicator = str(row.pop("indicator", "") or "").strip()
                row.key_cell.pop("indicator", None)
                if name == "targets" and not indicator:
                    if kind != "indicator":
                        reader.problem(
                            f"{node_id!r} is a {kind}: name the indicator in the 'indicator' column for its own targets",
                            sheet,
                            node_cell,
                        )
                        continue
                    _append(reader, target, "targets", row, sheet, node_cell)
                    continue
                if kind not in ("priority", "aim", "objective"):
                    reader.problem(f"{node_id!r} is a {kind}; indicator references belong to priorities, aims and objectives", sheet, node_cell)
                    continue
                if not indicator:
                    reader.problem("the 'indicator' cell is blank", sheet, node_cell)
                    continue
                ref = _ref(target, indicator, sheet, node_cell)
                if name == "targets":
                    _append(reader, ref, "targets", row, sheet, node_cell)
                else:
                    for key, value in row.items():
                        if key == "targets" and isinstance(ref.get("targets"), CellList) and ref["targets"]:
                            continue
                        ref.put(key, value, row.key_cell.get(key))


def _append(reader: _Reader, owner: CellMap, key: str, value: Any, sheet: RawSheet, cell: str) -> None:
    """Add ``value`` (a row of a sheet of lists of objects) to ``owner``'s list ``key``; a list also
    written in the owner's own row is a problem, as which one holds the plan's cannot be told."""
    items = owner.get(key)
    if not isinstance(items, CellList):
        if items is not None and not (isinstance(items, list) and not items):
            reader.problem(f"{key!r} is given both on its own sheet and in the row of {owner.get('id') or owner.get('prefix')!r}", sheet, cell)
            return
        items = CellList(sheet.file, sheet.name, cell)
        owner.put(key, items, owner.key_cell.get(key) or cell)
    items.append(value)


def _ref(node: CellMap, indicator: str, sheet: RawSheet, cell: str) -> CellMap:
    """The node's reference to an indicator (the first with that id), added when missing."""
    refs = node.get("indicators")
    if not isinstance(refs, CellList):
        refs = CellList(sheet.file, sheet.name, cell)
        node.put("indicators", refs, cell)
    for ref in refs:
        if isinstance(ref, CellMap) and str(ref.get("id", "")).strip() == indicator:
            return ref
    ref = CellMap(sheet.file, sheet.name, cell)
    ref.put("id", indicator, cell)
    refs.append(ref)
    return ref


# =============================================================================================
# The flat form


def read_flat(reader: _Reader, data_sheets: list[RawSheet], plan_sheet: RawSheet | None) -> CellMap:
    """The plan tree of the flat tables ``data_sheets`` (the plan's meta from ``plan_sheet``, if
    any): each table's header found, then its rows read level by level (:class:`_FlatTable`)."""
    reader.flat_form = True
    plan_row = reader.read_plan_sheet(plan_sheet, need_format=False)
    plan_row.pop("format", None)
    if not str(plan_row.get("id") or "").strip():
        plan_id = re.sub(r"[^A-Za-z0-9._-]+", "-", reader.stem).strip("-") or "plan"
        plan_row.put("id", plan_id, None)
    reader.fail()
    tree = CellMap(reader.file, plan_sheet.name if plan_sheet else None, plan_row.cell)
    tree.put("format", FORMAT_ID, None)
    tree.put("plan", plan_row, plan_row.cell)
    table = _FlatTable(reader)
    found = [(sheet, at) for sheet in data_sheets if (at := _flat_header(sheet)) is not None]
    headers = _without_lists(found)
    covers = [f"{sheet.place(cell_ref(h_row, c))} {sheet.get(h_row, c)!r}"
              for sheet, (h_row, roles, _) in found if all(sheet is not kept for kept, _ in headers)
              for c in roles.values()]
    if covers:
        reader.notices.append(Notice.at(Location(reader.file), "sheets whose header names one column, beside tables that "
                                        "name more, were taken for a cover or contents page and not read: "
                                        + ", ".join(covers)))
    for sheet, (h_row, roles, unknown) in headers:
        reader.note_unknown(_Header(sheet, h_row, {}, unknown, sheet.n_cols))
        _rag_as_status(reader, sheet, h_row, roles)
        table.note_given_ids(sheet, h_row, roles)
    for sheet, (h_row, roles, _) in headers:
        table.read_sheet(sheet, h_row, roles)
    for key in ("priorities", "aims", "objectives", "milestones"):
        if key in table.top:
            tree.put(key, table.top[key], None)
    if not table.top:
        raise _fail("the sheet has a header but no rows with a priority, aim, objective or milestone", reader.file,
                    data_sheets[0].name if data_sheets else None)
    if reader.rag_beside_status:
        reader.notices.append(Notice.at(Location(reader.file), "a RAG column beside a Status column was not read, as "
                                        "the Status column holds the status; rename or remove one of them to read "
                                        "the other: " + "; ".join(reader.rag_beside_status)))
    reader.notices.extend(table.notices())
    return tree


def _rag_as_status(reader: _Reader, sheet: RawSheet, h_row: int, roles: dict[str, int]) -> None:
    """A tracker's RAG column (``RAG``, ``RAG rating``) read as the status column, which a
    table without a ``Status`` column has none of; beside one, it is named in a notice and not
    read: which of the two holds the ratings the format would keep cannot be told, and
    ``Status`` is the format's own word."""
    c = roles.pop("rag", None)
    if c is None:
        return
    if "status" not in roles:
        roles["status"] = c
        return
    reader.rag_beside_status.append(f"{sheet.place(cell_ref(h_row, c))} {(sheet.get(h_row, c) or '').strip()!r} "
                                    f"(the status is {sheet.place(cell_ref(h_row, roles['status']))} "
                                    f"{(sheet.get(h_row, roles['status']) or '').strip()!r})")


def _flat_header(sheet: RawSheet) -> tuple[int, dict[str, int], dict[int, str]] | None:
    """The header row of a flat table, the column of each role and the header of each column that
    has none: the first row that names a level, or the row below it when that names more roles (a row grouping the columns above the
    header, ``Actions`` merged over Action | Lead | By when, names a level too)."""
    n_cols = sheet.n_cols
    found: tuple[int, dict[int, str | None]] | None = None
    for r in range(min(sheet.n_rows, HEADER_SEARCH_ROWS)):
        if sheet.is_blank(r, n_cols):
            continue
        roles = {c: flat_role(t) for c in sheet.filled(r, n_cols) if (t := sheet.get(r, c)) is not None}
        named = sum(1 for role in set(roles.values()) if role)
        if found is not None and not (any(role and role.startswith("level:") for role in roles.values())
                                      and named > sum(1 for role in set(found[1].values()) if role)):
            break
        if found is not None or any(role and role.startswith("level:") for role in roles.values()):
            found = (r, roles)
    if found is None:
        return None
    r, roles = found
    out: dict[str, int] = {}
    unknown: dict[int, str] = {}
    levels = {role for role in roles.values() if role and role.startswith("level:")}
    for c, role in roles.items():
        if role and role.startswith("status:") and f"level:{role.removeprefix('status:')}" not in levels:
            role = None  # (an "Aim RAG" in a table without aims rates nothing the table holds)
        if role is None or role in out:
            unknown[c] = (sheet.get(r, c) or "").strip()
        else:
            out[role] = c
    return r, out, unknown


def _without_lists(found: list[tuple[RawSheet, tuple[int, dict[str, int], dict[int, str]]]],
                   ) -> list[tuple[RawSheet, tuple[int, dict[str, int], dict[int, str]]]]:
    """The flat sheets that are tables: a sheet whose header names one column alone (a cover page
    listing "Priorities" and the sheets that follow) is no table beside sheets whose headers name
    more; where none does, a table of one column is one."""
    if all(len(roles) + len(unknown) < 2 for _, (_, roles, unknown) in found):
        return found
    return [(sheet, header) for sheet, header in found if len(header[1]) + len(header[2]) >= 2]


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _row_texts(sheet: RawSheet, row: int, n_cols: int) -> dict[int, str]:
    """The texts of a row's cells that are not blank, by column, as compared (:func:`_norm`)."""
    return {c: text for c in sheet.filled(row, n_cols) if (text := _norm(sheet.get(row, c) or ""))}


def _repeats_header(sheet: RawSheet, row: int, n_cols: int, header_texts: dict[int, str]) -> bool:
    """Whether a row says what the header row says (a table's header repeated for each section)."""
    return _row_texts(sheet, row, n_cols) == header_texts


def _holds(parent_kind: str, child_kind: str) -> bool:
    """Whether a node of ``parent_kind`` can hold ``child_kind`` nested in the format."""
    return parent_kind in ("priority", "aim", "objective") and _RANK[parent_kind] < _RANK[child_kind]


# =============================================================================================
# Form detection and the whole load


def _is_flat(sheet: RawSheet) -> bool:
    for r in range(min(sheet.n_rows, HEADER_SEARCH_ROWS)):
        for c in sheet.filled(r, sheet.n_cols):
            text = sheet.get(r, c)
            if text is not None and (flat_role(text) or "").startswith("level:"):
                return True
    return False


def _has_column(sheet: RawSheet, name: str) -> bool:
    row = _header_row(sheet)
    if row is None:
        return False
    return any(header_key(sheet.get(row, c) or "") == name for c in sheet.filled(row, sheet.n_cols))


def load_spreadsheet(path: str | Path, *, max_bytes: int, period: str | None = None) -> Plan:
    """Load a plan from an ``.xlsx`` workbook, a ``.csv`` file or a folder of ``.csv`` files.

    Parameters
    ----------
    path : str or Path
        The workbook, CSV file or folder.
    max_bytes : int
        Refuse inputs larger than this.
    period : str, optional
        ``START..END`` (ISO dates): the plan period of a flat sheet without a ``plan`` sheet.

    Returns
    -------
    Plan
        The plan; ``plan.locations`` gives each node's sheet and cell, ``plan.notices`` what the
        reader did that a person should know (columns ignored, a timescale kept in notes).

    Raises
    ------
    PlanError
        The input is not a workbook, is encrypted or empty, misses a sheet or column, or holds a
        value the format does not allow; every problem names the file, sheet and cell.
    ConfigError
        ``period`` is not a period.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "plan.csv").write_text(
    ...     "Priority,Objective,Key milestones,Lead person,By when\\n"
    ...     "Safe,Fewer accidents,Audit the junctions,Road safety team,June 11\\n"
    ...     ",,Publish the audit,,Sept 11\\n")
    >>> plan = load_spreadsheet(folder / "plan.csv", max_bytes=10**6, period="2011-04-01..2012-03-31")
    >>> list(plan.nodes)
    ['P1', 'P1.O1', 'P1.O1.M1', 'P1.O1.M2']
    >>> plan.nodes["P1.O1.M2"].lead is None, plan.location("P1.O1.M2").cell
    (True, 'C3')
    """
    p = Path(path)
    name = str(path)
    notices: list[str] = []
    if not p.exists():
        raise _fail("no such file", name)
    if p.is_dir():
        sheets = _read_folder(p, max_bytes, notices)
        stem = p.resolve().name
    elif p.suffix.lower() == ".csv":
        sheets = [_read_csv(p, max_bytes, notices)]
        stem = p.stem
    else:
        sheets = _read_xlsx(p, max_bytes)
        stem = p.stem
    return _plan_of_sheets(sheets, name, stem, period, notices, workbook=p.suffix.lower() in (".xlsx", ".xlsm"),
                           base_dir=str(p.parent if not p.is_dir() else p))


def load_spreadsheet_bytes(data: bytes, *, name: str | None, csv: bool, max_bytes: int,
                           period: str | None = None, base_dir: str | None = None) -> Plan:
    """Load a plan from the content of an ``.xlsx`` workbook, or of a ``.csv`` file when ``csv``
    (an upload, held in memory): as :func:`load_spreadsheet`, ``name`` (``<workbook>`` by default)
    standing for the file in problems and locations, and ``base_dir`` for its folder (none: a
    catalogue's entries file cannot be read).

    >>> plan = load_spreadsheet_bytes(b"Objective,Lead\\nFewer accidents,Road safety team\\n", name="upload.csv",
    ...                               csv=True, max_bytes=10**6, period="2011-04-01..2012-03-31")
    >>> plan.id, list(plan.nodes), plan.location("O1").cell
    ('upload', ['O1'], 'A2')
    """
    file = name or "<workbook>"
    stem = Path(name).stem if name else "plan"
    notices: list[str] = []
    sheets = [_csv_sheet(data, file, stem, max_bytes, notices)] if csv else _xlsx_sheets(data, file, max_bytes)
    return _plan_of_sheets(sheets, file, stem, period, notices, workbook=not csv, base_dir=base_dir)


def _plan_of_sheets(sheets: list[RawSheet], name: str, stem: str, period: str | None, notices: list[str], *,
                    workbook: bool, base_dir: str | None) -> Plan:
    """The plan the sheets hold; a problem in a CSV file, which has no sheets, names its line."""
    try:
        return _sheets_plan(sheets, name, stem, period, notices, workbook=workbook, base_dir=base_dir)
    except PlanError as exc:
        if not any(sheet.csv for sheet in sheets):
            raise
        sheet_of = _by_place(sheets)
        raise PlanError([_at_line(problem, sheet_of.get((problem.file, problem.sheet))) for problem in exc.problems]) from None


def _by_place(sheets: Iterable[RawSheet]) -> dict[tuple[str | None, str | None], RawSheet]:
    """The sheets by where they are: (file, sheet name), as a row or a problem names its place."""
    return {(sheet.file, sheet.name): sheet for sheet in sheets}


def _at_line(problem: Problem, sheet: RawSheet | None) -> Problem:
    """The problem at a cell of a CSV file ``sheet`` at the line its row starts on, its message
    naming the cell's column (the cell kept)."""
    line = sheet.line_of(problem.cell) if sheet is not None and problem.cell else None
    return problem if line is None or not problem.cell else _csv_problem(problem.message, problem.file, line, problem.cell)


def _csv_problem(message: str, file: str | None, line: int, cell: str) -> Problem:
    """A problem at a cell of a CSV file: ``actions.csv:4: column C: ...``."""
    return Problem(f"column {cell.rstrip('0123456789')}: {message}", file=file, line=line, cell=cell)


def _sheets_plan(sheets: list[RawSheet], name: str, stem: str, period: str | None, notices: list[str], *,
                 workbook: bool, base_dir: str | None) -> Plan:
    reader = _Reader(sheets, name, stem, period)
    reader.notices.extend(notices)
    reader.notices.extend(sheet.notice(ref, why) for sheet in sheets for ref, why in sheet.skipped)
    if all(s.empty for s in sheets):
        raise _fail("the workbook is empty: it has no cells with data" if workbook
                    else "the file is empty: it has no cells with data", name)

    by_key: dict[str, RawSheet] = {}
    unknown_sheets: list[str] = []
    for sheet in sheets:
        key = sheet_key(sheet.name)
        if sheet.empty:
            continue
        if key == "plan" and _is_flat(sheet) and not _has_column(sheet, "format"):
            # a flat table saved as plan.csv: data, not the plan sheet (one with a format column is
            # the plan sheet, whatever its title reads like: a plan titled "Objective")
            unknown_sheets.append(sheet.name)
        elif key in LAYOUTS and key not in by_key:
            by_key[key] = sheet
        elif key not in IGNORED_SHEETS:
            unknown_sheets.append(sheet.name)
    plan_sheet = by_key.get("plan")
    level_like = [s for k, s in by_key.items() if k in NODE_SHEETS or k in SUB_SHEETS or k in ("owners", "catalogues", "groups")]
    per_level = (plan_sheet is not None and _has_column(plan_sheet, "format")) or any(not _is_flat(s) for s in level_like)
    if per_level:
        tree = read_levels(reader, by_key)
        if unknown_sheets:
            reader.notices.append(Notice.at(Location(name), "sheets that are not part of the format were ignored: "
                                            + ", ".join(unknown_sheets)))
    else:
        hidden = [s.name for s in sheets if s.hidden and not s.empty and s is not plan_sheet]
        if hidden:
            reader.notices.append(Notice.at(Location(name), f"hidden sheets were not read: {', '.join(hidden)}"))
        data = [s for s in sheets if not s.empty and not s.hidden and sheet_key(s.name) not in IGNORED_SHEETS
                and s is not plan_sheet]
        flat = [s for s in data if _is_flat(s)]
        if not flat:
            if not data:
                raise _fail("the workbook has no sheet of the plan's items (only a plan sheet)", name)
            raise PlanError(
                [
                    _problem(
                        "the sheet has no level column: a flat plan sheet needs at least one of priority, aim, "
                        "objective or milestone (e.g. 'Key milestones'); a per-level workbook needs a 'plan' sheet "
                        f"with a format column holding {FORMAT_ID}",
                        s.file,
                        s.name,
                        cell_ref(_header_row(s) or 0, 0),
                    )
                    for s in data
                ]
            )
        skipped = [s.name for s in data if s not in flat]
        if skipped:
            reader.notices.append(Notice.at(Location(name), f"sheets with no level column were ignored: {', '.join(skipped)}"))
        tree = read_flat(reader, flat, plan_sheet)
    for notice in (*reader.typed_notices(), *reader.hidden_notices(), reader.colour_notice(),
                   *reader.conditional_notices()):
        if notice is not None:
            reader.notices.append(notice)
    if reader.ignored_columns:
        reader.notices.append(Notice.at(Location(name), "columns that match no field were ignored: "
                                        + ", ".join(reader.ignored_columns)))
    reader.fail()
    _note_sheets(tree, reader.sheet_of)
    plan = _validate(tree, reader, name, base_dir=base_dir)
    plan.notices.extend(reader.notices)
    plan.sources[:0] = list(dict.fromkeys(sheet.file for sheet in sheets))  # (the workbook, or each CSV file read)
    return plan


def _validate(tree: CellMap, reader: _Reader, file: str, base_dir: str | None) -> Plan:
    period_problem = reader.period_problem
    try:
        document = PlanDocument.model_validate(tree)
    except ValidationError as exc:
        problems = _validation_problems(exc, tree)
        if period_problem is not None:
            problems = [period_problem, *(p for p in problems if "period" not in p.message)]
        # (and what is checked after validation, so that every problem is reported at once)
        meta = tree.get("plan")
        framework = meta.get("framework") if isinstance(meta, dict) else None
        problems += _ids_and_outcomes(framework if isinstance(framework, str) else "ecm", reader, file)
        raise PlanError(problems[:50]) from None
    if period_problem is not None:  # pragma: no cover - the period is required, so validation fails first
        raise PlanError([period_problem])
    problems = _ids_and_outcomes(document.plan.framework, reader, file)
    if problems:
        raise PlanError(problems[:50])
    plan = build_plan(document, tree, file=file, base_dir=base_dir)
    plan.generated_ids = set(reader.generated_ids)
    plan.spreadsheet = "flat" if reader.flat_form else "levels"
    for node_id in plan.nodes:
        row = reader.rows.get(node_id)
        if row is not None:
            plan.locations[node_id] = reader.location(row.file, row.sheet, row.cell)
    for rows, declared in ((reader.owner_rows, plan.owner_locations), (reader.group_rows, plan.group_locations)):
        for key, row in rows.items():
            if key:
                declared[key] = reader.location(row.file, row.sheet, row.cell)
                if key not in plan.nodes:
                    plan.locations[key] = declared[key]
    if reader.plan_row is not None and plan.id not in plan.nodes:
        row = reader.plan_row
        plan.locations[plan.id] = reader.location(row.file or file, row.sheet, row.key_cell.get("id", row.cell))
    if plan.implicit_indicators:  # where an implicit indicator is first referred to
        for node in plan.nodes.values():
            for ref in getattr(node, "indicators", None) or []:
                if ref.id in plan.implicit_indicators and ref.id not in plan.locations and node.id in reader.rows:
                    row = reader.rows[node.id]
                    plan.locations[ref.id] = reader.location(row.file, row.sheet, row.key_cell.get("indicators", row.cell))
    plan.notices.extend(long_lead_notices(plan))
    return plan


def _ids_and_outcomes(framework: str, reader: _Reader, file: str) -> list[Problem]:
    """What the YAML loader checks after validation, with sheet and cell: duplicate ids, the
    framework and the outcomes."""
    from ..model.frameworks import frameworks

    problems: list[Problem] = []
    first: dict[str, CellMap] = {}
    codes: dict[str, tuple[str, CellMap]] = {}  # indicators' codes: the first id and row
    for kind, row in reader.all_rows:
        node_id = str(row.get("id") or "").strip()
        if kind == "indicator" and node_id and node_id not in first:
            same, prev = codes.setdefault(code_key(node_id), (node_id, row))
            if same != node_id:  # (one code written two ways: NI72 and NI 72)
                problems.append(_problem(duplicate_code(node_id, same, prev.written_at("id")),
                                         row.file, row.sheet, row.key_cell.get("id", row.cell)))
        if node_id in first:
            prev = first[node_id]
            problems.append(
                _problem(
                    duplicate_id(node_id, prev.written_at("id")),
                    row.file,
                    row.sheet,
                    row.key_cell.get("id", row.cell),
                )
            )
        else:
            first[node_id] = row
    known = frameworks()
    plan_row = reader.plan_row
    if framework not in known:
        problems.append(
            _problem(
                unknown_framework(framework, known),
                file,
                plan_row.sheet if plan_row else None,
                plan_row.key_cell.get("framework") if plan_row else None,
            )
        )
    else:
        valid = known[framework].ids
        for _kind, row in reader.all_rows:
            outcomes = row.get("outcomes") or []
            for outcome in outcomes if isinstance(outcomes, list) else []:
                if isinstance(outcome, str) and outcome not in valid:
                    # (a published plan's "Outcome" column often holds its own outcome statements)
                    own = (" (an outcomes column holds the outcomes of the framework that a row serves; a column "
                           "of the plan's own outcome statements is a level of the plan: head it 'Objective' or "
                           "'Aim')" if reader.flat_form and nearest(outcome, valid) is None else "")
                    problems.append(
                        _problem(
                            unknown_outcome(row.get("id"), outcome, valid, framework) + own,
                            row.file,
                            row.sheet,
                            row.key_cell.get("outcomes", row.cell),
                        )
                    )
    return problems


#: The roles of a flat table's columns that hold codes (text that a spreadsheet program may
#: read as a number or date).
_FLAT_CODES = frozenset({"id", "number", "timescale", "due"})


class _FlatTable:
    """The nodes of a flat table (Priority | Objective | Key milestones | Lead | Timescale), read row
    by row: the nodes each row opens or continues, level by level, and the fields it gives the
    deepest of them. What the reader should hear of (values that differ, joined timescales...)
    is gathered for :meth:`notices`."""

    def __init__(self, reader: _Reader) -> None:
        self.reader = reader
        self.top: dict[str, CellList] = {}  # the nodes without a parent, by list
        self.found: dict[tuple[int, str, str], CellMap] = {}  # (parent, kind, title): a node already met
        self.counts: dict[tuple[int, str], int] = {}  # children of a kind under a parent, for ids
        self.taken: set[str] = set()  # the ids the table gives (a row without one is given another)
        self.timescale_notes: list[str] = []
        self.conflicts: list[str] = []
        self.joined: list[str] = []  # timescales of a milestone merged over several rows
        self.unplaced_statuses: list[str] = []  # statuses on rows without a milestone
        self.unrated: list[str] = []  # statuses that give none yet (N/A, TBC, -)
        self.rated: set[tuple[int, str]] = set()  # (node, status column): a rating of a node not a milestone, noted

    def note_given_ids(self, sheet: RawSheet, h_row: int, roles: dict[str, int]) -> None:
        """Note the ids the sheet's id columns give, so that a row whose id is blank (a row
        inserted above one with an id) takes an id no other row has, not its position's."""
        for role, c in roles.items():
            if role.startswith("id:"):
                for r in range(h_row + 1, sheet.n_rows):
                    if (given := sheet.get(r, c)) is not None:
                        self.taken.add(given.strip())
                        if (typed := sheet.typed_at(r, c)) is not None and typed.shown is not None:
                            self.taken.add(typed.shown.strip())  # (a number read as shown: 007)

    def read_sheet(self, sheet: RawSheet, h_row: int, roles: dict[str, int]) -> None:
        """The rows of one sheet below its header row ``h_row`` (``roles``: a column per role)."""
        levels = [(kind, roles[f"level:{kind}"]) for kind in LEVELS[1:] if f"level:{kind}" in roles]
        self.reader.note_hidden_columns(sheet, h_row, roles.values())
        n_cols = sheet.n_cols
        current: list[CellMap | None] = [None] * len(levels)  # the open node of each level
        header_texts = _row_texts(sheet, h_row, n_cols)
        for r in range(h_row + 1, sheet.n_rows):
            if sheet.is_blank(r, n_cols) or self._skipped(sheet, r, levels, header_texts):
                continue
            filled = [i for i, (_, c) in enumerate(levels) if sheet.get(r, c) is not None]
            if not filled:
                self.reader.notices.append(sheet.notice(cell_ref(r, 0), f"row {r + 1} fills no level column; ignored"))
                continue
            deepest = max(filled)
            self.reader.note_hidden(sheet, r)
            self._open_nodes(sheet, r, roles, levels, current, deepest)
            self._give_fields(sheet, r, roles, levels, current, deepest)

    def _skipped(self, sheet: RawSheet, r: int, levels: list[tuple[str, int]], header_texts: dict[int, str]) -> bool:
        """Whether row ``r`` is a heading across the table or a repeated header, not a row of data
        (a heading over rows that leave the first level blank is their first level, and kept)."""
        n_cols = sheet.n_cols
        heading = sheet.heading(r, n_cols)
        if heading is not None and levels:
            first_col = levels[0][1]
            if self._first_level_follows(sheet, r, n_cols, first_col, header_texts):
                self.reader.notices.append(sheet.notice(cell_ref(r, 0), f"row {r + 1} is a heading across the table "
                                                        f"({heading.strip()[:60]!r}); skipped"))
                return True
            # The rows below leave the first level blank: the heading is their
            # first level, written in its column only (not in every column it spans).
            anchor = sheet.merged.get((r, first_col), (r, first_col))
            for c in sheet.filled(r, n_cols):
                if sheet.merged.get((r, c)) == anchor:
                    del sheet.merged[(r, c)]
            sheet.cells.pop(anchor, None)
            sheet.put(r, first_col, heading)
        if _repeats_header(sheet, r, n_cols, header_texts):
            self.reader.notices.append(sheet.notice(cell_ref(r, 0), f"row {r + 1} repeats the header row; skipped"))
            return True
        return False

    @staticmethod
    def _first_level_follows(sheet: RawSheet, r: int, n_cols: int, first_col: int, header_texts: dict[int, str]) -> bool:
        """Whether the next row of data after row ``r`` fills the first level's column itself."""
        for below in range(r + 1, sheet.n_rows):
            if sheet.is_blank(below, n_cols) or _repeats_header(sheet, below, n_cols, header_texts):
                continue
            return sheet.get(below, first_col) is not None
        return True  # (a heading at the end: nothing under it)

    def _cell(self, sheet: RawSheet, r: int, roles: dict[str, int], role: str) -> tuple[str | None, str | None]:
        """The text of row ``r`` in the column of ``role`` (stripped) and its cell, or (None, None)."""
        c = roles.get(role)
        if c is None:
            return None, None
        name = role.split(":")[0]  # ("id:milestone" is an id, "number:aim" a number)
        value = self.reader.cell_text(sheet, r, c, name, "code" if name in _FLAT_CODES else "text")
        return (value.strip() if value is not None else None), cell_ref(r, c)

    def _open_nodes(self, sheet: RawSheet, r: int, roles: dict[str, int], levels: list[tuple[str, int]],
                    current: list[CellMap | None], deepest: int) -> None:
        """The nodes row ``r`` names, down to its ``deepest`` level: each one already met under the
        same parent (or the milestone a merged cell continues), or a new one."""
        parent: CellMap | None = None
        for i in range(deepest + 1):
            kind, c = levels[i]
            text = sheet.get(r, c)
            if text is None:
                if (held := current[i]) is not None:
                    parent = held
                    self._id_again(sheet, r, roles, kind, held)
                continue
            # (as the cell shows: 1.10 under the format 0.00, TRUE for a truth value)
            title = (self.reader.cell_text(sheet, r, c, "title", "text") or text).strip()
            node: CellMap | None = None
            if kind == "milestone":
                if sheet.is_continuation(r, c) and current[i] is not None:
                    node = current[i]
            else:
                node = self.found.get((id(parent), kind, _norm(title)))
            if node is None:
                node = self._new_node(sheet, r, roles, kind, title, cell_ref(r, c), parent)
            else:
                self._id_again(sheet, r, roles, kind, node)
            if current[i] is not node:
                current[i] = node
                for j in range(i + 1, len(current)):
                    current[j] = None
            parent = node

    def _id_again(self, sheet: RawSheet, r: int, roles: dict[str, int], kind: str, node: CellMap) -> None:
        """Note an id that a later row of ``node`` gives it, other than the one it has (a row's own id
        or its position's, which the ids of the nodes below are made from): the first is kept."""
        given, ref = self._cell(sheet, r, roles, f"id:{kind}")
        if given and ref and given != node["id"]:
            self.conflicts.append(f"{sheet.place(ref)} id {given!r} (kept {node['id']!r} for {node['title']!r})")

    def _new_node(self, sheet: RawSheet, r: int, roles: dict[str, int], kind: str, title: str, ref: str,
                  parent: CellMap | None) -> CellMap:
        """A node of ``kind`` under ``parent``: its id the row's, else one from its position."""
        reader = self.reader
        node = CellMap(sheet.file, sheet.name, ref, is_row=True)
        given, id_ref = self._cell(sheet, r, roles, f"id:{kind}")
        key = (id(parent), kind)
        self.counts[key] = self.counts.get(key, 0) + 1
        node_id, position = given or "", self.counts[key]
        while not node_id or (not given and node_id in self.taken):
            # (its position's id, or the next one no other row has: the rows after keep theirs)
            own = f"{_LETTER[kind]}{position}"
            node_id = f"{parent['id']}.{own}" if parent is not None else own
            position += 1
        self.taken.add(node_id)
        node.put("id", node_id, id_ref if given else ref)
        if not given:
            reader.generated_ids.add(node_id)
        number, number_ref = self._cell(sheet, r, roles, f"number:{kind}")
        if number:
            node.put("number", number, number_ref)
        node.put("title", title, ref)
        if parent is None:
            key_list = {"priority": "priorities", **_CHILD_LIST}[kind]
            if key_list not in self.top:
                self.top[key_list] = CellList(node.file, node.sheet, node.cell)
            self.top[key_list].append(node)
        else:
            _append_child(parent, _CHILD_LIST[kind], node)
        if kind != "milestone":
            self.found[(id(parent), kind, _norm(title))] = node
        reader.rows.setdefault(node_id, node)
        reader.all_rows.append((kind, node))
        reader.kinds[id(node)] = kind
        return node

    def _set_once(self, sheet: RawSheet, node: CellMap, key: str, value: Any, ref: str, what: str) -> None:
        """Give ``node`` the value of row cell ``ref`` of ``sheet``, unless it has one (a differing
        value is named in a notice)."""
        if key not in node:
            node.put(key, value, ref)
        elif node[key] != value:
            self.conflicts.append(f"{sheet.place(ref)} {what} {value!r} (kept {node[key]!r} for {node['id']})")

    def _give_fields(self, sheet: RawSheet, r: int, roles: dict[str, int], levels: list[tuple[str, int]],
                     current: list[CellMap | None], deepest: int) -> None:
        """The fields row ``r`` gives its deepest node (indicators: the nearest node above a
        milestone)."""
        target = current[deepest]
        assert target is not None
        target_kind = levels[deepest][0]
        lead, lead_ref = self._cell(sheet, r, roles, "lead")
        if lead and lead_ref:
            self._set_once(sheet, target, "lead", lead, lead_ref, "lead")
        timescale, ts_ref = self._cell(sheet, r, roles, "timescale")
        if timescale and ts_ref:
            self._timescale(sheet, r, target, target_kind, timescale, ts_ref, levels[deepest][1])
        inds, ind_ref = self._cell(sheet, r, roles, "indicators")
        if inds and ind_ref:
            holder = next((current[i] for i in range(deepest, -1, -1)
                           if levels[i][0] != "milestone" and current[i] is not None), None)
            self._indicators(sheet, holder, inds, ind_ref)
        note, note_ref = self._cell(sheet, r, roles, "notes")
        if note and note_ref:
            notes = target.get("notes")
            if not notes or note not in notes:
                target.put("notes", f"{notes}\n{note}" if notes else note, note_ref)
        due, due_ref = self._cell(sheet, r, roles, "due")
        if due and due_ref:
            self._set_once(sheet, target, "due", due, due_ref, "due")
        self._status(sheet, r, roles, "status", target, target_kind)
        for i, (kind, _) in enumerate(levels[:deepest + 1]):
            if (node := current[i]) is not None:
                self._status(sheet, r, roles, f"status:{kind}", node, kind)
        for role in ("outcomes", "tags"):
            value, role_ref = self._cell(sheet, r, roles, role)
            if value and role_ref:
                items = split_list(value) if ";" in value or value == EMPTY_LIST else [
                    x.strip() for x in value.split(",") if x.strip()]
                if role == "outcomes":
                    items = [outcome_id(x) for x in items]
                self._set_once(sheet, target, role, items, role_ref, role)

    def _status(self, sheet: RawSheet, r: int, roles: dict[str, int], role: str, node: CellMap, kind: str) -> None:
        """The status row ``r`` gives ``node`` (of ``kind``) in the column of ``role``: the table's
        ``Status`` column rates the row's deepest node, a level's own column (``Milestone RAG``,
        ``Objective RAG``) that level's node. Only milestones have a status in the format: another
        node's rating is named in a notice, once however many of its rows repeat it."""
        if role in roles and kind == "milestone":
            self.reader.note_colour(sheet, r, roles[role])
        text, ref = self._cell(sheet, r, roles, role)
        if not text or not ref:
            return
        if kind != "milestone":
            # (a tracker rates objectives too; the format gives milestones alone a status)
            if (id(node), role) not in self.rated:
                self.rated.add((id(node), role))
                self.unplaced_statuses.append(f"{sheet.place(ref)} {text!r} ({kind} {node['id']})")
        elif is_placeholder(text):
            self.unrated.append(f"{sheet.place(ref)} {text!r}")
        else:
            self._set_once(sheet, node, "status", _choice(text, STATUSES), ref, "status")

    def _timescale(self, sheet: RawSheet, r: int, target: CellMap, target_kind: str, timescale: str, ts_ref: str,
                   column: int) -> None:
        """A row's timescale: a milestone's own (joined when the milestone is merged over rows);
        on a row without a milestone, kept in its node's notes."""
        if (target_kind == "milestone" and "timescale" in target and target["timescale"] != timescale
                and sheet.is_continuation(r, column)):
            # One milestone merged over rows, a date on each: "Sept 11; March 12".
            target.put("timescale", f"{target['timescale']}; {timescale}", target.key_cell.get("timescale"))
            self.joined.append(sheet.place(ts_ref))
        elif target_kind == "milestone":
            self._set_once(sheet, target, "timescale", timescale, ts_ref, "timescale")
        else:
            line = f"Timescale: {timescale}"
            notes = target.get("notes")
            if not notes or line not in notes:
                target.put("notes", f"{notes}\n{line}" if notes else line, target.key_cell.get("notes", ts_ref))
                self.timescale_notes.append(f"{sheet.place(ts_ref)} ({target['id']})")

    def _indicators(self, sheet: RawSheet, holder: CellMap | None, inds: str, ind_ref: str) -> None:
        """The indicator codes of a row's cell, added to ``holder``'s (each once)."""
        codes = split_list(inds) if ";" in inds else [x.strip() for x in re.split(r"[,\n]", inds) if x.strip()]
        if holder is None:
            self.reader.notices.append(sheet.notice(ind_ref, "indicators on a row with no priority, aim or objective; "
                                                    "ignored"))
            return
        refs = holder.get("indicators")
        if not isinstance(refs, CellList):
            refs = CellList(sheet.file, sheet.name, ind_ref)
            holder.put("indicators", refs, ind_ref)
        have = {str(x["id"]) for x in refs}
        for code in codes:
            if code not in have:
                item = CellMap(sheet.file, sheet.name, ind_ref)
                item.put("id", code, ind_ref)
                refs.append(item)
                have.add(code)

    def notices(self) -> list[Notice]:
        """What the reading did that a person should know, one notice each."""
        file = self.reader.file
        out = []
        if self.timescale_notes:
            out.append(Notice.at(Location(file), "a timescale on a row without a milestone is kept in that node's "
                                 "notes: " + ", ".join(self.timescale_notes)))
        if self.conflicts:
            out.append(Notice.at(Location(file), "values that differ from the first one given were ignored: "
                                 + "; ".join(self.conflicts)))
        if self.unplaced_statuses:
            out.append(Notice.at(Location(file), "a status on a row without a milestone is not part of the plan, as only "
                                 "milestones have a status in the format (rate each milestone on its own row): "
                                 + _named(self.unplaced_statuses, ", ")))
        if self.unrated:
            out.append(Notice.at(Location(file), "a status that gives none yet was read as no status: "
                                 + _named(self.unrated, ", ")))
        if self.joined:
            out.append(Notice.at(Location(file), "the timescales of a milestone merged over several rows were joined "
                                 f"with '; ': {', '.join(self.joined)}"))
        return out


def _append_child(holder: Any, key: str, row: Any) -> None:
    """Nest ``row`` in ``holder``'s child list ``key``, creating the list at the row's cell."""
    children = holder.get(key)
    if not isinstance(children, CellList):
        children = CellList(row.file, row.sheet, row.cell)
        holder[key] = children
    children.append(row)


def notice_lines(plan: Plan) -> list[str]:
    """The plan's notices as lines for standard error (``notice: ...``), one per notice.

    A command that loads plans prints these after loading, e.g. ``check`` does
    ``for line in notice_lines(plan): click.echo(line, err=True)``.
    """
    return [f"notice: {n}" for n in plan.notices]
