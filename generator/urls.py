"""Every path on the site, and the relative links between them.

Pages are named by their docs path ('prefectures/13.md'); MkDocs serves them at
directory URLs ('prefectures/13/'). Pages link with absolute paths from the site's
root (SITE_URL's path), the one form every engine leaves alone (`href`); the
standalone map files link relatively (`from_file`), as no engine reads them. Nothing else in the generator,
its templates or its scripts spells a path: templates call these functions
(`urls` and `href` are Jinja globals), scripts read paths from data attributes
that templates fill from here.
"""

from __future__ import annotations

import os
import posixpath
from typing import TYPE_CHECKING
from urllib.parse import quote, urlsplit

from .editions import TRANSLATED

if TYPE_CHECKING:
    from .gazetteer import Place

# --- pages (docs paths) -------------------------------------------------------

HOME = "index.md"
FINDER = "finder/index.md"
SEARCH = "search/index.md"
STATS = "stats.md"
DATA = "data.md"
CONTRIBUTING = "contributing.md"
PROGRAMME_INDEX = "programmes/index.md"
PREFECTURE_INDEX = "prefectures/index.md"
CASE_INDEX = "cases/index.md"
CASE_COMPARISON = "cases/compare.md"
AGREEMENT_LIST = "agreements.md"


def programme(programme_id: str) -> str:
    return f"programmes/{programme_id}.md"


def prefecture(prefecture_code: str) -> str:
    return f"prefectures/{prefecture_code}.md"


def municipality(code: str) -> str:
    return f"municipalities/{code}.md"


def case(case_id: str) -> str:
    return f"cases/{case_id}.md"


def entity(place: Place) -> str:
    """The page of a local government: its prefecture's page or its municipality's."""
    if place.kind == "prefecture":
        return prefecture(place.prefecture_code)
    return municipality(place.code)


def facility_anchor(facility_id: str) -> str:
    """The id of a named counter's entry on its municipality's page."""
    return f"facility-{facility_id}"


# --- maps (standalone HTML files, shown in iframes) ---------------------------

AGREEMENT_MAP = "maps/agreements.html"
INTEGRATED_MAP = "maps/integrated.html"
RATIO_MAP = "maps/ratios.html"
CASE_MAP = "maps/cases.html"
POINT_MAP = "maps/point.html"


def point_map(lat: float, lon: float, name: str) -> str:
    """The one map page every municipality page shows, centred by its query."""
    return f"{POINT_MAP}?lat={lat}&lon={lon}&name={quote(name, safe='/')}"


def prefecture_map(prefecture_code: str) -> str:
    return f"maps/prefectures/{prefecture_code}.html"


# --- finder shards (fetched by javascripts/finder.js below FINDER_DATA) -------

FINDER_DATA = "finder/"
FINDER_POINTS_INDEX = "finder/points/index.json"
FINDER_PLACES_INDEX = "finder/places/index.json"


def finder_names(bucket: str) -> str:
    return f"finder/names/{bucket}.json"


def finder_profiles(prefecture_code: str) -> str:
    return f"finder/profiles/{prefecture_code}.json"


def finder_points(tile: str) -> str:
    return f"finder/points/{tile}.json"


def finder_places(tile: str) -> str:
    return f"finder/places/{tile}.json"


def postal_shard(prefix: str) -> str:
    return f"finder/postal/{prefix}.json"


# --- scripts, styles and npm packages served from the site ------------------

FINDER_SCRIPT = "javascripts/finder.js"


def search_bundle(edition_folder: str) -> str:
    """An edition's Pagefind bundle (pagefind.js and its index): 'pagefind', 'en/pagefind'."""
    return posixpath.join(edition_folder, "pagefind")


MAPS_SCRIPT = "javascripts/maps.js"
MAPS_STYLE = "stylesheets/maps.css"


def vendor(package: str, file_name: str) -> str:
    """Where an npm package's file is served ('leaflet', 'leaflet.js' → 'vendor/leaflet/leaflet.js')."""
    return f"vendor/{package}/{file_name}"


# --- the one third party: 地理院タイル (map tiles) ---------------------------------

TILES = "https://cyberjapandata.gsi.go.jp/xyz/pale/{z}/{x}/{y}.png"
TILES_ABOUT = "https://maps.gsi.go.jp/development/ichiran.html"  # the attribution links here


# --- downloads and feeds ------------------------------------------------------

FEED = "feed.xml"


