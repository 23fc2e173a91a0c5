/*
 * Glossary tooltips within keyboard reach. The first occurrence of each term on a
 * page takes the focus (Material shows its tooltip on focus as on hover); later
 * occurrences keep the hover tooltip without adding tab stops.
 */
(function () {
  "use strict";
  var seen = {};
  Array.prototype.forEach.call(document.querySelectorAll(".md-content abbr[title]"), function (abbr) {
    var term = abbr.getAttribute("title");
    if (!seen[term]) {
      seen[term] = true;
      abbr.tabIndex = 0;
    }
  });
})();
