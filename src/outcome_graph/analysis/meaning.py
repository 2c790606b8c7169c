"""Does a plan's title for an indicator mean the catalogue's indicator?

Plans quote indicator titles loosely: Richmond lists NI 71 as "Children missing from home or
care" where the catalogue says "Children who have run away from home/care overnight", Thurrock
describes NI 112 as "Continue the reduction of teenage pregnancies". Rule OG502
(indicator-title-mismatch) must let those pass and still catch a title that describes another
indicator ("Increase children and young people's participation in sport" under NI 157, the
processing of planning applications). This module compares *meanings*:

1. **Normalise** both titles: case, punctuation, possessives, ``&``, ``%``. The field's
   abbreviations and synonyms become concept terms (``NEET`` = "not in education, employment
   or training"; ``KS2`` = "Key Stage 2" = "end of primary"; ``GCSE`` = "5 A*-C" (and KS4);
   ``CAMHS``/``CAHMS`` = child and adolescent mental health services; ``LAC`` = looked after
   children = children in care; ``FSM`` = free school meals; ``SEN`` = special (educational)
   needs; ``CP plan`` = child protection plan; under 18 conception = teenage pregnancy;
   obesity = overweight = ``BMI``; ``YOT``/``YOS``; first time entrants; running away = going
   missing; Sure Start children's centres; take-up = uptake ...). Remaining words are reduced
   by a small suffix stemmer with a few field lemmas (exclusion = excluded, absence = absentee
   = attendance, attainment = achievement, meals = lunches). "Young people", "children" and
   "pupils" become one generic term. Target wording (increase, reduce, fewer, maintain,
   "08/09 target: 6.2%"), survey labels (LAA, TellUs) and bare numbers are dropped.
2. **Weigh** each term by its inverse document frequency over all catalogue titles, so that
   words used by few indicators (chlamydia, breastfeeding, NEET) weigh much and generic words
   weigh little; a list of generic words (children, percentage, rate, number, services,
   participation, take-up, prevalence ...) is capped at a small weight however rare it is.
3. **Score** a title against an entry: the weight of the terms they share divided by the
   geometric mean of their total weights (0 = nothing shared, 1 = the same terms). A plan word
   that no catalogue title uses cannot match anything and counts only a little (2.0, against
   about 5 for a rare catalogue word), so a long sentence ("11 more children will be achieving
   ...") is not penalised much for its extra words, while a title whose meaning lies in words
   the catalogues do not use ("Gypsy and traveller site provision") does not evidently
   describe an indicator it shares one word with.
4. **Decide**, as a careful reader would, leaning towards agreement:

   - a title with no distinctive term (empty, "Young people", "Rate of children") has nothing
     to judge: it agrees;
   - it agrees when it shares *evidence* with the claimed entry: one distinctive term (used
     by at most about eight catalogue titles), or shared terms that weigh enough together
     ("schools" and "attainment"), or a high score;
   - it agrees when the claimed indicator (or its parent or sub-indicator) is among the three
     indicators that match the title best;
   - otherwise it disagrees when another indicator matches clearly better (a score of at
     least 0.30, beating the claimed entry by 0.15, and sharing evidence with the title; it is
     named in ``better``), or when the title has heavy distinctive terms of its own that the
     claimed entry lacks (clearly another subject);
   - everything else agrees: a strategy lead must not be told about near misses;
   - a catalogue title whose wording is unverified (``title_verified: no``) is approximate, so
     disagreeing with it needs a wider margin (0.25) and more weight of another subject.

   On near ties between candidate indicators, one about children and young people (an entry
   with outcomes) is preferred, the more so when the title itself names children.

Examples
--------
>>> from outcome_graph.reference.catalogue import national_indicators
>>> ni = national_indicators()
>>> matcher = MeaningMatcher([ni])
>>> matcher.compare("Young people NEET", ni.lookup("NI 117")).agrees
True
>>> verdict = matcher.compare("Participation in sport", ni.lookup("NI 157"))
>>> verdict.agrees, verdict.better.code
(False, 'NI 57')
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from outcome_graph.reference.catalogue import Catalogue, CatalogueEntry

__all__ = ["MeaningMatcher", "MeaningVerdict", "key_terms"]


@dataclass(frozen=True)
class MeaningVerdict:
    """The outcome of comparing a plan's indicator title with a catalogue entry.

    Parameters
    ----------
    agrees : bool
        ``True`` when the plan title can be read as the claimed indicator.
    score : float
        Similarity of the plan title to the claimed entry, from 0 (nothing shared) to 1.
    better : CatalogueEntry or None
        When not agreeing: the entry the title evidently describes, if one does.
    explanation : str
        One phrase for a finding message, e.g. ``"shares no key term with 'Processing of
        planning applications ...'; reads like NI 57 'Children and young people's
        participation in high-quality PE and sport'"``.
    stages : (str, str) or None
        When the two are about different stages of education: the title's and the entry's
        (``("Key Stage 2", "Key Stage 4")``).

    Examples
    --------
    >>> MeaningVerdict(True, 1.0, None, "nothing to judge").agrees
    True
    """

    agrees: bool
    score: float
    better: CatalogueEntry | None
    explanation: str
    stages: tuple[str, str] | None = None


# --------------------------------------------------------------------------------------------
# Normalisation
# --------------------------------------------------------------------------------------------

#: Function words, target wording and source labels: never evidence of meaning.
_STOPWORDS = frozenset(
    """
