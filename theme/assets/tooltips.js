/*
 * Glossary tooltips within keyboard reach. The first occurrence of each term in the
 * text of a page (headings aside) takes the focus (Material shows its tooltip on focus as on hover) and keeps
 * its dotted underline; later occurrences keep the hover tooltip without adding tab
 * stops or underlining every paragraph.
 */
(function () {
  "use strict";
  var seen = {};
  Array.prototype.forEach.call(document.querySelectorAll(".md-content abbr[title]"), function (abbr) {
    var term = abbr.getAttribute("title");
    if (!seen[term] && !abbr.closest("h1, h2, h3, h4, h5, h6")) {
      seen[term] = true;
      abbr.tabIndex = 0;
    } else {
      abbr.classList.add("guide-term--repeat");
    }
  });
})();
