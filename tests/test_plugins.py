"""Custom rules: an installed plugin (entry points), a local rule file, and reserved OG codes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import EXAMPLES, MODELS, PLAN_HEADER, og_command

PLUGIN = EXAMPLES / "custom_rule"
VAGUE_PLAN = (
    PLAN_HEADER
    + """\
milestones:
  - {id: M1, title: Continue to support schools, timescale: Ongoing, lead: SILS}
  - {id: M2, title: Publish the youth offer, timescale: June 11, lead: SILS}
"""
)


def _pip(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q", *args],
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="module")
def plugin_env(tmp_path_factory):
    """examples/custom_rule installed into a folder of its own, and the environment of a process
    that finds it there (as it would find an installed plugin). The project's environment, which
    other runs of the tests may share, is left as it is, and so is the example's source folder
    (it is built from a copy)."""
    root = tmp_path_factory.mktemp("plugin")
    source = shutil.copytree(
        PLUGIN, root / "source", ignore=shutil.ignore_patterns("build", "*.egg-info", "__pycache__")
    )
    target = root / "site-packages"
    out = _pip("install", "--no-deps", "--no-build-isolation", "--target", str(target), str(source))
    assert out.returncode == 0, out.stderr
    path = os.pathsep.join(p for p in (str(target), os.environ.get("PYTHONPATH")) if p)
    return {
        **os.environ,
        "PYTHONPATH": path,
        "PYTHONDONTWRITEBYTECODE": "1",
        "PLUGIN_SOURCE": str(source),
    }


def test_the_plugin_is_not_found_without_being_installed(plugin_env, tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text(VAGUE_PLAN)
    out = subprocess.run([*og_command(), "rules", "VAG001"], capture_output=True, text=True)
    assert (
        out.returncode == 2 and "VAG001" in out.stderr
    )  # (the environment the tests run in has no plugin)


def test_installed_plugin_runs_from_the_cli(plugin_env, tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text(VAGUE_PLAN)
    out = subprocess.run(
        [*og_command(), "check", str(plan), "--format", "json", "--select", "VAG"],
        capture_output=True,
        text=True,
        env=plugin_env,
    )
    doc = json.loads(out.stdout)
    assert [(f["rule"], f["node"]) for f in doc["findings"]] == [("VAG001", "M1")]
    rules = subprocess.run(
        [*og_command(), "rules", "VAG001"], capture_output=True, text=True, env=plugin_env
    )
    assert (
        rules.returncode == 0 and "vague-milestone" in rules.stdout and "How to fix" in rules.stdout
    )
    assert "  allow = []\n    milestone ids to leave alone.\n" in rules.stdout  # (its ## Options)


def test_installed_plugin_runs_from_the_api(plugin_env, tmp_path):
    # A fresh interpreter, so the plugin is discovered as a user's program would discover it.
    code = (
        "import outcome_graph as og, sys\n"
        f"report = og.check(og.load({str(MODELS / 'southend-cypp-2008-09.yaml')!r}))\n"
        "found = report.by_rule('VAG001')\n"
        "print(len(found), found[0].name if found else '')\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=plugin_env
    )
    assert out.returncode == 0, out.stderr
    count, name = out.stdout.split()
    assert int(count) > 0 and name == "vague-milestone"


def test_plugin_own_tests_pass(plugin_env):
    source = Path(plugin_env["PLUGIN_SOURCE"])
    out = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(source / "tests")],
        capture_output=True,
        text=True,
        cwd=source,
        env=plugin_env,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert " passed" in out.stdout


def test_rule_files_config_key(tmp_path):
    rules = tmp_path / "local_rules.py"
    rules.write_text(
        "from outcome_graph import rule\n\n@rule('LOC001', 'untitled-plan', 'warning')\n"
        "def untitled_plan(ctx):\n    '''A plan with no title.\n\n    ## What it does\n"
        "    Reports it.\n    ## Why it matters\n    Readers.\n    ## Example\n    A file.\n"
        "    ## How to fix\n    Add `plan.title`.\n    '''\n    if not ctx.plan.meta.title:\n"
        "        yield ctx.finding(None, 'The plan has no title.')\n"
    )
    (tmp_path / "outcome-graph.toml").write_text(
        'rule-files = ["local_rules.py"]\nselect = ["LOC"]\n'
    )
    plan = tmp_path / "plan.yaml"
    plan.write_text(VAGUE_PLAN)
    out = subprocess.run(
        [*og_command(), "check", str(plan), "--format", "json"], capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    assert [f["rule"] for f in json.loads(out.stdout)["findings"]] == ["LOC001"]


def test_og_codes_are_reserved(tmp_path):
    rules = tmp_path / "bad_rules.py"
    rules.write_text(
        "from outcome_graph import rule\n\n@rule('OG901', 'mine', 'info')\ndef mine(ctx):\n"
        "    return []\n"
    )
    (tmp_path / "outcome-graph.toml").write_text('rule-files = ["bad_rules.py"]\n')
    plan = tmp_path / "plan.yaml"
    plan.write_text(VAGUE_PLAN)
    out = subprocess.run([*og_command(), "check", str(plan)], capture_output=True, text=True)
    assert out.returncode == 2
    assert "OG codes belong to outcome_graph" in out.stderr and "Traceback" not in out.stderr


def test_declared_twice_is_an_error(tmp_path):
    rules = tmp_path / "dup_rules.py"
    rules.write_text(
        "from outcome_graph import rule\n\n@rule('LOC002', 'one', 'info')\ndef one(ctx):\n"
        "    return []\n\n@rule('LOC002', 'two', 'info')\ndef two(ctx):\n    return []\n"
    )
    (tmp_path / "outcome-graph.toml").write_text('rule-files = ["dup_rules.py"]\n')
    plan = tmp_path / "plan.yaml"
    plan.write_text(VAGUE_PLAN)
    out = subprocess.run([*og_command(), "check", str(plan)], capture_output=True, text=True)
    assert out.returncode == 2 and "declared twice" in out.stderr


_LOCAL_RULE = (
    "from outcome_graph import rule\n\n@rule('LOC003', 'every-plan', 'info')\n"
    "def every_plan(ctx):\n    '''Every plan.\n\n    ## What it does\n    Reports it.\n"
    "    ## Why it matters\n    A test.\n    ## Example\n    A file.\n    ## How to fix\n"
    "    Nothing.\n    '''\n    yield ctx.finding(None, 'A plan.')\n"
)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_rule_file_applies_only_to_the_plans_whose_configuration_names_it(tmp_path, jobs):
    # Checked after a plan that loads it, in the same process, a plan with no such configuration
    # gets the same findings as when checked alone.
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "local_rules.py").write_text(_LOCAL_RULE)
    (tmp_path / "a" / "outcome-graph.toml").write_text('rule-files = ["local_rules.py"]\n')
    (tmp_path / "a" / "p.yaml").write_text(VAGUE_PLAN)
    # (q's ignore of LOC003 names no rule where q is checked: OG110 says so, in both runs)
    (tmp_path / "b" / "q.yaml").write_text(
        VAGUE_PLAN.replace("{id: t,", "{id: q, ignore: [LOC003],", 1)
    )

    def rules_of(*plans: Path) -> list[list[str]]:
        out = subprocess.run(
            [*og_command(), "check", *map(str, plans), "--format", "json", "--jobs", jobs],
            capture_output=True,
            text=True,
        )
        assert out.returncode in (0, 1), out.stderr
        documents = (
            [json.loads(out.stdout)]
            if len(plans) == 1
            else [json.loads(line) for line in out.stdout.splitlines()]
        )
        return [sorted(f["rule"] for f in doc["findings"]) for doc in documents]

    alone = rules_of(tmp_path / "b" / "q.yaml")
    both = rules_of(tmp_path / "a" / "p.yaml", tmp_path / "b" / "q.yaml")
    assert "LOC003" in both[0] and both[1] == alone[0] and "LOC003" not in both[1]


def test_a_failing_rule_of_a_rule_file_is_named(tmp_path):
    (tmp_path / "boom.py").write_text(
        _LOCAL_RULE.replace("    yield ctx.finding(None, 'A plan.')\n", "    yield {}['missing']\n")
    )
    (tmp_path / "outcome-graph.toml").write_text('rule-files = ["boom.py"]\n')
    plan = tmp_path / "plan.yaml"
    plan.write_text(VAGUE_PLAN)
    out = subprocess.run([*og_command(), "check", str(plan)], capture_output=True, text=True)
    assert (
        out.returncode == 2 and "Traceback" not in out.stderr and "internal error" not in out.stderr
    )
    assert (
        f"rule LOC003 ({tmp_path / 'boom.py'}) failed on plan" in out.stderr
        and "KeyError: 'missing'" in out.stderr
    )


def test_a_failing_rule_says_which_line_of_its_file_failed(tmp_path):
    # The command prints no traceback for a rule's error (exit 2, a message): the rule's author
    # was told the error but not where, with no way to see it. The innermost line of the rule's
    # own file is named, in the message (and as the error's file and line: see below).
    source = _LOCAL_RULE.replace("LOC003", "LOC004").replace(
        "    yield ctx.finding(None, 'A plan.')\n",
        "    yield ctx.finding(None, describe(ctx.plan.id))\n\n\ndef describe(name):\n"
        "    return name.upper(1)\n",
    )
    boom = tmp_path / "boom_line.py"
    boom.write_text(source)
    line = source.splitlines().index("    return name.upper(1)") + 1
    (tmp_path / "outcome-graph.toml").write_text('rule-files = ["boom_line.py"]\n')
    plan = tmp_path / "plan.yaml"
    plan.write_text(VAGUE_PLAN)
    out = subprocess.run([*og_command(), "check", str(plan)], capture_output=True, text=True)
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert f"rule LOC004 ({boom}) failed on plan 't': TypeError: " in out.stderr
    assert out.stderr.rstrip().endswith(f"(raised at {boom}:{line})")


def _shout(name):
    return name.upper(1)  # (a bug: upper takes no argument)


def _rule_calling_a_buggy_helper(ctx):
    yield ctx.finding(None, _shout(ctx.plan.id))


def test_the_error_of_a_failing_rule_has_the_file_and_line_that_failed(declare):
    import inspect

    import outcome_graph as og

    declare("BAD002", _rule_calling_a_buggy_helper)
    with pytest.raises(og.ConfigError) as err:
        og.check(_tutorial(), {"select": ["BAD002"]})
    line = inspect.getsourcelines(_shout)[1] + 1
    assert (err.value.file, err.value.line) == (__file__, line)
    assert str(err.value).startswith(
        "rule BAD002 (tests.test_plugins) failed on plan 'tutorial-cypp-2011-12': TypeError: "
    )
    assert str(err.value).endswith(f"(raised at {__file__}:{line})")

    declare("BAD003", lambda ctx: ["M1 has no status"])  # (found once the rule has returned)
    with pytest.raises(og.ConfigError) as made:
        og.check(_tutorial(), {"select": ["BAD003"]})
    assert (made.value.file, made.value.line) == (None, None) and "raised at" not in str(made.value)


@pytest.mark.parametrize("error", ["PlanError", "ConfigError", "UsageError", "RenderError"])
def test_a_rule_raising_a_package_error_is_named_like_any_failing_rule(tmp_path, error):
    # One of the package's own errors raised by a rule was passed on as it was: "error:
    # <plan>: ..." or "error: ...", read as a problem of the plan or of the command, with
    # nothing to say which rule, file and line it came from.
    source = _LOCAL_RULE.replace(
        "from outcome_graph import rule",
        "import outcome_graph as og\nfrom outcome_graph import rule",
    )
    source = source.replace(
        "    yield ctx.finding(None, 'A plan.')\n",
        f"    raise og.{error}('no budget line for this plan')\n    yield\n",
    )
    boom = tmp_path / "raising.py"
    boom.write_text(source)
    line = source.splitlines().index(f"    raise og.{error}('no budget line for this plan')") + 1
    (tmp_path / "outcome-graph.toml").write_text('rule-files = ["raising.py"]\n')
    plan = tmp_path / "plan.yaml"
    plan.write_text(VAGUE_PLAN)
    out = subprocess.run([*og_command(), "check", str(plan)], capture_output=True, text=True)
    assert out.returncode == 2 and "Traceback" not in out.stderr and "<plan>" not in out.stderr
    assert out.stderr == (
        f"error: rule LOC003 ({boom}) failed on plan 't': {error}: no budget line for this plan "
        f"(raised at {boom}:{line})\n"
    )


def _raise_usage_error(ctx):
    import outcome_graph as og

    raise og.UsageError("threshold must be positive")


def test_the_error_of_a_rule_raising_a_package_error_has_the_rule_s_file_and_line(declare):
    import inspect

    import outcome_graph as og

    declare("BAD004", _raise_usage_error)
    with pytest.raises(og.ConfigError) as err:
        og.check(_tutorial(), {"select": ["BAD004"]})
    line = inspect.getsourcelines(_raise_usage_error)[1] + 3
    assert (err.value.file, err.value.line) == (__file__, line)
    assert str(err.value).startswith(
        "rule BAD004 (tests.test_plugins) failed on plan 'tutorial-cypp-2011-12': "
        "UsageError: threshold must be positive"
    )


@pytest.mark.parametrize(
    "body, problem",
    [
        (
            "import outcome_graph as og\n\nraise og.UsageError('set ACME_TOKEN first')\n",
            "UsageError: set ACME_TOKEN first",
        ),
        (
            "from outcome_graph import rule\n\n@rule('OG999', 'mine', 'info')\ndef mine(ctx):\n"
            "    yield\n",
            "ConfigError: rule code OG999 is reserved",
        ),
        (
            "import os\n\nHOME = os.environ['ACME_NO_SUCH_VARIABLE']\n",
            "KeyError: 'ACME_NO_SUCH_VARIABLE'",
        ),
    ],
)
def test_a_rule_file_that_fails_to_load_is_named_with_its_line(tmp_path, body, problem):
    # (each raises on its third line)
    # (a package error raised as the file loads, og.rule's own among them, did not name the file)
    rules = tmp_path / "acme_rules.py"
    rules.write_text(body)
    (tmp_path / "outcome-graph.toml").write_text('rule-files = ["acme_rules.py"]\n')
    plan = tmp_path / "plan.yaml"
    plan.write_text(VAGUE_PLAN)
    out = subprocess.run([*og_command(), "check", str(plan)], capture_output=True, text=True)
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert out.stderr.startswith(f"error: rule file '{rules}' failed to load: {problem}")
    assert out.stderr.rstrip().endswith(f"(raised at {rules}:3)")


def test_the_catalogue_lists_the_rule_files_of_the_configuration_here(tmp_path):
    (tmp_path / "local_rules.py").write_text(_LOCAL_RULE)
    (tmp_path / "outcome-graph.toml").write_text('rule-files = ["local_rules.py"]\n')
    out = subprocess.run(
        [*og_command(), "rules", "LOC003"], capture_output=True, text=True, cwd=tmp_path
    )
    assert out.returncode == 0 and out.stdout.startswith("LOC003 every-plan (info)"), out.stderr
    elsewhere = subprocess.run(
        [*og_command(), "rules", "LOC003"], capture_output=True, text=True, cwd=tmp_path.parent
    )
    assert elsewhere.returncode == 2
    config = subprocess.run(
        [*og_command(), "rules", "--config", str(tmp_path / "outcome-graph.toml")],
        capture_output=True,
        text=True,
        cwd=tmp_path.parent,
    )
    assert "LOC003" in config.stdout


def test_a_rule_declared_again_by_the_same_code_replaces_it():
    # A notebook cell run twice declares its rule twice, from the same module.
    import importlib

    import outcome_graph as og

    reg = importlib.import_module("outcome_graph.rules.registry")

    source = (
        "@og.rule('NBK001', 'notebook-rule', 'info')\n"
        "def notebook_rule(ctx):\n    '''A rule.'''\n    return iter(())\n"
    )
    namespace: dict[str, object] = {"og": og, "__name__": "notebook_cell"}
    try:
        exec(source, namespace)
        first = og.registry()["NBK001"]
        exec(source, namespace)
        assert og.registry()["NBK001"] is not first
        other = {"og": og, "__name__": "another_module"}
        with pytest.raises(og.ConfigError, match="declared twice"):
            exec(source, other)
    finally:
        reg._REGISTRY.pop("NBK001", None)


def test_a_missing_rule_file_names_the_configuration_that_lists_it(tmp_path):
    (tmp_path / "outcome-graph.toml").write_text(
        'rule-files = ["rules/local_rules.py"]\n', encoding="utf-8"
    )
    plan = tmp_path / "plan.yaml"
    plan.write_text((EXAMPLES / "tutorial-plan.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    out = subprocess.run([*og_command(), "check", str(plan)], capture_output=True, text=True)
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert out.stderr.strip() == (
        f"error: {tmp_path / 'outcome-graph.toml'}:1: rule file "
        f"'{tmp_path / 'rules' / 'local_rules.py'}' not found (listed in its 'rule-files')"
    )


def test_after_a_family_fails_to_import_the_next_call_loads_the_whole_catalogue():
    # (in a process of its own: the catalogue is loaded once per process)
    code = """
