"""Every example in the README and docs/ runs: Python blocks execute, console commands exit as a
check does (0 or 1) and print the output shown under them, YAML plans load, TOML configurations
are valid. And what the docs say of the project holds: every relative link and anchor of every
Markdown file resolves, the README counts the rules there are, the user guide names each rule under
its severity, and models/README.md counts each model's nodes and findings as they are."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
FENCE = re.compile(r"^```(\w+)\n(.*?)^```", re.MULTILINE | re.DOTALL)
# Commands that set up machines, environments or other repositories are shown, not run here.
NOT_RUN = {"make", "pip", "git", "pre-commit", "jupyter", ".", "source"}


def blocks(kind: str) -> list[tuple[str, str]]:
    out = []
    for doc in DOCS:
        for i, m in enumerate(FENCE.finditer(doc.read_text(encoding="utf-8"))):
            if m.group(1) == kind:
                out.append((f"{doc.relative_to(ROOT)}#{i}", m.group(2)))
    return out


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    """A folder that looks like the repository (models/, examples/ ...) where outputs can be
    written."""
    for name in ("models", "examples", "docs", "src"):
        (tmp_path / name).symlink_to(ROOT / name)
    return tmp_path


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["NO_COLOR"] = "1"
    return env


PY = blocks("python")
CONSOLE = blocks("console")
YAML = blocks("yaml")
TOML = blocks("toml")


def test_the_docs_have_examples():
    assert len(PY) >= 3 and len(CONSOLE) >= 5 and len(YAML) >= 4


@pytest.mark.parametrize("code", [c for _, c in PY], ids=[i for i, _ in PY])
def test_python_example_runs(code, workdir):
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=workdir,
        capture_output=True,
        text=True,
        env=_env(),
        timeout=300,
    )
    assert out.returncode == 0, out.stderr


def _commands(block: str) -> list[tuple[str, list[str]]]:
    """The commands of a console block, each with the output lines shown under it ("..." marks
    lines left out)."""
    out: list[tuple[str, list[str]]] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            out.append((line[2:].split("  #")[0].strip(), []))
        elif out and line.strip() and line.strip() != "...":
            out[-1][1].append(line.rstrip())
    return out


def test_console_blocks_are_read_as_commands_and_their_output():
    block = (
        "$ outcome-graph check a.yaml   # note\nErrors (1)\n...\n\n$ outcome-graph check b.yaml\n"
    )
    assert _commands(block) == [
        ("outcome-graph check a.yaml", ["Errors (1)"]),
        ("outcome-graph check b.yaml", []),
    ]


@pytest.mark.parametrize("block", [c for _, c in CONSOLE], ids=[i for i, _ in CONSOLE])
def test_console_example_runs(block, workdir):
    for command, shown in _commands(block):
        argv = shlex.split(command)
        if argv[0] in NOT_RUN:
            continue
        out = subprocess.run(
            command,
            shell=True,
            cwd=workdir,
            capture_output=True,
            text=True,
            env=_env(),
            timeout=300,
        )
        # (0, or 1 for a check that finds what fails it; anything else is an error)
        assert out.returncode in (0, 1) if argv[0] == "outcome-graph" else out.returncode == 0, (
            f"{command}\n{out.stderr}"
        )
        assert "Traceback" not in out.stderr
        printed = (out.stdout + out.stderr).splitlines()
        for line in shown:  # the output the docs show is the output the command gives
            assert line in printed, f"{command}: the docs show {line!r}, which it does not print"


@pytest.mark.parametrize("text", [c for _, c in YAML], ids=[i for i, _ in YAML])
def test_yaml_example_is_valid(text):
    import yaml

    data = yaml.safe_load(text)
    if isinstance(data, dict) and "format" in data:
        import outcome_graph as og

        og.load(text)  # a plan example must load
    else:
        assert data is not None


@pytest.mark.parametrize("text", [c for _, c in TOML], ids=[i for i, _ in TOML])
def test_toml_example_is_valid_configuration(text):
    import tomllib

    from outcome_graph.config import ConfigLayer

    data = tomllib.loads(text)
    if (
        "rule" in data
    ):  # (a Taplo configuration, .taplo.toml, giving the configuration's schema to files)
        assert all(
            rule["schema"]["path"].endswith(".schema.json") and rule["include"]
            for rule in data["rule"]
        )
        return
    data.pop("rule-files", None)
    layer = ConfigLayer.from_mapping(data, "example")  # (raises on any key or value it cannot take)
    assert layer.select or layer.ignore or layer.severity or layer.options or layer.fail_on, text


# --- What the docs say about the project, checked against the project -------------------------

MARKDOWN = sorted(
    p
    for p in ROOT.rglob("*.md")
    if not {".git", ".venv", "build", "node_modules"} & set(p.relative_to(ROOT).parts)
)
LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)\)|!\[[^\]]*\]\(([^)\s]+)\)")


def _anchors(path: Path) -> set[str]:
    """The anchors GitHub makes of a Markdown file's headings (lower case, punctuation dropped,
    spaces made hyphens)."""
    text = FENCE.sub("", path.read_text(encoding="utf-8"))
    out = set()
    for m in re.finditer(r"^#+\s+(.*?)\s*$", text, re.MULTILINE):
        out.add(re.sub(r"[^\w\- ]", "", m.group(1).lower()).replace(" ", "-"))
    return out


def test_anchors_are_made_as_github_makes_them(tmp_path: Path):
    page = tmp_path / "page.md"
    page.write_text(
        "# Title\n## 6. Hold a plan to new findings only\n### OG101 empty-branch\n```yaml\n"
        "# not: a heading\n```\n"
    )
    assert _anchors(page) == {"title", "6-hold-a-plan-to-new-findings-only", "og101-empty-branch"}


@pytest.mark.parametrize("doc", MARKDOWN, ids=[str(p.relative_to(ROOT)) for p in MARKDOWN])
def test_relative_links_and_anchors_resolve(doc: Path):
    text = FENCE.sub("", doc.read_text(encoding="utf-8"))
    text = re.sub(r"`[^`\n]*`", "", text)  # (a link written as code is not a link)
    broken = []
    for m in LINK.finditer(text):
        link = m.group(1) or m.group(2)
        if re.match(r"[a-z][a-z0-9+.-]*:", link):  # https:, mailto: ...
            continue
        path, _, anchor = link.partition("#")
        target = (doc.parent / path) if path else doc
        if not target.exists():
            broken.append(f"{link}: no such file")
        elif anchor and target.suffix == ".md" and anchor not in _anchors(target):
            broken.append(f"{link}: no heading makes the anchor #{anchor}")
    assert not broken, f"{doc.relative_to(ROOT)}: {broken}"


_NUMBERS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen".split()
    )
}
_TENS = {
    w: 10 * i
    for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split())
    if w != "_"
}


def _number(words: str) -> int:
    """'Thirty-two' -> 32, 'six' -> 6, '32' -> 32."""
    if words.isdigit():
        return int(words)
    total = 0
    for w in words.lower().split("-"):
        total += _NUMBERS[w] if w in _NUMBERS else _TENS[w]
    return total


def test_number_words_are_read():
    assert [_number(w) for w in ("Thirty-two", "six", "40", "nineteen")] == [32, 6, 40, 19]


def test_the_readme_counts_the_built_in_rules_and_their_families():
    import outcome_graph as og

    builtin = [r for r in og.registry().values() if r.origin == "outcome_graph"]
    m = re.search(
        r"([\w-]+) rules in ([\w-]+) families", (ROOT / "README.md").read_text(encoding="utf-8")
    )
    assert m, "the README no longer says how many rules there are"
    assert (_number(m.group(1)), _number(m.group(2))) == (
        len(builtin),
        len({r.family for r in builtin}),
    )


def test_the_user_guide_gives_each_rule_under_its_default_severity():
    """'**Errors** are ... (OG103)', '**Warnings** ...', '**Info** ...': each code named in a
    bullet is a rule of that severity."""
    import outcome_graph as og

    rules = og.registry()
    text = (ROOT / "docs" / "user-guide.md").read_text(encoding="utf-8")
    seen = 0
    for heading, severity in (("Errors", "error"), ("Warnings", "warning"), ("Info", "info")):
        bullet = re.search(rf"^- \*\*{heading}\*\*(.*?)(?=^- |^$)", text, re.MULTILINE | re.DOTALL)
        assert bullet, heading
        codes = re.findall(r"\bOG\d{3}\b", bullet.group(1))
        assert codes, heading
        assert {c: str(rules[c].severity) for c in codes} == {c: severity for c in codes}
        seen += len(codes)
    assert seen >= 6


def _model_sections() -> dict[str, str]:
    """models/README.md: each model's file name -> its section's text."""
    text = (ROOT / "models" / "README.md").read_text(encoding="utf-8")
    files = sorted(p.name for p in (ROOT / "models").glob("*.yaml"))
    sections = re.split(r"^## ", text, flags=re.MULTILINE)[1:]
    out = {}
    for name in files:
        place = name.split("-")[0]
        found = [s for s in sections if s.lower().startswith(place)]
        assert len(found) == 1, f"models/README.md has no one section for {name}"
        out[name] = found[0]
    return out


@pytest.mark.parametrize("name", sorted(_model_sections()))
def test_the_models_readme_counts_each_models_findings(name: str):
    """The table of a model's section (| OG602 polarity-conflict | 1 | ...) gives every rule with
    findings on the model, and how many."""
    import outcome_graph as og

    stated = {
        code: int(n)
        for code, n in re.findall(
            r"^\| (OG\d{3}) [\w-]+ \| (\d+) \|", _model_sections()[name], re.MULTILINE
        )
    }
    found: dict[str, int] = {}
    for f in og.check(og.load(ROOT / "models" / name)).findings:
        found[f.rule] = found.get(f.rule, 0) + 1
    assert stated == found


_KINDS = {
    "vision": "vision",
    "priorities": "priority",
    "pillars": "priority",
    "themes": "priority",
    "aims": "aim",
    "commitments": "aim",
    "strategic objectives": "aim",
    "objectives": "objective",
    "benefits": "objective",
    "targets": "objective",
    "milestones": "milestone",
    "actions": "milestone",
    "strategic actions": "milestone",
    "indicators": "indicator",
}


@pytest.mark.parametrize("name", sorted(_model_sections()))
def test_the_models_readme_counts_each_models_nodes(name: str):
    """The models table's 'nodes' cell (4 pillars, 12 aims ...) says how many nodes of each kind
    the model has, in the plan's own words for its levels."""
    import outcome_graph as og

    row = next(
        line
        for line in (ROOT / "models" / "README.md").read_text(encoding="utf-8").splitlines()
        if line.startswith(f"| [`{name}`]")
    )
    cell = row.split(" | ")[2]
    stated: dict[str, int] = {}
    for part in re.split(r", (?![^()]*\))", cell):  # (not at the commas inside brackets)
        m = re.fullmatch(r"(?:(\d+) )?([a-z -]+?)(?: \(.*\))?", part)
        if m and m.group(2) in _KINDS:
            stated[_KINDS[m.group(2)]] = int(m.group(1) or 1)
    plan = og.load(ROOT / "models" / name)
    found: dict[str, int] = {}
    for node in plan.nodes.values():
        found[node.kind] = found.get(node.kind, 0) + 1
    assert stated == found, cell


