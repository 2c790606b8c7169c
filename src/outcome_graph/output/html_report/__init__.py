"""The HTML report: one self-contained file a strategy lead can open in any browser and send by
email.

It holds the plan's summary, the findings (grouped by severity and rule, filterable by rule,
severity, owner and priority), the outcome coverage matrix, each owner's load by month, and the
logic-model diagram with the findings marked, every finding linked to its node in the diagram.
CSS, the SVG diagram and the filtering script are inline; nothing is fetched (a Content Security
Policy forbids it, and allows no script but the report's own). Every piece of plan text is
escaped (:mod:`outcome_graph.output.escape`). The page prints cleanly.

The page is put together in :mod:`.page`, a module a section: the summary (:mod:`.summary`, what
it says at a glance in :mod:`.glance`), the findings (:mod:`.findings`), the outcome coverage
(:mod:`.coverage`), the owner load (:mod:`.owners`) and the logic model (:mod:`.logic_model`);
what they share is in :mod:`.common`, the stylesheet and the script in :mod:`.assets`.
"""

from __future__ import annotations

from .page import report, report_html

__all__ = ["report", "report_html"]
