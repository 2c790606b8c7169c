"""Wording comparison (OG601 drift, OG602 reversal, OG109 duplicate keys), calibrated on the
variant wordings of real plans."""

from __future__ import annotations

import doctest

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from outcome_graph.analysis import wording as wording_module
from outcome_graph.analysis.wording import (
    FUNCTION_WORDS,
    Reversal,
    WordingDiff,
    is_placeholder_title,
    normalise_words,
    polarity_reversals,
    title_key,
    wording_diff,
)

# ---------------------------------------------------------------------------------------------
# Real variant pairs: (title as in the primary view, variant, drift?, reversal?)

# Thurrock 2011-12: the detail tables (title) against the summary matrix at the end and the
# pillar pages' "We will:" lists (variant).
THURROCK_PAIRS: list[tuple[str, str, bool, bool]] = [
    (
        "Excellent childcare, schools, colleges and services",
        "Priority One: Excellent childcare, schools, colleges and settings",
        True,
        False,
    ),
    ("Everyone Succeeding", "Priority two: Everyone succeeding", False, False),
    ("Protection When Needed", "Priority three: Protection when needed", False, False),
    ("Lean and Fit for the Future", "Priority four: lean and fit for the future", False, False),
    (
        "Aim: Raise attainment and promote engagement, resilience, active learning and economic "
        "wellbeing",
        "Raise attainment and promote engagement, resilience, active learning and economic "
        "wellbeing.",
        False,
        False,
    ),
    (
        "Promote the attainment and achievement of underachieving children",
        "Promote the attainment and achievement of under-achieving children",
        False,
        False,
    ),
    (
        "Building resilience through local accessible services which improve children's life "
        "chances",
        "Build parental and family resilience",
        True,
        False,
    ),
    (
        "Outstanding services for children who have been or may be abused",
        "Deliver outstanding services for children who have been or may be abused",
        False,
        False,
    ),  # (a framing verb)
    (
        "Outstanding services that build resilience and transform the life chances of disabled "
        "children, children in trouble and children in need of care",
        "Commission or deliver outstanding services for disabled children, children in trouble and "
        "children in care",
        True,
        False,
    ),
    ("Strong organisational discipline.", "Strong organisational discipline", False, False),
    (
        "Reduce levels of fixed term exclusions",
        "Reduce levels of permanent and fixed term exclusions",
        True,
        False,
    ),
    (
        "Ensure business processes are effective & efficient",
        "Deliver effective & efficient business processes",
        False,
        False,
    ),  # (framing)
    (
        "Improve policy & strategy development",
        "Build policy & strategy development capacity",
        True,
        False,
    ),
    (
        "Ensure interventions are timely, appropriate & based upon good quality assessments & care "
        "plans",
        "Deliver timely, proportionate, evidence-based interventions based upon good quality "
        "assessments & care plans",
        True,
        False,
    ),
    (
        "Continuously challenge & improve core safeguarding services",
        "Continuously challenge and improve core safeguarding services",
        False,
        False,
    ),
    (
        "Deliver flexible & diverse solutions to domestic abuse, parenting difficulties, & drug & "
        "alcohol problems",
        "Deliver flexible & diverse solutions to domestic abuse, parenting difficulties, and "
        "drug & alcohol problems",
        False,
        False,
    ),
    (
        "Develop specific approaches for preventing & intervening in violence against women & "
        "girls (including sexual bullying, trafficking, domestic violence, forced marriage & FGM)",
        "Develop specific approaches for preventing & intervening in violence against women and "
        "girls (including sexual bullying, trafficking, domestic violence, forced marriage & FGM)",
        False,
        False,
    ),
    (
        "Implement a Child Poverty Strategy setting out measures that the LA and all its partners "
        "will take to reduce and mitigate the impact of child poverty",
        "Implement a Child Poverty strategy setting out measures that the LA and all its partners "
        "will take to reduce and mitigate the impact of child poverty",
        False,
        False,
    ),
    # The summary matrix turns "increase" into "reduce": a real contradiction.
    (
        "Track, monitor and take steps to increase the number of pupils from lower income families "
        "entering further and higher education",
        "Track, monitor and take steps to reduce the number of pupils from lower income families "
        "entering further and higher education",
        True,
        True,
    ),
    (
        "Deliver outstanding fostering, private fostering & adoption; develop & maintain excellent "
        "services for children in care",
        "Deliver or commission outstanding social work services, fostering, private fostering & "
        "adoption services for children in care",
        True,
        False,
    ),
    (
        "Deliver timely, proportionate, evidence-based interventions based upon good quality "
        "assessments & care plans",
        "Deliver timely, proportionate, evidence based interventions based upon good quality "
        "assessments & care plans",
        False,
        False,
    ),
    (
        "Reduce gaps in literacy and numeracy particularly at 5 and by 11",
        "Reduce gaps in literacy and numeracy particularly at 5 and by 11",
        False,
        False,
    ),
]

