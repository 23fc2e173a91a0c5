"""Pyodide and the wheels the documents need, pinned with their hashes and fetched once.

The reader's browser runs the ``documents`` package in Pyodide (CPython compiled to
WebAssembly). The npm package ``pyodide`` brings the interpreter and the standard library;
the wheels come from PyPI: pydantic-core built for Pyodide, and pure-Python packages
(MarkupSafe and PyYAML give their pure-Python fallback, their compiled part is dropped).
Everything is fetched by the ordinary clients (``npm pack``, ``pip download``), checked
against the hashes below, kept in a cache outside the source tree, and compiled to
bytecode by Pyodide itself (``compile.mjs``, run by Node.js). Nothing is committed and
nothing is fetched from a CDN at run time: the site serves every file itself.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..core.problems import DataError, Problem

HERE = Path(__file__).resolve().parent
SHOWN = "generator/assistant/runtime.py"


@dataclass(frozen=True)
class Pin:
    """One file to fetch: a package, its exact version and the SHA-256 of the file."""

    name: str
    version: str
    sha256: str
    platform: str = "any"


PYODIDE = Pin("pyodide", "314.0.8", "9a52704e0ae5b07aaacb8e4fed9f1658e8024694a078695ea45ac79dee4cefcb")
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm")
"""What the browser loads from the npm package; the standard library is compiled apart."""
PYTHON = "3.14"
WASM = "pyemscripten_2026_0_wasm32"
LINUX = "manylinux2014_x86_64"
WHEELS = (
    Pin("pydantic-core", "2.50.5", "b2910ec0fa5aeb9bef70156f2b79f4783978fdcfaa7b2f1b5d1814458d2e79a1",
        WASM),
    Pin("pydantic", "2.14.4", "653a2ad9f6d8858529c77c72717d0ea991d6c6837fe683246b2f4b2bbfc3fadc"),
    Pin("typing-extensions", "4.16.0",
        "481caa481374e813c1b176ada14e97f1f67a4539ce9cfeb3f350d78d6370c2e8"),
    Pin("typing-inspection", "0.4.5",
        "bc210535442b39e1bf2805e0c7a17dfd6a4ace760c84c7f7d16245d23a6b1c39"),
    Pin("annotated-types", "0.8.0", "f072f4d804ea359e4eaf198b1af7a8b0943881a87f31bb764f8bf219bb9419e0"),
    Pin("jinja2", "3.1.6", "85ece4451f492d0c13c5dd7c13a64681a86afae63a5f347908daf103ce6d2f67"),
    # No pure-Python wheel: their Linux wheel gives the .py files, the C part is dropped.
    Pin("markupsafe", "3.0.4", "a8e9f292fcda89b324f2f5c91d13f1424a153e40fc2756f38ee23b15835ff300",
        LINUX),
    Pin("pyyaml", "6.0.4", "c604dc2613c417130479cdd6e55c2faa691b6365aa82b3dafddfcecc2eaf1ac7", LINUX),
)
OUTPUTS = (*PYODIDE_FILES, "python_stdlib.zip", "packages.zip")


def cache_folder() -> Path:
    """``build/assistant-runtime/`` beside the generator (shared by the copies the tests
    build), or ``GUIDE_ASSISTANT_CACHE``."""
    if os.environ.get("GUIDE_ASSISTANT_CACHE"):
        return Path(os.environ["GUIDE_ASSISTANT_CACHE"])
    return HERE.parent.parent / "build" / "assistant-runtime"


def fingerprint() -> str:
    """Changes with any pin or with the compiler: a new folder, never a stale one."""
    text = repr((PYODIDE, WHEELS)) + (HERE / "compile.mjs").read_text(encoding="utf-8")
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def runtime() -> Path:
    """The folder holding ``OUTPUTS``, fetched and compiled on first use."""
    folder = cache_folder() / fingerprint()
    if all((folder / name).is_file() for name in OUTPUTS):
        return folder
    folder.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".runtime-", dir=folder.parent))
    try:
        downloads = work / "downloads"
        wheels = downloads / "wheels"
        wheels.mkdir(parents=True)
        package = fetch_pyodide(downloads)
        fetch_wheels(wheels)
        output = work / "output"
        output.mkdir()
        for name in PYODIDE_FILES:
            shutil.copy(package / name, output / name)
        _run(["node", str(HERE / "compile.mjs"), str(package), str(wheels), str(output)],
             "compilation de Python pour le navigateur (Node.js)")
        shutil.rmtree(folder, ignore_errors=True)
        output.rename(folder)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return folder


def fetch_pyodide(folder: Path) -> Path:
    """``npm pack`` the pinned Pyodide, check its hash, unpack it; the package folder."""
    _run(["npm", "pack", f"{PYODIDE.name}@{PYODIDE.version}", "--silent",
          "--pack-destination", str(folder)], "téléchargement de Pyodide (npm)")
    archive = folder / f"{PYODIDE.name}-{PYODIDE.version}.tgz"
    _verify(archive, PYODIDE)
    with tarfile.open(archive) as tar:
        _extract(tar, folder)
    return folder / "package"


def _extract(tar: tarfile.TarFile, folder: Path) -> None:
    """Unpack files and folders only, inside ``folder``. The archive's hash is checked
    already; this also holds on Pythons older than 3.11.4, which lack tarfile's filters
    (Debian 12 has 3.11.2)."""
    for member in tar.getmembers():
        target = (folder / member.name).resolve()
        if not (member.isfile() or member.isdir()) or \
                not target.is_relative_to(folder.resolve()):
            raise _problem(f"entrée inattendue dans l'archive de Pyodide : {member.name}")
    for member in tar.getmembers():
        member.mode = 0o755 if member.isdir() else 0o644
        tar.extract(member, folder, set_attrs=False)


def fetch_wheels(folder: Path) -> None:
    """``pip download`` every pinned wheel with ``--require-hashes``, one platform at a time."""
    for platform in sorted({pin.platform for pin in WHEELS}):
        pins = [pin for pin in WHEELS if pin.platform == platform]
        requirements = folder.parent / f"requirements-{platform}.txt"
        requirements.write_text("".join(f"{p.name}=={p.version} --hash=sha256:{p.sha256}\n"
                                        for p in pins), encoding="utf-8")
        tags = ["--implementation", "cp", "--abi", "cp314"] if platform != "any" else []
        _run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
              "--only-binary=:all:", "--require-hashes", "--python-version", PYTHON,
              "--platform", platform, *tags, "-r", str(requirements), "-d", str(folder)],
             "téléchargement des paquets Python (pip)")
    for pin in WHEELS:
        found = [p for p in folder.glob("*.whl")
                 if p.name.lower().replace("_", "-").startswith(f"{pin.name}-{pin.version}-")]
        if len(found) != 1:
            raise _problem(f"paquet {pin.name} {pin.version} introuvable après téléchargement")
        _verify(found[0], pin)


def _verify(path: Path, pin: Pin) -> None:
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != pin.sha256:
        raise _problem(f"empreinte inattendue pour {path.name} : {digest} au lieu de {pin.sha256}")


def _run(command: list[str], what: str) -> None:
    if shutil.which(command[0]) is None and not Path(command[0]).is_file():
        raise _problem(f"{what} : la commande « {command[0]} » est introuvable "
                       "(make site installe Node.js et npm)")
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        lines = [line[:200] for line in (result.stderr or result.stdout).strip().splitlines()
                 if line.strip() and len(line) < 2000]  # not Pyodide's minified source
        raise _problem(f"{what} impossible : {' / '.join(lines[-4:])}")


def _problem(message: str) -> DataError:
    return DataError([Problem(SHOWN, 1, "", f"assistant : {message}")])
