// « Assistant de rédaction »: the form, the preview and the downloads.
//
// The form is drawn from form.json, written at build time from the groupement's declaration.
// Every answer is kept as typed, in the shape of a groupement file; the worker (worker.js) runs
// the guide's own Python in Pyodide to check it, fill the three documents and write the DOCX and
// YAML files. This script computes nothing of the documents: it draws, collects and shows.
// Nothing typed leaves the page: no request is made but for the site's own files.

const root = document.getElementById("assistant");
const base = new URL(".", import.meta.url);
const here = (path) => new URL(path, base).href;

const STEMS = [
  ["convention", "Convention"],
  ["plan-qualite-projet", "Plan Qualité Projet"],
  ["note-de-cadrage", "Note de cadrage"],
];

let spec = null;          // the form's description
let starts = null;        // the starting groupements: new one and examples
let state = {};           // the answers, in the shape of a groupement file
let problems = [];        // [{field, message}] as `fill` reports them
let documents = null;     // [{stem, title, html}] of the last preview
let complete = false;
let section = 0;
let showAll = false;
let modified = false;
const touched = new Set();
const manualIds = new Set();
const timings = (window.assistantTimings = { opened: performance.now(), previews: [] });

// Worker ------------------------------------------------------------------------------------

const worker = new Worker(here("worker.js"), { type: "module" });
const waiting = new Map();
let nextId = 1;
let workerReady = false;
let ready = () => {};
const started = new Promise((resolve) => (ready = resolve));
worker.onmessage = (message) => {
  const data = message.data;
  if (data.event === "ready") {
    workerReady = true;
    ready();
    timings.ready = performance.now();
    timings.boot = data;
    setStatus("");
    refresh();
    return;
  }
  if (data.event === "failed") {
    setStatus("L'assistant n'a pas pu démarrer dans ce navigateur : " + data.error, true);
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

// Paths and values --------------------------------------------------------------------------

const fieldName = (parts) =>
  parts.reduce((text, part) => (typeof part === "number" ? `${text}[${part}]` : text ? `${text}.${part}` : part), "");
const controlId = (parts) => "f-" + parts.join("-").replace(/[^A-Za-z0-9_-]/g, "_");

function get(parts, from = state) {
  let value = from;
  for (const part of parts) {
    if (value === null || typeof value !== "object") return undefined;
    value = value[part];
  }
  return value;
}

function put(parts, value) {
  let target = state;
  for (const [index, part] of parts.slice(0, -1).entries()) {
    if (target[part] === null || typeof target[part] !== "object") {
      target[part] = typeof parts[index + 1] === "number" ? [] : {};
    }
    target = target[part];
  }
  const last = parts[parts.length - 1];
  if (value === undefined) {
    if (Array.isArray(target)) target[last] = undefined;
    else delete target[last];
  } else {
    target[last] = value;
  }
}

const spaces = /[\s\u00a0\u202f]/g;
const BLOCK = "__bloc__";  // the choice of a reference that opens a block (a rotating chair)
const isBlock = (value) => value !== null && typeof value === "object" && !Array.isArray(value);
const bare = (text) => text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();

function parse(node, raw) {
  switch (node.kind) {
    case "bool":
      return raw;
    case "integer": {
      const text = raw.replace(spaces, "");
      if (text === "") return undefined;
      const word = (node.words || []).find((w) => bare(w) === bare(text));
      return word || (/^-?\d+$/.test(text) ? Number(text) : raw);
    }
    case "decimal": {
      const text = raw.replace(spaces, "").replace(",", ".");
      if (text === "") return undefined;
      return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : raw;
    }
    case "date": {
      const text = raw.trim();
      const french = text.match(/^(\d{1,2})\/(\d{1,2})\/(\d{4})$/);
      if (french) return `${french[3]}-${french[2].padStart(2, "0")}-${french[1].padStart(2, "0")}`;
      return text === "" ? undefined : text;
    }
    case "period": {  // a day, or a month while the day is not known
      const text = raw.trim();
      const day = text.match(/^(\d{1,2})\/(\d{1,2})\/(\d{4})$/);
      if (day) return `${day[3]}-${day[2].padStart(2, "0")}-${day[1].padStart(2, "0")}`;
      const month = text.match(/^(\d{1,2})\/(\d{4})$/);
      if (month) return `${month[2]}-${month[1].padStart(2, "0")}`;
      return text === "" ? undefined : text;
    }
    case "choice": {
      if (raw === "") return undefined;
      const option = node.options.find((o) => String(o.value) === raw);
      return option ? option.value : raw;
    }
    case "lines": {
      const lines = raw.split("\n").map((line) => line.trim()).filter(Boolean);
      return lines.length || node.min ? lines : undefined;
    }
    default:
      return raw.trim() === "" ? undefined : raw;
  }
}

function shown(node, value) {
  if (value === undefined || value === null) return "";
  if (node.kind === "lines") return Array.isArray(value) ? value.join("\n") : String(value);
  if (node.kind === "decimal" && typeof value === "number") return String(value).replace(".", ",");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** The answers as the data of a groupement file: empty optional blocks left out. */
function answers() {
  const prune = (nodes, value) => {
    if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
    const out = {};
    const known = new Set(nodes.map((n) => n.key));
    for (const node of nodes) {
      let item = value[node.key];
      if (item === undefined && (node.kind === "list" || node.kind === "lines") && node.min) item = [];
      if (item === undefined) continue;
      if (node.kind === "group") {
        item = prune(node.fields, item);
        if (!node.required && Object.keys(item).length === 0) continue;
      } else if (node.kind === "list" && Array.isArray(item)) {
        item = item.filter((x) => x !== undefined).map((x) => prune(node.fields, x));
        if (item.length === 0 && !node.min) continue;
      }
      out[node.key] = item;
    }
    for (const key of Object.keys(value)) if (!known.has(key)) out[key] = value[key];
    return out;
  };
  const top = spec.sections.flatMap((s) => s.fields);
  const data = prune(top, state);
  for (const node of top) if (node.kind === "group" && node.required && data[node.key] === undefined) data[node.key] = {};
  return data;
}

// Identifiers and references ----------------------------------------------------------------

function slug(text) {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
    .replace(/œ/g, "oe").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60).replace(/-+$/, "");
}

const PREFIX = { member: "membre", body: "instance", phase: "phase", organisation: "organisme", provider: "prestataire" };

/** What a reference of this kind may name (the kinds and their lists come from form.json). */
function choices(kind) {
  return (spec.kinds[kind] || []).flatMap((source) => source === spec.groupement
    ? [{ value: spec.groupement, label: "Le groupement lui-même" }]
    : (get(spec.sources[source]) || []).filter((item) => item && typeof item.id === "string")
      .map((item) => ({ value: item.id, label: item.name || item.id })));
}

/** Every place a reference field sits in the answers, with its kind. */
function referencePlaces() {
  const places = [];
  const walk = (nodes, value, parts) => {
    if (!value || typeof value !== "object") return;
    for (const node of nodes) {
      const here = [...parts, node.key];
      const item = value[node.key];
      if (node.block && isBlock(item)) walk(node.block.fields, item, here);
      else if (node.kind === "ref" || node.kind === "refs") places.push({ parts: here, node });
      else if (node.kind === "group") walk(node.fields, item, here);
      else if (node.kind === "list" && Array.isArray(item)) item.forEach((x, i) => walk(node.fields, x, [...here, i]));
    }
  };
  walk(spec.sections.flatMap((s) => s.fields), state, []);
  return places;
}

function renameReferences(kind, before, after) {
  if (!before || before === after) return;
  for (const { parts, node } of referencePlaces()) {
    if (!(spec.kinds[node.ref] || []).includes(kind)) continue;
    const value = get(parts);
    if (value === before) put(parts, after);
    if (Array.isArray(value)) put(parts, value.map((v) => (v === before ? after : v)));
  }
}

function kindOfList(parts) {
  return Object.keys(spec.sources).find((kind) => fieldName(spec.sources[kind]) === fieldName(parts));
}

// Drawing the form --------------------------------------------------------------------------

const el = (tag, attributes = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === false || value === undefined || value === null) continue;
    if (key === "text") node.textContent = value;
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) if (child) node.append(child);
  return node;
};

