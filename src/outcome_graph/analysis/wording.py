"""Comparing wordings: a node's title against a variant of it (OG601, OG602) and titles
against each other (OG109).

Plans state the same item in several places (a detail table, a summary matrix, a needs
analysis) and the wording drifts. What counts as *noise* here, and is never reported:

* case, punctuation, possessives (``families'`` = ``families``), ``&`` = ``and``;
* compound spellings: hyphens are dropped (``well-being`` = ``wellbeing``,
  ``under-achieving`` = ``underachieving``), a few words join what follows them
  (``well being``, ``post 16``, ``anti social``, ``co ordinated``, ``multi agency``, ``child
  care``, ``fixed term`` ...), and in a comparison two or three words written apart on one side
  and together on the other are one word (``evidence based`` / ``evidence-based``);
* function words (:data:`FUNCTION_WORDS`: a, an, the, to, of, their, and, or, for, ...);
* word order;
* leading labels: ``Priority One:``, ``PRIORITY ONE``, ``Aim 2 -``, ``Objective:``,
  ``Pillar 1:``, ``Strategic Objective 1.1 to achieve Priority One``, ``1.2.3``, ``2.``, ``(a)``;
* a framing opening that says a thing is to be done and nothing of what: ``We will``,
  ``Ensure``, ``Deliver`` (and after ``Ensure`` the copula of its clause: ``Ensure business
  processes are effective`` / ``Deliver effective business processes``);
* plural and singular (``services`` = ``service``, ``children`` = ``child``, ``people`` =
  ``person``), and another ending of a word (``build`` / ``building``, ``develop`` /
  ``developed``);
* in a comparison (OG601, not OG109's title key, which is made from one title alone), an acronym
  on one side for the words it abbreviates on the other (``LDD`` = ``Learning Difficulties and
  Disabilities``).

Everything else added or dropped is material (:class:`WordingDiff`).

A *reversal* (:func:`polarity_reversals`) is a direction word of the title (increase, raise,
rise, more, higher, high, above, maximise, widen, gain; improve, better, good; entering, ...)
that stands, in the variant, at the same place and before the same words, replaced by its
opposite on the same axis (reduce, lower, fall, fewer/less, low, below, minimise, narrow, lose;
worsen, worse, poor; leaving, ...). ``high-quality`` counts as ``high``. The words are aligned as
sequences, so a variant that rewords around the direction word is not a reversal:
``Raise attainment`` / ``Reduce gaps in attainment`` is not (the object changed),
``increase the number of pupils ... entering higher education`` /
``reduce the number of pupils ... entering higher education`` is. A reversal that also flips a
negation in its clause is a consistent rewording, not a contradiction: ``reduce the number of young
people not in education, employment or training (NEET)`` / ``increase the number of young people in
education, employment or training`` is not reported (``not``, ``no``, ``non``, ``never``,
``without``, ``NEET`` count as negations, and so do verbs that stop what follows them in the clause:
``halt the year on year rise in obesity`` / ``reduce obesity`` is not a reversal). Two turns that
restore the meaning are no reversal either: a direction word governing a change multiplies with it
(``reduce the rise in obesity`` / ``increase the fall in obesity``); a pair naming both ends
reordered is the same pair (``low and high achievers`` / ``high and low achievers``); and a count
turned round together with a level word that says whom it counts counts the complement the other way
(``reduce the number of schools below floor targets`` / ``increase the number of schools above floor
targets``). Such variants are still compared word by word (OG601). Two directions on two objects
(``reduce exclusions and increase attendance`` / ``increase exclusions and reduce attendance``) are
two reversals. A variant that is its title with a negation added or removed, and no other word
changed but function words (``Children are safe`` / ``Children are not safe``, ``Reduce exclusions``
/ ``Do not reduce exclusions``), is a reversal too, named ``'safe' becomes 'not safe'``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from typing import NamedTuple

__all__ = [
    "FUNCTION_WORDS",
    "Reversal",
    "WordingDiff",
    "is_placeholder_title",
    "normalise_words",
    "polarity_reversals",
    "title_key",
    "wording_diff",
]

FUNCTION_WORDS: frozenset[str] = frozenset(
    {
        "a",
        "an",
        "the",
        "to",
        "of",
        "their",
        "its",
        "our",
        "and",
        "or",
        "for",
        "in",
        "on",
        "at",
        "by",
        "with",
        "from",
        "as",
        "that",
        "which",
    }
)
"""Words whose presence or absence is never a material change."""

# ---------------------------------------------------------------------------------------------
# Leading labels

_NUMWORD = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"first|second|third|fourth|fifth|sixth|seventh"
)
_KEYWORD = (
    r"(?:(?:strategic|key|cypf?|corporate|local)\s+)?"
    r"(?:priority|priorities|pillar|theme|aim|objective|commitment|milestone|strand|workstream"
    r"|target|benefit|action|outcome|goal)s?"
)
_NUMBER = rf"(?:\d+(?:\.\d+)*[a-z]?|{_NUMWORD})"
_LABEL_RES = (
    # "Priority One:", "PRIORITY ONE ", "Aim 2 -", "Strategic Objective 1.1 to achieve Priority One"
    re.compile(
        rf"^\s*{_KEYWORD}\s*(?:no\.?\s*|number\s+)?{_NUMBER}\b"
        rf"(?:\s+to\s+achieve\s+priority\s+{_NUMBER}\b)?"
        r"(?:\s*[:.)]\s*|\s+[-–—]\s+|\s*[-–—]\s*(?=\S)|\s+)",
        re.IGNORECASE,
    ),
    # "Objective:", "Aim - "
    re.compile(rf"^\s*{_KEYWORD}\s*(?::\s*|\s[-–—]\s+)", re.IGNORECASE),
    # "1.2.3 ", "2.2.5a ", "1. ", "2) ", "(a) ", "(iv) "
    re.compile(
        r"^\s*\(?(?:\d+(?:\.\d+)+[a-z]?\.?|\d+[a-z]?[.):]|[a-z]\)|[ivx]+\))\s+"
        r"(?!(?:million|billion|thousand|per\b|percent|%))(?=\S)",
        re.IGNORECASE,
    ),
)


# The first words a label may start with (_KEYWORD's), to skip the label expressions quickly.
_LABEL_FIRST_WORDS = (
    "strategic",
    "key",
    "cyp",
    "corporate",
    "local",
    "priorit",
    "pillar",
    "theme",
    "aim",
    "objective",
    "commitment",
    "milestone",
    "strand",
    "workstream",
    "target",
    "benefit",
    "action",
    "outcome",
    "goal",
)
_LEADING_LETTERS = re.compile(r"\s*([A-Za-z]+)")


def _may_start_with_label(text: str) -> bool:
    """False when no expression of _LABEL_RES can match (most titles start with a plain word)."""
    m = _LEADING_LETTERS.match(text)
    if m is None:
        return True  # a number, "(a)", or not ASCII: ask the expressions
    # (a prefix: "Priority1", even "Aimone" reads as a keyword and a number)
    return m.group(1).lower().startswith(_LABEL_FIRST_WORDS) or text[m.end() : m.end() + 1] == ")"


def _strip_labels(text: str) -> str:
    for _ in range(4):
        if not _may_start_with_label(text):
            break
        before = text
        for rx in _LABEL_RES:
            m = rx.match(text)
            if m and text[m.end() :].strip() and re.search(r"[^\W\d_]", text[m.end() :]):
                if (
                    rx is _LABEL_RES[0]
                    and re.match(r"(?i)\s*targets?\b", text)
                    and not re.search(r"[:.)\-–—]\s*$", m.group())
                ):
                    continue  # "Target 100 schools" is a sentence, not a label
                text = text[m.end() :]
                break
        if text == before:
            break
    return text


# ---------------------------------------------------------------------------------------------
# Tokens

_TOKEN_RE = re.compile(
    r"\d+(?:[.,]\d+)*%?(?:\s*-\s*\d+(?:[.,]\d+)*%?)?"  # numbers, ranges "14 - 19"
    r"|[^\W\d_](?:[\w']|-(?=\w))*"  # words, with hyphens and apostrophes inside
    r"|\d\w*"
    r"|&"
    r"|[,;:.()!?/\-\[\]]"  # clause punctuation
)
_PUNCT = frozenset(",;:.()!?/-[]")

_IRREGULAR = {
    "children": "child",
    "childrens": "child",
    "people": "person",
    "peoples": "person",
    "women": "woman",
    "men": "man",
    "lives": "life",
    "wives": "wife",
    "selves": "self",
    "feet": "foot",
    "teeth": "tooth",
    "mice": "mouse",
    "geese": "goose",
    "data": "data",
    "criteria": "criterion",
    "analyses": "analysis",
    "crises": "crisis",
    "indices": "index",
    "media": "media",
    "staff": "staff",
    "news": "news",
    "series": "series",
    "species": "species",
    "means": "means",
    "always": "always",
    "across": "across",
    "perhaps": "perhaps",
    "whereas": "whereas",
    "towards": "towards",
    "afterwards": "afterwards",
    "his": "his",
    "was": "was",
    "has": "has",
    "does": "does",
    "is": "is",
    "this": "this",
    "thus": "thus",
    "yes": "yes",
    "plus": "plus",
    "us": "us",
    "as": "as",
    "less": "less",
    "unless": "unless",
}

_JOIN_ALWAYS = frozenset({"anti", "non", "co", "multi", "inter", "semi", "self", "sub", "pre"})
_JOIN_BEFORE_DIGIT = frozenset({"post", "pre", "under", "over"})
_JOIN_PAIRS = frozenset(
    {
        ("well", "being"),
        ("child", "care"),
        ("decision", "making"),
        ("take", "up"),
        ("work", "based"),
        ("evidence", "based"),
        ("needs", "led"),
        ("fixed", "term"),
        ("long", "term"),
        ("short", "term"),
        ("part", "time"),
        ("full", "time"),
        ("term", "time"),
        ("sure", "start"),
        ("health", "care"),
        ("life", "long"),
        ("cross", "cutting"),
        ("school", "based"),
        ("home", "based"),
        ("community", "based"),
        ("e", "safety"),
    }
)
_JOIN_FIRST = frozenset(
    {a for a, _b in _JOIN_PAIRS} | _JOIN_ALWAYS | _JOIN_BEFORE_DIGIT | {"under"}
)
_UNDER_STEMS = ("achiev", "perform", "represent", "privileged", "attend")
_NEGATORS = frozenset(
    {"not", "no", "non", "never", "without", "neet", "neets", "nor", "none", "cannot"}
)


class _Tok(NamedTuple):  # (a tuple: made for every word of every title and variant)
    norm: str  # normalised (stemmed) word, "" for punctuation (so ``if t.norm``: a word)
    surface: str  # as written
    clause: int
    function: bool
    negation: bool
    acronym: str  # capital letters when written as an acronym ("LDD"), else ""


def _singular(word: str) -> str:
    known = _SINGULARS.get(word)
    if known is None:
        known = _singular_of(word)
        if len(_SINGULARS) < 100_000:  # a plan's vocabulary is small; bound it anyway
            _SINGULARS[word] = known
    return known


_SINGULARS: dict[str, str] = {}


def _singular_of(word: str) -> str:
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("sses"):
        return word[:-2]
    if word.endswith(("ches", "shes", "xes", "zzes")):
        return word[:-2]
    if word.endswith(("ss", "us", "is", "ous", "ics")):
        return word
    if word.endswith("s"):
        return word[:-1]
    return word


def _inflection_stem(word: str) -> str:
    """A verb's stem for comparison: ``building``, ``builds`` and ``build`` are one word."""
    w = word
    if len(w) > 5 and w.endswith("ing"):
        w = w[:-3]
    elif len(w) > 4 and w.endswith("ed"):
        w = w[:-2]
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "sl":
        w = w[:-1]
    return w.rstrip("e") if len(w) > 3 else w


