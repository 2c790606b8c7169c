"""Positional ids renumbered: a node inserted or dropped in the middle of its siblings renumbers
those after it (the old M3 becomes M4). `diff` and baselines must still find each node."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import outcome_graph as og
from outcome_graph.baseline import Baseline
from outcome_graph.convert import document_data
from outcome_graph.diff import diff, match_titles
from outcome_graph.output.sarif import sarif_document

from .conftest import MODELS, PLAN_HEADER
from .test_cli import run

PLANS = sorted(MODELS.glob("*.yaml"))
LEVEL_KEYS = ("priorities", "aims", "objectives", "milestones")
REFERENCES = ("parent", "parents", "see_also", "depends_on", "members")
TRAILING = re.compile(r"^(.*?)(\d+)$")


def _dicts(value: Any) -> Iterator[dict[str, Any]]:
    """Every mapping in a plan's data, nested or not."""
    if isinstance(value, dict):
        yield value
        for v in value.values():
            yield from _dicts(v)
    elif isinstance(value, list):
        for v in value:
            yield from _dicts(v)


def _sibling_lists(data: dict[str, Any], key: str) -> list[list[dict[str, Any]]]:
    """The lists of nodes under ``key`` (``milestones``...) whose ids all end in their position's
    number, counting on from the first (``M1, M2, M3``; ``1.1.1, 1.1.2``), in file order."""
    out = []
    for d in _dicts(data):
        nodes = d.get(key)
        if not isinstance(nodes, list) or len(nodes) < 3:
            continue
        tails = [TRAILING.match(str(n.get("id", ""))) for n in nodes]
        if all(tails) and [int(t[2]) for t in tails] == list(
            range(int(tails[0][2]), int(tails[0][2]) + len(nodes))
        ):
            out.append(nodes)
    return out


def _shift(text: str, by: int) -> str:
    head, number = TRAILING.match(text).groups()  # type: ignore[union-attr]
    return f"{head}{int(number) + by}"


def _renumber(data: dict[str, Any], siblings: list[dict[str, Any]], start: int, by: int) -> None:
    """Shift the ids (and printed numbers) of ``siblings[start:]`` and of everything under them by
    ``by``, and every reference to them, as a council renumbering its plan would."""
    rename: dict[str, str] = {}
    for node in siblings[start:]:
        old, new = node["id"], _shift(node["id"], by)
        for d in _dicts(node):
            if isinstance(d.get("id"), str) and (d["id"] == old or d["id"].startswith(old + ".")):
                rename[d["id"]] = new + d["id"][len(old) :]
        if "number" in node:
            old_number, new_number = node["number"], _shift(node["number"], by)
            for d in _dicts(node):
                if str(d.get("number", "")).startswith(old_number):
                    d["number"] = new_number + d["number"][len(old_number) :]
    for d in _dicts(data):
        if isinstance(d.get("id"), str):
            d["id"] = rename.get(d["id"], d["id"])
        for key in REFERENCES:
            if isinstance(d.get(key), str):
                d[key] = rename.get(d[key], d[key])
            elif isinstance(d.get(key), list):
                d[key] = [rename.get(x, x) if isinstance(x, str) else x for x in d[key]]


# (each with findings of its own: a milestone "TBA", an objective with nothing under it)
NEW_NODES = {
    "milestones": {
        "title": "Pilot a holiday lunch club for young carers in every ward",
        "timescale": "TBA",
    },
    "objectives": {"title": "Fewer young carers miss school through caring at home"},
}


