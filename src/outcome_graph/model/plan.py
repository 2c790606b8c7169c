"""The loaded plan: every node by id, with its kind, parents and source position.

:class:`Plan` is what the loader returns and what the graph and rules read. It keeps the validated
document (``plan.document``) and adds the flat view rules need: ``plan.nodes`` in file order, each
node's parents (nesting and ``parent``/``parents`` merged), the indicators the plan refers to but
does not declare (created from their catalogue), and the effective views of each node.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Literal, overload

from .document import (
    LEVELS,
    Aim,
    CatalogueSpec,
    Group,
    Indicator,
    Milestone,
    NodeSpec,
    Objective,
    Owner,
    PlanDocument,
    PlanMeta,
    Priority,
    Vision,
)
from .frameworks import Framework, get_framework

if TYPE_CHECKING:
    from ..reference.catalogue import Catalogue

__all__ = ["Plan", "Location", "Notice", "BrokenRef", "require_plan"]


@dataclass(frozen=True)
class Location:
    """Where something is written: file and line/column, or sheet and cell for workbooks.

    >>> (str(Location("plan.yaml", 12, 7)),
    ...  str(Location("plan.xlsx", sheet="milestones", cell="C14")))
    ('plan.yaml:12:7', 'plan.xlsx:milestones!C14')
    """

    file: str | None = None
    line: int | None = None
    column: int | None = None
    sheet: str | None = None
    cell: str | None = None

    def to_dict(self) -> dict[str, object]:
        """The location as the findings document writes it (every key, ``None`` where unknown):
        standard input (``<stdin>``) is no file, so its ``file`` is ``None`` too, as SARIF and
        GitHub point at no file for it, lest a program open a file of that name.

        >>> (Location("<stdin>", 12, 7).to_dict()["file"],
        ...  Location("plan.yaml", 12, 7).to_dict()["file"])
        (None, 'plan.yaml')
        """
        from ..errors import real_file

        return {
            "file": real_file(self.file),
            "line": self.line,
            "column": self.column,
            "sheet": self.sheet,
            "cell": self.cell,
        }

    def __str__(self) -> str:
        from ..errors import where

        return where(self.file, self.line, self.column, self.sheet, self.cell)


class Notice(str):
    """Something loading a plan passed over without failing (a hidden sheet not read, a CSV file
    read as Windows-1252), for a tool to show: the text the command line prints, which is a
    ``str`` as it always was, that also knows where it is and what it says apart from that.

    ``location`` is where the notice points (all ``None`` where the loader knew no place, as for
    a notice given as plain text), ``message`` the text after the location.

    >>> n = Notice.at(Location("plan.xlsx", sheet="milestones", cell="C14"),
    ...               "row 14 repeats the header row")
    >>> n, n.message, n.location.cell  # doctest: +NORMALIZE_WHITESPACE
    ('plan.xlsx:milestones!C14: row 14 repeats the header row', 'row 14 repeats the header row',
    'C14')
    >>> Notice.of("read as Windows-1252").location == Location()
    True
    """

    location: Location
    message: str

    def __new__(
        cls, text: str, location: Location | None = None, message: str | None = None
    ) -> Notice:
        # (str's own pickling makes a subclass with its text alone, then sets its attributes)
        self = super().__new__(cls, text)
        self.location = location or Location()
        self.message = text if message is None else message
        return self

    @classmethod
    def at(cls, location: Location, message: str) -> Notice:
        """A notice about ``location``, written ``location: message`` as every notice begins."""
        return cls(f"{location}: {message}", location, message)

    @classmethod
    def of(cls, text: str) -> Notice:
        """``text`` as a notice: itself if it is one, else a notice with no known location (a
        notice a tool appended to ``plan.notices`` as plain text)."""
        return text if isinstance(text, Notice) else cls(str(text))

    def to_dict(self) -> dict[str, object]:
        """The notice as the findings document writes it: its message and location."""
        return {"message": self.message, "location": self.location.to_dict()}


@dataclass(frozen=True)
class BrokenRef:
    """A reference from a node (or group) to an id that does not exist."""

    source: str  # the referring node's or group's id
    field: str  # parent, indicators, depends_on, see_also, members, variants.where, views
    target: str


@dataclass
class Plan:
    """A plan loaded from a file: the validated document plus the flat view rules need.

    Attributes
    ----------
    document : PlanDocument
        The file as validated.
    nodes : dict[str, NodeSpec]
        Every node (vision, priorities, aims, objectives, milestones, indicators), in file order,
        including indicators created implicitly from a catalogue.
    parents : dict[str, tuple[str, ...]]
        Each hierarchy node's parent ids (nesting and ``parent``/``parents`` merged), including ids
        that do not exist (broken references, which a rule reports).
    file : str or None
        The file it was loaded from; ``None`` for a plan given as text, bytes or a mapping with no
        ``name`` (its findings then have no file either, and messages say ``<plan>``).
    notices : list[str]
        What loading passed over without failing (sheets or columns it ignored, a CSV file read
        as Windows-1252, hidden rows read, a lead too long to split), for a tool to show: the
        command line prints them, and ``og.check`` puts them in its report. Each is a
        :class:`Notice`, a ``str`` that also has its ``location`` and ``message``.

    Examples
    --------
    >>> from outcome_graph import load
    >>> plan = load('''
    ... format: outcome-graph/v1
    ... plan: {id: demo, period: {start: 2011-04-01, end: 2012-03-31}}
    ... aims: [{id: A1, title: Safer streets, objectives: [{id: O1, title: Fewer accidents}]}]
    ... milestones: [{id: M1, title: Audit junctions, parent: O1}]
    ... ''')
    >>> plan.parents["M1"], [n.id for n in plan.of_kind("objective")], plan.levels_used()
    (('O1',), ['O1'], ('aim', 'objective', 'milestone'))
    >>> str(plan.location("M1"))
    '<plan>:5:14'
    """

    document: PlanDocument
    file: str | None
    base_dir: str | None
    nodes: dict[str, NodeSpec] = field(default_factory=dict)
    parents: dict[str, tuple[str, ...]] = field(default_factory=dict)
    implicit_indicators: set[str] = field(default_factory=set)
    indicator_aliases: dict[str, str] = field(default_factory=dict)
    catalogues: dict[str, Catalogue] = field(default_factory=dict)
    owner_lines: dict[str, tuple[int | None, int | None]] = field(default_factory=dict)
    group_lines: dict[str, tuple[int | None, int | None]] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)
    locations: dict[str, Location] = field(default_factory=dict)
    #: Where each owner and group of a spreadsheet is (sheet and cell): an owner, a group and a
    #: node may share an id, and ``locations`` holds the node's.
    owner_locations: dict[str, Location] = field(default_factory=dict)
    group_locations: dict[str, Location] = field(default_factory=dict)
    #: Where a field of a node is written, in a form that keeps it apart from the node's place (a
    #: spreadsheet's cell: the timescale column of a milestone's row), by (node id, field):
    #: ``timescale``, ``due``, ``lead`` and ``status``. A finding about the field points there.
    field_locations: dict[tuple[str, str], Location] = field(default_factory=dict)
    #: The files read to make the plan: the plan's own (a CSV folder's files) and the local
    #: catalogues' ``entries`` files. A command never writes its output over one of them.
    sources: list[str] = field(default_factory=list)
    #: Ids the loader made from a node's position (a flat table with no id columns): they say
    #: where a node is, not which node it is (``diff`` matches such nodes by title).
    generated_ids: set[str] = field(default_factory=set)
    #: The spreadsheet form the plan was read from: ``levels`` (a sheet or CSV file per level),
    #: ``flat`` (a table as published plans print it), else ``None`` (YAML or JSON), so that a hint
    #: names the column to fill in rather than a YAML key.
    spreadsheet: str | None = None
    #: Every lead text the nodes write (a list lead's each item), gathered while the plan is built,
    #: so that the loader's test of each for length is made once per text, not once per node.
    lead_texts: set[str] = field(default_factory=set, repr=False, compare=False)

    # --- the plan block -------------------------------------------------------------------
    @property
    def meta(self) -> PlanMeta:
        """The ``plan:`` block as written (id, title, period, framework, views, ignore...)."""
        return self.document.plan

    @property
    def id(self) -> str:
        """The plan's id (``plan.id``), which findings, baselines and diffs are keyed by."""
        return self.document.plan.id

    @property
    def title(self) -> str:
        """The plan's title, or its id when it has none."""
        return self.document.plan.title or self.document.plan.id

    @property
    def period(self) -> tuple[date, date]:
        """The first and last day of the plan period."""
        p = self.document.plan.period
        return p.start, p.end

    @property
    def framework(self) -> Framework:
        """The outcomes framework the plan tags its nodes with (Every Child Matters by default)."""
        return get_framework(self.document.plan.framework)

    @property
    def views(self) -> tuple[str, ...]:
        """The declared views (``plan.views``), or ``("detail",)``."""
        return tuple(self.document.plan.views or ("detail",))

    @property
    def primary_view(self) -> str:
        """The first of the plan's views: the one a node without ``views`` belongs to."""
        return self.views[0]

    @property
    def owners(self) -> list[Owner]:
        """The owners declared under ``owners:`` (leads that match none are implicit owners:
        see :attr:`PlanFacts.owners`)."""
        return self.document.owners

    @property
    def groups(self) -> list[Group]:
        """The groups declared under ``groups:`` (partnerships, boards), with their members."""
        return self.document.groups

    @property
    def catalogue_specs(self) -> list[CatalogueSpec]:
        """The local indicator catalogues the plan declares under ``catalogues:``."""
        return self.document.catalogues

    # --- nodes ------------------------------------------------------------------------------
    @overload
    def of_kind(self, kind: Literal["milestone"]) -> Iterator[Milestone]: ...
    @overload
    def of_kind(self, kind: Literal["objective"]) -> Iterator[Objective]: ...
    @overload
    def of_kind(self, kind: Literal["aim"]) -> Iterator[Aim]: ...
    @overload
    def of_kind(self, kind: Literal["priority"]) -> Iterator[Priority]: ...
    @overload
    def of_kind(self, kind: Literal["vision"]) -> Iterator[Vision]: ...
    @overload
    def of_kind(self, kind: Literal["indicator"]) -> Iterator[Indicator]: ...
    @overload
    def of_kind(self, kind: str) -> Iterator[NodeSpec]: ...

    def of_kind(self, kind: str) -> Iterator[NodeSpec]:
        """The nodes of one kind, in file order, typed by kind for a type checker
        (``of_kind("milestone")`` gives :class:`Milestone` nodes)."""
        return (n for n in self.nodes.values() if n.kind == kind)

    def uses_level(self, kind: str) -> bool:
        """Whether the plan has at least one node of this kind."""
        return any(n.kind == kind for n in self.nodes.values())

    def levels_used(self) -> tuple[str, ...]:
        """The levels of the hierarchy the plan has nodes at, from the vision down."""
        kinds = {n.kind for n in self.nodes.values()}
        return tuple(k for k in LEVELS if k in kinds)

    def indicator(self, ref: str) -> Indicator | None:
        """The indicator a reference means (codes compare ignoring case and spacing)."""
        key = self.indicator_aliases.get(code_key(ref))
        node = self.nodes.get(key) if key else None
        return node if isinstance(node, Indicator) else None

    def location(self, node_id: str, kind: str | None = None) -> Location:
        """Where a node, owner or group is written (the plan's file when unknown).

        An owner, a group and a node may share an id: the node's place is given, unless ``kind``
        is ``"owner"`` or ``"group"`` and the plan declares an owner or group of that id.
        """
        if kind == "owner" or kind == "group":
            declared = (self.owner_locations if kind == "owner" else self.group_locations).get(
                node_id
            )
            if declared is not None:
                return declared
            line, col = (self.owner_lines if kind == "owner" else self.group_lines).get(
                node_id, (None, None)
            )
            if line is not None:
                return Location(self.file, line, col)
        loc = self.locations.get(node_id)
        if loc is not None:
            return loc
        node = self.nodes.get(node_id)
        if node is not None:
            # (read from the private attributes' dict: pydantic's attribute lookup for a private
            # name goes through __getattr__, a microsecond, and every finding asks)
            private = node.__pydantic_private__ or {}
            line = private.get("_line")
            if line is not None:
                return Location(self.file, line, private.get("_column"))
        if node_id in self.owner_lines:
            line, col = self.owner_lines[node_id]
            return Location(self.file, line, col)
        if node_id in self.group_lines:
            line, col = self.group_lines[node_id]
            return Location(self.file, line, col)
        return Location(self.file)

    def effective_views(self, node: NodeSpec) -> tuple[str, ...]:
        """The views a node is stated in: its ``views``, else the primary view plus its variants'
        views."""
        if node.views is not None:
            views = list(node.views)
        else:
            views = [self.primary_view]
        for v in node.variants:
            if v.where not in views:
                views.append(v.where)
        return tuple(views)

    def __len__(self) -> int:
        return len(self.nodes)

    def __repr__(self) -> str:
        return f"<Plan {self.id!r}: {len(self.nodes)} nodes from {self.file or '<text>'}>"


