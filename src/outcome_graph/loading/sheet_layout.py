"""The spreadsheet form of a plan: which sheets, which columns, and how a value is written in a
cell.

The reader (:mod:`.spreadsheet`) and the writer (:mod:`..output.workbook`) share this module, so a
workbook written by outcome_graph reads back to the same plan.

**Per-level form.** One sheet per list of the format (``plan``, ``vision``, ``owners``,
``catalogues``, ``groups``, ``priorities``, ``aims``, ``objectives``, ``milestones``,
``indicators``), one row per item, one column per field. Nested fields use dotted columns
(``period.start``, ``baseline.value``, ``due.from``). Lists of objects get their own sheet with a
``node`` column naming the item they belong to (``variants``, ``ignore``, ``targets``, ``actuals``,
``due``, ``entries``, ``indicator_refs``), and an ``indicator`` column where a row belongs to an
inline indicator reference of a priority, aim or objective.

**Cells.** A list of texts is written ``a; b; c`` (a ``;`` inside an item is written ``\\;``, and a
backslash just before it or at the end of an item is doubled: ``C:\\`` is ``C:\\\\``). Two
markers keep what a blank cell cannot say: ``[]`` is an empty list (``outcomes: []``, a
deliberately cross-cutting node) and ``""`` is an empty text. A ``lead`` with a ``;`` is a list of
joint leads (a one-item list is written with a trailing ``;``). Text that starts with ``=``, ``+``,
``-`` or ``@`` is stored as text, never as a formula (see :func:`csv_escape`).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from .csvtext import header_key

__all__ = [
    "Column",
    "SheetLayout",
    "LAYOUTS",
    "LEVEL_SHEETS",
    "NODE_SHEETS",
    "SUB_SHEETS",
    "IGNORED_SHEETS",
    "EMPTY_LIST",
    "EMPTY_TEXT",
    "PLAN_NODE",
    "FLAT_COLUMNS",
    "join_list",
    "split_list",
    "encode_lead",
    "decode_lead",
    "encode_text",
    "decode_text",
    "csv_escape",
    "csv_unescape",
    "SPREADSHEET_ERRORS",
    "xlsx_escape",
    "xlsx_unescape",
    "header_key",
    "sheet_key",
    "flat_role",
    "field_meant",
    "field_role",
]

#: An empty list (``outcomes: []``); a blank cell is an absent field.
EMPTY_LIST = "[]"
#: An empty text (``timescale: ""``); a blank cell is an absent field.
EMPTY_TEXT = '""'
#: The ``node`` of a row of the ``ignore`` sheet that belongs to the plan itself, when a node, an
#: owner or a group has the plan's id (otherwise the plan's id is used).
PLAN_NODE = "(plan)"

#: What a spreadsheet program shows in a cell whose formula it could not work out (and saves so in
#: a CSV file): a value that is missing.
SPREADSHEET_ERRORS = frozenset(
    {
        "#N/A",
        "#REF!",
        "#VALUE!",
        "#DIV/0!",
        "#NAME?",
        "#NUM!",
        "#NULL!",
        "#GETTING_DATA",
        "#SPILL!",
        "#CALC!",
    }
)

#: First characters that make a spreadsheet program read a cell as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?%?$")
#: A text that is a marker (or a marker behind backslashes) gets one more backslash when written.
_MARKER = re.compile(r'^\\*(\[\]|"")$')
#: A run of backslashes (maybe none) before a ``;`` or at the end of a text.
_BACKSLASHES_BEFORE_SEP = re.compile(r"(\\*)(?:(;)|\Z)")


@dataclass(frozen=True)
class Column:
    """One column of a sheet of the per-level form.

    ``kind`` says how the cell is read and written: ``text`` (free text), ``code`` (text that
    looks like a number or date but is text: ids, numbers, periods, timescales), ``list`` (texts
    separated by ``;``; blank is an empty list), ``optlist`` (as ``list``, but blank means absent
    and ``[]`` an empty list), ``lead`` (a text, or a list of joint leads), ``number``, ``int``,
    ``date``, ``enum`` (one of ``choices``), ``refs`` (indicator ids), ``marker`` (only ``[]``:
    an explicitly empty list whose items are on another sheet) and ``file`` (a file's name, or
    ``[]`` for an explicitly empty list whose items would be on another sheet).
    """

    name: str
    kind: str = "text"
    choices: tuple[str, ...] = ()
    help: str = ""

    @property
    def path(self) -> tuple[str, ...]:
        """The field path, ``("baseline", "value")`` for ``baseline.value``."""
        return tuple(self.name.split("."))


@dataclass(frozen=True)
class SheetLayout:
    """A sheet of the per-level form."""

    name: str
    columns: tuple[Column, ...]
    help: str
    #: The node kind of a level sheet (``priority``), ``None`` for others.
    kind: str | None = None
    #: Columns a sheet must have when it has rows.
    required: tuple[str, ...] = ()
    #: Columns written even when every cell is blank (the rest only when used).
    always: tuple[str, ...] = ()
    by_name: dict[str, Column] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self.by_name.update({c.name: c for c in self.columns})


_OUTCOMES_HELP = (
    "outcome ids separated by ';' (ECM: be_healthy, stay_safe, enjoy_and_achieve, "
    "positive_contribution, economic_wellbeing); [] for a cross-cutting node"
)
STATUSES = ("not_started", "on_track", "at_risk", "off_track", "done")
#: A status as councils' trackers write it, in RAG colours (or their first letters) and words the
#: five statuses stand for: Green is on track, Amber at risk, Red off track, Blue (RAG's fourth
#: colour, for work that is over) done. Keys as compared: lower case, underscores for spaces.
STATUS_WORDS = {
    "green": "on_track",
    "g": "on_track",
    "amber": "at_risk",
    "a": "at_risk",
    "red": "off_track",
    "r": "off_track",
    "blue": "done",
    "b": "done",
    "complete": "done",
    "completed": "done",
}
#: The RAG colours from best to worst, as statuses: a
#: rating between two (``Amber/Green``) is the worse.
_RAG_ORDER = ("done", "on_track", "at_risk", "off_track")
_RAG_COLOUR = r"(green|amber|red|blue|[garb])"
#: A rating between two RAG colours, as five-point scales write it: ``Amber/Green``, ``Red-Amber``,
#: ``Green / Amber``, ``A/G``, ``AG``, ``Amber to Red`` (compared in lower case, spaces single).
_RAG_PAIR = re.compile(
    rf"{_RAG_COLOUR} ?(?:[/\\&+,|–—-]|to|and|or| ) ?{_RAG_COLOUR}|([garb])([garb])"
)


def between_colours(text: str) -> str | None:
    """The status of a rating between two RAG colours (``Amber/Green``, ``Red/Amber``, ``AG``), as
    five-point RAG scales write it: the worse of the two colours (Amber/Green is ``at_risk``,
    Red/Amber ``off_track``), as an assurance rating
    errs towards attention; ``None`` for any other text.

    >>> (between_colours("Amber/Green"), between_colours("red - amber"), between_colours("AG"),
    ...  between_colours("Green"))
    ('at_risk', 'off_track', 'at_risk', None)
    """
    m = _RAG_PAIR.fullmatch(" ".join(text.split()).casefold())
    if m is None:
        return None
    first, second = (STATUS_WORDS[g] for g in m.groups() if g is not None)
    if first == second:
        return None
    return max(first, second, key=_RAG_ORDER.index)


#: The RAG colours a status may be written as, as a drop-down lists them beside :data:`STATUSES`.
RAG_COLOURS = ("Green", "Amber", "Red", "Blue")
#: The words of :data:`STATUS_WORDS`, as an error about a status names them.
#: The RAG colours a status may be written as, as a notice names them.
RAG_WORDS_HELP = "Green, Amber, Red, Blue for done; or G, A, R, B"
STATUS_WORDS_HELP = f"a RAG colour ({RAG_WORDS_HELP}) or Complete(d)"
DIRECTIONS = ("increase", "decrease", "maintain")
COMPARATORS = ("at_least", "at_most", "below", "above")
OWNER_KINDS = ("person", "role", "team", "board", "partnership")
SCOPES = ("node", "branch")


def _value_columns(prefix: str) -> tuple[Column, ...]:
    p = f"{prefix}." if prefix else ""
    return (
        Column(
            f"{p}period",
            "code",
            help="YYYY, YYYY-YY (financial year), YYYY-Qn, YYYY-YY-Qn or an ISO date",
        ),
        Column(f"{p}value", "number", help="the number"),
        Column(f"{p}change", "code", help="a signed change from the baseline: -11, +5, -29.6%"),
        Column(f"{p}comparator", "enum", COMPARATORS, help="at_least, at_most, below or above"),
        Column(f"{p}text", "text", help="the source's words (required when no number is given)"),
        Column(f"{p}source", "text", help="the document the value comes from"),
    )


_NODE_HEAD = (
    Column("id", "code", help="unique across the plan; generated from the position when blank"),
)
_NODE_TAIL = (
    Column("outcomes", "optlist", help=_OUTCOMES_HELP),
    Column("views", "optlist", help="views the item is stated in, separated by ';'"),
    Column("tags", "list", help="markers separated by ';' (LAA; statutory)"),
    Column("see_also", "list", help="ids the source cross-refers to, separated by ';'"),
    Column("notes", "text", help="free text"),
)
_HIERARCHY = (
    Column(
        "parent", "code", help="the id of the node above, or the ids of several separated by ';'"
    ),
    Column("parents", "optlist", help="several parents, separated by ';'"),
)
_NUMBER_TITLE = (
    Column("number", "code", help="display number as printed: 1.2.3 or 2.2.5a"),
    Column("title", "text", help="the wording in the plan's primary view"),
)
_LEAD = Column("lead", "lead", help="owner id, name or alias; joint leads separated by ';'")
_REFS = Column("indicators", "refs", help="indicator ids separated by ';' (NI 72; CSC 001)")


def _level(name: str, kind: str, help: str) -> SheetLayout:
    return SheetLayout(
        name,
        _NODE_HEAD + _HIERARCHY + _NUMBER_TITLE + (_LEAD, _REFS) + _NODE_TAIL,
        help,
        kind=kind,
        required=("title",),
        always=("id", "parent", "number", "title", "lead", "indicators", "outcomes", "notes"),
    )


LAYOUTS: dict[str, SheetLayout] = {
    s.name: s
    for s in (
        SheetLayout(
            "plan",
            (
                Column("format", "text", help="outcome-graph/v1"),
                Column("id", "code", help="the plan's id: letters, digits, '.', '_' and '-'"),
                Column("title", "text"),
                Column("organisation", "text"),
                Column(
                    "period.start",
                    "date",
                    help="first day of the plan period (year-month-day: 2011-04-01)",
                ),
                Column(
                    "period.end",
                    "date",
                    help="last day of the plan period (year-month-day: 2011-04-01)",
                ),
                Column("framework", "text", help="outcome framework (ecm)"),
                Column("as_of", "date", help="the date progress is judged at"),
                Column("source", "text", help="where the plan comes from"),
                Column(
                    "views",
                    "optlist",
                    help="places in the source where an item can be stated (detail; summary)",
                ),
                Column("tags", "list"),
                Column("notes", "text"),
            ),
            "One row: what the plan is and its period.",
            required=("format",),
            always=(
                "format",
                "id",
                "title",
                "organisation",
                "period.start",
                "period.end",
                "framework",
            ),
        ),
        SheetLayout(
            "vision",
            _NODE_HEAD + _NUMBER_TITLE + _NODE_TAIL,
            "At most one row: the plan's vision statement.",
            kind="vision",
            required=("title",),
            always=("id", "title"),
        ),
        SheetLayout(
            "owners",
            (
                Column("id", "code", help="the owner's id"),
                Column("name", "text"),
                Column(
                    "kind", "enum", OWNER_KINDS, help="person, role, team, board or partnership"
                ),
                Column("aliases", "list", help="other names used as leads, separated by ';'"),
                Column(
                    "capacity", "int", help="most milestones the owner can carry in the plan period"
                ),
                Column("tags", "list"),
                Column("notes", "text"),
            ),
            "The registry of leads: one row per owner.",
            always=("id", "name", "kind", "aliases"),
        ),
        SheetLayout(
            "catalogues",
            (
                Column("prefix", "code", help="the code prefix (CSC)"),
                Column("title", "text"),
                Column(
                    "entries",
                    "file",
                    help="a CSV file beside the plan; or leave blank and use the entries sheet "
                    "([] for a catalogue with no entries)",
                ),
            ),
            "Local indicator catalogues (the National Indicator Set is built in).",
            always=("prefix", "title"),
        ),
        SheetLayout(
            "entries",
            (
                Column("node", "code", help="the catalogue's prefix"),
                Column("code", "code", help="the indicator code"),
                Column("title", "text"),
                Column("outcomes", "list", help=_OUTCOMES_HELP),
            ),
            "Entries of local catalogues written in the plan.",
            always=("node", "code", "title", "outcomes"),
        ),
        SheetLayout(
            "groups",
            (
                Column("id", "code"),
                Column("title", "text"),
                Column("kind", "text", help="e.g. corporate_priority"),
                Column(
                    "members", "list", help="ids of the nodes the heading spans, separated by ';'"
                ),
                Column("views", "optlist"),
                Column("tags", "list"),
                Column("notes", "text"),
            ),
            "Headings that span several nodes without being a level.",
            required=("title",),
            always=("id", "title", "kind", "members"),
        ),
        _level("priorities", "priority", "Priorities (also called pillars or themes)."),
        _level("aims", "aim", "Aims (also called commitments or strategic objectives)."),
        _level("objectives", "objective", "Objectives (also called targets or benefits)."),
        SheetLayout(
            "milestones",
            _NODE_HEAD
            + _HIERARCHY
            + _NUMBER_TITLE
            + (
                _LEAD,
                Column(
                    "timescale", "code", help="the source's own wording: June 11, Autumn 2008, TBA"
                ),
                Column(
                    "due",
                    "code",
                    help="2011-07-31 (or 31/07/2011), 2011-07 or 2012; a range in "
                    "due.from/due.to; a list on the due sheet",
                ),
                Column("due.from", "code", help="start of a due range"),
                Column("due.to", "code", help="end of a due range"),
                Column(
                    "status",
                    "enum",
                    STATUSES,
                    help="not_started, on_track, at_risk, off_track or done",
                ),
                Column(
                    "depends_on",
                    "list",
                    help="milestone ids that must be due no later, separated by ';'",
                ),
            )
            + _NODE_TAIL,
            "Milestones (also called actions, key milestones or strategic actions).",
            kind="milestone",
            required=("title",),
            always=(
                "id",
                "parent",
                "number",
                "title",
                "lead",
                "timescale",
                "due",
                "status",
                "notes",
            ),
        ),
        SheetLayout(
            "indicators",
            _NODE_HEAD
            + _NUMBER_TITLE
            + (
                Column(
                    "direction",
                    "enum",
                    DIRECTIONS,
                    help="increase, decrease or maintain (which way is better)",
                ),
                Column(
                    "unit", "text", help="percent, count, rate_per_10000, days, score or free text"
                ),
            )
            + _value_columns("baseline")
            + _value_columns("target")
            + (Column("targets", "marker", help="[] for an explicitly empty list of targets"),)
            + _NODE_TAIL,
            "Indicators: codes (NI 72) or local measures; several targets and the actuals are on "
            "their own sheets.",
            kind="indicator",
            required=("title",),
            always=("id", "title", "outcomes", "direction", "unit", "notes"),
        ),
        SheetLayout(
            "indicator_refs",
            (
                Column("node", "code", help="the priority, aim or objective"),
                Column("indicator", "code", help="the indicator id"),
                Column("title", "text", help="this node's own wording of the indicator"),
            )
            + _value_columns("target")
            + (Column("targets", "marker", help="[] for an explicitly empty list of targets"),),
            "Indicator references with the node's own wording or targets.",
            always=("node", "indicator", "title"),
        ),
        SheetLayout(
            "variants",
            (
                Column("node", "code"),
                Column("text", "text", help="the wording elsewhere in the source"),
                Column("where", "code", help="the view it is stated in"),
            ),
            "The same item worded differently elsewhere in the source.",
            always=("node", "text", "where"),
        ),
        SheetLayout(
            "ignore",
            (
                Column("node", "code", help="the node, owner or group (or the plan's id)"),
                Column("rule", "code", help="a rule code or prefix (OG401)"),
                Column("reason", "text"),
                Column("scope", "enum", SCOPES, help="node (default) or branch"),
            ),
            "Suppressed rules.",
            always=("node", "rule", "reason", "scope"),
        ),
        SheetLayout(
            "targets",
            (
                Column("node", "code", help="the indicator, or the node of an inline reference"),
                Column("indicator", "code", help="for an inline reference: the indicator id"),
            )
            + _value_columns(""),
            "Targets, one row per period.",
            always=("node", "period", "value", "change", "comparator", "text", "source"),
        ),
        SheetLayout(
            "actuals",
            (Column("node", "code", help="the indicator"),) + _value_columns(""),
            "Actual values, one row per period.",
            always=("node", "period", "value", "change", "comparator", "text", "source"),
        ),
        SheetLayout(
            "due",
            (
                Column("node", "code", help="the milestone"),
                Column("due", "code", help="a date, month or year"),
                Column("from", "code", help="or the start of a range"),
                Column("to", "code", help="and its end"),
            ),
            "Milestones due more than once (a list of dates).",
            always=("node", "due", "from", "to"),
        ),
    )
}

#: Level sheet name -> node kind.
LEVEL_SHEETS: dict[str, str] = {
    "priorities": "priority",
    "aims": "aim",
    "objectives": "objective",
    "milestones": "milestone",
}
#: Every sheet whose rows are nodes.
NODE_SHEETS: dict[str, str] = {"vision": "vision", **LEVEL_SHEETS, "indicators": "indicator"}
#: Sheets whose rows belong to a row of another sheet (a ``node`` column).
SUB_SHEETS: tuple[str, ...] = (
    "entries",
    "indicator_refs",
    "variants",
    "ignore",
    "targets",
    "actuals",
    "due",
)
#: Sheets outcome_graph writes for people, never read as part of the plan.
IGNORED_SHEETS: tuple[str, ...] = ("instructions", "findings", "readme")

_SHEET_ALIASES = {
    "priority": "priorities",
    "aim": "aims",
    "objective": "objectives",
    "milestone": "milestones",
    "indicator": "indicators",
    "owner": "owners",
    "catalogue": "catalogues",
    "group": "groups",
    "variant": "variants",
    "entry": "entries",
    "target": "targets",
    "actual": "actuals",
    "indicator_ref": "indicator_refs",
    "indicator_references": "indicator_refs",
    "instruction": "instructions",
    "finding": "findings",
}


def sheet_key(name: str) -> str:
    """The per-level sheet a sheet's name means (``Milestone`` -> ``milestones``), else its key."""
    key = header_key(name)
    return _SHEET_ALIASES.get(key, key)


