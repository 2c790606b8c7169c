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

PLAN_HEADER_DATA = {"format": "outcome-graph/v1", "plan": {"id": "t", "period": {"start": "2011-04-01", "end": "2012-03-31"}}}

KINDS = ("priorities", "aims", "objectives", "milestones")
LEVEL = {"priorities": "priority", "aims": "aim", "objectives": "objective", "milestones": "milestone"}


@st.composite
def flat_plans(draw) -> dict:
    """A flat plan whose nodes name any other node as parent (cycles, same-level and missing parents)."""
    n = draw(st.integers(1, 14))
    lists: dict[str, list[dict]] = {k: [] for k in KINDS}
    ids = [f"N{i}" for i in range(n)]
    for node_id in ids:
        node: dict = {"id": node_id, "title": f"Node {node_id}"}
        parents = draw(st.lists(st.sampled_from([*ids, "MISSING"]), max_size=2, unique=True))
        if parents:
            node["parents"] = parents
        outcomes = draw(st.one_of(st.none(), st.lists(st.sampled_from(OUTCOMES), max_size=2, unique=True)))
        if outcomes is not None:
            node["outcomes"] = outcomes
        if draw(st.booleans()):
            node["lead"] = draw(st.sampled_from(["Head of Care", "SILS", "SILS & EYFC"]))
        lists[draw(st.sampled_from(KINDS))].append(node)
    return {**PLAN_HEADER_DATA, **{k: v for k, v in lists.items() if v}}


def _load(doc: dict) -> og.Plan:
    return og.load(json.dumps(doc))


def _reference_outcomes(plan: og.Plan) -> tuple[dict[str, tuple[str, ...]], set[str]]:
    """Effective outcomes the plain way: each node resolved in file order, recursively, a cycle
    stopping where it comes back to a node being resolved."""
    order = plan.framework.ids
    memo: dict[str, tuple[str, ...]] = {}
    cross: set[str] = set()
    visiting: set[str] = set()

    def resolve(node_id: str) -> tuple[tuple[str, ...], bool]:
        if node_id in memo:
            return memo[node_id], node_id in cross
        if node_id in visiting:
            return (), False
        visiting.add(node_id)
        node = plan.nodes[node_id]
        is_cross = node.outcomes is not None and len(node.outcomes) == 0
        inherited: set[str] = set()
        for p in plan.parents.get(node_id, ()):
            if p not in plan.nodes:
                continue
            outs, p_cross = resolve(p)
            inherited |= set(outs)
            is_cross = is_cross or p_cross
        own = set(node.outcomes) if node.outcomes is not None else inherited
        visiting.discard(node_id)
        memo[node_id] = tuple(o for o in order if o in own)
        if is_cross:
            cross.add(node_id)
        return memo[node_id], is_cross

    for node_id in plan.nodes:
        resolve(node_id)
    return memo, cross


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
        assert facts.of_kind(kind) == list(plan.of_kind(kind))
        assert facts.ids_of(kind) == [n.id for n in plan.of_kind(kind)]
    assert facts.kind_of == {k: n.kind for k, n in plan.nodes.items()}
    assert [n.id for n in facts.with_lead] == [k for k, n in plan.nodes.items() if getattr(n, "lead", None)]
    assert facts.parents == {k: tuple(p for p in ps if p in plan.nodes) for k, ps in plan.parents.items()}
    assert facts.irregular_links == [
        (c, p) for c, ps in facts.parents.items() for p in ps if facts.level(p) != facts.level(c) - 1
    ]
    # Effective leads: a node's own, else (a milestone) its first objective parent's own lead.
    own = {k: facts.own_lead(k) for k in plan.nodes}
    for node_id, node in plan.nodes.items():
        expected = own[node_id]
        if not expected and node.kind == "milestone":
            expected = next((own[p] for p in facts.parents[node_id] if plan.nodes[p].kind == "objective" and own[p]), ())
        assert facts.lead_owners.get(node_id, ()) == expected


def test_a_cycle_resolves_as_in_file_order():
    # The aim (written first) is resolved first: its objective, reached again through the cycle,
    # inherits nothing, and keeps nothing even though the aim states an outcome.
    plan = _load({**PLAN_HEADER_DATA,
                    "aims": [{"id": "A1", "title": "Aim", "parent": "O1", "outcomes": ["be_healthy"]}],
                    "objectives": [{"id": "O1", "title": "Objective", "parent": "A1"}]})
    facts = PlanFacts(plan)
    assert facts.outcomes == {"A1": ("be_healthy",), "O1": ()}


@given(st.dictionaries(st.sampled_from("abcdefgh"), st.lists(st.sampled_from("abcdefghz"), max_size=3), max_size=8))
@settings(max_examples=200, deadline=None)
def test_strongly_connected_components_match_networkx(edges):
    import networkx as nx

    from outcome_graph.graph.components import strongly_connected

    graph = nx.DiGraph()
    graph.add_nodes_from(edges)
    graph.add_edges_from((a, b) for a, targets in edges.items() for b in targets if b in edges)
    ours = {frozenset(c) for c in strongly_connected(edges, lambda n: edges[n])}
    assert ours == {frozenset(c) for c in nx.strongly_connected_components(graph)}
