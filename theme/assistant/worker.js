// The assistant's worker: Pyodide runs the guide's own `documents` package here, off the page's
// thread, so the form stays responsive. Every file comes from the site itself (runtime/,
// lock.json); nothing is fetched elsewhere and nothing typed is sent anywhere.
import { loadPyodide } from "./runtime/pyodide.mjs";

const started = performance.now();
const here = (path) => new URL(path, import.meta.url).href;

const ready = (async () => {
  const lock = await (await fetch(here("lock.json"))).json();
  const pyodide = await loadPyodide({
    indexURL: here("runtime/"),
    stdLibURL: here("runtime/python_stdlib.zip"),
    lockFileContents: lock,
    packageBaseUrl: here("runtime/"),
    packages: Object.keys(lock.packages),
    stdout: () => {},
    stderr: (text) => console.warn(text),
  });
  const booted = performance.now();
  pyodide.runPython(`
import site
from pathlib import Path
from generator.assistant.browser import Assistant, dispatch, docx
assistant = Assistant(Path(site.getsitepackages()[0]) / "guide_theme")
`);
  const api = {
    dispatch: pyodide.globals.get("dispatch"),
    docx: pyodide.globals.get("docx"),
    assistant: pyodide.globals.get("assistant"),
  };
  postMessage({ event: "ready", boot: booted - started, total: performance.now() - started });
  return api;
})();

ready.catch((error) => postMessage({ event: "failed", error: String(error) }));

onmessage = async (message) => {
  const { id, op, args } = message.data;
  try {
    const api = await ready;
    if (op === "docx") {
      const proxy = api.docx(api.assistant, JSON.stringify(args));
      const bytes = proxy.toJs();
      proxy.destroy();
      postMessage({ id, ok: true, result: bytes }, [bytes.buffer]);
      return;
    }
    const text = api.dispatch(api.assistant, op, JSON.stringify(args));
    postMessage({ id, ok: true, result: JSON.parse(text) });
  } catch (error) {
    postMessage({ id, ok: false, error: String(error && error.message ? error.message : error) });
  }
};
