"""Conversion between YAML, JSON, .xlsx and CSV folders: lossless round trips, pleasant YAML, safe
cells."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import openpyxl
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import outcome_graph as og
from outcome_graph.cli import main
from outcome_graph.convert import (
    canonical_document,
    convert,
    document_data,
    output_format,
    to_json,
    to_yaml,
    write_plan,
)
from outcome_graph.errors import ConfigError, PlanError, RenderError
from outcome_graph.loading.loader import load_path
from outcome_graph.model.document import is_blank
from outcome_graph.output.workbook import (
    csv_files,
    template_bytes,
    workbook_bytes,
    write_csv_folder,
    write_template,
)

from .conftest import EXAMPLES, MODELS, PLAN_HEADER, cli_runner
from .strategies import plan_text, plans
from .test_load import FULL

MODEL_FILES = sorted(MODELS.glob("*.yaml"))
FORMATS = {"xlsx": "plan.xlsx", "csv": "plan-csv", "yaml": "plan.yaml", "json": "plan.json"}


def cli(*args: str) -> tuple[int, str, str]:
    result = cli_runner().invoke(main, list(args), catch_exceptions=True)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def round_trip(plan: og.Plan, folder: Path, fmt: str) -> og.Plan:
    path = folder / FORMATS[fmt]
    assert write_plan(plan, path) == []
    return load_path(path)


@pytest.mark.parametrize("fmt", list(FORMATS))
@pytest.mark.parametrize("model", MODEL_FILES, ids=lambda p: p.stem)
def test_every_model_round_trips(model: Path, fmt: str, tmp_path: Path):
    plan = og.load(model)
    back = round_trip(plan, tmp_path, fmt)
    assert back.document == plan.document  # the models are written in the nested (canonical) form
    assert back.parents == plan.parents and list(back.nodes) == list(plan.nodes)
    assert sorted((f.rule, f.node, f.message) for f in og.check(back)) == sorted(
        (f.rule, f.node, f.message) for f in og.check(plan)
    )


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_field_round_trips(fmt: str, tmp_path: Path):
    plan = og.load(FULL)  # every field of the format, nested and flat forms mixed
    back = round_trip(plan, tmp_path, fmt)
    assert back.document == canonical_document(plan)
    assert back.parents == plan.parents
    assert set(back.nodes) == set(plan.nodes)
    m9 = back.nodes["M9"]
    assert m9.parents == ["O9", "P1.A1.O1"] and m9.due[1].from_ == "2012-01"
    assert back.nodes["P1.A1"].number == "1.1" and back.nodes["P1.A1.O1"].number == "1.10"
    assert back.meta.ignore[0].scope == "branch" and back.nodes["P1.A1.O1.M1"].lead == [
        "SILS",
        "Head of EYFC",
    ]


def test_canonical_form_keeps_the_plan():
    plan = og.load(FULL)
    doc = canonical_document(plan)
    assert plan.document != doc  # O9 is written flat in FULL and nested in the canonical form
    assert [o.id for o in doc.priorities[0].aims[0].objectives] == ["P1.A1.O1", "O9"]
    assert doc.objectives == [] and [m.id for m in doc.milestones] == ["M9"]
    assert canonical_document(doc) == doc
    again = og.load(to_yaml(plan))
    assert again.parents == plan.parents and again.document == doc
    # a nested node naming another parent keeps both
    mixed = og.load(
        PLAN_HEADER
        + """\
priorities:
  - id: P1
    title: Safe
    objectives:
      - {id: O1, title: Fewer accidents, parent: P2}
  - {id: P2, title: Healthy}
"""
    )
    canon = canonical_document(mixed)
    assert canon.priorities[0].objectives[0].parents == ["P2"]
    assert (
        og.load(to_yaml(mixed)).parents == mixed.parents == {"P1": (), "O1": ("P1", "P2"), "P2": ()}
    )


settings_fast = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@settings_fast
@given(plans())
def test_generated_plans_round_trip(data: dict):
    import tempfile

    plan = og.load(plan_text(data))
    expected = canonical_document(plan)
    with tempfile.TemporaryDirectory() as folder:
        for fmt in FORMATS:
            back = round_trip(plan, Path(folder), fmt)
            assert back.document == expected, fmt
            assert back.parents == plan.parents, fmt


# Text a hostile or careless author may write: formulas, separators, markers, quotes, line breaks.
HOSTILE = st.one_of(  # (a text that is exactly "" or [] is written with a backslash before it)
    st.sampled_from(
        [
            '=HYPERLINK("http://evil.example","click")',
            "=cmd|' /C calc'!A0",
            "+44 1375 652652",
            "-11",
            "-2+3",
            "@SUM(A1:A3)",
            "'=already quoted",
            "''",
            "'",
            "it's",
            "a; b",
            "a\\; b",
            "[]",
            "tab\tinside",
            "\ttab first",
            "line one\nline two",
            "trailing space ",
            " leading space",
            "ünïcödé – “quotes”",
            "<script>alert(1)</script>",
            "NI 72, NI 73",
            "2012",
            "3.10",
            "null",
            "~",
            "yes",
            '""',
            "\\[]",
        ]
    ),
    st.text(
        st.characters(exclude_categories=("Cs", "Cc"))
        | st.sampled_from(["\n", "\t", "=", "'", ";", "-"]),
        min_size=1,
        max_size=30,
    ),
).filter(
    lambda t: not is_blank(t)
)  # (a cell showing nothing, invisible characters alone, is a blank cell)
ITEM = HOSTILE.map(str.strip).filter(lambda t: t != "" and "\\" not in t)  # list items are trimmed


@st.composite
def hostile_plans(draw: st.DrawFn) -> dict:
    def lead() -> object:
        return draw(st.one_of(HOSTILE, st.lists(ITEM, min_size=1, max_size=3)))

    milestones = [
        {
            "id": f"M{i}",
            "title": draw(HOSTILE),
            "lead": lead(),
            "timescale": draw(st.one_of(HOSTILE, st.just(""))),
            "tags": draw(st.lists(ITEM, max_size=3)),
            "notes": draw(HOSTILE),
        }
        for i in range(draw(st.integers(1, 3)))
    ]
    return {
        "format": "outcome-graph/v1",
        "plan": {
            "id": "hostile",
            "title": draw(HOSTILE),
            "period": {"start": "2011-04-01", "end": "2012-03-31"},
        },
        "priorities": [
            {
                "id": "P1",
                "title": draw(HOSTILE),
                "outcomes": [],
                "variants": [{"text": draw(HOSTILE), "where": "summary"}],
                "objectives": [
                    {
                        "id": "O1",
                        "title": draw(HOSTILE),
                        "indicators": ["NI 72", {"id": "X 1", "title": draw(HOSTILE)}],
                        "milestones": milestones,
                    }
                ],
            }
        ],
        "indicators": [
            {
                "id": "NI 72",
                "title": draw(HOSTILE),
                "unit": draw(HOSTILE),
                "targets": [
                    {
                        "period": "2011-12",
                        "change": draw(st.sampled_from(["-11", "+5", "-29.6%"])),
                        "text": draw(HOSTILE),
                        "source": draw(HOSTILE),
                    },
                    {
                        "period": "2012-13",
                        "value": draw(st.floats(-1e6, 1e6, allow_nan=False)),
                        "text": "",
                    },
                ],
            }
        ],
    }


@settings_fast
@given(hostile_plans())
def test_hostile_text_round_trips(data: dict):
    import tempfile

    plan = og.load(yaml.safe_dump(data, allow_unicode=True))
    with tempfile.TemporaryDirectory() as folder:
        for fmt in FORMATS:
            back = round_trip(plan, Path(folder), fmt)
            assert back.document == plan.document, fmt


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
@pytest.mark.parametrize("title", ["Objective", "KEY MILESTONES", "Priority"])
def test_a_plan_titled_like_a_level_column_round_trips(tmp_path: Path, fmt: str, title: str):
    # the plan sheet's title cell reads like a flat table's level header: the sheet's format
    # column still makes it the plan sheet, not a flat table named plan
    plan = og.load(
        PLAN_HEADER.replace("{id: t,", f"{{id: t, title: {title},")
        + """\