# Southend 2008-09: Appendix 1's strategic objectives and priorities (title) against the
# needs-analysis table, the resources table and the introduction (variant).
SOUTHEND_PAIRS: list[tuple[str, str, bool, bool]] = [
    (
        "Promote healthy lifestyles for children and families.",
        "Promote healthy lifestyles for children and families, particularly reducing teenage "
        "pregnancy and substance misuse.",
        True,
        False,
    ),
    (
        "Improve the health of vulnerable groups particularly those with Learning Difficulties and "
        "Disabilities.",
        "Improve the health of vulnerable groups particularly those with LDD.",
        False,
        False,
    ),
    (
        "Strengthen our needs analysis and joint commissioning across the Partnership.",
        "Strengthen our needs analysis. Commissioning Strategy across the partnership.",
        True,
        False,
    ),
    (
        "Improve performance management and value for money across the Partnership.",
        "Improve service quality and value for money across the partnership.",
        True,
        False,
    ),
    (
        "Continue to improve participation and achievement 14-19 year olds.",
        "Continue to improve participation and achievement of 14-19 year olds.",
        False,
        False,
    ),
    (
        "Reduce antisocial behaviour and offending.",
        "Reduce anti social behaviour and offending.",
        False,
        False,
    ),
    (
        "Promote families' economic well being, particularly low income families.",
        "Promote families economic well being, particularly low income families.",
        False,
        False,
    ),
    (
        "Enable children & young People achieve highly",
        "Enable children and young people to achieve highly",
        False,
        False,
    ),
    (
        "Help young people to achieve economic well-being",
        "Help young people to achieve economic well being",
        False,
        False,
    ),
    (
        "Help young people to achieve economic well-being",
        "Help young people to achieve economic wellbeing",
        False,
        False,
    ),
    (
        "Enable children to participate in decision making particularly those from vulnerable "
        "groups.",
        "Enable children to participate in decision making particularly those from vulnerable "
        "groups",
        False,
        False,
    ),
    (
        "Improve service quality and ensure value for money.",
        "Improve service quality and ensure value for money.",
        False,
        False,
    ),
    (
        "Strategic Objective 2.3 to achieve Priority Two\tImprove the emotional health of "
        "vulnerable children and young people and complete the CAHMS transformation.",
        "Improve the emotional health of vulnerable children and young people and complete the "
        "CAHMS transformation.",
        False,
        False,
    ),
    (
        "PRIORITY ONE\tInspire high aspirations for children and young people",
        "1. Inspire high aspirations for children and young people",
        False,
        False,
    ),
    (
        "Enable more children to live safely at home, by improving preventative services so that "
        "vulnerable children are identified.",
        "Enable more children to live safely at home, by improving preventative services so that "
        "vulnerable children are identified.",
        False,
        False,
    ),
]


@pytest.mark.parametrize(("title", "variant", "drift", "reversal"), THURROCK_PAIRS + SOUTHEND_PAIRS)
def test_real_variant_pairs(title: str, variant: str, drift: bool, reversal: bool) -> None:
    assert wording_diff(title, variant).material is drift
    assert bool(polarity_reversals(title, variant)) is reversal
    # Neither comparison depends on which side is the title.
    assert wording_diff(variant, title).material is drift
    assert bool(polarity_reversals(variant, title)) is reversal


def test_thurrock_reversal_names_the_words() -> None:
    title, variant = THURROCK_PAIRS[18][:2]
    assert polarity_reversals(title, variant) == [Reversal("increase", "reduce")]
    assert wording_diff(title, variant) == WordingDiff(added=("reduce",), dropped=("increase",))