def _with_insertion(plan: og.Plan, key: str, pick: int) -> tuple[og.Plan, str, list[str]]:
    """The plan with a node inserted in the middle of the ``pick``-th list of numbered ``key``
    (``milestones``, counted from the middle of the plan), its later siblings renumbered; the new
    node's id, and the old ids of the nodes renumbered (the siblings and what is under them)."""
    data = copy.deepcopy(document_data(plan))
    lists = _sibling_lists(data, key)
    siblings = lists[(len(lists) // 2 + pick) % len(lists)]
    at = len(siblings) // 2
    inserted = siblings[at]["id"]
    shifted = [d["id"] for node in siblings[at:] for d in _dicts(node) if "title" in d]
    number = (
        {"number": siblings[at]["number"]} if "number" in siblings[at] else {}
    )  # (as printed, if printed)
    _renumber(data, siblings, at, +1)
    siblings.insert(at, {"id": inserted, **number, **NEW_NODES[key]})
    return og.load(yaml.safe_dump(data, sort_keys=False, allow_unicode=True)), inserted, shifted


def _with_deletion(plan: og.Plan) -> tuple[og.Plan, str, list[str]]:
    """The plan with the middle milestone of its middle list of numbered milestones dropped, the
    later siblings renumbered; the dropped id, and the old ids of the siblings renumbered."""
    data = copy.deepcopy(document_data(plan))
    lists = _sibling_lists(data, "milestones")
    siblings = lists[len(lists) // 2]
    at = len(siblings) // 2
    dropped = siblings[at]["id"]
    shifted = [d["id"] for node in siblings[at + 1 :] for d in _dicts(node) if "title" in d]
    _renumber(data, siblings, at + 1, -1)
    del siblings[at]
    return og.load(yaml.safe_dump(data, sort_keys=False, allow_unicode=True)), dropped, shifted


@pytest.fixture(scope="module", params=PLANS, ids=[p.stem for p in PLANS])
def real(request: pytest.FixtureRequest) -> tuple[og.Plan, og.Report]:
    plan = og.load(request.param)
    return plan, og.check(plan)


def _insertion_with_findings_moved(
    plan: og.Plan, report: og.Report
) -> tuple[og.Plan, str, list[str]]:
    """An insertion (as :func:`_with_insertion`: a milestone, else an objective) where findings
    sit on the last sibling renumbered, whose new id was no node's: so that findings matched by
    id alone would go wrong."""
    at = {f.node for f in report.findings}
    data = document_data(plan)
    for key in NEW_NODES:
        for pick in range(len(_sibling_lists(data, key))):
            new, inserted, shifted = _with_insertion(plan, key, pick)
            last = [i for i in shifted if i.count(".") == inserted.count(".")][-1]
            if any(i in at for i in shifted if i == last or i.startswith(last + ".")):
                return new, inserted, shifted
    raise AssertionError(
        f"{plan.id} has no list of numbered milestones or objectives with findings to renumber"
    )


def test_a_node_inserted_in_a_real_plan_is_one_addition(real: tuple[og.Plan, og.Report]):
    old, report = real
    new, inserted, shifted = _insertion_with_findings_moved(old, report)
    result = diff(old, new)
    assert [(c.change, c.new_id) for c in result.by_change("added")] == [("added", inserted)]
    # each later sibling is itself renumbered: its id (and printed number) changed, nothing else
    renumbered = {c.old_id: c.new_id for c in result.by_change("id-changed")}
    assert renumbered == {oid: result.matches[oid][0] for oid in shifted}
    assert all(c.change in ("added", "id-changed", "renumbered") for c in result.changes), (
        result.to_text()
    )
    assert {c.old_id for c in result.by_change("renumbered")} <= set(shifted)
    # the findings too: those of the new node are introduced, none resolved
    assert result.resolved == [] and result.introduced
    assert {f.node for f in result.introduced} == {inserted}


def test_a_milestone_dropped_from_a_real_plan_is_one_removal(real: tuple[og.Plan, og.Report]):
    old, _ = real
    new, dropped, shifted = _with_deletion(old)
    result = diff(old, new, findings=False)
    assert [
        (c.change, c.old_id) for c in result.changes if c.change not in ("id-changed", "renumbered")
    ] == [("removed", dropped)]
    assert {c.old_id for c in result.by_change("id-changed")} == set(shifted)


def test_a_baseline_finds_its_findings_at_their_renumbered_nodes(real: tuple[og.Plan, og.Report]):
    old, report = real
    new, inserted, _ = _insertion_with_findings_moved(old, report)
    after = og.check(new)
    assert any(f.node == inserted for f in after.findings)
    for baseline in (
        Baseline.from_reports([report]),
        Baseline.from_findings(
            (report.plan_id, f.rule, f.node, f.message, f.kind, f.title) for f in report.findings
        ),
    ):
        left = baseline.apply(after)
        # every recorded finding is found again, and only the new node's are new
        assert len(left.baselined or []) == len(report.findings)
        assert left.findings == [f for f in after.findings if f.node == inserted]
    # A report sent back from another process has no plan: its findings' nodes are enough here.
    bare = og.Report(after.plan_id, after.plan_title, after.file, after.findings, after.suppressed)
    assert Baseline.from_reports([report]).apply(bare).findings == left.findings


def test_a_baseline_file_finds_its_findings_at_their_renumbered_nodes(tmp_path: Path):
    # As written by `check --format json` and `--format sarif`, read back with --baseline.
    plan = og.load(MODELS / "thurrock-cypp-2011-12.yaml")
    report = og.check(plan)
    new, inserted, _ = _insertion_with_findings_moved(plan, report)
    revised = tmp_path / "revised.yaml"
    revised.write_text(og.convert.to_yaml(new), encoding="utf-8")
    json_baseline = tmp_path / "baseline.json"
    json_baseline.write_text(report.to_json(), encoding="utf-8")
    sarif_baseline = tmp_path / "baseline.sarif"
    sarif_baseline.write_text(json.dumps(sarif_document([report])), encoding="utf-8")
    for baseline in (json_baseline, sarif_baseline):
        done = run("check", str(revised), "--baseline", str(baseline), "--format", "json")
        doc = json.loads(done.stdout)
        assert {f["node"] for f in doc["findings"]} == {inserted}, done.stderr
        assert doc["summary"]["baselined"] == len(report.findings)


def test_a_baseline_without_titles_matches_by_id_as_before():
    # (a baseline of an earlier version, or a hand-made one: rule, node and message only)
    plan = og.load(
        PLAN_HEADER + "milestones:\n  - {id: M1, title: Audit, timescale: June 11}\n"
        "  - {id: M2, title: Survey, timescale: June 11}\n"
    )
    new = og.load(
        PLAN_HEADER + "milestones:\n  - {id: M1, title: Audit, timescale: June 11}\n"
        "  - {id: M2, title: Consult, timescale: June 11}\n"
        "  - {id: M3, title: Survey, timescale: June 11}\n"
    )
    report = og.check(plan)
    assert {f.node for f in report.by_rule("OG301")} == {"M1", "M2"}
    by_id = Baseline.from_findings(
        (report.plan_id, f.rule, f.node, f.message) for f in report.findings
    )
    assert [f.node for f in by_id.apply(og.check(new)).by_rule("OG301")] == ["M3"]
    titled = Baseline.from_reports([report])
    assert [f.node for f in titled.apply(og.check(new)).by_rule("OG301")] == ["M2"]


def test_a_baseline_file_whose_findings_have_no_kind_or_title_reads_and_matches_by_id(
    tmp_path: Path,
):
    plan = og.load(
        PLAN_HEADER + "milestones:\n  - {id: M1, title: Audit, timescale: June 11}\n"
        "  - {id: M2, title: Survey, timescale: June 11}\n"
    )
    new = og.load(
        PLAN_HEADER + "milestones:\n  - {id: M1, title: Audit, timescale: June 11}\n"
        "  - {id: M2, title: Consult, timescale: June 11}\n"
        "  - {id: M3, title: Survey, timescale: June 11}\n"
    )
    doc = og.check(plan).to_dict()
    for i, f in enumerate(doc["findings"]):
        if i % 2:
            del f["kind"], f["title"]
        else:
            f["kind"] = f["title"] = None
    path = tmp_path / "baseline.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    baseline = Baseline.load(path)
    assert baseline.nodes == {} and len(baseline) == len(doc["findings"])
    assert [f.node for f in baseline.apply(og.check(new)).by_rule("OG301")] == ["M3"]


def test_a_recorded_node_whose_id_another_has_now_accepts_none_of_its_findings():
    # M2 dropped: the old M3 is now M2, and a new M3 is added. Matched by id, the records of M2
    # and M3 would accept the findings of the new M2 and M3; the new M3's are new.
    head = (
        PLAN_HEADER + "milestones:\n  - {id: M1, title: Audit, timescale: June 11, lead: Roads}\n"
    )
    plan = og.load(
        head + "  - {id: M2, title: Survey, timescale: June 11}\n"
        "  - {id: M3, title: Consult, timescale: June 11}\n"
    )
    new = og.load(
        head + "  - {id: M2, title: Consult, timescale: June 11}\n"
        "  - {id: M3, title: Publish, timescale: June 11}\n"
    )
    report = og.check(plan)
    assert {f.node for f in report.findings if f.rule == "OG301"} == {"M2", "M3"}
    left = Baseline.from_reports([report]).apply(og.check(new))
    assert [(f.rule, f.node) for f in left.findings if f.rule == "OG301"] == [("OG301", "M3")]


HEAD = PLAN_HEADER + "milestones:\n  - {id: M1, title: Audit, timescale: June 11, lead: Roads}\n"
#: M2 has no lead; then a milestone with no lead is inserted before it, and it is given one.
BEFORE = (
    HEAD + "  - {id: M2, title: Survey, timescale: June 11}\n"
    "  - {id: M3, title: Consult, timescale: June 11, lead: Roads}\n"
)
AFTER = (
    HEAD + "  - {id: M2, title: Publish, timescale: June 11}\n"
    "  - {id: M3, title: Survey, timescale: June 11, lead: Roads}\n"
    "  - {id: M4, title: Consult, timescale: June 11, lead: Roads}\n"
)


def test_a_recorded_node_is_found_by_its_title_in_the_plan_even_with_no_finding_there_now():
    report = og.check(og.load(BEFORE))
    assert [f.node for f in report.by_rule("OG301")] == ["M2"]
    after = og.check(og.load(AFTER))
    left = Baseline.from_reports([report]).apply(after)
    assert [f.node for f in left.by_rule("OG301")] == ["M2"]  # the inserted milestone's: new
    # A report that has lost its plan knows only its findings' nodes: M2's record goes by its id.
    bare = og.Report(after.plan_id, after.plan_title, after.file, after.findings, after.suppressed)
    assert Baseline.from_reports([report]).apply(bare).by_rule("OG301") == []
    assert [
        f.node for f in Baseline.from_reports([report]).apply(bare, og.load(AFTER)).by_rule("OG301")
    ] == ["M2"]


def test_check_of_several_plans_in_several_processes_finds_renumbered_nodes_as_one_process_does(
    tmp_path: Path,
):
    # Each plan's report is baselined in the process that checked it, where it has its plan (the
    # report sent back has lost it): the same findings whichever process checked which plan.
    copies = []
    for i in range(6):
        copies.append(tmp_path / f"after{i}.yaml")
        copies[-1].write_text(AFTER.replace("id: t,", f"id: t{i},"), encoding="utf-8")
        (tmp_path / f"before{i}.yaml").write_text(
            BEFORE.replace("id: t,", f"id: t{i},"), encoding="utf-8"
        )
    baseline = tmp_path / "baseline.jsonl"
    done = run(
        "check",
        *(str(tmp_path / f"before{i}.yaml") for i in range(6)),
        "--format",
        "jsonl",
        "-o",
        str(baseline),
    )
    assert baseline.exists(), done.stderr
    outputs = []
    for jobs in ("1", "2"):
        done = run(
            "check",
            *map(str, copies),
            "--baseline",
            str(baseline),
            "--format",
            "jsonl",
            "--jobs",
            jobs,
        )
        docs = [json.loads(line) for line in done.stdout.splitlines()]
        assert len(docs) == 6, done.stderr
        assert all(
            [f["node"] for f in doc["findings"] if f["rule"] == "OG301"] == ["M2"] for doc in docs
        )
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]


def test_a_node_renumbered_and_given_a_plural_is_found_by_its_content_words():
    # "Improve school" and "Improve schools" share one word of three, but the same content words
    # (the wording rules' title_key): the old O2, now O3, is itself; the new O2 is inserted.
    def plan(*titles: str) -> og.Plan:
        rows = "".join(f"      - {{id: P1.O{i}, title: {t}}}\n" for i, t in enumerate(titles, 1))
        return og.load(
            PLAN_HEADER + "priorities:\n  - id: P1\n    title: Safe\n    objectives:\n" + rows
        )

    result = diff(
        plan("Fewer accidents", "Improve school"),
        plan("Fewer accidents", "Reduce truancy", "Improve schools"),
        findings=False,
    )
    assert result.matches["P1.O2"] == ("P1.O3", "similar title")
    assert [(c.change, c.old_id, c.new_id) for c in result.changes] == [
        ("added", None, "P1.O2"),
        ("reworded", "P1.O2", "P1.O3"),
        ("id-changed", "P1.O2", "P1.O3"),
    ]


def test_match_titles_keeps_an_id_whose_title_stays_pairs_the_rest_in_order_and_kinds_apart():
    old = {
        "M1": ("milestone", "Review"),
        "M2": ("milestone", "Review"),
        "M3": ("milestone", "Review"),
        "O1": ("objective", "Audit"),
    }
    new = {
        "M1": ("milestone", "Consult"),
        "M2": ("milestone", "Survey"),
        "M3": ("milestone", "Review"),
        "M4": ("milestone", "Review"),
        "M5": ("milestone", "Review"),
        "O2": ("milestone", "Audit"),
    }
    assert match_titles(old, new) == {"M3": "M3", "M1": "M4", "M2": "M5"}
    # An id made from a position (a flat table's) is never matched by it.
    assert match_titles({"P1": ("priority", "Safe")}, {"P1": ("priority", "Healthy")}) == {
        "P1": "P1"
    }
    assert (
        match_titles(
            {"P1": ("priority", "Safe")}, {"P1": ("priority", "Healthy")}, generated={"P1"}
        )
        == {}
    )


# ---------------------------------------------------------------------------------------------
# Generated plans: random insertions and deletions, renumbered


SYLLABLES = [c + v for c in "bdfgklmnprtvz" for v in "aeiou"]


def _word(i: int) -> str:
    """A made-up word of its own for each number (no two titles share one, so none is similar)."""
    return SYLLABLES[i % 65] + SYLLABLES[i // 65 % 65] + SYLLABLES[i // 4225 % 65] + "x"


def _titles(start: int = 0) -> Iterator[str]:
    i = start
    while True:
        yield f"{_word(i).capitalize()} {_word(i + 1)}"
        i += 2


@st.composite
def _numbered_plans(draw: st.DrawFn) -> dict[str, Any]:
    """A plan numbered by position (P1, P1.A1, P1.A1.O1, P1.A1.O1.M1) with distinct titles."""
    titles = _titles()

    def level(key: str, prefix: str, depth: int) -> list[dict[str, Any]]:
        letter = {"priorities": "P", "aims": "A", "objectives": "O", "milestones": "M"}[key]
        nodes = []
        for i in range(1, draw(st.integers(1 if depth < 3 else 0, (3, 2, 3, 4)[depth])) + 1):
            node: dict[str, Any] = {"id": f"{prefix}{letter}{i}", "title": next(titles)}
            if depth < 3:
                node[LEVEL_KEYS[depth + 1]] = level(
                    LEVEL_KEYS[depth + 1], f"{node['id']}.", depth + 1
                )
            else:
                node["timescale"] = "June 11"
            nodes.append(node)
        return nodes

    return {
        "format": "outcome-graph/v1",
        "plan": {"id": "numbered", "period": {"start": "2011-04-01", "end": "2012-03-31"}},
        "priorities": level("priorities", "", 0),
    }


def _subtree_ids(node: dict[str, Any]) -> list[str]:
    return [d["id"] for d in _dicts(node) if "title" in d]


@settings(max_examples=60, deadline=None)
@given(_numbered_plans(), st.data())
def test_insertions_and_deletions_renumbered_are_exactly_the_additions_and_removals(
    doc: dict[str, Any], data: st.DataObject
):
    old = og.load(yaml.safe_dump(doc, sort_keys=False))
    new_doc = copy.deepcopy(doc)
    spare = _titles(100_000)
    added: set[str] = set()  # (titles: the ids change as later edits renumber)
    removed: set[str] = set()
    # Edit some sibling lists, one change each (an insertion and a deletion side by side in one
    # list are a node reworded in place, which is what matching by id rightly says).
    groups = [
        (key, d[key]) for d in _dicts(new_doc) for key in LEVEL_KEYS if isinstance(d.get(key), list)
    ]
    for key, siblings in data.draw(
        st.lists(st.sampled_from(groups), max_size=3, unique_by=lambda g: id(g[1])), label="groups"
    ):
        if not any(d.get(key) is siblings for d in _dicts(new_doc)):
            continue  # (a list under a node dropped already)
        if siblings and data.draw(st.booleans(), label="delete"):
            at = data.draw(st.integers(0, len(siblings) - 1), label="at")
            removed.update(d["title"] for d in _dicts(siblings[at]) if "title" in d)
            _renumber(new_doc, siblings, at + 1, -1)
            del siblings[at]
        elif siblings:
            at = data.draw(st.integers(0, len(siblings)), label="at")
            new_id = siblings[at]["id"] if at < len(siblings) else _shift(siblings[-1]["id"], +1)
            _renumber(new_doc, siblings, at, +1)
            node: dict[str, Any] = {"id": new_id, "title": next(spare)}
            if key == "milestones":
                node["timescale"] = "June 11"
            siblings.insert(at, node)
            added.add(node["title"])
    new = og.load(yaml.safe_dump(new_doc, sort_keys=False))
    result = diff(old, new, findings=False)
    new_ids = {n.title: n.id for n in new.nodes.values()}
    old_ids = {n.title: n.id for n in old.nodes.values()}
    assert {c.new_id for c in result.by_change("added")} == {
        new_ids[t] for t in added if t in new_ids
    }, result.to_text()
    assert {c.old_id for c in result.by_change("removed")} == {
        old_ids[t] for t in removed if t in old_ids
    }, result.to_text()
    assert {c.change for c in result.changes} <= {"added", "removed", "id-changed"}, (
        result.to_text()
    )
    # every node kept is matched to the node of its title
    assert all(
        old.nodes[oid].title == new.nodes[nid].title for oid, (nid, _) in result.matches.items()
    )
