"""Every file of the assistant, by its path in the site (``assistant/…``).

The Python the browser runs is the project's own: ``generator/core``, ``generator/documents``
and ``generator/assistant/browser.py``, with the documents' templates, packed into one zip
on each build; Pyodide and the libraries come from the runtime cache (``runtime.py``). The
service worker learns the list of files and a version that changes with any of them.
"""

from __future__ import annotations

import hashlib
import io
import json
import tempfile
import zipfile
from pathlib import Path

from ..core.problems import DataError
from ..core.yamlfile import read_yaml
from ..documents.render import environment
from . import runtime
from .browser import COMPILED, Assistant
from .form import describe

PAGE = "assistant/index.md"
"""The hand-written page the assistant lives on: without it, no assistant is built."""
FOLDER = "assistant/"
CODE = ("generator/__init__.py", "generator/core/*.py", "generator/documents/*.py",
        "generator/assistant/__init__.py", "generator/assistant/browser.py")
TEMPLATED = "sw.js"
"""The service worker, written with the list of files; every other script and stylesheet of
``theme/assistant/`` is copied as it is."""
ENTRY = "assistant.js"
"""The page's script; the others of the folder are the modules it imports, but the worker's."""
WORKER = "worker.js"
STYLE = "assistant.css"
STAMP = (1980, 1, 1, 0, 0, 0)


def wanted(content: Path) -> bool:
    return (content / PAGE).is_file()


def page_meta(theme: Path) -> dict[str, dict]:
    """What the assistant's page loads, written in its header for the theme to print (the
    same way on every builder): its stylesheet, its entry script and the modules that script
    imports, preloaded so that the browser fetches them at once."""
    modules = sorted(p.name for p in (theme / "assistant").glob("*.js")
                     if p.name not in (ENTRY, WORKER, TEMPLATED))
    return {PAGE: {"assistant": {"style": STYLE, "entry": ENTRY, "preload": modules}}}


_CACHE: dict[tuple, dict[str, bytes]] = {}


def assistant_files(theme: Path, groupements: list[tuple[Path, str]],
                    glossary: set[str] | None = None) -> dict[str, bytes]:
    """The files under ``assistant/`` in the site: scripts, form, starting points, runtime.

    Kept in memory while their sources are unchanged, so the preview server (which stages
    the site on every change) pays for them once."""
    code = runtime.HERE.parent.parent
    sources = [*(theme / "assistant").rglob("*"), *(theme / "documents").rglob("*"),
               *(path for path, _ in groupements),
               *(p for pattern in CODE for p in code.glob(pattern))]
    key = (str(theme), tuple(sorted(glossary or ())), tuple(
        (str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(sources) if p.is_file()))
    if key not in _CACHE:
        _CACHE.clear()
        _CACHE[key] = _assistant_files(theme, groupements, glossary)
    return _CACHE[key]


def _assistant_files(theme: Path, groupements: list[tuple[Path, str]],
                     glossary: set[str] | None) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for path in sorted((theme / "assistant").iterdir()):
        if path.suffix in (".js", ".css") and path.name != TEMPLATED:
            files[FOLDER + path.name] = path.read_bytes()
    files[FOLDER + "form.json"] = _json(describe(theme, glossary))
    files[FOLDER + "depart.json"] = _json(starts(theme, groupements))
    cache = runtime.runtime()
    packages = {"guide-packages": (cache / "packages.zip").read_bytes(),
                "guide": python_code(runtime.HERE.parent.parent, theme)}
    for name in runtime.PYODIDE_FILES + ("python_stdlib.zip",):
        files[FOLDER + "runtime/" + name] = (cache / name).read_bytes()
    lock = {"info": {"arch": "wasm32", "abi_version": "2026_0", "platform": "emscripten_5_0_3",
                     "python": "3.14.2"}, "packages": {}}
    for name, data in packages.items():
        digest = hashlib.sha256(data).hexdigest()
        file_name = f"{name}-{digest[:12]}.zip"
        files[FOLDER + "runtime/" + file_name] = data
        lock["packages"][name] = {
            "name": name, "version": "0", "file_name": file_name, "install_dir": "site",
            "sha256": digest, "package_type": "package", "imports": [], "depends": [],
        }
    files[FOLDER + "lock.json"] = _json(lock)
    files[FOLDER + TEMPLATED] = service_worker(theme, files)
    return files


def python_code(root: Path, theme: Path) -> bytes:
    """The project's Python the browser runs (from the generator's own checkout ``root``),
    and the documents' theme, as one zip."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        sources = sorted({p for pattern in CODE for p in root.glob(pattern)})
        for path in sources:
            _put(archive, path.relative_to(root).as_posix(), path.read_bytes())
        documents = theme / "documents"
        for path in sorted(documents.rglob("*")):
            if path.is_file():
                _put(archive, "guide_theme/documents/" + path.relative_to(documents).as_posix(),
                     path.read_bytes())
        _put(archive, f"guide_theme/{COMPILED}", compiled_templates(theme))
    return buffer.getvalue()


def compiled_templates(theme: Path) -> bytes:
    """The documents' templates compiled by Jinja (the version the browser runs, pinned)."""
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / COMPILED
        environment(theme.resolve()).compile_templates(str(target), zip="deflated",
                                                       ignore_errors=False)
        return target.read_bytes()


def starts(theme: Path, groupements: list[tuple[Path, str]]) -> dict:
    """The new groupement and the examples, as the form's starting data."""
    def data(path: Path, shown: str) -> dict:
        file = read_yaml(path, shown)
        if file.problems:
            raise DataError(file.problems)
        return json.loads(json.dumps(file.data, default=str))

    examples = {}
    for path, shown in groupements:
        content = data(path, shown)
        title = str(content.get("groupement", {}).get("name", path.stem))
        examples[path.stem] = {"title": title, "data": content}
    new = data(theme / "assistant" / "nouveau.yml", "theme/assistant/nouveau.yml")
    # What the worker answers for the new groupement, computed now by the same package, so
    # that its preview shows while Pyodide starts.
    return {"nouveau": {"title": "Nouveau groupement", "data": new,
                        "preview": Assistant(theme.resolve()).update(new)},
            "exemples": examples}


def service_worker(theme: Path, files: dict[str, bytes]) -> bytes:
    names = sorted(path[len(FOLDER):] for path in files)
    digest = hashlib.sha256()
    for name in names:
        digest.update(name.encode() + b"\0" + files[FOLDER + name])
    text = (theme / "assistant" / TEMPLATED).read_text(encoding="utf-8")
    keep = ["./", "index.html", *names]
    return (text.replace("__VERSION__", digest.hexdigest()[:12])
            .replace("__FILES__", json.dumps(keep))).encode()


def _json(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def _put(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, STAMP)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    archive.writestr(info, data)