def test_drift_names_the_words_as_written() -> None:
    assert wording_diff(*THURROCK_PAIRS[0][:2]) == WordingDiff(("settings",), ("services",))
    assert wording_diff(*SOUTHEND_PAIRS[2][:2]) == WordingDiff(("Strategy",), ("joint",))
    diff = wording_diff(*SOUTHEND_PAIRS[0][:2])
    assert diff.added == ("particularly", "reducing", "teenage", "pregnancy", "substance", "misuse")
    assert diff.dropped == ()


# ---------------------------------------------------------------------------------------------
# Normalisation


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Priority One: Excellent childcare", ["excellent", "childcare"]),
        ("PRIORITY ONE\tInspire high aspirations", ["inspire", "high", "aspiration"]),
        ("Aim 2 - Raise attainment", ["raise", "attainment"]),
        ("Aim: Raise attainment", ["raise", "attainment"]),
        ("Objective: Raise attainment", ["raise", "attainment"]),
        ("Pillar 1: Everyone succeeding", ["everyone", "succeeding"]),
        ("1.2.3 Review the protocol", ["review", "the", "protocol"]),
        ("2.2.5a Review the protocol", ["review", "the", "protocol"]),
        (
            "Strategic Objective 1.1 to achieve Priority One Engage with parents",
            ["engage", "with", "parent"],
        ),
        ("Well-being, well being and wellbeing", ["wellbeing", "wellbeing", "and", "wellbeing"]),
        ("post-16 and post 16", ["post16", "and", "post16"]),
        ("anti-social, anti social, antisocial", ["antisocial", "antisocial", "antisocial"]),
        ("co-ordinated multi-agency work", ["coordinated", "multiagency", "work"]),
        ("Children's services & families'", ["child", "service", "and", "family"]),
        ("young people and a young person", ["young", "person", "and", "a", "young", "person"]),
        ("14 – 19 Strategic Plan", ["14-19", "strategic", "plan"]),
        ("Aim higher programme", ["aim", "higher", "programme"]),  # not a label
        ("Target school improvement services", ["target", "school", "improvement", "service"]),
        ("Target 100 schools", ["target", "100", "school"]),
        ("11 more children will be achieving", ["11", "more", "child", "will", "be", "achieving"]),
        ("Aim 2", ["aim", "2"]),  # a label with nothing after it is the title
        (
            "3.2 million children live in poverty",
            ["3.2", "million", "child", "live", "in", "poverty"],
        ),
        ("", []),
    ],
)
def test_normalise_words(text: str, words: list[str]) -> None:
    assert normalise_words(text) == words


def test_function_words_include_the_specs() -> None:
    assert {"a", "the", "to", "of", "their", "and"} <= FUNCTION_WORDS
    assert "not" not in FUNCTION_WORDS and "all" not in FUNCTION_WORDS


def test_title_key_finds_real_duplicates() -> None:
    # Thurrock states one objective in the pillar page, the detail table and the summary.
    assert title_key("Reduce levels of fixed term exclusions") == title_key(
        "Reduce levels of fixed-term exclusions."
    )
    assert title_key("Help young people to achieve economic well-being") == title_key(
        "Help young people achieve economic wellbeing"
    )
    assert title_key("Continuously challenge & improve core safeguarding services") == title_key(
        "Continuously challenge and improve core safeguarding services"
    )
    assert title_key("Reduce levels of fixed term exclusions") != title_key(
        "Reduce levels of permanent and fixed term exclusions"
    )
    # Word order and function words do not matter: these two are one objective.
    assert title_key("Improve school attendance") == title_key("Improve attendance at school.")
    assert title_key("Improve school attendance") != title_key("Improve LAC school attendance")


def test_acronyms_written_out_are_noise_only_when_they_fit() -> None:
    assert not wording_diff(
        "Improve access to CAMHS", "Improve access to Child and Adolescent Mental Health Services"
    ).material
    assert wording_diff("Improve access to CAMHS", "Improve access to youth services").material
    # (the words an acronym stands for are one run in one clause: not split by a semicolon)
    assert not wording_diff(
        "Improve outcomes for CLA", "Improve outcomes for children looked after"
    ).material
    assert wording_diff(
        "Improve outcomes for CLA", "Improve outcomes for children; looked after"
    ).material


def test_compounds_written_apart_on_one_side_only() -> None:
    assert not wording_diff("Expand child care places", "Expand childcare places").material
    assert not wording_diff("Reach hard to reach groups", "Reach hard-to-reach groups").material
    assert wording_diff("Expand child care places", "Expand care places").material


# ---------------------------------------------------------------------------------------------
# Reversals