def _raw_form(surface: str) -> str:
    w = surface.casefold()
    if "'" not in w and "’" not in w and "-" not in w:
        return w
    if w.endswith(("'s", "’s")):
        w = w[:-2]
    w = w.replace("’", "'").rstrip("'")
    w = w.replace("'", "").replace("-", "")
    return w


def _acronym_letters(surface: str) -> str:
    if len(surface) < 2 or surface[1:].islower():  # at most a capital initial: the common case
        return ""
    letters = [ch for ch in surface if ch.isalpha()]
    upper = [ch for ch in letters if ch.isupper()]
    if len(upper) >= 2 and len(upper) * 2 >= len(letters) + (1 if surface.endswith("s") else 0):
        return "".join(upper)
    return ""


def _tokens(text: str) -> list[_Tok]:
    return list(_tokens_of(text))


@lru_cache(maxsize=1 << 14)
def _tokens_of(text: str) -> tuple[_Tok, ...]:
    # Cached: OG601 and OG602 read every title and variant, OG109 every title.
    out: list[_Tok] = []
    clause = 0
    for raw, surface, neg in _pieces(text):
        if not raw:
            clause += 1
            out.append(_Tok("", surface, clause, False, False, ""))
            continue
        if not raw.isalnum() and not any(ch.isalnum() for ch in raw):
            continue
        function = raw in FUNCTION_WORDS
        norm = raw if function else _singular(raw)
        out.append(_Tok(norm, surface, clause, function, neg, _acronym_letters(surface)))
    return tuple(out)