@pytest.mark.parametrize(
    "plan", ["models/southend-cypp-2008-09.yaml", "examples/tutorial-plan.yaml"]
)
def test_the_findings_table_example_runs_as_the_readme_says(plan: str, workdir: Path):
    import outcome_graph as og

    script = ROOT / "examples" / "findings_table.py"
    out = subprocess.run(
        [sys.executable, str(script), plan],
        cwd=workdir,
        capture_output=True,
        text=True,
        env=_env(),
        timeout=300,
    )
    report = og.check(og.load(ROOT / plan))
    assert out.returncode == report.exit_code, out.stderr
    assert f"{len(report.findings)} findings" in out.stdout.splitlines()[0]


def test_the_findings_table_example_stops_quietly_when_its_reader_goes(workdir: Path):
    # (`python examples/findings_table.py | head -1` printed a BrokenPipeError traceback)
    import outcome_graph as og

    script = ROOT / "examples" / "findings_table.py"
    proc = subprocess.Popen(
        [sys.executable, str(script)],
        cwd=workdir,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(),
    )
    assert proc.stdout is not None
    proc.stdout.close()  # (before the script has written anything)
    _out, err = proc.communicate(timeout=300)
    assert err == ""
    assert (
        proc.returncode
        == og.check(og.load(ROOT / "models" / "thurrock-cypp-2011-12.yaml")).exit_code
    )


def test_the_code_map_names_every_package_and_top_level_module():
    text = (ROOT / "docs" / "development.md").read_text(encoding="utf-8")
    table = text[text.index("# How the code is organised") :]
    src = ROOT / "src" / "outcome_graph"
    packages = sorted(
        str(p.parent.relative_to(src)) + "/" for p in src.rglob("__init__.py") if p.parent != src
    )
    modules = sorted(p.name for p in src.glob("*.py") if not p.name.startswith("__"))
    missing = [name for name in packages + modules if f"{name}`" not in table]
    assert not missing, f"docs/development.md's 'How the code is organised' does not name {missing}"


def test_the_readme_lists_every_page_of_the_documentation():
    """The README's "Documentation" list is the way into docs/: a page it does not link is a page
    nobody finds."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## Documentation") :]
    section = section[: section.index("\n## ", 1)]
    linked = {m.group(1) for m in LINK.finditer(section) if m.group(1)}
    missing = [
        f"docs/{p.name}"
        for p in sorted((ROOT / "docs").glob("*.md"))
        if f"docs/{p.name}" not in linked
    ]
    assert not missing, f"the README's Documentation list does not link {missing}"
