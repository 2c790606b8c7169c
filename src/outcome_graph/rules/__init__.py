"""The rule catalogue and the engine that runs it.

One module per family: :mod:`.structure` (OG1xx), :mod:`.coverage` (OG2xx), :mod:`.ownership`
(OG3xx), :mod:`.timing` (OG4xx), :mod:`.indicators` (OG5xx), :mod:`.wording` (OG6xx). Each rule is
declared once with :func:`rule`; :func:`registry` lists them all.
"""

from __future__ import annotations

import importlib
import threading

from .registry import Rule, RuleDoc, get_rule, register, registry, rule

__all__ = ["Rule", "RuleDoc", "rule", "registry", "get_rule", "register", "BUILTIN_FAMILIES"]

#: The built-in rule families, in code order.
BUILTIN_FAMILIES = ("structure", "coverage", "ownership", "timing", "indicators", "wording")

_loaded = False
_loading = False
_lock = threading.RLock()


def _load_builtin() -> None:
    # Loaded once, and marked loaded only when every family is: after a family failed to import
    # (an error the caller saw), the next call tries again rather than run a partial catalogue.
    # (_loading: a family's import registers its rules, which may ask for the registry.)
    # Another thread asking meanwhile waits for the whole catalogue rather than check a plan
    # with the families imported so far.
    global _loaded, _loading
    if _loaded:
        return
    with _lock:
        if _loaded or _loading:
            return
        _loading = True
        try:
            for family in BUILTIN_FAMILIES:
                importlib.import_module(f"{__name__}.{family}")
            _loaded = True
        finally:
            _loading = False
