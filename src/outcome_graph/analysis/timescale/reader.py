"""The entry point, :func:`parse_timescale`, its quick path and cache, and the final reading.

Most timescales are a month and year ("June 11", "End September 2012"), read by a quick
path that gives the full reader's result; the rest are scanned for date expressions
(:mod:`.scan`), placed in the plan period when they give no year, and turned into one
:class:`.intervals.Timing` that says how they were read. Readings are cached by text and
plan period.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from .days import part_of_span, third_deadline
from .intervals import (
    Interval,
    Timing,
    contains,
    day_words,
    month_end,
    month_interval,
    month_words,
    shift_month,
)
from .items import Item
from .lexicon import MONTH_NAMES, MONTH_NUMBER
from .patterns import (
    AS_ABOVE_RE,
    DEADLINE_WORDS,
    END_WORDS,
    EXTERNAL_RE,
    FLAGS,
    MON_BODY,
    NOT_A_YEAR,
    ONGOING_RE,
    PLACEHOLDER_RE,
    PLAN_END_RE,
    RELATIVE_RE,
    SPACES_RE,
    TBA_RE,
    TERM_END_RE,
    YEAR_END_RE,
)
from .scan import FAR_YEARS, apply_after, apply_before, clean, find_items
from .show import describe, label_of, quoted
from .slips import Slip
from .terms import break_up_day, feast_day, half_term_months, terms_of

_MAX_CHARS = 1000
#: 'then' between two dates ('Summer 2011, then 2011 to 2012'): the second follows the first
_THEN_GAP_RE = re.compile(r"[\s,;:(-]*(?:and\s+)?then[\s,:-]*", re.I)
#: words in brackets right after a date ('(draft)' in 'July 2011 (draft) Sept 2011 (final)')
_BRACKETED_RE = re.compile(r"\s*\(([^()]{0,40})\)")


def _undated(text: str, why: str) -> Timing:
    return Timing(kind="undated", text=text, interpretation=why)


def _counts_school_years(period: Interval) -> bool:
    """Whether a plan period is one academic year (1 September to 31 August): such a plan counts
    its years as schools do, so '11/12' and '2011-12' in it are the academic year, not the financial
    one, unless the timescale says 'financial' or 'FY'."""
    ps, pe = period.start, period.end
    return (ps.month, ps.day, pe.month, pe.day) == (9, 1, 8, 31) and pe.year == ps.year + 1


def _resolve(item: Item, period: Interval) -> tuple[Interval, str, str] | str:
    """Place an expression without a year in the plan period: (interval, words, where) or why not.

    It must lie within the period, and only once. A school term may also be the only one that starts
    in the period and lies mostly in it: the spring term (January to April) in a plan for a
    financial year (April to March) is that of the year the plan ends in, though its April is
    outside."""
    assert item.make is not None
    found: list[tuple[Interval, str]] = []
    mostly: list[tuple[Interval, str]] = []
    ps, pe = period.start, period.end
    if item.any_half_term:
        return _first_half_term(period, item.before)
    if item.before:
        return _resolve_before(item, period)
    for y in range(max(1, ps.year - 1), min(pe.year, ps.year + 12, 9998) + 1):
        got = item.make(y)
        if got is None or not ps <= got[0].start <= pe:
            continue
        if got[0].end <= pe:
            found.append(got)
            if len(found) > 1:
                break
        elif item.term and (pe - got[0].start) > (got[0].end - pe):
            mostly.append(got)
    if len(found) == 1:
        return (*found[0], f"the only {item.name} in the plan period")
    if not found and len(mostly) == 1:
        return (
            *mostly[0],
            f"the only {item.name} that starts in the plan period and lies mostly within it",
        )
    if not found:
        return f"no {item.name} falls within the plan period"
    # ('the month before April occurs more than once', as 'April occurs more than once')
    the = "the " if item.name.startswith(("month before ", "day before ")) else ""
    return f"{the}{item.name} occurs more than once in the plan period"


def _first_half_term(period: Interval, before: bool) -> tuple[Interval, str, str] | str:
    """'half term' naming no term: the first half-term of the plan period (a plan is written at its
    start, and its 'by half term' is the next one), the month of its holiday; after 'before', the
    first whose eve lies in the period (the plan can hold something before it)."""
    ps, pe = period.start, period.end
    for y in range(ps.year, min(pe.year, ps.year + 2) + 1):
        for iv, words in half_term_months(y):
            start = iv.start - timedelta(days=1) if before else iv.start
            if ps <= start and iv.start <= pe:
                return iv, words, "the first half-term of the plan period"
    return "no half-term falls within the plan period"


def _resolve_before(item: Item, period: Interval) -> tuple[Interval, str, str] | str:
    """Place a holiday or term without a year that follows 'before': the one whose eve (the day
    before it starts, or before its feast day) lies in the plan period. In a plan for 2011-12
    ``before Easter`` is before Easter 2011 (24 April), within the period, as ``Easter`` is; but
    ``before the summer term`` is before the summer term 2012, since the summer term 2011 starts
    with the period (at a month's precision) and nothing in the plan can come before it."""
    assert item.make is not None
    ps, pe = period.start, period.end
    found: list[tuple[Interval, str]] = []
    for y in range(max(1, ps.year - 1), min(pe.year + 1, ps.year + 13, 9998) + 1):
        got = item.make(y)
        if got is None:
            continue
        start = feast_day(item.feast, got[0].start.year) if item.feast else got[0].start
        if item.feast and item.break_words:  # (schools break up before Easter or Christmas Day)
            start = break_up_day(item.feast, got[0].start.year) + timedelta(days=1)
        if ps <= start - timedelta(days=1) <= pe:
            found.append(got)
    if len(found) > 1:
        # (two eves in the period, but only one of the two lies in it, as it is placed alone: the
        # Easter holidays 2011 and 2012 both start within 2011-12, but only Easter 2011 (April) lies
        # within it)
        inside = [got for got in found if ps <= got[0].start and got[0].end <= pe]
        if len(inside) != 1:
            return f"{item.name} occurs more than once in the plan period"
        found = inside
    if not found:
        return f"no {item.name} falls within the plan period"
    iv, words = found[0]
    if ps <= iv.start and iv.end <= pe:
        return iv, words, f"the only {item.name} in the plan period"
    if ps <= iv.start <= pe:
        return iv, words, f"the only {item.name} that starts in the plan period"
    return iv, words, f"the {item.name} the plan period runs up to"


#: the commonest forms, a month and year after any deadline words the full reader takes ('June 11',
#: 'End September 2012', 'Due June 2012'): read directly, with the same result
_FAST_RE = re.compile(
    r"\s*(?P<mod>(?:"
    + END_WORDS
    + r"|"
    + DEADLINE_WORDS
    + r")\s+)?(?P<mon>"
    + MON_BODY
    + r")\.?\s*"
    r"(?:(?P<y4>(?:19|20)\d\d)|(?P<y2>\d\d))\s*",
    FLAGS,
)


def _read(raw: object, period: Interval | None) -> Timing:
    """Uncached reading of a timescale; see :func:`parse_timescale`."""
    if raw is None:
        return _undated("", "no timescale given")
    text = raw if isinstance(raw, str) else str(raw)
    if (
        (fast := _FAST_RE.fullmatch(text)) is not None
        and (
            # (the full reader looks for deadline words in the 40 characters before the month)
            fast["mod"] is None or fast.start("mon") - fast.start("mod") <= 40
        )
        and not (
            # ('before April 2012' is by the end of March: the full reader says so)
            fast["mod"] and fast["mod"].lstrip()[:5].lower() in ("befor", "prior")
        )
        and not (
            # ('March 31' in a plan for 2011-12: the day, not March 2031; the full reader says so)
            fast["y2"]
            and period is not None
            and 2000 + int(fast["y2"]) > period.end.year + FAR_YEARS
        )
    ):
        year = int(fast["y4"]) if fast["y4"] else 2000 + int(fast["y2"])
        month = MONTH_NUMBER[fast["mon"][:3].lower()]
        words = f"{MONTH_NAMES[month]} {year}"
        if fast["mod"]:
            words = f"by the end of {words}"
        return Timing(
            kind="dated",
            text=text,
            intervals=(month_interval(year, month),),
            interpretation=f"{quoted(text)} read as {words}",
        )
    return _read_full(text, period)


def _read_full(text: str, period: Interval | None) -> Timing:
    """Reading of a timescale other than the commonest forms."""
    if not text.strip():
        return _undated(text, "no timescale given")
    if period is not None and not isinstance(period, Interval):
        period = None
    work = text[:_MAX_CHARS]
    display, norm, slips = clean(work)
    whole = quoted(display)
    cut = " (only the first 1000 characters read)" if len(text) > _MAX_CHARS else ""

    if AS_ABOVE_RE.fullmatch(norm):
        return Timing(
            kind="as_above",
            text=text,
            interpretation=f"{whole}: the same timing as the milestone above",
        )
    if PLACEHOLDER_RE.fullmatch(norm):
        return _undated(text, f"{whole}: no date given")

    ext = EXTERNAL_RE.search(norm)
    reference: str | None = None
    skip: tuple[int, int] | None = None
    if ext is not None:
        ref = SPACES_RE.sub(" ", display[ext.start("ref") : ext.end("ref")]).strip()
        if len(ref.split()) >= 2:
            reference, skip = ref, ext.span()

    items, recurring = find_items(
        norm,
        skip,
        period is not None and _counts_school_years(period),
        None if period is None else period.end.year + FAR_YEARS,
        None if period is None else (period.start.year, period.end.year),
    )
    dated = [it for it in items if it.interval is not None]
    bad = [it for it in items if it.bad is not None]
    for it in bad if slips else ():
        why = it.bad or ""
        for slip in slips:  # (a misspelt name is quoted as written, not as mended: 'Sumer 2011/12')
            why = why.replace(norm[slip.start : slip.end], display[slip.start : slip.end])
        it.bad = why
    ongoing_words = ONGOING_RE.search(norm)
    tba = TBA_RE.search(norm)

    resolved_from_period = False
    if not dated and reference is None and ongoing_words is None and not recurring:
        yearless = [it for it in items if it.make is not None]
        for it in yearless:
            year = NOT_A_YEAR.match(norm, it.end)
            if year is not None:  # "June 3011": a year was written, not one this can be
                return _undated(
                    text,
                    f"{quoted(display[it.start : year.end()])}: {year.group(1)} is not a year "
                    f"from 1900 to 2099{cut}",
                )
        if yearless:
            if period is None:
                it = yearless[0]
                why = "no plan period was given to place it"
                return _undated(
                    text, f"{quoted(display[it.start : it.end])} gives no year, and {why}{cut}"
                )
            for it in yearless:
                if it.quarter and (period.start.month, period.start.day) != (4, 1):
                    # (quarters without a year are counted from April, as in a financial-year plan;
                    # in a plan that runs from January or September 'Q3' could mean other months)
                    return _undated(
                        text,
                        f"{quoted(display[it.start : it.end])} gives no year, and the plan period "
                        f"does not start in April, so its financial-year quarters "
                        f"cannot be read{cut}",
                    )
                got = _resolve(it, period)
                if isinstance(got, str):
                    return _undated(
                        text, f"{quoted(display[it.start : it.end])} gives no year, and {got}{cut}"
                    )
                it.interval = got[0]
                it.short = got[1]
                it.long = f"{got[1]}, {got[2]}"
                the = "the " if it.term and not it.half else ""
                if it.level == "season":
                    # ('by the spring term': by the end of the spring term 2012 (...))
                    it.deadline = f"{the}{got[1]} ({month_words(got[0])})"
                elif it.level == "part":
                    # ('by early April': by the end of the first third of April 2011 (...))
                    it.deadline = third_deadline(got[0])
                elif it.any_half_term:
                    # ('by half term': by the end of the summer half-term 2011 (May 2011), the
                    # first ...)
                    month = f"{MONTH_NAMES[got[0].start.month]} {got[0].start.year}"
                    it.deadline = f"{got[1]} ({month}), {got[2]}"
                placed = f"{the}{got[1]}"
                if it.part_later is not None:
                    # ('late spring term': the spring term placed, then its April)
                    it.long = placed
                    part_of_span(it, *it.part_later)
                    if it.deadline:
                        it.deadline = f"{it.deadline}, {got[2]}"
                    else:
                        # ('by late Q4': by the end of March 2012 (late in Q4 2011-12, the only Q4
                        # ...))
                        it.short = f"{it.short} ({it.long.split(' (')[0]}, {got[2]})"
                    it.long = f"{it.long}, {got[2]}"
                if it.before:
                    # ('before Easter': the Easter placed, then the day (or month) before it)
                    feast = it.feast
                    apply_before(it)
                    it.long = (
                        f"{it.long}, {got[2]}" if feast else f"{it.long}, before {placed}, {got[2]}"
                    )
                    it.short = it.long if it.level == "month" else it.short
                if it.after:
                    # ('after Easter': the Easter placed, then ongoing from the day after Easter
                    # Day)
                    apply_after(it, got[2])
                it.make = None
            dated = [it for it in items if it.interval is not None]
            resolved_from_period = True
        elif (year_end := YEAR_END_RE.search(norm)) is not None:
            return _year_end(text, whole, year_end, period, tba, cut)
        elif (relative := RELATIVE_RE.search(norm)) is not None:
            return _relative(text, whole, relative, period, tba, cut)
        elif PLAN_END_RE.search(norm) is not None:
            return _plan_end(text, whole, period, tba, cut)
        elif TERM_END_RE.search(norm) is not None:
            return _term_end(text, whole, period, tba, cut)

    if dated:
        return _dated(
            text,
            display,
            dated,
            bad,
            period,
            tba,
            ongoing_words,
            reference,
            whole,
            cut,
            resolved_from_period,
            slips,
        )
    if reference is not None:
        return Timing(
            kind="external",
            text=text,
            interpretation=f"{whole}: timing deferred to the {reference}{cut}",
            reference=reference,
        )
    if ongoing_words is not None or recurring:
        if period is not None:
            why = f"{whole}: ongoing, taken as the plan period{cut}"
            return Timing(kind="ongoing", text=text, intervals=(period,), interpretation=why)
        why = f"{whole}: ongoing, with no plan period to place it{cut}"
        return Timing(kind="ongoing", text=text, interpretation=why)
    if tba is not None:
        said = "" if tba[0].strip().lower() == display.strip().lower() else f" ({quoted(tba[0])})"
        return _undated(text, f"{whole}: no date given{said}{cut}")
    if bad:
        return _undated(text, f"{bad[0].bad}{cut}")
    return _undated(text, f"{whole}: no date could be read{cut}")


def _year_end(
    text: str,
    whole: str,
    m: re.Match[str],
    period: Interval | None,
    tba: re.Match[str] | None,
    cut: str,
) -> Timing:
    """'By year end', 'End of the financial year': the last month of a plan period of one year.

    The plan's own year is evident only when its period is one financial year (1 April to 31
    March), or, for a year not called financial, one calendar year; otherwise it is undated.
    """
    financial = bool(m["fy1"] or m["fy2"])
    if period is None:
        return _undated(
            text, f"{whole} names no year, and no plan period was given to place it{cut}"
        )
    ps, pe = period.start, period.end
    if m["ay1"] or m["ay2"]:
        return _academic_year_end(text, whole, period, tba, cut)
    one_fy = (ps.month, ps.day, pe.month, pe.day) == (4, 1, 3, 31) and pe.year == ps.year + 1
    one_calendar = (ps.month, ps.day, pe.month, pe.day) == (1, 1, 12, 31) and pe.year == ps.year
    if not (one_fy or (one_calendar and not financial)):
        what = (
            "one financial year (April to March)" if financial else "one financial or calendar year"
        )
        return _undated(text, f"{whole} names no year, and the plan period is not {what}{cut}")
    marked = _marked(tba)
    kind = "financial year" if one_fy else "year"
    return Timing(
        kind="dated",
        text=text,
        intervals=(month_interval(pe.year, pe.month),),
        interpretation=f"{whole} read as by the end of {MONTH_NAMES[pe.month]} {pe.year}, "
        f"the end of the plan's {kind}{marked}{cut}",
    )


_COUNTS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "eighteen": 18,
    "twenty four": 24,
}
_NO_START = "no plan period was given to count it from"


