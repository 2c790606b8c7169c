"""Loading a plan from a workbook, a CSV file or a folder of them: the form told, the plan
assembled."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from pydantic import ValidationError

from ...errors import PlanError, Problem
from ...model.document import FORMAT_ID, PlanDocument, invisible_ids
from ...model.plan import Location, Notice, Plan
from ...paths import missing_reason, resolved, text_name
from ..flatten import build_plan
from ..loader import long_lead_notices
from ..sheet_layout import IGNORED_SHEETS, LAYOUTS, NODE_SHEETS, SUB_SHEETS, sheet_key
from .csvfiles import at_line, csv_sheet, read_csv, read_folder
from .flat import read_flat
from .header import has_column, header_row, is_flat
from .levels import read_levels
from .reader import Reader
from .sheets import RawSheet, by_place, cell_ref, fail, problem
from .tree import CellMap, note_sheets
from .validation import ids_and_outcomes, validation_problems
from .xlsx import read_xlsx, xlsx_sheets

#: The fields whose own cells findings point at (:attr:`Plan.field_locations`).
PLACED_FIELDS = ("timescale", "due", "lead", "status")


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
    >>> plan = load_spreadsheet(folder / "plan.csv", max_bytes=10**6,
    ...                         period="2011-04-01..2012-03-31")
    >>> list(plan.nodes)
    ['P1', 'P1.O1', 'P1.O1.M1', 'P1.O1.M2']
    >>> plan.nodes["P1.O1.M2"].lead is None, plan.location("P1.O1.M2").cell
    (True, 'C3')
    """
    p = Path(path)
    name = text_name(str(path))
    notices: list[str] = []
    if not p.exists():
        raise fail(missing_reason(p), name)
    if p.is_dir():
        sheets = read_folder(p, max_bytes, notices)
        stem = resolved(p).name
    elif p.suffix.lower() == ".csv":
        sheets = [read_csv(p, max_bytes, notices)]
        stem = p.stem
    else:
        sheets = read_xlsx(p, max_bytes)
        stem = p.stem
    return _plan_of_sheets(
        sheets,
        name,
        stem,
        period,
        notices,
        workbook=p.suffix.lower() in (".xlsx", ".xlsm"),
        base_dir=str(p.parent if not p.is_dir() else p),
    )


def load_spreadsheet_bytes(
    data: bytes,
    *,
    name: str | None,
    csv: bool,
    max_bytes: int,
    period: str | None = None,
    base_dir: str | None = None,
) -> Plan:
    """Load a plan from the content of an ``.xlsx`` workbook, or of a ``.csv`` file when ``csv``
    (an upload, held in memory): as :func:`load_spreadsheet`, ``name`` standing for the file in
    problems and locations (none: they name the sheet and cell alone, as a plan read from text
    without a name has no file), and ``base_dir`` for its folder (none: a catalogue's entries file
    cannot be read).

    >>> data = b"Objective,Lead\\nFewer accidents,Road safety team\\n"
    >>> plan = load_spreadsheet_bytes(data, name="upload.csv",
    ...                               csv=True, max_bytes=10**6, period="2011-04-01..2012-03-31")
    >>> plan.id, list(plan.nodes), plan.location("O1").cell
    ('upload', ['O1'], 'A2')
    """
    file = name or _UNNAMED
    stem = Path(name).stem if name else "plan"
    notices: list[str] = []
    try:
        sheets = (
            [csv_sheet(data, file, stem, max_bytes, notices)]
            if csv
            else xlsx_sheets(data, file, max_bytes)
        )
        plan = _plan_of_sheets(
            sheets, file, stem, period, notices, workbook=not csv, base_dir=base_dir
        )
    except PlanError as exc:
        if name:
            raise
        raise PlanError(
            [replace(p, file=None) if p.file == _UNNAMED else p for p in exc.problems]
        ) from None
    if not name:
        _without_file(plan)
    return plan


#: What stands for the file of a workbook read from its content without a name, while it is read:
#: the plan, its locations, notices and problems then name none, as a plan read from text does.
_UNNAMED = "<workbook>"


def _without_file(plan: Plan) -> None:
    """Take :data:`_UNNAMED` out of a plan's file, locations, notices and sources."""

    def bare(loc: Location) -> Location:
        return replace(loc, file=None) if loc.file == _UNNAMED else loc

    plan.file = None
    for places in (plan.locations, plan.owner_locations, plan.group_locations):
        for key, loc in places.items():
            places[key] = bare(loc)
    for field_key, loc in plan.field_locations.items():
        plan.field_locations[field_key] = bare(loc)
    plan.notices = [
        Notice.at(bare(n.location), n.message)
        if isinstance(n, Notice) and n.location.file == _UNNAMED
        else n
        for n in plan.notices
    ]
    plan.sources = [s for s in plan.sources if s != _UNNAMED]


