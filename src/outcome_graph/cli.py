"""The ``outcome-graph`` command.

Exit codes: 0 nothing at or above ``--fail-on``; 1 at least one such finding; 2 the input or the
command line is unusable (the message says what and where, no traceback). Heavy libraries load
only in the commands that need them, so ``--version`` and ``--help`` answer at once.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from typing import Any

import click

from . import __version__
from .severity import FAIL_ON
from .commands.common import (
    EXIT_OK,
    EXIT_USAGE,
    cli_layer,
    emit,
    handle_errors,
    refuse_inputs,
    rule_options,
    repeat_on_change,
    watched_files,
)


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


@main.command(short_help="Check plans and report their findings.")
@click.argument("plans", nargs=-1, required=True, type=click.Path(dir_okay=True, path_type=str))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "sarif", "junit", "github"], case_sensitive=False), default="text", show_default=True,
              help="Output format. json prints one document per plan (JSON Lines for several plans); github writes "
                   "GitHub Actions annotations.")
@rule_options("")
@click.option("--fail-on", type=click.Choice(FAIL_ON, case_sensitive=False), default=None,
              help="Lowest severity that makes the exit code 1 (default: error).")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=str), default=None,
              help="A configuration file (outcome-graph.toml or pyproject.toml).")
@click.option("--period", default=None, metavar="START..END", help="Plan period for a flat spreadsheet with no plan sheet.")
@click.option("--max-bytes", type=click.IntRange(min=1), default=None, help="Largest input accepted (default 32 MB).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=str), default=None,
              help="Write the output to a file (written whole or not at all) instead of standard output.")
@click.option("--hints/--no-hints", default=True, help="Show how to fix each finding (text format).")
@click.option("--statistics", is_flag=True,
              help="Print how many findings each rule has, the most frequent first, instead of the findings "
                   "(text format).")
@click.option("--color/--no-color", default=None,
              help="Colour the text output (default: on a terminal, unless NO_COLOR is set).")
@click.option("--stdin-filename", default=None, metavar="PATH",
              help="The name a plan read from standard input (PLANS given as -) goes by: in findings, and "
                   "where its configuration is looked for.")
@click.option("--baseline", "baseline_file", type=click.Path(path_type=str), default=None, metavar="FILE",
              help="Leave out the findings recorded in FILE (written earlier with --format json or sarif "
                   "-o FILE): report only what is new. The summary counts what was left out.")
@click.option("--watch", is_flag=True,
              help="Check again whenever a plan, its configuration or the baseline changes, until Ctrl-C.")
@click.option("--only-plans", is_flag=True,
              help="Skip YAML/JSON files that do not declare 'format: outcome-graph/...' (for pre-commit hooks).")
@click.option("-j", "--jobs", default="auto", metavar="N|auto", callback=lambda ctx, param, value: _jobs(value),
              help="Processes. Several plans are shared between them, a plan each at a time. For one large "
                   "plan, a child finds node positions while the plan is validated, and the rule families are "
                   "shared between processes (same findings). auto: on Linux, for several plans, or for files of "
                   "1 MB and plans of 5,000 nodes or more; 1: one process.  [default: auto]")
def check(plans: tuple[str, ...], fmt: str, select: tuple[str, ...], ignore: tuple[str, ...], severity: tuple[str, ...],
          fail_on: str | None, config_file: str | None, period: str | None, max_bytes: int | None, output: str | None,
          hints: bool, statistics: bool, color: bool | None, stdin_filename: str | None, baseline_file: str | None,
          watch: bool, only_plans: bool, jobs: Any) -> None:
    """Check one or more plans and report the findings.

    PLANS are files (YAML, JSON, .xlsx, .csv, a folder of CSV files), folders of plans (every YAML or
    JSON file under them that declares the plan format), or - for a YAML or JSON plan read from
    standard input (an editor checking what is being written).

    With --baseline, findings already recorded in a baseline are left out, so that a plan adopted
    with known findings fails only on new ones: record them with
    `outcome-graph check plan.yaml --format json -o baseline.json`, then check with
    `--baseline baseline.json`. A finding is the recorded one when its plan, rule and node are the
    same (lines and figures in the message may change).
    """
    with handle_errors():
        if statistics and fmt != "text":
            raise click.UsageError("--statistics counts findings in the text format; leave out --format "
                                   f"{fmt} (or count the {fmt} output's findings)")
        if plans.count("-") > 1:
            raise click.UsageError("standard input (-) can be read once")
        if stdin_filename and "-" not in plans:
            raise click.UsageError("--stdin-filename names the plan read from standard input: give - among the PLANS")
        if watch and "-" in plans:
            raise click.UsageError("--watch checks files again when they change; standard input (-) cannot be watched")
        given = plans

        def plans_of(given: tuple[str, ...]) -> tuple[str, ...]:
            """The plan files that ``given`` names (folders searched), refused as outputs."""
            plans = _expand_folders(given)
            refuse_inputs(output, plans, config_file, baseline_file, stdin_filename=stdin_filename)
            return tuple(p for p in plans if _declares_plan_format(p)) if only_plans else plans

        plans = plans_of(given)
        if only_plans and not plans and not watch:
            sys.exit(EXIT_OK)
        layer = cli_layer(select, ignore, severity, fail_on)
        from .loading.loader import DEFAULT_MAX_BYTES, read_limited

        limit = max_bytes or DEFAULT_MAX_BYTES
        if "-" in plans and sys.stdin.isatty():  # (a person at a terminal, not a pipe: say what is awaited)
            click.echo("reading a plan from standard input (end it with Ctrl-D)", err=True)
        stdin = read_limited(sys.stdin.buffer, limit) if "-" in plans else b""  # (read before any fork)

        def check_all(plans: tuple[str, ...] = plans) -> int:
            """Check the plans and write the output; the exit code."""
            from .config import discover_config
            from .loading.loader import load_bytes, load_path
            from .rules.engine import check as run_check

            from .baseline import read_baseline

            baseline = read_baseline(baseline_file)
            chunks: list[str] = []
            reports = []
            worst = EXIT_OK
            # Several plans: shared between processes, one plan each at a time (each plan then
            # checked in one process); one plan: its own processes, as --jobs says.
            processes = _plan_processes(jobs, len(plans))
            plan_jobs = jobs if processes == 1 else 1

            def check_one(i: int) -> tuple[Any, list[str], list[Any]]:
                """(the report, the notices, []), or (None, the error's lines, its problems) for a
                plan that cannot be read among several, or annotated for GitHub."""
                from .errors import PlanError, Problem

                path = plans[i]
                try:
                    if path == "-":
                        config = discover_config(stdin_filename, config_file=config_file, cli=layer)
                        name = stdin_filename or "<stdin>"
                        base = os.path.dirname(os.path.abspath(stdin_filename)) if stdin_filename else os.getcwd()
                        if len(stdin) > limit:  # (read up to one byte past the limit: its size is unknown)
                            raise PlanError([Problem(f"the plan is over the {limit:,}-byte limit (--max-bytes "
                                                     "changes it)", file=name)])
                        plan = load_bytes(stdin, file=name, max_bytes=limit, base_dir=base, jobs=plan_jobs)
                    else:
                        config = discover_config(path, config_file=config_file, cli=layer)
                        plan = load_path(path, max_bytes=limit, period=period, jobs=plan_jobs)
                except PlanError as exc:
                    if len(plans) > 1 or fmt in ("github", "sarif"):  # (these two record it in the output)
                        return None, str(exc).splitlines(), list(exc.problems)
                    raise
                refuse_inputs(output, loaded=[plan], configs=[config])
                return run_check(plan, config, jobs=plan_jobs), list(plan.notices), []

            outcomes: Iterable[tuple[Any, list[str], list[Any]]]
            if processes > 1:
                from .forking import map_shared
                from .rules import registry

                registry()  # (the rule modules imported once, before the processes part)
                outcomes = map_shared(check_one, len(plans), processes)
            else:
                outcomes = (check_one(i) for i in range(len(plans)))  # (messages shown as they come)
            use_colour = fmt == "text" and (color if color is not None else (
                output is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")))
            unreadable: list[Any] = []  # (the problems of plans that cannot be read)
            for report, messages, problems in outcomes:
                if report is None:
                    for line in messages:
                        click.echo(f"error: {line}", err=True)
                    unreadable.extend(problems)
                    worst = EXIT_USAGE
                    continue
                for notice in messages:
                    click.echo(f"notice: {notice}", err=True)
                if baseline is not None:
                    mismatch = baseline.mismatch(report.plan_id)
                    if mismatch:
                        click.echo(f"notice: {mismatch}", err=True)
                    report = baseline.apply(report)
                reports.append(report)
                worst = max(worst, report.exit_code)
                if fmt == "json":
                    chunks.append(report.to_json(indent=None if len(plans) > 1 else 2))
                elif fmt == "text":
                    from .output.text import format_report, format_statistics

                    style = click.style if use_colour else None
                    # (several plans: each summary says which file it is, two years of one plan
                    # having one id)
                    name = f"{report.plan_id} ({report.file})" if len(plans) > 1 and report.file else None
                    chunks.append(format_statistics(report, style=style, name=name) if statistics
                                  else format_report(report, style=style, hints=hints, name=name))
            if fmt == "sarif":
                from .output.sarif import to_sarif

                chunks = [to_sarif(reports, unreadable)]
            elif fmt == "junit":
                from .output.junit import to_junit

                chunks = [to_junit(reports)]
            elif fmt == "github":
                from .output.github import to_github

                chunks = [to_github(reports, unreadable)]
            text = ("\n\n" if fmt == "text" else "\n").join(chunks)
            if worst == EXIT_USAGE and output is not None and not (unreadable and fmt in ("github", "sarif")):
                # (written whole or not at all: a file that leaves out a plan is not whole; SARIF and
                # GitHub's annotations record the plans that could not be read, as tool errors)
                click.echo(f"error: {output} not written: a plan could not be read", err=True)
                return worst
            emit(text, output, color=use_colour)
            return worst

        if not watch:
            sys.exit(check_all())
        from .errors import OutcomeGraphError

        def watched() -> list[str]:
            # (searched again each time: a plan added to a folder is checked from then on)
            try:
                found = _expand_folders(given)
            except OutcomeGraphError:  # a folder with no plan yet: watched until it has one
                found = given
            return [*given, *watched_files(found, config_file, baseline_file)]

        repeat_on_change(lambda: check_all(plans_of(given)), f"checking {', '.join(given)}", watched)


def _plan_processes(jobs: int | str, plans: int) -> int:
    """Processes for checking several plans: ``jobs`` itself, or for ``auto`` one per usable CPU
    on Linux (at most one per plan); 1 for a single plan."""
    if plans < 2:
        return 1
    if jobs == "auto":
        from .forking import auto_allowed, usable_cpus

        return min(usable_cpus(), plans) if auto_allowed() else 1
    return min(int(jobs), plans)


def _jobs(value: str) -> int | str:
    if value.strip().lower() == "auto":
        return "auto"
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise click.BadParameter(f"{value!r} is not a positive number or 'auto'")
    return number


#: Folders a search for plans does not enter (tools' and version control's own).
_NOT_SEARCHED = frozenset({"node_modules", "__pycache__", "site-packages", "venv", "build", "dist"})


def _expand_folders(plans: tuple[str, ...]) -> tuple[str, ...]:
    """The plans to check: each folder that holds no CSV file (a CSV plan) replaced by the plan
    files under it, sorted: YAML and JSON files that declare ``format: outcome-graph/...``
    (hidden folders, virtual environments and build folders are not searched; workbooks and CSV
    plans inside are checked only when named). A folder with neither is an error."""
    from pathlib import Path

    from .errors import PlanError, Problem

    out: list[str] = []
    for plan in plans:
        folder = Path(plan)
        if plan == "-" or not folder.is_dir() or any(p.suffix.lower() == ".csv" for p in folder.iterdir()):
            out.append(plan)
            continue
        found: list[str] = []
        for root, dirs, files in os.walk(folder):
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in _NOT_SEARCHED)
            for name in sorted(files):
                path = os.path.join(root, name)
                if name.lower().endswith((".yaml", ".yml", ".json")) and _declares_plan_format(path):
                    found.append(path)
        if not found:
            raise PlanError(Problem("no plan here: no YAML or JSON file declaring 'format: outcome-graph/...' "
                                    "under the folder, and no .csv files (a plan written as CSV files)", file=plan))
        out.extend(sorted(found))
    return tuple(out)


def _declares_plan_format(path: str) -> bool:
    """Whether a YAML/JSON file says it is a plan: its top-level mapping has ``format:
    outcome-graph/...`` (other files are not ours to judge)."""
    if path == "-" or not path.lower().endswith((".yaml", ".yml", ".json")):
        return True  # standard input, spreadsheets and folders are only passed on purpose
    try:
        with open(path, "rb") as fh:
            head = fh.read(65536).decode("utf-8", "replace")
    except OSError:
        return True  # let the loader report it
    from .loading.loader import declares_plan_format

    return declares_plan_format(head)


@main.command(short_help="List the rules, or show one rule's documentation.")
@click.argument("code", required=False)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"], case_sensitive=False), default="text", show_default=True)
@click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=str), default=None,
              help="A configuration file whose rule files to include (default: the one that applies here).")
def rules(code: str | None, fmt: str, config_file: str | None) -> None:
    """List the rule catalogue, or show one rule's documentation (e.g. `rules OG301`).

    Installed plugins' rules are listed, and those of the rule files (`rule-files`) that the
    configuration of the current folder, or --config, names."""
    with handle_errors():
        from .config import Config, discover_config
        from .errors import ConfigError
        from .output.rules_doc import rules_json, rules_markdown, rules_text
        from .rules.engine import configured_rules

        try:
            config = discover_config(None, config_file=config_file)
        except ConfigError:
            if config_file:
                raise
            config = Config()  # (a broken configuration here does not hide the catalogue)
        catalogue = configured_rules(config)
        selected = list(catalogue.values())
        if code:
            key = code.upper()
            selected = [r for r in selected if r.code.startswith(key) or r.name == code.lower()]
            if not selected:
                from .loading.suggest import nearest

                guess = nearest(key, list(catalogue))
                where = "" if key.startswith("OG") or config_file else (
                    " (a rule file's rules are listed in the folder whose configuration names it, "
                    "or with --config FILE)")
                raise ConfigError(f"no rule {code!r}" + (f": did you mean {guess!r}?" if guess else "") + where)
        render: Callable[..., str] = {"text": rules_text, "json": rules_json, "markdown": rules_markdown}[fmt]
        text = render(selected, full=bool(code) or fmt != "text")
        click.echo(text, nl=not text.endswith("\n"))


@main.command(short_help="Print the JSON Schema of plans or of findings.")
@click.option("--findings", is_flag=True, help="The schema of the JSON findings document instead of the plan format.")
def schema(findings: bool) -> None:
    """Print the JSON Schema of the plan format (for editors), or of the findings document."""
    with handle_errors():
        import json

        from .schema import findings_schema, plan_schema

        click.echo(json.dumps(findings_schema() if findings else plan_schema(), indent=2))


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
