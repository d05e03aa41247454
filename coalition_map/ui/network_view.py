"""The interactive network view: filtering the coalition graph and rendering it offline.

The graph comes from :func:`coalition_map.graph.build_graph` (node ids
``partner:<id>``, ``offer:<id>``, ``profile:<code>``, ``wijk:<code>``,
``type:<code>``; node attribute ``type``; edge attribute ``kind``).

Rendering builds a self-contained HTML page around the vis-network library
that ships inside the pyvis package (``pyvis/templates/lib/vis-9.1.2``): its
JavaScript and CSS are inlined, nothing is loaded from the internet (no CDN,
no bootstrap). User-entered text never becomes markup:

* labels are drawn on the canvas by vis-network (text, not HTML);
* tooltips are DOM elements built with ``textContent`` in the page, so vis
  never parses a string title as HTML;
* the data travel as JSON in which ``<``, ``>``, ``&`` and the JavaScript line
  separators are written as ``\\uXXXX`` escapes, so no ``</script>`` in a
  partner name can end the script block;
* the static parts (legend, headings) are passed through :func:`html.escape`.

A list of all nodes in the view is written (with ``textContent``) under the
canvas, for screen readers and for searching with the browser's find.

Up to :data:`SERVER_LAYOUT_MAX` nodes the positions are computed here
(:func:`server_layout`, a seeded spring layout: the same picture on every
load) and vis-network draws them once, physics off: no stabilisation in the
browser. Larger pictures are laid out by vis-network's physics, briefly.
"""

from __future__ import annotations

import functools
import html
import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from ..model import ALL, Coalition
from ..typology import INTERVENTION_TYPES, PROFILES
from ..vocab import CHAIN_ROLES, OFFER_KINDS, SECTORS
from .style import EDGE_COLORS, EDGE_KINDS, NODE_STYLES

#: Edge kinds shown unless the user picks others (offer × wijk, partner × wijk
#: and offer × type edges make a city-sized picture unreadable; the wijk
#: filter works without them).
DEFAULT_EDGE_KINDS = ("provides", "serves", "claims", "refers")

#: Metrics the user can size nodes by (code -> Dutch label).
SIZE_METRICS = {
    "degree": "aantal verbindingen (graad)",
    "betweenness": "makelaarsrol (hoe vaak een partner tussen twee anderen in de route ligt)",
    "profiles": "aantal profielen bediend",
}

#: Above this many nodes the picture is "large": no improved initial layout, edges
#: hidden while dragging, and (above SERVER_LAYOUT_MAX) a short stabilisation.
LARGE_GRAPH = 300

#: Up to this many nodes the server computes the layout (:func:`server_layout`, cached
#: per data version and filter; about 1.5 s CPU once for the 1,000 partners of a region);
#: above, vis-network's physics lays the picture out in the browser.
SERVER_LAYOUT_MAX = 1000

#: Pixels per unit of the spring layout, times the square root of the node count
#: (vis-network fits the picture to the canvas; this sets the spacing against the
#: node and label size).
LAYOUT_SCALE = 90

#: The spring layout's ideal distance is SPRING_K / sqrt(n) (networkx's default is 1):
#: chosen by looking at the example's referral picture, where 1.6 crowded the hubs' labels.
SPRING_K = 3.0

#: Above this many nodes no picture is drawn: nobody can read it, and the
#: browser would spend minutes on the layout. The page asks for a filter.
MAX_DRAWN_NODES = 1500


def node_kind(node_id: str) -> tuple[str, str]:
    """Split ``"partner:P01"`` into ``("partner", "P01")``."""
    prefix, _, rest = str(node_id).partition(":")
    return prefix, rest


@dataclass
class NetworkFilter:
    """What the user picked on the Netwerk page (empty tuple: no filter)."""

    wijken: tuple[str, ...] = ()
    profiles: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    edge_kinds: tuple[str, ...] = DEFAULT_EDGE_KINDS
    focus_partner: str | None = None
    #: only partners (the referral network): offers, profiles, wijken and types left out
    partners_only: bool = False

    def key(self) -> tuple:
        return (self.wijken, self.profiles, self.sectors, self.roles, self.edge_kinds,
                self.focus_partner, self.partners_only)


