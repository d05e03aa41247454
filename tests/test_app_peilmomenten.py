"""AppTest: the coordinator takes a peilmoment with the button and compares it with now."""

from __future__ import annotations

import dataclasses

from app_helpers import by_key, db, metric, run_app  # noqa: F401 (db is a fixture)

from coalition_map.store import snapshots as snaps
from coalition_map import peilmomenten as pm
from coalition_map.store.snapshots import list_snapshots
from coalition_map.ui.state import AUTHOR_KEY


EXAMPLE = ["Nulmeting november 2025", "Peilmoment november 2026"]


def test_the_example_ships_two_peilmomenten_a_year_apart(db):
    infos = list_snapshots(db)
    assert [s.name for s in infos] == EXAMPLE
    assert (infos[1].taken_at - infos[0].taken_at).days in range(350, 380)
    diff = pm.compare(snaps.load(db, EXAMPLE[0]), snaps.load(db, EXAMPLE[1]))
    assert diff.closed and diff.partners_added and diff.routes_gained


def test_button_takes_a_snapshot_and_the_comparison_shows_a_lost_partner(db):
    at = run_app("pages/peilmomenten.py", session={AUTHOR_KEY: "Anna"})
    assert [t.value for t in at.title] == ["Peilmomenten"]
    by_key(at.text_input, "pm_naam").set_value("Nulmeting").run()
    by_key(at.button, "peil_vastleggen").click().run()
    assert not at.exception and not at.error
    assert [s.name for s in list_snapshots(db)] == [*EXAMPLE, "Nulmeting"]
    assert any("Nulmeting" in s.value and "vastgelegd" in s.value for s in at.success)

    # the same name twice: a Dutch refusal, nothing stored
    by_key(at.text_input, "pm_naam").set_value("Nulmeting").run()
    by_key(at.button, "peil_vastleggen").click().run()
    assert any("al een peilmoment" in e.value for e in at.error)
    assert len(list_snapshots(db)) == 3

    # a partner stops: the comparison Nulmeting -> nu shows it
    partner, version = db.records("partners")[0]
    db.save("partners", dataclasses.replace(partner, active=False), author="Anna",
            expected_version=version)
    at = run_app("pages/peilmomenten.py", session={AUTHOR_KEY: "Anna"})
    by_key(at.selectbox, "pm_van").set_value("Nulmeting").run()
    assert by_key(at.selectbox, "pm_naar").value == pm.LIVE
    assert metric(at, "Partners erbij / gestopt") == "0 / 1"
    shown = [df.value for df in at.dataframe]
    assert any("Naam" in f.columns and partner.name in set(f["Naam"]) for f in shown)


def test_the_self_assessment_is_saved_with_a_peilmoment_and_scored(db):
    snaps.take_snapshot(db, "Start", author="Anna")
    at = run_app("pages/peilmomenten.py", session={AUTHOR_KEY: "Anna"})   # the last: Start (2)
    for code, value in (("1", 6), ("2", 8), ("9", 4)):
        by_key(at.select_slider, f"peil_vk_2_{code}_score").set_value(value)
    by_key(at.checkbox, "peil_vk_2_9_w").check()
    by_key(at.checkbox, "peil_vk_2_9_m").check()
    at.button[-1].click().run()       # the form's submit button
    assert not at.exception and not at.error, [e.value for e in at.error]
    stored = snaps.load(db, "Start").verankering
    assert stored["1"]["score"] == 6 and stored["9"] == {"score": 4, "wenselijk": True,
                                                         "mogelijk": True}
    assert any("totaal 6.0" in s.value for s in at.success)   # (6 + 8 + 4) / 3
    scores = next(df.value for df in at.dataframe if "Totaal (1-10)" in df.value.columns)
    assert scores.set_index("Peilmoment").loc["Start", "Totaal (1-10)"] == 6.0
    assert any("Leiderschap" in w.value for w in at.warning)   # low, wenselijk and mogelijk
