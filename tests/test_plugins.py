"""Custom rules: an installed plugin (entry points), a local rule file, and reserved OG codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import EXAMPLES, MODELS, PLAN_HEADER, og_command

PLUGIN = EXAMPLES / "custom_rule"
VAGUE_PLAN = PLAN_HEADER + """\
milestones:
  - {id: M1, title: Continue to support schools, timescale: Ongoing, lead: SILS}
  - {id: M2, title: Publish the youth offer, timescale: June 11, lead: SILS}
"""


def _pip(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pip", "--disable-pip-version-check", "-q", *args],
                          capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def installed_plugin():
    """Install examples/custom_rule into the venv for these tests, and remove it afterwards."""
    out = _pip("install", "--no-deps", "--no-build-isolation", str(PLUGIN))
    assert out.returncode == 0, out.stderr
    try:
        yield
    finally:
        _pip("uninstall", "-y", "og-rules-vague")


def test_installed_plugin_runs_from_the_cli(installed_plugin, tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text(VAGUE_PLAN)
    out = subprocess.run([*og_command(), "check", str(plan), "--format", "json", "--select", "VAG"],
                         capture_output=True, text=True)
    doc = json.loads(out.stdout)
    assert [(f["rule"], f["node"]) for f in doc["findings"]] == [("VAG001", "M1")]
    rules = subprocess.run([*og_command(), "rules", "VAG001"], capture_output=True, text=True)
    assert rules.returncode == 0 and "vague-milestone" in rules.stdout and "How to fix" in rules.stdout


def test_installed_plugin_runs_from_the_api(installed_plugin, tmp_path):
    # A fresh interpreter, so the plugin is discovered as a user's program would discover it.
    code = (
        "import outcome_graph as og, sys\n"
        f"report = og.check(og.load({str(MODELS / 'southend-cypp-2008-09.yaml')!r}))\n"
        "found = report.by_rule('VAG001')\n"
        "print(len(found), found[0].name if found else '')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    count, name = out.stdout.split()
    assert int(count) > 0 and name == "vague-milestone"


def test_plugin_own_tests_pass(installed_plugin):
    out = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(PLUGIN / "tests")],
                         capture_output=True, text=True, cwd=PLUGIN)
    assert out.returncode == 0, out.stdout + out.stderr


def test_rule_files_config_key(tmp_path):
    rules = tmp_path / "local_rules.py"
    rules.write_text(
        "from outcome_graph import rule\n\n"
        "@rule('LOC001', 'untitled-plan', 'warning')\n"
        "def untitled_plan(ctx):\n"
        "    '''A plan with no title.\n\n    ## What it does\n    Reports it.\n    ## Why it matters\n    Readers.\n"
        "    ## Example\n    A file.\n    ## How to fix\n    Add `plan.title`.\n    '''\n"
        "    if not ctx.plan.meta.title:\n"
        "        yield ctx.finding(None, 'The plan has no title.')\n"
    )
    (tmp_path / "outcome-graph.toml").write_text('rule-files = ["local_rules.py"]\nselect = ["LOC"]\n')
    plan = tmp_path / "plan.yaml"
    plan.write_text(VAGUE_PLAN)
    out = subprocess.run([*og_command(), "check", str(plan), "--format", "json"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert [f["rule"] for f in json.loads(out.stdout)["findings"]] == ["LOC001"]


def test_og_codes_are_reserved(tmp_path):
    rules = tmp_path / "bad_rules.py"
    rules.write_text("from outcome_graph import rule\n\n@rule('OG901', 'mine', 'info')\ndef mine(ctx):\n    return []\n")
    (tmp_path / "outcome-graph.toml").write_text('rule-files = ["bad_rules.py"]\n')
    plan = tmp_path / "plan.yaml"
    plan.write_text(VAGUE_PLAN)
    out = subprocess.run([*og_command(), "check", str(plan)], capture_output=True, text=True)
    assert out.returncode == 2
    assert "OG codes belong to outcome_graph" in out.stderr and "Traceback" not in out.stderr


def test_declared_twice_is_an_error(tmp_path):
    rules = tmp_path / "dup_rules.py"
    rules.write_text("from outcome_graph import rule\n\n@rule('LOC002', 'one', 'info')\ndef one(ctx):\n    return []\n\n"
                     "@rule('LOC002', 'two', 'info')\ndef two(ctx):\n    return []\n")
    (tmp_path / "outcome-graph.toml").write_text('rule-files = ["dup_rules.py"]\n')
    plan = tmp_path / "plan.yaml"
    plan.write_text(VAGUE_PLAN)
    out = subprocess.run([*og_command(), "check", str(plan)], capture_output=True, text=True)
    assert out.returncode == 2 and "declared twice" in out.stderr