function helpText(node, id) {
  if (!node.help && !node.glossary) return null;
  const help = el("p", { class: "assistant-help", id }, node.help ? node.help + " " : "");
  if (node.glossary) {
    help.append(el("a", { href: `../glossaire.html#${node.glossary}`, target: "_blank",
      text: "Voir le glossaire", "aria-label": `${node.label} : voir le glossaire (nouvel onglet)` }));
  }
  return help;
}

function labelOf(node) {
  const label = el("label", {}, node.label);
  if (node.required || node.min > 0) label.append(el("span", { class: "assistant-required", text: " (obligatoire)" }));
  return label;
}

function drawField(node, parts) {
  const id = controlId(parts);
  const name = fieldName(parts);
  const value = get(parts);
  const describedBy = `${id}-help ${id}-error`;
  const error = el("p", { class: "assistant-error", id: `${id}-error`, "data-error-for": name });
  if (node.kind === "group") {
    const box = el("fieldset", { class: "assistant-group", "data-path": name },
      el("legend", { text: node.label }), helpText(node, `${id}-help`), error);
    for (const child of node.fields) box.append(draw(child, [...parts, child.key]));
    return box;
  }
  if (node.kind === "list") return drawList(node, parts, error);
  if (node.kind === "refs") {
    const box = el("fieldset", { class: "assistant-refs", "data-path": name, "data-ref": node.ref, "aria-describedby": describedBy },
      el("legend", {}, labelOf(node).childNodes[0].textContent), helpText(node, `${id}-help`));
    const chosen = Array.isArray(value) ? value : [];
    choices(node.ref).forEach((choice, i) => {
      const boxId = `${id}-${i}`;
      box.append(el("div", { class: "assistant-check" },
        el("input", { type: "checkbox", id: boxId, value: choice.value, checked: chosen.includes(choice.value), "data-refs": name }),
        el("label", { for: boxId, text: choice.label })));
    });
    if (node.order && chosen.length > 1) {
      const names = new Map(choices(node.ref).map((c) => [c.value, c.label]));
      box.append(el("p", { class: "assistant-help assistant-order", text: `Ordre retenu : ${chosen.map((v) => names.get(v) || v).join(", puis ")}.` }));
    }
    box.append(error);
    return box;
  }
  const wrapper = el("div", { class: `assistant-field assistant-${node.kind}`, "data-field": name });
  const label = labelOf(node);
  label.setAttribute("for", id);
  let control;
  const common = { id, "data-path": name, "aria-describedby": describedBy, "aria-required": node.required ? "true" : false };
  if (node.kind === "markdown" || node.kind === "lines") {
    control = el("textarea", { ...common, rows: node.kind === "markdown" ? 5 : 3 });
    control.value = shown(node, value);
  } else if (node.kind === "choice" || node.kind === "ref") {
    control = el("select", { ...common, "data-ref": node.kind === "ref" ? node.ref : false });
    fillOptions(control, node, value);
    if (node.block && isBlock(value)) {
      const box = el("fieldset", { class: "assistant-group" },
        el("legend", { text: node.block.label }));
      for (const child of node.block.fields) box.append(draw(child, [...parts, child.key]));
      control.assistantNode = node;
      wrapper.append(label, helpText(node, `${id}-help`), control, error, box);
      return wrapper;
    }
  } else if (node.kind === "bool") {
    control = el("input", { ...common, type: "checkbox", checked: value === true });
    control.assistantNode = node;
    return el("div", { class: "assistant-field assistant-bool", "data-field": name },
      el("div", { class: "assistant-check" }, control, label), helpText(node, `${id}-help`), error);
  } else {
    const numeric = node.words ? null : { integer: "numeric", decimal: "decimal", date: "numeric", period: "numeric" }[node.kind];
    const placeholder = { date: "AAAA-MM-JJ ou JJ/MM/AAAA", period: "JJ/MM/AAAA ou MM/AAAA" }[node.kind];
    control = el("input", { ...common, type: "text", inputmode: numeric || false, autocomplete: "off",
      spellcheck: node.kind === "text" ? false : false, placeholder: placeholder || false });
    control.value = shown(node, value);
  }
  control.assistantNode = node;
  wrapper.append(label, helpText(node, `${id}-help`), control, error);
  return wrapper;
}

