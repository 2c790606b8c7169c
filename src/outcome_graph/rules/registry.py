"""Rules are declared once, with everything about them in one place.

A rule is a function decorated with :func:`rule`: its code, kebab-case name (named after the defect,
so it reads as "allow <name>"), default severity, options with their defaults, and its
documentation, which is the function's docstring with four headings: ``## What it does``,
``## Why it matters``, ``## Example`` (from a real plan where one has the defect) and
``## How to fix``. The check itself is the function body: it receives a
:class:`~outcome_graph.rules.context.RuleContext` and yields findings made with
``ctx.finding(...)``.

>>> from outcome_graph.rules import rule
>>> @rule("XYZ001", "shouting-title", "info", register=False)
... def shouting_title(ctx):
...     '''Titles written in capitals.
...
...     ## What it does
...     Reports titles in capital letters.
...     ## Why it matters
...     Capitals read as shouting.
...     ## Example
...     `REDUCE EXCLUSIONS`
...     ## How to fix
...     Write the title in sentence case.
...     '''
...     for node in ctx.plan.nodes.values():
...         if node.title.isupper():
...             yield ctx.finding(node.id, f"{node.id}'s title is in capitals.")
>>> shouting_title.code, shouting_title.doc.fix
('XYZ001', 'Write the title in sentence case.')
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from ..errors import ConfigError
from ..severity import SEVERITIES

if TYPE_CHECKING:
    from ..findings import Finding
    from .context import RuleContext

__all__ = [
    "Rule",
    "RuleDoc",
    "rule",
    "registry",
    "get_rule",
    "register",
    "CheckFunction",
    "rule_source",
    "one_rule_per_code",
    "rule_of",
]

CheckFunction = Callable[["RuleContext"], Iterable["Finding"]]

_CODE = re.compile(r"^[A-Z]{1,6}[0-9]{3}$")
_NAME = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
_HEADINGS = {
    "what it does": "what",
    "why it matters": "why",
    "example": "example",
    "how to fix": "fix",
    "options": "options",
}


@dataclass(frozen=True)
class RuleDoc:
    """A rule's documentation, split from its docstring."""

    summary: str
    what: str
    why: str
    example: str
    fix: str
    options: str = ""

    @classmethod
    def parse(cls, docstring: str | None) -> RuleDoc:
        """Split a rule's docstring at its headings (``## What it does``, ``## Why it matters``,
        ``## Example``, ``## How to fix`` and the optional ``## Options``); what comes before
        the first is the summary."""
        text = inspect.cleandoc(docstring or "")
        sections: dict[str, list[str]] = {"summary": []}
        current = "summary"
        for line in text.splitlines():
            m = re.match(r"^#+\s*(.+?)\s*$", line)
            if m and m.group(1).lower() in _HEADINGS:
                current = _HEADINGS[m.group(1).lower()]
                sections[current] = []
                continue
            sections.setdefault(current, []).append(line)

        def get(key: str) -> str:
            return "\n".join(sections.get(key, [])).strip()

        return cls(
            get("summary"), get("what"), get("why"), get("example"), get("fix"), get("options")
        )

    @property
    def complete(self) -> bool:
        """Whether the summary and the four required headings are all written."""
        return all((self.summary, self.what, self.why, self.example, self.fix))


@dataclass(frozen=True)
class Rule:
    """A rule: code, name, default severity, options, documentation and check.

    >>> from outcome_graph import registry
    >>> r = registry()["OG302"]
    >>> r.name, r.severity, dict(r.options), r.family
    ('owner-overload', 'warning', {'max-milestones': 10}, 'ownership')
    """

    code: str
    name: str
    severity: str
    check: CheckFunction
    doc: RuleDoc
    options: Mapping[str, Any] = field(default_factory=dict)
    family: str = ""
    origin: str = "outcome_graph"

    def __post_init__(self) -> None:
        # Read-only: the defaults are shared by every check in the process (configure with
        # [rules.CODE] options, not by changing these).
        object.__setattr__(self, "options", MappingProxyType(dict(self.options)))

    def __call__(self, ctx: RuleContext) -> Iterator[Finding]:
        return iter(self.check(ctx))

    def __repr__(self) -> str:
        # (the generated one prints the whole documentation and the check function)
        return f"<Rule {self.code} {self.name} ({self.severity}) from {self.origin}>"

    @property
    def summary(self) -> str:
        """The first line of the documentation (the rule's name when it has none)."""
        return self.doc.summary.splitlines()[0] if self.doc.summary else self.name

    def to_dict(self) -> dict[str, Any]:
        """The rule as ``outcome-graph rules --format json`` lists it (JSON-serialisable)."""
        return {
            "code": self.code,
            "name": self.name,
            "family": self.family,
            "severity": self.severity,
            "summary": self.summary,
            "what": self.doc.what,
            "why": self.doc.why,
            "example": self.doc.example,
            "fix": self.doc.fix,
            "options": dict(self.options),
            "origin": self.origin,
        }


