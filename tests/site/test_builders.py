"""One staging folder, three builders: what the generator writes any of them can build,
without a theme package, and each builder's messages point at the file to edit."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, cli, edit

from generator.core.settings import Settings
from generator.site.builders import BUILDERS, chosen
from generator.site.builders.base import Message, located
from generator.site.builders.mkdocs import MkDocs
from generator.site.builders.zensical import Zensical


def staged(project: Path) -> dict:
    assert cli(project, "generate").code == 0
    return yaml.safe_load((project / "build" / "mkdocs.yml").read_text(encoding="utf-8"))


@pytest.fixture
def plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GUIDE_BUILDER", raising=False)


def test_the_staged_configuration_stays_inside_the_project(project: Path) -> None:
    config = staged(project)
    assert (config["docs_dir"], config["site_dir"]) == ("docs", "site")
    assert config["theme"]["custom_dir"] == "overrides"
    assert "/" not in config["docs_dir"] and not Path(config["site_dir"]).is_absolute()
    assert (project / "build" / config["docs_dir"] / "index.md").is_file()


def set_builder(project: Path, line: str) -> int:
    """Replace the ``builder:`` line of the project's mkdocs.yml; its number."""
    path = project / "mkdocs.yml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(n for n, text in enumerate(lines) if re.match(r"\s+(# )?builder:", text))
    lines[number] = line + "\n"
    path.write_text("".join(lines), encoding="utf-8")
    return number + 1


def test_properdocs_is_the_default_and_one_line_switches(project: Path,
                                                         plain_environment: None) -> None:
    assert "\n  builder: properdocs\n" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8") or \
        os.environ.get("CI")  # the CI job that tries Zensical switches this very line
    set_builder(project, "  # builder: none named")
    config = staged(project)
    assert config["extra"]["builder"] == "properdocs"
    assert "search" not in str(config["plugins"])  # the guide's own search, not the builder's
    assert "assets/search/search.js" in config["extra_javascript"]
    set_builder(project, "  builder: zensical")
    config = staged(project)
    assert config["extra"]["builder"] == "zensical"
    assert {"search": {"enabled": False}} in config["plugins"]


def test_the_environment_variable_overrides_the_configuration(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GUIDE_BUILDER", "mkdocs")
    assert staged(project)["extra"]["builder"] == "mkdocs"
    assert chosen({"extra": {"builder": "zensical"}}).name == "mkdocs"


def test_an_unknown_builder_is_a_problem_at_its_line(project: Path,
                                                     plain_environment: None) -> None:
    line = set_builder(project, "  builder: sphinx")
    assert cli(project, "check").problems == [
        f"mkdocs.yml:{line}: extra.builder: constructeur inconnu « sphinx » (extra.builder) : "
        "« properdocs », « mkdocs », « zensical » attendu"]


def test_pages_are_staged_without_any_theme_or_builder_installed(project: Path) -> None:
    """Blocked imports fail loudly: generation must need none of these packages."""
    blocked = ["material", "mkdocs", "properdocs", "zensical"]
    code = (f"import sys\nfor name in {blocked!r}:\n    sys.modules[name] = None\n"
            "from generator.cli import main\n"
            f"code = main(['--root', {str(project)!r}, 'generate'])\n"
            f"assert not [n for n in sys.modules if n.split('.')[0] in {blocked!r} "
            "and sys.modules[n] is not None]\nsys.exit(code)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stderr
    assert (project / "build" / "docs" / "assets" / "search" / "index.js").is_file()


def test_overrides_only_print_what_the_generator_computed() -> None:
    """Python methods (.get, .startswith, .split…) are not template syntax for Zensical."""
    method = re.compile(r"\.\s*[a-z_]+\s*\(")
    found = []
    for template in sorted((ROOT / "theme" / "overrides").rglob("*.html")):
        text = template.read_text(encoding="utf-8")
        for expression in re.findall(r"\{\{.*?\}\}|\{%.*?%\}", text, re.DOTALL):
            if method.search(expression):
                found.append(f"{template.relative_to(ROOT)}: {expression}")
    assert found == []


# Messages ------------------------------------------------------------------------------------

SOURCES = {"roles/moa.md": "data/roles.yml#L12", "a-propos.md": "content/a-propos.md"}


def written_page(tmp_path: Path) -> Path:
    page = tmp_path / "content" / "a-propos.md"
    page.parent.mkdir()
    page.write_text("---\ntitle: À propos\n---\n\nIntro.\n\nVoir [la page](disparue.md).\n",
                    encoding="utf-8")
    return tmp_path


def test_mkdocs_messages_point_at_the_source(tmp_path: Path) -> None:
    root = written_page(tmp_path)
    output = ("INFO    -  Cleaning site directory\n"
              "WARNING -  Doc file 'a-propos.md' contains a link 'disparue.md', but the target "
              "is not found among documentation files.\n"
              "WARNING -  Doc file 'roles/moa.md' contains a link '#x', but there is no such "
              "anchor on this page.\n")
    problems = [str(p) for p in MkDocs().problems(output, SOURCES, root)]
    assert problems == [
        "content/a-propos.md:7: MkDocs : Doc file 'a-propos.md' contains a link 'disparue.md', "
        "but the target is not found among documentation files.",
        "data/roles.yml:12: MkDocs : Doc file 'roles/moa.md' contains a link '#x', but there is "
        "no such anchor on this page."]


ZENSICAL_OUTPUT = """Build started
\x1b[33mWarning:\x1b[0m page does not exist
    \x1b[38;5;246m╭─[\x1b[0m a-propos.md:9:6 \x1b[38;5;246m]\x1b[0m
    \x1b[38;5;246m│\x1b[0m
 \x1b[38;5;246m9 │\x1b[0m Voir [la page](disparue.md).
 \x1b[38;5;240m  │\x1b[0m        ──┬──
\x1b[38;5;246m──╯\x1b[0m
\x1b[33mWarning:\x1b[0m anchor does not exist
    ╭─[ roles/moa.md:40:3 ]
2 issues found
"""


def test_zensical_messages_point_at_the_source(tmp_path: Path) -> None:
    root = written_page(tmp_path)
    messages = Zensical().messages(ZENSICAL_OUTPUT)
    assert messages[0] == Message("page does not exist (a-propos.md:9)", "a-propos.md", 9,
                                  "Voir [la page](disparue.md).")
    assert [str(p) for p in Zensical().problems(ZENSICAL_OUTPUT, SOURCES, root)] == [
        "content/a-propos.md:7: Zensical : page does not exist (a-propos.md:9)",
        "data/roles.yml:12: Zensical : anchor does not exist (roles/moa.md:40)"]


def test_a_message_naming_no_page_points_at_the_configuration(tmp_path: Path) -> None:
    problem = located("MkDocs : Config value 'theme': oops", Message("oops"), SOURCES, tmp_path)
    assert (problem.path, problem.line) == ("mkdocs.yml", 1)


# Real builds of the small project, one per builder -------------------------------------------

@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_every_builder_builds_the_same_staging_folder(project: Path, name: str) -> None:
    result = _site(project, name)
    assert result.returncode == 0, result.stderr + result.stdout
    site = project / "site"
    role = (site / "roles" / "moa.html").read_text(encoding="utf-8")
    assert "<code>data/roles.yml</code>" in role  # overrides rendered by this builder's engine
    assert f"Site construit avec {BUILDERS[name].label}" in role
    assert (site / "assets" / "search" / "index.js").is_file()
    assert not (project / "build" / "site").exists()  # built under build/, then swapped


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_every_builder_reports_a_broken_link_at_its_line(project: Path, name: str) -> None:
    edit(project, "content/a-propos.md", "Ce guide d'essai",
         "Voir [la page disparue](disparue.md). Ce guide d'essai")
    result = _site(project, name, strict=True)
    assert result.returncode == 1
    page = (project / "content/a-propos.md").read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(page, 1) if "disparue.md" in text)
    assert any(text.startswith(f"content/a-propos.md:{line}: {BUILDERS[name].label} : ")
               for text in result.stderr.splitlines()), result.stderr
    assert not (project / "site").exists()


def _site(project: Path, name: str, strict: bool = False) -> subprocess.CompletedProcess:
    """Stage and build with one builder, without the PDFs (``Builder.build`` as ``site`` calls it)."""
    code = ("import sys\nfrom generator.build import preview\nfrom generator.cli import main\n"
            "from generator.core.problems import DataError\n"
            "from generator.core.settings import Settings\n"
            f"settings = Settings({str(project)!r})\nstaged = preview(settings)\n"
            "try:\n"
            f"    staged.builder.build(settings, staged.sources, strict={strict})\n"
            "except DataError as error:\n"
            "    print('\\n'.join(map(str, error.problems)), file=sys.stderr)\n"
            "    sys.exit(1)\n")
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "GUIDE_BUILDER": name}, timeout=900)


def test_settings_name_the_staged_configuration(project: Path) -> None:
    settings = Settings(project)
    assert settings.built_config.parent == settings.build == settings.staging.parent