_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'})
_DASHES = re.compile(r"[‐‑‒–—―−]")
_SPACES = re.compile(r"\s+")


def _split_words(text: str) -> list[tuple[str, str]]:
    """The words of a text as (raw form, surface); "" for punctuation. Compounds not joined."""
    if text.isascii():  # (NFKC, curly quotes and dashes change nothing in ASCII)
        s = text
    else:
        s = _DASHES.sub("-", unicodedata.normalize("NFKC", text).translate(_QUOTES))
    s = _strip_labels(s)
    pieces: list[tuple[str, str]] = []  # (raw, surface); raw "" for punctuation
    append = pieces.append
    for surface in _TOKEN_RE.findall(s):
        first = surface[0]
        if first.isalpha():  # a word: the common case first
            raw = surface.casefold()
            append((_raw_form(surface) if "'" in raw or "’" in raw or "-" in raw else raw, surface))
        elif surface in _PUNCT:
            append(("", surface))
        elif first == "&":
            append(("and", surface))
        elif first.isdigit():
            append((_SPACES.sub("", surface).replace(",", ""), surface))
        else:
            append((_raw_form(surface), surface))
    return pieces


def _pieces(text: str) -> list[tuple[str, str, bool]]:
    """The words of a text as (raw form, surface, negation), compounds joined; "" for
    punctuation."""
    return _join_compounds(_split_words(text))


def _join_compounds(pieces: list[tuple[str, str]]) -> list[tuple[str, str, bool]]:
    """Join compounds written apart (``well being``, ``post 16``); mark negations."""
    joined: list[tuple[str, str, bool]] = []  # (raw, surface, negation)
    i = 0
    n = len(pieces)
    while i < n:
        raw, surface = pieces[i]
        neg = raw in _NEGATORS
        if raw in _JOIN_FIRST and i + 1 < n and pieces[i + 1][0]:
            nraw, nsurface = pieces[i + 1]
            join = (
                (raw, nraw) in _JOIN_PAIRS
                or (raw in _JOIN_ALWAYS and nraw not in FUNCTION_WORDS and nraw.isalpha())
                or (raw in _JOIN_BEFORE_DIGIT and nraw[:1].isdigit())
                or (raw == "under" and nraw.startswith(_UNDER_STEMS))
            )
            if join:
                joined.append((raw + nraw, f"{surface} {nsurface}", neg or nraw in _NEGATORS))
                i += 2
                continue
        joined.append((raw, surface, neg))
        i += 1
    return joined


def normalise_words(text: str) -> list[str]:
    """Return the words of a wording, normalised for comparison.

    Lower case; punctuation dropped; ``&`` is ``and``; possessives dropped; compound spellings
    joined (``well-being``, ``well being`` and ``wellbeing`` are ``wellbeing``; ``post-16`` and
    ``post 16`` are ``post16``); leading labels removed (``Priority One:``, ``Aim 2 -``,
    ``1.2.3``, ``Objective:``, ``Pillar 1:``); plurals made singular (``children`` is ``child``).
    Function words are kept (see :func:`title_key`).

    Parameters
    ----------
    text : str
        A title or variant.

    Returns
    -------
    list of str
        The normalised words, in order.

    Examples
    --------
    >>> normalise_words("Priority One: Children's Well-being & Safety")
    ['child', 'wellbeing', 'and', 'safety']
    >>> normalise_words("Aim 2 - Improve post 16 outcomes")
    ['improve', 'post16', 'outcome']
    """
    return [t.norm for t in _tokens(text) if t.norm]


_PLAIN_WORDS = re.compile(r"[A-Za-z]+(?: [A-Za-z]+)*")


# A drafting note left where a title was to be written: a topic of a word or two and "comment"
# ("Chlamydia comment", "YOIS comment re"), or "... to follow" ("Text to follow").
_DRAFTING_NOTE = re.compile(
    r"^\s*(?:(?!(?:and|or|&)\s)[^\W\d_][\w'’./-]*\s+){0,2}"
    r"comment(?:\s+(?:re|on|about|regarding|to\s+follow|to\s+come))?\W*$"
    r"|^\s*(?:[^\W\d_][\w'’./-]*\s+){0,3}to\s+(?:follow|come)\W*$",
    re.IGNORECASE,
)


