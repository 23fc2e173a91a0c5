"""Value types of a groupement file: dates, amounts, FINESS numbers, coded choices.

Every type here accepts a bracketed placeholder (« [date] ») while the blank
model is read, and only then: the blank documents show where each value goes,
while a coordinator's file must hold real values.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, Field, WithJsonSchema, WrapValidator

_BLANK: ContextVar[bool] = ContextVar("blank", default=False)


class Blank(str):
    """A visible placeholder such as « [Nom du groupement] ».

    Accepted in place of any value, but only while reading the blank model, so
    that the blank documents show where each value goes.
    """


@contextmanager
def blank_mode() -> Iterator[None]:
    """Validate the blank model: bracketed placeholders stand for any value."""
    token = _BLANK.set(True)
    try:
        yield
    finally:
        _BLANK.reset(token)


def is_blank(value: object) -> bool:
    return isinstance(value, Blank)


def _blank_or(value: Any, handler: Any) -> Any:
    if _BLANK.get() and isinstance(value, str) and value.startswith("[") and value.endswith("]"):
        return Blank(value)
    return handler(value)


Blankable = WrapValidator(_blank_or)


class Month(dt.date):
    """A date known to the month only (« 2027-03 »): the first day stands for the month."""

    def __new__(cls, year: int, month: int) -> Month:
        return super().__new__(cls, year, month, 1)

    def __reduce__(self) -> tuple:
        return Month, (self.year, self.month)

    def isoformat(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    __str__ = isoformat

    @property
    def last(self) -> dt.date:
        following = dt.date(self.year + self.month // 12, self.month % 12 + 1, 1)
        return following - dt.timedelta(days=1)


def first_day(value: dt.date) -> dt.date:
    return dt.date(value.year, value.month, value.day)


def last_day(value: dt.date) -> dt.date:
    """The last day a date covers: the month's last day for a date known to the month."""
    return value.last if isinstance(value, Month) else first_day(value)


def _day(value: Any) -> Any:
    """Dates stay text in YAML; only a complete, existing date is accepted."""
    if isinstance(value, dt.date):
        return value
    text = str(value)
    if re.fullmatch(r"\d{1,2}/\d{1,2}/\d{4}", text):
        day, month, year = text.split("/")
        raise ValueError(f"date à écrire AAAA-MM-JJ : écrivez \"{year}-{int(month):02d}-"
                         f"{int(day):02d}\"")
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise ValueError(f"date invalide « {text[:40]} » : attendu AAAA-MM-JJ")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"date impossible « {text} »") from None


def _period(value: Any) -> Any:
    """A day (« 2027-03-12 ») or a month (« 2027-03 ») when the day is not known yet."""
    text = str(value)
    if isinstance(value, dt.date) or not re.fullmatch(r"\d{4}-\d{2}", text):
        return _day(value)
    year, month = (int(part) for part in text.split("-"))
    if not 1 <= month <= 12:
        raise ValueError(f"date impossible « {text} »")
    return Month(year, month)


_FRENCH_DECIMAL = re.compile(r"[+-]?\d+,\d+")
_GROUPED = re.compile(r"[+-]?\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[,.]\d+)?")


def _number(value: Any) -> Any:
    """Numbers as a French writer types them get the exact form to write instead."""
    if not isinstance(value, str):
        return value
    text = value.strip().removesuffix("€").removesuffix("%").strip()
    if _FRENCH_DECIMAL.fullmatch(text) or _GROUPED.fullmatch(text):
        plain = re.sub(r"[ \u00a0\u202f]", "", text).replace(",", ".")
        raise ValueError(f"nombre mal écrit « {value} » : écrivez {plain} (chiffres seuls, "
                         "point décimal, sans espace ni symbole)")
    if text != value.strip() and re.fullmatch(r"[+-]?\d+(?:\.\d+)?", text):
        raise ValueError(f"nombre mal écrit « {value} » : écrivez {text} (sans symbole)")
    return value


Number = BeforeValidator(_number)


