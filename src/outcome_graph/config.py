"""Configuration: which rules run, their severities and thresholds, and when a check fails.

Sources, from the lowest precedence to the highest: the nearest ``pyproject.toml`` with a
``[tool.outcome-graph]`` table and the nearest ``outcome-graph.toml``, each looked for in the
plan's folder and above it, up to the repository's root; a file given with ``--config``; then
command-line flags. ``--isolated`` (``discover_config(..., isolated=True)``) leaves out the two
files found from the plan. Keys:

``select``, ``ignore``
    Lists of rule codes or prefixes (``OG``, ``OG6``, ``OG601``). For each rule the most specific
    matching selector wins; at equal specificity ``ignore`` wins. A layer that sets ``select``
    starts the selection afresh; a layer that sets only ``ignore`` removes from the selection below
    it. A file must write a list (``ignore = ["OG1"]``; a text is refused with that fix, as ruff
    refuses one); a mapping given in Python may also give a text of codes separated by commas or
    spaces (``{"ignore": "OG1, OG6"}``), as ``--ignore`` takes them, or a tuple.
``severity``
    ``{OG302 = "error"}``: code or prefix to severity (the most specific wins).
``fail-on``
    ``error`` (default), ``warning``, ``info`` or ``never``.
``[rules.OG302]``
    A rule's thresholds, e.g. ``max-milestones = 12``.
``rule-files``
    Python files declaring custom rules, relative to the configuration file.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import ConfigError
from .loading.suggest import nearest
from .paths import resolved
from .severity import FAIL_ON, SEVERITIES

if TYPE_CHECKING:
    from .model.plan import Plan

__all__ = ["Config", "ConfigLayer", "discover_config", "searched_folders", "as_config", "FAIL_ON"]

_KEYS = ("select", "ignore", "severity", "fail-on", "rules", "rule-files")
#: The source of a configuration given as a mapping (``Config.from_dict``,
#: ``og.check(plan, {...})``): no file, so its errors have none.
MAPPING_SOURCE = "<config>"
#: Options of the command line that are no key of a configuration file: they say how a run
#: reports, not what is checked ("min-severity" was taken for a misspelt "severity").
_COMMAND_LINE_ONLY = (
    "min-severity",
    "baseline",
    "format",
    "output",
    "jobs",
    "period",
    "max-bytes",
    "hints",
    "statistics",
    "color",
    "watch",
    "isolated",
    "config",
    "only-plans",
    "stdin-filename",
)


@dataclass
class ConfigLayer:
    """One source of configuration (a file or the command line)."""

    source: str
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    fail_on: str | None = None
    options: dict[str, dict[str, Any]] = field(default_factory=dict)
    rule_files: list[str] = field(default_factory=list)
    #: The line of each key in the file (a path of keys: ``("rules", "OG302", "max-milestones")``),
    #: and of each text in a list (``("select", "OG9")``), for errors to point at.
    lines: dict[tuple[str, ...], int] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_mapping(
        cls,
        data: Mapping[str, Any],
        source: str,
        base_dir: Path | None = None,
        lines: Mapping[tuple[str, ...], int] | None = None,
        *,
        python: bool = False,
    ) -> ConfigLayer:
        """A layer of a file's keys. ``python``: the mapping was given in Python
        (``Config.from_dict``), where ``select`` and ``ignore`` may also be a text of codes or a
        tuple; a file's must be lists."""
        layer = cls(source=source, lines=dict(lines or {}))
        error = layer.error
        for key in data:
            if key not in _KEYS:
                if key in _COMMAND_LINE_ONLY:
                    raise error(
                        f"unknown key {key!r}: --{key} is an option of the command line only "
                        f"(keys: {', '.join(_KEYS)})",
                        key,
                    )
                guess = nearest(key, _KEYS)
                raise error(
                    f"unknown key {key!r}"
                    + (
                        f": did you mean {guess!r}?"
                        if guess
                        else f"; valid keys: {', '.join(_KEYS)}"
                    ),
                    key,
                )
        if "select" in data:
            layer.select = _codes(data["select"], "select", error, python)
            if not layer.select:
                raise error(
                    "'select' names no rule, so nothing would be checked: name codes or prefixes "
                    "(select = ['OG1']), or leave it out for every rule",
                    "select",
                )
        if "ignore" in data:
            layer.ignore = _codes(data["ignore"], "ignore", error, python)
        sev = data.get("severity", {})
        if not isinstance(sev, Mapping):
            raise error("'severity' must be a table of code = severity", "severity")
        for code, value in _by_code(sev, "severity", error):
            if not code.strip():
                raise error(
                    "'severity' names an empty code: name a rule code or prefix (OG302), or ALL",
                    "severity",
                )
            value = _choice(value)
            if value not in SEVERITIES:
                raise error(
                    f"severity of {code} must be error, warning or info, not {sev[code]!r}",
                    "severity",
                    code,
                )
            layer.severity[code.upper()] = value
        if "fail-on" in data:
            value = _choice(data["fail-on"])
            if value not in FAIL_ON:
                raise error(
                    f"fail-on must be one of {', '.join(FAIL_ON)}, not {data['fail-on']!r}",
                    "fail-on",
                )
            layer.fail_on = value
        rules = data.get("rules", {})
        if not isinstance(rules, Mapping):
            raise error("'rules' must be a table of rule tables ([rules.OG302])", "rules")
        for code, opts in _by_code(rules, "rules", error):
            if not isinstance(opts, Mapping):
                raise error(f"[rules.{code}] must be a table of options", "rules", code)
            layer.options[code.upper()] = dict(opts)
        files = data.get("rule-files", [])
        if (
            isinstance(files, str)
            or not isinstance(files, list)
            or not all(isinstance(f, str) for f in files)
        ):
            raise error("'rule-files' must be a list of paths", "rule-files")
        for f in files:
            if "\0" in f:
                raise error(
                    f"'rule-files': {f!r} is not a path (it holds a NUL character)", "rule-files", f
                )
        base = base_dir or Path.cwd()
        layer.rule_files = [str(resolved(base / f)) for f in files]
        return layer

    def line_of(self, *path: str) -> int | None:
        """The line of a key (or of a text in a list) in the file, else of the nearest key
        around it (``None`` for a layer not read from a file). Codes match whatever their case.

        >>> layer = ConfigLayer("c.toml", lines={("severity",): 2, ("severity", "OG302"): 3})
        >>> (layer.line_of("severity", "og302"), layer.line_of("severity", "OG999"),
        ...  layer.line_of("select"))
        (3, 2, None)
        """
        while path:
            if path in self.lines:
                return self.lines[path]
            folded = tuple(p.upper() for p in path)
            for key, line in self.lines.items():
                if len(key) == len(path) and tuple(k.upper() for k in key) == folded:
                    return line
            path = path[:-1]
        return None

    def error(self, message: str, *path: str) -> ConfigError:
        """A :class:`ConfigError` about this layer, at the line of the key ``path``."""
        # (a configuration given as a mapping has no file for a program to open)
        return ConfigError(
            message,
            file=None if self.source == MAPPING_SOURCE else self.source,
            line=self.line_of(*path),
        )


