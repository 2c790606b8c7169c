"""``outcome-graph render``: draw the plan's logic model (or owner view) as SVG, PNG, PDF or DOT."""

from __future__ import annotations

from typing import Any

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


@click.command("render", short_help="Draw a plan's logic model (SVG, PNG, PDF, DOT).")
@click.argument("plan", type=click.Path(dir_okay=True, path_type=str), callback=plan_file)
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=str),
    help="The file to write: .svg, .png, .pdf or .dot (the suffix gives the format).",
)
@click.option(
    "--findings",
    is_flag=True,
    help="Mark the findings of `check` on the nodes (outline and rule codes).",
)
@click.option("--milestones", is_flag=True, help="Draw milestones too.")
@click.option(
    "--levels",
    metavar="LEVELS",
    default=None,
    help="The levels to draw, e.g. priority,aim,objective (vision, priority, aim, objective, "
    "milestone, indicator).",
)
@click.option(
    "--focus", metavar="ID", default=None, help="Draw one node with its ancestors and descendants."
)
@click.option(
    "--outcome",
    metavar="OUTCOME",
    default=None,
    help="Draw one outcome's slice, e.g. be_healthy (or its number on the chips, e.g. 1).",
)
@click.option(
    "--owners",
    is_flag=True,
    help="The owner view: owners linked to the milestones they lead, sized by load.",
)
@click.option(
    "--direction",
    type=click.Choice(["LR", "TB"], case_sensitive=False),
    metavar="[LR|TB]",
    default="LR",
    show_default=True,
    help="Left to right or top to bottom.",
)
@click.option("--no-title", is_flag=True, help="Leave out the title and legend.")
@click.option(
    "--page",
    metavar="PAGE",
    default=None,
    help="Shrink the diagram to fit a page: A4 or A3 (landscape), A4-portrait or A3-portrait; "
    "says when its text comes out too small to read.",
)
@config_option(" for --findings and the owner view's thresholds")
@isolated_option()
@period_option()
@max_bytes_option()
@baseline_option(
    "Mark only the findings that are new since the baseline FILE (see check --baseline; "
    "implies --findings)."
)
@click.option(
    "--watch",
    is_flag=True,
    help="Draw again whenever the plan, its configuration or the baseline changes, until Ctrl-C.",
)
@rule_options(" (with --findings)")
def command(
    plan: str,
    output: str,
    findings: bool,
    milestones: bool,
    levels: str | None,
    focus: str | None,
    outcome: str | None,
    owners: bool,
    direction: str,
    no_title: bool,
    page: str | None,
    config_file: str | None,
    isolated: bool,
    period: str | None,
    max_bytes: int | None,
    baseline_file: str | None,
    watch: bool,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    severity: tuple[str, ...],
) -> None:
    """Draw a plan's logic model: vision, priorities, aims, objectives and indicators, left to
    right.

    \b
    Examples:
      outcome-graph render plan.yaml -o logic-model.svg --findings
      outcome-graph render plan.yaml -o p1.png --focus P1 --milestones
      outcome-graph render plan.yaml -o safe.pdf --outcome stay_safe
      outcome-graph render plan.yaml -o owners.svg --owners
      outcome-graph render plan.yaml -o board-paper.pdf --focus P1 --page A3
    """
    from .common import (
        cli_layer,
        diagram_notices,
        handle_errors,
        refuse_inputs,
        repeat_on_change,
        watched_files,
    )

    with handle_errors():
        if (select or ignore or severity) and not (findings or baseline_file):
            raise click.UsageError(
                "--select, --ignore and --severity choose the findings to mark; add --findings"
            )
        from ..baseline import read_baseline
        from ..config import discover_config
        from ..loading.loader import DEFAULT_MAX_BYTES, load_path
        from ..output.diagram import format_for_path, render

        refuse_inputs(output, [plan], config_file, baseline_file)
        format_for_path(output)  # an unknown suffix is an error before any work

        def draw() -> None:
            baseline = read_baseline(baseline_file)
            config = discover_config(
                plan,
                config_file=config_file,
                cli=cli_layer(select, ignore, severity, None),
                isolated=isolated,
            )
            loaded = load_path(plan, max_bytes=max_bytes or DEFAULT_MAX_BYTES, period=period)
            hold_until_exit(loaded)
            refuse_inputs(output, loaded=[loaded], configs=[config])
            marked: Any = findings
            if baseline is not None:
                mismatch = baseline.mismatch(loaded.id)
                if mismatch:
                    say(f"notice: {mismatch}")
                from ..rules.engine import check

                marked = baseline.apply(check(loaded, config))
            with diagram_notices():
                render(
                    loaded,
                    output,
                    findings=marked,
                    config=config,
                    milestones=milestones,
                    levels=levels,
                    focus=focus,
                    outcome=outcome,
                    owners=owners,
                    direction=direction.upper(),
                    title=not no_title,
                    page=page,
                )
            click.echo(
                f"wrote {output}", err=True
            )  # (as convert, table and template say: the file is there)

        if not watch:
            draw()
            return
        repeat_on_change(
            draw,
            f"drawing {plan} to {output}",
            watched_files([plan], config_file, baseline_file, isolated=isolated),
            clear=False,
        )
