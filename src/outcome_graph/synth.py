"""Synthetic plans of any size, for benchmarks and tests.

:func:`generate` builds a plan document (the v1 format, as plain data) of ``n_nodes`` nodes that
reads like a real Children and Young People's Plan: priorities tagged with Every Child Matters
outcomes, aims, objectives and milestones, numbered, with declared owners and leads written as
their id, name or alias, timescales in the wordings real plans use (``June 11``, ``End September
2011``, ``April – July 11``, ``Autumn 2011``, ``Q3 2011-12``) or ``due`` dates, statuses judged at
``as_of``, dependencies, indicators from the National Indicator Set and a local catalogue with
baselines, targets and actuals, and summary-view variants of the wording.

A share of each defect the rules find is planted on purpose (orphans, missing leads, undated
milestones, wording drift and reversals, unknown indicator codes, ...). The tally is written in
``plan.notes`` and read back by :func:`planted_defects`. The same ``n_nodes``, ``seed`` and
``defects`` always give the same document.

:func:`dump_yaml` and :func:`dump_json` write a document as text; the YAML writer is a direct
one (a plan of 100,000 nodes is written in about a second).

>>> doc = generate(200, seed=1)
>>> doc["format"], count_nodes(doc)
('outcome-graph/v1', 200)
>>> sorted(planted_defects(doc))[:3]
['OG101', 'OG102', 'OG103']
"""

from __future__ import annotations

import json
import math
import random
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from .errors import UsageError

__all__ = [
    "DEFECTS",
    "DEFAULT_SHARE",
    "MIN_NODES",
    "generate",
    "count_nodes",
    "planted_defects",
    "dump_yaml",
    "dump_json",
]

#: The defects :func:`generate` can plant, by rule code, with what is planted.
DEFECTS: dict[str, str] = {
    "OG101": "an objective with no milestones",
    "OG102": "an objective with no indicator (nor its aim or priority)",
    "OG103": "a milestone with no parent",
    "OG104": "a parent or cross-reference to an id that does not exist",
    "OG105": "a declared indicator that no node lists",
    "OG106": "an objective attached directly to a priority",
    "OG107": "two aims that name each other as parent",
    "OG108": "a gap in the numbering of aims",
    "OG109": "a milestone with the same title as its sibling",
    "OG110": "an ignore entry that suppresses nothing",
    "OG203": "a priority with no outcome anywhere in its branch",
    "OG204": "an indicator of another outcome listed on an objective",
    "OG301": "a milestone with no lead (nor its objective)",
    "OG302": "an owner whose declared capacity is below its load",
    "OG303": "an owner with five milestones due in one month",
    "OG304": "a lead that matches no declared owner",
    "OG305": "an undeclared owner written as an acronym and in full",
    "OG401": "a milestone whose timescale gives no date (TBA, TBC, none)",
    "OG402": "a milestone due after the plan period",
    "OG403": "a milestone past its date at as_of and not done",
    "OG404": "a timescale that defers to another document",
    "OG405": "a milestone due before one it depends on",
    "OG501": "an NI code that the National Indicator Set does not have",
    "OG502": "an NI code titled as another indicator",
    "OG503": "an indicator with no target",
    "OG504": "a target that moves against the indicator's direction",
    "OG505": "an indicator whose latest actual is behind the line to its target",
    "OG601": "a summary wording that adds words to the title",
    "OG602": "a summary wording that reverses the title's direction",
    "OG603": "a node left out of the summary view that its siblings are in",
}

#: Default share of the eligible nodes given each defect.
DEFAULT_SHARE = 0.01

#: The smallest plan :func:`generate` makes.
MIN_NODES = 100

OUTCOMES = (
    "be_healthy",
    "stay_safe",
    "enjoy_and_achieve",
    "positive_contribution",
    "economic_wellbeing",
)
PERIOD = ("2011-04-01", "2012-03-31")
AS_OF = "2011-10-01"
_AS_OF_MONTH = 6  # months 0..11 are April 2011 .. March 2012; October 2011 is month 6
_LIMIT_PER_OWNER = 7  # milestones per owner (OG302's default limit is 10)
_LIMIT_PER_MONTH = 4  # per owner and month (OG303's default)

