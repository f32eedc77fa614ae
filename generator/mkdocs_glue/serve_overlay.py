"""While `make serve` runs: show a data error over the served pages, as Hugo does.

The serve hooks report each regeneration from data/ (`report`), and every page
they render carries one script tag (`tag`). The script asks for the state of
the last regeneration and shows its error as a banner, or nothing once data/
is fixed. The state is a file beside the pages rather than text in them:
`mkdocs serve --dirty` re-renders only changed pages, and a data error changes
none. Only the serve hooks call this, so a built site/ never carries it.
"""

from __future__ import annotations

import json
from html import escape
from pathlib import Path
from urllib.parse import urlsplit

FOLDER = "_serve"
STATE = "data-error.json"
SCRIPT = "data-error.js"

# textContent only: the error quotes data/ verbatim, so nothing of it is parsed as HTML
_SCRIPT_TEXT = """// make serve only: the data error of the last regeneration, over the page (generator/serve_overlay.py).
(() => {
  const state = new URL("data-error.json", document.currentScript.src);
  fetch(state, { cache: "no-store" })
    .then((response) => response.json())
    .then(({ error }) => {
      if (!error) return;
      const banner = document.createElement("div");
      banner.id = "epd-data-error";
      banner.setAttribute("role", "alert");
      const title = document.createElement("strong");
      title.textContent = "data/ にエラーがあります。前回のページを表示しています（直して保存すると消えます）";
      const detail = document.createElement("pre");
      detail.textContent = error;
      banner.append(title, detail);
      Object.assign(banner.style, {
        position: "fixed", top: "0", left: "0", right: "0", zIndex: "10000", padding: "1rem 1.5rem",
        background: "#8b0000", color: "#fff", font: "0.9rem/1.5 sans-serif", boxShadow: "0 2px 8px rgba(0, 0, 0, 0.4)",
      });
      Object.assign(detail.style, { margin: "0.5rem 0 0", whiteSpace: "pre-wrap", fontFamily: "monospace" });
      document.body.append(banner);
    })
    .catch(() => {});
})();
"""

_error: str | None = None


def report(site_dir: str, error: Exception | None) -> None:
    """Remember the outcome of the last regeneration and publish it to the served pages."""
    global _error
    _error = str(error) if error else None
    _publish(Path(site_dir))


def tag(html: str, site_dir: str, site_url: str) -> str:
    """The page with the overlay's script tag at the end of <head>."""
    _publish(Path(site_dir))  # a full (not --dirty) build has emptied site_dir since `report`
    src = f"{urlsplit(site_url or '/').path.rstrip('/')}/{FOLDER}/{SCRIPT}"
    return html.replace("</head>", f'<script src="{escape(src)}" defer></script>\n</head>', 1)


def _publish(site_dir: Path) -> None:
    folder = site_dir / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in ((STATE, json.dumps({"error": _error}, ensure_ascii=False)), (SCRIPT, _SCRIPT_TEXT)):
        path = folder / name
        if not path.exists() or path.read_text("utf-8") != text:
            path.write_text(text, "utf-8")
