"""Benchmark: `make bench` prints the figures and writes them to bench/README.md.

1. The real site: time of each stage, pages, sizes, peak memory.
2. The MkDocs floor, measured in the same run: a plain Markdown site with the same
   number of pages and the same mkdocs.yml features; ratio full build / floor.
3. A synthetic 10× dataset (every municipality of the code table as an agreement,
   5,000 service points, 100 cases): time, size and ratio to 1×.
4. In headless Chromium, at 1× and 10×: the home page's weight, the bytes a first
   and a second query fetch (Pagefind), the time from typing to the first result.
5. Live preview: time from saving a YAML file to the served page showing the change.
This is a benchmark, not a test: it measures and prints; it asserts nothing.
"""

from __future__ import annotations

import datetime as dt
import http.server
import json
import os
import platform
import random
import re
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from functools import partial
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.build import Paths  # noqa: E402
from generator.gazetteer import places  # noqa: E402
from tests.conftest import CHROMIUM, CHROMIUM_ARGS, QuietHandler  # noqa: E402

RESULTS: list[tuple[str, str]] = []


def record(label: str, value: str) -> None:
    RESULTS.append((label, value))
    print(f"{label:<52} {value}", flush=True)


def size_of(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def mib(n: int) -> str:
    return f"{n / 1_048_576:.1f} MB"


def kib(n: int) -> str:
    return f"{n / 1024:.1f} KB"


def timed_build(paths: Paths) -> tuple[float, dict[str, float]]:
    """`python -m generator build` in a fresh process, like the floor's `mkdocs build`;
    the stage times are read from the progress lines it prints."""
    command = [sys.executable, "-m", "generator", "build", "--data", str(paths.data), "--build-dir", str(paths.build), "--site", str(paths.site)]
    started = time.perf_counter()
    output = subprocess.run(command, cwd=ROOT, check=True, capture_output=True, text=True).stdout
    total = time.perf_counter() - started
    stages = {match[0]: float(match[1]) for match in re.findall(r"^  (\w+)\s+([0-9.]+) s", output, re.M)}
    return total, stages


# --- the MkDocs floor -------------------------------------------------------


def nav_leaves(nav) -> int:
    if isinstance(nav, str):
        return 1
    if isinstance(nav, dict):
        return sum(nav_leaves(value) for value in nav.values())
    return sum(nav_leaves(item) for item in nav)


def floor_build(tmp: Path, pages: int, in_nav: int) -> float:
    """Same features and theme, plain pages, no generator and no hooks; as many
    pages in the nav as our site has (the rest `not_in_nav`, like our municipalities)."""
    docs = tmp / "floor" / "docs"
    (docs / "more").mkdir(parents=True)
    body = "本文の段落です。国と地方公共団体の連携について説明します。\n\n" * 8
    for index in range(pages):
        folder = docs if index < in_nav else docs / "more"
        (folder / f"page{index:05d}.md").write_text(f"# ページ {index}\n\n{body}\n## 見出し\n\n{body}", "utf-8")
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text("utf-8").replace("!ENV", "").replace("[SITE_URL, ", "[").replace("[REPO_URL, ", "["))
    config.update(docs_dir=str(docs), site_dir=str(tmp / "floor" / "site"), site_url="http://127.0.0.1/", repo_url="")
    for key in ("hooks", "watch", "extra_css", "extra_javascript"):
        config.pop(key, None)
    config["not_in_nav"] = "/more/"
    config["nav"] = [f"page{index:05d}.md" for index in range(in_nav)]
    config["theme"].pop("custom_dir", None)
    (tmp / "floor" / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(tmp / "floor" / "mkdocs.yml")], check=True, cwd=tmp)
    return time.perf_counter() - started


# --- the synthetic 10× dataset --------------------------------------------


