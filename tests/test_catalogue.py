"""Tests of outcome_graph.reference.catalogue: codes, lookup, the NI set, local CSV catalogues."""

from __future__ import annotations

import io
import json
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from outcome_graph.errors import CatalogueError, OutcomeGraphError
from outcome_graph.reference.catalogue import (
    Catalogue,
    CatalogueEntry,
    code_prefix,
    load_catalogue_csv,
    national_indicators,
    normalise_code,
)

ECM = {
    "be_healthy",
    "stay_safe",
    "enjoy_and_achieve",
    "positive_contribution",
    "economic_wellbeing",
}

LOCAL_CSV = """code,title,ecm_outcome
CSC 001,Children in families referred to the Multi-Agency Risk Assessment Conference,stay_safe
CSC 002,Children in need (s.17) where parental substance misuse is identified,stay_safe
CSC 012,"Local services' support for sexual health, reducing teenage pregnancies",be_healthy
CSC 083,16 to 18 year olds whose current activity is not known,economic_wellbeing
"""


# -- codes ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("NI 199", "NI 199"),
        ("NI199", "NI 199"),
        ("ni 199", "NI 199"),
        (" NI  199 ", "NI 199"),
        ("Ni\t199", "NI 199"),
        ("NI-199", "NI 199"),
        ("NI 102A", "NI 102a"),
        ("ni102a", "NI 102a"),
        ("NI 102 a", "NI 102a"),
        ("CSC001", "CSC 001"),
        ("csc 083", "CSC 083"),
        ("  TELLUS-FE ", "TELLUS-FE"),
        ("Obesity in year 6", "Obesity in year 6"),
        ("NI 85a, b & c", "NI 85a, b & c"),
        ("", ""),
    ],
)
def test_normalise_code(raw: str, canonical: str) -> None:
    assert normalise_code(raw) == canonical


def test_normalise_code_is_idempotent() -> None:
    for raw in ("ni199", "NI 102A", "CSC001", " TELLUS-FE", "Obesity in year 6"):
        once = normalise_code(raw)
        assert normalise_code(once) == once


@pytest.mark.parametrize(
    ("code", "prefix"),
    [
        ("NI 199", "NI"),
        ("ni199", "NI"),
        ("NI 102a", "NI"),
        ("CSC 001", "CSC"),
        ("csc001", "CSC"),
        ("Ni 199", "NI"),
        ("PSA 12", "PSA"),
        ("TELLUS-FE", None),
        ("Obesity in year 6", None),
        ("Year 6", None),
        ("Tier 3", None),
        ("Key 4", None),  # (a capitalised word of three letters is a word too)
        ("Age 16", None),
        ("KS 2", "KS"),
        ("NI", None),
        ("199", None),
        ("", None),
    ],
)
def test_code_prefix(code: str, prefix: str | None) -> None:
    assert code_prefix(code) == prefix


# -- the National Indicator Set -----------------------------------------------------------------


def test_national_indicators_load() -> None:
    ni = national_indicators()
    assert ni.prefix == "NI"
    assert ni.title == "National Indicator Set"
    assert len(ni) >= 198
    numbered = {entry.code for entry in ni if entry.parent is None}
    assert numbered == {f"NI {n}" for n in range(1, 200) if n != 31}
    assert national_indicators() is ni  # cached


def test_national_indicator_fields() -> None:
    ni = national_indicators()
    for entry in ni:
        assert entry.title.strip() == entry.title and entry.title
        assert set(entry.outcomes) <= ECM
        if entry.parent is not None:
            assert entry.parent in ni and entry.code.startswith(entry.parent)
    ni112 = ni.lookup("NI 112")
    assert ni112 == CatalogueEntry(
        "NI 112", "Under 18 conception rate", ("be_healthy",), None, True
    )
    assert ni.lookup("NI 71").title_verified is False
    assert ni.lookup("NI 157").outcomes == ()
    assert ni.lookup("NI 102a").parent == "NI 102"
    assert ni.lookup("NI 117").outcomes == ("economic_wellbeing",)
    assert "," in ni.lookup("NI 39").title  # quoted CSV cell


@pytest.mark.parametrize("code", ["NI199", "ni 199", " NI  199 ", "NI 0199", "nI199"])
def test_lookup_ignores_case_spacing_and_zeros(code: str) -> None:
    entry = national_indicators().lookup(code)
    assert entry is not None and entry.code == "NI 199"


