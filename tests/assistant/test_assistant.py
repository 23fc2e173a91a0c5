"""The assistant's Python, run here by CPython exactly as the browser runs it in Pyodide:
the form described from the declaration, the checks of `fill`, the draft preview and the
YAML file both ways. The browser itself is tried in test_assistant_browser.py."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import jinja2
import pytest
from conftest import ROOT

from generator.assistant import files, runtime
from generator.assistant.browser import COMPILED, Assistant, check, location
from generator.assistant.form import KINDS, describe, references
from generator.core.messages import field_name
from generator.core.problems import DataError
from generator.core.yamlfile import read_yaml
from generator.documents.checks import load_groupement
from generator.documents.model import schema

THEME = ROOT / "theme"
EXAMPLES = sorted((ROOT / "data" / "groupements").glob("*.yml"))
SMALL = ROOT / "data" / "groupements" / "trois-esms.yml"


@pytest.fixture(scope="module")
def assistant() -> Assistant:
    return Assistant(THEME)


def data_of(path: Path) -> dict:
    """A groupement file's data as the form holds it: through JSON, as the browser sends it."""
    return json.loads(json.dumps(read_yaml(path, path.name).data))


def fields(nodes: list[dict], prefix: str = "") -> set[str]:
    found = set()
    for node in nodes:
        path = f"{prefix}.{node['key']}" if prefix else node["key"]
        path += "[]" if node["kind"] in ("list", "lines", "refs") else ""
        found.add(path)
        found |= fields(node.get("fields", []) + node.get("block", {}).get("fields", []), path)
    return found


def shapes(node: dict, root: dict) -> list[dict]:
    """Every shape a field may take (a chair: a member's identifier, or a rotation)."""
    if "$ref" in node:
        return shapes(root["$defs"][node["$ref"].rsplit("/", 1)[-1]], root)
    if "anyOf" in node:
        return [s for o in node["anyOf"] if o.get("type") != "null" for s in shapes(o, root)]
    return [node]


def declared(node: dict, root: dict, prefix: str = "") -> set[str]:
    """Every field of the JSON Schema, in any of its shapes, by path with « [] » for list
    items."""
    found = set()
    for shape in shapes(node, root):
        for key, child in shape.get("properties", {}).items():
            path = f"{prefix}.{key}" if prefix else key
            if any(s.get("type") == "array" for s in shapes(child, root)):
                path += "[]"
                child = next(s for s in shapes(child, root) if s.get("type") == "array")["items"]
            found.add(path)
            found |= declared(child, root, path)
    return found


# The form ------------------------------------------------------------------------------------

def test_the_form_holds_every_field_of_the_declaration() -> None:
    spec = describe(THEME)
    drawn = set().union(*(fields(section["fields"]) for section in spec["sections"]))
    assert drawn == declared(schema(), schema())
    assert [s["title"] for s in spec["sections"]] == [
        "Le groupement", "Les membres", "Ce qui est mutualisé", "La gouvernance", "L'argent",
        "Le projet", "La protection des données"]


def test_a_new_field_without_a_label_is_a_problem(tmp_path: Path) -> None:
    theme = tmp_path / "theme"
    (theme / "assistant").mkdir(parents=True)
    text = (THEME / "assistant" / "form.yml").read_text(encoding="utf-8")
    (theme / "assistant" / "form.yml").write_text(
        text.replace("  groupement.seat: {label: Siège", "  groupement.sit: {label: Siège"),
        encoding="utf-8")
    with pytest.raises(DataError) as error:
        describe(theme)
    assert "libellé manquant pour le champ « groupement.seat »" in str(error.value)


def test_glossary_links_name_real_terms() -> None:
    terms = {term["id"] for term in read_yaml(ROOT / "data" / "glossary.yml", "g").data}
    describe(THEME, terms)
    with pytest.raises(DataError, match="terme inconnu du glossaire « etp »"):
        describe(THEME, terms - {"etp"})


