// 事例から学ぶ (issue #6): filters on the case index, and sorting of the comparison
// tables (table.epd-sortable: the case comparison, the prefecture comparison).
// Loaded on every page (mkdocs.yml extra_javascript), so each part starts only when
// its element is there. Without JavaScript the index lists every case and the table
// keeps its generated order.
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

  function setUpFilters(form) {
    const items = Array.from(document.querySelectorAll("li.epd-case"));
    const groups = Array.from(document.querySelectorAll(".epd-case-group"));
    const count = document.getElementById("case-count");

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
    for (const table of document.querySelectorAll("table.epd-sortable")) setUpSorting(table);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