CLEAR_REVERSALS = [
    (
        "Increase the number of apprenticeships",
        "Reduce the number of apprenticeships",
        ("Increase", "Reduce"),
    ),
    (
        "Increasing take up of free early education",
        "Reducing take up of free early education",
        ("Increasing", "Reducing"),
    ),
    ("Raise attainment at key stage 2", "Lower attainment at key stage 2", ("Raise", "Lower")),
    (
        "More young people will participate in sport",
        "Fewer young people will participate in sport",
        ("More", "Fewer"),
    ),
    ("More time in education", "Less time in education", ("More", "Less")),
    ("Higher rates of breastfeeding", "Lower rates of breastfeeding", ("Higher", "Lower")),
    (
        "No schools achieving below floor targets",
        "No schools achieving above floor targets",
        ("below", "above"),
    ),
    ("Fewer children entering care", "Fewer children leaving care", ("entering", "leaving")),
    ("Improve behaviour in schools", "Worsen behaviour in schools", ("Improve", "Worsen")),
    ("Attainment will rise", "Attainment will fall", ("rise", "fall")),
    (
        "Maximise the use of supported housing",
        "Minimise the use of supported housing",
        ("Maximise", "Minimise"),
    ),
    (
        "Narrow the gap for the lowest achieving children",
        "Widen the gap for the lowest achieving children",
        ("Narrow", "Widen"),
    ),
    (
        "Reduce to 6.5% the number of pupils not in employment, education or training",
        "Increase to 8% the number of pupils not in employment, education or training",
        ("Reduce", "Increase"),
    ),
    (
        "Continue the reduction of teenage pregnancies (NI 112)",
        "Continue the increase of teenage pregnancies (NI 112)",
        ("reduction", "increase"),
    ),
    (
        "Reduce the number of young people NEET",
        "Increase the number of young people NEET",
        ("Reduce", "Increase"),
    ),
    (
        "Commission high-quality short stay provision",
        "Commission low-quality short stay provision",
        ("high-quality", "low-quality"),
    ),
    ("Children judged good at inspection", "Children judged poor at inspection", ("good", "poor")),
    # A direction word alone in its clause (a summary matrix's "measure: direction" cells): the
    # aligned words around it are the evidence.
    (
        "Teenage pregnancies: reduce",
        "Teenage pregnancies: increase",
        ("reduce", "increase"),
    ),
    ("Under-18 conceptions (reduce)", "Under-18 conceptions (increase)", ("reduce", "increase")),
]


@pytest.mark.parametrize(("title", "variant", "words"), CLEAR_REVERSALS)
def test_clear_reversals_fire(title: str, variant: str, words: tuple[str, str]) -> None:
    assert polarity_reversals(title, variant) == [Reversal(*words)]


NOT_REVERSALS = [
    # A rewording that flips the measure and the direction together (NEET / EET).
    (
        "Reduce the number of young people NEET",
        "Increase the number of young people in education, employment or training",
    ),
    (
        "NI 117: Reduce the number of 16 to 18 year olds who are not in education, training or "
        "employment (NEET)",
        "Increase the number of 16 to 18 year olds in education, training or employment",
    ),
    (
        "Reduce the number of pupils without a school place",
        "Increase the number of pupils with a school place",
    ),
    # The object changed, not the direction.
    ("Raise attainment and promote engagement", "Reduce gaps in attainment"),
    ("Increase the number of apprenticeships", "Reduce the number of exclusions"),
    # Two directions, reordered or dropped.
    (
        "Increase attendance and reduce persistent absence",
        "Reduce persistent absence and increase attendance",
    ),
    (
        "Improve school attendance and reduce the incidence of persistent absence",
        "Reduce persistent absence",
    ),
    # Synonyms of one pole, different axes.
    ("Reduce the gap in attainment", "Narrow the gap in attainment"),
    ("Improve waiting times", "Reduce waiting times"),
    (
        "Reduce or eliminate the number of primary schools achieving below floor targets",
        "Deliver or commission a programme of support to raise attainment and reduce/eliminate "
        "schools below floor target",
    ),
    # A negation two words before a direction word turns it round: not reducing is not the reverse
    # of increasing.
    ("Increase attendance", "Not further reduce attendance"),
    # "higher" in "higher education" is not a direction that anything reverses here.
    (
        "Increase the number of pupils from lower income families entering higher education",
        "Increase the number of pupils from low income families entering further education",
    ),
]


