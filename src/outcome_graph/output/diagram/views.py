"""The two views of a plan, and :func:`to_dot`, which writes the one the options ask for."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .logic_model import logic_model_dot
from .options import DiagramOptions
from .owners import owner_dot

if TYPE_CHECKING:
    from ...config import Config
    from ...graph.facts import PlanFacts
    from ...model.plan import Plan


def to_dot(
    plan: Plan, options: DiagramOptions | None = None, *, config: Config | None = None
) -> str:
    """The plan's diagram as Graphviz DOT text.

    Parameters
    ----------
    plan : Plan
        A loaded plan.
    options : DiagramOptions, optional
        What to draw (:func:`diagram_options` validates user input); by default the logic model
        without milestones.
    config : Config, optional
        The configuration (the owner view reads the OG302 threshold from it).

    Returns
    -------
    str
        A ``digraph`` whose node names are the plan's ids.

    Warns
    -----
    InferredSliceWarning
        The outcome's slice takes untagged work to serve the outcomes of the indicators measuring
        it (:func:`~outcome_graph.graph.slices.outcome_slice`).

    Examples
    --------
    >>> from outcome_graph import load
    >>> plan = load('''
    ... format: outcome-graph/v1
    ... plan: {id: demo, period: {start: 2011-04-01, end: 2012-03-31}}
    ... priorities:
    ...   - id: P1
    ...     title: Children are safe
    ...     outcomes: [stay_safe]
    ...     objectives: [{id: O1, title: Fewer accidents, indicators: [NI 70]}]
    ... ''')
    >>> text = to_dot(plan)
    >>> '"P1" -> "O1"' in text, '"O1" -> "NI 70"' in text
    (True, True)
    """
    from ...graph.facts import PlanFacts

    opts = options or DiagramOptions()
    facts = PlanFacts(plan)
    if opts.outcome is not None:
        _say_if_inferred(plan, facts, opts.outcome)
    if opts.owners:
        return owner_dot(plan, facts, opts, config)
    return logic_model_dot(plan, facts, opts)


def _say_if_inferred(plan: Plan, facts: PlanFacts, outcome: str) -> None:
    """Warn (:class:`~outcome_graph.output.diagram.InferredSliceWarning`) where an outcome's slice
    is inferred from indicators: a reader should know the plan did not say so itself."""
    from .labels import inferred_from

    inferred = inferred_from(plan, facts, outcome)
    if inferred:
        import warnings

        from .rendering import InferredSliceWarning

        title = plan.framework.outcome(outcome).title
        warnings.warn(
            f"the nodes serving '{title}' are {inferred}", InferredSliceWarning, stacklevel=3
        )