def _relative(
    text: str,
    whole: str,
    m: re.Match[str],
    period: Interval | None,
    tba: re.Match[str] | None,
    cut: str,
) -> Timing:
    """'Within 6 months', 'within the first year', 'in the first 3 months of the plan': a time
    counted from the start of the plan period, read as a deadline at its end (the interval from the
    plan's first day), as a plan's reader counts it; undated where the words count from something
    else ('within 3 months of launch')."""
    if m["other"] and not m["plan"]:
        return _undated(
            text, f"{whole} counts from something the plan does not date, not from its start{cut}"
        )
    if period is None:
        return _undated(text, f"{whole} counts from the start of the plan, and {_NO_START}{cut}")
    written = (m["n"] or "").lower().replace("-", " ")
    n = int(written) if written.isdigit() else _COUNTS.get(" ".join(written.split()), 0)
    if not written and (m["first1"] or m["first2"]):
        n = 1
    if n <= 0:
        return _undated(text, f"{whole}: no date could be read{cut}")
    unit = m["unit"].lower().rstrip("s")
    ps = period.start
    if unit in ("day", "week"):
        end = ps + timedelta(days=(7 if unit == "week" else 1) * n - 1)
    else:
        y, mo = shift_month(ps.year, ps.month, n * {"month": 1, "quarter": 3, "year": 12}[unit])
        end = date(y, mo, min(ps.day, month_end(y, mo).day)) - timedelta(days=1)
    iv = Interval(ps, max(ps, end))
    by = (
        f"the end of {MONTH_NAMES[end.month]} {end.year}"
        if ps.day == 1 and end == month_end(end.year, end.month)
        else day_words(end)
    )
    units = f"{n} {unit}{'s' if n != 1 else ''}"
    if m["first1"] or m["first2"]:
        units = f"the first {unit if n == 1 else units} of the plan period (from {day_words(ps)})"
    else:
        units = f"{units} from the start of the plan period ({day_words(ps)})"
    return Timing(
        kind="dated",
        text=text,
        intervals=(iv,),
        interpretation=f"{whole} read as by {by}, {units}{_marked(tba)}{cut}",
    )


