"""Convert a plan between YAML, JSON, an ``.xlsx`` workbook and a folder of CSV files.

Every writer starts from the plan's **canonical form**: the document with each node written inside
its parent where the format allows it (a node with one parent of a level above it), as the plan
format's nested form. A plan already written that way (as the plans in ``models/`` are) converts
to a document equal to the one loaded (``plan.document ==``); any other plan converts to the same
plan (same nodes, fields and parents), written nested (or where each node is written, when nesting
would change which milestone a milestone timed "As above" follows). The spreadsheet forms hold
everything the format holds, so ``YAML -> xlsx -> YAML``
and ``YAML -> CSV folder -> YAML`` give the plan back.

YAML is written for people: the nested form, keys in a fixed order (``id``, ``number``,
``title``... then the children), ids, numbers, timescales, due dates and periods double-quoted
(they are text, and other YAML readers should not take ``3.10`` for a number), short lists and
values on one line, and multi-line notes as literal blocks. Comments are not kept: what must
survive a conversion goes in ``notes``.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from .errors import OptionError
from .model.document import (
    CHILD_LISTS,
    LEVELS,
    DueRange,
    IgnoreEntry,
    IndicatorRef,
    NodeSpec,
    PlanDocument,
    Value,
    iter_nested,
)

if TYPE_CHECKING:
    from .config import Config
    from .findings import Report
    from .model.plan import Notice, Plan

__all__ = [
    "FORMATS",
    "canonical_document",
    "document_data",
    "to_yaml",
    "to_json",
    "output_format",
    "write_plan",
    "convert",
    "convert_plan",
    "ConvertResult",
]

#: Output formats: ``yaml``, ``json``, ``xlsx`` (one sheet per level) and ``csv`` (a folder).
FORMATS = ("yaml", "json", "xlsx", "csv", "ttl")

_LIST_OF = {
    "priority": "priorities",
    "aim": "aims",
    "objective": "objectives",
    "milestone": "milestones",
}
_RANK = {kind: i for i, kind in enumerate(LEVELS)}


def _holds(parent_kind: str, child_kind: str) -> bool:
    return (
        parent_kind in CHILD_LISTS
        and bool(CHILD_LISTS[parent_kind])
        and _RANK[parent_kind] < _RANK[child_kind]
    )


def _source(plan_or_document: Plan | PlanDocument) -> PlanDocument:
    return (
        plan_or_document
        if isinstance(plan_or_document, PlanDocument)
        else plan_or_document.document
    )


def canonical_document(plan_or_document: Plan | PlanDocument) -> PlanDocument:
    """The plan written in the nested form wherever the format allows (a copy; the input is kept).

    A node is written inside a parent when it is nested there already, or when it names exactly
    that parent with ``parent:`` and the parent is a priority, aim or objective above its level.
    A nested node's ``parent:`` that names another node moves to ``parents:``. Every node keeps its
    fields and its parents (``plan.parents`` is the same); only where it is written changes.

    Unless moving nodes would change which milestone a milestone timed "As above" follows (and so
    its timing): then every node stays where it is written, and a ``parent:`` that would take it
    moves to ``parents:``.

    Examples
    --------
    >>> from outcome_graph import load
    >>> plan = load('''
    ... format: outcome-graph/v1
    ... plan: {id: d, period: {start: 2011-04-01, end: 2012-03-31}}
    ... priorities: [{id: P1, title: Safe}]
    ... objectives: [{id: O1, title: Fewer accidents, parent: P1}]
    ... ''')
    >>> doc = canonical_document(plan)
    >>> [o.id for o in doc.priorities[0].objectives], doc.objectives
    (['O1'], [])
    """
    return _canonical_form(plan_or_document, deep=True)


def canonical_view(plan_or_document: Plan | PlanDocument) -> PlanDocument:
    """:func:`canonical_document` for the writers, which only read it: the nodes are copies
    (their children and parents are what change), and everything else (their values, variants,
    targets, the owners) is the input's own, not to be changed. Copying all of a plan of 100,000
    nodes takes seconds."""
    return _canonical_form(plan_or_document, deep=False)


def _canonical_form(plan_or_document: Plan | PlanDocument, *, deep: bool) -> PlanDocument:
    source = _source(plan_or_document)
    doc = _canonical(source, move=True, deep=deep)
    above = _as_above(source)
    if above and _as_above(doc) != above:
        # A milestone whose timescale is "As above" takes the timing of the milestone written
        # before it: when moving nodes into their parents would change which one that is, every
        # node stays where it was written (a parent that would take the node is named in
        # ``parents``, which the spreadsheet reader does not move either).
        doc = _canonical(source, move=False, deep=deep)
    return doc


def _as_above(doc: PlanDocument) -> dict[str, str | None]:
    """Each milestone timed "As above" (``Ditto``...) -> the milestone written before it."""
    from .analysis.timescale import parse_timescale

    out: dict[str, str | None] = {}
    previous: str | None = None
    for node, _ in iter_nested(doc):
        if node.kind != "milestone":
            continue
        timescale = getattr(node, "timescale", None)
        if (
            getattr(node, "due", None) is None
            and timescale
            and parse_timescale(timescale).kind == "as_above"
        ):
            out[node.id] = previous
        previous = node.id
    return out


def _canonical(source: PlanDocument, *, move: bool, deep: bool = True) -> PlanDocument:
    if deep:
        doc = source.model_copy(deep=True)
        entries = list(iter_nested(doc))
    else:  # (each node copied alone: its lists of children and its parents are set anew below)
        doc = source.model_copy()
        entries = [(node.model_copy(), nest) for node, nest in iter_nested(source)]
    by_id: dict[str, NodeSpec] = {}
    for node, _ in entries:
        by_id.setdefault(node.id, node)
        for key in CHILD_LISTS[node.kind]:
            setattr(node, key, [])
    top: dict[str, list[NodeSpec]] = {key: [] for key in _LIST_OF.values()}
    for node, nest in entries:
        explicit = getattr(node, "parent", None)
        target: NodeSpec | None = None
        if nest is not None:
            target = by_id[nest]
            if explicit is not None:
                if explicit != nest:
                    parents = list(node.parents or [])  # type: ignore[attr-defined]
                    if explicit not in parents:
                        parents = [explicit, *parents]
                    node.parents = parents  # type: ignore[attr-defined]
                node.parent = None  # type: ignore[attr-defined]
        elif explicit is not None:
            candidate = by_id.get(explicit)
            if (
                candidate is not None
                and candidate is not node
                and _holds(candidate.kind, node.kind)
            ):
                node.parent = None  # type: ignore[attr-defined]
                if move:
                    target = candidate
                else:
                    parents = list(node.parents or [])  # type: ignore[attr-defined]
                    if explicit not in parents:
                        parents = [explicit, *parents]
                    node.parents = parents  # type: ignore[attr-defined]
        if target is None:
            top[_LIST_OF[node.kind]].append(node)
        else:
            getattr(target, _LIST_OF[node.kind]).append(node)
    for key, nodes in top.items():
        setattr(doc, key, nodes)
    return doc


# ---------------------------------------------------------------------------------------------
# Plain data for YAML and JSON


class _Quoted(str):
    """Text written in double quotes (ids, numbers, dates: text that looks like a number)."""


class _FlowList(list):  # type: ignore[type-arg]
    """A list written on one line."""


class _FlowMap(dict):  # type: ignore[type-arg]
    """A mapping written on one line."""


class _Literal(str):
    """Text written as a literal block (``|``): multi-line notes keep their lines."""


class _Folded(str):
    """Text written as a folded block (``>``): long notes wrap."""


#: Text-typed fields (and dates): always double-quoted.
_QUOTED_FIELDS = {
    "id",
    "number",
    "parent",
    "timescale",
    "period",
    "start",
    "end",
    "as_of",
    "from",
    "to",
    "code",
    "change",
}
#: Lists of ids: items double-quoted.
_QUOTED_LISTS = {"parents", "see_also", "depends_on", "members"}
#: Free text: double-quoted when it fits on a line, a block when it has line breaks.
_PROSE_FIELDS = {"title", "text", "name", "organisation", "source", "reason"}
#: The order of a node's fields: identity, hierarchy, timing, measures, then the rest and children.
_NODE_ORDER = (
    "id",
    "number",
    "title",
    "parent",
    "parents",
    "lead",
    "timescale",
    "due",
    "status",
    "depends_on",
    "outcomes",
    "direction",
    "unit",
    "baseline",
    "target",
    "targets",
    "actuals",
    "indicators",
    "views",
    "variants",
    "tags",
    "see_also",
    "ignore",
    "notes",
    "aims",
    "objectives",
    "milestones",
)
_ORDER = {k: i for i, k in enumerate(_NODE_ORDER)}
_FLOW_MODELS = (Value, DueRange)
#: A mapping of scalars shorter than this is written on one line.
_FLOW_WIDTH = 90


def _number(value: float) -> int | float:
    return int(value) if value.is_integer() and abs(value) < 1e15 else value


def _flow_length(items: dict[str, Any]) -> int:
    return sum(len(k) + len(str(v)) + 6 for k, v in items.items())


#: Line breaks other than ``\\n`` (NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR): the YAML writer puts
#: them in plain, single-quoted and block texts as they are, and a reader takes them for a line
#: break and adds the indentation after it to the text. Double quotes write them as escapes.
_OTHER_BREAKS = ("\x85", "\u2028", "\u2029")
_OTHER_BREAK = re.compile("[" + "".join(_OTHER_BREAKS) + "]")


def _text_value(value: str, key: str | None) -> str:
    if key in _QUOTED_FIELDS or key == "due" or _OTHER_BREAK.search(value) is not None:
        return _Quoted(value)
    if "\n" in value.rstrip("\n"):
        return _Literal(value)
    if key == "notes":
        return _Folded(value) if len(value) > 80 else _Quoted(value)
    if key in _PROSE_FIELDS and len(value) <= 80:
        return _Quoted(value)  # long prose: plain or single-quoted, wrapped at spaces
    return value


_FIELDS: dict[type, tuple[tuple[str, str, bool], ...]] = {}


def _fields_of(model: type) -> tuple[tuple[str, str, bool], ...]:
    """A model's fields as written: (name, key, whether an empty list is its default), a node's
    in the order of :data:`_NODE_ORDER` (worked out once a model)."""
    known = _FIELDS.get(model)
    if known is None:
        fields = model.model_fields  # type: ignore[attr-defined]
        names = list(fields)
        if issubclass(model, NodeSpec):
            names.sort(key=lambda n: _ORDER.get(n, len(_ORDER)))
        known = _FIELDS[model] = tuple(
            (n, fields[n].alias or n, fields[n].default_factory is list) for n in names
        )
    return known


def _data(value: Any, key: str | None = None) -> Any:
    """A model value as plain data, without the fields left at their defaults."""
    if isinstance(value, IgnoreEntry) and value.reason is None and value.scope == "node":
        return _Quoted(value.rule)
    if (
        isinstance(value, IndicatorRef)
        and value.title is None
        and value.target is None
        and value.targets is None
    ):
        return _Quoted(value.id)
    if isinstance(value, BaseModel):
        out: dict[str, Any] = {}
        fields = value.__dict__
        for name, alias, empty_list_default in _fields_of(type(value)):
            item = fields[name]
            if item is None or (empty_list_default and isinstance(item, list) and not item):
                continue
            if name == "scope" and item == "node":
                continue
            out[alias] = _data(item, alias)
        scalars = all(
            not isinstance(v, (dict, list)) or isinstance(v, _FlowList) for v in out.values()
        )
        plain = all(not isinstance(v, (_Literal, _Folded)) for v in out.values())
        small = type(value).__name__ in (
            "Value",
            "DueRange",
            "Variant",
            "CatalogueEntrySpec",
            "IgnoreEntry",
            "Period",
        )
        if (
            small
            and scalars
            and plain
            and (_flow_length(out) <= _FLOW_WIDTH or isinstance(value, DueRange))
        ):
            return _FlowMap(out)
        return out
    if isinstance(value, list):
        items = [_data(v, key) for v in value]
        if key in _QUOTED_LISTS:
            items = [_Quoted(v) if isinstance(v, str) else v for v in items]
        if all(isinstance(v, (str, int, float)) for v in items) or (
            key == "due" and all(isinstance(v, (str, _FlowMap)) for v in items)
        ):
            return _FlowList(items)
        return items
    if isinstance(value, bool):
        return value
    if isinstance(value, float):
        return _number(value)
    if isinstance(value, date):
        return _Quoted(value.isoformat())
    if isinstance(value, str):
        return _text_value(value, key)
    return value


def document_data(
    plan_or_document: Plan | PlanDocument, *, canonical: bool = True
) -> dict[str, Any]:
    """The plan as plain data (dicts, lists, text, numbers) in the order the YAML writer uses.

    Parameters
    ----------
    plan_or_document : Plan or PlanDocument
        The plan.
    canonical : bool
        Write the canonical (nested) form (default); otherwise the document as loaded.

    Examples
    --------
    >>> from outcome_graph import load
    >>> plan = load('''
    ... format: outcome-graph/v1
    ... plan: {id: d, period: {start: 2011-04-01, end: 2012-03-31}}
    ... priorities: [{id: P1, title: Safe, number: "1"}]
    ... ''')
    >>> document_data(plan)["priorities"]
    [{'id': 'P1', 'number': '1', 'title': 'Safe'}]
    """
    data: dict[str, Any] = json.loads(
        json.dumps(_styled_data(plan_or_document, canonical=canonical))
    )
    return data


def _styled_data(plan_or_document: Plan | PlanDocument, *, canonical: bool) -> dict[str, Any]:
    """:func:`document_data` with the YAML writer's style markers (quoted, flow, block texts)."""
    doc = canonical_view(plan_or_document) if canonical else _source(plan_or_document)
    data: dict[str, Any] = _data(doc)
    data["plan"].setdefault("framework", doc.plan.framework)
    return data


