"""The text of a diagram's labels: nodes' labels and tooltips, and the title with its legend.

Long titles wrap; a title cut short ends with an ellipsis and the whole text is in the node's
tooltip. Every piece of plan text is escaped (:mod:`outcome_graph.output.escape`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from ...severity import SEVERITIES
from ..escape import dot_html
from .dot import Html, balanced_wrap, html_lines, num, wrap
from .options import PLURAL
from .style import (
    BORDER,
    CROSS,
    MUTED,
    OUTLINE,
    SEVERITY_COLOURS,
    SEVERITY_MARKS,
    STYLES,
    TEXT,
    Palette,
    badges,
    worst_severity,
)

if TYPE_CHECKING:
    from ...findings import Finding, Report
    from ...graph.facts import PlanFacts
    from ...model.plan import Plan
    from .options import DiagramOptions


def node_tooltip(
    plan: Plan,
    facts: PlanFacts,
    node_id: str,
    findings: Sequence[Finding],
    rolled: Sequence[Finding],
    outcome: str | None = None,
) -> str:
    """A node's tooltip: its kind, id, number and whole title, outcomes (in the slice of
    ``outcome``, what a node untagged is taken to serve, and why), leads, timescale, its findings,
    and how many findings the hidden levels below it have (``rolled``)."""
    node = plan.nodes[node_id]
    head = f"{node.kind.capitalize()} {node_id}"
    if node.number and node.number != node_id:
        head += f" (no. {node.number})"
    lines = [head, node.title]
    outs = facts.outcomes.get(node_id, ())
    fw = plan.framework
    if node_id in facts.cross_cutting:
        lines.append("Outcomes: cross-cutting")
    elif outs:
        lines.append("Outcomes: " + ", ".join(fw.outcome(o).title for o in outs if o in fw.ids))
    elif outcome is not None and node_id in facts.outcome_slice(outcome).inferred:
        lines.append(_inferred_line(plan, facts, node_id, outcome))
    leads = facts.lead_owners.get(node_id)
    if leads:
        lines.append("Lead: " + "; ".join(facts.owners[o].name for o in leads if o in facts.owners))
    if node.kind == "milestone":
        timing = facts.timing.get(node_id)
        if timing is not None and timing.text:
            lines.append(f"Timescale: {timing.text}")
    for f in findings:
        lines.append(f"{f.rule} {f.severity}: {f.message}")
    if rolled:
        lines.append(
            f"Below it, not drawn: {len(rolled)} finding{'s' if len(rolled) != 1 else ''} "
            f"({', '.join(sorted({f.rule for f in rolled}))})"
        )
    return "\n".join(lines)


def _inferred_line(plan: Plan, facts: PlanFacts, node_id: str, outcome: str) -> str:
    """Why an untagged node is in an outcome's slice: the outcome's indicators it lists, or the
    work above it that lists them."""
    title = plan.framework.outcome(outcome).title
    listed = [i for i in facts.measured_by.get(node_id, ()) if outcome in facts.outcomes.get(i, ())]
    if listed:
        return f"Serves '{title}', inferred from the indicators it lists: {', '.join(listed)}"
    return f"Serves '{title}', inferred from the indicators the work above it lists"


def node_label(
    plan: Plan,
    facts: PlanFacts,
    node_id: str,
    palette: Palette,
    findings: Sequence[Finding],
    rolled: Sequence[Finding],
) -> tuple[Html, bool, str]:
    """The HTML-like label of a node, whether the title was cut, and the node's fill."""
    node = plan.nodes[node_id]
    kind = node.kind
    style = STYLES[kind]
    outs = facts.outcomes.get(node_id, ())
    cross = node_id in facts.cross_cutting
    lines, cut = balanced_wrap(node.title, style.wrap, style.lines)
    fill = palette.fill(outs, cross)
    text_colour = TEXT
    id_colour = MUTED
    if kind == "vision":
        fill, text_colour, id_colour = "#1F3A5F", "#FFFFFF", "#C9D6E3"
    header = dot_html(node_id)
    if node.number and node.number != node_id:
        header += f" · {dot_html(node.number)}"
    title = html_lines(lines)
    if style.bold:
        title = f"<B>{title}</B>"
    chips = palette.chips(outs, cross) if kind != "vision" or outs else ""
    rows = [
        f'<TR><TD ALIGN="LEFT" BALIGN="LEFT"><FONT POINT-SIZE="{num(max(style.size - 2, 7.5))}" '
        f'COLOR="{id_colour}">{header}</FONT></TD><TD ALIGN="RIGHT">{chips}</TD></TR>',
        f'<TR><TD COLSPAN="2" ALIGN="LEFT" BALIGN="LEFT"><FONT POINT-SIZE="{num(style.size)}" '
        f'COLOR="{text_colour}">{title}</FONT></TD></TR>',
    ]
    # Rule codes in their severity's colour are unreadable
    # on the vision's dark fill: they sit on white there.
    under = ' BGCOLOR="#FFFFFF"' if kind == "vision" else ""
    if findings:
        rows.append(f'<TR><TD COLSPAN="2" ALIGN="LEFT"{under}>{badges(findings)}</TD></TR>')
    if rolled:
        below = sorted({f.rule for f in rolled})
        text = "below: " + " ".join(below[:4]) + (f" +{len(below) - 4}" if len(below) > 4 else "")
        colour = SEVERITY_COLOURS.get(worst_severity(rolled) or "info", MUTED)
        rows.append(
            f'<TR><TD COLSPAN="2" ALIGN="LEFT"{under}><FONT POINT-SIZE="7.5" '
            f'COLOR="{colour}">{dot_html(text)}</FONT></TD></TR>'
        )
    worst = worst_severity(findings)
    if kind == "indicator":
        table = (
            '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" '
            f'CELLPADDING="1">{"".join(rows)}</TABLE>'
        )
    else:
        border = SEVERITY_COLOURS[worst] if worst else ("#1F3A5F" if kind == "vision" else BORDER)
        width = OUTLINE[worst] if worst else (2 if kind == "priority" else 1)
        table = (
            f'<TABLE BORDER="{width}" COLOR="{border}" BGCOLOR="{fill}" STYLE="ROUNDED" '
            'CELLBORDER="0" CELLSPACING="0" '
            f'CELLPADDING="{4 if kind in ("vision", "priority") else 3}">{"".join(rows)}</TABLE>'
        )
    return Html(table), cut, fill


