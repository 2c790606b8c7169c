"""Performance features: the benchmark keeps working, the fast loader agrees with the precise one,
and the commands that do not need them never import pandas, graphviz, openpyxl or rdflib.

Timings are the benchmark's business (bench/run.py prints them); nothing here asserts a time.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import outcome_graph as og
from outcome_graph.loading.loader import document_to_plan
from outcome_graph.loading.tree import fast_parse, parse_text
from outcome_graph.synth import dump_json, dump_yaml, generate

from .conftest import EXAMPLES, MODELS, PLAN_HEADER
from .strategies import _walk, plans

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("pandas", "graphviz", "openpyxl", "rdflib")


def test_benchmark_runs_at_a_small_size(tmp_path: Path):
    out = tmp_path / "results.json"
    run = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "run.py"),
            "--sizes",
            "300",
            "--repeat",
            "1",
            "--quick",
            "--output",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert "all rules (check)" in run.stdout and "outcome-graph --version" in run.stdout
    results = json.loads(out.read_text())
    (row,) = results["sizes"]
    assert row["nodes"] == 300 and row["plan_nodes"] >= 300
    assert set(row["families"]) == {
        "structure",
        "coverage",
        "ownership",
        "timing",
        "indicators",
        "wording",
    }
    assert set(row["control"]) == {
        "read_fields",
        "read_fields_random",
        "look_up_random",
        "read_compact",
    }
    assert all(t > 0 for t in row["control"].values())
    assert row["process_check"]["exit"] == 1  # the synthetic plan has errors planted
    if "pyshacl" in row:
        assert row["same_counts"], (row["ours_three"], row["shacl_three"])
    assert {t["target"] for t in results["targets"]} >= {"outcome-graph --version < 0.2 s"}


_COMPILE = """
import json, sys
sys.path.insert(0, sys.argv[1])
from run import compile_bytecode
print(json.dumps(compile_bytecode()))
"""


def test_the_benchmark_times_processes_that_read_cached_bytecode(tmp_path: Path):
    """Where Python writes no bytecode itself (-B), the benchmark compiles the package's first,
    where Python will read it (here a PYTHONPYCACHEPREFIX), and says so: each command timed would
    otherwise compile the package's modules first."""
    prefix = tmp_path / "pycache"
    env = {**os.environ, "PYTHONPYCACHEPREFIX": str(prefix)}
    run = subprocess.run(
        [sys.executable, "-B", "-c", _COMPILE, str(ROOT / "bench")],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert "PYTHONDONTWRITEBYTECODE" in json.loads(run.stdout)
    package = Path(og.__file__).resolve().parent
    cached = {p.name.split(".")[0] for p in prefix.rglob("*.pyc") if package.name in p.parts}
    assert {"cli", "loader", "engine", "document"} <= cached
    writing = subprocess.run(
        [sys.executable, "-c", _COMPILE, str(ROOT / "bench")],
        capture_output=True,
        text=True,
        timeout=300,
        env={**env, "PYTHONDONTWRITEBYTECODE": ""},
    )
    assert writing.returncode == 0 and json.loads(writing.stdout) is None, writing.stderr[-3000:]


_RELEASE = """
import json, sys
sys.path.insert(0, sys.argv[1])
from run import RELEASE_FREED

def rss():  # resident kilobytes
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmRSS:"))

if RELEASE_FREED is None:
    print(json.dumps(None))
    raise SystemExit
blocks = [bytearray(4000) for _ in range(25_000)]  # 100 MB of blocks the C library's malloc holds
pin = bytearray(4000)  # (above them, so that freeing them leaves the heap's top in use)
del blocks
freed = rss()
RELEASE_FREED()
print(json.dumps([freed, rss()]))
"""


@pytest.mark.skipif(
    not Path("/proc/self/status").exists(), reason="reads the resident memory from Linux's /proc"
)
def test_the_benchmark_hands_freed_memory_back_between_runs():
    """Each run of a phase starts on memory not touched yet, as the phase does in a command: what
    the runs before it freed is handed back (glibc's
    malloc_trim), where the C library would keep it."""
    run = subprocess.run(
        [sys.executable, "-c", _RELEASE, str(ROOT / "bench")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    kept = json.loads(run.stdout)
    if kept is None:
        pytest.skip("this C library has no malloc_trim")
    freed, released = kept
    assert freed - released > 60_000  # kilobytes: most of the 100 MB freed went back


NEEDS_VALGRIND = pytest.mark.skipif(
    shutil.which("valgrind") is None or shutil.which("cc") is None,
    reason="counting instructions needs Valgrind and a C compiler",
)


@NEEDS_VALGRIND
def test_instruction_counts_run_at_small_sizes(tmp_path: Path):
    out = tmp_path / "instructions.json"
    run = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "instructions.py"),
            "--sizes",
            "100,400",
            "--output",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    result = json.loads(out.read_text())
    counts = result["instructions"]
    phases = {
        "parse_yaml",
        "parse_json",
        "validate",
        "build_plan",
        "facts",
        "graph_build",
        "check",
        "three_rules",
        "dot",
        "html",
    } | {
        f"rules: {f}"
        for f in ("structure", "coverage", "ownership", "timing", "indicators", "wording")
    }
    assert set(counts["100"]) == set(counts["400"]) == phases
    # Four times the nodes: more work in the phases that pass over every node (a count, not a time).
    for phase in ("parse_yaml", "parse_json", "validate", "facts", "dot"):
        assert counts["400"][phase] > 1.5 * counts["100"][phase], phase
    assert "rules: ownership" in run.stdout and "x (100 -> 400)" in run.stdout
    assert "last_level_misses" not in result  # (counted only with --cache)


# Two phases marked as the Python phases are: one reads 16 KiB twice, the other 4 MiB twice, a
# byte of every 64-byte line. The second pass of the first finds it all in a 256 KiB cache.
_CACHE_PROGRAM_C = r"""
#include <stdlib.h>
void og_start(void);
void og_phase_done(const char *name);
static volatile unsigned char sink;
static void twice(const unsigned char *data, size_t size) {
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < size; i += 64) sink += data[i];
}
int main(void) {
    unsigned char *small = calloc(16 << 10, 1), *large = calloc(4 << 20, 1);
    og_start();
    twice(small, 16 << 10);
    og_phase_done("small");
    og_phase_done("-");
    twice(large, 4 << 20);
    og_phase_done("large");
    return 0;
}
"""


@NEEDS_VALGRIND
def test_the_simulated_cache_counts_each_phase_s_misses(tmp_path: Path):
    # (the --cache path of bench/instructions.py, on a C program: the Python phases take a minute)
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import instructions
    finally:
        sys.path.remove(str(ROOT / "bench"))
    marker = instructions.build_marker(tmp_path)
    program = tmp_path / "phases"
    (tmp_path / "phases.c").write_text(_CACHE_PROGRAM_C, encoding="utf-8")
    subprocess.run(
        [
            shutil.which("cc"),
            "-O0",
            "-o",
            str(program),
            str(tmp_path / "phases.c"),
            str(marker),
            f"-Wl,-rpath,{tmp_path}",
        ],
        check=True,
    )
    events = instructions.callgrind([str(program)], tmp_path / "callgrind", "262144,8,64")
    assert set(events) == {"small", "large"}  # (the "-" between phases left out)
    misses = instructions.last_level_misses(events)
    lines_small, lines_large = (16 << 10) // 64, (4 << 20) // 64
    # (the first pass misses every line, the second hits; a few misses more to call the marker)
    assert lines_small <= misses["small"] < 2 * lines_small
    assert misses["large"] >= 2 * lines_large  # (4 MiB does not fit in 256 KiB: both passes miss)
    assert events["large"]["Ir"] > 100 * events["small"]["Ir"] > 0
    # Without the simulation, the instructions alone.
    plain = instructions.callgrind([str(program)], tmp_path / "plain", None)
    assert set(plain) == {"small", "large"} and plain["large"]["Ir"] == events["large"]["Ir"]
    assert "DLmr" not in plain["large"] and instructions.last_level_misses(plain) == {
        "small": 0,
        "large": 0,
    }


def _positions(plan: og.Plan) -> dict[str, tuple[int | None, int | None]]:
    where = plan.location(plan.id)  # (the plan's own mapping: where plan-wide findings point)
    return {k: (n._line, n._column) for k, n in plan.nodes.items()} | {
        "(plan)": (where.line, where.column)
    }


def _fast(text: str, json_input: bool = False) -> tuple[Any, dict[int, tuple[int, int]]]:
    """The fast path's reading of a plain plan: it must not decline one (skipped only where
    rapidyaml, which the fast YAML path needs, is not installed)."""
    from outcome_graph.loading.tree import yaml_engine

    fast = fast_parse(text, json_input=json_input)
    if fast is None:
        if not json_input and yaml_engine() != "rapidyaml":
            pytest.skip("rapidyaml is not installed: YAML takes the precise path")
        pytest.fail("the fast path declined a plain plan")
    return fast


@pytest.mark.parametrize(
    "path", sorted(MODELS.glob("*.yaml")) + [EXAMPLES / "tutorial-plan.yaml"], ids=lambda p: p.stem
)
def test_fast_and_precise_loaders_agree_on_real_plans(path: Path):
    text = path.read_text(encoding="utf-8")
    precise = document_to_plan(parse_text(text))
    fast = _fast(text)
    plan = document_to_plan(fast[0], positions=fast[1])
    assert plan.document == precise.document
    assert _positions(plan) == _positions(precise)
    assert plan.owner_lines == precise.owner_lines and plan.group_lines == precise.group_lines


@pytest.mark.parametrize(
    "text",
    [
        "# copy of id: p\nformat: outcome-graph/v1\nplan:\n  id: p\n"
        "  period: {start: 2011-04-01, end: 2012-03-31}\n"
        "# formerly id: P1 then P2\npriorities:\n  # id: P1 was split\n  - id: P1\n"
        '    title: "Safe # id: P1"\n'
        "  - {id: P2, title: 'it''s # id: P2'} # id: P2\n  - id: P3 # id: P3\n    title: x\n",
        "format: outcome-graph/v1 #id: p\n"
        "plan: {id: p, period: {start: 2011-04-01, end: 2012-03-31}}\n"
        'objectives:\n  - title: "#" # id: O1\n    id: O1\n',
        # a key that ends in "id:" inside a text, with the next node's id as its value
        "format: outcome-graph/v1\nplan: {id: p, period: {start: 2011-04-01, end: 2012-03-31}}\n"
        "priorities:\n  - id: P1\n    title: >-\n      The squid: P2\n  - id: P2\n    title: x\n",
    ],
)
def test_fast_and_precise_loaders_agree_when_comments_repeat_an_id(text: str):
    # A position is never taken from a comment that repeats the first key and its value.
    precise = document_to_plan(parse_text(text))
    fast = _fast(text)
    plan = document_to_plan(fast[0], positions=fast[1])
    assert _positions(plan) == _positions(precise)


@pytest.mark.parametrize("form", ["yaml", "json"])
def test_fast_and_precise_loaders_agree_on_a_synthetic_plan(form: str):
    doc = generate(600, seed=11)
    text = dump_json(doc) if form == "json" else dump_yaml(doc)
    precise = document_to_plan(parse_text(text, json_first=form == "json"))
    fast = _fast(text, json_input=form == "json")
    plan = document_to_plan(fast[0], positions=fast[1])
    assert plan.document == precise.document
    assert _positions(plan) == _positions(precise)


def test_the_fast_path_reads_yaml_whose_json_is_twice_as_long():
    # Single letters in a flow list without spaces: each "a," is written '"a",' (the JSON twice the
    # YAML, longer than the buffer first tried), and read the same as the precise parser reads it.
    letters = ",".join("abcdefghij"[i % 10] for i in range(20_000))
    text = PLAN_HEADER + f"priorities: [{{id: P1, title: Safe, tags: [{letters}]}}]\n"
    fast = _fast(text)
    assert fast[0] == parse_text(text)
    assert len(fast[0]["priorities"][0]["tags"]) == 20_000


def test_loading_plans_one_after_another_takes_no_more_memory_each_time():
    # A program that loads plans in turn (an editor checking on every save) must not keep what
    # each load used: rapidyaml's own JSON writer kept the JSON of every plan it read.
    script = (
        "import gc, sys\nimport outcome_graph as og\n"
        "def rss(): return int(open('/proc/self/statm').read().split()[1]) * 4096\n"
        "path = sys.argv[1]\ndef load():\n    og.load(path)\n"
        "    gc.collect()  # (a plan is freed by the collector: its nodes and indexes refer to "
        "each other)\nfor i in range(5): load()\nbefore = rss()\nfor i in range(60): load()\n"
        "print(rss() - before)\n"
    )
    if not Path("/proc/self/statm").exists():
        pytest.skip("no /proc here to read the memory of a process from")
    path = MODELS / "southend-cypp-2008-09.yaml"
    run = subprocess.run(
        [sys.executable, "-c", script, str(path)], capture_output=True, text=True, timeout=300
    )
    assert run.returncode == 0, run.stderr
    # (60 loads kept 10.6 MB before, the JSON of each; a few pages come and go with the allocator)
    assert int(run.stdout) < 2_000_000, (
        f"60 loads of {path.name} kept {int(run.stdout) / 1e6:.1f} MB"
    )


@pytest.mark.parametrize(
    "text",
    [
        PLAN_HEADER + "x: &a [1]\ny: *a\n",  # anchors and aliases
        PLAN_HEADER + "x: !!python/object/apply:os.system [echo hi]\n",  # tags
        PLAN_HEADER + "objectives:\n\t- {id: O1, title: x}\n",  # tabs
        PLAN_HEADER + "objectives: [{id: O1, title: true}]\n",  # a boolean where text is read
        PLAN_HEADER + "objectives: [{id: O1, title: ~}]\n",  # ~ as null
        PLAN_HEADER + "<<: {a: 1}\n",  # merge keys
        PLAN_HEADER + "title: a\ntitle: b\n",  # duplicate keys
        PLAN_HEADER + "---\nformat: x\n",  # several documents
        PLAN_HEADER + "objectives: [{id: O1, title: x, number: 3.}]\n",  # rapidyaml writes 3.0
        PLAN_HEADER
        + "objectives:\n  - id: O1\n    title: @home\n",  # reserved: rapidyaml reads text
        PLAN_HEADER + "objectives: [{id: O1, title: `x`}]\n",
        PLAN_HEADER + "objectives:\n  - @home\n",
        PLAN_HEADER + "# `views` as printed\nobjectives:\n  - {id: O1, title: `x`} # a `comment`\n",
    ],
)
def test_the_fast_path_declines_what_it_could_read_differently(text: str):
    # (a reserved character in a comment is no reason to: the real plans' comments quote `views`)
    assert fast_parse(text) is None
    if "true" in text:  # the precise parser reads it, as text
        assert og.load(text).nodes["O1"].title == "true"
    else:  # and says what is wrong with it
        with pytest.raises(og.PlanError):
            og.load(text)


_NUMBERISH = st.one_of(
    st.from_regex(r"[-+]?[0-9]{0,3}(\.[0-9]{0,2})?([eE][-+]?[0-9]{1,2})?", fullmatch=True),
    st.sampled_from(
        [
            "inf",
            "-inf",
            "nan",
            ".inf",
            ".Inf",
            "-.INF",
            ".NaN",
            ".nan",
            "Infinity",
            "0x1f",
            "0o17",
            "1_0",
        ]
    ),
)


@given(
    number=_NUMBERISH,
    layout=st.sampled_from(["a: {}\n", "a: [{}]\n", "a:\n  - {}\n", "{}: a\n", "a: [x, {}, y]\n"]),
)
@settings(max_examples=300, deadline=None)
def test_the_fast_path_keeps_numbers_as_written(number: str, layout: str):
    # The format reads a number as its text ('number: 3.' is "3."), and rapidyaml writes some
    # numbers its own way (.5 as 0.5, 1. as 1.0, nan as .nan): the fast path then declines.
    text = layout.format(number)
    try:
        precise = parse_text(text)
    except og.PlanError:
        return  # (not YAML a plan could hold)
    fast = fast_parse(text)
    if fast is not None:
        assert fast[0] == precise


def test_a_json_plan_never_reads_numbers_as_numbers():
    text = (
        '{"format": "outcome-graph/v1", "plan": {"id": "t", "period": {"start": "2011-04-01", '
        '"end": "2012-03-31"}}, "objectives": [{"id": "O1", "title": "x", "number": 3.10}]}'
    )
    assert og.load(text).nodes["O1"].number == "3.10"
    assert (
        fast_parse('{"a": true}', json_input=True) is None
    )  # the precise parser reads true as text


# What a check of a plain YAML plan with text output does not need: PyYAML (the fast path reads the
# plan; the precise parser is for plans it declines), the spreadsheet reader, the baseline, and
# the other commands' modules. `--version` needs no command module at all.
OTHER_COMMANDS = tuple(
    f"outcome_graph.commands.{name}"
    for name in (
        "rules",
        "schema",
        "render",
        "report",
        "convert",
        "template",
        "table",
        "diff",
        "synth",
    )
)
DEFERRED = (
    "yaml",
    "outcome_graph.loading.precise",
    "outcome_graph.loading.sheet_layout",
    "outcome_graph.loading.spreadsheet",
    "outcome_graph.baseline",
    *OTHER_COMMANDS,
)

# The command run as the console script runs it, then the names of every module imported (an
# import through importlib.import_module included, which -X importtime does not list).
_IMPORTED_BY = """
import sys
from outcome_graph.cli import main
try:
    main(sys.argv[1:], prog_name="outcome-graph")
except SystemExit:
    pass
sys.stdout.flush()
sys.stderr.write("\\n".join(sorted(sys.modules)))
"""


def _imported_by(args: list[str], env: dict[str, str] | None = None) -> set[str]:
    run = subprocess.run(
        [sys.executable, "-c", _IMPORTED_BY, *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )
    assert run.returncode == 0, run.stderr[-2000:]
    imported = set(run.stderr.split("\n"))
    assert "outcome_graph.cli" in imported, run.stderr[-2000:]
    return imported


@pytest.mark.parametrize(
    ("args", "deferred"),
    [
        (
            ["--version"],
            (
                *DEFERRED,
                "outcome_graph.commands.check",
                "outcome_graph.commands.common",
                "pydantic",
            ),
        ),
        (["check", str(MODELS / "thurrock-cypp-2011-12.yaml")], DEFERRED),
    ],
)
def test_light_commands_import_no_heavy_library(args: list[str], deferred: tuple[str, ...]):
    imported = _imported_by(args)
    assert not {name.split(".")[0] for name in imported} & set(HEAVY), sorted(imported)
    assert not imported & set(deferred), sorted(imported & set(deferred))


def test_completing_a_command_name_imports_the_commands_it_offers_alone():
    completed = _imported_by(
        [],
        {
            "_OUTCOME_GRAPH_COMPLETE": "bash_complete",
            "COMP_WORDS": "outcome-graph rep",
            "COMP_CWORD": "1",
        },
    )
    others = {*OTHER_COMMANDS, "outcome_graph.commands.check"} - {"outcome_graph.commands.report"}
    assert "outcome_graph.commands.report" in completed and not completed & others, sorted(
        completed & others
    )


def test_what_check_defers_loads_when_asked_for(tmp_path: Path):
    # A plan the fast path declines (an anchor) is read by PyYAML; a baseline loads its module;
    # `--help` lists every command, as before.
    text = (EXAMPLES / "tutorial-plan.yaml").read_text(encoding="utf-8")
    plan = tmp_path / "anchored.yaml"
    plan.write_text(text.replace("plan:", "plan: &plan", 1), encoding="utf-8")
    assert {"yaml", "outcome_graph.loading.precise"} <= _imported_by(["check", str(plan)])
    baseline = tmp_path / "baseline.json"
    _imported_by(["check", str(plan), "--format", "json", "-o", str(baseline)])
    assert "outcome_graph.baseline" in _imported_by(
        ["check", str(plan), "--baseline", str(baseline)]
    )
    listed = subprocess.run(
        [sys.executable, "-m", "outcome_graph", "--help"],
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout
    for module in OTHER_COMMANDS:
        assert f"  {module.rsplit('.', 1)[1]} " in listed, module


_TRICKY_IDS = st.sampled_from(
    ["id: 1", "P #2", "a'b", 'q"x', "x, y", "{z}", "[w]", "t: u", "- v", "ID", "3.10", "é"]
)


@given(
    doc=plans(),
    style=st.sampled_from(["block", "flow", "flow-one-line", "json", "json-indented"]),
    data=st.data(),
)
@settings(max_examples=60, deadline=None)
def test_fast_positions_match_the_precise_parser_on_generated_plans(doc, style, data):
    # Ids that look like keys, comments, quotes or flow punctuation, written in each style: the
    # fast path either declines or finds every node where the precise parser does.
    for item in [*_walk(doc["priorities"]), *doc.get("milestones", [])]:
        if data.draw(st.booleans()):
            item["id"] = f"{item['id']}{data.draw(_TRICKY_IDS)}"
    if style == "block":
        text = yaml.safe_dump(doc, sort_keys=False, allow_unicode=True)
        # Comments repeating a node's "id: ..." before the lines that start a key or an item.
        ids = [
            doc["plan"]["id"],
            *(item["id"] for item in [*_walk(doc["priorities"]), *doc.get("milestones", [])]),
        ]
        lines = text.splitlines(keepends=True)
        for i in sorted(
            data.draw(st.lists(st.integers(0, len(lines) - 1), max_size=4, unique=True)),
            reverse=True,
        ):
            if re.match(r"\s*(- )?[A-Za-z_]+:( |$)", lines[i]):
                lines.insert(i, f"# id: {data.draw(st.sampled_from(ids))}\n")
        text = "".join(lines)
    elif style.startswith("flow"):  # (on one line: where a comment may start is found once a line)
        text = yaml.safe_dump(
            doc,
            sort_keys=False,
            allow_unicode=True,
            default_flow_style=True,
            width=60 if style == "flow" else 10**9,
        )
    else:
        text = json.dumps(doc, indent=2 if style == "json-indented" else None, ensure_ascii=False)
    json_input = style.startswith("json")
    fast = fast_parse(text, json_input=json_input)
    assume(fast is not None)
    precise = document_to_plan(parse_text(text, json_first=json_input))
    plan = document_to_plan(fast[0], positions=fast[1])
    assert plan.document == precise.document
    assert _positions(plan) == _positions(precise)


@given(doc=plans(), comments=st.integers(0, 40), style=st.sampled_from(["block", "flow"]))
@settings(max_examples=40, deadline=None)
def test_a_plan_saved_with_windows_line_endings_reads_as_the_same_plan(
    doc, comments: int, style: str
):
    # CR LF at every line end (a plan saved on Windows), under a block of comments: the same nodes
    # at the same lines and columns, by whichever parser reads it.
    text = "".join(f"# {i}\n" for i in range(comments)) + yaml.safe_dump(
        doc, sort_keys=False, allow_unicode=True, default_flow_style=style == "flow", width=60
    )
    plan = og.load(text)
    windows = og.load(text.replace("\n", "\r\n"))
    assert windows.document == plan.document
    assert _positions(windows) == _positions(plan)


def test_the_latency_script_times_a_step_at_each_size():
    run = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "latency.py"),
            "--sizes",
            "0.01,0.1",
            "--steps",
            "2000",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    rows = [line.split() for line in run.stdout.splitlines()]
    assert [r[0] for r in rows] == ["0.01", "0.10"] and all(
        r[1:3] == ["MB", str(int(r[2]))] for r in rows
    )
    assert all(int(r[2]) > 0 and r[3:] == ["ns", "per", "step"] for r in rows)


def test_a_random_cycle_visits_every_element_once():
    # (the chase must wait on every read: one cycle
    # through the whole array, not a short loop in cache)
    import importlib.util

    spec = importlib.util.spec_from_file_location("latency", ROOT / "bench" / "latency.py")
    latency = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(latency)
    for n in (2, 3, 1000):
        after = latency.random_cycle(n, seed=n)
        seen, i = [], 0
        for _ in range(n):
            seen.append(i)
            i = after[i]
        assert i == 0 and sorted(seen) == list(range(n))
    assert list(latency.random_cycle(1000)) != list(range(1, 1000)) + [0]  # (random, not in order)


def _cliffs_module():
    import importlib.util

    spec = importlib.util.spec_from_file_location("cliffs", ROOT / "bench" / "cliffs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_cliff_script_times_every_shape_at_two_sizes(tmp_path: Path):
    out = tmp_path / "cliffs.json"
    run = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "cliffs.py"),
            "--size",
            "20",
            "--repeat",
            "1",
            "--limit",
            "1e9",
            "--output",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    shapes = list(_cliffs_module().SHAPES)
    printed = [line.split("|")[:2] for line in run.stdout.splitlines() if line.count("|") == 4][1:]
    assert [(s.strip(), p.strip()) for s, p in printed] == [
        (s, p) for s in shapes for p in ("load", "check", "DOT", "report")
    ]
    results = json.loads(out.read_text(encoding="utf-8"))
    assert results["sizes"] == [20, 80] and list(results["shapes"]) == shapes
    assert not any(
        phase["cliff"] for shape in results["shapes"].values() for phase in shape.values()
    )
    unknown = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "cliffs.py"), "--shapes", "chain,ring"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert unknown.returncode == 2 and "unknown shape 'ring'" in unknown.stderr


@pytest.mark.parametrize("name", list(_cliffs_module().SHAPES))
def test_every_cliff_shape_is_a_valid_plan_of_its_size(name: str):
    # (each shape loads, so the script times the plan it
    # names, not an error; its size is N nodes or more)
    plan = og.load(json.dumps(_cliffs_module().SHAPES[name](50)))
    assert len(plan.nodes) >= 50 or name == "long-title"


def test_a_node_listing_thousands_of_indicators_reads_each_reference_a_few_times():
    # One objective lists 3,000 indicators, each with a target: the rules found each indicator's
    # targets by reading every reference of every node listing it (9 million lookups, 20 s).
    n = 3000
    plan = og.load(json.dumps(_cliffs_module().many_indicators(n)))
    lookups = 0
    indicator = plan.indicator

    def counted(ref: str):
        nonlocal lookups
        lookups += 1
        return indicator(ref)

    plan.indicator = counted  # type: ignore[method-assign]
    findings = og.check(plan).findings
    assert lookups < 5 * n
    assert not [f for f in findings if f.rule == "OG503"]  # (every target on a reference was found)
