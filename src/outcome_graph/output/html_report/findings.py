"""The findings section: each finding a row (its node, priorities and owners, and the place in
the page it links to), grouped by severity and rule, under the filters the page's script runs."""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ...severity import SEVERITIES
from ..escape import bidi_closed, html_attr, html_text, svg_id
from .common import SEVERITY_WORDS, code_badge, priority_label, short

if TYPE_CHECKING:
    from ...findings import Finding, Report
    from ...graph.facts import PlanFacts
    from ...model.plan import Plan


@dataclass
class Row:
    """A finding as the report lists it."""

    finding: Finding
    priorities: list[str] = field(default_factory=list)
    owners: list[str] = field(default_factory=list)
    target: str | None = None  # the id (in this page) the finding links to
    # The drawn nodes standing for the finding's node when it is not drawn (the nearest drawn above
    # it, on each of its ways up): the link goes to the first.
    stand_ins: list[str] = field(default_factory=list)

    @property
    def stand_in(self) -> str | None:
        return self.stand_ins[0] if self.stand_ins else None


Group = tuple[tuple[str, str], list[Row]]  # ((severity, rule code), its rows)


def finding_rows(
    plan: Plan, facts: PlanFacts, home: dict[str, str | None], report: Report, in_diagram: set[str]
) -> list[Row]:
    """The report's findings as rows, each linked to its node in the diagram (``in_diagram``: the
    ids of the nodes drawn), to the drawn node standing for it, to its owner's row or to the
    summary."""
    from ..diagram.layout import UNATTACHED

    def priorities_of(node_id: str) -> list[str]:
        node = plan.nodes.get(node_id)
        if node is None:
            return []
        if node.kind == "indicator":
            found = [home.get(m) for m in facts.measures.get(node_id, [])]
        else:
            found = [home.get(node_id)]
        return list(dict.fromkeys(p for p in found if p and p != UNATTACHED))

    def owners_of(node_id: str) -> list[str]:
        node = plan.nodes.get(node_id)
        if node is None:
            return []
        if node.kind == "indicator":
            ids = [
                o
                for m in facts.measures.get(node_id, [])
                for o in (facts.lead_owners.get(m) or facts.inherited_lead(m))
            ]
        elif node.kind == "vision":
            ids = []
        else:
            ids = list(facts.lead_owners.get(node_id) or facts.inherited_lead(node_id))
        return list(dict.fromkeys(ids))

    listed: list[Row] = []
    for f in report.findings:
        row = Row(f)
        if f.kind == "owner":
            info = facts.owners.get(f.node)
            row.owners = list(f.subjects)
            if info is not None:
                row.priorities = list(
                    dict.fromkeys(
                        p for n in (info.milestones or info.nodes) for p in priorities_of(n)
                    )
                )
            row.target = "r-owner-" + svg_id(f.node, "")
        elif f.node in plan.nodes:
            row.priorities = priorities_of(f.node)
            row.owners = owners_of(f.node)
            sid = svg_id(f.node)
            if sid in in_diagram:
                row.target = sid
            elif in_diagram:
                # A node the diagram leaves out (a milestone, in a report --no-milestones): the
                # diagram marks its finding on the nearest drawn node above, and the row links
                # there.
                row.stand_ins = _drawn_above(facts, f.node, in_diagram)
                row.target = svg_id(row.stand_ins[0]) if row.stand_ins else None
        else:
            row.target = "r-summary"
        listed.append(row)
    return listed


def _drawn_above(facts: PlanFacts, node_id: str, in_diagram: set[str]) -> list[str]:
    """The nearest drawn nodes above a node the diagram leaves out, on each of its ways up: those
    the diagram marks its findings on (as ``below: OG…``)."""
    from ...graph.facts import nearest_above

    return nearest_above(
        node_id, lambda n: facts.parents.get(n, ()), lambda p: svg_id(p) in in_diagram
    )


