"""Coverage matrix: one test per rule and per reason kind, on hand-built coalitions.

Each test names the seed lines of the rule it checks; a mutation of that rule
in ``typology.py``, ``fit.py``, ``availability.py`` or ``analysis/coverage.py``
makes it fail.
"""

import datetime as dt

from builders import TODAY, coalition, offer, partner, referral, wijk

from coalition_map.analysis import conflicts, coverage_matrix
from coalition_map.typology import PROFILES


def matrix(c):
    return coverage_matrix(c, today=TODAY)


def kinds(cell):
    return [r.kind for r in cell.reasons]


def signaller(pid="s", sector="woningcorporatie", **kw):
    """A signaller that finds every profile fully (an outreach sector)."""
    return partner(pid, sector, roles=("signaleren",), **kw)


def full_offer(id, pid, profile, **kw):
    """A professional one-to-one offer bringing every core need of the profile."""
    return offer(id, pid, types=PROFILES[profile].core_types, **kw)


def served(profile, *offers, partners=None, referrals=(), **kw):
    """A one-wijk coalition where signaller s refers to provider p."""
    partners = partners or [signaller(), partner("p", "welzijn")]
    refs = list(referrals) or [referral("s", "p")]
    return matrix(coalition(partners=partners, offers=list(offers), referrals=refs,
                            **kw))["W1", profile]


def test_every_wijk_times_profile_has_a_cell():
    c = coalition(wijken=[wijk("W1"), wijk("W2")])
    m = matrix(c)
    assert set(m) == {(w, p) for w in ("W1", "W2") for p in PROFILES}


def test_reason_geen_aanbod():
    cell = matrix(coalition(partners=[partner("p")]))["W1", "actieven"]
    assert cell.state == "uncovered"
    assert kinds(cell) == ["no_offer"] and cell.reason_texts == ("geen aanbod",)
    assert cell.offers == () and cell.partners == ()


def test_covered_when_all_core_types_are_brought_and_the_route_exists():
    for prof in ("actieven", "achterblijvers", "afhankelijken", "compenseerders"):
        cell = served(prof, full_offer("o", "p", prof))
        assert cell.state == "covered", (prof, cell.reasons)
        assert cell.missing_types == ()


def test_partial_lists_the_missing_core_types_in_dutch():
    cell = served("compenseerders", offer("o", "p", types=("praktische_problemen",)))
    assert cell.state == "partial"
    assert cell.missing_types == ("monitoren",)
    assert cell.present_types == ("praktische_problemen",)
    assert "ontbrekende kerninterventies: monitoren door professional" in cell.reason_texts


def test_missing_optional_types_make_no_gap():
    """Achterblijvers: specialistische hulp "in sommige gevallen" (001 L2396-2397)."""
    cell = served("achterblijvers", full_offer("o", "p", "achterblijvers"))
    assert "specialistische_hulp" not in cell.missing_types and cell.state == "covered"


# --- which offers count for a profile -------------------------------------------------

def test_named_profiles_only():
    """An offer that names profiles counts only for those (issue 9)."""
    named = offer("m", "p", types=("vrijwillige_inzet", "individuele_begeleiding"),
                  profiles=("achterblijvers",))
    c = coalition(partners=[signaller(), partner("p")], offers=[named],
                  referrals=[referral("s", "p")])
    m = matrix(c)
    assert m["W1", "achterblijvers"].offers == ("m",)
    assert m["W1", "actieven"].offers == ()          # its types fit Actieven: not counted
    assert m["W1", "afhankelijken"].offers == ()


def test_unnamed_offers_serve_the_derived_profiles():
    c = coalition(partners=[signaller(), partner("p")],
                  offers=[offer("o", "p", types=("telefooncirkel",))],
                  referrals=[referral("s", "p")])
    m = matrix(c)
    assert m["W1", "afhankelijken"].offers == ("o",)      # 001 L2404-2406
    assert m["W1", "achterblijvers"].offers == ("o",)     # 000 L1105 (row result)
    assert m["W1", "actieven"].offers == ()


