"""Markdown fields and pages of the guide: what the allow-list refuses is refused by
``check``, at the file, line and field, never silently stripped from a page."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import cli
from corpus import changed, corpus_fixture, line_of  # noqa: F401 - a fixture

SEULS = "seuls http, https, mailto et les pages du site sont permis"
REFUSED: list[tuple[str, str]] = [
    # Links a browser would run or follow to a file
    ("[x](javascript:alert(1))", f"adresse javascript: refusée (« javascript:alert(1) ») : {SEULS}"),
    ("[x](JaVaScRiPt:alert(1))", f"adresse javascript: refusée (« JaVaScRiPt:alert(1) ») : {SEULS}"),
    ("[x](jav&#97;script:alert(1))", f"adresse javascript: refusée (« javascript:alert(1) ») : {SEULS}"),
    ("[x](<javascript:alert(1)>)", f"adresse javascript: refusée (« javascript:alert(1) ») : {SEULS}"),
    ("[x](vbscript:msgbox(1))", f"adresse vbscript: refusée (« vbscript:msgbox(1) ») : {SEULS}"),
    ("[x](file:///etc/passwd)", f"adresse file: refusée (« file:///etc/passwd ») : {SEULS}"),
    ("[x](data:text/html;base64,PHNjcmlwdD4=)",
     f"adresse data: refusée (« data:text/html;base64,PHNjcmlwdD4= ») : {SEULS}"),
    ("[x](ftp://exemple.org/x)", f"adresse ftp: refusée (« ftp://exemple.org/x ») : {SEULS}"),
    ("[x](C:\\Sauvegardes\\x.txt)", f"adresse c: refusée (« C:\\Sauvegardes\\x.txt ») : {SEULS}"),
    ("[x](//evil.example/x)", "adresse « //evil.example/x » sans protocole : écrivez https://…"),
    ("[x](/etc/passwd)", "chemin absolu « /etc/passwd » refusé : écrivez un chemin relatif à la page"),
    ("[x](https://evil.example@exemple.org/)", "adresse « https://evil.example@exemple.org/ » refusée : "
     "identifiant ou mot de passe dans l'adresse refusé (…@…)"),
    ('[x](https://exemple.org/"onmouseover="alert(1))',
     "adresse « https://exemple.org/\"onmouseover=\"alert(1 » "
     "refusée : caractère « \" » interdit (encodez-le : %22 ; une adresse ne contient ni espace, ni "
     "guillemet, ni chevron)"),
    ("[x](http://localhost:8000/)", "adresse « http://localhost:8000/ » refusée : nom de domaine invalide "
     "« localhost » : attendu par exemple https://www.exemple.fr/…"),
    ("[x](https://exemple.org:http/)", "adresse « https://exemple.org:http/ » refusée : adresse illisible : "
     "attendu une adresse complète http(s)://…"),
    ('<a href="mailto:">x</a>', "adresse « mailto: » sans destinataire"),
    ('<a href=" javascript:alert(1)">x</a>',
     "adresse «  javascript:alert(1) » refusée : espace ou caractère de contrôle"),
    ('<a href="java&#9;script:alert(1)">x</a>',
     "adresse « java\tscript:alert(1) » refusée : espace ou caractère de contrôle"),
    ('<a href="jav&#x61;script:alert(1)">x</a>',
     f"adresse javascript: refusée (« javascript:alert(1) ») : {SEULS}"),
    # Images load nothing from elsewhere
    ("![x](file:///etc/passwd)",
     "image externe « file:///etc/passwd » refusée : placez l'image dans content/"),
    ("![x](https://evil.example/pixel.png)",
     "image externe « https://evil.example/pixel.png » refusée : placez l'image dans content/"),
    # Raw HTML that scripts, frames, forms, styles or refreshes
    ("<script>alert(1)</script>", "balise <script> interdite (script)"),
    ("Texte <script>alert(1)</script> en ligne", "balise <script> interdite (script)"),
    ("<SCRIPT>alert(1)</SCRIPT>", "balise <script> interdite (script)"),
    ("<scr<script>ipt>alert(1)</script>", "balise <script> interdite (script)"),
    ("<noscript><p>x</p></noscript>", "balise <noscript> interdite (script)"),
    ('<iframe src="https://evil.example"></iframe>', "balise <iframe> interdite (cadre)"),
    ('<frameset><frame src="x"></frameset>', "balise <frameset> interdite (cadre)"),
    ('<object data="x.swf"></object>', "balise <object> interdite (objet intégré)"),
    ('<embed src="x.swf">', "balise <embed> interdite (objet intégré)"),
    ('<form action="https://evil.example"><input name="p"></form>', "balise <form> interdite (formulaire)"),
    ("<button>Valider</button>", "balise <button> interdite (formulaire)"),
    ("<textarea>x</textarea>", "balise <textarea> interdite (formulaire)"),
    ('<meta http-equiv="refresh" content="0;url=https://evil.example">',
     "balise <meta> interdite (redirection ou métadonnée)"),
    ("<style>body { display: none }</style>", "balise <style> interdite (feuille de style)"),
    ('<link rel="stylesheet" href="https://evil.example/x.css">',
     "balise <link> interdite (feuille de style)"),
    ('<base href="https://evil.example/">', "balise <base> interdite (changement d'adresse de base)"),
    ("<svg onload=alert(1)></svg>", "balise <svg> interdite (image SVG active)"),
    ("<math><mi>x</mi></math>", "balise <math> interdite (formule active)"),
    ("<marquee>x</marquee>", "balise <marquee> interdite"),
    # Event handlers and free styles, in HTML or from attribute lists
    ("<img src=x onerror=alert(1)>", "attribut d'événement onerror interdit (script)"),
    ('<p onclick="alert(1)">x</p>', "attribut d'événement onclick interdit (script)"),
    ("<details open ontoggle=alert(1)><summary>x</summary>y</details>",
     "attribut d'événement ontoggle interdit (script)"),
    ("Texte\n{: onclick=\"alert(1)\" }", "attribut d'événement onclick interdit (script)"),
    ("[x](https://exemple.org){ onmouseover=alert(1) }",
     "attribut d'événement onmouseover interdit (script)"),
    ("# Titre { onfocus=alert(1) tabindex=1 }", "attribut d'événement onfocus interdit (script)"),
    ('<div style="position:fixed;top:0">x</div>', "attribut style interdit sur <div>"),
    ("Texte\n{: style=\"position:fixed\" }", "attribut style interdit sur <p>"),
    ('<table><tr><td style="background:url(x)">x</td></tr></table>',
     "attribut style interdit (mise en forme libre)"),
    ('<a href="https://exemple.org" target="_blank">x</a>', "attribut target interdit sur <a>"),
    ('<span data-md-component="search">x</span>', "attribut data-md-component interdit sur <span>"),
    ("[x](https://exemple.org){ formaction=https://evil.example }", "attribut formaction interdit sur <a>"),
    # Abbreviations come from the glossary only
    ("*[DPO]: Agent pirate", "définition d'abréviation « *[…]: » refusée : les infobulles viennent du "
     "glossaire (data/glossary.yml)"),
    ("   *[MOA]: Autre chose", "définition d'abréviation « *[…]: » refusée : les infobulles viennent du "
     "glossaire (data/glossary.yml)"),
]
ACCEPTED = [
    "**Gras**, *italique* et `<script>alert(1)</script>` en code.",
    "```\n<script>alert(1)</script>\n```",
    "[Adresse](https://exemple.org/a_(b)?x=1&y=2#z) et [courriel](mailto:contact@exemple.org).",
    "[Page du site](../roles/moa.md#responsabilites), [ancre](#haut) et [fichier](modeles/x.pdf).",
    "[Wikipédia](https://fr.wikipedia.org/wiki/Système_d'information)",
    "H<sub>2</sub>O, 10<sup>3</sup>, <abbr title=\"exemple\">ex.</abbr> et <br> un saut.",
    "| Colonne | Valeur |\n|:--|--:|\n| a | 1 |",
    '!!! note "À savoir"\n    Une note.\n\n??? tip "Détail"\n    Un détail.',
    "Terme\n:   Sa définition.",
    "Un texte qui parle de *[crochets]* sans définir d'abréviation.",
]


def block(text: str, indent: str = "  ") -> str:
    """A YAML literal block holding ``text``."""
    return "|\n" + "\n".join(indent + line if line else "" for line in text.split("\n"))


@pytest.mark.parametrize(("payload", "message"), REFUSED, ids=[p for p, _ in REFUSED])
def test_refused_markdown_names_file_line_and_field(corpus: Path, payload: str, message: str) -> None:
    relative = "data/resources/kit-rgpd.yml"
    key = line_of(corpus, relative, "description:")
    offset = 1 if payload.startswith("Texte\n") else 0
    with changed(corpus, relative, "description: Un kit pour se mettre en conformité avec le RGPD.",
                 f"description: {block(payload)}"):
        assert cli(corpus, "check").problems == [f"{relative}:{key + 1 + offset}: description: {message}"]


@pytest.mark.parametrize("payload", ACCEPTED)
def test_allowed_markdown_passes(corpus: Path, payload: str) -> None:
    with changed(corpus, "data/resources/kit-rgpd.yml",
                 "description: Un kit pour se mettre en conformité avec le RGPD.",
                 f"description: {block(payload)}"):
        result = cli(corpus, "check")
    assert result.code == 0, result.err


# Every Markdown field of every kind, and the pages ------------------------------------------

HOSTILE = "[x](javascript:alert(1))"
REASON = f"adresse javascript: refusée (« javascript:alert(1) ») : {SEULS}"
FIELDS = [
    ("data/sources.yml", "  url: https://exemple.org/guide", f"  url: https://exemple.org/guide\n"
     f"  description: '{HOSTILE}'", "description", "  description:"),
    ("data/glossary.yml", "definition: Personne chargée", f"definition: Voir {HOSTILE} Personne chargée",
     "definition", "definition: Voir"),
    ("data/roles.yml", "description: Celle qui porte", f"description: Voir {HOSTILE} Celle qui porte",
     "description", "description: Voir"),
    ("data/roles.yml", "  responsibilities: [Fixer les objectifs]",
     f"  responsibilities: [Fixer les objectifs]\n  in_mutualisation: '{HOSTILE}'",
     "in_mutualisation", "in_mutualisation"),
    ("data/roles.yml", "  responsibilities: [Fixer les objectifs]",
     f"  responsibilities: [Fixer les objectifs]\n  in_externalisation: '{HOSTILE}'",
     "in_externalisation", "in_externalisation"),
    ("data/phases.yml", "objective: Comprendre", f"objective: Voir {HOSTILE} Comprendre", "objective",
     "objective: Voir"),
    ("data/phases.yml", "  objective: Décider ensemble.", f"  objective: Décider ensemble.\n"
     f"  description: '{HOSTILE}'", "description", "description:"),
    ("data/phases.yml", "      title: Go / no go", f"      title: Go / no go\n      objective: '{HOSTILE}'",
     "steps[0].objective", "objective: '"),
    ("data/phases.yml", "      title: Go / no go", f"      title: Go / no go\n      description: '{HOSTILE}'",
     "steps[0].description", "description: '"),
    ("data/resources/kit-rgpd.yml", "description: Un kit", f"description: Voir {HOSTILE} Un kit",
     "description", "description:"),
    ("data/case-studies/groupement-essai.yml", "scope: Un technicien", f"scope: Voir {HOSTILE} Un technicien",
     "scope", "scope:"),
    ("data/case-studies/groupement-essai.yml", "kind: mutualisation", f"kind: mutualisation\n"
     f"summary: '{HOSTILE}'", "summary", "summary:"),
]


@pytest.mark.parametrize(("relative", "old", "new", "field", "needle"), FIELDS,
                         ids=[f"{f[0]}:{f[3]}" for f in FIELDS])
def test_every_markdown_field_is_judged(corpus: Path, relative: str, old: str, new: str, field: str,
                                        needle: str) -> None:
    with changed(corpus, relative, old, new):
        line = line_of(corpus, relative, needle)
        assert cli(corpus, "check").problems == [f"{relative}:{line}: {field}: {REASON}"]


PAGES = [
    ("\n<script>alert(1)</script>\n", 6, "balise <script> interdite (script)"),
    ("\nTexte.\n\n[x](javascript:alert(1))\n", 8, REASON),
    ("\n*[DPO]: Agent pirate\n", 6, "définition d'abréviation « *[…]: » refusée : les infobulles "
     "viennent du glossaire (data/glossary.yml)"),
    ("\n[Sortie](../../../etc/passwd)\n", 6, "chemin « ../../../etc/passwd » hors du site"),
    ('\n<iframe src="file:///etc/passwd"></iframe>\n', 6, "balise <iframe> interdite (cadre)"),
    ("\n![Carte](https://evil.example/carte.png)\n", 6,
     "image externe « https://evil.example/carte.png » refusée : placez l'image dans content/"),
    ("\n## Titre { #x onclick=alert(1) }\n", 6, "attribut d'événement onclick interdit (script)"),
]


@pytest.mark.parametrize(("body", "line", "message"), PAGES, ids=[p[2][:30] for p in PAGES])
def test_pages_are_judged_at_their_line(corpus: Path, body: str, line: int, message: str) -> None:
    with changed(corpus, "content/a-propos.md", "\nCe guide d'essai", body + "\nCe guide d'essai"):
        assert cli(corpus, "check").problems == [f"content/a-propos.md:{line}: {message}"]