function fillOptions(select, node, value) {
  select.replaceChildren(el("option", { value: "", text: node.required ? "— Choisir —" : "— Aucun —" }));
  const options = node.kind === "ref" ? choices(node.ref) : node.options;
  for (const option of options) select.append(el("option", { value: String(option.value), text: option.label }));
  if (node.block) select.append(el("option", { value: BLOCK, text: node.block.label }));
  const wanted = value === undefined || value === null ? "" : isBlock(value) ? BLOCK : String(value);
  if (wanted && wanted !== BLOCK && !options.some((o) => String(o.value) === wanted)) {
    select.append(el("option", { value: wanted, text: `${wanted} (inconnu)` }));
  }
  select.value = wanted;
}

function drawList(node, parts, error) {
  const name = fieldName(parts);
  const id = controlId(parts);
  const items = Array.isArray(get(parts)) ? get(parts) : [];
  const box = el("fieldset", { class: "assistant-list", "data-path": name },
    el("legend", {}, node.label + (node.min > 0 ? " (obligatoire)" : "")), helpText(node, `${id}-help`), error);
  items.forEach((item, index) => {
    if (item === undefined) return;
    const itemParts = [...parts, index];
    const title = item && typeof item === "object" ? item.name || item.label || item.description || item.recipient || item.step || item.role || item.source || item.version || "" : "";
    const legend = `${node.item} ${index + 1}${title ? " : " + title : ""}`;
    const entry = el("fieldset", { class: "assistant-item", "data-path": fieldName(itemParts) },
      el("legend", { text: legend }));
    for (const child of node.fields) entry.append(draw(child, [...itemParts, child.key]));
    entry.append(el("button", { type: "button", class: "assistant-remove", "data-remove": fieldName(itemParts),
      text: `Retirer : ${node.item.toLowerCase()} ${index + 1}` }));
    box.append(entry);
  });
  box.append(el("button", { type: "button", class: "assistant-add md-button", "data-add": name, text: node.add }));
  box.assistantNode = node;
  box.assistantParts = parts;
  return box;
}

