"""'Did you mean ...?' for misspelt field names and values."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = ["nearest", "unknown_outcome", "unknown_framework", "duplicate_id"]

# Words plans use for the format's levels and fields.
_SYNONYMS = {
    "pillars": "priorities",
    "themes": "priorities",
    "commitments": "aims",
    "strategic_objectives": "aims",
    "targets": "objectives",
    "benefits": "objectives",
    "actions": "milestones",
    "key_milestones": "milestones",
    "strategic_actions": "milestones",
    "owner": "lead",
    "lead_person": "lead",
    "by_when": "timescale",
    "by_whom": "lead",
    "deadline": "due",
    "measures": "indicators",
    "kpis": "indicators",
    "description": "notes",
    "comments": "notes",
    "name": "title",
}


def nearest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate a misspelt ``word`` most likely meant, or ``None``.

    >>> nearest("milestons", ["milestones", "objectives", "lead"])
    'milestones'
    >>> nearest("pillars", ["priorities", "aims"])
    'priorities'
    >>> nearest("zzz", ["priorities", "aims"]) is None
    True
    >>> nearest("OG3O1", ["OG301", "OG302"]), nearest("max_milestone", ["max-milestones"])
    ('OG301', 'max-milestones')
    """
    # (compared as keys, case, spaces and hyphens aside; answered as the candidate is written)
    options: dict[str, str] = {}
    for candidate in candidates:
        options.setdefault(_key(candidate), candidate)
    key = _key(word)
    if key in options:
        return options[key]
    synonym = _SYNONYMS.get(key)
    if synonym is not None and synonym in options:
        return options[synonym]
    match = difflib.get_close_matches(key, list(options), n=1, cutoff=0.6)
    return options[match[0]] if match else None


def _key(word: str) -> str:
    return word.strip().lower().replace(" ", "_").replace("-", "_")


def unknown_outcome(
    node_id: object, outcome: str, valid: tuple[str, ...] | list[str], framework: str
) -> str:
    """The message for an outcome that is not one of the framework's, with the nearest one.

    >>> unknown_outcome("O1", "be_heathy", ["be_healthy", "stay_safe"], "ecm")
    "O1: unknown outcome 'be_heathy': did you mean 'be_healthy'?"
    """
    guess = nearest(outcome, valid)
    hint = (
        f": did you mean {guess!r}?"
        if guess
        else f"; the {framework} outcomes are {', '.join(valid)}"
    )
    return f"{node_id}: unknown outcome {outcome!r}{hint}"


def unknown_framework(framework: str, known: Iterable[str]) -> str:
    """The message for a framework that is not one of the known ones, with the nearest one.

    >>> unknown_framework("ecn", ["ecm"])
    "unknown framework 'ecn': did you mean 'ecm'?"
    """
    names = list(known)
    guess = nearest(framework, names)
    return f"unknown framework {framework!r}" + (
        f": did you mean {guess!r}?" if guess else f"; known: {', '.join(names)}"
    )


def duplicate_id(node_id: str, first_at: str) -> str:
    """The message for an id used twice; ``first_at`` says where it was first used.

    >>> duplicate_id("O1", "line 12")
    "duplicate id 'O1' (first used on line 12); ids must be unique across the plan"
    >>> duplicate_id("O1", "objectives!A3")
    "duplicate id 'O1' (first used at objectives!A3); ids must be unique across the plan"
    """
    where = f"on {first_at}" if first_at.startswith("line ") else f"at {first_at}"
    return f"duplicate id {node_id!r} (first used {where}); ids must be unique across the plan"


def duplicate_code(node_id: str, first_id: str, first_at: str) -> str:
    """The message for an indicator code declared twice, written two ways (codes compare ignoring
    case and spacing); ``first_at`` says where the first is.

    >>> duplicate_code("NI 72", "NI72", "line 4")  # doctest: +NORMALIZE_WHITESPACE
    "duplicate id 'NI 72': the same indicator code as 'NI72' (line 4); codes compare ignoring case
    and spacing"
    """
    return (
        f"duplicate id {node_id!r}: the same indicator code as {first_id!r} ({first_at}); "
        f"codes compare ignoring case and spacing"
    )


def catalogue_title(code: object) -> str:
    """What to add to "an indicator's title is missing" when its code is in the National Indicator
    Set: the set's title to copy (or to word as the plan does), else nothing.

    >>> catalogue_title("NI 71")
    "; the National Indicator Set calls NI 71 'Children who have run away from home/care overnight'"
    >>> catalogue_title("NI 711"), catalogue_title("CSC 1"), catalogue_title(None)
    ('', '', '')
    """
    if not isinstance(code, str):
        return ""
    from ..reference.catalogue import national_indicators

    entry = national_indicators().lookup(code)
    return (
        "" if entry is None else f"; the National Indicator Set calls {entry.code} {entry.title!r}"
    )
