"""The typed coalition graph and the referral network."""

import pytest

from builders import coalition, offer, partner, referral, wijk

from coalition_map.graph import build_graph, referral_graph
from coalition_map.graph import metrics


def _edges(g, kind):
    return sorted((u, v) for u, v, k in g.edges(data="kind") if k == kind)


def test_node_ids_and_types():
    c = coalition(wijken=[wijk("W1")], partners=[partner("p1")],
                  offers=[offer("o1", "p1", types=("telefooncirkel",))])
    g = build_graph(c)
    assert g.nodes["partner:p1"]["type"] == "partner"
    assert g.nodes["offer:o1"]["type"] == "offer"
    assert g.nodes["wijk:W1"]["type"] == "wijk"
    assert g.nodes["profile:afhankelijken"]["type"] == "profile"
    assert g.nodes["type:telefooncirkel"]["type"] == "intervention_type"
    assert {k for _, _, k in g.edges(data="kind")} <= {
        "provides", "serves", "claims", "available_in", "active_in", "refers", "has_type"}


def test_edges_by_kind():
    c = coalition(wijken=[wijk("W1"), wijk("W2")],
                  partners=[partner("p1", wijken=("W1",)), partner("p2", "huisarts")],
                  offers=[offer("o1", "p1", types=("telefooncirkel",), wijken=("W2",))],
                  referrals=[referral("p2", "p1", agreement="convenant", follow_up=True)])
    g = build_graph(c)
    assert _edges(g, "provides") == [("partner:p1", "offer:o1")]
    assert _edges(g, "serves") == [("offer:o1", "profile:achterblijvers"),
                                   ("offer:o1", "profile:afhankelijken")]
    assert _edges(g, "has_type") == [("offer:o1", "type:telefooncirkel")]
    assert _edges(g, "available_in") == [("offer:o1", "wijk:W2")]
    assert _edges(g, "active_in") == [("partner:p1", "wijk:W1"), ("partner:p2", "wijk:W1"),
                                      ("partner:p2", "wijk:W2")]
    (data,) = [d for _, _, d in g.edges("partner:p2", data=True) if d["kind"] == "refers"]
    assert data["agreement"] == "convenant" and data["follow_up"] is True


def test_municipality_wide_means_within_its_municipality():
    c = coalition(wijken=[wijk("A1", municipality="A"), wijk("A2", municipality="A"),
                          wijk("B1", municipality="B")],
                  partners=[partner("pa", municipality="A")],
                  offers=[offer("o", "pa", types=("monitoren",))])
    g = build_graph(c)
    assert _edges(g, "available_in") == [("offer:o", "wijk:A1"), ("offer:o", "wijk:A2")]
    assert _edges(g, "active_in") == [("partner:pa", "wijk:A1"), ("partner:pa", "wijk:A2")]


def test_serves_and_claims_edges_follow_the_fit():
    """Named profiles only (issue 9); a named profile a rule forbids is drawn as
    ``claims`` (it does not count), never as ``serves``."""
    c = coalition(partners=[partner("p")],
                  offers=[offer("m", "p", delivered_by="vrijwilliger",
                                types=("vrijwillige_inzet", "individuele_begeleiding"),
                                profiles=("buitenstaanders", "achterblijvers")),
                          offer("d", "p", types=("vrijwillige_inzet",))])
    g = build_graph(c)
    serves = {v: d for _, v, d in g.out_edges("offer:m", data=True) if d["kind"] == "serves"}
    claims = {v: d for _, v, d in g.out_edges("offer:m", data=True) if d["kind"] == "claims"}
    assert set(serves) == {"profile:achterblijvers"}
    assert serves["profile:achterblijvers"]["explicit"] is True
    assert claims["profile:buitenstaanders"]["excluded_by"] == ("geen_vrijwilligers",)
    derived = {v: d for _, v, d in g.out_edges("offer:d", data=True) if d["kind"] == "serves"}
    assert derived["profile:actieven"]["explicit"] is False
    assert derived["profile:actieven"]["types"] == ("vrijwillige_inzet",)


