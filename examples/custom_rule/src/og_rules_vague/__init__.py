"""An example rule plugin for outcome_graph.

Install it (``pip install ./examples/custom_rule``) and ``outcome-graph check`` runs its rule with
the built-in ones; ``outcome-graph rules VAG001`` prints its documentation. Plugin codes use their
own prefix: ``OG`` codes belong to outcome_graph.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from outcome_graph import Finding, RuleContext, rule

# Openings that describe activity rather than a result someone can check was delivered.
VAGUE = re.compile(
    r"^\s*(?:continue to|explore|consider|look at|look into|work towards|seek to|aim to|try to|"
    r"investigate|promote|support)\b",
    re.IGNORECASE,
)


@rule("VAG001", "vague-milestone", "info", options={"allow": []})
def vague_milestone(ctx: RuleContext) -> Iterator[Finding]:
    """A milestone worded as an activity, with nothing to check it was done.

    ## What it does
    Reports a milestone whose title starts with an open-ended verb ("Continue to", "Explore",
    "Consider", "Work towards", "Promote"...) and that has no `due` date.

    ## Why it matters
    A milestone is a point at which the board can say "done": "Continue to support schools" can
    never be done, so it can never be late either.

    ## Example
    "Continue to promote the Healthy Schools programme" with the timescale "Ongoing".

    ## How to fix
    Say what will exist when it is done ("All 40 primary schools hold Healthy Schools status") and
    by when.

    ## Options
    `allow`: milestone ids to leave alone.
    """
    allowed = set(ctx.option("allow"))
    for node in ctx.facts.of_kind("milestone"):  # (the milestones, in file order)
        if node.id in allowed or node.due is not None:
            continue
        match = VAGUE.match(node.title)
        if match:
            yield ctx.finding(
                node.id,
                f"Milestone {node.id} starts with '{match.group(0).strip()}', an activity rather "
                "than a result.",
            )
