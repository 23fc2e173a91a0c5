"""What the reader's browser runs, in Pyodide: the documents package behind the form.

The form sends the answers as the data a groupement file holds (the dictionary YAML
would give); this module answers with the problems ``fill`` would report, the HTML of
the three documents, a DOCX, or the YAML file itself. Checks, computed values, words
and templates are those of ``documents``: nothing is computed a second time in
JavaScript. Imports only ``core`` and ``documents``, which import nothing that needs a
process, a network or WeasyPrint.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin

import jinja2
import yaml
from pydantic import BaseModel

from ..core.french import typography
from ..core.messages import validate
from ..core.problems import Problem
from ..core.yamlfile import YamlFile, parse_yaml
from ..documents.checks import RULES, _references
from ..documents.fill import BLANK_MODELS, blank_models
from ..documents.model import GROUPEMENT, Groupement
from ..documents.render import Renderer
from ..documents.types import blank_mode

Location = tuple[str | int, ...]
SOURCES = {"member": ["members"], "body": ["governance", "bodies"], "phase": ["project", "phases"],
           "organisation": ["organisations"], "provider": ["providers"]}
"""Where the entries a reference names are listed."""
KINDS = {"member": ["member"], "body": ["body"], "phase": ["phase"], "either": ["member", "body"],
         "organisation": ["organisation"], "provider": ["provider"],
         "employer": ["member", "provider", GROUPEMENT], "carrier": ["member", GROUPEMENT],
         "contractor": ["member", GROUPEMENT]}
"""What each kind of reference of the checks (``documents.checks.references``) accepts:
entries of ``SOURCES``, or the groupement itself."""
HEADER = ("# Groupement décrit avec l'assistant de rédaction du guide.\n"
          "# Pour remplir les documents en ligne de commande :\n"
          "#   .venv/bin/python -m generator fill {name}\n")
SHOWN = "groupement.yml"
COMPILED = "documents-templates.zip"
"""The documents' templates as Jinja compiles them, shipped beside the theme: the browser
is spared Jinja's parsing on the first preview."""


def check(data: Any) -> list[Problem]:
    """Every problem ``fill`` would report for this data, as ``load_groupement`` finds them."""
    if not isinstance(data, dict):
        return [Problem(SHOWN, 1, "", "bloc de clés attendu (document: …, groupement: …, "
                                      "members: …)")]
    file = YamlFile(SHOWN, data)
    _, problems = validate(Groupement, data, file, ())
    problems += [problem for rule in RULES for problem in rule(data, file)]
    return sorted(set(problems))


def location(field: str) -> Location:
    """``members[1].finess`` → ``("members", 1, "finess")``: the inverse of ``field_name``."""
    parts: list[str | int] = []
    for name, index in re.findall(r"([^.\[\]]+)|\[(\d+)\]", field):
        parts.append(int(index) if index else name)
    return tuple(parts)