def _plan_end(
    text: str, whole: str, period: Interval | None, tba: re.Match[str] | None, cut: str
) -> Timing:
    """'By the end of the plan': the last month of the plan period."""
    if period is None:
        return _undated(
            text, f"{whole} names the end of the plan, and no plan period was given{cut}"
        )
    pe = period.end
    return Timing(
        kind="dated",
        text=text,
        intervals=(month_interval(pe.year, pe.month),),
        interpretation=f"{whole} read as by the end of {MONTH_NAMES[pe.month]} {pe.year}, "
        f"the end of the plan period{_marked(tba)}{cut}",
    )


def _term_end(
    text: str, whole: str, period: Interval | None, tba: re.Match[str] | None, cut: str
) -> Timing:
    """'By the end of term', naming no term: the first term to end after the first month of the plan
    period. A plan is written at its start, so its term is the one under way or the next, as its
    'half term' is the first half-term of the period; a term that ends in the plan's first month
    (the spring term, in a plan from April) has ended, at a month's precision, as it starts."""
    if period is None:
        return _undated(
            text, f"{whole} names no term, and no plan period was given to place it{cut}"
        )
    ps, pe = period.start, period.end
    first = next(
        (iv, words)
        for y in (ps.year, ps.year + 1)
        for iv, words in terms_of(y)
        if (iv.end.year, iv.end.month) > (ps.year, ps.month)
    )
    iv, words = first
    if iv.end > pe:
        return _undated(
            text,
            f"{whole} names no term, and no term ends in the plan period after its first "
            f"month{cut}",
        )
    return Timing(
        kind="dated",
        text=text,
        intervals=(iv,),
        interpretation=f"{whole} read as by the end of {words}, the first term to end after the "
        f"first month of the plan period{_marked(tba)}{cut}",
    )


