"""Tables for analysts: milestones, indicators, owner load and coverage, as DataFrames, text and
files."""

from __future__ import annotations

import io
import re
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

import outcome_graph as og
from outcome_graph.cli import main
from outcome_graph.errors import ConfigError
from outcome_graph.graph.facts import PlanFacts
from outcome_graph.output.tables import TABLES, format_table, table, table_bytes

from .conftest import EXAMPLES, MODELS, PLAN_HEADER, cli_runner
from .test_load import FULL

THURROCK = MODELS / "thurrock-cypp-2011-12.yaml"
RICHMOND = MODELS / "richmond-cypp-2009-2013.yaml"


def cli(*args: str) -> tuple[int, str, str]:
    result = cli_runner().invoke(main, list(args), catch_exceptions=True)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("model", sorted(MODELS.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_table_of_every_model(model: Path):
    plan = og.load(model)
    facts = PlanFacts(plan)
    for what in TABLES:
        df = table(plan, what, facts=facts)
        assert isinstance(df, pd.DataFrame) and len(df.columns) > 3
        assert format_table(df)
    milestones = table(plan, "milestones", facts=facts)
    assert list(milestones["id"]) == [n.id for n in plan.of_kind("milestone")]
    owners = table(plan, "owners", facts=facts)
    assert owners["milestones"].sum() == sum(len(o.milestones) for o in facts.owners.values())
    months = [c for c in owners.columns if c[:2] in ("19", "20") and len(c) == 7]
    assert (
        owners[months].sum(axis=1) + owners["no_month"] + owners["outside_period"]
        == owners["milestones"]
    ).all()


def test_milestones_table_has_dates_and_owners():
    plan = og.load(THURROCK)
    facts = PlanFacts(plan)
    df = table(plan, "milestones").set_index("id")
    assert pd.api.types.is_datetime64_any_dtype(
        df["start"]
    ) and pd.api.types.is_datetime64_any_dtype(df["end"])
    row = df.loc["P1.A1.O1.M1"]
    span = facts.timing["P1.A1.O1.M1"].span
    assert (row["start"].date(), row["end"].date()) == (span.start, span.end)
    assert row["interpretation"] == facts.timing["P1.A1.O1.M1"].interpretation
    assert row["objective"] == "P1.A1.O1" and row["aim"] == "P1.A1" and row["priority"] == "P1"
    # the milestone has no lead of its own: it takes its objective's
    assert (
        pd.isna(row["lead"])
        and row["lead_inherited"]
        and row["owners"] == "; ".join(facts.lead_owners["P1.A1.O1.M1"])
    )
    undated = df[df["timing"] == "undated"]
    assert undated["start"].isna().all()


def test_overdue_needs_as_of():
    plan = og.load(
        PLAN_HEADER.replace("end: 2012-03-31}", "end: 2012-03-31}, as_of: 2011-10-01")
        + """\
milestones:
  - {id: M1, title: Early, timescale: June 11}
  - {id: M2, title: Done early, timescale: June 11, status: done}
  - {id: M3, title: Later, timescale: March 2012}
"""
    )
    assert table(plan, "milestones").set_index("id")["overdue"].to_dict() == {
        "M1": True,
        "M2": False,
        "M3": False,
    }


def test_overdue_in_the_table_is_what_og403_reports():
    # Ongoing work spans the plan period: judged after the period ends, OG403 leaves it out of its
    # date comparisons, and the table's overdue column must agree with the check.
    plan = og.load(
        PLAN_HEADER.replace("end: 2012-03-31}", "end: 2012-03-31}, as_of: 2012-06-01")
        + """\
milestones:
  - {id: M1, title: Review termly, timescale: Ongoing}
  - {id: M2, title: Publish the review, timescale: June 11}
  - {id: M3, title: See the other plan, timescale: See 14-19 Plan}
"""
    )
    overdue = table(plan, "milestones").set_index("id")["overdue"]
    reported = {f.node for f in og.check(plan, {"select": ["OG403"]}).findings}
    assert reported == {"M2"}
    assert {m for m, late in overdue.items() if late} == reported


def test_indicators_table_has_targets_and_actuals():
    plan = og.load(FULL)
    df = table(plan, "indicators")
    ni73 = df[df["indicator"] == "NI 73"]
    assert list(ni73["value_kind"]) == ["baseline", "target", "target", "actual"]
    assert list(ni73["period"]) == ["2010", "2011-12", "2012-13", "2011-12-Q3"]
    assert ni73["value"].tolist()[:2] == [71.5, 75.0] and ni73["change"].tolist()[2] == "+5"
    assert str(ni73["period_end"].iloc[1].date()) == "2012-03-31"
    # a node's own target for a shared indicator names the node
    own = df[(df["indicator"] == "CSC 001") & (df["value_kind"] == "target")]
    assert own["node"].tolist() == ["P1.A1.O1"] and own["value"].tolist() == [40.0]
    assert df.loc[df["indicator"] == "NI 75", "comparator"].tolist() == ["below"]
    thurrock = table(og.load(THURROCK), "indicators")
    assert set(thurrock["value_kind"].dropna()) <= {"baseline", "target", "actual"}
    assert (thurrock["measures"].notna() | ~thurrock["declared"]).any()


def test_coverage_matrix():
    richmond = og.load(RICHMOND)
    df = table(richmond, "coverage").set_index("id")
    outcomes = list(richmond.framework.ids)
    assert list(df.columns[4:9]) == outcomes
    assert df.loc["T1", "stay_safe"] == df.loc["T1", "nodes"] > 0
    cross = df[df["cross_cutting"]]
    assert len(cross) == 1 and (cross[outcomes] == 0).all(axis=None)
    # Thurrock states no outcomes on its hierarchy: only its indicators cover outcomes
    thurrock = table(og.load(THURROCK), "coverage")
    assert (thurrock[outcomes] == 0).all(axis=None)
    assert thurrock["enjoy_and_achieve_indicators"].sum() > 0


def test_unknown_table():
    with pytest.raises(ConfigError, match="choose one of"):
        table(og.load(THURROCK), "budgets")


def test_table_command(tmp_path: Path):
    code, out, _ = cli("table", str(THURROCK), "--what", "milestones")
    assert code == 0 and out.splitlines()[0].split() == [
        "id",
        "title",
        "owners",
        "timescale",
        "start",
        "end",
        "status",
    ]
    assert "P1.A1.O1.M1" in out and "2012-04-30" in out
    code, out, _ = cli("table", str(THURROCK), "--what", "coverage", "--columns", "id,nodes")
    assert code == 0 and out.splitlines()[1].split() == ["P1", "10"]
    code, _, err = cli("table", str(THURROCK), "--columns", "id,budget")
    assert code == 2 and "no column 'budget'" in err
    xlsx = tmp_path / "owners.xlsx"
    assert cli("table", str(THURROCK), "--what", "owners", "-o", str(xlsx))[0] == 0
    ws = openpyxl.load_workbook(xlsx)["owners"]
    assert [c.value for c in ws[1]][:6] == [
        "owner",
        "name",
        "declared",
        "kind",
        "capacity",
        "milestones",
    ]
    assert ws.max_row == len(table(og.load(THURROCK), "owners")) + 1
    csv_path = tmp_path / "milestones.csv"
    assert cli("table", str(THURROCK), "-o", str(csv_path))[0] == 0
    back = pd.read_csv(csv_path, encoding="utf-8-sig")
    assert back["id"].tolist() == table(og.load(THURROCK), "milestones")["id"].tolist()
    assert cli("table", str(THURROCK), "-o", str(tmp_path / "x.txt"))[0] == 2


def test_table_files_are_formula_safe():
    plan = og.load(
        PLAN_HEADER
        + """\
milestones:
  - {id: M1, title: "=HYPERLINK(\\"http://evil.example\\")", lead: "@team", timescale: June 11}
"""
    )
    df = table(plan, "milestones")
    text = table_bytes(df, "csv").decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "'@team" in text
    ws = openpyxl.load_workbook(io.BytesIO(table_bytes(df, "xlsx"))).active
    cell = ws.cell(row=2, column=3)
    assert cell.value.startswith("=HYPERLINK") and cell.data_type == "s"


SOUTHEND = MODELS / "southend-cypp-2008-09.yaml"


def test_findings_table_places_each_finding_in_its_branch_and_with_its_owners():
    plan = og.load(SOUTHEND)
    report = og.check(plan)
    log = table(plan, "findings")
    assert len(log) == len(report.findings)
    assert log[["rule", "node", "message"]].values.tolist() == [
        [f.rule, f.node, f.message] for f in report.findings
    ]
    facts = PlanFacts(plan)
    for row in log.itertuples():
        if row.node in plan.nodes and plan.nodes[row.node].kind == "milestone":
            # A milestone's branch is its ancestors', and
            # its owners lead it (or its objective does).
            assert row.priority == "; ".join(
                a for a in facts.ancestors(row.node) if plan.nodes[a].kind == "priority"
            )
            assert (row.owners if isinstance(row.owners, str) else "") == "; ".join(
                facts.lead_owners.get(row.node, ())
            )
        if row.kind == "owner":  # (its owner, and the joint leads of one finding after it)
            finding = report.findings[row.Index]
            assert row.owners == "; ".join([row.node, *finding.related]) and pd.isna(row.priority)
        if row.kind == "priority":
            assert row.priority == row.node
    joint = [f for f in report.findings if f.rule == "OG303" and f.related]
    assert joint and all(
        f.node not in f.related for f in joint
    )  # (Southend's joint leads of line 543)
    missing = log[log.rule == "OG301"]
    assert len(missing) and missing.owners.isna().all()  # (a missing lead has nobody to lead it)
    assert log.line.notna().all()  # every finding, plan-wide ones too, has its line


def test_an_indicators_finding_is_placed_in_the_branch_of_what_it_measures():
    # Thurrock's NI 97 (titled as another indicator) measures aims of priority P1: an action log
    # sorted or filtered by priority, as the report filters it, must not lose it.
    plan = og.load(THURROCK)
    facts = PlanFacts(plan)
    log = table(plan, "findings")
    on_indicators = log[log.kind == "indicator"]
    assert len(on_indicators) > 30
    for row in on_indicators.itertuples():
        measured = facts.measures.get(row.node, ())
        priorities = {
            p
            for m in measured
            for p in [m, *facts.ancestors(m)]
            if plan.nodes[p].kind == "priority"
        }
        assert (
            set(row.priority.split("; ") if isinstance(row.priority, str) else ()) == priorities
        ), row.node
    assert log.set_index("node").loc["NI 97", "priority"] == "P1"
    tutorial = table(og.load(EXAMPLES / "tutorial-plan.yaml"), "findings").set_index("node")
    assert tutorial.loc["NI 71", ["priority", "aim", "objective"]].tolist() == [
        "P2",
        "P2.A1",
        "P2.A1.O1",
    ]


def test_findings_table_command_takes_the_checks_configuration_and_baseline(tmp_path: Path):
    plan_file = tmp_path / "plan.yaml"
    plan_file.write_text(SOUTHEND.read_text(encoding="utf-8"), encoding="utf-8")
    xlsx = tmp_path / "log.xlsx"
    assert cli("table", str(plan_file), "--what", "findings", "-o", str(xlsx))[0] == 0
    ws = openpyxl.load_workbook(xlsx)["findings"]
    total = len(og.check(og.load(SOUTHEND)).findings)
    assert ws.max_row == total + 1 and [c.value for c in ws[1]][:4] == [
        "rule",
        "name",
        "severity",
        "node",
    ]
    (tmp_path / "outcome-graph.toml").write_text('ignore = ["OG1"]\n')
    code, out, _ = cli("table", str(plan_file), "--what", "findings", "--columns", "rule")
    assert code == 0 and "OG101" not in out and "OG301" in out
    base = tmp_path / "baseline.json"
    assert cli("check", str(plan_file), "--format", "json", "-o", str(base))[0] in (0, 1)
    code, out, _ = cli("table", str(plan_file), "--what", "findings", "--baseline", str(base))
    assert code == 0 and len(out.splitlines()) == 1  # (the header alone: nothing new)
    code, _, err = cli("table", str(plan_file), "--what", "owners", "--baseline", str(base))
    assert code == 2 and "apply to --what findings" in err


def test_owner_months_count_as_the_report_and_og303_do():
    # Thurrock's EYFC leads "Ongoing" milestones: due in no month, not in March 2012.
    plan = og.load(MODELS / "thurrock-cypp-2011-12.yaml")
    facts = PlanFacts(plan)
    owners = table(plan, "owners").set_index("owner")
    for owner_id, row in owners.iterrows():
        expected = sum(
            1 for m in facts.owners[owner_id].milestones if facts.timing[m].due_month is None
        )
        assert row["no_month"] == expected, owner_id
    assert owners.loc["EYFC", "2012-03"] < 7


def test_a_range_ending_on_a_bare_year_is_due_in_no_month():
    # ('April 2011 - 2012' would otherwise be counted
    # in December 2012, a month the plan never gives)
    plan = og.load(
        PLAN_HEADER
        + """\
milestones:
  - {id: M1, title: a, lead: X, timescale: "April 2011 - 2012"}
  - {id: M2, title: b, lead: X, timescale: "2011 - March 2012"}
"""
    )
    row = table(plan, "owners").set_index("owner").loc["X"]
    assert (row["no_month"], row["2012-03"]) == (1, 1)


AS_OF_END_OF_JUNE = PLAN_HEADER.replace("end: 2012-03-31}", "end: 2012-03-31}, as_of: 2011-06-30")


def test_a_milestone_due_on_the_as_of_date_is_not_overdue_and_nobody_s_lead_is_not_inherited():
    plan = og.load(
        AS_OF_END_OF_JUNE
        + """\
milestones:
  - {id: M1, title: Due on the day, lead: Roads, timescale: June 11}
  - {id: M2, title: Nobody leads it}
"""
    )
    df = table(plan, "milestones").set_index("id")
    assert str(df.loc["M1", "end"].date()) == "2011-06-30" and not df.loc["M1", "overdue"]
    assert pd.isna(df.loc["M2", "owners"]) and not df.loc["M2", "lead_inherited"]


def test_owner_load_counts_a_milestone_in_the_month_it_ends_and_lists_the_busiest_owner_first():
    plan = og.load(
        PLAN_HEADER
        + """\
milestones:
  - {id: M1, title: Survey, lead: Roads, timescale: April - July 11}
  - {id: M2, title: Report, lead: Roads, timescale: March 2012}
  - {id: M3, title: Plan, lead: Schools, timescale: "2012"}
  - {id: M4, title: Train, lead: Schools, timescale: June 11}
  - {id: M5, title: Audit, lead: Schools, timescale: June 11}
"""
    )
    owners = table(plan, "owners")
    assert owners["owner"].tolist() == ["Schools", "Roads"]
    row = owners.set_index("owner").loc["Roads"]
    # the period's last month is a column of its own; a range counts where it ends
    assert (row["2011-04"], row["2011-07"], row["2012-03"]) == (0, 1, 1)
    # a year alone is due in no month
    assert owners.set_index("owner").loc["Schools", ["no_month", "2011-06"]].tolist() == [1, 2]


def test_coverage_of_a_plan_without_priorities_has_a_row_per_objective():
    plan = og.load(
        PLAN_HEADER
        + """\
aims:
  - id: A1
    title: Safe
    outcomes: [stay_safe]
    objectives:
      - {id: O1, title: Fewer accidents, indicators: [X 1]}
      - {id: O2, title: Everything at once, outcomes: []}
indicators: [{id: X 1, title: Local measure}]
"""
    )
    df = table(plan, "coverage").set_index("id")
    assert df.index.tolist() == ["O1", "O2"] and set(df["level"]) == {"objective"}
    # O1 serves stay_safe (from its aim) and is measured
    # by X 1 there; O2 is cross-cutting: counted nowhere
    assert df.loc["O1", ["nodes", "stay_safe", "stay_safe_indicators"]].tolist() == [1, 1, 1]
    assert df.loc["O2", "cross_cutting"] and df.loc["O2", ["nodes", "stay_safe"]].tolist() == [0, 0]


def test_an_indicator_without_values_has_one_row():
    plan = og.load(
        PLAN_HEADER + "objectives: [{id: O1, title: Fewer accidents, indicators: [X 1]}]\n"
        "indicators: [{id: X 1, title: Local measure}]\n"
    )
    df = table(plan, "indicators")
    assert df[["indicator", "value_kind", "period"]].values.tolist() == [["X 1", None, None]]


def test_the_text_table_writes_whole_numbers_whole_and_aligns_texts_left():
    plan = og.load(MODELS / "thurrock-cypp-2011-12.yaml")
    df = table(plan, "indicators")
    assert (
        df["value"].dtype == float and df["value"].isna().any()
    )  # (a column with blanks is of floats)
    lines = format_table(
        df, columns=("indicator", "value_kind", "period", "value", "title")
    ).splitlines()
    header = lines[0]
    actual = next(line for line in lines if line.startswith("NI 72 ") and " actual " in line)
    assert re.search(r" 56 ", actual) and "56.0" not in actual  # (the plan says 56)
    # Texts start under their heading (a right-aligned
    # title was hard to read), numbers end under theirs.
    end = header.index(" value ") + len("value")  # (the last character of the heading)
    for line, value in zip(lines[1:], df["value"]):
        title = line[header.index("title") :]
        assert title and title == title.lstrip(), line
        assert (line[end] != " ") == (value == value), line  # (a blank value is a blank cell)


def test_table_files_write_true_and_false_alike():
    plan = og.load(MODELS / "thurrock-cypp-2011-12.yaml")
    df = table(plan, "owners")
    csv_text = table_bytes(df, "csv").decode("utf-8-sig")
    declared = [row.split(",")[2] for row in csv_text.splitlines()[1:] if not row.startswith('"')]
    assert declared and set(declared) <= {"true", "false"}
    ws = openpyxl.load_workbook(io.BytesIO(table_bytes(df, "xlsx"))).active
    assert {ws.cell(row=r, column=3).value for r in range(2, ws.max_row + 1)} <= {"true", "false"}


def test_an_indicator_s_change_is_a_number_in_the_workbook_shown_as_written():
    plan = og.load(
        PLAN_HEADER
        + """\
indicators:
  - id: L1
    title: Fewer accidents
    baseline: {period: 2010-11, value: 40}
    targets:
      - {period: 2011-12, change: "-11"}
      - {period: 2012-13, change: "+2.5"}
      - {period: 2013-14, change: "-29.6%"}
      - {period: 2014-15, change: 7}
"""
    )
    df = table(plan, "indicators")
    assert list(df["change"].dropna()) == [
        "-11",
        "+2.5",
        "-29.6%",
        "7",
    ]  # (the table keeps the words)
    ws = openpyxl.load_workbook(io.BytesIO(table_bytes(df, "xlsx"))).active
    header = [c.value for c in ws[1]]
    column = header.index("change") + 1
    cells = [ws.cell(row=r, column=column) for r in range(3, 7)]
    # (it was the text '-11': a filter "greater than" or a sum left every change out)
    assert [c.value for c in cells] == [-11, 2.5, pytest.approx(-0.296), 7]
    assert [c.number_format for c in cells] == [
        "+0;-0;0",
        "+0.0;-0.0;0.0",
        "+0.0%;-0.0%;0.0%",
        "+0;-0;0",
    ]
    assert ws.cell(row=2, column=column).value is None  # (the baseline has no change)


def test_a_workbook_column_of_short_texts_is_as_wide_as_they_are(tmp_path: Path):
    # The findings' rule names ("outcome-gap") were given the 60 characters of a message's column.
    plan = og.load(THURROCK)
    ws = openpyxl.load_workbook(
        io.BytesIO(table_bytes(table(plan, "findings"), "xlsx", sheet="findings"))
    )["findings"]
    widths = {c.value: ws.column_dimensions[c.column_letter].width for c in ws[1]}
    names = [c.value for c in ws["B"][1:]]
    assert ws["B1"].value == "name" and len(max(names, key=len)) <= widths["name"] < 40
    assert widths["message"] == widths["hint"] == 60  # (long texts keep their wrapped column)


def test_columns_choose_what_a_table_file_holds(tmp_path: Path):
    # --columns with -o was ignored: the analyst asking for three columns got nineteen.
    csv_path = tmp_path / "chosen.csv"
    code, _, _ = cli("table", str(THURROCK), "--columns", "id,owners,end", "-o", str(csv_path))
    assert code == 0
    lines = csv_path.read_text(encoding="utf-8-sig").splitlines()
    assert (
        lines[0] == "id,owners,end"
        and len(lines) == len(table(og.load(THURROCK), "milestones")) + 1
    )
    xlsx = tmp_path / "all.xlsx"
    assert (
        cli("table", str(THURROCK), "--what", "owners", "--columns", "all", "-o", str(xlsx))[0] == 0
    )
    assert openpyxl.load_workbook(xlsx)["owners"].max_column == len(
        table(og.load(THURROCK), "owners").columns
    )
    code, _, err = cli(
        "table", str(THURROCK), "--columns", "id,budget", "-o", str(tmp_path / "none.csv")
    )
    assert code == 2 and "no column 'budget'" in err and not (tmp_path / "none.csv").exists()


def test_the_same_plan_writes_the_same_xlsx_bytes(monkeypatch):
    import datetime
    import time
    import zipfile

    df = table(og.load(THURROCK), "findings")
    first = table_bytes(df, "xlsx", sheet="findings")
    real = time.time
    # (two seconds on: openpyxl dated the zip's parts and
    # the document's properties with the time of saving)
    monkeypatch.setattr(time, "time", lambda: real() + 2)
    monkeypatch.setattr(
        time, "localtime", lambda t=None: datetime.datetime.fromtimestamp(real() + 2).timetuple()
    )
    again = table_bytes(df, "xlsx", sheet="findings")
    assert again == first
    with zipfile.ZipFile(io.BytesIO(first)) as z:
        assert b"dcterms:modified" not in z.read("docProps/core.xml")
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    ws = openpyxl.load_workbook(io.BytesIO(first))["findings"]
    assert ws.max_row == len(df) + 1 and ws.cell(1, 1).value == df.columns[0]


@pytest.mark.parametrize(
    "model", ["thurrock-cypp-2011-12", "southend-cypp-2008-09", "richmond-cypp-2009-2013"]
)
def test_the_owners_table_and_the_report_list_owners_in_one_order(model):
    # (busiest first, and owners leading as many milestones by name: the table listed ties by id,
    # the report by name, so the two disagreed on the same plan)
    from outcome_graph.output.escape import svg_id
    from outcome_graph.output.html_report import report_html

    plan = og.load(MODELS / f"{model}.yaml")
    facts = PlanFacts(plan)
    listed = list(table(plan, "owners", facts=facts)["owner"])
    counts = [len(facts.owners[o].milestones) for o in listed]
    assert counts == sorted(counts, reverse=True)
    for a, b in zip(listed, listed[1:]):
        if len(facts.owners[a].milestones) == len(facts.owners[b].milestones):
            assert facts.owners[a].name.casefold() <= facts.owners[b].name.casefold(), (a, b)
    rows = re.findall(r'<tr id="r-owner-([^"]*)"', report_html(plan, diagram=False))
    in_table = [svg_id(o, "") for o in listed]
    assert (
        {svg_id(o, "") for o in listed if facts.owners[o].milestones} <= set(rows) <= set(in_table)
    )
    assert rows == [o for o in in_table if o in set(rows)]
