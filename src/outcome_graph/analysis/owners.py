"""Lead resolution: from the text in a plan's "Lead" column to owners.

A plan names who leads each item in free text: ``SILS``, ``SL ASO``,
``Head of Care & Targeted Outcomes (HCATO)``, ``CSP & Head of Public Protection (HPP)``,
``Group Manager, Youth Support``. This module turns such text into owners, following the plan
format (Milestones, ``lead``):

1. The whole string is matched against the declared owners' ids, names and aliases, compared
   with :func:`owner_key` (case, punctuation and spacing ignored; ``&`` equals ``and``).
2. If nothing matches, the string stays whole when it reads as one name
   (:func:`reads_as_one_name`: a title followed by its own acronym).
3. Otherwise it is split into joint leads at `` & ``, `` and ``, `` / ``, ``;``, ``,`` or a line
   break (:func:`split_lead`) and each part is matched again.
4. Parts that match no declared owner are implicit owners, merged only when their keys are equal.
   A lead or part that says nobody leads yet (``TBC``, ``To be confirmed``, ``N/A``:
   :func:`is_placeholder_lead`) is no owner, unless an owner is declared with that name; nor is
   a part that names partners, colleagues or agencies in general (``Head of Learning and
   partners``: :func:`is_vague_lead`), unless the lead names nothing else; nor are those a lead says
   support it (``Head of Learning with schools``, ``... supported by EYFC``: :func:`lead_part`),
   taken off before the lead is split.

Where the format is silent, the splitter reads the text the way a person does; it never cuts a
lead into pieces that are not owner names:

* a parenthesised acronym protects the words it abbreviates:
  ``Commissioning Manager, Drug and Alcohol Action Team (DAAT)`` is not split inside
  ``Drug and Alcohol Action Team``;
* a bare title (``Group Manager``, ``S L``, ``Strategic Leader (SL)``, ``Associate Director``)
  belongs to what follows it: ``Group Manager, Youth Support`` is one lead; unless another
  owner's name starts after the separator, as below (``Director; Head of Service``, ``Group
  Manager and Head of Youth Offending Service``): there the title is a role of its own;
* after a comma, a new lead starts only with a title word (``Head``, ``Director``, ``SM``, ...)
  or an acronym (``SILS``, ``MPT leaders``); anything else continues the name before it:
  ``School Improvement, Learning and Skills``, ``Director, Public Health``; a lone acronym
  after a role is that role's department (``Commissioning Manager, DAAT``), and lone acronyms
  joined to it by ``and``/``&`` or commas are more of its departments (``Head of Service, DAAT
  and YOS`` is one head of two services), with or without the comma and with the first department
  written out (``Head of Service DAAT and YOS``, ``Head of Service, Drug and Alcohol Action Team
  (DAAT) and Youth Offending Service (YOS)``); after a declared role (``Head of Service, DAAT``, or
  ``Head of Service`` before a comma) they are that owner's departments too, and the lead is that
  owner alone, unless a department is a declared owner itself;
* after ``&``/``and``, a new lead starts with a title word, a bare title and what it is the
  title of (``Manager, YOS``), an acronym, a name that ends in a role or body (``... Manager``,
  ``... Coordinator``, ``... Board``, ``... Team``) or a name with its own acronym; otherwise
  the words continue the name before (``Head of School Support and Preventative Services``,
  ``Director of Children and Learning``). A single plain word joined by ``and`` to a following
  role is read as part of that role
  (``Women and Children's Commissioning Manager``); a chief officer's title before a director's
  is one post with two titles, and so is a director's before a chief officer's (``Chief Nurse and
  Director of Women and Children's Commissioning``, ``Director of Finance and Deputy Chief
  Executive``: :func:`_double_title`);
* after ``;`` or `` / `` a new lead starts unless the part is a single plain word; so it does
  after a line break (a cell written one owner a line: ``Head of Service`` then ``School
  Improvement Manager``), but a bare title on its line belongs to the name on the next unless
  that name starts an owner's as after ``and`` (``Group Manager`` then ``Youth Support`` is one
  lead);
* one capitalised word after a declared owner's name and ``and`` goes on with that name
  (``Head of Learning and Skills`` is another post than ``Head of Learning``), as it does after an
  undeclared one; a lower-case word (``Head of Learning and schools``), a name of two words or more
  and a word after a declared acronym are others;
* parts that match a declared owner (alone or several parts together, as in
  ``School Improvement, Learning and Skills & EYFC``) are always kept as that owner, and so are a
  declared owner's name with its own acronym or expansion in parentheses (``Youth Offending Service
  (YOS)``, ``Head of Service, DAAT (Drug and Alcohol Action Team)``) and its acronym spelt out
  before it (``Drug and Alcohol Action Team (DAAT)``); but a bare title before a comma and a
  declared owner is the title of that owner's post (``Manager, YOS``), another owner;
* only the separators the format names split: a full stop does not
  (``Joint Advisory Board. Group Manager, Youth Support`` stays one part), nor does a slash
  without spaces (``Associate Director/Joint Commissioning Manager``) or a dash
  (``Head of Service – PPS``).

A lead with more than 32 separators (:data:`MAX_LEAD_SEPARATORS`) is no list of owners and is
kept whole (:func:`too_many_parts`; the loader adds a notice saying so, naming the node). An owner named twice in one lead counts once. Parts are trimmed of surrounding spaces and
separator punctuation (a trailing full stop included).

:func:`find_alias_splits` finds owners that are evidently one owner written two ways (OG305).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import NamedTuple

__all__ = [
    "AliasSplit",
    "OwnerIndex",
    "OwnerSpec",
    "ResolvedLead",
    "find_alias_splits",
    "is_placeholder",
    "is_placeholder_lead",
    "is_vague_lead",
    "lead_part",
    "names_several",
    "owner_key",
    "reads_as_one_name",
    "role_forms",
    "role_title_words",
    "split_lead",
    "too_many_parts",
]


@dataclass(frozen=True)
class OwnerSpec:
    """A declared owner, as the plan model gives it.

    Parameters
    ----------
    id : str
        The owner's id (``SILS``).
    name : str or None
        Its name (``School Improvement, Learning and Skills``).
    aliases : tuple of str
        Other ways the plan writes it (``SL SILS``).
    """

    id: str
    name: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class ResolvedLead:
    """One owner found in a lead string.

    Parameters
    ----------
    owner_id : str
        The declared owner's id, or for an implicit owner the first-seen text of that owner
        (:class:`~outcome_graph.graph.facts.PlanFacts` then names an owner written several ways
        by the spelling most nodes write, whatever the order they come in).
    text : str
        The part of the lead string this came from.
    declared : bool
        True when the part matched a declared owner.
    """

    owner_id: str
    text: str
    declared: bool


@dataclass(frozen=True)
class AliasSplit:
    """Two owners that are evidently one owner written two ways (rule OG305).

    Parameters
    ----------
    a, b : str
        The two owner ids (``a < b``).
    reason : str
        Why they are taken to be the same owner, naming both texts.
    forms : tuple of str
        The written forms of ``a`` and ``b`` the reason quotes: each owner's id or first text
        where those were found alike, else another spelling of it (one a lead writes).
    """

    a: str
    b: str
    reason: str
    forms: tuple[str, str] = field(default=("", ""), compare=False)


# --------------------------------------------------------------------------------------------
# Keys


_NOT_ALNUM = re.compile(r"[\W_]+")  # exactly the characters for which str.isalnum() is false
# The same for ASCII text, as a table for str.translate (a few times quicker than the expression).
_DROP_ASCII_NOT_ALNUM = {code: None for code in range(128) if not chr(code).isalnum()}


def _key_step(text: str) -> str:
    s = unicodedata.normalize("NFKC", text).replace("&", " and ")
    s = unicodedata.normalize("NFKC", s.casefold())
    return _NOT_ALNUM.sub("", s)


_WORDS = re.compile(r"[^\W_]+")


def _singular_key(text: str) -> str:
    """:func:`owner_key` with each word made singular (``Services`` = ``Service``)."""
    return _singular_of(_WORDS.findall(text.casefold().replace("&", " and ")))


def _singular_of(words: list[str]) -> str:
    return "".join(
        [
            w[:-1] if len(w) > 3 and w[-1] == "s" and not w.endswith(("ss", "us", "is")) else w
            for w in words
        ]
    )


#: Words a name may gain or lose without becoming another name.
_SMALL_WORDS = frozenset({"and", "of", "the", "for", "to", "in"})
#: Endings a word may be written with or without (``Commissioner`` / ``Commissioning``),
#: longest first: each is taken off a word of more than five letters.
_ENDINGS = ("ings", "ing", "ers", "er", "s")


def _stem(word: str) -> str:
    if len(word) > 5:
        for ending in _ENDINGS:
            if word.endswith(ending) and len(word) - len(ending) >= 4:
                return word[: -len(ending)]
    return word


def _loose_words(text: str) -> list[str]:
    """A name's words, case-folded, small words left out (``&`` is ``and``)."""
    return [
        w for w in _WORDS.findall(text.casefold().replace("&", " and ")) if w not in _SMALL_WORDS
    ]


def loose_key(text: str) -> str:
    """:func:`owner_key` that also ignores small words and word endings.

    Two names with the same loose key are the same words, but for ``and``/``&``, ``of``,
    ``the`` and the like, and for the endings ``-s``, ``-er``, ``-ing``.

    >>> loose_key("Assistant Director Children & Young People and Maternity Commissioner")
    'assistant director children young people maternity commission'
    >>> loose_key("Assistant Director Children Young People and Maternity Commissioning")
    'assistant director children young people maternity commission'
    """
    stems = _STEMS
    out = []
    for word in _loose_words(text):
        stem = stems.get(word)
        if stem is None:
            stem = _stem(word)
            if len(stems) < 100_000:  # (names repeat their words; keep the memory bounded)
                stems[word] = stem
        out.append(stem)
    return " ".join(out)


_STEMS: dict[str, str] = {}


def _loose_difference(a: str, b: str) -> str:
    """How two names with the same :func:`loose_key` differ, for a message."""
    pairs = [(x, y) for x, y in zip(_loose_words(a), _loose_words(b)) if x != y]
    if not pairs:
        return "small words ('and', 'of', '&'...)"
    originals = {w.casefold(): w for w in _WORDS.findall(f"{a} {b}")}
    shown = ", ".join(f"'{originals.get(x, x)}' / '{originals.get(y, y)}'" for x, y in pairs[:2])
    return f"word endings ({shown})"


#: The keys (:func:`owner_key`) of leads that say nobody leads yet: ``TBC``, ``To be confirmed``,
#: ``N/A``. They name no owner (unless an owner is declared so): the node has no lead (OG301), as a
#: timescale ``TBC`` gives no date (OG401).
_PLACEHOLDER_KEYS = frozenset(
    {
        "tbc",
        "tba",
        "tbd",
        "na",
        "none",
        "unknown",
        "notknown",
        "notyetknown",
        "notyetagreed",
        "notyetconfirmed",
        "notyetidentified",
        "notyetappointed",
    }
    | {
        f"tobe{verb}"
        for verb in (
            "confirmed",
            "agreed",
            "decided",
            "determined",
            "appointed",
            "identified",
            "added",
            "advised",
            "announced",
            "named",
            "allocated",
            "assigned",
        )
    }
)


