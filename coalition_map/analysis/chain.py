"""The chain from signal to help, per wijk (DOMAIN.md §3).

Two questions:

* which chain roles (signaleren, melden/meldpunt, vraagverheldering,
  toeleiden, aanbieden, monitoren/vangnet) are filled in a wijk, and by whom
  (:func:`chain_per_wijk`);
* which providers a signal can reach through the referral network
  (:func:`reachability`, :class:`WijkReach`): from a partner that signals in
  the wijk, through a meldpunt or intake where the wijk has one, to a
  provider. Structural profiles (``needs_outreach``) only count signals from
  outreach sectors (001 L7137-7142), so a wijk where only huisarts and
  thuiszorg signal does not reach them.

The search is a breadth-first search in the referral graph of active
partners, restricted to partners that work in the wijk or offer something
there; with a meldpunt it runs in two phases (signallers -> meldpunt,
meldpunt -> providers). A signaller that offers help itself reaches its own
offers directly.

>>> from coalition_map.model import Coalition, Wijk, Partner, Referral
>>> c = Coalition(wijken=[Wijk("W", "Wijk")],
...     partners=[Partner("ha", "Huisarts", "huisarts", roles=("signaleren",)),
...               Partner("wt", "Wijkteam", "wijkteam", roles=("meldpunt",)),
...               Partner("wz", "Welzijn", "welzijn", roles=("aanbieden",))],
...     referrals=[Referral("ha", "wt"), Referral("wt", "wz")])
>>> r = reachability(c)["W"]
>>> sorted(r.reached("licht"))
['ha', 'wt', 'wz']
>>> r.route("licht", "ha")
['ha']
>>> r.route("licht", "wz")
['ha', 'wt', 'wz']
>>> r.reached("outreach")
set()
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from dataclasses import dataclass

from ..model import Coalition
from ..typology import PROFILES
from ..vocab import CHAIN_ROLES, SECTORS
from .index import Index

#: Source modes: ``licht`` = every signaller; ``outreach`` = outreach sectors only.
MODES = ("licht", "outreach")

#: The chain roles shown per wijk, in chain order (codes of ``CHAIN_ROLES``).
CHAIN_ORDER = ("signaleren", "meldpunt", "vraagverheldering", "toeleiden", "aanbieden",
               "monitoren")


def mode_for(profile_code: str) -> str:
    """``outreach`` for profiles that are found only through outreach."""
    return "outreach" if PROFILES[profile_code].needs_outreach else "licht"


def _bfs(adj, sources, allowed, removed=frozenset()) -> dict[str, str | None]:
    """Breadth-first predecessors from several sources, only through ``allowed``."""
    pred: dict[str, str | None] = {s: None for s in sources}
    queue = deque(pred)
    while queue:
        node = queue.popleft()
        for nxt in adj.get(node, ()):
            if nxt not in pred and nxt in allowed and nxt not in removed:
                pred[nxt] = node
                queue.append(nxt)
    return pred


def _path(pred: dict[str, str | None], node: str) -> list[str]:
    path = [node]
    while pred[path[-1]] is not None:
        path.append(pred[path[-1]])
    return path[::-1]


class WijkReach:
    """Who a signal in one wijk can reach, for both source modes.

    ``removed`` leaves partners out (for fragility and what-if).
    """

    def __init__(self, index: Index, wijk_code: str, removed: frozenset[str] = frozenset(),
                 providers: set[str] | None = None, base: "WijkReach | None" = None):
        self.wijk = wijk_code
        self.removed = removed
        if base is None:
            present = index.present_partners(wijk_code)
            self.signallers = [p for p in present if p in index.signal_ids]
            self.outreach_signallers = [p for p in self.signallers if p in index.outreach_ids]
            self.intakes = [p for p in present if p in index.intake_ids]
            self.monitors = [p for p in present if p in index.monitor_ids]
            if providers is None:
                providers = {o.partner_id for o in index.offers_in(wijk_code)}
            self.allowed = set(present) | (providers & index.active_partner_ids)
        else:   # the same wijk with partners left out
            self.signallers = [p for p in base.signallers if p not in removed]
            self.outreach_signallers = [p for p in base.outreach_signallers if p not in removed]
            self.intakes = [p for p in base.intakes if p not in removed]
            self.monitors = [p for p in base.monitors if p not in removed]
            self.allowed = base.allowed
        allowed = self.allowed
        adj = index.referrals._adj
        self._phase1: dict[str, dict] = {}
        self._phase2: dict[str, dict] = {}
        self._sources: dict[str, set] = {}
        intakes = set(self.intakes)
        for mode in MODES:
            sources = self.outreach_signallers if mode == "outreach" else self.signallers
            first = _bfs(adj, sources, allowed, removed)
            self._sources[mode] = set(sources)
            self._phase1[mode] = first
            if intakes:
                self._phase2[mode] = _bfs(adj, [m for m in first if m in intakes], allowed,
                                          removed)
            else:
                self._phase2[mode] = first

    def reached(self, mode: str) -> set[str]:
        """Partners a signal reaches (after the meldpunt, where there is one),
        and the signallers themselves."""
        return set(self._phase2[mode]) | self._sources[mode]

    def can_reach(self, mode: str, partner_id: str) -> bool:
        return partner_id in self._phase2[mode] or partner_id in self._sources[mode]

    def route(self, mode: str, partner_id: str) -> list[str]:
        """Partner ids from a signaller (via the meldpunt) to ``partner_id``."""
        second = self._phase2[mode]
        if partner_id in self._sources[mode]:
            return [partner_id]
        if partner_id not in second:
            return []
        tail = _path(second, partner_id)
        if second is self._phase1[mode]:
            return tail
        return _path(self._phase1[mode], tail[0]) + tail[1:]

    def intake_reached(self, mode: str) -> bool:
        return any(m in self._phase1[mode] for m in self.intakes)


def reachability(coalition: Coalition, *, today: dt.date | None = None,
                 index: Index | None = None) -> dict[str, WijkReach]:
    """:class:`WijkReach` for every wijk (one search per wijk and mode)."""
    index = index or Index(coalition, today=today)
    return {code: WijkReach(index, code) for code in index.wijken}


@dataclass(frozen=True)
class WijkChain:
    """Chain roles in one wijk and, per profile, whether a route exists."""

    wijk: str
    roles: dict                # role code -> tuple of partner ids
    missing_roles: tuple[str, ...]
    signaller_sectors: tuple[str, ...]
    outreach: bool             # at least one outreach signaller
    profiles: dict             # profile code -> {"reachable", "route", "reasons"}


def chain_per_wijk(coalition: Coalition, *, today: dt.date | None = None,
                   cells: dict | None = None, index: Index | None = None) -> dict[str, WijkChain]:
    """Per wijk: who fills each chain role, and per profile the route found.

    ``cells`` is a coverage matrix (computed when not given); the per-profile
    entries repeat its ``reachable``, ``route`` and chain reasons.

    >>> from coalition_map.model import Coalition, Wijk, Partner
    >>> c = Coalition(wijken=[Wijk("W", "Wijk")],
    ...     partners=[Partner("ha", "Huisarts", "huisarts", roles=("signaleren",))])
    >>> ch = chain_per_wijk(c)["W"]
    >>> ch.roles["signaleren"], "meldpunt" in ch.missing_roles, ch.outreach
    (('ha',), True, False)
    """
    index = index or Index(coalition, today=today)
    if cells is None:
        from .coverage import coverage_matrix
        cells = coverage_matrix(coalition, today=today, index=index)
    result = {}
    for code in index.wijken:
        present = index.present_partners(code)
        roles = {}
        for role in CHAIN_ORDER:
            roles[role] = tuple(p for p in present if role in index.partners[p].roles)
        providers = {o.partner_id for o in index.offers_in(code)
                     if o.partner_id in index.active_partner_ids and o.running_on(index.today)}
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
            profiles[prof] = {"reachable": cell.reachable, "route": list(cell.route),
                              "reasons": [r for r in cell.reasons
                                          if r.startswith(("niet bereikbaar", "geen monitoring"))]}
        result[code] = WijkChain(
            code, roles, tuple(r for r in CHAIN_ORDER if not roles[r]), signal_sectors,
            any(p in index.outreach_ids for p in roles["signaleren"]), profiles)
    return result


def role_label(code: str) -> str:
    return CHAIN_ROLES.label_of(code)


def sector_labels(codes) -> str:
    """Dutch enumeration of sector labels: 'huisarts en thuiszorg'.

    >>> sector_labels(["huisarts", "thuiszorg", "welzijn"])
    'huisarts, thuiszorg en welzijn'
    """
    labels = [SECTORS.label_of(c) for c in dict.fromkeys(codes)]
    if len(labels) <= 1:
        return "".join(labels)
    return ", ".join(labels[:-1]) + " en " + labels[-1]
