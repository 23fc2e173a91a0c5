"""Outputs: fill writes all or nothing and names the output path; the PDFs' links are
anchors or web addresses only; the built site and PDFs hold no live hostile markup."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, cli, copy_project, edit, run_cli
from inert import live_in_site

from generator.core.problems import DataError
from generator.documents.fill import install
from generator.pdf.markdown import printable

FILES = {f"document-{n}.{kind}": f"{n}-{kind} nouveau".encode() for n in range(3)
         for kind in ("pdf", "docx", "html")}
NOTHING = "aucun fichier n'a été écrit ni remplacé"


def old_files(folder: Path) -> dict[str, bytes]:
    folder.mkdir(parents=True, exist_ok=True)
    for name in FILES:
        (folder / name).write_bytes(b"ancien")
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def test_a_blocked_path_leaves_every_file_as_it_was(tmp_path: Path) -> None:
    before = old_files(tmp_path / "out")
    blocked = tmp_path / "out" / "document-2.docx"
    blocked.unlink()
    blocked.mkdir()
    with pytest.raises(DataError) as error:
        install(FILES, tmp_path / "out")
    assert [str(p) for p in error.value.problems] == [
        f"{blocked.as_posix()}:1: écriture impossible : un dossier ou un lien occupe la place de ce "
        f"fichier ; {NOTHING}"]
    after = {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir() if p.is_file()}
    assert after == {k: v for k, v in before.items() if k != "document-2.docx"}
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(FILES)


def test_a_failure_half_way_is_rolled_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = old_files(tmp_path / "out")
    real, calls = os.replace, []

    def failing(source: str | Path, destination: str | Path) -> None:
        calls.append(destination)
        if len(calls) == 9:
            raise OSError(28, "No space left on device", str(destination))
        real(source, destination)

    monkeypatch.setattr(os, "replace", failing)
    with pytest.raises(DataError) as error:
        install(FILES, tmp_path / "out")
    monkeypatch.setattr(os, "replace", real)
    (problem,) = error.value.problems
    assert problem.path.startswith((tmp_path / "out").as_posix() + "/document-")
    assert problem.message == f"écriture impossible : No space left on device ; {NOTHING}"
    assert {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir()} == before


def test_an_output_path_that_is_a_file_is_named(tmp_path: Path) -> None:
    (tmp_path / "fichier").write_text("x")
    with pytest.raises(DataError) as error:
        install(FILES, tmp_path / "fichier" / "sous-dossier")
    assert [str(p) for p in error.value.problems] == [
        f"{(tmp_path / 'fichier').as_posix()}:1: écriture impossible : ce chemin existe et n'est pas "
        f"un dossier ; {NOTHING}"]


def test_a_new_folder_is_written_whole(tmp_path: Path) -> None:
    written = install(FILES, tmp_path / "a" / "b")
    assert sorted(p.name for p in (tmp_path / "a" / "b").iterdir()) == sorted(FILES)
    assert [p.read_bytes() for p in written] == list(FILES.values())


PRINT_LINKS = [
    ('<a href="file:///etc/passwd">x</a>', "<a>x</a>"),
    ('<a href="javascript:alert(1)">x</a>', "<a>x</a>"),
    ('<a href="JAVASCRIPT:alert(1)">x</a>', "<a>x</a>"),
    ('<a href="../../../etc/passwd">x</a>', "<a>x</a>"),
    ('<a href="data:text/html,x">x</a>', "<a>x</a>"),
    ('<a href="#term-dpo" class="term">DPO</a>', '<a href="#term-dpo" class="term">DPO</a>'),
    ('<a href="https://exemple.org/">x</a>', '<a href="https://exemple.org/">x</a>'),
    ('<a href="mailto:contact@exemple.org">x</a>', '<a href="mailto:contact@exemple.org">x</a>'),
    ('<img src="file:///etc/passwd">', ""),
    ("<script>alert(1)</script>", ""),
    ('<iframe src="file:///etc/passwd"></iframe>', ""),
]


@pytest.mark.parametrize(("html", "printed"), PRINT_LINKS)
def test_print_links_are_anchors_or_web_addresses(html: str, printed: str) -> None:
    assert printable(f"<p>{html}</p>") == f"<p>{printed}</p>"


# End to end: the real build with hostile plain text -----------------------------------------

HOSTILE = ("</title><script>alert(1)</script><img src=x onerror=alert(2)> \" onmouseover=\"alert(3) "
           "[x](javascript:alert(4)) \\\\serveur\\partage ✓")


@pytest.mark.slow
@pytest.mark.pdf
def test_built_site_and_pdfs_hold_no_live_markup(tmp_path: Path) -> None:
    from pypdf import PdfReader

    root = copy_project(tmp_path / "project")
    quoted = "'" + HOSTILE.replace("'", "''") + "'"
    edit(root, "data/resources/kit-rgpd.yml", "title: Kit RGPD", f"title: {quoted}")
    edit(root, "data/phases.yml", "action: Lance la réflexion.", f"action: {quoted}")
    edit(root, "content/a-propos.md", "title: À propos", f"title: {quoted}\ndescription: {quoted}")
    edit(root, "content/a-propos.md", "parle de", "parle de [ce kit](ressources/kit-rgpd.md) et de")
    result = run_cli(root, "site")
    assert result.returncode == 0, result.stderr
    site = root / "site"
    assert live_in_site(site) == {}
    page = (site / "ressources" / "kit-rgpd.html").read_text(encoding="utf-8")
    assert "<title>&lt;/title&gt;&lt;script&gt;alert(1)" in page
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    titles = [doc["title"] for doc in index["docs"] if "alert(1)" in doc["title"]]
    assert titles and all("<" not in title for title in titles)
    for pdf in sorted((site / "pdf").glob("*.pdf")):
        reader = PdfReader(pdf)
        for number, pdf_page in enumerate(reader.pages):
            for annotation in pdf_page.get("/Annots", []):
                action = annotation.get_object().get("/A", {})
                uri = str(action.get("/URI", "")) if action else ""
                assert not uri or uri.startswith(("https://", "http://", "mailto:")), (pdf, number, uri)
        text = "".join(p.extract_text() for p in reader.pages)
        if pdf.name == "guide-mutualisation-si.pdf":
            assert "<script>alert(1)</script>" in text.replace("\n", "")


@pytest.mark.slow
@pytest.mark.pdf
def test_fill_handles_any_length_and_names_its_output(tmp_path: Path) -> None:
    source = tmp_path / "groupement.yml"
    text = (ROOT / "data" / "groupements" / "trois-esms.yml").read_text(encoding="utf-8")
    long_name = "Coopération numérique du Val d'Ormeau " + "et de ses très nombreux partenaires " * 12
    source.write_text(text.replace("name: Coopération numérique du Val d'Ormeau", f"name: {long_name}", 1),
                      encoding="utf-8")
    blocked = tmp_path / "out"
    blocked.write_text("un fichier")
    result = cli(ROOT, "fill", str(source), "-o", str(blocked))
    assert result.problems == [f"{blocked.as_posix()}:1: écriture impossible : ce chemin existe et "
                               f"n'est pas un dossier ; {NOTHING}"]
    blocked.unlink()
    result = cli(ROOT, "fill", str(source), "-o", str(blocked))
    assert result.code == 0, result.err
    assert len(list(blocked.iterdir())) == 9
    shutil.rmtree(blocked)
