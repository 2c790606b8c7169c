"""``outcome-graph report``: one self-contained HTML file with the findings, coverage, load and
diagram."""

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


@click.command("report", short_help="Write a self-contained HTML report of a plan.")
@click.argument("plan", type=click.Path(dir_okay=True, path_type=str), callback=plan_file)
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, allow_dash=True, path_type=str),
    help="The HTML file to write (written whole or not at all), or - for standard output.",
)
@rule_options("")
@config_option()
@isolated_option()
@click.option(
    "--milestones/--no-milestones",
    default=True,
    show_default=True,
    help="Draw milestones in the diagram (their findings then link to them; without, to the "
    "objective marked with them).",
)
@click.option("--no-diagram", is_flag=True, help="Leave out the diagram (no Graphviz needed).")
@period_option()
@max_bytes_option()
@baseline_option(
    "Leave out the findings recorded in FILE (see check --baseline): the report shows what is "
    "new and counts the rest."
)
@click.option(
    "--watch",
    is_flag=True,
    help="Write the report again whenever the plan, its configuration or the "
    "baseline changes, until Ctrl-C.",
)
def command(
    plan: str,
    output: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    severity: tuple[str, ...],
    config_file: str | None,
    isolated: bool,
    milestones: bool,
    no_diagram: bool,
    period: str | None,
    max_bytes: int | None,
    baseline_file: str | None,
    watch: bool,
) -> None:
    """Write a self-contained HTML report: summary, findings (filterable), outcome coverage, owner
    load and the logic model with the findings marked.
    It opens offline in any browser and prints cleanly.

    \b
    Example:
      outcome-graph report plan.yaml -o report.html
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
        from ..baseline import read_baseline
        from ..config import discover_config
        from ..loading.loader import DEFAULT_MAX_BYTES, load_path
        from ..output.html_report import report, report_html
        from ..rules.engine import check

        to_file = None if output == "-" else output  # (- is standard output)
        if watch and to_file is None:
            raise click.UsageError(
                "--watch writes the report again to a file; give its name instead of -"
            )
        refuse_inputs(to_file, [plan], config_file, baseline_file)

        def write() -> None:
            baseline = read_baseline(baseline_file)
            config = discover_config(
                plan,
                config_file=config_file,
                cli=cli_layer(select, ignore, severity, None),
                isolated=isolated,
            )
            loaded = load_path(
                plan, max_bytes=max_bytes or DEFAULT_MAX_BYTES, period=period, jobs="auto"
            )
            hold_until_exit(loaded)
            refuse_inputs(to_file, loaded=[loaded], configs=[config])
            findings = check(loaded, config, jobs="auto")
            if baseline is not None:
                mismatch = baseline.mismatch(loaded.id)
                if mismatch:
                    say(f"notice: {mismatch}")
                findings = baseline.apply(findings)
            with diagram_notices():
                if to_file is None:
                    page = report_html(
                        loaded,
                        findings=findings,
                        config=config,
                        diagram=not no_diagram,
                        milestones=milestones,
                    )
                else:
                    report(
                        loaded,
                        output,
                        findings=findings,
                        config=config,
                        diagram=not no_diagram,
                        milestones=milestones,
                    )
            if to_file is None:
                from .common import emit

                emit(page.removesuffix("\n"), None)
                return
            click.echo(
                f"wrote {output}", err=True
            )  # (as convert, table and template say: the file is there)

        if not watch:
            write()
            return
        repeat_on_change(
            write,
            f"writing the report of {plan} to {output}",
            watched_files([plan], config_file, baseline_file, isolated=isolated),
            clear=False,
        )
