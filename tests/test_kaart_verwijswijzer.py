"""The verwijswijzer against the typology, for all eight profiles."""

from __future__ import annotations

import itertools

import pytest
from test_kaart_fixture import RUNNING_IN, TODAY, make_coalition

from coalition_map.kaart.verwijswijzer import fitting_offers, profile_from_answers
from coalition_map.typology import DELIVERY, OFFER_KINDS, PROFILES, profile_for

GROUP_KINDS = {t.code for t in OFFER_KINDS if t.facts.get("group")}
VOLUNTEER = {t.code for t in DELIVERY if t.facts.get("volunteer")}
SPEC_WITH_PRO = {t.code for t in DELIVERY if t.facts.get("specialised")
                 and t.facts.get("professional")}

#: By hand from the fixture: the offers that serve each profile fully, per wijk.
#: An offer that names profiles serves only those (issue 9).
EXPECTED = {
    ("WK01", "actieven"): {"A01", "A03"},             # A02 names other profiles
    ("WK01", "geborgenen"): {"A02", "A03"},
    ("WK01", "achterblijvers"): {"A03", "A04"},       # A01 in part, A08 a course
    ("WK01", "afhankelijken"): {"A02", "A03", "A04"},
    ("WK01", "compenseerders"): {"A03", "A04"},
    ("WK01", "buitenstaanders"): {"A03", "A04"},      # A02 is volunteer-run
    ("WK01", "hoopvollen"): {"A03", "A04", "A06"},
    ("WK01", "overlevers"): {"A03", "A04"},
    ("WK02", "hoopvollen"): {"A04", "A06"},           # A05: specialised volunteer alone
    ("WK02", "afhankelijken"): {"A02", "A04", "A07"},
}


@pytest.mark.parametrize("wijk,profile", sorted(EXPECTED))
def test_fitting_offers_by_hand(wijk, profile):
    result = fitting_offers(make_coalition(), wijk, profile, TODAY)
    assert {o.id for o in result.fitting} == EXPECTED[(wijk, profile)]


@pytest.mark.parametrize("profile", list(PROFILES))
@pytest.mark.parametrize("wijk", sorted(RUNNING_IN))
def test_every_profile_obeys_the_typology(wijk, profile):
    coalition = make_coalition()
    result = fitting_offers(coalition, wijk, profile, TODAY)
    for offer in result.fitting + [x.offer for x in result.limited]:
        assert offer.id in RUNNING_IN[wijk]
        if profile == "afhankelijken":
            assert offer.kind not in GROUP_KINDS
        if profile == "achterblijvers":
            assert offer.kind != "cursus"
        if profile in ("compenseerders", "buitenstaanders"):
            assert offer.delivered_by not in VOLUNTEER
        if profile in ("hoopvollen", "overlevers"):
            assert offer.delivered_by not in ("vrijwilliger", "gespecialiseerde_vrijwilliger")
        if offer.profiles:
            assert profile in offer.profiles
        else:
            assert set(offer.intervention_types) & set(PROFILES[profile].fitting_types)
    for excluded in result.excluded:
        assert excluded.offer.id in RUNNING_IN[wijk]
        assert excluded.reasons and all(PROFILES[profile].name in r for r in excluded.reasons)
    served = [o.id for o in result.fitting] + [x.offer.id for x in result.limited]
    assert not set(served) & {e.offer.id for e in result.excluded}
    assert len(served) == len(set(served))


def test_exclusions_and_limits_are_reported_with_reason():
    result = fitting_offers(make_coalition(), "WK01", "buitenstaanders", TODAY)
    assert {e.offer.id for e in result.excluded} == {"A02"}
    assert "vrijwilligers" in result.excluded[0].reasons[0]
    result = fitting_offers(make_coalition(), "WK01", "achterblijvers", TODAY)
    assert {e.offer.id for e in result.excluded} == {"A08"}
    assert "cursus" in result.excluded[0].reasons[0]
    assert [x.offer.id for x in result.limited] == ["A01"]
    assert "op termijn" in result.limited[0].reasons[0]


def test_unknown_answers_give_the_candidate_profiles():
    from coalition_map.kaart.verwijswijzer import profiles_from_answers
    assert [p.code for p in profiles_from_answers(None, False, None)] == [
        "geborgenen", "afhankelijken", "buitenstaanders", "overlevers"]
    assert [p.code for p in profiles_from_answers(True, False, True)] == ["buitenstaanders"]


def test_three_answers_give_the_typology_profile():
    for s, w, a in itertools.product((True, False), repeat=3):
        assert profile_from_answers(s, w, a) == profile_for(s, w, a)
    assert {profile_from_answers(*x).code
            for x in itertools.product((True, False), repeat=3)} == set(PROFILES)
