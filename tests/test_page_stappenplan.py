"""The Stappenplan page in Streamlit's AppTest, on the example data in a fresh store."""

from __future__ import annotations

import datetime as dt

import pytest

pytest.importorskip("streamlit")
from streamlit.testing.v1 import AppTest  # noqa: E402

from app_helpers import plain  # noqa: E402
from coalition_map.paths import REPO_ROOT  # noqa: E402
from coalition_map.stappenplan import STEPS, meeting_overview  # noqa: E402

PAGE = str(REPO_ROOT / "pages" / "stappenplan.py")


@pytest.fixture
def db(tmp_path, monkeypatch):
    path = tmp_path / "stappenplan.sqlite"
    monkeypatch.setenv("COALITION_MAP_DB", str(path))
    return str(path)


def _store(db):
    from coalition_map.store import open_store
    return open_store(db)


def _expected(db):
    from coalition_map.analysis import analyze
    store = _store(db)
    try:
        coalition, plan = store.load_coalition(), store.load_plan()
    finally:
        store.close()
    today = dt.date.today()
    return meeting_overview(plan, coalition, analyze(coalition, today=today), today), plan


def _app(author="Tester", meeting=False):
    at = AppTest.from_file(PAGE, default_timeout=120)
    if author:
        at.session_state["auteur"] = author
    at.session_state["vergadermodus"] = meeting
    return at


def test_page_shows_overview_with_the_package_numbers(db):
    at = _app().run()
    assert not at.exception
    ov, _plan = _expected(db)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Open acties"] == str(ov.open_count)
    assert metrics["Te laat"] == str(ov.overdue_count)
    assert metrics["Afgerond"] == str(ov.done_count)
    total = len(ov.gaps_without_action) + len(ov.gaps_with_action)
    assert metrics["Gaten zonder actie"] == f"{len(ov.gaps_without_action)} van {total}"
    assert [e.label.split(" – ")[0] for e in at.expander] == [
        f"{s.number}. {s.title}" for s in STEPS]
    assert at.button(key="knop_sp_gat_actie")        # one-click action for a gap
    assert any(b.label.startswith("Plan downloaden") for b in at.get("download_button"))


def test_one_click_action_for_a_gap(db):
    at = _app().run()
    before, plan_before = _expected(db)
    first = before.gaps_without_action[0]
    at.button(key="knop_sp_gat_actie").click().run()
    assert not at.exception
    after, plan_after = _expected(db)
    assert len(plan_after.actions) == len(plan_before.actions) + 1
    new = plan_after.actions[-1]
    assert (new.wijk, new.profile, new.step, new.onderdeel) == (
        first.wijk, first.profile, 5, "ondersteunen")
    assert len(after.gaps_without_action) == len(before.gaps_without_action) - 1
    assert {m.label: m.value for m in at.metric}["Gaten zonder actie"].split(" van ")[0] == \
        str(len(after.gaps_without_action))
    assert any(new.id in plain(s.value) for s in at.success)


def test_saving_a_step(db):
    at = _app().run()
    at.checkbox(key="sp_stap6_punt0").check()
    at.selectbox(key="sp_stap6_status").set_value("bezig")
    at.text_area(key="sp_stap6_notities").input("Eerste gesprek met de wethouder gepland")
    at.expander[5].button[0].click().run()
    assert not at.exception
    _ov, plan = _expected(db)
    step = next(s for s in plan.steps if s.number == 6)
    assert step.status == "bezig" and step.checked == (0,)
    assert step.notes == "Eerste gesprek met de wethouder gepland"


def test_meeting_mode_hides_editing(db):
    at = _app(meeting=True).run()
    assert not at.exception
    assert not [b for b in at.button if b.key == "knop_sp_gat_actie"]
    assert len(at.checkbox) == 0 and len(at.text_area) == 0
    assert at.metric                                   # the overview is still there


def test_adding_an_action_with_the_form(db):
    at = _app().run()
    _ov, plan = _expected(db)
    from coalition_map.stappenplan import next_action_id
    new_id = next_action_id(plan)
    at.text_input(key="sp_actie_nieuw_titel").input("Folder sociale kaart naar huisartsen")
    at.selectbox(key="sp_actie_nieuw_onderdeel").set_value("vindbaarheid")
    owner = plan.actions[0].owner_partner
    at.selectbox(key="sp_actie_nieuw_trekker").set_value(owner)
    at.date_input(key="sp_actie_nieuw_deadline").set_value(dt.date(2030, 1, 31))
    at.number_input(key="sp_actie_nieuw_budget").set_value(250.0)
    next(b for b in at.button if b.label == "Actie opslaan").click().run()
    assert not at.exception
    _ov, after = _expected(db)
    saved = after.actions[-1]
    assert saved.id == new_id and saved.title == "Folder sociale kaart naar huisartsen"
    assert (saved.onderdeel, saved.owner_partner, saved.deadline, saved.budget, saved.step) == (
        "vindbaarheid", owner, dt.date(2030, 1, 31), 250.0, 5)


