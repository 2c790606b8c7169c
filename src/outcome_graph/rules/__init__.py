"""The rule catalogue and the engine that runs it.

One module per family: :mod:`.structure` (OG1xx), :mod:`.coverage` (OG2xx), :mod:`.ownership`
(OG3xx), :mod:`.timing` (OG4xx), :mod:`.indicators` (OG5xx), :mod:`.wording` (OG6xx). Each rule is
declared once with :func:`rule`; :func:`registry` lists them all.
"""

from __future__ import annotations

import importlib

from .registry import Rule, RuleDoc, get_rule, register, registry, rule

__all__ = ["Rule", "RuleDoc", "rule", "registry", "get_rule", "register", "BUILTIN_FAMILIES"]

#: The built-in rule families, in code order.
BUILTIN_FAMILIES = ("structure", "coverage", "ownership", "timing", "indicators", "wording")

_loaded = False


def _load_builtin() -> None:
    global _loaded
    if _loaded:
        return
    _loaded = True
    for family in BUILTIN_FAMILIES:
        importlib.import_module(f"{__name__}.{family}")