def test_lookup_lettered_codes() -> None:
    ni = national_indicators()
    assert ni.lookup("NI 102a").code == "NI 102a"
    assert ni.lookup("NI 102A").code == "NI 102a"
    assert ni.lookup("NI 157a").code == "NI 157a"
    assert ni.lookup("NI 102c") is None  # unlisted letter: not listed (resolve() maps it)
    assert ni.lookup("NI 245") is None
    assert ni.lookup("NI 31") is None  # withdrawn
    assert ni.lookup("CSC 001") is None
    assert ni.lookup("Obesity in year 6") is None


@pytest.mark.parametrize(
    ("code", "resolved", "how"),
    [
        ("NI 102a", "NI 102a", "listed"),
        ("ni102B", "NI 102b", "listed"),
        ("NI 102c", "NI 102", "lettered sub-indicator of NI 102"),
        ("NI 102f", "NI 102", "lettered sub-indicator of NI 102"),
        ("NI 157a", "NI 157a", "listed"),
        ("NI 157d", "NI 157", "lettered sub-indicator of NI 157"),
        ("NI 85a", "NI 85", "lettered sub-indicator of NI 85"),
        ("NI 112", "NI 112", "listed"),
        ("NI199", "NI 199", "listed"),
        ("NI 245", None, "not in the National Indicator Set"),
        ("NI 31", None, "not in the National Indicator Set"),
        ("NI 31a", None, "not in the National Indicator Set"),
        ("NI 0", None, "not in the National Indicator Set"),
        ("CSC 001", None, "not a code of the National Indicator Set"),
        ("TELLUS-FE", None, "not a code of the National Indicator Set"),
    ],
)
def test_resolve(code: str, resolved: str | None, how: str) -> None:
    entry, explanation = national_indicators().resolve(code)
    assert (entry.code if entry else None) == resolved
    assert explanation == how


def test_catalogue_container_protocol() -> None:
    ni = national_indicators()
    assert "NI 199" in ni and "ni199" in ni and "NI 102c" not in ni
    assert ni.lookup("NI 1") in ni
    assert 199 not in ni
    codes = [entry.code for entry in ni]
    assert codes[0] == "NI 1" and codes[-1] == "NI 199"
    assert len(codes) == len(set(codes)) == len(ni) == len(ni.entries)
    assert "NI" in repr(ni)


# -- building catalogues ---------------------------------------------------------------------------


def test_catalogue_canonicalises_codes() -> None:
    catalogue = Catalogue(
        "csc",
        "Local",
        [
            CatalogueEntry("csc001", "A", ("stay_safe",)),
            CatalogueEntry("CSC 1a", "B", (), parent="csc1"),
        ],
    )
    assert catalogue.prefix == "CSC"
    assert [e.code for e in catalogue] == ["CSC 001", "CSC 1a"]
    assert catalogue.lookup("CSC 1a").parent == "CSC 1"
    assert catalogue.resolve("CSC 001b") == (
        catalogue.lookup("CSC 001"),
        "lettered sub-indicator of CSC 001",
    )
    assert catalogue.resolve("CSC 999") == (None, "not in the Local")


def test_catalogue_rejects_bad_entries() -> None:
    for blank in ("", " ", "\u00ad", "\u200b\ufeff"):
        with pytest.raises(CatalogueError, match="the title of 'CSC 002' must not be blank"):
            Catalogue(
                "CSC",
                "Local",
                [CatalogueEntry("CSC 001", "A", ()), CatalogueEntry("CSC 002", blank, ())],
            )
    assert len(Catalogue("CSC", "Local", [CatalogueEntry("CSC 001", "a\u00adb", ())])) == 1
    with pytest.raises(CatalogueError, match="listed twice"):
        Catalogue(
            "CSC", "Local", [CatalogueEntry("CSC 001", "A", ()), CatalogueEntry("csc1", "B", ())]
        )
    with pytest.raises(CatalogueError, match="does not belong"):
        Catalogue("CSC", "Local", [CatalogueEntry("NI 1", "A", ())])
    with pytest.raises(CatalogueError, match="not an indicator code"):
        Catalogue("CSC", "Local", [CatalogueEntry("Obesity", "A", ())])
    with pytest.raises(CatalogueError, match="prefix"):
        Catalogue("C5C", "Local", [])


