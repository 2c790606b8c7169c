"""What a rule's check receives: the plan, its facts and graph, its options, and a finding maker."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..findings import Finding
from ..model.plan import Location

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    import networkx as nx

    from ..graph.facts import PlanFacts
    from ..model.plan import Plan
    from .registry import Rule

__all__ = ["RuleContext", "LazyGraph", "UnusedIgnore"]


@dataclass(frozen=True)
class UnusedIgnore:
    """An ``ignore:`` entry that no finding of the rules run used: what the rule that reports such
    entries (OG110) reads, from :attr:`RuleContext.unused_ignores`, one at a time, after every
    other rule's findings are suppressed (``og.UnusedIgnore``).

    >>> import outcome_graph as og
    >>> plan = og.load('''
    ... format: outcome-graph/v1
    ... plan: {id: d, period: {start: 2011-04-01, end: 2012-03-31}}
    ... milestones:
    ...   - {id: M1, title: Audit the junctions, lead: Road safety team, timescale: June 11,
    ...      ignore: [OG301]}
    ... ''')
    >>> seen = []
    >>> def note(ctx: og.RuleContext):
    ...     seen.extend(ctx.unused_ignores)
    ...     return []
    >>> from outcome_graph.rules.engine import run_rules
    >>> from dataclasses import replace
    >>> _ = run_rules(plan, [og.registry()["OG301"], replace(og.registry()["OG110"], check=note)],
    ...               og.Config())
    >>> seen
    [UnusedIgnore(holder='M1', kind='node', rule='OG301', names_a_rule=True)]
    """

    #: The node, owner or group that holds the entry, or the plan's id for the plan's own.
    holder: str
    #: What holds it: ``"plan"``, ``"node"``, ``"owner"`` or ``"group"``.
    kind: str
    #: The rule code (or a prefix of codes) the entry names, as written.
    rule: str
    #: Whether it names a rule (some rule's code starts with it), or nothing known.
    names_a_rule: bool


class LazyGraph:
    """The plan graph, built the first time a rule asks for it and shared by every rule after.

    Building the networkx graph of a 100,000-node plan takes longer than all the built-in rules
    together, and none of them reads it; a plugin rule that does gets it as before.
    """

    def __init__(self, plan: Plan, facts: PlanFacts) -> None:
        self.plan = plan
        self.facts = facts
        self._graph: nx.MultiDiGraph | None = None

    def __call__(self) -> nx.MultiDiGraph:
        if self._graph is None:
            from ..graph.build import build_graph

            self._graph = build_graph(self.plan, self.facts)
        return self._graph


def _first_sentence(text: str) -> str:
    para = " ".join(text.split("\n\n")[0].split())
    end = para.find(". ")
    return para[: end + 1] if end > 0 else para


class RuleContext:
    """The view of a plan one rule works on.

    Attributes
    ----------
    plan : Plan
        The loaded plan (nodes by id in file order, owners, groups, catalogues).
    facts : PlanFacts
        Effective values: inherited outcomes, effective leads, parsed timings, ancestors...
    graph : networkx.MultiDiGraph
        The plan graph (see :func:`outcome_graph.build_graph`).
    options : dict
        The rule's thresholds, defaults overridden by configuration (read one with
        :meth:`option`).
    rule : Rule
        The rule being run, with its severity as configured (the findings' severity).
    unused_ignores : sequence of UnusedIgnore
        Empty but for the rule that reports unused ``ignore:`` entries (OG110), which runs after
        every other rule's findings are suppressed: the entries they left unused.

    Examples
    --------
    A rule's check receives one (see :func:`outcome_graph.rule`):

    >>> import outcome_graph as og
    >>> from outcome_graph.rules.engine import run_rules
    >>> def untitled_plan(ctx: og.RuleContext):
    ...     if not ctx.plan.meta.title:
    ...         yield ctx.finding(None, "The plan has no title.")
    >>> untitled = og.rule("DOC001", "untitled-plan", "info", register=False)(untitled_plan)
    >>> plan = og.load("format: outcome-graph/v1\\n"
    ...                "plan: {id: d, period: {start: 2011-04-01, end: 2012-03-31}}\\n")
    >>> [f.message for f in run_rules(plan, [untitled], og.Config()).findings]
    ['The plan has no title.']
    """

    def __init__(
        self,
        plan: Plan,
        facts: PlanFacts,
        graph: nx.MultiDiGraph | LazyGraph,
        rule: Rule,
        options: dict[str, Any],
        unused_ignores: Sequence[UnusedIgnore] = (),
    ):
        self.plan = plan
        self.facts = facts
        self._graph = graph
        self.rule = rule
        self.options = options
        self.unused_ignores = unused_ignores

    def __repr__(self) -> str:
        return f"<RuleContext of {self.rule.code} on {self.plan.id!r}>"

    @property
    def graph(self) -> nx.MultiDiGraph:
        """The plan graph (built on first use: most rules read the facts, not the graph)."""
        graph = self._graph
        return graph() if isinstance(graph, LazyGraph) else graph

    def option(self, name: str) -> Any:
        """A threshold of this rule (configured value, else the default).

        Raises :class:`KeyError` naming the options the rule declares when it declares no option
        ``name`` (``@rule(..., options={"max-milestones": 10})``).
        """
        try:
            return self.options[name]
        except KeyError:
            declared = ", ".join(map(repr, self.options)) or "none"
            raise KeyError(
                f"rule {self.rule.code} declares no option {name!r} (its options: {declared})"
            ) from None

    @property
    def in_yaml(self) -> bool:
        """Whether the plan is written as YAML or JSON, whose hints name keys (``False``: a
        spreadsheet, whose hints name its columns and sheets). A hint whose sentence the two forms
        cannot share asks this; one that names a field alone uses :meth:`field`."""
        return self.plan.spreadsheet is None

    def _form(self) -> dict[str, bool]:
        """How :func:`~outcome_graph.loading.sheet_layout.field_place` names places in this plan."""
        csv = self.plan.file is not None and not self.plan.file.lower().endswith(".xlsx")
        return {"flat": self.plan.spreadsheet == "flat", "csv": csv}

    def field(self, name: str, *, key: str | None = None, value: str | None = None) -> str:
        """A field of the format as a hint names it: its key (`` `target:` ``) in a YAML or JSON
        plan; in a spreadsheet, where it is written (the `` `target.value` `` column of the
        indicators sheet), from one table of the fields' places
        (:data:`~outcome_graph.loading.sheet_layout.FIELD_PLACES`).

        ``key`` is what a YAML plan's hint writes when not the key alone (`` `direction` ``,
        `` `baseline: {period: ..., value: ...}` ``); ``value`` a value to write there
        (`` `status: done` ``, in a spreadsheet `` `done` in the `status` column ``)."""
        if self.in_yaml:
            if key is not None:
                return key
            return f"`{name}: {value}`" if value is not None else f"`{name}:`"
        from ..loading.sheet_layout import field_place

        place = field_place(name, **self._form())
        return f"`{value}` in {place}" if value is not None else place

    def sheet(self, name: str) -> str:
        """A sheet of a spreadsheet plan as a hint names it (the owners sheet, owners.csv)."""
        from ..loading.sheet_layout import sheet_place

        return sheet_place(name, **self._form())

    def ignore_entry(self, on: str | None, *, that: str = "", listed: bool = False) -> str:
        """How a hint asks to suppress this rule on ``on`` (``"the priority"``; ``None``: the plan):
        an `` `ignore:` `` entry there (`` `{rule: OG101, reason: ...}` ``, written as a list with
        ``listed``) in a YAML plan, a row of the ignore sheet naming it in a spreadsheet. ``that``
        follows the entry (``"that says why"``)."""
        code = self.rule.code
        that = f" {that}" if that else ""
        if self.in_yaml:
            where = f"on {on}" if on is not None else "under `plan:`"
            example = (
                f"ignore: [{{rule: {code}, reason: ...}}]"
                if listed
                else f"{{rule: {code}, reason: ...}}"
            )
            return f"an {self.field('ignore')} entry {where}{that} (`{example}`)"
        whose = f"the id of {on}" if on is not None else "the plan's id"
        return (
            f"a row of {self.sheet('ignore')}{that}: {whose} in `node`, {code} in `rule` and why "
            "in `reason`"
        )

    def finding(
        self,
        node: str | None,
        message: str,
        hint: str | None = None,
        *,
        kind: str | None = None,
        title: str | None = None,
        location: Location | None = None,
        related: Iterable[str] = (),
    ) -> Finding:
        """A finding of this rule about a node (``None`` or the plan's id for a plan-wide one).

        The message says what is wrong in plain words, read the same whatever form the plan is in
        (an indicator's "its direction is increase", not the YAML key ``direction: increase``);
        where to write the fix is the hint's, which names a field through :meth:`field`.

        ``related`` are the other owners (or nodes) of the same kind it is about, which the message
        names (the joint leads of one finding): views mark them as they mark ``node``, and SARIF
        gives where each is written as a related location (``Finding.related_locations``).

        The kind, title and location are looked up from the node, an owner or a group; the hint
        defaults to the first paragraph of the rule's "How to fix". An id that is none of these
        raises :class:`ValueError` unless ``location`` says where the finding is (a finding no one
        could find in the plan is a bug of the rule: :func:`outcome_graph.check` reports it as the
        rule's failure).
        """
        plan = self.plan
        node_id = node if node is not None else plan.id
        order_key = 0
        if node_id in plan.nodes and kind not in (
            "owner",
            "group",
        ):  # (no node has the plan's id: the loader refuses one)
            spec = plan.nodes[node_id]
            kind = kind or spec.kind
            title = spec.title if title is None else title
            order_key = (spec.__pydantic_private__ or {}).get("_order", 0)  # (see Plan.location)
        elif node is None or node_id == plan.id:
            kind = kind or "plan"
            title = plan.title if title is None else title
            order_key = -1
        elif node_id in self.facts.owners and kind != "group":
            kind = kind or "owner"
            title = self.facts.owners[node_id].name if title is None else title
            order_key = len(plan.nodes)
        else:
            group = next((g for g in plan.groups if g.id == node_id), None)
            if group is not None:
                kind = kind or "group"
                title = group.title if title is None else title
            elif location is None:
                # (a finding no one could find: no line, and read as the plan's own)
                raise ValueError(
                    f"it made a finding about {node_id!r}, which is not a node, owner or group "
                    "of the plan (give ctx.finding a node's id, or None for the plan)"
                )
            kind = kind or "plan"
            title = title or ""
        if isinstance(related, str):  # (one id, not its letters)
            related = (related,)
        others = tuple(r for r in dict.fromkeys(related) if r != node_id)
        loc = location or plan.location(node_id, kind)
        # (findings are listed in the order of the plan's file; in a plan of several files, a folder
        # of CSV files, the lines of different files say nothing of the order, and the nodes' does)
        line = loc.line if loc.file is None or plan.file is None or loc.file == plan.file else None
        if hint is None:
            hint = _first_sentence(self.rule.doc.fix)
        return Finding(
            rule=self.rule.code,
            name=self.rule.name,
            severity=self.rule.severity,  # type: ignore[arg-type]
            node=node_id,
            kind=kind or "plan",
            title=title or "",
            message=message,
            hint=hint,
            location=loc,
            order=(line if line is not None else (0 if order_key < 0 else 10**9), order_key),
            related=others,
            related_locations=tuple(self._related_location(r, kind or "plan", loc) for r in others),
        )

    def place_of(self, node_id: str, *fields: str) -> Location | None:
        """Where the first of ``fields`` that is written apart from the node is (a spreadsheet's
        cell: the timescale column of a milestone's row), for a finding about that field to point
        at (of several, the first that holds a value; a blank cell where none does: the cell to fill
        in); ``None`` where the node's own place serves
        (a YAML plan, a table with no such column)."""
        places = self.plan.field_locations
        if not places:
            return None
        found = [loc for name in fields if (loc := places.get((node_id, name))) is not None]
        if len(found) > 1:
            # (of several cells, the first that holds the field: a milestone dated by its timescale
            # alone is pointed at there, not at its blank due cell)
            node = self.plan.nodes.get(node_id)
            values = node.__dict__ if node is not None else {}
            return next(
                (
                    places[(node_id, name)]
                    for name in fields
                    if (node_id, name) in places and values.get(name) not in (None, "", [])
                ),
                found[0],
            )
        return found[0] if found else None

    def lead_place(self, node_id: str, owner_id: str) -> Location | None:
        """Where the lead naming the owner ``owner_id`` is written for the node ``node_id`` (a
        spreadsheet's lead cell): the node's own lead cell, else, for a milestone that takes its
        objective's lead, that objective's; ``None`` where the node's own place serves."""
        if not self.plan.field_locations:
            return None
        facts = self.facts
        if owner_id in facts.own_lead(node_id):
            return self.place_of(node_id, "lead")
        for parent in facts.parents.get(node_id, ()):
            if owner_id in facts.own_lead(parent):
                return self.place_of(parent, "lead")
        return None

    def _related_location(self, item: str, kind: str, at: Location) -> Location:
        """Where one of a finding's ``related`` items (of the finding's ``kind``) is written: a
        node's own place, a declared owner's or group's declaration, else (an owner a lead's text
        implies) the node it leads where the finding is (``at``: a joint lead's), or the first it
        leads; a location with no line where none of these has one."""
        plan = self.plan
        if kind == "owner":
            owner = self.facts.owners.get(item)
            if owner is not None and not owner.declared and owner.nodes:
                # (a spreadsheet's lead cell that writes it, where known, as a finding about the
                # owner points there)
                places = (self.lead_place(n, item) or plan.location(n) for n in owner.nodes)
                return (
                    next((p for p in places if p == at), None)
                    or self.lead_place(owner.nodes[0], item)
                    or plan.location(owner.nodes[0])
                )
        return plan.location(item, kind)
