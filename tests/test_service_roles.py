"""Roles enforced in the service layer, not only by hidden buttons (issue 13).

Each test calls the service the way a page does, as a logged-in actor, and
checks the Dutch refusal and that nothing was written.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from coalition_map.access import Actor, RoleEntry
from coalition_map.errors import NotAllowed
from coalition_map.model import Referral, Wijk
from coalition_map.service import open_service


@pytest.fixture
def svc(store_url):
    service = open_service(store_url)          # seeded with the example coalition
    yield service
    service.close()


def _offer_of(svc, partner_id, other=False):
    offers = svc.load_coalition().offers
    return next(o for o in offers if (o.partner_id != partner_id) == other)


def _refused(svc, write, match):
    before = svc.data_version()
    with pytest.raises(NotAllowed, match=match):
        write()
    assert svc.data_version() == before       # nothing written, not even half


def test_a_kijker_is_refused_every_write(svc):
    kijker = Actor("wand@gemeente.nl", "Wand", "kijker")
    offer = svc.load_coalition().offers[0]
    version = svc.get("offers", offer.id)[1]
    _refused(svc, lambda: svc.save("offers", dataclasses.replace(offer, name="X"),
                                   actor=kijker, expected_version=version), "kijker")
    _refused(svc, lambda: svc.deactivate("offers", offer.id, actor=kijker,
                                         expected_version=version), "kijker")
    _refused(svc, lambda: svc.confirm_offer(offer.id, actor=kijker, expected_version=version),
             "kijker")
    preview = svc.preview_import(*svc.load())
    _refused(svc, lambda: svc.apply_import(*svc.load(), actor=kijker, based_on=preview),
             "kijker")


def test_a_partner_keeps_its_own_offers_and_is_refused_anothers(svc):
    own = _offer_of(svc, "P05")
    other = _offer_of(svc, "P05", other=True)
    anna = Actor("anna@welzijn.nl", "Anna", "partner", partner_id="P05")
    version = svc.get("offers", own.id)[1]
    new_version = svc.save("offers", dataclasses.replace(own, name="Koffie-uur"), actor=anna,
                           expected_version=version)
    assert svc.history("offers", own.id, limit=1)[0].author == "Anna <anna@welzijn.nl>"
    other_version = svc.get("offers", other.id)[1]
    message = (f"Niet toegestaan: als partner wijzigt u alleen de gegevens van uw eigen "
               f"organisatie \\(P05\\); aanbod {other.id} hoort bij {other.partner_id}.")
    _refused(svc, lambda: svc.save("offers", dataclasses.replace(other, name="Van mij"),
                                   actor=anna, expected_version=other_version), message)
    # taking it over by changing its partner is refused too (the stored one counts)
    _refused(svc, lambda: svc.save("offers", dataclasses.replace(other, partner_id="P05"),
                                   actor=anna, expected_version=other_version), message)
    _refused(svc, lambda: svc.delete("offers", other.id, actor=anna,
                                     expected_version=other_version), message)
    _refused(svc, lambda: svc.confirm_offer(other.id, actor=anna,
                                            expected_version=other_version), message)
    # undoing someone else's change to another partner's offer is refused
    bob = Actor("bob@gemeente.nl", "Bob", "redacteur")
    svc.save("offers", dataclasses.replace(other, name="Door Bob"), actor=bob,
             expected_version=other_version)
    change = svc.history("offers", other.id, limit=1)[0]
    _refused(svc, lambda: svc.undo(change.id, actor=anna), "hoort bij")
    # ... and the partner's own routes are not the partner's to change
    _refused(svc, lambda: svc.save("referrals", Referral("P05", other.partner_id, "meldt"),
                                   actor=anna, expected_version=0), "alleen uw eigen")
    assert svc.get("offers", own.id)[1] == new_version


def test_nog_steeds_juist_stamps_todays_date(svc):
    own = _offer_of(svc, "P05")
    anna = Actor("anna@welzijn.nl", "Anna", "partner", partner_id="P05")
    version = svc.get("offers", own.id)[1]
    svc.confirm_offer(own.id, actor=anna, expected_version=version,
                      today=dt.date(2026, 12, 3))
    assert svc.get("offers", own.id)[0].confirmed_on == dt.date(2026, 12, 3)


def test_a_redacteur_edits_network_and_plan_but_not_wijken_imports_or_roles(svc):
    bob = Actor("bob@gemeente.nl", "Bob", "redacteur")
    partners = [p.id for p in svc.load_coalition().partners]
    svc.save("referrals", Referral(partners[3], partners[4], "meldt", agreement="informeel"),
             actor=bob, expected_version=0)
    _refused(svc, lambda: svc.save("wijken", Wijk("WK77", "Nieuw"), actor=bob,
                                   expected_version=0), "als redacteur kunt u wijk niet")
    preview = svc.preview_import(*svc.load())
    _refused(svc, lambda: svc.apply_import(*svc.load(), actor=bob, based_on=preview),
             "bestanden importeren mag alleen een beheerder")
    _refused(svc, lambda: svc.set_role(RoleEntry("x@y.nl", "beheerder"), actor=bob,
                                       expected_version=0), "rollen toekennen")


def test_a_beheerder_keeps_the_role_table(svc):
    carla = Actor("carla@gemeente.nl", "Carla", "beheerder")
    svc.set_role(RoleEntry("anna@welzijn.nl", "partner", "P05"), actor=carla,
                 expected_version=0)
    assert svc.role_entries()["anna@welzijn.nl"].partner_id == "P05"
    assert svc.role_log()[0].author == "Carla <carla@gemeente.nl>"


def test_with_login_required_a_typed_name_cannot_write(svc):
    svc.logins_required = True
    _refused(svc, lambda: svc.save("wijken", Wijk("WK77", "Nieuw"), actor="Piet",
                                   expected_version=0), "log eerst in")
    svc.logins_required = False
    svc.save("wijken", Wijk("WK77", "Nieuw"), actor="Piet", expected_version=0)
