"""AppTest: the Netwerk page; the offline, escaped network HTML."""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

from app_helpers import by_key, db, iframe_html, run_app  # noqa: F401 (db is a fixture)

from coalition_map.graph import build_graph, network_summary, referral_graph
from coalition_map.model import Coalition, Offer, Partner, Referral, Wijk
from coalition_map.ui.network_view import (DEFAULT_EDGE_KINDS, NetworkFilter, filter_graph,
                                           render_html, safe_json)

XSS = "<img src=x onerror=alert(1)>"


def _data(html: str) -> dict:
    """The node/edge data embedded in the page."""
    match = re.search(r"var DATA = (\{.*?\});\n", html, re.S)
    assert match
    return json.loads(match.group(1))


def _counts(view):
    types = [d.get("type") for _, d in view.nodes(data=True)]
    return {t: types.count(t) for t in set(types)}


def test_netwerk_opens_on_the_referral_network(db):
    """Default view: partners only, their referral routes, coloured by sector, sized
    by brokerage; partners without any route are named."""
    from coalition_map.ui.network_view import isolated_partners, sector_color
    coalition = db.load_coalition()
    at = run_app("pages/netwerk.py")
    data = _data(iframe_html(at))
    expected = filter_graph(build_graph(coalition), coalition,
                            NetworkFilter(edge_kinds=("refers",), partners_only=True))
    assert {n["id"] for n in data["nodes"]} == set(expected.nodes)
    assert all(n["id"].startswith("partner:") for n in data["nodes"])
    assert {e["kind"] for e in data["edges"]} == {"refers"}
    sector = {f"partner:{p.id}": p.sector for p in coalition.partners}
    assert all(n["color"]["background"] == sector_color(sector[n["id"]])
               for n in data["nodes"])
    assert by_key(at.selectbox, "net_grootte").value == "betweenness"
    alone = isolated_partners(expected)
    if alone:
        text = " ".join(w.value for w in at.warning).replace("\\", "")
        assert f"{len(alone)} partners zonder verwijsroute" in text
        assert coalition.partner(alone[0].split(":")[1]).name.split()[0] in text


def _all(at):
    by_key(at.get("button_group"), "net_weergave").set_value("alles").run()
    return at


def test_netwerk_shows_graph_and_metrics(db):
    coalition = db.load_coalition()
    at = _all(run_app("pages/netwerk.py"))
    assert [t.value for t in at.title] == ["Netwerk"]
    html = iframe_html(at)
    data = _data(html)
    expected = filter_graph(build_graph(coalition), coalition, NetworkFilter())
    assert len(data["nodes"]) == expected.number_of_nodes()
    assert len(data["edges"]) == expected.number_of_edges()
    assert {e["kind"] for e in data["edges"]} <= set(DEFAULT_EDGE_KINDS)
    summary = network_summary(referral_graph(coalition))
    labels = {m.label: m.value for m in at.metric}
    assert labels["Losse groepen"] == str(summary["components"])
    assert labels["Makelaars"] == str(len(summary["brokers"]))
    table = at.dataframe[0].value
    assert len(table) == len(coalition.partners)


def test_netwerk_filters_by_wijk_and_focus(db):
    coalition = db.load_coalition()
    graph = build_graph(coalition)
    wijk = coalition.wijken[0].code
    at = _all(run_app("pages/netwerk.py"))
    by_key(at.multiselect, "net_wijken").set_value([wijk]).run()
    data = _data(iframe_html(at))
    expected = filter_graph(graph, coalition, NetworkFilter(wijken=(wijk,)))
    assert len(data["nodes"]) == expected.number_of_nodes()
    ids = {n["id"] for n in data["nodes"]}
    for p in coalition.partners:
        assert (f"partner:{p.id}" in ids) == p.active_in(wijk)
    caption = next(c.value for c in at.caption if "in beeld" in c.value)
    assert caption.startswith(f"{_counts(expected).get('partner', 0)} partners")

    by_key(at.multiselect, "net_wijken").set_value([]).run()
    partner = max(coalition.partners,
                  key=lambda p: sum(r.to_partner == p.id for r in coalition.referrals))
    by_key(at.selectbox, "net_focus").set_value(partner.id).run()
    ids = {n["id"] for n in _data(iframe_html(at))["nodes"]}
    referrers = {f"partner:{r.from_partner}" for r in coalition.referrals
                 if r.to_partner == partner.id}
    assert referrers and referrers <= ids
    assert {f"offer:{o.id}" for o in coalition.offers_of(partner.id)} <= ids
    others = {f"partner:{p.id}" for p in coalition.partners} - referrers - {
        f"partner:{r.to_partner}" for r in coalition.referrals if r.from_partner == partner.id}
    assert not (others - {f"partner:{partner.id}"}) & ids


