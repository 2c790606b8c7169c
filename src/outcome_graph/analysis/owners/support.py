"""Those a lead says support it (``Head of Learning with partners``, ``SILS supported by EYFC``):
:func:`lead_part` takes them off, leaving the part of the lead that leads.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import islice

from .acronyms import _TOKEN_RE, _acronym_span, _is_acronym_token, _is_paren, _paren_acronym
from .fragments import MAX_LEAD_SEPARATORS, _clean, _raw_fragments
from .keys import _VAGUE_NOUNS
from .titles import _ROLE_NOUNS, _START_PAIRS, _START_WORDS, _TITLE_WORDS, _is_title_only

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
