"""The bad-input corpus: every input gets an answer, through the CLI and the API.

Each case is exit 2 with a message naming the file, the line (where there is one) and the problem,
no traceback, in bounded time and memory; or, where the content is valid, a normal check. The same
corpus goes through the Python API, which raises the typed errors.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

import outcome_graph as og
from outcome_graph.errors import PlanError

from .conftest import EXAMPLES, PLAN_HEADER, og_command

MEMORY_LIMIT = 3 * 1024**3  # address space allowed to one CLI run
TIME_LIMIT = 60  # seconds before a CLI run is stopped as hung (a watchdog: no test asserts a time)


@dataclass
class Case:
    name: str
    make: Callable[[Path], Path]  # writes the input into a folder, returns its path
    needle: str  # words the message must contain
    line: int | None = None  # the line the message must name
    valid: bool = False  # a normal check (exit 0 or 1) instead of exit 2


def text(name: str, content: str | bytes) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return make


def big_plan(folder: Path) -> Path:
    path = folder / "big.yaml"
    with path.open("w") as fh:
        fh.write(PLAN_HEADER + "milestones:\n")
        i = 0
        while fh.tell() < 50 * 1024 * 1024:
            fh.write(
                "".join(
                    f"  - {{id: M{i + k}, title: Milestone {i + k} of a very large plan, "
                    "timescale: June 11}\n"
                    for k in range(1000)
                )
            )
            i += 1000
    return path


def huge_titles(folder: Path) -> Path:
    path = folder / "huge-titles.yaml"
    title = (
        "Reduce the number of young people not in education employment or training " * 140_000
    )[: 10 * 1024 * 1024]
    path.write_text(
        PLAN_HEADER
        + f'priorities:\n  - id: P1\n    title: "{title}"\n    objectives:\n'
        + f'      - id: O1\n        title: "{title}"\n        lead: SILS\n'
        "        indicators: [NI 117]\n"
    )
    return path


def deep(folder: Path) -> Path:
    path = folder / "deep.yaml"
    path.write_text(PLAN_HEADER + "notes: " + "[" * 10_000 + "]" * 10_000 + "\n")
    return path


def deep_block(folder: Path) -> Path:
    path = folder / "deep-block.yaml"
    lines = [PLAN_HEADER.rstrip("\n"), "notes:"]
    lines += [" " * (i + 1) + f"k{i}:" for i in range(10_000)]
    path.write_text("\n".join(lines) + " x\n")
    return path


def alias_bomb(folder: Path) -> Path:
    path = folder / "bomb.yaml"
    body = PLAN_HEADER + 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for i in range(1, 10):
        prev, cur = chr(96 + i), chr(97 + i)
        body += f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]\n"
    path.write_text(body)
    return path


def empty_dir(folder: Path) -> Path:
    path = folder / "no-csvs"
    path.mkdir()
    (path / "readme.txt").write_text("not a plan")
    return path


def _workbook_as(path: Path) -> Path:
    from .conftest import EXAMPLES

    og.convert_plan(EXAMPLES / "tutorial-plan.yaml", path.with_suffix(".xlsx"))
    path.with_suffix(".xlsx").rename(path)
    return path


def zipped(name: str, members: dict[str, str]) -> Callable[[Path], Path]:
    """A zip file of these members (a Word document is word/document.xml and a few more)."""

    def make(folder: Path) -> Path:
        import zipfile

        path = folder / name
        with zipfile.ZipFile(path, "w") as archive:
            for member, content in members.items():
                archive.writestr(member, content)
        return path

    return make


WORD_DOCUMENT = {"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"}
OLE_HEADER = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(
    504
)  # how a .doc, .xls or .ppt of Office 97-2003 starts


def merged_sheet(folder: Path) -> Path:
    """A workbook of a few kilobytes with one merged range over a whole sheet (17 billion cells)."""
    import zipfile

    plain = _workbook_as(folder / "plain.xlsx")
    path = folder / "merged.xlsx"
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename.startswith("xl/worksheets/sheet"):
                data = data.replace(
                    b"</sheetData>",
                    b'</sheetData><mergeCells count="1"><mergeCell ref="A2:XFD1048576"/>'
                    b"</mergeCells>",
                    1,
                )
            out.writestr(info, data)
    return path


CASES = [
    Case(
        "unclosed-quote",
        text("p.yaml", PLAN_HEADER + "objectives:\n  - {id: O1, title: 'unclosed}\n"),
        "invalid YAML",
        4,
    ),
    Case(
        "tab-indent",
        text("p.yaml", PLAN_HEADER + "objectives:\n\t- {id: O1, title: x}\n"),
        "tab",
        4,
    ),
    Case("empty-file", text("p.yaml", ""), "empty", 1),
    Case("whitespace-only", text("p.yaml", "\n\n   \n"), "empty", 1),
    Case("list-at-top", text("p.yaml", "- a\n- b\n"), "is a list", 1),
    Case("scalar-at-top", text("p.yaml", "42\n"), "single value", 1),
    Case(
        "wrong-format",
        text("p.yaml", "format: outcome-graph/v9\nplan: {id: x}\n"),
        "not supported",
        1,
    ),
    Case(
        "missing-format",
        text("p.yaml", "plan: {id: x, period: {start: 2011-04-01, end: 2012-03-31}}\n"),
        "no 'format'",
        1,
    ),
    Case(
        "missing-period",
        text("p.yaml", "format: outcome-graph/v1\nplan: {id: x}\n"),
        "the plan is missing the required field 'period': add period: {start: 2011-04-01, end: "
        "2012-03-31}",
        2,
    ),
    Case(
        "period-reversed",
        text(
            "p.yaml",
            "format: outcome-graph/v1\n"
            "plan: {id: x, period: {start: 2012-04-01, end: 2011-03-31}}\n",
        ),
        "the plan's period: it ends (2011-03-31) before it starts (2012-04-01): swap the two "
        "dates?",
        2,
    ),
    Case(
        "misspelt-field",
        text("p.yaml", PLAN_HEADER + "objectives:\n  - id: O1\n    title: x\n    milestons: []\n"),
        "did you mean 'milestones'",
        6,
    ),
    Case(
        "timescale-on-an-objective",
        text(
            "p.yaml",
            PLAN_HEADER + "objectives:\n  - id: O1\n    title: x\n    timescale: June 11\n",
        ),
        "unknown field 'timescale' in objective O1: it is a field of milestones",
        6,
    ),
    Case(
        "indicators-on-a-milestone",
        text("p.yaml", PLAN_HEADER + "milestones:\n  - {id: M1, title: x, indicators: [NI 71]}\n"),
        "unknown field 'indicators' in milestone M1: it is a field of priorities, aims and "
        "objectives",
        4,
    ),
    Case(
        "impossible-due",
        text("p.yaml", PLAN_HEADER + "milestones:\n  - {id: M1, title: x, due: 2011-13-45}\n"),
        "the due date of milestone M1: '2011-13-45' is not a valid date (month 13)",
        4,
    ),
    Case(
        "impossible-period",
        text(
            "p.yaml",
            "format: outcome-graph/v1\n"
            "plan: {id: x, period: {start: 2011-13-45, end: 2012-03-31}}\n",
        ),
        "the start date of the plan's period",
        2,
    ),
    Case(
        "impossible-period-day",
        text(
            "p.yaml",
            "format: outcome-graph/v1\n"
            "plan: {id: x, period: {start: 2011-02-30, end: 2012-03-31}}\n",
        ),
        "the start date of the plan's period: '2011-02-30' is not a valid date (day 30: February "
        "2011 has 28 days)",
        2,
    ),
    Case(
        "financial-year-period",
        text("p.yaml", "format: outcome-graph/v1\nplan: {id: x, period: 2011/12}\n"),
        "the plan's period: must be a mapping of fields (field: value), not the text '2011/12': "
        "write it as {start: 2011-04-01, end: 2012-03-31}",
        2,
    ),
    Case(
        "worded-period",
        text(
            "p.yaml", "format: outcome-graph/v1\nplan: {id: x, period: April 2009 to March 2013}\n"
        ),
        "write it as start and end dates, such as {start: 2011-04-01, end: 2012-03-31}",
        2,
    ),
    Case(
        "uk-numeric-period",
        text(
            "p.yaml",
            "format: outcome-graph/v1\n"
            "plan: {id: x, period: {start: 01/04/2011, end: 2012-03-31}}\n",
        ),
        "the start date of the plan's period: '01/04/2011' is not a date written year-month-day "
        "(2011-04-01)",
        2,
    ),
    Case(
        "impossible-as-of",
        text(
            "p.yaml",
            "format: outcome-graph/v1\nplan: {id: x, as_of: 2011-09-31,\n"
            "  period: {start: 2011-04-01, end: 2012-03-31}}\n",
        ),
        "the plan's as_of date: '2011-09-31' is not a valid date (day 31: September 2011 has 30 "
        "days)",
        2,
    ),
    Case(
        "fractional-capacity",
        text("p.yaml", PLAN_HEADER + "owners:\n  - {id: A, name: Team A, capacity: 2.5}\n"),
        "the capacity of owner A: must be a whole number, not 2.5",
        4,
    ),
    Case(
        "negative-capacity",
        text(
            "p.json",
            '{"format": "outcome-graph/v1", "plan": {"id": "x", "period": '
            '{"start": "2011-04-01", "end": "2012-03-31"}},\n "owners": [{"id": "A", "name": "A",'
            ' "capacity": -1}]}\n',
        ),
        "the capacity of owner A: must be 0 or more, not -1",
        2,
    ),
    Case(
        "plan-id-with-spaces",
        text(
            "p.yaml",
            "format: outcome-graph/v1\n"
            "plan: {id: my plan, period: {start: 2011-04-01, end: 2012-03-31}}\n",
        ),
        "the plan's id: 'my plan' may hold only letters, digits, '.', '_' and '-'",
        2,
    ),
    Case(
        "catalogue-prefix-with-digits",
        text("p.yaml", PLAN_HEADER + "catalogues: [{prefix: CSC1, title: Local}]\n"),
        "the prefix of catalogue CSC1: 'CSC1' must be one to six letters (e.g. CSC)",
        3,
    ),
    Case(
        "duplicate-ids",
        text("p.yaml", PLAN_HEADER + "aims:\n  - {id: A1, title: x}\n  - {id: A1, title: y}\n"),
        "duplicate id 'A1'",
        5,
    ),
    Case(
        "not-utf8",
        text("p.yaml", PLAN_HEADER.encode() + b"aims:\n  - {id: A1, title: Caf\xe9 culture}\n"),
        "not UTF-8",
        4,
    ),
    Case("binary", text("p.yaml", bytes(range(256)) * 64), "binary", 1),
    Case(
        "workbook-named-yaml",
        lambda folder: _workbook_as(folder / "plan.yaml"),
        "this is a workbook (or another zip file), not a YAML or JSON plan: a workbook's name "
        "ends in .xlsx",
        1,
    ),
    Case(
        "word-document",
        zipped("plan.docx", WORD_DOCUMENT),
        "this is a Word document, not a plan: copy the plan's table into an .xlsx workbook",
        1,
    ),
    Case(
        "word-document-named-yaml",
        zipped("plan.yaml", WORD_DOCUMENT),
        "this is a Word document, not a plan",
        1,
    ),
    Case(
        "opendocument-text",
        zipped("plan.odt", {"mimetype": "application/vnd.oasis.opendocument.text"}),
        "this is an OpenDocument text (.odt), not a plan",
        1,
    ),
    Case(
        "opendocument-spreadsheet",
        zipped("plan.ods", {"mimetype": "application/vnd.oasis.opendocument.spreadsheet"}),
        "this is an OpenDocument spreadsheet (.ods), not a plan: save it as an .xlsx workbook",
        1,
    ),
    Case(
        "old-word-document",
        text("plan.doc", OLE_HEADER),
        "this is a Word document (.doc), not a plan",
        1,
    ),
    Case(
        "old-office-file-named-yaml",
        text("plan.yaml", OLE_HEADER),
        "this is an Office 97-2003 file",
        1,
    ),
    Case(
        "pdf",
        text("plan.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"),
        "this is a PDF, not a plan",
        1,
    ),
    Case(
        "utf-16-with-bom",
        text("p.yaml", PLAN_HEADER.encode("utf-16")),
        "the file is UTF-16 text; save it as UTF-8",
        1,
    ),
    Case(
        "utf-16-without-bom",
        text("p.yaml", PLAN_HEADER.encode("utf-16-be")),
        "the file is UTF-16 text",
        1,
    ),
    Case(
        "utf-32",
        text("p.json", '{"format": "outcome-graph/v1"}'.encode("utf-32")),
        "the file is UTF-32 text",
        1,
    ),
    Case(
        "json-syntax",
        text("p.json", '{"format": "outcome-graph/v1",\n  "plan": }\n'),
        "invalid JSON",
        2,
    ),
    Case("no-plan-csvs", empty_dir, "no-csvs"),
    Case("missing-file", lambda folder: folder / "nope.yaml", "no such file"),
    Case("50mb-plan", big_plan, "over the 32 MB limit"),
    Case("deep-flow-nesting", deep, "nesting", 3),
    Case("deep-block-nesting", deep_block, "nesting"),
    Case("alias-bomb", alias_bomb, "too many values"),
    Case(
        "python-tag",
        text("p.yaml", PLAN_HEADER + "title: !!python/object/apply:os.system ['touch pwned']\n"),
        "not allowed",
        3,
    ),
    Case(
        "python-name-tag",
        text("p.yaml", PLAN_HEADER + "x: !!python/name:os.system\n"),
        "not allowed",
        3,
    ),
    Case("huge-titles", huge_titles, "", valid=True),
    Case("merged-whole-sheet", merged_sheet, "merges more than 2,000,000 cells"),
    Case(
        "json-lone-surrogate",
        text(
            "p.json",
            '{"format": "outcome-graph/v1",\n "plan": {"id": "x\\ud800", "period": '
            '{"start": "2011-04-01", "end": "2012-03-31"}}}\n',
        ),
        "half of a surrogate pair",
        2,
    ),
    Case(
        "json-surrogate-pair",
        text(
            "p.json",
            '{"format": "outcome-graph/v1",\n "plan": {"id": "x", "title": "\\ud83d\\ude00", '
            '"period": {"start": "2011-04-01", "end": "2012-03-31"}}}\n',
        ),
        "",
        valid=True,
    ),
    Case(
        "json-surrogate-pair-and-an-error",
        text(
            "p.json",
            '{"format": "outcome-graph/v1",\n "plan": {"title": "\\ud83d\\ude00", '
            '"id": "x", "period": {"start": "2011-04-01", "end": "2012-03-31"}, "oops": 1}}\n',
        ),
        "unknown field 'oops' in the plan's details (under plan:)",
        2,
    ),
    Case(
        "json-nan",
        text(
            "p.json",
            '{"format": "outcome-graph/v1", "plan": {"id": "x", "period": {"start": '
            '"2011-04-01", "end": "2012-03-31"}},\n'
            ' "indicators": [{"id": "L1", "title": "x", "baseline": {"period": "2011", "value": '
            "NaN}}]}\n",
        ),
        "NaN is not a JSON number",
        2,
    ),
    Case(
        "yaml-infinite-value",
        text(
            "p.yaml",
            PLAN_HEADER
            + "indicators:\n  - {id: L1, title: x, baseline: {period: '2011', value: inf}}\n",
        ),
        "the value of the baseline of indicator L1: must be a number, not infinity or NaN (inf)",
        4,
    ),
    Case(
        "yaml-surrogate-escape",
        text("p.yaml", PLAN_HEADER + 'aims:\n  - {id: A1, title: "\\ud83d\\ude00"}\n'),
        "invalid Unicode character escape",
        4,
    ),
]


def _limit_memory() -> None:  # runs in the child before exec
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_cli(case: Case, tmp_path: Path):
    path = case.make(tmp_path)
    # (the timeout stops a run that hangs; the limits each case meets are seen in its message)
    out = subprocess.run(
        [*og_command(), "check", str(path), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=TIME_LIMIT,
        preexec_fn=_limit_memory,
    )
    assert "Traceback" not in out.stderr, out.stderr[-2000:]
    assert not (tmp_path / "pwned").exists() and not Path("pwned").exists()
    if case.valid:
        assert out.returncode in (0, 1), out.stderr[-2000:]
        return
    assert out.returncode == 2, (out.returncode, out.stderr[-2000:])
    first = out.stderr.splitlines()[0]
    assert first.startswith(f"error: {path}"), first
    if case.line is not None:
        assert first.startswith(f"error: {path}:{case.line}:"), first
    assert case.needle in out.stderr, out.stderr[-2000:]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_api(case: Case, tmp_path: Path):
    path = case.make(tmp_path)
    if case.valid:
        og.check(og.load(path))
        return
    with pytest.raises(PlanError) as info:
        og.load(path)
    err = info.value
    assert err.file == str(path)
    if case.line is not None:
        assert err.line == case.line, str(err)
    assert case.needle in str(err)


def test_size_limit_is_configurable(tmp_path: Path):
    path = tmp_path / "p.yaml"
    path.write_text(PLAN_HEADER + "milestones:\n  - {id: M1, title: " + "x" * 5000 + "}\n")
    with pytest.raises(PlanError, match="limit"):
        og.load(path, max_bytes=1000)
    out = subprocess.run(
        [*og_command(), "check", str(path), "--max-bytes", "1000"], capture_output=True, text=True
    )
    assert out.returncode == 2 and "limit" in out.stderr
    assert og.load(path).id == "t"


def test_the_default_limit_is_32_mb_and_a_limit_of_one_byte_is_a_limit(tmp_path: Path):
    # (32 MB as the documentation counts it, 32 x 1024 x 1024 bytes: one byte more is refused)
    path = tmp_path / "p.yaml"
    path.write_text(PLAN_HEADER + "milestones:\n  - {id: M1, title: Audit}\n")
    os.truncate(path, 32 * 1024 * 1024 + 1)
    with pytest.raises(PlanError) as info:
        og.load(path)
    assert str(info.value) == (
        f"{path}: the file is 33,554,433 bytes, over the 33,554,432-byte limit "
        "(--max-bytes changes it)"
    )
    # (1 is the smallest limit taken: a plan of more than one byte is then over it)
    with pytest.raises(PlanError, match="over the 1-byte limit"):
        og.load(PLAN_HEADER, max_bytes=1)


def test_a_plan_on_standard_input_over_the_limit_is_not_given_a_size_it_does_not_have(
    tmp_path: Path,
):
    # (standard input is read one byte past the limit: "the plan is 1,001 bytes" was that byte)
    text = PLAN_HEADER + "milestones:\n  - {id: M1, title: " + "x" * 5000 + "}\n"
    out = subprocess.run(
        [*og_command(), "check", "-", "--max-bytes", "1000"],
        capture_output=True,
        text=True,
        input=text,
        timeout=120,
    )
    assert out.returncode == 2
    assert (
        out.stderr
        == "error: <stdin>: the plan is over the 1,000-byte limit (--max-bytes changes it)\n"
    )


@pytest.mark.parametrize("kind", ["yaml", "xlsx", "stdin"])
def test_a_limit_far_beyond_the_input_reads_it(tmp_path: Path, kind: str):
    # (a read of the whole limit at once overflowed, or asked for a terabyte, on a small file)
    path = tmp_path / "p.yaml"
    path.write_text(
        PLAN_HEADER + "milestones:\n  - {id: M1, title: Audit, lead: SILS, timescale: June 11}\n"
    )
    huge = str(10**23)
    if kind == "xlsx":
        og.convert_plan(path, tmp_path / "p.xlsx")
        path = tmp_path / "p.xlsx"
    assert og.load(path, max_bytes=10**23).id == "t"
    args = ["-", "--stdin-filename", str(path)] if kind == "stdin" else [str(path)]
    out = subprocess.run(
        [*og_command(), "check", *args, "--max-bytes", huge],
        capture_output=True,
        text=True,
        input=path.read_text() if kind == "stdin" else None,
        timeout=120,
        preexec_fn=_limit_memory,
    )
    assert out.returncode in (0, 1), out.stderr
    assert out.stdout.splitlines()[-1].startswith("t: ")


def test_inputs_are_never_modified(tmp_path: Path):
    from .conftest import MODELS

    path = tmp_path / "plan.yaml"
    original = (MODELS / "thurrock-cypp-2011-12.yaml").read_bytes()
    path.write_bytes(original)
    mtime = path.stat().st_mtime_ns
    for args in (
        ["check", str(path)],
        ["check", str(path), "--format", "sarif"],
        ["check", str(path), "-o", str(path)],
    ):
        subprocess.run([*og_command(), *args], capture_output=True, text=True)
    assert path.read_bytes() == original and path.stat().st_mtime_ns == mtime


def test_findings_are_byte_for_byte_deterministic(tmp_path: Path):
    from .conftest import MODELS

    plan = tmp_path / "synthetic.yaml"
    made = subprocess.run(
        [*og_command(), "synth", "3000", "--seed", "7", "-o", str(plan)], capture_output=True
    )
    assert made.returncode == 0, made.stderr
    plans = [*sorted(str(p) for p in MODELS.glob("*.yaml")), str(plan)]

    def run(fmt: str, seed: str) -> bytes:
        # (each process its own hash seed, so nothing may follow the order of a set of texts)
        done = subprocess.run(
            [*og_command(), "check", *plans, "--format", fmt, "--fail-on", "never"],
            capture_output=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    for fmt in ("json", "sarif"):
        assert run(fmt, "0") == run(fmt, "25") == run(fmt, "random")


@pytest.mark.parametrize("signal_name", ["SIGTERM", "SIGKILL"])
def test_a_render_killed_mid_way_leaves_the_existing_output(signal_name: str, tmp_path: Path):
    import signal

    plan = tmp_path / "big.json"
    done = subprocess.run(
        [*og_command(), "synth", "15000", "-o", str(plan), "--format", "json"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    target = tmp_path / "model.svg"
    target.write_text("<svg>the board's copy</svg>")
    proc = subprocess.Popen(
        [*og_command(), "render", str(plan), "-o", str(target), "--milestones"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        time.sleep(3)
        assert proc.poll() is None, "the render finished before it could be interrupted"
        proc.send_signal(getattr(signal, signal_name))
        _out, err = proc.communicate(timeout=60)
    finally:  # a `dot` child orphaned by SIGKILL must not go on using the machine
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    assert proc.returncode != 0
    assert target.read_text() == "<svg>the board's copy</svg>"
    assert "Traceback" not in err
    if signal_name == "SIGTERM":  # unwinds: no temporary file is left behind
        assert sorted(p.name for p in tmp_path.iterdir()) == ["big.json", "model.svg"]


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="reads process states from /proc")
@pytest.mark.parametrize("signal_name", ["SIGTERM", "SIGINT", "SIGHUP"])
def test_a_render_stopped_mid_way_stops_its_graphviz_process(signal_name: str, tmp_path: Path):
    # (the signal goes to the command alone, as `kill PID` or a job runner sends it: the `dot` it
    # started must not go on laying out a diagram nobody will read)
    import signal

    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    started = tmp_path / "dot.pid"
    fake = bin_dir / "dot"
    fake.write_text(
        f"#!/bin/sh\necho $$ > {started}.tmp && mv {started}.tmp {started}\nexec sleep 120\n"
    )
    fake.chmod(0o755)
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN_HEADER + "priorities: [{id: P1, title: Safe}]\n")
    env = {**os.environ, "PATH": os.pathsep.join([str(bin_dir), os.environ.get("PATH", "")])}
    proc = subprocess.Popen(
        [*og_command(), "render", str(plan), "-o", str(tmp_path / "model.svg")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    dot_pid = 0
    try:
        for _ in range(600):
            if started.exists():
                dot_pid = int(started.read_text())
                break
            time.sleep(0.1)
        assert dot_pid, "dot was never started"
        # (at once: `dot` runs as soon as it is forked, while the command may still be starting it)
        proc.send_signal(getattr(signal, signal_name))
        _out, err = proc.communicate(timeout=60)
        expected = {
            "SIGINT": (130, "interrupted\n"),
            "SIGTERM": (143, "terminated\n"),
            "SIGHUP": (129, "terminated\n"),
        }
        assert (proc.returncode, err) == expected[signal_name]
        assert _process_state(dot_pid) in (None, "Z"), "dot is still running"
    finally:
        proc.kill()
        proc.wait()
        if dot_pid and _process_state(dot_pid) not in (None, "Z"):
            os.kill(dot_pid, signal.SIGKILL)
    assert not (tmp_path / "model.svg").exists()


@pytest.mark.parametrize("signalled", [False, True])
def test_the_commands_signal_handlers_are_the_callers_again_when_it_returns(
    signalled: bool, monkeypatch
):
    # (a program that runs a command in its own process, as click's test runner does, keeps its
    # own SIGTERM and SIGHUP handlers: the command's unwinding is the command's alone)
    import signal

    from outcome_graph.cli import main
    from outcome_graph.commands import rules

    from .conftest import cli_runner

    def callers(signum: int, frame: object) -> None:
        raise AssertionError("the command's handler should have been called")

    during: list[object] = []

    def command(**options: object) -> None:
        during.append(signal.getsignal(signal.SIGTERM))
        if signalled:
            os.kill(os.getpid(), signal.SIGTERM)

    monkeypatch.setattr(rules.command, "callback", command)
    previous = signal.signal(signal.SIGTERM, callers)
    previous_hup = signal.signal(signal.SIGHUP, signal.SIG_DFL)
    try:
        result = cli_runner().invoke(main, ["rules"])
        after = signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGHUP)
    finally:
        signal.signal(signal.SIGTERM, previous)
        signal.signal(signal.SIGHUP, previous_hup)
    assert during and during[0] not in (callers, signal.SIG_DFL)  # the command's own, while it ran
    assert result.exit_code == (143 if signalled else 0), result.output
    assert after == (callers, signal.SIG_DFL)


def _process_state(pid: int) -> str | None:
    """A process's state letter (``R``, ``S``, ``Z``...), or ``None`` when there is none."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return None