def group_id(severity: str, code: str) -> str:
    """The id of a (severity, rule) group of the findings table, which the summary links to."""
    return svg_id(f"{severity}-{code}", "r-group-")


def grouped(rows: list[Row]) -> list[Group]:
    """The findings by (severity, rule), errors first, then warnings, then info, each by code."""
    order: dict[str, int] = {s: i for i, s in enumerate(SEVERITIES)}
    by_key: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for r in rows:
        by_key[(r.finding.severity, r.finding.rule)].append(r)
    return sorted(by_key.items(), key=lambda kv: (order.get(kv[0][0], len(order)), kv[0][1]))


def rules_run(codes: set[str], sources: Mapping[str, str] | None) -> dict[str, Any]:
    """The rules a report ran under these codes (a rule file's own where another project's file
    declares the code too: ``Report.sources``), by code."""
    from ...rules.registry import rule_of

    return {code: rule_of(code, (sources or {}).get(code)) for code in codes}


def findings_section(
    plan: Plan,
    facts: PlanFacts,
    rows: list[Row],
    groups: list[Group],
    baselined: int = 0,
    sources: Mapping[str, str] | None = None,
) -> str:
    """The findings: the filters, and a table of the groups (or why there is none)."""
    rules = rules_run({code for (_, code), _ in groups}, sources)
    bodies = []
    for (sev, code), items in groups:
        rule = rules.get(code)
        name = items[0].finding.name
        summary = rule.summary if rule is not None else name
        head = (
            '<tr class="group-head"><th colspan="6" scope="rowgroup">'
            f'<span class="badge sev-{html_attr(sev)}">'
            f"{html_text(SEVERITY_WORDS.get(sev, (sev, sev))[0])}</span> "
            f"<code>{html_text(code)}</code> {html_text(name)} "
            f'<span class="muted">— {html_text(summary)}</span> '
            f'<span class="count">{len(items)}</span></th></tr>'
        )
        body_rows = [_finding_row(plan, facts, r) for r in items]
        bodies.append(
            f'<tbody class="group" id="{html_attr(group_id(sev, code))}" '
            f'data-severity="{html_attr(sev)}" data-rule="{html_attr(code)}">'
            f"{head}{''.join(body_rows)}</tbody>"
        )
    # Filters.
    codes = sorted({(r.finding.rule, r.finding.name) for r in rows})
    owners = sorted(
        {o for r in rows for o in r.owners},
        key=lambda o: facts.owners[o].name.lower() if o in facts.owners else o.lower(),
    )
    listed = {p for r in rows for p in r.priorities}
    prios = [p.id for p in plan.of_kind("priority") if p.id in listed]
    sevs = [s for s in SEVERITIES if any(r.finding.severity == s for r in rows)]

    def options(values: Sequence[tuple[str, str]]) -> str:
        return "".join(f'<option value="{html_attr(v)}">{html_text(t)}</option>' for v, t in values)

    def select(label: str, name: str, values: Sequence[tuple[str, str]]) -> str:
        return (
            f'<label>{label} <select data-filter="{name}"><option value="">all</option>'
            f"{options(values)}</select></label>"
        )

    filters = (
        '<form class="filters" id="r-filters">'
        + select("Severity", "severity", [(s, s) for s in sevs])
        + select("Rule", "rule", [(c, f"{c} {n}") for c, n in codes])
        + select(
            "Owner",
            "owner",
            [(o, facts.owners[o].name if o in facts.owners else o) for o in owners],
        )
        + select("Priority", "priority", [(p, short(priority_label(plan, p), 60)) for p in prios])
        + '<label>Text <input type="search" data-filter="text" placeholder="node id or words">'
        "</label>"
        '<input type="hidden" data-filter="node">'
        '<button type="button" id="r-clear">Clear</button>'
        f'<span class="shown" id="r-shown" role="status">{len(rows)} of {len(rows)} findings</span>'
        "</form>"
    )
    if not rows and baselined:
        table = (
            f'<p class="ok">No new findings: {"all " if baselined != 1 else ""}{baselined} finding'
            f"{'s are' if baselined != 1 else ' is'} in the baseline.</p>"
        )
    elif not rows:
        table = '<p class="ok">No findings: the plan passes every rule selected.</p>'
    else:
        # (in a box of its own that scrolls sideways on a narrow screen, rather than the whole page)
        table = (
            '<div class="scroll" tabindex="0" role="region" aria-label="Findings table">'
            '<table class="findings" id="r-findings-table">'
            '<caption class="vh">Findings, by severity and rule</caption>'
            "<thead><tr>"
            + "".join(
                f'<th scope="col">{h}</th>'
                for h in ("Node", "Finding", "Priority", "Owners", "Where", "Rule")
            )
            + "</tr></thead>"
            + "".join(bodies)
            + "</table></div>"
        )
    return f'<section id="r-findings"><h2>Findings</h2>{filters if rows else ""}{table}</section>'


