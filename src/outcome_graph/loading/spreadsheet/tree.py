"""The plan tree being built: mappings and lists that remember the sheet and cell of each value.

The tree is what the YAML loader would have parsed;
its cells are where validation problems point."""

from __future__ import annotations

from typing import Any

from ..csvtext import as_shown
from ..tree import LocList, LocMap
from .sheets import RawSheet

LETTER = {"priority": "P", "aim": "A", "objective": "O", "milestone": "M"}


CHILD_LIST = {"aim": "aims", "objective": "objectives", "milestone": "milestones"}


class CellMap(LocMap):
    """A mapping built from a row, with the sheet and cell of itself and of each key."""

    __slots__ = ("file", "sheet", "cell", "key_cell", "is_row", "raw")

    def __init__(
        self, file: str | None, sheet: str | None, cell: str | None, *, is_row: bool = False
    ) -> None:
        super().__init__(None, None)
        self.file = file
        self.sheet = sheet
        self.cell = cell
        self.key_cell: dict[str, str] = {}
        self.is_row = is_row
        #: The sheet read, once known (see :func:`note_sheets`).
        self.raw: RawSheet | None = None

    def written_at(self, key: str) -> str:
        """Where the cell of ``key`` (else the row) is, for a message: ``owners!A2``, or in a CSV
        file ``owners.csv:2 (column A)``."""
        ref = self.key_cell.get(key, self.cell) or ""
        return self.raw.place(ref) if self.raw is not None else f"{self.sheet}!{ref}"

    def id_of(self, key: str = "id") -> str:
        r"""The id (or code) in the cell of ``key`` as it shows, ``""`` when blank: without the
        invisible characters the format's validation leaves out of an id (:func:`as_shown`), so
        that a row is found by the id it is read as
        (``P1\u200b`` is the ``P1`` its children name)."""
        return as_shown(str(self.get(key) or ""))

    def put(self, key: str, value: Any, cell: str | None) -> None:
        self[key] = value
        if cell is not None:
            self.key_cell[key] = cell

    def child(self, key: str) -> CellMap:
        """The sub-mapping of a dotted column (``baseline`` of ``baseline.value``)."""
        sub = self.get(key)
        if not isinstance(sub, CellMap):
            sub = CellMap(self.file, self.sheet, self.key_cell.get(key, self.cell))
            self[key] = sub
        return sub


class CellList(LocList):
    """A list built from rows or a cell, with the sheet and cell where it starts."""

    __slots__ = ("file", "sheet", "cell")

    def __init__(self, file: str | None, sheet: str | None, cell: str | None) -> None:
        super().__init__(None, None)
        self.file = file
        self.sheet = sheet
        self.cell = cell


def note_sheets(tree: Any, sheet_of: dict[tuple[str | None, str | None], RawSheet]) -> None:
    """Give each mapping of the tree the sheet it was read from, so that a message about it names
    the place as the sheet's kind does (a CSV file's line)."""
    if isinstance(tree, CellMap):
        tree.raw = sheet_of.get((tree.file, tree.sheet))
        for value in tree.values():
            note_sheets(value, sheet_of)
    elif isinstance(tree, list):
        for item in tree:
            note_sheets(item, sheet_of)


def place_of(
    obj: Any, default: tuple[str | None, str | None, str | None]
) -> tuple[str | None, str | None, str | None]:
    if isinstance(obj, (CellMap, CellList)):
        return obj.file, obj.sheet, obj.cell
    return default


def append_child(holder: Any, key: str, row: Any) -> None:
    """Nest ``row`` in ``holder``'s child list ``key``, creating the list at the row's cell."""
    children = holder.get(key)
    if not isinstance(children, CellList):
        children = CellList(row.file, row.sheet, row.cell)
        holder[key] = children
    children.append(row)