def _dumper() -> Any:
    import yaml

    class Dumper(yaml.SafeDumper):
        def ignore_aliases(self, data: Any) -> bool:
            return True

        def increase_indent(self, flow: bool = False, indentless: bool = False) -> Any:
            return super().increase_indent(flow, False)  # lists indented under their key

    str_tag = "tag:yaml.org,2002:str"

    Dumper.add_representer(_Quoted, lambda d, v: d.represent_scalar(str_tag, str(v), style='"'))
    Dumper.add_representer(_Literal, lambda d, v: d.represent_scalar(str_tag, str(v), style="|"))
    Dumper.add_representer(_Folded, lambda d, v: d.represent_scalar(str_tag, str(v), style=">"))
    Dumper.add_representer(
        _FlowList,
        lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", list(v), flow_style=True),
    )
    Dumper.add_representer(
        _FlowMap,
        lambda d, v: d.represent_mapping("tag:yaml.org,2002:map", dict(v), flow_style=True),
    )
    return Dumper


# ---------------------------------------------------------------------------------------------
# Writing YAML quickly
#
# PyYAML's emitter, written in Python, takes a third of a millisecond a node (half a minute for a
# plan of 100,000 nodes). Most of a plan is ids, titles and short values, which the writer below
# puts down as PyYAML would, byte for byte: block mappings and sequences indented by two, flow
# lists and mappings on one line, plain text where PyYAML writes it plain, double quotes with
# their two escapes. An entry it cannot be sure to write so (a line PyYAML would wrap, a text that
# needs other escapes, a block text, a word YAML reads as a boolean) is written by PyYAML, at the
# same place in a document of the same shape, and put in its place.

