"""Mutation testing: do the tests notice a small change to the code (a rule, the loader, the
analysis)?

Each mutant is one small change to one module (a comparison flipped, ``and``/``or`` swapped, a
``not`` dropped, an integer constant moved by one, a returned value replaced by an empty one, a
``continue``/``break`` deleted). It is made in a copy of the repository in a temporary directory
(the checkout is never changed) and the rule tests are run against it; a mutant no test fails on
"survived": either it changes nothing a user could see (an equivalent mutant), or the tests have
a gap.

    python scripts/mutate.py src/outcome_graph/rules/timing.py --sample 40
    python scripts/mutate.py src/outcome_graph/rules/*.py --sample 400 --out mutants.jsonl

Each mutant runs the quick tests first (``--tests``; for a rule, the rule cases and the real plans'
pinned findings) and, if it survives them, the slower ones (``--more-tests``; for a rule, the
property tests and the real plans' hints). Without ``--tests`` each module gets the tests of its
part of the code (``AREAS``: the loader's, the spreadsheet reader's, the timescale reader's, ...)
and its own doctests, as the suite runs them. One line per mutant is printed (and written as JSON
with ``--out``), the survivors with their change, and a count per module at the end.
"""

from __future__ import annotations

import argparse
import ast
import copy
import importlib.util
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUICK = ["tests/test_rule_cases.py", "tests/test_models.py"]
MORE = ["tests/test_properties.py", "tests/test_hints.py"]
# The tests each part of the code is measured by, when --tests is not given: (the module, or the
# folder ending in "/", its quick tests, its slower ones); the longest match wins, and a module no
# entry names gets the rules' tests (QUICK, MORE).
_CASES = ["tests/test_rule_cases.py", "tests/test_models.py"]
# (the load-error corpus through the API, without its slowest cases: the same through the command
# line, huge titles, renders killed mid-way, a whole plan's findings compared byte for byte)
_LOAD_MORE = [
    "tests/test_bad_input.py",
    "tests/test_fuzz.py",
    "-k",
    "not test_cli and not huge and not killed and not byte_for_byte",
]
_SHEETS = [
    "tests/test_spreadsheet.py",
    "tests/test_spreadsheet_tables.py",
    "tests/test_spreadsheet_councils.py",
]
AREAS: list[tuple[str, list[str], list[str]]] = [
    (
        "src/outcome_graph/analysis/timescale/",
        ["tests/test_timescale.py", "tests/test_timescale_audit.py", "tests/test_doc_tables.py"]
        + _CASES,
        MORE,
    ),
    (
        "src/outcome_graph/analysis/owners/",
        ["tests/test_owners.py", "tests/test_doc_tables.py", *_CASES],
        MORE,
    ),
    ("src/outcome_graph/analysis/wording.py", ["tests/test_wording.py", *_CASES], MORE),
    ("src/outcome_graph/analysis/meaning.py", ["tests/test_meaning.py", *_CASES], MORE),
    (
        "src/outcome_graph/loading/",
        ["tests/test_load.py", "tests/test_load_messages.py", *_CASES],
        _LOAD_MORE,
    ),
    (
        "src/outcome_graph/loading/tree.py",
        ["tests/test_load.py", "tests/test_load_messages.py", *_CASES],
        # (and the fast path's own tests: it reads as the precise parser does, or declines)
        [
            "tests/test_bench.py",
            *_LOAD_MORE[:-1],
            "(test_bench and (fast or plain or position or decline)) or (not test_bench and "
            f"{_LOAD_MORE[-1]})",
        ],
    ),
    ("src/outcome_graph/loading/spreadsheet/", _SHEETS, ["tests/test_roundtrip.py"]),
    ("src/outcome_graph/loading/sheet_layout.py", _SHEETS, ["tests/test_roundtrip.py"]),
    ("src/outcome_graph/baseline.py", ["tests/test_baseline.py"], ["tests/test_renumber.py"]),
    (
        "src/outcome_graph/diff.py",
        ["tests/test_diff.py"],
        ["tests/test_renumber.py", "tests/test_schema.py"],
    ),
    (
        "src/outcome_graph/config.py",
        ["tests/test_config.py", "tests/test_config_schema.py"],
        ["tests/test_report.py", "tests/test_hints.py"],
    ),
]
SWAPS: dict[type, type] = {
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
}
EMPTY = {
    "str": '""',
    "list": "[]",
    "set": "set()",
    "dict": "{}",
    "tuple": "()",
    "int": "0",
    "float": "0.0",
    "frozenset": "frozenset()",
    "Sequence": "()",
    "Iterable": "()",
    "Iterator": "iter(())",
}