def _choice(value: Any) -> Any:
    """A value chosen from a list of words (a severity, fail-on) as the list writes it, whatever
    its case and surrounding spaces (``"Error"`` is ``error``, as on the command line); anything
    but text as it is, for the error to show.

    >>> _choice(" Warning"), _choice("NEVER"), _choice(1)
    ('warning', 'never', 1)
    """
    return value.strip().lower() if isinstance(value, str) else value


def _by_code(
    table: Mapping[str, Any], key: str, error: Callable[..., ConfigError]
) -> Iterator[tuple[str, Any]]:
    """The entries of a table keyed by rule code (``severity``, ``rules``), refusing a code
    written twice in two cases (``og302`` and ``OG302``): codes are read in any case, so one of
    the two would be dropped without a word."""
    seen: dict[str, str] = {}
    for code, value in table.items():
        code = str(code)
        first = seen.setdefault(code.upper(), code)
        if first != code:
            both = (
                f"[rules.{first}] and [rules.{code}]"
                if key == "rules"
                else f"[{key}]: {first!r} and {code!r}"
            )
            raise error(
                f"{both} are the same rule (codes are read in any case): write it once", key, code
            )
        yield code, value


def _codes(
    value: Any, key: str, error: Callable[..., ConfigError], python: bool = False
) -> list[str]:
    """The codes or prefixes of ``select`` or ``ignore``: a list in a file; in a mapping given in
    Python also a tuple, or a text of codes separated
    by commas or spaces (as ``--ignore`` takes them).

    A file's text is refused, with the list to write, as ruff refuses one: a file has one form for
    each key, the one its schema gives TOML editors."""
    if isinstance(value, str):
        codes = [v for v in value.replace(",", " ").split() if v]
        if not python:
            listed = ", ".join(f'"{c}"' for c in codes)
            fix = (
                f"write {key} = [{listed}]"
                if codes
                else f'write the codes in a list ({key} = ["OG6"])'
            )
            raise error(f"{key!r} must be a list of rule codes or prefixes, not a text: {fix}", key)
        value = codes
    if python and isinstance(value, tuple):
        value = list(value)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise error(f"{key!r} must be a list of rule codes or prefixes", key)
    if not all(
        v.strip() for v in value
    ):  # (an empty text is a prefix of every code: it named them all)
        raise error(
            f"{key!r} holds an empty text: name rule codes or prefixes (OG6), or ALL for every "
            "rule",
            key,
        )
    return [v.strip().upper() for v in value]


