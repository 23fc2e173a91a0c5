"""Freshness report: what the maintainers should look at next.

A living guide ages: entries not reviewed for a long time, resources whose
address is unknown and blocks of the steps still empty are listed, so that a
maintainer picks work from ``python -m generator report`` rather than by chance.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..core.french import french_date, typography
from ..core.problems import DataError
from . import model
from .index import BLOCKS, Guide
from .kinds import KINDS
from .loading import Loaded, Record
from .validation import check_guide


@dataclass(frozen=True)
class ReportSettings:
    """How old a review may get before the entry is listed, and the day the report is for."""

    months: int = 12
    today: dt.date = field(default_factory=dt.date.today)


@dataclass(frozen=True, order=True)
class Item:
    """One line of the report: where to look, and what is there."""

    path: str
    line: int
    text: str

    def __str__(self) -> str:
        return f"  {self.path}:{self.line}: {self.text}"


@dataclass(frozen=True)
class Report:
    settings: ReportSettings
    stale: list[Item]
    without_address: list[Item]
    empty_blocks: list[Item]
    overdue: list[Item] = field(default_factory=list)

    def __str__(self) -> str:
        months = self.settings.months
        age = "d'un mois" if months == 1 else f"de {months} mois"
        sections = [
            (f"Entrées à relire (dernière revue il y a plus {age}, ou jamais)",
             self.stale),
            ("Ressources sans adresse publique", self.without_address),
            ("Blocs Documentation et Outils vides, en attente de contributions",
             self.empty_blocks),
            ("Entrées à revoir (date « à revoir avant » dépassée)", self.overdue),
        ]
        lines = [f"Suivi du guide au {french_date(self.settings.today)}"]
        for title, items in sections:
            lines += ["", f"{title} : {len(items)}"]
            lines += [str(item) for item in items]
        return typography("\n".join(lines)) + "\n"


def build_report(root: Path, settings: ReportSettings | None = None) -> Report:
    """Check the data (a data error stops here, as for every command), then list what to do."""
    settings = settings or ReportSettings()
    loaded, problems = check_guide(root)
    if problems:
        raise DataError(problems)
    return Report(settings, sorted(stale_entries(loaded, settings)),
                  sorted(resources_without_address(loaded)), list(empty_blocks(loaded)),
                  sorted(overdue_entries(loaded, settings)))


def overdue_entries(loaded: Loaded, settings: ReportSettings) -> Iterator[Item]:
    """Entries and pages whose ``review_by`` date (« à revoir avant ») has passed."""
    for label, record in _labelled(loaded, "review_by"):
        review_by = record.entity.review_by
        if review_by is not None and first_day(review_by) <= settings.today:
            yield Item(record.path, record.line("review_by"),
                       f"{label} : à revoir avant {_when(review_by).removeprefix('en ')}")


def stale_entries(loaded: Loaded, settings: ReportSettings) -> Iterator[Item]:
    """Entries and pages whose ``reviewed`` date is missing or older than the limit.

    A partial date counts from its first day: « 2024 » is 1 January 2024, so an
    entry is listed early rather than late.
    """
    limit = months_before(settings.today, settings.months)
    for label, record in _labelled(loaded, "reviewed"):
        reviewed = record.entity.reviewed
        if reviewed is None:
            yield Item(record.path, record.line("id"),
                       f"{label} : pas de date de revue (reviewed)")
        elif first_day(reviewed) < limit:
            yield Item(record.path, record.line("reviewed"),
                       f"{label} : dernière revue {_when(reviewed)}")


def resources_without_address(loaded: Loaded) -> Iterator[Item]:
    for record in loaded.records["resource"]:
        resource: model.Resource = record.entity
        if resource.url is None:
            yield Item(record.path, record.line("id"),
                       f"ressource « {resource.id} » : pas d'adresse (url)")


def empty_blocks(loaded: Loaded) -> Iterator[Item]:
    """The empty blocks readers see as « Aucune ressource identifiée pour l'instant ».

    As on the step pages, a phase with sub-steps shows its own blocks only when
    one of them has content; each sub-step always shows them.
    """
    records = sorted(loaded.records["phase"], key=lambda r: r.entity.number)
    for record in records:
        phase: model.Phase = record.entity
        places: list[tuple[tuple[str | int, ...], model.Blocks, str]] = []
        if Guide.shows_own_blocks(phase):
            places.append(((), phase, f"{phase.number}. {phase.title}"))
        places += [(("steps", index), step, f"{step.number}. {step.title}")
                   for index, step in enumerate(phase.steps)]
        for location, entry, title in places:
            empty = [(name, label) for name, label in BLOCKS[:2] if not getattr(entry, name)]
            if empty:
                labels = " et ".join(label for _, label in empty)
                yield Item(record.path, record.line(*location, empty[0][0]),
                           f"étape {title} : {labels}")


def _labelled(loaded: Loaded, field: str) -> list[tuple[str, Record]]:
    """Every entry whose kind has ``field``, and every page, named for the report."""
    labelled = [(f"{declared.label} « {r.entity.id} »", r) for declared in KINDS
                if field in declared.model.model_fields for r in loaded.records[declared.name]]
    return labelled + [(f"page « {p.meta.title} »", p.record) for p in loaded.pages]


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` calendar months earlier (31 March - 1 month = 28 or 29 February)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def first_day(partial: str) -> dt.date:
    parts = [int(part) for part in partial.split("-")] + [1, 1]
    return dt.date(parts[0], parts[1], parts[2])


def _when(partial: str) -> str:
    text = french_date(partial)
    return f"le {text}" if partial.count("-") == 2 else f"en {text}"