@dataclass
class Mutant:
    module: str  # path relative to the repository
    index: int  # the node's place in ast.walk order
    kind: str
    line: int
    change: str  # "before -> after"
    status: str = ""
    failed: str = ""


def _annotation_empty(func: ast.FunctionDef | ast.AsyncFunctionDef | None, value: ast.expr) -> str:
    """What an emptied return gives: the empty value of the function's declared type, else None."""
    if func is None or func.returns is None:
        return "None"
    text = ast.unparse(func.returns)
    if "None" in text.split("|")[-1] or text.startswith("Optional"):
        return "None"
    if text == "bool":
        return "True" if isinstance(value, ast.Constant) and value.value is False else "False"
    head = text.split("[")[0].split(".")[-1]
    return EMPTY.get(head, "None")


def _skipped(tree: ast.Module) -> set[int]:
    """Nodes left alone: annotations and the TYPE_CHECKING block (no behaviour)."""
    skip: set[int] = set()
    for node in ast.walk(tree):
        parts: list[ast.AST | None] = []
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            parts = [
                node.returns,
                *(a.annotation for a in [*node.args.args, *node.args.kwonlyargs]),
            ]
        elif isinstance(node, ast.AnnAssign):
            parts = [node.annotation]
        elif isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            parts = list(node.body)
        for part in parts:
            if part is not None:
                skip.update(id(n) for n in ast.walk(part))
    return skip


def _mutations(
    node: ast.AST, func: ast.FunctionDef | ast.AsyncFunctionDef | None
) -> list[tuple[str, ast.AST | str]]:
    """(kind, replacement) for each mutant of ``node``: a new node, or a statement's new text."""
    out: list[tuple[str, ast.AST | str]] = []
    if isinstance(node, ast.Compare):
        for i, op in enumerate(node.ops):
            if type(op) in SWAPS:
                new = copy.deepcopy(node)
                new.ops[i] = SWAPS[type(op)]()
                out.append(("compare", new))
    elif isinstance(node, ast.BoolOp):
        new = copy.deepcopy(node)
        new.op = ast.Or() if isinstance(node.op, ast.And) else ast.And()
        out.append(("boolop", new))
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        out.append(("not", copy.deepcopy(node.operand)))
    elif isinstance(node, ast.Constant) and type(node.value) is int:
        for step in (1, -1) if node.value else (1,):
            out.append(("number", ast.Constant(node.value + step)))
    elif isinstance(node, ast.Return) and node.value is not None:
        empty = _annotation_empty(func, node.value)
        if ast.dump(node.value) != ast.dump(ast.parse(empty, mode="eval").body):
            out.append(("return", f"return {empty}"))
    elif isinstance(node, (ast.Continue, ast.Break)):
        out.append(("jump", "pass"))
    return out


def _splice(source: str, node: ast.AST, text: str) -> str:
    lines = source.splitlines(keepends=True)
    first, last = node.lineno - 1, node.end_lineno - 1  # type: ignore[attr-defined]
    head = lines[first].encode()[: node.col_offset].decode()
    tail = lines[last].encode()[node.end_col_offset :].decode()  # type: ignore[attr-defined]
    return "".join(lines[:first]) + head + text + tail + "".join(lines[last + 1 :])


def _functions(tree: ast.Module) -> dict[int, ast.FunctionDef | ast.AsyncFunctionDef]:
    owner: dict[int, ast.FunctionDef | ast.AsyncFunctionDef] = {}
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for inner in ast.walk(node):
                owner[id(inner)] = node  # (inner functions come later in the walk and win)
    return owner


def mutants_of(module: str) -> list[Mutant]:
    source = (ROOT / module).read_text(encoding="utf-8")
    tree = ast.parse(source)
    skip, owner = _skipped(tree), _functions(tree)
    found = []
    for index, node in enumerate(ast.walk(tree)):
        if id(node) in skip:
            continue
        for kind, new in _mutations(node, owner.get(id(node))):
            after = new if isinstance(new, str) else ast.unparse(new)
            found.append(
                Mutant(module, index, kind, node.lineno, f"{ast.unparse(node)} -> {after}")
            )  # type: ignore[attr-defined]
    return found


