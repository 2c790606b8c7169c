"""Months and days: ``June 11``, ``Sept 2011``, ``31/07/2011``, ``31 July 2011``, ``July 31, 2011``.

The handlers of the month and day expressions of :data:`.patterns.DATE_RE`. A month or
day without a year is left for the plan period to place; one before a split year
(``June 11/12``) waits for that year, which says which June is meant.
"""

from __future__ import annotations

import re
from datetime import date

from .intervals import (
    Interval,
    day_words,
    month_end,
    month_interval,
    month_span,
    month_words,
    shift_month,
)
from .items import Item, fy_item, range_item, safe, split_year, two_digit, year_item
from .lexicon import MONTH_NAMES, MONTH_NUMBER
from .patterns import (
    CHANGE_RE,
    DAY_MONTH_LEAD_RE,
    MONTH_BEFORE_RE,
    NUMBERED_RE,
    SHORT_DOTTED_LEAD_RE,
    SHORT_DOTTED_TAIL_RE,
    SPLIT_REST_RE,
)
from .show import quoted


def _month_item(m: re.Match[str], mon_group: str, year: int | None) -> Item:
    word = m[mon_group]
    month = MONTH_NUMBER[word[:3].lower()]
    item = Item(m.start(), m.end())
    name = MONTH_NAMES[month]
    if year is None:
        item.make = safe(lambda y: (month_interval(y, month), f"{name} {y}"))
        item.name = name
        item.weak = word in ("may", "march", "mar")
        return item
    item.interval = month_interval(year, month)
    item.short = item.long = f"{name} {year}"
    return item


def _day_item(m: re.Match[str], mon_word: str, day: int, year: int | None) -> Item:
    month = MONTH_NUMBER[mon_word[:3].lower()]
    item = Item(m.start(), m.end(), level="day")
    if year is None:
        if not 1 <= day <= 31:
            item.bad = f"{quoted(m[0])} is not a valid date"
            return item
        item.weak = mon_word in ("may", "march", "mar")
        return yearless_day(item, month, day)
    return _fixed_day(item, m[0], year, month, day)


def yearless_day(item: Item, month: int, day: int) -> Item:
    """A day without a year, to be placed in the plan period ('31 March', 'by 31/3')."""

    def make(y: int) -> tuple[Interval, str]:
        d = date(y, month, day)
        return Interval(d, d), day_words(d)

    item.make = safe(make)
    item.name = f"{day} {MONTH_NAMES[month]}"
    return item


def _fixed_day(item: Item, src: str, year: int, month: int, day: int) -> Item:
    if not 1 <= month <= 12:
        item.bad = f"{quoted(src)} is not a valid date (month {month})"
        return item
    last = month_end(year, month).day
    if not 1 <= day <= last:
        item.bad = (
            f"{quoted(src)} is not a valid date ({MONTH_NAMES[month]} {year} has {last} days)"
        )
        return item
    d = date(year, month, day)
    item.interval = Interval(d, d)
    item.short = item.long = day_words(d)
    return item


def handle_iso(m: re.Match[str], text: str) -> Item:
    item = Item(m.start(), m.end(), level="day")
    return _fixed_day(item, m[0], int(m["iso_y"]), int(m["iso_m"]), int(m["iso_d"]))


def handle_nd(m: re.Match[str], text: str) -> Item | None:
    d, mo, y = m["nd_d"], m["nd_m"], m["nd_y"]
    if m["nd_s"] == "." and (
        NUMBERED_RE.search(text, max(0, m.start() - 20), m.start())
        or (len(mo) != 2 and len(y) != 4 and not _dotted_date_alone(m, text))
    ):
        # 'Action 3.1.12': a section number, not a date ('31.3.2012' is one, and '31.3.12' alone)
        return None
    year = int(y) if len(y) == 4 else two_digit(y)
    item = Item(m.start(), m.end(), level="day")
    if not 1900 <= year <= 2099:  # (as for a month's year: "31/12/9999" is no date a plan means)
        item.bad = f"{quoted(m[0])}: {year} is not a year from 1900 to 2099"
        return item
    return _fixed_day(item, m[0], year, int(mo), int(d))


