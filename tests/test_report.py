"""The HTML report: self-contained, complete, escaped, configured like `check`, written safely."""

from __future__ import annotations

import base64
import hashlib
import html
import os
import re
import subprocess
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

import outcome_graph as og
from outcome_graph.config import Config
from outcome_graph.findings import Report
from outcome_graph.output.escape import svg_id
from outcome_graph.output.html_report import report, report_html
from outcome_graph.severity import SEVERITIES

from .conftest import MODELS, PLAN_HEADER, contrast, og_command
from .test_diagram import EVIL, SMALL, _path_without_dot, needs_dot

SOUTHEND = MODELS / "southend-cypp-2008-09.yaml"

LOADED = (
    PLAN_HEADER
    + """\
owners:
  - {id: BUSY, name: Busy team}
  - {id: CALM, name: Calm team, capacity: 30}
priorities:
  - id: P1
    title: Safe
    outcomes: [stay_safe]
    objectives:
      - id: O1
        title: Fewer accidents
        lead: BUSY
        indicators: [NI 48]
        milestones:
"""
    + "".join(
        f"          - {{id: M{i}, title: Step {i}, timescale: June 11}}\n" for i in range(1, 13)
    )
    + """\
  - id: P2
    title: Healthy
    outcomes: [be_healthy]
    objectives:
      - id: O2
        title: Healthier children
        lead: CALM
        milestones:
"""
    + "".join(
        f"          - {{id: N{i}, title: Task {i}, timescale: March 12}}\n" for i in range(1, 13)
    )
)


