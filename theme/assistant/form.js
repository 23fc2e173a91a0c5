// The form drawn from form.json, and the problems `fill` reports shown at their fields.

import {
  app, BLOCK, choices, controlId, fieldName, findNode, get, isBlock, labelFor, partsOf, sectionOf, shown,
} from "./model.js";

export const root = document.getElementById("assistant");

export const el = (tag, attributes = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === false || value === undefined || value === null) continue;
    if (key === "text") node.textContent = value;
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) if (child) node.append(child);
  return node;
};

export function setStatus(text, alert = false) {
  const status = root.querySelector(".assistant-status");
  if (!status) {
    root.textContent = text;
    return;
  }
  status.textContent = text;
  status.classList.toggle("assistant-alert", alert);
}

export const live = () => root.querySelector(".assistant-live");

// Fields ------------------------------------------------------------------------------------

function helpText(node, id) {
  if (!node.help && !node.glossary) return null;
  const help = el("p", { class: "assistant-help", id }, node.help ? node.help + " " : "");
  if (node.glossary) {
    help.append(el("a", { href: `../glossaire.html#${node.glossary}`, target: "_blank",
      text: "Voir le glossaire", "aria-label": `${node.label} : voir le glossaire (nouvel onglet)` }));
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
      spellcheck: false, placeholder: placeholder || false });
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
    const legend = `${node.item} ${index + 1}${title ? " : " + title : ""}`;
    const entry = el("fieldset", { class: "assistant-item", "data-path": fieldName(itemParts) },
      el("legend", { text: legend }));
    for (const child of node.fields) entry.append(draw(child, [...itemParts, child.key]));
    entry.append(el("button", { type: "button", class: "assistant-remove", "data-remove": fieldName(itemParts),
      text: `Retirer : ${node.item.toLowerCase()} ${index + 1}` }));
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

/** The whole form again, after a list or a block changed shape; the focus stays where it was. */
export function drawForm() {
  const { spec } = app;
  const form = root.querySelector(".assistant-form");
  const focused = document.activeElement && document.activeElement.id;
  form.replaceChildren();
  spec.sections.forEach((s, index) => {
    const panel = el("section", { class: "assistant-section", id: `section-${s.id}`, "aria-labelledby": `titre-${s.id}`, hidden: index !== app.section });
    panel.append(el("h2", { id: `titre-${s.id}`, tabindex: "-1", text: `${index + 1}. ${s.title}` }), el("p", { class: "assistant-intro", text: s.intro }));
    for (const node of s.fields) panel.append(draw(node, [node.key]));
    const moves = el("div", { class: "assistant-moves" });
    if (index > 0) moves.append(el("button", { type: "button", class: "md-button", "data-go": index - 1, text: `Précédent : ${spec.sections[index - 1].title}` }));
    if (index < spec.sections.length - 1) moves.append(el("button", { type: "button", class: "md-button md-button--primary", "data-go": index + 1, text: `Suivant : ${spec.sections[index + 1].title}` }));
    panel.append(moves);
    form.append(panel);
  });
  drawSteps();
  showProblems();
  if (focused) document.getElementById(focused)?.focus();
}

export function drawSteps() {
  const list = root.querySelector(".assistant-steps ol");
  list.replaceChildren();
  app.spec.sections.forEach((s, index) => {
    const count = app.problems.filter((p) => sectionOf(p.field) === index).length;
    const button = el("button", { type: "button", "data-go": index, "aria-current": index === app.section ? "step" : false },
      el("span", { class: "assistant-step-title", text: s.title }),
      el("span", { class: "assistant-step-count", text: count ? ` (${count} à compléter ou corriger)` : " (complet)" }));
    list.append(el("li", {}, button));
  });
}

export function go(index, focus = true) {
  app.section = index;
  root.querySelectorAll(".assistant-section").forEach((panel, i) => (panel.hidden = i !== index));
  drawSteps();
  if (focus) root.querySelector(`#titre-${app.spec.sections[index].id}`).focus();
}

/** Reference lists follow the members, bodies and phases as they are named. */
export function updateReferences() {
  for (const select of root.querySelectorAll("select[data-ref]")) {
    if (select === document.activeElement) continue;
    fillOptions(select, select.assistantNode, get(partsOf(select.dataset.path)));
  }
  for (const box of root.querySelectorAll("fieldset[data-ref]")) {
    const parts = partsOf(box.dataset.path);
    const fresh = drawField(box.assistantNode || findNode(parts), parts);
    fresh.assistantNode = box.assistantNode || findNode(parts);
    const active = document.activeElement && box.contains(document.activeElement) ? document.activeElement.value : null;
    box.replaceWith(fresh);
    if (active !== null) fresh.querySelector(`input[value="${CSS.escape(active)}"]`)?.focus();
  }
  showProblems();
}

// Problems at their fields ------------------------------------------------------------------

function isShown(field) {
  if (app.showAll) return true;
  for (const name of app.touched) if (field === name || field.startsWith(name + ".") || field.startsWith(name + "[")) return true;
  return false;
}

/** Where a field's message goes: its own slot, or the nearest enclosing one. */
export function slotFor(field) {
  let name = field;
  while (name) {
    const slot = root.querySelector(`[data-error-for="${CSS.escape(name)}"]`);
    if (slot) return slot;
    const cut = Math.max(name.lastIndexOf("."), name.lastIndexOf("["));
    name = cut > 0 ? name.slice(0, cut) : "";
  }
  return null;
}

export function showProblems() {
  const messages = new Map();
  for (const problem of app.problems) {
    if (!isShown(problem.field)) continue;
    const slot = slotFor(problem.field);
    if (!slot) continue;
    const list = messages.get(slot) || [];
    const own = slot.dataset.errorFor === problem.field;
    list.push(own ? problem.message : `${problem.field} : ${problem.message}`);
    messages.set(slot, list);
  }
  for (const slot of root.querySelectorAll("[data-error-for]")) {
    const list = messages.get(slot) || [];
    const text = list.join(" ; ");
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
  const count = app.problems.length;
  const text = summary.querySelector(".assistant-summary-text");
  text.textContent = (count === 0
    ? "Les trois documents sont complets : vous pouvez les télécharger."
    : `${count} ${count > 1 ? "valeurs restent" : "valeur reste"} à compléter ou à corriger. L'aperçu montre entre crochets ce qui manque.`)
    + (app.workerReady ? "" : " L'assistant se prépare : vos réponses seront vérifiées dans quelques secondes.");
  summary.classList.toggle("assistant-complete", app.workerReady && count === 0);
  const list = summary.querySelector("ul");
  list.replaceChildren();
  if (!app.showAll) return;
  for (const problem of app.problems.slice(0, 200)) {
    const link = el("a", { href: "#", "data-problem": problem.field, text: `${labelFor(problem.field)} : ${problem.message}` });
    list.append(el("li", {}, link));
  }
}

/** Said by a screen reader after an edit: the field's new message, or that it is accepted. */
export function announce(field, before) {
  const now = app.problems.filter((p) => p.field === field).map((p) => p.message).join(" ; ");
  if (now && now !== before) live().textContent = `${labelFor(field)} : ${now}`;
  else if (!now && before) live().textContent = `${labelFor(field)} : valeur acceptée.`;
}
