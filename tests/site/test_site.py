"""The site: a real MkDocs build of generated and hand-written pages."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import copy_project, edit, run_cli

pytestmark = [pytest.mark.slow]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("site") / "project")
    result = run_cli(root, "site")
    assert result.returncode == 0, result.stderr
    return root / "site"


def read(site: Path, page: str) -> str:
    return (site / page).read_text(encoding="utf-8")


def test_every_page_kind_is_built(built: Path) -> None:
    for page in ["index.html", "etapes/index.html", "etapes/etape-1-anticiper.html",
                 "roles/index.html", "roles/moa.html", "glossaire.html",
                 "ressources/index.html", "ressources/par-etape.html",
                 "ressources/kit-rgpd.html", "retours-experience/index.html",
                 "retours-experience/groupement-essai.html", "sources.html",
                 "a-propos.html", "contribuer.html"]:
        assert (built / page).is_file(), page


def test_site_is_french(built: Path) -> None:
    assert '<html lang="fr"' in read(built, "index.html")


def test_navigation_reaches_the_generated_pages(built: Path) -> None:
    home = read(built, "index.html")
    for target in ["etapes/etape-1-anticiper.html", "etapes/etape-2-engagement.html",
                   "roles/moa.html", "ressources/kit-rgpd.html",
                   "retours-experience/groupement-essai.html", "glossaire.html"]:
        assert f'href="{target}"' in home, target


def test_glossary_terms_link_to_their_entry_once_per_page(built: Path) -> None:
    term = re.compile(r'<a class="guide-term" data-tip="Personne chargée de veiller au respect '
                      r'du RGPD dans une structure." data-title="DPO \(Délégué à la protection '
                      r'des données\)" href="glossaire.html#dpo">DPO</a>')
    assert term.search(read(built, "a-propos.html"))
    plural = re.compile(r'data-title="mutualisation" href="../glossaire.html#mutualisation">'
                        r'[Mm]utualisations?</a>')
    phase = read(built, "etapes/etape-1-anticiper.html")
    assert plural.search(phase)
    assert phase.count('href="../glossaire.html#mutualisation"') == 1
    assert 'class="guide-term"' not in read(built, "glossaire.html")


def test_glossary_has_an_anchor_per_term_grouped_by_letter(built: Path) -> None:
    page = read(built, "glossaire.html")
    assert 'id="dpo"' in page and 'id="mutualisation"' in page
    assert page.index('id="lettre-d"') < page.index('id="lettre-m"')


def test_phase_page_shows_blocks_and_words_empty_ones_for_what_they_are(built: Path) -> None:
    page = read(built, "etapes/etape-1-anticiper.html")
    assert 'href="../ressources/kit-rgpd.html"' in page
    assert re.search(r'<h3 id="etape-1-anticiper-besoins">Besoins d(&rsquo;|\')accompagnement', page)
    empty = read(built, "etapes/etape-2-engagement.html").replace("&rsquo;", "'")
    assert "Aucune documentation recensée pour l'instant." in empty
    assert "Aucun outil recensé pour l'instant." in empty
    assert "Aide au recrutement d'un chef de projet" in empty
    assert "Proposer une ressource" not in empty, "no repository nor contact: no dead end"


def test_links_go_both_ways(built: Path) -> None:
    resource = read(built, "ressources/kit-rgpd.html")
    assert 'href="../etapes/etape-1-anticiper.html"' in resource
    role = read(built, "roles/moa.html")
    assert 'href="../etapes/etape-1-anticiper.html"' in role
    assert "Lance la réflexion." in role
    assert 'href="../retours-experience/groupement-essai.html"' in role
    chef = read(built, "roles/chef-de-projet.html")
    assert 'href="../etapes/etape-2-engagement.html#etape-2-1-go-no-go"' in chef


def test_every_page_cites_its_sources(built: Path) -> None:
    for page in ["etapes/etape-1-anticiper.html", "roles/moa.html", "ressources/kit-rgpd.html",
                 "retours-experience/groupement-essai.html", "a-propos.html"]:
        assert 'href="../sources.html#guide-regional"' in read(built, page) or \
            'href="sources.html#guide-regional"' in read(built, page), page


def test_search_index_is_french_and_holds_the_phases(built: Path) -> None:
    index = json.loads(read(built, "search/search_index.json"))
    assert index["config"]["lang"] == ["fr"]
    locations = {doc["location"] for doc in index["docs"]}
    assert "etapes/etape-1-anticiper.html" in locations
    texts = " ".join(doc["text"] for doc in index["docs"] if doc["location"].startswith("etapes/"))
    assert "mutualisation" in texts.lower()


def test_a_broken_data_file_stops_the_build_and_leaves_the_site(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")
    assert run_cli(root, "site").returncode == 0
    before = sorted(p.relative_to(root / "site") for p in (root / "site").rglob("*"))
    stamp = (root / "site" / "index.html").stat().st_mtime_ns
    edit(root, "data/resources/kit-rgpd.yml", "roles: [moa]", "rolse: [moa]")
    result = run_cli(root, "site")
    checked = run_cli(root, "check")
    assert result.returncode == 1
    assert result.stderr == checked.stderr
    assert ("data/resources/kit-rgpd.yml:9: rolse: clé inconnue « rolse » : "
            "vouliez-vous dire « roles » ?") in result.stderr
    assert sorted(p.relative_to(root / "site") for p in (root / "site").rglob("*")) == before
    assert (root / "site" / "index.html").stat().st_mtime_ns == stamp


def test_a_template_mistake_names_the_template_and_line(project: Path) -> None:
    edit(project, "theme/pages/phase.md.j2", "**Objectif.** {{ phase.objective | md }}",
         "**Objectif.** {{ phase.objectif }}")
    template = (project / "theme/pages/phase.md.j2").read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(template, 1) if "phase.objectif" in text)
    result = run_cli(project, "generate")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[0] == (
        f"theme/pages/phase.md.j2:{line}: variable manquante : "
        "'generator.guide.model.Phase object' has no attribute 'objectif'")


def test_a_broken_link_fails_the_strict_build(project: Path) -> None:
    edit(project, "content/a-propos.md", "Ce guide d'essai",
         "Voir [la page disparue](disparue.md). Ce guide d'essai")
    result = run_cli(project, "site")
    assert result.returncode == 1
    page = (project / "content/a-propos.md").read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(page, 1) if "disparue.md" in text)
    assert (f"content/a-propos.md:{line}: MkDocs : Doc file 'a-propos.md' contains a link "
            "'disparue.md', but the target is not found among documentation files."
            ) in result.stderr.splitlines()
    assert not (project / "site").exists()


def test_every_page_says_which_file_to_edit(built: Path) -> None:
    expected = {
        "roles/chef-de-projet.html": "<code>data/roles.yml</code>, ligne 8",
        "ressources/kit-rgpd.html": "<code>data/resources/kit-rgpd.yml</code>",
        "a-propos.html": "<code>content/a-propos.md</code>",
        "ressources/index.html": "dossier\n    <code>data/resources/</code>",
    }
    for page, source in expected.items():
        html = read(built, page)
        assert "Modifier cette page" in html and source in html, page


@pytest.fixture(scope="module")
def configured(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small project with a repository and a contact in mkdocs.yml."""
    root = copy_project(tmp_path_factory.mktemp("configured") / "project")
    edit(root, "mkdocs.yml", "use_directory_urls: false",
         "use_directory_urls: false\nrepo_url: https://github.com/org/guide")
    edit(root, "mkdocs.yml", "  # contact: guide@example.org", "  contact: guide@example.org")
    result = run_cli(root, "site")
    assert result.returncode == 0, result.stderr
    assert "avertissement" not in result.stdout
    return root / "site"


