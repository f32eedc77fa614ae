"""Stage 5 — write: put content/ and the rendered outputs into the MkDocs docs dir.

Files whose bytes did not change are left alone (so `mkdocs serve` reloads only
what changed) and files no longer produced are removed.
"""

from __future__ import annotations

import ctypes
import errno
import json
import os
import shutil
from pathlib import Path

from . import urls
from .errors import DataError

SITEMAP_FILE = "sitemap.json"  # page URL → lastmod and editions (sitemap.py)


def collect_content(content_dir: Path) -> dict[str, bytes]:
    """Hand-written pages and assets, by path relative to content/."""
    files = {}
    for path in sorted(content_dir.rglob("*")):
        relative = path.relative_to(content_dir).as_posix()
        if not path.resolve().is_relative_to(content_dir.resolve()):  # a pull request's link to the CI machine's files
            raise DataError(f"content/{relative}", None, None, "content/ の外を指すリンク（シンボリックリンク）です")
        if path.is_file():
            files[relative] = path.read_bytes()
    return files


# npm packages served from the site itself (no CDN): package dir → files to copy
VENDOR = {
    "leaflet": ("dist/leaflet.js", "dist/leaflet.css", "dist/images/*.png"),
    "leaflet.markercluster": (
        "dist/leaflet.markercluster.js",
        "dist/MarkerCluster.css",
        "dist/MarkerCluster.Default.css",
    ),
}


def collect_vendor(node_modules: Path) -> dict[str, bytes]:
    """Third-party front-end files, installed by npm at build time, under vendor/."""
    files: dict[str, bytes] = {}
    for package, patterns in VENDOR.items():
        for pattern in patterns:
            matches = sorted((node_modules / package).glob(pattern))
            if not matches:
                raise DataError(
                    f"node_modules/{package}",
                    None,
                    None,
                    f"{pattern} がありません（make deps で npm パッケージを入れてください）",
                )
            for path in matches:
                relative = path.relative_to(node_modules / package / "dist").as_posix()
                files[urls.vendor(package, relative)] = path.read_bytes()
    return files


def merge(content: dict[str, bytes], generated: dict[str, str | bytes]) -> dict[str, bytes]:
    clash = sorted(set(content) & set(generated))
    if clash:
        raise DataError(
            f"content/{clash[0]}",
            None,
            None,
            "生成されるページと同じ名前です（content/ から移すか名前を変えてください）",
        )
    files = dict(content)
    for path, value in generated.items():
        files[path] = value.encode("utf-8") if isinstance(value, str) else value
    return files


def write_tree(target: Path, files: dict[str, bytes]) -> int:
    """Make `target` hold exactly `files`; returns how many files were (re)written."""
    target.mkdir(parents=True, exist_ok=True)
    written = 0
    for relative, data in files.items():
        path = target / relative
        if path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        _write_whole(path, data)
        written += 1
    wanted = set(files)
    for path in sorted(target.rglob("*"), reverse=True):
        relative = path.relative_to(target).as_posix()
        if path.is_file() and relative not in wanted:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return written


def _write_whole(path: Path, data: bytes) -> None:
    """The file with all its bytes, or no file: a full disk leaves nothing half-written behind."""
    try:
        path.write_bytes(data)
    except OSError:
        path.unlink(missing_ok=True)
        raise


def write_json(build_dir: Path, name: str, value: object) -> None:
    """A file for the post-build step beside the docs dir (SITEMAP_FILE)."""
    data = json.dumps(value, ensure_ascii=False, indent=1, sort_keys=isinstance(value, dict)) + "\n"
    path = build_dir / name
    if not path.exists() or path.read_text("utf-8") != data:
        _write_whole(path, data.encode("utf-8"))


def temporary_prefix(site_dir: Path) -> str:
    """Name prefix of the folders a build writes its site into, next to site_dir."""
    return f".{site_dir.name}-"


def clean_leftovers(site_dir: Path) -> None:
    """Remove what a killed build left behind (its temporary sites, site.old); if it died
    between the two renames of the fallback swap, put the previous site back first.
    Call only while holding the build lock: then no living build owns these."""
    old = site_dir.with_name(site_dir.name + ".old")
    if old.is_dir() and not site_dir.exists():
        old.rename(site_dir)
    for leftover in sorted(site_dir.parent.glob(temporary_prefix(site_dir) + "*")):
        shutil.rmtree(leftover)
    if old.exists():
        shutil.rmtree(old)


def swap_site(new_site: Path, site_dir: Path) -> None:
    """Put new_site in place of site_dir in one atomic step, so a build killed at any
    moment leaves a whole site, the previous one or the new one; then remove the old."""
    if not site_dir.exists():
        new_site.rename(site_dir)
    elif _exchange(new_site, site_dir):
        shutil.rmtree(new_site)  # now holds the previous site
    else:  # no renameat2 here: two renames; clean_leftovers repairs a kill between them
        old = site_dir.with_name(site_dir.name + ".old")
        site_dir.rename(old)
        new_site.rename(site_dir)
        shutil.rmtree(old)


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths with Linux's renameat2(RENAME_EXCHANGE); False where unsupported."""
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(second))