function draw(node, parts) {
  const drawn = drawField(node, parts);
  drawn.assistantNode = drawn.assistantNode || node;
  return drawn;
}

function drawForm() {
  const form = root.querySelector(".assistant-form");
  const focused = document.activeElement && document.activeElement.id;
  form.replaceChildren();
  spec.sections.forEach((s, index) => {
    const panel = el("section", { class: "assistant-section", id: `section-${s.id}`, "aria-labelledby": `titre-${s.id}`, hidden: index !== section });
    panel.append(el("h2", { id: `titre-${s.id}`, tabindex: "-1", text: `${index + 1}. ${s.title}` }), el("p", { class: "assistant-intro", text: s.intro }));
    for (const node of s.fields) panel.append(draw(node, [node.key]));
    const moves = el("div", { class: "assistant-moves" });
    if (index > 0) moves.append(el("button", { type: "button", class: "md-button", "data-go": index - 1, text: `Précédent : ${spec.sections[index - 1].title}` }));
    if (index < spec.sections.length - 1) moves.append(el("button", { type: "button", class: "md-button md-button--primary", "data-go": index + 1, text: `Suivant : ${spec.sections[index + 1].title}` }));
    panel.append(moves);
    form.append(panel);
  });
  drawSteps();
  showProblems();
  if (focused) document.getElementById(focused)?.focus();
}

function drawSteps() {
  const list = root.querySelector(".assistant-steps ol");
  list.replaceChildren();
  spec.sections.forEach((s, index) => {
    const count = problems.filter((p) => sectionOf(p.field) === index).length;
    const button = el("button", { type: "button", "data-go": index, "aria-current": index === section ? "step" : false },
      el("span", { class: "assistant-step-title", text: s.title }),
      el("span", { class: "assistant-step-count", text: count ? ` (${count} à compléter ou corriger)` : " (complet)" }));
    list.append(el("li", {}, button));
  });
}

