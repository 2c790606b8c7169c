"""The plan as a networkx graph.

Nodes are the plan's nodes (``kind`` vision, priority, aim, objective, milestone, indicator), its
owners (``kind="owner"``) and groups (``kind="group"``). Edges are typed by their ``key`` and
``type`` attribute:

``contributes_to``
    child -> parent in the hierarchy (a milestone contributes to its objective).
``measured_by``
    a priority, aim or objective -> an indicator it lists.
``led_by``
    a node -> each owner that leads it (effective leads: a milestone takes its objective's lead).
``depends_on``
    a milestone -> a milestone it depends on.
``member_of``
    a node -> a group that lists it.

References to ids that do not exist are not edges; they are in ``G.graph["broken"]``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .facts import HIERARCHY_KINDS, PlanFacts

if TYPE_CHECKING:
    import networkx as nx

    from ..model.plan import Plan

__all__ = ["build_graph", "EDGE_TYPES"]

EDGE_TYPES = ("contributes_to", "measured_by", "led_by", "depends_on", "member_of")


def build_graph(plan: Plan, facts: PlanFacts | None = None) -> nx.MultiDiGraph:
    """Turn a plan into a typed :class:`networkx.MultiDiGraph`.

    Node attributes: ``kind``, ``title``, ``number``, ``outcomes`` (after inheritance), ``level``
    (0 vision ... 4 milestone, -1 for indicators, owners and groups), ``line`` and ``column``
    (source position), and for milestones ``timing`` (the parsed due interval).

    Parameters
    ----------
    plan : Plan
        A loaded plan.
    facts : PlanFacts, optional
        The plan's derived facts, if already computed.

    Returns
    -------
    networkx.MultiDiGraph

    Examples
    --------
    >>> from outcome_graph import load
    >>> plan = load('''
    ... format: outcome-graph/v1
    ... plan: {id: d, period: {start: 2011-04-01, end: 2012-03-31}}
    ... priorities:
    ...   - id: P1
    ...     title: Healthy lives
    ...     outcomes: [be_healthy]
    ...     objectives: [{id: O1, title: Fewer teenage pregnancies, indicators: [NI 112]}]
    ... ''')
    >>> G = build_graph(plan)
    >>> sorted((u, v, k) for u, v, k in G.edges(keys=True))
    [('O1', 'NI 112', 'measured_by'), ('O1', 'P1', 'contributes_to')]
    >>> G.nodes["O1"]["outcomes"], G.nodes["O1"]["level"]
    (('be_healthy',), 3)
    """
    import networkx as nx

    from ..model.plan import require_plan

    require_plan("build_graph", plan)
    facts = facts or PlanFacts(plan)
    G = nx.MultiDiGraph(plan=plan.id, title=plan.title, framework=plan.framework.id)
    outcomes = facts.outcomes
    for node in plan.nodes.values():
        attrs: dict[str, object] = {
            "kind": node.kind,
            "title": node.title,
            "number": node.number,
            "outcomes": outcomes.get(node.id, ()),
            "level": facts.level(node.id),
            "line": node._line,
            "column": node._column,
            "cross_cutting": node.id in facts.cross_cutting,
        }
        if node.kind == "milestone":
            attrs["timing"] = facts.timing[node.id]
        if node.kind == "indicator":
            attrs["implicit"] = node.id in plan.implicit_indicators
        G.add_node(node.id, **attrs)
    for owner in facts.owners.values():
        line, col = plan.owner_lines.get(owner.id, (None, None))
        G.add_node(
            owner.id if owner.id not in G else f"owner:{owner.id}",
            kind="owner",
            title=owner.name,
            declared=owner.declared,
            level=-1,
            line=line,
            column=col,
            outcomes=(),
        )
    for group in plan.groups:
        line, col = plan.group_lines.get(group.id, (None, None))
        gid = group.id if group.id not in G else f"group:{group.id}"
        G.add_node(
            gid, kind="group", title=group.title, level=-1, line=line, column=col, outcomes=()
        )

    for child, parents in facts.parents.items():
        for p in parents:
            G.add_edge(child, p, key="contributes_to", type="contributes_to")
    for node_id, inds in facts.measured_by.items():
        for i in inds:
            G.add_edge(node_id, i, key="measured_by", type="measured_by")
    for node_id, owner_ids in facts.lead_owners.items():
        for o in owner_ids:
            target = o if G.nodes.get(o, {}).get("kind") == "owner" else f"owner:{o}"
            G.add_edge(node_id, target, key="led_by", type="led_by")
    for node in plan.nodes.values():
        for dep in getattr(node, "depends_on", ()) or ():
            if dep in plan.nodes:
                G.add_edge(node.id, dep, key="depends_on", type="depends_on")
    for group in plan.groups:
        gid = group.id if G.nodes[group.id].get("kind") == "group" else f"group:{group.id}"
        for m in group.members:
            if m in plan.nodes:
                G.add_edge(m, gid, key="member_of", type="member_of")
    G.graph["broken"] = list(facts.broken)
    return G


def hierarchy_view(G: nx.MultiDiGraph) -> nx.DiGraph:
    """The hierarchy alone (``contributes_to`` edges between hierarchy nodes), as a DiGraph."""
    import networkx as nx

    H = nx.DiGraph()
    H.add_nodes_from(n for n, k in G.nodes(data="kind") if k in HIERARCHY_KINDS)
    H.add_edges_from((u, v) for u, v, k in G.edges(keys=True) if k == "contributes_to")
    return H
