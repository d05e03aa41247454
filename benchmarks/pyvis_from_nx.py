"""Why the network view does not build its data with pyvis' ``Network.from_nx``.

Measures, on the first N edges of the synthetic region, the CPU time of our
``vis_data`` and of pyvis building the same nodes and edges from a networkx
graph, and counts the edges pyvis keeps. Run:
``.venv/bin/python benchmarks/pyvis_from_nx.py`` (numbers in docs/architecture.md).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate  # noqa: E402
from pyvis.network import Network  # noqa: E402

from coalition_map.graph import build_graph  # noqa: E402
from coalition_map.loading import load_folder  # noqa: E402
from coalition_map.paths import bundled_data_dir  # noqa: E402
from coalition_map.ui.network_view import vis_data  # noqa: E402


def pyvis_data(graph, coalition):
    """The same nodes and edges, built by pyvis from a networkx graph."""
    data = vis_data(graph, coalition)
    g = nx.DiGraph()
    for n in data["nodes"]:
        g.add_node(n["id"], **{k: v for k, v in n.items() if k != "id"})
    for e in data["edges"]:
        g.add_edge(e["from"], e["to"], **{k: v for k, v in e.items() if k not in ("from", "to")})
    net = Network(directed=True)
    net.from_nx(g, show_edge_weights=False)
    return net.nodes, net.edges


def first_edges(graph, count: int) -> nx.MultiDiGraph:
    sub = nx.MultiDiGraph()
    for i, (u, v, data) in enumerate(graph.edges(data=True)):
        if i >= count:
            break
        sub.add_node(u, **graph.nodes[u])
        sub.add_node(v, **graph.nodes[v])
        sub.add_edge(u, v, **data)
    return sub


def main() -> int:
    cases = [("voorbeeld", load_folder(bundled_data_dir()).coalition, None)]
    region = generate("region")
    cases += [(f"regio, eerste {n} verbindingen", region, n) for n in (2500, 5000, 10000)]
    for label, coalition, count in cases:
        graph = build_graph(coalition)
        if count:
            graph = first_edges(graph, count)
        t = time.process_time()
        ours = vis_data(graph, coalition)
        a = time.process_time() - t
        t = time.process_time()
        _nodes, edges = pyvis_data(graph, coalition)
        b = time.process_time() - t
        print(f"{label}: vis_data {a:.2f} s, pyvis from_nx {b:.2f} s, "
              f"verbindingen {len(edges)}/{len(ours['edges'])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
