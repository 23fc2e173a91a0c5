// Compiles the assistant's Python to bytecode, once, with the very interpreter the browser
// runs (Pyodide's CPython): the standard library and the wheels then load without being
// compiled on the reader's machine, which halves the assistant's start.
//
//   node compile.mjs PYODIDE_FOLDER WHEELS_FOLDER OUTPUT_FOLDER
//
// Writes OUTPUT_FOLDER/python_stdlib.zip (the standard library as .pyc) and
// OUTPUT_FOLDER/packages.zip (the wheels' modules as .pyc, the .so of pydantic-core kept).
// Called by generator/assistant/runtime.py; nothing here reaches the network.
import path from "node:path";
import { pathToFileURL } from "node:url";

const [pyodideFolder, wheelsFolder, outputFolder] = process.argv.slice(2).map((p) => path.resolve(p));
const { loadPyodide } = await import(pathToFileURL(path.join(pyodideFolder, "pyodide.mjs")).href);
const pyodide = await loadPyodide({ indexURL: pyodideFolder + "/" });
pyodide.mountNodeFS("/wheels", wheelsFolder);
pyodide.mountNodeFS("/output", outputFolder);
pyodide.runPython(`
import importlib._bootstrap_external as external
import importlib.util
import os
import sys
import zipfile

STAMP = (1980, 1, 1, 0, 0, 0)
# Never imported by the documents, their libraries or Pyodide's start: not shipped.
UNUSED = ("_pyrepl/", "unittest/", "multiprocessing/", "xmlrpc/", "wsgiref/", "idlelib/",
          "tkinter/", "turtledemo/", "ensurepip/", "venv/", "sqlite3/", "pdb.py", "pydoc.py",
          "doctest.py", "mailbox.py", "imaplib.py", "turtle.py")


def bytecode(source, name):
    code = compile(source, name, "exec", dont_inherit=True)
    return bytes(external._code_to_hash_pyc(code, importlib.util.source_hash(source), checked=False))


def put(archive, name, data):
    info = zipfile.ZipInfo(name, STAMP)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    archive.writestr(info, data)


def copy(source, target, keep, written):
    for item in sorted(source.infolist(), key=lambda i: i.filename):
        name = item.filename
        if item.is_dir() or not keep(name):
            continue
        data = source.read(item)
        if name.endswith(".py"):
            name, data = name + "c", bytecode(data, name)
        if name not in written:
            written.add(name)
            put(target, name, data)


stdlib = next(p for p in sys.path if p.endswith(".zip"))
with zipfile.ZipFile(stdlib) as source, zipfile.ZipFile("/output/python_stdlib.zip", "w") as target:
    copy(source, target, lambda name: not name.startswith(UNUSED), set())

with zipfile.ZipFile("/output/packages.zip", "w") as target:
    written = set()
    for wheel in sorted(n for n in os.listdir("/wheels") if n.endswith(".whl")):
        native = "pyemscripten" in wheel
        pure = wheel.endswith("-none-any.whl")
        with zipfile.ZipFile("/wheels/" + wheel) as source:
            # A wheel built for another platform gives only its pure-Python fallback.
            copy(source, target, lambda name: (pure or native or name.endswith(".py"))
                 and ".dist-info/" not in name and not name.startswith("pydantic/v1/")
                 and not name.endswith((".pyi", "py.typed")), written)
`);
