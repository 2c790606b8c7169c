"""Sheets as read: each sheet (or CSV file) as text cells, with what the workbook says of them.

A :class:`RawSheet` is what the rest of the reader sees of a workbook's sheet or a CSV file: text
cells by 0-based ``(row, column)``, merged ranges, hidden rows and columns, fills and conditional
formats of RAG colours, and cells a spreadsheet program holds as numbers or dates. Problems and
notices are placed by its :meth:`RawSheet.location`:
a workbook's sheet and cell, a CSV file's line."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ...errors import PlanError, Problem
from ...model.document import is_blank
from ...model.plan import Location, Notice
from ..loader import over_limit, read_limited

#: Most cells read from one workbook (a plan has a few thousand).
MAX_CELLS = 2_000_000


#: The row number of an A1 reference.
_REF_ROW = re.compile(r"\d+$")


def col_letter(col: int) -> str:
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
    return f"{col_letter(col)}{row + 1}"


@dataclass(frozen=True)
class TypedCell:
    """A workbook cell that holds a number, a date or a truth value rather than text: a
    spreadsheet program turns what is typed into one (``1.10`` into 1.1, ``007`` into 7, ``June 11``
    into a date) unless the cell is formatted as Text."""

    #: What the cell holds, for a notice: "the number 1.1", "the date 2011-06-11".
    stored: str
    #: The text the program shows, where it differs from the cell's reading as a value (``1.10``
    #: under the format ``0.00``, ``007`` under ``000``, ``11-Jun`` for a date shown without its
    #: year, ``-29.6%`` for a percentage), else ``None``.
    shown: str | None = None
    #: A date (or date and time).
    is_date: bool = False
    #: A whole number (a year, or a number like ``3``, which loses nothing but leading zeros).
    whole: bool = False
    #: A date whose format shows no year: the year is the program's guess (the year it was typed).
    no_year: bool = False
    #: A number shown under a format of digits of its own
    #: (``0.00``, ``000``): what is read is what is shown.
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
        return any(
            top <= row <= bottom and left <= col <= right for top, left, bottom, right in self.boxes
        )


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
        """The line of a CSV file where the row of the cell ``ref`` (``C14``) starts, else
        ``None``."""
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
        CSV file its line too, and no sheet (so every
        output, as for a YAML plan, points to the line)."""
        line = self.line_of(ref) if ref else None
        return (
            Location(self.file, None, None, self.name, ref)
            if line is None
            else Location(self.file, line, None, None, ref)
        )

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
        anchors = {
            self.merged.get((row, c), (row, c)) for c in filled if self.get(row, c) is not None
        }
        if len(anchors) != 1:
            return None
        anchor = next(iter(anchors))
        across = sum(1 for c in filled if self.merged.get((row, c)) == anchor)
        return self.get(*anchor) if anchor[0] == row and across >= 1 else None

    @property
    def empty(self) -> bool:
        return all(is_blank(v) for v in self.cells.values())


def problem(
    message: str, file: str | None, sheet: str | None = None, cell: str | None = None
) -> Problem:
    return Problem(message, file=file, sheet=sheet, cell=cell)


def fail(
    message: str, file: str | None, sheet: str | None = None, cell: str | None = None
) -> PlanError:
    return PlanError([problem(message, file, sheet, cell)])


def read_bytes_limited(path: Path, max_bytes: int, name: str) -> bytes:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise fail(f"the file is {over_limit(size, max_bytes)}", name)
        with path.open("rb") as fh:
            return read_limited(fh, max_bytes)
    except OSError as exc:
        raise fail(f"cannot read the file: {exc.strerror or exc}", name) from None


def by_place(sheets: Iterable[RawSheet]) -> dict[tuple[str | None, str | None], RawSheet]:
    """The sheets by where they are: (file, sheet name), as a row or a problem names its place."""
    return {(sheet.file, sheet.name): sheet for sheet in sheets}
