"""The owner load section: each owner's milestones by the month they are due, against their limit
(one table on screen; on paper, a table a year)."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from ..escape import html_attr, html_text, svg_id
from .common import code_badge, table_class

if TYPE_CHECKING:
    from ...config import Config
    from ...findings import Report
    from ...graph.facts import PlanFacts
    from ...model.plan import Plan

#: The most owners of a year's table of the owner load (class page) that fit a page of its own:
#: each after the first moves to the next page rather than be split (the first follows the
#: section's note).
_LOAD_PAGE_ROWS = 38


class OwnerLoads:
    """Each owner's milestones by the month they are due, as OG303 counts them, and each owner's
    limit (their ``capacity``, or the configured most), worked out once for the summary and the
    owner-load table."""

    def __init__(self, facts: PlanFacts, config: Config | None) -> None:
        from ..diagram import owner_limits

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


def owner_section(plan: Plan, facts: PlanFacts, report: Report, loads: OwnerLoads) -> str:
    """The owner-load table (on paper, a table a year), with its key."""
    from ...analysis.timescale.intervals import month_columns
    from ...graph.facts import by_load

    max_default, per_month = loads.max_default, loads.per_month
    with_findings = {o for f in report.findings if f.kind == "owner" for o in f.subjects}
    # Every owner with a milestone, and every owner a finding is about (its row is the finding's
    # link target).
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
    # owner -> its rules with their severity
    rules_of: dict[str, dict[str, str]] = defaultdict(dict)
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
        f'<th scope="col" class="{"month" if key in in_period else "month outside"}">'
        f"{date(key[0], key[1], 1).strftime('%b')}<br>{key[0]}</th>"
        for key in months
    )
    rows = []
    # each row's class, heading, total, months, the rest
    printed: list[tuple[str, str, str, list[str], str]] = []
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
            f" {code_badge(code, sev)}" for code, sev in rules_of.get(info.id, {}).items()
        )
        total = (
            f'<td class="total {"over" if over else ""}">{count} '
            f'<span class="muted">/ {limit}</span></td>'
        )
        rows.append(
            f'<tr id="r-owner-{html_attr(svg_id(info.id, ""))}" class="{"over" if over else ""}">'
            f'<th scope="row">{name}{flag}</th>{total}'
            f"<td>{earlier or ''}</td>{''.join(cells)}<td>{later or ''}</td>"
            f"<td>{undated or ''}</td></tr>"
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
        "<p>Milestones each owner leads (a milestone without a lead takes its objective's), by the "
        f'month they are due. <span class="key over">Above the limit</span> of {max_default} '
        "milestones (or the owner's <code>capacity</code>; OG302) and "
        f'<span class="key peak">more than {per_month} in a month</span> (OG303) are highlighted, '
        f'<span class="key busy">exactly {per_month}</span> (at the limit) shaded; grey months lie '
        "outside the plan period. * an owner not declared in <code>owners:</code>.</p>"
    )
    # On paper, where nothing scrolls, the months are printed a year to a table: one table of
    # every month ran off the page's edge. The years are the plan's (from the month its period
    # starts), a few months before or after them joining the table next to them.
    year = 12
    split = len(months) > year
    tables = [
        f'<table class="{table_class("load", len(rows))}{" screen-only" if split else ""}">'
        '<caption class="vh">Milestones each owner leads, by month due</caption>'
        '<thead><tr><th scope="col">Owner</th><th scope="col">Milestones / limit</th>'
        f'<th scope="col">Earlier</th>{header}'
        '<th scope="col">Later</th><th scope="col">No month</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    ]
    if split:
        month_heads = re.findall(r"<th scope=\"col\".*?</th>", header)
        earlier_head, later_heads = (
            '<th scope="col">Earlier</th>',
            '<th scope="col">Later</th><th scope="col">No month</th>',
        )
        # (a table a page to itself when a page holds its rows)
        page = " page" if len(printed) <= _LOAD_PAGE_ROWS else ""
        for i, j in _plan_years(months, (start.year, start.month), year):
            opening, closing = i == 0, j >= len(months)
            body = "".join(
                f'<tr class="{cls}">{head}{before if opening else ""}{"".join(cells[i:j])}'
                f"{after if closing else ''}</tr>"
                for cls, head, before, cells, after in printed
            )
            span = (
                f"{date(*months[i], 1).strftime('%B %Y')} to "
                f"{date(*months[j - 1], 1).strftime('%B %Y')}"
            )
            tables.append(
                f'<table class="{table_class("load", len(printed))} print-only{page}">'
                f'<caption>{html_text(span)}</caption><thead><tr><th scope="col">Owner</th>'
                '<th scope="col">Milestones / limit</th>'
                f"{earlier_head if opening else ''}{''.join(month_heads[i:j])}"
                f"{later_heads if closing else ''}</tr></thead><tbody>{body}</tbody></table>"
            )
    return (
        f'<section id="r-owners"><h2>Owner load</h2>{note}'
        '<div class="scroll" tabindex="0" role="region" aria-label="Owner load table">'
        f"{''.join(tables)}</div></section>"
    )


def _plan_years(
    months: Sequence[tuple[int, int]], start: tuple[int, int], year: int = 12, most_joined: int = 3
) -> list[tuple[int, int]]:
    """The printed owner-load tables' spans of ``months`` (index ranges): a year each from the
    plan's first month, with a run of at most ``most_joined`` months before the first or after
    the last joining it (a table of one month's column said little).

    >>> months = [(2008, m) for m in range(3, 13)] + [(2009, m) for m in range(1, 13)]
    >>> months += [(2010, m) for m in (1, 2, 3)]
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