@dataclass
class Config:
    """The configuration a check runs with (the merged layers).

    >>> cfg = Config.from_dict({"ignore": ["OG6"], "severity": {"OG302": "error"},
    ...                         "rules": {"OG302": {"max-milestones": 12}}})
    >>> (cfg.enabled("OG601"), cfg.enabled("OG302"), cfg.severity_of("OG302", "warning"),
    ...  cfg.options_for("OG302", {"max-milestones": 10}))
    (False, True, 'error', {'max-milestones': 12})
    """

    layers: list[ConfigLayer] = field(default_factory=list)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], source: str = MAPPING_SOURCE) -> Config:
        """A configuration from a mapping with the file's keys."""
        if not isinstance(data, Mapping):  # (a string was read key by key: "unknown key 'i'")
            raise TypeError(
                f"Config.from_dict() takes a mapping of a configuration file's keys "
                f"({{'ignore': ['OG6']}}), not {type(data).__name__}"
            )
        return cls([ConfigLayer.from_mapping(data, source, python=True)])

    @classmethod
    def from_file(cls, path: str | os.PathLike[str]) -> Config:
        """A configuration from an ``outcome-graph.toml`` or ``pyproject.toml`` file."""
        layer = _read_file(Path(path), required=True)
        return cls([layer] if layer else [])

    @classmethod
    def for_plan(cls, plan: str | os.PathLike[str] | Plan) -> Config:
        """The configuration ``outcome-graph check`` uses for a plan file: ``[tool.outcome-graph]``
        of the nearest ``pyproject.toml`` that has one, under the nearest ``outcome-graph.toml``,
        each in its folder or above (see :func:`discover_config`). Takes the file's path or the plan
        loaded from it (a plan loaded from text looks in the current folder).

        >>> import pathlib, tempfile
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (folder / "outcome-graph.toml").write_text('ignore = ["OG6"]\\n')
        >>> Config.for_plan(folder / "plan.yaml").enabled("OG601")
        False
        """
        from .model.plan import Plan

        if isinstance(plan, Plan):
            path = plan.file if plan.file and os.path.exists(plan.file) else None
            return discover_config(path)
        return discover_config(plan)

    def with_layer(self, layer: ConfigLayer) -> Config:
        """This configuration with one more layer on top (its settings win)."""
        return Config([*self.layers, layer])

    def files(self) -> list[str]:
        """The files this configuration was read from, and the rule files it names."""
        out = [layer.source for layer in self.layers if os.path.isfile(layer.source)]
        return out + [f for layer in self.layers for f in layer.rule_files]

    # -- queries ------------------------------------------------------------------------------
    def enabled(self, code: str) -> bool:
        """Whether the rule with this code runs."""
        on = True
        for layer in self.layers:
            if layer.select is not None:
                on = _decide(code, layer.select, layer.ignore, default=False)
            elif layer.ignore:
                if _decide(code, [], layer.ignore, default=True) is False:
                    on = False
        return on

    def severity_of(self, code: str, default: str) -> str:
        """The severity of a rule after overrides (the most specific, latest layer wins)."""
        best = (-1, default)
        for layer in self.layers:
            for sel, sev in layer.severity.items():
                prefix = "" if sel == "ALL" else sel  # (ALL: every rule, as in select and ignore)
                if code.startswith(prefix) and len(prefix) >= best[0]:
                    best = (len(prefix), sev)
        return best[1]

    @property
    def fail_on(self) -> str:
        """The lowest severity that fails a check (``error``, ``warning``, ``info`` or ``never``),
        from the last layer that sets it."""
        value = "error"
        for layer in self.layers:
            if layer.fail_on:
                value = layer.fail_on
        return value

    def options_for(self, code: str, defaults: Mapping[str, Any]) -> dict[str, Any]:
        """A rule's thresholds: defaults, then each layer's ``[rules.CODE]``."""
        out = dict(defaults)
        for layer in self.layers:
            for key, value in layer.options.get(code, {}).items():
                out[key] = value
        return out

    @property
    def rule_files(self) -> list[str]:
        """The rule files every layer names under ``rule-files`` (their rules run for this
        configuration's plans)."""
        return [f for layer in self.layers for f in layer.rule_files]

    def validate(self, codes: Iterable[str], options: Mapping[str, Mapping[str, Any]]) -> None:
        """Check selectors and options against the known rules (clear errors with suggestions)."""
        codes = list(codes)
        for layer in self.layers:
            error = layer.error
            for key, selectors in (
                ("select", layer.select or []),
                ("ignore", layer.ignore),
                ("severity", list(layer.severity)),
            ):
                for sel in selectors:
                    if sel in ("ALL",) or any(c.startswith(sel) for c in codes):
                        continue
                    guess = nearest(sel, codes)
                    raise error(
                        f"{sel!r} matches no rule"
                        + (f": did you mean {guess!r}?" if guess else ""),
                        key,
                        sel,
                    )
            for code, opts in layer.options.items():
                if code not in options:
                    guess = nearest(code, codes)
                    raise error(
                        f"[rules.{code}]: no such rule"
                        + (f": did you mean {guess!r}?" if guess else ""),
                        "rules",
                        code,
                    )
                for key, value in opts.items():
                    defaults = options[code]
                    if key not in defaults:
                        guess = nearest(key, defaults)
                        hint = (
                            f": did you mean {guess!r}?"
                            if guess
                            else (
                                f': a rule\'s severity is set in [severity] ({code} = "error")'
                                if key.strip().lower() == "severity"
                                else f"; its options are {', '.join(defaults)}"
                                if defaults
                                else "; it has no options"
                            )
                        )
                        raise error(
                            f"[rules.{code}]: unknown option {key!r}{hint}", "rules", code, key
                        )
                    default = defaults[key]
                    if isinstance(default, (int, float)) and not isinstance(default, bool):
                        if (
                            isinstance(value, bool)
                            or not isinstance(value, (int, float))
                            or not math.isfinite(value)
                            or value < 0
                        ):
                            raise error(
                                f"[rules.{code}] {key} must be a non-negative number, not "
                                f"{value!r}",
                                "rules",
                                code,
                                key,
                            )
                        if isinstance(default, int) and value != int(value):
                            raise error(
                                f"[rules.{code}] {key} must be a whole number, not {value!r}",
                                "rules",
                                code,
                                key,
                            )
                    else:
                        # (a custom rule's option: a list, a text or true/false, as its default is)
                        for kind, what in (
                            (bool, "true or false"),
                            (str, "a text"),
                            (list, "a list"),
                            (dict, "a table"),
                        ):
                            if isinstance(default, kind) and not isinstance(value, kind):
                                raise error(
                                    f"[rules.{code}] {key} must be {what}, as its default "
                                    f"{default!r} is, not {value!r}",
                                    "rules",
                                    code,
                                    key,
                                )


