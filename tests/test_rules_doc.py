"""Rule documentation: every rule is fully documented, and docs/rules.md is generated from it."""

from __future__ import annotations

from pathlib import Path

from outcome_graph.output.rules_doc import option_descriptions, rules_markdown
from outcome_graph.rules import BUILTIN_FAMILIES, registry

DOCS = Path(__file__).resolve().parent.parent / "docs"


def builtin():
    return [r for r in registry().values() if r.origin == "outcome_graph"]


def test_every_rule_documents_what_why_example_and_fix():
    for r in builtin():
        assert r.doc.complete, f"{r.code} lacks a documentation heading"
        assert r.family in BUILTIN_FAMILIES
        for name in r.options:
            assert name in r.doc.options, f"{r.code} does not document its option {name!r}"


def test_codes_and_names_match_the_catalogue():
    spec = {  # the public contract: codes, names and default severities never change meaning
        "OG101": ("empty-branch", "warning"),
        "OG102": ("unmeasured-objective", "warning"),
        "OG103": ("orphan-node", "error"),
        "OG104": ("broken-reference", "error"),
        "OG105": ("orphaned-indicator", "warning"),
        "OG106": ("level-skip", "warning"),
        "OG107": ("hierarchy-cycle", "error"),
        "OG108": ("numbering-gap", "info"),
        "OG109": ("duplicate-node", "warning"),
        "OG110": ("unused-ignore", "info"),
        "OG201": ("outcome-gap", "warning"),
        "OG202": ("outcome-imbalance", "info"),
        "OG203": ("untagged-branch", "info"),
        "OG204": ("indicator-outcome-mismatch", "info"),
        "OG301": ("missing-lead", "warning"),
        "OG302": ("owner-overload", "warning"),
        "OG303": ("owner-peak", "warning"),
        "OG304": ("unknown-owner", "info"),
        "OG305": ("owner-alias-split", "warning"),
        "OG401": ("missing-date", "warning"),
        "OG402": ("milestone-outside-period", "warning"),
        "OG403": ("overdue-milestone", "warning"),
        "OG404": ("external-timescale", "info"),
        "OG405": ("dependency-order", "warning"),
        "OG501": ("unknown-indicator", "warning"),
        "OG502": ("indicator-title-mismatch", "warning"),
        "OG503": ("missing-target", "info"),
        "OG504": ("target-against-direction", "error"),
        "OG505": ("off-track-indicator", "warning"),
        "OG601": ("wording-drift", "info"),
        "OG602": ("polarity-conflict", "error"),
        "OG603": ("missing-from-view", "warning"),
    }
    assert {r.code: (r.name, r.severity) for r in builtin()} == spec
    options = {r.code: r.options for r in builtin() if r.options}
    assert options == {
        "OG202": {"min-share": 0.05},
        "OG302": {"max-milestones": 10},
        "OG303": {"max-per-month": 4},
        "OG402": {"grace-days": 31},
    }


def test_committed_rules_reference_is_current():
    expected = rules_markdown(builtin())
    committed = (DOCS / "rules.md").read_text(encoding="utf-8")
    assert committed == expected, (
        "docs/rules.md is stale: run `outcome-graph rules --format markdown > docs/rules.md`"
    )


def test_the_catalogue_says_what_each_option_is_for():
    # (the `## Options` heading was read and then left out of every output: `rules OG302` gave
    # the option's name and default, not what it limits)
    import json

    from outcome_graph.output.rules_doc import rules_json, rules_text

    r = registry()["OG302"]
    text = rules_text([r], full=True)
    assert (
        "  max-milestones = 10\n    the most milestones an owner without `capacity` may lead.\n"
        in text
    )
    assert (
        "`max-milestones` (default `10`): the most milestones an owner without `capacity` may lead."
        in rules_markdown([r])
    )
    assert json.loads(rules_json([r]))[0]["option_descriptions"] == {
        "max-milestones": "the most milestones an owner without `capacity` may lead."
    }
    for rule in builtin():
        assert set(option_descriptions(rule)) == set(rule.options), rule.code


def test_an_option_documented_in_prose_is_shown_as_written():
    import dataclasses

    from outcome_graph.output.rules_doc import rules_text

    r = registry()["OG302"]
    prose = dataclasses.replace(
        r, doc=dataclasses.replace(r.doc, options="Set it to the team's real size.")
    )
    text = rules_text([prose], full=True)
    assert (
        "  max-milestones = 10\n  Set it to the team's real size.\n  (set in [rules.OG302]" in text
    )
    assert "Set it to the team's real size." in rules_markdown([prose])


def test_a_rule_documented_in_part_shows_what_it_has_and_names_what_it_lacks():
    # (every heading was printed, empty ones with nothing under them)
    from outcome_graph import rule
    from outcome_graph.output.rules_doc import rules_text

    @rule("DOC002", "half-documented", "info", register=False)
    def half_documented(ctx):
        """A rule with a summary and a fix.

        ## How to fix
        Write the rest.
        """
        return []

    text = rules_text([half_documented], full=True)
    assert text == (
        "DOC002 half-documented (info)\nA rule with a summary and a fix.\n\nHow to fix\n"
        "  Write the rest.\n\n(its docstring has no ## What it does, ## Why it matters, ## "
        "Example)"
    )
    assert "**What it does.**" not in rules_markdown([half_documented])
    assert "(its docstring" not in rules_text([registry()["OG302"]], full=True)
