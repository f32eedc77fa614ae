"""Stage 4 — render: pure functions from the Directory to Markdown pages.

Nothing here touches the file system except reading the Jinja2 templates.
Links between generated pages are computed as relative URLs, so the site works
under any subpath (GitHub Pages project sites).
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections import Counter, defaultdict
from functools import cache
from html import escape
from itertools import groupby
from pathlib import Path

import jinja2
from markupsafe import Markup

from . import charts, hsds, jsonld
from .directory import CaseEntry, Directory
from .formats import both_dates, escape_text, month_label, number, ratio, signed, wareki
from .gazetteer import Place, readings

TEMPLATES = Path(__file__).parent / "templates"
REGIONS = ("北海道", "東北", "関東", "中部", "近畿", "中国", "四国", "九州・沖縄")
NEWEST_AGREEMENTS = 10


def page_url(path: str) -> str:
    """'prefectures/13.md' → 'prefectures/13/' (MkDocs directory URLs)."""
    if not path.endswith(".md"):
        return path
    stem = path[: -len(".md")]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def href(from_page: str, to: str) -> str:
    """Relative URL from one docs path to another (works under any site subpath)."""
    to, hash_mark, anchor = to.partition("#")
    base = page_url(from_page)
    target = page_url(to)
    relative = posixpath.relpath(
        target or ".", posixpath.dirname(base.rstrip("/")) if not base.endswith("/") else base.rstrip("/") or "."
    )
    if (target == "" or target.endswith("/")) and not relative.endswith("/"):
        relative += "/"
    return relative + hash_mark + anchor


def entity_page(place: Place) -> str:
    if place.kind == "prefecture":
        return f"prefectures/{place.prefecture_code}.md"
    return f"municipalities/{place.code}.md"


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        # finalize=escape_text escapes every printed value for HTML *and* Markdown.
        # Autoescape is on only so that macro output counts as markup (with it off,
        # Jinja returns macros as plain str and finalize would escape their HTML).
        autoescape=True,
        finalize=escape_text,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=False,
    )
    # Jinja's autoescaping join would only HTML-escape: keep every item on escape_text.
    env.filters["join"] = lambda items, separator="": Markup(separator).join(escape_text(item) for item in items)
    env.globals.update(
        href=href,
        entity_page=entity_page,
        both_dates=both_dates,
        wareki=wareki,
        number=number,
        signed=signed,
        ratio=ratio,
        month_label=month_label,
    )
    return env


def _render(template: str, **context) -> str:
    return environment().get_template(template).render(**context)


def render_pages(directory: Directory) -> dict[str, str]:
    """Every generated Markdown page, by path inside the docs dir."""
    pages = {
        "index.md": home(directory),
        "programmes/index.md": programme_index(directory),
        "prefectures/index.md": prefecture_index(directory),
        "stats.md": statistics(directory),
        "data.md": data_page(directory),
        "cases/index.md": case_index(directory),
        "cases/compare.md": case_comparison(directory),
        "finder/index.md": finder(directory),
        "search/index.md": search(),
    }
    for programme in directory.programmes:
        pages[f"programmes/{programme.id}.md"] = programme_page(directory, programme.id)
    for prefecture in directory.prefectures:
        pages[f"prefectures/{prefecture.place.prefecture_code}.md"] = prefecture_page(
            directory, prefecture.place.prefecture_code
        )
    for code in directory.municipalities:
        pages[f"municipalities/{code}.md"] = municipality_page(directory, code)
    for case in directory.cases:
        pages[f"cases/{case.record.id}.md"] = case_page(directory, case.record.id)
    return pages


def navigation(directory: Directory, content_pages: list[tuple[str, str]]) -> list:
    """The MkDocs nav: prefectures grouped by region; municipalities and cases stay out of it.

    Material prints nav titles as HTML, so titles from data are escaped here.
    """
    by_region = defaultdict(list)
    for prefecture in directory.prefectures:
        by_region[prefecture.region].append(
            {escape(prefecture.place.name): f"prefectures/{prefecture.place.prefecture_code}.md"}
        )
    return [
        {"ホーム": "index.md"},
        {"近くの窓口を探す": "finder/index.md"},
        {
            "都道府県から探す": [
                "prefectures/index.md",
                *({region: by_region[region]} for region in REGIONS if by_region[region]),
            ]
        },
        # Case pages are reached from the filterable index, not listed in the nav:
        # a nav entry per case would repeat on every page (100 cases = 15 KB a page).
        {"事例から学ぶ": ["cases/index.md", {"事例の比較表": "cases/compare.md"}]},
        {
            "プログラム": [
                "programmes/index.md",
                *({escape(p.name): f"programmes/{p.id}.md"} for p in directory.programmes),
            ]
        },
        {"統計": "stats.md"},
        {"出典とデータ": "data.md"},
        *({title: path} for title, path in content_pages),
    ]


# --- pages ------------------------------------------------------------------


def home(directory: Directory) -> str:
    dated = sorted(
        (a for a in directory.agreements if a.concluded_on), key=lambda a: (a.concluded_on, a.place.code), reverse=True
    )
    agreement = directory.programme("agreement")
    headlines = [
        _headline(directory, programme_id, figure)
        for programme_id, figure_labels in HEADLINE_FIGURES
        for figure in _figures(directory, programme_id, figure_labels)
    ]
    return _render(
        "home.md.j2",
        page="index.md",
        cases=directory.cases,
        headlines=headlines,
        newest_agreements=dated[:NEWEST_AGREEMENTS],
        agreement_slide=directory.slides[agreement.source],
        programmes=directory.programmes,
    )


# (programme id, figure labels) shown as headline numbers on the home page
HEADLINE_FIGURES = (
    ("agreement", ("雇用対策協定の締結団体数",)),
    ("integrated", ("実施拠点数", "実施地方公共団体数")),
    ("furusato", ("設置箇所数",)),
    ("local-hellowork", ("設置事業所数",)),
)


def _figures(directory: Directory, programme_id: str, labels: tuple[str, ...]):
    programme = directory.programme(programme_id)
    for label in labels:
        figure = next((f for f in programme.figures if f.label == label), None)
        if figure is not None:
            yield figure


def _headline(directory: Directory, programme_id: str, figure) -> dict:
    slide = directory.slides[figure.source]
    when = both_dates(figure.as_of) if figure.as_of else (figure.period or both_dates(slide.as_of))
    total = directory.total(programme_id, figure.label)
    return {
        "value": figure.value,
        "unit": figure.unit,
        "label": figure.label,
        "when": when,
        "slide": slide,
        "listed": None if total is None or total.agrees else total.listed,
    }


def programme_index(directory: Directory) -> str:
    return _render(
        "programme_index.md.j2", page="programmes/index.md", programmes=directory.programmes, slides=directory.slides
    )


def programme_page(directory: Directory, programme_id: str) -> str:
    programme = directory.programme(programme_id)
    page = f"programmes/{programme_id}.md"
    entities = []
    map_path = None
    if programme_id == "agreement":
        entities = _grouped_by_prefecture(directory.agreements)
        map_path = "maps/agreements.html"
    elif programme_id == "integrated":
        entities = [
            (region, list(members))
            for region, members in groupby(
                sorted(directory.integrated, key=lambda e: (_region_order(e.region), e.place.code)),
                key=lambda e: e.region,
            )
        ]
        map_path = "maps/integrated.html"
    totals = {t.label: t for t in directory.totals.values() if t.programme_id == programme_id}
    figure_sources = []
    for figure in programme.figures:
        slide = directory.slides[figure.source]
        if slide not in figure_sources:
            figure_sources.append(slide)
    return _render(
        "programme.md.j2",
        page=page,
        p=programme,
        slides=directory.slides,
        figure_sources=figure_sources,
        series_chart=lambda s: _series_chart(s, directory.slides[programme.source], programme.as_of),
        entities=entities,
        entity_count=sum(len(members) for _, members in entities),
        totals=totals,
        list_total=next((t for t in totals.values() if "." not in t.counts), None),
        map_path=map_path,
        facilities=[f for f in directory.facilities if f.record.programme == programme_id],
        cases=[c for c in directory.cases if programme_id in c.record.programmes],
    )


INTEGRATED_REGIONS = ("北海道・東北", "関東", "中部", "近畿", "中国", "四国", "九州・沖縄")


def _region_order(region: str) -> int:
    return INTEGRATED_REGIONS.index(region) if region in INTEGRATED_REGIONS else len(INTEGRATED_REGIONS)


def _grouped_by_prefecture(entries) -> list:
    ordered = sorted(entries, key=lambda e: e.place.code)
    return [(prefecture, list(members)) for prefecture, members in groupby(ordered, key=lambda e: e.place.prefecture)]


def prefecture_index(directory: Directory) -> str:
    agreements = {a.place.code for a in directory.agreements}
    rows = []
    for prefecture in directory.prefectures:
        code = prefecture.place.prefecture_code
        rows.append(
            {
                "prefecture": prefecture,
                "municipal_agreements": sum(
                    1 for a in directory.agreements if a.place.prefecture_code == code and a.place.kind != "prefecture"
                ),
                "integrated": sum(1 for e in directory.integrated if e.place.prefecture_code == code),
                "service_points": sum(1 for s in directory.service_points if s.place.prefecture_code == code),
                "cases": sum(1 for c in directory.cases if c.record.prefecture_code == code),
                "has_agreement": prefecture.place.code in agreements,
            }
        )
    totals = {
        key: sum(row[key] for row in rows) for key in ("municipal_agreements", "integrated", "service_points", "cases")
    }
    return _render(
        "prefecture_index.md.j2",
        page="prefectures/index.md",
        rows=rows,
        totals=totals,
        regions=REGIONS,
        latest=directory.months[-1],
        national=directory.national_ratios,
        ratio_slide=directory.ratio_source,
    )


def prefecture_page(directory: Directory, prefecture_code: str) -> str:
    prefecture = directory.prefecture(prefecture_code)
    in_prefecture = lambda entries: [e for e in entries if e.place.prefecture_code == prefecture_code]  # noqa: E731
    agreements = in_prefecture(directory.agreements)
    return _render(
        "prefecture.md.j2",
        page=f"prefectures/{prefecture_code}.md",
        pref=prefecture,
        readings=readings(prefecture.place),
        months=directory.months,
        national=directory.national_ratios,
        ratio_slide=directory.ratio_source,
        ratio_chart=charts.column_chart(
            f"{prefecture.place.name}の有効求人倍率",
            "倍",
            _source_line(directory.ratio_source),
            [(month_label(m), prefecture.job_offer_ratios[m]) for m in directory.months],
            decimals=2,
        ),
        prefecture_agreement=next((a for a in agreements if a.place.kind == "prefecture"), None),
        municipal_agreements=[a for a in agreements if a.place.kind != "prefecture"],
        integrated=in_prefecture(directory.integrated),
        facilities=in_prefecture(directory.facilities),
        cases=[c for c in directory.cases if c.record.prefecture_code == prefecture_code],
        agreement_programme=directory.programme("agreement"),
        slides=directory.slides,
    )


def municipality_page(directory: Directory, code: str) -> str:
    profile = directory.municipalities[code]
    return _render(
        "municipality.md.j2",
        page=f"municipalities/{code}.md",
        m=profile,
        readings=readings(profile.place),
        prefecture=directory.prefecture(profile.place.prefecture_code),
        cases=[directory.case(case_id) for case_id in profile.case_ids],
        jsonld=jsonld.script(jsonld.municipality_graph(directory, profile)),
    )


def case_page(directory: Directory, case_id: str) -> str:
    case = directory.case(case_id)
    return _render(
        "case.md.j2",
        page=f"cases/{case_id}.md",
        c=case,
        r=case.record,
        headline=[f for f in case.record.results if f.metric],
        acting_partners=[p for p in case.record.partners if p.actions],
        term=directory.term,
        programmes={p.id: p for p in directory.programmes},
        jsonld=jsonld.script(jsonld.case_graph(directory, case)),
    )


def case_facets(case: CaseEntry) -> dict[str, str]:
    """The data-* attributes the case filter reads (space-separated ids)."""
    return {
        "region": case.region,
        "prefecture": case.record.prefecture_code,
        "programmes": " ".join(case.record.programmes),
        "challenges": " ".join(case.record.challenges),
        "targets": " ".join(case.record.target_groups),
    }


def case_index(directory: Directory) -> str:
    programmes = [p for p in directory.programmes if any(p.id in c.record.programmes for c in directory.cases)]
    used = lambda attribute: sorted({v for c in directory.cases for v in getattr(c.record, attribute)})  # noqa: E731
    return _render(
        "case_index.md.j2",
        page="cases/index.md",
        cases=directory.cases,
        facets=case_facets,
        programmes=programmes,
        regions=[r for r in REGIONS if any(c.region == r for c in directory.cases)],
        prefectures=sorted({(c.record.prefecture_code, c.prefecture.name) for c in directory.cases}),
        challenges=[t for t in directory.vocabularies.challenges if t.id in used("challenges")],
        targets=[t for t in directory.vocabularies.target_groups if t.id in used("target_groups")],
        term=directory.term,
    )


def comparison_rows(directory: Directory) -> tuple[list, list]:
    """The metrics some case reports, and per case its figure for each (or None)."""
    metrics = [
        m
        for m in directory.vocabularies.metrics
        if any(f.metric == m.id for c in directory.cases for f in c.record.results)
    ]
    rows = [
        (case, {m.id: next((f for f in case.record.results if f.metric == m.id), None) for m in metrics})
        for case in directory.cases
    ]
    return metrics, rows


def case_comparison(directory: Directory) -> str:
    metrics, rows = comparison_rows(directory)
    return _render(
        "case_compare.md.j2",
        page="cases/compare.md",
        rows=rows,
        metrics=metrics,
        programme_names={p.id: p.name for p in directory.programmes},
    )


def statistics(directory: Directory) -> str:
    latest = directory.months[-1]
    ratio_points = [(p.place.name, p.job_offer_ratios[latest]) for p in directory.prefectures]
    ratio_points.append(("全国", directory.national_ratios[latest]))
    series = [(p, s) for p in directory.programmes for s in p.series]
    breakdowns = [(p, b) for p in directory.programmes for b in p.breakdowns]
    return _render(
        "stats.md.j2",
        page="stats.md",
        national=directory.national_figures,
        slides=directory.slides,
        months=directory.months,
        prefectures=directory.prefectures,
        national_ratios=directory.national_ratios,
        ratio_slide=directory.ratio_source,
        ratio_chart=charts.bar_chart(
            f"都道府県別有効求人倍率（{month_label(latest)}）",
            "倍",
            _source_line(directory.ratio_source),
            ratio_points,
            marked="全国",
            decimals=2,
        ),
        series=series,
        series_chart=lambda p, s: _series_chart(s, directory.slides[p.source], p.as_of),
        breakdowns=breakdowns,
    )


def _source_line(slide, as_of=None) -> str:
    """The line under a chart, as the source() macro words it."""
    return f"出典: 厚生労働省資料「{slide.title}」（{both_dates(as_of or slide.as_of)}時点）"


def _series_chart(series, slide, as_of) -> charts.Chart:
    return charts.column_chart(
        series.title, series.unit, _source_line(slide, as_of), [(pt.period, pt.value) for pt in series.points]
    )


def data_page(directory: Directory) -> str:
    corrections = [
        (entry.place, entry.seed_spelling, entry.note, label)
        for label, entries in (("雇用対策協定", directory.agreements), ("一体的実施事業", directory.integrated))
        for entry in entries
        if entry.seed_spelling or entry.note
    ]
    dated = _record_dates(directory)
    oldest = min(dated, key=lambda item: (item[0], item[1]))
    supports = _supports(directory)
    # per document: itself when a record cites it as a whole, then each of its slides
    sources = [
        (d, [directory.slides[d.id]] * (d.id in supports) + [directory.slides[s.id] for s in d.slides])
        for d in directory.documents
    ]
    return _render(
        "data.md.j2",
        page="data.md",
        links=directory.links,
        figure_notes=_figure_notes(directory),
        sources=sources,
        supports=supports,
        corrections=corrections,
        counts={
            "agreements": len(directory.agreements),
            "integrated": len(directory.integrated),
            "ratios": (len(directory.prefectures) + 1) * len(directory.months),
            "cases": len(directory.cases),
            "facilities": len(directory.facilities),
        },
        hsds=hsds.counts(directory),
        oldest=oldest,
        oldest_age=_age(oldest[0], directory.built_on),
        checked=sum(1 for _, _, checked_on in dated if checked_on),
        dated_count=len(dated),
        built_on=directory.built_on,
    )


def _supports(directory: Directory) -> dict[str, list[tuple[str, str]]]:
    """What each citable id supports: (label, page), entries of one list counted together."""
    items: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for a in directory.agreements:
        items[a.source.id].append(("雇用対策協定の締結団体", "programmes/agreement.md"))
    for e in directory.integrated:
        items[e.source.id].append(("一体的実施事業の実施団体", "programmes/integrated.md"))
    for f in directory.facilities:
        items[f.source.id].append((f"窓口「{f.record.name}」", f"municipalities/{f.place.code}.md"))
    for c in directory.cases:
        items[c.source.id].append((f"事例「{c.record.title}」", f"cases/{c.record.id}.md"))
    for p in directory.programmes:
        items[p.source].append((f"{p.name}の説明", f"programmes/{p.id}.md"))
        for figure in p.figures:
            items[figure.source].append((f"{p.name}の数値", f"programmes/{p.id}.md"))
    for figure in directory.national_figures:
        items[figure.source].append(("雇用情勢の数値", "stats.md"))
    items[directory.ratio_source.id].append(("都道府県別有効求人倍率", "stats.md"))
    return {
        cid: [(f"{label}（{n}件）" if n > 1 else label, page) for (label, page), n in Counter(entries).items()]
        for cid, entries in items.items()
    }


def _record_dates(directory: Directory) -> list[tuple[dt.date, str, dt.date | None]]:
    """(as of, what, checked on) of every dated record: the freshness the data page reports."""
    dated = [(a.as_of, f"雇用対策協定: {a.place.full_name}", a.checked_on) for a in directory.agreements]
    dated += [(e.as_of, f"一体的実施事業: {e.place.full_name}", e.checked_on) for e in directory.integrated]
    dated += [(f.record.as_of, f"窓口: {f.record.name}", f.record.checked_on) for f in directory.facilities]
    dated += [(c.record.as_of, f"事例: {c.record.title}", c.record.checked_on) for c in directory.cases]
    dated += [(p.as_of, f"プログラム: {p.name}", p.checked_on) for p in directory.programmes]
    dated.append((directory.ratio_as_of, "都道府県別有効求人倍率", None))
    return dated


def _age(then: dt.date, now: dt.date) -> str:
    """'約8年3か月' between two dates (whole months)."""
    months = (now.year - then.year) * 12 + now.month - then.month - (now.day < then.day)
    years, months = divmod(max(months, 0), 12)
    return f"約{years}年{months}か月" if years else f"約{months}か月"


def _figure_notes(directory: Directory) -> list[tuple[str, str, str, str]]:
    """(page, where, label, note) for every noted figure, series and case: where the
    deck is inconsistent or a value was inferred, the note says so."""
    notes = []
    for p in directory.programmes:
        page = f"programmes/{p.id}.md"
        notes += [(page, p.name, f.label, f.note) for f in p.figures if f.note]
        notes += [(page, p.name, s.title, s.note) for s in p.series if s.note]
        for b in p.breakdowns:
            notes += [(page, p.name, f"{b.title}: {f.label}", f.note) for f in b.rows if f.note]
            notes += [(page, p.name, b.title, b.note)] if b.note else []
    for c in directory.cases:
        page = f"cases/{c.record.id}.md"
        notes += [(page, c.record.title, f.label, f.note) for f in c.record.results if f.note]
        notes += [(page, c.record.title, "事例全体", c.record.note)] if c.record.note else []
    return notes


def finder(directory: Directory) -> str:
    return _render("finder.md.j2", page="finder/index.md", links=directory.links)


def search() -> str:
    return _render("search.md.j2", page="search/index.md")