a about above across after against all also am an and any are as at be been being below both
but by can could did do does doing during each either etc every for from further had has have
having he her here his how i if in into is it its may might must my no nor not of off on once
only or other our out over own per re same she should so some such than that the their them
then there these they this those through to too under until up upon us very via was we were
what when where whether which while who whom why will with within without would you your
increase increased increasing increases reduce reduced reducing reduces reduction reductions
decrease decreased decreasing improve improved improving improvement improvements more fewer
less least most maintain maintained maintaining continue continued continuing ensure ensuring
sustain sustained sustaining raise raised raising lower lowering drive driving narrow narrowing
narrowed promote promoting target targets baseline stretch psa laa tellus survey negotiation
comment ie eg e g vs see frequent frequently regular regularly between include including includes
inc equivalent equivalents
""".split()
)

#: Generic words whose weight is capped however rare they are in the catalogue.
_WEAK = frozenset(
    {
        "#child",
        "rate",
        "#percent",
        "proportion",
        "number",
        "level",
        "total",
        "group",
        "year",
        "age",
        "local",
        "area",
        "new",
        "good",
        "time",
        "people",
        "person",
        "servic",
        "support",
        "measur",
        "popul",
        "author",
        "council",
        "report",
        "use",
        "used",
        "using",
        "get",
        "well",
        "one",
        "first",
        "end",
        "need",
        "high",
        "low",
        "lead",
        "effect",
        "show",
        "start",
        "come",
        "taken",
        "tak",
        "going",
        "way",
        "dealt",
        "provid",
        "perform",
        "identifi",
        "meet",
        "establish",
        "implement",
        "current",
        "known",
        "whos",
        "direct",
        "specific",
        "appropri",
        "able",
        "enabl",
        "extent",
        "rece",
        "sinc",
        "affect",
        "term",
        "addition",
        "overall",
        "gener",
        "carri",
        "follow",
        "becom",
        "receiv",
        "reach",
        "issu",
        "record",
        "includ",
        "qual",
        "type",
        "prevalenc",
        "#takeup",
        "particip",
        "activ",
    }
)

#: Field lemmas applied before and after stemming (surface word or stem -> canonical stem).
_LEMMAS: dict[str, str] = {
    "children": "#child",
    "child": "#child",
    "young": "#child",
    "youngster": "#child",
    "youngsters": "#child",
    "pupil": "#child",
    "pupils": "#child",
    "kids": "#child",
    "student": "#child",
    "students": "#child",
    "teenager": "#child",
    "teenagers": "#child",
    "cyp": "#child",
    "yp": "#child",
    "percent": "#percent",
    "percentage": "#percent",
    "pct": "#percent",
    "women": "woman",
    "men": "man",
    "families": "family",
    "achiev": "achiev",
    "attain": "achiev",
    "attainment": "achiev",
    "achievement": "achiev",
    "obtain": "achiev",
    "gain": "achiev",
    "exclus": "exclud",
    "exclusion": "exclud",
    "excluded": "exclud",
    "absen": "#absence",
    "absent": "#absence",
    "absence": "#absence",
    "absentee": "#absence",
    "attend": "#absence",
    "attendance": "#absence",
    "truancy": "#absence",
    "participat": "particip",
    "particip": "particip",
    "adopt": "adopt",
    "adopted": "adopt",
    "adoption": "adopt",
    "offend": "offend",
    "offender": "offend",
    "offence": "offend",
    "offending": "offend",
    "assess": "assess",
    "assessment": "assess",
    "refer": "refer",
    "referral": "refer",
    "referred": "refer",
    "review": "review",
    "reviewed": "review",
    "bully": "bully",
    "bullied": "bully",
    "bullying": "bully",
    "injur": "injury",
    "injury": "injury",
    "injuries": "injury",
    "injured": "injury",
    "disab": "disab",
    "disabled": "disab",
    "disability": "disab",
    "disabilities": "disab",
    "progress": "progress",
    "progression": "progress",
    "progressing": "progress",
    "qualifi": "qualif",
    "qualification": "qualif",
    "qualified": "qualif",
    "qualif": "qualif",
    "placement": "place",
    "placed": "place",
    "place": "place",
    "plac": "place",
    "referr": "refer",
    "qualific": "qualif",
    "poverty": "#poverty",
    "emotion": "emotion",
    "emotional": "emotion",
    "emotionally": "emotion",
    "behaviour": "behav",
    "behavioural": "behav",
    "behavior": "behav",
    "behave": "behav",
    "poor": "#poverty",
    "workless": "#poverty",
    "custodial": "custody",
    "diploma": "diploma",
    "diplomas": "diploma",
    "mortality": "death",
    "death": "death",
    "die": "death",
    "deaths": "death",
    "homeless": "homeless",
    "homelessness": "homeless",
    "satisfied": "satisf",
    "satisfaction": "satisf",
    "judg": "judge",
    "judged": "judge",
    "judgement": "judge",
    "judgment": "judge",
    "inspected": "inspect",
    "inspection": "inspect",
    "statement": "statement",
    "statements": "statement",
    "deliver": "deliver",
    "delivery": "deliver",
    "delivering": "deliver",
    "healthy": "health",
    "ill": "health",
    "sporting": "#sport",
    "sport": "#sport",
    "sports": "#sport",
    "ethnic": "#ethnic",
    "ethnicity": "#ethnic",
    "bme": "#ethnic",
    "lunch": "#lunch",
    "lunches": "#lunch",
    "meal": "#lunch",
    "meals": "#lunch",
    "dinner": "#lunch",
    "dinners": "#lunch",
    "drug": "#drugs",
    "drugs": "#drugs",
    "alcohol": "#drugs",
    "substance": "#drugs",
    "substances": "#drugs",
    "volatile": "#drugs",
    "misuse": "#drugs",
    "illicit": "#drugs",
    "solvent": "#drugs",
    "solvents": "#drugs",
    "number": "number",
    "numbers": "number",
    "rate": "rate",
    "rates": "rate",
    "people": "people",
    "level": "level",
    "levels": "level",
    "year": "year",
    "years": "year",
    "proportion": "proportion",
    "proportions": "proportion",
    "total": "total",
    "group": "group",
    "groups": "group",
    "area": "area",
    "areas": "area",
    "local": "local",
    "good": "good",
    "time": "time",
    "times": "time",
    "aged": "age",
    "age": "age",
    "ages": "age",
    "learning": "educ",
    "learn": "educ",
    "education": "educ",
    "maths": "math",
    "mathematics": "math",
    "numeracy": "math",
    "literacy": "english",
    "reading": "english",
    "writing": "english",
}

# Multi-word expressions, each replaced by its concept term(s). Patterns run on text that is
# lower case, with possessives removed and every other non-alphanumeric character a space.
# Earlier patterns win where two start at the same place, so longer phrases come first.
_SUBJECTS = r"(?:education|employment|training|work)"
_CONCEPT_RULES: tuple[tuple[str, str], ...] = (
    (rf"not (?:be |being )?(?:in )?{_SUBJECTS}(?: (?:and |or )?{_SUBJECTS})*", "#neet #eet"),
    (r"neets?", "#neet #eet"),
    (rf"{_SUBJECTS} (?:and |or )?{_SUBJECTS} (?:and |or )?{_SUBJECTS}", "#eet"),
    (r"e ?e ?t|e ?t ?e", "#eet"),
    (
        r"(?:child and adolescent|children and young people s?) mental health(?: services?)?",
        "#camhs #emohealth health",
    ),
    (r"c ?a ?m?h ?m?s|cahms|camh", "#camhs #emohealth health"),
    (
        r"(?:emotional|mental|psychological)(?: and (?:emotional|mental|behavioural))? (?:health|"
        r"wellbeing|well being|healthy)|emotionally (?:healthy|well)",
        "#emohealth health",
    ),
    (r"care leavers?|leaving care|(?:former|previously) looked after", "#careleaver"),
    (
        r"looked after(?: children| child| young people)?|(?:children|child|young people|young "
        r"person|those) (?:in|looked after in) (?:the )?care|in care|c ?i ?c|l ?a ?c|care "
        r"(?:children|population)|corporate parenting",
        "#lac",
    ),
    (r"free school meals?|f ?s ?m", "#fsm"),
    (
        r"school (?:lunch|lunches|meal|meals|dinner|dinners)|(?:meals|lunches|dinners) at school",
        "#lunch",
    ),
    (
        r"special (?:educational |education )?needs?(?: and disabilit(?:y|ies))?|sen|s e n d?",
        "#sen",
    ),
    (
        r"learning (?:difficult|disabilit)(?:y|ies)(?: and disabilit(?:y|ies))?|l ?l ?d ?d|l ?d ?d",
        "#sen #disab",
    ),
    (
        r"(?:child protection|child protect|cp|protection) (?:plans?|registers?)|"
        r"re ?registered|re ?registrations?",
        "#cpplan #childprotection",
    ),
    (r"child protection|child protect|safeguarding|s ?47", "#childprotection"),
    (
        r"(?:under ?18s?|under eighteens?|teenage|teen|young people s?|u ?18) (?:conceptions?|"
        r"pregnanc(?:y|ies)|parents?|mothers?)|conceptions?|pregnanc(?:y|ies)|pregnant",
        "#conception",
    ),
    (r"obes(?:e|ity)|overweight|body mass index|b ?m ?i|healthy weight", "#obesity"),
    (r"youth offending (?:teams?|services?)|y ?o ?t|y ?o ?s", "#yot #offend"),
    (r"youth justice(?: system)?|y ?j ?s|youth crime", "#yjs #offend"),
    (r"first time entrants?|fte", "#fte #yjs"),
    (r"re ?offend(?:ing|ers?)?|repeat offend(?:ing|ers?)|reoffending", "#reoffend #offend"),
    (
        r"run(?:s|ning)? away|ran away|runaways?|go(?:es|ing)? missing|reported missing|missing "
        r"from(?! education| school)|missing (?:children|young people)",
        "#runaway",
    ),
    (
        r"(?:sure ?start )?children centres?|sure ?start(?: children)?(?: centres?)?",
        "#childrencentre",
    ),
    (r"breast ?(?:feeding|feed|fed)", "#breastfeed"),
    (r"sexually transmitted (?:infections?|diseases?)|s ?t ?i s?|sexual health", "#sexhealth"),
    (r"physical education|p ?e|physical activity|active recreation", "#sport"),
    (
        r"positive activit(?:y|ies)|youth (?:work|services?|clubs?|centres?|activit(?:y|ies))|"
        r"(?:leisure|out of school|extra curricular|after school) activit(?:y|ies)|activities for "
        r"young people|things to do|places to go",
        "#positiveactivity",
    ),
    (r"take ?up|uptake|taking up", "#takeup"),
    (r"(?:early years )?foundation stage(?: profile)?|eyfsp?|f ?s ?p", "#eyfs"),
    (r"key stages? ([1-5]) (?:and|or|to) (?:key stage )?([1-5])", r"#ks\1 #ks\2"),
    (r"ks ?([1-5]) (?:and|or|to) ks ?([1-5])", r"#ks\1 #ks\2"),
    (r"(?:key stage|ks) ?([1-5])", r"#ks\1"),
    (r"end of primary(?: school)?", "#ks2"),
    (r"gcses?|a ?star ?c|a c grades|5 a c", "#gcse #ks4"),
    (r"a levels?(?! [1-5]\b)", "#alevel"),
    (r"levels? ([1-5])(?: and (?:above|over))?", r"#level\1"),
    (r"year ([1-9]|1[0-3])", r"#year\1"),
    (r"reception(?: year| class)?", "#year0"),
    (
        r"black and minority ethnic|minority ethnic|ethnic minorit(?:y|ies)|ethnic (?:groups?|"
        r"background)",
        "#ethnic",
    ),
    (r"higher education|university", "#highered"),
    (r"persistent(?:ly)? absen\w*|persistent absentees?", "#absence persistent"),
    (r"killed or seriously injured|k ?s ?i", "#ksi injury"),
    (r"road traffic (?:accidents?|collisions?)|road safety|on the roads?", "#road"),
    (r"hospital admissions?|admissions? to hospital|admitted to hospital", "#hospitaladmission"),
    (
        r"(?:a and e|accident and emergency)(?: departments?)?(?: attendances?| visits?)?",
        "#hospitaladmission emergency",
    ),
    (r"child ?care|child ?minders?|nurser(?:y|ies)", "#childcare"),
    (r"low ?income|income deprived|deprived|disadvantaged", "#lowincome #poverty"),
    (r"child poverty|children in poverty|living in poverty", "#poverty"),
    (r"well ?being", "wellbeing"),
    (r"(?:\d+ (?:(?:to|and) )?)?year olds?", ""),
    (r"(?:high|good|better|best) quality|quality of", ""),
    (r"young (?:people|person)|youngsters?", "#child"),
    (r"anti ?social behaviour|asb", "#asb"),
    (r"domestic (?:violence|abuse)", "#domesticviolence"),
    (r"initial assessments?", "#initialassess assess"),
    (r"core assessments?", "#coreassess assess"),
    (r"special measures|notice to improve|requiring improvement", "#specialmeasures"),
    (
        r"(?:below|under) (?:the )?(?:expected levels?|floor(?: targets?| standards?)?|"
        r"government targets?)|floor targets?|floor standards?",
        "#floor",
    ),
    (r"schools? where (?:fewer|less) than", "#floor school"),
    (r"extended (?:schools?|services?)", "#extended"),
    (r"14 ?(?:to )?19|fourteen to nineteen", "#age14to19"),
    (r"16 ?(?:to )?18(?: year olds?)?|post ?16|sixth form", "#post16"),
    (r"per cent|percent", "#percent"),
    (
        r"on time|in time|within (?:required |agreed )?timescales?|timeliness|timely|"
        r"timescales?|within (?:\w+ ){1,2}?(?:working )?(?:days?|weeks?|months?)",
        "#timely",
    ),
    (r"working days?|weeks?|months?|days?", ""),
)

# All the rules as one alternation, without a group per rule: the regular expression engine skips
# an alternative whose first character cannot match only when the alternative starts with that
# character, not with a group (named groups made this three times slower). Which rule matched is
# then the first whose own pattern matches where the match starts, as in the alternation.
_CONCEPT_RE = re.compile(
    "\\b(?:" + "|".join(f"(?:{pattern})\\b" for pattern, _ in _CONCEPT_RULES) + ")"
)
_TEMPLATES: dict[str, str] = {f"r{i}": rep for i, (_, rep) in enumerate(_CONCEPT_RULES)}
_PATTERNS: dict[str, re.Pattern[str]] = {
    f"r{i}": re.compile(f"\\b(?:{pattern})\\b") for i, (pattern, _) in enumerate(_CONCEPT_RULES)
}


def _rule_at(text: str, start: int) -> str:
    """The rule (``r<i>``) whose pattern :data:`_CONCEPT_RE` matched at ``start``."""
    for name, rx in _PATTERNS.items():  # (in rule order; the leading \b holds where a match starts)
        if rx.match(text, start):
            return name
    raise AssertionError("a concept match that no rule makes")  # pragma: no cover


_POSSESSIVE_RE = re.compile(r"(?<=[a-z])['’`](?:s\b)?|(?<=s)['’`]")
_NON_WORD_RE = re.compile(r"[^a-z0-9#_]+")
_STAR_RE = re.compile(r"a\s*\*\s*(?:-|–|to)?\s*c\b")

#: Readable names of concept terms, for explanations.
_DISPLAY: dict[str, str] = {
    "#neet": "NEET",
    "#eet": "education, employment or training",
    "#camhs": "CAMHS",
    "#careleaver": "care leavers",
    "#lac": "looked after children",
    "#fsm": "free school meals",
    "#lunch": "school meals",
    "#sen": "special educational needs",
    "#cpplan": "child protection plan",
    "#childprotection": "child protection",
    "#conception": "under 18 conceptions",
    "#obesity": "obesity",
    "#yot": "youth offending",
    "#yjs": "youth justice",
    "#fte": "first time entrants",
    "#reoffend": "re-offending",
    "#runaway": "running away",
    "#childrencentre": "children's centres",
    "#breastfeed": "breastfeeding",
    "#sexhealth": "sexual health",
    "#sport": "sport",
    "#positiveactivity": "positive activities",
    "#takeup": "take-up",
    "#eyfs": "Foundation Stage",
    "#gcse": "GCSE",
    "#alevel": "A levels",
    "#ethnic": "minority ethnic groups",
    "#highered": "higher education",
    "#ksi": "killed or seriously injured",
    "#road": "road traffic",
    "#hospitaladmission": "hospital admissions",
    "#childcare": "childcare",
    "#lowincome": "low income",
    "#poverty": "poverty",
    "#asb": "anti-social behaviour",
    "#domesticviolence": "domestic violence",
    "#initialassess": "initial assessments",
    "#coreassess": "core assessments",
    "#specialmeasures": "special measures",
    "#extended": "extended services",
    "#age14to19": "14-19",
    "#post16": "16-18",
    "#drugs": "drugs and alcohol",
    "#child": "children",
    "#percent": "percentage",
    "#timely": "timeliness",
    "#disab": "disability",
}


@lru_cache(maxsize=1 << 14)  # (titles share their words: each is stemmed once)
def _stem(word: str) -> str:
    """Reduce a word to a stem with a small suffix stemmer and the field's lemmas."""
    lemma = _LEMMAS.get(word)
    if lemma is not None:
        return lemma
    stem = word
    if len(stem) > 4 and stem.endswith("ies"):
        stem = stem[:-3] + "y"
    elif len(stem) > 4 and stem.endswith(("sses", "shes", "ches", "xes")):
        stem = stem[:-2]
    elif len(stem) > 3 and stem.endswith("s") and not stem.endswith(("ss", "us", "is")):
        stem = stem[:-1]
    lemma = _LEMMAS.get(stem)
    if lemma is not None:
        return lemma
    for suffix, minimum in (
        ("ational", 4),
        ("ation", 4),
        ("ition", 4),
        ("ment", 4),
        ("ness", 4),
        ("ing", 3),
        ("ed", 3),
        ("ity", 4),
        ("ly", 4),
        ("ion", 4),
        ("ive", 4),
        ("al", 5),
        ("er", 4),
        ("ate", 5),
    ):
        if stem.endswith(suffix) and len(stem) - len(suffix) >= minimum:
            stem = stem[: -len(suffix)]
            if (
                suffix in ("ing", "ed")
                and len(stem) > 3
                and stem[-1] == stem[-2]
                and (stem[-1] not in "lsz" or len(stem) > 5)
            ):
                stem = stem[:-1]
            break
    if len(stem) > 4 and stem.endswith("e"):
        stem = stem[:-1]
    return _LEMMAS.get(stem, stem)