# ---------------------------------------------------------------------------------------------
# The flat single-sheet form


#: Flat-form header names (after :func:`header_key`) and the role of the column.
FLAT_COLUMNS: dict[str, str] = {}
for _role, _names in {
    "level:priority": "priority priorities pillar pillars theme themes strategic_priority "
    "strategic_priorities key_priority key_priorities priority_area priority_areas",
    "level:aim": "aim aims commitment commitments strategic_objective strategic_objectives",
    "level:objective": "objective objectives target targets benefit benefits",
    "level:milestone": (
        "milestone milestones key_milestone key_milestones action actions key_action key_actions "
        "strategic_action strategic_actions activity activities task tasks"
    ),
    "lead": "lead leads lead_person lead_persons lead_officer lead_officers lead_officer_s owner "
    "owners responsible responsibility who whom by_whom responsible_officer "
    "responsible_officers lead_agency lead_agencies lead_partner lead_partners "
    "lead_organisation lead_organisations lead_service "
    # (Richmond's tables name the board leading each benefit "Delivery Board")
    "delivery_board delivery_boards person_responsible persons_responsible responsible_person "
    "responsible_lead accountable_officer action_owner action_owners named_lead "
    "lead_responsibility",
    "timescale": "timescale timescales by_when when deadline timeframe time_frame target_date "
    "completion_date completion_by complete_by date timescale_for_completion "
    "timescales_for_completion due_by date_due target_completion_date",
    "indicators": "indicators indicator measures measure performance_indicators "
    "performance_indicator performance_measures performance_measure pis pi kpis kpi "
    "key_performance_indicators "
    "key_performance_indicator",
    "notes": "notes note comments comment update updates progress_update progress_updates "
    "latest_update commentary progress_commentary progress_to_date progress_comments",
    "due": "due due_date",
    # (the number of the row's deepest item, as a tracker numbers its rows: 1.1, 1.2, 2.1)
    "number": "ref ref_no ref_number reference no no. number item_no",
    "status": "status",
    # (a tracker's RAG rating: read as the status when the table has no Status column)
    "rag": "rag rag_status rag_rating rag_ratings progress_(rag) status_(rag) rag_progress",
    "outcomes": "outcomes outcome ecm_outcomes ecm_outcome",
    "tags": "tags tag",
}.items():
    for _n in _names.split():
        FLAT_COLUMNS[_n] = _role
