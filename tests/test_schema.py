"""JSON Schemas for editors: in step with the declarations, mapped for VS Code, and faithful.

Faithful both ways: every valid data file of the guide passes its schema (an
editor must never underline valid data), and the mistakes a maintainer makes
while typing are underlined.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import FIXTURE, ROOT, run_cli
from jsonschema import Draft7Validator

from generator.core.yamlfile import parse_yaml, read_yaml
from generator.schema import file_patterns

COMMITTED = ROOT / "schemas"


def validator(name: str) -> Draft7Validator:
    schema = json.loads((COMMITTED / name).read_text(encoding="utf-8"))
    Draft7Validator.check_schema(schema)
    return Draft7Validator(schema)


def header(path: Path) -> object:
    text = path.read_text(encoding="utf-8")
    return parse_yaml(text[4:text.index("\n---\n", 3) + 1], path.name).data


def errors(name: str, data: object) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
            for e in validator(name).iter_errors(data)]


def test_committed_schemas_are_those_the_declarations_give(tmp_path: Path) -> None:
    result = run_cli(ROOT, "schema", "-o", str(tmp_path))
    assert result.returncode == 0, result.stderr
    fresh = {p.name: p.read_text(encoding="utf-8") for p in tmp_path.glob("*.json")}
    committed = {p.name: p.read_text(encoding="utf-8") for p in COMMITTED.glob("*.json")}
    assert sorted(fresh) == sorted(committed), "make schema, puis committer schemas/"
    for name, text in fresh.items():
        assert committed[name] == text, f"schemas/{name} est périmé : lancer make schema"


def test_every_kind_of_data_file_has_a_schema() -> None:
    names = set(file_patterns())
    assert {"sources.schema.json", "glossary.schema.json", "roles.schema.json",
            "phases.schema.json", "resources.schema.json", "case-studies.schema.json",
            "page.schema.json"} <= names
    if (ROOT / "generator" / "groupement.py").exists():
        assert "groupement.schema.json" in names


def test_schema_command_removes_stale_schemas(tmp_path: Path) -> None:
    (tmp_path / "ancien.schema.json").write_text("{}", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("à garder", encoding="utf-8")
    result = run_cli(ROOT, "schema", "-o", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "schémas JSON écrits" in result.stdout
    assert not (tmp_path / "ancien.schema.json").exists()
    assert (tmp_path / "notes.txt").exists()


def test_vscode_applies_each_schema_to_its_files() -> None:
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    expected = {f"./schemas/{name}": globs for name, globs in file_patterns().items()
                if all(g.endswith(".yml") for g in globs)}
    assert settings["yaml.schemas"] == expected
    for name in expected:
        assert (ROOT / name).is_file(), name


@pytest.mark.parametrize("root", [ROOT, FIXTURE], ids=["guide", "fixture"])
def test_valid_data_is_never_underlined(root: Path) -> None:
    checked = 0
    for name, globs in file_patterns().items():
        for pattern in globs:
            for path in sorted(root.glob(pattern)):
                data = header(path) if path.suffix == ".md" else read_yaml(path, path.name).data
                assert errors(name, data) == [], path
                checked += 1
    assert checked >= 6


def test_misspelt_key_is_underlined() -> None:
    data = read_yaml(FIXTURE / "data/resources/kit-rgpd.yml", "kit-rgpd.yml").data
    data["descripton"] = data.pop("description")
    found = errors("resources.schema.json", data)
    assert any("'description' is a required property" in e for e in found), found
    assert any("'descripton' was unexpected" in e for e in found), found


def test_misspelt_key_in_a_list_file_and_wrong_values_are_underlined() -> None:
    roles = read_yaml(FIXTURE / "data/roles.yml", "roles.yml").data
    roles[1]["familly"] = roles[1].pop("family")
    roles[0]["id"] = "Maîtrise d'ouvrage"
    found = errors("roles.schema.json", roles)
    assert any(e.startswith("1: ") and "'familly' was unexpected" in e for e in found), found
    assert any(e.startswith("0/id: ") for e in found), found


def test_shorthand_and_full_references_both_pass_but_not_a_bad_date() -> None:
    term = {"id": "dpo", "term": "DPO", "definition": "Délégué.", "reviewed": "26-11",
            "sources": ["guide-regional", {"source": "guide-regional", "section": "p. 3"}]}
    assert errors("glossary.schema.json", [term]) == ["0/reviewed: '26-11' is not valid "
                                                       "under any of the given schemas"]
    term["reviewed"] = "2026-11"
    assert errors("glossary.schema.json", [term]) == []
    term["sources"].append({"source": "guide-regional", "page": 3})
    assert errors("glossary.schema.json", [term]) != []


def test_descriptions_shown_in_the_editor_are_french() -> None:
    text = (COMMITTED / "resources.schema.json").read_text(encoding="utf-8")
    assert "Étapes ou sous-étapes servies (identifiants)." in text
    assert "A publication, tool" not in text  # the class docstring is for developers
    assert '"title": "Url"' not in text
