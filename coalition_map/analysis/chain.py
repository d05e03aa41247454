"""The chain from signal to help, per wijk (DOMAIN.md §3).

Three questions:

* which chain roles (signaleren, melden/meldpunt, vraagverheldering,
  toeleiden, aanbieden, monitoren/vangnet) are filled in a wijk, and by whom
  (:func:`chain_per_wijk`);
* which providers a signal can reach through the referral network
  (:class:`WijkReach`): from a partner that signals in the wijk, directly or
  through any number of partners in between (a huisarts may refer straight to
  welzijn, 000 L221-225, even where a meldpunt exists), to a provider. Who
  finds a profile is a matter of degree (001 L7137-7142: the structural
  profiles go "minder" to the huisarts and come "eerder" in view through
  huismeesters, buurtbemiddeling and volunteers): each profile names the
  sectors whose signals find it (``Profile.signal_sectors``); a route from
  other signallers only finds the profile *in part*;
* which referral routes in the wijk have no agreement or nobody keeping the
  follow-up, where referred people get lost (001 L8164-8174)
  (:attr:`~coalition_map.analysis.wijkchain.WijkChain.weak_routes`).

The search is a breadth-first search in the referral graph of active
partners, restricted to partners that work in the wijk or offer something
there. A signaller that offers help itself reaches its own offers directly.

>>> from coalition_map.model import Coalition, Wijk, Partner, Referral
>>> c = Coalition(wijken=[Wijk("W", "Wijk")],
...     partners=[Partner("ha", "Huisarts", "huisarts", roles=("signaleren",)),
...               Partner("wt", "Wijkteam", "wijkteam", roles=("meldpunt",)),
...               Partner("wz", "Welzijn", "welzijn", roles=("aanbieden",))],
...     referrals=[Referral("ha", "wt"), Referral("wt", "wz")])
>>> r = reachability(c)["W"]
>>> sorted(r.reached(()))
['ha', 'wt', 'wz']
>>> r.route((), "wz")
['ha', 'wt', 'wz']
>>> r.reached(("woningcorporatie", "politie"))
set()
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from dataclasses import dataclass

from ..model import Coalition
from ..reasons import Reason
from ..typology import PROFILES
from ..vocab import AGREEMENTS, CHAIN_ROLES, SECTORS
from .index import Index

#: The chain roles shown per wijk, in chain order (codes of ``CHAIN_ROLES``).
CHAIN_ORDER = ("signaleren", "meldpunt", "vraagverheldering", "toeleiden", "aanbieden",
               "monitoren")

#: Where the follow-up of referrals gets lost (001 L8164-8174).
FOLLOW_UP_SOURCE = "001 L8164-8174"
#: Referral kinds along which people are sent on (``vocab.REFERRAL_KINDS``).
REFERRAL_ROUTE_KINDS = {"verwijst", "meldt"}


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
    while (before := pred[path[-1]]) is not None:
        path.append(before)
    return path[::-1]


class WijkReach:
    """Who a signal in one wijk can reach, per set of signalling sectors.

    ``sectors`` is a profile's ``signal_sectors``: ``()`` means every
    signaller. ``removed`` leaves partners out (for fragility and what-if).
    """

    def __init__(self, index: Index, wijk_code: str, removed: frozenset[str] = frozenset(),
                 providers: set[str] | None = None, base: WijkReach | None = None):
        self.wijk = wijk_code
        self.removed = removed
        self.index = index
        if base is None:
            present = index.present_partners(wijk_code)
            self.signallers = [p for p in present if p in index.signal_ids]
            self.intakes = [p for p in present if p in index.intake_ids]
            self.monitors = [p for p in present if p in index.monitor_ids]
            if providers is None:
                providers = {o.partner_id for o in index.offers_in(wijk_code)}
            self.allowed = set(present) | (providers & index.active_partner_ids)
        else:   # the same wijk with partners left out
            self.signallers = [p for p in base.signallers if p not in removed]
            self.intakes = [p for p in base.intakes if p not in removed]
            self.monitors = [p for p in base.monitors if p not in removed]
            self.allowed = base.allowed
        self._adj = index.referrals._adj
        self._searches: dict[tuple, dict] = {}

    def sources(self, sectors: tuple[str, ...]) -> list[str]:
        """The signallers in the wijk from these sectors (every one for ``()``)."""
        if not sectors:
            return self.signallers
        wanted = set(sectors)
        return [p for p in self.signallers if self.index.sector(p) in wanted]

    def _search(self, sectors: tuple[str, ...]) -> dict:
        found = self._searches.get(sectors)
        if found is None:
            found = self._searches[sectors] = _bfs(self._adj, self.sources(sectors),
                                                   self.allowed, self.removed)
        return found

    def reached(self, sectors: tuple[str, ...]) -> set[str]:
        """Partners a signal from these sectors reaches, the signallers included."""
        return set(self._search(sectors))

    def can_reach(self, sectors: tuple[str, ...], partner_id: str) -> bool:
        return partner_id in self._search(sectors)

    def route(self, sectors: tuple[str, ...], partner_id: str) -> list[str]:
        """Partner ids from a signaller to ``partner_id`` (shortest), or []."""
        pred = self._search(sectors)
        if partner_id not in pred:
            return []
        return _path(pred, partner_id)

    def best_route(self, sectors: tuple[str, ...], partners) -> list[str]:
        """The shortest route to any of ``partners`` (ties: by partner ids)."""
        best: list[str] = []
        for p in partners:
            r = self.route(sectors, p)
            if r and (not best or (len(r), r) < (len(best), best)):
                best = r
        return best


def reachability(coalition: Coalition, *, today: dt.date | None = None,
                 index: Index | None = None) -> dict[str, WijkReach]:
    """:class:`WijkReach` for every wijk."""
    index = index or Index(coalition, today=today)
    return {code: WijkReach(index, code) for code in index.wijken}


def sector_labels(codes) -> str:
    """Dutch enumeration of sector labels: 'huisarts en thuiszorg'.

    >>> sector_labels(["huisarts", "thuiszorg", "welzijn"])
    'huisarts, thuiszorg en welzijn'
    """
    labels = [SECTORS.label_of(c) for c in dict.fromkeys(codes)]
    if len(labels) <= 1:
        return "".join(labels)
    return ", ".join(labels[:-1]) + " en " + labels[-1]


def role_label(code: str) -> str:
    return CHAIN_ROLES.label_of(code)


def limited_reach_reason(profile_code: str, signaller_sectors, finders_present: bool) -> Reason:
    """'beperkt bereik: ...' for a profile found here only by signallers that see
    it less. ``signaller_sectors``: the sectors whose signals do reach the offer."""
    prof = PROFILES[profile_code]
    who = sector_labels(signaller_sectors)
    if finders_present:
        text = (f"beperkt bereik: wie {prof.name} vooral vindt ({sector_labels(prof.signal_sectors)})"
                f", heeft hier geen route naar dit aanbod; alleen signalen van {who} komen er")
    else:
        text = (f"beperkt bereik: alleen {who} signaleren hier; {prof.name} komen daar minder "
                "en eerder in beeld via huismeesters, wijkagent, buurtbemiddeling of "
                "vrijwilligers")
    return Reason("limited_reach", text, prof.signal_source)


def weak_link(data: dict) -> str:
    """Dutch description of what a referral link lacks, '' when it is firm."""
    missing = []
    if data.get("agreement", "geen") == "geen":
        missing.append("geen afspraak")
    if not data.get("follow_up"):
        missing.append("niemand bewaakt de terugkoppeling")
    return " en ".join(missing)


@dataclass(frozen=True)
class WeakRoute:
    """A referral route in a wijk without an agreement or without follow-up."""

    from_partner: str
    to_partner: str
    kinds: tuple[str, ...]
    agreement: str
    follow_up: bool
    text: str                  # Dutch: "Huisarts → Welzijn: geen afspraak en ..."
    #: profiles whose route from signal to help in this wijk runs over this link
    used_by: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        return {"from": self.from_partner, "to": self.to_partner, "kinds": list(self.kinds),
                "agreement": self.agreement, "follow_up": self.follow_up, "text": self.text,
                "used_by": list(self.used_by)}


def weak_routes(index: Index, wijk_code: str, cells: dict | None = None
                ) -> tuple[WeakRoute, ...]:
    """Referral routes between partners of the wijk that lack an agreement or
    follow-up (001 L8164-8174): first those on a cell's route (``used_by``),
    then the others, each by the order of the partners."""
    used: dict[tuple[str, str], list[str]] = {}
    for prof in PROFILES:
        cell = (cells or {}).get((wijk_code, prof))
        if cell is not None:
            for a, b in zip(cell.route, cell.route[1:]):
                used.setdefault((a, b), []).append(prof)
    partners = list(dict.fromkeys(list(index.present_partners(wijk_code))
                                  + [o.partner_id for o in index.offers_in(wijk_code)]))
    members = set(partners)
    adj = index.referrals._adj
    result = []
    for a in partners:
        for b, data in adj.get(a, {}).items():
            if b not in members or not set(data.get("kinds", ())) & REFERRAL_ROUTE_KINDS:
                continue   # outside the wijk, or cooperation rather than a route people take
            lacks = weak_link(data)
            if lacks:
                result.append(WeakRoute(
                    a, b, tuple(data.get("kinds", ())), data.get("agreement", "geen"),
                    bool(data.get("follow_up")),
                    f"{index.partner_name(a)} → {index.partner_name(b)}: {lacks} "
                    f"(afspraak: {AGREEMENTS.label_of(data.get('agreement', 'geen'))})",
                    tuple(used.get((a, b), ()))))
    result.sort(key=lambda w: not w.used_by)
    return tuple(result)
