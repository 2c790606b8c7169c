"""Logic-model diagrams: the plan as Graphviz DOT, rendered to SVG, PNG or PDF.

The logic model reads left to right (or top to bottom): the vision, the priorities, their aims,
objectives, optionally milestones, and the indicators that measure them, one rank per level. Each
priority is a cluster; nodes are coloured by outcome (a tint for one outcome, colour chips for
several; cross-cutting and untagged nodes stay neutral) and explained by a legend. Long titles wrap;
a title cut short ends with an ellipsis and the whole text is in the node's tooltip. In SVG every node
carries ``id="og-<node id>"`` (see :func:`outcome_graph.output.escape.svg_id`), a ``class`` naming its
kind, and a tooltip.

With findings, nodes are outlined in the colour of their worst finding and badged with the rule
codes; orphans and nodes whose parent does not exist sit in an "Unattached" cluster; a reference to a
missing parent or indicator is a dashed red edge to a placeholder node.

Views of a large plan: ``focus`` (a node, its ancestors and descendants), ``levels`` (which levels to
draw), ``outcome`` (one outcome's slice) and ``owners`` (owners linked to the milestones they lead,
sized by load). Every piece of plan text is escaped (:mod:`outcome_graph.output.escape`).
"""

from __future__ import annotations

import math
import os
import textwrap
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TypeVar, overload

from ..errors import ConfigError, RenderError
from .escape import dot_html, dot_id, dot_tooltip, svg_id

_T = TypeVar("_T")

if TYPE_CHECKING:
    from ..config import Config
    from ..findings import Finding, Report
    from ..graph.facts import PlanFacts
    from ..model.plan import Plan

__all__ = [
    "DIAGRAM_LEVELS",
    "FORMATS",
    "DiagramOptions",
    "diagram_options",
    "format_for_path",
    "parse_levels",
    "pipe",
    "render",
    "to_dot",
    "GRAPHVIZ_HINT",
]

#: The levels a logic-model diagram can draw, left to right.
DIAGRAM_LEVELS: tuple[str, ...] = ("vision", "priority", "aim", "objective", "milestone", "indicator")
#: Output formats, by file suffix.
FORMATS: dict[str, str] = {".svg": "svg", ".png": "png", ".pdf": "pdf", ".dot": "dot", ".gv": "dot"}
GRAPHVIZ_HINT = (
    "install Graphviz to draw {fmt} files (Debian/Ubuntu: apt-get install graphviz; Fedora: dnf install "
    "graphviz; macOS: brew install graphviz; Windows: winget install graphviz), or write a .dot file "
    "and render it elsewhere"
)

_LEVEL_WORDS = {
    "vision": "vision", "visions": "vision",
    "priority": "priority", "priorities": "priority", "pillar": "priority", "pillars": "priority",
    "theme": "priority", "themes": "priority",
    "aim": "aim", "aims": "aim", "commitment": "aim", "commitments": "aim",
    "objective": "objective", "objectives": "objective", "target": "objective", "targets": "objective",
    "benefit": "objective", "benefits": "objective",
    "milestone": "milestone", "milestones": "milestone", "action": "milestone", "actions": "milestone",
    "indicator": "indicator", "indicators": "indicator", "measure": "indicator", "measures": "indicator",
}
_PLURAL = {"vision": "vision", "priority": "priorities", "aim": "aims", "objective": "objectives",
           "milestone": "milestones", "indicator": "indicators"}

# --- look -------------------------------------------------------------------------------------
FONT = "Helvetica"
# Strong colour (chips, legend) and tint (fill) for the outcomes of a framework, in its order
# (Okabe-Ito based: distinguishable with the common colour-vision deficiencies).
_PALETTE: tuple[tuple[str, str], ...] = (
    ("#009E73", "#DDF3EA"),  # bluish green   (ECM: be healthy)
    ("#0072B2", "#CFE1F2"),  # blue           (stay safe)
    ("#E69F00", "#FCF0D4"),  # orange         (enjoy and achieve)
    ("#CC79A7", "#F7E5EF"),  # reddish purple (positive contribution)
    ("#56B4E9", "#E0F5F8"),  # sky blue       (economic well-being; its tint apart from stay safe's)
    ("#8C6D31", "#EFE8DA"),
    ("#7F7F7F", "#EDEDED"),
    ("#B15928", "#F6E4D8"),
)
_CROSS = ("#9AA3AB", "#EEF0F2")  # cross-cutting: grey chip, grey fill
_UNTAGGED_FILL = "#FFFFFF"
_BORDER = "#8A96A3"
_TEXT = "#1F2933"
_MUTED = "#5F6B76"
SEVERITY_COLOURS = {"error": "#C62828", "warning": "#C2410C", "info": "#3B5BA5"}  # (white text on each: 4.5:1 or more)
_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
_OUTLINE = {"error": 3, "warning": 2, "info": 1}


@dataclass(frozen=True)
class _KindStyle:
    size: float  # font size of the title
    wrap: int  # characters per line
    lines: int  # most lines before an ellipsis
    bold: bool = False


_STYLES: dict[str, _KindStyle] = {
    "vision": _KindStyle(13, 30, 9, True),
    "priority": _KindStyle(13, 26, 5, True),
    "aim": _KindStyle(11, 34, 4),
    "objective": _KindStyle(10, 44, 3),
    "milestone": _KindStyle(9, 46, 3),
    "indicator": _KindStyle(9, 32, 3),  # (titles of one family of indicators differ late in the text)
}


# --- options ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class DiagramOptions:
    """What a diagram shows.

    Attributes
    ----------
    levels : tuple of str, optional
        The levels to draw (of :data:`DIAGRAM_LEVELS`); by default every level the plan uses but
        milestones.
    milestones : bool
        Draw milestones too (added to ``levels``).
    focus : str, optional
        A node id: draw it with its ancestors, its descendants and their indicators.
    outcome : str, optional
        A framework outcome id (``be_healthy``): draw the nodes serving it, with their ancestors.
    owners : bool
        The owner view instead of the logic model.
    direction : ``"LR"`` or ``"TB"``
        Left to right (default) or top to bottom.
    findings : Report, optional
        Findings to mark on the nodes.
    title : bool
        Draw the plan's title and the legend above the diagram.
    """

    levels: tuple[str, ...] | None = None
    milestones: bool = False
    focus: str | None = None
    outcome: str | None = None
    owners: bool = False
    direction: Literal["LR", "TB"] = "LR"
    findings: Report | None = None
    title: bool = True


def parse_levels(value: str | Iterable[str]) -> tuple[str, ...]:
    """Level names (``"priority,aim,objective"`` or a list; plurals and synonyms accepted), in order.

    >>> parse_levels("objectives, aims,priority")
    ('priority', 'aim', 'objective')
    >>> parse_levels("aimz")
    Traceback (most recent call last):
    ...
    outcome_graph.errors.ConfigError: unknown level 'aimz': did you mean 'aim'? (levels: vision, priority, aim, objective, milestone, indicator)
    """
    from ..loading.suggest import nearest

    words = value.replace(",", " ").split() if isinstance(value, str) else [w for v in value for w in v.replace(",", " ").split()]
    if not words:
        raise ConfigError(f"no level given (levels: {', '.join(DIAGRAM_LEVELS)})")
    chosen: set[str] = set()
    for word in words:
        level = _LEVEL_WORDS.get(word.strip().lower())
        if level is None:
            guess = nearest(word, DIAGRAM_LEVELS) or nearest(word, list(_LEVEL_WORDS))
            guess = _LEVEL_WORDS.get(guess, guess) if guess else None
            raise ConfigError(
                f"unknown level {word!r}" + (f": did you mean {guess!r}?" if guess else "")
                + f" (levels: {', '.join(DIAGRAM_LEVELS)})"
            )
        chosen.add(level)
    return tuple(lv for lv in DIAGRAM_LEVELS if lv in chosen)