_WIDTH = 100  # (the width PyYAML is given: no line of at most this many characters is wrapped)
#: Text PyYAML writes plain in both block and flow context: a letter first, no indicator
#: (``: `` and `` #`` included), no space at the end, no two spaces together, all ASCII.
_PLAIN_SAFE = re.compile(r"[A-Za-z](?:[A-Za-z0-9._/()&'+-]| (?! ))*(?<! )")
#: Words YAML 1.1 reads as booleans or null (PyYAML quotes them).
_NOT_TEXT = frozenset(
    "yes Yes YES no No NO true True TRUE false False FALSE on On ON off Off OFF "
    "null Null NULL".split()
)
#: Characters PyYAML writes as they are between double quotes (``"`` and ``\\`` escaped): not
#: U+2028, U+2029 and U+FEFF, which it escapes.
_QUOTABLE = re.compile(r"[\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]*")


class _NotSimple(Exception):
    """Raised where the quick writer leaves a value to PyYAML."""


def _simple_scalar(value: Any) -> str:
    if isinstance(value, str):
        if isinstance(value, _Quoted):
            if _QUOTABLE.fullmatch(value) is None:
                raise _NotSimple
            return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
        if (
            isinstance(value, (_Literal, _Folded))
            or value in _NOT_TEXT
            or _PLAIN_SAFE.fullmatch(value) is None
        ):
            raise _NotSimple
        return value
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float) and value == value and abs(value) != float("inf"):
        text = repr(value).lower()
        return text.replace("e", ".0e", 1) if "." not in text and "e" in text else text
    raise _NotSimple


