"""OG5xx: indicators. Are the plan's measures real, rightly named, targeted and on track?

Codes are resolved against the catalogues (:mod:`outcome_graph.reference.catalogue`): the National
Indicator Set is built in and a plan may add local ones. Titles are compared by meaning
(:mod:`outcome_graph.analysis.meaning`), not as strings. A plan with no indicators is reported once
by OG102 and these rules stay silent; a plan that states no targets gets one plan-wide OG503.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from ..analysis.timescale import parse_value_period
from ..analysis.wording import is_placeholder_title
from ..findings import Finding
from ..model.document import Indicator, Value
from ..reference.catalogue import code_prefix, normalise_code
from ._common import and_list, ignored_at, short
from .context import RuleContext
from .registry import rule

if TYPE_CHECKING:
    from ..analysis.meaning import MeaningMatcher
    from ..reference.catalogue import Catalogue, CatalogueEntry


def _indicators(ctx: RuleContext) -> list[Indicator]:
    return [n for n in ctx.facts.of_kind("indicator") if isinstance(n, Indicator)]


def _uses_indicators(ctx: RuleContext) -> bool:
    return bool(_indicators(ctx))


def _targets(ctx: RuleContext, ind: Indicator) -> list[Value]:
    """The indicator's own targets plus those stated on the nodes that list it."""
    # Three rules ask for every indicator's targets: worked out once per plan.
    cache: dict[str, list[Value]] = ctx.facts.__dict__.setdefault("_indicator_targets", {})
    known = cache.get(ind.id)
    if known is None:
        known = cache[ind.id] = _targets_of(ctx, ind)
    return list(known)


def _targets_of(ctx: RuleContext, ind: Indicator) -> list[Value]:
    return [*ind.all_targets(), *_reference_targets(ctx).get(ind.id, ())]


def _reference_targets(ctx: RuleContext) -> dict[str, list[Value]]:
    """Indicator id -> the targets the nodes listing it state on their references, in the order
    of the file: one pass over the references (a node listing a thousand indicators is read once,
    not once per indicator)."""
    facts = ctx.facts
    known: dict[str, list[Value]] | None = facts.__dict__.get("_reference_targets")
    if known is not None:
        return known
    out: dict[str, list[Value]] = {}
    indicator = ctx.plan.indicator
    for node in facts.with_indicators:
        for ref in node.__dict__["indicators"]:
            if ref.target is None and not ref.targets:
                continue
            ind = indicator(ref.id)
            if ind is not None:
                found = out.setdefault(ind.id, [])
                if ref.target is not None:
                    found.append(ref.target)
                found.extend(ref.targets or ())
    facts.__dict__["_reference_targets"] = out
    return out


@rule("OG501", "unknown-indicator", "warning")
def unknown_indicator(ctx: RuleContext) -> Iterator[Finding]:
    """An indicator code that its catalogue does not have.

    ## What it does
    Reports an indicator whose code has a known catalogue prefix (`NI`, or a local catalogue's) but
    is not in that catalogue (`NI 245`; `NI 31`, withdrawn). A listed lettered code (`NI 102a`) is
    itself; an unlisted letter (`NI 102c`) is read as its parent code and is not unknown.

    ## Why it matters
    A code that does not exist cannot be reported against: the figure the plan promises will never
    arrive, and the reader cannot tell which measure was meant.

    ## Example
    `NI 245` quoted in a plan: the National Indicator Set ends at NI 199.

    ## How to fix
    Correct the code (check the National Indicator Set or the local catalogue); if it is a measure
    of your own, not one of the catalogue's, write it without the catalogue's letters (`NI`), as a
    local measure.
    """
    for ind in _indicators(ctx):
        prefix = code_prefix(ind.id)
        if prefix is None or prefix not in ctx.plan.catalogues:
            continue
        entry, how = ctx.plan.catalogues[prefix].resolve(ind.id)
        if entry is None:
            yield ctx.finding(
                ind.id, f"Indicator {ind.id} is {how}."
            )  # ("not in the National Indicator Set")


