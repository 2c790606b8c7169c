"""Count the machine instructions of each phase at growing plan sizes (Valgrind's callgrind).

Usage (from the project root, with the project's environment; needs ``valgrind`` with its headers,
Debian's ``valgrind`` package, and a C compiler)::

    .venv/bin/python bench/instructions.py # 10k and 100k nodes (about 15 minutes)
    .venv/bin/python bench/instructions.py --sizes 1000,10000

``bench/run.py`` measures time, which on a shared machine varies by 10-30% from run to run and
grows with the size of the data as well as with the work (caches, memory pages). An instruction
count is the work alone, and the same from one run to the next whatever else the machine does: it
tells whether a phase does a constant amount of work per node (grows x10 from 10k to 100k nodes)
or more. Each size runs in one process under callgrind, which is told at the end of each phase to
write what it has counted since the end of the previous one; counting starts after the imports
(Python's start-up, the same at every size, runs uninstrumented). The phases are ``bench/run.py``'s:
parsing, validation, building the plan, the facts, the networkx graph, each rule family (the caches
emptied first, as a fresh ``check`` meets them), all rules, the three rules of the SHACL comparison,
the DOT text and the HTML report. The hash seed is fixed, so that the counts repeat exactly.

With ``--cache``, callgrind also simulates the caches and counts, per phase, the data reads and
writes that miss the last-level cache, per node. The default last level is 16 MiB, where
``bench/latency.py`` finds reads on this machine start to wait for memory (``lscpu`` reports
480 MiB of L3, a shared processor's, most of which a process does not get); ``--ll SIZE,WAYS,LINE``
simulates another. The instructions are the work; the misses are where the same work takes longer
as the plan outgrows the cache.

It prints one table and writes ``bench/instructions.json``.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import ROOT, THREE, cold, run_family  # noqa: E402

# Written at the end of a phase: a callgrind client request that writes out what has been counted
# since the previous one, labelled with the phase's name (``desc: Trigger: Client Request: NAME``).
_MARKER_C = r"""
#include <valgrind/callgrind.h>
void og_start(void) { CALLGRIND_START_INSTRUMENTATION; }
void og_phase_done(const char *name) { CALLGRIND_DUMP_STATS_AT(name); }
"""

BETWEEN = "-"  # the label of work between phases (emptying caches), left out of the table


def build_marker(workdir: Path) -> Path:
    source, library = workdir / "marker.c", workdir / "libmarker.so"
    source.write_text(_MARKER_C, encoding="utf-8")
    cc = os.environ.get("CC") or shutil.which("cc") or shutil.which("gcc")
    if cc is None:
        raise SystemExit("instructions.py needs a C compiler (cc) to build its phase marker")
    done = subprocess.run(
        [cc, "-shared", "-fPIC", "-O2", "-o", str(library), str(source)],
        capture_output=True,
        text=True,
    )
    if done.returncode:
        raise SystemExit(
            f"could not build the phase marker (are Valgrind's headers installed?):\n{done.stderr}"
        )
    return library


def run_phases(yaml_path: Path, json_path: Path, marker: Path) -> None:
    """The phases, one after another, each ended by a marker (in the process callgrind runs)."""
    import ctypes

    from outcome_graph.config import Config
    from outcome_graph.graph.build import build_graph
    from outcome_graph.graph.facts import PlanFacts
    from outcome_graph.loading.flatten import build_plan
    from outcome_graph.loading.tree import fast_parse, parse_text
    from outcome_graph.model.document import PlanDocument
    from outcome_graph.output.diagram import to_dot
    from outcome_graph.output.html_report import report_html
    from outcome_graph.rules import BUILTIN_FAMILIES, registry
    from outcome_graph.rules.engine import check, run_rules

    library = ctypes.CDLL(str(marker))
    done = library.og_phase_done

    def phase_done(name: str) -> None:
        done(name.encode())

    gc.disable()  # (as the loader and the rule engine pause it; this process holds one plan)
    rules, config = registry(), Config()
    # Counting starts here: Python's start-up and the imports above, the same at every size, run
    # uninstrumented (--instr-atstart=no), several times faster than counted.
    library.og_start()
    yaml_text = yaml_path.read_text(encoding="utf-8")
    json_text = json_path.read_text(encoding="utf-8")
    phase_done(BETWEEN)  # (reading the files)

    fast = fast_parse(yaml_text)
    tree, positions = fast if fast is not None else (parse_text(yaml_text), None)
    phase_done("parse_yaml")
    fast_parse(json_text, json_input=True)
    phase_done("parse_json")
    document = PlanDocument.model_validate(tree)
    phase_done("validate")
    plan = build_plan(document, tree, file=None, base_dir=None, positions=positions)
    phase_done("build_plan")
    del tree, positions, document, yaml_text, json_text

    cold()
    phase_done(BETWEEN)
    facts = PlanFacts(plan)
    for name in ("outcomes", "measured_by", "measures", "lead_owners", "timing", "uses_dates"):
        getattr(facts, name)
    phase_done("facts")
    build_graph(plan, facts)
    phase_done("graph_build")
    for family in BUILTIN_FAMILIES:
        cold()
        phase_done(BETWEEN)
        run_family(plan, facts, family, config)
        phase_done(f"rules: {family}")
    cold()
    phase_done(BETWEEN)
    report = check(plan, config)
    phase_done("check")
    cold()
    phase_done(BETWEEN)
    run_rules(plan, [rules[code] for code in THREE], config)
    phase_done("three_rules")
    to_dot(plan, config=config)
    phase_done("dot")
    report_html(plan, findings=report, config=config, diagram=len(plan.nodes) <= 2000)
    phase_done("html")


# The last-level cache callgrind simulates with --cache: 16 MiB (16 ways, 64-byte lines), where
# bench/latency.py finds the step to memory on the development machine. The first level is left to
# callgrind's defaults.
DEFAULT_LL = "16777216,16,64"


def read_counts(out_prefix: Path) -> dict[str, dict[str, int]]:
    """Each phase's events (``Ir``, the instructions; with the cache simulated also ``DLmr`` and
    ``DLmw``, last-level misses of data reads and writes), from the files callgrind wrote
    (``PREFIX.1``, ``PREFIX.2``...)."""
    counts: dict[str, dict[str, int]] = {}
    dumps = [p for p in out_prefix.parent.glob(out_prefix.name + ".*") if p.suffix[1:].isdecimal()]
    for path in sorted(dumps, key=lambda p: int(p.suffix[1:])):  # (in the order the phases ran)
        label = None
        events: list[str] = []
        totals: dict[str, int] | None = None
        with path.open(encoding="utf-8", errors="replace") as lines:
            for line in lines:
                if line.startswith("desc: Trigger: Client Request: "):
                    label = line.split(": ", 3)[3].strip()
                elif line.startswith("events: "):
                    events = line.split()[1:]
                elif line.startswith("summary: "):
                    totals = dict(zip(events, map(int, line.split()[1:])))
                    break
        if label is not None and label != BETWEEN and totals is not None:
            phase = counts.setdefault(label, {})
            for event, value in totals.items():
                phase[event] = phase.get(event, 0) + value
    return counts


def last_level_misses(by_phase: dict[str, dict[str, int]]) -> dict[str, int]:
    """Each phase's data reads and writes that missed the last-level cache (``DLmr + DLmw``)."""
    return {phase: e.get("DLmr", 0) + e.get("DLmw", 0) for phase, e in by_phase.items()}


