"""What a packager gets: the sdist and the wheel built from it, and an optional extra left out.

The distributions are built as ``python -m build`` builds them (the sdist first, the wheel from the
unpacked sdist), through setuptools' build backend without an isolated environment, from a copy of
the project so that the source tree is left as it was.
"""

from __future__ import annotations

import email
import os
import re
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from .conftest import EXAMPLES, ROOT

pytest.importorskip("setuptools", minversion="77")

_NOT_SOURCE = {
    ".git",
    ".venv",
    "venv",
    "build",
    "dist",
    ".pytest_cache",
    ".hypothesis",
    ".mypy_cache",
    ".ruff_cache",
    "__pycache__",
}


def _ignore(folder: str, names: list[str]) -> set[str]:
    return {n for n in names if n in _NOT_SOURCE or n.endswith((".egg-info", ".pyc"))}


def _files_under(folder: Path) -> set[str]:
    return {
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.is_file()
        and not set(p.relative_to(folder).parts) & _NOT_SOURCE
        and not p.name.endswith(".pyc")
        and not any(part.endswith(".egg-info") for part in p.parts)
    }


def _backend(hook: str, cwd: Path, out: Path) -> Path:
    code = f"from setuptools import build_meta; print(build_meta.{hook}({str(out)!r}))"
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
        env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"},
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return out / done.stdout.strip().splitlines()[-1]


@pytest.fixture(scope="module")
def dists(tmp_path_factory: pytest.TempPathFactory) -> tuple[set[str], set[str], zipfile.ZipFile]:
    """The sdist's file list (without its top folder), and the wheel built from the unpacked
    sdist."""
    work = tmp_path_factory.mktemp("dist")
    project = work / "project"
    shutil.copytree(ROOT, project, ignore=_ignore, symlinks=True)
    sdist = _backend("build_sdist", project, work / "out")
    with tarfile.open(sdist) as tar:
        members = [m.name for m in tar.getmembers() if m.isfile()]
        tar.extractall(
            work / "unpacked", **({"filter": "data"} if hasattr(tarfile, "data_filter") else {})
        )
    top = f"{sdist.name.removesuffix('.tar.gz')}/"
    sdist_files = {m.removeprefix(top) for m in members}
    wheel = _backend("build_wheel", work / "unpacked" / top, work / "wheel")
    archive = zipfile.ZipFile(wheel)
    return sdist_files, set(archive.namelist()), archive


def test_the_wheel_holds_the_package_its_data_and_licences(dists):
    _, wheel, archive = dists
    package = {f"outcome_graph/{f}" for f in _files_under(ROOT / "src" / "outcome_graph")}
    assert "outcome_graph/reference/national_indicators.csv" in package
    assert "outcome_graph/py.typed" in package
    info = next(n.split("/")[0] for n in wheel if n.endswith(".dist-info/METADATA"))
    # the package and nothing else: no tests, caches or stray files beside it
    assert {n for n in wheel if not n.startswith(info)} == package
    assert {f"{info}/licenses/LICENSE", f"{info}/licenses/NOTICE"} <= wheel
    metadata = email.message_from_bytes(archive.read(f"{info}/METADATA"))
    assert metadata["License-Expression"] == "MIT"
    assert sorted(metadata.get_all("License-File")) == ["LICENSE", "NOTICE"]
    assert (
        "outcome-graph = outcome_graph.cli:run" in archive.read(f"{info}/entry_points.txt").decode()
    )
    # the reference data as the package reads it at run time
    assert (
        archive.read("outcome_graph/reference/national_indicators.csv")
        == (ROOT / "src" / "outcome_graph" / "reference" / "national_indicators.csv").read_bytes()
    )
    # the HTML report's stylesheet and script, which the page inlines
    report = "outcome_graph/output/html_report"
    for asset in ("report.css", "report.js"):
        assert f"{report}/{asset}" in wheel
        assert archive.read(f"{report}/{asset}") == (ROOT / "src" / report / asset).read_bytes()


def test_the_sdist_holds_what_its_tests_read(dists):
    sdist, _, _ = dists
    needed = {f"tests/{f}" for f in _files_under(ROOT / "tests")}
    needed |= {f"src/outcome_graph/{f}" for f in _files_under(ROOT / "src" / "outcome_graph")}
    for folder in ("models", "examples", "docs", "bench"):
        needed |= {f"{folder}/{f}" for f in _files_under(ROOT / folder)}
    needed |= {
        "README.md",
        "CHANGELOG.md",
        "SECURITY.md",
        "LICENSE",
        "NOTICE",
        "pyproject.toml",
        ".pre-commit-hooks.yaml",
    }
    assert {
        "tests/conftest.py",
        "tests/cases/structure.yaml",
        "models/thurrock-cypp-2011-12.yaml",
        "bench/shapes.ttl",
        "docs/format.md",
    } <= needed
    assert needed - sdist == set()
    assert not [
        f
        for f in sdist
        if "__pycache__" in f or f.endswith(".pyc") or f.startswith((".venv/", "build/"))
    ]


