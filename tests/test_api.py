"""The public API: typed (py.typed, mypy-clean), documented with runnable examples, cheap to
import."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_py_typed_is_shipped():
    assert (ROOT / "src" / "outcome_graph" / "py.typed").exists()


def test_mypy_is_clean():
    out = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-error-summary"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert out.returncode == 0, out.stdout + out.stderr


def test_ruff_is_clean():
    """pyflakes' and bugbear's checks and the order of imports (pyproject.toml's [tool.ruff.lint])
    over the code, tests, examples and benchmark scripts: an undefined or unused name, a loop
    variable a closure reads late."""
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "ruff",
            "check",
            "--no-cache",
            "--quiet",
            "src",
            "tests",
            "examples",
            "bench",
            "scripts",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stdout + out.stderr


def test_the_code_is_formatted():
    """`ruff format` (line length 100, pyproject.toml's [tool.ruff]) leaves every file as it is:
    `make format` writes it."""
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "ruff",
            "format",
            "--check",
            "--no-cache",
            "src",
            "tests",
            "examples",
            "bench",
            "scripts",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stdout + out.stderr


def test_public_names_are_documented_with_an_example():
    import inspect

    import outcome_graph as og

    for name in og.__all__:
        if name.startswith("__"):
            continue
        obj = getattr(og, name)
        doc = inspect.getdoc(obj) or ""
        assert doc, f"{name} has no docstring"
        assert ">>>" in doc, f"{name}'s docstring has no runnable example"


def test_public_api_is_lazy_and_light():
    code = (
        "import sys, outcome_graph; print(sorted(m for m in ('pandas', 'pydantic', 'networkx', "
        "'graphviz', 'openpyxl') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "[]"


PLAN_TEXT = (
    "format: outcome-graph/v1\nplan: {id: d, period: {start: 2011-04-01, end: 2012-03-31}}\n"
)


def _wrong_type_calls():  # (name, call, what the message says)
    import outcome_graph as og

    plan = og.load(PLAN_TEXT)
    return [
        (
            "load a number",
            lambda: og.load(42),
            "load() takes a path, the text or bytes of a plan, an open file, or its data as a "
            "mapping; not int",
        ),
        (
            "load a name number",
            lambda: og.load(PLAN_TEXT, name=7),
            "load() takes name as text, the file name to give in messages, not int",
        ),
        ("load None", lambda: og.load(None), "not NoneType"),
        (
            "load max_bytes text",
            lambda: og.load(PLAN_TEXT, max_bytes="10"),
            "load() takes max_bytes as a whole number of bytes, not str",
        ),
        (
            "load max_bytes None",
            lambda: og.load(PLAN_TEXT, max_bytes=None),
            "max_bytes as a whole number of bytes, not NoneType",
        ),
        (
            "load period number",
            lambda: og.load(PLAN_TEXT, period=2011),
            "load() takes period as text, START..END",
        ),
        (
            "check a path",
            lambda: og.check("plan.yaml"),
            "check() takes a loaded plan (og.check(og.load(path))), not str",
        ),
        (
            "check config path",
            lambda: og.check(plan, config="og.toml"),
            "check() takes config as a Config (og.Config.from_file(path)) or a mapping of a "
            "configuration file's keys, not str",
        ),
        ("check config number", lambda: og.check(plan, config=42), "not int"),
        (
            "diff numbers",
            lambda: og.diff_plans(1, 2),
            "diff() compares two plans, loaded or as paths",
        ),
        (
            "diff config path",
            lambda: og.diff_plans(plan, plan, config="og.toml"),
            "diff() takes config as a Config",
        ),
        (
            "sarif of documents",
            lambda: og.to_sarif([og.check(plan).to_dict()]),
            "to_sarif() takes reports (og.check(plan), or a list of them), not dict",
        ),
        (
            "synth of a text",
            lambda: __import__("outcome_graph.synth").synth.generate("200"),
            "generate() takes n_nodes as a whole number, not str",
        ),
        (
            "synth of a fraction",
            lambda: __import__("outcome_graph.synth").synth.generate(200.5),
            "generate() takes n_nodes as a whole number, not float",
        ),
        (
            "junit of a plan",
            lambda: og.to_junit([plan]),
            "to_junit() takes reports (og.check(plan), or a list of them), not Plan",
        ),
        # (None, a number or a path where reports go
        # failed with "'NoneType' object is not iterable")
        (
            "junit of nothing",
            lambda: og.to_junit(None),
            "to_junit() takes reports (og.check(plan), or a list of them), not NoneType",
        ),
        (
            "sarif of a path",
            lambda: og.to_sarif("findings.json"),
            "to_sarif() takes reports (og.check(plan), or a list of them), not str",
        ),
        (
            "baseline of a number",
            lambda: og.Baseline.from_reports(3),
            "takes reports (og.check(plan), or a list of them), not int",
        ),
        # (an int failed with "'int' object has no attribute 'strip'")
        (
            "by_rule of a number",
            lambda: og.check(plan).by_rule(302),
            "by_rule() takes a rule's code or a prefix of codes as text ('OG302', 'OG3'), not int",
        ),
        # (a path, a findings document or a list where a plan or a report goes failed inside with
        # "'str' object has no attribute 'period'" and the like)
        (
            "render a path",
            lambda: og.render("plan.yaml", "svg"),
            "render() takes a loaded plan (og.load(path) first), not str",
        ),
        (
            "report a path",
            lambda: og.report("plan.yaml", "r.html"),
            "report() takes a loaded plan (og.load(path) first), not str",
        ),
        (
            "report_html a path",
            lambda: og.report_html("plan.yaml"),
            "report_html() takes a loaded plan",
        ),
        (
            "table a path",
            lambda: og.table("plan.yaml", "milestones"),
            "table() takes a loaded plan (og.load(path) first), not str",
        ),
        (
            "graph of a path",
            lambda: og.build_graph("plan.yaml"),
            "build_graph() takes a loaded plan",
        ),
        ("facts of a path", lambda: og.PlanFacts("plan.yaml"), "PlanFacts() takes a loaded plan"),
        (
            "render findings document",
            lambda: og.render(plan, "dot", findings=og.check(plan).to_dict()),
            "render() takes findings as a Report (og.check(plan)), True or False, not dict",
        ),
        (
            "report findings list",
            lambda: og.report_html(plan, findings=[]),
            "report_html() takes findings as a Report (og.check(plan)), not list",
        ),
        (
            "table report true",
            lambda: og.table(plan, "findings", report=True),
            "table() takes report as a Report (og.check(plan)), not bool",
        ),
        (
            "baseline of reports",
            lambda: og.Baseline().apply([og.check(plan)]),
            "Baseline.apply() takes one report (og.check(plan)), not list",
        ),
        (
            "sarif of messages",
            lambda: og.to_sarif([], ["bad plan"]),
            "to_sarif() takes problems as the Problems of a PlanError (err.problems), not str",
        ),
        (
            "config of a string",
            lambda: og.Config.from_dict("ignore"),
            "Config.from_dict() takes a mapping of a configuration file's keys ({'ignore': "
            "['OG6']}), not str",
        ),
        # (the decorator's own arguments failed with re's "expected string or bytes-like object" or
        # a dict() error, and a rule declared on a number failed only once a plan was checked)
        (
            "rule code number",
            lambda: og.rule(1, "n"),
            "rule() takes the code as text ('ACME001'), not int",
        ),
        (
            "rule name none",
            lambda: og.rule("ACME001", None),
            "rule() takes the name as text ('missing-status'), not NoneType",
        ),
        (
            "rule options list",
            lambda: og.rule("ACME001", "n", options=["max"]),
            "rule ACME001: options are a mapping of option names to their defaults "
            "({'max-milestones': 10}), not list",
        ),
        (
            "rule family number",
            lambda: og.rule("ACME001", "n", family=3),
            "rule ACME001: family is text",
        ),
        (
            "rule of a number",
            lambda: og.rule("ACME001", "n", register=False)(42),
            "@rule('ACME001', ...) declares a check function (taking ctx, yielding findings), "
            "not int 42",
        ),
    ]


def test_a_wrong_argument_type_is_a_type_error_that_says_what_the_function_takes():
    import pytest

    for name, call, message in _wrong_type_calls():
        with pytest.raises(TypeError) as info:
            call()
        assert message in str(info.value), (name, str(info.value))


def test_the_arguments_checked_for_their_type_still_take_what_they_are_documented_to_take():
    import outcome_graph as og

    plan = og.load(PLAN_TEXT, max_bytes=10_000, period="2011-04-01..2012-03-31")
    assert (
        og.check(plan, config={"select": ["OG1"]}).findings
        == og.check(plan, config=og.Config.from_dict({"select": ["OG1"]})).findings
    )
    assert og.diff_plans(plan, plan, config={"select": ["OG1"]}).introduced == []


_TYPED_USE = '''
from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from typing import BinaryIO, TextIO

import outcome_graph as og


@og.rule("ACME001", "milestone-without-status", "info", register=False)
def milestone_without_status(ctx: og.RuleContext) -> Iterator[og.Finding]:
    """A milestone with no progress status."""
    for node in ctx.facts.of_kind("milestone"):
        if node.status is None and node.due is None:
            yield ctx.finding(node.id, f"Milestone {node.id} has no status.")
    for objective in ctx.plan.of_kind("objective"):
        lead: str | list[str] | None = objective.lead
        print(lead, [m.timescale for m in objective.milestones])


def from_upload(stream: BinaryIO, filename: str, text: TextIO) -> list[og.Plan]:
    with open(filename, "rb") as own:
        return [og.load(stream, name=filename), og.load(own), og.load(text),
                og.load(io.BytesIO(b"")), og.load(io.StringIO(""), name=filename),
                og.load(bytearray(stream.read()))]


def main(path: str) -> int:
    try:
        plan = og.load(path)
    except og.PlanError as err:
        where: tuple[str | None, int | None, int | None] = (err.file, err.line, err.column)
        print(where, [p.message for p in err.problems])
        return 2
    report = og.check(plan, og.Config.from_dict({"ignore": ["OG6"]}))
    counts: dict[str, int] = report.counts
    for finding in report.by_rule("OG402"):
        line: int | None = finding.location.line
        print(line, finding.node, finding.message)
    text: str = report.to_json() + og.to_sarif([report]) + og.to_junit([report])
    print(counts, len(text), og.build_graph(plan).number_of_edges(),
          og.PlanFacts(plan).of_kind("aim"))
    # (a format: the bytes; a path object: the path)
    svg: bytes = og.render(plan, "svg", findings=report)
    drawn: Path = og.render(plan, Path("model.png"))
    print(len(svg), drawn.name)
    return report.exit_code
'''


def test_the_documented_uses_type_check_strictly(tmp_path):
    # A tool that embeds the checks runs mypy --strict on its own code: the README's uses,
    # including a custom rule reading a milestone's status from ctx.facts.of_kind("milestone")
    # (typed as any node's fields before, so `node.status` was an error).
    program = tmp_path / "embedding_tool.py"
    program.write_text(_TYPED_USE, encoding="utf-8")
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-error-summary",
            "--cache-dir",
            str(tmp_path / "cache"),
            str(program),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )
    # (the package is found on the path, as a tool finds it installed: typed by its py.typed)
    assert out.returncode == 0, out.stdout + out.stderr


def test_the_ci_formats_take_one_report_as_a_list_of_it():
    # (a report iterates over its findings: to_sarif(report) failed with an AttributeError)
    import outcome_graph as og

    report = og.check(og.load(PLAN_TEXT + "objectives: [{id: O1, title: Fewer accidents}]\n"))
    assert report.findings
    assert og.to_sarif(report) == og.to_sarif([report])
    assert og.to_junit(report) == og.to_junit([report])
    assert (
        len(og.Baseline.from_reports(report))
        == len(og.Baseline.from_reports([report]))
        == len(report.findings)
    )


def test_every_error_says_which_file_line_and_column_it_can(tmp_path):
    import pytest

    import outcome_graph as og

    toml = tmp_path / "outcome-graph.toml"
    toml.write_text('select = ["OG1"]\nfail-on = \n', encoding="utf-8")
    with pytest.raises(og.ConfigError) as config:
        og.Config.from_file(toml)
    # (the line and column were written into `file`, as "outcome-graph.toml:2:11")
    assert (config.value.file, config.value.line, config.value.column) == (str(toml), 2, 11)
    assert str(config.value).startswith(f"{toml}:2:11: invalid TOML: ")
    with pytest.raises(og.ConfigError) as unknown:
        og.Config.from_dict({"selct": ["OG1"]})
    # (a mapping is no file: none named, for no program to open one called "<config>")
    assert (unknown.value.file, unknown.value.line, unknown.value.column) == (None, None, None)
    assert str(unknown.value) == "unknown key 'selct': did you mean 'select'?"

    plan_file = tmp_path / "plan.yaml"
    plan_file.write_text(PLAN_TEXT, encoding="utf-8")
    plan = og.load(plan_file)
    with pytest.raises(og.RenderError) as refused:  # (a bare OutcomeGraphError, with no file)
        og.report(plan, plan_file)
    assert refused.value.file == str(plan_file) and "refusing to overwrite an input file" in str(
        refused.value
    )
    assert plan_file.read_text(encoding="utf-8") == PLAN_TEXT
    with pytest.raises(og.RenderError) as folder:
        og.convert_plan(plan_file, tmp_path / "missing" / "plan.json")
    assert folder.value.file == str(tmp_path / "missing" / "plan.json")

    with pytest.raises(og.UsageError) as usage:
        og.check(plan, jobs=0)
    assert (usage.value.file, usage.value.line, usage.value.column) == (None, None, None)


def test_the_methods_and_properties_of_the_public_classes_are_documented():
    import inspect

    import outcome_graph as og

    missing = []
    for name in og.__all__:
        cls = getattr(og, name)
        if not inspect.isclass(cls) or issubclass(cls, BaseException):
            continue
        for member in dir(cls):
            if member.startswith("_") or member in (
                "model_config",
                "model_fields",
                "model_computed_fields",
            ):
                continue
            value = inspect.getattr_static(cls, member)
            function = (
                value.fget
                if isinstance(value, property)
                else getattr(value, "func", None) or getattr(value, "__func__", value)
            )
            # (a str's own methods, which Notice inherits, may have no module)
            if (
                callable(function)
                and (getattr(function, "__module__", "") or "").startswith("outcome_graph")
                and not (function.__doc__ or "").strip()
            ):
                missing.append(f"{name}.{member}")
    assert missing == []


def test_the_public_objects_have_short_reprs_that_say_what_they_are():
    # (a Rule's printed its whole documentation and its function, a PlanDiff every match of
    # every node, PlanFacts only its address)
    import outcome_graph as og

    plan = og.load(ROOT / "examples" / "tutorial-plan.yaml")
    report = og.check(plan)
    assert (
        repr(og.registry()["OG302"]) == "<Rule OG302 owner-overload (warning) from outcome_graph>"
    )
    assert repr(og.PlanFacts(plan)) == f"<PlanFacts of {plan.id!r}: {len(plan.nodes)} nodes>"
    edited = og.load(
        (ROOT / "examples" / "tutorial-plan.yaml")
        .read_text(encoding="utf-8")
        .replace(
            "title: Target support at schools below the floor target",
            "title: Target help at schools below the floor target",
        )
    )
    diff = og.diff_plans(plan, edited)
    assert (
        diff.changes
        and repr(diff)
        == f"<PlanDiff {plan.id!r} -> {plan.id!r}: {{'reworded': {len(diff.changes)}}}>"
    )
    assert repr(og.diff_plans(plan, plan)).endswith(": no changes>")
    baseline = og.Baseline.from_reports([report], file="baseline.json")
    total = len(report.findings)
    assert repr(baseline) == f"<Baseline of {total} findings of 1 plan from baseline.json>"
    baselined = baseline.apply(og.check(plan))
    assert (
        repr(baselined)
        == f"<Report {plan.id!r}: 0 errors, 0 warnings, 0 info, 0 suppressed, {total} baselined>"
    )
    seen = []
    context_rule = og.rule("REPR001", "repr-of-context", "info", register=False)(
        lambda ctx: seen.append(repr(ctx)) or []
    )
    from outcome_graph.rules.engine import run_rules

    run_rules(plan, [context_rule], og.Config())
    assert seen == [f"<RuleContext of REPR001 on {plan.id!r}>"]


def test_dir_lists_the_public_names_not_the_modules_own_imports():
    import outcome_graph as og

    names = dir(og)
    assert set(og.__all__) <= set(names)
    assert not {"importlib", "Any", "TYPE_CHECKING", "annotations"} & set(names)


_THREADS = """
import sys, threading
import outcome_graph as og

plan = og.load(sys.argv[1])
config = og.Config.from_file(sys.argv[2]) if len(sys.argv) > 2 else None
barrier = threading.Barrier(8)
found, failed = [], []

def check():
    barrier.wait()
    try:
        found.append(sorted(f.rule for f in og.check(plan, config).findings))
    except Exception as exc:
        failed.append(repr(exc))

threads = [threading.Thread(target=check) for _ in range(8)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(failed or sorted(map(" ".join, found)))
"""


def test_threads_checking_at_once_in_a_new_process_all_get_every_rule():
    # (the first check loads the rule families; the threads that asked meanwhile ran with the
    # families imported so far, and missed findings)
    import json

    plan = ROOT / "examples" / "tutorial-plan.yaml"
    out = subprocess.run(
        [sys.executable, "-c", _THREADS, str(plan)], capture_output=True, text=True, timeout=300
    )
    assert out.returncode == 0, out.stderr
    expected = sorted(
        f["rule"]
        for f in json.loads(
            subprocess.run(
                [sys.executable, "-m", "outcome_graph", "check", str(plan), "--format", "json"],
                capture_output=True,
                text=True,
            ).stdout
        )["findings"]
    )
    assert out.stdout.strip() == repr([" ".join(expected)] * 8)


def test_convert_takes_its_configuration_as_check_does(tmp_path):
    # (a mapping failed with an AttributeError: 'dict' object has no attribute 'files')
    import pandas as pd
    import pytest

    import outcome_graph as og

    source = ROOT / "examples" / "tutorial-plan.yaml"
    og.convert_plan(source, tmp_path / "plan", to="csv", findings=True, config={"select": ["OG2"]})
    rules = set(pd.read_csv(tmp_path / "plan" / "findings.csv")["rule"])
    assert rules and all(rule.startswith("OG2") for rule in rules)
    with pytest.raises(TypeError, match="convert_plan\\(\\) takes config as a Config"):
        og.convert_plan(
            source, tmp_path / "other", to="csv", findings=True, config="outcome-graph.toml"
        )


def test_findings_of_a_rule_are_found_whatever_the_case_of_its_code():
    import outcome_graph as og

    report = og.check(og.load(PLAN_TEXT + "objectives: [{id: O1, title: Fewer accidents}]\n"))
    assert report.by_rule("OG1")
    assert report.by_rule("og1") == report.by_rule(" Og1 ") == report.by_rule("OG1")


def _raised(call):
    try:
        call()
    except Exception as exc:  # noqa: BLE001 - the error itself is what is tested
        return exc
    raise AssertionError("no error raised")


def _one_of_each_error(tmp_path):
    """One of each error the package raises, each from its own kind of bad input: a plan file
    with two problems, a baseline, a configuration file, a render without Graphviz's formats, a
    usage error and a rule's case file."""
    import outcome_graph as og
    from outcome_graph.testing import load_cases

    plan_file = tmp_path / "plan.yaml"
    plan_file.write_text(
        PLAN_TEXT
        + "priorities:\n  - {id: P1, titel: Safe}\n  - {id: P2, title: Well, outcome: []}\n",
        encoding="utf-8",
    )
    baseline = tmp_path / "baseline.json"
    baseline.write_text("{\n  not json\n", encoding="utf-8")
    toml = tmp_path / "outcome-graph.toml"
    toml.write_text("select = [\n", encoding="utf-8")
    cases = tmp_path / "cases.yaml"
    cases.write_text("rule: OG101\ncases: [}\n", encoding="utf-8")
    plan = og.load(PLAN_TEXT)
    errors = [
        _raised(lambda: og.load(plan_file)),
        _raised(lambda: og.Baseline.load(baseline)),
        _raised(lambda: og.Config.from_file(toml)),
        _raised(lambda: og.render(plan, "svg")),
        _raised(lambda: og.check(plan, jobs=0)),
        _raised(lambda: load_cases(cases)),
    ]
    assert [type(e).__name__ for e in errors] == [
        "PlanError",
        "BaselineError",
        "ConfigError",
        "RenderError",
        "UsageError",
        "CaseFileError",
    ]
    return errors


def test_errors_survive_pickling_and_copying_as_they_were(tmp_path):
    # A web app or a process pool sends errors between processes (pickle) and a tool may copy
    # them: a BaselineError could not be unpickled or deep-copied at all (made again from its
    # text, which has no `file`), and an unpickled
    # PlanError printed as "<plan>: plan.yaml:2:1: ...".
    import copy
    import pickle

    errors = _one_of_each_error(tmp_path)
    assert len(errors[0].problems) > 1
    for err in errors:
        for again in (pickle.loads(pickle.dumps(err)), copy.deepcopy(err), copy.copy(err)):
            assert type(again) is type(err)
            assert str(again) == str(err) and repr(again) == repr(err)
            assert (again.file, again.line, again.column) == (err.file, err.line, err.column)
            assert getattr(again, "problems", None) == getattr(err, "problems", None)
            assert getattr(again, "problem", None) == getattr(err, "problem", None)
            assert again.message == err.message


def test_every_error_has_its_message_apart_from_where_it_is(tmp_path):
    # An editor or a web page shows the position apart: only ConfigError had a `message`; a
    # PlanError's was in its problems, a BaselineError's in its problem, the rest in str() alone.
    import outcome_graph as og

    errors = _one_of_each_error(tmp_path)
    for err in errors:
        assert isinstance(err, og.OutcomeGraphError) and err.message
        if err.file is not None:
            where = ":".join(
                str(part) for part in (err.file, err.line, err.column) if part is not None
            )
            assert str(err).startswith(f"{where}: {err.message}"), (str(err), err.message)
            assert not err.message.startswith(str(err.file))
        else:
            assert err.message == str(err)
    assert errors[0].message == errors[0].problems[0].message and "title" in errors[0].message
    assert errors[1].message.startswith("the baseline is not JSON")
    assert errors[2].message.startswith("invalid TOML")


def test_the_outputs_take_their_configuration_as_check_does(tmp_path):
    # check, convert_plan and diff_plans take a mapping of a configuration file's keys; render,
    # report and table were typed for a Config only and failed with an AttributeError
    # ('dict' object has no attribute 'options_for') on the mapping check takes.
    import pytest

    import outcome_graph as og
    from outcome_graph.output.html_report import report_html

    plan = og.load(ROOT / "examples" / "tutorial-plan.yaml")
    mapping = {"ignore": ["OG4"], "rules": {"OG302": {"max-milestones": 1}}}
    config = og.Config.from_dict(mapping)
    assert og.check(plan, mapping).by_rule("OG4") == []
    assert og.render(plan, "dot", findings=True, config=mapping) == og.render(
        plan, "dot", findings=True, config=config
    )
    assert og.render(plan, "dot", owners=True, config=mapping) == og.render(
        plan, "dot", owners=True, config=config
    )
    day = __import__("datetime").date(2011, 10, 1)
    page = report_html(plan, config=mapping, diagram=False, today=day)
    assert page == report_html(plan, config=config, diagram=False, today=day)
    assert "OG403" not in page and "OG403" in report_html(plan, diagram=False, today=day)
    written = og.report(plan, tmp_path / "report.html", config=mapping, diagram=False)
    assert "OG403" not in written.read_text(encoding="utf-8")
    findings = og.table(plan, "findings", config=mapping)
    assert list(findings["rule"]) == [f.rule for f in og.check(plan, config).findings]
    for call, name in (
        (lambda: og.render(plan, "dot", config="og.toml"), "render"),
        (lambda: og.report(plan, tmp_path / "r.html", config="og.toml"), "report"),
        (lambda: og.table(plan, "findings", config=42), "table"),
    ):
        with pytest.raises(TypeError, match=rf"^{name}\(\) takes config as a Config"):
            call()
    assert not (tmp_path / "r.html").exists()


def test_a_path_object_given_to_render_is_a_path_not_a_format(tmp_path, monkeypatch):
    # (typed to return the path written, render(plan, Path("svg")) returned the SVG's bytes and
    # wrote nothing; a path object is a path, as for load)
    import pytest

    import outcome_graph as og

    monkeypatch.chdir(tmp_path)
    plan = og.load(ROOT / "examples" / "tutorial-plan.yaml")
    with pytest.raises(og.ConfigError, match="'dot' is neither an output format"):
        og.render(plan, Path("dot"))
    written = og.render(plan, Path("model.dot"))
    assert written == Path("model.dot") and written.read_bytes() == og.render(plan, "dot")
    assert isinstance(og.render(plan, "DOT"), bytes)


def test_render_of_a_format_it_does_not_draw_lists_those_it_does(tmp_path, monkeypatch):
    # (an empty format was reported as the path '.': "'.' is neither an output format")
    import pytest

    import outcome_graph as og

    monkeypatch.chdir(tmp_path)
    plan = og.load(ROOT / "examples" / "tutorial-plan.yaml")
    for fmt in ("gif", "jpg", "html", "x.gif", ""):
        with pytest.raises(og.ConfigError) as err:
            og.render(plan, fmt)
        said = str(err.value)
        assert all(name in said for name in ("svg", "png", "pdf", "dot")) and "'.'" not in said, fmt
    assert list(tmp_path.iterdir()) == []


def test_a_plan_loads_from_an_open_file_and_is_named_as_the_caller_says(tmp_path):
    # A web app holds an upload as a stream and its file name: load took neither (a TypeError for
    # the stream; text and bytes were reported as "<plan>" whatever the upload was called).
    import io

    import pytest

    import outcome_graph as og

    path = ROOT / "examples" / "tutorial-plan.yaml"
    data = path.read_bytes()
    expected = og.load(path)
    findings = [
        (f.rule, f.node, f.location.line, f.location.column) for f in og.check(expected).findings
    ]
    with path.open("rb") as binary, path.open(encoding="utf-8") as text:
        streams = [io.BytesIO(data), io.StringIO(data.decode("utf-8")), binary, text]
        for stream in streams:
            plan = og.load(stream, name="upload.yaml")
            assert plan.document == expected.document and plan.file == "upload.yaml"
            report = og.check(plan)
            assert [
                (f.rule, f.node, f.location.line, f.location.column) for f in report.findings
            ] == findings
            assert {f.location.file for f in report.findings} == {"upload.yaml"}
    with path.open("rb") as binary:  # (a file of the file system names itself)
        assert og.load(binary).file == str(path)
    assert og.load(io.BytesIO(data)).file is None

    bad = data.replace(b"milestones:", b"milestons:", 1)
    line = data[: data.index(b"milestones:")].count(b"\n") + 1
    for source in (bad, bad.decode("utf-8"), io.BytesIO(bad)):
        with pytest.raises(og.PlanError) as info:
            og.load(source, name="upload.yaml")
        assert (info.value.file, info.value.line) == ("upload.yaml", line)
        assert str(info.value).startswith(f"upload.yaml:{line}:")
    with pytest.raises(og.PlanError) as data_error:
        og.load({"format": "outcome-graph/v1"}, name="upload.json")
    assert str(data_error.value) == "upload.json: the file is missing the required field 'plan'"
    with pytest.raises(og.PlanError, match=r"^upload.yaml: the plan is over the 100-byte limit"):
        og.load(io.BytesIO(data), name="upload.yaml", max_bytes=100)
    latin = tmp_path / "latin.yaml"
    latin.write_bytes(data.replace(b"Anytown", "Anytöwn".encode("latin-1")))
    with latin.open(encoding="utf-8") as text, pytest.raises(og.PlanError) as encoding:
        og.load(text)
    assert encoding.value.file == str(latin) and "open it in binary mode" in str(encoding.value)
    with latin.open("rb") as binary, pytest.raises(og.PlanError, match="not UTF-8 text"):
        og.load(binary)

    with pytest.raises(
        og.UsageError, match=r"names its own plan \(to name it otherwise, give it open"
    ):
        og.load(path, name="upload.yaml")
    with path.open("rb") as saved:  # (an upload saved to a file, named as it was uploaded)
        assert og.load(saved, name="upload.yaml").file == "upload.yaml"
    with pytest.raises(
        TypeError, match="not NoneType"
    ):  # (a stream whose read() gives nothing usable)
        og.load(type("Odd", (), {"read": lambda self, n=-1: None})())


def test_the_html_report_is_given_as_text_from_the_package(tmp_path):
    # (a web app serving the report had to write it to a file and read it back, or import it
    # from a module the README does not name)
    import outcome_graph as og

    plan = og.load(ROOT / "examples" / "tutorial-plan.yaml")
    before = og.report_html(plan, diagram=False, config={"ignore": ["OG5"]})
    written = og.report(plan, tmp_path / "report.html", diagram=False, config={"ignore": ["OG5"]})
    after = og.report_html(plan, diagram=False, config={"ignore": ["OG5"]})
    assert written.read_text(encoding="utf-8") in (
        before,
        after,
    )  # (the same page, unless midnight passed)
    assert before.startswith("<!DOCTYPE html>") and "OG403" in before and "OG503" not in before
    assert "report_html" in og.__all__ and "report_html" in dir(og)


def test_a_workbook_or_csv_file_loads_from_its_content(tmp_path):
    # (an uploaded workbook was refused as "a workbook ..., not a YAML or JSON plan: a workbook's
    # name ends in .xlsx", even from a file opened by that name: only a path loaded one)
    import io

    import pytest

    import outcome_graph as og

    workbook = tmp_path / "plan.xlsx"
    og.convert_plan(ROOT / "examples" / "tutorial-plan.yaml", workbook)
    expected = og.load(workbook)

    def seen(plan):
        return [
            (f.rule, f.node, f.location.sheet, f.location.cell) for f in og.check(plan).findings
        ]

    data = workbook.read_bytes()
    with workbook.open("rb") as own:
        for source, name, file in (
            (data, None, None),
            (io.BytesIO(data), "upload.xlsx", "upload.xlsx"),
            (own, None, str(workbook)),
        ):
            plan = og.load(source, name=name)
            assert plan.document == expected.document and plan.file == file
            assert seen(plan) == seen(expected) and seen(plan)
            assert {f.location.file for f in og.check(plan).findings} == {file}

    flat = tmp_path / "flat.csv"
    flat.write_text(
        "Objective,Key milestones,Lead person,By when\nFewer accidents,Audit the junctions,,TBA\n",
        encoding="utf-8",
    )
    from_path = og.load(flat, period="2011-04-01..2012-03-31")
    for source in (
        flat.read_bytes(),
        flat.read_text(encoding="utf-8"),
        io.BytesIO(flat.read_bytes()),
    ):
        plan = og.load(source, name="flat.csv", period="2011-04-01..2012-03-31")
        assert plan.document == from_path.document and plan.location("O1.M1").cell == "B2"
        assert [(f.rule, f.node) for f in og.check(plan).findings] == [
            (f.rule, f.node) for f in og.check(from_path).findings
        ]

    # (where a workbook's problem is, for a web page to point at: only in its problems before)
    with pytest.raises(og.PlanError) as cell:
        og.load(
            "Priority,Outcomes,Objective,Key milestones,Lead person,By when\n"
            "Safe,stay_saf,Fewer accidents,Audit the junctions,,TBA\n",
            name="flat.csv",
            period="2011-04-01..2012-03-31",
        )
    assert (cell.value.file, cell.value.sheet, cell.value.cell, cell.value.line) == (
        "flat.csv",
        None,
        "B2",
        2,
    )
    assert "unknown outcome 'stay_saf'" in cell.value.message

    broken = bytearray(data)
    broken[len(broken) // 2 :] = bytes(len(broken) - len(broken) // 2)
    with pytest.raises(og.PlanError) as damaged:
        og.load(bytes(broken), name="upload.xlsx")
    assert damaged.value.file == "upload.xlsx"
    with pytest.raises(
        og.PlanError, match=r"^upload.xlsx: the plan is over the 1,000-byte limit \(max_bytes"
    ):
        og.load(io.BytesIO(data), name="upload.xlsx", max_bytes=1000)


def test_a_plan_with_no_folder_of_its_own_reads_no_catalogue_file(tmp_path, monkeypatch):
    # A catalogue's entries file is read from the plan's folder only; a plan given as text (an
    # upload, in a web app) had its entries file read from the working folder, so an uploaded
    # plan could have the server read a file of its own choosing there.
    import io

    import pytest

    import outcome_graph as og

    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / "csc.csv").write_text("code,title\nCSC 001,Young carers\n", encoding="utf-8")
    text = (
        PLAN_TEXT + "catalogues: [{prefix: CSC, title: Local, entries: csc.csv}]\n"
        "objectives: [{id: O1, title: Care, indicators: [CSC 001]}]\n"
    )
    plan_file = folder / "plan.yaml"
    plan_file.write_text(text, encoding="utf-8")
    monkeypatch.chdir(folder)  # (the file is there, beside the working folder's plan)
    for source in (text, text.encode("utf-8"), io.BytesIO(text.encode("utf-8"))):
        with pytest.raises(og.PlanError) as refused:
            og.load(source, name="upload.yaml")
        assert (refused.value.file, refused.value.line) == ("upload.yaml", 3)
        assert (
            "entries file 'csc.csv' cannot be read: the plan was not loaded from a file"
            in refused.value.message
        )
    from_path = og.load(plan_file)
    assert from_path.catalogues["CSC"].lookup("CSC 001").title == "Young carers"
    monkeypatch.chdir(tmp_path)  # (an open file of the file system reads it from its own folder)
    with plan_file.open("rb") as own:
        assert og.load(own).catalogues["CSC"].lookup("CSC 001").title == "Young carers"
    with plan_file.open("rb") as saved, pytest.raises(og.PlanError, match="cannot be read"):
        og.load(saved, name="upload.yaml")  # (an upload saved to a file, named as uploaded: none)


@pytest.mark.parametrize(
    "source",
    [
        "thurrock-cypp-2011-12.yaml",
        "southend-cypp-2008-09.yaml",
        "richmond-cypp-2009-2013.yaml",
        "anchored",
        "json",
    ],
)
def test_a_plan_is_freed_as_soon_as_the_program_lets_go_of_it(source: str, tmp_path: Path):
    # A program that checks plan after plan (an editor on every save, a service) gets each plan's
    # memory back when it drops the plan, without waiting for the garbage collector: nothing the
    # loader, the checks, the graph, the diagram, the report or the tables make refers back to
    # the plan in a cycle.
    import gc
    import weakref

    import outcome_graph as og

    from .conftest import EXAMPLES, MODELS

    if source == "anchored":  # (read by the precise parser)
        text = (
            (EXAMPLES / "tutorial-plan.yaml")
            .read_text(encoding="utf-8")
            .replace("plan:", "plan: &plan", 1)
        )
    elif source == "json":
        og.convert_plan(MODELS / "thurrock-cypp-2011-12.yaml", tmp_path / "plan.json")
        text = (tmp_path / "plan.json").read_text(encoding="utf-8")
    else:
        text = (MODELS / source).read_text(encoding="utf-8")
    uses = [
        og.check,
        og.build_graph,
        lambda p: og.render(p, "dot"),
        lambda p: og.render(p, "dot", owners=True),
        lambda p: og.report_html(p, diagram=False),
        lambda p: og.table(p, "milestones"),
        lambda p: og.diff_plans(p, p),
    ]
    was_enabled = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        for use in uses:
            plan = og.load(text)
            kept = weakref.ref(plan)
            result = use(plan)
            del plan, result
            assert kept() is None, f"{use} left the plan in a reference cycle"
    finally:
        if was_enabled:
            gc.enable()


def _alive_after(args: list[str], ends_at_once: bool, monkeypatch) -> list[bool]:
    """Run a command as a program runs it in its own process, the collector paused, and say which
    of the plans it loaded are still alive when it has returned (``ends_at_once``: as where the
    console script ends the process at once)."""
    import gc
    import weakref

    from outcome_graph.cli import main
    from outcome_graph.commands import common
    from outcome_graph.loading import loader

    from .conftest import cli_runner

    read: list[weakref.ref[object]] = []
    load_path = loader.load_path

    def loading(*args: object, **kwargs: object) -> object:
        plan = load_path(*args, **kwargs)  # type: ignore[arg-type]
        read.append(weakref.ref(plan))
        return plan

    with monkeypatch.context() as patch:
        patch.setattr(loader, "load_path", loading)
        patch.setattr(common, "ENDS_AT_ONCE", ends_at_once)
        patch.setattr(common, "_held", [])
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            result = cli_runner().invoke(main, args)
            alive = [ref() is not None for ref in read]
        finally:
            if was_enabled:
                gc.enable()
    assert result.exit_code == 0, result.output
    return alive


@pytest.mark.parametrize("ends_at_once", [False, True])
def test_check_holds_its_last_plan_to_the_end_only_where_the_process_ends_at_once(
    ends_at_once: bool, monkeypatch
):
    # The console script ends its process at once (os._exit): there, freeing a plan would cost
    # time for nothing, and the command holds the last plan it read (one, never all of them).
    # Called from a program, the command lets go of every plan.
    from .conftest import EXAMPLES, MODELS

    plans = [str(EXAMPLES / "tutorial-plan.yaml"), str(MODELS / "thurrock-cypp-2011-12.yaml")]
    alive = _alive_after(
        ["check", *plans, "--jobs", "1", "--fail-on", "never"], ends_at_once, monkeypatch
    )
    assert alive == ([False, True] if ends_at_once else [False, False])


@pytest.mark.parametrize(
    "command",
    [
        ["render", "-o", "{out}.dot"],
        ["table", "-o", "{out}.csv"],
        ["report", "-o", "{out}.html", "--no-diagram"],
        ["convert", "{out}.json"],
    ],
)
def test_the_other_commands_hold_their_plan_where_the_process_ends_at_once(
    command: list[str], monkeypatch, tmp_path: Path
):
    from .conftest import EXAMPLES

    for ends_at_once in (False, True):
        args = [
            command[0],
            str(EXAMPLES / "tutorial-plan.yaml"),
            *(a.format(out=tmp_path / f"out-{ends_at_once}") for a in command[1:]),
        ]
        alive = _alive_after(args, ends_at_once, monkeypatch)
        assert alive == [ends_at_once], (args, alive)


def test_unused_ignore_is_public_beside_rule_context():
    # (RuleContext.unused_ignores holds them, but the class was importable from its module alone)
    import outcome_graph as og
    from outcome_graph import UnusedIgnore
    from outcome_graph.rules.context import UnusedIgnore as defined

    assert (
        UnusedIgnore is defined is og.UnusedIgnore
        and "UnusedIgnore" in og.__all__
        and "UnusedIgnore" in dir(og)
    )
    plan = og.load(
        PLAN_TEXT + "milestones:\n"
        "  - {id: M8, title: Audit, lead: SILS, timescale: June 11, ignore: [OG301, ZZ9]}\n"
        "  - {id: M9, title: Review, timescale: June 11, ignore: [OG301]}\n"
    )
    holders = [f.node for f in og.check(plan).by_rule("OG110")]
    assert holders == ["M8", "M8"]
    seen: list[UnusedIgnore] = []

    def note(ctx: og.RuleContext) -> list[og.Finding]:
        seen.extend(ctx.unused_ignores)
        return []

    from dataclasses import replace

    from outcome_graph.rules.engine import run_rules

    rules = [r for code, r in og.registry().items() if code != "OG110"]
    run_rules(plan, [*rules, replace(og.registry()["OG110"], check=note)], og.Config())
    assert all(isinstance(u, UnusedIgnore) for u in seen)
    assert [(u.holder, u.kind, u.rule, u.names_a_rule) for u in seen] == [
        ("M8", "node", "OG301", True),
        ("M8", "node", "ZZ9", False),
    ]


def test_damaged_workbook_content_is_said_to_be_no_workbook_rather_than_bad_yaml():
    # (a zip file's first bytes with no zero byte among them were read as YAML: "invalid YAML:
    # unacceptable character #x0003")
    import outcome_graph as og

    damaged = b"PK\x03\x04" + b"not the rest of a workbook" * 4
    for name, said in (
        ("upload.xlsx", "upload.xlsx:1:1: this is not an Excel workbook (.xlsx)"),
        (
            "upload.yaml",
            "upload.yaml:1:1: this is a workbook (or another zip file), not a YAML or JSON plan",
        ),
        (None, "<plan>:1:1: this is a workbook (or another zip file)"),
    ):
        with pytest.raises(og.PlanError) as err:
            og.load(damaged, name=name)
        assert str(err.value).startswith(said), str(err.value)


#: each argument docs/python-api.md says stands for a command's option, a call giving it a value it
#: cannot take, and the start of the message: the
#: command's option, or the value where the page says so
_OPTION_ARGUMENTS = {
    "page": (lambda og, plan, tmp: og.render(plan, "svg", page="A5"), "--page: 'A5'"),
    "focus": (lambda og, plan, tmp: og.render(plan, "svg", focus="P9"), "--focus: no node 'P9'"),
    "levels": (
        lambda og, plan, tmp: og.render(plan, "svg", levels="aimz"),
        "--levels: unknown level 'aimz'",
    ),
    "outcome": (
        lambda og, plan, tmp: og.render(plan, "svg", outcome="happy"),
        "--outcome: 'happy'",
    ),
    "direction": (
        lambda og, plan, tmp: og.render(plan, "svg", direction="XY"),
        "--direction must be",
    ),
    "period": (lambda og, plan, tmp: og.load(_flat_csv(tmp), period="soon"), "--period 'soon'"),
    "path_or_format": (
        lambda og, plan, tmp: og.render(plan, "gif"),
        "'gif' is neither an output format",
    ),
    "to": (
        lambda og, plan, tmp: og.convert_plan(plan, tmp / "plan.out", to="gif"),
        "unknown output format 'gif'",
    ),
    "what": (
        lambda og, plan, tmp: og.table(plan, "budget"),
        "unknown table 'budget'; choose one of milestones",
    ),
}


def _flat_csv(folder: Path) -> Path:
    path = folder / "flat.csv"
    path.write_text(
        "Milestone,Lead,Timescale\nAudit the junctions,SILS,June 11\n", encoding="utf-8"
    )
    return path


@pytest.mark.parametrize("argument", sorted(_OPTION_ARGUMENTS))
def test_an_argument_that_stands_for_a_commands_option_raises_an_option_error(argument, tmp_path):
    # (the page said a table's 'columns' raised one: og.table has none; it names each argument now)
    import outcome_graph as og

    page = (ROOT / "docs" / "python-api.md").read_text(encoding="utf-8")
    paragraph = " ".join(
        page[page.index("An argument that stands for a command's option") :]
        .split("\n\n")[0]
        .split()
    )
    assert f"`{argument}`" in paragraph
    call, starts = _OPTION_ARGUMENTS[argument]
    with pytest.raises(og.OptionError) as err:
        call(og, og.load(PLAN_TEXT), tmp_path)
    assert isinstance(err.value, og.ConfigError) and isinstance(err.value, og.UsageError)
    assert isinstance(err.value, ValueError) and (
        err.value.file,
        err.value.line,
        err.value.column,
    ) == (None, None, None)
    assert str(err.value).startswith(starts), str(err.value)


def test_the_table_function_has_no_columns_and_the_page_says_how_to_choose_them():
    import inspect

    import outcome_graph as og

    page = " ".join((ROOT / "docs" / "python-api.md").read_text(encoding="utf-8").split())
    assert "columns" not in inspect.signature(og.table).parameters
    assert "`og.table` has no `columns`" in page
    example = re.search(r'\(`(og\.table\(plan, "milestones"\)\[\[[^`]+\]\])`\)', page)
    assert example is not None
    plan = og.load(ROOT / "examples" / "tutorial-plan.yaml")
    assert list(eval(example[1], {"og": og, "plan": plan}).columns) == ["id", "end"]