def _unknown_code(ctx: RuleContext, code: str) -> bool:
    """Whether the code has a catalogue's prefix but is not in that catalogue (OG501 reports it)."""
    prefix = code_prefix(code)
    if prefix is None or prefix not in ctx.plan.catalogues:
        return False
    return ctx.plan.catalogues[prefix].resolve(code)[0] is None


@lru_cache(maxsize=16)
def _matcher(catalogues: tuple[Catalogue, ...]) -> MeaningMatcher:
    from ..analysis.meaning import MeaningMatcher

    return MeaningMatcher(list(catalogues))


@rule("OG502", "indicator-title-mismatch", "warning")
def indicator_title_mismatch(ctx: RuleContext) -> Iterator[Finding]:
    """An indicator code whose title in the plan describes a different indicator.

    ## What it does
    Compares the plan's title for a catalogue code (on the indicator, or on a node's inline
    reference) with the catalogue's title, by meaning: abbreviations and synonyms of the field are
    expanded (NEET, KS2, CAMHS, looked-after children...), generic words count little, and a
    shortened or reworded title of the right indicator passes. It reports a title that shares
    nothing distinctive with the catalogue's and evidently describes another indicator, naming it,
    and a title about another stage of education than the catalogue's (Key Stage 2 against Key
    Stage 4, the Foundation Stage against Key Stage 1), or about progress between other stages
    (Key Stage 2 to 4 against 3 to 4), whatever else they share. It also reports an indicator,
    coded or local, whose title is a placeholder (`TBC`, `TBA`, `tbd`, `N/A`, `-`) or a drafting
    note left in its place (`Chlamydia comment`, `YOIS comment re`, `Text to follow`): such a
    title describes no measure at all, and it is the title that says what the figure is.

    A code with a letter the catalogue does not list (`NI 102c`) is a part of its parent code
    (`NI 102`): its title is compared with the parent's, and the message says it is a part. A
    listed lettered code (`NI 102b`, the Key Stage 4 gap) is that sub-indicator; where the plan
    also uses unlisted letters of the same code, it letters the parts its own way, and the finding
    says so rather than which national letter the title reads like.

    ## Why it matters
    A wrong code means the figure reported to the board is a different measure from the one the
    plan describes: the target is judged against the wrong data.

    ## Example
    `NI 157` titled "participation in sport": the catalogue's NI 157 is the processing of planning
    applications (participation in PE and sport is NI 57).

    ## How to fix
    Correct the code to the indicator the title describes, or the title to the code's indicator.
    """
    if not _uses_indicators(ctx):
        return
    catalogues = ctx.plan.catalogues
    matcher = None  # built when a title first differs from its catalogue's (indexing is not free)
    checked: set[tuple[str, str]] = set()
    candidates: list[tuple[str, str, str]] = []  # (node reporting, code, title)
    for ind in _indicators(ctx):
        if ind.id not in ctx.plan.implicit_indicators:
            candidates.append((ind.id, ind.id, ind.title))
    for node in ctx.facts.with_indicators:
        for ref in node.__dict__["indicators"]:
            if ref.title:
                candidates.append((node.id, ref.id, ref.title))
    for where, code, title in candidates:
        prefix = code_prefix(code)
        catalogue = catalogues.get(prefix) if prefix is not None else None
        entry, how = catalogue.resolve(code) if catalogue is not None else (None, "")
        if (code, title) in checked:
            continue
        checked.add((code, title))
        if is_placeholder_title(title):
            yield _placeholder_title(ctx, where, code, title, entry)
            continue
        if entry is None or catalogue is None:
            continue
        if " ".join(title.split()).casefold() == " ".join(entry.title.split()).casefold():
            continue  # the catalogue's own title (local catalogues are made of the plan's titles)
        if matcher is None:
            matcher = _matcher(tuple(catalogues[p] for p in sorted(catalogues)))
        verdict = matcher.compare(title, entry)
        if verdict.agrees:
            continue
        better = ""
        theirs_shown = short(entry.title, 80)
        if verdict.better is not None:
            better_shown = short(verdict.better.title, 80)
            if better_shown == theirs_shown:
                # (NI 102a and NI 102b differ only after the
                # cut, in the Key Stage: both are shown whole)
                theirs_shown, better_shown = (
                    " ".join(entry.title.split()),
                    " ".join(verdict.better.title.split()),
                )
            better = f"; it reads like {verdict.better.code} '{better_shown}'"
            taken = ctx.plan.indicator(verdict.better.code)
            if (
                taken is not None
                and taken.id != code
                and taken.title
                and taken.title != verdict.better.title
            ):
                # (a plan's own lettering can take the national code: Richmond's NI 102a is local)
                better += f", a code this plan gives to '{short(taken.title, 60)}'"
        ours, theirs = (
            (f" ({verdict.stages[0]})", f" ({verdict.stages[1]})") if verdict.stages else ("", "")
        )
        hint = (
            "Check the code: use the indicator the title "
            f"describes{' (' + verdict.better.code + ')' if verdict.better else ''}, or retitle "
            "it."
        )
        own = _own_lettering(ctx, catalogue, entry)
        if own:
            # (the plan's own lettering of a code the catalogue letters too: say so, not which
            # national letter the title reads like)
            base = entry.parent
            listed = [e.code for e in catalogue if e.parent == base]
            owner = catalogue.title + ("'" if catalogue.title.endswith("s") else "'s")
            message = (
                f"{code} is titled '{short(title, 80)}'{ours}, but the {owner} {entry.code}, a "
                f"part of {base}, is '{theirs_shown}'{theirs}: the plan letters the parts of "
                f"{base} its own way ({_code_span(own)})."
            )
            hint = (
                f"Give the plan's own parts of {base} codes of a local catalogue "
                f"({ctx.field('catalogues')}), or use the {owner} letters ({and_list(listed)}) "
                "for the measures they name."
            )
        elif how != "listed":
            message = (
                f"{code} is titled '{short(title, 80)}'{ours}, but its code makes it a part of "
                f"{entry.code}, '{theirs_shown}'{theirs}{better}."
            )
        else:
            message = (
                f"{code} is titled '{short(title, 80)}'{ours}, but {entry.code} is "
                f"'{theirs_shown}'{theirs}{better}."
            )
        yield ctx.finding(where, message, hint)


