"""The assistant's form, described from the groupement's declaration.

Structure, types, required values, choices, list lengths and help texts come from the
model's JSON Schema (``documents.model.schema()``, the one editors use); which fields name
a member, a body or a phase comes from the checks (``documents.checks``); long texts are
the fields typed ``Markdown``. ``theme/assistant/form.yml`` adds only the sections, the
French labels, the glossary links and the words of each choice. The browser draws the
form from the description this module writes; a field of the declaration without a label
is a problem, so a new field never goes unnoticed.
"""

from __future__ import annotations

import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..core.fields import Markdown
from ..core.french import typography
from ..core.problems import DataError, Problem
from ..core.yamlfile import read_yaml
from ..documents.checks import _references
from ..documents.model import GROUPEMENT, Groupement, schema
from .browser import KINDS, SOURCES, _model

FORM = "assistant/form.yml"
PERIOD = r"^\d{4}-\d{2}(-\d{2})?$"
"""A day, or a month while the day is not known (``documents.types.Period``)."""


def describe(theme: Path, glossary: set[str] | None = None) -> dict:
    """The form's description for the browser: sections of nested fields.

    ``glossary`` holds the ids of the guide's terms, to check the links (None: unchecked).
    """
    shown = f"theme/{FORM}"
    file = read_yaml(theme / FORM, shown)
    if file.problems:
        raise DataError(file.problems)
    config = file.data
    root = schema()
    builder = _Builder(root, config, references(), shown, file)
    sections = []
    for section in config["sections"]:
        fields = [builder.node(key, root["properties"][key], key in root.get("required", []),
                               Groupement.model_fields[key].annotation) for key in section["fields"]]
        sections.append({"id": section["id"], "title": typography(section["title"]),
                         "intro": typography(section.get("intro", "")), "fields": fields})
    placed = {key for section in config["sections"] for key in section["fields"]}
    problems = builder.problems
    problems += [Problem(shown, file.line(("sections",)), "sections",
                         f"champ de la déclaration absent des sections : {key}")
                 for key in root["properties"] if key not in placed]
    if glossary is not None:
        problems += [Problem(shown, file.line(("labels", path, "glossary")), f"labels.{path}",
                             f"terme inconnu du glossaire « {term} »")
                     for path, term in builder.glossary.items() if term not in glossary]
    if problems:
        raise DataError(problems)
    unknown = set(references().values()) - set(KINDS)
    if unknown:
        raise DataError([Problem("generator/assistant/form.py", 1, "KINDS",
                                 f"sorte de référence inconnue : {', '.join(sorted(unknown))}")])
    return {"sections": sections, "sources": SOURCES, "kinds": KINDS, "groupement": GROUPEMENT}


def references() -> dict[str, str]:
    """Which fields name a member, a body or a phase (« either »: a member or a body), by
    path with « [] » for list items, as the checks know them."""
    return {_pattern(where): kind for blocks in (False, True)
            for where, kind in _references(_skeleton(Groupement, blocks))}


def _skeleton(model: type[BaseModel], blocks: bool) -> dict:
    """A data shape with one item in every list and a text in every field, for the checks
    to walk. A field that may hold a text or a block (a chair: a member, or a rotation among
    members) is a text, or with ``blocks`` the block."""
    data: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        sub, is_list = _model(info.annotation)
        if is_list:
            data[name] = [_skeleton(sub, blocks)] if sub is not None else ["x"]
        elif sub is not None and (blocks or not _takes_text(info.annotation)):
            data[name] = _skeleton(sub, blocks)
        else:
            data[name] = "x"
    return data


def _takes_text(annotation: Any) -> bool:
    return any(option is str or typing.get_origin(option) is typing.Annotated
               and typing.get_args(option)[0] is str for option in typing.get_args(annotation))


def _pattern(where: tuple) -> str:
    text = ""
    for part in where:
        text += "[]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def _markdown_fields(model: type[BaseModel]) -> set[str]:
    hints = typing.get_type_hints(model, include_extras=True)
    return {name for name, hint in hints.items()
            if hint == Markdown or Markdown in typing.get_args(hint)}


def _bounds(prop: dict) -> tuple:
    """An integer's bounds, as the schema writes them (a constrained type after a validator
    keeps pydantic's own words, ``ge`` and ``le``)."""
    return prop.get("minimum", prop.get("ge")), prop.get("maximum", prop.get("le"))


