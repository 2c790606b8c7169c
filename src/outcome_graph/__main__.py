"""``python -m outcome_graph``: the same as the ``outcome-graph`` command."""

from .cli import run

run()
