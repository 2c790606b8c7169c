"""Look for cliffs: plans of unusual shape whose cost grows faster than their size.

Usage (from the project root, with the project's environment)::

    .venv/bin/python bench/cliffs.py                     # each shape at 2,000 and 8,000 nodes
    .venv/bin/python bench/cliffs.py --size 500 --shapes chain,fan-in
    .venv/bin/python bench/cliffs.py --output cliffs.json

``bench/run.py`` measures plans shaped as councils write them. A plan can also be shaped as
nobody plans but somebody will write (or generate): a chain of objectives thousands deep, one
milestone under a thousand objectives, one objective listing every indicator. Each such shape is
built here at a size N and at four times N, and loading, ``check``, the DOT text and the HTML
report are timed at both (the median of ``--repeat`` runs, after a run at a small size that
imports every module). Work that grows with the size of the plan grows about x4; a step that
compares every pair of something grows about x16. A phase that grows more than ``--limit``
(x8 by default: twice linear, leaving room for the caches a larger plan no longer fits) is
marked ``CLIFF`` and the script exits 1.

Timings are printed, never asserted in the tests: ``tests/test_bench.py`` runs this at a small
size so that it keeps working, and counts the steps of the cliffs once found.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import outcome_graph as og  # noqa: E402

HEADER: dict[str, Any] = {
    "format": "outcome-graph/v1",
    "plan": {"id": "shape", "period": {"start": "2011-04-01", "end": "2012-03-31"}},
}
PRIORITY = [{"id": "P1", "title": "Children are safe", "outcomes": ["stay_safe"]}]
OBJECTIVE = [{"id": "O1", "title": "Fewer accidents on the roads", "parent": "P1"}]


def _milestone(i: int, **fields: Any) -> dict[str, Any]:
    return {
        "id": f"M{i}",
        "title": f"Audit the junctions near school {i}",
        "parent": "O1",
        "lead": "Road Safety Team",
        "timescale": "June 2011",
        **fields,
    }


def chain(n: int) -> dict[str, Any]:
    """Objectives each the parent of the next, written child first (the deepest first)."""
    objectives = [
        {"id": f"O{i}", "title": f"Objective {i}", "parent": f"O{i - 1}" if i else "P1"}
        for i in reversed(range(n))
    ]
    return {
        **HEADER,
        "priorities": PRIORITY,
        "objectives": objectives,
        "milestones": [
            {"id": "M1", "title": "Audit", "parent": f"O{n - 1}", "timescale": "June 2011"}
        ],
    }


def star(n: int) -> dict[str, Any]:
    """One objective with every milestone under it, one lead for all."""
    return {
        **HEADER,
        "priorities": PRIORITY,
        "objectives": OBJECTIVE,
        "milestones": [_milestone(i) for i in range(n)],
    }


def fan_in(n: int) -> dict[str, Any]:
    """One milestone under every objective."""
    objectives = [{"id": f"O{i}", "title": f"Objective {i}", "parent": "P1"} for i in range(n)]
    return {
        **HEADER,
        "priorities": PRIORITY,
        "objectives": objectives,
        "milestones": [
            {
                **{k: v for k, v in _milestone(0).items() if k != "parent"},
                "parents": [f"O{i}" for i in range(n)],
            }
        ],
    }


def many_owners(n: int) -> dict[str, Any]:
    """Every milestone led by an owner of its own, the names alike."""
    return {
        **HEADER,
        "priorities": PRIORITY,
        "objectives": OBJECTIVE,
        "milestones": [_milestone(i, lead=f"Manager of Service {i} Team") for i in range(n)],
    }


def same_title(n: int) -> dict[str, Any]:
    """Every milestone with the same title (each a duplicate of the others)."""
    return {
        **HEADER,
        "priorities": PRIORITY,
        "objectives": OBJECTIVE,
        "milestones": [_milestone(i, title="Audit the junctions") for i in range(n)],
    }


def many_indicators(n: int) -> dict[str, Any]:
    """One objective listing every indicator, each with a target on the reference."""
    objective = {
        **OBJECTIVE[0],
        "indicators": [{"id": f"L{i}", "target": {"period": "2012", "value": i}} for i in range(n)],
    }
    return {
        **HEADER,
        "priorities": PRIORITY,
        "objectives": [objective],
        "indicators": [{"id": f"L{i}", "title": f"Local measure {i}"} for i in range(n)],
    }


def dependencies(n: int) -> dict[str, Any]:
    """Milestones each depending on the next."""
    return {
        **HEADER,
        "priorities": PRIORITY,
        "objectives": OBJECTIVE,
        "milestones": [
            _milestone(i, **({"depends_on": [f"M{i + 1}"]} if i + 1 < n else {})) for i in range(n)
        ],
    }


def variants(n: int) -> dict[str, Any]:
    """Objectives each worded again, reversed, in a summary."""
    objectives = [
        {
            "id": f"O{i}",
            "title": f"Reduce the number of young people not in education, area {i}",
            "parent": "P1",
            "variants": [{"where": "summary", "text": f"More young people in education, area {i}"}],
        }
        for i in range(n)
    ]
    return {**HEADER, "priorities": PRIORITY, "objectives": objectives}


def long_title(n: int) -> dict[str, Any]:
    """One objective whose title has N words, and a variant of half of them."""
    words = [f"word{i}" for i in range(n)]
    objective = {
        **OBJECTIVE[0],
        "title": " ".join(words),
        "variants": [{"where": "summary", "text": " ".join(words[::2])}],
    }
    return {**HEADER, "priorities": PRIORITY, "objectives": [objective]}


SHAPES: dict[str, Callable[[int], dict[str, Any]]] = {
    "chain": chain,
    "star": star,
    "fan-in": fan_in,
    "many-owners": many_owners,
    "same-title": same_title,
    "many-indicators": many_indicators,
    "dependencies": dependencies,
    "variants": variants,
    "long-title": long_title,
}


def phases(doc: dict[str, Any], repeat: int) -> dict[str, float]:
    """Seconds (medians of ``repeat`` runs) to load the plan, check it, write its DOT text and its
    HTML report (without the diagram, which Graphviz draws)."""
    from outcome_graph.output.diagram import to_dot
    from outcome_graph.output.html_report import report_html

    text = json.dumps(doc)
    times: dict[str, list[float]] = {"load": [], "check": [], "DOT": [], "report": []}
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        plan = og.load(text)
        times["load"].append(time.perf_counter() - start)
        start = time.perf_counter()
        report = og.check(plan)
        times["check"].append(time.perf_counter() - start)
        start = time.perf_counter()
        to_dot(plan)
        times["DOT"].append(time.perf_counter() - start)
        start = time.perf_counter()
        report_html(plan, findings=report, diagram=False)
        times["report"].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in times.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--size", type=int, default=2000, help="the smaller size N (default 2000); also 4N"
    )
    parser.add_argument(
        "--shapes", default=",".join(SHAPES), help="comma-separated shapes (default: all)"
    )
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs per phase, the median taken (default 3)"
    )
    parser.add_argument(
        "--limit", type=float, default=8.0, help="growth from N to 4N marked a cliff (default 8)"
    )
    parser.add_argument("--output", type=Path, help="also write the figures as JSON")
    args = parser.parse_args(argv)
    names = [s.strip() for s in args.shapes.split(",") if s.strip()]
    unknown = [s for s in names if s not in SHAPES]
    if unknown or args.size < 1 or args.repeat < 1:
        parser.error(
            f"unknown shape {unknown[0]!r} (shapes: {', '.join(SHAPES)})"
            if unknown
            else "--size and --repeat must be at least 1"
        )
    small, large = args.size, 4 * args.size
    phases(star(20), 1)  # (imports every module the phases use, outside the timings)
    results: dict[str, Any] = {"sizes": [small, large], "limit": args.limit, "shapes": {}}
    cliffs = 0
    print(
        f"{'shape':<16} | {'phase':<6} | {'N = ' + format(small, ','):>12} | "
        f"{'N = ' + format(large, ','):>12} | growth"
    )
    print("-" * 17 + "+" + "-" * 8 + "+" + "-" * 14 + "+" + "-" * 14 + "+" + "-" * 12)
    for name in names:
        a, b = phases(SHAPES[name](small), args.repeat), phases(SHAPES[name](large), args.repeat)
        results["shapes"][name] = {}
        for phase in a:
            growth = b[phase] / max(a[phase], 1e-6)
            # (a phase of under a millisecond at 4N is all noise and start-up: never a cliff)
            cliff = growth > args.limit and b[phase] > 0.001
            cliffs += cliff
            results["shapes"][name][phase] = {
                "seconds": [a[phase], b[phase]],
                "growth": growth,
                "cliff": cliff,
            }
            print(
                f"{name:<16} | {phase:<6} | {a[phase] * 1000:>9.1f} ms | {b[phase] * 1000:>9.1f} "
                f"ms | x{growth:.1f}{'  CLIFF' if cliff else ''}",
                flush=True,
            )
    print(
        f"\n{cliffs} phase(s) grew more than x{args.limit:g} for four times the nodes."
        if cliffs
        else f"\nNo phase grew more than x{args.limit:g} for four times the nodes."
    )
    if args.output:
        args.output.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 1 if cliffs else 0


if __name__ == "__main__":
    sys.exit(main())
