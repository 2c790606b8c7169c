"""OG2xx: outcome coverage. Does the plan address, and measure, every outcome of its framework?

Coverage uses effective outcomes (a node without ``outcomes`` inherits its parents'). Branches
marked ``outcomes: []`` are deliberately cross-cutting and left out. A plan that tags nothing
with an outcome gets one plan-wide OG201, and OG202-OG204 stay silent.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from itertools import chain

from ..errors import with_article
from ..findings import Finding
from ._common import and_list, ignored_at, label, outcome_title, short
from .context import RuleContext
from .registry import rule

_PLURALS = {"priority": "priorities", "aim": "aims", "objective": "objectives"}


def _states_outcomes(ctx: RuleContext) -> bool:
    """Whether the plan tags any node of its hierarchy with an outcome (indicators do not count:
    the catalogue gives every National Indicator one)."""
    return ctx.facts.outcomes_stated


def _coverage_level(ctx: RuleContext) -> str | None:
    """The level coverage is counted at: objectives, else the lowest of aims and priorities used."""
    for kind in ("objective", "aim", "priority"):
        if kind in ctx.facts.levels_used:
            return kind
    return None


def _counted(ctx: RuleContext, kind: str) -> Sequence[str]:
    cross = ctx.facts.cross_cutting
    ids = ctx.facts.ids_of(kind)
    return [n for n in ids if n not in cross] if cross else ids


def _indicator_outcomes(ctx: RuleContext) -> set[str]:
    """Outcomes some indicator measures: its own (or catalogue's), or those of the nodes it
    measures."""
    facts = ctx.facts
    cross = facts.cross_cutting
    outcomes = facts.outcomes
    seen: set[tuple[str, ...] | None] = set()  # the distinct outcome tuples met (few)
    for ind_id, nodes in facts.measures.items():
        counted = [n for n in nodes if n not in cross] if cross else nodes
        if not counted:
            continue  # measures only cross-cutting work
        seen.add(outcomes.get(ind_id))
        seen.update(map(outcomes.get, counted))
    return set(chain.from_iterable(filter(None, seen)))


@rule("OG201", "outcome-gap", "warning")
def outcome_gap(ctx: RuleContext) -> Iterator[Finding]:
    """An outcome of the framework that no objective, or no indicator, addresses.

    ## What it does
    For each outcome of the plan's framework (the five Every Child Matters outcomes by default),
    reports when no objective carries it, or when no indicator measures it, counting inherited
    outcomes and leaving out cross-cutting branches (`outcomes: []`). A plan that tags nothing with
    an outcome gets one plan-wide finding instead.

    ## Why it matters
    A Children and Young People's Plan is organised around the five outcomes: an outcome with no
    objective is one the partnership has no plan for, and one with no indicator is one nobody will
    know they improved.

    ## Example
    A plan whose objectives cover being healthy, staying safe and enjoying and achieving, but whose
    only economic well-being commitment has no indicator against it. Thurrock's plan tags none of
    its pillars, aims or objectives with an Every Child Matters outcome: one plan-wide finding says
    its coverage cannot be checked.

    ## How to fix
    Add an objective (or tag an existing one with the outcome it serves), and an indicator that
    measures it. If the plan deliberately leaves the outcome to another plan, say so in `notes` and
    suppress the finding with `ignore:` on the plan.
    """
    framework = ctx.plan.framework
    if not _states_outcomes(ctx):
        if ctx.plan.nodes:
            # (a vision's outcomes pass only to the priorities that name it as their parent)
            vision = next((n for n in ctx.facts.of_kind("vision") if n.outcomes), None)
            aside = (
                f" (the vision's outcomes pass to no priority: none names {vision.id} as its "
                "parent)"
                if vision
                else ""
            )
            yield ctx.finding(
                None,
                "The plan tags no priority, aim, objective or milestone with an outcome of its "
                f"framework ({framework.title}), so its coverage cannot be checked{aside}.",
                "Give each priority (or aim) the outcomes it serves with "
                f"{ctx.field('outcomes')}; lower levels inherit them.",
            )
        return
    level = _coverage_level(ctx)
    if level is None:
        return
    outcomes = ctx.facts.outcomes
    # (the nodes share few distinct outcome tuples: inherited ones are the parent's own)
    carried = set(chain.from_iterable({outcomes.get(n, ()) for n in _counted(ctx, level)}))
    measured = _indicator_outcomes(ctx) if ctx.facts.indicators_stated else set(framework.ids)
    plural = {"objective": "objective", "aim": "aim", "priority": "priority"}[level]
    for o in framework.ids:
        gaps = []
        if o not in carried:
            gaps.append(f"no {plural}")
        if o not in measured:
            gaps.append("no indicator")
        if gaps:
            yield ctx.finding(
                None,
                f"The outcome '{outcome_title(ctx, o)}' has {' and '.join(gaps)} in the plan.",
                _gap_hint(ctx, o, level, objective=o not in carried, indicator=o not in measured),
            )


def _gap_hint(
    ctx: RuleContext, outcome: str, level: str, *, objective: bool, indicator: bool
) -> str:
    """OG201's hint for one outcome: where to write it (the `outcomes` column, in a spreadsheet),
    the indicator to list, and how to accept a gap another plan covers."""
    above = {"objective": " (or its aim or priority)", "aim": " (or its priority)", "priority": ""}[
        level
    ]
    todo = []
    if objective:
        where = ctx.field("outcomes", key=f"`outcomes: [{outcome}]`", value=outcome)
        todo.append(f"tag {with_article(level)} that serves it{above} with {where}, or add one")
    if indicator:
        todo.append(f"list an indicator that measures it in {ctx.field('indicators')}")
    steps = ", and ".join(todo)
    return (
        f"{steps[0].upper()}{steps[1:]}; if another plan covers it, add "
        f"{ctx.ignore_entry(None, listed=True)}."
    )


@rule("OG202", "outcome-imbalance", "info", options={"min-share": 0.05})
def outcome_imbalance(ctx: RuleContext) -> Iterator[Finding]:
    """An outcome that only a token share of the objectives serves.

    ## What it does
    For each outcome, divides the objectives carrying it by the objectives carrying any outcome;
    reports an outcome whose share is above 0 and under `min-share` (default 0.05).

    ## Why it matters
    An outcome served by one objective in forty is nominally covered but has no real weight in the
    plan; the board should see that imbalance and decide whether it is intended.

    ## Example
    One objective in thirty tagged "make a positive contribution" in a plan dominated by
    attainment and safeguarding.

    ## How to fix
    Strengthen the outcome with objectives of its own, or accept the balance in an `ignore:` entry
    under `plan:` that says why (`{rule: OG202, reason: ...}`).

    ## Options
    `min-share`: the smallest share not reported (default 0.05).
    """
    if not _states_outcomes(ctx):
        return
    level = _coverage_level(ctx)
    if level is None:
        return
    outcomes = ctx.facts.outcomes
    carried = list(filter(None, map(outcomes.get, _counted(ctx, level))))  # (the nodes with any)
    if not carried:
        return
    min_share = float(ctx.option("min-share"))
    counts = Counter(chain.from_iterable(carried))
    for o in ctx.plan.framework.ids:
        count = counts[o]
        share = count / len(carried)
        if 0 < share < min_share:
            limit = f"{round(min_share * 100, 4):g}%"
            shown = next(
                text
                for digits in (0, 1, 2, 3)
                if (text := f"{share:.{digits}%}") != limit or digits == 3
            )
            yield ctx.finding(
                None,
                f"Only {count} of {len(carried)} {_PLURALS[level]} with an outcome ({shown}) "
                f"serve '{outcome_title(ctx, o)}', under the {limit} threshold.",
                "Strengthen the outcome with objectives of its own, or accept the balance in "
                f"{ctx.ignore_entry(None, that='that says why')}.",
            )


@rule("OG203", "untagged-branch", "info")
def untagged_branch(ctx: RuleContext) -> Iterator[Finding]:
    """A priority or aim with no outcome anywhere in its branch.

    ## What it does
    Reports a priority or aim that has no outcome, neither its own nor inherited, and is not marked
    cross-cutting (`outcomes: []`). Where nothing below it has an outcome either, only the top of
    the untagged branch is reported (and a node below it whose `ignore:` names the rule, where
    it is suppressed). Where something below it has one, it is reported when other
    nodes of its level state outcomes (a plan that tags its aims and never its priorities has
    priorities without outcomes by design).

    ## Why it matters
    Untagged work is invisible in the outcome coverage: the coverage matrix under-counts it and the
    board cannot see what it is for.

    ## Example
    Southend's priority "Inspire high aspirations for children and young people" has no outcome,
    and nothing under it has one.

    ## How to fix
    Add `outcomes:` with the outcomes it serves, or `outcomes: []` if it is deliberately
    cross-cutting (management, capacity, "lean and fit").
    """
    if not _states_outcomes(ctx):
        return
    facts = ctx.facts
    cross, outcomes = facts.cross_cutting, facts.outcomes
    untagged = [
        n
        for kind in ("priority", "aim")
        for n in facts.ids_of(kind)
        if n not in cross and not outcomes.get(n)
    ]
    stated = facts.stated_outcomes
    level_tags = {
        kind: any(stated.get(n) for n in facts.ids_of(kind)) for kind in ("priority", "aim")
    }
    whole: set[str] = set()  # tops of untagged branches
    for node_id in sorted(untagged, key=lambda n: ctx.plan.nodes[n]._order):  # (ancestors first)
        name = f"{label(ctx, node_id)} '{short(ctx.plan.nodes[node_id].title)}'"
        if not any(outcomes.get(d) for d in facts.descendants(node_id)):
            tops = [a for a in facts.ancestors(node_id) if a in whole]
            if tops:
                # (reported, to be suppressed, where its own ignore, or a branch-scoped one below
                # the top, names the rule: an entry of the top covers the top's finding)
                if ignored_at(ctx, node_id, below=tops[-1]):
                    yield ctx.finding(
                        node_id,
                        f"{name} has no outcome, and nothing under it has one.",
                        _tag_hint(ctx),
                    )
                continue
            whole.add(node_id)
            yield ctx.finding(
                node_id, f"{name} has no outcome, and nothing under it has one.", _tag_hint(ctx)
            )
        elif level_tags[facts.kind_of[node_id]]:
            yield ctx.finding(
                node_id,
                f"{name} has no outcome of its own or inherited, though other "
                f"{_PLURALS[facts.kind_of[node_id]]} of the plan state theirs.",
                _tag_hint(ctx),
            )


def _tag_hint(ctx: RuleContext) -> str:
    """OG203's hint: the outcomes to state, or the marker of a cross-cutting node, where the plan's
    form writes them."""
    verb = "Add" if ctx.in_yaml else "Fill in"
    return (
        f"{verb} {ctx.field('outcomes')} with the outcomes it serves, or "
        f"{ctx.field('outcomes', value='[]')} if it is deliberately cross-cutting (management, "
        'capacity, "lean and fit").'
    )


@rule("OG204", "indicator-outcome-mismatch", "info")
def indicator_outcome_mismatch(ctx: RuleContext) -> Iterator[Finding]:
    """An indicator that measures a node serving none of the indicator's outcomes.

    ## What it does
    Reports an indicator listed on a node when none of the node's (effective) outcomes is one of the
    indicator's outcomes (its own `outcomes`, else its catalogue's). Skipped where either side has
    no outcome, and for cross-cutting nodes.

    ## Why it matters
    A measure of one outcome used as evidence for another usually means the indicator was listed
    under the wrong objective, or the objective is tagged with the wrong outcome.

    ## Example
    Southend lists NI 110 (young people's participation in positive activities, a "make a positive
    contribution" indicator) under objective P4.A4.O2, which serves "enjoy and achieve".

    ## How to fix
    Move the indicator to the objective it measures, or correct the node's or the indicator's
    `outcomes`.
    """
    if not _states_outcomes(ctx) or not any(ctx.facts.measured_by.values()):
        return
    facts = ctx.facts
    cross = facts.cross_cutting
    outcomes = facts.outcomes
    disjoint: dict[tuple[tuple[str, ...], tuple[str, ...]], bool] = {}  # (few distinct pairs)
    for node_id, inds in facts.measured_by.items():
        if node_id in cross:
            continue
        node_outcomes = outcomes.get(node_id, ())
        if not node_outcomes:
            continue
        for ind in inds:
            ind_outcomes = outcomes.get(ind, ())
            if not ind_outcomes:
                continue
            pair = (node_outcomes, ind_outcomes)
            apart = disjoint.get(pair)
            if apart is None:
                apart = disjoint[pair] = set(node_outcomes).isdisjoint(ind_outcomes)
            if apart:
                kind = facts.kind_of[node_id]
                theirs = and_list(["'" + outcome_title(ctx, o) + "'" for o in ind_outcomes])
                ours = and_list(
                    [
                        "'" + outcome_title(ctx, o) + "'"
                        for o in sorted(node_outcomes, key=ctx.plan.framework.ids.index)
                    ]
                )
                yield ctx.finding(
                    node_id,
                    f"Indicator {ind} measures {theirs}, but {label(ctx, node_id)} serves {ours}.",
                    f"Move the indicator to the {kind} it measures, or correct the {kind}'s or "
                    "the indicator's "
                    + ("`outcomes`." if ctx.in_yaml else f"outcomes (in {ctx.field('outcomes')})."),
                )
