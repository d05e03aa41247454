"""Fragility, brokers and what-if, on a case with one critical partner."""

import sys
from pathlib import Path

import pytest
from builders import TODAY, coalition, offer, partner, referral, wijk

from coalition_map.analysis import analyze, what_if
from coalition_map.analysis.fragility import brokers, fragility, fragility_brute_force

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def critical_case():
    """Two wijken. 'ggz' carries Hoopvollen everywhere (the only provider);
    Compenseerders and Buitenstaanders have two providers (wz, ggz); 'wc' is
    the only signaller in W1, 'pol' in W2 (both outreach); 'wt' is the link
    through which every signal passes; 'vg' gives the only professional
    vangnet. Every offer names its profiles, so the expected answer can be
    stated by hand."""
    return coalition(
        wijken=[wijk("W1"), wijk("W2")],
        partners=[partner("wc", "woningcorporatie", roles=("signaleren",), wijken=("W1",)),
                  partner("pol", "politie", roles=("signaleren",), wijken=("W2",)),
                  partner("wt", "wijkteam", roles=("meldpunt",)),
                  partner("ggz", "ggz", roles=("aanbieden",)),
                  partner("wz", "welzijn", roles=("aanbieden",)),
                  partner("vg", "ggd", roles=("monitoren",)),
                  partner("lost", "overig")],
        offers=[offer("h", "ggz", kind="begeleiding", types=("dagelijks_functioneren",),
                      profiles=("hoopvollen",)),
                offer("c1", "wz", kind="begeleiding", types=("praktische_problemen",),
                      profiles=("compenseerders", "buitenstaanders")),
                offer("c2", "ggz", kind="begeleiding", types=("praktische_problemen",),
                      profiles=("compenseerders", "buitenstaanders"))],
        referrals=[referral("wc", "wt"), referral("pol", "wt"), referral("wt", "ggz"),
                   referral("wt", "wz")])


def _lost(frag, pid):
    return {(c.wijk, c.profile, c.after_state) for c in frag.lost_by(pid)}


SERVED = ("hoopvollen", "compenseerders", "buitenstaanders")


def test_baseline_of_the_critical_case():
    a = analyze(critical_case(), today=TODAY)
    for w in ("W1", "W2"):
        assert a.cells[w, "hoopvollen"].state == "partial"
        assert a.cells[w, "hoopvollen"].partners == ("ggz",)
        for prof in ("compenseerders", "buitenstaanders"):
            assert a.cells[w, prof].partners == ("wz", "ggz")
            assert a.cells[w, prof].state == "partial"
        assert {p for (ww, p), c in a.cells.items() if ww == w and c.state != "uncovered"} \
            == set(SERVED)


def test_single_carrier_cells():
    frag = fragility(critical_case(), today=TODAY)
    assert ("W1", "hoopvollen", "ggz") in frag.single_carrier
    assert ("W2", "hoopvollen", "ggz") in frag.single_carrier
    assert len(frag.single_carrier) == 2
    assert frag.carriers["W1", "compenseerders"] == 2
    assert frag.carriers["W1", "actieven"] == 0


def test_cells_lost_per_partner():
    frag = fragility(critical_case(), today=TODAY)
    # the only provider: Hoopvollen become uncovered in both wijken
    assert _lost(frag, "ggz") == {("W1", "hoopvollen", "uncovered"),
                                  ("W2", "hoopvollen", "uncovered")}
    # the only link between signallers and providers: nothing reachable
    assert _lost(frag, "wt") == {(w, p, "unreachable") for w in ("W1", "W2") for p in SERVED}
    # the only signaller of W1 and of W2
    assert _lost(frag, "wc") == {("W1", p, "unreachable") for p in SERVED}
    assert _lost(frag, "pol") == {("W2", p, "unreachable") for p in SERVED}
    # the only professional vangnet (000 L971-973): its profiles become uncovered
    assert _lost(frag, "vg") == {(w, p, "uncovered") for w in ("W1", "W2")
                                 for p in ("buitenstaanders", "hoopvollen")}
    # a second provider of Compenseerders: nothing lost
    assert _lost(frag, "wz") == set()
    assert frag.by_partner["lost"] == []
    assert frag.critical_partners() == [("wt", 6), ("vg", 4), ("pol", 3), ("wc", 3),
                                        ("ggz", 2)]


def test_incremental_equals_brute_force_on_the_critical_case():
    c = critical_case()
    assert fragility(c, today=TODAY).by_partner == fragility_brute_force(c, today=TODAY)


