"""The verwijswijzer: which offers in a wijk fit a person's profile.

Answer 000's three questions (or pick a profile) and a wijk; get the running
offers available there that fit the profile, and the ones the typology's
exclusion rules take out, each with its reason. Facts come from
:mod:`coalition_map.typology`; this module only applies them.

An offer *fits* a profile when it names the profile, or when one of its
intervention types is among the profile's fitting types, and no exclusion
rule forbids it for that profile.

>>> profile_from_answers(True, False, True).code
'buitenstaanders'
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..graph.build import claimed_profiles
from ..model import Coalition, Offer
from ..typology import PROFILES, Profile, profile_for, rules_excluding


def profile_from_answers(structural: bool, wants_contacts: bool, active: bool) -> Profile:
    """The profile for 000's three answers (``typology.profile_for``)."""
    return profile_for(structural=structural, wants_contacts=wants_contacts, active=active)


def aims_at(offer: Offer, profile_code: str) -> bool:
    """True when the offer names the profile or offers a type that fits it.

    The same counting rule as the graph and the coverage analysis
    (:func:`coalition_map.graph.build.claimed_profiles`).
    """
    return profile_code in claimed_profiles(offer)


def offer_fits(offer: Offer, profile_code: str) -> bool:
    """Aims at the profile and no exclusion rule forbids it."""
    return aims_at(offer, profile_code) and not rules_excluding(offer, profile_code)


def offers_in(coalition: Coalition, wijk: str | None, today: dt.date | None = None
              ) -> list[Offer]:
    """Running offers of active partners, available in the wijk (None: anywhere)."""
    today = today or dt.date.today()
    active_partners = {p.id for p in coalition.partners if p.active}
    return [o for o in coalition.offers
            if o.running_on(today) and o.partner_id in active_partners
            and (wijk is None or o.available_in(wijk))]


@dataclass(frozen=True)
class Excluded:
    offer: Offer
    reasons: tuple[str, ...]      # Dutch, one per rule


@dataclass
class VerwijsResult:
    profile: Profile
    wijk: str | None
    fitting: list[Offer] = field(default_factory=list)
    excluded: list[Excluded] = field(default_factory=list)


def fitting_offers(coalition: Coalition, wijk: str | None, profile_code: str,
                   today: dt.date | None = None) -> VerwijsResult:
    """The offers in ``wijk`` that fit the profile, and those excluded with the reason."""
    profile = PROFILES[profile_code]
    result = VerwijsResult(profile, wijk)
    for offer in offers_in(coalition, wijk, today):
        if not aims_at(offer, profile_code):
            continue
        rules = rules_excluding(offer, profile_code)
        if rules:
            result.excluded.append(Excluded(offer, tuple(
                r.reason.format(profile=profile.name) for r in rules)))
        else:
            result.fitting.append(offer)
    return result
