"""The subcommands of ``outcome-graph``, one module each (the group itself is
:mod:`outcome_graph.cli`).

Each module defines ``command`` (a :class:`click.Command`) and imports only click at module level;
the group imports a module when its command is wanted (``outcome-graph check`` imports this one
alone), and the libraries a command needs load when it runs.
What every command shares (error reporting, writing the output, ``--watch``) is in
:mod:`outcome_graph.commands.common`.
"""

COMMANDS = (
    "check",
    "rules",
    "schema",
    "render",
    "report",
    "convert",
    "template",
    "table",
    "diff",
    "synth",
)