def test_contribution_links_lead_to_the_repository_and_the_contact(configured: Path) -> None:
    empty = read(configured, "etapes/etape-2-engagement.html")
    assert '<a class="guide-contribute" href="https://github.com/org/guide/issues/new">' \
           'Proposer une ressource</a>' in empty
    contribute = read(configured, "contribuer.html")
    assert 'href="https://github.com/org/guide/issues/new"' in contribute
    assert 'href="mailto:guide@example.org"' in contribute


def test_the_file_to_edit_becomes_a_discreet_link(configured: Path) -> None:
    role = read(configured, "roles/chef-de-projet.html")
    assert '<a href="https://github.com/org/guide/edit/main/data/roles.yml" rel="edit">' \
           'Modifier cette page</a>' in role
    assert "<small>(data/roles.yml, ligne 8)</small>" in role


def test_without_repository_nor_contact_the_build_warns(project: Path) -> None:
    result = run_cli(project, "generate")
    assert result.returncode == 0, result.stderr
    assert "ni « repo_url » ni « extra.contact »" in result.stdout


def test_the_404_page_is_french_and_works_from_the_file_system(built: Path) -> None:
    page = read(built, "404.html")
    assert "<h1" in page and "Page introuvable" in page
    assert 'href="index.html"' in page and 'href="glossaire.html"' in page
    assert not re.search(r'href="/(?!/)', page), "root-based links break from the file system"
    index = json.loads(read(built, "search/search_index.json"))
    assert not any(doc["location"].startswith("404") for doc in index["docs"])
