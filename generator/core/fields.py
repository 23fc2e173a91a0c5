"""Base field types of every declaration, guide entries and groupement files alike.

A field that names another entry says which kind it names (``Ref``), so that
reference checks, suggestions, addresses and anchors are derived from the model.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

from .markup import markdown_problems, web_address_problem

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
DATE_PATTERN = r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$"


def _real_date(value: str) -> str:
    """Reject dates such as 2021-13-45 that match the pattern but do not exist."""
    parts = [int(p) for p in value.split("-")]
    try:
        dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError as error:
        raise ValueError(f"date impossible « {value} »") from error
    return value


def _stripped(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def _web_address(value: str) -> str:
    """An address is parsed, not matched: nothing after it can close a link or open markup."""
    problem = web_address_problem(value)
    if problem:
        shown = value if len(value) <= 80 else value[:77] + "…"
        raise ValueError(f"adresse invalide « {shown} » : {problem}")
    return value


def _safe_markdown(value: str) -> str:
    """Markdown that the site and the PDFs publish as written: nothing refused in it.

    The first problem is raised, with its line within the text (``line`` in the context),
    so that the message points at the mistake in a long block.
    """
    problems = markdown_problems(value)
    if problems:
        line, message = problems[0]
        raise PydanticCustomError("markup", "{message}", {"message": message, "line": line})
    return value


@dataclass(frozen=True)
class Ref:
    """Marks an id field with the kind of entry it names (« role », « resource »…)."""

    kind: str


Id = Annotated[
    str,
    Field(pattern=ID_PATTERN, description="Identifiant stable : minuscules, chiffres et tirets."),
]
Text = Annotated[str, BeforeValidator(_stripped), Field(min_length=1)]
Markdown = Annotated[str, BeforeValidator(_stripped), Field(min_length=1, description="Texte Markdown.")]
"""Markdown as the groupement documents read it: a small subset, anything else shown as typed."""
SiteMarkdown = Annotated[Markdown, AfterValidator(_safe_markdown)]
"""Markdown the site and the guide's PDFs publish: judged against the allow-list."""
Url = Annotated[
    str,
    Field(description="Adresse publique http(s)://…",
          json_schema_extra={"format": "uri", "pattern": r"^https?://[^\s<>\"]+$"}),
    AfterValidator(_web_address),
]
PartialDate = Annotated[
    str,
    # The pattern comes before the conversion so that it reaches the JSON Schema.
    Field(pattern=DATE_PATTERN, description="Date AAAA, AAAA-MM ou AAAA-MM-JJ."),
    BeforeValidator(lambda value: str(value) if isinstance(value, int) else value),
    AfterValidator(_real_date),
]


class Entity(BaseModel):
    """Common settings: unknown keys are errors, entries are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def slug_ok(value: str) -> bool:
    return re.fullmatch(ID_PATTERN, value) is not None


def references(entity: BaseModel, prefix: tuple[str | int, ...] = ()
               ) -> Iterator[tuple[tuple[str | int, ...], str, str]]:
    """(location, id, kind) of every id an entry gives to a field marked with ``Ref``."""
    for name, info in type(entity).model_fields.items():
        value = getattr(entity, name)
        marked = next((m.kind for m in info.metadata if isinstance(m, Ref)), None)
        if marked and isinstance(value, str):
            yield prefix + (name,), value, marked
        else:
            yield from _references(info.annotation, value, prefix + (name,))


def _references(annotation: Any, value: Any, location: tuple[str | int, ...]
                ) -> Iterator[tuple[tuple[str | int, ...], str, str]]:
    if isinstance(value, BaseModel):
        yield from references(value, location)
        return
    if get_origin(annotation) is Annotated:
        base, *metadata = get_args(annotation)
        marked = next((m.kind for m in metadata if isinstance(m, Ref)), None)
        if marked and isinstance(value, str):
            yield location, value, marked
        else:
            yield from _references(base, value, location)
        return
    if isinstance(value, list):
        item: Any = Any
        for candidate in (annotation, *get_args(annotation)):
            if get_origin(candidate) is list:
                item = get_args(candidate)[0]
                break
        for index, element in enumerate(value):
            yield from _references(item, element, location + (index,))
        return
    if get_origin(annotation) in (Union, UnionType):
        for option in get_args(annotation):
            if option is not type(None):
                yield from _references(option, value, location)
                return
