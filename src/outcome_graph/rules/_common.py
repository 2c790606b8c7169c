"""Small helpers shared by the rule families (wording of messages, plan-wide facts)."""

from __future__ import annotations

from .context import RuleContext

__all__ = ["short", "label", "outcome_title"]


def short(text: str, limit: int = 70) -> str:
    """A title cut to ``limit`` characters with an ellipsis (messages stay one line)."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def label(ctx: RuleContext, node_id: str) -> str:
    """``Milestone P1.A1.O1.M2`` for a node id."""
    node = ctx.plan.nodes[node_id]
    return f"{node.kind.capitalize()} {node_id}"


def outcome_title(ctx: RuleContext, outcome_id: str) -> str:
    """The framework's title of an outcome (``Be healthy``)."""
    try:
        return ctx.plan.framework.outcome(outcome_id).title
    except KeyError:
        return outcome_id
