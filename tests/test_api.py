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
