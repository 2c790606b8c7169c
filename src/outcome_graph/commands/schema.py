"""``outcome-graph schema``: the JSON Schema of the plan format, of the findings document, of the
diff document or of the configuration file."""

from __future__ import annotations

import click


@click.command(
    "schema", short_help="Print the JSON Schema of plans, findings, diffs or configuration."
)
@click.option(
    "--findings",
    is_flag=True,
    help="The schema of the JSON findings document (check --format json).",
)
@click.option(
    "--diff",
    "diff_document",
    is_flag=True,
    help="The schema of the JSON diff document (diff --format json).",
)
@click.option(
    "--config",
    "config_file",
    is_flag=True,
    help="The schema of the configuration file (outcome-graph.toml, [tool.outcome-graph]).",
)
def command(findings: bool, diff_document: bool, config_file: bool) -> None:
    """Print the JSON Schema of the plan format (for editors), of the findings document that
    check --format json writes, of the document that diff --format json writes, or of the
    configuration file (for TOML editors: Taplo, Even Better TOML).

    \b
    Examples:
      outcome-graph schema > plan.schema.json
      outcome-graph schema --findings > findings.schema.json
      outcome-graph schema --diff > diff.schema.json
      outcome-graph schema --config > outcome-graph.config.schema.json
    """
    from .common import handle_errors

    with handle_errors():
        import json

        from ..schema import config_schema, diff_schema, findings_schema, plan_schema

        chosen = [
            name
            for name, given in (
                ("--findings", findings),
                ("--diff", diff_document),
                ("--config", config_file),
            )
            if given
        ]
        if len(chosen) > 1:
            raise click.UsageError(
                f"give {' or '.join(chosen)}, not {'both' if len(chosen) == 2 else 'all three'}"
            )
        schema = (
            findings_schema()
            if findings
            else diff_schema()
            if diff_document
            else config_schema()
            if config_file
            else plan_schema()
        )
        click.echo(json.dumps(schema, indent=2))