@dataclass(frozen=True)
class LegendKey:
    """What a diagram's legend explains: only what the drawing shows (a legend listing the five
    outcomes over a view serving two, or an error's mark where no node has an error, sent a reader
    looking for them)."""

    outcomes: tuple[
        str, ...
    ] = ()  # the framework outcomes a chip is drawn for, in the framework's order
    cross: bool = False  # a cross-cutting node (grey fill, grey chip)
    untagged: bool = False  # a node of no outcome (white, no chip)
    several: bool = False  # a node of several outcomes (near-white, a chip for each)
    severities: tuple[
        str, ...
    ] = ()  # of the findings drawn (outlines, badges, coloured text), worst first
    indicators: bool = False  # an indicator (its folded corner)
    measures: bool = False  # a dashed line from a node to an indicator measuring it
    over: bool = False  # an owner above the OG302 limit (red fill)
    busy: bool = False  # an owner above three quarters of it (amber fill)
    copies: bool = False  # work drawn again (dashed) in the band of another of its owners


def legend_key(
    plan: Plan,
    facts: PlanFacts,
    palette: Palette,
    nodes: Iterable[str],
    findings: Iterable[Finding] = (),
    *,
    dark_vision: bool = True,
) -> LegendKey:
    """The fills, chips and severities a drawing of ``nodes`` (of the plan; other names are left
    out) with ``findings`` shows, as :func:`node_label` draws them (``dark_vision``: the vision is
    dark blue, with chips only for the outcomes it states)."""
    found: set[str] = set()
    cross = untagged = several = False
    plan_nodes, cross_cutting = plan.nodes, facts.cross_cutting
    for n in nodes:
        node = plan_nodes.get(n)
        if node is None:
            continue
        outs = facts.outcomes.get(n, ())
        vision = dark_vision and node.kind == "vision"
        if vision and not outs:
            continue
        if n in cross_cutting:
            cross = True
            continue
        chips = [o for o in outs if o in palette.colours]
        found.update(chips)
        if not vision:
            untagged = untagged or not chips
            several = several or len(outs) > 1
    drawn = {f.severity for f in findings}
    return LegendKey(
        outcomes=tuple(o for o in palette.colours if o in found),
        cross=cross,
        untagged=untagged,
        several=several,
        severities=tuple(s for s in SEVERITIES if s in drawn),
    )


PLAN_WIDE_SHOWN = 4  # plan-wide findings written under the title
PLAN_WIDE_WIDTH = 130  # characters a line of one of them
TITLE_WIDTH = 90  # characters a line of the plan's title (three lines at most)
_GAP = "\u00a0\u00a0\u00a0 "  # (between legend items: spaces a renderer does not collapse)


