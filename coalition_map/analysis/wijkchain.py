"""Per wijk: who fills each chain role, per profile the route found, weak routes.

Built on both :mod:`.chain` (roles, reach, weak routes) and :mod:`.coverage`
(the cells whose routes and chain reasons it repeats). It sits above both,
so that :mod:`.coverage` can use :mod:`.chain` without an import cycle.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..model import Coalition
from ..reasons import CHAIN_KINDS
from ..typology import PROFILES
from .chain import CHAIN_ORDER, WeakRoute, weak_routes
from .coverage import coverage_matrix
from .index import Index


@dataclass(frozen=True)
class WijkChain:
    """Chain roles in one wijk, per profile whether a route exists, weak routes."""

    wijk: str
    roles: dict                # role code -> tuple of partner ids
    missing_roles: tuple[str, ...]
    signaller_sectors: tuple[str, ...]
    outreach: bool             # at least one outreach signaller
    profiles: dict             # profile code -> {"reachable", "reach", "route", "reasons"}
    weak_routes: tuple[WeakRoute, ...] = ()


def chain_per_wijk(coalition: Coalition, *, today: dt.date | None = None,
                   cells: dict | None = None, index: Index | None = None) -> dict[str, WijkChain]:
    """Per wijk: who fills each chain role, per profile the route found, weak routes.

    ``cells`` is a coverage matrix (computed when not given); the per-profile
    entries repeat its route, reach and the reasons of the chain kinds
    (``reasons.CHAIN_KINDS``).

    >>> from coalition_map.model import Coalition, Wijk, Partner
    >>> c = Coalition(wijken=[Wijk("W", "Wijk")],
    ...     partners=[Partner("ha", "Huisarts", "huisarts", roles=("signaleren",))])
    >>> ch = chain_per_wijk(c)["W"]
    >>> ch.roles["signaleren"], "meldpunt" in ch.missing_roles, ch.outreach
    (('ha',), True, False)
    """
    index = index or Index(coalition, today=today)
    if cells is None:
        cells = coverage_matrix(coalition, today=today, index=index)
    result = {}
    for code in index.wijken:
        present = index.present_partners(code)
        roles = {}
        for role in CHAIN_ORDER:
            roles[role] = tuple(p for p in present if role in index.partners[p].roles)
        providers = {o.partner_id for o in index.current_offers_in(code)}
        roles["aanbieden"] = tuple(dict.fromkeys(
            roles["aanbieden"] + tuple(p for p in present if p in providers)
            + tuple(sorted(providers - set(present)))))
        signal_sectors = tuple(dict.fromkeys(index.partners[p].sector
                                             for p in roles["signaleren"]))
        profiles = {}
        for prof in PROFILES:
            cell = cells.get((code, prof))
            if cell is None:
                continue
            profiles[prof] = {"reachable": cell.reachable, "reach": cell.reach,
                              "route": list(cell.route),
                              "reasons": [r.text for r in cell.reasons
                                          if r.kind in CHAIN_KINDS]}
        result[code] = WijkChain(
            code, roles, tuple(r for r in CHAIN_ORDER if not roles[r]), signal_sectors,
            any(p in index.outreach_ids for p in roles["signaleren"]), profiles,
            weak_routes(index, code, cells))
    return result
