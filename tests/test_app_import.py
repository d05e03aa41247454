"""AppTest: a bulk import in the app -- diff per kind, partial workbooks, undo as one step."""

from __future__ import annotations

import dataclasses

from app_helpers import assert_clean, by_key, db, plain, run_app  # noqa: F401 (db: fixture)

from coalition_map import schema
from coalition_map.model import Partner
from coalition_map.ui.state import AUTHOR_KEY
from coalition_map.writing import objects_of, workbook_bytes

ME = {AUTHOR_KEY: "Coördinator"}
COALITION_KINDS = ("coalition", "wijken", "partners", "offers", "referrals")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _workbook_without_plan(coalition) -> bytes:
    return workbook_bytes([(schema.FILES[k], objects_of(k, coalition, None))
                           for k in COALITION_KINDS])


def _changed_coalition(db):
    coalition = db.load_coalition()
    renamed = dataclasses.replace(coalition.partners[0], name="Hernoemde partner")
    new = Partner("NEW1", "Nieuwe buurtvereniging", "vereniging", roles=("signaleren",))
    removed = next(r for r in coalition.referrals)
    return dataclasses.replace(
        coalition, partners=[renamed, *coalition.partners[1:], new],
        referrals=[r for r in coalition.referrals if r is not removed]), renamed, removed


def _import_workbook(db, data: bytes):
    at = run_app("pages/partners_aanbod.py", session=ME)
    by_key(at.selectbox, "pa_import_soort").set_value("__werkmap__").run()
    at.get("file_uploader")[0].set_value(("werkmap.xlsx", data, XLSX)).run()
    assert_clean(at)
    return at


def _confirm_removal(at, expected: str):
    """Tick the confirmation that names what the import removes."""
    box = next(c for c in at.checkbox if (c.key or "").startswith("_pa_import_verwijderen_"))
    assert expected in plain(box.label), box.label
    box.check().run()
    assert_clean(at)


def test_partial_workbook_preview_per_kind_and_keeps_the_plan(db):
    plan_before = db.load_plan()
    assert plan_before.actions, "het voorbeeld heeft acties"
    changed, renamed, removed = _changed_coalition(db)
    version = db.data_version()
    at = _import_workbook(db, _workbook_without_plan(changed))

    preview = " ".join(t.value for t in at.text)
    assert "Partners: 1 nieuw, 1 gewijzigd, 0 verwijderd" in preview
    assert "Verwijsroutes: 0 nieuw, 0 gewijzigd, 1 verwijderd" in preview
    assert "Acties" not in preview
    labels = [e.label for e in at.expander]
    assert "Partners: 1 nieuw, 1 gewijzigd, 0 verwijderd" in labels
    assert "Verwijsroutes: 0 nieuw, 0 gewijzigd, 1 verwijderd" in labels
    assert any("blijft zoals het is" in c.value and schema.FILES["actions"].label in c.value
               for c in at.caption)
    assert db.data_version() == version, "de preview mag niets opslaan"

    # The removed referral must be confirmed, by name, before applying works.
    assert any("Verwijsroutes" in plain(w.value) and "1 van de" in plain(w.value)
               for w in at.warning)
    assert by_key(at.button, "pa_import_toepassen").disabled
    _confirm_removal(at, "Verwijsroutes: 1 record")
    by_key(at.button, "pa_import_toepassen").click().run()
    assert_clean(at)
    assert db.get("partners", "NEW1")[0].name == "Nieuwe buurtvereniging"
    assert db.get("partners", renamed.id)[0].name == "Hernoemde partner"
    assert len(db.load_coalition().referrals) == len(changed.referrals)
    plan_after = db.load_plan()
    assert plan_after.actions == plan_before.actions
    assert plan_after.decisions == plan_before.decisions
    assert plan_after.steps == plan_before.steps


def test_single_file_upload_only_touches_its_kind(db):
    from coalition_map.writing import csv_bytes
    coalition = db.load_coalition()
    plan_before = db.load_plan()
    data = csv_bytes("wijken", [dataclasses.replace(coalition.wijken[0], name="Nieuwe wijknaam"),
                                *coalition.wijken[1:]])
    at = run_app("pages/partners_aanbod.py", session=ME)
    by_key(at.selectbox, "pa_import_soort").set_value("wijken").run()
    at.get("file_uploader")[0].set_value(("wijken.csv", data, "text/csv")).run()
    assert_clean(at)
    assert "Wijken: 0 nieuw, 1 gewijzigd, 0 verwijderd" in " ".join(t.value for t in at.text)
    by_key(at.button, "pa_import_toepassen").click().run()
    assert_clean(at)
    assert db.load_coalition().wijken[0].name == "Nieuwe wijknaam"
    assert db.load_plan().actions == plan_before.actions
    assert db.load_coalition().partners == coalition.partners