function sectionOf(field) {
  const top = field.split(/[.[]/)[0];
  const index = spec.sections.findIndex((s) => s.fields.some((f) => f.key === top));
  return index < 0 ? 0 : index;
}

function go(index, focus = true) {
  section = index;
  root.querySelectorAll(".assistant-section").forEach((panel, i) => (panel.hidden = i !== index));
  drawSteps();
  if (focus) root.querySelector(`#titre-${spec.sections[index].id}`).focus();
}

// Problems at their fields ------------------------------------------------------------------

function isShown(field) {
  if (showAll) return true;
  for (const name of touched) if (field === name || field.startsWith(name + ".") || field.startsWith(name + "[")) return true;
  return false;
}

function slotFor(field) {
  let name = field;
  while (name) {
    const slot = root.querySelector(`[data-error-for="${CSS.escape(name)}"]`);
    if (slot) return slot;
    const cut = Math.max(name.lastIndexOf("."), name.lastIndexOf("["));
    name = cut > 0 ? name.slice(0, cut) : "";
  }
  return null;
}

function showProblems() {
  const messages = new Map();
  for (const problem of problems) {
    if (!isShown(problem.field)) continue;
    const slot = slotFor(problem.field);
    if (!slot) continue;
    const list = messages.get(slot) || [];
    const own = slot.dataset.errorFor === problem.field;
    list.push(own ? problem.message : `${problem.field} : ${problem.message}`);
    messages.set(slot, list);
  }
  for (const slot of root.querySelectorAll("[data-error-for]")) {
    const list = messages.get(slot) || [];
    const text = list.join(" ; ");
    if (slot.textContent !== text) slot.textContent = text;
    const control = root.querySelector(`[data-path="${CSS.escape(slot.dataset.errorFor)}"]`);
    if (control && control.matches("input, select, textarea")) {
      if (text) control.setAttribute("aria-invalid", "true");
      else control.removeAttribute("aria-invalid");
    }
  }
  drawSummary();
}

function drawSummary() {
  const summary = root.querySelector(".assistant-summary");
  const count = problems.length;
  const text = summary.querySelector(".assistant-summary-text");
  text.textContent = (count === 0
    ? "Les trois documents sont complets : vous pouvez les télécharger."
    : `${count} ${count > 1 ? "valeurs restent" : "valeur reste"} à compléter ou à corriger. L'aperçu montre entre crochets ce qui manque.`)
    + (workerReady ? "" : " L'assistant se prépare : vos réponses seront vérifiées dans quelques secondes.");
  summary.classList.toggle("assistant-complete", workerReady && count === 0);
  const list = summary.querySelector("ul");
  list.replaceChildren();
  if (!showAll) return;
  for (const problem of problems.slice(0, 200)) {
    const link = el("a", { href: "#", "data-problem": problem.field, text: `${labelFor(problem.field)} : ${problem.message}` });
    list.append(el("li", {}, link));
  }
}

function labelFor(field) {
  const parts = field.split(/\.|\[(\d+)\]/).filter((p) => p !== undefined && p !== "");
  let nodes = spec.sections.flatMap((s) => s.fields);
  const words = [];
  for (const part of parts) {
    if (/^\d+$/.test(part)) { words.push(String(Number(part) + 1)); continue; }
    const node = nodes && nodes.find((n) => n.key === part);
    if (!node) { words.push(part); break; }
    words.push(node.kind === "list" ? node.item : node.label);
    nodes = node.fields || node.block?.fields;
  }
  return words.join(" › ");
}

const live = () => root.querySelector(".assistant-live");

function announce(field, before) {
  const now = problems.filter((p) => p.field === field).map((p) => p.message).join(" ; ");
  if (now && now !== before) live().textContent = `${labelFor(field)} : ${now}`;
  else if (!now && before) live().textContent = `${labelFor(field)} : valeur acceptée.`;
}

// Preview -----------------------------------------------------------------------------------

let busy = false;
let again = false;
let lastChanged = null;

/** The problems and documents the worker sent for the answers: shown at once. */
function show(result) {
  problems = result.problems;
  complete = result.complete;
  if (result.documents) documents = result.documents;
  drawPreview(!result.documents);
  showProblems();
  drawSteps();
  timings.previews.push({ shown: performance.now() });
  root.dataset.previews = String(timings.previews.length);
}

async function refresh() {
  if (!workerReady || !spec) return;
  if (busy) { again = true; return; }
  busy = true;
  again = false;
  const asked = performance.now();
  const field = lastChanged;
  const before = field ? problems.filter((p) => p.field === field).map((p) => p.message).join(" ; ") : "";
  try {
    const result = await ask("update", { data: answers() });
    show(result);
    timings.previews[timings.previews.length - 1].asked = asked;
    timings.live = timings.live || performance.now();
    root.dataset.live = String(Number(root.dataset.live || 0) + 1);
    if (field && document.activeElement?.dataset?.path === field) announce(field, before);
  } catch (error) {
    console.error(error);
    setStatus("L'aperçu n'a pas pu être mis à jour : " + error.message.trim().split("\n").pop(), true);
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
    ? "Aperçu non mis à jour : corrigez la valeur signalée pour le rafraîchir."
    : complete ? "Aperçu des documents tels qu'ils seront téléchargés." : "Aperçu provisoire : les valeurs entre crochets restent à fournir.";
  if (!documents) return;
  for (const doc of documents) {
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

function choose(stem) {
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

async function downloadDocx(stem) {
  const started = performance.now();
  setStatus("Préparation du document Word…");
  const bytes = await ask("docx", { data: answers(), stem });
  save(new Blob([bytes], { type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" }), fileName(".docx", stem));
  timings.docx = performance.now() - started;
  root.dataset.docx = String(Math.round(timings.docx));
  setStatus(complete ? "Document Word téléchargé." : "Document Word provisoire téléchargé : les valeurs entre crochets restent à fournir.");
}

let printStyle = null;
async function print(stem) {
  const doc = (documents || []).find((d) => d.stem === stem);
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

async function saveYaml() {
  const name = fileName(".yml");
  const text = await ask("yaml", { data: answers(), name });
  save(new Blob([text], { type: "application/yaml" }), name);
  modified = false;
  setStatus(`Réponses enregistrées dans le fichier ${name} de vos téléchargements.`);
}

function load(data, label) {
  state = data && typeof data === "object" ? structuredClone(data) : {};
  touched.clear();
  manualIds.clear();
  showAll = false;
  modified = false;
  section = 0;
  drawForm();
  setStatus(label);
  refresh();
}

async function openFile(file) {
  const text = await file.text();
  const result = await ask("load", { text });
  if (result.problems.length) {
    setStatus(`Le fichier ${file.name} ne peut pas être lu : ${result.problems.join(" ; ")}`, true);
    return;
  }
  load(result.data, `Fichier ${file.name} ouvert.`);
  showAll = true;
  touched.add("");
}

function setStatus(text, alert = false) {
  const status = root.querySelector(".assistant-status");
  if (!status) {
    root.textContent = text;
    return;
  }
  status.textContent = text;
  status.classList.toggle("assistant-alert", alert);
}

// Events ------------------------------------------------------------------------------------

function onEdit(target) {
  const name = target.dataset.path || target.dataset.refs;
  if (!name) return;
  const parts = name.split(/\.|\[(\d+)\]/).filter((p) => p !== undefined && p !== "").map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  modified = true;
  touched.add(name);
  lastChanged = name;
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
  const listParts = parts.slice(0, -2);
  const kind = typeof parts[parts.length - 2] === "number" ? kindOfList(listParts) : undefined;
  if (kind && key === "id") {
    manualIds.add(fieldName(parts.slice(0, -1)));
    renameReferences(kind, before, get(parts));
    updateReferences();
  } else if (kind && key === "name") {
    autoId(kind, parts.slice(0, -1));
    updateReferences();
  }
  refresh();
}

function autoId(kind, itemParts) {
  if (manualIds.has(fieldName(itemParts))) return;
  const item = get(itemParts);
  const list = get(spec.sources[kind]) || [];
  const index = itemParts[itemParts.length - 1];
  let wanted = slug(String(item.name || "")) || `${PREFIX[kind] || kind}-${index + 1}`;
  const taken = new Set(list.filter((x, i) => x && i !== index).map((x) => x.id));
  let candidate = wanted;
  for (let n = 2; taken.has(candidate); n++) candidate = `${wanted}-${n}`;
  if (candidate === item.id) return;
  const before = item.id;
  item.id = candidate;
  renameReferences(kind, before, candidate);
  const input = root.querySelector(`[data-path="${CSS.escape(fieldName([...itemParts, "id"]))}"]`);
  if (input) input.value = candidate;
}

/** Reference lists follow the members, bodies and phases as they are named. */
function updateReferences() {
  for (const select of root.querySelectorAll("select[data-ref]")) {
    if (select === document.activeElement) continue;
    const parts = select.dataset.path.split(/\.|\[(\d+)\]/).filter((p) => p !== undefined && p !== "").map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    fillOptions(select, select.assistantNode, get(parts));
  }
  for (const box of root.querySelectorAll("fieldset[data-ref]")) {
    const parts = box.dataset.path.split(/\.|\[(\d+)\]/).filter((p) => p !== undefined && p !== "").map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    const fresh = drawField(box.assistantNode || findNode(parts), parts);
    fresh.assistantNode = box.assistantNode || findNode(parts);
    const active = document.activeElement && box.contains(document.activeElement) ? document.activeElement.value : null;
    box.replaceWith(fresh);
    if (active !== null) fresh.querySelector(`input[value="${CSS.escape(active)}"]`)?.focus();
  }
  showProblems();
}

function findNode(parts) {
  let nodes = spec.sections.flatMap((s) => s.fields);
  let node = null;
  for (const part of parts) {
    if (typeof part === "number") continue;
    node = nodes && nodes.find((n) => n.key === part);
    nodes = node && (node.fields || node.block?.fields);
  }
  return node;
}

function addItem(name) {
  const parts = name.split(/\.|\[(\d+)\]/).filter((p) => p !== undefined && p !== "").map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  const node = findNode(parts);
  const list = Array.isArray(get(parts)) ? get(parts).filter((x) => x !== undefined) : [];
  const item = {};
  const kind = kindOfList(parts);
  if (kind) item.id = `${PREFIX[kind] || kind}-${list.length + 1}`;
  for (const child of node.fields) if (child.kind === "bool" && child.required) item[child.key] = false;
  list.push(item);
  put(parts, list);
  modified = true;
  const index = list.length - 1;
  drawForm();
  const first = root.querySelector(`[data-path="${CSS.escape(fieldName([...parts, index]))}"] input, [data-path="${CSS.escape(fieldName([...parts, index]))}"] select, [data-path="${CSS.escape(fieldName([...parts, index]))}"] textarea`);
  const focusable = [...root.querySelectorAll(`[data-path^="${CSS.escape(fieldName([...parts, index]))}"]`)].find((c) => c.matches("input, select, textarea") && c.dataset.path.endsWith(".name")) || first;
  focusable?.focus();
  live().textContent = `${node.item} ${index + 1} ajouté.`;
  refresh();
}

function removeItem(name) {
  const parts = name.split(/\.|\[(\d+)\]/).filter((p) => p !== undefined && p !== "").map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  const index = parts.pop();
  const list = get(parts);
  const node = findNode(parts);
  if (!Array.isArray(list)) return;
  list.splice(index, 1);
  modified = true;
  drawForm();
  root.querySelector(`[data-add="${CSS.escape(fieldName(parts))}"]`)?.focus();
  live().textContent = `${node.item} ${index + 1} retiré.`;
  refresh();
}

function wire() {
  const form = root.querySelector(".assistant-form");
  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("input", (event) => {
    if (event.target.matches("input[type=text], textarea")) onEdit(event.target);
  });
  form.addEventListener("change", (event) => {
    if (event.target.matches("select, input[type=checkbox]")) onEdit(event.target);
  });
  form.addEventListener("focusout", (event) => {
    const target = event.target;
    if (target.matches("input[type=text]") && ["date", "period"].includes(target.assistantNode?.kind)) {
      const value = get(target.dataset.path.split(/\.|\[(\d+)\]/).filter((p) => p !== undefined && p !== "").map((p) => (/^\d+$/.test(p) ? Number(p) : p)));
      if (typeof value === "string" && value !== target.value) target.value = value;
    }
  });
  root.addEventListener("click", (event) => {
    const target = event.target.closest("button, a");
    if (!target) return;
    if (target.dataset.go !== undefined) go(Number(target.dataset.go));
    else if (target.dataset.add) addItem(target.dataset.add);
    else if (target.dataset.remove) removeItem(target.dataset.remove);
    else if (target.dataset.docx) downloadDocx(target.dataset.docx).catch((e) => setStatus("Erreur : " + e.message, true));
    else if (target.dataset.print) print(target.dataset.print);
    else if (target.dataset.problem !== undefined) {
      event.preventDefault();
      const field = target.dataset.problem;
      go(sectionOf(field), false);
      const slot = slotFor(field);
      const control = slot && root.querySelector(`[data-path="${CSS.escape(slot.dataset.errorFor)}"]`);
      (control && control.matches("input, select, textarea") ? control : control?.querySelector("input, select, textarea, button") || slot)?.focus();
    } else if (target.dataset.stem && target.getAttribute("role") === "tab") choose(target.dataset.stem);
    else if (target.dataset.action === "save") saveYaml().catch((e) => setStatus("Erreur : " + e.message, true));
    else if (target.dataset.action === "all") { showAll = !showAll; target.setAttribute("aria-expanded", String(showAll)); showProblems(); }
    else if (target.dataset.start) {
      if (modified && !window.confirm("Remplacer vos réponses ? Celles qui ne sont pas enregistrées seront perdues.")) return;
      const start = target.dataset.start === "nouveau" ? starts.nouveau : starts.exemples[target.dataset.start];
      load(start.data, `${start.title} : formulaire prêt.`);
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
    if (modified && !window.confirm("Remplacer vos réponses ? Celles qui ne sont pas enregistrées seront perdues.")) return;
    openFile(file).catch((e) => setStatus("Erreur : " + e.message, true));
  });
  window.addEventListener("beforeunload", (event) => {
    if (modified) event.preventDefault();
  });
}

// The page ----------------------------------------------------------------------------------

function layout() {
  root.replaceChildren(
    el("div", { class: "assistant-start" },
      el("h2", { text: "Commencer" }),
      el("div", { class: "assistant-start-buttons" },
        el("button", { type: "button", class: "md-button md-button--primary", "data-start": "nouveau", text: "Nouveau groupement" }),
        ...Object.entries(starts.exemples).map(([key, start]) =>
          el("button", { type: "button", class: "md-button", "data-start": key, text: `Exemple : ${start.title}` })),
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
            el("button", { type: "button", class: "md-button md-button--primary", "data-docx": stem, disabled: true, text: `${title} : télécharger en Word (DOCX)` }),
            el("button", { type: "button", class: "md-button", "data-print": stem, disabled: true, text: `${title} : imprimer ou enregistrer en PDF` })),
          el("iframe", { "data-stem": stem, title: `Aperçu : ${title}`, sandbox: "allow-same-origin", loading: "eager" }))),
        el("div", { class: "assistant-save" },
          el("h3", { text: "Vos réponses" }),
          el("p", { text: "Rien n'est enregistré automatiquement : enregistrez vos réponses dans un fichier pour les reprendre plus tard ou les transmettre. Ce fichier remplit aussi les documents en ligne de commande." }),
          el("button", { type: "button", class: "md-button md-button--primary", "data-action": "save", text: "Enregistrer mes réponses (.yml)" })))),
  );
}

async function main() {
  if (location.protocol === "file:") return; // the page says why (see the page's text)
  root.classList.add("assistant-on");
  const [form, start] = await Promise.all([fetch(here("form.json")).then((r) => r.json()), fetch(here("depart.json")).then((r) => r.json())]);
  spec = form;
  starts = start;
  layout();
  wire();
  state = structuredClone(starts.nouveau.data);
  drawForm();
  show(starts.nouveau.preview); // computed at build time by the same Python, until the worker answers
  setStatus("Chargement de l'assistant : la première ouverture prend quelques secondes…");
  // The copy for offline use is made once the assistant runs, from what the page loaded.
  await started;
  if ("serviceWorker" in navigator && location.protocol.startsWith("http")) {
    navigator.serviceWorker.register(here("sw.js"), { scope: here("./") }).then(() => navigator.serviceWorker.ready).then((registration) => {
      const files = performance.getEntriesByType("resource").map((entry) => entry.name).concat(location.href.split("#")[0]);
      registration.active?.postMessage({ keep: files.filter((url) => url.startsWith(location.origin)) });
    }).catch(() => {});
  }
}

main().catch((error) => setStatus("L'assistant n'a pas pu démarrer : " + error.message, true));
