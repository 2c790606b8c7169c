"""Tests for reading milestone timescales, ``due`` values and value periods.

Quoted cases come from the "Timescale" column of Thurrock's Children and Young People's Plan
2011-12 (plan period April 2011 to March 2012) and the "By when" column of Southend's 2008-09
update (April 2008 to March 2009).
"""

from __future__ import annotations

import doctest
import importlib
import random
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from outcome_graph.analysis import timescale
from outcome_graph.analysis.timescale import (
    Interval,
    Timing,
    month_interval,
    parse_due,
    parse_timescale,
    parse_value_period,
)

from .conftest import patterns_read, work_of

THURROCK = Interval(date(2011, 4, 1), date(2012, 3, 31))
SOUTHEND = Interval(date(2008, 4, 1), date(2009, 3, 31))
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
ABBREVIATIONS = [
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
]


def spans(t: Timing) -> list[str]:
    return [str(i) for i in t.intervals]


# ---------------------------------------------------------------------------------------------
# Real plans
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "period", "expected", "says"),
    [
        # Thurrock, Timescale column
        ("June 11", THURROCK, ["2011-06"], "'June 11' read as June 2011"),
        ("Sept 2011", THURROCK, ["2011-09"], "September 2011"),
        ("May 2011", THURROCK, ["2011-05"], "May 2011"),
        ("End September 2012", THURROCK, ["2012-09"], "by the end of September 2012"),
        ("End Feb 2011", THURROCK, ["2011-02"], "by the end of February 2011"),
        ("End April 2011", THURROCK, ["2011-04"], "by the end of April 2011"),
        (
            "Beginning April 2011",
            THURROCK,
            ["2011-04-01..2011-04-10"],
            "the beginning of April 2011 (1 to 10 April 2011)",
        ),
        (
            "Sourcing of interventions April – July 11",
            THURROCK,
            ["2011-04..2011-07"],
            "'Sourcing of interventions': 'April – July 11' read as April 2011 to July 2011",
        ),
        ("Delivery Sept 11– April 12", THURROCK, ["2011-09..2012-04"], "'Delivery': "),
        (
            "Training/briefing for LA officers, schools settings and partners from "
            "April \u2013 July 11",
            THURROCK,
            ["2011-04..2011-07"],
            "April 2011 to July 2011",
        ),
        (
            "Programme of support for underachieving groups disseminated to schools and settings "
            "by June 11",
            THURROCK,
            ["2011-06"],
            "by the end of June 2011",
        ),
        (
            "June 11 – high quality data re underperforming groups is available to all schools",
            THURROCK,
            ["2011-06"],
            "'June 11' read as June 2011",
        ),
        (
            "Programme of family support available across Thurrock, targeted at disadvantaged or "
            "underrepresented groups by April 2011",
            THURROCK,
            ["2011-04"],
            "by the end of April 2011",
        ),
        (
            "Additional 30 apprenticeships in place by December 11 (no tbc)",
            THURROCK,
            ["2011-12"],
            "by the end of December 2011",
        ),
        (
            "Programme of support offered to schools by May 11 (tbc)",
            THURROCK,
            ["2011-05"],
            "marked 'tbc'",
        ),
        ("Audit completed by May 2011", THURROCK, ["2011-05"], "'Audit completed': 'by May 2011'"),
        ("April 11 May 11", THURROCK, ["2011-04", "2011-05"], "2 dates"),
        ("June 11 July 11", THURROCK, ["2011-06", "2011-07"], "2 dates"),
        ("Sept 2011 March 2012", THURROCK, ["2011-09", "2012-03"], "September 2011; March 2012"),
        ("October 2011 April 2012", THURROCK, ["2011-10", "2012-04"], "October 2011; April 2012"),
        ("May 2012 November 2012", THURROCK, ["2012-05", "2012-11"], "2 dates"),
        ("April 2011 March 2012 Sept 2011", THURROCK, ["2011-04", "2012-03", "2011-09"], "3 dates"),
        (
            "April 2011 May 2011 June 2011 December 2011",
            THURROCK,
            ["2011-04", "2011-05", "2011-06", "2011-12"],
            "4 dates",
        ),
        (
            "Develop July 2011, Implement Sept 2011. Develop May 2011, Implement Sept 2011. "
            "June 2011.",
            THURROCK,
            ["2011-07", "2011-09", "2011-05", "2011-06"],
            "Develop: July 2011; Implement: September 2011",
        ),
        (
            "May 2011 – publication of plan Update progress six monthly at CYP partnership "
            "May 11 and January 12",
            THURROCK,
            ["2011-05", "2012-01"],
            "also says 'six monthly'",
        ),
        (
            "Targeted schools and families identified in July 11 Ongoing casework",
            THURROCK,
            ["2011-07"],
            "also says 'Ongoing'",
        ),
        (
            "Schools for 2011/2012 identified in June 2011 2011/2012 programme starts in "
            "September 2011",
            THURROCK,
            ["2011-06", "2011-09"],
            "Schools for 2011/2012 identified: June 2011",
        ),
        (
            "Analysis of application and entries to FE and HE for 2010/2011 completed by "
            "November 11 (tbc)",
            THURROCK,
            ["2011-11"],
            "by the end of November 2011",
        ),
        # Southend, By when column
        ("October 2008", SOUTHEND, ["2008-10"], "October 2008"),
        ("Autumn 2008", SOUTHEND, ["2008-09..2008-11"], "autumn 2008 (September to November 2008)"),
        ("Spring 2009", SOUTHEND, ["2009-03..2009-05"], "spring 2009 (March to May 2009)"),
        ("Summer 2008", SOUTHEND, ["2008-06..2008-08"], "summer 2008 (June to August 2008)"),
        ("Sept 2008", SOUTHEND, ["2008-09"], "September 2008"),
        ("April 2009 July 2008 July 2008", SOUTHEND, ["2009-04", "2008-07"], "2 dates"),
        (
            "September 2008 April 2008 September 2008 December 2008",
            SOUTHEND,
            ["2008-09", "2008-04", "2008-12"],
            "3 dates",
        ),
        ("September 2008 September 2008 September 2008", SOUTHEND, ["2008-09"], "written 3 times"),
        (
            "October 2008 (3 year programme outputs monitored October annually)",
            SOUTHEND,
            ["2008-10"],
            "'October 2008' read as October 2008",
        ),
        ("<p>March 2009</p>", SOUTHEND, ["2009-03"], "'March 2009' read as March 2009"),
    ],
)
def test_real_plan_dates(text: str, period: Interval, expected: list[str], says: str) -> None:
    t = parse_timescale(text, period)
    assert t.kind == "dated"
    assert spans(t) == expected
    assert says in t.interpretation
    assert t.text == text
    assert not t.year_only


@pytest.mark.parametrize(
    ("text", "kind", "says", "reference"),
    [
        (
            "See 14-19 Plan",
            "external",
            "'See 14-19 Plan': timing deferred to the 14-19 Plan",
            "14-19 Plan",
        ),
        (
            "Timescales and activities In line with the 14-19 Plan",
            "external",
            "deferred",
            "14-19 Plan",
        ),
        ("As in Play Strategy", "external", "deferred to the Play Strategy", "Play Strategy"),
        ("TBA", "undated", "'TBA': no date given", None),
        ("TBC", "undated", "'TBC': no date given", None),
        ("", "undated", "no timescale given", None),
        (
            "Timescales will depend on new legislation and guidance – to be added",
            "undated",
            "no date given ('to be added')",
            None,
        ),
        (
            "Progress to be reported six monthly at CYP partnership",
            "ongoing",
            "ongoing, taken as the plan period",
            None,
        ),
        (
            "To be reported on three monthly in April, July, October and January to the CYP "
            "Partnership "
            "and LA monitoring",
            "ongoing",
            "ongoing",
            None,
        ),
        ("As above", "as_above", "same timing as the milestone above", None),
    ],
)
def test_real_plan_other_kinds(text: str, kind: str, says: str, reference: str | None) -> None:
    t = parse_timescale(text, THURROCK)
    assert t.kind == kind
    assert says in t.interpretation
    assert t.reference == reference
    if kind == "ongoing":
        assert t.intervals == (THURROCK,)
    elif kind != "dated":
        assert t.intervals == ()


def test_every_seed_timescale_reads_without_guessing() -> None:
    """The Thurrock 'Timescale' column as a whole: only the deliberate cases stay undated."""
    cells = [
        "April 2011",
        "May 2011",
        "June 2011",
        "September 2011",
        "October 2011",
        "December 2011",
        "Sept 2011",
        "July 2011",
        "June 11",
        "May 2011 December 2011",
        "End May 2011",
        "Cabinet approve revised children's centres strategy",  # no date at all
    ]
    kinds = [parse_timescale(c, THURROCK).kind for c in cells]
    assert kinds == ["dated"] * 11 + ["undated"]


# ---------------------------------------------------------------------------------------------
# Forms
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("June 11", ["2011-06"]),
        ("Sept 2011", ["2011-09"]),
        ("Sep 11", ["2011-09"]),
        ("Sept. 2011", ["2011-09"]),
        ("September 2011", ["2011-09"]),
        ("june '11", ["2011-06"]),
        ("SEPTEMBER 2011", ["2011-09"]),
        ("Febuary 2012", ["2012-02"]),
        # typing slips a reader passes over: a month misspelt next to a number, an O for a zero
        # (the month was read as the whole year, the year dropped for a month in the plan period)
        ("Septmber 2011", ["2011-09"]),
        ("Ocotber 2011", ["2011-10"]),
        ("Mrach 2012", ["2012-03"]),
        ("Februrary 2012", ["2012-02"]),
        ("Apirl 2011 - Janurary 2012", ["2011-04..2012-01"]),
        (
            "Sept 11 - Mrach 12",
            ["2011-09..2012-03"],
        ),  # (a range's second part, with a year of two digits)
        ("June 2011 – Septmber 2011", ["2011-06..2011-09"]),
        ("by 30 Novemeber 2011", ["2011-11-30"]),
        ("June 2o12", ["2012-06"]),
        ("April 2O12", ["2012-04"]),
        ("Marked 2011", ["2011"]),  # (no month: a word of its own)
        ("end of March 2012", ["2012-03"]),
        ("By December 11", ["2011-12"]),
        ("by end of June 2011", ["2011-06"]),
        ("by the end of June 2011", ["2011-06"]),
        ("mid-May 2011", ["2011-05-11..2011-05-20"]),
        ("April-July 2011", ["2011-04..2011-07"]),
        ("Apr-Jun 2011", ["2011-04..2011-06"]),
        ("Sept 2011 - March 2012", ["2011-09..2012-03"]),
        ("Sept 2011 — March 2012", ["2011-09..2012-03"]),
        ("From April 2011 to March 2012", ["2011-04..2012-03"]),
        ("between April and July 2011", ["2011-04..2011-07"]),
        ("April/May 2011", ["2011-04..2011-05"]),
        ("Nov – Feb 12", ["2011-11..2012-02"]),
        ("Dec 2011 - Feb", ["2011-12..2012-02"]),
        ("Autumn 2011 – Spring 2012", ["2011-09..2012-05"]),
        ("Autumn – Spring 2012", ["2011-09..2012-05"]),
        # (a first part starting with the second keeps its year: it does not start after it)
        ("Sept - Sept 2011", ["2011-09"]),
        ("Summer term - April 2012", ["2012-04"]),
        # (a second part that starts before the first but ends after it starts is the range's end,
        # as in a `due` range {from: 2012-03, to: 2012})
        ("March 2012 - 2012", ["2012-03..2012-12"]),
        ("July 2011 - Summer 2011", ["2011-07..2011-08"]),
        ("June 2011 - 2011/12", ["2011-06..2012-03"]),
        ("Initial phase: June 2011", ["2011-06"]),
        ("Sept 2011 and March 2012", ["2011-09", "2012-03"]),
        ("June 2011, Dec 2011", ["2011-06", "2011-12"]),
        ("Winter 2008", ["2008-12..2009-02"]),
        ("Winter 2008/09", ["2008-12..2009-02"]),
        ("Autumn term 2011", ["2011-09..2011-12"]),
        ("Spring term 2012", ["2012-01..2012-04"]),
        ("Summer term 2012", ["2012-04..2012-07"]),
        ("Spring term 2011/12", ["2012-01..2012-04"]),
        ("Autumn term 2011/12", ["2011-09..2011-12"]),
        ("Q3 2011-12", ["2011-10..2011-12"]),
        ("Q4 2011/12", ["2012-01..2012-03"]),
        ("2011-12 Q1", ["2011-04..2011-06"]),
        ("Q1 2012", ["2012-01..2012-03"]),
        ("2011-07-31", ["2011-07-31"]),
        ("2011-07", ["2011-07"]),
        ("31/07/2011", ["2011-07-31"]),
        ("31.07.11", ["2011-07-31"]),
        ("01.04.11", ["2011-04-01"]),
        ("31 March 2012", ["2012-03-31"]),
        ("1st April 2011", ["2011-04-01"]),
        ("By 31 March 2012", ["2012-03-31"]),
        ("July 31, 2011", ["2011-07-31"]),
        ("1 - 15 April 2011", ["2011-04-01..2011-04-15"]),
        ("w/c 5 September 2011", ["2011-09-05..2011-09-11"]),
        ("Report to Cabinet in March 2012", ["2012-03"]),
        ("Report by 30/06/2011 and 31/12/2011", ["2011-06-30", "2011-12-31"]),
        ("Phase 1 June 2011; phase 2 2012-13", ["2011-06", "2012-04..2013-03"]),
        ("Stage 2 May 2012", ["2012-05"]),
    ],
)
def test_forms(text: str, expected: list[str]) -> None:
    t = parse_timescale(text)
    assert (t.kind, spans(t)) == ("dated", expected), t.interpretation


@pytest.mark.parametrize(
    ("text", "expected", "says"),
    [
        ("2012", ["2012"], "the calendar year 2012"),
        ("by 2014", ["2014"], "by the end of the calendar year 2014"),
        ("2011-12", ["2011-04..2012-03"], "the financial year 2011-12 (April 2011 to March 2012)"),
        ("2011/12", ["2011-04..2012-03"], "financial year 2011-12"),
        ("2011/2012", ["2011-04..2012-03"], "financial year 2011-12"),
        ("2011-2012", ["2011-04..2012-03"], "financial year 2011-12"),
        ("08/09", ["2008-04..2009-03"], "financial year 2008-09"),
        ("academic year 2011/12", ["2011-09..2012-08"], "the academic year 2011-12"),
        ("2010 – 2013", ["2010..2013"], "the years 2010 to 2013"),
        ("for 2011-12", ["2011-04..2012-03"], "financial year"),
    ],
)
def test_year_level_forms_are_year_only(text: str, expected: list[str], says: str) -> None:
    t = parse_timescale(text)
    assert (t.kind, spans(t), t.year_only) == ("dated", expected, True)
    assert says in t.interpretation


def test_interpretations() -> None:
    assert (
        parse_timescale("April – July 11").interpretation
        == "'April – July 11' read as April 2011 to July 2011"
    )
    assert (
        parse_timescale("End September 2012").interpretation
        == "'End September 2012' read as by the end of September 2012"
    )
    assert parse_timescale("Q3 2011-12").interpretation == (
        "'Q3 2011-12' read as Q3 of the financial year 2011-12 (October to December 2011)"
    )
    assert (
        parse_timescale("Initial phase: June 2011").interpretation
        == "'Initial phase': 'June 2011' read as June 2011"
    )
    assert parse_timescale("Winter 2008").interpretation == (
        "'Winter 2008' read as winter 2008 (December 2008 to February 2009)"
    )


def test_many_dates_are_read_in_full_and_the_reading_names_six() -> None:
    six = "Jan 12, Feb 12, Mar 12, Apr 12, May 12, Jun 12"
    assert parse_timescale(six).interpretation.endswith("May 2012; June 2012")
    t = parse_timescale(six + ", Jul 12, Aug 12")
    assert len(t.intervals) == 8
    assert t.interpretation.endswith(
        "read as 8 dates: January 2012; February 2012; March 2012; April 2012; "
        "May 2012; June 2012 and 2 more"
    )


def test_a_month_beside_a_financial_year_is_not_year_only() -> None:
    t = parse_timescale("Phase 1 June 2011; phase 2 2012-13")
    assert (spans(t), t.year_only) == (["2011-06", "2012-04..2013-03"], False)
    assert parse_timescale("Phase 1 2011-12; phase 2 2012-13").year_only


@pytest.mark.parametrize(
    "text",
    [
        "Q3 2011/12",
        "Quarter 3 2011-12",
        "Qtr 3 2011/12",
        "Qtr. 3 of 2011/12",
        "third quarter of 2011/12",
        "3rd quarter 2011-12",
        "quarter 3 11/12",
    ],
)
def test_quarters_written_out_are_quarters_not_the_whole_year(text: str) -> None:
    t = parse_timescale(text)
    assert (t.kind, spans(t), t.year_only, t.due_month) == (
        "dated",
        ["2011-10..2011-12"],
        False,
        (2011, 12),
    )
    assert "Q3 of the financial year 2011-12 (October to December 2011)" in t.interpretation


def test_a_quarter_with_a_calendar_year_says_it_is_a_calendar_quarter() -> None:
    t = parse_timescale("Q3 2011", THURROCK)
    assert spans(t) == ["2011-07..2011-09"]
    assert (
        t.interpretation
        == "'Q3 2011' read as the calendar quarter Q3 2011 (July to September 2011)"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Q1", "2011-04..2011-06"),
        ("Q3", "2011-10..2011-12"),
        ("By Q4", "2012-01..2012-03"),
        ("Quarter 2", "2011-07..2011-09"),
        ("Q1 - Q2", "2011-04..2011-09"),
        ("fourth quarter", "2012-01..2012-03"),
    ],
)
def test_a_quarter_without_a_year_is_a_financial_year_quarter_of_a_one_year_plan(
    text: str, expected: str
) -> None:
    t = parse_timescale(text, THURROCK)
    assert (t.kind, spans(t)) == ("dated", [expected])
    assert "2011-12 (" in t.interpretation  # (the financial year it was placed in, and its months)


@pytest.mark.parametrize(
    ("text", "expected", "read"),
    [
        ("Q1 - Q2 2012", ["2012-01..2012-06"], "Q1 2012 to Q2 2012"),
        ("Q3 2011 - Q4", ["2011-07..2011-12"], "Q3 2011 to Q4 2011"),
        ("Q4 - Q1 2012", ["2011-10..2012-03"], "Q4 2011 to Q1 2012"),
        ("Q1 and Q2 2012", ["2012-01..2012-03", "2012-04..2012-06"], "2 dates: Q1 2012; Q2 2012"),
        (
            "Q3 and Q4 2011/12",
            ["2011-10..2011-12", "2012-01..2012-03"],
            "2 dates: Q3 2011-12; Q4 2011-12",
        ),
    ],
)
def test_a_quarter_without_a_year_beside_one_with_a_year_is_counted_as_that_one(
    text: str, expected: list[str], read: str
) -> None:
    # 'Q1 - Q2 2012' is January to June 2012: its Q1 was left out unsaid (a financial-year Q1, April
    # to June, cannot start a range of calendar quarters), and so was 'Q3' of 'Q3 and Q4 2011/12'
    for period in (THURROCK, Interval(date(2009, 4, 1), date(2013, 3, 31)), None):
        t = parse_timescale(text, period)
        assert (t.kind, spans(t)) == ("dated", expected)
        assert t.interpretation == f"{text!r} read as {read}"


def test_a_quarter_without_a_year_is_undated_where_its_year_is_not_evident() -> None:
    four_years = Interval(date(2009, 4, 1), date(2013, 3, 31))
    calendar = Interval(date(2011, 1, 1), date(2011, 12, 31))
    assert parse_timescale("Q3", four_years).interpretation == (
        "'Q3' gives no year, and Q3 occurs more than once in the plan period"
    )
    assert parse_timescale("Quarter 3").interpretation == (
        "'Quarter 3' gives no year, and no plan period was given to place it"
    )
    t = parse_timescale("Q3", calendar)
    assert (t.kind, t.intervals) == ("undated", ())
    assert "the plan period does not start in April" in t.interpretation
    assert spans(parse_timescale("Q2-Q3 2011/12", THURROCK)) == ["2011-07..2011-12"]
    # a date with a year wins, and 'Quarterly' is ongoing work
    assert spans(parse_timescale("Q3 board, June 2011", four_years)) == ["2011-06"]
    assert parse_timescale("Quarterly", THURROCK).kind == "ongoing"


@pytest.mark.parametrize(
    ("text", "period", "expected", "says"),
    [
        # (these lost quarters: 'Q1-4 2011/12' was the bare financial year, 'Q2 & 3' the second
        # quarter alone)
        (
            "Q1-4 2011/12",
            None,
            "2011-04..2012-03",
            "Q1 to Q4 of the financial year 2011-12 (April 2011 to March 2012)",
        ),
        (
            "Q2&3 2011-12",
            None,
            "2011-07..2011-12",
            "Q2 to Q3 of the financial year 2011-12 (July to December 2011)",
        ),
        ("Q2 & 3 11/12", None, "2011-07..2011-12", "Q2 to Q3 of the financial year 2011-12"),
        ("Q3/4 2011/12", None, "2011-10..2012-03", "Q3 to Q4 of the financial year 2011-12"),
        (
            "Q1 - 3 2012",
            None,
            "2012-01..2012-09",
            "the calendar quarters Q1 to Q3 2012 (January to September 2012)",
        ),
        ("Q1 to 2 2012", None, "2012-01..2012-06", "the calendar quarters Q1 to Q2 2012"),
        (
            "Q2 & 3",
            THURROCK,
            "2011-07..2011-12",
            "Q2 to Q3 2011-12 (July to December 2011), the only Q2 to Q3 in",
        ),
        ("Q3 and 4", THURROCK, "2011-10..2012-03", "Q3 to Q4 2011-12 (October 2011 to March 2012)"),
        ("Q1-Q2", THURROCK, "2011-04..2011-09", "Q1 2011-12 (April to June 2011) to Q2 2011-12"),
        ("Q3-4 - Q1 2012", None, "2011-07..2012-03", "Q3 to Q4 2011 to Q1 2012"),
    ],
)
def test_quarters_written_with_one_q_are_the_span_of_them(
    text: str, period: Interval | None, expected: str, says: str
) -> None:
    t = parse_timescale(text, period)
    assert (t.kind, spans(t)) == ("dated", [expected]), t.interpretation
    assert says in t.interpretation


@pytest.mark.parametrize(
    ("text", "says"),
    [
        (
            "Q1 & 3 2011/12",
            "'Q1 & 3 2011/12' names quarters apart: write each with its Q (Q1 and Q3)",
        ),
        ("Q3-1 2011/12", "'Q3-1 2011/12' does not name quarters in order"),
    ],
)
def test_quarters_written_with_one_q_apart_or_out_of_order_are_not_read(
    text: str, says: str
) -> None:
    # (not the span from Q1 to Q3, nor the whole year)
    t = parse_timescale(text, THURROCK)
    assert (t.kind, t.interpretation) == ("undated", says)


@pytest.mark.parametrize("text", ["Q3 - 4 weeks", "Q1 - 2011/12", "Q3 - 11-12"])
def test_a_number_after_a_quarter_that_is_no_quarter_is_left_alone(text: str) -> None:
    assert spans(parse_timescale(text, THURROCK))[0] in ("2011-10..2011-12", "2011-04..2011-06")


ACADEMIC_2011 = Interval(date(2011, 9, 1), date(2012, 8, 31))


@pytest.mark.parametrize(
    ("text", "period", "expected", "says"),
    [
        # (each was the whole year)
        (
            "Early 2012",
            None,
            "2012-01..2012-04",
            "'Early 2012' read as early in the calendar year 2012 (January to April 2012)",
        ),
        (
            "beginning of 2012",
            None,
            "2012-01..2012-04",
            "the beginning of the calendar year 2012 (January to April 2012)",
        ),
        (
            "Mid 2012",
            None,
            "2012-05..2012-08",
            "the middle of the calendar year 2012 (May to August 2012)",
        ),
        ("mid-2012", THURROCK, "2012-05..2012-08", "the middle of the calendar year 2012"),
        (
            "Late 2012",
            None,
            "2012-09..2012-12",
            "late in the calendar year 2012 (September to December 2012)",
        ),
        (
            "Start of 2012/13",
            None,
            "2012-04..2012-07",
            "the beginning of the financial year 2012-13 (April to July 2012)",
        ),
        ("early 2012-13", None, "2012-04..2012-07", "early in the financial year 2012-13"),
        (
            "Late 2011/12",
            None,
            "2011-12..2012-03",
            "late in the financial year 2011-12 (December 2011 to March 2012)",
        ),
        (
            "Start of 2012/13",
            ACADEMIC_2011,
            "2012-09..2012-12",
            "the beginning of the academic year 2012-13",
        ),
        (
            "H1 2011/12",
            None,
            "2011-04..2011-09",
            "the first half of the financial year 2011-12 (April to September 2011)",
        ),
        ("H2 11-12", None, "2011-10..2012-03", "the second half of the financial year 2011-12"),
        (
            "H2 2012",
            None,
            "2012-07..2012-12",
            "the second half of the calendar year 2012 (July to December 2012)",
        ),
        ("h1 (2012/13)", None, "2012-04..2012-09", "the first half of the financial year 2012-13"),
        (
            "first half of 2012",
            None,
            "2012-01..2012-06",
            "the first half of the calendar year 2012",
        ),
        (
            "second half of the financial year 2011/12",
            None,
            "2011-10..2012-03",
            "the second half of the financial year",
        ),
        (
            "first half of the academic year 2011/12",
            None,
            "2011-09..2012-02",
            "the first half of the academic year",
        ),
        (
            "Late 2011 onwards",
            THURROCK,
            "2011-09..2012-03",
            "ongoing from late in the calendar year 2011",
        ),
    ],
)
def test_a_part_of_a_year_is_that_part_not_the_whole_year(
    text: str, period: Interval | None, expected: str, says: str
) -> None:
    t = parse_timescale(text, period)
    assert spans(t) == [expected], t.interpretation
    assert says in t.interpretation
    assert not t.year_only  # (a part of a year says which months)


@pytest.mark.parametrize(
    ("text", "expected", "says"),
    [
        (
            "End 2012",
            ["2012"],
            "by the end of the calendar year 2012",
        ),  # (a deadline: the end of the year)
        # ('start' or 'begin' a verb: the work's start, the whole month, as the whole year is)
        (
            "Pilot to start April 2011",
            ["2011-04"],
            "'Pilot': 'start April 2011' read as April 2011",
        ),
        ("Start April 2011", ["2011-04"], "'Start April 2011' read as April 2011"),
        (
            "Programme beginning April 2011",
            ["2011-04"],
            "'Programme': 'beginning April 2011' read as April 2011",
        ),
        (
            "Pilot beginning 2012",
            ["2012"],
            "'Pilot': 'beginning 2012' read as the calendar year 2012",
        ),
        ("Early Years 2012", ["2012"], "the calendar year 2012"),  # ('Early Years' is a name)
        # (a verb: the work's start, the whole year, and the reading says so: it said 'the beginning
        # of 2012')
        ("Pilot to start 2012", ["2012"], "'Pilot': 'start 2012' read as the calendar year 2012"),
        ("Begin 2012", ["2012"], "'Begin 2012' read as the calendar year 2012"),
        ("H1", [], "no date could be read"),  # (which year's half is not evident)
        ("H2 2011/13", [], "does not name a financial year"),
    ],
)
def test_what_is_not_a_part_of_a_year(text: str, expected: list[str], says: str) -> None:
    t = parse_timescale(text, THURROCK)
    assert spans(t) == expected
    assert says in t.interpretation


@given(
    st.integers(2000, 2097),
    st.sampled_from(["Early", "Mid", "Late", "H1", "H2"]),
    st.sampled_from(["{y}", "{a}/{b}", "{a}-{b}"]),
    st.sampled_from([None, THURROCK, ACADEMIC_2011]),
)
def test_the_parts_of_a_year_tile_it(
    year: int, part: str, form: str, period: Interval | None
) -> None:
    # whatever the year, each part lies within it, and the thirds (and the halves) follow one
    # another
    text = form.format(y=year, a=year, b=f"{(year + 1) % 100:02d}")
    whole = parse_timescale(text, period).intervals[0]
    parts = ["Early", "Mid", "Late"] if part in ("Early", "Mid", "Late") else ["H1", "H2"]
    ivs = [parse_timescale(f"{p} {text}", period).intervals[0] for p in parts]
    assert ivs[0].start == whole.start and ivs[-1].end == whole.end
    assert all(b.start - a.end == timedelta(days=1) for a, b in zip(ivs, ivs[1:]))


@given(
    st.integers(2000, 2097),
    st.integers(1, 12),
    st.sampled_from(["", " {y}"]),
    st.sampled_from(
        [["Early", "Mid", "Late"], ["Beginning", "mid-", "late"], ["start of", "middle of", "Late"]]
    ),
)
def test_the_thirds_of_a_month_tile_it(
    year: int, month: int, year_form: str, words: list[str]
) -> None:
    # early (the beginning of, the start of), mid and late: the 1st to the 10th, the 11th to the
    # 20th, the 21st to its end; written without a year, placed as the month is
    name = MONTHS[month - 1] + year_form.format(y=year)
    plan = whole = month_interval(year, month)
    ivs = [
        parse_timescale(f"{w}{'' if w.endswith('-') else ' '}{name}", plan).intervals[0]
        for w in words
    ]
    assert ivs[0].start == whole.start and ivs[-1].end == whole.end
    assert [iv.end.day for iv in ivs[:2]] == [10, 20]
    assert all(b.start - a.end == timedelta(days=1) for a, b in zip(ivs, ivs[1:]))
    assert parse_timescale(f"End {name}", plan).intervals == (
        whole,
    )  # (a deadline: by the end of the month)


@pytest.mark.parametrize(
    ("text", "period", "expected", "says"),
    [
        # (each was March 2031, September 2030: a year twenty years after the plan)
        (
            "March 31",
            THURROCK,
            ["2012-03-31"],
            "'March 31' read as 31 March 2012, the only 31 March in the plan period",
        ),
        ("by March 31", THURROCK, ["2012-03-31"], "by 31 March 2012"),
        ("Sept 30", THURROCK, ["2011-09-30"], "30 September 2011"),
        (
            "Jan 31 - March 31",
            THURROCK,
            ["2012-01-31..2012-03-31"],
            "31 January 2012 to 31 March 2012",
        ),
        # (a year near the plan, a month joined by a hyphen as a spreadsheet shows one, or no plan:
        # the year)
        ("Sept 12", THURROCK, ["2012-09"], "September 2012"),
        ("Mar-31", THURROCK, ["2031-03"], "March 2031"),
        ("March 31", None, ["2031-03"], "March 2031"),
        ("March 21", SOUTHEND, ["2009-03-21"], "21 March 2009"),
        (
            "March 19",
            SOUTHEND,
            ["2019-03"],
            "March 2019",
        ),  # (ten years after the plan ends: still a year)
        # (the same, read past the quick path: a range, a word before it)
        ("Jan 19 - March 19", SOUTHEND, ["2019-01..2019-03"], "January 2019 to March 2019"),
        ("Review March 19", SOUTHEND, ["2019-03"], "'March 19' read as March 2019"),
        ("Review March 20", SOUTHEND, ["2009-03-20"], "read as 20 March 2009"),
        # (29 February is a day when the plan holds one: 2012 is a leap year)
        ("Feb 29", THURROCK, ["2012-02-29"], "the only 29 February in the plan period"),
        ("by Feb 29", THURROCK, ["2012-02-29"], "by 29 February 2012"),
    ],
)
def test_a_far_two_digit_year_is_the_day(
    text: str, period: Interval | None, expected: list[str], says: str
) -> None:
    t = parse_timescale(text, period)
    assert spans(t) == expected, t.interpretation
    assert says in t.interpretation


@given(
    st.sampled_from(MONTHS),
    st.integers(0, 99),
    st.sampled_from([THURROCK, SOUTHEND]),
    st.sampled_from(["Review ", "by ", "Target: "]),
)
def test_a_month_and_two_digits_read_alike_alone_and_after_words(
    month: str, n: int, period: Interval, before: str
) -> None:
    # ('March 19' alone takes a quick path; with words before it, the whole reading: the two
    # agree on when the number is the year and when it is the day)
    text = f"{month[:3]} {n:02d}"
    alone = parse_timescale(text, period).intervals
    if before == "by ":
        # ("by" keeps the end; a date of no year that the period does not hold, such as 29
        # February in a year of no leap day, is undated either way)
        after_by = parse_timescale(before + text, period).intervals
        assert [i.end for i in after_by[-1:]] == [i.end for i in alone[-1:]]
    else:
        assert parse_timescale(before + text, period).intervals == alone


@pytest.mark.parametrize(
    ("text", "expected", "says"),
    [
        # (each was the whole quarter, season or term read as 'the beginning of' it)
        (
            "Early Q3 2011/12",
            ["2011-10"],
            "early in Q3 of the financial year 2011-12 (October 2011)",
        ),
        (
            "mid Q2",
            ["2011-08"],
            "the middle of Q2 2011-12 (August 2011), the only Q2 in the plan period",
        ),
        (
            "by late Q4",
            ["2012-03"],
            "by the end of March 2012 (late in Q4 2011-12, the only Q4 in the plan period)",
        ),
        (
            "start of Q1 2012",
            ["2012-01"],
            "the beginning of the calendar quarter Q1 2012 (January 2012)",
        ),
        ("early spring 2012", ["2012-03"], "early in spring 2012 (March 2012)"),
        ("late summer 2011", ["2011-08"], "late in summer 2011 (August 2011)"),
        ("mid Autumn 2011", ["2011-10"], "the middle of autumn 2011 (October 2011)"),
        ("early autumn term 2011", ["2011-09"], "early in the autumn term 2011 (September 2011)"),
        (
            "mid autumn term 2011",
            ["2011-10..2011-11"],
            "the middle of the autumn term 2011 (October to November 2011)",
        ),
        (
            "late spring term",
            ["2012-04"],
            "late in the spring term 2012 (April 2012), the only spring term that starts",
        ),
        (
            "by the start of the summer term",
            ["2011-04"],
            "by the end of April 2011 (the beginning of the summer term",
        ),
        ("before the start of the spring term", ["2011-12"], "by the end of December 2011"),
        (
            "late Spring 1 2012",
            ["2012-02"],
            "late in the first half of the spring term 2012 (February 2012)",
        ),
        (
            "mid Spring 1 2012",
            ["2012-01..2012-02"],
            "(January to February 2012)",
        ),  # (the middle of two months: both)
        (
            "early Easter 2012",
            ["2012-04"],
            "Easter 2012 (April 2012: Easter Day is 8 April 2012)",
        ),  # (read whole)
    ],
)
def test_a_part_of_a_quarter_season_or_term_is_that_part_of_its_months(
    text: str, expected: list[str], says: str
) -> None:
    t = parse_timescale(text, THURROCK)
    assert spans(t) == expected, t.interpretation
    assert says in t.interpretation


@given(
    st.integers(2000, 2090),
    st.sampled_from(["Q{n} {y}", "Q{n} {y}/{z}", "{season} {y}", "{season} term {y}"]),
    st.integers(1, 4),
    st.sampled_from(["spring", "summer", "autumn", "winter"]),
)
def test_the_parts_of_a_quarter_season_or_term_tile_it(
    year: int, form: str, n: int, season: str
) -> None:
    text = form.format(n=n, y=year, z=f"{(year + 1) % 100:02d}", season=season)
    whole = parse_timescale(text).intervals[0]
    parts = [parse_timescale(f"{w} {text}").intervals[0] for w in ("Early", "mid", "late")]
    assert parts[0].start == whole.start and parts[-1].end == whole.end
    assert all(b.start - a.end == timedelta(days=1) for a, b in zip(parts, parts[1:]))


@pytest.mark.parametrize(
    ("text", "expected", "says"),
    [
        # (each was the whole calendar year)
        (
            "Easter 2012",
            ["2012-04"],
            "'Easter 2012' read as Easter 2012 (April 2012: Easter Day is 8 April 2012)",
        ),
        (
            "Easter holidays 2008",
            ["2008-03"],
            "Easter 2008 (March 2008: Easter Day is 23 March 2008)",
        ),
        ("Easter hols '11", ["2011-04"], "Easter Day is 24 April 2011"),
        (
            "by Easter 2012",
            ["2012-04"],
            "'by Easter 2012' read as by the end of April 2012 (Easter)",
        ),
        (
            "Before Easter 2012",
            ["2012-04-07"],
            "by 7 April 2012, the day before Easter Day (8 April 2012)",
        ),
        ("Christmas 2011", ["2011-12"], "'Christmas 2011' read as Christmas 2011 (December 2011)"),
        ("Xmas holidays 11", ["2011-12"], "Christmas 2011 (December 2011)"),
        (
            "summer holidays 2012",
            ["2012-07..2012-08"],
            "the summer holidays 2012 (July to August 2012)",
        ),
        ("Summer hols 2012", ["2012-07..2012-08"], "the summer holidays 2012"),
        (
            "Christmas 2011 - Easter 2012",
            ["2011-12..2012-04"],
            "December 2011 (Christmas) to April 2012 (Easter)",
        ),
        # (a summer without 'holidays' is the season; a term named after Easter, a split year and a
        # holiday without a year are not read as a holiday)
        ("Summer 2012", ["2012-06..2012-08"], "summer 2012 (June to August 2012)"),
        ("Easter term 2012", ["2012"], "the calendar year 2012"),
        ("Easter 2011/12", ["2011-04..2012-03"], "the financial year 2011-12"),
    ],
)
def test_holidays_with_a_year_are_their_month(text: str, expected: list[str], says: str) -> None:
    t = parse_timescale(text, THURROCK)
    assert spans(t) == expected, t.interpretation
    assert says in t.interpretation


@pytest.mark.parametrize(
    ("text", "period", "expected", "says"),
    [
        # ('Summer holidays' was the season, June to August, the reading quoting 'Summer' alone;
        # 'Easter' and 'Christmas' were not read, 'no date could be read'): placed in the plan
        # period as a term is
        (
            "Summer holidays",
            THURROCK,
            ["2011-07..2011-08"],
            "'Summer holidays' read as the summer holidays 2011 (July to August 2011), the only "
            "summer holiday in the plan period",
        ),
        (
            "the summer hols",
            ACADEMIC_2011,
            ["2012-07..2012-08"],
            "the summer holidays 2012 (July to August 2012), the only",
        ),
        (
            "by the summer holidays",
            THURROCK,
            ["2011-07..2011-08"],
            "'by the summer holidays' read as by the end of the summer holidays 2011 (July to "
            "August 2011)",
        ),
        (
            "before the summer holidays",
            THURROCK,
            ["2011-06"],
            "'before the summer holidays' read as by the end of June 2011",
        ),
        (
            "Easter",
            THURROCK,
            ["2011-04"],
            "'Easter' read as April 2011 (Easter), the only Easter in the plan period",
        ),
        (
            "the Easter holidays",
            ACADEMIC_2011,
            ["2012-04"],
            "April 2012 (Easter), the only Easter in the plan period",
        ),
        (
            "by Christmas",
            THURROCK,
            ["2011-12"],
            "'by Christmas' read as by the end of December 2011 (Christmas)",
        ),
        (
            "Xmas break",
            SOUTHEND,
            ["2008-12"],
            "December 2008 (Christmas), the only Christmas in the plan period",
        ),
        # (Easter Day was 23 March 2008 and 12 April 2009: neither Easter falls within April 2008 to
        # March 2009)
        (
            "Easter",
            SOUTHEND,
            [],
            "'Easter' gives no year, and no Easter falls within the plan period",
        ),
        (
            "Christmas",
            Interval(date(2009, 4, 1), date(2013, 3, 31)),
            [],
            "'Christmas' gives no year, and Christmas occurs more than once in the plan period",
        ),
        (
            "Summer holidays",
            None,
            [],
            "'Summer holidays' gives no year, and no plan period was given to place it",
        ),
        # (a holiday before another number is not read without its year: the split year alone is)
        ("summer holidays 2011/12", THURROCK, ["2011-04..2012-03"], "the financial year 2011-12"),
    ],
)
def test_a_holiday_without_a_year_is_placed_in_the_plan_period(
    text: str, period: Interval | None, expected: list[str], says: str
) -> None:
    t = parse_timescale(text, period)
    assert (t.kind, spans(t)) == ("dated" if expected else "undated", expected), t.interpretation
    assert says in t.interpretation


#: every holiday and school term the reader knows, as written without a year
SCHOOL_TIMES = [
    "Easter",
    "Easter holidays",
    "the Easter holidays",
    "Christmas",
    "Xmas",
    "the summer holidays",
    "summer hols",
    "Autumn term",
    "the spring term",
    "Summer term",
    "Autumn 1",
    "Autumn 2",
    "Spring 1",
    "Spring 2",
    "Summer 1",
    "Summer 2",
    "autumn half term",
    "February half term",
    "Summer half term",
]


@given(
    st.sampled_from(SCHOOL_TIMES),
    st.sampled_from(["before", "Before the end of", "by", "Prior to", "until", "after"]),
    st.integers(2000, 2040),
    st.sampled_from([(4, 1, 3, 31), (9, 1, 8, 31), (1, 1, 12, 31)]),
    st.integers(0, 2),
)
def test_a_holiday_or_term_without_a_year_is_placed_the_same_after_before_or_by(
    name: str, word: str, year: int, bounds: tuple[int, int, int, int], extra: int
) -> None:
    # the holiday (or term) is placed first, as it is alone, then the word applies: the reading is
    # that of the same words with the year of the one placed ('before Easter' in 2011-12 is 'before
    # Easter 2011'); after 'before', the one whose eve lies in the plan period ('before the summer
    # term' in 2011-12 is before the summer term 2012: the summer term 2011 starts with the period)
    first, day, last, last_day = bounds
    plan = Interval(date(year, first, day), date(year + extra + (first > 1), last, last_day))
    alone = parse_timescale(name, plan)
    text = f"{word} {name}"
    t = parse_timescale(text, plan)
    if word.lower() in ("before", "prior to"):
        eves = {y: parse_timescale(f"{text} {y}", plan) for y in range(year - 1, year + extra + 3)}
        within = {
            y: e.intervals
            for y, e in eves.items()
            if e.kind == "dated" and plan.start <= e.intervals[0].end <= plan.end
        }
        if len(within) > 1:
            # (two eves in the period, of which only one holiday lies in it as it is placed alone:
            # that one)
            inside = [
                y
                for y in within
                if (s := parse_timescale(f"{name} {y}", plan).span) is not None
                and plan.start <= s.start
                and s.end <= plan.end
            ]
            within = {y: within[y] for y in inside}
        if len(within) == 1:
            assert t.kind == "dated" and t.intervals == next(iter(within.values())), (
                t.interpretation
            )
        else:
            assert t.kind == "undated", t.interpretation
        return
    if alone.kind != "dated":
        assert t.kind == "undated", t.interpretation
        return
    placed = alone.intervals[0].start.year
    same = parse_timescale(f"{text} {placed}", plan)
    assert (t.kind, t.intervals) == (same.kind, same.intervals), (
        t.interpretation,
        alone.interpretation,
    )
    if (
        word == "after"
    ):  # (ongoing from the end of the one placed: 'after Easter' from the day after Easter Day)
        assert t.kind == "ongoing" and t.intervals[0].start > alone.intervals[0].start
    else:
        assert (
            t.kind == "dated" and t.intervals[0].end <= alone.intervals[0].end
        )  # (by its end at the latest)