import importlib
import outcome_graph.rules as rules
real = importlib.import_module
def failing(name, *args, **kwargs):
    if name.endswith(".timing"):
        raise ImportError("simulated")
    return real(name, *args, **kwargs)
rules.importlib = type("Importer", (), {"import_module": staticmethod(failing)})
from outcome_graph.rules.registry import registry
try:
    registry()
except ImportError as exc:
    print("first:", exc)
rules.importlib = importlib
print("second:", len(registry()), "OG401" in registry(), "OG601" in registry())
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.split("\n")[:2] == ["first: simulated", "second: 32 True True"], out.stderr


_DOC = "A test rule.\n\n## What it does\nx\n## Why it matters\ny\n## Example\nz\n## How to fix\nw\n"


@pytest.fixture
def declare():
    """Declare rules for one test, and take them out of the registry after it."""
    import importlib

    import outcome_graph as og

    reg = importlib.import_module("outcome_graph.rules.registry")
    codes: list[str] = []

    def declare_rule(code, check, options=None):
        check.__doc__ = _DOC
        codes.append(code)
        return og.rule(code, "test-rule", "info", options=options)(check)

    yield declare_rule
    for code in codes:
        reg._REGISTRY.pop(code, None)


def _tutorial():
    import outcome_graph as og

    return og.load(EXAMPLES / "tutorial-plan.yaml")