def test_whole_import_undone_in_one_step(db):
    before_coalition, before_plan = db.load_coalition(), db.load_plan()
    changed, _, _ = _changed_coalition(db)
    at = _import_workbook(db, _workbook_without_plan(changed))
    _confirm_removal(at, "Verwijsroutes: 1 record")
    by_key(at.button, "pa_import_toepassen").click().run()
    assert_clean(at)
    imported = db.changesets(limit=1)[0]
    assert imported.kind == "import" and len(imported.changes) == 3
    assert db.load_coalition() != before_coalition

    at.switch_page("pages/wijzigingen.py").run()
    assert_clean(at)
    box = by_key(at.selectbox, "wz_import")
    assert box.value == imported.id           # the newest import first
    button = by_key(at.button, "wz_import_knop")
    assert button.label == "Hele import ongedaan maken"
    assert button.disabled, "eerst bevestigen"
    by_key(at.checkbox, "wz_import_zeker").check().run()
    by_key(at.button, "wz_import_knop").click().run()
    assert_clean(at)
    assert any("Import ongedaan gemaakt (3 wijzigingen" in s.value for s in at.success)
    after = db.load_coalition()
    assert after.partners == before_coalition.partners
    assert after.referrals == before_coalition.referrals
    assert db.load_plan().actions == before_plan.actions
    assert db.changesets(limit=2)[1].undone
    # The undone import is no longer offered.
    assert not [o for o in by_key(at.selectbox, "wz_import").options
                if o.startswith(f"{imported.id}: ")]


def test_undo_refused_in_dutch_when_changed_since(db):
    changed, renamed, _ = _changed_coalition(db)
    at = _import_workbook(db, _workbook_without_plan(changed))
    _confirm_removal(at, "Verwijsroutes: 1 record")
    by_key(at.button, "pa_import_toepassen").click().run()
    partner, version = db.get("partners", renamed.id)
    db.save("partners", dataclasses.replace(partner, name="Nog eens anders"), author="Anna",
            expected_version=version)
    at.switch_page("pages/wijzigingen.py").run()
    import_id = next(cs.id for cs in db.changesets() if cs.kind == "import" and not cs.undone)
    assert by_key(at.selectbox, "wz_import").value == import_id
    by_key(at.checkbox, "wz_import_zeker").check().run()
    by_key(at.button, "wz_import_knop").click().run()
    assert not at.exception
    assert any("kan niet ongedaan worden gemaakt" in e.value for e in at.error)
    assert db.get("partners", "NEW1")[0].name == "Nieuwe buurtvereniging"   # nothing undone


# --- imports that remove data ask first; a cut-off file is refused ----------------------

def _upload_csv(kind: str, name: str, data: bytes):
    at = run_app("pages/partners_aanbod.py", session=ME)
    by_key(at.selectbox, "pa_import_soort").set_value(kind).run()
    at.get("file_uploader")[0].set_value((name, data, "text/csv")).run()
    assert not at.exception
    return at


def _removal_box(at):
    return [c for c in at.checkbox if (c.key or "").startswith("_pa_import_verwijderen_")]


def test_header_typo_in_an_upload_needs_a_confirmation_naming_the_column(db):
    from coalition_map.writing import csv_bytes
    partners = db.load_coalition().partners
    with_email = [p for p in partners if p.email]
    data = csv_bytes("partners", partners).replace(b",email,", b",emial,", 1)
    version = db.data_version()
    at = _upload_csv("partners", "partners.csv", data)
    assert not at.error
    warning = " ".join(plain(w.value) for w in at.warning)
    assert (f"partners.csv (Partners), kolom 'email' (E-mail): bij {len(with_email)} van de "
            f"{len(partners)} records gaat de waarde verloren") in warning
    assert "overal leeg of ontbreekt ze" in warning
    assert by_key(at.button, "pa_import_toepassen").disabled
    assert db.data_version() == version
    _confirm_removal(at, f"Partners, kolom 'email': {len(with_email)} waarden")
    assert not by_key(at.button, "pa_import_toepassen").disabled
    by_key(at.button, "pa_import_toepassen").click().run()
    assert_clean(at)
    assert all(p.email == "" for p in db.load_coalition().partners)