# Two turns that restore the meaning: a direction word governing a change ("reduce the rise"),
# a pair naming both ends reordered, and a count of the complement ("schools below the floor" /
# "schools above the floor").
TWO_TURNS = [
    ("Reduce the rise in obesity", "Increase the fall in obesity"),
    ("Reduce the rate of increase in obesity", "Increase the rate of reduction in obesity"),
    ("Reduce the decline in attendance", "Increase the growth in attendance"),
    (
        "Narrow the gap between low and high achievers",
        "Narrow the gap between high and low achievers",
    ),
    (
        "Reduce the number of schools below floor targets",
        "Increase the number of schools above floor targets",
    ),
    (
        "Increase the percentage of schools judged good",
        "Reduce the percentage of schools judged poor",
    ),
]


@pytest.mark.parametrize(("title", "variant"), TWO_TURNS)
def test_two_turns_that_restore_the_meaning_are_not_reversals(title: str, variant: str) -> None:
    assert polarity_reversals(title, variant) == []
    assert polarity_reversals(variant, title) == []
    # Changed words are still drift (OG601, info); the same words reordered are nothing.
    assert wording_diff(title, variant).material is (
        sorted(title.split()) != sorted(variant.split())
    )


# One turn of the two is a reversal, named by its own words.
ONE_TURN = [
    ("Reduce the rise in obesity", "Increase the rise in obesity", ("Reduce", "Increase")),
    ("Reduce the rise in obesity", "Reduce the fall in obesity", ("rise", "fall")),
    (
        "Reduce the rate of increase in obesity",
        "Increase the rate of increase in obesity",
        ("Reduce", "Increase"),
    ),
    (
        "Narrow the gap between low and high achievers",
        "Widen the gap between high and low achievers",
        ("Narrow", "Widen"),
    ),
    (
        "Reduce the number of schools below floor targets",
        "Increase the number of schools below floor targets",
        ("Reduce", "Increase"),
    ),
    (
        "Reduce the number of schools below floor targets",
        "Reduce the number of schools above floor targets",
        ("below", "above"),
    ),
]


@pytest.mark.parametrize(("title", "variant", "words"), ONE_TURN)
def test_one_turn_of_two_is_a_reversal(title: str, variant: str, words: tuple[str, str]) -> None:
    assert polarity_reversals(title, variant) == [Reversal(*words)]


@pytest.mark.parametrize(
    ("title", "variant", "words"),
    [
        (
            "Keep sickness absence low; rate of decline in attendance halted",
            "Keep sickness absence low; rate of growth in attendance halted",
            ("decline", "growth"),
        ),
        (
            "Attainment high, rate of increase in exclusions",
            "Attainment high, rate of reduction in exclusions",
            ("increase", "reduction"),
        ),
    ],
)
def test_a_level_word_of_the_clause_before_does_not_govern_a_change(
    title: str, variant: str, words: tuple[str, str]
) -> None:
    # ('low' and 'high' end their clause: the change after the punctuation is turned by nothing,
    # and its reversal is one)
    assert polarity_reversals(title, variant) == [Reversal(*words)]
    assert polarity_reversals(variant, title) == [Reversal(*reversed(words))]


def test_two_turns_at_the_start_of_a_clause_are_still_two() -> None:
    # (the direction word opening the clause governs the change, whatever the clause before it)
    title = "Healthy lives: reduce the rate of increase in obesity"
    variant = "Healthy lives: increase the rate of reduction in obesity"
    assert polarity_reversals(title, variant) == []
    assert polarity_reversals(variant, title) == []


@pytest.mark.parametrize(
    ("title", "variant", "words"),
    [
        ("Children are safe", "Children are not safe", ("safe", "not safe")),
        ("Reduce exclusions", "Do not reduce exclusions", ("reduce", "not reduce")),
        (
            "Children will never be placed out of borough",
            "Children will be placed out of borough",
            ("never be placed", "be placed"),
        ),
        # 'cannot' taken out leaves 'can', and the words negated are quoted as written ('not in
        # education', not 'not education')
        (
            "Children cannot be placed out of borough",
            "Children can be placed out of borough",
            ("cannot be placed", "can be placed"),
        ),
        (
            "Fewer young people in education",
            "Fewer young people not in education",
            ("in education", "not in education"),
        ),
    ],
)
def test_a_negation_added_or_removed_is_a_reversal(
    title: str, variant: str, words: tuple[str, str]
) -> None:
    assert polarity_reversals(title, variant) == [Reversal(*words)]