@pytest.mark.parametrize(
    "made, problem",
    [
        (
            lambda ctx: iter(["M1 has no status"]),
            "TypeError: it yielded str 'M1 has no status', not a Finding",
        ),
        (lambda ctx: [{"node": "M1"}], "TypeError: it yielded dict {'node': 'M1'}, not a Finding"),
        (lambda ctx: None, "TypeError: it returned None, not its findings"),
        (
            lambda ctx: [ctx.finding("P9.O9", "Unknown.")],
            "ValueError: it made a finding about 'P9.O9', which is not a node",
        ),
        (
            lambda ctx: [ctx.finding(7, "A number.")],
            "ValueError: it made a finding about 7, which is not a node",
        ),
        (
            lambda ctx: [ctx.finding(None, None)],
            "TypeError: it yielded a finding whose message is NoneType None",
        ),
        (
            lambda ctx: [ctx.finding("P1", "A title.", title=2011)],
            "TypeError: it yielded a finding whose title is int 2011",
        ),
        (
            lambda ctx: [
                __import__("dataclasses").replace(ctx.finding(None, "x"), severity="fatal")
            ],
            "ValueError: it yielded a finding of severity 'fatal'",
        ),
        (
            lambda ctx: [ctx.finding(None, str(ctx.option("max")))],
            "KeyError: \"rule BAD001 declares no option 'max' (its options: 'limit')\"",
        ),
    ],
)
def test_a_rule_that_makes_a_bad_finding_is_named_with_what_it_made(declare, made, problem):
    # (a finding the outputs cannot write, or that no one could find in the plan, used to pass the
    # check and fail later in sorting or in SARIF with an AttributeError or a KeyError, or went out
    # as a finding about the plan with no line)
    import outcome_graph as og

    declare("BAD001", made, options={"limit": 3})
    with pytest.raises(og.ConfigError) as err:
        og.check(_tutorial(), {"select": ["BAD001"]})
    assert str(err.value).startswith(
        "rule BAD001 (tests.test_plugins) failed on plan 'tutorial-cypp-2011-12': "
    )
    assert problem in str(err.value)


