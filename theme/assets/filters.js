/*
 * Filters of the resource catalogue and of the case studies.
 *
 * Without JavaScript the form stays hidden and every item shows. With it, the
 * selects narrow the list at once, the state lives in the URL (a link shares
 * it, reloading restores it) and a status line tells screen readers how many
 * items remain.
 */
(function () {
  "use strict";

  function setUp(form) {
    var list = document.getElementById(form.getAttribute("data-filter-target"));
    if (!list) return;
    var items = Array.prototype.slice.call(list.querySelectorAll("[data-filter-item]"));
    var groups = Array.prototype.slice.call(list.querySelectorAll("[data-filter-group]"));
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
    var status = form.querySelector("[role=status]");

    function matches(item, select) {
      if (!select.value) return true;
      var values = (item.getAttribute("data-" + select.name) || "").split(" ");
      return values.indexOf(select.value) >= 0;
    }

    function apply() {
      var shown = 0;
      items.forEach(function (item) {
        var visible = selects.every(function (select) { return matches(item, select); });
        item.hidden = !visible;
        if (visible) shown += 1;
      });
      groups.forEach(function (group) {
        group.hidden = !group.querySelector("[data-filter-item]:not([hidden])");
      });
      status.textContent = shown === items.length
        ? items.length + " éléments affichés"
        : shown + " élément" + (shown > 1 ? "s" : "") + " sur " + items.length;
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
    form.hidden = false;
    apply();
  }

  Array.prototype.forEach.call(document.querySelectorAll("form.guide-filters"), setUp);
})();
