"""PlanFacts: the effective values the rules read, checked against plain re-derivations.

The facts are computed with shortcuts (one indexing pass, inheritance from an already resolved
parent); these tests compute the same values the plain way on generated hierarchies, cycles and
several parents included, and require the same answers.
"""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

import outcome_graph as og
from outcome_graph.graph.facts import PlanFacts

from .strategies import OUTCOMES

PLAN_HEADER_DATA = {
    "format": "outcome-graph/v1",
    "plan": {"id": "t", "period": {"start": "2011-04-01", "end": "2012-03-31"}},
}

KINDS = ("priorities", "aims", "objectives", "milestones")
LEVEL = {
    "priorities": "priority",
    "aims": "aim",
    "objectives": "objective",
    "milestones": "milestone",
}


@st.composite
def flat_plans(draw) -> dict:
    """A flat plan whose nodes name any other node as parent (cycles, same-level and missing
    parents)."""
    n = draw(st.integers(1, 14))
    lists: dict[str, list[dict]] = {k: [] for k in KINDS}
    ids = [f"N{i}" for i in range(n)]
    for node_id in ids:
        node: dict = {"id": node_id, "title": f"Node {node_id}"}
        parents = draw(st.lists(st.sampled_from([*ids, "MISSING"]), max_size=2, unique=True))
        if parents:
            node["parents"] = parents
        outcomes = draw(
            st.one_of(st.none(), st.lists(st.sampled_from(OUTCOMES), max_size=2, unique=True))
        )
        if outcomes is not None:
            node["outcomes"] = outcomes
        if draw(st.booleans()):
            # (spellings of one owner: which names it must not depend on the order of the file)
            node["lead"] = draw(
                st.sampled_from(
                    [
                        "Head of Care",
                        "head of care.",
                        "SILS",
                        "Sils",
                        "SILS & EYFC",
                        "eyfc and sils",
                    ]
                )
            )
        lists[draw(st.sampled_from(KINDS))].append(node)
    return {**PLAN_HEADER_DATA, **{k: v for k, v in lists.items() if v}}


def _shuffled(doc: dict, rnd) -> dict:
    """The same plan with each list of nodes in another order."""
    return {**doc, **{kind: rnd.sample(doc[kind], len(doc[kind])) for kind in KINDS if kind in doc}}


def _load(doc: dict) -> og.Plan:
    return og.load(json.dumps(doc))


def _reference_outcomes(plan: og.Plan) -> tuple[dict[str, tuple[str, ...]], set[str]]:
    """Effective outcomes the plain way, as a least fixed point over the whole plan: a node that
    states outcomes has those, any other node those of all its parents; a node stating
    ``outcomes: []``, or under a cross-cutting parent, is cross-cutting. Repeated until nothing
    changes, which settles cycles whatever the order of the file."""
    order = plan.framework.ids
    parents = {k: [p for p in plan.parents.get(k, ()) if p in plan.nodes] for k in plan.nodes}
    outs = {k: set(n.outcomes or ()) for k, n in plan.nodes.items()}
    cross = {k for k, n in plan.nodes.items() if n.outcomes is not None and len(n.outcomes) == 0}
    changed = True
    while changed:
        changed = False
        for node_id, node in plan.nodes.items():
            for p in parents[node_id]:
                if p in cross and node_id not in cross:
                    cross.add(node_id)
                    changed = True
                if node.outcomes is None and not outs[p] <= outs[node_id]:
                    outs[node_id] |= outs[p]
                    changed = True
    return {k: tuple(o for o in order if o in v) for k, v in outs.items()}, cross


@given(flat_plans())
@settings(max_examples=150, deadline=None)
def test_effective_outcomes_match_the_plain_derivation(doc):
    plan = _load(doc)
    facts = PlanFacts(plan)
    outcomes, cross = _reference_outcomes(plan)
    assert facts.outcomes == outcomes
    assert facts.cross_cutting == cross