@pytest.mark.parametrize(
    ("text", "expected", "says"),
    [
        # (each was the month before a holiday or term of another year: 'before Easter' March 2012,
        # while 'Easter' is April 2011; 'before Christmas' the end of November)
        (
            "before Easter",
            ["2011-04-23"],
            "by 23 April 2011, the day before Easter Day (24 April 2011), the only Easter",
        ),
        # (the Easter holidays start before Easter Day: by the Friday before Palm Sunday, when
        # schools break up)
        (
            "before the Easter holidays",
            ["2011-04-15"],
            "by 15 April 2011, the Friday before Palm Sunday, when schools break up for the Easter "
            "holidays",
        ),
        (
            "before Christmas",
            ["2011-12-24"],
            "by 24 December 2011, the day before Christmas Day (25 December 2011)",
        ),
        # (the summer term 2011 starts with the period, at a month's precision: the plan can hold
        # nothing before it)
        (
            "before the summer term",
            ["2012-03"],
            "by the end of March 2012, before the summer term 2012, the summer term the plan "
            "period runs up to",
        ),
        (
            "before the summer holidays",
            ["2011-06"],
            "before the summer holidays 2011 (July to August 2011)",
        ),
        ("before Summer 1", ["2012-03"], "before summer 1 2012"),
        (
            "before the spring term",
            ["2011-12"],
            "the only spring term that starts in the plan period",
        ),
        (
            "before summer half term",
            ["2011-04"],
            "by the end of April 2011, before summer half-term 2011",
        ),
        # (a month is still the month before placed: the only March before an April in the plan
        # period)
        ("before April", ["2012-03"], "by the end of March 2012"),
    ],
)
def test_before_a_holiday_or_term_without_a_year(text: str, expected: list[str], says: str) -> None:
    t = parse_timescale(text, THURROCK)
    assert spans(t) == expected, t.interpretation
    assert says in t.interpretation


@given(
    st.integers(1900, 2090),
    st.sampled_from(["Easter", "Easter holidays", "Christmas", "summer holidays"]),
)
def test_a_holiday_without_a_year_in_a_financial_year_plan_is_the_one_within_it(
    year: int, holiday: str
) -> None:
    # a financial-year plan holds one Christmas and one summer holiday, and as many Easters as fall
    # in its April or the next March: 0, 1 or 2
    plan = Interval(date(year, 4, 1), date(year + 1, 3, 31))
    t = parse_timescale(holiday, plan)
    if holiday.startswith("Easter"):
        within = [
            d
            for d in (timescale.terms.easter_day(year), timescale.terms.easter_day(year + 1))
            if plan.start <= d <= plan.end
        ]
        if len(within) != 1:
            assert t.kind == "undated" and ("more than once" in t.interpretation) == bool(within), (
                t.interpretation
            )
            return
        assert spans(t) == [str(month_interval(within[0].year, within[0].month))], t.interpretation
        assert t.intervals == parse_timescale(f"Easter {within[0].year}").intervals
    else:
        assert t.intervals == parse_timescale(f"{holiday} {year}").intervals, t.interpretation


@given(
    st.integers(1900, 2099), st.sampled_from(["Easter {y}", "Easter holidays {y}", "by Easter {y}"])
)
def test_easter_is_the_month_of_easter_day(year: int, form: str) -> None:
    # the computus agrees with dateutil's (a dependency of pandas), whose Easter Day is a Sunday
    # from 22 March to 25 April
    easter = pytest.importorskip("dateutil.easter").easter
    day = easter(year)
    assert timescale.terms.easter_day(year) == day
    assert day.weekday() == 6 and date(year, 3, 22) <= day <= date(year, 4, 25)
    assert parse_timescale(form.format(y=year)).intervals == (month_interval(year, day.month),)


@pytest.mark.parametrize(
    ("text", "period", "expected", "says"),
    [
        # (was January 2011 to December 2012, while '2011-2012' and '2011 - 2012' were the financial
        # year)
        (
            "2011 to 2012",
            None,
            "2011-04..2012-03",
            "'2011 to 2012' read as the financial year 2011-12 (April 2011 to March 2012)",
        ),
        ("from 2011 to 2012", THURROCK, "2011-04..2012-03", "read as the financial year 2011-12"),
        ("by 2011 to 2012", None, "2011-04..2012-03", "by the end of the financial year 2011-12"),
        ("2011 to 2012", ACADEMIC_2011, "2011-09..2012-08", "the academic year 2011-12"),
        ("academic year 2011 to 2012", None, "2011-09..2012-08", "the academic year 2011-12"),
        (
            "financial year 2011 to 2012",
            ACADEMIC_2011,
            "2011-04..2012-03",
            "the financial year 2011-12",
        ),
        # (years further apart are the calendar years they span, as '2010-2013' is)
        ("2010 to 2013", None, "2010..2013", "'2010 to 2013' read as 2010 to 2013"),
        ("between 2011 and 2012", None, "2011..2012", "2011 to 2012"),
    ],
)
def test_two_years_in_a_row_joined_by_to_are_a_split_year(
    text: str, period: Interval | None, expected: str, says: str
) -> None:
    t = parse_timescale(text, period)
    assert (t.kind, spans(t)) == ("dated", [expected]), t.interpretation
    assert says in t.interpretation


@given(
    st.integers(1900, 2098),
    st.sampled_from(["", "by ", "By the end of ", "Delivered ", "2005 and ", "Spring 2010, "]),
    st.sampled_from([None, THURROCK, ACADEMIC_2011, Interval(date(2009, 4, 1), date(2013, 3, 31))]),
)
def test_consecutive_years_read_the_same_with_to_as_with_a_hyphen(
    year: int, lead: str, period: Interval | None
) -> None:
    by_to = parse_timescale(f"{lead}{year} to {year + 1}", period)
    by_hyphen = parse_timescale(f"{lead}{year} - {year + 1}", period)
    assert (by_to.kind, by_to.intervals, by_to.year_only) == (
        by_hyphen.kind,
        by_hyphen.intervals,
        by_hyphen.year_only,
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("April 2009 - 2010", ["2009-04..2010-12"]),
        ("Sept 11 - 2012", ["2011-09..2012-12"]),
        ("June 2011 and 2012-13", ["2011-06", "2012-04..2013-03"]),
        ("2010 - 2013", ["2010..2013"]),
    ],
)
def test_a_range_ending_on_a_bare_year_gives_no_month(text: str, expected: list[str]) -> None:
    t = parse_timescale(text)
    assert (spans(t), t.ends_on_year, t.due_month) == (expected, True, None)


@pytest.mark.parametrize(
    ("text", "month"),
    [
        ("2011 - March 2012", (2012, 3)),
        ("April 2011 - July 2011", (2011, 7)),
        ("December 2012 and 2012", (2012, 12)),
        ("2011/12 to Q1 2012-13", (2012, 6)),
    ],
)
def test_a_range_ending_on_a_month_gives_that_month(text: str, month: tuple[int, int]) -> None:
    t = parse_timescale(text)
    assert (t.ends_on_year, t.due_month) == (False, month)


@pytest.mark.parametrize(
    ("due", "month"),
    [
        ("2012", None),
        ({"from": "2011-04", "to": "2012"}, None),
        (["2011-06", "2012"], None),
        ({"from": "2011", "to": "2012-03"}, (2012, 3)),
        (["2012-12", "2012"], (2012, 12)),
        ("2011-07-31", (2011, 7)),
    ],
)
def test_a_due_value_ending_on_a_bare_year_gives_no_month(
    due: object, month: tuple[int, int] | None
) -> None:
    assert parse_due(due).due_month == month


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("June and July 2011", ["2011-06", "2011-07"]),
        ("June, July and August 2011", ["2011-06", "2011-07", "2011-08"]),
        ("Dec and Jan 2012", ["2011-12", "2012-01"]),
        ("Spring and Summer 2012", ["2012-03..2012-05", "2012-06..2012-08"]),
        ("30 June & 31 July 2011", ["2011-06-30", "2011-07-31"]),
        ("Spring/Summer 2012", ["2012-03..2012-08"]),
        ("Autumn/Winter 2011", ["2011-09..2012-02"]),
        # a season before a term names a term too: the spring term starts in January, not March
        ("Spring/Summer term 2012", ["2012-01..2012-07"]),
        ("Spring and Summer term 2012", ["2012-01..2012-04", "2012-04..2012-07"]),
        ("Autumn - Spring term 2012", ["2011-09..2012-04"]),
    ],
)
def test_a_part_without_a_year_takes_the_year_of_the_part_after_it(
    text: str, expected: list[str]
) -> None:
    # (not dropped as a label: 'June and July 2011' was read as July 2011 alone)
    for period in (None, THURROCK):
        t = parse_timescale(text, period)
        assert (t.kind, spans(t)) == ("dated", expected)
        assert t.interpretation.startswith(f"'{text}' read as")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Apr-11", ["2011-04"]),
        ("Sep-11", ["2011-09"]),
        ("Apr-13", ["2013-04"]),
        ("Mar-2012", ["2012-03"]),
        ("Jan-12 to Mar-12", ["2012-01..2012-03"]),
        ("Nov 11/Dec 11", ["2011-11..2011-12"]),
        ("Nov-11/Dec-11", ["2011-11..2011-12"]),
        ("Sept-Dec 11", ["2011-09..2011-12"]),
    ],
)
def test_a_month_with_its_year_after_a_hyphen_or_before_a_slash_keeps_the_year(
    text: str, expected: list[str]
) -> None:
    # ('Apr-13', as a spreadsheet shows April 2013, was read as 'Apr' placed in the plan period:
    # April 2011)
    for period in (None, THURROCK, Interval(date(2009, 4, 1), date(2013, 3, 31))):
        t = parse_timescale(text, period)
        assert (t.kind, spans(t)) == ("dated", expected)
        assert t.interpretation.startswith(f"'{text}' read as")
    # (not November 2011 and a stray '12': November of the financial year 2011-12, which was read as
    # the whole year before months were read in a split year)
    assert spans(parse_timescale("Nov 11/12")) == ["2011-11"]


@pytest.mark.parametrize(
    "text",
    [
        "By year end",
        "Year-end",
        "End of the financial year",
        "by the end of the year",
        "Financial year end (tbc)",
    ],
)
def test_the_end_of_the_year_is_the_end_of_a_one_year_plan(text: str) -> None:
    t = parse_timescale(text, THURROCK)
    assert (t.kind, spans(t), t.due_month) == ("dated", ["2012-03"], (2012, 3))
    assert t.interpretation.startswith(
        f"'{text}' read as by the end of March 2012, the end of the plan's financial year"
    )


def test_the_end_of_the_year_is_undated_where_the_year_is_not_evident() -> None:
    four_years = Interval(date(2009, 4, 1), date(2013, 3, 31))
    calendar = Interval(date(2011, 1, 1), date(2011, 12, 31))
    assert parse_timescale("By year end", four_years).interpretation == (
        "'By year end' names no year, and the plan period is not one financial or calendar year"
    )
    assert "no plan period was given" in parse_timescale("By year end").interpretation
    assert spans(parse_timescale("By year end", calendar)) == ["2011-12"]
    # a calendar year has no financial year end of its own; 'Year 11' is a school year group
    assert parse_timescale("End of the financial year", calendar).kind == "undated"
    assert parse_timescale("By the end of Year 11", THURROCK).kind == "undated"
    # a date with a year wins
    assert spans(parse_timescale("Year end review, June 2011", four_years)) == ["2011-06"]


def test_month_without_year_needs_the_period() -> None:
    t = parse_timescale("March", THURROCK)
    assert (t.kind, spans(t)) == ("dated", ["2012-03"])
    assert t.interpretation == "'March' read as March 2012, the only March in the plan period"
    assert spans(parse_timescale("by July", THURROCK)) == ["2011-07"]
    assert spans(parse_timescale("April – July", THURROCK)) == ["2011-04..2011-07"]
    assert spans(parse_timescale("Report to Cabinet in March", THURROCK)) == ["2012-03"]
    # no period: never guessed
    t = parse_timescale("March")
    assert t.kind == "undated" and t.intervals == ()
    assert "no plan period" in t.interpretation
    # a month that occurs twice in a two-year period, or not at all in a short one
    two_years = Interval(date(2010, 4, 1), date(2012, 3, 31))
    assert parse_timescale("March", two_years).kind == "undated"
    assert "more than once" in parse_timescale("March", two_years).interpretation
    spring = Interval(date(2011, 6, 1), date(2011, 12, 31))
    assert "no March falls within" in parse_timescale("March", spring).interpretation


def test_a_season_without_a_year_must_lie_within_the_period() -> None:
    academic = Interval(date(2011, 9, 1), date(2012, 8, 31))
    t = parse_timescale("Summer", academic)
    assert (t.kind, spans(t)) == ("dated", ["2012-06..2012-08"])
    assert t.interpretation == "'Summer' read as summer 2012, the only summer in the plan period"
    # A period ending in July holds only part of the summer of 2012 (and started after that of
    # 2011).
    t = parse_timescale("Summer", Interval(date(2011, 9, 1), date(2012, 7, 31)))
    assert (t.kind, t.intervals) == ("undated", ())
    assert "no summer falls within the plan period" in t.interpretation


@pytest.mark.parametrize(
    ("text", "period", "expected", "says"),
    [
        # (the spring term, January to April, ends after a financial year's March: it was undated)
        (
            "Spring term",
            THURROCK,
            ["2012-01..2012-04"],
            "'Spring term' read as spring term 2012, the only spring term that starts in the plan "
            "period and lies mostly within it",
        ),
        (
            "by the end of the spring term",
            THURROCK,
            ["2012-01..2012-04"],
            "by the end of the spring term 2012 (January to April 2012)",
        ),
        ("Spring term", SOUTHEND, ["2009-01..2009-04"], "spring term 2009"),
        (
            "Spring 2",
            THURROCK,
            ["2012-02..2012-04"],
            "spring 2 2012, the only spring 2 that starts in the plan period",
        ),
        # (a term wholly in the period is read as before; so is one in a plan of several years)
        (
            "Summer term",
            THURROCK,
            ["2011-04..2011-07"],
            "summer term 2011, the only summer term in the plan period",
        ),
        (
            "Spring term",
            Interval(date(2009, 4, 1), date(2013, 3, 31)),
            [],
            "occurs more than once in the plan period",
        ),
        # (a term that lies mostly after the period, or a season, is not placed so)
        (
            "Spring term",
            Interval(date(2011, 4, 1), date(2012, 2, 29)),
            [],
            "no spring term falls within the plan period",
        ),
        ("Spring", THURROCK, [], "no spring falls within the plan period"),
    ],
)
def test_a_term_without_a_year_that_starts_in_the_plan_period_and_lies_mostly_in_it_is_placed(
    text: str, period: Interval, expected: list[str], says: str
) -> None:
    t = parse_timescale(text, period)
    assert spans(t) == expected, t.interpretation
    assert says in t.interpretation


@given(st.integers(1950, 2090), st.sampled_from(["autumn", "spring", "summer"]), st.booleans())
def test_each_school_term_without_a_year_is_placed_in_a_financial_year_plan(
    year: int, term: str, half: bool
) -> None:
    # a financial-year plan holds each term once, as it starts: autumn and summer wholly, spring
    # mostly
    plan = Interval(date(year, 4, 1), date(year + 1, 3, 31))
    t = parse_timescale(f"{term} 1" if half else f"{term} term", plan)
    assert t.kind == "dated", t.interpretation
    (iv,) = t.intervals
    assert plan.start <= iv.start <= plan.end
    assert iv.start.year == (year + 1 if term == "spring" else year)


def test_words_that_look_like_months() -> None:
    assert parse_timescale("the September Guarantee", THURROCK).kind == "undated"
    assert parse_timescale("we may review it", THURROCK).kind == "undated"
    assert parse_timescale("16/17 year olds").kind == "undated"
    assert parse_timescale("see also 2.4.1").kind == "undated"


@pytest.mark.parametrize(
    "text",
    [
        "Ongoing",
        "On-going",
        "Ongoing casework",
        "Continuous",
        "Throughout the year",
        "Termly",
        "Monthly",
        "Annually",
        "Quarterly",
        "Regularly",
        "each April",
    ],
)
def test_ongoing(text: str) -> None:
    t = parse_timescale(text, THURROCK)
    assert (t.kind, t.intervals) == ("ongoing", (THURROCK,))
    assert "ongoing, taken as the plan period" in t.interpretation
    t = parse_timescale(text)
    assert (t.kind, t.intervals) == ("ongoing", ())


@pytest.mark.parametrize(
    "text",
    [
        "From April 2011 onwards",
        "April 2011 onwards",
        "April 2011 – ongoing",
        # (each read as April 2011 alone: overdue from May)
        "April 2011, ongoing",
        "April 2011 (ongoing)",
        "April 2011 & ongoing",
        "April 2011/ongoing",
        "April 2011 – and ongoing",
        "April 2011 then ongoing",
        "April 2011, continuing",
    ],
)
def test_ongoing_from_a_start(text: str) -> None:
    t = parse_timescale(text, THURROCK)
    assert (t.kind, spans(t)) == ("ongoing", ["2011-04..2012-03"])
    assert "ongoing from April 2011 to the end of the plan period" in t.interpretation
    t = parse_timescale(text)  # without a period only the start is known
    assert (t.kind, spans(t)) == ("ongoing", ["2011-04"])
    assert "no plan period" in t.interpretation


def test_ongoing_from_a_start_after_the_period() -> None:
    t = parse_timescale("From April 2013 onwards", THURROCK)
    assert (t.kind, spans(t)) == ("ongoing", ["2013-04"])
    assert "after the plan period" in t.interpretation


def test_a_range_then_ongoing_is_said_as_a_range_then_ongoing() -> None:
    t = parse_timescale("Sept 2011 - March 2012 and ongoing", THURROCK)
    assert (t.kind, spans(t)) == ("ongoing", ["2011-09..2012-03"])
    assert t.interpretation == (
        "'Sept 2011 - March 2012 and ongoing' read as September 2011 to March 2012, "
        "then ongoing to the end of the plan period"
    )


def test_ongoing_from_the_last_day_of_the_period_runs_to_its_end() -> None:
    t = parse_timescale("From 31 March 2012", THURROCK)
    assert (t.kind, spans(t)) == ("ongoing", ["2012-03-31"])
    assert (
        t.interpretation
        == "'From 31 March 2012' read as ongoing from 31 March 2012 to the end of the plan period"
    )
    t = parse_timescale("From 1 April 2012", THURROCK)  # the day after: outside it
    assert "after the plan period ends" in t.interpretation


def test_monthly_from_a_start_is_ongoing() -> None:
    text = (
        "Deliver the September Guarantee or successor programmes to reduce NEET reporting on "
        "progress monthly from Sept 11"
    )
    t = parse_timescale(text, THURROCK)
    assert (t.kind, spans(t)) == ("ongoing", ["2011-09..2012-03"])


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("TBA", "'TBA': no date given"),
        ("TBC", "no date given"),
        ("To be agreed", "no date given"),
        ("To be confirmed", "no date given"),
        ("-", "no date given"),
        ("N/A", "no date given"),
        ("   ", "no timescale given"),
        (None, "no timescale given"),
        ("Timescale", "no date could be read"),
        ("xyzzy", "no date could be read"),
        ("31/02/2011", "is not a valid date (February 2011 has 28 days)"),
        ("2011-13-45", "is not a valid date (month 13)"),
        ("Sept 2011 - March 2011", "ends before it starts"),
        ("Summer 2011/12", "ambiguous"),
        ("Q3", "gives no year"),
        ("Q5 2011", "is not a quarter"),
        ("Autumn", "gives no year"),
        ("2.2.5", "no date could be read"),
        ("Action 3.1.12", "no date could be read"),  # a section number, not 3 January 2012
        ("14/19 review", "no date could be read"),  # the 14-19 phase, not a financial year
        ("June 3011", "'June 3011': 3011 is not a year from 1900 to 2099"),
        ("End of December 2199", "2199 is not a year"),
        ("Autumn 1899", "1899 is not a year"),
        (
            "31/12/9999",
            "'31/12/9999': 9999 is not a year from 1900 to 2099",
        ),  # (as for a month's year)
        ("by 01/02/0011", "11 is not a year from 1900 to 2099"),
    ],
)
def test_undated(text: str | None, why: str) -> None:
    t = parse_timescale(text)
    assert (t.kind, t.intervals, t.span) == ("undated", (), None)
    assert why in t.interpretation


@pytest.mark.parametrize(
    ("text", "reference"),
    [
        ("See 14-19 Plan", "14-19 Plan"),
        ("As in Play Strategy", "Play Strategy"),
        ("As per the Youth Justice Plan", "Youth Justice Plan"),
        ("See Play Strategy", "Play Strategy"),
        ("In line with the Children's Trust timetable", "Children's Trust timetable"),
        ("See action plan", "action plan"),
    ],
)
def test_external(text: str, reference: str) -> None:
    t = parse_timescale(text, THURROCK)
    assert (t.kind, t.reference, t.intervals) == ("external", reference, ())
    assert f"deferred to the {reference}" in t.interpretation


def test_external_is_conservative() -> None:
    assert parse_timescale("See plan").kind == "undated"
    assert (
        parse_timescale("Timescales will depend on new legislation and guidance").kind == "undated"
    )
    # a date next to a reference wins, and the reference is mentioned
    t = parse_timescale("See 14-19 Plan; review March 2012")
    assert (t.kind, spans(t)) == ("dated", ["2012-03"])
    assert "also refers to the 14-19 Plan" in t.interpretation


@pytest.mark.parametrize(
    "text", ["As above", "As above.", "Same as above", "Ditto", "as before", "See above"]
)
def test_as_above(text: str) -> None:
    assert parse_timescale(text).kind == "as_above"


def test_as_above_inside_a_longer_text_is_not_as_above() -> None:
    assert parse_timescale("As above, then June 2011").kind == "dated"


def test_non_text_values_are_read_as_text() -> None:
    assert spans(parse_timescale(2012)) == ["2012"]  # type: ignore[arg-type]
    assert spans(parse_timescale(date(2011, 7, 31))) == ["2011-07-31"]  # type: ignore[arg-type]
    assert parse_timescale("June 2011", period="2011-12").kind == "dated"  # type: ignore[arg-type]


