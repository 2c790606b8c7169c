"""Write a plan as a workbook (``.xlsx``) or a folder of CSV files, and the empty template.

The sheets and columns are the per-level form of the plan format (see
:mod:`outcome_graph.loading.sheet_layout`): what is written reads back to the same plan. Each sheet
has a bold header, frozen header row and filter; columns that hold text which looks like a number
(ids, numbers, timescales, periods) are formatted as text so a spreadsheet program keeps them as
typed.

**Hostile text.** A cell's text that starts with ``=``, ``+``, ``-`` or ``@`` is a formula to a
spreadsheet program. In a workbook such cells are written as text cells (cell type string, with the
"quote prefix" style), so the text is shown, never run, and reads back unchanged. In a CSV file,
which has no cell types, such a text (unless it is a plain number such as ``-11``) is written with a
leading ``'``, and the reader drops that ``'`` again: a round trip gives the same text (see
:func:`outcome_graph.loading.sheet_layout.csv_escape`). A carriage return, which a workbook's XML
would read back as a line feed, is stored ``_x000D_`` as spreadsheet programs store it (see
:func:`outcome_graph.loading.sheet_layout.xlsx_escape`). Characters a workbook cannot hold (control
characters other than tab and line breaks) are replaced by U+FFFD, with a warning. A text that shows
nothing (spaces or invisible characters alone, see :func:`shows_nothing`) is written with a warning,
in a workbook and in a CSV file alike: its cell reads back as blank, and the field as left out.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import RenderError
from ..loading.sheet_layout import (
    EMPTY_LIST,
    FORMULA_START,
    IGNORED_SHEETS,
    LAYOUTS,
    PLAN_NODE,
    RAG_COLOURS,
    STATUSES,
    Column,
    SheetLayout,
    csv_escape,
    encode_lead,
    encode_text,
    join_list,
    sheet_key,
    xlsx_escape,
)
from ..model.document import (
    FORMAT_ID,
    DueRange,
    IgnoreEntry,
    IndicatorRef,
    NodeSpec,
    PlanDocument,
    Value,
    is_blank,
    iter_nested,
)
from ..paths import os_error
from .files import timeless_xlsx

if TYPE_CHECKING:
    from ..findings import Report
    from ..model.plan import Plan

__all__ = [
    "SheetData",
    "plan_sheets",
    "workbook_bytes",
    "write_workbook",
    "csv_files",
    "shows_nothing",
    "write_csv_folder",
    "template_bytes",
    "write_template",
    "EXCEL_CELL_LIMIT",
]

#: The most characters a spreadsheet program shows in one cell.
EXCEL_CELL_LIMIT = 32767

#: Sheets written even when empty (with their header), so a person can fill them in.
CORE_SHEETS = ("plan", "priorities", "aims", "objectives", "milestones", "indicators")
#: The sheets of the per-level form, in the template's order: a workbook written from a plan has
#: them all, a CSV folder those the plan uses.
SHEET_ORDER = (
    "plan",
    "vision",
    "owners",
    "catalogues",
    "entries",
    "groups",
    "priorities",
    "aims",
    "objectives",
    "milestones",
    "indicators",
    "indicator_refs",
    "targets",
    "actuals",
    "variants",
    "ignore",
    "due",
)
_WIDE = {"title", "notes", "text", "name", "message", "hint", "reason"}

CellValue = str | int | float | date | None

#: The warning of a writer of spreadsheets (workbook or CSV) for a text that shows nothing.
SHOWS_NOTHING = (
    "the text shows nothing (spaces or invisible characters alone): "
    "the cell reads back as blank, and the field as left out"
)


class Loss(str):
    """A writer's warning that the output does not keep the plan as it is: reading it back gives
    another plan (a character replaced, a text read back as blank or cut short). A ``str``, as
    every warning is; ``convert`` refuses to write an output with one unless told to
    (``--lossy``)."""


def refuse_loss(path: str | os.PathLike[str], warnings: list[str]) -> None:
    """Raise a :class:`RenderError` naming each :class:`Loss` among ``warnings`` (nothing is
    written): the output at ``path`` would not read back as the plan."""
    losses = [w for w in warnings if isinstance(w, Loss)]
    if losses:
        shown = "".join(f"\n  {w}" for w in losses[:20]) + (
            f"\n  and {len(losses) - 20} more" if len(losses) > 20 else ""
        )
        raise RenderError(
            f"{path}: not written: it would not read back as the plan ({len(losses)} "
            f"text{'s' * (len(losses) != 1)} it cannot keep as "
            f"{'they are' if len(losses) != 1 else 'it is'}):{shown}\n"
            "write YAML or JSON, which keep everything, edit the plan, or give --lossy to write "
            "it all the same"
        )


def shows_nothing(text: str) -> bool:
    """Whether a text, written to a cell, reads back as a blank cell (an absent field): it is not
    empty (the empty text is written ``""``) but is spaces or invisible characters alone (a soft
    hyphen, a zero-width space...). YAML and JSON keep such a text; a spreadsheet does not.

    >>> shows_nothing(" "), shows_nothing("\\u00ad"), shows_nothing("a\\u00adb"), shows_nothing("")
    (True, True, False, False)
    """
    return bool(text) and is_blank(text)


@dataclass
class SheetData:
    """One sheet to write: its layout, the columns used and the rows (column name -> value)."""

    layout: SheetLayout
    rows: list[dict[str, CellValue]] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.layout.name

    def columns(self) -> list[Column]:
        """The layout's columns that are always written or hold a value in some row."""
        used = {k for row in self.rows for k, v in row.items() if v is not None and v != ""}
        return [c for c in self.layout.columns if c.name in self.layout.always or c.name in used]


