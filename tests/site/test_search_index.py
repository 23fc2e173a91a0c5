"""The search index the generator writes: sections with the anchors every builder gives
them, text apart from metadata, the glossary's synonyms; one file loaded on demand."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import cli

from generator.site.pages import Page
from generator.site.search import _renderer, _sections, url

CONFIG = {"use_directory_urls": False,
          "markdown_extensions": ["attr_list", "md_in_html", "tables", {"toc": {"permalink": True}},
                                  {"abbr": {"glossary": {"DPO": "Délégué"}}}]}

PAGE = """---
title: "Kit RGPD"
edit_path: "data/resources/kit-rgpd.yml#L1"
---

# Kit RGPD

| | |
|---|---|
| Type | Kit |
| Éditeur | ANAP |

Démarche d'accompagnement (DPO) pour la conformité.

## Étapes concernées { #etapes }

- [1. Anticiper](../etapes/etape-1.md)

### Sans ancre écrite

Texte d'une sous-section.

<form class="guide-filters"><label>Filtre</label></form>

---

**Sources.** [Guide régional](../sources.md#guide), 2021.

<small>Source : une citation.</small>
"""


def index_data(project: Path) -> dict:
    text = (project / "build" / "docs" / "assets" / "search" / "index.js").read_text("utf-8")
    assert text.startswith("window.guideSearchIndex=") and text.endswith(";\n")
    return json.loads(text[len("window.guideSearchIndex="):-2])


def test_a_page_is_cut_into_sections_with_the_builders_anchors() -> None:
    sections = _sections(_renderer(CONFIG), Page("ressources/kit-rgpd.md", "Kit RGPD", PAGE))
    assert [s[:2] for s in sections] == [
        ["", "Kit RGPD"], ["etapes", "Étapes concernées"],
        ["sans-ancre-ecrite", "Sans ancre écrite"]]
    top, steps, sub = sections
    assert top[2] == "Démarche d'accompagnement (DPO) pour la conformité."
    assert "ANAP" in top[3] and "Kit" in top[3]  # the table: searchable, never an excerpt
    assert steps[2] == "1. Anticiper"
    assert sub[2] == "Texte d'une sous-section."  # no filter form, no « ¶ » permalink
    assert "Sources. Guide régional, 2021." in sub[3] and "citation" not in sub[3]


def test_addresses_follow_use_directory_urls() -> None:
    assert url("roles/moa.md", {"use_directory_urls": False}) == "roles/moa.html"
    assert url("roles/index.md", {"use_directory_urls": False}) == "roles/index.html"
    assert url("roles/moa.md", {}) == "roles/moa/"
    assert url("roles/index.md", {}) == "roles/"
    assert url("index.md", {}) == ""


def test_the_index_holds_every_page_and_the_glossary_synonyms(project: Path) -> None:
    assert cli(project, "generate").code == 0
    data = index_data(project)
    addresses = [address for address, _ in data["pages"]]
    assert "ressources/kit-rgpd.html" in addresses and "glossaire.html" in addresses
    glossary = addresses.index("glossaire.html")
    anchors = {s[1] for s in data["sections"] if s[0] == glossary}
    assert "dpo" in anchors
    assert any("DPO" in group and "délégué à la protection des données" in
               [form.lower() for form in group] for group in data["synonyms"])
    assert all(len(section) == 5 for section in data["sections"])


def test_the_index_is_not_loaded_by_pages(project: Path) -> None:
    """Pages load the small search script; the index only when the reader opens the search."""
    assert cli(project, "generate").code == 0
    config = (project / "build" / "mkdocs.yml").read_text(encoding="utf-8")
    assert "assets/search/search.js" in config and "assets/search/index.js" not in config
    script = (project / "build" / "docs" / "assets" / "search" / "search.js").stat().st_size
    assert script < 30_000
