"""Issue #4 — the Folium maps: pure checks of generator/maps.py, then a few in Chromium."""

from __future__ import annotations

import dataclasses
import json
import re
from urllib.parse import quote, urlparse

import pytest

from generator import words
from generator.build import ROOT, Paths, Report, load_directory
from generator.outputs import map_page, maps
from generator.outputs.pages.places import municipality_page
from generator.outputs.pages.reference import statistics
from generator.urls import RATIO_MAP, href

TILE_HOST = "cyberjapandata.gsi.go.jp"
CDN_HINTS = ("cdn.jsdelivr.net", "cdnjs", "code.jquery.com", "bootstrap", "font-awesome", "unpkg")
EVIL = ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>")
CALL = re.compile(r"^epdMaps\.(\w+)\(\w+(.*)\);$", re.M)  # one call a line: epdMaps.points(map_0, [...]);
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def directory():
    return load_directory(Paths(), Report(quiet=True))


@pytest.fixture(scope="module")
def rendered(directory):
    return maps.render(directory)


def calls(page: str) -> list[tuple[str, list]]:
    """The epdMaps calls of a map page with their JSON arguments decoded."""
    return [(name, json.loads(f"[{args[2:]}]")) for name, args in CALL.findall(page)]


def rows(page: str) -> list[list]:
    return [row for name, args in calls(page) if name == "points" for row in args[0]]


def features(page: str) -> list[dict]:
    return [f for name, args in calls(page) if name == "shapes" for f in args[0]["features"]]


def municipal(entries):
    return [e for e in entries if e.place.kind != "prefecture"]


# --- pure -----------------------------------------------------------------------


def test_one_map_per_national_view_and_prefecture(rendered, directory):
    expected = {
        "maps/agreements.html",
        "maps/integrated.html",
        "maps/ratios.html",
        "maps/cases.html",
        "maps/point.html",
    }
    expected |= {f"maps/prefectures/{p.place.prefecture_code}.html" for p in directory.prefectures}
    assert set(rendered) == expected


def test_japanmap_outlines_are_47_closed_rings_in_japan():
    outlines = maps.prefecture_outlines()
    assert sorted(outlines) == [f"{n:02d}" for n in range(1, 48)]
    for ring in outlines.values():
        assert ring[0] == ring[-1] and len(ring) > 10
        assert all(122 < lon < 146 and 24 < lat < 46 for lon, lat in ring)
        assert all(round(v, 3) == v for point in ring for v in point)


def test_agreement_map_has_every_municipal_agreement_once_and_all_prefectures(rendered, directory):
    page = rendered["maps/agreements.html"]
    points = rows(page)
    assert sorted(r[2] for r in points) == sorted(a.place.full_name for a in municipal(directory.agreements))
    assert len(points) == 255 and sum(r[5] == "recent" for r in points) == 34
    assert len(features(page)) == 47
    first = municipal(directory.agreements)[0].place
    assert f"../municipalities/{first.code}/" in {r[3] for r in points}
    assert all(f["properties"]["href"].startswith("../prefectures/") for f in features(page))


def test_integrated_map_has_points_and_prefecture_shapes(rendered, directory):
    page = rendered["maps/integrated.html"]
    assert len(rows(page)) == len(municipal(directory.integrated)) == 153
    assert len(features(page)) == len(directory.integrated) - 153 == 34


def test_ratio_map_shades_47_prefectures_by_the_latest_month(rendered, directory):
    shapes = features(rendered["maps/ratios.html"])
    assert len(shapes) == 47
    classes = maps.ratio_classes([p.job_offer_ratios[directory.months[-1]] for p in directory.prefectures])
    tokyo = next(f for f in shapes if f["properties"]["name"] == "東京都")
    assert tokyo["properties"]["fill"] == maps.ratio_colour(
        classes, directory.prefecture("13").job_offer_ratios[directory.months[-1]]
    )
    assert len(tokyo["properties"]["lines"]) == len(directory.months) + 1  # every month, then the change


def test_ratio_classes_cover_every_value():
    values = [1.03, 1.2, 1.83]
    classes = maps.ratio_classes(values)
    assert classes[0] == (100, 120) and classes[-1] == (180, 200)
    assert [maps.ratio_colour(classes, v) for v in values] == [maps.RATIO_COLOURS[i] for i in (0, 1, 4)]


