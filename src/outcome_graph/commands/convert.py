"""``outcome-graph convert``: a plan from one format to another (YAML, JSON, .xlsx, CSV folder), or
to RDF."""

from __future__ import annotations

import click

from .common import (
    config_option,
    hold_until_exit,
    isolated_option,
    max_bytes_option,
    period_option,
    plan_file,
    rule_options,
    say,
)


@click.command("convert", short_help="Convert a plan: YAML, JSON, .xlsx, CSV or RDF.")
@click.argument("source", type=click.Path(dir_okay=True, path_type=str), callback=plan_file)
@click.argument("target", type=click.Path(dir_okay=True, allow_dash=True, path_type=str))
@click.option(
    "--to",
    "to",
    type=click.Choice(["yaml", "json", "xlsx", "csv", "ttl"], case_sensitive=False),
    default=None,
    help="The output format (default: from TARGET's name; a name without a suffix is a CSV "
    "folder; one ending in a dot is refused).",
)
@click.option(
    "--findings",
    is_flag=True,
    help="Add the findings of `check` (a findings sheet, or findings.csv).",
)
@click.option(
    "--lossy",
    is_flag=True,
    help="Write a workbook or CSV folder even where it cannot keep a text as it is (each a "
    "warning); by default nothing is written then (exit 2).",
)
@config_option(" for --findings")
@isolated_option()
@period_option()
@max_bytes_option()
@rule_options(" (with --findings)")
def command(
    source: str,
    target: str,
    to: str | None,
    findings: bool,
    lossy: bool,
    config_file: str | None,
    isolated: bool,
    period: str | None,
    max_bytes: int | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    severity: tuple[str, ...],
) -> None:
    """Convert a plan between YAML, JSON, an .xlsx workbook and a folder of CSV files, or to RDF.

    YAML, JSON, a workbook and a CSV folder hold everything the plan holds: converting back gives
    the same plan (RDF is an export of the graph, not read back); where a workbook or CSV folder
    cannot keep a text as it is (a control character, a text of spaces alone, one longer than a
    cell), nothing is written (exit 2) unless --lossy is given. YAML is
    written in the nested form; a workbook or CSV folder has one sheet per level (priorities,
    aims, objectives, milestones, indicators...). A flat table (Priority | Objective | Key
    milestones | Lead | Timescale) is read too.

    \b
    Examples:
      outcome-graph convert plan.yaml plan.xlsx --findings
      outcome-graph convert plan.xlsx plan.yaml
      outcome-graph convert plan.yaml plan-csv/     # a folder of CSV files
      outcome-graph convert table.xlsx plan.yaml --period 2011-04-01..2012-03-31
      outcome-graph convert plan.xlsx - --to json   # to standard output (YAML unless --to json)
      outcome-graph convert plan.yaml plan.ttl      # RDF (Turtle), with the rdf extra installed
    """
    from .common import cli_layer, handle_errors, refuse_inputs

    with handle_errors():
        if (config_file or select or ignore or severity) and not findings:
            raise click.UsageError(
                "--config, --select, --ignore and --severity configure the check of --findings; "
                "add --findings, or leave them out"
            )
        from ..config import discover_config
        from ..convert import convert
        from ..loading.loader import DEFAULT_MAX_BYTES

        if target == "-":
            _to_standard_output(source, to, findings, period, max_bytes or DEFAULT_MAX_BYTES)
            return
        if (
            findings
        ):  # (the configuration files the check would read are inputs, as for the other commands)
            refuse_inputs(target, [source], config_file)
        config = (
            discover_config(
                source,
                config_file=config_file,
                cli=cli_layer(select, ignore, severity, None),
                isolated=isolated,
            )
            if findings
            else None
        )
        result = convert(
            source,
            target,
            to=to,
            findings=findings,
            period=period,
            max_bytes=max_bytes or DEFAULT_MAX_BYTES,
            config=config,
            lossy=lossy,
        )
        hold_until_exit(result.plan)
        for notice in result.notices:
            say(f"notice: {notice}")
        for warning in result.warnings:
            say(f"warning: {target}: {warning}")
        nodes = len(result.plan.nodes)
        click.echo(
            f"wrote {target} ({result.format}, {nodes} node{'' if nodes == 1 else 's'})", err=True
        )


def _to_standard_output(
    source: str, to: str | None, findings: bool, period: str | None, max_bytes: int
) -> None:
    """``convert SOURCE -``: the plan as YAML (or JSON with ``--to json``) on standard output."""
    from ..convert import comments_notice, to_json, to_yaml
    from ..errors import ConfigError
    from ..loading.loader import load_path
    from .common import emit

    fmt = (to or "yaml").lower()
    if fmt not in ("yaml", "json"):
        raise ConfigError(
            f"standard output (-) takes a plan as YAML or JSON; write {fmt} to a file or folder"
        )
    if findings:
        raise ConfigError(
            "findings are written into a workbook or CSV folder only; YAML and JSON hold the plan"
        )
    plan = load_path(source, max_bytes=max_bytes, period=period)
    hold_until_exit(plan)
    comments = comments_notice(plan, source)
    for notice in [*plan.notices, *([comments] if comments else [])]:
        say(f"notice: {notice}")
    emit((to_json(plan) if fmt == "json" else to_yaml(plan)).removesuffix("\n"), None)
