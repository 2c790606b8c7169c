"""Every example in the README and docs/ runs: Python blocks execute, console commands exit as a
check does (0 or 1) and print the output shown under them, YAML plans load, TOML configurations
are valid."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
FENCE = re.compile(r"^```(\w+)\n(.*?)^```", re.MULTILINE | re.DOTALL)
# Commands that set up machines, environments or other repositories are shown, not run here.
NOT_RUN = {"make", "pip", "git", "pre-commit", "jupyter", ".", "source"}


def blocks(kind: str) -> list[tuple[str, str]]:
    out = []
    for doc in DOCS:
        for i, m in enumerate(FENCE.finditer(doc.read_text(encoding="utf-8"))):
            if m.group(1) == kind:
                out.append((f"{doc.relative_to(ROOT)}#{i}", m.group(2)))
    return out


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    """A folder that looks like the repository (models/, examples/ ...) where outputs can be written."""
    for name in ("models", "examples", "docs", "src"):
        (tmp_path / name).symlink_to(ROOT / name)
    return tmp_path


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["NO_COLOR"] = "1"
    return env


PY = blocks("python")
CONSOLE = blocks("console")
YAML = blocks("yaml")
TOML = blocks("toml")


def test_the_docs_have_examples():
    assert len(PY) >= 3 and len(CONSOLE) >= 5 and len(YAML) >= 4


@pytest.mark.parametrize("code", [c for _, c in PY], ids=[i for i, _ in PY])
def test_python_example_runs(code, workdir):
    out = subprocess.run([sys.executable, "-c", code], cwd=workdir, capture_output=True, text=True, env=_env(), timeout=300)
    assert out.returncode == 0, out.stderr


def _commands(block: str) -> list[tuple[str, list[str]]]:
    """The commands of a console block, each with the output lines shown under it ("..." marks
    lines left out)."""
    out: list[tuple[str, list[str]]] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            out.append((line[2:].split("  #")[0].strip(), []))
        elif out and line.strip() and line.strip() != "...":
            out[-1][1].append(line.rstrip())
    return out


def test_console_blocks_are_read_as_commands_and_their_output():
    block = "$ outcome-graph check a.yaml   # note\nErrors (1)\n...\n\n$ outcome-graph check b.yaml\n"
    assert _commands(block) == [("outcome-graph check a.yaml", ["Errors (1)"]), ("outcome-graph check b.yaml", [])]


@pytest.mark.parametrize("block", [c for _, c in CONSOLE], ids=[i for i, _ in CONSOLE])
def test_console_example_runs(block, workdir):
    for command, shown in _commands(block):
        argv = shlex.split(command)
        if argv[0] in NOT_RUN:
            continue
        out = subprocess.run(command, shell=True, cwd=workdir, capture_output=True, text=True, env=_env(), timeout=300)
        # (0, or 1 for a check that finds what fails it; anything else is an error)
        assert out.returncode in (0, 1) if argv[0] == "outcome-graph" else out.returncode == 0, f"{command}\n{out.stderr}"
        assert "Traceback" not in out.stderr
        printed = (out.stdout + out.stderr).splitlines()
        for line in shown:  # the output the docs show is the output the command gives
            assert line in printed, f"{command}: the docs show {line!r}, which it does not print"


@pytest.mark.parametrize("text", [c for _, c in YAML], ids=[i for i, _ in YAML])
def test_yaml_example_is_valid(text):
    import yaml

    data = yaml.safe_load(text)
    if isinstance(data, dict) and "format" in data:
        import outcome_graph as og

        og.load(text)  # a plan example must load
    else:
        assert data is not None


@pytest.mark.parametrize("text", [c for _, c in TOML], ids=[i for i, _ in TOML])
def test_toml_example_is_valid_configuration(text):
    import tomllib

    from outcome_graph.config import ConfigLayer

    data = tomllib.loads(text)
    data.pop("rule-files", None)
    layer = ConfigLayer.from_mapping(data, "example")  # (raises on any key or value it cannot take)
    assert layer.select or layer.ignore or layer.severity or layer.options or layer.fail_on, text