def test_references_come_from_the_checks() -> None:
    refs = references()
    assert refs["finances.carrier"] == "carrier"
    assert refs["members[].manager"] == "organisation"
    assert set(refs.values()) <= set(KINDS)
    assert refs["project.sponsor"] == "body"
    assert refs["project.deliverables[].phase"] == "phase"
    assert refs["project.deliverables[].approver"] == "either"
    assert refs["governance.bodies[].members[]"] == "member"


def test_every_shape_of_a_value_has_its_control() -> None:
    """A chair names a member or opens a rotation; a duration is a count or « indéterminée »;
    a risk's levels are chosen; a phase starts on a day or in a month."""
    spec = describe(THEME)
    body = spec["sections"][3]["fields"][0]["fields"][0]
    chair = next(f for f in body["fields"] if f["key"] == "chair")
    assert (chair["kind"], chair["ref"], chair["block"]["label"]) == (
        "ref", "member", "Présidence tournante entre des membres")
    assert [(f["key"], f["kind"], f.get("ref")) for f in chair["block"]["fields"]] == [
        ("among", "refs", "member"), ("months", "integer", None)]
    years = spec["sections"][0]["fields"][2]["fields"][1]
    assert (years["kind"], years["words"]) == ("integer", ["indéterminée"])
    project = {f["key"]: f for f in spec["sections"][5]["fields"][0]["fields"]}
    risk = {f["key"]: f for f in project["risks"]["fields"]}
    assert risk["probability"]["kind"] == risk["impact"]["kind"] == "choice"
    assert [o["value"] for o in risk["impact"]["options"]] == [1, 2, 3, 4]
    phase = {f["key"]: f for f in project["phases"]["fields"]}
    assert phase["start"]["kind"] == phase["end"]["kind"] == "period"
    assert references()["governance.bodies[].chair.among[]"] == "member"


def test_french_labels_and_choices() -> None:
    spec = describe(THEME)
    identity = spec["sections"][0]["fields"][0]
    form = next(f for f in identity["fields"] if f["key"] == "legal_form")
    assert form["kind"] == "choice" and form["required"]
    assert form["options"][1] == {"value": "gcs-de-moyens",
                                  "label": "Groupement de coopération sanitaire (GCS) de moyens"}
    members = spec["sections"][1]["fields"][0]
    assert (members["kind"], members["min"], members["add"]) == ("list", 2, "Ajouter un membre")
    text = json.dumps(spec, ensure_ascii=False)
    assert "The groupement itself" not in text  # docstrings are for maintainers


# The checks of fill --------------------------------------------------------------------------

@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_examples_are_valid_as_for_fill(path: Path) -> None:
    assert check(data_of(path)) == []


def test_problems_are_those_fill_reports(tmp_path: Path, assistant: Assistant) -> None:
    data = data_of(EXAMPLES[0])
    data["members"][0]["finess"] = "12345"
    data["finances"]["key"]["method"] = "prorat"
    data["members"][1]["size"] = {"etp": "0,4"}
    data["project"]["phases"][0]["end"] = "2020-01-01"
    saved = tmp_path / "g.yml"
    saved.write_text(assistant.to_yaml(data), encoding="utf-8")
    with pytest.raises(DataError) as error:
        load_groupement(saved, "g.yml")
    from_fill = sorted((p.field, p.message) for p in error.value.problems)
    here = sorted((p.field, p.message) for p in check(data))
    assert here == from_fill
    assert ("finances.key.method", "valeur inconnue « prorat » : vouliez-vous dire « prorata » ? "
            "(valeurs possibles : parts-egales, prorata, pourcentages, mixte)") in here


def test_a_rotating_chair_is_judged_as_a_rotation() -> None:
    """A block where a text could stand: its own mistakes, not « texte attendu »."""
    data = data_of(ROOT / "data" / "groupements" / "dui-arvelle.yml")
    data["governance"]["bodies"][0]["chair"] = {"among": [], "months": "x"}
    assert [(p.field, p.message) for p in check(data)] == [
        ("governance.bodies[0].chair.months", "nombre entier attendu, trouvé « x »")]
    data["governance"]["bodies"][0]["chair"] = 3
    assert ("governance.bodies[0].chair", "texte attendu, trouvé « 3 »") in [
        (p.field, p.message) for p in check(data)]