_REGISTRY: dict[str, Rule] = {}
#: The rules of each rule file (``rule-files``), by file and code: they run only for the plans
#: whose configuration names the file, so two projects' files may each declare a code (a team's
#: copy of the same example rule); ``_REGISTRY`` holds the one declared last, for listings.
_FILE_RULES: dict[str, dict[str, Rule]] = {}


def register(r: Rule) -> Rule:
    """Add a rule to the registry. A code belongs to one rule; declaring it again from the same
    module and function replaces it (a notebook cell run again). Rule files (``rule-files``) are
    apart: a code belongs to one rule of each file, and to none of the package or of a plugin."""
    from ..plugins import rule_file

    file = rule_file(r.origin)
    existing = _REGISTRY.get(r.code)
    if file is not None:
        if existing is not None and rule_file(existing.origin) is not None:
            existing = _FILE_RULES.get(file, {}).get(r.code)  # (another file's: no matter)
    if (
        existing is not None
        and existing.check is not r.check
        and not (
            existing.origin == r.origin
            and existing.origin != "outcome_graph"
            and getattr(existing.check, "__qualname__", None)
            == getattr(r.check, "__qualname__", "")
        )
    ):
        raise ConfigError(
            f"rule code {r.code} is declared twice ({_declared_at(existing)} and {_declared_at(r)})"
        )
    if file is not None:
        _FILE_RULES.setdefault(file, {})[r.code] = r
    _REGISTRY[r.code] = r
    return r


def file_rules(file: str) -> dict[str, Rule]:
    """The rules a rule file loaded so far declares, by code."""
    return dict(_FILE_RULES.get(file, {}))


def rule_source(r: Rule) -> str:
    """Where a rule comes from, as messages name it: ``outcome_graph`` for the package's own, the
    rule file (``rule-files``) that declares it, or an installed plugin's module."""
    from ..plugins import rule_file

    return rule_file(r.origin) or r.origin


def one_rule_per_code(sources: Iterable[Mapping[str, str] | None]) -> dict[str, str]:
    """The custom rules of one run (reports written together, the plans of one ``check``), by
    code, each with where it is declared (:func:`rule_source`), from each report's ``sources``.

    A code is one rule in a run: two projects' rule files may each declare one (each plan of a
    check gets its own project's), but a run whose plans' configurations give one code two rules
    is refused, as its outputs name a rule by its code (SARIF's rules, JUnit's test cases,
    ``--select``, ``--statistics``).

    >>> one_rule_per_code([{"ACME001": "a/rules.py"}, None, {"ACME001": "a/rules.py"}])
    {'ACME001': 'a/rules.py'}
    >>> one_rule_per_code([{"ACME001": "a/rules.py"}, {"ACME001": "b/rules.py"}])
    ... # doctest: +NORMALIZE_WHITESPACE
    Traceback (most recent call last):
    ...
    outcome_graph.errors.ConfigError: rule code ACME001 is declared by two rule files in one run
    (a/rules.py and b/rules.py): give one of them another code, or have both configurations list
    one of the files
    """
    out: dict[str, str] = {}
    for mapping in sources:
        for code, source in (mapping or {}).items():
            first = out.setdefault(code, source)
            if first != source:
                raise ConfigError(
                    f"rule code {code} is declared by two rule files in one run ({first} and "
                    f"{source}): give one of them another code, or have both configurations list "
                    "one of the files"
                )
    return out


def rule_of(code: str, source: str | None) -> Rule | None:
    """The rule a report ran under a code: the one its ``sources`` names (a rule file's own, where
    another file declares the code too), else the registered one; ``None`` for a code no rule is
    registered under."""
    if source is not None and (mine := _FILE_RULES.get(source, {}).get(code)) is not None:
        return mine
    return registry().get(code)


def _declared_at(r: Rule) -> str:
    """Where a rule is declared, for a message: its function and its rule file (``rule-files``)
    or module (``check_x in rules/local.py``)."""
    from ..plugins import rule_file

    return f"{getattr(r.check, '__qualname__', r.check)!s} in {rule_file(r.origin) or r.origin}"


