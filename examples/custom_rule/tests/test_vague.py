"""The plugin's own tests, written with outcome_graph's case-file runner (as the built-in rules
are)."""

from __future__ import annotations

from pathlib import Path

import og_rules_vague  # noqa: F401  (declares VAG001)
import pytest

from outcome_graph.testing import check_case, load_cases

CASES = load_cases(Path(__file__).parent / "cases.yaml")


@pytest.mark.parametrize("case", [c for _, c in CASES], ids=[i for i, _ in CASES])
def test_case(case):
    check_case(case)


def test_documentation_is_complete():
    from outcome_graph import registry

    assert registry()["VAG001"].doc.complete
