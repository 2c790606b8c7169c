"""Configuration: selection by prefix, severities, thresholds, precedence of the sources."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import outcome_graph as og
from outcome_graph.config import Config, ConfigLayer, discover_config
from outcome_graph.errors import ConfigError

from .conftest import csv_plan, og_command


def layers(*dicts):
    return Config([ConfigLayer.from_mapping(d, f"layer{i}") for i, d in enumerate(dicts)])


def test_more_specific_selector_wins():
    cfg = layers({"select": ["OG"], "ignore": ["OG6"]})
    assert cfg.enabled("OG101") and not cfg.enabled("OG601")
    cfg = layers({"select": ["OG601"], "ignore": ["OG6"]})
    assert cfg.enabled("OG601") and not cfg.enabled("OG602") and not cfg.enabled("OG101")
    cfg = layers({"ignore": ["OG6"], "select": ["OG6"]})
    assert not cfg.enabled("OG601")  # equal specificity: ignore wins


@pytest.mark.parametrize(
    "given", ["OG1, OG6", " og1 OG6 ", "OG1,OG6", ("OG1", "OG6"), ["OG1", "og6"]]
)
def test_a_mapping_given_in_python_may_write_its_codes_as_a_text_or_a_tuple(given, tmp_path):
    # (for convenience, as --ignore takes them; a file must write a list: docs/configuration.md)
    assert Config.from_dict({"ignore": given, "select": given}).layers[0].ignore == ["OG1", "OG6"]
    plan = og.load(Path(__file__).resolve().parent.parent / "examples" / "tutorial-plan.yaml")
    listed = og.check(plan, {"ignore": ["OG1", "OG6"]}).findings
    assert og.check(plan, {"ignore": given}).findings == listed
    assert not any(f.rule.startswith(("OG1", "OG6")) for f in listed)
    # the same text in a file is refused, naming the file, the line and the list to write
    (tmp_path / "outcome-graph.toml").write_text(
        f"ignore = {json.dumps(given if isinstance(given, str) else list(given))}\n"
    )
    if isinstance(given, str):
        with pytest.raises(ConfigError) as err:
            Config.from_file(tmp_path / "outcome-graph.toml")
        assert str(err.value).startswith(
            f"{tmp_path / 'outcome-graph.toml'}:1: 'ignore' must be a list"
        )
        assert 'write ignore = ["OG1", "OG6"]' in str(err.value).replace("og1", "OG1")
    else:
        assert Config.from_file(tmp_path / "outcome-graph.toml").layers[0].ignore == ["OG1", "OG6"]


def test_layers_override_in_order():
    cfg = layers({"ignore": ["OG3"]}, {"select": ["OG301"]})
    assert cfg.enabled("OG301") and not cfg.enabled("OG302")  # a select starts afresh
    cfg = layers({"select": ["OG3"]}, {"ignore": ["OG302"]})
    assert cfg.enabled("OG301") and not cfg.enabled("OG302") and not cfg.enabled("OG101")
    cfg = layers({"severity": {"OG3": "error"}}, {"severity": {"OG302": "info"}})
    assert (
        cfg.severity_of("OG301", "warning") == "error"
        and cfg.severity_of("OG302", "warning") == "info"
    )
    cfg = layers({"severity": {"OG301": "error"}}, {"severity": {"OG301": "info"}})
    assert cfg.severity_of("OG301", "warning") == "info"  # the same selector: the later layer's
    cfg = layers({"fail-on": "warning"}, {"fail-on": "never"})
    assert cfg.fail_on == "never"
    cfg = layers(
        {"rules": {"OG302": {"max-milestones": 5}}}, {"rules": {"OG302": {"max-milestones": 7}}}
    )
    assert cfg.options_for("OG302", {"max-milestones": 10}) == {"max-milestones": 7}


@pytest.mark.parametrize(
    "data, needle",
    [
        ({"selct": ["OG1"]}, "did you mean 'select'"),
        ({"select": ["OG9"]}, "matches no rule"),
        ({"fail-on": "sometimes"}, "fail-on must be one of"),
        ({"severity": {"OG302": "fatal"}}, "must be error, warning or info"),
        ({"rules": {"OG302": {"max-milestone": 3}}}, "did you mean 'max-milestones'"),
        ({"rules": {"OG302": {"max-milestones": "ten"}}}, "non-negative number"),
        ({"rules": {"OG302": {"max-milestones": True}}}, "must be a non-negative number, not True"),
        (
            {"rules": {"OG302": {"max-milestones": float("inf")}}},
            "must be a non-negative number, not inf",
        ),
        (
            {"rules": {"OG302": {"max-milestones": float("nan")}}},
            "must be a non-negative number, not nan",
        ),
        (
            {"rules": {"OG202": {"min-share": float("inf")}}},
            "must be a non-negative number, not inf",
        ),
        (
            {"rules": {"OG302": {"max-milestones": 2.5}}},
            "max-milestones must be a whole number, not 2.5",
        ),
        ({"rules": {"OG999": {"x": 1}}}, "no such rule"),
        ({"rule-files": [3]}, "'rule-files' must be a list of paths"),
        # (an empty text is a prefix of every code: it selected, ignored or set the severity of all)
        ({"ignore": ["OG6", " "]}, "'ignore' holds an empty text"),
        ({"select": [""]}, "'select' holds an empty text"),
        ({"severity": {"": "info"}}, "'severity' names an empty code"),
    ],
)
def test_bad_configuration_is_a_clear_error(data, needle):
    plan = og.load(
        "format: outcome-graph/v1\nplan: {id: t, period: {start: 2011-04-01, end: 2012-03-31}}\n"
    )
    with pytest.raises(ConfigError, match=needle.replace("(", r"\(")):
        og.check(plan, Config.from_dict(data))


def test_a_whole_number_written_with_a_decimal_point_is_taken():
    plan = og.load(
        "format: outcome-graph/v1\nplan: {id: t, period: {start: 2011-04-01, end: 2012-03-31}}\n"
    )
    og.check(plan, Config.from_dict({"rules": {"OG302": {"max-milestones": 12.0}}}))


def test_a_grace_beyond_the_calendar_reports_nothing_after_the_period():
    plan = og.load(
        "format: outcome-graph/v1\nplan: {id: t, period: {start: 2011-04-01, end: 2012-03-31}}\n"
        "milestones:\n  - {id: M1, title: Early, lead: SILS, due: 2010-06}\n"
        "  - {id: M2, title: Late, lead: SILS, due: 9999-12}\n"
    )
    for grace in (3_000_000, 10**12):
        report = og.check(plan, Config.from_dict({"rules": {"OG402": {"grace-days": grace}}}))
        assert [f.node for f in report.by_rule("OG402")] == ["M1"]


def test_threshold_changes_findings():
    text = (
        "format: outcome-graph/v1\nplan: {id: t, period: {start: 2011-04-01, end: 2012-03-31}}\n"
        "milestones:\n"
        + "".join(
            f"  - {{id: M{i}, title: Task {i}, lead: SILS, timescale: June 11}}\n" for i in range(6)
        )
    )
    plan = og.load(text)
    assert not og.check(plan).by_rule("OG302")
    assert og.check(plan, Config.from_dict({"rules": {"OG302": {"max-milestones": 5}}})).by_rule(
        "OG302"
    )
    assert len(og.check(plan).by_rule("OG303")) == 1
    assert not og.check(plan, Config.from_dict({"rules": {"OG303": {"max-per-month": 6}}})).by_rule(
        "OG303"
    )


def test_discovery_precedence(tmp_path: Path):
    root = tmp_path / "repo"
    plans = root / "plans"
    plans.mkdir(parents=True)
    (root / "pyproject.toml").write_text(
        '[tool.outcome-graph]\nignore = ["OG1"]\nfail-on = "warning"\n'
    )
    plan = plans / "p.yaml"
    cfg = discover_config(plan)
    assert not cfg.enabled("OG101") and cfg.fail_on == "warning"
    (plans / "outcome-graph.toml").write_text('select = ["OG1"]\n')
    cfg = discover_config(plan)  # (outcome-graph.toml over the pyproject.toml above: both apply)
    assert cfg.enabled("OG101") and not cfg.enabled("OG201") and cfg.fail_on == "warning"
    assert [layer.source for layer in cfg.layers] == [
        str(root / "pyproject.toml"),
        str(plans / "outcome-graph.toml"),
    ]
    extra = tmp_path / "ci.toml"
    extra.write_text('fail-on = "error"\nignore = ["OG101"]\n')
    cfg = discover_config(plan, config_file=str(extra))
    assert cfg.fail_on == "error" and not cfg.enabled("OG101") and cfg.enabled("OG102")
    cli = ConfigLayer.from_mapping({"select": ["OG101"]}, "command line")
    assert discover_config(plan, config_file=str(extra), cli=cli).enabled("OG101")


def test_pyproject_without_table_is_skipped(tmp_path: Path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert discover_config(tmp_path / "p.yaml").layers == []
    with pytest.raises(ConfigError, match="no \\[tool.outcome-graph\\]"):
        Config.from_file(tmp_path / "pyproject.toml")
    (tmp_path / "bad.toml").write_text("select = [\n")
    with pytest.raises(ConfigError, match="invalid TOML"):
        Config.from_file(tmp_path / "bad.toml")


@pytest.mark.parametrize("select", [[], ""])
def test_a_selection_of_no_rule_is_an_error(select: list[str] | str):
    # Checking with no rule would pass every plan without a word.
    with pytest.raises(ConfigError, match="'select' names no rule"):
        Config.from_dict({"select": select})


def test_suppressed_findings_are_kept_in_file_order():
    plan = og.load(
        "format: outcome-graph/v1\nplan: {id: t, period: {start: 2011-04-01, end: 2012-03-31}}\n"
        "objectives:\n  - {id: O1, title: a, lead: L, milestones: [{id: M1, title: a, timescale: "
        "TBA, ignore: [OG401]}]}\n  - {id: O2, title: b, milestones: [{id: M2, title: b, "
        "timescale: June 11, ignore: [OG301]}]}\n"
    )
    report = og.check(plan, Config.from_dict({"select": ["OG301", "OG401"]}))
    assert [(f.rule, f.node) for f in report.suppressed] == [("OG401", "M1"), ("OG301", "M2")]
    assert not report.findings


HEADER = "format: outcome-graph/v1\nplan: {id: t, period: {start: 2011-04-01, end: 2012-03-31}}\n"


@pytest.mark.parametrize("ignore", ["[OG110, OG301]", "[OG301, OG110]"])
def test_an_ignore_of_og110_suppresses_the_unused_entry_beside_it_in_either_order(ignore):
    # M1 has a lead: its OG301 entry suppresses nothing, and the OG110 entry takes that finding.
    plan = og.load(
        HEADER
        + f"milestones:\n  - {{id: M1, title: a, lead: X, timescale: June 11, ignore: {ignore}}}\n"
    )
    report = og.check(plan, {"select": ["OG301", "OG110"]})
    assert report.findings == [] and [(f.rule, f.node) for f in report.suppressed] == [
        ("OG110", "M1")
    ]


@pytest.mark.parametrize(
    ("overrides", "severity"),
    [({}, "info"), ({"OG110": "error"}, "error"), ({"OG1": "warning"}, "warning")],
)
def test_unused_ignore_findings_take_the_severity_configured_for_og110(overrides, severity):
    # (OG110 is run by the engine after the other rules, not as they are: its severity is still the
    # configured one, and fails a check at that severity)
    plan = og.load(
        HEADER
        + "milestones:\n  - {id: M1, title: a, lead: X, timescale: June 11, ignore: [OG301]}\n"
    )
    report = og.check(
        plan, {"select": ["OG301", "OG110"], "severity": overrides, "fail-on": "error"}
    )
    assert [(f.rule, f.node, f.severity) for f in report.findings] == [("OG110", "M1", severity)]
    assert report.exit_code == (1 if severity == "error" else 0)


def test_a_node_scoped_ignore_does_not_cover_the_nodes_below():
    plan = og.load(
        HEADER
        + """\
