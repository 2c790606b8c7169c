"""Finding a sheet's header row, its columns and, in a flat table, its levels.

A title may sit above a table, a row may group the columns above the header, a cover page may list
the sheets that follow: the header is told from them, and each column given its field or role."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..sheet_layout import Column, SheetLayout, flat_role, header_key
from .sheets import RawSheet

#: Rows searched for a flat sheet's header (a title may sit above the table).
HEADER_SEARCH_ROWS = 20


@dataclass
class Header:
    sheet: RawSheet
    row: int
    #: column index -> field column of the layout
    columns: dict[int, Column]
    #: column index -> header text of the columns that match no field
    unknown: dict[int, str]
    n_cols: int


def header_row(sheet: RawSheet) -> int | None:
    for r in range(sheet.n_rows):
        if not sheet.is_blank(r, sheet.n_cols):
            return r
    return None


def match_column(layout: SheetLayout, text: str) -> Column | None:
    key = header_key(text)
    col = layout.by_name.get(key)
    if col is None and "_" in key:
        col = layout.by_name.get(key.replace("_", "."))
    if col is None and layout.name == "indicator_refs" and key == "id":
        col = layout.by_name.get("indicator")
    return col


def read_header(sheet: RawSheet, layout: SheetLayout) -> Header | None:
    row = header_row(sheet)
    if row is None:
        return None
    # A title row above the header ("Milestones 2011-12"): the header is the first row that names
    # two of the sheet's fields.
    for r in range(row, min(sheet.n_rows, row + HEADER_SEARCH_ROWS)):
        if (
            sum(
                1
                for c in sheet.filled(r, sheet.n_cols)
                if (t := sheet.get(r, c)) is not None and match_column(layout, t)
            )
            >= 2
        ):
            row = r
            break
    columns: dict[int, Column] = {}
    unknown: dict[int, str] = {}
    seen: set[str] = set()
    for c in sheet.filled(row, sheet.n_cols):
        text = sheet.get(row, c)
        if text is None:
            continue
        col = match_column(layout, text)
        if col is None or col.name in seen:
            unknown[c] = text.strip()
        else:
            columns[c] = col
            seen.add(col.name)
    return Header(sheet, row, columns, unknown, sheet.n_cols)


def flat_header(sheet: RawSheet) -> tuple[int, dict[str, int], dict[int, str]] | None:
    """The header row of a flat table, the column of each role and the header of each column that
    has none: the first row that names a level, or the row below it when that names more roles (a
    row grouping the columns above the header, ``Actions``
    merged over Action | Lead | By when, names a level too)."""
    n_cols = sheet.n_cols
    found: tuple[int, dict[int, str | None]] | None = None
    for r in range(min(sheet.n_rows, HEADER_SEARCH_ROWS)):
        if sheet.is_blank(r, n_cols):
            continue
        roles = {
            c: flat_role(t) for c in sheet.filled(r, n_cols) if (t := sheet.get(r, c)) is not None
        }
        named = sum(1 for role in set(roles.values()) if role)
        if found is not None and not (
            any(role and role.startswith("level:") for role in roles.values())
            and named > sum(1 for role in set(found[1].values()) if role)
        ):
            break
        if found is not None or any(role and role.startswith("level:") for role in roles.values()):
            found = (r, roles)
    if found is None:
        return None
    r, roles = found
    return (r, *_roles_of(sheet, r, roles))


def _roles_of(
    sheet: RawSheet, r: int, roles: dict[int, str | None]
) -> tuple[dict[str, int], dict[int, str]]:
    """The column of each role the header row ``r`` names (``roles``: each filled column's, by
    :func:`flat_role`) and the header of each column
    that has none (a role named twice, the second)."""
    out: dict[str, int] = {}
    unknown: dict[int, str] = {}
    levels = {role for role in roles.values() if role and role.startswith("level:")}
    for c, role in roles.items():
        if (
            role
            and role.startswith("status:")
            and f"level:{role.removeprefix('status:')}" not in levels
        ):
            role = None  # (an "Aim RAG" in a table without aims rates nothing the table holds)
        if (
            role == "level:objective"
            and roles.get(c - 1) == "indicators"
            and header_key(sheet.get(r, c) or "").rstrip("s") == "target"
        ):
            # (a "Target" beside a "Performance indicator"
            # column is the indicator's, not an objective)
            role = None
        if (
            role is not None
            and role in out
            and out[role] in sheet.hidden_cols
            and c not in sheet.hidden_cols
        ):
            # (a column hidden beside a visible one of the same role: a stale copy kept out of
            # sight, and what a person reads is the visible one's)
            unknown[out[role]] = (sheet.get(r, out[role]) or "").strip()
            out[role] = c
        elif role is None or role in out:
            unknown[c] = (sheet.get(r, c) or "").strip()
        else:
            out[role] = c
    return out, dict(sorted(unknown.items()))


#: A column of a table of indicators: a baseline, target or actual value, a year or a quarter.
_INDICATOR_COLUMN_RE = re.compile(
    r"\s*(?:baselines?|targets?|actuals?|outturns?|latest|trajectory|polarity|direction|"
    r"(?:19|20)\d\d(?:\s*[-/–]\s*\d\d(?:\d\d)?)?|q[1-4])\b",
    re.I,
)


def second_header(sheet: RawSheet, r: int) -> tuple[dict[str, int], dict[int, str]] | None:
    """The roles and unknown columns of row ``r`` when it is the header of another table below a
    flat table (after a blank row): two cells or more that name a column, and at most as many
    that name none (``Baseline``, ``2011-12``); ``None`` for a row of items, whose titles name no
    column."""
    roles = {
        c: flat_role(t) for c in sheet.filled(r, sheet.n_cols) if (t := sheet.get(r, c)) is not None
    }
    named = sum(1 for role in roles.values() if role)
    if "indicators" in roles.values():
        # (a table of indicators: its "Target" is theirs, not a level, wherever it stands; and its
        # "Baseline 2010-11", "Target 2011-12", "Actual Q2" or "2011-12" columns name its columns)
        roles = {
            c: None
            if role == "level:objective" and header_key(sheet.get(r, c) or "").startswith("target")
            else role
            for c, role in roles.items()
        }
        named = max(
            named,
            1
            + sum(
                1
                for c, role in roles.items()
                if role is None and _INDICATOR_COLUMN_RE.match(sheet.get(r, c) or "")
            ),
        )
    if named < 2 or named < len(roles) - named:
        return None
    return _roles_of(sheet, r, roles)


def without_lists(
    found: list[tuple[RawSheet, tuple[int, dict[str, int], dict[int, str]]]],
) -> list[tuple[RawSheet, tuple[int, dict[str, int], dict[int, str]]]]:
    """The flat sheets that are tables: a sheet whose header names one column alone (a cover page
    listing "Priorities" and the sheets that follow) is no table beside sheets whose headers name
    more; where none does, a table of one column is one."""
    if all(len(roles) + len(unknown) < 2 for _, (_, roles, unknown) in found):
        return found
    return [(sheet, header) for sheet, header in found if len(header[1]) + len(header[2]) >= 2]


def norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def row_texts(sheet: RawSheet, row: int, n_cols: int) -> dict[int, str]:
    """The texts of a row's cells that are not blank, by column, as compared (:func:`norm`)."""
    return {c: text for c in sheet.filled(row, n_cols) if (text := norm(sheet.get(row, c) or ""))}


def repeats_header(sheet: RawSheet, row: int, n_cols: int, header_texts: dict[int, str]) -> bool:
    """Whether a row says what the header row says (a table's header repeated for each section)."""
    return row_texts(sheet, row, n_cols) == header_texts


def is_flat(sheet: RawSheet) -> bool:
    for r in range(min(sheet.n_rows, HEADER_SEARCH_ROWS)):
        for c in sheet.filled(r, sheet.n_cols):
            text = sheet.get(r, c)
            if text is not None and (flat_role(text) or "").startswith("level:"):
                return True
    return False


def has_column(sheet: RawSheet, name: str) -> bool:
    row = header_row(sheet)
    if row is None:
        return False
    return any(header_key(sheet.get(row, c) or "") == name for c in sheet.filled(row, sheet.n_cols))