def diagram_options(plan: Plan, *, levels: str | Iterable[str] | None = None, milestones: bool = False,
                    focus: str | None = None, outcome: str | None = None, owners: bool = False,
                    direction: str = "LR", findings: Report | None = None, title: bool = True) -> DiagramOptions:
    """Validated :class:`DiagramOptions` for a plan: unknown levels, node ids and outcomes are
    :class:`~outcome_graph.errors.ConfigError` naming the nearest valid value."""
    from ..loading.suggest import nearest

    lv = parse_levels(levels) if levels is not None else None
    if focus is not None and focus not in plan.nodes:
        ids = list(plan.nodes)
        by_lower = {i.lower(): i for i in ids}
        guess = by_lower.get(focus.strip().lower()) or nearest(focus, ids)
        raise ConfigError(f"focus: no node {focus!r} in the plan" + (f": did you mean {guess!r}?" if guess else ""))
    out_id = None
    if outcome is not None:
        fw = plan.framework
        key = outcome.strip().lower().replace(" ", "_").replace("-", "_")
        for o in fw.outcomes:
            if key in (o.id, o.title.lower().replace(" ", "_"), o.short.lower().replace(" ", "_")):
                out_id = o.id
        if out_id is None:
            guess = nearest(key, fw.ids)
            raise ConfigError(
                f"--outcome: {outcome!r} is not an outcome of the {fw.title} framework"
                + (f": did you mean {guess!r}?" if guess else "") + f" (outcomes: {', '.join(fw.ids)})"
            )
    d = direction.strip().upper()
    if d not in ("LR", "TB"):
        raise ConfigError(f"--direction must be LR (left to right) or TB (top to bottom), not {direction!r}")
    return DiagramOptions(levels=lv, milestones=milestones, focus=focus, outcome=out_id, owners=owners,
                          direction=d, findings=findings, title=title)  # type: ignore[arg-type]


def format_for_path(path: str | os.PathLike[str]) -> str:
    """The output format a file name asks for (by its suffix).

    >>> format_for_path("logic-model.SVG"), format_for_path("plan.gv")
    ('svg', 'dot')
    """
    suffix = Path(path).suffix.lower()
    fmt = FORMATS.get(suffix)
    if fmt is None:
        if not suffix:
            raise ConfigError(f"{os.fspath(path)!r} is neither an output format (svg, png, pdf, dot) nor a file "
                              "name ending in .svg, .png, .pdf or .dot")
        raise ConfigError(f"{os.fspath(path)}: cannot tell the format from the suffix {suffix!r}; "
                          "use .svg, .png, .pdf or .dot")
    return fmt


# --- DOT building -----------------------------------------------------------------------------
class _Html(str):
    """An HTML-like label, already escaped: written between ``<`` and ``>``."""


class _Dot:
    """A DOT document being written; every value goes through the escaping functions."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.depth = 1

    @staticmethod
    def attrs(values: dict[str, object]) -> str:
        parts = []
        for key, value in values.items():
            if value is None:
                continue
            if isinstance(value, _Html):
                parts.append(f"{key}=<{value}>")
            elif key == "tooltip":
                parts.append(f"{key}={dot_tooltip(value)}")
            elif isinstance(value, bool):
                parts.append(f"{key}={'true' if value else 'false'}")
            elif isinstance(value, (int, float)):
                parts.append(f"{key}={_num(value)}")
            else:
                parts.append(f"{key}={dot_id(value)}")
        return "[" + ", ".join(parts) + "]" if parts else ""

    def line(self, text: str) -> None:
        self.lines.append("  " * self.depth + text)

    def defaults(self, what: str, values: dict[str, object]) -> None:
        self.line(f"{what} {self.attrs(values)};")

    def node(self, name: str, values: dict[str, object]) -> None:
        self.line(f"{dot_id(name)} {self.attrs(values)};".replace(" ;", ";"))

    def edge(self, tail: str, head: str, values: dict[str, object]) -> None:
        self.line(f"{dot_id(tail)} -> {dot_id(head)} {self.attrs(values)};".replace(" ;", ";"))

    def open(self, header: str) -> None:
        self.line(header + " {")
        self.depth += 1

    def close(self) -> None:
        self.depth -= 1
        self.line("}")

    def text(self, name: str, graph_attrs: Mapping[str, object]) -> str:
        head = [f"digraph {dot_id(name)} {{"]
        for key, value in graph_attrs.items():
            if value is not None:
                head.append(f"  {self.attrs({key: value})[1:-1]};")
        return "\n".join([*head, *self.lines, "}"]) + "\n"


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}".rstrip("0")


def _wrap(text: str, width: int, max_lines: int) -> tuple[list[str], bool]:
    """Lines of at most ``width`` characters (long words broken); cut at ``max_lines`` with ``…``."""
    words = " ".join(text.split())
    lines = textwrap.wrap(words, width=width, break_long_words=True, break_on_hyphens=True) or [""]
    if len(lines) <= max_lines:
        return lines, False
    kept = lines[:max_lines]
    last = kept[-1]
    if len(last) > width - 2:
        last = last[: width - 2].rstrip()
    kept[-1] = last.rstrip(" ,;:.-") + " …"
    return kept, True


def _html_lines(lines: Sequence[str]) -> str:
    return "<BR/>".join(dot_html(line) for line in lines)


@dataclass
class _Palette:
    colours: dict[str, tuple[str, str]]
    titles: dict[str, str]

    @classmethod
    def of(cls, plan: Plan) -> _Palette:
        fw = plan.framework
        colours = {o.id: _PALETTE[i % len(_PALETTE)] for i, o in enumerate(fw.outcomes)}
        return cls(colours, {o.id: o.title for o in fw.outcomes})

    def fill(self, outcomes: Sequence[str], cross: bool) -> str:
        if cross:
            return _CROSS[1]
        if len(outcomes) == 1 and outcomes[0] in self.colours:
            return self.colours[outcomes[0]][1]
        return _UNTAGGED_FILL if not outcomes else "#FAFAFA"

    def chips(self, outcomes: Sequence[str], cross: bool, size: int = 9) -> str:
        colours = [_CROSS[0]] if cross else [self.colours[o][0] for o in outcomes if o in self.colours]
        if not colours:
            return ""
        cells = "".join(
            f'<TD WIDTH="{size}" HEIGHT="{size}" FIXEDSIZE="TRUE" BGCOLOR="{c}"></TD>' for c in colours
        )
        return f'<TABLE BORDER="0" CELLSPACING="2" CELLPADDING="0"><TR>{cells}</TR></TABLE>'


def _badges(findings: Sequence[Finding], size: float = 8, most: int = 5) -> str:
    """Rule codes as coloured tags (``● OG102``), the most serious first, for an HTML-like label."""
    codes: dict[str, str] = {}
    for f in sorted(findings, key=lambda f: (_SEVERITY_ORDER.get(f.severity, 3), f.rule)):
        codes.setdefault(f.rule, f.severity)
    items = list(codes.items())
    tags = [
        f'<FONT COLOR="{SEVERITY_COLOURS.get(sev, _MUTED)}"><B>● {dot_html(code)}</B></FONT>'
        for code, sev in items[:most]
    ]
    if len(items) > most:
        tags.append(f'<FONT COLOR="{_MUTED}">+{len(items) - most}</FONT>')
    return f'<FONT POINT-SIZE="{_num(size)}">{"  ".join(tags)}</FONT>'


def _worst(findings: Iterable[Finding]) -> str | None:
    sev = sorted((f.severity for f in findings), key=lambda s: _SEVERITY_ORDER.get(s, 3))
    return sev[0] if sev else None


# --- the logic model --------------------------------------------------------------------------
@dataclass
class _Model:
    """What the logic-model view draws."""

    levels: tuple[str, ...]
    nodes: list[str] = field(default_factory=list)
    edges: list[tuple[str, str, str]] = field(default_factory=list)  # tail, head, type
    cluster: dict[str, str | None] = field(default_factory=dict)  # node -> priority id, "unattached" or None
    placeholders: dict[str, tuple[str, str]] = field(default_factory=dict)  # name -> (missing id, level)
    rolled: dict[str, list[Finding]] = field(default_factory=dict)  # findings of undrawn nodes below
    # Indicators of the view left out because every node they measure is hidden with nothing
    # drawn above it (--levels objective,indicator where they measure aims), with those kinds.
    unplaced: dict[str, set[str]] = field(default_factory=dict)


_UNATTACHED = "\x00unattached"


def _levels_for(plan: Plan, facts: PlanFacts, opts: DiagramOptions) -> tuple[str, ...]:
    used = facts.levels_used
    if opts.levels is not None:
        wanted = set(opts.levels)
    else:
        wanted = set(DIAGRAM_LEVELS) - {"milestone"}
    if opts.milestones:
        wanted.add("milestone")
    if opts.focus is not None:
        wanted.add(plan.nodes[opts.focus].kind)
    levels = tuple(lv for lv in DIAGRAM_LEVELS if lv in wanted and lv in used)
    if not levels:
        asked = ", ".join(lv for lv in DIAGRAM_LEVELS if lv in wanted)
        has = ", ".join(_PLURAL[lv] for lv in DIAGRAM_LEVELS if lv in used) or "no nodes"
        raise RenderError(f"nothing to draw: the plan has no {asked} (it has {has})")
    return levels


def home_priorities(plan: Plan, facts: PlanFacts) -> dict[str, str | None]:
    """Each hierarchy node's priority (the nearest priority above, or itself), ``_UNATTACHED`` for a
    node with no way up to the plan's top level, ``None`` when the plan has no priorities."""
    from ..model.document import LEVELS

    used = facts.levels_used
    top = next((lv for lv in LEVELS[1:] if lv in used), None)
    nodes = plan.nodes
    parents = facts.parents
    nearest: dict[str, str | None] = {}  # node -> its nearest ancestor on the top level

    def nearest_top(node_id: str) -> str | None:
        # Below a node with a single parent, the nearest top-level ancestor is that parent's (or
        # the parent itself): walk such a chain up once and share the answer along it. A node
        # with several parents is searched breadth first, as facts.ancestors orders them.
        chain: list[str] = []
        on_chain: set[str] = set()
        n = node_id
        while n not in nearest:
            chain.append(n)
            on_chain.add(n)
            above = parents.get(n, ())
            if len(above) != 1:
                nearest[n] = next((a for a in facts.ancestors(n) if nodes[a].kind == top), None)
            elif nodes[above[0]].kind == top:
                nearest[n] = above[0]
            elif above[0] in on_chain:  # a cycle with no top-level node in it
                nearest[n] = None
            else:
                n = above[0]
        found = nearest[n]
        for c in chain:
            nearest[c] = found
        return found

    home: dict[str, str | None] = {}
    for node in nodes.values():
        if node.kind in ("vision", "indicator"):
            continue
        if node.kind == top:
            home[node.id] = node.id if node.kind == "priority" else None
        elif (found := nearest_top(node.id)) is None:
            home[node.id] = None if top is None else _UNATTACHED
        else:
            home[node.id] = found if top == "priority" else None
    return home


def _model(plan: Plan, facts: PlanFacts, opts: DiagramOptions) -> _Model:
    levels = _levels_for(plan, facts, opts)
    model = _Model(levels)
    kinds = set(levels)
    vision = facts.vision_id

    def parents_of(node_id: str) -> tuple[str, ...]:
        ps = plan.parents.get(node_id, ())
        if not ps and plan.nodes[node_id].kind == "priority" and vision is not None:
            return (vision,)
        return ps

    # Which nodes: the levels asked for, narrowed by focus and outcome.
    candidates = {n for n, node in plan.nodes.items() if node.kind in kinds}
    measured_by = facts.measured_by
    selection: set[str] | None = None  # the nodes focus and outcome keep, whatever their level
    if opts.focus is not None:
        f = opts.focus
        keep = {f, *facts.ancestors(f), *facts.descendants(f)}
        if plan.nodes[f].kind == "indicator":
            for m in facts.measures.get(f, []):
                keep |= {m, *facts.ancestors(m)}
        else:
            keep |= {i for n in list(keep) for i in measured_by.get(n, [])}
        if vision is not None and any(plan.nodes[k].kind == "priority" for k in keep):
            keep.add(vision)
        candidates &= keep
        selection = keep
    if opts.outcome is not None:
        tagged = {
            n for n, node in plan.nodes.items()
            if node.kind not in ("indicator", "vision") and opts.outcome in facts.outcomes.get(n, ())
        }
        keep = set(tagged)
        for n in tagged:
            keep.update(facts.ancestors(n))
            keep.update(measured_by.get(n, []))
        if vision is not None and tagged:
            keep.add(vision)
        candidates &= keep
        selection = keep if selection is None else selection & keep
    # Indicators appear when something drawn (or drawn on behalf of a hidden level) lists them.
    drawn = {n for n in candidates if plan.nodes[n].kind != "indicator"}

    def nearest_drawn(node_id: str) -> list[str]:
        """The drawn nodes standing for ``node_id``: itself, else the nearest drawn ancestors."""
        if node_id in drawn:
            return [node_id]
        out: list[str] = []
        seen = {node_id}
        frontier = [p for p in parents_of(node_id) if p in plan.nodes]
        while frontier:
            nxt: list[str] = []
            for p in frontier:
                if p in seen:
                    continue
                seen.add(p)
                if p in drawn:
                    out.append(p)
                else:
                    nxt.extend(q for q in parents_of(p) if q in plan.nodes)
            frontier = nxt
        return out

    ind_edges: dict[tuple[str, str, str], None] = {}  # an ordered set
    used_indicators: set[str] = set()
    if "indicator" in kinds:
        for node_id, inds in measured_by.items():
            if plan.nodes[node_id].kind not in ("priority", "aim", "objective", "milestone"):
                continue
            if opts.focus is None and opts.outcome is None:
                sources = nearest_drawn(node_id)
            else:
                sources = [node_id] if node_id in drawn else []
            for i in inds:
                if i not in candidates:
                    continue
                for s in sources:
                    ind_edges[(s, i, "measure")] = None
                    used_indicators.add(i)
        if opts.focus is None and opts.outcome is None:
            # A declared indicator that measures nothing is drawn (unattached).
            used_indicators |= {i for i in candidates if plan.nodes[i].kind == "indicator" and i not in facts.measures}
        elif opts.focus is not None and plan.nodes[opts.focus].kind == "indicator":
            used_indicators.add(opts.focus)
        for i in candidates:
            if i not in used_indicators and plan.nodes[i].kind == "indicator" and i in facts.measures:
                model.unplaced[i] = {plan.nodes[m].kind for m in facts.measures[i] if m in plan.nodes}
    model.nodes = [n for n in plan.nodes if n in drawn or n in used_indicators]
    if not model.nodes and plan.nodes:
        if opts.outcome is not None:
            title = plan.framework.outcome(opts.outcome).title
            why = (f"no node of the plan serves '{title}'" if not facts.outcomes_stated else
                   f"no node at the levels drawn serves '{title}'")
            if not facts.outcomes_stated:
                why += " (the plan tags no priority, aim, objective or milestone with an outcome)"
        else:
            why = f"the plan has no node at the levels drawn ({', '.join(levels)})"
        raise RenderError(f"nothing to draw: {why}")

    # Hierarchy edges, climbing over hidden levels; a parent that does not exist is a placeholder.
    for n in model.nodes:
        if plan.nodes[n].kind == "indicator":
            continue
        for p in plan.parents.get(n, ()):
            if p not in plan.nodes:
                name = f"missing: {p}"
                if name not in model.placeholders:
                    model.placeholders[name] = (p, _level_above(levels, plan.nodes[n].kind))
                model.edges.append((name, n, "broken"))
        seen_parents: list[str] = []
        for p in parents_of(n):
            if p not in plan.nodes:
                continue
            for d in nearest_drawn(p):
                if d != n and d not in seen_parents:
                    seen_parents.append(d)
                    model.edges.append((d, n, "hierarchy"))
    model.edges.extend(ind_edges)
    # Indicators that are referenced but exist nowhere: placeholders in the indicator column.
    if "indicator" in kinds:
        edges = set(model.edges)
        for b in list(facts.broken):
            if b.field == "indicators" and b.source in drawn:
                name = f"missing indicator: {b.target}"
                if name not in model.placeholders:
                    model.placeholders[name] = (b.target, "indicator")
                edge = (b.source, name, "broken")
                if edge not in edges:
                    edges.add(edge)
                    model.edges.append(edge)

    # Clusters: each priority's branch; indicators with their priority when they have only one.
    home = home_priorities(plan, facts)
    for n in model.nodes:
        kind = plan.nodes[n].kind
        if kind == "vision":
            model.cluster[n] = None
        elif kind == "indicator":
            # With the first node that lists it (drawn ones first): an indicator shared by two
            # priorities sits with the first, and the edge from the second crosses over.
            measuring = facts.measures.get(n, [])
            drawn_first = [m for m in measuring if m in drawn] + [m for m in measuring if m not in drawn]
            model.cluster[n] = home.get(drawn_first[0]) if drawn_first else _UNATTACHED
        else:
            model.cluster[n] = home.get(n)
    # A placeholder sits with the first node it points to, else the first node pointing to it.
    first_head: dict[str, str] = {}
    first_tail: dict[str, str] = {}
    for tail, head, _kind in model.edges:
        first_head.setdefault(tail, head)
        first_tail.setdefault(head, tail)
    for name in model.placeholders:
        end = first_head.get(name, first_tail.get(name))
        model.cluster[name] = model.cluster.get(end) if end is not None else None

    # Findings of nodes on a level not drawn go to the drawn node standing for them.
    if opts.findings is not None:
        shown = set(model.nodes)
        for finding in opts.findings.findings:
            nid = finding.node
            if (nid in plan.nodes and nid not in shown and plan.nodes[nid].kind not in kinds
                    and plan.nodes[nid].kind != "indicator" and (selection is None or nid in selection)):
                for d in nearest_drawn(nid):
                    if d in shown:
                        model.rolled.setdefault(d, []).append(finding)
    return model