objectives:
  - id: O1
    title: o
    ignore: [OG301, {rule: OG401, scope: branch}]
    milestones: [{id: M1, title: a, timescale: TBA}, {id: M2, title: b, timescale: June 11,
                                                      lead: X}]
"""
    )
    report = og.check(plan, {"select": ["OG301", "OG401", "OG110"]})
    # OG301 on O1 covers O1 alone (which has milestones, so it is unused); OG401 covers the branch.
    assert [(f.rule, f.node) for f in report.findings] == [("OG110", "O1"), ("OG301", "M1")]
    assert [(f.rule, f.node) for f in report.suppressed] == [("OG401", "M1")]


def test_the_findings_of_one_node_are_in_rule_order():
    plan = og.load(
        HEADER + "milestones:\n  - {id: M1, title: a, timescale: June 11, ignore: [OG401]}\n"
    )
    report = og.check(plan, {"select": ["OG401", "OG301", "OG110"]})
    assert [(f.rule, f.node) for f in report.findings] == [("OG110", "M1"), ("OG301", "M1")]


def test_all_sets_every_rules_severity_and_a_narrower_selector_wins():
    config = Config.from_dict({"severity": {"ALL": "error", "OG6": "info"}})
    assert config.severity_of("OG301", "warning") == "error"
    assert (
        config.severity_of("OG601", "info") == "info"
        and config.severity_of("OG602", "error") == "info"
    )
    plan = og.load(Path(__file__).resolve().parent.parent / "examples" / "tutorial-plan.yaml")
    report = og.check(plan, {"severity": {"ALL": "error"}})
    assert report.findings and {f.severity for f in report.findings} == {"error"}


@pytest.mark.parametrize(
    "name, text, where, needle",
    [
        (
            "outcome-graph.toml",
            'select = ["OG1"\n',
            ":1",
            "invalid TOML: Unclosed array at the end of the file",
        ),
        (
            "outcome-graph.toml",
            'select = ["OG1"]\nfail-on = \n',
            ":2:11",
            "invalid TOML: Invalid value",
        ),
        (
            "pyproject.toml",
            '[tool]\noutcome-graph = ["select"]\n',
            ":2",
            "[tool.outcome-graph] must be a table (keys such as select = [...])",
        ),
    ],
)
def test_a_broken_configuration_file_names_the_line(tmp_path, name, text, where, needle):
    (tmp_path / name).write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        discover_config(tmp_path / "plan.yaml")
    assert str(err.value) == f"{tmp_path / name}{where}: {needle}"


_MULTILINE = '[project]\nname = "x"\ndescription = """two\nlines: fail-on = "never"\n"""\n'


@pytest.mark.parametrize(
    "name, text, line, needle",
    [
        (
            "outcome-graph.toml",
            '# checks\nignore = ["OG6"]\nselct = ["OG1"]\n',
            3,
            "unknown key 'selct': did you mean 'select'?",
        ),
        (
            "outcome-graph.toml",
            'ignore = ["OG6"]\nselect = 3\n',
            2,
            "'select' must be a list of rule codes",
        ),
        ("outcome-graph.toml", "select = []\n", 1, "'select' names no rule"),
        (
            "outcome-graph.toml",
            "\nignore = {OG6 = true}\n",
            2,
            "'ignore' must be a list of rule codes",
        ),
        # (a text where a list is meant was read as a
        # list of the codes in it: refused, with the fix)
        (
            "outcome-graph.toml",
            'fail-on = "warning"\nignore = "OG1"\n',
            2,
            "'ignore' must be a list of rule codes or prefixes, not a text: write ignore = "
            '["OG1"]',
        ),
        (
            "outcome-graph.toml",
            'select = "OG1, og3"\n',
            1,
            "'select' must be a list of rule codes or prefixes, not a text: write select = "
            '["OG1", "og3"]',
        ),
        (
            "pyproject.toml",
            '[project]\nname = "x"\n\n[tool.outcome-graph]\nignore = ""\n',
            5,
            "'ignore' must be a list of rule codes or prefixes, not a text: write the codes in a "
            'list (ignore = ["OG6"])',
        ),
        ("outcome-graph.toml", 'select = [\n  "OG1",\n  "og9",\n]\n', 3, "'OG9' matches no rule"),
        (
            "outcome-graph.toml",
            'select = ["OG1"]\nignore = ["OG6", "OG7"]\n',
            2,
            "'OG7' matches no rule",
        ),
        ("outcome-graph.toml", '\n\nfail-on = "sometimes"\n', 3, "fail-on must be one of"),
        (
            "outcome-graph.toml",
            '[severity]\nOG1 = "info"\nOG302 = "fatal"\n',
            3,
            "severity of OG302 must be",
        ),
        (
            "outcome-graph.toml",
            'severity = {OG301 = "info", OG999 = "error"}\n',
            1,
            "'OG999' matches no rule",
        ),
        (
            "outcome-graph.toml",
            'fail-on = "error"\nseverity = 3\n',
            2,
            "'severity' must be a table",
        ),
        (
            "outcome-graph.toml",
            "[rules]\nOG302 = 3\n",
            2,
            "[rules.OG302] must be a table of options",
        ),
        ("outcome-graph.toml", "rules = 3\n", 1, "'rules' must be a table of rule tables"),
        (
            "outcome-graph.toml",
            "[rules.OG302]\nmax-milestones = 12\n\n[rules.OG999]\nx = 1\n",
            4,
            "[rules.OG999]: no such rule",
        ),
        (
            "outcome-graph.toml",
            '[rules.OG302]\n\n"max-milestones" = "ten"\n',
            3,
            "max-milestones must be a non-negative",
        ),
        (
            "outcome-graph.toml",
            "rules.OG302.max-milestone = 3\n",
            1,
            "unknown option 'max-milestone'",
        ),
        (
            "outcome-graph.toml",
            '\nrule-files = "rules.py"\n',
            2,
            "'rule-files' must be a list of paths",
        ),
        (
            "outcome-graph.toml",
            '\nrule-files = ["missing.py"]\n',
            2,
            "not found (listed in its 'rule-files')",
        ),
        (
            "pyproject.toml",
            _MULTILINE + '\n[tool.outcome-graph]\nignore = ["OG6"]\nbogus = 1\n',
            9,
            "unknown key 'bogus'",
        ),
        # (an option of the command line alone is said to be one, not taken for a misspelt key)
        (
            "outcome-graph.toml",
            'fail-on = "warning"\nmin-severity = "error"\n',
            2,
            "unknown key 'min-severity': --min-severity is an option of the command line only",
        ),
        (
            "pyproject.toml",
            "[tool.outcome-graph]\n[tool.outcome-graph.rules.OG302]\nmax-milestones = -1\n",
            3,
            "max-milestones must be a non-negative number, not -1",
        ),
        # Keys are written as TOML writes them, case and all (values are read in any case): a key in
        # another case is refused with the one meant, never passed over.
        (
            "outcome-graph.toml",
            'Select = ["OG1"]\n',
            1,
            "unknown key 'Select': did you mean 'select'?",
        ),
        (
            "outcome-graph.toml",
            'ignore = ["OG6"]\nFAIL-ON = "warning"\n',
            2,
            "unknown key 'FAIL-ON': did you mean 'fail-on'?",
        ),
        (
            "outcome-graph.toml",
            'fail_on = "warning"\n',
            1,
            "unknown key 'fail_on': did you mean 'fail-on'?",
        ),
        (
            "outcome-graph.toml",
            "[rules.OG302]\nMax-Milestones = 3\n",
            2,
            "unknown option 'Max-Milestones': did you mean 'max-milestones'?",
        ),
        (
            "pyproject.toml",
            '[tool.outcome-graph]\nSelect = ["OG1"]\n',
            2,
            "unknown key 'Select': did you mean 'select'?",
        ),
        (
            "pyproject.toml",
            '[tool.outcome-graph]\nfail_on = "warning"\n',
            2,
            "unknown key 'fail_on': did you mean 'fail-on'?",
        ),
        (
            "pyproject.toml",
            "[tool.outcome-graph]\nRule_Files = []\n",
            2,
            "unknown key 'Rule_Files': did you mean 'rule-files'?",
        ),
        (
            "pyproject.toml",
            "[tool.outcome-graph.rules.OG302]\nmax_milestones = 3\n",
            2,
            "unknown option 'max_milestones': did you mean 'max-milestones'?",
        ),
        # (codes are read in any case, so one written twice
        # in two cases would lose one of its settings)
        (
            "outcome-graph.toml",
            "[rules.og302]\nmax-milestones = 3\n\n[rules.OG302]\nmax-milestones = 20\n",
            4,
            "[rules.og302] and [rules.OG302] are the same rule (codes are read in any case): "
            "write it once",
        ),
        (
            "outcome-graph.toml",
            '[severity]\nOG302 = "error"\nog302 = "info"\n',
            3,
            "[severity]: 'OG302' and 'og302' are the same rule (codes are read in any case): "
            "write it once",
        ),
        (
            "pyproject.toml",
            '[tool.outcome-graph.severity]\nog302 = "error"\nOG302 = "info"\n',
            3,
            "[severity]: 'og302' and 'OG302' are the same rule",
        ),
        (
            "pyproject.toml",
            "[tool.outcome-graph.rules.og302]\nmax-milestones = 3\n"
            "[tool.outcome-graph.rules.Og302]\nmax-milestones = 4\n",
            3,
            "[rules.og302] and [rules.Og302] are the same rule",
        ),
        (
            "pyproject.toml",
            '[tool.outcome-graph]\nselect = ["OG1"]\n[tool.outcome-graph.Rules.OG302]\n'
            "max-milestones = 3\n",
            3,
            "unknown key 'Rules': did you mean 'rules'?",
        ),
        # (this tool's table named another way would be
        # passed by as another tool's, and its settings lost)
        (
            "pyproject.toml",
            '[project]\nname = "x"\n\n[tool.outcome_graph]\nfail-on = "warning"\n',
            4,
            "[tool.outcome_graph] is not read: did you mean [tool.outcome-graph]?",
        ),
        (
            "pyproject.toml",
            "[tool.black]\nline-length = 100\n[tool.Outcome-Graph.rules.OG302]\n"
            "max-milestones = 3\n",
            3,
            "[tool.Outcome-Graph] is not read: did you mean [tool.outcome-graph]?",
        ),
        (
            "pyproject.toml",
            '[tool.outcome-graph]\nselect = ["OG1"]\n[tool.outcome_graph.rules.OG302]\n'
            "max-milestones = 3\n",
            3,
            "[tool.outcome_graph] is not read: did you mean [tool.outcome-graph]?",
        ),
        # (a rule's severity is a key of [severity], not an option of the rule)
        (
            "outcome-graph.toml",
            '[rules.OG302]\nmax-milestones = 3\nSeverity = "error"\n',
            3,
            "[rules.OG302]: unknown option 'Severity': a rule's severity is set in [severity] "
            '(OG302 = "error")',
        ),
    ],
)
def test_a_wrong_key_or_value_is_reported_at_its_line(tmp_path, name, text, line, needle):
    (tmp_path / name).write_text(text, encoding="utf-8")
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        "format: outcome-graph/v1\nplan: {id: t, period: {start: 2011-04-01, end: 2012-03-31}}\n"
    )
    out = subprocess.run(
        [*og_command(), "check", str(plan)], capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert out.stderr.startswith(f"error: {tmp_path / name}:{line}: "), out.stderr
    assert needle in out.stderr


# Quoted texts as TOML writes them before a mistake: the lines after them are counted all the same
@pytest.mark.parametrize(
    "name, text, where, needle",
    [
        # (a multi-line string ending in a quote: up to two quotes before its three are its own)
        (
            "pyproject.toml",
            '[project]\nname = "x"\ndescription = """Lints "plans""""\n'
            "[tool.outcome-graph]\nfail-on = 3\n",
            ":5",
            "fail-on must be one of error, warning, info, never, not 3",
        ),
        # (an escaped quote, at the end of a string and inside one)
        (
            "pyproject.toml",
            '[project]\nname = "x"\ndescription = "Lints \\"plans\\""\n'
            "[tool.outcome-graph]\nfail-on = 3\n",
            ":5",
            "fail-on must be one of error, warning, info, never, not 3",
        ),
        (
            "pyproject.toml",
            '[project]\nname = "x"\ndescription = "Lints \\"plans"\n'
            "[tool.outcome-graph]\nfail-on = 3\n",
            ":5",
            "fail-on must be one of error, warning, info, never, not 3",
        ),
        # (a backslash ends a literal string's text: it escapes nothing there)
        (
            "outcome-graph.toml",
            "rule-files = ['C:\\rules\\']\nfail-on = 3\n",
            ":2",
            "fail-on must be one of error, warning, info, never, not 3",
        ),
        # (a key with an escaped quote in it is named as TOML reads it)
        (
            "outcome-graph.toml",
            'ignore = ["OG6"]\n\n"fail-on\\"" = "error"\n',
            ":3",
            "unknown key 'fail-on\"': did you mean 'fail-on'?",
        ),
    ],
)
def test_a_mistake_after_quoted_texts_is_reported_at_its_line(tmp_path, name, text, where, needle):
    (tmp_path / name).write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        discover_config(tmp_path / "plan.yaml")
    assert str(err.value) == f"{tmp_path / name}{where}: {needle}"


def test_a_pyproject_whose_tool_is_not_a_table_is_an_error(tmp_path):
    (tmp_path / "pyproject.toml").write_text('tool = "x"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"'tool' must be a table"):
        discover_config(tmp_path / "plan.yaml")
    # A pyproject.toml without [tool.outcome-graph] is not a configuration of this tool.
    (tmp_path / "pyproject.toml").write_text("[tool.black]\nline-length = 100\n", encoding="utf-8")
    assert discover_config(tmp_path / "plan.yaml").layers == []


def test_a_rule_file_that_is_a_folder_is_told_so(tmp_path):
    (tmp_path / "outcome-graph.toml").write_text('rule-files = ["."]\n', encoding="utf-8")
    plan = og.load(
        "format: outcome-graph/v1\nplan: {id: t, period: {start: 2011-04-01, end: 2012-03-31}}\n"
    )
    with pytest.raises(ConfigError, match="is a folder, not a Python file"):
        og.check(plan, discover_config(tmp_path / "plan.yaml"))


def test_a_misspelt_rule_code_is_told_the_nearest():
    plan = og.load(
        "format: outcome-graph/v1\nplan: {id: t, period: {start: 2011-04-01, end: 2012-03-31}}\n"
    )
    with pytest.raises(ConfigError, match="'OG3O1' matches no rule: did you mean 'OG301'"):
        og.check(plan, {"select": ["OG3O1"]})


ROLLED_UP = (
    HEADER
    + """\
