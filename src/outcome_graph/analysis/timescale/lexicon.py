"""The words a timescale is read with, and the characters it is cleaned of.

Month names (full names for readings, their first three letters to find the month a word
names), the small words trimmed from the labels written around a date ("Sourcing of
interventions" in "Sourcing of interventions April – July 11"), and the dashes, spaces and
quotes of word processors mapped to the ASCII ones the patterns match. Kept apart so the
patterns, the readers of each kind of date and the messages share one spelling of each.
"""

from __future__ import annotations

MONTH_NAMES = (
    "",
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
)
MONTH_NUMBER = {name[:3].lower(): number for number, name in enumerate(MONTH_NAMES) if name}


LABEL_PUNCT = " -–—,;:.()[]&/|'\"•*"
TRAILING_WORDS = frozenset(
    (
        "in on at by from for during the of to until and then or is are be due will start starts "
        "with"
    ).split()
)
LEADING_WORDS = frozenset("and then or also with".split())


DASHES = str.maketrans(
    {c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"}
)
DISPLAY = str.maketrans(
    {c: " " for c in "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"}
    | {c: " " for c in "\u202f\u205f\u3000"}
    | {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'}
)