def test_named_profile_without_a_fitting_type_is_a_conflict_not_a_count():
    c = coalition(partners=[partner("p")],
                  offers=[offer("t", "p", kind="telefonisch", delivered_by="vrijwilliger",
                                types=("telefooncirkel",), profiles=("actieven",))])
    assert matrix(c)["W1", "actieven"].offers == ()
    assert matrix(c)["W1", "actieven"].unfit_offers == ("t",)
    assert [(x.profile, x.rule) for x in conflicts(c, today=TODAY)] == [("actieven", "no_fit")]


def test_conflict_volunteer_maatjesproject_naming_buitenstaanders():
    """000 L765-766: no volunteers for Buitenstaanders -- and no count for Actieven."""
    c = coalition(partners=[partner("h", "vrijwilligers")],
                  offers=[offer("m", "h", name="Maatje voor zorgmijders",
                                delivered_by="vrijwilliger", types=("vrijwillige_inzet",),
                                profiles=("compenseerders", "buitenstaanders"))])
    found = conflicts(c, today=TODAY)
    assert [(x.offer, x.profile, x.rule) for x in found] == [
        ("m", "compenseerders", "geen_vrijwilligers"),
        ("m", "buitenstaanders", "geen_vrijwilligers")]
    m = matrix(c)
    assert m["W1", "buitenstaanders"].offers == ()
    assert m["W1", "buitenstaanders"].excluded_offers == (("m", ("geen_vrijwilligers",)),)
    assert "vrijwilligers; niet mogelijk bij Buitenstaanders" in \
        m["W1", "buitenstaanders"].reason_texts
    assert all(m["W1", p].offers == () for p in PROFILES)


def test_derived_claims_are_not_conflicts():
    c = coalition(partners=[partner("p")],
                  offers=[offer("g", "p", kind="ontmoeting", types=("toeleiding_activiteiten",))])
    assert conflicts(c, today=TODAY) == []


# --- rules that exclude or limit --------------------------------------------------------

def test_group_offers_excluded_for_afhankelijken():
    """001 L2392-2394, L2403-2404."""
    cell = served("afhankelijken", offer("g", "p", kind="ontmoeting",
                                         types=("praktische_problemen",)))
    assert cell.state == "uncovered"
    assert cell.excluded_offers == (("g", ("geen_groep",)),)
    assert "alleen groepsaanbod; past niet bij Afhankelijken" in cell.reason_texts


def test_courses_excluded_for_achterblijvers():
    """001 L2392-2396."""
    cell = served("achterblijvers", offer("c", "p", kind="cursus",
                                          types=("emotionele_steun",)))
    assert cell.state == "uncovered"
    assert kinds(cell) == ["excluded"]


def test_meeting_offers_make_achterblijvers_partial_with_the_reason():
    """001 L2402-2403: activities "op termijn", with guidance."""
    cell = served("achterblijvers", offer("g", "p", kind="ontmoeting",
                                          types=list(PROFILES["achterblijvers"].core_types)))
    assert cell.state == "partial"
    assert cell.limited_offers == ("g",) and cell.offers == ()
    assert "limited_offer" in kinds(cell)
    assert any("op termijn" in t for t in cell.reason_texts)


def test_limited_offer_does_not_matter_when_full_offers_bring_everything():
    cell = served("achterblijvers", full_offer("o", "p", "achterblijvers"),
                  offer("g", "p", kind="ontmoeting", types=("toeleiding_activiteiten",)))
    assert cell.state == "covered" and cell.limited_offers == ("g",)


def test_no_volunteers_for_compenseerders_and_buitenstaanders():
    """000 L669-670, L765-766; 001 L2662-2665."""
    for delivered_by in ("vrijwilliger", "professional_vrijwilliger"):
        for prof in ("compenseerders", "buitenstaanders"):
            cell = served(prof, offer("v", "p", kind="praktische_hulp",
                                      delivered_by=delivered_by,
                                      types=("praktische_problemen", "monitoren")))
            assert cell.state == "uncovered", (delivered_by, prof)
            assert cell.excluded_offers == (("v", ("geen_vrijwilligers",)),)


