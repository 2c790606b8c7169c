"""What the report's sections share: the severities' words, a rule code's badge, a priority's
label, shortened text, a day as the report writes it, and which tables print on one page."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from ..escape import html_attr, html_text

if TYPE_CHECKING:
    from ...model.plan import Plan

#: Each severity's word, alone and of several ("Errors").
SEVERITY_WORDS = {
    "error": ("Error", "Errors"),
    "warning": ("Warning", "Warnings"),
    "info": ("Info", "Info"),
}

#: The most body rows of a table of each kind printed whole: a table this short moves to the next
#: page rather than be split, and fits under its section's heading and note on an A4 page (a row of
#: the matrix, with a priority's name, is about 60 pixels high; of the owner load, 25); a longer one
#: is split between rows, its heading row repeated on each page.
PAGE_ROWS = {"by-priority": 25, "matrix": 12, "load": 28}


def table_class(kind: str, rows: int) -> str:
    """A table's classes: its kind, and ``whole`` when it is short enough to print on one page."""
    return kind + (" whole" if rows <= PAGE_ROWS[kind] else "")


def code_badge(code: str, severity: str) -> str:
    """A rule code in the colour and with the mark of its severity (the diagram's: ``▲ OG302``)."""
    from ..diagram.style import DOT, SEVERITY_MARKS

    mark = SEVERITY_MARKS.get(severity, DOT)
    # (the mark and the colour are for the eye; a screen reader says the severity in words)
    word = SEVERITY_WORDS.get(severity, (severity, severity))[0]
    return (
        f'<span class="badge sev-{html_attr(severity)}" title="{html_attr(severity)}">'
        f'<span aria-hidden="true">{mark}</span> <span class="vh">{html_text(word)}: </span>'
        f"{html_text(code)}</span>"
    )


def priority_label(plan: Plan, pid: str) -> str:
    """A priority as the report names it: its number (or id) and its title."""
    node = plan.nodes[pid]
    return f"{node.number or pid} {node.title}"


def short(text: str, n: int) -> str:
    """``text`` on one line, cut to ``n`` characters (the last an ellipsis) when longer.

    >>> short("Children   are\\nsafe", 40), short("Children are safe at home", 12)
    ('Children are safe', 'Children ar…')
    """
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def day(d: date) -> str:
    """A date as the report writes it: ``1 April 2011``."""
    return f"{d.day} {d.strftime('%B %Y')}"