priorities:
  - id: P1
    title: Safe
    ignore: P1_IGNORE
    aims:
      - id: A1
        title: Streets
        ignore: A1_IGNORE
        objectives:
          - {id: O1, title: a, ignore: O1_IGNORE}
          - {id: O2, title: b}
  - id: P2
    title: Healthy
    outcomes: [be_healthy]
    aims:
      - {id: A2, title: Food, indicators: [NI 56], objectives: [{id: O3, title: c,
                                                                 milestones: [{id: M1, title: m}]}]}
"""
)


@pytest.mark.parametrize(
    ("p1", "a1", "o1", "suppressed", "reported"),
    [
        # No ignore: one finding for each rolled-up branch (OG101 at the priority, OG102 at the aim,
        # OG203 at the top of the untagged branch).
        ("[]", "[]", "[]", [], [("OG101", "P1"), ("OG102", "A1"), ("OG203", "P1")]),
        # The root of each branch suppresses its rule for
        # the branch: the one finding there is suppressed.
        (
            "[{rule: OG101, scope: branch}, {rule: OG203, scope: branch}]",
            "[{rule: OG102, scope: branch}]",
            "[]",
            [("OG101", "P1"), ("OG102", "A1"), ("OG203", "P1")],
            [],
        ),
        # An objective's own ignore applies at the objective: the branch is reported node by node.
        (
            "[]",
            "[]",
            "[OG101, OG102]",
            [("OG101", "O1"), ("OG102", "O1")],
            [("OG101", "O2"), ("OG102", "O2"), ("OG203", "P1")],
        ),
        # A branch-scoped ignore below the root covers the nodes under it, not the root: those
        # findings are made (and suppressed) at the nodes, and the root's stays.
        (
            "[]",
            "[{rule: OG203, scope: branch}, {rule: OG101, scope: branch}]",
            "[]",
            [("OG101", "O1"), ("OG101", "O2"), ("OG203", "A1")],
            [("OG102", "A1"), ("OG203", "P1")],
        ),
    ],
)
def test_an_ignore_inside_a_rolled_up_branch_suppresses_at_its_node(
    p1, a1, o1, suppressed, reported
):
    text = ROLLED_UP.replace("P1_IGNORE", p1).replace("A1_IGNORE", a1).replace("O1_IGNORE", o1)
    report = og.check(og.load(text), {"select": ["OG101", "OG102", "OG203", "OG110"]})
    assert sorted((f.rule, f.node) for f in report.suppressed) == suppressed
    assert sorted((f.rule, f.node) for f in report.findings) == reported


OWNED = """format: outcome-graph/v1
plan: {id: p, period: {start: 2011-04-01, end: 2012-03-31}}
owners:
  - {id: SILS, name: School Improvement, capacity: 2, ignore: [{rule: OG302,
                                                                reason: a service of forty staff}]}
  - {id: EY, name: Early Years, capacity: 1, ignore: [OG302]}
  - {id: P1, name: Partnership board, capacity: 1}