# -- local catalogues from CSV -----------------------------------------------------------------


def test_load_local_catalogue_from_text() -> None:
    catalogue = load_catalogue_csv(LOCAL_CSV, "CSC", "Richmond local indicators")
    assert catalogue.prefix == "CSC" and catalogue.title == "Richmond local indicators"
    assert len(catalogue) == 4
    entry = catalogue.lookup("csc12")
    assert entry is not None and entry.code == "CSC 012"
    assert entry.title.startswith("Local services' support for sexual health, reducing")
    assert entry.outcomes == ("be_healthy",)
    assert entry.title_verified is True and entry.parent is None
    assert catalogue.resolve("CSC 004") == (None, "not in the Richmond local indicators")


def test_load_local_catalogue_from_path_and_file(tmp_path: Path) -> None:
    path = tmp_path / "csc.csv"
    path.write_text("\ufeff" + LOCAL_CSV, encoding="utf-8")
    for source in (path, str(path), io.StringIO(LOCAL_CSV)):
        catalogue = load_catalogue_csv(source, "CSC", "Local")
        assert [e.code for e in catalogue] == ["CSC 001", "CSC 002", "CSC 012", "CSC 083"]


def test_load_catalogue_optional_columns() -> None:
    text = (
        "Code,Title,ECM_outcome,parent,title_verified\n"
        "\n"
        "CSC 10,Short breaks,Stay Safe; be_healthy,,yes\n"
        "CSC 10a,Short breaks for children with autism,,CSC 10,no\n"
        "CSC 11,Untagged measure,,,\n"
    )
    catalogue = load_catalogue_csv(text, "CSC", "Local")
    assert catalogue.lookup("CSC 10").outcomes == ("stay_safe", "be_healthy")
    sub = catalogue.lookup("CSC 10a")
    assert sub.parent == "CSC 10" and sub.title_verified is False and sub.outcomes == ()
    assert catalogue.lookup("CSC 11").title_verified is True
    outcomes = load_catalogue_csv("code,title,outcomes\nX 1,A,enjoy_and_achieve\n", "X", "X")
    assert outcomes.lookup("X 1").outcomes == ("enjoy_and_achieve",)
    # Headers as a spreadsheet writes them: case and spacing forgiven.
    spaced = load_catalogue_csv(
        " Code , Title ,ECM Outcome,Title-verified\nX 1,A,Stay safe,no\n", "X", "X"
    )
    entry = spaced.lookup("X 1")
    assert entry.outcomes == ("stay_safe",) and entry.title_verified is False


def test_ni_file_reads_as_a_catalogue_csv() -> None:
    root = Path(__file__).resolve().parents[1]
    path = root / "src" / "outcome_graph" / "reference" / "national_indicators.csv"
    catalogue = load_catalogue_csv(path, "NI", "National Indicator Set")
    assert [e.code for e in catalogue] == [e.code for e in national_indicators()]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "code,title,ecm_outcome\nCSC 001,A,stay_safe\n,B,stay_safe\n",
            r"line 3: the code must not be blank",
        ),
        (
            "code,title,ecm_outcome\nCSC 001,A,stay_safe\n\u200b,B,stay_safe\n",
            r"line 3: the code must not be blank",
        ),
        (
            "code,title,ecm_outcome\nCSC 001,A,stay_safe\nNI 32,B,\n",
            r"line 3: 'NI 32' does not have the catalogue's prefix CSC",
        ),
        (
            "code,title,ecm_outcome\nCSC 001,A,\n\nCSC1,B,\n",
            r"line 4: 'CSC1' is already listed on line 2",
        ),
        (
            "code,title,ecm_outcome\nCSC 001,,stay_safe\n",
            r"line 2: the title of 'CSC 001' must not be blank",
        ),
        (
            "code,title,ecm_outcome\nCSC 001,A,\nCSC 002,\u00ad\u200b ,stay_safe\n",
            r"line 3: the title of 'CSC 002' must not be blank",
        ),
        ("code,title,ecm_outcome\nCSC 001,A,be healthy!\n", r"line 2: outcome 'be healthy!'"),
        (
            "code,title,ecm_outcome,title_verified\nCSC 001,A,,maybe\n",
            r"line 2: title_verified must be yes or no",
        ),
        ("code,title,ecm_outcome,owner\nCSC 001,A,,Jo\n", r"line 1: unknown column\(s\) owner"),
        ("title,ecm_outcome\nA,stay_safe\n", r"line 1: the header has no 'code' column"),
        (
            "code,title,ecm_outcome\nCSC 001,A, B,stay_safe\n",
            r"line 2: 4 cells but the header names 3",
        ),
        (
            "code,title,ecm_outcome,parent\nCSC 001a,A,,CSC 001\n",
            r"line 2: parent 'CSC 001' is not listed",
        ),
        (
            "code,title,ecm_outcome,parent\nCSC 001a,A,,NI 1\n",
            r"line 2: parent 'NI 1' is not a CSC code",
        ),
        ("code,title,ecm_outcome\nTELLUS-FE,A,\n", r"line 2: 'TELLUS-FE' is not an indicator code"),
        ("\n\n", r"empty"),
    ],
)
def test_bad_csv_lines_name_the_line(text: str, message: str) -> None:
    with pytest.raises(CatalogueError, match=message):
        load_catalogue_csv(text, "CSC", "Local")


