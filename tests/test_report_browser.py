"""The HTML report as a board reads it, in headless Chromium: its summary's links, and on paper
(print media, an A4 page's width)."""

from __future__ import annotations

from pathlib import Path

import pytest

import outcome_graph as og
from outcome_graph.output.html_report import report

from .conftest import MODELS

# (the browser, and the skip without Chromium)
from .test_browser import browser, pytestmark  # noqa: F401

A4_WIDTH = 718  # (CSS pixels inside 12 mm margins)


@pytest.fixture
def printed(browser, tmp_path):  # noqa: F811
    """A model's report open in a page as wide as an A4 sheet, with print media (or on screen)."""
    pages = []

    def open_(model: str, media: str = "print"):
        plan = og.load(MODELS / f"{model}.yaml")
        path = report(plan, tmp_path / f"{model}.html", findings=og.check(plan), diagram=False)
        page = browser.new_page(viewport={"width": A4_WIDTH, "height": 1000})
        pages.append(page)
        page.goto(Path(path).resolve().as_uri())
        page.wait_for_load_state("load")
        page.emulate_media(media=media)
        return page

    yield open_
    for page in pages:
        page.close()


@pytest.mark.parametrize("model", ["thurrock-cypp-2011-12", "richmond-cypp-2009-2013"])
def test_on_a4_the_findings_words_get_the_width_and_the_rule_column_goes(printed, model):
    page = printed(model)
    columns = page.evaluate("""() => [...document.querySelectorAll('#r-findings-table thead th')]
        .map(th => [th.textContent, getComputedStyle(th).display,
            th.getBoundingClientRect().width])""")
    shown = {name: width for name, display, width in columns if display != "none"}
    # (the codes' column took a seventh of the page to repeat what each group's heading says; the
    # finding's own words were squeezed into a quarter of it, a few words a line)
    assert list(shown) == ["Node", "Finding", "Priority", "Owners", "Where"]
    table = page.evaluate(
        "document.getElementById('r-findings-table').getBoundingClientRect().width"
    )
    assert shown["Finding"] == max(shown.values()) and shown["Finding"] >= 0.45 * table, shown
    # No row's cell is left without its column: every shown row has as many cells shown as headings.
    cells = page.evaluate("""() => [...document.querySelectorAll('#r-findings-table tr.finding')]
        .map(tr => [...tr.children]
            .filter(td => getComputedStyle(td).display !== 'none').length)""")
    assert cells and set(cells) == {len(shown)}
    # What the column said is still on paper: each group's heading names its rule and severity.
    heads = page.evaluate("""() => [...document.querySelectorAll('#r-findings-table tbody.group')]
        .map(g => [g.getAttribute('data-rule'), g.getAttribute('data-severity'),
            g.querySelector('tr.group-head').innerText])""")
    assert heads and all(
        code in text and severity in text.lower() for code, severity, text in heads
    ), heads


def test_a_priority_s_name_in_the_summary_lists_its_findings(printed):
    page = printed("thurrock-cypp-2011-12", media="screen")
    link = page.locator('table.by-priority a[data-priority="P3"]')
    counted = sum(
        int(n)
        for n in link.locator("xpath=ancestor::tr").locator("td").all_inner_texts()
        if n.isdigit()
    )
    page.fill(
        '[data-filter="text"]', "SILS"
    )  # (a filter set before is cleared: the link lists the priority's all)
    link.click()
    shown = page.evaluate("""() => [...document.querySelectorAll('tr.finding:not(.hidden)')]
        .map(tr => tr.getAttribute('data-priorities').split('|'))""")
    assert shown and all("P3" in priorities for priorities in shown) and len(shown) == counted
    assert (
        page.input_value('[data-filter="priority"]') == "P3"
        and page.input_value('[data-filter="text"]') == ""
    )
    assert page.evaluate("location.hash") == "#r-findings"


A4_HEIGHT = 273 / 25.4 * 96  # (CSS pixels of an A4 page inside 12 mm margins)


