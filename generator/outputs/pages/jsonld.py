"""Stage 4 — schema.org JSON-LD for municipality and case pages (search engines read it).

Only what the deck gives: names, the programme, who runs it and the area it
serves. No address, geo, phone or hours: a town hall's position is not a
facility's, so offices carry their municipality (containedInPlace) only.
Facilities have no page of their own: their GovernmentOffice nodes sit on the
municipality and case pages that list them (`@id` = the list item's anchor).
"""

from __future__ import annotations

from markupsafe import Markup

from ... import urls
from ...directory import CaseEntry, Directory, FacilityEntry, MunicipalityProfile, is_national_office
from ...formats import to_json
from ...gazetteer import Place
from ...words import words

GOVERNMENT_PARTNERS = {"prefecture", "municipality", "labour-bureau", "hello-work"}
LOCAL_PARTNERS = {"prefecture", "municipality"}


def script(graph: list[dict]) -> Markup:
    """The <script> element; to_json escapes <, > and & so data cannot close it."""
    body = to_json({"@context": "https://schema.org", "@graph": graph}, compact=True).decode("utf-8").strip()
    return Markup(f'<script type="application/ld+json">{body}</script>')


def area(place: Place) -> dict:
    return {"@type": "AdministrativeArea", "name": place.full_name, "identifier": place.code}


def government(name: str) -> dict:
    return {"@type": "GovernmentOrganization", "name": name}


def office(entry: FacilityEntry) -> dict:
    node = {
        "@type": "GovernmentOffice",
        "@id": "#" + urls.facility_anchor(entry.record.id),
        "name": entry.record.name,
        "containedInPlace": area(entry.place),
    }
    parents = [government(o) for o in entry.record.operators if o != entry.record.name]
    if entry.record.kind == "hello-work" and parents:
        node["parentOrganization"] = parents
    return node


def facility_nodes(directory: Directory, entry: FacilityEntry) -> list[dict]:
    """A Hello Work office is a GovernmentOffice; a joint facility also offers its programme."""
    if entry.record.kind == "hello-work" or not entry.record.operators:
        return [office(entry)]
    operators = entry.record.operators
    local = [government(o) for o in operators if not is_national_office(o)]
    service = {
        "@type": "GovernmentService",
        "name": entry.record.name,
        "serviceType": directory.programme(entry.record.programme).name,
        "provider": local or [government(o) for o in operators],
        "serviceOperator": [government(o) for o in operators],
        "areaServed": area(entry.place),
        "availableChannel": {"@type": "ServiceChannel", "serviceLocation": office(entry)},
    }
    return [service]


def _programme_service(directory: Directory, programme_id: str, place: Place) -> dict:
    name = directory.programme(programme_id).name
    operator = government(place.name)
    return {
        "@type": "GovernmentService",
        "name": words("jsonld.programme_in_place", programme=name, place=place.full_name),
        "serviceType": name,
        "provider": operator,
        "serviceOperator": operator,
        "areaServed": area(place),
    }


def municipality_graph(directory: Directory, profile: MunicipalityProfile) -> list[dict]:
    graph = []
    if profile.agreement:
        graph.append(_programme_service(directory, "agreement", profile.place))
    if profile.integrated:
        graph.append(_programme_service(directory, "integrated", profile.place))
    for entry in profile.facilities:
        graph += facility_nodes(directory, entry)
    return graph


def _partner(name: str, partner_type: str) -> dict:
    return government(name) if partner_type in GOVERNMENT_PARTNERS else {"@type": "Organization", "name": name}


def case_graph(directory: Directory, case: CaseEntry) -> list[dict]:
    record = case.record
    areas = [area(p) for p in case.places] or [area(case.prefecture)]
    partners = [_partner(p.name, p.type) for p in record.partners]
    local = [_partner(p.name, p.type) for p in record.partners if p.type in LOCAL_PARTNERS]
    graph = [
        {
            "@type": "GovernmentService",
            "name": words("jsonld.programme_case", programme=programme.name, title=record.title),
            "serviceType": programme.name,
            "provider": local or partners,
            "serviceOperator": partners,
            "areaServed": areas,
        }
        for programme in case.programmes
    ]
    for entry in case.facilities:
        graph += facility_nodes(directory, entry)
    return graph
