"""The ``outcome-graph`` command.

Exit codes: 0 nothing at or above ``--fail-on``; 1 at least one such finding; 2 the input or the
command line is unusable (the message says what and where, no traceback); 3 a bug; 128 + the
signal's number when stopped by one (130 for Ctrl-C). Heavy libraries load
only in the commands that need them, so ``--version`` and ``--help`` answer at once.
"""

from __future__ import annotations

import importlib
import os
import sys

import click

from . import __version__
from .commands import COMMANDS


def run() -> None:
    """The ``outcome-graph`` console script: :func:`main`, then end the process at once.

    A checked 100,000-node plan is over a million small objects, and freeing them one by one as
    the interpreter shuts down takes most of a second. So once the command has finished and its
    output is flushed, the process ends without that clean-up (``os._exit``, as mypy does);
    ``atexit`` handlers do not run. Code that calls :func:`main` itself is unaffected.
    """
    from .commands import common
    from .commands.common import EXIT_USAGE, open_closed_streams, quiet_stdout

    open_closed_streams()
    common.ENDS_AT_ONCE = True
    try:
        main(prog_name="outcome-graph")
    except SystemExit as exc:
        code = exc.code
        if code is not None and not isinstance(code, int):
            raise  # a message to print: the interpreter's own exit does that
        if code == 1 and type(sys.stdout).__name__.lstrip("_") == "PacifyFlushWrapper":
            # click's own handling of a reader gone before --help, --version or a usage message
            # was written (`outcome-graph --help | head -1`) exits 1, which says "findings" here;
            # as for every other command's output, the reader leaving early is no failure
            code = 0
        try:
            sys.stdout.flush()
        except BrokenPipeError:  # (the reader has gone: the command's exit code stands)
            quiet_stdout()
        except (OSError, ValueError) as error:
            _unwritable(error)
            code = EXIT_USAGE
        try:
            sys.stderr.flush()
        except (OSError, ValueError):
            pass
        os._exit(code or 0)
    except OSError as exc:
        # A standard stream that cannot be written outside a command's own error handling (--help
        # or --version into a full disk or a closed standard output, a message into a full
        # standard error): an error, not a bug, and never a traceback.
        _unwritable(exc)
        os._exit(EXIT_USAGE)