def is_placeholder_title(text: str) -> bool:
    """Whether a title stands in for one not written yet: a placeholder (``TBC``, ``N/A``, ``-``:
    :func:`~outcome_graph.analysis.owners.is_placeholder`) or a drafting note (``Chlamydia
    comment``, ``YOIS comment re``, ``Text to follow``). A title that only mentions such words
    (``Satisfaction (baseline TBC)``, ``Complaints and comments``) is a title.

    >>> [is_placeholder_title(t) for t in ("TBC", "YOIS comment re", "Complaints and comments")]
    [True, True, False]
    """
    from .owners import is_placeholder

    return is_placeholder(text) or _DRAFTING_NOTE.match(text) is not None


@lru_cache(maxsize=1 << 16)  # plans repeat generic milestone titles ("Report to the board")
def title_key(text: str) -> str:
    """Return the key two titles are compared by for duplicates (OG109).

    The distinct content words of the title as OG601 compares them, sorted: normalised
    (:func:`normalise_words`), without :data:`FUNCTION_WORDS`, without a framing opening (``We
    will``, ``Ensure``, ``Deliver``, and after ``Ensure`` the copula of its clause) and each
    reduced to its stem (``building`` and ``build`` are one word). So word order, repetition and
    everything OG601 treats as noise in a title do not matter. (OG601's one comparison of a pair
    that a key cannot make, an acronym on one side for the words it stands for on the other, is
    left to OG601.) A title that is nothing but a framing word (``Deliver``) keeps it.

    Parameters
    ----------
    text : str
        A node title.

    Returns
    -------
    str
        The words joined by single spaces (empty for a title with no content word).

    Examples
    --------
    >>> title_key("Improve the emotional health of children")
    'child emotional health improv'
    >>> title_key("Reduce levels of permanent and fixed term exclusions") == title_key(
    ...     "Reduce levels of fixed-term exclusions")
    False
    >>> title_key("Promote families' economic well being") == title_key(
    ...     "Promote the economic well-being of families")
    True
    >>> title_key("Ensure business processes are effective & efficient") == title_key(
    ...     "Deliver effective and efficient business processes")
    True
    """
    # The words of _tokens(text) that are not function words, without building the tokens
    # (OG109 keys every title of the plan); the tokens only for a title that holds a framing word.
    if _PLAIN_WORDS.fullmatch(text):
        # Most titles: ASCII letters and single spaces, no label (_may_start_with_label's test,
        # which for such a title is on its first word). Their pieces are their words, lower
        # case (as _split_words would find them), with compounds still to join.
        raws = text.lower().split()
        if not raws[0].startswith(_LABEL_FIRST_WORDS):
            if not _JOIN_FIRST.isdisjoint(raws):
                raws = [
                    raw for raw, _surface, _neg in _join_compounds([(raw, raw) for raw in raws])
                ]
            first = ""
            for raw in raws:
                if raw not in FUNCTION_WORDS:
                    first = raw
                    break
            if not first:
                return ""
            # A framing opening (see _framing) needs a framing subject, or a framing verb as the
            # first word that is not a function word; otherwise each word's key (its singular's
            # stem), looked up once per word without a call (a call per word costs more than it).
            if (
                _FRAMING_SUBJECTS.isdisjoint(raws)
                and (_SINGULARS.get(first) or _singular(first)) not in _FRAMING_VERBS
            ):
                keyed = _KEY_WORDS
                return " ".join(
                    sorted(
                        {
                            keyed.get(raw) or _key_word(raw)
                            for raw in raws
                            if raw not in FUNCTION_WORDS
                        }
                    )
                )
    pieces = _split_words(text)
    raws = [raw for raw, _surface in pieces]
    if not _JOIN_FIRST.isdisjoint(raws):
        raws = [raw for raw, _surface, _neg in _join_compounds(pieces)]
    words = {
        _singular(raw)
        for raw in raws
        if raw and raw not in FUNCTION_WORDS and (raw.isalnum() or any(ch.isalnum() for ch in raw))
    }
    if not _FRAMING_WORDS.isdisjoint(words):  # (a framing opening needs one of these words)
        tokens = _tokens(text)
        framing = _framing(tokens)
        if framing:
            kept = {
                t.norm
                for i, t in enumerate(tokens)
                if t.norm and not t.function and i not in framing
            }
            words = kept or words
    stems = _STEMS
    return " ".join(sorted({stems.get(w) or _stem(w) for w in words}))


def _key_word(raw: str) -> str:
    """A word's part of a title key (its singular's stem), remembered."""
    key = _stem(_SINGULARS.get(raw) or _singular(raw))
    if len(_KEY_WORDS) < 100_000:  # (as _SINGULARS)
        _KEY_WORDS[raw] = key
    return key


_KEY_WORDS: dict[str, str] = {}


def _stem(word: str) -> str:
    """A word's stem as OG601 compares endings (:func:`_inflection_stem`), remembered."""
    stem = _inflection_stem(word)
    if len(_STEMS) < 100_000:  # (as _SINGULARS)
        _STEMS[word] = stem
    return stem


_STEMS: dict[str, str] = {}


# ---------------------------------------------------------------------------------------------
# Differences


@dataclass(frozen=True)
class WordingDiff:
    """What a variant says beyond its title, and what it leaves out.

    Parameters
    ----------
    added : tuple of str
        Content words in the variant and not in the title (spelt as in the variant).
    dropped : tuple of str
        Content words in the title and not in the variant (spelt as in the title).
    """

    added: tuple[str, ...]
    dropped: tuple[str, ...]

    @property
    def material(self) -> bool:
        """True when anything beyond noise was added or dropped."""
        return bool(self.added or self.dropped)


