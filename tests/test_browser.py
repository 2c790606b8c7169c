"""The HTML report in a real browser (headless Chromium): no console errors, no network requests,
the findings table filters, a finding's link highlights its node, plan text runs no script."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import outcome_graph as og
from outcome_graph.output.diagram import LargeDiagramWarning
from outcome_graph.output.escape import svg_id
from outcome_graph.output.html_report import report

from .conftest import MODELS
from .test_diagram import EVIL

CHROMIUM = "/usr/bin/chromium"
pytestmark = pytest.mark.skipif(
    not os.path.exists(CHROMIUM),
    reason=f"{CHROMIUM} is not installed (scripts/system-deps.sh installs it with "
    "OUTCOME_GRAPH_TEST_BROWSER=1)",
)
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


class Opened:
    """A report open in a page, with what the page logged and asked the network for."""

    def __init__(self, browser: Any, path: Path) -> None:
        self.page = browser.new_page(viewport={"width": 1280, "height": 900})
        self.console: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: self.console.append(f"{m.type}: {m.text}"))
        self.page.on("pageerror", lambda e: self.console.append(f"pageerror: {e}"))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.url = path.resolve().as_uri()
        self.page.goto(self.url)
        self.page.wait_for_load_state("load")

    def shown(self) -> int:
        return self.page.evaluate("document.querySelectorAll('tr.finding:not(.hidden)').length")

    def close(self) -> None:
        self.page.close()


@pytest.fixture(scope="module")
def southend(
    browser: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Opened, og.Report]]:
    plan = og.load(MODELS / "southend-cypp-2008-09.yaml")
    findings = og.check(plan)
    with pytest.warns(LargeDiagramWarning):  # (428 nodes with its milestones)
        path = report(plan, tmp_path_factory.mktemp("report") / "southend.html", findings=findings)
    opened = Opened(browser, Path(path))
    yield opened, findings
    opened.close()


def test_opens_offline_without_errors_or_requests(southend):
    opened, findings = southend
    assert opened.console == []
    assert opened.requests == [opened.url]
    assert opened.shown() == len(findings.findings)
    assert opened.page.evaluate("document.querySelectorAll('svg.og-svg g.og-node').length") > 300


def test_the_findings_table_filters(southend):
    opened, findings = southend
    page = opened.page
    page.select_option('[data-filter="rule"]', "OG301")
    assert opened.shown() == len(findings.by_rule("OG301"))
    assert (
        page.inner_text("#r-shown")
        == f"{len(findings.by_rule('OG301'))} of {len(findings.findings)} findings"
    )
    hidden_groups = page.evaluate("document.querySelectorAll('tbody.group.hidden').length")
    assert hidden_groups == len({(f.severity, f.rule) for f in findings.findings}) - 1
    page.select_option('[data-filter="rule"]', "")
    page.select_option('[data-filter="severity"]', "info")
    assert opened.shown() == findings.counts["info"]
    page.click("#r-clear")
    owner = page.eval_on_selector('[data-filter="owner"] option:nth-child(2)', "o => o.value")
    page.select_option('[data-filter="owner"]', owner)
    rows = page.eval_on_selector_all(
        "tr.finding:not(.hidden)", "rs => rs.map(r => r.dataset.owners)"
    )
    assert rows and all(owner in r.split("|") for r in rows)
    page.select_option('[data-filter="owner"]', "")
    page.select_option('[data-filter="priority"]', "P3")
    rows = page.eval_on_selector_all(
        "tr.finding:not(.hidden)", "rs => rs.map(r => r.dataset.priorities)"
    )
    assert rows and all("P3" in r.split("|") for r in rows)
    page.fill('[data-filter="text"]', "P3.A1.O1")
    nodes = page.eval_on_selector_all(
        "tr.finding:not(.hidden)", "rs => rs.map(r => r.dataset.node)"
    )
    assert nodes and all("P3.A1.O1" in n for n in nodes)
    page.click("#r-clear")
    assert opened.shown() == len(findings.findings)


def test_a_finding_links_to_its_node_and_a_node_to_its_findings(southend):
    opened, _findings = southend
    page = opened.page
    link = page.query_selector('tr.finding[data-node="P2.A2.O2"] a.node-link')
    link.click()
    target = svg_id("P2.A2.O2")
    page.wait_for_function(
        f"document.getElementById('{target}').classList.contains('og-highlight')"
    )
    assert page.evaluate("document.querySelectorAll('.og-highlight').length") == 1
    # P2.A2.O10's findings alone, not those of its milestone P2.A2.O10.M1, whose id starts with it.
    assert page.query_selector('tr.finding[data-node="P2.A2.O10.M1"]') is not None
    page.click(f'[id="{svg_id("P2.A2.O10")}"]')
    nodes = page.eval_on_selector_all(
        "tr.finding:not(.hidden)", "rs => rs.map(r => r.dataset.node)"
    )
    assert nodes and set(nodes) == {"P2.A2.O10"}
    page.fill('[data-filter="text"]', "P2.A2.O10")  # (typed, the text matches as text again)
    nodes = page.eval_on_selector_all(
        "tr.finding:not(.hidden)", "rs => rs.map(r => r.dataset.node)"
    )
    assert {"P2.A2.O10", "P2.A2.O10.M1"} <= set(nodes)
    # By keyboard: a node takes the focus, and Enter lists its findings as a click does.
    page.focus(f'[id="{svg_id("P2.A2.O3")}"]')
    page.keyboard.press("Enter")
    nodes = page.eval_on_selector_all(
        "tr.finding:not(.hidden)", "rs => rs.map(r => r.dataset.node)"
    )
    assert nodes and set(nodes) == {"P2.A2.O3"}
    assert page.evaluate("document.querySelector('svg.og-svg').getAttribute('role')") == "group"
    page.click("#r-clear")
    assert opened.console == [] and opened.requests == [opened.url]


def test_an_injected_script_does_not_run(browser, tmp_path):
    plan = og.load(EVIL)
    path = report(plan, tmp_path / "evil.html")
    opened = Opened(browser, Path(path))
    try:
        page = opened.page
        assert page.evaluate("window.__pwned === undefined")
        assert opened.console == [] and opened.requests == [opened.url]
        assert page.title().startswith("Evil </title><script>window.__pwned=1</script> plan")
        assert page.inner_text("h1") == "Evil </title><script>window.__pwned=1</script> plan"
        assert "<script>window.__pwned=3</script>" in page.inner_text(
            "#r-findings"
        ) + page.eval_on_selector("#r-diagram-box", "e => e.textContent").replace("\u200b", "")
        page.select_option('[data-filter="severity"]', "error")
        assert opened.shown() == len([f for f in og.check(plan).findings if f.severity == "error"])
    finally:
        opened.close()


def test_prints(southend, tmp_path):
    opened, _ = southend
    page = opened.page
    page.emulate_media(media="print")
    # On paper the filters' controls go, and what they leave shown is said ("129 of 129 findings").
    assert (
        page.evaluate("getComputedStyle(document.querySelector('#r-filters label')).display")
        == "none"
    )
    assert page.evaluate("getComputedStyle(document.getElementById('r-shown')).display") != "none"
    # The owner-load table is not cut at the page's edge by its scrolling box.
    assert (
        page.evaluate("getComputedStyle(document.querySelector('#r-owners .scroll')).overflowX")
        == "visible"
    )
    pdf = page.pdf(path=str(tmp_path / "report.pdf"))
    assert pdf[:5] == b"%PDF-"
    page.emulate_media(media="screen")


@pytest.mark.parametrize("model", ["richmond-cypp-2009-2013", "thurrock-cypp-2011-12"])
def test_every_table_fits_the_width_of_a_printed_page(browser, tmp_path, model):
    plan = og.load(MODELS / f"{model}.yaml")
    path = report(plan, tmp_path / f"{model}.html", findings=og.check(plan))
    page = browser.new_page(
        viewport={"width": 718, "height": 1000}
    )  # (an A4 page's width inside its margins)
    try:
        page.goto(Path(path).resolve().as_uri())
        page.wait_for_load_state("load")
        page.emulate_media(media="print")
        widths = page.evaluate("""() => [...document.querySelectorAll('table, svg.og-svg')]
            .filter(e => getComputedStyle(e).display !== 'none')
            .map(e => [e.className.baseVal ?? e.className,
                Math.ceil(e.getBoundingClientRect().right)])""")
        page_width = page.evaluate("document.documentElement.clientWidth")
        # (the owner-load table, one column a month, ran off the page: Richmond's to 2,500 pixels)
        assert widths and all(right <= page_width for _name, right in widths), widths
        # Every month is printed: the screen's one table is split into a year to a table (the plan's
        # years, a few months before or after joining the next: fifteen at most).
        printed = page.evaluate("""() => [...document.querySelectorAll('table.load')]
            .filter(e => getComputedStyle(e).display !== 'none')
            .map(t => t.querySelectorAll('thead th.month').length)""")
        if (
            model == "richmond-cypp-2009-2013"
        ):  # (none of its milestones has a month: no month columns)
            assert printed == [0]
            return
        on_screen = page.evaluate(
            "document.querySelector('table.load.screen-only').querySelectorAll('thead "
            "th.month').length"
        )
        assert len(printed) > 1 and all(n <= 15 for n in printed) and sum(printed) == on_screen
    finally:
        page.close()


def test_a_finding_s_link_takes_the_keyboard_to_its_node_and_back(southend):
    opened, _findings = southend
    page = opened.page
    page.click("#r-clear")
    page.focus('tr.finding[data-node="P2.A2.O2"] a.node-link')
    page.keyboard.press("Enter")
    # (the focus stayed on the link: a keyboard user
    # was left at the table, the node lit up far away)
    assert page.evaluate("document.activeElement.id") == svg_id("P2.A2.O2")
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Enter")  # (and Enter on the node lists its findings)
    assert page.inner_text("#r-shown").startswith("1 of ")
    page.click("#r-clear")
    link = page.query_selector('a.node-link[data-target^="r-owner-"]')
    link.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == link.get_attribute("data-target")
    page.click("#r-clear")


def test_the_report_reflows_to_a_narrow_screen_without_sideways_scrolling(browser, tmp_path):
    # (from a deep folder: the report names the plan's file, which must wrap too)
    deep = (
        tmp_path / "a-folder-with-a-long-name" / "and-another-folder-in-it" / "plans-for-the-board"
    )
    deep.mkdir(parents=True)
    source = deep / "southend-cypp-2008-09.yaml"
    source.write_bytes((MODELS / source.name).read_bytes())
    plan = og.load(source)
    with pytest.warns(LargeDiagramWarning):  # (428 nodes with its milestones)
        path = report(plan, tmp_path / "southend.html", findings=og.check(plan))
    # 320 CSS pixels: a phone, or a desktop window zoomed to 400%
    page = browser.new_page(viewport={"width": 320, "height": 640})
    try:
        page.goto(Path(path).resolve().as_uri())
        page.wait_for_load_state("load")
        # (the findings table ran to 768 pixels, the
        # filters to 321: the whole page scrolled sideways)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        # Wide tables scroll in their own box, which the keyboard can reach.
        assert (
            page.evaluate("document.querySelector('#r-findings-table').closest('.scroll').tabIndex")
            == 0
        )
        # The filter bar does not stick over the little there is to see.
        assert (
            page.evaluate("getComputedStyle(document.getElementById('r-filters')).position")
            == "static"
        )
    finally:
        page.close()


def test_no_smooth_scrolling_for_those_who_ask_for_less_motion(browser, tmp_path):
    plan = og.load(MODELS / "southend-cypp-2008-09.yaml")
    with pytest.warns(LargeDiagramWarning):  # (428 nodes with its milestones)
        path = report(plan, tmp_path / "southend.html", findings=og.check(plan))
    for motion, expected in (("reduce", "auto"), ("no-preference", "smooth")):
        context = browser.new_context(reduced_motion=motion)
        page = context.new_page()
        try:
            page.add_init_script("""(() => { window.__scrolls = [];
                const original = Element.prototype.scrollIntoView;
                Element.prototype.scrollIntoView = function (o) {
                    window.__scrolls.push(o && o.behavior);
                    return original.call(this, o);
                };
            })()""")
            page.goto(Path(path).resolve().as_uri())
            page.wait_for_load_state("load")
            page.click('tr.finding[data-node="P2.A2.O2"] a.node-link')
            assert page.evaluate("window.__scrolls") == [expected]
        finally:
            context.close()


def test_the_focus_is_never_hidden_under_the_sticky_filters(browser, tmp_path):
    plan = og.load(MODELS / "thurrock-cypp-2011-12.yaml")
    path = report(plan, tmp_path / "thurrock.html", findings=og.check(plan))
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(Path(path).resolve().as_uri())
        page.wait_for_load_state("load")
        page.focus("#r-fit")
        seen = hidden = 0
        for _ in range(150):  # back up through the findings table by keyboard
            page.keyboard.press("Shift+Tab")
            box = page.evaluate("""(() => { const e = document.activeElement;
                if (!e.closest('#r-findings-table')) { return null; }
                const f = document.getElementById('r-filters').getBoundingClientRect(),
                    r = e.getBoundingClientRect();
                return r.top >= f.top && r.bottom <= f.bottom; })()""")
            if box is not None:
                seen += 1
                hidden += box
        # (a link scrolled into view under the bar: 30 of Thurrock's 130 were hidden entirely)
        assert seen > 50 and hidden == 0
        # The diagram's size buttons say which size is shown.
        page.click("#r-actual")
        assert (
            page.get_attribute("#r-actual", "aria-pressed") == "true"
            and page.get_attribute("#r-fit", "aria-pressed") == "false"
        )
        assert "fit" not in page.get_attribute("#r-diagram-box", "class").split()
        page.click("#r-fit")
        assert (
            page.get_attribute("#r-fit", "aria-pressed") == "true"
            and page.get_attribute("#r-actual", "aria-pressed") == "false"
        )
    finally:
        page.close()


def test_a_node_whose_id_holds_a_backslash_lists_its_own_findings(browser, tmp_path):
    plan = og.load(EVIL.replace('id: "O<1>"', 'id: "O\\\\<1>"'))
    node = "O\\<1>"
    assert node in plan.nodes and any(f.node == node for f in og.check(plan).findings)
    path = report(plan, tmp_path / "evil.html")
    opened = Opened(browser, Path(path))
    try:
        page = opened.page
        target = svg_id(node)
        # (Graphviz doubled the backslash in the node's title: its name read "O\\\\<1>" and a click
        # on it filtered the findings by that, which matched none of the node's)
        assert (
            page.evaluate(f"document.getElementById('{target}').querySelector('title').textContent")
            == node
        )
        page.click(f'[id="{target}"]')
        nodes = page.eval_on_selector_all(
            "tr.finding:not(.hidden)", "rs => rs.map(r => r.dataset.node)"
        )
        assert nodes and set(nodes) == {node}
        assert opened.console == []
    finally:
        opened.close()


def test_without_milestones_a_click_on_an_objective_lists_its_milestones_findings(
    browser, tmp_path
):
    plan = og.load(MODELS / "thurrock-cypp-2011-12.yaml")
    path = report(plan, tmp_path / "thurrock.html", milestones=False)
    opened = Opened(browser, Path(path))
    try:
        page = opened.page
        milestone = next(f.node for f in og.check(plan).findings if f.kind == "milestone")
        objective = plan.parents[milestone][0]
        # (the objective's node shows the milestone's rule code; a click on it listed none of them)
        page.click(f'[id="{svg_id(objective)}"]')
        nodes = page.eval_on_selector_all(
            "tr.finding:not(.hidden)", "rs => rs.map(r => r.dataset.node)"
        )
        assert milestone in nodes and set(nodes) <= {
            objective,
            *(m for m in plan.nodes if plan.parents.get(m) == (objective,)),
        }
        # The milestone's link highlights the objective.
        page.click("#r-clear")
        page.click(f'tr.finding[data-node="{milestone}"] a.node-link')
        page.wait_for_function(
            f"document.getElementById('{svg_id(objective)}').classList.contains('og-highlight')"
        )
        assert opened.console == []
    finally:
        opened.close()


def test_the_highlighted_node_s_outline_stands_out_and_its_chips_stay_as_they_are(
    browser, tmp_path
):
    from .conftest import ROOT, contrast

    plan = og.load(ROOT / "examples" / "tutorial-plan.yaml")
    opened = Opened(browser, Path(report(plan, tmp_path / "tutorial.html")))
    try:
        page = opened.page
        for node in ("P1.A1.O1.M2", "NI 71"):  # (a box, and an indicator's folded note)
            page.click(f'tr.finding[data-node="{node}"] a.node-link')
            strokes = page.evaluate("""(() => [...document.querySelector('.og-highlight')
                .querySelectorAll('path,polygon,polyline')]
                .map(e => [e.getAttribute('fill'), e.getAttribute('stroke'),
                    getComputedStyle(e).stroke]))()""")
            outline = [s for fill, given, s in strokes if given != "transparent"]
            filled = [
                s for fill, given, s in strokes if given == "transparent" and fill != "none"
            ]  # (chips, backgrounds)
            colour = "#" + "".join(f"{int(c):02x}" for c in re.findall(r"\d+", outline[0])[:3])
            # (the outline was #ffbf00, 1.65:1 on the page, and the outcome chips took it too)
            assert len(set(outline)) == 1 and contrast(colour, "#ffffff") >= 3, outline
            assert filled and all(s == "rgba(0, 0, 0, 0)" for s in filled), filled
        assert opened.console == []
    finally:
        opened.close()


def test_without_milestones_a_milestone_of_two_objectives_is_listed_by_a_click_on_either(
    browser, tmp_path
):
    from .conftest import PLAN_HEADER

    plan = og.load(
        PLAN_HEADER
        + """\
priorities:
  - {id: P1, title: Safe, outcomes: [stay_safe], objectives: [{id: O1, title: Fewer accidents},
                                                              {id: O2, title: Safer roads}]}
milestones:
  - {id: M1, title: Publish the road safety plan, parents: [O1, O2], timescale: June 11}
"""
    )
    assert any(f.node == "M1" for f in og.check(plan).findings)  # (OG301: no lead)
    opened = Opened(browser, Path(report(plan, tmp_path / "two.html", milestones=False)))
    try:
        page = opened.page
        hint = page.inner_text('tr.finding[data-node="M1"] td.node')
        assert "the diagram marks this on objective O1 and objective O2" in hint
        # (both objectives show M1's rule code; a click on the second listed none of its findings)
        for objective in ("O1", "O2"):
            page.click(f'[id="{svg_id(objective)}"]')
            nodes = page.eval_on_selector_all(
                "tr.finding:not(.hidden)", "rs => rs.map(r => r.dataset.node)"
            )
            assert "M1" in nodes, objective
        assert opened.console == []
    finally:
        opened.close()
