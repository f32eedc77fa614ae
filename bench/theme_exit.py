"""The theme exit, tried: build the site with MaterialX and with Zensical, and compare.

    .venv/bin/python bench/theme_exit.py [WORK_DIR]     (default /tmp/epd-theme-exit)

Not part of the build. Each candidate is installed, pinned, in its own throwaway
virtualenv under WORK_DIR (kept between runs); one that does not install is reported
so. The reference is our build at a GitHub Pages subpath; each candidate builds the
same generated build/docs and build/mkdocs.yml (with the few changes it needs, listed
in CANDIDATES), then gets the same post-build step (CSP, sitemap) and Pagefind index.
Reported per candidate: install, build time, broken links (tests/linkcheck.py),
pages that differ from the reference (bytes, and the text a reader sees), files
only one side has, and a screenshot of the home page (WORK_DIR/<name>.png).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator import postbuild, search  # noqa: E402
from generator.mkdocs_glue.config import CONFIG_FILE  # noqa: E402
from tests.conftest import CHROMIUM, CHROMIUM_ARGS, free_port, serve  # noqa: E402
from tests.linkcheck import broken_links  # noqa: E402

SUBPATH = "/epd/"


@dataclass
class Candidate:
    name: str
    package: str  # pinned: what `pip install` gets
    command: list[str]  # run in the build dir; {venv} and {site} are filled in
    config: dict  # merged into the generated config (None deletes a key)


CANDIDATES = [
    Candidate(
        "materialx",
        "mkdocs-materialx==10.2.2",
        ["{venv}/bin/properdocs", "build", "-f", "{config}", "--site-dir", "{site}"],
        # its default white header hides the language switch; the indigo one is Material's look
        {"theme": {"name": "materialx", "topbar_style": "primary"}},
    ),
    Candidate(
        "zensical",
        "zensical==0.1.3",  # 0.1.x needs zensical-ui, missing from the registry here: 0.0.73 is tried next
        ["{venv}/bin/zensical", "build", "--clean", "-f", "{config}"],
        # its own search would write search.json (the site uses Pagefind); classic = Material's look
        {"theme": {"variant": "classic"}, "plugins": [{"search": {"enabled": False}}]},
    ),
    Candidate(
        "zensical-0.0.73",
        "zensical==0.0.73",
        ["{venv}/bin/zensical", "build", "--clean", "-f", "{config}"],
        {"theme": {"variant": "classic"}, "plugins": [{"search": {"enabled": False}}]},
    ),
]


def run(command: list[str], **options) -> subprocess.CompletedProcess:
    return subprocess.run(command, capture_output=True, text=True, check=False, **options)


def last_line(result: subprocess.CompletedProcess) -> str:
    lines = [line for line in (result.stderr + result.stdout).splitlines() if line.strip()]
    errors = [line for line in lines if "error" in line.lower()]
    return (errors or lines or ["?"])[-1].strip()[:200]


def install(work: Path, candidate: Candidate) -> tuple[Path, str]:
    venv = work / f"venv-{candidate.name}"
    marker = venv / f".installed-{candidate.package}"
    if marker.exists():
        return venv, ""
    shutil.rmtree(venv, ignore_errors=True)
    run([sys.executable, "-m", "venv", str(venv)])
    result = run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", candidate.package])
    if result.returncode != 0:
        return venv, last_line(result)
    marker.touch()
    return venv, ""


def merged(base: dict, change: dict) -> dict:
    out = dict(base)
    for key, value in change.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merged(out[key], value)
        else:
            out[key] = value
    return out


def reference_build(work: Path, env: dict) -> Path:
    site = work / "reference"
    result = run(
        [sys.executable, "-m", "generator", "build", "--build-dir", str(work / "build"), "--site", str(site)],
        cwd=ROOT,
        env=env,
    )
    if result.returncode != 0:
        sys.exit(f"the reference build failed: {last_line(result)}")
    return site


def candidate_build(work: Path, candidate: Candidate, venv: Path) -> tuple[Path | None, float, str, int]:
    build = work / "build"
    config = yaml.safe_load((build / CONFIG_FILE).read_text("utf-8"))
    config = merged(config, candidate.config)
    config.pop("hooks", None)  # the build never depends on them
    site = build / f"site-{candidate.name}"  # Zensical: site_dir must be inside the config's folder
    config["site_dir"] = site.name
    config_file = build / f"{candidate.name}.yml"
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), "utf-8")
    shutil.rmtree(site, ignore_errors=True)
    command = [part.format(venv=venv, config=config_file, site=site) for part in candidate.command]
    started = time.perf_counter()
    result = run(command, cwd=build, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"})
    seconds = time.perf_counter() - started
    warnings = len(re.findall(r"\bWARNING\b|\bwarning\b", result.stderr + result.stdout))
    if result.returncode != 0 or not (site / "index.html").exists():
        return None, seconds, last_line(result), warnings
    postbuild.finish(site, build / "docs", build, config["site_url"])
    search.index_site(site, ROOT / "node_modules")
    return site, seconds, "", warnings


def article_text(html: str) -> str:
    """What a reader sees of the page body: the article's text, tags and spacing dropped."""
    match = re.search(r"<article[^>]*>(.*)</article>", html, re.S)
    body = re.sub(r"<script.*?</script>|<style.*?</style>", "", match.group(1) if match else html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", body).split())


def compare(reference: Path, site: Path) -> dict:
    def files(root: Path) -> set[str]:
        return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file() and "pagefind/" not in str(p)}

    ours, theirs = files(reference), files(site)
    pages = sorted(p for p in ours & theirs if p.endswith(".html"))
    bytes_differ = [p for p in pages if (reference / p).read_bytes() != (site / p).read_bytes()]
    text_differ = [
        p
        for p in bytes_differ
        if article_text((reference / p).read_text("utf-8")) != article_text((site / p).read_text("utf-8"))
    ]
    return {
        "pages": len(pages),
        "bytes_differ": len(bytes_differ),
        "text_differ": text_differ,
        "only_reference": sorted(ours - theirs),
        "only_candidate": sorted(theirs - ours),
    }