class _Page(HTMLParser):
    """What the report is made of: tags with their attributes, and the text of scripts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data

    def find(self, tag: str, **attrs: str) -> list[dict[str, str | None]]:
        return [
            a
            for t, a in self.tags
            if t == tag and all(a.get(k.replace("_", "-")) == v for k, v in attrs.items())
        ]


def parse(page: str) -> _Page:
    p = _Page()
    p.feed(page)
    return p


@pytest.fixture(scope="module")
def southend_page() -> tuple[og.Plan, og.Report, str]:
    plan = og.load(SOUTHEND)
    findings = og.check(plan)
    from outcome_graph.output.diagram import LargeDiagramWarning

    with pytest.warns(LargeDiagramWarning):  # (428 nodes with its milestones)
        page = report_html(plan, findings=findings, diagram=True)
    return plan, findings, page


@needs_dot
def test_self_contained_with_one_script_allowed_by_its_hash(southend_page):
    _plan, _findings, page = southend_page
    doc = parse(page)
    assert len(doc.scripts) == 1  # one inline script
    assert not [a for t, a in doc.tags if t == "script" and a.get("src")]
    assert not doc.find("link") and not doc.find("img") and not doc.find("iframe")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page)
    assert "@import" not in page and "url(" not in page
    csp = doc.find("meta", http_equiv="Content-Security-Policy")[0]["content"]
    assert "default-src 'none'" in csp
    digest = base64.b64encode(hashlib.sha256(doc.scripts[0].encode()).digest()).decode()
    assert f"'sha256-{digest}'" in csp
    assert "@media print" in page


def test_the_page_inlines_the_stylesheet_and_script_files_whole_read_once():
    # (package data beside the code, kept to lines of at most 100 characters like the code)
    from importlib.resources import files

    from outcome_graph.output.html_report import assets

    folder = files("outcome_graph.output.html_report")
    css = folder.joinpath("report.css").read_text(encoding="utf-8")
    js = folder.joinpath("report.js").read_text(encoding="utf-8")
    page = report_html(og.load(MODELS / "thurrock-cypp-2011-12.yaml"), diagram=False)
    assert page.count("<style>") == 1 and f"<style>\n{css}</style>" in page
    assert page.count("<script>") == 1 and f"<script>\n{js}</script>" in page
    assert assets.stylesheet() is assets.stylesheet() and assets.script() is assets.script()
    for text in (css, js):
        lines = text.splitlines()
        assert len(lines) > 100 and max(len(line) for line in lines) <= 100
        assert text.endswith("\n")


@needs_dot
def test_every_finding_has_a_row_knowing_its_priority_and_owners(southend_page):
    plan, findings, page = southend_page
    doc = parse(page)
    rows = doc.find("tr")
    rows = [a for a in rows if "finding" in (a.get("class") or "").split()]
    assert len(rows) == len(findings.findings)
    by_node = {a["data-node"]: a for a in rows}
    row = by_node["P2.A2.O2"]  # an objective of priority 2 without an indicator (OG102)
    assert row["data-priorities"] == "P2" and row["data-rule"] == "OG102"
    facts = og.PlanFacts(plan)
    assert row["data-owners"] == "|".join(
        facts.lead_owners.get("P2.A2.O2") or facts.inherited_lead("P2.A2.O2")
    )
    owner_rows = [a for a in rows if a["data-rule"] == "OG302"]
    assert owner_rows and all(a["data-owners"] == a["data-node"] for a in owner_rows)
    # Groups by severity then rule, errors first.
    groups = [
        (a["data-severity"], a["data-rule"])
        for a in doc.find("tbody")
        if "group" in (a.get("class") or "")
    ]
    order = {"error": 0, "warning": 1, "info": 2}
    assert groups == sorted(groups, key=lambda g: (order[g[0]], g[1]))
    # Filters offer the values found.
    for name in ("rule", "severity", "owner", "priority"):
        assert doc.find("select", data_filter=name)


@needs_dot
def test_findings_link_to_their_nodes_in_the_inline_svg(southend_page):
    plan, findings, page = southend_page
    doc = parse(page)
    ids = {a.get("id") for _t, a in doc.tags if a.get("id")}
    links = [a for a in doc.find("a") if "node-link" in (a.get("class") or "")]
    assert len(links) >= len([f for f in findings.findings if f.node in plan.nodes]) * 0.9
    for a in links:
        assert a["data-target"] in ids, a["data-target"]
        assert a["href"] == "#" + a["data-target"]
    milestone = next(f for f in findings.findings if f.kind == "milestone")
    assert svg_id(milestone.node) in ids  # milestones are drawn in the report's diagram
    assert "<?xml" not in page and "<!DOCTYPE svg" not in page


def test_coverage_matrix_counts_and_gaps():
    plan = og.load(SMALL)
    page = report_html(plan, diagram=False)
    matrix = page[
        page.index('<table class="matrix') : page.index(
            "</table>", page.index('<table class="matrix')
        )
    ]
    rows = re.findall(r"<tr>(.*?)</tr>", matrix, re.S)
    cells = {
        re.search(r"<th[^>]*>(.*?)</th>", r).group(1): re.findall(
            r'<td class="(\w+)">(.*?)</td>', r
        )
        for r in rows[1:]
    }
    safe = cells["P1 Children are safe"]
    assert safe[1] == ("covered", "1 objective<br>1 indicator")  # stay safe
    # (P1 serves staying safe alone: its cell of being healthy is no gap, though nothing is in it)
    assert safe[0] == ("unserved", "0 objectives<br>0 indicators")  # be healthy
    healthy = cells["P2 Children are healthy and achieve"]
    assert healthy[0] == ("covered", "1 objective<br>1 indicator") and healthy[2][0] == "covered"
    assert 'class="total"' in matrix


def test_owner_load_uses_the_configured_thresholds():
    plan = og.load(LOADED)
    page = report_html(plan, diagram=False)
    busy = re.search(r'<tr id="r-owner-BUSY" class="(\w*)">(.*?)</tr>', page, re.S)
    calm = re.search(r'<tr id="r-owner-CALM" class="(\w*)">(.*?)</tr>', page, re.S)
    assert busy.group(1) == "over" and "12 <span" in busy.group(2) and "/ 10" in busy.group(2)
    assert calm.group(1) == "" and "/ 30" in calm.group(2)  # its capacity
    assert '<td class="peak">12</td>' in busy.group(2)  # 12 due in June 2011 > 4
    relaxed = Config.from_dict(
        {"rules": {"OG302": {"max-milestones": 20}, "OG303": {"max-per-month": 12}}}
    )
    page = report_html(plan, diagram=False, config=relaxed)
    busy = re.search(r'<tr id="r-owner-BUSY" class="(\w*)">(.*?)</tr>', page, re.S)
    assert busy.group(1) == "" and "/ 20" in busy.group(2) and "peak" not in busy.group(2)


def test_plan_text_is_escaped_everywhere():
    plan = og.load(EVIL)
    page = report_html(plan, diagram=False)
    doc = parse(page)
    assert len(doc.scripts) == 1 and "__pwned" not in doc.scripts[0]
    assert "<script>window" not in page and "<img src=x" not in page
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in page
    assert not [a for t, a in doc.tags if any(k.startswith("on") for k in a)]  # no event handlers
    titles = [html.unescape(m) for m in re.findall(r"<title>(.*?)</title>", page, re.S)]
    assert titles[0].startswith("Evil </title><script>window.__pwned=1</script> plan")


@needs_dot
def test_plan_text_is_escaped_in_the_inline_diagram():
    page = report_html(og.load(EVIL))
    assert "<script>window" not in page and "<img src=x" not in page
    assert "&lt;script&gt;window.__pwned=3&lt;/script&gt;" in page


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*og_command(), "report", *args], capture_output=True, text=True, timeout=120, env=env
    )


def test_cli_accepts_the_options_of_check(tmp_path):
    plan_file = tmp_path / "plan.yaml"
    plan_file.write_text(LOADED)
    out = run(str(plan_file), "-o", str(tmp_path / "r.html"), "--select", "OG3", "--no-diagram")
    assert out.returncode == 0, out.stderr
    rules = set(
        re.findall(
            r'<tr class="finding[^"]*" data-severity="\w+" data-rule="(\w+)"',
            (tmp_path / "r.html").read_text(),
        )
    )
    assert rules and all(r.startswith("OG3") for r in rules)
    out = run(str(plan_file), "-o", str(tmp_path / "r.html"), "--ignore", "OG302", "--no-diagram")
    assert 'data-rule="OG302"' not in (tmp_path / "r.html").read_text()
    (tmp_path / "outcome-graph.toml").write_text("[rules.OG302]\nmax-milestones = 20\n")
    out = run(str(plan_file), "-o", str(tmp_path / "r.html"), "--no-diagram")
    page = (tmp_path / "r.html").read_text()
    assert 'data-rule="OG302"' not in page and "/ 20" in page
    cfg = tmp_path / "strict.toml"
    cfg.write_text('select = ["OG1"]\n')
    out = run(str(plan_file), "-o", str(tmp_path / "r.html"), "--config", str(cfg), "--no-diagram")
    assert out.returncode == 0
    assert 'data-rule="OG3' not in (tmp_path / "r.html").read_text()
    out = run(str(plan_file), "-o", str(tmp_path / "r.html"), "--select", "OG999")
    assert out.returncode == 2 and "OG999" in out.stderr


def test_cli_refuses_the_input_and_keeps_files_whole(tmp_path):
    plan_file = tmp_path / "plan.yaml"
    plan_file.write_text(SMALL)
    out = run(str(plan_file), "-o", str(plan_file))
    assert out.returncode == 2 and "refusing to overwrite an input" in out.stderr
    assert plan_file.read_text() == SMALL
    existing = tmp_path / "report.html"
    existing.write_text("old report")
    env = {**os.environ, "PATH": _path_without_dot(tmp_path)}
    out = run(str(plan_file), "-o", str(existing), env=env)
    assert (
        out.returncode == 2
        and "apt-get install graphviz" in out.stderr
        and "--no-diagram" in out.stderr
    )
    assert ".dot file" not in out.stderr  # (advice the report cannot follow)
    assert existing.read_text() == "old report"
    out = run(str(plan_file), "-o", str(existing), "--no-diagram", env=env)
    assert out.returncode == 0 and existing.read_text().startswith("<!DOCTYPE html>")
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["plan.yaml", "report.html"]


@needs_dot
def test_api_writes_the_report(tmp_path):
    plan = og.load(SMALL)
    path = report(plan, tmp_path / "r.html")
    assert Path(path).read_text().count('class="og-svg"') == 1


def test_cli_report_with_a_baseline_shows_only_new_findings(tmp_path):
    plan_file = tmp_path / "plan.yaml"
    plan_file.write_text(LOADED)
    base = tmp_path / "baseline.json"
    recorded = og.check(og.load(LOADED))
    assert len(recorded.findings) >= 2
    first = recorded.findings[0]
    base.write_text(
        Report(
            recorded.plan_id, recorded.plan_title, None, findings=recorded.findings[1:]
        ).to_json()
    )
    out = run(
        str(plan_file), "-o", str(tmp_path / "r.html"), "--no-diagram", "--baseline", str(base)
    )
    assert out.returncode == 0, out.stderr
    page = (tmp_path / "r.html").read_text()
    rows = re.findall(r'<tr class="finding[^"]*" data-severity="\w+" data-rule="(\w+)"', page)
    assert rows == [first.rule]
    assert (
        f'<span class="num">{len(recorded.findings) - 1}</span><span>in the baseline</span>' in page
    )
    out = run(str(plan_file), "-o", str(base), "--no-diagram", "--baseline", str(base))
    assert out.returncode == 2 and "refusing to overwrite an input" in out.stderr
    out = run(
        str(plan_file),
        "-o",
        str(tmp_path / "r.html"),
        "--no-diagram",
        "--baseline",
        str(tmp_path / "none.json"),
    )
    assert out.returncode == 2 and "baseline file not found" in out.stderr


def test_a_plan_with_nothing_to_draw_still_gets_its_report():
    # A plan with no nodes yet (a template being filled in): the report says why there is no
    # diagram instead of failing.
    plan = og.load(
        "format: outcome-graph/v1\n"
        "plan: {id: empty, period: {start: 2011-04-01, end: 2012-03-31}}\n"
    )
    page = report_html(plan, diagram=True)
    assert "No diagram: nothing to draw" in page and "<svg" not in page


def test_a_report_with_every_finding_in_the_baseline_says_none_is_new():
    plan = og.load(MODELS / "richmond-cypp-2009-2013.yaml")
    report = og.check(plan)
    page = report_html(
        plan, findings=og.Baseline.from_reports([report]).apply(report), diagram=False
    )
    assert f"No new findings: all {len(report.findings)} findings are in the baseline." in page
    assert "passes every rule" not in page


def test_a_report_carries_the_facts_the_rules_read_and_the_page_reads_them():
    import pickle

    plan = og.load(MODELS / "thurrock-cypp-2011-12.yaml")
    findings = og.check(plan)
    assert findings.facts is not None and findings.facts.plan is plan
    assert findings.facts_of(plan) is findings.facts
    other = og.load(MODELS / "thurrock-cypp-2011-12.yaml")  # (the same text, another plan object)
    assert findings.facts_of(other) is not findings.facts and findings.facts_of(other).plan is other
    # The page made with the check's facts is the page made from scratch.
    fresh = Report(
        findings.plan_id,
        findings.plan_title,
        findings.file,
        findings.findings,
        findings.suppressed,
        rules=findings.rules,
        sources=findings.sources,
    )
    assert fresh.facts is None
    today = __import__("datetime").date(2012, 1, 1)
    assert report_html(plan, findings=findings, diagram=False, today=today) == report_html(
        plan, findings=fresh, diagram=False, today=today
    )
    # Sent between processes, a report carries its findings, not the plan.
    sent = pickle.loads(pickle.dumps(findings))
    assert sent.facts is None and sent == findings and sent.findings == findings.findings
    assert pickle.dumps(findings) == pickle.dumps(fresh)


def test_the_where_column_gives_the_line_and_the_tooltip_the_whole_location():
    plan = og.load(MODELS / "thurrock-cypp-2011-12.yaml")
    page = report_html(plan, diagram=False)
    cells = re.findall(r'<td class="where" title="([^"]*)">([^<]*)</td>', page)
    assert len(cells) == len(og.check(plan).findings)
    for title, shown in cells:
        file, line, _column = title.rsplit(":", 2)
        assert file == plan.file and shown == f"line {line}", (title, shown)


@pytest.mark.parametrize("source", ["southend", "shared"])
def test_the_coverage_matrix_counts_as_the_coverage_table_does(source):
    # An objective with two priorities serves both: the page and `table --what coverage` agree.
    if source == "southend":
        plan = og.load(MODELS / "southend-cypp-2008-09.yaml")
    else:
        plan = og.load(
            PLAN_HEADER + "priorities:\n"
            "  - {id: P1, title: Healthy children, outcomes: [be_healthy]}\n"
            "  - {id: P2, title: Safe children, outcomes: [stay_safe]}\n"
            "objectives:\n"
            "  - {id: O1, title: Fewer accidents at home, parents: [P1, P2], indicators: [NI 48]}\n"
            "  - {id: O2, title: More sport, parent: P1}\n"
        )
    page = report_html(plan, diagram=False)
    matrix = page[
        page.index('<table class="matrix') : page.index(
            "</table>", page.index('<table class="matrix')
        )
    ]
    rows = [r for r in re.findall(r"<tr>(.*?)</tr>", matrix, re.S)[1:]]
    table = og.table(plan, "coverage").set_index("id")
    outcomes = [o.id for o in plan.framework.outcomes]
    for row, (pid, counts) in zip(rows, table.iterrows()):
        cells = re.findall(r'<td class="(\w+)">(.*?)</td>', row)
        if counts["cross_cutting"]:
            continue
        shown = [int(text.split()[0]) for _cls, text in cells]
        assert shown == [counts[o] for o in outcomes], pid
    if source == "shared":
        assert table.loc["P2", "stay_safe"] == 1 and table.loc["P2", "be_healthy"] == 1


def test_the_owner_load_key_explains_every_shade():
    page = report_html(og.load(MODELS / "thurrock-cypp-2011-12.yaml"), diagram=False)
    section = page[page.index('<section id="r-owners">') :]
    for shade in ("over", "peak", "busy"):
        assert f'<span class="key {shade}">' in section
        assert f".key.{shade}{{" in page
    # The shades are on the rows and months the key says: over the limit (10 milestones, or
    # the owner's capacity), more than 4 in a month, exactly 4.
    rows = re.findall(r'<tr id="r-owner-[^"]*" class="(\w*)">(.*?)</tr>', section, re.S)
    assert rows
    shaded = set()
    for row_class, cells in rows:
        total = re.search(
            r'<td class="total ?(\w*)">(\d+) <span class="muted">/ (\d+)</span></td>', cells
        )
        count, limit = int(total.group(2)), int(total.group(3))
        assert (row_class == "over") == (total.group(1) == "over") == (count > limit), cells
        shaded.add(row_class)
        for cls, n in re.findall(r'<td class="((?:peak|busy)?)(?: ?outside)?">(\d*)</td>', cells):
            shaded.add(cls)
            assert cls == ("peak" if n and int(n) > 4 else "busy" if n and int(n) == 4 else ""), (
                cls,
                n,
            )
    assert shaded == {"over", "", "peak", "busy"}  # (Thurrock has each of them)


def _matrix(plan: og.Plan) -> dict[str, list[tuple[str, str]]]:
    """The coverage matrix: each row's heading and its cells' (class, text)."""
    page = report_html(plan, diagram=False)
    start = page.index('<table class="matrix')
    matrix = page[start : page.index("</table>", start)]
    rows = re.findall(r'<tr(?: class="total")?>(.*?)</tr>', matrix, re.S)
    return {
        re.search(r"<th[^>]*>(.*?)</th>", r).group(1): re.findall(
            r'<td class="(\w+)">(.*?)</td>', r
        )
        for r in rows[1:]
    }


def test_the_coverage_totals_count_in_the_right_grammatical_number():
    cells = _matrix(
        og.load(
            PLAN_HEADER
            + """\
