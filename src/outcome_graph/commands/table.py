"""``outcome-graph table``: a plan's milestones, indicators, owner load or outcome coverage as a
table."""

from __future__ import annotations

import click

from .common import (
    baseline_option,
    config_option,
    hold_until_exit,
    isolated_option,
    max_bytes_option,
    period_option,
    plan_file,
    rule_options,
    say,
)


@click.command("table", short_help="Print or write a table of a plan.")
@click.argument("plan", type=click.Path(dir_okay=True, path_type=str), callback=plan_file)
@click.option(
    "--what",
    type=click.Choice(
        ["milestones", "indicators", "owners", "coverage", "findings"], case_sensitive=False
    ),
    default="milestones",
    show_default=True,
    help="Which table.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=str),
    default=None,
    callback=lambda _ctx, _param, value: None if value == "-" else value,
    help="Write the table to a .csv or .xlsx file instead of printing it (every column unless "
    "--columns chooses; - prints it).",
)
@click.option(
    "--columns",
    default=None,
    metavar="COLS",
    help="Columns to print or write, comma-separated (default: a readable selection printed, every "
    "column written; 'all' for every column).",
)
@period_option()
@max_bytes_option()
@config_option(" for --what findings")
@isolated_option()
@baseline_option(
    "Leave out the findings recorded in FILE, as check --baseline does (with --what findings)."
)
@rule_options(" (with --what findings)")
def command(
    plan: str,
    what: str,
    output: str | None,
    columns: str | None,
    period: str | None,
    max_bytes: int | None,
    config_file: str | None,
    isolated: bool,
    baseline_file: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    severity: tuple[str, ...],
) -> None:
    """Print or write a table of the plan for analysis.

    \b
    milestones  dates read from due/timescale (start, end, interpretation), owners, status
    indicators  baseline, targets and actuals, one row per value
    owners      milestones per owner, and how many fall due in each month of the plan period
    coverage    priorities by outcome: nodes and indicators serving each outcome
    findings    the findings of a check, with each node's priority, aim, objective and owners

    \b
    Examples:
      outcome-graph table plan.yaml --what milestones
      outcome-graph table plan.yaml --what owners -o owner-load.xlsx
      outcome-graph table plan.xlsx --what coverage -o coverage.csv
      outcome-graph table plan.yaml --what findings -o action-log.xlsx
    """
    from .common import cli_layer, handle_errors, refuse_inputs

    with handle_errors():
        from ..baseline import read_baseline
        from ..errors import ConfigError
        from ..loading.loader import DEFAULT_MAX_BYTES, load_path
        from ..output.tables import TEXT_COLUMNS, format_table, table, write_table

        if (config_file or baseline_file or select or ignore or severity) and what != "findings":
            raise click.UsageError(
                "--config, --baseline, --select, --ignore and --severity apply to --what findings"
            )
        refuse_inputs(output, [plan], config_file, baseline_file)
        baseline = read_baseline(baseline_file)
        loaded = load_path(plan, max_bytes=max_bytes or DEFAULT_MAX_BYTES, period=period)
        hold_until_exit(loaded)
        refuse_inputs(output, loaded=[loaded])
        for notice in loaded.notices:
            say(f"notice: {notice}")
        report = None
        if what == "findings":
            from ..config import discover_config
            from ..rules.engine import check

            config = discover_config(
                plan,
                config_file=config_file,
                cli=cli_layer(select, ignore, severity, None),
                isolated=isolated,
            )
            refuse_inputs(output, configs=[config])
            report = check(loaded, config)
            if baseline is not None:
                mismatch = baseline.mismatch(loaded.id)
                if mismatch:
                    say(f"notice: {mismatch}")
                report = baseline.apply(report)
        df = table(loaded, what, report=report)
        chosen = (
            tuple(c.strip() for c in columns.split(",") if c.strip())
            if columns and columns != "all"
            else ()
        )
        if columns is not None and columns != "all" and not chosen:
            raise ConfigError(
                f"--columns names no column; the columns are {', '.join(map(str, df.columns))}"
            )
        twice = next((c for i, c in enumerate(chosen) if c in chosen[:i]), None)
        if twice is not None:
            raise ConfigError(f"--columns names the column {twice!r} twice")
        unknown = [c for c in chosen if c not in df.columns]
        if unknown:
            raise ConfigError(
                f"no column {unknown[0]!r}; the columns are {', '.join(map(str, df.columns))}"
            )
        if output is not None:
            # (the whole table, unless --columns names the columns to keep)
            write_table(df[list(chosen)] if chosen else df, output, sheet=what)
            click.echo(f"wrote {output} ({len(df)} row{'' if len(df) == 1 else 's'})", err=True)
            return
        shown = chosen if columns else TEXT_COLUMNS.get(what, ())
        click.echo(format_table(df, columns=shown))
