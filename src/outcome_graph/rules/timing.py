"""OG4xx: timing. Is every milestone dated, inside the plan, and in a feasible order?

A milestone's due date is an interval: from ``due`` when given, else parsed from its
``timescale`` (:mod:`outcome_graph.analysis.timescale`), with how it was read shown in messages.
A plan that states no dates at all gets one plan-wide OG401, and OG303 and OG402-OG405 stay silent.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import TYPE_CHECKING

from ..findings import Finding
from ._common import label, short
from .context import RuleContext
from .registry import rule

if TYPE_CHECKING:
    from ..analysis.timescale import Timing


def _read(timing: Timing, shown: str) -> str:
    """How the timescale was read, in brackets, unless it only says the date the message shows
    ("due 2011-06-30" after "was due by 2011-06-30"), or restates a single ``due`` date or range
    the message gives ("due 2012-04-01..2012-06-30" after "due from 2012-04 to 2012-06")."""
    if not timing.interpretation or timing.interpretation == f"due {shown}":
        return ""
    if timing.interpretation.startswith("due ") and tuple(map(str, timing.intervals)) == (shown,):
        return ""
    return f" ({timing.interpretation})"


@rule("OG401", "missing-date", "warning")
def missing_date(ctx: RuleContext) -> Iterator[Finding]:
    """A milestone with no date.

    ## What it does
    Reports a milestone that has no `due` and whose timescale gives no date that can be read without
    guessing (`TBA`, `TBC`, empty, a month or quarter with no year that the plan period does not
    settle). A timescale that defers to another document is OG404 instead. Ongoing and cadence
    wording (`Ongoing`, `Termly`, `Monthly`, `Annually`) gives a date: the plan period, which the
    work spans. A plan that states no dates at all gets one plan-wide finding, which names a
    timescale it could not read if one was written.

    ## Why it matters
    A milestone with no date cannot be late, so it is never chased: it is the first thing to slip
    out of a year's plan.

    ## Example
    Thurrock's plan gives some milestones the timescale "TBA".

    ## How to fix
    Give a timescale the plan's readers can hold people to (`June 11`, `End September 2012`), or
    an explicit `due:` date.
    """
    facts = ctx.facts
    timings = facts.timing
    if not timings:
        return
    if not facts.uses_dates:
        # (timescales written but unreadable are named: the one finding says why there is no date)
        written = [
            t
            for t in timings.values()
            if t.kind == "undated"
            and t.text.strip()
            and t.interpretation
            and not t.interpretation.endswith(": no date given")
        ]  # (not 'TBA')
        why = (
            f" {len(written)} of them write a timescale that cannot be read, such as "
            f"{written[0].interpretation}."
            if len(written) > 1
            else f" Its timescale cannot be read: {written[0].interpretation}."
            if written
            else ""
        )
        yield ctx.finding(
            None,
            (
                f"No milestone in the plan has a date: none of the {len(timings)} milestones "
                "states a due date or a timescale that gives one."
                if len(timings) != 1
                else "No milestone in the plan has a date: its one milestone states no due date "
                "and no timescale that gives one."
            )
            + why,
            "Give the milestones timescales (`June 11`, `Autumn 2011`) or `due:` dates."
            if ctx.in_yaml
            else "Give the milestones timescales (`June 11`, `Autumn 2011`) in "
            f"{ctx.field('timescale')}, or dates in {ctx.field('due')}.",
        )
        return
    for node_id, timing in timings.items():
        if timing.kind != "undated":
            continue
        node = ctx.plan.nodes[node_id]
        if timing.text.strip():
            msg = (
                f"{label(ctx, node_id)} '{short(node.title, 50)}' has no readable date: "
                f"{timing.interpretation or repr(timing.text)}."
            )
        else:
            msg = f"{label(ctx, node_id)} '{short(node.title, 50)}' has no timescale or due date."
        due = (
            f"an explicit {ctx.field('due')} date"
            if ctx.in_yaml
            else f"an explicit date in {ctx.field('due')}"
        )
        yield ctx.finding(
            node_id,
            msg,
            "Give a timescale the plan's readers can hold people to (`June 11`, "
            f"`End September 2012`), or {due}.",
            location=ctx.place_of(node_id, "timescale", "due"),
        )


@rule("OG402", "milestone-outside-period", "warning", options={"grace-days": 31})
def milestone_outside_period(ctx: RuleContext) -> Iterator[Finding]:
    """A milestone due outside the plan period.

    ## What it does
    Reports a milestone whose whole due interval lies before the plan period starts, or ends more
    than `grace-days` (default 31) after the period ends (an interval that starts within the
    period, such as "Spring 2009" in a plan ending in March 2009, runs past its end). Ongoing
    work spans the plan period, unless it only starts after the period ends (`From April 2013
    onwards` in a 2011-12 plan), which is reported too.

    ## Why it matters
    A 2011-12 plan with a milestone due in September 2012 either promises work it will not review,
    or carries a date typed wrong; one due before the plan starts is usually last year's row
    left in.

    ## Example
    Thurrock's plan for April 2011 to March 2012 has a milestone with the timescale "End
    September 2012".

    ## How to fix
    Correct the date, or move the milestone to the plan that covers it.

    ## Options
    `grace-days`: how many days after the period's end a milestone may still be due (default 31).
    """
    facts = ctx.facts
    if not facts.uses_dates:
        return
    start, end = ctx.plan.period
    # (a grace beyond the calendar's last day leaves nothing after it)
    limit = end + timedelta(days=min(int(ctx.option("grace-days")), (date.max - end).days))
    for node_id, timing in facts.timing.items():
        span = timing.span
        # (ongoing work spans the plan period, but work that only starts after it ends, "From
        # April 2013 onwards" in a 2011-12 plan, has that start as its interval and is reported)
        if span is None or timing.kind not in ("dated", "ongoing"):
            continue
        if span.end < start:
            where = f"before the plan period starts ({start.isoformat()})"
        elif span.end > limit:
            # ("Spring 2009" in a plan ending 2009-03-31 starts within the period and runs past it)
            where = (
                f"after the plan period ends ({end.isoformat()})"
                if span.start > end
                else f", which runs past the end of the plan period ({end.isoformat()})"
            )
        else:
            continue
        shown = str(span)
        spoken = shown.replace("..", " to ")  # ("2012-05 to 2012-11", not "2012-05..2012-11")
        due = (
            f"is ongoing from {spoken}"
            if timing.kind == "ongoing"
            else f"is due from {spoken}"
            if ".." in shown
            else f"is due {spoken}"
        )
        yield ctx.finding(
            node_id,
            f"{label(ctx, node_id)} "
            f"{due}{'' if where.startswith(',') else ', ' if '..' in shown else ' '}"
            f"{where}{_read(timing, shown)}.",
            location=ctx.place_of(node_id, "due", "timescale"),
        )


@rule("OG403", "overdue-milestone", "warning")
def overdue_milestone(ctx: RuleContext) -> Iterator[Finding]:
    """A milestone past its date and not done.

    ## What it does
    When the plan states `as_of` (the date progress is judged at), reports a milestone whose status
    is not `done` and whose due interval ended before that date.

    ## Why it matters
    Overdue milestones are what a progress report to the board is for: each needs a new date or an
    explanation.

    ## Example
    `as_of: 2011-10-01` and a milestone due "June 11" with `status: on_track`.

    ## How to fix
    Mark it `status: done` if it was delivered, or agree a new date and record it.
    """
    as_of = ctx.plan.meta.as_of
    facts = ctx.facts
    if as_of is None or not facts.uses_dates:
        return
    for node_id, timing in facts.timing.items():
        span = timing.span
        if span is None or timing.kind != "dated" or not span.end < as_of:
            continue
        status = getattr(ctx.plan.nodes[node_id], "status", None)
        if status != "done":
            yield ctx.finding(
                node_id,
                f"{label(ctx, node_id)} was due by "
                f"{span.end.isoformat()}{_read(timing, span.end.isoformat())} and is "
                f"{'not marked done' if status is None else 'still ' + status.replace('_', ' ')} "
                f"as of {as_of.isoformat()}.",
                f"Mark it {ctx.field('status', value='done')} if it was delivered, or agree a "
                "new date and record it.",
                location=ctx.place_of(node_id, "status", "due", "timescale"),
            )


@rule("OG404", "external-timescale", "info")
def external_timescale(ctx: RuleContext) -> Iterator[Finding]:
    """A timescale that defers to another document.

    ## What it does
    Reports a milestone whose timescale refers the reader elsewhere (`See 14-19 Plan`, `As in Play
    Strategy`) instead of giving a date. Silent in a plan that states no dates at all, which gets
    OG401's one plan-wide finding instead.

    ## Why it matters
    The date lives in a document the board does not see with this plan; if that document changes,
    this plan silently changes with it.

    ## Example
    Thurrock's plan gives several milestones the timescale "See 14-19 Plan".

    ## How to fix
    Copy the date from the other document into `due:` (keeping the reference in `timescale`), or
    accept the reference with an `ignore:` entry on the milestone (`{rule: OG404, reason: ...}`).
    """
    if not ctx.facts.uses_dates:
        return  # (OG401 reports the plan as a whole)
    for node_id, timing in ctx.facts.timing.items():
        if timing.kind == "external":
            ref = timing.reference or timing.text
            yield ctx.finding(
                node_id,
                f"{label(ctx, node_id)}'s timescale defers to another document: {ref!r}.",
                f"Copy the date from the other document into {ctx.field('due')} (keeping the "
                f"reference in {ctx.field('timescale', key='`timescale`')}), or accept the "
                f"reference with {ctx.ignore_entry('the milestone')}.",
                location=ctx.place_of(node_id, "timescale"),
            )


@rule("OG405", "dependency-order", "warning")
def dependency_order(ctx: RuleContext) -> Iterator[Finding]:
    """A milestone due before one it depends on.

    ## What it does
    Reports a milestone whose due interval ends before that of a milestone listed in its
    `depends_on`.

    ## Why it matters
    If B needs A first, B cannot be finished before A: one of the two dates is wrong.

    ## Example
    "Deliver interventions" due June 2011, depending on "Source interventions" due July 2011.

    ## How to fix
    Correct one of the dates, or the dependency.
    """
    facts = ctx.facts
    if not facts.uses_dates:
        return
    for node in facts.cross_referring:
        deps = node.__dict__.get("depends_on")  # (a field only milestones have)
        if not deps:
            continue
        mine = facts.timing.get(node.id)
        if mine is None or mine.span is None or mine.kind != "dated":
            continue
        for dep in deps:
            theirs = facts.timing.get(dep)
            if theirs is None or theirs.span is None or theirs.kind != "dated":
                continue
            if mine.span.end < theirs.span.end:
                yield ctx.finding(
                    node.id,
                    f"{label(ctx, node.id)} is due by {mine.span.end.isoformat()}, before {dep}, "
                    f"which it depends on, is due ({theirs.span.end.isoformat()}).",
                    location=ctx.place_of(node.id, "due", "timescale"),
                )
