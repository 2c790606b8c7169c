"""Owners that are evidently one owner written two ways (OG305, :func:`find_alias_splits`): the
keys of every owner's written forms in one index, the pairs of forms of two owners that share a
key, and how strongly each pair says so.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from .acronyms import _ACR_FUNCTION
from .forms import (
    _HAS_PART_SEP,
    _acronym_signatures,
    _after_label,
    _canon,
    _coordinated_parts,
    _expansion_signatures,
    _parse_owner,
    _Sig,
    _suffixes,
    _without_acronyms,
)
from .fragments import _STRIP_CHARS, _acronyms_in_place
from .keys import _SMALL_WORDS, _STEMS, _WORDS, _loose_difference, _singular_of, _stem, owner_key


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


_Entry = tuple[str, str, str]  # (owner id, form, kind of key)
# Kinds: K key, P singular/plural key, W loose key, B base (title and name), L base after a
# label, O the words of a name that lists parts, A abbreviation, E explicit acronym, X expansion;
# and, made for a pair: H a name with others ("... with Inclusion Team", a lead not cut), T a name
# followed by its body's acronym.


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
