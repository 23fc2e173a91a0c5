"""French writers' traps in a groupement file, answered with the exact text to write.

YAML stops at « texte : suite » with an English message pointing at the colon; the
writer is told to quote the value, at the line where the value starts. An unquoted
FINESS such as 010002634 is read by YAML as a number and loses its leading zero (or
turns octal); the writer gets the quoted form back.
"""

from __future__ import annotations

import re
from typing import Any

from ..core.messages import field_name
from ..core.problems import Problem
from ..core.yamlfile import YamlFile

COLON = "deux-points inattendu"
"""How core.yamlfile reports « texte : suite » in a value (YAML's « mapping values are not allowed »)."""
KEY = re.compile(r"^(?P<indent>\s*)(?P<dash>-\s+)?(?P<key>[\w-]+):(?:\s+(?P<value>.*))?$")


def yaml_problems(text: str, problems: list[Problem]) -> list[Problem]:
    """YAML syntax problems, the colon-in-a-value one made clear."""
    lines = text.splitlines()
    return [_colon(lines, p) if COLON in p.message else p for p in problems]


def _colon(lines: list[str], problem: Problem) -> Problem:
    """The key whose value holds the colon, found by walking up from the error's line."""
    index = min(problem.line, len(lines)) - 1
    while index >= 0:
        match = KEY.match(lines[index])
        if match and match.group("value") and not match.group("value").startswith(("|", ">")):
            if index == problem.line - 1 and ": " not in match.group("value"):
                index -= 1
                continue
            break
        index -= 1
    if index < 0:
        return problem
    match = KEY.match(lines[index])
    assert match is not None
    indent = len(match.group("indent")) + len(match.group("dash") or "")
    value = [match.group("value").strip()]
    for line in lines[index + 1:]:
        if not line.strip() or len(line) - len(line.lstrip()) <= indent:
            break
        value.append(line.strip())
    joined = " ".join(value).replace('"', "'")
    shown = joined if len(joined) <= 80 else joined[:77] + "…"
    return Problem(problem.path, index + 1, _path(lines, index),
                   "deux-points suivi d'une espace dans un texte : mettez le texte entre "
                   f"guillemets, par exemple {match.group('key')}: \"{shown}\"")


def _path(lines: list[str], index: int) -> str:
    """``members[0].capacity``: the location of the key at ``lines[index]``, from indentation."""
    parts: list[str] = []
    match = KEY.match(lines[index])
    assert match is not None
    parts.append(match.group("key"))
    indent = len(match.group("indent"))
    if match.group("dash"):
        parts.append(_item(lines, index, indent))
    for position in range(index - 1, -1, -1):
        line = lines[position]
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        current = len(line) - len(line.lstrip())
        found = KEY.match(line)
        if found and found.group("dash") and current + len(found.group("dash")) == indent:
            parts.append(_item(lines, position, current))  # a sibling key opens the list item
            indent = current
        elif current < indent and found:
            parts.append(found.group("key"))
            indent = current
            if found.group("dash"):
                parts.append(_item(lines, position, current))
        elif current < indent and line.lstrip().startswith("- "):
            parts.append(_item(lines, position, current))
            indent = current
    text = ""
    for part in reversed(parts):
        text += part if part.startswith("[") else (f".{part}" if text else part)
    return text


def _item(lines: list[str], index: int, indent: int) -> str:
    """The index of the list item starting at ``lines[index]`` among its siblings."""
    count = 0
    for line in reversed(lines[:index]):
        if not line.strip():
            continue
        current = len(line) - len(line.lstrip())
        if current < indent:
            break
        if current == indent and line.lstrip().startswith("- "):
            count += 1
    return f"[{count}]"


def lost_zeros(text: str, data: Any, file: YamlFile) -> list[Problem]:
    """FINESS and SIRET numbers typed without quotes that began with 0: the quoted form to
    write; the data gets the digits as typed, so that no other message follows."""
    lines = text.splitlines()
    problems = []
    places = [(("members", i), m) for i, m in enumerate(_list(data, "members"))]
    places += [(("organisations", i), o) for i, o in enumerate(_list(data, "organisations"))]
    for location, item in places:
        for field, label in (("finess", "FINESS"), ("siret", "SIRET")):
            if not isinstance(item.get(field), int) or isinstance(item.get(field), bool):
                continue
            line = file.line(location + (field,))
            raw = lines[line - 1].split(":", 1)[1].split("#")[0].strip() if line <= len(lines) \
                and ":" in lines[line - 1] else ""
            if re.fullmatch(r"0[\d_]*", raw):
                item[field] = raw
                problems.append(Problem(file.path, line, field_name(location + (field,)),
                                        f"numéro {label} écrit sans guillemets : le zéro initial "
                                        f"s'est perdu ; écrivez {field}: \"{raw}\""))
    return problems


def _list(data: Any, key: str) -> list[dict]:
    value = data.get(key) if isinstance(data, dict) else None
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []

