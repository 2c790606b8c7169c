"""The outcome coverage section: for each priority and each outcome of the plan's framework, the
nodes serving the outcome and the indicators bearing on it, and the plan's totals."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..escape import html_text
from .common import priority_label, short, table_class

if TYPE_CHECKING:
    from ...graph.facts import PlanFacts
    from ...model.plan import Plan


@dataclass
class Coverage:
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


def count_coverage(plan: Plan, facts: PlanFacts) -> Coverage | None:
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
    return Coverage(level, priorities, objectives, indicators, tagged, serves)


#: Said under the matrix and the summary's outcomes when no node but an indicator names an outcome.
UNTAGGED = (
    '<p class="warn">The plan tags no priority, aim or objective with an outcome, so only '
    "indicators (through their catalogue) can be counted (OG201).</p>"
)


def coverage_state(n_obj: int, n_ind: int) -> str:
    """A cell's state, as the matrix's key names it: ``gap``, ``unmeasured`` or ``covered``."""
    return "gap" if n_obj == 0 else ("unmeasured" if n_ind == 0 else "covered")


def coverage_section(plan: Plan, facts: PlanFacts, coverage: Coverage | None) -> str:
    """The coverage matrix, with its key (or why the plan has none)."""
    fw = plan.framework
    if coverage is None:
        return (
            '<section id="r-coverage"><h2>Outcome coverage</h2>'
            "<p>The plan has no priorities to draw a coverage matrix for.</p></section>"
        )
    cross = facts.cross_cutting
    priorities, objectives, indicators = (
        coverage.priorities,
        coverage.objectives,
        coverage.indicators,
    )
    one, word = coverage.words

    def counted(n_obj: int, n_ind: int, bold: bool = False) -> str:
        b, e = ("<b>", "</b>") if bold else ("", "")
        return (
            f"{b}{n_obj}{e} {one if n_obj == 1 else word}<br>"
            f"{b}{n_ind}{e} indicator{'' if n_ind == 1 else 's'}"
        )

    head = "".join(f'<th scope="col">{html_text(o.title)}</th>' for o in fw.outcomes)
    body = []
    for p in priorities:
        is_cross = p in cross
        cells = []
        for o in fw.outcomes:
            n_obj = len(objectives.get((p, o.id), ()))
            n_ind = len(indicators.get((p, o.id), ()))
            served = o.id in coverage.serves.get(p, ())
            cls = "cross" if is_cross else (coverage_state(n_obj, n_ind) if served else "unserved")
            text = "—" if is_cross else counted(n_obj, n_ind)
            cells.append(f'<td class="{cls}">{text}</td>')
        # (a row of no outcome is all unshaded: say why, rather than leave it looking covered)
        aside = (
            "cross-cutting" if is_cross else ("no outcome" if not coverage.serves.get(p) else "")
        )
        label = html_text(short(priority_label(plan, p), 70)) + (
            f' <span class="muted">({aside})</span>' if aside else ""
        )
        body.append(f'<tr><th scope="row">{label}</th>{"".join(cells)}</tr>')
    total_cells = []
    for o in fw.outcomes:
        n_obj, n_ind = coverage.totals(o.id)
        total_cells.append(
            f'<td class="{coverage_state(n_obj, n_ind)}">{counted(n_obj, n_ind, bold=True)}</td>'
        )
    body.append(f'<tr class="total"><th scope="row">The whole plan</th>{"".join(total_cells)}</tr>')
    note = (
        f"<p>Each cell counts the {word} serving an outcome (their own outcomes, or inherited) and "
        "the indicators of the priority bearing on it (by the indicator's own outcomes, or those "
        f"of the node it measures: a cell can count indicators and no {one}). "
        f'<span class="key gap">No {one}</span> '
        '<span class="key unmeasured">No indicator</span> <span class="key covered">Covered</span> '
        "for an outcome the priority serves (its own, or one of its aims' or objectives'); "
        '<span class="key unserved">Not its outcome</span> otherwise, which is no gap (the whole '
        "plan's row shades every outcome). Cross-cutting priorities (<code>outcomes: []</code>) "
        "are left out.</p>"
    )
    if not coverage.tagged:
        note += UNTAGGED
    return (
        f'<section id="r-coverage"><h2>Outcome coverage ({html_text(fw.title)})</h2>{note}'
        '<div class="scroll" tabindex="0" role="region" aria-label="Outcome coverage table">'
        f'<table class="{table_class("matrix", len(body))}"><caption class="vh">Outcome coverage: '
        f"{html_text(word)} and indicators for each priority and outcome</caption>"
        f'<thead><tr><th scope="col">Priority</th>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table></div></section>"
    )
