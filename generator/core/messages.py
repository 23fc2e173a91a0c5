"""French messages for validation errors, placed at the file, line and field."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, ValidationError

from .fields import DATE_PATTERN, ID_PATTERN
from .problems import Problem, did_you_mean, quote
from .yamlfile import Location, YamlFile

_TYPES = {
    "string_type": "texte attendu",
    "int_type": "nombre entier attendu",
    "int_parsing": "nombre entier attendu",
    "int_from_float": "nombre entier attendu",
    "float_type": "nombre attendu",
    "float_parsing": "nombre attendu",
    "decimal_type": "nombre attendu",
    "decimal_parsing": "nombre attendu",
    "bool_type": "oui/non attendu (true ou false)",
    "bool_parsing": "oui/non attendu (true ou false)",
    "list_type": "liste attendue (lignes commençant par « - »)",
    "dict_type": "bloc de clés attendu (clé: valeur)",
    "model_type": "bloc de clés attendu (clé: valeur)",
    "model_attributes_type": "bloc de clés attendu (clé: valeur)",
}
_PATTERNS = {
    ID_PATTERN: "identifiant invalide {value} : minuscules sans accents, chiffres et tirets",
    DATE_PATTERN: "date invalide {value} : attendu AAAA, AAAA-MM ou AAAA-MM-JJ",
}


def field_name(location: Location) -> str:
    """``steps[1].tools[0]``: how a maintainer finds a field in the YAML."""
    text = ""
    for part in location:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def validate(model: type[BaseModel], data: Any, file: YamlFile, base: Location) -> tuple[
    BaseModel | None, list[Problem]
]:
    """Validate one entry; on failure, every error as a located problem."""
    try:
        return model.model_validate(data), []
    except ValidationError as error:
        return None, list(_problems(error, model, data, file, base))


def _problems(error: ValidationError, model: type[BaseModel], data: Any, file: YamlFile,
              base: Location) -> Iterator[Problem]:
    schema = model.model_json_schema()
    details = [(detail, _data_location(detail["loc"], data, detail["type"]))
               for detail in error.errors(include_url=False)]
    deeper = {location[:n] for _, location in details for n in range(len(location))}
    for detail, location in details:
        if detail["type"] in _TYPES and location in deeper:
            # A field of several shapes (a member, or a rotation among members): the block
            # was taken for a block, its own mistakes say what is wrong, not « text expected ».
            continue
        message = _message(detail, schema, location)
        ctx = detail.get("ctx") or {}
        line = (file.text_line(base + location, ctx["line"]) if "line" in ctx
                else file.line(base + location))
        yield Problem(file.path, line, field_name(location), message)


def _data_location(loc: tuple, data: Any, kind: str) -> Location:
    """Keep the parts of pydantic's location that exist in the YAML."""
    location: list[str | int] = []
    current = data
    for position, part in enumerate(loc):
        last = position == len(loc) - 1
        if _has(current, part):
            current = current[part]
        elif last and kind == "missing" and isinstance(current, dict):
            pass
        else:
            continue
        location.append(part)
    return tuple(location)


def _has(container: Any, part: str | int) -> bool:
    if isinstance(container, dict):
        return part in container
    return isinstance(container, list) and isinstance(part, int) and part < len(container)


def _message(detail: dict, schema: dict, location: Location) -> str:
    kind, value, ctx = detail["type"], detail.get("input"), detail.get("ctx") or {}
    if kind == "missing":
        return "champ obligatoire manquant"
    if kind == "extra_forbidden":
        allowed = _schema_at(schema, location[:-1]).get("properties", {})
        key = location[-1] if location else ""
        return f"clé inconnue {quote(key)}{did_you_mean(key, allowed)}"
    if kind == "string_pattern_mismatch":
        template = _PATTERNS.get(ctx.get("pattern"), "format invalide {value}")
        if ctx.get("pattern") == r"^\d+\.\d+$":
            template = "numéro invalide {value} : attendu par exemple « 3.1 »"
        return template.format(value=quote(value))
    if kind == "string_too_short" or (kind == "too_short" and isinstance(value, str)):
        return "ne doit pas être vide"
    if kind == "too_short":
        minimum = ctx.get("min_length", 1)
        return f"au moins {minimum} élément{'s' if minimum > 1 else ''} attendu{'s' if minimum > 1 else ''}"
    if kind == "enum":
        options = _schema_at(schema, location).get("enum", [])
        listed = ", ".join(str(o) for o in options)
        return f"valeur inconnue {quote(value)}{did_you_mean(value, options)} (valeurs possibles : {listed})"
    if kind in ("greater_than_equal", "greater_than"):
        return f"doit être au moins {ctx.get('ge', ctx.get('gt'))}"
    if kind in ("less_than_equal", "less_than"):
        return f"doit être au plus {ctx.get('le', ctx.get('lt'))}"
    if kind == "markup":
        return str(ctx["message"])
    if kind == "value_error":
        return str(ctx.get("error", detail["msg"]))
    if kind in _TYPES:
        return f"{_TYPES[kind]}, trouvé {quote(value)}"
    return detail["msg"]


def _schema_at(schema: dict, location: Location) -> dict:
    """The JSON Schema node describing a location, to list what is allowed there."""
    node = _resolve(schema, schema)
    for part in location:
        if isinstance(part, int):
            node = _resolve(node.get("items", {}), schema)
        else:
            node = _resolve(node.get("properties", {}).get(part, {}), schema)
    return node


def _resolve(node: dict, root: dict) -> dict:
    for _ in range(10):
        if "$ref" in node:
            node = root["$defs"][node["$ref"].rsplit("/", 1)[-1]]
        elif "anyOf" in node:
            options = [o for o in node["anyOf"] if o.get("type") != "null" and o.get("type") != "string"]
            node = options[0] if options else node["anyOf"][0]
        elif "allOf" in node and len(node["allOf"]) == 1:
            node = node["allOf"][0]
        else:
            break
    return node