def _decide(code: str, select: list[str], ignore: list[str], *, default: bool) -> bool:
    best_len = -1
    decision = default
    for sel in select:
        s = "" if sel == "ALL" else sel
        if code.startswith(s) and len(s) > best_len:
            best_len, decision = len(s), True
    for sel in ignore:
        s = "" if sel == "ALL" else sel
        if code.startswith(s) and len(s) >= best_len:
            best_len, decision = len(s), False
    return decision


def _read_file(path: Path, *, required: bool) -> ConfigLayer | None:
    try:
        if not required and path.exists() and not path.is_file() and not path.is_dir():
            # (a pipe or a device found beside a plan, not named: reading it would wait forever)
            raise ConfigError("is not a regular file", file=str(path))
        raw = path.read_bytes()
    except FileNotFoundError:
        if required:
            raise ConfigError("no such configuration file", file=str(path)) from None
        return None
    except OSError as exc:
        raise ConfigError(f"cannot read: {exc.strerror or exc}", file=str(path)) from None
    import tomllib  # (here, once a file is found: most plans are checked with none)

    try:
        text = raw.decode("utf-8").removeprefix(
            "\ufeff"
        )  # (Notepad's byte-order mark, which TOML does not allow)
        data = tomllib.loads(text)
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise ConfigError(
            f"not UTF-8 text (byte 0x{raw[exc.start]:02x}); TOML files are UTF-8",
            file=str(path),
            line=line,
        ) from None
    except tomllib.TOMLDecodeError as exc:
        # (tomllib ends its message with where: "(at line 3, column 9)" or "(at end of document)")
        message, line, column = str(exc), None, None
        m = re.search(r"\s*\(at line (\d+), column (\d+)\)$", message)
        if m is not None:
            message, line, column = message[: m.start()], int(m.group(1)), int(m.group(2))
        elif message.endswith("(at end of document)"):
            message = message[: -len("(at end of document)")].rstrip() + " at the end of the file"
            line = raw.count(b"\n") + (0 if raw.endswith(b"\n") else 1)
        raise ConfigError(
            f"invalid TOML: {message}", file=str(path), line=line, column=column
        ) from None
    lines = key_lines(text)
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        if not isinstance(tool, dict):
            raise ConfigError(
                "'tool' must be a table ([tool.outcome-graph] holds this tool's keys)",
                file=str(path),
                line=lines.get(("tool",)),
            )
        _refuse_a_misnamed_table(tool, str(path), lines)
        table = tool.get("outcome-graph")
        if table is None:
            if required:
                raise ConfigError("has no [tool.outcome-graph] table", file=str(path))
            return None
        if not isinstance(table, dict):
            raise ConfigError(
                "[tool.outcome-graph] must be a table (keys such as select = [...])",
                file=str(path),
                line=lines.get(("tool", "outcome-graph")),
            )
        data = table
        lines = {
            key[2:]: line
            for key, line in lines.items()
            if key[:2] == ("tool", "outcome-graph") and key[2:]
        }
    return ConfigLayer.from_mapping(data, str(path), base_dir=path.parent, lines=lines)


