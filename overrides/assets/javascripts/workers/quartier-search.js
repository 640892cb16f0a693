/*
 * Quartier: German word forms in Material's search.
 *
 * Material's search worker appends "*" to every word typed (search as you type), and
 * lunr skips the stemmer for such wildcard terms. With the stemmer in the index
 * pipeline (mkdocs.yml: plugins.search.pipeline) the index holds stems ("Werkstätten"
 * and "Werkstatt" are both "werkstatt"), so a typed word must become its stem too:
 * this wrapper stems each plain word of a query with lunr's German stemmer before
 * Material's worker sees it. Words with search syntax (+, -, ~, ^, :, *, quotes) are
 * passed on unchanged.
 *
 * overrides/main.html points Material at this file with ?material=<its worker file>;
 * the worker is loaded from the same folder, so its "../lunr" language files resolve.
 */
(function () {
  "use strict";
  var material = new URL(self.location.href).searchParams.get("material") || "";
  if (!/^search\.[0-9a-f]+\.min\.js$/.test(material)) {
    throw new Error("quartier-search.js: unexpected worker name " + JSON.stringify(material));
  }

  function stem(word) {
    var token = new lunr.Token(word.toLowerCase(), {});
    var trimmed = lunr.de.trimmer(token);
    if (!trimmed || !trimmed.toString()) return word;
    var stemmed = lunr.de.stemmer(trimmed);
    return stemmed && stemmed.toString() ? stemmed.toString() : word;
  }

  function stemQuery(query) {
    var separator = lunr.tokenizer.separator;
    return query.split(/(\s+)/).map(function (term) {
      if (!term || /^\s+$/.test(term)) return term;
      if (/^[+-]/.test(term) || /["~^:*]/.test(term)) return term;
      return term.split(separator).filter(Boolean).map(stem).join(" ");
    }).join("");
  }

  self.addEventListener("message", function (event) {
    var message = event.data;
    // Material's protocol: type 2 is a query; it arrives only after the index is ready.
    if (!message || message.type !== 2 || typeof message.data !== "string") return;
    if (typeof lunr === "undefined" || !lunr.de || !lunr.de.stemmer) return;
    message.data = stemQuery(message.data);
  });

  self.quartierStemQuery = stemQuery;
  importScripts(material);
})();
