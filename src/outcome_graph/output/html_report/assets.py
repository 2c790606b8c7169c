"""The report's stylesheet (``report.css``) and its one script (``report.js``), package data read
once each and inlined in the page (which fetches nothing)."""

from __future__ import annotations

from functools import cache
from importlib.resources import files


@cache
def _read(name: str) -> str:
    return files("outcome_graph.output.html_report").joinpath(name).read_text(encoding="utf-8")


def stylesheet() -> str:
    """The report's CSS."""
    return _read("report.css")


def script() -> str:
    """The report's only script: filtering the findings table and linking findings and nodes."""
    return _read("report.js")
