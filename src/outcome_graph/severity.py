"""The severities of findings, and the thresholds ``--fail-on`` takes.

Kept in a module of its own, with no imports, so that the command line and the configuration can
name them without loading the model.
"""

from __future__ import annotations

from typing import Literal

__all__ = ["Severity", "SEVERITIES", "FAIL_ON"]

Severity = Literal["error", "warning", "info"]
#: Severities from the most to the least serious.
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
#: What ``--fail-on`` (``fail-on`` in a configuration) takes: a severity, or ``never``.
FAIL_ON: tuple[str, ...] = (*SEVERITIES, "never")
