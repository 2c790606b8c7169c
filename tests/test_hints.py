"""Findings' hints speak the plan's own form: a YAML plan's name its keys (`lead:`), a workbook's
or CSV folder's the column and sheet to fill in; the real plans' YAML hints are pinned. Messages
say what is wrong in plain words on every form: no key syntax (`direction: increase`) at all.

``tests/snapshots/<model>.hints`` lists one ``RULE<TAB>node<TAB>hint`` line per finding, in
report order; regenerate with ``UPDATE_SNAPSHOTS=1 python -m pytest tests/test_hints.py`` after
reviewing a change of wording.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings

import outcome_graph as og
from outcome_graph.config import Config, ConfigLayer
from outcome_graph.convert import write_plan
from outcome_graph.loading.loader import load_bytes, load_path
from outcome_graph.loading.sheet_layout import FIELD_PLACES
from outcome_graph.testing import RuleCase, complete_plan_text, load_cases, run_case

from .conftest import MODELS
from .strategies import plan_text, plans

SNAPSHOTS = Path(__file__).parent / "snapshots"
MODEL_FILES = sorted(MODELS.glob("*.yaml"))
CASES = [
    c for path in sorted((Path(__file__).parent / "cases").glob("*.yaml")) for c in load_cases(path)
]
FAMILIES = {
    "1": "structure",
    "2": "coverage",
    "3": "ownership",
    "4": "timing",
    "5": "indicators",
    "6": "wording",
}

#: What only a YAML plan can write: a key (`lead:`, `status: done`), a flow mapping
#: (`{rule: OG305, reason: ...}`) or a flow list (`[NI 19, NI 43]`; `[]` is also a spreadsheet's
#: marker of an empty list).
YAML_SYNTAX = re.compile(r"`[A-Za-z_.]+:|`\{|`\[(?!\]`)")
#: The fields a hint names, as YAML keys: in a spreadsheet's hint each must be a column.
FIELD_NAMES = {name.split(".")[-1] for name in FIELD_PLACES} | {
    c for c, _ in FIELD_PLACES.values() if c
}


def _yaml_only(hint: str) -> list[str]:
    """What a hint says that only a YAML plan can write: its syntax, and fields named as keys
    rather than as the column of a sheet (`` `aliases` `` alone)."""
    bare = [
        m.group(0)
        for m in re.finditer(r"`([a-z_.]+)`(?! column)", hint)
        if m.group(1) in FIELD_NAMES
    ]
    return YAML_SYNTAX.findall(hint) + bare


#: A field written as a YAML key and its value, in brackets or a code span ("(direction:
#: increase)"): lower case, as the format spells its keys (a title's "Target:" is the plan's own
#: words), and not prose's colon ("no targets: none of ...").
KEY_WRITTEN = re.compile(
    r"[(`](?:" + "|".join(sorted(map(re.escape, FIELD_NAMES), key=len, reverse=True)) + r"): "
)


def _yaml_in_message(message: str) -> list[str]:
    """What a message says in YAML syntax: a hint's (see :func:`_yaml_only`) or a key written with
    its value; a message is read on every form, so it may have none."""
    return _yaml_only(message) + KEY_WRITTEN.findall(message)


def _hints(report: og.Report) -> dict[tuple[str, str], str | None]:
    return {(f.rule, f.node): f.hint for f in report.findings}


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, og.Report]]:
    """Each real plan's report as YAML, as a workbook and as a folder of CSV files."""
    out = {}
    for path in MODEL_FILES:
        tmp = tmp_path_factory.mktemp(path.stem)
        plan = og.load(path)
        write_plan(plan, tmp / "plan.xlsx")
        write_plan(plan, tmp / "plan-csv")
        out[path.stem] = {
            "yaml": og.check(plan),
            "xlsx": og.check(load_path(tmp / "plan.xlsx")),
            "csv": og.check(load_path(tmp / "plan-csv")),
        }
    return out


@pytest.mark.parametrize("path", MODEL_FILES, ids=lambda p: p.stem)
def test_a_yaml_plan_s_hints_are_pinned(path: Path, converted: dict[str, dict[str, og.Report]]):
    got = [f"{f.rule}\t{f.node}\t{f.hint}" for f in converted[path.stem]["yaml"].findings]
    snapshot = SNAPSHOTS / f"{path.stem}.hints"
    if os.environ.get("UPDATE_SNAPSHOTS"):
        if not snapshot.exists() or got != snapshot.read_text(encoding="utf-8").splitlines():
            snapshot.write_text("\n".join(got) + "\n", encoding="utf-8")
            pytest.skip(f"{snapshot.name} rewritten: review its diff, then run the tests again")
    assert got == snapshot.read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize("form", ["xlsx", "csv"])