def _plan_of_sheets(
    sheets: list[RawSheet],
    name: str,
    stem: str,
    period: str | None,
    notices: list[str],
    *,
    workbook: bool,
    base_dir: str | None,
) -> Plan:
    """The plan the sheets hold; a problem in a CSV file, which has no sheets, names its line."""
    try:
        return _sheets_plan(
            sheets, name, stem, period, notices, workbook=workbook, base_dir=base_dir
        )
    except PlanError as exc:
        if not any(sheet.csv for sheet in sheets):
            raise
        sheet_of = by_place(sheets)
        raise PlanError(
            [at_line(p, sheet_of.get((p.file, p.sheet))) for p in exc.problems]
        ) from None


def _sheets_plan(
    sheets: list[RawSheet],
    name: str,
    stem: str,
    period: str | None,
    notices: list[str],
    *,
    workbook: bool,
    base_dir: str | None,
) -> Plan:
    reader = Reader(sheets, name, stem, period)
    reader.notices.extend(notices)
    reader.notices.extend(sheet.notice(ref, why) for sheet in sheets for ref, why in sheet.skipped)
    if all(s.empty for s in sheets):
        raise fail(
            "the workbook is empty: it has no cells with data"
            if workbook
            else "the file is empty: it has no cells with data",
            name,
        )

    by_key: dict[str, RawSheet] = {}
    unknown_sheets: list[str] = []
    for sheet in sheets:
        key = sheet_key(sheet.name)
        if sheet.empty:
            continue
        if key == "plan" and is_flat(sheet) and not has_column(sheet, "format"):
            # a flat table saved as plan.csv: data, not the plan sheet (one with a format column is
            # the plan sheet, whatever its title reads like: a plan titled "Objective")
            unknown_sheets.append(sheet.name)
        elif key in LAYOUTS and key not in by_key:
            by_key[key] = sheet
        elif key not in IGNORED_SHEETS:
            unknown_sheets.append(sheet.name)
    plan_sheet = by_key.get("plan")
    level_like = [
        s
        for k, s in by_key.items()
        if k in NODE_SHEETS or k in SUB_SHEETS or k in ("owners", "catalogues", "groups")
    ]
    per_level = (plan_sheet is not None and has_column(plan_sheet, "format")) or any(
        not is_flat(s) for s in level_like
    )
    if per_level:
        tree = read_levels(reader, by_key)
        if unknown_sheets:
            reader.notices.append(
                Notice.at(
                    Location(name),
                    "sheets that are not part of the format were ignored: "
                    + ", ".join(unknown_sheets),
                )
            )
    else:
        if plan_sheet is not None and not any(
            has_column(plan_sheet, c.name) for c in LAYOUTS["plan"].columns
        ):
            # (a cover sheet called "Plan": a title and
            # lines of text, no column of the plan's fields)
            reader.notices.append(
                Notice.at(
                    Location(name),
                    f"the sheet {plan_sheet.name!r} names no field of the plan "
                    "(id, title, period.start...): read as a cover sheet, not the plan's details",
                )
            )
            cover, plan_sheet = plan_sheet, None
        else:
            cover = None
        hidden = [s.name for s in sheets if s.hidden and not s.empty and s is not plan_sheet]
        if hidden:
            reader.notices.append(
                Notice.at(Location(name), f"hidden sheets were not read: {', '.join(hidden)}")
            )
        data = [
            s
            for s in sheets
            if not s.empty
            and not s.hidden
            and sheet_key(s.name) not in IGNORED_SHEETS
            and s is not plan_sheet
            and s is not cover
        ]
        flat = [s for s in data if is_flat(s)]
        if not flat:
            # (a table of the plan's items on a hidden sheet only: say so, not just what was read)
            hidden_flat = [
                s.name
                for s in sheets
                if s.hidden and not s.empty and s is not plan_sheet and is_flat(s)
            ]
            unhide = (
                f"the hidden sheet {hidden_flat[0]!r} holds a table of the plan's items: unhide "
                "it to have it read"
                if len(hidden_flat) == 1
                else f"the hidden sheets {', '.join(map(repr, hidden_flat))} hold tables of the "
                "plan's items: unhide them to have them read"
            )
            if not data:
                raise fail(
                    "the workbook has no sheet of the plan's items"
                    + (" (only a plan sheet)" if plan_sheet else "")
                    + (f"; {unhide}" if hidden_flat else ""),
                    name,
                )
            raise PlanError(
                [
                    problem(
                        "the sheet has no level column: a flat plan sheet needs at least one of "
                        "priority, aim, objective or milestone (e.g. 'Key milestones'); a "
                        "per-level workbook needs a 'plan' sheet with a format column holding "
                        f"{FORMAT_ID}",
                        s.file,
                        s.name,
                        cell_ref(header_row(s) or 0, 0),
                    )
                    for s in data
                ]
                + ([Problem(unhide, file=name)] if hidden_flat else [])
            )
        skipped = [s.name for s in data if s not in flat]
        if skipped:
            reader.notices.append(
                Notice.at(
                    Location(name),
                    f"sheets with no level column were ignored: {', '.join(skipped)}",
                )
            )
        tree = read_flat(reader, flat, plan_sheet)
    for notice in (
        *reader.typed_notices(),
        *reader.hidden_notices(),
        reader.colour_notice(),
        *reader.conditional_notices(),
        *reader.status_notices(),
    ):
        if notice is not None:
            reader.notices.append(notice)
    if reader.ignored_columns:
        reader.notices.append(
            Notice.at(
                Location(name),
                "columns the reader does not know were not read: "
                + ", ".join(reader.ignored_columns)
                + "; to have one read, head it with the "
                "name of the field it holds (lead, timescale, indicators...)",
            )
        )
    reader.fail()
    note_sheets(tree, reader.sheet_of)
    plan = _validate(tree, reader, name, base_dir=base_dir)
    plan.notices.extend(reader.notices)
    plan.sources[:0] = list(
        dict.fromkeys(sheet.file for sheet in sheets)
    )  # (the workbook, or each CSV file read)
    return plan