_CODE = re.compile(r"([A-Za-z]{1,6})[\s._-]*0*(\d{1,5})\s*([A-Za-z]?)")


@lru_cache(maxsize=4096)
def code_key(code: str) -> str:
    """How indicator codes compare: ignoring case, spacing and leading zeros (``CSC 001`` is
    ``csc1``, ``NI 102A`` is ``ni102a``); an id that is not a code, ignoring case and spacing.

    >>> (code_key("CSC 001"), code_key("csc1"), code_key("NI 102A"),
    ...  code_key("Obesity in Year 6 pupils"))
    ('csc1', 'csc1', 'ni102a', 'obesityinyear6pupils')
    """
    m = _CODE.fullmatch(" ".join(code.split()))
    if m is not None:
        return f"{m.group(1)}{m.group(2)}{m.group(3)}".lower()
    return "".join(code.split()).lower()


def require_plan(function: str, plan: object) -> None:
    """Raise a :class:`TypeError` saying what ``function`` takes, unless ``plan`` is a loaded plan
    (a path or a plan's text failed inside with "'str' object has no attribute 'period'").

    >>> require_plan("render", "plan.yaml")
    Traceback (most recent call last):
    ...
    TypeError: render() takes a loaded plan (og.load(path) first), not str
    """
    if not isinstance(plan, Plan):
        raise TypeError(
            f"{function}() takes a loaded plan (og.load(path) first), not {type(plan).__name__}"
        )