def _marked(tba: re.Match[str] | None) -> str:
    """What a reading says of a mark beside the date (" (marked 'TBC')"), or nothing."""
    return (
        f" (marked {quoted(tba[0])})"
        if tba is not None and tba[0][:2].lower() in ("tb", "to")
        else ""
    )


def _academic_year_end(
    text: str, whole: str, period: Interval, tba: re.Match[str] | None, cut: str
) -> Timing:
    """'By the end of the academic year' naming no year: the academic year that ends (on 31 August)
    within the plan period, when exactly one does; in a plan for the financial year 2011-12, the
    academic year 2010-11, by the end of August 2011."""
    ends = [
        y
        for y in range(period.start.year, min(period.end.year, period.start.year + 12) + 1)
        if period.start <= date(y, 8, 31) <= period.end
    ]
    if len(ends) != 1:
        why = "no academic year ends" if not ends else "more than one academic year ends"
        return _undated(text, f"{whole} names no year, and {why} in the plan period{cut}")
    y = ends[0]
    return Timing(
        kind="dated",
        text=text,
        intervals=(month_interval(y, 8),),
        interpretation=f"{whole} read as by the end of August {y}, the end of the academic year "
        f"{y - 1}-{y % 100:02d}, the only academic year that ends in the plan "
        f"period{_marked(tba)}{cut}",
    )


