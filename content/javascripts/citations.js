// 「出典をコピー」 (issue #23): beside each source line (p.epd-source), a button that copies
// the citation written in that line (.epd-citation) with this page's address, for a memo.
// The line itself is the citation, visible without JavaScript; the control stays hidden then.
// The words come from the page (data-* attributes filled from the catalogue); the result is
// announced in the control's live region (role="status").
"use strict";

(() => {
  function pageAddress() {
    // the canonical address when the theme gives one (no query, no fragment), else this one
    const canonical = document.querySelector('link[rel="canonical"]');
    return canonical ? canonical.href : location.href.split("#")[0];
  }

  function announce(status, message) {
    // cleared first, so a second copy is announced again
    status.textContent = "";
    setTimeout(() => (status.textContent = message), 100);
  }

  async function copy(control) {
    const citation = control.closest(".epd-source").querySelector(".epd-citation");
    const status = control.querySelector('[role="status"]');
    // furigana (<rt>) is for reading on the page, not for the copied line
    const plain = citation.cloneNode(true);
    for (const reading of plain.querySelectorAll("rt, rp")) reading.remove();
    const text = control.dataset.template
      .replace("{citation}", plain.textContent.trim())
      .replace("{url}", pageAddress());
    try {
      await navigator.clipboard.writeText(text);
      announce(status, control.dataset.copied);
    } catch {
      // no clipboard (insecure origin, permission refused): select the line to copy by hand
      const range = document.createRange();
      range.selectNodeContents(citation);
      getSelection().removeAllRanges();
      getSelection().addRange(range);
      announce(status, control.dataset.failed);
    }
  }

  function start() {
    for (const control of document.querySelectorAll(".epd-source .epd-copy[hidden]")) {
      control.querySelector("button").addEventListener("click", () => copy(control));
      control.hidden = false;
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