def _type(graph, node) -> str:
    return graph.nodes[node].get("type") or {
        "partner": "partner", "offer": "offer", "profile": "profile", "wijk": "wijk",
        "type": "intervention_type"}.get(node_kind(node)[0], "")


def _edges_of_kind(graph, kind: str):
    for u, v, data in graph.edges(data=True):
        if data.get("kind") == kind:
            yield u, v


def filter_graph(graph: nx.MultiDiGraph, coalition: Coalition,
                 flt: NetworkFilter) -> nx.MultiDiGraph:
    """The part of the graph the filter asks for (a new graph; the input is untouched).

    * sector / chain role: only partners of that sector or with that role, and
      their offers;
    * wijk: only partners active in and offers available in those wijken
      (whole-municipality partners and offers count for every wijk);
    * profile: only offers serving those profiles, the partners providing them
      and the partners that refer to or from those partners;
    * focus partner: that partner, its offers, whom it refers to and who refers
      to it, and what those offers connect to;
    * edge kinds: only those edges; profile, wijk and type nodes left without
      any edge are dropped.
    """
    partners = {p.id: p for p in coalition.partners}
    offers = {o.id: o for o in coalition.offers}
    keep = set(graph.nodes)

    def drop(pred):
        for n in list(keep):
            if pred(n):
                keep.discard(n)

    if flt.sectors:
        sectors = set(flt.sectors)
        drop(lambda n: _type(graph, n) == "partner"
             and getattr(partners.get(node_kind(n)[1]), "sector", None) not in sectors)
    if flt.roles:
        roles = set(flt.roles)
        drop(lambda n: _type(graph, n) == "partner"
             and not roles & set(getattr(partners.get(node_kind(n)[1]), "roles", ())))
    if flt.wijken:
        wijken = set(flt.wijken)

        def outside(n):
            t = _type(graph, n)
            key = node_kind(n)[1]
            if t == "wijk":
                return key not in wijken
            if t == "partner":
                p = partners.get(key)
                return p is not None and not (p.everywhere or wijken & set(p.wijken))
            if t == "offer":
                o = offers.get(key)
                return o is not None and not (o.everywhere or wijken & set(o.wijken))
            return False
        drop(outside)

    # Offers whose provider was filtered out go too.
    provider = {v: u for u, v in _edges_of_kind(graph, "provides")}
    for o in coalition.offers:
        provider.setdefault(f"offer:{o.id}", f"partner:{o.partner_id}")
    if flt.sectors or flt.roles or flt.wijken:
        drop(lambda n: _type(graph, n) == "offer" and provider.get(n) not in keep)

    if flt.profiles:
        chosen = {f"profile:{code}" for code in flt.profiles}
        drop(lambda n: _type(graph, n) == "profile" and n not in chosen)
        serving = {u for u, v in _edges_of_kind(graph, "serves") if v in chosen}
        drop(lambda n: _type(graph, n) == "offer" and n not in serving)
        providers = {provider.get(o) for o in keep if _type(graph, o) == "offer"}
        linked = set(providers)
        for u, v in _edges_of_kind(graph, "refers"):
            if u in providers:
                linked.add(v)
            if v in providers:
                linked.add(u)
        drop(lambda n: _type(graph, n) == "partner" and n not in linked)

    if flt.focus_partner:
        centre = f"partner:{flt.focus_partner}"
        ego = {centre}
        own_offers = {v for u, v in _edges_of_kind(graph, "provides") if u == centre}
        own_offers |= {f"offer:{o.id}" for o in coalition.offers_of(flt.focus_partner)}
        ego |= own_offers
        for u, v in _edges_of_kind(graph, "refers"):
            if u == centre:
                ego.add(v)
            if v == centre:
                ego.add(u)
        for o in own_offers:
            if o in graph:
                ego |= {v for v in graph.successors(o)
                        if _type(graph, v) in ("profile", "wijk", "intervention_type")}
        if centre in graph:
            ego |= {v for v in graph.successors(centre) if _type(graph, v) == "wijk"}
        keep &= ego

    if flt.partners_only:
        drop(lambda n: _type(graph, n) != "partner")

    kinds = set(flt.edge_kinds)
    out = nx.MultiDiGraph()
    out.add_nodes_from((n, graph.nodes[n]) for n in keep if n in graph)
    for u, v, k, data in graph.edges(keys=True, data=True):
        if u in keep and v in keep and data.get("kind") in kinds:
            out.add_edge(u, v, key=k, **data)
    lonely = [n for n in out.nodes
              if out.degree(n) == 0 and _type(out, n) in ("profile", "wijk", "intervention_type")]
    out.remove_nodes_from(lonely)
    return out


