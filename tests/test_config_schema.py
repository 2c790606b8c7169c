"""The JSON Schema of the configuration file (``outcome-graph schema --config``) agrees with the
loader.

A TOML editor (Taplo) reads ``outcome-graph.toml`` as the data ``tomllib`` gives: every
configuration the loader reads must pass the schema, and one it refuses must fail it, but for a
custom rule's code, which passes by its form (its rule file is read when the configuration is).
"""

from __future__ import annotations

import importlib
import json
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from outcome_graph.config import _KEYS, Config, ConfigLayer
from outcome_graph.errors import ConfigError
from outcome_graph.rules.engine import configured_rules
from outcome_graph.rules.registry import registry
from outcome_graph.schema import config_schema, diff_schema, findings_schema, plan_schema

from .conftest import cli_runner

ROOT = Path(__file__).resolve().parent.parent
SRC = Path(__import__("outcome_graph").__file__).resolve().parent.parent

#: A rule file declaring a custom rule with options of each kind, for selectors of custom codes.
RULE_FILE = '''\
from outcome_graph import rule


@rule("ACME001", "acme-rule", "info", options={"limit": 3, "share": 0.5, "strict": True,
                                               "word": "x", "words": []})
def acme(ctx):
    """Reports nothing."""
    return iter(())
'''


@pytest.fixture(scope="module", autouse=True)
def _custom_rules_forgotten_after():
    """The rules the rule files here declare are forgotten after this module's tests (a test of
    the catalogue lists every rule registered)."""
    registered = importlib.import_module("outcome_graph.rules.registry")._REGISTRY
    before = set(registry())  # (the built-in rules, loaded)
    yield
    for code in set(registered) - before:
        del registered[code]


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = config_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.fixture(scope="module")
def rule_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("rules") / "acme_rules.py"
    path.write_text(RULE_FILE, encoding="utf-8")
    return path


def _loads(data: dict, folder: Path) -> str | None:
    """What the loader says of a configuration file holding ``data``: None when it reads it, as a
    check does (its keys and values, then its codes and options against the rules)."""
    try:
        config = Config(
            [ConfigLayer.from_mapping(data, str(folder / "outcome-graph.toml"), base_dir=folder)]
        )
        rules = configured_rules(config)
        config.validate(rules, {code: r.options for code, r in rules.items()})
    except ConfigError as exc:
        return str(exc)
    return None


def _schema_errors(validator, data: dict) -> list[str]:
    return [f"{'/'.join(map(str, e.path))}: {e.message[:200]}" for e in validator.iter_errors(data)]


def test_the_schema_knows_every_key_the_loader_reads_and_each_rules_options():
    schema = config_schema()
    assert list(schema["properties"]) == list(_KEYS)
    assert schema["additionalProperties"] is False
    assert all(prop.get("description") for prop in schema["properties"].values())
    tables = schema["$defs"]
    builtin = {code: r for code, r in registry().items() if r.origin == "outcome_graph"}
    assert list(tables) == list(builtin) == list(schema["properties"]["rules"]["properties"])
    for code, r in builtin.items():
        assert tables[code]["properties"].keys() == r.options.keys()
        for key, default in r.options.items():
            option = tables[code]["properties"][key]
            assert option["default"] == default and option["description"]
            assert option["type"] == ("integer" if isinstance(default, int) else "number")


@pytest.mark.parametrize("name", ["findings", "diff", "config"])
def test_the_schema_command_prints_the_configurations_and_each_schema_is_the_same_every_run(name):
    """``schema`` writes the same text whatever the run (no set or hash order leaks into it)."""
    flags = {"findings": ["--findings"], "diff": ["--diff"], "config": ["--config"]}[name]
    made = {"findings": findings_schema, "diff": diff_schema, "config": config_schema}[name]()
    result = cli_runner().invoke(
        __import__("outcome_graph.cli").cli.main, ["schema", *flags], catch_exceptions=False
    )
    assert result.exit_code == 0 and json.loads(result.stdout) == made
    runs = [
        subprocess.run(
            [sys.executable, "-m", "outcome_graph", "schema", *flags],
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
            env={**os.environ, "PYTHONPATH": str(SRC), "PYTHONHASHSEED": seed},
        )
        for seed in ("1", "2")
    ]
    assert runs[0].stdout == runs[1].stdout == result.stdout


def test_the_plan_schema_is_the_same_every_run():
    runs = [
        subprocess.run(
            [sys.executable, "-m", "outcome_graph", "schema"],
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
            env={**os.environ, "PYTHONPATH": str(SRC), "PYTHONHASHSEED": seed},
        )
        for seed in ("1", "2")
    ]
    assert runs[0].stdout == runs[1].stdout and json.loads(runs[0].stdout) == plan_schema()


