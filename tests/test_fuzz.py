"""Fuzzing the loader and the checks: anything in, only typed errors out.

The CI run is short (the ``ci`` hypothesis profile). For a long run:

    HYPOTHESIS_PROFILE=long .venv/bin/python -m pytest tests/test_fuzz.py
"""

from __future__ import annotations

import json

import jsonschema
from hypothesis import example, given, settings
from hypothesis import strategies as st

import outcome_graph as og
from outcome_graph.errors import PlanError
from outcome_graph.loading.loader import load_bytes, load_text
from outcome_graph.schema import findings_schema

from .conftest import patterns_read, work_of
from .strategies import plan_text, plans


@given(st.binary(max_size=2000))
def test_raw_bytes_give_a_plan_or_a_plan_error(data):
    try:
        plan = load_bytes(data, file="fuzz.yaml")
    except PlanError as err:
        assert err.problems and str(err).startswith("fuzz.yaml")
    else:
        og.check(plan)


@st.composite
def broken_plan_texts(draw):
    """A valid generated plan, slightly broken: characters deleted, inserted or swapped, lines
    moved."""
    text = plan_text(draw(plans(max_priorities=2)))
    for _ in range(draw(st.integers(1, 4))):
        if not text:
            break
        i = draw(st.integers(0, len(text) - 1))
        op = draw(st.sampled_from(["delete", "insert", "dup-line", "drop-line", "swap"]))
        if op == "delete":
            text = text[:i] + text[i + 1 :]
        elif op == "insert":
            text = (
                text[:i]
                + draw(st.sampled_from(list(":-[]{}'\"\t\n #&*!|>%@`,") + ["\x00", "é", "  "]))
                + text[i:]
            )
        else:
            lines = text.splitlines(keepends=True)
            j = draw(st.integers(0, len(lines) - 1))
            if op == "dup-line":
                lines.insert(j, lines[j])
            elif op == "drop-line":
                del lines[j]
            else:
                k = draw(st.integers(0, len(lines) - 1))
                lines[j], lines[k] = lines[k], lines[j]
            text = "".join(lines)
    return text


@given(broken_plan_texts())
def test_slightly_broken_plans_load_or_fail_cleanly(text):
    try:
        plan = load_text(text, file="broken.yaml")
    except PlanError as err:
        assert all(p.file == "broken.yaml" for p in err.problems if p.file)
        return
    report = og.check(plan)
    og.build_graph(plan)
    # The findings document is valid, holds the findings and counts them.
    doc = json.loads(report.to_json())
    jsonschema.validate(doc, findings_schema())
    assert doc["plan"]["id"] == plan.id
    assert [(f["rule"], f["node"], f["severity"], f["message"]) for f in doc["findings"]] == [
        (f.rule, f.node, f.severity, f.message) for f in report.findings
    ]
    assert doc["summary"] == {
        **{
            s: sum(f["severity"] == s for f in doc["findings"])
            for s in ("error", "warning", "info")
        },
        "suppressed": len(report.suppressed),
    }


@given(plans())
def test_json_round_trip_gives_an_equal_plan(doc):
    plan = og.load(plan_text(doc))
    data = plan.document.model_dump(mode="json", by_alias=True, exclude_none=True)
    again = og.load(json.dumps(data))
    assert again.document == plan.document
    # locations differ between the YAML and the JSON text; the findings themselves do not
    strip = lambda r: [(f.rule, f.node, f.message) for f in r.findings]  # noqa: E731
    assert sorted(strip(og.check(again))) == sorted(strip(og.check(plan)))