def screenshot(site: Path, picture: Path) -> None:
    from playwright.sync_api import sync_playwright

    port = free_port()
    root = site.parent / f"{site.name}-root"
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir()
    (root / SUBPATH.strip("/")).symlink_to(site)
    served = serve(root, port)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="ja-JP")
            page.goto(f"http://127.0.0.1:{port}{SUBPATH}", wait_until="networkidle")
            page.screenshot(path=str(picture))
            browser.close()
    finally:
        served.server.shutdown()


def main(work: Path) -> None:
    work.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "SITE_URL": f"http://127.0.0.1:8000{SUBPATH}", "NO_MKDOCS_2_WARNING": "1"}
    os.environ.update(env)
    started = time.perf_counter()
    reference = reference_build(work, env)
    print(f"reference ({os.environ.get('ENGINE', 'properdocs')} + Material): {time.perf_counter() - started:.1f} s")
    base_url = env["SITE_URL"]
    print(f"  broken links: {len(broken_links(reference, base_url))}")
    screenshot(reference, work / "reference.png")
    for candidate in CANDIDATES:
        print(f"{candidate.name} ({candidate.package})")
        venv, failure = install(work, candidate)
        if failure:
            print(f"  does not install: {failure}")
            continue
        site, seconds, failure, warnings = candidate_build(work, candidate, venv)
        if site is None:
            print(f"  build failed after {seconds:.1f} s: {failure}")
            continue
        broken = broken_links(site, base_url)
        result = compare(reference, site)
        print(
            f"  build {seconds:.1f} s, {warnings} warnings; broken links: {len(broken)} on {len({b.split(' → ')[0] for b in broken})} pages"
        )
        for line in broken[:3]:
            print(f"    {line}")
        print(
            f"  pages: {result['pages']} in both, {result['bytes_differ']} differ in bytes, "
            f"{len(result['text_differ'])} in their text ({', '.join(result['text_differ'][:3])})"
        )
        print(f"  files only in the reference: {len(result['only_reference'])} {result['only_reference'][:4]}")
        print(f"  files only in {candidate.name}: {len(result['only_candidate'])} {result['only_candidate'][:4]}")
        screenshot(site, work / f"{candidate.name}.png")
        print(f"  home page: {work / f'{candidate.name}.png'}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/epd-theme-exit"))
