"""The per-level form: a plan sheet, a sheet per list of nodes, and the sheets of lists of
objects."""

from __future__ import annotations

from typing import Any

from ...errors import with_article
from ...model.document import FORMAT_ID, LEVELS
from ..sheet_layout import LAYOUTS, LEVEL_SHEETS, NODE_SHEETS, PLAN_NODE, SUB_SHEETS
from .reader import Reader
from .sheets import RawSheet, fail
from .tree import CHILD_LIST, LETTER, CellList, CellMap, append_child

_RANK = {kind: i for i, kind in enumerate(LEVELS)}


def read_levels(reader: Reader, by_key: dict[str, RawSheet]) -> CellMap:
    """The plan tree of a workbook (or CSV folder) in the per-level form: the plan sheet, a sheet
    per list of nodes, owners, groups and catalogues, and the sheets of lists of objects."""
    plan_sheet = by_key.get("plan")
    if plan_sheet is None:
        raise fail(
            "the workbook has no 'plan' sheet; a plan in one sheet per level needs one, with a "
            f"format column holding {FORMAT_ID}, the plan's id and period (sheets found: "
            f"{', '.join(s.name for s in reader.sheets)})",
            reader.file,
        )
    item_sheets = [name for name in NODE_SHEETS if name in by_key]
    if not item_sheets:
        raise fail(
            "the workbook has a plan sheet but no sheet of the plan's items: add priorities, "
            "aims, objectives, milestones or indicators sheets (sheets found: "
            f"{', '.join(s.name for s in reader.sheets)})",
            reader.file,
        )
    plan_row = reader.read_plan_sheet(plan_sheet, need_format=True)
    reader.fail()
    fmt = plan_row.pop("format", None)
    fmt_cell = plan_row.key_cell.pop("format", plan_row.cell)
    if fmt != FORMAT_ID:
        raise fail(
            f"format {fmt!r} is not supported; this version reads {FORMAT_ID!r}"
            if fmt
            else f"the format cell is blank: write {FORMAT_ID}",
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
    taken = {row.id_of() for name in NODE_SHEETS for row in lists[name]}
    for name, kind in NODE_SHEETS.items():
        counters: dict[str, int] = {}
        for row in lists[name]:
            parent = row.id_of("parent")
            counters[parent] = counters.get(parent, 0) + 1
            if not row.id_of() and kind in LETTER:
                new_id = ""
                while not new_id or new_id in taken:
                    own = f"{LETTER[kind]}{counters[parent]}"
                    new_id = f"{parent}.{own}" if parent else own
                    counters[parent] += new_id in taken
                taken.add(new_id)
                row.put("id", new_id, row.key_cell.get("id", row.cell))
                reader.generated_ids.add(
                    str(row["id"])
                )  # (diff matches such nodes by title, not by id)
            elif not row.id_of() and kind == "vision":
                row.put("id", "V", row.key_cell.get("id", row.cell))
            node_id = row.id_of()
            if node_id:
                reader.rows.setdefault(node_id, row)
                reader.all_rows.append((kind, row))
                reader.kinds[id(row)] = kind
    for row in lists["owners"]:
        reader.owner_rows.setdefault(row.id_of(), row)
    for row in lists["groups"]:
        reader.group_rows.setdefault(row.id_of(), row)
    catalogues = {row.id_of("prefix"): row for row in lists["catalogues"]}

    _sub_sheets(reader, by_key, plan_row, catalogues)
    reader.fail()
    refs = [
        ref
        for name in LEVEL_SHEETS
        for row in lists[name]
        if isinstance(held := row.get("indicators"), CellList)
        for ref in held
        if isinstance(ref, CellMap)
    ]
    reader.percent_units(lists["indicators"], refs)

    if len(lists["vision"]) > 1:
        reader.problem(
            "the vision sheet has more than one row; a plan has at most one vision",
            by_key["vision"],
            lists["vision"][1].cell,
        )
    if lists["vision"]:
        tree.put("vision", lists["vision"][0], lists["vision"][0].cell)
    for name in ("owners", "catalogues", "groups"):
        if lists[name]:
            tree.put(name, _list(reader, lists[name]), None)

    # The hierarchy: a row whose parent is a node of a level that holds it is written inside it.
    top: dict[str, list[CellMap]] = {name: [] for name in (*LEVEL_SHEETS, "indicators")}
    for name, kind in LEVEL_SHEETS.items():
        for row in lists[name]:
            holder = reader.rows.get(row.id_of("parent"))
            holder_kind = reader.kind_of(holder)
            if holder is not None and holder_kind is not None and _holds(holder_kind, kind):
                reader.shown_id(
                    row, "parent"
                )  # (validation will not see it: a notice of what it held)
                del row["parent"]
                append_child(holder, CHILD_LIST[kind], row)
            else:
                top[name].append(row)
    top["indicators"] = lists["indicators"]
    for name, rows in top.items():
        if rows:
            tree.put(name, _list(reader, rows), None)
    reader.fail()
    return tree


def _list(reader: Reader, rows: list[CellMap]) -> CellList:
    """``rows`` as a list located at its first row (at the file when there is none)."""
    out = (
        CellList(rows[0].file, rows[0].sheet, rows[0].cell)
        if rows
        else CellList(reader.file, None, None)
    )
    out.extend(rows)
    return out


def _sub_sheets(
    reader: Reader, by_key: dict[str, RawSheet], plan_row: CellMap, catalogues: dict[str, CellMap]
) -> None:
    plan_id = plan_row.id_of()
    for name in SUB_SHEETS:
        sheet = by_key.get(name)
        if sheet is None:
            continue
        for row in reader.read_rows(sheet, LAYOUTS[name]):
            node_id = reader.shown_id(row, "node")
            row.pop("node", None)
            node_cell = row.key_cell.pop("node", row.cell) or "A1"
            row.is_row = False
            if not node_id:
                reader.problem(
                    f"the {name} sheet's 'node' cell is blank: name the item the row belongs to",
                    sheet,
                    node_cell,
                )
                continue
            if name == "entries":
                owner = catalogues.get(node_id)
                if owner is None:
                    reader.problem(
                        f"no catalogue with prefix {node_id!r} on the catalogues sheet",
                        sheet,
                        node_cell,
                    )
                    continue
                _append(reader, owner, "entries", row, sheet, node_cell)
                continue
            # The plan's own rows name it by its id, or "(plan)" where a node, an owner or a group
            # has that id; a node, owner or group of the id named takes the row.
            held = (
                node_id in reader.rows
                or node_id in reader.owner_rows
                or node_id in reader.group_rows
            )
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
                reader.problem(
                    f"no node with id {node_id!r} (the {name} sheet's rows name the item they "
                    "belong to)",
                    sheet,
                    node_cell,
                )
                continue
            kind = reader.kind_of(target)
            if name in ("variants", "ignore"):
                _append(reader, target, name, row, sheet, node_cell)
            elif name == "due":
                if kind != "milestone":
                    reader.problem(
                        f"{node_id!r} is {with_article(kind)}, which has no due date (only "
                        "milestones have one): write the id of the milestone it dates in this "
                        "cell",
                        sheet,
                        node_cell,
                    )
                    continue
                if "due" in target and not isinstance(target["due"], CellList):
                    reader.problem(
                        f"milestone {node_id!r} has a due on the milestones sheet too; use one "
                        "or the other",
                        sheet,
                        node_cell,
                    )
                    continue
                value: Any = row
                if "due" in row:
                    value = row["due"]
                    if "from" in row or "to" in row:
                        reader.problem(
                            "give either 'due' or 'from' and 'to' in one row", sheet, node_cell
                        )
                        continue
                _append(reader, target, "due", value, sheet, node_cell)
            elif name == "actuals":
                if kind != "indicator":
                    reader.problem(
                        f"{node_id!r} is {with_article(kind)}; actuals belong to indicators",
                        sheet,
                        node_cell,
                    )
                    continue
                _append(reader, target, "actuals", row, sheet, node_cell)
            elif name in ("targets", "indicator_refs"):
                indicator = reader.shown_id(row, "indicator")
                row.pop("indicator", None)
                row.key_cell.pop("indicator", None)
                if name == "targets" and not indicator:
                    if kind != "indicator":
                        reader.problem(
                            f"{node_id!r} is {with_article(kind)}: name the indicator in the "
                            "'indicator' column for its own targets",
                            sheet,
                            node_cell,
                        )
                        continue
                    _append(reader, target, "targets", row, sheet, node_cell)
                    continue
                if kind not in ("priority", "aim", "objective"):
                    reader.problem(
                        f"{node_id!r} is {with_article(kind)}; indicator references belong to "
                        "priorities, aims and objectives",
                        sheet,
                        node_cell,
                    )
                    continue
                if not indicator:
                    reader.problem("the 'indicator' cell is blank", sheet, node_cell)
                    continue
                ref = _ref(target, indicator, sheet, node_cell)
                if name == "targets":
                    _append(reader, ref, "targets", row, sheet, node_cell)
                else:
                    for key, value in row.items():
                        if (
                            key == "targets"
                            and isinstance(ref.get("targets"), CellList)
                            and ref["targets"]
                        ):
                            continue
                        ref.put(key, value, row.key_cell.get(key))


def _append(
    reader: Reader, owner: CellMap, key: str, value: Any, sheet: RawSheet, cell: str
) -> None:
    """Add ``value`` (a row of a sheet of lists of objects) to ``owner``'s list ``key``; a list also
    written in the owner's own row is a problem, as which one holds the plan's cannot be told."""
    items = owner.get(key)
    if not isinstance(items, CellList):
        if items is not None and not (isinstance(items, list) and not items):
            reader.problem(
                f"{key!r} is given both on its own sheet and in the row of "
                f"{owner.get('id') or owner.get('prefix')!r}",
                sheet,
                cell,
            )
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
        if isinstance(ref, CellMap) and ref.id_of() == indicator:
            return ref
    ref = CellMap(sheet.file, sheet.name, cell)
    ref.put("id", indicator, cell)
    refs.append(ref)
    return ref


def _holds(parent_kind: str, child_kind: str) -> bool:
    """Whether a node of ``parent_kind`` can hold ``child_kind`` nested in the format."""
    return (
        parent_kind in ("priority", "aim", "objective") and _RANK[parent_kind] < _RANK[child_kind]
    )
