"""One outcome's slice (render --outcome): tagged work, and in plans that tag only their indicators,
the work those indicators measure."""

from __future__ import annotations

import re
import subprocess
import warnings

import pytest
from hypothesis import given

import outcome_graph as og
from outcome_graph.errors import RenderError
from outcome_graph.graph.facts import PlanFacts
from outcome_graph.graph.slices import WORK_KINDS, outcome_slice
from outcome_graph.output.diagram import InferredSliceWarning, diagram_options, to_dot
from outcome_graph.output.escape import svg_id

from .conftest import MODELS, PLAN_HEADER, og_command
from .strategies import OUTCOMES, plan_text, plans

THURROCK = MODELS / "thurrock-cypp-2011-12.yaml"
SOUTHEND = MODELS / "southend-cypp-2008-09.yaml"
RICHMOND = MODELS / "richmond-cypp-2009-2013.yaml"


@pytest.fixture(scope="module")
def thurrock() -> og.Plan:
    return og.load(THURROCK)


def drawn(plan: og.Plan, dot: str) -> set[str]:
    """The plan's nodes a DOT text draws (each carries ``id="og-<id>"``)."""
    return {n for n in plan.nodes if f'id="{svg_id(n)}"' in dot}


def quiet_dot(plan: og.Plan, **options: object) -> str:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", InferredSliceWarning)
        return to_dot(plan, diagram_options(plan, **options))  # type: ignore[arg-type]


# --- Thurrock: outcomes on its indicators only ----------------------------------------------------
def test_thurrock_stay_safe_is_the_work_its_stay_safe_indicators_measure(thurrock):
    part = outcome_slice(PlanFacts(thurrock), "stay_safe")
    assert not part.tagged  # (the plan tags no pillar, aim or objective)
    aims = {n for n in part.serving if thurrock.nodes[n].kind == "aim"}
    # NI 69 (bullying) is listed under P2.A3; P3's three aims list the safeguarding indicators.
    assert aims == {"P2.A3", "P3.A1", "P3.A2", "P3.A3"}
    # The objectives and milestones under them serve it with them, as they would inherit a tag.
    assert {"P3.A2.O1", "P3.A2.O2", "P2.A3.O1", "P3.A1.O1.M1"} <= part.serving
    assert part.context == {"P2", "P3"}  # (drawn for context; P2's other aims do not serve it)
    assert {"NI 69", "NI 64", "NI 65", "NI 67", "INSP-SCHOOLS-SS"} <= part.indicators
    # NI 50 (emotional health) is listed under the same aims, but measures 'Be healthy'.
    assert "NI 50" not in part.indicators and "NI 72" not in part.indicators
    # Pillar 4 is cross-cutting (`outcomes: []`): its
    # copies of the pillar 3 indicators draw nothing in.
    assert not any(n.startswith("P4") for n in part.nodes)
    assert not any(n.startswith("P1") for n in part.nodes)


def test_thurrock_positive_contribution_and_be_healthy_slices(thurrock):
    facts = PlanFacts(thurrock)
    aims = {
        o: {n for n in outcome_slice(facts, o).serving if thurrock.nodes[n].kind == "aim"}
        for o in ("positive_contribution", "be_healthy")
    }
    # INSP-SCHOOLS-PC states its outcome (P1.A2), NI 86 behaviour in schools (P2.A2), the youth
    # offending placeholders NI 19 and NI 43 (P3.A1).
    assert aims["positive_contribution"] == {"P1.A2", "P2.A2", "P3.A1"}
    assert "INSP-SCHOOLS-PC" in outcome_slice(facts, "positive_contribution").indicators
    # NI 112 (teenage pregnancy) under P2.A3, NI 51 (CAMHS) under P3.A2; pillar 1 lists none.
    assert aims["be_healthy"] == {"P2.A1", "P2.A2", "P2.A3", "P3.A1", "P3.A2", "P3.A3"}
    assert {"NI 112", "NI 51"} <= outcome_slice(facts, "be_healthy").indicators