priorities:
  - id: P1
    title: Safe
    outcomes: [stay_safe]
    objectives: [{id: O1, title: Safer roads, indicators: [NI 48]}]
  - id: P2
    title: Healthy
    outcomes: [be_healthy]
    objectives: [{id: O2, title: a, indicators: [NI 52, NI 112]}, {id: O3, title: b}]
"""
        )
    )
    healthy, safe = cells["The whole plan"][0], cells["The whole plan"][1]
    assert safe == ("covered", "<b>1</b> objective<br><b>1</b> indicator")
    assert healthy == ("covered", "<b>2</b> objectives<br><b>2</b> indicators")
    assert cells["The whole plan"][2] == ("gap", "<b>0</b> objectives<br><b>0</b> indicators")
    assert cells["P2 Healthy"][0] == ("covered", "2 objectives<br>2 indicators")


def test_a_plan_counted_by_priorities_says_priority():
    plan = og.load(
        PLAN_HEADER + "priorities:\n"
        "  - {id: P1, title: Safe, outcomes: [stay_safe], indicators: [NI 48]}\n"
        "  - {id: P2, title: Safer, outcomes: [stay_safe]}\n"
    )
    page = report_html(plan, diagram=False)
    cells = _matrix(plan)
    assert cells["P1 Safe"][1] == ("covered", "1 priority<br>1 indicator")
    assert cells["The whole plan"][1] == ("covered", "<b>2</b> priorities<br><b>1</b> indicator")
    assert '<span class="key gap">No priority</span>' in page and "prioritie<" not in page


def test_objectives_without_indicators_are_unmeasured_in_their_row_and_for_the_plan():
    # (the key's colours mean the same in every row: "No objective" only where there is none)
    cells = _matrix(
        og.load(
            PLAN_HEADER + "priorities: [{id: P1, title: Safe, outcomes: [stay_safe], "
            "objectives: [{id: O1, title: Safer roads}]}]\n"
        )
    )
    assert cells["P1 Safe"][1] == ("unmeasured", "1 objective<br>0 indicators")
    assert cells["The whole plan"][1] == ("unmeasured", "<b>1</b> objective<br><b>0</b> indicators")
    assert cells["The whole plan"][0] == ("gap", "<b>0</b> objectives<br><b>0</b> indicators")


def test_the_totals_leave_out_objectives_under_a_cross_cutting_priority():
    cells = _matrix(
        og.load(
            PLAN_HEADER
            + """\
priorities:
  - id: P1
    title: Safe
    outcomes: [stay_safe]
    objectives: [{id: O1, title: Safer roads, indicators: [NI 48]}]
  - id: P2
    title: Management
    outcomes: []
    objectives: [{id: O2, title: Budgets, outcomes: [stay_safe]}]
