"""Hypothesis strategies for plans: valid v1 plans of any shape the format allows."""

from __future__ import annotations

import yaml
from hypothesis import strategies as st

from outcome_graph.model.document import is_blank

OUTCOMES = [
    "be_healthy",
    "stay_safe",
    "enjoy_and_achieve",
    "positive_contribution",
    "economic_wellbeing",
]
NI_CODES = [
    "NI 19",
    "NI 50",
    "NI 54",
    "NI 56",
    "NI 64",
    "NI 71",
    "NI 72",
    "NI 73",
    "NI 75",
    "NI 102a",
    "NI 102c",
    "NI 110",
    "NI 111",
    "NI 112",
    "NI 117",
    "NI 245",
    "XX 1",
]
TIMESCALES = [
    "June 11",
    "Sept 2011",
    "End September 2012",
    "April – July 11",
    "Autumn 2011",
    "TBA",
    "TBC",
    "",
    "See 14-19 Plan",
    "As above",
    "Q3 2011-12",
    "October 2011 April 2012",
    "Ongoing casework",
    "March",
    "By December 11",
    "2012",
    "Spring 2009",
]
LEADS = [
    "SILS",
    "SL ASO",
    "SL Assets and School Organisation (SL ASO)",
    "Head CATO",
    "Head of Care & Targeted Outcomes (HCATO)",
    "SILS & EYFC",
    "CSP & Head of Public Protection (HPP)",
    "EYFC",
    "Group Manager, Youth Support",
]

words = st.sampled_from(
    [
        "raise",
        "reduce",
        "attainment",
        "young",
        "people",
        "safe",
        "schools",
        "health",
        "more",
        "fewer",
        "children",
        "care",
        "families",
        "increase",
        "&",
        "and",
        "the",
        "of",
        "well-being",
        "aim:",
        "#2",
        "id: P1",
        "Target:",
    ]
)  # (texts that look like keys or comments)
IGNORES = [
    "OG301",
    "OG401",
    "OG6",
    "OG999",
    {"rule": "OG1", "scope": "branch"},
    {"rule": "OG301", "reason": "acting lead"},
]
STATUSES = ["not_started", "on_track", "at_risk", "off_track", "done"]
titles = st.lists(words, min_size=1, max_size=8).map(" ".join)