def _dated(
    text: str,
    display: str,
    dated: list[Item],
    bad: list[Item],
    period: Interval | None,
    tba: re.Match[str] | None,
    ongoing_words: re.Match[str] | None,
    reference: str | None,
    whole: str,
    cut: str,
    resolved_from_period: bool,
    slips: list[Slip],
) -> Timing:
    """The reading of a timescale that gives at least one date."""
    # (the year a baseline was measured in says nothing of when the work is due: 'from the 1998
    # baseline ... by 2010')
    if any(not it.baseline for it in dated):
        dated = [it for it in dated if not it.baseline]
    # a year-level expression next to finer dates qualifies them ('for 2010/2011') unless it adds
    # time, or comes after them with 'then' ('Summer 2011, then 2011 to 2012': the year follows)
    finer = [it.interval for it in dated if it.level != "year" and it.interval is not None]
    if finer:
        dated = [
            it
            for i, it in enumerate(dated)
            if it.level != "year"
            or it.interval is None
            or (i and _THEN_GAP_RE.fullmatch(display, dated[i - 1].end, it.start) is not None)
            or not (it.qualifier or any(contains(it.interval, f) for f in finer))
        ]

    dated = _starts_to_deadlines(dated, display)
    notes: list[str] = []
    for (
        slip
    ) in slips:  # (a misspelt month or season read: 'Sumer 2011' is summer 2011, and says so)
        if any(it.start <= slip.start < it.end for it in dated):
            notes.append(f"{quoted(slip.written)} taken as {slip.name}")
    if tba is not None and tba[0][:2].lower() in ("tb", "to"):
        notes.append(f"marked {quoted(tba[0])}")
        # (the note says it: 'Early 2012 (tbc)' is not also labelled '(tbc)')
        display = display[: tba.start()] + " " * (tba.end() - tba.start()) + display[tba.end() :]
    if resolved_from_period and len(dated) > 1:
        notes.append("months placed in the plan period")
    if reference is not None:
        notes.append(f"also refers to the {reference}")
    if bad:
        notes.append(f"ignored: {bad[0].bad}")
    note = (" (" + "; ".join(notes) + ")" if notes else "") + cut

    # open-ended starts only: ongoing from the earliest of them
    if all(it.open for it in dated):
        first = min(dated, key=lambda it: it.interval)  # type: ignore[arg-type,return-value]
        start_iv = first.interval
        assert start_iv is not None
        src = (
            whole
            if len(display.strip()) <= 60
            else quoted(display[first.src_start : first.src_end])
        )
        # ('Sept 2011 - March 2012 and ongoing': not 'from September 2011 to March 2012 to the end')
        start = f"{first.short}, then ongoing" if first.is_range else f"ongoing from {first.short}"
        if period is not None and period.end >= start_iv.start:
            iv = Interval(start_iv.start, period.end)
            why = f"{src} read as {start} to the end of the plan period{note}"
        elif period is not None:
            iv = start_iv
            why = f"{src} read as {start}, after the plan period ends{note}"
        else:
            iv = start_iv
            why = f"{src} read as {start} (no plan period to end it){note}"
        return Timing(kind="ongoing", text=text, intervals=(iv,), interpretation=why)

    if ongoing_words is not None:
        notes_words = f"also says {quoted(ongoing_words[0])}"
        note = (" (" + "; ".join([*notes, notes_words]) + ")") + cut

    intervals: list[Interval] = []
    distinct: list[Item] = []
    for it in dated:
        assert it.interval is not None
        if it.interval not in intervals:
            intervals.append(it.interval)
            distinct.append(it)

    year_only = all(it.level == "year" for it in dated)
    last = max(iv.end for iv in intervals)
    # (the month is known when any date ending last ends on a month or a finer date)
    ends_on_year = all(
        it.year_end for it in dated if it.interval is not None and it.interval.end == last
    )
    if len(distinct) == 1 and len(dated) > 1:
        why = f"{whole} read as {describe(distinct[0])}, written {len(dated)} times{note}"
    elif len(distinct) == 1:
        it = distinct[0]
        src = quoted(display[it.src_start : it.src_end])
        lead = label_of(display[: it.src_start])
        trail = label_of(display[it.src_end :])
        reading = f"{src} read as {describe(it)}"
        if lead:
            reading = f"{quoted(lead, 42)}: {reading}"
        elif trail and not resolved_from_period:
            reading = f"{reading} ({quoted(trail, 42)})"
        why = reading + note
    else:
        parts: list[str] = []
        previous_end = 0
        shown_previous = False
        for it in dated:
            gap = display[previous_end : it.src_start]
            # (words in brackets right after a date are that date's: 'July 2011 (draft) Sept 2011
            # (final)')
            if (
                shown_previous
                and (after := _BRACKETED_RE.match(gap)) is not None
                and after[1].strip()
            ):
                parts[-1] += f" ({after[1].strip()})"
                gap = gap[after.end() :]
            lead = label_of(gap)
            previous_end = it.src_end
            shown_previous = it in distinct
            if not shown_previous:
                continue
            desc = it.short if it.mod is None and not it.open else describe(it)
            if parts and not lead and _THEN_GAP_RE.fullmatch(gap):
                desc = f"then {desc}"  # ('Summer 2011, then 2011 to 2012': as written)
            parts.append(f"{lead}: {desc}" if lead else desc)
        if (
            shown_previous
            and (after := _BRACKETED_RE.match(display, previous_end)) is not None
            and after[1].strip()
        ):
            parts[-1] += f" ({after[1].strip()})"
        shown = parts[:6]
        more = f" and {len(parts) - 6} more" if len(parts) > 6 else ""
        why = f"{whole} read as {len(parts)} dates: " + "; ".join(shown) + more + note
    return Timing(
        kind="dated",
        text=text,
        intervals=tuple(intervals),
        interpretation=why,
        year_only=year_only,
        ends_on_year=ends_on_year,
    )


