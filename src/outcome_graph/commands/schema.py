"""``outcome-graph schema``: the JSON Schema of the plan format, of the findings document or of the diff document."""

from __future__ import annotations

import click


@click.command("schema", short_help="Print the JSON Schema of plans, of findings or of diffs.")
@click.option("--findings", is_flag=True, help="The schema of the JSON findings document (check --format json).")
@click.option("--diff", "diff_document", is_flag=True, help="The schema of the JSON diff document (diff --format json).")
def command(findings: bool, diff_document: bool) -> None:
    """Print the JSON Schema of the plan format (for editors), of the findings document that
    check --format json writes, or of the document that diff --format json writes.

    
    Examples:
      outcome-graph schema > plan.schema.json
      outcome-graph schema --findings > findings.schema.json
      outcome-graph schema --diff > diff.schema.json
    """
    from .common import handle_errors

    with handle_errors():
        import json

        from ..schema import diff_schema, findings_schema, plan_schema

        if findings and diff_document:
            raise click.UsageError("give --findings or --diff, not both")
        schema = findings_schema() if findings else diff_schema() if diff_document else plan_schema()
        click.echo(json.dumps(schema, indent=2))
