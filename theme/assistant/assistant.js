// « Assistant de rédaction »: the page, its events and its start.
//
// The form is drawn from form.json, written at build time from the groupement's declaration
// (form.js). Every answer is kept as typed, in the shape of a groupement file (model.js); the
// worker (worker.js) runs the guide's own Python in Pyodide to check it, fill the three
// documents and write the DOCX and YAML files (preview.js). These scripts compute nothing of
// the documents: they draw, collect and show. Nothing typed leaves the page: no request is
// made but for the site's own files.

import { drawForm, el, go, live, root, setStatus, slotFor, showProblems, updateReferences } from "./form.js";
import {
  app, BLOCK, deriveId, fieldName, findNode, get, isBlock, kindOfList, parse, partsOf, PREFIX, put,
  renameReferences, sectionOf,
} from "./model.js";
import {
  choose, downloadDocx, here, load, openFile, print, refresh, saveYaml, show, started,
} from "./preview.js";

const STEMS = [
  ["convention", "Convention"],
  ["plan-qualite-projet", "Plan Qualité Projet"],
  ["note-de-cadrage", "Note de cadrage"],
];
const REPLACE = "Remplacer vos réponses ? Celles qui ne sont pas enregistrées seront perdues.";

// Edits -------------------------------------------------------------------------------------

function onEdit(target) {
  const name = target.dataset.path || target.dataset.refs;
  if (!name) return;
  const parts = partsOf(name);
  app.modified = true;
  app.touched.add(name);
  app.lastChanged = name;
  if (target.dataset.refs) {
    const box = target.closest("[data-path]");
    const ticked = [...box.querySelectorAll("input:checked")].map((i) => i.value);
    // Those already chosen keep their order; a new one comes last (the order of a rotation).
    const before = Array.isArray(get(parts)) ? get(parts).filter((v) => ticked.includes(v)) : [];
    const chosen = [...before, ...ticked.filter((v) => !before.includes(v))];
    put(parts, chosen.length ? chosen : undefined);
    if (box.assistantNode?.order) updateReferences();
    refresh();
    return;
  }
  const node = target.assistantNode;
  const raw = node.kind === "bool" ? target.checked : target.value;
  const before = get(parts);
  if (node.block && (raw === BLOCK) !== isBlock(before)) {  // the block opens or closes
    put(parts, raw === BLOCK ? {} : parse(node, raw));
    drawForm();
    refresh();
    return;
  }
  put(parts, parse(node, raw));
  const key = parts[parts.length - 1];
  const kind = typeof parts[parts.length - 2] === "number" ? kindOfList(parts.slice(0, -2)) : undefined;
  if (kind && key === "id") {
    app.manualIds.add(fieldName(parts.slice(0, -1)));
    renameReferences(kind, before, get(parts));
    updateReferences();
  } else if (kind && key === "name") {
    const id = deriveId(kind, parts.slice(0, -1));
    const input = id && root.querySelector(`[data-path="${CSS.escape(fieldName([...parts.slice(0, -1), "id"]))}"]`);
    if (input) input.value = id;
    updateReferences();
  }
  refresh();
}

function addItem(name) {
  const parts = partsOf(name);
  const node = findNode(parts);
  const list = Array.isArray(get(parts)) ? get(parts).filter((x) => x !== undefined) : [];
  const item = {};
  const kind = kindOfList(parts);
  if (kind) item.id = `${PREFIX[kind] || kind}-${list.length + 1}`;
  for (const child of node.fields) if (child.kind === "bool" && child.required) item[child.key] = false;
  list.push(item);
  put(parts, list);
  app.modified = true;
  const index = list.length - 1;
  drawForm();
  const path = CSS.escape(fieldName([...parts, index]));
  const controls = [...root.querySelectorAll(`[data-path^="${path}"]`)].filter((c) => c.matches("input, select, textarea"));
  (controls.find((c) => c.dataset.path.endsWith(".name")) || controls[0])?.focus();
  live().textContent = `${node.item} ${index + 1} ajouté.`;
  refresh();
}

