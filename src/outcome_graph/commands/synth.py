"""``outcome-graph synth``: write a synthetic plan of N nodes (for benchmarks, demos and tests)."""

from __future__ import annotations

import click

from .common import output_option


@click.command("synth", short_help="Write a synthetic plan of N nodes.")
@click.argument("n_nodes", metavar="N", type=click.IntRange(min=100, max=1_000_000))
@output_option("The file to write, or - for standard output (the default).")
@click.option(
    "--seed", type=int, default=0, show_default=True, help="The random seed (same seed, same plan)."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["yaml", "json"], case_sensitive=False),
    default=None,
    help="The output format (default: from the output's suffix, else yaml).",
)
@click.option(
    "--defects",
    type=click.FloatRange(0, 1),
    default=None,
    metavar="SHARE",
    help="Share of eligible nodes given each plantable defect (default 0.01; 0 for a clean plan).",
)
def command(
    n_nodes: int, output: str | None, seed: int, fmt: str | None, defects: float | None
) -> None:
    """Write a realistic synthetic plan of N nodes in the v1 format.

    Priorities tagged with outcomes, aims, objectives and milestones with owners and timescales
    as real plans word them, indicators from the National Indicator Set and a local catalogue,
    summary-view variants, and a planted share of each defect the rules find (the tally is in
    `plan.notes`). The same N and seed always give the same file. N is 100 to 1,000,000 (a plan of
    a million nodes takes a few gigabytes of memory to write).

    \b
    Examples:
      outcome-graph synth 10000 -o plan-10k.yaml
      outcome-graph synth 100000 -o plan-100k.json --seed 7
      outcome-graph synth 500 --defects 0 | outcome-graph check -
    """
    from .common import handle_errors

    with handle_errors():
        from ..synth import dump_json, dump_yaml, generate

        if fmt is None:
            fmt = "json" if output is not None and output.lower().endswith(".json") else "yaml"
        document = generate(n_nodes, seed=seed, defects=defects)
        text = dump_json(document) if fmt == "json" else dump_yaml(document)
        if output is None:
            click.echo(text, nl=False)
            return
        from ..output.files import atomic_write_text

        atomic_write_text(output, text)
        click.echo(f"wrote {output} ({n_nodes} nodes, seed {seed}, {fmt})", err=True)
        from ..loading.loader import read_limit_warning

        warning = read_limit_warning(len(text.encode("utf-8")))
        if warning:
            click.echo(f"warning: {output}: {warning}", err=True)
