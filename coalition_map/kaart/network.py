"""The coalition's network as GraphML and GEXF, for Gephi and yEd.

Reads :func:`coalition_map.graph.build_graph` and makes every attribute
serialisable: tuples become ``|``-joined text, dates ISO text, and empty
values are left out (GraphML and GEXF have no "None"). Text loses the
characters XML cannot hold (:func:`coalition_map.safety.xml_text`), so the
files stay valid XML whatever an older store holds.
"""

from __future__ import annotations

import datetime as dt
import io

import networkx as nx

from ..graph.build import build_graph
from ..model import Coalition
from ..safety import xml_text


def _clean_value(value):
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, str):
        return xml_text(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple, set, frozenset)):
        return xml_text("|".join(str(v) for v in value))
    return xml_text(str(value))


def export_graph(coalition: Coalition, today: dt.date | None = None) -> nx.MultiDiGraph:
    """The typed graph with only text, number and boolean attributes."""
    source = build_graph(coalition, today=today)
    g = nx.MultiDiGraph(name=xml_text(str(source.graph.get("name", "coalitie"))))
    for node, attrs in source.nodes(data=True):
        # GEXF and GraphML readers take an "id" attribute for the node id itself.
        clean = {("object_id" if k == "id" else k): _clean_value(v) for k, v in attrs.items()}
        g.add_node(xml_text(node), **{k: v for k, v in clean.items() if v is not None})
    for u, v, key, attrs in source.edges(keys=True, data=True):
        clean = {k: _clean_value(val) for k, val in attrs.items()}
        g.add_edge(xml_text(u), xml_text(v), key=key,
                   **{k: val for k, val in clean.items() if val is not None})
    return g


def graphml_bytes(coalition: Coalition, today: dt.date | None = None) -> bytes:
    buffer = io.BytesIO()
    nx.write_graphml(export_graph(coalition, today), buffer, encoding="utf-8")
    return buffer.getvalue()


def gexf_bytes(coalition: Coalition, today: dt.date | None = None) -> bytes:
    buffer = io.BytesIO()
    nx.write_gexf(export_graph(coalition, today), buffer, encoding="utf-8")
    return buffer.getvalue()