#: What a tracker heads a level's own rating with, after the level's name: ``Objective RAG``,
#: ``Milestone status``, ``Action RAG rating``.
_STATUS_SUFFIXES = ("status", "rag", "rag_status", "rag_rating")
for _n, _role in list(FLAT_COLUMNS.items()):
    if _role.startswith("level:"):
        for _suffix in _STATUS_SUFFIXES:
            FLAT_COLUMNS.setdefault(f"{_n}_{_suffix}", f"status:{_role.removeprefix('level:')}")
for _kind in ("priority", "aim", "objective", "milestone"):
    FLAT_COLUMNS[f"{_kind}_id"] = f"id:{_kind}"
    FLAT_COLUMNS[f"{_kind}.id"] = f"id:{_kind}"
    FLAT_COLUMNS[f"{_kind}_number"] = f"number:{_kind}"
    FLAT_COLUMNS[f"{_kind}.number"] = f"number:{_kind}"


#: Where a spreadsheet plan writes a field of the format that a hint names (its YAML key
#: ``target:``): the column, and the sheet that holds it (``None``: every level's sheet, and a
#: flat table's own column); a column named ``None`` is a sheet's rows. ``plan.views`` is the plan's
#: own ``views`` (a node's are ``views``).
FIELD_PLACES: dict[str, tuple[str | None, str | None]] = {
    "target": ("target.value", "indicators"),
    "targets": (None, "targets"),
    "baseline": ("baseline.value", "indicators"),
    "direction": ("direction", "indicators"),
    "outcomes": ("outcomes", None),
    "lead": ("lead", None),
    "due": ("due", None),
    "timescale": ("timescale", None),
    "status": ("status", None),
    "indicators": ("indicators", None),
    "parent": ("parent", None),
    "parents": ("parents", None),
    "views": ("views", None),
    "plan.views": ("views", "plan"),
    "members": ("members", "groups"),
    "owners": (None, "owners"),
    "aliases": ("aliases", "owners"),
    "capacity": ("capacity", "owners"),
    "ignore": (None, "ignore"),
    "catalogues": (None, "catalogues"),
}


