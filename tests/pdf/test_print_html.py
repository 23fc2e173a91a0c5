"""The companion PDFs' HTML, before layout: fast checks of what the templates produce."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import cli, edit

from generator.build import check, index
from generator.core.problems import DataError
from generator.core.settings import Settings
from generator.pdf.documents import Identity, print_documents


def documents(root: Path) -> dict[str, str]:
    settings = Settings(root)
    identity = Identity.from_config(check(settings).config)
    return {d.path: d.html for d in print_documents(index(settings), settings.theme, identity)}


def test_a_template_mistake_names_the_pdf_template_and_its_line(project: Path) -> None:
    """Bug: a mistake in theme/pdf/ gave a Python traceback, unlike theme/pages/."""
    edit(project, "theme/pdf/fiche.html.j2", "{{ m.phase(phase, 1, true) }}",
         "{{ m.phase(phase, 1, true) }}{{ phase.no_such_field }}")
    with pytest.raises(DataError) as error:
        documents(project)
    (problem,) = error.value.problems
    line = (project / "theme/pdf/fiche.html.j2").read_text(encoding="utf-8").splitlines()
    number = next(i for i, text in enumerate(line, 1) if "no_such_field" in text)
    assert str(problem).startswith(f"theme/pdf/fiche.html.j2:{number}: variable manquante")


def test_a_macro_mistake_names_the_macro_file(project: Path) -> None:
    edit(project, "theme/pdf/_macros.html.j2", "{{ r.type.label }}", "{{ r.type.labl }}")
    with pytest.raises(DataError) as error:
        documents(project)
    (problem,) = error.value.problems
    assert str(problem).startswith("theme/pdf/_macros.html.j2:")
    assert "labl" in str(problem)


def test_parts_are_numbered_from_what_the_guide_holds(project: Path) -> None:
    html = documents(project)["pdf/guide-mutualisation-si.pdf"]
    assert 'Partie 4</p>\n<h1 id="part-retours-experience">' in html
    (project / "data/case-studies/groupement-essai.yml").unlink()
    html = documents(project)["pdf/guide-mutualisation-si.pdf"]
    assert "part-retours-experience" not in html
    assert 'Partie 4</p>\n<h1 id="part-ressources">' in html


def test_the_cli_reports_a_page_template_mistake_without_traceback(project: Path) -> None:
    edit(project, "theme/pages/role.md.j2", "{{ role.description | md }}",
         "{{ role.descriptio | md }}")
    (problem,) = cli(project, "generate").problems
    assert problem.startswith("theme/pages/role.md.j2:")