def _text(value: str | None) -> str | None:
    return None if value is None else encode_text(value)


def _opt_list(value: list[str] | None) -> str | None:
    return None if value is None else join_list(value)


def _list(value: list[str]) -> str | None:
    return join_list(value) if value else None


def _put_value(row: dict[str, CellValue], prefix: str, value: Value | None) -> None:
    if value is None:
        return
    p = f"{prefix}." if prefix else ""
    row[f"{p}period"] = encode_text(value.period)
    row[f"{p}value"] = value.value
    row[f"{p}change"] = _text(value.change)
    row[f"{p}comparator"] = value.comparator
    row[f"{p}text"] = _text(value.text)
    row[f"{p}source"] = _text(value.source)


def _common(node: NodeSpec, row: dict[str, CellValue]) -> None:
    row["id"] = encode_text(node.id)
    row["number"] = node.number
    row["title"] = encode_text(node.title)
    row["outcomes"] = _opt_list(node.outcomes)
    row["views"] = _opt_list(node.views)
    row["tags"] = _list(node.tags)
    row["see_also"] = _list(node.see_also)
    row["notes"] = _text(node.notes)


def _ignore_row(holder: str, rule: IgnoreEntry) -> dict[str, CellValue]:
    return {
        "node": encode_text(holder),
        "rule": encode_text(rule.rule),
        "reason": _text(rule.reason),
        "scope": rule.scope,
    }


Positions = dict[str, tuple[str, int]]


def plan_sheets(plan_or_document: Plan | PlanDocument) -> tuple[dict[str, SheetData], Positions]:
    """The plan as the sheets of the per-level form, from its canonical (nested) document.

    Returns
    -------
    sheets : dict[str, SheetData]
        Sheet name -> rows, in the order written.
    positions : dict[str, tuple[str, int]]
        Node, owner and group id -> (sheet, 0-based data row), for links to where an item is. An
        owner or group that shares its id with a node is not in it: the node is.
    """
    sheets, by_kind = _plan_sheets(plan_or_document)
    return sheets, {**by_kind["group"], **by_kind["owner"], **by_kind["node"]}


def _plan_sheets(
    plan_or_document: Plan | PlanDocument,
) -> tuple[dict[str, SheetData], dict[str, Positions]]:
    """:func:`plan_sheets`, with the positions of nodes, owners and groups apart (``node``,
    ``owner``, ``group``): an owner, a group and a node may share an id."""
    from ..convert import canonical_view

    doc = canonical_view(plan_or_document)
    out = _SheetWriter()
    out.plan_rows(doc)
    if doc.vision is not None:
        out.node_row(doc.vision, None)
    # Level sheets are written level by level, so a sheet's rows follow the document's order.
    by_level: dict[str, list[tuple[NodeSpec, str | None]]] = {
        k: [] for k in ("priority", "aim", "objective", "milestone")
    }
    for node, nest in iter_nested(doc):
        by_level[node.kind].append((node, nest))
    for kind in ("priority", "aim", "objective", "milestone"):
        for node, nest in by_level[kind]:
            out.node_row(node, nest)
    for node in doc.indicators:
        out.node_row(node, None)

    holders = (
        {node.id for node in out.nodes} | {o.id for o in doc.owners} | {g.id for g in doc.groups}
    )
    plan_node = (
        PLAN_NODE if doc.plan.id in holders else doc.plan.id
    )  # (the row of an item of the plan's id is the item's)
    for rule in doc.plan.ignore:
        out.add("ignore", _ignore_row(plan_node, rule))
    for node in out.nodes:
        out.detail_rows(node)
    # (an owner's or group's entries name it in the node column; a node of the same id takes them)
    held: list[tuple[str, list[IgnoreEntry]]] = [(o.id, o.ignore) for o in doc.owners] + [
        (g.id, g.ignore) for g in doc.groups
    ]
    for holder_id, entries in held:
        for rule in entries:
            out.add("ignore", _ignore_row(holder_id, rule))
    return out.sheets, out.by_kind


_NODE_SHEETS = {
    "vision": "vision",
    "priority": "priorities",
    "aim": "aims",
    "objective": "objectives",
    "milestone": "milestones",
    "indicator": "indicators",
}


