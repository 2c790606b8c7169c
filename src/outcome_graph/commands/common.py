"""What the commands of ``outcome-graph`` share: how errors are reported and exit codes set, how
an output is written, which paths an output may not overwrite, ``--watch``, and the configuration
layer of the command-line options.

Used by every command of this package. Like them, it imports only click at module level, so the
command starts at once; what a helper needs loads when it is called.
"""

from __future__ import annotations

import errno
import io
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import click

__all__ = [
    "EXIT_OK",
    "EXIT_FINDINGS",
    "EXIT_USAGE",
    "EXIT_INTERNAL",
    "WATCH_INTERVAL",
    "handle_errors",
    "say",
    "emit",
    "rule_options",
    "refuse_inputs",
    "plan_file",
    "watched_files",
    "repeat_on_change",
    "cli_layer",
    "output_option",
    "isolated_option",
    "max_bytes_option",
    "StreamClosed",
    "Terminated",
    "open_closed_streams",
    "quiet_stdout",
]

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


#: What writing an output can meet that is no bug: a full disk or quota, a file too large.
_FULL = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})


class StreamClosed(OSError):
    """A standard stream the command was started without (``>&-``, ``<&-``) was used; the
    message says which."""


class Terminated(SystemExit):
    """The command was sent SIGTERM: it unwinds as an interrupted one does (temporary outputs
    removed, child processes stopped) and exits with 128 + the signal's number."""


class _Closed(io.RawIOBase):
    """Stands for a standard stream that was closed: reading or writing it raises
    :class:`StreamClosed`."""

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message

    def readable(self) -> bool:
        return True

    def writable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        raise StreamClosed(errno.EBADF, self.message)

    def write(self, data: Any) -> int:
        raise StreamClosed(errno.EBADF, self.message)


def open_closed_streams() -> None:
    """Give the command standard streams where the shell closed them (``>&-``, ``2>&-``,
    ``<&-``). Each closed descriptor is opened on the null device, so that no file the command
    opens takes its number; reading a closed standard input or writing to a closed standard output
    is then an error (exit 2), and messages to a closed standard error are dropped."""
    for fd, name in ((0, "stdin"), (1, "stdout"), (2, "stderr")):
        if getattr(sys, name) is not None:
            continue
        try:
            null = os.open(os.devnull, os.O_RDWR)
            if null != fd:
                os.dup2(null, fd)
                os.close(null)
        except OSError:  # pragma: no cover - no null device
            pass
        if name == "stderr":
            sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - the process's own standard error
        elif name == "stdout":
            sys.stdout = io.TextIOWrapper(
                io.BufferedWriter(_Closed("cannot write the output: standard output is closed")),
                encoding="utf-8",
            )
        else:
            sys.stdin = io.TextIOWrapper(
                io.BufferedReader(_Closed("cannot read standard input: it is closed")),
                encoding="utf-8",
            )


def quiet_stdout() -> None:
    """Send what is left to write on standard output to the null device: once its reader has gone
    or it has failed, nothing more is written there, and no error comes of it at exit."""
    try:
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - no flush errors at exit
    except OSError:  # pragma: no cover
        pass


#: Set by the console script (:func:`outcome_graph.cli.run`), which ends the process at once
#: (``os._exit``) when the command is done, freeing nothing.
ENDS_AT_ONCE = False
_held: list[object] = []


def hold_until_exit(*objects: object) -> None:
    """Keep what a command loaded (its plan: over a million objects at 100,000 nodes) until the
    console script ends the process, which frees nothing: freed one by one when the command lets
    go of it, it costs a 100,000-node ``check`` 0.17 s for nothing. The objects replace those
    held before, so a command that loads one plan after another (several plans, ``--watch``)
    holds the last alone. When a program calls :func:`~outcome_graph.cli.main` itself, nothing
    is held."""
    if ENDS_AT_ONCE:
        _held[:] = objects


def say(text: str) -> None:
    """Write a line to standard error (an error, a notice), with any control character of the plan
    text it quotes written as an escape (``\\x1b``), so a plan cannot drive the terminal."""
    from ..output.escape import terminal_text

    click.echo(terminal_text(text), err=True)


def say_notices(notices: Iterable[object]) -> None:
    """Say each notice (what reading a plan passed over, and the like) on standard error, one
    ``notice:`` line each: the commands give a plan's
    notices once it is read, before their output."""
    for notice in notices:
        say(f"notice: {notice}")


