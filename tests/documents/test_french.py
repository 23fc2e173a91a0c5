"""Correct French in every document: articles, elision and contraction derived from the nouns,
agreement, numbers as legal drafting writes them, non-breaking spaces where French puts them.

The matrix renders the three documents for every legal form × member kind × body name and
scans them; the scan must itself be able to fail."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from filling import BLANKS, GCS, LARGE, SMALL, grammar_errors, html_text, rendered

from generator.documents.grammar import agree, article, counted, in_words, preposition

KINDS = [  # name, feminine
    ("EHPAD Les Tilleuls", False), ("MAS Les Cèdres", True), ("IME Les Coteaux", False),
    ("SSIAD du Pays d'Ormeau", False), ("Foyer de vie Les Hirondelles", False),
    ("Maison d'enfants Les Pins", True), ("Centre hospitalier de Lize", False),
    ("Clinique du Parc", True), ("Hôpital local d'Arvelle", False),
    ("Résidence Les Lilas", True), ("USLD Les Pins", True), ("ESAT Les Ateliers", False),
    ("Unité de soins de longue durée", True), ("Institut d'éducation motrice", False),
    ("Hameau de la Source", False),
]
BODIES = ["Comité stratégique", "Commission des usagers", "Conseil de coordination",
          "Instance de pilotage", "Bureau", "Équipe d'animation", "Groupe de travail"]
EXAMPLES = {"convention": SMALL, "gcs-de-moyens": GCS, "gcsms": LARGE}


def test_articles_contractions_and_agreement_come_from_the_nouns() -> None:
    assert article("EHPAD La Source") == "l'EHPAD La Source"
    assert article("MAS Les Cèdres", "du") == "de la MAS Les Cèdres"
    assert article("Comité stratégique", "au") == "au Comité stratégique"
    assert article("Assemblée générale", "au") == "à l'Assemblée générale"
    assert article("Hôpital local", "du") == "de l'Hôpital local"
    assert article("Hameau de la Joie") == "le Hameau de la Joie"  # h aspiré
    assert article("Le Clos des Aulnes", "du") == "du Clos des Aulnes"
    assert article("Les Ateliers du Moulin", "au") == "aux Ateliers du Moulin"
    assert article("groupement de coopération sanitaire de moyens", "d'un") == \
        "d'un groupement de coopération sanitaire de moyens"
    assert article("convention de coopération", "d'un") == "d'une convention de coopération"
    assert preposition("le délégué à la protection des données") == \
        "du délégué à la protection des données"
    assert preposition("les membres", "à") == "aux membres"
    assert preposition("Arvelle") == "d'Arvelle"
    assert agree("dénommé", "groupement de coopération") == "dénommé"
    assert agree("dénommé", "convention de coopération") == "dénommée"
    assert agree("représenté", "Association Les Amis") == "représentée"
    assert agree("immatriculé", "[Membre 1]") == "immatriculé(e)"


def test_numbers_as_legal_drafting_writes_them() -> None:
    assert [in_words(n) for n in (1, 12, 21, 71, 80, 81, 99, 200, 201, 1000, 80000)] == [
        "un", "douze", "vingt et un", "soixante et onze", "quatre-vingts", "quatre-vingt-un",
        "quatre-vingt-dix-neuf", "deux cents", "deux cent un", "mille", "quatre-vingt mille"]
    assert counted(3, "ans") == "trois (3) ans"
    assert counted(1, "ans") == "un (1) an"
    assert counted(7, "exemplaires") == "sept (7) exemplaires"


def test_the_scan_finds_the_mistakes_it_looks_for() -> None:
    for wrong in ("exercent leurs droits auprès de le délégué", "prend la forme d'une groupement",
                  "décidée par le Assemblée générale", "au nom de les membres",
                  "pour le compte de Le Clos des Aulnes", "du l'EHPAD", "un texte , puis",
                  "par le le Comité"):
        assert grammar_errors(wrong), wrong
    assert grammar_errors("de l'EHPAD, du Comité, aux membres, d'un groupement, 1 500,00 €") == []


def _block(path: Path, key: str) -> str:
    """The lines of a top-level key of a groupement file."""
    text = path.read_text(encoding="utf-8")
    block = text[text.index(f"\n{key}:\n") + 1:]
    return block[:re.search(r"\n[a-z_]+:\n", block).start() + 1]


def _members(path: Path) -> list[str]:
    return re.findall(r"^  - id: [a-z0-9-]+\n    name: (.+)$", _block(path, "members"), re.M)


def _bodies(path: Path) -> list[str]:
    return re.findall(r"^    - id: [a-z0-9-]+\n      name: (.+)$", _block(path, "governance"),
                      re.M)


def _cases() -> list[tuple[str, int]]:
    """Each legal form with every member kind: as many kinds per groupement as it has members."""
    cases = []
    for form, path in EXAMPLES.items():
        size = len(_members(path))
        cases += [(form, start) for start in range(0, len(KINDS), size)]
    return cases


@pytest.mark.parametrize("form, start", _cases())
def test_every_legal_form_member_kind_and_body_reads_right(tmp_path: Path, form: str,
                                                           start: int) -> None:
    source = EXAMPLES[form]
    text = source.read_text(encoding="utf-8")
    kinds = (KINDS * 2)[start:start + len(_members(source))]
    for old, (new, _) in zip(_members(source), kinds, strict=True):
        text = text.replace(f"    name: {old}\n", f"    name: {new}\n", 1)
    bodies = [b for b in _bodies(source) if b != "Assemblée générale"]
    chosen = [BODIES[(start + i) % len(BODIES)] for i in range(len(bodies))]
    for old, new in zip(bodies, chosen, strict=True):
        text = text.replace(f"      name: {old}\n", f"      name: {new}\n", 1)
    path = tmp_path / source.name
    path.write_text(text, encoding="utf-8")
    documents = rendered(path)
    for stem, markup in documents.items():
        assert grammar_errors(html_text(markup)) == [], (form, stem)
    convention = " ".join(html_text(documents["convention"]).replace("\u00a0", " ").split())
    heading = convention.index("Entre les soussignés", convention.index("Entre les soussignés") + 1)
    parties = convention[heading:convention.index(" Vu ", heading)]
    for name, feminine in kinds:
        after = parties[parties.index(name):]
        participle = re.search(r"\b(immatriculée?) au fichier FINESS", after).group(1)
        assert participle.endswith("e") == feminine, (name, participle)
    for body in chosen:
        assert body in convention
        assert grammar_errors(f"décidée par {article(body)}") == []


@pytest.mark.parametrize("path, blank", [(SMALL, False), (GCS, False), (LARGE, False),
                                         *[(p, True) for p in BLANKS.values()]])
def test_no_grammar_error_and_french_spaces_in_every_example_and_blank(path: Path,
                                                                        blank: bool) -> None:
    for stem, markup in rendered(path, blank).items():
        text = html_text(markup)
        assert grammar_errors(text) == [], (path.name, stem)
        ordinary = re.findall(r".{0,30} [;:!?»].{0,10}|.{0,10}« .{0,30}", text)
        assert ordinary == [], (path.name, stem, ordinary[:3])