def _indicator_columns(plan: Plan, model: _Model) -> dict[str, int]:
    """Spread a cluster's indicators over up to three columns when they far outnumber its other
    nodes (a column of ninety indicators beside twelve objectives makes a diagram ten times taller
    than it is wide). Returns indicator -> column (0, 1 or 2)."""
    members: dict[str | None, list[str]] = defaultdict(list)
    for n in model.nodes:
        members[model.cluster.get(n)].append(n)
    out: dict[str, int] = {}
    for nodes in members.values():
        indicators = [n for n in nodes if plan.nodes[n].kind == "indicator"]
        per_level: dict[str, int] = defaultdict(int)
        for n in nodes:
            if plan.nodes[n].kind != "indicator":
                per_level[plan.nodes[n].kind] += 1
        tallest = max(per_level.values(), default=0)
        k = min(3, math.ceil(len(indicators) / max(tallest * 1.5, 8)))
        if k > 1:
            for i, n in enumerate(indicators):
                out[n] = i % k
    return out


def _level_above(levels: tuple[str, ...], kind: str) -> str:
    if kind in levels:
        i = levels.index(kind)
        return levels[i - 1] if i > 0 else kind
    return kind


def _node_tooltip(plan: Plan, facts: PlanFacts, node_id: str, findings: Sequence[Finding], rolled: Sequence[Finding]) -> str:
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
        lines.append(f"Below it, not drawn: {len(rolled)} finding{'s' if len(rolled) != 1 else ''} "
                     f"({', '.join(sorted({f.rule for f in rolled}))})")
    return "\n".join(lines)


def _node_label(plan: Plan, facts: PlanFacts, node_id: str, palette: _Palette, findings: Sequence[Finding],
                rolled: Sequence[Finding]) -> tuple[_Html, bool, str]:
    """The HTML-like label of a node, whether the title was cut, and the node's fill."""
    node = plan.nodes[node_id]
    kind = node.kind
    style = _STYLES[kind]
    outs = facts.outcomes.get(node_id, ())
    cross = node_id in facts.cross_cutting
    lines, cut = _wrap(node.title, style.wrap, style.lines)
    fill = palette.fill(outs, cross)
    text_colour = _TEXT
    id_colour = _MUTED
    if kind == "vision":
        fill, text_colour, id_colour = "#1F3A5F", "#FFFFFF", "#C9D6E3"
    header = dot_html(node_id)
    if node.number and node.number != node_id:
        header += f" · {dot_html(node.number)}"
    title = _html_lines(lines)
    if style.bold:
        title = f"<B>{title}</B>"
    chips = palette.chips(outs, cross) if kind != "vision" or outs else ""
    rows = [
        f'<TR><TD ALIGN="LEFT" BALIGN="LEFT"><FONT POINT-SIZE="{_num(max(style.size - 2, 7.5))}" COLOR="{id_colour}">{header}</FONT></TD>'
        f'<TD ALIGN="RIGHT">{chips}</TD></TR>',
        f'<TR><TD COLSPAN="2" ALIGN="LEFT" BALIGN="LEFT"><FONT POINT-SIZE="{_num(style.size)}" COLOR="{text_colour}">{title}</FONT></TD></TR>',
    ]
    if findings:
        rows.append(f'<TR><TD COLSPAN="2" ALIGN="LEFT">{_badges(findings)}</TD></TR>')
    if rolled:
        below = sorted({f.rule for f in rolled})
        text = "below: " + " ".join(below[:4]) + (f" +{len(below) - 4}" if len(below) > 4 else "")
        colour = SEVERITY_COLOURS.get(_worst(rolled) or "info", _MUTED)
        rows.append(f'<TR><TD COLSPAN="2" ALIGN="LEFT"><FONT POINT-SIZE="7.5" COLOR="{colour}">{dot_html(text)}</FONT></TD></TR>')
    worst = _worst(findings)
    if kind == "indicator":
        table = f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">{"".join(rows)}</TABLE>'
    else:
        border = SEVERITY_COLOURS[worst] if worst else ("#1F3A5F" if kind == "vision" else _BORDER)
        width = _OUTLINE[worst] if worst else (2 if kind == "priority" else 1)
        table = (
            f'<TABLE BORDER="{width}" COLOR="{border}" BGCOLOR="{fill}" STYLE="ROUNDED" CELLBORDER="0" '
            f'CELLSPACING="0" CELLPADDING="{4 if kind in ("vision", "priority") else 3}">{"".join(rows)}</TABLE>'
        )
    return _Html(table), cut, fill


def _unplaced_note(model: _Model) -> str | None:
    """What the view leaves out of the indicators it was asked to draw, and why (None: nothing)."""
    if not model.unplaced:
        return None
    kinds = [lv for lv in DIAGRAM_LEVELS if any(lv in ks for ks in model.unplaced.values())]
    n = len(model.unplaced)
    what = " or ".join(_PLURAL[k] for k in kinds)
    return (f"{n} indicator{' is' if n == 1 else 's are'} not drawn: {'it measures' if n == 1 else 'they measure'} "
            f"only {what}, which this view leaves out (add {' and '.join(kinds)} to the levels to show "
            f"{'it' if n == 1 else 'them'}).")


