/*
 * Filters of the resource catalogue and of the case studies.
 *
 * Without JavaScript the form stays hidden and every item shows. With it, the
 * selects narrow the list at once, the state lives in the URL (a link shares
 * it, reloading restores it) and a status line tells screen readers how many
 * items remain. Each choice says how many items it would show given the other
 * filters, a choice that would show nothing is disabled, the table of contents
 * keeps only the groups still shown, and an empty result offers a way back.
 */
(function () {
  "use strict";

  function setUp(form) {
    var target = form.getAttribute("data-filter-target");
    var list = document.getElementById(target);
    if (!list) return;
    var items = Array.prototype.slice.call(list.querySelectorAll("[data-filter-item]"));
    var groups = Array.prototype.slice.call(list.querySelectorAll("[data-filter-group]"));
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
    var status = form.querySelector("[role=status]");
    var empty = document.querySelector("[data-filter-empty='" + target + "']");
    var back = empty && empty.querySelector("[data-filter-reset]");
    selects.forEach(function (select) {
      Array.prototype.forEach.call(select.options, function (option) {
        option.setAttribute("data-label", option.textContent);
      });
    });

    function matches(item, select, value) {
      if (!value) return true;
      var values = (item.getAttribute("data-" + select.name) || "").split(" ");
      return values.indexOf(value) >= 0;
    }

    function shownWith(select, value) {
      return items.filter(function (item) {
        return selects.every(function (other) {
          return matches(item, other, other === select ? value : other.value);
        });
      }).length;
    }

    function count() {
      selects.forEach(function (select) {
        Array.prototype.forEach.call(select.options, function (option) {
          if (!option.value) return;
          var n = shownWith(select, option.value);
          option.textContent = option.getAttribute("data-label") + " (" + n + ")";
          option.disabled = n === 0 && option.value !== select.value;
        });
      });
    }

    function followToc() {
      groups.forEach(function (group) {
        var heading = group.querySelector("h2[id], h3[id]");
        if (!heading) return;
        var links = document.querySelectorAll(".md-nav--secondary a[href='#" + heading.id + "']");
        Array.prototype.forEach.call(links, function (link) {
          var entry = link.closest("li");
          if (entry) entry.hidden = group.hidden;
        });
      });
    }

    function apply() {
      var shown = 0;
      items.forEach(function (item) {
        var visible = selects.every(function (select) { return matches(item, select, select.value); });
        item.hidden = !visible;
        if (visible) shown += 1;
      });
      groups.forEach(function (group) {
        group.hidden = !group.querySelector("[data-filter-item]:not([hidden])");
      });
      status.textContent = shown === items.length
        ? items.length + " éléments affichés"
        : shown + " élément" + (shown > 1 ? "s" : "") + " sur " + items.length;
      if (empty) empty.hidden = shown > 0;
      count();
      followToc();
      var url = new URL(window.location.href);
      selects.forEach(function (select) {
        if (select.value) url.searchParams.set(select.name, select.value);
        else url.searchParams.delete(select.name);
      });
      window.history.replaceState(null, "", url.toString());
    }

    var params = new URLSearchParams(window.location.search);
    selects.forEach(function (select) {
      var wanted = params.get(select.name);
      var known = Array.prototype.some.call(select.options, function (option) {
        return option.value === wanted;
      });
      if (wanted && known) select.value = wanted;
      select.addEventListener("change", apply);
    });
    form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    if (back) {
      back.addEventListener("click", function () {
        form.reset();
        selects[0].focus();
      });
    }
    form.hidden = false;
    apply();
  }

  Array.prototype.forEach.call(document.querySelectorAll("form.guide-filters"), setUp);
})();