def mutated_source(m: Mutant, source: str) -> str:
    """The module's text (``source``, as the mutant was listed from) with the mutant's change."""
    tree = ast.parse(source)
    node = list(ast.walk(tree))[m.index]
    [new] = [
        new
        for kind, new in _mutations(node, _functions(tree).get(id(node)))
        if kind == m.kind
        and m.change.endswith(" -> " + (new if isinstance(new, str) else ast.unparse(new)))
    ]
    text = new if isinstance(new, str) else f"({ast.unparse(new)})"
    result = _splice(source, node, text)
    if ast.dump(ast.parse(result)) == ast.dump(tree):
        raise ValueError(f"mutant changes nothing: {m}")
    return result


def _survivors(path: Path, modules: set[str]) -> list[Mutant]:
    """The mutants no test killed in an earlier results file, as mutants of the modules as they are
    now (matched by their change, nearest line first: the code may have moved)."""
    found: dict[str, list[Mutant]] = {}
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        old = Mutant(**json.loads(line))
        if old.status.startswith("killed") or (modules and old.module not in modules):
            continue
        now = [
            m
            for m in found.setdefault(old.module, mutants_of(old.module))
            if m.kind == old.kind and m.change == old.change and m not in out
        ]
        if not now:
            print(f"gone: {old.module}:{old.line} {old.kind}: {old.change}")
            continue
        out.append(min(now, key=lambda m: abs(m.line - old.line)))
    return out


def tests_of(module: str) -> tuple[list[str], list[str]]:
    """The quick and the slower tests of a module (a path in the repository), from AREAS."""
    matches = [
        a for a in AREAS if module == a[0] or (a[0].endswith("/") and module.startswith(a[0]))
    ]
    if not matches:
        return QUICK, MORE
    _, quick, more = max(matches, key=lambda a: len(a[0]))
    return quick, more


def _copy_tree(into: Path) -> Path:
    ignore = shutil.ignore_patterns(
        ".git",
        ".venv",
        "__pycache__",
        ".hypothesis",
        ".mypy_cache",
        ".ruff_cache",
        ".pytest_cache",
        "*.egg-info",
        "build",
        "dist",
    )
    shutil.copytree(ROOT, into, ignore=ignore)
    return into