priorities:
  - {id: P1, title: Objective, objectives: [{id: O1, title: Priority}]}
"""
    )
    assert plan.title == title
    back = round_trip(plan, tmp_path, fmt)
    assert back.document == plan.document and back.title == title


def test_formula_text_is_written_as_text(tmp_path: Path):
    plan = og.load(
        PLAN_HEADER
        + """\
priorities:
  - id: P1
    title: '=HYPERLINK("http://evil.example", "click")'
    lead: "@SUM(A1:A3)"
    notes: "+44 1375 652652"
    objectives:
      - {id: O1, title: "-2+3", notes: "'=already quoted"}
"""
    )
    data, warnings = workbook_bytes(plan)
    assert warnings == []
    ws = openpyxl.load_workbook(io.BytesIO(data))["priorities"]
    header = [c.value for c in ws[1]]
    title = ws.cell(row=2, column=header.index("title") + 1)
    assert title.data_type == "s" and title.value.startswith("=HYPERLINK") and title.quotePrefix
    write_csv_folder(plan, tmp_path / "csv")
    raw = (tmp_path / "csv" / "priorities.csv").read_text(encoding="utf-8-sig")
    row = next(r for r in csv.reader(io.StringIO(raw)) if r[0] == "P1")
    assert (
        '\'=HYPERLINK("http://evil.example", "click")' in row
        and "'@SUM(A1:A3)" in row
        and "'+44 1375 652652" in row
    )
    raw = (tmp_path / "csv" / "objectives.csv").read_text(encoding="utf-8-sig")
    assert "'-2+3" in raw and "''=already quoted" in raw
    assert load_path(tmp_path / "csv").document == plan.document


def test_a_text_that_shows_nothing_is_written_with_a_warning(tmp_path: Path):
    # (a cell of spaces or invisible characters alone reads back as blank: the note is lost)
    plan = og.load(
        PLAN_HEADER
        + 'priorities: [{id: P1, title: Safe, notes: "\\u00ad"}, {id: P2, title: Safer}]\n'
    )
    warnings = write_plan(plan, tmp_path / "plan.xlsx")
    assert len(warnings) == 1 and "shows nothing" in warnings[0] and "priorities!" in warnings[0]
    assert load_path(tmp_path / "plan.xlsx").nodes["P1"].notes is None
    assert (
        write_plan(
            og.load(PLAN_HEADER + 'priorities: [{id: P1, title: Safe, notes: "a\\u00adb"}]\n'),
            tmp_path / "other.xlsx",
        )
        == []
    )


def _csv_cell(folder: Path, sheet: str, column: str, row: int) -> str:
    """The A1 reference of a column of a CSV file of a plan's folder (found by its header)."""
    header = next(
        csv.reader(io.StringIO((folder / f"{sheet}.csv").read_text(encoding="utf-8-sig")))
    )
    return f"{sheet}.csv!{'ABCDEFGHIJKLMNOPQRSTUVWXYZ'[header.index(column)]}{row}"


@pytest.mark.parametrize("blank", [" ", "\u00ad", "\u200b", " \u200b\u00ad "])
def test_a_csv_folder_warns_of_a_text_that_shows_nothing(blank: str, tmp_path: Path):
    # (as the workbook does: the cell reads back as blank,
    # and the field as left out, while YAML keeps it)
    text = json.dumps(blank)
    plan = og.load(
        PLAN_HEADER.replace("period:", f"organisation: {text}, period:")
        + f"priorities: [{{id: P2, title: Safer}}, {{id: P1, title: Safe, notes: {text}}}]\n"
    )
    assert plan.document.plan.organisation == blank and plan.nodes["P1"].notes == blank
    folder = tmp_path / "csv"
    warnings = write_plan(plan, folder)
    assert len(warnings) == 2 and all(
        "shows nothing" in w and "reads back as blank" in w for w in warnings
    )
    assert sorted(w.split(": ")[0] for w in warnings) == [
        _csv_cell(folder, "plan", "organisation", 2),
        _csv_cell(folder, "priorities", "notes", 3),
    ]
    back = load_path(folder)
    assert (
        back.nodes["P1"].notes is None and back.document.plan.organisation is None
    )  # what the warnings say
    assert round_trip(plan, tmp_path, "yaml").nodes["P1"].notes == blank
    # the workbook writer says the same of the same cells
    assert [w.split(": ", 1)[1] for w in write_plan(plan, tmp_path / "plan.xlsx")] == [
        w.split(": ", 1)[1] for w in warnings
    ]


def test_a_csv_folder_writes_a_text_with_an_invisible_character_among_others_without_a_warning(
    tmp_path: Path,
):
    plan = og.load(
        PLAN_HEADER + 'priorities: [{id: P1, title: Safe, notes: "a\\u00adb"}, {id: P2, title: '
        '"\\u200bSafer"}]\n'
    )
    assert write_plan(plan, tmp_path / "csv") == []
    assert load_path(tmp_path / "csv").document == plan.document