def test_huge_text_is_cut_before_it_is_read_and_said_to_be_cut() -> None:
    text = "June 2011 " + "x" * 1_000_000
    timescale._read_cached.cache_clear()
    with patterns_read(timescale) as read:
        t = parse_timescale(text)
    # (the quick path's pattern, anchored at the start, alone is given the whole text, once: it
    # stops at the first character that is no month and year; every other reads the first 1000)
    assert [name for name, chars in read if chars > 1000] == ["_FAST_RE"]
    assert max(chars for name, chars in read if name != "_FAST_RE") == 1000
    assert spans(t) == ["2011-06"]
    assert "only the first 1000 characters" in t.interpretation


@pytest.mark.parametrize(
    "unit",
    [
        "Q3;;",
        "June 2011, ",
        "Sept 11 - ",
        "2011/12 and ",
        "x" * 40 + " ",
        "(a) ",
        "Sumer 2011, ",
        "Autum ",
        "late 2011 - early 2012; ",
        "by the spring term, ",
        "06/11 ",
    ],
)
def test_the_work_of_reading_a_timescale_grows_with_its_length(unit: str) -> None:
    # (counted, up to the 1000 characters read: x4 the text, about x4 the work, where one
    # expression compared with every other would be x16; the time is the benchmark's)
    _, work = work_of(timescale._read, unit * (250 // len(unit)), THURROCK)
    _, work_4x = work_of(timescale._read, unit * (1000 // len(unit)), THURROCK)
    assert work_4x.lines < 6 * work.lines, (work, work_4x)


def test_span() -> None:
    t = parse_timescale("Sept 2011 March 2012")
    assert t.span == Interval(date(2011, 9, 1), date(2012, 3, 31))
    assert parse_timescale("June 2011").span == month_interval(2011, 6)
    assert parse_timescale("TBA").span is None


# ---------------------------------------------------------------------------------------------
# Interval and month_interval
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("start", "end", "text"),
    [
        (date(2011, 7, 31), date(2011, 7, 31), "2011-07-31"),
        (date(2011, 7, 1), date(2011, 7, 31), "2011-07"),
        (date(2011, 1, 1), date(2011, 12, 31), "2011"),
        (date(2010, 1, 1), date(2013, 12, 31), "2010..2013"),
        (date(2011, 4, 1), date(2011, 7, 31), "2011-04..2011-07"),
        (date(2011, 4, 1), date(2011, 7, 15), "2011-04-01..2011-07-15"),
    ],
)
def test_interval_str(start: date, end: date, text: str) -> None:
    assert str(Interval(start, end)) == text


def test_interval_rules() -> None:
    with pytest.raises(ValueError, match="ends"):
        Interval(date(2011, 7, 2), date(2011, 7, 1))
    assert month_interval(2011, 6) < month_interval(2011, 7)
    assert month_interval(2012, 2).end == date(2012, 2, 29)
    with pytest.raises(ValueError, match="month 13"):
        month_interval(2011, 13)


# ---------------------------------------------------------------------------------------------
# parse_due
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "expected", "year_only", "says"),
    [
        ("2011-07-31", ["2011-07-31"], False, "due 2011-07-31"),
        ("2011-07", ["2011-07"], False, "due 2011-07"),
        (" 2011-07 ", ["2011-07"], False, "due 2011-07"),
        ("2012", ["2012"], True, "due 2012"),
        ({"from": "2011-04", "to": "2011-07"}, ["2011-04..2011-07"], False, "due 2011-04..2011-07"),
        ({"from": "2011", "to": "2013"}, ["2011..2013"], True, "due 2011..2013"),
        (
            {"from": "2011-04-15", "to": "2011-07"},
            ["2011-04-15..2011-07-31"],
            False,
            "due 2011-04-15..2011-07",
        ),
        (["2011-09", "2012-03"], ["2011-09", "2012-03"], False, "due 2011-09; 2012-03"),
        (
            ["2011-09", {"from": "2012-01", "to": "2012-03"}],
            ["2011-09", "2012-01..2012-03"],
            False,
            "due",
        ),
        (date(2011, 7, 31), ["2011-07-31"], False, "due 2011-07-31"),
        # (a year given as a number, as plain data from Python or JSON holds one: the whole year)
        (2012, ["2012"], True, "due 2012"),
        ({"from": 2011, "to": 2013}, ["2011..2013"], True, "due 2011..2013"),
    ],
)
def test_parse_due(value: object, expected: list[str], year_only: bool, says: str) -> None:
    t = parse_due(value)
    assert (t.kind, spans(t), t.year_only) == ("dated", expected, year_only)
    assert t.interpretation == says or says in t.interpretation


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2011-13-45", "'2011-13-45' is not a valid date (month 13)"),
        ("2011-02-30", "'2011-02-30' is not a valid date (day 30: February 2011 has 28 days)"),
        ("2011-13", "'2011-13' is not a valid month (month 13)"),
        ("July 2011", "'July 2011' is not a valid due value"),
        (
            "Sept 2011",
            "a list of these; a date written in words ('Sept 2011') goes in `timescale:`",
        ),
        ("2011-7-31", "'2011-7-31' is not a valid due value"),
        ("", "'' is not a valid due value"),
        (3.5, "3.5 is not a valid due value"),
        (None, "None is not a valid due value"),
        ([], "empty list"),
        ([["2011"]], "cannot contain another list"),
        ({"from": "2011-07", "to": "2011-04"}, "from 2011-07 to 2011-04 ends before it starts"),
        ({"from": "2011-07"}, "has no 'to'"),
        ({"start": "2011-07", "to": "2011-08"}, "unknown key 'start'"),
        ({"from": {"from": "2011"}, "to": "2012"}, "must each be a date, month or year"),
    ],
)
def test_parse_due_errors(value: object, message: str) -> None:
    with pytest.raises(ValueError) as err:
        parse_due(value)
    assert message in str(err.value)


# ---------------------------------------------------------------------------------------------
# parse_value_period
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2011", "2011"),
        ("2008-09", "2008-04..2009-03"),
        ("1999-00", "1999-04..2000-03"),
        ("2012-Q1", "2012-01..2012-03"),
        ("2012-Q4", "2012-10..2012-12"),
        ("2011-12-Q1", "2011-04..2011-06"),
        ("2011-12-Q3", "2011-10..2011-12"),
        ("2011-12-Q4", "2012-01..2012-03"),
        ("2011-07-31", "2011-07-31"),
    ],
)
def test_parse_value_period(text: str, expected: str) -> None:
    assert str(parse_value_period(text)) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2008-10", "10 is not the year after 2008"),
        ("2011-07", "07 is not the year after 2011"),
        ("2011-12-Q5", "Q5 is not a quarter"),
        ("2011-13-Q1", "13 is not the year after 2011"),
        ("2012-Q0", "Q0 is not a quarter"),
        ("2011-02-30", "not a valid period"),
        ("08/09", "write the financial year as 2008-09"),
        ("2008/09", "write the financial year as 2008-09"),
        ("March 2012", "'March 2012' is not a valid period"),
        ("", "is not a valid period"),
    ],
)
def test_parse_value_period_errors(text: str, message: str) -> None:
    with pytest.raises(ValueError) as err:
        parse_value_period(text)
    assert message in str(err.value)


def test_parse_value_period_needs_text() -> None:
    with pytest.raises(ValueError, match="must be text"):
        parse_value_period(2012)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------------------------
WORDS = [
    "June",
    "Sept",
    "Sep.",
    "End",
    "end of",
    "by",
    "from",
    "to",
    "–",
    "-",
    "/",
    "and",
    "onwards",
    "ongoing",
    "Autumn",
    "Winter",
    "term",
    "Q3",
    "Q1",
    "2011",
    "2012",
    "11",
    "12",
    "2011-12",
    "2011/12",
    "08/09",
    "31/07/2011",
    "31.07.11",
    "2011-07-31",
    "2011-13-45",
    "29",
    "31",
    "1st",
    "March",
    "may",
    "the",
    "each",
    "TBA",
    "tbc",
    "See",
    "14-19",
    "Plan",
    "As above",
    "in line with",
    "Strategy",
    "academic year",
    "w/c",
    "between",
    "for",
    "9999",
    "2099",
    "1900",
    "0000",
    "(",
    ")",
    ",",
    ";",
    "<p>",
    "</p>",
    "\n",
    "’",
    "Q2&3",
    "Q1-4",
    "&",
    "4",
    "H1",
    "H2",
    "Early",
    "Mid",
    "late",
    "start of",
    "first half of",
    "Easter",
    "Christmas",
    "summer holidays",
    "Spring term",
    "Spring 2",
]
tokens = st.lists(st.sampled_from(WORDS), max_size=12).map(" ".join)
periods = (
    st.builds(
        lambda a, n: Interval(a, a + timedelta(days=n)),
        st.dates(min_value=date(1, 1, 1), max_value=date(9990, 1, 1)),
        st.integers(min_value=0, max_value=4000),
    )
    | st.none()
    | st.just(Interval(date(1, 1, 1), date(9999, 12, 31)))
)
fast = settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check_timing(t: Timing) -> None:
    assert t.kind in ("dated", "ongoing", "external", "undated", "as_above")
    assert isinstance(t.interpretation, str) and t.interpretation
    if t.kind == "dated":
        assert t.intervals
    if t.kind == "external":
        assert t.reference
    if t.kind in ("undated", "external", "as_above"):
        assert t.intervals == ()
    for i in t.intervals:
        assert i.start <= i.end


@fast
@given(st.text(max_size=300), periods)
def test_never_raises_on_arbitrary_text(text: str, period: Interval | None) -> None:
    _check_timing(parse_timescale(text, period))
    _check_timing(timescale._read(text, period))  # the reader itself, without the safety net


@fast
@given(tokens, periods)
def test_never_raises_on_date_like_text(text: str, period: Interval | None) -> None:
    _check_timing(parse_timescale(text, period))
    _check_timing(timescale._read(text, period))


@fast
@given(
    st.integers(2000, 2097), st.integers(1, 12), st.integers(1, 24), st.booleans(), st.booleans()
)
def test_later_month_parses_later(
    year: int, month: int, later_by: int, two_digits: bool, short: bool
) -> None:
    y2, m2 = divmod(year * 12 + month - 1 + later_by, 12)
    m2 += 1
    names = ABBREVIATIONS if short else MONTHS

    def written(y: int, m: int) -> str:
        return f"{names[m - 1]} {y % 100:02d}" if two_digits else f"{names[m - 1]} {y}"

    a, b = parse_timescale(written(year, month)), parse_timescale(written(y2, m2))
    assert a.kind == b.kind == "dated"
    assert a.intervals[0] < b.intervals[0]
    assert a.intervals[0].end < b.intervals[0].start
    assert a.intervals[0] == month_interval(year, month)


@fast
@given(st.dates(min_value=date(1000, 1, 1)))
def test_parse_due_round_trips_days_and_months(day: date) -> None:
    iso = day.isoformat()
    assert [str(i) for i in parse_due(iso).intervals] == [iso]
    month = iso[:7]
    assert [str(i) for i in parse_due(month).intervals] == [month]
    assert parse_due(month).intervals[0] == month_interval(day.year, day.month)


@fast
@given(st.integers(1000, 9000))
def test_financial_year_quarters_tile_the_year(year: int) -> None:
    fy = parse_value_period(f"{year}-{(year + 1) % 100:02d}")
    quarters = [parse_value_period(f"{year}-{(year + 1) % 100:02d}-Q{n}") for n in (1, 2, 3, 4)]
    assert quarters[0].start == fy.start == date(year, 4, 1)
    assert quarters[-1].end == fy.end == date(year + 1, 3, 31)
    for before, after in zip(quarters, quarters[1:]):
        assert before.end + timedelta(days=1) == after.start
    if 1900 <= year <= 2098:
        assert parse_timescale(f"Q3 {year}-{(year + 1) % 100:02d}").intervals == (quarters[2],)


@fast
@given(
    st.integers(2000, 2099),
    st.integers(1, 12),
    st.sampled_from([" ", "-", ", ", " '", "-'"]),
    st.booleans(),
    st.booleans(),
    periods,
)
def test_a_month_with_a_year_lies_in_that_month_whatever_the_period(
    year: int, month: int, sep: str, two_digits: bool, short: bool, period: Interval | None
) -> None:
    name = (ABBREVIATIONS if short else MONTHS)[month - 1]
    # (a comma is followed by a four-digit year only: 'June, 11 schools' gives no year)
    written = f"{year % 100:02d}" if (two_digits and sep != ", ") or "'" in sep else str(year)
    if sep == " " and len(written) == 2 and period is not None and year > period.end.year + 10:
        # (a year of two digits that far after the plan is the day:
        # test_a_far_two_digit_year_is_the_day)
        period = None
    t = parse_timescale(f"{name}{sep}{written}", period)
    assert (t.kind, t.intervals) == ("dated", (month_interval(year, month),))


@fast
@given(
    st.integers(1900, 2097),
    st.integers(1, 4),
    st.sampled_from(["Q{n}", "Quarter {n}", "Qtr {n}", "By Q{n}"]),
)
def test_a_quarter_without_a_year_lies_in_its_one_year_plan(year: int, n: int, form: str) -> None:
    plan = Interval(date(year, 4, 1), date(year + 1, 3, 31))
    t = parse_timescale(form.format(n=n), plan)
    assert t.kind == "dated" and len(t.intervals) == 1
    [iv] = t.intervals
    assert iv == parse_value_period(f"{year}-{(year + 1) % 100:02d}-Q{n}")
    assert plan.start <= iv.start <= iv.end <= plan.end
    assert t.due_month == (iv.end.year, iv.end.month)


@fast
@given(
    st.sampled_from(MONTHS + ABBREVIATIONS),
    st.integers(0, 99),
    st.sampled_from(["", "End ", "by end of ", "By "]),
)
def test_fast_path_reads_like_the_full_reader(month: str, yy: int, lead: str) -> None:
    text = f"{lead}{month} {yy:02d}"
    assert timescale._read(text, None) == timescale._read_full(text, None)
    text = f"{lead}{month} {2000 + yy}"
    assert timescale._read(text, None) == timescale._read_full(text, None)


# ---------------------------------------------------------------------------------------------
# Speed and documentation
# ---------------------------------------------------------------------------------------------
def test_a_large_plan_reads_each_distinct_timescale_once() -> None:
    # (what keeps a 100,000-node plan's timescales quick to read: a plan repeats its wordings, and
    # each is read once; the time it takes is the benchmark's to measure, bench/run.py's "facts")
    rng = random.Random(7)
    forms = [
        "{m} {y}",
        "{m} {yy}",
        "End {m} {y}",
        "by {m} {yy}",
        "{m} – {m2} {yy}",
        "Sourcing of interventions {m} – {m2} {yy}",
        "Report to Cabinet in {m} {y}",
        "Ongoing",
        "TBA",
        "See 14-19 Plan",
        "Q{q} 2011-12",
        "Autumn {y}",
        "{m} {y} {m2} {y}",
        "As above",
    ]
    texts = [
        rng.choice(forms).format(
            m=rng.choice(MONTHS),
            m2=rng.choice(ABBREVIATIONS),
            y=rng.randint(2008, 2013),
            yy=rng.randint(8, 13),
            q=rng.randint(1, 4),
        )
        for _ in range(100_000)
    ]
    timescale._read_cached.cache_clear()
    readings = [parse_timescale(text, THURROCK) for text in texts]
    info = timescale._read_cached.cache_info()
    assert (
        info.misses == len(set(texts)) < len(texts) // 25 and info.hits == len(texts) - info.misses
    )
    assert all(r == timescale._read(t, THURROCK) for t, r in zip(texts[:2000], readings[:2000]))


@pytest.mark.parametrize("module", ["intervals", "due", "periods", "reader", "terms", "slips"])
def test_doctests(module: str) -> None:
    result = doctest.testmod(
        importlib.import_module(f"{timescale.__name__}.{module}"), optionflags=doctest.ELLIPSIS
    )
    assert result.attempted > 0 and result.failed == 0


# ---------------------------------------------------------------------------------------------
# Every example of the format's specification (docs/format.md, "Milestones" and "Indicators")
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        ("June 11", "dated", ["2011-06"]),
        ("End September 2012", "dated", ["2012-09"]),
        ("April – July 11", "dated", ["2011-04..2011-07"]),
        ("Autumn 2008", "dated", ["2008-09..2008-11"]),
        ("TBA", "undated", []),
        ("See 14-19 Plan", "external", []),
        (
            "Sept 2011 March 2012",
            "dated",
            ["2011-09", "2012-03"],
        ),  # (the source's words for a list of due dates)
        # The seasons: spring = March–May, summer = June–August, autumn = September–November,
        # winter = December–February.
        ("Spring 2011", "dated", ["2011-03..2011-05"]),
        ("Summer 2011", "dated", ["2011-06..2011-08"]),
        ("Autumn 2011", "dated", ["2011-09..2011-11"]),
        ("Winter 2011", "dated", ["2011-12..2012-02"]),
    ],
)
def test_the_specifications_timescales(text: str, kind: str, expected: list[str]):
    reading = parse_timescale(text, THURROCK)
    assert (reading.kind, spans(reading)) == (kind, expected), reading.interpretation


@pytest.mark.parametrize(
    ("due", "expected", "span"),
    [
        ("2011-07-31", ["2011-07-31"], ("2011-07-31", "2011-07-31")),
        (
            "2011-07",
            ["2011-07"],
            ("2011-07-01", "2011-07-31"),
        ),  # a month: its first to its last day
        ("2012", ["2012"], ("2012-01-01", "2012-12-31")),  # a year likewise
        ({"from": "2011-04", "to": "2011-07"}, ["2011-04..2011-07"], ("2011-04-01", "2011-07-31")),
        # a list spans from its earliest start to its latest end
        (["2012-03", "2011-09"], ["2012-03", "2011-09"], ("2011-09-01", "2012-03-31")),
        (
            [{"from": "2011-04", "to": "2011-07"}, "2011-06-15"],
            ["2011-04..2011-07", "2011-06-15"],
            ("2011-04-01", "2011-07-31"),
        ),
    ],
)
def test_the_specifications_due_values(due: object, expected: list[str], span: tuple[str, str]):
    reading = parse_due(due)
    assert spans(reading) == expected
    assert reading.span is not None
    assert (reading.span.start.isoformat(), reading.span.end.isoformat()) == span


@pytest.mark.parametrize(
    ("period", "first", "last"),
    [
        ("2011", "2011-01-01", "2011-12-31"),  # a calendar year
        (
            "2008-09",
            "2008-04-01",
            "2009-03-31",
        ),  # a UK financial year, April to March, never a month
        ("2011-Q3", "2011-07-01", "2011-09-30"),  # a calendar quarter
        ("2011-12-Q3", "2011-10-01", "2011-12-31"),  # a financial-year quarter
        ("2011-12-31", "2011-12-31", "2011-12-31"),  # an ISO date
    ],
)
def test_the_specifications_value_periods(period: str, first: str, last: str):
    interval = parse_value_period(period)
    assert (interval.start.isoformat(), interval.end.isoformat()) == (first, last)


@pytest.mark.parametrize(
    ("period", "needle"),
    [
        ("08/09", "write the financial year as 2008-09"),  # the source's 08/09 is written 2008-09
        (
            "2008-10",
            "10 is not the year after 2008",
        ),  # YY is the next year: 2008-10 is no month either
    ],
)
def test_the_specifications_refused_periods(period: str, needle: str):
    with pytest.raises(ValueError, match=needle):
        parse_value_period(period)


# ---------------------------------------------------------------------------------------------
# Forms that were misread
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected", "says"),
    [
        ("Summer terms 2012", ["2012-04..2012-07"], "the summer term 2012 (April to July 2012)"),
        ("autumn Terms 2011", ["2011-09..2011-12"], "the autumn term 2011"),
        ("Spring and Summer terms 2012", ["2012-01..2012-04", "2012-04..2012-07"], "2 dates"),
        ("Spring & Summer terms 2012", ["2012-01..2012-04", "2012-04..2012-07"], "2 dates"),
        ("Autumn and Spring terms 2011/12", ["2011-09..2011-12", "2012-01..2012-04"], "2 dates"),
        ("Spring/Summer terms 2012", ["2012-01..2012-07"], "spring term 2012 to summer term 2012"),
    ],
)
def test_terms_written_in_the_plural_are_terms(text: str, expected: list[str], says: str) -> None:
    # ('Summer terms 2012' was read as the calendar year 2012, its 'Summer terms' taken as a label)
    for period in (None, THURROCK, Interval(date(2011, 9, 1), date(2012, 8, 31))):
        t = parse_timescale(text, period)
        assert (t.kind, spans(t), t.year_only) == ("dated", expected, False)
        assert says in t.interpretation
        assert t.interpretation.startswith(f"'{text}' read as")
    # the singular is read as it was
    assert (
        spans(parse_timescale(text.replace("terms", "term").replace("Terms", "Term"))) == expected
    )


@fast
@given(
    st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)),
    st.booleans(),
    st.booleans(),
    st.sampled_from(
        ["{m}-{d} {y}", "{m}-{d}-{y}", "{m}-{d}, {y}", "{m}-{d}{o} {y}", "by {m}-{d} {y}"]
    ),
    periods,
)
def test_a_month_and_day_joined_by_a_hyphen_then_a_year_is_that_day(
    day: date, short: bool, zero: bool, form: str, period: Interval | None
) -> None:
    # ('May-15 2012' was read as two dates, May 2015 and the calendar year 2012)
    month = (ABBREVIATIONS if short else MONTHS)[day.month - 1]
    ordinal = (
        "th" if 10 <= day.day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day.day % 10, "th")
    )
    text = form.format(m=month, d=f"{day.day:02d}" if zero else day.day, y=day.year, o=ordinal)
    t = parse_timescale(text, period)
    assert (t.kind, t.intervals) == ("dated", (Interval(day, day),)), t.interpretation
    assert f"{day.day} {MONTHS[day.month - 1]} {day.year}" in t.interpretation


def test_a_month_and_day_joined_by_a_hyphen_is_read_only_before_a_year() -> None:
    assert parse_timescale("May-15 2012").interpretation == "'May-15 2012' read as 15 May 2012"
    assert spans(parse_timescale("Feb-30 2012")) == []  # (an impossible day is not read)
    # a spreadsheet's month and two-digit year, alone or in a range, are read as they were
    assert spans(parse_timescale("May-15")) == ["2015-05"]
    assert spans(parse_timescale("Apr-11 - 2012")) == ["2011-04..2012-12"]
    assert spans(parse_timescale("Apr-11 May-11")) == ["2011-04", "2011-05"]


