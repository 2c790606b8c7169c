"""Small helpers shared by the rule families (wording of messages, plan-wide facts)."""

from __future__ import annotations

from .context import RuleContext

__all__ = ["short", "label", "and_list", "counted", "outcome_title", "whole_branches", "ignored_at"]


def short(text: str, limit: int = 70) -> str:
    """A title cut to ``limit`` characters with an ellipsis (messages stay one line)."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def label(ctx: RuleContext, node_id: str) -> str:
    """``Milestone P1.A1.O1.M2`` for a node id."""
    node = ctx.plan.nodes[node_id]
    return f"{node.kind.capitalize()} {node_id}"


def and_list(parts: list[str]) -> str:
    """Parts joined as a list is read: ``a``, ``a and b``, ``a, b and c``."""
    return (
        parts[0]
        if len(parts) == 1
        else ", ".join(parts[:-1]) + " and " + parts[-1]
        if parts
        else ""
    )


_PLURALS = {"priority": "priorities"}
_ORDER = ("vision", "priority", "aim", "objective", "milestone", "indicator")


def counted(ctx: RuleContext, node_ids: list[str]) -> str:
    """The nodes counted by level, in the plan's words: ``1 objective and 5 milestones``
    (``nothing`` for none)."""
    counts: dict[str, int] = {}
    nodes = ctx.plan.nodes
    for node_id in node_ids:
        kind = nodes[node_id].kind if node_id in nodes else "item"
        counts[kind] = counts.get(kind, 0) + 1
    parts = [
        f"{n} {kind if n == 1 else _PLURALS.get(kind, kind + 's')}"
        for kind, n in sorted(
            counts.items(), key=lambda kv: _ORDER.index(kv[0]) if kv[0] in _ORDER else 99
        )
    ]
    return and_list(parts) if parts else "nothing"


def outcome_title(ctx: RuleContext, outcome_id: str) -> str:
    """The framework's title of an outcome (``Be healthy``)."""
    try:
        return ctx.plan.framework.outcome(outcome_id).title
    except KeyError:
        return outcome_id


def ignored_at(ctx: RuleContext, node_id: str, below: str | None = None) -> bool:
    """Whether an ``ignore:`` entry of the node, or a branch-scoped one of an ancestor, names the
    rule being run, so that a finding at the node would be suppressed there.

    With ``below`` (an ancestor), only the ancestors under it count: an entry of ``below`` or
    above it that covers the node covers a finding at ``below`` too.
    """
    facts = ctx.facts
    if not facts.with_ignore:  # (most plans have none)
        return False
    code = ctx.rule.code
    nodes = ctx.plan.nodes
    if any(code.startswith(e.rule.upper()) for e in nodes[node_id].ignore):
        return True
    above = {below, *facts.ancestors(below)} if below is not None else set()
    return any(
        code.startswith(e.rule.upper()) and e.scope == "branch"
        for a in facts.ancestors(node_id)
        if a not in above
        for e in nodes[a].ignore
    )


def whole_branches(
    ctx: RuleContext, flagged: list[str], root_kind: str
) -> tuple[dict[str, tuple[str, list[str]]], list[str]]:
    """Split flagged nodes into whole branches and the rest.

    A node of kind K belongs to the branch of its highest ancestor of ``root_kind``. When every
    node of kind K in such a branch is flagged (and there are at least two), the branch is
    reported once, at its root, instead of once per node (a root may have a whole branch of
    each kind). A branch where some of those nodes suppress the rule with ``ignore:`` (their own,
    or a branch-scoped one below the root) is not whole: its nodes are reported one by one, so
    that their suppressions apply. Returns
    ``({first node: (root, [nodes])}, [others])``, both in file order.
    """
    from collections import defaultdict

    facts = ctx.facts
    nodes = ctx.plan.nodes
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    root_of: dict[str, tuple[str, str]] = {}
    for node_id in flagged:
        roots = [a for a in facts.ancestors(node_id) if nodes[a].kind == root_kind]
        if roots:
            root_of[node_id] = (roots[-1], nodes[node_id].kind)
            groups[root_of[node_id]].append(node_id)
    whole: dict[str, tuple[str, list[str]]] = {}
    whole_groups: set[tuple[str, str]] = set()
    for (root, kind), members in groups.items():
        if len(members) < 2 or any(ignored_at(ctx, m, below=root) for m in members):
            continue
        if sum(1 for d in facts.descendants(root) if nodes[d].kind == kind) == len(members):
            whole[members[0]] = (root, members)
            whole_groups.add((root, kind))
    others = [n for n in flagged if root_of.get(n) not in whole_groups]
    return whole, others
