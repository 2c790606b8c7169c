"""The file system's corners: symbolic links that loop, names that are not UTF-8, pipes, hidden
files, files saved by other programs' habits. Each gets an answer (exit 2 naming the file and the
problem, or a normal run whose outputs hold what they should), never an internal error."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import openpyxl
import pytest

import outcome_graph as og

from .conftest import EXAMPLES, cli_runner

TUTORIAL = EXAMPLES / "tutorial-plan.yaml"
LOOP = "Too many levels of symbolic links"

needs_symlinks = pytest.mark.skipif(sys.platform == "win32", reason="symbolic links")


def _run(*args: str):
    from outcome_graph.cli import main

    return cli_runner().invoke(main, list(args))


def _plan_beside(folder: Path, name: str = "plan.yaml", text: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(
        text if text is not None else TUTORIAL.read_text(encoding="utf-8"), encoding="utf-8"
    )
    return path


def _loop(path: Path) -> Path:
    os.symlink(path.name, path)
    return path


@needs_symlinks
@pytest.mark.parametrize(
    "args",
    [
        ["check"],
        ["check", "--isolated"],
        ["render", "-o", "{out}/x.svg"],
        ["report", "-o", "{out}/x.html"],
        ["table"],
        ["convert", "{out}/x.json"],
    ],
)
def test_a_plan_that_is_a_symbolic_link_looping_cannot_be_read(
    args: list[str], tmp_path: Path
) -> None:
    plan = _loop(tmp_path / "loop.yaml")
    command = [a.format(out=tmp_path) for a in args]
    result = _run(command[0], str(plan), *command[1:])
    assert result.exit_code == 2, result.output
    assert result.stderr.strip() == f"error: {plan}: cannot read: {LOOP}"


@needs_symlinks
def test_a_folder_of_plans_holding_a_looping_link_checks_the_others(tmp_path: Path) -> None:
    _plan_beside(tmp_path)
    _loop(tmp_path / "self.yaml")
    result = _run("check", str(tmp_path))
    assert result.exit_code == 2
    assert f"{tmp_path / 'self.yaml'}: cannot read: {LOOP}" in result.stderr
    assert "tutorial-cypp-2011-12" in result.stdout  # (the other plan was checked)


@needs_symlinks
@pytest.mark.parametrize(
    ("args", "name"),
    [
        (["check", "--format", "json", "-o"], "out.json"),
        (["convert"], "out.json"),
        (["convert"], "csv-folder"),
        (["table", "-o"], "out.csv"),
        (["report", "-o"], "out.html"),
        (["render", "-o"], "out.svg"),
    ],
)
def test_an_output_that_is_a_symbolic_link_looping_is_not_written(
    args: list[str], name: str, tmp_path: Path
) -> None:
    plan = _plan_beside(tmp_path / "in")
    out = _loop(tmp_path / name)
    result = _run(args[0], str(plan), *args[1:], str(out))
    assert result.exit_code == 2, result.output
    assert result.stderr.strip().endswith(f"{out}: cannot write: {LOOP}")
    assert out.is_symlink() and os.readlink(out) == out.name  # (the link left as it was)


@needs_symlinks
def test_configuration_that_names_a_looping_link_a_pipe_or_a_nul_is_told(tmp_path: Path) -> None:
    plan = _plan_beside(tmp_path)
    config = tmp_path / "outcome-graph.toml"
    config.write_text('rule-files = ["rules.py"]\n', encoding="utf-8")
    _loop(tmp_path / "rules.py")
    result = _run("check", str(plan))
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"error: {config}:1: rule file '{tmp_path / 'rules.py'}' cannot be read: {LOOP} "
        "(listed in its 'rule-files')"
    )
    (tmp_path / "rules.py").unlink()
    os.mkfifo(tmp_path / "rules.py")
    result = _run("check", str(plan))
    assert result.exit_code == 2 and "is not a regular file (a pipe or a device)" in result.stderr
    config.write_text('rule-files = ["a\\u0000b.py"]\n', encoding="utf-8")
    result = _run("check", str(plan))
    assert result.exit_code == 2
    assert (
        result.stderr.strip()
        == f"error: {config}:1: 'rule-files': 'a\\x00b.py' is not a path (it holds a NUL character)"
    )


@needs_symlinks
def test_a_catalogue_file_that_is_a_looping_link_is_told(tmp_path: Path) -> None:
    text = TUTORIAL.read_text(encoding="utf-8").replace(
        "owners:\n", "catalogues:\n  - {prefix: CSC, title: Local, entries: loop.csv}\nowners:\n", 1
    )
    plan = _plan_beside(tmp_path, text=text)
    _loop(tmp_path / "loop.csv")
    result = _run("check", str(plan), "--isolated")
    assert result.exit_code == 2
    assert f"CSC: entries file 'loop.csv' cannot be read: {LOOP}" in result.stderr


@pytest.mark.skipif(sys.platform != "linux", reason="a file name of bytes that are not UTF-8")
def test_a_plan_named_in_bytes_that_are_not_utf8_gets_outputs_that_are(tmp_path: Path) -> None:
    name = os.fsdecode(b"caf\xe9.yaml")
    plan = _plan_beside(tmp_path, name)
    shown = str(tmp_path / "caf\\xe9.yaml")
    findings = tmp_path / "findings.json"
    result = _run("check", str(plan), "--format", "json", "-o", str(findings))
    assert result.exit_code == 0, result.output
    document = json.loads(findings.read_bytes().decode("utf-8"))
    assert {f["location"]["file"] for f in document["findings"]} == {shown}
    for args in (
        ["table", str(plan), "--what", "findings", "-o", str(tmp_path / "f.xlsx")],
        ["convert", str(plan), str(tmp_path / "plan.xlsx"), "--findings"],
    ):
        assert _run(*args).exit_code == 0
    sheet = openpyxl.load_workbook(tmp_path / "f.xlsx").active
    assert shown in [
        c.value
        for c in next(sheet.iter_cols(min_col=[c.value for c in sheet[1]].index("file") + 1))
    ]
    assert (
        og.load(tmp_path / "plan.xlsx").id == "tutorial-cypp-2011-12"
    )  # (the findings sheet reads as XML)


def test_a_csv_folder_s_hidden_files_are_not_read(tmp_path: Path) -> None:
    from outcome_graph.output.workbook import write_csv_folder

    folder = tmp_path / "plan"
    write_csv_folder(og.load(TUTORIAL), folder)
    (folder / "._milestones.csv").write_bytes(b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        ")
    assert list(og.load(folder).nodes) == list(og.load(TUTORIAL).nodes)


def test_a_configuration_file_saved_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    plan = _plan_beside(tmp_path)
    (tmp_path / "outcome-graph.toml").write_bytes(b'\xef\xbb\xbfselect = ["OG1"]\n')
    result = _run("check", str(plan), "--format", "json")
    assert result.exit_code == 0, result.output
    assert {f["rule"][:3] for f in json.loads(result.stdout)["findings"]} <= {"OG1"}


OPEN_ENDED = """format: outcome-graph/v1
plan: {id: open, period: {start: 2011-04-01, end: 9999-12-31}}
milestones:
  - {id: M1, title: Audit, lead: A, due: 2011-06}
  - {id: M2, title: Audit again, lead: A, due: 2013-06}
  - {id: M3, title: Audit once more, lead: B, timescale: Ongoing}
