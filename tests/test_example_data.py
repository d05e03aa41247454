"""The bundled example coalition (data/): it loads cleanly, has the promised
size, refers to the palette, and contains the deliberate gaps that
data/README.md documents. The gaps are checked against the data with the
typology's rules, not against the output of the analysis."""

from __future__ import annotations

import datetime as dt

import networkx as nx
import pytest

from coalition_map.loading import load_folder
from coalition_map.palette import palette_by_id
from coalition_map.paths import bundled_data_dir
from coalition_map.typology import PROFILES, rules_excluding
from coalition_map.vocab import DELIVERY, OFFER_KINDS

TODAY = dt.date.today()
STRUCTURAL = [code for code, p in PROFILES.items() if p.structural]


@pytest.fixture(scope="module")
def result():
    return load_folder(bundled_data_dir())


@pytest.fixture(scope="module")
def coalition(result):
    return result.coalition


@pytest.fixture(scope="module")
def analysis(coalition):
    from coalition_map.analysis import analyze
    return analyze(coalition, today=TODAY)


def _signal_sectors(coalition, wijk_code):
    from coalition_map.availability import Availability
    av = Availability(coalition)
    return {p.sector for p in coalition.partners
            if p.active and wijk_code in av.partner_wijken(p) and "signaleren" in p.roles}


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


def test_gap_de_akkers_has_nothing_that_counts_for_the_structural_profiles(analysis):
    """data/README.md, gap 1."""
    for prof in STRUCTURAL:
        cell = analysis.cells["WK999905", prof]
        assert cell.state == "uncovered", prof
        assert not cell.served
    # Rietlanden: only the POH-ggz's individual guidance, found via the huisarts
    for prof in STRUCTURAL:
        cell = analysis.cells["WK999908", prof]
        assert cell.state == "partial" and cell.partners == ("P11",), prof
    assert analysis.cells["WK999908", "compenseerders"].reach == "limited"


def test_gap_wijk_signalled_only_by_huisarts_and_thuiszorg(coalition, analysis):
    """data/README.md, gap 2: found in part (001 L7137-7142), not never; Hoopvollen
    and Overlevers are seen by huisarts and thuiszorg (001 L2799-2802)."""
    assert _signal_sectors(coalition, "WK999907") == {"huisarts", "thuiszorg"}
    for prof in ("compenseerders", "buitenstaanders"):
        cell = analysis.cells["WK999907", prof]
        assert cell.state == "partial" and cell.reach == "limited", prof
    for prof in ("hoopvollen", "overlevers"):
        assert analysis.cells["WK999907", prof].reach == "full", prof


def test_gap_overlevers_hang_on_the_bemoeizorgteam(analysis):
    """data/README.md, gap 3."""
    full = {p for (w, prof), cell in analysis.cells.items() if prof == "overlevers"
            for p in {analysis.engine.index.offers[o].partner_id for o in cell.offers}}
    assert full == {"P07"}


def test_gap_volunteer_offer_claims_buitenstaanders(coalition):
    conflicts = [o for o in coalition.offers
                 if "buitenstaanders" in o.profiles
                 and DELIVERY.get(o.delivered_by).facts["volunteer"]
                 and o.kind == "een_op_een"]
    assert conflicts
    assert all(rules_excluding(o, "buitenstaanders") for o in conflicts)


def test_gap_group_offer_claims_achterblijvers(coalition):
    """data/README.md, gap 5: courses are excluded for Achterblijvers (001 L2392-2396),
    meeting offers count only in part, later (001 L2402-2403)."""
    from coalition_map.typology import rules_limiting
    named = [o for o in coalition.offers
             if "achterblijvers" in o.profiles and OFFER_KINDS.get(o.kind).facts["group"]]
    courses = [o for o in named if o.kind == "cursus"]
    meetings = [o for o in named if o.kind == "ontmoeting"]
    assert courses and meetings
    assert all(rules_excluding(o, "achterblijvers") for o in courses)
    assert all(rules_limiting(o, "achterblijvers") for o in meetings)


def test_gap_the_meldpunt_is_the_broker(coalition):
    graph = nx.DiGraph()
    graph.add_edges_from((r.from_partner, r.to_partner) for r in coalition.referrals)
    centrality = nx.betweenness_centrality(graph)
    broker = max(centrality, key=centrality.get)
    assert "meldpunt" in coalition.partner(broker).roles
    assert graph.in_degree(broker) >= 8 and graph.out_degree(broker) >= 5