@pytest.mark.parametrize(
    ("title", "variant"),
    [
        ("Children are not unsafe", "Children are not unsafe."),
        (
            "Do not reduce exclusions",
            "Not reduce exclusions",
        ),  # the same negation, its auxiliary dropped
        ("Children are safe", "Children are not never safe"),  # two negations: no change of sense
        (
            "Ensure every child is safe",
            "Ensure no child is not safe",
        ),  # other words differ: OG601's
    ],
)
def test_negations_that_agree_are_not_reversals(title: str, variant: str) -> None:
    assert polarity_reversals(title, variant) == []


def test_two_directions_on_two_objects_both_reverse() -> None:
    # Not two turns of one meaning: each object goes the other way.
    assert polarity_reversals(
        "Reduce exclusions and increase attendance", "Increase exclusions and reduce attendance"
    ) == [Reversal("Reduce", "Increase"), Reversal("increase", "reduce")]
    assert (
        len(polarity_reversals("Reduce high rates of obesity", "Increase low rates of obesity"))
        == 2
    )


@pytest.mark.parametrize(("title", "variant"), NOT_REVERSALS)
def test_rewordings_are_not_reversals(title: str, variant: str) -> None:
    assert polarity_reversals(title, variant) == []


def test_near_identical_wordings_have_no_reversal() -> None:
    for title, variant, _, _ in THURROCK_PAIRS + SOUTHEND_PAIRS:
        if not wording_diff(title, variant).material:
            assert polarity_reversals(title, variant) == []


# ---------------------------------------------------------------------------------------------
# Properties

_VOCAB = [
    "raise",
    "attainment",
    "promote",
    "engagement",
    "resilience",
    "active",
    "learning",
    "economic",
    "ensure",
    "high",
    "quality",
    "education",
    "training",
    "young",
    "families",
    "progression",
    "routes",
    "qualifications",
    "target",
    "improvement",
    "schools",
    "good",
    "outstanding",
    "gaps",
    "groups",
    "underachieving",
    "family",
    "whole",
    "equip",
    "skills",
    "local",
    "opportunities",
    "commission",
    "early",
    "years",
    "settings",
    "support",
    "effective",
    "targeting",
    "need",
    "services",
    "identification",
    "intervention",
    "integrate",
    "delivery",
    "increase",
    "reduce",
    "more",
    "fewer",
    "entering",
    "leaving",
    "improve",
    "worsen",
    "pupils",
    "number",
    "lower",
    "higher",
    "income",
    "not",
    "neet",
    "children",
    "people",
]
_titles = st.lists(st.sampled_from(_VOCAB), min_size=1, max_size=12)


@given(st.text(max_size=200))
def test_a_wording_does_not_differ_from_itself(text: str) -> None:
    diff = wording_diff(text, text)
    assert diff == WordingDiff((), ()) and not diff.material
    assert polarity_reversals(text, text) == []


@given(_titles.flatmap(lambda ws: st.tuples(st.just(ws), st.permutations(ws))))
def test_word_order_is_not_drift(words: tuple[list[str], list[str]]) -> None:
    title, shuffled = (" ".join(w) for w in words)
    assert not wording_diff(title, shuffled).material
    # A key is made from one title alone: a framing verb opening one ordering ("Ensure ...") is
    # left out of its key and not of the other's, where OG601, comparing the two, finds the word
    # in both. So the key ignores word order in titles without one.
    if "ensure" not in words[0]:
        assert title_key(title) == title_key(shuffled)


@given(
    _titles,
    st.sampled_from(["", ".", "Priority One: ", "Aim 2 - ", "1.2.3 ", "Objective: "]),
    st.booleans(),
)
def test_noise_is_not_drift(words: list[str], label: str, upper: bool) -> None:
    title = " ".join(words)
    variant = label + (title.upper() if upper else title.capitalize()).replace(" ", " the ")
    assert not wording_diff(title, variant).material
    assert polarity_reversals(title, variant) == []


@given(st.text(max_size=120), st.text(max_size=120))
def test_comparisons_never_raise(title: str, variant: str) -> None:
    diff = wording_diff(title, variant)
    assert all(isinstance(w, str) and w for w in diff.added + diff.dropped)
    polarity_reversals(title, variant)
    title_key(title)
    normalise_words(variant)


