"""The sociale kaart as an Open Referral HSDS 3.0 tabular data package.

One CSV per HSDS object plus ``datapackage.json`` (a Frictionless tabular
data package with a table schema per file: types, required fields, primary
and foreign keys). Mapping (see ``docs/sociale-kaart.md``):

=====================  ===================================================
HSDS table             from
=====================  ===================================================
organization           each active partner with running offers in the area
service                each current offer (status ``active``; a full one with
                       ``wait_time`` "wachtlijst", an end date in ``alert``)
location, address      the partner's visiting address; an offer's own address
service_at_location    offer × its location (own address, else the partner's)
service_area           offer × wijk (or the whole municipality)
contact, phone         the partner's contact person, e-mail and phone
taxonomy(_term)        interventieprofielen, soort aanbod, doelgroepen
attribute              service → profile / kind / target group terms
=====================  ===================================================

Ids are UUIDs derived from the coalition's name and the object's own id, so
two exports of the same data give the same ids. Text cells pass through
:func:`coalition_map.safety.neutralize_cell` like every CSV we write.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import uuid
import zipfile
from pathlib import Path

from ..model import ALL, Coalition
from ..safety import neutralize_cell, safe_url
from ..typology import PROFILES
from ..vocab import OFFER_KINDS
from .verwijswijzer import OfferFits, offers_in

HSDS_VERSION = "3.0"
NUMBER_FIELDS = {"latitude", "longitude", "minimum_age", "maximum_age", "year_incorporated"}

#: HSDS 3.0 tables, their fields (in the standard's order) and required fields.
TABLES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "organization": (("id", "name", "alternate_name", "description", "email", "website",
                      "year_incorporated", "legal_status", "logo", "uri",
                      "parent_organization_id"), ("id", "name", "description")),
    "service": (("id", "organization_id", "program_id", "name", "alternate_name",
                 "description", "url", "email", "status", "interpretation_services",
                 "application_process", "fees_description", "wait_time", "fees",
                 "accreditations", "eligibility_description", "minimum_age", "maximum_age",
                 "assured_date", "assurer_email", "licenses", "alert", "last_modified"),
                ("id", "name", "status")),
    "location": (("id", "location_type", "url", "organization_id", "name", "alternate_name",
                  "description", "transportation", "latitude", "longitude",
                  "external_identifier", "external_identifier_type"), ("id", "location_type")),
    "address": (("id", "location_id", "attention", "address_1", "address_2", "city", "region",
                 "state_province", "postal_code", "country", "address_type"),
                ("id", "address_1", "country", "address_type")),
    "service_at_location": (("id", "service_id", "location_id", "description"),
                            ("id", "service_id", "location_id")),
    "service_area": (("id", "service_id", "service_at_location_id", "name", "description",
                      "extent", "extent_type", "uri"), ("id",)),
    "contact": (("id", "organization_id", "service_id", "service_at_location_id",
                 "location_id", "name", "title", "department", "email"), ("id",)),
    "phone": (("id", "location_id", "service_id", "organization_id", "contact_id",
               "service_at_location_id", "number", "extension", "type", "description"),
              ("id", "number")),
    "taxonomy": (("id", "name", "description", "uri", "version"), ("id", "name", "description")),
    "taxonomy_term": (("id", "code", "name", "description", "parent_id", "taxonomy",
                       "language", "taxonomy_id", "term_uri"), ("id", "name", "description")),
    "attribute": (("id", "link_id", "taxonomy_term_id", "link_type", "link_entity", "value",
                   "label"), ("id", "link_id", "taxonomy_term_id", "link_entity")),
}

#: (table, field) -> referenced table (its ``id``).
FOREIGN_KEYS = {
    ("service", "organization_id"): "organization",
    ("location", "organization_id"): "organization",
    ("address", "location_id"): "location",
    ("service_at_location", "service_id"): "service",
    ("service_at_location", "location_id"): "location",
    ("service_area", "service_id"): "service",
    ("service_area", "service_at_location_id"): "service_at_location",
    ("contact", "organization_id"): "organization",
    ("contact", "service_id"): "service",
    ("phone", "organization_id"): "organization",
    ("phone", "service_id"): "service",
    ("phone", "contact_id"): "contact",
    ("taxonomy_term", "taxonomy_id"): "taxonomy",
    ("attribute", "taxonomy_term_id"): "taxonomy_term",
}


def _schema(table: str) -> dict:
    fields, required = TABLES[table]
    schema_fields = []
    for name in fields:
        field: dict[str, object] = {"name": name,
                                    "type": "number" if name in NUMBER_FIELDS else "string"}
        if name in required:
            field["constraints"] = {"required": True}
        schema_fields.append(field)
    schema = {"fields": schema_fields, "primaryKey": ["id"], "missingValues": [""]}
    fks = [{"fields": [f], "reference": {"resource": ref, "fields": ["id"]}}
           for (t, f), ref in FOREIGN_KEYS.items() if t == table]
    if fks:
        schema["foreignKeys"] = fks
    return schema


class _Ids:
    def __init__(self, namespace: str):
        self.ns = uuid.uuid5(uuid.NAMESPACE_URL, "coalition-map:" + namespace)

    def __call__(self, *parts) -> str:
        return str(uuid.uuid5(self.ns, "/".join(str(p) for p in parts)))


def hsds_tables(coalition: Coalition, *, wijk: str | None = None,
                today: dt.date | None = None) -> dict[str, list[dict]]:
    """The HSDS rows per table for the running offers in the wijk (None: everywhere)."""
    today = today or dt.date.today()
    ids = _Ids(coalition.name or coalition.info.municipality or "coalitie")
    rows: dict[str, list[dict]] = {t: [] for t in TABLES}
    offers = offers_in(coalition, wijk, today, include_full=True)
    fits = OfferFits(coalition)
    partner_ids = list(dict.fromkeys(o.partner_id for o in offers))
    partner_location: dict[str, str] = {}
    municipality = coalition.info.municipality

    def add_location(key, org_id, name, address, postal_code, city):
        loc_id = ids("location", key)
        rows["location"].append({"id": loc_id, "location_type": "physical",
                                 "organization_id": org_id, "name": name})
        rows["address"].append({"id": ids("address", key), "location_id": loc_id,
                                "address_1": address, "city": city or municipality,
                                "postal_code": postal_code, "country": "NL",
                                "address_type": "physical"})
        return loc_id

    for pid in partner_ids:
        p = coalition.partner(pid)
        org = ids("organization", p.id)
        rows["organization"].append({
            "id": org, "name": p.name, "description": p.expertise or p.name,
            "email": p.email, "website": safe_url(p.website)})
        if p.address:
            partner_location[p.id] = add_location(("partner", p.id), org, p.name, p.address,
                                                  p.postal_code, p.city)
        contact_id = ""
        if p.contact_person or p.email:
            contact_id = ids("contact", p.id)
            rows["contact"].append({"id": contact_id, "organization_id": org,
                                    "name": p.contact_person, "email": p.email})
        if p.phone:
            rows["phone"].append({"id": ids("phone", p.id), "organization_id": org,
                                  "contact_id": contact_id, "number": p.phone,
                                  "type": "voice"})

    taxonomies = {
        "profiel": ("Interventieprofielen", "De acht interventieprofielen van de typologie "
                    "van Machielse (eenzaamheid en sociaal isolement)."),
        "soort": ("Soort aanbod", "Soort aanbod volgens coalition-map."),
        "doelgroep": ("Doelgroepen", "Doelgroepen zoals de aanbieder ze noemt."),
    }
    for key, (name, description) in taxonomies.items():
        rows["taxonomy"].append({"id": ids("taxonomy", key), "name": name,
                                 "description": description, "version": "1"})
    terms: dict[tuple[str, str], str] = {}

    def term(taxonomy: str, code: str, name: str, description: str) -> str:
        if (taxonomy, code) not in terms:
            terms[(taxonomy, code)] = ids("term", taxonomy, code)
            rows["taxonomy_term"].append({
                "id": terms[(taxonomy, code)], "code": code, "name": name,
                "description": description, "taxonomy": taxonomies[taxonomy][0],
                "language": "nl", "taxonomy_id": ids("taxonomy", taxonomy)})
        return terms[(taxonomy, code)]

    for code, profile in PROFILES.items():
        term("profiel", code, profile.name, profile.description)
    for kind in OFFER_KINDS:
        term("soort", kind.code, kind.label, kind.description or kind.label)

    def attribute(service_id, term_id, value, label):
        rows["attribute"].append({"id": ids("attribute", service_id, term_id),
                                  "link_id": service_id, "taxonomy_term_id": term_id,
                                  "link_type": "service", "link_entity": "service",
                                  "value": value, "label": label})

    for o in offers:
        p = coalition.partner(o.partner_id)
        sid = ids("service", o.id)
        rows["service"].append({
            "id": sid, "organization_id": ids("organization", p.id), "name": o.name,
            "description": o.description, "email": p.email, "url": safe_url(p.website),
            "status": "active", "application_process": o.how_to_refer,
            "eligibility_description": o.entry_conditions,
            "wait_time": "wachtlijst" if o.full else "",
            "alert": f"loopt tot {o.end_date:%d-%m-%Y}" if o.end_date else "",
            "last_modified": today.isoformat()})
        if o.address:
            loc = add_location(("offer", o.id), ids("organization", p.id), o.name, o.address,
                               "", p.city)
        else:
            loc = partner_location.get(p.id, "")
        sal = ""
        if loc:
            sal = ids("service_at_location", o.id, loc)
            rows["service_at_location"].append({"id": sal, "service_id": sid,
                                                "location_id": loc})
        if ALL in o.wijken:
            rows["service_area"].append({
                "id": ids("area", o.id, ALL), "service_id": sid, "service_at_location_id": sal,
                "name": f"gemeente {municipality}" if municipality else "hele gemeente",
                "description": "Het hele werkgebied van de coalitie."})
        else:
            for code in o.wijken:
                try:
                    name = coalition.wijk(code).name
                except KeyError:
                    name = code
                rows["service_area"].append({
                    "id": ids("area", o.id, code), "service_id": sid,
                    "service_at_location_id": sal, "name": name, "description": f"wijk {code}"})
        attribute(sid, term("soort", o.kind, OFFER_KINDS.label_of(o.kind), o.kind), o.kind,
                  OFFER_KINDS.label_of(o.kind))
        for code in fits.served(o):
            attribute(sid, terms[("profiel", code)], code, PROFILES[code].name)
        for group in o.target_groups:
            attribute(sid, term("doelgroep", group, group, group), group, group)
    return rows


def hsds_files(coalition: Coalition, *, wijk: str | None = None,
               today: dt.date | None = None) -> dict[str, bytes]:
    """File name -> bytes: one CSV per table and ``datapackage.json``."""
    rows = hsds_tables(coalition, wijk=wijk, today=today)
    files: dict[str, bytes] = {}
    resources = []
    for table, (fields, _required) in TABLES.items():
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(fields)
        for row in rows[table]:
            writer.writerow([neutralize_cell(row.get(f, "")) for f in fields])
        files[f"{table}.csv"] = buffer.getvalue().encode("utf-8")
        resources.append({"name": table, "path": f"{table}.csv",
                          "profile": "tabular-data-resource", "format": "csv",
                          "mediatype": "text/csv", "encoding": "utf-8",
                          "schema": _schema(table)})
    area = wijk or "gemeente"
    package = {
        "name": f"sociale-kaart-{area}".lower().replace(" ", "-").replace("_", "-"),
        "title": f"Sociale kaart eenzaamheid ({coalition.name or 'coalitie'})",
        "description": "Aanbod tegen eenzaamheid in Open Referral HSDS 3.0 tabelvorm, "
                       "gemaakt met coalition-map.",
        "profile": "tabular-data-package",
        "version": HSDS_VERSION,
        "created": (today or dt.date.today()).isoformat() + "T00:00:00Z",
        "resources": resources,
    }
    files["datapackage.json"] = json.dumps(package, ensure_ascii=False, indent=2).encode("utf-8")
    return files


def write_hsds(coalition: Coalition, directory, *, wijk: str | None = None,
               today: dt.date | None = None) -> Path:
    """Write the package into ``directory`` (created); returns the datapackage.json path."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    for name, data in hsds_files(coalition, wijk=wijk, today=today).items():
        (directory / name).write_bytes(data)
    return directory / "datapackage.json"


def hsds_zip(coalition: Coalition, *, wijk: str | None = None,
             today: dt.date | None = None) -> bytes:
    """The package as one ZIP file (for a download button)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in hsds_files(coalition, wijk=wijk, today=today).items():
            archive.writestr(name, data)
    return buffer.getvalue()