def is_placeholder_lead(text: str) -> bool:
    """Whether a lead says that nobody leads yet (``TBC``, ``To be confirmed``, ``N/A``).

    >>> is_placeholder_lead("TBC"), is_placeholder_lead("to be agreed."), is_placeholder_lead("SILS")
    (True, True, False)
    """
    return owner_key(text) in _PLACEHOLDER_KEYS


#: Words before a collective noun that leave it as vague (``all partners``, ``partner agencies``).
_VAGUE_QUALIFIERS = frozenset(
    {
        "all",
        "other",
        "our",
        "the",
        "key",
        "relevant",
        "local",
        "wider",
        "external",
        "community",
        "partner",
        "statutory",
        "voluntary",
        "and",
    }
)
#: Collective nouns that name nobody in particular as a lead.
_VAGUE_NOUNS = frozenset(
    {
        "partners",
        "colleagues",
        "agencies",
        "organisations",
        "organizations",
        "others",
        "stakeholders",
    }
)


def is_vague_lead(text: str) -> bool:
    """Whether a part of a lead names nobody in particular: partners, colleagues, agencies in
    general (``partners``, ``all agencies``, ``partner organisations``, ``colleagues``). Beside an
    owner (``Head of Learning and partners``) it is no owner of its own: the load and the
    accountability are that owner's.

    >>> is_vague_lead("all agencies"), is_vague_lead("Partner Agencies"), is_vague_lead("Youth Partnership")
    (True, True, False)
    """
    words = _WORDS.findall(text.casefold())
    return (
        bool(words)
        and words[-1] in _VAGUE_NOUNS
        and all(w in _VAGUE_QUALIFIERS for w in words[:-1])
    )


def is_placeholder(text: str) -> bool:
    """Whether a text stands in for something not decided yet: the words of
    :func:`is_placeholder_lead` (``TBC``, ``To be confirmed``, ``N/A``), or no word at all (``-``,
    ``?``). An indicator so titled, or so coded, names no measure (OG502, OG102).

    >>> is_placeholder("tbd"), is_placeholder("–"), is_placeholder("Young people in NEET")
    (True, True, False)
    """
    key = owner_key(text)
    return not key or key in _PLACEHOLDER_KEYS


def owner_key(text: str) -> str:
    """Return the key two lead texts are compared by.

    Case, punctuation and spacing are ignored and ``&`` equals ``and``, so ``S L Joint
    Commissioning`` and ``SL Joint Commissioning`` have the same key.

    Parameters
    ----------
    text : str
        An owner id, name, alias or lead text.

    Returns
    -------
    str
        The key: the text's letters and digits, case-folded.

    Examples
    --------
    >>> owner_key("SL  ASO.") == owner_key("sl aso")
    True
    >>> owner_key("Care & Targeted Outcomes") == owner_key("care and targeted outcomes")
    True
    """
    known = _OWNER_KEYS.get(text)
    if known is not None:
        return known
    if text.isascii():  # NFKC changes nothing, and the key is reached in one step
        key = text.lower().replace("&", "and").translate(_DROP_ASCII_NOT_ALNUM)
    else:
        key = _key_step(text)
        for _ in range(8):  # reach a fixed point (NFKC may compose what filtering brought together)
            again = _key_step(key)
            if again == key:
                break
            key = again
    if len(_OWNER_KEYS) < 200_000:  # a plan repeats its leads; keep the memory bounded
        _OWNER_KEYS[text] = key
    return key


_OWNER_KEYS: dict[str, str] = {}


# --------------------------------------------------------------------------------------------
# Tokens, acronyms and titles

_TOKEN_RE = re.compile(r"\([^()]*\)|[^\W_](?:[\w'’\-&]*[^\W_])?|&")
# (each separator starts where a run of spaces starts: tried at every space of a long run, the
# pattern would scan the rest of the run each time)
# A line break with no other separator beside it separates too (a cell written one owner a line).
_SEP_RE = re.compile(
    r"(?<!\s)(?:\s+(?:&|and)\s+|\s+/\s+|\s*;\s*|\s*,\s*|[^\S\n]*\n\s*)", re.IGNORECASE
)
#: A lead with more separators than this is no list of owners (a paragraph pasted into the lead
#: cell): it is kept whole rather than cut, which would take time growing with its square.
MAX_LEAD_SEPARATORS = 32
_STRIP_CHARS = " \t\r\n,;:/&.-–—"

# Words that may be left out of an acronym, or give it their first letter ("&"/"and" give A).
_ACR_FUNCTION = frozenset({"of", "and", "&", "the", "for", "in", "to", "on", "at", "with", "a"})

# Words a bare title is made of ("Group Manager", "S L", "Strategic Leader (SL)").
_TITLE_WORDS = frozenset(
    {
        "head",
        "of",
        "service",
        "strategic",
        "leader",
        "lead",
        "sl",
        "s",
        "l",
        "m",
        "sm",
        "sms",
        "manager",
        "managers",
        "director",
        "assistant",
        "associate",
        "deputy",
        "corporate",
        "group",
        "chair",
        "chief",
        "principal",
        "senior",
        "executive",
        "interim",
        "acting",
        "independent",
        "the",
        "for",
        "officer",
    }
)
# A bare title must hold at least one of these.
_TITLE_CORE = frozenset(
    {
        "head",
        "leader",
        "lead",
        "sl",
        "sm",
        "sms",
        "manager",
        "managers",
        "director",
        "chair",
        "chief",
        "officer",
        "l",
        "m",
    }
)
# First words that start a new owner name.
_START_WORDS = frozenset(
    {
        "head",
        "director",
        "chair",
        "chief",
        "strategic",
        "sl",
        "sm",
        "sms",
        "assistant",
        "associate",
        "corporate",
        "deputy",
        "senior",
        "principal",
        "independent",
        "interim",
        "acting",
        "lead",
        "executive",
    }
)
_START_PAIRS = frozenset(
    {
        ("s", "l"),
        ("s", "m"),
        ("group", "manager"),
        ("service", "manager"),
        ("service", "managers"),
        ("service", "director"),
    }
)
# Last words of a name that is a role or a body.
_ROLE_NOUNS = frozenset(
    {
        "manager",
        "managers",
        "coordinator",
        "coordinators",
        "co-ordinator",
        "co-ordinators",
        "commissioner",
        "commissioners",
        "officer",
        "officers",
        "worker",
        "workers",
        "strategist",
        "nurse",
        "psychologist",
        "leader",
        "leaders",
        "lead",
        "leads",
        "chair",
        "director",
        "directors",
        "head",
        "board",
        "partnership",
        "team",
        "teams",
        "group",
        "subgroup",
        "sub-group",
        "unit",
        "forum",
        "panel",
        "committee",
        "ltd",
        "partners",
        "trust",
        "adviser",
        "advisers",
        "advisor",
        "advisors",
        "consultant",
        "consultants",
        "practitioner",
        "practitioners",
        "member",
        "members",
        "executive",
    }
)
# Leading title phrases and the letters they stand for, longest first.
_TITLE_PHRASES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("head", "of", "service"), "H"),
    (("strategic", "leader"), "SL"),
    (("service", "managers"), "SM"),
    (("service", "manager"), "SM"),
    (("assistant", "director"), "AD"),
    (("associate", "director"), "ASD"),
    (("corporate", "director"), "D"),  # (the director of its directorate: "Director of ...")
    (("group", "manager"), "GM"),
    (("director", "of"), "D"),
    (("chair", "of"), "C"),
    (("head", "of"), "H"),
    (("s", "l"), "SL"),
    (("s", "m"), "SM"),
    (("sl",), "SL"),
    (("sm",), "SM"),
    (("sms",), "SM"),
    (("head",), "H"),
    (("director",), "D"),
    (("chair",), "C"),
)
# The title phrases by their first word, in the order above.
_TITLE_PHRASES_BY_FIRST: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _phrase, _code in _TITLE_PHRASES:
    _TITLE_PHRASES_BY_FIRST.setdefault(_phrase[0], []).append((_phrase, _code))
# Trailing words naming the people of a body ("CATO managers").
_SUFFIX_WORDS = {
    "manager": "M",
    "managers": "M",
    "lead": "L",
    "leads": "L",
    "leader": "L",
    "leaders": "L",
    "coordinator": "CO",
    "coordinators": "CO",
    "team": "T",
}


def _is_paren(tok: str) -> bool:
    return tok.startswith("(")


def _letters_of(tok: str) -> str:
    return "".join("A" if ch == "&" else ch for ch in tok if ch.isalpha() or ch == "&").upper()


def _is_acronym_token(tok: str) -> bool:
    """``SILS``, ``CiC``, ``LS&PEP``, ``SMs``: letters only, mostly capitals, at least two."""
    known = _ACRONYM_TOKENS.get(tok)
    if known is None:
        known = _acronym_token(tok)
        if len(_ACRONYM_TOKENS) < 100_000:
            _ACRONYM_TOKENS[tok] = known
    return known


_ACRONYM_TOKENS: dict[str, bool] = {}  # words repeat across a plan's owners


def _acronym_token(tok: str) -> bool:
    letters = tok.replace("&", "")
    if len(tok) < 2 or not letters.isalpha():  # (letters and "&" only)
        return False
    upper = sum(map(str.isupper, letters))
    return upper >= 2 and upper * 2 >= len(letters)


def _paren_acronym(tok: str) -> str | None:
    """The letters of ``(SL ASO)``, ``(HCATO)``, ``(LS&PEP)``; None for ``(tbc)`` or prose."""
    if not _is_paren(tok):
        return None
    parts = tok[1:-1].split()
    if not parts or len(parts) > 3:
        return None
    if not all(all(ch.isalpha() or ch == "&" for ch in p) for p in parts):
        return None
    letters = [ch for p in parts for ch in p if ch.isalpha()]
    upper = sum(1 for ch in letters if ch.isupper())
    if not 2 <= len(letters) <= 10 or upper < 2 or upper * 2 < len(letters):
        return None
    return _letters_of("".join(parts))


def _initials_reach(words: Sequence[str], letters: str) -> bool:
    """Can ``words`` be abbreviated to ``letters``?

    Content words give their first letter (an all-capitals word may give all its letters);
    function words (of, and, &, the, for, ...) give their first letter or nothing.
    """
    reach = {0}
    n = len(letters)
    for w in words:
        nxt: set[int] = set()
        lw = w.casefold()
        first = "A" if w == "&" else w[:1].upper()
        for p in reach:
            if lw in _ACR_FUNCTION:
                nxt.add(p)
            if p < n and letters[p] == first:
                nxt.add(p + 1)
            if lw not in _ACR_FUNCTION and _is_acronym_token(w):
                al = _letters_of(w)
                if letters.startswith(al, p):
                    nxt.add(p + len(al))
        reach = nxt
        if not reach:
            return False
    return n in reach


def _acronym_span(words: Sequence[str], letters: str, limit: int = 12) -> int | None:
    """Start of the shortest run of ``words`` ending at the end that ``letters`` abbreviates."""
    end = len(words)
    for start in range(end - 1, max(-1, end - 1 - limit), -1):
        w = words[start]
        if _is_paren(w):
            return None
        if w.casefold() in _ACR_FUNCTION:
            continue
        if _initials_reach(words[start:end], letters):
            return start
    return None


