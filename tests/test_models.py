"""The real plans in models/: they load, and their findings are pinned by rule and node.

Each model's findings are listed in ``tests/snapshots/<model>.findings`` (one ``RULE<TAB>node``
line per finding, in report order), reviewed against the source (see models/README.md). A change in
a rule's behaviour on a real plan fails here and shows up as a diff in review. After reviewing the
change, regenerate with ``UPDATE_SNAPSHOTS=1 python -m pytest tests/test_models.py``.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

import outcome_graph as og

from .conftest import MODELS

SNAPSHOTS = Path(__file__).parent / "snapshots"
MODEL_FILES = sorted(MODELS.glob("*.yaml"))


def _lines(report: og.Report) -> list[str]:
    # Everything a reader acts on: rule, node, severity, where and what the message says (a
    # change of wording is reviewed in the snapshot's diff).
    return [
        f"{f.rule}\t{f.node}\t{f.severity}\t{f.location.line}:{f.location.column}\t{f.message}"
        for f in report.findings
    ]


@pytest.mark.parametrize("path", MODEL_FILES, ids=lambda p: p.stem)
def test_model_findings_are_pinned(path: Path):
    report = og.check(og.load(path))
    snapshot = SNAPSHOTS / f"{path.stem}.findings"
    got = _lines(report)
    if os.environ.get("UPDATE_SNAPSHOTS"):
        old = snapshot.read_text(encoding="utf-8").splitlines() if snapshot.exists() else None
        if got != old:
            snapshot.write_text("\n".join(got) + "\n", encoding="utf-8")
            # (a run that rewrites a snapshot has checked nothing: it says so instead of passing)
            pytest.skip(f"{snapshot.name} rewritten: review its diff, then run the tests again")
    expected = snapshot.read_text(encoding="utf-8").splitlines()
    assert got == expected


@pytest.mark.parametrize("path", MODEL_FILES, ids=lambda p: p.stem)
def test_every_message_is_one_sentence(path: Path):
    # The findings contract: a message is one sentence a strategy lead understands. A quoted title
    # may hold full stops of its own; a sentence ending after a quotation or a bracket and another
    # starting is two sentences.
    report = og.check(og.load(path))
    assert report.findings
    for f in report.findings:
        assert f.message.endswith((".", "?")), f.message
        assert not re.search(r"['’)]\. +[A-Z]", f.message), f.message


def test_the_three_real_plans_are_there():
    assert {p.stem for p in MODEL_FILES} >= {
        "thurrock-cypp-2011-12",
        "richmond-cypp-2009-2013",
        "southend-cypp-2008-09",
    }


def _check(name: str) -> og.Report:
    return og.check(og.load(MODELS / f"{name}.yaml"))


def test_thurrock_highlights():
    report = _check("thurrock-cypp-2011-12")
    plan = og.load(MODELS / "thurrock-cypp-2011-12.yaml")
    assert [p.id for p in plan.of_kind("priority")] == ["P1", "P2", "P3", "P4"]
    assert sum(1 for _ in plan.of_kind("aim")) == 12
    assert [f.node for f in report.by_rule("OG602")] == ["P2.A3.O3"]
    # (NI 82a/b: school meals under an attainment code; NI 97/98: progress from Key Stage 2, not 3)
    # (and the drafting notes left where indicator wording
    # was due: "Chlamydia comment", "YOIS comment re")
    assert {f.node for f in report.by_rule("OG502")} == {
        "NI 82a",
        "NI 82b",
        "NI 97",
        "NI 98",
        "NI 113",
        "NI 19",
        "NI 43",
        "NI 44",
        "NI 45",
        "NI 46",
        "NI 111",
    }
    assert any("NI 52" in f.message for f in report.by_rule("OG502"))
    splits = " ".join(f.message for f in report.by_rule("OG305"))
    assert "'SL ASO'" in splits and "Head CATO" in splits
    # (three spellings of one owner are one finding naming all three, not two pairs)
    [cato] = [f for f in report.by_rule("OG305") if "Head CATO" in f.message]
    assert all(
        s in cato.message
        for s in (
            "'Head of Care & Targeted Outcomes (HCATO)' (1 milestone)",
            "'Head CATO' (5 milestones)",
            "'Head of Service – CATO' (2 milestones)",
        )
    )
    outside = {f.node: f.message for f in report.by_rule("OG402")}
    assert "End September 2012" in outside["P4.A1.O1.M2"]
    # the review's figures are actuals of the plan's indicators
    ni75 = plan.nodes["NI 75"]
    assert any(a.value == 59.9 for a in ni75.actuals)


def test_richmond_highlights():
    report = _check("richmond-cypp-2009-2013")
    assert [f.node for f in report.by_rule("OG108")] == ["3.2.2"]
    assert [f.node for f in report.by_rule("OG502")] == ["NI 102b", "NI 108"]
    assert (
        "(Key Stage 2), but the National Indicator Set's NI 102b, a part of NI 102, is"
        in report.by_rule("OG502")[0].message
    )
    # (its NI 102a to NI 102f are its own split of NI 102: the finding says so, and how to fix it)
    assert (
        "the plan letters the parts of NI 102 its own way (NI 102a to NI 102f)"
        in report.by_rule("OG502")[0].message
    )
    assert "codes of a local catalogue" in (report.by_rule("OG502")[0].hint or "")
    assert [f.node for f in report.by_rule("OG101")][:3] == ["T1", "T2", "T3"]
    # no dates and no targets anywhere: one plan-wide finding each, not one per node
    assert [f.kind for f in report.by_rule("OG401")] == ["plan"]
    assert [f.kind for f in report.by_rule("OG503")] == ["plan"]
    assert not report.by_rule("OG501")  # lettered local splits resolve to their parents


def test_southend_highlights():
    report = _check("southend-cypp-2008-09")
    assert {f.node for f in report.by_rule("OG502")} == {"NI 157", "NI 145"}
    assert [f.node for f in report.by_rule("OG108")] == ["P7.A3"]
    assert len(report.by_rule("OG402")) == 12
    # Blank Lead cells below a lead in the same target are the merged cell above (the attendance
    # officer leads all eight NI 87 actions); only empty cells in a target's first row are missing.
    plan = og.load(MODELS / "southend-cypp-2008-09.yaml")
    assert {plan.nodes[f"P4.A3.O1.M{i}"].lead for i in range(1, 9)} == {
        "Principal School Attendance Officer"
    }
    assert {f.node for f in report.by_rule("OG301")} == {"P2.A1.O2.M1", "P4.A4.O1.M1"} | {
        f"P6.A4.O2.M{i}" for i in range(1, 5)
    }