class _SheetWriter:
    """The rows of every sheet as they are added, and where each node, owner and group went."""

    def __init__(self) -> None:
        self.sheets = {name: SheetData(LAYOUTS[name]) for name in SHEET_ORDER}
        self.by_kind: dict[str, Positions] = {"node": {}, "owner": {}, "group": {}}
        self.nodes: list[NodeSpec] = []  # (in the order their rows were written)

    def add(self, sheet: str, row: dict[str, CellValue], key: str | None = None) -> None:
        if key is not None:
            kind = "owner" if sheet == "owners" else "group" if sheet == "groups" else "node"
            self.by_kind[kind].setdefault(key, (sheet, len(self.sheets[sheet].rows)))
        self.sheets[sheet].rows.append(row)

    def plan_rows(self, doc: PlanDocument) -> None:
        """The plan's own row, its owners, catalogues (with their entries) and groups."""
        meta = doc.plan
        self.add(
            "plan",
            {
                "format": FORMAT_ID,
                "id": meta.id,
                "title": _text(meta.title),
                "organisation": _text(meta.organisation),
                "period.start": meta.period.start,
                "period.end": meta.period.end,
                "framework": meta.framework,
                "as_of": meta.as_of,
                "source": _text(meta.source),
                "views": _opt_list(meta.views),
                "tags": _list(meta.tags),
                "notes": _text(meta.notes),
            },
        )
        for owner in doc.owners:
            self.add(
                "owners",
                {
                    "id": encode_text(owner.id),
                    "name": _text(owner.name),
                    "kind": owner.kind,
                    "aliases": _list(owner.aliases),
                    "capacity": owner.capacity,
                    "tags": _list(owner.tags),
                    "notes": _text(owner.notes),
                },
                owner.id,
            )
        for cat in doc.catalogues:
            row: dict[str, CellValue] = {"prefix": cat.prefix, "title": _text(cat.title)}
            if isinstance(cat.entries, str):
                row["entries"] = encode_text(cat.entries)
            elif cat.entries == []:
                row["entries"] = EMPTY_LIST
            self.add("catalogues", row)
            for entry in cat.entries if isinstance(cat.entries, list) else []:
                self.add(
                    "entries",
                    {
                        "node": cat.prefix,
                        "code": encode_text(entry.code),
                        "title": encode_text(entry.title),
                        "outcomes": _list(entry.outcomes),
                    },
                )
        for group in doc.groups:
            self.add(
                "groups",
                {
                    "id": encode_text(group.id),
                    "title": encode_text(group.title),
                    "kind": _text(group.kind),
                    "members": _list(group.members),
                    "views": _opt_list(group.views),
                    "tags": _list(group.tags),
                    "notes": _text(group.notes),
                },
                group.id,
            )

    def node_row(self, node: NodeSpec, nest: str | None) -> None:
        """A node's row on its level's sheet (``nest``: the parent it is nested under, if any)."""
        row: dict[str, CellValue] = {}
        _common(node, row)
        kind = node.kind
        if kind not in ("vision", "indicator"):
            parent = nest if nest is not None else getattr(node, "parent", None)
            # (a ';' in the parent's id escaped: several parents may be written in this column too)
            row["parent"] = (
                join_list([parent]) if parent is not None and ";" in parent else _text(parent)
            )
            row["parents"] = _opt_list(getattr(node, "parents", None))
            lead = getattr(node, "lead", None)
            row["lead"] = None if lead is None else encode_lead(lead)
        refs: list[IndicatorRef] = getattr(node, "indicators", None) or []
        if refs:
            row["indicators"] = join_list([r.id for r in refs])
        if kind == "milestone":
            row["timescale"] = _text(node.timescale)  # type: ignore[attr-defined]
            due = node.due  # type: ignore[attr-defined]
            if isinstance(due, str):
                row["due"] = encode_text(due)
            elif isinstance(due, DueRange):
                row["due.from"], row["due.to"] = due.from_, due.to
            row["status"] = node.status  # type: ignore[attr-defined]
            row["depends_on"] = _list(node.depends_on)  # type: ignore[attr-defined]
        if kind == "indicator":
            row["direction"] = node.direction  # type: ignore[attr-defined]
            row["unit"] = _text(node.unit)  # type: ignore[attr-defined]
            _put_value(row, "baseline", node.baseline)  # type: ignore[attr-defined]
            _put_value(row, "target", node.target)  # type: ignore[attr-defined]
            if node.targets == []:  # type: ignore[attr-defined]
                row["targets"] = EMPTY_LIST
        self.add(_NODE_SHEETS[kind], row, node.id)
        self.nodes.append(node)

    def detail_rows(self, node: NodeSpec) -> None:
        """A node's rows on the list sheets: variants, ignore entries, indicator references,
        targets, actuals and due dates."""
        node_id = encode_text(node.id)
        for v in node.variants:
            self.add(
                "variants",
                {"node": node_id, "text": encode_text(v.text), "where": encode_text(v.where)},
            )
        for rule in node.ignore:
            self.add("ignore", _ignore_row(node.id, rule))
        for ref in getattr(node, "indicators", None) or []:
            if ref.title is not None or ref.target is not None or ref.targets == []:
                ref_row: dict[str, CellValue] = {
                    "node": node_id,
                    "indicator": encode_text(ref.id),
                    "title": _text(ref.title),
                }
                _put_value(ref_row, "target", ref.target)
                if ref.targets == []:
                    ref_row["targets"] = EMPTY_LIST
                self.add("indicator_refs", ref_row)
            for value in ref.targets or []:
                self._value_row(
                    "targets", {"node": node_id, "indicator": encode_text(ref.id)}, value
                )
        if node.kind == "indicator":
            for value in node.targets or []:  # type: ignore[attr-defined]
                self._value_row("targets", {"node": node_id}, value)
            for value in node.actuals:  # type: ignore[attr-defined]
                self._value_row("actuals", {"node": node_id}, value)
        if node.kind == "milestone" and isinstance(node.due, list):  # type: ignore[attr-defined]
            for item in node.due:  # type: ignore[attr-defined]
                if isinstance(item, DueRange):
                    self.add("due", {"node": node_id, "from": item.from_, "to": item.to})
                else:
                    self.add("due", {"node": node_id, "due": encode_text(item)})

    def _value_row(self, sheet: str, row: dict[str, CellValue], value: Value) -> None:
        _put_value(row, "", value)
        self.add(sheet, row)


