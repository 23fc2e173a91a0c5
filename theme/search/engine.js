/*
 * The guide's search engine: words, forms, synonyms and ranking, the same on every builder
 * (MkDocs, ProperDocs, Zensical), served or opened from the file system. The dialog
 * (search.js) loads it with the index the first time the reader opens the search, so pages
 * that are only read never pay for it. In the reader's browser:
 *
 * - words are cut on everything that is not a letter or a digit (« d'expérience », « (DPO) »,
 *   « réversibilité. »), the elided articles and common small words left out;
 * - accents and case are folded and plurals brought back to the singular (« hebergement »
 *   finds « hébergement », « conventions » finds « convention »);
 * - a glossary term, its acronym, expansion, synonyms and plurals are one word (« DPO » finds
 *   « délégué à la protection des données » and « DPD »);
 * - the last word is also a prefix (as you type), and a word found nowhere is matched with
 *   one typo (« mutualistion »);
 * - a page or section whose title holds the words comes first, then the text (BM25).
 */
(function () {
  "use strict";

  var STOP = {};
  ("au aux avec ce ces cet cette dans de des du elle elles en est et eux il ils je la le les " +
   "leur leurs lui mais me mes moi mon ne nos notre nous ou où par pas pour qu que qui sa se " +
   "ses son sont sur ta te tes toi ton tu un une vos votre vous").split(" ").forEach(function (w) {
    STOP[w] = true;
  });
  var WORD = /[\p{L}\p{N}]+/gu;
  var BOOST = { page: 10, section: 5, text: 1, meta: 0.4 };
  var forms = new Map();

  /* Text ------------------------------------------------------------------------------- */

  function fold(word) {
    return word.toLowerCase().replace(/œ/g, "oe").replace(/æ/g, "ae")
      .normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  function singular(word) {
    if (word.length <= 3) return word;
    if (/eaux$/.test(word)) return word.slice(0, -1);
    if (/aux$/.test(word)) return word.slice(0, -3) + "al";
    if (/(au|eu|ou)x$/.test(word)) return word.slice(0, -1);
    if (/[^s]s$/.test(word)) return word.slice(0, -1);
    return word;
  }

  /* The form a word is indexed and searched under; "" for a word left out. */
  function form(word) {
    var known = forms.get(word);
    if (known !== undefined) return known;
    var folded = fold(word);
    var result = STOP[folded] || (folded.length === 1 && !/\d/.test(folded)) ? "" : singular(folded);
    forms.set(word, result);
    return result;
  }

  function terms(text) {
    var found = [];
    (text.match(WORD) || []).forEach(function (word) {
      var term = form(word);
      if (term) found.push(term);
    });
    return found;
  }

  /* Glossary: each group of synonyms becomes one term, « §n », wherever one of its forms is. */
  function Phrases(groups) {
    var byFirst = this.byFirst = new Map();
    this.sequences = groups.map(function (group, number) {
      var all = [];
      group.forEach(function (written) {
        var sequence = terms(written);
        if (!sequence.length) return;
        if (!byFirst.has(sequence[0])) byFirst.set(sequence[0], []);
        byFirst.get(sequence[0]).push({ sequence: sequence, term: "§" + number });
        all.push(sequence);
      });
      return all;
    });
  }

  /* [term, start, end] of each group found in a list of terms (end excluded). */
  Phrases.prototype.find = function (list) {
    var found = [];
    for (var i = 0; i < list.length; i++) {
      (this.byFirst.get(list[i]) || []).forEach(function (candidate) {
        var sequence = candidate.sequence;
        for (var j = 1; j < sequence.length; j++) if (list[i + j] !== sequence[j]) return;
        found.push([candidate.term, i, i + sequence.length]);
      });
    }
    return found;
  };

  /* Index ------------------------------------------------------------------------------ */

  function Index(data) {
    var self = this;
    this.pages = data.pages;
    this.sections = data.sections;
    this.phrases = new Phrases(data.synonyms || []);
    this.postings = new Map();
    var fields = this.sections.map(function (s) {
      var title = terms(s[2]);
      return [title, terms(s[3]), terms(s[4])];
    });
    var average = [0, 1, 2].map(function (f) {
      var total = 0;
      fields.forEach(function (list) { total += list[f].length; });
      return Math.max(1, total / Math.max(1, fields.length));
    });
    this.titleTerms = [];
    fields.forEach(function (list, doc) {
      var weights = new Map();
      var boosts = [self.sections[doc][1] ? BOOST.section : BOOST.page, BOOST.text, BOOST.meta];
      list.forEach(function (field, f) {
        var counts = new Map();
        field.concat(self.phrases.find(field).map(function (p) { return p[0]; }))
          .forEach(function (term) { counts.set(term, (counts.get(term) || 0) + 1); });
        if (f === 0) self.titleTerms[doc] = Array.from(new Set(field));
        counts.forEach(function (tf, term) {  /* BM25: k1 = 1.2, b = 0.75 */
          var saturated = tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * field.length / average[f]));
          var pair = weights.get(term) || [0, 0];
          pair[f === 0 ? 0 : 1] += boosts[f] * saturated;
          weights.set(term, pair);
        });
      });
      weights.forEach(function (pair, term) {
        if (!self.postings.has(term)) self.postings.set(term, []);
        self.postings.get(term).push([doc, pair[0], pair[1]]);
      });
    });
    this.vocabulary = Array.from(this.postings.keys()).filter(function (t) {
      return t.charAt(0) !== "§";
    }).sort();
  }

  Index.prototype.idf = function (term) {
    var df = (this.postings.get(term) || []).length;
    var n = this.sections.length;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  };

  Index.prototype.prefixed = function (prefix) {
    var list = this.vocabulary, low = 0, high = list.length, found = [];
    while (low < high) {
      var middle = (low + high) >> 1;
      if (list[middle] < prefix) low = middle + 1; else high = middle;
    }
    for (var i = low; i < list.length && list[i].lastIndexOf(prefix, 0) === 0; i++) {
      if (list[i] !== prefix) found.push(list[i]);
    }
    return found;
  };

  /* Words of the vocabulary one edit away (insertion, deletion, substitution, swap). */
  Index.prototype.near = function (word) {
    return this.vocabulary.filter(function (candidate) {
      return Math.abs(candidate.length - word.length) <= 1 && oneEdit(word, candidate);
    });
  };

  function oneEdit(a, b) {
    if (a === b) return false;
    var i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    if (a.length === b.length) {
      return a.slice(i + 1) === b.slice(i + 1) ||
        (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
    }
    return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }

  /*
   * A query is a list of clauses, all of which a result must meet; a clause is a list of
   * options [terms all required, weight]: the word itself, its group of synonyms, the
   * words it begins (last word), or a word one typo away.
   */
  Index.prototype.clauses = function (query) {
    var self = this;
    var list = terms(query);
    var open = /[\p{L}\p{N}]$/u.test(query);
    var groups = this.phrases.find(list);
    var covered = [];
    var clauses = groups.filter(function (g) { return g[2] - g[1] > 1; }).map(function (g) {
      for (var i = g[1]; i < g[2]; i++) covered[i] = true;
      return { options: [[[g[0]], 1], [list.slice(g[1], g[2]), 0.7]], words: list.slice(g[1], g[2]),
               group: g[0] };
    });
    list.forEach(function (term, i) {
      if (covered[i]) return;
      var options = [[[term], 1]];
      var words = [term];
      var group = null;
      groups.forEach(function (g) {
        if (g[1] === i && g[2] === i + 1) {
          options.push([[g[0]], 1]);
          group = g[0];
        }
      });
      var extra = [];
      if (open && i === list.length - 1 && term.length >= 3) {
        extra = self.prefixed(term).slice(0, 60).map(function (t) { return [[t], 0.6]; });
      }
      if (!self.postings.has(term) && !extra.length && term.length >= 5) {
        extra = self.near(term).map(function (t) { return [[t], 0.6]; });
      }
      extra.forEach(function (option) { words.push(option[0][0]); });
      clauses.push({ options: options.concat(extra), words: words, group: group });
    });
    return clauses;
  };

  /* The words of every form of a group of synonyms. */
  Index.prototype.groupWords = function (term) {
    var words = [];
    (this.phrases.sequences[Number(term.slice(1))] || []).forEach(function (sequence) {
      words = words.concat(sequence);
    });
    return words;
  };

  Index.prototype.search = function (query) {
    var self = this;
    var clauses = this.clauses(query);
    if (!clauses.length) return { results: [], words: new Set(), sequences: [], partial: false };
    var scores = new Map();
    clauses.forEach(function (clause) {
      var best = new Map();
      clause.options.forEach(function (option) {
        var sums = null;
        option[0].forEach(function (term) {
          var idf = self.idf(term);
          var found = new Map();
          (self.postings.get(term) || []).forEach(function (p) {
            var previous = sums ? sums.get(p[0]) : [0, 0];
            if (previous) found.set(p[0], [previous[0] + idf * p[1], previous[1] + idf * p[2]]);
          });
          sums = found;
        });
        sums.forEach(function (pair, doc) {
          var weighted = [pair[0] * option[1], pair[1] * option[1]];
          var old = best.get(doc);
          if (!old || weighted[0] + weighted[1] > old[0] + old[1]) best.set(doc, weighted);
        });
      });
      best.forEach(function (pair, doc) {
        var entry = scores.get(doc) || { doc: doc, score: 0, met: 0, inTitle: 0 };
        entry.score += pair[0] + pair[1];
        entry.met += 1;
        entry.inTitle += pair[0] > 0 ? 1 : 0;
        scores.set(doc, entry);
      });
    });
    var words = new Set(), related = new Set();
    clauses.forEach(function (clause) {
      clause.words.forEach(function (w) { words.add(w); related.add(w); });
      if (clause.group) self.groupWords(clause.group).forEach(function (w) { related.add(w); });
    });
    var entries = Array.from(scores.values());
    var most = Math.max.apply(null, entries.map(function (e) { return e.met; }).concat([0]));
    var results = entries.filter(function (e) { return e.met === most; });
    /* A title that holds every clause comes first; a page titled with nothing else is the
       page about it (a glossary entry, a section of a long page, only defines it). */
    results.forEach(function (e) {
      if (e.inTitle === clauses.length) {
        var exact = !self.sections[e.doc][1] &&
          self.titleTerms[e.doc].every(function (t) { return related.has(t); });
        e.score *= exact ? 2 : 1.5;
      }
    });
    /* A page whose sections speak of it is about it: its top gains a share of their scores. */
    var support = new Map();
    results.forEach(function (e) {
      var page = self.sections[e.doc][0];
      if (self.sections[e.doc][1]) support.set(page, (support.get(page) || 0) + e.score);
    });
    results.forEach(function (e) {
      if (!self.sections[e.doc][1]) e.score += 0.25 * (support.get(self.sections[e.doc][0]) || 0);
    });
    results.sort(function (a, b) { return b.score - a.score || a.doc - b.doc; });
    var groups = clauses.map(function (c) { return c.group; }).filter(Boolean);
    return { results: results, words: words, partial: most < clauses.length,
             sequences: [].concat.apply([], groups.map(function (g) {
               return self.phrases.sequences[Number(g.slice(1))] || [];
             })) };
  };

  /* Where the words are found: marks and excerpts ------------------------------------- */

  /* [start, end] of the words found in a text: query words, and whole forms of its terms. */
  function spans(text, found) {
    var words = [], match;
    WORD.lastIndex = 0;
    while ((match = WORD.exec(text))) {
      var term = form(match[0]);
      if (term) words.push([term, match.index, match.index + match[0].length]);
    }
    var result = words.filter(function (w) { return found.words.has(w[0]); })
      .map(function (w) { return [w[1], w[2]]; });
    found.sequences.forEach(function (sequence) {
      for (var i = 0; i + sequence.length <= words.length; i++) {
        var j = 0;
        while (j < sequence.length && words[i + j][0] === sequence[j]) j++;
        if (j === sequence.length) result.push([words[i][1], words[i + j - 1][2]]);
      }
    });
    result.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var merged = [];
    result.forEach(function (span) {
      var last = merged[merged.length - 1];
      if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
      else merged.push(span.slice());
    });
    return merged;
  }

  /* About 180 characters of a text around its first word found. */
  function excerpt(text, found) {
    if (!text) return "";
    var first = spans(text, found)[0];
    var at = first ? first[0] : -1;
    var start = at < 60 ? 0 : text.lastIndexOf(" ", at - 50) + 1;
    var end = Math.min(text.length, start + 180);
    if (end < text.length) end = Math.max(text.lastIndexOf(" ", end), at + 1);
    return (start > 0 ? "… " : "") + text.slice(start, end) + (end < text.length ? " …" : "");
  }

  window.guideSearch = { Index: Index, form: form, terms: terms, spans: spans, excerpt: excerpt };
})();