def test_case_map_links_each_case(rendered, directory):
    points = rows(rendered["maps/cases.html"])
    assert sorted(r[3] for r in points) == sorted(f"../cases/{c.record.id}/" for c in directory.cases)
    no_municipality = [c for c in directory.cases if not c.places]
    assert sum(r[5] == "case-prefecture" for r in points) == len(no_municipality) > 0


def test_prefecture_map_links_two_levels_up(rendered):
    page = rendered["maps/prefectures/13.html"]
    assert '<script src="../../vendor/leaflet/leaflet.js">' in page
    assert all(r[3].startswith("../../municipalities/") for r in rows(page))
    assert len(features(page)) == 1


def test_stats_page_embeds_the_choropleth_above_its_table(directory):
    page = statistics(directory)
    assert page.index(f'<iframe src="{href(RATIO_MAP)}" title="都道府県別有効求人倍率の地図') < page.index(
        "<caption>都道府県別有効求人倍率（倍"
    )


def test_municipality_pages_share_one_point_map(directory):
    page = municipality_page(directory, "142182")
    assert "maps/point.html?lat&#61;35.437222&#38;lon&#61;139.426944&#38;name&#61;" + quote("神奈川県綾瀬市") in page


def test_no_cdn_and_only_relative_assets(rendered):
    for path, page in rendered.items():
        assert not any(hint in page for hint in CDN_HINTS), path
        assets = re.findall(r'<script src="([^"]+)"|<link rel="stylesheet" href="([^"]+)"', page)
        assert assets and all(a.startswith("../") for pair in assets for a in pair if a), path
        assert "L.AwesomeMarkers" not in page and "jQuery" not in page and "$(" not in page, path


def test_pages_are_csp_guarded_japanese_and_zoomable(rendered):
    for path, page in rendered.items():
        assert '<html lang="ja">' in page and "Content-Security-Policy" in page, path
        assert "user-scalable=no" not in page and "<title>" in page, path


def test_national_agreement_map_stays_light(rendered):
    assert len(rendered["maps/agreements.html"].encode("utf-8")) <= 200_000


def test_output_is_deterministic(rendered, directory):
    # folium's ids come from os.urandom: a second rendering would differ if one were left
    assert maps.render(directory) == rendered


def test_names_from_data_are_embedded_inert(directory):
    case = directory.cases[0]
    evil_case = dataclasses.replace(case, record=case.record.model_copy(update={"title": EVIL[0]}))
    facility = next(s for s in directory.service_points if s.facility is not None)
    evil_point = dataclasses.replace(facility, name=EVIL[1])
    poisoned = lambda points: tuple(evil_point if s is facility else s for s in points)  # noqa: E731
    code = facility.place.prefecture_code
    profile = directory.prefecture_profiles[code]
    evil = dataclasses.replace(
        directory,
        cases=(evil_case, *directory.cases[1:]),
        service_points=poisoned(directory.service_points),
        prefecture_profiles={
            **directory.prefecture_profiles,
            code: dataclasses.replace(profile, service_points=poisoned(profile.service_points)),
        },
    )
    case_page = maps.case_map(evil)
    prefecture_page = maps.prefecture_map(evil, facility.place.prefecture_code)
    assert "<script>alert" not in case_page and "<img" not in prefecture_page
    assert EVIL[0] in {r[2] for r in rows(case_page)}
    assert any(f"{facility.kind.label}: {EVIL[1]}" in r[4] for r in rows(prefecture_page))


def test_fixed_words_come_from_the_catalogue(directory, monkeypatch):
    # every catalogue entry marked «…»: a word typed into maps.py would show up unmarked
    source = words.catalogue().source
    marked = words.Catalogue("xx", {key: f"«{text}»" for key, text in source.items()}, source)
    monkeypatch.setattr(maps, "words", marked)
    monkeypatch.setattr(map_page, "words", marked)
    page = maps.agreement_map(directory)
    title = re.search(r"<title>(.*)</title>", page).group(1)
    legend = re.sub(r"<[^>]+>", "\n", re.search(r'<details class="epd-legend".*</details>', page).group(0))
    texts = [title, *filter(None, legend.splitlines()), *(line for row in rows(page) for line in row[4])]
    texts += [line for f in features(page) for line in f["properties"]["lines"]]
    assert all(text.startswith("«") and text.endswith("»") for text in texts), texts
    assert '<script type="application/json" id="epd-map-words">{"more":"«詳しく見る»"}</script>' in page
    assert json.dumps("«地理院タイル»")[1:-1] in page  # the tile attribution, in the tile layer's options


