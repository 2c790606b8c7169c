"""The logic model section: the plan's diagram drawn by Graphviz with the findings marked, made
ready to sit in the page (each node reachable by keyboard and named by its id), and its key."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...severity import SEVERITIES
from ..escape import html_text, svg_id

if TYPE_CHECKING:
    from ...config import Config
    from ...findings import Report
    from ...graph.facts import PlanFacts
    from ...model.plan import Plan
    from ..diagram.labels import LegendKey
    from ..diagram.options import DiagramOptions


@dataclass
class Drawing:
    """The report's diagram, or why it has none."""

    svg: str = ""
    empty: str | None = None  # why a diagram asked for has nothing to draw
    levels: tuple[str, ...] = ()  # the levels drawn
    key: LegendKey | None = None  # what the diagram's key explains: the fills and chips it draws
    large: int = 0  # the nodes of a diagram too large to read whole (0: not so large)


def draw(
    plan: Plan, facts: PlanFacts, findings: Report, config: Config | None, milestones: bool
) -> Drawing:
    """The plan's logic model with ``findings`` marked, as SVG to sit in the page.

    Raises RenderError when Graphviz is not installed, and warns (LargeDiagramWarning, on the
    line that asked for the report) when the diagram is too large to read whole.
    """
    from ...errors import RenderError
    from ..diagram import diagram_options, pipe, to_dot
    from ..diagram.layout import levels_for

    try:
        opts = diagram_options(plan, milestones=milestones, findings=findings, title=False)
        dot = to_dot(plan, opts, config=config)
        levels = levels_for(plan, facts, opts)
        key = _diagram_key(plan, facts, opts)
    except RenderError as exc:
        if not str(exc).startswith("nothing to draw"):
            raise
        return Drawing(empty=str(exc))
    try:
        drawn = pipe(dot, "svg")
    except RenderError as exc:
        if "was not found" not in str(exc):
            raise
        from ..diagram.rendering import GRAPHVIZ_SOURCES

        raise RenderError(
            "Graphviz's `dot` program was not found, and the report's diagram needs it: install "
            f"Graphviz ({GRAPHVIZ_SOURCES}), or leave the diagram out (report --no-diagram; "
            "diagram=False from Python)"
        ) from None
    from ..diagram.rendering import LARGE_DIAGRAM, LargeDiagramWarning, describe_nodes

    svg = _node_titles(_inline_svg(describe_nodes(drawn.decode("utf-8"))), plan)
    nodes = dot.count('class="og-node ')
    large = 0
    if nodes > LARGE_DIAGRAM:
        import warnings

        large = nodes
        warnings.warn(
            f"the report's diagram draws {nodes:,} nodes, too many to read whole; render "
            "--focus ID, --levels or --outcome draws part of the plan"
            + (" (and report --no-milestones draws fewer)" if milestones else ""),
            LargeDiagramWarning,
            stacklevel=3,  # (report_html's caller)
        )
    return Drawing(svg, None, levels, key, large)


def _inline_svg(svg: str) -> str:
    """Graphviz's SVG without its XML prolog, doctype and comments, ready to sit in HTML."""
    start = svg.find("<svg")
    body = svg[start:] if start >= 0 else svg
    body = re.sub(r"<!--.*?-->", "", body, flags=re.S)
    # A group, not an image: a screen reader reads the nodes' text, and each node can be reached
    # by keyboard (Enter lists its findings, as a click does).
    body = re.sub(r'(<g id="[^"]+" class="node[^"]*")>', r'\1 tabindex="0">', body)
    # The arrows say nothing a node's text does not (and were read out as "V->P1" one by one), and
    # Graphviz names the whole graph and each box by its DOT name ("cluster_0"): none of that is
    # read.
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


def svg_ids(svg: str) -> Iterable[str]:
    """The ids of the nodes drawn in the diagram's SVG."""
    for m in re.finditer(r'<g id="([^"]+)" class="node', svg):
        yield m.group(1).replace("&#45;", "-")