# --- labels and tooltips (plain text) --------------------------------------------

def node_label(node_id: str, coalition: Coalition, _index=None) -> str:
    """Dutch display name of a node: partner/offer/wijk names, vocabulary labels."""
    kind, key = node_kind(node_id)
    index = _index or _Index(coalition)
    if kind == "partner":
        p = index.partners.get(key)
        return p.name if p else key
    if kind == "offer":
        o = index.offers.get(key)
        return o.name if o else key
    if kind == "wijk":
        if key == ALL:
            return "hele gemeente"
        w = index.wijken.get(key)
        return w.name if w else key
    if kind == "profile":
        p = PROFILES.get(key)
        return p.name if p else key
    if kind == "type":
        return INTERVENTION_TYPES.label_of(key)
    return str(node_id)


class _Index:
    def __init__(self, coalition: Coalition):
        self.partners = {p.id: p for p in coalition.partners}
        self.offers = {o.id: o for o in coalition.offers}
        self.wijken = {w.code: w for w in coalition.wijken}


def node_tooltip(node_id: str, coalition: Coalition, index=None) -> list[str]:
    """Plain-text lines describing a node (shown as text, never as HTML)."""
    kind, key = node_kind(node_id)
    index = index or _Index(coalition)
    if kind == "partner" and key in index.partners:
        p = index.partners[key]
        lines = [p.name, f"Sector: {SECTORS.label_of(p.sector)}"]
        if p.roles:
            lines.append("Ketenrol: " + ", ".join(CHAIN_ROLES.label_of(r) for r in p.roles))
        lines.append("Wijken: " + _wijken_text(p.wijken, index))
        if not p.active:
            lines.append("Niet meer actief")
        return lines
    if kind == "offer" and key in index.offers:
        o = index.offers[key]
        partner = index.partners.get(o.partner_id)
        lines = [o.name, f"Soort: {OFFER_KINDS.label_of(o.kind)}",
                 f"Door: {partner.name if partner else o.partner_id}"]
        if o.profiles:
            lines.append("Profielen: " + ", ".join(
                PROFILES[c].name if c in PROFILES else c for c in o.profiles))
        lines.append("Wijken: " + _wijken_text(o.wijken, index))
        return lines
    if kind == "profile" and key in PROFILES:
        p = PROFILES[key]
        return [p.name, p.description]
    if kind == "wijk":
        return [node_label(node_id, coalition, index), "Wijk"]
    if kind == "type":
        return [INTERVENTION_TYPES.label_of(key), "Interventietype"]
    return [str(node_id)]


def _wijken_text(codes, index) -> str:
    if ALL in codes:
        return "hele gemeente"
    return ", ".join(index.wijken[c].name if c in index.wijken else c for c in codes)


# --- sizes ------------------------------------------------------------------------