def _pytest(tree: Path, tests: list[str], timeout: float) -> tuple[bool, str]:
    """Whether the tests pass in the copy (and the first failure's id when they do not)."""
    env = {k: v for k, v in os.environ.items() if k not in ("UPDATE_SNAPSHOTS", "PYTHONPATH")}
    env["PYTHONPATH"] = str(tree / "src")
    cmd = [
        sys.executable,
        "-m",
        "pytest",
        "-x",
        "-q",
        "-p",
        "no:cacheprovider",
        "-p",
        "no:randomly",
        "--hypothesis-seed=0",
        *tests,
    ]
    proc = subprocess.Popen(
        cmd,
        cwd=tree,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        out, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        return False, "timeout"
    failed = next(
        (
            line.split(" ", 1)[1]
            for line in out.splitlines()
            if line.startswith(("FAILED ", "ERROR "))
        ),
        "",
    )
    return proc.returncode == 0, failed[:200]


def run(m: Mutant, tree: Path, quick: list[str], more: list[str], timeout: float) -> Mutant:
    target = tree / m.module
    original = target.read_text(encoding="utf-8")
    cached = Path(importlib.util.cache_from_source(str(target)))
    try:
        try:
            text = mutated_source(m, original)
            compile(text, str(target), "exec")
        except (SyntaxError, ValueError) as exc:
            m.status, m.failed = "invalid", str(exc)[:200]
            return m
        target.write_text(text, encoding="utf-8")
        cached.unlink(missing_ok=True)
        for stage, tests in (("quick", quick), ("more", more)):
            if not tests:
                continue
            passed, m.failed = _pytest(tree, tests, timeout)
            if not passed:
                m.status = f"killed ({stage})" if m.failed != "timeout" else "killed (timeout)"
                return m
        m.status = "survived"
        return m
    finally:
        target.write_text(original, encoding="utf-8")
        cached.unlink(missing_ok=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "modules", nargs="*", help="the modules to mutate (paths in the repository)"
    )
    parser.add_argument(
        "--sample", type=int, default=0, help="at most this many mutants per module (0: all)"
    )
    parser.add_argument("--seed", type=int, default=0, help="the sample's random seed")
    parser.add_argument(
        "--tests",
        nargs="*",
        help="the quick tests, run on every mutant (default: those of the module's part, see "
        "AREAS)",
    )
    parser.add_argument(
        "--more-tests",
        nargs="*",
        help="the slower tests, run on the survivors (default: those of the module's part)",
    )
    parser.add_argument(
        "--doctests",
        action="store_true",
        help="with --tests, run the module's doctests too (they always run without --tests)",
    )
    parser.add_argument(
        "--jobs", type=int, default=1, help="mutants run at once (one copy of the tree each)"
    )
    parser.add_argument(
        "--timeout", type=float, default=300, help="seconds before a test run counts as a kill"
    )
    parser.add_argument(
        "--rerun",
        type=Path,
        metavar="JSONL",
        help="run again the mutants of an earlier --out file that no test killed (found again by "
        "their change)",
    )
    parser.add_argument("--list", action="store_true", help="list the mutants without running them")
    parser.add_argument("--out", type=Path, help="write one JSON line per mutant here")
    args = parser.parse_args(argv)

    rng = random.Random(args.seed)
    chosen: list[Mutant] = []
    if args.rerun:
        chosen = _survivors(
            args.rerun, {str(Path(m).resolve().relative_to(ROOT)) for m in args.modules}
        )
    for module in [] if args.rerun else args.modules:
        module = str(Path(module).resolve().relative_to(ROOT))
        found = mutants_of(module)
        if args.sample and len(found) > args.sample:
            found = sorted(rng.sample(found, args.sample), key=lambda m: m.index)
        chosen.extend(found)
    if args.list:
        for m in chosen:
            print(f"{m.module}:{m.line}\t{m.kind}\t{m.change}")
        return 0

    # (stopped with SIGTERM, it leaves as it does on Ctrl-C: the copies are removed)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    with tempfile.TemporaryDirectory(prefix="mutants-") as scratch:
        trees = [_copy_tree(Path(scratch) / f"tree{i}") for i in range(max(1, args.jobs))]
        free = list(trees)
        out = args.out.open("w", encoding="utf-8") if args.out else None

        def one(m: Mutant) -> Mutant:
            tree = free.pop()
            try:
                quick, more = tests_of(m.module)
                quick = quick if args.tests is None else args.tests
                # (and the module's own examples, which the suite runs: --doctest-modules)
                quick = [*quick, m.module] if args.tests is None or args.doctests else quick
                more = more if args.more_tests is None else args.more_tests
                return run(m, tree, quick, more, args.timeout)
            finally:
                free.append(tree)

        try:
            with ThreadPoolExecutor(max_workers=len(trees)) as pool:
                for i, m in enumerate(pool.map(one, chosen), 1):
                    print(
                        f"[{i}/{len(chosen)}] {m.status:16} {m.module}:{m.line} {m.kind}: "
                        f"{m.change[:120]}"
                        + (f"  ({m.failed})" if m.status.startswith("killed") and m.failed else ""),
                        flush=True,
                    )
                    if out:
                        out.write(json.dumps(asdict(m)) + "\n")
                        out.flush()
        finally:
            if out:
                out.close()

    tally: dict[str, Counter[str]] = {}
    for m in chosen:
        tally.setdefault(m.module, Counter())[m.status.split(" ")[0]] += 1
    print("\nmodule\ttried\tkilled\tsurvived\tinvalid")
    for module, c in tally.items():
        print(f"{module}\t{sum(c.values())}\t{c['killed']}\t{c['survived']}\t{c['invalid']}")
    survivors = [m for m in chosen if m.status == "survived"]
    if survivors:
        print("\nsurvivors:")
        for m in survivors:
            print(f"  {m.module}:{m.line} {m.kind}: {m.change}")
    return 1 if survivors else 0


if __name__ == "__main__":
    sys.exit(main())
