"""Findings as SARIF 2.1.0, for code-scanning dashboards (GitHub, Azure DevOps, GitLab)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..errors import real_file
from ..findings import Finding, Report, as_reports, identity

if TYPE_CHECKING:
    from ..errors import Problem
    from ..model.plan import Notice
    from ..rules.registry import Rule

__all__ = ["to_sarif", "sarif_document"]

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
_SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_HELP_URI = "https://github.com/outcome-graph/outcome-graph/blob/main/docs/rules.md#{anchor}"


#: The key of the fingerprint in a result's ``partialFingerprints``; v1 was ``plan/rule/node``,
#: given a digest only where a node had several findings of a rule.
FINGERPRINT_KEY = "outcomeGraph/v2"

_IN_SOURCE = {"kind": "inSource", "justification": "ignore: in the plan"}
_BASELINE = {"kind": "external", "justification": "accepted in the baseline"}


def _uri(path: str) -> str:
    """A plan's file as the URI reference SARIF requires: an absolute path as a ``file:`` URI, a
    relative one percent-encoded (``my%20plan.yaml``: a space, a non-ASCII letter, ``#``, ``%``,
    ``<``, ``>`` or a colon, read as a scheme, are not allowed as they are, and a code scanning
    upload reads the name from the encoded form)."""
    p = Path(path)
    if p.is_absolute():
        return p.as_uri()
    from urllib.parse import quote

    return quote(p.as_posix(), safe="/")


def sarif_document(reports: Sequence[Report], problems: Sequence[Problem] = ()) -> dict[str, Any]:
    """One SARIF run with every rule used and one result per finding (suppressed ones marked;
    where a baseline was applied, every result has a ``baselineState``: ``new``, or
    ``unchanged`` with an external suppression for a finding in the baseline). ``problems`` are
    those of plans that could not be read: the run's invocation then did not succeed, and lists
    each as an error notification at its place in the file. The notices of loading the plans
    (``report.notices``) are the invocation's ``note`` notifications, after the problems."""
    from ..rules.registry import one_rule_per_code, rule_of

    sources = one_rule_per_code(r.sources for r in reports)  # (a code is one rule in a log)
    used = sorted(
        {f.rule for r in reports for f in [*r.findings, *r.suppressed, *(r.baselined or ())]}
    )
    rules = {code: rule_of(code, sources.get(code)) for code in used}
    # The package's rules are the driver's; a plugin's, or a project's rule file's, are those of an
    # extension of its own (a tool component named by its package or file), as SARIF models
    # rules that extend a tool: a dashboard can tell them from the package's.
    components: dict[str | None, list[str]] = {}
    for code in used:
        components.setdefault(_component(rules.get(code)), []).append(code)
    extensions = [name for name in components if name is not None]
    placed = {
        code: (None if name is None else extensions.index(name), i)
        for name, codes in components.items()
        for i, code in enumerate(codes)
    }
    descriptors = {
        name: [_descriptor(code, rules.get(code)) for code in codes]
        for name, codes in components.items()
    }
    results = []
    for report in reports:
        listed = [
            *((f, None) for f in report.findings),
            *((f, _IN_SOURCE) for f in report.suppressed),
            *((f, _BASELINE) for f in report.baselined or ()),
        ]
        files = [real_file(f.location.file or report.file) for f, _ in listed]
        prints = _fingerprints(report.plan_id, [f for f, _ in listed], files)
        for (finding, suppression), file, fingerprint in zip(listed, files, prints):
            loc = finding.location
            # (a plan loaded from text or data, or read from standard input, has no file: the
            # node alone says where, rather than a made-up file name a code-scanning tool would
            # look for; its line is a property)
            where: dict[str, Any] = (
                {} if file is None else {"physicalLocation": _physical(file, loc.line, loc.column)}
            )
            where["logicalLocations"] = [
                {
                    "name": finding.node,
                    "kind": finding.kind,
                    "fullyQualifiedName": f"{report.plan_id}/{finding.node}",
                }
            ]
            related = _related_locations(finding, file)
            message = finding.message
            if related:  # (code scanning links a related location only where the message does)
                message += (
                    " Related: "
                    + ", ".join(_link(r["message"]["text"], r["id"]) for r in related)
                    + "."
                )
            text = f"{message} Hint: {finding.hint}" if finding.hint else message
            if (
                loc.sheet
            ):  # (SARIF has no cells: a workbook's sheet and cell are named in the message)
                text = f"{loc.sheet}!{loc.cell}: {text}" if loc.cell else f"{loc.sheet}: {text}"
            component, rule_index = placed[finding.rule]
            result: dict[str, Any] = {
                "ruleId": finding.rule,
                "ruleIndex": rule_index,
                "level": _LEVEL[finding.severity],
                "message": {"text": text},
                "locations": [where],
                "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
                # (the message alone too: a baseline read from this document compares messages)
                "properties": {
                    "node": finding.node,
                    "kind": finding.kind,
                    "title": finding.title,
                    "plan": report.plan_id,
                    "message": finding.message,
                },
            }
            if related:
                result["relatedLocations"] = related
            if component is not None:  # (the index is of the extension's rules)
                result["rule"] = {
                    "id": finding.rule,
                    "index": rule_index,
                    "toolComponent": {"index": component, "name": extensions[component]},
                }
            if loc.sheet:
                result["properties"]["sheet"] = loc.sheet
                result["properties"]["cell"] = loc.cell
            elif file is None and loc.line is not None:
                result["properties"]["line"] = loc.line
                result["properties"]["column"] = loc.column
            if suppression is not None:
                result["suppressions"] = [suppression]
            if report.baselined is not None:
                result["baselineState"] = "unchanged" if suppression is _BASELINE else "new"
            results.append(result)
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "outcome-graph",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": "https://github.com/outcome-graph/outcome-graph",
                "rules": descriptors.get(None, []),
            },
            **(
                {"extensions": [{"name": name, "rules": descriptors[name]} for name in extensions]}
                if extensions
                else {}
            ),
        },
        "results": results,
        "columnKind": "unicodeCodePoints",
    }
    notes = [
        *map(_notification, problems),
        *(
            _notice_notification(n, report.plan_id)
            for report in reports
            for n in report.located_notices()
        ),
    ]
    if notes:
        run["invocations"] = [
            {"executionSuccessful": not problems, "toolExecutionNotifications": notes}
        ]
    return {"$schema": _SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


def _component(rule: Rule | None) -> str | None:
    """The name of the SARIF tool component whose rule this is: ``None`` for the package's own
    (the driver's; and a code no rule is registered under), else the rule file's name
    (``local_rules.py``) or the installed plugin's package (``og_rules_vague``)."""
    if rule is None or rule.origin == "outcome_graph":
        return None
    from ..plugins import rule_file

    file = rule_file(rule.origin)
    return Path(file).name if file else rule.origin.split(".")[0]


def _descriptor(code: str, rule: Rule | None) -> dict[str, Any]:
    """A rule as a SARIF reporting descriptor, with its documentation (a code no rule is
    registered under has its id alone)."""
    if rule is None:
        return {"id": code}
    descriptor: dict[str, Any] = {
        "id": code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.doc.what},
        "help": {
            "text": f"{rule.doc.what}\n\nWhy it matters: {rule.doc.why}\n\n"
            f"How to fix: {rule.doc.fix}",
            "markdown": f"{rule.doc.what}\n\n**Why it matters.** {rule.doc.why}\n\n"
            f"**Example.** {rule.doc.example}\n\n**How to fix.** {rule.doc.fix}",
        },
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        "properties": {"tags": [rule.family]},
    }
    if rule.origin == "outcome_graph":  # (a plugin's rules are not in the package's reference)
        descriptor["helpUri"] = _HELP_URI.format(anchor=f"{code.lower()}-{rule.name}")
    return descriptor


