"""Findings as text for a terminal: grouped by severity, in file order, with a summary line."""

from __future__ import annotations

from collections.abc import Callable

from ..findings import SEVERITIES, Report

__all__ = ["format_report", "summary_line"]

_COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}
_HEADINGS = {"error": "Errors", "warning": "Warnings", "info": "Info"}


def _plain(text: str, **_: object) -> str:
    return text


def summary_line(report: Report) -> str:
    """``plan-id: 2 errors, 5 warnings, 1 info (3 suppressed)``."""
    c = report.counts

    def n(k: int, word: str) -> str:
        return f"{k} {word}{'' if k == 1 or word == 'info' else 's'}"

    text = f"{report.plan_id}: {n(c['error'], 'error')}, {n(c['warning'], 'warning')}, {n(c['info'], 'info')}"
    if c["suppressed"]:
        text += f" ({c['suppressed']} suppressed)"
    return text


def format_report(report: Report, *, style: Callable[..., str] | None = None, hints: bool = True) -> str:
    """The report as text. ``style`` is :func:`click.style` for colour, or nothing for plain text.

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
                f"{s(where, bold=True)}: {s(f.rule, fg=_COLOURS[severity], bold=True)} {f.message} {s('[' + f.name + ']', dim=True)}"
            )
            if hints and f.hint:
                lines.append(s(f"    hint: {f.hint}", dim=True))
        lines.append("")
    if not report.findings:
        text = f"{report.plan_id}: no findings"
        if report.suppressed:
            text += f" ({len(report.suppressed)} suppressed)"
        lines.append(s(text, fg="green", bold=True))
    else:
        lines.append(s(summary_line(report), bold=True))
    return "\n".join(lines)
