"""``outcome-graph schema``: the JSON Schema of the plan format, or of the findings document."""

from __future__ import annotations

import click


@click.command("schema", short_help="Print the JSON Schema of plans or of findings.")
@click.option("--findings", is_flag=True, help="The schema of the JSON findings document instead of the plan format.")
def command(findings: bool) -> None:
    """Print the JSON Schema of the plan format (for editors), or of the findings document.

    \b
    Examples:
      outcome-graph schema > plan.schema.json
      outcome-graph schema --findings > findings.schema.json
    """
    from .common import handle_errors

    with handle_errors():
        import json

        from ..schema import findings_schema, plan_schema

        click.echo(json.dumps(findings_schema() if findings else plan_schema(), indent=2))