@st.composite
def plans(draw, max_priorities: int = 3) -> dict:
    """A plan as data (dumped to YAML by :func:`plan_text`), nested and flat forms mixed."""
    counter = {"n": 0}

    def nid(prefix: str) -> str:
        counter["n"] += 1
        return f"{prefix}{counter['n']}"

    def maybe(strategy, p: float = 0.5):
        return draw(st.one_of(st.none(), strategy)) if draw(st.floats(0, 1)) < p else None

    milestones_so_far: list[str] = []

    def node(prefix: str, number: str | None = None) -> dict:
        d: dict = {"id": nid(prefix), "title": draw(titles)}
        if number is not None and draw(st.floats(0, 1)) < 0.3:
            d["number"] = number
        outs = maybe(st.lists(st.sampled_from(OUTCOMES), max_size=2, unique=True), 0.3)
        if outs is not None:
            d["outcomes"] = outs
        if draw(st.booleans()):
            d["variants"] = [{"text": draw(titles), "where": "summary"}]
        if draw(st.floats(0, 1)) < 0.15:
            d["ignore"] = draw(
                st.lists(st.sampled_from(IGNORES), min_size=1, max_size=2, unique_by=str)
            )
        return d

    def milestone(number: str | None = None) -> dict:
        m = node("M", number)
        lead = maybe(st.sampled_from(LEADS), 0.7)
        if lead:
            m["lead"] = lead
        m["timescale"] = draw(st.sampled_from(TIMESCALES))
        if draw(st.floats(0, 1)) < 0.2:
            m["status"] = draw(st.sampled_from(STATUSES))
        if milestones_so_far and draw(st.floats(0, 1)) < 0.15:
            m["depends_on"] = [draw(st.sampled_from(milestones_so_far))]
        milestones_so_far.append(m["id"])
        return m

    def measured(prefix: str, number: str | None = None) -> dict:
        d = node(prefix, number)
        if draw(st.booleans()):
            d["indicators"] = draw(st.lists(st.sampled_from(NI_CODES), max_size=2, unique=True))
        if draw(st.floats(0, 1)) < 0.3:
            d["lead"] = draw(st.sampled_from(LEADS))
        return d

    priorities = []
    for i in range(draw(st.integers(0, max_priorities))):
        p = measured("P", f"{i + 1}")
        aims = []
        for j in range(draw(st.integers(0, 2))):
            a = measured(
                "A", f"{i + 1}.{j + 1 + draw(st.integers(0, 1))}"
            )  # (numbers with gaps, sometimes)
            objectives = []
            for k in range(draw(st.integers(0, 2))):
                o = measured("O", f"{i + 1}.{j + 1}.{k + 1}")
                o["milestones"] = [milestone() for _ in range(draw(st.integers(0, 3)))]
                objectives.append(o)
            a["objectives"] = objectives
            aims.append(a)
        p["aims"] = aims
        priorities.append(p)
    all_ids = [x["id"] for x in _walk(priorities)]
    flat = []
    for _ in range(draw(st.integers(0, 3))):
        m = milestone()
        parent = draw(
            st.one_of(st.none(), st.sampled_from(all_ids + ["MISSING"]) if all_ids else st.none())
        )
        if parent:
            m["parent"] = parent
        flat.append(m)
    doc: dict = {
        "format": "outcome-graph/v1",
        "plan": {
            "id": "generated",
            "period": {"start": "2011-04-01", "end": "2012-03-31"},
            "views": ["detail", "summary"],
        },
        "priorities": priorities,
    }
    if draw(st.booleans()):
        doc["plan"]["as_of"] = "2011-10-01"
    if flat:
        doc["milestones"] = flat
    if draw(st.floats(0, 1)) < 0.3:  # owners declared, with aliases and capacities
        doc["owners"] = [
            {
                "id": "SILS",
                "name": "School Improvement, Learning and Skills",
                "aliases": ["SL SILS"],
                "capacity": draw(st.integers(1, 12)),
            },
            {"id": "EYFC", "name": "Early Years, Families and Communities"},
        ][: draw(st.integers(1, 2))]
        if draw(st.booleans()):  # an owner's own suppressions
            doc["owners"][0]["ignore"] = draw(
                st.lists(
                    st.sampled_from(["OG302", "OG303", "OG305", "OG3", "OG101"]),
                    min_size=1,
                    max_size=2,
                    unique=True,
                )
            )
    if draw(st.floats(0, 1)) < 0.4:  # indicators declared, with figures
        declared = []
        for code in draw(
            st.lists(
                st.sampled_from([c for c in NI_CODES if c.startswith("NI")]),
                max_size=3,
                unique=True,
            )
        ):
            ind: dict = {"id": code, "title": draw(titles)}
            direction = maybe(st.sampled_from(["increase", "decrease", "maintain"]), 0.7)
            if direction:
                ind["direction"] = direction
            if draw(st.booleans()):
                ind["baseline"] = {"period": "2010-11", "value": draw(st.integers(0, 100))}
            if draw(st.booleans()):
                ind["target"] = {"period": "2012-13", "value": draw(st.integers(0, 100))}
            if draw(st.booleans()):
                ind["actuals"] = [{"period": "2011-12", "value": draw(st.integers(0, 100))}]
            declared.append(ind)
        if declared:
            doc["indicators"] = declared
    if all_ids and draw(st.floats(0, 1)) < 0.2:
        doc["groups"] = [
            {
                "id": "G1",
                "title": draw(titles),
                "members": draw(
                    st.lists(
                        st.sampled_from(all_ids + ["MISSING"]), min_size=1, max_size=3, unique=True
                    )
                ),
            }
        ]
        if draw(st.booleans()):
            doc["groups"][0]["ignore"] = [draw(st.sampled_from(["OG104", "OG1", "OG302"]))]
    return doc


