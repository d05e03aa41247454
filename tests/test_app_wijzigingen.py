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
    by_key(at.selectbox, "wz_ongedaan").set_value(db.change(change_id)).run()
    by_key(at.button, "wz_ongedaan_knop").click().run()
    assert not at.exception and not at.error
    assert db.get("partners", partner.id)[0].name == partner.name
    assert any("Ongedaan gemaakt" in s.value for s in at.success)