#: the first number of a dotted date before other words that no section number reaches: a plan
#: numbers a dozen priorities or fewer, so '31.3.12 report to board' is a date, '3.1.12 Review' a
#: section
_DAY_NO_SECTION_REACHES = 13
#: words after a dotted date ('31.3.12 report to board', '31.3.12: report')
_WORDS_AFTER_RE = re.compile(r"[\s:,;-]+[a-z]", re.I)


def _dotted_date_alone(m: re.Match[str], text: str) -> bool:
    """Whether a dotted date with a month of one digit and a year of two (``31.3.12``, ``1.4.11``),
    which a section number may be written as (``Action 3.1.12``), stands where only a date stands:
    the whole timescale, after a deadline's or a start's words (``by 31.3.12``, ``from 1.4.11``), or
    in a range or a list of dates (``1.4.11 - 31.3.12``); and not after a word that numbers
    (``Section``, ``Action``). Before other words it is read only when its day is one no section
    number starts with, 13 to 31 (``31.3.12 report to board``; ``3.1.12 Review`` is a section). No
    fraction or measure has two dots, so a word of change before it changes nothing (``Reduce
    absence by 31.3.12`` is by 31 March 2012, where ``by 1/3`` is a third)."""
    before = text[max(0, m.start() - 40) : m.start()]
    return bool(
        SHORT_DOTTED_LEAD_RE.search(text, max(0, m.start() - 40), m.start())
        and not NUMBERED_RE.search(before)
        and (
            SHORT_DOTTED_TAIL_RE.match(text, m.end())
            or (
                int(m["nd_d"]) >= _DAY_NO_SECTION_REACHES
                and _WORDS_AFTER_RE.match(text, m.end()) is not None
            )
        )
    )


def handle_dn(m: re.Match[str], text: str) -> Item | None:
    """``31/3``: a day and month without a year, placed in the plan period as '31 March' is. Read
    only as the whole timescale or after 'by', 'due' or 'end' at its end, where no fraction stands
    ('1/2 day', '2/3 of schools', 'Reduce absence by 1/3' are not dates); a slash may end it (``by
    31/03/``, the date written for a year to be added). Two numbers of two digits whose first is a
    month (``06/11``, ``by 12/11``) are a month and a year, as a spreadsheet shows a month: June
    2011, December 2011 (a split year, ``11/12``, was read before); ``13/11`` and ``31/03``, whose
    first is no month, stay a day and month."""
    day, month = int(m["dn_d"]), int(m["dn_m"])
    # ('06/11', two digits and two, the first a month: a month and year as a spreadsheet shows one)
    month_year = (
        len(m["dn_d"]) == len(m["dn_m"]) == 2
        and 1 <= day <= 12
        and not text.startswith("/", m.end())
    )
    if not month_year and not (1 <= month <= 12 and 1 <= day <= month_end(2000, month).day):
        return None
    before = text[: m.start()]
    after = text[m.end() :].removeprefix("/")  # ('by 31/03/': the slash before a year left out)
    if after.strip(" .,;:!") or not DAY_MONTH_LEAD_RE.search(before) or CHANGE_RE.search(before):
        return None
    if month_year:
        item = Item(m.start(), m.end())
        year = two_digit(m["dn_m"])
        item.interval = month_interval(year, day)
        item.short = f"{MONTH_NAMES[day]} {year}"
        item.long = f"{item.short} (a month and a year of two digits)"
        return item
    end = m.end() + 1 if text.startswith("/", m.end()) else m.end()
    return yearless_day(Item(m.start(), end, level="day"), month, day)