def _refuse_a_misnamed_table(
    tool: Mapping[str, Any], source: str, lines: Mapping[tuple[str, ...], int]
) -> None:
    """Refuse this tool's table written in another case or with ``_`` (``[tool.outcome_graph]``,
    ``[tool.Outcome-Graph]``): passed by as another tool's, its settings would be lost without a
    word, the plan checked as if it had none."""
    for name in tool:
        if (
            name != "outcome-graph"
            and re.sub(r"[\s_.-]+", "-", name.strip().lower()) == "outcome-graph"
        ):
            raise ConfigError(
                f"[tool.{name}] is not read: did you mean [tool.outcome-graph]?",
                file=source,
                line=lines.get(("tool", name)),
            )


_PUNCTUATION = "[]{}=,."


def key_lines(text: str) -> dict[tuple[str, ...], int]:
    """The line where each key of a TOML document is written, as a path of keys (a table
    header's names, then the dotted key: ``("rules", "OG302", "max-milestones")``), and where
    each text in a list is (``("select", "OG9")``): the first, where one is written twice.
    For a document ``tomllib`` has read; it tells values, and so lines, apart roughly.

    >>> text = 'select = ["OG1",\\n  "OG9"]\\n\\n[rules.OG302]\\nmax-milestones = 3\\n'
    >>> key_lines(text)  # doctest: +NORMALIZE_WHITESPACE
    {('select',): 1, ('select', 'OG1'): 1, ('select', 'OG9'): 2, ('rules',): 4,
     ('rules', 'OG302'): 4, ('rules', 'OG302', 'max-milestones'): 5}
    """
    tokens = list(_tokens(text))
    found: dict[tuple[str, ...], int] = {}
    end = len(tokens)

    def note(path: tuple[str, ...], name: tuple[str, ...], line: int) -> None:
        for k in range(1, len(name) + 1):  # (a dotted key a.b = 1 writes a too)
            found.setdefault((*path, *name[:k]), line)

    def kind(i: int) -> str:
        return tokens[i][0] if i < end else "end"

    def key(i: int) -> tuple[tuple[str, ...], int]:
        parts = [tokens[i][1]]
        i += 1
        while kind(i) == "." and kind(i + 1) in ("word", "text"):
            parts.append(tokens[i + 1][1])
            i += 2
        return tuple(parts), i

    def value(i: int, path: tuple[str, ...]) -> int:
        opening = kind(i)
        if opening not in ("[", "{"):
            return i + 1
        closing = "]" if opening == "[" else "}"
        i += 1
        while i < end and kind(i) != closing:
            if kind(i) in ("\n", ","):
                i += 1
            elif opening == "[":
                if kind(i) == "text":
                    found.setdefault((*path, tokens[i][1]), tokens[i][2])
                i = value(i, path)
            elif kind(i) in ("word", "text"):
                name, i = key(i)
                note(path, name, tokens[i - 1][2])
                i = value(i + 1, (*path, *name)) if kind(i) == "=" else i + 1
            else:
                i += 1
        return i + 1

    table: tuple[str, ...] = ()
    i = 0
    while i < end:
        if kind(i) == "[":  # a table header: [a.b] or [[a.b]]
            line = tokens[i][2]
            while kind(i) == "[":
                i += 1
            if kind(i) in ("word", "text"):
                table, i = key(i)
                note((), table, line)
        elif kind(i) in ("word", "text"):
            name, i = key(i)
            note(table, name, tokens[i - 1][2])
            if kind(i) == "=":
                i = value(i + 1, (*table, *name))
        while i < end and kind(i) != "\n":  # (the rest of the line)
            i += 1
        i += 1
    return found


