"""Prefecture outlines, read from generator/data/prefecture_outlines.json.

The file was made once from the `japanmap` package (Apache-2.0, see
generator/data/README.md), so the build needs neither japanmap nor the
opencv-python and pillow it pulls in. To make it again after installing
japanmap on purpose: `python -m generator.outputs.outlines`.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parents[1] / "data" / "prefecture_outlines.json"


@cache
def prefecture_outlines() -> dict[str, list[list[float]]]:
    """Each prefecture's outline as a closed GeoJSON ring of [lon, lat], by 2-digit code."""
    return json.loads(DATA_FILE.read_text("utf-8"))


def from_japanmap() -> dict[str, list[list[float]]]:
    """The outlines as japanmap draws them, rounded to 3 decimals (~100 m) to keep pages light.

    japanmap stores each border once (its arc format); pref_points joins them per
    prefecture. get_data() without arguments keeps Hokkaido and Okinawa in place
    (pref_points' own default moves them for a compact drawing).
    """
    import japanmap  # only here: it is not a build dependency

    outlines = {}
    for index, ring in enumerate(japanmap.pref_points(japanmap.get_data()), start=1):
        rounded = [[round(lon, 3), round(lat, 3)] for lon, lat in ring]
        outline = [p for i, p in enumerate(rounded) if i == 0 or p != rounded[i - 1]]
        if outline[-1] != outline[0]:  # some joined rings stop short; GeoJSON wants them closed
            outline.append(outline[0])
        outlines[f"{index:02d}"] = outline
    return outlines


def dump(outlines: dict[str, list[list[float]]]) -> str:
    """One prefecture a line: small diffs when the source changes."""
    lines = [f"{json.dumps(code)}:{json.dumps(ring, separators=(',', ':'))}" for code, ring in outlines.items()]
    return "{\n" + ",\n".join(lines) + "\n}\n"


if __name__ == "__main__":
    DATA_FILE.write_text(dump(from_japanmap()), "utf-8")
    print(f"wrote {DATA_FILE}")