_THEMES = {
    "be_healthy": [
        "Children and young people lead healthy lives",
        "Healthy choices for every family",
        "Good physical and emotional health",
    ],
    "stay_safe": [
        "Children and young people are safe from harm",
        "Safe at home, at school and in the community",
        "Effective safeguarding for vulnerable children",
    ],
    "enjoy_and_achieve": [
        "Excellent childcare, schools, colleges and services",
        "Every child achieves their potential",
        "High aspirations and attainment for all",
    ],
    "positive_contribution": [
        "Young people make a positive contribution",
        "Young people have a voice and are heard",
        "Active citizens in their communities",
    ],
    "economic_wellbeing": [
        "Families achieve economic well-being",
        "Skills for work and adult life",
        "Routes out of child poverty",
    ],
}
_AIMS = {
    "be_healthy": [
        "Promote healthy lifestyles",
        "Improve emotional well-being and mental health",
        "Reduce health inequalities",
        "Support children with disabilities and their families",
        "Improve sexual health",
    ],
    "stay_safe": [
        "Protect children from abuse and neglect",
        "Reduce bullying and harassment",
        "Improve outcomes for looked after children",
        "Keep children safe on the roads",
        "Prevent children going missing from home or care",
    ],
    "enjoy_and_achieve": [
        "Raise attainment in every key stage",
        "Narrow the gaps in achievement",
        "Improve attendance and behaviour",
        "Ensure high quality early education",
        "Promote engagement and active learning",
    ],
    "positive_contribution": [
        "Reduce offending by young people",
        "Increase participation in positive activities",
        "Strengthen the voice of children and young people",
        "Support young carers",
        "Promote volunteering and citizenship",
    ],
    "economic_wellbeing": [
        "Reduce the number of young people not in education, employment or training",
        "Increase take up of apprenticeships",
        "Reduce child poverty",
        "Improve access to suitable housing for young people",
        "Support parents into work",
    ],
}
_OBJECTIVES = {
    "be_healthy": [
        "Reduce obesity in primary school children",
        "Increase breastfeeding at six to eight weeks",
        "Reduce under 18 conceptions",
        "Improve access to child and adolescent mental health services",
        "Increase participation in PE and sport",
        "Reduce substance misuse by young people",
        "Improve the emotional health of looked after children",
        "Increase take up of school lunches",
        "Improve dental health of under fives",
        "Reduce hospital admissions caused by injuries",
    ],
    "stay_safe": [
        "Reduce repeat referrals to children's social care",
        "Complete initial assessments within seven days",
        "Reduce the number of children killed or seriously injured on roads",
        "Improve the stability of placements for looked after children",
        "Increase the number of foster carers",
        "Reduce the time children spend on protection plans",
        "Improve multi-agency safeguarding training",
        "Reduce bullying reported in school surveys",
        "Increase the use of the common assessment framework",
        "Reduce domestic violence affecting children",
    ],
    "enjoy_and_achieve": [
        "Raise attainment at key stage two in English and maths",
        "Increase the number of pupils achieving five good GCSEs",
        "Reduce persistent absence in secondary schools",
        "Narrow the gap for pupils eligible for free school meals",
        "Increase the number of good or outstanding schools",
        "Improve outcomes in the early years foundation stage",
        "Reduce permanent exclusions",
        "Improve attainment of looked after children",
        "Raise achievement of pupils with special educational needs",
        "Improve transition between primary and secondary schools",
    ],
    "positive_contribution": [
        "Reduce first-time entrants to the youth justice system",
        "Reduce re-offending by young offenders",
        "Increase participation in youth clubs and positive activities",
        "Increase the number of young people who volunteer",
        "Involve young people in commissioning services",
        "Reduce anti-social behaviour by young people",
        "Increase support for young carers",
        "Improve engagement of young offenders in education",
        "Increase membership of the youth council",
        "Reduce the use of custody for young offenders",
    ],
    "economic_wellbeing": [
        "Reduce the number of 16 to 18 year olds not in education, employment or training",
        "Increase the number of apprenticeships",
        "Improve level 2 and level 3 attainment by age 19",
        "Reduce the number of children in workless households",
        "Increase take up of free childcare places",
        "Improve access to suitable accommodation for care leavers",
        "Increase the number of parents in work",
        "Improve careers advice and guidance",
        "Increase the number of young people progressing to higher education",
        "Reduce the number of teenage parents not in work or learning",
    ],
}
_MILESTONES = [
    "Commission targeted support programmes",
    "Review the multi-agency protocol",
    "Publish the annual progress report",
    "Train frontline staff in the new approach",
    "Agree the joint commissioning plan with partners",
    "Launch the consultation with young people",
    "Complete the audit of current provision",
    "Appoint the project coordinator",
    "Pilot the new referral pathway",
    "Evaluate the pilot and report to the board",
    "Roll out the programme to all schools",
    "Establish the steering group",
    "Map services against need",
    "Produce data on underperforming groups",
    "Hold the annual conference for practitioners",
    "Update the information sharing agreement",
    "Secure funding for the next phase",
    "Embed the approach in children's centres",
    "Recruit volunteer mentors",
    "Set up the parents' forum",
    "Deliver the summer activities programme",
    "Report performance to the Children's Trust board",
    "Refresh the workforce development strategy",
    "Introduce the electronic case record",
    "Extend the outreach service to rural areas",
]
_AREA_A = [
    "Ash",
    "Beck",
    "Bram",
    "Brook",
    "Cal",
    "Chad",
    "Cor",
    "Dun",
    "East",
    "Elm",
    "Fair",
    "Fern",
    "Glen",
    "Grays",
    "Hart",
    "Hol",
    "Kings",
    "Lang",
    "Lee",
    "Mar",
    "Mill",
    "Nor",
    "Oak",
    "Pen",
    "Rad",
    "Red",
    "Ros",
    "Salt",
    "Stan",
    "Stone",
    "Sun",
    "Thorn",
    "Til",
    "Wal",
    "West",
    "Wick",
]
_AREA_B = [
    "bury",
    "field",
    "ford",
    "gate",
    "ham",
    "hill",
    "hurst",
    "ley",
    "mead",
    "mere",
    "minster",
    "mouth",
    "port",
    "stead",
    "stow",
    "ton",
    "vale",
    "well",
    "wick",
    "wood",
    "worth",
    "by",
    "combe",
    "dale",
    "den",
    "don",
    "fleet",
    "grove",
    "haven",
    "holme",
    "land",
    "marsh",
    "moor",
    "ridge",
    "side",
    "thorpe",
]
_COMPASS = ["", "North ", "South ", "East ", "West ", "Central ", "Upper ", "Lower "]
_ROLES = ["Head of", "Service Manager", "Strategic Leader", "Group Manager", "Team Manager"]
_SERVICES = [
    "Early Help",
    "School Improvement",
    "Youth Support",
    "Children's Social Care",
    "Public Health",
    "Inclusion",
    "Early Years",
    "Youth Offending",
    "Education Welfare",
    "Family Support",
    "Looked After Children",
    "Participation",
    "Commissioning",
    "Performance",
    "Health Visiting",
    "Admissions",
    "Special Educational Needs",
    "Workforce Development",
]
_WORDS = [
    "Assets",
    "Access",
    "Budget",
    "Care",
    "Community",
    "Delivery",
    "Estates",
    "Family",
    "Governance",
    "Learning",
    "Market",
    "Outcomes",
    "Partnership",
    "Quality",
    "Resources",
    "School",
    "Services",
    "Skills",
    "Strategy",
    "Targeted",
    "Transport",
    "Welfare",
    "Youth",
    "Organisation",
]
_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_MON3 = {9: "Sept"}
_EXTERNAL = [
    "See 14-19 Plan",
    "In line with the Play Strategy",
    "As in the Children's Trust timetable",
    "See the Youth Justice Plan",
]
_UNDATED = ["TBA", "TBC", "", None]
_DRIFT = [
    " and their grandparents",
    " across all settings",
    " with voluntary sector partners",
    " in every locality",
]
_REVERSE = {"Reduce": "Increase", "Increase": "Reduce", "Raise": "Lower", "Improve": "Worsen"}


def _area(i: int) -> str:
    a, rest = i % len(_AREA_A), i // len(_AREA_A)
    b, rest = rest % len(_AREA_B), rest // len(_AREA_B)
    return f"{_COMPASS[rest % len(_COMPASS)]}{_AREA_A[a]}{_AREA_B[b]}" + (
        f" {rest // len(_COMPASS) + 1}" if rest >= len(_COMPASS) else ""
    )


