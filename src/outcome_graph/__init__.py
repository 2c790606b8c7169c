"""outcome_graph: check a strategic plan as a graph, the way a linter checks code.

>>> import outcome_graph as og
>>> plan = og.load('''
... format: outcome-graph/v1
... plan: {id: demo, period: {start: 2011-04-01, end: 2012-03-31}}
... priorities:
...   - id: P1
...     title: Children and young people are safe
...     outcomes: [stay_safe]
...     objectives:
...       - id: O1
...         title: Fewer children missing from home or care
...         indicators: [NI 71]
...         milestones:
...           - {id: M1, title: Review the missing-children protocol, timescale: June 11}
... ''')
>>> report = og.check(plan)
>>> [(f.rule, f.node) for f in report.by_rule("OG3")]
[('OG301', 'M1')]
>>> report.counts["error"]
0

The public names are listed in ``__all__``; they load on first use, so ``import outcome_graph``
stays cheap for tools that only need one part.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .baseline import Baseline
    from .config import Config
    from .convert import convert_plan
    from .diff import PlanDiff, diff_plans
    from .errors import (
        BaselineError,
        CatalogueError,
        ConfigError,
        OptionError,
        OutcomeGraphError,
        PlanError,
        Problem,
        RenderError,
        UsageError,
    )
    from .findings import Finding, Report
    from .graph.build import build_graph
    from .graph.facts import PlanFacts
    from .loading.loader import load
    from .model.plan import Location, Notice, Plan
    from .output.diagram import render
    from .output.html_report import report, report_html
    from .output.junit import to_junit
    from .output.sarif import to_sarif
    from .output.tables import table
    from .rules.context import RuleContext, UnusedIgnore
    from .rules.engine import check
    from .rules.registry import Rule, registry, rule

__all__ = [
    "__version__",
    "load",
    "check",
    "build_graph",
    "render",
    "report",
    "report_html",
    "convert_plan",
    "diff_plans",
    "PlanDiff",
    "table",
    "Plan",
    "PlanFacts",
    "Report",
    "Finding",
    "Location",
    "Notice",
    "Config",
    "rule",
    "Rule",
    "registry",
    "OutcomeGraphError",
    "PlanError",
    "ConfigError",
    "BaselineError",
    "RenderError",
    "UsageError",
    "OptionError",
    "CatalogueError",
    "Problem",
    "Baseline",
    "RuleContext",
    "UnusedIgnore",
    "to_sarif",
    "to_junit",
]

_LAZY = {
    "load": ".loading.loader",
    "check": ".rules.engine",
    "build_graph": ".graph.build",
    "render": ".output.diagram",
    "convert_plan": ".convert",
    "diff_plans": ".diff",
    "PlanDiff": ".diff",
    "table": ".output.tables",
    "report": ".output.html_report",
    "report_html": ".output.html_report",
    "Plan": ".model.plan",
    "Location": ".model.plan",
    "Notice": ".model.plan",
    "PlanFacts": ".graph.facts",
    "Report": ".findings",
    "Finding": ".findings",
    "Config": ".config",
    "rule": ".rules.registry",
    "Rule": ".rules.registry",
    "registry": ".rules.registry",
    "OutcomeGraphError": ".errors",
    "PlanError": ".errors",
    "ConfigError": ".errors",
    "BaselineError": ".errors",
    "RenderError": ".errors",
    "UsageError": ".errors",
    "OptionError": ".errors",
    "CatalogueError": ".errors",
    "Problem": ".errors",
    "Baseline": ".baseline",
    "RuleContext": ".rules.context",
    "UnusedIgnore": ".rules.context",
    "to_sarif": ".output.sarif",
    "to_junit": ".output.junit",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'outcome_graph' has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    # The public names and the submodules imported so far (``outcome_graph.synth``), not the
    # names this module imports for itself (``importlib``, ``Any``).
    own = {"importlib", "Any", "TYPE_CHECKING", "annotations"}
    return sorted((set(globals()) - own) | set(__all__))