def _own_lettering(ctx: RuleContext, catalogue: Catalogue, entry: CatalogueEntry) -> list[str]:
    """The plan's lettered codes of ``entry``'s parent, when the plan letters it its own way: a
    listed sub-indicator (``NI 102b``) in a plan that also uses letters the catalogue does not list
    (Richmond's ``NI 102c`` to ``NI 102f``); else ``[]``."""
    if entry.parent is None:
        return []
    lettered: list[str] = []
    unlisted = False
    for ind in _indicators(ctx):
        found, how = catalogue.resolve(ind.id)
        if found is None or (found.code != entry.parent and found.parent != entry.parent):
            continue
        if found.code == entry.parent and how == "listed":
            continue  # (the parent code itself)
        lettered.append(ind.id)
        unlisted = unlisted or how != "listed"
    return sorted(lettered, key=normalise_code) if unlisted else []


def _code_span(codes: list[str]) -> str:
    """``NI 102a to NI 102f`` for codes lettered a to f without a gap, else the codes listed."""
    letters = [c.strip()[-1].lower() for c in codes]
    if len(codes) > 2 and [ord(x) for x in letters] == list(
        range(ord(letters[0]), ord(letters[0]) + len(codes))
    ):
        return f"{codes[0]} to {codes[-1]}"
    return and_list(codes)


