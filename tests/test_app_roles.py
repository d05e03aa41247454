"""Pages by role (issue 13): what each role is shown; local mode as before.

The login itself is tested in tests/browser/test_login.py through a real
provider; here the logged-in actor is put in place of the login step.
"""

from __future__ import annotations

import datetime as dt

import pytest
from app_helpers import by_key, db, run_app  # noqa: F401 (db is a fixture)

from coalition_map.access import Actor
from coalition_map.ui.state import AUTHOR_KEY


@pytest.fixture
def as_actor(monkeypatch):
    """Run the app as a logged-in actor (the login step replaced)."""
    import streamlit as st

    from coalition_map.ui import auth

    def use(actor):
        def identify():
            st.session_state[auth.ACTOR_KEY] = actor
            return actor
        monkeypatch.setattr(auth, "identify", identify)
    return use


def _texts(at) -> str:
    return " ".join(str(m.value) for m in [*at.markdown, *at.caption, *at.subheader,
                                           *at.title, *at.info, *at.warning])


def test_local_mode_confirms_an_offer_on_actueel_houden(db):
    at = run_app("pages/actueel.py", session={AUTHOR_KEY: "Bert"})
    assert at.title[0].value == "Actueel houden"
    first = next(b for b in at.button if b.key and b.key.startswith("ah_ok_"))
    offer_id = first.key.removeprefix("ah_ok_")
    first.click().run()
    offer, _ = db.get("offers", offer_id)
    assert offer.confirmed_on == dt.date.today()
    assert db.history("offers", offer_id, limit=1)[0].author == "Bert"


def test_a_partner_sees_its_own_offers_and_no_import(db, as_actor):
    as_actor(Actor("anna@welzijn.nl", "Anna", "partner", partner_id="P05"))
    at = run_app("pages/actueel.py")
    assert at.title[0].value == "Uw gegevens"
    own = {o.id for o in db.load_coalition().offers if o.partner_id == "P05"}
    shown = {b.key.removeprefix("ah_ok_") for b in at.button
             if b.key and b.key.startswith("ah_ok_")}
    assert shown and shown <= own
    at.switch_page("pages/partners_aanbod.py").run()
    assert "Inlezen" not in [t.label for t in at.tabs]
    picker = by_key(at.selectbox, "pa_offers_kies")
    assert len(picker.options) == 1 + len(own)  # "+ Nieuw" and its own offers only
    partner_picker = by_key(at.selectbox, "pa_partners_kies")
    assert len(partner_picker.options) == 1     # only its own organisation, nothing new


def test_a_kijker_gets_no_edit_controls(db, as_actor):
    as_actor(Actor("wand@gemeente.nl", "Wand", "kijker"))
    at = run_app("pages/partners_aanbod.py")
    assert "Bewerken" not in [s.value for s in at.subheader]
    assert "Inlezen" not in [t.label for t in at.tabs]
    at.switch_page("pages/stappenplan.py").run()
    assert "U bent ingelogd als kijker" in _texts(at)
    at.switch_page("pages/rollen.py").run()
    assert "Alleen een beheerder kent rollen toe." in _texts(at)


def test_a_beheerder_gives_a_role_on_the_rollen_page(db, as_actor):
    as_actor(Actor("carla@gemeente.nl", "Carla", "beheerder"))
    at = run_app("pages/rollen.py")
    at.text_input[0].input("Anna@Welzijn.nl")
    at.selectbox[0].select("partner")
    at.selectbox[1].select("P05")
    at.button[0].click().run()
    from coalition_map.store.roles import role_table
    entry, _ = role_table(db)["anna@welzijn.nl"]
    assert (entry.role, entry.partner_id) == ("partner", "P05")


def test_overzicht_names_offers_not_confirmed_for_a_year(db):
    from coalition_map.freshness import unconfirmed_offers
    stale = unconfirmed_offers(db.load_coalition().offers)
    at = run_app()
    assert any(f"{len(stale)} aanbod is langer dan een jaar" in w.value for w in at.warning)


def test_a_partner_saves_its_relationship_answers_on_uw_gegevens(db, as_actor):
    as_actor(Actor("anna@welzijn.nl", "Anna", "partner", partner_id="P05"))
    mine = sorted((a for a in db.load_coalition().relationships
                   if a.round == "2026" and a.respondent == "P05"), key=lambda a: a.partner)
    at = run_app("pages/actueel.py")
    assert "Relatiemeting invullen" in [s.value for s in at.subheader]
    assert at.text_input(key="ah_rm_ronde").value == "2026"
    by_key(at.button, "ah_rm_opslaan").click().run()
    assert any("antwoorden bewaard voor ronde 2026" in s.value for s in at.success)
    again = sorted((a for a in db.load_coalition().relationships
                    if a.round == "2026" and a.respondent == "P05"), key=lambda a: a.partner)
    assert [(a.partner, a.know, a.open_communication) for a in again] == \
        [(a.partner, a.know, a.open_communication) for a in mine]
