"""The verwijswijzer: which offers in a wijk fit a person's profile.

Answer 000's three questions -- each may stay "weet ik (nog) niet" -- or
pick a profile, and a wijk; get the candidate profiles and, per profile, the
current offers available there that serve it (fully or in part, with why
only in part) and the ones the typology's rules take out, each with its
reason. Typing someone takes several conversations and profiles change over
time (000 L997-1003, L1031-1042; 001 Bijlage VIII), so an open answer shows
every profile it leaves possible. Facts come from
:mod:`coalition_map.typology` and :mod:`coalition_map.fit`; availability from
:mod:`coalition_map.availability`; this module only applies them.

>>> profile_from_answers(True, False, True).code
'buitenstaanders'
>>> [p.code for p in profiles_from_answers(True, None, False)]
['hoopvollen', 'overlevers']
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..availability import Availability, offers_available
from ..fit import Fit, beside_professional, profile_fits, professionally_referred
from ..model import Coalition, Offer
from ..typology import PROFILES, Profile, candidate_profiles, profile_for

#: Shown beside every answer with an open question (000 L997-1003, L1031-1042).
TYPING_NOTE = ("Een profiel vaststellen kost vaak meerdere gesprekken, en profielen "
               "veranderen in de tijd: wie nu zorg mijdt, kan later andere hulp willen. "
               "Bekijk daarom alle profielen die nog mogelijk zijn.")


def profile_from_answers(structural: bool, wants_contacts: bool, active: bool) -> Profile:
    """The profile for 000's three answers (``typology.profile_for``)."""
    return profile_for(structural=structural, wants_contacts=wants_contacts, active=active)


def profiles_from_answers(structural: bool | None, wants_contacts: bool | None,
                          active: bool | None) -> list[Profile]:
    """The candidate profiles; ``None`` is "weet ik (nog) niet"."""
    return candidate_profiles(structural, wants_contacts, active)


class OfferFits:
    """The fit of every offer of a coalition, judged in its local context
    (a professional beside a specialised volunteer, 001 L2884-2887)."""

    def __init__(self, coalition: Coalition):
        self._referred = professionally_referred(coalition)
        self._cache: dict[str, dict[str, Fit]] = {}

    def of(self, offer: Offer) -> dict[str, Fit]:
        fits = self._cache.get(offer.id)
        if fits is None:
            fits = self._cache[offer.id] = profile_fits(
                offer, beside_professional=beside_professional(offer, self._referred))
        return fits

    def served(self, offer: Offer) -> list[str]:
        """Profiles the offer serves (fully or in part), in typology order."""
        fits = self.of(offer)
        return [code for code in PROFILES if code in fits and fits[code].serves]


def offer_fits(offer: Offer, profile_code: str, fits: OfferFits | None = None) -> bool:
    """True when the offer serves the profile (fully or in part)."""
    fit = (fits.of(offer) if fits else profile_fits(offer)).get(profile_code)
    return fit is not None and fit.serves


def offers_in(coalition: Coalition, wijk: str | None, today: dt.date | None = None, *,
              include_full: bool = False, availability: Availability | None = None
              ) -> list[Offer]:
    """Current offers of active partners, available in the wijk (None: anywhere).

    The same definition as the coverage analysis
    (:func:`coalition_map.availability.offers_available`).
    """
    return offers_available(coalition, wijk, today, include_full=include_full,
                            availability=availability)


@dataclass(frozen=True)
class Excluded:
    offer: Offer
    reasons: tuple[str, ...]      # Dutch, one per rule


@dataclass(frozen=True)
class Limited:
    offer: Offer
    reasons: tuple[str, ...]      # Dutch: why it serves only in part


@dataclass
class VerwijsResult:
    profile: Profile
    wijk: str | None
    fitting: list[Offer] = field(default_factory=list)      # serve fully
    limited: list[Limited] = field(default_factory=list)    # serve in part
    excluded: list[Excluded] = field(default_factory=list)


def fitting_offers(coalition: Coalition, wijk: str | None, profile_code: str,
                   today: dt.date | None = None, *, fits: OfferFits | None = None
                   ) -> VerwijsResult:
    """The offers in ``wijk`` that serve the profile, those that serve it in
    part, and those a rule excludes, each with the reason."""
    profile = PROFILES[profile_code]
    fits = fits or OfferFits(coalition)
    result = VerwijsResult(profile, wijk)
    for offer in offers_in(coalition, wijk, today):
        fit = fits.of(offer).get(profile_code)
        if fit is None:
            continue
        if fit.status == "counts":
            result.fitting.append(offer)
        elif fit.status == "limited":
            result.limited.append(Limited(offer, tuple(r.text for r in fit.reasons)))
        else:
            result.excluded.append(Excluded(offer, tuple(r.text for r in fit.reasons)))
    return result