def _simple_flow(value: Any) -> str:
    if isinstance(value, _FlowList):
        return "[" + ", ".join(map(_simple_flow, value)) + "]"
    if isinstance(value, _FlowMap):
        return (
            "{"
            + ", ".join(f"{_simple_scalar(k)}: {_simple_flow(v)}" for k, v in value.items())
            + "}"
        )
    if isinstance(value, (dict, list)):
        raise _NotSimple
    return _simple_scalar(value)


class _YamlWriter:
    """The quick writer (see above): ``path`` is where the writer is, as the keys above it, each
    with whether its value is a list (for PyYAML to write an entry at the same place)."""

    def __init__(self) -> None:
        import yaml

        self.dumper = _dumper()
        self.dump = yaml.dump
        self.out: list[str] = []
        self.path: list[tuple[str, bool]] = []
        self.ended_at = -1  # (the lines written when a text that ends a document with "..." ended)

    def pyyaml(self, data: Any) -> str:
        return str(
            self.dump(
                data,
                Dumper=self.dumper,
                sort_keys=False,
                allow_unicode=True,
                width=_WIDTH,
                indent=2,
            )
        )

    def by_pyyaml(self, part: Any, first: bool) -> None:
        """``part`` (an entry, as a one-entry mapping, or an item of the list the writer is in) as
        PyYAML writes it here."""
        data = part
        for key, is_list in reversed(self.path):
            data = {key: [data] if is_list else data}
        text = self.pyyaml(data)
        if not text.endswith("\n") or _OTHER_BREAK.search(text) is not None:
            raise _NotSimple  # (a block text ending in a break of another kind: lines are not "\n")
        # A block text that keeps its last line breaks ends a document with "...": only if it is
        # the last of this one.
        ended = text.endswith("\n...\n")
        lines = text.removesuffix("\n...\n" if ended else "\n").split("\n")[len(self.path) :]
        if not first and self.path and self.path[-1][1] and isinstance(part, dict):
            head = lines[0]  # (an entry after the first of a list's item: no "- " of its own)
            at = len(head) - len(head.lstrip(" "))
            lines[0] = f"{head[:at]}  {head[at + 2 :]}"
        self.out.extend(lines)
        if ended:
            self.ended_at = len(self.out)

    def mapping(self, mapping: dict[str, Any], indent: str, first: str | None = None) -> None:
        prefix = indent if first is None else first
        for key, value in mapping.items():
            if _PLAIN_SAFE.fullmatch(key) is None or key in _NOT_TEXT:
                self.by_pyyaml({key: value}, prefix is not indent)
            else:
                self.entry(f"{prefix}{key}:", key, value, indent, prefix is not indent)
            prefix = indent

    def entry(self, head: str, key: str, value: Any, indent: str, first: bool) -> None:
        if isinstance(value, (_FlowList, _FlowMap)) or not isinstance(value, (dict, list)):
            try:
                line = f"{head} {_simple_flow(value)}"
            except _NotSimple:
                line = ""
            if line and len(line) <= _WIDTH:
                self.out.append(line)
            else:
                self.by_pyyaml({key: value}, first)
        elif not value:
            self.out.append(f"{head} {{}}" if isinstance(value, dict) else f"{head} []")
        else:
            self.out.append(head)
            self.path.append((key, isinstance(value, list)))
            if isinstance(value, dict):
                self.mapping(value, indent + "  ")
            else:
                self.sequence(value, indent + "  ")
            self.path.pop()

    def sequence(self, items: list[Any], indent: str) -> None:
        for item in items:
            if isinstance(item, dict) and not isinstance(item, _FlowMap) and item:
                self.mapping(item, indent + "  ", first=indent + "- ")
                continue
            line = ""
            if not isinstance(item, list) or isinstance(item, _FlowList):
                try:
                    line = f"{indent}- {_simple_flow(item)}"
                except _NotSimple:
                    pass
            if line and len(line) <= _WIDTH:
                self.out.append(line)
            else:
                self.by_pyyaml(item, True)


