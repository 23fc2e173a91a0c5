"""Reading YAML while remembering the line of every key and list item.

Maintainers need the line of the mistake, which plain ``yaml.safe_load`` forgets.
Dates stay strings so the model, not YAML, decides what a valid date is.

Loading is bounded whatever a file holds: a size limit, no alias (a few nested
aliases would expand into billions of nodes), no tag but YAML's own, a nesting
limit, no control character in a value. Each refusal names its line, in French,
and a syntax error names where an unclosed bracket or quote was opened.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem

Location = tuple[str | int, ...]
MAX_BYTES = 1_000_000
"""The largest data file or page read (the glossary, the largest, is 150 kB)."""
MAX_DEPTH = 40
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_CORE_TAGS = {None, "!", *(f"tag:yaml.org,2002:{t}" for t in
                           ("str", "int", "float", "bool", "null", "seq", "map"))}
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """Safe loader that leaves dates as text."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP]
    for first, resolvers in _Base.yaml_implicit_resolvers.items()
}


@dataclass
class YamlFile:
    """The data of one YAML file and the line of each location in it."""

    path: str
    data: Any = None
    lines: dict[Location, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    texts: dict[Location, int] = field(default_factory=dict)
    """The line where the text of each scalar value starts (after ``|`` for a block)."""

    def line(self, location: Location) -> int:
        """The line of a location, or of its closest enclosing one."""
        while location not in self.lines and location:
            location = location[:-1]
        return self.lines.get(location, 1)

    def text_line(self, location: Location, offset: int) -> int:
        """The line of the ``offset``-th line of a text value."""
        if location in self.texts:
            return self.texts[location] + offset
        return self.line(location)


def read_text(path: Path, display: str) -> tuple[str | None, list[Problem]]:
    """A text file as UTF-8 (with or without a byte order mark), newlines made ``\\n``.

    A file too large, not in UTF-8 or holding a control character is a problem at
    the line of the first wrong byte or character.
    """
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return None, [Problem(display, 1, "", f"fichier trop volumineux ({_megabytes(size)}) : "
                                  f"au plus {_megabytes(MAX_BYTES)} par fichier, découpez-le")]
        data = path.read_bytes()
    except OSError as error:
        return None, [Problem(display, 1, "", f"lecture impossible ({error.strerror or error})")]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        return None, [Problem(display, line, "", f"octet 0x{data[error.start]:02X} invalide : le "
                              "fichier n'est pas encodé en UTF-8 (enregistrez-le en UTF-8)")]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    match = _CONTROL.search(text)
    if match:
        line = text.count("\n", 0, match.start()) + 1
        return None, [Problem(display, line, "", f"caractère de contrôle {_code(match.group())} "
                              "interdit : supprimez-le")]
    return text, []


def read_yaml(path: Path, display: str) -> YamlFile:
    """Parse one file; syntax errors and duplicate keys become problems."""
    text, problems = read_text(path, display)
    if text is None:
        return YamlFile(display, problems=problems)
    return parse_yaml(text, display)


def parse_yaml(text: str, display: str, first_line: int = 1) -> YamlFile:
    """Parse YAML text that starts at ``first_line`` of the file ``display``."""
    result = YamlFile(display)
    offset = first_line - 1
    try:
        refusal = _refused_events(text)
        if refusal:
            line, message = refusal
            result.problems.append(Problem(display, line + offset, "", message))
            return result
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            if node is None:
                result.problems.append(Problem(display, 1, "", "le fichier est vide"))
                return result
            _record_lines(node, result)
            result.data = loader.construct_document(node)
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as error:
        line, message = syntax_message(error, text)
        result.problems.append(Problem(display, line, "", message))
    except yaml.YAMLError as error:
        result.problems.append(Problem(display, 1, "", f"syntaxe YAML invalide ({error})"))
    result.lines = {key: line + offset for key, line in result.lines.items()}
    result.texts = {key: line + offset for key, line in result.texts.items()}
    result.problems = [Problem(p.path, p.line + offset, p.field, p.message)
                       for p in result.problems]
    return result


def _refused_events(text: str) -> tuple[int, str] | None:
    """An alias, a foreign tag or too deep a nesting, found before anything is built."""
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent):
            return line, (f"alias YAML « *{event.anchor} » refusé : recopiez la valeur "
                          "(les ancres & et alias * ne sont pas acceptés)")
        if isinstance(event, yaml.NodeEvent) and getattr(event, "tag", None) not in _CORE_TAGS:
            tag = str(event.tag).replace("tag:yaml.org,2002:", "!!")
            return line, f"étiquette YAML « {tag} » refusée : retirez-la"
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                return line, f"imbrication trop profonde (plus de {MAX_DEPTH} niveaux)"
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return None


