/*
 * Site search with Pagefind (its bundle is written into pagefind/ at build time).
 *
 * Two places use it: the header field on every page (results in a panel as the
 * person types) and the results page search/?q=… (shareable, with filters for
 * page kind and prefecture). Nothing is fetched before the field gets focus or
 * the results page opens. Text from the index is always set as text: titles
 * with textContent, excerpts rebuilt node by node keeping only <mark>.
 * Each edition has its own bundle (data-bundle), so its filters are its own.
 */
(function () {
  "use strict";

  var PANEL_RESULTS = 8;
  /* Pagefind's defaults favour short pages that repeat a term (47 prefecture pages
     all name every programme): half the weight on term frequency, a weak length bias
     and earlier saturation let the page about the thing win (tests/test_search.py: hit rate
     on 62 queries; with the defaults 46 of the first 50 were found). */
  var RANKING = { termFrequency: 0.5, pageLength: 0.3, termSaturation: 0.6 };
  var PAGE_RESULTS = 20;
  var widget = document.querySelector("[data-epd-search]");
  if (!widget) return;
  var siteRoot = new URL((widget.getAttribute("data-base") || ".") + "/", location.href);
  /* The page's words (generator/words/<edition>/search_script.yaml) and its edition's bundle. */
  var WORDS = JSON.parse(widget.getAttribute("data-words"));
  var BUNDLE = widget.getAttribute("data-bundle");
  function say(key, values) {
    return WORDS[key].replace(/\{(\w+)\}/g, function (all, name) { return name in values ? values[name] : all; });
  }
  var loading = null;

  function pagefind() {
    if (!loading) {
      loading = import(new URL(BUNDLE + "/pagefind.js", siteRoot).href).then(function (engine) {
        return engine.options({ baseUrl: siteRoot.pathname, ranking: RANKING }).then(function () {
          engine.init();
          return engine;
        });
      });
    }
    return loading;
  }

  /* Place readings are indexed between ⟦ ⟧ (templates' search_facets) to be found, never shown:
     cut them out, and their part at either end of an excerpt that starts or stops inside them. */
  function withoutReadings(html) {
    return html.replace(/⟦[^⟦⟧]*⟧/g, "").replace(/^[^⟦]*⟧/, "").replace(/⟦[^⟧]*$/, "");
  }

  function excerptNodes(html) {
    var parsed = new DOMParser().parseFromString("<body>" + withoutReadings(html), "text/html");
    return Array.prototype.map.call(parsed.body.childNodes, function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        return mark;
      }
      return document.createTextNode(node.textContent);
    });
  }

  function resultItem(data) {
    var item = document.createElement("li");
    item.className = "epd-search__result";
    var link = document.createElement("a");
    link.href = data.url;
    link.className = "epd-search__title";
    link.textContent = (data.meta && data.meta.title) || data.url;
    item.appendChild(link);
    var kind = data.filters && data.filters.kind && data.filters.kind[0];
    var prefecture = data.filters && data.filters.prefecture && data.filters.prefecture[0];
    if (kind) {
      var label = document.createElement("span");
      label.className = "epd-search__kind";
      label.textContent = /* not on the prefecture's own page ("北海道（ほっかいどう）" names 北海道 too) */
        prefecture && prefecture.indexOf((data.meta && data.meta.title) || "\0") !== 0
          ? say("kind_in_prefecture", { kind: kind, prefecture: prefecture })
          : kind;
      item.appendChild(label);
    }
    var excerpt = document.createElement("p");
    excerpt.className = "epd-search__excerpt";
    excerptNodes(data.excerpt || "").forEach(function (node) { excerpt.appendChild(node); });
    item.appendChild(excerpt);
    return item;
  }

  function statusText(query, count) {
    if (count === 0) return say("none", { query: query });
    return say("count", { query: query, count: count });
  }

  /* Each list shows its newest query only: a slower, older answer is dropped. */
  var tickets = new WeakMap();
  function cancel(list) {
    tickets.set(list, (tickets.get(list) || 0) + 1);
    return tickets.get(list);
  }

  /* A query in hiragana is asked in katakana too: place readings are indexed in katakana, which
     the indexer and the browser both keep as one word (they cut hiragana runs differently). */
  function katakana(query) {
    return /^[\u3041-\u3096\u30fc\s]+$/.test(query)
      ? query.replace(/[\u3041-\u3096]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) + 0x60); })
      : null;
  }

  /* Pagefind's results for the query and its katakana form, each page once at its best score. */
  function find(engine, query, filters) {
    var forms = [query, katakana(query)].filter(Boolean);
    return Promise.all(forms.map(function (form) { return engine.search(form, { filters: filters || {} }); }))
      .then(function (searches) {
        var best = new Map();
        searches.forEach(function (search) {
          search.results.forEach(function (r) {
            if (!best.has(r.id) || best.get(r.id).score < r.score) best.set(r.id, r);
          });
        });
        return Array.from(best.values()).sort(function (a, b) { return b.score - a.score; });
      });
  }

  /* Runs a search and fills `list`; resolves to the result count, or null when a newer query won. */
  function runSearch(query, filters, list, limit) {
    var ticket = cancel(list);
    var current = function () { return tickets.get(list) === ticket; };
    return pagefind()
      .then(function (engine) { return find(engine, query, filters); })
      .then(function (results) {
        if (!current()) return null;
        return Promise.all(results.slice(0, limit).map(function (r) { return r.data(); })).then(function (pages) {
          if (!current()) return null;
          list.replaceChildren.apply(list, pages.map(resultItem));
          return results.length;
        });
      });
  }

  /* --- header field and panel ------------------------------------------- */
  var input = widget.querySelector(".epd-search__input");
  var panel = widget.querySelector(".epd-search__panel");
  var panelList = panel.querySelector("[data-search-panel-results]");
  var panelStatus = panel.querySelector("[data-search-panel-status]");
  var moreLink = panel.querySelector("[data-search-more]");
  var searchPage = moreLink.getAttribute("href");

  function setPanel(open) {
    panel.hidden = !open;
    input.setAttribute("aria-expanded", open ? "true" : "false");
  }

  function panelLinks() {
    return Array.prototype.slice.call(panel.querySelectorAll("a"));
  }

  input.addEventListener("focus", function () { pagefind(); });
  input.addEventListener("input", function () {
    var query = input.value.trim();
    if (!query) {
      cancel(panelList);
      setPanel(false);
      return;
    }
    moreLink.href = searchPage + "?q=" + encodeURIComponent(query);
    panelStatus.textContent = say("searching", {});
    setPanel(true);
    runSearch(query, null, panelList, PANEL_RESULTS).then(function (count) {
      if (count !== null) panelStatus.textContent = statusText(query, count);
    });
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown" && !panel.hidden && panelLinks().length) {
      event.preventDefault();
      panelLinks()[0].focus();
    } else if (event.key === "Escape" && !panel.hidden) {
      event.preventDefault();
      setPanel(false);
    }
  });
  panel.addEventListener("keydown", function (event) {
    var links = panelLinks();
    var at = links.indexOf(document.activeElement);
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      var next = at + (event.key === "ArrowDown" ? 1 : -1);
      if (next < 0) input.focus();
      else links[Math.min(next, links.length - 1)].focus();
    } else if (event.key === "Escape") {
      event.preventDefault();
      setPanel(false);
      input.focus();
    }
  });
  widget.addEventListener("focusout", function (event) {
    if (!widget.contains(event.relatedTarget)) setPanel(false);
  });
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var typing = target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
    if (event.key !== "/" || typing || event.ctrlKey || event.metaKey || event.altKey) return;
    event.preventDefault();
    event.stopPropagation();
    if (input.offsetParent === null) location.href = searchPage; // narrow screens search on the results page
    else input.focus();
  }, true);

  /* --- results page search/?q=… ------------------------------------------ */
  var form = document.querySelector("[data-search-page]");
  if (!form) return;
  var pageInput = form.querySelector("input[type=search]");
  var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
  var pageList = document.querySelector("[data-search-results]");
  var pageStatus = document.querySelector("[data-search-status]");
  var params = new URLSearchParams(location.search);
  pageInput.value = params.get("q") || "";

  function currentFilters() {
    var filters = {};
    selects.forEach(function (select) { if (select.value) filters[select.name] = select.value; });
    return filters;
  }

  /* The page lists every value in the edition's words and order (prefectures 北海道→沖縄);
     keep those the edition's index holds. */
  function fillFilters(engine) {
    return engine.filters().then(function (available) {
      selects.forEach(function (select) {
        Array.prototype.slice.call(select.options).forEach(function (option) {
          if (option.value && !(available[select.name] || {})[option.value]) option.remove();
        });
        select.value = params.get(select.name) || "";
      });
      form.querySelector("[data-search-filters]").hidden = false;
    });
  }

  function searchFromPage() {
    var query = pageInput.value.trim();
    var filters = currentFilters();
    var state = new URLSearchParams();
    if (query) state.set("q", query);
    Object.keys(filters).forEach(function (name) { state.set(name, filters[name]); });
    history.replaceState(null, "", "?" + state.toString());
    if (!query) {
      cancel(pageList);
      pageList.replaceChildren();
      pageStatus.textContent = say("empty", {});
      return;
    }
    pageStatus.textContent = say("searching", {});
    runSearch(query, filters, pageList, PAGE_RESULTS).then(function (count) {
      if (count === null) return;
      var shown = Math.min(count, PAGE_RESULTS);
      pageStatus.textContent = statusText(query, count) + (count > shown ? say("top", { shown: shown }) : "");
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    searchFromPage();
  });
  pageInput.addEventListener("input", searchFromPage);
  selects.forEach(function (select) { select.addEventListener("change", searchFromPage); });
  pagefind().then(fillFilters).then(searchFromPage, function () {
    pageStatus.textContent = say("failed", {});
  });
})();