def test_field_names_read_back_as_locations() -> None:
    for where in [("members", 1, "finess"), ("project", "phases", 0, "milestones", 2, "date"),
                  ("clauses",)]:
        assert location(field_name(where)) == where


# The preview ---------------------------------------------------------------------------------

def test_a_complete_groupement_gives_its_own_documents(assistant: Assistant) -> None:
    result = assistant.update(data_of(EXAMPLES[0]))
    assert result["complete"] and result["problems"] == []
    stems = [d["stem"] for d in result["documents"]]
    assert stems == ["convention", "plan-qualite-projet", "note-de-cadrage"]
    assert 'class="placeholder"' not in result["documents"][2]["html"]


def test_an_unfinished_groupement_gives_a_draft(assistant: Assistant) -> None:
    start = files.starts(THEME, [])["nouveau"]["data"]
    start["groupement"]["name"] = "Coopération des Trois Rivières"
    start["members"][0].update(name="EHPAD Les Saules", finess="12")
    result = assistant.update(start)
    assert not result["complete"]
    html = result["documents"][0]["html"]
    assert "Coopération des Trois Rivières" in html and "EHPAD Les Saules" in html
    assert "[Membre 2" in html  # the blank model's placeholder for what is missing
    assert {"field": "members[0].finess", "message": "numéro FINESS invalide «\u00a012\u00a0»\u00a0: "
            "neuf chiffres attendus, entre guillemets"} in result["problems"]


@pytest.mark.parametrize("data", [{}, {"members": "x"}, {"members": [{"id": "A B"}]},
                                  {"project": {"phases": [{"id": "p", "start": "2027-13-01"}]}}],
                         ids=["empty", "wrong-shape", "bad-id", "bad-date"])
def test_any_answers_give_a_draft(assistant: Assistant, data: dict) -> None:
    assert assistant.update(data)["documents"] is not None


def test_docx_of_the_answers_is_the_docx_fill_writes(assistant: Assistant) -> None:
    from generator.documents.fill import load
    from generator.documents.render import renderer_for

    renderer = renderer_for(THEME)
    written = renderer.files(load(EXAMPLES[0], "x", renderer), formats=("docx",))
    for stem in ("convention", "note-de-cadrage"):
        assert docx_text(assistant.docx(data_of(EXAMPLES[0]), stem)) == \
            docx_text(written[f"{stem}.docx"])


def docx_text(data: bytes) -> list[str]:
    """The paragraphs' text of a DOCX, in order."""
    import io
    import re

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("word/document.xml").decode()
    return [re.sub(r"<[^>]+>", "", paragraph) for paragraph in re.findall(r"<w:p[ >].*?</w:p>", xml)]


def test_compiled_templates_give_the_same_documents(tmp_path: Path) -> None:
    theme = tmp_path / "theme"
    shutil.copytree(THEME / "documents", theme / "documents")
    plain = Assistant(theme).update(data_of(SMALL))
    (theme / COMPILED).write_bytes(files.compiled_templates(theme))
    compiled = Assistant(theme)
    assert isinstance(compiled.renderer.env.loader, jinja2.ModuleLoader)
    assert compiled.update(data_of(SMALL)) == plain


def test_the_new_groupement_comes_with_its_preview(assistant: Assistant) -> None:
    start = files.starts(THEME, [(SMALL, "data/groupements/trois-esms.yml")])
    assert start["nouveau"]["preview"] == assistant.update(start["nouveau"]["data"])
    assert start["exemples"]["trois-esms"]["title"] == "Coopération numérique du Val d'Ormeau"


# The YAML file, both ways --------------------------------------------------------------------

@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_saved_file_fills_the_same_documents(tmp_path: Path, path: Path,
                                             assistant: Assistant) -> None:
    data = data_of(path)
    text = assistant.to_yaml(data, "x.yml")
    assert text.startswith("# Groupement décrit avec l'assistant")
    assert ".venv/bin/python -m generator fill x.yml" in text
    saved = tmp_path / "x.yml"
    saved.write_text(text, encoding="utf-8")
    assert load_groupement(saved, "x.yml") == load_groupement(path, path.name)
    assert assistant.from_yaml(text) == {"data": data, "problems": []}


