"""RDF export: the plan's nodes, links and timing as triples; Turtle through `convert`; SHACL agrees
with the rules."""

from __future__ import annotations

import subprocess
from collections import Counter, defaultdict
from pathlib import Path

import pytest

import outcome_graph as og
from outcome_graph.errors import OutcomeGraphError
from outcome_graph.synth import dump_yaml, generate

from .conftest import MODELS, og_command

rdflib = pytest.importorskip("rdflib")

from outcome_graph.output.rdf import OG, node_iri, to_rdf_graph, write_rdf  # noqa: E402

THURROCK = MODELS / "thurrock-cypp-2011-12.yaml"
SHAPES = Path(__file__).resolve().parent.parent / "bench" / "shapes.ttl"


def test_nodes_links_and_timing():
    plan = og.load(THURROCK)
    g = to_rdf_graph(plan)
    typed = Counter(str(o).rsplit("#", 1)[1] for o in g.objects(None, rdflib.RDF.type))
    kinds = Counter(n.kind.capitalize() for n in plan.nodes.values())
    for kind, count in kinds.items():
        assert typed[kind] == count
    m = node_iri(plan, "P1.A1.O1.M1")
    assert (m, OG.parent, node_iri(plan, "P1.A1.O1")) in g
    facts = og.PlanFacts(plan)
    assert str(g.value(m, OG.dueEnd)) == facts.timing["P1.A1.O1.M1"].span.end.isoformat()
    assert g.value(m, OG.timingKind).toPython() == "dated"
    # an objective's lead, resolved to its owner
    owners = {str(g.value(o, OG.name)) for o in g.objects(node_iri(plan, "P1.A1.O1"), OG.leadOwner)}
    assert owners == {facts.owners[o].name for o in facts.lead_owners["P1.A1.O1"]}


def test_turtle_file_and_convert(tmp_path: Path, cli_env):
    plan = og.load(THURROCK)
    write_rdf(plan, tmp_path / "t.ttl")
    again = rdflib.Graph().parse(tmp_path / "t.ttl")
    assert len(again) == len(to_rdf_graph(plan))
    with pytest.raises(OutcomeGraphError, match="RDF format"):
        write_rdf(plan, tmp_path / "t.docx")
    run = subprocess.run(
        [*og_command(), "convert", str(THURROCK), str(tmp_path / "c.ttl")],
        capture_output=True,
        text=True,
        env=cli_env,
    )
    assert run.returncode == 0, run.stderr
    assert len(rdflib.Graph().parse(tmp_path / "c.ttl")) == len(again)


@pytest.mark.parametrize("source", ["thurrock", "synthetic"])
def test_shacl_shapes_find_what_the_rules_find(source):
    pyshacl = pytest.importorskip("pyshacl")
    plan = og.load(THURROCK) if source == "thurrock" else og.load(dump_yaml(generate(400, seed=9)))
    shapes = rdflib.Graph().parse(SHAPES)
    _conforms, results, _text = pyshacl.validate(
        to_rdf_graph(plan), shacl_graph=shapes, inference="none"
    )
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    focus: dict[str, set[str]] = defaultdict(set)
    for r in results.subjects(rdflib.RDF.type, sh.ValidationResult):
        shape = results.value(r, sh.sourceShape)
        owner = shapes.value(predicate=sh.property, object=shape) or shape
        focus[str(owner).rsplit("#", 1)[1][:5]].add(str(results.value(r, sh.focusNode)))
    report = og.check(plan)
    ours = Counter(f.rule for f in [*report.findings, *report.suppressed])
    for code in ("OG103", "OG301", "OG401"):
        assert len(focus[code]) == ours[code], code
    assert sum(len(v) for v in focus.values()) > 0


def test_without_rdflib_the_error_names_an_install_that_works(tmp_path, monkeypatch):
    # (the message said pip install 'outcome-graph[rdf]', a package not on PyPI: the README installs
    # from the repository)
    import sys

    monkeypatch.setitem(sys.modules, "rdflib", None)  # (import rdflib then raises ImportError)
    with pytest.raises(OutcomeGraphError) as info:
        og.convert_plan(MODELS / "thurrock-cypp-2011-12.yaml", tmp_path / "t.ttl")
    assert "pip install rdflib" in str(info.value) and "pip install '.[rdf]'" in str(info.value)
    assert "outcome-graph[rdf]" not in str(info.value) and not (tmp_path / "t.ttl").exists()


def test_an_owner_and_a_node_whose_id_reads_like_it_are_two_resources():
    # (a node 'owner:SILS' was the owner SILS: one resource typed both Owner and Priority)
    from rdflib.namespace import RDF

    plan = og.load(
        "format: outcome-graph/v1\nplan: {id: p, period: {start: 2011-04-01, end: 2012-03-31}}\n"
        "priorities: [{id: 'owner:SILS', title: Safe, lead: SILS}]\n"
    )
    g = to_rdf_graph(plan)
    node = node_iri(plan, "owner:SILS")
    assert set(g.objects(node, RDF.type)) == {OG.Priority}
    [owner] = g.objects(node, OG.leadOwner)
    assert owner != node and set(g.objects(owner, RDF.type)) == {OG.Owner}