def test_a_render_that_fails_leaves_the_existing_output(tmp_path: Path):
    from .conftest import MODELS

    target = tmp_path / "model.png"
    target.write_bytes(b"previous diagram")
    out = subprocess.run(
        [
            *og_command(),
            "render",
            str(MODELS / "thurrock-cypp-2011-12.yaml"),
            "-o",
            str(target),
            "--focus",
            "NO-SUCH-NODE",
        ],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 2 and "NO-SUCH-NODE" in out.stderr
    assert target.read_bytes() == b"previous diagram"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model.png"]


def test_a_file_that_is_not_a_plan_is_told_so(tmp_path):
    notes = tmp_path / "notes.md"
    notes.write_text("# Notes\n\n* [link](x)\n", encoding="utf-8")
    with pytest.raises(PlanError) as err:
        og.load(notes)
    assert err.value.line is not None and "invalid YAML" in str(err.value)
    assert (
        "(a .md file: is it a plan? Plans are YAML or JSON files, .xlsx workbooks, .csv files or "
        "CSV folders)" in str(err.value)
    )
    # A .yaml file with a syntax error is told only the error.
    broken = tmp_path / "plan.yaml"
    broken.write_text("* [link](x)\n", encoding="utf-8")
    with pytest.raises(PlanError) as err:
        og.load(broken)
    assert "is it a plan" not in str(err.value)


def test_rdf_is_written_not_read(tmp_path):
    ttl = tmp_path / "plan.ttl"
    ttl.write_text("@prefix og: <https://example.org/og#> .\n", encoding="utf-8")
    with pytest.raises(PlanError, match="an RDF file is written from a plan"):
        og.load(ttl)
    out = subprocess.run(
        [*og_command(), "convert", str(ttl), str(tmp_path / "back.yaml")],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 2 and "not read as one" in out.stderr and "Traceback" not in out.stderr
    assert not (tmp_path / "back.yaml").exists()


def test_a_blank_title_is_an_error_in_yaml_as_in_a_workbook(tmp_path):
    # (a converted workbook or CSV folder refuses a blank title cell: so does the YAML it came from)
    with pytest.raises(PlanError) as err:
        og.load(
            PLAN_HEADER
            + 'objectives: [{id: O1, title: ""}, {id: O2, title: "  "}, {id: O3, title: ok}]\n'
        )
    assert [(p.line, p.message) for p in err.value.problems] == [
        (3, "the title of objective O1: must not be blank"),
        (3, "the title of objective O2: must not be blank"),
    ]
    # The plan's own title may be left out, but not left blank.
    with pytest.raises(PlanError, match="the plan's title: must not be blank"):
        og.load(
            "format: outcome-graph/v1\n"
            'plan: {id: t, title: " ", period: {start: 2011-04-01, end: 2012-03-31}}\n'
        )


# (pasted from a web page, a title can be zero-width spaces, joiners and a byte order mark alone)
INVISIBLE = ["\u200b", "\u200c\u200d", " \u2060 ", "\ufeff", "\t\u200b\u200b "]


def _problems(plan_text: str) -> list[tuple[int | None, int | None, str]]:
    with pytest.raises(PlanError) as err:
        og.load(plan_text)
    return [(p.line, p.column, p.message) for p in err.value.problems]


@pytest.mark.parametrize("invisible", INVISIBLE, ids=ascii)
@pytest.mark.parametrize("escaped", [True, False], ids=["escaped", "as-is"])
def test_a_title_of_invisible_characters_alone_is_blank(invisible: str, escaped: bool):
    title = json.dumps(
        invisible, ensure_ascii=escaped
    )  # (a YAML double-quoted text: "\u200b" or the character)
    spaces = json.dumps(" " * len(invisible))
    node = PLAN_HEADER + 'objectives: [{id: O1, title: %s}, {id: O2, title: "\u200bvisible"}]\n'
    assert (
        _problems(node % title)
        == _problems(node % spaces)
        == [(3, 23, "the title of objective O1: must not be blank")]
    )
    plan = (
        "format: outcome-graph/v1\nplan: {id: t, title: %s, period: {start: 2011-04-01, end: "
        "2012-03-31}}\n"
    )
    assert (
        _problems(plan % title)
        == _problems(plan % spaces)
        == [(2, 15, "the plan's title: must not be blank")]
    )
    assert (
        og.load(node.replace("O1, title: %s", 'O1, title: "\\u200b\\u200bSafe"')).nodes["O1"].title
        == "\u200b\u200bSafe"
    )


@pytest.mark.parametrize("invisible", INVISIBLE, ids=ascii)
def test_an_id_or_group_title_of_invisible_characters_alone_is_blank(invisible: str):
    text = json.dumps(invisible)
    nodes = 'objectives: [{id: %s, title: Safe}, {id: "", title: Safer}]' % text
    groups = "groups: [{id: G1, title: %s, members: []}]" % text
    assert _problems(PLAN_HEADER + nodes + "\n" + groups + "\n") == [  # (each at its key)
        (3, nodes.index("id:") + 1, "the id of the first objective: must not be blank"),
        (3, nodes.index('id: ""') + 1, "the id of the second objective: must not be blank"),
        (4, groups.index("title:") + 1, "the title of group G1: must not be blank"),
    ]
    # (an id with something visible in it is an id, read as it shows: spaces around it dropped, and
    # a character that shows nothing left out, which a notice names)
    loaded = og.load(
        PLAN_HEADER + 'objectives: [{id: " O1 ", title: Safe}, {id: "O2\\u200b", title: Safer}]\n'
    )
    assert list(loaded.nodes) == ["O1", "O2"]
    assert [n.message for n in loaded.notices] == [
        "'O2\\u200b' holds an invisible character (U+200B ZERO WIDTH SPACE), left out: read as 'O2'"
    ]


@pytest.mark.parametrize("fmt", ["plan-csv", "plan.xlsx"])
def test_a_title_cell_of_invisible_characters_alone_is_blank(tmp_path: Path, fmt: str):
    import openpyxl

    from outcome_graph.convert import write_plan

    plan = og.load(
        "format: outcome-graph/v1\nplan: {id: t, title: Safer roads, period: {start: 2011-04-01, "
        "end: 2012-03-31}}\nobjectives: [{id: O1, title: Fewer accidents}]\n"
    )

    def load_with(title: str, plan_title: str) -> og.Plan:
        path = tmp_path / fmt
        write_plan(plan, path)
        if fmt == "plan.xlsx":
            book = openpyxl.load_workbook(path)
            for sheet, old, new in (
                ("objectives", "Fewer accidents", title),
                ("plan", "Safer roads", plan_title),
            ):
                next(
                    c for row in book[sheet].iter_rows() for c in row if c.value == old
                ).value = new
            book.save(path)
        else:
            for sheet, old, new in (
                ("objectives", "Fewer accidents", title),
                ("plan", "Safer roads", plan_title),
            ):
                csv_file = path / f"{sheet}.csv"
                csv_file.write_text(
                    csv_file.read_text(encoding="utf-8-sig").replace(old, new), encoding="utf-8-sig"
                )
        return og.load(path)

    assert load_with("Fewer accidents", "Safer roads").meta.title == "Safer roads"
    errors = []
    for blank in ("   ", *INVISIBLE):
        with pytest.raises(PlanError) as err:
            load_with(blank, "Safer roads")
        errors.append(str(err.value).replace(str(tmp_path), ""))
    assert errors[0].endswith(
        (
            "objectives!D2: the title of objective O1 is missing (the cell is blank)",
            "objectives.csv:2: column D: the title of objective O1 is missing (the cell is blank)",
        )
    )
    assert errors == errors[:1] * len(errors)
    # A blank plan title cell leaves the plan's title out (as spaces alone do).
    assert [load_with("Fewer accidents", blank).meta.title for blank in ("   ", *INVISIBLE)] == [
        None
    ] * (1 + len(INVISIBLE))


def test_a_file_of_another_kind_that_reads_as_yaml_is_asked_whether_it_is_a_plan(tmp_path):
    notes = tmp_path / "notes.md"
    notes.write_text("# Title\n\nSome text: here\n", encoding="utf-8")
    with pytest.raises(PlanError, match=r"no 'format' field.*\(a \.md file: is it a plan\?"):
        og.load(notes)


def test_a_node_may_not_have_the_plans_own_id():
    # (the plan's findings, ignore entries and position are filed under its id: a node of that id
    # would take them)
    with pytest.raises(PlanError) as err:
        og.load(
            "format: outcome-graph/v1\n"
            "plan: {id: P1, period: {start: 2011-04-01, end: 2012-03-31}}\n"
            "priorities: [{id: P1, title: Same}, {id: P2, title: Other}]\n"
        )
    assert [(p.line, p.column, p.message) for p in err.value.problems] == [
        (3, 14, "id 'P1' is the plan's own id; ids must be unique across the plan")
    ]


@pytest.mark.parametrize(
    "args",
    [
        ["check", "{long}"],
        ["render", "{long}", "-o", "{out}.svg"],
        ["report", "{long}", "-o", "{out}.html"],
        ["table", "{long}"],
        ["diff", "{long}", "{plan}"],
        ["convert", "{long}", "{out}.json"],
    ],
)
def test_a_plan_named_too_long_for_the_system_is_an_error_not_a_bug(
    args: list[str], tmp_path: Path
):
    # (a file name of 300 characters, a text pasted where a file name goes: the system refuses to
    # look it up, and the look-up the command made first raised from where no error was expected)
    long = "y" * 300 + ".yaml"
    plan = str(EXAMPLES / "tutorial-plan.yaml")
    out = subprocess.run(
        [*og_command(), *(a.format(long=long, out=tmp_path / "out", plan=plan) for a in args)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert out.returncode == 2, out.stderr
    assert out.stderr.startswith("error: yyy") and out.stderr.rstrip().endswith(
        "File name too long"
    ), out.stderr
    assert "..." in out.stderr and len(out.stderr) < 300 and "internal error" not in out.stderr
    with pytest.raises(og.PlanError, match="cannot read the file: File name too long"):
        og.load(tmp_path / long)


@pytest.mark.skipif(not os.path.exists("/proc/self/mem"), reason="reads Linux's /proc/self/mem")
def test_a_file_that_fails_to_read_says_why_in_the_system_s_words():
    # (a process's memory opens but cannot be read from its start: the reason, without errno)
    with pytest.raises(og.PlanError) as info:
        og.load(Path("/proc/self/mem"))
    assert str(info.value) == "/proc/self/mem: cannot read the file: Input/output error"
