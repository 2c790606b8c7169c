"""Reading cells and rows: each cell as its field reads it, statuses included, and a sheet's rows.

The :class:`Reader` holds what the forms' reading shares: the rows by node id, the problems, and
(through :class:`~.notices.Notes`) the notices."""

from __future__ import annotations

import re
from typing import Any

from ...analysis.owners import is_placeholder
from ...errors import ConfigError, PlanError, Problem, with_article
from ...model.document import FORMAT_ID
from ...model.frameworks import outcome_id
from ...model.plan import Location, Notice
from ..sheet_layout import (
    EMPTY_LIST,
    LAYOUTS,
    STATUS_WORDS,
    STATUSES,
    Column,
    SheetLayout,
    between_colours,
    decode_lead,
    decode_text,
    field_meant,
    field_role,
    header_key,
    split_list,
)
from ..suggest import nearest
from ..validation import PERCENT_TEXT, field_names, field_of_other_levels, model_at
from .header import Header, match_column, read_header, repeats_header, row_texts
from .notices import Notes
from .period import parse_period, period_todo, uk_date
from .sheets import RawSheet, TypedCell, cell_ref, problem
from .tree import CellList, CellMap

#: Column kinds read as text: a cell holding a number or date is read as the text it shows.
_TEXT_KINDS = frozenset({"text", "code", "list", "optlist", "lead", "refs"})


#: Columns of codes whose date cells are read as their dates (a due date, a value's period).
_DATE_CODES = frozenset({"due", "due.from", "due.to", "from", "to", "period"})


#: Columns of due dates, where a date typed as text day first (31/03/2012) is the date it names.
_DUE_CODES = frozenset({"due", "due.from", "due.to", "from", "to"})


#: Columns of codes where a whole number loses nothing a plan writes (a year, a number 3).
_WHOLE_NUMBER_CODES = _DATE_CODES | {"number", "timescale"}


#: A day and month as a spreadsheet program shows a date without its year: 11-Jun.
_SHOWN_DAY_MONTH = re.compile(
    r"\d{1,2}-(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)", re.IGNORECASE
)


#: The units that say a figure is a percentage (an indicator's ``unit``, compared ignoring case).
_PERCENT_UNITS = frozenset({"percent", "%", "percentage", "per cent", "pct"})


def choice(text: str, choices: tuple[str, ...]) -> str:
    """A choice written as a person writes it in a cell (``On track``, ``Not started``, ``Done``)
    as the format's word (``on_track``), a status also as a RAG colour (``Green``, ``A``) or
    ``Complete(d)`` (:data:`STATUS_WORDS`) or a rating between two colours (``Amber/Green``, as the
    worse: :func:`between_colours`); any other text as it is (then refused, naming the choices).

    >>> (choice("Not started", STATUSES), choice(" Amber ", STATUSES), choice("G", STATUSES),
    ...  choice("Finished", STATUSES))
    ('not_started', 'at_risk', 'on_track', 'Finished')
    >>> choice("Red/Amber", STATUSES)
    'off_track'
    """
    key = re.sub(r"[\s-]+", "_", " ".join(text.split()).casefold())
    if key in choices:
        return key
    if choices != STATUSES:
        return text
    return STATUS_WORDS.get(key) or between_colours(text) or text


def _may_have_lost(typed: TypedCell, name: str, dated: bool) -> bool:
    """Whether a spreadsheet program may have changed what was typed in a cell of codes that it
    holds as a number, date or truth value."""
    if (
        typed.is_date
    ):  # (a whole date is a timescale's or a due date's own reading; an id or number is no date)
        return typed.no_year or not (dated or name == "timescale")
    if typed.own_format:
        # (a number shown under a format of its own: what the program shows is what is read)
        return False
    if name.endswith("change"):
        return False  # (a change is a number: +5 typed is 5, which means +5; 2.50 is 2.5)
    return not (typed.whole and (name in _WHOLE_NUMBER_CODES or name.endswith(".period")))