@pytest.mark.parametrize(
    "model", ["thurrock-cypp-2011-12", "southend-cypp-2008-09", "richmond-cypp-2009-2013"]
)
def test_on_paper_the_summary_is_the_first_page_whole(printed, model):
    page = printed(model)
    # (Thurrock's summary ran a page and a third: its facts were split over two pages, the
    # findings began under them, and a board member turned the page to find the counts by priority)
    bottom = page.evaluate(
        "document.querySelector('main > section').getBoundingClientRect().bottom + window.scrollY"
    )
    assert bottom <= A4_HEIGHT, bottom
    styles = page.evaluate("""() => ({
        findings: getComputedStyle(document.getElementById('r-findings')).breakBefore,
        parts: [...document.querySelectorAll('.glance > div, dl.facts')]
            .map(e => getComputedStyle(e).breakInside),
        groups: [...document.querySelectorAll('tr.group-head')]
            .map(e => getComputedStyle(e).breakAfter)})""")
    assert styles["findings"] == "page"  # (the findings start a page of their own)
    assert styles["parts"] and set(styles["parts"]) == {"avoid"}
    assert styles["groups"] and set(styles["groups"]) == {
        "avoid"
    }  # (a group's heading stays with its first finding)


def test_every_link_on_screen_has_one_colour_and_on_paper_the_text_s(printed):
    links = """() => [...document.querySelectorAll('header a, main a[href]')]
        .filter(a => !a.closest('svg'))
        .map(a => [(a.closest('[id]') || {id: 'summary'}).id, getComputedStyle(a).color,
            getComputedStyle(a.parentElement).color])"""
    screen = printed("thurrock-cypp-2011-12", media="screen").evaluate(links)
    # (the contents' links were #1f5fa8, the summary's and the findings' the browser's own blue)
    places = {where for where, _, _ in screen}
    assert {"r-summary", "summary"} <= places and any(w.startswith("r-group-") for w in places), (
        places
    )
    assert {colour for _, colour, _ in screen} == {"rgb(31, 95, 168)"}
    on_paper = printed("thurrock-cypp-2011-12").evaluate(links)
    assert on_paper and all(colour == around for _, colour, around in on_paper)


@pytest.fixture(scope="module")
def with_diagrams(tmp_path_factory):
    """The models' reports with their diagrams, written once (Graphviz takes a while on
    Southend's)."""
    import warnings

    from outcome_graph.output.diagram import LargeDiagramWarning

    folder = tmp_path_factory.mktemp("reports")
    paths = {}
    for model in ("thurrock-cypp-2011-12", "southend-cypp-2008-09", "richmond-cypp-2009-2013"):
        plan = og.load(MODELS / f"{model}.yaml")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", LargeDiagramWarning)
            paths[model] = report(plan, folder / f"{model}.html", findings=og.check(plan))
    return paths


def _pages(pdf: bytes) -> int:
    import re

    return len(re.findall(rb"/Type\s*/Page\b", pdf))


@pytest.mark.parametrize(
    "model", ["thurrock-cypp-2011-12", "southend-cypp-2008-09", "richmond-cypp-2009-2013"]
)
def test_on_paper_the_diagram_is_one_page_whole_shrunk_to_fit_it(
    browser,  # noqa: F811
    with_diagrams,
    model,
):
    page = browser.new_page()
    try:
        page.goto(Path(with_diagrams[model]).resolve().as_uri())
        page.wait_for_load_state("load")
        # The diagram's section (and the footer under it) printed alone on A4: one page. (Printed
        # at the page's width, Thurrock's ran over four pages, cut across its nodes.)
        page.add_style_tag(
            content="header, main > section:not(#r-diagram) {display: none !important}"
        )
        pdf = page.pdf(
            format="A4", margin={side: "12mm" for side in ("top", "bottom", "left", "right")}
        )
        assert _pages(pdf) == 1
        # On a page as wide and high as A4's inside its margins, the whole drawing is on the page,
        # in its proportions, and no larger than Graphviz drew it.
        page.set_viewport_size({"width": A4_WIDTH, "height": int(A4_HEIGHT)})
        page.emulate_media(media="print")
        box = page.evaluate("""() => {
            const svg = document.querySelector('#r-diagram-box svg');
            // (the drawing's background)
            const r = svg.querySelector('g.graph > polygon').getBoundingClientRect();
            const section = document.getElementById('r-diagram').getBoundingClientRect();
            return {top: r.top + scrollY, bottom: r.bottom + scrollY, left: r.left, right: r.right,
                    width: r.width, height: r.height,
                    drawn: [svg.width.baseVal.value, svg.height.baseVal.value],
                    section: section.top + scrollY}}""")
        assert box["section"] <= box["top"] and box["bottom"] - box["section"] <= A4_HEIGHT, box
        assert 0 <= box["left"] and box["right"] <= A4_WIDTH, box
        width, height = box["drawn"]
        assert (
            box["width"] <= width + 0.5
            and abs(box["width"] / box["height"] - width / height) < 0.01
        ), box
        # The page says how to draw it larger, and leaves out what only a screen can do with it.
        said = page.evaluate("""() => [...document.querySelectorAll(
                '#r-diagram p:first-of-type > .screen-only, '
                + '#r-diagram p:first-of-type > .print-only')]
            .filter(s => getComputedStyle(s).display !== 'none').map(s => s.innerText)""")
        assert len(said) == 1 and "--focus ID" in said[0] and "--page A3" in said[0], said
    finally:
        page.close()


