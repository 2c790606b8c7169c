"""The flat form: the table most published plans print, read row by row and level by level."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ...analysis.owners import is_placeholder
from ...analysis.timescale.patterns import AS_ABOVE_RE
from ...errors import with_article
from ...model.document import FORMAT_ID, LEVELS
from ...model.frameworks import outcome_id
from ...model.plan import Location, Notice
from ...reference.catalogue import CODE_IN_TEXT
from ..csvtext import as_shown
from ..sheet_layout import (
    EMPTY_LIST,
    STATUS_WORDS,
    STATUSES,
    between_colours,
    flat_role,
    split_list,
)
from .header import (
    Header,
    flat_header,
    norm,
    repeats_header,
    row_texts,
    second_header,
    without_lists,
)
from .notices import named
from .reader import Reader, choice
from .sheets import RawSheet, cell_ref, col_letter, fail
from .tree import CHILD_LIST, LETTER, CellList, CellMap, append_child


def read_flat(reader: Reader, data_sheets: list[RawSheet], plan_sheet: RawSheet | None) -> CellMap:
    """The plan tree of the flat tables ``data_sheets`` (the plan's meta from ``plan_sheet``, if
    any): each table's header found, then its rows read level by level (:class:`_FlatTable`)."""
    reader.flat_form = True
    plan_row = reader.read_plan_sheet(plan_sheet, need_format=False)
    plan_row.pop("format", None)
    if not str(plan_row.get("id") or "").strip():
        plan_id = re.sub(r"[^A-Za-z0-9._-]+", "-", reader.stem).strip("-") or "plan"
        plan_row.put("id", plan_id, None)
    reader.fail()
    tree = CellMap(reader.file, plan_sheet.name if plan_sheet else None, plan_row.cell)
    tree.put("format", FORMAT_ID, None)
    tree.put("plan", plan_row, plan_row.cell)
    table = _FlatTable(reader)
    found = [(sheet, at) for sheet in data_sheets if (at := flat_header(sheet)) is not None]
    headers = without_lists(found)
    covers = [
        f"{sheet.place(cell_ref(h_row, c))} {sheet.get(h_row, c)!r}"
        for sheet, (h_row, roles, _) in found
        if all(sheet is not kept for kept, _ in headers)
        for c in roles.values()
    ]
    if covers:
        reader.notices.append(
            Notice.at(
                Location(reader.file),
                "sheets whose header names one column, beside tables that "
                "name more, were taken for a cover or contents page and not read: "
                + ", ".join(covers),
            )
        )
    parts: list[tuple[RawSheet, list[_Part]]] = []
    for sheet, (h_row, roles, unknown) in headers:
        stale = {
            c: text
            for c, text in unknown.items()
            if c in sheet.hidden_cols and flat_role(text) in roles
        }
        for c, text in stale.items():
            # (a hidden column of a role a visible column has: the visible one is read, flat_header)
            shown = roles[flat_role(text) or ""]
            reader.notices.append(
                sheet.notice(
                    cell_ref(h_row, c),
                    f"the hidden column {col_letter(c)} {text!r} was not "
                    f"read, as the visible column {col_letter(shown)} "
                    f"{(sheet.get(h_row, shown) or '').strip()!r} holds the same; unhide "
                    "it and delete the one that is out of date",
                )
            )
        unknown = {c: text for c, text in unknown.items() if c not in stale}
        for key_cells in _keys_beside(sheet, h_row, roles):
            # (a key to the RAG colours beside the table, its heading maybe in the header row: one
            # notice names it, not the ignored columns' and the cells beside the table's both)
            table.key_cells.setdefault((sheet.file, sheet.name), set()).update(key_cells)
            if key_cells[0][0] == h_row:
                unknown.pop(key_cells[0][1], None)
            cells = [f"{cell_ref(r, c)} {(sheet.get(r, c) or '').strip()!r}" for r, c in key_cells]
            reader.notices.append(
                sheet.notice(
                    cell_ref(*key_cells[0]),
                    f"a key to the RAG colours beside the table, not "
                    f"items of the plan; not read: {named(cells, ', ')}",
                )
            )
        reader.note_unknown(Header(sheet, h_row, {}, unknown, sheet.n_cols), roles=roles)
        _rag_as_status(reader, sheet, h_row, roles)
        parts.append((sheet, table.tables_of(sheet, h_row, roles)))
    for sheet, sheet_parts in parts:
        # (every id the tables of every sheet give, before any row takes one from its position)
        for part in sheet_parts:
            if part.table.reads:
                table.note_given_ids(sheet, part.table.roles, range(part.first, part.end))
    for sheet, sheet_parts in parts:
        table.read_sheet(sheet, sheet_parts)
    for key in ("priorities", "aims", "objectives", "milestones"):
        if key in table.top:
            tree.put(key, table.top[key], None)
    if not table.top:
        raise fail(
            "the sheet has a header but no rows with a priority, aim, objective or milestone",
            reader.file,
            data_sheets[0].name if data_sheets else None,
        )
    if reader.rag_beside_status:
        reader.notices.append(
            Notice.at(
                Location(reader.file),
                "a RAG column beside a Status column was not read, as "
                "the Status column holds the status; rename or remove one of them to read "
                "the other: " + "; ".join(reader.rag_beside_status),
            )
        )
    table.views(plan_row)
    reader.notices.extend(table.notices())
    return tree


def _rag_as_status(reader: Reader, sheet: RawSheet, h_row: int, roles: dict[str, int]) -> None:
    """A tracker's RAG column (``RAG``, ``RAG rating``) read as the status column, which a
    table without a ``Status`` column has none of; beside one, it is named in a notice and not
    read: which of the two holds the ratings the format would keep cannot be told, and
    ``Status`` is the format's own word."""
    c = roles.pop("rag", None)
    if c is None:
        return
    if "status" not in roles:
        roles["status"] = c
        return
    reader.rag_beside_status.append(
        f"{sheet.place(cell_ref(h_row, c))} {(sheet.get(h_row, c) or '').strip()!r} "
        f"(the status is {sheet.place(cell_ref(h_row, roles['status']))} "
        f"{(sheet.get(h_row, roles['status']) or '').strip()!r})"
    )


