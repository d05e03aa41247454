"""The sociale kaart: exports of the coalition's offers and the verwijswijzer.

``selection`` decides what is on the map; ``html``, ``pdf``, ``tables``
(XLSX/CSV), ``hsds`` (Open Referral HSDS 3.0) and ``network`` (GraphML/GEXF)
write it; ``verwijswijzer`` finds the offers that fit a profile in a wijk.
"""

from .selection import AUDIENCES, GROUPINGS, Kaart, KaartEntry, KaartGroup, kaart_entries
from .verwijswijzer import fitting_offers, offer_fits, profile_from_answers

__all__ = ["AUDIENCES", "GROUPINGS", "Kaart", "KaartEntry", "KaartGroup", "kaart_entries",
           "fitting_offers", "offer_fits", "profile_from_answers"]
