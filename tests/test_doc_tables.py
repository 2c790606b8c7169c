"""The example tables of the reference pages are checked against the code, so the pages cannot
drift from what outcome_graph does.

docs/timescales.md: every table headed ``| written | read as | note |`` gives timescales (each
`` `...` `` of the "written" cell) and how they are read, in the words the page uses ("June 2011",
"September–November 2008", "by the end of March 2012", "January–April 2012, by its end", "two
dates: October 2011 and April 2012", "undated", "ongoing: the plan period", "deferred to “14-19
Plan”", "the timing of the milestone above"). Each is read with ``parse_timescale`` in the plan
period the page says its examples assume, or the one the note names ("in a plan for the academic
year 2011/12", "with no plan period"); a note ``the reading says “...”`` is checked against the
reading shown in messages.

docs/leads.md: the same tables give leads and the owners they name (each `` `...` `` of the "read
as" cell, or "no owner"); the note names the owners the plan declares ("with `YOS` declared") and
other leads the plan writes ("the plan also has `...`"). Each lead is loaded in a small plan and its
milestone's owners compared. A ``↵`` in a lead is a line break (a cell written one owner a line).
"""

from __future__ import annotations

import calendar
import json
import re
from datetime import date
from pathlib import Path

import pytest

import outcome_graph as og
from outcome_graph.analysis.timescale import Interval, Timing, parse_timescale
from outcome_graph.graph.facts import PlanFacts

ROOT = Path(__file__).resolve().parent.parent
HEADER = re.compile(r"^\|\s*written\s*\|\s*read as\s*\|\s*note\s*\|\s*$", re.IGNORECASE)
CODE = re.compile(r"`([^`]+)`")
QUOTED = re.compile(r"the reading says “([^”]+)”")
MONTHS = {name: i for i, name in enumerate(calendar.month_name) if name}
MONTH = "(?:" + "|".join(MONTHS) + ")"


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def table_rows(page: Path) -> list[tuple[int, str, str, str]]:
    """(line number, written, read as, note) of every row of the page's example tables."""
    rows: list[tuple[int, str, str, str]] = []
    lines = page.read_text(encoding="utf-8").splitlines()
    in_table = False
    for number, line in enumerate(lines, 1):
        if HEADER.match(line):
            in_table = True
            continue
        if in_table and re.match(r"^\|\s*-", line):
            continue
        if in_table and line.startswith("|"):
            cells = _cells(line)
            assert len(cells) == 3, f"{page.name}:{number}: a row of three cells, not {cells}"
            rows.append((number, *cells))
            continue
        in_table = False
    return rows


# --- The words the timescale page reads with ------------------------------------------------


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _point(text: str) -> tuple[int | None, int | None, int | None]:
    """'15 May 2012' -> (2012, 5, 15); 'May 2012' -> (2012, 5, None); '2012' -> (2012, None, None);
    without a year ('May', '15') the missing parts are None."""
    m = re.fullmatch(rf"(\d{{1,2}}(?!\d))?\s*({MONTH})?\s*(\d{{4}})?", text.strip())
    assert m and any(m.groups()), f"no date in {text!r}"
    day, month, year = m.groups()
    return (
        int(year) if year else None,
        MONTHS[month] if month else None,
        int(day) if day else None,
    )


def _bounds(point: tuple[int | None, int | None, int | None]) -> Interval:
    year, month, day = point
    assert year is not None
    if month is None:
        return Interval(date(year, 1, 1), date(year, 12, 31))
    if day is None:
        return Interval(date(year, month, 1), _month_end(year, month))
    return Interval(date(year, month, day), date(year, month, day))