def _expands(paren: str, acronym: str) -> bool:
    """Whether a parenthesised text spells out an acronym: ``(Drug and Alcohol Action Team)``
    after ``DAAT``."""
    return _is_paren(paren) and _initials_reach(
        _TOKEN_RE.findall(paren[1:-1]), _letters_of(acronym)
    )


def _is_title_only(tokens: Sequence[str]) -> bool:
    words = [t.casefold() for t in tokens if not (_is_paren(t) and _paren_acronym(t))]
    if not words:
        return False
    return all(w in _TITLE_WORDS for w in words) and any(w in _TITLE_CORE for w in words)


# --------------------------------------------------------------------------------------------
# One name or several


def reads_as_one_name(text: str) -> bool:
    """Tell whether a lead reads as one owner name.

    A lead with no separator (`` & ``, `` and ``, `` / ``, ``;``, ``,``, a line break) is one
    name. A lead with separators is one name when it is a title followed by its own acronym: it
    ends with a parenthesised acronym (optionally followed by ``managers``, ``lead``, ...) that
    abbreviates the words just before it, and whatever comes before those words is only a title
    (``Strategic Leader (SL),``, ``S L,``, ``Head of Service –``).

    Parameters
    ----------
    text : str
        A lead as written.

    Returns
    -------
    bool
        True when the lead names one owner.

    Examples
    --------
    >>> reads_as_one_name("Head of Care & Targeted Outcomes (HCATO)")
    True
    >>> reads_as_one_name("Strategic Leader (SL), School improvement Learning and Skills (SILS)")
    True
    >>> reads_as_one_name("CSP & Head of Public Protection (HPP)")
    False
    """
    s = text.strip()
    if not s:
        return False
    if not _SEP_RE.search(s):
        return True
    tokens = _TOKEN_RE.findall(s)
    end = len(tokens)
    while end > 0 and tokens[end - 1].casefold() in _SUFFIX_WORDS:
        end -= 1
    if end == 0:
        return False
    letters = _paren_acronym(tokens[end - 1])
    if letters is None:
        return False
    words = tokens[: end - 1]
    start = _acronym_span(words, letters)
    if start is None:
        return False
    prefix = words[:start]
    return not prefix or _is_title_only(prefix)


@dataclass
class _Frag:
    start: int
    end: int
    sep: str  # "", ",", "and", ";", "/", "\n" (a line break alone)
    known: bool = False
    titled: bool = False  # starts with a bare title that belongs to the words after it


#: The separators (as :func:`_sep_kind` gives them) after which another lead starts for sure: no
#: name learnt from another lead joins the pieces on either side (:meth:`OwnerIndex.relearn`).
_HARD_SEPS = frozenset({";", "/", "\n"})


def _sep_kind(sep: str) -> str:
    s = sep.strip().casefold()
    if s in ("&", "and"):
        return "and"
    return s or "\n"  # (nothing but spaces: a line break)