groups:
  - {id: G1, title: Corporate priority, members: [P1, P9], ignore: [OG104]}
  - {id: G2, title: Another, members: [P8]}
priorities:
  - id: P1
    title: Safe
    ignore: [OG302]
    objectives:
      - id: O1
        title: Fewer accidents
        milestones:
          - {id: M1, title: a, lead: SILS, timescale: June 2011}
          - {id: M2, title: b, lead: SILS, timescale: July 2011}
          - {id: M3, title: c, lead: SILS, timescale: Aug 2011}
          - {id: M4, title: d, lead: EY, timescale: Aug 2011}
          - {id: M5, title: e, lead: Partnership board, timescale: Aug 2011}
          - {id: M6, title: f, lead: Partnership board, timescale: Aug 2011}
"""


def test_an_owner_or_group_suppresses_a_rule_for_itself():
    report = og.check(og.load(OWNED), Config.from_dict({"select": ["OG104", "OG302", "OG110"]}))
    found = {(f.rule, f.kind, f.node) for f in report.findings}
    suppressed = {(f.rule, f.kind, f.node) for f in report.suppressed}
    assert suppressed == {("OG302", "owner", "SILS"), ("OG104", "group", "G1")}
    # an owner's entry covers the owner alone: G2's broken member, and the owner 'P1' (whose id is
    # a priority's: the priority's entry is the priority's, and reported as unused), are reported
    assert ("OG104", "group", "G2") in found and ("OG302", "owner", "P1") in found
    unused = {(f.kind, f.node, f.location.line) for f in report.findings if f.rule == "OG110"}
    assert unused == {("owner", "EY", 6), ("priority", "P1", 12)}
    assert report.counts["suppressed"] == 2


@pytest.mark.parametrize("suffix", [".xlsx", ""])
def test_an_owner_s_and_a_group_s_suppressions_survive_a_workbook_and_csv_files(suffix, tmp_path):
    pytest.importorskip("openpyxl")
    from outcome_graph.convert import write_plan

    plan = og.load(OWNED)
    target = tmp_path / f"plan{suffix or '-csv'}"
    write_plan(plan, target, to=None if suffix else "csv")
    back = og.load(target)
    assert [(o.id, [e.rule for e in o.ignore]) for o in back.owners] == [
        ("SILS", ["OG302"]),
        ("EY", ["OG302"]),
        ("P1", []),
    ]
    assert back.owners[0].ignore[0].reason == "a service of forty staff"
    assert [(g.id, [e.rule for e in g.ignore]) for g in back.groups] == [
        ("G1", ["OG104"]),
        ("G2", []),
    ]
    config = Config.from_dict({"select": ["OG104", "OG302", "OG110"]})
    assert {(f.rule, f.node) for f in og.check(back, config).suppressed} == {
        (f.rule, f.node) for f in og.check(plan, config).suppressed
    }


def test_a_tool_gets_the_configuration_the_command_line_uses_for_a_plan(tmp_path):
    import json
    import subprocess
    import sys

    import outcome_graph as og

    (tmp_path / "pyproject.toml").write_text('[tool.outcome-graph]\nseverity = {OG302 = "error"}\n')
    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / "outcome-graph.toml").write_text(
        'ignore = ["OG2"]\n[rules.OG302]\nmax-milestones = 1\n'
    )
    plan_file = folder / "plan.yaml"
    plan_file.write_text(
        (Path(__file__).resolve().parent.parent / "examples" / "tutorial-plan.yaml").read_text()
    )
    out = subprocess.run(
        [sys.executable, "-m", "outcome_graph", "check", str(plan_file), "--format", "json"],
        capture_output=True,
        text=True,
    )
    cli = [(f["rule"], f["node"], f["severity"]) for f in json.loads(out.stdout)["findings"]]
    plan = og.load(plan_file)
    for config in (
        og.Config.for_plan(plan_file),
        og.Config.for_plan(plan),
        og.Config.for_plan(str(plan_file)),
    ):
        assert [(f.rule, f.node, f.severity) for f in og.check(plan, config).findings] == cli
    assert any(rule == "OG302" and severity == "error" for rule, _, severity in cli)
    assert not any(rule.startswith("OG2") for rule, _, _ in cli)
    assert [
        f.rule for f in og.check(plan).findings if f.rule.startswith("OG2")
    ]  # (the defaults differ)


_TOML_PIECES = st.sampled_from(
    list("ab=.[]{},\"'\n #\\1-")
    + ['"""', "'''", "x = ", "[a]\n", "a = [\n", "k = {", "[[t]]\n", "c.d = "]
)


@given(st.lists(_TOML_PIECES, max_size=40).map("".join))
def test_the_lines_of_any_toml_document_are_found_without_error(text):
    import tomllib

    from outcome_graph.config import key_lines

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return
    lines = key_lines(text)
    for key in data:  # (a bare key, as configuration keys are, is found on its line)
        if key.replace("-", "").replace("_", "").isalnum():
            assert key in text.splitlines()[lines[(key,)] - 1]


def test_a_mistake_in_a_pyproject_above_the_plan_is_reported_there_and_isolated_passes_it_by(
    tmp_path: Path,
):
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.outcome-graph]\nfail-on = 3\n'
    )
    plans = tmp_path / "plans" / "2011"
    plans.mkdir(parents=True)
    plan = plans / "plan.yaml"
    plan.write_text(
        "format: outcome-graph/v1\nplan: {id: t, period: {start: 2011-04-01, end: 2012-03-31}}\n"
    )
    out = subprocess.run(
        [*og_command(), "check", str(plan)], capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert out.stderr.startswith(
        f"error: {tmp_path / 'pyproject.toml'}:5: fail-on must be one of"
    ), out.stderr
    out = subprocess.run(
        [*og_command(), "check", str(plan), "--isolated"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode in (0, 1) and out.stderr == ""


@pytest.mark.parametrize(
    "severity, fail_on", [("Error", "Warning"), ("ERROR", "WARNING"), (" error ", "warning")]
)
def test_a_severity_or_fail_on_is_read_whatever_its_case(
    tmp_path: Path, severity: str, fail_on: str
):
    # (as on the command line, where --fail-on WARNING and --severity OG302=Error are taken)
    (tmp_path / "outcome-graph.toml").write_text(
        f'fail-on = "{fail_on}"\n[severity]\nog302 = "{severity}"\n'
    )
    config = discover_config(tmp_path / "plan.yaml")
    assert config.fail_on == "warning" and config.severity_of("OG302", "warning") == "error"
    report = og.check(
        og.load(Path(__file__).resolve().parent.parent / "models" / "southend-cypp-2008-09.yaml"),
        config,
    )
    assert report.fail_on == "warning" and {f.severity for f in report.by_rule("OG302")} == {
        "error"
    }
    with pytest.raises(
        ConfigError, match="severity of OG302 must be error, warning or info, not 'Eror'"
    ):
        Config.from_dict({"severity": {"OG302": "Eror"}})


@pytest.mark.parametrize("name", ["outcome-graph.toml", "pyproject.toml"])
def test_rule_codes_in_lower_case_are_the_catalogue_s_codes(tmp_path: Path, name: str):
    # (the catalogue's codes are capital letters and digits, a custom rule's too, so og302 can
    # mean OG302 alone)
    text = (
        'select = ["og3", "og40"]\nignore = ["og303"]\n[severity]\nog302 = "error"\n'
        "[rules.og302]\nmax-milestones = 3\n"
    )
    if name == "pyproject.toml":
        text = "[tool.outcome-graph]\n" + text.replace(
            "[severity]", "[tool.outcome-graph.severity]"
        ).replace("[rules.og302]", "[tool.outcome-graph.rules.og302]")
    (tmp_path / name).write_text(text)
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        (
            Path(__file__).resolve().parent.parent / "models" / "thurrock-cypp-2011-12.yaml"
        ).read_text()
    )
    report = og.check(og.load(plan), discover_config(plan))
    assert {f.rule for f in report} <= {
        "OG301",
        "OG302",
        "OG304",
        "OG305",
        "OG401",
        "OG402",
        "OG403",
        "OG404",
        "OG405",
    }
    overloaded = report.by_rule("OG302")
    assert overloaded and {f.severity for f in overloaded} == {"error"}
    assert len(overloaded) > len(og.check(og.load(plan), {"select": ["OG302"]}).by_rule("OG302"))
    out = subprocess.run(
        [*og_command(), "check", str(plan), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 1 and {f["rule"] for f in json.loads(out.stdout)["findings"]} == {
        f.rule for f in report
    }


def test_the_nearest_configuration_files_above_the_plan_apply_up_to_the_repository_root(
    tmp_path: Path,
):
    # (from the plan's folder upward: the nearest pyproject.toml with a [tool.outcome-graph]
    # table, under the nearest outcome-graph.toml; a folder holding .git is the last searched)
    repo = tmp_path / "repo"
    plans = repo / "plans" / "2011"
    plans.mkdir(parents=True)
    plan = plans / "plan.yaml"
    plan.write_text(
        (Path(__file__).resolve().parent.parent / "examples" / "tutorial-plan.yaml").read_text()
    )
    (tmp_path / "outcome-graph.toml").write_text(
        'select = ["OG1"]\n'
    )  # (above the repository: never read)
    (repo / ".git").mkdir()
    assert discover_config(plan).layers == []
    (repo / "pyproject.toml").write_text(
        '[tool.outcome-graph]\nselect = ["OG2"]\nfail-on = "never"\n'
    )
    assert {f.rule[:3] for f in og.check(og.load(plan), discover_config(plan))} == {"OG2"}
    (repo / "outcome-graph.toml").write_text('select = ["OG4"]\n')  # (over the pyproject.toml)
    config = discover_config(plan)
    assert {f.rule[:3] for f in og.check(og.load(plan), config)} == {
        "OG4"
    } and config.fail_on == "never"
    (repo / "plans" / "pyproject.toml").write_text(
        '[project]\nname = "plans"\n'
    )  # (no table: passed by)
    assert [layer.source for layer in discover_config(plan).layers] == [
        str(repo / "pyproject.toml"),
        str(repo / "outcome-graph.toml"),
    ]
    (plans / "outcome-graph.toml").write_text(
        'select = ["OG5"]\n'
    )  # (beside the plan: the nearest)
    out = subprocess.run(
        [*og_command(), "check", "2011/plan.yaml", "--format", "json"],
        capture_output=True,
        text=True,
        cwd=repo / "plans",
        timeout=120,
    )
    assert out.returncode == 0, (
        out.stderr
    )  # (fail-on = "never", from the pyproject.toml at the root)
    assert {f["rule"][:3] for f in __import__("json").loads(out.stdout)["findings"]} == {"OG5"}, (
        out.stderr
    )


def test_a_configuration_found_above_the_plan_reads_its_rule_files_beside_itself(tmp_path: Path):
    # (relative paths in a configuration file are relative to the file, wherever the plan is)
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "local_rules.py").write_text(
        "from outcome_graph import rule\n\n"
        "@rule('LOC001', 'every-plan', 'info')\n"
        "def every_plan(ctx):\n"
        '    """Reports the plan."""\n'
        "    yield ctx.finding(None, 'A plan.')\n"
    )
    (tmp_path / "outcome-graph.toml").write_text(
        'rule-files = ["rules/local_rules.py"]\nselect = ["LOC"]\n'
    )
    plans = tmp_path / "plans" / "2011"
    plans.mkdir(parents=True)
    plan = plans / "plan.yaml"
    plan.write_text(
        (Path(__file__).resolve().parent.parent / "examples" / "tutorial-plan.yaml").read_text()
    )
    out = subprocess.run(
        [*og_command(), "check", "plan.yaml", "--format", "json"],
        capture_output=True,
        text=True,
        cwd=plans,
        timeout=120,
    )
    assert [f["rule"] for f in __import__("json").loads(out.stdout)["findings"]] == ["LOC001"], (
        out.stderr
    )


def test_a_plan_written_as_a_folder_of_csv_files_is_configured_from_inside_the_folder(
    tmp_path: Path,
):
    # (the folder is the plan, as a file is: an outcome-graph.toml kept with its CSV files applies,
    # over one beside the folder)
    folder = csv_plan(tmp_path / "plan-csv", milestones="id,title,timescale\nM1,Audit,June 2013\n")
    (tmp_path / "outcome-graph.toml").write_text('select = ["OG1"]\n')
    (folder / "outcome-graph.toml").write_text('select = ["OG4"]\n')
    config = discover_config(folder)
    assert [layer.source for layer in config.layers] == [str(folder / "outcome-graph.toml")]
    assert {f.rule[:3] for f in og.check(og.load(folder), config)} == {"OG4"}
    out = subprocess.run(
        [*og_command(), "check", "plan-csv", "--format", "json"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert {f["rule"][:3] for f in __import__("json").loads(out.stdout)["findings"]} == {"OG4"}, (
        out.stderr
    )


def test_a_layer_added_on_top_wins_and_leaves_the_configuration_it_was_added_to_alone():
    base = Config.from_dict({"ignore": ["OG6"], "severity": {"OG301": "info"}})
    top = base.with_layer(
        ConfigLayer(source="--select", select=["OG3", "OG601"], severity={"OG301": "error"})
    )
    assert [top.enabled(c) for c in ("OG601", "OG602", "OG301", "OG101")] == [
        True,
        False,
        True,
        False,
    ]
    assert top.severity_of("OG301", "warning") == "error"
    assert [base.enabled(c) for c in ("OG601", "OG101")] == [False, True]
    assert base.severity_of("OG301", "warning") == "info"


def test_a_file_that_ends_without_a_line_break_after_a_bare_value_is_read(tmp_path: Path):
    # (the last line of a file saved without its line break: "max-milestones = 20" at the end)
    (tmp_path / "outcome-graph.toml").write_text(
        'ignore = ["OG6"]\n[rules.OG302]\nmax-milestones = 20', encoding="utf-8"
    )
    config = discover_config(tmp_path / "plan.yaml")
    assert not config.enabled("OG601") and config.enabled("OG302")
    assert config.files() == [str(tmp_path / "outcome-graph.toml")]