def test_bad_csv_file_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "local.csv"
    path.write_text("code,title,ecm_outcome\nCSC 001,A,\nCSC 001,B,\n", encoding="utf-8")
    with pytest.raises(CatalogueError, match=r"local\.csv, line 3"):
        load_catalogue_csv(path, "CSC", "Local")
    with pytest.raises(CatalogueError, match=r"nowhere\.csv: cannot read"):
        load_catalogue_csv(tmp_path / "nowhere.csv", "CSC", "Local")
    with pytest.raises(CatalogueError, match=r"'a\\x00b\.csv' is not a path"):
        load_catalogue_csv("a\x00b.csv", "CSC", "Local")


def test_a_catalogue_error_is_the_package_s_error_and_a_value_error() -> None:
    # (an embedding tool catches OutcomeGraphError; code
    # written when these were ValueErrors still works)
    for make in (
        lambda: Catalogue("C5C", "Local", []),
        lambda: load_catalogue_csv("\n\n", "CSC", "Local"),
    ):
        with pytest.raises(CatalogueError) as info:
            make()
        assert isinstance(info.value, OutcomeGraphError) and isinstance(info.value, ValueError)


@pytest.mark.parametrize(
    ("entries", "content", "message"),
    [
        (
            "csc.csv",
            b"code,title,ecm_outcome\nCSC 1,Caf\xe9 places,be_healthy\n",
            "csc.csv, line 2: not UTF-8 text (byte 0xe9)",
        ),
        (
            "csc.csv",
            b'code,title,ecm_outcome\nCSC 1,"Unclosed,be_healthy\nCSC 2,x,be_healthy\n',
            "csc.csv, line 2: a quoted cell opens here and is never closed",
        ),
        ("sub", None, "entries 'sub' is a folder, not a CSV file"),
        ("nowhere.csv", None, "entries file 'nowhere.csv' not found beside the plan"),
        ("../up.csv", None, "entries file '../up.csv' must be a path inside the plan's folder"),
        ('"a\\0b.csv"', None, "entries file 'a\\x00b.csv' is not a path"),
    ],
)
def test_a_bad_entries_file_is_named_with_its_line(
    tmp_path: Path, entries: str, content: bytes | None, message: str
) -> None:
    from outcome_graph import PlanError, load

    if entries == "sub":
        (tmp_path / entries).mkdir()
    elif content is not None:
        (tmp_path / entries).write_bytes(content)
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        "format: outcome-graph/v1\nplan: {id: t, period: {start: 2011-04-01, end: 2012-03-31}}\n"
        f"catalogues: [{{prefix: CSC, title: Local, entries: {entries}}}]\n"
    )
    with pytest.raises(PlanError) as info:
        load(plan)
    # at the plan's line of the catalogue, its `entries` key
    column = plan.read_text().splitlines()[2].index("entries:") + 1
    assert str(info.value).startswith(f"{plan}:3:{column}: catalogue: ") and message in str(
        info.value
    )
    assert (info.value.problems[0].line, info.value.problems[0].column) == (3, column)


