"""Network figures of the referral graph, for the Netwerk page.

Pure functions over the ``nx.DiGraph`` from
:func:`coalition_map.graph.referral_graph` (partner ids as nodes).

>>> import networkx as nx
>>> g = nx.DiGraph([("a", "b"), ("b", "c"), ("c", "d")])
>>> degree_table(g)["b"]
{'in': 1, 'out': 1, 'total': 2}
>>> sorted(articulation_points(g))
['b', 'c']
>>> round(density(g), 3)
0.25
>>> components(g)
[['a', 'b', 'c', 'd']]
"""

from __future__ import annotations

import math

import networkx as nx

#: Above this many nodes betweenness is computed per weakly connected
#: component (referral networks fall apart into municipalities), exactly for
#: components up to :data:`BETWEENNESS_SAMPLE` partners and from that many
#: seeded sample sources for larger ones.
EXACT_BETWEENNESS_LIMIT = 2000
BETWEENNESS_SAMPLE = 100


def degree_table(g: nx.DiGraph) -> dict[str, dict[str, int]]:
    """In-, out- and total degree per partner."""
    return {n: {"in": g.in_degree(n), "out": g.out_degree(n),
                "total": g.in_degree(n) + g.out_degree(n)} for n in g}


def betweenness(g: nx.DiGraph, *, normalized: bool = True, seed: int = 0) -> dict[str, float]:
    """Betweenness centrality per partner (directed: routes follow referrals).

    Exact on the whole graph up to :data:`EXACT_BETWEENNESS_LIMIT` partners.
    Above that it is computed per weakly connected component (normalized
    within the component), so that each shortest-path search only touches
    its own component; large components use a seeded sample of sources.

    >>> bc = betweenness(nx.DiGraph([("a", "b"), ("b", "c")]))
    >>> bc["b"] > bc["a"]
    True
    """
    if len(g) <= EXACT_BETWEENNESS_LIMIT:
        return nx.betweenness_centrality(g, normalized=normalized)
    result: dict[str, float] = {}
    for comp in nx.weakly_connected_components(g):
        if len(comp) <= 2:
            result.update(dict.fromkeys(comp, 0.0))
            continue
        k = BETWEENNESS_SAMPLE if len(comp) > BETWEENNESS_SAMPLE else None
        result.update(_component_betweenness(g, comp, k, normalized, seed))
    return result


def _component_betweenness(g: nx.DiGraph, comp: set, k: int | None, normalized: bool,
                           seed: int) -> dict[str, float]:
    """``nx.betweenness_centrality(component, k=k, normalized=normalized, seed=seed)``
    (directed, no weights, no endpoints) with the same arithmetic in the same order,
    so the same floats (``tests/test_graph.py`` compares), on plain dicts: per
    source only the nodes it reaches are touched, not every node of the component.
    The component's nodes and edges are in the order of ``g`` (:func:`_component`).
    """
    import random
    from collections import deque

    nodes = [n for n in g if n in comp]
    gsucc = g._succ
    succ = {u: list(gsucc[u]) for u in nodes}
    n = len(nodes)
    if k == n:
        k = None
    sources = nodes if k is None else random.Random(seed).sample(nodes, k)
    bc = dict.fromkeys(nodes, 0.0)
    for s in sources:
        # Brandes: breadth-first search counting shortest paths (sigma), predecessors
        order = []
        pred: dict = {s: []}
        sigma = {s: 1.0}
        dist = {s: 0}
        queue = deque([s])
        while queue:
            v = queue.popleft()
            order.append(v)
            dv = dist[v] + 1
            sv = sigma[v]
            for w in succ[v]:
                if w not in dist:
                    queue.append(w)
                    dist[w] = dv
                    sigma[w] = 0.0
                    pred[w] = []
                if dist[w] == dv:
                    sigma[w] += sv
                    pred[w].append(v)
        delta: dict[str, float] = dict.fromkeys(order, 0)   # 0 as networkx has it
        while order:
            w = order.pop()
            coeff = (1 + delta[w]) / sigma[w]
            for v in pred[w]:
                delta[v] += sigma[v] * coeff
            if w != s:
                bc[w] += delta[w]
    # networkx's rescaling (directed, endpoints excluded)
    big_n = n - 1
    if big_n < 2:
        return bc
    if k is None:
        scale = 1 / (big_n * (big_n - 1)) if normalized else big_n / big_n
        if scale != 1:
            for v in bc:
                bc[v] *= scale
        return bc
    if normalized:
        scale_source = 1 / ((k - 1) * (big_n - 1)) if k > 1 else math.nan
        scale_other = 1 / (k * (big_n - 1))
    else:
        scale_source = big_n / (k - 1) if k > 1 else math.nan
        scale_other = big_n / k
    sampled = set(sources)
    for v in bc:
        bc[v] *= scale_source if v in sampled else scale_other
    return bc


def _component(g: nx.DiGraph, comp: set) -> nx.DiGraph:
    """The component as its own graph, nodes and edges in the order of ``g``.

    Not ``g.subgraph(comp).copy()``: for a component smaller than half the graph
    that iterates the set ``comp``, whose order follows the string hashes of the
    partner ids and so changes from process to process (``PYTHONHASHSEED``); the
    sampled sources and the order of the floating-point sums would change with it.
    """
    nodes = [n for n in g if n in comp]
    sub = nx.DiGraph()
    sub.add_nodes_from(nodes)
    succ = g._succ
    sub.add_edges_from((u, v) for u in nodes for v in succ[u])
    return sub


def articulation_points(g: nx.DiGraph) -> set[str]:
    """Partners whose removal splits the network (ignoring edge direction)."""
    return set(nx.articulation_points(g.to_undirected(as_view=True)))


def density(g: nx.DiGraph) -> float:
    """Share of possible referral routes that exist (0 for fewer than 2 partners)."""
    return nx.density(g) if len(g) > 1 else 0.0


def components(g: nx.DiGraph) -> list[list[str]]:
    """Weakly connected groups of partners, largest first, each sorted."""
    comps = [sorted(c) for c in nx.weakly_connected_components(g)]
    return sorted(comps, key=lambda c: (-len(c), c))


def network_summary(g: nx.DiGraph) -> dict:
    """The figures the Netwerk page shows, in one dict.

    >>> s = network_summary(nx.DiGraph([("a", "b"), ("b", "c")]))
    >>> s["partners"], s["routes"], s["components"], s["brokers"]
    (3, 2, 1, ['b'])
    """
    bc = betweenness(g)
    cuts = articulation_points(g)
    isolated = sorted(n for n in g if g.degree(n) == 0)
    return {
        "partners": g.number_of_nodes(),
        "routes": g.number_of_edges(),
        "density": density(g),
        "components": len(components(g)) if len(g) else 0,
        "isolated": isolated,
        "brokers": sorted(cuts, key=lambda n: (-bc.get(n, 0.0), n)),
        "betweenness": bc,
        "degree": degree_table(g),
    }
