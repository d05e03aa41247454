"""The typology as data: three questions, dimensions, names, exclusion rules."""

import itertools

import pytest

from coalition_map import typology
from coalition_map.model import Offer
from coalition_map.typology import (INTERVENTION_TYPES, PROFILES, find_profile,
                                    parse_profile, profile_for, rules_excluding)
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
        assert p.core_types and set(p.core_types) <= set(p.fitting_types)
        assert all(n.source for n in p.needs)
        assert p.typical_signallers and all(s in SECTORS for s in p.typical_signallers)
    structural = {c for c, p in PROFILES.items() if p.structural}
    assert structural == {c for c, p in PROFILES.items() if p.needs_outreach}


# --- intervention types per profile, written out from the seeds ---------------------
# core: the row of 000's table (L1043-1130) plus what 000's text says the help is
# "vooral"/"belangrijk" aimed at, minus what 000/001 call "soms", "in sommige
# gevallen" or "op termijn" for this profile.
CORE = {
    "actieven": {"belemmeringen", "preventie", "toeleiding_activiteiten", "vrijwillige_inzet"},
    "geborgenen": {"belemmeringen", "preventie", "toeleiding_activiteiten"},
    "achterblijvers": {"belemmeringen", "individuele_begeleiding", "rouwverwerking",
                       "emotionele_steun"},
    "afhankelijken": {"belemmeringen", "individuele_begeleiding", "praktische_problemen"},
    "compenseerders": {"praktische_problemen", "monitoren"},
    "buitenstaanders": {"praktische_problemen", "monitoren"},
    "hoopvollen": {"emotionele_steun", "praktische_problemen", "dagelijks_functioneren"},
    "overlevers": {"dagelijks_functioneren", "emotionele_steun", "specialistische_hulp"},
}


@pytest.mark.parametrize("code", list(CORE))
def test_core_types_follow_the_seed_rule(code):
    assert set(PROFILES[code].core_types) == CORE[code]


@pytest.mark.parametrize("code,types,seed", [
    # issue 9, each with its seed line
    ("achterblijvers", {"rouwverwerking", "emotionele_steun", "praktische_problemen",
                        "dagelijks_functioneren"}, "000 L458-459; 001 L2384-2398"),
    ("afhankelijken", {"praktische_problemen", "emotionele_steun", "dagelijks_functioneren"},
     "000 L561-568; 001 L2385-2398"),
    ("geborgenen", {"toeleiding_activiteiten"}, "000 L313-319, L1065-1066; 001 L3068-3070"),
    ("compenseerders", {"individuele_begeleiding"}, "001 L3095-3096"),
    ("buitenstaanders", {"individuele_begeleiding"}, "001 L3095-3096"),
    ("hoopvollen", {"individuele_begeleiding", "vangnet"}, "001 L3111-3112, L2810, L3120"),
    ("overlevers", {"gespecialiseerde_vrijwilliger"}, "001 L2884-2891"),
])
def test_types_the_sources_name_fit_the_profile(code, types, seed):
    assert types <= set(PROFILES[code].fitting_types), seed


def test_toeleiding_does_not_fit_afhankelijken():
    """001 L2403-2404: "Voor afhankelijken hoort dit meestal niet tot de mogelijkheden"."""
    assert "toeleiding_activiteiten" not in PROFILES["afhankelijken"].fitting_types


@pytest.mark.parametrize("text,code", [("rouwverwerking", "rouwverwerking"),
                                       ("mantelzorgondersteuning", "mantelzorgondersteuning"),
                                       ("praktische hulp", "praktische_problemen")])
def test_aliases_keep_their_own_meaning(text, code):
    assert INTERVENTION_TYPES.parse(text).code == code