def _other_level_field(
    sheet: RawSheet, header: Header, layout: SheetLayout, c: int, text: str
) -> tuple[str, str] | None:
    """The first cell of the column ``c`` (headed ``text``) of a level's sheet that holds a value of
    a field of other levels (a due date or timescale on the objectives sheet, indicators on the
    milestones sheet), and the problem to report there; ``None`` for any other column. The value is
    not the level's (a YAML plan refuses it on the node): read as an unknown column, it would be
    dropped with a notice alone."""
    what, elsewhere = _of_other_levels(layout, text)
    if not elsewhere:
        return None
    for r in range(header.row + 1, sheet.n_rows):
        if (value := sheet.get(r, c)) is not None:
            levels = elsewhere.partition("it is a field of ")[2]
            to = (
                f"the {levels} sheet"
                if " and " not in levels
                else "the sheet of the level each belongs to"
            )
            return cell_ref(r, c), (
                f"{what} is a field of {levels}, not of {with_article(layout.kind)}: move "
                f"the column's values to {to} (the cell holds {value!r})"
            )
    return None


def _of_other_levels(layout: SheetLayout, text: str) -> tuple[str, str]:
    """The header of a column of a level's sheet headed with a field of other levels, as a message
    names it (``'status'``; ``'PI' (indicators)`` for a header a flat table reads as the field, on
    the sheet of a level of the hierarchy: an indicator's ``Owner`` is no misplaced lead), and
    :func:`field_of_other_levels` of the field (``""`` for a column of no such field)."""
    model = model_at((layout.name, 0)) if layout.kind else None
    if model is None:
        return repr(text), ""
    elsewhere = field_of_other_levels(header_key(text).split(".")[0], model)
    if (
        not elsewhere
        and layout.kind in ("priority", "aim", "objective", "milestone")
        and (role := field_role(text)) is not None
        and role not in field_names(model)
    ):
        return f"{text!r} ({role})", field_of_other_levels(role, model)
    return repr(text), elsewhere


def _head_it(text: str, sheet: str, meant: tuple[str, ...]) -> str:
    """The problem of a per-level sheet's column headed as a flat table heads a field's (``Lead
    officer``, ``By when``): the format's name to head it with. The per-level form's columns are
    named as the fields (a flat table's are read as published plans head them)."""
    if meant == ("timescale", "due"):
        name = "'timescale' for the plan's words (June 11), or 'due' for dates (2011-06-30)"
    else:
        name = f"{meant[0]!r}"
    return (
        f"unknown column {text!r} in the {sheet} sheet: head it {name}; the columns of a sheet of "
        "the per-level form are named as the fields"
    )


