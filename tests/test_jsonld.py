"""schema.org JSON-LD on municipality and case pages: a fixed vocabulary, deck facts, inert data."""

from __future__ import annotations

import json
import re

from generator import csp
from generator.outputs.pages import jsonld
from tests.test_enrich import directory

# schema.org types we use, the properties allowed on each, and each property's range (schema.org 29).
ORGANIZATIONS = {"GovernmentOrganization", "Organization", "GovernmentOffice"}
PLACES = {"AdministrativeArea", "GovernmentOffice"}
VOCABULARY = {
    "GovernmentService": {
        "name": str,
        "serviceType": str,
        "provider": ORGANIZATIONS,
        "serviceOperator": ORGANIZATIONS,
        "areaServed": PLACES,
        "availableChannel": {"ServiceChannel"},
    },
    "GovernmentOrganization": {"name": str},
    "Organization": {"name": str},
    "GovernmentOffice": {"@id": str, "name": str, "containedInPlace": PLACES, "parentOrganization": ORGANIZATIONS},
    "AdministrativeArea": {"name": str, "identifier": str},
    "ServiceChannel": {"serviceLocation": PLACES},
}
SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def check(node: dict, allowed: set[str] | None = None) -> None:
    kind = node["@type"]
    assert kind in VOCABULARY and (allowed is None or kind in allowed), kind
    for key, value in node.items():
        if key == "@type":
            continue
        assert key in VOCABULARY[kind], f"{kind}.{key}"
        expected = VOCABULARY[kind][key]
        for item in value if isinstance(value, list) else [value]:
            if expected is str:
                assert isinstance(item, str) and item, f"{kind}.{key}"
            else:
                check(item, expected)


def blocks(html: str) -> list[dict]:
    return [json.loads(body) for body in SCRIPT.findall(html)]


def test_every_municipality_and_case_page_carries_valid_json_ld(site):
    pages = [site.root / "municipalities" / code / "index.html" for code in directory().municipalities]
    pages += [site.root / "cases" / c.record.id / "index.html" for c in directory().cases]
    services = 0
    for path in pages:
        found = blocks(path.read_text("utf-8"))
        assert len(found) == 1, path
        assert found[0]["@context"] == "https://schema.org" and set(found[0]) == {"@context", "@graph"}
        for node in found[0]["@graph"]:
            check(node, {"GovernmentService", "GovernmentOffice"})
            services += node["@type"] == "GovernmentService"
    assert len(pages) > 300 and services > 300


def test_a_municipality_with_a_joint_facility():
    d = directory()
    graph = jsonld.municipality_graph(d, d.municipalities["142182"])
    assert [n["serviceType"] for n in graph] == ["一体的実施事業", "一体的実施事業"]
    ayase = graph[1]
    assert ayase["name"] == "ジョブスポットあやせ" and [o["name"] for o in ayase["serviceOperator"]] == [
        "綾瀬市",
        "ハローワーク大和",
    ]
    assert [o["name"] for o in ayase["provider"]] == ["綾瀬市"]
    assert ayase["areaServed"] == {"@type": "AdministrativeArea", "name": "神奈川県綾瀬市", "identifier": "142182"}
    office = ayase["availableChannel"]["serviceLocation"]
    assert office["@id"] == "#facility-job-spot-ayase" and set(office) == {"@type", "@id", "name", "containedInPlace"}


def test_a_hello_work_office_is_an_office_of_its_bureau():
    d = directory()
    graph = jsonld.municipality_graph(d, d.municipalities["432105"])
    office = next(n for n in graph if n["@type"] == "GovernmentOffice")
    assert office["name"] == "ハローワーク菊池" and office["parentOrganization"] == [
        {"@type": "GovernmentOrganization", "name": "熊本労働局"}
    ]


def test_case_services_name_the_partners_and_the_area():
    d = directory()
    case = d.case("kesennuma")
    graph = jsonld.case_graph(d, case)
    service = graph[0]
    assert service["serviceType"] in {p.name for p in d.programmes}
    assert {a["identifier"] for a in service["areaServed"]} == {"042056"}
    assert {o["name"] for o in service["serviceOperator"]} == {p.name for p in case.record.partners}


def test_hostile_names_cannot_leave_the_script_element():
    hostile = '</script><script>alert(1)</script><!-- & "'
    element = str(jsonld.script([{"@type": "GovernmentOrganization", "name": hostile}]))
    body = SCRIPT.fullmatch(element).group(1)
    assert "<" not in body and ">" not in body and "&" not in body
    assert json.loads(body)["@graph"][0]["name"] == hostile


def test_json_ld_is_not_hashed_into_script_src():
    html = '<script type="application/ld+json">{"a":1}</script><script>run()</script><script type="application/json">{}</script>'
    assert len(csp.inline_script_hashes(html)) == 1
