"""Reading a workbook (``.xlsx``) into :class:`~.sheets.RawSheet` s, refusing what is no plan.

A workbook is a zip file: its size, its expansion and its merged ranges are checked before openpyxl
reads it, so that a hostile or mistaken file is refused with a clear problem, not a long wait. What
a cell holds beside its value (a formula's saved value, a spreadsheet error, a RAG fill or a
conditional format, the table's totals row) is read here too."""

from __future__ import annotations

import colorsys
import io
import re
import warnings
import zipfile
from pathlib import Path
from typing import Any

from ...errors import PlanError, Problem
from ..loader import declares_plan_format, human_size, over_limit
from ..sheet_layout import SPREADSHEET_ERRORS
from .sheets import (
    MAX_CELLS,
    ConditionalColour,
    RawSheet,
    cell_ref,
    fail,
    problem,
    read_bytes_limited,
)
from .shown import text_of, typed_cell

#: A workbook is a zip file: refuse one that expands to more than this many times ``max_bytes``.
EXPANSION = 4


_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


_MERGE_REF = re.compile(
    rb"<(?:\w+:)?mergeCell\b[^>]*?\bref="
    rb'"\$?([A-Za-z]{1,3})\$?(\d{1,7}):\$?([A-Za-z]{1,3})\$?(\d{1,7})"'
)


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


def read_xlsx(path: Path, max_bytes: int) -> list[RawSheet]:
    """The worksheets of a workbook as text cells (formulas as their saved values)."""
    name = str(path)
    return xlsx_sheets(read_bytes_limited(path, max_bytes, name), name, max_bytes)