#: The roles of a flat table's columns that hold codes (text that a spreadsheet program may
#: read as a number or date).
_FLAT_CODES = frozenset({"id", "number", "timescale", "due"})
#: A heading row naming a level (``Aim: Raise attainment``, ``Theme 2 - Staying safe``, ``Priority
#: One: Be healthy``): the level's word, a number or not, a colon, dash or full stop, and the title.
_SECTION_RE = re.compile(
    r"\s*(?P<word>priority|pillar|theme|aim|commitment|strategic\s+objective)(?![a-z])\s*"
    r"(?P<num>\d+(?:\.\d+)*[a-z]?(?![\w.])|one|two|three|four|five|six|seven|eight|nine|ten)?\s*"
    r"(?::|\s[-–—]|\.(?!\d))\s*(?P<title>\S.*)",
    re.I | re.S,
)
#: A line of a bulleted list in one cell: a bullet
#: (``•``, ``▪``, ``◦``, ``-``, ``*``...) and the item.
_BULLET_RE = re.compile(r"\s*(?:[•●◦▪■▫‣⁃∙·➢➤►✓✔]\s*|[-–—*]\s+)(?P<item>\S.*)")
#: The first cell of a note written under a table
#: ("Note: ...", "NB ...", "Key: ...", "Source: ...").
_NOTE_ROW_RE = re.compile(r"\s*(?:notes?|nb|n\.b\.|key|sources?|please\s+note)\s*[:.-]", re.I)
#: A row heading a key to the RAG colours (``Key``,
#: ``RAG key:``, ``Key to RAG ratings``, ``RAG status key``).
_KEY_HEADING_RE = re.compile(
    r"\s*(?:rag\s+(?:status\s+|rating\s+)?)?key"
    r"(?:\s+to\s+(?:the\s+)?(?:rag|status|colours?)[\w\s()/]*)?"
    r"\s*:?\s*",
    re.I,
)
#: A line of such a key: a RAG colour (or its letter), alone in its cell or before what it means
#: (``Green``, ``G``, ``Amber = some slippage``, ``Red - off track``, ``Amber/Green``).
_KEY_LINE_RE = re.compile(
    r"\s*(?P<colour>[a-z]+(?:\s*[/-]\s*[a-z]+)?)\s*(?:(?:[:=–—]|\s-)\s*\S.*)?", re.I | re.S
)
#: The first cell of a row of totals ("Total actions",
#: "Totals", "Grand total"), whose other cells are numbers.
_TOTAL_ROW_RE = re.compile(r"\s*(?:grand\s+|sub-?\s*)?totals?(?![a-z])", re.I)
_NUMBER_RE = re.compile(r"\s*[-+]?\d+(?:[.,]\d+)*\s*%?\s*")
#: What a level's cell holds when the row has no item of that level: a dash, 'N/A', 'None'.
_NO_ITEM_RE = re.compile(r"\s*(?:[-–—.]+|n/?a|none|nil)\s*", re.I)
#: An indicator's code as a table prints it (``NI 72``, ``NI72``, ``CSC 001``, ``NI 102a``).
_CODE = CODE_IN_TEXT.replace("(", "(?:")  # (the groups not kept)
_CODE_AND_WORDS_RE = re.compile(
    rf"(?:[A-Za-z ]{{1,20}}:\s*)?(?P<code>{_CODE})(?![\w.])\s*(?P<rest>.*)", re.S
)
#: Codes joined in one piece: ``NI87/NI114``, ``NI 112 and NI 113``, ``NI72/73`` (a number after a
#: code takes its prefix).
_JOINED_CODES_RE = re.compile(
    rf"(?P<code>{_CODE})(?:\s*(?:/|&|\band\b)\s*(?:{_CODE}|\d{{1,4}}[a-z]?(?![\w.])))+"
)


def _indicator_pieces(pieces: list[str]) -> list[tuple[str, str | None]]:
    """(code, title or None) of the pieces of a flat table's indicators cell, as published plans
    write them: ``NI 32 Repeat incidents of domestic violence`` (the code and the plan's title for
    it), ``NI 61 (LAA)`` and ``LAA: NI 72`` (the code), ``NI 99, 100, 101`` (numbers after a code
    take its prefix), ``NI87/NI114`` and ``NI 112 and NI 113`` (two codes), ``NI72/73`` and ``NI 55
    & 56`` (two codes, the second taking the first's prefix). A piece that starts with no code is
    kept whole (a local measure's name, ``TELLUS-FE``).

    >>> _indicator_pieces(
    ...     ["NI 32 Repeat incidents of domestic violence", "NI 61 (LAA)", "LAA: NI 72"])
    [('NI 32', 'Repeat incidents of domestic violence'), ('NI 61', None), ('NI 72', None)]
    >>> pieces = _indicator_pieces(
    ...     ["NI 99", "100", "101", "NI87/NI114", "NI 112 and NI 113", "TELLUS-FE"])
    >>> pieces[:4]
    [('NI 99', None), ('NI 100', None), ('NI 101', None), ('NI87', None)]
    >>> pieces[4:]
    [('NI114', None), ('NI 112', None), ('NI 113', None), ('TELLUS-FE', None)]
    >>> _indicator_pieces(["NI72/73", "NI 55 & 56/CSC 4", "NI 8/10 Kept"])
    ... # doctest: +NORMALIZE_WHITESPACE
    [('NI72', None), ('NI73', None), ('NI 55', None), ('NI 56', None), ('CSC 4', None),
     ('NI 8', '/10 Kept')]
    """
    out: list[tuple[str, str | None]] = []
    prefix: str | None = None
    for piece in pieces:
        if prefix is not None and re.fullmatch(r"\d{1,4}[a-z]?", piece):
            out.append((f"{prefix}{piece}", None))
            continue
        joined = _JOINED_CODES_RE.fullmatch(piece)
        if joined is not None:
            for part in re.split(r"\s*(?:/|&|\band\b)\s*", piece):
                if part[:1].isdigit():
                    part = f"{prefix}{part}"
                prefix = m.group(1) if (m := re.match(r"([A-Z]{2,6} ?)\d", part)) else prefix
                out.append((part, None))
        elif (
            (m := _CODE_AND_WORDS_RE.fullmatch(piece)) is not None
            and m["code"] != piece
            and (not m["rest"].strip() or re.search(r"\w", m["rest"]))
        ):  # (not 'NI 72' and an invisible character)
            rest = m["rest"].strip()
            title = None if not rest or (rest.startswith("(") and rest.endswith(")")) else rest
            out.append((m["code"], title))
        else:
            out.append((piece, None))
        last = re.match(r"([A-Z]{2,6} ?)\d", out[-1][0])
        prefix = last.group(1) if last else None
    return out


#: A page number in a printed plan's running title, before or after the title: ``Page 3``, ``Page 3
#: of 12``, ``p. 3``, ``pg 3/12`` (with the dash, colon or brackets that set it apart), or a cell
#: that is a page number alone (``3 of 12``, ``- 3 -``; not ``3``, nor ``3/12``, which a timescale
#: may be). Texts as compared: :func:`.header.norm`.
_PAGE = r"(?:page|pg\.?|p\.)\s*\d+(?:\s*(?:of|/)\s*\d+)?"
_PAGE_NUMBER_RE = re.compile(
    rf"[\s,;:|(\[–—-]*\b{_PAGE}\b[\s)\]]*$"  # (after the title)
    rf"|^[\s(\[]*{_PAGE}\b[\s,;:|)\]–—-]*"  # (before it)
    r"|^\s*(?:[–—-]\s*\d+\s*[–—-]|\d+\s+of\s+\d+)\s*$"
)  # (alone)


def _page_title(texts: dict[int, str]) -> tuple[tuple[int, str], ...]:
    """A row's texts (:func:`.header.row_texts`) without a page number, as a running title at the
    top of each printed page is compared with the one above the header: ``Children's Plan 2011-12 -
    Page 3`` is ``Children's Plan 2011-12``, and a cell of a page number alone (``Page 3 of 12``) is
    ``""``.

    >>> (_page_title({0: "children's plan 2011-12 - page 3"}),
    ...  _page_title({0: "page 3 of 12", 2: "draft"}))
    (((0, "children's plan 2011-12"),), ((0, ''), (2, 'draft')))
    >>> (_page_title({0: "(p. 2) action plan"}), _page_title({0: "- 3 -"}),
    ...  _page_title({0: "2011-12"}))
    (((0, 'action plan'),), ((0, ''),), ((0, '2011-12'),))
    >>> _page_title({0: "3"}), _page_title({0: "3/12"}), _page_title({0: "p1 be safe"})
    (((0, '3'),), ((0, '3/12'),), ((0, 'p1 be safe'),))
    """
    return tuple((c, _PAGE_NUMBER_RE.sub("", text).strip()) for c, text in sorted(texts.items()))


def _rag_word(text: str) -> bool:
    """Whether a text is a RAG colour, its letter or a rating between two (``Green``, ``A``,
    ``Red/Amber``)."""
    key = "_".join(text.split()).casefold()
    return (
        key in STATUS_WORDS
        and key not in ("complete", "completed")
        or between_colours(text) is not None
    )


