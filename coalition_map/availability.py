"""Where and when an offer is available: the one definition of "in this wijk".

Coverage, chain, what-if, the sociale kaart, the verwijswijzer, the HSDS
export and the network all ask the same two questions through this module:

* **where**: an offer (or partner) that names wijken is in those wijken; one
  for the whole municipality (``wijken == ("alle",)``) is in every wijk of its
  partner's municipality. A partner without a municipality of its own works
  for the whole coalition (every wijk, whatever municipality the wijken are
  in). A wijk without a municipality belongs to the coalition's municipality.
  Municipality names are compared without case or accents.
* **when**: an offer is *current* on a day when it is active, its partner is
  active and its end date has not passed; a current offer with capacity 0 is
  *full* (a waiting list). Only current offers that are not full count in the
  coverage; full ones stay on the sociale kaart, marked "wachtlijst".

>>> from coalition_map.model import Coalition, CoalitionInfo, Wijk, Partner, Offer
>>> c = Coalition(info=CoalitionInfo(municipality="Regio"),
...     wijken=[Wijk("A1", "Noord", municipality="Aadorp"),
...             Wijk("B1", "Zuid", municipality="Beedorp")],
...     partners=[Partner("pa", "Welzijn Aadorp", "welzijn", municipality="Aadorp"),
...               Partner("pr", "Regionaal", "ggz")],
...     offers=[Offer("oa", "pa", "Koffie", "ontmoeting", "vrijwilliger"),
...             Offer("or", "pr", "Steun", "begeleiding", "professional")])
>>> av = Availability(c)
>>> av.offer_wijken(c.offers[0]), av.offer_wijken(c.offers[1])
(['A1'], ['A1', 'B1'])
>>> [o.id for o in offers_available(c, "B1")]
['or']
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from .model import ALL, Coalition, Offer, Partner
from .vocab import normalize

#: Offer states on a day (see :func:`offer_state`).
OFFER_STATES = ("current", "full", "ended", "inactive", "partner_inactive")

#: Dutch labels of the offer states, for pages and exports.
OFFER_STATE_LABELS = {
    "current": "loopt", "full": "vol (wachtlijst)", "ended": "gestopt (einddatum voorbij)",
    "inactive": "niet actief", "partner_inactive": "partner doet niet meer mee",
}


def offer_state(offer: Offer, partner: Partner | None, day: dt.date) -> str:
    """``current``, ``full``, ``ended``, ``inactive`` or ``partner_inactive``.

    >>> o = Offer("o", "p", "X", "een_op_een", "professional", capacity=0)
    >>> offer_state(o, None, dt.date(2026, 1, 1))
    'full'
    """
    if partner is not None and not partner.active:
        return "partner_inactive"
    if not offer.active:
        return "inactive"
    if offer.end_date is not None and offer.end_date < day:
        return "ended"
    if offer.capacity is not None and offer.capacity <= 0:
        return "full"
    return "current"


def _mun(value: str) -> str:
    return normalize(value or "")


class Availability:
    """Which wijken each partner and offer reaches, for one coalition."""

    def __init__(self, coalition: Coalition):
        default = _mun(coalition.info.municipality)
        self.all_wijken: list[str] = [w.code for w in coalition.wijken]
        self.wijk_municipality: dict[str, str] = {}
        self.wijken_by_municipality: dict[str, list[str]] = defaultdict(list)
        for w in coalition.wijken:
            mun = _mun(w.municipality) or default
            self.wijk_municipality[w.code] = mun
            self.wijken_by_municipality[mun].append(w.code)
        #: normalised municipality of each partner ('' = the whole coalition)
        self.partner_municipality: dict[str, str] = {
            p.id: _mun(p.municipality) for p in coalition.partners}

    def wide_wijken(self, municipality: str) -> list[str]:
        """Wijken a municipality-wide entry of ``municipality`` reaches ('' = all)."""
        if not municipality:
            return self.all_wijken
        return self.wijken_by_municipality.get(municipality, [])

    def wijken_of(self, wijken: Iterable[str], everywhere: bool, partner_id: str) -> list[str]:
        """The wijk codes an entry with these ``wijken`` of this partner reaches."""
        if everywhere:
            return self.wide_wijken(self.partner_municipality.get(partner_id, ""))
        return [code for code in dict.fromkeys(wijken) if code in self.wijk_municipality]

    def offer_wijken(self, offer: Offer) -> list[str]:
        return self.wijken_of(offer.wijken, ALL in offer.wijken, offer.partner_id)

    def partner_wijken(self, partner: Partner) -> list[str]:
        return self.wijken_of(partner.wijken, ALL in partner.wijken, partner.id)

    def offer_in(self, offer: Offer, wijk_code: str) -> bool:
        """True when the offer is available in the wijk."""
        if ALL in offer.wijken:
            mun = self.partner_municipality.get(offer.partner_id, "")
            return wijk_code in self.wijk_municipality and (
                not mun or self.wijk_municipality[wijk_code] == mun)
        return wijk_code in offer.wijken and wijk_code in self.wijk_municipality

    def scope_key(self, offer_or_partner_id: str) -> str:
        """The municipality key under which a municipality-wide entry is indexed."""
        return self.partner_municipality.get(offer_or_partner_id, "")

    def wide_keys(self, wijk_code: str) -> list[str]:
        """Municipality keys whose wide entries reach the wijk: its own and ''."""
        mun = self.wijk_municipality.get(wijk_code, "")
        return [mun, ""] if mun else [""]


def offers_available(coalition: Coalition, wijk: str | None = None,
                     today: dt.date | None = None, *, include_full: bool = False,
                     availability: Availability | None = None) -> list[Offer]:
    """Current offers available in ``wijk`` (None: anywhere), in file order.

    With ``include_full`` offers with a waiting list (capacity 0) are listed too
    (the sociale kaart shows them, marked "wachtlijst"); the coverage never
    counts them.
    """
    today = today or dt.date.today()
    av = availability or Availability(coalition)
    partners = {p.id: p for p in coalition.partners}
    wanted = ("current", "full") if include_full else ("current",)
    return [o for o in coalition.offers
            if offer_state(o, partners.get(o.partner_id), today) in wanted
            and (wijk is None or av.offer_in(o, wijk))]