def test_offer_running_flag():
    c = coalition(partners=[partner("p")],
                  offers=[offer("a", "p"), offer("b", "p", capacity=0), offer("c", "p", active=False)])
    g = build_graph(c)
    assert [g.nodes[f"offer:{x}"]["running"] for x in "abc"] == [True, False, False]


def test_referral_graph_partners_only_and_cooperation_both_ways():
    c = coalition(partners=[partner("a", "huisarts"), partner("b"), partner("c", active=False)],
                  referrals=[referral("a", "b", "werkt_samen"), referral("b", "c")])
    g = referral_graph(c)
    assert set(g) == {"a", "b", "c"}
    assert set(g.edges()) == {("a", "b"), ("b", "a"), ("b", "c")}
    assert set(referral_graph(c, active_only=True)) == {"a", "b"}
    assert g.nodes["a"]["sector"] == "huisarts" and g.nodes["a"]["outreach"] is False


def test_metrics_on_a_chain():
    c = coalition(partners=[partner(x) for x in "abcde"],
                  referrals=[referral("a", "b"), referral("b", "c"), referral("c", "d")])
    g = referral_graph(c)
    assert metrics.articulation_points(g) == {"b", "c"}
    assert metrics.components(g) == [["a", "b", "c", "d"], ["e"]]
    assert metrics.density(g) == 3 / 20
    assert metrics.degree_table(g)["b"] == {"in": 1, "out": 1, "total": 2}
    s = metrics.network_summary(g)
    assert s["isolated"] == ["e"] and s["components"] == 2
    bc = metrics.betweenness(g)
    assert bc["b"] > 0 and bc["a"] == 0


_BETWEENNESS_RUN = """
import json, networkx as nx
from coalition_map.graph import metrics
metrics.EXACT_BETWEENNESS_LIMIT, metrics.BETWEENNESS_SAMPLE = 10, 8
g = nx.DiGraph()
for c in range(3):          # three components of 30 partners, none half the graph
    ids = [f"p{c}-{i}" for i in range(30)]
    g.add_edges_from((ids[i], ids[(i * 7 + j) % 30]) for i in range(30) for j in (1, 3))
print(json.dumps(metrics.betweenness(g), sort_keys=True))
"""


def test_betweenness_per_component_does_not_depend_on_string_hashes():
    """Above the exact limit betweenness is sampled per component; the sample and the
    sums follow the graph's order, not the hash order of a set of partner ids."""
    import json
    import os
    import subprocess
    import sys
    runs = [subprocess.run([sys.executable, "-c", _BETWEENNESS_RUN], capture_output=True,
                           text=True, check=True,
                           env=dict(os.environ, PYTHONHASHSEED=seed)).stdout
            for seed in ("1", "2", "3")]
    assert runs[0] == runs[1] == runs[2]
    assert any(v > 0 for v in json.loads(runs[0]).values())


@pytest.mark.parametrize("k", [None, 1, 7, 40])
@pytest.mark.parametrize("normalized", [True, False])
def test_component_betweenness_gives_the_floats_of_networkx(k, normalized):
    """The per-component betweenness on plain dicts is networkx's, to the last bit."""
    import random

    import networkx as nx
    rng = random.Random(5)
    g = nx.DiGraph()
    g.add_nodes_from(f"n{i}" for i in range(90))
    g.add_edges_from((f"n{rng.randrange(60)}", f"n{rng.randrange(60)}") for _ in range(200))
    g.add_edges_from((f"n{60 + i}", f"n{60 + (i * 3 + 1) % 30}") for i in range(30))
    g.remove_edges_from(nx.selfloop_edges(g))
    for comp in nx.weakly_connected_components(g):
        if len(comp) <= 2 or (k is not None and k >= len(comp)):
            continue
        expected = nx.betweenness_centrality(metrics._component(g, comp), k=k,
                                             normalized=normalized, seed=3)
        found = metrics._component_betweenness(g, comp, k, normalized, 3)
        # repr: the same bits, and nan (k=1: no data for the source) equal to nan
        assert [(n, repr(v)) for n, v in found.items()] == [
            (n, repr(v)) for n, v in expected.items()]