@lru_cache(maxsize=8192)
def _analyse(text: str) -> tuple[tuple[str, str], ...]:
    """Return the distinct terms of a title with the words they were read from, in order."""
    lowered = text.lower().replace("&", " and ").replace("%", " percent ")
    lowered = _STAR_RE.sub(" a star c ", lowered)
    lowered = _POSSESSIVE_RE.sub("", lowered)
    clean = " ".join(_NON_WORD_RE.sub(" ", lowered.replace("#", " ").replace("_", " ")).split())
    concepts: list[tuple[str, str]] = []

    def replace(match: re.Match[str]) -> str:
        name = _rule_at(clean, match.start())
        template = _TEMPLATES[name]
        expanded = template
        if "\\" in template:
            inner = _PATTERNS[name].fullmatch(match.group(0))
            expanded = inner.expand(template) if inner is not None else template
        concepts.append((expanded, match.group(0)))
        return f" _{len(concepts) - 1}_ "

    marked = _CONCEPT_RE.sub(replace, clean)
    terms: dict[str, str] = {}
    for token in marked.split():
        if token.startswith("_") and token.endswith("_") and token[1:-1].isdigit():
            expanded, surface = concepts[int(token[1:-1])]
            for term in expanded.split():
                term = term if term.startswith("#") else _stem(term)
                terms.setdefault(term, surface)
            continue
        if token in _STOPWORDS or token.isdigit() or len(token) < 2:
            continue
        if not token.isalpha() and any(ch.isdigit() for ch in token):
            continue  # 08, 2010, 5th, 1000: numbers of targets, not of meaning
        terms.setdefault(_stem(token), token)
    return tuple(terms.items())


