"""AppTest: Partners en aanbod -- browse, search, add, edit, deactivate with import's checks."""

from __future__ import annotations

from app_helpers import by_key, db, plain, run_app  # noqa: F401 (db is a fixture)

from coalition_map.ui.state import AUTHOR_KEY
from coalition_map.vocab import SECTORS

ME = {AUTHOR_KEY: "Test Coördinator"}


def test_browse_and_search(db):
    coalition = db.load_coalition()
    at = run_app("pages/partners_aanbod.py", session=ME)
    assert [t.value for t in at.title] == ["Partners en aanbod"]
    partners = at.dataframe[0].value
    assert len(partners) == sum(p.active for p in coalition.partners)
    assert set(partners["Naam"]) == {p.name for p in coalition.partners if p.active}
    # Labels, not codes, in the table.
    assert set(partners["Sector"]) <= {t.label for t in SECTORS}
    assert "GGZ" in set(partners["Sector"]) or "ggz" not in {p.sector for p in coalition.partners}
    word = coalition.partners[0].name.split()[0]
    by_key(at.text_input, "pa_partners_zoek").set_value(word).run()
    found = at.dataframe[0].value
    assert 0 < len(found) <= len(partners)
    assert all(word.lower() in " ".join(map(str, row)).lower()
               for row in found.itertuples(index=False))


def test_new_partner_is_validated_like_an_import(db):
    version = db.data_version()
    at = run_app("pages/partners_aanbod.py", session=ME)
    form = "pa_partners_form_nieuw"
    by_key(at.text_input, f"{form}_id").set_value("T1")
    submit = next(b for b in at.button if b.label == "Opslaan")
    submit.click().run()
    messages = [plain(e.value) for e in at.error]
    assert any(m.startswith("Naam:") and "verplichte waarde" in m for m in messages), messages
    # a required choice starts empty: no sector is saved by accident
    assert by_key(at.selectbox, f"{form}_sector").value is None
    assert any(m.startswith("Sector:") and "verplichte waarde" in m for m in messages), messages
    assert db.data_version() == version

    by_key(at.text_input, f"{form}_name").set_value("Buurthuis De Brug")
    by_key(at.selectbox, f"{form}_sector").set_value("welzijn")
    by_key(at.text_input, f"{form}_email").set_value("info at debrug")
    by_key(at.text_input, f"{form}_website").set_value("ftp://debrug.example")
    next(b for b in at.button if b.label == "Opslaan").click().run()
    messages = [plain(e.value) for e in at.error]
    assert any(m.startswith("E-mail:") and "geen e-mailadres" in m for m in messages), messages
    assert any(m.startswith("Website:") and "http" in m for m in messages), messages
    assert db.data_version() == version

    by_key(at.text_input, f"{form}_email").set_value("info@debrug.example")
    by_key(at.text_input, f"{form}_website").set_value("https://debrug.example")
    next(b for b in at.button if b.label == "Opslaan").click().run()
    assert not at.exception
    assert any("Opgeslagen" in s.value for s in at.success)
    saved, _ = db.get("partners", "T1")
    assert saved.name == "Buurthuis De Brug"
    assert db.history("partners", "T1")[0].author == ME[AUTHOR_KEY]


def test_offer_with_bad_capacity_gets_the_import_message(db):
    coalition = db.load_coalition()
    offer = coalition.offers[0]
    version = db.data_version()
    at = run_app("pages/partners_aanbod.py", session=ME)
    by_key(at.selectbox, "pa_offers_kies").set_value((offer.id,)).run()
    form = f"pa_offers_form_{offer.id}"
    by_key(at.text_input, f"{form}_capacity").set_value("-3")
    save = [b for b in at.button if b.label == "Opslaan"]
    save[1].click().run()  # the second tab's form (Aanbod)
    messages = [plain(e.value) for e in at.error]
    assert any(m.startswith("Capaciteit:") for m in messages), messages
    assert db.data_version() == version


def test_deactivate_offer(db):
    coalition = db.load_coalition()
    offer = next(o for o in coalition.offers if o.active)
    at = run_app("pages/partners_aanbod.py", session=ME)
    by_key(at.selectbox, "pa_offers_kies").set_value((offer.id,)).run()
    by_key(at.button, f"pa_offers_form_{offer.id}_inactief").click().run()
    assert not at.exception
    stored, _ = db.get("offers", offer.id)
    assert stored.active is False
    assert any("inactief" in s.value for s in at.success)


def test_meeting_mode_hides_editing(db):
    at = run_app("pages/partners_aanbod.py", session={**ME, "vergadermodus": True})
    assert not [b for b in at.button if b.label == "Opslaan"]
    assert not [t for t in at.text_input if t.key and "_form_" in t.key]
    assert any("Vergadermodus" in i.value for i in at.info)