def _span(text: str) -> Interval:
    """One interval in words: a day, a month, a year, a financial or academic year, or a range of
    these ('September–November 2008', '5–11 September 2011', 'December 2012 to February 2013')."""
    text = text.strip()
    if m := re.fullmatch(r"the (financial|academic) year (\d{4})-(\d{2})", text):
        first = int(m[2])
        assert (first + 1) % 100 == int(m[3]), text
        if m[1] == "financial":
            return Interval(date(first, 4, 1), date(first + 1, 3, 31))
        return Interval(date(first, 9, 1), date(first + 1, 8, 31))
    for joint in (" to ", "–"):
        if joint in text:
            a, b = text.split(joint, 1)
            end = _point(b)
            start = _point(a)
            # (the first part takes what it leaves out from the second: 'September–November 2008')
            start = (start[0] or end[0], start[1] or (end[1] if start[2] else None), start[2])
            return Interval(_bounds(start).start, _bounds(end).end)
    return _bounds(_point(text))


def _period(phrase: str) -> Interval | None:
    """The plan period a page's words name: 'the financial year 2011-12', 'the academic year
    2011/12', 'the calendar year 2012', 'April 2009 to March 2013'."""
    if m := re.fullmatch(r"the (financial|academic) year (\d{4})[-/](\d{2})", phrase):
        return _span(f"the {m[1]} year {m[2]}-{m[3]}")
    if m := re.fullmatch(r"the calendar year (\d{4})", phrase):
        return _span(m[1])
    if re.fullmatch(rf"{MONTH} \d{{4}} to {MONTH} \d{{4}}", phrase):
        return _span(phrase)
    raise AssertionError(f"the page names a plan period the test cannot read: {phrase!r}")


def _plan_period_of(page: str, note: str) -> Interval | None:
    if "with no plan period" in note:
        return None
    m = re.search(
        r"in a plan for (the (?:financial|academic|calendar) year [\d/-]+|\w+ \d{4} to \w+ \d{4})",
        note,
    )
    if m:
        return _period(m[1])
    m = re.search(
        r"The examples assume a plan for (the (?:financial|academic|calendar) year [\d/-]+)", page
    )
    assert m, "the page does not say which plan period its examples assume"
    return _period(m[1])


def check_reading(timing: Timing, read_as: str, period: Interval | None) -> None:
    """Whether a reading is the one a page's "read as" cell gives in words."""
    said = timing.interpretation
    read_as = read_as.strip()
    if read_as.startswith("undated"):
        assert timing.kind == "undated", said
        return
    if read_as == "the timing of the milestone above":
        assert timing.kind == "as_above", said
        return
    if m := re.fullmatch(r"deferred to “([^”]+)”", read_as):
        assert (timing.kind, timing.reference) == ("external", m[1]), said
        return
    if read_as == "ongoing: the plan period":
        assert timing.kind == "ongoing" and timing.intervals == ((period,) if period else ()), said
        return
    if m := re.fullmatch(r"ongoing from (.+) to the end of the plan period", read_as):
        assert period is not None
        assert timing.kind == "ongoing", said
        assert timing.intervals == (Interval(_span(m[1]).start, period.end),), said
        return
    deadline = False
    if m := re.fullmatch(r"(.+), by its end", read_as):
        read_as, deadline = m[1], True
    elif m := re.fullmatch(r"by (?:the end of )?(.+)", read_as):
        read_as, deadline = m[1], True
    if m := re.fullmatch(r"(?:two|three|four) dates: (.+)", read_as):
        expected = tuple(_span(part) for part in re.split(r", | and ", m[1]))
    else:
        expected = (_span(read_as),)
    assert timing.kind == "dated", said
    assert timing.intervals == expected, f"{said}: {[str(i) for i in timing.intervals]}"
    assert (" read as by " in said) == deadline, f"{said}: {'not ' if deadline else ''}a deadline"


def test_the_words_of_the_tables_are_read():
    fy = Interval(date(2011, 4, 1), date(2012, 3, 31))
    assert _span("September–November 2008") == Interval(date(2008, 9, 1), date(2008, 11, 30))
    assert _span("5–11 September 2011") == Interval(date(2011, 9, 5), date(2011, 9, 11))
    assert _span("December 2012 to February 2013") == Interval(date(2012, 12, 1), date(2013, 2, 28))
    assert _span("June 2011 to 2015") == Interval(date(2011, 6, 1), date(2015, 12, 31))
    assert _span("the financial year 2011-12") == fy
    assert _period("the academic year 2011/12") == Interval(date(2011, 9, 1), date(2012, 8, 31))
    check_reading(parse_timescale("By March 2012"), "by the end of March 2012", fy)
    with pytest.raises(AssertionError):  # (the words are checked, not just any date)
        check_reading(parse_timescale("By March 2012"), "March 2012", fy)
    with pytest.raises(AssertionError):
        check_reading(parse_timescale("June 11"), "July 2011", fy)


