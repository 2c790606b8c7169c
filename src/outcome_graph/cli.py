"""The ``outcome-graph`` command.

Exit codes: 0 nothing at or above ``--fail-on``; 1 at least one such finding; 2 the input or the
command line is unusable (the message says what and where, no traceback). Heavy libraries load
only in the commands that need them, so ``--version`` and ``--help`` answer at once.
"""

from __future__ import annotations

import os
import sys

import click

from . import __version__


def run() -> None:
    """The ``outcome-graph`` console script: :func:`main`, then end the process at once.

    A checked 100,000-node plan is over a million small objects, and freeing them one by one as
    the interpreter shuts down takes most of a second. So once the command has finished and its
    output is flushed, the process ends without that clean-up (``os._exit``, as mypy does);
    ``atexit`` handlers do not run. Code that calls :func:`main` itself is unaffected.
    """
    try:
        main(prog_name="outcome-graph")
    except SystemExit as exc:
        code = exc.code
        if code is not None and not isinstance(code, int):
            raise  # a message to print: the interpreter's own exit does that
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except (OSError, ValueError):
            raise exc from None  # the usual exit reports what went wrong
        os._exit(code or 0)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
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
    """A terminated command unwinds like an interrupted one: temporary outputs are removed and an
    existing output is left as it was (a child `dot` process is stopped too)."""
    import signal

    def stop(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    try:
        signal.signal(signal.SIGTERM, stop)
    except ValueError:  # not the main thread (e.g. embedded through click's test runner in a thread)
        pass


def _register_commands() -> None:
    import importlib

    from .commands import COMMANDS

    for name in COMMANDS:
        try:
            module = importlib.import_module(f".commands.{name}", __package__)
        except ModuleNotFoundError as exc:
            if exc.name != f"{__package__}.commands.{name}":
                raise
            continue
        main.add_command(module.command)


_register_commands()


if __name__ == "__main__":  # pragma: no cover
    main()