def test_convert_to_a_csv_folder_refuses_a_text_that_shows_nothing_unless_lossy(tmp_path: Path):
    # (the folder would read back as another plan: nothing is written, exit 2, naming the cell;
    # --lossy writes it, with the warning)
    source = tmp_path / "plan.yaml"
    source.write_text(
        PLAN_HEADER + 'priorities: [{id: P1, title: Safe, notes: "\\u200b"}]\n', encoding="utf-8"
    )
    before = source.read_bytes()
    for target, extra in ((tmp_path / "out", ()), (tmp_path / "other", ("--to", "csv"))):
        code, _, err = cli("convert", str(source), str(target), *extra)
        assert code == 2 and not target.exists() and "Traceback" not in err
        assert f"error: {target}: not written: it would not read back as the plan" in err
        assert "priorities.csv!" in err and "shows nothing" in err and "--lossy" in err
        code, _, err = cli("convert", str(source), str(target), *extra, "--lossy")
        assert code == 0 and (target / "priorities.csv").is_file()
        assert f"warning: {target}: priorities.csv!" in err and "shows nothing" in err
        assert err.count("warning:") == 1
    assert source.read_bytes() == before
    # a name ending in .csv is refused (the CSV form is a folder), before anything is written
    code, _, err = cli("convert", str(source), str(tmp_path / "out.csv"))
    assert code == 2 and "folder of CSV files" in err and not (tmp_path / "out.csv").exists()


def test_convert_writes_no_workbook_that_would_not_read_back_as_the_plan(tmp_path: Path):
    # A control character (replaced by U+FFFD) and a text that shows nothing (read back as blank):
    # convert refuses, naming both cells, in Python as on the command line; lossy=True writes.
    source = tmp_path / "plan.yaml"
    source.write_text(
        PLAN_HEADER
        + 'priorities: [{id: P1, title: "bell\\a here"}, {id: P2, title: Safe, notes: " "}]\n',
        encoding="utf-8",
    )
    target = tmp_path / "plan.xlsx"
    with pytest.raises(og.RenderError, match=r"2 texts it cannot keep") as caught:
        convert(source, target)
    assert (
        "priorities!" in str(caught.value)
        and "U+FFFD" in str(caught.value)
        and "shows nothing" in str(caught.value)
    )
    assert not target.exists()
    code, _, err = cli("convert", str(source), str(target))
    assert code == 2 and not target.exists() and err.count("priorities!") == 2
    result = convert(source, target, lossy=True)
    assert len(result.warnings) == 2 and load_path(target).nodes["P1"].title == "bell\ufffd here"
    # what keeps every text is written as ever: YAML, and a CSV folder of the control character
    plain = tmp_path / "bell.yaml"
    plain.write_text(
        PLAN_HEADER + 'priorities: [{id: P1, title: "bell\\a here"}]\n', encoding="utf-8"
    )
    assert convert(plain, tmp_path / "bell-csv").warnings == []
    assert load_path(tmp_path / "bell-csv").nodes["P1"].title == "bell\a here"


def test_convert_gives_notice_of_the_comments_of_a_yaml_plan_it_cannot_keep(tmp_path: Path):
    # No output keeps a YAML file's comments (YAML is written anew): a notice says so, where the
    # first is and how many; a '#' in a text (quoted, a block, "C# dev") is no comment.
    source = tmp_path / "plan.yaml"
    source.write_text(
        "# Our plan, 2011-12\n"
        + PLAN_HEADER
        + 'priorities:\n  - {id: P1, title: "Safe # 1", lead: C# team}  # agreed in May\n'
        "  - id: P2\n    title: Healthy\n    notes: |\n      # not a comment\n",
        encoding="utf-8",
    )
    before = source.read_bytes()
    for target in ("plan.json", "again.yaml", "plan-csv", "-"):
        code, out, err = cli(
            "convert", str(source), target if target == "-" else str(tmp_path / target)
        )
        assert (
            code == 0
            and f"notice: {source}:1:1: the plan has 2 comments, the first here, that the output "
            "does not keep"
            in err
        ), (target, err)
        assert err.count("notice:") == 1
    assert source.read_bytes() == before
    assert og.load(tmp_path / "again.yaml").nodes["P2"].notes == "# not a comment\n"
    # a YAML plan without comments, and a JSON one, convert without it
    for plain in (tmp_path / "again.yaml", tmp_path / "plan.json"):
        code, _, err = cli("convert", str(plain), str(tmp_path / "out.xlsx"))
        assert code == 0 and "comment" not in err
    result = convert(MODELS / "thurrock-cypp-2011-12.yaml", tmp_path / "thurrock.json")
    lines = (MODELS / "thurrock-cypp-2011-12.yaml").read_text(encoding="utf-8").splitlines()
    whole = sum(1 for line in lines if line.lstrip().startswith("#"))  # (and some after a value)
    counted = [int(n.message.split()[3]) for n in result.notices if "comments" in n]
    assert (
        whole > 1
        and len(counted) == 1
        and whole <= counted[0] <= sum(line.count("#") for line in lines)
    )


def test_characters_a_workbook_cannot_hold_are_replaced_with_a_warning(tmp_path: Path):
    plan = og.load(PLAN_HEADER + 'priorities: [{id: P1, title: "bell\\a here"}]\n')
    warnings = write_plan(plan, tmp_path / "plan.xlsx")
    assert len(warnings) == 1 and "U+FFFD" in warnings[0] and "priorities!" in warnings[0]
    assert load_path(tmp_path / "plan.xlsx").nodes["P1"].title == "bell\ufffd here"
    # CSV and YAML keep every character
    assert round_trip(plan, tmp_path, "csv").document == plan.document
    assert round_trip(plan, tmp_path, "yaml").document == plan.document


def test_yaml_is_pleasant():
    plan = og.load(FULL)
    text = to_yaml(plan)
    assert text.startswith('format: outcome-graph/v1\nplan:\n  id: "full-plan"\n')
    assert '  period: {start: "2011-04-01", end: "2012-03-31"}\n' in text
    assert 'number: "1.10"' in text and 'id: "P1.A1.O1.M1"' in text and 'due: "2012"' in text
    assert 'due: ["2011-09-30", {from: "2012-01", to: "2012-02"}]' in text
    assert 'indicators: ["NI 73"]' in text and "outcomes: [enjoy_and_achieve]" in text
    assert 'ignore: ["OG401"]' in text
    # keys in a fixed order: identity, then hierarchy, timing, ..., children last
    p1 = text[text.index('  - id: "P1"') :].splitlines()
    keys = [
        line.split(":")[0].strip()
        for line in p1[1:12]
        if line.startswith("    ") and line[4] not in " -"
    ]
    assert keys == [
        "number",
        "title",
        "lead",
        "outcomes",
        "indicators",
        "variants",
        "tags",
        "notes",
        "aims",
    ]
    # writing what was read gives the same text
    assert to_yaml(og.load(text)) == text
    assert og.load(to_json(plan)).document == og.load(text).document
    data = document_data(plan)
    assert yaml.safe_load(yaml.safe_dump(data)) == data  # plain data


