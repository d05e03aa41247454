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

#: By hand from the fixture: the offers that fit each profile, per wijk.
EXPECTED = {
    ("WK01", "actieven"): {"A01", "A02", "A08"},
    ("WK01", "geborgenen"): {"A02"},
    ("WK01", "achterblijvers"): {"A02", "A04", "A06"},  # A01, A08 are groups
    ("WK01", "afhankelijken"): {"A02", "A04", "A06"},
    ("WK01", "compenseerders"): {"A03", "A04"},
    ("WK01", "buitenstaanders"): {"A03", "A04"},      # A02 is volunteer-run
    ("WK01", "hoopvollen"): {"A03", "A04", "A06"},
    ("WK01", "overlevers"): {"A03", "A04", "A06"},
    ("WK02", "hoopvollen"): {"A04", "A06"},           # A05: specialised volunteer alone
    ("WK02", "afhankelijken"): {"A02", "A04", "A06", "A07"},
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
    for offer in result.fitting:
        assert offer.id in RUNNING_IN[wijk]
        if profile in ("achterblijvers", "afhankelijken"):
            assert offer.kind not in GROUP_KINDS
        if profile in ("compenseerders", "buitenstaanders"):
            assert offer.delivered_by not in VOLUNTEER
        if profile in ("hoopvollen", "overlevers"):
            assert offer.delivered_by not in VOLUNTEER or offer.delivered_by in SPEC_WITH_PRO
        assert profile in offer.profiles or set(offer.intervention_types) & set(
            PROFILES[profile].fitting_types)
    for excluded in result.excluded:
        assert excluded.offer.id in RUNNING_IN[wijk]
        assert excluded.reasons and all(PROFILES[profile].name in r for r in excluded.reasons)
    assert not {o.id for o in result.fitting} & {e.offer.id for e in result.excluded}


def test_exclusions_are_reported_with_reason():
    result = fitting_offers(make_coalition(), "WK01", "buitenstaanders", TODAY)
    assert {e.offer.id for e in result.excluded} == {"A02"}
    assert "vrijwilligers" in result.excluded[0].reasons[0]
    result = fitting_offers(make_coalition(), "WK01", "achterblijvers", TODAY)
    assert {e.offer.id for e in result.excluded} == {"A01", "A08"}
    assert all("groepsaanbod" in e.reasons[0] for e in result.excluded)


def test_three_answers_give_the_typology_profile():
    for s, w, a in itertools.product((True, False), repeat=3):
        assert profile_from_answers(s, w, a) == profile_for(s, w, a)
    assert {profile_from_answers(*x).code
            for x in itertools.product((True, False), repeat=3)} == set(PROFILES)
