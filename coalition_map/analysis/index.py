"""Indexes the analyses share: offers and partners per wijk, fits per offer.

Built once per coalition so no analysis scans all offers per cell: offers
that name wijken are indexed by wijk, municipality-wide offers by
municipality (:mod:`coalition_map.availability` decides where an offer is);
each offer's relation to each profile is decided once
(:func:`coalition_map.fit.profile_fits`, as an :class:`OfferFact`).

>>> from coalition_map.model import Coalition, Wijk, Partner, Offer
>>> c = Coalition(wijken=[Wijk("W1", "Noord")],
...               partners=[Partner("p", "Welzijn", "welzijn", roles=("signaleren",))],
...               offers=[Offer("o", "p", "Koffie", "cursus", "vrijwilliger",
...                             profiles=("achterblijvers",),
...                             intervention_types=("emotionele_steun",))])
>>> ix = Index(c)
>>> [o.id for o in ix.offers_in("W1")]
['o']
>>> ix.offer_facts["o"]["achterblijvers"].status
'excluded'
>>> ix.present_partners("W1")
['p']
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import NamedTuple

import networkx as nx

from ..availability import Availability, offer_state
from ..gcpause import gc_paused  # noqa: F401  (the analysis pauses it; imported from here)
from ..fit import (Fit, beside_professional, delivery_has_professional, profile_fits,
                   professionally_referred, sector_is_professional)
from ..graph.build import referral_graph, sector_outreach
from ..model import Coalition, Offer

#: Chain-role codes (``vocab.CHAIN_ROLES``) the chain analysis reads.
ROLE_SIGNAL = "signaleren"
ROLES_INTAKE = ("meldpunt", "vraagverheldering")
ROLE_MONITOR = "monitoren"
#: Offer kind and intervention types that give a monitoring / vangnet function.
MONITOR_KIND = "monitoring"
MONITOR_TYPES = frozenset({"monitoren", "vangnet"})


class OfferFact(NamedTuple):
    """How one offer relates to one profile, on the index's day.

    ``status``: the :class:`~coalition_map.fit.Fit` status (``counts``,
    ``limited``, ``excluded``, ``no_fit``) when the offer is current, else
    ``inactive`` (stopped, not active, partner inactive) or ``full`` (capacity
    0, a waiting list). ``needs``: the profile's needs the offer brings.
    """

    offer: Offer
    fit: Fit
    status: str

    @property
    def named(self) -> bool:
        return self.fit.named

    @property
    def needs(self) -> tuple[str, ...]:
        return self.fit.needs

    @property
    def rules(self) -> tuple[str, ...]:
        return self.fit.rules

    @property
    def serves(self) -> bool:
        return self.status in ("counts", "limited")


class Index:
    """Lookups over one coalition, for one day (``today``)."""

    def __init__(self, coalition: Coalition, *, today: dt.date | None = None):
        self.coalition = coalition
        self.today = today or dt.date.today()
        self.av = Availability(coalition)
        self.partners = {p.id: p for p in coalition.partners}
        self.active_partner_ids = {p.id for p in coalition.partners if p.active}
        self.wijken = {w.code: w for w in coalition.wijken}
        self.offers = {o.id: o for o in coalition.offers}
        self.referred_by_professional = professionally_referred(coalition)

        self._offers_by_wijk: dict[str, list[Offer]] = defaultdict(list)
        self._wide_offers_by_mun: dict[str, list[Offer]] = defaultdict(list)
        self.offers_by_partner: dict[str, list[Offer]] = defaultdict(list)
        self.offer_facts: dict[str, dict[str, OfferFact]] = {}
        self.offer_states: dict[str, str] = {}
        for o in coalition.offers:
            self.offers_by_partner[o.partner_id].append(o)
            if o.everywhere:
                self._wide_offers_by_mun[self.av.scope_key(o.partner_id)].append(o)
            else:
                for code in dict.fromkeys(o.wijken):
                    if code in self.wijken:
                        self._offers_by_wijk[code].append(o)
            state = offer_state(o, self.partners.get(o.partner_id), self.today)
            self.offer_states[o.id] = state
            fits = profile_fits(o, beside_professional=beside_professional(
                o, self.referred_by_professional))
            self.offer_facts[o.id] = {
                code: OfferFact(o, fit, fit.status if state == "current"
                                else ("full" if state == "full" else "inactive"))
                for code, fit in fits.items()}

        self._partners_by_wijk: dict[str, list[str]] = defaultdict(list)
        self._wide_partners_by_mun: dict[str, list[str]] = defaultdict(list)
        for p in coalition.partners:
            if not p.active:
                continue
            if p.everywhere:
                self._wide_partners_by_mun[self.av.scope_key(p.id)].append(p.id)
            else:
                for code in dict.fromkeys(p.wijken):
                    if code in self.wijken:
                        self._partners_by_wijk[code].append(p.id)

        #: Referral network of active partners (plain partner ids).
        self.referrals: nx.DiGraph = referral_graph(coalition, active_only=True)

        # partner ids per chain function, for fast membership tests
        self.signal_ids = {p.id for p in coalition.partners if ROLE_SIGNAL in p.roles}
        self.outreach_ids = {p.id for p in coalition.partners if sector_outreach(p.sector)}
        self.intake_ids = {p.id for p in coalition.partners
                           if any(r in p.roles for r in ROLES_INTAKE)}
        self.monitor_ids = {p.id for p in coalition.partners if ROLE_MONITOR in p.roles}
        #: partners whose own people are care and welfare professionals
        self.professional_ids = {p.id for p in coalition.partners
                                 if sector_is_professional(p.sector)}
        self._present_cache: dict[str, list[str]] = {}

    # -- offers -----------------------------------------------------------------

    def offers_in(self, wijk_code: str) -> list[Offer]:
        """Offers available in the wijk (named there, or municipality-wide), any state."""
        result: list[Offer] = []
        for scope in self.offer_scopes(wijk_code):
            result.extend(self.offers_in_scope(scope))
        return result

    def current_offers_in(self, wijk_code: str) -> list[Offer]:
        """Offers available in the wijk that run today and have room."""
        return [o for o in self.offers_in(wijk_code) if self.offer_states[o.id] == "current"]

    def offer_scopes(self, wijk_code: str) -> list[tuple[str, str]]:
        """Where the wijk's offers come from: ``("wijk", code)`` for offers that
        name it, ``("gemeente", key)`` for municipality-wide ones."""
        return [("wijk", wijk_code)] + [("gemeente", key)
                                        for key in self.av.wide_keys(wijk_code)]

    def offers_in_scope(self, scope: tuple[str, str]) -> list[Offer]:
        kind, key = scope
        table = self._offers_by_wijk if kind == "wijk" else self._wide_offers_by_mun
        return table.get(key, [])

    def is_monitoring_offer(self, o: Offer) -> bool:
        return o.kind == MONITOR_KIND or bool(MONITOR_TYPES & set(o.intervention_types))

    def is_professional_monitoring(self, o: Offer) -> bool:
        """A current monitoring offer of a care or welfare organisation, carried by
        professionals: a professional vangnet (000 L971-973: the hulpverlener keeps
        following the person; no volunteers for Buitenstaanders, 000 L765-766; a
        huismeester or wijkagent signals but is no vangnet)."""
        return (self.is_monitoring_offer(o) and self.offer_states[o.id] == "current"
                and delivery_has_professional(o.delivered_by)
                and o.partner_id in self.professional_ids)

    # -- partners ---------------------------------------------------------------

    def present_partners(self, wijk_code: str) -> list[str]:
        """Active partners working in the wijk (named there, or municipality-wide)."""
        cached = self._present_cache.get(wijk_code)
        if cached is None:
            result = list(self._partners_by_wijk.get(wijk_code, ()))
            for key in self.av.wide_keys(wijk_code):
                result.extend(self._wide_partners_by_mun.get(key, ()))
            cached = self._present_cache[wijk_code] = list(dict.fromkeys(result))
        return cached

    def has_role(self, partner_id: str, role: str) -> bool:
        p = self.partners.get(partner_id)
        return p is not None and role in p.roles

    def is_outreach(self, partner_id: str) -> bool:
        return partner_id in self.outreach_ids

    def partner_name(self, partner_id: str) -> str:
        p = self.partners.get(partner_id)
        return p.name if p is not None else partner_id

    def sector(self, partner_id: str) -> str:
        p = self.partners.get(partner_id)
        return p.sector if p is not None else ""