_PLAN_WIDE_SHOWN = 4  # plan-wide findings written under the title
_GAP = "\u00a0\u00a0\u00a0 "  # (between legend items: spaces a renderer does not collapse)


def _title_label(plan: Plan, palette: _Palette, opts: DiagramOptions, model_levels: Sequence[str],
                 plan_findings: Sequence[Finding], legend_owner: bool = False, unplaced: str | None = None,
                 drawn: int | None = None, rolled: bool = False) -> _Html:
    meta = plan.meta
    start, end = plan.period
    sub = " · ".join(x for x in [meta.organisation, f"{_day(start)} – {_day(end)}"] if x)
    rows = [
        f'<TR><TD ALIGN="LEFT" COLSPAN="2"><FONT POINT-SIZE="18" COLOR="{_TEXT}"><B>{dot_html(plan.title)}</B></FONT></TD></TR>',
        f'<TR><TD ALIGN="LEFT" COLSPAN="2"><FONT POINT-SIZE="11" COLOR="{_MUTED}">{dot_html(sub)}</FONT></TD></TR>',
    ]
    view = _view_words(plan, opts, model_levels)
    rows.append(f'<TR><TD ALIGN="LEFT" COLSPAN="2"><FONT POINT-SIZE="10" COLOR="{_MUTED}">{dot_html(view)}</FONT></TD></TR>')
    # Legend: outcomes, neutral nodes, indicators, severities.
    items = [_legend_item(strong, palette.titles[oid]) for oid, (strong, _tint) in palette.colours.items()]
    items.append(_legend_item(_CROSS[0], "cross-cutting"))
    items.append(_legend_item(_BORDER, "no outcome", "□"))
    rows.append(f'<TR><TD ALIGN="LEFT" COLSPAN="2"><FONT POINT-SIZE="10" COLOR="{_TEXT}">{_GAP.join(items)}</FONT></TD></TR>')
    notes = []
    if not legend_owner:
        notes.append("Fill: the node's outcome (several outcomes: colour chips). Folded corner: an indicator.")
    else:
        notes.append("Owners are sized by the number of milestones they lead; red: above the OG302 limit.")
    if unplaced is not None:
        rows.append(f'<TR><TD ALIGN="LEFT" COLSPAN="2"><FONT POINT-SIZE="9" COLOR="{_MUTED}">{dot_html(unplaced)}</FONT></TD></TR>')
    if opts.findings is not None and rolled:
        notes.append("\u201cbelow: OG\u2026\u201d: findings of the hidden levels under a node (its milestones).")
    if opts.findings is not None:
        sev = _GAP.join(_legend_item(SEVERITY_COLOURS[s], s, "●") for s in ("error", "warning", "info"))
        c = opts.findings.counts
        counts = (f"{c['error']} error{'' if c['error'] == 1 else 's'}, "
                  f"{c['warning']} warning{'' if c['warning'] == 1 else 's'}, {c['info']} info"
                  + (f", {c['suppressed']} suppressed" if c["suppressed"] else ""))
        total = len(opts.findings.findings)
        if drawn is not None and drawn < total:
            # (owners' findings, and those of nodes outside the view, have no place in it)
            counts += f"; {drawn} of them drawn here, the others are owners' or outside this view"
        rows.append(
            f'<TR><TD ALIGN="LEFT" COLSPAN="2"><FONT POINT-SIZE="10" COLOR="{_TEXT}">Findings ({dot_html(counts)}; '
            f"outline: the worst, badges: the rule codes):{_GAP}{sev}</FONT></TD></TR>"
        )
        for f in plan_findings[:_PLAN_WIDE_SHOWN]:
            lines, _ = _wrap(f"{f.rule} {f.severity}: {f.message}", 130, 1)
            rows.append(
                f'<TR><TD ALIGN="LEFT" COLSPAN="2"><FONT POINT-SIZE="9" COLOR="{SEVERITY_COLOURS.get(f.severity, _MUTED)}">'
                f"Plan-wide: {dot_html(lines[0])}</FONT></TD></TR>"
            )
    rows.insert(3, f'<TR><TD ALIGN="LEFT" COLSPAN="2"><FONT POINT-SIZE="9" COLOR="{_MUTED}">{dot_html(" ".join(notes))}</FONT></TD></TR>')
    return _Html(f'<TABLE BORDER="0" CELLSPACING="2" CELLPADDING="2">{"".join(rows)}</TABLE>')


def _legend_item(colour: str, text: str, mark: str = "■") -> str:
    return f'<FONT COLOR="{colour}">{mark}</FONT> {dot_html(text)}'


def _day(d: date) -> str:
    return f"{d.day} {d.strftime('%B %Y')}"


def _view_words(plan: Plan, opts: DiagramOptions, levels: Sequence[str]) -> str:
    if opts.owners:
        words = "Owners and the milestones they lead"
    else:
        words = "Logic model: " + " → ".join(_PLURAL[lv].capitalize() for lv in levels)
    if opts.focus is not None:
        words += f"; focus on {opts.focus} with its ancestors and descendants"
    if opts.outcome is not None:
        words += f"; the nodes serving '{plan.framework.outcome(opts.outcome).title}'"
    return words


