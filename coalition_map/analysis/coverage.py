"""The coverage matrix: for every wijk × profile, is there fitting help, and can
the people it is meant for be reached?

An offer counts for a profile in a wijk only when it is running (active, not
ended, capacity left; its partner active), available there (municipality-wide
offers count in every wijk of the partner's municipality), serves the profile
(named in the offer, or through an intervention type that fits the profile)
and passes the typology's exclusion rules (``typology.EXCLUSION_RULES``).

Status per cell: ``uncovered`` (nothing counts), ``partial`` (something
counts but some fitting intervention types are missing) or ``covered``.
``reachable`` is a separate flag from the chain (see :mod:`.chain`): a
signaller in the wijk reaches a counting provider through the referral
network (via a meldpunt or intake where the wijk has one), with outreach
signallers for the structural profiles, and a monitoring or vangnet function
for the profiles that need one.

Offers that *name* a profile a rule forbids are :func:`conflicts`.

>>> from coalition_map.model import Coalition, Wijk, Partner, Offer
>>> c = Coalition(wijken=[Wijk("W", "Noord")],
...     partners=[Partner("p", "Welzijn", "welzijn", roles=("signaleren", "aanbieden"))],
...     offers=[Offer("o", "p", "Koffieochtend", "ontmoeting", "vrijwilliger",
...                   intervention_types=("toeleiding_activiteiten",))])
>>> m = coverage_matrix(c)
>>> m["W", "actieven"].status, m["W", "actieven"].missing_types
('partial', ('belemmeringen', 'preventie', 'vrijwillige_inzet'))
>>> m["W", "achterblijvers"].status, m["W", "achterblijvers"].reasons[0]
('uncovered', 'alleen groepsaanbod; past niet bij Achterblijvers')
>>> m["W", "overlevers"].reasons
('geen aanbod', 'geen monitoring of vangnet in deze wijk')
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import asdict, dataclass
from typing import Mapping

from ..model import Coalition
from ..typology import INTERVENTION_TYPES, PROFILES, rules_excluding
from .chain import WijkReach, mode_for, sector_labels
from .index import Index, OfferFact, gc_paused
from .priority import ProfileMix, estimate_people, resolve_mix

STATUSES = ("covered", "partial", "uncovered")

#: Dutch labels for the four states the app shows.
STATE_LABELS = {"covered": "gedekt", "partial": "deels gedekt", "uncovered": "niet gedekt",
                "unreachable": "niet bereikbaar"}

REASON_NO_OFFER = "geen aanbod"
REASON_INACTIVE = "aanbod inactief of zonder capaciteit"
REASON_NO_MONITORING = "geen monitoring of vangnet in deze wijk"
REASON_NO_SIGNALLER = "niet bereikbaar: niemand signaleert in deze wijk"
REASON_NO_INTAKE_ROUTE = "niet bereikbaar: signalen komen niet bij het meldpunt of de intake"
REASON_NO_ROUTE = "niet bereikbaar: geen verwijsroute van signaleerder naar aanbieder"


def rule_reason(rule, profile_code: str) -> str:
    """'alleen groepsaanbod; past niet bij Achterblijvers' (from the rule's data)."""
    return f"{rule.short}; {rule.verdict} {PROFILES[profile_code].name}"


def no_outreach_reason(signaller_sectors) -> str:
    """'niet bereikbaar: alleen huisarts en thuiszorg signaleren hier; geen outreach'."""
    return f"niet bereikbaar: alleen {sector_labels(signaller_sectors)} signaleren hier; " \
           "geen outreach"


def missing_types_reason(types) -> str:
    return "ontbrekende interventietypen: " + ", ".join(INTERVENTION_TYPES.label_of(t)
                                                         for t in types)


@dataclass(frozen=True)
class Cell:
    """One wijk × profile of the coverage matrix."""

    wijk: str
    profile: str
    status: str                          # covered / partial / uncovered
    reachable: bool                      # a route from signal to a counting provider
    offers: tuple[str, ...] = ()         # offer ids that count
    partners: tuple[str, ...] = ()       # distinct partner ids of those offers
    missing_types: tuple[str, ...] = ()  # fitting intervention types not present
    reasons: tuple[str, ...] = ()        # Dutch
    estimated_people: float = 0.0
    present_types: tuple[str, ...] = ()
    #: (offer id, (rule codes)) for offers that claim the profile but break a rule
    excluded_offers: tuple[tuple[str, tuple[str, ...]], ...] = ()
    inactive_offers: tuple[str, ...] = ()
    route: tuple[str, ...] = ()          # partner ids: signaller -> (meldpunt) -> provider
    reachable_partners: tuple[str, ...] = ()  # counting providers a signal reaches
    monitoring: tuple[str, ...] = ()     # partners giving monitoring / vangnet here
    needs_monitoring: bool = False

    @property
    def state(self) -> str:
        """One of four: covered / partial / uncovered / unreachable."""
        if self.status == "uncovered":
            return "uncovered"
        if not self.reachable:
            return "unreachable"
        return self.status

    @property
    def key(self) -> tuple[str, str]:
        return (self.wijk, self.profile)

    def to_dict(self) -> dict:
        d = asdict(self)
        d["excluded_offers"] = [{"offer": o, "rules": list(r)} for o, r in self.excluded_offers]
        for k, v in d.items():
            if isinstance(v, tuple):
                d[k] = list(v)
        d["state"] = self.state
        return d


@dataclass(frozen=True)
class Conflict:
    """An offer that names a profile which a typology rule excludes."""

    offer: str
    offer_name: str
    partner: str
    profile: str
    rule: str
    message: str            # Dutch
    source: str
    running: bool

    def to_dict(self) -> dict:
        return asdict(self)


def conflicts(coalition: Coalition, *, today: dt.date | None = None) -> list[Conflict]:
    """Offers whose named profiles break an exclusion rule, one entry per rule.

    >>> from coalition_map.model import Coalition, Offer
    >>> c = Coalition(offers=[Offer("m", "p", "Maatjesproject", "een_op_een", "vrijwilliger",
    ...                             profiles=("buitenstaanders", "actieven"))])
    >>> [(x.profile, x.rule) for x in conflicts(c)]
    [('buitenstaanders', 'geen_vrijwilligers')]
    >>> print(conflicts(c)[0].message)  # doctest: +NORMALIZE_WHITESPACE
    'Maatjesproject' noemt Buitenstaanders, maar inzet van vrijwilligers is niet mogelijk
    bij Buitenstaanders
    """
    today = today or dt.date.today()
    result = []
    for o in coalition.offers:
        for code in dict.fromkeys(o.profiles):
            if code not in PROFILES:
                continue
            name = PROFILES[code].name
            for rule in rules_excluding(o, code):
                result.append(Conflict(
                    o.id, o.name, o.partner_id, code, rule.code,
                    f"'{o.name}' noemt {name}, maar {rule.reason.format(profile=name)}",
                    rule.source, o.running_on(today)))
    return result


class _Bucket:
    """The offers of one scope (a wijk, or a municipality's wide offers) for one
    profile, split by status and summarised once."""

    __slots__ = ("facts", "counting", "excluded", "inactive", "offer_ids", "partners",
                 "carriers", "excluded_ids", "inactive_ids")

    def __init__(self, facts: list[OfferFact]):
        self.facts = facts
        self.counting = [f for f in facts if f.status == "counts"]
        self.excluded = [f for f in facts if f.status == "excluded"]
        self.inactive = [f for f in facts if f.status == "inactive"]
        self.offer_ids = tuple(f.offer.id for f in self.counting)
        self.partners = tuple(dict.fromkeys(f.offer.partner_id for f in self.counting))
        carriers: dict[str, set] = {}
        for f in self.counting:
            for t in f.types:
                carriers.setdefault(t, set()).add(f.offer.partner_id)
        self.carriers = carriers
        self.excluded_ids = tuple((f.offer.id, tuple(r.code for r in f.rules))
                                  for f in self.excluded)
        self.inactive_ids = tuple(f.offer.id for f in self.inactive)


class Engine:
    """Evaluates cells; built once, reused by fragility and what-if.

    Offers are grouped per *scope* -- the offers named in one wijk, and the
    municipality-wide offers of one municipality -- and per profile into
    :class:`_Bucket` summaries, each computed once; a cell merges the buckets
    of its wijk's scopes. Per wijk it keeps the running monitoring offers and
    the :class:`WijkReach`. :meth:`cell` can leave partners out (``removed``)
    without rebuilding anything else.
    """

    def __init__(self, index: Index, mix: ProfileMix):
        self.index = index
        self.mix = mix
        self.people: dict[str, dict[str, float]] = {}
        self.reach: dict[str, WijkReach] = {}
        self._reach_without: dict[tuple[str, frozenset], WijkReach] = {}
        #: (wijk, profile) -> {fitting type: partners whose counting offers bring it}
        #: (read only)
        self.type_carriers: dict[tuple[str, str], dict[str, set]] = {}
        self._buckets: dict[tuple, dict[str, _Bucket]] = {}
        self._monitors: dict[tuple, list] = {}
        self._providers: dict[tuple, set] = {}
        self.scopes: dict[str, list[tuple]] = {}
        for code, wijk in index.wijken.items():
            scopes = index.offer_scopes(code)
            self.scopes[code] = scopes
            providers: set[str] = set()
            for scope in scopes:
                if scope not in self._buckets:
                    self._add_scope(scope)
                providers |= self._providers[scope]
            self.people[code] = estimate_people(wijk, mix)
            self.reach[code] = WijkReach(index, code, providers=providers)

    def _add_scope(self, scope: tuple) -> None:
        index = self.index
        by_profile: dict[str, list[OfferFact]] = defaultdict(list)
        monitors = []
        providers = set()
        for o in index.offers_in_scope(scope):
            providers.add(o.partner_id)
            for prof, fact in index.offer_facts[o.id].items():
                by_profile[prof].append(fact)
            if index.is_monitoring_offer(o) and o.running_on(index.today) \
                    and o.partner_id in index.active_partner_ids:
                monitors.append(o)
        self._buckets[scope] = {prof: _Bucket(facts) for prof, facts in by_profile.items()}
        self._monitors[scope] = monitors
        self._providers[scope] = providers

    def facts(self, wijk_code: str, profile_code: str) -> list[OfferFact]:
        """Every offer fact for the profile in the wijk, in scope order."""
        result: list[OfferFact] = []
        for scope in self.scopes[wijk_code]:
            bucket = self._buckets[scope].get(profile_code)
            if bucket is not None:
                result.extend(bucket.facts)
        return result

    def monitor_offers(self, wijk_code: str) -> list:
        result = []
        for scope in self.scopes[wijk_code]:
            result.extend(self._monitors[scope])
        return result

    def reach_for(self, wijk_code: str, removed: frozenset[str]) -> WijkReach:
        if not removed:
            return self.reach[wijk_code]
        key = (wijk_code, removed)
        r = self._reach_without.get(key)
        if r is None:
            r = WijkReach(self.index, wijk_code, removed, base=self.reach[wijk_code])
            self._reach_without[key] = r
        return r

    def forget(self, wijk_code: str | None = None) -> None:
        """Drop cached searches with partners removed."""
        self._reach_without.clear()

    def cell(self, wijk_code: str, profile_code: str,
             removed: frozenset[str] = frozenset()) -> Cell:
        index = self.index
        prof = PROFILES[profile_code]
        if removed:
            facts = [f for f in self.facts(wijk_code, profile_code)
                     if f.offer.partner_id not in removed]
            parts = [_Bucket(facts)]
        else:
            parts = [b for b in (self._buckets[s].get(profile_code)
                                 for s in self.scopes[wijk_code]) if b is not None]
        if len(parts) == 1:
            only = parts[0]
            offers, partners, carriers = only.offer_ids, only.partners, only.carriers
        else:
            offers = tuple(i for b in parts for i in b.offer_ids)
            partners = tuple(dict.fromkeys(p for b in parts for p in b.partners))
            carriers = {}
            for b in parts:
                for t, ps in b.carriers.items():
                    carriers[t] = carriers[t] | ps if t in carriers else set(ps)
        any_facts = any(b.facts for b in parts)
        if not removed:   # shared with the buckets: read only
            self.type_carriers[wijk_code, profile_code] = carriers
        present_types = tuple(t for t in prof.fitting_types if t in carriers)
        reasons: list[str] = []
        if not offers:
            status = "uncovered"
            missing = prof.fitting_types
            if not any_facts:
                reasons.append(REASON_NO_OFFER)
            seen = []
            for b in parts:
                for f in b.excluded:
                    for rule in f.rules:
                        if rule.code not in seen:
                            seen.append(rule.code)
                            reasons.append(rule_reason(rule, profile_code))
            if any(b.inactive for b in parts):
                reasons.append(REASON_INACTIVE)
        else:
            missing = tuple(t for t in prof.fitting_types if t not in carriers)
            status = "partial" if missing else "covered"
            if missing:
                reasons.append(missing_types_reason(missing))
            if len(partners) == 1:
                reasons.append(f"hangt op één partner: {index.partner_name(partners[0])}")

        reach = self.reach_for(wijk_code, removed)
        mode = mode_for(profile_code)
        reached = tuple(p for p in partners if reach.can_reach(mode, p))
        route: tuple[str, ...] = ()
        if reached:
            best = None
            for p in reached:
                r = reach.route(mode, p)
                if best is None or (len(r), r) < (len(best), best):
                    best = r
            route = tuple(best)
        elif offers:
            if not reach.signallers:
                reasons.append(REASON_NO_SIGNALLER)
            elif mode == "outreach" and not reach.outreach_signallers:
                reasons.append(no_outreach_reason(
                    index.partners[p].sector for p in reach.signallers))
            elif reach.intakes and not reach.intake_reached(mode):
                reasons.append(REASON_NO_INTAKE_ROUTE)
            else:
                reasons.append(REASON_NO_ROUTE)
        monitoring: tuple[str, ...] = ()
        if prof.needs_monitoring:
            monitoring = tuple(dict.fromkeys(
                list(reach.monitors)
                + [o.partner_id for o in self.monitor_offers(wijk_code)
                   if o.partner_id not in removed and not rules_excluding(o, profile_code)]))
            if not monitoring:
                reasons.append(REASON_NO_MONITORING)
        reachable = bool(reached) and (bool(monitoring) or not prof.needs_monitoring)
        return Cell(
            wijk_code, profile_code, status, reachable, offers, partners, tuple(missing),
            tuple(reasons), self.people[wijk_code][profile_code], present_types,
            tuple(x for b in parts for x in b.excluded_ids),
            tuple(x for b in parts for x in b.inactive_ids), route, reached, monitoring,
            prof.needs_monitoring)

    def matrix(self) -> dict[tuple[str, str], Cell]:
        return {(w, p): self.cell(w, p) for w in self.index.wijken for p in PROFILES}


def coverage_matrix(coalition: Coalition, *, today: dt.date | None = None,
                    mix: str | ProfileMix = "gelijk", custom_mix: Mapping[str, float] | None = None,
                    index: Index | None = None) -> dict[tuple[str, str], Cell]:
    """Every wijk × profile as a :class:`Cell`, keyed ``(wijk code, profile code)``.

    ``mix`` / ``custom_mix`` choose the profile mix for ``estimated_people``
    (see :mod:`.priority`).
    """
    with gc_paused():
        index = index or Index(coalition, today=today)
        return Engine(index, resolve_mix(mix, custom_mix)).matrix()
