// 雇用対策協定の一覧 (issue #23): filters for table#agreement-list. Sorting is cases.js's
// (table.epd-sortable). Without JavaScript the form stays hidden and the table lists every
// agreement in code order. The choice is kept in the URL (?prefecture=13&kind=city&dated=1).
"use strict";

(() => {
  function setUp(form, table) {
    const rows = Array.from(table.tBodies[0].rows);
    const count = document.getElementById("agreement-count");
    const params = new URLSearchParams(location.search);
    for (const name of ["prefecture", "kind"]) {
      const value = params.get(name);
      // an unknown value (an old link, a typo) would hide everything: ignore it
      if (value && Array.from(form.elements[name].options).some((option) => option.value === value)) {
        form.elements[name].value = value;
      }
    }
    form.elements.dated.checked = params.get("dated") === "1";

    function apply() {
      const prefecture = form.elements.prefecture.value;
      const kind = form.elements.kind.value;
      const dated = form.elements.dated.checked;
      let shown = 0;
      for (const row of rows) {
        const match =
          (!prefecture || row.dataset.prefecture === prefecture) &&
          (!kind || row.dataset.kind === kind) &&
          (!dated || row.dataset.dated === "1");
        row.hidden = !match;
        shown += match;
      }
      count.textContent = count.dataset.template.replace("{count}", shown);
      const query = new URLSearchParams();
      if (prefecture) query.set("prefecture", prefecture);
      if (kind) query.set("kind", kind);
      if (dated) query.set("dated", "1");
      const search = query.toString();
      history.replaceState(history.state, "", location.pathname + (search ? `?${search}` : "") + location.hash);
    }

    form.addEventListener("change", apply);
    // the reset event fires before the form clears its fields
    form.addEventListener("reset", () => setTimeout(apply));
    form.addEventListener("submit", (event) => event.preventDefault());
    form.hidden = false;
    apply();
  }

  function start() {
    const form = document.getElementById("agreement-filters");
    const table = document.getElementById("agreement-list");
    if (form && table) setUp(form, table);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
