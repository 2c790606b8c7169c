"""What a diagram shows: :class:`DiagramOptions`, the levels it can draw, and the checks of user
input (:func:`parse_levels`, :func:`diagram_options`) that name the nearest valid value."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, NoReturn

from ...errors import OptionError

if TYPE_CHECKING:
    from ...findings import Report
    from ...model.plan import Plan

#: The levels a logic-model diagram can draw, left to right.
DIAGRAM_LEVELS: tuple[str, ...] = (
    "vision",
    "priority",
    "aim",
    "objective",
    "milestone",
    "indicator",
)

_LEVEL_WORDS = {
    "vision": "vision",
    "visions": "vision",
    "priority": "priority",
    "priorities": "priority",
    "pillar": "priority",
    "pillars": "priority",
    "theme": "priority",
    "themes": "priority",
    "aim": "aim",
    "aims": "aim",
    "commitment": "aim",
    "commitments": "aim",
    "objective": "objective",
    "objectives": "objective",
    "target": "objective",
    "targets": "objective",
    "benefit": "objective",
    "benefits": "objective",
    "milestone": "milestone",
    "milestones": "milestone",
    "action": "milestone",
    "actions": "milestone",
    "indicator": "indicator",
    "indicators": "indicator",
    "measure": "indicator",
    "measures": "indicator",
}
#: The pages a diagram can be fitted to (``--page``): their names, width and height in inches,
#: landscape unless named portrait (a board paper's diagram is printed on one of these).
PAGES: dict[str, tuple[str, float, float]] = {
    "a4": ("A4 landscape", 11.69, 8.27),
    "a3": ("A3 landscape", 16.54, 11.69),
    "a4-portrait": ("A4 portrait", 8.27, 11.69),
    "a3-portrait": ("A3 portrait", 11.69, 16.54),
}
#: The margin left round a diagram fitted to a page,
#: in inches (a printer's unprintable edge and some).
PAGE_MARGIN = 0.5

#: Each level's name in the plural, for messages and headings.
PLURAL = {
    "vision": "vision",
    "priority": "priorities",
    "aim": "aims",
    "objective": "objectives",
    "milestone": "milestones",
    "indicator": "indicators",
}


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
    page : str, optional
        A page of :data:`PAGES` (``"a3"``: A3 landscape) to shrink the diagram to, within margins.
    """

    levels: tuple[str, ...] | None = None
    milestones: bool = False
    focus: str | None = None
    outcome: str | None = None
    owners: bool = False
    direction: Literal["LR", "TB"] = "LR"
    findings: Report | None = None
    title: bool = True
    page: str | None = None

    @property
    def page_size(self) -> str | None:
        """Graphviz's ``size`` for the page: the area within its margins, in inches (None: no
        page)."""
        if self.page is None:
            return None
        _name, width, height = PAGES[self.page]
        return f"{width - 2 * PAGE_MARGIN:.2f},{height - 2 * PAGE_MARGIN:.2f}"


def parse_levels(value: str | Iterable[str]) -> tuple[str, ...]:
    """Level names (``"priority,aim,objective"`` or a list; plurals and synonyms accepted), in
    order.

    >>> parse_levels("objectives, aims,priority")
    ('priority', 'aim', 'objective')
    >>> parse_levels("aimz")  # doctest: +NORMALIZE_WHITESPACE
    Traceback (most recent call last):
    ...
    outcome_graph.errors.OptionError: --levels: unknown level 'aimz': did you mean 'aim'? (levels:
    vision, priority, aim, objective, milestone, indicator)
    """
    from ...loading.suggest import nearest

    words = (
        value.replace(",", " ").split()
        if isinstance(value, str)
        else [w for v in value for w in v.replace(",", " ").split()]
    )
    if not words:
        raise OptionError(f"--levels: no level given (levels: {', '.join(DIAGRAM_LEVELS)})")
    chosen: set[str] = set()
    for word in words:
        level = _LEVEL_WORDS.get(word.strip().lower())
        if level is None:
            guess = nearest(word, DIAGRAM_LEVELS) or nearest(word, list(_LEVEL_WORDS))
            guess = _LEVEL_WORDS.get(guess, guess) if guess else None
            raise OptionError(
                f"--levels: unknown level {word!r}"
                + (f": did you mean {guess!r}?" if guess else "")
                + f" (levels: {', '.join(DIAGRAM_LEVELS)})"
            )
        chosen.add(level)
    return tuple(lv for lv in DIAGRAM_LEVELS if lv in chosen)


