"""Stage 4 — render maps: Leaflet pages under maps/, shown in iframes (each a map_page.MapPage).

- Offline, points and shapes still draw on a blank background: map tiles are the
  only third-party requests.
- Light: each layer's data is embedded once as a JSON array and maps.js turns the
  rows into markers (one folium object per marker would cost ~1 KB each).
- Safe: labels travel as JSON with <, > and & escaped and reach the DOM as text.
- Words: titles, legends and popup lines come from generator/words/ja/maps.yaml;
  maps.js reads its own (the popup link) from a JSON block in the page.
- Prefecture shapes come from the `japanmap` package (copied into generator/data by
  generator/outputs/outlines.py), which has only the part of each prefecture holding its
  capital (islands omitted); every legend says so.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from itertools import pairwise

from .. import urls
from ..directory import AgreementEntry, Directory, IntegratedEntry
from ..formats import both_dates, month_label, ratio, signed
from ..gazetteer import Place
from ..words import words
from .map_page import MapPage
from .outlines import prefecture_outlines

RECENT = (dt.date(2023, 4, 1), dt.date(2025, 3, 31))  # 令和5–6年度, as maps.agreement_recent_key says
SHAPE_STYLE = {"color": "#3949ab", "weight": 1, "fillColor": "#3949ab", "fillOpacity": 0.12}
RATIO_STYLE = {"color": "#555555", "weight": 0.8, "fillOpacity": 0.85}
RATIO_COLOURS = ("#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c")  # ColorBrewer Blues, low → high


def render(directory: Directory) -> dict[str, str]:
    """Every map page, by path inside the docs dir."""
    maps = {
        urls.AGREEMENT_MAP: agreement_map(directory),
        urls.INTEGRATED_MAP: integrated_map(directory),
        urls.RATIO_MAP: ratio_map(directory),
        urls.CASE_MAP: case_map(directory),
        urls.POINT_MAP: point_map(),
    }
    for prefecture in directory.prefectures:
        code = prefecture.place.prefecture_code
        maps[urls.prefecture_map(code)] = prefecture_map(directory, code)
    return maps


# --- prefecture shapes --------------------------------------------------------


def centroid(prefecture_code: str) -> tuple[float, float]:
    """(lat, lon) of the area-weighted centre of a prefecture's outline."""
    ring = prefecture_outlines()[prefecture_code]
    area = x = y = 0.0
    for (x0, y0), (x1, y1) in pairwise(ring):
        cross = x0 * y1 - x1 * y0
        area += cross
        x += (x0 + x1) * cross
        y += (y0 + y1) * cross
    return round(y / (3 * area), 4), round(x / (3 * area), 4)


def _key(kind: str) -> str:
    return f'<span class="epd-key epd-pt epd-pt--{kind}"></span>'


def _swatch(colour: str) -> str:
    return f'<span class="epd-key epd-key--shape" style="background:{colour}"></span>'


SHAPE_KEY = _swatch("rgba(57,73,171,.12)")  # SHAPE_STYLE's fill
CLUSTER_KEY = '<span class="epd-key epd-key--cluster"></span>'


def _cluster_entry() -> tuple[str, str]:
    return CLUSTER_KEY, words("maps.cluster_key")


def _notes(*keys: str) -> list[str]:
    """Legend notes, each with the note on the shapes last."""
    return [words(key) for key in (*keys, "maps.shape_note")]


# --- the maps -------------------------------------------------------------------


def _recent(agreement: AgreementEntry) -> bool:
    return agreement.concluded_on is not None and RECENT[0] <= agreement.concluded_on <= RECENT[1]


def _concluded(agreement: AgreementEntry) -> str:
    if agreement.concluded_on is None:
        return words("maps.concluded_unknown")
    return words("maps.concluded", date=both_dates(agreement.concluded_on))


def agreement_map(directory: Directory) -> str:
    page = MapPage(urls.AGREEMENT_MAP, words("maps.agreement_title"))
    prefectural = [a for a in directory.agreements if a.place.kind == "prefecture"]
    municipal = [a for a in directory.agreements if a.place.kind != "prefecture"]
    recent = [a for a in municipal if _recent(a)]
    older = [a for a in municipal if not _recent(a)]
    page.shapes(
        [page.shape(a.place, [words("maps.agreement_prefecture", concluded=_concluded(a))]) for a in prefectural],
        SHAPE_STYLE,
    )
    page.points([page.place_point(a.place, [_concluded(a)], "agreement") for a in older], clustered=True)
    # never clustered, so the recent ones stay in sight at every zoom
    page.points([page.place_point(a.place, [_concluded(a)], "recent") for a in recent])
    page.legend(
        [
            (_key("recent"), words("maps.agreement_recent_key", count=len(recent))),
            (_key("agreement"), words("maps.agreement_older_key", count=len(older))),
            _cluster_entry(),
            (SHAPE_KEY, words("maps.agreement_prefectures_key", count=len(prefectural))),
        ],
        _notes("maps.town_halls_note"),
    )
    return page.html()


def _block(entry: IntegratedEntry) -> str:
    return words("maps.region_block", region=entry.region.label)


def integrated_map(directory: Directory) -> str:
    page = MapPage(urls.INTEGRATED_MAP, words("maps.integrated_title"))
    prefectural = [e for e in directory.integrated if e.place.kind == "prefecture"]
    municipal = [e for e in directory.integrated if e.place.kind != "prefecture"]
    own = words("maps.integrated_prefecture")
    page.shapes([page.shape(e.place, [own, _block(e)]) for e in prefectural], SHAPE_STYLE)
    page.points([page.place_point(e.place, [_block(e)], "integrated") for e in municipal], clustered=True)
    page.legend(
        [
            (_key("integrated"), words("maps.integrated_municipalities_key", count=len(municipal))),
            _cluster_entry(),
            (SHAPE_KEY, words("maps.integrated_prefectures_key", count=len(prefectural))),
        ],
        _notes("maps.town_halls_not_counters_note"),
    )
    return page.html()


