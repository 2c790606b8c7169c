from __future__ import annotations

import inspect
import os
import re
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from hypothesis import HealthCheck, settings

# (colour is for each test to ask for: a FORCE_COLOR set for the CI log would colour every output)
os.environ.pop("FORCE_COLOR", None)

# A test run started in the background by a script (`make test &`) inherits SIGINT ignored, and
# so would every command the tests start: the tests that interrupt one, as Ctrl-C does, would wait
# for it in vain. The commands get SIGINT as a terminal gives it (an ignored signal stays ignored
# through exec; a handled one is set back to its default).
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

ROOT = Path(__file__).resolve().parent.parent
MODELS = ROOT / "models"
EXAMPLES = ROOT / "examples"

settings.register_profile(
    "ci", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "dev", max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "long", max_examples=5000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))


@pytest.fixture
def cli_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("OUTCOME_GRAPH_DEBUG", None)
    env["NO_COLOR"] = "1"
    return env


def cli_runner() -> Any:
    """click's test runner, keeping standard error apart from standard output: the default from
    click 8.2, asked for with ``mix_stderr=False`` before (click 8.1 is the oldest supported)."""
    from click.testing import CliRunner

    try:
        return CliRunner(mix_stderr=False)  # type: ignore[call-arg]
    except TypeError:  # click 8.2 and later: always apart
        return CliRunner()