# ---------------------------------------------------------------------------------------------
# Workbooks


#: The first day a spreadsheet program's dates can hold.
_FIRST_SPREADSHEET_DAY = date(1900, 1, 1)


def _safe_number(value: float) -> bool:
    """Whether a spreadsheet program stores the float exactly (15 significant digits)."""
    return float(f"{value:.15g}") == value


class CellWriter:
    """Writes values into openpyxl cells: text as text, never a formula; problems as warnings."""

    def __init__(self) -> None:
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        self.illegal = ILLEGAL_CHARACTERS_RE
        self.warnings: list[str] = []

    def put(
        self, ws: Any, row: int, col: int, value: CellValue, *, code: bool = False, where: str = ""
    ) -> Any:
        cell = ws.cell(row=row, column=col)
        if value is None:
            if code:
                cell.number_format = "@"
            return cell
        if isinstance(value, bool):
            value = "true" if value else "false"
        if isinstance(value, float) and not _safe_number(value):
            value = repr(value)
        if isinstance(value, date) and value < _FIRST_SPREADSHEET_DAY:
            value = (
                value.isoformat()
            )  # (a spreadsheet's dates start in 1900: an earlier one shows as ####)
        if isinstance(value, int) and abs(value) >= 10**15:
            value = str(
                value
            )  # (a spreadsheet program keeps 15 digits of a number: 10**18 would read back 1e+18)
        if isinstance(value, str):
            text: str = value
            if self.illegal.search(text):
                text = self.illegal.sub("\ufffd", text)
                self.warnings.append(
                    Loss(
                        f"{where}: control characters a workbook cannot hold were replaced by "
                        "U+FFFD"
                    )
                )
            if shows_nothing(text):
                self.warnings.append(Loss(f"{where}: {SHOWS_NOTHING}"))
            stored = xlsx_escape(text)  # (a carriage return survives the file's XML)
            if len(stored) > EXCEL_CELL_LIMIT:
                size = f"{len(text):,} characters"
                if len(stored) != len(text):
                    size += f" ({len(stored):,} as stored: a carriage return is stored as 7)"
                self.warnings.append(
                    Loss(
                        f"{where}: the text has {size}, more than a cell holds "
                        f"({EXCEL_CELL_LIMIT:,}): what is beyond is lost when the workbook is "
                        "read (keep the plan in YAML or JSON, or shorten it)"
                    )
                )
            cell.value = stored
            cell.data_type = "s"  # never a formula, whatever the text starts with
            if text.startswith(FORMULA_START):
                cell.quotePrefix = True
            if code:
                cell.number_format = "@"
            return cell
        cell.value = value
        if isinstance(value, date):
            cell.number_format = "yyyy-mm-dd"
        return cell


def style_sheet(ws: Any, columns: list[Column], n_rows: int, widths: dict[int, int]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDE4EE")
    for i, col in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=i)
        cell.font = bold
        cell.fill = fill
        letter = get_column_letter(i)
        if col.name.split(".")[-1] in _WIDE:
            ws.column_dimensions[letter].width = 60
            for r in range(2, n_rows + 2):
                ws.cell(row=r, column=i).alignment = Alignment(wrap_text=True, vertical="top")
        else:
            ws.column_dimensions[letter].width = max(
                10, min(40, max(len(col.name), widths.get(i, 0)) + 2)
            )
    ws.freeze_panes = "A2"
    if columns:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(n_rows + 1, 1)}"


def _sheet_cell(
    positions: Positions, sheets: dict[str, SheetData], key: str, column: str = "title"
) -> tuple[str, str] | None:
    from openpyxl.utils import get_column_letter

    pos = positions.get(key)
    if pos is None:
        return None
    name, index = pos
    cols = [c.name for c in sheets[name].columns()]
    col = (
        cols.index(column) + 1
        if column in cols
        else cols.index("title") + 1
        if "title" in cols
        else 1
    )
    return name, f"{get_column_letter(col)}{index + 2}"


def _plan_of(plan_or_document: Plan | PlanDocument) -> Plan | None:
    from ..model.plan import Plan

    return plan_or_document if isinstance(plan_or_document, Plan) else None


def _findings_rows(
    report: Report,
    by_kind: dict[str, Positions],
    sheets: dict[str, SheetData],
    plan: Plan | None = None,
) -> list[list[Any]]:
    # A finding links to the row of what it is about: an owner's finding to the owner's row, a
    # group's to the group's, a node's to the node's (an owner, a group and a node may share an id).
    # A finding about what has no row of its own (an owner only leads name, an indicator only a
    # node lists) is placed at the node where `check` places it: the node written where the
    # finding points (the milestone of an owner's busiest month, the node that lists an indicator).
    nodes = by_kind["node"]

    def positions_of(kind: str) -> Positions:
        return by_kind[kind] if kind in ("owner", "group") else nodes

    at_position: dict[tuple[int | None, int | None], str] = {}
    if plan is not None and any(f.node not in positions_of(f.kind) for f in report.findings):
        at_position = {
            (n._line, n._column): n.id
            for n in plan.nodes.values()
            if n._line is not None and n.id not in plan.implicit_indicators
        }
    rows = []
    for f in report.findings:
        at = _sheet_cell(positions_of(f.kind), sheets, f.node)
        if at is None and (f.location.line, f.location.column) in at_position:
            node_id = at_position[(f.location.line, f.location.column)]
            at = _sheet_cell(
                nodes, sheets, node_id, "indicators" if f.kind == "indicator" else "title"
            )
        rows.append(
            [
                f.severity,
                f.rule,
                f.name,
                f.node,
                f.kind,
                f.title,
                f.message,
                f.hint,
                f"{at[0]}!{at[1]}" if at else None,
                str(f.location),
            ]
        )
    return rows


