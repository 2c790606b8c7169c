"""Rule case files: named pass/fail cases for rules, for outcome_graph's tests and for plugin authors.

A case file is YAML::

    rule: OG101                 # the rule (or rules: [OG101, OG103]) under test
    cases:
      - name: objective-without-milestones
        plan: |                 # a plan; `format` and the `plan:` block may be left out
          objectives: [{id: O1, title: Cut exclusions}]
          milestones: [{id: M1, title: Audit, parent: O0}]
        findings: [[OG101, O1]] # exactly these (rule, node) pairs, in file order; [] for none
        config: {rules: {OG302: {max-milestones: 2}}}   # optional
        contains: ["2011-06"]   # optional: texts the findings' messages must contain

:func:`run_case` checks one case with only the rule(s) under test selected and returns the
(rule, node) pairs found; :func:`load_cases` reads a file into ``(id, case)`` pairs for
``pytest.mark.parametrize``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .config import Config, ConfigLayer
from .findings import Finding

__all__ = ["RuleCase", "load_cases", "run_case", "complete_plan_text"]

_HEADER = "format: outcome-graph/v1\n"
_PLAN = "plan: {id: case, period: {start: 2011-04-01, end: 2012-03-31}}\n"


@dataclass
class RuleCase:
    """One named case: a plan, the rule(s) under test and the expected findings."""

    name: str
    rules: list[str]
    plan: str
    findings: list[tuple[str, str]]
    config: dict[str, Any] = field(default_factory=dict)
    contains: list[str] = field(default_factory=list)


def complete_plan_text(text: str) -> str:
    """Add ``format`` and a default ``plan:`` block (2011-12) when a case's plan leaves them out."""
    lines = text.splitlines()
    has_format = any(line.startswith("format:") for line in lines)
    has_plan = any(line.startswith("plan:") for line in lines)
    return ("" if has_format else _HEADER) + ("" if has_plan else _PLAN) + text


def load_cases(path: str | os.PathLike[str]) -> list[tuple[str, RuleCase]]:
    """Read a case file into ``(test id, case)`` pairs."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    rules = data.get("rules") or [data["rule"]]
    out = []
    for raw in data["cases"]:
        case = RuleCase(
            name=raw["name"],
            rules=list(raw.get("rules", rules)),
            plan=raw["plan"],
            findings=[tuple(f) for f in raw.get("findings", [])],  # type: ignore[misc]
            config=raw.get("config", {}),
            contains=list(raw.get("contains", [])),
        )
        out.append((f"{'+'.join(case.rules)}:{case.name}", case))
    return out


def run_case(case: RuleCase) -> list[Finding]:
    """Check a case's plan with only its rules selected; returns the findings (suppressed excluded)."""
    from .loading.loader import load_text
    from .rules.engine import check

    plan = load_text(complete_plan_text(case.plan), file=f"{case.name}.yaml")
    config = Config([ConfigLayer.from_mapping({**case.config, "select": case.rules}, "case")])
    return check(plan, config).findings