@pytest.mark.parametrize("blank", [" ", "\\u00ad", "\\u200b", " \\u200b\\u00ad "])
def test_a_blank_title_of_a_plan_s_catalogue_entry_is_refused_with_its_line(
    tmp_path: Path, blank: str
) -> None:
    # (as a plan's or a node's title: "must not be blank", at the title's line and column)
    from outcome_graph import PlanError, load
    from outcome_graph.cli import main

    from .conftest import cli_runner

    plan = tmp_path / "plan.yaml"
    plan.write_text(
        "format: outcome-graph/v1\nplan: {id: t, period: {start: 2011-04-01, end: 2012-03-31}}\n"
        "catalogues:\n"
        "  - prefix: CSC\n"
        "    entries:\n"
        "      - {code: CSC 1, title: Referrals}\n"
        f'      - {{code: CSC 2, title: "{blank}"}}\n'
        f'      - {{code: "{blank}", title: Re-referrals}}\n'
        f'  - {{prefix: CSB, title: "{blank}"}}\n',
        encoding="utf-8",
    )
    with pytest.raises(PlanError) as info:
        load(plan)
    assert [str(p) for p in info.value.problems] == [
        f"{plan}:7:23: the title of entry CSC 2 of catalogue CSC: must not be blank",
        f"{plan}:8:10: the code of the third entry of catalogue CSC: must not be blank",
        f"{plan}:9:19: the title of catalogue CSB: must not be blank",
    ]
    result = cli_runner().invoke(main, ["check", str(plan)])
    assert (
        result.exit_code == 2
        and f"{plan}:7:23: the title of entry CSC 2 of catalogue CSC: must not be blank"
        in result.stderr
    )
    assert "Traceback" not in result.stderr + result.stdout
    # a title with an invisible character among others is a title
    plan.write_text(
        plan.read_text(encoding="utf-8")
        .replace(f'title: "{blank}"}}\n      -', 'title: "a\\u00adb"}\n      -')
        .replace(f'code: "{blank}"', "code: CSC 3")
        .replace(f'title: "{blank}"', "title: Local"),
        encoding="utf-8",
    )
    assert load(plan).catalogues["CSC"].lookup("CSC 2").title == "a\u00adb"


def test_every_catalogue_that_cannot_be_read_is_reported_at_its_entry_of_the_plan(
    tmp_path: Path,
) -> None:
    from outcome_graph import PlanError, load
    from outcome_graph.cli import main

    from .conftest import cli_runner

    (tmp_path / "twice.csv").write_text(
        "code,title\nCSB 1,Referrals\nCSB 001,Re-referrals\n", encoding="utf-8"
    )
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        "format: outcome-graph/v1\nplan: {id: t, period: {start: 2011-04-01, end: 2012-03-31}}\n"
        "catalogues:\n"
        "  - prefix: CSA\n"  # line 4: fine
        "    entries: [{code: CSA 1, title: A}]\n"
        "  - prefix: CSC\n"  # line 6
        "    title: Local\n"
        "    entries: nowhere.csv\n"  # line 8
        "  - {prefix: CSB, entries: twice.csv}\n"  # line 9
        "  - prefix: CSD\n"  # line 10: a code listed twice (line 11)
        "    entries: [{code: CSD 1, title: A}, {code: CSD 001, title: B}]\n",
        encoding="utf-8",
    )
    with pytest.raises(PlanError) as info:
        load(plan)
    assert [(p.file, p.line, p.column) for p in info.value.problems] == [
        (str(plan), 8, 5),
        (str(plan), 9, 19),
        (str(plan), 11, 40),
    ]  # (at the entry listed twice)
    assert [p.message for p in info.value.problems] == [
        "catalogue: CSC: entries file 'nowhere.csv' not found beside the plan",
        f"catalogue: {tmp_path / 'twice.csv'}, line 3: 'CSB 001' is already listed on line 2",
        "catalogue: 'CSD 001' is listed twice in catalogue 'CSD indicators'",
    ]
    result = cli_runner().invoke(main, ["check", str(plan)])
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    assert (
        f"{plan}:8:5: catalogue: CSC: entries file 'nowhere.csv' not found beside the plan"
        in result.stderr
    )
    assert f"{plan}:9:19: catalogue: {tmp_path / 'twice.csv'}, line 3:" in result.stderr