def test_grief_and_carer_support_are_preventive_for_the_threatened_and_core_elsewhere():
    """000 L1061-1063: preventive interventions "zoals hulp bij rouwverwerking,
    mantelzorgondersteuning"; 000 L458: grief work is the core for Achterblijvers."""
    for code in ("actieven", "geborgenen"):
        assert PROFILES[code].needs_brought_by(["rouwverwerking"]) == ("preventie",)
        assert PROFILES[code].needs_brought_by(["mantelzorgondersteuning"]) == ("preventie",)
    assert "rouwverwerking" in PROFILES["achterblijvers"].core_types
    assert PROFILES["afhankelijken"].needs_brought_by(["mantelzorgondersteuning"]) == (
        "praktische_problemen",)   # 000 L563-564: "ondersteuning bij mantelzorgtaken"


def test_practical_help_fits_more_than_the_structural_profiles():
    """000 L290-292, L379-381 (praktische hulp removes barriers); 000 L466-468; 001 L2386."""
    fits = [c for c, p in PROFILES.items() if p.needs_brought_by(["praktische_problemen"])]
    assert {"actieven", "geborgenen", "achterblijvers", "afhankelijken"} <= set(fits)


@pytest.mark.parametrize("code,duration,intensity", [
    ("actieven", "kort", "licht"), ("geborgenen", "kort", "licht"),          # 002 L748
    ("achterblijvers", "kort", "intensief"), ("afhankelijken", "kort", "intensief"),  # L760
    ("compenseerders", "lang", "licht"), ("buitenstaanders", "lang", "licht"),  # L771
    ("hoopvollen", "lang", "intensief"), ("overlevers", "lang", "intensief"),  # L784
])
def test_trajectory_per_row(code, duration, intensity):
    facts = PROFILES[code].trajectory.facts
    assert (facts["duration"], facts["intensity"]) == (duration, intensity)


def test_vangnet_is_needed_by_buitenstaanders_hoopvollen_and_overlevers():
    """000 L753-754, L971-973; 001 L2809-2810, L3120."""
    assert {c for c, p in PROFILES.items() if p.needs_vangnet} == {
        "buitenstaanders", "hoopvollen", "overlevers"}


def test_who_finds_whom():
    """001 L7137-7142: structural profiles come in via huismeesters, buurtbemiddeling,
    volunteers; 001 L2799-2802 and 000's cases: the huisarts and thuiszorg see
    Hoopvollen and Overlevers."""
    for code in ("actieven", "geborgenen", "achterblijvers", "afhankelijken"):
        assert PROFILES[code].signal_sectors == ()
    for code in ("compenseerders", "buitenstaanders"):
        sectors = set(PROFILES[code].signal_sectors)
        assert {"woningcorporatie", "politie", "buurtbemiddeling", "vrijwilligers"} <= sectors
        assert not sectors & {"huisarts", "thuiszorg"}
    for code in ("hoopvollen", "overlevers"):
        assert {"huisarts", "thuiszorg", "woningcorporatie"} <= set(
            PROFILES[code].signal_sectors)


def test_candidate_profiles_with_unknown_answers():
    assert [p.code for p in typology.candidate_profiles(True, None, None)] == [
        "compenseerders", "buitenstaanders", "hoopvollen", "overlevers"]
    assert [p.code for p in typology.candidate_profiles(False, True, False)] == [
        "achterblijvers"]
    assert len(typology.candidate_profiles(None, None, None)) == 8


# --- rules that forbid or limit an offer -----------------------------------------


def _offer(kind="een_op_een", delivered_by="professional"):
    return Offer("o1", "p1", "Aanbod", kind=kind, delivered_by=delivered_by)


def _codes(offer, profile, beside=False):
    return [r.code for r in typology.rules_for(offer, profile, beside)]


@pytest.mark.parametrize("kind", [t.code for t in OFFER_KINDS if t.facts["group"]])
def test_group_offers_are_excluded_for_afhankelijken(kind):
    """001 L2392-2394, L2403-2404."""
    assert [r.code for r in rules_excluding(_offer(kind=kind), "afhankelijken")] == [
        "geen_groep"]