def _finding_row(plan: Plan, facts: PlanFacts, row: Row) -> str:
    f = row.finding
    # (each name closes its own bidirectional controls, which would otherwise reorder the next one)
    owner_names = [
        bidi_closed(facts.owners[o].name if o in facts.owners else o) for o in row.owners
    ]
    prio_text = "; ".join(bidi_closed(short(priority_label(plan, p), 40)) for p in row.priorities)
    node_text = f"{f.node}"
    if row.target:
        node_cell = (
            f'<a class="node-link" href="#{html_attr(row.target)}" '
            f'data-target="{html_attr(row.target)}"><code>{html_text(node_text)}</code></a>'
        )
    else:
        node_cell = f"<code>{html_text(node_text)}</code>"
    title = (
        f'<div class="ntitle">{html_text(short(f.title, 90))}</div>'
        if f.title and f.title != f.node
        else ""
    )
    if row.stand_in is not None:
        # (the link goes to another node: say which, and why the finding's own is not there)
        from ..diagram.options import PLURAL

        hidden = PLURAL.get(plan.nodes[f.node].kind, "these nodes")
        on = " and ".join(
            f"{html_text(plan.nodes[n].kind)} <code>{html_text(n)}</code>" for n in row.stand_ins
        )
        title += (
            f'<div class="hint">{html_text(hidden.capitalize())} are not drawn: '
            f"the diagram marks this on {on}.</div>"
        )
    loc = f.location
    where = ""  # (short: the report is the plan's; the whole location is the cell's tooltip)
    if loc.sheet:
        where = f"{loc.sheet}!{loc.cell}" if loc.cell else loc.sheet
    elif loc.line:
        own = (
            not loc.file
            or not plan.file
            or os.path.normpath(loc.file) == os.path.normpath(plan.file)
        )
        where = f"line {loc.line}" if own else f"{os.path.basename(loc.file or '')}:{loc.line}"
    drawn_on = "|".join(row.stand_ins or [f.node])
    return (
        f'<tr class="finding sev-{html_attr(f.severity)}" data-severity="{html_attr(f.severity)}" '
        f'data-rule="{html_attr(f.rule)}" data-node="{html_attr(f.node)}" '
        f'data-drawn-on="{html_attr(drawn_on)}" data-owners="{html_attr("|".join(row.owners))}" '
        f'data-priorities="{html_attr("|".join(row.priorities))}">'
        f'<td class="node">{node_cell}{title}</td>'
        f'<td class="msg">{html_text(f.message)}<div class="hint">{html_text(f.hint)}</div></td>'
        f"<td>{html_text(prio_text)}</td><td>{html_text('; '.join(owner_names))}</td>"
        f'<td class="where" title="{html_attr(str(loc))}">{html_text(where)}</td>'
        f"<td>{code_badge(f.rule, f.severity)}</td></tr>"
    )
