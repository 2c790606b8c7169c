"""OG3xx: ownership. Does every milestone have someone accountable, and can they carry it?

Leads are resolved as the format says (:mod:`outcome_graph.analysis.owners`): matched against the
declared owners by id, name or alias ignoring case, punctuation and spacing; split into joint leads
when the text is not one name; a milestone without a lead takes its objective's.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from datetime import date

from ..analysis.owners import (
    AliasSplit,
    is_placeholder_lead,
    names_several,
    owner_key,
    role_forms,
    role_title_words,
    split_lead,
)
from ..findings import Finding
from ..graph.facts import GROUP_KINDS, OwnerInfo
from ._common import and_list, counted, label, short
from .context import RuleContext
from .registry import rule


@rule("OG301", "missing-lead", "warning")
def missing_lead(ctx: RuleContext) -> Iterator[Finding]:
    """A milestone, or an objective with no milestones, that nobody leads.

    ## What it does
    Reports a milestone with no lead, neither its own nor its objective's; and an objective with no
    milestones that has no lead, neither its own nor its aim's or priority's.

    A lead that says nobody leads yet (`TBC`, `TBA`, `To be confirmed`, `N/A`, `None`) is no
    lead: such a node is reported as one without a lead is (a milestone whose objective has a lead
    takes that lead), and the finding quotes what its lead, or its objective's, says.

    ## Why it matters
    Work nobody leads is work nobody reports on: the highlight reports to the partnership board are
    organised by lead, and an unowned milestone drops out of them.

    ## Example
    Southend's milestones P4.A3.O1.M2 to M8 (persistent absence), such as "Strengthen challenge
    on use of term-time holidays", have an empty Lead cell, and their objective names no lead
    either.

    ## How to fix
    Give the milestone (or its objective, for all its milestones) a `lead:`: an owner id, name or
    alias, or several for joint leads.
    """
    facts = ctx.facts
    lead_owners = facts.lead_owners
    for node_id in facts.ids_of("milestone"):
        if not lead_owners.get(node_id):
            objectives = [
                p for p in facts.parents.get(node_id, ()) if facts.kind_of[p] == "objective"
            ]
            if len(objectives) == 1:
                tail = (
                    " and neither has its objective "
                    f"{objectives[0]}{_placeholder(ctx, objectives[0])}"
                )
            elif objectives:  # (a milestone shared by several objectives)
                shown = ", ".join(objectives[:-1]) + f" or {objectives[-1]}"
                tail = f" and none of its {len(objectives)} objectives has one ({shown})"
            else:
                tail = ""
            yield ctx.finding(
                node_id,
                f"{label(ctx, node_id)} '{short(ctx.plan.nodes[node_id].title)}' has no "
                f"lead{_placeholder(ctx, node_id)}{tail}.",
                _lead_hint(ctx),
                location=ctx.place_of(node_id, "lead"),
            )  # (a spreadsheet's lead cell, to fill in)
    for node_id in facts.ids_of("objective"):
        if not facts.children.get(node_id):
            if not facts.inherited_lead(node_id):
                yield ctx.finding(
                    node_id,
                    f"Objective {node_id} '{short(ctx.plan.nodes[node_id].title)}' has no "
                    f"milestones and no lead{_placeholder(ctx, node_id)}, nor has any aim or "
                    "priority above it.",
                    _lead_hint(ctx),
                    location=ctx.place_of(node_id, "lead"),
                )


def _lead_hint(ctx: RuleContext) -> str:
    """OG301's hint: the lead to give, where the plan's form writes it."""
    lead = f"a {ctx.field('lead')}:" if ctx.in_yaml else f"a lead in {ctx.field('lead')}:"
    return (
        f"Give the milestone (or its objective, for all its milestones) {lead} an owner id, name "
        "or alias, or several for joint leads."
    )


def _capacity(ctx: RuleContext) -> str:
    """Where an owner's capacity is written, as OG302's hint says it (`capacity` in `owners:`)."""
    return (
        f"`capacity` in {ctx.field('owners')}"
        if ctx.in_yaml
        else f"capacity in {ctx.field('capacity')}"
    )


def _owners(ctx: RuleContext) -> str:
    """Where a plan declares its owners, as a hint says it: `owners:`, or the owners sheet."""
    return ctx.field("owners") if ctx.in_yaml else ctx.sheet("owners")


def _aliases(ctx: RuleContext, whose: str) -> str:
    """An owner's aliases as a hint names them (``whose``: "its"): its `aliases`, or the `aliases`
    column of the owners sheet, on its row."""
    return f"{whose} `aliases`" if ctx.in_yaml else f"{ctx.field('aliases')}, on {whose} row"


def _placeholder(ctx: RuleContext, node_id: str) -> str:
    """`` (its lead says 'TBC')`` for a node whose own lead names nobody yet, else ``""``."""
    lead = ctx.plan.nodes[node_id].__dict__.get("lead")
    texts = [lead] if isinstance(lead, str) else list(lead or ())
    shown = [t.strip() for t in texts if t and t.strip() and _names_nobody(t)]
    return f" (its lead says {shown[0]!r})" if shown else ""


def _names_nobody(lead: str) -> bool:
    """Whether a lead says nobody leads yet, whole (``TBC``) or in each of its parts (``TBC; TBA``,
    ``TBC`` above ``N/A``)."""
    parts = split_lead(lead)
    return is_placeholder_lead(lead) or (bool(parts) and all(is_placeholder_lead(p) for p in parts))


def _subject(owner: OwnerInfo) -> str:
    """The owner as a sentence starts with it: its name, after its declared kind where that is
    several people (``The team School Improvement``), so that a finding about a team does not
    read as one about a person."""
    called = owner.called
    return called[:1].upper() + called[1:] if owner.kind in GROUP_KINDS else called


def _several(owner: OwnerInfo) -> bool:
    """Whether an undeclared owner's title is in the plural (``SMs CiC & Placements``, ``CATO
    managers``): several people the plan counts as one owner, of whom messages say "lead" and
    "have". A declared owner is what its `kind` says."""
    return not owner.declared and names_several(owner.name)


def _owner_location(  # type: ignore[no-untyped-def]
    ctx: RuleContext, owner_id: str, nodes: list[str]
):
    if owner_id in ctx.plan.owner_lines:
        return ctx.plan.location(owner_id, "owner")
    if not nodes:
        return ctx.plan.location(ctx.plan.id)
    # (in a spreadsheet, the lead cell that writes the owner, as its related locations are)
    return ctx.lead_place(nodes[0], owner_id) or ctx.plan.location(nodes[0])


@rule("OG302", "owner-overload", "warning", options={"max-milestones": 10})
def owner_overload(ctx: RuleContext) -> Iterator[Finding]:
    """An owner who leads more milestones than they can carry.

    ## What it does
    Counts the milestones each owner leads (effective leads; a joint lead counts for each owner;
    those a lead says support it, as in `Head of Learning with schools` or `... supported by EYFC`,
    lead nothing) and reports an owner above its `capacity`, or, without one, above
    `max-milestones` (default 10).

    ## Why it matters
    One manager leading twenty milestones is a single point of failure and usually a sign that
    the plan names a post by default rather than the person who will do the work.

    ## Example
    Thurrock's plan names EYFC (Early Years, Families and Communities) as lead on 22 milestones.

    A declared owner whose `kind` is `team`, `board` or `partnership` is named so ("The team
    School Improvement leads 22 milestones"), and the hint asks for the people of the team who
    will deliver them: the limit is the same (a team's own is its `capacity`), but a reader does not
    take it for one person. So is a lead titled in the plural (Thurrock's `SMs CiC & Placements`,
    the service managers of children in care and of placements; `CATO managers`): one owner, the
    group, since the plan does not say which of them leads what ("SMs CiC & Placements lead 12
    milestones"), and the hint asks for the ones among them who will deliver each milestone.

    An owner that OG305 finds is written other ways too is counted as the plan writes it, and the
    message says how many milestones it leads with its other spellings ("SILS leads 18
    milestones, more than the limit of 10 (23 with 'Strategic Leader (SL), School improvement
    Learning and Skills (SILS)', which looks like the same owner written another way: OG305)").

    ## How to fix
    Share the milestones among the people who will deliver them, or record the owner's real
    `capacity` in `owners:` if the load is planned.

    ## Options
    `max-milestones`: the most milestones an owner without `capacity` may lead (default 10).
    """
    default = int(ctx.option("max-milestones"))
    owners = ctx.facts.owners
    spellings: dict[str, list[str]] | None = None  # (worked out at the first owner over its limit)
    for owner in owners.values():
        limit = owner.capacity if owner.capacity is not None else default
        count = len(owner.milestones)
        if count > limit:
            if spellings is None:
                # (not a pair an OG305 ignore entry says is two owners)
                apart = _holding_ignores(ctx, "OG305")
                spellings = _other_spellings_of(
                    [s for s in ctx.facts.alias_splits if s.a not in apart and s.b not in apart]
                )
            source = "its capacity" if owner.capacity is not None else "the limit"
            group = owner.kind in GROUP_KINDS
            several = _several(owner)
            yield ctx.finding(
                owner.id,
                f"{_subject(owner)} {'lead' if several else 'leads'} {count} "
                f"milestone{'s' if count != 1 else ''}, more than {source} of "
                f"{limit}{_with_spellings(owners, owner, spellings.get(owner.id, []))}.",
                (
                    f"Name as leads the people of the {owner.kind} who will deliver them, or "
                    f"record the {owner.kind}'s real {_capacity(ctx)} if the load is planned."
                )
                if group
                else (
                    "Name as leads the ones among them who will deliver each milestone, or "
                    f"declare the owner with its real {_capacity(ctx)} if the load is planned."
                )
                if several
                else "Share the milestones among the people who will deliver them, or record the "
                f"owner's real {_capacity(ctx)} if the load is planned.",
                kind="owner",
                title=owner.name,
                location=_owner_location(ctx, owner.id, owner.milestones),
            )


def _spelling_groups(splits: list[AliasSplit]) -> tuple[dict[str, str], dict[str, list[str]]]:
    """The groups of spellings OG305's pairs join (three or more spellings when one is paired with
    two others): each spelling's group, named by one of its spellings, and each group's spellings
    in the order the pairs first name them."""
    group = {x: x for split in splits for x in (split.a, split.b)}

    def root(x: str) -> str:
        while group[x] != x:
            group[x] = group[group[x]]
            x = group[x]
        return x

    for split in splits:
        group[root(split.a)] = root(split.b)
    of = {x: root(x) for x in group}
    members: dict[str, list[str]] = {}
    for x, r in of.items():
        members.setdefault(r, []).append(x)
    return of, members


def _other_spellings_of(splits: list[AliasSplit]) -> dict[str, list[str]]:
    """Owner id -> the other owners OG305 finds are the same owner written another way (each
    group of spellings joined through its pairs), in order of their ids."""
    _, members = _spelling_groups(splits)
    return {x: sorted(y for y in ms if y != x) for ms in members.values() for x in ms}


def _with_spellings(owners: dict[str, OwnerInfo], owner: OwnerInfo, others: list[str]) -> str:
    """`` (23 with 'X', which looks like the same owner written another way: OG305)`` for an
    overloaded owner whose other spellings lead more milestones still (else ``""``): the load is
    counted as the plan writes its leads, and the note says what one owner may really carry."""
    if not others:
        return ""
    total = len(set(owner.milestones).union(*(owners[o].milestones for o in others)))
    if total <= len(owner.milestones):
        return ""
    which = "which looks" if len(others) == 1 else "which look"
    return (
        f" ({total} with {and_list([repr(o) for o in others])}, {which} like the same owner "
        "written another way: OG305)"
    )


@rule("OG303", "owner-peak", "warning", options={"max-per-month": 4})
def owner_peak(ctx: RuleContext) -> Iterator[Finding]:
    """An owner with too many milestones due in one month.

    ## What it does
    Counts, for each owner, the milestones due in each month (by the month a milestone's due
    interval ends; year-only dates, ranges ending on a bare year such as `April 2009 - 2010`, and
    ongoing work are skipped) and reports a month with more than `max-per-month` (default 4).
    A plan that states no dates is skipped (OG401 says so once). A declared team, board or
    partnership (its `kind`) is named so, as in OG302, and a lead titled in the plural is spoken of
    in the plural ("CATO managers have 5 milestones due in June 2011").

    Joint leads with the same milestones due in a month are one finding, at the first of them,
    naming them all (Southend's Group Manager, Early Years, Service Manager, Child Health and
    Integrated Early Years and Primary Strategy Manager jointly lead the five milestones of
    P4.A1.O1 due in November 2008): one peak, fixed once. An owner an `ignore:` entry naming the
    rule is held for (on the declared owner, or on a node it leads) is reported alone, so that the
    entry silences its finding and no other owner's.

    ## Why it matters
    Even an owner with a fair load over the year cannot deliver eight things in March: peaks are
    where deadlines slip, typically the last month of the financial year.

    ## Example
    Southend's Head of School Improvement has 11 milestones due in April 2009, the first month
    after the plan's year.

    ## How to fix
    Spread the deadlines over the year, or share the milestones with others.

    ## Options
    `max-per-month`: the most milestones one owner may have due in a month (default 4).
    """
    facts = ctx.facts
    if not facts.uses_dates:
        return
    limit = int(ctx.option("max-per-month"))
    timing_of = facts.timing
    # (month, its milestones) -> the owners with exactly those due then: joint leads of the same
    # milestones share one finding, unless an owner's own ignore entry may silence it.
    peaks: dict[tuple[tuple[int, int], tuple[str, ...]], list[OwnerInfo]] = {}
    held = _holding_ignores(ctx)
    for owner in facts.owners.values():
        months: dict[tuple[int, int], list[str]] = defaultdict(list)
        for m in owner.milestones:
            timing = timing_of.get(m)
            # (a year alone, or a range ending on one, 'April 2009 - 2010', names no month)
            due = None if timing is None else timing.due_month
            if due is not None:
                months[due].append(m)
        for due, ms in sorted(months.items()):
            if len(ms) > limit:
                if owner.id in held:
                    yield _peak(ctx, [owner], due, ms, limit)
                else:
                    peaks.setdefault((due, tuple(ms)), []).append(owner)
    for (due, shared), owners in peaks.items():
        yield _peak(ctx, owners, due, list(shared), limit)


def _holding_ignores(ctx: RuleContext, code: str | None = None) -> set[str]:
    """The owners an `ignore:` entry naming the rule (``code``, else the one being run) is held
    for: a declared owner's own, or one on a node an owner leads (its own lead, or a milestone's
    objective's), which suppresses an undeclared owner's findings. Such an owner is reported
    alone, so that its entry silences its finding and no one else's."""
    code = code or ctx.rule.code
    held = {o.id for o in ctx.plan.owners if any(code.startswith(e.rule.upper()) for e in o.ignore)}
    facts = ctx.facts
    for node in facts.with_ignore:
        if any(code.startswith(e.rule.upper()) for e in node.ignore):
            held.update(facts.own_lead(node.id), facts.lead_owners.get(node.id, ()))
    return held


def _peak(
    ctx: RuleContext, owners: list[OwnerInfo], due: tuple[int, int], ms: list[str], limit: int
) -> Finding:
    """OG303's finding of the owners (one, or joint leads with the same milestones due) with
    ``ms`` due in the month ``due``."""
    name = date(due[0], due[1], 1).strftime("%B %Y")
    listed = f"{', '.join(ms[:8])}{f' and {len(ms) - 8} more' if len(ms) > 8 else ''}"
    first = owners[0]
    if len(owners) == 1:
        message = (
            f"{_subject(first)} {'have' if _several(first) else 'has'} {len(ms)} milestones due "
            f"in {name} (more than {limit}): {listed}."
        )
        hint = None
    else:
        # (one finding: the joint leads share the same deadlines, and are fixed once)
        leads = and_list(
            [(f"the {o.kind} " if o.kind in GROUP_KINDS else "") + repr(o.name) for o in owners]
        )
        message = (
            f"The joint leads {leads} each have the same {len(ms)} milestones due in {name} "
            f"(more than {limit}): {listed}."
        )
        hint = (
            "Spread the deadlines over the year, or say which of the joint leads will deliver "
            "each milestone and lead it alone."
        )
    return ctx.finding(
        first.id,
        message,
        hint,
        kind="owner",
        title=first.name,
        location=_owner_location(ctx, first.id, ms),
        related=[o.id for o in owners[1:]],
    )


class _NearestName:
    """The closest declared name to a lead (``difflib``'s ratio, cutoff 0.6), for OG304.

    Up to :attr:`EXHAUSTIVE` names every name is compared. Beyond that, comparing each unknown
    lead with every name would grow with their product, so the names are blocked by their words:
    only the :attr:`CANDIDATES` names sharing most words with the lead (among the words no more
    than :attr:`COMMON` names use) are compared.
    """

    EXHAUSTIVE = 500
    COMMON = 64
    CANDIDATES = 16

    def __init__(self, names: list[str]) -> None:
        self.names = names
        self.index: dict[str, list[int]] | None = None
        if len(names) > self.EXHAUSTIVE:
            index: dict[str, list[int]] = defaultdict(list)
            for i, name in enumerate(names):
                for word in set(_WORD.findall(name)):
                    index[word].append(i)
            self.index = {w: ids for w, ids in index.items() if len(ids) <= self.COMMON}

    def __call__(self, text: str) -> str | None:
        candidates = self.names
        if self.index is not None:
            shared: Counter[int] = Counter()
            for word in set(_WORD.findall(text)):
                shared.update(self.index.get(word, ()))
            candidates = [self.names[i] for i, _ in shared.most_common(self.CANDIDATES)]
        return closest(text, candidates, cutoff=0.6)


_WORD = re.compile(r"[^\W_]+")


def closest(word: str, possibilities: Sequence[str], cutoff: float = 0.6) -> str | None:
    """The best of ``difflib.get_close_matches(word, possibilities, n=1, cutoff=cutoff)``, or None.

    The same answer, with fewer of difflib's (slow) ratios: the ratio of two texts is at most
    twice their longest common subsequence over their total length, which rapidfuzz computes
    quickly, so the candidates are tried best bound first and the search stops when no bound
    left can beat the best ratio found.

    >>> closest("head of early years", ["head of early help", "early years team", "youth service"])
    'head of early help'
    """
    try:
        from rapidfuzz.distance import Indel
    except ImportError:  # pragma: no cover - rapidfuzz is a dependency; difflib alone is slower
        found = difflib.get_close_matches(word, possibilities, n=1, cutoff=cutoff)
        return found[0] if found else None
    bounded = []
    for x in possibilities:
        total = len(word) + len(x)
        common = (total - Indel.distance(word, x)) // 2  # the longest common subsequence
        bound = 2.0 * common / total if total else 1.0  # (as difflib computes its ratio)
        if bound >= cutoff:
            bounded.append((bound, x))
    bounded.sort(reverse=True)
    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(word)
    best: tuple[float, str] | None = None
    for bound, x in bounded:
        if best is not None and bound < best[0]:
            break
        matcher.set_seq1(x)
        score = matcher.ratio()
        if score >= cutoff and (best is None or (score, x) > best):
            best = (score, x)
    return best[1] if best else None


def _slash_joined(lead: str, names: dict[str, tuple[str, str]]) -> list[str]:
    """The declared owners a lead writes joined by a slash without spaces (``SILS/EYFC``), as
    the lead spells them; empty unless every part is one.

    The format splits joint leads at `` / `` only: a bare slash joins the titles of one post
    (``Associate Director/Joint Commissioner``), so such a lead stays whole and unknown; OG304
    says what it is made of rather than guessing the nearest one of its parts."""
    if "/" not in lead:
        return []
    parts = [p.strip() for p in lead.split("/")]  # (two or more: the lead holds a slash)
    if not all(parts):
        return []
    keys = {owner_key(text) for text in names}
    return parts if all(owner_key(p) in keys for p in parts) else []


def _declared_roles(names: dict[str, tuple[str, str]], title_words: set[str]) -> dict[str, str]:
    """The declared spellings (lower-cased, as ``names`` keys them) by the keys of the role each
    names (:func:`role_forms`): made once, so that each unknown lead is one look-up. Only the
    spellings holding a word of the titles the leads look up (``title_words``) can share a key
    with them, so only theirs are made (a plan's many ids and team names have none)."""
    roles: dict[str, str] = {}
    if not title_words:
        return roles
    for lower, (text, _owner_id) in names.items():
        folded = text.casefold()
        if any(w in folded for w in title_words):
            for key in role_forms(text)[0]:
                roles.setdefault(key, lower)
    return roles


def _same_role(lookups: list[str], roles: dict[str, str]) -> str | None:
    """The declared spelling of the role a lead writes another way (``Manager, YOS`` for ``Youth
    Offending Service Manager``), by the lead's look-up keys (:func:`role_forms`), or None."""
    for key in lookups:
        found = roles.get(key)
        if found is not None:
            return found
    return None


@rule("OG304", "unknown-owner", "info")
def unknown_owner(ctx: RuleContext) -> Iterator[Finding]:
    """A lead that matches no declared owner.

    ## What it does
    When the plan declares `owners:`, reports each lead that matches none of them (by id, name or
    alias, ignoring case, punctuation and spacing), once per owner, naming the nearest declared
    owner when one is close, or one that is the same role written another way: the title before or
    after the department, the department written out or as its acronym (`Manager, YOS` for a
    declared `Youth Offending Service Manager`).

    ## Why it matters
    A plan that declares its owners means that list to be complete: a lead outside it is a typo, a
    post that was renamed, or an owner missing from the register (and from its load counts).

    A lead that joins declared owners with a slash written without spaces (`SILS/EYFC`) is one
    unknown lead, as the format reads it (a bare slash joins one post's titles, as in `Associate
    Director/Joint Commissioner`): the finding names the owners it joins instead of the nearest one.

    ## Example
    `lead: Head of Early Years` in a plan whose owners declare `EYFC` with the name "Early Years,
    Families and Communities".

    ## How to fix
    Use the owner's id, name or alias, or add the alias to the owner (or the owner to `owners:`).
    For joint leads written with a bare slash, write `SILS / EYFC` or a list.
    """
    plan = ctx.plan
    if not plan.owners:
        return
    declared = {o.id: o for o in plan.owners}
    names: dict[
        str, tuple[str, str]
    ] = {}  # a declared spelling, lower-cased -> (as written, owner id)
    nearest: _NearestName | None = None  # made at the first unknown lead (most plans have none)
    roles: dict[str, str] = {}
    led_by: dict[str, str] | None = None
    unknown = [o for o in ctx.facts.owners.values() if not (o.declared or o.id in declared)]
    lookups = {owner.id: role_forms(owner.id)[1] for owner in unknown}
    for owner in unknown:
        first_nodes = owner.nodes
        if not first_nodes:
            if led_by is None:  # built once, only when some owner leads no node
                led_by = {}
                for n, rs in ctx.facts.resolved_leads.items():
                    for r in rs:
                        led_by.setdefault(r.owner_id, n)
            first_nodes = [led_by[owner.id]] if owner.id in led_by else []
        if nearest is None:
            for o in plan.owners:
                for text in (o.id, o.name, *o.aliases):
                    if text:  # (two owners of one name: the first, as leads resolve to it)
                        names.setdefault(text.lower(), (text, o.id))
            nearest = _NearestName(list(names))
            roles = _declared_roles(
                names, role_title_words(k for keys in lookups.values() for k in keys)
            )
        joined = _slash_joined(owner.id, names)
        guess = (
            None if joined else (_same_role(lookups[owner.id], roles) or nearest(owner.id.lower()))
        )
        near = "."
        its_owners = "its owner's"
        add = (
            f"add this owner (or alias) to {_owners(ctx)}"
            if ctx.in_yaml
            else f"add this owner to {_owners(ctx)} (or the alias to {_aliases(ctx, its_owners)})"
        )
        hint = f"Use a declared owner's id, name or alias, or {add}."
        if joined:
            shown = (
                " and ".join(joined)
                if len(joined) == 2
                else ", ".join(joined[:-1]) + " and " + joined[-1]
            )
            near = (
                f": it joins the owners {shown} with a slash, and a slash without spaces around "
                "it joins one post's titles ('Associate Director/Joint Commissioner'), not "
                "joint leads."
            )
            listed = "a list" if ctx.in_yaml else "separate them with ';'"
            hint = (
                f"For joint leads write {' / '.join(joined)!r} (a slash with spaces) or "
                f"{listed}; if it is one post, add it to {_owners(ctx)} (or as an alias)."
            )
        # (the spelling it is near, and the owner's id when that spelling is its name or an alias)
        if guess:
            text, owner_id = names[guess]
            near = f"; did you mean {text!r}{f' (owner {owner_id})' if text != owner_id else ''}?"
        yield ctx.finding(
            owner.id,
            "The lead "
            f"{owner.id!r}{f' (leading {counted(ctx, owner.nodes)})' if owner.nodes else ''} "
            f"matches no declared owner{near}",
            hint,
            kind="owner",
            title=owner.id,
            location=(ctx.lead_place(first_nodes[0], owner.id) or ctx.plan.location(first_nodes[0]))
            if first_nodes
            else None,
        )


@rule("OG305", "owner-alias-split", "warning")
def owner_alias_split(ctx: RuleContext) -> Iterator[Finding]:
    """One owner written two ways, counted as two owners.

    ## What it does
    Reports two lead strings that are evidently the same owner (an acronym and its expansion, a
    name with and without its acronym, a title written two ways, the same parts listed in
    another order, a name written after a label such as `Reporting Progress:`, a name followed by
    the others it works with where `with` may go on the name (`Youth Workers with Inclusion Team`;
    `... with community partners` is the youth workers' lead alone, no owner of its own), a titled
    name followed by the acronym of its directorate (`S M Performance and Systems CEF`), the same
    words with other endings such as `Commissioner` / `Commissioning`) but resolve to different
    owners. Different owners that merely share words are not merged. An owner written three or
    more ways is reported once, at the first spelling to change in the plan, naming every
    spelling with what it leads and why each is the same owner (`Head of Care & Targeted
    Outcomes (HCATO)`, `Head CATO` and `Head of Service – CATO`): pairs A~B and B~C would read as
    two owners' problems. The hint names the spelling to keep: the declared owner, else the one
    most used (the fullest on a tie), never one written after a label (`Corporate Director,
    Children and Learning` and `Director of Children and Learning` are one title written two
    ways).

    ## Why it matters
    Load and accountability are counted per owner: a split owner's milestones are counted in two
    places, hiding an overload, and a reader cannot tell whether two people are meant.

    ## Example
    Thurrock's plan writes the same lead as `SL ASO` and as
    `SL Assets and School Organisation (SL ASO)`.

    ## How to fix
    Write the owner the same way everywhere, or declare it in `owners:` with the other spelling
    under `aliases`. If the two are different owners, say so where the finding is reported: an
    undeclared owner's findings are suppressed by an `ignore:` entry on a node it leads
    (`ignore: [{rule: OG305, reason: "the partners lead with the team"}]`), a declared
    owner's by an `ignore:` entry on the owner. The rule still reports every other owner, and of
    an owner written three or more ways, a spelling such an entry is held for is reported alone,
    as a pair, so that the entry silences that pair and not the other spellings.
    """
    from ..analysis.owners import is_labelled

    facts = ctx.facts
    owners = facts.owners
    usage = Counter({o.id: len(o.nodes) for o in owners.values()})
    splits = facts.alias_splits
    # The spellings of one owner (three or more when one is paired with two others) converge on
    # one, named by every hint: the declared owner, else
    # the spelling most used (the fullest on a tie).
    group_of, members = _spelling_groups(splits)
    # (a name written after a label, "Reporting Progress: Director of Public Health", is never the
    # spelling to keep, and a name written with the others it works with, "... with community
    # partners", not on a tie)
    keep = {
        r: min(
            ms,
            key=lambda x: (
                not owners[x].declared,
                is_labelled(x),
                -usage[x],
                " with " in x,
                -len(x),
                x,
            ),
        )
        for r, ms in members.items()
    }
    # Each spelling to change (every spelling but the one to keep) is paired with the spelling to
    # keep where the two were found alike, else with the one it was found alike with that is used
    # most: the reason its finding gives.
    chosen: dict[
        str, tuple[tuple[int, int, str], str, AliasSplit]
    ] = {}  # minor -> (rank, major, split)
    for split in splits:
        canonical = keep[group_of[split.a]]
        for minor, major in ((split.a, split.b), (split.b, split.a)):
            if minor == canonical:
                continue
            rank = (0 if major == canonical else 1, -usage[major], major)
            if minor not in chosen or rank < chosen[minor][0]:
                chosen[minor] = (rank, major, split)
    # One finding per owner: of two spellings, the pair; of three or more, one finding naming
    # them all, at the first spelling to change (a reader fixes them together).

    def place(x: str) -> tuple[int, int]:
        nodes = owners[x].nodes
        return (1, ctx.plan.nodes[nodes[0]]._order) if nodes else (0, 0)

    # (a spelling an ignore entry is held for is reported alone, as a pair, so that the entry
    # silences that pair and not the owner's other spellings)
    held = _holding_ignores(ctx)
    by_group: dict[str, list[str]] = {}
    for minor in chosen:
        if minor in held:
            yield _alias_pair(
                ctx,
                owners,
                minor,
                chosen[minor][1],
                chosen[minor][2],
                owners[keep[group_of[minor]]],
            )
        else:
            by_group.setdefault(group_of[minor], []).append(minor)
    for r, minors in by_group.items():
        minors.sort(key=lambda x: (place(x), x))
        if len(minors) == 1:
            yield _alias_pair(
                ctx, owners, minors[0], chosen[minors[0]][1], chosen[minors[0]][2], owners[keep[r]]
            )
        else:
            spellings = [x for x in members[r] if x == keep[r] or x in minors]
            yield _alias_group(
                ctx,
                owners,
                minors,
                {m: chosen[m][2] for m in minors},
                owners[keep[r]],
                sorted(spellings, key=lambda x: (place(x), x)),
            )


def _alias_pair(
    ctx: RuleContext,
    owners: dict[str, OwnerInfo],
    minor: str,
    major: str,
    split: AliasSplit,
    target: OwnerInfo,
) -> Finding:
    """OG305's finding of an owner written two ways: ``minor``, the spelling to change, and
    ``major``, the one it was found alike with (``target`` is the one to keep)."""
    nodes = owners[minor].nodes
    other = owners[major]
    with_name = other.declared and not owners[minor].declared
    named = (
        f"the declared owner {major!r}" + (f" ({other.name})" if other.name != major else "")
        if with_name
        else repr(major)
    )
    if target.declared and owners[minor].declared:
        hint = (
            f"Declare one owner, not two: keep {target.id!r} and move the name and aliases of "
            f"{minor!r} to {_aliases(ctx, 'its')}."
        )
    elif target.declared:
        that_owners = "that owner's"
        hint = (
            f"Write it as {target.name!r} (owner {target.id}) everywhere, or add {minor!r} to "
            f"{_aliases(ctx, that_owners)}."
        )
    else:
        hint = (
            f"Write it as {target.id!r} everywhere, or declare one owner with the other spelling "
            f"in {ctx.field('aliases', key='`aliases`')}; if they are two owners, say so in "
            f"{ctx.ignore_entry('the node where this is reported')}."
        )
    led_minor, led_major = counted(ctx, owners[minor].nodes), counted(ctx, owners[major].nodes)
    led = (
        f"each leads {led_minor}"
        if led_minor == led_major
        else f"the first leads {led_minor}, the second {led_major}"
    )
    return ctx.finding(
        minor,
        f"{minor!r} and {named} look like one owner counted twice ({led}): "
        f"{split.reason}"
        f"{_other_spellings(owners, split, {major: other.name} if with_name else {})}.",
        hint,
        kind="owner",
        title=minor,
        location=(ctx.lead_place(nodes[0], minor) or ctx.plan.location(nodes[0]))
        if nodes
        else ctx.plan.location(minor),
    )


_TIMES = {3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine"}


def _alias_group(
    ctx: RuleContext,
    owners: dict[str, OwnerInfo],
    minors: list[str],
    splits: dict[str, AliasSplit],
    target: OwnerInfo,
    spellings: list[str],
) -> Finding:
    """OG305's one finding of an owner written three or more ways (``spellings``, in the plan's
    order): each named with what it leads, then why each spelling to change (``minors``, the
    first of which the finding is about) is the same owner, and one hint to write them all as
    ``target``. One finding, not one per pair: the spellings are fixed together, and pairs A~B
    and B~C read as two owners' problems."""
    first = minors[0]
    mixed = any(not owners[x].declared for x in spellings)

    def named(x: str) -> str:
        owner = owners[x]
        if owner.declared and mixed:
            return f"the declared owner {x!r}" + (f" ({owner.name})" if owner.name != x else "")
        return repr(x)

    listed = and_list([f"{named(x)} ({counted(ctx, owners[x].nodes)})" for x in spellings])
    reasons = []
    for minor in minors:
        split = splits[minor]
        shown = {x: owners[x].name for x in (split.a, split.b) if owners[x].declared and mixed}
        reason = f"{split.reason}{_other_spellings(owners, split, shown)}"
        if reason not in reasons:
            reasons.append(reason)
    times = _TIMES.get(len(spellings), str(len(spellings)))
    undeclared = [x for x in minors if not owners[x].declared]
    declared = [x for x in minors if owners[x].declared]
    quoted = and_list([repr(x) for x in minors])
    if target.declared:
        sentences = []
        if undeclared:
            that_owners = "that owner's"
            them = and_list([repr(x) for x in undeclared])
            sentences.append(
                f"Write {them} as {target.name!r} (owner {target.id}) everywhere, or add "
                f"{'them' if len(undeclared) > 1 else 'it'} to {_aliases(ctx, that_owners)}."
            )
        if declared:
            sentences.append(
                f"Declare one owner, not {len(declared) + 1}: keep {target.id!r} and move the "
                f"names and aliases of {and_list([repr(x) for x in declared])} to "
                f"{_aliases(ctx, 'its')}."
            )
        hint = " ".join(sentences)
    else:
        hint = (
            f"Write {quoted} as {target.id!r} everywhere, or declare one owner with the other "
            f"spellings in {ctx.field('aliases', key='`aliases`')}; if they are not all one "
            f"owner, say so in {ctx.ignore_entry('the node where this is reported')}."
        )
    nodes = owners[first].nodes
    return ctx.finding(
        first,
        f"{listed} look like one owner counted {times} times: {'; '.join(reasons)}.",
        hint,
        kind="owner",
        title=first,
        location=(ctx.lead_place(nodes[0], first) or ctx.plan.location(nodes[0]))
        if nodes
        else ctx.plan.location(first),
        related=minors[1:],  # (the other spellings to change, each marked as a pair's would be)
    )


def _other_spellings(owners: dict[str, OwnerInfo], split: AliasSplit, shown: dict[str, str]) -> str:
    """`` (a lead writes 'X' as 'X.')`` for each spelling the reason quotes that is not how the
    message names its owner (``shown``: owner id -> the name shown beside it): the reason quotes
    the spellings found alike, and a third one read without this looks like another owner."""
    notes = []
    for owner_id, form in zip((split.a, split.b), split.forms):
        if not form or form in (owner_id, shown.get(owner_id)):
            continue
        owner = owners[owner_id]
        if owner.declared and form == owner.name:
            notes.append(f"{form!r} is the name of the declared owner {owner_id!r}")
        else:
            notes.append(f"a lead writes {owner_id!r} as {form!r}")
    return f" ({'; '.join(notes)})" if notes else ""
