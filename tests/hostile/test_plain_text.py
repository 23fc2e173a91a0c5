"""Plain-text fields are text everywhere: in every kind of entry and page, whatever they
hold, the pages render them as typed and nothing in them becomes markup, a link or a
page header. Rendered in-process (the staged Markdown through the site's Markdown); the
built site and PDFs are searched in ``test_outputs.py``."""

from __future__ import annotations

import html
from pathlib import Path

import markdown
import pytest
import yaml
from conftest import cli
from corpus import changed, corpus_fixture  # noqa: F401 - a fixture
from inert import live_markup

from generator.build import preview
from generator.core.markup import EXTENSIONS, escape_text, html_text
from generator.core.settings import Settings

PAYLOADS = [
    '</title><script>alert(1)</script><img src=x onerror=alert(2)> " onmouseover="alert(3) '
    '[x](javascript:alert(4)) {: onclick="alert(5)" } \\\\serveur\\partage C:\\Sauvegardes',
    "*[DPO]: pirate alert(6)",
    '- <iframe src="https://evil.example"></iframe> alert(7)',
    '# <a href="javascript:alert(8)">x</a> ## { #x onclick=alert(8) }',
    '!!! danger "alert(9)" | a | b |',
    "1. ![x](https://evil.example/p.png) alert(10) ```js `code` ~~~ <!-- x -->",
    "{{ 7 * 7 }} {% raw %} --8<-- \"/etc/passwd\" alert(11) &lt;script&gt; &#x3C;b&#x3E;",
]
FIELDS = [
    ("data/resources/kit-rgpd.yml", "title: Kit RGPD", "title: {}"),
    ("data/resources/kit-rgpd.yml", "publisher: Agence d'essai", "publisher: {}"),
    ("data/phases.yml", "title: Anticiper et comprendre", "title: {}\n  key_points: [{}]"),
    ("data/phases.yml", "action: Lance la réflexion.", "action: {}"),
    ("data/phases.yml", "title: Go / no go", "title: {}"),
    ("data/phases.yml", "support_needs: [Aide au recrutement d'un chef de projet]",
     "support_needs: [{}]"),
    ("data/roles.yml", "name: Maîtrise d'ouvrage", "name: {}\n  journey: {}"),
    ("data/roles.yml", "short_name: MOA", "short_name: {}"),
    ("data/roles.yml", "responsibilities: [Fixer les objectifs]", "responsibilities: [{}]"),
    ("data/glossary.yml", "expansion: Délégué à la protection des données", "expansion: {}"),
    ("data/glossary.yml", "synonyms: [délégué à la protection des données]", "synonyms: [{}]"),
    ("data/glossary.yml", "section: Introduction", "section: {}"),
    ("data/case-studies/groupement-essai.yml", "title: Un groupement d'essai", "title: {}"),
    ("data/case-studies/groupement-essai.yml", "organisations: [Association d'essai, EHPAD d'essai]",
     "organisations: [{}]"),
    ("data/case-studies/groupement-essai.yml", "region: Occitanie", "region: {}"),
    ("data/case-studies/groupement-essai.yml", "holder: Comité des directeurs", "holder: {}"),
    ("data/case-studies/groupement-essai.yml", "benefits: [Une mutualisation réussie]",
     "benefits: [{}]"),
    ("data/sources.yml", "title: Guide régional d'essai", "title: {}"),
    ("data/sources.yml", "publisher: Groupement d'essai", "publisher: {}"),
    ("content/a-propos.md", "title: À propos", "title: {}\ndescription: {}"),
]


def quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


@pytest.mark.parametrize("payload", PAYLOADS, ids=[f"payload-{n}" for n in range(len(PAYLOADS))])
def test_plain_text_is_inert_in_every_page(corpus: Path, payload: str) -> None:
    with _every_field(corpus, payload) as count:
        result = cli(corpus, "check")
        assert result.code == 0, result.err
        staged = preview(Settings(corpus))
    converter = markdown.Markdown(extensions=[*EXTENSIONS, "abbr"])
    seen = 0
    for page in sorted((corpus / "build" / "docs").rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        _, header, body = text.split("---\n", 2)
        meta = yaml.safe_load(header)
        for value in (meta.get("title", ""), meta.get("description", "")):
            assert not set('<>"') & set(value), (page, value)
        converter.reset()
        rendered = converter.convert(body)
        assert live_markup(rendered) == [], page
        assert "pirate" not in "".join(a for a in rendered.split("<abbr")[1:] if "title=" in a), page
        seen += rendered.count("alert(")
    assert seen >= count
    assert staged


class _every_field:
    """Every plain-text field of the fixture set to ``payload`` (numbered, so that a glossary
    form stays unique), the files put back afterwards."""

    def __init__(self, root: Path, payload: str) -> None:
        self.contexts = []
        for number, (relative, old, new) in enumerate(FIELDS):
            value = quoted(f"{payload} n°{number}")
            second = quoted(f"{payload} n°{number}b")
            self.contexts.append(changed(root, relative, old, new.format(value, second)))

    def __enter__(self) -> int:
        for context in self.contexts:
            context.__enter__()
        return len(self.contexts)

    def __exit__(self, *exc: object) -> None:
        for context in reversed(self.contexts):
            context.__exit__(*exc)


@pytest.mark.parametrize("text", PAYLOADS)
def test_escaped_text_reads_as_typed(text: str) -> None:
    """What is escaped is what a reader sees: Markdown gives the typed characters back."""
    rendered = markdown.Markdown(extensions=EXTENSIONS).convert("- " + escape_text(text))
    assert live_markup(rendered) == []
    shown = html.unescape(rendered.removeprefix("<ul>\n<li>").removesuffix("</li>\n</ul>"))
    assert shown == " ".join(text.split())


@pytest.mark.parametrize("text", PAYLOADS)
def test_html_text_stays_in_its_attribute(text: str) -> None:
    assert live_markup(f'<meta name="description" content="{html_text(text)}">') == []
    assert html.unescape(html_text(text)) == " ".join(text.split())
