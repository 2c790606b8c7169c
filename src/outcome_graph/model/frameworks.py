"""Outcome frameworks as data.

A plan names its framework in ``plan.framework``; ``ecm`` (Every Child Matters) is the default and
the only one built in. Another framework is one more :class:`Framework` registered with
:func:`register_framework`: nothing else in the package names the ECM outcomes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "Outcome",
    "Framework",
    "ECM",
    "get_framework",
    "register_framework",
    "frameworks",
    "outcome_id",
]


@dataclass(frozen=True)
class Outcome:
    """One outcome of a framework: its id (used in plan files), title and short label."""

    id: str
    title: str
    short: str


@dataclass(frozen=True)
class Framework:
    """An outcome framework: an ordered set of outcomes that a plan's nodes are tagged with."""

    id: str
    title: str
    outcomes: tuple[Outcome, ...]

    @property
    def ids(self) -> tuple[str, ...]:
        """The outcome ids, in the framework's order."""
        return tuple(o.id for o in self.outcomes)

    def outcome(self, outcome_id: str) -> Outcome:
        """The outcome with this id (``KeyError`` when there is none)."""
        for o in self.outcomes:
            if o.id == outcome_id:
                return o
        raise KeyError(outcome_id)


ECM = Framework(
    id="ecm",
    title="Every Child Matters",
    outcomes=(
        Outcome("be_healthy", "Be healthy", "Healthy"),
        Outcome("stay_safe", "Stay safe", "Safe"),
        Outcome("enjoy_and_achieve", "Enjoy and achieve", "Enjoy & achieve"),
        Outcome("positive_contribution", "Make a positive contribution", "Positive contribution"),
        Outcome("economic_wellbeing", "Achieve economic well-being", "Economic well-being"),
    ),
)

_FRAMEWORKS: dict[str, Framework] = {ECM.id: ECM}


def register_framework(framework: Framework) -> None:
    """Make another outcome framework available to ``plan.framework``."""
    _FRAMEWORKS[framework.id] = framework


def get_framework(framework_id: str) -> Framework:
    """The framework with this id (``KeyError`` when there is none).

    >>> get_framework("ecm").ids[0]
    'be_healthy'
    """
    return _FRAMEWORKS[framework_id]


def frameworks() -> dict[str, Framework]:
    """All registered frameworks by id."""
    return dict(_FRAMEWORKS)


def outcome_id(text: str) -> str:
    """An outcome written as a table prints it (``Stay Safe``, ``Make a positive contribution``,
    ``Healthy``) as its id (``stay_safe``); any other text as it is (an unknown outcome is then
    reported with the nearest id).

    >>> (outcome_id("Stay Safe"), outcome_id("Make a Positive Contribution"),
    ...  outcome_id("be_healthy"))
    ('stay_safe', 'positive_contribution', 'be_healthy')
    """
    words = " ".join(text.split()).casefold()
    key = re.sub(r"[\s-]+", "_", words)
    for framework in frameworks().values():
        for outcome in framework.outcomes:
            if key == outcome.id or words in (outcome.title.casefold(), outcome.short.casefold()):
                return outcome.id
    return text
