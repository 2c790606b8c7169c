"""``outcome-graph rules``: the rule catalogue, or one rule's documentation."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

import click

from .common import config_option, isolated_option

if TYPE_CHECKING:
    from ..config import Config
    from ..rules.registry import Rule


@click.command("rules", short_help="List the rules, or show one rule's documentation.")
@click.argument("code", required=False)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "markdown"], case_sensitive=False),
    default="text",
    show_default=True,
    help="text: one line per rule (a rule's whole documentation with CODE); json and "
    "markdown: every rule's documentation (markdown is docs/rules.md).",
)
@config_option(
    " to show the rules as it sets them",
    "in the current folder or above",
    then=" Each rule shows the severity and options it has there, the rules it turns off are left "
    "out, and its rule files' rules are listed.",
)
@isolated_option("in the current folder or above")
def command(code: str | None, fmt: str, config_file: str | None, isolated: bool) -> None:
    """List the rule catalogue, or show one rule's documentation (e.g. `rules OG301`).

    Each rule shows its default severity and options; with --config FILE, those of the
    configuration a check with --config FILE would use here. Installed plugins' rules are listed,
    and those of the rule files (`rule-files`) that the configuration of the current folder
    (unless --isolated), or --config, names.

    \b
    Examples:
      outcome-graph rules
      outcome-graph rules OG301
      outcome-graph rules --config ci.toml     # the rules as ci.toml sets them
      outcome-graph rules --format markdown > rules.md
    """
    from .common import handle_errors, say

    with handle_errors():
        from ..config import Config, discover_config
        from ..errors import ConfigError
        from ..output.rules_doc import rules_json, rules_markdown, rules_text
        from ..rules.engine import configured_rules

        try:
            config = discover_config(None, config_file=config_file, isolated=isolated)
        except ConfigError as exc:
            if config_file:
                raise
            # (a broken configuration here does not hide the
            # catalogue, nor is it passed over in silence)
            say(f"notice: {exc}")
            say(
                "notice: the configuration here cannot be read: its rule files' rules are not "
                "listed"
            )
            config = Config()
        catalogue = configured_rules(config)
        selected = list(catalogue.values())
        if code:
            key = code.upper()
            selected = [r for r in selected if r.code.startswith(key) or r.name == code.lower()]
            if not selected:
                from ..loading.suggest import nearest

                guess = nearest(key, list(catalogue))
                where = (
                    ""
                    if key.startswith("OG") or config_file
                    else (
                        " (a rule file's rules are listed in the folder whose configuration "
                        "names it, or with --config FILE)"
                    )
                )
                raise ConfigError(
                    f"no rule {code!r}" + (f": did you mean {guess!r}?" if guess else "") + where
                )
        if config_file:
            selected = _as_configured(selected, catalogue, config, shown=code)
        render: Callable[..., str] = {
            "text": rules_text,
            "json": rules_json,
            "markdown": rules_markdown,
        }[fmt]
        configured = {"configured": config_file} if fmt == "markdown" and config_file else {}
        text = render(selected, full=bool(code) or fmt != "text", **configured)
        click.echo(text, nl=not text.endswith("\n"))


def _as_configured(
    selected: list[Rule], catalogue: Mapping[str, Rule], config: Config, *, shown: str | None
) -> list[Rule]:
    """The rules as a configuration sets them: its severities and options, and without the rules
    it turns off unless one was asked for by its code (``shown``), which a notice says is off.
    The configuration is checked first, as a check would (a code that matches no rule)."""
    from dataclasses import replace

    from .common import say

    config.validate(catalogue, {c: r.options for c, r in catalogue.items()})
    off = [r.code for r in selected if not config.enabled(r.code)]
    if off:
        say(
            f"notice: this configuration turns off {', '.join(off)}"
            + ("" if shown else ": " + ("it is" if len(off) == 1 else "they are") + " not listed")
        )
    return [
        replace(
            r,
            severity=config.severity_of(r.code, r.severity),
            options=config.options_for(r.code, r.options),
        )
        for r in selected
        if shown or config.enabled(r.code)
    ]
