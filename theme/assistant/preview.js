// The worker that runs the guide's Python, the preview of the three documents, and the files
// the reader downloads or opens. Nothing is sent anywhere: the worker runs in this page.

import { announce, drawForm, drawSteps, el, root, setStatus, showProblems } from "./form.js";
import { answers, app, get, slug } from "./model.js";

const base = new URL(".", import.meta.url);
export const here = (path) => new URL(path, base).href;

// Worker ------------------------------------------------------------------------------------

const worker = new Worker(here("worker.js"), { type: "module" });
const waiting = new Map();
let nextId = 1;
let ready = () => {};
export const started = new Promise((resolve) => (ready = resolve));
worker.onmessage = (message) => {
  const data = message.data;
  if (data.event === "ready") {
    app.workerReady = true;
    ready();
    app.timings.ready = performance.now();
    app.timings.boot = data;
    setStatus("");
    refresh();
    return;
  }
  if (data.event === "failed") {
    setStatus("L'assistant n'a pas pu démarrer dans ce navigateur : " + data.error, true);
    return;
  }
  const pending = waiting.get(data.id);
  waiting.delete(data.id);
  if (pending) (data.ok ? pending.resolve : pending.reject)(data.ok ? data.result : new Error(data.error));
};

function ask(op, args) {
  return new Promise((resolve, reject) => {
    const id = nextId++;
    waiting.set(id, { resolve, reject });
    worker.postMessage({ id, op, args });
  });
}

// Preview -----------------------------------------------------------------------------------

let busy = false;
let again = false;

/** The problems and documents the worker sent for the answers: shown at once. */
export function show(result) {
  app.problems = result.problems;
  app.complete = result.complete;
  if (result.documents) app.documents = result.documents;
  drawPreview(!result.documents);
  showProblems();
  drawSteps();
  app.timings.previews.push({ shown: performance.now() });
  root.dataset.previews = String(app.timings.previews.length);
}

/** Checks the answers and fills the documents again; edits made meanwhile ask once more. */
export async function refresh() {
  if (!app.workerReady || !app.spec) return;
  if (busy) { again = true; return; }
  busy = true;
  again = false;
  const asked = performance.now();
  const field = app.lastChanged;
  const before = field ? app.problems.filter((p) => p.field === field).map((p) => p.message).join(" ; ") : "";
  try {
    const result = await ask("update", { data: answers() });
    show(result);
    app.timings.previews[app.timings.previews.length - 1].asked = asked;
    app.timings.live = app.timings.live || performance.now();
    root.dataset.live = String(Number(root.dataset.live || 0) + 1);
    if (field && document.activeElement?.dataset?.path === field) announce(field, before);
  } catch (error) {
    console.error(error);
    setStatus("L'aperçu n'a pas pu être mis à jour : " + error.message.trim().split("\n").pop(), true);
  } finally {
    busy = false;
    if (again) refresh();
  }
}

const CSP = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`;
const withPolicy = (html, extra = "") => html.replace(/<head>/i, `<head>${CSP}${extra}`);

function drawPreview(stale) {
  const note = root.querySelector(".assistant-preview-note");
  note.textContent = stale
    ? "Aperçu non mis à jour : corrigez la valeur signalée pour le rafraîchir."
    : app.complete ? "Aperçu des documents tels qu'ils seront téléchargés." : "Aperçu provisoire : les valeurs entre crochets restent à fournir.";
  if (!app.documents) return;
  for (const doc of app.documents) {
    const frame = root.querySelector(`iframe[data-stem="${doc.stem}"]`);
    if (!frame || frame.assistantHtml === doc.html) continue;
    let scroll = 0;
    try { scroll = frame.contentWindow.scrollY; } catch { scroll = 0; }
    frame.onload = () => { try { frame.contentWindow.scrollTo(0, scroll); } catch { /* empty */ } };
    frame.assistantHtml = doc.html;
    frame.srcdoc = withPolicy(doc.html);
  }
  root.querySelectorAll(".assistant-download button").forEach((b) => (b.disabled = false));
}

/** Shows one document's tab. */
export function choose(stem) {
  root.querySelectorAll("[role=tab]").forEach((tab) => {
    const on = tab.dataset.stem === stem;
    tab.setAttribute("aria-selected", on ? "true" : "false");
    tab.tabIndex = on ? 0 : -1;
  });
  root.querySelectorAll(".assistant-document").forEach((panel) => (panel.hidden = panel.dataset.stem !== stem));
}

// Files -------------------------------------------------------------------------------------

function fileName(extension, stem = "") {
  const name = slug(String(get(["groupement", "name"]) || "")) || "mon-groupement";
  return (stem ? `${stem}-` : "") + name + extension;
}

function save(blob, name) {
  const link = el("a", { href: URL.createObjectURL(blob), download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10000);
}

export async function downloadDocx(stem) {
  const begun = performance.now();
  setStatus("Préparation du document Word…");
  const bytes = await ask("docx", { data: answers(), stem });
  save(new Blob([bytes], { type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" }), fileName(".docx", stem));
  app.timings.docx = performance.now() - begun;
  root.dataset.docx = String(Math.round(app.timings.docx));
  setStatus(app.complete ? "Document Word téléchargé." : "Document Word provisoire téléchargé : les valeurs entre crochets restent à fournir.");
}

let printStyle = null;
export async function print(stem) {
  const doc = (app.documents || []).find((d) => d.stem === stem);
  if (!doc) return;
  printStyle = printStyle || (await (await fetch(here("print.css"))).text());
  const frame = el("iframe", { class: "assistant-print", title: "Impression", sandbox: "allow-same-origin allow-modals", "aria-hidden": "true", tabindex: "-1" });
  frame.onload = () => {
    frame.contentWindow.print();
    setTimeout(() => frame.remove(), 1000);
  };
  frame.srcdoc = withPolicy(doc.html, `<style>${printStyle}</style>`);
  document.body.append(frame);
}

export async function saveYaml() {
  const name = fileName(".yml");
  const text = await ask("yaml", { data: answers(), name });
  save(new Blob([text], { type: "application/yaml" }), name);
  app.modified = false;
  setStatus(`Réponses enregistrées dans le fichier ${name} de vos téléchargements.`);
}

/** Starts again from these answers (a new groupement, an example or an opened file). */
export function load(data, label) {
  app.state = data && typeof data === "object" ? structuredClone(data) : {};
  app.touched.clear();
  app.manualIds.clear();
  app.showAll = false;
  app.modified = false;
  app.section = 0;
  drawForm();
  setStatus(label);
  refresh();
}

export async function openFile(file) {
  const text = await file.text();
  const result = await ask("load", { text });
  if (result.problems.length) {
    setStatus(`Le fichier ${file.name} ne peut pas être lu : ${result.problems.join(" ; ")}`, true);
    return;
  }
  load(result.data, `Fichier ${file.name} ouvert.`);
  app.showAll = true;
  app.touched.add("");
}