def synthetic_data(target: Path, service_points: int = 5000, cases: int = 100) -> None:
    shutil.copytree(ROOT / "data", target)
    rng = random.Random(20241126)
    municipalities = [p for p in places().values() if p.kind != "prefecture"]
    agreements = yaml.safe_load((target / "agreements.yaml").read_text("utf-8"))
    known = {r["code"] for r in agreements["records"]}
    agreements["records"] += [{"code": p.code, "name": p.name} for p in municipalities if p.code not in known]
    (target / "agreements.yaml").write_text(yaml.safe_dump(agreements, allow_unicode=True), "utf-8")
    facilities = yaml.safe_load((target / "facilities.yaml").read_text("utf-8"))
    for index in range(service_points):
        place = rng.choice(municipalities)
        facilities["records"].append(
            {
                "id": f"bench-{index:05d}",
                "name": f"{place.name}合成窓口{index}",
                "kind": rng.choice(["ふるさとハローワーク", "一体的実施施設", "地方版ハローワーク"]),
                "code": place.code,
                "programme": "furusato",
                "services": ["職業相談・職業紹介"],
                "location_precision": "municipality",
                "source": "furusato-overview",
                "as_of": "2024-04-01",
            }
        )
    (target / "facilities.yaml").write_text(yaml.safe_dump(facilities, allow_unicode=True), "utf-8")
    originals = sorted((target / "case_studies").glob("*.yaml"))
    for index in range(cases - len(originals)):
        case = yaml.safe_load(originals[index % len(originals)].read_text("utf-8"))
        case["id"] = f"{case['id']}-bench-{index:03d}"
        case["title"] = f"{case['title']}（合成{index}）"
        (target / "case_studies" / f"{case['id']}.yaml").write_text(yaml.safe_dump(case, allow_unicode=True), "utf-8")


# --- browser and live preview ---------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def search_weights(site: Path) -> dict[str, float]:
    """Same-origin bytes (uncompressed, map tiles excluded) of the home page, of
    everything a first query fetches from focusing the field to its results, and
    of a second query; and the seconds from typing the first query to its results."""
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_address[1]}/"
    fetched: list[int] = []
    status = "document.querySelector('[data-search-panel-status]').textContent"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.on("requestfinished", lambda request: request.url.startswith(origin) and fetched.append(len(request.response().body())))
            page.goto(origin)
            page.wait_for_load_state("networkidle")
            figures = {"home": sum(fetched)}
            fetched.clear()
            page.focus("#epd-search-input")
            started = time.perf_counter()
            page.keyboard.type("気仙沼")
            page.wait_for_function(f"() => /「気仙沼」の検索結果/.test({status})", timeout=30000)
            figures["first_seconds"] = time.perf_counter() - started
            page.wait_for_load_state("networkidle")
            figures["first"] = sum(fetched)
            fetched.clear()
            page.fill("#epd-search-input", "")
            page.keyboard.type("半導体")
            page.wait_for_function(f"() => /「半導体」の検索結果/.test({status})", timeout=30000)
            page.wait_for_load_state("networkidle")
            figures["second"] = sum(fetched)
            browser.close()
            return figures
    finally:
        server.shutdown()


def record_search(prefix: str, site: Path) -> None:
    figures = search_weights(site)
    record(f"{prefix}home page (same-origin, uncompressed)", kib(figures["home"]))
    record(f"{prefix}first query: bytes from focus to results", kib(figures["first"]))
    record(f"{prefix}second query: bytes", kib(figures["second"]))
    record(f"{prefix}typing to first result (Chromium)", f"{figures['first_seconds']:.2f} s")
    record(f"{prefix}search bundle (pagefind/)", mib(size_of(site / "pagefind")))


def live_edit_seconds() -> float:
    """Save a YAML edit while `mkdocs serve` runs; time until the page shows it."""
    port = free_port()
    case = ROOT / "data" / "case_studies" / "ayase.yaml"
    original = case.read_text("utf-8")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--no-strict", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    url = f"http://127.0.0.1:{port}/cases/ayase/"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(url, timeout=2).read()
                break
            except OSError:
                time.sleep(0.5)
        time.sleep(1)
        marker = f"ベンチ編集{int(time.time())}"
        case.write_text(original.replace("\ntitle: ", f"\ntitle: {marker}", 1), "utf-8")
        started = time.perf_counter()
        while time.perf_counter() - started < 60:
            if marker in urllib.request.urlopen(url, timeout=5).read().decode("utf-8"):
                return time.perf_counter() - started
            time.sleep(0.1)
        return float("nan")
    finally:
        case.write_text(original, "utf-8")
        server.terminate()
        server.wait()


