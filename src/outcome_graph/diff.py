"""What changed between two versions of a plan (a refresh: the 2011-12 plan and the 2012-13 one).

:func:`diff` matches the nodes of the old plan to those of the new one, then lists the changes:

* **matching**: by id (same kind); else by the same title anywhere (a node renumbered or moved);
  else by a similar title under the same parent (a node reworded). An id that now names another
  title is held back (positional ids, ``P1.A1.O1.M3``, shift when a sibling is inserted or
  dropped): that node is matched by its title, the same or similar among its siblings, before
  the node of its id is taken (under the same parent: a node reworded in place). Titles are
  indexed by their words, and only nodes that share an uncommon word are compared, so matching
  stays near-linear in the size of the plans (no comparison of every pair).
* **changes** of matched nodes: ``reworded`` (title), ``moved`` (parents), ``re-led`` (its own
  ``lead``), ``re-timed`` (``timescale`` or ``due``), ``renumbered``, ``status``, ``outcomes``,
  ``targets`` (an indicator's baseline, targets or actuals), ``indicator-added`` /
  ``indicator-dropped`` (a node's indicator references) and ``id-changed`` (matched by title);
  nodes ``added`` and ``removed``.
* **splits and merges** among the nodes left unmatched, matched by a similar title, or matched
  by id but reworded (one part of a split often keeps the old id): ``split`` when one old node's
  title is shared out between two or more new nodes of its kind under the same parent (each new
  title drawn mostly from the old one, and together covering most of it), ``merged`` for the
  reverse. Those nodes are not listed again as removed, added or reworded.
* **findings** introduced and resolved: both plans are checked, and findings are compared by rule
  and (matched) node; an owner's or group's by its own id. Of several findings of one rule at one
  node, those of the same message are paired first, then those whose messages differ only in
  their figures, then the rest in order (so the node's net change is listed). Unless they are left
  out (``findings=False``): then the summary has no findings counts, and the JSON document says
  ``"findings": {"compared": false, ...}``.
* **notices**: what loading either plan passed over (a hidden row read, a lead too long to split),
  and two plans of which fewer than half the nodes of the smaller have a counterpart of the same
  or a similar title in the other being hardly versions of one plan (:attr:`PlanDiff.notices`, and
  the JSON document's ``notices``, each its message and location as in check's document).
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

from .model.document import LEVELS, Indicator, Milestone, plain_due
from .model.plan import Location, Notice

if TYPE_CHECKING:
    from .config import Config
    from .findings import Finding
    from .model.plan import Plan

__all__ = [
    "Change",
    "PlanDiff",
    "diff",
    "diff_plans",
    "match_titles",
    "CHANGE_KINDS",
    "DIFF_SCHEMA_ID",
]

#: v2: a change's ``location`` is an object as a finding's is (file, line, column, sheet, cell);
#: v1 wrote it as text (``plan.yaml:12:7``).
DIFF_SCHEMA_ID = "outcome-graph/diff/v2"

#: Every kind of change, in the order a report lists them.
CHANGE_KINDS: tuple[str, ...] = (
    "added",
    "removed",
    "split",
    "merged",
    "reworded",
    "moved",
    "re-led",
    "re-timed",
    "renumbered",
    "status",
    "outcomes",
    "targets",
    "indicator-added",
    "indicator-dropped",
    "id-changed",
    "variants",
    "period",
    "as-of",
)

#: Two titles under the same parent are one node reworded when this similar (0..1).
SIMILARITY = 0.5
#: A word shared by more titles than this is too common to find candidates by.
COMMON_WORD = 40
#: A split's part draws at least this share of its title's words from the old title (a merge's
#: part, from the new one), and the parts together cover at least PART_COVER of the whole's words.
PART_SHARE = 0.6
PART_COVER = 0.7

_STOP = frozenset(
    "a an and are as at be by for from has have in into is it its of on or our so that the their "
    "them these this those to up we will with all more".split()
)
_ORDER = {kind: i for i, kind in enumerate((*LEVELS, "indicator"))}


@dataclass(frozen=True)
class Change:
    """One change between the plans.

    ``old_id``/``new_id`` are the node in each plan (``None`` for added/removed); ``before`` and
    ``after`` the values that changed (texts, lists of ids); ``detail`` one readable sentence. A
    ``split`` has the old node's id and title and, in ``after``, the ids of the new nodes (the
    first is ``new_id``); a ``merged`` has the new node's, and in ``before`` the old ids (the first
    is ``old_id``). ``location`` is where the node is written (in the old plan for a removed
    node, else in the new one): ``str(change.location)`` is ``plan.yaml:12:7``, or a workbook's
    ``plan.xlsx:milestones!C14``.
    """

    change: str
    kind: str
    old_id: str | None
    new_id: str | None
    title: str
    before: Any = None
    after: Any = None
    detail: str = ""
    matched_by: str | None = None
    location: Location | None = None

    @property
    def node(self) -> str:
        """The node's id in the new plan (the old one for a removed node)."""
        return self.new_id or self.old_id or ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "change": self.change,
            "kind": self.kind,
            "old_id": self.old_id,
            "new_id": self.new_id,
            "title": self.title,
            "before": self.before,
            "after": self.after,
            "detail": self.detail,
            "matched_by": self.matched_by,
            "location": None if self.location is None else self.location.to_dict(),
        }


