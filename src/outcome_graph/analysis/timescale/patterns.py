"""The regular expressions that find date expressions and the words around them.

One alternation (``DATE_RE``) finds every kind of date expression; each named group is
read by a handler (see :mod:`.scan`). The others find what changes a date's meaning: the
words before it ("by the end of", "from", "for"), what joins two dates into a range or a
list, and the phrases of undated, ongoing and deferred timescales. All match ASCII text
without regard to case: the text is cleaned first (:func:`.scan.clean`).
"""

from __future__ import annotations

import re

FLAGS = re.I | re.A
MON_BODY = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|jun(?:e)?|jul(?:y)?"
    r"|aug(?:ust)?|sep(?:t(?:ember)?|tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
    # (a month misspelt is its first three letters and a mark for the rest: 'mar\x00\x00' for
    # 'Mrach', see .slips)
    r"\x00*"
)
_Y4 = r"(?:19|20)\d\d"
#: A number of three or more digits straight after a month or season: a year that _Y4 does not
#: read ("June 3011", "June 2100") is a typo to report, not a month to place in the period.
NOT_A_YEAR = re.compile(r"[\s,']*(\d{3,})(?!\d)", re.A)
#: the rest of a split year after its first year ('/12' in 'June 2011/12'; with a hyphen, no spaces:
#: 'June 2011 - 12 July' is a range)
SPLIT_REST_RE = re.compile(r"(?:\s*/\s*|-)(\d{4}|\d\d)(?![\d/.-])", re.A)
# a two-digit year after a month or season ('Nov 11/Dec 11', but not 'Nov 11/12', a financial year)
_YY_AFTER = r"['’]?(?P<{0}>\d\d)(?![\w%]|/\d|[.,]\d|-(?!" + _Y4 + r"(?!\d))\d)"


_HOLIDAY = r"(?:holidays?|hols?|break|vacation)"


def _mon(name: str) -> str:
    return r"(?<![a-z])(?P<" + name + ">" + MON_BODY + r")\.?(?![a-z])"


