"""Every rule's named pass/fail cases (tests/cases/<family>.yaml), run through the public loader."""

from __future__ import annotations

from pathlib import Path

import pytest

from outcome_graph.testing import load_cases, run_case

CASES = [c for path in sorted((Path(__file__).parent / "cases").glob("*.yaml")) for c in load_cases(path)]


@pytest.mark.parametrize("case", [c for _, c in CASES], ids=[i for i, _ in CASES])
def test_rule_case(case):
    findings = run_case(case)
    assert [(f.rule, f.node) for f in findings] == [tuple(x) for x in case.findings]
    text = " ".join(f.message for f in findings)
    for needle in case.contains:
        assert needle in text, f"{needle!r} not in {text!r}"


def test_every_rule_has_a_firing_and_a_silent_case():
    from outcome_graph.rules import registry

    fired = {rule for _, c in CASES for rule, _node in c.findings}
    silent = {r for _, c in CASES if not c.findings for r in c.rules}
    missing_fire = sorted(set(registry()) - fired)
    missing_silent = sorted(set(registry()) - silent - {"OG110"})
    assert not missing_fire, f"rules with no case where they fire: {missing_fire}"
    assert not missing_silent, f"rules with no case where they stay silent: {missing_silent}"