def test_docstring_examples() -> None:
    assert doctest.testmod(wording_module).failed == 0


def test_verb_inflections_are_not_drift() -> None:
    from outcome_graph.analysis.wording import wording_diff

    assert not wording_diff(
        "Building resilience in families", "Build resilience in families"
    ).material
    assert not wording_diff("Develop the strategy", "Developed the strategy").material
    assert not wording_diff(
        "Making progress in reading", "Make progress in reading"
    ).material  # (six letters)
    assert not wording_diff(
        "Review approaches to inclusion", "Review approach to inclusion"
    ).material  # (-es)
    assert wording_diff("Build resilience", "Build capacity").material
    # (plurals in -sses and -ches: the singular, not a word cut short)
    assert not wording_diff("Run parenting classes", "Run a parenting class").material
    assert not wording_diff("Support local businesses", "Support a local business").material
    assert not wording_diff("Map the school catchments", "Map the school catchment").material
    assert title_key("Parenting classes") == title_key("Parenting class")


@pytest.mark.parametrize(
    ("title", "variant"),
    [
        # (Thurrock's P3.A2, P4.A2.O1 and P3.A2.O2: the summary matrix opens with "Deliver")
        (
            "Outstanding services for children who have been or may be abused",
            "Deliver outstanding services for children who have been or may be abused",
        ),
        (
            "Ensure business processes are effective & efficient",
            "Deliver effective & efficient business processes",
        ),
        ("Reduce exclusions", "We will reduce exclusions"),
        ("To reduce exclusions", "We will reduce exclusions"),
        ("Ensure that every child is safe", "Every child safe"),
    ],
)
def test_a_framing_opening_is_not_drift(title: str, variant: str) -> None:
    assert not wording_diff(title, variant).material
    assert not wording_diff(variant, title).material


def test_framing_words_are_ignored_only_where_they_open_the_wording() -> None:
    assert wording_diff(
        "Ensure interventions are timely, appropriate & based upon good quality assessments & "
        "care plans",
        "Deliver timely, proportionate, evidence-based interventions based upon good quality "
        "assessments & care plans",
    ) == WordingDiff(("proportionate", "evidence-based"), ("appropriate",))
    # Not in the middle: who delivers is said ...
    assert wording_diff("Commission or deliver services", "Commission services") == WordingDiff(
        (), ("deliver",)
    )
    # ... nor a copula away from "ensure", nor the verb that replaces a framing one.
    assert wording_diff("Children are safe", "Children safe") == WordingDiff((), ("are",))
    assert wording_diff("Deliver short breaks", "Commission short breaks") == WordingDiff(
        ("Commission",), ()
    )


_KEY_WORDS = st.sampled_from(
    [
        *_VOCAB,
        "well",
        "being",
        "post",
        "under",
        "non",
        "re",
        "the",
        "of",
        "and",
        "Priority",
        "Aim",
        "strategic",
        "Key",
        "target",
        "Target",
        "one",
        "LAC",
        "NEET",
        "Schools",
        "families",
        "Children",
        "achieving",
        "attending",
        "We",
        "will",
        "shall",
        "Ensure",
        "ensures",
        "Deliver",
        "delivers",
        "delivering",
        "are",
        "is",
        "be",
    ]
)


@given(
    st.lists(_KEY_WORDS, min_size=1, max_size=10).map(" ".join)
    | st.text(alphabet="abAB ", max_size=30)
)
def test_the_plain_title_key_path_is_the_token_key(text: str) -> None:
    # Titles of plain ASCII words take a short path; the key is still the distinct content words
    # of the full tokenisation, framing aside, stemmed and sorted.
    assert wording_module.title_key.__wrapped__(text) == _token_key(text)


@given(
    st.text(max_size=80)
    | st.lists(
        _KEY_WORDS | st.sampled_from(["&", ",", "-", "2.1", "(a)", "Care's"]), max_size=10
    ).map(" ".join)
)
def test_every_title_key_is_the_token_key(text: str) -> None:
    # (titles with punctuation, digits or other letters take the long path: the same key)
    assert wording_module.title_key.__wrapped__(text) == _token_key(text)


