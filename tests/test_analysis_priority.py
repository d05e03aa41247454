"""Estimated people per wijk × profile with each mix, and ranked gaps."""

import pytest
from builders import TODAY, coalition, offer, partner, wijk

from coalition_map.analysis import PROFILE_MIXES, analyze, coverage_matrix, ranked_gaps
from coalition_map.analysis.priority import (PILOT_ROTTERDAM_COUNTS, PILOT_ROTTERDAM_UNTYPED,
                                             custom_mix, estimate_people)
from coalition_map.typology import PROFILES

W = wijk("W1", inhabitants=20000, pct_severely_lonely=10.0)   # 2,000 severely lonely


def test_equal_mix_is_the_default():
    people = estimate_people(W)
    assert people == {p: 250.0 for p in PROFILES}
    assert PROFILE_MIXES["gelijk"].shares == {p: 1 / 8 for p in PROFILES}


def test_pilot_mix_counts_from_bijlage_viii_and_label():
    mix = PROFILE_MIXES["pilot_rotterdam"]
    assert mix.label == "verdeling in de Rotterdamse pilot, geen prevalentie"
    # 001 Bijlage VIII: summed over the six organisations' logbooks
    assert PILOT_ROTTERDAM_COUNTS == {
        "actieven": 42, "geborgenen": 39, "achterblijvers": 44, "afhankelijken": 27,
        "compenseerders": 18, "buitenstaanders": 27, "hoopvollen": 33, "overlevers": 31}
    assert sum(PILOT_ROTTERDAM_COUNTS.values()) + PILOT_ROTTERDAM_UNTYPED == 289
    people = estimate_people(W, "pilot_rotterdam")
    assert people["compenseerders"] == pytest.approx(2000 * 18 / 261)
    assert sum(people.values()) == pytest.approx(2000)


def test_custom_mix_from_local_numbers():
    people = estimate_people(W, custom_mix({"buitenstaanders": 30, "overlevers": 10}))
    assert people["buitenstaanders"] == pytest.approx(1500)
    assert people["overlevers"] == pytest.approx(500)
    assert people["actieven"] == 0
    with pytest.raises(ValueError):
        custom_mix({"eenzamen": 1})


def test_no_figures_gives_zero():
    assert set(estimate_people(wijk("X", inhabitants=None)).values()) == {0.0}


def test_cells_carry_the_estimate_of_the_chosen_mix():
    c = coalition(wijken=[W])
    assert coverage_matrix(c, today=TODAY)["W1", "overlevers"].estimated_people == 250
    m = coverage_matrix(c, today=TODAY, mix="pilot_rotterdam")
    assert m["W1", "overlevers"].estimated_people == pytest.approx(2000 * 31 / 261)
    m = coverage_matrix(c, today=TODAY, custom_mix={"overlevers": 1})
    assert m["W1", "overlevers"].estimated_people == 2000
    a = analyze(c, today=TODAY, mix="pilot_rotterdam")
    assert a.mix.code == "pilot_rotterdam"


def test_ranked_gaps_by_unmet_need():
    c = coalition(wijken=[wijk("BIG", inhabitants=40000, pct_severely_lonely=10.0),
                          wijk("SMALL", inhabitants=4000, pct_severely_lonely=10.0)],
                  partners=[partner("p", roles=("signaleren",))],
                  # Afhankelijken: partial everywhere (1 of 3 core types present)
                  offers=[offer("t", "p", kind="praktische_hulp",
                                types=("telefooncirkel", "praktische_problemen"))])
    gaps = ranked_gaps(coverage_matrix(c, today=TODAY))
    assert gaps[0].wijk == "BIG" and gaps[0].state == "uncovered" and gaps[0].unmet == 500
    partial = [g for g in gaps if g.profile == "afhankelijken"]
    assert [(g.wijk, g.state, g.unmet) for g in partial] == [
        ("BIG", "partial", pytest.approx(500 * 2 / 3)),
        ("SMALL", "partial", pytest.approx(50 * 2 / 3))]
    # partial for another reason than missing types (found only in part): half
    reach = [g for g in gaps if g.profile == "compenseerders" and g.wijk == "BIG"]
    assert reach[0].state == "partial" and "limited_reach" in [r.kind for r in reach[0].reasons]
    assert all(a.unmet >= b.unmet for a, b in zip(gaps, gaps[1:]))
    assert len(gaps) == 16        # nothing is fully covered