class Assistant:
    """The renderer and the blank model, loaded once when the page opens."""

    def __init__(self, theme: Path) -> None:
        self.renderer = Renderer(theme)
        compiled = theme / COMPILED
        if compiled.is_file():  # the same templates, compiled by Jinja at build time
            self.renderer.env.loader = jinja2.ModuleLoader(str(compiled))
        # The blank model of each legal form: its placeholders fill the draft's gaps.
        self.blanks: dict[str, dict] = {
            form: parse_yaml(path.read_text(encoding="utf-8"), shown).data
            for path, shown, form in ((path, shown, suffix.removeprefix("vierge-"))
                                      for path, shown, suffix in blank_models(theme))}
        self.blank: dict = self.blanks[BLANK_MODELS[0]]

    # What the form asks ---------------------------------------------------------------------

    def problems(self, data: Any) -> list[dict]:
        return [{"field": p.field, "message": typography(p.message)} for p in check(data)]

    def update(self, data: Any) -> dict:
        """The problems, and the documents' HTML: the answers themselves when they are
        complete and valid, otherwise a draft where the blank model's placeholders stand
        for what is missing or wrong."""
        problems = check(data)
        documents = self.documents(data, problems)
        return {"problems": [{"field": p.field, "message": typography(p.message)}
                             for p in problems],
                "complete": not problems,
                "documents": None if documents is None else [
                    {"stem": d.stem, "title": d.title, "html": d.html} for d in documents]}

    def documents(self, data: Any, problems: list[Problem] | None = None) -> list | None:
        problems = check(data) if problems is None else problems
        if not problems:
            return self.renderer.render(self.renderer.dossier(Groupement.model_validate(data)))
        draft = self.draft(data)
        if draft is None:
            return None
        return self.renderer.render(self.renderer.dossier(draft, blank=True))

    def docx(self, data: Any, stem: str) -> bytes:
        documents = self.documents(data) or []
        return next(self.renderer.docx(d) for d in documents if d.stem == stem)

    # The draft --------------------------------------------------------------------------------

    def draft(self, data: Any) -> Groupement | None:
        """The answers, each missing or invalid value replaced by the blank model's."""
        draft = copy.deepcopy(data) if isinstance(data, dict) else {}
        form = _at(draft, ("groupement", "legal_form"))
        self.blank = self.blanks.get(form if isinstance(form, str) else "", self.blanks[BLANK_MODELS[0]])
        _fill_lists(draft, Groupement, self.blank)
        for key, value in self.blank.items():  # what the blank model's entries may name
            draft.setdefault(key, copy.deepcopy(value))
        padded: set[Location] = set()
        for _ in range(6):
            self._mend_references(draft)
            file = YamlFile(SHOWN, draft)
            with blank_mode():
                entity, problems = validate(Groupement, draft, file, ())
                problems += [p for rule in RULES for p in rule(draft, file)]
            if not problems:
                return entity  # type: ignore[return-value]
            for where in sorted({location(p.field) for p in problems}, key=len):
                self._replace(draft, where, padded)
        return None

    def _replace(self, draft: dict, where: Location, padded: set[Location]) -> None:
        blank = _at(self.blank, where)
        current = _at(draft, where)
        if where not in padded:  # first, only add what is missing
            padded.add(where)
            if isinstance(current, list) and isinstance(blank, list) and len(current) < len(blank):
                current.extend(copy.deepcopy(blank[len(current):]))
                return
            if isinstance(current, dict) and isinstance(blank, dict) and set(blank) - set(current):
                for key, value in blank.items():
                    current.setdefault(key, copy.deepcopy(value))
                return
        _put(draft, where, copy.deepcopy(blank))

    @staticmethod
    def _mend_references(draft: dict) -> None:
        """A reference to nothing names the first entry it may name instead."""
        def ids(source: str) -> list[str]:
            if source == GROUPEMENT:
                return [GROUPEMENT]
            found = _at(draft, tuple(SOURCES[source]))
            return [i["id"] for i in found if isinstance(i, dict) and isinstance(i.get("id"), str)] \
                if isinstance(found, list) else []
        for where, kind in list(_references(draft)):
            accepted = [ident for source in KINDS.get(kind, ()) for ident in ids(source)]
            value = _at(draft, where)
            if value is not None and value not in accepted:
                # Nothing it may name: an optional reference is left out.
                _put(draft, where, accepted[0] if accepted else None)

    # YAML, both ways -------------------------------------------------------------------------

    def to_yaml(self, data: Any, name: str = "mon-groupement.yml") -> str:
        """The very file ``fill`` reads: keys in the declaration's order, long texts as blocks."""
        text = yaml.dump(ordered(data, Groupement), Dumper=_Dumper, allow_unicode=True,
                         sort_keys=False, width=100, default_flow_style=False)
        return HEADER.format(name=name) + text

    @staticmethod
    def from_yaml(text: str) -> dict:
        """A groupement file's data for the form, or the problems that stop it being read."""
        file = parse_yaml(text, SHOWN)
        if not file.problems and not isinstance(file.data, dict):
            file.problems.append(Problem(SHOWN, 1, "", "bloc de clés attendu (document: …, "
                                                       "groupement: …, members: …)"))
        if file.problems:
            return {"data": None, "problems": [str(p) for p in file.problems]}
        return {"data": json.loads(json.dumps(file.data, default=str)), "problems": []}