def test_all_three_schema_flags_at_once_is_a_usage_error():
    result = cli_runner().invoke(
        __import__("outcome_graph.cli").cli.main, ["schema", "--findings", "--diff", "--config"]
    )
    assert (
        result.exit_code == 2
        and "give --findings or --diff or --config, not all three" in result.stderr
    )


def _toml_blocks(path: Path) -> list[str]:
    return re.findall(r"```toml\n(.*?)```", path.read_text(encoding="utf-8"), re.DOTALL)


@pytest.mark.parametrize(
    "path", [ROOT / "README.md", ROOT / "docs" / "configuration.md"], ids=lambda p: p.name
)
def test_the_documented_configurations_pass_the_schema_and_load(path, validator, tmp_path):
    """The examples of the documentation, as a user copies them (a pyproject's table, its own)."""
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "local_rules.py").write_text(
        RULE_FILE.replace("ACME", "LOC"), encoding="utf-8"
    )
    blocks = [tomllib.loads(block) for block in _toml_blocks(path)]
    configurations = [b.get("tool", {}).get("outcome-graph", b) for b in blocks if "rule" not in b]
    assert configurations
    for data in configurations:
        # (the rule file's codes, and so what selects them, renamed as above: ACME001 is another
        # test's rule file's, and one code belongs to one rule in a process)
        if isinstance(data.get("select"), list):
            data["select"] = [code.replace("ACME", "LOC") for code in data["select"]]
        assert _loads(data, tmp_path) is None
        assert _schema_errors(validator, data) == []


VALID = [
    {
        "select": ["OG"],
        "ignore": ["OG6"],
        "fail-on": "warning",
        "severity": {"OG302": "error"},
        "rules": {"OG302": {"max-milestones": 12}, "OG303": {"max-per-month": 6}},
    },
    {"select": ["og1", "OG302 ", "og4"], "ignore": [], "fail-on": " Never"},
    {"select": [" all "], "severity": {"ALL": "info", "og3": "Warning ", "O": "error"}},
    {"rules": {"og302": {"max-milestones": 12.0}, "OG202": {"min-share": 1}, "OG101": {}}},
    {
        "select": ["ACME"],
        "severity": {"acme001": "error"},
        "rules": {"ACME001": {"limit": 5, "strict": False}},
    },
]


@pytest.mark.parametrize("data", VALID, ids=json.dumps)
def test_what_the_loader_reads_passes_the_schema(data, validator, rule_file):
    data = {**data, "rule-files": [str(rule_file)]}
    assert _loads(data, rule_file.parent) is None
    assert _schema_errors(validator, data) == []


INVALID = [  # (each key the loader reads, given what it refuses)
    {"selct": ["OG1"]},
    {"fail_on": "error"},
    {"min-severity": "warning"},
    {"Select": ["OG1"]},
    {"select": []},
    {"select": ""},
    {"select": " , "},
    {"select": [""]},
    {"select": ["OG9"]},
    {"select": "OG1 OG9"},
    {"select": ["OG3021"]},
    {"select": ["OGX"]},
    {"select": 3},
    {"select": ["OG1", 3]},
    {"select": {"OG1": True}},
    {"ignore": ["OG1,OG2"]},
    {"ignore": [" "]},
    {"ignore": True},
    {"ignore": "OG7"},
    {"ignore": "OG1"},
    {"ignore": ""},
    # (a text is refused in a file, as ruff refuses one: it was read as a list of the codes in it)
    {"select": "og1, OG302 og4"},
    {"select": "OG1"},
    {"severity": "error"},
    {"severity": {"OG302": "fatal"}},
    {"severity": {"OG302": 1}},
    {"severity": {"OG9": "info"}},
    {"severity": {" OG302": "error"}},
    {"severity": {"": "error"}},
    {"fail-on": "sometimes"},
    {"fail-on": 0},
    {"fail-on": ["error"]},
    {"rules": []},
    {"rules": {"OG302": 12}},
    {"rules": {"OG999": {}}},
    {"rules": {"OG302": {"max-milestone": 3}}},
    {"rules": {"OG302": {"severity": "error"}}},
    {"rules": {"OG101": {"limit": 1}}},
    {"rules": {"OG302": {"max-milestones": "ten"}}},
    {"rules": {"OG302": {"max-milestones": True}}},
    {"rules": {"OG302": {"max-milestones": -1}}},
    {"rules": {"OG302": {"max-milestones": 2.5}}},
    {"rules": {"OG402": {"grace-days": float("inf")}}},
    {"rules": {"OG202": {"min-share": -0.1}}},
    {"rule-files": "rules.py"},
    {"rule-files": [3]},
    {"rule-files": {"a": "rules.py"}},
]


