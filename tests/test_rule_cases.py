"""Every rule's named pass/fail cases (tests/cases/<family>.yaml), run through the public loader."""

from __future__ import annotations

from pathlib import Path

import pytest

from outcome_graph.testing import CaseFileError, RuleCase, check_case, load_cases

from .conftest import PLAN_HEADER

CASES = [
    c for path in sorted((Path(__file__).parent / "cases").glob("*.yaml")) for c in load_cases(path)
]


@pytest.mark.parametrize("case", [c for _, c in CASES], ids=[i for i, _ in CASES])
def test_rule_case(case):
    check_case(case)


def test_every_rule_has_a_firing_and_a_silent_case():
    from outcome_graph.rules import registry

    fired = {rule for _, c in CASES for rule, _node in c.findings}
    silent = {r for _, c in CASES if not c.findings for r in c.rules}
    missing_fire = sorted(set(registry()) - fired)
    missing_silent = sorted(set(registry()) - silent - {"OG110"})
    assert not missing_fire, f"rules with no case where they fire: {missing_fire}"
    assert not missing_silent, f"rules with no case where they stay silent: {missing_silent}"


ORPHAN = """\
rule: OG103
cases:
  - name: orphan-objective
    plan: |
      aims: [{id: A1, title: Achieve}]
      objectives: [{id: O1, title: Raise attendance}]
    findings: [[OG103, O1]]
"""


def test_a_case_file_is_read_with_its_hints(tmp_path):
    path = tmp_path / "cases.yaml"
    path.write_text(
        ORPHAN
        + '    contains: ["though the plan has aims"]\n    hints: ["Nest it under its aim"]\n'
    )
    [(case_id, case)] = load_cases(path)
    assert case_id == "OG103:orphan-objective"
    assert case.contains == ["though the plan has aims"] and case.hints == ["Nest it under its aim"]
    assert [(f.rule, f.node) for f in check_case(case)] == [("OG103", "O1")]


@pytest.mark.parametrize(
    ("text", "key", "where"),
    [
        (
            ORPHAN + '    contain: ["though the plan has aims"]\n',
            "contain",
            "case 'orphan-objective'",
        ),
        (ORPHAN + '    hint: ["Nest it"]\n', "hint", "case 'orphan-objective'"),
        (
            "rules: [OG103]\ncase:\n  - {name: a, plan: 'aims: []'}\ncases: []\n",
            "case",
            "at the top of the file",
        ),
    ],
)
def test_a_misspelt_key_is_refused_naming_the_file_the_case_and_the_key(tmp_path, text, key, where):
    path = tmp_path / "typo.yaml"
    path.write_text(text)
    with pytest.raises(CaseFileError) as err:
        load_cases(path)
    message = str(err.value)
    assert str(path) in message and f"unknown key {key!r}" in message and where in message
    assert isinstance(err.value, ValueError)


def test_a_case_without_a_plan_is_refused(tmp_path):
    path = tmp_path / "cases.yaml"
    path.write_text("rule: OG103\ncases:\n  - {name: nothing, findings: []}\n")
    with pytest.raises(CaseFileError, match="case 'nothing' has no `plan:`"):
        load_cases(path)


def test_texts_to_find_must_be_a_list(tmp_path):
    # (a single string would otherwise be checked letter by letter)
    path = tmp_path / "cases.yaml"
    path.write_text(ORPHAN + '    hints: "Nest it under its priority"\n')
    with pytest.raises(
        CaseFileError, match="case 'orphan-objective': `hints:` must be a list of texts"
    ):
        load_cases(path)


def _orphan(**expect) -> RuleCase:
    return RuleCase(
        name="orphan",
        rules=["OG103"],
        plan="aims: [{id: A1, title: a}]\nobjectives: [{id: O1, title: b}]\n",
        findings=[("OG103", "O1")],
        **expect,
    )