def test_every_family_s_hints_on_a_spreadsheet_name_no_yaml_key(
    form: str, converted: dict[str, dict[str, og.Report]]
):
    # The three real plans, written as a workbook and as CSV files, have the YAML plans' findings;
    # every hint the YAML plan gives with a key (`lead:`, an `ignore:` entry), in every rule family,
    # names a column or sheet instead, and says as much as before (a hint for a hint).
    keyed: dict[str, set[str]] = {}
    for reports in converted.values():
        yaml, sheet = _hints(reports["yaml"]), _hints(reports[form])
        assert sheet.keys() == yaml.keys()
        for found, hint in yaml.items():
            if hint and _yaml_only(hint):
                keyed.setdefault(FAMILIES[found[0][2]], set()).add(found[0])
                assert sheet[found] and not _yaml_only(sheet[found]), (found, sheet[found])
                assert sheet[found] != hint
    assert keyed == {
        "structure": {"OG101", "OG102", "OG109"},
        "coverage": {"OG201", "OG203", "OG204"},
        "ownership": {"OG301", "OG302", "OG305"},
        "timing": {"OG401", "OG404"},
        "indicators": {"OG502", "OG503"},
        "wording": {"OG601", "OG603"},
    }


@pytest.mark.parametrize("form", ["xlsx", "csv"])
def test_a_spreadsheet_s_messages_are_the_yaml_plan_s_and_in_no_yaml(
    form: str, converted: dict[str, dict[str, og.Report]]
):
    # A message says what is wrong, not where to write: the same words whatever the plan's form.
    for reports in converted.values():
        # (in the order of each form's own rows)
        sheet = sorted((f.rule, f.node, f.message) for f in reports[form].findings)
        assert sheet == sorted((f.rule, f.node, f.message) for f in reports["yaml"].findings)
        assert not [found for found in sheet if _yaml_in_message(found[2])]


@pytest.mark.parametrize(
    "case",
    [c for _, c in CASES if any(r.startswith(("OG504", "OG505")) for r in c.rules)],
    ids=lambda c: c.name,
)
def test_an_indicator_s_direction_is_given_in_words_on_every_form(case: RuleCase, tmp_path: Path):
    # OG504 and OG505 explain a verdict by the indicator's direction: in words ("its direction is
    # increase"), not as the key a YAML plan writes
    # ("direction: increase"), in a workbook as in YAML.
    plan = load_bytes(complete_plan_text(case.plan).encode("utf-8"), file=f"{case.name}.yaml")
    write_plan(plan, tmp_path / "plan.xlsx")
    messages = [f.message for f in run_case(case)]
    config = Config([ConfigLayer.from_mapping({**case.config, "select": case.rules}, "case")])
    assert sorted(
        f.message for f in og.check(load_path(tmp_path / "plan.xlsx"), config).findings
    ) == sorted(messages)
    assert not [m for m in messages if _yaml_in_message(m)], messages


