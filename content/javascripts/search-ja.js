/*
 * Japanese queries for Material's search, fixed before they reach its worker.
 *
 * The worker (Material 9.8) splits a query only at spaces and, for runs of kanji,
 * by greedy matching against the index — a match that never reaches the run's
 * last character (高萩 → 高). Runs of kana are not split at all, while the index
 * holds them split by TinySegmenter (ふるさと → ふる|さと), so they never match.
 * We append a throw-away kanji to each kanji run (so the whole run is matched)
 * and split kana runs with the same TinySegmenter the index used (Material's own
 * copy, loaded after this file). The query message is rewritten in
 * Worker.prototype.postMessage: Material offers no query hook in this version.
 */
(function () {
  "use strict";
  window.lunr = window.lunr || {}; // tinyseg.js attaches TinySegmenter here

  var KANJI_RUN = /\p{sc=Han}+/gu;
  var KANA_RUN = /[\u3041-\u309f\u30a0-\u30ff]+/g;
  var segmenter = null;

  function splitKana(run) {
    if (!segmenter && window.lunr.TinySegmenter) segmenter = new window.lunr.TinySegmenter();
    return segmenter ? " " + segmenter.segment(run).join(" ") + " " : run;
  }

  function japaneseQuery(query) {
    return query
      .replace(KANA_RUN, splitKana)
      .replace(KANJI_RUN, function (run) { return run + "々"; })
      .replace(/\s+/g, " ")
      .trim();
  }

  var post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message) {
    if (message && message.type === 2 && typeof message.data === "string") {
      arguments[0] = { type: 2, data: japaneseQuery(message.data) };
    }
    return post.apply(this, arguments);
  };
})();