@contextmanager
def diagram_notices() -> Iterator[None]:
    """Say what drawing a diagram warned of (a
    :class:`~outcome_graph.output.diagram.DiagramWarning`: too large to read, Graphviz's own
    warnings) as notices once it is drawn; any other warning is passed on as Python shows it."""
    import warnings

    from ..output.diagram.rendering import DiagramWarning

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", DiagramWarning)
        yield
    for warning in caught:
        if issubclass(warning.category, DiagramWarning):
            say(f"notice: {warning.message}")
        else:  # (as Python would show it)
            warnings.warn_explicit(
                warning.message, warning.category, warning.filename, warning.lineno
            )


@contextmanager
def handle_errors() -> Iterator[None]:
    """Turn the package's errors into a message on stderr and exit 2 (never a traceback)."""
    from ..errors import OutcomeGraphError

    try:
        yield
    except OutcomeGraphError as exc:
        for line in str(exc).splitlines():
            say(f"error: {line}")
        sys.exit(EXIT_USAGE)
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)
    except Terminated:
        click.echo("terminated", err=True)
        raise
    except BrokenPipeError:  # the reader went away (`| head`): stop quietly
        quiet_stdout()
        sys.exit(EXIT_OK)
    except StreamClosed as exc:
        quiet_stdout()
        say(f"error: {exc.strerror}")
        sys.exit(EXIT_USAGE)
    except (click.exceptions.Exit, click.ClickException, SystemExit):
        raise
    except MemoryError:
        click.echo("error: out of memory reading the input", err=True)
        sys.exit(EXIT_USAGE)
    except Exception as exc:  # a bug: say so briefly; OUTCOME_GRAPH_DEBUG=1 shows the traceback
        if isinstance(exc, OSError) and exc.errno in _FULL:
            # (standard output on a full disk: the files a command writes itself say so by name)
            say(f"error: cannot write the output: {exc.strerror}")
            sys.exit(EXIT_USAGE)
        if isinstance(exc, OSError) and exc.filename is not None and exc.strerror:
            # (a file the system cannot look at, wherever the command first touched it: a name too
            # long, a folder on the way that cannot be read; the file's problem, not a bug)
            from ..errors import shown_name

            say(f"error: {shown_name(os.fsdecode(exc.filename))}: {exc.strerror}")
            sys.exit(EXIT_USAGE)
        if os.environ.get("OUTCOME_GRAPH_DEBUG"):
            raise
        click.echo(
            f"internal error: {type(exc).__name__}: {exc}\n"
            "This is a bug in outcome-graph; run again with OUTCOME_GRAPH_DEBUG=1 for details "
            "and report it.",
            err=True,
        )
        sys.exit(EXIT_INTERNAL)


def emit(text: str, output: str | None, *, color: bool = False) -> None:
    """Write a command's text output: to standard output, or to the file ``output`` (whole or
    not at all, with a final line break).

    A reader of standard output that stops reading (``| head``) ends the output quietly, and the
    command keeps its exit code: ``check`` still exits 1 on errors, however early the reader
    left."""
    if output is None:
        # (click leaves the colour codes out when stdout is not a terminal, unless told: --color
        # asks for them in a pipe, for `less -R` or a CI log)
        try:
            click.echo(text, color=True if color else None)
        except BrokenPipeError:
            quiet_stdout()
            global _reader_gone
            _reader_gone = True
        return
    from ..output.files import atomic_write_text

    atomic_write_text(output, text + "\n")


def refuse_inputs(
    output: str | None,
    plans: Iterable[str] = (),
    config_file: str | None = None,
    baseline_file: str | None = None,
    *,
    stdin_filename: str | None = None,
    loaded: Iterable[Any] = (),
    configs: Iterable[Any] = (),
) -> None:
    """Refuse (exit 2, before anything is written) an output path that is one of the command's
    inputs: the plans (a CSV folder's files), the configuration files that apply, ``--config``,
    the baseline, the file ``--stdin-filename`` names; and, once known, the loaded plans' own
    sources (local catalogue ``entries`` files) and the rule files the configuration names."""
    if output is None:
        return
    from ..output.files import refuse_input_as_output

    plans = list(plans)
    files = [
        f
        for f in watched_files(plans, config_file, baseline_file)
        if f != "-" and (f in plans or os.path.exists(f))
    ]
    if stdin_filename:
        files.append(stdin_filename)
    for plan in loaded:
        files += plan.sources
    for config in configs:
        files += config.files()
    refuse_input_as_output(output, files)


