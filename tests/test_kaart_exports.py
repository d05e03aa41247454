"""Sociale kaart exports: round trips, completeness, and safety."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess

import networkx as nx
import openpyxl
import pytest
from test_kaart_fixture import (INJECTIONS, NOT_ON_KAART, ON_KAART, RUNNING_IN,
                                TODAY, make_coalition)

from coalition_map.kaart.html import kaart_html, safe_json
from coalition_map.kaart.hsds import TABLES, hsds_files, hsds_zip, write_hsds
from coalition_map.kaart.network import gexf_bytes, graphml_bytes
from coalition_map.kaart.pdf import kaart_pdf
from coalition_map.kaart.selection import kaart_entries
from coalition_map.kaart.tables import kaart_csv, kaart_xlsx
from coalition_map.typology import PROFILES


def _xlsx_ids(data: bytes) -> list[str]:
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb["Sociale kaart"]
    header = [c.value for c in ws[1]]
    col = header.index("Id")
    return [row[col] for row in ws.iter_rows(min_row=2, values_only=True)]


# --- selection ---------------------------------------------------------------

@pytest.mark.parametrize("wijk", sorted(ON_KAART))
def test_selection_holds_running_offers_of_the_wijk(wijk):
    kaart = kaart_entries(make_coalition(), wijk=wijk, today=TODAY)
    assert {e.offer_id for e in kaart.entries} == ON_KAART[wijk]


def test_whole_municipality_holds_every_running_offer():
    kaart = kaart_entries(make_coalition(), today=TODAY)
    assert {e.offer_id for e in kaart.entries} == set().union(*ON_KAART.values())
    assert kaart.wijk_name == "hele gemeente"


def test_an_offer_with_a_waiting_list_stays_on_the_kaart_marked_and_end_dates_shown():
    from dataclasses import replace as dc_replace
    import datetime as dt
    c = make_coalition()
    c.offers = [dc_replace(o, end_date=dt.date(2026, 12, 31)) if o.id == "A02" else o
                for o in c.offers]
    kaart = kaart_entries(c, wijk="WK01", today=TODAY)
    by_id = {e.offer_id: e for e in kaart.entries}
    assert by_id["X03"].status == "wachtlijst" and by_id["A01"].status == ""
    assert by_id["A02"].until == "31-12-2026"
    html = kaart_html(c, wijk="WK01", today=TODAY).decode()
    assert "wachtlijst" in html and "31-12-2026" in html


def test_meldpunt_and_intake_stand_at_the_top_of_every_kaart():
    from dataclasses import replace as dc_replace
    c = make_coalition()
    c.partners = c.partners + [
        dc_replace(c.partners[0], id="MP", name="Meldpunt Testdorp", roles=("meldpunt",),
                   phone="010-5550000", email="meldpunt@test.example", hours="ma-vr 9-17")]
    for audience in ("professionals", "residents"):
        kaart = kaart_entries(c, wijk="WK02", audience=audience, today=TODAY)
        assert kaart.contacts[0].name == "Meldpunt Testdorp"
        html = kaart_html(c, wijk="WK02", audience=audience, today=TODAY).decode()
        top = html.index("Meldpunt Testdorp")
        assert top < html.index('class="group"')
        assert "010-5550000" in html and "ma-vr 9-17" in html
    wb = openpyxl.load_workbook(io.BytesIO(kaart_xlsx(kaart_entries(c, wijk="WK02",
                                                                    today=TODAY))))
    assert wb.sheetnames[0] == "Meldpunt en intake"
    assert "Meldpunt Testdorp" in [c.value for row in wb["Meldpunt en intake"] for c in row]


def test_the_kaart_says_which_profiles_an_offer_serves_as_the_coverage_does():
    """Issue 9: an offer that names profiles suits only those; derived ones are marked."""
    kaart = kaart_entries(make_coalition(), wijk="WK01", today=TODAY)
    by_id = {e.offer_id: e for e in kaart.entries}
    assert by_id["A02"].profiles == "Geborgenen, Afhankelijken"   # not Buitenstaanders
    assert "(afgeleid" in by_id["A03"].profiles
    assert "Achterblijvers (deels:" in by_id["A01"].profiles


def test_residents_version_has_no_typology_terms():
    kaart = kaart_entries(make_coalition(), wijk="WK01", audience="residents",
                          group_by="profile", today=TODAY)
    assert kaart.group_by == "kind"       # residents never see profiles
    names = [n for n, _ in kaart.columns]
    assert "profiles" not in names and "chain_roles" not in names
    assert all(e.profiles == "" and e.chain_roles == "" for e in kaart.entries)
    html = kaart_html(make_coalition(), wijk="WK01", audience="residents",
                      today=TODAY).decode()
    for profile in PROFILES.values():
        assert profile.name not in html
    assert 'id="verwijswijzer"' not in html and "kaart-data" not in html


def test_group_by_profile_lists_offer_under_each_fitting_profile():
    kaart = kaart_entries(make_coalition(), wijk="WK01", group_by="profile", today=TODAY)
    by_group = {g.key: {e.offer_id for e in g.entries} for g in kaart.groups}
    assert by_group["buitenstaanders"] == {"A03", "A04"}     # A02 names them: excluded
    assert by_group["achterblijvers"] == {"A01", "A03", "A04", "X03"}   # A08 (cursus): no
    assert "A02" in by_group["geborgenen"]
    assert "A02" not in by_group["actieven"]                 # named profiles only


# --- XLSX and CSV ------------------------------------------------------------

@pytest.mark.parametrize("wijk", sorted(ON_KAART))
def test_xlsx_holds_every_active_offer_of_the_wijk_and_no_inactive_one(wijk):
    data = kaart_xlsx(kaart_entries(make_coalition(), wijk=wijk, today=TODAY))
    ids = _xlsx_ids(data)
    assert set(ids) == ON_KAART[wijk]
    assert len(ids) == len(set(ids))
    assert not set(ids) & NOT_ON_KAART


def test_csv_round_trip():
    data = kaart_csv(kaart_entries(make_coalition(), wijk="WK02", today=TODAY))
    text = data.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert {r["Id"] for r in rows} == ON_KAART["WK02"]
    belcirkel = next(r for r in rows if r["Id"] == "A07")
    assert belcirkel["Aanbieder"] == "Welzijn Voorbeeldstad"
    assert belcirkel["Telefoon"] == "010-1234567"


def test_injection_payloads_neutralised_in_csv_and_xlsx():
    coalition = make_coalition(injections=True)
    kaart = kaart_entries(coalition, wijk="WK01", today=TODAY)
    text = kaart_csv(kaart).decode("utf-8-sig")
    cells = [c for row in csv.reader(io.StringIO(text), delimiter=";") for c in row]
    wb = openpyxl.load_workbook(io.BytesIO(kaart_xlsx(kaart)))
    xcells = [c for row in wb["Sociale kaart"].iter_rows() for c in row]
    for payload in INJECTIONS[:4]:
        assert payload not in cells                       # never raw
        assert "'" + payload in cells                     # but kept, as text
        assert "'" + payload in [c.value for c in xcells]
    for cell in xcells:
        assert cell.data_type != "f"
        if isinstance(cell.value, str):
            assert not cell.value.startswith(("=", "+", "-", "@"))
    for name, data in hsds_files(coalition, wijk="WK01", today=TODAY).items():
        if name.endswith(".csv"):
            for row in csv.reader(io.StringIO(data.decode())):
                assert not any(c.startswith(("=", "+", "-", "@")) for c in row), name


def test_injection_payloads_escaped_in_html():
    html = kaart_html(make_coalition(injections=True), today=TODAY).decode()
    assert "<script>alert(1)</script>" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    # only our own two script elements, and the JSON cannot close them
    assert html.count("<script") == 2
    data = html.split('id="kaart-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in data and ">" not in data
    parsed = json.loads(data)
    assert any("<script>" in o["name"] or "<script>" in o["partner"]
               for o in parsed["offers"].values())


def test_safe_json_escapes_markup():
    assert safe_json({"a": "</script><b>&"}) == '{"a": "\\u003c/script\\u003e\\u003cb\\u003e\\u0026"}'
    assert json.loads(safe_json({"a": "</script>&"})) == {"a": "</script>&"}


# --- HTML --------------------------------------------------------------------

def test_html_is_self_contained_and_complete():
    html = kaart_html(make_coalition(), wijk="WK01", today=TODAY).decode()
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert "@import" not in html and "<link" not in html
    assert "@page" in html and "A4" in html
    for offer_id in ON_KAART["WK01"]:
        assert f'id="offer-{offer_id}"' in html
    for offer_id in NOT_ON_KAART:
        assert f'id="offer-{offer_id}"' not in html


def test_html_verwijswijzer_data_matches_python():
    from coalition_map.kaart.verwijswijzer import fitting_offers
    coalition = make_coalition()
    html = kaart_html(coalition, today=TODAY).decode()
    data = json.loads(html.split('id="kaart-data">', 1)[1].split("</script>", 1)[0])
    assert set(data["results"]) == {w.code for w in coalition.wijken}
    for wijk in data["results"]:
        for profile in PROFILES:
            expected = fitting_offers(coalition, wijk, profile, TODAY)
            assert data["results"][wijk][profile]["fitting"] == [o.id for o in expected.fitting]
            assert data["results"][wijk][profile]["limited"] == [
                [x.offer.id, "; ".join(x.reasons)] for x in expected.limited]
    # three answers give one profile; "weet ik (nog) niet" leaves the candidates
    complete = {k: v for k, v in data["answers"].items() if "?" not in k}
    assert sorted(p for v in complete.values() for p in v) == sorted(PROFILES)
    assert all(len(v) == 1 for v in complete.values())
    assert data["answers"]["1?0"] == ["hoopvollen", "overlevers"]
    assert len(data["answers"]["???"]) == 8 and data["note"]


# --- PDF ---------------------------------------------------------------------

@pytest.mark.parametrize("wijk", sorted(ON_KAART))
def test_pdf_has_every_offer(wijk):
    data, written = kaart_pdf(make_coalition(), wijk=wijk, today=TODAY)
    assert data.startswith(b"%PDF") and len(data) > 2000
    assert written == len(ON_KAART[wijk])


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")
def test_pdf_text_names_every_offer(tmp_path):
    coalition = make_coalition()
    data, _ = kaart_pdf(coalition, wijk="WK01", today=TODAY)
    path = tmp_path / "kaart.pdf"
    path.write_bytes(data)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
    for offer_id in RUNNING_IN["WK01"]:
        assert coalition.offer(offer_id).name in text
    assert text.count("Aanbieder") == 0            # name in heading, partner beneath
    assert text.count("Soort ") >= len(RUNNING_IN["WK01"])
    assert "Één-op-één" in text                    # accents survive (bundled font)


# --- HSDS --------------------------------------------------------------------

def test_hsds_package_validates_with_frictionless(tmp_path):
    frictionless = pytest.importorskip("frictionless")
    path = write_hsds(make_coalition(injections=True), tmp_path, today=TODAY)
    report = frictionless.validate(str(path))
    assert report.valid, report.flatten(["type", "note"])[:5]
    assert {p.name for p in tmp_path.iterdir()} == {f"{t}.csv" for t in TABLES} | {
        "datapackage.json"}


def test_hsds_package_validation_catches_a_broken_reference(tmp_path):
    frictionless = pytest.importorskip("frictionless")
    path = write_hsds(make_coalition(), tmp_path, today=TODAY)
    service = (tmp_path / "service.csv").read_text().splitlines()
    fields = service[0].split(",")
    row = next(csv.reader([service[1]]))
    row[fields.index("organization_id")] = "bestaat-niet"
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(row)
    service[1] = buffer.getvalue().strip()
    (tmp_path / "service.csv").write_text("\n".join(service) + "\n")
    assert not frictionless.validate(str(path)).valid


def test_hsds_content_for_a_wijk(tmp_path):
    files = hsds_files(make_coalition(), wijk="WK02", today=TODAY)
    services = list(csv.DictReader(io.StringIO(files["service.csv"].decode())))
    coalition = make_coalition()
    assert {s["name"] for s in services} == {coalition.offer(i).name for i in ON_KAART["WK02"]}
    assert all(s["status"] == "active" for s in services)
    assert {s["name"] for s in services if s["wait_time"] == "wachtlijst"} == {"Volle groep"}
    orgs = list(csv.DictReader(io.StringIO(files["organization.csv"].decode())))
    assert {o["name"] for o in orgs} == {"Welzijn Voorbeeldstad", "GGZ Regio",
                                         "Buurtvrijwilligers Noord"}
    attrs = list(csv.DictReader(io.StringIO(files["attribute.csv"].decode())))
    terms = {t["id"]: t for t in csv.DictReader(io.StringIO(files["taxonomy_term.csv"].decode()))}
    belcirkel = next(s for s in services if s["name"] == "Belcirkel")
    profiles = {terms[a["taxonomy_term_id"]]["code"] for a in attrs
                if a["link_id"] == belcirkel["id"] and terms[a["taxonomy_term_id"]][
                    "taxonomy"] == "Interventieprofielen"}
    assert profiles == {"achterblijvers", "afhankelijken"}
    # stable ids: the same data gives the same package
    assert hsds_files(make_coalition(), wijk="WK02", today=TODAY) == files
    assert hsds_zip(make_coalition(), wijk="WK02", today=TODAY)[:2] == b"PK"


# --- network -----------------------------------------------------------------

def test_graphml_and_gexf_round_trip():
    coalition = make_coalition()
    from coalition_map.graph.build import build_graph
    source = build_graph(coalition, today=TODAY)
    for data, reader in ((graphml_bytes(coalition, TODAY), nx.read_graphml),
                         (gexf_bytes(coalition, TODAY), nx.read_gexf)):
        g = reader(io.BytesIO(data))
        assert set(g.nodes) == set(source.nodes)
        assert g.number_of_edges() == source.number_of_edges()
        assert g.nodes["offer:A01"]["type"] == "offer"


@pytest.mark.skipif(not shutil.which("chromium"), reason="chromium not installed")
def test_html_verwijswijzer_runs_in_a_browser(tmp_path):
    """Answer the three questions in headless Chromium; the page lists the fitting offers."""
    html = kaart_html(make_coalition(injections=True), today=TODAY).decode()
    answer = ('<script>for (const [n, v] of [["structural", "1"], ["wants_contacts", "0"], '
              '["active", "1"]]) { document.querySelector(`input[name=${n}][value="${v}"]`)'
              '.checked = true; } document.getElementById("vw-form").requestSubmit();</script>')
    page = tmp_path / "kaart.html"
    page.write_text(html.replace("</body>", answer + "</body>"))
    dom = subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu",
                          "--dump-dom", page.as_uri()], capture_output=True, text=True,
                         timeout=120).stdout
    result = dom.split('id="vw-result"', 1)[1].split("</section>", 1)[0]
    assert "Buitenstaanders in Centrum" in result
    assert 'href="#offer-A03"' in result and 'href="#offer-A04"' in result
    assert "Maatjesproject" in result and "vrijwilligers" in result   # excluded, with reason
    assert "<script>alert" not in dom
