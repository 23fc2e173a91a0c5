"""The layout shows the pipeline: a one-way import rule between the packages, no cycle.

Every import counts, at module level or inside a function: a function-level import
that hides a cycle is still a cycle.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "generator"
TOP = "generator"

ALLOWED = {
    "core": {"core"},
    "guide": {"core", "guide"},
    "documents": {"core", "documents"},
    "pdf": {"core", "guide", "pdf"},
    "site": {"core", "guide", "site"},
    "assistant": {"core", "documents", "assistant"},
}
"""What each subpackage may import; the modules on top (cli, build, serve, schema) may
import any of them. ``documents`` runs on its own (in the browser too, behind ``assistant``)."""


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """The modules of the generator that ``path`` imports, resolved to full names."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target == TOP or target.startswith(TOP + "."):
                found.add(target)
                found |= {f"{target}.{alias.name}" for alias in node.names}
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith(TOP + ".")}
    return found


def graph() -> dict[str, set[str]]:
    modules = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    edges: dict[str, set[str]] = defaultdict(set)
    for name, path in modules.items():
        for target in imports(path):
            while target not in modules and "." in target:
                target = target.rpartition(".")[0]  # « from .x import y »: y is a name
            if target in modules and target != name and target != TOP:
                edges[name].add(target)
    return {name: edges[name] for name in modules}


def layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 or (len(parts) == 2 and parts[1] in ALLOWED) else "top"


def test_each_package_imports_only_what_it_may() -> None:
    wrong = []
    for module, targets in graph().items():
        own = layer(module)
        for target in targets:
            other = layer(target)
            if own in ALLOWED and other not in ALLOWED[own]:
                wrong.append(f"{module} imports {target}")
            if other == "site" and own not in ("site", "top"):
                wrong.append(f"{module} imports {target}: nothing imports the site")
    assert wrong == []


def test_the_rule_is_checked_on_real_imports() -> None:
    """The checker sees both relative and function-level imports (it must be able to fail)."""
    edges = graph()
    assert "generator.core.problems" in edges["generator.guide.validation"]
    assert "generator.documents.docx" in edges["generator.documents.render"]  # inside a method
    assert "generator.site.builders" in edges["generator.build"]


def test_no_import_cycle() -> None:
    edges = graph()
    state: dict[str, int] = {}
    cycles = []

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for target in sorted(edges[module]):
            if state.get(target) == 1:
                cycles.append(" → ".join(path[path.index(target):] + [target]))
            elif target not in state:
                visit(target, path + [target])
        state[module] = 2

    for module in sorted(edges):
        if module not in state:
            visit(module, [module])
    assert cycles == []


def test_modules_stay_short() -> None:
    """About 300 lines at most: past that, a module holds two ideas."""
    long = {module_name(p): n for p in PACKAGE.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 330}
    assert long == {}


def test_theme_scripts_stay_short() -> None:
    """The same bound for the scripts the readers' and coordinators' browsers run."""
    long = {p.relative_to(ROOT).as_posix(): n for p in (ROOT / "theme").rglob("*.js")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 330}
    assert long == {}