# ---------------------------------------------------------------------------------------------
# The newest input paths: timescales, workbook cells and CSV files as hostile input gives them
# ---------------------------------------------------------------------------------------------
# (dashes, digits and spaces of other scripts, separators, and the words the reader looks for)
ODD_TIMESCALE_PARTS = [
    "June",
    "Sept",
    "11",
    "2011",
    "2011/12",
    "Q3",
    "end",
    "by",
    "from",
    "to",
    "and",
    "onwards",
    "Autumn",
    "term",
    "31/07/2011",
    "TBA",
    "See",
    "Plan",
    "\u2013",
    "\u2014",
    "\u2212",
    "\u2010",
    "\uff0d",
    "\ufe63",
    "\u0662\u0660\u0661\u0661",
    "\uff12\uff10\uff11\uff11",
    "\U0001d7da",
    "\u00b2",
    "\u00a0",
    "\u200b",
    "\u3000",
    "\ufeff",
    "\u202e",
    "/",
    "-",
    ",",
    ";",
    "(",
    ")",
    ".",
    "<b>",
    "\n",
    "\x00",
    "9999",
    "0000",
    "Phase",
    "w/c",
    "1st",
]


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.sampled_from(ODD_TIMESCALE_PARTS), max_size=20),
    st.sampled_from(["", " ", "-", "\u2013"]),
    st.integers(1, 200),
    st.booleans(),
)
def test_a_timescale_of_odd_text_is_read_cut_with_bounded_work_into_ordered_intervals(
    parts, joiner, repeat, with_period
):
    from datetime import date

    from outcome_graph.analysis import timescale

    text = joiner.join(parts) * repeat  # (up to many thousand characters of separators and dates)
    period = timescale.Interval(date(2011, 4, 1), date(2012, 3, 31)) if with_period else None
    with patterns_read(
        timescale
    ) as read:  # (the reader itself: parse_timescale hides what it raises)
        timing, work = work_of(timescale._read, text, period)
    # What keeps it quick, counted rather than timed (the time is the benchmark's): no pattern
    # but the quick path's, anchored at the start, reads past the first 1000 characters, and the
    # lines run are a bounded number for each character read (some sixty at most so far).
    assert all(chars <= 1000 for name, chars in read if name != "_FAST_RE"), len(text)
    assert [name for name, _ in read].count("_FAST_RE") <= 1
    assert work.lines <= 100 * (min(len(text), 1000) + 10), (len(text), work)
    assert timing.interpretation and timing.kind in (
        "dated",
        "ongoing",
        "external",
        "undated",
        "as_above",
    )
    assert all(iv.start <= iv.end for iv in timing.intervals)
    assert timescale.parse_timescale(text, period) == timing


def _cell_values():
    """Every kind of value openpyxl reads from a cell, and text that looks like one."""
    from datetime import date, datetime, timedelta

    return st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(10**20), 10**20),
        st.floats(allow_nan=False, allow_infinity=False)
        | st.sampled_from([1e30, -1e300, 1.3000000000000003, 0.296]),
        st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(9999, 12, 31)),
        st.dates(min_value=date(1900, 3, 1)),
        st.times(),
        st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=999)),
        st.sampled_from(
            [
                "June 11",
                "#N/A",
                "#VALUE!",
                "=1+1",
                "=A1/0",
                "TBC",
                "P1",
                "done",
                "1.10",
                "11-Jun",
                "x" * 5000,
                "_x000D_",
                "\u200b",
                "  ",
                "Key milestones",
                "Total",
                "NI 72; NI 73",
            ]
        ),
        st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=30),
    )  # (a cell holds no control character)


