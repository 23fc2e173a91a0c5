"""`python -m generator check`: every kind of data error, with its exact file, line, field.

Run in-process through the command's entry point (``cli``); one test runs it as a
maintainer does, in a subprocess.
"""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT, cli, edit, run_cli


def problems(root: Path) -> list[str]:
    return cli(root, "check").problems


def test_valid_data_passes(project: Path) -> None:
    result = run_cli(project, "check")
    assert result.returncode == 0, result.stderr
    assert "Données valides" in result.stdout


def test_check_reads_the_groupement_files(project: Path) -> None:
    """A misspelt key in a groupement file fails ``check``, not only ``fill`` (bug)."""
    target = project / "data" / "groupements" / "essai.yml"
    target.parent.mkdir(parents=True)
    text = (ROOT / "data" / "groupements" / "trois-esms.yml").read_text(encoding="utf-8")
    target.write_text(text.replace("  acronym:", "  acronyme:", 1), encoding="utf-8")
    line = text[:text.index("  acronym:")].count("\n") + 1
    assert problems(project) == [
        f"data/groupements/essai.yml:{line}: groupement.acronyme: clé inconnue « acronyme » : "
        "vouliez-vous dire « acronym » ?"]


def test_check_reads_the_documents_vocabulary_and_blank_model(project: Path) -> None:
    edit(project, "theme/documents/vocabulary.yml", "legal_forms:", "legal_form:")
    (line,) = problems(project)[:1]
    assert line.startswith("theme/documents/vocabulary.yml:")
    assert "legal_form" in line


def test_check_reads_mkdocs_yml(project: Path) -> None:
    edit(project, "mkdocs.yml", "site_name: Mutualiser", "site_name: [Mutualiser")
    (line,) = problems(project)
    assert line.startswith("mkdocs.yml:") and "syntaxe YAML invalide" in line


def test_a_relative_root_works(project: Path, monkeypatch) -> None:
    """``python -m generator --root . check`` (bug: the relative root was never resolved)."""
    monkeypatch.chdir(project.parent)
    result = cli(Path(project.name), "check")
    assert result.code == 0, result.err
    assert "Données valides" in result.out


def test_yaml_syntax_error(project: Path) -> None:
    edit(project, "data/roles.yml", "responsibilities: [Fixer les objectifs]",
         "responsibilities: [Fixer les objectifs")
    (line,) = problems(project)
    assert line == ("data/roles.yml:6: syntaxe YAML invalide : crochet « [ » ouvert ici et jamais "
                    "fermé (ou virgule manquante entre deux éléments)")


def test_misspelt_key_names_file_line_key_and_suggests(project: Path) -> None:
    edit(project, "data/resources/kit-rgpd.yml", "description:", "descripton:")
    assert problems(project) == [
        "data/resources/kit-rgpd.yml:1: description: champ obligatoire manquant",
        "data/resources/kit-rgpd.yml:7: descripton: clé inconnue « descripton » : "
        "vouliez-vous dire « description » ?",
    ]


def test_wrong_type(project: Path) -> None:
    edit(project, "data/resources/kit-rgpd.yml", "year: 2019", "year: deux mille")
    assert problems(project) == [
        "data/resources/kit-rgpd.yml:4: year: nombre entier attendu, trouvé « deux mille »",
    ]


def test_wrong_type_for_a_list(project: Path) -> None:
    edit(project, "data/resources/kit-rgpd.yml", "roles: [moa]", "roles: moa")
    assert problems(project) == [
        "data/resources/kit-rgpd.yml:9: roles: liste attendue (lignes commençant par « - »), "
        "trouvé « moa »",
    ]


def test_missing_required_field(project: Path) -> None:
    edit(project, "data/roles.yml", "  family: maitrise-d-ouvrage\n  description: Celui",
         "  description: Celui")
    assert problems(project) == ["data/roles.yml:8: family: champ obligatoire manquant"]


def test_unknown_enum_value(project: Path) -> None:
    edit(project, "data/resources/kit-rgpd.yml", "type: kit", "type: outill")
    (line,) = problems(project)
    assert line.startswith("data/resources/kit-rgpd.yml:5: type: valeur inconnue « outill » : "
                           "vouliez-vous dire « outil » ?")


def test_duplicate_ids(project: Path) -> None:
    with (project / "data/roles.yml").open("a", encoding="utf-8") as roles:
        roles.write("- id: moa\n  name: Doublon\n  family: instance\n"
                    "  description: Un doublon.\n  sources: [guide-regional]\n")
    assert problems(project) == [
        "data/roles.yml:13: id: identifiant « moa » déjà utilisé (data/roles.yml:1)",
    ]


def test_step_id_clashing_with_a_phase_id(project: Path) -> None:
    edit(project, "data/phases.yml", "- id: etape-2-1-go-no-go", "- id: etape-1-anticiper")
    assert problems(project) == [
        "data/case-studies/groupement-essai.yml:12: phases[0]: étape inconnue "
        "« etape-2-1-go-no-go »",
        "data/phases.yml:15: id: identifiant « etape-1-anticiper » déjà utilisé "
        "(data/phases.yml:1)",
    ]


