"""`python -m generator report`: what to review, what lacks an address, which blocks are empty."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import edit, run_cli

from generator.guide.report import first_day, months_before


def report(root: Path, *args: str) -> list[str]:
    """The report's lines, non-breaking spaces made plain so that tests read like the output."""
    result = run_cli(root, "report", *args)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return result.stdout.replace("\u00a0", " ").replace("\u202f", " ").splitlines()


def section(lines: list[str], title: str) -> list[str]:
    start = next(i for i, line in enumerate(lines) if line.startswith(title))
    end = next((i for i in range(start + 1, len(lines)) if not lines[i]), len(lines))
    return lines[start:end]


def test_entries_without_a_review_date_are_listed_with_file_and_line(project: Path) -> None:
    lines = report(project)
    assert lines[0].startswith("Suivi du guide au ")
    stale = section(lines, "Entrées à relire")
    assert stale[0] == "Entrées à relire (dernière revue il y a plus de 12 mois, ou jamais) : 12"
    assert "  data/roles.yml:8: rôle « chef-de-projet » : pas de date de revue (reviewed)" in stale
    assert "  content/a-propos.md:2: page « À propos » : pas de date de revue (reviewed)" in stale


def test_old_reviews_are_listed_and_the_limit_is_configurable(project: Path) -> None:
    today = dt.date.today()
    old = months_before(today, 14).isoformat()
    edit(project, "data/resources/kit-rgpd.yml", "sources:", f"reviewed: '{old}'\nsources:")
    edit(project, "data/roles.yml", "  short_name: MOA\n",
         f"  short_name: MOA\n  reviewed: '{today.isoformat()}'\n")
    edit(project, "content/a-propos.md", "title: À propos\n",
         f"title: À propos\nreviewed: '{today.year - 2}'\n")
    stale = section(report(project), "Entrées à relire")
    assert len(stale) == 1 + 11
    assert not any("« moa »" in line for line in stale), "reviewed today"
    (resource,) = [line for line in stale if "kit-rgpd" in line]
    assert resource.startswith("  data/resources/kit-rgpd.yml:11: ressource « kit-rgpd » : "
                               "dernière revue le ")
    assert f"  content/a-propos.md:3: page « À propos » : dernière revue en {today.year - 2}" in stale
    longer = section(report(project, "--months", "36"), "Entrées à relire")
    assert longer[0].startswith("Entrées à relire (dernière revue il y a plus de 36 mois")
    assert not any("kit-rgpd" in line or "À propos" in line for line in longer)
    assert len(longer) == 1 + 9


def test_resources_without_an_address(project: Path) -> None:
    assert section(report(project), "Ressources sans adresse")[0].endswith(" : 0")
    edit(project, "data/resources/kit-rgpd.yml", "url: https://exemple.org/kit-rgpd\n", "")
    assert section(report(project), "Ressources sans adresse") == [
        "Ressources sans adresse publique : 1",
        "  data/resources/kit-rgpd.yml:1: ressource « kit-rgpd » : pas d'adresse (url)",
    ]


def test_empty_blocks_are_those_readers_see_empty(project: Path) -> None:
    # Phase 2 has sub-steps and no block of its own: its page shows no empty block for it.
    assert section(report(project), "Blocs Documentation et Outils vides") == [
        "Blocs Documentation et Outils vides, en attente de contributions : 2",
        "  data/phases.yml:1: étape 1. Anticiper et comprendre : Outils",
        "  data/phases.yml:15: étape 2.1. Go / no go : Documentation et Outils",
    ]
    edit(project, "data/phases.yml", "  documentation: [kit-rgpd]\n",
         "  documentation: [kit-rgpd]\n  tools: [kit-rgpd]\n")
    edit(project, "data/phases.yml", "      support_needs:", "      tools: [kit-rgpd]\n      support_needs:")
    assert section(report(project), "Blocs Documentation et Outils vides") == [
        "Blocs Documentation et Outils vides, en attente de contributions : 1",
        "  data/phases.yml:16: étape 2.1. Go / no go : Documentation",
    ]


def test_entries_past_their_review_by_date_are_listed(project: Path) -> None:
    assert section(report(project), "Entrées à revoir")[0].endswith(" : 0")
    today = dt.date.today()
    edit(project, "data/resources/kit-rgpd.yml", "sources:",
         f"review_by: '{today.year - 1}-05-16'\nsources:")
    edit(project, "content/a-propos.md", "title: À propos\n",
         f"title: À propos\nreview_by: '{today.year + 1}'\n")
    assert section(report(project), "Entrées à revoir") == [
        "Entrées à revoir (date « à revoir avant » dépassée) : 1",
        f"  data/resources/kit-rgpd.yml:11: ressource « kit-rgpd » : à revoir avant le 16 mai "
        f"{today.year - 1}",
    ]


def test_data_errors_stop_the_report_like_every_command(project: Path) -> None:
    edit(project, "data/resources/kit-rgpd.yml", "type: kit", "type: kitt")
    result = run_cli(project, "report")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("data/resources/kit-rgpd.yml:5: type: valeur inconnue")


def test_months_must_be_a_positive_number(project: Path) -> None:
    result = run_cli(project, "report", "--months", "0")
    assert result.returncode == 2
    assert "nombre de mois attendu (1 ou plus), trouvé « 0 »" in result.stderr
    assert "Traceback" not in result.stderr


def test_month_arithmetic_keeps_to_real_days() -> None:
    assert months_before(dt.date(2027, 3, 31), 1) == dt.date(2027, 2, 28)
    assert months_before(dt.date(2028, 3, 31), 1) == dt.date(2028, 2, 29)
    assert months_before(dt.date(2027, 1, 15), 12) == dt.date(2026, 1, 15)
    assert months_before(dt.date(2027, 1, 15), 1) == dt.date(2026, 12, 15)
    assert first_day("2024") == dt.date(2024, 1, 1)
    assert first_day("2024-05") == dt.date(2024, 5, 1)
    assert first_day("2024-05-17") == dt.date(2024, 5, 17)