def key_terms(text: str) -> tuple[str, ...]:
    """Return the normalised terms a title is compared by.

    Concept terms (abbreviations and synonyms of the field) start with ``#``; other terms are
    stems. Function words, target wording and bare numbers are left out.

    Parameters
    ----------
    text : str
        A title as written.

    Returns
    -------
    tuple of str
        The distinct terms, in order of appearance.

    Examples
    --------
    >>> key_terms("Young people NEET")
    ('#child', '#neet', '#eet')
    >>> key_terms("16 to 18 year olds who are not in education, training or employment (NEET)")
    ('#post16', '#neet', '#eet')
    >>> key_terms("Continue the reduction of teenage pregnancies")
    ('#conception',)
    """
    return tuple(term for term, _ in _analyse(text))


# --------------------------------------------------------------------------------------------
# The matcher
# --------------------------------------------------------------------------------------------

_WEAK_CAP = 0.6  # most a generic word can weigh
_DISTINCTIVE = 3.25  # a shared term this heavy (used by <= 8 titles) is evidence on its own
_EVIDENCE = 4.5  # shared terms weighing this much together are evidence too
_AGREE_SCORE = 0.45  # a claimed entry this similar agrees whatever else matches
_TOP_K = 3  # the claimed indicator among this many best-matching ones agrees
_CLEAR_SCORE = 0.30  # least similarity of an entry the title "evidently" describes
_MARGIN = 0.15  # by how much that entry must beat the claimed one
_UNVERIFIED_MARGIN = 0.25  # the same, for a claimed entry whose title wording is approximate
_OTHER_SUBJECT = 7.0  # weight of distinctive terms, none shared, of a title clearly elsewhere
_UNKNOWN_WORD = 2.0  # weight of a plan word that no catalogue title uses
#: Concepts naming a group of children (looked after, on free school meals...): an entry about a
#: group the title does not name is not what the title describes, however close its words.
_GROUPS = frozenset(
    {"#lac", "#fsm", "#sen", "#careleaver", "#ethnic", "#disab", "#lowincome", "#cpplan"}
)
_CHILDREN_PRIOR = 1.1  # on near-ties, an indicator about children is the likelier reading ...
_CHILDREN_NAMED = 1.25  # ... and more so when the title names children or young people