def title_label(
    plan: Plan,
    facts: PlanFacts,
    palette: Palette,
    opts: DiagramOptions,
    model_levels: Sequence[str],
    plan_findings: Sequence[Finding],
    key: LegendKey,
    legend_owner: bool = False,
    unplaced: str | None = None,
    drawn: int | None = None,
    rolled: bool = False,
) -> Html:
    """The label above a diagram: the plan's title, organisation and period, what the view draws,
    the legend of what it shows (``key``), a note of the indicators left out (``unplaced``) and,
    with findings, their counts (``drawn`` of them on the diagram, with ``rolled`` up from hidden
    levels) and the plan-wide ones."""
    meta = plan.meta
    start, end = plan.period
    sub = " · ".join(x for x in [meta.organisation, f"{_day(start)} – {_day(end)}"] if x)
    view = _view_words(plan, facts, opts, model_levels)
    notes = _owner_notes(key) if legend_owner else _model_notes(key)
    if opts.findings is not None and rolled:
        notes.append(
            "\u201cbelow: OG\u2026\u201d: findings of the hidden levels under a node (its "
            "milestones)."
        )
    # (a long title on one line set the width of the whole picture, which then shrank to fit a page;
    # filled line by line, it left a word or two alone under a full line)
    title_lines, _ = balanced_wrap(plan.title, TITLE_WIDTH, 3)
    rows = [
        _row(f"<B>{html_lines(title_lines)}</B>", 18, TEXT),
        _row(html_lines(wrap(sub, PLAN_WIDE_WIDTH, 2)[0]), 11, MUTED),
        _row(dot_html(view), 10, MUTED),
    ]
    if notes:
        rows.append(_row(dot_html(" ".join(notes)), 9, MUTED))
    legend = _legend(palette, key)
    if legend:
        rows.append(_row(legend, 10, TEXT))
    if unplaced is not None:
        rows.append(_row(dot_html(unplaced), 9, MUTED))
    if opts.findings is not None:
        rows.extend(
            _findings_rows(opts.findings, plan_findings, drawn, key.severities, legend_owner)
        )
    return Html(f'<TABLE BORDER="0" CELLSPACING="2" CELLPADDING="2">{"".join(rows)}</TABLE>')


def _model_notes(key: LegendKey) -> list[str]:
    """The notes of a logic model's legend: the fills and chips, the indicators' folded corner and
    their dashed lines, each where the drawing has them."""
    notes = []
    if key.outcomes:
        notes.append(
            "Fill: the node's outcome"
            + (" (several outcomes: near-white)" if key.several else "")
            + "; a chip for each outcome, with its number."
        )
    if key.indicators:
        notes.append(
            "Folded corner: an indicator"
            + ("; a dashed line joins it to what it measures." if key.measures else ".")
        )
    return notes


def _owner_notes(key: LegendKey) -> list[str]:
    """The note of an owner view's legend: owners' sizes, and the fills of a busy owner it draws."""
    fills = [
        words
        for shown, words in (
            (key.over, "red fill: above the OG302 limit"),
            (key.busy, "amber fill: above three quarters of it"),
        )
        if shown
    ]
    if key.busy and not key.over:
        fills[-1] = "amber fill: above three quarters of the OG302 limit"
    notes = [
        "Owners are sized by the number of milestones they lead"
        + ("; " + ", ".join(fills) if fills else "")
        + "."
    ]
    if key.copies:
        notes.append(
            "A dashed box: work led with an owner drawn elsewhere, beside whom it is drawn in full."
        )
    return notes


def _row(text: str, size: int, colour: str) -> str:
    """A row of the title's table: ``text`` (escaped already; lines left-aligned) in a font of that
    size and colour."""
    return (
        f'<TR><TD ALIGN="LEFT" BALIGN="LEFT" COLSPAN="2"><FONT POINT-SIZE="{size}" '
        f'COLOR="{colour}">{text}</FONT></TD></TR>'
    )


def _legend(palette: Palette, key: LegendKey) -> str:
    """The legend: the colour and number (as its chips show them) of each outcome drawn, and the
    cross-cutting and untagged nodes where there are some ("": nothing to explain). (Text in one
    cell: a table of chips there was stretched to the title's width.)"""
    items = [
        _legend_item(
            palette.colours[oid][0],
            f"{palette.numbers[oid]}\u00a0{palette.titles[oid]}"
            if oid in palette.numbers
            else palette.titles[oid],
        )
        for oid in key.outcomes
    ]
    if key.cross:
        items.append(_legend_item(CROSS[0], "cross-cutting"))
    if key.untagged:
        items.append(_legend_item(BORDER, "no outcome", "□"))
    return _GAP.join(items)