def test_multi_line_notes_are_literal_blocks():
    plan = og.load(
        PLAN_HEADER + 'priorities: [{id: P1, title: Safe, notes: "first line\\nsecond line\\n"}]\n'
    )
    text = to_yaml(plan)
    assert "    notes: |\n      first line\n      second line\n" in text
    assert og.load(text).document == plan.document


def test_output_format():
    assert (
        output_format("x.yaml") == "yaml"
        and output_format("x.YML") == "yaml"
        and output_format("x.json") == "json"
    )
    assert (
        output_format("x.xlsx") == "xlsx"
        and output_format("out") == "csv"
        and output_format("out/") == "csv"
    )
    assert output_format("x.bin", to="json") == "json"
    with pytest.raises(ConfigError, match="folder of CSV files"):
        output_format("plan.csv")
    with pytest.raises(ConfigError, match="--to"):
        output_format("plan.txt")


def test_convert_command(tmp_path: Path):
    model = MODELS / "thurrock-cypp-2011-12.yaml"
    xlsx = tmp_path / "thurrock.xlsx"
    code, _, err = cli("convert", str(model), str(xlsx), "--findings")
    assert code == 0 and f"wrote {xlsx}" in err
    wb = openpyxl.load_workbook(xlsx)
    # (the template's sheets, in its order, the plan's instructions first)
    assert wb.sheetnames[:11] == [
        "instructions",
        "plan",
        "vision",
        "owners",
        "catalogues",
        "entries",
        "groups",
        "priorities",
        "aims",
        "objectives",
        "milestones",
    ]
    assert "findings" in wb.sheetnames
    findings = wb["findings"]
    header = [c.value for c in findings[1]]
    assert header[:4] == ["severity", "rule", "name", "node"]
    row = next(
        r for r in findings.iter_rows(min_row=2) if r[header.index("kind")].value == "milestone"
    )
    link = row[header.index("cell")]
    sheet, cell = link.value.split("!")
    assert link.hyperlink.location == f"'{sheet}'!{cell}" or link.hyperlink.target.endswith(
        f"!{cell}"
    )
    assert wb[sheet][cell].value == row[header.index("title")].value
    # the findings sheet is not part of the plan
    assert load_path(xlsx).document == og.load(model).document
    out = tmp_path / "back.yaml"
    assert cli("convert", str(xlsx), str(out))[0] == 0
    assert og.load(out).document == og.load(model).document
    # CSV folder, written twice (replacing the first) and read back
    folder = tmp_path / "thurrock-csv"
    assert cli("convert", str(model), str(folder), "--findings")[0] == 0
    assert (folder / "findings.csv").exists() and (folder / "milestones.csv").exists()
    assert cli("convert", str(out), str(folder))[0] == 0
    assert not (folder / "findings.csv").exists()
    assert load_path(folder).document == og.load(model).document
    assert cli("convert", str(folder), str(tmp_path / "t.json"))[0] == 0


def test_convert_refuses_what_it_should(tmp_path: Path):
    model = MODELS / "thurrock-cypp-2011-12.yaml"
    code, _, err = cli("convert", str(model), str(model))
    assert code == 2 and "refusing to overwrite an input file" in err
    code, _, err = cli("convert", str(model), str(tmp_path / "plan.csv"))
    assert code == 2 and "folder of CSV files" in err
    code, _, err = cli("convert", str(model), str(tmp_path / "plan.txt"))
    assert code == 2 and "--to" in err
    code, _, err = cli("convert", str(model), str(tmp_path / "plan.txt"), "--to", "json")
    assert code == 0 and og.load((tmp_path / "plan.txt").read_text()).id == "thurrock-cypp-2011-12"
    code, _, err = cli("convert", str(model), str(tmp_path / "p.yaml"), "--findings")
    assert code == 2 and "workbook or CSV folder" in err
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "minutes.docx").write_text("keep me")
    code, _, err = cli("convert", str(model), str(busy))
    assert code == 2 and "minutes.docx" in err and (busy / "minutes.docx").read_text() == "keep me"
    assert (
        sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
    )  # no temporary left
    code, _, err = cli("convert", str(tmp_path / "missing.yaml"), str(tmp_path / "x.xlsx"))
    assert code == 2 and "no such file" in err and not (tmp_path / "x.xlsx").exists()
    with pytest.raises(RenderError, match="does not exist"):
        write_csv_folder(og.load(model), tmp_path / "no" / "such" / "folder")


@pytest.mark.parametrize("name", ["out/plan.A-csv", "plan.2012-13", "plan.xlsx.bak", "plan.Yaml~"])
def test_convert_refuses_an_output_name_of_an_unknown_suffix_unless_given_a_format(
    tmp_path: Path, name: str
):
    # (a CSV folder is a name without a suffix, or one ending in "/": "plan.A-csv" might be meant
    # as one, or as a file of a format outcome-graph does not write)
    (tmp_path / "out").mkdir()
    target = tmp_path / name
    code, _, err = cli("convert", str(EXAMPLES / "tutorial-plan.yaml"), str(target))
    assert code == 2 and not target.exists() and "Traceback" not in err
    assert (
        f"error: {target}: cannot tell the output format from the name; use --to "
        "yaml|json|xlsx|csv|ttl" in err
    )
    code, _, _ = cli("convert", str(EXAMPLES / "tutorial-plan.yaml"), str(target), "--to", "csv")
    assert code == 0 and (target / "priorities.csv").is_file()


def test_convert_refuses_an_output_name_ending_in_a_dot_unless_given_a_format(tmp_path: Path):
    # ('plan.' has a suffix left out: it was written as a CSV folder named 'plan.')
    target = tmp_path / "plan."
    code, _, err = cli("convert", str(EXAMPLES / "tutorial-plan.yaml"), str(target))
    assert code == 2 and not target.exists() and "Traceback" not in err
    assert (
        f"error: {target}: the name ends in a dot with no suffix after it; write plan.yaml, "
        "plan.json" in err
    )
    code, _, _ = cli("convert", str(EXAMPLES / "tutorial-plan.yaml"), str(target), "--to", "json")
    assert (
        code == 0
        and json.loads(target.read_text(encoding="utf-8"))["plan"]["id"] == "tutorial-cypp-2011-12"
    )
    assert (
        output_format(tmp_path / "..") == "csv" and output_format(".") == "csv"
    )  # (folders, not names)


def test_convert_api(tmp_path: Path):
    result = convert(MODELS / "richmond-cypp-2009-2013.yaml", tmp_path / "r.xlsx", findings=True)
    assert result.format == "xlsx" and result.warnings == []
    assert [n.message.split(",")[0] for n in result.notices] == [
        "the plan has 17 comments"
    ]  # (the model's notes)
    assert load_path(tmp_path / "r.xlsx").document == result.plan.document