def _unwritable(error: Exception) -> None:
    """Say (where standard error still can) that an output could not be written, and write
    nothing more to standard output."""
    from .commands.common import StreamClosed, quiet_stdout

    quiet_stdout()
    if isinstance(error, StreamClosed):
        reason = error.strerror
    elif isinstance(error, OSError):
        reason = f"cannot write the output: {error.strerror or error}"
    else:
        reason = f"cannot write the output: {error}"
    try:
        sys.stderr.write(f"error: {reason}\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


_EPILOG = """\b
Exit codes: 0 done (check: no finding at or above --fail-on); 1 check: at least one such
finding (diff --fail-on-changes: a change); 2 the input or the command line is unusable (the
message names the file and line); 3 a bug in outcome-graph; 130, 143 or 129 stopped by
Ctrl-C, SIGTERM or SIGHUP.

\b
Environment: NO_COLOR turns colour off, FORCE_COLOR (but 0 or false) turns it on in a
pipe, and check's --color/--no-color decide over both; OUTCOME_GRAPH_DEBUG=1 shows the
traceback of an internal error.
Shell completion: in ~/.bashrc (zsh: zsh_source in ~/.zshrc),
  eval "$(_OUTCOME_GRAPH_COMPLETE=bash_source outcome-graph)"
"""


class _Group(click.Group):
    """The command group, importing a subcommand's module when that command is wanted.

    ``outcome-graph check`` then builds the check command alone, not the other commands' options
    and help texts, at every start. It is built on click's points for commands loaded lazily:
    :meth:`list_commands` names the commands whose module is there without importing one, and
    :meth:`get_command` imports the one asked for. So ``--help`` imports them all, completing
    ``rep`` imports ``report`` alone, a mistyped command (``chek``) none, and a command module
    that is absent is left out, as an optional part of the package may be. (``main.commands`` holds
    the commands imported so far; code that wants them all asks these two methods, as click's own
    help and completion do.)
    """

    def list_commands(self, ctx: click.Context) -> list[str]:
        """The commands, in alphabetical order (as ``--help`` shows them): the package's, and any
        added with :meth:`add_command`."""
        return sorted({*self.commands, *(name for name in COMMANDS if _present(name))})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """The command of that name, its module imported the first time (None for no command)."""
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            command = _imported(cmd_name)
            if command is not None:
                self.add_command(command, cmd_name)
        return super().get_command(ctx, cmd_name)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        """The command the first argument names, or a usage error saying which command a mistyped
        one is close to (``chek``: did you mean ``check``?).

        click weighs the commands registered so far (``self.commands``), which would mean
        importing every command's module to answer a typo; the names alone say it.
        """
        name = click.utils.make_str(args[0])
        if (
            not ctx.resilient_parsing
            and not name.startswith("-")
            and ctx.token_normalize_func is None
            and self.get_command(ctx, name) is None
        ):
            from .loading.suggest import nearest

            guess = nearest(name, self.list_commands(ctx))
            message = f"No such command {name!r}." + (f" Did you mean {guess!r}?" if guess else "")
            error = getattr(click.exceptions, "NoSuchCommand", None)  # (click 8.4 and later)
            raise error(name, message, ctx=ctx) if error else click.UsageError(message, ctx)
        return super().resolve_command(ctx, args)


def _present(name: str) -> bool:
    """Whether the module of the command ``name`` is installed (found, not imported)."""
    import importlib.util  # (only listing the commands needs it, not a command's start)

    return importlib.util.find_spec(f".commands.{name}", __package__) is not None


def _imported(name: str) -> click.Command | None:
    """The command ``name`` from its module, or None when that module is absent (an error inside a
    module that is there is raised as it is)."""
    try:
        module = importlib.import_module(f".commands.{name}", __package__)
    except ModuleNotFoundError as exc:
        if exc.name != f"{__package__}.commands.{name}":
            raise
        return None
    command: click.Command = module.command
    return command


@click.group(
    cls=_Group,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog=_EPILOG,
)
@click.version_option(__version__, "-V", "--version", prog_name="outcome-graph")
def main() -> None:
    """Check a Children and Young People's Plan (or any outcome plan) as a graph.

    \b
    Quick start:
      outcome-graph check plan.yaml          # findings, exit 1 on errors
      outcome-graph rules                    # the rule catalogue
      outcome-graph schema > plan.schema.json
    """
    _exit_cleanly_on_sigterm()


def _exit_cleanly_on_sigterm() -> None:
    """A terminated command (SIGTERM, or SIGHUP: its terminal closed) unwinds like an interrupted
    one: temporary outputs are removed, an existing output is left as it was, and the processes it
    started (workers, `dot`) are stopped; it exits 128 + the signal's number. A signal ignored
    when the command started (SIGHUP under ``nohup``) stays ignored. The handlers are the
    command's only while it runs: a program that runs it in its own process (click's test
    runner, ``main(standalone_mode=False)``) has its own back when the command returns."""
    import signal

    from .commands.common import Terminated

    def stop(signum: int, frame: object) -> None:
        raise Terminated(128 + signum)

    previous: dict[int, object] = {}
    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is None:  # pragma: no cover - not POSIX
            continue
        try:
            handler = signal.getsignal(number)
            if handler is not signal.SIG_IGN:
                signal.signal(number, stop)
                previous[number] = handler
        except (
            ValueError
        ):  # not the main thread (e.g. embedded through click's test runner in a thread)
            pass

    def restore() -> None:
        for number, handler in previous.items():
            # (None: a handler not set from Python, which Python cannot set back; the default is
            # what such a process had)
            restored = signal.SIG_DFL if handler is None else handler
            signal.signal(number, restored)  # type: ignore[arg-type]

    if previous:
        click.get_current_context().call_on_close(restore)


if __name__ == "__main__":  # pragma: no cover
    main()