def _digits(value: Any) -> Any:
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


Day = Annotated[
    dt.date,
    BeforeValidator(_day),
    Blankable,
    WithJsonSchema({"type": "string", "format": "date", "description": "Date AAAA-MM-JJ."}),
]
Period = Annotated[
    dt.date,
    BeforeValidator(_period),
    Blankable,
    WithJsonSchema({"type": "string", "pattern": r"^\d{4}-\d{2}(-\d{2})?$",
                    "description": "Date AAAA-MM-JJ, ou AAAA-MM si le jour n'est pas encore connu."}),
]
Amount = Annotated[Decimal, Number, Field(ge=0, description="Montant en euros, par exemple "
                                                            "12500.00."), Blankable]
Figure = Annotated[Decimal, Number, Field(ge=0), Blankable]
Count = Annotated[int, Number, Field(ge=0), Blankable]
Percent = Annotated[Decimal, Number, Field(ge=0, le=100, description="Pourcentage de 0 à 100."),
                    Blankable]
Level = Annotated[int, Number, Field(ge=1, le=4, description="Niveau de 1 (faible) à 4 (très "
                                                             "fort)."), Blankable]
Finess = Annotated[str, BeforeValidator(_digits), Field(
    description="Numéro FINESS : neuf chiffres, entre guillemets.",
    json_schema_extra={"pattern": r"^(\d{2}|2A|2B)\d{7}$"}), Blankable]
Siret = Annotated[str, BeforeValidator(_digits), Field(
    description="Numéro SIRET : quatorze chiffres, entre guillemets.",
    json_schema_extra={"pattern": r"^\d{14}$"}), Blankable]


OPEN_ENDED = "indéterminée"


def _years(value: Any) -> Any:
    if isinstance(value, str) and value.strip().lower() in ("indéterminée", "indeterminee",
                                                             "indéterminé", "indetermine"):
        return OPEN_ENDED
    return value


def _at_least_one(value: Any) -> Any:
    if isinstance(value, int) and value < 1:
        raise ValueError("durée d'au moins un an, ou « indéterminée »")
    return value


Years = Annotated[
    int | Literal["indéterminée"],
    BeforeValidator(_years),
    AfterValidator(_at_least_one),
    Field(description="Durée en années (1 ou plus), ou « indéterminée »."),
    Blankable,
]

def listed(description: str, minimum: int = 0) -> Any:
    """A list field, empty by default, with at least ``minimum`` items."""
    return Field(default_factory=list, min_length=minimum, description=description)


class LegalForm(StrEnum):
    convention = "convention"
    gcs = "gcs-de-moyens"
    gcsms = "gcsms"
    other = "autre"


class Nature(StrEnum):
    """Public or private legal person (GCS, GCSMS)."""

    public = "publique"
    private = "privee"


class OrganisationKind(StrEnum):
    association = "association"
    foundation = "fondation"
    company = "societe"
    mutual = "mutuelle"
    public_body = "etablissement-public"
    local_authority = "collectivite"
    other = "autre"


class Sector(StrEnum):
    health = "sante"
    medico_social = "medico-social"
    social = "social"
    other = "autre"


class BodyKind(StrEnum):
    general_assembly = "assemblee-generale"
    body = "instance"


class Status(StrEnum):
    public = "public"
    non_profit = "prive-non-lucratif"
    private = "prive-lucratif"


class KeyMethod(StrEnum):
    equal = "parts-egales"
    pro_rata = "prorata"
    percentages = "pourcentages"
    mixed = "mixte"


class SizeBasis(StrEnum):
    places = "places"
    etp = "etp"
    budget = "budget"


class VoteRule(StrEnum):
    one = "une-voix-par-membre"
    weighted = "ponderee-par-la-cle"


class ProtectionModel(StrEnum):
    joint = "responsables-conjoints"
    processor = "sous-traitance"


class Renewal(StrEnum):
    tacit = "tacite"
    express = "expresse"


class BudgetKind(StrEnum):
    investment = "investissement"
    operation = "fonctionnement"