def _tokens(text: str) -> Iterator[tuple[str, str, int]]:
    """The tokens of a TOML document as (kind, text, line): ``word`` (a bare key or value),
    ``text`` (a quoted string, escapes left as written but for ``\\"``), punctuation, and
    ``\\n`` at each line's end; comments left out."""
    line, i, end = 1, 0, len(text)
    while i < end:
        c = text[i]
        if c == "\n":
            yield "\n", c, line
            line += 1
            i += 1
        elif c in " \t\r":
            i += 1
        elif c == "#":
            while i < end and text[i] != "\n":
                i += 1
        elif c in "\"'":
            start = line
            if text.startswith(c * 3, i):  # a multi-line string
                close = text.find(c * 3, i + 3)
                close = end if close < 0 else close
                while text.startswith(
                    c, close + 3
                ):  # ("""a "quote"""": up to two quotes end the text)
                    close += 1
                body, i = text[i + 3 : close], close + 3
            else:
                j = i + 1
                while j < end and text[j] != c and text[j] != "\n":
                    j += 2 if c == '"' and text[j] == "\\" else 1
                body, i = text[i + 1 : j], j + 1
            line += body.count("\n")
            yield "text", body.replace('\\"', '"') if c == '"' else body, start
        elif c in _PUNCTUATION:
            yield c, c, line
            i += 1
        else:
            j = i
            while j < end and text[j] not in _PUNCTUATION and text[j] not in " \t\r\n#":
                j += 1
            yield "word", text[i:j], line
            i = j