class Reader(Notes):
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
        self.flat_form = (
            False  # (a flat table: its outcomes column is told apart from the plan's own outcomes)
        )
        #: RAG columns of a flat table not read, as a Status column is, for a notice.
        self.rag_beside_status: list[str] = []
        #: Id cells holding a number with decimals in the program's own format (1.1, which 1.10
        #: typed into a cell not formatted as Text becomes), as (file, sheet, cell): a duplicate id
        #: says
        #: so. so.
        self.number_ids: set[tuple[str, str | None, str]] = set()
        #: id(row) -> the header row (0-based) of the flat
        #: table it was read from, on a sheet of several tables
        self.header_rows: dict[int, int] = {}
        #: id(value) -> where a value's figure is written as a percentage (``74%`` typed, or a cell
        #: formatted as one) and as what: the unit its indicator takes (:meth:`percent_units`).
        self.percent_values: dict[int, tuple[RawSheet, str, str]] = {}

    def kind_of(self, row: CellMap | None) -> str | None:
        return None if row is None else self.kinds.get(id(row))

    # -- helpers ------------------------------------------------------------------------------
    def problem(self, message: str, sheet: RawSheet | None = None, cell: str | None = None) -> None:
        self.problems.append(
            problem(
                message, sheet.file if sheet else self.file, sheet.name if sheet else None, cell
            )
        )

    def fail(self) -> None:
        if self.problems:
            raise PlanError(
                self.problems[:50]
                + (
                    [Problem("(more problems not shown)", file=self.file)]
                    if len(self.problems) > 50
                    else []
                )
            )

    def cell_text(self, sheet: RawSheet, r: int, c: int, name: str, kind: str) -> str | None:
        """The text of a cell of the field ``name`` (of column kind ``kind``). A cell a spreadsheet
        program holds as a number or date is read as the text it shows in a column of text (``1.10``
        under the format ``0.00``; ``11-Jun`` for a date shown without its year), as its value in a
        column of numbers or dates, and as its date in a column of due dates and periods; where
        what was typed may have been lost (``1.10`` stored as 1.1, ``007`` as 7, ``June 11`` as a
        date) in an id, number, timescale or other column
        of codes, the cell is named in a notice."""
        raw = sheet.get(r, c)
        if (
            raw is not None
            and sheet.csv
            and name == "timescale"
            and _SHOWN_DAY_MONTH.fullmatch(raw.strip())
        ):
            # (how a spreadsheet program shows, and saves
            # in a CSV file, a date it made of "June 11")
            self.note_typed(
                sheet,
                cell_ref(r, c),
                f"timescale: {raw.strip()!r}, as a spreadsheet program saves a "
                "date it made of what was typed (June 11 is saved 11-Jun)",
            )
        typed = sheet.typed_at(r, c) if raw is not None else None
        if typed is None or kind not in _TEXT_KINDS:
            return (
                self._due_text(sheet, r, c, name, raw) if raw is not None and typed is None else raw
            )
        dated = name in _DATE_CODES or name.endswith(".period")
        text = raw if typed.shown is None or (typed.is_date and dated) else typed.shown
        if kind == "code" and _may_have_lost(typed, name, dated):
            self.note_typed(sheet, cell_ref(r, c), f"{name}: {typed.stored}, read as {text!r}")
            if name == "id" and not typed.is_date and not typed.whole:
                self.number_ids.add((sheet.file, sheet.name, cell_ref(r, c)))
        return text

    def _due_text(self, sheet: RawSheet, r: int, c: int, name: str, text: str) -> str | None:
        """A due date typed as text the way English plans write dates, day first (``31/03/2012``,
        ``31 March 2012``, in a column formatted as Text, as the template's is, or in a CSV file),
        as the ISO date it names; other text as it is, for validation to read or refuse. A date of
        that shape that names no day (``31/02/2012``) is a problem at its cell (``None``)."""
        if name not in _DUE_CODES:
            return text
        try:
            iso = uk_date(text)
        except ValueError as exc:
            self.problem(
                f"{name}: {exc}; write the date as 2012-03-31 or 31/03/2012", sheet, cell_ref(r, c)
            )
            return None
        return text if iso is None else iso

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
            value = CellList(
                sheet.file, sheet.name, ref
            )  # (a catalogue with no entries, not a file named [])
        elif kind == "marker":
            if raw.strip() != EMPTY_LIST:
                self.problem(
                    f"{col.name}: write [] here for an explicitly empty list; the items go on "
                    f"the {col.name} sheet (the cell holds {raw!r})",
                    sheet,
                    ref,
                )
                return
            value = CellList(sheet.file, sheet.name, ref)
        elif kind == "enum":
            text = decode_text(raw)
            if col.choices == STATUSES and is_placeholder(text):
                self.notices.append(
                    sheet.notice(ref, f"the status {text!r} gives none yet; read as no status")
                )
                return
            value = choice(text, col.choices)
            if col.choices == STATUSES and value == between_colours(text):
                self.note_between(sheet, ref, text.strip(), value)
        elif col.name == "parent" and ";" in raw:
            # Several parents in the parent column, ';'-separated (as every list of texts is): the
            # node's parents; a ';' written '\;' is part of one parent's id.
            parents = split_list(raw)
            if len(parents) > 1:
                if "parents" in row:
                    self.problem(
                        "write a node's parents in one column, parent or parents, not both",
                        sheet,
                        ref,
                    )
                    return
                row.put("parents", parents, ref)
                return
            value = parents[0] if parents else decode_text(raw)
        elif kind == "number" and PERCENT_TEXT.fullmatch(raw):  # (as a CSV file saves 74%)
            value = raw.strip()[
                :-1
            ].strip()  # (a percentage cell saved in a CSV file: 60% is 60, as in a workbook)
        else:
            value = decode_text(raw)
        if col.name == "parents" and "parents" in row:
            self.problem(
                "write a node's parents in one column, parent or parents, not both", sheet, ref
            )
            return
        if col.name == "outcomes" and isinstance(value, list):
            value = [outcome_id(v) for v in value]  # ("Stay Safe", as printed)
        path = col.path
        target = row
        for part in path[:-1]:
            target = target.child(part)
        target.put(path[-1], value, ref)

    def read_rows(
        self,
        sheet: RawSheet,
        layout: SheetLayout,
        required: tuple[str, ...] | None = None,
        allowed: tuple[str, ...] = (),
    ) -> list[CellMap]:
        """The rows of a per-level sheet as mappings (blank rows skipped); ``allowed``: header
        keys of columns that are not fields but the caller reads."""
        header = read_header(sheet, layout)
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
            if match_column(layout, text) is not None:
                self.problem(f"the {layout.name} sheet has two {text!r} columns", sheet, where)
            elif held := _other_level_field(sheet, header, layout, c, text):
                self.problem(held[1], sheet, held[0])
            elif _of_other_levels(layout, text)[1]:
                # (a column of another level's field with no value: nothing is lost, as with a
                # working column; not a misspelt field of this sheet's)
                self.ignored_columns.append(f"{sheet.place(where)} {text!r}")
            elif meant := field_meant(
                text, [col.name for col in layout.columns if col.name not in named]
            ):
                self.problem(_head_it(text, layout.name, meant), sheet, where)
            elif guess := nearest(
                text, [col.name for col in layout.columns if col.name not in named]
            ):
                self.problem(
                    f"unknown column {text!r} in the {layout.name} sheet: did you mean {guess!r}?",
                    sheet,
                    where,
                )
            else:
                self.ignored_columns.append(f"{sheet.place(where)} {text!r}")
        for name in layout.required if required is None else required:
            if name not in {c.name for c in header.columns.values()}:
                self.problem(
                    f"the {layout.name} sheet has no {name!r} column (its header row is row "
                    f"{header.row + 1})",
                    sheet,
                    cell_ref(header.row, 0),
                )
                return []
        title_col = next(
            (c for c, col in header.columns.items() if col.name in ("title", "text")), None
        )
        header_texts = row_texts(sheet, header.row, header.n_cols)
        rows: list[CellMap] = []
        for r in range(header.row + 1, sheet.n_rows):
            if sheet.is_blank(r, header.n_cols):
                continue
            if repeats_header(sheet, r, header.n_cols, header_texts):
                # (rows pasted from another copy of the sheet, header and all: as in the flat form)
                self.notices.append(
                    sheet.notice(cell_ref(r, 0), f"row {r + 1} repeats the header row; skipped")
                )
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
                if col.kind == "number" and col.path[-1] == "value":
                    typed = sheet.typed_at(r, c)
                    shown = typed.shown if typed is not None and typed.shown else raw.strip()
                    if shown.endswith("%"):
                        value_map = row if len(col.path) == 1 else row.get(col.path[0])
                        self.percent_values[id(value_map)] = (sheet, ref, shown)
            rows.append(row)
        self.note_hidden_columns(sheet, header.row, header.columns)
        return rows

    def percent_units(self, indicators: list[CellMap], refs: list[CellMap]) -> None:
        """Give an indicator a value of which is written as a percentage (``74%``) the unit
        ``percent``, where it states none, as a plan file writes a percentage (``value: 74`` and
        ``unit: percent``): the figure is read as the number shown, and the ``%`` kept in the unit,
        not lost. ``refs``: the nodes' references to indicators, whose own targets count for the
        indicator of their id. One notice names the cells; one whose indicator's unit is another
        (``count``) is named in it too."""
        if not self.percent_values:
            return
        by_id = {row.id_of(): row for row in indicators}
        given: list[str] = []
        other: list[str] = []
        for holder in (*indicators, *refs):
            row = by_id.get(holder.id_of())
            values = [
                holder.get("baseline"),
                holder.get("target"),
                *(holder.get("targets") or ()),
                *(holder.get("actuals") or ()),
            ]
            written = [
                self.percent_values[id(v)]
                for v in values
                if isinstance(v, CellMap) and id(v) in self.percent_values
            ]
            if not written:
                continue
            cells = ", ".join(f"{sheet.place(ref)} {shown!r}" for sheet, ref, shown in written)
            unit = row.get("unit") if row is not None else None
            if row is None:
                other.append(
                    f"{cells} ({holder.id_of()} is not on the indicators sheet: give it a row with "
                    "the unit percent)"
                )
            elif unit is None:
                row["unit"] = "percent"
                given.append(f"{cells} ({row.id_of()})")
            elif " ".join(str(unit).split()).casefold() not in _PERCENT_UNITS:
                other.append(f"{cells} ({row.id_of()}, whose unit is {unit!r})")
        first = next(iter(self.percent_values.values()))
        if given:
            self.notices.append(
                first[0].notice(
                    first[1],
                    "values written as percentages were read as the number "
                    "shown (74% is 74), and their indicators given the unit percent: "
                    + "; ".join(given),
                )
            )
        if other:
            self.notices.append(
                first[0].notice(
                    first[1],
                    "values written as percentages were read as the number "
                    "shown (74% is 74), and their indicators' unit says otherwise or "
                    "cannot be given: " + "; ".join(other),
                )
            )

    # -- the plan sheet -------------------------------------------------------------------------
    def read_plan_sheet(self, sheet: RawSheet | None, *, need_format: bool) -> CellMap:
        """The plan's row (from the ``plan`` sheet), its period completed from ``--period``."""
        layout = LAYOUTS["plan"]
        row: CellMap | None = None
        header: Header | None = None
        if sheet is not None:
            header = read_header(sheet, layout)
            if header is not None:
                period_col = next(
                    (c for c, t in header.unknown.items() if header_key(t) == "period"), None
                )
                names = {c.name for c in header.columns.values()}
                if need_format and "format" not in names:
                    self.problem(
                        f"the plan sheet has no 'format' column: add one holding {FORMAT_ID}",
                        sheet,
                        cell_ref(header.row, 0),
                    )
                    return CellMap(sheet.file, sheet.name, None, is_row=True)
                rows = self.read_rows(
                    sheet, layout, required=("format",) if need_format else (), allowed=("period",)
                )
                if len(rows) > 1:
                    self.problem(
                        "the plan sheet has more than one row; a workbook holds one plan",
                        sheet,
                        rows[1].cell,
                    )
                row = rows[0] if rows else None
                if row is not None and period_col is not None:
                    raw = sheet.get(header.row + 1, period_col)
                    if raw is not None and "period" not in row:
                        ref = cell_ref(header.row + 1, period_col)
                        try:
                            start, end = parse_period(raw)
                        except ConfigError:
                            self.problem(
                                "period: write START..END, e.g. 2011-04-01..2012-03-31 (the "
                                f"cell holds {raw!r})",
                                sheet,
                                ref,
                            )
                        else:
                            row.key_cell["period"] = ref
                            sub = row.child("period")
                            sub.put("start", start.isoformat(), ref)
                            sub.put("end", end.isoformat(), ref)
        if row is None:
            row = CellMap(
                sheet.file if sheet else self.file,
                sheet.name if sheet else None,
                "A2" if sheet else None,
                is_row=True,
            )
        period = row.get("period")
        if (
            self.period is not None
            and isinstance(period, dict)
            and period.get("start")
            and period.get("end")
        ):
            self.notices.append(
                Notice.at(
                    Location(self.file),
                    "--period is not used: the plan sheet gives the period "
                    f"({period['start']} to {period['end']})",
                )
            )
        if not isinstance(period, dict) or not period.get("start") or not period.get("end"):
            if self.period is not None:
                start, end = parse_period(self.period)
                sub = row.child("period")
                sub.setdefault("start", start.isoformat())
                sub.setdefault("end", end.isoformat())
            elif sheet is None:
                self.period_problem = Problem(
                    "the plan period is unknown: add a 'plan' sheet with period.start and "
                    "period.end columns (year-month-day: 2011-04-01), or give it on the command "
                    "line with --period START..END",
                    file=self.file,
                )
            else:
                todo, cell = period_todo(header, row)
                self.period_problem = problem(
                    f"the plan period is unknown: {todo}, or give it on the command line with "
                    "--period START..END",
                    sheet.file,
                    sheet.name,
                    cell or row.cell,
                )
        self.plan_row = row
        return row
