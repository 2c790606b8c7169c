"""Timescales a plan's reader reads from the plan around them: dotted dates that section numbers
also look like, a year with two digits after it (a month, or a span of years the plan is written
for), times counted from the start of the plan, a half-term naming no term, the end of the academic
year, 'to' and 'after' before a date, and the day schools break up for Easter. Each family is
checked over generated dates and plan periods, and the dotted numbers of the real plans' texts are
checked not to be read as dates.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from outcome_graph.analysis.timescale import Interval, Timing, month_interval, parse_timescale
from outcome_graph.analysis.timescale.intervals import month_end, shift_month
from outcome_graph.analysis.timescale.terms import easter_day

THURROCK = Interval(date(2011, 4, 1), date(2012, 3, 31))
SOUTHEND = Interval(date(2008, 4, 1), date(2009, 3, 31))
RICHMOND = Interval(date(2009, 4, 1), date(2013, 3, 31))
MODELS = Path(__file__).resolve().parent.parent / "models"

fast = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def spans(t: Timing) -> list[str]:
    return [str(i) for i in t.intervals]


#: plan periods of one financial, academic or calendar year, and of several financial years
periods = st.builds(
    lambda year, kind, years: {
        "fy": Interval(date(year, 4, 1), date(year + years, 3, 31)),
        "ay": Interval(date(year, 9, 1), date(year + years, 8, 31)),
        "cy": Interval(date(year, 1, 1), date(year + years - 1, 12, 31)),
    }[kind],
    st.integers(2000, 2030),
    st.sampled_from(["fy", "ay", "cy"]),
    st.integers(1, 4),
)


# ---------------------------------------------------------------------------------------------
# Dotted dates: '31.3.12', '1.4.11'; section numbers are not dates
# ---------------------------------------------------------------------------------------------
@fast
@given(
    st.dates(date(2000, 1, 1), date(2099, 12, 31)),
    st.sampled_from(["", "by ", "Due ", "until ", "deadline: "]),
    st.booleans(),
)
def test_a_dotted_date_day_month_year_is_that_day(day: date, lead: str, padded: bool) -> None:
    # (a month of one digit and a year of two was never read: section numbers are written so)
    d, m = (f"{day.day:02d}", f"{day.month:02d}") if padded else (str(day.day), str(day.month))
    t = parse_timescale(f"{lead}{d}.{m}.{day.year % 100:02d}", THURROCK)
    assert (t.kind, t.intervals) == ("dated", (Interval(day, day),)), t.interpretation
    assert (" read as by " in t.interpretation) == bool(lead), t.interpretation


@fast
@given(st.dates(date(2000, 1, 1), date(2098, 12, 31)), st.integers(1, 400))
def test_two_dotted_dates_are_a_range(first: date, days: int) -> None:
    last = first + timedelta(days=days)
    a = f"{first.day}.{first.month}.{first.year % 100:02d}"
    b = f"{last.day}.{last.month}.{last.year % 100:02d}"
    for text in (f"{a} - {b}", f"{a}-{b}", f"{a} to {b}"):
        t = parse_timescale(text, THURROCK)
        assert t.intervals == (Interval(first, last),), t.interpretation


@fast
@given(
    st.dates(date(2000, 1, 1), date(2099, 12, 31)),
    st.sampled_from(
        ["Section ", "Action ", "para ", "Paragraph ", "Appendix ", "Objective ", "Priority "]
    ),
)
def test_a_dotted_date_after_a_word_that_numbers_is_a_section_number(day: date, lead: str) -> None:
    t = parse_timescale(f"{lead}{day.day}.{day.month}.{day.year % 100:02d}", THURROCK)
    assert t.kind == "undated", t.interpretation


@fast
@given(
    st.dates(date(2000, 1, 1), date(2099, 12, 31)),
    st.sampled_from(["", "by ", "Due "]),
    st.sampled_from([" report to board", ": report to board", " - review", " Review the plan"]),
)
def test_a_dotted_date_before_words_is_read_where_no_section_number_starts_so(
    day: date, lead: str, words: str
) -> None:
    # ('31.3.12 report to board' is 31 March 2012; '3.1.12 Review' may be section 3.1.12: a plan
    # numbers a dozen priorities or fewer, so a first number of 13 to 31 is a day)
    text = f"{lead}{day.day}.{day.month}.{day.year % 100:02d}{words}"
    t = parse_timescale(text, THURROCK)
    if day.day >= 13 or day.month >= 10:
        assert t.intervals == (Interval(day, day),), t.interpretation
        assert t.interpretation.startswith(f"'{text[: len(text) - len(words)]}' read as")
    else:
        assert t.kind == "undated", t.interpretation
    section = parse_timescale(f"Section {day.day}.{day.month}.{day.year % 100:02d}{words}")
    assert section.kind == "undated", section.interpretation


@fast
@given(
    st.dates(date(2000, 1, 1), date(2097, 12, 31)),
    st.integers(1, 400),
    st.booleans(),
    st.sampled_from(["-", " - ", " to "]),
)
def test_two_slashed_dates_are_a_range(first: date, days: int, padded: bool, joiner: str) -> None:
    # ('1/4/11-31/3/12': a hyphen alone joins two slashed dates, as it joins two dotted ones)
    last = first + timedelta(days=days)

    def written(d: date) -> str:
        return (
            f"{d.day:02d}/{d.month:02d}/{d.year % 100:02d}"
            if padded
            else (f"{d.day}/{d.month}/{d.year % 100:02d}")
        )

    t = parse_timescale(f"{written(first)}{joiner}{written(last)}", THURROCK)
    assert t.intervals == (Interval(first, last),), t.interpretation


def _model_texts() -> list[str]:
    """Every text of the real plans (titles, notes, timescales, names ...) that holds a dotted
    number."""
    texts: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
        elif isinstance(node, str) and re.search(r"\d\.\d", node):
            texts.add(node)

    for path in sorted(MODELS.glob("*.yaml")):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return sorted(texts)


DOTTED = re.compile(r"(?<![\d.])\d+(?:\.\d+)+%?")


def test_no_dotted_number_of_the_real_plans_is_read_as_a_date() -> None:
    # section numbers ('2.1.3', '4.1.12'), percentages ('3.5%'), figures ('16.5'), alone, after a
    # word that numbers, before words, and in the text they are written in: none gives a date. The
    # one date the plans write so, Thurrock's 'Dated 01.04.11', is read, as a date with a month of
    # two digits always was.
    texts = _model_texts()
    tokens = sorted({t for text in texts for t in DOTTED.findall(text)})
    assert len(tokens) > 100 and {"2.2.5", "4.1.2", "12.5%"} <= set(tokens)
    dates = {"01.04.11"}
    assert dates <= set(tokens)
    for token in tokens:
        if token in dates:
            continue
        for text in (token, f"Section {token}", f"Action {token}", f"{token} Review the plan"):
            t = parse_timescale(text, THURROCK)
            assert t.kind in ("undated", "ongoing") or t.year_only, t.interpretation
    for text in texts:
        plain = DOTTED.sub(lambda m: "" if m[0] not in dates else m[0], text)
        for period in (THURROCK, SOUTHEND, RICHMOND):
            t, without = parse_timescale(text, period), parse_timescale(plain, period)
            assert (t.kind, t.intervals) == (without.kind, without.intervals), t.interpretation
    dated = parse_timescale("Dated 01.04.11", THURROCK)
    assert spans(dated) == ["2011-04-01"], dated.interpretation


# ---------------------------------------------------------------------------------------------
# '2008-11': a span of years or a month, as the plan period says
# ---------------------------------------------------------------------------------------------
@fast
@given(
    st.integers(2000, 2009),
    st.integers(2, 12),
    periods,
    st.sampled_from(["-", "/"]),
)
def test_a_year_and_two_digits_is_the_years_where_they_meet_the_plan_period(
    first: int, gap: int, period: Interval, sep: str
) -> None:
    last = first + gap
    if last % 100 > 12:
        return
    t = parse_timescale(f"{first}{sep}{last % 100:02d}", period)
    meets = first <= period.end.year and period.start.year <= last <= period.end.year + 5
    if meets:
        assert spans(t) == [f"{first}..{last}"] and t.year_only, t.interpretation
        assert f"not {date(2000, last % 100, 1):%B} {first}" in t.interpretation
    else:
        assert t.intervals == (month_interval(first, last % 100),), t.interpretation
        assert not t.year_only
    # (without a plan period, the month, as '2011-07' is)
    alone = parse_timescale(f"{first}{sep}{last % 100:02d}")
    assert alone.intervals == (month_interval(first, last % 100),), alone.interpretation


@pytest.mark.parametrize(
    ("text", "period", "expected"),
    [
        ("2007-10", SOUTHEND, ["2007..2010"]),  # (Southend's 'three year plan for 2007-10')
        ("2008-11", SOUTHEND, ["2008..2011"]),
        ("2008-11", THURROCK, ["2008..2011"]),
        ("2009-12", RICHMOND, ["2009..2012"]),
        ("2005-08", THURROCK, ["2005-08"]),  # (the years end before the plan: the month)
        ("2011-07", THURROCK, ["2011-07"]),  # (a month before its year's next: no span)
        ("2011-12", THURROCK, ["2011-04..2012-03"]),  # (the split year)
        ("2010-13", THURROCK, ["2010..2013"]),
        ("2008-11-15", SOUTHEND, ["2008-11-15"]),  # (an ISO day)
    ],
)
def test_a_year_and_two_digits_in_the_real_plans(
    text: str, period: Interval, expected: list[str]
) -> None:
    assert spans(parse_timescale(text, period)) == expected


# ---------------------------------------------------------------------------------------------
# Counted from the start of the plan: 'within 6 months', 'within the first year'
# ---------------------------------------------------------------------------------------------
_UNITS = {"week": 0, "month": 1, "quarter": 3, "year": 12}


@fast
@given(
    st.integers(1, 24),
    st.sampled_from(sorted(_UNITS)),
    periods,
    st.sampled_from(
        [
            "within {n} {unit}",
            "Within {n} {unit} of the plan",
            "in the first {n} {unit} of the plan",
            "Review in {n} {unit}",
            "in {n} {unit} time",
        ]
    ),
)
def test_a_time_counted_with_no_other_start_is_counted_from_the_plans_start(
    n: int, unit: str, period: Interval, form: str
) -> None:
    text = form.format(n=n, unit=unit + ("s" if n > 1 else ""))
    t = parse_timescale(text, period)
    ps = period.start
    if unit == "week":
        end = ps + timedelta(weeks=n) - timedelta(days=1)
    else:
        y, m = shift_month(ps.year, ps.month, n * _UNITS[unit])
        end = date(y, m, 1) - timedelta(days=1)
    assert (t.kind, t.intervals) == ("dated", (Interval(ps, end),)), t.interpretation
    assert " read as by " in t.interpretation
    # (counted from something the plan does not date, or with no plan period: undated)
    for other in (f"{text[0].lower()}{text[1:]} of launch", f"{text} from referral"):
        if "of the plan" not in other:
            assert parse_timescale(other, period).kind == "undated"
    assert parse_timescale(text).kind == "undated"


def test_the_end_of_the_plan_is_the_last_month_of_its_period() -> None:
    for period in (THURROCK, SOUTHEND, RICHMOND):
        for text in ("By the end of the plan", "end of plan period", "by end of plan"):
            t = parse_timescale(text, period)
            assert t.intervals == (month_interval(period.end.year, period.end.month),)
            assert "the end of the plan period" in t.interpretation
    assert parse_timescale("By the end of the plan").kind == "undated"


# ---------------------------------------------------------------------------------------------
# A half-term naming no term; the end of the academic year
# ---------------------------------------------------------------------------------------------
def _half_terms(period: Interval) -> list[date]:
    return sorted(
        date(y, m, 1) for y in range(period.start.year, period.end.year + 1) for m in (2, 5, 10)
    )


@fast
@given(
    periods,
    st.sampled_from(
        [
            "half term",
            "by half term",
            "Half-term",
            "before half term",
            "next half term",
            "by next half term",
            "before the next half term",
            "by this half term",
        ]
    ),
)
def test_a_half_term_naming_no_term_is_the_first_of_the_plan_period(
    period: Interval, text: str
) -> None:
    t = parse_timescale(text, period)
    before = text.startswith("before")
    first = next(
        d for d in _half_terms(period) if period.start <= (d - timedelta(days=1) if before else d)
    )
    if before:
        last = first - timedelta(days=1)
        assert t.intervals == (month_interval(last.year, last.month),), t.interpretation
    else:
        assert t.intervals == (month_interval(first.year, first.month),), t.interpretation
    assert "the first half-term of the plan period" in t.interpretation
    after = parse_timescale(f"after {text.removeprefix('by ').removeprefix('before ')}", period)
    nxt = month_end(first.year, first.month) + timedelta(days=1)
    assert after.kind == "ongoing" and after.intervals[0].start == nxt, after.interpretation


#: the school terms as the reader counts them: (first month, last month)
_TERMS = {"spring": (1, 4), "summer": (4, 7), "autumn": (9, 12)}


@fast
@given(periods, st.sampled_from(["by the end of term", "End of term", "end of this term"]))
def test_the_end_of_a_term_naming_no_term_is_the_first_to_end_after_the_plans_first_month(
    period: Interval, text: str
) -> None:
    # (a plan is written at its start: its term is the one under way, or the next; the spring term
    # ends in April, so in a plan from April it has ended as the plan starts)
    ps = period.start
    ends = sorted(
        (date(y, last, 1), name, first)
        for y in (ps.year, ps.year + 1)
        for name, (first, last) in _TERMS.items()
    )
    end, name, first = next(e for e in ends if (e[0].year, e[0].month) > (ps.year, ps.month))
    t = parse_timescale(text, period)
    term = Interval(date(end.year, first, 1), month_end(end.year, end.month))
    assert (t.kind, t.intervals) == ("dated", (term,)), t.interpretation
    assert f"read as by the end of the {name} term {end.year}" in t.interpretation
    assert parse_timescale(f"{text} (tbc)", period).intervals == (term,)
    assert parse_timescale(text).kind == "undated"
    # (a term named, or a school's numbered term, is no term naming none)
    assert parse_timescale(f"{text} 2", period).kind == "undated"
    assert parse_timescale("long term", period).kind == "undated"


@fast
@given(periods, st.sampled_from(["by the end of the academic year", "End of school year"]))
def test_the_end_of_the_academic_year_is_the_one_ending_in_the_plan_period(
    period: Interval, text: str
) -> None:
    t = parse_timescale(text, period)
    ends = [
        y for y in range(period.start.year, period.end.year + 1) if date(y, 8, 31) in _days(period)
    ]
    if len(ends) == 1:
        assert t.intervals == (month_interval(ends[0], 8),), t.interpretation
        assert " read as by the end of August" in t.interpretation
    else:
        assert t.kind == "undated", t.interpretation


class _days:
    """The days of a period, for ``in``."""

    def __init__(self, period: Interval) -> None:
        self.period = period

    def __contains__(self, day: date) -> bool:
        return self.period.start <= day <= self.period.end


# ---------------------------------------------------------------------------------------------
# 'To', 'after' and the Easter holidays
# ---------------------------------------------------------------------------------------------
@fast
@given(st.integers(2000, 2030), st.integers(1, 12), st.sampled_from(["To", "to", "Up to", "Until"]))
def test_to_opening_a_timescale_is_until_then(year: int, month: int, word: str) -> None:
    name = f"{date(2000, month, 1):%B}"
    t = parse_timescale(f"{word} {name} {year}", THURROCK)
    assert t.intervals == (month_interval(year, month),)
    assert t.interpretation.endswith(f"read as by the end of {name} {year}"), t.interpretation


def test_to_between_two_dates_is_still_a_range() -> None:
    assert spans(parse_timescale("Sept 2011 to March 2012", THURROCK)) == ["2011-09..2012-03"]
    assert spans(parse_timescale("April to July", THURROCK)) == ["2011-04..2011-07"]


@fast
@given(st.integers(1990, 2060))
def test_before_the_easter_holidays_is_the_friday_before_palm_sunday(year: int) -> None:
    easter = easter_day(year)
    t = parse_timescale(f"before the Easter holidays {year}", THURROCK)
    (iv,) = t.intervals
    assert iv.start == iv.end == easter - timedelta(days=9) and iv.start.weekday() == 4
    # ('before Easter' is still the day before Easter Day; 'after Easter' from the day after it)
    assert parse_timescale(f"before Easter {year}").intervals[0].start == easter - timedelta(days=1)
    after = parse_timescale(f"after Easter {year}", Interval(date(year, 1, 1), date(year, 12, 31)))
    assert after.kind == "ongoing" and after.intervals[0].start == easter + timedelta(days=1)


@fast
@given(
    st.integers(1990, 2060),
    st.sampled_from(["Christmas holidays", "Xmas holidays", "Christmas break", "Christmas hols"]),
)
def test_before_the_christmas_holidays_is_the_end_of_the_autumn_term(year: int, words: str) -> None:
    # (schools break up on the Friday before the week of Christmas Day: 16 December 2011, 21
    # December 2012; Christmas Eve, which 'before Christmas' is by, falls in the holidays)
    t = parse_timescale(f"before the {words} {year}")
    (iv,) = t.intervals
    christmas = date(year, 12, 25)
    monday = christmas - timedelta(days=christmas.weekday())
    assert iv.start == iv.end == monday - timedelta(days=3), t.interpretation
    assert iv.start.weekday() == 4 and 16 <= iv.start.day <= 22
    assert f"the end of the autumn term {year}" in t.interpretation
    # (the day lies in the autumn term, read September to December, and before 'before Christmas')
    (term,) = parse_timescale(f"by the end of the autumn term {year}").intervals
    (eve,) = parse_timescale(f"before Christmas {year}").intervals
    assert term.start <= iv.start <= term.end and iv.end < eve.start
    # (without a year, the Christmas of the plan period)
    plan = Interval(date(year, 4, 1), date(year + 1, 3, 31))
    assert parse_timescale(f"before the {words}", plan).intervals == (iv,)


@fast
@given(st.integers(2000, 2030), st.integers(1, 12))
def test_after_a_month_is_ongoing_from_the_next(year: int, month: int) -> None:
    plan = Interval(date(year, 1, 1), date(year + 2, 12, 31))
    name = f"{date(2000, month, 1):%B}"
    t = parse_timescale(f"After {name} {year}", plan)
    nxt = month_end(year, month) + timedelta(days=1)
    assert t.kind == "ongoing" and t.intervals == (Interval(nxt, plan.end),), t.interpretation


@fast
@given(
    st.integers(2000, 2030),
    st.integers(1, 12),
    st.integers(1, 14),
    st.sampled_from([" and by ", ", by ", " & by ", " and by the end of "]),
)
def test_a_start_listed_with_a_deadline_after_it_is_the_span_between(
    year: int, month: int, months: int, joiner: str
) -> None:
    # ('after Easter and by July 2011', 'quarterly after April 2011 and by March 2012': from the
    # month after the start to the end of the deadline's month, said as a person says it)
    name = f"{date(2000, month, 1):%B}"
    start = month_end(year, month) + timedelta(days=1)
    ly, lm = shift_month(start.year, start.month, months - 1)
    last = f"{date(2000, lm, 1):%B} {ly}"
    for lead in ("after", "quarterly after"):
        text = f"{lead} {name} {year}{joiner}{last}"
        t = parse_timescale(text, THURROCK)
        assert (t.kind, t.intervals) == ("dated", (Interval(start, month_end(ly, lm)),)), (
            t.interpretation
        )
        said = (
            f"'{text.removeprefix('quarterly ')}' read as from {start:%B} {start.year} (after "
            f"{name} {year}) to the end of {last}"
        )
        assert said in t.interpretation, t.interpretation
    alone = parse_timescale(f"quarterly after {name} {year}", Interval(start, date(2099, 1, 1)))
    assert f"read as ongoing from {start:%B} {start.year} (after {name} {year}) to the end" in (
        alone.interpretation
    )


@fast
@given(st.integers(2000, 2030), st.integers(1, 12))
def test_a_year_after_then_follows_the_date_before_it(year: int, month: int) -> None:
    # ('Summer 2011, then 2011 to 2012': the summer, then the financial year; 'for 2011/12' after
    # a date in that year only says whose year it is)
    name = f"{date(2000, month, 1):%B}"
    fy_start = year if month >= 4 else year - 1
    fy = Interval(date(fy_start, 4, 1), date(fy_start + 1, 3, 31))
    split = f"{fy_start}/{(fy_start + 1) % 100:02d}"
    for then in (", then ", " then ", "; and then "):
        t = parse_timescale(f"{name} {year}{then}{fy_start} to {fy_start + 1}", THURROCK)
        assert t.intervals == (month_interval(year, month), fy), t.interpretation
        assert t.interpretation.endswith(f"; then {fy_start}-{(fy_start + 1) % 100:02d}")
    t = parse_timescale(f"{name} {year} for {split}", THURROCK)
    assert t.intervals == (month_interval(year, month),), t.interpretation


# ---------------------------------------------------------------------------------------------
# Wording of the real plans' texts
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "period", "expected"),
    [
        # (the 1998 baseline was read as a second date, the 2020 Vision as the year 2020, 2007-10 as
        # October 2007)
        (
            "Reduce by 50% (from the 1998 baseline) the rate of conceptions among young people "
            "under 18 "
            "by 2010.",
            SOUTHEND,
            ["2010"],
        ),
        ("Develop use of 2020 Vision for Learning to enable schools", SOUTHEND, []),
        ("Facilitate the 2020 Vision for Learning. December 2008", SOUTHEND, ["2008-12"]),
        ("This is an update of the three year plan for 2007-10", SOUTHEND, ["2007..2010"]),
        # (a year before 'baseline' alone is still that year: nothing else says when)
        ("1998 baseline", SOUTHEND, ["1998"]),
    ],
)
def test_the_wording_of_the_real_plans(text: str, period: Interval, expected: list[str]) -> None:
    t = parse_timescale(text, period)
    assert spans(t) == expected, t.interpretation


@pytest.mark.parametrize(
    ("text", "period", "expected"),
    [
        # (no fraction has two dots: a word of change before a dotted date changes nothing)
        ("Reduce absence by 31.3.12", THURROCK, ["2012-03-31"]),
        # (a dotted date of one-digit month before other words: a date only where its day is one no
        # section number starts with)
        ("31.3.12 report to the board", THURROCK, ["2012-03-31"]),
        ("3.1.12 report to the board", THURROCK, []),
        ("see 2.3.1 below", THURROCK, []),
        ("31.03.12 report to the board", THURROCK, ["2012-03-31"]),
        # (counted from the plan's approval, or the pilot's first year: not from the plan's start)
        ("within 6 months of the plan's approval", THURROCK, []),
        ("by the end of the first year of the pilot", THURROCK, []),
        ("Within 6 months of the start of the plan", THURROCK, ["2011-04..2011-09"]),
        ("within the first year", RICHMOND, ["2009-04..2010-03"]),
        ("by half term", RICHMOND, ["2009-05"]),
        ("by the end of the academic year", RICHMOND, []),
        ("by the end of the academic year", SOUTHEND, ["2008-08"]),
        # ('to' only opening the timescale: 'To be reported ... in April' is no deadline)
        ("To be confirmed", THURROCK, []),
    ],
)
def test_where_each_reading_stops(text: str, period: Interval, expected: list[str]) -> None:
    t = parse_timescale(text, period)
    assert spans(t) == expected, t.interpretation
