/*
 * The guide's search dialog, on every page: the button in the header, the « / » key, the
 * results as you type. The engine (engine.js) and the index (index.js, written by
 * generator/site/search.py from the staged pages) are scripts, loaded the first time the
 * reader opens the search: a script loads from file:// where fetch() of a JSON file does
 * not, and pages that are only read never pay for them. Results are drawn with DOM text
 * nodes, the words found marked with <mark>.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var base = script ? script.src.replace(/assets\/search\/search\.js([?#].*)?$/, "") : "";
  var BATCH = 50;
  var SCRIPTS = ["assets/search/engine.js", "assets/search/index.js"];

  /* The dialog ------------------------------------------------------------------------- */

  var dialog, input, status, list, more, opener;
  var index = null, loading = false, shown = 0, current = null, announce = 0;

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    if (text) node.textContent = text;
    return node;
  }

  function marked(text, found) {
    var fragment = document.createDocumentFragment();
    var last = 0;
    window.guideSearch.spans(text, found).forEach(function (span) {
      fragment.appendChild(document.createTextNode(text.slice(last, span[0])));
      fragment.appendChild(element("mark", {}, text.slice(span[0], span[1])));
      last = span[1];
    });
    fragment.appendChild(document.createTextNode(text.slice(last)));
    return fragment;
  }

  function quoted(text) { return "«\u00a0" + text + "\u00a0»"; }

  function say(text) {
    clearTimeout(announce);
    status.textContent = text;
  }

  /* The engine then the index, in that order, once. */
  function load() {
    if (index || loading) return;
    loading = true;
    say("Chargement de l’index de recherche…");
    var waiting = SCRIPTS.length;
    SCRIPTS.forEach(function (path) {
      var tag = element("script", { src: base + path });
      tag.async = false;  /* run in the order they are added */
      tag.onload = function () {
        if (--waiting) return;
        index = new window.guideSearch.Index(window.guideSearchIndex);
        window.guideSearchIndex = null;
        run();
      };
      tag.onerror = function () {
        loading = false;
        say("L’index de recherche est introuvable : reconstruisez le site (make site).");
      };
      document.head.appendChild(tag);
    });
  }

  function run() {
    var query = input.value.trim();
    list.textContent = "";
    say("");
    more.hidden = true;
    shown = 0;
    if (!index) return;
    if (!query) { current = null; say("Saisissez un ou plusieurs mots."); return; }
    current = index.search(query);
    draw();
    var count = current.results.length;
    var text = count === 0 ? "Aucun résultat pour " + quoted(query) + "."
      : count + (count > 1 ? " résultats" : " résultat") + " pour " + quoted(query) +
        (current.partial ? " (qui ne contiennent pas tous les mots)" : "") + ".";
    clearTimeout(announce);
    announce = setTimeout(function () { status.textContent = text; }, 250);
    status.dataset.count = String(count);
  }

  function draw() {
    var slice = current.results.slice(shown, shown + BATCH);
    slice.forEach(function (result) {
      var section = index.sections[result.doc];
      var page = index.pages[section[0]];
      var item = element("li", { "class": "guide-search__result" });
      var link = element("a", { href: base + page[0] + (section[1] ? "#" + section[1] : "") });
      if (section[1]) link.appendChild(element("span", { "class": "guide-search__page" }, page[1]));
      var title = element("span", { "class": "guide-search__title" });
      title.appendChild(marked(section[2], current));
      link.appendChild(title);
      item.appendChild(link);
      var next = index.sections[result.doc + 1];
      var body = section[3] || (!section[1] && next && next[0] === section[0] ? next[3] : "");
      var text = window.guideSearch.excerpt(body, current);
      if (text) {
        var paragraph = element("p", { "class": "guide-search__excerpt" });
        paragraph.appendChild(marked(text, current));
        item.appendChild(paragraph);
      }
      list.appendChild(item);
    });
    shown += slice.length;
    more.hidden = shown >= current.results.length;
  }

  function open() {
    if (!dialog.open) dialog.showModal();
    input.focus();
    input.select();
    load();
  }

  function close() { dialog.close(); }

  function build() {
    opener = element("button", {
      type: "button", "class": "guide-search__open md-header__button",
      "aria-haspopup": "dialog", "aria-controls": "guide-search",
      "aria-label": "Rechercher dans le guide", title: "Rechercher dans le guide (touche /)"
    });
    opener.innerHTML = '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path ' +
      'd="M9.5 3A6.5 6.5 0 0 1 16 9.5c0 1.61-.59 3.09-1.56 4.23l.27.27h.79l5 5-1.5 1.5-5-5v-.79' +
      'l-.27-.27A6.52 6.52 0 0 1 9.5 16 6.5 6.5 0 0 1 3 9.5 6.5 6.5 0 0 1 9.5 3m0 2C7 5 5 7 5 9.5' +
      'S7 14 9.5 14 14 12 14 9.5 12 5 9.5 5"/></svg>';
    opener.appendChild(element("span", { "class": "guide-search__open-label" }, "Rechercher"));
    dialog = element("dialog", { id: "guide-search", "class": "guide-search",
                                 "aria-labelledby": "guide-search-heading" });
    var inner = element("div", { "class": "guide-search__inner" });
    var form = element("form", { role: "search", "class": "guide-search__form" });
    form.appendChild(element("h2", { id: "guide-search-heading" }, "Rechercher dans le guide"));
    form.appendChild(element("label", { "for": "guide-search-input" }, "Mots à chercher"));
    input = element("input", {
      id: "guide-search-input", type: "search", autocomplete: "off", spellcheck: "false",
      "aria-describedby": "guide-search-help", "aria-controls": "guide-search-results"
    });
    form.appendChild(input);
    var closer = element("button", { type: "button", "class": "guide-search__close" }, "Fermer");
    form.appendChild(closer);
    form.appendChild(element("p", { id: "guide-search-help", "class": "guide-search__help" },
      "Accents et pluriels facultatifs, sigles et synonymes du glossaire compris, " +
      "une faute de frappe pardonnée."));
    inner.appendChild(form);
    status = element("p", { "class": "guide-search__status", role: "status" });
    inner.appendChild(status);
    list = element("ol", { id: "guide-search-results", "class": "guide-search__results",
                           "aria-label": "Résultats" });
    inner.appendChild(list);
    more = element("button", { type: "button", "class": "guide-search__more md-button" },
      "Afficher les résultats suivants");
    more.hidden = true;
    inner.appendChild(more);
    dialog.appendChild(inner);

    var header = document.querySelector(".md-header__inner");
    if (header) {
      header.insertBefore(opener, header.querySelector(".md-header__source"));
    } else {
      opener.classList.add("guide-search__open--alone");
      document.body.insertBefore(opener, document.body.firstChild);
    }
    document.body.appendChild(dialog);

    opener.addEventListener("click", open);
    opener.addEventListener("pointerenter", load);
    opener.addEventListener("focus", load);
    closer.addEventListener("click", close);
    more.addEventListener("click", function () {
      var first = shown;
      draw();
      var next = list.children[first];
      if (next) next.querySelector("a").focus();
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var first = list.querySelector("a");
      if (first) first.click();
    });
    input.addEventListener("input", run);
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") {
        var first = list.querySelector("a");
        if (first) { event.preventDefault(); first.focus(); }
      }
    });
    list.addEventListener("keydown", function (event) {
      var links = Array.prototype.slice.call(list.querySelectorAll("a"));
      var at = links.indexOf(document.activeElement);
      if (at < 0 || (event.key !== "ArrowDown" && event.key !== "ArrowUp")) return;
      event.preventDefault();
      var next = at + (event.key === "ArrowDown" ? 1 : -1);
      (next < 0 ? input : links[Math.min(next, links.length - 1)]).focus();
    });
    list.addEventListener("click", function (event) {
      if (event.target.closest("a")) close();
    });
    dialog.addEventListener("click", function (event) {
      if (event.target === dialog) close();  // a click on the backdrop
    });
    dialog.addEventListener("close", function () { opener.focus(); });
    document.addEventListener("keydown", function (event) {
      var target = event.target;
      var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
      if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
        event.preventDefault();
        open();
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", build);
  } else {
    build();
  }
})();
