"""Titles: the words a bare title is made of (``Group Manager``, ``S L``, ``Head of Service``),
the words that start an owner's name and those that end a role's or a body's, the letters a title
gives an acronym, and titles in the plural (:func:`names_several`).
"""

from __future__ import annotations

from collections.abc import Sequence

from .acronyms import _TOKEN_RE, _is_paren, _paren_acronym

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


def _is_title_only(tokens: Sequence[str]) -> bool:
    words = [t.casefold() for t in tokens if not (_is_paren(t) and _paren_acronym(t))]
    if not words:
        return False
    return all(w in _TITLE_WORDS for w in words) and any(w in _TITLE_CORE for w in words)


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

    >>> (names_several("SMs CiC & Placements"), names_several("CATO managers"),
    ...  names_several("SM QA"))
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