def profiles_served(graph: nx.MultiDiGraph) -> dict[str, int]:
    """Per offer and partner node: how many distinct profiles its offers serve."""
    served: dict[str, set] = {}
    for u, v in _edges_of_kind(graph, "serves"):
        served.setdefault(u, set()).add(v)
    by_partner: dict[str, set] = {}
    for u, v in _edges_of_kind(graph, "provides"):
        by_partner.setdefault(u, set()).update(served.get(v, ()))
    result = {n: len(p) for n, p in served.items()}
    result.update({n: len(p) for n, p in by_partner.items()})
    return result


def size_values(metric: str, graph: nx.MultiDiGraph, summary: dict | None = None
                ) -> dict[str, float]:
    """Values per node of the metric the user sizes nodes by.

    * ``degree``: number of connections of the node in the (full) typed graph;
    * ``betweenness``: the partner's betweenness in the referral network
      (``graph.network_summary``); other nodes get none;
    * ``profiles``: distinct profiles an offer (or a partner's offers) serves.
    """
    if metric == "profiles":
        return {node: float(n) for node, n in profiles_served(graph).items()}
    if metric == "betweenness":
        values = (summary or {}).get("betweenness", {})
        return {f"partner:{pid}": v for pid, v in values.items()}
    return {n: float(d) for n, d in graph.degree()}


# --- layout -------------------------------------------------------------------------

def _spring_layout(graph: nx.Graph) -> dict:
    """``nx.spring_layout`` with seed 7, 120 iterations, k = SPRING_K/sqrt(n).

    From 500 nodes networkx switches to a sparse solver that needs scipy (not a
    dependency of this app); there the same dense solver and rescaling it uses below
    500 nodes are called directly.
    """
    n = graph.number_of_nodes()
    k = SPRING_K / math.sqrt(n)
    if n < 500:
        return nx.spring_layout(graph, seed=7, iterations=120, k=k)
    import numpy as np
    from networkx.drawing.layout import _fruchterman_reingold
    nodes = list(graph)
    raw = _fruchterman_reingold(nx.to_numpy_array(graph, nodelist=nodes), k, None, None, 120,
                                1e-4, 2, np.random.RandomState(7))
    return dict(zip(nodes, nx.rescale_layout(raw, scale=1), strict=True))


#: Groups up to this many nodes get their labels pulled apart (:func:`_spread`).
SPREAD_MAX = 400
#: Room a node with its label needs (vis-network pixels): labels are wider than high.
LABEL_ROOM = (170.0, 72.0)


def _spread(pos: dict, nodes: list, rounds: int = 300) -> dict[str, tuple[float, float]]:
    """Push apart nodes whose labels would overlap, keeping the spring layout's shape.

    A spring layout draws hubs and their neighbours into a dense knot where the
    names print over each other. Here two nodes closer than :data:`LABEL_ROOM`
    (in x and y together: an ellipse) are moved apart, each half the overlap,
    repeated until no pair overlaps (or ``rounds``). Deterministic: the same
    positions in give the same positions out.

    >>> out = _spread({"a": (0.0, 0.0), "b": (10.0, 0.0)}, ["a", "b"])
    >>> round(out["b"][0] - out["a"][0]) >= 150
    True
    >>> out = _spread({"a": (5.0, 5.0), "b": (5.0, 5.0)}, ["a", "b"])   # on top of each other
    >>> abs(out["b"][0] - out["a"][0]) >= 150
    True
    """
    import numpy as np
    xy = np.array([pos[n] for n in nodes], dtype=float)
    room = np.array(LABEL_ROOM)
    for _ in range(rounds):
        delta = (xy[:, None, :] - xy[None, :, :]) / room       # in label units
        dist = np.sqrt((delta ** 2).sum(axis=2))
        np.fill_diagonal(dist, np.inf)
        close = dist < 1.0
        if not close.any():
            break
        dist = np.where(dist == 0, 1e-3, dist)
        # pairs on top of each other: apart along x, in a fixed direction by index
        order = np.sign(np.arange(len(nodes))[:, None] - np.arange(len(nodes))[None, :])
        apart = np.stack([order, np.zeros_like(order)], axis=2).astype(float)
        direction = np.where(dist[..., None] > 1e-3, delta / dist[..., None], apart)
        push = np.where(close, (1.0 - dist) / 2 + 0.01, 0.0)[..., None] * direction
        xy += push.sum(axis=1) * room * 0.5
    return {n: (float(x), float(y)) for n, (x, y) in zip(nodes, xy, strict=True)}