def _yaml_text(data: dict[str, Any]) -> str:
    """``data`` as YAML, as PyYAML writes it with the writer's settings (see above)."""
    writer = _YamlWriter()
    try:
        writer.mapping(data, "")
    except _NotSimple:  # (what its parts cannot be put together from: PyYAML writes it all)
        return writer.pyyaml(data)
    if writer.ended_at == len(writer.out):
        writer.out.append("...")
    return "\n".join(writer.out) + "\n"


def to_yaml(plan_or_document: Plan | PlanDocument, *, canonical: bool = True) -> str:
    """The plan as YAML text (see the module docs for the layout).

    Examples
    --------
    >>> from outcome_graph import load
    >>> plan = load('''
    ... format: outcome-graph/v1
    ... plan: {id: d, period: {start: 2011-04-01, end: 2012-03-31}}
    ... priorities: [{id: P1, title: Safe, outcomes: [stay_safe], number: "3.10"}]
    ... ''')
    >>> print(to_yaml(plan), end="")
    format: outcome-graph/v1
    plan:
      id: "d"
      period: {start: "2011-04-01", end: "2012-03-31"}
      framework: ecm
    priorities:
      - id: "P1"
        number: "3.10"
        title: "Safe"
        outcomes: [stay_safe]
    """
    return _yaml_text(_styled_data(plan_or_document, canonical=canonical))