def test_incremental_equals_brute_force_when_reach_drops_to_limited():
    # without the woningcorporatie only the huisarts finds Compenseerders: partial
    c = coalition(partners=[partner("ha", "huisarts", roles=("signaleren",)),
                            partner("wc", "woningcorporatie", roles=("signaleren",)),
                            partner("sw", "schuldhulp")],
                  offers=[offer("o", "sw", types=("praktische_problemen", "monitoren"))],
                  referrals=[referral("ha", "sw"), referral("wc", "sw")])
    frag = fragility(c, today=TODAY)
    assert ("compenseerders", "covered", "partial") in [
        (ch.profile, ch.before_state, ch.after_state) for ch in frag.by_partner["wc"]]
    assert frag.by_partner == fragility_brute_force(c, today=TODAY)


@pytest.mark.parametrize("seed", [1, 3])
def test_incremental_equals_brute_force_on_a_synthetic_city(seed):
    from benchmarks.generate import generate
    c = generate("city", seed=seed)
    inc = fragility(c, today=TODAY).by_partner
    brute = fragility_brute_force(c, today=TODAY)
    assert inc == brute
    assert sum(len(v) for v in brute.values()) > 0   # the comparison is not vacuous


def test_incremental_equals_brute_force_over_several_municipalities():
    from benchmarks.generate import Scale, generate
    c = generate(Scale("mini", 3, 12, 60, 200, 150), seed=7)
    assert len({w.municipality for w in c.wijken}) == 3
    brute = fragility_brute_force(c, today=TODAY)
    assert fragility(c, today=TODAY).by_partner == brute
    assert sum(len(v) for v in brute.values()) > 0


def test_brokers_are_the_partners_that_link_signallers_to_providers():
    found = {b.partner: b for b in brokers(critical_case(), today=TODAY)}
    assert found["wt"].articulation is True
    assert set(found["wt"].unreachable_cells) == {(w, p) for w in ("W1", "W2") for p in SERVED}
    assert set(found["wc"].unreachable_cells) == {("W1", p) for p in SERVED}
    assert "wz" not in found and "lost" not in found and "vg" not in found
    assert list(found) == ["wt", "pol", "wc"]


def test_what_if_remove_partner():
    changes = what_if(critical_case(), remove_partners=["ggz"], today=TODAY)
    assert {(c.wijk, c.profile, c.before_state, c.after_state) for c in changes} == {
        ("W1", "hoopvollen", "partial", "uncovered"), ("W2", "hoopvollen", "partial", "uncovered")}


def test_what_if_remove_offer_and_add_planned_offer():
    c = critical_case()
    changes = what_if(c, remove_offers=["c1"], today=TODAY)
    assert changes == []                       # ggz still carries Compenseerders
    plan = offer("new", "wz", kind="begeleiding", types=("dagelijks_functioneren",),
                 profiles=("hoopvollen",))
    both = what_if(c, remove_partners=["ggz"], add_offers=[plan], today=TODAY)
    assert both == []                          # the planned offer replaces the lost one
    only_remove = what_if(c, remove_partners=["ggz"], today=TODAY)
    assert len(only_remove) == 2


def test_what_if_planned_offer_fills_a_gap():
    c = critical_case()
    plan = offer("tel", "wz", kind="telefonisch", delivered_by="vrijwilliger",
                 types=("telefooncirkel",), wijken=("W2",))
    changes = what_if(c, add_offers=[plan], today=TODAY)
    assert [(ch.wijk, ch.profile, ch.before_state, ch.after_state) for ch in changes] == [
        ("W2", "achterblijvers", "uncovered", "partial"),
        ("W2", "afhankelijken", "uncovered", "partial")]
    assert changes[0].better and not changes[0].lost


def test_what_if_does_not_modify_the_coalition():
    c = critical_case()
    what_if(c, remove_partners=["ggz", "wt"], remove_offers=["c1"], today=TODAY)
    assert [p.id for p in c.partners] == ["wc", "pol", "wt", "ggz", "wz", "vg", "lost"]
    assert len(c.offers) == 3 and len(c.referrals) == 4


def test_what_if_with_unknown_ids_changes_nothing():
    assert what_if(critical_case(), remove_partners=["onbekend"], remove_offers=["x"],
                   today=TODAY) == []


def test_empty_coalition():
    a = analyze(coalition(wijken=[]), today=TODAY)
    assert a.cells == {} and a.gaps == [] and a.brokers == [] and a.conflicts == []
    assert a.fragility.by_partner == {}