def test_the_changelog_heads_with_the_version_being_made():
    """Bumping the version means saying what it changes: the changelog's first version is the
    package's, in the project's metadata and in ``outcome_graph.__version__`` alike."""
    import tomllib

    import outcome_graph

    versions = re.findall(
        r"^## \[([^\]]+)\]", (ROOT / "CHANGELOG.md").read_text(encoding="utf-8"), re.M
    )
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert versions and versions[0] == project["version"] == outcome_graph.__version__


def test_a_missing_rdf_extra_is_named_and_nothing_is_written(tmp_path: Path, cli_env):
    target = tmp_path / "plan.ttl"
    code = "import sys; sys.modules['rdflib'] = None; from outcome_graph.cli import run; run()"
    out = subprocess.run(
        [sys.executable, "-c", code, "convert", str(EXAMPLES / "tutorial-plan.yaml"), str(target)],
        capture_output=True,
        text=True,
        env=cli_env,
        timeout=120,
    )
    assert out.returncode == 2
    assert "pip install rdflib" in out.stderr and "Traceback" not in out.stderr
    assert not target.exists() and list(tmp_path.iterdir()) == []


# --- make run / make test on a fresh Debian or Ubuntu machine ------------------------------------
def _fake_tools(tmp_path: Path, python_has_venv: bool) -> tuple[dict[str, str], Path]:
    """A PATH whose apt-get, sudo and dot are stand-ins (apt-get records what it is asked for), and
    a python3 that lacks ensurepip, as Debian's does without python3.X-venv, when asked."""
    bin_dir, log = tmp_path / "bin", tmp_path / "apt.log"
    bin_dir.mkdir()
    scripts = {
        "apt-get": f'#!/bin/sh\necho "$*" >> {log}\n',
        "sudo": '#!/bin/sh\nexec "$@"\n',
        "dot": "#!/bin/sh\nexit 0\n",
        # the check for ensurepip answers as told; anything else is asked of the real Python
        "python3": (
            f'#!/bin/sh\ncase "$*" in *ensurepip*) exit {0 if python_has_venv else 1};; esac\n'
            f'exec {sys.executable} "$@"\n'
        ),
    }
    for name, text in scripts.items():
        (bin_dir / name).write_text(text)
        (bin_dir / name).chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    env.pop("OUTCOME_GRAPH_TEST_BROWSER", None)
    env.pop("PYTHON", None)
    return env, log


@pytest.mark.parametrize("has_venv", [False, True])
def test_system_deps_install_what_python3_m_venv_needs(tmp_path: Path, has_venv: bool):
    env, log = _fake_tools(tmp_path, has_venv)
    out = subprocess.run(
        ["bash", str(ROOT / "scripts" / "system-deps.sh")],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    venv_package = "python%d.%d-venv" % sys.version_info[:2]
    if has_venv:
        assert not log.exists()  # nothing missing, nothing installed
    else:
        assert log.read_text().splitlines()[-1].split()[-1] == venv_package


def test_system_deps_for_the_tests_install_the_browser_and_pdftotext(tmp_path: Path):
    # Only the stand-ins on the PATH (and `id`): no chromium, no pdftotext, as on a new machine.
    env, log = _fake_tools(tmp_path, python_has_venv=True)
    bin_dir = tmp_path / "bin"
    (bin_dir / "id").symlink_to(shutil.which("id") or "/usr/bin/id")
    env = {**env, "PATH": str(bin_dir), "OUTCOME_GRAPH_TEST_BROWSER": "1"}
    out = subprocess.run(
        [shutil.which("bash") or "/bin/bash", str(ROOT / "scripts" / "system-deps.sh")],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    asked = log.read_text().splitlines()[-1].split()
    assert asked[0] == "install" and asked[-2:] == ["chromium", "poppler-utils"]


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
@pytest.mark.parametrize("target", ["run", "test"])
def test_make_installs_system_packages_before_it_makes_the_venv(tmp_path: Path, target: str):
    out = subprocess.run(
        [
            "make",
            "-n",
            "-C",
            str(ROOT),
            f"VENV={tmp_path / 'venv'}",
            f"OUT={tmp_path / 'out'}",
            target,
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    deps = next(i for i, line in enumerate(lines) if "scripts/system-deps.sh" in line)
    venv = next(i for i, line in enumerate(lines) if " -m venv " in line)
    assert deps < venv