"""


def test_an_open_ended_period_gives_the_owner_tables_the_months_something_is_due_in(
    tmp_path: Path,
) -> None:
    plan = _plan_beside(tmp_path, text=OPEN_ENDED)
    result = _run("table", str(plan), "--what", "owners", "-o", str(tmp_path / "owners.xlsx"))
    assert result.exit_code == 0, result.output
    header = [c.value for c in openpyxl.load_workbook(tmp_path / "owners.xlsx").active[1]]
    assert header[header.index("outside_period") + 1 :] == ["2011-06", "2013-06"]
    assert _run("report", str(plan), "-o", str(tmp_path / "r.html")).exit_code == 0
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert (
        len(html) < 500_000
        and "Jun<br>2011" in html
        and "Jun<br>2013" in html
        and "Jul<br>2011" not in html
    )


@pytest.mark.parametrize(
    ("columns", "message"),
    [
        ("id,title,id", "--columns names the column 'id' twice"),
        ("", "--columns names no column"),
        (",", "--columns names no column"),
    ],
)
def test_table_columns_named_twice_or_none_are_told(columns: str, message: str) -> None:
    result = _run("table", str(TUTORIAL), "--columns", columns)
    assert result.exit_code == 2 and result.stderr.startswith(f"error: {message}")


def test_a_table_in_a_hidden_sheet_is_named_with_the_error(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.title = "Cover"
    actions = wb.create_sheet("Actions")
    actions.append(["Priority", "Objective", "Key milestones", "Lead", "By when"])
    actions.append(["Safe", "Fewer accidents", "Audit the junctions", "Bob", "June 2011"])
    actions.sheet_state = "hidden"
    wb.save(tmp_path / "plan.xlsx")
    result = _run("check", str(tmp_path / "plan.xlsx"), "--period", "2011-12")
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"error: {tmp_path / 'plan.xlsx'}: the workbook has no sheet of the plan's items; "
        "the hidden sheet 'Actions' holds a table of the plan's items: unhide it to have "
        "it read"
    )


def test_a_rule_code_declared_twice_in_a_rule_file_names_both_functions(tmp_path: Path) -> None:
    import importlib

    reg = importlib.import_module("outcome_graph.rules.registry")
    plan = _plan_beside(tmp_path)
    (tmp_path / "twice.py").write_text(
        "import outcome_graph as og\n\n"
        "@og.rule('FSY901', 'one-thing', 'warning')\ndef first(ctx):\n    yield from ()\n\n"
        "@og.rule('FSY901', 'other-thing', 'warning')\ndef second(ctx):\n    yield from ()\n",
        encoding="utf-8",
    )
    (tmp_path / "outcome-graph.toml").write_text('rule-files = ["twice.py"]\n', encoding="utf-8")
    try:
        result = _run("check", str(plan))
    finally:  # (the first declaration stays registered in this process: not for the next tests)
        reg._REGISTRY.pop("FSY901", None)
        reg._FILE_RULES.pop(str(tmp_path / "twice.py"), None)
    assert result.exit_code == 2
    rules_file = tmp_path / "twice.py"
    assert (
        f"rule code FSY901 is declared twice (first in {rules_file} and second in {rules_file})"
        in result.stderr
    )