def sheet_place(sheet: str, *, flat: bool = False, csv: bool = False) -> str:
    """A sheet of the per-level form as a hint names it: the sheet, a CSV folder's file, or, for a
    flat table (which has no such sheet), the sheet of the per-level form.

    >>> sheet_place("owners"), sheet_place("owners", csv=True), sheet_place("ignore", flat=True)
    ('the owners sheet', 'owners.csv', 'the ignore sheet of the per-level form')
    """
    where = f"{sheet}.csv" if csv else f"the {sheet} sheet"
    return where + " of the per-level form" if flat else where


def field_place(name: str, *, flat: bool = False, csv: bool = False) -> str:
    """Where a spreadsheet plan writes the field ``name``, as a hint names it in place of its YAML
    key: a column (of a sheet), or a sheet's rows; a CSV folder's file for a sheet. A flat table
    has columns of the levels' fields alone (those it reads: ``lead``, ``due``, ``outcomes``...);
    the others' are the per-level form's.

    >>> field_place("target"), field_place("outcomes", flat=True), field_place("targets", csv=True)
    ... # doctest: +NORMALIZE_WHITESPACE
    ('the `target.value` column of the indicators sheet', 'the `outcomes` column',
     'rows of targets.csv')
    >>> field_place("parents", flat=True)
    'the `parents` column of the per-level form'
    """
    column, sheet = FIELD_PLACES[name]
    where = ""
    if sheet is not None:
        where = sheet_place(sheet, flat=flat, csv=csv)
    elif flat and column not in FLAT_COLUMNS.values():
        where = "the per-level form"
    if column is None:
        return f"rows of {where}"
    return f"the `{column}` column" + (f" of {where}" if where else "")