def _merge_compounds(tokens: list[_Tok], other: set[str]) -> list[_Tok]:
    """Join two or three adjacent words whose joined form is one word on the other side."""
    own = {t.norm for t in tokens if t.norm}
    out: list[_Tok] = []
    i = 0
    while i < len(tokens):
        for span in (3, 2):
            run = tokens[i : i + span]
            if len(run) == span and all(t.norm for t in run) and not run[0].function:
                norm = "".join(t.norm for t in run)
                alt = "".join(_raw_form(t.surface) for t in run)
                hit = norm if norm in other else (_singular(alt) if _singular(alt) in other else "")
                if hit and hit not in own:
                    out.append(
                        _Tok(
                            hit,
                            " ".join(t.surface for t in run),
                            run[0].clause,
                            False,
                            any(t.negation for t in run),
                            "",
                        )
                    )
                    i += span
                    break
        else:
            out.append(tokens[i])
            i += 1
    return out


def _initials_reach(words: list[_Tok], letters: str) -> bool:
    reach = {0}
    for t in words:
        nxt: set[int] = set()
        first = "A" if t.surface == "&" else t.surface[:1].upper()
        for p in reach:
            if t.function:
                nxt.add(p)
            if p < len(letters) and letters[p] == first:
                nxt.add(p + 1)
        reach = nxt
        if not reach:
            return False
    return len(letters) in reach


#: The most runs of words the acronym search tries in one comparison. A title and its variant
#: hold a few dozen words: their acronyms try a few hundred runs at most. A text made to be slow
#: (thousands of acronyms beside thousands of words, which took minutes) stops there, the acronyms
#: not yet tried taken as not written out.
ACRONYM_RUNS = 50_000


def _expanded_acronyms(short: list[_Tok], long: list[_Tok]) -> tuple[set[str], set[str]]:
    """Acronyms in ``short`` that abbreviate a run of words in ``long``.

    Returns the acronyms' norms and the norms of the words they stand for. Each acronym is
    looked for once, and only from the words its first letter starts (a run's first word is
    never a function word, so its initial is the acronym's first letter).
    """
    acronyms: set[str] = set()
    covered: set[str] = set()
    if not any(t.acronym for t in short):  # (most wordings: nothing to look for)
        return acronyms, covered
    long_norms = {t.norm for t in long if t.norm}
    todo = dict.fromkeys(
        (t.norm, t.acronym) for t in short if 2 <= len(t.acronym) <= 8 and t.norm not in long_norms
    )
    if not todo:
        return acronyms, covered
    words = [t for t in long if t.norm]
    starts: dict[str, list[int]] = {}
    for i, w in enumerate(words):
        if not w.function:
            starts.setdefault("A" if w.surface == "&" else w.surface[:1].upper(), []).append(i)
    budget = ACRONYM_RUNS
    for norm, acronym in todo:
        n = len(acronym)
        for i in starts.get(acronym[0], ()):
            first = words[i]
            for j in range(i + 1, min(len(words), i + 2 * n + 2)):
                budget -= 1
                if budget < 0:
                    return acronyms, covered
                run = words[i : j + 1]
                if run[-1].function or any(x.clause != first.clause for x in run):
                    continue
                if _initials_reach(run, acronym):
                    acronyms.add(norm)
                    covered.update(x.norm for x in run if not x.function)
    return acronyms, covered


# A wording's opening that frames what follows as something to do, and says nothing of what:
# "We will", "Ensure", "Deliver" ("To" is a function word). After "ensure", the copula of its
# clause goes with it ("Ensure business processes are effective" / "Deliver effective business
# processes").
_FRAMING_SUBJECTS = frozenset({"we", "will", "shall", "we'll"})
_FRAMING_VERBS = frozenset({"ensure", "deliver"})
_COPULAS = frozenset({"is", "are", "be"})
_FRAMING_WORDS = _FRAMING_SUBJECTS | _FRAMING_VERBS


def _framing(tokens: list[_Tok]) -> set[int]:
    """The positions of a wording's framing words: a leading ``we will`` and framing verb
    (``ensure``, ``deliver``), and after ``ensure`` the copula of its clause. Only at the start
    (after function words): ``Commission or deliver services`` says who delivers."""
    found: set[int] = set()
    i = 0
    while i < len(tokens) and (tokens[i].function or tokens[i].norm in _FRAMING_SUBJECTS):
        if tokens[i].norm in _FRAMING_SUBJECTS:
            found.add(i)
        i += 1
    if i >= len(tokens) or tokens[i].norm not in _FRAMING_VERBS:
        return found if i < len(tokens) and tokens[i].norm else set()
    found.add(i)
    if tokens[i].norm == "ensure":
        clause = tokens[i].clause
        found.update(
            j
            for j in range(i + 1, len(tokens))
            if tokens[j].clause == clause and tokens[j].norm in _COPULAS
        )
    return found


def _same_words(a: str, b: str) -> bool:
    """Whether two ASCII texts differ only in case and spacing (most variants of a title): their
    tokens are then the same, and there is nothing to compare."""
    return a.isascii() and b.isascii() and a.lower().split() == b.lower().split()


