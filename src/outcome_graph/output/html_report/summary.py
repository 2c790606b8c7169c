"""The page's header (the plan's title and the contents) and its summary: the counts of nodes,
owners and findings, and the plan's facts."""

from __future__ import annotations

import os
from collections import Counter
from datetime import date
from typing import TYPE_CHECKING

from ...severity import SEVERITIES
from ..escape import html_attr, html_text
from .common import SEVERITY_WORDS, day

if TYPE_CHECKING:
    from ...findings import Report
    from ...graph.facts import PlanFacts
    from ...model.plan import Plan


def _file_name(path: str) -> str:
    """A plan's file as the report names it: its name alone (a CSV plan's folder's), its path as
    given on the command line being shown as a tooltip.

    >>> _file_name("../shared/plans/cypp.yaml"), _file_name("plans/csv/"), _file_name("plan.xlsx")
    ('cypp.yaml', 'csv', 'plan.xlsx')
    """
    return os.path.basename(os.path.normpath(path))


def _card(number: int, words: str, cls: str = "card") -> str:
    return f'<div class="{cls}"><span class="num">{number:,}</span><span>{words}</span></div>'


def summary(
    plan: Plan, facts: PlanFacts, report: Report, today: date, glance: str = ""
) -> tuple[str, str]:
    """The page's header and its summary section (``glance``: what it says at a glance)."""
    meta = plan.meta
    start, end = plan.period
    kinds = Counter(n.kind for n in plan.nodes.values())
    counts = report.counts
    facts_rows = [
        ("Organisation", meta.organisation or "—"),
        ("Period", f"{day(start)} to {day(end)}"),
        ("Plan file", _file_name(plan.file) if plan.file else "—"),
        ("Framework", plan.framework.title),
    ]
    if meta.as_of:
        facts_rows.append(("Progress judged at", day(meta.as_of)))
    facts_rows.append(("Report date", day(today)))
    levels = [
        (kinds.get(k, 0), word)
        for k, word in (
            ("priority", "priorities"),
            ("aim", "aims"),
            ("objective", "objectives"),
            ("milestone", "milestones"),
            ("indicator", "indicators"),
        )
    ]
    owners = len(facts.owners)
    cards = "".join(_card(n, html_text(w)) for n, w in levels) + _card(owners, "owners")
    sev = "".join(
        _card(counts[s], SEVERITY_WORDS[s][1 if counts[s] != 1 else 0].lower(), f"card sev-{s}")
        for s in SEVERITIES
    )
    if counts["suppressed"]:
        sev += _card(counts["suppressed"], "suppressed")
    if counts.get("baselined"):
        sev += _card(counts["baselined"], "in the baseline")
    # (the plan's path as given, in the tooltip of its name: `../shared/plan.yaml`, typed in a
    # terminal, says little to whoever receives the report)
    paths = {"Plan file": plan.file} if plan.file and plan.file != _file_name(plan.file) else {}
    dl = "".join(
        f"<dt>{html_text(k)}</dt>"
        + (f'<dd title="{html_attr(paths[k])}">' if k in paths else "<dd>")
        + f"{html_text(v)}</dd>"
        for k, v in facts_rows
    )
    notes = "".join(f"<li>{html_text(n)}</li>" for n in plan.notices)
    header = (
        '<header id="r-summary">'
        f"<h1>{html_text(plan.title)}</h1>"
        f'<p class="sub">{html_text(meta.organisation or "")} '
        f"{html_text('· ' if meta.organisation else '')}"
        f"{html_text(day(start))} – {html_text(day(end))}</p>"
        '<nav class="toc" aria-label="Contents"><a href="#r-findings">Findings</a>'
        '<a href="#r-coverage">Outcome coverage</a>'
        '<a href="#r-owners">Owner load</a><a href="#r-diagram">Logic model</a></nav>'
        "</header>"
    )
    return header, (
        "<section><h2>Summary</h2>"
        f'<div class="cards">{cards}</div><div class="cards">{sev}</div>{glance}'
        f'<dl class="facts">{dl}</dl>'
        + (f'<ul class="notices">{notes}</ul>' if notes else "")
        + "</section>"
    )
