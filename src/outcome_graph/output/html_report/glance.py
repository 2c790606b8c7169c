"""The summary's "at a glance": the most serious kinds of finding, each outcome's coverage, the
owners carrying too much, and the findings of each priority, each linked to its place below."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING

from ...severity import SEVERITIES
from ..escape import bidi_closed, html_attr, html_text, svg_id
from .common import SEVERITY_WORDS, code_badge, priority_label, short, table_class
from .coverage import UNTAGGED, Coverage, coverage_state
from .findings import Group, Row, group_id, rules_run
from .owners import OwnerLoads

if TYPE_CHECKING:
    from ...model.plan import Plan

# (the rules, and the owners of each kind, the summary names; the sections list them all)
_GLANCE_ITEMS = 5
# (the priorities the summary counts the findings of: a plan's few, or its worst)
_GLANCE_PRIORITIES = 10


def at_a_glance(
    plan: Plan,
    rows: list[Row],
    groups: list[Group],
    coverage: Coverage | None,
    loads: OwnerLoads,
    baselined: int = 0,
    sources: Mapping[str, str] | None = None,
) -> str:
    """What a board reads first: the most serious kinds of finding, how each outcome of the
    framework is covered, the owners carrying too much, and the findings of each priority, each
    linked to its place below."""
    parts = [
        _worst_findings(groups, baselined, sources),
        _outcomes_at_a_glance(plan, coverage),
        _owners_at_a_glance(plan, loads),
    ]
    by_priority = _findings_by_priority(plan, rows)
    return (
        '<div class="glance">'
        + "".join(f"<div>{p}</div>" for p in parts)
        + (f'<div class="wide">{by_priority}</div>' if by_priority else "")
        + "</div>"
    )


def _findings_by_priority(plan: Plan, rows: list[Row]) -> str:
    """How many findings of each severity each priority has (a finding under two counts in both),
    each priority's name selecting its findings below: where the plan's problems lie. A plan of
    more priorities than the summary can hold has those with the most serious findings counted,
    in the plan's order (a page of thousands was no summary)."""
    if not rows:
        return ""
    counts: dict[str | None, Counter[str]] = defaultdict(Counter)
    for r in rows:
        under: list[str | None] = list(r.priorities) or [None]
        for p in under:
            counts[p][r.finding.severity] += 1
    sevs = [s for s in SEVERITIES if any(r.finding.severity == s for r in rows)]
    head = "".join(f'<th scope="col">{html_text(SEVERITY_WORDS[s][1])}</th>' for s in sevs)

    def row(label: str, tally: Counter[str]) -> str:
        cells = "".join(
            f'<td class="{f"sev-{s}" if tally[s] else "none"}">'
            f"{format(tally[s], ',') if tally[s] else '–'}</td>"
            for s in sevs
        )
        return f'<tr><th scope="row">{label}</th>{cells}</tr>'

    def link(p: str) -> str:
        name = html_text(bidi_closed(short(priority_label(plan, p), 70)))
        return f'<a href="#r-findings" data-priority="{html_attr(p)}">{name}</a>'

    listed = [p.id for p in plan.of_kind("priority") if p.id in counts]
    shown = set(sorted(listed, key=lambda p: [-counts[p][s] for s in sevs])[:_GLANCE_PRIORITIES])
    body = [row(link(p), counts[p]) for p in listed if p in shown]
    if None in counts:
        body.append(
            row(
                '<span class="muted">Under no priority '
                "(the plan, or its owners, as a whole)</span>",
                counts[None],
            )
        )
    more = len(listed) - len(shown)
    caption = "Findings by priority" + (
        f": the {len(shown):,} with the most serious" if more else ""
    )
    note = (
        f'<p class="muted">{more:,} more priorities have findings: '
        "the findings' Priority filter lists them.</p>"
        if more
        else ""
    )
    return (
        f'<table class="{table_class("by-priority", len(body))}"><caption>{caption}</caption>'
        f'<thead><tr><th scope="col">Priority</th>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>{note}"
    )