def _findings_rows(
    report: Report,
    plan_findings: Sequence[Finding],
    drawn: int | None,
    severities: Sequence[str] = SEVERITIES,
    owner_view: bool = False,
) -> list[str]:
    """The rows of the findings: their counts with the legend of the severities drawn, then the
    first plan-wide findings."""
    sev = _GAP.join(_legend_item(SEVERITY_COLOURS[s], s, SEVERITY_MARKS[s]) for s in severities)
    c = report.counts
    counts = (
        f"{c['error']} error{'' if c['error'] == 1 else 's'}, "
        f"{c['warning']} warning{'' if c['warning'] == 1 else 's'}, {c['info']} info"
        + (f", {c['suppressed']} suppressed" if c["suppressed"] else "")
        # (render --baseline draws the new findings alone: say how many it leaves out)
        + (f", {c['baselined']} in the baseline, not drawn" if c.get("baselined") else "")
    )
    total = len(report.findings)
    if drawn is not None and drawn < total:
        # (owners' findings, and those of nodes outside the view, have no place in a logic model;
        # the owner view draws owners and the work they
        # lead, not the plan, objectives or indicators)
        others = (
            "on the plan or on nodes and owners this view does not draw"
            if owner_view
            else "owners' or outside this view"
        )
        if not owner_view and len(plan_findings) > PLAN_WIDE_SHOWN:
            others = "owners', outside this view or plan-wide ones not listed"
        counts += f"; {drawn} of them drawn here, the others are {others}"
    if sev:
        head = (
            f"Findings ({dot_html(counts)}; outline: the worst, badges: the rule codes):{_GAP}{sev}"
        )
    else:  # (none drawn: no outline or badge to explain)
        head = f"Findings ({dot_html(counts)})"
    rows = [_row(head, 10, TEXT)]
    for f in plan_findings[:PLAN_WIDE_SHOWN]:
        # (whole, on up to three lines: cut at one line, a message lost its point, "... so ...")
        lines, _ = wrap(f"Plan-wide: {f.rule} {f.severity}: {f.message}", PLAN_WIDE_WIDTH, 3)
        text = '<BR ALIGN="LEFT"/>'.join(dot_html(line) for line in lines)
        rows.append(
            f'<TR><TD ALIGN="LEFT" BALIGN="LEFT" COLSPAN="2"><FONT POINT-SIZE="9" '
            f'COLOR="{SEVERITY_COLOURS.get(f.severity, MUTED)}">{text}</FONT></TD></TR>'
        )
    hidden = plan_findings[PLAN_WIDE_SHOWN:]
    if hidden:  # (say that there are more, and which rules: `check` lists them)
        codes = ", ".join(dict.fromkeys(f.rule for f in hidden))
        more = (
            f"Plan-wide: {len(hidden)} more finding{'s' if len(hidden) != 1 else ''} ({codes}), "
            "not listed here."
        )
        rows.append(_row(dot_html(more), 9, MUTED))
    return rows


def _legend_item(colour: str, text: str, mark: str = "■") -> str:
    return f'<FONT COLOR="{colour}">{mark}</FONT> {dot_html(text)}'


def _day(d: date) -> str:
    return f"{d.day} {d.strftime('%B %Y')}"


def _view_words(plan: Plan, facts: PlanFacts, opts: DiagramOptions, levels: Sequence[str]) -> str:
    if opts.owners:
        words = "Owners and the milestones they lead"
    else:
        words = "Logic model: " + " → ".join(PLURAL[lv].capitalize() for lv in levels)
    if opts.focus is not None:
        words += f"; focus on {opts.focus} with its ancestors and descendants"
    if opts.outcome is not None:
        words += f"; the nodes serving '{plan.framework.outcome(opts.outcome).title}'"
        inferred = inferred_from(plan, facts, opts.outcome)
        if inferred:
            words += f" ({inferred})"
    return words


def inferred_from(plan: Plan, facts: PlanFacts, outcome: str) -> str:
    """What an outcome's slice was inferred from, where it was (the view's title and the notice say
    so); "" where the plan's tags give the whole slice."""
    part = facts.outcome_slice(outcome)
    if not part.inferred:
        return ""
    title = plan.framework.outcome(outcome).title
    if part.tagged:
        return (
            f"tagged with it, or untagged and inferred from the '{title}' indicators measuring them"
        )
    return (
        f"inferred from the '{title}' indicators measuring them: the plan tags no priority, aim, "
        "objective or milestone with it"
    )