def _family(entry: CatalogueEntry) -> str:
    return entry.parent or entry.code


class MeaningMatcher:
    """Compare indicator titles by meaning against one or more catalogues.

    The index (term weights over all catalogue titles and a term -> entries index used to
    find candidate matches) is built once, when the matcher is created.

    Parameters
    ----------
    catalogues : sequence of Catalogue
        The catalogues whose titles define the vocabulary and the candidate indicators
        (typically the National Indicator Set and the plan's local catalogues).

    Examples
    --------
    >>> from outcome_graph.reference.catalogue import national_indicators
    >>> ni = national_indicators()
    >>> matcher = MeaningMatcher([ni])
    >>> matcher.compare("Children missing from home or care", ni.lookup("NI 71")).agrees
    True
    >>> [entry.code for entry, _ in matcher.best_matches("obesity in year 6", k=1)]
    ['NI 56']
    """

    def __init__(self, catalogues: Sequence[Catalogue]) -> None:
        self._entries: list[CatalogueEntry] = [e for cat in catalogues for e in cat]
        self._for_children: list[bool] = [bool(e.outcomes) for e in self._entries]
        term_sets = [frozenset(key_terms(e.title)) for e in self._entries]
        df: dict[str, int] = {}
        for terms in term_sets:
            for term in terms:
                df[term] = df.get(term, 0) + 1
        n = len(self._entries)
        self._n = n
        self._weight: dict[str, float] = {}
        for term, count in df.items():
            weight = math.log((n + 1) / count)
            self._weight[term] = min(weight, _WEAK_CAP) if term in _WEAK else weight
        self._unknown_weight = math.log(n + 1) if n else 1.0
        self._postings: dict[str, list[int]] = {}
        for index, terms in enumerate(term_sets):
            for term in terms:
                self._postings.setdefault(term, []).append(index)
        self._vectors: dict[tuple[str, str], tuple[frozenset[str], float]] = {}
        for entry, terms in zip(self._entries, term_sets):
            self._vectors[(entry.code, entry.title)] = (terms, self._total(terms))
        self._best_cache: dict[str, list[tuple[int, float]]] = {}

    # -- weights ------------------------------------------------------------------------------

    def _w(self, term: str) -> float:
        weight = self._weight.get(term)
        if weight is None:
            return _WEAK_CAP if term in _WEAK else self._unknown_weight
        return weight

    def _total(self, terms: Iterable[str]) -> float:
        # (fsum: the sum exactly rounded, so the same whatever order a set gives its terms in; a
        # plain sum differed in its last bit from one hash seed to another, enough to turn a tie
        # between two indicators one way or the other)
        return math.fsum(self._w(term) for term in terms)

    def _entry_vector(self, entry: CatalogueEntry) -> tuple[frozenset[str], float]:
        key = (entry.code, entry.title)
        vector = self._vectors.get(key)
        if vector is None:
            terms = frozenset(key_terms(entry.title))
            vector = (terms, self._total(terms))
            self._vectors[key] = vector
        return vector

    def _plan(self, text: str) -> tuple[frozenset[str], float]:
        """The terms of a plan title that some catalogue title uses, and the title's weight.

        Only known terms can match, but the title's other words still count (a little) in its
        weight: a title whose meaning lies mostly in words no catalogue uses is not taken to
        describe an indicator because it shares one word with it.
        """
        known: list[str] = []
        unknown = 0
        for term in key_terms(text):
            if term in self._weight:
                known.append(term)
            elif term not in _WEAK:
                unknown += 1
        terms = frozenset(known)
        return terms, self._total(terms) + _UNKNOWN_WORD * unknown

    def _score(
        self,
        plan: frozenset[str],
        plan_total: float,
        entry_terms: frozenset[str],
        entry_total: float,
    ) -> float:
        if plan_total <= 0 or entry_total <= 0:
            return 0.0
        shared = self._total(plan & entry_terms)
        return min(1.0, shared / math.sqrt(plan_total * entry_total))

    # -- public API ---------------------------------------------------------------------------

    def _ranked(self, text: str) -> list[tuple[int, float]]:
        cached = self._best_cache.get(text)
        if cached is not None:
            return cached
        plan, plan_total = self._plan(text)
        keys = [t for t in plan if self._w(t) > _WEAK_CAP] or list(plan)
        candidates: set[int] = set()
        for term in keys:
            candidates.update(self._postings.get(term, ()))
        scored: list[tuple[int, float]] = []
        for index in candidates:
            entry = self._entries[index]
            terms, total = self._vectors[(entry.code, entry.title)]
            score = self._score(plan, plan_total, terms, total)
            if score > 0:
                scored.append((index, score))
        prior = _CHILDREN_NAMED if "#child" in plan else _CHILDREN_PRIOR
        scored.sort(
            key=lambda item: (-item[1] * (prior if self._for_children[item[0]] else 1.0), item[0])
        )
        if len(self._best_cache) > 4096:
            self._best_cache.clear()
        self._best_cache[text] = scored
        return scored

    def best_matches(self, text: str, k: int = 3) -> list[tuple[CatalogueEntry, float]]:
        """Return the catalogue entries that a title most resembles.

        Only entries sharing a non-generic term with the title are scored (found through the
        term index), never the whole catalogue.

        Parameters
        ----------
        text : str
            A title or phrase, e.g. a plan's wording for an indicator.
        k : int, optional
            How many entries to return at most (default 3).

        Returns
        -------
        list of (CatalogueEntry, float)
            Entries with a similarity above 0, best first; on near-ties an indicator about
            children and young people (one with outcomes) ranks first.

        Examples
        --------
        >>> from outcome_graph.reference.catalogue import national_indicators
        >>> matcher = MeaningMatcher([national_indicators()])
        >>> matcher.best_matches("Young people NEET", k=1)[0][0].code
        'NI 117'
        """
        if k <= 0:
            return []
        return [(self._entries[i], s) for i, s in self._ranked(text)[:k]]

    def compare(self, plan_title: str, entry: CatalogueEntry) -> MeaningVerdict:
        """Judge whether a plan's title for an indicator describes the claimed catalogue entry.

        Parameters
        ----------
        plan_title : str
            The plan's wording for the indicator.
        entry : CatalogueEntry
            The entry the plan's code resolves to.

        Returns
        -------
        MeaningVerdict
            ``agrees`` is ``False`` only when the title shares (almost) nothing distinctive
            with the entry and either another entry matches it clearly better (then named in
            ``better``) or it is clearly about another subject.

        Examples
        --------
        >>> from outcome_graph.reference.catalogue import national_indicators
        >>> ni = national_indicators()
        >>> matcher = MeaningMatcher([ni])
        >>> matcher.compare("Under 18 conception rate", ni.lookup("NI 112")).agrees
        True
        >>> verdict = matcher.compare("Young people NEET", ni.lookup("NI 112"))
        >>> verdict.agrees, verdict.better.code
        (False, 'NI 117')
        """
        quoted = _quote(entry.title)
        plan, plan_total = self._plan(plan_title)
        entry_terms, entry_total = self._entry_vector(entry)
        score = self._score(plan, plan_total, entry_terms, entry_total)
        if not self._is_evidence(plan):
            return MeaningVerdict(True, score, None, "too general to compare")
        surfaces = dict(_analyse(plan_title))
        stages, entry_stages = (
            _stages(key_terms(plan_title)),
            _stages(entry_terms),
        )  # (all stages: KS5 is in no title)
        if (
            stages
            and entry_stages
            and (
                stages.isdisjoint(entry_stages)
                or (
                    # progress between two stages, measured between two others (KS2 to KS4 against
                    # the catalogue's KS3 to KS4)
                    len(stages) >= 2 and len(entry_stages) >= 2 and stages != entry_stages
                )
            )
        ):
            return self._other_stage(plan_title, plan, stages, entry, entry_stages, score)
        shared = plan & entry_terms
        by_weight = sorted(shared, key=lambda t: (-self._w(t), t))
        # A shared concept of the field (looked-after children, NEET, key stage 2...) is the
        # subject of the indicator: a title about the same subject is not another indicator's.
        if (
            self._is_evidence(shared)
            or score >= _AGREE_SCORE
            or any(t.startswith("#") for t in shared)
        ):
            return MeaningVerdict(
                True, score, None, f"shares {_words(by_weight[:4], surfaces)} with {quoted}"
            )
        ranked = self._ranked(plan_title)
        family = _family(entry)
        families: list[str] = []
        for index, _ in ranked:
            if len(families) >= _TOP_K:
                break
            if _family(self._entries[index]) not in families:
                families.append(_family(self._entries[index]))
        lenient = f"shares little with {quoted}, but no other indicator matches clearly better"
        if family in families:
            return MeaningVerdict(True, score, None, f"is among the closest matches to {quoted}")
        better: CatalogueEntry | None = None
        better_score = 0.0
        first_other = True
        for index, candidate_score in ranked:
            candidate = self._entries[index]
            if _family(candidate) == family:
                continue
            terms = self._entry_vector(candidate)[0]
            if first_other:  # the closest other indicator, if the title shares evidence with it
                first_other = False
                if not self._is_evidence(plan & terms):
                    break
                better, better_score = candidate, candidate_score
                if not (terms & _GROUPS) - plan:
                    break
            elif (
                self._is_evidence(plan & terms)
                and not (terms & _GROUPS) - plan
                and candidate_score >= better_score - _MARGIN
            ):
                # The closest is about a group the title does not name (looked-after children):
                # a near one about everyone reads more like the title (named instead; the
                # verdict still weighs the closest).
                better = candidate
                break
        if shared:
            lead = f"shares only {_words(by_weight[:3], surfaces)} with {quoted}"
        else:
            lead = f"shares no key term with {quoted}"
        margin = _MARGIN if entry.title_verified else _UNVERIFIED_MARGIN
        if better is not None and better_score >= _CLEAR_SCORE and better_score >= score + margin:
            return MeaningVerdict(
                False, score, better, f"{lead}; reads like {better.code} {_quote(better.title)}"
            )
        elsewhere = sorted(
            (t for t in plan - entry_terms if self._w(t) >= _DISTINCTIVE),
            key=lambda t: (-self._w(t), t),
        )
        if self._total(elsewhere) >= _OTHER_SUBJECT + (0 if entry.title_verified else 2.0):
            if better is not None:
                return MeaningVerdict(
                    False,
                    score,
                    better,
                    f"{lead}; reads more like {better.code} {_quote(better.title)}",
                )
            return MeaningVerdict(
                False, score, None, f"{lead}; it is about {_words(elsewhere[:3], surfaces)}"
            )
        return MeaningVerdict(True, score, None, lenient)

    def _other_stage(
        self,
        plan_title: str,
        plan: frozenset[str],
        stages: frozenset[str],
        entry: CatalogueEntry,
        entry_stages: frozenset[str],
        score: float,
    ) -> MeaningVerdict:
        """The verdict on a title about another stage of education than its entry's (Key Stage 2
        against Key Stage 4): whatever else they share, they are two measures. The entry the
        title reads like is the best match at the title's own stage, if one shares evidence."""
        better = None
        for index, _ in self._ranked(plan_title):
            if self._entries[index] is entry:
                continue
            terms = self._entry_vector(self._entries[index])[0]
            at_stage = (
                _stages(terms) == stages if len(stages) >= 2 else bool(_stages(terms) & stages)
            )
            if at_stage and self._is_evidence(
                (plan & terms) - _STAGE_SET
            ):  # (more in common than the stage)
                if better is None:
                    better = self._entries[index]
                if not (terms & _GROUPS) - plan:  # (one about a group the title names no better)
                    better = self._entries[index]
                    break
        words = (_stage_words(stages), _stage_words(entry_stages))
        lead = f"is about {words[0]}, where {_quote(entry.title)} is about {words[1]}"
        if better is not None:
            lead += f"; reads like {better.code} {_quote(better.title)}"
        return MeaningVerdict(False, score, better, lead, words)

    def _is_evidence(self, terms: Iterable[str]) -> bool:
        """Whether terms carry meaning: one distinctive term, or enough weight together."""
        total = 0.0
        for term in terms:
            weight = self._w(term)
            if weight >= _DISTINCTIVE:
                return True
            total += weight
        return total >= _EVIDENCE