def test_a_template_checked_before_its_period_is_filled_in_is_told_to_fill_it_in(tmp_path: Path):
    path = tmp_path / "template.xlsx"
    write_template(path)
    with pytest.raises(PlanError) as info:
        load_path(path)
    problem = info.value.problems[0]
    assert (problem.sheet, problem.cell) == ("plan", "E2")
    assert problem.message == (
        "the plan period is unknown: the plan sheet's period.start and period.end columns are "
        "empty: fill them in (year-month-day: 2011-04-01), or give it on the command line with "
        "--period START..END"
    )


def test_template(tmp_path: Path):
    path = tmp_path / "template.xlsx"
    code, _, err = cli("template", str(path))
    assert code == 0
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[0] == "instructions" and {
        "plan",
        "priorities",
        "milestones",
        "indicators",
        "targets",
    } <= set(wb.sheetnames)
    validated = {}
    for name in ("priorities", "milestones", "indicators", "owners"):
        ws = wb[name]
        header = [c.value for c in ws[1]]
        for dv in ws.data_validations.dataValidation:
            col = openpyxl.utils.column_index_from_string(
                str(dv.sqref).split(":")[0].rstrip("0123456789")
            )
            validated[(name, header[col - 1])] = dv.formula1
    assert "stay_safe" in validated[("priorities", "outcomes")]
    assert "on_track" in validated[("milestones", "status")]
    assert "decrease" in validated[("indicators", "direction")]
    assert "partnership" in validated[("owners", "kind")]
    # a person fills it in: the plan's id and period, a priority and a milestone
    plan_ws = wb["plan"]
    header = [c.value for c in plan_ws[1]]
    assert plan_ws.cell(row=2, column=header.index("format") + 1).value == "outcome-graph/v1"
    for name, value in {
        "id": "my-plan",
        "period.start": "2012-04-01",
        "period.end": "2013-03-31",
    }.items():
        plan_ws.cell(row=2, column=header.index(name) + 1, value=value)
    wb["priorities"].append(
        ["P1", None, None, None, "Safe children", "Safeguarding team", None, "stay_safe"]
    )
    wb["milestones"].append([None, "P1", None, None, "Audit the referral process", None, "June 12"])
    wb.save(path)
    plan = load_path(path)
    assert plan.id == "my-plan" and list(plan.nodes) == ["P1", "P1.M1"]
    assert plan.nodes["P1.M1"].timescale == "June 12" and plan.nodes["P1"].outcomes == ["stay_safe"]
    # the flat template
    flat = tmp_path / "flat.xlsx"
    write_template(flat, form="flat")
    wb = openpyxl.load_workbook(flat)
    # (its timescale column is Text, as the levels form's: Excel keeps June 11 as typed)
    header = [c.value for c in wb["table"][1]]
    letter = openpyxl.utils.get_column_letter(header.index("timescale") + 1)
    assert wb["table"].column_dimensions[letter].number_format == "@"
    wb["plan"].append(["road", "Road safety", None, "2011-04-01", "2012-03-31"])
    wb["table"].append(
        [
            "Safe roads",
            None,
            "Fewer accidents",
            "Audit the junctions",
            "Road safety team",
            "June 11",
        ]
    )
    wb.save(flat)
    assert list(load_path(flat).nodes) == ["P1", "P1.O1", "P1.O1.M1"]
    assert cli("template", str(tmp_path / "t.yaml"))[0] == 2
    assert template_bytes(form="flat")[:2] == b"PK"


def _sheets_of(path: Path) -> dict[str, tuple[list[object], dict[str, str]]]:
    """Each sheet's header and drop-down lists (column -> choices) of a workbook."""
    wb = openpyxl.load_workbook(path)
    out = {}
    for ws in wb.worksheets:
        header = [c.value for c in ws[1]]
        lists = {}
        for dv in ws.data_validations.dataValidation:
            col = openpyxl.utils.column_index_from_string(
                str(dv.sqref).split(":")[0].rstrip("0123456789")
            )
            lists[str(header[col - 1])] = dv.formula1
        out[ws.title] = (header, lists)
    return out


def test_a_flat_table_converted_to_a_workbook_has_the_template_s_sheets(tmp_path: Path):
    # A flat table converted to a workbook, to go on editing it, has every sheet of the template:
    # the instructions (naming this workbook), owners, indicators, targets... each with the
    # template's header and drop-downs where the plan has nothing for it; the plan's sheets keep
    # their columns and take the template's drop-downs. Converting it back gives the same plan.
    table = tmp_path / "plan.csv"
    table.write_text(
        "Priority,Objective,Key milestones,Lead,By when,Status\n"
        "Be safe,Fewer accidents,Audit the junctions,Road safety team,June 11,Green\n"
        ",,Publish the audit,,Sept 11,\n"
    )
    book = tmp_path / "road plan.xlsx"
    code, _, err = cli("convert", str(table), str(book), "--period", "2011-04-01..2012-03-31")
    assert code == 0, err
    template = tmp_path / "template.xlsx"
    assert cli("template", str(template))[0] == 0
    written, expected = _sheets_of(book), _sheets_of(template)
    assert list(written) == list(expected)
    assert written["instructions"][0][0] == expected["instructions"][0][0]
    said = "\n".join(
        str(row[0])
        for row in openpyxl.load_workbook(book)["instructions"].iter_rows(values_only=True)
        if row[0]
    )
    assert "outcome-graph check 'road plan.xlsx'" in said
    plan = load_path(table, period="2011-04-01..2012-03-31")
    used = {"plan", "priorities", "objectives", "milestones"}
    for name, (header, lists) in written.items():
        if name == "instructions":
            continue
        if name in used or name == "aims" or name == "indicators":
            assert header == [h for h in expected[name][0] if h in header], (
                name
            )  # (its columns, in the template's order)
            assert lists == {h: v for h, v in expected[name][1].items() if h in header}, name
        else:
            assert (header, lists) == expected[name], name
        if name not in used:
            assert openpyxl.load_workbook(book)[name].max_row == 1, name
    assert "on_track" in written["milestones"][1]["status"]
    assert load_path(book).document == plan.document
    # (the same plan writes the same bytes)
    again = tmp_path / "again.xlsx"
    assert cli("convert", str(table), str(again), "--period", "2011-04-01..2012-03-31")[0] == 0
    data, _ = workbook_bytes(plan, name="again.xlsx")
    assert again.read_bytes() == data


@settings_fast
@given(plans())
def test_every_written_workbook_has_the_template_s_sheets_and_reads_back(data: dict):
    import tempfile

    plan = og.load(plan_text(data))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.xlsx"
        write_plan(plan, path)
        wb = openpyxl.load_workbook(path)
        assert wb.sheetnames == openpyxl.load_workbook(io.BytesIO(template_bytes())).sheetnames
        assert load_path(path).document == canonical_document(plan)