# Helpers ------------------------------------------------------------------------------------

def _at(data: Any, where: Location) -> Any:
    """The value at ``where``; in a list, an index past its end reads the last item."""
    for part in where:
        if isinstance(part, int) and isinstance(data, list) and data:
            data = data[min(part, len(data) - 1)]
        elif isinstance(part, str) and isinstance(data, dict):
            data = data.get(part)
        else:
            return None
    return data


def _put(data: Any, where: Location, value: Any) -> None:
    for part in where[:-1]:
        if isinstance(part, int) and isinstance(data, list) and part < len(data):
            data = data[part]
        elif isinstance(part, str) and isinstance(data, dict):
            data = data.setdefault(part, {})
        else:
            return
    last = where[-1] if where else None
    if isinstance(last, int) and isinstance(data, list) and last < len(data):
        data[last] = value
    elif isinstance(last, str) and isinstance(data, dict):
        if value is None:
            data.pop(last, None)
        else:
            data[last] = value


def _fill_lists(data: Any, model: type[BaseModel], blank: Any) -> None:
    """Lists that must hold an item but are left out take the blank model's: a default
    is not checked, and the documents need, say, a phase to draw a calendar."""
    if not isinstance(data, dict):
        return
    for name, info in model.model_fields.items():
        sub, is_list = _model(info.annotation)
        minimum = next((m.min_length for m in info.metadata if hasattr(m, "min_length")), 0)
        value, other = data.get(name), blank.get(name) if isinstance(blank, dict) else None
        if is_list or typing_list(info.annotation):
            if minimum and not value and other:
                data[name] = copy.deepcopy(other)
            elif sub is not None and isinstance(value, list):
                for index, item in enumerate(value):
                    model_blank = other[min(index, len(other) - 1)] if other else {}
                    _fill_lists(item, sub, model_blank)
        elif sub is not None and isinstance(value, dict):
            _fill_lists(value, sub, other or {})


def typing_list(annotation: Any) -> bool:
    return get_origin(annotation) is list


def _model(annotation: Any) -> tuple[type[BaseModel] | None, bool]:
    """The model a field holds, and whether it holds a list of them."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return _model(get_args(annotation)[0])
    if origin in (Union, UnionType):
        for option in get_args(annotation):
            found = _model(option)
            if found[0] is not None:
                return found
        return None, False
    if origin is list:
        return _model(get_args(annotation)[0])[0], True
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation, False
    return None, False


def ordered(data: Any, model: type[BaseModel] | None) -> Any:
    """Keys in the order the declaration gives them (unknown keys kept, at the end)."""
    if isinstance(data, list):
        return [ordered(item, model) for item in data]
    if not isinstance(data, dict) or model is None:
        return data
    fields = model.model_fields
    keys = [k for k in fields if k in data] + [k for k in data if k not in fields]
    return {key: ordered(data[key], _model(fields[key].annotation)[0] if key in fields else None)
            for key in keys}


class _Dumper(yaml.SafeDumper):
    """Long texts as literal blocks, as people write them by hand."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value.rstrip("\n") + "\n",
                                       style="|")
    return dumper.represent_str(value)


_Dumper.add_representer(str, _text)


# The worker's entry point ------------------------------------------------------------------

def dispatch(assistant: Assistant, op: str, payload: str) -> str:
    """One request of the browser's worker, JSON in and out."""
    args = json.loads(payload)
    if op == "update":
        return json.dumps(assistant.update(args["data"]), ensure_ascii=False)
    if op == "yaml":
        return json.dumps(assistant.to_yaml(args["data"], args.get("name", "mon-groupement.yml")),
                          ensure_ascii=False)
    if op == "load":
        return json.dumps(assistant.from_yaml(args["text"]), ensure_ascii=False)
    raise ValueError(f"unknown operation {op!r}")


def docx(assistant: Assistant, payload: str) -> bytes:
    """One document as DOCX, for the worker."""
    args = json.loads(payload)
    return assistant.docx(args["data"], args["stem"])