_FINDING_COLUMNS = [
    "severity",
    "rule",
    "name",
    "node",
    "kind",
    "title",
    "message",
    "hint",
    "cell",
    "source",
]


def workbook_bytes(
    plan_or_document: Plan | PlanDocument,
    *,
    findings: Report | None = None,
    name: str = "plan.xlsx",
) -> tuple[bytes, list[str]]:
    """The plan as ``.xlsx`` bytes (per-level form), and the writer's warnings.

    The workbook has the template's sheets (``outcome-graph template``): its instructions (their
    commands naming the workbook ``name``), and every sheet of the per-level form, a sheet the plan
    has nothing for with the template's header, so that the plan can go on being edited as the
    template is; each header cell says what its column holds, and a column of choices has the
    template's drop-down list. With ``findings``, a ``findings`` sheet lists them, each linked to
    the node's row.
    """
    import openpyxl
    from openpyxl.utils import get_column_letter

    sheets, positions = _plan_sheets(plan_or_document)
    writer = CellWriter()
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    _instructions_sheet(wb, writer, "levels", name)
    for sheet_name in SHEET_ORDER:
        data = sheets[sheet_name]
        ws = wb.create_sheet(sheet_name)
        # (a sheet the plan has nothing for: the template's header, every column of its fields)
        columns = (
            data.columns() if data.rows or sheet_name in CORE_SHEETS else list(data.layout.columns)
        )
        widths: dict[int, int] = {}
        for i, col in enumerate(columns, start=1):
            writer.put(ws, 1, i, col.name)
        _template_columns(ws, sheet_name, columns)
        for r, row in enumerate(data.rows, start=2):
            for i, col in enumerate(columns, start=1):
                value = row.get(col.name)
                writer.put(
                    ws,
                    r,
                    i,
                    value,
                    code=col.kind in ("code",),
                    where=f"{sheet_name}!{ws.cell(row=r, column=i).coordinate}",
                )
                if value is not None:
                    widths[i] = max(widths.get(i, 0), min(len(str(value)), 40))
        style_sheet(ws, columns, len(data.rows), widths)
        for i, col in enumerate(columns, start=1):
            if (
                col.kind == "code"
            ):  # (a row typed below the plan's keeps 1.10, 007 and 2011-12, as in the template)
                ws.column_dimensions[get_column_letter(i)].number_format = "@"
    if findings is not None:
        ws = wb.create_sheet("findings")
        finding_rows = _findings_rows(findings, positions, sheets, _plan_of(plan_or_document))
        for i, name in enumerate(_FINDING_COLUMNS, start=1):
            writer.put(ws, 1, i, name)
        for r, finding_row in enumerate(finding_rows, start=2):
            for i, value in enumerate(finding_row, start=1):
                cell = writer.put(
                    ws, r, i, value, where=f"findings!{ws.cell(row=r, column=i).coordinate}"
                )
                if _FINDING_COLUMNS[i - 1] == "cell" and value:
                    sheet, ref = str(value).split("!")
                    cell.hyperlink = f"#'{sheet}'!{ref}"
                    cell.style = "Hyperlink"
        style_sheet(ws, [Column(n) for n in _FINDING_COLUMNS], len(finding_rows), {2: 6, 4: 14})
    buffer = io.BytesIO()
    wb.save(buffer)
    return timeless_xlsx(buffer.getvalue()), writer.warnings


def write_workbook(
    plan_or_document: Plan | PlanDocument,
    path: str | os.PathLike[str],
    *,
    findings: Report | None = None,
    lossy: bool = True,
) -> list[str]:
    """Write the plan as an ``.xlsx`` workbook (whole or not at all); returns the warnings.
    ``lossy=False`` writes nothing, raising a :class:`RenderError`, where a warning is a
    :class:`Loss` (the workbook would not read back as the plan).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from outcome_graph import load
    >>> plan = load('''
    ... format: outcome-graph/v1
    ... plan: {id: d, period: {start: 2011-04-01, end: 2012-03-31}}
    ... priorities: [{id: P1, title: "=HYPERLINK(\\\\"http://example.com\\\\")"}]
    ... ''')
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "plan.xlsx"
    >>> write_workbook(plan, path)
    []
    >>> load(path).nodes["P1"].title
    '=HYPERLINK("http://example.com")'
    """
    from .files import atomic_write_bytes

    data, warnings = workbook_bytes(plan_or_document, findings=findings, name=Path(path).name)
    if not lossy:
        refuse_loss(path, warnings)
    atomic_write_bytes(path, data)
    return warnings


# ---------------------------------------------------------------------------------------------
# CSV folders


def _csv_text(value: CellValue) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, date):
        return value.isoformat()
    return csv_escape(str(value))