def _landscape(raw: dict, nodes: list) -> dict[str, tuple[float, float]]:
    """The positions turned so that their longest spread runs left to right (the canvas
    is wider than high), in a fixed direction: the same input gives the same picture."""
    import numpy as np
    xy = np.array([raw[n] for n in nodes], dtype=float)
    xy -= xy.mean(axis=0)
    _, vectors = np.linalg.eigh(np.cov(xy.T) if len(nodes) > 2 else np.eye(2))
    turned = xy @ vectors[:, ::-1]          # main axis first
    turned *= np.where(turned[0] < 0, -1.0, 1.0)   # the first node to the right and below
    return {n: (float(x), float(y)) for n, (x, y) in zip(nodes, turned, strict=True)}


def server_layout(graph: nx.MultiDiGraph) -> dict[str, tuple[float, float]] | None:
    """Positions (x, y in vis-network pixels) of the nodes, or None above
    :data:`SERVER_LAYOUT_MAX` nodes (the browser lays those out).

    Each connected group of nodes gets a spring layout with a fixed seed over its
    undirected graph, nodes and edges sorted by id; the groups are set side by side in
    rows (largest first), nodes without any connection in a column to their right (a
    few) or a grid below them (many). The same
    graph gives the same picture on every load and server, so a coordinator's meeting
    shows the same map each time; a lone partner does not push the rest together.
    """
    n = graph.number_of_nodes()
    if n > SERVER_LAYOUT_MAX:
        return None
    # Nodes and edges in sorted order, not the graph's: that follows set iteration in
    # build_graph, which differs between server processes (string hashing).
    undirected = nx.Graph(graph.to_undirected())
    groups = sorted((sorted(c) for c in nx.connected_components(undirected)),
                    key=lambda c: (-len(c), c[0]))
    pictures = []                           # (positions around 0, width, height)
    for group in groups:
        if len(group) == 1:
            continue
        sub = nx.Graph()
        sub.add_nodes_from(group)
        sub.add_edges_from(sorted(tuple(sorted(e)) for e in undirected.subgraph(group).edges))
        raw = _spring_layout(sub)
        scale = LAYOUT_SCALE * math.sqrt(len(group))
        pos = {node: (x * scale, y * scale) for node, (x, y) in _landscape(raw, group).items()}
        if len(group) <= SPREAD_MAX:
            pos = _spread(pos, group)
        xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
        pictures.append(({k: (x - min(xs), y - min(ys)) for k, (x, y) in pos.items()},
                         max(xs) - min(xs), max(ys) - min(ys)))
    gap = 2 * LAYOUT_SCALE
    widest = max([w for _, w, _ in pictures] or [0.0])
    row_width = max(widest, math.sqrt(sum((w + gap) * (h + gap) for _, w, h in pictures) * 1.5))
    out: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for pos, w, h in pictures:              # shelf packing: rows of groups
        if x > 0 and x + w > row_width:
            x, y, row_height = 0.0, y + row_height + gap, 0.0
        out.update({k: (x + px, y + py) for k, (px, py) in pos.items()})
        x, row_height = x + w + gap, max(row_height, h)
    lone = [g[0] for g in groups if len(g) == 1]
    height = y + row_height
    if pictures and len(lone) * gap <= height + gap:
        # A few partners without routes: a column to the right (the canvas is landscape;
        # below the groups they would shrink the picture when it is fitted).
        right = max(px for px, _ in out.values()) + gap
        for i, node in enumerate(lone):
            out[node] = (right, i * gap)
        return {k: (round(px, 1), round(py, 1)) for k, (px, py) in out.items()}
    y = height + gap if pictures else 0.0
    per_row = max(1, int(max(row_width, gap) // gap))
    for i, node in enumerate(lone):
        out[node] = ((i % per_row) * gap, y + (i // per_row) * gap)
    return {k: (round(px, 1), round(py, 1)) for k, (px, py) in out.items()}


# --- rendering ----------------------------------------------------------------------

_VIS_DIR = Path(str(__import__("pyvis").__file__)).parent / "templates" / "lib" / "vis-9.1.2"


@functools.lru_cache(maxsize=1)
def _vis_assets() -> tuple[str, str]:
    js = (_VIS_DIR / "vis-network.min.js").read_text(encoding="utf-8")
    css = (_VIS_DIR / "vis-network.css").read_text(encoding="utf-8")
    # Inline scripts must not contain a closing script tag.
    js = js.replace("</script", "<\\/script")
    css = css.replace("</style", "<\\/style")
    return js, css


def safe_json(data) -> str:
    """JSON that can sit inside a <script> element whatever the strings contain."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                      ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, esc)
    return text


#: Colours for partner sectors (colour-blind safe Tableau/Okabe-Ito mix), by sector order.
SECTOR_PALETTE = ("#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948",
                  "#b07aa1", "#ff9da7", "#9c755f", "#0072b2", "#d55e00", "#009e73",
                  "#cc79a7", "#56b4e9", "#bab0ac")


def sector_color(code: str) -> str:
    """The colour of a sector's partners (the same in every view and legend).

    >>> sector_color("welzijn") == sector_color("welzijn")
    True
    """
    from ..vocab import SECTORS
    codes = list(SECTORS.codes)
    return SECTOR_PALETTE[codes.index(code) % len(SECTOR_PALETTE)] if code in codes else "#888888"


def sector_legend_html(coalition: Coalition) -> str:
    """Legend of the sectors present among the coalition's partners."""
    from ..vocab import SECTORS
    present = [c for c in SECTORS.codes if any(p.sector == c for p in coalition.partners)]
    return "".join(f'<span style="display:inline-block;margin:0 .8em .2em 0">'
                   f'<i style="display:inline-block;width:.8em;height:.8em;border-radius:50%;'
                   f'background:{sector_color(c)};margin-right:.3em"></i>'
                   f"{html.escape(SECTORS.label_of(c))}</span>" for c in present)


def isolated_partners(graph: nx.MultiDiGraph) -> list[str]:
    """Partner nodes of ``graph`` without any referral route in or out."""
    refer: set[str] = set()
    for u, v, data in graph.edges(data=True):
        if data.get("kind") == "refers":
            refer.update((u, v))
    return sorted(n for n in graph.nodes if _type(graph, n) == "partner" and n not in refer)


def vis_data(graph: nx.MultiDiGraph, coalition: Coalition, *, sizes: dict | None = None,
             highlight: str | None = None,
             positions: dict[str, tuple[float, float]] | None = None) -> dict:
    """Nodes and edges as plain data for vis-network (all strings are plain text);
    ``positions`` (:func:`server_layout`) put x and y on every node."""
    index = _Index(coalition)
    sizes = sizes or {}
    top = max([float(v) for v in sizes.values() if v] or [1.0])
    nodes = []
    for n in graph.nodes:
        t = _type(graph, n)
        style = NODE_STYLES.get(t, NODE_STYLES["intervention_type"])
        size = 12 + 33 * (float(sizes.get(n, 0) or 0) / top) if sizes else 16
        background = style.color
        if t == "partner":   # partners in the colour of their sector
            background = sector_color(getattr(index.partners.get(node_kind(n)[1]), "sector", ""))
        nodes.append({
            "id": n, "label": node_label(n, coalition, index), "group": t,
            "shape": style.shape, "size": round(size, 1),
            "color": {"background": background, "border": style.border,
                      "highlight": {"background": "#ffe066", "border": "#000000"}},
            "borderWidth": 4 if n == highlight else 1,
            "tip": node_tooltip(n, coalition, index),
        })
        if positions is not None and n in positions:
            nodes[-1]["x"], nodes[-1]["y"] = positions[n]
    edges = []
    for i, (u, v, data) in enumerate(graph.edges(data=True)):
        kind = data.get("kind", "")
        edges.append({
            "id": i, "from": u, "to": v, "kind": kind,
            "color": {"color": EDGE_COLORS.get(kind, "#999999")},
            "dashes": kind in ("available_in", "active_in", "has_type", "claims"),
            "arrows": "to" if kind in ("refers", "provides", "serves", "claims") else "",
            "tip": [EDGE_KINDS.get(kind, kind)],
        })
    return {"nodes": nodes, "edges": edges}


_PAGE = """<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; font-src data:">
<title>Netwerkkaart</title>
<style>__VIS_CSS__</style>
<style>
body{margin:0;font-family:"Source Sans Pro",Arial,sans-serif;font-size:__BASE__px;color:#1b1b1b;background:#fff}
#net{width:100%;height:__HEIGHT__px;border:1px solid #bbb;box-sizing:border-box}
#legend{margin:.3em 0;line-height:1.9}
#legend span.item{display:inline-block;margin-right:1.2em;white-space:nowrap}
#legend i{display:inline-block;width:.9em;height:.9em;margin-right:.3em;vertical-align:middle;border:1px solid #333}
#selected{min-height:1.4em;margin:.3em 0;padding:.3em .5em;background:#f3f6f9;border-left:4px solid #4e79a7}
#selected:empty{display:none}
#status{color:#555;font-size:.85em}
details{margin-top:.4em} ul{margin:.2em 0;columns:3}
div.vis-tooltip{font-family:inherit;font-size:__BASE__px;max-width:26em;white-space:normal}
div.vis-tooltip div.l0{font-weight:700}
</style></head>
<body>
<div id="legend">__LEGEND__</div>
<div id="net" role="img" aria-label="Netwerkkaart van partners, aanbod, profielen en wijken"></div>
<div id="status">Netwerk wordt getekend…</div>
<div id="selected" aria-live="polite"></div>
<details><summary>Alle knopen in deze weergave (__COUNT__)</summary><ul id="nodelist"></ul></details>
<script>__VIS_JS__</script>
<script>
(function(){
  "use strict";
  var DATA = __DATA__;
  var LARGE = __LARGE__;
  function textBlock(lines){
    var box = document.createElement("div");
    for (var i = 0; i < lines.length; i++){
      var line = document.createElement("div");
      line.className = "l" + i;
      line.textContent = String(lines[i]);
      box.appendChild(line);
    }
    return box;
  }
  var tips = {};
  var nodes = DATA.nodes.map(function(n){
    tips[n.id] = n.tip;
    var copy = Object.assign({}, n);
    delete copy.tip;
    copy.title = textBlock(n.tip);
    return copy;
  });
  var edges = DATA.edges.map(function(e){
    var copy = Object.assign({}, e);
    delete copy.tip;
    copy.title = textBlock(e.tip);
    return copy;
  });
  var list = document.getElementById("nodelist");
  DATA.nodes.forEach(function(n){
    var li = document.createElement("li");
    li.textContent = n.label;
    list.appendChild(li);
  });
  var options = {
    autoResize: true,
    nodes: {font: {size: __FONT__, face: "Source Sans Pro, Arial, sans-serif",
                   strokeWidth: 3, strokeColor: "#ffffff"},
            widthConstraint: {maximum: 220}},
    edges: {smooth: false, width: 1.2, arrows: {to: {scaleFactor: 0.5}}},
    interaction: {hover: true, tooltipDelay: 120, hideEdgesOnDrag: LARGE,
                  navigationButtons: false, keyboard: false},
    layout: {improvedLayout: !LARGE, randomSeed: 7},
    physics: {enabled: __PHYSICS__, solver: "forceAtlas2Based",
              forceAtlas2Based: {gravitationalConstant: -60, springLength: 110},
              stabilization: {enabled: true, iterations: LARGE ? 150 : 600, fit: true}}
  };
  var status = document.getElementById("status");
  var container = document.getElementById("net");
  var network = new vis.Network(container, {nodes: new vis.DataSet(nodes),
                                            edges: new vis.DataSet(edges)}, options);
  function done(){
    network.setOptions({physics: false});
    status.textContent = DATA.nodes.length + " knopen, " + DATA.edges.length +
      " verbindingen. Sleep om te verplaatsen, scroll om te zoomen, klik voor details.";
    // ready when the fitted picture is on the canvas (not merely computed)
    network.once("afterDrawing", function(){
      document.body.setAttribute("data-ready", "1");
    });
    network.fit({animation: false});
    network.redraw();
  }
  if (__PHYSICS__) { network.once("stabilizationIterationsDone", done); } else { done(); }
  var selected = document.getElementById("selected");
  network.on("click", function(params){
    selected.textContent = "";
    if (params.nodes.length) { selected.appendChild(textBlock(tips[params.nodes[0]] || [])); }
  });
  if (DATA.nodes.length === 0) {
    status.textContent = "Geen knopen bij deze filters.";
    document.body.setAttribute("data-ready", "1");
  }
})();
</script>
</body></html>
"""


def legend_html(types: set | None = None) -> str:
    """The node kinds in view (``types``; None: all), shape and colour. Partners take
    their sector's colour (the sector legend beside the picture), so their item says so
    instead of showing one colour.

    >>> "aanbod" in legend_html({"partner"})
    False
    >>> "kleur: sector" in legend_html({"partner"})
    True
    """
    parts = []
    for kind, style in NODE_STYLES.items():
        if types is not None and kind not in types:
            continue
        shape = "50%" if style.shape in ("dot", "ellipse") else "0"
        shape_name = html.escape(_SHAPE_NAMES.get(style.shape, style.shape))
        if kind == "partner":
            parts.append(f'<span class="item"><i style="background:#fff;border-radius:{shape}">'
                         f'</i>{html.escape(style.label)} ({shape_name}; kleur: sector)</span>')
            continue
        parts.append(f'<span class="item"><i style="background:{style.color};'
                     f'border-radius:{shape}"></i>{html.escape(style.label)} '
                     f'({shape_name})</span>')
    return "".join(parts)


_SHAPE_NAMES = {"dot": "rondje", "box": "rechthoek", "diamond": "ruit", "triangle": "driehoek",
                "ellipse": "ovaal"}


def render_html(graph: nx.MultiDiGraph, coalition: Coalition, *, sizes: dict | None = None,
                height: int = 620, large_type: bool = False,
                highlight: str | None = None,
                positions: dict[str, tuple[float, float]] | None = None) -> str:
    """A self-contained HTML page showing the graph (no network access needed).

    With ``positions`` (:func:`server_layout`) the picture is drawn as given, physics
    off; without, vis-network's physics lays it out first.
    """
    js, css = _vis_assets()
    data = vis_data(graph, coalition, sizes=sizes, highlight=highlight, positions=positions)
    large = graph.number_of_nodes() > LARGE_GRAPH
    replacements = {
        "__VIS_CSS__": css,
        "__BASE__": "20" if large_type else "15",
        "__HEIGHT__": str(int(height)),
        "__LEGEND__": legend_html({d.get("type") for _, d in graph.nodes(data=True)}),
        "__COUNT__": str(graph.number_of_nodes()),
        "__DATA__": safe_json(data),
        "__LARGE__": "true" if large else "false",
        "__FONT__": "22" if large_type else "14",
        "__PHYSICS__": "true" if positions is None and graph.number_of_nodes() > 1
                       else "false",
    }
    replacements["__VIS_JS__"] = js
    # One pass: text put in (names, the library) is never scanned for placeholders.
    return _PLACEHOLDER.sub(lambda m: replacements[m.group(0)], _PAGE)


_PLACEHOLDER = re.compile(r"__[A-Z_]+__")
