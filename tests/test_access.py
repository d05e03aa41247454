"""The role rules of coalition_map.access: who may change what (issue 13)."""

from __future__ import annotations

import pytest

from coalition_map import access, model
from coalition_map.access import (BACKUP, CONFIRM, DELETE, IMPORT, MANAGE_ROLES, SAVE, UNDO,
                                  UNDO_IMPORT, Actor, RoleEntry, actor_from_claims, refusal)

KIJKER = Actor("wand@gemeente.nl", "Vergaderscherm", "kijker")
PARTNER = Actor("anna@welzijn.nl", "Anna", "partner", partner_id="P01")
UNLINKED = Actor("nieuw@welzijn.nl", "Nieuw", "partner")
REDACTEUR = Actor("bob@gemeente.nl", "Bob", "redacteur")
BEHEERDER = Actor("carla@gemeente.nl", "Carla", "beheerder")

OWN_PARTNER = model.Partner("P01", "Welzijn Noord", "welzijn")
OTHER_PARTNER = model.Partner("P02", "GGZ", "ggz")
OWN_OFFER = model.Offer("A01", "P01", "Koffie", "ontmoeting", "vrijwilliger")
OTHER_OFFER = model.Offer("A02", "P02", "Maatje", "maatje", "vrijwilliger")
REFERRAL = model.Referral("P01", "P02", "meldt")
WIJK = model.Wijk("WK01", "Noord")

RECORDS = {"partners": OWN_PARTNER, "offers": OWN_OFFER, "referrals": REFERRAL,
           "wijken": WIJK, "coalition": model.CoalitionInfo(),
           "plan_steps": model.PlanStep(1), "plan_choices": model.PlanChoices(),
           "decisions": model.Decision("B01", None, 1, "x"), "actions": model.Action("X1", "y")}


@pytest.mark.parametrize("kind", list(RECORDS))
@pytest.mark.parametrize("action", [SAVE, DELETE, UNDO])
def test_a_kijker_changes_nothing(kind, action):
    assert "kijker" in refusal(KIJKER, action, kind, RECORDS[kind])


@pytest.mark.parametrize("action", [IMPORT, UNDO_IMPORT, BACKUP, MANAGE_ROLES])
def test_imports_backups_and_roles_are_for_the_beheerder_only(action):
    for actor in (PARTNER, REDACTEUR):
        assert "alleen een beheerder" in refusal(actor, action)
    assert refusal(BEHEERDER, action) is None


@pytest.mark.parametrize("kind", list(RECORDS))
def test_a_beheerder_may_change_everything(kind):
    for action in (SAVE, DELETE, UNDO, CONFIRM):
        assert refusal(BEHEERDER, action, kind, RECORDS[kind]) is None


@pytest.mark.parametrize("kind,allowed", [
    ("partners", True), ("offers", True), ("referrals", True), ("plan_steps", True),
    ("plan_choices", True), ("decisions", True), ("actions", True),
    ("wijken", False), ("coalition", False)])
def test_a_redacteur_edits_the_network_and_the_plan_not_the_coalitions_own_data(kind, allowed):
    assert (refusal(REDACTEUR, SAVE, kind, RECORDS[kind]) is None) is allowed
    assert (refusal(REDACTEUR, UNDO, kind, RECORDS[kind]) is None) is allowed


def test_a_partner_edits_its_own_organisation_and_offers():
    for action in (SAVE, CONFIRM, UNDO):
        assert refusal(PARTNER, action, "partners", OWN_PARTNER) is None
        assert refusal(PARTNER, action, "offers", OWN_OFFER) is None
    assert refusal(PARTNER, DELETE, "offers", OWN_OFFER) is None


def test_a_partner_cannot_touch_another_partners_record_or_offer():
    text = refusal(PARTNER, SAVE, "offers", OTHER_OFFER)
    assert text == ("Niet toegestaan: als partner wijzigt u alleen de gegevens van uw eigen "
                    "organisatie (P01); aanbod A02 hoort bij P02.")
    assert "partner P02 hoort bij P02" in refusal(PARTNER, SAVE, "partners", OTHER_PARTNER)
    assert refusal(PARTNER, CONFIRM, "offers", OTHER_OFFER)
    assert refusal(PARTNER, DELETE, "offers", OTHER_OFFER)


def test_a_partner_cannot_move_an_offer_to_or_from_its_organisation():
    taken = model.replace(OTHER_OFFER, partner_id="P01")       # steal P02's offer
    assert "A02 hoort bij P02" in refusal(PARTNER, SAVE, "offers", taken, current=OTHER_OFFER)
    given = model.replace(OWN_OFFER, partner_id="P02")         # hand one's own away
    assert "A01 hoort bij P02" in refusal(PARTNER, SAVE, "offers", given, current=OWN_OFFER)


@pytest.mark.parametrize("kind", ["referrals", "wijken", "plan_steps", "decisions", "actions"])
def test_a_partner_does_not_edit_routes_wijken_or_the_plan(kind):
    assert "alleen uw eigen organisatie" in refusal(PARTNER, SAVE, kind, RECORDS[kind])


def test_a_partner_login_without_organisation_is_refused_with_what_to_do():
    assert "aan geen organisatie gekoppeld" in refusal(UNLINKED, SAVE, "offers", OWN_OFFER)


def test_a_partner_does_not_delete_its_own_organisation():
    assert "beheerder" in refusal(PARTNER, DELETE, "partners", OWN_PARTNER)


def test_page_level_edit_rights_follow_the_record_rules():
    for actor in (KIJKER, PARTNER, REDACTEUR, BEHEERDER, UNLINKED):
        for kind, record in RECORDS.items():
            if refusal(actor, SAVE, kind, record) is None:
                assert access.may_edit_kind(actor, kind), (actor.role, kind)
    assert not access.may_edit_kind(UNLINKED, "offers")


def test_the_role_table_comes_before_the_claim_and_unknown_people_only_read():
    table = {"anna@welzijn.nl": RoleEntry("anna@welzijn.nl", "partner", "P01", "Anna W.")}
    claims = {"sub": "123", "email": "ANNA@welzijn.nl", "coalitie_rol": "beheerder"}
    anna = actor_from_claims(claims, table)
    assert (anna.login, anna.role, anna.partner_id, anna.name) == (
        "anna@welzijn.nl", "partner", "P01", "Anna W.")
    assert actor_from_claims({"sub": "999"}).role == "kijker"
    assert actor_from_claims({"sub": "9", "coalitie_rol": ["kijker", "redacteur"]}).role == \
        "redacteur"
    assert actor_from_claims({"sub": "9", "rol": "redacteur"}, role_claim="rol").role == \
        "redacteur"


def test_history_records_the_login_not_a_typed_name():
    assert REDACTEUR.author == "Bob <bob@gemeente.nl>"
    assert access.local_actor("Piet").author == "Piet"


def test_an_unknown_role_is_an_error():
    with pytest.raises(ValueError, match="onbekende rol"):
        Actor("x", "X", "keizer")