def _logic_model_dot(plan: Plan, facts: PlanFacts, opts: DiagramOptions) -> str:
    model = _model(plan, facts, opts)
    palette = _Palette.of(plan)
    lr = opts.direction == "LR"

    def flip(items: Iterable[_T]) -> list[_T]:
        # dot lays out top to bottom and turns the drawing for LR, which reverses the order of
        # siblings: writing them in reverse keeps file order top to bottom.
        return list(reversed(list(items))) if lr else list(items)

    by_node: dict[str, list[Finding]] = defaultdict(list)
    plan_findings: list[Finding] = []
    if opts.findings is not None:
        for f in opts.findings.findings:
            if f.kind == "plan" or (f.node == plan.id and f.node not in plan.nodes):
                plan_findings.append(f)
            elif f.node in plan.nodes and f.kind not in ("owner", "group"):
                by_node[f.node].append(f)
    dot = _Dot()
    dot.defaults("node", {"fontname": FONT, "shape": "plain", "fontcolor": _TEXT})
    dot.defaults("edge", {"color": "#9AA5B1", "arrowhead": "none", "penwidth": 1.1})

    # Ranks: one per level (indicators may take up to three columns).
    rank_of = {lv: i for i, lv in enumerate(model.levels)}
    column = _indicator_columns(plan, model)
    rank: dict[str, int] = {}
    for n in model.nodes:
        rank[n] = rank_of[plan.nodes[n].kind] + column.get(n, 0)
    for name, (_missing, level) in model.placeholders.items():
        rank[name] = rank_of.get(level, 0)

    def emit_node(n: str) -> None:
        node = plan.nodes[n]
        label, _cut, fill = _node_label(plan, facts, n, palette, by_node.get(n, []), model.rolled.get(n, []))
        worst = _worst(by_node.get(n, []))
        values: dict[str, object] = {
            "id": svg_id(n),
            "class": f"og-node og-{node.kind}" + (f" og-{worst}" if worst else ""),
            "ordering": None if node.kind in ("indicator", "milestone") else "out",
            "label": label,
            "tooltip": _node_tooltip(plan, facts, n, by_node.get(n, []), model.rolled.get(n, [])),
        }
        if node.kind == "indicator":
            values.update({
                "shape": "note", "style": "filled", "fillcolor": fill, "margin": "0.06,0.03",
                "color": SEVERITY_COLOURS[worst] if worst else _BORDER, "penwidth": _OUTLINE[worst] * 1.2 if worst else 1,
            })
        dot.node(n, values)

    def emit_placeholder(name: str) -> None:
        missing, level = model.placeholders[name]
        what = "indicator" if level == "indicator" else "parent"
        red = SEVERITY_COLOURS["error"]
        dot.node(name, {
            "id": svg_id(name, "og-missing-"),
            "class": "og-node og-missing",
            "shape": "box", "style": "dashed,rounded", "color": red, "margin": "0.1,0.05",
            "label": _Html(f'<FONT POINT-SIZE="9" COLOR="{red}">missing {what}<BR/><B>{_html_lines(_wrap(missing, 24, 2)[0])}</B></FONT>'),
            "tooltip": f"{missing} is referred to but does not exist in the plan (OG104 broken reference)",
        })

    # Which edges fix ranks: the hierarchy (and a missing parent's edge). Indicator edges do not,
    # so that they cannot pull priorities out of their order; indicators get their column from
    # a rank group in their cluster instead.
    constrained: set[str] = set()
    for tail, head, kind in model.edges:
        if kind == "hierarchy" or (kind == "broken" and model.placeholders.get(tail, ("", ""))[1] != "indicator"):
            constrained.add(head)

    members: dict[str | None, list[str]] = defaultdict(list)
    for n in [*model.nodes, *model.placeholders]:
        members[model.cluster.get(n)].append(n)
    drawn = set(model.nodes)
    anchors: list[tuple[str, str, int]] = []  # invisible edges that put free nodes in their column
    top_nodes = [n for n in members.get(None, []) if rank[n] == 0] or [n for n in rank if rank[n] == 0]
    global_anchor = top_nodes[0] if top_nodes else None

    def emit_members(key: str | None) -> None:
        nodes = members.get(key, [])
        for n in flip(nodes):
            if n in model.placeholders:
                emit_placeholder(n)
            else:
                emit_node(n)
        by_rank: dict[int, list[str]] = defaultdict(list)
        for n in nodes:
            by_rank[rank[n]].append(n)
        if not by_rank:
            return
        low = min(by_rank)
        local = next((n for n in by_rank[low] if n in constrained), by_rank[low][0])
        if low > 0 and global_anchor is not None and global_anchor not in nodes and not any(n in constrained for n in by_rank[low]):
            anchors.append((global_anchor, by_rank[low][0], low - rank[global_anchor]))
        for r in sorted(by_rank):
            group = by_rank[r]
            if len(group) > 1:
                dot.line("{rank=same; " + "; ".join(dot_id(n) for n in flip(group)) + ";}")
            if r > low and not any(n in constrained for n in group):
                anchors.append((local, group[0], r - low))

    emit_members(None)
    keys = [k for k in members if k is not None and k != _UNATTACHED]
    if _UNATTACHED in members:
        keys.append(_UNATTACHED)
    if not any(rank[n] == 0 for n in members.get(None, [])):
        # Without a vision the priorities' clusters are separate drawings, which dot stacks
        # in reverse in LR: write them in reverse as well.
        keys = flip(keys)
    for i, key in enumerate(keys):
        if key == _UNATTACHED:
            dot.open("subgraph cluster_unattached")
            dot.defaults("graph", {
                "label": _Html(
                    f'<FONT POINT-SIZE="11" COLOR="{SEVERITY_COLOURS["error"]}"><B>Unattached</B>: '
                    "not linked to any priority (orphans, missing parents)</FONT>"
                ),
                "style": "dashed,rounded", "color": SEVERITY_COLOURS["error"], "bgcolor": "#FFF5F5",
                "labeljust": "l", "id": "og-cluster-unattached",
            })
        else:
            assert key is not None
            dot.open(f"subgraph cluster_{i}")
            prio = plan.nodes[key]
            values: dict[str, object] = {
                "style": "rounded,filled", "color": "#D5DBE1", "fillcolor": "#F7F9FA",
                "id": svg_id(key, "og-cluster-"), "penwidth": 1,
            }
            if key not in drawn:  # the priority is not drawn: name it on its cluster
                lines, _ = _wrap(f"{prio.number or key}  {prio.title}", 60, 2)
                values["label"] = _Html(f'<FONT POINT-SIZE="11" COLOR="{_MUTED}"><B>{_html_lines(lines)}</B></FONT>')
                values["labeljust"] = "l"
                values["tooltip"] = f"Priority {key}: {prio.title}"
            else:
                values["label"] = ""
            dot.defaults("graph", values)
        emit_members(key)
        dot.close()

    for tail, head, kind in flip(model.edges):
        span = rank.get(head, 0) - rank.get(tail, 0)
        values = {}
        if kind == "hierarchy" or (kind == "broken" and head in constrained):
            if span > 1:
                values["minlen"] = span
            elif span < 1:
                values["constraint"] = False
        else:
            values["constraint"] = False
        if kind == "hierarchy":
            values["class"] = "og-edge"
        elif kind == "measure":
            values.update({"class": "og-edge og-measure", "color": "#C3CAD1", "style": "dashed"})
        else:
            values.update({"class": "og-edge og-broken", "color": SEVERITY_COLOURS["error"], "style": "dashed",
                           "penwidth": 1.6, "arrowhead": "normal", "arrowsize": 0.6})
        dot.edge(tail, head, values)
    for tail, head, span in anchors:
        dot.edge(tail, head, {"style": "invis", "minlen": span} if span != 1 else {"style": "invis"})
    graph = {
        "rankdir": "LR" if lr else "TB",
        "fontname": FONT,
        "bgcolor": "white",
        "nodesep": 0.12 if lr else 0.2,
        "ranksep": 0.9 if lr else 0.6,
        "pad": 0.3,
        "outputorder": "edgesfirst",
        "id": "og-diagram",
        "class": "og-logic-model",
    }
    if opts.title:
        n_drawn = (sum(len(by_node.get(n, ())) for n in model.nodes) + sum(len(fs) for fs in model.rolled.values())
                   + min(len(plan_findings), _PLAN_WIDE_SHOWN))
        graph.update({"label": _title_label(plan, palette, opts, model.levels, plan_findings, unplaced=_unplaced_note(model),
                                            drawn=n_drawn, rolled=bool(model.rolled)),
                      "labelloc": "t", "labeljust": "l"})
    return dot.text(plan.id, graph)


#: Nodes beyond which a drawn diagram is too large to read whole (:class:`LargeDiagramWarning`).
LARGE_DIAGRAM = 400


class LargeDiagramWarning(UserWarning):
    """A diagram of more nodes than a page or a screen can show readably (the CLI prints it as a
    notice): a view (focus, levels, outcome) draws part of the plan."""


# --- the owner view ---------------------------------------------------------------------------
_NO_LEAD = "owner: "  # (the name of an owner whose id is empty: no owner's)