def test_on_paper_each_section_starts_a_page_and_each_table_repeats_its_heading_row(printed):
    page = printed("southend-cypp-2008-09")
    breaks = page.evaluate("""() => [...document.querySelectorAll('main > section')]
        .map(s => [s.id || 'summary', getComputedStyle(s).breakBefore])""")
    # (the owner load began under the coverage matrix: its heading and key at the foot of a page)
    assert breaks == [
        ["summary", "auto"],
        ["r-findings", "page"],
        ["r-coverage", "page"],
        ["r-owners", "page"],
        ["r-diagram", "page"],
    ]
    tables = page.evaluate("""() => [...document.querySelectorAll('main table')]
        .filter(t => getComputedStyle(t).display !== 'none')
        .map(t => t.tHead ? getComputedStyle(t.tHead).display : 'none')""")
    assert tables and set(tables) == {"table-header-group"}
    # Southend's years of sixty-five owners are longer than a page: split between rows (moved to a
    # page of their own, they left most of a page blank and were split all the same). The coverage
    # matrix of eight priorities fits under its heading: kept whole.
    breaking = """() => [...document.querySelectorAll('main table')]
        .filter(t => getComputedStyle(t).display !== 'none')
        .map(t => [t.classList[0], getComputedStyle(t).breakInside])"""
    # (two years: the plan's, with March 2008 before it, and the next)
    assert page.evaluate(breaking) == [
        ["by-priority", "avoid"],
        ["findings", "auto"],
        ["matrix", "avoid"],
        ["load", "auto"],
        ["load", "auto"],
    ]
    # Thurrock's year after the first moves whole to the next page: it fits one.
    assert [
        b for kind, b in printed("thurrock-cypp-2011-12").evaluate(breaking) if kind == "load"
    ] == ["auto", "avoid"]


def _page_texts(pdf: bytes, tmp_path: Path) -> list[str]:
    """The text of each page of a PDF, by poppler's pdftotext (the test is skipped without it)."""
    import shutil
    import subprocess

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = tmp_path / "printed.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout.split("\f")


@pytest.mark.parametrize("model", ["southend-cypp-2008-09", "thurrock-cypp-2011-12"])
def test_printed_a_short_table_is_on_one_page_and_no_section_heading_ends_a_page(
    printed, model, tmp_path
):
    page = printed(model)
    pages = _page_texts(
        page.pdf(format="A4", margin={side: "12mm" for side in ("top", "bottom", "left", "right")}),
        tmp_path,
    )

    def on(text: str) -> list[int]:
        return [i for i, t in enumerate(pages) if text in t]

    # The coverage matrix: its heading row and its last row (the whole plan's) on one page, under
    # the section's heading. (Southend's eight priorities ran onto a second page.)
    heading = page.evaluate("document.querySelector('#r-coverage h2').innerText")
    assert on(heading) == on("The whole plan") and len(on(heading)) == 1, (
        on(heading),
        on("The whole plan"),
    )
    # A year's table of the owner load after the first that fits a page: its caption and its last
    # owner on one page.
    tables = page.evaluate("""() => [...document.querySelectorAll('table.load.print-only.page')]
        .slice(1)
        .map(t => [t.caption.innerText,
            t.tBodies[0].rows[t.tBodies[0].rows.length - 1].querySelector('th')
                .innerText.replace(' *', '')])""")
    for caption, last in tables:
        assert on(caption) and on(caption) == [p for p in on(last) if p >= on(caption)[0]][:1], (
            caption,
            last,
        )
    # No page ends with a section's heading, what it heads on the next.
    headings = page.evaluate(
        "() => [...document.querySelectorAll('main h2, main h3')].map(h => h.innerText)"
    )
    for text in pages:
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        assert not lines or not any(lines[-1].startswith(h) for h in headings), lines[-3:]