@dataclass
class PlanDiff:
    """The changes from one plan to another, and the findings introduced and resolved.

    Examples
    --------
    >>> from outcome_graph import load, diff_plans
    >>> head = ("format: outcome-graph/v1\\n"
    ...         "plan: {id: demo, period: {start: 2011-04-01, end: 2012-03-31}}\\n")
    >>> old = load(head + "milestones: [{id: M1, title: Audit junctions, timescale: June 11, "
    ...                   "lead: Roads}]\\n")
    >>> new = load(head + "milestones: [{id: M1, title: Audit junctions, timescale: July 11, "
    ...                   "lead: Roads}]\\n")
    >>> [(c.change, c.node) for c in diff_plans(old, new).changes]
    [('re-timed', 'M1')]
    """

    old_id: str
    new_id: str
    old_file: str | None
    new_file: str | None
    #: old node id -> new node id, with how it was matched (``id``, ``title``, ``similar title``)
    matches: dict[str, tuple[str, str]] = field(default_factory=dict)
    #: old node id -> the new nodes it was split into; new node id -> the old nodes merged into it
    splits: dict[str, list[str]] = field(default_factory=dict)
    merges: dict[str, list[str]] = field(default_factory=dict)
    changes: list[Change] = field(default_factory=list)
    introduced: list[Finding] = field(default_factory=list)
    resolved: list[Finding] = field(default_factory=list)
    findings_compared: bool = False
    #: What a reader should know before trusting the changes: what loading either plan passed
    #: over (the old plan's notices, then the new one's), then two files that are hardly versions
    #: of one plan. The command prints them on standard error (each plan's once it is read); each
    #: is a :class:`~outcome_graph.Notice` (a ``str`` that knows its place).
    notices: list[Notice] = field(default_factory=list)

    @property
    def summary(self) -> dict[str, int]:
        """Changes counted by kind (every kind, zero included), plus ``findings_introduced`` and
        ``findings_resolved`` where the findings were compared (not counted as none where they
        were not: ``diff(..., findings=False)``, ``diff --no-findings``).

        >>> d = PlanDiff("p", "p", None, None)
        >>> d.summary["re-led"], "findings_introduced" in d.summary
        (0, False)
        >>> d.findings_compared = True
        >>> d.summary["findings_introduced"], d.summary["findings_resolved"]
        (0, 0)
        """
        counts = Counter(c.change for c in self.changes)
        out = {kind: counts.get(kind, 0) for kind in CHANGE_KINDS}
        if self.findings_compared:
            out["findings_introduced"] = len(self.introduced)
            out["findings_resolved"] = len(self.resolved)
        return out

    @property
    def changed(self) -> bool:
        """Whether anything changed (nodes or findings)."""
        return bool(self.changes or self.introduced or self.resolved)

    def by_change(self, kind: str) -> list[Change]:
        """The changes of one kind (one of :data:`CHANGE_KINDS`: ``"re-timed"``, ``"re-led"``...),
        in the order of :attr:`changes`."""
        return [c for c in self.changes if c.change == kind]

    def to_dict(self) -> dict[str, Any]:
        """The diff as the JSON document writes it (``outcome-graph/diff/v2``): each change's
        ``location`` as a finding's, ``{"file", "line", "column", "sheet", "cell"}``."""
        return {
            "schema": DIFF_SCHEMA_ID,
            "old": {"id": self.old_id, "file": self.old_file},
            "new": {"id": self.new_id, "file": self.new_file},
            "summary": self.summary,
            # (as check's document writes them: a message and a location, null where unknown)
            "notices": [Notice.of(n).to_dict() for n in self.notices],
            "changes": [c.to_dict() for c in self.changes],
            "findings": {
                "compared": self.findings_compared,
                "introduced": [f.to_dict() for f in self.introduced],
                "resolved": [f.to_dict() for f in self.resolved],
            },
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        """The diff document (:meth:`to_dict`) as JSON text."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    def __repr__(self) -> str:
        # (the matches of a large plan run to thousands of entries: the summary says what changed)
        changed = {k: v for k, v in self.summary.items() if v}
        return f"<PlanDiff {self.old_id!r} -> {self.new_id!r}: {changed or 'no changes'}>"

    def to_text(self, *, max_width: int = 70) -> str:
        """A readable report: a summary line, then one line per change and per finding."""

        def plain(text: Any) -> str | None:
            if text is None:
                return None
            if isinstance(text, (list, tuple)):
                text = ", ".join(map(str, text)) or "(none)"
            return " ".join(str(text).split())

        def q(text: Any, start: int = 0) -> str:
            """The text quoted, from ``start`` (a word's start: "…" before it), cut to
            ``max_width``."""
            shown = plain(text)
            if shown is None:
                return "(none)"
            lead = "…" if start > 0 else ""
            shown = shown[start:]
            if len(lead) + len(shown) > max_width:
                room = shown[: max_width - len(lead)]
                space = room.rfind(" ")  # (cut between words, as a diagram's label is cut)
                shown = (room[:space] if space > max_width // 2 else room[:-1]).rstrip(
                    " ,;:.-"
                ) + "…"
            return f'"{lead}{shown}"'

        def before_after(before: Any, after: Any) -> str:
            """Both sides, shown from a little before where they first differ when that is beyond
            what a line shows (a title reworded at its end read the same on both sides)."""
            a, b = plain(before), plain(after)
            start = 0
            if a is not None and b is not None and max(len(a), len(b)) > max_width:
                differ = next(
                    (i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b))
                )
                if differ > max_width // 2:
                    start = a.rfind(" ", 0, differ - max_width // 4) + 1
            return f"{q(a, start)} -> {q(b, start)}"

        lines = [
            f"{self.old_id} ({self.old_file or '-'}) -> {self.new_id} ({self.new_file or '-'})"
        ]
        s = self.summary
        parts = [f"{s[k]} {k}" for k in CHANGE_KINDS if s[k]]
        lines.append("changes: " + (", ".join(parts) if parts else "none"))
        if self.findings_compared:
            lines.append(
                f"findings: {s['findings_introduced']} introduced, {s['findings_resolved']} "
                "resolved"
            )
        if self.changes:
            lines.append("")
        for c in self.changes:
            node = (
                c.node
                if c.old_id in (None, c.new_id) or c.new_id is None
                else f"{c.old_id} -> {c.new_id}"
            )
            head = f"{c.change:<17} {c.kind:<9} {node}"
            if c.change in ("added", "removed"):
                lines.append(f"{head}  {q(c.title)}" + (f"  ({c.detail})" if c.detail else ""))
            elif c.change == "split":
                lines.append(
                    f"{c.change:<17} {c.kind:<9} {c.old_id} -> {', '.join(c.after)}  {q(c.title)}"
                )
            elif c.change == "merged":
                lines.append(
                    f"{c.change:<17} {c.kind:<9} {', '.join(c.before)} -> {c.new_id}  {q(c.title)}"
                )
            elif c.change in ("indicator-added", "indicator-dropped"):
                lines.append(f"{head}  {c.after if c.change == 'indicator-added' else c.before}")
            elif c.change == "id-changed":
                lines.append(f"{head}  {q(c.title)}")
            else:
                lines.append(f"{head}  {before_after(c.before, c.after)}")
        for label, findings in (("introduced", self.introduced), ("resolved", self.resolved)):
            if findings:
                lines.append("")
            for (
                f
            ) in findings:  # (a node id from a lead may hold a line break: one finding, one line)
                node = f.node if f.node.isprintable() else repr(f.node)
                lines.append(
                    f"finding {label:<10} {f.rule} {f.severity:<7} {node}: "
                    f"{' '.join(f.message.split())}"
                )
        from .output.escape import (
            terminal_text,
        )  # (control characters of plan text shown as escapes)

        return terminal_text("\n".join(lines))


# ---------------------------------------------------------------------------------------------
# Matching


def _words(text: str) -> list[str]:
    return [
        w
        for w in re.findall(r"[a-z0-9]+", text.lower())
        if w not in _STOP and (len(w) > 2 or w.isdigit())
    ]


def _norm(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def _similarity(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


class _Nodes(Protocol):
    """What matching reads of a plan: its nodes (each with an ``id``, ``kind`` and ``title``), their
    parents and the ids made from positions (a
    :class:`~outcome_graph.Plan`, or :class:`_Titled`)."""

    @property
    def nodes(self) -> Mapping[str, Any]: ...
    @property
    def parents(self) -> Mapping[str, tuple[str, ...]]: ...
    @property
    def generated_ids(self) -> AbstractSet[str]: ...


class _TitledNode(NamedTuple):
    id: str
    kind: str
    title: str


@dataclass
class _Titled:
    """Nodes known by id, kind and title alone (a baseline's), in order: no parents."""

    nodes: dict[str, _TitledNode]
    parents: dict[str, tuple[str, ...]] = field(default_factory=dict)
    generated_ids: set[str] = field(default_factory=set)


def match_titles(
    old: Mapping[str, tuple[str, str]],
    new: Mapping[str, tuple[str, str]],
    *,
    generated: AbstractSet[str] = frozenset(),
) -> dict[str, str]:
    """Old node id -> new node id, of nodes known only by their kind and title (node id ->
    ``(kind, title)``, in file order): matched as :func:`diff` matches them, but without parents
    to tell siblings by, so by the same title only (not a similar one). A node keeps its id where
    the node of that id has its title; else it is the node of its title (several of one title
    paired in order); else the node of its id, where no other took it. ``generated`` are the new
    ids made from positions (a flat table's), never matched by id. A baseline
    (:class:`~outcome_graph.Baseline`) finds its findings' nodes so after they are renumbered.

    >>> old = {"M1": ("milestone", "Audit"), "M2": ("milestone", "Survey")}
    >>> new = {"M1": ("milestone", "Audit"), "M2": ("milestone", "Consult"),
    ...        "M3": ("milestone", "Survey")}
    >>> match_titles(old, new)
    {'M1': 'M1', 'M2': 'M3'}
    """

    def view(
        nodes: Mapping[str, tuple[str, str]], generated: AbstractSet[str] = frozenset()
    ) -> _Titled:
        return _Titled(
            {i: _TitledNode(i, kind, title) for i, (kind, title) in nodes.items()},
            generated_ids=set(generated),
        )

    return {
        oid: nid for oid, (nid, _) in _match(view(old), view(new, generated), similar=False).items()
    }


def _mapped_parents(
    old: _Nodes, matches: dict[str, tuple[str, str]], node_id: str
) -> frozenset[str]:
    """An old node's parents as new ids where they are matched (``old:<id>`` where not)."""
    return frozenset(
        matches[p][0] if p in matches else f"old:{p}" for p in old.parents.get(node_id, ())
    )


def _title_key(text: str) -> str:
    """The title's content words as the wording rules compare them
    (:func:`~outcome_graph.analysis.wording.title_key`: word order, plurals and function words
    aside), ``""`` for a title with none."""
    from .analysis.wording import title_key

    return title_key(text)


def _match(old: _Nodes, new: _Nodes, *, similar: bool = True) -> dict[str, tuple[str, str]]:
    """Old node id -> (new node id, how): by id, by the same title, by a similar title under the
    same parent.

    A node whose id is in the new plan with the same title is that node. One whose id now
    carries another title is held back: plans number their nodes by position (``P1.A1.O1.M3``),
    so a milestone inserted or dropped renumbers the siblings after it, and the old ``M3`` is
    then the new ``M4`` (the same title) while the new ``M3`` is its neighbour. Such a node is
    matched first to the node of its title (among its siblings where there are several), then
    to the most similar title among its siblings (its own id's node winning a tie), and only
    then, when neither found it, to the node of its id under the same parent (a node reworded
    in place; one whose title and parent both changed is another node). Without
    ``similar``, titles are matched only when the same.
    """
    from .model.plan import code_key

    matches: dict[str, tuple[str, str]] = {}
    taken: set[str] = set()
    #: old id -> the new node of its id whose title is another (matched by id only as a last resort)
    held: dict[str, str] = {}
    new_by_key = {
        (code_key(n.id) if n.kind == "indicator" else n.id): n for n in new.nodes.values()
    }
    for node in old.nodes.values():
        if node.id in old.generated_ids:
            continue  # (a position, not a name: matched by title below)
        key = code_key(node.id) if node.kind == "indicator" else node.id
        other = new_by_key.get(key)
        if (
            other is not None
            and other.kind == node.kind
            and other.id not in taken
            and other.id not in new.generated_ids
        ):
            if node.kind == "indicator" or _norm(other.title) == _norm(node.title):
                matches[node.id] = (
                    other.id,
                    "id",
                )  # (an indicator's code is its name, never a position)
                taken.add(other.id)
            else:
                held[node.id] = other.id

    def new_parents(node_id: str) -> frozenset[str]:
        return frozenset(new.parents.get(node_id, ()))

    for kind in sorted({n.kind for n in old.nodes.values()}, key=lambda k: _ORDER.get(k, 99)):
        _match_kind(old, new, kind, matches, taken, held, new_parents, similar)
        # What is left of the nodes held back: the node of its id, reworded in place (under the
        # same parent: an id that now names another title under another parent is another node).
        for oid, nid in held.items():
            if (
                oid not in matches
                and nid not in taken
                and old.nodes[oid].kind == kind
                and _mapped_parents(old, matches, oid) == new_parents(nid)
            ):
                matches[oid] = (nid, "id")
                taken.add(nid)
    return matches


def _match_kind(
    old: _Nodes,
    new: _Nodes,
    kind: str,
    matches: dict[str, tuple[str, str]],
    taken: set[str],
    held: dict[str, str],
    new_parents: Callable[[str], frozenset[str]],
    similar: bool,
) -> None:
    """Match the nodes of one kind left unmatched (:func:`_match`): by the same title, then by a
    similar title under the same parent (or its own id's node)."""
    left = [n for n in old.nodes.values() if n.kind == kind and n.id not in matches]
    right = [n for n in new.nodes.values() if n.kind == kind and n.id not in taken]
    if not left or not right:
        return
    # The same title (ignoring case and punctuation), preferring the same parent.
    by_title: dict[str, list[Any]] = defaultdict(list)
    for n in right:
        by_title[_norm(n.title)].append(n)
    for n in left:
        candidates = [c for c in by_title.get(_norm(n.title), ()) if c.id not in taken]
        if not candidates:
            continue
        same = [c for c in candidates if new_parents(c.id) == _mapped_parents(old, matches, n.id)]
        # (Several of one title under one parent pair in the order written.)
        pick = same[0] if same else candidates[0] if len(candidates) == 1 else None
        if pick is not None:
            matches[n.id] = (pick.id, "title")
            taken.add(pick.id)
    # A similar title under the same parent: candidates share an uncommon word, and share half
    # their words or have the same content words (a plural, a word order: compared only for
    # candidates, titles being many); a node held back also has its own id's node.
    left = [n for n in left if n.id not in matches]
    right = [n for n in right if n.id not in taken]
    if not left or not right or not similar:
        return
    words = {n.id: set(_words(n.title)) for n in right}
    titles = {n.id: n.title for n in right}
    keys: dict[str, str] = {}

    def key_of(node_id: str) -> str:
        if node_id not in keys:
            keys[node_id] = _title_key(titles[node_id])
        return keys[node_id]

    index: dict[str, list[str]] = defaultdict(list)
    for n in right:
        for w in words[n.id]:
            index[w].append(n.id)
    by_parent: dict[frozenset[str], list[str]] = defaultdict(list)
    for n in right:
        by_parent[new_parents(n.id)].append(n.id)
    pairs: list[tuple[float, bool, int, str, str]] = []
    for order, n in enumerate(left):
        mine = set(_words(n.title))
        key: str | None = None
        home = _mapped_parents(old, matches, n.id)
        siblings = set(by_parent.get(home, ()))
        shared: Counter[str] = Counter()
        for w in mine:
            posting = index.get(w, ())
            if len(posting) > COMMON_WORD:
                continue
            shared.update(c for c in posting if c in siblings)
        own = held.get(n.id)
        near = {cid for cid, _ in shared.most_common(10)}
        if own is not None and own in words:
            near.add(own)
        for cid in near:
            score = _similarity(mine, words[cid])
            if 0 < score < SIMILARITY:
                key = _title_key(n.title) if key is None else key
                score = 1.0 if key and key == key_of(cid) else score
            if score >= SIMILARITY:
                pairs.append((score, cid == own, -order, n.id, cid))
    for _score, is_own, _, oid, nid in sorted(pairs, reverse=True):
        if oid in matches or nid in taken:
            continue
        matches[oid] = (nid, "id" if is_own else "similar title")
        taken.add(nid)


def _few_shared(old: Plan, new: Plan, matches: dict[str, tuple[str, str]]) -> list[str]:
    """A notice when fewer than half the nodes of the smaller plan have a counterpart of the same
    or a similar title in the other: then the two files are hardly two versions of one plan (a
    plan diffed with another council's, whose ids ``P1``, ``P1.A1``... match by id and read as
    reworded), and the changes listed say little."""
    smaller, other = (old, new) if len(old.nodes) <= len(new.nodes) else (new, old)
    total = len(smaller.nodes)
    if not total:
        return []
    shared = 0
    for oid, (nid, how) in matches.items():
        a, b = old.nodes[oid].title, new.nodes[nid].title
        if (
            how != "id"
            or _norm(a) == _norm(b)
            or _similarity(set(_words(a)), set(_words(b))) >= SIMILARITY
        ):
            shared += 1
    if shared * 2 >= total:
        return []
    if total == 1:
        some = f"the one node of {smaller.id} ({smaller.file or '-'}) has no counterpart"
    elif shared == 0:
        some = (
            f"none of the {total} nodes of {smaller.id} ({smaller.file or '-'}) has a counterpart"
        )
    else:
        some = (
            f"only {shared} of the {total} nodes of {smaller.id} ({smaller.file or '-'}) "
            f"{'has a counterpart' if shared == 1 else 'have counterparts'}"
        )
    return [
        f"{some} with the same or a similar title in {other.id} ({other.file or '-'}), so the "
        "two are hardly versions of one plan and most of their nodes are listed as removed, "
        "added or reworded"
    ]


def _splits_and_merges(
    old: Plan, new: Plan, matches: dict[str, tuple[str, str]]
) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Old id -> the new ids it was split into, and new id -> the old ids merged into it (the
    parts in file order; each node in one split or merge at most).

    The nodes considered are those left unmatched, and those matched only by a similar title: a
    split's largest part often reads as the old node reworded. Such a match is undone (removed
    from ``matches``) when the node turns out to be split or merged.
    """
    # (A node matched by id but reworded may be one part of a split that kept the old id, or
    # the whole of a merge that kept one of the old ids: it is considered as a similar title is.)
    similar = {
        oid: nid
        for oid, (nid, how) in matches.items()
        if how == "similar title"
        or (how == "id" and _norm(old.nodes[oid].title) != _norm(new.nodes[nid].title))
    }
    similar_back = {nid: oid for oid, nid in similar.items()}
    taken = {nid for nid, _ in matches.values()}
    old_left = [
        n
        for n in old.nodes.values()
        if n.kind not in ("indicator", "vision") and (n.id not in matches or n.id in similar)
    ]
    new_left = [
        n
        for n in new.nodes.values()
        if n.kind not in ("indicator", "vision") and (n.id not in taken or n.id in similar_back)
    ]
    if not old_left or not new_left:
        return {}, {}

    old_words = {n.id: set(_words(n.title)) for n in old_left}
    new_words = {n.id: set(_words(n.title)) for n in new_left}
    old_home = {n.id: (n.kind, _mapped_parents(old, matches, n.id)) for n in old_left}
    new_home = {n.id: (n.kind, frozenset(new.parents.get(n.id, ()))) for n in new_left}

    def find(
        wholes: list[Any],
        whole_words: dict[str, set[str]],
        whole_home: dict[str, Any],
        parts: list[Any],
        part_words: dict[str, set[str]],
        part_home: dict[str, Any],
        partner: dict[str, str],
        partnered: set[str],
        used_parts: set[str],
        used_wholes: set[str],
    ) -> dict[str, list[str]]:
        # A part is free (unmatched), or the whole's own similar-title partner; a whole that has
        # a partner is split or merged only with it among the parts.
        index: dict[tuple[Any, str], list[str]] = defaultdict(
            list
        )  # (kind and parents, word) -> parts
        for n in parts:
            for w in part_words[n.id]:
                index[(part_home[n.id], w)].append(n.id)
        order = {n.id: i for i, n in enumerate(parts)}
        found: dict[str, list[str]] = {}
        for n in wholes:
            mine = whole_words[n.id]
            if not mine or n.id in used_wholes:
                continue
            home = whole_home[n.id]
            own = partner.get(n.id)
            candidates: set[str] = set()
            for w in mine:
                posting = index.get((home, w), ())
                if len(posting) <= COMMON_WORD:
                    candidates.update(
                        c
                        for c in posting
                        if c not in used_parts and (c not in partnered or c == own)
                    )
            chosen = sorted(
                (
                    c
                    for c in candidates
                    if part_words[c]
                    and len(part_words[c] & mine) / len(part_words[c]) >= PART_SHARE
                ),
                key=order.__getitem__,
            )
            if len(chosen) < 2 or (own is not None and own not in chosen):
                continue
            covered = set().union(*(part_words[c] for c in chosen)) & mine
            if len(covered) / len(mine) >= PART_COVER:
                found[n.id] = chosen
                used_parts.update(chosen)
                used_wholes.add(n.id)
        return found

    used_old: set[str] = set()  # (a node takes part in one split or merge at most)
    used_new: set[str] = set()
    splits = find(
        old_left,
        old_words,
        old_home,
        new_left,
        new_words,
        new_home,
        similar,
        set(similar_back),
        used_new,
        used_old,
    )
    merges = find(
        new_left,
        new_words,
        new_home,
        old_left,
        old_words,
        old_home,
        similar_back,
        set(similar),
        used_old,
        used_new,
    )
    for oid in [*splits, *(o for parts in merges.values() for o in parts)]:
        if oid in similar:
            del matches[oid]
    return splits, merges


# ---------------------------------------------------------------------------------------------
# Changes


def _lead_text(lead: Any) -> str | None:
    if lead is None:
        return None
    items = [lead] if isinstance(lead, str) else list(lead)
    return "; ".join(items)


def _lead_key(lead: Any) -> tuple[str, ...]:
    if lead is None:
        return ()
    items = [lead] if isinstance(lead, str) else list(lead)
    return tuple(sorted(_norm(i) for i in items if i.strip()))


def _due_text(due: Any) -> str | None:
    if due is None:
        return None
    return json.dumps(plain_due(due), ensure_ascii=False) if not isinstance(due, str) else due


def _timing_text(node: Milestone) -> str | None:
    parts = []
    if node.timescale is not None:
        parts.append(node.timescale)
    if node.due is not None:
        parts.append(f"due {_due_text(node.due)}")
    return " / ".join(parts) if parts else None


def _values_key(ind: Indicator) -> Any:
    def v(x: Any) -> Any:
        return None if x is None else x.model_dump()

    return (v(ind.baseline), [v(t) for t in ind.all_targets()], [v(a) for a in ind.actuals])


def _ref_keys(plan: Plan, node: Any) -> dict[str, str]:
    from .model.plan import code_key

    out: dict[str, str] = {}
    for ref in getattr(node, "indicators", None) or []:
        out.setdefault(code_key(ref.id), ref.id)
    return out


def _changes(
    old: Plan,
    new: Plan,
    matches: dict[str, tuple[str, str]],
    splits: dict[str, list[str]] | None = None,
    merges: dict[str, list[str]] | None = None,
) -> list[Change]:
    changes: list[Change] = []
    reverse = {nid: oid for oid, (nid, _) in matches.items()}
    splits, merges = splits or {}, merges or {}
    in_split = {nid for parts in splits.values() for nid in parts}
    in_merge = {oid for parts in merges.values() for oid in parts}

    def where(plan: Plan, node_id: str) -> Location:
        return plan.location(node_id)

    for oid, parts in splits.items():
        a = old.nodes[oid]
        changes.append(
            Change(
                "split",
                a.kind,
                oid,
                parts[0],
                a.title,
                a.title,
                list(parts),
                f"into {', '.join(parts)}",
                "split",
                where(new, parts[0]),
            )
        )
    for nid, parts in merges.items():
        b = new.nodes[nid]
        changes.append(
            Change(
                "merged",
                b.kind,
                parts[0],
                nid,
                b.title,
                list(parts),
                b.title,
                f"from {', '.join(parts)}",
                "merged",
                where(new, nid),
            )
        )
    for node in old.nodes.values():
        if node.id in splits or node.id in in_merge:
            continue
        if node.id not in matches and node.id not in old.implicit_indicators:
            parents = ", ".join(old.parents.get(node.id, ()))
            changes.append(
                Change(
                    "removed",
                    node.kind,
                    node.id,
                    None,
                    node.title,
                    detail=f"was under {parents}" if parents else "",
                    location=where(old, node.id),
                )
            )
    for node in new.nodes.values():
        if node.id in merges or node.id in in_split:
            continue
        if node.id not in reverse and node.id not in new.implicit_indicators:
            parents = ", ".join(new.parents.get(node.id, ()))
            changes.append(
                Change(
                    "added",
                    node.kind,
                    None,
                    node.id,
                    node.title,
                    detail=f"under {parents}" if parents else "",
                    location=where(new, node.id),
                )
            )
    for oid, (nid, how) in matches.items():
        a, b = old.nodes[oid], new.nodes[nid]
        loc = where(new, nid)

        def add(
            change: str, before: Any, after: Any, detail: str = ""
        ) -> None:  # (called in this iteration only)
            changes.append(
                Change(change, b.kind, oid, nid, b.title, before, after, detail, how, loc)  # noqa: B023
            )

        if (
            oid != nid
            and b.kind != "indicator"
            and oid not in old.generated_ids
            and nid not in new.generated_ids
        ):
            add(
                "id-changed", oid, nid, f"matched by {how}"
            )  # (a position-made id changing says nothing)
        if " ".join(a.title.split()) != " ".join(b.title.split()):
            add("reworded", a.title, b.title)
        if b.kind not in ("indicator", "vision"):
            before = [matches[p][0] if p in matches else p for p in old.parents.get(oid, ())]
            after = list(new.parents.get(nid, ()))
            if set(before) != set(after):
                add("moved", list(old.parents.get(oid, ())), after)
            if _lead_key(getattr(a, "lead", None)) != _lead_key(getattr(b, "lead", None)):
                add(
                    "re-led",
                    _lead_text(getattr(a, "lead", None)),
                    _lead_text(getattr(b, "lead", None)),
                )
        if isinstance(a, Milestone) and isinstance(b, Milestone):
            if (a.timescale or "").strip() != (b.timescale or "").strip() or plain_due(
                a.due
            ) != plain_due(b.due):
                add("re-timed", _timing_text(a), _timing_text(b))
            if a.status != b.status:
                add("status", a.status, b.status)
        if (a.number or "") != (b.number or ""):
            add("renumbered", a.number, b.number)
        if a.outcomes != b.outcomes and not (
            oid in old.implicit_indicators or nid in new.implicit_indicators
        ):
            add("outcomes", a.outcomes, b.outcomes)
        if (
            isinstance(a, Indicator)
            and isinstance(b, Indicator)
            and _values_key(a) != _values_key(b)
        ):
            if not (oid in old.implicit_indicators and nid in new.implicit_indicators):
                add("targets", _values_text(a), _values_text(b))
        if _variants_key(a) != _variants_key(b):
            add(
                "variants", _variants_text(a), _variants_text(b)
            )  # (the wording elsewhere: OG601-OG603 compare it)
        ra, rb = _ref_keys(old, a), _ref_keys(new, b)
        for key, code in rb.items():
            if key not in ra:
                add("indicator-added", None, code)
        for key, code in ra.items():
            if key not in rb:
                add("indicator-dropped", code, None)

    changes.extend(_plan_changes(old, new))
    rank = {k: i for i, k in enumerate(CHANGE_KINDS)}
    new_order = {nid: i for i, nid in enumerate(new.nodes)}
    old_order = {oid: i for i, oid in enumerate(old.nodes)}
    changes.sort(
        key=lambda c: (
            rank[c.change],
            new_order.get(c.new_id or "", len(new_order)),
            old_order.get(c.old_id or "", len(old_order)),
        )
    )
    return changes


def _variants_key(node: Any) -> list[tuple[str, str]]:
    return sorted((" ".join(v.text.split()), v.where or "") for v in node.variants)


def _variants_text(node: Any) -> str:
    return (
        "; ".join(f"{where or 'elsewhere'}: {text}" for text, where in _variants_key(node))
        or "none"
    )


def _plan_changes(old: Plan, new: Plan) -> list[Change]:
    """What changed of the plan itself: its title, its period and the date progress is judged at
    (a new period dates every milestone anew: the findings say what that does)."""
    out: list[Change] = []
    title = new.title
    where = new.location(new.id)

    def add(change: str, before: Any, after: Any, detail: str = "") -> None:
        out.append(
            Change(change, "plan", old.id, new.id, title, before, after, detail, "id", where)
        )

    old_title, new_title = (
        old.meta.title,
        new.meta.title,
    )  # (as written: a plan without one goes by its id)
    if (
        old_title is not None
        and new_title is not None
        and " ".join(old_title.split()) != " ".join(new_title.split())
    ):
        add("reworded", old_title, new_title)
    if old.period != new.period:
        add("period", _period_text(old), _period_text(new))
    if old.meta.as_of != new.meta.as_of:
        add("as-of", _day_text(old.meta.as_of), _day_text(new.meta.as_of))
    return out


def _period_text(plan: Plan) -> str:
    start, end = plan.period
    return f"{start.isoformat()} to {end.isoformat()}"


def _day_text(day: Any) -> str:
    return day.isoformat() if day is not None else "none"


def _values_text(ind: Indicator) -> str:
    parts = []
    if ind.baseline is not None:
        parts.append(f"baseline {_value_text(ind.baseline)}")
    parts.extend(f"target {_value_text(t)}" for t in ind.all_targets())
    parts.extend(f"actual {_value_text(t)}" for t in ind.actuals)
    return "; ".join(parts)


def _value_text(v: Any) -> str:
    if v.value is not None:
        number = int(v.value) if float(v.value).is_integer() else v.value
        return f"{v.period}: {number}"
    if v.change is not None:
        return f"{v.period}: {v.change}"
    return f"{v.period}: {v.text}"


# ---------------------------------------------------------------------------------------------
# Findings


def _compare_findings(
    old: Plan,
    new: Plan,
    matches: dict[str, tuple[str, str]],
    config: Config | Mapping[str, Any] | None,
) -> tuple[list[Finding], list[Finding]]:
    from .findings import message_codes, without_figures
    from .rules.engine import check

    before = check(old, config).findings
    after = check(new, config).findings

    def key_node(f: Finding) -> str:
        node = f.node
        if f.kind in ("owner", "group"):
            return node  # (an owner's or group's id, which a node matched to another id may share)
        if node in matches:
            return matches[node][0]
        if node == old.id:
            return new.id
        return node

    # Pairs by rule and node; among several of one rule at one node, the same message first,
    # then the same message but for its figures ("1 and 1 nodes" become "1 and 3 nodes"), then in
    # order among those about the same indicators (OG204 of NI 110 is not the one of NI 114). Each
    # pass runs over all the findings before the next, so that a finding whose message is unchanged
    # is never taken by another's looser match.
    pending: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for f in before:
        pending[(f.rule, key_node(f))].append(f)

    unpaired = after
    for same in (
        lambda a, b: a == b,
        lambda a, b: without_figures(a) == without_figures(b),
        lambda a, b: message_codes(a) == message_codes(b),
    ):
        left_over: list[Finding] = []  # (in the new plan's order)
        for f in unpaired:
            bucket = pending.get((f.rule, f.node), [])
            i = next((i for i, g in enumerate(bucket) if same(g.message, f.message)), None)
            if i is None:
                left_over.append(f)
            else:
                bucket.pop(i)
        unpaired = left_over
    introduced = unpaired
    left = {id(f) for bucket in pending.values() for f in bucket}
    resolved = [f for f in before if id(f) in left]
    return introduced, resolved


def diff(
    old: Plan | str | os.PathLike[str],
    new: Plan | str | os.PathLike[str],
    *,
    findings: bool = True,
    config: Config | Mapping[str, Any] | None = None,
) -> PlanDiff:
    """What changed from ``old`` to ``new``.

    Parameters
    ----------
    old, new : Plan, or a path
        Two versions of a plan (e.g. the 2011-12 and 2012-13 action plans), loaded or as files
        (read as :func:`outcome_graph.load` reads them).
    findings : bool
        Also check both plans and list the findings introduced and resolved.
    config : Config or mapping, optional
        The rule configuration for that check (as :func:`outcome_graph.check` takes it).

    Returns
    -------
    PlanDiff
        The node matches, the changes (in the order of :data:`CHANGE_KINDS`, then of the new plan)
        and the findings introduced and resolved.

    Examples
    --------
    >>> from outcome_graph import load
    >>> head = ("format: outcome-graph/v1\\n"
    ...         "plan: {id: p, period: {start: 2011-04-01, end: 2012-03-31}}\\n")
    >>> old = load(head + '''
    ... objectives:
    ...   - id: O1
    ...     title: Fewer children missing from home or care
    ...     milestones: [{id: M1, title: Review the missing-children protocol, lead: EYFC,
    ...                   timescale: June 11}]
    ... ''')
    >>> new = load(head + '''
    ... objectives:
    ...   - id: O1
    ...     title: Fewer children missing from home, school or care
    ...     milestones: [{id: M1, title: Review the missing-children protocol, lead: SILS,
    ...                   timescale: Sept 11}]
    ... ''')
    >>> [(c.change, c.node) for c in diff(old, new, findings=False).changes]
    [('reworded', 'O1'), ('re-led', 'M1'), ('re-timed', 'M1')]
    """
    from .model.plan import Plan as _Plan
    from .rules.engine import config_type_error

    config_type_error("diff", config)
    if isinstance(old, (str, os.PathLike)) or isinstance(new, (str, os.PathLike)):
        from .loading.loader import load

        old = load(old) if isinstance(old, (str, os.PathLike)) else old
        new = load(new) if isinstance(new, (str, os.PathLike)) else new
    if not (isinstance(old, _Plan) and isinstance(new, _Plan)):
        raise TypeError(
            "diff() compares two plans, loaded or as paths "
            f'(og.diff_plans("old.yaml", "new.yaml")), not {type(old).__name__} and '
            f"{type(new).__name__}"
        )
    result = PlanDiff(old.id, new.id, old.file, new.file)
    result.matches = _match(old, new)
    result.splits, result.merges = _splits_and_merges(old, new, result.matches)
    result.changes = _changes(old, new, result.matches, result.splits, result.merges)
    result.notices = [
        *map(Notice.of, [*old.notices, *new.notices, *_few_shared(old, new, result.matches)])
    ]
    if findings:
        result.introduced, result.resolved = _compare_findings(old, new, result.matches, config)
        result.findings_compared = True
    return result


#: :func:`diff` under a name that differs from this module's, for re-export from the package
#: (``outcome_graph.diff`` is this module once it is imported).
diff_plans = diff
