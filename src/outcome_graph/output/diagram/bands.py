"""How the owner view is folded into a page's shape.

Drawn as one column of owners beside one column of the work they lead, a plan of sixty owners and
two hundred milestones was a strip 11,000 points long and 950 wide, which no page prints and no
screen shows readably. The owners (busiest first) are cut into bands of about equal work, each band
its owners beside its work, the bands side by side; an owner of many milestones (two owners leading
forty-six) has its work set in several columns. The number of bands and columns is the one whose
drawing, as estimated from the boxes' usual sizes, comes nearest a landscape page's shape. Work
led by owners of several bands is drawn in full in the first's band and copied into each other's,
so that no line leaves its band.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

#: The room a box usually takes, in inches, as (width, height): a milestone's (two lines of its
#: title under its id), an owner's (a name of one or two lines and its load), with the margins of
#: the priority's box around it and the room the longest boxes take (as Graphviz drew the models).
MILESTONE = (3.9, 0.65)
OWNER = (3.9, 0.8)
#: The room a priority's box adds around its work (its name and margins), in inches.
CLUSTER = 0.5
#: The space the title and legend take above the drawing, in inches, as (width, height).
TITLE = (12.0, 2.2)
#: The shape aimed at: a landscape page's, width over height.
PAGE_RATIO = math.sqrt(2)
MAX_BANDS = 12
MAX_COLUMNS = 4


@dataclass(frozen=True)
class Bands:
    """The owner view folded: the owners of each band in reading order, the work each band draws
    in full (each node once, in the band of the first owner to lead it; the owner view copies it
    into the bands of its other owners) and the columns it is set in."""

    owners: list[list[str]]
    work: list[list[str]]
    columns: int


def fold(
    order: Sequence[str],
    work: Mapping[str, Sequence[str]],
    group: Callable[[str], object],
    *,
    lr: bool = True,
    ranksep: float = 2.2,
    nodesep: float = 0.1,
    title: bool = True,
) -> Bands:
    """The bands and columns of the owner view: ``order`` the owners in reading order, ``work`` the
    nodes each leads, ``group`` a node's priority (its box), ``lr`` whether ranks run left to
    right, ``ranksep`` and ``nodesep`` Graphviz's spacing (inches).

    Each fold tried (up to 48) is estimated from what each owner brings (its own work's count
    in each box, its lines to work another owner draws in full, a copy where that owner's band is
    another), never node by node: the view of a
    plan of 10,000 nodes folds in a few milliseconds."""
    work_of = _own_work(order, work)
    owners = _Owners.of(order, work_of, work, group)
    candidates = []
    across = 1 if lr else 0
    for columns in range(1, MAX_COLUMNS + 1):
        lengths = [
            max(OWNER[across] + nodesep, len(own) * (MILESTONE[across] + nodesep) / columns)
            for own in work_of
        ]
        for count in range(1, min(MAX_BANDS, len(order)) + 1):
            band = _split(lengths, count)
            width, height = _size(owners, band, columns, lr, ranksep, nodesep, title)
            off = abs(math.log(width / height / PAGE_RATIO))
            # (a fold that is not nearer a page by a tenth
            # draws no more bands and columns than it needs)
            candidates.append((round(off, 1), count * columns, count, columns, band))
    _off, _cells, _count, columns, band = min(candidates, key=lambda c: c[:3])
    names: list[list[str]] = [[] for _ in range(band[-1] + 1)] if band else [[]]
    items: list[list[str]] = [[] for _ in names]
    for name, own, b in zip(order, work_of, band):
        names[b].append(name)
        items[b].extend(own)
    return Bands(names, items, columns)


def _own_work(order: Sequence[str], work: Mapping[str, Sequence[str]]) -> list[list[str]]:
    """Each owner's work that no owner before it leads (a node led by several owners is drawn in
    the band of the first)."""
    placed: set[str] = set()
    out: list[list[str]] = []
    for name in order:
        own = [n for n in work[name] if n not in placed]
        placed.update(own)
        out.append(own)
    return out


@dataclass(frozen=True)
class _Owners:
    """What each owner (by its place in the order) brings to a band: the count of its own work in
    each box, and of its work drawn in another owner's place (by the two places and the box)."""

    boxes: list[dict[object, int]]
    lines: dict[tuple[int, int, object], int]

    @classmethod
    def of(
        cls,
        order: Sequence[str],
        work_of: list[list[str]],
        work: Mapping[str, Sequence[str]],
        group: Callable[[str], object],
    ) -> _Owners:
        drawn_at = {n: i for i, own in enumerate(work_of) for n in own}
        boxes = []
        for own in work_of:
            counts: dict[object, int] = {}
            for n in own:
                key = group(n)
                counts[key] = counts.get(key, 0) + 1
            boxes.append(counts)
        lines: dict[tuple[int, int, object], int] = {}
        for i, name in enumerate(order):
            for n in work[name]:
                j = drawn_at[n]
                if j != i:
                    key3 = (i, j, group(n))
                    lines[key3] = lines.get(key3, 0) + 1
        return cls(boxes, lines)


