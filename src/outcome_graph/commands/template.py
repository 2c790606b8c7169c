"""``outcome-graph template``: an empty workbook to write a plan in."""

from __future__ import annotations

import click


@click.command("template", short_help="Write an empty plan workbook to fill in.")
@click.argument("output", type=click.Path(dir_okay=False, path_type=str))
@click.option("--form", type=click.Choice(["levels", "flat"], case_sensitive=False), default="levels", show_default=True,
              help="levels: one sheet per level with every field; flat: one table as published plans print it.")
@click.option("--force", is_flag=True, help="Replace OUTPUT if it exists (and whatever was written in it).")
def command(output: str, form: str, force: bool) -> None:
    """Write an empty plan workbook (.xlsx): headers, drop-down lists and an instructions sheet.

    An existing OUTPUT is left as it is (it may be a plan being filled in) unless --force is given.

    \b
    Examples:
      outcome-graph template plan.xlsx
      outcome-graph template table.xlsx --form flat
    """
    from .common import handle_errors

    with handle_errors():
        import os

        from ..errors import ConfigError
        from ..output.workbook import write_template

        if not output.lower().endswith(".xlsx"):
            raise ConfigError(f"{output}: a template is an .xlsx workbook; give a name ending in .xlsx")
        if os.path.lexists(output) and not force:
            raise ConfigError(f"{output} already exists, and may be a plan being filled in: give another name, "
                              "or --force to replace it with an empty template")
        write_template(output, form=form)
        click.echo(f"wrote {output} (an empty plan workbook, {form} form)", err=True)