def _month(index: int) -> tuple[int, int]:
    """(year, month) of the plan's month ``index`` (0 = April 2011)."""
    m = 4 + index
    return (2011, m) if m <= 12 else (2012, m - 12)


def _timescale(rng: random.Random, index: int) -> tuple[str, Any]:
    """A wording (``timescale``) or a ``due`` for a milestone due in plan month ``index``."""
    year, month = _month(index)
    yy = year % 100
    name = _MONTHS[month - 1]
    r = rng.random()
    if r < 0.12:
        return "due", f"{year}-{month:02d}"
    if r < 0.18:
        return "due", f"{year}-{month:02d}-{rng.randint(1, 28):02d}"
    choices = [
        f"{name} {yy:02d}",
        f"End {name} {year}",
        f"By {name} {yy:02d}",
        f"{_MON3.get(month, name[:3])} {year}",
        f"{name} {year}",
    ]
    if index >= 2:
        y0, m0 = _month(index - 2)
        if y0 == year:
            choices.append(f"{_MONTHS[m0 - 1]} – {name} {yy:02d}")
    season = {5: "Spring", 8: "Summer", 11: "Autumn"}.get(month)
    if season:
        choices.append(f"{season} {year}")
    quarter = {6: "Q1", 9: "Q2", 12: "Q3", 3: "Q4"}.get(month)
    if quarter:
        choices.append(f"{quarter} 2011-12")
    return "timescale", rng.choice(choices)


def _initials(words: str) -> str:
    return "".join(w[0] for w in words.replace("'", "").split() if w[0].isupper())


@dataclass
class _Owner:
    id: str
    name: str
    alias: str
    load: int = 0
    capacity: int | None = None
    months: dict[int, int] = field(default_factory=dict)
    milestones: list[dict[str, Any]] = field(default_factory=list)