@pytest.mark.parametrize("data", INVALID, ids=repr)
def test_what_the_loader_refuses_the_schema_refuses(data, validator, tmp_path):
    assert _loads(data, tmp_path) is not None
    assert _schema_errors(validator, data) != []


def test_a_custom_code_passes_by_its_form_and_is_checked_when_the_configuration_is_read(
    validator, tmp_path
):
    """The schema cannot know the rules a rule file declares: a custom code passes it, and the
    loader refuses it if no rule file declares it."""
    data = {"select": ["XYZ001"], "rules": {"XYZ001": {"anything": 1}}}
    assert _schema_errors(validator, data) == []
    assert "matches no rule" in _loads(data, tmp_path)


# Configurations with each key given a value the loader reads or one it refuses: the schema
# passes one exactly when the loader reads it. (A rule file declaring ACME001 is always named, its
# options left out: the schema cannot know them.)
_SELECTORS = [
    "OG",
    "og3",
    "OG302",
    " OG6 ",
    "ALL",
    "all",
    "O",
    "ACME",
    "acme001",
    "Acme00",
    "\u00a0OG1",
    "OG9",
    "OG3021",
    "OGX",
    "",
    " ",
    "OG30x",
    "og-3",
    "OG1,OG2",
    "ACME0001",
    "1OG",
]
_WORDS = {
    "severity": ["error", "Warning", " info ", "INFO\t", "fatal", "", "errors", 1, None],
    "fail-on": ["error", "never", " Warning", "NEVER", "always", 0, True, ["error"]],
}
_OPTIONS = {
    "OG302": ("max-milestones", [12, 12.0, 0, 12.5, -1, True, "12", [12], 10**20]),
    "OG202": ("min-share", [0.5, 1, 0, -0.1, False, "0.5", 1e300]),
    "OG402": ("grace-days", [31, 0, 31.0, 30.5, -31, None]),
}

_selectors = st.sampled_from(_SELECTORS)
_codes = st.one_of(
    st.lists(_selectors, max_size=3),
    st.lists(_selectors, max_size=3).flatmap(
        lambda codes: st.sampled_from([", ", " ", ","]).map(lambda sep: sep.join(codes))
    ),
    st.sampled_from([3, True, {"OG1": True}, ["OG1", 3]]),
)
_severity = st.one_of(
    st.dictionaries(_selectors, st.sampled_from(_WORDS["severity"]), max_size=3),
    st.sampled_from(["error", ["OG302"]]),
)
_option_tables = st.sampled_from(sorted(_OPTIONS)).flatmap(
    lambda code: st.tuples(
        st.sampled_from([code, code.lower(), code[:4], "OG999", "ACME001", "XYZ"]),
        st.one_of(
            st.sampled_from(_OPTIONS[code][1]).map(lambda v: {_OPTIONS[code][0]: v}),
            st.sampled_from([{}, {"unknown": 1}, {"severity": "error"}, 12, "x"]),
        ),
    )
)
_rules = st.one_of(st.lists(_option_tables, max_size=3).map(dict), st.sampled_from([[], "OG302"]))


@st.composite
def _configurations(draw: st.DrawFn) -> dict:
    data: dict = {}
    for key, values in (
        ("select", _codes),
        ("ignore", _codes),
        ("severity", _severity),
        ("fail-on", st.sampled_from(_WORDS["fail-on"])),
        ("rules", _rules),
        ("wrong key", st.sampled_from(["selct", "fail_on", "Ignore", "format"])),
    ):
        if draw(st.integers(0, 9 if key == "wrong key" else 2)) == 0:
            value = draw(values)
            if key == "wrong key":
                data[value] = "OG1"
            else:
                data[key] = value
    data["rule-files"] = draw(st.sampled_from([None] * 8 + ["rules.py", [3]]))
    return data


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=_configurations())
def test_a_varied_configuration_passes_the_schema_exactly_when_it_loads(data, validator, rule_file):
    """(ACME001 matches the custom rule's selectors, ``ACME001`` under [rules] refuses none of
    its options: the schema cannot tell them; the configurations here give it none that could fail.
    Nor can a JSON Schema say that two keys of a table differ only in case, as ``ALL`` and ``all``
    under [severity] do (docs/configuration.md says so): such tables are left out here, and the
    loader's refusal of them is tested in test_config.py.)"""
    for table in (data.get("severity"), data.get("rules")):
        if isinstance(table, dict):
            folded = [str(k).strip().casefold() for k in table]
            assume(len(set(folded)) == len(folded))
    if data["rule-files"] is None:
        data["rule-files"] = [str(rule_file)]
    rules = data.get("rules")
    if isinstance(rules, dict) and isinstance(rules.get("ACME001"), dict):
        rules["ACME001"] = {}  # (its options are the rule file's to check)
    problem = _loads(data, rule_file.parent)
    errors = _schema_errors(validator, data)
    assert (errors == []) == (problem is None), (problem, errors)