def to_json(plan_or_document: Plan | PlanDocument, *, canonical: bool = True) -> str:
    """The plan as JSON text (the same data as :func:`to_yaml`)."""
    return (
        json.dumps(
            _styled_data(plan_or_document, canonical=canonical), indent=2, ensure_ascii=False
        )
        + "\n"
    )


# ---------------------------------------------------------------------------------------------
# Converting files


def output_format(path: str | os.PathLike[str], to: str | None = None) -> str:
    """The format an output path asks for: ``to`` when given, else from the name.

    ``.yaml``/``.yml`` is YAML, ``.json`` JSON, ``.xlsx`` a workbook; a folder (an existing one, a
    name ending in ``/`` or a name without a suffix) is a folder of CSV files.

    >>> output_format("plan.yml"), output_format("plan-csv"), output_format("x.dat", "json")
    ('yaml', 'csv', 'json')
    """
    if to is not None:
        to = to.lower()
        if to not in FORMATS:
            raise OptionError(f"unknown output format {to!r}; choose one of {', '.join(FORMATS)}")
        return to
    text = str(path)
    p = Path(text)
    suffix = p.suffix.lower()
    if suffix in (".yaml", ".yml"):
        return "yaml"
    if suffix == ".json":
        return "json"
    if suffix == ".xlsx":
        return "xlsx"
    if suffix == ".ttl":  # RDF (Turtle), see outcome_graph.output.rdf
        return "ttl"
    if suffix == ".csv":
        raise OptionError(
            f"{text}: the CSV form is a folder of CSV files (one per sheet); give a folder name "
            f"such as {p.with_suffix('')}"
        )
    if p.is_dir() or text.endswith(("/", os.sep)):
        return "csv"
    if p.name.endswith(".") and p.name.strip(
        "."
    ):  # ('plan.': a suffix left out, not a folder's name)
        raise OptionError(
            f"{text}: the name ends in a dot with no suffix after it; write {p.name}yaml, "
            f"{p.name}json or {p.name}xlsx, or a folder name without the dot for CSV files"
        )
    if not suffix:
        return "csv"
    raise OptionError(
        f"{text}: cannot tell the output format from the name; use --to {'|'.join(FORMATS)}"
    )


