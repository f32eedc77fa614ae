// 事例から学ぶ (issue #6, #23): filters on the case index (and its map), the choice of
// cases and measures on the comparison, and sorting of the comparison tables
// (table.epd-sortable: the case comparison, the prefecture comparison).
// Loaded on every page (mkdocs.yml extra_javascript), so each part starts only when
// its element is there. Without JavaScript the index and its map show every case, the
// comparison every figure, and the tables keep their generated order.
"use strict";

(() => {
  // filter name (select name and URL parameter) → data-* attribute of li.epd-case
  const FILTERS = {
    region: "region",
    prefecture: "prefecture",
    programme: "programmes",
    challenge: "challenges",
    target: "targets",
  };

  // The case map (an iframe) reloads with ?only=<the shown cases> when filters leave out some.
  function showOnMap(shown, total) {
    const frame = document.querySelector("iframe[data-case-map]");
    if (!frame) return;
    frame.dataset.base = frame.dataset.base || frame.getAttribute("src");
    const only = shown.size === total ? "" : `?only=${Array.from(shown).sort().join(",")}`;
    if (frame.getAttribute("src") !== frame.dataset.base + only) frame.setAttribute("src", frame.dataset.base + only);
  }

  function setUpFilters(form) {
    const items = Array.from(document.querySelectorAll("li.epd-case"));
    const groups = Array.from(document.querySelectorAll(".epd-case-group"));
    const count = document.getElementById("case-count");
    const total = new Set(items.map((item) => item.dataset.case)).size;

    const params = new URLSearchParams(location.search);
    for (const name of Object.keys(FILTERS)) {
      const select = form.elements[name];
      const value = params.get(name);
      // an unknown value (an old link, a typo) would hide everything: ignore it
      if (value && Array.from(select.options).some((option) => option.value === value)) select.value = value;
    }

    function apply() {
      const chosen = Object.entries(FILTERS)
        .map(([name, attribute]) => [name, attribute, form.elements[name].value])
        .filter(([, , value]) => value);
      const shown = new Set();
      for (const item of items) {
        const match = chosen.every(([, attribute, value]) => (item.dataset[attribute] || "").split(" ").includes(value));
        item.hidden = !match;
        if (match) shown.add(item.dataset.case);
      }
      for (const group of groups) {
        group.hidden = !group.querySelector("li.epd-case:not([hidden])");
        const heading = group.previousElementSibling; // the programme's <h2>
        if (heading && /^H[1-6]$/.test(heading.tagName)) heading.hidden = group.hidden;
      }
      // a case in several programmes is listed once per programme: count it once
      count.textContent = count.dataset.template.replace("{count}", shown.size);
      showOnMap(shown, total);

      const query = new URLSearchParams(chosen.map(([name, , value]) => [name, value])).toString();
      history.replaceState(history.state, "", location.pathname + (query ? `?${query}` : "") + location.hash);
    }

    form.addEventListener("change", apply);
    // the reset event fires before the form clears its fields
    form.addEventListener("reset", () => setTimeout(apply));
    form.addEventListener("submit", (event) => event.preventDefault());
    form.hidden = false;
    apply();
  }

  // The comparison: which cases and measures to show, kept in the URL (?cases=a,b&measures=c;
  // a list is written only when some of its boxes are unchecked, so an empty one means none).
  const CHOICES = ["cases", "measures"];

  function setUpChoice(form) {
    const rows = Array.from(document.querySelectorAll("#case-compare tbody tr"));
    const count = document.getElementById("compare-count");
    const boxes = (name) => Array.from(form.querySelectorAll(`input[name="${name}"]`));

    const params = new URLSearchParams(location.search);
    for (const name of CHOICES) {
      if (!params.has(name)) continue;
      const chosen = params.get(name).split(",");
      for (const box of boxes(name)) box.checked = chosen.includes(box.value);
    }

    function apply() {
      const chosen = Object.fromEntries(
        CHOICES.map((name) => [name, boxes(name).filter((box) => box.checked).map((box) => box.value)]),
      );
      let shown = 0;
      for (const row of rows) {
        row.hidden = !(chosen.cases.includes(row.dataset.case) && chosen.measures.includes(row.dataset.measure));
        shown += !row.hidden;
      }
      count.textContent = count.dataset.template.replace("{count}", shown);
      const query = CHOICES.filter((name) => chosen[name].length < boxes(name).length)
        .map((name) => `${name}=${chosen[name].map(encodeURIComponent).join(",")}`)
        .join("&");
      history.replaceState(history.state, "", location.pathname + (query ? `?${query}` : "") + location.hash);
      // the printed footer names this very view
      for (const url of document.querySelectorAll("[data-page-url]")) url.textContent = location.href;
    }

    form.addEventListener("change", apply);
    form.addEventListener("click", (event) => {
      const button = event.target.closest("button[data-choose]");
      if (!button) return;
      for (const box of form.querySelectorAll("input[type=checkbox]")) box.checked = button.dataset.choose === "all";
      apply();
    });
    form.addEventListener("submit", (event) => event.preventDefault());
    form.hidden = false;
    apply();
  }

  const collator = new Intl.Collator("ja", { numeric: true });

  function setUpSorting(table) {
    const body = table.tBodies[0];
    for (const button of table.querySelectorAll("thead button[data-sort]")) {
      button.addEventListener("click", () => {
        const header = button.closest("th");
        const column = Array.from(header.parentElement.children).indexOf(header);
        const ascending = header.getAttribute("aria-sort") !== "ascending";
        const numeric = button.dataset.sort === "number";
        const key = (row) => {
          const value = row.cells[column].dataset.value ?? "";
          return value === "" ? null : numeric ? Number(value) : value;
        };
        const rows = Array.from(body.rows).sort((a, b) => {
          const [x, y] = [key(a), key(b)];
          // empty cells stay last in both directions
          if (x === null || y === null) return (x === null) - (y === null);
          const order = numeric ? x - y : collator.compare(x, y);
          return ascending ? order : -order;
        });
        body.append(...rows);
        for (const other of table.querySelectorAll("thead th[aria-sort]")) other.setAttribute("aria-sort", "none");
        header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      });
    }
  }

  function start() {
    const form = document.getElementById("case-filters");
    if (form) setUpFilters(form);
    const choice = document.getElementById("compare-filters");
    if (choice) setUpChoice(choice);
    for (const table of document.querySelectorAll("table.epd-sortable")) setUpSorting(table);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