def test_a_bad_entry_written_in_the_plan_is_reported_at_its_own_line(tmp_path: Path) -> None:
    from outcome_graph import PlanError, load

    plan = tmp_path / "plan.yaml"
    head = (
        "format: outcome-graph/v1\nplan: {id: t, period: {start: 2011-04-01, end: 2012-03-31}}\n"
        "catalogues:\n"
        "  - prefix: CSC\n"
        "    entries:\n"
        "      - {code: CSC 1, title: Referrals}\n"  # line 6
        "      - {code: CSC 2, title: Re-referrals}\n"
    )  # line 7
    for entry, message in (
        (
            "      - {code: CSC 001, title: Again}\n",
            "'CSC 001' is listed twice in catalogue 'CSC indicators'",
        ),
        (
            "      - {code: NI 72, title: Elsewhere}\n",
            "'NI 72' does not belong to the CSC catalogue 'CSC indicators'",
        ),
    ):
        plan.write_text(head + entry, encoding="utf-8")  # the bad entry on line 8
        with pytest.raises(PlanError) as info:
            load(plan)
        assert [(p.line, p.column, p.message) for p in info.value.problems] == [
            (8, 9, f"catalogue: {message}")
        ]


def test_a_catalogue_of_a_workbook_that_cannot_be_read_is_reported_at_its_cell(
    tmp_path: Path,
) -> None:
    from outcome_graph import PlanError, load
    from outcome_graph.convert import write_plan

    (tmp_path / "csc.csv").write_text("code,title\nCSC 1,Referrals\n", encoding="utf-8")
    source = tmp_path / "plan.yaml"
    source.write_text(
        "format: outcome-graph/v1\nplan: {id: t, period: {start: 2011-04-01, end: 2012-03-31}}\n"
        "catalogues: [{prefix: CSA}, {prefix: CSC, title: Local, entries: csc.csv}]\n",
        encoding="utf-8",
    )
    assert write_plan(load(source), tmp_path / "plan.xlsx") == []
    (tmp_path / "csc.csv").write_text(
        "code,title\nCSC 1,Referrals\nCSC 01,Re-referrals\n", encoding="utf-8"
    )
    with pytest.raises(PlanError) as info:
        load(tmp_path / "plan.xlsx")
    problem = info.value.problems[0]
    assert len(info.value.problems) == 1 and (problem.sheet, problem.cell) == (
        "catalogues",
        "C3",
    )  # CSC's entries
    assert "line 3: 'CSC 01' is already listed on line 2" in problem.message


def test_an_undeclared_lettered_code_is_titled_as_a_part_of_its_parent() -> None:
    # (NI 102c is no national code: the plan's own part of NI 102, not NI 102 itself; the
    # listed NI 102a is itself)
    import outcome_graph as og

    from .conftest import PLAN_HEADER

    plan = og.load(
        PLAN_HEADER + "objectives: [{id: O1, title: a, indicators: [NI 102c, NI 102a, NI 102]}]\n"
    )
    ni = national_indicators()
    assert plan.nodes["NI 102c"].title == f"Part of NI 102: {ni.lookup('NI 102').title}"
    assert plan.nodes["NI 102a"].title == ni.lookup("NI 102a").title
    assert plan.nodes["NI 102"].title == ni.lookup("NI 102").title


# What a catalogue CSV saved by Excel or pasted from a web page holds that shows nothing, or shows
# as a space: a byte order mark, non-breaking, zero-width and word-joining spaces, a soft hyphen.
_INVISIBLE = ["\ufeff", "\u00a0", "\u200b", "\u200c", "\u200d", "\u2060", "\u00ad"]


def _richmond_with_csv_catalogue(tmp_path: Path, csv_text: str) -> Path:
    """Richmond's plan, its CSC catalogue read from a CSV file beside it instead of its declared
    indicators."""
    models = Path(__file__).resolve().parent.parent / "models"
    text = (models / "richmond-cypp-2009-2013.yaml").read_text(encoding="utf-8")
    declared = (
        "  - prefix: CSC\n    title: \"Children's Services and Culture local performance "
        'indicator"\n'
    )
    assert text.count(declared) == 1
    tmp_path.mkdir(exist_ok=True)
    plan = tmp_path / "richmond.yaml"
    plan.write_text(text.replace(declared, declared + "    entries: csc.csv\n"), encoding="utf-8")
    (tmp_path / "csc.csv").write_text(csv_text, encoding="utf-8")
    return plan


def _findings(plan: Path) -> list[tuple[str, str, str]]:
    from outcome_graph import check, load

    return [(f.rule, f.node, f.message) for f in check(load(plan))]