DIGIT_ZEROS = [
    0x660,
    0x6F0,
    0x966,
    0xFF10,
]  # Arabic-Indic, Extended Arabic-Indic, Devanagari, fullwidth


def _in_script(text: str, zero: int) -> str:
    return "".join(chr(zero + int(c)) if c.isascii() and c.isdigit() else c for c in text)


@fast
@given(
    st.sampled_from(DIGIT_ZEROS),
    st.sampled_from(
        [
            "June 2011",
            "End September 2012",
            "31/07/2011",
            "2011/12",
            "Q3 2011-12",
            "April – July 11",
            "w/c 5 September 2011",
        ]
    ),
    periods,
)
def test_digits_of_other_scripts_are_read_as_the_same_digits(
    zero: int, text: str, period: Interval | None
) -> None:
    # ('June ٢٠١١' was undated with "٢٠١١ is not a year from 1900 to 2099": Python reads it
    # as 2011)
    written = _in_script(text, zero)
    t, plain = parse_timescale(written, period), parse_timescale(text, period)
    assert (t.kind, t.intervals, t.year_only) == (plain.kind, plain.intervals, plain.year_only)
    assert t.interpretation == plain.interpretation.replace(repr(text), repr(written), 1)
    assert t.text == written


def test_a_year_in_another_script_out_of_range_is_named_in_ascii_digits() -> None:
    assert parse_timescale("June ٢٠١١").interpretation == "'June ٢٠١١' read as June 2011"
    assert (
        parse_timescale("June ٣٠١١").interpretation
        == "'June ٣٠١١': 3011 is not a year from 1900 to 2099"
    )


@pytest.mark.parametrize(
    ("text", "month", "says"),
    [
        (
            "end of the financial year 2012",
            "2012-03",
            "by the end of March 2012, the end of the financial year 2011-12",
        ),
        (
            "By end of FY 2012",
            "2012-03",
            "by the end of March 2012, the end of the financial year 2011-12",
        ),
        ("Financial year end 2012", "2012-03", "the end of the financial year 2011-12"),
        (
            "by the end of financial year 2012/13",
            "2013-03",
            "by the end of March 2013, the end of the financial year 2012-13",
        ),
        (
            "end of FY 2012/13",
            "2013-03",
            "by the end of March 2013, the end of the financial year 2012-13",
        ),
        ("End of FY12/13", "2013-03", "the end of the financial year 2012-13"),
        ("end of FY12", "2012-03", "the end of the financial year 2011-12"),
        ("end of financial year 2012-2013", "2013-03", "the end of the financial year 2012-13"),
        ("Financial year end 2011/12", "2012-03", "the end of the financial year 2011-12"),
        ("Year end 2011/12", "2012-03", "the end of the financial year 2011-12"),
        (
            "by the end of the 2012/13 financial year",
            "2013-03",
            "the end of the financial year 2012-13",
        ),
        ("2012/13 year end", "2013-03", "the end of the financial year 2012-13"),
        (
            "end of the academic year 2011/12",
            "2012-08",
            "by the end of August 2012, the end of the academic year 2011-12",
        ),
        ("by the end of the school year 2012", "2012-08", "the end of the academic year 2011-12"),
        (
            "end of the calendar year 2012",
            "2012-12",
            "by the end of December 2012, the end of the calendar year 2012",
        ),
    ],
)
def test_the_end_of_a_named_financial_or_academic_year_is_its_last_month(
    text: str, month: str, says: str
) -> None:
    # ('end of the financial year 2012' was the calendar year 2012, to December; 'by the end of
    # financial year 2012/13' was the whole year, read as if 'by the end of' were a label)
    for period in (None, THURROCK, Interval(date(2009, 4, 1), date(2013, 3, 31))):
        t = parse_timescale(text, period)
        assert (t.kind, spans(t), t.year_only, t.ends_on_year) == (
            "dated",
            [month],
            False,
            False,
        ), t.interpretation
        assert t.interpretation == f"{text!r} read as {says}" or t.interpretation.startswith(
            f"{text!r} read as by"
        )
        assert says in t.interpretation
        assert t.due_month == (int(month[:4]), int(month[5:]))


@fast
@given(
    st.integers(2000, 2098),
    st.sampled_from(
        [
            "End of the financial year",
            "By the end of the financial year",
            "Financial year end",
            "end of financial year",
        ]
    ),
    st.sampled_from(["{a}/{b2}", "{a}-{b2}", "{a}/{b}", "{a2}/{b2}", "FY {a}/{b2}"]),
)
def test_the_end_of_the_financial_year_reads_the_same_with_its_year_written(
    year: int, phrase: str, form: str
) -> None:
    plan = Interval(date(year, 4, 1), date(year + 1, 3, 31))
    split = form.format(a=year, b=year + 1, a2=f"{year % 100:02d}", b2=f"{(year + 1) % 100:02d}")
    named = parse_timescale(f"{phrase} {split}", plan)
    implied = parse_timescale(phrase, plan)
    assert (named.kind, named.intervals, named.due_month) == (
        implied.kind,
        implied.intervals,
        implied.due_month,
    )
    assert named.intervals == (month_interval(year + 1, 3),)
    # the year the financial year ends in names the same year
    assert parse_timescale(f"{phrase} {year + 1}").intervals == named.intervals


@pytest.mark.parametrize(
    ("text", "says"),
    [
        (
            "financial year 2012",
            "'financial year 2012' does not say which financial year: 2011-12, which ends in "
            "March 2012, or 2012-13, which starts in April 2012",
        ),
        ("FY2012", "'FY2012' does not say which financial year: 2011-12"),
        ("FY 12", "'FY 12' does not say which financial year"),
        (
            "academic year 2012",
            "'academic year 2012' does not say which academic year: 2011-12, which ends in "
            "August 2012, or 2012-13, which starts in September 2012",
        ),
    ],
)
def test_a_financial_or_academic_year_named_by_one_year_is_undated(text: str, says: str) -> None:
    # (they were read as the calendar year 2012, or not at all)
    for period in (None, THURROCK):
        t = parse_timescale(text, period)
        assert (t.kind, t.intervals) == ("undated", ())
        assert t.interpretation.startswith(says)


@pytest.mark.parametrize(
    ("text", "expected", "says"),
    [
        ("FY 2012/13", ["2012-04..2013-03"], "the financial year 2012-13"),
        ("FY12/13", ["2012-04..2013-03"], "the financial year 2012-13"),
        ("FY2011-12", ["2011-04..2012-03"], "the financial year 2011-12"),
        (
            "by end 2011/12",
            ["2011-04..2012-03"],
            "by the end of the financial year 2011-12 (April 2011 to March 2012)",
        ),
        ("end of 2012", ["2012"], "by the end of the calendar year 2012"),
        ("year end 2012", ["2012"], "by the end of the calendar year 2012"),
    ],
)
def test_year_level_forms_next_to_financial_year_words(
    text: str, expected: list[str], says: str
) -> None:
    t = parse_timescale(text)
    assert (t.kind, spans(t), t.year_only) == ("dated", expected, True)
    assert says in t.interpretation


@pytest.mark.parametrize(
    "text",
    [
        "Q3 FY 2011/12",
        "Q3 FY11/12",
        "Quarter 3, 2011/12",
        "Q3 of FY 2011-12",
        "Q3 financial year 2011/12",
        "Q3 11-12",
        "Qtr 3 of the financial year 2011/12",
    ],
)
def test_a_quarter_of_a_financial_year_written_with_more_words_is_that_quarter(text: str) -> None:
    # ('Q3 FY 2011/12' and 'Quarter 3, 2011/12' were the whole financial year; 'Q3 11-12' was a Q3
    # placed in the plan period, undated without one)
    for period in (None, THURROCK, Interval(date(2009, 4, 1), date(2013, 3, 31))):
        t = parse_timescale(text, period)
        assert (t.kind, spans(t), t.due_month) == ("dated", ["2011-10..2011-12"], (2011, 12)), (
            t.interpretation
        )
        assert (
            t.interpretation
            == f"{text!r} read as Q3 of the financial year 2011-12 (October to December 2011)"
        )


@pytest.mark.parametrize(
    ("text", "expected", "says"),
    [
        (
            "wc 5 September 2011",
            "2011-09-05..2011-09-11",
            "read as the week beginning 5 September 2011",
        ),
        (
            "W.C. 5 September 2011",
            "2011-09-05..2011-09-11",
            "read as the week beginning 5 September 2011",
        ),
        (
            "w/e 9 September 2011",
            "2011-09-03..2011-09-09",
            "read as the week ending 9 September 2011",
        ),
        (
            "Week ending 09/09/2011",
            "2011-09-03..2011-09-09",
            "read as the week ending 9 September 2011",
        ),
        ("W/E 9th Sept 11", "2011-09-03..2011-09-09", "read as the week ending 9 September 2011"),
    ],
)
def test_week_commencing_and_week_ending_abbreviated_are_weeks(
    text: str, expected: str, says: str
) -> None:
    # ('wc 5 September 2011' was the day, with 'wc' as a label; 'w/e' and 'week ending' likewise)
    t = parse_timescale(text, THURROCK)
    assert (t.kind, spans(t)) == ("dated", [expected])
    assert t.interpretation == f"{text!r} {says}"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("June/2011", ["2011-06"]),
        ("Sept/2011", ["2011-09"]),
        ("31.3.2012", ["2012-03-31"]),
        ("1.4.2011", ["2011-04-01"]),
    ],
)
def test_a_month_before_a_slash_and_a_year_and_a_dotted_date_with_a_four_digit_year(
    text: str, expected: list[str]
) -> None:
    # ('June/2011' was a June placed in the plan period, undated without one; '31.3.2012' was not
    # read)
    for period in (None, THURROCK, Interval(date(2009, 4, 1), date(2013, 3, 31))):
        t = parse_timescale(text, period)
        assert (t.kind, spans(t)) == ("dated", expected), t.interpretation
        assert t.interpretation.startswith(f"{text!r} read as")
    # section numbers are still not dates
    assert parse_timescale("see 2.2.5").kind == "undated"
    assert parse_timescale("see 3.1.12").kind == "undated"


@pytest.mark.parametrize(
    ("text", "expected", "says"),
    [
        ("Spring term 11/12", ["2012-01..2012-04"], "the spring term 2012 (January to April 2012)"),
        (
            "Autumn term 11/12",
            ["2011-09..2011-12"],
            "the autumn term 2011 (September to December 2011)",
        ),
        ("Winter 11/12", ["2011-12..2012-02"], "winter 2011 (December 2011 to February 2012)"),
        ("Winter 11-12", ["2011-12..2012-02"], "winter 2011 (December 2011 to February 2012)"),
    ],
)
def test_a_season_or_term_with_a_two_digit_split_year(
    text: str, expected: list[str], says: str
) -> None:
    # (they were the financial year 2011-12, the season or term taken as a label; 'Winter 11-12' a
    # winter placed in the plan period)
    for period in (None, THURROCK):
        t = parse_timescale(text, period)
        assert (t.kind, spans(t)) == ("dated", expected)
        assert t.interpretation == f"{text!r} read as {says}"
    assert (
        parse_timescale("Summer 11/12").interpretation
        == "'Summer 11/12' is ambiguous: which summer of 11/12?"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("academic years 2011/12 and 2012/13", ["2011-09..2012-08", "2012-09..2013-08"]),
        ("2011/12 and 2012/13 academic years", ["2011-09..2012-08", "2012-09..2013-08"]),
        ("academic year 2011/12 to 2012/13", ["2011-09..2013-08"]),
        ("2011/12 - 2012/13 academic year", ["2011-09..2013-08"]),
    ],
)
def test_split_years_listed_with_academic_year_are_all_academic_years(
    text: str, expected: list[str]
) -> None:
    # (the second was a financial year: 'academic year 2011/12 to 2012/13' ran from September 2011
    # to March 2013)
    t = parse_timescale(text)
    assert (t.kind, spans(t), t.year_only) == ("dated", expected, True)
    assert "financial" not in t.interpretation


@pytest.mark.parametrize(
    ("text", "expected", "says"),
    [
        ("Summer half term 2012", ["2012-05"], "the summer half-term 2012 (May 2012)"),
        ("Autumn half-term 2011", ["2011-10"], "the autumn half-term 2011 (October 2011)"),
        ("spring half-term 2011/12", ["2012-02"], "the spring half-term 2012 (February 2012)"),
        ("By February half term 2012", ["2012-02"], "by the end of February 2012"),
    ],
)
def test_a_half_term_is_the_month_of_its_holiday(text: str, expected: list[str], says: str) -> None:
    # (they were the calendar year, the half-term taken as a label)
    for period in (None, THURROCK):
        t = parse_timescale(text, period)
        assert (t.kind, spans(t), t.year_only) == ("dated", expected, False)
        assert t.interpretation == f"{text!r} read as {says}"


@pytest.mark.parametrize(
    "text",
    ["Q3 (2011/12)", "Q3 - 2011/12", "Q3 – 2011-12", "End of Q3 (2011/12)", "in Q3 - 2011/12"],
)
def test_a_quarter_with_its_financial_year_in_brackets_or_after_a_dash(text: str) -> None:
    # ('Q3 (2011/12)' was the whole financial year; 'Q3 - 2011/12' a range from Q3 2010-11 to March
    # 2012)
    t = parse_timescale(text, THURROCK)
    assert (t.kind, spans(t)) == ("dated", ["2011-10..2011-12"]), t.interpretation
    assert (
        "Q3 of the financial year 2011-12 (October to December 2011)" in t.interpretation
        or "by the end of Q3 2011-12" in t.interpretation
    )
    # (the reading quotes what was read, the closing bracket too: it quoted 'Q3 (2011/12')
    assert t.interpretation.startswith(f"{text.removeprefix('in ')!r} read as"), t.interpretation


@pytest.mark.parametrize(
    ("text", "says"),
    [
        (
            "H1 (2011/12)",
            "'H1 (2011/12)' read as the first half of the financial year 2011-12 (April to "
            "September 2011)",
        ),
        (
            "Q3 (2011/13)",
            "'Q3 (2011/13)' does not name a financial year (13 is not the year after 2011)",
        ),
        (
            "Q3 ( 2011/12 ) agreed",
            "'Q3 ( 2011/12 )' read as Q3 of the financial year 2011-12 (October to December 2011) "
            "('agreed')",
        ),
    ],
)
def test_a_year_in_brackets_is_quoted_with_its_closing_bracket(text: str, says: str) -> None:
    assert parse_timescale(text, THURROCK).interpretation == says


@pytest.mark.parametrize("text", ["AY 2011/12", "by AY 2011-12", "2011/12 AY"])
def test_ay_is_an_academic_year(text: str) -> None:
    # (it was the financial year)
    t = parse_timescale(text)
    assert (t.kind, spans(t)) == ("dated", ["2011-09..2012-08"])
    assert "academic year 2011-12" in t.interpretation
    assert spans(parse_timescale("End of AY 2011/12")) == ["2012-08"]


# ---------------------------------------------------------------------------------------------
# Variants of the forms plans write: each read as its month, range, quarter or term
# ---------------------------------------------------------------------------------------------
MONTH_FORMS = [
    lambda m: MONTHS[m - 1],
    lambda m: MONTHS[m - 1][:3],
    lambda m: MONTHS[m - 1][:3] + ".",
    lambda m: "Sept" if m == 9 else MONTHS[m - 1][:3],
    lambda m: "Sept." if m == 9 else MONTHS[m - 1],
]
cases = st.sampled_from([str, str.lower, str.upper, str.title])


def _month(m: int, form: int, case: object) -> str:
    return case(MONTH_FORMS[form](m))  # type: ignore[operator]


def _year(y: int, form: int) -> str:
    return [str(y), f"{y % 100:02d}", f"'{y % 100:02d}"][form]


@fast
@given(
    st.integers(2000, 2098),
    st.integers(1, 12),
    st.integers(0, 4),
    st.integers(0, 2),
    cases,
    st.sampled_from(
        [
            "",
            "by ",
            "By end of ",
            "End ",
            "end of ",
            "By the end of ",
            "Before the end of ",
            "mid-",
            "Early ",
            "Deadline: ",
            "Target: ",
            "Report to Cabinet in ",
        ]
    ),
    st.sampled_from(["", ".", ",", ";", " (tbc)", " - report to board", " approx"]),
    periods,
)
def test_a_month_written_any_usual_way_is_that_month(
    year: int,
    month: int,
    form: int,
    year_form: int,
    case: object,
    lead: str,
    tail: str,
    period: Interval | None,
) -> None:
    text = f"{lead}{_month(month, form, case)} {_year(year, year_form)}{tail}"
    if year_form == 1 and period is not None and year > period.end.year + 10:
        # (a year of two digits that far after the plan is the day:
        # test_a_far_two_digit_year_is_the_day)
        period = None
    t = parse_timescale(text, period)
    whole = month_interval(year, month)
    if lead in ("mid-", "Early "):  # (a third of the month: 11 to 20, 1 to 10)
        first, last = (11, 20) if lead == "mid-" else (1, 10)
        whole = Interval(date(year, month, first), date(year, month, last))
    assert (t.kind, t.intervals) == ("dated", (whole,)), t.interpretation
    assert t.due_month == (year, month)


@fast
@given(
    st.integers(2000, 2096),
    st.integers(1, 12),
    st.integers(0, 30),
    st.integers(0, 4),
    st.integers(0, 4),
    st.booleans(),
    cases,
    st.sampled_from([" - ", "-", " – ", "–", " to ", " until ", " through ", "/"]),
    st.sampled_from(["", "from ", "From ", "between "]),
    periods,
)
def test_a_range_of_months_written_any_usual_way_is_that_range(
    year: int,
    month: int,
    months_on: int,
    form_a: int,
    form_b: int,
    first_year: bool,
    case: object,
    sep: str,
    lead: str,
    period: Interval | None,
) -> None:
    y2, m2 = divmod(year * 12 + month - 1 + months_on, 12)
    m2 += 1
    if lead == "between ":
        sep = " and "
    first = _month(month, form_a, case) + (f" {year}" if first_year or y2 != year else "")
    text = f"{lead}{first}{sep}{_month(m2, form_b, case)} {y2}"
    t = parse_timescale(text, period)
    expected = Interval(date(year, month, 1), month_interval(y2, m2).end)
    # ('from April to July 2011' is the range, not ongoing work)
    assert (t.kind, t.intervals) == ("dated", (expected,)), t.interpretation


@fast
@given(
    st.integers(2000, 2097),
    st.integers(1, 4),
    cases,
    st.sampled_from(
        [
            "Q{n} {a}/{b}",
            "Q{n} {a}-{b}",
            "Q{n} {a2}/{b}",
            "Q{n} {a2}-{b}",
            "Qtr {n} {a}/{b}",
            "Quarter {n} {a}-{b}",
            "Quarter {n}, {a}/{b}",
            "Q{n} FY {a}/{b}",
            "Q{n} FY{a2}/{b}",
            "Q{n} of {a}/{b}",
            "Q{n} ({a}/{b})",
            "Q{n} - {a}/{b}",
            "{a}/{b} Q{n}",
            "{a}-{b} Q{n}",
        ]
    ),
    st.sampled_from(["", "by ", "By end of ", "End ", "in ", "during "]),
    periods,
)
def test_a_financial_year_quarter_written_any_usual_way_is_that_quarter(
    year: int, n: int, case: object, form: str, lead: str, period: Interval | None
) -> None:
    text = case(
        lead + form.format(n=n, a=year, a2=f"{year % 100:02d}", b=f"{(year + 1) % 100:02d}")
    )  # type: ignore[operator]
    t = parse_timescale(text, period)
    assert (t.kind, t.intervals) == (
        "dated",
        (parse_value_period(f"{year}-{(year + 1) % 100:02d}-Q{n}"),),
    ), t.interpretation


@fast
@given(
    st.integers(2000, 2097),
    st.sampled_from(["autumn", "spring", "summer"]),
    cases,
    st.sampled_from(
        [
            "{s} term {y}",
            "{s} terms {y}",
            "{s} term {a}/{b}",
            "{s} term {a2}/{b}",
            "{s} term {a}-{b}",
            "{s} term, {y}",
            "{s} term '{y2}",
            "end of {s} term {y}",
            "by the end of the {s} term {y}",
        ]
    ),
    periods,
)
def test_a_school_term_written_any_usual_way_is_that_term(
    year: int, season: str, case: object, form: str, period: Interval | None
) -> None:
    # with an academic year, the autumn term falls in its first year, the others in its second
    y = year if season == "autumn" else year + 1
    text = case(
        form.format(
            s=season,
            y=y,
            y2=f"{y % 100:02d}",
            a=year,
            a2=f"{year % 100:02d}",  # type: ignore[operator]
            b=f"{(year + 1) % 100:02d}",
        )
    )
    first, length = {"autumn": (9, 3), "spring": (1, 3), "summer": (4, 3)}[season]
    t = parse_timescale(text, period)
    assert (t.kind, t.intervals) == (
        "dated",
        (Interval(date(y, first, 1), month_interval(y, first + length).end),),
    ), t.interpretation


