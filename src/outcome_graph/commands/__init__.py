"""Subcommands of ``outcome-graph`` that live in their own modules.

Each module defines ``command`` (a :class:`click.Command`) and imports only click at module level,
so registering them costs nothing at start-up; the libraries a command needs load when it runs.
"""

COMMANDS = ("render", "report", "convert", "template", "table", "diff", "synth")