def handle_my(m: re.Match[str], text: str) -> Item | None:
    month, year = int(m["my_m"]), int(m["my_y"])
    if MONTH_BEFORE_RE.search(text, max(0, m.start() - 12), m.start()):
        # a number after a month name is not a month: in 'June 11/2012' it starts the split year
        # 2011/12 (see handle_md, which reads one that can be a day: 'June 15/2012')
        if len(m["my_m"]) == 2 and split_year(two_digit(m["my_m"]), m["my_y"]) is not None:
            return fy_item(Item(m.start(), m.end()), two_digit(m["my_m"]), text)
        return None
    if not 1 <= month <= 12:
        return None
    item = Item(m.start(), m.end())
    item.interval = month_interval(year, month)
    item.short = item.long = f"{MONTH_NAMES[month]} {year}"
    return item


def handle_dm(m: re.Match[str], text: str) -> Item | None:
    if NUMBERED_RE.search(text, max(0, m.start() - 20), m.start()):
        return None  # 'Phase 1 June 2011' is phase 1 in June 2011, not 1 June
    if _starts_split_year(m, "dm_y4", text):
        return _before_split_year(_day_item(m, m["dm_mon"], int(m["dm_d"]), None), m, "dm_mon")
    year = int(m["dm_y4"]) if m["dm_y4"] else two_digit(m["dm_y2"]) if m["dm_y2"] else None
    item = _day_item(m, m["dm_mon"], int(m["dm_d"]), year)
    if item.interval is not None and (last := _last_year_after(m, "dm_y4", text)) is not None:
        return _to_year(item, last, text)
    return item


def handle_dr(m: re.Match[str], text: str) -> Item | None:
    if NUMBERED_RE.search(text, max(0, m.start() - 20), m.start()):
        return None
    year = int(m["dr_y4"]) if m["dr_y4"] else two_digit(m["dr_y2"]) if m["dr_y2"] else None
    first = _day_item(m, m["dr_mon"], int(m["dr_a"]), year)
    last = _day_item(m, m["dr_mon"], int(m["dr_b"]), year)
    if first.bad or last.bad:
        return first if first.bad else last
    if first.interval is not None and last.interval is not None:
        joined = range_item(first, last, m[0])
        assert joined is not None
        if joined.interval is not None:
            joined.level = "day"
            joined.short = joined.long = (
                f"{first.interval.start.day} to {day_words(last.interval.end)}"
            )
        return joined
    make_a, make_b = first.make, last.make
    assert make_a is not None and make_b is not None
    item = Item(m.start(), m.end(), level="day", is_range=True)

    def make(y: int) -> tuple[Interval, str] | None:
        a, b = make_a(y), make_b(y)
        if a is None or b is None or b[0].end < a[0].start:
            return None
        return Interval(a[0].start, b[0].end), f"{a[0].start.day} to {b[1]}"

    item.make = make
    item.name = f"{m['dr_a']} to {last.name}"
    item.weak = last.weak
    return item


def handle_md(m: re.Match[str], text: str) -> Item:
    after_slash = m["md_y2"] if m["md_sl"] else m["md_y3"]
    if after_slash and len(m["md_d"]) == 2 and split_year(two_digit(m["md_d"]), after_slash):
        # ('June 11/2012' and 'June 11/12': June of the year 2011/12, as 'June 2011/12' is, not
        # 11 June 2012)
        return _before_split_year(_month_item(m, "md_mon", None), m, "md_mon")
    # (any other number before a slash and a year is the day: 'June 5/12' is 5 June 2012, as
    # 'June 5/2012' is)
    y = m["md_y1"] or m["md_y2"]
    year = int(y) if y else two_digit(m["md_y3"]) if m["md_y3"] else None
    return _day_item(m, m["md_mon"], int(m["md_d"]), year)


def handle_mn(m: re.Match[str], text: str) -> Item:
    if _starts_split_year(m, "mn_y4", text):
        return _before_split_year(_month_item(m, "mn_mon", None), m, "mn_mon")
    year = int(m["mn_y4"]) if m["mn_y4"] else two_digit(m["mn_y2"]) if m["mn_y2"] else None
    item = _month_item(m, "mn_mon", year)
    if (last := _last_year_after(m, "mn_y4", text)) is not None:
        return _to_year(item, last, text)
    return item