@fast
@given(
    st.integers(2000, 2097),
    st.integers(1, 4),
    st.integers(0, 3),
    cases,
    st.sampled_from(
        [
            "Q{n}-{m} {a}/{b}",
            "Q{n} - {m} {a}-{b}",
            "Q{n} to {m} {a2}/{b}",
            "Qtr {n}-{m} FY {a}/{b}",
            "Q{n}&{m} {a}-{b}",
            "Q{n} & {m} {a}/{b}",
            "Q{n} and {m} {a2}-{b}",
            "Q{n}/{m} {a}/{b}",
            "Q{n}-{m}",
            "Q{n} & {m}",
        ]
    ),
    st.sampled_from(["", "by ", "in ", "during "]),
)
def test_financial_year_quarters_written_with_one_q_are_their_span(
    year: int, n: int, more: int, case: object, form: str, lead: str
) -> None:
    last = min(4, n + more)
    listed = "&" in form or "and" in form or "/{m}" in form
    if listed and last != n + 1 or not listed and last == n:
        return  # (a list of quarters apart is not read; 'Q2-2' is no range)
    text = case(
        lead
        + form.format(
            n=n,
            m=last,
            a=year,
            a2=f"{year % 100:02d}",  # type: ignore[operator]
            b=f"{(year + 1) % 100:02d}",
        )
    )
    plan = Interval(date(year, 4, 1), date(year + 1, 3, 31))
    t = parse_timescale(text, plan)
    first, end = (
        parse_value_period(f"{year}-{(year + 1) % 100:02d}-Q{n}"),
        parse_value_period(f"{year}-{(year + 1) % 100:02d}-Q{last}"),
    )
    assert (t.kind, t.intervals) == ("dated", (Interval(first.start, end.end),)), t.interpretation


def test_the_term_is_a_term_while_the_september_guarantee_is_a_name() -> None:
    # ('By the end of the summer term' was undated with 'no date could be read': 'the' before a
    # month or season marks a name, but 'the summer term' is a time)
    t = parse_timescale("By the end of the summer term", THURROCK)
    assert (t.kind, spans(t)) == ("dated", ["2011-04..2011-07"])
    assert t.interpretation == (
        "'By the end of the summer term' read as by the end of the summer term 2011 (April to "
        "July 2011)"
    )
    assert spans(parse_timescale("during the autumn term", THURROCK)) == ["2011-09..2011-12"]
    assert (
        "no plan period was given"
        in parse_timescale("By the end of the summer term").interpretation
    )
    for name in ("the September Guarantee", "the Summer Reading Challenge", "over the summer"):
        assert parse_timescale(name, THURROCK).kind == "undated"
    assert parse_timescale("every summer term", THURROCK).kind == "ongoing"


# ---------------------------------------------------------------------------------------------
# US-order ranges, half-terms by number, split years with a hyphen, days without a year
# ---------------------------------------------------------------------------------------------
CALENDAR_2012 = Interval(date(2012, 1, 1), date(2012, 12, 31))


@pytest.mark.parametrize(
    ("text", "expected", "says"),
    [
        ("April 1 - March 31, 2012", ["2011-04..2012-03"], "1 April 2011 to 31 March 2012"),
        ("April 1 – March 31 2012", ["2011-04..2012-03"], "1 April 2011 to 31 March 2012"),
        (
            "September 1 to December 16, 2011",
            ["2011-09-01..2011-12-16"],
            "1 September 2011 to 16 December 2011",
        ),
    ],
)
def test_a_range_of_days_written_month_first_keeps_its_start(
    text: str, expected: list[str], says: str
) -> None:
    # (the start day was lost: 'April 1 - March 31, 2012' was 31 March 2012 alone)
    for period in (None, THURROCK):
        t = parse_timescale(text, period)
        assert (t.kind, spans(t)) == ("dated", expected), t.interpretation
        assert t.interpretation == f"{text!r} read as {says}"


@pytest.mark.parametrize("text", ["June 11-2012", "June 11 - 2012", "Jun 11–2012"])
def test_a_month_with_a_two_digit_year_then_a_hyphen_and_a_year_is_a_range(text: str) -> None:
    # ('June 11-2012' was the calendar year 2012, the June dropped; it reads as 'June 11 - 2012'
    # does)
    t = parse_timescale(text, THURROCK)
    assert (t.kind, spans(t), t.ends_on_year, t.due_month) == (
        "dated",
        ["2011-06..2012-12"],
        True,
        None,
    )
    assert "June 2011 to 2012" in t.interpretation


@pytest.mark.parametrize(
    ("text", "expected", "says"),
    [
        (
            "Spring 1 2012",
            ["2012-01..2012-02"],
            "the first half of the spring term 2012 (January to February 2012)",
        ),
        (
            "Spring 2 2012",
            ["2012-02..2012-04"],
            "the second half of the spring term 2012 (February to April 2012)",
        ),
        (
            "Summer 1 2012",
            ["2012-04..2012-05"],
            "the first half of the summer term 2012 (April to May 2012)",
        ),
        (
            "Summer 2 2012",
            ["2012-06..2012-07"],
            "the second half of the summer term 2012 (June to July 2012)",
        ),
        (
            "Autumn 1 2011",
            ["2011-09..2011-10"],
            "the first half of the autumn term 2011 (September to October 2011)",
        ),
        (
            "Autumn 2 2011",
            ["2011-11..2011-12"],
            "the second half of the autumn term 2011 (November to December 2011)",
        ),
        (
            "Autumn term 2 2011",
            ["2011-11..2011-12"],
            "the second half of the autumn term 2011 (November to December 2011)",
        ),
        (
            "Summer 2 2011/12",
            ["2012-06..2012-07"],
            "the second half of the summer term 2012 (June to July 2012)",
        ),
        (
            "Autumn 1 11/12",
            ["2011-09..2011-10"],
            "the first half of the autumn term 2011 (September to October 2011)",
        ),
        (
            "By Spring 2 2012",
            ["2012-02..2012-04"],
            "by the end of the second half of the spring term 2012 (February to April 2012)",
        ),
    ],
)
def test_a_half_of_a_school_term_is_that_half(text: str, expected: list[str], says: str) -> None:
    # (they were the calendar year, 'Spring 1' taken as a label)
    for period in (None, THURROCK):
        t = parse_timescale(text, period)
        assert (t.kind, spans(t), t.year_only) == ("dated", expected, False), t.interpretation
        assert t.interpretation == f"{text!r} read as {says}"


def test_a_half_term_without_a_year_is_placed_in_the_plan_period() -> None:
    # ('Autumn 1' was the autumn season, September to November)
    t = parse_timescale("Autumn 1", THURROCK)
    assert (t.kind, spans(t)) == ("dated", ["2011-09..2011-10"])
    assert (
        t.interpretation == "'Autumn 1' read as autumn 1 2011, the only autumn 1 in the plan period"
    )
    assert (
        spans(parse_timescale("Spring 1 - Summer 2", THURROCK)) == []
    )  # (summer 2 2011 ends before spring 1 2012)
    assert spans(parse_timescale("Autumn 1 - Spring 1", THURROCK)) == ["2011-09..2012-02"]
    assert "no plan period" in parse_timescale("Summer 2").interpretation
    # a number that is not a half: a season with a count, a day, a two-digit year
    assert spans(parse_timescale("Summer 11")) == ["2011-06..2011-08"]
    assert spans(parse_timescale("Summer 2012")) == ["2012-06..2012-08"]
    assert "not a half of a school term" in parse_timescale("Winter 1 2012").interpretation


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Autumn 2011 - Summer 2012 terms", ["2011-09..2012-07"]),
        ("Autumn 2011 to Summer 2012 terms", ["2011-09..2012-07"]),
        ("Spring and Summer 2012 terms", ["2012-01..2012-04", "2012-04..2012-07"]),
        ("Summer 2012 term", ["2012-04..2012-07"]),
    ],
)
def test_terms_written_after_the_years_make_every_season_a_term(
    text: str, expected: list[str]
) -> None:
    # ('Autumn 2011 - Summer 2012 terms' was the seasons, September 2011 to August 2012)
    t = parse_timescale(text, THURROCK)
    assert (t.kind, spans(t)) == ("dated", expected), t.interpretation
    assert "term" in t.interpretation and "('terms')" not in t.interpretation


@pytest.mark.parametrize("period", [None, THURROCK, SOUTHEND, CALENDAR_2012])
@pytest.mark.parametrize("text", ["11-12", "11/12", "2011-12", "by 11-12", "FY 11-12"])
def test_a_split_year_of_two_digits_is_the_same_with_a_hyphen_or_a_slash(
    text: str, period: Interval | None
) -> None:
    # ('11-12' was undated while '11/12' was the financial year 2011-12)
    t = parse_timescale(text, period)
    assert (t.kind, spans(t), t.year_only) == ("dated", ["2011-04..2012-03"], True), (
        t.interpretation
    )
    assert "the financial year 2011-12 (April 2011 to March 2012)" in t.interpretation
    assert spans(parse_timescale(f"academic year {text.removeprefix('by ')}", period)) == [
        "2011-09..2012-08"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "11-12 year olds",
        "aged 11-12",
        "Years 11-12",
        "Year 11-12",
        "pages 11-12",
        "11-12 April 2011",
        "10-11am",
        "11-12 weeks",
        "Phase 11-12",
    ],
)
def test_numbers_joined_by_a_hyphen_that_are_not_a_split_year(text: str) -> None:
    t = parse_timescale(text, THURROCK)
    assert "financial year" not in t.interpretation, t.interpretation
    assert spans(parse_timescale("11-12 April 2011")) == ["2011-04-11..2011-04-12"]


@pytest.mark.parametrize(
    ("text", "period", "expected", "says"),
    [
        (
            "by 31/3",
            THURROCK,
            ["2012-03-31"],
            "'by 31/3' read as by 31 March 2012, the only 31 March in the plan period",
        ),
        (
            "31/3",
            THURROCK,
            ["2012-03-31"],
            "'31/3' read as 31 March 2012, the only 31 March in the plan period",
        ),
        ("Due 30/9", THURROCK, ["2011-09-30"], "'Due 30/9' read as by 30 September 2011"),
        ("End 31/12.", CALENDAR_2012, ["2012-12-31"], "by 31 December 2012"),
        ("Report to Cabinet by 1/7", SOUTHEND, ["2008-07-01"], "by 1 July 2008"),
    ],
)
def test_a_day_and_month_without_a_year_is_that_day_in_the_plan_period(
    text: str, period: Interval, expected: list[str], says: str
) -> None:
    # (they were undated: 'no date could be read')
    t = parse_timescale(text, period)
    assert (t.kind, spans(t)) == ("dated", expected), t.interpretation
    assert says in t.interpretation
    # without a plan period, or in one of several years, which year is not evident
    assert "no plan period" in parse_timescale(text).interpretation
    assert (
        "more than once"
        in parse_timescale(text, Interval(date(2009, 4, 1), date(2013, 3, 31))).interpretation
    )


@pytest.mark.parametrize(
    "text",
    [
        "1/2 day",
        "2/3 of schools",
        "Reduce by 1/3",
        "by 1/3 of schools",
        "1/2 termly",
        "31/2",
        "by 32/1",
        "by 12/13",
        "see 4/5",
        "3/4 days training by 31/3 of",
    ],
)
def test_a_fraction_or_impossible_day_is_not_a_day_without_a_year(text: str) -> None:
    t = parse_timescale(text, THURROCK)
    assert "the only" not in t.interpretation, t.interpretation
    assert parse_timescale("by 12/13", THURROCK).intervals == (
        Interval(date(2012, 4, 1), date(2013, 3, 31)),
    )


@fast
@given(
    st.integers(1, 31),
    st.integers(1, 12),
    st.sampled_from(["", "by ", "By ", "due ", "Due by ", "end ", "End: "]),
    st.sampled_from(["", ".", " "]),
    st.sampled_from([THURROCK, SOUTHEND, CALENDAR_2012]),
)
def test_any_day_and_month_without_a_year_is_read_in_a_one_year_plan(
    day: int, month: int, lead: str, tail: str, period: Interval
) -> None:
    if _split := (month == (day + 1) % 100):
        return  # ('11/12' is a financial year)
    if day >= 10 and month >= 10 and day <= 12:
        # ('10/12': two digits and two, the first a month, are a month and year; tested below)
        return
    text = f"{lead}{day}/{month}{tail}"
    t = parse_timescale(text, period)
    days = [
        d
        for y in (period.start.year, period.end.year)
        for d in [_maybe_date(y, month, day)]
        if d is not None and period.start <= d <= period.end
    ]
    days = sorted(set(days))
    if len(days) == 1:
        assert (t.kind, t.intervals) == ("dated", (Interval(days[0], days[0]),)), t.interpretation
    else:
        assert t.kind == "undated", t.interpretation


def _maybe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


@pytest.mark.parametrize(
    ("text", "expected", "says"),
    [
        ("June 11-12", ["2011-06"], "June 2011, in the financial year 2011-12"),
        ("Jan 11/12", ["2012-01"], "January 2012, in the financial year 2011-12"),
        ("31 March 11-12", ["2012-03-31"], "31 March 2012, in the financial year 2011-12"),
        ("April 11/12 academic year", ["2012-04"], "April 2012, in the academic year 2011-12"),
    ],
)
def test_a_month_before_a_split_year_is_that_month_of_the_year(
    text: str, expected: list[str], says: str
) -> None:
    # ('Jan 11/12' was the financial year, the month dropped; with '11-12' read as a financial year,
    # 'June 11-12' would have been too)
    for period in (None, THURROCK, SOUTHEND):
        t = parse_timescale(text, period)
        assert (t.kind, spans(t), t.year_only) == ("dated", expected, False), t.interpretation
        assert says in t.interpretation


def test_school_years_and_ages_before_a_split_year_are_not_a_financial_year() -> None:
    # ('Year 11/12' and 'aged 11/12' were the financial year 2011-12)
    for text in ("Year 11/12", "Years 10/11", "aged 11/12", "Year 11-12"):
        assert parse_timescale(text, THURROCK).kind == "undated", text
    for text in (
        "financial year 11/12",
        "academic years 11/12 and 12/13",
        "FY 11/12",
        "school year 11-12",
    ):
        assert parse_timescale(text, THURROCK).kind == "dated", text


def test_a_season_before_a_term_in_a_range_is_a_term() -> None:
    # ('Spring 2011 - Summer term 2012' started with the spring season, in March)
    t = parse_timescale("Spring 2011 - Summer term 2012")
    assert spans(t) == ["2011-01..2012-07"]
    assert (
        t.interpretation
        == "'Spring 2011 - Summer term 2012' read as spring term 2011 to summer term 2012"
    )
    assert spans(parse_timescale("Summer 1 June 2012")) == [
        "2012-06-01"
    ]  # (a day, not a half of a term)


SCHOOL_YEAR = Interval(date(2011, 9, 1), date(2012, 8, 31))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("11-12", ["2011-09..2012-08"]),
        ("11/12", ["2011-09..2012-08"]),
        ("2011/12", ["2011-09..2012-08"]),
        ("2012-13", ["2012-09..2013-08"]),
        ("June 11-12", ["2012-06"]),
        ("FY 11-12", ["2011-04..2012-03"]),
        ("financial year 2011/12", ["2011-04..2012-03"]),
        ("Q3 11-12", ["2011-10..2011-12"]),
    ],
)
def test_a_split_year_in_a_plan_for_one_academic_year_is_the_academic_year(
    text: str, expected: list[str]
) -> None:
    # a plan that runs September to August counts its years as schools do, unless the words say
    # 'financial' or 'FY' (a quarter stays a financial-year quarter); in other plans it is the
    # financial year
    assert spans(parse_timescale(text, SCHOOL_YEAR)) == expected
    assert parse_timescale("11-12", THURROCK).intervals == (parse_value_period("2011-12"),)


@pytest.mark.parametrize(
    ("text", "expected", "says"),
    [
        (
            "Autumn 1 and 2 2011",
            ["2011-09..2011-12"],
            "'Autumn 1 and 2 2011' read as the autumn term 2011 (September to December 2011)",
        ),
        ("Autumn 1 & 2 2011", ["2011-09..2011-12"], "the autumn term 2011"),
        (
            "Spring 1 and 2 2012",
            ["2012-01..2012-04"],
            "the spring term 2012 (January to April 2012)",
        ),
        ("Summer 1 + 2 2012", ["2012-04..2012-07"], "the summer term 2012"),
        ("Autumn 1-2 2011", ["2011-09..2011-12"], "the autumn term 2011"),
        ("Spring 1 and 2 2011/12", ["2012-01..2012-04"], "the spring term 2012"),
        ("Autumn term 1 and 2 11/12", ["2011-09..2011-12"], "the autumn term 2011"),
    ],
)
def test_both_halves_of_a_school_term_are_the_term(
    text: str, expected: list[str], says: str
) -> None:
    # (they were the calendar year, 'Autumn 1 and 2' taken as a label)
    for period in (None, THURROCK, SCHOOL_YEAR):
        t = parse_timescale(text, period)
        assert (t.kind, spans(t), t.year_only) == ("dated", expected, False), t.interpretation
        assert says in t.interpretation
    # without a year, placed in the plan period as 'Autumn 1' is
    t = parse_timescale("Autumn 1 and 2", THURROCK)
    assert spans(t) == ["2011-09..2011-12"]
    assert (
        t.interpretation
        == "'Autumn 1 and 2' read as autumn term 2011, the only autumn term in the plan period"
    )
    # winter has no halves; two weeks of the summer are not its halves
    assert parse_timescale("Winter 1 and 2 2011").kind == "undated"
    assert spans(parse_timescale("Summer 1-2 weeks 2012")) == ["2012"]


@pytest.mark.parametrize(
    ("text", "period", "expected", "says"),
    [
        (
            "June 2011/12",
            THURROCK,
            ["2011-06"],
            "'June 2011/12' read as June 2011, in the financial year 2011-12",
        ),
        ("June 2011-12", SOUTHEND, ["2011-06"], "June 2011, in the financial year 2011-12"),
        ("June 2011/2012", None, ["2011-06"], "June 2011, in the financial year 2011-12"),
        (
            "Jan 2011/12",
            THURROCK,
            ["2012-01"],
            "'Jan 2011/12' read as January 2012, in the financial year 2011-12",
        ),
        ("31 March 2011/12", None, ["2012-03-31"], "31 March 2012, in the financial year 2011-12"),
        ("June 2011/12", SCHOOL_YEAR, ["2012-06"], "June 2012, in the academic year 2011-12"),
        ("Jan 2011/12", SCHOOL_YEAR, ["2012-01"], "January 2012, in the academic year 2011-12"),
        ("Sept 2011/12", SCHOOL_YEAR, ["2011-09"], "September 2011, in the academic year 2011-12"),
    ],
)
def test_a_month_before_a_split_year_of_four_digits_is_that_month_of_the_year(
    text: str, period: Interval | None, expected: list[str], says: str
) -> None:
    # June of 2011/12 is June 2011 in a financial year and June 2012 in an academic year, as for
    # 'June 11/12' ('June 2011/12' was June 2011 whatever the plan, 'Jan 2011/12' January 2011)
    t = parse_timescale(text, period)
    assert (t.kind, spans(t), t.year_only) == ("dated", expected, False), t.interpretation
    assert says in t.interpretation
    if not text.endswith("2012"):  # (as 'June 11/12' is read)
        assert spans(parse_timescale(text.replace("2011", "11", 1), period)) == expected
    # a hyphen before a year of four digits still ends a range, and a year joined to its month
    # is still the month's year
    assert spans(parse_timescale("June 2011-2012", period)) == ["2011-06..2012-12"]
    assert spans(parse_timescale("June/2011/12", period)) == ["2011-06"]


@pytest.mark.parametrize(
    ("text", "period", "expected", "says"),
    [
        (
            "by 31/03/",
            THURROCK,
            ["2012-03-31"],
            "'by 31/03/' read as by 31 March 2012, the only 31 March in the plan period",
        ),
        (
            "31/3/",
            SOUTHEND,
            ["2009-03-31"],
            "'31/3/' read as 31 March 2009, the only 31 March in the plan period",
        ),
        ("Due: 30/09/", CALENDAR_2012, ["2012-09-30"], "by 30 September 2012"),
        ("by 31/03/12", None, ["2012-03-31"], "'by 31/03/12' read as by 31 March 2012"),
        ("by 31/03/12", SOUTHEND, ["2012-03-31"], "'by 31/03/12' read as by 31 March 2012"),
        ("31/03/2012", THURROCK, ["2012-03-31"], "'31/03/2012' read as 31 March 2012"),
        ("by 31/03/2012", SCHOOL_YEAR, ["2012-03-31"], "by 31 March 2012"),
    ],
)
def test_a_day_and_month_with_a_slash_and_no_year_after_it(
    text: str, period: Interval | None, expected: list[str], says: str
) -> None:
    # ('by 31/03/', the year left out after the slash, was undated: 'no date could be read')
    t = parse_timescale(text, period)
    assert (t.kind, spans(t)) == ("dated", expected), t.interpretation
    assert says in t.interpretation
    # a slash that goes on to something other than a year is still not a date
    for other in ("by 31/03/x", "by 31/03/4", "1/2/ day"):
        assert parse_timescale(other, THURROCK).kind == "undated", other


@pytest.mark.parametrize(
    ("text", "plain", "says"),
    [
        ("Due June 2011", "By June 2011", "'Due June 2011' read as by the end of June 2011"),
        ("due: June 11", "by: June 11", "'due: June 11' read as by the end of June 2011"),
        ("Due in June 2011", "By June 2011", "'Due in June 2011' read as by the end of June 2011"),
        ("Due 31/03/2012", "By 31/03/2012", "'Due 31/03/2012' read as by 31 March 2012"),
        ("due 31 March 2012", "by 31 March 2012", "'due 31 March 2012' read as by 31 March 2012"),
        (
            "Report due Sept 2011",
            "Report by Sept 2011",
            "'Report': 'due Sept 2011' read as by the end of September 2011",
        ),
        (
            "Due Autumn 2011",
            "By Autumn 2011",
            "'Due Autumn 2011' read as by the end of autumn 2011 (September to November 2011)",
        ),
    ],
)
def test_due_is_read_and_shown_as_by(text: str, plain: str, says: str) -> None:
    # ('Due June 2011' was shown as "'June 2011' read as June 2011", dropping 'Due' from the
    # words and the deadline from the reading, while 'By June 2011' and 'Due by June 2011' said it)
    t, by = parse_timescale(text, THURROCK), parse_timescale(plain, THURROCK)
    assert t.interpretation == says
    assert (t.kind, t.intervals) == (by.kind, by.intervals)
    assert t.interpretation.split(" read as ")[1] == by.interpretation.split(" read as ")[1]