"""
        )
    )
    assert cells['P2 Management <span class="muted">(cross-cutting)</span>'][1] == ("cross", "—")
    assert cells["The whole plan"][1] == ("covered", "<b>1</b> objective<br><b>1</b> indicator")


def _load_row(text: str, owner: str) -> tuple[str, list[str]]:
    """An owner's row of the load table: its class and its cells' text."""
    page = report_html(og.load(text), diagram=False)
    row = re.search(rf'<tr id="r-owner-{owner}" class="(\w*)">(.*?)</tr>', page, re.S)
    return row.group(1), re.findall(r"<td[^>]*>(.*?)</td>", row.group(2))


def test_an_owner_at_the_limit_is_not_over_it():
    milestones = "".join(
        f"  - {{id: M{i}, title: Step {i}, lead: X, timescale: June 11}}\n" for i in range(10)
    )
    row_class, cells = _load_row(PLAN_HEADER + "milestones:\n" + milestones, "X")
    assert row_class == "" and cells[0] == '10 <span class="muted">/ 10</span>'
    row_class, _cells = _load_row(
        PLAN_HEADER
        + "milestones:\n"
        + milestones
        + "  - {id: M10, title: One more, lead: X, timescale: June 11}\n",
        "X",
    )
    assert row_class == "over"


def test_year_only_dates_have_no_month_and_early_dates_are_counted_before_the_months():
    # Columns: the total, the milestones due before the first month shown, each month, later, no
    # month.
    row_class, cells = _load_row(
        PLAN_HEADER + "milestones:\n"
        "  - {id: M1, title: a, lead: X, timescale: '2011-12'}\n"
        "  - {id: M2, title: b, lead: X, timescale: June 2009}\n",
        "X",
    )
    assert cells[1] == "1"  # June 2009: earlier than a year before the period
    assert cells[-2] == "" and cells[-1] == "1"  # 2011-12: a year, no month
    assert not any(cells[2:-2])


def test_a_range_ending_on_a_bare_year_has_no_month_as_og303_counts():
    # 'April 2011 - 2012' ends on 31 December 2012 only because 2012 is written alone
    row_class, cells = _load_row(
        PLAN_HEADER + "milestones:\n"
        "  - {id: M1, title: a, lead: X, timescale: 'April 2011 - 2012'}\n"
        "  - {id: M2, title: b, lead: X, due: {from: 2011-04, to: '2012'}}\n",
        "X",
    )
    assert cells[-2] == "" and cells[-1] == "2"
    assert not any(cells[1:-2])


def test_a_report_without_graphviz_says_how_to_leave_the_diagram_out(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", _path_without_dot(tmp_path))
    target = tmp_path / "report.html"
    with pytest.raises(og.RenderError) as info:
        og.report(og.load(SMALL), target)
    message = str(info.value)
    assert (
        "apt-get install graphviz" in message
        and "diagram=False" in message
        and ".dot file" not in message
    )
    assert not target.exists()
    og.report(og.load(SMALL), target, diagram=False)  # (and without it, the report is written)
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@needs_dot
def test_the_diagram_paragraph_names_the_levels_drawn_and_every_fill():
    def paragraph(page: str) -> str:
        section = page[page.index('<section id="r-diagram">') :]
        return section[: section.index("</p>")]

    with_vision = paragraph(report_html(og.load(PLAN_HEADER + SMALL[len(PLAN_HEADER) :])))
    assert (
        "<p>Vision, priorities, aims, objectives, milestones and indicators, left to right."
        in with_vision
    )
    # Richmond has no vision; a report --no-milestones draws none.
    richmond = paragraph(
        report_html(og.load(MODELS / "richmond-cypp-2009-2013.yaml"), milestones=False)
    )
    assert "<p>Priorities, aims, objectives and indicators, left to right." in richmond
    levels = richmond.split(", left to right.")[
        0
    ]  # (the levels drawn; the milestones' marks are explained after)
    assert "vision" not in richmond.lower() and "milestones" not in levels
    # The key has every fill the diagram uses, white ("no outcome") too, and the severities' marks.
    assert ">no outcome</span>" in richmond and ">cross-cutting</span>" in richmond
    assert "✖ error, ▲ warning, ● info" in richmond


@needs_dot
def test_the_diagram_key_lists_only_the_fills_the_diagram_draws():
    def key(page: str) -> list[str]:
        section = page[page.index('<section id="r-diagram">') :]
        return re.findall(
            r'<span class="key fill"[^>]*>(?:<span class="chip"[^>]*>(\d*)</span>)?([^<]*)</span>',
            section[: section.index("</p>")],
        )

    # SMALL's work serves stay_safe, be_healthy and enjoy_and_achieve (P2's two: near-white), its
    # indicators those of their catalogue; nothing is cross-cutting, the orphan O9 has no outcome.
    small = og.load(SMALL)
    drawn = {
        str(i + 1)
        for i, o in enumerate(small.framework.outcomes)
        if any(
            o.id in outs
            for n, outs in og.PlanFacts(small).outcomes.items()
            if small.nodes[n].kind != "vision"
        )
    }
    assert [n for n, _title in key(report_html(small)) if n] == sorted(drawn)
    assert len(drawn) < 5 and ("", "no outcome") in key(report_html(small))
    assert not any(title == "cross-cutting" for _n, title in key(report_html(small)))


def test_an_owner_s_rule_codes_have_the_colour_and_mark_of_their_severity():
    from outcome_graph.findings import Finding

    plan = og.load(LOADED)
    found = next(f for f in og.check(plan).findings if f.kind == "owner" and f.rule == "OG302")
    assert found.node == "BUSY" and found.severity == "warning"
    page = report_html(
        plan,
        diagram=False,
        findings=Report(
            plan.id,
            plan.title,
            plan.file,
            findings=[
                Finding(
                    "OG302", found.name, "error", "BUSY", "owner", "Busy team", found.message, ""
                )
            ],
        ),
    )
    row = re.search(r'<tr id="r-owner-BUSY".*?</tr>', page, re.S).group(0)
    # (a configured severity: every owner's code was drawn as a warning)
    badge = (
        '<span class="badge sev-error" title="error"><span aria-hidden="true">✖</span> '
        '<span class="vh">Error: </span>OG302</span>'
    )
    # (the severity was told by colour and mark alone: a screen reader read "OG302" in the owner's
    # row)
    assert badge in row
    findings_table = page[
        page.index('id="r-findings-table"') : page.index('<section id="r-coverage">')
    ]
    assert badge in findings_table


def test_every_column_of_the_findings_table_has_a_heading():
    page = report_html(og.load(LOADED), diagram=False)
    head = re.search(
        r'<table class="findings" id="r-findings-table">.*?<thead><tr>(.*?)</tr></thead>', page
    ).group(1)
    headings = re.findall(r'<th scope="col">(.*?)</th>', head)
    # (the column of rule codes had none: a screen reader read its cells without saying what they
    # are)
    assert headings == ["Node", "Finding", "Priority", "Owners", "Where", "Rule"]


def _between(page: str, start: str, end: str) -> str:
    return page[page.index(start) : page.index(end, page.index(start))]


def test_the_page_has_landmarks_and_every_table_says_what_it_holds():
    page = report_html(og.load(LOADED), diagram=False)
    doc = parse(page)
    # A banner (the title and the contents), one main region holding every section, a footer.
    assert len(doc.find("main")) == 1 and doc.find("nav", aria_label="Contents")
    main = _between(page, "<main>", "</main>")
    assert "<header" not in main and "<footer" not in main
    assert page.index("</header>") < page.index("<main>") < page.index("<footer>")
    assert [m for m in re.findall(r'<section(?: id="([\w-]+)")?>', main)] == [
        "",
        "r-findings",
        "r-coverage",
        "r-owners",
        "r-diagram",
    ]
    # Every table has a caption, and every column heading says it heads a column (none is empty).
    tables = re.findall(r"<table\b.*?</table>", page, re.S)
    assert (
        len(tables) == 4
    )  # (the summary's findings by priority, the findings, the coverage, the load)
    for table in tables:
        assert re.search(r"<table[^>]*><caption[^>]*>[^<]+</caption>", table), table[:120]
        heads = re.findall(
            r"<th\b([^>]*)>(.*?)</th>",
            re.search(r"<thead>(.*?)</thead>", table, re.S).group(1),
            re.S,
        )
        assert heads and all(
            'scope="col"' in attrs and re.sub(r"<[^>]+>", "", text).strip() for attrs, text in heads
        ), heads
    # A group's heading (severity and rule) heads the findings under it.
    groups = re.findall(r'<tr class="group-head"><th colspan="6"( scope="rowgroup")?>', page)
    assert groups and groups == [' scope="rowgroup"'] * len(groups)
    # Tables wider than the screen scroll in a box the keyboard can reach and a screen reader names.
    boxes = re.findall(r'<div class="scroll"([^>]*)>', page)
    assert len(boxes) == 3 and all(
        'tabindex="0"' in b and 'role="region"' in b and "aria-label=" in b for b in boxes
    )
    # The count of findings shown is a status message: a screen reader hears it change as filters
    # change.
    assert doc.find("span", id="r-shown")[0].get("role") == "status"


def _schemes() -> dict[str, dict[str, str]]:
    """The report's colours, light and dark: each scheme's custom properties."""
    from outcome_graph.output.html_report.assets import stylesheet

    light, dark = re.findall(r":root\{([^}]*--text:[^}]*)\}", stylesheet())
    return {
        name: dict(re.findall(r"--([\w-]+):(#[0-9a-f]{3,6})", block))
        for name, block in (("light", light), ("dark", dark))
    }


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_colour_of_text_is_readable_on_every_background_of_the_report(scheme):
    from outcome_graph.output.html_report.assets import stylesheet

    var = _schemes()[scheme]
    # Text in the muted grey or a severity's colour sits on the page, the cards, the shaded cells of
    # the coverage matrix and the owner-load table (a limit "/ 10" on an owner over it), and the row
    # a finding's link marks as current; a month's peak in the owner-load table holds a count alone.
    backgrounds = {
        k: var[k]
        for k in ("page", "bg", "gap", "unmeasured", "covered", "cross", "current", "outside")
    }
    assert contrast(var["text"], var["peak"]) >= 4.5
    for name in ("text", "muted", "error", "warning", "info", "link"):
        for where, background in backgrounds.items():
            ratio = contrast(var[name], background)
            # (the muted grey on an owner over the limit was 4.45:1)
            assert ratio >= 4.5, (name, where, round(ratio, 2))
        assert (
            name in ("text", "muted", "link") or contrast(var["on-sev"], var[name]) >= 4.5
        )  # (the badges' text)
    # Every background is one of the scheme's (none written into a rule, which the other would not
    # change).
    assert not re.findall(
        r"background:#(?!fff\b)", re.sub(r"\.diagram svg[^}]*\}", "", stylesheet())
    )
    if scheme == "light":
        from outcome_graph.output.diagram.style import MUTED, SEVERITY_COLOURS

        # The report's colours are the diagram's.
        assert var["muted"].upper() == MUTED.upper() and var["page"] == "#ffffff"
        assert {k: var[k].upper() for k in SEVERITY_COLOURS} == {
            k: v.upper() for k, v in SEVERITY_COLOURS.items()
        }


def test_the_dark_colours_keep_the_shades_and_severities_apart_and_print_light():
    import colorsys

    from outcome_graph.output.html_report.assets import stylesheet

    def hue(colour: str) -> float:
        r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
        return colorsys.rgb_to_hsv(r, g, b)[0] * 360

    def apart(a: float, b: float) -> float:
        return min(abs(a - b), 360 - abs(a - b))

    dark = _schemes()["dark"]
    # (the coverage matrix's gap, unmeasured and covered; the severities' error, warning and info)
    for trio in (("gap", "unmeasured", "covered"), ("error", "warning", "info")):
        hues = [hue(dark[k]) for k in trio]
        assert all(apart(a, b) >= 30 for i, a in enumerate(hues) for b in hues[i + 1 :]), (
            trio,
            hues,
        )
    # Dark only on a screen: paper is printed in the light colours.
    assert "@media screen and (prefers-color-scheme:dark){" in stylesheet()


def test_a_bidirectional_override_in_plan_text_reorders_that_text_alone():
    plan = og.load(
        LOADED.replace("title: Safe\n", 'title: "Safe \u202eenoN"\n').replace(
            "{id: BUSY, name: Busy team}", '{id: BUSY, name: "Busy \u2067team"}'
        )
    )
    page = report_html(plan, diagram=False)
    # Every element's text closes what it opens: the override does not run on into the next name,
    # the window's title or the rest of the row.
    for text in re.findall(r">([^<]*[\u202a-\u202e\u2066-\u2069][^<]*)<", page):
        opened = sum(text.count(c) for c in "\u202a\u202b\u202d\u202e") - text.count("\u202c")
        isolated = sum(text.count(c) for c in "\u2066\u2067\u2068") - text.count("\u2069")
        assert opened == 0 and isolated == 0, repr(text)
    title = re.search(r"<title>(.*?)</title>", page).group(1)
    assert title.endswith("\u202c — outcome-graph report") or "\u202e" not in title
    row = re.search(r'<tr class="finding[^>]*data-priorities="P1"[^>]*>.*?</tr>', page).group(0)
    assert "Safe \u202eenoN\u202c" in row


def test_no_plan_text_becomes_a_link_or_a_script_url():
    hostile = EVIL.replace(
        'title: "Evil </title><script>window.__pwned=1</script> plan"',
        'title: "javascript:alert(1) <a href=\\"javascript:alert(2)\\">x</a>"',
    )
    assert hostile != EVIL
    plan = og.load(hostile)
    page = report_html(plan, diagram=False)
    doc = parse(page)
    # The report's only links are to places in itself.
    hrefs = [
        a.get("href") or a.get("xlink:href")
        for t, a in doc.tags
        if "href" in a or "xlink:href" in a
    ]
    assert hrefs and all(h and h.startswith("#") for h in hrefs), [
        h for h in hrefs if not (h or "").startswith("#")
    ]
    assert "javascript:alert(1) &lt;a href=&quot;javascript:alert(2)&quot;&gt;x&lt;/a&gt;" in page


@needs_dot
def test_the_inline_diagram_reads_as_its_nodes_not_its_arrows_and_graphviz_names(southend_page):
    plan, _findings, page = southend_page
    svg = _between(page, '<svg class="og-svg"', "</svg>")
    edges = re.findall(r'<g id="[^"]+" class="edge[^"]*"([^>]*)>', svg)
    # (each arrow was read out as "P1->P1.A1", and each priority's box as "cluster_0")
    assert edges and all('aria-hidden="true"' in e for e in edges)
    assert not re.search(r"<title>cluster_", svg)
    assert not re.search(r'class="graph[^"]*"[^>]*>\s*<title>', svg)
    # Each node still carries its id as its title (the script reads it, and it names the node).
    nodes = re.findall(
        r'<g id="[^"]+" class="node[^"]*" tabindex="0">\s*<title>([^<]+)</title>', svg
    )
    assert len(nodes) > 300 and {html.unescape(n) for n in nodes} <= set(plan.nodes)
    # Each node is described by its tooltip (kind, title, outcomes, lead, findings), which a mouse
    # alone showed.
    node = re.search(
        rf'<g id="{svg_id("P2.A2.O2").replace("-", "&#45;")}" class="node[^"]*" tabindex="0">\s*'
        r"<title>P2.A2.O2</title>\s*"
        r"<desc>([^<]+)</desc>",
        svg,
    )
    assert node, "no description"
    described = html.unescape(node.group(1))
    assert (
        described.startswith("Objective P2.A2.O2")
        and plan.nodes["P2.A2.O2"].title[:30] in described
    )
    assert "Outcomes: " in described and "OG102" in described


def test_the_coverage_note_explains_a_cell_with_indicators_and_no_objective():
    # Southend's priority 4 has no objective serving 'Make a positive contribution' but two
    # indicators of that outcome: the note must not say the indicators counted measure the
    # objectives.
    plan = og.load(SOUTHEND)
    page = report_html(plan, diagram=False)
    section = page[
        page.index('<section id="r-coverage">') : page.index(
            "</section>", page.index('<section id="r-coverage">')
        )
    ]
    # (an outcome the priority does not serve: the cell is not a gap)
    assert re.search(r'<td class="unserved">0 objectives<br>[1-9]\d* indicators?</td>', section)
    note = " ".join(re.sub(r"<[^>]+>", " ", section[: section.index("<table")]).split())
    assert "indicators measuring them" not in note
    assert (
        "by the indicator's own outcomes" in note
        and "a cell can count indicators and no objective" in note
    )


@needs_dot
def test_without_milestones_a_milestone_s_finding_links_to_the_objective_marked_with_it():
    plan = og.load(MODELS / "thurrock-cypp-2011-12.yaml")
    findings = og.check(plan)
    page = report_html(plan, findings=findings, milestones=False)
    doc = parse(page)
    ids = {a.get("id") for _t, a in doc.tags if a.get("id")}
    on_milestones = [f for f in findings.findings if f.kind == "milestone"]
    assert on_milestones and not any(svg_id(f.node) in ids for f in on_milestones)
    rows = {
        a["data-node"]: a for a in doc.find("tr") if "finding" in (a.get("class") or "").split()
    }
    for f in on_milestones:
        objective = plan.parents[f.node][0]
        # The link goes to the objective (whose node shows the milestone's rule code) and the row
        # still names the milestone, and says where its finding is marked.
        cell = re.search(
            r'<td class="node">(.*?)</td>', page[page.index(f'data-node="{html.escape(f.node)}"') :]
        ).group(1)
        assert (
            f'data-target="{svg_id(objective)}"' in cell
            and f"<code>{html.escape(f.node)}</code>" in cell
        )
        assert f"the diagram marks this on objective <code>{html.escape(objective)}</code>" in cell
        assert rows[f.node]["data-drawn-on"] == objective
    # The diagram's "below: OG…" marks are explained (the report draws the diagram without its
    # heading).
    section = page[page.index('<section id="r-diagram">') :]
    assert (
        "below: OG" in section
        and "“below: OG…” on a node lists the rule codes of the findings of its milestones"
        in section
    )
    with_milestones = report_html(plan, findings=findings)
    assert "below: OG" not in with_milestones[with_milestones.index('<section id="r-diagram">') :]
    # A click on the objective lists its findings and its milestones'.
    drawn_on = {a["data-node"]: a["data-drawn-on"] for a in rows.values()}
    assert all(
        drawn_on[n] == n
        for n in drawn_on
        if plan.nodes.get(n) is None or plan.nodes[n].kind != "milestone"
    )


@needs_dot
def test_a_diagram_too_large_to_read_whole_is_said_so_in_the_report_and_by_the_cli(tmp_path):
    from outcome_graph.output.diagram import LargeDiagramWarning

    plan = og.load(SOUTHEND)  # (428 nodes with its milestones)
    with pytest.warns(LargeDiagramWarning, match="draws 428 nodes"):
        page = report_html(plan)
    assert '<p class="warn">The diagram draws 428 nodes, too many to read whole at once' in page
    smaller = report_html(plan, milestones=False)  # (no warning: 210 nodes)
    assert "too many to read whole" not in smaller
    # (render said so; report drew the same picture and said nothing)
    result = subprocess.run(
        [*og_command(), "report", str(SOUTHEND), "-o", str(tmp_path / "r.html")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (
        result.returncode == 0 and "notice: the report's diagram draws 428 nodes" in result.stderr
    )
    assert "Traceback" not in result.stderr


def test_the_summary_names_the_plan_s_file_and_gives_its_path_as_given_in_a_tooltip(tmp_path):
    # (`report ../shared/plan.yaml` from another folder: the page, sent on by email, names the file
    # and keeps the path typed for whoever wants it)
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "cypp.yaml").write_bytes((MODELS / "thurrock-cypp-2011-12.yaml").read_bytes())
    work = tmp_path / "work"
    work.mkdir()
    done = subprocess.run(
        [*og_command(), "report", "../shared/cypp.yaml", "--no-diagram", "-o", "r.html"],
        capture_output=True,
        text=True,
        cwd=work,
    )
    assert done.returncode == 0, done.stderr
    page = (work / "r.html").read_text(encoding="utf-8")
    assert re.findall(r"<dt>Plan file</dt><dd([^>]*)>([^<]*)</dd>", page) == [
        (' title="../shared/cypp.yaml"', "cypp.yaml")
    ]
    here = report_html(og.load(MODELS / "thurrock-cypp-2011-12.yaml"), diagram=False)
    assert re.findall(r"<dt>Plan file</dt><dd([^>]*)>([^<]*)</dd>", here) == [
        (f' title="{MODELS / "thurrock-cypp-2011-12.yaml"}"', "thurrock-cypp-2011-12.yaml")
    ]
    named = report_html(
        og.load((MODELS / "thurrock-cypp-2011-12.yaml").read_bytes(), name="cypp.yaml"),
        diagram=False,
    )
    assert re.findall(r"<dt>Plan file</dt><dd([^>]*)>([^<]*)</dd>", named) == [("", "cypp.yaml")]


def _summary_section(page: str) -> str:
    return _between(page, "<main>\n<section><h2>Summary</h2>", "</section>")


@pytest.mark.parametrize("model", ["southend-cypp-2008-09", "thurrock-cypp-2011-12"])
def test_the_summary_names_the_worst_findings_the_outcomes_and_the_owners_over_their_limits(model):
    plan = og.load(MODELS / f"{model}.yaml")
    findings = og.check(plan)
    page = report_html(plan, findings=findings, diagram=False)
    summary = _summary_section(page)
    # The most serious rules broken, errors first, then by how often, each linked to its group of
    # the findings table (the board reads these first; the table below had them in code order).
    worst = re.findall(
        r'<li><span class="badge sev-(\w+)".*?<a href="#([\w.-]+)">([\w-]+)</a>: (\d+) findings?',
        summary,
    )
    rank = {s: i for i, s in enumerate(SEVERITIES)}
    by_group = Counter((f.severity, f.rule) for f in findings.findings)
    expected = sorted(by_group.items(), key=lambda kv: (rank[kv[0][0]], -kv[1], kv[0][1]))[:5]
    assert [(sev, int(n)) for sev, _, _, n in worst] == [(sev, n) for (sev, _), n in expected]
    for _, target, name, n in worst:
        group = re.search(
            rf'<tbody class="group" id="{re.escape(target)}"[^>]*>(.*?)</tbody>', page, re.S
        )
        assert (
            group
            and f"</code> {name} " in group.group(1)
            and len(re.findall(r'<tr class="finding ', group.group(1))) == int(n)
        )
    # Each outcome of the framework in the state the coverage matrix's last row gives it.
    last_row = re.search(r'<tr class="total">(.*?)</tr>', page).group(1)
    matrix_states = re.findall(r'<td class="(\w+)">', last_row)
    outcomes = re.findall(r'<li><span class="key (\w+)">[^<]*</span> ([^<]+) <span', summary)
    assert outcomes == [
        (state, html.escape(o.title, quote=False))
        for state, o in zip(matrix_states, plan.framework.outcomes)
    ]
    assert len(outcomes) == 5
    # The owners over their limit are the rows the owner-load table marks so, linked to them.
    over_rows = re.findall(r'<tr id="(r-owner-[^"]+)" class="over">', page)
    over_part = re.search(r"Over their limit[^:]*:(.*?)</p>", summary).group(1)
    named = re.findall(r'<a href="#(r-owner-[^"]+)">', over_part)
    assert named == over_rows[:5] and over_rows
    more = re.search(r" and (\d+) more\.$", over_part)
    assert len(over_rows) == len(named) + (int(more.group(1)) if more else 0)


def test_a_plan_without_findings_or_milestones_says_so_in_its_summary():
    plan = og.load(PLAN_HEADER + "priorities: [{id: P1, title: Safe, outcomes: [stay_safe]}]\n")
    summary = _summary_section(
        report_html(plan, findings=og.check(plan, {"select": ["OG6"]}), diagram=False)
    )
    assert "None: the plan passes every rule selected." in summary
    assert "No owner leads a milestone." in summary


def test_the_summary_counts_each_priority_s_findings_as_the_table_lists_them():
    plan = og.load(MODELS / "thurrock-cypp-2011-12.yaml")
    page = report_html(plan, diagram=False)
    table = re.search(
        r'<table class="by-priority[^"]*">.*?</table>', _summary_section(page), re.S
    ).group(0)
    heads = re.findall(r'<th scope="col">(\w+)</th>', table)
    assert heads == ["Priority", "Errors", "Warnings", "Info"]
    # Each priority's row counts, by severity, the rows of the findings table filed under it (which
    # its priority filter lists); a finding under no priority is counted on a row of its own.
    rows = re.findall(
        r'<tr class="finding [^"]*" data-severity="(\w+)"[^>]*data-priorities="([^"]*)"', page
    )
    expected: dict[str, Counter[str]] = {}
    for severity, priorities in rows:
        for p in priorities.split("|") if priorities else [""]:
            expected.setdefault(p, Counter())[severity] += 1
    summary_rows = re.findall(r'<tr><th scope="row">(.*?)</th>(.*?)</tr>', table)
    got: dict[str, Counter[str]] = {}
    for label, cells in summary_rows:
        pid = re.search(r'data-priority="([^"]+)"', label)
        values = [
            0 if v == "\u2013" else int(v.replace(",", ""))
            for v in re.findall(r"<td[^>]*>([^<]+)</td>", cells)
        ]
        got[pid.group(1) if pid else ""] = Counter(
            {s: n for s, n in zip(("error", "warning", "info"), values) if n}
        )
    assert got == expected and set(got) - {""} == {p.id for p in plan.of_kind("priority")}
    # Each priority's name is a link that selects it in the findings' priority filter.
    options = set(
        re.findall(
            r'<option value="([^"]+)">', _between(page, 'data-filter="priority"', "</select>")
        )
    )
    assert set(re.findall(r'data-priority="([^"]+)"', table)) == options


def test_a_plan_of_many_priorities_counts_those_with_the_most_serious_findings_in_its_summary():
    from outcome_graph.synth import dump_yaml, generate

    plan = og.load(dump_yaml(generate(3_000, seed=3)))
    page = report_html(plan, diagram=False)
    order = [p.id for p in plan.of_kind("priority")]
    tally: dict[str, Counter[str]] = {}
    for severity, priorities in re.findall(
        r'<tr class="finding [^"]*" data-severity="(\w+)"[^>]*data-priorities="([^"]*)"', page
    ):
        for p in filter(None, priorities.split("|")):
            tally.setdefault(p, Counter())[severity] += 1
    assert len(tally) > 10  # (a plan of more priorities with findings than a summary holds)
    summary = _summary_section(page)
    shown = re.findall(r'<a href="#r-findings" data-priority="([^"]+)">', summary)
    # (its summary listed every priority: 2,000 rows in the first page of a plan of 100,000 nodes)
    assert len(shown) == 10 and shown == sorted(shown, key=order.index)

    def rank(p: str) -> tuple[int, ...]:
        return tuple(tally[p][s] for s in SEVERITIES)

    assert min(rank(p) for p in shown) >= max(rank(p) for p in tally if p not in shown)
    assert f"{len(tally) - 10:,} more priorities have findings" in summary
    assert "<caption>Findings by priority: the 10 with the most serious</caption>" in summary


def test_the_summary_prints_its_counts_with_thousands_separators():
    from outcome_graph.synth import dump_yaml, generate

    plan = og.load(dump_yaml(generate(3_000, seed=3)))
    findings = og.check(plan)
    summary = _summary_section(report_html(plan, findings=findings, diagram=False))
    kinds = Counter(n.kind for n in plan.nodes.values())
    assert kinds["milestone"] >= 1_000  # (a plan large enough for a count of four digits)
    cards = dict(
        (w, n)
        for n, w in re.findall(r'<span class="num">([^<]*)</span><span>([^<]*)</span>', summary)
    )
    expected = {
        "priorities": kinds["priority"],
        "aims": kinds["aim"],
        "objectives": kinds["objective"],
        "milestones": kinds["milestone"],
        "indicators": kinds["indicator"],
        "owners": len(findings.facts_of(plan).owners),
    }
    expected.update({_SEVERITY_PLURAL[s]: findings.counts[s] for s in SEVERITIES})
    assert {w: cards[w] for w in expected} == {w: f"{n:,}" for w, n in expected.items()}
    assert f"of the {kinds['milestone']:,} milestones." in summary
    # (the same separators as the rest of the report: no four-digit count is printed bare)
    assert not re.search(r"lead \d{4,}|of the \d{4,}|>\d{4,}<", summary)


_SEVERITY_PLURAL = {"error": "errors", "warning": "warnings", "info": "info"}


def test_every_link_of_the_page_has_the_one_link_colour_followed_or_not():
    from outcome_graph.output.html_report.assets import stylesheet

    screen, printed = re.sub(r"/\*.*?\*/", "", stylesheet(), flags=re.S).split("@media print{")
    # (the summary's and the findings' links were the browser's blue, the contents' #1f5fa8)
    colours = re.findall(r"(?:^|})([^{}]*\ba\b[^{}]*)\{[^}]*\bcolor:([^;}]+)", screen)
    assert [(selector.strip(), colour) for selector, colour in colours] == [
        ("a:link,a:visited", "var(--link)")
    ]
    # On paper a link is text: its colour, followed or not, is the text's.
    assert re.search(r"(?:^|\s)a,a:link,a:visited\{color:inherit;", printed)


def test_the_coverage_matrix_shades_as_gaps_only_the_outcomes_each_priority_serves():
    cells = _matrix(
        og.load(
            PLAN_HEADER
            + """\