def test_netwerk_sizes_by_metric(db):
    at = _all(run_app("pages/netwerk.py"))
    by_key(at.selectbox, "net_grootte").set_value("degree").run()
    sizes_degree = {n["id"]: n["size"] for n in _data(iframe_html(at))["nodes"]}
    by_key(at.selectbox, "net_grootte").set_value("betweenness").run()
    sizes_bc = {n["id"]: n["size"] for n in _data(iframe_html(at))["nodes"]}
    assert sizes_degree != sizes_bc
    # Only partners have a betweenness; offers are drawn at the smallest size.
    assert len({s for i, s in sizes_bc.items() if i.startswith("offer:")}) == 1


def _xss_coalition():
    return Coalition(
        wijken=[Wijk("W1", "</script><script>alert(3)</script>")],
        partners=[Partner("x", XSS, "overig", roles=("signaleren",)),
                  Partner("y", "Welzijn & Co", "welzijn")],
        offers=[Offer("o", "y", "<b>vet</b>", "een_op_een", "professional",
                      intervention_types=("monitoren",))],
        referrals=[Referral("x", "y")])


def test_network_html_is_offline_and_escapes_names():
    c = _xss_coalition()
    g = build_graph(c)
    html = render_html(filter_graph(g, c, NetworkFilter(edge_kinds=(
        "provides", "serves", "refers", "available_in"))), c)
    # No user text as markup anywhere in the page.
    assert XSS not in html and "<b>vet</b>" not in html
    # Exactly our two script blocks are closed (the library writes "</"+"script>").
    assert html.count("</script>") == 2
    # Nothing loaded from elsewhere: no src/href attributes, no CDN, no bootstrap.
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=", html)
    assert "bootstrap" not in html
    # The names survive as data (shown by vis-network on canvas and via textContent).
    data = _data(html)
    assert XSS in {n["label"] for n in data["nodes"]}
    assert "textContent" in html and "innerHTML" not in html.split("var DATA")[1]


def test_safe_json_cannot_close_the_script():
    text = safe_json({"a": "</script><!--\u2028"})
    assert "<" not in text and ">" not in text and "\u2028" not in text
    assert json.loads(text) == {"a": "</script><!--\u2028"}


def test_too_many_nodes_asks_for_a_filter(db, monkeypatch):
    from coalition_map.ui import network_view
    monkeypatch.setattr(network_view, "MAX_DRAWN_NODES", 10)
    at = run_app("pages/netwerk.py")
    assert any("te veel voor een leesbare kaart" in w.value for w in at.warning)
    assert not at.get("iframe")
    partner = db.load_coalition().partners[-1].id
    by_key(at.selectbox, "net_focus").set_value(partner).run()
    html = iframe_html(at) if at.get("iframe") else ""
    view = filter_graph(build_graph(db.load_coalition()), db.load_coalition(),
                        NetworkFilter(focus_partner=partner))
    assert bool(html) == (view.number_of_nodes() <= 10)


def test_show_me_the_gaps_for_one_wijk_and_profile(db):
    """Who signals, the route, who provides and where the chain breaks, for the
    largest gap first; the picture shows that wijk."""
    from coalition_map.analysis import analyze
    coalition = db.load_coalition()
    a = analyze(coalition)
    gap = a.gaps[0]
    cell = a.cells[gap.wijk, gap.profile]
    at = run_app("pages/netwerk.py")
    by_key(at.get("button_group"), "net_weergave").set_value("gaten").run()
    text = " ".join(m.value for m in at.markdown).replace("\\", "")
    assert "Wie signaleert" in text and "Waar breekt de keten" in text
    assert coalition.wijk(gap.wijk).name in text
    for reason in cell.reasons:
        assert reason.label in text
    assert by_key(at.multiselect, "net_wijken").value == [gap.wijk]


def test_positions_are_computed_on_the_server_and_the_same_every_load(db):
    """Up to SERVER_LAYOUT_MAX nodes the page carries a seeded spring layout (x, y on every
    node, physics off: drawn once, no stabilisation); a second load -- caches cleared, a
    new session -- gives exactly the same picture, and the nodes are spread out."""
    import itertools
    import math

    import streamlit as st

    from coalition_map.ui.network_view import server_layout

    coalition = db.load_coalition()
    first = iframe_html(run_app("pages/netwerk.py"))
    st.cache_resource.clear()
    second = iframe_html(run_app("pages/netwerk.py"))
    nodes = _data(first)["nodes"]
    assert all("x" in n and "y" in n for n in nodes)
    assert "physics: {enabled: false" in first
    assert [(n["id"], n["x"], n["y"]) for n in _data(second)["nodes"]] == \
        [(n["id"], n["x"], n["y"]) for n in nodes]
    view = filter_graph(build_graph(coalition), coalition,
                        NetworkFilter(edge_kinds=("refers",), partners_only=True))
    assert {n["id"]: (n["x"], n["y"]) for n in nodes} == server_layout(view)
    closest = min(math.dist((a["x"], a["y"]), (b["x"], b["y"]))
                  for a, b in itertools.combinations(nodes, 2))
    assert closest > 15, "knopen liggen op elkaar"


