"""The HTML report: one self-contained file a strategy lead can open in any browser and send by email.

It holds the plan's summary, the findings (grouped by severity and rule, filterable by rule,
severity, owner and priority), the outcome coverage matrix, each owner's load by month, and the
logic-model diagram with the findings marked, every finding linked to its node in the diagram.
CSS, the SVG diagram and the filtering script are inline; nothing is fetched (a Content Security
Policy forbids it, and allows no script but the report's own). Every piece of plan text is
escaped (:mod:`outcome_graph.output.escape`). The page prints cleanly.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..severity import SEVERITIES
from .escape import bidi_closed, html_attr, html_text, svg_id

if TYPE_CHECKING:
    from ..config import Config
    from ..findings import Finding, Report
    from ..graph.facts import PlanFacts
    from ..model.plan import Plan
    from .diagram.labels import LegendKey
    from .diagram.options import DiagramOptions

__all__ = ["report", "report_html"]

_SEVERITY_WORDS = {
    "error": ("Error", "Errors"),
    "warning": ("Warning", "Warnings"),
    "info": ("Info", "Info"),
}


@dataclass
class _Row:
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


def report_html(
    plan: Plan,
    *,
    findings: Report | None = None,
    config: Config | Mapping[str, Any] | None = None,
    diagram: bool = True,
    milestones: bool = True,
    today: date | None = None,
) -> str:
    """The plan's HTML report as text.

    Parameters
    ----------
    plan : Plan
        A loaded plan.
    findings : Report, optional
        The findings to show; by default the plan is checked with ``config``.
    config : Config or mapping, optional
        Rule selection and thresholds (the owner-load table uses the OG302 and OG303 limits); a
        mapping holds a configuration file's keys, as for :func:`outcome_graph.check`.
    diagram : bool
        Include the logic-model diagram (needs Graphviz's ``dot``).
    milestones : bool
        Draw milestones in the diagram (so that their findings link to them; without them, a
        milestone's finding links to the objective the diagram marks it on, and its row says so).
    today : date, optional
        The date printed as the report's date (default: today).

    Returns
    -------
    str
        A complete HTML document.

    Raises
    ------
    RenderError
        With ``diagram=True`` when Graphviz is not installed (the message says how to install it).

    Warns
    -----
    LargeDiagramWarning
        The diagram draws more nodes than can be read whole (the page says so too).

    Examples
    --------
    >>> from outcome_graph import load
    >>> plan = load('''
    ... format: outcome-graph/v1
    ... plan: {id: demo, title: "Demo <plan>", period: {start: 2011-04-01, end: 2012-03-31}}
    ... priorities: [{id: P1, title: Children are safe, outcomes: [stay_safe]}]
    ... ''')
    >>> page = report_html(plan, diagram=False)
    >>> "<title>Demo &lt;plan&gt;" in page, "<script src" in page
    (True, False)
    """
    from ..config import as_config
    from ..findings import require_report
    from ..model.plan import require_plan
    from ..rules.engine import check
    from .diagram import home_priorities

    require_plan("report_html", plan)
    require_report("report_html", "findings", findings)
    config = as_config("report_html", config)
    if findings is None:
        findings = check(plan, config)
    facts = findings.facts_of(plan)
    home = home_priorities(plan, facts)
    svg = ""
    empty = None  # why a diagram asked for has nothing to draw
    drawn_levels: tuple[str, ...] = ()
    key = None  # what the diagram's key explains: the fills and chips it draws
    large = 0  # the nodes of a diagram too large to read whole (0: not so large)
    if diagram:
        from ..errors import RenderError
        from .diagram import diagram_options, pipe, to_dot
        from .diagram.layout import levels_for

        try:
            opts = diagram_options(plan, milestones=milestones, findings=findings, title=False)
            dot = to_dot(plan, opts, config=config)
            drawn_levels = levels_for(plan, facts, opts)
            key = _diagram_key(plan, facts, opts)
        except RenderError as exc:
            if not str(exc).startswith("nothing to draw"):
                raise
            empty = str(exc)
        else:
            try:
                drawn = pipe(dot, "svg")
            except RenderError as exc:
                if "was not found" not in str(exc):
                    raise
                from .diagram.rendering import GRAPHVIZ_SOURCES

                raise RenderError(
                    f"Graphviz's `dot` program was not found, and the report's diagram needs it: install "
                    f"Graphviz ({GRAPHVIZ_SOURCES}), or leave the diagram out (report --no-diagram; "
                    "diagram=False from Python)"
                ) from None
            from .diagram.rendering import LARGE_DIAGRAM, LargeDiagramWarning, describe_nodes

            svg = _node_titles(_inline_svg(describe_nodes(drawn.decode("utf-8"))), plan)
            nodes = dot.count('class="og-node ')
            if nodes > LARGE_DIAGRAM:
                import warnings

                large = nodes
                warnings.warn(
                    f"the report's diagram draws {nodes:,} nodes, too many to read whole; render "
                    "--focus ID, --levels or --outcome draws part of the plan"
                    + (" (and report --no-milestones draws fewer)" if milestones else ""),
                    LargeDiagramWarning,
                    stacklevel=2,
                )
    in_diagram = set(_svg_ids(svg))
    rows = _rows(plan, facts, home, findings, in_diagram)
    groups = _groups(rows)  # (the summary ranks them, the findings table lists them)
    # The header (the plan's title and the contents) is the page's banner; the rest is its main content.
    coverage = _coverage(plan, facts)
    loads = _OwnerLoads(facts, config)
    header, summary = _summary(
        plan,
        facts,
        findings,
        today or date.today(),
        _at_a_glance(
            plan, rows, groups, coverage, loads, len(findings.baselined or ()), findings.sources
        ),
    )
    sections = [
        summary,
        _findings_section(
            plan,
            facts,
            rows,
            groups,
            baselined=len(findings.baselined or ()),
            sources=findings.sources,
        ),
        _coverage_section(plan, facts, coverage),
        _owner_section(plan, facts, findings, loads),
        _diagram_section(plan, svg, diagram, empty, drawn_levels, large, key),
    ]
    script = _SCRIPT
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    csp = (
        f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{digest}'; img-src data:; "
        "base-uri 'none'; form-action 'none'"
    )
    from .. import __version__

    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="outcome-graph {html_attr(__version__)}">\n'
        f"<title>{html_text(plan.title)} — outcome-graph report</title>\n"
        f"<style>{_CSS}</style>\n</head>\n<body>\n"
        + header
        + "\n<main>\n"
        + "\n".join(sections)
        + "\n</main>"
        + f"\n<footer>Made with outcome-graph {html_text(__version__)}. Run <code>outcome-graph rules CODE</code> "
        "to read what a rule checks and how to fix what it finds.</footer>\n"
        f"<script>{script}</script>\n</body>\n</html>\n"
    )


def report(
    plan: Plan,
    path: str | os.PathLike[str],
    *,
    findings: Report | None = None,
    config: Config | Mapping[str, Any] | None = None,
    diagram: bool = True,
    milestones: bool = True,
) -> Path:
    """Write the plan's HTML report to ``path`` (whole or not at all; never over the plan's file).

    Parameters
    ----------
    plan : Plan
        A loaded plan.
    path : str or PathLike
        The ``.html`` file to write.
    findings : Report, optional
        The findings to show (:func:`outcome_graph.check`); by default the plan is checked with
        ``config``.
    config : Config or mapping, optional
        Rule selection and thresholds (the owner-load table uses the OG302 and OG303 limits); a
        mapping holds a configuration file's keys, as for :func:`outcome_graph.check`.
    diagram : bool
        Include the logic-model diagram as inline SVG (needs Graphviz's ``dot``).
    milestones : bool
        Draw milestones in that diagram.

    Returns
    -------
    Path
        The path written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from outcome_graph import load
    >>> plan = load("format: outcome-graph/v1\\nplan: {id: demo, period: {start: 2011-04-01, end: 2012-03-31}}\\n"
    ...             "priorities: [{id: P1, title: <b>Safe</b> & sound}]\\n")
    >>> out = report(plan, pathlib.Path(tempfile.mkdtemp()) / "demo.html", diagram=False)
    >>> page = out.read_text()
    >>> "&lt;b&gt;Safe&lt;/b&gt; &amp; sound" in page, "<b>Safe</b>" in page
    (True, False)
    """
    from ..config import as_config
    from ..findings import require_report
    from ..model.plan import require_plan
    from .files import atomic_write_text, refuse_input_as_output

    require_plan("report", plan)
    require_report("report", "findings", findings)
    config = as_config("report", config)
    target = Path(path)
    if plan.file:
        refuse_input_as_output(target, [plan.file])
    page = report_html(
        plan, findings=findings, config=config, diagram=diagram, milestones=milestones
    )
    atomic_write_text(target, page)
    return target


# --- pieces ---------------------------------------------------------------------------------------
def _inline_svg(svg: str) -> str:
    """Graphviz's SVG without its XML prolog, doctype and comments, ready to sit in HTML."""
    start = svg.find("<svg")
    body = svg[start:] if start >= 0 else svg
    body = re.sub(r"<!--.*?-->", "", body, flags=re.S)
    # A group, not an image: a screen reader reads the nodes' text, and each node can be reached
    # by keyboard (Enter lists its findings, as a click does).
    body = re.sub(r'(<g id="[^"]+" class="node[^"]*")>', r'\1 tabindex="0">', body)
    # The arrows say nothing a node's text does not (and were read out as "V->P1" one by one), and
    # Graphviz names the whole graph and each box by its DOT name ("cluster_0"): none of that is read.
    body = re.sub(r'(<g id="[^"]+" class="edge[^"]*")>', r'\1 aria-hidden="true">', body)
    body = re.sub(
        r'(<g id="[^"]+" class="(?:graph|cluster)[^"]*"[^>]*>\s*)<title>[^<]*</title>', r"\1", body
    )
    return body.replace(
        "<svg ",
        '<svg class="og-svg" role="group" '
        'aria-label="Logic model diagram: select a node to list its findings" ',
        1,
    )


def _node_titles(svg: str, plan: Plan) -> str:
    """Each node's ``<title>`` (its name to a screen reader, and what a click on it filters the
    findings by) made its id as written: Graphviz writes a backslash in a name doubled."""
    ids = {svg_id(n): n for n in plan.nodes}

    def title(m: re.Match[str]) -> str:
        node = ids.get(m.group(2).replace("&#45;", "-"))
        return m.group(1) + html_text(node) + m.group(3) if node is not None else m.group(0)

    return re.sub(r'(<g id="([^"]+)" class="node[^"]*"[^>]*>\s*<title>)[^<]*(</title>)', title, svg)


def _svg_ids(svg: str) -> Iterable[str]:
    for m in re.finditer(r'<g id="([^"]+)" class="node', svg):
        yield m.group(1).replace("&#45;", "-")


def _priority_label(plan: Plan, pid: str) -> str:
    node = plan.nodes[pid]
    return f"{node.number or pid} {node.title}"


def _rows(
    plan: Plan, facts: PlanFacts, home: dict[str, str | None], report: Report, in_diagram: set[str]
) -> list[_Row]:
    from .diagram.layout import UNATTACHED

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

    rows: list[_Row] = []
    for f in report.findings:
        row = _Row(f)
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
                # diagram marks its finding on the nearest drawn node above, and the row links there.
                row.stand_ins = _drawn_above(facts, f.node, in_diagram)
                row.target = svg_id(row.stand_ins[0]) if row.stand_ins else None
        else:
            row.target = "r-summary"
        rows.append(row)
    return rows


def _drawn_above(facts: PlanFacts, node_id: str, in_diagram: set[str]) -> list[str]:
    """The nearest drawn nodes above a node the diagram leaves out, on each of its ways up: those
    the diagram marks its findings on (as ``below: OG…``)."""
    from ..graph.facts import nearest_above

    return nearest_above(
        node_id, lambda n: facts.parents.get(n, ()), lambda p: svg_id(p) in in_diagram
    )


def _file_name(path: str) -> str:
    """A plan's file as the report names it: its name alone (a CSV plan's folder's), its path as
    given on the command line being shown as a tooltip.

    >>> _file_name("../shared/plans/cypp.yaml"), _file_name("plans/csv/"), _file_name("plan.xlsx")
    ('cypp.yaml', 'csv', 'plan.xlsx')
    """
    return os.path.basename(os.path.normpath(path))


def _summary(
    plan: Plan, facts: PlanFacts, report: Report, today: date, glance: str = ""
) -> tuple[str, str]:
    meta = plan.meta
    start, end = plan.period
    kinds = Counter(n.kind for n in plan.nodes.values())
    counts = report.counts
    facts_rows = [
        ("Organisation", meta.organisation or "—"),
        ("Period", f"{_day(start)} to {_day(end)}"),
        ("Plan file", _file_name(plan.file) if plan.file else "—"),
        ("Framework", plan.framework.title),
    ]
    if meta.as_of:
        facts_rows.append(("Progress judged at", _day(meta.as_of)))
    facts_rows.append(("Report date", _day(today)))
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
    cards = (
        "".join(
            f'<div class="card"><span class="num">{n:,}</span><span>{html_text(w)}</span></div>'
            for n, w in levels
        )
        + f'<div class="card"><span class="num">{owners:,}</span><span>owners</span></div>'
    )
    sev = "".join(
        f'<div class="card sev-{s}"><span class="num">{counts[s]:,}</span><span>{_SEVERITY_WORDS[s][1 if counts[s] != 1 else 0].lower()}</span></div>'
        for s in SEVERITIES
    )
    if counts["suppressed"]:
        sev += f'<div class="card"><span class="num">{counts["suppressed"]:,}</span><span>suppressed</span></div>'
    if counts.get("baselined"):
        sev += f'<div class="card"><span class="num">{counts["baselined"]:,}</span><span>in the baseline</span></div>'
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
        f'<p class="sub">{html_text(meta.organisation or "")} {html_text("· " if meta.organisation else "")}'
        f"{html_text(_day(start))} – {html_text(_day(end))}</p>"
        '<nav class="toc" aria-label="Contents"><a href="#r-findings">Findings</a><a href="#r-coverage">Outcome coverage</a>'
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


_GLANCE_ITEMS = (
    5  # (the rules, and the owners of each kind, the summary names; the sections list them all)
)
_GLANCE_PRIORITIES = (
    10  # (the priorities the summary counts the findings of: a plan's few, or its worst)
)


def _at_a_glance(
    plan: Plan,
    rows: list[_Row],
    groups: list[_Group],
    coverage: _Coverage | None,
    loads: _OwnerLoads,
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


#: The most body rows of a table of each kind printed whole: a table this short moves to the next
#: page rather than be split, and fits under its section's heading and note on an A4 page (a row of
#: the matrix, with a priority's name, is about 60 pixels high; of the owner load, 25); a longer one
#: is split between rows, its heading row repeated on each page.
_PAGE_ROWS = {"by-priority": 25, "matrix": 12, "load": 28}
#: The most owners of a year's table of the owner load (class page) that fit a page of its own: each
#: after the first moves to the next page rather than be split (the first follows the section's note).
_LOAD_PAGE_ROWS = 38


def _table_class(kind: str, rows: int) -> str:
    """A table's classes: its kind, and ``whole`` when it is short enough to print on one page."""
    return kind + (" whole" if rows <= _PAGE_ROWS[kind] else "")


def _findings_by_priority(plan: Plan, rows: list[_Row]) -> str:
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
    head = "".join(f'<th scope="col">{html_text(_SEVERITY_WORDS[s][1])}</th>' for s in sevs)

    def row(label: str, tally: Counter[str]) -> str:
        cells = "".join(
            f'<td class="{f"sev-{s}" if tally[s] else "none"}">{format(tally[s], ",") if tally[s] else "–"}</td>'
            for s in sevs
        )
        return f'<tr><th scope="row">{label}</th>{cells}</tr>'

    listed = [p.id for p in plan.of_kind("priority") if p.id in counts]
    shown = set(sorted(listed, key=lambda p: [-counts[p][s] for s in sevs])[:_GLANCE_PRIORITIES])
    body = [
        row(
            f'<a href="#r-findings" data-priority="{html_attr(p)}">{html_text(bidi_closed(_short(_priority_label(plan, p), 70)))}</a>',
            counts[p],
        )
        for p in listed
        if p in shown
    ]
    if None in counts:
        body.append(
            row(
                '<span class="muted">Under no priority (the plan, or its owners, as a whole)</span>',
                counts[None],
            )
        )
    more = len(listed) - len(shown)
    caption = "Findings by priority" + (
        f": the {len(shown):,} with the most serious" if more else ""
    )
    note = (
        f'<p class="muted">{more:,} more priorities have findings: the findings\' Priority filter lists them.</p>'
        if more
        else ""
    )
    return (
        f'<table class="{_table_class("by-priority", len(body))}"><caption>{caption}</caption>'
        f'<thead><tr><th scope="col">Priority</th>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>{note}'
    )


def _group_id(severity: str, code: str) -> str:
    """The id of a (severity, rule) group of the findings table, which the summary links to."""
    return svg_id(f"{severity}-{code}", "r-group-")


_Group = tuple[tuple[str, str], list[_Row]]  # ((severity, rule code), its rows)


def _groups(rows: list[_Row]) -> list[_Group]:
    """The findings by (severity, rule), errors first, then warnings, then info, each by code."""
    order: dict[str, int] = {s: i for i, s in enumerate(SEVERITIES)}
    groups: dict[tuple[str, str], list[_Row]] = defaultdict(list)
    for r in rows:
        groups[(r.finding.severity, r.finding.rule)].append(r)
    return sorted(groups.items(), key=lambda kv: (order.get(kv[0][0], len(order)), kv[0][1]))


def _rules_run(codes: set[str], sources: Mapping[str, str] | None) -> dict[str, Any]:
    """The rules a report ran under these codes (a rule file's own where another project's file
    declares the code too: ``Report.sources``), by code."""
    from ..rules.registry import rule_of

    return {code: rule_of(code, (sources or {}).get(code)) for code in codes}


def _worst_findings(
    groups: list[_Group], baselined: int = 0, sources: Mapping[str, str] | None = None
) -> str:
    """The most serious rules broken (by severity, then by how often), each linked to its group."""

    head = "<h3>Most serious findings</h3>"
    if not groups and baselined:
        return head + f"<p>No new findings ({baselined:,} in the baseline).</p>"
    if not groups:
        return head + "<p>None: the plan passes every rule selected.</p>"
    order: dict[str, int] = {s: i for i, s in enumerate(SEVERITIES)}
    ranked = sorted(groups, key=lambda kv: (order.get(kv[0][0], len(order)), -len(kv[1]), kv[0][1]))
    rules = _rules_run({code for _, code in (key for key, _ in ranked)}, sources)
    items = []
    for (sev, code), group in ranked[:_GLANCE_ITEMS]:
        rule = rules.get(code)
        n = len(group)
        items.append(
            f'<li>{_code_badge(code, sev)} <a href="#{html_attr(_group_id(sev, code))}">'
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
        f'<p class="muted">and {more:,} more rule{"" if more == 1 else "s"} in the findings below.</p>'
        if more > 0
        else ""
    )
    return head + f'<ol class="worst">{"".join(items)}</ol>{tail}'


def _outcomes_at_a_glance(plan: Plan, coverage: _Coverage | None) -> str:
    """Each outcome of the framework: served and measured, or not (the coverage matrix's last row)."""
    head = f"<h3>Outcomes ({html_text(plan.framework.title)})</h3>"
    if coverage is None or not plan.framework.outcomes:
        return head + "<p>Not counted: the plan has no priorities.</p>"
    one, word = coverage.words
    words = {"gap": f"No {one}", "unmeasured": "No indicator", "covered": "Covered"}
    items = []
    for o in plan.framework.outcomes:
        n_obj, n_ind = coverage.totals(o.id)
        state = _coverage_state(n_obj, n_ind)
        items.append(
            f'<li><span class="key {state}">{html_text(words[state])}</span> {html_text(o.title)} '
            f'<span class="muted">({n_obj:,} {one if n_obj == 1 else word}, {n_ind:,} '
            f"indicator{'' if n_ind == 1 else 's'})</span></li>"
        )
    return (
        head
        + f'<ul class="outcomes">{"".join(items)}</ul>'
        + ("" if coverage.tagged else _UNTAGGED)
        + '<p class="screen-only"><a href="#r-coverage">Coverage by priority</a></p>'
    )


class _OwnerLoads:
    """Each owner's milestones by the month they are due, as OG303 counts them, and each owner's
    limit (their ``capacity``, or the configured most), worked out once for the summary and the
    owner-load table."""

    def __init__(self, facts: PlanFacts, config: Config | None) -> None:
        from .diagram import owner_limits

        limits = owner_limits(config)
        self.max_default: int = limits["max-milestones"]
        self.per_month: int = limits["max-per-month"]
        self.facts = facts
        self._due: dict[str, Counter[tuple[int, int] | None]] = {}

    def limit(self, info: Any) -> int:
        return info.capacity if info.capacity is not None else self.max_default

    def due(self, info: Any) -> Counter[tuple[int, int] | None]:
        """The owner's milestones by month due (``None``: no month)."""
        due = self._due.get(info.id)
        if due is None:
            timing = self.facts.timing
            due = self._due[info.id] = Counter(
                None if (t := timing.get(m)) is None else t.due_month for m in info.milestones
            )
        return due

    def peak(self, info: Any) -> tuple[tuple[int, int] | None, int]:
        """The month the owner has most due in (the latest of equals), and how many."""
        return max(
            ((m, n) for m, n in self.due(info).items() if m is not None),
            key=lambda kv: (kv[1], kv[0]),
            default=(None, 0),
        )


def _owners_at_a_glance(plan: Plan, loads: _OwnerLoads) -> str:
    """How many owners lead milestones, and those over their limit or with too many due in one
    month (as the owner-load table marks them), each linked to their row of it."""
    from ..graph.facts import by_load

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
        link = f'<a href="#r-owner-{html_attr(svg_id(info.id, ""))}">{html_text(bidi_closed(info.name))}</a>'
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


def _findings_section(
    plan: Plan,
    facts: PlanFacts,
    rows: list[_Row],
    groups: list[_Group],
    baselined: int = 0,
    sources: Mapping[str, str] | None = None,
) -> str:
    rules = _rules_run({code for (_, code), _ in groups}, sources)
    bodies = []
    for (sev, code), items in groups:
        rule = rules.get(code)
        name = items[0].finding.name
        summary = rule.summary if rule is not None else name
        head = (
            f'<tr class="group-head"><th colspan="6" scope="rowgroup"><span class="badge sev-{html_attr(sev)}">{html_text(_SEVERITY_WORDS.get(sev, (sev, sev))[0])}</span> '
            f'<code>{html_text(code)}</code> {html_text(name)} <span class="muted">— {html_text(summary)}</span> '
            f'<span class="count">{len(items)}</span></th></tr>'
        )
        body_rows = [_finding_row(plan, facts, r) for r in items]
        bodies.append(
            f'<tbody class="group" id="{html_attr(_group_id(sev, code))}" data-severity="{html_attr(sev)}" data-rule="{html_attr(code)}">{head}{"".join(body_rows)}</tbody>'
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

    filters = (
        '<form class="filters" id="r-filters">'
        f'<label>Severity <select data-filter="severity"><option value="">all</option>{options([(s, s) for s in sevs])}</select></label>'
        f'<label>Rule <select data-filter="rule"><option value="">all</option>{options([(c, f"{c} {n}") for c, n in codes])}</select></label>'
        f'<label>Owner <select data-filter="owner"><option value="">all</option>'
        f"{options([(o, facts.owners[o].name if o in facts.owners else o) for o in owners])}</select></label>"
        f'<label>Priority <select data-filter="priority"><option value="">all</option>'
        f"{options([(p, _short(_priority_label(plan, p), 60)) for p in prios])}</select></label>"
        '<label>Text <input type="search" data-filter="text" placeholder="node id or words"></label>'
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
            '<table class="findings" id="r-findings-table"><caption class="vh">Findings, by severity and rule</caption>'
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


def _finding_row(plan: Plan, facts: PlanFacts, row: _Row) -> str:
    f = row.finding
    # (each name closes its own bidirectional controls, which would otherwise reorder the next one)
    owner_names = [
        bidi_closed(facts.owners[o].name if o in facts.owners else o) for o in row.owners
    ]
    prio_text = "; ".join(bidi_closed(_short(_priority_label(plan, p), 40)) for p in row.priorities)
    node_text = f"{f.node}"
    if row.target:
        node_cell = f'<a class="node-link" href="#{html_attr(row.target)}" data-target="{html_attr(row.target)}"><code>{html_text(node_text)}</code></a>'
    else:
        node_cell = f"<code>{html_text(node_text)}</code>"
    title = (
        f'<div class="ntitle">{html_text(_short(f.title, 90))}</div>'
        if f.title and f.title != f.node
        else ""
    )
    if row.stand_in is not None:
        # (the link goes to another node: say which, and why the finding's own is not there)
        from .diagram.options import PLURAL

        hidden = PLURAL.get(plan.nodes[f.node].kind, "these nodes")
        on = " and ".join(
            f"{html_text(plan.nodes[n].kind)} <code>{html_text(n)}</code>" for n in row.stand_ins
        )
        title += f'<div class="hint">{html_text(hidden.capitalize())} are not drawn: the diagram marks this on {on}.</div>'
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
    return (
        f'<tr class="finding sev-{html_attr(f.severity)}" data-severity="{html_attr(f.severity)}" data-rule="{html_attr(f.rule)}" '
        f'data-node="{html_attr(f.node)}" data-drawn-on="{html_attr("|".join(row.stand_ins or [f.node]))}" data-owners="{html_attr("|".join(row.owners))}" '
        f'data-priorities="{html_attr("|".join(row.priorities))}">'
        f'<td class="node">{node_cell}{title}</td>'
        f'<td class="msg">{html_text(f.message)}<div class="hint">{html_text(f.hint)}</div></td>'
        f"<td>{html_text(prio_text)}</td><td>{html_text('; '.join(owner_names))}</td>"
        f'<td class="where" title="{html_attr(str(loc))}">{html_text(where)}</td>'
        f"<td>{_code_badge(f.rule, f.severity)}</td></tr>"
    )


def _code_badge(code: str, severity: str) -> str:
    """A rule code in the colour and with the mark of its severity (the diagram's: ``▲ OG302``)."""
    from .diagram.style import DOT, SEVERITY_MARKS

    mark = SEVERITY_MARKS.get(severity, DOT)
    # (the mark and the colour are for the eye; a screen reader says the severity in words)
    word = _SEVERITY_WORDS.get(severity, (severity, severity))[0]
    return (
        f'<span class="badge sev-{html_attr(severity)}" title="{html_attr(severity)}">'
        f'<span aria-hidden="true">{mark}</span> <span class="vh">{html_text(word)}: </span>{html_text(code)}</span>'
    )


@dataclass
class _Coverage:
    """What the coverage matrix counts: the level counted (``objective``, or ``aim`` or ``priority``
    in a plan without objectives), and the nodes at it and the indicators bearing on each
    (priority, outcome) cell."""

    level: str
    priorities: list[str]
    objectives: dict[tuple[str, str], set[str]]
    indicators: dict[tuple[str, str], set[str]]
    tagged: bool  # (whether any priority, aim, objective or milestone names its outcomes)
    # Each priority's outcomes: its own and those of its aims and objectives (only a cell of one of
    # them can be a gap; the priority does not set out to serve the others).
    serves: dict[str, set[str]] = field(default_factory=dict)

    @property
    def words(self) -> tuple[str, str]:
        return {
            "objective": ("objective", "objectives"),
            "aim": ("aim", "aims"),
            "priority": ("priority", "priorities"),
        }[self.level]

    def totals(self, outcome: str) -> tuple[int, int]:
        """The nodes and indicators serving an outcome in the whole plan, each counted once (the
        matrix's last row)."""
        nodes: set[str] = set()
        measures: set[str] = set()
        for p in self.priorities:
            nodes |= self.objectives.get((p, outcome), set())
            measures |= self.indicators.get((p, outcome), set())
        return len(nodes), len(measures)


def _coverage(plan: Plan, facts: PlanFacts) -> _Coverage | None:
    """The coverage matrix's counts (None: the plan has no priorities to count under)."""
    level = next((k for k in ("objective", "aim", "priority") if k in facts.levels_used), None)
    priorities = [n.id for n in plan.of_kind("priority")]
    if level is None or not priorities:
        return None
    in_matrix = set(priorities)
    cross = facts.cross_cutting
    # A node counts under every priority above it (an objective with two parents serves both), as
    # in `table --what coverage`; the whole plan's row counts each node once.
    objectives: dict[tuple[str, str], set[str]] = defaultdict(set)
    indicators: dict[tuple[str, str], set[str]] = defaultdict(set)

    above = facts.targets_above(in_matrix.__contains__)

    def priorities_of(node_id: str) -> tuple[str, ...]:
        return (node_id, *above(node_id)) if node_id in in_matrix else above(node_id)

    for node in plan.of_kind(level):
        if node.id in cross:
            continue
        for p in priorities_of(node.id):
            for oid in facts.outcomes.get(node.id, ()):
                objectives[(p, oid)].add(node.id)
    serves: dict[str, set[str]] = defaultdict(set)
    for kind in ("priority", "aim", "objective"):
        for node in plan.of_kind(kind):
            if node.id not in cross:
                for p in priorities_of(node.id):
                    serves[p].update(facts.outcomes.get(node.id, ()))
    for ind, measured in facts.measures.items():
        for n in measured:
            if n in cross or n not in plan.nodes:
                continue
            for p in priorities_of(n):
                for oid in set(facts.outcomes.get(ind, ())) | set(facts.outcomes.get(n, ())):
                    indicators[(p, oid)].add(ind)
    tagged = any(n.outcomes for n in plan.nodes.values() if n.kind != "indicator")
    return _Coverage(level, priorities, objectives, indicators, tagged, serves)


_UNTAGGED = (
    '<p class="warn">The plan tags no priority, aim or objective with an outcome, so only indicators '
    "(through their catalogue) can be counted (OG201).</p>"
)


def _coverage_state(n_obj: int, n_ind: int) -> str:
    """A cell's state, as the matrix's key names it: ``gap``, ``unmeasured`` or ``covered``."""
    return "gap" if n_obj == 0 else ("unmeasured" if n_ind == 0 else "covered")


def _coverage_section(plan: Plan, facts: PlanFacts, coverage: _Coverage | None) -> str:
    fw = plan.framework
    if coverage is None:
        return '<section id="r-coverage"><h2>Outcome coverage</h2><p>The plan has no priorities to draw a coverage matrix for.</p></section>'
    cross = facts.cross_cutting
    priorities, objectives, indicators = (
        coverage.priorities,
        coverage.objectives,
        coverage.indicators,
    )
    one, word = coverage.words

    def counted(n_obj: int, n_ind: int, bold: bool = False) -> str:
        b, e = ("<b>", "</b>") if bold else ("", "")
        return f"{b}{n_obj}{e} {one if n_obj == 1 else word}<br>{b}{n_ind}{e} indicator{'' if n_ind == 1 else 's'}"

    head = "".join(f'<th scope="col">{html_text(o.title)}</th>' for o in fw.outcomes)
    body = []
    for p in priorities:
        is_cross = p in cross
        cells = []
        for o in fw.outcomes:
            n_obj = len(objectives.get((p, o.id), ()))
            n_ind = len(indicators.get((p, o.id), ()))
            served = o.id in coverage.serves.get(p, ())
            cls = "cross" if is_cross else (_coverage_state(n_obj, n_ind) if served else "unserved")
            text = "—" if is_cross else counted(n_obj, n_ind)
            cells.append(f'<td class="{cls}">{text}</td>')
        # (a row of no outcome is all unshaded: say why, rather than leave it looking covered)
        aside = (
            "cross-cutting" if is_cross else ("no outcome" if not coverage.serves.get(p) else "")
        )
        label = html_text(_short(_priority_label(plan, p), 70)) + (
            f' <span class="muted">({aside})</span>' if aside else ""
        )
        body.append(f'<tr><th scope="row">{label}</th>{"".join(cells)}</tr>')
    total_cells = []
    for o in fw.outcomes:
        n_obj, n_ind = coverage.totals(o.id)
        total_cells.append(
            f'<td class="{_coverage_state(n_obj, n_ind)}">{counted(n_obj, n_ind, bold=True)}</td>'
        )
    body.append(f'<tr class="total"><th scope="row">The whole plan</th>{"".join(total_cells)}</tr>')
    note = (
        f"<p>Each cell counts the {word} serving an outcome (their own outcomes, or inherited) and the "
        f"indicators of the priority bearing on it (by the indicator's own outcomes, or those of the node it "
        f'measures: a cell can count indicators and no {one}). <span class="key gap">No {one}</span> '
        '<span class="key unmeasured">No indicator</span> <span class="key covered">Covered</span> '
        "for an outcome the priority serves (its own, or one of its aims' or objectives'); "
        '<span class="key unserved">Not its outcome</span> otherwise, which is no gap (the whole plan\'s row '
        "shades every outcome). Cross-cutting priorities (<code>outcomes: []</code>) are left out.</p>"
    )
    if not coverage.tagged:
        note += _UNTAGGED
    return (
        f'<section id="r-coverage"><h2>Outcome coverage ({html_text(fw.title)})</h2>{note}'
        f'<div class="scroll" tabindex="0" role="region" aria-label="Outcome coverage table"><table class="{_table_class("matrix", len(body))}"><caption class="vh">Outcome coverage: {html_text(word)} and indicators for each priority and outcome</caption><thead><tr><th scope="col">Priority</th>{head}</tr></thead><tbody>{"".join(body)}</tbody></table></div></section>'
    )


def _owner_section(plan: Plan, facts: PlanFacts, report: Report, loads: _OwnerLoads) -> str:
    from ..analysis.timescale.intervals import month_columns
    from ..graph.facts import by_load

    max_default, per_month = loads.max_default, loads.per_month
    with_findings = {o for f in report.findings if f.kind == "owner" for o in f.subjects}
    # Every owner with a milestone, and every owner a finding is about (its row is the finding's link target).
    owners = [o for o in facts.owners.values() if o.milestones or o.id in with_findings]
    if not owners:
        return (
            '<section id="r-owners"><h2>Owner load</h2><p>No owner leads a milestone in this plan'
            + (" (the plan has no milestones)" if not plan.uses_level("milestone") else "")
            + ".</p></section>"
        )
    start, end = plan.period
    # Columns: the plan period's months, stretched to the months milestones are due in (at most
    # a year either side; later or earlier ones are counted together).
    known = list({m for info in owners for m in loads.due(info) if m is not None})
    first = max(min([(start.year, start.month), *known]), (start.year - 1, start.month), (1, 1))
    last = min(max([(end.year, end.month), *known]), (end.year + 1, end.month), (9999, 12))
    # (an open-ended period: the months something is due in; none has a month: no month columns,
    # four years of empty ones said nothing and ran off a printed page)
    months = month_columns(first, last, known) if known else []
    rules_of: dict[str, dict[str, str]] = defaultdict(
        dict
    )  # owner -> its rules with their severity
    for f in report.findings:
        if f.kind == "owner":
            for owner in f.subjects:
                rules_of[owner].setdefault(f.rule, f.severity)
    in_period = {
        (yy, mm)
        for yy, mm in months
        if (start.year, start.month) <= (yy, mm) <= (end.year, end.month)
    }
    header = "".join(
        f'<th scope="col" class="{"month" if key in in_period else "month outside"}">{date(key[0], key[1], 1).strftime("%b")}<br>{key[0]}</th>'
        for key in months
    )
    rows = []
    printed: list[
        tuple[str, str, str, list[str], str]
    ] = []  # each row's class, heading, total, months, the rest
    for info in by_load(owners):
        limit = loads.limit(info)
        count = len(info.milestones)
        by_month = loads.due(info)
        undated = by_month.get(None, 0)
        earlier = (
            sum(n for key, n in by_month.items() if key is not None and key < months[0])
            if months
            else 0
        )
        later = (
            sum(n for key, n in by_month.items() if key is not None and key > months[-1])
            if months
            else 0
        )
        cells = []
        for key in months:
            n = by_month.get(key, 0)
            cls = "peak" if n > per_month else ("busy" if n and n == per_month else "")
            if key not in in_period:
                cls += " outside"
            cells.append(f'<td class="{cls.strip()}">{n or ""}</td>')
        over = count > limit
        name = html_text(info.name) + (
            (f' <span class="muted">({html_text(info.kind)})</span>' if info.kind else "")
            if info.declared
            else ' <span class="muted" title="not declared in owners:">*</span>'
        )
        flag = "".join(
            f" {_code_badge(code, sev)}" for code, sev in rules_of.get(info.id, {}).items()
        )
        total = f'<td class="total {"over" if over else ""}">{count} <span class="muted">/ {limit}</span></td>'
        rows.append(
            f'<tr id="r-owner-{html_attr(svg_id(info.id, ""))}" class="{"over" if over else ""}">'
            f'<th scope="row">{name}{flag}</th>{total}'
            f"<td>{earlier or ''}</td>{''.join(cells)}<td>{later or ''}</td><td>{undated or ''}</td></tr>"
        )
        printed.append(
            (
                "over" if over else "",
                f'<th scope="row">{name}{flag}</th>{total}',
                f"<td>{earlier or ''}</td>",
                cells,
                f"<td>{later or ''}</td><td>{undated or ''}</td>",
            )
        )
    note = (
        f"<p>Milestones each owner leads (a milestone without a lead takes its objective's), by the month they "
        f'are due. <span class="key over">Above the limit</span> of {max_default} milestones (or the owner\'s '
        f'<code>capacity</code>; OG302) and <span class="key peak">more than {per_month} in a month</span> (OG303) '
        f'are highlighted, <span class="key busy">exactly {per_month}</span> (at the limit) shaded; grey months lie '
        "outside the plan period. * an owner not declared in <code>owners:</code>.</p>"
    )
    # On paper, where nothing scrolls, the months are printed a year to a table: one table of
    # every month ran off the page's edge. The years are the plan's (from the month its period
    # starts), a few months before or after them joining the table next to them.
    year = 12
    split = len(months) > year
    tables = [
        f'<table class="{_table_class("load", len(rows))}{" screen-only" if split else ""}"><caption class="vh">Milestones each owner leads, by month due</caption>'
        f'<thead><tr><th scope="col">Owner</th><th scope="col">Milestones / limit</th><th scope="col">Earlier</th>{header}'
        f'<th scope="col">Later</th><th scope="col">No month</th></tr></thead><tbody>{"".join(rows)}</tbody></table>'
    ]
    if split:
        month_heads = re.findall(r"<th scope=\"col\".*?</th>", header)
        earlier_head, later_heads = (
            '<th scope="col">Earlier</th>',
            '<th scope="col">Later</th><th scope="col">No month</th>',
        )
        for i, j in _plan_years(months, (start.year, start.month), year):
            opening, closing = i == 0, j >= len(months)
            body = "".join(
                f'<tr class="{cls}">{head}{before if opening else ""}{"".join(cells[i:j])}{after if closing else ""}</tr>'
                for cls, head, before, cells, after in printed
            )
            span = f"{date(*months[i], 1).strftime('%B %Y')} to {date(*months[j - 1], 1).strftime('%B %Y')}"
            tables.append(
                f'<table class="{_table_class("load", len(printed))} print-only{" page" if len(printed) <= _LOAD_PAGE_ROWS else ""}"><caption>{html_text(span)}</caption><thead><tr><th scope="col">Owner</th>'
                f'<th scope="col">Milestones / limit</th>{earlier_head if opening else ""}{"".join(month_heads[i:j])}'
                f"{later_heads if closing else ''}</tr></thead><tbody>{body}</tbody></table>"
            )
    return f'<section id="r-owners"><h2>Owner load</h2>{note}<div class="scroll" tabindex="0" role="region" aria-label="Owner load table">{"".join(tables)}</div></section>'


def _plan_years(
    months: Sequence[tuple[int, int]], start: tuple[int, int], year: int = 12, most_joined: int = 3
) -> list[tuple[int, int]]:
    """The printed owner-load tables' spans of ``months`` (index ranges): a year each from the
    plan's first month, with a run of at most ``most_joined`` months before the first or after
    the last joining it (a table of one month's column said little).

    >>> months = [(2008, m) for m in range(3, 13)] + [(2009, m) for m in range(1, 13)] + [(2010, m) for m in (1, 2, 3)]
    >>> [(months[i], months[j - 1]) for i, j in _plan_years(months, (2008, 4))]
    [((2008, 3), (2009, 3)), ((2009, 4), (2010, 3))]
    >>> later = months[1:] + [(2010, 4), (2010, 5), (2010, 6), (2010, 7)]
    >>> [(later[i], later[j - 1]) for i, j in _plan_years(later, (2008, 4))]
    [((2008, 4), (2009, 3)), ((2009, 4), (2010, 3)), ((2010, 4), (2010, 7))]
    """

    def offset(m: tuple[int, int]) -> int:
        return (m[0] - start[0]) * 12 + m[1] - start[1]

    cuts = [
        i
        for i, m in enumerate(months)
        if i == 0 or offset(m) // year != offset(months[i - 1]) // year
    ]
    spans = [(a, b) for a, b in zip(cuts, [*cuts[1:], len(months)])]
    if len(spans) > 1 and spans[0][1] - spans[0][0] <= most_joined and offset(months[0]) < 0:
        spans[:2] = [(spans[0][0], spans[1][1])]
    if len(spans) > 1 and spans[-1][1] - spans[-1][0] <= most_joined:
        spans[-2:] = [(spans[-2][0], spans[-1][1])]
    return spans


def _diagram_section(
    plan: Plan,
    svg: str,
    wanted: bool,
    empty: str | None = None,
    levels: Sequence[str] = (),
    large: int = 0,
    key: LegendKey | None = None,
) -> str:
    if empty is not None:
        return f'<section id="r-diagram"><h2>Logic model</h2><p>No diagram: {html_text(empty)}.</p></section>'
    if not wanted:
        return (
            '<section id="r-diagram"><h2>Logic model</h2><p>The diagram was left out '
            "(draw it with <code>outcome-graph render PLAN -o logic-model.svg --findings</code>).</p></section>"
        )
    from .diagram.options import PLURAL
    from .diagram.style import SEVERITY_MARKS

    legend = _legend(plan, key)
    # (the levels drawn: a plan without a vision, or a report --no-milestones, has none of them drawn)
    names = [PLURAL[lv] for lv in levels]
    drawn = (", ".join(names[:-1]) + " and " + names[-1]) if len(names) > 1 else "".join(names)
    marks = ", ".join(f"{SEVERITY_MARKS[s]} {s}" for s in SEVERITIES)
    below = ""
    if "milestone" not in levels and plan.uses_level("milestone"):
        # (the diagram's own heading explains the mark; the report draws it without its heading)
        below = (
            " \u201cbelow: OG\u2026\u201d on a node lists the rule codes of the findings of its milestones, "
            "which are not drawn."
        )
    note = (
        f'<p class="warn">The diagram draws {large:,} nodes, too many to read whole at once: choose Actual '
        "size to read a finding's node; <code>outcome-graph render PLAN -o part.svg --focus ID</code> (or "
        "<code>--levels</code>, <code>--outcome</code>) draws part of the plan.</p>"
        if large
        else ""
    )
    return (
        '<section id="r-diagram"><h2>Logic model</h2>'
        f"<p>{html_text(drawn.capitalize())}, left to right. {legend + ' ' if legend else ''}Nodes with "
        "findings are outlined in the colour of the most serious one and show the rule codes, each marked by "
        f'its severity ({html_text(marks)}).{html_text(below)} <span class="screen-only">Select a finding\'s '
        'node above to find it here; select a node here to list its findings.</span><span class="print-only">On '
        "paper the diagram is shrunk to fit the page: <code>outcome-graph render PLAN -o part.pdf --findings --focus "
        "ID --page A3</code> draws one part of the plan on a page of its own (<code>render</code> says when a drawing "
        "fitted to a page comes out too small to read, and which part fits).</span>"
        f"</p>{note}"
        '<div class="tools"><button type="button" id="r-fit" aria-pressed="true">Fit to width</button> '
        '<button type="button" id="r-actual" aria-pressed="false">Actual size</button></div>'
        f'<div class="diagram fit" id="r-diagram-box">{svg}</div></section>'
    )


def _diagram_key(plan: Plan, facts: PlanFacts, opts: DiagramOptions) -> LegendKey:
    """The fills and chips the report's diagram draws, for its key."""
    from .diagram.labels import legend_key
    from .diagram.layout import build_model
    from .diagram.style import Palette

    return legend_key(plan, facts, Palette.of(plan), build_model(plan, facts, opts).nodes)


def _legend(plan: Plan, key: LegendKey | None = None) -> str:
    """The key of the diagram's fills: each outcome it draws (``key``; None: every outcome), the
    cross-cutting and untagged nodes where it draws some ("" where it draws none of them)."""
    from .diagram.style import CROSS, PALETTE

    shown = set(key.outcomes) if key is not None else {o.id for o in plan.framework.outcomes}
    # (each outcome's chip as the diagram draws it: its colour and its number)
    # (class "fill": the diagram's own fills, as light on a dark page, so with the diagram's dark text)
    items = [
        f'<span class="key fill" style="background:{PALETTE[i % len(PALETTE)][1]}"><span class="chip" '
        f'style="background:{PALETTE[i % len(PALETTE)][0]}">{i + 1}</span>{html_text(o.title)}</span>'
        for i, o in enumerate(plan.framework.outcomes)
        if o.id in shown
    ]
    if key is None or key.cross:
        items.append(
            f'<span class="key fill" style="background:{CROSS[1]}"><span class="chip" style="background:{CROSS[0]}"></span>'
            "cross-cutting</span>"
        )
    if key is None or key.untagged:
        items.append(
            '<span class="key fill" style="background:#fff;border:1px solid var(--line)">no outcome</span>'
        )
    if not items:
        return ""
    return "Outcomes (the fill, and a chip with the outcome's number): " + " ".join(items) + "."


def _short(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _day(d: date) -> str:
    return f"{d.day} {d.strftime('%B %Y')}"


_CSS = """
:root{--text:#1f2933;--muted:#525d68;--line:#d5dbe1;--bg:#f7f9fa;--error:#b71c1c;--warning:#7a5600;--info:#3b5ba5;
--gap:#fde2e1;--unmeasured:#fff1d6;--covered:#e3f4e8;--cross:#eef0f2;--link:#1f5fa8;
--page:#ffffff;--current:#fff8c5;--outside:#f3f4f6;--peak:#f8c4c0;--on-sev:#ffffff}
/* Dark, when the reader's system asks for it (on screen: paper is printed light). Every text colour
   keeps 4.5:1 on every background it sits on; the shades keep their hues (red, amber, green) and
   the severities theirs (red, amber, blue); the diagram keeps its light panel, its fills being
   those of the printed page. */
@media screen and (prefers-color-scheme:dark){
:root{color-scheme:dark;--text:#e6edf3;--muted:#a3adb8;--line:#3a434d;--bg:#182028;--error:#ff8a80;--warning:#e8b04a;
--info:#8fb3ff;--gap:#3b1f22;--unmeasured:#35290f;--covered:#16301f;--cross:#222a32;--link:#8cc4ff;
--page:#0f1419;--current:#3d3510;--outside:#1f262d;--peak:#5a2626;--on-sev:#0f1419}
.diagram{padding:8px}
}
*{box-sizing:border-box}
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--text);background:var(--page);margin:0 auto;max-width:1280px;padding:24px 28px 48px}
h1{font-size:1.7rem;margin:0 0 4px}h2{font-size:1.3rem;margin:32px 0 10px;border-bottom:2px solid var(--line);padding-bottom:4px}
.sub{color:var(--muted);margin:0 0 10px}.muted{color:var(--muted);font-weight:normal}
code{font:0.92em ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
/* One colour for every link, followed or not (the browser's blue and purple beside the contents' blue
   read as links of two kinds). */
a:link,a:visited{color:var(--link)}
.toc a{margin-right:16px}
.cards{display:flex;flex-wrap:wrap;gap:10px;margin:8px 0}
.card{border:1px solid var(--line);border-radius:8px;padding:8px 14px;min-width:110px;background:var(--bg)}
.card .num{display:block;font-size:1.5rem;font-weight:700}
.card.sev-error .num{color:var(--error)}.card.sev-warning .num{color:var(--warning)}.card.sev-info .num{color:var(--info)}
.glance{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(340px,100%),1fr));gap:10px 24px;margin:14px 0 6px}
.glance h3{font-size:1rem;margin:0 0 6px}.glance p{margin:4px 0}.glance ol,.glance ul{margin:0;padding-left:1.3em}
.glance ul.outcomes{list-style:none;padding:0}.glance .wide{grid-column:1/-1}
table.by-priority{width:auto;min-width:min(100%,560px)}table.by-priority caption{text-align:left;font-weight:600;padding-bottom:4px}
table.by-priority td{text-align:right;min-width:5.5em;font-variant-numeric:tabular-nums}table.by-priority td.none{color:var(--muted)}
table.by-priority td.sev-error{color:var(--error);font-weight:700}table.by-priority td.sev-warning{color:var(--warning);font-weight:700}table.by-priority td.sev-info{color:var(--info);font-weight:700}
table.by-priority th[scope=col]:not(:first-child){text-align:right}.glance li{margin:3px 0}.glance .key{min-width:7.5em;text-align:center}
dl.facts{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:2px 16px;margin:12px 0}dl.facts dt{color:var(--muted)}dl.facts dd{margin:0;overflow-wrap:anywhere}
.filters{display:flex;flex-wrap:wrap;gap:10px 16px;align-items:end;background:var(--bg);border:1px solid var(--line);border-radius:8px;padding:10px 12px;margin-bottom:10px;position:sticky;top:0;z-index:2}
@media (max-width:700px),(max-height:560px){.filters{position:static}}
.filters label{display:flex;flex-direction:column;font-size:.8rem;color:var(--muted)}
.filters label{max-width:100%}.filters select,.filters input{font:inherit;font-size:.9rem;padding:3px 4px;max-width:min(280px,100%)}
@media (max-width:480px){body{padding:12px 10px 32px}}
.filters button{font:inherit;padding:4px 10px}.shown{margin-left:auto;color:var(--muted);font-size:.9rem}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;vertical-align:top;padding:6px 8px;border-bottom:1px solid var(--line)}
table.findings td.node{width:14%}table.findings td.msg{width:46%}
.group-head th{background:var(--bg);border-top:2px solid var(--line);font-weight:600}
.group-head .count{float:right;color:var(--muted)}
.ntitle{color:var(--muted);font-size:.85rem}.hint{color:var(--muted);font-size:.85rem;margin-top:2px}
.where{font-size:.8rem;color:var(--muted);white-space:nowrap}
.badge{display:inline-block;border-radius:4px;padding:0 6px;font-size:.78rem;font-weight:700;color:var(--on-sev);white-space:nowrap}
.badge.sev-error{background:var(--error)}.badge.sev-warning{background:var(--warning)}.badge.sev-info{background:var(--info)}
tr.finding.sev-error td:first-child{border-left:4px solid var(--error)}
tr.finding.sev-warning td:first-child{border-left:4px solid var(--warning)}
tr.finding.sev-info td:first-child{border-left:4px solid var(--info)}
tr.finding.current{background:var(--current)}
/* On a phone each finding is a card: its node and rule code, then its words across the screen, then
   its priority, owners and place, each named (as a table it was four times the screen's width, the
   words a few to a line and the owners and rule off its right edge). */
@media screen and (max-width:600px){
 table.findings thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
 table.findings tr.finding{display:grid;grid-template-columns:minmax(0,1fr) auto;border-bottom:1px solid var(--line);padding:4px 0}
 table.findings tr.finding.hidden{display:none}
 table.findings tr.finding td{display:block;width:auto;border:none;padding:2px 8px}
 table.findings tr.finding td:first-child{border-left:none;grid-column:1;grid-row:1}
 table.findings tr.finding td:last-child{grid-column:2;grid-row:1;text-align:right}
 table.findings tr.finding td.msg{grid-column:1/-1}
 table.findings tr.finding td:nth-child(3),table.findings tr.finding td:nth-child(4),table.findings tr.finding td.where{grid-column:1/-1;font-size:.85rem}
 table.findings tr.finding td:nth-child(3):empty,table.findings tr.finding td:nth-child(4):empty,table.findings tr.finding td.where:empty{display:none}
 table.findings tr.finding td:nth-child(3)::before{content:"Priority: ";color:var(--muted)}
 table.findings tr.finding td:nth-child(4)::before{content:"Owners: ";color:var(--muted)}
 table.findings tr.finding td.where::before{content:"Where: "}
 tr.finding.sev-error{border-left:4px solid var(--error)}tr.finding.sev-warning{border-left:4px solid var(--warning)}tr.finding.sev-info{border-left:4px solid var(--info)}
 table.findings .group-head th{display:block}
}
.hidden{display:none}
.vh{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.scroll{overflow-x:auto;position:relative}
table.matrix td,table.matrix th{border:1px solid var(--line);text-align:center;font-size:.88rem}
table.matrix th[scope=row]{text-align:left;max-width:320px}
td.gap{background:var(--gap)}td.unmeasured{background:var(--unmeasured)}td.covered{background:var(--covered)}td.cross{background:var(--cross);color:var(--muted)}td.unserved{color:var(--muted)}
tr.total th,tr.total td{border-top:2px solid var(--text)}
.key{display:inline-block;padding:0 8px;border-radius:4px;margin:0 2px;font-size:.85rem}
.key .chip{display:inline-block;min-width:1.25em;height:1.25em;line-height:1.25em;margin:0 5px 0 -4px;text-align:center;color:#fff;font-weight:700;font-size:.8rem;border-radius:2px;vertical-align:-.15em}
.key.gap{background:var(--gap)}.key.unmeasured{background:var(--unmeasured)}.key.covered{background:var(--covered)}.key.unserved{border:1px solid var(--line)}
.key.fill{color:#1f2933}.key.over{background:var(--gap)}.key.peak{background:var(--peak)}.key.busy{background:var(--unmeasured)}
table.load td,table.load th{border:1px solid var(--line);text-align:center;font-size:.85rem;padding:4px 5px}
table.load th[scope=row]{text-align:left;min-width:220px}
/* Scrolled sideways to the later months, each row keeps its owner's name in view (the name went off
   the left edge, and a month's count was nobody's); a shadow marks the months passing under it. */
@media screen{table.load th:first-child{position:sticky;left:0;z-index:1;background:var(--page);box-shadow:1px 0 0 var(--line),3px 0 4px -2px rgba(0,0,0,.25)}}
table.load td.outside,table.load th.outside{background:var(--outside)}table.load td.peak{background:var(--peak);font-weight:700}table.load td.busy{background:var(--unmeasured)}
table.load td.total.over,table.load tr.over th{background:var(--gap)}
table.load caption{text-align:left;font-weight:600;padding:8px 0 2px}.print-only{display:none}
.warn{background:var(--unmeasured);padding:6px 10px;border-radius:6px}.ok{background:var(--covered);padding:8px 12px;border-radius:6px}
.notices{color:var(--muted)}
.tools{margin:6px 0}.tools button{font:inherit;padding:3px 10px}
.diagram{border:1px solid var(--line);border-radius:8px;overflow:auto;max-height:85vh;background:#fff}
.diagram.fit svg{width:100%;height:auto}
.diagram svg .og-node{cursor:pointer}.diagram svg .og-node:focus{outline:3px solid #1f6feb;outline-offset:2px}
.diagram svg g.og-highlight{filter:drop-shadow(0 0 6px #ffbf00) drop-shadow(0 0 12px #ffbf00)}
.diagram svg g.og-highlight a>path[fill=none],.diagram svg g.og-highlight a>polygon:not([stroke=transparent]),.diagram svg g.og-highlight a>polyline{stroke:#1f2933;stroke-width:4}
footer{margin-top:40px;color:var(--muted);font-size:.85rem;border-top:1px solid var(--line);padding-top:8px}
/* Printed on A4, which the print layout is made for (a browser set to US Letter printed a page more). */
@page{size:A4}
@media print{
 body{max-width:none;padding:0;font-size:10.5pt}
 .tools,.toc{display:none}
 .filters{position:static;border:none;padding:0}.filters label,.filters button{display:none}
 .scroll{overflow:visible}table.load td,table.load th{font-size:7pt;padding:1px 2px}table.load th[scope=row]{min-width:0}
 /* On A4 the findings' words get the width: the rule code's column goes (each group's heading names
    the rule and its severity, and the row's edge is in its colour), and the hints are smaller. */
 table.findings{font-size:9pt}table.findings th,table.findings td{padding:4px 5px}
 table.findings thead th:last-child,table.findings tr.finding td:last-child{display:none}
 table.findings td.node{width:17%}table.findings td.msg{width:52%}table.findings .hint,table.findings .ntitle{font-size:8pt}
 .screen-only{display:none}table.print-only{display:table;margin-bottom:8px}span.print-only{display:inline}
 /* The diagram is printed whole on the last page: the section takes the page (less the footer's
    lines), its heading and key at the top, and the drawing is shrunk into the rest, never enlarged
    (printed at the page's width, a large one ran over several pages, cut across its nodes). */
 #r-diagram{height:calc(100vh - 6em);display:flex;flex-direction:column;break-inside:avoid}
 #r-diagram>*{flex:none}#r-diagram>.diagram{flex:1 1 0;min-height:0;max-height:none;overflow:hidden;border:none;text-align:center}
 .diagram svg,.diagram.fit svg{width:auto;height:auto;max-width:100%;max-height:100%}
 footer{margin-top:1em;break-before:avoid;break-inside:avoid}
 section{break-inside:auto}h2{break-after:avoid}
 /* The summary is the first page, whole: the findings start a page of their own, and no part of
    the summary (nor a group's heading, from its first finding) is split across two pages. */
 .cards{display:inline-flex;gap:5px;margin:2px 0;vertical-align:top}.cards+.cards{margin-left:5px}
 .card{min-width:0;padding:2px 7px;font-size:8.5pt}.card .num{font-size:1.1rem}
 .glance .key{font-size:.9em}.glance{margin:8px 0 4px;gap:4px 18px;font-size:9pt}.glance>div,dl.facts{break-inside:avoid}.glance .wide{grid-column:auto}
 table.by-priority{min-width:0;width:100%}table.by-priority td,table.by-priority th{padding:2px 4px}table.by-priority td{min-width:0}
 dl.facts{grid-template-columns:max-content minmax(0,1fr) max-content minmax(0,1fr);font-size:9pt;margin:6px 0}
 /* Each section after the summary starts a page (the owner load began under the coverage matrix,
    its heading and key at the foot of a page, its table over the page). A table short enough for a
    page (class whole: Richmond's owner load, Thurrock's coverage matrix) is printed on one, moved
    to the next page rather than split, as is a year's table of the owner load after the first that
    fits a page (class page: Thurrock's); a longer one (a year of Southend's sixty-odd owners) is
    split between rows, its heading row repeated on each page. No heading or caption is left at the foot
    of a page, apart from what it heads. */
 #r-findings,#r-coverage,#r-owners,#r-diagram{break-before:page}tr.group-head{break-after:avoid}
 table.whole,table.page+table.page{break-inside:avoid}caption,h3{break-after:avoid}
 /* The coverage matrix's counts on a line each, smaller: its rows were four lines high, and
    Southend's eight priorities ran over a page. */
 table.matrix td,table.matrix th{font-size:8pt;padding:2px 4px}
 tr,.card{break-inside:avoid}thead{display:table-header-group}
 a,a:link,a:visited{color:inherit;text-decoration:none}
 *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
 .diagram svg g.og-highlight{filter:none}
}
"""

# The report's only script: filtering the findings table and linking findings and nodes.
_SCRIPT = r"""
(function () {
  "use strict";
  var form = document.getElementById("r-filters");
  var table = document.getElementById("r-findings-table");
  var shown = document.getElementById("r-shown");
  var box = document.getElementById("r-diagram-box");
  function value(name) {
    var el = form ? form.querySelector('[data-filter="' + name + '"]') : null;
    return el ? el.value.trim() : "";
  }
  function has(list, v) { return list.split("|").indexOf(v) >= 0; }
  function apply() {
    if (!table) { return; }
    var sev = value("severity"), rule = value("rule"), owner = value("owner"), prio = value("priority");
    // (set by a click on the diagram: the findings that node shows, its own and those of the
    // undrawn nodes below it it stands for)
    var node = value("node");
    var text = value("text").toLowerCase();
    var rows = table.querySelectorAll("tr.finding"), total = rows.length, visible = 0;
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i], ok = true;
      if (sev && r.getAttribute("data-severity") !== sev) { ok = false; }
      if (ok && rule && r.getAttribute("data-rule") !== rule) { ok = false; }
      if (ok && owner && !has(r.getAttribute("data-owners"), owner)) { ok = false; }
      if (ok && prio && !has(r.getAttribute("data-priorities"), prio)) { ok = false; }
      var on = r.getAttribute("data-drawn-on");  // (one id, or several joined by |)
      if (ok && node && on !== node && !has(on, node)) { ok = false; }
      if (ok && text && r.getAttribute("data-node").toLowerCase() !== text &&
          r.textContent.toLowerCase().indexOf(text) < 0) { ok = false; }
      r.classList.toggle("hidden", !ok);
      if (ok) { visible++; }
    }
    var groups = table.querySelectorAll("tbody.group");
    for (var j = 0; j < groups.length; j++) {
      groups[j].classList.toggle("hidden", !groups[j].querySelector("tr.finding:not(.hidden)"));
    }
    if (shown) { shown.textContent = visible + " of " + total + " findings"; }
  }
  // The filter bar sticks to the top of the window: what takes the focus scrolls into view below
  // it, not under it (where going back through the table's links by keyboard hid them).
  function pad() {
    var sticky = form && getComputedStyle(form).position === "sticky";
    document.documentElement.style.scrollPaddingTop = sticky ? (form.getBoundingClientRect().height + 8) + "px" : "";
  }
  pad();
  window.addEventListener("resize", pad);
  if (form) {
    form.addEventListener("submit", function (ev) { ev.preventDefault(); });
    form.addEventListener("input", function (ev) {
      var byNode = form.querySelector('[data-filter="node"]');
      if (byNode && ev.target.getAttribute("data-filter") === "text") { byNode.value = ""; }  // (typing ends it)
      apply();
    });
    form.addEventListener("change", apply);
    var clear = document.getElementById("r-clear");
    if (clear) {
      clear.addEventListener("click", function () {
        var fields = form.querySelectorAll("[data-filter]");
        for (var i = 0; i < fields.length; i++) { fields[i].value = ""; }
        apply();
      });
    }
  }
  var current = null;
  // (no smooth scrolling for those who asked their system for less motion)
  var motion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth";
  function highlight(id) {
    var el = document.getElementById(id);
    if (!el) { return false; }
    if (current) { current.classList.remove("og-highlight"); }
    if (el.tagName.toLowerCase() === "g") {
      el.classList.add("og-highlight");
      current = el;
    }
    el.scrollIntoView({block: "center", inline: "center", behavior: motion});
    return true;
  }
  document.addEventListener("click", function (ev) {
    // (a priority's name in the summary lists that priority's findings, and goes to them)
    var pick = ev.target.closest ? ev.target.closest("a[data-priority]") : null;
    var byPriority = form ? form.querySelector('[data-filter="priority"]') : null;
    if (pick && byPriority) {
      var fields = form.querySelectorAll("[data-filter]");
      for (var f = 0; f < fields.length; f++) { fields[f].value = ""; }
      byPriority.value = pick.getAttribute("data-priority");
      apply();
      return;
    }
    var link = ev.target.closest ? ev.target.closest("a.node-link") : null;
    if (link) {
      if (highlight(link.getAttribute("data-target"))) {
        ev.preventDefault();
        // The keyboard follows the link too: the node (or the owner's row) takes the focus.
        var to = document.getElementById(link.getAttribute("data-target"));
        if (to && to.getAttribute("tabindex") === null && to.tagName.toLowerCase() !== "g") { to.setAttribute("tabindex", "-1"); }
        if (to && to.focus) { to.focus({preventScroll: true}); }
        var rows = document.querySelectorAll("tr.finding.current");
        for (var i = 0; i < rows.length; i++) { rows[i].classList.remove("current"); }
        link.closest("tr").classList.add("current");
        if (history.replaceState) { history.replaceState(null, "", "#" + link.getAttribute("data-target")); }
      }
      return;
    }
    selectNode(ev.target.closest ? ev.target.closest("g.og-node") : null);
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key !== "Enter" && ev.key !== " ") { return; }
    var node = ev.target.closest ? ev.target.closest("g.og-node") : null;
    if (node) { ev.preventDefault(); selectNode(node); }
  });
  function selectNode(node) {
    if (node && box && box.contains(node) && form) {
      var title = node.querySelector("title");
      var input = form.querySelector('[data-filter="text"]');
      var byNode = form.querySelector('[data-filter="node"]');
      if (title && input) {
        input.value = title.textContent;
        if (byNode) { byNode.value = title.textContent; }
        apply();
        highlight(node.id);
        var first = table ? table.querySelector("tr.finding:not(.hidden)") : null;
        if (first) { first.scrollIntoView({block: "center", behavior: motion}); }
      }
    }
  }
  var fit = document.getElementById("r-fit"), actual = document.getElementById("r-actual");
  function size(fitted) {  // (each button says whether it is the size shown)
    box.classList.toggle("fit", fitted);
    fit.setAttribute("aria-pressed", String(fitted));
    actual.setAttribute("aria-pressed", String(!fitted));
  }
  if (fit && actual && box) {
    fit.addEventListener("click", function () { size(true); });
    actual.addEventListener("click", function () { size(false); });
  }
  if (location.hash.length > 1) {
    try { highlight(decodeURIComponent(location.hash.slice(1))); } catch (e) { /* not a node */ }
  }
  apply();
})();
"""