def write_plan(
    plan: Plan,
    path: str | os.PathLike[str],
    *,
    to: str | None = None,
    findings: Report | None = None,
    lossy: bool = True,
) -> list[str]:
    """Write a plan to ``path`` in the format its name (or ``to``) asks for; whole or not at all.

    Returns the warnings of the writer (text a spreadsheet cannot hold, for instance). With
    ``lossy=False``, a workbook or CSV folder that would not read back as the plan (a warning that
    is a :class:`~outcome_graph.output.workbook.Loss`) is not written: a :class:`RenderError`
    names each cell.
    """
    from .loading.loader import read_limit_warning
    from .output.files import atomic_write_text

    fmt = output_format(path, to)
    if fmt in ("yaml", "json"):
        atomic_write_text(path, to_yaml(plan) if fmt == "yaml" else to_json(plan))
        warning = read_limit_warning(os.path.getsize(path))
        return [warning] if warning else []
    if fmt == "ttl":
        from .output.rdf import write_rdf

        write_rdf(plan, path, format="turtle")
        return []
    from .output.workbook import write_csv_folder, write_workbook

    if fmt == "xlsx":
        return write_workbook(plan, path, findings=findings, lossy=lossy)
    return write_csv_folder(plan, path, findings=findings, lossy=lossy)


@dataclass
class ConvertResult:
    """What :func:`convert` did: the plan read, the format written, and what a person should
    know."""

    plan: Plan
    format: str
    notices: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def convert(
    source: str | os.PathLike[str],
    target: str | os.PathLike[str],
    *,
    to: str | None = None,
    findings: bool = False,
    period: str | None = None,
    max_bytes: int | None = None,
    config: Config | Mapping[str, Any] | None = None,
    lossy: bool = False,
) -> ConvertResult:
    """Convert a plan file to another format (YAML, JSON, ``.xlsx`` or a CSV folder).

    Parameters
    ----------
    source : path
        The plan: YAML, JSON, a workbook, a CSV file or a folder of CSV files.
    target : path
        Where to write; the format comes from its name (see :func:`output_format`) or ``to``.
        The input is never overwritten; the output is written whole or not at all.
    to : str, optional
        ``yaml``, ``json``, ``xlsx``, ``csv`` or ``ttl`` (RDF, with the ``rdf`` extra).
    findings : bool
        Add a ``findings`` sheet (workbook) or ``findings.csv``
        (CSV folder) with the check's findings.
    period : str, optional
        ``START..END`` for a flat spreadsheet without a ``plan`` sheet.
    max_bytes : int, optional
        Largest input accepted.
    config : Config or mapping, optional
        Rule configuration for ``findings`` (as :func:`outcome_graph.check` takes it).
    lossy : bool
        Write a workbook or CSV folder even where it cannot keep a text as it is (a character a
        workbook cannot hold, a text that shows nothing and reads back as blank, a text longer
        than a cell): each is among the result's ``warnings``. By default such an output is not
        written (a :class:`~outcome_graph.errors.RenderError` names each cell), as reading it back
        would give another plan.

    Raises
    ------
    PlanError, OptionError, RenderError
        The input cannot be read, the output format is unknown, or the output cannot be written
        (or, without ``lossy``, would not read back as the plan).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "plan.yaml").write_text('''
    ... format: outcome-graph/v1
    ... plan: {id: d, period: {start: 2011-04-01, end: 2012-03-31}}
    ... priorities: [{id: P1, title: Safe}]
    ... ''')
    >>> result = convert(folder / "plan.yaml", folder / "plan.xlsx")
    >>> from outcome_graph import load
    >>> load(folder / "plan.xlsx").document == result.plan.document
    True
    """
    from .config import Config
    from .loading.loader import DEFAULT_MAX_BYTES, load_path
    from .output.files import refuse_input_as_output
    from .rules.engine import config_type_error

    config_type_error("convert_plan", config)
    if isinstance(config, Mapping):
        config = Config.from_dict(config)
    fmt = output_format(target, to)
    refuse_input_as_output(target, [source])
    plan = load_path(source, max_bytes=max_bytes or DEFAULT_MAX_BYTES, period=period)
    refuse_input_as_output(target, plan.sources)
    report = None
    if findings:
        if fmt not in ("xlsx", "csv"):
            raise OptionError(
                "findings are written into a workbook or CSV folder only; YAML and JSON hold the "
                "plan"
            )
        if config is not None:  # (the check reads its configuration files and rule files too)
            refuse_input_as_output(target, config.files())
        from .rules.engine import check

        report = check(plan, config)
    warnings = write_plan(plan, target, to=fmt, findings=report, lossy=lossy)
    warnings += _entries_files_left_behind(plan, target, fmt)
    comments = comments_notice(plan, source)
    return ConvertResult(plan, fmt, [*plan.notices, *([comments] if comments else [])], warnings)


