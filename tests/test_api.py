"""The public API: typed (py.typed, mypy-clean), documented with runnable examples, cheap to import."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_py_typed_is_shipped():
    assert (ROOT / "src" / "outcome_graph" / "py.typed").exists()


def test_mypy_is_clean():
    out = subprocess.run([sys.executable, "-m", "mypy", "--no-error-summary"], cwd=ROOT, capture_output=True,
                         text=True, timeout=600)
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
    code = "import sys, outcome_graph; print(sorted(m for m in ('pandas', 'pydantic', 'networkx', 'graphviz', 'openpyxl') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "[]"


PLAN_TEXT = "format: outcome-graph/v1\nplan: {id: d, period: {start: 2011-04-01, end: 2012-03-31}}\n"


def _wrong_type_calls():  # (name, call, what the message says)
    import outcome_graph as og

    plan = og.load(PLAN_TEXT)
    return [
        ("load a number", lambda: og.load(42), "load() takes a path, the text or bytes of a plan, or its data as a mapping; not int"),
        ("load None", lambda: og.load(None), "not NoneType"),
        ("load max_bytes text", lambda: og.load(PLAN_TEXT, max_bytes="10"), "load() takes max_bytes as a whole number of bytes, not str"),
        ("load max_bytes None", lambda: og.load(PLAN_TEXT, max_bytes=None), "max_bytes as a whole number of bytes, not NoneType"),
        ("load period number", lambda: og.load(PLAN_TEXT, period=2011), "load() takes period as text, START..END"),
        ("check a path", lambda: og.check("plan.yaml"), "check() takes a loaded plan (og.check(og.load(path))), not str"),
        ("check config path", lambda: og.check(plan, config="og.toml"),
         "check() takes config as a Config (og.Config.from_file(path)) or a mapping of a configuration file's keys, not str"),
        ("check config number", lambda: og.check(plan, config=42), "not int"),
        ("diff numbers", lambda: og.diff_plans(1, 2), "diff() compares two plans, loaded or as paths"),
        ("diff config path", lambda: og.diff_plans(plan, plan, config="og.toml"), "diff() takes config as a Config"),
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
    assert og.check(plan, config={"select": ["OG1"]}).findings == og.check(plan, config=og.Config.from_dict({"select": ["OG1"]})).findings
    assert og.diff_plans(plan, plan, config={"select": ["OG1"]}).introduced == []