def wording_diff(title: str, variant: str) -> WordingDiff:
    """Compare a variant wording with the title it restates (OG601).

    Case, punctuation, ``&``/``and``, compound spellings, function words, word order,
    leading labels, plural/singular and acronyms written out on the other side are ignored.

    Parameters
    ----------
    title : str
        The node's title.
    variant : str
        The same item as worded elsewhere.

    Returns
    -------
    WordingDiff
        The content words added and dropped, each once, in order of appearance.

    Examples
    --------
    >>> wording_diff("Promote the attainment and achievement of underachieving children",
    ...              "Promote the attainment and achievement of under-achieving children")
    WordingDiff(added=(), dropped=())
    >>> d = wording_diff("Reduce levels of fixed term exclusions",
    ...                  "Reduce levels of permanent and fixed term exclusions")
    >>> d.added, d.material
    (('permanent',), True)
    """
    if _same_words(title, variant):
        return WordingDiff((), ())
    t_toks = _tokens(title)
    v_toks = _tokens(variant)
    if {t.norm for t in t_toks if t.norm} == {t.norm for t in v_toks if t.norm}:
        return WordingDiff((), ())  # the same words (most variants): nothing to merge or report
    t_toks = _merge_compounds(t_toks, {t.norm for t in v_toks if t.norm})
    v_toks = _merge_compounds(v_toks, {t.norm for t in t_toks if t.norm})
    t_norms = {t.norm for t in t_toks if t.norm}
    v_norms = {t.norm for t in v_toks if t.norm}
    v_acr, t_expanded = _expanded_acronyms(v_toks, t_toks)
    t_acr, v_expanded = _expanded_acronyms(t_toks, v_toks)

    t_stems = {_inflection_stem(n) for n in t_norms}
    v_stems = {_inflection_stem(n) for n in v_norms}

    def collect(tokens: list[_Tok], others: set[str], skip: set[str]) -> tuple[str, ...]:
        seen: set[str] = set()
        out: list[str] = []
        other_stems = v_stems if others is v_norms else t_stems
        framing = _framing(tokens)
        for i, t in enumerate(tokens):
            if (
                not t.norm
                or t.function
                or t.norm in others
                or t.norm in skip
                or t.norm in seen
                or i in framing
            ):
                continue
            if _inflection_stem(t.norm) in other_stems:  # build / building, develop / developed
                continue
            seen.add(t.norm)
            out.append(t.surface)
        return tuple(out)

    added = collect(v_toks, t_norms, v_acr | v_expanded)
    dropped = collect(t_toks, v_norms, t_acr | t_expanded)
    return WordingDiff(added, dropped)


# ---------------------------------------------------------------------------------------------
# Reversals

_POLES: dict[str, tuple[str, int]] = {}
for _axis, _up, _down in (
    (
        "amount",
        "increase increased increases increasing raise raised raises raising rise rises rising "
        "risen rose grow grows growing grew grown growth boost boosted boosting boosts expand "
        "expanded expanding expands expansion extend extended extending extends widen widened "
        "widening widens maximise maximised maximising maximize maximized maximizing more higher "
        "greater gain gains gained gaining above high",
        "reduce reduced reduces reducing reduction decrease decreased decreases decreasing lower "
        "lowered lowering lowers fall falls falling fell fallen decline declined declines "
        "declining cut cuts cutting minimise minimised minimising minimize minimized minimizing "
        "fewer less lose loses losing lost loss narrow narrowed narrowing narrows shrink shrinks "
        "shrinking eliminate eliminated eliminating below low",
    ),
    (
        "quality",
        "improve improved improves improving improvement improvements better good",
        "worsen worsened worsens worsening worse deteriorate deteriorated deteriorates "
        "deteriorating deterioration poor poorer bad",
    ),
    (
        "movement",
        "enter entered entering enters entry join joined joining joins",
        "leave leaves leaving exit exited exiting exits",
    ),
):
    for _w in _up.split():
        _POLES[_w] = (_axis, 1)
    for _w in _down.split():
        _POLES[_w] = (_axis, -1)

# Nouns that say "how much" and are skipped when looking for what a direction word governs.
_QUANTITY = frozenset(
    {
        "number",
        "rate",
        "level",
        "proportion",
        "percentage",
        "percent",
        "per",
        "cent",
        "amount",
        "incidence",
        "takeup",
        "uptake",
        "share",
        "count",
        "total",
        "volume",
        "frequency",
        "prevalence",
        "quantity",
        "figure",
        "ratio",
    }
)


@dataclass(frozen=True)
class Reversal:
    """A direction word of the title replaced by its opposite in a variant (OG602).

    Parameters
    ----------
    title_word : str
        The title's word, as written (``increase``).
    variant_word : str
        The variant's opposite word, as written (``reduce``).
    """

    title_word: str
    variant_word: str


def _pole(t: _Tok) -> tuple[str, int] | None:
    if not t.norm or t.function:
        return None
    surface = t.surface.casefold()
    # "higher-level", "low-income": the direction is the first part
    return _POLES.get(surface) or _POLES.get(surface.split("-", 1)[0])


def _skippable(t: _Tok) -> bool:
    return t.norm in _QUANTITY or t.norm[:1].isdigit() or _pole(t) is not None


#: Direction words that name a change (a movement of what follows them) rather than a level: a
#: direction word before one of these governs the change, so the two signs multiply ("reduce the
#: rise in obesity" aims down, as "increase the fall in obesity" does).
_CHANGES = frozenset(
    "increase increased increases increasing rise rises rising risen rose growth gain gains "
    "gained gaining expansion reduction decrease decreased decreases decreasing fall falls "
    "falling fell fallen decline declined declines declining cut cuts loss improvement "
    "improvements deterioration".split()
)


def _is_change(t: _Tok) -> bool:
    return t.surface.casefold() in _CHANGES


def _chain_sign(toks: list[_Tok], seq: list[int], pos: int) -> int:
    """The direction a word at ``seq[pos]`` gives what follows it, with the words chained to it.

    A chain is a direction word and the change words after it (``reduce the rate of increase``),
    quantity words and figures between them skipped; every word of a chain gets the product of
    their signs. A level word (``high``, ``below``, ``more``) starts a chain of its own."""
    clause = toks[seq[pos]].clause
    start = pos
    while (
        start > 0
        and _is_change(toks[seq[start]])
        and toks[seq[start - 1]].clause == clause
        and _skippable(toks[seq[start - 1]])
    ):
        start -= 1
        while (
            start > 0
            and _pole(toks[seq[start]]) is None
            and toks[seq[start - 1]].clause == clause
            and _skippable(toks[seq[start - 1]])
        ):
            start -= 1  # back over "the number of" to the word that governs the change
    while start < pos and _pole(toks[seq[start]]) is None:
        start += 1
    sign = 1
    q = start
    while q < len(seq) and toks[seq[q]].clause == clause and _skippable(toks[seq[q]]):
        pole = _pole(toks[seq[q]])
        if pole is not None:
            if q > start and not _is_change(toks[seq[q]]):
                break  # a level word after the chain: its own chain
            sign *= pole[1]
        q += 1
    return sign