def _placeholder_title(
    ctx: RuleContext, where: str, code: str, title: str, entry: CatalogueEntry | None
) -> Finding:
    """OG502's finding for an indicator titled ``TBC``, ``N/A``, ``-`` or a drafting note
    (``Chlamydia comment``): it names no measure."""
    on = f" on {where}" if where != code else ""
    known = (
        f"; the catalogue's {entry.code} is '{short(entry.title, 80)}'" if entry is not None else ""
    )
    hint = (
        "Give it the catalogue's title, or the plan's own words for what it measures."
        if entry is not None
        else "Say in its title what it measures, or leave it out until it is defined (an "
        "objective it alone measures is then reported as unmeasured)."
    )
    return ctx.finding(
        where,
        f"Indicator {code} is titled {title.strip()!r}{on}, which does not say what it "
        f"measures{known}.",
        hint,
    )


@rule("OG503", "missing-target", "info")
def missing_target(ctx: RuleContext) -> Iterator[Finding]:
    """An indicator with no target, or a change target with no baseline.

    ## What it does
    Reports an indicator that has no target (on itself or on a node's reference to it), and a target
    stated as a `change` when the indicator has no `baseline`, or one that only stands in for it
    (`TBC`, `N/A`). A baseline stated in words is a baseline, as a target in words is a target:
    Southend's NI 112 targets "-29.6%" from its "1998 baseline", which is how the national
    indicator is measured (the percentage change from the 1998 under-18 conception rate). A plan
    that states no targets at all
    gets one plan-wide finding instead; so does a plan that states no baselines at all, for the
    indicators whose targets are changes (unless one of them suppresses the rule with `ignore:`:
    then each is reported, and suppressed, at the indicator).

    An indicator titled with a placeholder or a drafting note (`TBC`, `YOIS comment re`: OG502's)
    is named by its code and the catalogue's title, not by the placeholder.

    ## Why it matters
    An indicator without a target can be reported but not judged: nobody can say whether the figure
    is good enough. A "reduce by 11" without a starting figure cannot be checked either.

    ## Example
    Richmond's plan lists 165 indicators and states a target for none of them (one plan-wide
    finding); "Continue the reduction of teenage pregnancies (NI 112)" with no figure to reach.

    ## How to fix
    Add `target:` (or `targets:` per year) with the value to reach, and `baseline:` when the target
    is a change.
    """
    inds = _indicators(ctx)
    if not inds:
        return
    with_targets = {i.id: _targets(ctx, i) for i in inds}
    if not any(with_targets.values()):
        yield ctx.finding(
            None,
            f"The plan states no targets: none of its {len(inds)} indicators has a figure to reach."
            if len(inds) != 1
            else "The plan states no targets: its one indicator has no figure to reach.",
            "Give the indicators the plan commits to improving the value to reach in "
            f"{ctx.field('target')} (or {ctx.field('targets')}, per year).",
        )
        return
    implicit = ctx.plan.implicit_indicators
    # (an indicator the plan only names, by a code its catalogue does not have, is OG501's: asking
    # for the target of a code that does not exist, titled with the code itself, is noise)
    counted = [
        ind
        for ind in inds
        if not (
            ind.id in implicit
            and (not ctx.facts.measures.get(ind.id) or _unknown_code(ctx, ind.id))
        )
    ]
    # A plan that states no baseline anywhere (Thurrock's "11 more children will...") is told so
    # once, not once per change target (the field it never uses is absent, not missing).
    changes = [
        ind
        for ind in counted
        if any(t.change is not None and t.value is None for t in with_targets[ind.id])
    ]
    no_baselines = (
        len(changes) > 1
        and all(_no_baseline(ind.baseline) for ind in inds)
        and not any(ignored_at(ctx, ind.id) for ind in changes)
    )
    if no_baselines:
        listed = ", ".join(ind.id for ind in changes[:3]) + (
            f" and {len(changes) - 3} more" if len(changes) > 3 else ""
        )
        yield ctx.finding(
            None,
            f"The plan states no baselines: the targets of {len(changes)} indicators ({listed}) "
            "are changes with no figure to change from.",
            "Give each indicator the figure the change is measured from in "
            f"{ctx.field('baseline')}, or state its target as the value to reach.",
        )
    for ind in counted:
        targets = with_targets[ind.id]
        if not targets:
            yield ctx.finding(
                ind.id,
                f"Indicator {_named(ctx, ind)} has no target.",
                f"Give it the value to reach in {ctx.field('target')} (or "
                f"{ctx.field('targets')}, per year), and the figure it starts from in "
                f"{ctx.field('baseline')} when the target is a change.",
            )
        elif no_baselines:
            continue
        elif _no_baseline(ind.baseline) and any(
            t.change is not None and t.value is None for t in targets
        ):
            t = next(t for t in targets if t.change is not None and t.value is None)
            change = _signed(t.change or "")
            if ind.baseline is None:
                yield ctx.finding(
                    ind.id,
                    f"Indicator {ind.id}'s target for {t.period} is a change ({change}) but it "
                    "has no baseline to change from.",
                    f"Give the figure the change is measured from in {ctx.field('baseline')}.",
                )
            # (a baseline that says there is none yet, "TBC": the change cannot be judged either)
            else:
                yield ctx.finding(
                    ind.id,
                    f"Indicator {ind.id}'s target for {t.period} is a change ({change}) but its "
                    f"baseline for {ind.baseline.period} is "
                    f"{short(ind.baseline.text or '', 60)!r}, no figure to change from.",
                    "Give the baseline's figure "
                    f"({ctx.field('baseline', key='`baseline: {period: ..., value: ...}`')}).",
                )


