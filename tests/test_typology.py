"""The typology as data: three questions, dimensions, names, exclusion rules."""

import itertools

import pytest

from coalition_map import typology
from coalition_map.model import Offer
from coalition_map.typology import (EXCLUSION_RULES, INTERVENTION_TYPES, PROFILES,
                                    find_profile, parse_profile, profile_for,
                                    rules_excluding)
from coalition_map.vocab import DELIVERY, OFFER_KINDS, SECTORS

# The grid of DOMAIN.md §2 / 000 L142-175, written out independently of the code.
EXPECTED = {
    # (structural, wants_contacts, active): profile
    (False, True, True): "Actieven",
    (False, False, True): "Geborgenen",
    (False, True, False): "Achterblijvers",
    (False, False, False): "Afhankelijken",
    (True, True, True): "Compenseerders",
    (True, False, True): "Buitenstaanders",
    (True, True, False): "Hoopvollen",
    (True, False, False): "Overlevers",
}


@pytest.mark.parametrize("answers,name", sorted(EXPECTED.items()))
def test_three_questions_map_to_the_profile_of_the_grid(answers, name):
    structural, wants_contacts, active = answers
    assert profile_for(structural, wants_contacts, active).name == name


def test_every_answer_gives_exactly_one_profile_and_all_profiles_are_reached():
    reached = [profile_for(*a).code for a in itertools.product([False, True], repeat=3)]
    assert len(reached) == 8
    assert sorted(reached) == sorted(PROFILES)


def test_profile_dimensions_match_the_questions():
    for answers, name in EXPECTED.items():
        profile = find_profile(name)
        assert (profile.structural, profile.wants_contacts, profile.active_strategy) == answers


def test_persistence_rows_and_orientation_columns():
    rows = {p.name: (p.persistence, p.orientation) for p in PROFILES.values()}
    assert rows["Actieven"] == ("dreigend", "gericht")
    assert rows["Geborgenen"] == ("dreigend", "niet_gericht")
    assert rows["Achterblijvers"] == ("situationeel", "gericht")
    assert rows["Afhankelijken"] == ("situationeel", "niet_gericht")
    assert rows["Compenseerders"] == ("structureel", "gericht")
    assert rows["Buitenstaanders"] == ("structureel", "niet_gericht")
    assert rows["Hoopvollen"] == ("structureel_complex", "gericht")
    assert rows["Overlevers"] == ("structureel_complex", "niet_gericht")


@pytest.mark.parametrize("text,code", [
    ("Buitenstaanders", "buitenstaanders"), ("buitenstaander", "buitenstaanders"),
    ("BUITENSTAANDER", "buitenstaanders"), ("  overlever ", "overlevers"),
    ("Actieve", "actieven"), ("Hoopvolle", "hoopvollen"),
    ("afhankelijke", "afhankelijken"), ("Geborgene", "geborgenen"),
    ("achterblijver", "achterblijvers"), ("compenseerder", "compenseerders"),
])
def test_profile_names_case_insensitive_plural_or_singular(text, code):
    assert parse_profile(text).code == code


def test_unknown_profile_name_is_refused_with_a_suggestion():
    with pytest.raises(ValueError):
        parse_profile("buitenstander-x")
    assert typology.suggest_profile("buitenstanders") == "buitenstaanders"


def test_every_profile_carries_the_facts_the_product_needs():
    for p in PROFILES.values():
        assert p.description and p.expected_results and p.intensity
        assert p.fitting_types and all(t in INTERVENTION_TYPES for t in p.fitting_types)
        assert p.typical_signallers and all(s in SECTORS for s in p.typical_signallers)
    structural = {c for c, p in PROFILES.items() if p.structural}
    assert structural == {c for c, p in PROFILES.items() if p.needs_outreach}
    assert {c for c, p in PROFILES.items() if p.needs_monitoring} == {"buitenstaanders",
                                                                         "overlevers"}


def _offer(kind="een_op_een", delivered_by="professional"):
    return Offer("o1", "p1", "Aanbod", kind=kind, delivered_by=delivered_by)


@pytest.mark.parametrize("kind", [t.code for t in OFFER_KINDS if t.facts["group"]])
@pytest.mark.parametrize("profile", ["achterblijvers", "afhankelijken"])
def test_group_offers_are_excluded_for_achterblijvers_and_afhankelijken(kind, profile):
    assert [r.code for r in rules_excluding(_offer(kind=kind), profile)] == ["geen_groep"]


def test_group_offers_are_allowed_for_other_profiles():
    for profile in ("actieven", "geborgenen", "compenseerders"):
        assert rules_excluding(_offer(kind="ontmoeting"), profile) == []


@pytest.mark.parametrize("delivered_by", ["vrijwilliger", "gespecialiseerde_vrijwilliger",
                                          "professional_vrijwilliger",
                                          "professional_gespecialiseerde_vrijwilliger"])
@pytest.mark.parametrize("profile", ["compenseerders", "buitenstaanders"])
def test_volunteers_are_excluded_for_compenseerders_and_buitenstaanders(delivered_by, profile):
    rules = rules_excluding(_offer(delivered_by=delivered_by), profile)
    assert [r.code for r in rules] == ["geen_vrijwilligers"]


@pytest.mark.parametrize("delivered_by,allowed", [
    ("professional", True),
    ("professional_gespecialiseerde_vrijwilliger", True),
    ("gespecialiseerde_vrijwilliger", False),   # not without a professional
    ("vrijwilliger", False),
    ("professional_vrijwilliger", False),       # volunteer not specialised
])
@pytest.mark.parametrize("profile", ["hoopvollen", "overlevers"])
def test_only_specialised_volunteer_beside_professional_for_hoopvollen_overlevers(
        delivered_by, allowed, profile):
    assert (rules_excluding(_offer(delivered_by=delivered_by), profile) == []) is allowed


def test_volunteers_are_fine_for_the_lighter_profiles():
    for profile in ("actieven", "geborgenen", "achterblijvers", "afhankelijken"):
        assert rules_excluding(_offer(delivered_by="vrijwilliger"), profile) == []


def test_rules_are_data_with_dutch_reasons_and_sources():
    for rule in EXCLUSION_RULES:
        assert "{profile}" in rule.reason and rule.short and rule.source
        assert rule.profiles <= set(PROFILES)
        vocab = {"kind": OFFER_KINDS, "delivered_by": DELIVERY}[rule.field]
        assert rule.excluded <= set(vocab.codes)
