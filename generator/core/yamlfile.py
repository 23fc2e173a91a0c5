"""Reading YAML while remembering the line of every key and list item.

Maintainers need the line of the mistake, which plain ``yaml.safe_load`` forgets.
Dates stay strings so the model, not YAML, decides what a valid date is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem

Location = tuple[str | int, ...]
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
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

    def line(self, location: Location) -> int:
        """The line of a location, or of its closest enclosing one."""
        while location not in self.lines and location:
            location = location[:-1]
        return self.lines.get(location, 1)


def read_yaml(path: Path, display: str) -> YamlFile:
    """Parse one file; syntax errors and duplicate keys become problems."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return YamlFile(display, problems=[Problem(display, 1, "", "le fichier n'est pas encodé en UTF-8")])
    return parse_yaml(text, display)


def parse_yaml(text: str, display: str, first_line: int = 1) -> YamlFile:
    """Parse YAML text that starts at ``first_line`` of the file ``display``."""
    result = YamlFile(display)
    offset = first_line - 1
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            result.problems.append(Problem(display, 1, "", "le fichier est vide"))
            return result
        _record_lines(node, (), result)
        result.lines = {key: line + offset for key, line in result.lines.items()}
        result.problems = [
            Problem(p.path, p.line + offset, p.field, p.message) for p in result.problems
        ]
        result.data = loader.construct_document(node)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = (mark.line + 1 if mark else 1) + offset
        detail = error.problem or error.context or "erreur de syntaxe"
        result.problems.append(Problem(display, line, "", f"syntaxe YAML invalide ({detail})"))
    except yaml.YAMLError as error:
        result.problems.append(Problem(display, 1, "", f"syntaxe YAML invalide ({error})"))
    finally:
        loader.dispose()
    return result


def _record_lines(node: yaml.Node, location: Location, result: YamlFile) -> None:
    result.lines.setdefault(location, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = key_node.value
            if key in seen:
                result.problems.append(
                    Problem(result.path, key_node.start_mark.line + 1, key, "clé répétée")
                )
            seen.add(key)
            result.lines[location + (key,)] = key_node.start_mark.line + 1
            _record_lines(value_node, location + (key,), result)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _record_lines(item, location + (index,), result)
