/*
 * Small helps for every page: names for the search dialog and the menu's sections, the
 * details of a sub-step opened when a link or the table of contents leads into them (and
 * before printing), and a cue on tables wider than the screen, which become reachable
 * with the keyboard.
 */
(function () {
  "use strict";

  var search = document.querySelector(".md-search[role=dialog]");
  if (search && !search.hasAttribute("aria-label")) {
    search.setAttribute("aria-label", "Rechercher dans le guide");
  }

  // A section of the menu that has its own page is labelled by an icon without text:
  // name its navigation after the section, so that no two menus share an empty name.
  Array.prototype.forEach.call(document.querySelectorAll("nav.md-nav[aria-labelledby]"), function (nav) {
    var label = document.getElementById(nav.getAttribute("aria-labelledby"));
    var title = nav.querySelector(".md-nav__title");
    if (label && !label.textContent.trim() && title && title.textContent.trim()) {
      nav.removeAttribute("aria-labelledby");
      nav.setAttribute("aria-label", title.textContent.trim());
    }
  });

  function openTarget() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id && document.getElementById(id);
    var details = target && target.closest("details");
    if (!details || details.open) return;
    details.open = true;
    target.scrollIntoView();
  }
  window.addEventListener("hashchange", openTarget);
  openTarget();
  window.addEventListener("beforeprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll("details:not([open])"), function (d) {
      d.setAttribute("open", "");
      d.setAttribute("data-print-opened", "");
    });
  });
  window.addEventListener("afterprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll("details[data-print-opened]"), function (d) {
      d.removeAttribute("open");
      d.removeAttribute("data-print-opened");
    });
  });

  function cueWideTables() {
    var number = 0;
    Array.prototype.forEach.call(document.querySelectorAll(".md-typeset table"), function (table) {
      var box = table.closest(".md-typeset__scrollwrap") || table.parentElement;
      var wide = box.scrollWidth > box.clientWidth + 1;
      var cue = box.previousElementSibling;
      var hasCue = cue && cue.classList.contains("guide-scroll-cue");
      box.classList.toggle("guide-scrolls", wide);
      if (wide && !hasCue) {
        cue = document.createElement("p");
        cue.className = "guide-scroll-cue";
        cue.textContent = "Tableau plus large que l’écran\u00a0: faites-le défiler horizontalement.";
        box.parentNode.insertBefore(cue, box);
        box.tabIndex = 0;
        box.setAttribute("role", "region");
      }
      if (wide) {  // each region its own name (axe: landmark-unique)
        number += 1;
        box.setAttribute("aria-label", "Tableau " + number + ", défilant horizontalement");
      } else if (!wide && hasCue) {
        cue.remove();
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    });
  }
  var pending = null;
  function later() {
    window.clearTimeout(pending);
    pending = window.setTimeout(cueWideTables, 150);
  }
  if (document.readyState === "complete") later();
  else window.addEventListener("load", later);
  window.addEventListener("resize", later);
})();