@pytest.mark.parametrize("form", ["levels", "flat"])
def test_the_templates_instructions_name_the_file_written(tmp_path: Path, form: str):
    # (they named plan.xlsx whatever the workbook was
    # called: the commands to copy named another file)
    for name, check in (
        ("board-plan.xlsx", "outcome-graph check board-plan.xlsx"),
        ("Board plan 2012.xlsx", "outcome-graph check 'Board plan 2012.xlsx'"),
    ):
        path = tmp_path / form / name
        path.parent.mkdir(exist_ok=True)
        assert cli("template", str(path), "--form", form)[0] == 0
        said = "\n".join(
            str(row[0])
            for row in openpyxl.load_workbook(path)["instructions"].iter_rows(values_only=True)
            if row[0]
        )
        assert check in said and "plan.xlsx" not in said.replace(name, "")
        if form == "levels" and name == "board-plan.xlsx":
            assert "outcome-graph convert board-plan.xlsx board-plan.yaml" in said


def test_the_flat_templates_instructions_say_how_a_priority_serves_outcomes(tmp_path: Path):
    # (a table filled in from the flat template was told by OG201 to tag its priorities with
    # `outcomes:`, which a workbook has no place for: the instructions now say where)
    path = tmp_path / "table.xlsx"
    write_template(path, form="flat")
    wb = openpyxl.load_workbook(path)
    said = " ".join(str(row[0]) for row in wb["instructions"].iter_rows(values_only=True) if row[0])
    assert "add an 'outcomes' column" in said and "on a row of the priority alone" in said
    wb["plan"].append(["road", "Road safety", None, "2011-04-01", "2012-03-31"])
    table = wb["table"]
    table.cell(1, table.max_column + 1, "outcomes")
    outcomes = table.max_column
    table.cell(2, 1, "Safe roads")
    table.cell(2, outcomes, "Stay safe")  # as the instructions say: the priority alone
    columns = {cell.value: cell.column for cell in table[1]}
    for name, value in [
        ("objective", "Fewer accidents"),
        ("milestone", "Audit the junctions"),
        ("lead", "Road safety team"),
        ("timescale", "June 11"),
        ("indicators", "NI 48"),
    ]:
        table.cell(3, columns[name], value)
    wb.save(path)
    plan = og.load(path)
    assert plan.nodes["P1"].outcomes == ["stay_safe"] and plan.nodes["P1.O1"].outcomes is None
    gaps = [f.message for f in og.check(plan, {"select": ["OG201"]}).findings]
    assert gaps and not any("Stay safe" in m for m in gaps)


def test_template_leaves_an_existing_workbook_unless_forced(tmp_path: Path):
    path = tmp_path / "plan.xlsx"
    assert cli("template", str(path))[0] == 0
    wb = openpyxl.load_workbook(path)
    wb["priorities"].append(["P1", None, None, None, "Safe children"])
    wb.save(path)
    filled = path.read_bytes()
    code, _, err = cli("template", str(path), "--form", "flat")
    assert (
        code == 2
        and "plan.xlsx already exists" in err
        and "--force" in err
        and "Traceback" not in err
    )
    assert path.read_bytes() == filled
    code, _, err = cli("template", str(path), "--force")
    assert code == 0 and path.read_bytes() != filled
    cells = [c.value for row in openpyxl.load_workbook(path)["priorities"].iter_rows() for c in row]
    assert "Safe children" not in cells and "P1" not in cells  # empty again


def test_template_takes_its_workbook_as_output_or_with_o_as_the_other_commands_do(tmp_path: Path):
    # (every other command that writes a file names it with -o: a user types that here too)
    path = tmp_path / "plan.xlsx"
    code, _, err = cli("template", "-o", str(path), "--form", "flat")
    assert code == 0 and "wrote" in err and "table" in openpyxl.load_workbook(path).sheetnames
    code, _, err = cli("template", str(tmp_path / "a.xlsx"), "--output", str(tmp_path / "b.xlsx"))
    assert code == 2 and "once" in err and "Traceback" not in err
    assert not (tmp_path / "a.xlsx").exists() and not (tmp_path / "b.xlsx").exists()
    code, _, err = cli("template")
    assert code == 2 and "give the workbook to write" in err


def test_a_node_naming_a_node_of_its_own_level_as_parent_is_written_where_it_was():
    # Only a level above holds a node nested: a priority under a priority keeps its 'parent:'.
    plan = og.load(
        PLAN_HEADER
        + "priorities:\n  - {id: P1, title: Safe}\n  - {id: P2, title: Safe at home, parent: P1}\n"
    )
    doc = canonical_document(plan)
    assert [p.id for p in doc.priorities] == ["P1", "P2"] and doc.priorities[1].parent == "P1"
    assert og.load(to_yaml(plan)).parents == plan.parents == {"P1": (), "P2": ("P1",)}


def test_a_nested_node_s_other_parent_is_listed_once():
    # M1 is written inside O1 and names O2 both as its parent and among its parents.
    plan = og.load(
        PLAN_HEADER
        + "objectives:\n  - {id: O1, title: Fewer accidents, milestones: [{id: M1, title: "
        "Audit, parent: O2, parents: [O2]}]}\n  - {id: O2, title: Safer routes}\n"
    )
    milestone = canonical_document(plan).objectives[0].milestones[0]
    assert (milestone.parent, milestone.parents) == (None, ["O2"])
    assert og.load(to_yaml(plan)).parents["M1"] == plan.parents["M1"] == ("O1", "O2")


def test_a_name_ending_in_a_slash_is_a_folder_whatever_its_dots():
    assert output_format("plans/2011.12/") == "csv" and output_format("thurrock.v2/") == "csv"
    with pytest.raises(ConfigError, match="--to"):
        output_format("thurrock.v2")


def test_convert_never_writes_over_a_catalogue_file_the_plan_reads(tmp_path: Path):
    entries = tmp_path / "csc.csv"
    entries.write_text("code,title,ecm_outcome\nCSC 1,Local measure,be_healthy\n", encoding="utf-8")
    plan_file = tmp_path / "plan.yaml"
    plan_file.write_text(
        PLAN_HEADER + "catalogues: [{prefix: CSC, title: Local, entries: csc.csv}]\n"
        "objectives: [{id: O1, title: Fewer accidents, indicators: [CSC 1]}]\n",
        encoding="utf-8",
    )
    before = entries.read_bytes()
    with pytest.raises(og.OutcomeGraphError, match="refusing to overwrite an input file"):
        convert(plan_file, entries, to="json")
    code, _, err = cli("convert", str(plan_file), str(entries), "--to", "yaml")
    assert code == 2 and "refusing to overwrite an input file" in err
    assert entries.read_bytes() == before


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_an_indicator_s_explicitly_empty_targets_round_trip(fmt: str, tmp_path: Path):
    # 'targets: []' says the indicator has no targets on purpose; a blank cell would say nothing.
    plan = og.load(
        PLAN_HEADER + "objectives: [{id: O1, title: Fewer accidents, indicators: [X 1]}]\n"
        "indicators: [{id: X 1, title: Local measure, targets: []}]\n"
    )
    assert plan.nodes["X 1"].targets == []
    back = round_trip(plan, tmp_path, fmt)
    assert back.nodes["X 1"].targets == [] and back.document == plan.document


