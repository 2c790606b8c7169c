"""Owner keys: how two lead texts are compared (:func:`owner_key`, :func:`loose_key`, the key of
words made singular), and the leads that name nobody: those that say nobody leads yet (``TBC``,
``N/A``: :func:`is_placeholder_lead`) and partners in general (:func:`is_vague_lead`).
"""

from __future__ import annotations

import re
import unicodedata

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

    >>> (is_placeholder_lead("TBC"), is_placeholder_lead("to be agreed."),
    ...  is_placeholder_lead("SILS"))
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

    >>> (is_vague_lead("all agencies"), is_vague_lead("Partner Agencies"),
    ...  is_vague_lead("Youth Partnership"))
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
