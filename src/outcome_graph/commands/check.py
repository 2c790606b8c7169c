"""``outcome-graph check``: check plans and report their findings, in text, JSON, SARIF, JUnit or
GitHub annotations, with the exit code a CI job reads."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

import click

from ..severity import FAIL_ON, SEVERITIES
from .common import (
    EXIT_OK,
    EXIT_USAGE,
    baseline_option,
    config_option,
    isolated_option,
    max_bytes_option,
    output_option,
    period_option,
    rule_options,
    say,
    say_notices,
)

#: Formats that record a plan that cannot be read in the output itself (as a tool error).
_RECORDS_UNREADABLE = ("github", "sarif", "json", "jsonl", "junit")


def jobs_option(value: str) -> int | str:
    """``--jobs``: a positive number, or ``auto``."""
    if value.strip().lower() == "auto":
        return "auto"
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise click.BadParameter(f"{value!r} is not a positive number or 'auto'")
    return number


@click.command("check", short_help="Check plans and report their findings.")
@click.argument("plans", nargs=-1, required=True, type=click.Path(dir_okay=True, path_type=str))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "jsonl", "sarif", "junit", "github"], case_sensitive=False),
    default="text",
    show_default=True,
    help="Output format. json prints one document per plan (JSON Lines for several plans); jsonl "
    "one line per plan however many (for a program reading a folder); github writes GitHub "
    "Actions annotations.",
)
@rule_options("")
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON, case_sensitive=False),
    default=None,
    help="Lowest severity that makes the exit code 1 (default: the configuration's fail-on, else "
    "error).",
)
@click.option(
    "--min-severity",
    type=click.Choice(SEVERITIES, case_sensitive=False),
    default="info",
    show_default=True,
    callback=lambda _ctx, _param, value: value.lower(),
    help="Report only the findings of this severity or above, in every format, the summary and the "
    "exit code, as if the rules had not reported the others (error: errors only).",
)
@config_option()
@isolated_option()
@period_option()
@max_bytes_option()
@output_option()
@click.option(
    "--hints/--no-hints",
    default=True,
    show_default=True,
    help="Show how to fix each finding (text format).",
)
@click.option(
    "--statistics",
    is_flag=True,
    help="Print how many findings each rule has, the most frequent first, instead of the findings "
    "(text format).",
)
@click.option(
    "--color/--no-color",
    default=None,
    help="Colour the text output, whatever NO_COLOR and FORCE_COLOR say (default: on a terminal, "
    "or in a pipe when FORCE_COLOR is set to other than 0 or false; never when NO_COLOR is "
    "set).",
)
@click.option(
    "--stdin-filename",
    default=None,
    metavar="PATH",
    help="The name a plan read from standard input (PLANS given as -) goes by: in findings, and "
    "where its configuration is looked for.",
)
@baseline_option(
    "Leave out the findings recorded in FILE (written earlier with --format json or sarif "
    "-o FILE): report only what is new. The summary counts what was left out."
)
@click.option(
    "--watch",
    is_flag=True,
    help="Check again whenever a plan, its configuration or the baseline changes, until Ctrl-C.",
)
@click.option(
    "--only-plans",
    is_flag=True,
    help="Skip YAML/JSON files that do not declare 'format: outcome-graph/...' (for pre-commit "
    "hooks).",
)
@click.option(
    "-j",
    "--jobs",
    default="auto",
    metavar="N|auto",
    callback=lambda ctx, param, value: jobs_option(value),
    help="Processes. Several plans are shared between them, a plan each at a time. For one large "
    "plan, a child finds node positions while the plan is validated, and the rule families are "
    "shared between processes (same findings). auto: on Linux, for several plans, or for files of "
    "1 MB and plans of 5,000 nodes or more; 1: one process.  [default: auto]",
)
def command(
    plans: tuple[str, ...],
    fmt: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    severity: tuple[str, ...],
    fail_on: str | None,
    min_severity: str,
    config_file: str | None,
    isolated: bool,
    period: str | None,
    max_bytes: int | None,
    output: str | None,
    hints: bool,
    statistics: bool,
    color: bool | None,
    stdin_filename: str | None,
    baseline_file: str | None,
    watch: bool,
    only_plans: bool,
    jobs: Any,
) -> None:
    """Check one or more plans and report the findings.

    PLANS are files (YAML, JSON, .xlsx, .csv, a folder of CSV files), folders of plans (every YAML
    or JSON file under them that declares the plan format), or - for a YAML or JSON plan read from
    standard input (an editor checking what is being written).

    With --baseline, findings already recorded in a baseline are left out, so that a plan adopted
    with known findings fails only on new ones: record them with
    `outcome-graph check plan.yaml --format json -o baseline.json`, then check with
    `--baseline baseline.json`. A finding is the recorded one when its plan, rule and node are the
    same (lines and figures in the message may change).

    \b
    Examples:
      outcome-graph check plan.yaml
      outcome-graph check plans/ --format sarif -o findings.sarif
      outcome-graph check plan.yaml --select OG3,OG4 --fail-on warning
      outcome-graph check plan.yaml --min-severity error   # errors only
      outcome-graph check their-plan.yaml --isolated       # no configuration from its folder
      outcome-graph check plan.yaml --format json -o baseline.json
      outcome-graph check plan.yaml --baseline baseline.json
    """
    from .common import cli_layer, handle_errors, refuse_inputs, repeat_on_change, watched_files

    with handle_errors():
        if statistics and fmt != "text":
            raise click.UsageError(
                "--statistics counts findings in the text format; leave out --format "
                f"{fmt} (or count the {fmt} output's findings)"
            )
        if plans.count("-") > 1:
            raise click.UsageError("standard input (-) can be read once")
        if stdin_filename and "-" not in plans:
            raise click.UsageError(
                "--stdin-filename names the plan read from standard input: give - among the PLANS"
            )
        if watch and "-" in plans:
            raise click.UsageError(
                "--watch checks files again when they change; standard input (-) cannot be watched"
            )

        def plans_of(given: tuple[str, ...]) -> tuple[str, ...]:
            """The plan files that ``given`` names (folders searched), refused as outputs."""
            found = expand_folders(given)
            refuse_inputs(output, found, config_file, baseline_file, stdin_filename=stdin_filename)
            return tuple(p for p in found if _declares_plan_format(p)) if only_plans else found

        first = plans_of(plans)
        if only_plans and not first and not watch:
            sys.exit(EXIT_OK)
        from ..loading.loader import DEFAULT_MAX_BYTES, read_limited

        limit = max_bytes or DEFAULT_MAX_BYTES
        if (
            "-" in first and sys.stdin.isatty()
        ):  # (a person at a terminal, not a pipe: say what is awaited)
            click.echo("reading a plan from standard input (end it with Ctrl-D)", err=True)
        stdin = (
            read_limited(sys.stdin.buffer, limit) if "-" in first else b""
        )  # (read before any fork)
        run = _Check(
            fmt=fmt,
            layer=cli_layer(select, ignore, severity, fail_on),
            config_file=config_file,
            isolated=isolated,
            period=period,
            limit=limit,
            output=output,
            hints=hints,
            statistics=statistics,
            color=color,
            stdin=stdin,
            stdin_filename=stdin_filename,
            baseline_file=baseline_file,
            jobs=jobs,
            min_severity=min_severity,
        )
        if not watch:
            sys.exit(run.all(first))
        from ..errors import OutcomeGraphError

        def watched() -> list[str]:
            # (searched again each time: a plan added to a folder is checked from then on)
            try:
                found = expand_folders(plans)
            except OutcomeGraphError:  # a folder with no plan yet: watched until it has one
                found = plans
            return [*plans, *watched_files(found, config_file, baseline_file, isolated=isolated)]

        repeat_on_change(lambda: run.all(plans_of(plans)), f"checking {', '.join(plans)}", watched)


@dataclass
class _Check:
    """One run of ``check`` over a list of plans, as the options say (run again by ``--watch``)."""

    fmt: str
    layer: Any  # the command line's configuration layer
    config_file: str | None
    isolated: bool  # --isolated: no configuration file found from the plan's folder
    period: str | None
    limit: int  # --max-bytes
    output: str | None
    hints: bool
    statistics: bool
    color: bool | None
    stdin: bytes  # a plan given as -, read before any process is forked
    stdin_filename: str | None
    baseline_file: str | None
    jobs: Any
    min_severity: str = "info"  # --min-severity: the findings below it are left out

    def all(self, plans: tuple[str, ...]) -> int:
        """Check the plans and write the output; the exit code."""
        if self.baseline_file is None:  # (the baseline module is imported only for --baseline)
            baseline = None
        else:
            from ..baseline import read_baseline

            baseline = read_baseline(self.baseline_file)
        # Several plans: shared between processes, one plan each at a time (each plan then
        # checked in one process); one plan: its own processes, as --jobs says.
        processes = plan_processes(self.jobs, len(plans))
        plan_jobs = self.jobs if processes == 1 else 1

        def one(i: int) -> tuple[Any, list[str], list[Any]]:
            report, messages, problems = self.one(plans[i], several=len(plans) > 1, jobs=plan_jobs)
            if baseline is not None and report is not None and processes > 1:
                # (applied where the report still has its plan, whose nodes' titles find the
                # baseline's nodes renumbered: the report sent back to this process has lost it)
                report = baseline.apply(report)
            return report, messages, problems

        outcomes: Iterable[tuple[Any, list[str], list[Any]]]
        if processes > 1:
            from ..forking import map_shared
            from ..rules import registry

            registry()  # (the rule modules imported once, before the processes part)
            outcomes = map_shared(one, len(plans), processes)
        else:
            outcomes = (one(i) for i in range(len(plans)))  # (messages shown as they come)
        in_order: list[
            Any
        ] = []  # (each plan's report, or (its path, its problems) where it cannot be read)
        worst = EXIT_OK
        for index, (report, messages, problems) in enumerate(outcomes):
            if report is None:
                for line in messages:
                    say(f"error: {line}")
                in_order.append((plans[index], problems))
                worst = EXIT_USAGE
                continue
            say_notices(messages)
            if baseline is not None:
                mismatch = baseline.mismatch(report.plan_id)
                if mismatch:
                    say(f"notice: {mismatch}")
                    # (in the output too: a CI job reading JSON
                    # or SARIF sees why every finding is new)
                    report = replace(report, notices=[*report.notices, mismatch])
                if report.baselined is None:  # (not applied already, in another process)
                    report = baseline.apply(report)
            report = at_least(report, self.min_severity)
            in_order.append(report)
            worst = max(worst, report.exit_code)
        from ..rules.registry import one_rule_per_code

        # (two projects' rule files declaring one code: each plan ran its own, but one run's output
        # names a rule by its code; refused, exit 2, nothing written)
        one_rule_per_code(item.sources for item in in_order if not isinstance(item, tuple))
        unreadable = any(isinstance(item, tuple) for item in in_order)
        if (
            worst == EXIT_USAGE
            and self.output is not None
            and not (unreadable and self.fmt in _RECORDS_UNREADABLE)
        ):
            # (written whole or not at all: a file that leaves out a plan is not whole; SARIF and
            # GitHub's annotations record the plans that could not be read, as tool errors)
            say(f"error: {self.output} not written: a plan could not be read")
            return worst
        from .common import emit

        colour = self._colour()
        emit(self.text(in_order, several=len(plans) > 1, colour=colour), self.output, color=colour)
        return worst

    def one(self, path: str, *, several: bool, jobs: Any) -> tuple[Any, list[str], list[Any]]:
        """(the report, the notices, []), or (None, the error's lines, its problems) for a plan that
        cannot be read among several, or in a format that records it."""
        from ..config import discover_config
        from ..errors import STDIN_NAME, PlanError, Problem
        from ..loading.loader import load_bytes, load_path
        from ..rules.engine import check
        from .common import hold_until_exit, refuse_inputs

        try:
            if path == "-":
                config = discover_config(
                    self.stdin_filename,
                    config_file=self.config_file,
                    cli=self.layer,
                    isolated=self.isolated,
                )
                name = self.stdin_filename or STDIN_NAME
                base = (
                    os.path.dirname(os.path.abspath(self.stdin_filename))
                    if self.stdin_filename
                    else os.getcwd()
                )
                if (
                    len(self.stdin) > self.limit
                ):  # (read up to one byte past the limit: its size is unknown)
                    raise PlanError(
                        [
                            Problem(
                                f"the plan is over the {self.limit:,}-byte limit (--max-bytes "
                                "changes it)",
                                file=name,
                            )
                        ]
                    )
                try:
                    plan = load_bytes(
                        self.stdin, file=name, max_bytes=self.limit, base_dir=base, jobs=jobs
                    )
                except PlanError as exc:
                    raise _not_read_from_stdin(exc, self.stdin) from None
            else:
                config = discover_config(
                    path, config_file=self.config_file, cli=self.layer, isolated=self.isolated
                )
                plan = load_path(path, max_bytes=self.limit, period=self.period, jobs=jobs)
        except PlanError as exc:
            if several or self.fmt in _RECORDS_UNREADABLE:
                return None, str(exc).splitlines(), list(exc.problems)
            raise
        refuse_inputs(self.output, loaded=[plan], configs=[config])
        hold_until_exit(plan)
        return check(plan, config, jobs=jobs), list(plan.notices), []

    def _colour(self) -> bool:
        """Whether the output is coloured: --color/--no-color; else on standard output, unless
        NO_COLOR is set (no-color.org), when it is a terminal or FORCE_COLOR forces it (a CI log
        that shows colours); never in a file. Empty variables count as unset."""
        if self.fmt != "text":
            return False
        if self.color is not None:
            return self.color
        if self.output is not None or os.environ.get("NO_COLOR"):
            return False
        return colour_forced(os.environ.get("FORCE_COLOR")) or sys.stdout.isatty()

    def text(self, in_order: list[Any], *, several: bool, colour: bool) -> str:
        """The output, in the format asked, of each plan in order: its report, or (its path, its
        problems) where it could not be read."""
        reports = [item for item in in_order if not isinstance(item, tuple)]
        unreadable = [p for item in in_order if isinstance(item, tuple) for p in item[1]]
        if self.fmt in ("json", "jsonl"):
            import json

            from ..findings import problems_document
            from ..paths import text_name

            indent = None if several or self.fmt == "jsonl" else 2
            return "\n".join(
                item.to_json(indent=indent)
                if not isinstance(item, tuple)
                else json.dumps(
                    problems_document(item[1], file=None if item[0] == "-" else text_name(item[0])),
                    indent=indent,
                    ensure_ascii=False,
                )
                for item in in_order
            )
        if self.fmt == "sarif":
            from ..output.sarif import to_sarif

            return to_sarif(reports, unreadable)
        if self.fmt == "junit":
            from ..output.junit import to_junit

            return to_junit(reports, unreadable)
        if self.fmt == "github":
            from ..output.github import to_github

            return to_github(reports, unreadable)
        from ..errors import STDIN_NAME
        from ..output.text import format_report, format_statistics

        style = click.style if colour else None
        chunks = []
        for report in reports:
            # (several plans: each summary says which file it is, two years of one plan having one
            # id) (the report of the plan read from standard input has no file: it is <stdin> to a
            # person)
            # person)
            name = f"{report.plan_id} ({report.file or STDIN_NAME})" if several else None
            chunks.append(
                format_statistics(report, style=style, name=name)
                if self.statistics
                else format_report(report, style=style, hints=self.hints, name=name)
            )
        return "\n\n".join(chunks)


def colour_forced(value: str | None) -> bool:
    """Whether FORCE_COLOR's value asks for colour where there is no terminal: any value but an
    empty one, ``0`` or ``false`` (in any case). ``FORCE_COLOR=0`` is written to say "do not
    force" (Node's tools read it so), and read as forcing it coloured every log that set it.

    >>> [colour_forced(v) for v in (None, "", "0", "false", "FALSE", " 0 ", "1", "true", "3")]
    [False, False, False, False, False, False, True, True, True]
    """
    return value is not None and value.strip().lower() not in ("", "0", "false")


def at_least(report: Any, severity: str) -> Any:
    """The report without the findings below ``severity`` (``--min-severity``): left out of every
    format, the counts and the exit code alike, as if their rules had not reported them; its
    suppressed and baselined findings too, which SARIF lists; and without the rules of a lower
    severity among those run, which could report nothing shown (JUnit lists the rules run)."""
    import dataclasses

    if severity == SEVERITIES[-1]:
        return report
    kept = set(SEVERITIES[: SEVERITIES.index(severity) + 1])

    def shown(findings: Any) -> Any:
        return None if findings is None else [f for f in findings if f.severity in kept]

    rules = (
        None
        if report.rules is None
        else {code: sev for code, sev in report.rules.items() if sev in kept}
    )
    return dataclasses.replace(
        report,
        findings=shown(report.findings),
        suppressed=shown(report.suppressed),
        baselined=shown(report.baselined),
        rules=rules,
    )


def _not_read_from_stdin(error: Any, data: bytes) -> Any:
    """The error of a plan read from standard input (``check -``), which takes YAML or JSON
    alone: for a workbook or a CSV table, say that and what to give instead (their path: the
    loader tells those by their file name), rather than what the loader said of a file
    (a workbook's "name ends in .xlsx" when it has none; CSV text read as "a single value")."""
    from ..errors import PlanError, Problem

    first = error.problems[0]
    what = None
    if data.startswith(b"PK\x03\x04") and "workbook" in first.message:
        what = "a workbook (or another zip file)"
    elif first.line == 1 and "a single value" in first.message:
        head = data.split(b"\n", 1)[0].decode("utf-8", "replace")
        if head.count(",") >= 1 and ":" not in head:  # (a header row: `id,title,lead,...`)
            what = "CSV text"
    if what is None:
        return error
    return PlanError(
        [
            Problem(
                f"standard input (-) takes a YAML or JSON plan, and this is {what}: give the "
                "file's path instead of - (outcome-graph check plan.xlsx, plan.csv or a folder of "
                "CSV files)",
                file=first.file,
                line=1,
                column=1,
            )
        ]
    )


def plan_processes(jobs: int | str, plans: int) -> int:
    """Processes for checking several plans: ``jobs`` itself, or for ``auto`` one per usable CPU
    on Linux (at most one per plan); 1 for a single plan."""
    if plans < 2:
        return 1
    if jobs == "auto":
        from ..forking import auto_allowed, usable_cpus

        return min(usable_cpus(), plans) if auto_allowed() else 1
    return min(int(jobs), plans)


#: Folders a search for plans does not enter (tools' and version control's own).
_NOT_SEARCHED = frozenset({"node_modules", "__pycache__", "site-packages", "venv", "build", "dist"})


def expand_folders(plans: tuple[str, ...]) -> tuple[str, ...]:
    """The plans to check: each folder that holds no CSV file (a CSV plan) replaced by the plan
    files under it, sorted: YAML and JSON files that declare ``format: outcome-graph/...``
    (hidden folders, virtual environments and build folders are not searched; workbooks and CSV
    plans inside are checked only when named). A folder with neither is an error."""
    from pathlib import Path

    from ..errors import PlanError, Problem

    out: list[str] = []
    for plan in plans:
        folder = Path(plan)
        if (
            plan == "-"
            or not folder.is_dir()
            or any(p.suffix.lower() == ".csv" for p in folder.iterdir())
        ):
            out.append(plan)
            continue
        found: list[str] = []
        for root, dirs, files in os.walk(folder):
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in _NOT_SEARCHED)
            for name in sorted(files):
                path = os.path.join(root, name)
                if name.lower().endswith((".yaml", ".yml", ".json")) and _declares_plan_format(
                    path
                ):
                    found.append(path)
        if not found:
            raise PlanError(
                Problem(
                    "no plan here: no YAML or JSON file declaring 'format: outcome-graph/...' "
                    "under the folder, and no .csv files (a plan written as CSV files)",
                    file=plan,
                )
            )
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
    from ..loading.loader import declares_plan_format

    return declares_plan_format(head)