def _related_locations(finding: Finding, file: str | None) -> list[dict[str, Any]]:
    """The places of what a finding is about besides its node (``Finding.related``: OG303's
    joint leads, OG305's other spellings) as SARIF related locations, numbered from 1, each with a
    message naming it (``owner 'Head CATO'``): those written at a line of the plan's file (or a
    workbook's cell), none for a plan with no file."""
    out: list[dict[str, Any]] = []
    if file is None:
        return out
    for item, loc in zip(finding.related, finding.related_locations):
        if loc.line is None and loc.sheet is None:
            continue
        where = real_file(loc.file) or file
        named = f"{finding.kind} {item!r}"
        if loc.sheet:
            named += f" ({loc.sheet}!{loc.cell})" if loc.cell else f" ({loc.sheet})"
        out.append(
            {
                "id": len(out) + 1,
                "physicalLocation": _physical(where, loc.line, loc.column),
                "message": {"text": named},
            }
        )
    return out


def _link(text: str, target: int) -> str:
    """A SARIF message's embedded link to the related location ``target``: ``[text](1)``, the
    square brackets of the text escaped as SARIF requires.

    >>> _link("owner 'A [B]'", 2)
    "[owner 'A \\\\[B\\\\]'](2)"
    """
    return "[" + text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]") + f"]({target})"


def _physical(file: str, line: int | None, column: int | None) -> dict[str, Any]:
    """A SARIF physical location: the file's URI, and its region where the line is known."""
    physical: dict[str, Any] = {"artifactLocation": {"uri": _uri(file)}}
    if line is not None:
        physical["region"] = {"startLine": line, "startColumn": column or 1}
    return physical


