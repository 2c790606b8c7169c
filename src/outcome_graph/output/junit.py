"""Findings as JUnit XML: one test suite per plan, one test case per rule run, failing when it found
something.

CI dashboards (Jenkins, GitLab, Azure) show JUnit results; a rule that reports nothing is a
passing test, one that reports findings at or above ``fail-on`` is a failure listing them, and one
with only findings below ``fail-on`` passes with them in its output. A rule that was not run (left
out by ``select``, ``ignore`` or ``--min-severity``) is no test: listed, it read as one that passed.
The notices of loading a plan (a hidden row read, a sheet not read) are no test either: they are
the ``system-out`` of its suite, a line each (``notice: plan.xlsx: ...``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from xml.etree import ElementTree as ET

from ..errors import Problem, real_file
from ..findings import SEVERITIES, Report, as_reports

__all__ = ["to_junit"]


# What XML 1.0 cannot carry: control characters but tab and line ends, U+FFFE and U+FFFF, and
# halves of surrogate pairs.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _xml_text(text: str) -> str:
    r"""Plan text as XML can carry it: what it cannot (see above) is shown as U+FFFD.

    >>> _xml_text("a\x01b\uffffc") == "a\ufffdb\ufffdc"
    True
    """
    return _NOT_XML.sub("\ufffd", text)


def to_junit(reports: Report | Sequence[Report], problems: Sequence[Problem] = ()) -> str:
    """The findings of one or more plans as a JUnit XML document, for CI systems that show test
    results: a test suite per plan, a test case per rule, failed by its findings. ``reports`` is
    a list of reports, or one report. ``problems`` are those of plans that could not be read (as
    :func:`~outcome_graph.output.sarif.to_sarif` takes them): a suite for each such file, its one
    test case, reading the plan, in error with them. As for ``to_sarif``, reports that ran
    different rules under one code are refused with a :class:`~outcome_graph.ConfigError`.

    >>> from outcome_graph import load, check
    >>> plan = load("format: outcome-graph/v1\\n"
    ...             "plan: {id: d, period: {start: 2011-04-01, end: 2012-03-31}}\\n"
    ...             "priorities: [{id: P1, title: Safe}]\\n")
    >>> to_junit([check(plan)]).startswith('<?xml')
    True
    """
    from ..rules import registry
    from ..rules.registry import one_rule_per_code, rule_of

    reports = as_reports(reports, "to_junit")
    sources = one_rule_per_code(r.sources for r in reports)  # (a code is one test case of a run)
    rules = {
        code: rule for code in registry() if (rule := rule_of(code, sources.get(code))) is not None
    }
    suites = ET.Element("testsuites", name="outcome-graph")
    total_tests = total_failures = 0
    for report in reports:
        suite = ET.SubElement(suites, "testsuite", name=_xml_text(report.plan_id))
        run = (
            rules if report.rules is None else report.rules
        )  # (a report not made by a check: every rule)
        codes = sorted(set(run) | {f.rule for f in report.findings})
        failures = 0
        limit = SEVERITIES.index(report.fail_on) if report.fail_on in SEVERITIES else -1
        for code in codes:
            rule = rules.get(code)
            case = ET.SubElement(
                suite,
                "testcase",
                classname=_xml_text(f"{report.plan_id}.{rule.family if rule else 'custom'}"),
                name=_xml_text(f"{code} {rule.name if rule else ''}".strip()),
            )
            found = [f for f in report.findings if f.rule == code]
            if not found:
                continue
            lines = "\n".join(f"{f.location}: {f.severity}: {f.message}" for f in found)
            failing = [f for f in found if SEVERITIES.index(f.severity) <= limit]
            if failing:
                failures += 1
                fail = ET.SubElement(
                    case,
                    "failure",
                    message=_xml_text(f"{len(failing)} finding(s)"),
                    type=failing[0].severity,
                )
                fail.text = _xml_text(lines)
            else:
                out = ET.SubElement(case, "system-out")
                out.text = _xml_text(lines)
        if report.notices:
            said = ET.SubElement(suite, "system-out")
            said.text = _xml_text("\n".join(f"notice: {n}" for n in report.notices))
        suite.set("tests", str(len(codes)))
        suite.set("failures", str(failures))
        suite.set("errors", "0")
        total_tests += len(codes)
        total_failures += failures
    by_file: dict[str | None, list[Problem]] = {}
    for p in problems:
        by_file.setdefault(real_file(p.file), []).append(p)
    for file, listed in by_file.items():
        suite = ET.SubElement(
            suites,
            "testsuite",
            name=_xml_text(file or "<stdin>"),
            tests="1",
            failures="0",
            errors="1",
        )
        case = ET.SubElement(
            suite, "testcase", classname=_xml_text(file or "<stdin>"), name="read the plan"
        )
        error = ET.SubElement(
            case,
            "error",
            message=_xml_text(f"the plan could not be read ({len(listed)} problem(s))"),
            type="unreadable",
        )
        error.text = _xml_text("\n".join(str(p) for p in listed))
        total_tests += 1
    suites.set("tests", str(total_tests))
    suites.set("failures", str(total_failures))
    if by_file:
        suites.set("errors", str(len(by_file)))
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode")