def _owner_dot(plan: Plan, facts: PlanFacts, opts: DiagramOptions, config: Config | None) -> str:
    palette = _Palette.of(plan)
    limits = owner_limits(config)
    owners = facts.owners
    has_milestones = plan.uses_level("milestone")
    # The work each owner leads: milestones, or (in a plan without milestones) the nodes it leads.
    work: dict[str, list[str]] = {}
    for o in owners.values():
        items = o.milestones if has_milestones else o.nodes
        work[o.id] = list(dict.fromkeys(items))
    keep: set[str] | None = None
    if opts.focus is not None:
        f = opts.focus
        keep = {f, *facts.ancestors(f), *facts.descendants(f)}
    if opts.outcome is not None:
        tagged = {n for n in plan.nodes if opts.outcome in facts.outcomes.get(n, ())}
        keep = tagged if keep is None else keep & tagged
    if keep is not None:
        work = {o: [n for n in items if n in keep] for o, items in work.items()}
    work = {o: items for o, items in work.items() if items}
    # Milestones nobody leads (OG301) hang on a "No lead" box of their own: left out, they would
    # make the plan look fully led.
    unled = [n for n in facts.ids_of("milestone") if not facts.lead_owners.get(n) and (keep is None or n in keep)] \
        if has_milestones else []
    if not work and not unled:
        raise RenderError("nothing to draw: no owner leads " + ("a milestone" if has_milestones else "a node")
                          + (" in this view" if keep is not None else " in the plan"))
    by_owner: dict[str, list[Finding]] = defaultdict(list)
    by_node: dict[str, list[Finding]] = defaultdict(list)
    if opts.findings is not None:
        for finding in opts.findings.findings:
            if finding.kind == "owner":
                by_owner[finding.node].append(finding)
            elif finding.node in plan.nodes:
                by_node[finding.node].append(finding)
    home = home_priorities(plan, facts)
    dot = _Dot()
    dot.defaults("node", {"fontname": FONT, "shape": "plain", "fontcolor": _TEXT})
    dot.defaults("edge", {"color": "#AAB4BE", "arrowhead": "none", "penwidth": 1})
    max_load = max([len(v) for v in work.values()] + [len(unled)])
    total = {o: len(owners[o].milestones if has_milestones else owners[o].nodes) for o in work}
    # The work, clustered by priority.
    lr = opts.direction == "LR"

    def flip(items: Iterable[_T]) -> list[_T]:  # see _logic_model_dot
        return list(reversed(list(items))) if lr else list(items)

    led = {n for v in work.values() for n in v} | set(unled)
    items = [n for n in plan.nodes if n in led]
    groups: dict[str | None, list[str]] = defaultdict(list)
    for n in items:
        groups[home.get(n)].append(n)
    for i, (key, nodes) in enumerate(flip(groups.items())):
        if key is not None:
            dot.open(f"subgraph cluster_{i}")
            if key == _UNATTACHED:
                label = "Unattached"
            else:
                prio = plan.nodes[key]
                label = f"{prio.number or key}  {prio.title}"
            lines, _ = _wrap(label, 60, 2)
            dot.defaults("graph", {
                "label": _Html(f'<FONT POINT-SIZE="11" COLOR="{_MUTED}"><B>{_html_lines(lines)}</B></FONT>'),
                "labeljust": "l", "style": "rounded,filled", "color": "#D5DBE1", "fillcolor": "#F7F9FA",
                # (an id of its own: a cluster would take the graph's, one id for several elements)
                "id": "og-cluster-unattached" if key == _UNATTACHED else svg_id(key, "og-cluster-"),
            })
        for n in flip(nodes):
            node = plan.nodes[n]
            style = _STYLES["milestone"]
            lines, _ = _wrap(node.title, style.wrap, 2)
            outs = facts.outcomes.get(n, ())
            cross = n in facts.cross_cutting
            fs = by_node.get(n, [])
            worst = _worst(fs)
            header = dot_html(n)
            timing = facts.timing.get(n)
            if timing is not None and timing.span is not None:
                header += f" · due {dot_html(str(timing.span))}"
            rows = [
                f'<TR><TD ALIGN="LEFT" BALIGN="LEFT"><FONT POINT-SIZE="7.5" COLOR="{_MUTED}">{header}</FONT></TD><TD ALIGN="RIGHT">{palette.chips(outs, cross, 7)}</TD></TR>',
                f'<TR><TD COLSPAN="2" ALIGN="LEFT" BALIGN="LEFT"><FONT POINT-SIZE="9">{_html_lines(lines)}</FONT></TD></TR>',
            ]
            if fs:
                rows.append(f'<TR><TD COLSPAN="2" ALIGN="LEFT">{_badges(fs, 7)}</TD></TR>')
            dot.node(n, {
                "id": svg_id(n),
                "class": f"og-node og-{node.kind}" + (f" og-{worst}" if worst else ""),
                "label": _Html(
                    f'<TABLE BORDER="{3 if worst else 1}" COLOR="{SEVERITY_COLOURS[worst] if worst else _BORDER}" '
                    f'BGCOLOR="{palette.fill(outs, cross)}" STYLE="ROUNDED" CELLBORDER="0" CELLSPACING="0" CELLPADDING="2">{"".join(rows)}</TABLE>'
                ),
                "tooltip": _node_tooltip(plan, facts, n, fs, []),
            })
        if key is not None:
            dot.close()
    owner_names: list[str] = []
    for oid in sorted(work, key=lambda o: (-total[o], owners[o].name.lower())):
        info = owners[oid]
        limit = info.capacity if info.capacity is not None else limits["max-milestones"]
        count = total[oid]
        over = has_milestones and count > limit
        scale = math.sqrt(count / max_load) if max_load else 1
        size = 9 + 9 * scale
        lines, _ = _wrap(info.name, 26, 3)
        fs = by_owner.get(oid, [])
        worst = _worst(fs)
        fill = "#FDECEA" if over else ("#FFF4E5" if has_milestones and count > 0.75 * limit else "#EEF2F6")
        border = SEVERITY_COLOURS[worst] if worst else ("#C62828" if over else _BORDER)
        unit = "milestone" if has_milestones else "node"
        load = f"{count} {unit}{'s' if count != 1 else ''}" + (f" (limit {limit})" if has_milestones else "")
        rows = [
            f'<TR><TD ALIGN="LEFT" BALIGN="LEFT"><FONT POINT-SIZE="{_num(round(size, 1))}"><B>{_html_lines(lines)}</B></FONT></TD></TR>',
            f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="9" COLOR="{"#C62828" if over else _MUTED}">{dot_html(load)}</FONT></TD></TR>',
        ]
        if fs:
            rows.append(f'<TR><TD ALIGN="LEFT">{_badges(fs)}</TD></TR>')
        pad = int(3 + 6 * scale)
        name = f"owner: {oid}"
        tooltip = [f"Owner {info.name}" + ("" if info.declared else " (not declared in owners:)"), load]
        tooltip += [f"{f.rule} {f.severity}: {f.message}" for f in fs]
        dot.node(name, {
            "id": svg_id(oid, "og-owner-"),
            "class": "og-node og-owner" + (f" og-{worst}" if worst else ""),
            "label": _Html(
                f'<TABLE BORDER="{3 if over or worst else 1}" COLOR="{border}" BGCOLOR="{fill}" STYLE="ROUNDED" '
                f'CELLBORDER="0" CELLSPACING="0" CELLPADDING="{pad}">{"".join(rows)}</TABLE>'
            ),
            "tooltip": "\n".join(tooltip),
        })
        owner_names.append(name)
    if unled:
        count = len(unled)
        fs = [f for n in unled for f in by_node.get(n, []) if f.rule == "OG301"]
        dot.node(_NO_LEAD, {
            "id": "og-no-lead",  # (og-owner-<id> are the owners')
            "class": "og-node og-owner og-no-lead",
            "label": _Html(
                f'<TABLE BORDER="2" COLOR="{SEVERITY_COLOURS["warning"]}" BGCOLOR="#FFFFFF" STYLE="ROUNDED,DASHED" '
                f'CELLBORDER="0" CELLSPACING="0" CELLPADDING="6"><TR><TD ALIGN="LEFT"><FONT POINT-SIZE="13"><B>No lead</B></FONT></TD></TR>'
                f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="9" COLOR="{_MUTED}">{count} milestone{"s" if count != 1 else ""} '
                f'nobody leads (OG301)</FONT></TD></TR></TABLE>'
            ),
            "tooltip": f"{count} milestone{'s' if count != 1 else ''} with no lead, and none from an objective"
                       + (f"; {len(fs)} OG301 finding{'s' if len(fs) != 1 else ''}" if fs else ""),
        })
        owner_names.append(_NO_LEAD)
    dot.line("{rank=same; " + "; ".join(dot_id(n) for n in owner_names) + ";}")
    for oid in sorted(work):
        for n in work[oid]:
            dot.edge(f"owner: {oid}", n, {"class": "og-edge og-leads"})
    for n in unled:
        dot.edge(_NO_LEAD, n, {"class": "og-edge og-unled", "style": "dashed", "color": SEVERITY_COLOURS["warning"]})
    graph = {
        "rankdir": "LR" if opts.direction == "LR" else "TB",
        "newrank": True,
        "fontname": FONT,
        "nodesep": 0.1,
        "ranksep": 2.2 if opts.direction == "LR" else 1.2,
        "pad": 0.3,
        "outputorder": "edgesfirst",
        "id": "og-diagram",
        "class": "og-owner-view",
    }
    if opts.title:
        graph.update({"label": _title_label(plan, palette, opts, (), [], legend_owner=True), "labelloc": "t", "labeljust": "l"})
    return dot.text(plan.id, graph)