def _partners_csv(partners) -> bytes:
    from coalition_map.writing import csv_bytes
    return csv_bytes("partners", partners)


def test_upload_shows_preview_before_applying(db):
    import dataclasses

    from coalition_map.model import Partner
    coalition = db.load_coalition()
    changed = dataclasses.replace(coalition.partners[0], name="Hernoemde partner")
    new = Partner("NEW1", "Nieuwe buurtvereniging", "vereniging", roles=("signaleren",))
    data = _partners_csv([changed, *coalition.partners[1:], new])
    version = db.data_version()

    at = run_app("pages/partners_aanbod.py", session=ME)
    by_key(at.selectbox, "pa_import_soort").set_value("partners").run()
    at.get("file_uploader")[0].set_value(("partners.csv", data, "text/csv")).run()
    assert not at.exception and not at.error
    preview = " ".join(t.value for t in at.text)
    assert "Partners: 1 nieuw, 1 gewijzigd, 0 verwijderd" in preview
    assert db.data_version() == version, "de preview mag niets opslaan"
    by_key(at.button, "pa_import_toepassen").click().run()
    assert not at.exception
    assert db.get("partners", "NEW1")[0].name == "Nieuwe buurtvereniging"
    assert db.get("partners", changed.id)[0].name == "Hernoemde partner"


def test_upload_with_errors_is_refused_with_dutch_messages(db):
    coalition = db.load_coalition()
    data = _partners_csv(coalition.partners).replace(
        f",{coalition.partners[0].sector},".encode(), b",bakkerij,", 1)
    version = db.data_version()
    at = run_app("pages/partners_aanbod.py", session=ME)
    by_key(at.selectbox, "pa_import_soort").set_value("partners").run()
    at.get("file_uploader")[0].set_value(("partners.csv", data, "text/csv")).run()
    assert not at.exception
    assert any("niet ingelezen" in e.value for e in at.error)
    problems = at.dataframe[-1].value
    assert (problems["Waarde"] == "bakkerij").any()
    assert not [b for b in at.button if b.key == "pa_import_toepassen"]
    assert db.data_version() == version


def test_save_over_someone_elses_change_is_refused(db):
    import dataclasses
    coalition = db.load_coalition()
    offer = coalition.offers[0]
    at = run_app("pages/partners_aanbod.py", session=ME)
    by_key(at.selectbox, "pa_offers_kies").set_value((offer.id,)).run()
    form = f"pa_offers_form_{offer.id}"
    # Meanwhile, someone else renames the offer.
    db.save("offers", dataclasses.replace(offer, name="Andermans naam"), author="Anna",
            expected_version=db.get("offers", offer.id)[1])
    by_key(at.text_input, f"{form}_capacity").set_value("12")
    [b for b in at.button if b.label == "Opslaan"][1].click().run()
    assert not at.exception
    assert any("intussen gewijzigd" in e.value and "Anna" in e.value for e in at.error), \
        [e.value for e in at.error]
    stored, _ = db.get("offers", offer.id)
    assert stored.name == "Andermans naam" and stored.capacity == offer.capacity
    # Reloading shows the other person's change and then saving works.
    by_key(at.button, f"_{form}_herladen").click().run()
    assert by_key(at.text_input, f"{form}_name").value == "Andermans naam"
    by_key(at.text_input, f"{form}_capacity").set_value("12")
    [b for b in at.button if b.label == "Opslaan"][1].click().run()
    assert db.get("offers", offer.id)[0].capacity == 12


def test_new_referral_starts_empty_and_refuses_a_loop(db):
    version = db.data_version()
    coalition = db.load_coalition()
    pid = coalition.partners[0].id
    at = run_app("pages/partners_aanbod.py", session=ME)
    form = "pa_referrals_form_nieuw"
    assert by_key(at.selectbox, f"{form}_from_partner").value is None
    assert by_key(at.selectbox, f"{form}_to_partner").value is None
    from coalition_map.ui.records import parse_form
    obj, problems = parse_form("referrals", {"from_partner": pid, "to_partner": pid,
                                             "kind": "verwijst", "agreement": "geen"})
    assert any(p.is_error and "dezelfde partner" in p.message for p in problems)
    assert db.data_version() == version


def test_past_end_date_is_a_warning(db):
    from coalition_map.ui.records import parse_form
    texts = {"id": "X1", "partner_id": "P01", "name": "Oud project", "kind": "ontmoeting",
             "delivered_by": "vrijwilliger", "end_date": "01-01-2020"}
    obj, problems = parse_form("offers", texts)
    warnings = [p.message for p in problems if not p.is_error]
    assert obj is not None and any("einddatum (01-01-2020) ligt in het verleden" in w
                                   for w in warnings)
