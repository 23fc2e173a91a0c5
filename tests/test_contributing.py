"""A new contributor's path, as CONTRIBUTING.md tells it, followed literally.

The examples of CONTRIBUTING.md are written into a copy of the real guide and
run through the commands it names, so the document cannot drift from the tool.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml
from conftest import FIXTURE, ROOT, copy_project, edit, run_cli

from generator.cli import build_parser

GUIDE = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
MISSPELT = "etape-3-1-pilotag"


def example(language: str, starting: str) -> str:
    """The fenced block of CONTRIBUTING.md in ``language`` that starts with ``starting``."""
    blocks = re.findall(rf"^```{language}\n(.*?)^```$", GUIDE, flags=re.S | re.M)
    (block,) = [b for b in blocks if b.startswith(starting)]
    return block


def test_misspelt_phase_is_caught_with_a_suggestion_then_the_fix_is_generated(
        tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project", data_from=ROOT)
    resource = example("yaml", "id: exemple-tableau-de-bord-projet")
    resource_id = yaml.safe_load(resource)["id"]
    path = root / "data" / "resources" / f"{resource_id}.yml"
    path.write_text(resource.replace("etape-3-1-pilotage", MISSPELT), encoding="utf-8")

    result = run_cli(root, "check")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert (f"data/resources/{resource_id}.yml:10: phases[0]: étape inconnue « {MISSPELT} » : "
            "vouliez-vous dire « etape-3-1-pilotage » ?") in result.stderr.splitlines()
    assert result.stderr == example("text", "data/resources/"), "CONTRIBUTING.md shows this output"

    path.write_text(resource, encoding="utf-8")
    result = run_cli(root, "check")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Données valides")
    result = run_cli(root, "generate")
    assert result.returncode == 0, result.stderr
    page = (root / "build" / "docs" / "ressources" / f"{resource_id}.md").read_text("utf-8")
    assert "# Tableau de bord d'un projet mutualisé" in page
    assert f"edit_path: data/resources/{resource_id}.yml#L1" in page
    by_phase = (root / "build" / "docs" / "ressources" / "par-etape.md").read_text("utf-8")
    phase_3 = by_phase[by_phase.index("\n## 3. "):by_phase.index("\n## 4. ")]
    assert f"({resource_id}.md)" in phase_3, "CONTRIBUTING.md: « la range sous l'étape 3 »"


def test_the_other_examples_are_valid_entries(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project", data_from=ROOT)
    case = example("yaml", "id: exemple-groupement-esms")
    (root / "data" / "case-studies" / "exemple-groupement-esms.yml").write_text(case, "utf-8")
    with (root / "data" / "glossary.yml").open("a", encoding="utf-8") as glossary:
        glossary.write(example("yaml", "- id: kpi"))
    page = example("markdown", "---\ntitle:")
    (root / "content" / "comprendre" / "exemple.md").write_text(page, encoding="utf-8")
    result = run_cli(root, "check")
    assert result.returncode == 0, result.stderr
    assert "10 retours d'expérience" in result.stdout


def test_every_command_it_names_exists() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z-]+):", makefile, flags=re.M))
    named = set(re.findall(r"`make ([a-z-]+)", GUIDE))
    assert named >= {"check", "serve", "test", "schema", "bench"}
    assert named <= targets
    subcommands = build_parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    assert set(re.findall(r"python -m generator ([a-z]+)", GUIDE)) <= set(subcommands)
    assert (ROOT / "schemas" / "resources.schema.json").is_file()
    assert "../../schemas/resources.schema.json" in GUIDE


def test_ci_and_pre_commit_run_the_same_checks() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text("utf-8"))
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    runs = [step.get("run") for step in steps]
    assert runs.index("make site") < runs.index("make test")  # tests cannot hide a build gap
    (upload,) = [s for s in steps if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert upload["with"]["path"] == "site/"
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert {"ruff", "check-yaml", "generator-check"} <= set(hooks)
    assert hooks["generator-check"]["entry"] == "make check"
    templates = ROOT / ".github" / "ISSUE_TEMPLATE"
    names = {yaml.safe_load(p.read_text("utf-8"))["name"] for p in templates.glob("*.yml")}
    assert names == {"Proposer une ressource", "Signaler une erreur"}
    checklist = (ROOT / ".github" / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    assert "`make check`" in checklist and "donnée personnelle" in checklist


def build(root: Path) -> Path:
    """Generate, then build with MkDocs, as ``site`` does but without the PDFs.

    Not ``--strict``: the small fixture has links to pages it lacks. MkDocs's
    warnings about edit addresses are checked instead (an ``edit_uri`` without
    ``repo_url`` gives one per page).
    """
    assert run_cli(root, "generate").returncode == 0
    out = root / "out"
    command = [sys.executable, "-m", "mkdocs", "build", "-f",
               str(root / "build" / "mkdocs.yml"), "-d", str(out)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert "edit_uri" not in result.stderr
    return out


def edit_links(html: str) -> list[str]:
    return re.findall(r'<a href="([^"]+)"[^>]*class="md-content__button', html)


def test_edit_button_opens_the_file_to_edit(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project", data_from=FIXTURE)
    edit(root, "mkdocs.yml", "use_directory_urls:",
         "repo_url: https://github.com/exemple/guide\nuse_directory_urls:")
    site = build(root)
    base = "https://github.com/exemple/guide/"
    assert edit_links((site / "ressources" / "kit-rgpd.html").read_text("utf-8")) == [
        base + "edit/main/data/resources/kit-rgpd.yml"]
    assert edit_links((site / "a-propos.html").read_text("utf-8")) == [
        base + "edit/main/content/a-propos.md"]
    assert edit_links((site / "etapes" / "etape-2-engagement.html").read_text("utf-8")) == [
        base + "edit/main/data/phases.yml", base + "blob/main/data/phases.yml#L10"]
    assert edit_links((site / "ressources" / "index.html").read_text("utf-8")) == [
        base + "new/main/data/resources/"]
    page = (site / "roles" / "moa.html").read_text("utf-8")
    assert 'title="Modifier cette page\u00a0: data/roles.yml"' in page


def test_no_edit_button_without_a_repository(tmp_path: Path) -> None:
    site = build(copy_project(tmp_path / "project", data_from=FIXTURE))
    pages = list(site.rglob("*.html"))
    assert len(pages) > 10
    assert not any('rel="edit"' in page.read_text("utf-8") for page in pages)