#: How close a header must be to a known column name to be taken for a misspelling of it: close
#: enough for a letter left out, added or swapped (`Lead Offcer`, `timscale`, `Stauts`), not for a
#: column of another purpose that shares a word with one (`Progress`, `Completed`).
_MISSPELT_CUTOFF = 0.82


def misspelt_column(header: str, roles: Iterable[str]) -> str | None:
    """The known flat-form column a header that matches none most likely misspells, written as a
    person heads it (``Lead officer``), or ``None``. A name of a role the table already has a column
    of (``roles``) is no guess, nor is a header that is itself a known name (a `Target` column
    beside the indicators', read as theirs on purpose).

    >>> misspelt_column("Lead Offcer", ["level:milestone"]), misspelt_column("timscale", [])
    ('Lead officer', 'Timescale')
    >>> (misspelt_column("Lead Offcer", ["lead"]), misspelt_column("Progress", []),
    ...  misspelt_column("Budget", []))
    (None, None, None)
    """
    key = header_key(header)
    if key in FLAT_COLUMNS:
        return None
    have = set(roles)
    names = [name for name, role in FLAT_COLUMNS.items() if role not in have and "." not in name]
    match = difflib.get_close_matches(key, names, n=1, cutoff=_MISSPELT_CUTOFF)
    return match[0].replace("_", " ").capitalize() if match else None


