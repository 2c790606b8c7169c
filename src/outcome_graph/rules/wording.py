"""OG6xx: consistency of wording. Does the plan say the same thing everywhere it says it?

A node's ``title`` is its wording in the plan's primary view; ``variants`` are its wording elsewhere
(a summary matrix, an overview list). Comparison ignores case, punctuation, ``&``/``and``,
compound spellings, function words, word order and leading labels
(:mod:`outcome_graph.analysis.wording`). These rules only run where the plan has variants or views.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..findings import Finding
from ._common import label, short
from .context import RuleContext
from .registry import rule

if TYPE_CHECKING:
    from ..model.document import NodeSpec


def _words(words: tuple[str, ...], limit: int = 8) -> str:
    """The words quoted as a list is read: "'a'", "'a' and 'b'", "'a', 'b' and 'c'", "'a', ... and 3
    more"."""
    shown = [f"'{w}'" for w in words[:limit]]
    if len(words) > limit:
        shown.append(f"{len(words) - limit} more")
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]


_PLURAL = {"priority": "priorities"}


def _plural(kind: str, n: int) -> str:
    return kind if n == 1 else _PLURAL.get(kind, kind + "s")


def _variants_by_text(node: NodeSpec) -> list[tuple[str, str]]:
    """A node's variants, one per wording: (text, the views that word it so, joined: "overview and
    summary"). Two views with one wording are one finding, not two; so are two views whose
    wordings differ only in what the comparison ignores ("evidence-based" / "evidence based"),
    which would otherwise report the same added and dropped words twice."""
    views: dict[str, list[str]] = {}
    texts: dict[str, str] = {}
    for v in node.variants:
        key = " ".join(v.text.split())
        texts.setdefault(key, v.text)
        if v.where not in views.setdefault(key, []):
            views[key].append(v.where)
    if len(views) > 1:  # (most nodes: one variant, or one wording in several views)
        from ..analysis.wording import normalise_words

        merged: dict[str, str] = {}  # normalised wording -> the first key written so
        for key in list(views):
            norm = " ".join(normalise_words(key)) or key
            first = merged.setdefault(norm, key)
            if first != key:
                views[first].extend(w for w in views.pop(key) if w not in views[first])
    return [
        (texts[key], ", ".join(w[:-1]) + " and " + w[-1] if len(w) > 1 else w[0])
        for key, w in views.items()
    ]


@rule("OG601", "wording-drift", "info")
def wording_drift(ctx: RuleContext) -> Iterator[Finding]:
    """A variant wording that says materially more or less than the title.

    ## What it does
    Compares each variant (`variants: [{text, where}]`) with the node's title and reports words
    added or dropped, beyond case, punctuation, `&`/`and`, compound spellings
    (`well-being`/`wellbeing`), function words (a, the, to, of, their), word order, leading labels
    (`Priority One:`) and a framing opening (`We will`, `Ensure`, `Deliver`:
    `Deliver outstanding services` says what `Outstanding services` does; `Commission or deliver`
    says who delivers, and counts). A variant that reverses the title's direction is OG602 instead.
    Views that word a node the same way (or differently only in what the comparison ignores) are one
    finding, naming them all.

    ## Why it matters
    Plans are written by many hands: the summary matrix and the detailed tables drift apart, and the
    board approves one wording while the teams deliver the other.

    ## Example
    Thurrock's pillar is "Excellent childcare, schools, colleges and services" in its detail tables
    and "Priority One: Excellent childcare, schools, colleges and settings" in its summary matrix.

    ## How to fix
    Make the wordings agree (usually by correcting the summary), or, if the difference is intended,
    say why in an `ignore:` entry on the node (`ignore: [{rule: OG601, reason: ...}]`).
    """
    from ..analysis.wording import polarity_reversals, wording_diff

    for node in ctx.facts.with_variants:
        for text, where in _variants_by_text(node):
            if polarity_reversals(node.title, text):
                continue
            diff = wording_diff(node.title, text)
            if not diff.material:
                continue
            parts = []
            if diff.added:
                parts.append(f"adds {_words(diff.added)}")
            if diff.dropped:
                parts.append(f"drops {_words(diff.dropped)}")
            # (", and" between the two lists once the first has its own "and")
            joined = (", and " if len(parts) == 2 and " and " in parts[0] else " and ").join(parts)
            yield ctx.finding(
                node.id,
                f"The {where} wording of {label(ctx, node.id)} {joined}: '{short(text, 90)}'.",
                "Make the wordings agree (usually by correcting the summary), or, if the "
                "difference is intended, say why in "
                f"{ctx.ignore_entry(f'the {node.kind}', listed=True)}.",
            )


