"""One role written two ways (OG304's suggestions): the keys a role is known by, whatever the
order of its title and department and whether the department is written out or as its acronym
(:func:`role_forms`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .acronyms import (
    _ACR_FUNCTION,
    _TOKEN_RE,
    _initial_variants,
    _is_acronym_token,
    _is_paren,
    _letters_of,
    _paren_acronym,
)
from .keys import owner_key
from .titles import _ROLE_NOUNS, _TITLE_CORE, _TITLE_WORDS, _is_title_only

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
    # the longest title at the start: 'Head of' in 'Head of Youth Service', 'Senior Manager' in
    # 'Senior Manager YOS'
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
