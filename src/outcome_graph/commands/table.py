"""``outcome-graph table``: a plan's milestones, indicators, owner load or outcome coverage as a table."""

from __future__ import annotations

import click


@click.command("table")
@click.argument("plan", type=click.Path(dir_okay=True, path_type=str))
@click.option("--what", type=click.Choice(["milestones", "indicators", "owners", "coverage"]), default="milestones",
              show_default=True, help="Which table.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=str), default=None,
              help="Write the whole table to a .csv or .xlsx file instead of printing it.")
@click.option("--columns", default=None, metavar="COLS",
              help="Columns to print, comma-separated (default: a readable selection; 'all' for every column).")
@click.option("--period", default=None, metavar="START..END", help="Plan period for a flat spreadsheet with no plan sheet.")
@click.option("--max-bytes", type=click.IntRange(min=1), default=None, help="Largest input accepted (default 32 MB).")
def command(plan: str, what: str, output: str | None, columns: str | None, period: str | None,
            max_bytes: int | None) -> None:
    """Print or write a table of the plan for analysis.

    \b
    milestones  dates read from due/timescale (start, end, interpretation), owners, status
    indicators  baseline, targets and actuals, one row per value
    owners      milestones per owner, and how many fall due in each month of the plan period
    coverage    priorities by outcome: nodes and indicators serving each outcome

    \b
    Examples:
      outcome-graph table plan.yaml --what milestones
      outcome-graph table plan.yaml --what owners -o owner-load.xlsx
      outcome-graph table plan.xlsx --what coverage -o coverage.csv
    """
    from ..cli import _errors

    with _errors():
        from ..loading.loader import DEFAULT_MAX_BYTES, load_path
        from ..output.files import refuse_input_as_output
        from ..output.tables import TEXT_COLUMNS, format_table, table, write_table

        if output is not None:
            refuse_input_as_output(output, [plan])
        loaded = load_path(plan, max_bytes=max_bytes or DEFAULT_MAX_BYTES, period=period)
        for notice in loaded.notices:
            click.echo(f"notice: {notice}", err=True)
        df = table(loaded, what)
        if output is not None:
            write_table(df, output, sheet=what)
            click.echo(f"wrote {output} ({len(df)} rows)", err=True)
            return
        if columns == "all":
            shown: tuple[str, ...] = ()
        elif columns:
            shown = tuple(c.strip() for c in columns.split(",") if c.strip())
        else:
            shown = TEXT_COLUMNS.get(what, ())
        click.echo(format_table(df, columns=shown))