def _notification(problem: Problem) -> dict[str, Any]:
    """A problem that stops a plan being read, as a SARIF tool notification."""
    return _tool_notification(
        "error",
        "plan-cannot-be-read",
        problem.message,
        str(problem),
        problem.file,
        problem.line,
        problem.column,
        problem.sheet,
    )


def _notice_notification(notice: Notice, plan_id: str) -> dict[str, Any]:
    """A notice of loading a plan (a hidden row read, a sheet not read), as a SARIF tool
    notification of level ``note``, its plan (and a workbook's sheet and cell) as properties."""
    loc = notice.location
    note = _tool_notification(
        "note",
        "plan-notice",
        notice.message,
        str(notice),
        loc.file,
        loc.line,
        loc.column,
        loc.sheet,
    )
    note["properties"] = {
        "plan": plan_id,
        **({"sheet": loc.sheet, "cell": loc.cell} if loc.sheet else {}),
    }
    return note


def _tool_notification(
    level: str,
    descriptor: str,
    message: str,
    whole: str,
    file: str | None,
    line: int | None,
    column: int | None,
    sheet: str | None,
) -> dict[str, Any]:
    """A SARIF tool notification at its place in the file; ``whole`` is the message with its place
    written before it, the text where SARIF cannot point at the place (a workbook's cell; standard
    input, which is no file)."""
    note: dict[str, Any] = {
        "level": level,
        "message": {"text": whole if sheet else message},
        "descriptor": {"id": descriptor},
    }
    real = real_file(file)
    if real:
        note["locations"] = [{"physicalLocation": _physical(real, None if sheet else line, column)}]
    elif file:
        note["message"]["text"] = whole
    return note


def to_sarif(reports: Report | Sequence[Report], problems: Sequence[Problem] = ()) -> str:
    """The findings of one or more plans as a SARIF 2.1.0 document (JSON text), for code-scanning
    tools (GitHub code scanning, IDE viewers): one run, a result per finding. ``reports`` is a
    list of reports, or one report. A :class:`~outcome_graph.ConfigError` is raised where two of
    them ran different rules under one code (two projects' rule files each declaring it): a log
    names a rule by its code.

    >>> import json
    >>> from outcome_graph import load, check
    >>> plan = load("format: outcome-graph/v1\\n"
    ...             "plan: {id: d, period: {start: 2011-04-01, end: 2012-03-31}}\\n"
    ...             "priorities: [{id: P1, title: Safe}]\\n"
    ...             "objectives: [{id: O1, title: Fewer accidents}]\\n")
    >>> doc = json.loads(to_sarif([check(plan)]))
    >>> doc["version"], sorted({r["ruleId"] for r in doc["runs"][0]["results"]})[:2]
    ('2.1.0', ['OG101', 'OG102'])
    """
    from ..errors import Problem

    for problem in problems:  # (a message, or the PlanError itself, failed with an AttributeError)
        if not isinstance(problem, Problem):
            raise TypeError(
                f"to_sarif() takes problems as the Problems of a PlanError (err.problems), not "
                f"{type(problem).__name__}"
            )
    return json.dumps(
        sarif_document(as_reports(reports, "to_sarif"), problems), indent=2, ensure_ascii=False
    )


def _fingerprint_file(path: str) -> str:
    """A plan's file as its fingerprints name it: as the artifact location does, but for a file
    given by an absolute path within the working folder, named by its path from there (so that
    ``$PWD/plans/p.yaml`` and ``plans/p.yaml``, one file checked from its repository's root,
    keep the alerts of one file wherever the repository is checked out)."""
    p = Path(path)
    if p.is_absolute():
        try:
            return _uri(str(p.relative_to(Path.cwd())))
        except ValueError:  # (outside the working folder)
            pass
    return _uri(path)


def _fingerprints(plan_id: str, findings: list[Finding], files: list[str | None]) -> list[str]:
    """A fingerprint for each finding, the same from one run to the next while the finding stands,
    whatever other findings come and go: ``file:plan/rule/node/digest``, the file as the result's
    artifact location gives it, or by its path from the working folder when given by an absolute
    path within it (empty for a plan with no file), the digest one of the finding's
    :func:`~outcome_graph.findings.identity` (its message without figures or its node's title: so
    that "23 milestones" becoming "24", a reworded title or a moved line keep it). Only findings
    alike in all of that, which nothing tells apart, are numbered (``/2``, ``/3``) in file order."""
    import hashlib
    from collections import Counter

    out: list[str] = []
    seen: Counter[str] = Counter()
    for f, file in zip(findings, files):
        digest = hashlib.sha1(identity(f).encode("utf-8")).hexdigest()[:12]
        where = "" if file is None else _fingerprint_file(file)
        key = f"{where}:{plan_id}/{f.rule}/{f.node}/{digest}"
        seen[key] += 1
        out.append(key if seen[key] == 1 else f"{key}/{seen[key]}")
    return out
