"""Problems with the plan read from sheets, placed at their sheet and cell.

Pydantic's validation errors name a path in the tree; here they name the cell it was read from,
with what to write instead where a spreadsheet program changed what was typed. Ids and outcomes
are checked after, so that every problem is reported at once."""

from __future__ import annotations

import re
from typing import Any

from pydantic import ValidationError

from ...errors import Problem, with_article
from ...model.plan import code_key
from ..places import place_in_plan
from ..sheet_layout import STATUS_WORDS_HELP
from ..suggest import (
    catalogue_title,
    duplicate_code,
    duplicate_id,
    nearest,
    unknown_framework,
    unknown_outcome,
)
from ..validation import field_names, field_of_other_levels, model_at, worded
from .period import uk_date
from .reader import Reader
from .sheets import problem
from .tree import CellMap, place_of


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
        iso, shown = (
            f"20{m[2]}-{_MONTHS.index(m[1].lower()) + 1:02d}",
            "2011-07 as Jul-11 and 2008-09 as Sep-08",
        )
    else:
        # (a date typed in words, as a due cell takes it: '31st March 2013', which a plan period
        # does not; the date it names, to write instead)
        try:
            named = uk_date(text)
        except ValueError:
            named = None
        return None if named is None else f"write {named} if that is what was meant"
    return (
        f"a spreadsheet program shows {shown} (and saves it so in a CSV file): write {iso} if "
        "that is what was meant, in a cell formatted as Text"
    )


def validation_problems(exc: ValidationError, tree: CellMap) -> list[Problem]:
    """Pydantic's errors as problems naming the file, sheet and cell of the value at fault."""
    problems: list[Problem] = []
    seen: set[tuple[Any, ...]] = set()
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        node: Any = tree
        where = place_of(tree, (None, None, None))
        row: CellMap | None = None
        rel: list[str | int] = []
        matched: list[
            str | int
        ] = []  # (the parts of the location in the data: the value's place, in words, below)
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
            matched.append(part)
            where = place_of(node, where)
            if isinstance(node, CellMap) and node.is_row:
                row, rel = node, []
            else:
                rel.append(part)
        etype = err["type"]
        ident = (
            f"{' '.join(row['id'].split())}: "
            if row is not None and isinstance(row.get("id"), str)
            else ""
        )
        field_name = _field_path(rel)
        if etype == "missing":
            missing = str(loc[-1])
            full = f"{field_name}.{missing}" if field_name else missing
            if isinstance(node, CellMap) and missing in node.key_cell:
                where = (node.file, node.sheet, node.key_cell[missing])
                msg = f"{place_in_plan(tree, (*matched, missing))} is missing (the cell is blank)"
                if full == "title" and loc[:1] == ("indicators",) and row is not None:
                    msg += catalogue_title(row.get("id"))
            elif row is not None:
                sheet = f"the {where[1]} sheet" if where[1] else "the file"
                msg = (
                    f"{place_in_plan(tree, (*matched, missing))} is missing: {sheet} has no "
                    f"{full!r} column"
                )
            else:
                msg = f"{ident}{full} is missing: the sheet has no {full!r} column"
        elif etype == "extra_forbidden":
            name = str(loc[-1])
            model = model_at(loc[:-1])
            kind = getattr(model, "kind", None) if model is not None else None
            # (the item by its kind and id, or its place, as the other problems name it)
            owner = matched[:-1] if matched[-1:] == [loc[-1]] else matched
            whose = place_in_plan(tree, owner) if owner else None
            msg = (
                f"{name!r} is not a field of {whose}"
                if whose and whose != "the file"
                else f"{ident}{name!r} is not a field of "
                f"{with_article(kind) if isinstance(kind, str) else 'this item'}"
            )
            if model is not None:
                # (a field of other levels says so: `status`
                # on an objective's row is no misspelt `tags`)
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
            msg = f"{place_in_plan(tree, matched)}: {text}" if row is not None else f"{ident}{text}"
        key = (where, msg)
        if key in seen:
            continue
        seen.add(key)
        problems.append(problem(msg, where[0], where[1], where[2]))
        if len(problems) >= 50:
            problems.append(problem("(more problems not shown)", where[0]))
            break
    return problems


