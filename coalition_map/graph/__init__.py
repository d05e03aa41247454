"""The coalition as a graph (networkx).

* :func:`build_graph` -- typed ``MultiDiGraph`` of partners, offers, profiles,
  wijken and intervention types.
* :func:`referral_graph` -- partners and their referral routes (``DiGraph``).
* :mod:`coalition_map.graph.metrics` -- network figures for the Netwerk page.
"""

from .build import build_graph, claimed_profiles, referral_graph
from .metrics import (articulation_points, betweenness, components, degree_table, density,
                      network_summary)

__all__ = ["build_graph", "referral_graph", "claimed_profiles", "articulation_points",
           "betweenness", "components", "degree_table", "density", "network_summary"]
