"""Hostile plan text: what a plan written to attack the tool, or the people and systems reading
its output, gets out of it. Each test is an attack that once worked."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import outcome_graph as og

from .conftest import PLAN_HEADER, work_of

# Escape sequences a terminal obeys: set the window title (OSC 0), a hidden link (OSC 8), clear
# the screen (CSI 2J), and a C1 CSI; none of them may reach the terminal as written.
TERMINAL_ATTACKS = ["\x1b]0;pwned\x07", "\x1b]8;;http://evil.example/\x1b\\", "\x1b[2J", "\x9b2J"]


def _yaml_escaped(text: str) -> str:
    return "".join(
        ch if ch.isprintable() else f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}"
        for ch in text
    )


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "outcome_graph", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_findings_show_terminal_escapes_in_plan_text_as_escapes(
    tmp_path: Path, cli_env: dict[str, str]
) -> None:
    attack = "".join(TERMINAL_ATTACKS)
    (tmp_path / "p.yaml").write_text(
        PLAN_HEADER + "owners: [{id: HSI, name: Head}]\nmilestones:\n"
        f'  - {{id: M1, title: t, timescale: "{_yaml_escaped(attack)}June 11", '
        f'lead: "Nobody{_yaml_escaped(attack)}"}}\n',
        encoding="utf-8",
    )
    for extra in ([], ["--color"]):
        result = _run(["check", "p.yaml", *extra], tmp_path, cli_env)
        assert result.returncode == 0, result.stderr
        assert "OG304" in result.stdout and "OG401" in result.stdout
        for seq in TERMINAL_ATTACKS:
            assert seq not in result.stdout
        assert "\\x1b]0;pwned\\x07" in result.stdout and "\\x9b2J" in result.stdout


def test_error_messages_show_terminal_escapes_in_plan_text_as_escapes(
    tmp_path: Path, cli_env: dict[str, str]
) -> None:
    attack = "".join(TERMINAL_ATTACKS)
    (tmp_path / "p.yaml").write_text(
        PLAN_HEADER
        + f'milestones: [{{id: M1, title: t, due: "2011{_yaml_escaped(attack)}-13-45"}}]\n',
        encoding="utf-8",
    )
    result = _run(["check", "p.yaml"], tmp_path, cli_env)
    assert result.returncode == 2
    assert "not a valid due value" in result.stderr
    for seq in TERMINAL_ATTACKS:
        assert seq not in result.stderr
    assert "2011\\x1b]0;pwned\\x07" in result.stderr


def test_a_long_lead_is_resolved_with_work_growing_with_its_length() -> None:
    """A lead cell holding 100 kB (a pasted paragraph, or a file made to be slow) took minutes:
    the separators were matched afresh at every space of a long run, and each part joined to the
    name before it re-read the whole name. The work is counted (the time is the benchmark's)."""
    from outcome_graph.analysis.owners import OwnerIndex, OwnerSpec, split_lead
    from outcome_graph.analysis.owners.fragments import _SEP_RE

    def resolve(lead: str) -> tuple[list[str], list[object]]:
        return split_lead(lead), list(OwnerIndex([OwnerSpec("H", "Head of X", ())]).resolve(lead))

    for unit in ("a, ", "Manager, ", "x" + " " * 40, "Head of X and ", "(a), "):
        (parts, resolved), work = work_of(resolve, unit * (1000 // len(unit)) + "end")
        assert parts and resolved
        _, work_4x = work_of(resolve, unit * (4000 // len(unit)) + "end")
        # (a lead x4 as long: about x4 the work; re-reading the name at each part is x16)
        assert work_4x.lines < 6 * work.lines and work_4x.chars < 6 * work.chars, (
            unit,
            work,
            work_4x,
        )
        parts, resolved = resolve(unit * (100_000 // len(unit)) + "end")
        assert parts and resolved
    # A separator is matched from where a run of spaces starts, never from a space inside it: tried
    # at each of them, it read the rest of the run each time.
    lead = "Head of X" + " " * 50 + ", Manager"
    assert [i for i in range(len(lead)) if _SEP_RE.match(lead, i)] == [len("Head of X")]


def test_a_lead_of_a_few_owners_is_still_cut_into_them() -> None:
    from outcome_graph.analysis.owners import split_lead

    heads = [f"Head of Service {i}" for i in range(30)]
    assert split_lead(", ".join(heads)) == heads
    assert split_lead("  Head of A   and   Head of B  ") == ["Head of A", "Head of B"]


def test_a_huge_catalogue_file_beside_the_plan_is_refused_unread(
    tmp_path: Path, cli_env: dict[str, str]
) -> None:
    """A catalogue's entries file was read whole, whatever its size: a plan folder holding a
    multi-gigabyte ``entries`` file ran the machine out of memory."""
    (tmp_path / "p.yaml").write_text(
        PLAN_HEADER + "catalogues: [{prefix: CSC, title: Local, entries: big.csv}]\n",
        encoding="utf-8",
    )
    with (tmp_path / "big.csv").open("wb") as fh:
        fh.write(b"code,title,ecm_outcome\n")
        fh.truncate(3 * 1024**3)  # (sparse: no disk used)
    result = _run(["check", "p.yaml"], tmp_path, cli_env)
    assert result.returncode == 2
    assert "p.yaml:3" in result.stderr and "big.csv: over the 32 MB limit" in result.stderr


def test_a_pipe_named_like_a_configuration_beside_the_plan_is_refused(
    tmp_path: Path, cli_env: dict[str, str]
) -> None:
    """A FIFO named ``outcome-graph.toml`` in a plan's folder (a folder from elsewhere) made every
    check of the plan wait forever for a writer, in CI as at a desk."""
    import os

    (tmp_path / "p.yaml").write_text(PLAN_HEADER, encoding="utf-8")
    os.mkfifo(tmp_path / "outcome-graph.toml")
    result = _run(["check", "p.yaml"], tmp_path, cli_env)  # (the timeout fails a run that waits)
    assert result.returncode == 2
    assert "outcome-graph.toml: is not a regular file" in result.stderr


def test_diff_shows_terminal_escapes_in_plan_text_as_escapes(
    tmp_path: Path, cli_env: dict[str, str]
) -> None:
    attack = _yaml_escaped("".join(TERMINAL_ATTACKS))
    for name, title in (("old.yaml", "Safe schools"), ("new.yaml", f"Safe schools{attack}")):
        (tmp_path / name).write_text(
            PLAN_HEADER + f'aims: [{{id: A1, title: "{title}"}}]\n', encoding="utf-8"
        )
    result = _run(["diff", "old.yaml", "new.yaml", "--no-findings"], tmp_path, cli_env)
    assert result.returncode == 0, result.stderr
    assert "A1" in result.stdout
    for seq in TERMINAL_ATTACKS:
        assert seq not in result.stdout
    assert '"Safe schools\\x1b]0;pwned\\x07' in result.stdout


def test_junit_xml_stays_well_formed_with_noncharacters_in_plan_text(
    tmp_path: Path, cli_env: dict[str, str]
) -> None:
    """U+FFFF and U+FFFE (which JSON and YAML escapes can write) were copied into the JUnit XML,
    which no XML parser then accepted."""
    from xml.etree import ElementTree as ET

    (tmp_path / "p.json").write_text(
        '{"format": "outcome-graph/v1", "plan": {"id": "x", "period": {"start": "2011-04-01", '
        '"end": "2012-03-31"}},\n "milestones": [{"id": "M1", "title": "a", "lead": "L", '
        '"timescale": "Whenever\\uffff\\ufffe\\u0001"}]}\n',
        encoding="utf-8",
    )
    result = _run(["check", "p.json", "--format", "junit", "-o", "out.xml"], tmp_path, cli_env)
    assert result.returncode == 0, result.stderr
    root = ET.parse(tmp_path / "out.xml").getroot()
    text = " ".join(e.text or "" for e in root.iter("system-out"))
    assert "Whenever\ufffd\ufffd\ufffd" in text


def test_a_pipe_among_the_csv_files_of_a_plan_folder_is_refused(
    tmp_path: Path, cli_env: dict[str, str]
) -> None:
    # (its sheet was left out without a word: a plan
    # folder with a FIFO for milestones.csv lost them)
    import os

    from outcome_graph.convert import write_plan

    folder = tmp_path / "plan-csv"
    write_plan(
        og.load(
            PLAN_HEADER + "priorities: [{id: P1, title: Safe}]\n"
            "milestones: [{id: M1, title: Audit, parent: P1}]\n"
        ),
        folder,
        to="csv",
    )
    (folder / "milestones.csv").unlink()
    os.mkfifo(folder / "milestones.csv")
    result = _run(["check", str(folder)], tmp_path, cli_env)  # (the timeout fails a run that waits)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "milestones.csv: not a regular file" in result.stderr


def test_findings_show_bidirectional_overrides_in_plan_text_as_escapes(
    tmp_path: Path, cli_env: dict[str, str]
) -> None:
    # A right-to-left override shows the rest of the line reversed ("Trojan Source"): a title
    # could make a finding read as something else.
    (tmp_path / "p.yaml").write_text(
        PLAN_HEADER + "milestones:\n  - {id: M1, title: Audit, timescale: June 11}\n"
        '  - {id: M2, title: "Review \\u202e\\u2066KO\\u2069"}\n',
        encoding="utf-8",
    )
    result = _run(["check", "p.yaml", "--select", "OG401"], tmp_path, cli_env)
    assert "OG401" in result.stdout, result.stdout + result.stderr
    assert "\u202e" not in result.stdout and "\u2066" not in result.stdout
    assert "Review \\u202e\\u2066KO\\u2069" in result.stdout


def test_an_infinite_number_in_a_formatted_cell_of_a_workbook_is_read_not_a_crash(
    tmp_path: Path, cli_env: dict[str, str]
) -> None:
    """A cell storing 1e400 (past a float's range, which reads as infinity; a file made to break
    the reader) under the format ``0.00`` stopped every command with an internal error: the
    digits the format shows were worked out for a number that has none."""
    import io
    import zipfile

    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.title = "plan"
    wb["plan"].append(["format", "id", "period.start", "period.end"])
    wb["plan"].append(["outcome-graph/v1", "p", "2011-04-01", "2012-03-31"])
    ws = wb.create_sheet("milestones")
    ws.append(["id", "title", "timescale", "number"])
    ws.append(["M1", "Audit", "June 2011", 123456789])
    ws["D2"].number_format = "0.00"
    buffer = io.BytesIO()
    wb.save(buffer)
    with zipfile.ZipFile(buffer) as zf, zipfile.ZipFile(tmp_path / "plan.xlsx", "w") as out:
        for name in zf.namelist():
            out.writestr(name, zf.read(name).replace(b"<v>123456789</v>", b"<v>1e400</v>"))
    result = _run(["check", "plan.xlsx"], tmp_path, cli_env)
    assert result.returncode == 2, result.stderr
    assert (
        "plan.xlsx:milestones!D2: the number of milestone M1: 'inf' is not a number as a plan "
        "prints one" in result.stderr
    )


def test_a_table_claiming_endless_totals_rows_is_read_in_time(
    tmp_path: Path, cli_env: dict[str, str]
) -> None:
    """An Excel table's count of totals rows is read from the file: one claiming 2**40 of them
    (in a file made to stall the reader) was walked row by row, every row of them, and one claiming
    more rows than the table holds skipped its header row too. Only cells that exist are looked
    at, and never the header row."""
    import io
    import re
    import zipfile

    import openpyxl
    from openpyxl.worksheet.table import Table

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Plan"
    for row in (
        ["Objective", "Key milestones", "By when"],
        ["Fewer accidents", "Audit", "June 2011"],
        ["Fewer accidents", "Publish", "Sept 2011"],
        ["Total", 2, None],
    ):
        ws.append(row)
    ws.add_table(Table(displayName="Actions", ref="A1:C4", totalsRowCount=1))
    buffer = io.BytesIO()
    wb.save(buffer)
    for count, titles in (
        (2**40, "no rows with a priority"),
        (3, "no rows with a priority"),
        (1, '"title": "Publish"'),
    ):
        with (
            zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as zf,
            zipfile.ZipFile(tmp_path / "plan.xlsx", "w") as out,
        ):
            for name in zf.namelist():
                data = zf.read(name)
                if name.startswith("xl/tables/"):
                    data = re.sub(
                        rb'totalsRowCount="\d+"', f'totalsRowCount="{count}"'.encode(), data
                    )
                out.writestr(name, data)
        result = _run(
            ["convert", "plan.xlsx", "-", "--to", "json", "--period", "2011-04-01..2012-03-31"],
            tmp_path,
            cli_env,
        )  # (the timeout fails a run that walks the rows)
        assert "Traceback" not in result.stderr
        assert titles in result.stdout + result.stderr, (count, result.stderr)
        if count == 1:
            assert result.returncode == 0 and '"title": "Total"' not in result.stdout
        else:
            # (every row below the header is a totals row, as the file says; the header is not one)
            assert result.returncode == 2 and "the sheet has a header but" in result.stderr


def test_a_sheet_whose_last_cell_lies_far_from_the_others_is_read_through_the_cells_it_has(
    tmp_path: Path, cli_env: dict[str, str]
) -> None:
    """One stray cell at XFD1048576, the last cell of a sheet (or a CSV file's last line far
    out to the right), made every row be looked at in every column up to it: 17 billion cells,
    and a check that never ended. A row is now looked at through the cells it has: the work,
    counted (the time is the benchmark's), grows with the rows, not with rows times columns."""
    import openpyxl

    def flat_xlsx(rows: int, columns: int) -> Path:
        book = openpyxl.Workbook()
        book.active.title = "Plan"
        book.active.append(["Objective", "Key milestones", "By when"])
        book.active.append(["Fewer accidents", "Audit", "June 2011"])
        book.active.cell(row=rows, column=columns, value="x")
        book.save(path := tmp_path / f"flat-{rows}.xlsx")
        return path

    def flat_csv(rows: int, columns: int) -> Path:
        path = tmp_path / f"flat-{rows}.csv"
        path.write_text(
            "Objective,Key milestones,By when\nFewer accidents,Audit,June 2011\n"
            + "\n" * rows
            + "," * columns
            + "x\n",
            encoding="utf-8",
        )
        return path

    def many_xlsx(rows: int, columns: int) -> Path:  # (a cell in the last column of each row)
        book = openpyxl.Workbook()
        book.active.title = "Plan"
        book.active.append(["Objective", "Key milestones", "By when"])
        for r in range(2, rows + 2):
            book.active.cell(row=r, column=columns, value="x")
        book.active.append(["Fewer accidents", "Audit", "June 2011"])
        book.save(path := tmp_path / f"many-{rows}.xlsx")
        return path

    og.load(
        flat_xlsx(8, 8), period="2011-04-01..2012-03-31"
    )  # (the modules a workbook needs, imported)
    for make, rows, columns in ((flat_xlsx, 256, 256), (flat_csv, 250, 250), (many_xlsx, 94, 256)):
        plan, work = work_of(og.load, make(rows, columns), period="2011-04-01..2012-03-31")
        _, work_4x = work_of(og.load, make(4 * rows, 4 * columns), period="2011-04-01..2012-03-31")
        # (x4 the rows and the columns: about x4 the
        # work, or less; every column of every row is x16)
        assert len(plan.nodes) == 2 and work_4x.lines < 6 * work.lines, (
            make.__name__,
            work,
            work_4x,
        )

    flat = openpyxl.Workbook()
    flat.active.title = "Plan"
    flat.active.append(["Objective", "Key milestones", "By when"])
    flat.active.append(["Fewer accidents", "Audit", "June 2011"])
    flat.active["XFD1048576"] = "x"
    flat.save(tmp_path / "flat.xlsx")
    per_level = openpyxl.Workbook()
    per_level.active.title = "plan"
    per_level.active.append(["format", "id", "period.start", "period.end"])
    per_level.active.append(["outcome-graph/v1", "p", "2011-04-01", "2012-03-31"])
    milestones = per_level.create_sheet("milestones")
    milestones.append(["id", "title", "timescale"])
    milestones.append(["M1", "Audit", "June 11"])
    milestones["XFD1048576"] = "x"
    per_level.save(tmp_path / "per-level.xlsx")
    (tmp_path / "flat.csv").write_text(
        "Objective,Key milestones,By when\nFewer accidents,Audit,June 2011\n"
        + "\n" * 100_000
        + "," * 100_000
        + "x\n",
        encoding="utf-8",
    )
    # (and many rows, each with a cell in the last column: every row was compared with the header
    # and looked at for a heading across the table in every column)
    many = openpyxl.Workbook()
    many.active.title = "Plan"
    many.active.append(["Objective", "Key milestones", "By when"])
    for r in range(2, 6002):
        many.active.cell(row=r, column=16384, value="x")  # (took 50 s)
    many.active.append(["Fewer accidents", "Audit", "June 2011"])
    many.save(tmp_path / "many.xlsx")
    for name in ("flat.xlsx", "flat.csv", "many.xlsx"):
        result = _run(
            ["check", name, "--period", "2011-04-01..2012-03-31"], tmp_path, cli_env
        )  # (60 s timeout)
        assert result.returncode == 0, result.stderr
        assert "OG201" in result.stdout
    result = _run(["check", "per-level.xlsx"], tmp_path, cli_env)
    # (the stray cell's row is an item with no title, at its row)
    assert (
        result.returncode == 2
        and "per-level.xlsx:milestones!B1048576: the title of milestone M2 is missing"
        in result.stderr
    )


def test_a_plan_saved_with_windows_line_endings_under_a_long_comment_is_read_in_time(
    tmp_path: Path, cli_env: dict[str, str]
) -> None:
    """A plan saved on Windows (each line ending in CR LF) that opens with a block of comments was
    read in time growing twice with every comment line: the search for a leading '---' could end
    a comment either before its CR or after it, and tried both for every line (Thurrock's model,
    saved so, did not load in twelve minutes). It is read as the same plan, with the same findings
    at the same lines and columns."""
    plan = (
        "".join(f"# note {i}: who wrote what, and when\n" for i in range(60))
        + PLAN_HEADER
        + (
            "priorities:\n  - id: P1\n    title: Safe\n    objectives:\n"
            "      - {id: P1.O1, title: Audit, lead: ''}\n"
        )
    )
    (tmp_path / "lf.yaml").write_bytes(plan.encode())
    (tmp_path / "crlf.yaml").write_bytes(plan.replace("\n", "\r\n").encode())
    results = [
        _run(
            ["check", name, "--format", "json"], tmp_path, cli_env
        )  # (the timeout fails a slow read)
        for name in ("lf.yaml", "crlf.yaml")
    ]
    import json

    found = []
    for result in results:
        assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
        found.append(
            [
                (f["rule"], f["node"], f["location"]["line"], f["location"]["column"])
                for f in json.loads(result.stdout)["findings"]
            ]
        )
    assert found[0] == found[1] and ("OG301", "P1.O1", 67, 9) in found[0], found


def test_a_title_and_variant_of_thousands_of_acronyms_are_compared_in_time(
    tmp_path: Path, cli_env: dict[str, str]
) -> None:
    """A title of 6,700 acronyms ("SM SM SM ...") and a variant of as many took minutes to compare:
    every acronym of one was looked for at every word of the other. Each acronym is now looked
    for once, from the words its letter starts, within a bound."""
    for unit in ("SM ", "NI 1 ", "(SM) ", "SAB SAC SAD SAE SAF "):
        text = (unit * (20_000 // len(unit))).strip()
        (tmp_path / "plan.yaml").write_text(
            PLAN_HEADER.replace("period:", "views: [detail, summary], period:")
            + "priorities:\n  - id: P1\n"
            f"    title: '{text}'\n    variants: [{{text: '{text[::-1]}', where: summary}}]\n",
            encoding="utf-8",
        )
        result = _run(
            ["check", "plan.yaml", "--select", "OG6", "--format", "json"], tmp_path, cli_env
        )
        assert result.returncode in (0, 1) and "Traceback" not in result.stderr, (
            unit,
            result.stderr,
        )
        assert "OG601" in result.stdout, unit  # (the two wordings differ: the check still says so)


def test_the_acronym_search_finds_what_looking_everywhere_finds() -> None:
    """Looking for each acronym once, from the words its first letter starts, finds exactly the
    acronyms and words that trying every acronym at every word finds."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from outcome_graph.analysis import wording

    def everywhere(short: list, long: list) -> tuple[set[str], set[str]]:
        long_norms = {t.norm for t in long if t.norm}
        acronyms: set[str] = set()
        covered: set[str] = set()
        words = [t for t in long if t.norm]
        for t in short:
            if not 2 <= len(t.acronym) <= 8 or t.norm in long_norms:
                continue
            for i, first in enumerate(words):
                if first.function:
                    continue
                for j in range(i + 1, min(len(words), i + 2 * len(t.acronym) + 2)):
                    run = words[i : j + 1]
                    if run[-1].function or any(x.clause != first.clause for x in run):
                        continue
                    if wording._initials_reach(run, t.acronym):
                        acronyms.add(t.norm)
                        covered.update(x.norm for x in run if not x.function)
        return acronyms, covered

    words = st.sampled_from(
        [
            "Special",
            "Educational",
            "Needs",
            "and",
            "of",
            "the",
            "Looked",
            "After",
            "Children",
            "SEN",
            "LAC",
            "SENCO",
            "Service",
            "Manager",
            "SM",
            "School",
            "&",
            "Young",
            "People",
            "YP",
            "CYP",
            "Team",
            "Offending",
            "YOS",
            "for",
            "in",
        ]
    )

    @given(st.lists(words, max_size=14).map(" ".join), st.lists(words, max_size=14).map(" ".join))
    @settings(max_examples=400, deadline=None)
    def agree(a: str, b: str) -> None:
        short, long = wording._tokens(a), wording._tokens(b)
        assert wording._expanded_acronyms(short, long) == everywhere(short, long)

    agree()


def test_a_chain_of_parents_thousands_long_written_child_first_is_read_by_every_command(
    tmp_path: Path, cli_env: dict[str, str]
) -> None:
    """A chain of 3,000 objectives, each the parent of the next, written child first (and once
    more closed into a cycle): resolving outcomes up it went 3,000 calls deep, past Python's
    limit, and every command that reads outcomes stopped with an internal error."""
    import json

    for closed in (False, True):
        objectives = [
            {"id": f"O{i}", "title": f"Objective {i}", "parent": f"O{i - 1}" if i else "P1"}
            for i in reversed(range(3000))
        ]
        if closed:
            objectives[-1]["parents"] = ["O2999"]
        plan = {
            "format": "outcome-graph/v1",
            "plan": {"id": "c", "period": {"start": "2011-04-01", "end": "2012-03-31"}},
            "priorities": [{"id": "P1", "title": "Safe", "outcomes": ["stay_safe"]}],
            "objectives": objectives,
            "milestones": [
                {"id": "M1", "title": "Audit", "parent": "O2999", "timescale": "June 2011"}
            ],
        }
        (tmp_path / "chain.json").write_text(json.dumps(plan), encoding="utf-8")
        for args in (
            ["check", "chain.json"],
            ["table", "chain.json", "--what", "milestones", "--columns", "id,priority,objective"],
            ["render", "chain.json", "--outcome", "stay_safe", "-o", "chain.dot"],
            ["report", "chain.json", "--no-diagram", "-o", "chain.html"],
        ):
            result = _run(args, tmp_path, cli_env)
            assert result.returncode in (0, 1) and "Traceback" not in result.stderr, (
                args,
                result.stderr[-500:],
            )
        table = _run(
            ["table", "chain.json", "--what", "milestones", "--columns", "id,priority,objective"],
            tmp_path,
            cli_env,
        )
        assert table.stdout.split() == ["id", "priority", "objective", "M1", "P1", "O2999"], (
            table.stdout
        )