def _numbers_lost(reader: Reader, node_id: str, *rows: CellMap) -> str:
    """What to add to the problem of an id used twice, when a cell of it holds a number: a
    spreadsheet program holds ``1.10`` typed into a cell not formatted as Text as 1.1, so two ids
    typed apart (1.1 and 1.10) may be one number; the message names the cells that hold one."""
    held = [
        row.written_at("id")
        for row in rows
        if (row.file, row.sheet, row.key_cell.get("id", row.cell)) in reader.number_ids
    ]
    if not held:
        return ""
    cells = " and ".join(held)
    return (
        f"; {cells} {'hold' if len(held) > 1 else 'holds'} the number {node_id}, which is what a "
        f"spreadsheet program makes of {node_id}0 typed into a cell not formatted as Text (so "
        f"{node_id} and {node_id}0 become one id): format the id column as Text and retype the "
        "ids as written"
    )


def _other_table(reader: Reader, first: CellMap, again: CellMap) -> str:
    """What to add to the problem of an id used twice in two tables of one flat sheet: the cells and
    the header row of each table, and when a row of the second is the first's node again."""
    rows = reader.header_rows
    tables = {rows.get(id(first)), rows.get(id(again))}
    if first.sheet != again.sheet or None in tables or len(tables) == 1:
        return ""
    kind, first_kind = reader.kind_of(again) or "node", reader.kind_of(first) or "node"
    again_as = (
        "an item given the id of another table's item is that item, stated in another view, "
        f"only when both are of one level, and this is {with_article(kind)}, that "
        f"{with_article(first_kind)}"
        if kind != first_kind
        else "two items of one table are two items"
    )
    return (
        f"; {first.written_at('id')} is in the table whose header is row {rows[id(first)] + 1}, "
        f"{again.written_at('id')} in the table whose header is row {rows[id(again)] + 1} "
        f"({again_as}): give one of them another id"
    )


def ids_and_outcomes(framework: str, reader: Reader, file: str) -> list[Problem]:
    """What the YAML loader checks after validation, with sheet and cell: duplicate ids, the
    framework and the outcomes."""
    from ...model.frameworks import frameworks

    problems: list[Problem] = []
    first: dict[str, CellMap] = {}
    codes: dict[str, tuple[str, CellMap]] = {}  # indicators' codes: the first id and row
    for kind, row in reader.all_rows:
        node_id = row.id_of()
        if kind == "indicator" and node_id and node_id not in first:
            same, prev = codes.setdefault(code_key(node_id), (node_id, row))
            if same != node_id:  # (one code written two ways: NI72 and NI 72)
                problems.append(
                    problem(
                        duplicate_code(node_id, same, prev.written_at("id")),
                        row.file,
                        row.sheet,
                        row.key_cell.get("id", row.cell),
                    )
                )
        if node_id in first:
            prev = first[node_id]
            problems.append(
                problem(
                    duplicate_id(node_id, prev.written_at("id"))
                    + _numbers_lost(reader, node_id, prev, row)
                    + _other_table(reader, prev, row),
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
            problem(
                unknown_framework(framework, known),
                file,
                plan_row.sheet if plan_row else None,
                plan_row.key_cell.get("framework") if plan_row else None,
            )
        )
    else:
        valid = known[framework].ids
        for kind, row in reader.all_rows:
            outcomes = row.get("outcomes") or []
            for outcome in outcomes if isinstance(outcomes, list) else []:
                if isinstance(outcome, str) and outcome not in valid:
                    # (a published plan's "Outcome" column often holds its own outcome statements)
                    own = (
                        " (an outcomes column holds the outcomes of the framework that a row "
                        "serves; a column of the plan's own outcome statements is a level of the "
                        "plan: head it 'Objective' or 'Aim')"
                        if reader.flat_form and nearest(outcome, valid) is None
                        else ""
                    )
                    problems.append(
                        problem(
                            unknown_outcome(f"{kind} {row.get('id')}", outcome, valid, framework)
                            + own,
                            row.file,
                            row.sheet,
                            row.key_cell.get("outcomes", row.cell),
                        )
                    )
    return problems
