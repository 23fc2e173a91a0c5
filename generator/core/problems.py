"""Problems found in the data, reported as ``path:line: field: message``."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class DataError(Exception):
    """Raised when the data holds problems; carries every one of them."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


def did_you_mean(value: object, candidates: Iterable[str]) -> str:
    """A French hint naming the closest valid value, or an empty string."""
    if not isinstance(value, str):
        return ""
    close = difflib.get_close_matches(value, list(candidates), n=1, cutoff=0.6)
    return f" : vouliez-vous dire « {close[0]} » ?" if close else ""


def quote(value: object) -> str:
    """A value shown to maintainers, kept short."""
    text = value if isinstance(value, str) else repr(value)
    return f"« {text[:60]}{'…' if len(text) > 60 else ''} »"