#: A line break as YAML reads one (not Python's ``splitlines``, which breaks at form feeds too).
_YAML_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")


def yaml_comments(text: str) -> list[tuple[int, int]]:
    """Where the comments of a YAML text start, (line, column) from 1: each ``#`` at the start of
    a line or after a space or tab that is not in a text (a quoted one, a block of lines). An
    empty list where the text cannot be read as YAML (the plan was read, so it can).

    >>> yaml_comments("# top\\na: 1  # one\\nb: 'x # y'\\nc: C# dev\\nd: |\\n  # text\\n")
    [(1, 1), (2, 7)]
    """
    candidates = [
        (n, m.start() + 1)
        for n, line in enumerate(_YAML_BREAK.split(text), 1)
        for m in re.finditer(r"(?:^|(?<=[ \t]))#", line)
    ]
    if not candidates:
        return []
    import yaml

    spans: list[tuple[tuple[int, int], tuple[int, int]]] = []
    try:
        for token in yaml.scan(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
            if isinstance(token, yaml.ScalarToken):
                spans.append(
                    (
                        (token.start_mark.line + 1, token.start_mark.column + 1),
                        (token.end_mark.line + 1, token.end_mark.column + 1),
                    )
                )
    except yaml.YAMLError:
        return []
    import bisect

    starts = [start for start, _ in spans]
    out = []
    for at in candidates:
        i = bisect.bisect_right(starts, at) - 1  # (the last text starting at or before the '#')
        if i < 0 or not (spans[i][0] <= at < spans[i][1]):
            out.append(at)
    return out


def comments_notice(plan: Plan, source: str | os.PathLike[str]) -> Notice | None:
    """A notice where ``source``, a YAML plan, has comments: no output keeps them (a plan's data
    has no place for them; YAML is written anew, in its canonical form). ``None`` otherwise (JSON,
    a spreadsheet, a YAML file without comments)."""
    from .model.plan import Location, Notice

    path = Path(source)
    if path.suffix.lower() not in (".yaml", ".yml", "") or not path.is_file():
        return None
    try:
        text = path.read_bytes().decode("utf-8-sig", errors="replace")
    except OSError:
        return None
    found = yaml_comments(text)
    if not found:
        return None
    (line, column), n = found[0], len(found)
    what = "a comment" if n == 1 else f"{n:,} comments, the first here,"
    return Notice.at(
        Location(plan.file, line, column),
        f"the plan has {what} that the output does not keep (comments are not part of the plan's "
        "data: keep the YAML file to keep them)",
    )


def _entries_files_left_behind(plan: Plan, target: str | os.PathLike[str], fmt: str) -> list[str]:
    """A warning for each local catalogue whose ``entries`` file, read from beside the plan, is
    not beside the output: the output names the file, and cannot be read without it."""
    if fmt not in ("yaml", "json", "xlsx", "csv"):
        return []
    out_dir = Path(target) if fmt == "csv" else Path(target).parent
    warnings = []
    for spec in plan.document.catalogues:
        if not isinstance(spec.entries, str):
            continue
        there = out_dir / spec.entries
        if there.exists():
            continue
        here = Path(plan.base_dir or ".") / spec.entries
        warnings.append(
            f"the {spec.prefix.upper()} catalogue's entries are read from {spec.entries!r} "
            f"beside the plan, and {str(there)!r} does not exist: copy {str(here)!r} there, or "
            "the output cannot be read"
        )
    return warnings


#: :func:`convert` under a name that differs from this module's, for re-export from the package
#: (``outcome_graph.convert`` is this module once it is imported).
convert_plan = convert