def test_a_catalogue_csv_s_invisible_characters_leave_its_codes_matching_the_plan(
    tmp_path: Path,
) -> None:
    # Richmond's 83 CSC indicators in a CSV file, as Excel saves one (a byte order mark) with codes
    # pasted from a web page (a zero-width space, a non-breaking space, a word joiner in them):
    # every code still names the indicator the plan refers to, and the findings are the clean
    # file's. The codes were refused as "not an indicator code", and the plan could not be read.
    from outcome_graph import load

    original = load(
        Path(__file__).resolve().parent.parent / "models" / "richmond-cypp-2009-2013.yaml"
    )
    entries = list(original.catalogues["CSC"].entries)
    assert len(entries) > 80

    def csv(dirty: bool) -> str:
        rows = ["code,title,ecm_outcome"]
        for i, e in enumerate(entries):
            code, title = e.code, e.title.replace('"', '""')
            if dirty:
                mark = _INVISIBLE[i % len(_INVISIBLE)]
                code = [f"{mark}{code}", code.replace(" ", mark), f"{code}{mark}"][i % 3]
                title = f"{title}\u200b" if i % 2 else f"\u00a0{title}"
            rows.append(f'{code},"{title}",{";".join(e.outcomes)}')
        return ("\ufeff" if dirty else "") + "\n".join(rows) + "\n"

    clean = _findings(_richmond_with_csv_catalogue(tmp_path / "clean", csv(False)))
    dirty_plan = _richmond_with_csv_catalogue(tmp_path / "dirty", csv(True))
    catalogue = load(dirty_plan).catalogues["CSC"]
    assert [e.code for e in catalogue.entries] == [normalise_code(e.code) for e in entries]
    assert _findings(dirty_plan) == clean
    assert not [f for f in clean if f[0] == "OG501"]  # (every CSC reference of the plan is known)


@given(
    st.lists(st.sampled_from([c for c in _INVISIBLE if c != "\u00a0"]), max_size=3),
    st.integers(0, 7),
    st.sampled_from(["", " ", "\u00a0"]),
    st.sampled_from(["code", "title", "ecm_outcome"]),
)
def test_invisible_characters_anywhere_in_a_code_or_header_read_as_they_show(
    marks: list[str], at: int, space: str, column: str
) -> None:
    # (characters that show nothing, anywhere; a space, which shows, around the text alone)
    code = space + "CSC 012"[:at] + "".join(marks) + "CSC 012"[at:] + space
    header = space + column[:at] + "".join(marks) + column[at:] + space
    columns = ["code", "title", "ecm_outcome"]
    text = (
        ",".join(header if c == column else c for c in columns)
        + f"\n{code},Teenage conceptions,Be healthy\n"
    )
    [entry] = load_catalogue_csv(text, "CSC", "Local").entries
    assert (entry.code, entry.title, entry.outcomes) == (
        "CSC 012",
        "Teenage conceptions",
        ("be_healthy",),
    )


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("\u200b", "line 2: the code must not be blank"),
        ("CSC\u200b 01x2", "line 2: 'CSC 01x2' is not an indicator code"),
        ("N\u00adI 12", "line 2: 'NI 12' does not have the catalogue's prefix CSC"),
    ],
)
def test_a_code_that_is_wrong_once_its_invisible_characters_are_left_out_is_named_as_it_shows(
    cell: str, message: str
) -> None:
    with pytest.raises(CatalogueError) as info:
        load_catalogue_csv(f"code,title\n{cell},Referrals\n", "CSC", "Local")
    assert str(info.value) == f"<catalogue CSV>, {message}" + (
        " (expected e.g. 'CSC 12')" if "not an indicator" in message else ""
    )


def _richmond_with_inline_catalogue(codes: list[str]) -> str:
    """Richmond's plan, its CSC catalogue's entries listed in the plan itself with these codes
    (one for each of its declared CSC indicators, in order)."""
    from outcome_graph import load

    path = Path(__file__).resolve().parent.parent / "models" / "richmond-cypp-2009-2013.yaml"
    entries = list(load(path).catalogues["CSC"].entries)
    declared = (
        "  - prefix: CSC\n    title: \"Children's Services and Culture local performance "
        'indicator"\n'
    )
    listed = "".join(
        f'      - {{code: "{code}", title: {json.dumps(e.title)}, outcomes: {list(e.outcomes)}}}\n'
        for code, e in zip(codes, entries, strict=True)
    )
    text = path.read_text(encoding="utf-8")
    return text.replace(declared, declared + "    entries:\n" + listed)