#: The stages of education a title can be about, in order: one excludes the others.
_STAGES = ("#eyfs", "#ks1", "#ks2", "#ks3", "#ks4", "#ks5")


_STAGE_SET = frozenset(_STAGES)


def _stages(terms: Iterable[str]) -> frozenset[str]:
    """The stages of education (Foundation Stage, Key Stages 1-5) among a title's terms."""
    return frozenset(t for t in terms if t in _STAGES)


def _stage_words(stages: frozenset[str]) -> str:
    names = [_DISPLAY.get(s) or f"Key Stage {s[3:]}" for s in _STAGES if s in stages]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _quote(title: str, limit: int = 90) -> str:
    text = " ".join(title.split())
    if len(text) > limit:
        text = text[: limit - 3].rsplit(" ", 1)[0] + "..."
    return f"'{text}'"


def _words(terms: Sequence[str], surfaces: dict[str, str]) -> str:
    shown: list[str] = []
    for term in terms:
        word = surfaces.get(term) or _DISPLAY.get(term) or term.lstrip("#")
        word = word.replace("a star c", "A*-C")
        if f"'{word}'" not in shown:
            shown.append(f"'{word}'")
    if not shown:
        return "nothing"
    if len(shown) == 1:
        return shown[0]
    return ", ".join(shown[:-1]) + " and " + shown[-1]
