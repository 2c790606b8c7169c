"""Resolving leads (:class:`OwnerIndex`): each lead matched against the declared owners
(:class:`OwnerSpec`), cut into parts where it names several, and the parts that match none kept
as implicit owners (:class:`ResolvedLead`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .acronyms import _TOKEN_RE, _acronym_span, _expands, _is_acronym_token, _paren_acronym
from .fragments import _HARD_SEPS, _clean, _raw_fragments
from .keys import _PLACEHOLDER_KEYS, is_placeholder_lead, is_vague_lead, loose_key, owner_key
from .leads import _split, reads_as_one_name
from .support import lead_part


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
