"""AppTest: Wijzigingen shows the store's history and undoes a change."""

from __future__ import annotations

import dataclasses

from app_helpers import by_key, db, run_app  # noqa: F401 (db is a fixture)

from coalition_map.ui.state import AUTHOR_KEY


def test_latest_changes_and_undo(db):
    coalition = db.load_coalition()
    partner = coalition.partners[0]
    db.save("partners", dataclasses.replace(partner, name="Nieuwe naam"), author="Anna",
            expected_version=db.get("partners", partner.id)[1])
    at = run_app("pages/wijzigingen.py", session={AUTHOR_KEY: "Bert"})
    assert [t.value for t in at.title] == ["Wijzigingen"]
    latest = at.dataframe[0].value
    assert latest.iloc[0]["Door"] == "Anna"
    assert "Nieuwe naam" in latest.iloc[0]["Wat"]
    change_id = db.latest_changes(1)[0].id
    by_key(at.selectbox, "wz_ongedaan").set_value(change_id).run()
    by_key(at.button, "wz_ongedaan_knop").click().run()
    assert not at.exception and not at.error
    assert db.get("partners", partner.id)[0].name == partner.name
    assert any("Ongedaan gemaakt" in s.value for s in at.success)


def test_history_of_one_record_picked_by_key(db):
    """The record picker offers every record by its stored key (titles with names); the
    history shown is that record's, and a later save shows on the next run (cache keyed on
    the data version)."""
    from coalition_map.service import Service
    coalition = db.load_coalition()
    offer = coalition.offers[-1]
    at = run_app("pages/wijzigingen.py", session={AUTHOR_KEY: "Bert"})
    by_key(at.selectbox, "wz_soort").set_value("offers").run()
    picker = by_key(at.selectbox, "wz_record")
    assert len(picker.options) == len(coalition.offers)
    assert f"{offer.name} ({offer.id})" in picker.options
    picker.set_value(Service.key_json("offers", offer)).run()
    assert not at.dataframe[1].value["Wat"].str.contains("Andere naam").any()
    db.save("offers", dataclasses.replace(offer, name="Andere naam"), author="Anna",
            expected_version=db.get("offers", offer.id)[1])
    at.run()
    mine = at.dataframe[1].value
    assert mine.iloc[0]["Door"] == "Anna" and "Andere naam" in mine.iloc[0]["Wat"]
    assert set(mine["Betreft"]) <= {offer.name, "Andere naam"}


def test_a_decision_is_named_by_its_text_not_its_code(db):
    """Besluiten have no name: the history shows (the start of) their text, not "B04"."""
    from coalition_map import model
    decision = model.Decision("B77", None, 4, "We vragen de bibliotheek om een leesgroep "
                              "voor ouderen in De Akkers")
    db.save("decisions", decision, author="Anna", expected_version=0)
    at = run_app("pages/wijzigingen.py")
    latest = at.dataframe[0].value
    assert latest.iloc[0]["Soort"] == "Besluiten"
    assert latest.iloc[0]["Betreft"].startswith("We vragen de bibliotheek"), latest.iloc[0]
