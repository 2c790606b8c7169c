"""How the owner view is folded into a page's shape.

Drawn as one column of owners beside one column of the work they lead, a plan of sixty owners and
two hundred milestones was a strip 11,000 points long and 950 wide, which no page prints and no
screen shows readably. The owners (busiest first) are cut into bands of about equal work, each band
its owners beside its work, the bands side by side; an owner of many milestones (two owners leading
forty-six) has its work set in several columns. The number of bands and columns is the one whose
drawing, as estimated from the boxes' usual sizes, comes nearest a landscape page's shape.
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
#: The room a line from an owner to work in another band takes in each band it crosses, in inches.
CROSSING = 0.2
#: The space the title and legend take above the drawing, in inches, as (width, height).
TITLE = (12.0, 2.2)
#: The shape aimed at: a landscape page's, width over height.
PAGE_RATIO = math.sqrt(2)
MAX_BANDS = 12
MAX_COLUMNS = 4


@dataclass(frozen=True)
class Bands:
    """The owner view folded: the owners of each band in reading order, the work each band draws
    (each node once, in the band of the first owner to lead it) and the columns it is set in."""

    owners: list[list[str]]
    work: list[list[str]]
    columns: int


def fold(order: Sequence[str], work: Mapping[str, Sequence[str]], group: Callable[[str], object], *,
         lr: bool = True, ranksep: float = 2.2, nodesep: float = 0.1, title: bool = True) -> Bands:
    """The bands and columns of the owner view: ``order`` the owners in reading order, ``work`` the
    nodes each leads, ``group`` a node's priority (its box), ``lr`` whether ranks run left to
    right, ``ranksep`` and ``nodesep`` Graphviz's spacing (inches)."""
    candidates = []
    across = 1 if lr else 0
    for count in range(1, min(MAX_BANDS, len(order)) + 1):
        for columns in range(1, MAX_COLUMNS + 1):
            owners, items = _split(order, work, count, columns, across, nodesep)
            width, height = _size(owners, items, columns, work, group, lr, ranksep, nodesep, title)
            off = abs(math.log(width / height / PAGE_RATIO))
            # (a fold that is not nearer a page by a tenth draws no more bands and columns than it needs)
            candidates.append((round(off, 1), count * columns, count, Bands(owners, items, columns)))
    return min(candidates, key=lambda c: c[:3])[3]


def _split(order: Sequence[str], work: Mapping[str, Sequence[str]], count: int, columns: int, across: int,
           nodesep: float) -> tuple[list[list[str]], list[list[str]]]:
    """The owners cut, in order, into at most ``count`` bands of about equal length, with each band's
    work (a node led by several owners is in the band of the first). An owner takes the length of
    its box or of its work in ``columns`` columns, whichever is the longer (``across``: the axis
    along a rank, 1 when the ranks run left to right)."""
    placed: set[str] = set()
    new: list[list[str]] = []
    for name in order:
        own = [n for n in work[name] if n not in placed]
        placed.update(own)
        new.append(own)
    lengths = [max(OWNER[across] + nodesep, len(own) * (MILESTONE[across] + nodesep) / columns) for own in new]
    share = sum(lengths) / count
    owners: list[list[str]] = [[]]
    items: list[list[str]] = [[]]
    done = 0.0
    for name, own, length in zip(order, new, lengths):
        if owners[-1] and done >= share * len(owners) and len(owners) < count:
            owners.append([])
            items.append([])
        owners[-1].append(name)
        items[-1].extend(own)
        done += length
    return owners, items


def _size(owners: list[list[str]], items: list[list[str]], columns: int, work: Mapping[str, Sequence[str]],
          group: Callable[[str], object], lr: bool, ranksep: float, nodesep: float, title: bool) -> tuple[float, float]:
    """The estimated width and height of the drawing, in inches."""
    along_axis, across_axis = (0, 1) if lr else (1, 0)
    along = 0.0
    across = [0.0] * len(owners)
    for b, (names, nodes) in enumerate(zip(owners, items)):
        # (an owner, its work in columns, and the gap to the next band: one ranksep before each column)
        along += OWNER[along_axis] + columns * (MILESTONE[along_axis] + ranksep) + (ranksep if b else 0)
        groups: dict[object, int] = {}
        for n in nodes:
            groups[group(n)] = groups.get(group(n), 0) + 1
        rows = sum(math.ceil(m / columns) for m in groups.values())
        across[b] = max(len(names) * (OWNER[across_axis] + nodesep),
                        rows * (MILESTONE[across_axis] + nodesep) + len(groups) * CLUSTER)
    # (a line from an owner to work another band draws runs through the bands between, beside their boxes)
    band_of = {n: b for b, nodes in enumerate(items) for n in nodes}
    crossings = [0] * (len(owners) + 1)  # (lines starting to cross at each band, less those ending)
    for b, names in enumerate(owners):
        for name in names:
            for n in work[name]:
                if band_of[n] != b:
                    crossings[min(b, band_of[n])] += 1
                    crossings[max(b, band_of[n]) + 1] -= 1
    lines = 0
    for b in range(len(owners)):
        lines += crossings[b]
        across[b] += lines * CROSSING
    width, height = (along, max(across)) if lr else (max(across), along)
    if title:
        width, height = max(width, TITLE[0]), height + TITLE[1]
    return width, height


def columns_of(nodes: Sequence[str], group: Callable[[str], object], columns: int) -> dict[str, int]:
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