def _validate(tree: CellMap, reader: Reader, file: str, base_dir: str | None) -> Plan:
    period_problem = reader.period_problem
    with invisible_ids() as invisible:
        try:
            document = PlanDocument.model_validate(tree)
        except ValidationError as exc:
            raise PlanError(_problems(exc, tree, reader, file, period_problem)) from None
    if (
        period_problem is not None
    ):  # pragma: no cover - the period is required, so validation fails first
        raise PlanError([period_problem])
    problems = ids_and_outcomes(document.plan.framework, reader, file)
    if problems:
        raise PlanError(problems[:50])
    plan = build_plan(document, tree, file=file, base_dir=base_dir)
    if invisible or reader.invisible:
        plan.notices.extend(reader.invisible_notices(tree, set(invisible)))
    plan.generated_ids = set(reader.generated_ids)
    plan.spreadsheet = "flat" if reader.flat_form else "levels"
    for node_id in plan.nodes:
        row = reader.rows.get(node_id)
        if row is not None:
            plan.locations[node_id] = reader.location(row.file, row.sheet, row.cell)
            for name in PLACED_FIELDS:
                cell = row.key_cell.get(name)
                if cell is not None and cell != row.cell:
                    plan.field_locations[(node_id, name)] = reader.location(
                        row.file, row.sheet, cell
                    )
    for rows, declared in (
        (reader.owner_rows, plan.owner_locations),
        (reader.group_rows, plan.group_locations),
    ):
        for key, row in rows.items():
            if key:
                declared[key] = reader.location(row.file, row.sheet, row.cell)
                if key not in plan.nodes:
                    plan.locations[key] = declared[key]
    if reader.plan_row is not None and plan.id not in plan.nodes:
        row = reader.plan_row
        plan.locations[plan.id] = reader.location(
            row.file or file, row.sheet, row.key_cell.get("id", row.cell)
        )
    if plan.implicit_indicators:  # where an implicit indicator is first referred to
        for node in plan.nodes.values():
            for ref in getattr(node, "indicators", None) or []:
                if (
                    ref.id in plan.implicit_indicators
                    and ref.id not in plan.locations
                    and node.id in reader.rows
                ):
                    row = reader.rows[node.id]
                    plan.locations[ref.id] = reader.location(
                        row.file, row.sheet, row.key_cell.get("indicators", row.cell)
                    )
    plan.notices.extend(long_lead_notices(plan))
    return plan


def _problems(
    exc: ValidationError, tree: CellMap, reader: Reader, file: str, period_problem: Problem | None
) -> list[Problem]:
    """The problems of a plan that validation refused, at their cells: the period's first, then
    what is checked after validation (ids and outcomes),
    so that every problem is reported at once."""
    problems = validation_problems(exc, tree)
    if period_problem is not None:
        problems = [period_problem, *(p for p in problems if "period" not in p.message)]
    meta = tree.get("plan")
    framework = meta.get("framework") if isinstance(meta, dict) else None
    problems += ids_and_outcomes(framework if isinstance(framework, str) else "ecm", reader, file)
    return problems[:50]