def watched_files(
    plans: Iterable[str],
    config_file: str | None,
    baseline_file: str | None,
    *,
    isolated: bool = False,
) -> list[str]:
    """The files whose change calls for another check: the plans (a CSV folder's files), the
    configuration files that apply or would if they were written (``outcome-graph.toml`` and
    ``pyproject.toml`` in each folder searched from a plan's; not with ``--isolated``),
    ``--config`` and the baseline."""
    from pathlib import Path

    from ..config import CONFIG_NAMES, searched_folders

    files: dict[str, None] = {}
    for plan in plans:
        path = Path(plan)
        files[str(path)] = None
        if path.is_dir():
            files.update((str(p), None) for p in sorted(path.iterdir()) if p.is_file())
        if isolated:
            continue
        files.update((str(d / name), None) for d in searched_folders(path) for name in CONFIG_NAMES)
    files.update((f, None) for f in (config_file, baseline_file) if f)
    return list(files)


def _stamps(files: Iterable[str]) -> list[tuple[int, int] | None]:
    """Each file's modification time and size (``None`` when it does not exist)."""
    out: list[tuple[int, int] | None] = []
    for f in files:
        try:
            st = os.stat(f)
        except OSError:
            out.append(None)
        else:
            out.append((st.st_mtime_ns, st.st_size))
    return out


#: Whether the reader of standard output has gone (``--watch`` then stops).
_reader_gone = False

#: How often ``--watch`` looks at the files (seconds).
WATCH_INTERVAL = 0.5


def repeat_on_change(
    work: Callable[[], object],
    doing: str,
    files: list[str] | Callable[[], list[str]],
    *,
    clear: bool = True,
) -> None:
    """Do the work (check, draw, write a report), then again whenever one of ``files`` changes
    (a list, or a function giving it anew each time), until interrupted (exit 0). ``clear``:
    clear the terminal first (output on the terminal).

    A plan that cannot be read is reported and watched until it can. Rule files (``rule-files``)
    are picked up only by starting again."""
    import time

    from ..errors import OutcomeGraphError

    def look() -> list[tuple[str, tuple[int, int] | None]]:
        listed = files() if callable(files) else files
        return list(zip(listed, _stamps(listed)))

    last: list[tuple[str, tuple[int, int] | None]] | None = None
    try:
        while True:
            now = look()
            if now != last:
                if last is not None:
                    time.sleep(0.05)  # (let an editor finish writing the file)
                    now = look()
                    if clear and sys.stdout.isatty():
                        click.clear()
                click.echo(
                    f"[{time.strftime('%H:%M:%S')}] {doing} (watching for changes; Ctrl-C to stop)",
                    err=True,
                )
                try:
                    work()
                except OutcomeGraphError as exc:
                    for line in str(exc).splitlines():
                        say(f"error: {line}")
                if _reader_gone:  # (`check --watch | head`: no one reads what it would write)
                    sys.exit(EXIT_OK)
                last = now
            time.sleep(WATCH_INTERVAL)
    except KeyboardInterrupt:
        sys.exit(EXIT_OK)


def plan_file(_ctx: Any, _param: Any, value: str) -> str:
    """The callback of a command's plan argument where standard input is not read: ``-`` there
    was looked for as a file ("-: no such file"), though ``check -`` reads a plan piped in."""
    if value == "-":
        raise click.BadParameter(
            "standard input (-) is read by `check` alone: give the plan's file (save what "
            "is piped in first, or name a file called - as ./-)"
        )
    return value