def test_due_is_shown_as_by_in_messages_and_tables() -> None:
    import outcome_graph as og

    plan = og.load(
        "format: outcome-graph/v1\n"
        "plan: {id: p, title: P, period: {start: 2011-04-01, end: 2012-03-31}, as_of: 2012-01-01}\n"
        "milestones:\n"
        "  - {id: M1, title: Publish the audit, timescale: Due June 2011, lead: SILS}\n"
    )
    [row] = og.table(plan, "milestones").to_dict("records")
    assert row["interpretation"] == "'Due June 2011' read as by the end of June 2011"
    [found] = og.check(plan, {"select": ["OG403"]}).findings
    assert "('Due June 2011' read as by the end of June 2011)" in found.message, found.message


@pytest.mark.parametrize(
    ("text", "period", "expected", "says"),
    [
        (
            "June 11/2012",
            THURROCK,
            ["2011-06"],
            "'June 11/2012' read as June 2011, in the financial year 2011-12",
        ),
        ("June 11/2012", None, ["2011-06"], "June 2011, in the financial year 2011-12"),
        ("Jan 11/2012", THURROCK, ["2012-01"], "January 2012, in the financial year 2011-12"),
        ("June 11/2012", SCHOOL_YEAR, ["2012-06"], "June 2012, in the academic year 2011-12"),
        ("June 15/2012", THURROCK, ["2012-06-15"], "'June 15/2012' read as 15 June 2012"),
        ("June 5/2012", None, ["2012-06-05"], "'June 5/2012' read as 5 June 2012"),
    ],
)
def test_a_month_then_a_number_and_a_year_after_a_slash(
    text: str, period: Interval | None, expected: list[str], says: str
) -> None:
    # ('June 11/2012' was November 2012 and 'June 5/2012' May 2012: the number after a month was
    # read as a month, the June dropped) a split year is read as 'June 2011/12' is, a number that
    # can be a day of the month as 'June 15, 2012' is
    t = parse_timescale(text, period)
    assert (t.kind, spans(t)) == ("dated", expected), t.interpretation
    assert says in t.interpretation
    if "11/2012" in text:
        assert t.intervals == parse_timescale(text.replace("11/2012", "2011/12"), period).intervals


@pytest.mark.parametrize("text", ["June 32/2012", "Feb 30/2012"])
def test_a_month_then_a_number_that_cannot_be_its_day_is_not_a_date(text: str) -> None:
    # ('June 32/2012' was June 2011 in a 2011-12 plan, the only June in it, the 2012 dropped)
    t = parse_timescale(text, THURROCK)
    assert t.kind == "undated", t.interpretation
    assert "is not a valid date" in t.interpretation


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("June 2011/15", ["2011-06..2015-12"]),
        ("June 2011-15", ["2011-06..2015-12"]),
        ("June 2011/2015", ["2011-06..2015-12"]),
        ("Sept 2011 / 13", ["2011-09..2013-12"]),
    ],
)
def test_a_month_then_a_span_of_years_runs_from_the_month_to_the_last_year(
    text: str, expected: list[str]
) -> None:
    # ('June 2011/15' was June 2011, the 15 shown as a label) it reads as 'June 2011 - 2015' does
    for period in (None, THURROCK, SCHOOL_YEAR):
        t = parse_timescale(text, period)
        assert (t.kind, spans(t)) == ("dated", expected), t.interpretation
        assert t.ends_on_year and t.due_month is None
        assert (
            t.intervals
            == parse_timescale(f"{text.split()[0]} 2011 - {expected[0][-7:-3]}", period).intervals
        )
        assert " to 20" in t.interpretation


@pytest.mark.parametrize("text", ["June 2011/11", "June 2011-11", "June 2011/10", "June 2011/2011"])
def test_a_year_after_a_month_s_year_not_after_it_is_no_span(text: str) -> None:
    # (the month alone, the number after it told as a label)
    t = parse_timescale(text, THURROCK)
    assert (t.kind, spans(t)) == ("dated", ["2011-06"]), t.interpretation
    after = re.split(r"[/-]", text)[1]
    assert t.interpretation == f"'June 2011' read as June 2011 ('{after}')"


@pytest.mark.parametrize(
    ("text", "expected", "says"),
    [
        (
            "Autumn 2 and Spring 1 2012",
            ["2011-11..2012-02"],
            "'Autumn 2 and Spring 1 2012' read as autumn 2 2011 to spring 1 2012",
        ),
        ("Spring 2 & Summer 1 2012", ["2012-02..2012-05"], "spring 2 2012 to summer 1 2012"),
        ("Autumn 1 and Autumn 2 2011", ["2011-09..2011-12"], "autumn 1 2011 to autumn 2 2011"),
        ("Autumn 2 2011 and Spring 1 2012", ["2011-11..2012-02"], "autumn 2 2011 to spring 1 2012"),
        # (halves that are not next to each other are two dates)
        ("Autumn 1 and Spring 2 2012", ["2011-09..2011-10", "2012-02..2012-04"], "2 dates"),
    ],
)
def test_two_halves_of_terms_next_to_each_other_joined_by_and_are_their_span(
    text: str, expected: list[str], says: str
) -> None:
    # ('Autumn 2 and Spring 1 2012' was two dates, as if the work were due twice) as 'Autumn 1 and 2
    # 2011' is the whole autumn term, they are the span from the first half to the second
    t = parse_timescale(text, THURROCK)
    assert (t.kind, spans(t)) == ("dated", expected), t.interpretation
    assert says in t.interpretation
    if len(expected) == 1:
        assert (
            t.intervals
            == parse_timescale(
                text.replace(" and ", " - ").replace(" & ", " - "), THURROCK
            ).intervals
        )
    t = parse_timescale("Autumn 2 and Spring 1", THURROCK)
    assert spans(t) == ["2011-11..2012-02"], t.interpretation


#: every word before a month that the full reader takes as a deadline ('by', 'due', 'end of' ...)
# ('before' is the month before: read by the full reader, test_before_a_date_is_by_the_one_before)
DEADLINE_WORDS = [
    "by",
    "no later than",
    "not later than",
    "until",
    "till",
    "up to",
    "deadline",
    "due",
    "due by",
    "due in",
    "due on",
    "end",
    "end of",
    "the end of",
    "by end",
    "by end of",
    "by the end of",
    "by the end",
    "until the end of",
    "before the end of",
    "close of",
    "by close of",
]


@fast
@given(
    st.sampled_from(DEADLINE_WORDS),
    st.sampled_from(MONTHS + ABBREVIATIONS + ["Sept.", "Sep"]),
    st.integers(0, 99),
    st.booleans(),
    cases,
    st.sampled_from([" ", "  ", "\t", " \n"]),
)
def test_the_quick_path_reads_every_deadline_word_as_the_full_reader_does(
    lead: str, month: str, yy: int, four: bool, case: object, space: str
) -> None:
    # ('due June 2012' and 'before June 2012' went the long way while 'by June 2012' was read
    # quickly: the quick path takes every deadline word the full reader takes, with the same result)
    year = f"{2000 + yy}" if four else f"{yy:02d}"
    text = case(f"{lead.replace(' ', space)}{space}{month} {year}")  # type: ignore[operator]
    assert timescale._FAST_RE.fullmatch(text) is not None, text
    t = timescale._read(text, None)
    assert t == timescale._read_full(text, None)
    assert t.interpretation.endswith(
        f"read as by the end of {t.interpretation.split()[-2]} {2000 + yy}"
    )


def test_the_quick_path_leaves_deadline_words_over_40_characters_to_the_full_reader() -> None:
    # (the full reader looks for deadline words in the 40 characters before a date: one phrase
    # reads the same whichever path takes it)
    text = "no   later   than   the   close   of   the   June 2012"
    assert timescale._read(text, None) == timescale._read_full(text, None)
    assert timescale._read(text, None).interpretation.startswith("'no later than': ")


@pytest.mark.parametrize(
    ("text", "expected", "says"),
    [
        (
            "Autumn 2, Spring 1 and Spring 2 2012",
            ["2011-11..2012-04"],
            "'Autumn 2, Spring 1 and Spring 2 2012' read as autumn 2 2011 to spring 2 2012",
        ),
        (
            "Autumn 1, Autumn 2, Spring 1 & Spring 2 2012",
            ["2011-09..2012-04"],
            "autumn 1 2011 to spring 2 2012",
        ),
        (
            "Spring 2, Summer 1, and Summer 2 2012",
            ["2012-02..2012-07"],
            "spring 2 2012 to summer 2 2012",
        ),
        # (with commas alone, as with 'and': 'Autumn 2, Spring 1 2012' is 'Autumn 2 and Spring 1
        # 2012')
        (
            "Autumn 2, Spring 1 2012",
            ["2011-11..2012-02"],
            "'Autumn 2, Spring 1 2012' read as autumn 2 2011 to spring 1 2012",
        ),
        (
            "Autumn 2, Spring 1, Spring 2 2012",
            ["2011-11..2012-04"],
            "autumn 2 2011 to spring 2 2012",
        ),
        (
            "Autumn 1, Autumn 2, Spring 1, Spring 2 2012",
            ["2011-09..2012-04"],
            "autumn 1 2011 to spring 2 2012",
        ),
        ("Summer 2 2011, Autumn 1 2011", ["2011-06..2011-10"], "summer 2 2011 to autumn 1 2011"),
        # (a list with halves apart is a list of dates, every half of it, as before)
        (
            "Autumn 1, Spring 1 and Summer 1 2012",
            ["2011-09..2011-10", "2012-01..2012-02", "2012-04..2012-05"],
            "3 dates",
        ),
        ("Autumn 2, Spring 2 2012", ["2011-11..2011-12", "2012-02..2012-04"], "2 dates"),
        (
            "Autumn 2, Spring 1 and Summer 1 2012",
            ["2011-11..2011-12", "2012-01..2012-02", "2012-04..2012-05"],
            "3 dates",
        ),
        (
            "Autumn 1, Autumn 2, Spring 2 2012",
            ["2011-09..2011-10", "2011-11..2011-12", "2012-02..2012-04"],
            "3 dates",
        ),
        # (the list ends where the halves do: what follows is a date of its own)
        ("Autumn 2, Spring 1 2012, June 2012", ["2011-11..2012-02", "2012-06"], "2 dates"),
    ],
)
def test_halves_of_terms_each_after_the_one_before_listed_are_their_span(
    text: str, expected: list[str], says: str
) -> None:
    # ('Autumn 2, Spring 1 and Spring 2 2012' was two dates while 'Autumn 2 and Spring 1 2012' is
    # one span) halves in a row, listed as a person lists them, are one span too, with a final 'and'
    # or with commas alone ('Autumn 2, Spring 1 2012' was two dates)
    t = parse_timescale(text, THURROCK)
    assert (t.kind, spans(t)) == ("dated", expected), t.interpretation
    assert says in t.interpretation
    if len(expected) == 1:
        first, last = text.split(",")[0], re.split(r",? (?:and|&) |, ", text)[-1]
        assert t.intervals == parse_timescale(f"{first} - {last}", THURROCK).intervals


@pytest.mark.parametrize(
    ("text", "expected", "says"),
    [
        (
            "Autumn 1, Autumn 2, Spring 1 2011/13",
            "2011-09..2011-12",
            "'Autumn 1, Autumn 2' read as autumn 1 2011 to autumn 2 2011",
        ),
        (
            "Autumn 2, Spring 1, Spring 2 2012/2014",
            "2011-11..2012-02",
            "'Autumn 2, Spring 1' read as autumn 2 2011 to spring 1 2012",
        ),
    ],
)
def test_a_list_of_halves_of_terms_ends_before_a_half_that_is_no_date(
    text: str, expected: str, says: str
) -> None:
    # (the halves before it are still their span; the last, naming no consecutive years, is told)
    t = parse_timescale(text, THURROCK)
    assert (t.kind, spans(t)) == ("dated", [expected]), t.interpretation
    assert t.interpretation.startswith(says)
    assert "does not name consecutive years" in t.interpretation


@pytest.mark.parametrize(
    ("text", "period", "expected", "says"),
    [
        ("June 5/12", THURROCK, ["2012-06-05"], "'June 5/12' read as 5 June 2012"),
        ("June 15/12", None, ["2012-06-15"], "'June 15/12' read as 15 June 2012"),
        ("By Sept 30/11", THURROCK, ["2011-09-30"], "by 30 September 2011"),
        ("Jan 12/11", THURROCK, ["2011-01-12"], "12 January 2011"),
        # (a number and the next year are a split year, as before: 'June 11/12' is 'June 2011/12')
        ("June 11/12", THURROCK, ["2011-06"], "June 2011, in the financial year 2011-12"),
        ("June 11/12", SCHOOL_YEAR, ["2012-06"], "June 2012, in the academic year 2011-12"),
        ("Jan 11/12", THURROCK, ["2012-01"], "January 2012, in the financial year 2011-12"),
    ],
)
def test_a_month_then_a_day_and_a_two_digit_year_after_a_slash(
    text: str, period: Interval | None, expected: list[str], says: str
) -> None:
    # ('June 5/12' and 'June 15/12' were undated, "'June' gives no year", the year after the slash
    # dropped) a number that is not the start of a split year is the day, as in 'June 15/2012'
    t = parse_timescale(text, period)
    assert (t.kind, spans(t)) == ("dated", expected), t.interpretation
    assert says in t.interpretation
    year = text.rsplit("/", 1)[1]
    assert t.intervals == parse_timescale(text.replace(f"/{year}", f"/20{year}"), period).intervals


def test_a_month_then_a_number_that_cannot_be_its_day_and_a_two_digit_year_is_not_a_date() -> None:
    t = parse_timescale("June 31/12", THURROCK)
    assert (
        t.kind == "undated" and "is not a valid date (June 2012 has 30 days)" in t.interpretation
    ), t.interpretation


@pytest.mark.parametrize(
    ("text", "expected", "says"),
    [
        # (a reader of 'Before April 2012' means by 31 March: it was by the end of April)
        ("Before April 2012", ["2012-03"], "by the end of March 2012"),
        ("before 1 April 2012", ["2012-03-31"], "by 31 March 2012"),
        ("Prior to Sept 2011", ["2011-08"], "by the end of August 2011"),
        ("before Jan 12", ["2011-12"], "by the end of December 2011"),
        ("Before 2012", ["2011"], "by the end of the calendar year 2011"),
        (
            "Before the end of March 2012",
            ["2012-03"],
            "by the end of March 2012",
        ),  # (the end: that month)
    ],
)
def test_before_a_date_is_by_the_one_before(text: str, expected: list[str], says: str) -> None:
    t = parse_timescale(text, THURROCK)
    assert (t.kind, spans(t)) == ("dated", expected) and says in t.interpretation, t.interpretation


@pytest.mark.parametrize(
    ("text", "expected", "says"),
    [
        # ('before' a span was read as by its end: 'before the spring term 2012' was by the end of
        # April 2012, after the term it is to come before; 'before 2012/13' by the end of March
        # 2013)
        ("before 2012/13", ["2011-04..2012-03"], "by the end of the financial year 2011-12"),
        ("prior to 2012-13", ["2011-04..2012-03"], "by the end of the financial year 2011-12"),
        ("before the spring term 2012", ["2011-12"], "by the end of December 2011"),
        ("before Spring 2012", ["2012-02"], "by the end of February 2012"),
        ("before Q3 2011-12", ["2011-09"], "by the end of September 2011"),
        ("before early 2012", ["2011-12"], "by the end of December 2011"),
        ("before H2 2011/12", ["2011-09"], "by the end of September 2011"),
        ("before Spring 1 2012", ["2011-12"], "by the end of December 2011"),
        ("before the summer holidays 2012", ["2012-06"], "by the end of June 2012"),
        # (without a year, the one before is what is placed in the plan period)
        ("before March", ["2012-02"], "by the end of February 2012"),
        ("before April", ["2012-03"], "by the end of March 2012"),
        ("before Q3", ["2011-09"], "by the end of September 2011"),
        ("before the spring term", ["2011-12"], "by the end of December 2011"),
        ("before 1 April", ["2012-03-31"], "by 31 March 2012"),
        # (the kind of year named between 'before' and the year: it was read as the whole year
        # 2012-13, the words a label)
        (
            "before the financial year 2012/13",
            ["2011-04..2012-03"],
            "'before the financial year 2012/13' read as by the end of the financial year 2011-12 "
            "(April 2011 to March 2012)",
        ),
        (
            "before the academic year 2012/13",
            ["2011-09..2012-08"],
            "by the end of the academic year 2011-12",
        ),
        ("prior to FY 2012/13", ["2011-04..2012-03"], "by the end of the financial year 2011-12"),
        ("before the calendar year 2012", ["2011"], "by the end of the calendar year 2011"),
        # (a range: before it starts; it was 'by the end of April 2012 to June 2012', April to June)
        (
            "before April 2012 - June 2012",
            ["2012-03"],
            "'before April 2012 - June 2012' read as by the end of March 2012",
        ),
        ("before 15 April - 30 June 2012", ["2012-04-14"], "read as by 14 April 2012"),
        ("before 1 April - 30 June 2012", ["2012-03"], "read as by the end of March 2012"),
        (
            "before 2011/12 - 2012/13",
            ["2010-04..2011-03"],
            "by the end of the financial year 2010-11",
        ),
        ("before 2011 to 2012", ["2010-04..2011-03"], "by the end of the financial year 2010-11"),
        ("before 2010-2013", ["2009"], "by the end of the calendar year 2009"),
        (
            "before the autumn term 2011 - spring term 2012",
            ["2011-08"],
            "by the end of August 2011",
        ),
        ("before April - June", ["2012-03"], "read as by the end of March 2012"),
    ],
)
def test_before_a_span_is_by_the_end_of_what_comes_before_it(
    text: str, expected: list[str], says: str
) -> None:
    t = parse_timescale(text, THURROCK)
    assert (t.kind, spans(t)) == ("dated", expected) and says in t.interpretation, t.interpretation
    if re.search(
        r"20\d\d", text
    ):  # (with a year: what is due before a span is due before it starts)
        by = parse_timescale(text.replace("before", "by").replace("prior to", "by"), THURROCK)
        assert t.span is not None and by.span is not None and t.span.end < by.span.start, (
            t.interpretation,
            by.interpretation,
        )


@pytest.mark.parametrize(
    ("text", "period", "says"),
    [
        # (it said 'by 30 March 2012, the only 31 March in the plan period': what is placed is the
        # day before)
        (
            "before 31 March",
            THURROCK,
            "'before 31 March' read as by 30 March 2012, the only day before 31 March in the plan "
            "period",
        ),
        (
            "before 31 March",
            Interval(date(2009, 4, 1), date(2013, 3, 31)),
            "'31 March' gives no year, and the day before 31 March occurs more than once in the "
            "plan period",
        ),
        (
            "before April",
            Interval(date(2009, 4, 1), date(2013, 3, 31)),
            "'April' gives no year, and the month before April occurs more than once in the plan "
            "period",
        ),
        (
            "before April",
            Interval(date(2011, 4, 1), date(2011, 12, 31)),
            "'April' gives no year, and no month before April falls within the plan period",
        ),
    ],
)
def test_before_a_date_without_a_year_says_the_one_before_is_placed(
    text: str, period: Interval, says: str
) -> None:
    assert parse_timescale(text, period).interpretation == says


def test_before_a_split_year_in_an_academic_year_plan_is_the_academic_year_before() -> None:
    t = parse_timescale("before 2012/13", Interval(date(2011, 9, 1), date(2012, 8, 31)))
    assert (
        spans(t) == ["2011-09..2012-08"]
        and "by the end of the academic year 2011-12" in t.interpretation
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("by the 31st March", ["2012-03-31"]),
        ("the 1st of April", ["2011-04-01"]),
        ("the September Guarantee", []),  # (a name: no date)
    ],
)
def test_the_before_a_day_without_a_year_is_that_day(text: str, expected: list[str]) -> None:
    # ('the' before a yearless month is a name, 'the September Guarantee'; before a day, a date)
    assert spans(parse_timescale(text, THURROCK)) == expected


# ---------------------------------------------------------------------------------------------
# 'By' before a span: by its end, as 'by March 2012' is by the end of March 2012
# ---------------------------------------------------------------------------------------------
#: (the span as written, the plan period, its interval, how 'by the end of' names it)
SPANS = [
    (
        "the spring term",
        THURROCK,
        "2012-01..2012-04",
        "the spring term 2012 (January to April 2012)",
    ),
    ("spring term 2012", None, "2012-01..2012-04", "the spring term 2012 (January to April 2012)"),
    ("the summer term 2012", None, "2012-04..2012-07", "the summer term 2012 (April to July 2012)"),
    (
        "Autumn 1 2011",
        None,
        "2011-09..2011-10",
        "the first half of the autumn term 2011 (September to October 2011)",
    ),
    (
        "early 2012",
        None,
        "2012-01..2012-04",
        "the first third of the calendar year 2012 (January to April 2012)",
    ),
    (
        "the start of 2012",
        None,
        "2012-01..2012-04",
        "the first third of the calendar year 2012 (January to April 2012)",
    ),
    (
        "mid 2012",
        None,
        "2012-05..2012-08",
        "the second third of the calendar year 2012 (May to August 2012)",
    ),
    (
        "late 2011",
        None,
        "2011-09..2011-12",
        "the last third of the calendar year 2011 (September to December 2011)",
    ),
    (
        "early 2012/13",
        None,
        "2012-04..2012-07",
        "the first third of the financial year 2012-13 (April to July 2012)",
    ),
    (
        "the first half of 2012",
        None,
        "2012-01..2012-06",
        "the first half of the calendar year 2012 (January to June 2012)",
    ),
    (
        "H2 2011/12",
        None,
        "2011-10..2012-03",
        "the second half of the financial year 2011-12 (October 2011 to March 2012)",
    ),
    ("end of Q3", THURROCK, "2011-10..2011-12", "Q3 2011-12 (October to December 2011)"),
    ("Q3 2011-12", None, "2011-10..2011-12", "Q3 2011-12"),
    ("the third quarter of 2011/12", None, "2011-10..2011-12", "Q3 2011-12"),
    ("end of Q3 2012", None, "2012-07..2012-09", "Q3 2012"),
    ("Summer 2011", None, "2011-06..2011-08", "summer 2011 (June to August 2011)"),
    ("the summer", THURROCK, "2011-06..2011-08", "summer 2011 (June to August 2011)"),
    ("Winter 2011/12", None, "2011-12..2012-02", "winter 2011 (December 2011 to February 2012)"),
    ("the summer holidays 2012", None, "2012-07..2012-08", "the summer holidays 2012"),
    ("Easter 2012", None, "2012-04", "April 2012 (Easter)"),
    ("the autumn half term 2011", None, "2011-10", "autumn half-term 2011"),
]


