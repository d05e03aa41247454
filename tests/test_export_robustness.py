"""Exports stay valid whatever a store holds: control characters, unsafe websites.

The importer removes control characters and refuses websites that are not
http(s); a store filled before that (or data made in code) can still hold
them. Every export must then still be a valid file, and no export may carry
a ``javascript:``, ``data:`` or ``vbscript:`` address.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import xml.etree.ElementTree as ET
import zipfile

import networkx as nx
import openpyxl
import pytest

from conftest import sample_data

DIRTY = "a\x00b\x01c\x08d\x0be\x0cf\x1bg\x7fh\x85i\ufffej"
BAD_WEBSITES = ("javascript:alert(1)", "data:text/html,<script>alert(1)</script>",
                "vbscript:msgbox(1)", " JaVaScRiPt:alert(1)")
TODAY = dt.date(2026, 5, 1)


def _dirty(obj, website=None):
    changes = {}
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        if isinstance(value, str) and value and f.name not in (
                "id", "partner_id", "from_partner", "to_partner", "kind", "sector", "code",
                "delivered_by", "evidence", "mandate", "status", "onderdeel", "wijk", "profile",
                "owner_partner", "agreement", "approach"):
            changes[f.name] = value + DIRTY
    if website is not None:
        changes["website"] = website
    return dataclasses.replace(obj, **changes)


def dirty_data():
    coalition, plan = sample_data()
    coalition = dataclasses.replace(
        coalition, info=_dirty(coalition.info),
        wijken=[_dirty(w) for w in coalition.wijken],
        partners=[_dirty(p, BAD_WEBSITES[i % len(BAD_WEBSITES)])
                  for i, p in enumerate(coalition.partners)],
        offers=[dataclasses.replace(_dirty(o), active=True) for o in coalition.offers],
        referrals=list(coalition.referrals))
    plan = dataclasses.replace(plan, steps=[_dirty(s) for s in plan.steps],
                               choices=_dirty(plan.choices),
                               decisions=[_dirty(d) for d in plan.decisions],
                               actions=[_dirty(a) for a in plan.actions])
    # Partners all active, so every one is on the kaart.
    coalition = dataclasses.replace(coalition, partners=[
        dataclasses.replace(p, active=True) for p in coalition.partners])
    return coalition, plan


def _no_bad_url(data: bytes):
    text = data.decode("utf-8", "replace").lower()
    for bad in ("javascript:", "data:text", "vbscript:"):
        assert bad not in text


def test_exchange_files_and_workbook(tmp_path):
    from coalition_map.writing import write_folder, write_workbook
    coalition, plan = dirty_data()
    folder = write_folder(coalition, plan, tmp_path / "xlsx", fmt="xlsx")
    for path in folder.glob("*.xlsx"):
        openpyxl.load_workbook(path)
    openpyxl.load_workbook(write_workbook(coalition, plan, tmp_path / "alles.xlsx"))
    write_folder(coalition, plan, tmp_path / "csv", fmt="csv")


def test_kaart_exports():
    from coalition_map.kaart.hsds import hsds_files
    from coalition_map.kaart.html import kaart_html
    from coalition_map.kaart.network import gexf_bytes, graphml_bytes
    from coalition_map.kaart.pdf import kaart_pdf
    from coalition_map.kaart.selection import kaart_entries
    from coalition_map.kaart.tables import kaart_csv, kaart_xlsx
    coalition, _plan = dirty_data()
    kaart = kaart_entries(coalition, today=TODAY)
    assert kaart.entries
    book = kaart_xlsx(kaart)
    openpyxl.load_workbook(io.BytesIO(book))
    for name in zipfile.ZipFile(io.BytesIO(book)).namelist():
        _no_bad_url(zipfile.ZipFile(io.BytesIO(book)).read(name))
    _no_bad_url(kaart_csv(kaart))
    _no_bad_url(kaart_html(coalition, today=TODAY))
    assert kaart_pdf(coalition, today=TODAY)[0][:4] == b"%PDF"
    files = hsds_files(coalition, today=TODAY)
    for data in files.values():
        _no_bad_url(data)
    for data, reader in ((graphml_bytes(coalition, TODAY), nx.read_graphml),
                         (gexf_bytes(coalition, TODAY), nx.read_gexf)):
        ET.fromstring(data)                     # valid XML
        reader(io.BytesIO(data))


def test_plan_exports():
    from coalition_map.plan_export import plan_html, plan_pdf, plan_xlsx
    coalition, plan = dirty_data()
    openpyxl.load_workbook(io.BytesIO(plan_xlsx(plan, coalition, None, TODAY)))
    assert plan_html(plan, coalition, None, TODAY)
    assert plan_pdf(plan, coalition, None, TODAY)[:4] == b"%PDF"


@pytest.mark.parametrize("value,expected", [
    ("https://bieb.example", "https://bieb.example"), ("www.bieb.example", "https://www.bieb.example"),
    *((bad, "") for bad in BAD_WEBSITES)])
def test_hsds_website_is_http_only(value, expected):
    from coalition_map.kaart.hsds import hsds_tables
    coalition, _plan = sample_data()
    coalition = dataclasses.replace(coalition, partners=[
        dataclasses.replace(p, website=value, active=True) for p in coalition.partners],
        offers=[dataclasses.replace(o, active=True) for o in coalition.offers])
    rows = hsds_tables(coalition, today=TODAY)
    assert {r["website"] or "" for r in rows["organization"]} == {expected}
    assert {r["url"] or "" for r in rows["service"]} == {expected}


def test_store_removes_control_characters_on_save(store):
    """Also on PostgreSQL, which refuses a NUL in text outright."""
    from coalition_map import model
    store.save("wijken", model.Wijk("WK01", "Noord"), author="test", expected_version=0)
    version = store.save("partners", model.Partner("P01", "Bieb\x00 Noord\x1b", "bibliotheek",
                                                   wijken=("WK01",), expertise="lezen\x0b"),
                         author="test", expected_version=0)
    partner, stored_version = store.get("partners", "P01")
    assert (partner.name, partner.expertise, stored_version) == ("Bieb Noord", "lezen", version)