def xlsx_sheets(data: bytes, name: str, max_bytes: int) -> list[RawSheet]:
    """The worksheets of a workbook's content (read from ``name``) as text cells."""
    if len(data) > max_bytes:
        raise fail(f"the file is {over_limit(len(data), max_bytes)}", name)
    if not data:
        raise fail("the file is empty (0 bytes), not a workbook", name)
    if data.startswith(_OLE_MAGIC):
        raise fail(
            "the workbook is encrypted (password protected) or in the old .xls format: "
            "save it as an .xlsx workbook without a password",
            name,
        )
    buffer = io.BytesIO(data)
    if not zipfile.is_zipfile(buffer):
        if declares_plan_format(data[:65536].decode("utf-8", "replace")):
            raise fail(
                "this is a YAML or JSON plan, not an Excel workbook: name it .yaml or .json", name
            )
        raise fail(
            "this is not an Excel workbook (.xlsx); save the plan as .xlsx, CSV, YAML or JSON", name
        )
    try:
        with zipfile.ZipFile(buffer) as zf:
            names = set(zf.namelist())
            expanded = sum(i.file_size for i in zf.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise fail(f"the workbook is damaged: {exc}", name) from None
    if "xl/workbook.xml" not in names:
        raise fail("this is a zip file but not an Excel workbook (it has no xl/workbook.xml)", name)
    if expanded > EXPANSION * max_bytes:
        raise fail(
            f"the workbook expands to {human_size(expanded)}, over {EXPANSION} times the "
            f"{human_size(max_bytes)} limit",
            name,
        )
    merged = _merged_area(buffer)
    if merged > MAX_CELLS:
        raise fail(
            f"the workbook merges more than {MAX_CELLS:,} cells into ranges; is it a plan?", name
        )
    import openpyxl

    out_of_range: set[str] = (
        set()
    )  # (cells holding a date no date can be, which openpyxl reads as #VALUE!)

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
        raise fail(f"the workbook cannot be read ({type(exc).__name__}: {exc})", name) from None
    sheets: list[RawSheet] = []
    formulas: list[tuple[RawSheet, str, int, int]] = []
    total = 0
    errors: list[Problem] = []
    for ws in book.worksheets:
        sheet = RawSheet(
            ws.title,
            name,
            hidden=ws.sheet_state != "visible",
            hidden_rows=frozenset(r - 1 for r, dim in ws.row_dimensions.items() if dim.hidden),
        )
        cells = ws._cells  # a dict (row, col) -> cell: the cells that exist, however far apart
        total += len(cells)
        if total > MAX_CELLS:
            raise fail(
                f"the workbook has more than {MAX_CELLS:,} cells; is it a plan?", name, ws.title
            )
        totals = _totals_cells(ws, sheet)
        for (r, c), cell in cells.items():
            value = cell.value
            if value is None and cell.has_style and (colour := rag_colour(cell.fill)) is not None:
                sheet.fills[(r - 1, c - 1)] = (
                    colour  # (a status shown as a colour alone, for a notice)
                )
            if value is None or (r, c) in totals:
                continue
            if cell.data_type == "f" or type(value).__name__ in {
                "ArrayFormula",
                "DataTableFormula",
            }:
                formulas.append((sheet, ws.title, r, c))
                continue
            if cell.data_type == "e":
                errors.append(
                    _error_value(value, name, ws.title, r, c, cell.coordinate in out_of_range)
                )
                continue
            text = text_of(value, cell.number_format)
            if text is not None:
                sheet.cells[(r - 1, c - 1)] = text
                if (typed := typed_cell(value, cell.number_format)) is not None:
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
            raise fail(f"the workbook cannot be read ({type(exc).__name__}: {exc})", name) from None
        for sheet, title, r, c in formulas:
            cell = values[title].cell(row=r, column=c)
            if cell.data_type == "e" or (
                isinstance(cell.value, str) and cell.value in _ERROR_VALUES
            ):
                errors.append(
                    _error_value(cell.value, name, title, r, c, cell.coordinate in out_of_range)
                )
                continue
            text = text_of(cell.value, cell.number_format)
            if text is None:
                errors.append(
                    problem(
                        "the cell holds a formula with no saved value: open and save the "
                        "workbook in a spreadsheet program, or replace the formula by its value",
                        name,
                        title,
                        cell_ref(r - 1, c - 1),
                    )
                )
            else:
                sheet.cells[(r - 1, c - 1)] = text
                if (typed := typed_cell(cell.value, cell.number_format)) is not None:
                    sheet.typed[(r - 1, c - 1)] = typed
    if errors:
        raise PlanError(errors[:50])
    return sheets


_ERROR_VALUES = SPREADSHEET_ERRORS


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
        for r in rows[bisect_left(rows, first) : bisect_right(rows, max_row)]:
            row_cells = [(r, c) for c in by_row[r] if min_col <= c <= max_col]
            if not row_cells:
                continue
            cells.update(row_cells)
            sheet.skipped.append(
                (
                    cell_ref(r - 1, min_col - 1),
                    f"row {r} is the totals row of the table "
                    f"{table.displayName or table.name!r}; skipped",
                )
            )
    return cells


#: The warning openpyxl gives for a cell formatted as a
#: date whose number no date can be (it reads #VALUE!).
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
_RAG_HUES = (
    ("red", 0, 15),
    ("amber", 20, 65),
    ("green", 70, 170),
    ("blue", 185, 250),
    ("red", 335, 360),
)


def rag_colour(fill: Any) -> str | None:
    """The RAG colour a cell's solid fill is (``red``, ``amber``, ``green``, ``blue``), else
    ``None`` (no fill, a grey, a pale tint, or a colour of
    the workbook's theme, which the file does not spell).

    >>> from openpyxl.styles import PatternFill
    >>> colours = ("FFFF0000", "FFFFC000", "FF92D050", "FFD9D9D9")
    >>> [rag_colour(PatternFill("solid", fgColor=c)) for c in colours]
    ['red', 'amber', 'green', None]
    """
    if fill is None or fill.fill_type != "solid":
        return None
    return _colour_name(fill.fgColor)


def _colour_name(colour: Any) -> str | None:
    """The RAG colour (``red``, ``amber``, ``green``, ``blue``) an openpyxl colour is, else ``None``
    (no colour, a grey, a pale tint, or a colour of the
    workbook's theme, which the file does not spell)."""
    from openpyxl.styles.colors import COLOR_INDEX

    if colour is None:
        return None
    if (
        colour.type == "indexed"
        and isinstance(colour.indexed, int)
        and colour.indexed < len(COLOR_INDEX)
    ):
        rgb = COLOR_INDEX[colour.indexed]
    elif colour.type == "rgb" and isinstance(colour.rgb, str) and len(colour.rgb) in (6, 8):
        rgb = colour.rgb
    else:
        return None
    try:
        red, green, blue = (int(rgb[-6:][i : i + 2], 16) / 255 for i in (0, 2, 4))
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
            boxes = tuple(
                (rng.min_row - 1, rng.min_col - 1, rng.max_row - 1, rng.max_col - 1)
                for rng in formatting.sqref.ranges
            )
            out.append(ConditionalColour(str(formatting.sqref), boxes, tuple(colours)))
    return out


def _error_value(
    value: Any, file: str, sheet: str, r: int, c: int, out_of_range: bool = False
) -> Problem:
    """The problem of a cell that holds a spreadsheet error (``#N/A``): a value that is missing;
    or, ``out_of_range``, a number formatted as a date
    that no date can be (the program shows ####)."""
    if out_of_range and value == "#VALUE!":
        return problem(
            "the cell holds a number formatted as a date, but no date can be that number (a "
            "spreadsheet program shows it as ####): type the date it stands for, such as "
            "2011-07-31",
            file,
            sheet,
            cell_ref(r - 1, c - 1),
        )
    return problem(
        f"the cell holds the error {value} (a formula that could not be worked out): correct the "
        "formula, or type the value",
        file,
        sheet,
        cell_ref(r - 1, c - 1),
    )