def _is_key_line(sheet: RawSheet, r: int, n_cols: int) -> bool:
    """Whether row ``r`` is a line of a key to the RAG colours: its first cell of text a RAG colour
    (alone, or before what it means: ``Amber = some slippage``), or a cell filled in a RAG colour
    and no word beside one or two cells of text (``On track``), as a key shows a colour's swatch."""
    texts = [c for c in sheet.filled(r, n_cols) if sheet.get(r, c) is not None]
    if not texts or len(texts) > 3:
        return False
    m = _KEY_LINE_RE.fullmatch(sheet.get(r, texts[0]) or "")
    if m is not None and _rag_word(m["colour"]):
        return True
    return len(texts) <= 2 and any((r, c) in sheet.fills for c in range(texts[0]))


def short_text(text: str, limit: int = 60) -> str:
    """A text on one line, cut to ``limit`` characters with an ellipsis, for a notice."""
    one = " ".join(text.split())
    return one if len(one) <= limit else one[: limit - 1] + "…"


def _keys_beside(sheet: RawSheet, h_row: int, roles: dict[str, int]) -> list[list[tuple[int, int]]]:
    """The keys to the RAG colours beside the table whose header is row ``h_row``: in a column of
    no field, a heading (``Key``, ``RAG key``) in the header row or below it, over lines of the key
    (``Green`` | ``On track``, ``Amber = some slippage``, a cell filled amber beside its meaning);
    each as its cells (the heading's first), with the cells of its lines up to two columns right."""
    table_cols = set(roles.values())
    n_cols = sheet.n_cols

    def line(r: int, c: int) -> bool:
        text = sheet.get(r, c)
        if text is not None:
            m = _KEY_LINE_RE.fullmatch(text)
            return m is not None and _rag_word(m["colour"])
        return (r, c) in sheet.fills and c + 1 not in table_cols and sheet.get(r, c + 1) is not None

    keys = []
    headings = sorted(
        (r, c)
        for (r, c), text in sheet.cells.items()
        if r >= h_row and c not in table_cols and _KEY_HEADING_RE.fullmatch(text)
    )
    for r, c in headings:
        below = r + 1
        while below < sheet.n_rows and line(below, c):
            below += 1
        if below > r + 1:
            keys.append(
                [(r, c)]
                + [
                    (x, k)
                    for x in range(r + 1, below)
                    for k in range(c, min(c + 3, n_cols))
                    if k not in table_cols and sheet.get(x, k) is not None
                ]
            )
    return keys


#: A display number as the format writes one (``1.2.3``, ``2.2.5a``).
_NUMBER_CELL_RE = re.compile(r"\d+(?:\.\d+)*[a-z]?")
#: A level cell that starts with the item's number (:func:`_numbered`).
_NUMBERED_RE = re.compile(
    r"\s*(?P<num>\d{1,3}(?:\.\d{1,3})*[a-z]?)(?P<mark>[.)]?)\s+(?P<title>\S.*)", re.S
)


def _numbered(title: str) -> tuple[str | None, str]:
    """The number a level cell starts with and the title after it (``1. Be healthy``, ``2.3) Train
    staff``, ``1.2 Raise attainment``: a number and a full stop or bracket, or a dotted number
    before a capital), else ``None`` and the cell's text (``3.5 million pounds``, ``10 schools``).

    >>> _numbered("1. Be healthy"), _numbered("2.3) Train staff"), _numbered("1.2 Raise attainment")
    (('1', 'Be healthy'), ('2.3', 'Train staff'), ('1.2', 'Raise attainment'))
    >>> (_numbered("3.5 million pounds saved"), _numbered("10 schools join"),
    ...  _numbered("2011-12 plan"))
    ((None, '3.5 million pounds saved'), (None, '10 schools join'), (None, '2011-12 plan'))
    >>> _numbered("10 Downing Street visit"), _numbered("2.2.5a Pilot the scheme"), _numbered("1.")
    ((None, '10 Downing Street visit'), ('2.2.5a', 'Pilot the scheme'), (None, '1.'))
    """
    m = _NUMBERED_RE.fullmatch(title)
    if m is None or not (m["mark"] or ("." in m["num"] and m["title"][0].isupper())):
        return None, title
    return m["num"], m["title"].strip()


#: The level each word of :data:`_SECTION_RE` names.
_SECTION_WORDS = {
    "priority": "priority",
    "pillar": "priority",
    "theme": "priority",
    "aim": "aim",
    "commitment": "aim",
    "objective": "aim",
}


@dataclass
class _Table:
    """One table of a flat sheet: its header row, the column of each role, and what its reading
    holds open (so that the rows below its header repeated after another table continue it)."""

    h_row: int
    roles: dict[str, int]
    header_texts: dict[int, str]
    #: (kind, column) of each level column, from the top
    levels: list[tuple[str, int]]
    #: Whether its rows are read (it has a level column; a table of indicators' targets has none)
    reads: bool
    #: The open node of each level
    current: list[CellMap | None] = field(default_factory=list)
    #: The open node of each level above the table's,
    #: named by a heading row (:meth:`_FlatTable._section`)
    sections: dict[str, CellMap] = field(default_factory=dict)


@dataclass
class _Part:
    """Rows ``first`` to ``end`` (not included) of a sheet, below a header row of ``table``."""

    table: _Table
    first: int
    end: int


