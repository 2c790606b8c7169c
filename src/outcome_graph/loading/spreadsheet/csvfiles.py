"""Reading a CSV file, or a folder of them, into :class:`~.sheets.RawSheet` s.

A CSV file holds text alone; its encoding is told (UTF-8, else Windows-1252 with a notice), and
each row remembers the line it starts on, where its problems and notices point."""

from __future__ import annotations

from pathlib import Path

from ...errors import PlanError, Problem
from ...model.plan import Location, Notice
from ..csvtext import CsvProblem, csv_rows
from ..loader import ZIP_MAGIC, over_limit, wide_unicode
from ..sheet_layout import SPREADSHEET_ERRORS, csv_unescape
from .sheets import MAX_CELLS, RawSheet, cell_ref, fail, read_bytes_limited

_UTF8_MARK = b"\xef\xbb\xbf"


def _decode_csv(data: bytes, name: str, notices: list[str]) -> str:
    if b"\x00" in data[:8192]:
        wide = wide_unicode(data)
        raise fail(
            f"the file is {wide} text; save it as CSV UTF-8"
            if wide
            else "this is a workbook (or another zip file), not a CSV file: a workbook's name "
            "ends in .xlsx"
            if data.startswith(ZIP_MAGIC)
            else "this is a binary file, not a CSV file",
            name,
        )
    try:
        return data.decode("utf-8-sig").lstrip(
            "\ufeff"
        )  # (a file saved twice over may start with two marks)
    except UnicodeDecodeError:
        notices.append(
            Notice.at(
                Location(name),
                "not UTF-8; read as Windows-1252 (save as 'CSV UTF-8' to avoid this)",
            )
        )
        # (a file saved as CSV UTF-8 and then edited in Windows-1252 keeps its UTF-8 mark, which
        # would read as 'ï»¿' before the first header and hide that column)
        while data.startswith(_UTF8_MARK):  # (two, if it was saved twice over)
            data = data[len(_UTF8_MARK) :]
        return data.decode("cp1252", errors="replace")


def read_csv(path: Path, max_bytes: int, notices: list[str]) -> RawSheet:
    name = str(path)
    return csv_sheet(read_bytes_limited(path, max_bytes, name), name, path.stem, max_bytes, notices)


def csv_sheet(data: bytes, name: str, stem: str, max_bytes: int, notices: list[str]) -> RawSheet:
    """A CSV file's content (read from ``name``) as the sheet ``stem``."""
    if len(data) > max_bytes:
        raise fail(f"the file is {over_limit(len(data), max_bytes)}", name)
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
                    # (a workbook's cell whose formula could
                    # not be worked out, saved as CSV: no value)
                    errors.append(
                        _csv_problem(
                            f"the cell holds {value.strip()}, which a spreadsheet program saves "
                            "for a formula it could not work out: correct the formula or type "
                            "the value, and save the file again",
                            name,
                            line,
                            cell_ref(r, c),
                        )
                    )
                if value != "":
                    sheet.cells[(r, c)] = csv_unescape(value)
            if len(sheet.cells) > MAX_CELLS:
                raise fail(f"the file has more than {MAX_CELLS:,} cells; is it a plan?", name)
    except CsvProblem as exc:
        raise PlanError(
            [Problem(f"invalid CSV: {exc.message}", file=name, line=exc.line)]
        ) from None
    if errors:
        raise PlanError(errors[:50])
    return sheet


def read_folder(path: Path, max_bytes: int, notices: list[str]) -> list[RawSheet]:
    # (hidden files are not the plan's: macOS writes `._milestones.csv` beside each file it copies
    # to a shared drive, a binary file of its own)
    named = sorted(
        p for p in path.iterdir() if p.suffix.lower() == ".csv" and not p.name.startswith(".")
    )
    files = [p for p in named if p.is_file()]
    other = [p.name for p in named if not p.is_file()]  # (a pipe, a device or a folder: never read)
    if other:
        raise fail(
            f"{', '.join(other)}: not a regular file; a plan folder's sheets are CSV files",
            str(path),
        )
    if not files:
        raise fail(
            "the folder has no .csv files: a plan folder holds one CSV file per sheet", str(path)
        )
    total = sum(p.stat().st_size for p in files)
    if total > max_bytes:
        raise fail(f"the CSV files are {over_limit(total, max_bytes)}", str(path))
    sheets: list[RawSheet] = []
    problems: list[Problem] = []
    for p in files:
        try:
            sheets.append(read_csv(p, max_bytes, notices))
        except PlanError as exc:  # (every file's problems at once, as a workbook's)
            problems.extend(exc.problems)
    if problems:
        raise PlanError(problems[:50])
    return sheets


def at_line(problem: Problem, sheet: RawSheet | None) -> Problem:
    """The problem at a cell of a CSV file ``sheet`` at the line its row starts on, its message
    naming the cell's column (the cell kept)."""
    line = sheet.line_of(problem.cell) if sheet is not None and problem.cell else None
    return (
        problem
        if line is None or not problem.cell
        else _csv_problem(problem.message, problem.file, line, problem.cell)
    )


def _csv_problem(message: str, file: str | None, line: int, cell: str) -> Problem:
    """A problem at a cell of a CSV file: ``actions.csv:4: column C: ...``."""
    return Problem(
        f"column {cell.rstrip('0123456789')}: {message}", file=file, line=line, cell=cell
    )