def as_config(function: str, config: Config | Mapping[str, Any] | None) -> Config | None:
    """The configuration a function was given, as a :class:`Config`: a mapping holds a
    configuration file's keys (``{"ignore": ["OG6"]}``), as :func:`outcome_graph.check` takes it.

    >>> as_config("render", {"ignore": ["OG6"]}).enabled("OG601"), as_config("render", None)
    (False, None)
    >>> as_config("render", "outcome-graph.toml")  # doctest: +NORMALIZE_WHITESPACE
    Traceback (most recent call last):
    ...
    TypeError: render() takes config as a Config (og.Config.from_file(path)) or a mapping of a
    configuration file's keys, not str
    """
    if config is None or isinstance(config, Config):
        return config
    if isinstance(config, Mapping):
        return Config.from_dict(config)
    raise TypeError(
        f"{function}() takes config as a Config (og.Config.from_file(path)) or a mapping of a "
        f"configuration file's keys, not {type(config).__name__}"
    )


def discover_config(
    plan_path: str | os.PathLike[str] | None,
    *,
    config_file: str | None = None,
    cli: ConfigLayer | None = None,
    isolated: bool = False,
) -> Config:
    """The configuration for a plan: pyproject.toml < outcome-graph.toml < --config < CLI flags.

    The two files are found from the plan's folder: the nearest ``pyproject.toml`` with a
    ``[tool.outcome-graph]`` table and the nearest ``outcome-graph.toml``, each in the plan's
    folder or above it, up to the folder holding ``.git`` or the file system's root
    (:func:`searched_folders`). Each overrides what the ones before it set. A file's relative
    paths (``rule-files``) are relative to it.

    ``isolated``: leave out the files found from the plan's folder, and so the rule files they
    name, as ``--isolated`` does; ``config_file`` and ``cli`` still apply. The configuration of
    a plan received from elsewhere is then never read, nor its rule files run.

    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "outcome-graph.toml").write_text('ignore = ["OG6"]\\n')
    >>> plan = folder / "plan.yaml"
    >>> (discover_config(plan).enabled("OG601"),
    ...  discover_config(plan, isolated=True).enabled("OG601"))
    (False, True)
    """
    layers: list[ConfigLayer] = []
    if not isolated:
        layers.extend(_discovered(plan_path))
    if config_file:
        layers.append(_read_file(Path(config_file), required=True))  # type: ignore[arg-type]
    if cli is not None:
        layers.append(cli)
    return Config(layers)


#: The files a plan's configuration is found in, looked for in each folder searched, lowest
#: precedence first.
CONFIG_NAMES = ("pyproject.toml", "outcome-graph.toml")


def searched_folders(plan_path: str | os.PathLike[str] | None) -> list[Path]:
    """The folders a plan's configuration is looked for in, nearest first: the plan's own (the
    current folder without a plan; a plan written as a folder of CSV files, that folder), then each
    above it, up to the root of its repository (the folder holding ``.git``, searched last) or of
    the file system. A repository's plans are not configured from whatever lies above its checkout
    (a home folder's ``pyproject.toml``).

    >>> import pathlib, tempfile
    >>> repo = pathlib.Path(tempfile.mkdtemp()).resolve()
    >>> (repo / ".git").mkdir(); (repo / "plans").mkdir()
    >>> [p.relative_to(repo).as_posix() for p in searched_folders(repo / "plans" / "plan.yaml")]
    ['plans', '.']
    """
    if plan_path:
        path = resolved(plan_path)
        folder = path if path.is_dir() else path.parent
    else:
        folder = Path.cwd()
    folders = []
    for candidate in [folder, *folder.parents]:
        folders.append(candidate)
        if (candidate / ".git").exists():
            break
    return folders


def _discovered(plan_path: str | os.PathLike[str] | None) -> list[ConfigLayer]:
    """The configuration files found from a plan's folder, lowest precedence first: the nearest
    ``pyproject.toml`` with a ``[tool.outcome-graph]`` table (one without is passed by), then the
    nearest ``outcome-graph.toml``, each in the first of :func:`searched_folders` that has one."""
    layers: list[ConfigLayer] = []
    folders = searched_folders(plan_path)
    for name in CONFIG_NAMES:
        for folder in folders:
            found = _read_file(folder / name, required=False)
            if found is not None:
                layers.append(found)
                break
    return layers
