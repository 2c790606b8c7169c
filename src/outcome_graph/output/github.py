"""Findings as GitHub Actions annotations: one workflow command per finding.

A workflow step that runs ``outcome-graph check --format github`` has each finding shown on the
line of the plan it is about, in the pull request's changed files and in the run's summary:

    ::warning file=plan.yaml,line=12,col=7,title=OG301 missing-lead::Milestone M1 has no lead.

Errors are ``error`` annotations, warnings ``warning`` and info ``notice``; so are the notices of
loading a plan (a hidden row read, a sheet not read), titled ``outcome-graph notice``. GitHub reads
``%``, line breaks and (in the properties) ``:`` and ``,`` as syntax, so they are written as their
percent-escapes; a finding located in a workbook sheet names the file and the cell in its message.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..errors import real_file
from ..findings import Finding, Report

if TYPE_CHECKING:
    from ..errors import Problem
    from ..model.plan import Notice

__all__ = ["to_github"]

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding) -> str:
    """The workflow command for one finding.

    >>> from outcome_graph.findings import Finding
    >>> from outcome_graph.model.plan import Location
    >>> print(annotation(Finding("OG301", "missing-lead", "warning", "M1", "milestone", "Audit",
    ...                          "M1 has no lead: 50% done.", "", Location("plan.yaml", 12, 7))))
    ::warning file=plan.yaml,line=12,col=7,title=OG301 missing-lead::M1 has no lead: 50%25 done.
    """
    loc = finding.location
    file = real_file(loc.file)
    # (a workbook's cell, and the line of a plan read from standard input, named in the message)
    message = finding.message if file == loc.file and not loc.sheet else f"{loc}: {finding.message}"
    return _command(
        _LEVEL.get(finding.severity, "notice"),
        file,
        None if loc.sheet else loc.line,
        loc.column,
        f"{finding.rule} {finding.name}",
        message,
    )


def problem_annotation(problem: Problem) -> str:
    """The workflow command for a problem that stops a plan being read (an ``error``).

    >>> from outcome_graph.errors import Problem
    >>> problem = Problem("unknown field 'milestons'", file="plan.yaml", line=12, column=5)
    >>> print(problem_annotation(problem))  # doctest: +NORMALIZE_WHITESPACE
    ::error file=plan.yaml,line=12,col=5,title=outcome-graph%3A the plan cannot be read::unknown
    field 'milestons'
    """
    file = real_file(problem.file)
    message = str(problem) if problem.sheet or file != problem.file else problem.message
    return _command(
        "error",
        file,
        None if problem.sheet else problem.line,
        problem.column,
        "outcome-graph: the plan cannot be read",
        message,
    )


def notice_annotation(notice: Notice) -> str:
    """The workflow command for a notice of loading a plan (a ``notice``, at its line where it
    has one; a workbook's cell is named in the message).

    >>> from outcome_graph.model.plan import Location, Notice
    >>> at = Location("plan.xlsx", sheet="Plan", cell="A9")
    >>> print(notice_annotation(Notice.at(at, "row 9 repeats the header")))
    ::notice file=plan.xlsx,title=outcome-graph notice::plan.xlsx:Plan!A9: row 9 repeats the header
    """
    loc = notice.location
    file = real_file(loc.file)
    message = notice.message if file == loc.file and not loc.sheet else str(notice)
    return _command(
        "notice", file, None if loc.sheet else loc.line, loc.column, "outcome-graph notice", message
    )


def _command(
    level: str, file: str | None, line: int | None, column: int | None, title: str, message: str
) -> str:
    """A workflow command: its level, where (a line only where there is one; a workbook's cell is
    named in the message), its title and message, escaped."""
    props = []
    if file:
        props.append(f"file={_property(file)}")
        if line is not None:
            props.append(f"line={line}")
            if column is not None:
                props.append(f"col={column}")
    props.append(f"title={_property(title)}")
    return f"::{level} {','.join(props)}::{_data(message)}"


def to_github(reports: Sequence[Report], problems: Sequence[Problem] = ()) -> str:
    """Every finding of the reports as an annotation, in file order (suppressed ones left out),
    each plan's after the notices of loading it, and all after the problems of plans that could
    not be read, if any."""
    return "\n".join(
        [
            *map(problem_annotation, problems),
            *(
                line
                for report in reports
                for line in [
                    *map(notice_annotation, report.located_notices()),
                    *map(annotation, report.findings),
                ]
            ),
        ]
    )
