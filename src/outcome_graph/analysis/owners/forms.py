"""One owner's written form as OG305 reads it: its title, name, acronym and suffix
(:func:`_parse_owner`), the signatures of its acronyms and of the runs of words that may spell
one, the parts it lists, and a name written after a label (:func:`is_labelled`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import islice
from typing import NamedTuple

from .acronyms import (
    _ACR_FUNCTION,
    _TOKEN_RE,
    _acronym_span,
    _is_acronym_token,
    _is_paren,
    _letters_of,
    _paren_acronym,
)
from .fragments import _STRIP_CHARS
from .keys import _DROP_ASCII_NOT_ALNUM, owner_key
from .titles import _SUFFIX_WORDS, _TITLE_PHRASES_BY_FIRST, _TITLE_WORDS


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

    >>> (is_labelled("Reporting Progress: Director of Public Health"),
    ...  is_labelled("Director, Public Health"))
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