@given(flat_plans())
@settings(max_examples=150, deadline=None)
def test_the_node_index_matches_the_nodes(doc):
    plan = _load(doc)
    facts = PlanFacts(plan)
    for kind in ("priority", "aim", "objective", "milestone"):
        assert facts.of_kind(kind) == tuple(plan.of_kind(kind))
        assert facts.ids_of(kind) == tuple(n.id for n in plan.of_kind(kind))
    assert facts.kind_of == {k: n.kind for k, n in plan.nodes.items()}
    assert [n.id for n in facts.with_lead] == [
        k for k, n in plan.nodes.items() if getattr(n, "lead", None)
    ]
    assert facts.parents == {
        k: tuple(p for p in ps if p in plan.nodes) for k, ps in plan.parents.items()
    }
    assert facts.irregular_links == [
        (c, p)
        for c, ps in facts.parents.items()
        for p in ps
        if facts.level(p) != facts.level(c) - 1
    ]
    # Effective leads: a node's own, else (a milestone) each of its objective parents' own leads.
    own = {k: facts.own_lead(k) for k in plan.nodes}
    for node_id, node in plan.nodes.items():
        expected = own[node_id]
        if not expected and node.kind == "milestone":
            objectives = [p for p in facts.parents[node_id] if plan.nodes[p].kind == "objective"]
            expected = tuple(dict.fromkeys(o for p in objectives for o in own[p]))
        assert facts.lead_owners.get(node_id, ()) == expected


def test_a_milestone_under_two_objectives_takes_both_leads_whatever_their_order():
    for order in (["O1", "O2"], ["O2", "O1"]):
        plan = _load(
            {
                **PLAN_HEADER_DATA,
                "objectives": [
                    {"id": "O1", "title": "One", "lead": "Bob"},
                    {"id": "O2", "title": "Two", "lead": "Carol"},
                    {"id": "O3", "title": "Three", "lead": "Bob"},
                ],
                "milestones": [
                    {"id": "M1", "title": "Shared", "parents": order},
                    {"id": "M2", "title": "Shared again", "parents": ["O1", "O3"]},
                ],
            }
        )
        facts = PlanFacts(plan)
        assert facts.lead_owners["M1"] == tuple(["Bob" if o == "O1" else "Carol" for o in order])
        assert facts.lead_owners["M2"] == ("Bob",)
        assert sorted(facts.owners["Bob"].milestones) == ["M1", "M2"] and facts.owners[
            "Carol"
        ].milestones == ["M1"]


def test_a_cycle_inherits_what_its_members_state():
    # The objective's parent is the aim, which states an outcome: the objective has it, though
    # the aim is also (through the cycle) below the objective and is resolved first.
    plan = _load(
        {
            **PLAN_HEADER_DATA,
            "aims": [{"id": "A1", "title": "Aim", "parent": "O1", "outcomes": ["be_healthy"]}],
            "objectives": [{"id": "O1", "title": "Objective", "parent": "A1"}],
        }
    )
    facts = PlanFacts(plan)
    assert facts.outcomes == {"A1": ("be_healthy",), "O1": ("be_healthy",)}


@given(flat_plans(), st.randoms(use_true_random=False))
@settings(max_examples=150, deadline=None)
def test_effective_outcomes_do_not_depend_on_the_order_of_the_file(doc, rnd):
    a, b = PlanFacts(_load(doc)), PlanFacts(_load(_shuffled(doc, rnd)))
    assert a.outcomes == b.outcomes and a.cross_cutting == b.cross_cutting


@given(
    st.dictionaries(
        st.sampled_from("abcdefgh"), st.lists(st.sampled_from("abcdefghz"), max_size=3), max_size=8
    )
)
@settings(max_examples=200, deadline=None)
def test_strongly_connected_components_match_networkx(edges):
    import networkx as nx

    from outcome_graph.graph.components import strongly_connected

    graph = nx.DiGraph()
    graph.add_nodes_from(edges)
    graph.add_edges_from((a, b) for a, targets in edges.items() for b in targets if b in edges)
    ours = {frozenset(c) for c in strongly_connected(edges, lambda n: edges[n])}
    assert ours == {frozenset(c) for c in nx.strongly_connected_components(graph)}


