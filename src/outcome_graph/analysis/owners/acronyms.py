"""Tokens and acronyms: the words a lead is read in, which of them are acronyms (``SILS``,
``(HCATO)``), and whether a run of words abbreviates to given letters (``Drug and Alcohol Action
Team`` to ``DAAT``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_TOKEN_RE = re.compile(r"\([^()]*\)|[^\W_](?:[\w'’\-&]*[^\W_])?|&")


# Words that may be left out of an acronym, or give it their first letter ("&"/"and" give A).
_ACR_FUNCTION = frozenset({"of", "and", "&", "the", "for", "in", "to", "on", "at", "with", "a"})


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
