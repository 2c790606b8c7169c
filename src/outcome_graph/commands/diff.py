"""``outcome-graph diff``: what changed between two versions of a plan."""

from __future__ import annotations

import sys

import click

from .common import (
    config_option,
    hold_until_exit,
    isolated_option,
    max_bytes_option,
    output_option,
    period_option,
    plan_file,
    rule_options,
)


@click.command("diff", short_help="Show what changed between two versions of a plan.")
@click.argument("old", type=click.Path(dir_okay=True, path_type=str), callback=plan_file)
@click.argument("new", type=click.Path(dir_okay=True, path_type=str), callback=plan_file)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"], case_sensitive=False),
    default="text",
    show_default=True,
    help="Output format (json: the changes as one document).",
)
@click.option(
    "--findings/--no-findings",
    default=True,
    show_default=True,
    help="Check both plans and list the findings introduced and resolved.",
)
@click.option(
    "--fail-on-changes", is_flag=True, help="Exit 1 when anything changed (default: exit 0)."
)
@config_option(" for the check of both plans", "beside NEW or above it")
@isolated_option("beside NEW or above it")
@period_option("flat spreadsheets")
@max_bytes_option()
@output_option()
@rule_options(" (with --findings)")
def command(
    old: str,
    new: str,
    fmt: str,
    findings: bool,
    fail_on_changes: bool,
    config_file: str | None,
    isolated: bool,
    period: str | None,
    max_bytes: int | None,
    output: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    severity: tuple[str, ...],
) -> None:
    """Show what changed between two versions of a plan (OLD, then NEW).

    Lists the nodes added, removed, split, merged, reworded, moved, re-led, re-timed and
    renumbered, the changes of status, outcomes, targets and variants (a node's wording elsewhere),
    the indicators added or dropped, the ids changed, the plan's own title, period and as-of, and
    the findings introduced or resolved.

    Nodes are matched by id, else by title (the same anywhere, or a similar one under the same
    parent), so a renumbered plan still compares node by node. An id that now names another
    title is matched by title first (a milestone inserted as M2 makes the old M2 the new M3): one
    insertion is one node added and its later siblings' ids changed. A node whose title is shared
    out between new nodes under the same parent is split (merged: the reverse). A notice says when
    fewer than half the nodes of the smaller plan have a counterpart of the same or a similar
    title in the other (hardly two versions of one plan).

    \b
    Examples:
      outcome-graph diff cypp-2011-12.yaml cypp-2012-13.yaml
      outcome-graph diff old.xlsx new.xlsx --format json
    """
    from .common import cli_layer, emit, handle_errors, refuse_inputs, say_notices

    with handle_errors():
        if (config_file or select or ignore or severity) and not findings:
            raise click.UsageError(
                "--config, --select, --ignore and --severity configure the check of both plans, "
                "which --no-findings leaves out"
            )
        from ..config import discover_config
        from ..diff import diff
        from ..loading.loader import DEFAULT_MAX_BYTES, load_path

        refuse_inputs(output, [old, new], config_file)
        limit = max_bytes or DEFAULT_MAX_BYTES
        before = load_path(old, max_bytes=limit, period=period)
        say_notices(before.notices)  # (each plan's once it is read, as check gives them)
        after = load_path(new, max_bytes=limit, period=period)
        hold_until_exit(before, after)
        say_notices(after.notices)
        refuse_inputs(output, loaded=[before, after])
        config = (
            discover_config(
                new,
                config_file=config_file,
                cli=cli_layer(select, ignore, severity, None),
                isolated=isolated,
            )
            if findings
            else None
        )
        refuse_inputs(output, configs=[config] if config else [])
        result = diff(before, after, findings=findings, config=config)
        say_notices(
            result.notices[len(before.notices) + len(after.notices) :]
        )  # (then what the diff found)
        emit(result.to_json() if fmt == "json" else result.to_text(), output)
        sys.exit(1 if fail_on_changes and result.changed else 0)