def test_check_case_checks_the_findings_messages_and_hints():
    found = check_case(
        _orphan(
            contains=["though the plan has aims"], hints=["Nest it under its aim or add `parent:`"]
        )
    )
    assert found[0].hint == "Nest it under its aim or add `parent:` naming it."
    with pytest.raises(
        AssertionError, match=r"case 'orphan': 'under its priority' is not in the findings' hints"
    ):
        check_case(_orphan(hints=["under its priority"]))
    with pytest.raises(AssertionError, match=r"'is unmeasured' is not in the findings' messages"):
        check_case(_orphan(contains=["is unmeasured"]))
    with pytest.raises(AssertionError, match=r"found \[\('OG103', 'O1'\)\], expected \[\]"):
        check_case(RuleCase(name="orphan", rules=["OG103"], plan=_orphan().plan, findings=[]))


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        # (each was read letter by letter: [OG103] expected the finding ('O', 'G', '1', '0', '3'),
        # and `rules: OG103` selected the rules 'O', 'G'...)
        (
            "rule: OG103\ncases:\n  - {name: a, plan: 'aims: []', findings: [OG103]}\n",
            "case 'a': `findings:` must be a list of [rule, node] pairs ([[OG101, O1]], or [] "
            "for none), not ['OG103']",
        ),
        (
            "rule: OG103\ncases:\n  - {name: a, plan: 'aims: []', findings: [[OG103, O1, O2]]}\n",
            "must be a list of [rule, node] pairs",
        ),
        (
            "rule: OG103\ncases:\n  - {name: a, plan: 'aims: []', findings: OG103}\n",
            "must be a list of [rule, node] pairs",
        ),
        (
            "rules: {OG103: 1}\ncases:\n  - {name: a, plan: 'aims: []'}\n",
            "the file: `rule:` is a rule code and `rules:` a list of them, not {'OG103': 1}",
        ),
        (
            "rule: OG103\ncases:\n  - {name: a, rules: [], plan: 'aims: []'}\n",
            "case 'a': `rule:` is a rule code",
        ),
        (
            "rule: OG103\ncases:\n  - {name: a, plan: 'aims: []', findings: [[OG103, O1]]\n",
            "cases.yaml:4: not valid YAML: ",
        ),
    ],
)
def test_a_malformed_expectation_is_refused(tmp_path, text, problem):
    path = tmp_path / "cases.yaml"
    path.write_text(text)
    with pytest.raises(CaseFileError) as err:
        load_cases(path)
    assert str(err.value).startswith(str(path)) and problem in str(err.value)


def test_rules_may_name_one_rule_as_rule_does(tmp_path):
    path = tmp_path / "cases.yaml"
    path.write_text(
        "rules: OG103\ncases:\n  - {name: a, plan: 'aims: []'}\n"
        "  - {name: b, rules: OG101, plan: 'aims: []'}\n"
    )
    assert [(i, c.rules) for i, c in load_cases(path)] == [
        ("OG103:a", ["OG103"]),
        ("OG101:b", ["OG101"]),
    ]


def test_a_case_whose_plan_does_not_load_is_reported_at_its_lines_of_the_case_file(tmp_path):
    from outcome_graph.errors import PlanError
    from outcome_graph.testing import run_case

    path = tmp_path / "cases.yaml"
    path.write_text(
        "rule: OG103\n"
        "cases:\n"
        "  - name: flow\n"
        "    plan: 'objectives: [{id: O1, titel: a}]'\n"  # line 4
        "  - name: block\n"
        "    plan: |\n"
        "      objectives:\n"  # line 7
        "        - {id: O1, title: a}\n"
        "        - {id: O2, titel: b}\n",
        encoding="utf-8",
    )  # line 9
    (_, flow), (_, block) = load_cases(path)
    assert (flow.plan_line, block.plan_line, block.plan_indent) == (4, 7, 6)
    with pytest.raises(PlanError) as err:
        run_case(block)
    assert [(p.file, p.line, p.column) for p in err.value.problems] == [
        (str(path), 9, 11),
        (str(path), 9, 20),
    ]
    assert str(err.value).startswith(
        f"{path}:9:11: case 'block': objective O2 is missing the required field"
    )
    with pytest.raises(PlanError) as err:
        run_case(flow)
    assert {(p.file, p.line) for p in err.value.problems} == {(str(path), 4)}


