"""JSON Schemas of the data files, derived from the declarations of each kind and of the
groupement.

Editors (VS Code with its YAML extension) read them to complete keys and
underline mistakes while a maintainer types, before ``make check`` runs. They
are written, never hand-edited: ``python -m generator schema -o schemas``.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from .core.fields import ID_PATTERN
from .core.french import typography
from .documents import model as groupement
from .guide import model
from .guide.kinds import KINDS, Kind

DIALECT = "http://json-schema.org/draft-07/schema#"
"""Draft 7: the newest the VS Code YAML extension fully supports."""
SUFFIX = ".schema.json"
PAGE_SCHEMA = "page" + SUFFIX
GROUPEMENT_SCHEMA = "groupement" + SUFFIX
GROUPEMENT_FILES = "data/groupements/*.yml"

SHORTHANDS: dict[type[model.Entity], str] = {model.SourceRef: "source", model.RoleAction: "role"}
"""Entries that a plain id may stand for (``_ref_shorthand`` in model.py): the
validators accept ``- guide-regional`` for ``- source: guide-regional``, so the
schema must too, or the editor would underline valid data."""

Schema = dict[str, Any]


def schema_name(kind: Kind) -> str:
    """``data/glossary.yml`` → ``glossary.schema.json``; ``data/resources/*.yml`` → ``resources…``."""
    path = Path(kind.files)
    stem = path.parent.name if kind.one_per_file else path.stem
    return stem + SUFFIX


def file_patterns() -> dict[str, list[str]]:
    """Which files each schema describes, as the globs an editor matches."""
    patterns = {schema_name(k): [k.files] for k in KINDS}
    patterns[PAGE_SCHEMA] = ["content/**/*.md"]
    patterns[GROUPEMENT_SCHEMA] = [GROUPEMENT_FILES]
    return patterns


def all_schemas() -> dict[str, Schema]:
    """Every schema by file name: one per kind of data file, page headers, groupements."""
    schemas: dict[str, Schema] = {}
    for kind in KINDS:
        shape: Any = kind.model if kind.one_per_file else list[kind.model]
        how = ("un fichier par entrée, nommé d'après son identifiant" if kind.one_per_file
               else "une liste d'entrées, chacune commençant par « - id: »")
        schemas[schema_name(kind)] = _finish(
            _clean(TypeAdapter(shape).json_schema()),
            title=kind.files,
            description=f"{kind.files} : {how} (type d'entrée : {kind.label}).",
        )
    schemas[PAGE_SCHEMA] = _finish(
        _clean(model.PageMeta.model_json_schema()),
        title="En-tête d'une page de content/",
        description="Les clés entre les deux lignes « --- » en tête d'une page Markdown.",
    )
    schemas[GROUPEMENT_SCHEMA] = _finish(
        _clean(groupement.schema()), title="Groupement",
        description=f"{GROUPEMENT_FILES} : un groupement décrit une seule fois, d'où sont "
        "remplis la convention, le Plan Qualité Projet et la note de cadrage.")
    return schemas


def write_schemas(folder: Path) -> list[Path]:
    """Write every schema into ``folder``; stale ``*.schema.json`` files are removed."""
    folder.mkdir(parents=True, exist_ok=True)
    schemas = all_schemas()
    written = []
    for name, schema in schemas.items():
        path = folder / name
        path.write_text(dumps(schema), encoding="utf-8")
        written.append(path)
    for path in folder.glob("*" + SUFFIX):
        if path.name not in schemas:
            path.unlink()
    return written


def dumps(schema: Schema) -> str:
    """Stable text, so that regenerating gives the same bytes and diffs stay readable."""
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def _finish(schema: Schema, title: str, description: str) -> Schema:
    """The dialect, a French title and description first, then the schema itself."""
    head = {"$schema": DIALECT, "title": title, "description": typography(description)}
    return head | {key: value for key, value in schema.items() if key not in head}


def _clean(schema: Schema) -> Schema:
    """Make pydantic's schema fit for maintainers.

    Titles pydantic derives from key names (« Short Name ») and class docstrings
    are English notes for developers: only the French field descriptions stay.
    Shorthand entries accept a plain id, as the validators do. A description
    beside a ``$ref`` moves the reference into ``allOf``, where draft 7 keeps both.
    """
    schema = copy.deepcopy(schema)
    definitions: dict[str, Schema] = schema.get("$defs", {})
    for node in _nodes(schema):
        node.pop("title", None)
        if "$ref" in node and len(node) > 1:  # draft 7 ignores what stands beside a $ref
            node["allOf"] = [{"$ref": node.pop("$ref")}]
    for definition in definitions.values():
        definition.pop("description", None)
    for entity, key in SHORTHANDS.items():
        name = entity.__name__
        if name in definitions:
            described = (entity.model_fields[key].description or "Identifiant").rstrip(".")
            plain = {"type": "string", "pattern": ID_PATTERN,
                     "description": typography(f"{described} (forme courte de « {key}: … »)")}
            definitions[name] = {"anyOf": [plain, definitions[name]]}
    return schema


def _nodes(node: Any) -> Iterator[Schema]:
    """Every subschema, but not the keys of ``properties`` (a field may be named « title »)."""
    if not isinstance(node, dict):
        return
    yield node
    for keyword in ("properties", "$defs", "patternProperties"):
        for child in node.get(keyword, {}).values():
            yield from _nodes(child)
    for keyword in ("items", "additionalProperties", "not", "if", "then", "else"):
        yield from _nodes(node.get(keyword))
    for keyword in ("anyOf", "allOf", "oneOf", "prefixItems"):
        for child in node.get(keyword, ()):
            yield from _nodes(child)
