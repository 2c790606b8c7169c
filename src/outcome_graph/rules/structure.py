"""OG1xx: structure. Is the plan a well-formed hierarchy whose references resolve?"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator

from ..analysis.owners import is_placeholder
from ..errors import with_article
from ..findings import Finding
from ..graph.components import strongly_connected
from ..graph.facts import LEVEL_OF
from ..model.document import LEVELS
from ..reference.catalogue import leading_prefix
from ._common import and_list, label, short, whole_branches
from .context import RuleContext
from .registry import rule

_LEVEL_WORDS = {
    "vision": ("vision", "visions"),
    "priority": ("priority", "priorities"),
    "aim": ("aim", "aims"),
    "objective": ("objective", "objectives"),
    "milestone": ("milestone", "milestones"),
    "indicator": ("indicator", "indicators"),
}


_name = label
_short = short


@rule("OG101", "empty-branch", "warning")
def empty_branch(ctx: RuleContext) -> Iterator[Finding]:
    """A priority with no aims, an aim with no objectives, an objective with no milestones.

    ## What it does
    Reports a priority, aim or objective that has nothing under it, where the plan uses the level
    below elsewhere. Levels the plan never uses are skipped: a plan without milestones gets no
    "objective has no milestones". A priority written entirely without a level the plan uses
    elsewhere (themes written as outcome-and-measure tables, with actions only in another theme)
    is reported once, at the priority, unless some of its nodes suppress the rule with `ignore:`
    (then each is reported, and suppressed, at the node). A node that refers to another for its
    content (`see_also`, "Please refer to objective 2.4") is not empty when the node it refers to
    has something under it.

    ## Why it matters
    A branch with nothing under it is a promise with no delivery: the board sees an aim and no way
    it will be met. It is often a row lost when the plan was copied from last year's.

    ## Example
    Richmond's benefit 4.5.4, "Ensuring excellent customer service across services provided by
    the Children and Young People's Trust", has no actions under it, though the benefits around
    it have theirs.

    ## How to fix
    Add the aims, objectives or milestones that deliver it, or remove the branch if it was dropped.
    """
    facts = ctx.facts
    used = facts.levels_used
    empty: list[tuple[str, str]] = []  # (node id, the level missing under it)
    children = facts.children
    nodes = ctx.plan.nodes

    def refers_elsewhere(node_id: str) -> bool:
        # ("Please refer to objective 2.4": its work is written under the node it refers to)
        return any(t in nodes and children.get(t) for t in nodes[node_id].see_also)

    for kind in ("priority", "aim", "objective"):
        below = [k for k in LEVELS[LEVELS.index(kind) + 1 :] if k in used]
        if below:
            empty.extend(
                (node_id, below[0])
                for node_id in facts.ids_of(kind)
                if not children.get(node_id) and not refers_elsewhere(node_id)
            )
    empty.sort(key=lambda item: ctx.plan.nodes[item[0]]._order)
    # A whole priority written without a level the plan uses elsewhere (outcome-and-measure
    # tables with no actions, say) is one finding at the priority, not one per node.
    missing_of = dict(empty)
    whole, others = whole_branches(ctx, [n for n, _ in empty], "priority")
    for node_id, _missing in empty:
        node = ctx.plan.nodes[node_id]
        words = _LEVEL_WORDS[missing_of[node_id]][1]
        if node_id in whole:
            root, members = whole[node_id]
            yield ctx.finding(
                root,
                f"None of the {len(members)} {_LEVEL_WORDS[node.kind][1]} under "
                f"{_name(ctx, root)} '{_short(ctx.plan.nodes[root].title, 50)}' has {words}, "
                f"though the plan has {words} elsewhere.",
                f"Add the {words} that deliver them, or, if it is meant to have none, say why in "
                f"{ctx.ignore_entry('the priority')}.",
            )
        elif node_id in others:
            yield ctx.finding(
                node_id,
                f"{_name(ctx, node_id)} '{_short(node.title)}' has no {words} under it.",
                f"Add the {words} that deliver it, or remove the {node.kind} if it was dropped.",
            )


@rule("OG102", "unmeasured-objective", "warning")
def unmeasured_objective(ctx: RuleContext) -> Iterator[Finding]:
    """An objective with no indicator, neither its own nor its aim's or priority's.

    ## What it does
    Reports an objective that no indicator measures: none listed on it, its aim or its priority.
    An aim none of whose objectives is measured is reported once, at the aim (unless some of them
    suppress the rule with `ignore:`: then each is reported, and suppressed, at the objective); a
    plan that states no indicators anywhere gets one plan-wide finding instead of one per
    objective.

    ## Why it matters
    What is not measured cannot be shown to improve: the partnership board cannot tell whether the
    objective was met.

    ## Example
    Southend's aim P1.A1, "Engage with parents and communities to raise their aspiration for all
    groups of children and young people": none of its five objectives names a National Indicator
    or local measure, and neither does the aim or its priority.

    ## How to fix
    List the indicator that measures it under `indicators:` on the objective (or on its aim or
    priority when one indicator measures them all).
    """
    facts = ctx.facts
    measured_by = facts.measured_by
    if not facts.indicators_stated:
        if ctx.plan.nodes:
            objectives = len(facts.of_kind("objective"))
            yield ctx.finding(
                None,
                "The plan states no indicators at all"
                + (
                    (
                        f": none of its {objectives} objectives is measured."
                        if objectives != 1
                        else ": its one objective is not measured."
                    )
                    if objectives
                    else "."
                ),
                "Add the indicators that measure the plan's objectives (National Indicators or "
                "local measures).",
            )
        return
    measured_above = facts.above_test(lambda n: bool(measured_by.get(n)))
    flagged = [
        node_id
        for node_id in facts.ids_of("objective")
        if not measured_by.get(node_id) and not measured_above(node_id)
    ]
    # An aim none of whose objectives is measured is one finding at the aim.
    whole, others = whole_branches(ctx, flagged, "aim")
    for node_id in flagged:
        if node_id in whole:
            root, members = whole[node_id]
            yield ctx.finding(
                root,
                f"None of the {len(members)} objectives of Aim {root} "
                f"'{_short(ctx.plan.nodes[root].title, 50)}' has an indicator, and neither has "
                "the aim or its priority.",
                f"List the indicator that measures each objective {_indicators_of(ctx)} the "
                "objective (or on the aim when one indicator measures them all).",
            )
        elif node_id in others:
            yield ctx.finding(
                node_id,
                f"Objective {node_id} '{_short(ctx.plan.nodes[node_id].title)}' has no "
                f"indicator{_placeholder_indicator(ctx, node_id)}, and neither has any aim or "
                "priority above it.",
                f"List the indicator that measures it {_indicators_of(ctx)} the objective (or on "
                "its aim or priority when one indicator measures them all).",
            )


def _placeholder_indicator(ctx: RuleContext, node_id: str) -> str:
    """`` (its indicator says 'TBC')`` for a node that lists an undeclared placeholder as its
    indicator (no indicator, as a lead `TBC` is no lead), else ``""``."""
    for ref in ctx.plan.nodes[node_id].__dict__.get("indicators") or ():
        if ref.id not in ctx.plan.nodes and is_placeholder(ref.id):
            return f" (its indicator says {ref.id.strip()!r})"
    return ""


def _levels_used_above(ctx: RuleContext, kind: str) -> list[str]:
    """The levels between the vision and ``kind`` that the plan uses, top first: where a node of
    ``kind`` with no parent is an orphan (none: it is at the top of the plan)."""
    used = ctx.facts.levels_used
    return [k for k in LEVELS[1 : LEVELS.index(kind)] if k in used]


@rule("OG103", "orphan-node", "error")
def orphan_node(ctx: RuleContext) -> Iterator[Finding]:
    """An aim, objective or milestone with no parent.

    ## What it does
    Reports an aim, objective or milestone that names no parent and is not nested under one,
    while the plan uses a level above it. A priority with no parent belongs to the vision.

    ## Why it matters
    An orphan contributes to nothing in the logic model: it is counted in no priority, and the
    people reading the plan by priority never see it.

    ## Example
    A milestone added to the flat list at the end of a plan file without `parent:`.

    ## How to fix
    Nest the node under its parent or give it `parent: ID`.
    """
    nodes = ctx.plan.nodes
    for node_id, parents in ctx.plan.parents.items():
        if parents:
            continue
        node = nodes[node_id]
        if node.kind not in ("aim", "objective", "milestone"):
            continue
        above = _levels_used_above(ctx, node.kind)
        if not above:
            continue
        yield ctx.finding(
            node.id,
            f"{_name(ctx, node.id)} '{_short(node.title)}' has no parent, though the plan has "
            f"{_LEVEL_WORDS[above[-1]][1]}.",
            f"Nest it under its {above[-1]} or add {ctx.field('parent')} naming it."
            if ctx.in_yaml
            else f"Name its {above[-1]} in {ctx.field('parent')}.",
        )


@rule("OG104", "broken-reference", "error")
def broken_reference(ctx: RuleContext) -> Iterator[Finding]:
    """A reference to something that does not exist.

    ## What it does
    Reports a `parent`, an indicator with no known catalogue prefix, a `depends_on`, a `see_also`,
    a group member, or a variant's or node's view that names an id or view the plan does not have,
    and a `depends_on` that names a node other than a milestone (only milestones are due).
    An unmatched lead is not a broken reference (that is OG304), nor is an undeclared indicator
    that says it is not decided yet (`TBC`, `N/A`, `-`): the node has no indicator (OG102).

    ## Why it matters
    A dangling reference is a link the reader cannot follow: a milestone attached to an objective
    that was renumbered, a "see 2.4.1" that points nowhere.

    ## Example
    `see_also: [2.4.1]` after benefit 2.4.1 was renumbered 2.4.2.

    ## How to fix
    Correct the id (ids are case-sensitive), or declare the missing node, indicator or view.
    """
    plan = ctx.plan
    facts = ctx.facts
    declared_views = set(plan.meta.views) if plan.meta.views else None
    group_ids = {g.id for g in plan.groups}
    items: list[tuple[str, str, str]] = [(b.source, b.field, b.target) for b in facts.broken]
    for node in facts.cross_referring:
        for dep in node.__dict__.get("depends_on") or ():  # (a field only milestones have)
            if dep not in plan.nodes or plan.nodes[dep].kind != "milestone":
                items.append((node.id, "depends_on", dep))
        for ref in node.see_also:
            if ref not in plan.nodes:
                items.append((node.id, "see_also", ref))
    if declared_views is not None:
        for node in facts.with_variants:
            for variant in node.variants:
                if variant.where not in declared_views:
                    items.append((node.id, "variant view", variant.where))
        for node in facts.with_views:
            for view in node.views or ():
                if view not in declared_views:
                    items.append((node.id, "view", view))
    for group in plan.groups:
        for m in group.members:
            if m not in plan.nodes:
                items.append((group.id, "group member", m))
        if declared_views is not None:
            for v in group.views or ():
                if v not in declared_views:
                    items.append((group.id, "group view", v))
    seen: set[tuple[str, str, str]] = set()
    for source, field, target in items:
        if (source, field, target) in seen or (field == "indicators" and is_placeholder(target)):
            continue  # (an indicator `TBC` is none yet, as a lead `TBC` is no lead: OG102's)
        seen.add((source, field, target))
        what = {
            "parent": "parent",
            "indicators": "indicator",
            "depends_on": "dependency",
            "see_also": "cross-reference",
            "group member": "member",
            "variant view": "variant view",
            "view": "view",
            "group view": "view",
        }[field]
        if field in ("variant view", "view", "group view"):
            msg = (
                f"{source} names the view {target!r}, which is not one of the plan's views "
                f"({', '.join(plan.meta.views or [])})."
            )
            hint = (
                f"Use a view listed in {ctx.field('plan.views', key='`plan.views`')}, or add it "
                "there."
            )
        elif field == "indicators" and (prefix := leading_prefix(target)) in plan.catalogues:
            # ('NI 102ab', 'NI 19, 43': a known prefix, but
            # not one code as the catalogue writes codes)
            msg = (
                f"{source} lists the indicator {target!r}, which is not declared and is not one "
                f"code of the {plan.catalogues[prefix].title} as written (its prefix, a number "
                f"and at most one letter: '{prefix} 102a')."
            )
            codes = f"[{prefix} 19, {prefix} 43]" if ctx.in_yaml else f"{prefix} 19; {prefix} 43"
            hint = (
                f"Correct the code, each written on its own as the catalogue does (`{codes}`), "
                f"or declare the indicator {_declared(ctx)}."
            )
        elif field == "indicators":
            msg = (
                f"{source} lists the indicator {target!r}, which is not declared and has no "
                "known catalogue prefix."
            )
            hint = f"Declare the indicator {_declared(ctx)}, or correct its code (e.g. 'NI 72')."
        elif field == "depends_on" and target in plan.nodes:
            # (it exists, but only a milestone has a due date to depend on)
            msg = (
                f"{source}'s dependency {target!r} is {with_article(plan.nodes[target].kind)}, "
                "not a milestone."
            )
            hint = "Name the milestone it waits for."
        elif field == "parent" and (target in plan.nodes or target in group_ids):
            # (it exists, but is not a level of the hierarchy: an indicator or a group)
            what_it_is = f"an {plan.nodes[target].kind}" if target in plan.nodes else "a group"
            msg = (
                f"{source}'s parent {target!r} is {what_it_is}, not a node of the plan's hierarchy."
            )
            members = "its `members`" if ctx.in_yaml else f"its members in {ctx.field('members')}"
            hint = (
                f"Name the node it belongs under as its parent (a group lists {members} instead)."
            )
        else:
            msg = f"{source}'s {what} {target!r} does not exist in the plan."
            hint = None
            if field == "parent":  # (where a workbook writes it: the parent column)
                hint = (
                    f"Correct the id in {ctx.field('parent')} (ids are case-sensitive), or add "
                    "the node it names."
                )
        # (a group may share its id with a node: the finding is the group's, at the group)
        kind = (
            "group"
            if field.startswith("group ") or (source in group_ids and source not in plan.nodes)
            else None
        )
        yield ctx.finding(source, msg, hint, kind=kind)


@rule("OG105", "orphaned-indicator", "warning")
def orphaned_indicator(ctx: RuleContext) -> Iterator[Finding]:
    """A declared indicator that measures nothing.

    ## What it does
    Reports an indicator declared under `indicators:` that no priority, aim or objective lists.

    ## Why it matters
    An indicator that is reported on but attached to no objective is effort with no purpose in the
    plan, or a sign that the objective it measured was dropped.

    ## Example
    `NI 113 Prevalence of Chlamydia` declared with a target but listed under no objective.

    ## How to fix
    List it under the objective, aim or priority it measures, or remove it.
    """
    # (A plan that states no indicators has none declared: OG102 says so once.)
    measures = ctx.facts.measures
    for node in ctx.facts.of_kind("indicator"):
        if node.id in ctx.plan.implicit_indicators or measures.get(node.id):
            continue
        yield ctx.finding(
            node.id,
            f"Indicator {node.id} '{_short(node.title)}' is declared but measures nothing: no "
            "priority, aim, objective or milestone lists it.",
        )


@rule("OG106", "level-skip", "warning")
def level_skip(ctx: RuleContext) -> Iterator[Finding]:
    """A parent that is not of the level directly above.

    ## What it does
    Reports a node whose parent skips a level the plan uses elsewhere (an objective directly under a
    priority while the plan has aims), or whose parent is at the same level or below it.

    ## Why it matters
    The plan's readers follow it level by level: an objective hung straight on a priority belongs
    to no aim, so no aim's progress report covers it.

    ## Example
    A target filed under a priority heading while every
    other target sits under a strategic objective.

    ## How to fix
    Attach the node to a parent of the level directly above, or move it to the right level.
    """
    used = ctx.facts.levels_used
    kind_of = ctx.facts.kind_of
    # The levels a node of each level may skip to reach a parent of each level.
    skipped_levels = {
        (level, plevel): [k for k in LEVELS[plevel + 1 : level] if k in used]
        for level in range(len(LEVELS))
        for plevel in range(level)
    }
    for node_id, p in ctx.facts.irregular_links:
        level = LEVEL_OF[kind_of[node_id]]
        plevel = LEVEL_OF[kind_of[p]]
        if plevel >= level:
            yield ctx.finding(
                node_id,
                f"{_name(ctx, node_id)}'s parent {p} is {with_article(kind_of[p])}, not a level "
                "above it.",
                f"Give it {with_article(LEVELS[level - 1])} as parent.",
            )
            continue
        skipped = skipped_levels[level, plevel]
        if skipped:
            yield ctx.finding(
                node_id,
                f"{_name(ctx, node_id)} sits directly under {kind_of[p]} {p}, skipping the "
                f"{and_list(skipped)} level{'s' if len(skipped) > 1 else ''} the plan uses "
                "elsewhere.",
                f"Attach it to one of {p}'s {_LEVEL_WORDS[skipped[-1]][1]}, or add the missing "
                f"{skipped[-1]}.",
            )


@rule("OG107", "hierarchy-cycle", "error")
def hierarchy_cycle(ctx: RuleContext) -> Iterator[Finding]:
    """Parent links that go round in a circle.

    ## What it does
    Reports each set of nodes whose parent links form a cycle (A's parent is B, B's parent is A),
    once, at the node written first.

    ## Why it matters
    A cycle has no top: the nodes in it contribute to no priority, and every roll-up of progress
    through the hierarchy is undefined.

    ## Example
    Two objectives that each name the other as `parent` after a copy and paste.

    ## How to fix
    Break the cycle: give one of the nodes its real parent.
    """
    nodes = ctx.plan.nodes
    parents = ctx.facts.parents
    kind_of = ctx.facts.kind_of
    # Going round a cycle the level comes back to where it started, so every cycle has a link to
    # a parent at the same level or below, and every node of that cycle is reached by climbing
    # from that parent. Only those climbs are searched (a plan without such links, the common
    # case, has no cycle).
    frontier = [
        p for c, p in ctx.facts.irregular_links if LEVEL_OF[kind_of[p]] >= LEVEL_OF[kind_of[c]]
    ]
    left: set[str] = set()
    while frontier:
        node_id = frontier.pop()
        if node_id not in left:
            left.add(node_id)
            frontier.extend(parents.get(node_id, ()))
    if not left:
        return
    for comp in strongly_connected(left, lambda n: parents.get(n, ())):
        if len(comp) == 1:
            only = next(iter(comp))
            if only not in parents.get(only, ()):  # (one node is a cycle only as its own parent)
                continue
        members = sorted(comp, key=lambda n: nodes[n]._order)
        yield ctx.finding(
            members[0],
            f"The parent links of {', '.join(members)} form a cycle.",
        )


_PART = re.compile(r"^(\d+)([A-Za-z]?)$")


def _last(part: str) -> tuple[int, str] | None:
    """The last part of a number (``5a`` in ``2.2.5a``) as (5, "a"); None when it is not one."""
    if part.isdecimal() and part.isascii():
        return int(part), ""
    m = _PART.match(part)
    return (int(m.group(1)), m.group(2).lower()) if m else None


@rule("OG108", "numbering-gap", "info")
def numbering_gap(ctx: RuleContext) -> Iterator[Finding]:
    """A number that does not follow from its parent's or its siblings'.

    ## What it does
    Reports a display number that does not extend its parent's (`2.3.1` under `2.2`), and siblings
    whose last parts, in file order, skip or repeat (under `3.2` the first benefit is `3.2.2`:
    `3.2.1` is missing). A letter suffix (`2.2.5a`) is an inserted item and is not a gap, but
    letters skipped between two lettered siblings are (`2.2.5b`, then `2.2.5d`: `2.2.5c` is
    missing).

    ## Why it matters
    Numbers are how a board paper refers to the plan ("see 3.2.1"): a gap usually means an item was
    deleted or never written, a repeat means two items answer to one reference.

    ## Example
    Richmond's plan numbers the benefits under commitment 3.2 from 3.2.2.

    ## How to fix
    Renumber, or restore the missing item.
    """
    facts = ctx.facts
    numbers = facts.numbers
    kind_of = facts.kind_of
    parents_of = facts.parents
    groups: dict[tuple[str, str, str], list[tuple[str, str]]] = defaultdict(
        list
    )  # -> (id, last part)
    for node_id, number in numbers.items():
        kind = kind_of[node_id]
        if kind not in LEVEL_OF:
            continue
        parents = parents_of.get(node_id)
        parent = parents[0] if parents else ""
        pnum = numbers.get(parent) if parent else None
        if pnum and not number.startswith(pnum + "."):
            yield ctx.finding(
                node_id,
                f"{_name(ctx, node_id)} is numbered {number}, which does not extend its parent "
                f"{parent}'s number {pnum}.",
                f"Number it {pnum}.<n>, or check that it is under the right parent.",
            )
            continue
        prefix, _, last = number.rpartition(".")
        groups[(parent, kind, prefix)].append((node_id, last))
    for (_parent, _kind, prefix), members in groups.items():
        prev: tuple[int, str] | None = None
        prev_id = None
        stem = f"{prefix}." if prefix else ""
        for node_id, last in members:
            cur = _last(last)
            if cur is None:
                continue
            n, letter = cur
            if prev is None:
                if n > 1:
                    missing = f"{stem}1 is" if n == 2 else f"{stem}1 to {stem}{n - 1} are"
                    yield ctx.finding(
                        node_id,
                        f"{_name(ctx, node_id)} is numbered {numbers[node_id]}, the first of its "
                        f"siblings: {missing} missing.",
                    )
            elif cur == prev:
                yield ctx.finding(
                    node_id,
                    f"{_name(ctx, node_id)} repeats the number {numbers[node_id]} of {prev_id}.",
                )
            else:
                pn, pl = prev
                ok = n == pn + 1 or (n == pn and letter > pl)
                if ok and n == pn and pl and ord(letter) > ord(pl) + 1:
                    # (letters skipped between two lettered siblings: 2.2.5b, then 2.2.5d)
                    first, before = chr(ord(pl) + 1), chr(ord(letter) - 1)
                    if last[
                        -1:
                    ].isupper():  # (named as the plan writes its letters: 2.2.5B, then 2.2.5D)
                        first, before = first.upper(), before.upper()
                    missing = (
                        f"{stem}{n}{first} is"
                        if first == before
                        else f"{stem}{n}{first} to {stem}{n}{before} are"
                    )
                    yield ctx.finding(
                        node_id,
                        f"{_name(ctx, node_id)} is numbered {numbers[node_id]} after "
                        f"{numbers[prev_id]}: {missing} missing.",  # type: ignore[index]
                    )
                if not ok:
                    if n > pn + 1:
                        missing = (
                            f"{stem}{pn + 1} is"
                            if n == pn + 2
                            else f"{stem}{pn + 1} to {stem}{n - 1} are"
                        )
                        yield ctx.finding(
                            node_id,
                            f"{_name(ctx, node_id)} is numbered {numbers[node_id]} after "
                            f"{numbers[prev_id]}: {missing} missing.",  # type: ignore[index]
                        )
                    else:
                        yield ctx.finding(
                            node_id,
                            f"{_name(ctx, node_id)} is numbered {numbers[node_id]} after "
                            f"{numbers[prev_id]}: the numbers go backwards.",  # type: ignore[index]
                        )
            prev, prev_id = cur, node_id


@rule("OG109", "duplicate-node", "warning")
def duplicate_node(ctx: RuleContext) -> Iterator[Finding]:
    """Two nodes with the same title.

    ## What it does
    Reports two milestones under one objective, or two priorities, aims or objectives anywhere in
    the plan, whose titles are the same after OG601's normalisation: case, punctuation, `&`/`and`,
    compound spellings, function words, word order, leading labels, a framing opening (`We will`,
    `Ensure`, `Deliver`) and word endings (`Build` / `Building`); where the two are worded
    differently, the message quotes both. Milestones with no parent
    compare with each other only in a plan with no level above milestones (a plain list of
    milestones); where there is one, such a milestone is an orphan (OG103), under no objective, and
    is compared with none.

    ## Why it matters
    The same item twice is counted twice in every roll-up and progress report, and the two copies
    drift apart as the plan is edited.

    ## Example
    Southend's objectives P2.A4.O4 and P2.A4.O5 are both "NI 54: Improve the quality of services
    for disabled children (Survey of parents and carers)", each with its own milestones.

    ## How to fix
    Keep one, and link it where the other was (a node may have several `parents`); if they are two
    pieces of work, word them so that a reader can tell them apart.
    """
    from ..analysis.wording import title_key as key_of

    facts = ctx.facts
    parents = (
        ctx.plan.parents
    )  # (as written: two milestones under one missing objective are still siblings)
    # A milestone with no parent is compared with the others at the top of the plan when the plan
    # has no level above milestones; where it has, it is an orphan (OG103) and under no objective.
    top_milestones = not _levels_used_above(ctx, "milestone")
    for kind in ("priority", "aim", "objective", "milestone"):  # (titles compare within a kind)
        seen: dict[tuple[str, str], str] = {}  # (parent or "", title key) -> first node
        if kind != "milestone":  # (anywhere in the plan: one scope)
            for node in facts.of_kind(kind):
                fields = node.__dict__
                key = key_of(fields["title"])
                if not key:
                    continue
                node_id = fields["id"]
                first = seen.setdefault(("", key), node_id)
                if first != node_id:
                    yield ctx.finding(
                        node_id,
                        _duplicate_message(ctx, node_id, first, ""),
                        _duplicate_hint(ctx, kind),
                    )
            continue
        for node in facts.of_kind(kind):  # (milestones: under each of their parents)
            fields = node.__dict__
            key = key_of(fields["title"])
            if not key:
                continue
            node_id = fields["id"]
            for parent in parents.get(node_id) or (("",) if top_milestones else ()):
                first = seen.setdefault((parent, key), node_id)
                if first != node_id:
                    where = f" under {parent}" if parent else ""
                    yield ctx.finding(
                        node_id,
                        _duplicate_message(ctx, node_id, first, where),
                        _duplicate_hint(ctx, kind),
                    )
                    break


def _duplicate_message(ctx: RuleContext, node_id: str, first: str, where: str) -> str:
    """OG109's message: the title once where the two are written alike (but for case, spacing and
    punctuation), both where they are worded differently (a framing verb, another word order)."""
    from ..analysis.wording import normalise_words

    title, first_title = ctx.plan.nodes[node_id].title, ctx.plan.nodes[first].title
    if normalise_words(title) == normalise_words(first_title):
        return f"{_name(ctx, node_id)} has the same title as {first}{where}: '{_short(title)}'."
    return (
        f"{_name(ctx, node_id)} has the same title as {first}{where}, worded differently: "
        f"'{_short(title, 60)}' and '{_short(first_title, 60)}'."
    )


def _duplicate_hint(ctx: RuleContext, kind: str) -> str:
    parents = "`parents`" if ctx.in_yaml else f"parents, in {ctx.field('parents')}"
    return (
        f"Keep one, and link it where the other was ({with_article(kind)} may have several "
        f"{parents}); if they are two pieces of work, word them so that a reader can tell them "
        "apart."
    )


def _indicators_of(ctx: RuleContext) -> str:
    """Where a node lists its indicators, before the node a hint names: under `indicators:` on it
    in a YAML plan, in the `indicators` column on (its row) in a spreadsheet."""
    return f"{'under' if ctx.in_yaml else 'in'} {ctx.field('indicators')} on"


def _declared(ctx: RuleContext) -> str:
    """Where a plan declares an indicator, as a hint says it: under the plan's `indicators:`, or
    in a row of the indicators sheet."""
    return (
        f"under {ctx.field('indicators')}"
        if ctx.in_yaml
        else f"in a row of {ctx.sheet('indicators')}"
    )


@rule("OG110", "unused-ignore", "info")
def unused_ignore(ctx: RuleContext) -> Iterator[Finding]:
    """An `ignore:` entry that suppresses nothing.

    ## What it does
    Reports an `ignore:` entry (of a node, the plan, an owner or a group) whose rule reports
    nothing there, or that names no rule. Entries for rules switched off by configuration are not
    reported. An entry for OG110 itself quiets these findings like any other rule's
    (`ignore: [OG301, OG110]` keeps an entry for later), and is reported only when it quiets none.

    ## Why it matters
    A stale suppression hides the next real finding at that node: once the defect it excused is
    fixed, the entry should go.

    ## Example
    `ignore: [OG301]` on a milestone that has since been given a lead.

    ## How to fix
    Remove the entry, or correct the rule code it names.
    """
    # (run after every other rule, on the entries their findings left unused: see RuleContext)
    for unused in ctx.unused_ignores:
        if unused.names_a_rule:
            message = (
                f"{unused.holder}'s ignore of {unused.rule} suppresses nothing: the rule reports "
                "nothing there."
            )
        else:
            message = f"{unused.holder}'s ignore names {unused.rule!r}, which is not a rule."
        yield ctx.finding(
            None if unused.kind == "plan" else unused.holder,
            message,
            "Remove the ignore entry, or fix its rule code.",
            kind=unused.kind if unused.kind in ("owner", "group") else None,
        )
