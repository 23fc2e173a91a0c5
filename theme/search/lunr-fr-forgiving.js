/*
 * Forgiving French search for the guide.
 *
 * The generator appends this file to Material's lunr.fr language plugin
 * (see generator/site.py). Material turns every query word into a prefix query
 * (« equipe* »), which lunr never stems nor normalises; so the index itself
 * holds, for every word, the word as written, its form without accents, its
 * singular and its plural. « equipe » then finds « équipe », « conventions »
 * finds « convention » and the other way round. The stemmer is left out: its
 * truncated stems (« convent ») would not match prefix queries.
 */
(function (lunr) {
  if (!lunr || !lunr.fr || lunr.fr.forgiving) {
    return;
  }
  var original = lunr.fr;

  function fold(text) {
    return text
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/œ/g, "oe")
      .replace(/æ/g, "ae");
  }

  function singular(word) {
    if (word.length <= 3) return word;
    if (/eaux$/.test(word)) return word.slice(0, -1);
    if (/aux$/.test(word)) return word.slice(0, -3) + "al";
    if (/(au|eu)x$/.test(word)) return word.slice(0, -1);
    if (/[sx]$/.test(word) && !/ss$/.test(word)) return word.slice(0, -1);
    return word;
  }

  function plural(word) {
    if (/[sxz]$/.test(word)) return word;
    if (/(eau|au|eu)$/.test(word)) return word + "x";
    return word + "s";
  }

  function forgivingForms(token) {
    var written = token.toString();
    var folded = fold(written.toLowerCase());
    var base = singular(folded);
    var forms = [written];
    [folded, base, plural(base)].forEach(function (form) {
      if (form && forms.indexOf(form) < 0) forms.push(form);
    });
    return forms.map(function (form) {
      return token.clone(function () { return form; });
    });
  }
  lunr.Pipeline.registerFunction(forgivingForms, "forgivingForms-fr");

  var forgiving = function () {
    original.call(this);
    this.pipeline.remove(original.stemmer);
    this.searchPipeline.remove(original.stemmer);
    this.pipeline.add(forgivingForms);
  };
  for (var key in original) {
    if (Object.prototype.hasOwnProperty.call(original, key)) forgiving[key] = original[key];
  }
  forgiving.forgiving = true;
  lunr.fr = forgiving;
})(typeof lunr !== "undefined" ? lunr : undefined);
