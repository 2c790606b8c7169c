"""The look of a diagram: the font, the colours of outcomes and severities, the text of each kind of
node, and the marks drawn from them (outcome colour chips, rule-code badges).

Nodes are coloured by outcome: a tint for one outcome, colour chips for several; cross-cutting and
untagged nodes stay neutral. With findings, a node is outlined in the colour of its worst finding
and badged with the rule codes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..escape import dot_html
from .dot import num

if TYPE_CHECKING:
    from ...findings import Finding
    from ...model.plan import Plan

FONT = "Helvetica"
#: Strong colour (chips, legend) and tint (fill) for the outcomes of a framework, in its order
#: (Okabe-Ito based: distinguishable with the common colour-vision deficiencies).
PALETTE: tuple[tuple[str, str], ...] = (
    ("#009E73", "#DDF3EA"),  # bluish green   (ECM: be healthy)
    ("#0072B2", "#CFE1F2"),  # blue           (stay safe)
    ("#E69F00", "#FCF0D4"),  # orange         (enjoy and achieve)
    ("#CC79A7", "#F7E5EF"),  # reddish purple (positive contribution)
    ("#56B4E9", "#E0F5F8"),  # sky blue       (economic well-being; its tint apart from stay safe's)
    ("#8C6D31", "#EFE8DA"),
    ("#7F7F7F", "#EDEDED"),
    ("#B15928", "#F6E4D8"),
)
CROSS = ("#9AA3AB", "#EEF0F2")  # cross-cutting: grey chip, grey fill
_UNTAGGED_FILL = "#FFFFFF"
BORDER = "#8A96A3"
TEXT = "#1F2933"
MUTED = "#525D68"  # (4.5:1 or more on every outcome tint, as is the text of badges)
#: Red, dark amber and blue: apart in hue and lightness, so that a warning's outline is not read as an
#: error's. Each reads at 4.5:1 or more as text on white, on every outcome tint and on the report's
#: shaded cells, and white text on each does too (the badges).
SEVERITY_COLOURS = {"error": "#B71C1C", "warning": "#7A5600", "info": "#3B5BA5"}
#: The mark before a rule code, one shape per severity: the colour is not left to tell them apart alone.
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
    "indicator": KindStyle(9, 32, 3),  # (titles of one family of indicators differ late in the text)
}


@dataclass
class Palette:
    """The colours of a plan's framework outcomes (outcome id -> strong colour and tint), and their
    titles for the legend."""

    colours: dict[str, tuple[str, str]]
    titles: dict[str, str]

    @classmethod
    def of(cls, plan: Plan) -> Palette:
        fw = plan.framework
        colours = {o.id: PALETTE[i % len(PALETTE)] for i, o in enumerate(fw.outcomes)}
        return cls(colours, {o.id: o.title for o in fw.outcomes})

    def fill(self, outcomes: Sequence[str], cross: bool) -> str:
        if cross:
            return CROSS[1]
        if len(outcomes) == 1 and outcomes[0] in self.colours:
            return self.colours[outcomes[0]][1]
        return _UNTAGGED_FILL if not outcomes else "#FAFAFA"

    def chips(self, outcomes: Sequence[str], cross: bool, size: int = 9) -> str:
        colours = [CROSS[0]] if cross else [self.colours[o][0] for o in outcomes if o in self.colours]
        if not colours:
            return ""
        cells = "".join(
            f'<TD WIDTH="{size}" HEIGHT="{size}" FIXEDSIZE="TRUE" BGCOLOR="{c}"></TD>' for c in colours
        )
        return f'<TABLE BORDER="0" CELLSPACING="2" CELLPADDING="0"><TR>{cells}</TR></TABLE>'


def badges(findings: Sequence[Finding], size: float = 8, most: int = 5) -> str:
    """Rule codes as tags in the colour and mark of their severity (``✖ OG104``, ``▲ OG102``,
    ``● OG503``), the most serious first, for an HTML-like label."""
    codes: dict[str, str] = {}
    for f in sorted(findings, key=lambda f: (_SEVERITY_ORDER.get(f.severity, 3), f.rule)):
        codes.setdefault(f.rule, f.severity)
    items = list(codes.items())
    tags = [
        f'<FONT COLOR="{SEVERITY_COLOURS.get(sev, MUTED)}"><B>{SEVERITY_MARKS.get(sev, DOT)} {dot_html(code)}</B></FONT>'
        for code, sev in items[:most]
    ]
    if len(items) > most:
        tags.append(f'<FONT COLOR="{MUTED}">+{len(items) - most}</FONT>')
    return f'<FONT POINT-SIZE="{num(size)}">{"  ".join(tags)}</FONT>'


def worst_severity(findings: Iterable[Finding]) -> str | None:
    """The severity of the most serious of ``findings`` (None: no finding)."""
    sev = sorted((f.severity for f in findings), key=lambda s: _SEVERITY_ORDER.get(s, 3))
    return sev[0] if sev else None