_DAY_MONTH = r"(?P<DN>(?<![\d/.-])(?P<dn_d>\d{1,2})/(?P<dn_m>\d{1,2})(?![\d-]|/\d|\.\d))"
_ALTERNATIVES = [
    # quarters: Q3 2011-12, Q3 11/12, Q1 2012, 2011-12 Q3, 2011-12-Q3, 2012 Q1, Q3 (no year);
    # 'Qtr 3', 'Quarter 3' and 'third quarter' as 'Q3'
    r"(?P<Q>(?<![a-z0-9])(?:(?:q|qtr\.?\s*|quarter\s*)(?P<q_n1>\d)(?!\d)"
    # (a second quarter written with its number alone: 'Q1-4 2011/12', 'Q2 & 3', 'Q3/4', 'Q1 to 3')
    r"(?:(?:\s*(?P<q_to>-)\s*|\s+(?P<q_to2>to)\s+|\s*(?:&|\+|/)\s*|\s+and\s+)(?P<q_m>[1-4])"
    r"(?![\d%]|[/.:-]\d|\s*(?:st|nd|rd|th|x|weeks?|days?|months?|years?|hours?|hrs?"
    r"|times?)(?![a-z])))?"
    r"|(?P<q_o>first|second|third|fourth|1st|2nd|3rd|4th)\s+(?:quarter|qtr)(?![a-z]))"
    # (a financial year in brackets or after a dash is the quarter's too: 'Q3 (2011/12)', 'Q3 -
    # 2011/12')
    r"(?:(?:,?\s*|(?:\s*\(\s*"
    r"|\s+-\s+)(?=(?:fy\s*)?\d{2,4}\s*[/-]\s*\d{2,4}(?![\d/-])))(?:of\s+)?(?:"
    # (a financial year after 'FY' or 'financial year' too: 'Q3 FY 2011/12', 'Q3 of the financial
    # year 11-12')
    r"(?:(?:the\s+)?(?:fy|financial\s+year)\s*)?(?:(?P<q_fa1>"
    + _Y4
    + r")\s*[/-]\s*(?P<q_fb1>\d{4}|\d\d)(?!\d)"
    r"|(?P<q_fc1>\d\d)[/-](?P<q_fd1>\d\d)(?![\d/-]))"
    r"|(?P<q_y1>" + _Y4 + r")(?!\d)))?"
    r"|(?<![\d/.-])(?P<q_fa2>" + _Y4 + r")\s*[/-]\s*(?P<q_fb2>\d{4}|\d\d)[\s-]*q(?P<q_n2>\d)(?!\d)"
    r"|(?<![\d/.-])(?P<q_y3>" + _Y4 + r")[\s-]*q(?P<q_n3>\d)(?!\d))",
    # a half of a year: H1 2011/12, H2 2012, H1 11-12 (a year is needed: 'H1' alone is not read)
    r"(?P<H>(?<![a-z0-9])h(?P<h_n>[12])(?:,?\s*|\s*\(\s*|\s+-\s+)(?:fy\s*)?"
    r"(?:(?P<h_fa>"
    + _Y4
    + r")\s*[/-]\s*(?P<h_fb>\d{4}|\d\d)|(?P<h_fc>\d\d)\s*[/-]\s*(?P<h_fd>\d\d)"
    r"|(?P<h_y>" + _Y4 + r"))(?![\d/.-]))",
    # a year written after 'FY' with two digits: FY12, FY 12-13
    r"(?P<FYY>(?:(?<=fy)|(?<=fy\s))(?P<fyy_a>\d\d)(?:\s*[/-]\s*(?P<fyy_b>\d\d))?(?![\d/.-]))",
    # ISO day 2011-07-31
    r"(?P<ISO>(?<![\d/.-])(?P<iso_y>" + _Y4 + r")(?P<iso_s>[-/])(?P<iso_m>\d\d)(?P=iso_s)"
    r"(?P<iso_d>\d\d)(?!\d))",
    # UK numeric day, day first: 31/07/2011, 31.07.11, 1-4-2011
    # (two dotted or slashed dates may be joined by a hyphen alone: '01.04.11-31.03.12',
    # '1/4/11-31/3/12')
    r"(?P<ND>(?<![\d/.])(?:(?<!-)|(?<=[./]\d\d-)|(?<=[./]\d\d\d\d-))"
    r"(?P<nd_d>\d{1,2})(?P<nd_s>[/.-])(?P<nd_m>\d{1,2})(?P=nd_s)(?P<nd_y>\d{4}|\d\d)"
    r"(?!\d|[/.]\d|-(?!\d{1,2}(?P<nd_s2>[./])\d{1,2}(?P=nd_s2)\d)\d))",
    # financial year / ISO month / year range: 2011-12, 2011/2012, 2011-07, 2010 - 2013
    r"(?P<FY>(?<![\d/.-])(?P<fy_a>"
    + _Y4
    + r")\s*(?P<fy_s>[/-])\s*(?P<fy_b>\d{4}|\d\d)(?!\d|[/.-]\d))",
    # two-digit financial year: 08/09, 08-09 (not ages, times or a range of days: '11-12 year olds',
    # '10-11am', '11-12 April')
    r"(?P<FY2>(?<![\d/.-])(?P<f2_a>\d\d)(?:/|(?P<f2_h>-))(?P<f2_b>\d\d)(?!\d|[/.-]\d)"
    r"(?!\s*(?:years?|yrs?|year-olds?)\b)(?(f2_h)(?!(?:st|nd|rd|th)?\s*(?:of\s+)?"
    + MON_BODY
    + r"(?![a-z])"
    r"|\s*(?:am|pm|hours?|hrs?|mins?|minutes|weeks?|days?|months?|%|:\d)(?![a-z]))))",
    # numeric month: 07/2011
    r"(?P<MY>(?<![\d/.-])(?P<my_m>\d{1,2})/(?P<my_y>" + _Y4 + r")(?!\d|[/.-]\d))",
    # day and month without a year: 31/3 (read only as a whole timescale or after 'by', 'due',
    # 'end')
    _DAY_MONTH,
    # day range in one month: 1 - 15 April 2011, 1st to 15th April
    r"(?P<DR>(?<![\d.,/:-])(?P<dr_a>\d{1,2})(?:st|nd|rd|th)?\s*(?:-|to|until)\s*"
    r"(?P<dr_b>\d{1,2})(?:st|nd|rd|th)?"
    r"(?:\s+of\s+|\s+|-)?"
    + _mon("dr_mon")
    + r"(?:(?:,?\s*|-)(?P<dr_y4>"
    + _Y4
    + r")(?!\d)|(?:\s*|-)"
    + _YY_AFTER.format("dr_y2")
    + r")?)",
    # day month [year]: 31 July 2011, 1st April 2011, 01-Apr-11, 31 March
    r"(?P<DM>(?<![\d.,/:-])(?P<dm_d>\d{1,2})(?:st|nd|rd|th)?(?:\s+of\s+|\s+|-)?"
    + _mon("dm_mon")
    + r"(?:(?:,?\s*|-)(?P<dm_y4>"
    + _Y4
    + r")(?!\d)|(?:\s*|-)"
    + _YY_AFTER.format("dm_y2")
    + r")?)",
    # month day [year]: July 31, 2011; June 11th; May-15 2012 (joined by a hyphen only before a
    # year: 'May-15' alone is a spreadsheet's May 2015)
    r"(?P<MD>"
    + _mon("md_mon")
    + r"(?:\s+|(?P<md_h>-)(?=\d{1,2}(?:st|nd|rd|th)?(?:,?\s*|-)"
    + _Y4
    + r"(?!\d)))"
    r"(?P<md_d>\d{1,2})(?:(?:st|nd|rd|th)(?![a-z])(?:(?(md_h)(?:,?\s*|-)|,?\s*)(?P<md_y1>"
    + _Y4
    + r")(?!\d))?|(?(md_h)(?:,?\s*|-)|(?:,?\s*|(?P<md_sl>\s*/\s*)))(?P<md_y2>"
    + _Y4
    + r")(?!\d)"
    # (a year of two digits after a slash too: 'June 15/12', whose 'June 11/12' is the split year's
    # June)
    r"|(?(md_h)(?!)|\s*/\s*)(?P<md_y3>\d\d)(?![\d%]|[/.-]\d)"
    # (and without a year before a range to a month and day with one: 'April 1 - March 31, 2012')
    r"|(?!\d)(?=\s*(?:-+|to|until|till|through)\s*"
    + MON_BODY
    + r"\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s*"
    + _Y4
    + r"(?!\d))))",
    # holidays: Easter 2012, Easter holidays 2012, Christmas 2011, summer holidays 2012; without a
    # year (Easter, the summer holidays), placed in the plan period (before seasons: 'summer
    # holidays' is no summer; a split year is not read: 'Easter 2011/12', nor is a holiday before
    # another number)
    r"(?P<HOL>(?<![a-z])(?:(?P<hol_n>easter|christmas|xmas)(?:\s+" + _HOLIDAY + r")?"
    r"|(?:summer|sum\x00+)\s+"
    + _HOLIDAY
    + r")(?![a-z])(?:,?\s*(?P<hol_y4>"
    + _Y4
    + r")(?!\d|\s*[/-]\s*\d)|\s*"
    + _YY_AFTER.format("hol_y2")
    + r"|(?![\s,']*\d)))",
    # seasons and terms: Autumn 2008, Winter 2008/09, Autumn term 2011, Spring 11, Summer (a split
    # year with two digits too: Winter 11/12; a half-term: Summer half term 2012; a half of a term:
    # Spring 1 2012, Summer term 2; 'terms' after the year: Summer 2012 terms) (a season misspelt is
    # its first three letters and a mark for the rest: 'sum\x00\x00' for 'Sumer') (the short forms
    # schools write for the halves and the terms, 'Aut 1', 'Spr2', 'Sum term', are read there, and
    # 'Aut' and 'Spr', which are no words, before a year too: 'Aut 2011'; 'sum' and 'win' alone are
    # words)
    r"(?P<SE>(?<![a-z])(?P<se_n>spring|summer|autumn|winter|(?:spr|sum|aut|win)\x00+"
    r"|(?:aut|spr|sum)\.?(?=\s*[12](?![\d/.:%-])|\s+terms?(?![a-z]))"
    r"|(?:aut|spr)\.?(?=\s*(?:19|20)\d\d(?!\d)))"
    r"(?![a-z])"
    r"(?:(?P<se_t>\s+terms?(?![a-z]))|(?P<se_h>\s+half[-\s]?terms?(?![a-z])))?"
    # ('Autumn 1 and 2': both halves)
    r"(?:\s*(?P<se_p>[12])(?:(?<=1)\s*(?:and|&|\+|-)\s*(?P<se_p2>2))?"
    r"(?![\d/.:%]|\s*-\s*\d|\s*(?:of\s+)?" + MON_BODY + r"(?![a-z])"
    r"|\s*(?:st|nd|rd|th|x|weeks?|days?|months?|years?|hours?|hrs?|sessions?|times?)(?![a-z])))?"
    r"(?:(?:(?:,\s*(?=" + _Y4 + r")|\s*)(?P<se_y>" + _Y4 + r"|\d\d(?=\s*[/-]\s*\d\d(?!\d)))"
    r"(?:\s*[/-]\s*(?P<se_y2>\d{4}|\d\d))?(?!\d)"
    r"|\s*" + _YY_AFTER.format("se_yy") + r")(?P<se_t2>\s+terms?(?![a-z]))?)?)",
    # a half-term without a season or month ('by half term', 'before half-term'): the first of the
    # plan period (the one after a season or month, 'Summer half term', 'October half term', is read
    # with it)
    r"(?P<HT>(?<![a-z])half[-\s]?term(?![a-z])(?![\s,']*\d))",
    # month [year]: June 11, Sept 2011, March; Apr-11 (a spreadsheet's month format)
    r"(?P<MN>"
    + _mon("mn_mon")
    + r"(?:(?:,?\s*|-|/|\s+half[-\s]?term\s+)(?P<mn_y4>"
    + _Y4
    + r")(?!\d)"
    r"|(?:\s*|-)" + _YY_AFTER.format("mn_y2") + r")?)",
    # year: 2012
    r"(?P<YR>(?<![\d/.£$])(?P<yr>" + _Y4 + r")(?!\d|[/.-]\d|\s*%))",
]
DATE_RE = re.compile("|".join(_ALTERNATIVES), FLAGS)
#: a month name right before a number ('June ' of 'June 11/2012')
MONTH_BEFORE_RE = re.compile(r"(?<![a-z])" + MON_BODY + r"\.?\s+$", FLAGS)
DAY_MONTH_RE = re.compile(_DAY_MONTH, FLAGS)
# every expression starts at the start of a word with a digit, 'Q', a month or a season: finding
# those places first and trying the expressions only there keeps the scan fast
CANDIDATE_RE = re.compile(
    r"(?<![a-z0-9])(?:\d|q\d|h[12]|qtr|quarter|first|second|third|fourth"
    r"|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|spr|sum|aut|win|eas|chr|xma|half)|(?<=fy)\d",
    FLAGS,
)