_DEFAULTS = [10, 0.05, True, "x", ["a"], {"a": 1}]
_VALUES = [
    12,
    12.0,
    2.5,
    -1,
    float("inf"),
    True,
    False,
    "x",
    "12",
    [],
    ["b", 1],
    {},
    {"b": 2},
    None,
]


@settings(max_examples=100, deadline=None)
@given(default=st.sampled_from(_DEFAULTS), value=st.sampled_from(_VALUES))
def test_an_option_is_typed_by_its_default_as_the_loader_holds_it(default, value):
    """The schema of an option, whatever its default's kind (a custom rule's may be a list, a
    text, true or false): it passes a value exactly when the loader takes it."""
    from outcome_graph.schema import _option_schema

    config = Config.from_dict({"rules": {"ACME001": {"option": value}}})
    try:
        config.validate(["ACME001"], {"ACME001": {"option": default}})
    except ConfigError:
        loads = False
    else:
        loads = True
    assert (
        jsonschema.Draft202012Validator(_option_schema("option", default, "")).is_valid(value)
        is loads
    )


# validate-pyproject: the table [tool.outcome-graph] of a whole pyproject.toml, checked against the
# schema this package declares as its plugin (an
# entry point), as its command and pre-commit hook do.

_PYPROJECT = {"project": {"name": "a-plan", "version": "1"}}


@pytest.fixture(scope="module")
def pyproject_validator():
    from validate_pyproject import api

    return api.Validator()  # (its plugins found as the command finds them: by entry point)


def _pyproject_error(validator, data: dict) -> str | None:
    from validate_pyproject import errors

    try:
        validator({**_PYPROJECT, "tool": {"outcome-graph": data}})
    except errors.ValidationError as exc:
        return exc.message
    return None


def test_the_package_declares_its_plugin_for_validate_pyproject():
    from importlib.metadata import entry_points

    from outcome_graph.schema import pyproject_tool_schema

    (plugin,) = entry_points(group="validate_pyproject.tool_schema", name="outcome-graph")
    assert plugin.load() is pyproject_tool_schema
    schema = pyproject_tool_schema("outcome-graph")
    jsonschema.Draft7Validator.check_schema(schema)
    assert "$defs" not in json.dumps(schema)


@pytest.mark.parametrize("data", VALID, ids=json.dumps)
def test_validate_pyproject_passes_what_the_loader_reads(data, pyproject_validator):
    data = {**data, "rule-files": ["rules/acme_rules.py"]}
    assert _pyproject_error(pyproject_validator, data) is None


@pytest.mark.parametrize("data", INVALID, ids=repr)
def test_validate_pyproject_fails_what_the_loader_refuses_and_names_the_key(
    data, pyproject_validator
):
    message = _pyproject_error(pyproject_validator, data)
    assert message is not None and "tool.outcome-graph" in message


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=_configurations())
def test_validate_pyproject_and_the_schema_agree_on_every_configuration(
    data, validator, pyproject_validator
):
    """The draft 7 schema validate-pyproject reads says what the editors' draft 2020-12 schema
    says (which the tests above hold to the loader)."""
    if data["rule-files"] is None:
        data["rule-files"] = ["rules/acme_rules.py"]
    passes = _pyproject_error(pyproject_validator, data) is None
    assert passes == (_schema_errors(validator, data) == [])


def test_validate_pyproject_reads_the_documented_pyproject_table(
    pyproject_validator, tmp_path, caplog
):
    """The README's configuration, written as a user writes it in a pyproject.toml, passes the
    command; a misspelt key fails it, naming the key."""
    from validate_pyproject.cli import main as validate_pyproject

    table = tomllib.loads(_toml_blocks(ROOT / "README.md")[0])
    assert _pyproject_error(pyproject_validator, table) is None
    body = _toml_blocks(ROOT / "README.md")[0].replace("[rules.", "[tool.outcome-graph.rules.")
    good = tmp_path / "good" / "pyproject.toml"
    bad = tmp_path / "bad" / "pyproject.toml"
    for path, text in ((good, body), (bad, body.replace("fail-on", "fail_on"))):
        path.parent.mkdir()
        path.write_text(
            '[project]\nname = "a-plan"\nversion = "1"\n\n[tool.outcome-graph]\n' + text,
            encoding="utf-8",
        )
    assert validate_pyproject([str(good)]) == 0
    with pytest.raises(SystemExit) as failed:
        validate_pyproject([str(bad)])
    assert failed.value.code != 0
    assert "`tool.outcome-graph` must not contain {'fail_on'}" in caplog.text  # (its log)