def output_option(
    help: str = "The file to write the output to (whole or not at all), or - for standard output "
    "(the default).",
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """``-o/--output FILE`` of a command that writes to standard output when it is left out or
    given as ``-``: the command receives ``None`` for standard output."""
    return click.option(
        "-o",
        "--output",
        type=click.Path(dir_okay=False, allow_dash=True, path_type=str),
        default=None,
        callback=lambda _ctx, _param, value: None if value == "-" else value,
        help=help,
    )


class _Bytes(click.ParamType):  # type: ignore[type-arg]
    """A size in bytes: a whole number, 1 or more. (click's ``IntRange(min=1)`` would add
    ``[x>=1]`` to the help, and refuse 0 as "not in the range x>=1".)"""

    name = "bytes"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
            return value
        try:
            number = int(str(value).strip())
        except ValueError:
            number = None
        if number is None or number < 1:
            self.fail(
                f"{value!r} is not a size: give a whole number of bytes, 1 or more (50000000 for "
                "50 MB)",
                param,
                ctx,
            )
        return number


def max_bytes_option() -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """``--max-bytes BYTES``: the largest input a command reads (``None``: the loader's default,
    :data:`~outcome_graph.loading.loader.DEFAULT_MAX_BYTES`)."""
    return click.option(
        "--max-bytes",
        type=_Bytes(),
        default=None,
        metavar="BYTES",
        help="The largest input to read, in bytes: a whole number, 1 or more (default "
        "33554432, 32 MB).",
    )


def period_option(
    spreadsheets: str = "a flat spreadsheet",
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """``--period START..END``: the plan period of ``spreadsheets`` that have no plan sheet."""
    return click.option(
        "--period",
        default=None,
        metavar="START..END",
        help=f"Plan period for {spreadsheets} with no plan sheet (or a financial year: 2012-13).",
    )


def baseline_option(help: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """``--baseline FILE``: the findings recorded earlier (``baseline_file``); ``help`` is what
    the command does with them."""
    return click.option(
        "--baseline",
        "baseline_file",
        type=click.Path(path_type=str),
        default=None,
        metavar="FILE",
        help=help,
    )


def config_option(
    purpose: str = "", where: str = "beside the plan or above it", then: str = ""
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """``--config FILE``: a configuration file applied over those found ``where`` (as
    :func:`~outcome_graph.config.discover_config` layers it), as every command that takes one
    says it; ``purpose`` follows "A configuration file" (" for --findings"), and ``then`` (a
    sentence) says what the command does with it."""
    return click.option(
        "--config",
        "config_file",
        type=click.Path(dir_okay=False, path_type=str),
        default=None,
        help=f"A configuration file (outcome-graph.toml or pyproject.toml){purpose}: its settings "
        f"apply over those of the files found {where}.{then}",
    )


def isolated_option(
    where: str = "beside the plan or above it",
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """``--isolated``: leave out the configuration files a command would find (``where`` they are
    looked for), and so the rule files they name; ``--config FILE`` and the options still apply."""
    return click.option(
        "--isolated",
        is_flag=True,
        help=f"Ignore the configuration files found {where} (outcome-graph.toml, "
        "pyproject.toml) and the rule files they name: for a plan from elsewhere, or a CI "
        "job that must not use a repository's own settings. --config FILE still applies.",
    )


def rule_options(purpose: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The options that choose the rules of a check and their severities (``--select``,
    ``--ignore``, ``--severity``), as every command that checks a plan takes them; ``purpose``
    ends each help text (" (with --findings)")."""

    def add(command: Callable[..., Any]) -> Callable[..., Any]:
        for option in reversed(
            (
                click.option(
                    "--select",
                    multiple=True,
                    metavar="CODES",
                    help=f"Rule codes or prefixes to run{purpose}, e.g. OG1,OG301.",
                ),
                click.option(
                    "--ignore",
                    multiple=True,
                    metavar="CODES",
                    help=f"Rule codes or prefixes to skip{purpose}, e.g. OG6.",
                ),
                click.option(
                    "--severity",
                    multiple=True,
                    metavar="CODE=SEV",
                    help=f"Override a severity{purpose}, e.g. OG302=error.",
                ),
            )
        ):
            command = option(command)
        return command

    return add


def _split_codes(values: tuple[str, ...]) -> list[str]:
    out: list[str] = []
    for v in values:
        out.extend(x.strip().upper() for x in v.replace(",", " ").split() if x.strip())
    return out


def cli_layer(
    select: tuple[str, ...], ignore: tuple[str, ...], severity: tuple[str, ...], fail_on: str | None
) -> Any:
    """The configuration layer of the options ``--select``, ``--ignore``, ``--severity`` and
    ``--fail-on`` (a ``ConfigLayer`` named "command line")."""
    from ..config import ConfigLayer
    from ..errors import ConfigError

    data: dict[str, Any] = {}
    if select:
        data["select"] = _split_codes(select)
    if ignore:
        data["ignore"] = _split_codes(ignore)
    if severity:
        sev: dict[str, str] = {}
        for item in severity:
            for part in item.replace(",", " ").split():
                code, sep, level = part.partition("=")
                if not sep:
                    raise ConfigError(f"--severity {part!r}: write CODE=SEVERITY, e.g. OG302=error")
                sev[code.strip().upper()] = level
        data["severity"] = sev
    if fail_on:
        data["fail-on"] = fail_on
    return ConfigLayer.from_mapping(data, "command line")