priorities:
  - id: P1
    title: Safe
    outcomes: [stay_safe]
    objectives:
      - {id: O1, title: Safer roads, indicators: [NI 48]}
      - {id: O2, title: Fewer injuries at home, outcomes: [be_healthy]}
  - id: P2
    title: Achieving
    outcomes: [enjoy_and_achieve]
    aims:
      - {id: A1, title: Active lives, outcomes: [positive_contribution]}
      - id: A2
        title: Good schools
        objectives: [{id: O3, title: Better results, indicators: [NI 48]}]
  - {id: P3, title: Partnership, objectives: [{id: O4, title: A joint board}]}
"""
        )
    )
    states = {row: [state for state, _ in row_cells] for row, row_cells in cells.items()}
    # Outcomes: be healthy, stay safe, enjoy and achieve, make a positive contribution, economic
    # well-being.
    assert states["P1 Safe"] == ["unmeasured", "covered", "unserved", "unserved", "unserved"]
    # (the aim's outcome, with no objective under it, is P2's gap; NI 48, measuring safety under it,
    # is counted in a cell P2 does not serve, which is no gap)
    assert states["P2 Achieving"] == ["unserved", "unserved", "covered", "gap", "unserved"]
    assert cells["P2 Achieving"][1] == ("unserved", "0 objectives<br>1 indicator")
    assert states['P3 Partnership <span class="muted">(no outcome)</span>'] == ["unserved"] * 5
    # The whole plan's row shades every outcome, as before.
    assert states["The whole plan"] == ["unmeasured", "covered", "covered", "gap", "gap"]


@pytest.mark.parametrize(
    "model", ["thurrock-cypp-2011-12", "southend-cypp-2008-09", "richmond-cypp-2009-2013"]
)
def test_on_the_models_a_priority_s_cells_are_shaded_in_the_outcomes_it_or_what_is_under_it_names(
    model,
):
    plan = og.load(MODELS / f"{model}.yaml")
    facts = og.check(plan).facts_of(plan)
    page = report_html(plan, diagram=False)
    start = page.index('<table class="matrix')
    rows = re.findall(
        r'<tr><th scope="row">(.*?)</th>(.*?)</tr>', page[start : page.index("</table>", start)]
    )
    outcomes = [o.id for o in plan.framework.outcomes]
    priorities = list(plan.of_kind("priority"))
    assert len(rows) == len(priorities)
    for p, (label, row) in zip(priorities, rows):
        states = re.findall(r'<td class="(\w+)">', row)
        if p.id in facts.cross_cutting:
            assert set(states) == {"cross"}
            continue
        named = set(p.outcomes or ()) | {
            o
            for n in facts.descendants(p.id)
            if plan.nodes[n].kind in ("aim", "objective")
            for o in plan.nodes[n].outcomes or ()
        }
        assert [o for o, state in zip(outcomes, states) if state != "unserved"] == [
            o for o in outcomes if o in named
        ]
        assert ("(no outcome)" in label) == (not named)


def test_the_priority_filter_lists_only_the_priorities_with_findings_in_the_plan_s_order():
    from outcome_graph.synth import dump_yaml, generate

    plan = og.load(dump_yaml(generate(3_000, seed=3)))
    page = report_html(plan, diagram=False)
    options = re.findall(
        r'<option value="([^"]+)">', _between(page, 'data-filter="priority"', "</select>")
    )
    with_findings = {
        p
        for listed in re.findall(r'<tr class="finding [^"]*"[^>]*data-priorities="([^"]*)"', page)
        for p in listed.split("|")
        if p
    }
    order = [p.id for p in plan.of_kind("priority")]
    # (a plan of 100,000 nodes listed its 2,000 priorities, most of them filtering to nothing)
    assert len(with_findings) < len(order)
    assert options == [p for p in order if p in with_findings]


def test_the_findings_are_grouped_once_for_the_summary_and_the_table(monkeypatch):
    from outcome_graph.output.html_report import page as html_page

    grouped: list[int] = []
    group = html_page.grouped

    def counted(rows):
        grouped.append(len(rows))
        return group(rows)

    monkeypatch.setattr(html_page, "grouped", counted)
    plan = og.load(MODELS / "southend-cypp-2008-09.yaml")
    findings = og.check(plan)
    page = report_html(plan, findings=findings, diagram=False)
    # (the summary's most serious rules and the findings table grouped the same rows each on its
    # own)
    assert grouped == [len(findings.findings)]
    # The summary links to the table's groups: each group it names is one the table lists.
    table = set(re.findall(r'<tbody class="group" id="([^"]+)"', page))
    named = re.findall(r'<ol class="worst">.*?</ol>', page, re.S)[0]
    assert set(re.findall(r'href="#([^"]+)"', named)) <= table and table


def _print_rules() -> dict[str, str]:
    """The report's print CSS as {selector: declarations} (comments left out)."""
    from outcome_graph.output.html_report.assets import stylesheet

    printed = re.sub(r"/\*.*?\*/", "", stylesheet(), flags=re.S).split("@media print{")[1]
    return {
        selector.strip(): body for selector, body in re.findall(r"([^{}]+)\{([^}]*)\}", printed)
    }