def test_broken_references_are_complete_whatever_was_read_before():
    from outcome_graph import load
    from outcome_graph.graph.facts import PlanFacts

    plan = load(
        "format: outcome-graph/v1\nplan: {id: t, period: {start: 2011-04-01, end: 2012-03-31}}\n"
        "objectives: [{id: O1, title: a, parent: P9, indicators: [LOCAL 1]}]\n"
    )
    first = [(b.source, b.field, b.target) for b in PlanFacts(plan).broken]  # (before measured_by)
    facts = PlanFacts(plan)
    _ = facts.measured_by
    assert (
        first
        == [(b.source, b.field, b.target) for b in facts.broken]
        == [("O1", "parent", "P9"), ("O1", "indicators", "LOCAL 1")]
    )


@given(flat_plans(), st.randoms(use_true_random=False))
@settings(max_examples=150, deadline=None)
def test_owners_do_not_depend_on_the_order_of_the_file(doc, rnd):
    a, b = PlanFacts(_load(doc)), PlanFacts(_load(_shuffled(doc, rnd)))
    assert a.lead_owners == b.lead_owners
    assert {o.id: (o.name, sorted(o.texts), sorted(o.nodes)) for o in a.owners.values()} == {
        o.id: (o.name, sorted(o.texts), sorted(o.nodes)) for o in b.owners.values()
    }


def test_an_owner_written_several_ways_is_named_as_most_nodes_write_it():
    def owners(*leads: str) -> list[str]:
        milestones = [
            {"id": f"M{i}", "title": f"Milestone {i}", "lead": lead} for i, lead in enumerate(leads)
        ]
        return list(PlanFacts(_load({**PLAN_HEADER_DATA, "milestones": milestones})).owners)

    assert owners("sils", "SILS", "SILS") == ["SILS"]  # the most written, though not the first
    assert owners("Group Manager LDD", "SILS & Group manager, LDD", "Group Manager, LDD") == [
        "Group Manager, LDD",
        "SILS",
    ]
    # a tie: the fullest spelling, then the first in code-point order
    assert owners("Head of Service CATO", "Head of Service – CATO") == ["Head of Service – CATO"]
    assert owners("Head of Service – CATO", "Head of Service CATO") == ["Head of Service – CATO"]
    assert owners("sils", "SILS") == owners("SILS", "sils") == ["SILS"]
    plan = _load(
        {
            **PLAN_HEADER_DATA,
            "objectives": [{"id": "O1", "title": "Objective", "lead": "sils"}],
            "milestones": [
                {"id": "M1", "title": "Milestone", "parent": "O1"},
                {"id": "M2", "title": "Milestone", "lead": "SILS"},
                {"id": "M3", "title": "Milestone", "lead": "SILS"},
            ],
        }
    )
    facts = PlanFacts(plan)  # (the nodes and the leads they resolve to follow the name)
    assert facts.lead_owners == {"O1": ("SILS",), "M1": ("SILS",), "M2": ("SILS",), "M3": ("SILS",)}
    assert [r.owner_id for r in facts.resolved_leads["O1"]] == ["SILS"]
    assert sorted(facts.owners["SILS"].nodes) == ["M1", "M2", "M3", "O1"]


@given(flat_plans(), st.data())
@settings(max_examples=300, deadline=None)
def test_the_test_of_what_is_above_a_node_matches_the_walk_of_its_ancestors(doc, data):
    # (cycles, several parents and same-level links included; nodes asked in any order, each
    # answer remembered for the nodes its walk passed)
    facts = PlanFacts(_load(doc))
    ids = list(facts.kind_of)
    wanted = set(data.draw(st.lists(st.sampled_from(ids), max_size=4)))
    order = data.draw(st.permutations(ids))
    test = facts.above_test(wanted.__contains__)
    for node_id in order + order:
        assert test(node_id) == any(a in wanted for a in facts.ancestors(node_id)), node_id


