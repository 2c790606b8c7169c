"""``outcome-graph rules``: the rule catalogue, or one rule's documentation."""

from __future__ import annotations

from collections.abc import Callable

import click

from .common import config_option, isolated_option


@click.command("rules", short_help="List the rules, or show one rule's documentation.")
@click.argument("code", required=False)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"], case_sensitive=False), default="text",
              show_default=True, help="text: one line per rule (a rule's whole documentation with CODE); json and "
                                      "markdown: every rule's documentation (markdown is docs/rules.md).")
@config_option(" whose rule files' rules to list too", "in the current folder or above")
@isolated_option("in the current folder or above")
def command(code: str | None, fmt: str, config_file: str | None, isolated: bool) -> None:
    """List the rule catalogue, or show one rule's documentation (e.g. `rules OG301`).

    Installed plugins' rules are listed, and those of the rule files (`rule-files`) that the
    configuration of the current folder (unless --isolated), or --config, names.

    \b
    Examples:
      outcome-graph rules
      outcome-graph rules OG301
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
            # (a broken configuration here does not hide the catalogue, nor is it passed over in silence)
            say(f"notice: {exc}")
            say("notice: the configuration here cannot be read: its rule files' rules are not listed")
            config = Config()
        catalogue = configured_rules(config)
        selected = list(catalogue.values())
        if code:
            key = code.upper()
            selected = [r for r in selected if r.code.startswith(key) or r.name == code.lower()]
            if not selected:
                from ..loading.suggest import nearest

                guess = nearest(key, list(catalogue))
                where = "" if key.startswith("OG") or config_file else (
                    " (a rule file's rules are listed in the folder whose configuration names it, "
                    "or with --config FILE)")
                raise ConfigError(f"no rule {code!r}" + (f": did you mean {guess!r}?" if guess else "") + where)
        render: Callable[..., str] = {"text": rules_text, "json": rules_json, "markdown": rules_markdown}[fmt]
        text = render(selected, full=bool(code) or fmt != "text")
        click.echo(text, nl=not text.endswith("\n"))