def diagram_options(
    plan: Plan,
    *,
    levels: str | Iterable[str] | None = None,
    milestones: bool = False,
    focus: str | None = None,
    outcome: str | int | None = None,
    owners: bool = False,
    direction: str = "LR",
    findings: Report | None = None,
    title: bool = True,
    page: str | None = None,
) -> DiagramOptions:
    """Validated :class:`DiagramOptions` for a plan: unknown levels, node ids and outcomes are
    :class:`~outcome_graph.errors.OptionError` naming the nearest valid value."""
    if owners and (levels is not None or milestones):
        raise OptionError(
            f"{'--levels' if levels is not None else '--milestones'} chooses the levels of the "
            "logic model; the owner view (--owners) draws owners and the milestones they lead"
        )
    lv = parse_levels(levels) if levels is not None else None
    if focus is not None and focus not in plan.nodes:
        _unknown_focus(plan, focus)
    out_id = _outcome_id(plan, outcome) if outcome is not None else None
    d = direction.strip().upper()
    if d not in ("LR", "TB"):
        raise OptionError(
            f"--direction must be LR (left to right) or TB (top to bottom), not {direction!r}"
        )
    return DiagramOptions(
        levels=lv,
        milestones=milestones,
        focus=focus,
        outcome=out_id,
        owners=owners,
        direction=d,  # type: ignore[arg-type]
        findings=findings,
        title=title,
        page=_page(page) if page is not None else None,
    )


def _page(page: str) -> str:
    """The name in :data:`PAGES` of the page asked for (``A3``, ``a4 portrait``), or an OptionError
    listing the pages."""
    key = re.sub(r"[\s_-]+", "-", str(page).strip().casefold())
    if key not in PAGES:
        raise OptionError(
            f"--page: {page!r} is not a page a diagram is fitted to (pages: {', '.join(PAGES)}; "
            "A4 and A3 are landscape unless named portrait)"
        )
    return key


def _unknown_focus(plan: Plan, focus: str) -> NoReturn:
    """Raise the error for a focus on a node the plan does not have, with the nearest id, else the
    ids of the plan's top level: a plan numbered its own way (Richmond's themes are T1, T2...) is
    not focused by guessing `P1`."""
    from ...loading.suggest import nearest

    ids = list(plan.nodes)
    by_lower = {i.lower(): i for i in ids}
    guess = by_lower.get(focus.strip().lower()) or nearest(focus, ids)
    if guess:
        raise OptionError(f"--focus: no node {focus!r} in the plan: did you mean {guess!r}?")
    raise OptionError(f"--focus: no node {focus!r} in the plan" + top_level_ids(plan))


def top_level_ids(plan: Plan) -> str:
    """' (its priorities: T1, T2, T3 and T4)': the ids of the highest level below the vision that
    the plan has, eight at most, for an error to show what can be named."""
    for kind, plural in (
        ("priority", "priorities"),
        ("aim", "aims"),
        ("objective", "objectives"),
        ("milestone", "milestones"),
        ("indicator", "indicators"),
    ):
        ids = [n.id for n in plan.nodes.values() if n.kind == kind]
        if ids:
            shown = ids[:8] if len(ids) > 8 else ids[:-1]
            rest = f"{len(ids) - 8} more" if len(ids) > 8 else ids[-1]
            listed = f"{', '.join(shown)} and {rest}" if shown else rest
            return f" (its {plural if len(ids) > 1 else kind}: {listed})"
    return ""


def _outcome_id(plan: Plan, outcome: str | int) -> str:
    """The id of the framework outcome named by ``outcome`` (its id, title or short name, or its
    number in the framework, as the diagram's chips show it: ``"3"`` or, from Python, ``3``)."""
    from ...errors import UsageError
    from ...loading.suggest import nearest

    if isinstance(outcome, bool) or not isinstance(outcome, (str, int)):
        raise UsageError(
            f"outcome must be an outcome's id, name or number (be_healthy, 'Be healthy', 1), "
            f"not {type(outcome).__name__}"
        )
    out_id = None
    fw = plan.framework
    key = _outcome_key(str(outcome))
    for o in fw.outcomes:
        if key in (o.id, _outcome_key(o.title), _outcome_key(o.short)):
            out_id = o.id
    # (isdecimal: a superscript '²' is a digit that int() refuses)
    if out_id is None and key.isdecimal() and 1 <= int(key) <= len(fw.outcomes):
        out_id = fw.outcomes[int(key) - 1].id
    if out_id is None:
        guess = nearest(key, fw.ids)
        if guess is None and key:
            # (a word of one outcome's name, "enjoy" or "economic", is too short for a close match)
            holding = [
                o.id
                for o in fw.outcomes
                if key in o.id or key in _outcome_key(o.title) or key in _outcome_key(o.short)
            ]
            guess = holding[0] if len(holding) == 1 else None
        numbered = ", ".join(f"{i} {o.id}" for i, o in enumerate(fw.outcomes, 1))
        raise OptionError(
            f"--outcome: {outcome!r} is not an outcome of the {fw.title} framework"
            + (f": did you mean {guess!r}?" if guess else "")
            + f" (outcomes, by their number on the chips: {numbered})"
        )
    return out_id


def _outcome_key(text: str) -> str:
    """The form an outcome's id, title and short name are compared in: lower case, each run of
    spaces and hyphens one underscore, so that the title the legend shows ("Achieve economic
    well-being") names its outcome as its id does.

    >>> _outcome_key(" Achieve economic  well-being"), _outcome_key("Enjoy & achieve")
    ('achieve_economic_well_being', 'enjoy_&_achieve')
    """
    return re.sub(r"[\s-]+", "_", text.strip().casefold())