class _FlatTable:
    """The nodes of a flat table (Priority | Objective | Key milestones | Lead | Timescale), read
    row by row: the nodes each row opens or continues, level by level, and the fields it gives the
    deepest of them. What the reader should hear of (values that differ, joined timescales...)
    is gathered for :meth:`notices`."""

    def __init__(self, reader: Reader) -> None:
        self.reader = reader
        self.top: dict[str, CellList] = {}  # the nodes without a parent, by list
        self.found: dict[
            tuple[int, str, str], CellMap
        ] = {}  # (parent, kind, title): a node already met
        self.counts: dict[tuple[int, str], int] = {}  # children of a kind under a parent, for ids
        self.taken: set[str] = set()  # the ids the table gives (a row without one is given another)
        self.timescale_notes: list[str] = []
        self.conflicts: list[str] = []
        self.joined: list[str] = []  # timescales of a milestone merged over several rows
        self.last_lead: str | None = (
            None  # the lead of the row above that gave one ('As above' in a lead cell)
        )
        self.leads_above: list[str] = []  # lead cells that say 'as above', for a notice
        self.no_items: list[
            str
        ] = []  # level cells that say there is none ('-', 'N/A'), for a notice
        self.joint_leads: list[str] = []  # leads of a milestone merged over several rows
        self.unplaced_statuses: list[str] = []  # statuses on rows without a milestone
        self.unrated: list[str] = []  # statuses that give none yet (N/A, TBC, -)
        self.rated: set[tuple[int, str]] = (
            set()
        )  # (node, status column): a rating of a node not a milestone, noted
        self.bulleted: list[
            str
        ] = []  # milestone cells of a bulleted list, read as a milestone a bullet
        self.not_numbers: list[str] = []  # cells of a Ref column that are no number of the format
        self.numbered: list[
            str
        ] = []  # level cells that start with their item's number, read as its number
        self.beside: list[str] = []  # cells of rows read that lie beside the table, under no header
        #: (file, sheet) -> the cells of the keys to the
        #: RAG colours beside its table (named in a notice)
        self.key_cells: dict[tuple[str, str], set[tuple[int, int]]] = {}
        # Views: each table read is a view of the plan (a summary table, the detail table), named
        # after its sheet; a node met again in another table is stated in that table's view too.
        self.view_of: dict[int, str] = {}  # id(table) -> its view
        self.table: int = 0  # id() of the table being read
        self.table_of: dict[int, int] = {}  # id(node) -> id() of the table it was first met in
        self.by_given_id: dict[
            str, tuple[str, CellMap]
        ] = {}  # an id an id column gave -> (kind, node)
        self.parent_of: dict[int, CellMap | None] = {}  # id(node) -> the node it is under
        #: id(node) -> the node and where it is stated again: (view, wording, sheet, cell) each
        self.again: dict[int, tuple[CellMap, list[tuple[str, str, RawSheet, str]]]] = {}
        self.several: set[tuple[str, str]] = (
            set()
        )  # (file, sheet) of sheets holding more than one table read
        self.header_row: int | None = None  # the header row of the table read, on such a sheet

    def note_given_ids(self, sheet: RawSheet, roles: dict[str, int], rows: range) -> None:
        """Note the ids the id columns of a table give in ``rows``, so that a row whose id is blank
        (a row inserted above one with an id, a table without an id column above one with) takes
        an id no other row has, not its position's."""
        for role, c in roles.items():
            if role.startswith("id:"):
                for r in rows:
                    if (given := sheet.get(r, c)) is not None:
                        self.taken.add(as_shown(given))
                        if (typed := sheet.typed_at(r, c)) is not None and typed.shown is not None:
                            self.taken.add(typed.shown.strip())  # (a number read as shown: 007)

    def tables_of(self, sheet: RawSheet, h_row: int, roles: dict[str, int]) -> list[_Part]:
        """The tables of a sheet whose first header is row ``h_row``, as the parts of the sheet
        each reads: after a blank row, another table's header (a title row may stand above it)
        ends the part above it. A header that says what an earlier table's header says, after
        another table (a council's sections pasted one after the other, each with its header),
        continues that table; the first table's header repeated below it continues it too (a
        printed plan's header at the top of each page: the row is skipped as it is read). A notice
        names each other header row."""
        n_cols = sheet.n_cols
        first = _Table(h_row, roles, row_texts(sheet, h_row, n_cols), self._levels(roles), True)
        tables = [first]
        parts = [_Part(first, h_row + 1, sheet.n_rows)]
        unread: list[
            tuple[int, str]
        ] = []  # (part, its header as a notice names it) of tables not read
        for r in range(h_row + 2, sheet.n_rows):
            if (
                r < parts[-1].first
                or not sheet.is_blank(r - 1, n_cols)
                or sheet.is_blank(r, n_cols)
            ):
                continue
            # (a title above the table's header: "Table 2: performance indicators")
            cells = [c for c in sheet.filled(r, n_cols) if sheet.get(r, c) is not None]
            top = r + 1 if len(cells) == 1 and r + 1 < sheet.n_rows else r
            texts = row_texts(sheet, top, n_cols)
            if texts == parts[-1].table.header_texts:
                continue  # (the header of the table above again: the row is skipped as it is read)
            table = next((t for t in tables if t.header_texts == texts), None)
            header = ", ".join(
                repr((sheet.get(top, c) or "").strip()) for c in sheet.filled(top, n_cols)
            )
            if top != r:
                header += (
                    f"; under its title {(sheet.get(r, cells[0]) or '').strip()!r} in row {r + 1}"
                )
            if table is not None:
                self.reader.notices.append(
                    sheet.notice(
                        cell_ref(top, 0),
                        f"row {top + 1} repeats the header of the table "
                        f"at row {table.h_row + 1} ({header}) after another table: its "
                        "rows were read as rows of that table",
                    )
                )
            else:
                found = second_header(sheet, top)
                if found is None:
                    continue  # (a row of items: its titles name no column)
                table_roles, unknown = found
                reads = any(role.startswith("level:") for role in table_roles)
                if not reads:
                    unread.append((len(parts), header))
                else:
                    self.reader.notices.append(
                        sheet.notice(
                            cell_ref(top, 0),
                            f"row {top + 1} is the header of another "
                            f"table on the sheet ({header}): its rows were read as a table "
                            "of their own",
                        )
                    )
                    self.reader.note_unknown(
                        Header(sheet, top, {}, unknown, n_cols), roles=table_roles
                    )
                    _rag_as_status(self.reader, sheet, top, table_roles)
                table = _Table(top, table_roles, texts, self._levels(table_roles), reads)
                tables.append(table)
            parts[-1].end = r
            parts.append(_Part(table, top + 1, sheet.n_rows))
        for i, header in unread:
            # (a table of no level: its rows are named, as they end where the next table starts)
            part = parts[i]
            rows = [r + 1 for r in range(part.first, part.end) if not sheet.is_blank(r, n_cols)]
            which = (
                ""
                if not rows
                else f" (row {rows[0]})"
                if len(rows) == 1
                else f" (rows {rows[0]} to {rows[-1]})"
            )
            self.reader.notices.append(
                sheet.notice(
                    cell_ref(part.table.h_row, 0),
                    f"row {part.table.h_row + 1} is the "
                    f"header of another table on the sheet ({header}), which names no "
                    "level (priority, aim, objective or milestone): its rows were not "
                    f"read{which}",
                )
            )
        if sum(1 for t in tables if t.reads) > 1:
            self.several.add((sheet.file, sheet.name))
        return parts

    @staticmethod
    def _levels(roles: dict[str, int]) -> list[tuple[str, int]]:
        """(kind, column) of each level column of a table, from the top."""
        return [(kind, roles[f"level:{kind}"]) for kind in LEVELS[1:] if f"level:{kind}" in roles]

    def read_sheet(self, sheet: RawSheet, parts: list[_Part]) -> None:
        """The rows of one sheet, part by part (:meth:`tables_of`), each below its table's
        header."""
        n_cols = sheet.n_cols
        first = parts[0].table
        self.reader.note_hidden_columns(sheet, first.h_row, first.roles.values())
        # (the rows above the header: a printed plan's title, repeated at the top of each page)
        page_titles: dict[tuple[tuple[int, str], ...], int] = {}
        above: list[str] = []
        for r in range(first.h_row):
            if first.levels and self._section(sheet, r, first.roles, first.levels, first.sections):
                # ("Pillar 1: Excellent schools" above the table: the pillar of the sheet's rows)
                continue
            if texts := row_texts(sheet, r, n_cols):
                page_titles.setdefault(_page_title(texts), r)
                above.extend(f"{cell_ref(r, c)} {(sheet.get(r, c) or '').strip()!r}" for c in texts)
        if above:
            self.reader.notices.append(
                sheet.notice(
                    above[0].split()[0],
                    f"the rows above the header (row "
                    f"{first.h_row + 1}: a title, a key or a row grouping the columns) are "
                    f"no items of the plan; not read: {named(above, ', ')}",
                )
            )
        for part in parts:
            table = part.table
            if not table.reads:
                continue  # (a table of no level: its rows are no items)
            if table.h_row != first.h_row:
                self.reader.note_hidden_columns(sheet, table.h_row, table.roles.values())
            # (a node of a sheet of several tables knows its
            # table's header row, which a clash of ids names)
            self.header_row = table.h_row if (sheet.file, sheet.name) in self.several else None
            self.table = id(table)
            if id(table) not in self.view_of:
                self.view_of[id(table)] = self._new_view(
                    sheet, table.h_row if table is not first else None
                )
            roles, levels, header_texts = table.roles, table.levels, table.header_texts
            if not table.current:
                table.current = [None] * len(levels)
                # (a heading above the sheet's first table that names a level above this one's, too)
                table.sections.update(
                    {
                        kind: node
                        for kind, node in first.sections.items()
                        if f"level:{kind}" not in roles
                        and levels
                        and LEVELS.index(kind) < LEVELS.index(levels[0][0])
                    }
                )
            current, sections = table.current, table.sections
            # (the columns of the table: a cell of a row read
            # in any other is beside the table, and named)
            columns = set(sheet.filled(table.h_row, n_cols))
            key: list[int] = []  # the rows of a key to the RAG colours
            beside_key = self.key_cells.get(
                (sheet.file, sheet.name), set()
            )  # (named in their own notice)
            for r in range(part.first, part.end):
                if sheet.is_blank(r, n_cols):
                    continue
                if beside_key and all(
                    (r, c) in beside_key
                    for c in sheet.filled(r, n_cols)
                    if sheet.get(r, c) is not None
                ):
                    continue  # (a row of the key beside the table alone)
                if key and _is_key_line(sheet, r, n_cols):
                    key.append(r)
                    continue
                if key:
                    self._key_notice(sheet, key)
                    key = []
                if self._key_starts(sheet, r, n_cols):
                    key = [r]
                    continue
                if levels and self._section(sheet, r, roles, levels, sections):
                    current[:] = [None] * len(levels)
                    continue
                texts = row_texts(sheet, r, n_cols)
                if (same := page_titles.get(_page_title(texts))) is not None:
                    self.reader.notices.append(
                        sheet.notice(
                            cell_ref(r, 0),
                            f"row {r + 1} repeats row {same + 1} above the "
                            "header (a title repeated on each printed page); skipped",
                        )
                    )
                    continue
                if texts and not any(text for _, text in _page_title(texts)):
                    shown = "; ".join(repr((sheet.get(r, c) or "").strip()) for c in texts)
                    self.reader.notices.append(
                        sheet.notice(
                            cell_ref(r, min(texts)),
                            f"row {r + 1} is a page number "
                            f"({shown}), not an item of the plan; skipped",
                        )
                    )
                    continue
                if self._skipped(sheet, r, levels, header_texts):
                    continue
                for _kind, c in levels:  # ('-' or 'N/A' in a level's cell: no item of that level)
                    if (text := sheet.get(r, c)) is not None and _NO_ITEM_RE.fullmatch(text):
                        sheet.cells.pop(sheet.merged.get((r, c), (r, c)), None)
                        self.no_items.append(f"{sheet.place(cell_ref(r, c))} {text.strip()!r}")
                filled = [i for i, (_, c) in enumerate(levels) if sheet.get(r, c) is not None]
                if not filled:
                    cells = [c for c in sheet.filled(r, n_cols) if sheet.get(r, c) is not None]
                    shown = ", ".join(
                        f"{cell_ref(r, c)} {(sheet.get(r, c) or '').strip()!r}" for c in cells
                    )
                    self.reader.notices.append(
                        sheet.notice(
                            cell_ref(r, cells[0] if cells else 0),
                            f"row {r + 1} fills no level column ({shown}); ignored",
                        )
                    )
                    continue
                deepest = max(filled)
                self.reader.note_hidden(sheet, r)
                self.beside.extend(
                    f"{sheet.place(cell_ref(r, c))} {(sheet.get(r, c) or '').strip()!r}"
                    for c in sheet.filled(r, n_cols)
                    if c not in columns and sheet.get(r, c) is not None and (r, c) not in beside_key
                )
                top = next((sections[k] for k in reversed(LEVELS) if k in sections), None)
                bullets = self._bullets(sheet, r, roles, levels, deepest)
                titles: list[str | None] = list(bullets) if bullets else [None]
                for title in titles:
                    self._open_nodes(sheet, r, roles, levels, current, deepest, top, title)
                    self._give_fields(sheet, r, roles, levels, current, deepest)
            if key:
                self._key_notice(sheet, key)
        self.header_row = None

    @staticmethod
    def _key_starts(sheet: RawSheet, r: int, n_cols: int) -> bool:
        """Whether row ``r`` starts a key to the RAG colours: a heading (``Key``, ``RAG key``) alone
        in its row, or, after a blank row, a line of a
        key (``Green`` | ``On track``) above another."""
        texts = [c for c in sheet.filled(r, n_cols) if sheet.get(r, c) is not None]
        if len(texts) == 1 and _KEY_HEADING_RE.fullmatch(sheet.get(r, texts[0]) or ""):
            return True
        return (
            sheet.is_blank(r - 1, n_cols)
            and _is_key_line(sheet, r, n_cols)
            and r + 1 < sheet.n_rows
            and _is_key_line(sheet, r + 1, n_cols)
        )

    def _key_notice(self, sheet: RawSheet, rows: list[int]) -> None:
        """A notice naming the rows of a key to the RAG colours, which are no items."""
        n_cols = sheet.n_cols
        cells = [
            f"{cell_ref(r, c)} {(sheet.get(r, c) or '').strip()!r}"
            for r in rows
            for c in sheet.filled(r, n_cols)
            if sheet.get(r, c) is not None
        ]
        span = f"row {rows[0] + 1}" if len(rows) == 1 else f"rows {rows[0] + 1} to {rows[-1] + 1}"
        self.reader.notices.append(
            sheet.notice(
                cells[0].split()[0],
                f"{span}: a key to the RAG colours, not items of "
                f"the plan; skipped: {named(cells, ', ')}",
            )
        )

    def _bullets(
        self,
        sheet: RawSheet,
        r: int,
        roles: dict[str, int],
        levels: list[tuple[str, int]],
        deepest: int,
    ) -> list[str] | None:
        """The milestones of row ``r``'s milestone cell when it is a bulleted list (``• Do A`` and
        ``• Do B``, each line after a bullet): a plan that prints several actions in one cell means
        each as a milestone, led and timed by the row. ``None`` for any other cell: one with a line
        that is no bullet (a heading above the list, a wrapped line), one merged over rows, or a row
        that gives the milestone an id (which one milestone has)."""
        kind, c = levels[deepest]
        given_id = "id:milestone" in roles and sheet.get(r, roles["id:milestone"]) is not None
        if kind != "milestone" or given_id or sheet.is_continuation(r, c):
            return None
        text = self.reader.cell_text(sheet, r, c, "title", "text") or ""
        lines = [line for line in text.splitlines() if line.strip()]
        items = [m["item"].strip() for line in lines if (m := _BULLET_RE.fullmatch(line))]
        if len(items) < 2 or len(items) != len(lines):
            return None
        self.bulleted.append(f"{sheet.place(cell_ref(r, c))} ({len(items)} milestones)")
        return items

    def _section(
        self,
        sheet: RawSheet,
        r: int,
        roles: dict[str, int],
        levels: list[tuple[str, int]],
        sections: dict[str, CellMap],
    ) -> bool:
        """Whether row ``r`` is a heading that names a level above the table's own, which the table
        has no column for (``Aim: Raise attainment`` over a table of objectives and milestones,
        across the table or in its first column alone): it is then a node of that level, over the
        rows below it until the next such heading (``sections``: the one open at each level)."""
        n_cols = sheet.n_cols
        filled = [c for c in sheet.filled(r, n_cols) if sheet.get(r, c) is not None]
        text = sheet.heading(r, n_cols) or (sheet.get(r, filled[0]) if len(filled) == 1 else None)
        m = _SECTION_RE.match(text) if text else None
        if m is None or text is None:
            return False
        kind = _SECTION_WORDS[m["word"].lower().split()[-1]]
        if LEVELS.index(kind) >= LEVELS.index(levels[0][0]) or f"level:{kind}" in roles:
            return False
        ref = cell_ref(r, filled[0])
        parent = next(
            (sections[k] for k in reversed(LEVELS[: LEVELS.index(kind)]) if k in sections), None
        )
        title = " ".join(m["title"].split())
        node = self.found.get((id(parent), kind, norm(title))) or self._new_node(
            sheet, r, roles, kind, title, ref, parent
        )
        if m["num"] and m["num"][0].isdigit() and "number" not in node:
            node.put("number", m["num"], ref)
        sections[kind] = node
        for lower in LEVELS[LEVELS.index(kind) + 1 :]:
            sections.pop(lower, None)
        self.reader.notices.append(
            sheet.notice(
                ref,
                f"row {r + 1} is read as the {kind} {node['id']} over the rows "
                f"below it ({text.strip()[:60]!r})",
            )
        )
        return True

    def _skipped(
        self, sheet: RawSheet, r: int, levels: list[tuple[str, int]], header_texts: dict[int, str]
    ) -> bool:
        """Whether row ``r`` is a heading across the table or a repeated header, not a row of data
        (a heading over rows that leave the first level blank is their first level, and kept)."""
        n_cols = sheet.n_cols
        heading = sheet.heading(r, n_cols)
        if heading is not None and levels:
            first_col = levels[0][1]
            if self._first_level_follows(sheet, r, n_cols, first_col, header_texts):
                self.reader.notices.append(
                    sheet.notice(
                        cell_ref(r, 0),
                        f"row {r + 1} is a heading across the table "
                        f"({heading.strip()[:60]!r}); skipped",
                    )
                )
                return True
            # The rows below leave the first level blank: the heading is their
            # first level, written in its column only (not in every column it spans).
            anchor = sheet.merged.get((r, first_col), (r, first_col))
            for c in sheet.filled(r, n_cols):
                if sheet.merged.get((r, c)) == anchor:
                    del sheet.merged[(r, c)]
            sheet.cells.pop(anchor, None)
            sheet.put(r, first_col, heading)
        if repeats_header(sheet, r, n_cols, header_texts):
            self.reader.notices.append(
                sheet.notice(cell_ref(r, 0), f"row {r + 1} repeats the header row; skipped")
            )
            return True
        filled = [c for c in sheet.filled(r, n_cols) if sheet.get(r, c) is not None]
        first = sheet.get(r, filled[0]) if filled else None
        if first is not None and (
            _NOTE_ROW_RE.match(first)
            or (
                _TOTAL_ROW_RE.match(first)
                and len(filled) > 1
                and all(_NUMBER_RE.fullmatch(sheet.get(r, c) or "") for c in filled[1:])
            )
        ):
            # (a note under the table, "Note: all timescales are provisional", or a row of totals)
            self.reader.notices.append(
                sheet.notice(
                    cell_ref(r, filled[0]),
                    f"row {r + 1} is a note or a total, not an "
                    f"item of the plan ({first.strip()[:60]!r}); skipped",
                )
            )
            return True
        return False

    @staticmethod
    def _first_level_follows(
        sheet: RawSheet, r: int, n_cols: int, first_col: int, header_texts: dict[int, str]
    ) -> bool:
        """Whether the next row of data after row ``r`` fills the first level's column itself."""
        for below in range(r + 1, sheet.n_rows):
            if sheet.is_blank(below, n_cols) or repeats_header(sheet, below, n_cols, header_texts):
                continue
            return sheet.get(below, first_col) is not None
        return True  # (a heading at the end: nothing under it)

    def _cell(
        self, sheet: RawSheet, r: int, roles: dict[str, int], role: str
    ) -> tuple[str | None, str | None]:
        """The text of row ``r`` in the column of ``role`` (stripped) and its cell, or (None,
        None)."""
        c = roles.get(role)
        if c is None:
            return None, None
        name = role.split(":")[0]  # ("id:milestone" is an id, "number:aim" a number)
        value = self.reader.cell_text(sheet, r, c, name, "code" if name in _FLAT_CODES else "text")
        return (value.strip() if value is not None else None), cell_ref(r, c)

    def _open_nodes(
        self,
        sheet: RawSheet,
        r: int,
        roles: dict[str, int],
        levels: list[tuple[str, int]],
        current: list[CellMap | None],
        deepest: int,
        top: CellMap | None = None,
        milestone: str | None = None,
    ) -> None:
        """The nodes row ``r`` names, down to its ``deepest`` level: each one already met under the
        same parent (or the milestone a merged cell continues), or a new one; ``top``: the node a
        heading row named over the table's first level (:meth:`_section`); ``milestone``: the title
        of a new milestone, one bullet of the row's cell
        (:meth:`_bullets`), else the cell's text."""
        parent: CellMap | None = top
        for i in range(deepest + 1):
            kind, c = levels[i]
            text = sheet.get(r, c)
            if text is None:
                if (held := current[i]) is not None:
                    parent = held
                    self._id_again(sheet, r, roles, kind, held)
                continue
            # (as the cell shows: 1.10 under the format 0.00, TRUE for a truth value)
            title = (self.reader.cell_text(sheet, r, c, "title", "text") or text).strip()
            node: CellMap | None = None
            number = None
            if milestone is None or kind != "milestone":
                number, title = _numbered(title)
            if kind == "milestone" and milestone is not None:
                title = milestone
            elif kind == "milestone":
                if sheet.is_continuation(r, c) and current[i] is not None:
                    node = current[i]
            else:
                node = self.found.get((id(parent), kind, norm(title)))
            if node is None and not (kind == "milestone" and milestone is not None):
                node = self._given_elsewhere(sheet, r, roles, kind, parent)
            if node is not None and self.table_of.get(id(node), self.table) != self.table:
                # (a node of another table, given its id here: stated in this table's view too; met
                # by its title alone, it is that node, as the rows of a table continued)
                given, _ = self._cell(sheet, r, roles, f"id:{kind}")
                if given and as_shown(given) == node.id_of():
                    self._stated_again(sheet, node, title, cell_ref(r, c))
            if node is None:
                node = self._new_node(sheet, r, roles, kind, title, cell_ref(r, c), parent)
                if number is not None and "number" not in node:
                    node.put("number", number, cell_ref(r, c))
                    self.numbered.append(f"{sheet.place(cell_ref(r, c))} {number!r}")
            else:
                self._id_again(sheet, r, roles, kind, node)
            if current[i] is not node:
                current[i] = node
                for j in range(i + 1, len(current)):
                    current[j] = None
            parent = node

    def _new_view(self, sheet: RawSheet, h_row: int | None) -> str:
        """The view of a table: its sheet's name as a view is named (``Summary table`` is
        ``summary-table``), and for a table below the first of its sheet, its header row's too
        (``summary-row-12``); another number where two would be named the same."""
        name = re.sub(r"[^a-z0-9._-]+", "-", sheet.name.casefold()).strip("-._") or "table"
        if h_row is not None:
            name += f"-row-{h_row + 1}"
        taken = set(self.view_of.values())
        view, n = name, 1
        while view in taken:
            n += 1
            view = f"{name}-{n}"
        return view

    def _given_elsewhere(
        self, sheet: RawSheet, r: int, roles: dict[str, int], kind: str, parent: CellMap | None
    ) -> CellMap | None:
        """The node of ``kind`` that another table gave the id row ``r`` gives (a milestone of the
        detail table in the summary, under its id): the same node, stated in this table's view;
        ``None`` where the id is new, or another table's node of another level, or a node of this
        table (a duplicate id, reported)."""
        given, _ = self._cell(sheet, r, roles, f"id:{kind}")
        if not given:
            return None
        held = self.by_given_id.get(as_shown(given))
        if held is None or held[0] != kind or self.table_of.get(id(held[1])) == self.table:
            return None
        node = held[1]
        first_parent = self.parent_of.get(id(node))
        if parent is not None and first_parent is not None and parent is not first_parent:
            ref = cell_ref(r, roles[f"id:{kind}"])
            self.conflicts.append(
                f"{sheet.place(ref)} {node['id']!r} under {parent['id']!r} (kept under "
                f"{first_parent['id']!r}, where it is first given)"
            )
        return node

    def _stated_again(self, sheet: RawSheet, node: CellMap, title: str, ref: str) -> None:
        """Note that ``node``, met first in another table, is stated in the view of the table read,
        in the words ``title`` (its cell ``ref``)."""
        view = self.view_of[self.table]
        _, stated = self.again.setdefault(id(node), (node, []))
        if all(v != view for v, _, _, _ in stated):
            stated.append((view, title, sheet, ref))

    def views(self, plan_row: CellMap) -> None:
        """The views of the nodes stated in two tables or more: the plan's views, the tables' (in
        the order they are read; unless its plan sheet names its own), and each such node's
        ``views`` where its wording is the same, a variant where it differs (as the format states
        an item in several places of its source). Named in one notice."""
        if not self.again:
            return
        tables = list(dict.fromkeys(self.view_of.values()))
        own = bool(plan_row.get("views"))
        if not own:
            plan_row.put("views", tables, None)
        primary = plan_row["views"][0]
        first_table = next(iter(self.view_of))
        for _kind, row in self.reader.all_rows:
            # (a node stated in another table than the first
            # alone is in that table's view, not the first's)
            table = self.table_of.get(id(row))
            if table is not None and table != first_table and id(row) not in self.again:
                row.put("views", [self.view_of[table]], row.key_cell.get("title"))
        said: list[str] = []
        for node, stated in self.again.values():
            title = str(node["title"])
            first = self.view_of[self.table_of[id(node)]]
            same = [first] + [
                v for v, text, _, _ in stated if " ".join(text.split()) == " ".join(title.split())
            ]
            if same != [primary]:
                node.put("views", same, node.key_cell.get("title"))
            for view, text, sheet, ref in stated:
                if view in same:
                    said.append(f"{sheet.place(ref)} {node['id']} (in the {view} view)")
                    continue
                variant = CellMap(sheet.file, sheet.name, ref)
                variant.put("text", text, ref)
                variant.put("where", view, ref)
                append_child(node, "variants", variant)
                said.append(
                    f"{sheet.place(ref)} {node['id']} (a variant in the {view} view: "
                    f"{short_text(text)!r})"
                )
        views = (
            f"the tables' views are {', '.join(tables)} (the plan sheet names its own: list "
            "these there)"
            if own
            else f"the plan's views are the tables' ({', '.join(tables)})"
        )
        self.reader.notices.append(
            Notice.at(
                Location(self.reader.file),
                "items stated in several tables were read as "
                "one item in several views (its words in another table, where they "
                f"differ, a variant); {views}: {named(said, '; ')}",
            )
        )

    def _id_again(
        self, sheet: RawSheet, r: int, roles: dict[str, int], kind: str, node: CellMap
    ) -> None:
        """Note an id that a later row of ``node`` gives it, other than the one it has (a row's own
        id or its position's, which the ids of the nodes below are made from): the first is kept."""
        given, ref = self._cell(sheet, r, roles, f"id:{kind}")
        if given and ref and as_shown(given) != node.id_of():
            self.conflicts.append(
                f"{sheet.place(ref)} id {given!r} (kept {node['id']!r} for {node['title']!r})"
            )

    def _new_node(
        self,
        sheet: RawSheet,
        r: int,
        roles: dict[str, int],
        kind: str,
        title: str,
        ref: str,
        parent: CellMap | None,
    ) -> CellMap:
        """A node of ``kind`` under ``parent``: its id the row's, else one from its position."""
        reader = self.reader
        node = CellMap(sheet.file, sheet.name, ref, is_row=True)
        given, id_ref = self._cell(sheet, r, roles, f"id:{kind}")
        key = (id(parent), kind)
        self.counts[key] = self.counts.get(key, 0) + 1
        node_id, position = given or "", self.counts[key]
        while not node_id or (not given and node_id in self.taken):
            # (its position's id, or the next one no other row has: the rows after keep theirs)
            own = f"{LETTER[kind]}{position}"
            node_id = f"{parent.id_of()}.{own}" if parent is not None else own
            position += 1
        node.put("id", node_id, id_ref if given else ref)
        self.taken.add(node.id_of())  # (an id as validation reads it, as the rows are found by)
        if not given:
            reader.generated_ids.add(node_id)
        number, number_ref = self._cell(sheet, r, roles, f"number:{kind}")
        if number:
            node.put("number", number, number_ref)
        node.put("title", title, ref)
        if parent is None:
            key_list = {"priority": "priorities", **CHILD_LIST}[kind]
            if key_list not in self.top:
                self.top[key_list] = CellList(node.file, node.sheet, node.cell)
            self.top[key_list].append(node)
        else:
            append_child(parent, CHILD_LIST[kind], node)
        if kind != "milestone":
            self.found[(id(parent), kind, norm(title))] = node
        self.table_of[id(node)] = self.table
        self.parent_of[id(node)] = parent
        if given:
            self.by_given_id.setdefault(node.id_of(), (kind, node))
        reader.rows.setdefault(node.id_of(), node)
        reader.all_rows.append((kind, node))
        reader.kinds[id(node)] = kind
        if self.header_row is not None:
            reader.header_rows[id(node)] = self.header_row
        return node

    def _set_once(
        self, sheet: RawSheet, node: CellMap, key: str, value: Any, ref: str, what: str
    ) -> None:
        """Give ``node`` the value of row cell ``ref`` of ``sheet``, unless it has one (a differing
        value is named in a notice)."""
        if key not in node:
            node.put(key, value, ref)
        elif node[key] != value:
            self.conflicts.append(
                f"{sheet.place(ref)} {what} {value!r} (kept {node[key]!r} for {node['id']})"
            )

    def _give_fields(
        self,
        sheet: RawSheet,
        r: int,
        roles: dict[str, int],
        levels: list[tuple[str, int]],
        current: list[CellMap | None],
        deepest: int,
    ) -> None:
        """The fields row ``r`` gives its deepest node (indicators: the nearest node above a
        milestone)."""
        target = current[deepest]
        assert target is not None
        target_kind = levels[deepest][0]
        lead, lead_ref = self._cell(sheet, r, roles, "lead")
        if lead and lead_ref and AS_ABOVE_RE.fullmatch(lead):
            # ('As above', 'Ditto' or '"' in a lead cell: the
            # lead of the row above, as in a timescale cell)
            if self.last_lead is None:
                lead = None
                self.leads_above.append(f"{sheet.place(lead_ref)} (no lead above it: none read)")
            else:
                self.leads_above.append(f"{sheet.place(lead_ref)} ({self.last_lead!r})")
                lead = self.last_lead
        if lead and lead_ref:
            held = target.get("lead")
            if (
                target_kind == "milestone"
                and held is not None
                and lead not in (held if isinstance(held, list) else [held])
                and sheet.is_continuation(r, levels[deepest][1])
            ):
                # One milestone merged over rows, a lead on
                # each: joint leads, as its dates are joined.
                target.put(
                    "lead",
                    [*(held if isinstance(held, list) else [held]), lead],
                    target.key_cell.get("lead"),
                )
                self.joint_leads.append(sheet.place(lead_ref))
            else:
                self._set_once(sheet, target, "lead", lead, lead_ref, "lead")
            self.last_lead = lead
        elif lead_ref and "lead" not in target.key_cell:
            # (a blank lead cell: where a finding of a missing lead points, the cell to fill in)
            target.key_cell["lead"] = lead_ref
        timescale, ts_ref = self._cell(sheet, r, roles, "timescale")
        if timescale and ts_ref:
            self._timescale(sheet, r, target, target_kind, timescale, ts_ref, levels[deepest][1])
        elif ts_ref and target_kind == "milestone" and "timescale" not in target.key_cell:
            target.key_cell["timescale"] = ts_ref  # (a blank timescale cell, as a blank lead cell)
        inds, ind_ref = self._cell(sheet, r, roles, "indicators")
        if inds and ind_ref:
            holder = next(
                (
                    current[i]
                    for i in range(deepest, -1, -1)
                    if levels[i][0] != "milestone" and current[i] is not None
                ),
                None,
            )
            self._indicators(sheet, holder, inds, ind_ref)
        note, note_ref = self._cell(sheet, r, roles, "notes")
        if note and note_ref:
            notes = target.get("notes")
            if not notes or note not in notes:
                target.put("notes", f"{notes}\n{note}" if notes else note, note_ref)
        due, due_ref = self._cell(sheet, r, roles, "due")
        if due and due_ref and target_kind != "milestone":
            # (a due date is a milestone's: the format gives a priority, aim or objective none, and
            # whose it is, of the milestones below, is the user's to say)
            self.reader.problem(
                f"due {due!r} is on the row of {target_kind} {target['id']}, which names no "
                f"milestone, and {with_article(target_kind)} has no due date (only milestones "
                "have one): move it to the row of the milestone it dates, or write that "
                "milestone in this row",
                sheet,
                due_ref,
            )
        elif due and due_ref:
            self._set_once(sheet, target, "due", due, due_ref, "due")
        self._status(sheet, r, roles, "status", target, target_kind)
        number, number_ref = self._cell(sheet, r, roles, "number")
        if number and number_ref and f"number:{target_kind}" not in roles:
            if _NUMBER_CELL_RE.fullmatch(number):
                self._set_once(sheet, target, "number", number, number_ref, "number")
            else:
                self.not_numbers.append(f"{sheet.place(number_ref)} {number!r}")
        for i, (kind, _) in enumerate(levels[: deepest + 1]):
            if (node := current[i]) is not None:
                self._status(sheet, r, roles, f"status:{kind}", node, kind)
        for role in ("outcomes", "tags"):
            value, role_ref = self._cell(sheet, r, roles, role)
            if value and role_ref:
                items = (
                    split_list(value)
                    if ";" in value or value == EMPTY_LIST
                    else [x.strip() for x in value.split(",") if x.strip()]
                )
                if role == "outcomes":
                    items = [outcome_id(x) for x in items]
                self._set_once(sheet, target, role, items, role_ref, role)

    def _status(
        self, sheet: RawSheet, r: int, roles: dict[str, int], role: str, node: CellMap, kind: str
    ) -> None:
        """The status row ``r`` gives ``node`` (of ``kind``) in the column of ``role``: the table's
        ``Status`` column rates the row's deepest node, a level's own column (``Milestone RAG``,
        ``Objective RAG``) that level's node. Only milestones have a status in the format: another
        node's rating is named in a notice, once however many of its rows repeat it."""
        if role in roles and kind == "milestone":
            self.reader.note_colour(sheet, r, roles[role])
        text, ref = self._cell(sheet, r, roles, role)
        if not text or not ref:
            return
        if kind != "milestone":
            # (a tracker rates objectives too; the format gives milestones alone a status)
            if (id(node), role) not in self.rated:
                self.rated.add((id(node), role))
                self.unplaced_statuses.append(f"{sheet.place(ref)} {text!r} ({kind} {node['id']})")
        elif is_placeholder(text):
            self.unrated.append(f"{sheet.place(ref)} {text!r}")
        elif (status := choice(text, STATUSES)) not in STATUSES:
            # (a word of the council's own scale, 'On hold', 'Purple': the plan loads without it)
            self.reader.unknown_statuses.append((sheet, ref, text))
        else:
            if status == between_colours(text):
                self.reader.note_between(sheet, ref, text, status)
            self._set_once(sheet, node, "status", status, ref, "status")

    def _timescale(
        self,
        sheet: RawSheet,
        r: int,
        target: CellMap,
        target_kind: str,
        timescale: str,
        ts_ref: str,
        column: int,
    ) -> None:
        """A row's timescale: a milestone's own (joined when the milestone is merged over rows);
        on a row without a milestone, kept in its node's notes."""
        if (
            target_kind == "milestone"
            and "timescale" in target
            and target["timescale"] != timescale
            and sheet.is_continuation(r, column)
        ):
            # One milestone merged over rows, a date on each: "Sept 11; March 12".
            target.put(
                "timescale", f"{target['timescale']}; {timescale}", target.key_cell.get("timescale")
            )
            self.joined.append(sheet.place(ts_ref))
        elif target_kind == "milestone":
            self._set_once(sheet, target, "timescale", timescale, ts_ref, "timescale")
        else:
            line = f"Timescale: {timescale}"
            notes = target.get("notes")
            if not notes or line not in notes:
                target.put(
                    "notes",
                    f"{notes}\n{line}" if notes else line,
                    target.key_cell.get("notes", ts_ref),
                )
                self.timescale_notes.append(f"{sheet.place(ts_ref)} ({target['id']})")

    def _indicators(self, sheet: RawSheet, holder: CellMap | None, inds: str, ind_ref: str) -> None:
        """The indicator codes of a row's cell, added to ``holder``'s (each once)."""
        # (';' separates a list of texts; with it, a comma before a code's number or a code
        # still separates codes: 'NI 99, 100; NI 72')
        codes = (
            [
                x.strip()
                for p in split_list(inds)
                for x in re.split(r",\s*(?=\d|[A-Z]{2,6} ?\d)", p)
                if x.strip()
            ]
            if ";" in inds
            else [x.strip() for x in re.split(r"[,\n]", inds) if x.strip()]
        )
        if holder is None:
            self.reader.notices.append(
                sheet.notice(
                    ind_ref, "indicators on a row with no priority, aim or objective; ignored"
                )
            )
            return
        refs = holder.get("indicators")
        if not isinstance(refs, CellList):
            refs = CellList(sheet.file, sheet.name, ind_ref)
            holder.put("indicators", refs, ind_ref)
        have = {x.id_of() for x in refs}
        for code, title in _indicator_pieces(codes):
            if as_shown(code) not in have:
                item = CellMap(sheet.file, sheet.name, ind_ref)
                item.put("id", code, ind_ref)
                if title:
                    item.put("title", title, ind_ref)
                refs.append(item)
                have.add(item.id_of())

    def notices(self) -> list[Notice]:
        """What the reading did that a person should know, one notice each."""

        def cells(items: list[Any]) -> str:
            return named(items, ", ")

        told: list[
            tuple[list[Any], str, Callable[[list[Any]], str]]
        ] = [  # (the items, what was done, how listed)
            (
                self.timescale_notes,
                "a timescale on a row without a milestone is kept in that node's notes: ",
                ", ".join,
            ),
            (
                self.conflicts,
                "values that differ from the first one given were ignored: ",
                "; ".join,
            ),
            (
                self.unplaced_statuses,
                "the status of a priority, aim or objective (on a row without a milestone, or in "
                "its own rating column) is not part of the plan, as only milestones have a "
                "status in the format (rate each milestone on its own row): ",
                cells,
            ),
            (
                self.joint_leads,
                "the leads of a milestone merged over several rows are its joint leads: ",
                ", ".join,
            ),
            (
                self.no_items,
                "a level cell that names no item ('-', 'N/A') was read as blank: ",
                cells,
            ),
            (
                self.leads_above,
                "a lead cell that says the lead above ('As above', 'Ditto') was read as that "
                "lead: ",
                cells,
            ),
            (self.unrated, "a status that gives none yet was read as no status: ", cells),
            (
                self.bulleted,
                "a milestone cell holding a bulleted list was read as a milestone for each "
                "bullet, each with the row's lead, timescale and status: ",
                cells,
            ),
            (
                self.not_numbers,
                "a Ref or No. cell that is no number of the format (dotted whole numbers, maybe a "
                "final letter: 1.2, 2.2.5a) was not read: ",
                cells,
            ),
            (
                self.numbered,
                "a level cell that starts with a number ('1. Be healthy', '1.2 Raise "
                "attainment') gives the item that number, the rest its title: ",
                cells,
            ),
            (
                self.beside,
                "cells beside a table, in a column with no header, were not read: ",
                cells,
            ),
            (
                self.joined,
                "the timescales of a milestone merged over several rows were joined with '; ': ",
                ", ".join,
            ),
        ]
        return [
            Notice.at(Location(self.reader.file), what + listed(items))
            for items, what, listed in told
            if items
        ]
