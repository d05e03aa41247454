"""The sociale kaart as an Open Referral HSDS 3.0 tabular data package.

One CSV per table of the official HSDS 3.0 descriptor (``datapackage.json`` of
openreferral/specification, tag v3.0, bundled in ``reference/``): its plural
file names, its fields in its order, and that descriptor as
``datapackage.json`` (only name, title, description and date are ours).
Mapping (see ``docs/sociale-kaart.md``):

=====================  ===================================================
HSDS table             from
=====================  ===================================================
organization           each active partner with running offers in the area
service                each current offer (status ``active``; a full one with
                       ``wait_time`` "wachtlijst", an end date in ``alert``)
location, address      the partner's visiting address; an offer's own address
service_at_location    offer × its location (own address, else the partner's)
service_area           offer × wijk (or the whole municipality): name with the CBS
                       code, ``uri`` ``urn:cbs:<code>``, ``extent`` the boundary
                       as GeoJSON (``extent_type`` geojson)
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

#: The official HSDS 3.0 tabular data package descriptor (openreferral/specification, tag
#: v3.0, datapackage.json; CC BY-SA 4.0), bundled: the export follows it exactly.
DESCRIPTOR_PATH = Path(__file__).resolve().parent.parent / "reference" / \
    "hsds-3.0-datapackage.json"


def official_descriptor() -> dict:
    """The official HSDS 3.0 ``datapackage.json`` (a fresh copy)."""
    return json.loads(DESCRIPTOR_PATH.read_text(encoding="utf-8"))


_OFFICIAL = official_descriptor()
HSDS_VERSION = _OFFICIAL["version"]          # "3.0.0"

#: HSDS tables in the descriptor's order: (fields in the standard's order, required fields).
TABLES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    r["name"]: (tuple(f["name"] for f in r["schema"]["fields"]),
                tuple(f["name"] for f in r["schema"]["fields"]
                      if f.get("constraints", {}).get("required")))
    for r in _OFFICIAL["resources"]}

#: File name of each table, as the descriptor has it (plural: ``services.csv``).
PATHS: dict[str, str] = {r["name"]: r["path"] for r in _OFFICIAL["resources"]}


def cbs_uri(code: str) -> str:
    """A URI naming a CBS area code (``urn:cbs:WK036301``); CBS publishes no URI scheme
    of its own for wijk codes, so this is a URN with the code as it is.

    >>> cbs_uri(" WK036301 ")
    'urn:cbs:WK036301'
    """
    return "urn:cbs:" + code.strip()


_EMAIL = __import__("re").compile(r"^[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$")


def _email(text: str) -> str:
    """The address when it is one (HSDS 3.0 checks the format), else empty.

    >>> _email(" info@voorbeeld.nl "), _email("=HYPERLINK(1)")
    ('info@voorbeeld.nl', '')
    """
    text = (text or "").strip()
    return text if _EMAIL.match(text) and not text.startswith(("=", "+", "-", "@")) else ""


def _is_cbs_code(code: str) -> bool:
    c = code.strip()
    return len(c) == 8 and c[:2] in ("WK", "GM", "BU") and c[2:].isdigit() or (
        len(c) == 6 and c[:2] == "GM" and c[2:].isdigit())


class _Ids:
    def __init__(self, namespace: str):
        self.ns = uuid.uuid5(uuid.NAMESPACE_URL, "coalition-map:" + namespace)

    def __call__(self, *parts) -> str:
        return str(uuid.uuid5(self.ns, "/".join(str(p) for p in parts)))


def _extents(coalition: Coalition, wijk: str | None) -> dict[str, dict]:
    """Per wijk code (and ``alle``: the whole gemeente) the service-area extent: the
    stored boundary as GeoJSON (WGS84)."""
    from ..geo import simplify_for_display
    out = {}
    shapes = {}
    for b in coalition.boundaries:
        out[b.code] = {"extent": b.geometry, "extent_type": "geojson"}
        shapes[b.code] = b.geometry
    if shapes and {w.code for w in coalition.wijken} <= set(shapes):
        from shapely import union_all
        from shapely.geometry import shape
        whole = union_all([shape(json.loads(g)) for g in shapes.values()])
        _, text = simplify_for_display(whole)
        out[ALL] = {"extent": text, "extent_type": "geojson"}
    return out


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

    province = coalition.info.province

    def add_location(key, org_id, name, address, postal_code, city):
        loc_id = ids("location", key)
        rows["location"].append({"id": loc_id, "location_type": "physical",
                                 "organization_id": org_id, "name": name})
        # HSDS 3.0 requires city, province and postcode of an address: without them the
        # location stays, with its name, and gets no address row
        if address and postal_code and (city or municipality) and province:
            rows["address"].append({"id": ids("address", key), "location_id": loc_id,
                                    "address_1": address, "city": city or municipality,
                                    "state_province": province, "postal_code": postal_code,
                                    "country": "NL", "address_type": "physical"})
        return loc_id

    extents = _extents(coalition, wijk)

    for pid in partner_ids:
        p = coalition.partner(pid)
        org = ids("organization", p.id)
        rows["organization"].append({
            "id": org, "name": p.name, "description": p.expertise or p.name,
            "email": _email(p.email), "website": safe_url(p.website)})
        if p.address:
            partner_location[p.id] = add_location(("partner", p.id), org, p.name, p.address,
                                                  p.postal_code, p.city)
        contact_id = ""
        if p.contact_person or p.email:
            contact_id = ids("contact", p.id)
            rows["contact"].append({"id": contact_id, "organization_id": org,
                                    "name": p.contact_person, "email": _email(p.email)})
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
            # a term's code is unique in the whole package (HSDS 3.0): a code two
            # taxonomies share carries its taxonomy
            taken = {t["code"] for t in rows["taxonomy_term"]}
            rows["taxonomy_term"].append({
                "id": terms[(taxonomy, code)],
                "code": code if code not in taken else f"{taxonomy}:{code}", "name": name,
                "description": description, "taxonomy": taxonomies[taxonomy][0],
                "language": "nl", "taxonomy_id": ids("taxonomy", taxonomy)})
        return terms[(taxonomy, code)]

    for code, profile in PROFILES.items():
        term("profiel", code, profile.name, profile.description)
    for kind in OFFER_KINDS:
        term("soort", kind.code, kind.label, kind.description or kind.label)

    def attribute(service_id, term_id, value):
        rows["attribute"].append({"id": ids("attribute", service_id, term_id),
                                  "link_id": service_id, "taxonomy_term_id": term_id,
                                  "link_type": "service", "link_entity": "service",
                                  "value": value})

    for o in offers:
        p = coalition.partner(o.partner_id)
        sid = ids("service", o.id)
        rows["service"].append({
            "id": sid, "organization_id": ids("organization", p.id), "name": o.name,
            "description": o.description, "email": _email(p.email), "url": safe_url(p.website),
            "status": "active", "application_process": o.how_to_refer,
            "eligibility_description": o.entry_conditions,
            "wait_time": "wachtlijst" if o.full else "",
            "alert": f"loopt tot {o.end_date:%d-%m-%Y}" if o.end_date else "",
            "last_modified": today.isoformat() + "T00:00:00Z"})
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
                "id": ids("area", o.id, ALL), "service_id": sid,
                "name": f"gemeente {municipality}" if municipality else "hele gemeente",
                "description": "Het hele werkgebied van de coalitie.",
                **extents.get(ALL, {})})
        else:
            for code in o.wijken:
                try:
                    name = f"{coalition.wijk(code).name} ({code})"
                except KeyError:
                    name = code
                rows["service_area"].append({
                    "id": ids("area", o.id, code), "service_id": sid, "name": name,
                    "description": f"wijk {code}", **extents.get(code, {}),
                    "uri": cbs_uri(code) if _is_cbs_code(code) else ""})
        attribute(sid, term("soort", o.kind, OFFER_KINDS.label_of(o.kind), o.kind), o.kind)
        for code in fits.served(o):
            attribute(sid, terms[("profiel", code)], code)
        for group in o.target_groups:
            attribute(sid, term("doelgroep", group, group, group), group)
    return rows


def hsds_files(coalition: Coalition, *, wijk: str | None = None,
               today: dt.date | None = None) -> dict[str, bytes]:
    """File name -> bytes: one CSV per table of the official HSDS 3.0 descriptor (its
    plural file names, its fields in its order; tables we have no data for hold only
    their header) and ``datapackage.json``: the official descriptor with our title."""
    rows = hsds_tables(coalition, wijk=wijk, today=today)
    files: dict[str, bytes] = {}
    for table, (fields, _required) in TABLES.items():
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(fields)
        for row in rows.get(table, ()):
            unknown = set(row) - set(fields)
            if unknown:
                raise ValueError(f"HSDS {table}: velden buiten de standaard: {sorted(unknown)}")
            writer.writerow([neutralize_cell(row.get(f, "")) for f in fields])
        files[PATHS[table]] = buffer.getvalue().encode("utf-8")
    area = wijk or "gemeente"
    package = official_descriptor()
    package.update({
        "name": f"sociale-kaart-{area}".lower().replace(" ", "-").replace("_", "-"),
        "title": f"Sociale kaart eenzaamheid ({coalition.name or 'coalitie'})",
        "description": "Aanbod tegen eenzaamheid in Open Referral HSDS 3.0 tabelvorm, "
                       "gemaakt met coalition-map.",
        "created": (today or dt.date.today()).isoformat() + "T00:00:00Z",
    })
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
