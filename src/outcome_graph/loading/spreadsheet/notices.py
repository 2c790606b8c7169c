"""The notices of reading a spreadsheet: what it passed over that a person should know."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import Any

from ...model.plan import Location, Notice, Plan
from ..sheet_layout import RAG_WORDS_HELP, misspelt_column
from .header import Header
from .sheets import ConditionalColour, RawSheet, by_place, cell_ref, col_letter
from .tree import CellMap

#: A cell reference, as its column letters and row number.
_REF = re.compile(r"([A-Z]+)(\d+)")


#: Most cells named in one notice.
_MAX_NAMED = 20


def named(items: list[str], sep: str) -> str:
    """Items for a notice, joined with ``sep``: the first :data:`_MAX_NAMED`, then how many more."""
    more = [f"and {len(items) - _MAX_NAMED} more"] if len(items) > _MAX_NAMED else []
    return sep.join(items[:_MAX_NAMED] + more)


class Notes:
    """What reading the sheets passed over that a person should know, gathered while the rows are
    read and given as notices once they all are: one notice per sheet (or per conditional format)
    for cells and rows of one kind, pointing to the first of them and naming the others."""

    def __init__(self, sheets: list[RawSheet], file: str) -> None:
        self.sheet_of = by_place(sheets)
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
        #: Notices of ids the reader took out of the plan (a nested row's parent) read without
        #: invisible characters, given with those of validation (:meth:`invisible_notices`).
        self.invisible: list[Notice] = []
        #: Status cells with no word but a RAG colour, for a notice: each as its sheet and cell, and
        #: the colour.
        self.coloured: dict[tuple[str, str, str], str] = {}
        #: Status cells with no word that a conditional
        #: format colours, by sheet and format, for a notice.
        self.conditional: dict[tuple[str, str, ConditionalColour], list[str]] = {}
        #: Status cells rated between two RAG colours (Amber/Green), read as the worse, for a
        #: notice: each as its sheet and cell, what it holds and the status read.
        self.between: list[tuple[RawSheet, str, str, str]] = []
        #: Status cells of a flat table holding no status
        #: nor RAG colour, read as no status, for a notice.
        self.unknown_statuses: list[tuple[RawSheet, str, str]] = []

    def location(self, file: str | None, sheet: str | None, ref: str | None) -> Location:
        """The location of what was read from the cell ``ref`` of ``file``'s ``sheet``
        (:meth:`RawSheet.location`)."""
        raw = self.sheet_of.get((file, sheet))
        return raw.location(ref) if raw is not None else Location(file, None, None, sheet, ref)

    def invisible_notice(self, row: CellMap, key: str, written: str) -> Notice:
        r"""The notice that the id or code ``written`` in ``row``'s cell of ``key`` was read without
        the invisible characters it holds (a zero-width space, a byte order mark, a soft hyphen
        pasted with it), at that cell: the user cannot see what made ``P1\u200b`` another id
        than the ``P1`` it shows, so the notice names each character, as a YAML plan's does."""
        from ...reference.catalogue import invisible_message

        return Notice.at(
            self.location(row.file, row.sheet, row.key_cell.get(key, row.cell)),
            invisible_message(written),
        )

    def shown_id(self, row: CellMap, key: str) -> str:
        """The id in ``row``'s cell of ``key`` as it shows (:meth:`CellMap.id_of`), for an id the
        reader takes out of the plan it builds (a nested row's parent, a sub-sheet's node), which
        validation does not see: invisible characters left out of it are named in a notice, as
        validation's are (:meth:`invisible_notices`)."""
        shown = row.id_of(key)
        written = str(row.get(key) or "").strip()
        if shown != written:
            self.invisible.append(self.invisible_notice(row, key, written))
        return shown

    def invisible_notices(self, tree: CellMap, written: set[str]) -> list[Notice]:
        """A notice at the cell of each id or code of ``tree`` that validation read without the
        invisible characters it held (``written``: those values as written, gathered by
        :func:`~outcome_graph.model.document.invisible_ids`), with those of :meth:`shown_id`, in the
        order of the workbook (:meth:`in_sheet_order`)."""
        notices: list[Notice] = []

        def visit(value: Any, row: CellMap, key: str) -> None:
            if isinstance(value, str):
                if value in written:
                    notices.append(self.invisible_notice(row, key, value))
            elif isinstance(value, CellMap):
                for sub, item in value.items():
                    visit(item, value, sub)
            elif isinstance(value, list):  # (a list of ids in one cell, or of rows)
                for item in value:
                    visit(item, row, key)

        visit(tree, tree, "")
        return self.in_sheet_order([*self.invisible, *notices])

    def in_sheet_order(self, notices: list[Notice]) -> list[Notice]:
        """``notices`` of cells in the order a person reads the workbook: by sheet (or CSV file),
        then row, then column."""
        sheets = {place: i for i, place in enumerate(self.sheet_of)}
        files = {file: i for i, (file, _) in reversed(list(enumerate(self.sheet_of)))}

        def order(notice: Notice) -> tuple[int, int, int, str]:
            where = notice.location
            sheet = sheets.get((where.file, where.sheet), files.get(where.file, len(sheets)))
            ref = _REF.fullmatch(where.cell or "")
            return (sheet, int(ref[2]), len(ref[1]), ref[1]) if ref else (sheet, 0, 0, "")

        return sorted(notices, key=order)

    def note_unknown(
        self, header: Header, why: str = "", roles: Iterable[str] | None = None
    ) -> None:
        """Note the columns of ``header`` that match no field (``why`` says more, if anything). With
        the ``roles`` of a flat table's columns, a header that misspells the name of a column the
        table lacks says which (`'Lead Offcer' (did you mean 'Lead officer'?)`): its cells are not
        read, and the findings that follow (a lead missing on every row) would not say why."""
        for c, text in header.unknown.items():
            guess = misspelt_column(text, roles) if roles is not None else None
            aside = f" (did you mean {guess!r}?)" if guess else ""
            self.ignored_columns.append(
                f"{header.sheet.place(cell_ref(header.row, c))} {text!r}{aside}{why}"
            )

    def note_typed(self, sheet: RawSheet, ref: str, what: str) -> None:
        """Note the cell ``ref`` of ``sheet``, a code a spreadsheet program holds (or saved) as a
        number or date, and ``what`` it holds and was read as."""
        self.typed_cells.setdefault((sheet.file, sheet.name), []).append((ref, what))

    def note_hidden(self, sheet: RawSheet, r: int) -> None:
        """Note row ``r`` of ``sheet``, read as an item, when it is hidden in the workbook."""
        if r in sheet.hidden_rows:
            self.hidden_rows.setdefault((sheet.file, sheet.name), []).append(r)

    def note_hidden_columns(self, sheet: RawSheet, h_row: int, columns: Iterable[int]) -> None:
        """Note the ``columns`` read from ``sheet`` (header row ``h_row``) that the workbook hides
        and that hold something below the header (a hidden column with nothing in it is no
        matter)."""
        for c in sorted(set(columns) & sheet.hidden_cols):
            if any(sheet.get(r, c) is not None for r in range(h_row + 1, sheet.n_rows)):
                header = (sheet.get(h_row, c) or "").strip()
                self.hidden_cols.setdefault((sheet.file, sheet.name), []).append(
                    (cell_ref(h_row, c), f"column {col_letter(c)} {header!r}")
                )

    def note_colour(self, sheet: RawSheet, r: int, c: int) -> None:
        """Note the status cell ``(r, c)`` when it holds no word but is filled in a RAG colour: the
        colour is not read (what it stands for is a
        guess), and the user is told to write the word."""
        if sheet.get(r, c) is not None:
            return
        if (colour := sheet.fills.get((r, c))) is not None:
            self.coloured[(sheet.file, sheet.name, cell_ref(r, c))] = colour
        elif (rule := next((cf for cf in sheet.conditional if cf.covers(r, c)), None)) is not None:
            self.conditional.setdefault((sheet.file, sheet.name, rule), []).append(cell_ref(r, c))

    def note_between(self, sheet: RawSheet, ref: str, text: str, status: str) -> None:
        """Note the status cell ``ref`` rated between two RAG colours (``text``, as five-point
        scales write it), read as ``status``: the scale's
        finer step is not kept, so the reading is named."""
        self.between.append((sheet, ref, text, status))

    def status_notices(self) -> list[Notice]:
        """The notices naming the status cells read as the worse of two RAG colours, and the flat
        table's status cells read as no status (a word of the council's own scale), one notice for
        each, at the first such cell."""
        out = []
        if self.between:
            sheet, ref, _, _ = self.between[0]
            out.append(
                sheet.notice(
                    ref,
                    "a rating between two RAG colours (a five-point scale's Amber/Green or "
                    "Red/Amber) was read as the worse of the two (Amber/Green as at_risk, "
                    "Red/Amber as off_track), as the format has five statuses, not five colours: "
                    + named(
                        [
                            f"{s.place(r)} {text!r} ({status})"
                            for s, r, text, status in self.between
                        ],
                        ", ",
                    ),
                )
            )
        if self.unknown_statuses:
            sheet, ref, _ = self.unknown_statuses[0]
            out.append(
                sheet.notice(
                    ref,
                    "a status that is no status nor RAG colour was read as no status (write "
                    "not_started, on_track, at_risk, off_track or done, or a RAG colour: "
                    f"{RAG_WORDS_HELP}): "
                    + named(
                        [f"{s.place(r)} {text!r}" for s, r, text in self.unknown_statuses], ", "
                    ),
                )
            )
        return out

    def typed_notices(self) -> list[Notice]:
        """The notices naming the cells of codes a spreadsheet program turned into numbers or dates,
        one per sheet, at its first such cell."""
        return [
            (sheet := self.sheet_of[place]).notice(
                cells[0][0],
                "cells a spreadsheet program holds (or saved) as numbers or dates, not as text, "
                "were read as the text they show; it turns 1.10 into 1.1, 007 into 7 and June 11 "
                "into a date unless the column is formatted as Text, so check them and retype "
                "any the plan writes otherwise: "
                + named([f"{sheet.place(ref)} {what}" for ref, what in cells], "; "),
            )
            for place, cells in self.typed_cells.items()
        ]

    def hidden_notices(self) -> list[Notice]:
        """The notices naming the hidden rows and columns read: what a person sees of the sheet is
        not all the plan holds (hiding a row or a column,
        or filtering the table, takes nothing out)."""
        out = [
            self.sheet_of[place].notice(
                cell_ref(rows[0], 0),
                "rows hidden in the workbook (by hand or by a filter) were read as "
                "part of the plan; delete a row to take it out: "
                + named([f"row {r + 1}" for r in rows], ", "),
            )
            for place, rows in self.hidden_rows.items()
        ]
        out += [
            self.sheet_of[place].notice(
                columns[0][0],
                "columns hidden in the workbook were read as part of the plan; unhide them "
                "to check them, or delete a column to take it out: "
                + named([c for _, c in columns], ", "),
            )
            for place, columns in self.hidden_cols.items()
        ]
        return out

    def colour_notice(self) -> Notice | None:
        """The notice naming the status cells shown as a colour alone: one for the file, however
        many cells and sheets, at the first cell; it counts them by colour (what was lost) and names
        the first of them, as the other notices of cells do (:func:`named`)."""
        if not self.coloured:
            return None
        cells = [
            (self.sheet_of[(file, name)], ref, colour)
            for (file, name, ref), colour in self.coloured.items()
        ]
        count = len(cells)
        by_colour = Counter(self.coloured.values())
        colours = ", ".join(
            f"{n} {colour}" if count > 1 else colour for colour, n in by_colour.items()
        )
        first, ref, _ = cells[0]
        some = (
            f"{count} status cells with no word in them but coloured ({colours}) were"
            if count > 1
            else f"a status cell with no word in it but coloured ({colours}) was"
        )
        return first.notice(
            ref,
            f"{some} read as no status, as colours are not read; write the status in "
            f"{'each' if count > 1 else 'the'} cell ({RAG_WORDS_HELP}), which a rule can colour: "
            + named([f"{sheet.place(cell)} {colour}" for sheet, cell, colour in cells], ", "),
        )

    def conditional_notices(self) -> list[Notice]:
        """The notices naming the status cells with no word that a conditional format colours, one
        per format, at its first such cell: the rule's colour may be the rating, but which one a
        cell shows depends on formulas outcome-graph does not work out."""
        out = []
        for (file, name, rule), refs in self.conditional.items():
            sheet = self.sheet_of[(file, name)]
            out.append(
                sheet.notice(
                    refs[0],
                    "status cells with no word in them are coloured by the conditional format "
                    f"of {rule.ranges} ({', '.join(rule.colours)}), which is not worked out "
                    "(outcome-graph evaluates no formulas or rules), so they were read as no "
                    f"status; write the status in each cell ({RAG_WORDS_HELP}), which the rule "
                    "can still colour: " + named([sheet.place(ref) for ref in refs], ", "),
                )
            )
        return out


def notice_lines(plan: Plan) -> list[str]:
    """The plan's notices as lines for standard error (``notice: ...``), one per notice.

    A command that loads plans prints these after loading, e.g. ``check`` does
    ``for line in notice_lines(plan): click.echo(line, err=True)``.
    """
    return [f"notice: {n}" for n in plan.notices]