@rule("OG602", "polarity-conflict", "error")
def polarity_conflict(ctx: RuleContext) -> Iterator[Finding]:
    """A variant wording that reverses the title's direction.

    ## What it does
    Reports a variant that says the opposite of the title: increase/reduce, more/fewer,
    raise/lower, above/below, entering/leaving, improve/worsen, naming the words; or the title
    with a negation added or removed and nothing else changed but function words (`Reduce
    exclusions` / `Do not reduce exclusions`: 'reduce' becomes 'not reduce'). A wording that
    turns a direction round twice says the same thing and is not reported here (its changed
    words are OG601's): a negation with it (`reduce the number of young people NEET` /
    `increase the number ... in education, employment or training`), a change it governs
    (`reduce the rise in obesity` / `increase the fall in obesity`), a pair naming both ends
    reordered (`low and high achievers` / `high and low achievers`), or the complement of what
    a count counts (`reduce the number of schools below floor targets` / `increase the number of
    schools above floor targets`).

    ## Why it matters
    Two places in one plan promise opposite things: one of them is wrong, and whoever reads that
    one works toward the wrong result.

    ## Example
    Thurrock's objective P2.A3.O3 is to "take steps to increase the number of pupils from lower
    income families entering further and higher education" in its detail tables and overview, and
    to "take steps to reduce" that number in its summary matrix.

    ## How to fix
    Correct the wording that is wrong.
    """
    from ..analysis.wording import polarity_reversals

    for node in ctx.facts.with_variants:
        for text, where in _variants_by_text(node):
            reversals = polarity_reversals(node.title, text)
            if reversals:
                pairs = ", ".join(f"'{r.title_word}' becomes '{r.variant_word}'" for r in reversals)
                yield ctx.finding(
                    node.id,
                    f"The {where} wording of {label(ctx, node.id)} reverses its direction "
                    f"({pairs}): '{short(text, 90)}'.",
                )


@rule("OG603", "missing-from-view", "warning")
def missing_from_view(ctx: RuleContext) -> Iterator[Finding]:
    """A node left out of a view that all its siblings appear in.

    ## What it does
    With `plan.views` declared, reports a node absent from a view (no `views` entry, no variant)
    that every other sibling (the nodes with the same parent and kind; a priority with no parent
    is the vision's) appears in: of two siblings, the one absent from a view the other is in. A
    node with no sibling is not reported, nor are siblings that a view leaves out two or more at
    a time.

    ## Why it matters
    A summary or overview that lists every objective of an aim but one makes that one invisible to
    the readers of the summary, usually the board.

    ## Example
    Thurrock's summary matrix states every objective of aim P1.A3 but P1.A3.O2.

    ## How to fix
    Add the node to the view (a `views` entry, or a variant with the view's wording), or remove the
    view's claim to be complete.
    """
    plan = ctx.plan
    if not plan.meta.views:
        return
    facts = ctx.facts
    kind_of = facts.kind_of
    siblings: dict[tuple[str, str], list[str]] = defaultdict(list)
    # A priority with no parent belongs to the vision
    # (as for OG103): a sibling of those that name it.
    vision = next((v.id for v in plan.of_kind("vision")), "")
    for node_id, parents in facts.parents.items():
        if parents:
            kind = kind_of[node_id]
            for p in parents:
                siblings[(p, kind)].append(node_id)
        elif not plan.parents[node_id]:
            kind = kind_of[node_id]
            siblings[(vision if kind == "priority" else "", kind)].append(node_id)
    # Only nodes with `views` or `variants` are in a view other than the primary one.
    views_of: dict[str, set[str]] = {}
    for node in (*facts.with_views, *facts.with_variants):
        views_of[node.id] = set(plan.effective_views(node))
    primary_only = {plan.primary_view}
    reported: set[tuple[str, str]] = set()
    for (parent, _kind), members in siblings.items():
        if len(members) < 2 or views_of.keys().isdisjoint(members):
            continue  # all in the primary view alone: none is missing from a view the others are in
        for view in plan.meta.views:
            present = [m for m in members if view in views_of.get(m, primary_only)]
            if len(present) != len(members) - 1:
                continue
            missing = next(m for m in members if view not in views_of.get(m, primary_only))
            if (missing, view) in reported:
                continue
            reported.add((missing, view))
            under = f" of {parent}" if parent else ""
            kind = plan.nodes[missing].kind
            others = (
                f"the other {kind}{under} appears"
                if len(present) == 1
                else f"both other {_plural(kind, 2)}{under} appear"
                if len(present) == 2
                else f"all {len(present)} other {_plural(kind, 2)}{under} appear"
            )
            yield ctx.finding(
                missing,
                f"{label(ctx, missing)} is not in the {view} view, where {others}.",
                f"Add the {kind} to the view ({_in_view(ctx)} with the view's wording), or "
                "remove the view's claim to be complete.",
            )


def _in_view(ctx: RuleContext) -> str:
    """How OG603's hint says a node is put in a view: a `views` entry, or a variant (in a
    spreadsheet, the view in the node's `views` column, or a row of the variants sheet)."""
    if ctx.in_yaml:
        return f"a {ctx.field('views', key='`views`')} entry, or a variant"
    return f"the view in {ctx.field('views')}, or a row of {ctx.sheet('variants')}"
