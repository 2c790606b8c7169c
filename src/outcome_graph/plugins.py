"""Custom rules: installed plugins (entry points) and local rule files.

A plugin is a module that declares rules with :func:`outcome_graph.rule`; importing it registers
them. Installed plugins name their module in the ``outcome_graph.rules`` entry-point group; a
project can also list Python files under ``rule-files`` in its configuration.
"""

from __future__ import annotations

import importlib.util
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import ConfigError, OutcomeGraphError
from .paths import os_error, resolved

if TYPE_CHECKING:
    from .config import Config

__all__ = ["load_plugins", "rule_file", "ENTRY_POINT_GROUP"]

ENTRY_POINT_GROUP = "outcome_graph.rules"
_entry_points_loaded = False
_files_loaded: set[str] = set()
_module_files: dict[str, str] = {}  # module name of a loaded rule file -> the file
_lock = threading.RLock()


def rule_file(origin: str) -> str | None:
    """The rule file (``rule-files``) a rule of this origin (module) came from, if it did: its
    rules run only for the plans whose configuration names that file."""
    return _module_files.get(origin)


def load_plugins(config: Config | None = None) -> None:
    """Import installed rule plugins (once) and the configuration's rule files.

    Threads checking plans at once wait for one another here: each sees every plugin loaded,
    and a rule file is imported once (twice, its rules would be declared twice).
    """
    with _lock:
        _load_plugins(config)


def _load_plugins(config: Config | None) -> None:
    global _entry_points_loaded
    if not _entry_points_loaded:
        from importlib.metadata import entry_points

        for ep in entry_points(group=ENTRY_POINT_GROUP):
            try:
                ep.load()
            except Exception as exc:  # a broken plugin must not look like a broken plan
                # (nor one of the package's own errors it raises, og.rule's for a reserved code
                # among them, like a problem of the plan or of the command: the plugin is named)
                raise ConfigError(
                    f"the rule plugin {ep.name!r} ({ep.value}) failed to load: {_failure(exc)}"
                ) from None
        # (only once every plugin has loaded: after a failure, the next call fails the same way
        # instead of checking with the plugins loaded before it)
        _entry_points_loaded = True
    for path in config.rule_files if config is not None else ():
        if path in _files_loaded:
            continue
        p = Path(path)
        if not p.is_file():
            assert config is not None
            listed = next((layer for layer in config.layers if path in layer.rule_files), None)
            problem = (
                "is a folder, not a Python file"
                if p.is_dir()
                else "is not a regular file (a pipe or a device), not a Python file"
                if p.exists()
                else "not found"
                if (reason := os_error(p)) is None
                else f"cannot be read: {reason}"
            )
            if listed is None:
                raise ConfigError(f"rule file {path!r} {problem}")
            raise listed.error(
                f"rule file {path!r} {problem} (listed in its 'rule-files')", "rule-files"
            )
        name = f"outcome_graph_local_rules_{len(_files_loaded)}_{p.stem}"
        spec = importlib.util.spec_from_file_location(name, p)
        if spec is None or spec.loader is None:
            raise ConfigError(f"rule file {path!r} is not a Python file")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        _module_files[name] = path
        try:
            spec.loader.exec_module(module)
        except Exception as exc:
            raise _load_failed(path, exc) from None
        _files_loaded.add(path)


def _failure(exc: Exception) -> str:
    """What went wrong, for a message: the error's class and text (``KeyError: 'x'`` says more
    than ``'x'``), without the ``<plan>: `` of a package error that has no file."""
    if isinstance(exc, OutcomeGraphError):
        return f"{type(exc).__name__}: {exc if exc.file else exc.message}"
    return f"{type(exc).__name__}: {exc}"


def _load_failed(path: str, exc: Exception) -> ConfigError:
    """The error of a rule file that raised as it was imported: it names the file, and the line
    of it that raised (as the error's file and line, for an editor to open), since the command
    prints no traceback."""
    import traceback

    mine = resolved(path)
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if resolved(f.filename) == mine]
    line = frames[-1].lineno if frames else None
    if line is None and isinstance(exc, SyntaxError) and exc.lineno:
        line = exc.lineno
    at = f" (raised at {path}:{line})" if line else ""
    err = ConfigError(f"rule file {path!r} failed to load: {_failure(exc)}{at}")
    err.file, err.line = (
        (path, line) if line else (None, None)
    )  # (kept out of the text, which says them)
    return err
