"""Run the rules over a plan: selection, severities, suppressions, unused suppressions, order."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from ..config import Config
from ..errors import ConfigError, OutcomeGraphError
from ..findings import Finding, Report
from ..graph.facts import PlanFacts
from ..model.plan import Notice
from ..severity import SEVERITIES
from .context import LazyGraph, RuleContext, UnusedIgnore
from .registry import Rule, _declared_at, file_rules, registry, rule_source

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from ..model.document import IgnoreEntry
    from ..model.plan import Plan
    from .workers import Jobs

__all__ = ["check", "run_rules"]

#: The rule that reports the ignore entries no finding used. It runs after every other rule and
#: the suppression of their findings, on the entries left unused (RuleContext.unused_ignores).
UNUSED_IGNORE = "OG110"


@dataclass
class _Suppression:
    node: str  # the node, owner or group holding the entry, or the plan's id for the plan's own
    entry: IgnoreEntry
    used: bool = False
    kind: str = "node"  # what holds it: "plan", "node", "owner" or "group"


def _active_rules(config: Config) -> list[Rule]:
    rules = configured_rules(config)
    config.validate(rules, {code: r.options for code, r in rules.items()})
    return [r for code, r in rules.items() if config.enabled(code)]


def configured_rules(config: Config) -> dict[str, Rule]:
    """The rules a configuration can select, by code: the built-in ones, installed plugins', and
    those of the rule files it names (not another configuration's, loaded earlier in the same
    process)."""
    from ..plugins import load_plugins, rule_file

    load_plugins(config)
    rules = {code: r for code, r in registry().items() if rule_file(r.origin) is None}
    for file in (
        config.rule_files
    ):  # (each file's own rules: another configuration's file may declare the same code)
        for code, r in file_rules(file).items():
            first = rules.setdefault(code, r)
            if first is not r:  # (two files of one configuration: one rule would be lost)
                message = (
                    f"rule code {code} is declared twice ({_declared_at(first)} and "
                    f"{_declared_at(r)}): a code belongs to one rule"
                )
                listed = next(
                    (layer for layer in reversed(config.layers) if file in layer.rule_files), None
                )
                raise (
                    ConfigError(message) if listed is None else listed.error(message, "rule-files")
                )
    return dict(sorted(rules.items()))


def check(
    plan: Plan, config: Config | Mapping[str, Any] | None = None, *, jobs: Jobs = 1
) -> Report:
    """Check a plan against the rule catalogue.

    Parameters
    ----------
    plan : Plan
        A loaded plan (:func:`outcome_graph.load`).
    config : Config or mapping, optional
        Rule selection, severities, thresholds and ``fail-on`` (a mapping holds a configuration
        file's keys: ``{"ignore": ["OG6"]}``); by default every rule with its default severity.
    jobs : int or "auto", default 1
        Processes to share the rule families between (see :mod:`outcome_graph.rules.workers`):
        ``"auto"`` uses one per CPU for plans of 5,000 nodes or more, on Linux. The findings are
        the same whatever the number.

    Returns
    -------
    Report
        The findings in file order, with counts by severity and the suppressed count.

    Raises
    ------
    ConfigError
        The configuration names an unknown rule, severity or option, a rule file cannot be
        loaded, or a custom rule fails: it raises, or yields something other than a finding made
        with ``ctx.finding`` about a node, owner or group of the plan (the message names the rule,
        its module or file, and what went wrong; the error's ``file`` and ``line`` are those of
        the rule's code that raised, where it did).
    UsageError
        ``jobs`` is not a positive number or ``"auto"``.
    TypeError
        ``plan`` is not a loaded plan (a path: load it first), or ``config`` is neither a
        :class:`Config` nor a mapping.

    Examples
    --------
    >>> from outcome_graph import load
    >>> plan = load('''
    ... format: outcome-graph/v1
    ... plan: {id: d, period: {start: 2011-04-01, end: 2012-03-31}}
    ... priorities: [{id: P1, title: Safe, outcomes: [stay_safe]}]
    ... objectives: [{id: O1, title: Fewer accidents}]
    ... ''')
    >>> [(f.rule, f.node) for f in check(plan).by_rule("OG103")]
    [('OG103', 'O1')]
    """
    from ..model.plan import Plan

    if not isinstance(plan, Plan):
        raise TypeError(
            f"check() takes a loaded plan (og.check(og.load(path))), not {type(plan).__name__}"
        )
    config_type_error("check", config)
    if isinstance(config, Mapping):
        config = Config.from_dict(config)  # (the keys of a configuration file)
    config = config or Config()
    return run_rules(plan, _active_rules(config), config, jobs=jobs)


def _rule_failed(rule: Rule, plan: Plan, exc: Exception) -> ConfigError:
    """The error of a custom rule that raised: it names the rule, its file or module and the line
    of its own code that raised (as the error's file and line, for an editor to open).

    One of the package's own errors (``og.PlanError``, ``og.UsageError``...) raised by a rule is
    named the same way: passed on as it was, it read as a problem of the plan or of the command
    (``<plan>: ...``), with nothing to say which rule it came from."""
    from ..plugins import rule_file

    where = rule_file(rule.origin) or rule.origin
    if isinstance(exc, OutcomeGraphError):
        # (its own position, when it has one, is part of what it says; "<plan>" is not)
        detail = str(exc) if exc.file else exc.message
    else:
        detail = str(exc)
    file, line = _raised_in_rule(rule, exc)
    if file is None and isinstance(exc, OutcomeGraphError) and exc.file:
        file, line = exc.file, exc.line
        at = ""
    else:
        at = f" (raised at {file}:{line})" if file else ""
    err = ConfigError(
        f"rule {rule.code} ({where}) failed on plan {plan.id!r}: {type(exc).__name__}: {detail}{at}"
    )
    err.file, err.line = file, line
    return err


def _raised_in_rule(rule: Rule, exc: BaseException) -> tuple[str | None, int | None]:
    """The file and line of the rule's own code where ``exc`` was raised (the innermost frame in
    the file that declares the rule's function): without a traceback, which the command does not
    print for a rule's error, its author could not tell which line failed. ``(None, None)`` when
    the error was raised outside that file (a bad finding, found once the rule has returned)."""
    import traceback

    code = getattr(rule.check, "__code__", None)
    if code is None:
        return None, None
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == code.co_filename]
    return (frames[-1].filename, frames[-1].lineno) if frames else (None, None)


def config_type_error(function: str, config: object) -> None:
    """Raise a TypeError saying what ``config`` may be, unless it is a Config, a mapping or None."""
    if config is not None and not isinstance(config, (Config, Mapping)):
        raise TypeError(
            f"{function}() takes config as a Config (og.Config.from_file(path)) or a mapping of a "
            f"configuration file's keys, not {type(config).__name__}"
        )


def run_rules(plan: Plan, rules: list[Rule], config: Config, *, jobs: Jobs = 1) -> Report:
    """Run the given rules (already selected) with the configuration's severities and options."""
    from ..loading.tree import gc_paused
    from .workers import resolve_jobs

    processes = resolve_jobs(jobs, plan)
    with gc_paused():  # the rules make many small objects and no cycles (see gc_paused)
        return _run_rules(plan, rules, config, processes)


def _run_rules(plan: Plan, rules: list[Rule], config: Config, processes: int) -> Report:
    facts = PlanFacts(plan)
    graph = LazyGraph(plan, facts)
    todo = [r for r in rules if r.code != UNUSED_IGNORE]

    def run_group(group: Sequence[Rule]) -> list[tuple[str, list[Finding]]]:
        out = []
        for r in group:
            ctx = _context(plan, facts, graph, r, config)
            try:
                result = ctx.rule.check(ctx)
                if result is None:
                    raise TypeError(
                        "it returned None, not its findings (yield each one made with "
                        "ctx.finding(node, message), or return a list of them)"
                    )
                found = list(result)
                if r.origin != "outcome_graph":  # (the built-in rules' findings are tested)
                    for f in found:
                        _check_finding(f)
                out.append((r.code, found))
            except Exception as exc:  # a plugin's bug is named as the plugin's, not as ours
                if r.origin == "outcome_graph":
                    raise
                raise _rule_failed(r, plan, exc) from exc
        return out

    if processes > 1:
        from .workers import run_shared

        # The parent links, which the structure and ownership families both read, are worked out
        # once before the processes part, not in each (where copy-on-write makes them dearer).
        facts.parents  # noqa: B018
        by_rule = run_shared(todo, run_group, processes)
    else:
        by_rule = dict(run_group(todo))
    raw: list[Finding] = [f for r in todo for f in by_rule[r.code]]

    suppressions = _Suppressions(plan, facts)
    kept: list[Finding] = []
    suppressed: list[Finding] = []
    for f in raw:
        hit = suppressions.suppressing(f)
        if hit is None:
            kept.append(f)
        else:
            hit.used = True
            suppressed.append(f)

    unused_rule = next((r for r in rules if r.code == UNUSED_IGNORE), None)
    if unused_rule is not None:
        ctx = _context(plan, facts, graph, unused_rule, config)
        for s, unused in _unused_entries(
            suppressions, {r.code for r in rules}, configured_rules(config)
        ):
            # (entry by entry: the rule's findings about one are suppressed, and the entries
            # that suppress them marked used, before the next is judged)
            ctx.unused_ignores = (unused,)
            for f in unused_rule.check(ctx):
                hit = suppressions.suppressing(f, skip=s)
                if hit is None:
                    kept.append(f)
                else:
                    hit.used = True
                    suppressed.append(f)

    kept.sort(key=lambda f: (f.order, f.rule))
    suppressed.sort(key=lambda f: (f.order, f.rule))
    if processes > 1:
        from ..forking import reap

        # the workers, which have long sent their findings (and freed their memory meanwhile)
        reap()
    # (the facts go with the report: a command that draws the plan next reads them again, and
    # letting go of a large plan's facts here would cost the check their freeing)
    return Report(
        plan.id,
        plan.title,
        plan.file,
        kept,
        suppressed,
        fail_on=config.fail_on,
        facts=facts,
        rules={r.code: config.severity_of(r.code, r.severity) for r in rules},
        sources={r.code: rule_source(r) for r in rules if r.origin != "outcome_graph"},
        notices=[Notice.of(n) for n in plan.notices],
    )


def _context(
    plan: Plan, facts: PlanFacts, graph: LazyGraph, r: Rule, config: Config
) -> RuleContext:
    """The context rule ``r`` runs in: its severity and options as configured."""
    return RuleContext(
        plan,
        facts,
        graph,
        replace(r, severity=config.severity_of(r.code, r.severity)),
        config.options_for(r.code, r.options),
    )


def _unused_entries(
    suppressions: _Suppressions, enabled: set[str], known: Mapping[str, Rule]
) -> Iterator[tuple[_Suppression, UnusedIgnore]]:
    """The ignore entries that suppressed no finding, each with what the rule reporting them
    reads; not those naming a rule that did not run (whether they are used cannot be said).

    An entry for UNUSED_IGNORE itself (or a prefix of it) suppresses that rule's findings like any
    other rule's: it comes last, and is passed over if a finding about an earlier entry used it
    meanwhile (the entries are judged as they are taken from here).
    """
    entries = sorted(
        suppressions.unused(), key=lambda s: UNUSED_IGNORE.startswith(s.entry.rule.upper())
    )
    for s in entries:
        if s.used:
            continue
        code = s.entry.rule.upper()
        matches = [c for c in known if c.startswith(code)]
        if matches and not all(c in enabled for c in matches):
            continue
        yield s, UnusedIgnore(s.node, s.kind, s.entry.rule, names_a_rule=bool(matches))


def _check_finding(f: object) -> None:
    """Refuse what a rule yielded unless it is a finding the outputs can write."""
    if not isinstance(f, Finding):
        raise TypeError(
            f"it yielded {type(f).__name__} {f!r:.60}, not a Finding (make findings with "
            "ctx.finding(node, message))"
        )
    if f.severity not in SEVERITIES:
        raise ValueError(
            f"it yielded a finding of severity {f.severity!r}, which is not error, warning or info"
        )
    for name in ("rule", "name", "node", "kind", "title", "message", "hint"):
        value = getattr(f, name)
        if not isinstance(value, str):
            raise TypeError(
                f"it yielded a finding whose {name} is {type(value).__name__} {value!r:.60}, not "
                "a text"
            )


class _Suppressions:
    """The plan's ``ignore:`` entries: the plan's own, each node's by the node that holds them, and
    each declared owner's and group's (an owner or group may share its id with a node)."""

    def __init__(self, plan: Plan, facts: PlanFacts) -> None:
        self.plan = plan
        self.facts = facts
        self.plan_entries = [_Suppression(plan.id, e, kind="plan") for e in plan.meta.ignore or ()]
        self.by_node: dict[str, list[_Suppression]] = {}
        for node in facts.with_ignore:
            self.by_node[node.id] = [_Suppression(node.id, e) for e in node.ignore]
        self.by_holder: dict[str, dict[str, list[_Suppression]]] = {"owner": {}, "group": {}}
        for kind, holders in (("owner", plan.owners), ("group", plan.groups)):
            for holder in holders:
                if holder.ignore:
                    self.by_holder[kind].setdefault(holder.id, []).extend(
                        _Suppression(holder.id, e, kind=kind) for e in holder.ignore
                    )
        # The nodes below a node's branch-scoped entry: only their findings need the climb
        # through their ancestors (most plans have no such entry, and a finding's ancestors
        # cost a walk up the plan).
        self.under_branch: set[str] = set()
        for node_id, entries in self.by_node.items():
            if any(s.entry.scope == "branch" for s in entries):
                self.under_branch.update(facts.descendants(node_id))
        self.none = not (
            self.plan_entries or self.by_node or any(self.by_holder.values())
        )  # (most plans)
        self.declared_owners = {o.id for o in plan.owners}
        self._leading: dict[str, list[str]] | None = None

    def leading_nodes(self) -> dict[str, list[str]]:
        """Owner id -> the nodes with `ignore:` entries that it leads, by their own `lead` or (a
        milestone) its objective's: the nodes its findings are reported at (worked out at the
        first owner finding that needs it)."""
        if self._leading is None:
            self._leading = {}
            facts = self.facts
            effective = facts.lead_owners
            for node_id in self.by_node:
                for owner_id in dict.fromkeys(
                    (*facts.own_lead(node_id), *effective.get(node_id, ()))
                ):
                    self._leading.setdefault(owner_id, []).append(node_id)
        return self._leading

    def unused(self) -> list[_Suppression]:
        held = (entries for by_id in self.by_holder.values() for entries in by_id.values())
        return [
            s
            for entries in (self.plan_entries, *self.by_node.values(), *held)
            for s in entries
            if not s.used
        ]

    def suppressing(self, f: Finding, skip: _Suppression | None = None) -> _Suppression | None:
        """The ignore entry that suppresses ``f`` (other than ``skip``: an entry does not excuse
        itself), or ``None``."""
        if self.none:
            return None
        code = f.rule
        plan_wide = f.kind == "plan"
        held = self.by_holder.get(f.kind)  # (an owner's or group's finding: its own entries)
        own = (
            self.plan_entries
            if plan_wide
            else held.get(f.node, ())
            if held is not None
            else self.by_node.get(f.node, ())
        )
        for s in own:
            if s is not skip and code.startswith(s.entry.rule.upper()):
                return s
        if f.kind == "owner" and f.node not in self.declared_owners:
            # An implicit owner has no `owners:` entry to hold an ignore: the nodes it leads hold
            # them for it (one false OG305 pair is silenced, not the rule).
            for node_id in self.leading_nodes().get(f.node, ()):
                for s in self.by_node[node_id]:
                    if s is not skip and code.startswith(s.entry.rule.upper()):
                        return s
        # Branch scope: the plan's ignore covers everything; a node's covers its descendants.
        for s in self.plan_entries:
            if (
                s is not skip
                and s.entry.scope == "branch"
                and code.startswith(s.entry.rule.upper())
            ):
                return s
        if not plan_wide and held is None and f.node in self.under_branch:
            for a in self.facts.ancestors(f.node):
                for s in self.by_node.get(a, ()):
                    if (
                        s is not skip
                        and s.entry.scope == "branch"
                        and code.startswith(s.entry.rule.upper())
                    ):
                        return s
        return None