def test_a_workbook_s_hints_name_the_sheet_and_column(converted: dict[str, dict[str, og.Report]]):
    southend, thurrock = converted["southend-cypp-2008-09"], converted["thurrock-cypp-2011-12"]
    hints = {
        form: {f.rule: f.hint for f in reversed(southend[form].findings)}
        for form in ("yaml", "xlsx", "csv")
    }
    assert hints["yaml"]["OG301"] == (
        "Give the milestone (or its objective, for all its milestones) a `lead:`: an "
        "owner id, name or alias, or several for joint leads."
    )
    assert hints["xlsx"]["OG301"] == (
        "Give the milestone (or its objective, for all its milestones) a lead in the "
        "`lead` column: an owner id, name or alias, or several for joint leads."
    )
    assert hints["xlsx"]["OG203"] == (
        "Fill in the `outcomes` column with the outcomes it serves, or `[]` in the "
        "`outcomes` column if it is deliberately cross-cutting (management, capacity, "
        '"lean and fit").'
    )
    assert hints["xlsx"]["OG603"] == (
        "Add the aim to the view (the view in the `views` column, or a row of the "
        "variants sheet with the view's wording), or remove the view's claim to be complete."
    )
    assert hints["csv"]["OG404"] == (
        "Copy the date from the other document into the `due` column (keeping the reference in "
        "the `timescale` column), or accept the reference with a row of ignore.csv: the id of "
        "the milestone in `node`, OG404 in `rule` and why in `reason`."
    )
    owners = {f.hint for f in thurrock["xlsx"].by_rule("OG305")}
    assert (
        "Write it as 'CSP' everywhere, or declare one owner with the other spelling in the "
        "`aliases` column of the owners sheet; if they are two owners, say so in a row of the "
        "ignore sheet: the id of the node where this is reported in `node`, OG305 in `rule` and "
        "why in `reason`."
    ) in owners
    assert (
        "Write 'Head of Care & Targeted Outcomes (HCATO)' and 'Head of Service – CATO' as 'Head "
        "CATO' everywhere, or declare one owner with the other spellings in the `aliases` column "
        "of the owners sheet; if they are not all one owner, say so in a row of the ignore "
        "sheet: the id of the node where this is reported in `node`, OG305 in `rule` and why in "
        "`reason`."
    ) in owners


def test_an_ignore_row_a_hint_describes_suppresses_the_finding(tmp_path: Path):
    # OG404's hint on a workbook asks for a row of the ignore sheet: the row it describes quiets the
    # finding (and is used, so OG110 says nothing).
    plan = og.load(MODELS / "thurrock-cypp-2011-12.yaml")
    write_plan(plan, tmp_path / "plan.xlsx")
    finding = og.check(load_path(tmp_path / "plan.xlsx")).by_rule("OG404")[0]
    assert (
        "a row of the ignore sheet: the id of the milestone in `node`, OG404 in `rule`"
        in finding.hint
    )
    wb = openpyxl.load_workbook(tmp_path / "plan.xlsx")
    ws = wb["ignore"]  # (the template's sheet, empty: Thurrock suppresses nothing)
    assert [c.value for c in ws[1]][:3] == ["node", "rule", "reason"] and ws.max_row == 1
    ws.append([finding.node, "OG404", "dated in the 14-19 Plan"])
    wb.save(tmp_path / "plan.xlsx")
    report = og.check(load_path(tmp_path / "plan.xlsx"))
    assert finding.node not in {f.node for f in report.by_rule("OG404")}
    assert not report.by_rule("OG110")


def test_a_flat_table_s_hints_name_its_columns_or_the_per_level_form(tmp_path: Path):
    # A flat table has a lead column but no owners sheet: a hint names the column it has, and the
    # per-level form's sheet for the other.
    path = tmp_path / "table.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Priority", "Objective", "Milestone", "Lead", "Timescale"])
    ws.append(["Safe", "Fewer accidents", "Audit the crossings", None, "June 11"])
    for n in range(11):
        ws.append([None, None, f"Visit school {n + 1}", "SILS", "June 11"])
    wb.save(path)
    hints = {
        f.rule: f.hint for f in og.check(load_path(path, period="2011-04-01..2012-03-31")).findings
    }
    assert hints["OG301"] == (
        "Give the milestone (or its objective, for all its milestones) a lead in the `lead` "
        "column: an owner id, name or alias, or several for joint leads."
    )
    assert hints["OG302"] == (
        "Share the milestones among the people who will deliver them, or record the owner's "
        "real capacity in the `capacity` column of the owners sheet of the per-level form if "
        "the load is planned."
    )


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(doc=plans())
def test_any_plan_as_a_workbook_has_the_same_findings_and_no_yaml_in_its_hints_or_messages(
    doc: dict, tmp_path: Path
):
    plan = og.load(plan_text(doc))
    target = tmp_path / f"{id(doc)}.xlsx"
    write_plan(plan, target)
    report, yaml_report = og.check(load_path(target)), og.check(plan)
    yaml, sheet = _hints(yaml_report), _hints(report)
    assert sheet.keys() == yaml.keys()
    for found, hint in sheet.items():
        assert not (hint and _yaml_only(hint)), (found, hint)
    assert sorted(f.message for f in report.findings) == sorted(
        f.message for f in yaml_report.findings
    )
    for f in report.findings:
        assert not _yaml_in_message(f.message), (f.rule, f.node, f.message)