class _Builder:
    def __init__(self, root: dict, config: dict, refs: dict[str, str], shown: str, file) -> None:
        self.root, self.refs, self.shown, self.file = root, refs, shown, file
        self.labels: dict = config.get("labels") or {}
        self.choices: dict = config.get("choices") or {}
        self.problems: list[Problem] = []
        self.glossary: dict[str, str] = {}

    def resolve(self, node: dict) -> tuple[dict, bool]:
        """A property's schema without ``$ref`` and ``null``, and whether it may be null."""
        nullable = False
        while True:
            if "$ref" in node:
                extra = {k: v for k, v in node.items() if k != "$ref"}
                node = {**self.root["$defs"][node["$ref"].rsplit("/", 1)[-1]], **extra}
            elif "anyOf" in node:
                options = [o for o in node["anyOf"] if o.get("type") != "null"]
                nullable = nullable or len(options) < len(node["anyOf"])
                extra = {k: v for k, v in node.items() if k != "anyOf"}
                number = next((o for o in options if o.get("type") == "number"), None)
                node = {**(number or options[0]), **extra}
            else:
                return node, nullable

    def entry(self, path: str) -> dict:
        entry = self.labels.get(path)
        if entry is None:
            self.problems.append(Problem(self.shown, self.file.line(("labels",)), "labels",
                                         f"libellé manquant pour le champ « {path} »"))
            return {"label": path}
        return {"label": entry} if isinstance(entry, str) else entry

    def block(self, prop: dict) -> dict | None:
        """The block a field takes instead of a text, as a chair takes a rotation."""
        options = [self.resolve(o)[0] for o in prop.get("anyOf", []) if o.get("type") != "null"]
        shapes = {o.get("type") for o in options}
        return next((o for o in options if o.get("type") == "object"), None) \
            if len(shapes) > 1 else None

    def node(self, key: str, prop: dict, required: bool, annotation: Any, parent: str = "",
             markdown: bool = False) -> dict:
        block = self.block(prop)
        words = [o["const"] for o in prop.get("anyOf", []) if "const" in o]
        prop, nullable = self.resolve(prop)
        path = f"{parent}.{key}" if parent else key
        is_list = prop.get("type") == "array"
        pattern = path + "[]" if is_list else path
        entry = self.entry(pattern)
        if entry.get("glossary"):
            self.glossary[pattern] = entry["glossary"]
        described = prop.get("description", "")
        node: dict[str, Any] = {
            "key": key, "label": typography(entry["label"]),
            "help": typography(entry.get("help", described)),
            "required": required and not nullable, "glossary": entry.get("glossary", ""),
        }
        sub, _ = _model(annotation)
        if is_list:
            items, _ = self.resolve(prop["items"])
            node["min"] = prop.get("minItems", 0)
            if items.get("type") == "object":
                node.update(kind="list", item=typography(entry.get("item", entry["label"])),
                            add=typography(entry.get("add", "Ajouter")),
                            fields=self.children(items, pattern, sub))
            elif pattern in self.refs:
                node.update(kind="refs", ref=self.refs[pattern], order=bool(entry.get("order")))
            else:
                node.update(kind="lines")
        elif prop.get("type") == "object":
            # A block's description is its class's docstring, written for maintainers.
            node.update(kind="group", help=typography(entry.get("help", "")),
                        fields=self.children(prop, path, sub))
        elif pattern in self.refs:
            node.update(kind="ref", ref=self.refs[pattern])
            if block is not None:
                node["block"] = {"label": typography(entry.get("block", "")),
                                 "fields": self.children(block, path, sub)}
        elif key == "id" and "pattern" in prop:
            node.update(kind="id")
        elif "enum" in prop:
            words = self.choices.get(pattern) or self.choices.get(key, {})
            # The declaration's description lists the file's codes: the options say it in words.
            node.update(kind="choice", help=typography(entry.get("help", "")),
                        options=[{"value": v, "label": typography(words.get(v, v))}
                                                for v in prop["enum"]])
            missing = [v for v in prop["enum"] if v not in words]
            if missing:
                self.problems.append(Problem(self.shown, self.file.line(("choices",)), "choices",
                                             f"libellé manquant pour {pattern} : {', '.join(missing)}"))
        elif prop.get("type") == "integer" and _bounds(prop) == (1, 4):
            node.update(kind="choice", options=[{"value": int(v), "label": label} for v, label
                                                in self.choices["level"].items()])
        elif prop.get("type") == "boolean":
            node.update(kind="bool")
        elif prop.get("type") == "integer":
            # A count that may also be a word, as a duration is « indéterminée ».
            node.update(kind="integer", **({"words": words} if words else {}))
        elif prop.get("type") == "number":
            node.update(kind="decimal")
        elif prop.get("format") == "date":
            node.update(kind="date")
        elif prop.get("pattern") == PERIOD:
            node.update(kind="period")
        else:
            node.update(kind="markdown" if markdown else "text")
        return node

    def children(self, prop: dict, path: str, model: type[BaseModel] | None) -> list[dict]:
        required = prop.get("required", [])
        markdown = _markdown_fields(model) if model else set()
        fields = model.model_fields if model else {}
        return [self.node(key, child, key in required,
                          fields[key].annotation if key in fields else None, path,
                          key in markdown)
                for key, child in prop.get("properties", {}).items()]
