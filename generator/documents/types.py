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
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, WithJsonSchema, WrapValidator

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


def _day(value: Any) -> Any:
    """Dates stay text in YAML; only a complete, existing date is accepted."""
    if isinstance(value, dt.date):
        return value
    text = str(value)
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise ValueError(f"date invalide « {text[:40]} » : attendu AAAA-MM-JJ")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"date impossible « {text} »") from None


def _digits(value: Any) -> Any:
    return str(value) if isinstance(value, int) else value


Day = Annotated[
    dt.date,
    BeforeValidator(_day),
    Blankable,
    WithJsonSchema({"type": "string", "format": "date", "description": "Date AAAA-MM-JJ."}),
]
Amount = Annotated[Decimal, Field(ge=0, description="Montant en euros, par exemple 12500.00."),
                   Blankable]
Figure = Annotated[Decimal, Field(ge=0), Blankable]
Count = Annotated[int, Field(ge=0), Blankable]
Percent = Annotated[Decimal, Field(ge=0, le=100, description="Pourcentage de 0 à 100."), Blankable]
Level = Annotated[int, Field(ge=1, le=4, description="Niveau de 1 (faible) à 4 (très fort)."),
                  Blankable]
Finess = Annotated[str, BeforeValidator(_digits), Field(
    description="Numéro FINESS : neuf chiffres, entre guillemets.",
    json_schema_extra={"pattern": r"^(\d{2}|2A|2B)\d{7}$"}), Blankable]
Siret = Annotated[str, BeforeValidator(_digits), Field(
    description="Numéro SIRET : quatorze chiffres, entre guillemets.",
    json_schema_extra={"pattern": r"^\d{14}$"}), Blankable]


def listed(description: str, minimum: int = 0) -> Any:
    """A list field, empty by default, with at least ``minimum`` items."""
    return Field(default_factory=list, min_length=minimum, description=description)


class LegalForm(StrEnum):
    convention = "convention"
    gcs = "gcs-de-moyens"
    gcsms = "gcsms"
    other = "autre"


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
