"""Read when a milestone is due: timescales in plain words, ``due`` values and value periods.

Milestones in published plans say when they are due in the words people use ("June 11",
"End September 2012", "Sourcing of interventions April – July 11", "Autumn 2008", "TBA",
"See 14-19 Plan"). This package turns those words into date intervals and records how it
read them, so that a finding can show the reading to the user. It never guesses: what it
cannot read, or could read in more than one way, it reports as undated and says why.

Three entry points:

- :func:`parse_timescale` reads a free-text timescale into a :class:`Timing`. It never raises.
- :func:`parse_due` reads the plan format's structured ``due`` field (raises ``ValueError``).
- :func:`parse_value_period` reads an indicator value's ``period`` (raises ``ValueError``).

Reading rules for timescales
----------------------------
Everything is case-insensitive; en and em dashes count as hyphens; HTML tags are ignored; digits
of other scripts are read as the same digits (``June ٢٠١١`` is June 2011, as Python's ``int()``
reads them).

- **Months** (full or abbreviated, ``Sept``/``Sep.``) with a year: ``June 11``, ``Sept 2011``,
  ``Apr-11`` (as a spreadsheet shows a month), ``June/2011``. A two-digit year is 20YY; in a plan
  period, one more than ten years after the period ends is the day (``March 31`` in a plan for
  2011-12 is 31 March 2012, not March 2031). The interval is the whole month.
- **Days**: ISO ``2011-07-31``; UK numeric dates, day first: ``31/07/2011``, ``31.07.11``,
  ``31.3.12`` (a dotted date with a month of one digit and a year of two is read only where
  nothing but a date stands: the whole timescale, after "by" or "from", in a range of dates,
  ``1.4.11 - 31.3.12``, or before words with a day no section number starts with, 13 to 31,
  ``31.3.12 report to board``; no dotted date is read after a word that numbers, ``Action
  3.1.12``, and ``2.2.5`` is no date; two dotted or slashed dates may be joined by a hyphen alone,
  ``1/4/11-31/3/12``); ``31 July 2011``, ``1st April 2011``, ``July 31, 2011``,
  ``May-15 2012`` (a month and day joined by a hyphen before a year; ``May-15`` alone is May
  2015); ``1 - 15 April 2011``; ``April 1 - March 31, 2012`` (month first, a range: 1 April 2011 to
  31 March 2012); ``w/c 5 September 2011`` (week commencing; also ``wc``,
  ``w.c.``) is that week, and so is ``w/e 9 September 2011`` (week ending; also ``week
  ending``), the seven days to that day. A number after a word such as
  "Phase", "Stage" or "Year" is not a day: ``Phase 1 June 2011`` is June 2011. An impossible
  date (``31/02/2011``) is not read.
- **Deadlines** ("End Feb 2011", "by end of June 2011", "By December 11", "Due June 2011", and "To
  March 2012", "to" opening the timescale) keep the whole month as the interval; the interpretation
  says "by the end of February 2011" ("due" is read as "by": "Due June 2011" is by the end of June
  2011, "Due 31/03/2012" by 31 March 2012). A deadline ends on the month's last day, which is what
  the rules compare. "Before" and "prior to" a month, day or year are by the end of the one before
  it ("Before April 2012" is by the end of March 2012, "before 2012/13" by the end of the financial
  year 2011-12), and before any other span by the end of the month before it starts ("before the
  spring term 2012" is by the end of December 2011). "By" before any span is by its end: "by the
  spring term 2012", "by early 2012", "by end of Q3", "by Summer 2011", "by the summer holidays
  2012" keep the span as the interval and read as by its end ("by the end of the spring term 2012
  (January to April 2012)"; a part of a year is named by its third or half: "by the end of the first
  third of the calendar year 2012 (January to April 2012)").
- **Ranges**: two dates joined by a hyphen, en/em dash, ``to``, ``until``, ``through`` (``between X
  and Y``; ``from X to Y``; ``April/May 2011``, ``Spring/Summer 2012``) make one interval from the
  start of the first to the end of the second. A first part without a year takes the second part's
  year, rolled back a year when it would otherwise start after the second part (``Nov – Feb 12``
  is November 2011 to February 2012); a second part without a year takes the first year that does
  not end before the first part. A range that ends before it starts is not read. ``June 11-2012`` is
  ``June 11 - 2012``, June 2011 to the end of 2012, and a month then a span of years (``June
  2011/15``, ``June 2011-15``, ``June 2011/2015``) runs from the month to the end of the last year,
  as ``June 2011 - 2015`` does (June 2011 to December 2015, ending on a year).
- **Several dates** (``October 2011 April 2012``, ``Sept 2011 and March 2012``, three or more joined
  by slashes, ``Sept 2011/Jan 2012/Apr 2012``) give several
  intervals in the order written; repeated identical dates are kept once. A year beside a finer
  date it holds qualifies it (``Summer 2011 for 2011/12``), unless "then" puts it after the date
  (``Summer 2011, then 2011 to 2012`` is two dates). A part without a year
  listed before one with a year (``June and July 2011``, ``June, July and August 2011``,
  ``Dec and Jan 2012``) takes that part's year, rolled back a year as in a range.
- **Seasons**: spring = March–May, summer = June–August, autumn = September–November, winter =
  December to February of the next year (``Winter 2012`` is December 2012 to February 2013, the
  winter that starts at the end of 2012, as the plan format defines winter; ``Winter 2008/09`` is
  the winter across those years, December 2008 to February 2009). **School terms**: autumn term =
  September–December, spring term = January–April, summer term = April–July; with an academic
  year (``Spring term 2011/12``) the autumn term falls in the first year and the spring and summer
  terms in the second. A season without a year before a term (``Spring/Summer term 2012``, ``Spring
  and Summer terms 2012``) is a term too, and "terms" reads as "term" (``Summer terms 2012`` is the
  summer term 2012). A split year may have two digits (``Winter 11/12``, ``Spring term 11/12``). A
  half-term is the month of its holiday: autumn = October, spring = February, summer = May (``Summer
  half term 2012`` is May 2012, ``February half term 2012`` February 2012). A half of a term, as
  schools number them (``Spring 1 2012``, ``Summer term 2``, ``Autumn 1 2011/12``): autumn 1 =
  September–October, autumn 2 = November–December, spring 1 = January–February, spring 2 =
  February–April (to Easter), summer 1 = April–May, summer 2 = June–July; both halves
  (``Autumn 1 and 2 2011``, ``Spring 1 & 2``) are the whole term, and a half and the next one joined
  by "and" are the span from the first to the second, as in a range (``Autumn 2 and Spring 1 2012``
  is November 2011 to February 2012; halves apart, ``Autumn 1 and Spring 2 2012``, are two dates);
  so are two or more, each right after the one before, listed with commas, a final "and" or both
  (``Autumn 2, Spring 1 2012`` is ``Autumn 2 and Spring 1 2012``; ``Autumn 2, Spring 1, Spring 2
  2012`` and ``Autumn 2, Spring 1 and Spring 2 2012`` are November 2011 to April 2012; a list with
  halves not each after the one before, ``Autumn 2, Spring 1 and Summer 1 2012``, is dates of their
  own). "Terms" after the years makes every season before it a term (``Autumn 2011 - Summer 2012
  terms`` is September 2011 to July 2012), as does a term after a season in a range or list
  (``Spring 2011 - Summer term 2012`` starts in January). A season other than winter followed by a
  split year (``Summer 2011/12``) is ambiguous and not read. The short forms schools write, ``Aut``,
  ``Spr`` and ``Sum``, are read before a half's number or "term" (``Aut 1``, ``Spr2 2012``, ``Sum
  term``), and ``Aut`` and ``Spr`` before a year (``Aut 2011``); "sum" and "win" alone are words.
  **Holidays** with a year are their month, as a half-term is: ``Easter 2012`` (also ``Easter
  holidays``, ``Easter hols``, ``Easter break``) is the month of Easter Day by the Gregorian
  computus (April 2012; ``Easter 2008`` is March 2008), ``Christmas 2011`` (``Xmas``) December 2011
  and ``summer holidays 2012`` July to August 2012. Without a year a holiday is placed in the plan
  period as a school term is; with a split year (``Easter 2011/12``, whose Easter is not evident) it
  is not read. Before Easter or Christmas is by the day before Easter Day or Christmas Day (``before
  Easter 2012`` is by 7 April 2012); a holiday or term without a year is placed first, as it is
  alone, and then "by" applies; after "before" it is the one whose eve lies in the plan period: in a
  plan for 2011-12 ``before Easter`` is by 23 April 2011, as ``Easter`` is April 2011, and ``before
  the summer term`` by the end of March 2012 (the summer term 2011 starts with the plan). Before the
  Easter holidays is by the Friday before Palm Sunday, when schools commonly break up (15 April
  2011), and before the Christmas holidays by the end of the autumn term, the Friday before the week
  of Christmas Day (16 December 2011). "After" a date is ongoing from the time after it (``after
  Easter`` from the day after Easter Day, ``after the summer holidays`` from September, ``After
  April 2012`` from May 2012); a start listed with a deadline after it (``after Easter and by July
  2011``) is the span from the one to the other. A half-term naming no term (``by half term``,
  ``next half term``) is the first half-term of the plan period, and the end of a term naming none
  (``by the end of term``) the end of the first term to end after the plan period's first month.
- **Quarters** (``Q3``, ``Qtr 3``, ``Quarter 3``, ``third quarter``): ``Q3 2011-12`` (with a
  financial year) is a financial-year quarter, Q1 = April–June, so ``Q3 2011-12`` is
  October–December 2011 (so are ``Q3 11-12``, ``Q3 FY 2011/12``, ``Quarter 3, 2011/12``, ``Q3
  (2011/12)`` and ``Q3 - 2011/12``); ``Q1 2012`` (with a calendar year) is a calendar quarter, as in
  a value's ``period``. A quarter without a year beside a quarter with one, in a range or a list, is
  counted as that one is (``Q1 - Q2 2012`` is January to June 2012; ``Q3 and Q4 2011/12`` two
  quarters of that financial year). Quarters written with one Q are the span of them: ``Q1-4
  2011/12`` (and ``Q1 - 4``, ``Q1 to 4``) runs from Q1 to Q4, and two quarters next to each other
  joined by ``&``, ``and``, ``+`` or ``/`` (``Q2&3 2011-12``, ``Q3/4``) are the two; quarters apart
  (``Q1 & 3``) or out of order (``Q3-1``) are not read. Any other quarter without a year is a
  financial-year quarter, placed in the plan period as a month without a year is, and only in a plan
  period that starts on 1 April (in one that starts in January or September, which months "Q3" means
  is not evident).
- **Years**: ``2011-12``, ``2011/12``, ``2011/2012``, ``2011-2012``, ``08/09`` and ``08-09`` (next
  year only) are the UK financial year, 1 April to 31 March, but not after words that count (``Years
  10/11``, ``aged 11-12``, ``pages 11-12``) nor before ``year olds`` or, with a hyphen, a time or a
  month (``10-11am``, ``11-12 April``); with "academic year" or "school year" (or "AY") next to it,
  the academic year 1 September to 31 August, and so are the split years listed or ranged with one
  (``academic years 2011/12 and 2012/13``, ``academic year 2011/12 to 2012/13``), and so is every
  split year in a plan whose period is one academic year (1 September to 31 August) unless the
  timescale says "financial" or "FY". A month or day without a year right before a split year is
  that month of the year (``June 11-12`` is June 2011, ``Jan 11/12`` January 2012, ``Jan 2011/12``
  too; in a plan for one academic year ``June 2011/12`` is June 2012), and so is one before a split
  year written ``11/2012`` (``June 11/2012`` is ``June 2011/12``). Any other number after a month
  name is never a month: before a slash and a year it is the day when it can be one (``June
  15/2012`` is 15 June 2012, as ``June 15, 2012`` is; ``June 32/2012`` is not a date), and so before
  a slash and a year of two digits (``June 5/12`` and ``June 15/12`` are 5 and 15 June 2012, as
  ``June 5/2012`` is), unless the number and the year are a split year (``June 11/12``). ``YYYY-MM``
  whose second part is not the next year is an ISO month (``2011-07``); ``FY 2012/13``, ``FY12/13``
  and ``FY 12-13`` are financial years too. ``financial year 2012``, ``FY2012`` and ``academic year
  2012`` (one year named) are undated: one such year ends in 2012 and the next starts in it, and the
  interpretation names both. A year and two digits that could be a month (``2008-11``) are the span
  of years (2008 to 2011) when those years meet the plan period and end within five years after it,
  and the month (November 2008) otherwise or without a plan period. ``2012`` alone is the calendar
  year; ``2010 – 2013`` runs from 1 January 2010 to 31 December 2013, and so do ``2010-13`` and
  ``2010/13``, whose second part is no month and no next year. Two years in a row joined by "to"
  (``2011 to 2012``, ``from 2011 to 2012``, ``financial year 2011 to 2012``) are the split year, as
  ``2011 - 2012`` is (the financial year, or the academic year where a split year is one); ``2010 to
  2013`` spans the calendar years, as ``2010 - 2013`` does. Year-level readings (calendar, financial
  and academic years) set ``Timing.year_only``, since they say nothing about the month a milestone
  falls due in; a range ending on a year alone (``April 2009 - 2010``) sets ``Timing.ends_on_year``
  for the same reason.
- **Parts of a year**: ``Early 2012``, ``Start of 2012``, ``beginning of 2012`` are the first third
  of the year (January–April 2012), ``Mid 2012`` the second (May–August), ``Late 2012`` the last
  (September–December); a split year's thirds start in its first month (``Start of 2012/13`` is
  April–July 2012, or September–December 2012 when it is an academic year); in a range they are
  one span (``late 2011 - early 2012`` is September 2011 to April 2012). ``H1 2011/12``, ``H2
  2012``, ``first half of 2012`` and ``second half of the financial year 2011/12`` are halves (H1 of
  a financial year is April–September); ``H1`` without a year is not read. A month's thirds are
  read so too: ``Beginning April 2011``, ``early April 2011`` and ``start of April 2011`` are 1 to
  10 April 2011, ``mid-May 2011`` 11 to 20 May, ``late April 2011`` 21 to 30 April (placed in the
  plan period first when no year is given: ``Early April``). ``End 2012`` and ``End April 2011`` are
  deadlines, by the end of 2012 and of April 2011, and "start" or "begin" without "of" (``Pilot to
  start 2012``, ``Start April 2011``), or "beginning" without "of" after a word (``Training
  beginning April 2011``), may be a verb and keeps the whole year or month.
- **Qualifying years**: when a timescale also gives a finer date, a year-level expression
  preceded by "for", or one that contains a finer date, names what the work covers rather than
  when it is due and is left out ("Analysis ... for 2010/2011 completed by November 11" is
  November 2011). A year before "baseline" (``from the 1998 baseline ... by 2010``) is left out
  beside any other date, and a year before "Vision" (``2020 Vision for Learning``) is a name.
- **Months without a year** (``March``, ``by July``, ``April – July``) are read only when a plan
  period is given and exactly one such month (or range) lies within it; the interpretation says so.
  A school term (or half of one) without a year is placed so too, and, when none lies within the
  period, also when exactly one starts in it and lies mostly in it: in a plan for one financial year
  (April to March) ``Spring term`` is January to April of its second year. "May" and "March" in
  lower case are English words, not months, when no year follows; a month after "the", "this",
  "next", "last" and similar words ("the September Guarantee") is a name, not a date, but a school
  term after "the" is a term ("by the end of the summer term"). A month without a year is never read
  when the same timescale gives a date with a year. A day and month written with numbers (``31/3``,
  ``by 31/3``, ``Due 30/9``) is placed in the plan period the same way, but only as the whole
  timescale or after "by", "due", "end" or "deadline" at its end, and not after a word of change
  (``Reduce absence by 1/3``): ``1/2 day`` and ``2/3 of schools`` are fractions. ``11/12`` is a
  year. A slash after it (``by 31/03/``, the year left to fill in) changes nothing. Two numbers of
  two digits, the first a month, are a month and a year of two digits there instead (``06/11`` is
  June 2011); one whose first is no month (``13/11``) is the day and month.
- **Typing slips**: a month or season misspelt by one slip (``Sumer 2011``, ``Autum term``,
  ``Febuary``, ``Mrach 2012``) is read as it, and the interpretation names the correction ("'Sumer'
  taken as summer"); see :mod:`.slips` for what one slip is and the words it leaves alone. May, June
  and July misspelt are read only where a date evidently stands (``Jnue 2012``, ``12 Juyl``), and
  only by a slip that makes no word. A year
  typed with an O for a zero (``June 2o12``) is that year.
- **Ongoing work** (``Ongoing``, ``On-going``, ``Continuous``, ``Throughout the year``,
  ``Termly``, ``Monthly``, ``Quarterly``, ``Annually``, ``six monthly``, ``every 6 months``, ``Whole
  year``, ``each April`` ...):
  kind ``ongoing``, with the plan period as its interval when one is given and no interval
  otherwise. A date with a year always wins over these words ("May 11 and January 12" in
  "Update progress six monthly ... May 11 and January 12" is dated).
- **The end of the year** (``By year end``, ``End of the financial year``): the last month of
  the plan period, "by the end of March 2012", when the period is one financial year (1 April
  to 31 March) or, unless the text says "financial", one calendar year; in a plan of several
  years, or without a period, it is undated and the interpretation says why. ``end of Year 11``
  (a school year group) is not a date. With the year written (``end of the financial year
  2012/13``, ``end of FY 2012/13``, ``Year end 2011/12``, ``by the end of the 2012/13 financial
  year``, ``end of the academic year 2011/12``) it is that year's last month, as without it:
  "by the end of March 2013, the end of the financial year 2012-13". A financial or academic
  year named by one year is the one that ends in it (``end of the financial year 2012`` is
  March 2012); ``end of the calendar year 2012`` is December 2012. ``Year end 2012`` (a year
  end in 2012, March or December) and ``End of 2011/12`` keep their year-level readings.
- **Counted from the start of the plan** (``Within 6 months``, ``within the first year``, ``in the
  first 6 months of the plan``, ``Review in 6 months``, ``in six months' time``): a deadline at the
  end of that time from the plan period's first day; counted from anything else (``within 3 months
  of launch``), or without a plan period, undated. ``By the end of the plan`` is the last month of
  the plan period. ``By the end of the academic year`` is the end of the academic year ending (31
  August) in the plan period, when one does.
- **Open-ended starts** (``From April 2011 onwards``, ``April 2011 onwards``, ``monthly from
  Sept 11``): kind ``ongoing``, interval from the start of that date to the end of the plan
  period. Without a plan period, or when the period ends before the work starts, the interval
  is the starting date itself: the tool then knows only when the work starts.
- **No date**: empty text, ``-``, ``TBA``, ``TBC``, ``To be agreed``, ``To be confirmed``,
  ``N/A`` and text with nothing readable are undated, and the interpretation says why. A
  ``(tbc)`` next to a date keeps the date and marks it provisional.
- **Deferred timing**: a phrase that defers to another document ("See 14-19 Plan", "As in
  Play Strategy", "in line with the Children's Trust timetable") is kind ``external`` with the
  document in ``reference``. Only phrases naming a plan, strategy, timetable, programme,
  framework, policy, schedule, protocol or similar document count. A date in the same
  timescale wins, and the interpretation mentions the document.
- ``As above``, ``Same as above``, ``Ditto``: kind ``as_above``; the caller substitutes the
  timing of the milestone above.
- The interval list keeps the order of the text; ``Timing.span`` runs from the earliest start
  to the latest end.
- Only the first 1,000 characters of a timescale are read.

Readings are cached (the text and the period are the key), so a plan that repeats the same
timescales is read once per distinct wording. The commonest forms, a month and year alone or after
deadline words (``June 11``, ``End September 2012``, ``Due June 2012``, ``no later than June
2012``), take a quick path that gives the reading the full reader gives.

Where each step is
------------------
- :mod:`.reader`: :func:`parse_timescale`, its quick path for the commonest forms, its cache, and
  how the expressions found become one reading (placed in the plan period, undated, ongoing).
- :mod:`.scan`: finding the date expressions of a text and joining them (ranges, lists, the
  words before and after each date).
- :mod:`.days`, :mod:`.years`, :mod:`.terms`: reading each kind of expression: months and
  days; calendar, financial and academic years and quarters; seasons and school terms.
- :mod:`.items`: one expression found, the builders the readers share, and ranges.
- :mod:`.patterns` and :mod:`.lexicon`: the regular expressions, and the words they are built from.
- :mod:`.slips`: months and seasons misspelt by one slip, mended before the text is scanned.
- :mod:`.intervals`: :class:`Interval`, :class:`Timing` and the dates they are made of.
- :mod:`.show`: how the source is quoted and a reading put in words for messages.
- :mod:`.due` and :mod:`.periods`: :func:`parse_due` and :func:`parse_value_period`.
"""

from __future__ import annotations

from .due import iso_date, parse_due
from .intervals import Interval, Timing, TimingKind, month_interval
from .periods import parse_value_period
from .reader import _FAST_RE as _FAST_RE
from .reader import _read as _read
from .reader import _read_cached as _read_cached
from .reader import _read_full as _read_full
from .reader import parse_timescale

__all__ = [
    "Interval",
    "Timing",
    "TimingKind",
    "iso_date",
    "month_interval",
    "parse_due",
    "parse_timescale",
    "parse_value_period",
]
