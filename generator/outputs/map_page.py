"""One map file (maps/*.html): a folium Map with our assets, tiles, words and calls to maps.js.

- Self-hosted: Leaflet, markercluster and our helpers (javascripts/maps.js,
  stylesheets/maps.css) come from the site itself, linked through urls.from_file;
  the only third-party requests are 地理院タイル.
- Light: each layer's data is embedded once as a JSON argument of an epdMaps call.
- Reproducible: folium names elements with random ids; they are numbered instead.
- Quick: branca compiles every piece it renders as a Jinja template; our own pieces
  skip that, and folium's are compiled once per build.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache

import branca.element
import folium
import jinja2
from branca.element import Element
from folium.plugins import MarkerCluster
from xyzservices import TileProvider

from .. import urls
from ..csp import with_policy
from ..formats import to_json
from ..gazetteer import Place
from ..words import words
from .outlines import prefecture_outlines

ATTRIBUTION = f'<a href="{urls.TILES_ABOUT}" target="_blank" rel="noopener">{{}}</a>'
WORDS_ID = "epd-map-words"  # the page's words for maps.js (a JSON data block)
MAX_ZOOM = 18
JAPAN = (36.5, 137.0)  # initial centre before fitBounds (point.html without a query)


def _feature(prefecture_code: str, properties: dict) -> dict:
    geometry = {"type": "Polygon", "coordinates": [prefecture_outlines()[prefecture_code]]}
    return {"type": "Feature", "properties": properties, "geometry": geometry}


class _Html(Element):
    """Markup that renders as it is. branca's Element(text) compiles its text as a Jinja
    template: slow for our JSON (most of the maps' build time), and `{{` in data would run."""

    def __init__(self, markup: str) -> None:
        super().__init__()
        self.markup = markup

    def render(self, **kwargs: object) -> str:
        return self.markup


class _Call(Element):
    """`epdMaps.<function>(<parent>, <args>…)` in the page's script, each argument embedded once as escaped JSON."""

    def __init__(self, function: str, *args: object) -> None:
        super().__init__()
        self._name = "EpdMaps"
        self.function = function
        self.args = [to_json(arg, compact=True).decode("utf-8").strip() for arg in args]

    def render(self, **kwargs: object) -> None:
        arguments = "".join(f", {arg}" for arg in self.args)
        script = f"epdMaps.{self.function}({self._parent.get_name()}{arguments});"
        self.get_root().script.add_child(_Html(script), name=self.get_name())


def _tiles() -> TileProvider:
    """地理院タイル as a provider: given a URL, folium would search xyzservices' catalogue by
    that name for every map (a quarter of the maps' build time)."""
    attribution = ATTRIBUTION.format(html.escape(words("maps.tiles_attribution")))
    return TileProvider(name="gsi_pale", url=urls.TILES, attribution=attribution, html_attribution=attribution)


def _words_block(entries: dict[str, str]) -> str:
    body = to_json(entries, compact=True).decode("utf-8").strip()
    return f'<script type="application/json" id="{WORDS_ID}">{body}</script>'


class MapPage:
    """One map file: a folium Map whose assets and links are relative to `path`."""

    def __init__(self, path: str, title: str) -> None:
        self.path = path
        self.latlons: list[tuple[float, float]] = []
        # tiles=None: our own tile layer below; the map then needs its own maxZoom
        # (markercluster refuses a map without one)
        self.map = folium.Map(location=JAPAN, zoom_start=5, tiles=None, maxZoom=MAX_ZOOM)
        # set on the object, not the class: folium's class lists point at CDNs
        self.map.default_js = [
            ("leaflet", self.link(urls.vendor("leaflet", "leaflet.js"))),
            ("epd_maps", self.link(urls.MAPS_SCRIPT)),
        ]
        self.map.default_css = [
            ("leaflet_css", self.link(urls.vendor("leaflet", "leaflet.css"))),
            ("epd_maps_css", self.link(urls.MAPS_STYLE)),
        ]
        self.map.get_root().title = html.escape(title)
        # no favicon.ico request when a map is opened on its own
        self.map.get_root().header.add_child(_Html('<link rel="icon" href="data:,">'))
        self.map.get_root().html.add_child(_Html(_words_block({"more": words("maps.more")})))
        folium.TileLayer(_tiles(), max_zoom=MAX_ZOOM).add_to(self.map)

    def link(self, page: str) -> str:
        """URL of a generated page ('municipalities/142182.md') or file from this map file."""
        return urls.from_file(self.path, page)

    def point(self, lat: float, lon: float, name: str, target: str | None, lines: list[str], kind: str) -> list:
        """A row as maps.js reads it: [lat, lon, name, link or null, lines, kind]."""
        return [round(lat, 4), round(lon, 4), name, target and self.link(target), lines, kind]

    def place_point(self, place: Place, lines: list[str], kind: str) -> list:
        return self.point(place.lat, place.lon, place.full_name, urls.entity(place), lines, kind)

    def shape(self, place: Place, lines: list[str], linked: bool = True, fill: str | None = None) -> dict:
        properties = {"name": place.name, "href": self.link(urls.entity(place)) if linked else None, "lines": lines}
        if fill:
            properties["fill"] = fill
        return _feature(place.prefecture_code, properties)

    def points(self, rows: list[list], clustered: bool = False) -> None:
        layer = self.map
        if clustered:
            layer = MarkerCluster()
            layer.default_js = [
                ("markercluster", self.link(urls.vendor("leaflet.markercluster", "leaflet.markercluster.js")))
            ]
            layer.default_css = [
                ("markercluster_css", self.link(urls.vendor("leaflet.markercluster", "MarkerCluster.css"))),
                (
                    "markercluster_default_css",
                    self.link(urls.vendor("leaflet.markercluster", "MarkerCluster.Default.css")),
                ),
            ]
            layer.add_to(self.map)
        layer.add_child(_Call("points", rows))
        self.latlons += [(row[0], row[1]) for row in rows]

    def shapes(self, features: list[dict], style: dict) -> None:
        self.map.add_child(_Call("shapes", {"type": "FeatureCollection", "features": features}, style))
        self.latlons += [(lat, lon) for f in features for lon, lat in f["geometry"]["coordinates"][0]]

    def call(self, function: str) -> None:
        self.map.add_child(_Call(function))

    def legend(self, entries: list[tuple[str, str]], notes: list[str]) -> None:
        """A legend of (key HTML, label) rows; keys are our own markup, labels are escaped."""
        items = "".join(f"<li>{key}{html.escape(label)}</li>" for key, label in entries)
        paragraphs = "".join(f"<p>{html.escape(note)}</p>" for note in notes)
        summary = html.escape(words("maps.legend"))
        legend = f'<details class="epd-legend" open><summary>{summary}</summary><ul>{items}</ul>{paragraphs}</details>'
        self.map.get_root().html.add_child(_Html(legend))

    def html(self) -> str:
        if self.latlons:
            lats, lons = zip(*self.latlons, strict=True)
            # padding: markers on the edge would be cut in half
            self.map.fit_bounds([[min(lats), min(lons)], [max(lats), max(lons)]], padding=(16, 16))
        for index, element in enumerate(_tree(self.map)):
            element._id = str(index)
        with _each_template_compiled_once():
            page = self.map.get_root().render()
        return with_policy(_tidy(page))


@cache
def _compiled(source: str) -> jinja2.Template:
    return jinja2.Template(source)


@contextmanager
def _each_template_compiled_once() -> Iterator[None]:
    """branca compiles each piece of script or markup folium renders as a Jinja template of its
    own (Element(text)); from map to map most pieces are the same text, so compile each once.
    Should branca stop reading this name, maps are slower, not different."""
    original = branca.element.Template
    branca.element.Template = _compiled
    try:
        yield
    finally:
        branca.element.Template = original


def _tree(element: Element) -> Iterator[Element]:
    yield element
    for child in element._children.values():
        yield from _tree(child)


def _tidy(page: str) -> str:
    """Folium's page with a language, pinch-zoom allowed (no user-scalable=no), no indentation."""
    page = page.replace("<html>", '<html lang="ja">', 1).replace(", maximum-scale=1.0, user-scalable=no", "", 1)
    return "\n".join(line.strip() for line in page.splitlines() if line.strip()) + "\n"