#: what joins a start and a deadline as one span ('after Easter and by July 2011')
_START_TO_DEADLINE_GAP_RE = re.compile(r"[\s,;]*(?:and|&)?\s*", re.I)


def _starts_to_deadlines(dated: list[Item], display: str) -> list[Item]:
    """A start ('from', 'after') listed with a deadline after it (``after Easter and by July
    2011``, ``from April 2011, by March 2012``) is one span, from the start to the deadline, as a
    person says it: 'from 25 April 2011, the day after Easter Day (24 April 2011), to the end of
    July 2011', not ongoing work and a second date."""
    joined: list[Item] = []
    for it in dated:
        a = joined[-1] if joined else None
        if (
            a is not None
            and a.open
            and not a.is_range
            and a.interval is not None
            and it.mod in ("by", "end")
            and not it.open
            and it.interval is not None
            and a.interval.start <= it.interval.end
            and _START_TO_DEADLINE_GAP_RE.fullmatch(display, a.src_end, it.src_start)
        ):
            start = f"{a.short}," if ", " in a.short else a.short
            to = describe(it).removeprefix("by ")
            joined[-1] = Item(
                a.start,
                it.end,
                interval=Interval(a.interval.start, it.interval.end),
                short=f"{a.short} to {to}",
                long=f"from {start} to {to}",
                level="range",
                is_range=True,
                year_end=it.year_end,
                src_start=a.src_start,
                src_end=it.src_end,
            )
            continue
        joined.append(it)
    return joined