def _last_year_after(m: re.Match[str], group: str, text: str) -> re.Match[str] | None:
    """The last year of a span of years written after a month's year (``15`` of ``June 2011/15``,
    ``June 2011-15``), or None: a split year's next year is the split year (``June 2011/12``, read
    before: :func:`_starts_split_year`), a year not after the first is no span (``June 2011/11``),
    and a hyphen before a year of four digits is already a range (``June 2011-2015``)."""
    if not m[group] or text[m.start(group) - 1] in "/.-":
        return None
    rest = SPLIT_REST_RE.match(text, m.end(group))
    if rest is None or (len(rest[1]) == 4 and rest[0].startswith("-")):
        return None
    last = int(rest[1]) if len(rest[1]) == 4 else two_digit(rest[1])
    return rest if last > int(m[group]) else None


def _to_year(item: Item, last: re.Match[str], text: str) -> Item:
    """``June 2011/15``: from the month to the end of the last year, as ``June 2011 - 2015`` is read
    (the end is a year's, not a month the work falls due in)."""
    year = int(last[1]) if len(last[1]) == 4 else two_digit(last[1])
    joined = range_item(item, year_item(Item(*last.span()), year), text[item.start : last.end()])
    assert joined is not None and joined.interval is not None
    return joined


def _starts_split_year(m: re.Match[str], group: str, text: str) -> bool:
    """Whether the year of four digits after a month or day is the first of a split year naming the
    next (``June 2011/12``, ``Jan 2011-12``, ``June 2011/2012``), not a year of its own; a hyphen
    before a year of four digits ends a range (``June 2011-2012``), and a year joined to the month
    (``June/2011/12``, ``Apr-2011-12``) is not read as a split year."""
    if not m[group] or text[m.start(group) - 1] in "/.-":
        return False
    rest = SPLIT_REST_RE.match(text, m.end(group))
    if rest is None or (len(rest[1]) == 4 and rest[0].startswith("-")):
        return False
    return split_year(int(m[group]), rest[1]) is not None


def _before_split_year(item: Item, m: re.Match[str], mon_group: str) -> Item:
    """A month or day read without the split year after it, which is found next and gives it its
    year, as ``June 11/12`` is read (see :func:`_months_of_years`): June of the financial year
    2011-12 is June 2011, of the academic year June 2012."""
    item.end = m.end(mon_group)
    item.weak = False  # (a year follows: 'may 2011/12' is a month)
    return item


#: the days of a month that 'early' (or 'the start of', 'the beginning of'), 'mid' and 'late' name:
#: its thirds, as they are a year's ('Early 2012' is January to April): (first day, last day; 0 for
#: the month's end)
_MONTH_THIRDS = {"start": (1, 10), "mid": (11, 20), "late": (21, 0)}
_THIRD_WORDS = {"start": "the beginning of", "mid": "mid-", "late": "late"}
_THIRD_NOUNS = {
    "start": "the first third of",
    "mid": "the second third of",
    "late": "the last third of",
}


def _third(part: str, written: str, year: int, month: int) -> tuple[Interval, str, str, str]:
    """(interval, short, long, deadline) of a third of a month: 'early April 2011' is 1 to 10
    April."""
    first, last = _MONTH_THIRDS[part]
    end = month_end(year, month)
    iv = Interval(date(year, month, first), end if last == 0 else date(year, month, last))
    name = f"{MONTH_NAMES[month]} {year}"
    words = "early" if written[:5].lower() == "early" else _THIRD_WORDS[part]
    short = f"{words}{name}" if words.endswith("-") else f"{words} {name}"
    return iv, short, f"{short} ({first} to {day_words(iv.end)})", third_deadline(iv)