def test_the_map_script_spells_no_words():
    # maps.js reads its words from the page (the JSON block above)
    assert not JAPANESE.search((ROOT / "content/javascripts/maps.js").read_text("utf-8"))


# --- in Chromium ------------------------------------------------------------------

COUNT = """() => ({
  markers: document.querySelectorAll('.leaflet-marker-pane .epd-pt').length,
  clustered: [...document.querySelectorAll('.marker-cluster span')].reduce((sum, s) => sum + Number(s.textContent), 0),
  shapes: document.querySelectorAll('path.leaflet-interactive').length,
})"""


def open_map(page, url: str) -> list[str]:
    """Go to a map and wait until the first fitBounds settled; returns console errors other than tiles."""
    errors = []
    page.on(
        "console",
        lambda m: (
            m.type == "error" and urlparse(m.location.get("url", "")).hostname != TILE_HOST and errors.append(m.text)
        ),
    )
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: errors.append(f"dialog: {d.message}") or d.dismiss())
    page.goto(url)
    page.wait_for_function("() => window.map_0 && map_0._loaded && !map_0._animatingZoom")
    page.wait_for_timeout(400)  # markercluster re-clusters after the zoom ends
    return errors


@pytest.mark.parametrize(
    "path, kind",
    [("maps/agreements.html", "agreements"), ("maps/integrated.html", "integrated")],
)
def test_national_map_draws_every_record(site, page, directory, path, kind):
    entries = getattr(directory, kind)
    errors = open_map(page, site.url + path)
    drawn = page.evaluate(COUNT)
    assert drawn["markers"] + drawn["clustered"] == len(municipal(entries))
    assert drawn["shapes"] == len(entries) - len(municipal(entries))
    assert drawn["clustered"] > 0  # clustering at the initial zoom
    assert page.requested_hosts == {"127.0.0.1", TILE_HOST}  # tiles are asked for (and fail offline)
    assert errors == []


def test_choropleth_draws_47_shapes(site, page):
    errors = open_map(page, site.url + "maps/ratios.html")
    assert page.evaluate(COUNT)["shapes"] == 47
    assert page.requested_hosts <= {"127.0.0.1", TILE_HOST}
    assert errors == []


def test_point_map_shows_its_query_as_text(site, page):
    errors = open_map(page, site.url + "maps/point.html?lat=35.437222&lon=139.426944&name=" + quote(EVIL[1]))
    assert page.locator(".leaflet-tooltip").inner_text() == EVIL[1]
    assert page.locator('img[src="x"]').count() == 0
    assert page.requested_hosts <= {"127.0.0.1", TILE_HOST}
    assert errors == []


def test_names_from_data_show_as_text_in_popups(site, page, directory):
    case = directory.cases[0]
    evil = dataclasses.replace(
        directory, cases=(dataclasses.replace(case, record=case.record.model_copy(update={"title": EVIL[0]})),)
    )
    page.route(
        "**/maps/cases.html",
        lambda route: route.fulfill(body=maps.case_map(evil), content_type="text/html; charset=utf-8"),
    )
    errors = open_map(page, site.url + "maps/cases.html")
    page.locator(".leaflet-marker-icon").click()
    assert page.locator(".leaflet-popup-content strong").inner_text() == EVIL[0]
    assert errors == []  # no alert dialog, no CSP refusal


def test_embedded_map_links_open_in_the_parent_page(site, page):
    page.goto(site.url + "prefectures/13/")
    page.locator(".epd-map iframe").scroll_into_view_if_needed()  # lazy iframe
    frame = page.frame_locator(".epd-map iframe")
    frame.locator(".leaflet-marker-icon").first.press("Enter")  # markers open their popup from the keyboard too
    link = frame.locator(".leaflet-popup-content a")
    assert link.get_attribute("target") == "_parent"
    link.click()
    page.wait_for_url(re.compile(r"/municipalities/\d{6}/$"))
    assert page.locator("h1").first.inner_text().startswith("東京都")


def test_keyboard_skips_the_map_and_reaches_the_list(site, page):
    page.goto(site.url + "programmes/agreement/")
    page.locator("h2:has-text('地図')").click()
    first_entity = page.locator(".epd-entity-list a").first.inner_text()
    for _ in range(10):
        page.keyboard.press("Tab")
        focused = page.evaluate("() => document.activeElement.tagName + ':' + document.activeElement.textContent")
        assert not focused.startswith("IFRAME")
        if focused == "A:" + first_entity:
            return
    pytest.fail("Tab did not reach the list of entities after the map")
