"""Properties over generated plans: load, graph and check never fail; rules respond as they
should."""

from __future__ import annotations

import copy
import re
from collections import Counter

from hypothesis import assume, given
from hypothesis import strategies as st

import outcome_graph as og

from .strategies import _walk, plan_text, plans, rename_ids


def counts(report) -> Counter:
    return Counter(f.rule for f in report.findings)


@given(plans())
def test_generated_plans_load_build_and_check(doc):
    plan = og.load(plan_text(doc))
    G = og.build_graph(plan)
    assert set(plan.nodes) <= set(G.nodes)
    report = og.check(plan)
    again = og.check(og.load(plan_text(doc)))
    assert report.to_json() == again.to_json()  # deterministic
    for f in report.findings:
        assert f.message and f.rule.startswith("OG")


@given(plans(), st.data())
def test_adding_a_leadless_milestone_adds_one_og301(doc, data):
    objectives = [o for o in _walk(doc["priorities"]) if o["id"].startswith("O")]
    assume(objectives)
    # An objective with no lead of its own, and milestones (so that it is not itself reported).
    target = data.draw(st.sampled_from(objectives))
    target.pop("lead", None)
    if not target.get("milestones"):
        target["milestones"] = [
            {"id": "LED-M", "title": "A milestone with its own lead", "lead": "Someone"}
        ]
    before = counts(og.check(og.load(plan_text(doc))))["OG301"]
    target["milestones"].append(
        {"id": "NEW-M", "title": "An added milestone with no lead", "timescale": "June 11"}
    )
    after = counts(og.check(og.load(plan_text(doc))))["OG301"]
    assert after == before + 1


@given(plans())
def test_dates_inside_the_period_give_no_og402(doc):
    for node in list(_walk(doc["priorities"])) + doc.get("milestones", []):
        if node["id"].startswith("M"):
            node["timescale"] = "October 2011"
    report = og.check(og.load(plan_text(doc)))
    assert counts(report)["OG402"] == 0


@given(plans(), st.data())
def test_dates_after_the_period_give_og402_for_exactly_those_milestones(doc, data):
    milestones = [
        n
        for n in list(_walk(doc["priorities"])) + doc.get("milestones", [])
        if n["id"].startswith("M")
    ]
    assume(milestones)
    late = data.draw(st.sets(st.sampled_from([m["id"] for m in milestones]), min_size=1))
    for node in milestones:
        node["timescale"] = "October 2012" if node["id"] in late else "October 2011"
    report = og.check(og.load(plan_text(doc)))
    assert sorted(f.node for f in report.by_rule("OG402")) == sorted(late)


_SHAPE = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "QWXZJKVYPMQWXZJKVYPMQWXZJK")


@given(plans(), st.sampled_from(["SILS", "SL ASO", "EYFC", "Head CATO", "CSP"]))
def test_renaming_an_owner_consistently_changes_no_count(doc, old):
    """Rename one owner everywhere it is written (joint leads included), keeping its shape."""
    new = old.translate(_SHAPE)
    before = counts(og.check(og.load(plan_text(doc))))
    renamed = copy.deepcopy(doc)
    pattern = re.compile(rf"(?<![A-Za-z]){re.escape(old)}(?![A-Za-z])")
    for node in list(_walk(renamed["priorities"])) + renamed.get("milestones", []):
        if node.get("lead"):
            node["lead"] = pattern.sub(new, node["lead"])
    for owner in renamed.get("owners", []):  # (and where it is declared)
        owner["id"] = pattern.sub(new, owner["id"])
        owner["name"] = pattern.sub(new, owner["name"])
        owner["aliases"] = [pattern.sub(new, a) for a in owner.get("aliases", [])]
    after = counts(og.check(og.load(plan_text(renamed))))
    # OG305 can only change when the renamed owner was half of an alias split
    before.pop("OG305", None)
    after.pop("OG305", None)
    assert before == after


def _all_nodes(doc: dict) -> list[dict]:
    return list(_walk(doc["priorities"])) + doc.get("milestones", [])


@given(plans(), st.data())
def test_renaming_node_ids_changes_no_count(doc, data):
    """Rename nodes consistently (parents, dependencies, group members too): ids are names, and
    no rule may count differently for what a node is called."""
    nodes = _all_nodes(doc)
    assume(nodes)
    chosen = data.draw(st.sets(st.sampled_from([n["id"] for n in nodes]), min_size=1))
    # (the first letter kept: the strategies tell milestones by it; the order of ids turned round)
    rename = {old: f"{old[0]}-{999 - int(old[1:])}.z" for old in chosen}
    before = counts(og.check(og.load(plan_text(doc))))
    rename_ids(nodes, rename)
    for group in doc.get("groups", []):
        group["members"] = [rename.get(x, x) for x in group["members"]]
    assert counts(og.check(og.load(plan_text(doc)))) == before


@given(plans(), st.randoms(use_true_random=False))
def test_reordering_siblings_changes_no_count_but_numbering(doc, rnd):
    """Shuffle the children of every node (and the top-level lists): only OG108, which reads
    siblings in file order, may count differently."""
    for n in _all_nodes(doc):
        if n.get("timescale") == "As above":  # (a ditto: it means the date of the milestone above)
            n["timescale"] = "June 11"

    def all_counts() -> Counter:
        # (suppressed findings too: of two duplicates, OG109 reports the later, which may be the
        # one with an `ignore:`; then OG110 on the other's entry)
        report = og.check(og.load(plan_text(doc)))
        found = Counter(f.rule for f in (*report.findings, *report.suppressed))
        for code in ("OG108", "OG110"):
            found.pop(code, None)
        return found

    before = all_counts()
    for n in [{"priorities": doc["priorities"]}, *_all_nodes(doc)]:
        for key in ("priorities", "aims", "objectives", "milestones"):
            if n.get(key):
                rnd.shuffle(n[key])
    if doc.get("milestones"):
        rnd.shuffle(doc["milestones"])
    assert all_counts() == before