function removeItem(name) {
  const parts = partsOf(name);
  const index = parts.pop();
  const list = get(parts);
  const node = findNode(parts);
  if (!Array.isArray(list)) return;
  list.splice(index, 1);
  app.modified = true;
  drawForm();
  root.querySelector(`[data-add="${CSS.escape(fieldName(parts))}"]`)?.focus();
  live().textContent = `${node.item} ${index + 1} retiré.`;
  refresh();
}

/** From a problem of the list to the control it is about. */
function goToProblem(field) {
  go(sectionOf(field), false);
  const slot = slotFor(field);
  const control = slot && root.querySelector(`[data-path="${CSS.escape(slot.dataset.errorFor)}"]`);
  (control && control.matches("input, select, textarea") ? control : control?.querySelector("input, select, textarea, button") || slot)?.focus();
}

const failed = (error) => setStatus("Erreur : " + error.message, true);

function wire() {
  const form = root.querySelector(".assistant-form");
  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("input", (event) => {
    if (event.target.matches("input[type=text], textarea")) onEdit(event.target);
  });
  form.addEventListener("change", (event) => {
    if (event.target.matches("select, input[type=checkbox]")) onEdit(event.target);
  });
  form.addEventListener("focusout", (event) => {  // a date typed JJ/MM/AAAA is shown as kept
    const target = event.target;
    if (target.matches("input[type=text]") && ["date", "period"].includes(target.assistantNode?.kind)) {
      const value = get(partsOf(target.dataset.path));
      if (typeof value === "string" && value !== target.value) target.value = value;
    }
  });
  root.addEventListener("click", (event) => {
    const target = event.target.closest("button, a");
    if (!target) return;
    const data = target.dataset;
    if (data.go !== undefined) go(Number(data.go));
    else if (data.add) addItem(data.add);
    else if (data.remove) removeItem(data.remove);
    else if (data.docx) downloadDocx(data.docx).catch(failed);
    else if (data.print) print(data.print);
    else if (data.problem !== undefined) {
      event.preventDefault();
      goToProblem(data.problem);
    } else if (data.stem && target.getAttribute("role") === "tab") choose(data.stem);
    else if (data.action === "save") saveYaml().catch(failed);
    else if (data.action === "all") {
      app.showAll = !app.showAll;
      target.setAttribute("aria-expanded", String(app.showAll));
      showProblems();
    } else if (data.start) {
      if (app.modified && !window.confirm(REPLACE)) return;
      const start = data.start === "nouveau" ? app.starts.nouveau : app.starts.exemples[data.start];
      load(start.data, `${start.title} : formulaire prêt.`);
    }
  });
  root.querySelector(".assistant-tabs").addEventListener("keydown", (event) => {
    if (!["ArrowLeft", "ArrowRight", "Home", "End"].includes(event.key)) return;
    const tabs = [...root.querySelectorAll("[role=tab]")];
    const at = tabs.indexOf(document.activeElement);
    const next = event.key === "Home" ? 0 : event.key === "End" ? tabs.length - 1 : (at + (event.key === "ArrowRight" ? 1 : -1) + tabs.length) % tabs.length;
    tabs[next].focus();
    choose(tabs[next].dataset.stem);
    event.preventDefault();
  });
  root.querySelector("input[type=file]").addEventListener("change", (event) => {
    const file = event.target.files[0];
    event.target.value = "";
    if (!file) return;
    if (app.modified && !window.confirm(REPLACE)) return;
    openFile(file).catch(failed);
  });
  window.addEventListener("beforeunload", (event) => {
    if (app.modified) event.preventDefault();
  });
}

// The page ----------------------------------------------------------------------------------