def flat_role(header: str) -> str | None:
    """The role of a flat-form column (``level:milestone``, ``lead``...) from its header, or None.

    >>> (flat_role("Key milestones"), flat_role("By when?"), flat_role("Lead officer(s)"),
    ...  flat_role("Progress (RAG)"))
    ('level:milestone', 'timescale', 'lead', 'rag')
    >>> (flat_role("Key Actions / Milestones"), flat_role("Lead Officer / Partner"),
    ...  flat_role("Objective / Action"))
    ('level:milestone', 'lead', None)
    """
    key = header_key(header)
    role = FLAT_COLUMNS.get(key)
    if role is None:
        # "Objective(s)", "Lead officer/s", "By when?", "Key milestones:"
        key = header_key(re.sub(r"\(s\)|/s\b|[?:*.]+$", "", str(header).strip()))
        role = FLAT_COLUMNS.get(key)
    if role is None and key.endswith("s") and key[:-1] in FLAT_COLUMNS:
        role = FLAT_COLUMNS[key[:-1]]  # a plural the table above does not list ("Deadlines")
    if role is None and "/" in key:
        # "Key actions / milestones", "Lead officer / partner": the first name's role, where no
        # other name has another
        roles = [flat_role(part) for part in str(header).split("/") if part.strip()]
        if roles and roles[0] is not None and all(r in (None, roles[0]) for r in roles[1:]):
            role = roles[0]
    return role


#: The roles of a flat table's columns that name a field a per-level sheet has a column of, by
#: the same name: a header a flat table reads as one of them (``Lead officer``, ``By when``,
#: ``PI``) is that field's column under another name.
_FIELD_ROLES = ("lead", "timescale", "due", "indicators", "outcomes")


def field_role(header: str) -> str | None:
    """The field a header names under another name, as a flat table reads it (``lead`` for
    ``Lead officer``); ``None`` for the field's own name and for any other header.

    >>> field_role("Lead officer"), field_role("lead"), field_role("RAG")
    ('lead', None, None)
    """
    role = flat_role(header)
    return role if role in _FIELD_ROLES and header_key(header) != role else None


