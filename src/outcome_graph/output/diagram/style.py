"""The look of a diagram: the font, the colours of outcomes and severities, the text of each kind of
node, and the marks drawn from them (outcome colour chips, rule-code badges).

Nodes are coloured by outcome: a tint for one outcome, and a chip for each outcome in its colour
with its number in the framework (1 to 5 for Every Child Matters); cross-cutting and untagged nodes
stay neutral. With findings, a node is outlined in the colour of its worst finding
and badged with the rule codes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..escape import dot_html
from .dot import num

if TYPE_CHECKING:
    from ...findings import Finding
    from ...model.plan import Plan

FONT = "Helvetica"
#: Strong colour (chips, legend) and tint (fill) for the outcomes of a framework, in its order.
#: Okabe-Ito hues, darkened so that a chip stands out at 3:1 or more from every fill it sits on (its
#: own tint, several outcomes' near-white, the cross-cutting grey, the priority box, the page; WCAG
#: 1.4.11) and carries its outcome's number in white at 4.5:1 or more. The number, not the colour
#: alone, tells the outcomes apart (for readers who do not see the colours apart).
PALETTE: tuple[tuple[str, str], ...] = (
    ("#008561", "#DDF3EA"),  # bluish green   (ECM 1: be healthy)
    ("#0072B2", "#CFE1F2"),  # blue           (2: stay safe)
    ("#A36600", "#FCF0D4"),  # dark orange    (3: enjoy and achieve)
    ("#A8508A", "#F7E5EF"),  # reddish purple (4: positive contribution)
    (
        "#5A4FCF",
        "#E8E6F8",
    ),  # violet         (5: economic well-being; a blue-green sky blue was 2.3:1)
    ("#8C6D31", "#EFE8DA"),
    ("#2E6F7E", "#DDEBEE"),
    ("#B15928", "#F6E4D8"),
)
CROSS = ("#737373", "#EEF0F2")  # cross-cutting: grey chip (no number), grey fill
_UNTAGGED_FILL = "#FFFFFF"
#: A node's outline: 3:1 or more on the page and on a priority's box.
BORDER = "#77828E"
#: The lines: between levels, from a node to its indicators (dashed) and from an owner to what it
#: leads; and the outline of a priority's box (on the page). 3:1 or more on the page and on the
#: box's fill (WCAG 1.4.11), as a diagram shrunk to a page or printed in grey still shows them.
LINE = "#6B7785"
MEASURE_LINE = "#7B8794"
BOX_BORDER = "#8A96A3"
BOX_FILL = "#F7F9FA"
TEXT = "#1F2933"
MUTED = "#525D68"  # (4.5:1 or more on every outcome tint, as is the text of badges)
#: Red, dark amber and blue: apart in hue and lightness, so that a warning's outline is not read as
#: an error's. Each reads at 4.5:1 or more as text on white, on every outcome tint and on the
#: report's shaded cells, and white text on each does too (the badges).
SEVERITY_COLOURS = {"error": "#B71C1C", "warning": "#7A5600", "info": "#3B5BA5"}
#: The mark before a rule code, one shape per severity:
#: the colour is not left to tell them apart alone.
SEVERITY_MARKS = {"error": "\u2716", "warning": "\u25b2", "info": "\u25cf"}  # ✖ ▲ ●
DOT = SEVERITY_MARKS["info"]
_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
#: The width of a node's outline for its worst finding.
OUTLINE = {"error": 3, "warning": 2, "info": 1}


@dataclass(frozen=True)
class KindStyle:
    """How the title of one kind of node is written."""

    size: float  # font size of the title
    wrap: int  # characters per line
    lines: int  # most lines before an ellipsis
    bold: bool = False


STYLES: dict[str, KindStyle] = {
    "vision": KindStyle(13, 30, 9, True),
    "priority": KindStyle(13, 26, 5, True),
    "aim": KindStyle(11, 34, 4),
    "objective": KindStyle(10, 44, 3),
    "milestone": KindStyle(9, 46, 3),
    "indicator": KindStyle(
        9, 32, 3
    ),  # (titles of one family of indicators differ late in the text)
}


@dataclass
class Palette:
    """The colours of a plan's framework outcomes (outcome id -> strong colour and tint), their
    titles for the legend, and their numbers (1 for the first outcome of the framework)."""

    colours: dict[str, tuple[str, str]]
    titles: dict[str, str]
    numbers: dict[str, int] = field(default_factory=dict)

    @classmethod
    def of(cls, plan: Plan) -> Palette:
        fw = plan.framework
        colours = {o.id: PALETTE[i % len(PALETTE)] for i, o in enumerate(fw.outcomes)}
        return cls(
            colours,
            {o.id: o.title for o in fw.outcomes},
            {o.id: i + 1 for i, o in enumerate(fw.outcomes)},
        )

    def fill(self, outcomes: Sequence[str], cross: bool) -> str:
        if cross:
            return CROSS[1]
        if len(outcomes) == 1 and outcomes[0] in self.colours:
            return self.colours[outcomes[0]][1]
        return _UNTAGGED_FILL if not outcomes else "#FAFAFA"

    def chips(self, outcomes: Sequence[str], cross: bool, size: int = 12) -> str:
        """The outcomes' chips, each its colour with its number (a cross-cutting node's: one grey
        chip), as a table for an HTML-like label ("": no outcome)."""
        if cross:
            cells = [chip(CROSS[0], "", size)]
        else:
            cells = [
                chip(self.colours[o][0], str(self.numbers.get(o, "")), size)
                for o in outcomes
                if o in self.colours
            ]
        if not cells:
            return ""
        return (
            f'<TABLE BORDER="0" CELLSPACING="2" CELLPADDING="0"><TR>{"".join(cells)}</TR></TABLE>'
        )


def chip(colour: str, text: str, size: int = 12) -> str:
    """One chip: a square of ``colour`` with ``text`` (an outcome's number) in white bold, as a
    cell."""
    inner = (
        f'<FONT POINT-SIZE="{num(size - 4)}" COLOR="#FFFFFF"><B>{dot_html(text)}</B></FONT>'
        if text
        else ""
    )
    return f'<TD WIDTH="{size}" HEIGHT="{size}" FIXEDSIZE="TRUE" BGCOLOR="{colour}">{inner}</TD>'


def badges(findings: Sequence[Finding], size: float = 8, most: int = 5) -> str:
    """Rule codes as tags in the colour and mark of their severity (``✖ OG104``, ``▲ OG102``,
    ``● OG503``), the most serious first, for an HTML-like label."""
    codes: dict[str, str] = {}
    for f in sorted(findings, key=lambda f: (_SEVERITY_ORDER.get(f.severity, 3), f.rule)):
        codes.setdefault(f.rule, f.severity)
    items = list(codes.items())
    tags = [
        f'<FONT COLOR="{SEVERITY_COLOURS.get(sev, MUTED)}"><B>{SEVERITY_MARKS.get(sev, DOT)} '
        f"{dot_html(code)}</B></FONT>"
        for code, sev in items[:most]
    ]
    if len(items) > most:
        tags.append(f'<FONT COLOR="{MUTED}">+{len(items) - most}</FONT>')
    return f'<FONT POINT-SIZE="{num(size)}">{"  ".join(tags)}</FONT>'


def worst_severity(findings: Iterable[Finding]) -> str | None:
    """The severity of the most serious of ``findings`` (None: no finding)."""
    sev = sorted((f.severity for f in findings), key=lambda s: _SEVERITY_ORDER.get(s, 3))
    return sev[0] if sev else None