def third_deadline(iv: Interval) -> str:
    """What 'by the end of' names of a third of a month: 'the first third of April 2011 (1 to 10
    April 2011)'."""
    part = next(p for p, (first, _) in _MONTH_THIRDS.items() if first == iv.start.day)
    return (
        f"{_THIRD_NOUNS[part]} {MONTH_NAMES[iv.start.month]} {iv.start.year} ({iv.start.day} "
        f"to {day_words(iv.end)})"
    )


def part_of_month(item: Item, part: str, written: str) -> None:
    """Read a month after 'early', 'the beginning of', 'mid' or 'late' (``Beginning April 2011``,
    ``mid-May 2011``) as that third of it, not the whole month: 1 to 10 April 2011, 11 to 20 May
    2011, 21 to 30 April 2011, as 'Early 2012' is the first third of the year. A month without a
    year is placed in the plan period as the month is, then its third taken."""
    if item.interval is not None:
        iv = item.interval
        item.interval, item.short, item.long, item.deadline = _third(
            part, written, iv.start.year, iv.start.month
        )
    elif (
        item.make is not None
    ):  # (the third lies in its month: placing the month or the third is the same)
        make = item.make

        def third(y: int) -> tuple[Interval, str] | None:
            got = make(y)
            if got is None:
                return None
            iv, _, long, _ = _third(part, written, got[0].start.year, got[0].start.month)
            return iv, long

        item.make = third
        item.name = (
            f"{'mid-' if part == 'mid' else 'late ' if part == 'late' else 'early '}{item.name}"
        )
    item.level, item.mod = "part", None


_SPAN_PART_WORDS = {"start": "the beginning of", "mid": "the middle of", "late": "late in"}


def _months_of_part(iv: Interval, part: str) -> Interval:
    """The months of a span of months that 'early', 'mid' or 'late' name: a third of its months, at
    least one, the middle ones for 'mid' (a quarter's or a season's first, second or third month; a
    school term of four months: its first month, the two in the middle, its last; a span of two: the
    first, both, the last)."""
    months = (iv.end.year - iv.start.year) * 12 + iv.end.month - iv.start.month + 1
    size = max(1, months // 3)
    first, last = {"start": (0, size - 1), "late": (months - size, months - 1)}.get(
        part, (size, months - size - 1)
    )
    if last < first:  # (the middle of two months is both)
        first, last = 0, months - 1
    y1, m1 = shift_month(iv.start.year, iv.start.month, first)
    y2, m2 = shift_month(iv.start.year, iv.start.month, last)
    return month_span(y1, m1, y2, m2)


def _span_part(part: str, written: str, iv: Interval, name: str) -> tuple[Interval, str, str]:
    """(interval, short, long) of a part of a quarter, a season or a term: 'early spring 2012' is
    March 2012."""
    got = _months_of_part(iv, part)
    words = "early in" if written[:5].lower() == "early" else _SPAN_PART_WORDS[part]
    single = (got.start.year, got.start.month) == (got.end.year, got.end.month)
    short = f"{MONTH_NAMES[got.start.month]} {got.start.year}" if single else month_words(got)
    return got, short, f"{words} {name} ({short})"


def part_of_span(item: Item, part: str, written: str) -> None:
    """Read a quarter, a season or a school term after 'early', 'the beginning of', 'mid' or 'late'
    (``Early Q3 2011/12``, ``late summer 2011``) as that part of its months (see
    :func:`_months_of_part`), not the whole span read as 'the beginning of' it: October 2011, August
    2011. Without a year the span is placed in the plan period first, as it is alone, and its part
    taken then (``part_later``)."""
    if item.interval is None:
        item.part_later = (part, written)
        return
    name = item.long.split(" (")[0]
    item.interval, item.short, item.long = _span_part(part, written, item.interval, name)
    item.deadline = "" if " to " not in item.short else item.long
    # (now months: no longer a half or a season to join as one; a term stays one to be placed as a
    # term is, and a quarter without a year one placed only in a plan that starts in April)
    item.level, item.half, item.season = "month", 0, ""
