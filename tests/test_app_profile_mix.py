"""AppTest: the profile mix on Overzicht and Dekking, with local numbers (issue 3)."""

from __future__ import annotations

from app_helpers import assert_clean, by_key, db, metric, run_app  # noqa: F401 (db fixture)

from coalition_map.analysis import PROFILE_MIXES, analyze
from coalition_map.analysis.priority import custom_mix
from coalition_map.typology import PROFILES
from coalition_map.ui.state import CUSTOM_MIX, MEETING_KEY

ONLY_OVERLEVERS = {"overlevers": 100.0}


def _choose_own(at, prefix: str, numbers: dict):
    by_key(at.selectbox, prefix + "mix").set_value(CUSTOM_MIX).run()
    assert_clean(at)
    for code, value in numbers.items():
        by_key(at.number_input, f"{prefix}mix_eigen_{code}").set_value(value)
    at.run()
    assert_clean(at)
    return at


def test_mix_labels_come_from_the_analysis(db):
    at = run_app()
    box = by_key(at.selectbox, "ov_mix")
    assert box.options == [PROFILE_MIXES[c].label for c in PROFILE_MIXES] + [
        custom_mix({}).label]
    assert "verdeling in de Rotterdamse pilot, geen prevalentie" in box.options
    assert any(o.startswith("eigen verdeling (lokale cijfers") for o in box.options)


def test_own_mix_without_numbers_does_not_fail(db):
    coalition = db.load_coalition()
    at = run_app()
    by_key(at.selectbox, "ov_mix").set_value(CUSTOM_MIX).run()
    assert_clean(at)
    assert any("nog geen cijfers" in w.value for w in at.warning)
    expected = analyze(coalition).gaps      # falls back to the equal mix
    gaps = at.dataframe[0].value
    assert list(gaps["Onvervulde behoefte"]) == [round(g.unmet) for g in expected[:10]]


def test_overzicht_ranks_gaps_by_the_local_numbers(db):
    coalition = db.load_coalition()
    at = _choose_own(run_app(), "ov_", ONLY_OVERLEVERS)
    focus = db.load_plan().choices         # the app ranks gaps in focus wijken first
    expected = analyze(coalition, mix=CUSTOM_MIX, custom_mix=ONLY_OVERLEVERS, focus=focus).gaps
    assert expected != analyze(coalition, focus=focus).gaps
    gaps = at.dataframe[0].value
    assert list(gaps["Wijk"]) == [coalition.wijk(g.wijk).name for g in expected[:10]]
    assert list(gaps["Profiel"]) == [PROFILES[g.profile].name for g in expected[:10]]
    assert list(gaps["Onvervulde behoefte"]) == [round(g.unmet) for g in expected[:10]]
    assert list(gaps.loc[gaps["Profiel"] != PROFILES["overlevers"].name,
                         "Geschatte mensen"]) == [0] * int(
        (gaps["Profiel"] != PROFILES["overlevers"].name).sum())
    # The caption names the mix used.
    assert any(custom_mix({}).label in c.value for c in at.caption)


def test_dekking_estimates_zero_people_outside_the_local_profile(db):
    coalition = db.load_coalition()
    analysis = analyze(coalition, mix=CUSTOM_MIX, custom_mix=ONLY_OVERLEVERS)
    gap = next(g for g in analyze(coalition).gaps if g.profile != "overlevers"
               and g.estimated_people > 0)
    at = run_app("pages/dekking.py")
    by_key(at.selectbox, "dek_wijk").set_value(gap.wijk)
    by_key(at.selectbox, "dek_profiel").set_value(gap.profile).run()
    assert metric(at, "Geschat aantal ernstig eenzamen") != "0"
    _choose_own(at, "dek_", ONLY_OVERLEVERS)
    assert metric(at, "Geschat aantal ernstig eenzamen") == "0"
    by_key(at.selectbox, "dek_profiel").set_value("overlevers").run()
    people = analysis.cells[gap.wijk, "overlevers"].estimated_people
    assert metric(at, "Geschat aantal ernstig eenzamen") == f"{people:,.0f}".replace(",", ".")


def test_own_mix_stays_in_meeting_mode(db):
    coalition = db.load_coalition()
    at = _choose_own(run_app(), "ov_", {"actieven": 3, "overlevers": 1})
    at.session_state[MEETING_KEY] = True
    at.run()
    assert_clean(at)
    assert not [b for b in at.selectbox if b.key == "ov_mix"]
    expected = analyze(coalition, custom_mix={"actieven": 3, "overlevers": 1},
                       focus=db.load_plan().choices).gaps
    gaps = at.table[0].value
    assert list(gaps["Onvervulde behoefte"]) == [round(g.unmet) for g in expected[:10]]