def test_file_name_must_match_id(project: Path) -> None:
    edit(project, "data/resources/kit-rgpd.yml", "id: kit-rgpd", "id: kit-cnil")
    found = problems(project)
    assert ("data/resources/kit-rgpd.yml:1: id: l'identifiant « kit-cnil » doit être le nom du "
            "fichier (« kit-rgpd »)") in found


def test_phase_to_unknown_resource(project: Path) -> None:
    edit(project, "data/phases.yml", "documentation: [kit-rgpd]", "documentation: [kit-rgdp]")
    assert problems(project) == [
        "data/phases.yml:8: documentation[0]: ressource inconnue « kit-rgdp » : "
        "vouliez-vous dire « kit-rgpd » ?",
    ]


def test_resource_to_unknown_phase_and_role(project: Path) -> None:
    edit(project, "data/resources/kit-rgpd.yml", "phases: [etape-1-anticiper]",
         "phases: [etape-1-anticipe]")
    edit(project, "data/resources/kit-rgpd.yml", "roles: [moa]", "roles: [amoa]")
    assert problems(project) == [
        "data/resources/kit-rgpd.yml:8: phases[0]: étape inconnue « etape-1-anticipe » : "
        "vouliez-vous dire « etape-1-anticiper » ?",
        "data/resources/kit-rgpd.yml:9: roles[0]: rôle inconnu « amoa » : "
        "vouliez-vous dire « moa » ?",
    ]


def test_unknown_source_role_and_term_references(project: Path) -> None:
    edit(project, "data/glossary.yml", "see_also: [mutualisation]", "see_also: [mutualisations]")
    edit(project, "data/case-studies/groupement-essai.yml", "- role: moa", "- role: moe")
    edit(project, "content/a-propos.md", "sources: [guide-regional]", "sources: [guide-regionale]")
    assert problems(project) == [
        "content/a-propos.md:3: sources[0]: publication inconnue « guide-regionale » : "
        "vouliez-vous dire « guide-regional » ?",
        "data/case-studies/groupement-essai.yml:9: role_map[0].role: rôle inconnu « moe » : "
        "vouliez-vous dire « moa » ?",
        "data/glossary.yml:6: see_also[0]: terme du glossaire inconnu « mutualisations » : "
        "vouliez-vous dire « mutualisation » ?",
    ]


def test_empty_title(project: Path) -> None:
    edit(project, "data/phases.yml", "title: Anticiper et comprendre", 'title: ""')
    assert problems(project) == ["data/phases.yml:3: title: ne doit pas être vide"]


def test_malformed_address_and_dates(project: Path) -> None:
    edit(project, "data/sources.yml", "https://exemple.org/guide", "exemple.org/guide")
    edit(project, "data/sources.yml", 'date: "2021-03"', 'date: "2021-13"')
    edit(project, "content/a-propos.md", "title: À propos", "title: À propos\nreviewed: hier")
    assert problems(project) == [
        "content/a-propos.md:3: reviewed: date invalide « hier » : "
        "attendu AAAA, AAAA-MM ou AAAA-MM-JJ",
        "data/sources.yml:4: date: date impossible « 2021-13 »",
        "data/sources.yml:5: url: adresse invalide « exemple.org/guide » : "
        "attendu une adresse complète http(s)://…",
    ]


def test_malformed_id(project: Path) -> None:
    edit(project, "data/roles.yml", "- id: chef-de-projet", "- id: Chef_de_projet")
    assert (
        "data/roles.yml:8: id: identifiant invalide « Chef_de_projet » : "
        "minuscules sans accents, chiffres et tirets"
    ) in problems(project)


def test_step_number_must_belong_to_its_phase(project: Path) -> None:
    edit(project, "data/phases.yml", 'number: "2.1"', 'number: "3.1"')
    assert problems(project) == [
        "data/phases.yml:16: steps[0].number: le numéro « 3.1 » doit commencer par « 2. » "
        "(numéro de l'étape)",
    ]


def test_a_glossary_form_belongs_to_one_term(project: Path) -> None:
    edit(project, "data/glossary.yml", "plurals: [mutualisations]", "plurals: [DPO]")
    assert problems(project) == [
        "data/glossary.yml:11: plurals[0]: la forme « DPO » appartient déjà au terme « dpo »",
    ]


def test_repeated_key(project: Path) -> None:
    edit(project, "data/resources/kit-rgpd.yml", "year: 2019", "year: 2019\nyear: 2020")
    assert problems(project) == ["data/resources/kit-rgpd.yml:5: year: clé répétée"]


def test_page_without_front_matter(project: Path) -> None:
    (project / "content" / "notes.md").write_text("Du texte sans en-tête.\n", encoding="utf-8")
    assert problems(project) == [
        "content/notes.md:1: en-tête YAML manquant (--- title: … ---)",
    ]


def test_every_problem_is_reported_at_once(project: Path) -> None:
    edit(project, "data/resources/kit-rgpd.yml", "description:", "descripton:")
    edit(project, "data/phases.yml", "documentation: [kit-rgpd]", "documentation: [inconnue]")
    edit(project, "data/sources.yml", 'date: "2021-03"', 'date: "mars"')
    found = problems(project)
    assert len(found) == 4
    assert {line.split(":")[0] for line in found} == {
        "data/resources/kit-rgpd.yml", "data/phases.yml", "data/sources.yml"}