function layout() {
  root.replaceChildren(
    el("div", { class: "assistant-start" },
      el("h2", { text: "Commencer" }),
      el("div", { class: "assistant-start-buttons" },
        el("button", { type: "button", class: "md-button md-button--primary", "data-start": "nouveau", text: "Nouveau groupement" }),
        ...Object.entries(app.starts.exemples).map(([key, start]) =>
          el("button", { type: "button", class: "md-button", "data-start": key, text: `Exemple : ${start.title}` })),
        el("label", { class: "md-button assistant-open" }, "Ouvrir un fichier enregistré (.yml)",
          el("input", { type: "file", accept: ".yml,.yaml,application/yaml,text/yaml", class: "assistant-file" })))),
    el("p", { class: "assistant-status", role: "status" }),
    el("div", { class: "assistant-live md-visually-hidden", "aria-live": "polite", role: "log" }),
    el("div", { class: "assistant-summary" },
      el("p", { class: "assistant-summary-text" }),
      el("div", { class: "assistant-summary-actions" },
        el("button", { type: "button", class: "md-button", "data-action": "all", "aria-expanded": "false", text: "Afficher ou masquer la liste de ce qui reste à faire" }),
        el("a", { href: "#apercu", class: "md-button assistant-to-preview", text: "Aller à l'aperçu et aux téléchargements" })),
      el("ul", {})),
    el("div", { class: "assistant-columns" },
      el("div", { class: "assistant-main" },
        el("nav", { class: "assistant-steps", "aria-label": "Sections du formulaire" }, el("ol", {})),
        el("form", { class: "assistant-form", novalidate: true, "aria-label": "Description du groupement" })),
      el("div", { class: "assistant-preview", id: "apercu" },
        el("h2", { text: "Aperçu et téléchargements" }),
        el("p", { class: "assistant-preview-note", text: "L'aperçu apparaît dès que l'assistant est prêt." }),
        el("div", { class: "assistant-tabs", role: "tablist", "aria-label": "Documents" },
          ...STEMS.map(([stem, title], i) => el("button", { type: "button", role: "tab", id: `onglet-${stem}`, "data-stem": stem,
            "aria-controls": `document-${stem}`, "aria-selected": i === 0 ? "true" : "false", tabindex: i === 0 ? "0" : "-1", text: title }))),
        ...STEMS.map(([stem, title], i) => el("div", { class: "assistant-document", id: `document-${stem}`, role: "tabpanel", "aria-labelledby": `onglet-${stem}`, "data-stem": stem, hidden: i !== 0 },
          el("div", { class: "assistant-download" },
            el("button", { type: "button", class: "md-button md-button--primary", "data-docx": stem, disabled: true, text: `${title} : télécharger en Word (DOCX)` }),
            el("button", { type: "button", class: "md-button", "data-print": stem, disabled: true, text: `${title} : imprimer ou enregistrer en PDF` })),
          el("iframe", { "data-stem": stem, title: `Aperçu : ${title}`, sandbox: "allow-same-origin", loading: "eager" }))),
        el("div", { class: "assistant-save" },
          el("h3", { text: "Vos réponses" }),
          el("p", { text: "Rien n'est enregistré automatiquement : enregistrez vos réponses dans un fichier pour les reprendre plus tard ou les transmettre. Ce fichier remplit aussi les documents en ligne de commande." }),
          el("button", { type: "button", class: "md-button md-button--primary", "data-action": "save", text: "Enregistrer mes réponses (.yml)" })))),
  );
}

async function main() {
  if (location.protocol === "file:") return; // the page says why (see the page's text)
  root.classList.add("assistant-on");
  const [form, start] = await Promise.all([fetch(here("form.json")).then((r) => r.json()), fetch(here("depart.json")).then((r) => r.json())]);
  app.spec = form;
  app.starts = start;
  layout();
  wire();
  app.state = structuredClone(app.starts.nouveau.data);
  drawForm();
  show(app.starts.nouveau.preview); // computed at build time by the same Python, until the worker answers
  setStatus("Chargement de l'assistant : la première ouverture prend quelques secondes…");
  // The copy for offline use is made once the assistant runs, from what the page loaded.
  await started;
  if ("serviceWorker" in navigator && location.protocol.startsWith("http")) {
    navigator.serviceWorker.register(here("sw.js"), { scope: here("./") }).then(() => navigator.serviceWorker.ready).then((registration) => {
      const files = performance.getEntriesByType("resource").map((entry) => entry.name).concat(location.href.split("#")[0]);
      registration.active?.postMessage({ keep: files.filter((url) => url.startsWith(location.origin)) });
    }).catch(() => {});
  }
}

main().catch((error) => setStatus("L'assistant n'a pas pu démarrer : " + error.message, true));