def contrast(a: str, b: str) -> float:
    """The WCAG contrast ratio of two colours written ``#rrggbb`` or ``#rgb``."""

    def luminance(colour: str) -> float:
        colour = colour.lstrip("#")
        if len(colour) == 3:
            colour = "".join(c * 2 for c in colour)
        channels = [int(colour[i : i + 2], 16) / 255 for i in (0, 2, 4)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def og_command() -> list[str]:
    """The installed console script (falls back to `python -m outcome_graph`)."""
    script = Path(sys.executable).parent / "outcome-graph"
    return [str(script)] if script.exists() else [sys.executable, "-m", "outcome_graph"]


PLAN_HEADER = (
    "format: outcome-graph/v1\nplan: {id: t, period: {start: 2011-04-01, end: 2012-03-31}}\n"
)


def csv_plan(folder: Path, **tables: str) -> Path:
    """A plan written as a folder of CSV files: its plan.csv (plan ``p``, the year from April 2011)
    and a ``NAME.csv`` for each of ``tables`` (NAME=text)."""
    folder.mkdir()
    (folder / "plan.csv").write_text(
        "format,id,period.start,period.end\noutcome-graph/v1,p,2011-04-01,2012-03-31\n"
    )
    for name, text in tables.items():
        (folder / f"{name}.csv").write_text(text)
    return folder


def template_workbook(path: Path) -> Any:
    """The blank template (``outcome-graph template``) written to ``path`` and opened with
    openpyxl, its plan sheet filled in (plan ``p``, the year from April 2011): add rows, then
    ``save(path)``."""
    import openpyxl

    from outcome_graph.output.workbook import write_template

    write_template(path)
    book = openpyxl.load_workbook(path)
    header = [c.value for c in book["plan"][1]]
    for field, value in {
        "id": "p",
        "period.start": "2011-04-01",
        "period.end": "2012-03-31",
    }.items():
        book["plan"].cell(row=2, column=header.index(field) + 1, value=value)
    return book


class Work(NamedTuple):
    """What a call did in outcome_graph's own code: the lines it ran, and the characters of text
    handed to its functions (a text re-read whole at each of its parts shows here even where
    the reading is done by ``str`` methods or a regex, which run no lines of ours)."""

    lines: int
    chars: int


def work_of(call: Callable[..., Any], *args: Any, **kwargs: Any) -> tuple[Any, Work]:
    """Run ``call(*args, **kwargs)`` and count the work it does in outcome_graph's code
    (:class:`Work`), with its result.

    A speed test asserts on this, not on a time: the same on a loaded machine as on an idle one,
    it shows work growing with the square of the input as plainly (compare it at two sizes).
    Times are the benchmark's (bench/)."""
    import outcome_graph

    source = str(Path(outcome_graph.__file__).resolve().parent)
    lines = chars = 0

    def in_ours(frame: Any, event: str, arg: Any) -> Any:
        nonlocal lines
        if event == "line":
            lines += 1
        return in_ours

    resumable = inspect.CO_GENERATOR | inspect.CO_COROUTINE | inspect.CO_ASYNC_GENERATOR
    started: set[Any] = set()  # (a generator's frame, kept so that its id is not reused)

    def called(frame: Any, event: str, arg: Any) -> Any:
        nonlocal chars
        code = frame.f_code
        if not code.co_filename.startswith(source):
            return None
        if (
            code.co_flags & resumable
        ):  # (its arguments count when it starts, not at each resumption)
            if frame in started:
                return in_ours
            started.add(frame)
        for name in code.co_varnames[: code.co_argcount + code.co_kwonlyargcount]:
            value = frame.f_locals.get(name)
            if isinstance(value, str):
                chars += len(value)
        return in_ours

    before = sys.gettrace()
    sys.settrace(called)
    try:
        result = call(*args, **kwargs)
    finally:
        sys.settrace(before)
    return result, Work(lines, chars)


class _WatchedPattern:
    """A compiled pattern that notes, at each use, its name and how many characters it may read."""

    _READERS = ("match", "search", "fullmatch", "finditer", "findall", "sub", "subn", "split")

    def __init__(self, name: str, pattern: re.Pattern[str], read: list[tuple[str, int]]) -> None:
        self._name, self._pattern, self._read = name, pattern, read

    def __getattr__(self, attr: str) -> Any:
        found = getattr(self._pattern, attr)
        if attr not in self._READERS:
            return found

        def reading(*args: Any, **kwargs: Any) -> Any:
            if attr in ("sub", "subn", "split"):
                text = args[1] if attr != "split" else args[0]
                start, end = 0, len(text)
            else:  # (string, pos, endpos)
                text = args[0]
                start = args[1] if len(args) > 1 else kwargs.get("pos", 0)
                end = min(args[2] if len(args) > 2 else kwargs.get("endpos", len(text)), len(text))
            self._read.append((self._name, max(0, end - start)))
            return found(*args, **kwargs)

        return reading


@contextmanager
def patterns_read(package: Any) -> Iterator[list[tuple[str, int]]]:
    """Within the block, every compiled pattern that the modules of ``package`` hold (by name)
    notes each use in the list yielded: ``(its name, the characters it was given to read)``. A test
    so sees that a long text was cut before any pattern read it, where a time would only hint so."""
    import importlib
    import pkgutil

    read: list[tuple[str, int]] = []
    swapped: list[tuple[Any, str, re.Pattern[str]]] = []
    modules = [package] + [
        importlib.import_module(f"{package.__name__}.{info.name}")
        for info in pkgutil.iter_modules(package.__path__)
    ]
    for module in modules:
        for name, value in list(vars(module).items()):
            if isinstance(value, re.Pattern):
                swapped.append((module, name, value))
                setattr(module, name, _WatchedPattern(name, value, read))
    try:
        yield read
    finally:
        for module, name, value in swapped:
            setattr(module, name, value)


#: The JSON Schema of SARIF 2.1.0 (OASIS; see tests/data/README.md).
SARIF_SCHEMA = Path(__file__).resolve().parent / "data" / "sarif-schema-2.1.0.json"


def sarif_errors(document: Any) -> list[str]:
    """What the SARIF 2.1.0 schema says is wrong with ``document`` (a SARIF log as parsed JSON),
    formats included (``uri``, ``uri-reference``, ``date-time``): each error with its path."""
    import json

    import jsonschema

    global _SARIF_VALIDATOR
    if _SARIF_VALIDATOR is None:
        schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
        jsonschema.Draft4Validator.check_schema(schema)
        _SARIF_VALIDATOR = jsonschema.Draft4Validator(
            schema, format_checker=jsonschema.FormatChecker()
        )
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message[:300]}"
        for e in _SARIF_VALIDATOR.iter_errors(document)
    ]


_SARIF_VALIDATOR: Any = None