def test_header_only_sheet_in_a_workbook_needs_a_confirmation(db):
    coalition, plan = db.load_coalition(), db.load_plan()
    decisions = [d.id for d in plan.decisions]
    data = workbook_bytes([(schema.FILES[k], [] if k == "decisions" else objects_of(
        k, coalition, plan)) for k in schema.FILES])
    version = db.data_version()
    at = _import_workbook(db, data)
    assert (f"werkmap.xlsx, blad 'decisions' (Besluiten): alle {len(decisions)} records "
            "worden verwijderd") in " ".join(plain(w.value) for w in at.warning)
    assert by_key(at.button, "pa_import_toepassen").disabled
    _confirm_removal(at, f"Besluiten: {len(decisions)} records")
    assert db.data_version() == version
    by_key(at.button, "pa_import_toepassen").click().run()
    assert_clean(at)
    assert db.load_plan().decisions == [] and db.load_plan().actions == plan.actions


def test_workbook_without_plan_sheets_only_changing_values_needs_no_confirmation(db):
    coalition, plan = db.load_coalition(), db.load_plan()
    renamed = dataclasses.replace(coalition.wijken[0], name="Nieuwe naam")
    changed = dataclasses.replace(coalition, wijken=[renamed, *coalition.wijken[1:]])
    at = _import_workbook(db, _workbook_without_plan(changed))
    assert "Wijken: 0 nieuw, 1 gewijzigd, 0 verwijderd" in " ".join(t.value for t in at.text)
    assert not _removal_box(at) and not at.warning
    by_key(at.button, "pa_import_toepassen").click().run()
    assert_clean(at)
    assert db.get("wijken", renamed.code)[0].name == "Nieuwe naam"
    assert db.load_plan() == plan


def test_a_cut_off_upload_is_an_error_naming_file_and_row(db):
    from coalition_map.writing import csv_bytes
    partners = db.load_coalition().partners
    data = csv_bytes("partners", partners)
    cut = data[:data.rindex(b",") - 3]          # stops in the middle of the last row
    version = db.data_version()
    at = _upload_csv("partners", "partners.csv", cut)
    assert any("niet ingelezen" in e.value for e in at.error)
    problems = at.dataframe[-1].value
    row = str(len(partners) + 1)
    hit = problems[(problems["Bestand"] == "partners.csv") & (problems["Rij"] == row)]
    assert len(hit) == 1 and "afgebroken" in hit["Melding"].iloc[0], problems.to_dict()
    assert not [b for b in at.button if b.key == "pa_import_toepassen"]
    assert db.data_version() == version


def test_wijk_boundaries_uploaded_as_geojson(db):
    import json

    from coalition_map.geo import feature_collection
    coalition = db.load_coalition()
    doc = feature_collection(coalition.boundaries, coalition.wijken)
    ring = doc["features"][0]["geometry"]["coordinates"][0]
    ring[1] = [ring[1][0] + 0.001, ring[1][1]]           # one corner moved
    at = run_app("pages/partners_aanbod.py", session=ME)
    by_key(at.selectbox, "pa_import_soort").set_value("boundaries").run()
    bad = json.loads(json.dumps(doc))
    bad["features"][2]["properties"]["code"] = "WK000000"
    at.get("file_uploader")[0].set_value(("wijken.geojson", json.dumps(bad).encode(),
                                          "application/geo+json")).run()
    assert not at.exception
    assert any("niet ingelezen" in e.value for e in at.error)
    at.get("file_uploader")[0].set_value(("wijken.geojson", json.dumps(doc).encode(),
                                          "application/geo+json")).run()
    assert_clean(at)
    assert "Wijkgrenzen: 0 nieuw, 1 gewijzigd, 0 verwijderd" in " ".join(
        t.value for t in at.text)
    by_key(at.button, "pa_import_toepassen").click().run()
    assert_clean(at)
    stored = db.load_coalition()
    assert stored.boundaries[0] != coalition.boundaries[0]
    assert stored.boundaries[1:] == coalition.boundaries[1:]
    assert stored.wijken == coalition.wijken