def _no_baseline(baseline: Value | None) -> bool:
    """Whether an indicator states no baseline: none, or one with no figure whose words stand in
    for one not known yet (``TBC``, ``N/A``, ``-``). A baseline in words (``1998 baseline``) is
    stated, as the format's values are: a figure, or the source's words."""
    if baseline is None:
        return True
    if baseline.value is not None:
        return False
    from ..analysis.owners import is_placeholder

    return is_placeholder(baseline.text or "")


def _named(ctx: RuleContext, ind: Indicator) -> str:
    """An indicator as OG503 names it: its code and title (``NI 55 'Obesity in Reception
    Year'``); where the title is a placeholder or a drafting note (``YOIS comment re``, OG502's),
    the catalogue's title instead, which says what lacks a target, or the code alone."""
    if not is_placeholder_title(ind.title):
        return f"{ind.id} '{short(ind.title)}'"
    prefix = code_prefix(ind.id)
    catalogue = ctx.plan.catalogues.get(prefix) if prefix is not None else None
    entry = catalogue.resolve(ind.id)[0] if catalogue is not None else None
    if entry is None:
        return ind.id
    whose = (
        "the catalogue's"
        if normalise_code(entry.code) == normalise_code(ind.id)
        else f"a part of the catalogue's {entry.code},"
    )
    return f"{ind.id} ({whose} '{short(entry.title, 80)}')"


def _signed(change: str) -> str:
    """A change as a reader tells its way: ``+1`` where the plan wrote ``change: 1``."""
    change = change.strip()
    return "+" + change if change[:1].isdigit() else change


def _numeric_target(t: Value, baseline: Value | None) -> float | None:
    if t.value is not None:
        return t.value
    if t.change is not None and baseline is not None and baseline.value is not None:
        change = t.change
        if change.endswith("%"):
            return baseline.value * (1 + float(change[:-1]) / 100)
        return baseline.value + float(change)
    return None


def _change_sign(t: Value, baseline: Value | None) -> float | None:
    """The direction of a target relative to the baseline (+, - or 0), when it can be told."""
    if t.change is not None:
        return float(t.change.rstrip("%"))
    if t.value is not None and baseline is not None and baseline.value is not None:
        return t.value - baseline.value
    return None