@pytest.mark.parametrize(("span", "period", "expected", "named"), SPANS)
@pytest.mark.parametrize("by", ["by", "By", "by the end of", "Due", "no later than"])
def test_by_a_span_is_by_its_end(
    by: str, span: str, period: Interval | None, expected: str, named: str
) -> None:
    # ('by the spring term', 'by early 2012': the 'by' was dropped, the milestone read as due within
    # the span; the interval is the span, as 'by March 2012' keeps March, and the reading says 'by')
    if (by == "by the end of" and span.startswith(("end of", "the start of"))) or (
        by == "Due" and span.startswith("end")
    ):
        return
    text = f"{by} {span}"
    t = parse_timescale(text, period)
    assert (t.kind, spans(t)) == ("dated", [expected]), t.interpretation
    assert t.interpretation == f"{quoted_text(text)} read as by the end of {named}"
    alone = parse_timescale(span.removeprefix("end of ").removeprefix("the "), period)
    assert alone.intervals == t.intervals and alone.due_month == t.due_month


def quoted_text(text: str) -> str:
    return f"'{text}'"


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Report published by early 2012", "Report published"),
        ("Pilot evaluated by the spring term", "Pilot evaluated"),
    ],
)
def test_by_a_span_after_words_keeps_the_words_as_its_label(text: str, label: str) -> None:
    t = parse_timescale(text, THURROCK)
    assert t.interpretation.startswith(f"'{label}': 'by "), t.interpretation
    assert "read as by the end of " in t.interpretation


@fast
@given(
    st.sampled_from(
        [
            "early",
            "Early",
            "mid",
            "late",
            "start of",
            "beginning of",
            "first half of",
            "second half of",
        ]
    ),
    st.integers(1990, 2090),
    st.sampled_from(["", "/{next}", "-{next}"]),
    st.sampled_from(["by", "By", "by the end of", "due", "until", "Due by"]),
)
def test_by_a_part_of_a_year_is_by_the_end_of_that_part(
    part: str, year: int, split: str, by: str
) -> None:
    written = f"{part} {year}{split.format(next=f'{(year + 1) % 100:02d}')}"
    alone, t = parse_timescale(written), parse_timescale(f"{by} {written}")
    assert alone.kind == t.kind == "dated" and len(t.intervals) == 1
    assert (
        t.intervals == alone.intervals
        and t.intervals[0] != parse_timescale(written.split(" ", 2)[-1]).intervals[0]
    )
    assert " read as by the end of the " in t.interpretation and f"{year}" in t.interpretation, (
        t.interpretation
    )


# ---------------------------------------------------------------------------------------------
# Parts of years in a range: one span
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected", "says"),
    [
        (
            "late 2011 - early 2012",
            "2011-09..2012-04",
            "read as late in the calendar year 2011 to early in the calendar year 2012 (September "
            "2011 to April 2012)",
        ),
        ("Late 2011 to Early 2012", "2011-09..2012-04", "(September 2011 to April 2012)"),
        ("from mid 2011 to early 2012", "2011-05..2012-04", "(May 2011 to April 2012)"),
        ("between early 2012 and mid 2012", "2012-01..2012-08", "(January to August 2012)"),
        ("Early 2011/12 – late 2011/12", "2011-04..2012-03", "(April 2011 to March 2012)"),
        ("H2 2011 - early 2012", "2011-07..2012-04", "(July 2011 to April 2012)"),
        ("Sept 2011 - early 2012", "2011-09..2012-04", "(September 2011 to April 2012)"),
        (
            "late 2011 - March 2012",
            "2011-09..2012-03",
            "late in the calendar year 2011 to March 2012",
        ),
    ],
)
def test_parts_of_years_joined_as_a_range_are_one_span(text: str, expected: str, says: str) -> None:
    # ('late 2011 - early 2012' was two dates: the parts were read after the ranges were joined)
    t = parse_timescale(text, THURROCK)
    assert (t.kind, spans(t)) == ("dated", [expected]), t.interpretation
    assert says in t.interpretation
    assert not t.year_only and not t.ends_on_year


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("late 25 May 2011", "'late 25 May 2011' read as 25 May 2011"),
        ("Late 3rd June 2011", "'Late 3rd June 2011' read as 3 June 2011"),
        ("late 25/05/2011", "'late 25/05/2011' read as 25 May 2011"),
        ("mid 25 May 2011", "'mid 25 May 2011' read as 25 May 2011"),
        ("early 25 May 2011", "'early 25 May 2011' read as 25 May 2011"),
        ("start of 3 June 2011", "'start of 3 June 2011' read as 3 June 2011"),
    ],
)
def test_a_part_word_before_a_day_leaves_the_day_and_is_said_without_it(
    text: str, says: str
) -> None:
    # (a day has no thirds: the day is read whole, and said as the day; 'mid' made 'mid-25 May')
    t = parse_timescale(text, THURROCK)
    day = date(2011, 5, 25) if "May" in says else date(2011, 6, 3)
    assert (t.kind, t.intervals) == ("dated", (Interval(day, day),))
    assert t.interpretation == says


_THIRDS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}


@fast
@given(
    st.sampled_from(sorted(_THIRDS)),
    st.sampled_from(sorted(_THIRDS)),
    st.integers(1990, 2090),
    st.integers(0, 3),
    st.sampled_from([" - ", " to ", "–", " until "]),
)
def test_any_range_of_thirds_of_years_runs_from_the_first_to_the_end_of_the_second(
    a: str, b: str, year: int, apart: int, gap: str
) -> None:
    if apart == 0 and _THIRDS[b] < _THIRDS[a]:
        return  # (a range that ends before it starts is not read)
    t = parse_timescale(f"{a} {year}{gap}{b} {year + apart}")
    first, last = _THIRDS[a][0], _THIRDS[b][1]
    assert t.intervals == (
        Interval(date(year, first, 1), month_interval(year + apart, last).end),
    ), t.interpretation


# ---------------------------------------------------------------------------------------------
# A provisional date is marked once
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "says"),
    [
        (
            "Early 2012 (tbc)",
            "'Early 2012' read as early in the calendar year 2012 (January to April 2012) (marked "
            "'tbc')",
        ),
        ("May 2011 (tbc)", "'May 2011' read as May 2011 (marked 'tbc')"),
        ("TBC: May 2011", "'May 2011' read as May 2011 (marked 'TBC')"),
        (
            "Summer term 2012 - to be confirmed",
            "read as the summer term 2012 (April to July 2012) (marked 'to be confirmed')",
        ),
        (
            "Report by May 11 (tbc)",
            "'Report': 'by May 11' read as by the end of May 2011 (marked 'tbc')",
        ),
        (
            "Sept 2011 (TBC) and March 2012",
            "read as 2 dates: September 2011; March 2012 (marked 'TBC')",
        ),
    ],
)
def test_a_provisional_date_is_marked_once(text: str, says: str) -> None:
    # ('Early 2012 (tbc)' was "... (January to April 2012) ('tbc') (marked 'tbc')": the marker was
    # also the words after the date)
    t = parse_timescale(text, THURROCK)
    assert t.kind == "dated" and says in t.interpretation, t.interpretation
    marker = says.rsplit("marked ", 1)[1].strip("')").lower()
    assert t.interpretation.split(" read as ")[1].lower().count(marker) == 1, t.interpretation


# ---------------------------------------------------------------------------------------------
# Months and seasons misspelt by one slip
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "period", "expected", "slip"),
    [
        ("Sumer 2011", None, ["2011-06..2011-08"], "'Sumer' taken as summer"),
        ("Autum term", THURROCK, ["2011-09..2011-12"], "'Autum' taken as autumn"),
        ("Autum term 2011", None, ["2011-09..2011-12"], "'Autum' taken as autumn"),
        ("by the Auttumn term 2011", None, ["2011-09..2011-12"], "'Auttumn' taken as autumn"),
        ("Spirng term 2012", None, ["2012-01..2012-04"], "'Spirng' taken as spring"),
        ("Wintr 2011/12", None, ["2011-12..2012-02"], "'Wintr' taken as winter"),
        ("Sumer holidays 2012", None, ["2012-07..2012-08"], "'Sumer' taken as summer"),
        ("Spring/Sumer 2012", None, ["2012-03..2012-08"], "'Sumer' taken as summer"),
        ("Sumer term 2", THURROCK, ["2011-06..2011-07"], "'Sumer' taken as summer"),
        ("Febuary 2012", None, ["2012-02"], "'Febuary' taken as February"),
        ("Feburary 2012", None, ["2012-02"], "'Feburary' taken as February"),
        (
            "Febuary",
            THURROCK,
            ["2012-02"],
            "'Febuary' read as February 2012, the only February in the plan period",
        ),
        ("Spetember 2011", None, ["2011-09"], "'Spetember' taken as September"),
        ("by Decenber 2011", None, ["2011-12"], "'Decenber' taken as December"),
        ("Arpil to June 2012", None, ["2012-04..2012-06"], "'Arpil' taken as April"),
        (
            "Mrach 2012",
            None,
            ["2012-03"],
            "'Mrach 2012' read as March 2012 ('Mrach' taken as March)",
        ),
        (
            "from Setpember 2011 onwards",
            THURROCK,
            ["2011-09..2012-03"],
            "'Setpember' taken as September",
        ),
    ],
)
def test_a_month_or_season_misspelt_by_one_slip_is_read_and_the_reading_names_it(
    text: str, period: Interval | None, expected: list[str], slip: str
) -> None:
    # ('Sumer 2011' was the calendar year 2011, 'Autum term' undated; 'Febuary' was read silently)
    t = parse_timescale(text, period)
    assert spans(t) == expected and slip in t.interpretation, t.interpretation
    assert t.interpretation.count(" taken as ") == 1


@pytest.mark.parametrize(
    "word",
    [
        "Sprint",
        "Sprig",
        "Springs",
        "Springy",
        "Sparing",
        "String",
        "Summery",
        "Summary",
        "Summers",
        "Winner",
        "Winder",
        "Winters",
        "Wintery",
        "Augusta",
        "Augustus",
        "Marsh",
        "Match",
        "Marches",
        "Marched",
        "Octopus",
        "Number",
        "Member",
        "Remember",
        "Junes",
    ],
)
def test_a_real_word_is_not_taken_for_a_month_or_season(word: str) -> None:
    # (no likeness measure: 'Augusta 2011' was August 2011, read by a close match to the month's
    # name)
    for text in (f"{word} 2011", f"{word} term", word, f"by {word}"):
        t = parse_timescale(text, THURROCK)
        assert " taken as " not in t.interpretation, t.interpretation
        assert spans(t) in ([], ["2011"]), t.interpretation


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("Sumer 2011/12", "'Sumer 2011/12' is ambiguous: which summer of 2011/12?"),
        (
            "Febuary 31st 2012",
            "'Febuary 31st 2012' is not a valid date (February 2012 has 29 days)",
        ),
    ],
)
def test_a_misspelt_name_in_a_date_that_cannot_be_read_is_quoted_as_written(
    text: str, says: str
) -> None:
    assert parse_timescale(text, THURROCK).interpretation == says


def test_the_mark_of_a_mended_name_in_the_text_itself_is_no_name() -> None:
    # (the mark a mended name is written with is read as a space where the text has it)
    assert spans(parse_timescale("sum\x00\x00 2011")) == ["2011"]
    assert " taken as " not in parse_timescale("sum\x00\x00 2011").interpretation


_NAMES = [*(m for m in MONTHS if len(m) >= 5), "Spring", "Summer", "Autumn", "Winter"]


def _slipped(name: str, kind: str, at: int, letter: str) -> str:
    low = name.lower()
    i = 1 + at % (len(low) - 1)  # (the first letter is kept)
    if kind == "swap" and i + 1 < len(low):
        return low[:i] + low[i + 1] + low[i] + low[i + 2 :]
    if kind == "drop":
        return low[:i] + low[i + 1 :]
    return low[:i] + letter + low[i:]  # ('add')


@fast
@given(
    st.sampled_from(_NAMES),
    st.sampled_from(["swap", "drop", "add"]),
    st.integers(0, 20),
    st.sampled_from("abcdeilmnorstuy"),
    st.booleans(),
)
def test_any_one_slip_of_a_long_month_or_a_season_reads_as_it(
    name: str, kind: str, at: int, letter: str, capital: bool
) -> None:
    from outcome_graph.analysis.timescale.slips import NOT_SLIPS, slip_name

    word = _slipped(name, kind, at, letter)
    if word == name.lower() or word in NOT_SLIPS or len(word) < 5 or slip_name(word) is None:
        # (no slip; a word of its own; too short; one slip from two names, which is not evident)
        return
    written = word.capitalize() if capital else word
    t, right = parse_timescale(f"{written} 2012"), parse_timescale(f"{name} 2012")
    assert t.intervals == right.intervals and t.kind == "dated", t.interpretation
    assert f"'{written}' taken as " in t.interpretation


@fast
@given(
    st.text(alphabet="abcdefghijlmnoprstuvwy", min_size=5, max_size=10),
    st.sampled_from([" 2012", " term", ""]),
)
def test_only_a_word_one_slip_from_a_name_is_mended(word: str, after: str) -> None:
    from outcome_graph.analysis.timescale.slips import one_slip

    t = parse_timescale(word + after, THURROCK)
    if "' taken as " in t.interpretation:  # (a slip named: not "ongoing, taken as the plan period")
        name = t.interpretation.rsplit(" taken as ", 1)[1].rstrip(")").lower()
        assert one_slip(word, name), t.interpretation


@pytest.mark.parametrize(
    ("text", "expected", "says"),
    [
        # (each was the year alone, the short month a word of four letters or fewer not mended)
        ("Jnue 2012", ["2012-06"], "'Jnue 2012' read as June 2012 ('Jnue' taken as June)"),
        ("12 Juyl 2011", ["2011-07-12"], "'Juyl' taken as July"),
        ("Juen 2012", ["2012-06"], "'Juen' taken as June"),
        ("Jly 2011", ["2011-07"], "'Jly' taken as July"),
        ("Jully 2011", ["2011-07"], "'Jully' taken as July"),
        ("Mya 2012", ["2012-05"], "'Mya' taken as May"),
        ("Mayy 2012", ["2012-05"], "'Mayy' taken as May"),
        ("Juyl 11", ["2011-07"], "July 2011"),
        ("3rd of Jnue 2012", ["2012-06-03"], "3 June 2012"),
        ("12 Juyl", ["2011-07-12"], "the only 12 July in the plan period ('Juyl' taken as July)"),
        ("Jnue - Juyl 2012", ["2012-06..2012-07"], "June 2012 to July 2012"),
        # (no date evidently stands there, or the slip makes a word: not mended)
        ("Jnue", [], "no date could be read"),
        ("by Juyl", [], "no date could be read"),
        ("many 2012", ["2012"], "'many': '2012' read as the calendar year 2012"),
        ("Mary 2012", ["2012"], "the calendar year 2012"),
        ("Mayor 2012", ["2012"], "the calendar year 2012"),
        ("my 2012", ["2012"], "the calendar year 2012"),
        ("Jun 2012", ["2012-06"], "'Jun 2012' read as June 2012"),  # (a short form, no slip)
    ],
)
def test_a_short_month_misspelt_is_mended_only_where_a_date_stands(
    text: str, expected: list[str], says: str
) -> None:
    t = parse_timescale(text, THURROCK)
    assert spans(t) == expected, t.interpretation
    assert says in t.interpretation


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # (each was undated, or the year alone: the short forms of the terms' halves as schools
        # write them)
        ("Aut 1", ["2011-09..2011-10"]),
        ("Aut1", ["2011-09..2011-10"]),
        ("Spr 2", ["2012-02..2012-04"]),
        ("Spr2 2012", ["2012-02..2012-04"]),
        ("Sum 1 2012", ["2012-04..2012-05"]),
        ("Sum term 2012", ["2012-04..2012-07"]),
        ("Aut term", ["2011-09..2011-12"]),
        ("Aut 2011", ["2011-09..2011-11"]),
        ("Aut 2, Spr 1 and Spr 2 2012", ["2011-11..2012-04"]),
        # ('sum' and 'win' are words: read only before a half's number or 'term')
        ("Sum 2012", ["2012"]),
        ("sum 2 weeks", []),
        ("win 1", []),
    ],
)
def test_the_short_forms_of_the_terms_are_read(text: str, expected: list[str]) -> None:
    t = parse_timescale(text, THURROCK)
    assert spans(t) == expected, t.interpretation


def _plan_words() -> list[str]:
    """Every word of the real plans' titles, notes and names: English as the plans write it."""
    import yaml

    words: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("title", "notes", "name", "description") and isinstance(value, str):
                    words.update(w.lower() for w in re.findall(r"[A-Za-z]+", value))
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for path in sorted((Path(__file__).resolve().parent.parent / "models").glob("*.yaml")):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    # (the names themselves, and their short forms, are months)
    names = (
        {m.lower() for m in MONTHS}
        | {a.lower() for a in ABBREVIATIONS}
        | {"sep", "spring", "summer", "autumn", "winter"}
    )
    return sorted(words - names)


def _names_a_month(t: Timing) -> bool:
    """Whether a reading gives a month or a day (not a year, a part of one or ongoing work)."""
    return t.kind == "dated" and any(
        iv.start.month == iv.end.month and iv.start.year == iv.end.year for iv in t.intervals
    )


def test_no_word_of_the_real_plans_is_read_as_a_month() -> None:
    # every word the plans write, one slip from a month or not, where a misspelt month would be
    # mended: before a year, after a day, before a range to a month, or alone; none is taken for a
    # month
    words = _plan_words()
    plain = parse_timescale("Sept 2012", THURROCK).intervals
    assert len(words) > 1000 and {"jobs", "joint", "match", "marks", "mumps", "judge"} <= set(words)
    for word in words:
        for text in (
            f"{word} 2012",
            f"{word.capitalize()} 2012",
            f"{word.upper()} 11",
            f"12 {word} 2011",
            f"12 {word}",
            word,
            f"by {word}",
        ):
            t = parse_timescale(text, THURROCK)
            assert "' taken as " not in t.interpretation and not _names_a_month(t), t.interpretation
        # (before a range to a month, a word is a label, or a word about the date: 'before',
        # 'after', 'early', 'middle')
        t = parse_timescale(f"{word} - Sept 2012", THURROCK)
        assert "' taken as " not in t.interpretation, t.interpretation
        assert t.intervals == plain or word in ("before", "after", "early", "middle"), (
            t.interpretation
        )


# ---------------------------------------------------------------------------------------------
# A month and a year of two digits: '06/11'
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "period", "expected", "says"),
    [
        (
            "06/11",
            None,
            ["2011-06"],
            "'06/11' read as June 2011 (a month and a year of two digits)",
        ),
        ("06/11", THURROCK, ["2011-06"], "'06/11' read as June 2011"),
        (
            "12/11",
            SOUTHEND,
            ["2011-12"],
            "'12/11' read as December 2011",
        ),  # (not the plan period's 12 November)
        ("by 09/11", None, ["2011-09"], "'by 09/11' read as by the end of September 2011"),
        ("Due: 03/12.", None, ["2012-03"], "by the end of March 2012"),
        # (the first is no month: a day and month, placed in the plan period as '31/3' is)
        (
            "13/11",
            THURROCK,
            ["2011-11-13"],
            "'13/11' read as 13 November 2011, the only 13 November in the plan period",
        ),
        ("by 31/03", THURROCK, ["2012-03-31"], "by 31 March 2012"),
        # (one digit, or a slash after it for a year to be added: a day and month, as before)
        ("6/11", THURROCK, ["2011-11-06"], "6 November 2011"),
        ("by 06/11/", THURROCK, ["2011-11-06"], "by 6 November 2011"),
        # (a split year is a year; '00' is no month)
        ("11/12", None, ["2011-04..2012-03"], "the financial year 2011-12"),
        ("00/11", THURROCK, [], "no date could be read"),
        # (only where a day and month is read: the whole timescale, or after 'by', 'due' or 'end' at
        # its end)
        ("Report 06/11 to the board", THURROCK, [], "no date could be read"),
        ("Reduce absence by 06/11", THURROCK, [], "no date could be read"),
    ],
)
def test_two_numbers_of_two_digits_the_first_a_month_are_a_month_and_year(
    text: str, period: Interval | None, expected: list[str], says: str
) -> None:
    # ('06/11' was 6 November in the plan period, and undated without one)
    t = parse_timescale(text, period)
    assert spans(t) == expected and says in t.interpretation, t.interpretation


@fast
@given(
    st.integers(1, 12),
    st.integers(0, 99),
    st.sampled_from(["", "by ", "Due ", "end "]),
    st.sampled_from([None, THURROCK, SOUTHEND]),
)
def test_any_month_and_two_digit_year_is_that_month(
    month: int, yy: int, lead: str, period: Interval | None
) -> None:
    t = parse_timescale(f"{lead}{month:02d}/{yy:02d}", period)
    if yy == month + 1:
        assert t.year_only, t.interpretation  # ('11/12': the split year)
    else:
        assert t.intervals == (month_interval(2000 + yy, month),), t.interpretation
        assert t.due_month == (2000 + yy, month)


def test_words_quoted_in_a_reading_are_cut_past_sixty_characters_on_one_line() -> None:
    from outcome_graph.analysis.timescale.show import quoted

    assert quoted("x" * 60) == "'" + "x" * 60 + "'"
    assert quoted("x" * 61) == "'" + "x" * 59 + "…'"
    assert quoted("Review the\n  plan   in June") == "'Review the plan in June'"
    assert quoted("word " * 20, limit=12) == "'word word w…'"  # (cut where the limit falls)