_TEXT_ON_BACKGROUND = """() => {
    // Each element holding text that is shown (not the diagram's, which sits on its own light
    // panel): its colour and the first background behind it.
    const out = [], seen = new Set();
    const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walk.nextNode()) {
        const el = walk.currentNode.parentElement;
        if (!walk.currentNode.textContent.trim() || seen.has(el) || el.closest('svg, .vh, option'))
            continue;
        seen.add(el);
        if (!el.getClientRects().length || getComputedStyle(el).visibility === 'hidden') continue;
        let back = null;
        for (let e = el; e && !back; e = e.parentElement) {
            const b = getComputedStyle(e).backgroundColor;
            if (b !== 'rgba(0, 0, 0, 0)') back = b;
        }
        out.push([el.tagName.toLowerCase() + '.' + el.className, el.textContent.trim().slice(0, 30),
            getComputedStyle(el).color, back]);
    }
    return out;
}"""


def _hex(rgb: str | None) -> str:
    import re

    if (
        rgb is None or rgb == "rgba(0, 0, 0, 0)"
    ):  # (nothing behind it but the canvas: white, unless the page says otherwise)
        return "#ffffff"
    r, g, b = (int(v) for v in re.findall(r"\d+", rgb)[:3])
    return f"#{r:02x}{g:02x}{b:02x}"


@pytest.mark.parametrize("model", ["thurrock-cypp-2011-12", "richmond-cypp-2009-2013"])
def test_in_the_dark_colour_scheme_the_report_is_dark_and_every_text_readable(
    browser,  # noqa: F811
    with_diagrams,
    model,
):
    from .conftest import contrast

    page = browser.new_page(viewport={"width": 1280, "height": 900}, color_scheme="dark")
    try:
        page.goto(Path(with_diagrams[model]).resolve().as_uri())
        page.wait_for_load_state("load")
        page.click("#r-findings-table a.node-link")  # (a row marked current)
        body = _hex(page.evaluate("getComputedStyle(document.body).backgroundColor"))
        assert contrast(body, "#000000") < 1.5, body  # (a dark page, as the reader's system asks)
        texts = page.evaluate(_TEXT_ON_BACKGROUND)
        low = [
            (where, text, round(contrast(_hex(colour), _hex(back)), 2))
            for where, text, colour, back in texts
            if contrast(_hex(colour), _hex(back)) < 4.5
        ]
        assert len(texts) > 400 and not low, low[:10]
        # The diagram keeps a light panel, its own colours being drawn for one.
        panel = _hex(
            page.evaluate(
                "getComputedStyle(document.getElementById('r-diagram-box')).backgroundColor"
            )
        )
        assert panel == "#ffffff"
    finally:
        page.close()


def test_scrolled_to_the_later_months_each_row_of_the_owner_load_keeps_its_owner_s_name(printed):
    # (on a screen narrower than its months, the table scrolls sideways: the owners' names went off
    # its left edge, and a count in April 2012 was nobody's)
    page = printed("thurrock-cypp-2011-12", media="screen")
    box = page.locator("#r-owners .scroll")
    width = page.evaluate("el => [el.clientWidth, el.scrollWidth]", box.element_handle())
    assert width[1] > width[0] + 200, width  # (the table is wider than the page: it scrolls)
    box.evaluate("el => { el.scrollIntoView(); el.scrollLeft = el.scrollWidth; }")
    seen = page.evaluate("""() => {
        const box = document.querySelector('#r-owners .scroll').getBoundingClientRect();
        const table = document.querySelector('#r-owners table.load');
        const at = (x, y) => document.elementFromPoint(x, y);
        return [...table.querySelectorAll('tr')]
            .filter(tr => tr.getBoundingClientRect().bottom < innerHeight).map(tr => {
            const name = tr.firstElementChild.getBoundingClientRect();
            const hit = at(name.left + 8, name.top + Math.min(name.height / 2, 10));
            return [Math.round(name.left - box.left), tr.firstElementChild.contains(hit),
                tr.lastElementChild.getBoundingClientRect().right <= box.right + 1];
        });
    }""")
    # Each row's first cell (the owner, or the heading "Owner") is at the region's left edge, on top
    # of the months passing under it, and the row's last month is in view beside it.
    assert len(seen) > 5 and all(left == 0 and on_top and last for left, on_top, last in seen), seen
    # On paper nothing scrolls: the names stay in the table's flow.
    page.emulate_media(media="print")
    assert (
        page.evaluate(
            "getComputedStyle(document.querySelector('table.load th[scope=row]')).position"
        )
        == "static"
    )


