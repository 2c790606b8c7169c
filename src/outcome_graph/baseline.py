"""Baselines: the findings a plan had when it was accepted, so that a check reports what is new.

A plan adopted with dozens of known findings (a published plan is not rewritten to please a
checker) would otherwise fail every check, and its new problems would drown among the old. A
baseline records the findings once::

    outcome-graph check plan.yaml --format json -o baseline.json

and later checks leave them out::

    outcome-graph check plan.yaml --baseline baseline.json

The baseline is the ``outcome-graph/findings/v1`` document that ``check --format json`` writes
(JSON Lines for several plans), or the SARIF log of ``check --format sarif`` (a CI job may keep
the last one it uploaded; a result whose properties a tool passing the log on dropped, or left
``null``, is read by its logical location). Leaving out is never silent: a report counts its
baselined findings, the text summary says how many, and SARIF lists them with an external
suppression.

Which finding is which
----------------------
A finding is in the baseline when the baseline holds a finding of the same plan (its id), rule
and node, wherever its file is (a plan may move). Line numbers, titles and the figures in a message
(an owner leading 14 milestones, then 15) may change without the finding becoming new. Where several
findings share plan, rule and node (OG204 on an objective measured by two indicators), the
messages pair them first and the rest pair in file order; one baseline entry accounts for one
finding at most, so a second finding of the same kind on the same node is new.

Nodes renumbered
----------------
Plans number their nodes by position (``P1.A1.O1.M3``): a milestone inserted before M3 makes it
M4, and the new M3 is the inserted one. A findings document (and a SARIF log) records each
finding's node with its kind and title, so its nodes are found in the plan checked as ``diff``
finds them (:func:`~outcome_graph.diff.match_titles`): the node of the same id where its title
is the same, else the node of the same title (of its kind; several of one title paired in
order), else the node of the same id where no other took it. The recorded findings of M3 are
then those of the new M4, and the inserted M3's findings are new. A baseline written before
findings had titles, or a finding of an owner, a group or the plan, is matched by id as before.
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .errors import BaselineError, Problem
from .findings import FINDINGS_SCHEMA_ID, Finding, Report, as_reports, message_codes

if TYPE_CHECKING:
    from .model.plan import Plan

__all__ = ["Baseline", "read_baseline"]

#: The largest baseline file read (a baseline of a 100,000-node plan's findings is a few MB).
MAX_BYTES = 256 * 2**20
#: The kinds of finding whose node is a node of the plan (found again by its title when renumbered);
#: an owner's, a group's or the plan's own are matched by id.
NODE_KINDS = frozenset({"vision", "priority", "aim", "objective", "milestone", "indicator"})

#: A recorded finding: (plan id, rule, node, message), then the node's kind and title where the
#: baseline records them.
Record = tuple[str, str, str, str] | tuple[str, str, str, str, str | None, str | None]


@dataclass(frozen=True)
class Baseline:
    """Accepted findings, by plan id.

    Examples
    --------
    >>> import outcome_graph as og
    >>> text = '''
    ... format: outcome-graph/v1
    ... plan: {id: demo, period: {start: 2011-04-01, end: 2012-03-31}}
    ... objectives: [{id: O1, title: Fewer accidents}]
    ... milestones:
    ...   - {id: M1, parent: O1, title: Audit, timescale: June 11}
    ... '''
    >>> before = og.check(og.load(text))
    >>> baseline = Baseline.from_reports([before])
    >>> added = "  - {id: M2, parent: O1, title: Survey, timescale: July 11}\\n"
    >>> after = og.check(og.load(text + added))
    >>> [(f.rule, f.node) for f in after.by_rule("OG301")]
    [('OG301', 'M1'), ('OG301', 'M2')]
    >>> new = baseline.apply(after)
    >>> [(f.rule, f.node) for f in new.by_rule("OG301")], new.counts["baselined"]
    ([('OG301', 'M2')], 3)
    """

    #: plan id -> how many accepted findings each (rule, node) has.
    keys: Mapping[str, Counter[tuple[str, str]]] = field(default_factory=dict)
    #: plan id -> how many accepted findings each (rule, node, message) has.
    messages: Mapping[str, Counter[tuple[str, str, str]]] = field(default_factory=dict)
    #: Where the baseline was read from.
    file: str | None = None
    #: plan id -> node id -> (kind, title) of the nodes its findings are at, in file order (the
    #: nodes of a plan's own kinds, where the baseline records their titles).
    nodes: Mapping[str, Mapping[str, tuple[str, str]]] = field(default_factory=dict)

    def __len__(self) -> int:
        return sum(sum(c.values()) for c in self.keys.values())

    def __repr__(self) -> str:
        # (the generated one lists every accepted finding, twice)
        where = f" from {self.file}" if self.file else ""
        return (
            f"<Baseline of {len(self)} findings of {len(self.keys)} "
            f"plan{'s' * (len(self.keys) != 1)}{where}>"
        )

    @classmethod
    def from_reports(
        cls, reports: Report | Iterable[Report], *, file: str | None = None
    ) -> Baseline:
        """The baseline of some reports (a list of them, or one): their findings (not the
        suppressed ones) accepted."""
        reports = as_reports(reports, "Baseline.from_reports")
        return cls.from_findings(
            (
                (r.plan_id, f.rule, f.node, f.message, f.kind, f.title)
                for r in reports
                for f in r.findings
            ),
            file=file,
        )

    @classmethod
    def from_findings(cls, findings: Iterable[Record], *, file: str | None = None) -> Baseline:
        """The baseline of (plan id, rule, node, message) tuples, or of (plan id, rule, node,
        message, kind, title) tuples: with its node's kind and title, a finding is found again
        at its node renumbered (a kind or title ``None`` where unknown)."""
        keys: dict[str, Counter[tuple[str, str]]] = {}
        messages: dict[str, Counter[tuple[str, str, str]]] = {}
        nodes: dict[str, dict[str, tuple[str, str]]] = {}
        for record in findings:
            plan_id, rule, node, message = record[:4]
            keys.setdefault(plan_id, Counter())[(rule, node)] += 1
            messages.setdefault(plan_id, Counter())[(rule, node, message)] += 1
            kind, title = record[4:6] if len(record) >= 6 else (None, None)
            if kind in NODE_KINDS and isinstance(title, str):
                nodes.setdefault(plan_id, {}).setdefault(node, (kind, title))
        return cls(keys, messages, file, nodes)

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Baseline:
        """Read a baseline file: a findings document (``check --format json``), JSON Lines of
        them, or a SARIF log (``check --format sarif``). Raises
        :class:`~outcome_graph.errors.BaselineError` (naming the file, and the line where one is
        known) when it cannot be read or is not a findings document."""
        name = os.fspath(path)
        try:
            with open(name, "rb") as fh:
                data = fh.read(MAX_BYTES + 1)
        except FileNotFoundError:
            raise BaselineError(
                Problem(
                    "baseline file not found (write one with `check --format json -o FILE`)",
                    file=name,
                )
            ) from None
        except IsADirectoryError:
            raise BaselineError(
                Problem("the baseline is a folder, not a findings file", file=name)
            ) from None
        except OSError as exc:
            raise BaselineError(
                Problem(f"the baseline cannot be read: {exc.strerror or exc}", file=name)
            ) from None
        if len(data) > MAX_BYTES:
            raise BaselineError(
                Problem(f"the baseline is larger than {MAX_BYTES // 2**20} MB", file=name)
            )
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise BaselineError(
                Problem("the baseline is not UTF-8 text", file=name, line=line)
            ) from None
        return cls.from_findings(_read_documents(text, name), file=name)

    def mismatch(self, plan_id: str) -> str | None:
        """A notice when the baseline records findings, none of them of the plan ``plan_id``:
        findings are matched by plan id, so a plan whose id changed (next year's plan) finds
        all its findings new; ``None`` otherwise."""
        if plan_id in self.keys or not self.keys:
            return None
        others = sorted(self.keys)
        shown = ", ".join(repr(p) for p in others[:3]) + (
            f" and {len(others) - 3} more" if len(others) > 3 else ""
        )
        return (
            f"{self.file or 'the baseline'} records no finding of plan {plan_id!r}, only of "
            f"{shown}: findings are matched by plan id, so every finding of this plan counts as "
            "new"
        )

    def apply(self, report: Report, plan: Plan | None = None) -> Report:
        """The report with the findings in the baseline moved to ``baselined`` (its other
        findings, suppressed ones and order unchanged).

        The recorded findings' nodes are found in the plan checked by their titles too (a node
        renumbered: see the module's notes): in ``plan`` where it is given, else in the plan
        the report was made of (``og.check``'s report knows it), else among the nodes of the
        report's own findings."""
        if not isinstance(report, Report):  # (a list of them failed with an AttributeError)
            raise TypeError(
                f"Baseline.apply() takes one report (og.check(plan)), not {type(report).__name__}"
            )
        keys = self.keys.get(report.plan_id, Counter()).copy()
        messages = self.messages.get(report.plan_id, Counter()).copy()
        moved = self._renumbered(report, plan)
        if moved:
            keys = _moved(keys, moved)
            messages = _moved(messages, moved)
        accepted = [False] * len(report.findings)
        for i, f in enumerate(report.findings):  # the same message first...
            exact = (f.rule, f.node, f.message)
            if messages[exact] > 0:
                messages[exact] -= 1
                keys[(f.rule, f.node)] -= 1
                accepted[i] = True
        # ... then the same rule and node, about the same indicators (a message reworded, a count
        # changed; not OG204 of NI 110 where the baseline's was of NI 114)
        left: dict[tuple[str, str], list[str]] = {}
        for (rule, node, message), n in messages.items():
            if n > 0:
                left.setdefault((rule, node), []).extend([message] * n)
        for i, f in enumerate(report.findings):
            if accepted[i] or keys[(f.rule, f.node)] <= 0:
                continue
            candidates = left.get((f.rule, f.node), [])
            codes = message_codes(f.message)
            at = next(
                (j for j, message in enumerate(candidates) if message_codes(message) == codes), None
            )
            if at is not None:
                del candidates[at]
                keys[(f.rule, f.node)] -= 1
                accepted[i] = True
        kept: list[Finding] = [f for f, a in zip(report.findings, accepted) if not a]
        baselined = [
            *(report.baselined or ()),
            *(f for f, a in zip(report.findings, accepted) if a),
        ]
        return dataclasses.replace(report, findings=kept, baselined=baselined)

    def _renumbered(self, report: Report, plan: Plan | None) -> dict[str, str | None]:
        """Recorded node id -> the id of that node in the plan checked, where it differs (``None``
        for a node not found there whose id another node now has)."""
        recorded = self.nodes.get(report.plan_id)
        if not recorded:
            return {}
        from .diff import match_titles

        if plan is None and report.facts is not None:
            plan = report.facts.plan
        generated: set[str] = set()
        if plan is not None:
            current = {n.id: (n.kind, n.title) for n in plan.nodes.values()}
            generated = plan.generated_ids
        else:  # (a report that came back from another process: its findings' nodes)
            current = {}
            for f in [*report.findings, *report.suppressed, *(report.baselined or ())]:
                if f.kind in NODE_KINDS:
                    current.setdefault(f.node, (f.kind, f.title))
        matched = match_titles(recorded, current, generated=generated)
        taken = set(matched.values())
        out: dict[str, str | None] = {old: new for old, new in matched.items() if old != new}
        for old in recorded:
            if old not in matched and old in taken:
                out[old] = None  # (its id is another node's now: its findings are not that node's)
        return out


def _moved(counts: Counter[Any], moved: dict[str, str | None]) -> Counter[Any]:
    """Counts keyed by (rule, node, ...) with each node renumbered as ``moved`` says (those
    mapped to ``None`` left out)."""
    out: Counter[Any] = Counter()
    for key, n in counts.items():
        node = moved.get(key[1], key[1])
        if node is not None:
            out[(key[0], node, *key[2:])] += n
    return out


def read_baseline(path: str | os.PathLike[str] | None) -> Baseline | None:
    """:meth:`Baseline.load` of ``path``, or ``None`` where no baseline is given (an option left
    out)."""
    return None if path is None else Baseline.load(path)


def _read_documents(text: str, name: str) -> Iterable[Record]:
    """(plan id, rule, node, message, kind, title) of every finding of the findings documents in
    ``text`` (kind and title ``None`` where not recorded)."""
    documents: list[tuple[int, Any]] = []
    decoder = json.JSONDecoder()
    pos, end = 0, len(text)
    line, counted = 1, 0
    while True:
        while pos < end and text[pos] in " \t\r\n":
            pos += 1
        if pos >= end:
            break
        line += text.count("\n", counted, pos)
        counted = pos
        try:
            value, pos = decoder.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            raise BaselineError(
                Problem(
                    f"the baseline is not JSON: {exc.msg}",
                    file=name,
                    line=exc.lineno,
                    column=exc.colno,
                )
            ) from None
        except RecursionError:
            raise BaselineError(
                Problem(
                    "the baseline is nested too deeply to be a findings document",
                    file=name,
                    line=line,
                )
            ) from None
        documents.append((line, value))
    if not documents:
        raise BaselineError(
            Problem(
                "the baseline is empty: write one with `check --format json -o FILE`", file=name
            )
        )
    out: list[Record] = []
    for line, doc in documents:

        def bad(what: str, line: int = line) -> BaselineError:
            return BaselineError(
                Problem(
                    f"not a findings document ({FINDINGS_SCHEMA_ID}): {what}", file=name, line=line
                )
            )

        if isinstance(doc, dict) and "runs" in doc and "schema" not in doc:
            out.extend(_sarif_findings(doc, name, line))
            continue
        if not isinstance(doc, dict) or doc.get("schema") != FINDINGS_SCHEMA_ID:
            raise bad(f'no "schema": "{FINDINGS_SCHEMA_ID}"; write it with `check --format json`')
        plan = doc.get("plan")
        plan_id = plan.get("id") if isinstance(plan, dict) else None
        if plan_id is None and doc.get("problems") and doc.get("findings") == []:
            continue  # (a plan that could not be read when the baseline was written: no findings)
        if not isinstance(plan_id, str):
            raise bad("no plan id")
        findings = doc.get("findings")
        if not isinstance(findings, list):
            raise bad("no list of findings")
        for n, f in enumerate(findings, 1):
            rule, node, message = (
                (f.get(k) for k in ("rule", "node", "message"))
                if isinstance(f, dict)
                else (None,) * 3
            )
            if not (isinstance(rule, str) and isinstance(node, str) and isinstance(message, str)):
                raise bad(f"finding {n} has no rule, node and message")
            out.append((plan_id, rule, node, message, *_kind_and_title(f)))
    return out


def _kind_and_title(record: dict[str, Any]) -> tuple[str | None, str | None]:
    """A recorded finding's (or SARIF result's properties') node kind and title, ``None`` where
    absent or not text."""
    kind, title = record.get("kind"), record.get("title")
    return (kind if isinstance(kind, str) else None), (title if isinstance(title, str) else None)


def _sarif_findings(doc: dict[str, Any], name: str, line: int) -> list[Record]:
    """(plan id, rule, node, message) of the results of a SARIF log that ``check --format sarif``
    wrote: the findings it reported, and those it left out for an earlier baseline (suppressed
    ``external``); not those the plan's ``ignore:`` suppressed."""

    def bad(what: str) -> BaselineError:
        return BaselineError(
            Problem(f"not a SARIF log of outcome-graph: {what}", file=name, line=line)
        )

    runs = doc.get("runs")
    if not isinstance(runs, list):
        raise bad("no list of runs")
    out: list[Record] = []
    for run in runs:
        results = run.get("results") if isinstance(run, dict) else None
        if not isinstance(results, list):
            raise bad("a run has no list of results")
        for n, result in enumerate(results, 1):
            props = result.get("properties") if isinstance(result, dict) else None
            rule = result.get("ruleId") if isinstance(result, dict) else None
            plan_id, node = (
                (props.get("plan"), props.get("node")) if isinstance(props, dict) else (None, None)
            )
            if not (isinstance(plan_id, str) and isinstance(node, str)) and isinstance(
                result, dict
            ):
                plan_id, node = _logical_location(result)
            if not (isinstance(rule, str) and isinstance(plan_id, str) and isinstance(node, str)):
                raise bad(
                    f"result {n} has no ruleId, or no plan and node (properties or logical "
                    "location)"
                )
            suppressions = result.get("suppressions")
            kinds = (
                {s.get("kind") for s in suppressions if isinstance(s, dict)}
                if isinstance(suppressions, list)
                else set()
            )
            if "inSource" in kinds:
                continue
            text = props.get("message") if isinstance(props, dict) else None
            if not isinstance(
                text, str
            ):  # (a document written before the message had a property of its own)
                message = result.get("message")
                text = message.get("text") if isinstance(message, dict) else None
                if isinstance(text, str):
                    text = text.split(" Hint: ", 1)[0]  # (the text is the message, then the hint)
                    if result.get(
                        "relatedLocations"
                    ):  # (... and the links to its related locations)
                        text = text.rsplit(" Related: [", 1)[0]
            known = (
                _kind_and_title(props)
                if isinstance(props, dict) and props.get("node") == node
                else (None, None)
            )
            out.append((plan_id, rule, node, text if isinstance(text, str) else "", *known))
    return out


def _logical_location(result: dict[str, Any]) -> tuple[str | None, str | None]:
    """(plan id, node) of a SARIF result's logical location, ``{"name": node, "fullyQualifiedName":
    "plan/node"}``: where a tool that passed the log on dropped its properties (or left them
    ``null``). Any of the optional fields on the way may be absent or ``null``.

    >>> logical = [{"name": "a/M1", "fullyQualifiedName": "p/a/M1"}]
    >>> _logical_location({"locations": [{"logicalLocations": logical}]})
    ('p', 'a/M1')
    >>> (_logical_location({"locations": None}),
    ...  _logical_location({"locations": [{"logicalLocations": None}]}))
    ((None, None), (None, None))
    """
    locations = result.get("locations")
    for location in locations if isinstance(locations, list) else ():
        logical = location.get("logicalLocations") if isinstance(location, dict) else None
        for entry in logical if isinstance(logical, list) else ():
            name = entry.get("name") if isinstance(entry, dict) else None
            qualified = entry.get("fullyQualifiedName") if isinstance(entry, dict) else None
            if (
                isinstance(name, str)
                and name
                and isinstance(qualified, str)
                and qualified.endswith("/" + name)
            ):
                plan_id = qualified[: -len(name) - 1]
                if plan_id and "/" not in plan_id:  # (a plan's id has no "/"; a node's may)
                    return plan_id, name
    return None, None