def diagram_section(
    plan: Plan,
    svg: str,
    wanted: bool,
    empty: str | None = None,
    levels: Sequence[str] = (),
    large: int = 0,
    key: LegendKey | None = None,
) -> str:
    """The diagram with what it shows and how to use it (or why it was left out)."""
    if empty is not None:
        return (
            '<section id="r-diagram"><h2>Logic model</h2>'
            f"<p>No diagram: {html_text(empty)}.</p></section>"
        )
    if not wanted:
        return (
            '<section id="r-diagram"><h2>Logic model</h2><p>The diagram was left out '
            "(draw it with <code>outcome-graph render PLAN -o logic-model.svg --findings</code>)."
            "</p></section>"
        )
    from ..diagram.options import PLURAL
    from ..diagram.style import SEVERITY_MARKS

    legend = _legend(plan, key)
    # (the levels drawn: a plan without a vision, or a report --no-milestones, has none of them
    # drawn)
    names = [PLURAL[lv] for lv in levels]
    drawn = (", ".join(names[:-1]) + " and " + names[-1]) if len(names) > 1 else "".join(names)
    marks = ", ".join(f"{SEVERITY_MARKS[s]} {s}" for s in SEVERITIES)
    below = ""
    if "milestone" not in levels and plan.uses_level("milestone"):
        # (the diagram's own heading explains the mark; the report draws it without its heading)
        below = (
            " \u201cbelow: OG\u2026\u201d on a node lists the rule codes of the findings of its "
            "milestones, which are not drawn."
        )
    note = (
        f'<p class="warn">The diagram draws {large:,} nodes, too many to read whole at once: '
        "choose Actual size to read a finding's node; "
        "<code>outcome-graph render PLAN -o part.svg --focus ID</code> (or "
        "<code>--levels</code>, <code>--outcome</code>) draws part of the plan.</p>"
        if large
        else ""
    )
    return (
        '<section id="r-diagram"><h2>Logic model</h2>'
        f"<p>{html_text(drawn.capitalize())}, left to right. {legend + ' ' if legend else ''}"
        "Nodes with findings are outlined in the colour of the most serious one and show the rule "
        f"codes, each marked by its severity ({html_text(marks)}).{html_text(below)} "
        '<span class="screen-only">Select a finding\'s node above to find it here; select a node '
        'here to list its findings.</span><span class="print-only">On paper the diagram is shrunk '
        "to fit the page: <code>outcome-graph render PLAN -o part.pdf --findings --focus ID "
        "--page A3</code> draws one part of the plan on a page of its own (<code>render</code> "
        "says when a drawing fitted to a page comes out too small to read, and which part fits)."
        f"</span></p>{note}"
        '<div class="tools"><button type="button" id="r-fit" aria-pressed="true">Fit to width'
        '</button> <button type="button" id="r-actual" aria-pressed="false">Actual size</button>'
        f'</div><div class="diagram fit" id="r-diagram-box">{svg}</div></section>'
    )


def _diagram_key(plan: Plan, facts: PlanFacts, opts: DiagramOptions) -> LegendKey:
    """The fills and chips the report's diagram draws, for its key."""
    from ..diagram.labels import legend_key
    from ..diagram.layout import build_model
    from ..diagram.style import Palette

    return legend_key(plan, facts, Palette.of(plan), build_model(plan, facts, opts).nodes)


def _legend(plan: Plan, key: LegendKey | None = None) -> str:
    """The key of the diagram's fills: each outcome it draws (``key``; None: every outcome), the
    cross-cutting and untagged nodes where it draws some ("" where it draws none of them)."""
    from ..diagram.style import CROSS, PALETTE

    shown = set(key.outcomes) if key is not None else {o.id for o in plan.framework.outcomes}
    # (each outcome's chip as the diagram draws it: its colour and its number)
    # (class "fill": the diagram's own fills, as light on a dark page, so with the diagram's dark
    # text)
    items = [
        f'<span class="key fill" style="background:{PALETTE[i % len(PALETTE)][1]}">'
        f'<span class="chip" style="background:{PALETTE[i % len(PALETTE)][0]}">{i + 1}</span>'
        f"{html_text(o.title)}</span>"
        for i, o in enumerate(plan.framework.outcomes)
        if o.id in shown
    ]
    if key is None or key.cross:
        items.append(
            f'<span class="key fill" style="background:{CROSS[1]}">'
            f'<span class="chip" style="background:{CROSS[0]}"></span>cross-cutting</span>'
        )
    if key is None or key.untagged:
        items.append(
            '<span class="key fill" style="background:#fff;border:1px solid var(--line)">'
            "no outcome</span>"
        )
    if not items:
        return ""
    return "Outcomes (the fill, and a chip with the outcome's number): " + " ".join(items) + "."