def _protected_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges not to split: parentheses and the words an acronym abbreviates."""
    return [span for spans in _parentheses(text) for span in spans]


def _parentheses(text: str) -> Iterator[tuple[tuple[int, int], ...]]:
    """Each parenthesis of a text, as its character range, and for an acronym that follows the
    words it abbreviates (``Drug and Alcohol Action Team (DAAT)``) the range of those words and
    the acronym as well."""
    matches = list(_TOKEN_RE.finditer(text))
    for idx, m in enumerate(matches):
        tok = m.group()
        if not _is_paren(tok):
            continue
        letters = _paren_acronym(tok)
        start = None
        if letters is not None:
            before = [x.group() for x in matches[max(0, idx - 12) : idx]]
            start = _acronym_span(before, letters)
        if start is None:
            yield (m.span(),)
        else:
            yield m.span(), (matches[max(0, idx - 12) + start].start(), m.end())


def _acronyms_in_place(text: str) -> str | None:
    """The text with the words each parenthesised acronym abbreviates replaced by the acronym,
    when one stands before its end (``Head of Service, Drug and Alcohol Action Team (DAAT) and
    YOS``: ``Head of Service, DAAT and YOS``); None for no such acronym (one at the end is
    compared as the name's own acronym)."""
    spans = [spans for spans in _parentheses(text) if len(spans) == 2]
    end = len(text.rstrip())
    if not spans or all(paren[1] == end for paren, _ in spans):
        return None
    out, pos = [], 0
    for (paren_start, paren_end), (start, _) in spans:
        out.append(text[pos:start] + text[paren_start + 1 : paren_end - 1])
        pos = paren_end
    return "".join(out) + text[pos:]


def _raw_fragments(text: str) -> list[_Frag]:
    protected = _protected_ranges(text)
    frags: list[_Frag] = []
    pos = 0
    sep = ""
    for m in _SEP_RE.finditer(text):
        if any(a < m.end() and m.start() < b for a, b in protected):
            continue
        if text[pos : m.start()].strip(_STRIP_CHARS):
            frags.append(_Frag(pos, m.start(), sep))
            sep = _sep_kind(m.group())
        elif not frags:
            sep = ""
        else:
            sep = _sep_kind(m.group())
        pos = m.end()
    if text[pos:].strip(_STRIP_CHARS):
        frags.append(_Frag(pos, len(text), sep))
    if frags:
        frags[0].sep = ""
    return frags


def _clean(text: str) -> str:
    return text.strip(_STRIP_CHARS)


def too_many_parts(text: str) -> bool:
    """Whether a lead has more than :data:`MAX_LEAD_SEPARATORS` separators, and so is kept whole
    rather than split into joint leads (the loader tells the user so, in a notice).

    >>> too_many_parts(", ".join(["SILS"] * 33)), too_many_parts(", ".join(["SILS"] * 34))
    (False, True)
    """
    # (every separator holds a comma, a semicolon, '&', '/', a line break or 'and': counting them
    # first, in C, spares the pattern nearly every lead)
    if len(text) <= MAX_LEAD_SEPARATORS or (
        text.count(",")
        + text.count(";")
        + text.count("&")
        + text.count("/")
        + text.count("\n")
        + text.lower().count("and")
        <= MAX_LEAD_SEPARATORS
    ):
        return False
    return next(islice(_SEP_RE.finditer(text), MAX_LEAD_SEPARATORS, None), None) is not None


def _split(text: str, known: Callable[[str], bool] | None = None) -> list[str]:
    if too_many_parts(text):
        return [c] if (c := _clean(text)) else []
    frags = _raw_fragments(text)
    if not frags:
        return []

    def body(f: _Frag) -> str:
        return text[f.start : f.end]

    def toks(f: _Frag) -> list[str]:
        return _TOKEN_RE.findall(body(f))

    def merge(a: _Frag, b: _Frag) -> _Frag:
        return _Frag(a.start, b.end, a.sep, False)

    # Parts that are declared owners, alone or several together, stay that owner.
    if known is not None:
        grouped: list[_Frag] = []
        i = 0
        while i < len(frags):
            for j in range(min(len(frags) - 1, i + 6), i - 1, -1):
                if known(_clean(text[frags[i].start : frags[j].end])):
                    grouped.append(_Frag(frags[i].start, frags[j].end, frags[i].sep, True))
                    i = j + 1
                    break
            else:
                grouped.append(frags[i])
                i += 1
        frags = grouped

    def words(f: _Frag) -> list[str]:
        return [t for t in toks(f) if not _is_paren(t)]

    def name_start(f: _Frag) -> bool:
        if f.titled:  # ("Manager, YOS": a title and what it is the title of)
            return True
        ws = [w.casefold() for w in words(f)]
        if not ws:
            return False
        if ws[0] in _START_WORDS or tuple(ws[:2]) in _START_PAIRS:
            return True
        return _is_acronym_token(words(f)[0])

    def role_end(f: _Frag) -> bool:
        ws = words(f)
        return bool(ws) and ws[-1].casefold() in _ROLE_NOUNS

    def self_acronym(f: _Frag) -> bool:
        ts = toks(f)
        if not ts:
            return False
        letters = _paren_acronym(ts[-1])
        return letters is not None and _acronym_span(ts[:-1], letters) is not None

    def single_plain(f: _Frag) -> bool:
        ts = toks(f)
        return (
            not f.known
            and len(ts) == 1
            and not _is_acronym_token(ts[0])
            and ts[0].casefold() not in _TITLE_WORDS
        )

    def own_name(f: _Frag) -> bool:
        """Whether a part is an owner's name on its own after a ``;``, `` / `` or ``and``, as
        below (a bare title next to it is then an owner too, not the start of this name)."""
        if (
            f.known and f.sep == ","
        ):  # ("Manager, YOS": the post of a declared owner, unless titled)
            return toks(f)[0].casefold() in _TITLE_WORDS
        if f.known or f.sep in (";", "/"):
            return f.known or not single_plain(f)
        return f.sep in ("and", "\n") and (name_start(f) or role_end(f) or self_acronym(f))

    # A bare title belongs to the name that follows it (``Group Manager, Youth Support``), but
    # not across a separator after which another owner's name starts (``Director; Head of
    # Service``, ``Group Manager and Head of Youth Offending Service``): there it is a role.
    titled: list[_Frag] = []
    i = 0
    while i < len(frags):
        f = frags[i]
        while (
            not f.known
            and _is_title_only(toks(f))
            and i + 1 < len(frags)
            and not own_name(frags[i + 1])
        ):
            i += 1
            f = merge(f, frags[i])
            f.titled = True
        if not f.known and _is_title_only(toks(f)) and titled and not own_name(f):
            titled[-1] = merge(titled[-1], f)
        else:
            titled.append(f)
        i += 1
    frags = titled

    all_vague = all(
        is_vague_lead(body(f)) for f in frags
    )  # ("partners and colleagues": one lead, as written)
    out: list[_Frag] = []
    i = 0
    while i < len(frags):
        f = frags[i]
        if (
            f.sep in (",", "and")
            and out
            and not f.known
            and _is_department(toks(f))
            and _role_of_departments(text[out[-1].start : f.end])
        ):
            # "Head of Service, DAAT and YOS": the head of both services. A declared owner so
            # followed is that owner alone (the services it heads are no owners of their own).
            if not out[-1].known:
                out[-1] = merge(out[-1], f)
            i += 1
            continue
        if (
            f.sep == "and"
            and out
            and not f.known
            and not out[-1].known
            and _double_title(words(out[-1]), words(f))
        ):
            # "Chief Nurse and Director of ...", "Director of Finance and Deputy Chief Executive":
            # one post, two titles (the director's own 'and's already joined to its title)
            out[-1] = merge(out[-1], f)
            i += 1
            continue
        if (
            single_plain(f)
            and i + 1 < len(frags)
            and frags[i + 1].sep == "and"
            and not frags[i + 1].known
            and role_end(frags[i + 1])
            and not name_start(frags[i + 1])
            and not is_vague_lead(body(frags[i + 1]))
        ):
            f = merge(f, frags[i + 1])  # "Women and Children's Commissioning Manager"
            i += 1
            starts = f.sep in ("", "and", ";", "/", "\n") or (bool(out) and out[-1].known)
        elif not f.known and is_vague_lead(body(f)) and not all_vague:
            starts = (
                True  # ("SILS and partners": the partners are no owner; resolving leaves them out)
            )
        elif (
            out
            and out[-1].known
            and f.sep == "and"
            and single_plain(f)
            and body(f).strip()[:1].isupper()
            and not _is_acronym_token(words(out[-1])[-1] if words(out[-1]) else "A")
        ):
            # "Head of Learning and Skills", with "Head of Learning" declared: one capitalised word
            # after 'and' names no owner, it goes on with the title, as it does after an undeclared
            # one ("Head of Learning and schools" is the head and the schools)
            starts = False
        elif not out or f.known or out[-1].known:
            starts = True  # (a declared owner is a whole name: what follows it is another)
        elif f.sep == ",":
            # "Commissioning Manager, DAAT": a bare acronym after a role is its department
            ts = toks(f)
            department = (
                len(ts) == 1
                and role_end(out[-1])
                and not _is_acronym_token(words(out[-1])[0] if words(out[-1]) else "")
            )
            starts = name_start(f) and not department
        elif f.sep == "and":
            starts = name_start(f) or role_end(f) or self_acronym(f)
        else:
            starts = not single_plain(f)
        if starts or not out:
            out.append(f)
        else:
            out[-1] = merge(out[-1], f)
        i += 1
    return [c for c in (_clean(body(f)) for f in out) if c]


#: The words before ``Director of`` in a director's title (``Deputy Director of Nursing``), and
#: before ``Chief`` in a chief officer's (``Deputy Chief Executive``).
_DIRECTOR_RANKS = frozenset({"deputy", "assistant", "associate", "executive"})


def _double_title(first: Sequence[str], second: Sequence[str]) -> bool:
    """Whether two parts joined by ``and`` are the two titles of one post: a chief officer's title
    and a director's, in either order (``Chief Nurse and Director of Quality``, ``Director of
    Finance and Deputy Chief Executive``). Board-level posts are written so, and in both orders
    (``Deputy Chief Executive and Director of Finance`` is as common as the reverse), so the order
    does not tell one post from two; two managers joined by ``and`` (``Group Manager and Head of
    ...``) stay two owners."""
    return (_chief_title(first) and _director_title(second)) or (
        _director_title(first) and _chief_title(second)
    )


def _chief_title(words: Sequence[str]) -> bool:
    """``Chief Nurse``, ``Chief Executive``, ``Deputy Chief Executive``: ``Chief`` (after a rank,
    if any) and one or two words, no ``of``, no acronym (``Chief Nurse of SW Essex PCT`` is an
    officer of a body, not a title of a post)."""
    if words and words[0].casefold() in _DIRECTOR_RANKS:
        words = words[1:]
    if not 2 <= len(words) <= 3 or words[0].casefold() != "chief":
        return False
    return not any(w.casefold() in ("of", "and", "&") or _is_acronym_token(w) for w in words)


def _director_title(words: Sequence[str]) -> bool:
    """``Director of ...``, after a rank if any (``Deputy Director of Finance``)."""
    folded = [w.casefold() for w in words[:3]]
    if folded and folded[0] in _DIRECTOR_RANKS:
        folded = folded[1:]
    return folded[:2] == ["director", "of"]


def _role_of_departments(text: str) -> bool:
    """Whether a lead is a role followed by the departments it heads, so that an acronym joined to
    it by ``and`` or a comma is one more of them, not another lead: the departments are acronyms
    after a comma or straight after the role (``Head of Service, DAAT``, ``Head of Service DAAT``,
    ``Commissioning Manager, DAAT and YOS``), or written out with their acronym after a comma
    (``Head of Service, Drug and Alcohol Action Team (DAAT)``). A role is a bare title or a name
    ending in a role (``Commissioning Manager``), not an acronym (``SM YOS`` names two owners)."""
    first, *rest = _raw_fragments(text) or [_Frag(0, 0, "")]
    head = _TOKEN_RE.findall(text[first.start : first.end])
    n = len(head)
    while n > 1 and _is_acronym_token(head[n - 1]) and head[n - 1].casefold() not in _TITLE_WORDS:
        n -= 1  # ('Head of Service DAAT': the department straight after the role)
    if n == len(head) and not (rest and rest[0].sep == ","):
        return False
    role = head[:n]
    return (
        not _is_acronym_token(role[0])
        and (_is_title_only(role) or role[-1].casefold() in _ROLE_NOUNS)
        and all(_is_department(_TOKEN_RE.findall(text[f.start : f.end])) for f in rest)
    )


def _is_department(tokens: Sequence[str]) -> bool:
    """``DAAT``, ``Drug and Alcohol Action Team (DAAT)`` or ``DAAT (Drug and Alcohol Action
    Team)``: an acronym, alone or with its expansion after it, or words with their own acronym
    that name no title (``Head of Youth Offending (HYO)`` is a role of its own)."""
    if len(tokens) == 1:
        return _is_acronym_token(tokens[0])
    if len(tokens) == 2 and _is_acronym_token(tokens[0]) and _expands(tokens[1], tokens[0]):
        return True
    letters = _paren_acronym(tokens[-1]) if tokens else None
    return (
        letters is not None
        and tokens[0].casefold() not in _TITLE_WORDS
        and _acronym_span(tokens[:-1], letters) == 0
    )


#: The words that join a lead to those who support it (``Head of Learning with partners``, ``SILS
#: supported by EYFC``, ``in partnership with``, ``working with``, ``with the support of``). All
#: but a bare ``with`` say so whatever surrounds them; a bare ``with`` may be inside a name
#: (``Service Manager, Children with Disabilities``): see :func:`lead_part`.
_SUPPORT_RE = re.compile(
    r",?\s+(?:(?:(?:working\s+)?in\s+(?:close\s+)?(?:partnership|conjunction|collaboration)"
    r"|working(?:\s+closely)?|together|jointly)\s+with"
    r"|(?:supported|assisted|helped)\s+by|with\s+(?:the\s+)?(?:support|help|input)\s+(?:of|from)"
    r"|(?P<bare>with))\s+(?=\S)",
    re.IGNORECASE,
)
#: Groups in general that support a lead (``with schools``, ``with community partners``, ``with
#: the voluntary sector``): as :data:`_VAGUE_NOUNS`, and the plan's usual partners.
_SUPPORT_NOUNS = _VAGUE_NOUNS | frozenset(
    {
        "schools",
        "settings",
        "providers",
        "parents",
        "families",
        "carers",
        "governors",
        "academies",
        "colleges",
        "volunteers",
        "staff",
        "professionals",
        "sector",
        "sectors",
    }
)


def lead_part(text: str, known: Callable[[str], bool] | None = None) -> str:
    """The part of a lead that leads, without those it says support it: ``Head of Learning`` for
    ``Head of Learning with partners``, ``... supported by the Youth Service``, ``... in partnership
    with EYFC``. A lead "X with Y" is led by X; Y helps, and is no owner of the milestone (its load
    and accountability are X's), whether it names a group in general or an owner.

    A bare ``with`` may be inside a name (``Service Manager, Children with Disabilities``), so it
    ends the lead only after a declared owner (``known``), or after an owner's name (one that
    starts with a title or an acronym, or ends with a role: ``Group Manager, Youth Support``)
    before a group in general (``schools``, ``community partners``) or a title (``Head of SEN``)
    or a declared owner. The other words (``supported by``, ``working with``...) always do, after
    anything but a bare title. The text is returned unchanged when nothing supports it.

    >>> lead_part("Group Manager, Youth Support with community partners")
    'Group Manager, Youth Support'
    >>> lead_part("Service Manager, Children with Disabilities")
    'Service Manager, Children with Disabilities'
    >>> lead_part("SILS & EYFC, supported by the Virtual School")
    'SILS & EYFC'
    """
    low = text.lower()
    if " with" not in low and " by" not in low and "\nwith" not in low and "\nsupp" not in low:
        return text
    # (those supporting one lead end where another lead starts for sure: at ';', ' / ' or a line)
    pieces = _LEAD_ENDS.split(text)
    if len(pieces) > 2 * MAX_LEAD_SEPARATORS + 1:  # (more separators than that: kept whole)
        return text
    out = [_supported(pieces[0], known)]
    for sep, piece in zip(pieces[1::2], pieces[2::2]):
        if "\n" in sep and out[-1].strip() and _SUPPORT_RE.match(" " + piece):
            continue  # ("Head of Learning" above "with partners": the line supports the lead above)
        out += [sep, _supported(piece, known)]
    return "".join(out)


#: The separators after which another lead always starts (captured, to put the text together again).
_LEAD_ENDS = re.compile(r"(\s*;\s*|\s+/\s+|[^\S\n]*\n\s*)")


def _supported(text: str, known: Callable[[str], bool] | None) -> str:
    """:func:`lead_part` of a text in which no other lead starts after ``;``, `` / `` or a line."""
    for m in islice(_SUPPORT_RE.finditer(text), 4):  # (a paragraph is no lead: a few tries)
        lead = _clean(text[: m.start()])
        if not lead or _is_title_only(_TOKEN_RE.findall(lead)):
            continue
        if m.group("bare") is None or (known is not None and known(lead)):
            return lead
        if _owner_like(lead) and _supporters(text[m.end() :], known):
            return lead
    return text


#: Last words of a service or body's name (``Youth Service``), beside :data:`_ROLE_NOUNS`.
_BODY_NOUNS = frozenset(
    {"service", "services", "department", "directorate", "school", "college", "council", "pct"}
)


def _owner_like(text: str) -> bool:
    """Whether a text reads as an owner's name: it starts with a title or an acronym, or ends with
    a role, a body or its own acronym (``Group Manager, Youth Support``, ``SILS``, ``Youth
    Offending Team``, ``Youth Service``, ``Youth Offending Service (YOS)``); not ``Children`` (as
    in ``Children with Disabilities``)."""
    tokens = _TOKEN_RE.findall(text)
    words = [t for t in tokens if not _is_paren(t)]
    if not words:
        return False
    first = words[0].casefold()
    if first in _START_WORDS or tuple(w.casefold() for w in words[:2]) in _START_PAIRS:
        return True
    if (
        _is_acronym_token(words[0])
        or words[-1].casefold() in _ROLE_NOUNS
        or words[-1].casefold() in _BODY_NOUNS
    ):
        return True
    letters = _paren_acronym(tokens[-1])
    return letters is not None and _acronym_span(tokens[:-1], letters) is not None


def _supporters(text: str, known: Callable[[str], bool] | None) -> bool:
    """Whether the words after a bare ``with`` name supporters: a declared owner (the first one
    named), a title (``Head of SEN``, ``Senior Practitioners``), or groups in general (``schools and
    settings``, ``the voluntary sector``, ``community partners``)."""
    frags = _raw_fragments(text)
    if not frags:
        return False
    first = _clean(text[frags[0].start : frags[0].end])
    if known is not None and (known(_clean(text)) or known(first)):
        return True
    words = [w for w in _TOKEN_RE.findall(first) if not _is_paren(w)]
    if (
        words
        and not _is_acronym_token(words[0])
        and (
            words[0].casefold() in _START_WORDS
            or tuple(w.casefold() for w in words[:2]) in _START_PAIRS
        )
    ):
        return True
    return all(_general_group(text[f.start : f.end]) for f in frags)


def _general_group(text: str) -> bool:
    """``schools``, ``local schools``, ``community partners``, ``the voluntary sector``: a group in
    general (:data:`_SUPPORT_NOUNS`), after words that are neither acronyms nor titles."""
    words = [w for w in _TOKEN_RE.findall(text) if not _is_paren(w)]
    return (
        bool(words)
        and words[-1].casefold() in _SUPPORT_NOUNS
        and not any(_is_acronym_token(w) or w.casefold() in _TITLE_WORDS for w in words[:-1])
    )


def split_lead(text: str) -> list[str]:
    """Split a lead into the owner names it holds (the split step alone).

    The string is cut at `` & ``, `` and ``, `` / ``, ``;``, ``,`` and line breaks (never inside
    parentheses or inside the words a parenthesised acronym abbreviates), and pieces that are
    not owner names on their own are joined back to their neighbour: see the module docstring
    for the rules. Leading and trailing separators and spaces are removed from each part.

    Parameters
    ----------
    text : str
        A lead as written.

    Returns
    -------
    list of str
        The parts, in order (empty for a blank lead).

    Examples
    --------
    >>> split_lead("CSP & Head of Public Protection (HPP)")
    ['CSP', 'Head of Public Protection (HPP)']
    >>> split_lead("Group Manager, Youth Support and Head of Youth Offending Service")
    ['Group Manager, Youth Support', 'Head of Youth Offending Service']
    >>> split_lead("School Improvement, Learning and Skills")
    ['School Improvement, Learning and Skills']
    >>> split_lead("Head of Service\\nSchool Improvement Manager")
    ['Head of Service', 'School Improvement Manager']
    >>> split_lead("Head of Learning with schools")
    ['Head of Learning']
    """
    return _split(lead_part(text))


#: The titles of people a lead may name in the plural (``managers``, ``Heads``, ``Teachers``): the
#: people among the role nouns (:data:`_ROLE_NOUNS`; not bodies such as ``team`` or ``board``) and
#: a few posts of schools and health.
_PERSON_TITLES = frozenset(
    {
        "manager",
        "coordinator",
        "co-ordinator",
        "commissioner",
        "officer",
        "worker",
        "strategist",
        "nurse",
        "psychologist",
        "leader",
        "lead",
        "chair",
        "director",
        "head",
        "adviser",
        "advisor",
        "consultant",
        "practitioner",
        "member",
        "executive",
        "teacher",
        "headteacher",
        "governor",
        "visitor",
        "principal",
        "specialist",
        "therapist",
    }
)
#: Title acronyms in the plural (``SMs``, the service managers; ``SLs``).
_PLURAL_ACRONYMS = frozenset({"sms", "sls"})
#: Words after which a title's head word is done (``Heads of Service``, ``Managers for CiC``).
_TITLE_ENDS = frozenset({"of", "for", "in", "at", "within", "across", "to"})


def _plural_title(word: str) -> bool:
    """``managers``, ``heads``, ``co-ordinators``, ``SMs``: a title of people, in the plural."""
    w = word.casefold()
    return w in _PLURAL_ACRONYMS or (len(w) > 3 and w[-1] == "s" and w[:-1] in _PERSON_TITLES)


def names_several(text: str) -> bool:
    """Whether a lead's title is in the plural, so that it names several people as one owner:
    ``SMs CiC & Placements`` (the service managers of children in care and of placements), ``CATO
    managers``, ``Heads of Service``, ``Head Teachers``. It stays one owner, the load counted once
    for the group, since the plan does not say which of them leads what; messages speak of them in
    the plural.

    The title is read where a title stands: its first two words (``SMs CiC``, ``Heads of
    Service``, ``Head Teachers``), and the last before ``of``, ``for`` or ``in`` (``Designated
    Teachers for Looked After Children``), or the last word when there is none (``CATO
    managers``; but ``Chair of Governors`` is one person); a title word is in the plural
    when it is a title of people (:data:`_PERSON_TITLES`) with an ``s`` (``Practitioners``,
    ``Health Visitors``), or ``SMs``. A body in the plural (``Locality Teams``) is not read so, nor
    is a title's subject (``Head of Youth Offending Services``).

    >>> names_several("SMs CiC & Placements"), names_several("CATO managers"), names_several("SM QA")
    (True, True, False)
    >>> names_several("Head Teachers"), names_several("Head of Youth Offending Services")
    (True, False)
    """
    words = [w for w in _TOKEN_RE.findall(text) if not _is_paren(w)]
    if not words:
        return False
    head = len(words) - 1  # (the last word before the first 'of', 'for', 'in'..., else the last)
    for k, w in enumerate(words[1:], start=1):
        if w.casefold() in _TITLE_ENDS:
            head = k - 1
            break
    return any(_plural_title(w) for w in (*words[:2], words[head]))


# --------------------------------------------------------------------------------------------
# One role written two ways (OG304's suggestions)

#: Words before a role noun at the end of a name that belong to the title (``Senior Manager``).
_RANKS = frozenset(
    {
        "senior",
        "deputy",
        "assistant",
        "associate",
        "principal",
        "chief",
        "strategic",
        "interim",
        "acting",
        "lead",
    }
)


def _title_and_rest(tokens: list[str], text: str) -> tuple[list[str], list[str]] | None:
    """A role's title and what it is the title of: ``Manager, YOS`` (a bare title before a comma),
    ``Head of Youth Offending Service`` (a title before the name), ``Youth Offending Service
    Senior Manager`` (a role noun at the end, with its rank). None for a name with no such title."""
    head, comma, tail = text.partition(",")
    if comma and tail.strip():
        head_tokens = _TOKEN_RE.findall(head)
        if _is_title_only(head_tokens):
            return head_tokens, _TOKEN_RE.findall(tail)
    if len(tokens) > 12:  # (no role's name)
        return None
    # the longest title at the start: 'Head of' in 'Head of Youth Service', 'Senior Manager' in 'Senior Manager YOS'
    n = _title_prefix(tokens)
    if n:
        return tokens[:n], tokens[n:]
    if len(tokens) > 1 and tokens[-1].casefold() in _ROLE_NOUNS:
        k = len(tokens) - 1
        while k > 1 and tokens[k - 1].casefold() in _RANKS:
            k -= 1
        return tokens[k:], tokens[:k]
    return None


def _title_prefix(tokens: Sequence[str]) -> int:
    """How many tokens at the start make the longest title that leaves a word after it (0: none),
    as :func:`_is_title_only` reads a title, in one pass: a prefix is a title when its words are
    all title words and one of them a core title word, so the longest is the last prefix before a
    word that is not a title word, if a core word came by then."""
    longest = 0
    core = False
    for k, tok in enumerate(tokens[:-1], start=1):
        if _is_paren(tok) and _paren_acronym(tok):
            pass  # (an acronym in brackets neither makes nor breaks a title)
        else:
            word = tok.casefold()
            if word not in _TITLE_WORDS:
                break
            core = core or word in _TITLE_CORE
        if core:
            longest = k
    return longest


def role_forms(text: str) -> tuple[list[str], list[str]]:
    """The keys a role is known by, and those to look its other spellings up by, so that one
    role written with its title before or after the department, and the department written out or
    as its acronym, is found in one look-up whatever the number of roles (OG304 suggests the
    declared one): ``Manager, YOS``, ``YOS Manager`` and ``Youth Offending Service Manager``.

    A department written out is found by its acronym, and an acronym by the words it abbreviates,
    but two departments written out are not taken for one for sharing initials (``Youth Support``,
    ``Young Singles``). Returns ``(keys, lookups)``; both empty for a name with no title.

    >>> keys, _ = role_forms("Youth Offending Service Manager")
    >>> _, lookups = role_forms("Manager, YOS")
    >>> bool(set(keys) & set(lookups))
    True
    """
    tokens = [t for t in _TOKEN_RE.findall(text) if t[0] != "("]  # (a token is never empty)
    split = _title_and_rest(tokens, text)
    if split is None:
        return [], []
    title_words, rest = split
    rest = [t for t in rest if t[0] != "("]
    # (its words, not run together, so that a role whose keys one looks up has every word of their
    # title among its own: role_title_words)
    title = " ".join(
        lw for lw in map(str.casefold, title_words) if lw not in _ACR_FUNCTION and lw[0] != "("
    )
    content = [w for w in rest if w.casefold() not in _ACR_FUNCTION]
    if not title or not content:
        return [], []
    if len(rest) == 1 and _is_acronym_token(rest[0]):
        key = f"A|{title}|{_letters_of(rest[0])}"
        return [key], [key, "I" + key[1:]]
    keys = [f"W|{title}|{owner_key(' '.join(rest))}"]
    lookups = list(keys)
    if len(content) >= 2:
        for letters in sorted(_initial_variants(rest)):
            keys.append(f"I|{title}|{letters}")
            lookups.append(f"A|{title}|{letters}")
    return keys, lookups


def role_title_words(keys: Iterable[str]) -> set[str]:
    """The words of the titles in role keys (:func:`role_forms`): a role that has one of these
    keys has every word of its title in its name (lower-cased), so a name holding none of a
    title's words needs no keys of its own.

    >>> sorted(role_title_words(role_forms("Manager, YOS")[1]))
    ['manager']
    """
    return {w for key in keys for w in key.split("|", 2)[1].split()}


# --------------------------------------------------------------------------------------------
# The index


class OwnerIndex:
    """Resolve lead strings to declared and implicit owners.

    The index remembers the implicit owners it creates, so the same text (by
    :func:`owner_key`) resolves to the same owner in every later call, with the first-seen
    text as its id.

    Parameters
    ----------
    owners : sequence of OwnerSpec
        The declared owners. When two declare the same key, the first one wins.

    Examples
    --------
    >>> idx = OwnerIndex([OwnerSpec("SILS", "School Improvement, Learning and Skills",
    ...                             ("SL SILS",))])
    >>> [(r.owner_id, r.declared) for r in idx.resolve("SL SILS & EYFC")]
    [('SILS', True), ('EYFC', False)]
    >>> [r.owner_id for r in idx.resolve("eyfc")]
    ['EYFC']
    """

    def __init__(self, owners: Sequence[OwnerSpec]) -> None:
        self._declared: dict[str, str] = {}
        for owner in owners:
            for text in (owner.id, owner.name, *owner.aliases):
                if text is None:
                    continue
                key = owner_key(text)
                if key and key not in self._declared:
                    self._declared[key] = owner.id
        self._implicit: dict[str, str] = {}  # key -> first-seen text
        self._resolved: dict[str, list[ResolvedLead]] = {}  # a plan writes each lead many times
        self._whole: list[str] = []  # the implicit names of leads resolved whole
        self._one_names: set[str] = set()  # their loose keys (worked out when some lead was cut)
        self._cut: dict[str, list[str]] = {}  # leads cut in several parts -> their parts
        self._learnt = False

    def relearn(self) -> bool:
        """Learn from the leads resolved so far which names the plan writes as one owner, and
        whether that changes how some lead is cut; ``True`` when it does (the leads should then
        be resolved again, as they will be from now on).

        A lead the splitter cut where another lead writes the same words (but for small words
        and endings, :func:`loose_key`) as one name is not cut there: ``Assistant Director
        Children & Young People and Maternity Commissioner`` is one owner when the plan also
        has ``Assistant Director Children Young People and Maternity Commissioning``.

        >>> idx = OwnerIndex([])
        >>> [r.owner_id for r in idx.resolve("Head of Youth Services and Community Commissioner")]
        ['Head of Youth Services', 'Community Commissioner']
        >>> idx.relearn()
        False
        >>> _ = idx.resolve("Head of Youth Service and Community Commissioning")
        >>> idx.relearn()
        True
        >>> [r.owner_id for r in idx.resolve("Head of Youth Services and Community Commissioner")]
        ['Head of Youth Services and Community Commissioner']
        """
        if not self._cut or not self._whole:
            return False
        self._one_names.update(map(loose_key, self._whole))
        self._whole.clear()
        changed = [
            text
            for text, parts in self._cut.items()
            if self._may_join(text) and self._split_parts(text, learnt=True) != parts
        ]
        if not changed:
            return False
        self._learnt = True
        for text in changed:
            del self._resolved[text]
            del self._cut[text]
        return True

    def _may_join(self, text: str) -> bool:
        """Whether some fragments of a lead, two or more together, are a name learnt as one (the
        cheap test before cutting the lead again)."""
        text = lead_part(text, self._declares)
        frags = _raw_fragments(text)
        one_names = self._one_names
        return any(
            loose_key(text[frags[i].start : frags[j].end]) in one_names
            for i in range(len(frags))
            for j in range(i + 1, min(len(frags), i + 7))
        )

    def _split_parts(self, text: str, *, learnt: bool = False) -> list[str]:
        text = lead_part(text, self._declares)  # ("Head of Learning with partners": the head leads)
        if reads_as_one_name(text):
            return [_clean(text) or text]
        if learnt:
            one_names = self._one_names

            def known(s: str) -> bool:
                # (several fragments together: a fragment alone keeps the splitter's reading; and
                # never across ';', ' / ' or a line, where another lead starts for sure)
                if self._match(s) is not None:
                    return True
                if loose_key(s) not in one_names:
                    return False
                frags = _raw_fragments(s)
                return len(frags) > 1 and not any(f.sep in _HARD_SEPS for f in frags[1:])
        else:

            def known(s: str) -> bool:
                return self._match(s) is not None

        return _split(text, known=known) or [text]

    def _declares(self, text: str) -> bool:
        """Whether a text names a declared owner (:meth:`_match`)."""
        return self._match(text) is not None

    def _match(self, text: str) -> str | None:
        owner = self._declared.get(owner_key(text))
        if owner is None and text.endswith(")"):
            owner = self._match_glossed(text)
        return owner

    def _match_glossed(self, text: str) -> str | None:
        """The declared owner a text names with an acronym or expansion in parentheses after it:
        its name and its own acronym (``Youth Offending Service (YOS)``), its acronym spelt out
        before it (``Drug and Alcohol Action Team (DAAT)``, ``Head of Service, Drug and Alcohol
        Action Team (DAAT)`` for ``Head of Service, DAAT``), or its name and the expansion of the
        acronym that ends it (``Head of Service, DAAT (Drug and Alcohol Action Team)``).

        Each reading is a few look-ups, whatever the number of owners, and the words are read only
        when one may match: the text before the parenthesis is a declared name, or some of its
        first words followed by the acronym are (most leads so written are undeclared names with
        their own acronym)."""
        cut = text.rfind("(")
        paren = text[cut:]
        if cut <= 0 or paren.count(")") != 1:
            return None
        declared = self._declared
        head = owner_key(text[:cut])
        owner = declared.get(head)
        if (
            owner is None
        ):  # (the acronym after the words it abbreviates: they start with its letter)
            tail = owner_key(paren)
            at = head.find(tail[:1]) if tail else -1
            while at != -1 and head[:at] + tail not in declared:
                at = head.find(tail[0], at + 1)
            if at == -1:
                return None
        words = _TOKEN_RE.findall(text[:cut])
        letters = _paren_acronym(paren)
        if letters is None:  # the name, and the expansion of the acronym just before it
            return (
                owner
                if words and _is_acronym_token(words[-1]) and _expands(paren, words[-1])
                else None
            )
        start = _acronym_span(words, letters)
        if start is None or owner is not None:  # (no acronym of the words; the name and its own)
            return owner if start is not None else None
        # the acronym, after the words it abbreviates
        return declared.get(owner_key(" ".join([*words[:start], paren[1:-1]])))

    def resolve(self, lead: str) -> list[ResolvedLead]:
        """Resolve one lead string to its owners.

        Parameters
        ----------
        lead : str
            The lead as written (one entry of a ``lead`` list).

        Returns
        -------
        list of ResolvedLead
            One entry per owner, in order of appearance, each owner once; empty for a blank
            lead.

        Examples
        --------
        >>> idx = OwnerIndex([])
        >>> [r.owner_id for r in idx.resolve("Head of Care & Targeted Outcomes (HCATO)")]
        ['Head of Care & Targeted Outcomes (HCATO)']
        >>> [r.owner_id for r in idx.resolve("SILS & EYFC")]
        ['SILS', 'EYFC']
        """
        text = lead.strip() if isinstance(lead, str) else ""
        known = self._resolved.get(text)
        if known is not None:  # resolving a text again gives the same owners
            return list(known)
        result = self._resolve(text)
        self._resolved[text] = result
        return list(result)

    def _resolve(self, text: str) -> list[ResolvedLead]:
        if not owner_key(text):
            return []
        declared = self._match(text)
        if declared is not None:
            return [ResolvedLead(declared, text, True)]
        if is_placeholder_lead(text):
            return []
        parts = self._split_parts(text, learnt=self._learnt)
        if len(parts) == 1:
            if self._match(parts[0]) is None:
                self._whole.append(parts[0])
        else:
            self._cut[text] = parts
        result: list[ResolvedLead] = []
        seen: set[str] = set()
        for part in parts:
            key = owner_key(part)
            if not key:
                continue
            owner = self._match(part)
            if owner is not None:
                item = ResolvedLead(owner, part, True)
            elif key in _PLACEHOLDER_KEYS:  # ("SILS & TBC": SILS, and someone not yet named)
                continue
            elif len(parts) > 1 and is_vague_lead(part):
                continue  # ("Head of Learning and partners": the head of learning leads)
            else:
                first = self._implicit.setdefault(key, part)
                item = ResolvedLead(first, part, False)
            if item.owner_id not in seen:
                seen.add(item.owner_id)
                result.append(item)
        return result

    def implicit_owners(self) -> dict[str, str]:
        """Return the implicit owners created so far.

        Returns
        -------
        dict of str to str
            Owner id to its first-seen text (the two are the same string), in first-seen order.

        Examples
        --------
        >>> idx = OwnerIndex([])
        >>> _ = idx.resolve("SL ASO"); _ = idx.resolve("sl aso.")
        >>> idx.implicit_owners()
        {'SL ASO': 'SL ASO'}
        """
        return {text: text for text in self._implicit.values()}


# --------------------------------------------------------------------------------------------
# Alias splits (OG305)


class _Parsed(NamedTuple):
    title: str  # letters of the leading title ("H", "SL", "SM"), or ""
    title_alts: tuple[str, ...]  # the letters the title may give an acronym
    name: tuple[str, ...]  # words after the title, before a trailing suffix, no acronyms
    explicit: str | None  # letters of a trailing "(ACR)"
    suffix: str  # letters of a trailing "managers"/"lead"/..., or ""
    words: tuple[str, ...]  # title words + name words (for acronym spans)
    n_title: int  # how many of ``words`` are the title


def _parse_owner(text: str) -> _Parsed:
    tokens: list[str] = _TOKEN_RE.findall(text)
    if "(" in text:
        found, tokens = tokens, []
        for tok in found:
            if _is_paren(tok) and _paren_acronym(tok) is None:
                tokens.extend(_TOKEN_RE.findall(tok[1:-1]))  # "(Youth Support)" is words
            else:
                tokens.append(tok)
    suffix = ""
    if len(tokens) > 1 and tokens[-1].casefold() in _SUFFIX_WORDS:
        suffix = _SUFFIX_WORDS[tokens[-1].casefold()]
        tokens = tokens[:-1]
    title = ""
    alts: tuple[str, ...] = ()
    n_title = 0
    # (the first word names the title phrases to try: most names start with no title word)
    for phrase, code in _TITLE_PHRASES_BY_FIRST.get(tokens[0].casefold(), ()) if tokens else ():
        if len(tokens) > len(phrase) and tuple(map(str.casefold, tokens[: len(phrase)])) == phrase:
            title = code
            n_title = len(phrase)
            initials = "".join(w[0].upper() for w in phrase)
            content = "".join(w[0].upper() for w in phrase if w not in _ACR_FUNCTION)
            alts = tuple(dict.fromkeys((code, content, initials)))
            break
    rest = tokens[n_title:]
    explicit = None
    if "(" in text:
        if title and rest and _paren_acronym(rest[0]) is not None and len(rest) > 1:
            rest = rest[1:]  # "Service Manager (SM) Performance": the title's own acronym
        if rest and _paren_acronym(rest[-1]) is not None:
            explicit = _paren_acronym(rest[-1])
            rest = rest[:-1]
        name = tuple(t for t in rest if not _is_paren(t))
    else:
        name = tuple(rest)
    title_words = tuple(tokens[:n_title])
    return _Parsed(title, alts, name, explicit, suffix, title_words + name, n_title)


def _without_acronyms(text: str) -> str:
    return owner_key(" ".join(t for t in _TOKEN_RE.findall(text) if _paren_acronym(t) is None))


def _canon(title: str, words: Sequence[str]) -> str:
    text = " ".join(words)
    if text.isascii():  # (owner_key's first step, without keeping a key no other text will ask for)
        return f"{title}|{text.lower().replace('&', 'and').translate(_DROP_ASCII_NOT_ALNUM)}"
    return f"{title}|{owner_key(text)}"


_PART_SEP = re.compile(r"\s*(?:[,;/&]|\band\b)\s*", re.IGNORECASE)
_PARENS = re.compile(r"\([^()]*\)")
_HAS_PART_SEP = re.compile(r"[,;/&]|\band\b", re.IGNORECASE)


_LABEL = re.compile(r"\s*([^\W\d_][^:()]{0,38}?)\s*:\s*(\S.*)", re.DOTALL)


def _after_label(text: str) -> str | None:
    """What a lead names after a leading label (``Reporting Progress: Director of Public
    Health``): the rest, when the label is one to four words with no title word in it and the
    rest starts with a title (``Director of``, ``Head of``, ``SL``...). None otherwise."""
    m = _LABEL.fullmatch(text)
    if m is None:
        return None
    label, rest = m.group(1).split(), m.group(2)
    if len(label) > 4 or any(w.casefold() in _TITLE_WORDS or not w.isalpha() for w in label):
        return None
    parsed = _parse_owner(rest)
    return rest if parsed.title and parsed.name else None


def is_labelled(text: str) -> bool:
    """Whether a lead writes its owner after a label (``Reporting Progress: Director of Public
    Health``), the spelling that OG305 never suggests keeping.

    >>> is_labelled("Reporting Progress: Director of Public Health"), is_labelled("Director, Public Health")
    (True, False)
    """
    return ":" in text and _after_label(text) is not None


def _coordinated_parts(text: str, parsed: _Parsed) -> list[str] | None:
    """The keys of the parts a name lists after its title (cut at ``,``, ``;``, ``/``, ``&``
    and ``and``; parenthesised acronyms and a trailing ``managers``/``lead``... left out), when
    it has two or more: ``Service Manager, Child Health and Early Years`` gives
    ``['childhealth', 'earlyyears']``. None for a name of one part, or one that lists a part
    twice or an empty one."""
    rest = text
    if parsed.n_title:
        end = 0
        for m in islice(_TOKEN_RE.finditer(text), parsed.n_title):
            if _is_paren(m.group()):
                return None
            end = m.end()
        rest = text[end:]
    if "(" in rest:
        rest = _PARENS.sub(" ", rest)
    if parsed.suffix:
        rest = rest.rstrip().rsplit(None, 1)[0] if rest.strip() else rest
    pieces = _PART_SEP.split(rest.strip(_STRIP_CHARS))
    if len(pieces) < 2:
        return None
    parts = [owner_key(piece) for piece in pieces]
    if not all(parts) or len(set(parts)) < len(parts):
        return None
    return parts


def _initial_variants(words: Sequence[str]) -> set[str]:
    """Initials of a run of words: content words only; with and/& as A; with all words."""
    content, with_and, every = [], [], []  # (the three readings, in one pass over the words)
    for w in words:
        lw = w.casefold()
        if lw in _ACR_FUNCTION:
            letter = "A" if w == "&" else w[0].upper()
            if lw == "and" or lw == "&":
                with_and.append(letter)
            every.append(letter)
            continue
        letter = _letters_of(w) if _is_acronym_token(w) else w[0].upper()
        content.append(letter)
        with_and.append(letter)
        every.append(letter)
    return {"".join(content), "".join(with_and), "".join(every)}


_Sig = tuple[str, str, str, str]  # (kind tag, prefix, letters, suffix)


def _acronym_signatures(p: _Parsed) -> tuple[list[_Sig], list[_Sig]]:
    """(abbreviation, explicit-acronym) signatures of one written form."""
    abbr: list[_Sig] = []
    expl: list[_Sig] = []
    name = p.name
    # Written as an acronym: trailing acronym tokens after an optional prefix.
    k = len(name)
    while k > 0 and _is_acronym_token(name[k - 1]) and name[k - 1].casefold() not in _TITLE_WORDS:
        k -= 1
    if k < len(name) and p.explicit is None:
        letters = "".join(_letters_of(w) for w in name[k:])
        prefix = name[:k]
        abbr.append(("S", _canon(p.title, prefix), letters, p.suffix))
        if not prefix:
            for alt in p.title_alts:
                abbr.append(("S", "|", alt + letters, p.suffix))
    # A trailing "(ACR)": what it abbreviates, and what comes before.
    if p.explicit is not None:
        words = list(p.words)
        start = _acronym_span(words, p.explicit)
        if start is not None:
            before = words[:start]
            if start < p.n_title:  # the acronym covers the title too ("(HCATO)", "(SL ASO)")
                expl.append(("S", "|", p.explicit, p.suffix))
            else:
                rest = before[p.n_title :]
                expl.append(("S", _canon(p.title, rest), p.explicit, p.suffix))
                if not rest:
                    expl.append(("S", "|", p.explicit, p.suffix))  # "SILS" in "SL, ... (SILS)"
                    for alt in p.title_alts:
                        expl.append(("S", "|", alt + p.explicit, p.suffix))
    return abbr, expl


def _suffixes(acronyms: set[str]) -> set[str]:
    """Every ending of every acronym ("" included): the letters a run of words may have so far,
    built from its last word backwards, while some longer run may still spell an acronym."""
    return {a[i:] for a in acronyms for i in range(len(a) + 1)}


def _expansion_signatures(
    p: _Parsed, acronyms: set[str] | None = None, suffixes: set[str] | None = None
) -> list[_Sig]:
    """The expansion signatures of one written form (its runs of words written out).

    An expansion pairs only with an abbreviation or explicit acronym of the same letters:
    given ``acronyms``, the letters of every such signature, no other expansion is made. Given
    also ``suffixes`` (:func:`_suffixes` of ``acronyms``), the runs stop growing once their
    letters end no acronym (a title's letters go before a run's, so they do not change that).
    """
    exp: list[_Sig] = []
    name = p.name
    if acronyms is not None and not acronyms or len(name) < 2:
        return exp
    # Written out: initials of the last k words (k >= 2 content words). The initials of each
    # run are those of _initial_variants(run), built word by word from the end (a long name
    # would otherwise cost the square of its length).
    content = 0
    all0 = all1 = all2 = ""
    for start in range(len(name) - 1, -1, -1):
        w = name[start]
        lw = w.casefold()
        function = lw in _ACR_FUNCTION
        if function:
            c2 = "A" if w == "&" else w[0].upper()
            c0, c1 = "", (c2 if lw in ("and", "&") else "")
        else:
            c0 = c1 = c2 = _letters_of(w) if _is_acronym_token(w) else w[0].upper()
        all0, all1, all2 = c0 + all0, c1 + all1, c2 + all2
        content += not function
        if len(name) - start > 10:
            break
        if (
            suffixes is not None
            and all0 not in suffixes
            and all1 not in suffixes
            and all2 not in suffixes
        ):
            break  # (no longer run spells an acronym either)
        if function or content < 2:
            continue
        prefix = name[:start]
        for letters in {all0, all1, all2}:
            if len(letters) < 2:
                continue
            if acronyms is None or letters in acronyms:
                exp.append(("S", _canon(p.title, prefix), letters, p.suffix))
            if not prefix:
                for alt in p.title_alts:
                    if acronyms is None or alt + letters in acronyms:
                        exp.append(("S", "|", alt + letters, p.suffix))
    return exp


_Entry = tuple[str, str, str]  # (owner id, form, kind of key)
# Kinds: K key, P singular/plural key, W loose key, B base (title and name), L base after a
# label, O the words of a name that lists parts, A abbreviation, E explicit acronym, X expansion;
# and, made for a pair: H a name with others ("... with Inclusion Team", a lead not cut), T a name followed
# by its body's acronym.


class _FormIndex(NamedTuple):
    """The keys of every owner's written forms, each to the forms that have it."""

    same_k: dict[str, list[_Entry]]  # owner_key -> its forms
    groups: tuple[dict[str, list[_Entry]], ...]  # K, P, W, B (and L), O: one dict per kind
    acronyms: dict[_Sig, dict[_Entry, None]]  # A, E and X signatures -> their forms
    in_place: dict[
        str, list[_Entry]
    ]  # G: the key of a form with its acronyms in place of their words


def find_alias_splits(owners: Sequence[tuple[str, str]]) -> list[AliasSplit]:
    """Find owners that are evidently one owner written two ways (rule OG305).

    Each owner is given as ``(owner_id, display text)``; a declared owner's id and display
    text are both forms of it (an owner may appear several times with different texts). Two
    owners are reported when one of their forms:

    * has the same :func:`owner_key` as a form of the other (a declared owner's id written as
      another owner's name);
    * is the other with or without its parenthesised acronym, or with its title written
      differently (``Head of Public Protection`` / ``Head of Public Protection (HPP)``,
      ``SM Performance`` / ``Service Manager (SM) Performance``);
    * is written as an acronym (``SL ASO``, ``Head CATO``, ``SILS``) that is the acronym given in
      the other (``SL Assets and School Organisation (SL ASO)``,
      ``Head of Care & Targeted Outcomes (HCATO)``) or the initials of the other's words
      (``S L Assets and School Organisation``), with the same title and the same words before
      it. Titles count as their letters (``Head``, ``Head of Service`` = H; ``SL``, ``S L``,
      ``Strategic Leader`` = SL; ``SM``, ``Service Manager`` = SM; ``Corporate Director``,
      ``Director of`` = D), so ``Head CATO`` matches
      ``HCATO`` but not ``CATO managers``; an untitled acronym matches a titled name only
      when that name gives the acronym itself (``EYFC`` and
      ``S L, Early Years, Families and Communities (EYFC)``);
    * is written as an acronym with the same title as another acronym (``Head CATO`` /
      ``Head of Service CATO``);
    * is the other with an acronym inside it spelt out, followed by that acronym in parentheses
      (``Head of Service, Drug and Alcohol Action Team (DAAT) and YOS`` / ``Head of Service, DAAT
      and YOS``);
    * is the other's name followed by the others it works with (``Group Manager, Youth Support
      with Inclusion Team`` / ``Group Manager, Youth Support``; a lead so written before groups in
      general or a title resolves to the name alone: :func:`lead_part`);
    * is the other followed by an acronym, that of the body it sits in
      (``S M Performance and Systems CEF`` / ``S M Performance and Systems``), where the other
      has a title and two or more words of name after it (``Head of Commissioning PCT`` and
      ``Head of Commissioning`` may be two people of two bodies);
    * is the other written after a label (``Reporting Progress: Director of Public Health`` /
      ``Director, Public Health``): a label of up to four words with no title word in it,
      before a titled name;
    * lists the same parts (cut at ``,``, ``;``, ``/``, ``&`` and ``and``) in another order
      or joined differently, with the same title
      (``Service Manager, Child Health and Early Years`` /
      ``Service Manager, Early Years and Child Health``).

    Two written-out names are never merged for sharing words or initials
    (``Head of Learning`` / ``Head of Care``; ``Youth Offending Service`` / ``Youth Service``),
    nor two acronyms that differ (``SL SILS`` / ``SL ASO``).

    Candidates are found through an index of keys, so the work grows with the number of
    owners, not with the number of pairs.

    Parameters
    ----------
    owners : sequence of (str, str)
        ``(owner_id, display text)`` of every distinct owner counted in the plan.

    Returns
    -------
    list of AliasSplit
        One entry per pair of owners, ``a < b``, sorted; the same whatever the input order.

    Examples
    --------
    >>> for s in find_alias_splits([("SL ASO", "SL ASO"),
    ...         ("SL Assets and School Organisation (SL ASO)",
    ...          "SL Assets and School Organisation (SL ASO)"),
    ...         ("SL SILS", "SL SILS")]):
    ...     print(s.reason)
    'SL ASO' uses the acronym given in 'SL Assets and School Organisation (SL ASO)'
    """
    forms = _owner_forms(owners)
    keys = _index_forms(forms)
    # (an owner's id and first text are how a message names it: of two reasons as strong, the
    # one quoting those is kept, rather than another spelling of the same owner)
    shown: dict[str, set[str]] = {}
    for owner_id, text in owners:
        shown.setdefault(owner_id, {owner_id, text})
    best: dict[tuple[str, str], tuple[int, int, str, tuple[str, str]]] = {}
    for pairs in (
        _same_key_pairs(keys),
        _in_place_pairs(keys),
        _joint_name_pairs(forms, keys.same_k),
        _body_acronym_pairs(forms, keys.same_k),
        _acronym_pairs(keys.acronyms),
    ):
        for x, y in pairs:
            if x[0] == y[0]:
                continue
            candidate = _pair_reason(x, y)
            if candidate is None:
                continue
            if x[0] > y[0]:
                x, y = y, x
            pair = (x[0], y[0])
            unshown = (x[1] not in shown[x[0]]) + (y[1] not in shown[y[0]])
            ranked = (candidate[0], unshown, candidate[1], (x[1], y[1]))
            if pair not in best or ranked < best[pair]:
                best[pair] = ranked
    return [
        AliasSplit(a, b, reason, quoted) for (a, b), (_, _, reason, quoted) in sorted(best.items())
    ]


def _owner_forms(owners: Sequence[tuple[str, str]]) -> dict[str, dict[str, str]]:
    """Each owner's forms (its id and display texts, in the order given) -> their keys."""
    forms: dict[str, dict[str, str]] = {}
    for owner_id, text in owners:
        bucket = forms.setdefault(owner_id, {})
        for form in (owner_id, text):
            if form:
                key = owner_key(form)
                if key:
                    bucket[form] = key
    return forms


def _index_forms(forms: dict[str, dict[str, str]]) -> _FormIndex:
    """Every form's keys, in one pass over the forms (then the expansions, which are made only
    where their initials are some form's acronym)."""
    # Each (owner, form) is met once, so the K, P and B keys need no de-duplication: a list
    # per key (and most keys have one form alone). One dict per kind of key, so that no key is
    # made into a tuple.
    same_k: dict[str, list[_Entry]] = {}
    same_p: dict[str, list[_Entry]] = {}
    same_w: dict[str, list[_Entry]] = {}
    same_b: dict[str, list[_Entry]] = {}  # B entries, and L (a name after a label)
    same_o: dict[str, list[_Entry]] = {}
    same_g: dict[str, list[_Entry]] = {}
    index: dict[_Sig, dict[_Entry, None]] = {}
    parsed_forms = []
    acronyms: set[str] = set()  # the letters of every abbreviation and explicit acronym
    stems = _STEMS
    # (in the order the owners came: the answer does not depend on it, and the forms were made
    # in that order, so they lie together in memory)
    for owner_id, owner_forms in forms.items():
        for form, key in owner_forms.items():
            same_k.setdefault(key, []).append((owner_id, form, "K"))
            # The words of _singular_key and loose_key, found once.
            words = _WORDS.findall(form.casefold().replace("&", " and "))
            same_p.setdefault(_singular_of(words), []).append((owner_id, form, "P"))
            loose_words = []
            for w in words:
                if w not in _SMALL_WORDS:
                    stem = stems.get(w)
                    if stem is None:
                        stem = _stem(w)
                        if len(stems) < 100_000:
                            stems[w] = stem
                    loose_words.append(stem)
            if loose_words:  # (a name of small words alone says nothing)
                same_w.setdefault(" ".join(loose_words), []).append((owner_id, form, "W"))
            parsed = _parse_owner(form)
            if parsed.name:
                base = _canon(parsed.title, parsed.name) + "|" + parsed.suffix
                same_b.setdefault(base, []).append((owner_id, form, "B"))
                if ":" in form:
                    unlabelled = _after_label(form)
                    if unlabelled is not None:
                        rest = _parse_owner(unlabelled)
                        base = _canon(rest.title, rest.name) + "|" + rest.suffix
                        same_b.setdefault(base, []).append((owner_id, form, "L"))
                if _HAS_PART_SEP.search(form):
                    # Names that may list the same parts in another order have the same words:
                    # only those are compared part by part (in _pair_reason).
                    name_words = sorted(
                        [w for w in map(str.casefold, parsed.name) if w != "&" and w != "and"]
                    )
                    same_o.setdefault(
                        f"{parsed.title}|{' '.join(name_words)}|{parsed.suffix}", []
                    ).append((owner_id, form, "O"))
            if "(" in form and not (form.count("(") == 1 and form.rstrip().endswith(")")):
                in_place = _acronyms_in_place(form)  # (an acronym inside the name, not at its end)
                if in_place is not None:
                    same_g.setdefault(owner_key(in_place), []).append((owner_id, form, "G"))
            parsed_forms.append((owner_id, form, parsed))
            abbr, expl = _acronym_signatures(parsed)
            for sig in abbr:
                index.setdefault(sig, {})[(owner_id, form, "A")] = None
                acronyms.add(sig[2])
            for sig in expl:
                index.setdefault(sig, {})[(owner_id, form, "E")] = None
                acronyms.add(sig[2])
    suffixes = _suffixes(acronyms)
    for owner_id, form, parsed in parsed_forms:
        for sig in _expansion_signatures(parsed, acronyms, suffixes):
            index.setdefault(sig, {})[(owner_id, form, "X")] = None
    return _FormIndex(same_k, (same_k, same_p, same_w, same_b, same_o), index, same_g)


def _same_key_pairs(keys: _FormIndex) -> Iterator[tuple[_Entry, _Entry]]:
    """Every two forms of two owners that share a key of one kind."""
    for same in keys.groups:
        for members in same.values():
            if (
                len(members) < 2 or len({e[0] for e in members}) < 2
            ):  # (most: one form, or one owner)
                continue
            for i, first in enumerate(members):
                for second in members[i + 1 :]:
                    yield first, second


def _in_place_pairs(keys: _FormIndex) -> Iterator[tuple[_Entry, _Entry]]:
    """A name with an acronym spelt out inside it, and the name written with the acronym alone
    (or with other acronyms spelt out)."""
    for key, long_forms in keys.in_place.items():
        for i, first in enumerate(long_forms):
            for other in keys.same_k.get(key, ()):
                yield first, other
            for second in long_forms[i + 1 :]:
                yield first, second


def _joint_name_pairs(
    forms: dict[str, dict[str, str]], same_k: dict[str, list[_Entry]]
) -> Iterator[tuple[_Entry, _Entry]]:
    """A name followed by the others it works with ("Group Manager, Youth Support with
    community partners"), and that name written alone by another owner."""
    for owner_id, owner_forms in forms.items():
        for form in owner_forms:
            head, sep, _rest = form.partition(" with ")
            if sep and len(head.split()) >= 2:
                for other in same_k.get(owner_key(head), ()):
                    yield (owner_id, form, "H"), other


def _body_acronym_pairs(
    forms: dict[str, dict[str, str]], same_k: dict[str, list[_Entry]]
) -> Iterator[tuple[_Entry, _Entry]]:
    """A titled name followed by the acronym of the body it sits in ("S M Performance and
    Systems CEF", the directorate), and that name written alone by another owner. Only a name of
    two or more words after the title: "Head of Commissioning PCT" and "Head of Commissioning"
    may well be two people of two bodies."""
    for owner_id, owner_forms in forms.items():
        for form in owner_forms:
            head, sep, last = form.rstrip().rpartition(" ")
            if not sep or not (2 <= len(last) <= 6 and last.isalpha() and last.isupper()):
                continue
            head = head.rstrip(_STRIP_CHARS)
            others = same_k.get(owner_key(head)) if head else None
            if not others:
                continue
            parsed = _parse_owner(head)
            if (
                parsed.title
                and sum(1 for w in parsed.name if w.casefold() not in _ACR_FUNCTION) >= 2
            ):
                for other in others:
                    yield (owner_id, form, "T"), other


def _acronym_pairs(index: dict[_Sig, dict[_Entry, None]]) -> Iterator[tuple[_Entry, _Entry]]:
    """An abbreviation and every other form with its signature (each pair of abbreviations once)."""
    for entries in index.values():
        if len(entries) < 2:  # (most keys: one form alone)
            continue
        members = list(entries)
        if len({e[0] for e in members}) < 2:
            continue
        for first in members:
            if first[2] != "A":
                continue
            for second in members:
                if second is not first and not (second[2] == "A" and second < first):
                    yield first, second


def _pair_reason(x: _Entry, y: _Entry) -> tuple[int, str] | None:
    """How strongly two forms of two owners say they are one owner (0 the strongest), and why;
    None when the key they share does not make them one (an O key listing other parts, or two
    kinds that do not pair)."""
    (_, fx, kx), (_, fy, ky) = x, y
    if kx in ("K", "P", "W"):
        a, b = sorted((fx, fy))
        if kx == "K":
            return 0, (
                f"both are named '{a}'"
                if a == b
                else f"'{a}' and '{b}' are the same name written differently"
            )
        if kx == "P":
            return 1, f"'{a}' and '{b}' differ only in a singular or plural"
        return 2, f"'{a}' and '{b}' differ only in {_loose_difference(a, b)}"
    if kx == "G":  # (a name with an acronym spelt out inside it, and the name so abbreviated)
        if ky == "G":
            a, b = sorted((fx, fy))
            return 2, f"'{a}' and '{b}' are one name with other acronyms spelt out"
        return 2, f"'{fy}' uses the acronym given in '{fx}'"
    if "H" in (kx, ky):  # (one form is the other's name with others: "... with community partners")
        joint, other = (fx, fy) if kx == "H" else (fy, fx)
        return 1, f"'{joint}' names '{other}' with others"
    if kx == "T":  # (the name written alone, and followed by its body's acronym)
        return 1, f"'{fx}' is '{fy}' followed by '{fx.rpartition(' ')[2]}'"
    if "L" in (kx, ky):  # (a B key, one form or both written after a label)
        a, b = sorted((fx, fy))
        if kx == ky:
            return 1, f"'{a}' and '{b}' name one owner after different labels"
        labelled, other = (fx, fy) if kx == "L" else (fy, fx)
        return 1, f"'{labelled}' names '{other}' after a label"
    if kx == "B":
        a, b = sorted((fx, fy))
        if _without_acronyms(a) == _without_acronyms(b):
            with_acr, without = (a, b) if len(a) > len(b) else (b, a)
            return 1, f"'{without}' is '{with_acr}' without its acronym"
        return 1, f"'{a}' and '{b}' differ only in how the title is written"
    if kx == "O":
        return _reordered_parts(fx, fy)
    if {kx, ky} == {"A", "E"}:
        abbr_form, other = (fx, fy) if kx == "A" else (fy, fx)
        return 2, f"'{abbr_form}' uses the acronym given in '{other}'"
    if {kx, ky} == {"A", "X"}:
        abbr_form, other = (fx, fy) if kx == "A" else (fy, fx)
        return 3, f"'{abbr_form}' uses the initials of '{other}'"
    if kx == ky == "A":
        a, b = sorted((fx, fy))
        return 4, f"'{a}' and '{b}' are the same acronym under the same title"
    return None


def _reordered_parts(fx: str, fy: str) -> tuple[int, str] | None:
    """Two names with the same words that list the same parts in another order, or joined
    differently; None when the parts differ, or when only the title does (a B key says so)."""
    a, b = sorted((fx, fy))
    pa, pb = _parse_owner(a), _parse_owner(b)
    parts_a, parts_b = _coordinated_parts(a, pa), _coordinated_parts(b, pb)
    if parts_a is None or parts_b is None or sorted(parts_a) != sorted(parts_b):
        return None
    if parts_a != parts_b:
        return 2, f"'{a}' and '{b}' list the same parts in another order"
    if _canon("", pa.name) != _canon("", pb.name):
        return 2, f"'{a}' and '{b}' list the same parts, joined differently"
    return None
