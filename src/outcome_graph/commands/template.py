"""``outcome-graph template``: an empty workbook to write a plan in."""

from __future__ import annotations

import click


@click.command("template", short_help="Write an empty plan workbook to fill in.")
@click.argument("output", type=click.Path(dir_okay=False, path_type=str), required=False)
@click.option(
    "-o",
    "--output",
    "output_file",
    type=click.Path(dir_okay=False, path_type=str),
    metavar="FILE",
    help="The workbook to write, as check, render, report and table name their output (or give it "
    "as OUTPUT).",
)
@click.option(
    "--form",
    type=click.Choice(["levels", "flat"], case_sensitive=False),
    default="levels",
    show_default=True,
    help="levels: one sheet per level with every field; flat: one table as published plans print "
    "it.",
)
@click.option(
    "--force", is_flag=True, help="Replace OUTPUT if it exists (and whatever was written in it)."
)
def command(output: str | None, output_file: str | None, form: str, force: bool) -> None:
    """Write an empty plan workbook (.xlsx): headers, drop-down lists and an instructions sheet.

    An existing OUTPUT is left as it is (it may be a plan being filled in) unless --force is given.

    \b
    Examples:
      outcome-graph template plan.xlsx
      outcome-graph template -o table.xlsx --form flat
    """
    if output is not None and output_file is not None:
        raise click.UsageError(
            f"give the workbook to write once: as OUTPUT ({output}) or with -o ({output_file})"
        )
    output = output if output is not None else output_file
    if output is None:
        raise click.UsageError("give the workbook to write, e.g. outcome-graph template plan.xlsx")
    from .common import handle_errors

    with handle_errors():
        import os

        from ..errors import ConfigError
        from ..output.workbook import write_template

        if not output.lower().endswith(".xlsx"):
            raise ConfigError(
                f"{output}: a template is an .xlsx workbook; give a name ending in .xlsx"
            )
        if os.path.lexists(output) and not force:
            raise ConfigError(
                f"{output} already exists, and may be a plan being filled in: give another name, "
                "or --force to replace it with an empty template"
            )
        write_template(output, form=form)
        click.echo(f"wrote {output} (an empty plan workbook, {form} form)", err=True)
