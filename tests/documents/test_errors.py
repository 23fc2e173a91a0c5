"""Bad groupement files: every problem at once, at its exact line, in words a French writer
understands, and nothing written. Run in-process (``cli``), as fast as a check."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import ROOT
from filling import GCS, LARGE, SMALL, failing, fill_cli, line_of, nth_line, problems, rendered

from generator.documents.checks import load_groupement


def test_yaml_syntax_error(tmp_path: Path) -> None:
    found, text, path = failing(tmp_path, ("  acronym: CNVO", "  acronym: [CNVO"))
    assert len(found) == 1
    assert found[0].startswith(f"{path}:{line_of(text, '  acronym: [CNVO')}: syntaxe YAML "
                               "invalide")


def test_colon_inside_a_value_asks_for_quotes_at_the_line_where_the_value_starts(
        tmp_path: Path) -> None:
    found, text, path = failing(
        tmp_path, ("    capacity: directrice\n", "    capacity: directrice : intérim\n"))
    assert found == [f"{path}:{line_of(text, 'capacity: directrice : intérim')}: members[0]."
                     "capacity: deux-points suivi d'une espace dans un texte : mettez le texte "
                     "entre guillemets, par exemple capacity: \"directrice : intérim\""]


def test_colon_in_a_value_on_several_lines_names_its_first_line(tmp_path: Path) -> None:
    found, text, path = failing(tmp_path, (
        "  calls_for_funds: deux appels par an, en janvier et en juillet, sur la base du budget voté",
        "  calls_for_funds: deux appels par an,\n    en janvier et en juillet : sur la base du budget"))
    assert found == [f"{path}:{line_of(text, 'calls_for_funds:')}: finances.calls_for_funds: "
                     "deux-points suivi d'une espace dans un texte : mettez le texte entre "
                     "guillemets, par exemple calls_for_funds: \"deux appels par an, en janvier et "
                     "en juillet : sur la base du budget\""]


def test_french_numbers_get_the_form_to_write(tmp_path: Path) -> None:
    found, text, path = failing(tmp_path, ("      etp: 61.5", "      etp: 61,5"),
                                ("      amount: 46500", "      amount: 46 500"))
    assert found == [
        f"{path}:{line_of(text, 'etp: 61,5')}: members[0].size.etp: nombre mal écrit « 61,5 » : "
        "écrivez 61.5 (chiffres seuls, point décimal, sans espace ni symbole)",
        f"{path}:{line_of(text, 'amount: 46 500')}: finances.budget[0].amount: nombre mal écrit "
        "« 46 500 » : écrivez 46500 (chiffres seuls, point décimal, sans espace ni symbole)"]


def test_unquoted_finess_that_lost_its_leading_zero_gets_the_quoted_form(tmp_path: Path) -> None:
    found, text, path = failing(tmp_path, ('    finess: "990000026"', "    finess: 010002634"),
                                ('    finess: "990000034"', "    finess: 090000034"))
    assert found == [
        f"{path}:{line_of(text, 'finess: 010002634')}: members[1].finess: numéro FINESS écrit "
        "sans guillemets : le zéro initial s'est perdu ; écrivez finess: \"010002634\""]


def test_unknown_key_suggests_the_right_one(tmp_path: Path) -> None:
    found, text, path = failing(tmp_path, ("  seat: EHPAD", "  seet: EHPAD"))
    assert found == [
        f"{path}:{line_of(text, 'groupement:')}: groupement.seat: champ obligatoire manquant",
        f"{path}:{line_of(text, '  seet: EHPAD')}: groupement.seet: clé inconnue « seet » : "
        "vouliez-vous dire « seat » ?",
    ]


def test_missing_required_field(tmp_path: Path) -> None:
    found, text, path = failing(tmp_path, ("  carrier: ehpad-les-tilleuls\n", ""))
    assert found == [f"{path}:{line_of(text, 'finances:')}: finances.carrier: "
                     "champ obligatoire manquant"]


def test_fewer_than_two_members(tmp_path: Path) -> None:
    text = SMALL.read_text(encoding="utf-8")
    start, end = text.index("  - id: fam-clos-des-aulnes"), text.index("organisations:")
    text = text[:start] + "\n" + text[end:]
    start, end = text.index("organisations:"), text.index("providers:")
    text = text[:start] + text[end:]
    for other in ("fam-clos-des-aulnes", "ime-les-coteaux"):
        text = text.replace(other, "ehpad-les-tilleuls")
    path = tmp_path / "groupement.yml"
    path.write_text(text, encoding="utf-8")
    assert problems(fill_cli(path, "-o", tmp_path / "out")) == [
        f"{path}:{line_of(text, 'members:')}: members: un groupement réunit au moins deux "
        "membres (1 déclaré)"]


def test_shares_not_totalling_100(tmp_path: Path) -> None:
    found, text, path = failing(
        tmp_path, ("    method: mixte\n    equal_part: 30\n    basis: places",
                   "    method: pourcentages"),
        ("      budget: 4150000\n", "      budget: 4150000\n    share: 50\n"),
        ("      budget: 3280000\n", "      budget: 3280000\n    share: 30\n"),
        ("      budget: 3620000\n", "      budget: 3620000\n    share: 15.5\n"))
    assert found == [f"{path}:{line_of(text, 'method: pourcentages')}: finances.key.method: les "
                     "parts des membres (members[].share) totalisent 95,50\u00a0% au lieu de 100 %"]


def test_phase_ending_before_it_starts(tmp_path: Path) -> None:
    found, text, path = failing(tmp_path, ('      end: "2027-09-30"', '      end: "2027-06-30"'))
    line = nth_line(text, '      end: "2027-06-30"', 2)
    assert found == [
        f"{path}:{line}: project.phases[1].end: la "
        "phase « Inventaire des parcs et des contrats » se termine (30\u00a0juin\u00a02027) avant "
        "de commencer (1er\u00a0juillet\u00a02027)"]


def test_milestone_outside_its_phase(tmp_path: Path) -> None:
    found, text, path = failing(tmp_path, ('          date: "2027-06-25"',
                                           '          date: "2027-07-02"'))
    line = line_of(text, 'date: "2027-07-02"')
    assert found == [f"{path}:{line}: "
                     "project.phases[0].milestones[1].date: le jalon « Technicien recruté » "
                     "(2\u00a0juillet\u00a02027) est hors de sa phase (du 1er\u00a0mars\u00a02027 "
                     "au 30\u00a0juin\u00a02027)"]


def test_dates_known_to_the_month_are_checked_as_whole_months(tmp_path: Path) -> None:
    found, text, path = failing(tmp_path, ('      date: "2028-03"', '      date: "2028-04"'),
                                source=GCS)
    line = line_of(text, 'date: "2028-04"')
    assert found == [f"{path}:{line}: project.phases[1]."
                     "milestones[0].date: le jalon « Supervision en service pour les trois "
                     "membres » (avril 2028) est hors de sa phase (du janvier 2028 au mars 2028)"]
    found, text, path = failing(tmp_path, ('      start: "2028-04"', '      start: "2028-13"'),
                                source=GCS)
    assert found == [f"{path}:{line_of(text, '2028-13')}: project.phases[2].start: date "
                     "impossible « 2028-13 »"]


def test_role_and_deliverable_naming_an_unknown_member(tmp_path: Path) -> None:
    found, text, path = failing(
        tmp_path, ("      member: fam-clos-des-aulnes\n      etp: 0.1",
                   "      member: fam-clos-des-aulne\n      etp: 0.1"),
        ("      verifier: fam-clos-des-aulnes", "      verifier: foyer-inconnu"))
    line = line_of(text, "member: fam-clos-des-aulne\n")
    assert found == [
        f"{path}:{line}: project.team[3].member: "
        "membre, prestataire ou « groupement » attendu, inconnu « fam-clos-des-aulne » : "
        "vouliez-vous dire « fam-clos-des-aulnes » ?",
        f"{path}:{line_of(text, 'verifier: foyer-inconnu')}: project.deliverables[1].verifier: "
        "membre inconnu « foyer-inconnu »",
    ]


def test_finess_not_nine_digits(tmp_path: Path) -> None:
    found, text, path = failing(tmp_path, ('    finess: "990000026"', "    finess: 99000026"))
    assert found == [f"{path}:{line_of(text, 'finess: 99000026')}: members[1].finess: numéro "
                     "FINESS invalide « 99000026 » : neuf chiffres attendus, entre guillemets"]


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    found, _, path = failing(tmp_path, ('    finess: "990000026"', '    finess: "9900"'),
                             ("  legal_form: convention", "  legal_form: conventionn"),
                             ('      end: "2028-06-30"', '      end: "2027-06-30"'),
                             ("  sponsor: comite-strategique", "  sponsor: comite"))
    assert [line.split(": ", 2)[1] for line in found] == [
        "groupement.legal_form", "members[1].finess", "project.sponsor", "project.phases[3].end"]


def test_missing_file(tmp_path: Path) -> None:
    assert problems(fill_cli(tmp_path / "absent.yml")) == [
        f"{tmp_path / 'absent.yml'}:1: fichier introuvable"]


def test_a_missing_value_in_a_template_is_an_error(tmp_path: Path) -> None:
    root = tmp_path / "project"
    shutil.copytree(ROOT / "theme", root / "theme")
    template = root / "theme" / "documents" / "pqp.html.j2"
    text = template.read_text(encoding="utf-8").replace("{{ p.name }}", "{{ p.nom }}", 1)
    template.write_text(text, encoding="utf-8")
    found = problems(fill_cli(SMALL, "-o", tmp_path / "out", root=root))
    assert found == [f"theme/documents/pqp.html.j2:{line_of(text, '{{ p.nom }}')}: variable "
                     "manquante : 'generator.documents.project.Project object' has no attribute 'nom'"]
    assert not (tmp_path / "out").exists()


# Real arrangements ---------------------------------------------------------------------------


def test_a_managed_member_does_not_sign_itself(tmp_path: Path) -> None:
    found, text, path = failing(
        tmp_path, ("    manager: amis-val-ormeau\n", "    manager: amis-val-ormeau\n"
                                                     "    representative: président\n"))
    assert found == [f"{path}:{line_of(text, 'representative: président')}: "
                     "members[1].representative: inutile : c'est l'organisme gestionnaire "
                     "« amis-val-ormeau » qui signe pour ce membre ; indiquez representative "
                     "dans organisations"]


def test_a_private_member_without_its_manager_is_filled_with_a_warning(tmp_path: Path) -> None:
    text = SMALL.read_text(encoding="utf-8").replace(
        "    manager: amis-val-ormeau\n", "    representative: \"[Nom du représentant]\"\n"
                                         "    capacity: directeur\n")
    text = text[:text.index("  - id: amis-val-ormeau")] + text[text.index("  - id: horizon-enfance"):]
    path = tmp_path / "groupement.yml"
    path.write_text(text, encoding="utf-8")
    warnings: list = []
    load_groupement(path, str(path), warnings=warnings)
    line = text[:text.index("  - id: fam-clos-des-aulnes")].count("\n") + 1
    assert [str(warning) for warning in warnings] == [
        f"{path}:{line}: members[1]: attention : établissement privé sans organisme gestionnaire "
        "(manager) ; c'est l'association, la fondation ou la société qui le gère qui signe pour "
        "lui — point signalé « à faire valider » dans la convention"]
    convention = rendered(path)["convention"]
    assert "À faire valider\u00a0:</strong> le Foyer d'accueil médicalisé Le Clos des Aulnes " \
           "est un établissement privé" in convention


def test_references_to_providers_and_the_groupement(tmp_path: Path) -> None:
    found, text, path = failing(tmp_path, ("      employer: dpo-partage", "      employer: dpo"),
                                ("  carrier: ehpad-les-tilleuls", "  carrier: groupement"))
    assert found == [
        f"{path}:{line_of(text, 'employer: dpo' + chr(10))}: pooling.services[1].employer: membre, "
        "prestataire ou « groupement » attendu, inconnu « dpo »",
        f"{path}:{line_of(text, 'carrier: groupement')}: finances.carrier: une convention de "
        "coopération n'a pas de personnalité morale : le groupement ne peut pas porter les "
        "dépenses ; désignez un membre ou un prestataire"]


def test_rotation_among_members_who_sit(tmp_path: Path) -> None:
    found, text, path = failing(tmp_path, ("        among: [ime-le-verger, ehpad-la-source,",
                                           "        among: [esat-ateliers-du-moulin, ehpad-la-source,"),
                                source=LARGE)
    assert found == [f"{path}:{line_of(text, 'among: [esat')}: governance.bodies[1].chair.among[0]: "
                     "« esat-ateliers-du-moulin » ne siège pas dans cette instance : il ne peut pas "
                     "la présider"]


def test_open_ended_duration_has_no_renewal(tmp_path: Path) -> None:
    found, text, path = failing(tmp_path, ("  years: indéterminée", "  years: indéterminée\n"
                                                                   "  renewal: tacite"), source=GCS)
    assert found == [f"{path}:{line_of(text, 'renewal: tacite')}: duration.renewal: sans objet "
                     "pour une durée indéterminée : supprimez renewal"]
    found, text, path = failing(tmp_path, ("  years: 3\n  renewal: tacite\n", "  years: 0\n"))
    assert found == [f"{path}:{line_of(text, 'years: 0')}: duration.years: durée d'au moins un "
                     "an, ou « indéterminée »"]