def _token_key(text: str) -> str:
    """title_key's definition, from the tokens OG601 compares: the stems of the content words
    outside a framing opening (all of them where nothing else is left), distinct and sorted."""
    tokens = wording_module._tokens(text)
    framing = wording_module._framing(tokens)
    content = [(i, t.norm) for i, t in enumerate(tokens) if t.norm and not t.function]
    words = {w for i, w in content if i not in framing} or {w for _i, w in content}
    return " ".join(sorted({wording_module._inflection_stem(w) for w in words}))


# Plain titles (letters and single spaces) take a short path in title_key; these start with the
# words a label may start with, and hold the words compounds are joined from.
_PLAIN_FIRST = [
    "Priority",
    "Aim",
    "Objective",
    "Strategic",
    "Key",
    "Theme",
    "Target",
    "Outcome",
    "Action",
    "Milestone",
    "Pillar",
    "Improve",
    "Well",
    "Post",
    "Under",
    "Non",
    "We",
    "Ensure",
    "Deliver",
]
_PLAIN_MORE = [
    *_VOCAB,
    "one",
    "two",
    "well",
    "being",
    "post",
    "under",
    "achieving",
    "non",
    "attendance",
    "the",
    "and",
    "of",
    "will",
    "deliver",
    "are",
]


@given(
    st.sampled_from(_PLAIN_FIRST),
    st.lists(st.sampled_from(_PLAIN_MORE), max_size=8),
    st.sampled_from(["", ":", " 2:", " 1 -", ".", " (a)"]),
)
@example("Priority", ["one", "improve", "attendance"], "")  # (a label, though a plain title)
@example("Strategic", ["priority", "two", "well", "being"], "")
@example("Well", ["being", "of", "young", "people"], ":")
def test_title_key_is_the_sorted_content_words(first: str, rest: list[str], label_end: str) -> None:
    # (title_key's definition: the distinct stems of the normalised words but function words and
    # a framing opening, sorted; whatever path it takes to them)
    for title in (" ".join([first, *rest]), " ".join([first + label_end, *rest])):
        wording_module.title_key.cache_clear()
        assert title_key(title) == _token_key(title), title
        if not {"we", "will", "ensure", "deliver"} & set(normalise_words(title)):
            expected = " ".join(
                sorted(
                    {
                        wording_module._inflection_stem(w)
                        for w in normalise_words(title)
                        if w not in FUNCTION_WORDS
                    }
                )
            )
            assert title_key(title) == expected, title


@pytest.mark.parametrize(
    ("title", "placeholder"),
    [
        # Placeholders and the drafting notes Thurrock's plan left where indicator wording was due
        ("TBC", True),
        ("tbd", True),
        ("N/A", True),
        ("-", True),
        ("", True),
        ("To be confirmed.", True),
        ("Chlamydia comment", True),
        ("YOIS comment re", True),
        ("Comment to follow", True),
        ("Text to follow", True),
        ("Wording to come", True),
        # ... and titles that only mention such words.
        ("Prevalence of Chlamydia in under 25 year olds", False),
        ("Satisfaction with services (baseline TBC)", False),
        ("Complaints and comments", False),
        ("Complaints and comment", False),
        ("Number of complaints and comments received", False),
        ("Young people who feel their views are taken into account when services comment", False),
        ("Percentage of pupils who go on to follow an apprenticeship", False),
    ],
)
def test_placeholder_titles(title: str, placeholder: bool) -> None:
    assert is_placeholder_title(title) is placeholder


_SAME_ITEM_WORDS = st.sampled_from(
    [
        "We",
        "will",
        "Ensure",
        "Deliver",
        "deliver",
        "are",
        "is",
        "build",
        "building",
        "built",
        "develop",
        "developed",
        "services",
        "service",
        "children",
        "child",
        "the",
        "of",
        "and",
        "&",
        "safe",
        "reduce",
        "exclusions",
        "commission",
        "or",
        "families",
        "family",
        "Priority One:",
    ]
)


@given(
    st.lists(_SAME_ITEM_WORDS, min_size=1, max_size=8).map(" ".join),
    st.lists(_SAME_ITEM_WORDS, min_size=1, max_size=8).map(" ".join),
)
def test_titles_og109_takes_for_one_are_no_drift_to_og601(a: str, b: str) -> None:
    # OG109 compares titles "after OG601's normalisation": two titles with one key are two
    # wordings of which OG601 reports no difference, either way round.
    if title_key(a) == title_key(b):
        assert not wording_diff(a, b).material and not wording_diff(b, a).material, (a, b)
