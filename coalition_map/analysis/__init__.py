"""The gap analysis: does the local palette reach every profile in every wijk?

* :mod:`.coverage` -- the wijk × profile matrix (:class:`Cell`) and conflicts
* :mod:`.chain` -- chain roles per wijk and routes from signal to help
* :mod:`.wijkchain` -- per wijk the chain roles and routes, with the coverage's routes
* :mod:`.priority` -- estimated people per cell, profile mixes, ranked gaps
* :mod:`.fragility` -- carriers per cell, cells lost per partner, brokers
* :mod:`.whatif` -- remove partners or offers, add planned offers
* :mod:`.suggestions` -- fitting interventions from the reference palette
* :mod:`.report` -- :func:`analyze` bundles it all; :func:`to_json_dict`
"""

from .coverage import Cell, Conflict, STATE_LABELS, conflicts, coverage_matrix
from .fragility import Broker, CellChange, Fragility, brokers, fragility
from .priority import PROFILE_MIXES, ProfileMix, estimate_people, ranked_gaps
from .report import GapAnalysis, analyze, to_json_dict
from .suggestions import Suggestion, suggestions
from .whatif import what_if

__all__ = ["analyze", "what_if", "GapAnalysis", "Cell", "Conflict", "CellChange", "Fragility",
           "Broker", "coverage_matrix", "conflicts", "fragility", "brokers", "PROFILE_MIXES",
           "ProfileMix", "estimate_people", "ranked_gaps", "to_json_dict", "STATE_LABELS",
           "Suggestion", "suggestions"]
