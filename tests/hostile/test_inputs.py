"""Bad and hostile files, guide data, pages and groupement files alike: every one is a
French message at the file and line of the mistake, never a traceback, a hang or a
memory blow-up."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from conftest import cli
from corpus import changed, corpus_fixture, line_of  # noqa: F401 - a fixture

ROLES = "data/roles.yml"
GROUPEMENT = "data/groupements/trois-esms.yml"
BOMB = "a: &a [" + ", ".join(["lol"] * 9) + "]\n" + "".join(
    f"{chr(97 + i)}: &{chr(97 + i)} [" + ", ".join([f"*{chr(96 + i)}"] * 9) + "]\n" for i in range(1, 12))
"""Twelve levels of nine aliases each: 9¹² nodes once expanded."""
ALIAS = "alias YAML « *a » refusé : recopiez la valeur (les ancres & et alias * ne sont pas acceptés)"


def only_problem(root: Path) -> str:
    (problem,) = cli(root, "check").problems
    return problem


# YAML, bounded ------------------------------------------------------------------------------

YAML_CASES = [
    ("alias bomb", BOMB, 2, ALIAS),
    ("merge key", "- &a {id: x}\n- <<: *a\n  name: y\n", 2, ALIAS),
    ("python tag", "- !!python/object/apply:os.system [echo pirate]\n", 1,
     "étiquette YAML « !!python/object/apply:os.system » refusée : retirez-la"),
    ("python name", "- id: !!python/name:os.system x\n", 1,
     "étiquette YAML « !!python/name:os.system » refusée : retirez-la"),
    ("binary", "- id: !!binary aGk=\n", 1, "étiquette YAML « !!binary » refusée : retirez-la"),
    ("set", "- !!set {a, b}\n", 1, "étiquette YAML « !!set » refusée : retirez-la"),
    ("local tag", "- !pirate x\n", 1, "étiquette YAML « !pirate » refusée : retirez-la"),
    ("deep nesting", "- " + "[" * 200 + "]" * 200 + "\n", 1,
     "imbrication trop profonde (plus de 40 niveaux)"),
    ("unclosed bracket", "- id: moa\n  responsibilities: [Fixer\n  name: x\n  family: y\n", 2,
     "syntaxe YAML invalide : crochet « [ » ouvert ici et jamais fermé (ou virgule manquante entre "
     "deux éléments)"),
    ("unclosed brace", "- {id: moa, name: x\n- id: b\n", 1, "syntaxe YAML invalide : accolade « { » "
     "ouverte ici et jamais fermée (ou virgule manquante entre deux éléments)"),
    ("unclosed double quote", "- id: moa\n  name: \"Maîtrise\n  family: x\n\n\n", 2,
     "syntaxe YAML invalide : guillemet ouvert ici et jamais fermé"),
    ("unclosed single quote", "- id: moa\n\n  name: 'Maîtrise d''ouvrage\n  family: x\n", 3,
     "syntaxe YAML invalide : guillemet ouvert ici et jamais fermé"),
    ("windows path in double quotes", '- id: moa\n  name: "C:\\Sauvegardes"\n', 2,
     "syntaxe YAML invalide : séquence « \\ » inconnue entre guillemets doubles : doublez la barre "
     "oblique inverse (\\\\) ou utilisez des guillemets simples"),
    ("tab indentation", "- id: moa\n\tname: x\n", 2,
     "syntaxe YAML invalide : tabulation interdite, indentez avec des espaces"),
    ("colon in value", "- id: moa\n  name: Rôle : MOA: x\n", 2, "syntaxe YAML invalide : deux-points "
     "inattendu : mettez le texte entre guillemets, ou vérifiez l'indentation"),
    ("at sign", "- id: moa\n  name: @moa\n", 2, "syntaxe YAML invalide : « @ » ne peut pas commencer "
     "une valeur, mettez le texte entre guillemets"),
    ("backquote", "- id: moa\n  name: `moa`\n", 2, "syntaxe YAML invalide : « ` » ne peut pas "
     "commencer une valeur, mettez le texte entre guillemets"),
    ("bad indentation", "- id: moa\n  name: x\n family: y\n", 3, "syntaxe YAML invalide : "
     "indentation incohérente : un élément « - » était attendu à ce niveau"),
    ("surrogate escape", '- id: moa\n  name: "\\ud800"\n', 2, "syntaxe YAML invalide : code de "
     "caractère « \\u… » invalide entre guillemets"),
    ("empty", "", 1, "le fichier est vide"),
    ("comments only", "# rien\n", 1, "le fichier est vide"),
]


@pytest.mark.parametrize(("text", "line", "message"), [c[1:] for c in YAML_CASES],
                         ids=[c[0] for c in YAML_CASES])
def test_guide_yaml(corpus: Path, text: str, line: int, message: str) -> None:
    with changed(corpus, ROLES, None, text):
        started = time.monotonic()
        problem = only_problem(corpus)
    assert time.monotonic() - started < 10
    prefix = f"{ROLES}:{line}: "
    assert problem == prefix + message


@pytest.mark.parametrize(("text", "line", "message"), [c[1:] for c in YAML_CASES[:8]],
                         ids=[c[0] for c in YAML_CASES[:8]])
def test_groupement_yaml(corpus: Path, text: str, line: int, message: str) -> None:
    with changed(corpus, GROUPEMENT, None, text):
        assert only_problem(corpus) == f"{GROUPEMENT}:{line}: {message}"


RAW_CASES = [
    ("latin-1", "- id: moa\n  name: Maîtrise\n".encode("latin-1"), 2,
     "octet 0xEE invalide : le fichier n'est pas encodé en UTF-8 (enregistrez-le en UTF-8)"),
    ("raw NUL", b"- id: moa\n\n  name: a\x00b\n", 3, "caractère de contrôle U+0000 interdit : supprimez-le"),
    ("raw escape", b"- id: moa\n  name: a\x1b[31mb\n", 2,
     "caractère de contrôle U+001B interdit : supprimez-le"),
    ("too large", b"- id: moa\n  name: " + b"x" * 1_200_000 + b"\n", 1,
     "fichier trop volumineux (1,2\u00a0Mo) : au plus 1\u00a0Mo par fichier, découpez-le"),
]


@pytest.mark.parametrize(("data", "line", "message"), [c[1:] for c in RAW_CASES],
                         ids=[c[0] for c in RAW_CASES])
@pytest.mark.parametrize("relative", [ROLES, GROUPEMENT])
def test_raw_bytes(corpus: Path, relative: str, data: bytes, line: int, message: str) -> None:
    with changed(corpus, relative, None, data):
        assert only_problem(corpus) == f"{relative}:{line}: {message}"


def test_byte_order_mark_and_windows_line_ends_are_read(corpus: Path) -> None:
    roles = (corpus / ROLES).read_bytes()
    page = (corpus / "content/a-propos.md").read_bytes()
    with changed(corpus, ROLES, None, b"\xef\xbb\xbf" + roles.replace(b"\n", b"\r\n")), \
            changed(corpus, "content/a-propos.md", None, b"\xef\xbb\xbf" + page.replace(b"\n", b"\r\n")):
        result = cli(corpus, "check")
    assert result.code == 0, result.err


# Pages ---------------------------------------------------------------------------------------

PAGE_CASES = [
    ("latin-1", "---\ntitle: Page\n---\n\nUne règle.\n".encode("latin-1"), 5,
     "octet 0xE8 invalide : le fichier n'est pas encodé en UTF-8 (enregistrez-le en UTF-8)"),
    ("no header", "Un texte sans en-tête.\n".encode(), 1, "en-tête YAML manquant (--- title: … ---)"),
    ("header alias", b"---\ntitle: &t Page\ndescription: *t\n---\nx\n", 3,
     "alias YAML « *t » refusé : recopiez la valeur (les ancres & et alias * ne sont pas acceptés)"),
    ("header tag", b"---\ntitle: !!python/object:os.system x\n---\nx\n", 2,
     "étiquette YAML « !!python/object:os.system » refusée : retirez-la"),
    ("header unclosed quote", b"---\ntitle: \"Page\ndescription: x\n---\nx\n", 2,
     "syntaxe YAML invalide : guillemet ouvert ici et jamais fermé"),
    ("raw control", b"---\ntitle: Page\n---\n\nUn \x07 signal.\n", 5,
     "caractère de contrôle U+0007 interdit : supprimez-le"),
]


@pytest.mark.parametrize(("data", "line", "message"), [c[1:] for c in PAGE_CASES],
                         ids=[c[0] for c in PAGE_CASES])
def test_pages(corpus: Path, data: bytes, line: int, message: str) -> None:
    with changed(corpus, "content/comprendre/nouvelle.md", None, data):
        assert only_problem(corpus) == f"content/comprendre/nouvelle.md:{line}: {message}"


SHADOWS = ["glossaire.md", "index.md", "sources.md", "roles/moa.md", "roles/index.md",
           "etapes/etape-1-anticiper.md", "ressources/kit-rgpd.md", "ressources/par-etape.md",
           "retours-experience/groupement-essai.md", "parcours/index.md"]


@pytest.mark.parametrize("relative", SHADOWS)
def test_a_page_may_not_shadow_a_generated_one(corpus: Path, relative: str) -> None:
    with changed(corpus, f"content/{relative}", None, "---\ntitle: Piège\n---\n\nRemplacée.\n"):
        assert only_problem(corpus) == (f"content/{relative}:1: cette page remplacerait la page "
                                        f"générée « {relative} » : renommez-la ou déplacez-la")


@pytest.mark.parametrize("relative", ["pdf/guide-mutualisation-si.pdf", "assets/logo.png"])
def test_a_file_may_not_land_in_a_generated_folder(corpus: Path, relative: str) -> None:
    with changed(corpus, f"content/{relative}", None, b"%PDF-1.7 faux"):
        assert only_problem(corpus) == (
            f"content/{relative}:1: ce fichier est dans un dossier que le générateur remplit "
            f"(« {relative.split('/')[0]}/ ») : déplacez-le")


# Only regular files are published ------------------------------------------------------------

LINK = "lien symbolique refusé : seuls les fichiers ordinaires sont publiés"


@pytest.mark.parametrize(("relative", "target"), [
    ("content/modeles/x.txt", "/etc/passwd"),
    ("content/comprendre/secret.md", "/etc/hostname"),
    ("content/partage", "/etc"),
    ("data/resources/x.yml", "/etc/passwd"),
    ("theme/pages/extra.md.j2", "/etc/passwd"),
    ("theme/assets/x.css", "../../mkdocs.yml"),
])
def test_symbolic_links_are_refused(corpus: Path, relative: str, target: str) -> None:
    link = corpus / relative
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(target)
    try:
        result = cli(corpus, "check")
    finally:
        link.unlink()
    assert result.problems == [f"{relative}:1: {LINK}"]
    assert "root:" not in result.err


def test_a_pipe_is_refused_without_hanging(corpus: Path) -> None:
    fifo = corpus / "content" / "tube.md"
    os.mkfifo(fifo)
    try:
        result = cli(corpus, "check")
    finally:
        fifo.unlink()
    assert result.problems == ["content/tube.md:1: fichier spécial refusé (périphérique, tube ou "
                               "socket) : seuls les fichiers ordinaires sont publiés"]


# Addresses, parsed --------------------------------------------------------------------------

URL_CASES = [
    ("https://exemple.org/x)<script>alert(1)</script>", "caractère « < » interdit (encodez-le : %3C ; "
     "une adresse ne contient ni espace, ni guillemet, ni chevron)"),
    ('https://exemple.org/x"onmouseover="alert(1)', "caractère « \" » interdit (encodez-le : %22 ; "
     "une adresse ne contient ni espace, ni guillemet, ni chevron)"),
    ("https://exemple.org/a b", "caractère U+0020 interdit (encodez-le : %20 ; une adresse ne "
     "contient ni espace, ni guillemet, ni chevron)"),
    ("https://exemple.org/{x}", "caractère « { » interdit (encodez-le : %7B ; une adresse ne contient "
     "ni espace, ni guillemet, ni chevron)"),
    ("javascript:alert(1)", "attendu une adresse complète http(s)://…"),
    ("file:///etc/passwd", "attendu une adresse complète http(s)://…"),
    ("ftp://exemple.org/x", "attendu une adresse complète http(s)://…"),
    ("exemple.org/guide", "attendu une adresse complète http(s)://…"),
    ("//exemple.org/guide", "attendu une adresse complète http(s)://…"),
    ("https://user:secret@exemple.org/", "identifiant ou mot de passe dans l'adresse refusé (…@…)"),
    ("https://localhost/", "nom de domaine invalide « localhost » : attendu par exemple "
     "https://www.exemple.fr/…"),
    ("http://[::1]/", "nom de domaine invalide « ::1 » : attendu par exemple https://www.exemple.fr/…"),
    ("https://exemple.org:99999/", "adresse illisible : attendu une adresse complète http(s)://…"),
    ("https://-exemple.org/", "nom de domaine invalide « -exemple.org » : attendu par exemple "
     "https://www.exemple.fr/…"),
]


@pytest.mark.parametrize(("url", "message"), URL_CASES, ids=[u for u, _ in URL_CASES])
def test_addresses_are_parsed(corpus: Path, url: str, message: str) -> None:
    relative = "data/resources/kit-rgpd.yml"
    with changed(corpus, relative, "url: https://exemple.org/kit-rgpd", f"url: '{url}'"):
        shown = url if len(url) <= 80 else url[:77] + "…"
        assert only_problem(corpus) == (f"{relative}:6: url: adresse invalide « {shown} » : {message}")


@pytest.mark.parametrize("url", ["https://exemple.org/a_(b)?x=1&y=%20#z", "https://fr.wikipedia.org/wiki/Été",
                                 "http://exemple.org:8080/", "https://café.exemple.fr/"])
def test_real_addresses_pass(corpus: Path, url: str) -> None:
    with changed(corpus, "data/resources/kit-rgpd.yml", "url: https://exemple.org/kit-rgpd", f"url: '{url}'"):
        assert cli(corpus, "check").code == 0


# Characters the PDFs can print ---------------------------------------------------------------

GLYPHS = [
    ("😀", "émoji « 😀 » (U+1F600) refusé : les PDF l'imprimeraient avec une police du système ; "
     "écrivez un mot ou un symbole simple (✓, →, ★)"),
    ("⚠️", "sélecteur d'émoji (U+FE0F) après « ⚠ » refusé : les PDF l'imprimeraient avec une police "
     "du système ; supprimez-le"),
    ("⭐", "caractère « ⭐ » (U+2B50, white medium star) absent des polices des PDF : remplacez-le ou "
     "supprimez-le"),
    ("丁", "caractère « 丁 » (U+4E01, cjk unified ideograph-4e01) absent des polices des PDF : "
     "remplacez-le ou supprimez-le"),
]


@pytest.mark.parametrize(("character", "message"), GLYPHS, ids=[g[1][:20] for g in GLYPHS])
@pytest.mark.parametrize(("relative", "old"), [
    ("data/phases.yml", "title: Anticiper et comprendre"),
    ("content/a-propos.md", "Ce guide d'essai parle"),
    (GROUPEMENT, "Coopération numérique du Val d'Ormeau"),
])
def test_unprintable_characters_name_file_and_line(corpus: Path, relative: str, old: str,
                                                   character: str, message: str) -> None:
    line = line_of(corpus, relative, old)
    with changed(corpus, relative, old, f"{old} {character}"):
        assert cli(corpus, "check").problems == [f"{relative}:{line}: {message}"]


def test_symbols_of_the_sources_are_printable(corpus: Path) -> None:
    with changed(corpus, "data/phases.yml", "title: Anticiper et comprendre",
                 "title: Anticiper ✓ √ → ★ ☐ ≤ ≥ ⚠ et comprendre"):
        assert cli(corpus, "check").code == 0


# Groupements: values and keys ----------------------------------------------------------------

def test_a_key_that_cannot_apportion_names_key_and_members(corpus: Path) -> None:
    text = (corpus / GROUPEMENT).read_text(encoding="utf-8")
    assert "method: mixte" in text and "basis: places" in text
    zeroed = "\n".join(line.split(":")[0] + ": 0" if line.strip().startswith("places:") else line
                       for line in text.split("\n"))
    with changed(corpus, GROUPEMENT, None, zeroed):
        line = line_of(corpus, GROUPEMENT, "basis: places")
        assert only_problem(corpus) == (
            f"{GROUPEMENT}:{line}: finances.key.basis: la clé « mixte » ne peut rien répartir : "
            "« places » vaut 0 pour tous les membres (ehpad-les-tilleuls, fam-clos-des-aulnes, "
            "ime-les-coteaux) ; "
            "donnez leurs chiffres ou choisissez une autre clé")


@pytest.mark.parametrize(("escape", "code"), [("\\v", "000B"), ("\\x01", "0001"), ("\\0", "0000"),
                                               ("\\e", "001B"), ("\\x7f", "007F")])
def test_groupement_values_with_control_characters(corpus: Path, escape: str, code: str) -> None:
    old = "name: Coopération numérique du Val d'Ormeau"
    line = line_of(corpus, GROUPEMENT, old)
    with changed(corpus, GROUPEMENT, old, f'name: "Coopération{escape} numérique"'):
        assert only_problem(corpus) == (f"{GROUPEMENT}:{line}: groupement.name: caractère de "
                                        f"contrôle U+{code} interdit dans la valeur : supprimez-le")


@pytest.mark.parametrize(("escape", "code"), [("\\0", "0000"), ("\\v", "000B"), ("\\x9b", "009B"),
                                               ("\\r", "000D"), ("\\uFFFE", "FFFE")])
def test_guide_values_with_control_characters(corpus: Path, escape: str, code: str) -> None:
    old = "name: Maîtrise d'ouvrage"
    line = line_of(corpus, ROLES, old)
    with changed(corpus, ROLES, old, f'name: "Maîtrise{escape} d\'ouvrage"'):
        assert only_problem(corpus) == (f"{ROLES}:{line}: name: caractère de contrôle "
                                        f"U+{code} interdit dans la valeur : supprimez-le")


@pytest.mark.parametrize("relative", ["content/piege.html", "content/modeles/carte.svg",
                                      "content/script.js", "content/comprendre/page.xhtml",
                                      "content/style.css", "content/LISEZMOI"])
def test_files_a_browser_would_run_are_refused(corpus: Path, relative: str) -> None:
    suffix = Path(relative).suffix or "sans extension"
    with changed(corpus, relative, None, b"<script>alert(1)</script>"):
        assert only_problem(corpus) == (
            f"{relative}:1: type de fichier refusé ({suffix}) : seuls les pages .md, les images, "
            "les PDF et les documents bureautiques sont publiés")


def test_images_and_documents_are_published(corpus: Path) -> None:
    with changed(corpus, "content/modeles/schema.png", None, b"\x89PNG\r\n"), \
            changed(corpus, "content/modeles/modele.docx", None, b"PK"):
        assert cli(corpus, "check").code == 0