def callgrind(
    program: list[str],
    out: Path,
    ll: str | None,
    env: dict[str, str] | None = None,
    failed: str = "the program failed under callgrind",
) -> dict[str, dict[str, int]]:
    """Run ``program`` under callgrind, counting from its marker's ``og_start()`` on (the cache
    simulated with ``ll`` as the last level, or not at all), and read each phase's events."""
    cache = ["--cache-sim=no"] if ll is None else ["--cache-sim=yes", f"--LL={ll}"]
    command = [
        "valgrind",
        "--tool=callgrind",
        "--instr-atstart=no",
        *cache,
        "--branch-sim=no",
        "--dump-instr=no",
        f"--callgrind-out-file={out}",
        *program,
    ]
    done = subprocess.run(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    if done.returncode:
        raise SystemExit(f"{failed}:\n{done.stderr[-3000:]}")
    return read_counts(out)


def measure(
    n: int, workdir: Path, marker: Path, ll: str | None = None
) -> dict[str, dict[str, int]]:
    from outcome_graph.synth import dump_json, dump_yaml, generate

    document = generate(n, seed=0)
    yaml_path, json_path = workdir / f"plan-{n}.yaml", workdir / f"plan-{n}.json"
    yaml_path.write_text(dump_yaml(document), encoding="utf-8")
    json_path.write_text(dump_json(document), encoding="utf-8")
    env = dict(
        os.environ,
        PYTHONHASHSEED="0",
        PYTHONPATH=os.pathsep.join(
            [str(ROOT / "src"), *filter(None, [os.environ.get("PYTHONPATH")])]
        ),
    )
    counts = callgrind(
        [
            sys.executable,
            str(Path(__file__).resolve()),
            "--phases",
            str(yaml_path),
            str(json_path),
            str(marker),
        ],
        workdir / f"callgrind-{n}",
        ll,
        env,
        f"the phases failed under callgrind at N = {n:,}",
    )
    missing = {"parse_yaml", "check", "html"} - set(counts)
    if missing:
        raise SystemExit(f"callgrind wrote no count for {', '.join(sorted(missing))} at N = {n:,}")
    return counts


def print_table(
    sizes: list[int], counts: dict[int, dict[str, int]], unit: str = "M", scale: float = 1e6
) -> None:
    phases = list(counts[sizes[0]])
    header = [
        "phase",
        *(f"N = {n:,}" for n in sizes),
        *(f"x ({a:,} -> {b:,})" for a, b in zip(sizes, sizes[1:])),
    ]
    rows = [
        [
            p,
            *(f"{counts[n][p] / scale:,.0f} {unit}" for n in sizes),
            *(
                f"x{counts[b][p] / counts[a][p]:.2f}" if counts[a][p] else "-"
                for a, b in zip(sizes, sizes[1:])
            ),
        ]
        for p in phases
    ]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    print(
        " | ".join(
            h.ljust(w) if i == 0 else h.rjust(w) for i, (h, w) in enumerate(zip(header, widths))
        )
    )
    print("-+-".join("-" * w for w in widths))
    for r in rows:
        print(
            " | ".join(
                c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths))
            )
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", default="10000,100000", help="comma-separated plan sizes (nodes), at least two"
    )
    parser.add_argument(
        "--output", default=str(HERE / "instructions.json"), help="where to write the counts"
    )
    parser.add_argument(
        "--cache",
        action="store_true",
        help="also simulate the caches and count last-level misses (about twice as slow)",
    )
    parser.add_argument(
        "--ll",
        default=DEFAULT_LL,
        metavar="SIZE,WAYS,LINE",
        help=f"the last-level cache simulated with --cache (default {DEFAULT_LL}: 16 MiB)",
    )
    parser.add_argument(
        "--phases", nargs=3, help=argparse.SUPPRESS
    )  # (in the process callgrind runs)
    args = parser.parse_args(argv)
    if args.phases:
        run_phases(*map(Path, args.phases))
        return 0
    sizes = sorted({int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()})
    if len(sizes) < 2:
        parser.error("give at least two sizes, to compare")
    from outcome_graph.synth import MIN_NODES

    if sizes[0] < MIN_NODES:
        parser.error(f"a synthetic plan has at least {MIN_NODES} nodes")
    if shutil.which("valgrind") is None:
        raise SystemExit("instructions.py needs Valgrind (Debian: apt-get install valgrind)")
    events: dict[int, dict[str, dict[str, int]]] = {}
    with tempfile.TemporaryDirectory(prefix="og-instructions-") as tmp:
        marker = build_marker(Path(tmp))
        for n in sizes:
            print(f"counting N = {n:,} under callgrind ...", file=sys.stderr, flush=True)
            events[n] = measure(n, Path(tmp), marker, args.ll if args.cache else None)
    instructions = {
        n: {phase: e["Ir"] for phase, e in by_phase.items()} for n, by_phase in events.items()
    }
    print_table(sizes, instructions)
    result: dict[str, Any] = {
        "sizes": sizes,
        "instructions": {str(n): c for n, c in instructions.items()},
    }
    if args.cache:
        misses = {n: last_level_misses(by_phase) for n, by_phase in events.items()}
        print(
            f"\ndata reads and writes missing the last-level cache ({args.ll}: size, ways, "
            "line), per node"
        )
        print_table(
            sizes,
            {n: {p: m / n for p, m in c.items()} for n, c in misses.items()},
            unit="",
            scale=1,
        )
        result["last_level"] = args.ll
        result["last_level_misses"] = {str(n): c for n, c in misses.items()}
    Path(args.output).write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(f"\nwrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