def _both_ends(toks: list[_Tok], seq: list[int], pos: int, axis: str) -> bool:
    """Whether the word at ``seq[pos]`` is one of a pair naming both ends of its axis before the
    same words (``low and high achievers``): the pair reordered is no reversal."""
    clause = toks[seq[pos]].clause
    signs = set()
    lo = hi = pos
    while lo > 0 and toks[seq[lo - 1]].clause == clause and _skippable(toks[seq[lo - 1]]):
        lo -= 1
    while (
        hi + 1 < len(seq) and toks[seq[hi + 1]].clause == clause and _skippable(toks[seq[hi + 1]])
    ):
        hi += 1
    for q in range(lo, hi + 1):
        pole = _pole(toks[seq[q]])
        if pole is not None and pole[0] == axis and not _is_change(toks[seq[q]]):
            signs.add(pole[1])
    return len(signs) == 2


def _counts_a_population(toks: list[_Tok], seq: list[int], pos: int) -> bool:
    """Whether the direction word at ``seq[pos]`` governs a count (``reduce the number of``,
    ``increase the percentage of``): what follows in its clause says whom it counts."""
    q = pos + 1
    return (
        q < len(seq)
        and toks[seq[q]].clause == toks[seq[pos]].clause
        and toks[seq[q]].norm in _QUANTITY
    )


#: Verbs that set their object's direction against it: "halt the rise in obesity", "prevent an
#: increase in exclusions" and "tackle rising NEET figures" aim down, as "reduce" does.
_STOPPERS = frozenset(
    {
        "halt",
        "halts",
        "halting",
        "stop",
        "stops",
        "stopping",
        "prevent",
        "prevents",
        "preventing",
        "avoid",
        "avoids",
        "avoiding",
        "tackle",
        "tackles",
        "tackling",
        "reverse",
        "reverses",
        "reversing",
        "curb",
        "curbs",
        "curbing",
        "arrest",
        "arresting",
        "stem",
        "stemming",
        "counter",
        "countering",
        "combat",
        "combats",
        "combating",
        "combatting",
        "resist",
        "resisting",
    }
)


def _negations(tokens: list[_Tok], at: int) -> int:
    """Negations from two words before the direction word to the end of its clause, and verbs
    that stop it (:data:`_STOPPERS`) anywhere before it in the clause."""
    clause = tokens[at].clause
    count = 0
    start = max(0, at - 2)
    for t in tokens[:start]:
        if t.clause == clause and t.norm and t.surface.casefold() in _STOPPERS:
            count += 1
    for i in range(start, len(tokens)):
        t = tokens[i]
        if t.clause != clause:
            if t.clause > clause:
                break
            continue
        if t.norm and (t.negation or (i < at and t.surface.casefold() in _STOPPERS)):
            count += 1
    return count


def polarity_reversals(title: str, variant: str) -> list[Reversal]:
    """Find where a variant reverses the direction of its title (OG602).

    A reversal is a direction word of the title (``increase``, ``raise``, ``more``,
    ``higher``, ``above``, ``improve``, ``entering``, ...) aligned, in the variant, with a word
    of the opposite pole (``reduce``, ``lower``, ``fewer``, ``less``, ``below``, ``worsen``,
    ``leaving``, ...), both standing before the same word (skipping ``the number of``, ``the
    rate of``, figures and other direction words), or after the same word when the direction
    word ends its clause. A reversal that also flips a negation in its clause (``not``,
    ``no``, ``NEET``, ...) is a consistent rewording and is not reported.

    Parameters
    ----------
    title : str
        The node's title.
    variant : str
        The same item as worded elsewhere.

    Returns
    -------
    list of Reversal
        Each reversed pair once, in the title's order.

    Examples
    --------
    >>> polarity_reversals(
    ...     "Take steps to increase the number of pupils entering higher education",
    ...     "Take steps to reduce the number of pupils entering higher education")
    [Reversal(title_word='increase', variant_word='reduce')]
    >>> polarity_reversals("Raise attainment", "Reduce gaps in attainment")
    []
    """
    return list(
        _reversals(title, variant)
        or (_negation_flip(title, variant) if _may_flip(title, variant) else ())
    )


def _may_flip(title: str, variant: str) -> bool:
    """Whether a negation may have been added or removed (most wordings hold none, and most
    variants differ from their title in case alone):
    the wordings are not tokenised again to look."""
    return title.casefold() != variant.casefold() and bool(
        _MAY_NEGATE.search(title) or _MAY_NEGATE.search(variant)
    )


#: Words that negate what follows them on their own, and the auxiliaries that come with them ("do
#: not reduce"): a variant that is its title with these added or removed says the opposite.
_PLAIN_NEGATORS = frozenset({"not", "never", "cannot"})
# (most wordings hold none of them: those are not tokenised again to look)
_MAY_NEGATE = re.compile(r"\b(?:not|never|cannot)\b", re.IGNORECASE)
_AUXILIARIES = frozenset({"do", "does", "did"})
# (passed over when naming the negated word: "never be placed" names "placed")
_HELPERS = _AUXILIARIES | frozenset(
    {
        "be",
        "is",
        "are",
        "was",
        "were",
        "been",
        "being",
        "will",
        "would",
        "shall",
        "should",
        "can",
        "could",
        "may",
        "might",
        "must",
        "have",
        "has",
        "had",
    }
)