def csv_bytes(
    header: list[str],
    rows: list[list[CellValue]],
    name: str = "",
    warnings: list[str] | None = None,
) -> bytes:
    from ..loading.spreadsheet import cell_ref

    buffer = io.StringIO(newline="")
    w = csv.writer(buffer, lineterminator="\r\n")
    w.writerow([csv_escape(h) for h in header])
    for r, row in enumerate(rows, start=1):
        w.writerow([_csv_text(v) for v in row])
        if warnings is not None:
            warnings.extend(
                Loss(f"{name}!{cell_ref(r, c)}: {SHOWS_NOTHING}")
                for c, v in enumerate(row)
                if isinstance(v, str) and shows_nothing(v)
            )
            warnings.extend(
                f"{name}!{cell_ref(r, c)}: the text has {len(v):,} characters, more than a "
                f"spreadsheet cell holds ({EXCEL_CELL_LIMIT:,}): outcome-graph reads it whole, "
                "but a spreadsheet program cuts it when it opens the file (keep the plan in "
                "YAML or JSON, or shorten it)"
                for c, v in enumerate(row)
                if isinstance(v, str) and len(v) > EXCEL_CELL_LIMIT
            )
    # A byte-order mark, so spreadsheet programs read the file as UTF-8.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _csv_files(
    plan_or_document: Plan | PlanDocument, findings: Report | None
) -> tuple[dict[str, bytes], list[str]]:
    sheets, positions = _plan_sheets(plan_or_document)
    files: dict[str, bytes] = {}
    warnings: list[str] = []
    for name, data in sheets.items():
        if not data.rows and name not in CORE_SHEETS:
            continue
        columns = data.columns()
        files[f"{name}.csv"] = csv_bytes(
            [c.name for c in columns],
            [[row.get(c.name) for c in columns] for row in data.rows],
            f"{name}.csv",
            warnings,
        )
    if findings is not None:
        files["findings.csv"] = csv_bytes(
            _FINDING_COLUMNS,
            _findings_rows(findings, positions, sheets, _plan_of(plan_or_document)),
            "findings.csv",
            warnings,
        )
    return files, warnings


def csv_files(
    plan_or_document: Plan | PlanDocument, *, findings: Report | None = None
) -> dict[str, bytes]:
    """The plan as CSV files of the per-level form: file name -> bytes (UTF-8 with a byte-order
    mark).

    (:func:`write_csv_folder` returns the warnings too: a text that shows nothing, see
    :func:`shows_nothing`.)
    """
    return _csv_files(plan_or_document, findings)[0]


def write_csv_folder(
    plan_or_document: Plan | PlanDocument,
    path: str | os.PathLike[str],
    *,
    findings: Report | None = None,
    lossy: bool = True,
) -> list[str]:
    """Write the plan as a folder of CSV files, whole or not at all; returns the warnings
    (``lossy=False``: writes nothing, raising a :class:`RenderError`, where one is a :class:`Loss`).

    A text that shows nothing (spaces or invisible characters alone) is written, with a warning
    naming its file and cell: it reads back as a blank cell, and the field as left out. So is a text
    longer than a spreadsheet cell holds (32,767 characters): it reads back whole, but a spreadsheet
    program opening the file cuts it.

    The files are written into a new folder beside ``path`` that then takes its place. An existing
    folder is replaced only when it holds nothing but a plan's CSV files (so no other file is lost);
    it keeps its permissions, and so does each file written again. A symbolic link to a folder is
    followed: the folder it points to is replaced, and the link stays a link.
    """
    target = Path(path)
    if target.is_symlink():
        target = Path(os.path.realpath(target))
        if target.is_symlink():  # (a link that loops)
            raise RenderError(
                f"{path}: cannot write: {os_error(target) or 'a symbolic link that loops'}"
            )
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        from .files import missing_folder

        raise RenderError(f"{path}: {missing_folder(folder)}")
    if target.exists() and not target.is_dir():
        raise RenderError(
            f"{path}: exists and is not a folder; a CSV plan is a folder of CSV files"
        )
    modes: dict[str, int] = {}
    if target.is_dir():
        others = sorted(
            p.name
            for p in target.iterdir()
            if not (
                p.is_file()
                and p.suffix.lower() == ".csv"
                and (sheet_key(p.stem) in LAYOUTS or sheet_key(p.stem) in IGNORED_SHEETS)
            )
        )
        if others:
            raise RenderError(
                f"{path}: the folder holds files that are not a plan's CSV files "
                f"({', '.join(others[:5])}); write to a new or empty folder"
            )
        modes = {p.name: p.stat().st_mode & 0o7777 for p in target.iterdir()}
        modes[""] = target.stat().st_mode & 0o7777
    files, warnings = _csv_files(plan_or_document, findings)
    if not lossy:
        refuse_loss(path, warnings)
    writing = [""]  # (the file being written, for the message)
    try:
        _replace_folder(target, folder, files, modes, writing)
    except OSError as exc:
        where = Path(path) / writing[0] if writing[0] else path
        raise RenderError(f"{where}: cannot write: {exc.strerror or exc}") from None
    return warnings