def test_a_hand_written_file_loads_with_its_mistakes(assistant: Assistant) -> None:
    text = SMALL.read_text(encoding="utf-8").replace("legal_form: convention",
                                                          "legal_form: conventoin\n  colour: bleu")
    loaded = assistant.from_yaml(text)
    assert loaded["problems"] == []
    assert loaded["data"]["groupement"]["colour"] == "bleu"
    saved = assistant.to_yaml(loaded["data"])
    assert "colour: bleu" in saved and "legal_form: conventoin" in saved  # nothing lost
    assert assistant.from_yaml("a: [")["problems"][0].startswith("groupement.yml:2: syntaxe YAML")


# What is shipped -----------------------------------------------------------------------------

def test_the_browser_gets_only_core_and_documents() -> None:
    with zipfile.ZipFile(__import__("io").BytesIO(files.python_code(ROOT, THEME))) as archive:
        names = archive.namelist()
    modules = {name.split("/")[1] for name in names if name.startswith("generator/")
               and name.count("/") > 1}
    assert modules == {"core", "documents", "assistant"}
    assert "generator/assistant/browser.py" in names and "generator/assistant/files.py" not in names
    assert "guide_theme/documents/convention.html.j2" in names


def test_documents_import_without_processes_or_weasyprint() -> None:
    """Nor the site's Markdown and sanitiser, which have no wheel for Pyodide."""
    code = ("import sys; import generator.assistant.browser; "
            "print(sorted(m for m in ('multiprocessing', 'weasyprint', 'docx', 'lxml', "
            "'markdown', 'nh3', 'pymdownx', 'generator.guide', 'generator.site', "
            "'generator.pdf') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, check=True)
    assert result.stdout.strip() == "[]"


def test_every_download_is_pinned_by_hash() -> None:
    assert all(len(pin.sha256) == 64 for pin in (runtime.PYODIDE, *runtime.WHEELS))
    versions = {pin.name: pin.version for pin in runtime.WHEELS}
    from importlib.metadata import version

    for name in ("pydantic", "pydantic-core", "jinja2", "pyyaml", "markupsafe"):
        assert versions[name] == version(name), f"{name}: the browser runs what the CLI runs"


def test_a_wrong_hash_is_refused(tmp_path: Path) -> None:
    fake = tmp_path / "x.whl"
    fake.write_bytes(b"not the pinned file")
    with pytest.raises(DataError, match="empreinte inattendue"):
        runtime._verify(fake, runtime.WHEELS[0])


def _archive(path: Path, members: list[tuple[str, bytes | None, str]]) -> tarfile.TarFile:
    with tarfile.open(path, "w:gz") as tar:
        for name, data, link in members:
            info = tarfile.TarInfo(name)
            if link:
                info.type, info.linkname = tarfile.SYMTYPE, link
                tar.addfile(info)
            else:
                info.size = len(data or b"")
                tar.addfile(info, io.BytesIO(data or b""))
    return tarfile.open(path)


def test_pyodide_archive_unpacks_files_only_inside_its_folder(tmp_path: Path) -> None:
    """Debian 12's Python 3.11.2 has no tarfile filters: the runtime checks the members."""
    _extract = runtime._extract
    with _archive(tmp_path / "ok.tgz", [("package/pyodide.js", b"js", "")]) as tar:
        _extract(tar, tmp_path / "ok")
    assert (tmp_path / "ok" / "package" / "pyodide.js").read_bytes() == b"js"
    for name, link in (("../evil.js", ""), ("package/link", "/etc/passwd")):
        with _archive(tmp_path / "bad.tgz", [(name, b"x", link)]) as tar, \
                pytest.raises(DataError, match="entrée inattendue"):
            _extract(tar, tmp_path / "bad")
    assert not (tmp_path / "evil.js").exists() and not (tmp_path / "bad").exists()