def test_large_pictures_are_laid_out_by_the_browser(monkeypatch):
    """Above SERVER_LAYOUT_MAX nodes no positions are sent and vis-network's physics
    runs."""
    from coalition_map.ui import network_view
    c = _xss_coalition()
    view = filter_graph(build_graph(c), c, NetworkFilter())
    assert network_view.server_layout(view) is not None
    monkeypatch.setattr(network_view, "SERVER_LAYOUT_MAX", view.number_of_nodes() - 1)
    positions = network_view.server_layout(view)
    assert positions is None
    html = render_html(view, c, positions=positions)
    assert "physics: {enabled: true" in html
    assert not any("x" in n for n in _data(html)["nodes"])


def test_relationship_template_is_made_on_click_only(db, monkeypatch):
    """The round template (one row per pair of partners: a million at region scale) is
    not built on every run of the page, only when the button asks for it."""
    from coalition_map import relaties
    calls = []
    real = relaties.template_bytes
    monkeypatch.setattr(relaties, "template_bytes",
                        lambda *a, **k: calls.append(a) or real(*a, **k))
    at = run_app("pages/netwerk.py")
    assert any(b.label == "Sjabloon voor deze ronde downloaden"
               for b in at.get("download_button"))
    assert calls == []


def test_server_layout_of_a_region_sized_group_needs_no_scipy():
    """From 500 connected nodes networkx wants scipy; the layout still comes out, the
    same twice, every node placed and apart from its neighbours."""
    import math

    import networkx as nx

    from coalition_map.ui.network_view import server_layout
    ring = nx.MultiDiGraph()
    ring.add_edges_from((f"partner:p{i}", f"partner:p{(i + 1) % 500}", {"kind": "refers"})
                        for i in range(500))
    first, second = server_layout(ring), server_layout(ring)
    assert first == second and set(first) == set(ring.nodes)
    assert min(math.dist(first[u], first[v]) for u, v, _ in ring.edges) > 1


_LAYOUT_SCRIPT = """
import json, sys, tempfile, os
from coalition_map.store import open_store
from coalition_map.graph import build_graph
from coalition_map.ui import network_view as nv
c = open_store(os.path.join(tempfile.mkdtemp(), "s.sqlite")).load_coalition()
for flt in (nv.NetworkFilter(edge_kinds=("refers",), partners_only=True), nv.NetworkFilter()):
    view = nv.filter_graph(build_graph(c), c, flt)
    print(json.dumps(sorted(nv.server_layout(view).items())))
"""


def test_same_picture_from_every_server_process():
    """Another server process (another string hash seed, so sets iterate in another
    order while the graph is built) computes exactly the same positions."""
    import os
    import subprocess
    import sys

    from app_helpers import ROOT
    outputs = {subprocess.run([sys.executable, "-c", _LAYOUT_SCRIPT], cwd=ROOT, check=True,
                              capture_output=True, text=True,
                              env=dict(os.environ, PYTHONHASHSEED=seed,
                                       PYTHONPATH=str(ROOT))).stdout
               for seed in ("1", "2", "3")}
    assert len(outputs) == 1 and outputs.pop().count("partner:") > 36


def test_server_layout_keeps_the_names_of_the_example_apart():
    """The spring layout draws hubs into a knot where names print over each other; the
    labels are pulled apart (network_view._spread): in the example's referral picture no
    two partners are closer than the room a name needs (an ellipse of LABEL_ROOM)."""
    import itertools

    from coalition_map.graph import build_graph
    from coalition_map.store import open_store
    from coalition_map.ui import network_view as nv
    c = open_store(str(Path(tempfile.mkdtemp()) / "s.sqlite")).load_coalition()
    view = nv.filter_graph(build_graph(c), c,
                           nv.NetworkFilter(edge_kinds=("refers",), partners_only=True))
    pos = nv.server_layout(view)
    rx, ry = nv.LABEL_ROOM
    closest = min(((a[0] - b[0]) / rx) ** 2 + ((a[1] - b[1]) / ry) ** 2
                  for a, b in itertools.combinations(pos.values(), 2))
    assert closest >= 0.95, closest
