/*
 * Glossary tooltips. The first mention of a glossary term on a page is a link to its
 * entry (generator/site/terms.py), so it works without JavaScript and from the file
 * system. Here, hovering or focusing it shows the definition in a tooltip that respects
 * WCAG 1.4.13: it opens above the term so that the line being read stays visible, it
 * stays while the pointer moves onto it, Escape closes it, and it says where to read on
 * when the definition was cut.
 */
(function () {
  "use strict";
  var terms = document.querySelectorAll(".md-content a.guide-term[data-tip]");
  if (!terms.length) return;

  var tip = document.createElement("div");
  tip.id = "guide-tip";
  tip.className = "guide-tip";
  tip.setAttribute("role", "tooltip");
  tip.hidden = true;
  document.body.appendChild(tip);

  var current = null;
  var closing = null;

  function show(term) {
    window.clearTimeout(closing);
    if (current === term && !tip.hidden) return;
    hide();
    current = term;
    tip.textContent = "";
    var title = document.createElement("p");
    title.className = "guide-tip__title";
    title.textContent = term.getAttribute("data-title");
    var text = document.createElement("p");
    text.textContent = term.getAttribute("data-tip");
    var more = document.createElement("a");
    more.href = term.href;
    more.tabIndex = -1;
    more.textContent = term.hasAttribute("data-more")
      ? "Lire la suite dans le glossaire" : "Voir dans le glossaire";
    var last = document.createElement("p");
    last.className = "guide-tip__more";
    last.appendChild(more);
    tip.appendChild(title);
    tip.appendChild(text);
    tip.appendChild(last);
    tip.hidden = false;
    term.setAttribute("aria-describedby", tip.id);
    place(term);
  }

  function place(term) {
    var box = term.getBoundingClientRect();
    var width = Math.min(tip.offsetWidth, document.documentElement.clientWidth - 16);
    var left = Math.max(8, Math.min(box.left, document.documentElement.clientWidth - width - 8));
    var above = box.top - tip.offsetHeight - 8;
    var header = document.querySelector(".md-header");
    var top = header ? header.getBoundingClientRect().bottom : 0;
    var y = above >= top ? above : box.bottom + 8;
    tip.style.left = (left + window.scrollX) + "px";
    tip.style.top = (y + window.scrollY) + "px";
  }

  function hide() {
    window.clearTimeout(closing);
    if (current) current.removeAttribute("aria-describedby");
    current = null;
    tip.hidden = true;
  }

  function later() {
    window.clearTimeout(closing);
    closing = window.setTimeout(hide, 300);
  }

  Array.prototype.forEach.call(terms, function (term) {
    term.addEventListener("mouseenter", function () { show(term); });
    term.addEventListener("mouseleave", later);
    term.addEventListener("focus", function () { show(term); });
    term.addEventListener("blur", later);
  });
  tip.addEventListener("mouseenter", function () { window.clearTimeout(closing); });
  tip.addEventListener("mouseleave", later);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !tip.hidden) hide();
  });
})();