def field_meant(header: str, columns: Iterable[str]) -> tuple[str, ...]:
    """The columns of a per-level sheet (among ``columns``, those it does not have yet) that a
    header a flat table reads as a field means: ``('lead',)`` for ``Lead officer``, ``('timescale',
    'due')`` for ``Deadline`` (the plan's words, or a date), ``()`` for a header of no field's.

    >>> field_meant("Responsible officer", ["title", "lead"]), field_meant("PI", ["lead"])
    (('lead',), ())
    >>> field_meant("Target date", ["timescale", "due"]), field_meant("By when", ["due"])
    (('timescale', 'due'), ('due',))
    """
    role = field_role(header)
    if role is None:
        return ()
    meant = ("timescale", "due") if role == "timescale" else (role,)
    return tuple(name for name in meant if name in columns)


# ---------------------------------------------------------------------------------------------
# Cell values


def join_list(items: list[str]) -> str:
    """Texts as one cell: ``a; b`` (``;`` inside an item written ``\\;``, and backslashes just
    before a ``;`` or at the end of an item doubled); an empty list is ``[]``.

    >>> join_list(["LAA", "a;b"]), join_list([]), join_list(["C:\\\\", "x"])
    ('LAA; a\\\\;b', '[]', 'C:\\\\\\\\; x')
    """
    if not items:
        return EMPTY_LIST
    return "; ".join(_escape_separators(_escape_marker(str(i))) for i in items)


def split_list(text: str) -> list[str]:
    """A cell as a list of texts (the inverse of :func:`join_list`); ``[]`` is an empty list.

    >>> (split_list("NI 72; NI 73;"), split_list("[]"), split_list("a\\\\;b; c"),
    ...  split_list("C:\\\\\\\\; x"))
    (['NI 72', 'NI 73'], [], ['a;b', 'c'], ['C:\\\\', 'x'])
    """
    if text.strip() == EMPTY_LIST:
        return []
    items = (_unescape_marker(part.strip()) for part in _split_items(text))
    return [i for i in items if i]


def _escape_separators(text: str) -> str:
    """``;`` written ``\\;``; a run of backslashes before a ``;`` or at the end doubled, so that it
    does not escape what follows it (an item ``C:\\`` before the separator)."""
    return _BACKSLASHES_BEFORE_SEP.sub(
        lambda m: m.group(1) * 2 + ("\\;" if m.group(2) else ""), text
    )