def rename_ids(nodes: list[dict], rename: dict[str, str]) -> None:
    """Give the nodes named in ``rename`` their new ids, in their own ``id`` and wherever a node
    names them (``parent``, ``depends_on``)."""
    for n in nodes:
        n["id"] = rename.get(n["id"], n["id"])
        if "parent" in n:
            n["parent"] = rename.get(n["parent"], n["parent"])
        if "depends_on" in n:
            n["depends_on"] = [rename.get(x, x) for x in n["depends_on"]]


def _walk(items: list[dict]):
    for item in items:
        yield item
        for key in ("aims", "objectives", "milestones"):
            yield from _walk(item.get(key, []))


def plan_text(doc: dict) -> str:
    return yaml.safe_dump(doc, sort_keys=False, allow_unicode=True)


# Texts a spreadsheet program or a YAML reader would read as something else: numbers, dates,
# booleans, formulas, a cell's markers, separators, escapes, other line breaks, spaces around.
AWKWARD = [
    "007",
    "1e3",
    "2011-12",
    "1.10",
    "1.1",
    "TRUE",
    "=SUM(A1)",
    "+44 1375 652652",
    "-1",
    "NaN",
    "null",
    "1,000",
    "12/03/2011",
    "#N/A",
    "2011-04-01",
    "'quoted",
    "a;b",
    "[]",
    '""',
    "x\\",
    "@x",
    "İ",
    "(plan)",
    "_x000D_",
    "Jan-11",
    "00123",
    "½",
    "ﬁ",
    "e\u0301",
    "🙂",
]
awkward_texts = st.one_of(
    st.sampled_from(
        AWKWARD + ["line\nbreak", "a\r\nb", "NEL\x85here", "x" * 300, "-11", "'=x", " spaced "]
    ),
    st.text(
        st.characters(exclude_categories=("Cs", "Cc")) | st.sampled_from("\n\t\r;\\'=\u2028"),
        min_size=1,
        max_size=20,
    ),
).filter(
    lambda t: not is_blank(t)
)  # (a text that shows nothing reads back from a cell as left out)


@st.composite
def awkward_plans(draw, max_priorities: int = 3) -> dict:
    """A plan of :func:`plans` with awkward ids, titles, notes, leads and timescales (see
    ``AWKWARD``)."""
    doc = draw(plans(max_priorities))
    nodes = list(_walk(doc["priorities"])) + doc.get("milestones", [])
    ids = iter(draw(st.permutations([i.strip() for i in AWKWARD])))
    rename = {n["id"]: next(ids) for n in nodes if draw(st.booleans())}
    one_line = awkward_texts.map(str.strip).filter(
        lambda t: t != "" and not any(c in t for c in "\n\r\x85\u2028")
    )
    rename_ids(nodes, rename)
    for n in nodes:
        for key in ("title", "notes") + (
            ("lead", "timescale") if n["id"].startswith("M") or "timescale" in n else ()
        ):
            if draw(st.booleans()):
                n[key] = draw(awkward_texts)
        if draw(st.floats(0, 1)) < 0.2:
            n["tags"] = draw(st.lists(one_line, max_size=3))
        if draw(st.floats(0, 1)) < 0.2:
            n["lead"] = draw(st.lists(one_line, min_size=1, max_size=3))
        if draw(st.floats(0, 1)) < 0.1:
            n["see_also"] = [draw(st.sampled_from([m["id"] for m in nodes]))]
    for group in doc.get("groups", []):
        group["members"] = [rename.get(x, x) for x in group["members"]]
    if draw(st.booleans()):
        doc["plan"]["title"] = draw(awkward_texts)
    for owner in doc.get("owners", []):
        if draw(st.booleans()):
            owner["name"] = draw(awkward_texts)
        if draw(st.booleans()):
            owner["aliases"] = draw(st.lists(one_line, max_size=2))
    return doc