OPENDATA_README = "opendata/README.txt"  # hand-written, in content/
AGREEMENTS_CSV = "opendata/agreements.csv"
AGREEMENTS_JSON = "opendata/agreements.json"
INTEGRATED_CSV = "opendata/integrated_entities.csv"
INTEGRATED_JSON = "opendata/integrated_entities.json"
RATIOS_CSV = "opendata/job_offer_ratios.csv"
RATIOS_JSON = "opendata/job_offer_ratios.json"
CASES_JSON = "opendata/case_studies.json"
CASES_CSV = "opendata/case_studies.csv"
CASE_FIGURES_CSV = "opendata/case_figures.csv"
CASE_FIGURES_XLSX = "opendata/case_figures.xlsx"  # the comparison page's download
STATISTICS_CSV = "opendata/statistics.csv"
OPENDATA_XLSX = "opendata/opendata.xlsx"  # every table above, with Japanese headers
SERVICE_POINTS_GEOJSON = "opendata/service_points.geojson"
SERVICE_POINTS_CSV = "opendata/service_points.csv"
PUBLIC_FACILITIES_CSV = "opendata/public_facilities.csv"


def hsds(file_name: str) -> str:
    """A file of the HSDS tables (their names are HSDS's: outputs/hsds.FILES)."""
    return f"opendata/hsds/{file_name}"


def file_name(path: str) -> str:
    """The last part of a path, as a download link shows it."""
    return posixpath.basename(path)


# --- editions ---------------------------------------------------------------------

# The pages every edition has (the citizen path); other links lead to the Japanese page.
EDITION_PAGES = (HOME, FINDER, SEARCH, PROGRAMME_INDEX, CASE_INDEX)
EDITION_FOLDERS = ("programmes/", "prefectures/", "municipalities/")
JAPANESE_ONLY = (PREFECTURE_INDEX, AGREEMENT_LIST)  # tables for staff


def has_editions(path: str) -> bool:
    """True when `path` (a Japanese docs path) has a page in every edition."""
    page = path.partition("#")[0]
    if page in JAPANESE_ONLY:
        return False
    return page in EDITION_PAGES or (page.startswith(EDITION_FOLDERS) and page.endswith(".md"))


def edition_of(path: str) -> str:
    """The folder of the edition a docs path belongs to ('' for the Japanese site)."""
    first = path.split("/", 1)[0]
    return first if any(first == e.folder for e in TRANSLATED) else ""


def in_edition(path: str, folder: str) -> str:
    """The path of a Japanese page or file in the edition living in `folder` ('' = Japanese)."""
    return f"{folder}/{path}" if folder and has_editions(path) else path


# --- links ----------------------------------------------------------------------


PAGE_FILE = "index.html"  # the file MkDocs writes for each directory URL


def built_page_url(html_path: str) -> str:
    """'cases/ayase/index.html' → 'cases/ayase/': the URL of a page MkDocs wrote."""
    return html_path.removesuffix(PAGE_FILE)


def page_url(path: str) -> str:
    """'prefectures/13.md' → 'prefectures/13/' (MkDocs directory URLs); other files as they are."""
    path, hash_mark, anchor = path.partition("#")
    if path.endswith(".md"):
        stem = path[: -len(".md")]
        if stem == "index":
            path = ""
        elif stem.endswith("/index"):
            path = stem[: -len("index")]
        else:
            path = stem + "/"
    return path + hash_mark + anchor


def root() -> str:
    """The path the site is served under: '/' or a project subpath ('/repo/'), from SITE_URL,
    the variable mkdocs.yml's site_url reads (its default is a host's root)."""
    path = urlsplit(os.environ.get("SITE_URL", "/")).path
    return path if path.endswith("/") else path + "/"


def href(to: str) -> str:
    """A page's link to a page or file: an absolute path from the site's root.

    Engines treat links in raw HTML differently: MkDocs and ProperDocs leave them
    alone, Zensical rewrites relative ones (one '../' more) and resolves '.md' ones.
    Measured (README, 2026-12-02), only an absolute path comes out the same from all
    three, at a host's root and at a subpath."""
    return root() + page_url(to)


def from_file(file_path: str, to: str) -> str:
    """Relative URL from a standalone file ('maps/cases.html') to a page or file."""
    target = page_url(to)
    relative = posixpath.relpath(target or ".", posixpath.dirname(file_path) or ".")
    return relative + "/" if (target == "" or target.endswith("/")) and not relative.endswith("/") else relative