def _split_items(text: str) -> list[str]:
    """The items of a cell split at each ``;`` not escaped (the inverse of
    :func:`_escape_separators` on each item, joined with ``;``): an odd run of backslashes before a
    ``;`` escapes it, and a run before a ``;`` or at the
    end is halved. Other backslashes are kept as written.

    >>> (_split_items("a\\\\;b;c"), _split_items("a\\\\\\\\;b"), _split_items("x\\\\y"),
    ...  _split_items("x\\\\\\\\"))
    (['a;b', 'c'], ['a\\\\', 'b'], ['x\\\\y'], ['x\\\\'])
    """
    items: list[str] = []
    buf: list[str] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == ";":
            items.append("".join(buf))
            buf = []
            i += 1
        elif c == "\\":
            j = i
            while j < n and text[j] == "\\":
                j += 1
            run = j - i
            if j < n and text[j] == ";":
                buf.append("\\" * (run // 2) + (";" if run % 2 else ""))
                j += (
                    run % 2
                )  # (an escaped ';' is part of the item; after an even run the ';' separates)
            elif j == n and run % 2 == 0:
                buf.append("\\" * (run // 2))
            else:
                buf.append("\\" * run)
            i = j
        else:
            buf.append(c)
            i += 1
    items.append("".join(buf))
    return items


def encode_lead(value: str | list[str]) -> str:
    """A ``lead`` as one cell: a text as written, a list of joint leads with ``;`` (always one).

    >>> encode_lead("SILS & EYFC"), encode_lead(["SILS", "EYFC"]), encode_lead(["SILS"])
    ('SILS & EYFC', 'SILS; EYFC', 'SILS;')
    """
    if isinstance(value, list):
        if len(value) == 1:
            return join_list(value) + ";"
        return join_list(value)
    return _escape_separators(encode_text(value))


def decode_lead(text: str) -> str | list[str]:
    """The inverse of :func:`encode_lead`.

    >>> decode_lead("SILS; EYFC"), decode_lead("SILS;"), decode_lead("Head of X \\\\; Y")
    (['SILS', 'EYFC'], ['SILS'], 'Head of X ; Y')
    """
    if text.strip() == EMPTY_LIST:
        return []
    items = _split_items(text)
    if len(items) > 1:
        return split_list(text)
    return decode_text(items[0])


def _escape_marker(value: str) -> str:
    return "\\" + value if _MARKER.match(value) else value


def _unescape_marker(text: str) -> str:
    return text[1:] if text.startswith("\\") and _MARKER.match(text) else text


def encode_text(value: str) -> str:
    """A text as a cell: the empty text is written ``""`` (a blank cell is an absent field); a
    text that is itself ``""`` or ``[]`` is written with a backslash before it.

    >>> encode_text(""), encode_text('""'), encode_text("[]"), encode_text("June 11")
    ('""', '\\\\""', '\\\\[]', 'June 11')
    """
    return EMPTY_TEXT if value == "" else _escape_marker(value)


def decode_text(text: str) -> str:
    """The inverse of :func:`encode_text`."""
    return "" if text == EMPTY_TEXT else _unescape_marker(text)


def is_number_text(text: str) -> bool:
    """Whether a text is a plain number (``-11``, ``+5``, ``-29.6%``), which no program runs as a
    formula."""
    return bool(_NUMBER.match(text))


def csv_escape(text: str) -> str:
    """A cell's text as written to a CSV file, safe from formula injection.

    A text that a spreadsheet program would run as a formula (it starts with ``=``, ``+``, ``-``,
    ``@``, a tab or a carriage return, and is not a plain number) is written with a leading ``'``,
    which spreadsheet programs show as text. So is a text that reads as a spreadsheet error
    (``#N/A``: the reader refuses such a cell, a value its formula could not give), and a text that
    already starts with ``'`` followed by one of those characters, another ``'`` or such an error,
    so that :func:`csv_unescape` (which the reader applies) gives back exactly the text written.

    >>> (csv_escape("=HYPERLINK(\\"http://x\\")"), csv_escape("-11"), csv_escape("'=x"),
    ...  csv_escape("it's"))
    ('\\'=HYPERLINK("http://x")', '-11', "''=x", "it's")
    """
    if not text:
        return text
    first = text[0]
    if (first in FORMULA_START and not is_number_text(text)) or text in SPREADSHEET_ERRORS:
        return (
            "'" + text
        )  # (a text that reads as a spreadsheet error, #N/A, is one the reader refuses)
    if (
        first == "'"
        and len(text) > 1
        and (text[1] in FORMULA_START or text[1] == "'" or text[1:] in SPREADSHEET_ERRORS)
    ):
        return "'" + text
    return text


def csv_unescape(text: str) -> str:
    """The inverse of :func:`csv_escape`: one leading ``'`` before ``=``, ``+``, ``-``, ``@``, a
    tab, a carriage return, another ``'`` or a spreadsheet error's text (``'#N/A``) is dropped.

    >>> csv_unescape("'=SUM(A1)"), csv_unescape("''=x"), csv_unescape("'tis")
    ('=SUM(A1)', "'=x", "'tis")
    """
    if (
        len(text) > 1
        and text[0] == "'"
        and (text[1] in FORMULA_START or text[1] == "'" or text[1:] in SPREADSHEET_ERRORS)
    ):
        return text[1:]
    return text


#: A character written as its code in a workbook's text
#: (``_x000D_``), as spreadsheet programs write it.
_XLSX_CODE = re.compile(r"_x([0-9A-Fa-f]{4})_")
#: The ``_`` that starts such a code (codes may share it: ``_x005F_x000D_``).
_XLSX_CODE_START = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")


def xlsx_escape(text: str) -> str:
    """A cell's text as stored in a workbook: a carriage return written ``_x000D_`` (the file's XML
    would read it back as a line feed), and a text that reads as such a code (``_x000D_`` typed in a
    title) with its ``_`` written ``_x005F_``, as spreadsheet programs store them.

    >>> (xlsx_escape("a\\r\\nb"), xlsx_escape("_x000D_"), xlsx_escape("x_1_"),
    ...  xlsx_escape("_x005F_x000D_"))
    ('a_x000D_\\nb', '_x005F_x000D_', 'x_1_', '_x005F_x005F_x005F_x000D_')
    """
    if "_x" in text:
        text = _XLSX_CODE_START.sub("_x005F_", text)
    return text.replace("\r", "_x000D_")


def xlsx_unescape(text: str) -> str:
    """The inverse of :func:`xlsx_escape`: each ``_xHHHH_`` is the character of that code (a cell
    Excel wrote with a carriage return holds ``_x000D_``).

    >>> xlsx_unescape("a_x000D_\\nb"), xlsx_unescape("_x005F_x000D_")
    ('a\\r\\nb', '_x000D_')
    """
    if "_x" not in text:
        return text

    def char(m: re.Match[str]) -> str:
        code = int(m.group(1), 16)
        return (
            m.group(0) if 0xD800 <= code <= 0xDFFF else chr(code)
        )  # (half a surrogate pair is no character)

    return _XLSX_CODE.sub(char, text)
