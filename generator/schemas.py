"""Export the record models as JSON Schema files for editors (`python -m generator.schemas`).

Each YAML file starts with `# yaml-language-server: $schema=...` pointing here,
so VS Code and other editors validate as people type. A test keeps them current.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from . import records as r

SCHEMAS = {
    "sources": r.SourcesFile,
    "vocabularies": r.VocabulariesFile,
    "agreements": r.AgreementsFile,
    "integrated_entities": r.IntegratedEntitiesFile,
    "prefectures": r.PrefecturesFile,
    "national": r.NationalStatsFile,
    "facilities": r.FacilitiesFile,
    "links": r.LinksFile,
    "programme": r.Programme,
    "case_study": r.CaseStudy,
}
SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"


def render_schemas() -> dict[str, str]:
    return {
        f"{name}.schema.json": json.dumps(model.model_json_schema(), ensure_ascii=False, indent=2, sort_keys=True)
        + "\n"
        for name, model in SCHEMAS.items()
    }


def main() -> int:
    SCHEMA_DIR.mkdir(exist_ok=True)
    for name, text in render_schemas().items():
        (SCHEMA_DIR / name).write_text(text, "utf-8")
    print(f"{len(SCHEMAS)} schemas → {SCHEMA_DIR}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