@given(flat_plans(), st.data())
@settings(max_examples=300, deadline=None)
def test_the_inherited_lead_is_the_nearest_lead_above_whatever_order_nodes_are_asked_in(doc, data):
    # (cycles, several parents and same-level links included; each answer is kept, and a node with
    # one parent takes its parent's)
    facts = PlanFacts(_load(doc))
    ids = list(facts.kind_of)
    for node_id in data.draw(st.permutations(ids)) * 2:
        nearest = next(
            (lead for lead in map(facts.own_lead, [node_id, *facts.ancestors(node_id)]) if lead), ()
        )
        assert facts.inherited_lead(node_id) == nearest, node_id


def test_the_facts_of_a_chain_of_parents_thousands_long_are_worked_out_without_recursion():
    # Written child first, a chain 5,000 objectives long: the outcomes inherited from the
    # priority, and the test of what is above each node, go up it without the call stack (more
    # than Python's limit of 1,000 calls deep) and without one walk per node.
    n = 5000
    objectives = [
        {"id": f"O{i}", "title": f"Objective {i}", "parent": f"O{i - 1}" if i else "P1"}
        for i in reversed(range(n))
    ]
    plan = _load(
        {
            **PLAN_HEADER_DATA,
            "priorities": [{"id": "P1", "title": "Safe", "outcomes": ["stay_safe"]}],
            "objectives": objectives,
        }
    )
    facts = PlanFacts(plan)
    assert all(facts.outcomes[f"O{i}"] == ("stay_safe",) for i in range(n))
    calls = 0

    def wanted(node_id: str) -> bool:
        nonlocal calls
        calls += 1
        return node_id == "P1"

    test = facts.above_test(wanted)
    assert all(test(f"O{i}") for i in reversed(range(n))) and not test("P1")
    assert calls < 3 * n  # (one walk up the chain, not one per objective: 12.5 million)
    # The lead each objective inherits (the report's owner column asks it of every node) is found
    # by one walk up the chain, not one per objective.
    asked = 0
    own_lead = facts.own_lead

    def counted(node_id: str) -> tuple[str, ...]:
        nonlocal asked
        asked += 1
        return own_lead(node_id)

    facts.own_lead = counted  # type: ignore[method-assign]
    assert all(facts.inherited_lead(f"O{i}") == () for i in reversed(range(n)))
    assert asked < 3 * n


@given(flat_plans(), st.data())
@settings(max_examples=300, deadline=None)
def test_the_nodes_above_worked_out_in_one_pass_are_those_each_walk_finds(doc, data):
    # (cycles, several parents, same-level links and nodes their own parent included)
    from outcome_graph.graph.facts import nearest_above

    facts = PlanFacts(_load(doc))
    ids = list(facts.kind_of)
    order = {n: i for i, n in enumerate(ids)}
    targets = set(data.draw(st.lists(st.sampled_from(ids), max_size=5)))
    kind = data.draw(st.sampled_from(["priority", "aim", "objective", "milestone"]))
    above, nearest = facts.targets_above(targets.__contains__), facts.nearest_of_kind(kind)
    for node_id in ids:
        assert above(node_id) == tuple(
            sorted((a for a in facts.ancestors(node_id) if a in targets), key=order.get)
        )
        walked = nearest_above(
            node_id, lambda n: facts.parents.get(n, ()), lambda n: facts.kind_of[n] == kind
        )
        assert nearest(node_id) == tuple(sorted(walked, key=order.get)), node_id


@given(flat_plans(), st.data())
@settings(max_examples=200, deadline=None)
def test_the_nodes_above_several_nodes_are_the_union_of_their_ancestors(doc, data):
    facts = PlanFacts(_load(doc))
    starts = data.draw(st.lists(st.sampled_from(list(facts.kind_of)), max_size=5))
    assert facts.above_any(starts) == {a for n in starts for a in facts.ancestors(n)} - set(starts)