def _worst_findings(
    groups: list[Group], baselined: int = 0, sources: Mapping[str, str] | None = None
) -> str:
    """The most serious rules broken (by severity, then by how often), each linked to its group."""

    head = "<h3>Most serious findings</h3>"
    if not groups and baselined:
        return head + f"<p>No new findings ({baselined:,} in the baseline).</p>"
    if not groups:
        return head + "<p>None: the plan passes every rule selected.</p>"
    order: dict[str, int] = {s: i for i, s in enumerate(SEVERITIES)}
    ranked = sorted(groups, key=lambda kv: (order.get(kv[0][0], len(order)), -len(kv[1]), kv[0][1]))
    rules = rules_run({code for _, code in (key for key, _ in ranked)}, sources)
    items = []
    for (sev, code), group in ranked[:_GLANCE_ITEMS]:
        rule = rules.get(code)
        n = len(group)
        items.append(
            f'<li>{code_badge(code, sev)} <a href="#{html_attr(group_id(sev, code))}">'
            f"{html_text(group[0].finding.name)}</a>: {n:,} finding{'' if n == 1 else 's'}"
            + (
                f' <span class="muted">— {html_text(rule.summary)}</span>'
                if rule is not None
                else ""
            )
            + "</li>"
        )
    more = len(ranked) - _GLANCE_ITEMS
    tail = (
        f'<p class="muted">and {more:,} more rule{"" if more == 1 else "s"} '
        "in the findings below.</p>"
        if more > 0
        else ""
    )
    return head + f'<ol class="worst">{"".join(items)}</ol>{tail}'


def _outcomes_at_a_glance(plan: Plan, coverage: Coverage | None) -> str:
    """Each outcome of the framework: served and measured, or not (the coverage matrix's last
    row)."""
    head = f"<h3>Outcomes ({html_text(plan.framework.title)})</h3>"
    if coverage is None or not plan.framework.outcomes:
        return head + "<p>Not counted: the plan has no priorities.</p>"
    one, word = coverage.words
    words = {"gap": f"No {one}", "unmeasured": "No indicator", "covered": "Covered"}
    items = []
    for o in plan.framework.outcomes:
        n_obj, n_ind = coverage.totals(o.id)
        state = coverage_state(n_obj, n_ind)
        items.append(
            f'<li><span class="key {state}">{html_text(words[state])}</span> {html_text(o.title)} '
            f'<span class="muted">({n_obj:,} {one if n_obj == 1 else word}, {n_ind:,} '
            f"indicator{'' if n_ind == 1 else 's'})</span></li>"
        )
    return (
        head
        + f'<ul class="outcomes">{"".join(items)}</ul>'
        + ("" if coverage.tagged else UNTAGGED)
        + '<p class="screen-only"><a href="#r-coverage">Coverage by priority</a></p>'
    )


def _owners_at_a_glance(plan: Plan, loads: OwnerLoads) -> str:
    """How many owners lead milestones, and those over their limit or with too many due in one
    month (as the owner-load table marks them), each linked to their row of it."""
    from ...graph.facts import by_load

    head = "<h3>Owner load</h3>"
    facts = loads.facts
    owners = by_load(o for o in facts.owners.values() if o.milestones)
    if not owners:
        return head + "<p>No owner leads a milestone.</p>"
    max_default, per_month = loads.max_default, loads.per_month
    start, end = plan.period
    over: list[str] = []
    peaks: list[str] = []
    for info in owners:
        limit = loads.limit(info)
        link = (
            f'<a href="#r-owner-{html_attr(svg_id(info.id, ""))}">'
            f"{html_text(bidi_closed(info.name))}</a>"
        )
        if len(info.milestones) > limit:
            over.append(f"{link} ({len(info.milestones):,} / {limit:,})")
        month, most = loads.peak(info)
        if month is not None and most > per_month:
            outside = (
                ", after the plan period"
                if month > (end.year, end.month)
                else ", before the plan period"
                if month < (start.year, start.month)
                else ""
            )
            peaks.append(
                f"{link} ({most:,} in {date(month[0], month[1], 1).strftime('%B %Y')}{outside})"
            )
    # (of the summary's counts: an owner may lead only objectives, a milestone may have no lead, and
    # one led jointly is counted once)
    led = len({m for o in owners for m in o.milestones})
    lines = [
        f"{len(owners):,} of the {len(facts.owners):,} owners lead {led:,} of the "
        f"{sum(1 for _ in plan.of_kind('milestone')):,} milestones."
    ]
    lines.append(
        _named(
            over,
            f"Over their limit (of {max_default:,}, or their <code>capacity</code>)",
            "No owner is over their limit",
        )
    )
    lines.append(
        _named(
            peaks,
            f"More than {per_month:,} due in one month",
            f"No owner has more than {per_month:,} due in one month",
        )
    )
    return (
        head
        + "".join(f"<p>{line}</p>" for line in lines)
        + '<p class="screen-only"><a href="#r-owners">Load by month</a></p>'
    )


def _named(links: list[str], label: str, none: str) -> str:
    """``label: A, B … and N more`` (the first few of a list of links), or ``none``."""
    if not links:
        return html_text(none) + "."
    more = len(links) - _GLANCE_ITEMS
    return (
        f"{label}: {', '.join(links[:_GLANCE_ITEMS])}"
        + (f" and {more:,} more" if more > 0 else "")
        + "."
    )
