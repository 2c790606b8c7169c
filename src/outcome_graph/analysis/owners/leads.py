"""Cutting a lead into the owners it names: its fragments joined back into owner names
(:func:`split_lead`, by the rules of the package's docstring), and whether a lead reads as one
name (:func:`reads_as_one_name`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .acronyms import (
    _TOKEN_RE,
    _acronym_span,
    _expands,
    _is_acronym_token,
    _is_paren,
    _paren_acronym,
)
from .fragments import _SEP_RE, _clean, _Frag, _raw_fragments, too_many_parts
from .keys import is_vague_lead
from .support import lead_part
from .titles import (
    _ROLE_NOUNS,
    _START_PAIRS,
    _START_WORDS,
    _SUFFIX_WORDS,
    _TITLE_WORDS,
    _is_title_only,
)


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