@lru_cache(maxsize=16384)
def _read_cached(text: str | None, period: Interval | None) -> Timing:
    return _read(text, period)


def parse_timescale(text: str | None, period: Interval | None = None) -> Timing:
    """Read a milestone's timescale, as written in the plan, into a :class:`Timing`.

    Never raises: what cannot be read is returned as ``undated`` with the reason in
    ``interpretation``. The reading rules are listed in the module documentation.

    Parameters
    ----------
    text
        The source's words (``"June 11"``, ``"End September 2012"``, ``"TBA"`` ...). ``None``
        and non-text values are accepted (a non-text value is read as ``str(value)``).
    period
        The plan period. It places months given without a year and is the interval of
        ongoing work; without it such months stay undated.

    Returns
    -------
    Timing
        The reading.

    Examples
    --------
    >>> t = parse_timescale("April – July 11")
    >>> t.kind, str(t.intervals[0])
    ('dated', '2011-04..2011-07')
    >>> t.interpretation
    "'April – July 11' read as April 2011 to July 2011"
    >>> parse_timescale("End September 2012").interpretation
    "'End September 2012' read as by the end of September 2012"
    >>> parse_timescale("See 14-19 Plan").reference
    '14-19 Plan'
    >>> from datetime import date
    >>> plan = Interval(date(2011, 4, 1), date(2012, 3, 31))
    >>> parse_timescale("March", plan).interpretation
    "'March' read as March 2012, the only March in the plan period"
    >>> parse_timescale("TBA").interpretation
    "'TBA': no date given"
    """
    try:
        if (text is None or type(text) is str) and (period is None or type(period) is Interval):
            return _read_cached(text, period)
        return _read(text, period)
    except Exception:  # pragma: no cover - a last resort; the reader itself is tested not to raise
        shown = text if isinstance(text, str) else ""
        return _undated(shown, f"{quoted(shown)}: the timescale could not be read")