TIMESCALES = ROOT / "docs" / "timescales.md"
TIMESCALE_ROWS = table_rows(TIMESCALES)
TIMESCALE_CASES = [
    (line, w, read_as, note)
    for line, written, read_as, note in TIMESCALE_ROWS
    for w in CODE.findall(written)
]


def test_the_timescale_page_has_its_tables():
    assert len(TIMESCALE_ROWS) >= 100
    assert all(CODE.search(written) for _, written, _, _ in TIMESCALE_ROWS)


@pytest.mark.parametrize(
    ("line", "written", "read_as", "note"),
    TIMESCALE_CASES,
    ids=[f"{c[0]}:{c[1]}" for c in TIMESCALE_CASES],
)
def test_a_documented_timescale_reads_as_the_page_says(
    line: int, written: str, read_as: str, note: str
):
    page = TIMESCALES.read_text(encoding="utf-8")
    period = _plan_period_of(page, note)
    timing = parse_timescale(written, period)
    check_reading(timing, read_as, period)
    for words in QUOTED.findall(note):
        assert words in timing.interpretation, timing.interpretation


# --- Leads ------------------------------------------------------------------------------------


def lead_owners(lead: str, declared: list[str], others: list[str]) -> list[str]:
    """The owners a milestone led by ``lead`` has, in a plan declaring ``declared`` (by name) whose
    other milestones are led by ``others``; declared owners are given by their names."""
    owners = [{"id": f"OWNER{i}", "name": name} for i, name in enumerate(declared)]
    milestones = [
        {"id": f"M{i}", "title": f"Milestone {i}", "timescale": "June 11", "lead": text}
        for i, text in enumerate([lead, *others])
    ]
    plan = {
        "format": "outcome-graph/v1",
        "plan": {
            "id": "leads",
            "title": "Leads",
            "period": {"start": "2011-04-01", "end": "2012-03-31"},
        },
        "owners": owners,
        "milestones": milestones,
    }
    facts = PlanFacts(og.load(json.dumps(plan)))
    names = {o["id"]: o["name"] for o in owners}
    return [names.get(owner, owner) for owner in facts.lead_owners.get("M0", ())]


def test_a_lead_is_loaded_in_a_plan_with_its_owners():
    assert lead_owners("SILS and Bob Smith", ["SILS"], []) == ["SILS", "Bob Smith"]
    assert lead_owners("SILS and Bob Smith", [], []) == ["SILS and Bob Smith"]


LEADS = ROOT / "docs" / "leads.md"
LEAD_ROWS = table_rows(LEADS)


def test_the_leads_page_has_its_tables():
    assert len(LEAD_ROWS) >= 30


@pytest.mark.parametrize(
    ("line", "written", "read_as", "note"), LEAD_ROWS, ids=[f"{r[0]}" for r in LEAD_ROWS]
)
def test_a_documented_lead_names_the_owners_the_page_says(
    line: int, written: str, read_as: str, note: str
):
    leads = [w.replace("↵", "\n") for w in CODE.findall(written)]
    assert leads, written
    declared = [
        name
        for group in re.findall(r"with ((?:`[^`]+`(?:,| and| or)? ?)+) declared", note)
        for name in CODE.findall(group)
    ]
    others = [
        text
        for group in re.findall(r"the plan also has ((?:`[^`]+`(?:,| and)? ?)+)", note)
        for text in CODE.findall(group)
    ]
    expected = (
        []
        if read_as.startswith("no owner")
        else [w.replace("↵", "\n") for w in CODE.findall(read_as)]
    )
    for lead in leads:
        assert lead_owners(lead, declared, others) == expected, lead