def _split(lengths: Sequence[float], count: int) -> list[int]:
    """The band of each owner, in order, cut into at most ``count`` bands of about equal length
    (``lengths``: each owner's, the length of its box or of its work in the columns, whichever is
    the longer)."""
    share = sum(lengths) / count
    band: list[int] = []
    bands = 1
    done = 0.0
    for length in lengths:
        if band and done >= share * bands and bands < count and band[-1] == bands - 1:
            bands += 1
        band.append(bands - 1)
        done += length
    return band


def _size(
    owners: _Owners,
    band: Sequence[int],
    columns: int,
    lr: bool,
    ranksep: float,
    nodesep: float,
    title: bool,
) -> tuple[float, float]:
    """The estimated width and height of the drawing, in inches."""
    along_axis, across_axis = (0, 1) if lr else (1, 0)
    count = band[-1] + 1 if band else 1
    names = [0] * count
    boxes: list[dict[object, int]] = [{} for _ in range(count)]
    for b, own in zip(band, owners.boxes):
        names[b] += 1
        counts = boxes[b]
        for key, m in own.items():
            counts[key] = counts.get(key, 0) + m
    # (work another band draws in full is copied into the band of each of its other owners: a box
    # for each owner's line to it, whether or not another owner of the band leads it too)
    for (i, j, key), m in owners.lines.items():
        if band[i] != band[j]:
            counts = boxes[band[i]]
            counts[key] = counts.get(key, 0) + m
    along = 0.0
    across = [0.0] * count
    for b in range(count):
        # (an owner, its work in columns, and the gap to
        # the next band: one ranksep before each column)
        along += (
            OWNER[along_axis] + columns * (MILESTONE[along_axis] + ranksep) + (ranksep if b else 0)
        )
        rows = sum(math.ceil(m / columns) for m in boxes[b].values())
        across[b] = max(
            names[b] * (OWNER[across_axis] + nodesep),
            rows * (MILESTONE[across_axis] + nodesep) + len(boxes[b]) * CLUSTER,
        )
    width, height = (along, max(across)) if lr else (max(across), along)
    if title:
        width, height = max(width, TITLE[0]), height + TITLE[1]
    return width, height


def columns_of(
    nodes: Sequence[str], group: Callable[[str], object], columns: int
) -> dict[str, int]:
    """The column (0 first) of each node of a band's work: a priority's box holds its nodes in
    ``columns`` columns of about equal length, read down each column in turn."""
    by_group: dict[object, list[str]] = {}
    for n in nodes:
        by_group.setdefault(group(n), []).append(n)
    out: dict[str, int] = {}
    for members in by_group.values():
        for i, n in enumerate(members):
            out[n] = i * columns // len(members)
    return out