def test_a_csv_folder_writes_whole_numbers_without_a_decimal_point():
    plan = og.load(
        PLAN_HEADER + "indicators: [{id: NI 47, title: Killed or seriously injured, "
        "targets: [{period: 2011-12, value: 30}, {period: 2012-13, value: 27.5}]}]\n"
    )
    rows = list(csv.reader(io.StringIO(csv_files(plan)["targets.csv"].decode("utf-8-sig"))))
    value = rows[0].index("value")
    assert [r[value] for r in rows[1:]] == ["30", "27.5"]


def test_a_csv_folder_holding_another_csv_file_is_not_replaced(tmp_path: Path):
    plan = og.load(MODELS / "thurrock-cypp-2011-12.yaml")
    folder = tmp_path / "plan-csv"
    write_csv_folder(plan, folder)
    (folder / "budget.csv").write_text("line,amount\nstaff,1000\n", encoding="utf-8")
    with pytest.raises(RenderError, match="budget.csv"):
        write_csv_folder(plan, folder)
    assert (folder / "budget.csv").read_text(encoding="utf-8") == "line,amount\nstaff,1000\n"


def test_a_csv_folder_through_a_symbolic_link_replaces_the_folder_it_points_to(tmp_path: Path):
    plan = og.load(MODELS / "thurrock-cypp-2011-12.yaml")
    real = tmp_path / "shared" / "plan-csv"
    real.parent.mkdir()
    write_csv_folder(og.load(PLAN_HEADER), real)
    link = tmp_path / "plan-csv"
    link.symlink_to(real)
    write_csv_folder(plan, link)
    assert (
        link.is_symlink()
        and load_path(real).document == load_path(MODELS / "thurrock-cypp-2011-12.yaml").document
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "plan-csv",
        "shared",
    ]  # (nothing left beside them)
    assert sorted(p.name for p in real.parent.iterdir()) == ["plan-csv"]


def test_a_csv_folder_written_again_keeps_its_permissions(tmp_path: Path):
    plan = og.load(MODELS / "thurrock-cypp-2011-12.yaml")
    folder = tmp_path / "plan-csv"
    write_csv_folder(plan, folder)
    folder.chmod(0o700)  # (a plan kept private)
    (folder / "plan.csv").chmod(0o600)
    write_csv_folder(plan, folder)
    assert (
        folder.stat().st_mode & 0o777 == 0o700
        and (folder / "plan.csv").stat().st_mode & 0o777 == 0o600
    )


def test_a_csv_folder_that_cannot_be_written_is_an_error_naming_it(tmp_path: Path, monkeypatch):
    import errno
    import os
    import tempfile

    plan = og.load(MODELS / "thurrock-cypp-2011-12.yaml")
    folder = tmp_path / "plan-csv"
    write_csv_folder(plan, folder)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}

    def no_folder(*args, **kwargs):  # (a read-only folder)
        raise PermissionError(errno.EACCES, "Permission denied")

    with monkeypatch.context() as m:
        m.setattr(tempfile, "mkdtemp", no_folder)
        with pytest.raises(RenderError, match=f"^{folder}: cannot write: Permission denied$"):
            write_csv_folder(plan, folder)

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as m:
        m.setattr(os, "fsync", full)
        with pytest.raises(
            RenderError, match=f"^{folder / 'plan.csv'}: cannot write: No space left on device$"
        ):
            write_csv_folder(plan, folder)
    replace = os.replace

    def busy(src, dst):  # (a folder that is a mount point cannot be moved aside)
        raise OSError(errno.EBUSY, "Device or resource busy")

    with monkeypatch.context() as m:
        m.setattr(os, "replace", busy)
        with pytest.raises(RenderError, match=f"^{folder}: cannot write: Device or resource busy$"):
            write_csv_folder(plan, folder)

    def interrupted_in_between(src, dst):  # (Ctrl-C once the old folder is moved aside)
        if str(src).endswith(".tmp"):
            raise KeyboardInterrupt
        replace(src, dst)

    with monkeypatch.context() as m:
        m.setattr(os, "replace", interrupted_in_between)
        with pytest.raises(KeyboardInterrupt):
            write_csv_folder(plan, folder)
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan-csv"]


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_a_reference_s_explicitly_empty_targets_round_trip(fmt: str, tmp_path: Path):
    plan = og.load(
        PLAN_HEADER
        + "objectives: [{id: O1, title: Fewer accidents, indicators: [{id: NI 47, targets: []}]}]\n"
    )
    assert plan.nodes["O1"].indicators[0].targets == []
    back = round_trip(plan, tmp_path, fmt)
    assert back.nodes["O1"].indicators[0].targets == [] and back.document == plan.document


def test_a_config_without_findings_to_check_is_a_usage_error_not_ignored(tmp_path: Path):
    # (a --config that would configure nothing, even one that does not exist, passed silently)
    target = tmp_path / "plan.xlsx"
    code, _, err = cli(
        "convert",
        str(MODELS / "thurrock-cypp-2011-12.yaml"),
        str(target),
        "--config",
        str(tmp_path / "missing.toml"),
    )
    assert (
        code == 2
        and "--config, --select, --ignore and --severity configure the check of --findings" in err
        and not target.exists()
    )


def test_converting_into_another_folder_warns_of_a_catalogue_entries_file_left_behind(
    tmp_path: Path,
):
    # A local catalogue's entries file is read from beside the plan: written elsewhere, the output
    # names a file that is not beside it, and cannot be read until it is copied there.
    source = tmp_path / "src"
    source.mkdir()
    (source / "csc.csv").write_text("code,title,ecm_outcome\nCSC 001,Local one,stay_safe\n")
    (source / "plan.yaml").write_text(
        PLAN_HEADER + "catalogues: [{prefix: CSC, title: Local, entries: csc.csv}]\n"
        "objectives: [{id: O1, title: a, indicators: [CSC 1]}]\n"
    )
    out = tmp_path / "out"
    out.mkdir()
    for target in (out / "plan.xlsx", out / "csv"):
        result = convert(source / "plan.yaml", target)
        there = target.parent / "csc.csv" if target.suffix else target / "csc.csv"
        assert [w for w in result.warnings if "csc.csv" in w] == [
            "the CSC catalogue's entries are read from 'csc.csv' beside the plan, and "
            f"{str(there)!r} does not exist: copy {str(source / 'csc.csv')!r} there, or the "
            "output cannot be read"
        ]
        with pytest.raises(PlanError, match="entries file 'csc.csv' not found"):
            og.load(target)
        shutil.copy(source / "csc.csv", there)
        assert og.load(target).catalogues["CSC"].lookup("CSC 1") is not None
    # Beside the plan, or where the file is already, nothing to say.
    assert convert(source / "plan.yaml", source / "plan.json").warnings == []
    assert convert(source / "plan.yaml", out / "plan.yaml").warnings == []


