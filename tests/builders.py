"""Small builders for hand-built coalitions in tests (sensible defaults).

    from builders import coalition, wijk, partner, offer, referral
    c = coalition(wijken=[wijk("W1")],
                  partners=[partner("wc", "woningcorporatie", roles=("signaleren",))],
                  offers=[offer("o1", "wc", types=("praktische_problemen",))])
"""

from __future__ import annotations

import datetime as dt

from coalition_map.model import ALL, Coalition, CoalitionInfo, Offer, Partner, Referral, Wijk

#: A fixed day so "running" does not depend on when the tests run.
TODAY = dt.date(2026, 6, 1)


def wijk(code: str = "W1", name: str | None = None, *, municipality: str = "",
         inhabitants: int | None = 10000, pct_severely_lonely: float | None = 8.0,
         **kw) -> Wijk:
    return Wijk(code, name or f"Wijk {code}", municipality=municipality,
                inhabitants=inhabitants, pct_severely_lonely=pct_severely_lonely, **kw)


def partner(id: str, sector: str = "welzijn", *, roles=(), wijken=(ALL,), name: str | None = None,
            **kw) -> Partner:
    return Partner(id, name or f"Partner {id}", sector, roles=tuple(roles),
                   wijken=tuple(wijken), **kw)


def offer(id: str, partner_id: str, *, kind: str = "een_op_een",
          delivered_by: str = "professional", types=(), profiles=(), wijken=(ALL,),
          name: str | None = None, **kw) -> Offer:
    return Offer(id, partner_id, name or f"Aanbod {id}", kind, delivered_by,
                 intervention_types=tuple(types), profiles=tuple(profiles),
                 wijken=tuple(wijken), **kw)


def referral(from_partner: str, to_partner: str, kind: str = "verwijst", *,
             agreement: str = "geen", follow_up: bool = False) -> Referral:
    return Referral(from_partner, to_partner, kind, agreement, follow_up)


def coalition(*, wijken=None, partners=(), offers=(), referrals=(), name: str = "Testcoalitie",
              municipality: str = "") -> Coalition:
    return Coalition(info=CoalitionInfo(name=name, municipality=municipality),
                     wijken=list(wijken if wijken is not None else [wijk("W1")]),
                     partners=list(partners), offers=list(offers), referrals=list(referrals))


def all_types_offer(id: str, partner_id: str, profile_code: str, **kw) -> Offer:
    """A professional one-to-one offer with every fitting type of the profile."""
    from coalition_map.typology import PROFILES
    return offer(id, partner_id, types=PROFILES[profile_code].fitting_types, **kw)
