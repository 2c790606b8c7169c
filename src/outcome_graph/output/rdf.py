"""The plan as RDF (Turtle, N-Triples, JSON-LD...), for linked-data tools and SHACL validators.

Every node is a resource typed by its level (``og:Priority`` ... ``og:Milestone``,
``og:Indicator``), with its id, title, number and own outcomes; hierarchy links are ``og:parent``
(as written, so a parent that does not exist is still a link, to a resource with no type), leads
are ``og:leadOwner`` links to ``og:Owner`` resources (each lead text resolved as the rules resolve
it), indicators are ``og:measuredBy`` links. A milestone also carries its ``og:timescale`` as
written and its timing as the rules read it: ``og:timingKind`` (``dated``, ``undated``,
``external``, ``ongoing``) and, when dated, ``og:dueStart``/``og:dueEnd`` (``xsd:date``).

The vocabulary is ``urn:outcome-graph:v1#`` (prefix ``og``); node IRIs are
``urn:outcome-graph:plan:<plan id>:<node id>`` with the node id percent-encoded. rdflib is needed
(``pip install '.[rdf]'`` in a clone of the repository, or ``pip install rdflib``); it is imported
only when a graph is made.

>>> from outcome_graph import load
>>> plan = load('''
... format: outcome-graph/v1
... plan: {id: demo, period: {start: 2011-04-01, end: 2012-03-31}}
... priorities:
...   - id: P1
...     title: Safe
...     objectives:
...       - {id: O1, title: Fewer accidents, lead: Head of Safety,
...          milestones: [{id: M1, title: Audit, timescale: June 11}]}
... ''')
>>> g = to_rdf_graph(plan)
>>> sorted(str(o) for o in g.objects(node_iri(plan, "M1"), OG.dueEnd))
['2011-06-30']
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from ..errors import RenderError

if TYPE_CHECKING:
    import rdflib

    from ..model.plan import Plan

__all__ = ["VOCABULARY", "OG", "to_rdf_graph", "write_rdf", "node_iri", "RDF_FORMATS"]

#: The namespace of the outcome_graph vocabulary.
VOCABULARY = "urn:outcome-graph:v1#"

#: File suffixes and the rdflib serialisation each means.
RDF_FORMATS = {
    ".ttl": "turtle",
    ".nt": "nt",
    ".n3": "n3",
    ".jsonld": "json-ld",
    ".rdf": "xml",
    ".xml": "xml",
}

_CLASSES = {
    "vision": "Vision",
    "priority": "Priority",
    "aim": "Aim",
    "objective": "Objective",
    "milestone": "Milestone",
    "indicator": "Indicator",
}


def _rdflib() -> Any:
    try:
        import rdflib
    except ImportError:  # (rdflib is an optional dependency)
        # (the package is installed from its repository, not from PyPI: name what installs there)
        raise RenderError(
            "RDF export needs rdflib: pip install rdflib (or, in a clone of outcome-graph, pip "
            "install '.[rdf]')"
        ) from None
    return rdflib


class _Namespace:
    """``OG.term`` is the IRI of a term of the vocabulary (rdflib loaded on first use)."""

    def __getattr__(self, name: str) -> rdflib.URIRef:
        if name.startswith("__"):
            raise AttributeError(name)
        uri: rdflib.URIRef = _rdflib().URIRef(VOCABULARY + name)
        return uri


#: The vocabulary's terms: ``OG.Milestone``, ``OG.parent``, ``OG.dueEnd``...
OG = _Namespace()


def _base(plan: Plan) -> str:
    return f"urn:outcome-graph:plan:{quote(plan.id, safe='')}:"


def node_iri(plan: Plan, node_id: str) -> rdflib.URIRef:
    """The IRI of a node (or owner, or referenced id) of a plan.

    >>> from outcome_graph import load
    >>> plan = load("format: outcome-graph/v1\\n"
    ...             "plan: {id: demo, period: {start: 2011-04-01, end: 2012-03-31}}\\n")
    >>> str(node_iri(plan, "NI 72"))
    'urn:outcome-graph:plan:demo:NI%2072'
    """
    uri: rdflib.URIRef = _rdflib().URIRef(_base(plan) + quote(node_id, safe=""))
    return uri


def to_rdf_graph(plan: Plan) -> rdflib.Graph:
    """The plan as an :class:`rdflib.Graph` (see the module documentation).

    Parameters
    ----------
    plan : Plan
        A loaded plan.

    Returns
    -------
    rdflib.Graph
        With the prefix ``og`` bound to :data:`VOCABULARY`.

    Raises
    ------
    RenderError
        rdflib is not installed (an :class:`~outcome_graph.errors.OutcomeGraphError`).
    """
    rdf = _rdflib()
    from rdflib.namespace import RDF, RDFS, XSD

    from ..graph.facts import PlanFacts

    URIRef, Literal = rdf.URIRef, rdf.Literal
    facts = PlanFacts(plan)
    g: rdflib.Graph = rdf.Graph()
    g.bind("og", rdf.Namespace(VOCABULARY))
    add = g.add
    base = _base(plan)
    iris: dict[str, Any] = {}

    def iri(node_id: str) -> Any:
        ref = iris.get(node_id)
        if ref is None:
            ref = iris[node_id] = URIRef(base + quote(node_id, safe=""))
        return ref

    owner_iris: dict[str, Any] = {}

    def owner_iri(owner_id: str) -> Any:
        # (under 'owner/': a node's IRI holds no '/' unescaped, so a node named 'owner:SILS' is
        # not the owner SILS, as it was under 'owner%3A')
        ref = owner_iris.get(owner_id)
        if ref is None:
            ref = owner_iris[owner_id] = URIRef(base + "owner/" + quote(owner_id, safe=""))
        return ref

    # Most values recur (timing kinds, statuses, due dates, outcomes): each literal is made once,
    # which also lets the store's indexes find the very
    # object again instead of comparing equal ones.
    literals: dict[tuple[str, Any], Any] = {}

    def literal(value: str, datatype: Any = None) -> Any:
        key = (value, datatype)
        lit = literals.get(key)
        if lit is None:
            lit = literals[key] = Literal(value, datatype=datatype)
        return lit

    term = {
        name: URIRef(VOCABULARY + name)
        for name in (
            "Plan",
            "Owner",
            "id",
            "title",
            "number",
            "outcome",
            "parent",
            "leadOwner",
            "measuredBy",
            "dependsOn",
            "timescale",
            "timingKind",
            "dueStart",
            "dueEnd",
            "status",
            "name",
            "periodStart",
            "periodEnd",
            "plan",
            "direction",
            "declared",
        )
    }
    classes = {kind: URIRef(VOCABULARY + name) for kind, name in _CLASSES.items()}
    plan_iri = URIRef(base.rstrip(":"))
    add((plan_iri, RDF.type, term["Plan"]))
    add((plan_iri, term["id"], literal(plan.id)))
    add((plan_iri, RDFS.label, literal(plan.title)))
    start, end = plan.period
    add((plan_iri, term["periodStart"], literal(start.isoformat(), XSD.date)))
    add((plan_iri, term["periodEnd"], literal(end.isoformat(), XSD.date)))

    for owner in facts.owners.values():
        o = owner_iri(owner.id)
        add((o, RDF.type, term["Owner"]))
        add((o, term["name"], literal(owner.name)))
        add((o, term["declared"], Literal(owner.declared)))

    timing = facts.timing
    resolved = facts.resolved_leads
    for node in plan.nodes.values():
        n = iri(node.id)
        add((n, RDF.type, classes[node.kind]))
        add((n, term["plan"], plan_iri))
        add((n, term["id"], literal(node.id)))
        add((n, term["title"], literal(node.title)))
        if node.number:
            add((n, term["number"], literal(node.number)))
        for outcome in node.outcomes or ():
            add((n, term["outcome"], literal(outcome)))
        for parent in plan.parents.get(node.id, ()):
            add((n, term["parent"], iri(parent)))
        for lead in resolved.get(node.id, ()):
            add((n, term["leadOwner"], owner_iri(lead.owner_id)))
        fields = node.__dict__
        for ref in fields.get("indicators") or ():
            ind = plan.indicator(ref.id)
            add((n, term["measuredBy"], iri(ind.id if ind is not None else ref.id)))
        if node.kind == "milestone":
            for dep in fields.get("depends_on") or ():
                add((n, term["dependsOn"], iri(dep)))
            if fields.get("timescale"):
                add((n, term["timescale"], literal(fields["timescale"])))
            if fields.get("status"):
                add((n, term["status"], literal(fields["status"])))
            t = timing.get(node.id)
            if t is not None:
                add((n, term["timingKind"], literal(t.kind)))
                span = t.span
                if t.kind == "dated" and span is not None:
                    add((n, term["dueStart"], literal(span.start.isoformat(), XSD.date)))
                    add((n, term["dueEnd"], literal(span.end.isoformat(), XSD.date)))
        elif node.kind == "indicator" and fields.get("direction"):
            add((n, term["direction"], literal(fields["direction"])))
    return g


def write_rdf(plan: Plan, path: str | os.PathLike[str], *, format: str | None = None) -> None:
    """Write the plan as RDF, whole or not at all.

    Parameters
    ----------
    plan : Plan
        A loaded plan.
    path : str or PathLike
        The file to write; its suffix picks the serialisation (:data:`RDF_FORMATS`: ``.ttl``
        Turtle, ``.nt`` N-Triples, ``.jsonld`` JSON-LD, ``.rdf``/``.xml`` RDF/XML) unless
        ``format`` is given.
    format : str, optional
        An rdflib serialisation name (``turtle``, ``nt``, ``json-ld``, ``xml``, ``n3``).

    Raises
    ------
    RenderError
        rdflib is missing, the suffix names no RDF format, or the file cannot be written (an
        :class:`~outcome_graph.errors.OutcomeGraphError`).
    """
    from ..output.files import atomic_write_bytes, refuse_input_as_output

    suffix = os.path.splitext(str(path))[1].lower()
    fmt = format or RDF_FORMATS.get(suffix)
    if fmt is None:
        raise RenderError(
            f"{path}: cannot tell the RDF format from {suffix or 'a name without a suffix'}; "
            f"use one of {', '.join(RDF_FORMATS)}"
        )
    if plan.file:
        refuse_input_as_output(path, [plan.file])
    data = to_rdf_graph(plan).serialize(format=fmt, encoding="utf-8")
    atomic_write_bytes(path, data if isinstance(data, bytes) else str(data).encode("utf-8"))
