"""Flattening a validated plan document into a :class:`~outcome_graph.model.plan.Plan`: nested and
flat forms into one set of nodes with their parents and file order, duplicate ids and unknown
outcomes as problems, the outcome frameworks' catalogues, and the implicit indicators nodes name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..errors import CatalogueError, PlanError, Problem
from ..model.document import (
    CHILD_LISTS,
    Aim,
    Indicator,
    NodeSpec,
    Objective,
    PlanDocument,
    Priority,
)
from ..model.plan import Location, Plan, code_key
from .suggest import duplicate_code, duplicate_id, unknown_framework, unknown_outcome
from .tree import LocList, LocMap

if TYPE_CHECKING:
    from collections.abc import Callable


def _problem_at(raw: Any, key: str, message: str, file: str | None) -> Problem:
    """A problem at a mapping of the parsed document: at its ``key`` when it has one, else at
    itself (a workbook's row: its sheet and cell; a YAML or JSON mapping: its line and column)."""
    sheet = getattr(raw, "sheet", None)
    if sheet is not None:  # (a row of a workbook or CSV file)
        return Problem(
            message,
            file=getattr(raw, "file", None) or file,
            sheet=sheet,
            cell=getattr(raw, "key_cell", {}).get(key, getattr(raw, "cell", None)),
        )
    if isinstance(raw, LocMap):
        line, column = raw.key_pos.get(key, (raw.line, raw.column))
        return Problem(message, file=file, line=line, column=column)
    return Problem(message, file=file)


def _written_at(raw: Any, key: str) -> str:
    """Where a mapping of the parsed document is written, for a message: ``on line 4``, or a
    workbook's ``at owners!A3`` (the cell of its ``key``)."""
    if hasattr(raw, "written_at"):  # (a row of a workbook or CSV file)
        return f"at {raw.written_at(key)}"
    if isinstance(raw, LocMap):
        return f"on line {raw.line}"
    return "above"


def _declared_twice(
    document: PlanDocument, tree: dict[str, Any], file: str | None
) -> list[Problem]:
    """Two owners or two groups with one id, and two catalogues with one prefix (or one with the
    built-in National Indicator Set's): the second would silently replace the first."""
    problems: list[Problem] = []
    for what, ids, raws in (
        ("owner", [o.id for o in document.owners], tree.get("owners") or []),
        ("group", [g.id for g in document.groups], tree.get("groups") or []),
    ):
        first: dict[str, Any] = {}
        for spec_id, raw in zip(ids, raws):
            prev = first.setdefault(spec_id, raw)
            if prev is not raw:
                problems.append(
                    _problem_at(
                        raw,
                        "id",
                        f"duplicate {what} id {spec_id!r} (first declared "
                        f"{_written_at(prev, 'id')}); {what}s' ids must be unique",
                        file,
                    )
                )
    prefixes: dict[str, Any] = {}
    for spec, raw in zip(document.catalogues, tree.get("catalogues") or []):
        key = spec.prefix.upper()
        if key == "NI":
            problems.append(
                _problem_at(
                    raw,
                    "prefix",
                    f"catalogue prefix {spec.prefix!r} is the built-in National "
                    "Indicator Set's; a local catalogue needs a prefix of its own "
                    "(e.g. CSC)",
                    file,
                )
            )
            continue
        prev = prefixes.setdefault(key, raw)
        if prev is not raw:
            problems.append(
                _problem_at(
                    raw,
                    "prefix",
                    f"catalogue prefix {spec.prefix!r} is declared twice (first "
                    f"{_written_at(prev, 'prefix')}); prefixes compare ignoring case",
                    file,
                )
            )
    return problems


def build_plan(
    document: PlanDocument,
    tree: dict[str, Any],
    *,
    file: str | None,
    base_dir: str | None,
    positions: dict[int, tuple[int, int]] | Callable[[], dict[int, tuple[int, int]]] | None = None,
) -> Plan:
    """Flatten a validated document into a :class:`Plan`: every node with its parents, file order
    and position (from the parsed ``tree``'s marks, or ``positions`` by the id of each raw mapping),
    the owners' and groups' lines, the catalogues and the indicators referred to but not written.
    Duplicate ids, unknown outcomes and catalogues that cannot be built raise :class:`PlanError`."""
    from ..model.frameworks import frameworks

    plan = Plan(document=document, file=file, base_dir=base_dir)
    problems: list[Problem] = []
    order = 0

    where = positions() if callable(positions) else positions or {}

    def pos(raw: Any) -> tuple[int | None, int | None]:
        if isinstance(raw, (LocMap, LocList)):
            return raw.line, raw.column
        return where.get(id(raw), (None, None))

    nodes = plan.nodes
    parents_of = plan.parents
    lead_texts = plan.lead_texts
    no_position = (None, None)
    meta = document.plan
    known = frameworks()
    valid = known[meta.framework].ids if meta.framework in known else None
    bad_outcomes: list[NodeSpec] = []  # nodes naming an outcome the framework does not have
    referring: list[NodeSpec] = []  # nodes listing indicators

    def add(node: NodeSpec, raw: Any, parent: str | None, container: str) -> None:
        # Called once per node of the plan: written for speed (no per-node helper calls).
        nonlocal order
        if isinstance(raw, (LocMap, LocList)):
            line, col = raw.line, raw.column
        else:
            line, col = where.get(id(raw), no_position)
        # Straight into the private attributes (pydantic's __setattr__ costs a microsecond each).
        private = node.__pydantic_private__
        if private is None:  # pragma: no cover - a model built without validation
            node._file = file
            private = node.__pydantic_private__
        assert private is not None
        private.update(_file=file, _line=line, _column=col, _order=order, _container=container)
        order += 1
        fields = node.__dict__
        node_id = fields["id"]
        if node_id in nodes or node_id == meta.id:
            problems.append(
                Problem(
                    duplicate_id(node_id, f"line {nodes[node_id]._line}")
                    if node_id in nodes
                    else f"id {node_id!r} is the plan's own id; ids must be unique across the plan",
                    file=file,
                    line=line,
                    column=col,
                )
            )
            return
        nodes[node_id] = node
        outcomes = fields["outcomes"]
        if outcomes and valid is not None and not all(o in valid for o in outcomes):
            bad_outcomes.append(node)
        kind = type(node).kind
        if kind == "indicator":
            same = plan.indicator_aliases.setdefault(code_key(node_id), node_id)
            if same != node_id:  # (one code written two ways: NI72 and NI 72)
                problems.append(
                    Problem(
                        duplicate_code(node_id, same, f"line {nodes[same]._line}"),
                        file=file,
                        line=line,
                        column=col,
                    )
                )
            return
        if kind == "vision":
            return
        if fields.get("indicators"):
            referring.append(node)
        lead = fields.get("lead")
        if lead:
            if lead.__class__ is str:
                lead_texts.add(lead)
            else:
                lead_texts.update(lead)
        parent_field = fields.get("parent")
        parents_field = fields.get("parents")
        if not parent_field and not parents_field:
            parents_of[node_id] = (parent,) if parent else ()
        else:
            explicit = ([parent_field] if parent_field else []) + list(parents_field or ())
            all_parents = ([parent] if parent else []) + [p for p in explicit if p != parent]
            parents_of[node_id] = tuple(dict.fromkeys(all_parents))
        for list_name in CHILD_LISTS[kind]:
            children = fields[list_name]
            if not children:
                continue
            raw_children = (raw.get(list_name) or []) if isinstance(raw, dict) else []
            where_children = f"{container}.{list_name}"
            for child, raw_child in zip(children, raw_children):
                # (itself: unbound with del below)
                add(child, raw_child, node_id, where_children)  # noqa: F821

    if document.vision is not None:
        add(document.vision, tree.get("vision"), None, "vision")
    for list_name in ("priorities", "aims", "objectives", "milestones", "indicators"):
        for node, raw in zip(getattr(document, list_name), tree.get(list_name) or []):
            add(node, raw, None, list_name)
    # (``add`` calls itself through its closure, which holds the plan: unbound, the plan is freed
    # as soon as its caller lets go of it, not at the garbage collector's next full pass)
    del add

    # Plan-wide findings point at the plan's own mapping (``plan:``).
    line, col = pos(tree.get("plan"))
    if line is not None:
        plan.locations.setdefault(meta.id, Location(file, line, col))
    for owner, raw in zip(document.owners, tree.get("owners") or []):
        plan.owner_lines.setdefault(owner.id, pos(raw))
    for group, raw in zip(document.groups, tree.get("groups") or []):
        plan.group_lines.setdefault(group.id, pos(raw))
    problems += _declared_twice(document, tree, file)
    problems += _outcome_problems(document, tree, bad_outcomes, file)
    if problems:
        raise PlanError(problems)

    problems += _build_catalogues(plan, tree, base_dir, file)
    if problems:
        raise PlanError(problems[:50])

    _add_implicit_indicators(plan, referring)
    return plan


def _outcome_problems(
    document: PlanDocument, tree: dict[str, Any], bad_outcomes: list[NodeSpec], file: str | None
) -> list[Problem]:
    """An unknown framework (at the plan's ``framework`` key), or each outcome a node names that
    its framework does not have (``bad_outcomes``: the nodes naming one)."""
    from ..model.frameworks import frameworks

    known = frameworks()
    framework = document.plan.framework
    if framework not in known:
        line, col = getattr(tree["plan"], "key_pos", {}).get("framework", (None, None))
        return [Problem(unknown_framework(framework, known), file=file, line=line, column=col)]
    valid = known[framework].ids
    return [
        Problem(
            unknown_outcome(f"{node.kind} {node.id}", outcome, valid, framework),
            file=file,
            line=node._line,
            column=node._column,
        )
        for node in bad_outcomes
        for outcome in node.outcomes or ()
        if outcome not in valid
    ]


def _build_catalogues(
    plan: Plan, tree: dict[str, Any], base_dir: str | None, file: str | None
) -> list[Problem]:
    """The built-in NI set plus the plan's local catalogues, into ``plan.catalogues``. A catalogue
    that cannot be built is reported at its entry of ``catalogues:`` (at its ``entries`` key when
    it has one), with the problems of every other catalogue."""
    from ..reference.catalogue import national_indicators
    from ..reference.local import build_catalogue

    problems: list[Problem] = []
    plan.catalogues = {"NI": national_indicators()}
    raw_specs = tree.get("catalogues") or []
    for i, spec in enumerate(plan.document.catalogues):
        raw = raw_specs[i] if i < len(raw_specs) else None
        try:
            plan.catalogues[spec.prefix.upper()] = build_catalogue(
                spec, base_dir=base_dir, plan=plan
            )
        except CatalogueError as exc:
            raw_entries = raw.get("entries") if isinstance(raw, dict) else None
            if (
                exc.entry is not None
                and isinstance(raw_entries, list)
                and exc.entry < len(raw_entries)
            ):
                raw = raw_entries[exc.entry]  # (an entry written in the plan: at its own line)
            problems.append(_problem_at(raw, "entries", f"catalogue: {exc}", file))
    return problems


def _add_implicit_indicators(plan: Plan, referring: list[NodeSpec]) -> None:
    """Create the indicators the nodes ``referring`` list but the plan does not declare."""
    from ..reference.catalogue import code_prefix

    for node in referring:
        if not isinstance(node, (Priority, Aim, Objective)):
            continue
        for ref in node.indicators:
            key = code_key(ref.id)
            if key in plan.indicator_aliases:
                continue
            prefix = code_prefix(ref.id)
            if prefix is None or prefix not in plan.catalogues:
                continue  # a broken reference (OG104)
            entry, how = plan.catalogues[prefix].resolve(ref.id)
            if entry is None:
                title = ref.title or ref.id
            elif (
                how != "listed"
            ):  # (an unlisted letter, NI 102c: a part of its parent, not the parent)
                title = f"Part of {entry.code}: {entry.title}"
            else:
                title = entry.title
            ind = Indicator(id=ref.id, title=title)  # outcomes: the catalogue's (effective value)
            ind._file = plan.file
            ind._line = node._line
            ind._column = node._column
            ind._order = len(plan.nodes)
            ind._container = "implicit"
            plan.nodes[ref.id] = ind
            plan.implicit_indicators.add(ref.id)
            plan.indicator_aliases[key] = ref.id