_OPENED = {
    "while parsing a flow sequence": "crochet « [ » ouvert ici et jamais fermé (ou virgule "
                                     "manquante entre deux éléments)",
    "while parsing a flow mapping": "accolade « { » ouverte ici et jamais fermée (ou virgule "
                                    "manquante entre deux éléments)",
    "while scanning a quoted scalar": "guillemet ouvert ici et jamais fermé",
}
_PROBLEMS = (
    ("found unknown escape character", "séquence « \\ » inconnue entre guillemets doubles : "
     "doublez la barre oblique inverse (\\\\) ou utilisez des guillemets simples"),
    ("mapping values are not allowed", "deux-points inattendu : mettez le texte entre guillemets, "
     "ou vérifiez l'indentation"),
    ("did not find expected key", "indentation incohérente : une clé était attendue à ce niveau"),
    ("did not find expected '-' indicator", "indentation incohérente : un élément « - » était "
     "attendu à ce niveau"),
    ("could not find expected ':'", "deux-points attendu après la clé"),
    ("found duplicate anchor", "ancre YAML répétée"),
    ("invalid Unicode character escape", "code de caractère « \\u… » invalide entre guillemets"),
)


def syntax_message(error: yaml.MarkedYAMLError, text: str) -> tuple[int, str]:
    """The line of the mistake and a French message for a YAML syntax error.

    An unclosed bracket or quote is reported where it was opened: the parser only
    gives up lines later.
    """
    problem, context = error.problem or "", error.context or ""
    problem_mark, context_mark = error.problem_mark, error.context_mark
    line = (problem_mark or context_mark).line + 1 if (problem_mark or context_mark) else 1
    if context in _OPENED and context_mark is not None and (
            "expected" in problem or "end of stream" in problem):
        return context_mark.line + 1, f"syntaxe YAML invalide : {_OPENED[context]}"
    if "tab character" in problem:
        return line, "syntaxe YAML invalide : tabulation interdite, indentez avec des espaces"
    if "cannot start any token" in problem and problem_mark is not None:
        row = text.split("\n")[problem_mark.line] if problem_mark.line < text.count("\n") + 1 else ""
        character = row[problem_mark.column:problem_mark.column + 1]
        if character == "\t":
            return line, "syntaxe YAML invalide : tabulation interdite, indentez avec des espaces"
        return line, (f"syntaxe YAML invalide : « {character} » ne peut pas commencer une valeur, "
                      "mettez le texte entre guillemets")
    for english, french in _PROBLEMS:
        if english in problem:
            return line, f"syntaxe YAML invalide : {french}"
    return line, f"syntaxe YAML invalide ({problem or context or 'erreur de syntaxe'})"


def _record_lines(root: yaml.Node, result: YamlFile) -> None:
    """The line of every location; repeated keys and control characters are problems."""
    stack: list[tuple[yaml.Node, Location]] = [(root, ())]
    while stack:
        node, location = stack.pop()
        result.lines.setdefault(location, node.start_mark.line + 1)
        if isinstance(node, yaml.ScalarNode):
            start = node.start_mark.line + 1
            result.texts[location] = start + (1 if node.style in ("|", ">") else 0)
            match = _CONTROL.search(node.value)
            if match:
                result.problems.append(Problem(result.path, start, _name(location),
                                               f"caractère de contrôle {_code(match.group())} "
                                               "interdit dans la valeur : supprimez-le"))
        elif isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            for key_node, value_node in node.value:
                key = key_node.value
                if key in seen:
                    result.problems.append(
                        Problem(result.path, key_node.start_mark.line + 1, key, "clé répétée")
                    )
                seen.add(key)
                result.lines[location + (key,)] = key_node.start_mark.line + 1
                stack.append((value_node, location + (key,)))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in reversed(list(enumerate(node.value))):
                stack.append((item, location + (index,)))


def _name(location: Location) -> str:
    """The field as messages name it: within its entry for a file holding a list."""
    if location and isinstance(location[0], int):
        location = location[1:]
    text = ""
    for part in location:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _code(character: str) -> str:
    return f"U+{ord(character):04X}"


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f}".replace(".", ",").replace(",0", "") + "\u00a0Mo"