@rule("OG504", "target-against-direction", "error")
def target_against_direction(ctx: RuleContext) -> Iterator[Finding]:
    """A target that moves the wrong way for its indicator.

    ## What it does
    Reports a target that moves away from the better direction of its indicator: below the baseline
    (or a negative change) for an indicator where higher is better (`direction: increase`), above
    it for one where lower is better (`decrease`), a change for one to `maintain` (a stated change,
    or a value other than the baseline's; a value with a comparator, `at_least 95`, is a floor or
    ceiling, not a change).

    ## Why it matters
    A target that plans for things to get worse is almost always a typo (a sign, a swapped
    baseline and target) or a direction set wrongly, and it makes the progress report nonsense.

    ## Example
    First-time entrants to the youth justice system (`direction: decrease`) with baseline 150 and
    target 170.

    ## How to fix
    Correct the target, the baseline or the indicator's `direction`.
    """
    for ind in _indicators(ctx):
        if ind.direction is None:
            continue
        for t in _targets(ctx, ind):
            sign = _change_sign(t, ind.baseline)
            if sign is None:
                continue
            wrong = (
                (ind.direction == "increase" and sign < 0)
                or (ind.direction == "decrease" and sign > 0)
                or (ind.direction == "maintain" and sign != 0 and t.comparator is None)
            )
            if not wrong:
                continue
            base = ind.baseline.value if ind.baseline is not None else None
            what = f"a change of {_signed(t.change)}" if t.change is not None else f"{t.value:g}"
            from_base = (
                f" from a baseline of {base:g}" if base is not None and t.change is None else ""
            )
            better = {"increase": "higher", "decrease": "lower", "maintain": "unchanged"}[
                ind.direction
            ]
            yield ctx.finding(
                ind.id,
                f"Indicator {ind.id}'s target for {t.period} is {what}{from_base}, but {better} "
                f"is better ({_direction_words(ind)}).",
                "Correct the target, the baseline or the indicator's "
                + ("`direction`." if ctx.in_yaml else f"direction (in {ctx.field('direction')})."),
            )


def _direction_words(ind: Indicator) -> str:
    """An indicator's direction as a message gives it (``its direction is increase``): in words, not
    as the YAML key (``direction: increase``), so it reads the same whatever form the plan is in."""
    return f"its direction is {ind.direction}"


def _held_side(comparator: str | None, direction: str | None) -> str | None:
    """Which side of a level held from baseline to target is off track: ``floor`` (below it),
    ``ceiling`` (above it), ``level`` (either), or None when nothing says.

    The target's comparator says it where there is one (it is what the plan promised for that
    target); else the indicator's direction: higher is better holds a floor, lower a ceiling."""
    if comparator in ("at_least", "above"):
        return "floor"
    if comparator in ("at_most", "below"):
        return "ceiling"
    return {"increase": "floor", "decrease": "ceiling", "maintain": "level"}.get(direction or "")


def _held_level_message(
    ind: Indicator, latest: Value, base: Value, target: Value, due: bool
) -> str | None:
    """OG505's message for a target equal to its baseline (a flat line), or None when on track.

    ``at_least``/``at_most`` (or a direction alone) hold the baseline's level: an actual on it is on
    track. ``above``/``below`` take the indicator past it: on the way an actual at the level is on
    the line, but once the target's period is reached (``due``) it must be strictly past."""
    side = _held_side(target.comparator, ind.direction)
    value, goal = latest.value, base.value
    if side is None or value is None or goal is None:
        return None
    strict = due and target.comparator in ("above", "below")
    if side == "floor":
        off = value <= goal if strict else value < goal
    elif side == "ceiling":
        off = value >= goal if strict else value > goal
    else:
        off = value != goal
    if not off:
        return None
    if target.comparator in ("above", "below"):
        keeps = f"takes it {target.comparator}"
        should = (
            f"be {target.comparator}"
            if strict
            else ("be at least" if side == "floor" else "be at most")
        )
    else:
        keeps, should = {
            "floor": ("keeps it at or above", "be at least"),
            "ceiling": ("keeps it at or below", "be at most"),
            "level": ("keeps it at", "still be"),
        }[side]
    why = "" if target.comparator is not None else f" ({_direction_words(ind)})"
    return (
        f"Indicator {ind.id} stood at {value:g} in {latest.period}; its target for "
        f"{target.period} {keeps} its baseline of {goal:g} in {base.period}{why}, so it should "
        f"{should} {goal:g}."
    )