def test_a_catalogue_in_the_plan_is_read_as_it_shows_as_a_catalogue_csv_is() -> None:
    # Richmond's CSC catalogue written in the plan, its codes pasted from a web page: a zero-width
    # space, a word joiner, a soft hyphen, a byte order mark in them (written as YAML escapes,
    # which a person cannot tell from the character). Read as they show, with the clean plan's
    # findings, and a notice at each code's line saying what was left out; they were refused as
    # "not an indicator code" and the plan could not be read.
    import outcome_graph as og

    path = Path(__file__).resolve().parent.parent / "models" / "richmond-cypp-2009-2013.yaml"
    codes = [e.code for e in og.load(path).catalogues["CSC"].entries]
    marks = ["\\u200b", "\\u2060", "\\u00ad", "\\ufeff"]
    dirty = [
        code.replace(" ", marks[i % 4]) if i % 2 else marks[i % 4] + code
        for i, code in enumerate(codes)
    ]
    clean_plan = og.load(_richmond_with_inline_catalogue(codes), name="richmond.yaml")
    plan = og.load(_richmond_with_inline_catalogue(dirty), name="richmond.yaml")
    assert [e.code for e in plan.catalogues["CSC"].entries] == codes
    assert [(f.rule, f.node, f.message) for f in og.check(plan)] == [
        (f.rule, f.node, f.message) for f in og.check(clean_plan)
    ]
    assert not clean_plan.notices and len(plan.notices) == len(codes)
    text = _richmond_with_inline_catalogue(dirty).splitlines()
    for i, (notice, code) in enumerate(zip(plan.notices, codes, strict=True)):
        mark = marks[i % 4]
        shown = code.replace(" ", "") if i % 2 else code
        assert notice.location.file == "richmond.yaml" and mark in text[notice.location.line - 1]
        character = mark.encode().decode("unicode_escape")
        assert notice.message == (
            f"{dirty[i].encode().decode('unicode_escape')!r} holds an invisible character "
            f"(U+{mark[2:].upper()} {unicodedata.name(character)}), left out: read as {shown!r}"
        )


def test_a_catalogue_csv_s_codes_read_without_invisible_characters_are_named_in_notices(
    tmp_path: Path,
) -> None:
    # As a code in the plan is: the file and line of each code that held a character that shows
    # nothing, and the character, which the user cannot see to remove. A byte order mark at the
    # start of the file is how Excel saves "CSV UTF-8", and spaces around a code show: no notice.
    from outcome_graph import load

    text = (
        "\ufeffcode,title,ecm_outcome,parent\n"
        "CSC 001,Referrals to MARAC,stay_safe,\n"
        "\u00a0CSC\u200b002 ,Repeat referrals,stay_safe,CSC\u2060001\n"
        "CSC 003\u00ad,Children missing from care,stay_safe,\n"
    )
    plan_path = _richmond_with_csv_catalogue(tmp_path, text)
    plan = load(plan_path)
    csv_path = str((tmp_path / "csc.csv").resolve())
    assert [(n.location.file, n.location.line, n.message) for n in plan.notices] == [
        (
            csv_path,
            3,
            "'CSC\\u200b002' holds an invisible character (U+200B ZERO WIDTH SPACE), left out: "
            "read as 'CSC002'",
        ),
        (
            csv_path,
            3,
            "'CSC\\u2060001' holds an invisible character (U+2060 WORD JOINER), left out: "
            "read as 'CSC001'",
        ),
        (
            csv_path,
            4,
            "'CSC 003\\xad' holds an invisible character (U+00AD SOFT HYPHEN), left out: "
            "read as 'CSC 003'",
        ),
    ]
    assert [e.code for e in plan.catalogues["CSC"].entries] == ["CSC 001", "CSC 002", "CSC 003"]
    # (read as text, the notices name no file but the one messages give)
    notices: list = []
    load_catalogue_csv(text, "CSC", "Local", notices=notices)
    assert [(n.location.file, n.location.line) for n in notices] == [
        ("<catalogue CSV>", 3),
        ("<catalogue CSV>", 3),
        ("<catalogue CSV>", 4),
    ]