def test_a_case_plan_reads_its_catalogue_entries_file_beside_the_case_file(tmp_path, monkeypatch):
    # (a case's plan is text, with no folder of its own: its entries file is the case file's
    # neighbour, whatever the working folder, as a plan file's is its own)
    (tmp_path / "csc.csv").write_text("code,title\nCSC 001,Young carers\n", encoding="utf-8")
    path = tmp_path / "cases.yaml"
    path.write_text(
        "rule: OG501\ncases:\n  - name: unknown-local-code\n    plan: |\n"
        "      catalogues: [{prefix: CSC, title: Local, entries: csc.csv}]\n"
        "      objectives: [{id: O1, title: Care, indicators: [CSC 001, CSC 002]}]\n"
        "    findings: [[OG501, CSC 002]]\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path.parent)
    [(_, case)] = load_cases(path)
    assert [(f.rule, f.node) for f in check_case(case)] == [("OG501", "CSC 002")]


def test_og110_reports_through_its_declaration_the_entries_the_engine_found_unused():
    # The engine finds the ignore entries no finding used; what is said of each (code, name,
    # severity, message) is the declared rule's: a declaration changed changes the findings.
    from dataclasses import replace

    import outcome_graph as og
    from outcome_graph.rules import registry
    from outcome_graph.rules.engine import run_rules

    plan = og.load(
        PLAN_HEADER + "aims: [{id: A1, title: Achieve}]\nobjectives:\n"
        "  - {id: O1, title: Typo, parent: A1, ignore: [OG999, OG103]}\n"
        "  - {id: O2, title: Orphan on purpose, ignore: [OG103]}\n"
    )
    declared = registry()["OG110"]
    found = run_rules(plan, [registry()["OG103"], declared], og.Config()).findings
    assert [(f.rule, f.name, f.severity, f.node, f.message) for f in found] == [
        ("OG110", "unused-ignore", "info", "O1", "O1's ignore names 'OG999', which is not a rule."),
        (
            "OG110",
            "unused-ignore",
            "info",
            "O1",
            "O1's ignore of OG103 suppresses nothing: the rule reports nothing there.",
        ),
    ]

    def stale(ctx: og.RuleContext):
        for unused in ctx.unused_ignores:
            yield ctx.finding(
                unused.holder, f"stale {unused.rule} ({unused.kind}, a rule: {unused.names_a_rule})"
            )

    changed = replace(declared, name="stale-ignore", severity="warning", check=stale)
    found = run_rules(plan, [registry()["OG103"], changed], og.Config()).findings
    assert [(f.rule, f.name, f.severity, f.message) for f in found] == [
        ("OG110", "stale-ignore", "warning", "stale OG999 (node, a rule: False)"),
        ("OG110", "stale-ignore", "warning", "stale OG103 (node, a rule: True)"),
    ]


def test_an_entry_above_a_whole_branch_suppresses_its_one_finding_at_the_root():
    # (a case checks the findings kept; what is suppressed, and where, shows in the report: P1's
    # branch entry covers A1, so A1's objectives, none measured, stay one finding at A1, suppressed)
    import outcome_graph as og

    plan = og.load(
        PLAN_HEADER
        + """\
indicators: [{id: L1, title: Local measure}]
priorities:
  - id: P1
    title: Safe
    ignore: [{rule: OG102, scope: branch}]
    aims: [{id: A1, title: a, objectives: [{id: O1, title: a}, {id: O2, title: b}]}]
  - {id: P2, title: Achieve, indicators: [L1],
     aims: [{id: A2, title: b, objectives: [{id: O3, title: c}]}]}
"""
    )
    report = og.check(plan, {"select": ["OG102"]})
    assert report.findings == []
    assert [(f.rule, f.node) for f in report.suppressed] == [("OG102", "A1")]