@rule("OG505", "off-track-indicator", "warning")
def off_track_indicator(ctx: RuleContext) -> Iterator[Finding]:
    """An indicator whose latest actual is behind the line from baseline to target.

    ## What it does
    Takes the latest actual of an indicator with a baseline and a target, and reports it when it is
    on the wrong side of the straight line from the baseline to the target (by the periods' last
    days): below the line for an indicator where higher is better, above it where lower is better.
    Without a `direction`, the better way is read from the target against the baseline. A target
    `above` or `below` its figure is met only strictly past it: an actual for the target's period
    (or later) that equals the figure is reported. A target equal to its baseline is a level to
    hold (the line is flat): the latest actual is reported below it for a floor (`comparator:
    at_least` or `above`, or with no comparator `direction: increase`), above it for a ceiling
    (`at_most`, `below`, or `direction: decrease`), and on either side for an indicator to
    `maintain` with no comparator; the comparator, where there is one, decides over the direction.
    Without a direction or a comparator, such a target says no side is worse and nothing is
    reported. The message says which: "at or above its baseline" for a floor, "above" for a target
    to pass it.

    ## Why it matters
    This is the early warning a performance report exists for: the plan is not going to reach the
    target at the current rate.

    ## Example
    Baseline 50% (2010), target 60% (2012), actual 51% in 2011: the line expects 55%.

    ## How to fix
    Nothing in the file: it is a finding about delivery. Record the recovery action, or revise the
    target with the partnership's agreement.
    """
    for ind in _indicators(ctx):
        base = ind.baseline
        if base is None or base.value is None or not ind.actuals:
            continue
        try:
            actuals = sorted(
                (a for a in ind.actuals if a.value is not None),
                key=lambda a: parse_value_period(a.period).end,
            )
            if not actuals:
                continue
            latest = actuals[-1]
            t_actual = parse_value_period(latest.period).end
            t_base = parse_value_period(base.period).end
            targets = [(parse_value_period(t.period).end, t) for t in _targets(ctx, ind)]
        except ValueError:
            continue
        targets = [
            (d, t)
            for d, t in sorted(targets, key=lambda x: x[0])
            if _numeric_target(t, base) is not None and d > t_base
        ]
        if not targets:
            continue
        t_target, target = next(((d, t) for d, t in targets if d >= t_actual), targets[-1])
        goal = _numeric_target(target, base)
        assert goal is not None
        direction = ind.direction
        if t_actual <= t_base:
            continue
        if goal == base.value:
            message = _held_level_message(ind, latest, base, target, t_actual >= t_target)
            if message is not None:
                yield ctx.finding(ind.id, message)
            continue
        if direction is None or direction == "maintain":
            direction = "increase" if goal > base.value else "decrease"
        fraction = min(1.0, (t_actual - t_base).days / max(1, (t_target - t_base).days))
        expected = (
            base.value * (1 - fraction) + goal * fraction
        )  # (no overflow between figures near the float's limits)
        if not math.isfinite(expected):
            continue
        # A strict comparator (`below 30`) is met only past the figure, once its period is reached.
        strict = (
            t_actual >= t_target
            and target.comparator == {"increase": "above", "decrease": "below"}[direction]
        )
        value = latest.value
        assert value is not None
        if direction == "increase":
            behind = value <= expected if strict else value < expected
        else:
            behind = value >= expected if strict else value > expected
        if behind:
            bound = (
                target.comparator
                if strict
                else "at least"
                if direction == "increase"
                else "at most"
            )
            yield ctx.finding(
                ind.id,
                f"Indicator {ind.id} stood at {value:g} in {latest.period}; on the line from "
                f"{base.value:g} ({base.period}) to {goal:g} ({target.period}) it should be "
                f"{bound} {_figure(expected)}.",
            )


def _figure(x: float) -> str:
    """A worked-out figure as a reader writes it: three significant digits, never ``1.5e+03``."""
    return f"{x:.3g}" if abs(x) < 999.5 or abs(x) >= 1e15 else f"{x:.0f}"