@pytest.mark.parametrize(
    "write",
    [
        lambda: workbook_bytes(og.load(MODELS / "thurrock-cypp-2011-12.yaml"))[0],
        lambda: template_bytes(),
        lambda: template_bytes(form="flat"),
    ],
    ids=["plan", "template", "flat-template"],
)
def test_the_same_plan_converts_to_the_same_xlsx_bytes(write, monkeypatch):
    # openpyxl dated each part of the zip and the document's created and modified properties with
    # the time of saving, so a plan kept as a workbook under version control changed at each
    # convert (as `table -o FILE.xlsx` no longer does)
    import datetime
    import time
    import zipfile

    first = write()
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + 2)
    monkeypatch.setattr(
        time, "localtime", lambda t=None: datetime.datetime.fromtimestamp(real() + 2).timetuple()
    )
    assert write() == first
    with zipfile.ZipFile(io.BytesIO(first)) as z:
        assert b"dcterms:modified" not in z.read("docProps/core.xml")
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    openpyxl.load_workbook(io.BytesIO(first))


def _pyyaml_text(data: dict) -> str:
    from outcome_graph import convert

    return yaml.dump(
        data, Dumper=convert._dumper(), sort_keys=False, allow_unicode=True, width=100, indent=2
    )


_KEYS = st.sampled_from(
    ["id", "title", "period", "value", "text", "on", "y", "a b", "x: y", "Ärger", "notes"]
)


def _written_values():
    from outcome_graph import convert as c

    # (mostly what the quick writer writes itself, near the width where PyYAML wraps; now and then
    # what it leaves to PyYAML: a control character, a line break, a character beyond the BMP)
    alphabet = st.sampled_from(
        [*"abcdXYZ0123 .-'\"\\#:,[]{}&|>é–", " ", " ", "\x07", "\u2028", "\U0001f600", "\n"]
    )
    words = st.sampled_from(["a", "bc", "Def", "ghij", "Klmno", "p.q", "r-s", "tu'v", 'w"x'])
    texts = st.text(alphabet, max_size=110)
    long_texts = st.lists(words, min_size=14, max_size=30).map(" ".join)  # (words about the width)

    def marked(text: st.SearchStrategy[str], *marks: type) -> st.SearchStrategy[str]:
        # (the marks put on after drawing: hypothesis keeps what it draws, plain text)
        return st.tuples(st.sampled_from(range(len(marks))), text).map(lambda m: marks[m[0]](m[1]))

    scalars = st.one_of(
        marked(texts, c._Quoted, str, c._Literal, c._Folded),
        marked(long_texts, c._Quoted, str),
        st.integers(),
        st.floats(allow_nan=False, allow_infinity=False),
        st.booleans(),
        st.sampled_from(
            ["yes", "Off", "null", "a  b", "b ", "- c", "d #e", "f: g", "Plain words 3.10"]
        ),
    )
    flows = st.one_of(
        st.lists(
            st.one_of(marked(st.text(max_size=40), str, c._Quoted), st.integers()), max_size=5
        ).map(c._FlowList),
        st.dictionaries(
            _KEYS, st.one_of(marked(st.text(max_size=60), c._Quoted), st.integers()), max_size=3
        ).map(c._FlowMap),
    )
    return st.recursive(
        st.one_of(scalars, flows),
        lambda inner: st.one_of(
            st.dictionaries(_KEYS, inner, max_size=4),
            st.lists(
                st.one_of(st.dictionaries(_KEYS, inner, min_size=1, max_size=4), scalars, flows),
                max_size=3,
            ),
        ),
        max_leaves=25,
    )


@given(st.data())
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_the_quick_yaml_writer_writes_what_pyyaml_writes_byte_for_byte(data):
    # Any text (quotes, escapes, lines PyYAML wraps, words it quotes, block texts), at any depth of
    # mappings and lists: the quick writer's own lines
    # and those it leaves to PyYAML make PyYAML's text.
    from outcome_graph.convert import _yaml_text

    document = data.draw(st.dictionaries(_KEYS, _written_values(), min_size=1, max_size=5))
    assert _yaml_text(document) == _pyyaml_text(document)


@pytest.mark.parametrize("model", sorted(MODELS.glob("*.yaml")), ids=lambda p: p.stem)
def test_the_real_plans_are_written_as_pyyaml_writes_them(model: Path):
    from outcome_graph.convert import _styled_data, to_yaml

    plan = og.load(model)
    assert to_yaml(plan) == _pyyaml_text(_styled_data(plan, canonical=True))


def test_a_plan_written_larger_than_the_commands_read_by_default_says_how_to_read_it(
    tmp_path: Path, monkeypatch
):
    # (a plan of 100,000 nodes is about 35 MB as JSON, over the 32 MB read by default: the file is
    # written whole, and the warning gives the option that reads it back)
    import outcome_graph.loading.loader as loader

    source = MODELS / "thurrock-cypp-2011-12.yaml"
    size = {
        fmt: len((to_yaml if fmt == "yaml" else to_json)(og.load(source)).encode())
        for fmt in ("yaml", "json")
    }
    monkeypatch.setattr(loader, "DEFAULT_MAX_BYTES", min(size.values()) - 1)
    for fmt in ("yaml", "json"):
        target = tmp_path / f"plan.{fmt}"
        code, _, err = cli(
            "convert", str(source), str(target), "--max-bytes", "100000000"
        )  # (to read the source)
        assert code == 0 and target.stat().st_size == size[fmt], err
        assert (
            f"warning: {target}: the file is " in err
            and (
                "limit of what the commands read by default: read it back with --max-bytes "
                f"{size[fmt]} (og.load(path, max_bytes={size[fmt]}) in Python)"
            )
            in err
        ), err
        code, _, err = cli(
            "check", str(target), "--max-bytes", str(size[fmt]), "--fail-on", "never"
        )
        assert code == 0, err
    monkeypatch.setattr(loader, "DEFAULT_MAX_BYTES", max(size.values()))
    code, _, err = cli(
        "convert", str(source), str(tmp_path / "again.json"), "--max-bytes", "100000000"
    )
    assert code == 0 and "warning" not in err, err
