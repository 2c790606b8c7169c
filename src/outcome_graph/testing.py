"""Rule case files: named pass/fail cases for rules, for outcome_graph's tests and for plugin
authors.

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
        hints: ["or remove the branch"]   # optional: texts the findings' hints must contain

``rules`` (of the file or of a case) may name one rule as ``rule`` does; each of ``findings`` is a
``[rule, node]`` pair, and anything else (``findings: [OG101]``) is refused, as is a file that is
not valid YAML.

``contains`` and ``hints`` are read alike: each text must occur somewhere in the findings'
messages (or hints), joined by spaces, so a text may be a word, a phrase or a whole message or
hint. A key the format does not name, in a case or at the top of the file (``contain:`` for
``contains:``), is refused with a :class:`CaseFileError` naming the file, the case and the key,
rather than being left out of the check.

:func:`load_cases` reads a file into ``(id, case)`` pairs for ``pytest.mark.parametrize``;
:func:`run_case` checks one case's plan with only the rule(s) under test selected and returns
the findings; :func:`check_case` runs a case and checks all it expects (the findings, the
``contains`` and ``hints`` texts), raising :class:`AssertionError` with what differs::

    @pytest.mark.parametrize("case", [c for _, c in CASES], ids=[i for i, _ in CASES])
    def test_case(case):
        check_case(case)
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from .config import Config, ConfigLayer
from .errors import OutcomeGraphError, PlanError
from .findings import Finding

__all__ = [
    "RuleCase",
    "CaseFileError",
    "load_cases",
    "run_case",
    "check_case",
    "complete_plan_text",
]

_HEADER = "format: outcome-graph/v1\n"
_PLAN = "plan: {id: case, period: {start: 2011-04-01, end: 2012-03-31}}\n"
_FILE_KEYS = ("rule", "rules", "cases")
_CASE_KEYS = ("name", "rules", "plan", "findings", "config", "contains", "hints")


class CaseFileError(OutcomeGraphError, ValueError):
    """A case file that does not follow the format: an unknown or missing key, or no cases."""


@dataclass
class RuleCase:
    """One named case: a plan, the rule(s) under test and the expected findings."""

    name: str
    rules: list[str]
    plan: str
    findings: list[tuple[str, str]]
    config: dict[str, Any] = field(default_factory=dict)
    contains: list[str] = field(default_factory=list)
    hints: list[str] = field(default_factory=list)
    #: The case file, and the line its plan's first line is on there (a plan that does not load
    #: is reported at the lines of the case file).
    file: str | None = None
    plan_line: int | None = None
    plan_indent: int = 0  # (the columns a block plan's lines are indented by there)


def complete_plan_text(text: str) -> str:
    """Add ``format`` and a default ``plan:`` block (2011-12) when a case's plan leaves them out."""
    lines = text.splitlines()
    has_format = any(line.startswith("format:") for line in lines)
    has_plan = any(line.startswith("plan:") for line in lines)
    return ("" if has_format else _HEADER) + ("" if has_plan else _PLAN) + text


def load_cases(path: str | os.PathLike[str]) -> list[tuple[str, RuleCase]]:
    """Read a case file into ``(test id, case)`` pairs.

    Raises :class:`CaseFileError` for a key the format does not name (at the top of the file or in
    a case), a case without a ``name`` or ``plan``, ``contains`` or ``hints`` that is not a list
    of texts, or a file with no rule or no cases.
    """
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
        problem = getattr(exc, "problem", None) or exc
        raise CaseFileError(f"{where}: not valid YAML: {problem}") from None
    if not isinstance(data, dict):
        raise CaseFileError(
            f"{path}: a case file is a mapping with `rule:` (or `rules:`) and `cases:`"
        )
    unknown = [str(k) for k in data if k not in _FILE_KEYS]
    if unknown:
        raise CaseFileError(
            f"{path}: unknown key {unknown[0]!r} at the top of the file (the keys are "
            f"{', '.join(_FILE_KEYS)})"
        )
    if not isinstance(data.get("cases"), list) or not ("rules" in data or "rule" in data):
        raise CaseFileError(
            f"{path}: a case file needs `rule:` (or `rules:`) and a list of `cases:`"
        )
    rules = _codes(data["rules"] if "rules" in data else data["rule"], path, "the file")
    plan_lines = _plan_lines(path)
    out = []
    for number, raw in enumerate(data["cases"], 1):
        label = repr(raw["name"]) if isinstance(raw, dict) and "name" in raw else f"number {number}"
        if not isinstance(raw, dict):
            raise CaseFileError(f"{path}: case {label} is not a mapping")
        unknown = [str(k) for k in raw if k not in _CASE_KEYS]
        if unknown:
            raise CaseFileError(
                f"{path}: case {label} has an unknown key {unknown[0]!r} (the keys are "
                f"{', '.join(_CASE_KEYS)})"
            )
        for required in ("name", "plan"):
            if required not in raw:
                raise CaseFileError(f"{path}: case {label} has no `{required}:`")
        for texts in ("contains", "hints"):
            if not isinstance(raw.get(texts, []), list) or not all(
                isinstance(t, str) for t in raw.get(texts, [])
            ):
                raise CaseFileError(f"{path}: case {label}: `{texts}:` must be a list of texts")
        findings = raw.get("findings", [])
        if not isinstance(findings, list) or not all(
            isinstance(f, list) and len(f) == 2 and all(isinstance(x, str) for x in f)
            for f in findings
        ):
            raise CaseFileError(
                f"{path}: case {label}: `findings:` must be a list of [rule, node] pairs "
                f"([[OG101, O1]], or [] for none), not {findings!r}"
            )
        case = RuleCase(
            name=raw["name"],
            rules=_codes(raw["rules"], path, f"case {label}") if "rules" in raw else list(rules),
            plan=raw["plan"],
            findings=[(f[0], f[1]) for f in findings],
            config=raw.get("config", {}),
            contains=list(raw.get("contains", [])),
            hints=list(raw.get("hints", [])),
            file=str(path),
        )
        position = plan_lines[number - 1] if number - 1 < len(plan_lines) else None
        if position is not None:
            case.plan_line, case.plan_indent = position
        out.append((f"{'+'.join(case.rules)}:{case.name}", case))
    return out