def test_courses_and_discussion_groups_are_excluded_for_achterblijvers():
    """001 L2392-2396: exchanging experiences with peers is a bridge too far."""
    assert _codes(_offer(kind="cursus"), "achterblijvers") == ["geen_groepsgesprek"]
    assert rules_excluding(_offer(kind="cursus"), "achterblijvers")


def test_meeting_offers_are_limited_not_excluded_for_achterblijvers():
    """001 L2402-2403: "begeleiding naar activiteiten ... op termijn"."""
    offer = _offer(kind="ontmoeting")
    assert rules_excluding(offer, "achterblijvers") == []
    assert [r.code for r in typology.rules_limiting(offer, "achterblijvers")] == [
        "activiteiten_op_termijn"]


def test_meeting_offers_are_limited_for_hoopvollen():
    """001 L6262-6264: activities are no option in the short term for Hoopvollen."""
    assert [r.code for r in typology.rules_limiting(_offer(kind="ontmoeting"), "hoopvollen")
            ] == ["activiteiten_later"]


def test_group_offers_are_allowed_for_other_profiles():
    for profile in ("actieven", "geborgenen", "compenseerders"):
        assert typology.rules_for(_offer(kind="ontmoeting"), profile) == []


@pytest.mark.parametrize("delivered_by", ["vrijwilliger", "gespecialiseerde_vrijwilliger",
                                          "professional_vrijwilliger",
                                          "professional_gespecialiseerde_vrijwilliger"])
@pytest.mark.parametrize("profile", ["compenseerders", "buitenstaanders"])
def test_volunteers_are_excluded_for_compenseerders_and_buitenstaanders(delivered_by, profile):
    """000 L669-670, L765-766; 001 L2662-2665: "De inzet van vrijwilligers is ...
    onmogelijk" -- also beside a professional."""
    for beside in (False, True):
        rules = rules_excluding(_offer(delivered_by=delivered_by), profile, beside)
        assert [r.code for r in rules] == ["geen_vrijwilligers"]


@pytest.mark.parametrize("delivered_by,beside,effect", [
    ("professional", False, None),
    ("professional_gespecialiseerde_vrijwilliger", False, None),
    ("gespecialiseerde_vrijwilliger", False, "exclude"),   # no professional anywhere
    ("gespecialiseerde_vrijwilliger", True, None),         # 001 L2884-2887: beside one
    ("vrijwilliger", False, "exclude"),                    # only a specialised volunteer
    ("vrijwilliger", True, "exclude"),
    ("professional_vrijwilliger", False, "limit"),         # not declared specialised
])
@pytest.mark.parametrize("profile", ["hoopvollen", "overlevers"])
def test_volunteers_for_hoopvollen_and_overlevers(delivered_by, beside, effect, profile):
    rules = typology.rules_for(_offer(delivered_by=delivered_by), profile, beside)
    assert [r.effect for r in rules] == ([effect] if effect else [])


def test_volunteers_are_fine_for_the_lighter_profiles():
    for profile in ("actieven", "geborgenen", "achterblijvers", "afhankelijken"):
        assert typology.rules_for(_offer(delivered_by="vrijwilliger"), profile) == []


def test_rules_are_data_with_dutch_reasons_and_sources():
    for rule in typology.OFFER_RULES:
        assert "{profile}" in rule.reason and rule.short and rule.source
        assert rule.effect in typology.RULE_EFFECTS
        assert rule.profiles <= set(PROFILES)
        vocab = {"kind": OFFER_KINDS, "delivered_by": DELIVERY}[rule.field]
        assert rule.values <= set(vocab.codes)


def test_trajectory_mismatch_compares_with_the_row():
    class Row:
        duration, intensity = "lang", "licht"
    assert typology.trajectory_mismatch(Row, "buitenstaanders") == []
    assert typology.trajectory_mismatch(Row, "hoopvollen") == ["intensity"]
    assert typology.trajectory_mismatch(Row, "achterblijvers") == ["duration", "intensity"]

    class Unknown:
        duration = intensity = ""
    assert all(typology.trajectory_mismatch(Unknown, p) == [] for p in PROFILES)