def test_a_rule_reports_on_nodes_owners_groups_the_plan_and_where_it_says(declare):
    import outcome_graph as og

    plan = _tutorial()
    owner = next(iter(og.PlanFacts(plan).owners))
    where = og.Location("elsewhere.yaml", 3, 1)
    declare(
        "GOOD001",
        lambda ctx: [
            ctx.finding("P1", "a node"),
            ctx.finding(owner, "an owner"),
            ctx.finding(None, "the plan"),
            ctx.finding("NI 999", "named", location=where),
        ],
    )
    found = og.check(plan, {"select": ["GOOD001"]}).findings
    assert sorted((f.node, f.kind) for f in found) == sorted(
        [("P1", "priority"), (owner, "owner"), (plan.id, "plan"), ("NI 999", "plan")]
    )
    assert next(f for f in found if f.node == "NI 999").location == where


def test_threads_checking_at_once_import_a_rule_file_once(tmp_path):
    # (each thread imported the file again while the others were importing it, running its
    # top-level code once per thread)
    from .test_api import _THREADS

    # (a file that takes a moment to import, as one importing pandas would)
    (tmp_path / "local_rules.py").write_text(
        "import time\ntime.sleep(0.3)\nprint('imported')\n" + _LOCAL_RULE
    )
    (tmp_path / "outcome-graph.toml").write_text(
        'rule-files = ["local_rules.py"]\nselect = ["LOC"]\n'
    )
    plan = tmp_path / "plan.yaml"
    plan.write_text(VAGUE_PLAN)
    out = subprocess.run(
        [sys.executable, "-c", _THREADS, str(plan), str(tmp_path / "outcome-graph.toml")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "imported\n" + repr(["LOC003"] * 8)


def test_a_custom_rule_reads_its_options_from_the_configuration(declare):
    import outcome_graph as og

    declare(
        "OPT001",
        lambda ctx: [
            ctx.finding(n.id, f"{n.id} is not allowed.")
            for n in ctx.facts.of_kind("milestone")
            if n.id not in ctx.option("allow")
        ],
        options={"allow": [], "note": "", "strict": False},
    )
    plan = _tutorial()
    milestones = [n.id for n in og.PlanFacts(plan).of_kind("milestone")]
    every = og.check(plan, {"select": ["OPT001"]})
    assert [f.node for f in every.findings] == milestones
    allowed = og.check(plan, {"select": ["OPT001"], "rules": {"OPT001": {"allow": milestones[1:]}}})
    assert [f.node for f in allowed.findings] == milestones[:1]


@pytest.mark.parametrize(
    "key, value, problem",
    [
        (
            "allow",
            "P1.A1.O1.M1",
            "[rules.OPT002] allow must be a list, as its default [] is, not 'P1.A1.O1.M1'",
        ),
        ("note", 3, "[rules.OPT002] note must be a text, as its default '' is, not 3"),
        (
            "strict",
            "yes",
            "[rules.OPT002] strict must be true or false, as its default False is, not 'yes'",
        ),
    ],
)
def test_a_custom_rule_option_of_the_wrong_type_is_a_config_error(declare, key, value, problem):
    # (a text where a list was expected was read letter
    # by letter: `allow = "M1"` allowed 'M' and '1')
    import outcome_graph as og

    declare("OPT002", lambda ctx: [], options={"allow": [], "note": "", "strict": False})
    with pytest.raises(og.ConfigError) as err:
        og.check(_tutorial(), {"select": ["OPT002"], "rules": {"OPT002": {key: value}}})
    assert str(err.value) == problem and err.value.file is None  # (a mapping: no file)


def test_the_example_plugin_type_checks_strictly(tmp_path):
    # (its rule took an untyped ctx, with a type: ignore, for want of typed milestones)
    source = PLUGIN / "src" / "og_rules_vague" / "__init__.py"
    assert "type: ignore" not in source.read_text(encoding="utf-8")
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-error-summary",
            "--cache-dir",
            str(tmp_path / "cache"),
            str(source),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "PYTHONPATH": str(PLUGIN.parent.parent / "src")},
    )
    assert out.returncode == 0, out.stdout + out.stderr


