"""What the documents' tests share: the examples, `fill` run as a coordinator runs it, and
readers of its outputs (PDF text with pypdf, DOCX text as zipped XML, HTML text)."""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

from conftest import ROOT, cli
from pypdf import PdfReader

EXAMPLES = ROOT / "data" / "groupements"
SMALL = EXAMPLES / "trois-esms.yml"  # convention de coopération
LARGE = EXAMPLES / "dui-arvelle.yml"  # GCSMS
GCS = EXAMPLES / "gcs-securite-trois-vallees.yml"  # GCS de moyens
BLANKS = {form: ROOT / "theme" / "documents" / "vierges" / f"{form}.yml"
          for form in ("convention", "gcs-de-moyens", "gcsms")}
STEMS = ("convention", "plan-qualite-projet", "note-de-cadrage")
NAME = "Coopération numérique du Val d'Ormeau"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def fill_cli(*args: str | Path, cwd: Path | None = None, root: Path = ROOT
             ) -> subprocess.CompletedProcess:
    """``python -m generator fill ARGS…``: in this process, or from ``cwd`` in a subprocess
    (where the default output folder is relative to it)."""
    arguments = [str(arg) for arg in args]
    if cwd is None:
        run = cli(root, "fill", *arguments)
        return subprocess.CompletedProcess(arguments, run.code, run.out, run.err)
    return subprocess.run([sys.executable, "-m", "generator", "--root", str(root), "fill",
                           *arguments], capture_output=True, text=True, cwd=cwd, timeout=600,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})


def plain(text: str) -> str:
    """Text with its non-breaking spaces shown as spaces, for readable assertions."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def flat(text: str) -> str:
    """Text with line breaks and repeated spaces folded, where layout must not matter."""
    return " ".join(plain(text).split())


def pdf_pages(path: Path) -> list[str]:
    """The text of each page. pypdf adds a space where a text run ends (bold text before a
    comma, « l'» before a link): removed; the HTML and DOCX scans see the real text."""
    pages = [re.sub(r"(?<=\S) (?=[,.](?:\s|$))", "", plain(page.extract_text()))
             for page in PdfReader(path).pages]
    return [re.sub(r"(?<=\b[lLdDnNsSqu]') ", "", page) for page in pages]


def docx_text(path: Path) -> str:
    """Every paragraph of a DOCX, one a line, read as zipped XML."""
    with zipfile.ZipFile(path) as archive:
        body = ET.fromstring(archive.read("word/document.xml"))
    return "\n".join("".join(t.text or "" for t in p.iter(f"{W}t")) for p in body.iter(f"{W}p"))


def html_text(markup: str) -> str:
    """The text a reader sees in an HTML document, one block a line."""
    markup = re.sub(r"<(svg|style)\b.*?</\1>", " ", markup, flags=re.S)
    markup = re.sub(r"<(?:p|li|h\d|tr|td|th|br|title|figcaption)\b[^>]*>", "\n", markup)
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


def line_of(text: str, needle: str) -> int:
    """The line of ``needle`` in a file's text: expected messages name exact lines."""
    index = text.index(needle)
    assert text.count(needle) == 1, f"{needle!r} is not unique"
    return text[:index].count("\n") + 1


def nth_line(text: str, needle: str, occurrence: int) -> int:
    index = -1
    for _ in range(occurrence):
        index = text.index(needle, index + 1)
    return text[:index].count("\n") + 1


def variant(tmp_path: Path, *edits: tuple[str, str], source: Path = SMALL) -> tuple[Path, str]:
    """A copy of an example with some text replaced; fails loudly if the text is missing."""
    text = source.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / "groupement.yml"
    path.write_text(text, encoding="utf-8")
    return path, text


def problems(result: subprocess.CompletedProcess) -> list[str]:
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert re.fullmatch(r"\d+ problèmes? trouvés?\.", lines[-1]), lines[-1]
    return lines[:-1]


def failing(tmp_path: Path, *edits: tuple[str, str], source: Path = SMALL
            ) -> tuple[list[str], str, Path]:
    """The problems `fill` reports for a variant of an example; nothing may be written."""
    path, text = variant(tmp_path, *edits, source=source)
    out = tmp_path / "out"
    found = problems(fill_cli(path, "-o", out))
    assert not out.exists()
    return found, text, path


def rendered(path: Path, blank: bool = False) -> dict[str, str]:
    """The HTML of the three documents of a groupement file, rendered in memory (no PDF)."""
    from generator.documents.fill import load
    from generator.documents.render import renderer_for

    renderer = renderer_for(ROOT / "theme")
    dossier = load(path, path.name, renderer, blank)
    return {document.stem: document.html for document in renderer.render(dossier)}


DOUBLED = r"\b(\w+) \1\b(?<!nous nous)(?<!vous vous)"  # a word typed twice
FORBIDDEN = (
    r"\b(?:de|à) les?\b(?! [A-ZÉ][a-zé]+ [A-ZÉ])",  # « de le », « à les » (not « de Le Clos »…)
    r"\bde [Ll]es? [A-ZÉ]",  # « de Le Clos des Aulnes » → « du Clos des Aulnes »
    r"\bune (?:groupement|comité|conseil|établissement|service|centre|foyer|institut)\b",
    r"\bun (?:convention|association|fondation|assemblée|maison|clinique|unité|instance)\b",
    r"\b(?:le|la|de|que|ne|se|du|au) (?=[aeiouyéèêëàâîïôûœ][a-zé])",  # no elision: « le EHPAD »
    r"\b(?:du|au) (?:la|les|l')\b", r"\bde l' ", r" [,.](?!\d)", r" \)", r"\( ", r"\.\.(?!\.)",
    DOUBLED,
    r"dénommée « GCS|dénommé « Coop|un groupement [^«]{0,80} dénommée|une convention [^«]{0,60} dénommé ",
)


def grammar_errors(text: str, tables_flattened: bool = False) -> list[str]:
    """Every place where the French is wrong in a way a test can see: a missing contraction
    or elision, a gender clash between article and noun, a stray space before a comma, a word
    typed twice (not looked for in PDF text, where table cells run into each other)."""
    found = []
    for line in plain(text).splitlines():
        for pattern in FORBIDDEN:
            if tables_flattened and pattern == DOUBLED:
                continue
            for match in re.finditer(pattern, line, flags=re.IGNORECASE if "dénommé" not in pattern
                                     and "[A-ZÉ]" not in pattern else 0):
                found.append(f"{pattern}: …{line[max(0, match.start() - 40):match.end() + 30]}…")
    return found