def test_specialised_volunteer_counts_for_hoopvollen_beside_a_professional():
    """001 L2884-2887: a specialised volunteer beside the professional -- also when the
    professional is not in the same offer but refers to it."""
    vol = offer("v", "p", delivered_by="gespecialiseerde_vrijwilliger",
                types=("emotionele_steun",), profiles=("hoopvollen",))
    vangnet = offer("n", "g", kind="monitoring", types=("monitoren",))
    alone = coalition(partners=[signaller(), partner("p", "vrijwilligers"), partner("g", "ggz")],
                      offers=[vol, vangnet], referrals=[referral("s", "p"), referral("s", "g")])
    assert matrix(alone)["W1", "hoopvollen"].excluded_offers == (
        ("v", ("gespecialiseerd_naast_professional",)),)
    assert [x.rule for x in conflicts(alone, today=TODAY)] == [
        "gespecialiseerd_naast_professional"]
    referred = coalition(partners=alone.partners, offers=[vol, vangnet],
                         referrals=alone.referrals + [referral("g", "p")])
    assert "v" in matrix(referred)["W1", "hoopvollen"].offers
    assert conflicts(referred, today=TODAY) == []
    flagged = coalition(partners=alone.partners, referrals=alone.referrals,
                        offers=[offer("v", "p", delivered_by="gespecialiseerde_vrijwilliger",
                                      types=("emotionele_steun",), profiles=("hoopvollen",),
                                      beside_professional=True), vangnet])
    assert "v" in matrix(flagged)["W1", "hoopvollen"].offers


def test_plain_volunteers_never_count_for_hoopvollen_and_overlevers():
    """001 L2884-2891: only a specialised volunteer."""
    for prof in ("hoopvollen", "overlevers"):
        cell = served(prof, offer("v", "p", delivered_by="vrijwilliger",
                                  types=("emotionele_steun",)),
                      offer("n", "p", kind="monitoring", types=("monitoren",)))
        assert "v" not in cell.offers + cell.limited_offers


def test_volunteer_not_declared_specialised_beside_the_professional_is_partial():
    """001 L2887-2891: it asks for a volunteer who can 'meebewegen'."""
    cell = served("hoopvollen", offer("v", "p", delivered_by="professional_vrijwilliger",
                                      types=PROFILES["hoopvollen"].core_types),
                  offer("n", "p", kind="monitoring", types=("monitoren",)))
    assert cell.state == "partial" and cell.limited_offers == ("v",)


def test_trajectory_mismatch_makes_the_cell_partial_not_covered():
    """002 L748-784: situationeel asks for short, intensive trajectories."""
    long_light = full_offer("o", "p", "achterblijvers", duration="lang", intensity="licht")
    cell = served("achterblijvers", long_light)
    assert cell.state == "partial"
    assert "trajectory" in kinds(cell)
    assert served("achterblijvers", full_offer("o", "p", "achterblijvers", duration="kort",
                                               intensity="intensief")).state == "covered"
    assert served("achterblijvers", full_offer("o", "p", "achterblijvers")).state == "covered"


# --- availability and time --------------------------------------------------------------

def test_reason_inactive_or_full():
    for kw, kind in [(dict(active=False), "inactive"), (dict(capacity=0), "full"),
                     (dict(end_date=TODAY - dt.timedelta(days=1)), "inactive")]:
        c = coalition(partners=[partner("p")],
                      offers=[offer("o", "p", types=("telefooncirkel",), **kw)])
        cell = matrix(c)["W1", "afhankelijken"]
        assert cell.state == "uncovered", kw
        assert kinds(cell) == [kind], kw
        assert cell.inactive_offers == ("o",)
    c = coalition(partners=[partner("p")],
                  offers=[offer("o", "p", types=("telefooncirkel",),
                                end_date=TODAY + dt.timedelta(days=1))])
    assert matrix(c)["W1", "afhankelijken"].offers == ("o",)