def rule(
    code: str,
    name: str,
    severity: str = "warning",
    *,
    options: dict[str, Any] | None = None,
    family: str | None = None,
    register: bool = True,
) -> Callable[[CheckFunction], Rule]:
    """Declare a rule: its code, name, default severity and options, with its documentation
    taken from the function's docstring.

    Parameters
    ----------
    code : str
        ``OG`` and three digits for built-in rules; plugins use their own prefix (``OG`` codes are
        reserved).
    name : str
        kebab-case, named after the defect (``missing-lead``).
    severity : {"error", "warning", "info"}
        The default severity.
    options : dict, optional
        Configurable thresholds and their defaults (``{"max-milestones": 10}``), read in the check
        with ``ctx.option("max-milestones")`` and set per plan in ``[rules.CODE]`` of
        ``outcome-graph.toml``; describe each under ``## Options`` in the docstring
        (```max-milestones`: the most milestones...``) and ``outcome-graph rules CODE`` shows it.
    family : str, optional
        The group the rule is listed under (by default the name of its module).
    register : bool, default True
        Add the rule to the registry, so that :func:`outcome_graph.check` runs it; ``False``
        only makes the :class:`Rule` (to run it alone, or in a test).

    Returns
    -------
    Callable
        A decorator that turns the check function into a :class:`Rule`. The function receives
        a :class:`~outcome_graph.RuleContext` and yields findings made with ``ctx.finding``;
        its docstring is the rule's documentation, with the headings ``## What it does``,
        ``## Why it matters``, ``## Example`` and ``## How to fix``.

    Raises
    ------
    TypeError
        An argument is of a type it cannot be (a number as the code, a list as the options), or
        what is decorated is not a function.
    ConfigError
        The code, name or severity is malformed, the code is an ``OG`` code outside
        outcome_graph, or another module already declared it (declaring it again from the same
        module, as a notebook cell run twice does, replaces it).

    Examples
    --------
    >>> @rule("ACME002", "untitled-node", "warning", register=False)
    ... def untitled_node(ctx):
    ...     '''A node whose title is only its number.'''
    ...     return iter(())
    >>> untitled_node.name, untitled_node.severity, untitled_node.summary
    ('untitled-node', 'warning', 'A node whose title is only its number.')
    """
    for what, value, example in (
        ("code", code, "'ACME001'"),
        ("name", name, "'missing-status'"),
        ("severity", severity, "'warning'"),
    ):
        if not isinstance(
            value, str
        ):  # (re.match said only "expected string or bytes-like object")
            raise TypeError(
                f"rule() takes the {what} as text ({example}), not {type(value).__name__}"
            )
    if options is not None and (
        not isinstance(options, Mapping) or not all(isinstance(k, str) for k in options)
    ):
        raise TypeError(
            f"rule {code}: options are a mapping of option names to their defaults "
            f"({{'max-milestones': 10}}), not {type(options).__name__} {options!r:.60}"
        )
    if family is not None and not isinstance(family, str):
        raise TypeError(
            f"rule {code}: family is text (the group it is listed under), not "
            f"{type(family).__name__}"
        )
    if not _CODE.match(code):
        raise ConfigError(
            f"rule code {code!r} must be 1-6 capital letters and three digits (e.g. 'OG301', "
            "'ACME001')"
        )
    if not _NAME.match(name):
        raise ConfigError(f"rule name {name!r} must be kebab-case (e.g. 'missing-lead')")
    if severity not in SEVERITIES:
        raise ConfigError(f"rule {code}: severity {severity!r} must be error, warning or info")
    do_register = register

    def decorate(fn: CheckFunction) -> Rule:
        if not callable(fn):  # (it failed only when a plan was checked, as the rule's own error)
            raise TypeError(
                f"@rule({code!r}, ...) declares a check function (taking ctx, yielding findings), "
                f"not {type(fn).__name__} {fn!r:.60}"
            )
        module = getattr(fn, "__module__", "") or ""
        origin = "outcome_graph" if module.startswith("outcome_graph.") else module
        if code.startswith("OG") and origin != "outcome_graph":
            raise ConfigError(
                f"rule code {code} is reserved: OG codes belong to outcome_graph; use your own "
                "prefix"
            )
        r = Rule(
            code=code,
            name=name,
            severity=severity,
            check=fn,
            doc=RuleDoc.parse(fn.__doc__),
            options=dict(options or {}),
            family=family or module.rsplit(".", 1)[-1],
            origin=origin,
        )
        if do_register:
            globals()["register"](r)
        return r

    return decorate


def registry() -> dict[str, Rule]:
    """Every registered rule by code (built-in rules and plugins loaded so far), sorted by code.

    >>> codes = list(registry())
    >>> codes[0], "OG602" in codes
    ('OG101', True)
    """
    from . import _load_builtin

    _load_builtin()
    return dict(sorted(_REGISTRY.items()))


def get_rule(code: str) -> Rule:
    """The rule with this code (``KeyError`` when there is none)."""
    return registry()[code]