def ratio_classes(values: list[float]) -> list[tuple[int, int]]:
    """Five equal classes in hundredths, [low, high), from the lowest value rounded down to 0.1."""
    hundredths = [round(v * 100) for v in values]
    low = min(hundredths) // 10 * 10
    step = -(-(max(hundredths) - low + 1) // (10 * len(RATIO_COLOURS))) * 10  # ceiling, in 0.1 steps
    return [(low + i * step, low + (i + 1) * step) for i in range(len(RATIO_COLOURS))]


def ratio_colour(classes: list[tuple[int, int]], value: float) -> str:
    hundredths = round(value * 100)
    return next(colour for (low, high), colour in zip(classes, RATIO_COLOURS, strict=True) if low <= hundredths < high)


def ratio_map(directory: Directory) -> str:
    latest, previous = directory.months[-1], directory.months[-2]
    page = MapPage(urls.RATIO_MAP, words("maps.ratio_title", month=month_label(latest)))
    classes = ratio_classes([p.job_offer_ratios[latest] for p in directory.prefectures])
    features = []
    for prefecture in directory.prefectures:
        ratios = prefecture.job_offer_ratios
        lines = [words("maps.ratio_month", month=month_label(m), ratio=ratio(ratios[m])) for m in directory.months]
        lines.append(words("maps.ratio_change", change=signed(ratios[latest] - ratios[previous], 2)))
        features.append(page.shape(prefecture.place, lines, fill=ratio_colour(classes, ratios[latest])))
    page.shapes(features, RATIO_STYLE)
    page.legend(
        [
            (_swatch(colour), words("maps.ratio_class_key", low=f"{low / 100:.2f}", high=f"{(high - 1) / 100:.2f}"))
            for (low, high), colour in zip(classes, RATIO_COLOURS, strict=True)
        ],
        [words("maps.ratio_note", month=month_label(latest)), words("maps.shape_note")],
    )
    return page.html()


def case_map(directory: Directory) -> str:
    page = MapPage(urls.CASE_MAP, words("maps.case_title"))
    rows = []
    for case in directory.cases:
        where = [words("maps.case_places_separator").join([case.prefecture.name, *(p.name for p in case.places)])]
        if case.places:
            lat, lon, kind = case.places[0].lat, case.places[0].lon, "case"
        else:
            (lat, lon), kind = centroid(case.record.prefecture_code), "case-prefecture"
        # the case's id last: the case index's filters show only the cases they leave (maps.js `only`)
        rows.append([*page.point(lat, lon, case.record.title, urls.case(case.record.id), where, kind), case.record.id])
    # the prefectures with cases give the points a background when tiles cannot load
    cases = defaultdict(list)
    for case in directory.cases:
        cases[case.prefecture].append(case.record.id)
    shapes = []
    for prefecture in sorted(cases, key=lambda p: p.code):
        shape = page.shape(prefecture, [words("maps.case_count", count=len(cases[prefecture]))])
        shape["properties"]["ids"] = cases[prefecture]
        shapes.append(shape)
    page.shapes(shapes, SHAPE_STYLE)
    page.points(rows)
    page.legend(
        [
            (_key("case"), words("maps.case_key")),
            (_key("case-prefecture"), words("maps.case_prefecture_key")),
            (SHAPE_KEY, words("maps.case_prefectures_key", count=len(cases))),
        ],
        _notes(),
    )
    return page.html()


def prefecture_map(directory: Directory, prefecture_code: str) -> str:
    """Agreements, integrated entities and named service points in one prefecture, one point per municipality."""
    profile = directory.prefecture_profiles[prefecture_code]
    prefecture = profile.place
    page = MapPage(urls.prefecture_map(prefecture_code), words("maps.prefecture_title", name=prefecture.name))
    lines: dict[Place, list[str]] = defaultdict(list)
    for a in profile.agreements:
        lines[a.place].append(words("maps.prefecture_agreement", concluded=_concluded(a)))
    for e in profile.integrated:
        lines[e.place].append(words("maps.prefecture_integrated"))
    # counters without a name would only repeat maps.prefecture_integrated
    named = [s for s in profile.service_points if s.facility is not None]
    for s in named:
        lines[s.place].append(words("maps.prefecture_facility", kind=s.kind.label, name=s.name))
    own = lines.pop(prefecture, None) or [words("maps.prefecture_own_none")]
    has_facility = {s.place for s in named}
    page.shapes([page.shape(prefecture, own, linked=False)], SHAPE_STYLE)
    page.points(
        [
            page.place_point(p, lines[p], "facility" if p in has_facility else "municipality")
            for p in sorted(lines, key=lambda p: p.code)
        ]
    )
    page.legend(
        [
            (_key("municipality"), words("maps.prefecture_municipality_key")),
            (_key("facility"), words("maps.prefecture_facility_key")),
        ],
        _notes("maps.town_halls_not_counters_note"),
    )
    return page.html()


def point_map() -> str:
    """One page for every municipality page: the point comes from ?lat=…&lon=…&name=…"""
    page = MapPage(urls.POINT_MAP, words("maps.point_title"))
    page.call("queryPoint")
    return page.html()
