"""Findings and the report of a check.

A :class:`Finding` carries everything a tool needs to act on it without re-reading the plan: the
rule (code, name, severity), the node (id, kind, title), a message naming the values involved, a
hint, and the location. A :class:`Report` holds a plan's findings in file order, the counts by
severity and the suppressed count, and serialises to the versioned JSON document.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .errors import real_file
from .model.plan import Location, Notice
from .reference.catalogue import CODE_IN_TEXT
from .severity import SEVERITIES, Severity

if TYPE_CHECKING:
    import pandas

    from .errors import Problem
    from .graph.facts import PlanFacts
    from .model.plan import Plan

__all__ = [
    "Finding",
    "Report",
    "Severity",
    "SEVERITIES",
    "FINDINGS_SCHEMA_ID",
    "without_figures",
    "identity",
    "require_report",
    "problems_document",
]

FINDINGS_SCHEMA_ID = "outcome-graph/findings/v1"
#: A figure of a message, or a code's or id's number (kept): ``NI 110``, ``NI110``, ``P1``, ``O3``.
_FIGURE_RE = re.compile(r"(?P<code>(?<![A-Za-z0-9])[A-Z]{1,6} ?\d+[a-z]?(?![0-9]))|\d+")


def as_reports(reports: Report | Iterable[Report], function: str) -> list[Report]:
    """``reports`` as a list: one report stands for a list of it; anything else but reports is a
    :class:`TypeError` saying what ``function`` takes (a report iterates over its findings, which
    the outputs would otherwise take for reports)."""
    if not isinstance(reports, Report) and (
        isinstance(reports, (str, bytes)) or not isinstance(reports, Iterable)
    ):
        raise TypeError(
            f"{function}() takes reports (og.check(plan), or a list of them), not "
            f"{type(reports).__name__}"
        )
    items = [reports] if isinstance(reports, Report) else list(reports)
    for item in items:
        if not isinstance(item, Report):
            raise TypeError(
                f"{function}() takes reports (og.check(plan), or a list of them), not "
                f"{type(item).__name__}"
            )
    return items


def require_report(function: str, what: str, value: object, *, flag: bool = False) -> None:
    """Raise a :class:`TypeError` saying what ``function`` takes as ``what``, unless ``value`` is a
    :class:`Report` or ``None`` (or, with ``flag``, a bool): a findings document or a list of
    findings failed inside with an AttributeError.

    >>> require_report("report", "findings", [])
    Traceback (most recent call last):
    ...
    TypeError: report() takes findings as a Report (og.check(plan)), not list
    """
    if value is None or isinstance(value, Report) or (flag and isinstance(value, bool)):
        return
    also = ", True or False" if flag else ""
    raise TypeError(
        f"{function}() takes {what} as a Report (og.check(plan)){also}, not {type(value).__name__}"
    )


def without_figures(message: str) -> str:
    """A finding's message with its figures left out: what stays the same while the finding does
    ("23 milestones" becoming "24", "1 and 1 nodes" becoming "1 and 3"). The numbers of codes and
    ids stay (``NI 110``, ``P1.A2``): an indicator's
    finding about NI 110 is not the one about NI 114.

    >>> without_figures("SILS leads 23 milestones, more than 10")
    'SILS leads # milestones, more than #'
    >>> without_figures("NI 110 measures Objective P4.A2.O3, due 2012-09")
    'NI 110 measures Objective P4.A2.O3, due #-#'
    """
    return _FIGURE_RE.sub(lambda m: m[0] if m["code"] else "#", message)


def identity(finding: Finding) -> str:
    """What identifies a finding within its rule and node, read from its message: the message
    without its figures (:func:`without_figures`) and without its node's own title where the
    message quotes it, whole or cut short (``'Raise attendance at…'``), since the node's id names
    the node and a plan may reword a title or change a count without the finding becoming another.
    Other quoted text stays: an outcome, an owner or an indicator named is what tells two findings
    of a rule at one node apart. SARIF fingerprints are made of it.

    >>> f = Finding("OG301", "missing-lead", "warning", "M1", "milestone",
    ...             "Publish the strategy for 2012",
    ...             "Milestone M1 'Publish the strategy for…' has no lead (1 of 23).", "")
    >>> identity(f)
    "Milestone M1 '…' has no lead (# of #)."

    A list of node ids that ends the message (OG303's milestones due in one month) is left out as
    well: a milestone added to that month, or moved out of it, leaves the owner's finding the same.

    >>> identity(Finding("OG303", "milestone-peak", "warning", "SILS", "owner", "SILS",
    ...                  "SILS has 5 milestones due in June 2011 (more than 4): M1, M2, P1.A1.M3 "
    ...                  "and 2 more.", ""))
    'SILS has # milestones due in June # (more than #): ….'
    """
    message = _LISTED_IDS_RE.sub(": …", without_figures(finding.message))
    return _without_title(message, without_figures(" ".join(finding.title.split())))


_ID = r"[\w.#/-]*[0-9#][\w.#/-]*"
#: Two or more node ids listed at the end of a message (ids hold a figure: M1, P1.A2).
_LISTED_IDS_RE = re.compile(
    rf":(?: {_ID},)+ {_ID}(?: and # more)?(?=\.$)|:(?: {_ID},)* {_ID} and # more(?=\.$)"
)


def _without_title(message: str, title: str) -> str:
    """``message`` with each quotation of ``title``, whole or cut short with an ellipsis, as
    ``'…'``."""
    if not title or "'" not in message:
        return message
    out: list[str] = []
    pos = 0
    while (start := message.find("'", pos)) >= 0:
        out.append(message[pos:start])
        end = start + 1 + len(title)
        if message.startswith(title, start + 1) and message.startswith("'", end):
            out.append("'…'")
            pos = end + 1
            continue
        cut = message.find("…'", start + 1)
        shown = message[start + 1 : cut].rstrip() if cut > start else ""
        if shown and title.startswith(shown):
            out.append("'…'")
            pos = cut + 2
            continue
        out.append("'")
        pos = start + 1
    out.append(message[pos:])
    return "".join(out)


#: An indicator's code in a message (``NI 110``, ``CSC 001``): two findings of one rule at one node
#: about different indicators are different findings.
_CODE_RE = re.compile(rf"(?<![A-Za-z0-9]){CODE_IN_TEXT}(?![0-9])")


def message_codes(message: str) -> frozenset[str]:
    """The indicator codes a finding's message names, spacing left out (``NI63`` is ``NI 63``): a
    baseline and ``diff`` take a finding for an earlier one of its rule at its node, its message
    worded otherwise, only when both name the same indicators.

    >>> sorted(message_codes("NI 110 and NI63 measure Objective O1, not CSC 001"))
    ['CSC001', 'NI110', 'NI63']
    """
    return frozenset(a + b for a, b in _CODE_RE.findall(message))


@dataclass(frozen=True)
class Finding:
    """One thing a rule found in a plan.

    >>> f = Finding("OG301", "missing-lead", "warning", "M1", "milestone", "Publish the strategy",
    ...             "Milestone M1 has no lead.", "Add a lead.", Location("plan.yaml", 12, 7))
    >>> f.to_dict()["location"]["line"]
    12
    """

    rule: str
    name: str
    severity: Severity
    node: str
    kind: str
    title: str
    message: str
    hint: str
    location: Location = field(default_factory=Location)
    order: tuple[int, int] = field(default=(0, 0), compare=False, repr=False)
    #: The other owners (or nodes) of the same kind the finding is about, which its message names:
    #: the joint leads of one OG303 finding, the other spellings of one OG305 finding. An owner's
    #: view and the report mark them as they mark ``node``.
    related: tuple[str, ...] = field(default=(), compare=False)
    #: Where each of ``related`` is written, in the same order (a declared owner's declaration, else
    #: the first node it leads; a node's own line): SARIF's ``relatedLocations``. Empty for a
    #: finding made without them (read back from a findings document or a baseline).
    related_locations: tuple[Location, ...] = field(default=(), compare=False, repr=False)

    @property
    def subjects(self) -> tuple[str, ...]:
        """What the finding is about: its ``node``, then the ``related`` ones."""
        return (self.node, *self.related)

    def to_dict(self) -> dict[str, Any]:
        """The finding as the JSON document writes it (``related`` only when there are some)."""
        out = {
            "rule": self.rule,
            "name": self.name,
            "severity": self.severity,
            "node": self.node,
            "kind": self.kind,
            "title": self.title,
            "message": self.message,
            "hint": self.hint,
            "location": self.location.to_dict(),
        }
        if self.related:
            out["related"] = list(self.related)
        return out


@dataclass
class Report:
    """The findings of one plan, in file order, with counts.

    Attributes
    ----------
    plan_id, plan_title, file : str
        Which plan was checked; ``file`` is ``None`` for a plan with no file: one given as text,
        or read from standard input (``<stdin>``, the name its findings' locations give a person,
        is no file to open), as the findings document writes it.
    findings : list[Finding]
        What was found, suppressed findings excluded, sorted by position in the file.
    suppressed : list[Finding]
        What node-level ``ignore:`` suppressed (counted, never silently lost).
    baselined : list[Finding] or None
        What a baseline of accepted findings left out (:mod:`outcome_graph.baseline`), counted
        like the suppressed ones; ``None`` when no baseline was applied.
    facts : PlanFacts or None
        What the rules worked out about the plan (effective outcomes, leads, timings), for a tool
        that goes on to draw or tabulate the same plan without working it out again. Not
        pickled, and not part of the report's equality.
    rules : dict[str, str] or None
        The rules that were run, by code, with the severity they ran with (after the
        configuration's overrides): what a JUnit document lists as its test cases, a rule left
        out by ``select``, ``ignore`` or ``--min-severity`` being no test that passed. ``None``
        for a report not made by a check. Not part of the report's equality.
    sources : dict[str, str] or None
        Where each custom rule that was run is declared, by code: its rule file (``rule-files``) or
        plugin module. Two projects' rule files may each declare a code; reports written
        together must agree (:func:`outcome_graph.rules.registry.one_rule_per_code`). ``None``
        for a report not made by a check. Not part of the report's equality.
    notices : list[Notice]
        What loading the plan passed over without failing (``plan.notices``: hidden rows read, a
        sheet not read, a lead too long to split), each with its ``message`` and ``location``:
        not findings of a rule, so neither counted nor failing the check, but written in the
        findings document (``notices``, when there are any), SARIF, GitHub and JUnit outputs.

    Examples
    --------
    >>> from outcome_graph import load, check
    >>> report = check(load('''
    ... format: outcome-graph/v1
    ... plan: {id: demo, period: {start: 2011-04-01, end: 2012-03-31}}
    ... aims: [{id: A1, title: Safer streets}]
    ... objectives:
    ...   - {id: O1, title: Fewer accidents,
    ...      ignore: [{rule: OG103, reason: "kept apart on purpose"}]}
    ...   - {id: O2, title: Fewer injuries}
    ... '''))
    >>> [(f.rule, f.node) for f in report.by_rule("OG103")], report.counts["suppressed"]
    ([('OG103', 'O2')], 1)
    >>> report.exit_code, report.to_dict()["schema"]
    (1, 'outcome-graph/findings/v1')
    """

    plan_id: str
    plan_title: str
    file: str | None
    findings: list[Finding] = field(default_factory=list)
    suppressed: list[Finding] = field(default_factory=list)
    fail_on: str = "error"
    baselined: list[Finding] | None = None
    facts: PlanFacts | None = field(default=None, repr=False, compare=False)
    rules: dict[str, str] | None = field(default=None, repr=False, compare=False)
    notices: list[Notice] = field(default_factory=list, repr=False)
    sources: dict[str, str] | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.file = real_file(self.file)

    def __getstate__(self) -> dict[str, Any]:
        # (a report sent between processes carries its findings, not the plan its facts hold)
        return {**self.__dict__, "facts": None}

    def facts_of(self, plan: Plan) -> PlanFacts:
        """These findings' facts when they are the given plan's, else the plan's worked out
        afresh."""
        from .graph.facts import PlanFacts

        return self.facts if self.facts is not None and self.facts.plan is plan else PlanFacts(plan)

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.findings)

    def __len__(self) -> int:
        return len(self.findings)

    @property
    def counts(self) -> dict[str, int]:
        """Findings by severity, plus ``suppressed`` (and ``baselined`` when a baseline was
        applied)."""
        c: Counter[str] = Counter(f.severity for f in self.findings)
        out: dict[str, int] = {s: c[s] for s in SEVERITIES}
        out["suppressed"] = len(self.suppressed)
        if self.baselined is not None:
            out["baselined"] = len(self.baselined)
        return out

    def by_rule(self, code: str) -> list[Finding]:
        """The findings of one rule (or of a code prefix such as ``OG3``), the code in any case
        (``og302``), as a configuration reads it."""
        if not isinstance(
            code, str
        ):  # (an int's AttributeError said nothing of what by_rule takes)
            raise TypeError(
                f"by_rule() takes a rule's code or a prefix of codes as text ('OG302', 'OG3'), "
                f"not {type(code).__name__}"
            )
        prefix = code.strip().upper()
        return [f for f in self.findings if f.rule.startswith(prefix)]

    @property
    def failed(self) -> bool:
        """Whether any finding is at or above the ``fail-on`` severity."""
        if self.fail_on == "never":
            return False
        limit = SEVERITIES.index(self.fail_on)
        return any(SEVERITIES.index(f.severity) <= limit for f in self.findings)

    @property
    def exit_code(self) -> int:
        """0 when nothing reaches ``fail-on``, else 1."""
        return 1 if self.failed else 0

    def to_dict(self) -> dict[str, Any]:
        """The versioned findings document (``outcome-graph/findings/v1``); ``notices`` only
        when loading the plan gave some (a plan without them has the document it always had).
        Every ``file`` is ``None`` for a plan read from standard input, which is no file."""
        doc: dict[str, Any] = {
            "schema": FINDINGS_SCHEMA_ID,
            "plan": {"id": self.plan_id, "title": self.plan_title, "file": self.file},
            "summary": self.counts,
            "findings": [f.to_dict() for f in self.findings],
        }
        if self.notices:
            doc["notices"] = [n.to_dict() for n in self.located_notices()]
        return doc

    def located_notices(self) -> list[Notice]:
        """The notices, each a :class:`Notice` with its message and location (one given as plain
        text has no location)."""
        return [Notice.of(n) for n in self.notices]

    def to_json(self, *, indent: int | None = None) -> str:
        """The findings document as JSON text."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    def to_dataframe(self) -> pandas.DataFrame:
        """The findings as a pandas table (one row per finding); where each is written: ``file``,
        ``line`` and ``column``, or for a workbook ``sheet`` and ``cell``, as the findings document
        writes it (``file`` ``None`` for standard input)."""
        import pandas as pd

        columns = [
            "rule",
            "name",
            "severity",
            "node",
            "kind",
            "title",
            "message",
            "hint",
            "file",
            "line",
            "column",
            "sheet",
            "cell",
        ]
        rows = [
            {**{k: v for k, v in f.to_dict().items() if k != "location"}, **f.location.to_dict()}
            for f in self.findings
        ]
        return pd.DataFrame(rows, columns=columns)

    def __repr__(self) -> str:
        c = self.counts
        baselined = f", {c['baselined']} baselined" if "baselined" in c else ""
        return (
            f"<Report {self.plan_id!r}: {c['error']} errors, {c['warning']} warnings, "
            f"{c['info']} info, {c['suppressed']} suppressed{baselined}>"
        )


def problems_document(problems: Sequence[Problem], *, file: str | None = None) -> dict[str, Any]:
    """The findings document of a plan that could not be read (``check --format json`` records it
    among the others, for an editor checking on save or a CI job): its ``plan`` has the file and
    no id or title, it has no findings, and ``problems`` says why, each with its ``message`` and
    ``location`` as a finding's (``file``, ``line``, ``column``, ``sheet``, ``cell``), and where the
    message names a value of a YAML or JSON plan in words, its ``path`` in the document
    (``objectives[0].milestones[2].lead``). ``file``: the
    plan's (a folder of CSV files, whose problems are in its files), else the first problem's.

    >>> from outcome_graph.errors import Problem
    >>> problem = Problem("unknown field 'colour'", file="plan.yaml", line=4, column=24)
    >>> doc = problems_document([problem])
    >>> doc["plan"], doc["findings"], doc["problems"][0]["location"]["line"]
    ({'id': None, 'title': None, 'file': 'plan.yaml'}, [], 4)
    """
    file = file if file is not None else real_file(problems[0].file) if problems else None
    return {
        "schema": FINDINGS_SCHEMA_ID,
        "plan": {"id": None, "title": None, "file": file},
        "summary": {**dict.fromkeys(SEVERITIES, 0), "suppressed": 0},
        "findings": [],
        "problems": [
            {
                "message": p.message,
                "location": Location(
                    real_file(p.file), p.line, p.column, p.sheet, p.cell
                ).to_dict(),
                **({"path": p.path} if p.path is not None else {}),
            }
            for p in problems
        ],
    }
