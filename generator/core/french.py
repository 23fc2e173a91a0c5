"""French formatting: « 12 mars 2027 », « 12 500,00 € », non-breaking spaces."""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal

NBSP = "\u00a0"
NNBSP = "\u202f"
MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
          "septembre", "octobre", "novembre", "décembre")


def french_date(value: str | dt.date) -> str:
    """``2027-03-12`` → « 12 mars 2027 »; ``2027-03`` → « mars 2027 »; « 1er » for the first."""
    if isinstance(value, dt.date):
        value = value.isoformat()
    parts = [int(p) for p in str(value).split("-")]
    if len(parts) == 1:
        return str(parts[0])
    month = MONTHS[parts[1] - 1]
    if len(parts) == 2:
        return f"{month} {parts[0]}"
    day = "1er" if parts[2] == 1 else str(parts[2])
    return f"{day}{NBSP}{month}{NBSP}{parts[0]}"


def french_number(value: float | int | Decimal, decimals: int = 0) -> str:
    """12500.5 → « 12 500,50 » with a narrow non-breaking space between thousands."""
    quantum = Decimal(1).scaleb(-decimals)
    rounded = Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "-" if rounded < 0 else ""
    whole, _, fraction = f"{abs(rounded):f}".partition(".")
    groups = re.sub(r"(?<=\d)(?=(\d{3})+$)", NNBSP, whole)
    return sign + groups + ("," + fraction if fraction else "")


def french_money(value: float | int | Decimal) -> str:
    """« 12 500,00 € »."""
    return f"{french_number(value, 2)}{NBSP}€"


def french_percent(value: float | Decimal, decimals: int = 2) -> str:
    return f"{french_number(value, decimals)}{NBSP}%"


_BEFORE = re.compile(r"(?<=\S) ([;:!?»])")
_AFTER = re.compile(r"(«) (?=\S)")


def typography(text: str) -> str:
    """Turn the ordinary space before ; : ! ? » and after « into a non-breaking one.

    Only an existing space is replaced, so Markdown syntax (``!!! tip``, ``*[X]:``),
    addresses and code stay untouched.
    """
    def fix(segment: str) -> str:
        segment = _BEFORE.sub(lambda m: (NNBSP if m.group(1) in ";!?" else NBSP) + m.group(1), segment)
        return _AFTER.sub(lambda m: m.group(1) + NBSP, segment)

    pieces = re.split(r"(https?://\S+|`[^`]*`|\]\([^)]*\))", text)
    return "".join(piece if index % 2 else fix(piece) for index, piece in enumerate(pieces))
