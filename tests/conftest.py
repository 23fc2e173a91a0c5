"""Shared fixtures: a small valid project copied to a temporary folder, and the CLI,
in-process (``cli``, fast, for the many error cases) or as a subprocess (``run_cli``,
as a maintainer runs it)."""

from __future__ import annotations

import io
import os
import runpy
import shutil
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest

pytest_plugins = ["browser"]  # the browser tests' server, Chromium and pages

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "minimal"


def tool(command: str, package: str) -> str:
    """The path of a program a test needs. Missing, the test fails, never skips: a checker
    that is not there must not pass for a check that passed."""
    found = shutil.which(command)
    if found is None:
        pytest.fail(f"programme « {command} » introuvable : installez le paquet Debian {package} "
                    "(make test le fait)", pytrace=False)
    return found


def vnu_jar() -> Path:
    """The pinned Nu Html Checker that `make test` fetches (tools/vnu_jar.py)."""
    jar = runpy.run_path(str(ROOT / "tools" / "vnu_jar.py"))["JAR"]
    if not jar.is_file():
        pytest.fail(f"Nu Html Checker absent ({jar}) : lancez make test, ou python tools/vnu_jar.py",
                    pytrace=False)
    return jar


def copy_project(target: Path, data_from: Path = FIXTURE) -> Path:
    """A project folder with the real configuration and theme and the given data."""
    shutil.copytree(data_from / "data", target / "data")
    shutil.copytree(data_from / "content", target / "content")
    shutil.copytree(ROOT / "theme", target / "theme")
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    return target


def run_cli(root: Path, *args: str, timeout: int = 600) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", "--root", str(root), *args],
                          capture_output=True, text=True, cwd=ROOT, timeout=timeout)


@dataclass(frozen=True)
class Run:
    """What a command printed and returned."""

    code: int
    out: str
    err: str

    @property
    def problems(self) -> list[str]:
        """The problem lines, without the final count; fails if the run did not fail cleanly."""
        assert self.code == 1, self.out + self.err
        assert "Traceback" not in self.err
        lines = self.err.strip().splitlines()
        assert lines[-1].endswith(("trouvé.", "trouvés.")), lines[-1]
        return lines[:-1]


def cli(root: Path, *args: str) -> Run:
    """``python -m generator --root ROOT ARGS…`` run in this process, as sqlite-utils' tests do."""
    from generator.cli import main

    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = main(["--root", str(root), *args])
        except SystemExit as exit:
            code = exit.code if isinstance(exit.code, int) else 2
    return Run(code, out.getvalue(), err.getvalue())


def edit(root: Path, relative: str, old: str, new: str) -> None:
    """Replace text in a project file, failing loudly if the text is not there."""
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--builder", choices=["properdocs", "mkdocs", "zensical"],
                     help="builder of the sites the tests build (sets GUIDE_BUILDER; by "
                          "default, extra.builder of mkdocs.yml)")


def pytest_configure(config: pytest.Config) -> None:
    if config.getoption("--builder"):
        os.environ["GUIDE_BUILDER"] = config.getoption("--builder")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real guide, built once in strict mode, PDFs and documents included.

    GUIDE_BUILT_SITE names an already built site to reuse while iterating on tests.
    """
    if os.environ.get("GUIDE_BUILT_SITE"):
        return Path(os.environ["GUIDE_BUILT_SITE"])
    root = copy_project(tmp_path_factory.mktemp("real") / "project", data_from=ROOT)
    result = run_cli(root, "site", timeout=1800)
    assert result.returncode == 0, result.stderr + result.stdout
    return root / "site"