def test_on_paper_a_short_table_is_whole_a_long_one_repeats_its_heading_no_heading_is_alone():
    rules = _print_rules()

    def declared(selector: str, declaration: str) -> bool:
        return any(
            selector in [s.strip() for s in sel.split(",")] and declaration in body
            for sel, body in rules.items()
        )

    assert declared("table.whole", "break-inside:avoid") and declared(
        "table.page+table.page", "break-inside:avoid"
    )
    assert declared("thead", "display:table-header-group") and declared("tr", "break-inside:avoid")
    assert all(declared(h, "break-after:avoid") for h in ("h2", "h3", "caption"))
    # Which tables are short enough to keep whole, by their rows: Richmond's two owners' load and
    # each model's coverage matrix (Southend's eight priorities ran over a page), not Southend's
    # sixty-five owners; a year's table of Thurrock's thirty-seven fits a page of its own.
    classes = {}
    for model in ("richmond-cypp-2009-2013", "southend-cypp-2008-09", "thurrock-cypp-2011-12"):
        page = report_html(og.load(MODELS / f"{model}.yaml"), diagram=False)
        classes[model] = re.findall(r'<table class="((?:matrix|load|by-priority)[^"]*)"', page)
    assert all("matrix whole" in found for found in classes.values()), classes
    # (none of Richmond's milestones has a month: its table has no month columns, and prints as
    # shown)
    assert {c for c in classes["richmond-cypp-2009-2013"] if "print-only" in c} == set()
    assert "load whole" in classes["richmond-cypp-2009-2013"]
    assert {c for c in classes["southend-cypp-2008-09"] if "print-only" in c} == {"load print-only"}
    assert {c for c in classes["thurrock-cypp-2011-12"] if "print-only" in c} == {
        "load print-only page"
    }


def test_the_printed_owner_load_goes_by_the_plan_s_years():
    # (a year's table from March to February put Southend's busiest month, March 2009, under the
    # next year's heading; a month or two before the plan starts joins its first year)
    def captions(model: str) -> list[str]:
        page = report_html(og.load(MODELS / f"{model}.yaml"), diagram=False)
        return re.findall(r'print-only[^"]*"><caption>([^<]+)</caption>', page)

    assert captions("southend-cypp-2008-09") == [
        "March 2008 to March 2009",
        "April 2009 to March 2010",
    ]
    assert captions("thurrock-cypp-2011-12") == [
        "February 2011 to March 2012",
        "April 2012 to November 2012",
    ]
    summary = report_html(og.load(MODELS / "thurrock-cypp-2011-12.yaml"), diagram=False)
    assert "(5 in April 2012, after the plan period)" in summary  # (the plan ends in March 2012)