def owner_limits(config: Config | None) -> dict[str, int]:
    """The OG302 and OG303 thresholds in force (``max-milestones``, ``max-per-month``)."""
    from ..config import Config
    from ..rules import registry

    rules = registry()
    cfg = config or Config()
    out: dict[str, int] = {}
    for code, key in (("OG302", "max-milestones"), ("OG303", "max-per-month")):
        rule = rules.get(code)
        defaults = dict(rule.options) if rule is not None else {}
        opts = cfg.options_for(code, defaults)
        out[key] = int(opts.get(key, {"max-milestones": 10, "max-per-month": 4}[key]))
    return out


# --- public functions -------------------------------------------------------------------------
def to_dot(plan: Plan, options: DiagramOptions | None = None, *, config: Config | None = None) -> str:
    """The plan's diagram as Graphviz DOT text.

    Parameters
    ----------
    plan : Plan
        A loaded plan.
    options : DiagramOptions, optional
        What to draw (:func:`diagram_options` validates user input); by default the logic model
        without milestones.
    config : Config, optional
        The configuration (the owner view reads the OG302 threshold from it).

    Returns
    -------
    str
        A ``digraph`` whose node names are the plan's ids.

    Examples
    --------
    >>> from outcome_graph import load
    >>> plan = load('''
    ... format: outcome-graph/v1
    ... plan: {id: demo, period: {start: 2011-04-01, end: 2012-03-31}}
    ... priorities:
    ...   - id: P1
    ...     title: Children are safe
    ...     outcomes: [stay_safe]
    ...     objectives: [{id: O1, title: Fewer accidents, indicators: [NI 70]}]
    ... ''')
    >>> text = to_dot(plan)
    >>> '"P1" -> "O1"' in text, '"O1" -> "NI 70"' in text
    (True, True)
    """
    from ..graph.facts import PlanFacts

    opts = options or DiagramOptions()
    facts = PlanFacts(plan)
    if opts.owners:
        return _owner_dot(plan, facts, opts, config)
    return _logic_model_dot(plan, facts, opts)


def pipe(dot_text: str, fmt: str) -> bytes:
    """Lay out DOT text with Graphviz's ``dot`` and return the ``svg``, ``png`` or ``pdf`` bytes.

    Raises
    ------
    RenderError
        When Graphviz is not installed (the message says how to install it) or fails.
    """
    import graphviz

    if fmt == "dot":
        return dot_text.encode("utf-8")
    if fmt not in ("svg", "png", "pdf"):
        raise RenderError(f"unknown diagram format {fmt!r}; use svg, png, pdf or dot")
    renderer = "cairo" if fmt in ("png", "pdf") else None
    try:
        data: bytes = graphviz.Source(dot_text).pipe(format=fmt, renderer=renderer, quiet=True)
        return data
    except graphviz.ExecutableNotFound:
        raise RenderError("Graphviz's `dot` program was not found: " + GRAPHVIZ_HINT.format(fmt=fmt.upper())) from None
    except graphviz.CalledProcessError as exc:
        detail = (exc.stderr or b"").decode("utf-8", "replace").strip() if isinstance(exc.stderr, bytes) else str(exc.stderr or "")
        raise RenderError(f"Graphviz could not draw the diagram: {detail or exc}") from None
    except OSError as exc:
        raise RenderError(f"Graphviz could not be run: {exc}") from None


@overload
def render(plan: Plan, path_or_format: Literal["svg", "png", "pdf", "dot"], *, findings: Report | bool | None = None,
           config: Config | None = None, milestones: bool = False, levels: str | Iterable[str] | None = None,
           focus: str | None = None, outcome: str | None = None, owners: bool = False, direction: str = "LR",
           title: bool = True) -> bytes: ...
@overload
def render(plan: Plan, path_or_format: str | os.PathLike[str], *, findings: Report | bool | None = None,
           config: Config | None = None, milestones: bool = False, levels: str | Iterable[str] | None = None,
           focus: str | None = None, outcome: str | None = None, owners: bool = False, direction: str = "LR",
           title: bool = True) -> bytes | Path: ...
def render(plan: Plan, path_or_format: str | os.PathLike[str], *, findings: Report | bool | None = None,
           config: Config | None = None, milestones: bool = False, levels: str | Iterable[str] | None = None,
           focus: str | None = None, outcome: str | None = None, owners: bool = False, direction: str = "LR",
           title: bool = True) -> bytes | Path:
    """Draw a plan's logic model (or owner view) as SVG, PNG, PDF or DOT.

    Parameters
    ----------
    plan : Plan
        A loaded plan.
    path_or_format : str or path
        ``"svg"``, ``"png"``, ``"pdf"`` or ``"dot"`` to get the bytes, or a file path whose suffix
        (``.svg``, ``.png``, ``.pdf``, ``.dot``) gives the format: the file is written whole or not
        at all, and never over the plan's own file.
    findings : Report or bool, optional
        Mark findings on the diagram: a :class:`~outcome_graph.findings.Report`, or ``True`` to check
        the plan with ``config``.
    config : Config, optional
        The configuration for the check and the owner view's thresholds.
    milestones, levels, focus, outcome, owners, direction, title
        What to draw (see :class:`DiagramOptions`).

    Returns
    -------
    bytes or pathlib.Path
        The diagram's bytes for a format name, else the path written.

    Raises
    ------
    ConfigError
        An unknown level, node id, outcome, direction or file suffix (with the nearest valid value).
    RenderError
        Graphviz is missing (except for DOT) or fails.

    Examples
    --------
    >>> from outcome_graph import load
    >>> plan = load('''
    ... format: outcome-graph/v1
    ... plan: {id: demo, period: {start: 2011-04-01, end: 2012-03-31}}
    ... priorities: [{id: P1, title: Children are safe, outcomes: [stay_safe]}]
    ... ''')
    >>> render(plan, "dot").startswith(b'digraph "demo"')
    True
    """

    target: Path | None = None
    text = os.fspath(path_or_format)
    if text.lower() in ("svg", "png", "pdf", "dot"):
        fmt = text.lower()
    else:
        target = Path(text)
        fmt = format_for_path(target)
        if plan.file:
            from .files import refuse_input_as_output

            refuse_input_as_output(target, [plan.file])
    report: Report | None
    if findings is True:
        from ..rules.engine import check

        report = check(plan, config)
    elif findings is False or findings is None:
        report = None
    else:
        report = findings
    opts = diagram_options(plan, levels=levels, milestones=milestones, focus=focus, outcome=outcome,
                           owners=owners, direction=direction, findings=report, title=title)
    text = to_dot(plan, opts, config=config)
    drawn = text.count('class="og-node ')
    if drawn > LARGE_DIAGRAM and fmt != "dot":
        import warnings

        views = "--focus ID or --outcome" if opts.owners else "--focus ID, --levels or --outcome"
        warnings.warn(
            f"the diagram draws {drawn:,} nodes in one picture, too many to read on a page or a screen; "
            f"{views} draw part of the plan", LargeDiagramWarning, stacklevel=2)
    data = pipe(text, fmt)
    if target is None:
        return data
    from .files import atomic_write_bytes

    atomic_write_bytes(target, data)
    return target
