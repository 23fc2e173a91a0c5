"""Reading the raw YAML data of a groupement file whatever its shape, for the rules.

Rules run even when the schema rejects the file, so that one run reports every
mistake: these helpers answer None where the data has another shape.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from ..core.messages import field_name
from ..core.problems import Problem
from ..core.yamlfile import Location, YamlFile
from .types import _period


def at(file: YamlFile, location: Location, message: str) -> Problem:
    return Problem(file.path, file.line(location), field_name(location), message)


def get(data: Any, *path: str | int) -> Any:
    """The value at ``path``, or None where the data has another shape."""
    for part in path:
        if isinstance(part, int) and isinstance(data, list) and part < len(data):
            data = data[part]
        elif isinstance(part, str) and isinstance(data, dict):
            data = data.get(part)
        else:
            return None
    return data


def items(data: Any, *path: str) -> list[tuple[int, dict]]:
    value = get(data, *path)
    return [(i, item) for i, item in enumerate(value) if isinstance(item, dict)] \
        if isinstance(value, list) else []


def text(value: Any) -> str | None:
    if isinstance(value, bool):
        return None
    return str(value) if isinstance(value, (str, int)) else None


def number(value: Any) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def date(value: Any) -> dt.date | None:
    """A day, or a month (« 2027-03 ») as its first day; None for anything else."""
    try:
        return _period(value) if isinstance(value, str) and len(value) in (7, 10) else None
    except ValueError:
        return None


def placeholder(value: Any) -> bool:
    return isinstance(value, str) and value.startswith("[") and value.endswith("]")


def as_list(value: Any) -> list:
    return value if isinstance(value, list) else []