def test_inactive_partner_offers_do_not_count():
    c = coalition(partners=[partner("p", active=False)],
                  offers=[offer("o", "p", types=("telefooncirkel",))])
    cell = matrix(c)["W1", "afhankelijken"]
    assert cell.state == "uncovered" and kinds(cell) == ["inactive"]


def test_offer_counts_only_where_available():
    c = coalition(wijken=[wijk("W1"), wijk("W2")], partners=[partner("p")],
                  offers=[offer("o", "p", types=("telefooncirkel",), wijken=("W2",))])
    m = matrix(c)
    assert kinds(m["W1", "afhankelijken"]) == ["no_offer"]
    assert m["W2", "afhankelijken"].offers == ("o",)


def test_municipality_wide_offer_counts_in_every_wijk_of_its_municipality_only():
    c = coalition(wijken=[wijk("A1", municipality="A"), wijk("A2", municipality="A"),
                          wijk("B1", municipality="B")],
                  partners=[partner("p", municipality="A")],
                  offers=[offer("o", "p", types=("telefooncirkel",))])
    m = matrix(c)
    assert m["A1", "afhankelijken"].offers == ("o",)
    assert m["A2", "afhankelijken"].offers == ("o",)
    assert m["B1", "afhankelijken"].offers == ()


def test_partner_without_municipality_in_a_regional_coalition_works_everywhere():
    """The kaart and verwijswijzer list such an offer; the coverage must count it."""
    c = coalition(wijken=[wijk("A1", municipality="Aadorp"), wijk("B1", municipality="Beedorp")],
                  partners=[partner("p")], municipality="Regio Test",
                  offers=[offer("o", "p", types=("telefooncirkel",))])
    m = matrix(c)
    assert m["A1", "afhankelijken"].offers == ("o",)
    assert m["B1", "afhankelijken"].offers == ("o",)


def test_reason_hangs_on_one_partner_and_distinct_partners():
    c = coalition(partners=[partner("p", name="Welzijn Noord"), partner("q")],
                  offers=[full_offer("a", "p", "actieven"), full_offer("b", "p", "geborgenen")])
    m = matrix(c)
    assert m["W1", "actieven"].partners == ("p",)
    assert "hangt op één partner: Welzijn Noord" in m["W1", "actieven"].reason_texts
    c2 = coalition(partners=[partner("p"), partner("q")],
                   offers=[full_offer("a", "p", "actieven"), full_offer("b", "q", "actieven")])
    cell = matrix(c2)["W1", "actieven"]
    assert cell.partners == ("p", "q")
    assert "single_partner" not in kinds(cell)


def test_both_rule_and_inactive_reasons_are_given():
    c = coalition(partners=[partner("p")],
                  offers=[offer("g", "p", kind="ontmoeting", types=("telefooncirkel",)),
                          offer("x", "p", types=("telefooncirkel",), active=False)])
    cell = matrix(c)["W1", "afhankelijken"]
    assert kinds(cell) == ["excluded", "inactive"]
    assert cell.reason_texts[0] == "alleen groepsaanbod; past niet bij Afhankelijken"


def test_reasons_carry_a_kind_and_dutch_text():
    from coalition_map.reasons import REASON_KINDS
    c = coalition(partners=[partner("p")], offers=[offer("o", "p", types=("monitoren",))])
    for cell in matrix(c).values():
        for r in cell.reasons:
            assert r.kind in REASON_KINDS and r.text


def test_a_training_for_professionals_helps_no_profile_itself():
    """003 L1020-1045 (kwaliteit en deskundigheid), L1137-1139: training the people who
    help is not help for a lonely resident; issue 9: it counted for Actieven everywhere."""
    c = coalition(partners=[signaller(), partner("g", "ggd")],
                  offers=[offer("t", "g", kind="deskundigheid", types=("preventie",)),
                          offer("n", "g", kind="deskundigheid", types=("preventie",),
                                profiles=("actieven",))],
                  referrals=[referral("s", "g")])
    m = matrix(c)
    assert all(m["W1", p].offers == () for p in PROFILES)
    assert [(x.offer, x.profile, x.rule) for x in conflicts(c, today=TODAY)] == [
        ("n", "actieven", "no_fit")]