def _replace_folder(
    target: Path, folder: Path, files: dict[str, bytes], modes: dict[str, int], writing: list[str]
) -> None:
    """Write ``files`` into a new folder in ``folder``, then put it in the place of ``target``
    (an existing folder there is moved aside first, and back if the new one cannot take its
    place). ``modes``: the permissions to keep, by file name (``""``: the folder's); ``writing[0]``
    names the file being written."""
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder))
    old: Path | None = None
    try:
        umask = os.umask(0)
        os.umask(umask)
        for name, data in files.items():
            writing[0] = name
            with open(tmp / name, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp / name, modes.get(name, 0o666 & ~umask))
        writing[0] = ""
        os.chmod(tmp, modes.get("", 0o777 & ~umask))
        if target.is_dir():
            old = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old", dir=folder))
            os.rmdir(old)
            os.replace(target, old)
        os.replace(tmp, target)
    except BaseException:
        if old is not None and not target.exists():  # (the old folder goes back where it was)
            try:
                os.replace(old, target)
            except OSError:  # pragma: no cover
                pass
            old = None
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    finally:
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)


# ---------------------------------------------------------------------------------------------
# The template


_INSTRUCTIONS_LEVELS = [
    "How to fill in this workbook",
    "",
    "This workbook is an outcome_graph plan in its per-level form: one sheet per level of the "
    "plan, one row per item.",
    "Check it with:  outcome-graph check {file}      Convert it with:  outcome-graph convert "
    "{file} {yaml}",
    "",
    "1. On the plan sheet, give the plan an id (letters, digits, '.', '_', '-'), a title and its "
    "period (dates written year-month-day: 2011-04-01).",
    "   Leave the format cell as it is.",
    "2. List priorities, aims, objectives and milestones on their sheets. Give each an id (P1, "
    "P1.A1, P1.A1.O1,",
    "   P1.A1.O1.M1) or leave the id blank to have one made from its position; 'parent' is the "
    "id of the item above.",
    "3. Write leads as the plan writes them (a team, a role, a person); joint leads are "
    "separated by ';'.",
    "4. 'timescale' is the plan's own wording ('June 11', 'Autumn 2012', 'TBA'); 'due' is a date "
    "(2011-07-31),",
    "   a month (2011-07) or a year (2012).",
    "5. Lists in one cell (outcomes, tags, indicators) are separated by ';'. Write [] in "
    "'outcomes' for a",
    "   deliberately cross-cutting item; leave it blank to inherit the outcomes of the item above.",
    "6. Indicators: list their codes (NI 72) in the 'indicators' column of the priority, aim or "
    "objective they",
    "   measure; describe them on the indicators sheet, their targets on the targets sheet and "
    "actuals on the",
    "   actuals sheet (one row per period).",
    "7. The other sheets are for what your plan has, and stay empty if it has none: vision "
    "(above the priorities),",
    "   owners (who leads, with their other spellings in 'aliases'), variants (an item worded "
    "otherwise elsewhere,",
    "   such as in a summary table: a 'view'), groups, catalogues and entries (local indicator "
    "codes), indicator_refs",
    "   (a node's own wording or targets of an indicator), due (a milestone due on several "
    "dates) and ignore (a",
    "   finding you accept: its node, rule and reason). A column's header says what it holds "
    "when you point at it.",
    "",
    "Cells with a drop-down list (outcomes, status, direction, kind, comparator, scope) accept "
    "other text with a warning,",
    "so several outcomes can be written 'be_healthy; stay_safe'.",
]
_INSTRUCTIONS_FLAT = [
    "How to fill in this workbook",
    "",
    "The table sheet is a plan as most published plans print it: one row per milestone (key "
    "milestone, action).",
    "Fill in the plan sheet (id, title, period) and the table; then run:  outcome-graph check "
    "{file}",
    "",
    "- A blank priority, aim or objective cell repeats the one above it; a blank lead or "
    "timescale does not.",
    "- Leave out the columns your plan does not use (e.g. aim); keep at least one of priority, "
    "aim, objective, milestone.",
    "- Indicators: codes separated by ';' (NI 72; NI 73), given to the objective (or aim, "
    "priority) of the row.",
    "- Outcomes: add an 'outcomes' column and fill it in on a row of the priority alone, its "
    "other cells blank",
    "  (Stay safe; Be healthy): the rows below inherit them. On a milestone's row, they are the "
    "milestone's alone.",
    "- Ids are made from the position (P1, P1.A2, P1.A2.O3, P1.A2.O3.M1).",
    "- Status: a milestone's progress, picked from the list as your council writes it: on_track, "
    "at_risk, off_track,",
    "  done, not_started, or a RAG colour (Green, Amber, Red, Blue for done). Objectives take no "
    "status.",
    "- Indicators' targets, owners and the findings you accept have no column here: they need "
    "the per-level form,",
    "  one sheet per level, which this command writes from the table:  outcome-graph convert "
    "{file} {levels}",
]
#: The template's status drop-down: the format's words and the RAG colours, both read, so that a
#: user picks what their council's tracker writes.
_STATUS_CHOICES = STATUSES + RAG_COLOURS


def _drop_down(ws: Any, letter: str, name: str, choices: tuple[str, ...]) -> None:
    """A drop-down list of ``choices`` on the column ``letter`` below its header; other text is
    accepted with a warning (several outcomes in one cell, a status word the list leaves out)."""
    from openpyxl.worksheet.datavalidation import DataValidation

    dv = DataValidation(
        type="list",
        formula1='"' + ",".join(choices) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="warning",
        error=f"Usually one of: {', '.join(choices)}",
        errorTitle=name,
    )
    ws.add_data_validation(dv)
    dv.add(f"{letter}2:{letter}1000")


