"""Glossary terms in pages: once per page, never where a link or heading is, never in the
glossary itself, with a tooltip text that is whole or cut cleanly."""

from __future__ import annotations

import markdown

from generator.site.terms import GlossaryTerms, tooltip_text

TERMS = [{"id": "dpo", "forms": ["DPO", "délégué à la protection des données"],
          "title": "DPO (Délégué à la protection des données)", "text": "Une personne.",
          "cut": False},
         {"id": "si", "forms": ["SI"], "title": "SI", "text": "Un système.", "cut": True}]


def convert(text: str) -> str:
    return markdown.Markdown(extensions=["toc", "md_in_html", GlossaryTerms(terms=TERMS)]
                             ).convert(text)


def test_a_term_is_marked_once_per_page_and_links_to_its_entry() -> None:
    html = convert("Le DPO veille. Un autre DPO, puis le délégué à la protection des données.\n\n"
                   "Le SI, encore le SI.")
    assert html.count('class="guide-term"') == 2
    assert '<a class="guide-term" data-tip="Une personne." data-title="DPO (Délégué à la ' \
           'protection des données)" href="glossaire.md#dpo">DPO</a> veille. Un autre DPO,' in html
    assert 'data-more="" data-tip="Un système."' in html


def test_headings_links_and_code_are_left_alone() -> None:
    html = convert("# Le DPO\n\n[Le DPO](x.md) et `DPO`.\n\nEnfin le DPO.")
    assert html.count('class="guide-term"') == 1
    assert html.endswith('Enfin le <a class="guide-term" data-tip="Une personne." data-title='
                         '"DPO (Délégué à la protection des données)" href="glossaire.md#dpo">'
                         'DPO</a>.</p>')


def test_cards_and_tags_stay_plain() -> None:
    html = convert('<div class="grid cards" markdown>\n\nLe DPO.\n\n</div>\n\n'
                   '<div class="guide-tags" markdown>\n<span>SI</span>\n</div>\n\n'
                   'Puis le DPO et le SI.')
    assert html.count('class="guide-term"') == 2
    assert "<p>Le DPO.</p>" in html and "<span>SI</span>" in html


def test_a_long_definition_is_cut_after_a_sentence() -> None:
    short = "Une phrase courte."
    assert tooltip_text(short) == (short, False)
    first = "Première phrase assez longue pour compter, " + "avec des mots " * 12 + "et une fin."
    long = first + " Deuxième phrase " + "qui continue " * 30 + "."
    text, cut = tooltip_text(long)
    assert cut and text == first
    clause = "Une seule phrase, " + "très longue " * 40 + "sans point"
    text, cut = tooltip_text(clause)
    assert cut and text.endswith("…") and len(text) < 300


class _ZensicalContext(markdown.preprocessors.Preprocessor):
    """What Zensical registers on each page's Markdown: its rendering context."""

    def __init__(self, md: markdown.Markdown, path: str) -> None:
        super().__init__(md)
        self.page = type("Page", (), {"path": path})()

    def run(self, lines: list[str]) -> list[str]:
        return lines


def _zensical(path: str, text: str) -> str:
    md = markdown.Markdown(extensions=[GlossaryTerms(terms=TERMS)])
    md.preprocessors.register(_ZensicalContext(md, path), "rendering_context", 100)
    return md.convert(text)


def test_under_zensical_links_are_relative_to_the_page_and_the_glossary_stays_plain() -> None:
    assert 'href="../glossaire.md#dpo"' in _zensical("etapes/etape-1.md", "Le DPO veille.")
    assert 'class="guide-term"' not in _zensical("glossaire.md", "Le DPO veille.")