CELL_FORMATS = [
    "General",
    "0.00",
    "0%",
    "0.0#",
    "000",
    "d-mmm",
    "dd/mm/yyyy",
    "mmm-yy",
    "[h]:mm",
    "@",
    "0.00E+00",
    ";;;",
    '"No. "0',
    "#,##0.0#",
    "0.0;[Red]-0.0",
]


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_any_cell_of_a_workbook_gives_a_plan_or_problems_naming_file_sheet_and_cell(data):
    import tempfile
    from pathlib import Path

    import openpyxl

    from outcome_graph.loading.loader import load_path

    flat = data.draw(st.booleans(), label="flat")
    wb = openpyxl.Workbook()
    ws = wb.active
    if flat:
        ws.title = "Plan"
        rows = [
            ["Priority", "Objective", "Key milestones", "Lead", "By when", "Status", "Indicators"],
            ["Safe", "Fewer accidents", "Audit", "Road team", "June 11", "done", "NI 72"],
            [None, None, "Publish", "Road team", "Sept 11", None, None],
        ]
    else:
        ws.title = "plan"
        for row in (
            ["format", "id", "period.start", "period.end"],
            ["outcome-graph/v1", "p", "2011-04-01", "2012-03-31"],
        ):
            ws.append(row)
        ws = wb.create_sheet("milestones")
        rows = [
            ["id", "parent", "number", "title", "timescale", "due", "lead", "status"],
            ["M1", None, "1", "Audit", "June 11", "2011-06", "Road team", "done"],
            ["M2", None, "2", "Review", "Sept 11", None, "Road team", None],
        ]
    for row in rows:
        ws.append(row)
    for _ in range(data.draw(st.integers(1, 4), label="cells")):
        cell = ws.cell(
            row=data.draw(st.integers(2, 4)), column=data.draw(st.integers(1, len(rows[0])))
        )
        value = data.draw(_cell_values(), label="value")
        cell.value = value
        if isinstance(value, str) and not value.startswith("="):
            cell.data_type = "e" if value.startswith("#") and data.draw(st.booleans()) else "s"
        cell.number_format = data.draw(st.sampled_from(CELL_FORMATS), label="format")
    if data.draw(st.booleans(), label="merge"):
        ws.merge_cells(
            start_row=2, start_column=1, end_row=data.draw(st.integers(2, 4)), end_column=2
        )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.xlsx"
        wb.save(path)
        content, stamp = path.read_bytes(), path.stat().st_mtime_ns
        try:
            plan = load_path(path, period="2011-04-01..2012-03-31" if flat else None)
        except PlanError as err:
            assert err.problems
            for problem in err.problems:
                assert problem.file == str(path), problem
                if problem.cell is not None:
                    assert problem.sheet in ("Plan", "plan", "milestones"), problem
        else:
            og.check(plan).to_json()
        assert (path.read_bytes(), path.stat().st_mtime_ns) == (
            content,
            stamp,
        )  # (an input is never modified)


# (what a CSV file's bytes can start with, be encoded in, be separated and quoted by)
CSV_MARKS = [
    b"",
    b"\xef\xbb\xbf",
    b"\xef\xbb\xbf\xef\xbb\xbf",
    b"\xff\xfe",
    b"\xfe\xff",
    b"\x00\x00\xfe\xff",
]
CSV_CELLS = [
    "Key milestones",
    "Objective",
    "Lead",
    "By when",
    "Audit",
    "June 11",
    "Road team",
    "Caf\u00e9",
    "\u2013",
    '"',
    '""',
    '"quoted, cell"',
    "'",
    "=1+1",
    "#N/A",
    "\u200b",
    "\x00",
    "\r",
    "\n",
    "\u2028",
    "",
    "Total",
    "Key milestones",
]


@settings(max_examples=80, deadline=None)
@given(
    st.sampled_from(CSV_MARKS),
    st.sampled_from(["utf-8", "cp1252", "utf-16-le", "latin-1"]),
    st.sampled_from([",", ";", "\t", "|"]),
    st.sampled_from(["\n", "\r\n", "\r"]),
    st.lists(st.lists(st.sampled_from(CSV_CELLS), min_size=1, max_size=5), min_size=1, max_size=6),
)
# (two UTF-8 marks before text that is not UTF-8: the
# second was read as 'ï»¿' before the first header)
@example(b"\xef\xbb\xbf\xef\xbb\xbf", "cp1252", ",", "\n", [["Key milestones", "Café"]])
def test_any_csv_file_gives_a_plan_or_problems_naming_the_file(
    mark, encoding, delimiter, newline, rows
):
    from outcome_graph.loading.spreadsheet import load_spreadsheet_bytes

    text = newline.join(delimiter.join(row) for row in rows) + newline

    def read(content: bytes) -> list[tuple[str, str, str | None, str | None]] | list[str]:
        try:
            plan = load_spreadsheet_bytes(
                content, name="fuzz.csv", csv=True, max_bytes=10**6, period="2011-04-01..2012-03-31"
            )
        except PlanError as err:
            assert err.problems and all(p.file == "fuzz.csv" for p in err.problems), err.problems
            return [p.message for p in err.problems]
        og.check(plan).to_json()
        return [
            (n.id, n.title, getattr(n, "lead", None), getattr(n, "timescale", None))
            for n in plan.nodes.values()
        ]

    content = text.encode(encoding, errors="replace")
    got = read(mark + content)
    if mark.startswith(b"\xef\xbb\xbf") and encoding in ("utf-8", "cp1252"):
        assert got == read(
            content
        )  # (a UTF-8 mark, even before text that is not UTF-8, is no part of the file)