def _instructions(form: str, name: str) -> list[str]:
    """The instructions sheet's lines, their commands naming the workbook ``name`` (quoted for a
    shell where it holds spaces) so that they can be copied as they are."""
    import shlex

    lines = _INSTRUCTIONS_FLAT if form == "flat" else _INSTRUCTIONS_LEVELS
    names = {
        "file": shlex.quote(name),
        "yaml": shlex.quote(f"{Path(name).stem}.yaml"),
        "levels": shlex.quote(f"{Path(name).stem}-levels.xlsx"),
    }
    return [line.format(**names) if "{file}" in line else line for line in lines]


def _instructions_sheet(wb: Any, writer: CellWriter, form: str, name: str) -> None:
    """The instructions sheet of the template (of the ``form``), first in ``wb``, its commands
    naming the workbook ``name``."""
    from openpyxl.styles import Font

    ws = wb.create_sheet("instructions", 0)
    for r, line in enumerate(_instructions(form, name), start=1):
        writer.put(ws, r, 1, line)
    ws["A1"].font = Font(bold=True, size=14)
    ws.column_dimensions["A"].width = 120


def _template_columns(ws: Any, name: str, columns: list[Column]) -> None:
    """What the template gives the columns of the per-level sheet ``name`` whose header row is
    written: each header cell a comment saying what its column holds, a column of codes formatted
    as Text (3.10 and June 11 stay as typed), a column of choices a drop-down list of them."""
    from openpyxl.comments import Comment
    from openpyxl.utils import get_column_letter

    from ..model.frameworks import ECM

    lists = {
        "outcomes": ECM.ids,
        "status": _STATUS_CHOICES,
        "direction": ("increase", "decrease", "maintain"),
        "comparator": ("at_least", "at_most", "below", "above"),
        "scope": ("node", "branch"),
    }
    for i, col in enumerate(columns, start=1):
        if col.help:
            ws.cell(row=1, column=i).comment = Comment(col.help, "outcome-graph")
        letter = get_column_letter(i)
        if col.kind in ("code",):
            ws.column_dimensions[letter].number_format = "@"  # typed text stays text: 3.10, June 11
        last = col.name.split(".")[-1]
        choices = col.choices or lists.get(last if last in lists else col.name, ())
        if col.name == "status":
            choices = lists["status"]  # (the RAG colours too: both are read)
        if name == "owners" and col.name == "kind":
            choices = col.choices
        if choices and (col.kind in ("enum", "optlist", "list") or col.name == "outcomes"):
            _drop_down(ws, letter, col.name, choices)


def template_bytes(*, form: str = "levels", name: str = "plan.xlsx") -> bytes:
    """An empty workbook to fill in: headers, drop-down lists and an instructions sheet.

    Parameters
    ----------
    form : str
        ``levels`` (one sheet per level, every field) or
        ``flat`` (one table, as published plans print it).
    name : str
        The workbook's file name, as the instructions'
        commands (``outcome-graph check NAME``) give it.
    """
    import openpyxl
    from openpyxl.utils import get_column_letter

    writer = CellWriter()
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    _instructions_sheet(wb, writer, form, name)
    if form == "flat":
        plan = wb.create_sheet("plan")
        cols = ["id", "title", "organisation", "period.start", "period.end"]
        for i, name in enumerate(cols, start=1):
            writer.put(plan, 1, i, name)
        style_sheet(plan, [Column(c) for c in cols], 1, {})
        table = wb.create_sheet("table")
        cols = [
            "priority",
            "aim",
            "objective",
            "milestone",
            "lead",
            "timescale",
            "status",
            "indicators",
            "notes",
        ]
        for i, name in enumerate(cols, start=1):
            writer.put(table, 1, i, name)
        _drop_down(table, get_column_letter(cols.index("status") + 1), "status", _STATUS_CHOICES)
        style_sheet(
            table,
            [
                Column(c if c not in ("priority", "aim", "objective", "milestone") else "title")
                for c in cols
            ],
            200,
            {},
        )
        # (typed text stays text: June 11 is the month, not the day Excel would make of it)
        table.column_dimensions[get_column_letter(cols.index("timescale") + 1)].number_format = "@"
        buffer = io.BytesIO()
        wb.save(buffer)
        return timeless_xlsx(buffer.getvalue())

    for name in SHEET_ORDER:
        layout = LAYOUTS[name]
        ws = wb.create_sheet(name)
        columns = list(layout.columns)
        for i, col in enumerate(columns, start=1):
            writer.put(ws, 1, i, col.name)
        _template_columns(ws, name, columns)
        if name == "plan":
            writer.put(ws, 2, 1, FORMAT_ID)
            writer.put(ws, 2, [c.name for c in columns].index("framework") + 1, "ecm")
        style_sheet(ws, columns, 1, {})
    buffer = io.BytesIO()
    wb.save(buffer)
    return timeless_xlsx(buffer.getvalue())


def write_template(path: str | os.PathLike[str], *, form: str = "levels") -> None:
    """Write the empty workbook of :func:`template_bytes` to ``path`` (whole or not at all)."""
    from .files import atomic_write_bytes

    if form not in ("levels", "flat"):
        raise RenderError(f"unknown template form {form!r}; choose levels or flat")
    atomic_write_bytes(path, template_bytes(form=form, name=Path(path).name))
