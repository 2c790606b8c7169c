"""Logic-model diagrams: the plan as Graphviz DOT, rendered to SVG, PNG or PDF.

The logic model reads left to right (or top to bottom): the vision, the priorities, their aims,
objectives, optionally milestones, one rank per level, and beside each node, in the column after
it, the indicators that measure it. Each priority is a cluster; nodes are coloured by outcome (a
tint for one outcome, colour chips for several; cross-cutting and untagged nodes stay neutral) and
explained by a legend. Long titles wrap; a title cut short ends with an ellipsis and the whole text
is in the node's tooltip. In SVG every node carries ``id="og-<node id>"`` (see
:func:`outcome_graph.output.escape.svg_id`), a ``class`` naming its kind, and a tooltip.

With findings, nodes are outlined in the colour of their worst finding and badged with the rule
codes; orphans and nodes whose parent does not exist sit in an "Unattached" cluster; a reference to
a missing parent or indicator is a dashed red edge to a placeholder node.

Views of a large plan: ``focus`` (a node, its ancestors and descendants), ``levels`` (which levels
to draw), ``outcome`` (one outcome's slice) and ``owners`` (owners linked to the milestones they
lead, sized by load). Every piece of plan text is escaped (:mod:`outcome_graph.output.escape`).

The modules, from what is asked to what is drawn:

- :mod:`.options`: :class:`DiagramOptions`, the levels, and the checks of user input;
- :mod:`.layout`: what the logic model draws (nodes, edges, placeholders, clusters);
- :mod:`.logic_model` and :mod:`.owners`: the two views as DOT text, chosen by :func:`to_dot`
  (:mod:`.views`); :mod:`.bands`: the owner view folded into bands to a page's shape;
- :mod:`.labels`: the labels and tooltips of nodes, the title and the legend;
- :mod:`.style`: colours, fonts, outcome chips and rule-code badges;
- :mod:`.dot`: the DOT writer and text wrapping, where plan text is escaped;
- :mod:`.rendering`: the output formats, running Graphviz (:func:`pipe`) and :func:`render`.
"""

from __future__ import annotations

from .layout import home_priorities as home_priorities
from .options import DIAGRAM_LEVELS, DiagramOptions, diagram_options, parse_levels
from .owners import owner_limits as owner_limits
from .rendering import FORMATS, GRAPHVIZ_HINT, format_for_path, pipe, render

# Also imported from here, by the HTML report, the CLI and the tests:
from .rendering import LARGE_DIAGRAM as LARGE_DIAGRAM
from .rendering import DiagramWarning as DiagramWarning
from .rendering import GraphvizWarning as GraphvizWarning
from .rendering import InferredSliceWarning as InferredSliceWarning
from .rendering import LargeDiagramWarning as LargeDiagramWarning
from .style import FONT as FONT
from .style import SEVERITY_COLOURS as SEVERITY_COLOURS
from .views import to_dot

__all__ = [
    "DIAGRAM_LEVELS",
    "FORMATS",
    "DiagramOptions",
    "diagram_options",
    "format_for_path",
    "parse_levels",
    "pipe",
    "render",
    "to_dot",
    "GRAPHVIZ_HINT",
    "DiagramWarning",
    "GraphvizWarning",
    "InferredSliceWarning",
    "LargeDiagramWarning",
]
