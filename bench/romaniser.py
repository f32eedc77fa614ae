"""Our kana→romaji (generator.gazetteer.romanise) against pykakasi and jaconv.

Not part of `make bench`: the libraries are not project dependencies. Run in a
throwaway venv:  python -m venv /tmp/rv && /tmp/rv/bin/pip install pykakasi jaconv
japancode==0.1.0 && /tmp/rv/bin/python bench/romaniser.py
Every library's output goes through normalise_romaji (the site's spelling drops
long vowels: おおさか → osaka), so only real differences are counted.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from importlib import resources
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.gazetteer import normalise_romaji, romanise  # noqa: E402


def readings() -> list[str]:
    """Every kana the site romanises: the 1,916 municipalities and the 47 prefectures."""
    data = resources.files("japancode") / "data"
    municipalities = json.loads((data / "municipalities.json").read_text("utf-8"))
    prefectures = json.loads((data / "prefectures.json").read_text("utf-8"))
    return [row["citykana"] for row in municipalities] + [row["prefkana"] for row in prefectures]


def converters() -> dict[str, Callable[[str], str]]:
    start = time.perf_counter()
    import jaconv

    print(f"jaconv: import {(time.perf_counter() - start) * 1000:.0f} ms")
    start = time.perf_counter()
    import pykakasi

    kakasi = pykakasi.kakasi()
    kakasi.convert("あ")  # loads its dictionaries
    print(f"pykakasi: import and first call {(time.perf_counter() - start) * 1000:.0f} ms")
    return {
        "ours": romanise,
        "pykakasi": lambda kana: normalise_romaji(
            "".join(part["hepburn"] for part in kakasi.convert(kana.replace(" ", "")))
        ),
        "jaconv": lambda kana: normalise_romaji(jaconv.kana2alphabet(jaconv.kata2hira(kana.replace(" ", "")))),
    }


def timed(convert, texts: list[str], rounds: int = 5) -> float:
    """Best of `rounds`, in ms for the whole list."""
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for text in texts:
            convert(text)
        best = min(best, time.perf_counter() - start)
    return best * 1000


def main() -> None:
    texts = readings()
    ours = {text: romanise(text) for text in texts}
    print(f"{len(texts)} readings ({len(texts) - 47} municipalities + 47 prefectures)")
    for name, convert in converters().items():
        differ = [(text, ours[text], convert(text)) for text in texts if convert(text) != ours[text]]
        print(f"\n{name}: {timed(convert, texts):.1f} ms for all, {len(differ)} differ from ours")
        for text, mine, theirs in differ[:40]:
            print(f"  {text}: ours {mine} / {name} {theirs}")
        if len(differ) > 40:
            print(f"  … and {len(differ) - 40} more")


if __name__ == "__main__":
    main()
