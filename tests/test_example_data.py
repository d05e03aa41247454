"""The bundled example coalition (data/): it loads cleanly, has the promised
size, refers to the palette, and contains the deliberate gaps that
data/README.md documents. The gaps are checked against the data with the
typology's rules, not against the output of the analysis."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import networkx as nx
import pytest

from coalition_map.loading import load_folder
from coalition_map.palette import palette_by_id
from coalition_map.paths import bundled_data_dir
from coalition_map.typology import PROFILES, profiles_fitting_types, rules_excluding
from coalition_map.vocab import DELIVERY, OFFER_KINDS, SECTORS

TODAY = dt.date.today()
STRUCTURAL = [code for code, p in PROFILES.items() if p.structural]


@pytest.fixture(scope="module")
def result():
    return load_folder(bundled_data_dir())


@pytest.fixture(scope="module")
def coalition(result):
    return result.coalition


def _counts(coalition, offer, profile):
    """The offer counts for the profile: claims it, runs, and the rules allow it."""
    partner = coalition.partner(offer.partner_id)
    claims = profile in offer.profiles or profile in profiles_fitting_types(offer.intervention_types)
    return (claims and partner.active and offer.running_on(TODAY)
            and not rules_excluding(offer, profile))


def _serving(coalition, wijk_code, profile):
    return {o.partner_id for o in coalition.offers
            if o.available_in(wijk_code) and _counts(coalition, o, profile)}


def _signal_sectors(coalition, wijk_code):
    return {p.sector for p in coalition.partners
            if p.active and p.active_in(wijk_code) and "signaleren" in p.roles}


def test_loads_without_problems(result):
    assert result.problems == []
    assert result.ok
    assert result.coalition.is_example
    assert "voorbeelddata" in result.coalition.name
    assert result.coalition.info.description


def test_sizes(coalition, result):
    assert len(coalition.wijken) >= 8
    assert len(coalition.partners) >= 30
    assert len({p.sector for p in coalition.partners}) >= 12
    assert len(coalition.offers) >= 60
    assert len(coalition.referrals) >= 60
    assert {r.kind for r in coalition.referrals} == {"verwijst", "meldt", "werkt_samen"}
    assert len(result.plan.steps) == 6
    assert result.plan.decisions and result.plan.actions


def test_wijk_figures_are_realistic(coalition):
    for w in coalition.wijken:
        assert 4000 <= w.inhabitants <= 22000
        assert 0.12 <= w.inhabitants_65plus / w.inhabitants <= 0.30, w.code
        assert 40 <= w.pct_lonely <= 55
        assert 8 <= w.pct_severely_lonely <= 16
        assert w.year == 2022 and "Fictief" in w.source


def test_sectors_of_domain_section_4_are_present(coalition):
    sectors = {p.sector for p in coalition.partners}
    for code in ("gemeente", "wijkteam", "welzijn", "ggz", "ggd", "huisarts", "thuiszorg",
                 "woningcorporatie", "politie", "zorgnetwerk", "buurtbemiddeling", "mantelzorg",
                 "clientondersteuning", "veilig_thuis", "schuldhulp", "vrijwilligers",
                 "bibliotheek", "levensbeschouwelijk", "vereniging", "bedrijf"):
        assert code in sectors, code
    assert sum(p.sector == "wijkteam" for p in coalition.partners) >= 2
    assert sum(p.sector == "huisarts" for p in coalition.partners) >= 3


def test_contacts_are_fictional(coalition):
    real = ("humanitas", "zonnebloem", "leger des heils", "regenboog", "mee ", "movisie",
            "rode kruis", "sensoor", "ggd hollands", "rotterdam")
    for p in coalition.partners:
        assert not any(word in p.name.lower() + " " for word in real), p.name
    for p in coalition.partners:
        assert p.email.endswith(".example"), p.email
        assert p.website.startswith("https://") and p.website.endswith(".example")
        assert p.phone.startswith("0123-")


def test_offers_come_from_the_palette(coalition):
    palette = palette_by_id()
    with_ref = [o for o in coalition.offers if o.palette_ref]
    assert len(with_ref) >= 70
    for offer in with_ref:
        assert offer.palette_ref in palette, (offer.id, offer.palette_ref)
        item = palette[offer.palette_ref]
        if item.source == "002":
            # the profiles 002's table links the intervention to
            assert set(offer.profiles) == set(item.profiles), offer.id


def test_some_offers_do_not_run(coalition):
    not_running = [o for o in coalition.offers if not o.running_on(TODAY)]
    assert any(not o.active for o in not_running)
    assert any(o.end_date is not None and o.end_date < TODAY for o in not_running)
    assert any(o.capacity == 0 for o in not_running)


def test_gap_wijken_without_structural_offers(coalition):
    empty = [w.code for w in coalition.wijken
             if not any(_serving(coalition, w.code, prof) for prof in STRUCTURAL)]
    assert len(empty) >= 2
    # ... while the other wijken do have some
    assert len(empty) < len(coalition.wijken) - 4


def test_gap_wijk_signalled_only_by_huisarts_and_thuiszorg(coalition):
    found = []
    for w in coalition.wijken:
        sectors = _signal_sectors(coalition, w.code)
        if sectors and sectors <= {"huisarts", "thuiszorg"}:
            assert not any(SECTORS.get(s).facts["outreach"] for s in sectors)
            if any(_serving(coalition, w.code, prof) for prof in STRUCTURAL):
                found.append(w.code)
    assert found, "a wijk with structural offers but only huisarts/thuiszorg signalling"


def test_gap_a_profile_hangs_on_one_partner(coalition):
    serving = defaultdict(set)
    for o in coalition.offers:
        for prof in STRUCTURAL:
            if _counts(coalition, o, prof):
                serving[prof].add(o.partner_id)
    single = [prof for prof in STRUCTURAL if len(serving[prof]) == 1]
    assert single, dict(serving)
    (partner_id,) = serving[single[0]]
    assert coalition.partner(partner_id).sector == "ggz"


def test_gap_volunteer_offer_claims_buitenstaanders(coalition):
    conflicts = [o for o in coalition.offers
                 if "buitenstaanders" in o.profiles
                 and DELIVERY.get(o.delivered_by).facts["volunteer"]
                 and o.kind == "een_op_een"]
    assert conflicts
    assert all(rules_excluding(o, "buitenstaanders") for o in conflicts)


def test_gap_group_offer_claims_achterblijvers(coalition):
    conflicts = [o for o in coalition.offers
                 if "achterblijvers" in o.profiles and OFFER_KINDS.get(o.kind).facts["group"]]
    assert conflicts
    assert all(rules_excluding(o, "achterblijvers") for o in conflicts)


def test_gap_the_meldpunt_is_the_broker(coalition):
    graph = nx.DiGraph()
    graph.add_edges_from((r.from_partner, r.to_partner) for r in coalition.referrals)
    centrality = nx.betweenness_centrality(graph)
    broker = max(centrality, key=centrality.get)
    assert "meldpunt" in coalition.partner(broker).roles
    assert graph.in_degree(broker) >= 8 and graph.out_degree(broker) >= 5