# --- main -------------------------------------------------------------------


def main() -> int:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    tmp = Path(tempfile.mkdtemp(prefix="epd-bench-"))
    try:
        print("== 1× (real data)")
        paths = Paths(build=tmp / "real" / "build", site=tmp / "real" / "site")
        total, stages = timed_build(paths)
        generator_time = sum(v for k, v in stages.items() if k not in ("mkdocs", "search"))
        for stage, seconds in stages.items():
            record(f"stage {stage}", f"{seconds:.2f} s")
        record("full build (1×, `python -m generator build`)", f"{total:.2f} s")
        record("generator stages share of total", f"{generator_time / total:.0%}")
        record("peak memory of the build process", mib(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024))
        pages = len(list(paths.site.rglob("index.html")))
        record("pages (index.html)", str(pages))
        record("site size", mib(size_of(paths.site)))
        record("national map page maps/agreements.html", kib((paths.site / "maps" / "agreements.html").stat().st_size))
        record("programme page embedding it", kib((paths.site / "programmes" / "agreement" / "index.html").stat().st_size))
        shards = {kind: max((p.stat().st_size for p in (paths.site / "finder" / kind).glob("*.json")), default=0) for kind in ("postal", "names", "profiles", "points")}
        record("largest finder shard", ", ".join(f"{k} {kib(v)}" for k, v in shards.items()))

        in_nav = nav_leaves(json.loads((paths.build / "nav.json").read_text("utf-8")))
        floor = floor_build(tmp, pages, in_nav)
        record(f"MkDocs floor ({pages} plain pages, {in_nav} in the nav, same features)", f"{floor:.2f} s")
        record("ratio full build / floor", f"{total / floor:.2f}")

        print("== 10× (synthetic)")
        synthetic_data(tmp / "data10")
        paths10 = Paths(data=tmp / "data10", build=tmp / "big" / "build", site=tmp / "big" / "site")
        total10, stages10 = timed_build(paths10)
        for stage, seconds in stages10.items():
            record(f"10× stage {stage}", f"{seconds:.2f} s")
        pages10 = len(list(paths10.site.rglob("index.html")))
        record("10× full build", f"{total10:.2f} s ({pages10} pages)")
        record("10× site size", mib(size_of(paths10.site)))
        record("10× peak memory of the build process", mib(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024))
        record("10× national map page", kib((paths10.site / "maps" / "agreements.html").stat().st_size))
        record("ratio 10× / 1× build time", f"{total10 / total:.2f}")

        print("== browser and live preview")
        record_search("", paths.site)
        record_search("10× ", paths10.site)
        shutil.rmtree(tmp / "big")
        record("YAML edit visible in `make serve`", f"{live_edit_seconds():.2f} s")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    write_readme()
    return 0


def write_readme() -> None:
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.platform()}"
    rows = "\n".join(f"| {label} | {value} |" for label, value in RESULTS)
    (ROOT / "bench" / "README.md").write_text(
        f"""# Benchmark

`make bench` runs `bench/run.py` and rewrites this file. Last run: {dt.date.today().isoformat()} on {machine}.

| measure | value |
|---|---|
{rows}

Targets (issue #8): full build ≤ 1.3× the MkDocs floor, generator stages ≤ 20 % of the total;
10× data ≤ 40 s, ≤ 150 MB, ≤ 12× the 1× time; national map page ≤ 200 KB; finder shard ≤ 30 KB;
a YAML edit visible in ≤ 3 s. Search (issue #11): home page ≤ 350 KB, a first query ≤ 250 KB
including the wasm, each further query ≤ 80 KB, the same at 10× data.
""",
        "utf-8",
    )


if __name__ == "__main__":
    sys.exit(main())
