"""The report's page: its sections put together, with the stylesheet and the script inline under a
Content Security Policy that allows the one script and nothing fetched."""

from __future__ import annotations

import base64
import hashlib
import os
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..escape import html_attr, html_text
from .assets import script, stylesheet
from .coverage import count_coverage, coverage_section
from .findings import finding_rows, findings_section, grouped
from .glance import at_a_glance
from .logic_model import Drawing, diagram_section, draw, svg_ids
from .owners import OwnerLoads, owner_section
from .summary import summary

if TYPE_CHECKING:
    from ...config import Config
    from ...findings import Report
    from ...model.plan import Plan


def report_html(
    plan: Plan,
    *,
    findings: Report | None = None,
    config: Config | Mapping[str, Any] | None = None,
    diagram: bool = True,
    milestones: bool = True,
    today: date | None = None,
) -> str:
    """The plan's HTML report as text.

    Parameters
    ----------
    plan : Plan
        A loaded plan.
    findings : Report, optional
        The findings to show; by default the plan is checked with ``config``.
    config : Config or mapping, optional
        Rule selection and thresholds (the owner-load table uses the OG302 and OG303 limits); a
        mapping holds a configuration file's keys, as for :func:`outcome_graph.check`.
    diagram : bool
        Include the logic-model diagram (needs Graphviz's ``dot``).
    milestones : bool
        Draw milestones in the diagram (so that their findings link to them; without them, a
        milestone's finding links to the objective the diagram marks it on, and its row says so).
    today : date, optional
        The date printed as the report's date (default: today).

    Returns
    -------
    str
        A complete HTML document.

    Raises
    ------
    RenderError
        With ``diagram=True`` when Graphviz is not installed (the message says how to install it).

    Warns
    -----
    LargeDiagramWarning
        The diagram draws more nodes than can be read whole (the page says so too).

    Examples
    --------
    >>> from outcome_graph import load
    >>> plan = load('''
    ... format: outcome-graph/v1
    ... plan: {id: demo, title: "Demo <plan>", period: {start: 2011-04-01, end: 2012-03-31}}
    ... priorities: [{id: P1, title: Children are safe, outcomes: [stay_safe]}]
    ... ''')
    >>> page = report_html(plan, diagram=False)
    >>> "<title>Demo &lt;plan&gt;" in page, "<script src" in page
    (True, False)
    """
    from ...config import as_config
    from ...findings import require_report
    from ...model.plan import require_plan
    from ...rules.engine import check
    from ..diagram import home_priorities

    require_plan("report_html", plan)
    require_report("report_html", "findings", findings)
    config = as_config("report_html", config)
    if findings is None:
        findings = check(plan, config)
    facts = findings.facts_of(plan)
    home = home_priorities(plan, facts)
    drawing = draw(plan, facts, findings, config, milestones) if diagram else Drawing()
    rows = finding_rows(plan, facts, home, findings, set(svg_ids(drawing.svg)))
    groups = grouped(rows)  # (the summary ranks them, the findings table lists them)
    # The header (the plan's title and the contents) is the page's banner; the rest is its main
    # content.
    coverage = count_coverage(plan, facts)
    loads = OwnerLoads(facts, config)
    baselined = len(findings.baselined or ())
    header, summary_section = summary(
        plan,
        facts,
        findings,
        today or date.today(),
        at_a_glance(plan, rows, groups, coverage, loads, baselined, findings.sources),
    )
    sections = [
        summary_section,
        findings_section(plan, facts, rows, groups, baselined=baselined, sources=findings.sources),
        coverage_section(plan, facts, coverage),
        owner_section(plan, facts, findings, loads),
        diagram_section(
            plan,
            drawing.svg,
            diagram,
            drawing.empty,
            drawing.levels,
            drawing.large,
            drawing.key,
        ),
    ]
    inline = "\n" + script()
    digest = base64.b64encode(hashlib.sha256(inline.encode("utf-8")).digest()).decode("ascii")
    csp = (
        f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{digest}'; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    from ... import __version__

    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="outcome-graph {html_attr(__version__)}">\n'
        f"<title>{html_text(plan.title)} — outcome-graph report</title>\n"
        f"<style>\n{stylesheet()}</style>\n</head>\n<body>\n"
        + header
        + "\n<main>\n"
        + "\n".join(sections)
        + "\n</main>"
        + f"\n<footer>Made with outcome-graph {html_text(__version__)}. "
        "Run <code>outcome-graph rules CODE</code> "
        "to read what a rule checks and how to fix what it finds.</footer>\n"
        f"<script>{inline}</script>\n</body>\n</html>\n"
    )


def report(
    plan: Plan,
    path: str | os.PathLike[str],
    *,
    findings: Report | None = None,
    config: Config | Mapping[str, Any] | None = None,
    diagram: bool = True,
    milestones: bool = True,
) -> Path:
    """Write the plan's HTML report to ``path`` (whole or not at all; never over the plan's file).

    Parameters
    ----------
    plan : Plan
        A loaded plan.
    path : str or PathLike
        The ``.html`` file to write.
    findings : Report, optional
        The findings to show (:func:`outcome_graph.check`); by default the plan is checked with
        ``config``.
    config : Config or mapping, optional
        Rule selection and thresholds (the owner-load table uses the OG302 and OG303 limits); a
        mapping holds a configuration file's keys, as for :func:`outcome_graph.check`.
    diagram : bool
        Include the logic-model diagram as inline SVG (needs Graphviz's ``dot``).
    milestones : bool
        Draw milestones in that diagram.

    Returns
    -------
    Path
        The path written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from outcome_graph import load
    >>> plan = load("format: outcome-graph/v1\\n"
    ...             "plan: {id: demo, period: {start: 2011-04-01, end: 2012-03-31}}\\n"
    ...             "priorities: [{id: P1, title: <b>Safe</b> & sound}]\\n")
    >>> out = report(plan, pathlib.Path(tempfile.mkdtemp()) / "demo.html", diagram=False)
    >>> page = out.read_text()
    >>> "&lt;b&gt;Safe&lt;/b&gt; &amp; sound" in page, "<b>Safe</b>" in page
    (True, False)
    """
    from ...config import as_config
    from ...findings import require_report
    from ...model.plan import require_plan
    from ..files import atomic_write_text, refuse_input_as_output

    require_plan("report", plan)
    require_report("report", "findings", findings)
    config = as_config("report", config)
    target = Path(path)
    if plan.file:
        refuse_input_as_output(target, [plan.file])
    page = report_html(
        plan, findings=findings, config=config, diagram=diagram, milestones=milestones
    )
    atomic_write_text(target, page)
    return target