def _plan_lines(path: str | os.PathLike[str]) -> list[tuple[int, int] | None]:
    """For each case of a case file, the line its plan's text starts on (a block ``plan: |`` on
    the next line) and the block's indentation, or None."""
    source = Path(path).read_text(encoding="utf-8")
    lines = source.splitlines()
    root = yaml.compose(source)
    cases = next(
        (v for k, v in getattr(root, "value", ()) if getattr(k, "value", None) == "cases"), None
    )
    out: list[tuple[int, int] | None] = []
    for item in getattr(cases, "value", ()):
        plan = next(
            (v for k, v in getattr(item, "value", ()) if getattr(k, "value", None) == "plan"), None
        )
        if not isinstance(plan, yaml.ScalarNode):
            out.append(None)
            continue
        if plan.style in ("|", ">"):
            first = plan.start_mark.line + 1  # (0-based: the line after the indicator)
            text = lines[first] if first < len(lines) else ""
            out.append((first + 1, len(text) - len(text.lstrip(" "))))
        else:
            out.append((plan.start_mark.line + 1, plan.start_mark.column))
    return out


def _codes(value: Any, path: str | os.PathLike[str], where: str) -> list[str]:
    """``rule:``/``rules:`` as a list of codes: one code, or a list of them."""
    codes = [value] if isinstance(value, str) else value
    if not isinstance(codes, list) or not codes or not all(isinstance(c, str) for c in codes):
        raise CaseFileError(
            f"{path}: {where}: `rule:` is a rule code and `rules:` a list of them, not {value!r}"
        )
    return list(codes)


def run_case(case: RuleCase) -> list[Finding]:
    """Check a case's plan with only its rules selected; returns the findings (suppressed
    excluded)."""
    from .loading.loader import load_bytes
    from .rules.engine import check

    text = complete_plan_text(case.plan)
    try:
        # (a catalogue's entries file is read beside the case file, the plan's folder)
        plan = load_bytes(
            text.encode("utf-8", "surrogatepass"),
            file=f"{case.name}.yaml",
            base_dir=os.path.dirname(os.path.abspath(case.file)) if case.file else None,
        )
    except PlanError as exc:
        if case.file is None or case.plan_line is None:
            raise
        added = text.count("\n") - case.plan.count("\n")  # (the lines complete_plan_text put first)
        raise PlanError(
            [
                replace(
                    p,
                    file=case.file,
                    line=case.plan_line + p.line - 1 - added,
                    column=None if p.column is None else p.column + case.plan_indent,
                    message=f"case {case.name!r}: {p.message}",
                )
                if p.line is not None and p.line > added
                else replace(
                    p,
                    file=case.file,
                    line=case.plan_line,
                    column=None,
                    message=f"case {case.name!r}: {p.message}",
                )
                for p in exc.problems
            ]
        ) from None
    config = Config([ConfigLayer.from_mapping({**case.config, "select": case.rules}, "case")])
    return check(plan, config).findings


def check_case(case: RuleCase) -> list[Finding]:
    """Run a case and check what it expects; returns the findings.

    Raises :class:`AssertionError` naming the case when the (rule, node) pairs found differ from
    ``findings``, or when a ``contains`` text is in none of the messages or a ``hints`` text in
    none of the hints.
    """
    findings = run_case(case)
    found = [(f.rule, f.node) for f in findings]
    expected = [tuple(x) for x in case.findings]
    if found != expected:
        raise AssertionError(f"case {case.name!r}: found {found}, expected {expected}")
    for what, texts, wanted in (
        ("messages", [f.message for f in findings], case.contains),
        ("hints", [f.hint for f in findings], case.hints),
    ):
        joined = " ".join(texts)
        for needle in wanted:
            if needle not in joined:
                raise AssertionError(
                    f"case {case.name!r}: {needle!r} is not in the findings' {what}: {joined!r}"
                )
    return findings