@pytest.mark.parametrize("model", ["thurrock-cypp-2011-12", "southend-cypp-2008-09"])
def test_on_a_phone_each_finding_is_a_card_as_wide_as_the_screen_and_the_filters_still_work(
    browser,  # noqa: F811
    tmp_path,
    model,
):
    # (as a table it was four times a phone's width: a few words of the finding to a line, and its
    # owners and rule code off the screen's right edge)
    plan = og.load(MODELS / f"{model}.yaml")
    path = report(plan, tmp_path / f"{model}.html", findings=og.check(plan), diagram=False)
    page = browser.new_page(viewport={"width": 390, "height": 800})
    try:
        page.goto(Path(path).resolve().as_uri())
        page.wait_for_load_state("load")
        region = page.evaluate(
            "(el => [el.clientWidth, el.scrollWidth])(document.querySelector('#r-findings "
            ".scroll'))"
        )
        assert region[1] <= region[0] + 1, region  # (nothing to scroll sideways)
        cards = page.evaluate("""() => [
                ...document.querySelectorAll('#r-findings-table tr.finding')]
            .slice(0, 40).map(tr => {
            const r = tr.getBoundingClientRect(),
                cells = [...tr.children].filter(td => getComputedStyle(td).display !== 'none');
            return [r.left >= 0 && r.right <= innerWidth + 1,
                    cells.every(td => td.getBoundingClientRect().right <= r.right + 1),
                    cells.length,
                    tr.querySelector('.badge')
                        && tr.querySelector('.badge').getBoundingClientRect().right <= innerWidth,
                    (tr.querySelector('td.msg').getBoundingClientRect().width / r.width)];
        })""")
        assert cards and all(
            inside and within and n >= 3 and badge and msg > 0.85
            for inside, within, n, badge, msg in cards
        ), cards[:3]
        # (what the column headings said is said on each card)
        labels = page.evaluate("""() => [
                ...document.querySelector('#r-findings-table tr.finding').children]
            .slice(2, 5)
            .map(td => getComputedStyle(td, '::before').content)""")
        assert labels == ['"Priority: "', '"Owners: "', '"Where: "'], labels
        # Filtering hides the cards it should, and only those.
        worst = page.evaluate(
            "document.querySelector('#r-findings-table tr.finding').getAttribute('data-severity')"
        )
        count = page.evaluate(
            f"document.querySelectorAll('#r-findings-table tr.finding.sev-{worst}').length"
        )
        total = page.evaluate("document.querySelectorAll('#r-findings-table tr.finding').length")
        page.select_option('[data-filter="severity"]', worst)
        shown = page.evaluate("""() => [
                ...document.querySelectorAll('#r-findings-table tr.finding')]
            .filter(tr => getComputedStyle(tr).display !== 'none')
            .map(tr => tr.getAttribute('data-severity'))""")
        assert 0 < count < total and shown == [worst] * count
    finally:
        page.close()
    # On a wider screen it is the table it was.
    wide = browser.new_page(viewport={"width": 1280, "height": 800})
    try:
        wide.goto(Path(path).resolve().as_uri())
        assert (
            wide.evaluate(
                "getComputedStyle(document.querySelector('#r-findings-table tr.finding')).display"
            )
            == "table-row"
        )
        assert (
            wide.evaluate(
                "getComputedStyle(document.querySelector('#r-findings-table thead')).position"
            )
            == "static"
        )
    finally:
        wide.close()