#: 'financial year', 'FY', 'academic year', 'year': the words of a year-end phrase
#: ('end of the financial year', 'FY end')
_YEAR_WORDS = r"(?:(?:financial|fiscal|academic|school|calendar)\s+)?year(?:\s+fy)?|fy|ay"
#: words before a date that make it a deadline: 'by June 2011', 'until the end of June 2011'
_BY_WORDS = r"by|before|prior\s+to|no\s+later\s+than|not\s+later\s+than|until|till"
DEADLINE_WORDS = _BY_WORDS + r"|up\s+to|deadline|due(?:\s+(?:by|in|on))?"
#: the kind of year named before the year a part of it is said of ('first half of the financial year
#: 2012/13')
_OF_YEAR = r"(?:\s+(?:fy|(?:financial|fiscal|academic|school|calendar)\s+year))?"
END_WORDS = r"(?:(?:" + _BY_WORDS + r")\s+)?(?:the\s+)?(?:end|close)(?:\s+of)?(?:\s+the)?"
MODIFIER_RE = re.compile(
    r"(?<![a-z0-9])(?=[bnutdecwfsmlyacp12])"
    r"(?:(?P<end>(?:(?:" + _BY_WORDS + r")\s+)?(?:the\s+)?"
    r"(?:(?P<ye_a>" + _YEAR_WORDS + r")[-\s]*)?(?:end|close)(?:\s+of)?(?:\s+the)?"
    r"(?:\s+(?P<ye_b>" + _YEAR_WORDS + r"))?)"
    # ('by the summer term 2012': the deadline's 'the' is part of it; so is the kind of year named
    # before a split year, 'before the financial year 2012/13')
    r"|(?P<by>(?:" + DEADLINE_WORDS + r")(?:\s+the)?" + _OF_YEAR + r")"
    r"|(?P<week>(?:week\s+(?:commencing|beginning|starting)|w/[cb]|w\.?c\.?))"
    r"|(?P<week_end>(?:week\s+ending|w/e|w\.e\.))"
    r"|(?P<from>(?:from|starting(?:\s+(?:in|from))?|commencing|since|beginning\s+(?:in|from)))"
    r"|(?P<start>(?:beginning|start|early|begin)(?:\s+of)?(?:\s+the)?)"
    r"|(?P<h1>(?:first|1st)\s+half(?:\s+of)?(?:\s+the)?" + _OF_YEAR + r")"
    r"|(?P<h2>(?:second|2nd)\s+half(?:\s+of)?(?:\s+the)?" + _OF_YEAR + r")"
    r"|(?P<mid>mid(?:dle)?(?:\s+of)?(?:\s+the)?)"
    r"|(?P<late>late)"
    r"|(?P<for>for)"
    r"|(?P<after>after(?:\s+the)?)"
    r"|(?P<between>between))[\s:-]*$",
    FLAGS,
)
#: what makes a date the start of ongoing work: 'onwards', 'and beyond', or 'ongoing' or
#: 'continuing' after a dash, comma, '&', '/' or a bracket, 'and' or 'then' ('Sept 2011 - ongoing',
#: 'Sept 2011, ongoing', 'Sept 2011 (ongoing)', 'April 2011 - and ongoing'); not after a space
#: alone, which may end one line of a cell and start another ('identified in July 11 Ongoing
#: casework')
ONWARDS_RE = re.compile(
    r"\s*(?:onwards?|and\s+(?:onwards?|beyond)|[-(]\s*onwards?\)?"
    r"|(?:[-,&/(]\s*(?:(?:and|then)\s+)?|(?:and|then)\s+)(?:on-?\s?going|continuing)\)?)(?![a-z])",
    FLAGS,
)
RANGE_GAP_RE = re.compile(r"\s*(?:-+|to|until|till|through|thru)\s*", FLAGS)
SLASH_GAP_RE = re.compile(r"\s*/\s*")
AND_GAP_RE = re.compile(r"\s*(?:and|&)\s*", FLAGS)
LIST_GAP_RE = re.compile(r"\s*(?:,\s*(?:(?:and|&)\s*)?|(?:and|&)\s*)", FLAGS)
#: the gaps of a list written as a person writes one: 'A, B and C' (commas, then 'and', ', and' or
#: '&')
COMMA_GAP_RE = re.compile(r"\s*,\s*")
FINAL_AND_GAP_RE = re.compile(r"\s*,?\s*(?:and|&)\s*", FLAGS)
DETERMINER_RE = re.compile(
    r"(?<![a-z])(?P<word>the|a|an|this|that|next|last|each|every|following|previous|coming)\s+$",
    FLAGS,
)
ONGOING_RE = re.compile(
    r"(?<![a-z])(?:on-?\s?going|continu(?:ous|ously|al|ally|ing)|throughout|all\s+year(?:\s+round)?"
    r"|year[-\s]round|termly|weekly|fortnightly|monthly|bi-?monthly|quarterly|annual(?:ly)?|yearly"
    r"|bi-?annually|half[-\s]yearly|six[-\s]monthly|three[-\s]monthly|regularly"
    r"|on\s+a\s+regular\s+basis"
    r"|rolling|(?:each|every)\s+(?:(?:\d{1,2}|two|three|four|six|eight|twelve|other|second)[-\s]+)?"
    r"(?:day|week|fortnight|month|term|quarter|year|half[-\s]term)s?"
    r"|(?:whole|full|entire)\s+year)(?![a-z])",
    FLAGS,
)
TBA_RE = re.compile(
    r"(?<![a-z])(?:(?<!no\s)(?<!not\s)(?:tba|tbc|tbd|tbe)"
    r"|to\s+be\s+(?:agreed|confirmed|decided|determined|arranged|added|announced|set|scheduled"
    r"|finali[sz]ed"
    r"|advised|defined|timetabled|identified)"
    r"|not\s+(?:yet\s+)?(?:known|set|agreed|confirmed|decided|scheduled)|unknown|n/a"
    r"|not\s+applicable"
    r"|none)(?![a-z])",
    FLAGS,
)
PLACEHOLDER_RE = re.compile(r"[\s\-.?*/_]*")
AS_ABOVE_RE = re.compile(
    r"\s*(?:(?:as|same\s+as|see|as\s+per|refer\s+to)\s+(?:above|before"
    r"|(?:the\s+)?previous(?:\s+(?:row|line|milestone|action|entry))?)|ditto|\"|''|〃)\s*[.!]*\s*",
    FLAGS,
)
EXTERNAL_RE = re.compile(
    r"(?<![a-z])(?:see(?:\s+also)?|refer\s+to|as\s+(?:in|per|set\s+out\s+in|detailed\s+in"
    r"|outlined\s+in"
    r"|specified\s+in|described\s+in|stated\s+in|shown\s+in|agreed\s+in|defined\s+in)"
    r"|in\s+line\s+with|in\s+accordance\s+with|according\s+to|set\s+out\s+in|detailed\s+in)"
    r"\s+(?:the\s+)?(?P<ref>[^.;:,()\n]{0,80}?(?<![a-z])"
    r"(?:plan|strategy|strategies|timetable|programme|program"
    r"|framework|policy|schedule|document|protocol|charter|timeline|milestones)s?)(?![a-z])",
    FLAGS,
)
NUMBERED_RE = re.compile(
    r"(?<![a-z])(?:phase|stage|step|part|year|yr|level|ks|priority|objective|no\.?|number|item"
    r"|section|page"
    r"|chapter|para|paragraph|appendix|annex|clause|round|wave|cohort|tier|group|area|aim|action"
    r"|milestone|target|pillar"
    r"|theme|ni|csc|top)\s*$",
    FLAGS,
)
#: words before numbers that count something rather than name a year: 'Years 11-12', 'aged 11-12',
#: 'pages 11-12' (but 'academic years 11/12 and 12/13' names years)
COUNTED_RE = re.compile(
    r"(?<![a-z])(?:(?P<kind>(?:financial|fiscal|academic|school|calendar)\s+)?years?|yrs?|aged?"
    r"|ages"
    r"|pages|pp\.?|paras?|paragraphs|sections|phases|stages|levels)\s*$",
    FLAGS,
)
#: what may come before a day and month without a year ('by 31/3', 'Due: 30/9', 'End 31/12')...
DAY_MONTH_LEAD_RE = re.compile(
    r"(?:^|(?<![a-z])(?:by|due|end|deadline)(?:\s+(?:by|of|on))?)[\s:-]*$", FLAGS
)
#: what may come before a dotted date with a month of one digit and a year of two ('31.3.12',
#: '1.4.11'), which section numbers are written as ('Action 3.1.12'): nothing, a deadline's or a
#: start's words, or the date before it in a range or a list ('1.4.11 - 31.3.12')...
SHORT_DOTTED_LEAD_RE = re.compile(
    r"(?:^|(?<![a-z])(?:by|due|end|deadline|from|until|till|to|before|on|prior\s+to"
    r"|no\s+later\s+than"
    r"|w/[cbe]|w\.?[ce]\.?|week\s+(?:commencing|beginning|starting|ending)|starting|commencing)"
    r"(?:\s+(?:by|of|on|the))?|\d\s*(?:-+|to|until|till|and|&|,|/))[\s:-]*$",
    FLAGS,
)
#: ... and what may come after it: nothing but punctuation or a mark ('(tbc)'), 'onwards', or a
#: joiner and the next date of a range or a list
SHORT_DOTTED_TAIL_RE = re.compile(
    r"[\s.,;:!?]*(?:\(?\s*(?:tbc|tba|tbd|provisional|onwards?|on-?\s?going)\s*\)?[\s.,;:!?]*)?$"
    r"|\s*(?:-+|to|until|till|and|&|,|/)\s*(?:\d|" + MON_BODY + r"(?![a-z]))",
    FLAGS,
)
#: ... unless a change is measured ('Reduce absence by 1/3' is a fraction)
CHANGE_RE = re.compile(
    r"(?<![a-z])(?:reduc|increas|decreas|improv|rais|ris|fall|fell|cut|narrow|grow|drop|lower|halv"
    r"|doubl)[a-z]*",
    FLAGS,
)
#: 'year end', 'end of the financial year' (not 'end of Year 11', a school year group)
YEAR_END_RE = re.compile(
    r"(?<![a-z])(?:end\s+of\s+(?:the\s+)?"
    r"(?:(?P<fy1>financial\s+)|(?P<ay1>(?:academic|school)\s+))?year"
    r"|(?:(?P<fy2>financial\s+)|(?P<ay2>(?:academic|school)\s+))?year[-\s]?end)"
    r"(?![a-z])(?!\s*\d)",
    FLAGS,
)
_COUNT_WORDS = (
    r"\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen"
    r"|twenty[-\s]four"
)
_OF_THE_PLAN = (
    r"\s+of\s+(?:the\s+)?(?:start\s+of\s+(?:the\s+)?)?(?:this\s+)?plan(?:\s+period)?(?![a-z'])"
)
#: a time counted from the start of the plan ('within 6 months', 'within the first year', 'in the
#: first 6 months of the plan', 'by the end of the first year'), and whether something else is its
#: start ('within 3 months of launch': ``other``)
RELATIVE_RE = re.compile(
    r"(?<![a-z])(?:within\s+(?:the\s+)?(?P<first1>first\s+)?"
    r"|(?:in|during|by|(?:by\s+|before\s+)?the\s+end\s+of|end\s+of)\s+the\s+(?P<first2>first)\s+"
    # ('in 6 months', 'Review in 12 months', 'in six months' time': a count is written)
    r"|in\s+(?=(?:" + _COUNT_WORDS + r")[-\s]+(?:days?|weeks?|months?|years?|quarters?)(?![a-z])))"
    r"(?:(?P<n>" + _COUNT_WORDS + r")[-\s]+)?"
    r"(?P<unit>days?|weeks?|months?|years?|quarters?)(?![a-z])(?:(?:['’]s?)?\s+time(?![a-z]))?"
    r"(?P<plan>" + _OF_THE_PLAN + r")?"
    r"(?P<other>\s+(?:of|from|after|following|since|once|when)(?![a-z]))?",
    FLAGS,
)
#: the end of a term naming no term ('by the end of term', 'end of this term')
TERM_END_RE = re.compile(
    r"(?<![a-z])(?:end|close)\s+of\s+(?:the\s+|this\s+)?term(?![a-z])(?![\s,']*\d)", FLAGS
)
#: the end of the plan ('by the end of the plan', 'end of plan period')
PLAN_END_RE = re.compile(
    r"(?<![a-z])(?:end|close)\s+of\s+(?:the\s+)?(?:this\s+)?plan(?:\s+period)?(?![a-z])(?!\s*'s)",
    FLAGS,
)
#: the kind of year named right before a year ('financial year 2012', 'FY2012', 'school year end
#: 2012')
YEAR_KIND_BEFORE_RE = re.compile(
    r"(?<![a-z])(?:(?P<financial>(?:financial|fiscal)\s+year|fy)"
    r"|(?P<academic>(?:academic|school)\s+year|ay)"
    r"|(?P<calendar>calendar\s+year))(?:[-\s]*end)?(?:\s+of)?[\s:-]*$",
    FLAGS,
)
#: the kind of year named right after a year ('by the end of the 2012/13 financial year', '2012/13
#: year end')
YEAR_WORDS_AFTER_RE = re.compile(
    r"\s+(?P<kind>(?:financial|fiscal|academic|school|calendar)\s+)?"
    r"year(?P<end>[-\s]*end)?(?![a-z])",
    FLAGS,
)
#: words saying a split year is a financial one ('FY 11/12', 'financial year 2011/12')
FINANCIAL_RE = re.compile(r"(?<![a-z])(?:financial|fiscal|fy)(?![a-z])|(?<=fy)\d", FLAGS)
ACADEMIC_RE = re.compile(r"(?<![a-z])(?:(?:academic|school)\s+years?|ay)(?![a-z])", FLAGS)
TAG_RE = re.compile(r"<[^<>]{0,200}>")


SPACES_RE = re.compile(r"\s+")
