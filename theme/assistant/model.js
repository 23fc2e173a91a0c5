// The assistant's answers, kept as typed in the shape of a groupement file, and what is
// derived from them without the page: paths, values, identifiers and references.
// The form's description (form.json) says which fields exist; nothing here touches the page.

/** What the assistant knows: read and changed by every module of the page. */
export const app = {
  spec: null,           // the form's description
  starts: null,         // the starting groupements: new one and examples
  state: {},            // the answers, in the shape of a groupement file
  problems: [],         // [{field, message}] as `fill` reports them
  documents: null,      // [{stem, title, html}] of the last preview
  complete: false,
  section: 0,
  showAll: false,
  modified: false,
  workerReady: false,
  lastChanged: null,    // the field of the last edit, whose message is announced
  touched: new Set(),   // the fields edited, whose problems are shown
  manualIds: new Set(), // the items whose identifier was typed, not derived from the name
  timings: (window.assistantTimings = { opened: performance.now(), previews: [] }),
};

// Paths and values --------------------------------------------------------------------------

export const fieldName = (parts) =>
  parts.reduce((text, part) => (typeof part === "number" ? `${text}[${part}]` : text ? `${text}.${part}` : part), "");
export const controlId = (parts) => "f-" + parts.join("-").replace(/[^A-Za-z0-9_-]/g, "_");
/** « members[2].name » → ["members", 2, "name"]. */
export const partsOf = (name) =>
  name.split(/\.|\[(\d+)\]/).filter((p) => p !== undefined && p !== "").map((p) => (/^\d+$/.test(p) ? Number(p) : p));

export function get(parts, from = app.state) {
  let value = from;
  for (const part of parts) {
    if (value === null || typeof value !== "object") return undefined;
    value = value[part];
  }
  return value;
}

export function put(parts, value) {
  let target = app.state;
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
export const BLOCK = "__bloc__";  // the choice of a reference that opens a block (a rotating chair)
export const isBlock = (value) => value !== null && typeof value === "object" && !Array.isArray(value);
const bare = (text) => text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();

/** The value to keep for what was typed: numbers and dates as `fill` reads them, the rest as typed. */
export function parse(node, raw) {
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

/** The text a control shows for a kept value. */
export function shown(node, value) {
  if (value === undefined || value === null) return "";
  if (node.kind === "lines") return Array.isArray(value) ? value.join("\n") : String(value);
  if (node.kind === "decimal" && typeof value === "number") return String(value).replace(".", ",");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

const topFields = () => app.spec.sections.flatMap((s) => s.fields);

/** The answers as the data of a groupement file: empty optional blocks left out. */
export function answers() {
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
  const top = topFields();
  const data = prune(top, app.state);
  for (const node of top) if (node.kind === "group" && node.required && data[node.key] === undefined) data[node.key] = {};
  return data;
}

/** The description of the field at these parts (list indexes skipped). */
export function findNode(parts) {
  let nodes = topFields();
  let node = null;
  for (const part of parts) {
    if (typeof part === "number") continue;
    node = nodes && nodes.find((n) => n.key === part);
    nodes = node && (node.fields || node.block?.fields);
  }
  return node;
}

/** « Membres › 2 › Nom » for « members[1].name »: how a problem names its field. */
export function labelFor(field) {
  const parts = field.split(/\.|\[(\d+)\]/).filter((p) => p !== undefined && p !== "");
  let nodes = topFields();
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

/** The index of the form's section that holds a field. */
export function sectionOf(field) {
  const top = field.split(/[.[]/)[0];
  const index = app.spec.sections.findIndex((s) => s.fields.some((f) => f.key === top));
  return index < 0 ? 0 : index;
}

// Identifiers and references ----------------------------------------------------------------

export function slug(text) {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
    .replace(/œ/g, "oe").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60).replace(/-+$/, "");
}

export const PREFIX = { member: "membre", body: "instance", phase: "phase", organisation: "organisme", provider: "prestataire" };

/** What a reference of this kind may name (the kinds and their lists come from form.json). */
export function choices(kind) {
  const { spec } = app;
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
  walk(topFields(), app.state, []);
  return places;
}

export function renameReferences(kind, before, after) {
  if (!before || before === after) return;
  for (const { parts, node } of referencePlaces()) {
    if (!(app.spec.kinds[node.ref] || []).includes(kind)) continue;
    const value = get(parts);
    if (value === before) put(parts, after);
    if (Array.isArray(value)) put(parts, value.map((v) => (v === before ? after : v)));
  }
}

/** The kind of the items of a list (member, body, phase…), when other fields refer to them. */
export function kindOfList(parts) {
  return Object.keys(app.spec.sources).find((kind) => fieldName(app.spec.sources[kind]) === fieldName(parts));
}

/** The identifier of an item follows its name until one is typed; references follow it.
 * Returns the new identifier, or null when it did not change. */
export function deriveId(kind, itemParts) {
  if (app.manualIds.has(fieldName(itemParts))) return null;
  const item = get(itemParts);
  const list = get(app.spec.sources[kind]) || [];
  const index = itemParts[itemParts.length - 1];
  const wanted = slug(String(item.name || "")) || `${PREFIX[kind] || kind}-${index + 1}`;
  const taken = new Set(list.filter((x, i) => x && i !== index).map((x) => x.id));
  let candidate = wanted;
  for (let n = 2; taken.has(candidate); n++) candidate = `${wanted}-${n}`;
  if (candidate === item.id) return null;
  const before = item.id;
  item.id = candidate;
  renameReferences(kind, before, candidate);
  return candidate;
}
