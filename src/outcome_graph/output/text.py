"""Findings as text for a terminal: grouped by severity, in file order, with a summary line."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..findings import SEVERITIES, Report
from .escape import terminal_text

__all__ = ["format_report", "format_statistics", "summary_line"]

_COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}
_HEADINGS = {"error": "Errors", "warning": "Warnings", "info": "Info"}


def _plain(text: str, **_: object) -> str:
    return text


def summary_line(report: Report, *, name: str | None = None) -> str:
    """``plan-id: 2 errors, 5 warnings, 1 info (3 suppressed)`` (``name`` instead of the plan's id
    when given)."""
    c = report.counts

    def n(k: int, word: str) -> str:
        return f"{k} {word}{'' if k == 1 or word == 'info' else 's'}"

    text = (
        f"{name or report.plan_id}: {n(c['error'], 'error')}, {n(c['warning'], 'warning')}, "
        f"{n(c['info'], 'info')}"
    )
    return text + _left_out(report)


def _left_out(report: Report) -> str:
    """`` (3 suppressed, 12 in the baseline)``: what the findings leave out, or nothing."""
    parts = []
    if report.suppressed:
        parts.append(f"{len(report.suppressed)} suppressed")
    if report.baselined:
        parts.append(f"{len(report.baselined)} in the baseline")
    return f" ({', '.join(parts)})" if parts else ""


def _one_line(text: str) -> str:
    """``text`` on one line: a line break in a value the message quotes (a lead typed on two lines
    of a spreadsheet cell, an id) is shown as a space, so that each finding stays one
    ``file:line:column: CODE message`` line for editors and grep. A control character the value
    holds (an escape sequence that would drive the terminal) is written as its escape (``\\x1b``).

    >>> _one_line("'Head of SI\\nHead of EY' leads 12 milestones")
    "'Head of SI Head of EY' leads 12 milestones"
    """
    if text.isprintable():
        return text
    return terminal_text(" ".join(text.splitlines()))


def format_report(
    report: Report,
    *,
    style: Callable[..., str] | None = None,
    hints: bool = True,
    name: str | None = None,
) -> str:
    """The report as text. ``style`` is :func:`click.style` for colour, or nothing for plain text;
    ``name`` is what the summary line calls the plan (its id by default).

    >>> from outcome_graph.findings import Report
    >>> print(format_report(Report("demo", "Demo", "plan.yaml")))
    demo: no findings
    """
    s = style or _plain
    lines: list[str] = []
    for severity in SEVERITIES:
        group = [f for f in report.findings if f.severity == severity]
        if not group:
            continue
        lines.append(s(f"{_HEADINGS[severity]} ({len(group)})", fg=_COLOURS[severity], bold=True))
        for f in group:
            where = str(f.location)
            lines.append(
                f"{s(where, bold=True)}: {s(f.rule, fg=_COLOURS[severity], bold=True)} "
                f"{_one_line(f.message)} {s('[' + f.name + ']', dim=True)}"
            )
            if hints and f.hint:
                lines.append(s(f"    hint: {_one_line(f.hint)}", dim=True))
        lines.append("")
    if not report.findings:
        text = f"{name or report.plan_id}: no findings" + _left_out(report)
        lines.append(s(text, fg="green", bold=True))
    else:
        lines.append(s(summary_line(report, name=name), bold=True))
    return "\n".join(lines)


def format_statistics(
    report: Report, *, style: Callable[..., str] | None = None, name: str | None = None
) -> str:
    """The number of findings of each rule, the most frequent first, then the summary line.

    >>> from outcome_graph.findings import Finding, Report
    >>> f = Finding("OG301", "missing-lead", "warning", "M1", "milestone", "Audit", "No lead.", "")
    >>> print(format_statistics(Report("demo", "Demo", "plan.yaml", findings=[f, f])))
        2  OG301  missing-lead  warning
    <BLANKLINE>
    demo: 0 errors, 2 warnings, 0 info
    """
    s = style or _plain
    if not report.findings:
        return format_report(report, style=style, name=name)
    counts: dict[str, list[Any]] = {}
    for f in report.findings:
        entry = counts.setdefault(f.rule, [0, f.name, f.severity])
        entry[0] += 1
    rows = sorted(
        counts.items(), key=lambda item: (-item[1][0], SEVERITIES.index(item[1][2]), item[0])
    )
    width = max(len(str(n)) for n, _, _ in counts.values())
    code_width = max(len(code) for code in counts)
    name_width = max(len(name) for _, name, _ in counts.values())
    lines = [
        f"{n:>{max(width, 5)}}  {s(code.ljust(code_width), fg=_COLOURS[severity], bold=True)}  "
        f"{name.ljust(name_width)}  {s(severity, dim=True)}"
        for code, (n, name, severity) in rows
    ]
    lines += ["", s(summary_line(report, name=name), bold=True)]
    return "\n".join(lines)