@lru_cache(maxsize=1 << 12)
def _negation_flip(title: str, variant: str) -> tuple[Reversal, ...]:
    """A variant that is the title with a negation added or removed (``Children are safe`` /
    ``Children are not safe``, ``Reduce exclusions`` / ``Do not reduce exclusions``, ``cannot
    be placed`` / ``can be placed``): the words negated, quoted as written from the negation to
    the first word it negates (``not in education`` / ``in education``). Only when nothing else
    differs but function words."""

    def words(text: str) -> tuple[list[_Tok], int]:
        toks = [t for t in _tokens(text) if t.norm and not t.function]
        # ("cannot" is "can" negated: "cannot be placed"
        # / "can be placed" differ by the negation alone)
        kept = [
            t._replace(norm="can") if t.norm == "cannot" else t
            for t in toks
            if t.norm == "cannot" or (t.norm not in _PLAIN_NEGATORS and t.norm not in _AUXILIARIES)
        ]
        return kept, sum(1 for t in toks if t.norm in _PLAIN_NEGATORS)

    t_kept, t_negs = words(title)
    v_kept, v_negs = words(variant)
    if (t_negs + v_negs) % 2 == 0 or [t.norm for t in t_kept] != [t.norm for t in v_kept]:
        return ()
    toks = [
        t for t in _tokens(variant if v_negs else title) if t.norm
    ]  # (function words too: quoted)
    at = next(i for i, t in enumerate(toks) if t.norm in _PLAIN_NEGATORS)
    after = next(
        (
            i
            for i in range(at + 1, len(toks))
            if not toks[i].function
            and toks[i].norm not in _PLAIN_NEGATORS
            and toks[i].norm not in _HELPERS
        ),
        None,
    )
    if after is None:
        return ()
    negated = " ".join(t.surface for t in toks[at : after + 1])
    plain = " ".join(
        (["can"] if toks[at].norm == "cannot" else [])
        + [t.surface for t in toks[at + 1 : after + 1]]
    )
    return (Reversal(plain, negated),) if v_negs else (Reversal(negated, plain),)


@lru_cache(maxsize=1 << 16)  # OG601 and OG602 both ask, for every variant of the plan
def _reversals(title: str, variant: str) -> tuple[Reversal, ...]:
    if _same_words(title, variant):
        return ()
    t_toks = _tokens(title)
    v_toks = _tokens(variant)
    t_poles = {pole for t in t_toks if (pole := _pole(t)) is not None}
    v_poles = {pole for t in v_toks if (pole := _pole(t)) is not None} if t_poles else set()
    if not any(tp[0] == vp[0] and tp[1] != vp[1] for tp in t_poles for vp in v_poles):
        return ()  # no direction word of the title has its opposite in the variant
    if [(t.norm, t.negation) for t in t_toks if t.norm] == [
        (t.norm, t.negation) for t in v_toks if t.norm
    ]:
        return ()  # the same words in the same order cannot reverse anything
    t_idx = [i for i, t in enumerate(t_toks) if t.norm and not t.function]
    v_idx = [i for i, t in enumerate(v_toks) if t.norm and not t.function]

    def symbol(t: _Tok) -> str:
        pole = _pole(t)
        return f"\x00{pole[0]}" if pole else t.norm

    t_sym = [symbol(t_toks[i]) for i in t_idx]
    v_sym = [symbol(v_toks[i]) for i in v_idx]
    aligned: dict[int, int] = {}
    matcher = SequenceMatcher(None, t_sym, v_sym, autojunk=False)
    for a, b, size in matcher.get_matching_blocks():
        for k in range(size):
            aligned[a + k] = b + k

    def neighbour(seq: list[int], toks: list[_Tok], pos: int, step: int) -> int | None:
        """The nearest content word in the clause, in direction ``step``, that is not a
        quantity word, a figure or a direction word."""
        clause = toks[seq[pos]].clause
        q = pos + step
        while 0 <= q < len(seq) and toks[seq[q]].clause == clause:
            if not _skippable(toks[seq[q]]):
                return q
            q += step
        return None

    def same_neighbour(i: int, j: int) -> bool:
        for step in (1, -1):
            ti = neighbour(t_idx, t_toks, i, step)
            if ti is None:
                continue
            vj = neighbour(v_idx, v_toks, j, step)
            return vj is not None and aligned.get(ti) == vj
        return True  # a direction word standing alone: the alignment is the evidence

    candidates: list[tuple[int, int]] = []
    for i, j in sorted(aligned.items()):
        tp = _pole(t_toks[t_idx[i]])
        vp = _pole(v_toks[v_idx[j]])
        if tp is None or vp is None or tp[0] != vp[0] or tp[1] == vp[1]:
            continue
        if not same_neighbour(i, j):
            continue
        if _both_ends(t_toks, t_idx, i, tp[0]) and _both_ends(v_toks, v_idx, j, tp[0]):
            continue  # "low and high achievers" / "high and low achievers"
        candidates.append((i, j))

    def flips(i: int, j: int) -> int:
        """How many times the title's word at ``i`` is turned round in the variant: the chain's
        sign, the negations in its clause and, for a count, a level word reversed in whom it
        counts ("reduce the number of schools below the floor" / "increase the number of schools
        above the floor" count the complement the other way: no reversal)."""
        n = _negations(t_toks, t_idx[i]) + _negations(v_toks, v_idx[j])
        n += _chain_sign(t_toks, t_idx, i) != _chain_sign(v_toks, v_idx, j)
        clause = t_toks[t_idx[i]].clause
        if counts[(i, j)]:
            n += sum(
                1
                for a, b in candidates
                if a > i and t_toks[t_idx[a]].clause == clause and levels[(a, b)]
            )
        if levels[(i, j)]:
            n += sum(
                1
                for a, b in candidates
                if a < i and t_toks[t_idx[a]].clause == clause and counts[(a, b)]
            )
        return n

    counts = {
        (i, j): _counts_a_population(t_toks, t_idx, i) and _counts_a_population(v_toks, v_idx, j)
        for i, j in candidates
    }
    levels = {
        (i, j): not _is_change(t_toks[t_idx[i]])
        and not _is_change(v_toks[v_idx[j]])
        and not counts[(i, j)]
        for i, j in candidates
    }

    found: list[Reversal] = []
    for i, j in candidates:
        if flips(i, j) % 2 == 0:
            continue
        rev = Reversal(t_toks[t_idx[i]].surface, v_toks[v_idx[j]].surface)
        if rev not in found:
            found.append(rev)
    return tuple(found)