def test_sarif_gives_a_plugin_rule_no_help_link_into_the_package_s_reference(declare):
    import json

    import outcome_graph as og

    def check(ctx):
        yield ctx.finding("O1", "A plugin's finding.")

    declare("TST901", check)
    plan = og.load(PLAN_HEADER + "objectives: [{id: O1, title: Orphan}]\n", name="plan.yaml")
    sarif = json.loads(og.to_sarif([og.check(plan, {"select": ["TST901", "OG102"]})]))
    tool = sarif["runs"][0]["tool"]
    rules = {d["id"]: d for d in [*tool["driver"]["rules"], *tool["extensions"][0]["rules"]]}
    assert (
        "helpUri" not in rules["TST901"]
        and rules["TST901"]["shortDescription"]["text"] == "A test rule."
    )
    assert rules["OG102"]["helpUri"].endswith("docs/rules.md#og102-unmeasured-objective")


#: The parts of the SARIF 2.1.0 schema (https://json.schemastore.org/sarif-2.1.0.json) that a
#: run's tool and its results' rules use, as the schema defines them (toolComponent,
#: reportingDescriptor, reportingDescriptorReference, toolComponentReference).
_COMPONENT = {
    "type": "object",
    "required": ["name"],
    "properties": {
        "name": {"type": "string"},
        "version": {"type": "string"},
        "rules": {
            "type": "array",
            "uniqueItems": True,
            "items": {
                "type": "object",
                "required": ["id"],
                "properties": {"id": {"type": "string"}, "name": {"type": "string"}},
            },
        },
    },
}
_SARIF_TOOL_AND_RULES = {
    "type": "object",
    "required": ["tool", "results"],
    "properties": {
        "tool": {
            "type": "object",
            "required": ["driver"],
            "properties": {
                "driver": _COMPONENT,
                "extensions": {"type": "array", "uniqueItems": True, "items": _COMPONENT},
            },
        },
        "results": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["message"],
                "properties": {
                    "ruleId": {"type": "string"},
                    "ruleIndex": {"type": "integer", "minimum": -1},
                    "rule": {
                        "type": "object",
                        "anyOf": [
                            {"required": ["index"]},
                            {"required": ["guid"]},
                            {"required": ["id"]},
                        ],
                        "properties": {
                            "id": {"type": "string"},
                            "index": {"type": "integer", "minimum": -1},
                            "toolComponent": {
                                "type": "object",
                                "properties": {
                                    "name": {"type": "string"},
                                    "index": {"type": "integer", "minimum": -1},
                                },
                            },
                        },
                    },
                },
            },
        },
    },
}