class _Builder:
    def __init__(self, n_nodes: int, seed: int, shares: Mapping[str, float]) -> None:
        self.n = n_nodes
        self.rng = random.Random(seed)
        self.seed = seed
        self.shares = shares
        self.planted: dict[str, int] = {}
        self.area_count = 0

    # -- helpers ------------------------------------------------------------------------------
    def quota(self, code: str, eligible: int) -> int:
        share = self.shares.get(code, 0.0)
        if share <= 0 or eligible <= 0:
            return 0
        return min(eligible, max(1, round(share * eligible)))

    def pick(self, code: str, pool: list[Any], keep: int = 0) -> list[Any]:
        """Choose the nodes to plant a defect on, each node used for one defect only, leaving at
        least ``keep`` of the pool without it."""
        free = [x for x in pool if not x.get("_used")]
        k = self.quota(code, len(pool))
        k = max(0, min(k, len(free), len(pool) - keep))
        chosen = self.rng.sample(free, k) if k else []
        for x in chosen:
            x["_used"] = True
        if chosen:
            self.planted[code] = self.planted.get(code, 0) + len(chosen)
        return chosen

    def tally(self, code: str, count: int = 1) -> None:
        self.planted[code] = self.planted.get(code, 0) + count

    def next_area(self) -> str:
        self.area_count += 1
        return _area(self.area_count - 1)

    # -- the document -------------------------------------------------------------------------
    def build(self) -> dict[str, Any]:
        n = self.n
        est_milestones = int(0.72 * n)
        est_objectives = int(0.19 * n)
        n_ind = max(8, round(n * 0.03))
        # Nodes outside the tree: planted orphans, broken parents, level skips and cycles.
        n_orphans = self.quota("OG103", est_milestones)
        n_broken = self.quota("OG104", est_milestones)
        n_skips = self.quota("OG106", est_objectives)
        n_cycles = self.quota("OG107", max(1, est_objectives // 4))
        flat = n_orphans + n_broken + 2 * n_skips + 2 * n_cycles
        tree_budget = n - n_ind - flat
        if tree_budget < 4:  # (a priority, an aim, an objective and a milestone)
            raise UsageError(
                f"{n:,} nodes are too few for the defects asked: the indicators and the nodes "
                f"planted outside the tree take {n_ind + flat:,} of them; give more nodes or "
                "smaller shares"
            )
        indicators = self.indicators(n_ind)
        self.plant_indicator_defects(indicators)
        priorities = self.tree(tree_budget)
        # A small plan has fewer priorities than outcomes: the first ones serve two or more.
        for k, outcome in enumerate(OUTCOMES[len(priorities) :]):
            priorities[k % len(priorities)]["outcomes"].append(outcome)
        owners = self.owners(priorities)
        extra = self.flat_nodes(priorities, n_orphans, n_broken, n_skips, n_cycles)
        self.link_indicators(priorities, extra["objectives"], indicators)
        self.plant_tree_defects(priorities, owners, indicators)
        self.dates_and_leads(priorities, extra, owners)
        doc: dict[str, Any] = {
            "format": "outcome-graph/v1",
            "plan": {
                "id": f"synthetic-{n}-s{self.seed}",
                "title": f"Synthetic Children and Young People's Plan ({n} nodes, "
                f"seed {self.seed})",
                "organisation": "Anytown Council",
                "period": {"start": PERIOD[0], "end": PERIOD[1]},
                "framework": "ecm",
                "as_of": AS_OF,
                "views": ["detail", "summary"],
                "notes": "",
            },
            "owners": [self.owner_doc(o) for o in owners],
            "catalogues": [{"prefix": "LOC", "title": "Anytown local indicators"}],
            "priorities": priorities,
        }
        if extra["aims"]:
            doc["aims"] = extra["aims"]
        if extra["objectives"]:
            doc["objectives"] = extra["objectives"]
        if extra["milestones"]:
            doc["milestones"] = extra["milestones"]
        doc["indicators"] = indicators
        _strip_private(doc)
        tally = ", ".join(f"{code} {self.planted[code]}" for code in sorted(self.planted))
        doc["plan"]["notes"] = (
            f"Generated by outcome-graph synth ({n} nodes, seed {self.seed}). "
            f"Planted defects: {tally or 'none'}."
        )
        return doc

    # -- hierarchy ----------------------------------------------------------------------------
    def tree(self, budget: int) -> list[dict[str, Any]]:
        rng = self.rng
        priorities: list[dict[str, Any]] = []
        remaining = budget
        objectives: list[dict[str, Any]] = []
        p_index = 0
        while remaining >= 4 or not priorities:
            p_index += 1
            outcome = OUTCOMES[(p_index - 1) % len(OUTCOMES)]
            area = self.next_area()
            pid = f"P{p_index}"
            prio: dict[str, Any] = {
                "id": pid,
                "number": str(p_index),
                "title": f"{rng.choice(_THEMES[outcome])} in {area}",
                "outcomes": [outcome],
                "aims": [],
                "_outcome": outcome,
                "_area": area,
            }
            remaining -= 1
            aim_titles = rng.sample(_AIMS[outcome], len(_AIMS[outcome]))
            obj_titles = rng.sample(_OBJECTIVES[outcome], len(_OBJECTIVES[outcome]))
            for a in range(rng.randint(2, 4)):
                if remaining < 3 or not obj_titles:
                    break
                aid = f"{pid}.A{a + 1}"
                aim: dict[str, Any] = {
                    "id": aid,
                    "number": f"{p_index}.{a + 1}",
                    "title": f"{aim_titles[a]} in {area}",
                    "objectives": [],
                }
                remaining -= 1
                for o in range(rng.randint(2, 4)):
                    if remaining < 2 or not obj_titles or (o and remaining < 2):
                        break
                    oid = f"{aid}.O{o + 1}"
                    obj: dict[str, Any] = {
                        "id": oid,
                        "number": f"{aim['number']}.{o + 1}",
                        "title": f"{obj_titles.pop()} in {area}",
                        "milestones": [],
                        "indicators": [],
                        "_outcome": outcome,
                        "_outcomes": prio["outcomes"],
                    }
                    remaining -= 1
                    titles = rng.sample(_MILESTONES, len(_MILESTONES))
                    for m in range(rng.randint(2, 6)):
                        if remaining < 1 or (m and remaining < 1):
                            break
                        obj["milestones"].append(self.milestone(obj, titles[m]))
                        remaining -= 1
                    aim["objectives"].append(obj)
                    objectives.append(obj)
                prio["aims"].append(aim)
            priorities.append(prio)
            if remaining < 4:
                break
        # What is left goes to existing objectives as further milestones.
        i = 0
        while remaining > 0 and objectives:
            obj = objectives[i % len(objectives)]
            used = {m["title"] for m in obj["milestones"]}
            title = next((t for t in _MILESTONES if t not in used), None)
            if title is not None:
                obj["milestones"].append(self.milestone(obj, title))
                remaining -= 1
            i += 1
            if i > 50 * len(objectives):  # pragma: no cover - every objective is full
                break
        return priorities

    def milestone(self, obj: dict[str, Any], title: str) -> dict[str, Any]:
        k = len(obj["milestones"]) + 1
        return {"id": f"{obj['id']}.M{k}", "number": f"{obj['number']}.{k}", "title": title}

    def owners(self, priorities: list[dict[str, Any]]) -> list[_Owner]:
        milestones = sum(len(o["milestones"]) for o in _objectives(priorities))
        count = max(4, math.ceil(milestones / (_LIMIT_PER_OWNER - 2)))
        out = []
        for i in range(count):
            service = _SERVICES[i % len(_SERVICES)]
            role = _ROLES[(i // len(_SERVICES)) % len(_ROLES)]
            area = _area(i)
            out.append(
                _Owner(
                    id=f"{_initials(service)}-{i + 1}",
                    name=f"{role} {service}, {area}",
                    alias=f"{service} team {i + 1}",
                )
            )
        return out

    def owner_doc(self, o: _Owner) -> dict[str, Any]:
        d: dict[str, Any] = {"id": o.id, "name": o.name, "kind": "role", "aliases": [o.alias]}
        if o.capacity is not None:
            d["capacity"] = o.capacity
        return d

    def flat_nodes(
        self,
        priorities: list[dict[str, Any]],
        n_orphans: int,
        n_broken: int,
        n_skips: int,
        n_cycles: int,
    ) -> dict[str, list[dict[str, Any]]]:
        rng = self.rng
        milestones: list[dict[str, Any]] = []
        objectives: list[dict[str, Any]] = []
        aims: list[dict[str, Any]] = []
        for i in range(n_orphans):
            milestones.append(
                {"id": f"X.M{i + 1}", "title": f"{rng.choice(_MILESTONES)} in {self.next_area()}"}
            )
            self.tally("OG103")
        for i in range(n_broken):
            milestones.append(
                {
                    "id": f"X.B{i + 1}",
                    "parent": f"P{len(priorities) + 100 + i}.A1.O1",
                    "title": f"{rng.choice(_MILESTONES)} in {self.next_area()}",
                }
            )
            self.tally("OG104")
        for i in range(n_skips):
            prio = priorities[i % len(priorities)]
            area = self.next_area()
            oid = f"{prio['id']}.O{i + 1}"
            obj = {
                "id": oid,
                "parent": prio["id"],
                "title": f"{rng.choice(_OBJECTIVES[prio['_outcome']])} in {area}",
                "indicators": [],
                "milestones": [],
                "_outcome": prio["_outcome"],
            }
            obj["milestones"].append({"id": f"{oid}.M1", "title": rng.choice(_MILESTONES)})
            objectives.append(obj)
            self.tally("OG106")
        for i in range(n_cycles):
            # An aim and an objective that name each other as parent: the aim's parent is below
            # it, which is a level skip too.
            a, o = f"C{i + 1}.A1", f"C{i + 1}.O1"
            area = self.next_area()
            outcome = OUTCOMES[i % len(OUTCOMES)]
            aims.append(
                {
                    "id": a,
                    "parent": o,
                    "title": f"Promote joint working in {area}",
                    "outcomes": [outcome],
                }
            )
            objectives.append(
                {
                    "id": o,
                    "parent": a,
                    "title": f"Share information between agencies in {area}",
                    "indicators": [],
                    "milestones": [],
                    "_outcome": outcome,
                    "_lead_required": True,
                }
            )
            self.tally("OG107")
            self.tally("OG106")
        return {"milestones": milestones, "objectives": objectives, "aims": aims}

    # -- indicators ---------------------------------------------------------------------------
    def indicators(self, n_ind: int) -> list[dict[str, Any]]:
        from .reference.catalogue import national_indicators

        rng = self.rng
        per_outcome = max(1, n_ind // len(OUTCOMES))
        ni = list(national_indicators())
        out: list[dict[str, Any]] = []
        local = 0
        for k, outcome in enumerate(OUTCOMES):
            want = per_outcome + (1 if k < n_ind - per_outcome * len(OUTCOMES) else 0)
            codes = [e for e in ni if outcome in e.outcomes][: max(1, want // 2)]
            for e in codes:
                out.append(self.indicator(e.code, e.title, outcome, None))
            for _ in range(want - len(codes)):
                local += 1
                title = f"{rng.choice(_OBJECTIVES[outcome])} (local measure {local})"
                out.append(self.indicator(f"LOC {local:04d}", title, outcome, [outcome]))
        return out

    def indicator(
        self, code: str, title: str, outcome: str, outcomes: list[str] | None
    ) -> dict[str, Any]:
        rng = self.rng
        direction = rng.choice(["increase", "decrease"])
        base = round(rng.uniform(20, 80), 1)
        step = round(rng.uniform(2, 8), 1)
        target = base + step if direction == "increase" else base - step
        d: dict[str, Any] = {"id": code, "title": title}
        if outcomes is not None:
            d["outcomes"] = outcomes
        d.update(
            {
                "direction": direction,
                "unit": "percent",
                "baseline": {"period": "2010-11", "value": base},
                "target": {"period": "2011-12", "value": round(target, 1)},
                "actuals": [{"period": "2011-12-Q2", "value": round(target, 1)}],
                "_outcome": outcome,
            }
        )
        return d

    def link_indicators(
        self,
        priorities: list[dict[str, Any]],
        skips: list[dict[str, Any]],
        indicators: list[dict[str, Any]],
    ) -> None:
        pools: dict[str, list[dict[str, Any]]] = {o: [] for o in OUTCOMES}
        for ind in indicators:
            pools[ind["_outcome"]].append(ind)
        cursor = dict.fromkeys(OUTCOMES, 0)
        # Leave the indicators planted as measuring nothing (OG105) out of the rotation.
        spare = [i for o in OUTCOMES for i in pools[o][1:]]  # every outcome keeps one
        for ind in self.pick("OG105", spare):
            pools[ind["_outcome"]].remove(ind)
            ind["_orphan"] = True  # (no other defect may link it)
        for obj in [*_objectives(priorities), *skips]:
            # The least used of the objective's outcomes (a priority may serve several).
            outcome = min(
                obj.get("_outcomes") or [obj["_outcome"]],
                key=lambda o: cursor[o] / max(1, len(pools[o])),
            )
            pool = pools[outcome] or [i for i in indicators if not i.get("_used")]
            ind = pool[cursor[outcome] % len(pool)]
            cursor[outcome] += 1
            obj["indicators"].append(ind["id"])

    # -- defects inside the tree --------------------------------------------------------------
    def plant_tree_defects(
        self,
        priorities: list[dict[str, Any]],
        owners: list[_Owner],
        indicators: list[dict[str, Any]],
    ) -> None:
        rng = self.rng
        objectives = list(_objectives(priorities))
        aims = [a for p in priorities for a in p["aims"]]
        # OG101: an objective whose milestones were lost.
        lost = 0
        # (one objective at least keeps its milestones, to take the lost ones)
        for obj in self.pick("OG101", [o for o in objectives if len(o["milestones"]) >= 1], keep=1):
            lost += len(obj["milestones"])
            obj["milestones"] = []
            obj["_lead_required"] = True
        # The lost milestones go to other objectives, so that the plan keeps its size.
        others = [o for o in objectives if not o.get("_used") and len(o["milestones"]) < 6] or [
            o for o in objectives if o["milestones"]
        ]  # (with a large share of defects)
        for k in range(lost):
            obj = others[k % len(others)]
            used = {m["title"] for m in obj["milestones"]}
            obj["milestones"].append(
                self.milestone(obj, next(t for t in _MILESTONES if t not in used))
            )
        # OG102: an objective with no indicator.
        unmeasured = self.pick("OG102", objectives)
        for obj in unmeasured:
            obj["indicators"] = []
        # (OG102 reports an aim none of whose objectives has an indicator once, on the aim)
        for aim in aims:
            if len(aim["objectives"]) > 1 and all(o in unmeasured for o in aim["objectives"]):
                self.tally("OG102", 1 - len(aim["objectives"]))
        # OG203: a priority with no outcome (and none below it).
        carriers = {o: sum(o in p["outcomes"] for p in priorities) for o in OUTCOMES}
        spare = [p for p in priorities if all(carriers[o] > 1 for o in p["outcomes"])]
        spare = [p for k, p in enumerate(spare) if k % len(OUTCOMES) == 0]  # one per outcome round
        for prio in self.pick("OG203", spare):
            del prio["outcomes"]
            for obj in (o for a in prio["aims"] for o in a["objectives"]):
                obj["_untagged"] = True

        # OG204: an indicator of another outcome.
        def of_another_outcome(obj: dict[str, Any]) -> list[dict[str, Any]]:
            return [
                i
                for i in indicators
                if i["_outcome"] not in obj["_outcomes"]
                and not i.get("_unknown")
                and not i.get("_orphan")
            ]

        # (an objective carrying the outcome of every indicator has none of another to take)
        for obj in self.pick(
            "OG204",
            [
                o
                for o in objectives
                if o["indicators"] and not o.get("_untagged") and of_another_outcome(o)
            ],
        ):
            others = of_another_outcome(obj)
            other = next((i for i in others if not i.get("_used")), others[0])
            obj["indicators"] = [other["id"]]
        # OG108: a gap in the numbering of a priority's aims.
        for aim in self.pick("OG108", [p["aims"][-1] for p in priorities if len(p["aims"]) >= 2]):
            p_num, a_num = aim["number"].split(".")
            _renumber(aim, f"{p_num}.{int(a_num) + 1}")
        # OG109: a milestone with its sibling's title.
        with_two = [
            m for o in objectives if len(o["milestones"]) >= 2 for m in o["milestones"][1:2]
        ]
        by_id = {m["id"]: o for o in objectives for m in o["milestones"]}
        for m in self.pick("OG109", with_two):
            m["title"] = by_id[m["id"]]["milestones"][0]["title"]
        # OG104: a cross-reference to an id that does not exist.
        for m in self.pick("OG104", [m for o in objectives for m in o["milestones"]]):
            m["see_also"] = [f"{m['id']}.9"]
        # Views and wording: every priority, aim and objective is in the summary view too, with the
        # same wording (views) or a variant worded as summaries are (a label, '&' for 'and').
        for node in _summary_nodes(priorities):
            if rng.random() < 0.3:
                text = (
                    node["title"].replace(" and ", " & ")
                    if " and " in node["title"]
                    else node["title"].upper()
                )
                if node["id"].count(".") == 0:
                    text = f"Priority {node['number']}: {node['title']}"
                node["variants"] = [{"text": text, "where": "summary"}]
                node["views"] = ["detail"]
            else:
                node["views"] = ["detail", "summary"]
        summary = list(_summary_nodes(priorities))
        for node in self.pick("OG601", summary):
            node["variants"] = [{"text": node["title"] + rng.choice(_DRIFT), "where": "summary"}]
            node["views"] = ["detail"]
        reversible = [n for n in summary if n["title"].split()[0] in _REVERSE]
        for node in self.pick("OG602", reversible):
            first, rest = node["title"].split(" ", 1)
            node["variants"] = [{"text": f"{_REVERSE[first]} {rest}", "where": "summary"}]
            node["views"] = ["detail"]
        for obj in self.pick(
            "OG603", [a["objectives"][-1] for a in aims if len(a["objectives"]) >= 2]
        ):
            obj.pop("variants", None)
            obj["views"] = ["detail"]

    def plant_indicator_defects(self, indicators: list[dict[str, Any]]) -> None:
        from .reference.catalogue import national_indicators

        ni_pool = [i for i in indicators if i["id"].startswith("NI ")]
        for k, ind in enumerate(self.pick("OG501", ni_pool)):
            ind["id"] = f"NI {240 + k}"  # the National Indicator Set ends at NI 199
            ind["_unknown"] = True
        wrong = next(
            e for e in national_indicators() if not e.outcomes and "crime" in e.title.lower()
        )
        for ind in self.pick("OG502", ni_pool):
            ind["title"] = wrong.title
        for ind in self.pick("OG503", indicators):
            del ind["target"]
        for ind in self.pick("OG504", indicators):
            base = ind["baseline"]["value"]
            ind["target"] = {
                "period": "2011-12",
                "value": round(base - 5 if ind["direction"] == "increase" else base + 5, 1),
            }
            del ind["actuals"]
        for ind in self.pick("OG505", indicators):
            base = ind["baseline"]["value"]
            ind["actuals"] = [
                {
                    "period": "2011-12-Q2",
                    "value": round(base - 1 if ind["direction"] == "increase" else base + 1, 1),
                }
            ]

    # -- dates, statuses, leads ---------------------------------------------------------------
    def dates_and_leads(
        self,
        priorities: list[dict[str, Any]],
        extra: dict[str, list[dict[str, Any]]],
        owners: list[_Owner],
    ) -> None:
        """Leads, dates, statuses and dependencies of the milestones, then the planted defects of
        ownership and timing (in this order: the random draws, and so the plan, depend on it)."""
        objectives = [*_objectives(priorities), *extra["objectives"]]
        self._leads(objectives, extra["milestones"], owners)
        all_ms = [m for o in objectives for m in o["milestones"]] + extra["milestones"]
        self._dates(all_ms, objectives)
        nested = [m for o in _objectives(priorities) for m in o["milestones"]]
        self._timing_defects(priorities, nested)
        self._owner_defects(nested, all_ms, owners)

    def _leads(
        self, objectives: list[dict[str, Any]], loose: list[dict[str, Any]], owners: list[_Owner]
    ) -> None:
        """An objective's lead (its milestones inherit it) or one lead per milestone, written as the
        owner's id, name or alias, no owner over its limit."""
        rng = self.rng
        cursor = 0

        def next_owner(load: int) -> _Owner:
            nonlocal cursor
            for _ in range(len(owners)):
                o = owners[cursor % len(owners)]
                if o.load + load <= _LIMIT_PER_OWNER:
                    return o
                cursor += 1
            return min(owners, key=lambda o: o.load)  # pragma: no cover - owners are sized to fit

        def lead_text(o: _Owner) -> str:
            r = rng.random()
            return o.id if r < 0.7 else o.name if r < 0.9 else o.alias

        def lead(m: dict[str, Any]) -> None:
            owner = next_owner(1)
            m["lead"] = lead_text(owner)
            m["_owner"] = owner
            owner.load += 1
            owner.milestones.append(m)

        for obj in objectives:
            ms = obj["milestones"]
            if obj.get("_lead_required") or (
                ms and len(ms) <= _LIMIT_PER_OWNER - 2 and rng.random() < 0.4
            ):
                owner = next_owner(len(ms))
                obj["lead"] = lead_text(owner)
                for m in ms:
                    m["_owner"] = owner
                owner.load += len(ms)
                owner.milestones.extend(ms)
            else:
                for m in ms:
                    lead(m)
        for m in loose:
            lead(m)

    def _dates(self, all_ms: list[dict[str, Any]], objectives: list[dict[str, Any]]) -> None:
        """Timescales spread over the year (no owner with more than four in one month), statuses
        as of the plan's date, and a later milestone
        depending on an earlier sibling now and then."""
        rng = self.rng
        for m in all_ms:
            owner = m["_owner"]
            for _ in range(24):
                month = rng.randrange(12)
                if owner.months.get(month, 0) < _LIMIT_PER_MONTH:
                    break
            owner.months[month] = owner.months.get(month, 0) + 1
            m["_month"] = month
            key, value = _timescale(rng, month)
            m[key] = value
            if month < _AS_OF_MONTH:
                m["status"] = "done"
            else:
                status = rng.choice([None, "not_started", "on_track", "on_track", "at_risk"])
                if status:
                    m["status"] = status
        for obj in objectives:
            ms = obj["milestones"]
            for a, b in zip(ms, ms[1:]):
                if b["_month"] > a["_month"] and rng.random() < 0.15:
                    b["depends_on"] = [a["id"]]
                    a["_dep_target"] = True

    def _timing_defects(
        self, priorities: list[dict[str, Any]], nested: list[dict[str, Any]]
    ) -> None:
        """OG301, OG401, OG404, OG402, OG403, OG405 and OG110, planted among the nested
        milestones."""
        rng = self.rng
        dated = [m for m in nested if "depends_on" not in m and not m.get("_dep_target")]
        # OG301: a milestone with no lead under an objective with none.
        for m in self.pick("OG301", [m for m in dated if "lead" in m]):
            _disown(m)
            del m["lead"]
        # OG401 / OG404 / OG402: no readable date, another document's timetable, after the period.
        for m in self.pick("OG401", dated):
            _undate(m)
            wording = rng.choice(_UNDATED)
            if wording is not None:
                m["timescale"] = wording
        for m in self.pick("OG404", dated):
            _undate(m)
            m["timescale"] = rng.choice(_EXTERNAL)
        for m in self.pick("OG402", dated):
            _undate(m)
            m["timescale"] = rng.choice(["September 2013", "End June 2014", "2015"])
            m.pop("status", None)
        # OG403: due before as_of and not done.
        for m in self.pick("OG403", [m for m in dated if m.get("status") == "done"]):
            m["status"] = "on_track"
        # OG405: depends on a later sibling.
        by_obj = [o["milestones"] for o in _objectives(priorities)]
        pairs = [
            (a, b)
            for ms in by_obj
            for a, b in zip(ms, ms[1:])
            if not a.get("_used")
            and not b.get("_used")
            and a["_month"] > b["_month"]
            and "depends_on" not in b
            and ("timescale" in a or "due" in a)
        ]
        for a, b in self.pick_pairs("OG405", pairs, len(nested)):
            b["depends_on"] = [a["id"]]
            a["_dep_target"] = True
        # OG110: an ignore entry for a rule that reports nothing there.
        for m in self.pick("OG110", [m for m in nested if "depends_on" not in m]):
            m["ignore"] = [
                {"rule": "OG405", "reason": "the dependency is managed outside the plan"}
            ]

    def _owner_defects(
        self, nested: list[dict[str, Any]], all_ms: list[dict[str, Any]], owners: list[_Owner]
    ) -> None:
        """OG304 and OG305 (leads that are no declared owner, one written two ways), OG302 (a
        capacity below the load) and OG303 (five milestones of one owner due in one month)."""
        rng = self.rng
        led = [m for m in nested if "lead" in m]
        for k, m in enumerate(self.pick("OG304", led)):
            _disown(m)
            m["lead"] = f"Locality Coordinator {_area(k + 7)}"
        acronyms: set[str] = set()
        for a, b in self.pick_pairs(
            "OG305", [(x, y) for x, y in zip(led[::2], led[1::2])], len(led) // 2
        ):
            while True:
                words = rng.sample(_WORDS, rng.choice((3, 4)))
                long = f"{' '.join(words[:-1])} and {words[-1]}"
                acronym = _initials(long)
                if acronym not in acronyms:
                    break
            acronyms.add(acronym)
            _disown(a)
            _disown(b)
            a["lead"] = f"SL {long} (SL {acronym})"
            b["lead"] = f"SL {acronym}"
            self.tally("OG304", 2)  # neither spelling is a declared owner
        busy = [o for o in owners if o.load >= 3]
        for o in self.pick_owners("OG302", busy):
            o.capacity = o.load - 1
        movable = {
            id(m)
            for m in all_ms
            if not m.get("_used") and "depends_on" not in m and not m.get("_dep_target")
        }
        peak = [
            o
            for o in owners
            if o.capacity is None and sum(id(m) in movable for m in o.milestones) >= 5
        ]
        for o in self.pick_owners("OG303", peak):
            for m in [m for m in o.milestones if id(m) in movable][:5]:
                m["_used"] = True
                _undate(m)
                m["timescale"] = "End March 2012"
                m.pop("status", None)
                m.pop("depends_on", None)

    def pick_pairs(
        self, code: str, pairs: list[tuple[dict[str, Any], dict[str, Any]]], eligible: int
    ) -> list[tuple[dict[str, Any], dict[str, Any]]]:
        free = [(a, b) for a, b in pairs if not a.get("_used") and not b.get("_used")]
        k = min(self.quota(code, eligible), len(free))
        chosen: list[tuple[dict[str, Any], dict[str, Any]]] = []
        for a, b in self.rng.sample(free, len(free)):
            if len(chosen) >= k:
                break
            if a.get("_used") or b.get("_used"):
                continue
            a["_used"] = b["_used"] = True
            chosen.append((a, b))
        if chosen:
            self.tally(code, len(chosen))
        return chosen

    def pick_owners(self, code: str, owners: list[_Owner]) -> list[_Owner]:
        k = min(self.quota(code, len(owners)), len(owners))
        chosen = self.rng.sample(owners, k) if k else []
        if chosen:
            self.tally(code, len(chosen))
        return chosen


def _disown(m: dict[str, Any]) -> None:
    owner = m["_owner"]
    owner.milestones = [x for x in owner.milestones if x is not m]
    owner.load -= 1


def _undate(m: dict[str, Any]) -> None:
    m.pop("due", None)
    m.pop("timescale", None)


def _renumber(node: dict[str, Any], number: str) -> None:
    old = node["number"]
    node["number"] = number
    for key in ("aims", "objectives", "milestones"):
        for child in node.get(key, ()):
            _renumber(child, number + child["number"][len(old) :])


def _objectives(priorities: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for p in priorities:
        for a in p["aims"]:
            yield from a["objectives"]


def _summary_nodes(priorities: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for p in priorities:
        yield p
        for a in p["aims"]:
            yield a
            yield from a["objectives"]


def _strip_private(value: Any) -> None:
    if isinstance(value, dict):
        for key in [k for k in value if k.startswith("_")]:
            del value[key]
        for v in value.values():
            _strip_private(v)
    elif isinstance(value, list):
        for v in value:
            _strip_private(v)


def _shares(defects: float | Mapping[str, float] | None) -> dict[str, float]:
    if defects is None:
        return dict.fromkeys(DEFECTS, DEFAULT_SHARE)
    if isinstance(defects, (int, float)):
        if not 0 <= defects <= 1:
            raise UsageError(f"defects must be a share between 0 and 1, not {defects}")
        return dict.fromkeys(DEFECTS, float(defects))
    unknown = sorted(set(defects) - set(DEFECTS))
    if unknown:
        raise UsageError(f"cannot plant {', '.join(unknown)}; plantable: {', '.join(DEFECTS)}")
    return {code: float(defects.get(code, 0.0)) for code in DEFECTS}


def generate(
    n_nodes: int, seed: int = 0, defects: float | Mapping[str, float] | None = None
) -> dict[str, Any]:
    """A synthetic plan document of ``n_nodes`` nodes (see the module documentation).

    Parameters
    ----------
    n_nodes : int
        The number of nodes written in the plan (priorities, aims, objectives, milestones and
        declared indicators); at least :data:`MIN_NODES`. Indicators a node lists without their
        being declared are not written, so the loaded plan may hold a few more.
    seed : int
        The random seed: the same arguments always give the same document.
    defects : float or mapping, optional
        The share of eligible nodes given each defect of :data:`DEFECTS` (default
        :data:`DEFAULT_SHARE`, at least one of each); a mapping gives shares by rule code (codes
        not named get none); ``0`` gives a plan with no planted defect.

    Returns
    -------
    dict
        The plan as plain data (ids, numbers, dates and periods as text), ready for
        :func:`dump_yaml`, :func:`dump_json` or
        :func:`outcome_graph.loading.loader.document_to_plan`.

    Raises
    ------
    UsageError
        (a ``ValueError``) ``n_nodes`` is below :data:`MIN_NODES`, or ``defects`` names an
        unknown code or a share outside 0..1.
    TypeError
        ``n_nodes`` or ``seed`` is not a whole number (``"200"``, ``200.5``).

    Examples
    --------
    >>> doc = generate(100, seed=3, defects=0)
    >>> count_nodes(doc), planted_defects(doc)
    (100, {})
    """
    for name, value in (("n_nodes", n_nodes), ("seed", seed)):
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(
                f"generate() takes {name} as a whole number, not {type(value).__name__}"
            )
    if n_nodes < MIN_NODES:
        raise UsageError(f"a synthetic plan has at least {MIN_NODES} nodes, not {n_nodes}")
    return _Builder(int(n_nodes), int(seed), _shares(defects)).build()


_NODE_LISTS = ("aims", "objectives", "milestones")


def count_nodes(document: Mapping[str, Any]) -> int:
    """The number of nodes written in a plan document (nested and flat, indicators included).

    >>> count_nodes({"priorities": [{"id": "P1", "aims": [{"id": "A1"}]}],
    ...              "indicators": [{"id": "NI 1"}]})
    3
    """

    def walk(items: Any) -> int:
        total = 0
        for item in items or ():
            total += 1
            for key in _NODE_LISTS:
                total += walk(item.get(key))
        return total

    total = 1 if document.get("vision") else 0
    for key in ("priorities", "aims", "objectives", "milestones", "indicators"):
        total += walk(document.get(key))
    return total


_TALLY = re.compile(r"Planted defects: (.*?)\.$")


def planted_defects(document: Mapping[str, Any]) -> dict[str, int]:
    """The defects :func:`generate` planted in a document, by rule code (from ``plan.notes``).

    >>> planted_defects({"plan": {"notes": "Planted defects: OG103 4, OG301 2."}})
    {'OG103': 4, 'OG301': 2}
    """
    notes = (document.get("plan") or {}).get("notes") or ""
    m = _TALLY.search(notes)
    if not m or m.group(1) == "none":
        return {}
    out: dict[str, int] = {}
    for part in m.group(1).split(", "):
        code, count = part.split()
        out[code] = int(count)
    return out


# ------------------------------------------------------------------------------------------------
# Writing

_PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9 ._/-]*$")
_RESERVED = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null"})


def _scalar(value: Any) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, (int, float)):
        return repr(value)
    text = str(value)
    if _PLAIN.match(text) and not text.endswith(" ") and text.lower() not in _RESERVED:
        return text
    return json.dumps(text, ensure_ascii=False)


def _is_flat(value: Any) -> bool:
    return not isinstance(value, (dict, list))


def _flow(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_scalar(k)}: {_flow(v)}" for k, v in value.items()) + "}"
    return _scalar(value)


def _flowable(value: Any) -> bool:
    if isinstance(value, list):
        return all(
            _is_flat(v) or (isinstance(v, dict) and all(_is_flat(x) for x in v.values()))
            for v in value
        ) and (len(value) <= 1 or all(_is_flat(v) for v in value))
    if isinstance(value, dict):
        return len(value) <= 4 and all(_is_flat(v) for v in value.values())
    return True


def _emit_map(
    mapping: Mapping[str, Any], indent: str, out: list[str], first_prefix: str | None = None
) -> None:
    prefix = first_prefix if first_prefix is not None else indent
    for key, value in mapping.items():
        head = f"{prefix}{_scalar(key)}:"
        prefix = indent
        if isinstance(value, (dict, list)):
            if not value:
                out.append(f"{head} {'{}' if isinstance(value, dict) else '[]'}")
            elif _flowable(value):
                out.append(f"{head} {_flow(value)}")
            elif isinstance(value, dict):
                out.append(head)
                _emit_map(value, indent + "  ", out)
            else:
                out.append(head)
                _emit_seq(value, indent + "  ", out)
        else:
            out.append(f"{head} {_scalar(value)}")


def _emit_seq(items: list[Any], indent: str, out: list[str]) -> None:
    for item in items:
        if isinstance(item, dict) and item:
            _emit_map(item, indent + "  ", out, first_prefix=indent + "- ")
        elif isinstance(item, (dict, list)):
            out.append(f"{indent}- {_flow(item)}")
        else:
            out.append(f"{indent}- {_scalar(item)}")


def dump_yaml(document: Mapping[str, Any]) -> str:
    """The document as block-style YAML (flow style for short lists and small mappings).

    Texts that could be read as anything but text are double-quoted, so every id, number and
    date reads back exactly as written.

    >>> print(dump_yaml({"plan": {"id": "x", "period": {"start": "2011-04-01"}}, "tags": ["LAA"]}),
    ...       end="")
    plan:
      id: x
      period: {start: "2011-04-01"}
    tags: [LAA]
    """
    out: list[str] = []
    _emit_map(document, "", out)
    return "\n".join(out) + "\n"


def dump_json(document: Mapping[str, Any]) -> str:
    """The document as JSON, one key per line (so that positions in it are meaningful).

    >>> dump_json({"a": [1]})
    '{\\n "a": [\\n  1\\n ]\\n}\\n'
    """
    return json.dumps(document, indent=1, ensure_ascii=False) + "\n"
