"""Write build/mkdocs-zensical.yml: mkdocs.yml as Zensical can read it (trial only).

Zensical runs no hooks, so the navigation that generator/mkdocs_glue/hooks.py takes
from build/nav.json is written into the config, the hooks entry is dropped, the
built-in search is off (the site uses Pagefind) and the theme keeps Material's
classic look. See README 「MkDocs 1.x / Material の後継への移行」 for the steps.
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def zensical_config(mkdocs_yml: str, nav: list) -> str:
    text = mkdocs_yml.replace("hooks:\n  - generator/mkdocs_glue/hooks.py\n", "")
    text = text.replace("plugins: []\n", "plugins:\n  - search:\n      enabled: false\n")
    text = text.replace("  name: material\n", "  name: material\n  variant: classic\n")
    # the config sits in build/: paths are relative to it
    text = text.replace("docs_dir: build/docs\n", "docs_dir: docs\nsite_dir: site-zensical\n")
    text = text.replace("custom_dir: site_overrides\n", "custom_dir: ../site_overrides\n")
    items = yaml.safe_dump(nav, allow_unicode=True, sort_keys=False).splitlines()
    return text + "\nnav:\n" + "".join(f"  {line}\n" for line in items)


if __name__ == "__main__":
    nav = json.loads((ROOT / "build" / "nav.json").read_text("utf-8"))
    out = ROOT / "build" / "mkdocs-zensical.yml"
    out.write_text(zensical_config((ROOT / "mkdocs.yml").read_text("utf-8"), nav), "utf-8")
    print(f"wrote {out}")