def test_sarif_puts_a_project_rule_file_s_rules_in_an_extension_of_their_own(tmp_path: Path):
    # SARIF's model of rules that extend a tool: the package's rules are the driver's, a rule
    # file's those of an extension named by the file, each result of one pointing at it
    # (result.rule.toolComponent), its ruleIndex one of that extension's rules.
    import jsonschema

    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "local_rules.py").write_text(
        "import outcome_graph as og\n\n"
        f"@og.rule('LOC002', 'second-local', 'warning')\ndef second(ctx):\n    {_DOC!r}\n"
        "    yield ctx.finding(None, 'the second')\n\n"
        f"@og.rule('LOC001', 'first-local', 'warning')\ndef first(ctx):\n    {_DOC!r}\n"
        "    yield ctx.finding(None, 'the first')\n",
        encoding="utf-8",
    )
    (tmp_path / "outcome-graph.toml").write_text(
        'rule-files = ["rules/local_rules.py"]\n', encoding="utf-8"
    )
    shutil.copy(EXAMPLES / "tutorial-plan.yaml", tmp_path / "plan.yaml")
    out = subprocess.run(
        [*og_command(), "check", "plan.yaml", "--format", "sarif", "--fail-on", "never"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert out.returncode == 0, out.stderr
    run = json.loads(out.stdout)["runs"][0]
    jsonschema.validate(run, _SARIF_TOOL_AND_RULES)
    driver, extensions = run["tool"]["driver"], run["tool"]["extensions"]
    assert [e["name"] for e in extensions] == ["local_rules.py"]
    assert [r["id"] for r in extensions[0]["rules"]] == ["LOC001", "LOC002"]
    assert driver["rules"] and all(r["id"].startswith("OG") for r in driver["rules"])
    seen = set()
    for result in run["results"]:
        rule = result.get("rule")
        component = driver if rule is None else extensions[rule["toolComponent"]["index"]]
        assert component["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        assert (rule is not None) is result["ruleId"].startswith("LOC")
        if rule is not None:
            assert rule["id"] == result["ruleId"] and rule["index"] == result["ruleIndex"]
            assert rule["toolComponent"]["name"] == "local_rules.py"
            seen.add(result["ruleId"])
    assert seen == {"LOC001", "LOC002"}


def _two_projects(tmp_path: Path) -> list[Path]:
    """Two projects, north and south, each with a plan and a rule file declaring TWN001."""
    plans = []
    for project in ("north", "south"):
        folder = tmp_path / project
        (folder / "rules").mkdir(parents=True)
        (folder / "rules" / "local_rules.py").write_text(
            f"import outcome_graph as og\n\n@og.rule('TWN001', 'said-by-{project}', 'warning')\n"
            f"def said(ctx):\n    {_DOC.replace('A test rule.', f'Said by {project}.')!r}\n"
            f"    yield ctx.finding(None, 'said by {project}')\n",
            encoding="utf-8",
        )
        (folder / "outcome-graph.toml").write_text(
            'rule-files = ["rules/local_rules.py"]\n', encoding="utf-8"
        )
        (folder / "plan.yaml").write_text(
            (EXAMPLES / "tutorial-plan.yaml").read_text(encoding="utf-8"), encoding="utf-8"
        )
        plans.append(folder / "plan.yaml")
    return plans


def _forget_rule_files(code: str, files: list[Path]) -> None:
    import importlib

    reg = importlib.import_module("outcome_graph.rules.registry")
    reg._REGISTRY.pop(code, None)
    for file in files:
        reg._FILE_RULES.pop(str(file), None)


def test_two_projects_rule_files_may_declare_one_code_each_for_its_own_plans_checked_apart(
    tmp_path: Path,
):
    # (a team's copy of the example rule beside another's: in one process, such as an editor's,
    # each plan checked runs its own project's rule, and its report is written with that rule)
    import outcome_graph as og

    plans = _two_projects(tmp_path)
    try:
        reports = [og.check(og.load(p), og.Config.for_plan(p)) for p in [*plans, plans[0]]]
        said = [[f.message for f in r.findings if f.rule == "TWN001"] for r in reports]
        assert said == [["said by north"], ["said by south"], ["said by north"]]
        # (south's file was loaded last: north's log still
        # describes north's rule, not the last one registered)
        for report, project in zip(reports, ("north", "south", "north")):
            (extension,) = json.loads(og.to_sarif(report))["runs"][0]["tool"]["extensions"]
            assert [r["name"] for r in extension["rules"]] == [f"said-by-{project}"]
            junit = og.to_junit(report)
            assert f"TWN001 said-by-{project}" in junit
            page = og.report_html(
                og.load(plans[project == "south"]), findings=report, diagram=False
            )
            assert (
                f"Said by {project}." in page
                and "Said by " + ("south" if project == "north" else "north") not in page
            )
        assert json.loads(og.to_sarif([reports[0], reports[2]]))["runs"][0]["results"]
        # reports written together are one run: a code is one rule there
        for write in (og.to_sarif, og.to_junit):
            with pytest.raises(
                og.ConfigError, match="rule code TWN001 is declared by two rule files in one run"
            ) as err:
                write(reports[:2])
            assert all(str(p.parent / "rules" / "local_rules.py") in str(err.value) for p in plans)
    finally:  # (not for the next tests of this process)
        _forget_rule_files("TWN001", [p.parent / "rules" / "local_rules.py" for p in plans])


@pytest.mark.parametrize("fmt", ["text", "jsonl", "sarif", "junit"])
def test_one_check_of_plans_whose_rule_files_declare_one_code_is_refused(tmp_path: Path, fmt: str):
    plans = _two_projects(tmp_path)
    for p in plans:  # (each project alone is checked)
        out = subprocess.run(
            [*og_command(), "check", str(p), "--format", fmt, "--fail-on", "never"],
            capture_output=True,
            text=True,
        )
        assert out.returncode == 0, out.stderr
    for jobs in ("1", "2"):
        out = subprocess.run(
            [
                *og_command(),
                "check",
                *map(str, plans),
                "--jobs",
                jobs,
                "--format",
                fmt,
                "-o",
                str(tmp_path / "out"),
            ],
            capture_output=True,
            text=True,
        )
        assert out.returncode == 2 and "Traceback" not in out.stderr
        assert out.stderr.strip() == (
            "error: rule code TWN001 is declared by two rule files in one run "
            f"({plans[0].parent / 'rules' / 'local_rules.py'} and "
            f"{plans[1].parent / 'rules' / 'local_rules.py'}): give one of them another code, or "
            "have both configurations list one of the files"
        )
        assert not (tmp_path / "out").exists()


def test_two_rule_files_of_one_configuration_may_not_declare_one_code(tmp_path: Path):
    import outcome_graph as og

    (tmp_path / "rules").mkdir()
    for name in ("a", "b"):
        (tmp_path / "rules" / f"{name}.py").write_text(
            f"import outcome_graph as og\n\n@og.rule('TWO001', 'rule-{name}', 'info')\n"
            f"def rule_{name}(ctx):\n    {_DOC!r}\n    return iter(())\n",
            encoding="utf-8",
        )
    (tmp_path / "outcome-graph.toml").write_text(
        'select = ["OG1"]\nrule-files = ["rules/a.py", "rules/b.py"]\n', encoding="utf-8"
    )
    plan = tmp_path / "plan.yaml"
    plan.write_text(VAGUE_PLAN, encoding="utf-8")
    files = [tmp_path / "rules" / "a.py", tmp_path / "rules" / "b.py"]
    expected = (
        f"{tmp_path / 'outcome-graph.toml'}:2: rule code TWO001 is declared twice (rule_a in "
        f"{files[0]} and rule_b in {files[1]}): a code belongs to one rule"
    )
    try:
        with pytest.raises(og.ConfigError) as err:
            og.check(og.load(plan), og.Config.for_plan(plan))
        assert str(err.value) == expected and (err.value.file, err.value.line) == (
            str(tmp_path / "outcome-graph.toml"),
            2,
        )
    finally:
        _forget_rule_files("TWO001", files)
    for command in (["check", str(plan)], ["rules"]):
        out = subprocess.run(
            [*og_command(), *command], capture_output=True, text=True, cwd=tmp_path
        )
        assert out.returncode == 2 and "Traceback" not in out.stderr, (command, out.stderr)
        assert out.stderr.strip() == f"error: {expected}"
