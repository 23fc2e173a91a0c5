"""Each legal form with its mandatory clauses: refused what it forbids, asked what it requires,
every clause of theme/documents/clauses.yml present in the convention with its article."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from filling import BLANKS, GCS, LARGE, SMALL, failing, flat, html_text, line_of, rendered

from generator.documents.legal import SOURCES

CLAUSES = yaml.safe_load((ROOT / "theme" / "documents" / "clauses.yml").read_text(encoding="utf-8"))
EXAMPLES = {"convention": SMALL, "gcs-de-moyens": GCS, "gcsms": LARGE}


def test_a_gcsms_without_an_assemblee_generale_is_an_error_citing_its_article(
        tmp_path: Path) -> None:
    found, text, path = failing(tmp_path, ("      kind: assemblee-generale\n", ""), source=LARGE)
    assert found == [f"{path}:{line_of(text, '  bodies:')}: governance.bodies: un GCSMS délibère "
                     "en assemblée générale de tous ses membres (code de l'action sociale et des "
                     "familles, article R. 312-194-21) : déclarez cette instance avec "
                     "kind: assemblee-generale"]


def test_a_gcsms_admits_members_unanimously_through_its_assembly(tmp_path: Path) -> None:
    found, text, path = failing(
        tmp_path, ("  admission_body: assemblee-generale\n",
                   "  admission_body: comite-pilotage\n  admission_majority: à la majorité "
                   "des deux tiers\n"), source=LARGE)
    assert found == [
        f"{path}:{line_of(text, 'admission_body: comite-pilotage')}: membership.admission_body: "
        "l'adhésion est décidée par l'assemblée générale (code de l'action sociale et des "
        "familles, article R. 312-194-21) : écrivez admission_body: assemblee-generale",
        f"{path}:{line_of(text, 'admission_majority:')}: membership.admission_majority: "
        "l'admission d'un membre se décide à l'unanimité des membres présents ou représentés "
        "(code de l'action sociale et des familles, article R. 312-194-22) : supprimez "
        "admission_majority ou écrivez « à l'unanimité des membres présents ou représentés »"]


def test_a_gcsms_needs_its_legal_entity_and_pays_its_own_expenses(tmp_path: Path) -> None:
    found, text, path = failing(tmp_path, ("legal_entity:\n  nature: privee\n  administrator_term: 3\n",
                                           ""), ("  carrier: groupement", "  carrier: ehpad-la-source"),
                                source=LARGE)
    assert found == [
        f"{path}:{line_of(text, 'legal_form: gcsms')}: groupement.legal_form: un GCSMS est une "
        "personne morale (code de l'action sociale et des familles, article L. 312-7, 3°) : "
        "ajoutez le bloc legal_entity (nature, capital, mandat de l'administrateur)",
        f"{path}:{line_of(text, 'carrier: ehpad-la-source')}: finances.carrier: un GCSMS a son "
        "propre budget (code de l'action sociale et des familles, article R. 312-194-21, 1°) : "
        "écrivez carrier: groupement"]


def test_a_gcsms_administrator_serves_three_years(tmp_path: Path) -> None:
    found, text, path = failing(tmp_path, ("  administrator_term: 3", "  administrator_term: 5"),
                                source=LARGE)
    assert found == [f"{path}:{line_of(text, 'administrator_term: 5')}: legal_entity."
                     "administrator_term: l'administrateur d'un GCSMS est nommé pour trois ans "
                     "renouvelables (code de l'action sociale et des familles, article "
                     "R. 312-194-23) : écrivez 3 ou supprimez la ligne"]


def test_a_gcs_includes_a_health_establishment_and_gets_the_nature_its_members_give(
        tmp_path: Path) -> None:
    found, text, path = failing(tmp_path, ("    sector: sante\n    status: public", "    status: public"),
                                ("    sector: sante\n    status: prive-lucratif",
                                 "    status: public"),
                                ("    manager: sante-du-parc\n", "    representative: directrice\n"
                                                               "    capacity: directrice\n"),
                                ("  nature: publique", "  nature: privee"), source=GCS)
    assert f"{path}:{line_of(text, 'members:')}: members: un GCS de moyens comprend au moins " \
        "un établissement de santé (code de la santé publique, article L. 6133-2) : indiquez " \
        "sector: sante pour ce membre" in found
    assert f"{path}:{line_of(text, 'nature: privee')}: legal_entity.nature: tous les membres " \
           "sont publics : le groupement est une personne morale de droit public (code de la " \
           "santé publique, article L. 6133-3) ; écrivez nature: publique" in found


def test_a_convention_creates_no_legal_person(tmp_path: Path) -> None:
    found, text, path = failing(tmp_path, ("members:\n", "legal_entity:\n  capital: 1000\n\nmembers:\n"),
                                ("      employer: ehpad-les-tilleuls", "      employer: groupement"))
    assert found == [
        f"{path}:{line_of(text, 'legal_entity:')}: legal_entity: une convention de coopération ne "
        "crée pas de personne morale : supprimez legal_entity, ou choisissez gcs-de-moyens ou "
        "gcsms",
        f"{path}:{line_of(text, 'employer: groupement')}: pooling.services[0].employer: une "
        "convention de coopération n'a pas de personnalité morale : le groupement ne peut pas "
        "être employeur ; désignez un membre ou un prestataire"]


def test_error_messages_cite_articles_the_clauses_cite_too() -> None:
    """legal.py and clauses.yml cite the same texts, so a jurist checks one set of articles."""
    for form, subjects in SOURCES.items():
        cited = " ".join(a for clause in CLAUSES["forms"][form] for s in clause["sources"]
                         for a in s["articles"])
        for source in subjects.values():
            article = re.search(r"articles? ([LR]\. [\d-]+)", source).group(1)
            assert article in cited, (form, article)


@pytest.mark.parametrize("form", ["convention", "gcs-de-moyens", "gcsms"])
def test_every_mandatory_clause_is_in_the_example_and_the_blank_with_its_source(form: str) -> None:
    for path, blank in ((EXAMPLES[form], False), (BLANKS[form], True)):
        html = rendered(path, blank)["convention"]
        ids = set(re.findall(r' id="([^"]+)"', html))
        annex = flat(html_text(html[html.index('id="annexe-mentions"'):]))
        text = flat(html_text(html))
        for clause in CLAUSES["forms"][form]:
            assert clause["article"] in ids, (path.name, clause["id"])
            assert flat(clause["mention"]) in annex, (path.name, clause["id"])
            for source in clause["sources"]:
                for article in source["articles"]:
                    assert article.split(",")[0] in annex, (path.name, article)
            if clause.get("check"):
                assert flat(clause["check"]) in text, (path.name, clause["id"])


@pytest.mark.parametrize("form", ["gcs-de-moyens", "gcsms"])
def test_a_legal_person_has_every_article_a_constitutive_act_needs(form: str) -> None:
    text = flat(html_text(rendered(EXAMPLES[form])["convention"]))
    for title in ("Nature juridique, personnalité morale et capital", "Administrateur",
                  "Droits et obligations des membres", "Régime budgétaire et comptable",
                  "Responsabilité à l'égard des dettes", "Dissolution et liquidation",
                  "Approbation et publication", "Moyens et personnels", "Durée"):
        assert title in text, title
    assert "présidée par l'administrateur du groupement" in text
    assembly = text.split("Assemblée générale")[1][:600]
    assert "L'instance désigne son président en début de séance" not in assembly


def test_a_convention_says_it_is_no_legal_person_and_no_groupement_acts() -> None:
    text = flat(html_text(rendered(SMALL)["convention"]))
    assert "Elle ne crée pas de personne morale distincte des membres" in text
    for absent in ("Administrateur", "personnalité morale à compter", "le groupement recrute"):
        assert absent not in text
