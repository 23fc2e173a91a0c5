"""Each kind of entry is declared once: labels, references and a new kind follow from it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import pytest
from conftest import cli
from pydantic import Field

from generator.core.fields import Entity, Id, Markdown, Ref, Text, Url, references
from generator.guide import model, values
from generator.guide.kinds import KINDS, Kind


def test_every_coded_value_has_its_words() -> None:
    enums = [v for v in vars(values).values()
             if isinstance(v, type) and issubclass(v, values.Labelled) and v is not values.Labelled]
    assert len(enums) >= 6
    for enum in enums:
        for member in enum:
            assert member.label and member.plural, f"{enum.__name__}.{member.name}"


def test_references_are_found_from_the_model() -> None:
    resource = model.Resource.model_validate({
        "id": "x", "title": "X", "publisher": "P", "type": "kit", "description": "D",
        "phases": ["etape-1"], "roles": ["moa", "dpo"], "sector": "sanitaire",
        "sources": ["guide", {"source": "anap", "section": "p. 3"}]})
    assert list(references(resource)) == [
        (("phases", 0), "etape-1", "phase"), (("roles", 0), "moa", "role"),
        (("roles", 1), "dpo", "role"), (("sources", 0, "source"), "guide", "source"),
        (("sources", 1, "source"), "anap", "source")]


# Adding a kind of entry, as CONTRIBUTING.md walks through it ---------------------------------


class Regulation(Entity):
    """A regulatory text (the walkthrough's example: « textes réglementaires »)."""

    id: Id
    title: Text
    url: Url
    summary: Markdown
    phases: list[Annotated[Id, Ref("phase")]] = Field(default_factory=list)
    sources: model.Sources


REGULATION = Kind(
    name="regulation", model=Regulation, files="data/regulations/*.yml", one_per_file=True,
    label="texte réglementaire", plural="textes réglementaires",
    unknown="texte réglementaire inconnu", address="textes/{id}.md",
    template="regulation.md.j2", index="textes/index.md",
    index_title="Textes réglementaires", index_template="regulations.md.j2")


@pytest.fixture
def with_regulations(project: Path) -> Iterator[Path]:
    """Step 1: the declaration; step 2: the templates; step 3: the data and the nav."""
    KINDS.append(REGULATION)
    pages = project / "theme" / "pages"
    (pages / "regulation.md.j2").write_text(
        '{% import "_macros.md.j2" as m with context %}\n{{ m.front(regulation.summary) }}\n'
        "# {{ title }}\n\n{{ regulation.summary }}\n\n[Lire le texte]({{ regulation.url }})\n\n"
        "{% for place in regulation.phases %}- [Étape]({{ link('phase', place) }})\n{% endfor %}\n"
        "{{ m.sources(regulation.sources) }}\n", encoding="utf-8")
    (pages / "regulations.md.j2").write_text(
        '{% import "_macros.md.j2" as m with context %}\n{{ m.front() }}\n# {{ title }}\n\n'
        "{% for r in guide.entries.regulation.values() %}- [{{ r.title }}]"
        "({{ link('regulation', r.id) }})\n{% endfor %}\n", encoding="utf-8")
    folder = project / "data" / "regulations"
    folder.mkdir()
    (folder / "rgpd.yml").write_text(
        "id: rgpd\ntitle: Règlement général sur la protection des données\n"
        "url: https://eur-lex.europa.eu/eli/reg/2016/679/oj\n"
        "summary: Le cadre européen des données personnelles.\n"
        "phases: [etape-2-1-go-no-go]\nsources: [guide-regional]\n", encoding="utf-8")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  - Ressources: ressources/\n",
                                   "  - Ressources: ressources/\n  - Textes: textes/\n"),
                      encoding="utf-8")
    yield project
    KINDS.remove(REGULATION)


def test_a_new_kind_is_checked_with_its_own_messages(with_regulations: Path) -> None:
    result = cli(with_regulations, "check")
    assert result.code == 0, result.err
    assert "1 texte réglementaire" in result.out
    path = with_regulations / "data" / "regulations" / "rgpd.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("etape-2-1-go-no-go", "etape-2-1"),
                    encoding="utf-8")
    assert cli(with_regulations, "check").problems == [
        "data/regulations/rgpd.yml:5: phases[0]: étape inconnue « etape-2-1 » : "
        "vouliez-vous dire « etape-2-1-go-no-go » ?"]


def test_a_new_kind_gets_its_pages_links_and_navigation(with_regulations: Path) -> None:
    result = cli(with_regulations, "generate")
    assert result.code == 0, result.err
    staged = with_regulations / "build" / "docs"
    page = (staged / "textes" / "rgpd.md").read_text(encoding="utf-8")
    assert "[Étape](../etapes/etape-2-engagement.md#etape-2-1-go-no-go)" in page
    listing = (staged / "textes" / "index.md").read_text(encoding="utf-8")
    assert "[Règlement général sur la protection des données](rgpd.md)" in listing
    built = (with_regulations / "build" / "mkdocs.yml").read_text(encoding="utf-8")
    assert "textes/rgpd.md" in built