def test_render_draws_thurrocks_stay_safe_slice_and_says_it_was_inferred(tmp_path):
    out = subprocess.run(
        [
            *og_command(),
            "render",
            str(THURROCK),
            "--outcome",
            "stay_safe",
            "-o",
            str(tmp_path / "s.dot"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    # (it said "nothing to draw: no node of the plan serves 'Stay safe'" and exited 2)
    assert out.returncode == 0, out.stderr
    assert (
        "notice: the nodes serving 'Stay safe' are inferred from the 'Stay safe' indicators "
        "measuring them" in out.stderr
    )
    dot = (tmp_path / "s.dot").read_text(encoding="utf-8")
    nodes = drawn(og.load(THURROCK), dot)
    assert {"V", "P2", "P3", "P2.A3", "P3.A1", "P3.A2", "P3.A3", "P3.A2.O1"} <= nodes
    assert not {"P1", "P4", "P4.A1", "P2.A1", "NI 50"} & nodes
    assert {"NI 69", "INSP-SCHOOLS-SS"} <= nodes
    assert (
        "the nodes serving 'Stay safe' (inferred from the 'Stay safe' indicators measuring them"
        in dot
    )  # (the title)
    # Each inferred node's tooltip says why it is there
    # (its fill says it has no outcome of its own).
    assert "Serves 'Stay safe', inferred from the indicators it lists: NI 69" in dot  # (P2.A3)
    assert (
        "Serves 'Stay safe', inferred from the indicators the work above it lists" in dot
    )  # (its objectives)


def test_the_owner_view_of_thurrocks_stay_safe_slice_draws_who_leads_that_work(thurrock):
    facts = PlanFacts(thurrock)
    serving = outcome_slice(facts, "stay_safe").serving
    leading = {o.id for o in facts.owners.values() if serving & set(o.milestones)}
    others = {o.id for o in facts.owners.values() if o.milestones} - leading
    assert leading and others
    dot = quiet_dot(thurrock, owners=True, outcome="stay_safe")
    assert set(re.findall(r'^\s*"owner: ([^"]+)"', dot, re.M)) == leading


# --- what keeps priority, and the error kept ------------------------------------------------------
MIXED = (
    PLAN_HEADER
    + """\
priorities:
  - {id: P1, title: Healthy lives, outcomes: [be_healthy], indicators: [I-SAFE]}
  - {id: P2, title: Schools, aims: [{id: P2.A1, title: Safer journeys, indicators: [I-SAFE],
      objectives: [{id: P2.A1.O1, title: Crossings}, {id: P2.A1.O2, title: Walking buses,
                                                      outcomes: [enjoy_and_achieve]}]}]}
  - {id: P3, title: Lean and fit, outcomes: [], indicators: [I-SAFE]}
  - {id: P4, title: Safe at home, outcomes: [stay_safe], indicators: [I-OTHER]}
indicators:
  - {id: I-SAFE, title: Children injured on the way to school, outcomes: [stay_safe]}
  - {id: I-OTHER, title: Repeat referrals}
"""
)


def test_stated_outcomes_keep_priority_over_what_an_indicator_suggests():
    plan = og.load(MIXED)
    part = outcome_slice(PlanFacts(plan), "stay_safe")
    assert part.tagged == {"P4"}
    # P2.A1 is untagged and lists a 'Stay safe' indicator; its untagged objective goes with it, the
    # one tagged 'Enjoy and achieve' does not. P1 is tagged otherwise (OG204's mismatch), P3 is
    # cross-cutting: neither is drawn in by the indicator.
    assert part.inferred == {"P2.A1", "P2.A1.O1"}
    assert part.context == {"P2"}
    assert part.indicators == {"I-SAFE", "I-OTHER"}
    with pytest.warns(InferredSliceWarning, match="tagged with it, or untagged and inferred"):
        dot = to_dot(plan, diagram_options(plan, outcome="stay_safe"))
    assert drawn(plan, dot) == {"P2", "P2.A1", "P2.A1.O1", "P4", "I-SAFE", "I-OTHER"}


UNTAGGED = (
    PLAN_HEADER
    + """\
priorities:
  - {id: P1, title: Safe at home, aims: [{id: P1.A1, title: Fewer referrals,
                                          indicators: [LOCAL-1]}]}
indicators:
  - {id: LOCAL-1, title: Repeat referrals}
"""
)


def test_a_plan_that_tags_neither_its_work_nor_its_indicators_still_says_nothing_serves(tmp_path):
    plan = og.load(UNTAGGED)
    assert not outcome_slice(PlanFacts(plan), "stay_safe")
    for owners in (False, True):
        with pytest.raises(RenderError) as info:
            to_dot(plan, diagram_options(plan, outcome="stay_safe", owners=owners))
        assert str(info.value) == (
            "nothing to draw: no node of the plan serves 'Stay safe' (the plan tags no priority, "
            "aim, objective or milestone with an outcome, and no indicator they list measures it)"
        )
    path = tmp_path / "plan.yaml"
    path.write_text(UNTAGGED, encoding="utf-8")
    out = subprocess.run(
        [*og_command(), "render", str(path), "--outcome", "2", "-o", str(tmp_path / "x.dot")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 2 and "no node of the plan serves 'Stay safe'" in out.stderr
    assert "Traceback" not in out.stderr and not (tmp_path / "x.dot").exists()


# --- Southend and Richmond: they tag their work, and their slices are as they were ----------------
@pytest.mark.parametrize("path", [SOUTHEND, RICHMOND], ids=["southend", "richmond"])
def test_plans_that_tag_their_work_slice_by_their_tags_alone(path):
    plan = og.load(path)
    facts = PlanFacts(plan)
    assert facts.outcomes_stated
    for o in plan.framework.ids:
        part = outcome_slice(facts, o)
        tagged = {
            n
            for n in plan.nodes
            if plan.nodes[n].kind in WORK_KINDS and o in facts.outcomes.get(n, ())
        }
        assert part.tagged == tagged and tagged and not part.inferred
        assert part.indicators == {i for n in tagged for i in facts.measured_by.get(n, ())}
        with warnings.catch_warnings():
            warnings.simplefilter(
                "error", InferredSliceWarning
            )  # (nothing was inferred: no notice)
            nodes = drawn(plan, to_dot(plan, diagram_options(plan, outcome=o, milestones=True)))
        above = {a for n in tagged for a in facts.ancestors(n)}
        expected = {n for n in tagged | above if plan.nodes[n].kind != "vision"}
        assert {
            n for n in nodes if n in plan.nodes and plan.nodes[n].kind in WORK_KINDS
        } == expected


# --- generated plans ------------------------------------------------------------------------------
@given(plans())
def test_a_slice_is_tagged_work_or_work_under_what_the_outcomes_indicators_measure(doc):
    plan = og.load(plan_text(doc))
    facts = PlanFacts(plan)
    outcomes, cross, kind_of = facts.outcomes, facts.cross_cutting, facts.kind_of

    def untagged(n: str) -> bool:
        return kind_of.get(n) in WORK_KINDS and not outcomes.get(n) and n not in cross

    for o in OUTCOMES:
        part = outcome_slice(facts, o)
        measured = {
            m
            for i, ms in facts.measures.items()
            if o in outcomes.get(i, ())
            for m in ms
            if untagged(m)
        }
        # Every tagged work node is in, and every untagged one an indicator of the outcome measures.
        assert part.tagged == {
            n for n, k in kind_of.items() if k in WORK_KINDS and o in outcomes.get(n, ())
        }
        assert measured <= part.inferred
        for n in part.inferred:  # an untagged node measured, or under one
            assert untagged(n) and ({n, *facts.ancestors(n)} & measured)
        # (a node stating outcomes under a cross-cutting one carries them, and is tagged; only the
        # inferred nodes are untagged, cross-cutting ones never)
        for n in part.context:
            assert set(facts.descendants(n)) & part.serving
        for i in part.indicators:
            on = set(facts.measures.get(i, ())) & part.serving
            assert on & part.tagged or (on & part.inferred and o in outcomes.get(i, ()))
        assert bool(part) == bool(part.tagged or measured)
        # The diagram draws the slice (and the vision above it) or says why it cannot.
        try:
            dot = quiet_dot(plan, outcome=o, milestones=True)
        except RenderError as exc:
            assert not part and str(exc).startswith("nothing to draw: ")
        else:
            assert part
            shown = drawn(plan, dot)
            assert shown <= part.nodes | {facts.vision_id}
            assert part.serving <= shown