def test_recording_a_decision(db):
    at = _app().run()
    _ov, plan = _expected(db)
    at.text_area(key="sp_besluit_tekst").input("Budget voor de Week tegen Eenzaamheid vrijgemaakt")
    at.selectbox(key="sp_besluit_stap").set_value(5)
    next(b for b in at.button if b.label == "Besluit opslaan").click().run()
    assert not at.exception
    _ov, after = _expected(db)
    assert len(after.decisions) == len(plan.decisions) + 1
    new = after.decisions[-1]
    assert new.text == "Budget voor de Week tegen Eenzaamheid vrijgemaakt" and new.step == 5
    assert new.id not in {d.id for d in plan.decisions}


# --- someone else saves while the form is open -------------------------------------------

def _change_behind_its_back(db, kind, key, **values):
    """Another coordinator (own store, own connection) saves the record."""
    import dataclasses
    other = _store(db)
    try:
        obj, version = other.get(kind, key)
        other.save(kind, dataclasses.replace(obj, **values), author="Anna",
                   expected_version=version)
    finally:
        other.close()


def _stored(db, kind, key=None):
    store = _store(db)
    try:
        return store.get(kind, key)[0]
    finally:
        store.close()


def test_a_step_changed_meanwhile_is_refused_not_overwritten(db):
    at = _app().run()
    _change_behind_its_back(db, "plan_steps", 6, notes="Notitie van Anna")
    at.text_area(key="sp_stap6_notities").input("Mijn notitie")
    at.selectbox(key="sp_stap6_status").set_value("afgerond")
    at.expander[5].button[0].click().run()
    assert not at.exception
    errors = [plain(e.value) for e in at.error]
    assert any(e.startswith("Niet opgeslagen: stap 6 is intussen gewijzigd door Anna (op ")
               and "Notities: " in e and "Notitie van Anna" in e for e in errors), errors
    assert not at.success
    stored = _stored(db, "plan_steps", 6)
    assert stored.notes == "Notitie van Anna" and stored.status != "afgerond"
    # The form keeps what was typed; reloading shows Anna's note, then saving works.
    assert at.text_area(key="sp_stap6_notities").value == "Mijn notitie"
    at.button(key="_sp_stap6_herladen").click().run()
    assert at.text_area(key="sp_stap6_notities").value == "Notitie van Anna"
    at.text_area(key="sp_stap6_notities").input("Notitie van Anna. En de mijne.")
    at.expander[5].button[0].click().run()
    assert not at.error
    assert _stored(db, "plan_steps", 6).notes == "Notitie van Anna. En de mijne."


def test_keuzes_changed_meanwhile_are_refused_not_overwritten(db):
    at = _app().run()
    _change_behind_its_back(db, "plan_choices", None, approach="preventie")
    at.text_area(key="sp_keuzes_notities").input("Mijn notitie bij de keuzes")
    next(b for b in at.button if b.label == "Keuzes opslaan").click().run()
    assert not at.exception
    errors = [plain(e.value) for e in at.error]
    assert any(e.startswith("Niet opgeslagen: plankeuzes zijn intussen gewijzigd door Anna")
               for e in errors), errors
    assert any("intussen gewijzigd door Anna (op " in plain(w.value) for w in at.warning)
    stored = _stored(db, "plan_choices")
    assert stored.approach == "preventie" and stored.notes != "Mijn notitie bij de keuzes"


def test_an_action_changed_meanwhile_is_refused_not_overwritten(db):
    at = _app().run()
    _ov, plan = _expected(db)
    action = plan.actions[0]
    at.selectbox(key="sp_actie_kies").set_value(action.id).run()
    _change_behind_its_back(db, "actions", action.id, status="afgerond")
    at.text_area(key=f"sp_actie_{action.id}_notities").input("Bijgewerkt door mij")
    next(b for b in at.button if b.label == "Actie opslaan").click().run()
    assert not at.exception
    assert any(f"actie {action.id} is intussen gewijzigd door Anna" in plain(e.value)
               for e in at.error), [e.value for e in at.error]
    stored = _stored(db, "actions", action.id)
    assert stored.status == "afgerond" and stored.notes == action.notes
