"""The coverage matrix: for every wijk × profile, is there fitting help, can the
people it is meant for be found, and is there the vangnet they need?

An offer serves a profile in a wijk when it is available there
(:mod:`coalition_map.availability`), current (active, not ended, its partner
active) with room (capacity not 0), and serves the profile
(:func:`coalition_map.fit.profile_fits`: only its named profiles when it names
any; through its intervention types otherwise; never against an exclusion
rule). A fit can be *limited* (a limiting rule, or a trajectory that does not
match the profile's row): it serves in part.

A cell's state (:mod:`coalition_map.states`), from worst to best:

* ``uncovered`` -- nothing serves the profile (reasons: no offer, offers a rule
  excludes, offers that stopped or are full), or the profile needs a
  professional vangnet (Buitenstaanders, Hoopvollen, Overlevers; 000 L753-754,
  L971-973; 001 L2810) and nobody gives one in the wijk;
* ``unreachable`` -- offers serve, but no signaller in the wijk has a referral
  route to any of their providers;
* ``partial`` -- served, but a core intervention type is missing (or only
  brought by offers that fit in part), only limited offers serve, or only
  signallers that see the profile less often have a route (001 L7137-7142);
* ``covered`` -- otherwise.

Every reason is a :class:`~coalition_map.reasons.Reason` (kind + Dutch text +
seed lines). Offers that *name* a profile they cannot serve are
:func:`conflicts`.

>>> from coalition_map.model import Coalition, Wijk, Partner, Offer
>>> c = Coalition(wijken=[Wijk("W", "Noord")],
...     partners=[Partner("p", "Welzijn", "welzijn", roles=("signaleren", "aanbieden"))],
...     offers=[Offer("o", "p", "Koffieochtend", "ontmoeting", "vrijwilliger",
...                   intervention_types=("toeleiding_activiteiten",))])
>>> m = coverage_matrix(c)
>>> m["W", "actieven"].state, m["W", "actieven"].missing_types
('partial', ('belemmeringen', 'preventie', 'vrijwillige_inzet'))
>>> m["W", "afhankelijken"].state, [r.kind for r in m["W", "afhankelijken"].reasons]
('uncovered', ['no_offer'])
>>> m["W", "achterblijvers"].state, m["W", "achterblijvers"].limited_offers
('partial', ('o',))
>>> [r.kind for r in m["W", "overlevers"].reasons]
['no_offer', 'no_vangnet']
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import asdict, dataclass, fields
from collections.abc import Mapping

from ..model import Coalition
from ..reasons import Reason, texts
from ..states import STATE_LABELS  # noqa: F401  (re-exported: one definition)
from ..typology import INTERVENTION_TYPES, PROFILES
from .chain import WijkReach, limited_reach_reason, sector_labels, weak_link
from .index import Index, OfferFact, gc_paused
from .priority import ProfileMix, estimate_people, resolve_mix

#: Reason texts used in more than one place.
TEXT_NO_OFFER = "geen aanbod"
TEXT_NO_SIGNALLER = "niemand signaleert in deze wijk"
TEXT_NO_ROUTE = "geen verwijsroute van een signaleerder naar het aanbod"
TEXT_NO_VANGNET = ("geen professioneel vangnet: niemand houdt hier beroepsmatig contact om "
                   "achteruitgang op tijd te zien")


def missing_types_reason(types) -> Reason:
    return Reason("missing_types", "ontbrekende kerninterventies: " + ", ".join(
        INTERVENTION_TYPES.label_of(t) for t in types))


def _names(index: Index, offer_ids, limit: int = 3) -> str:
    names = [index.offers[i].name for i in offer_ids]
    if len(names) > limit:
        return ", ".join(names[:limit]) + f" en {len(names) - limit} meer"
    return ", ".join(names)


@dataclass(frozen=True)
class Cell:
    """One wijk × profile of the coverage matrix."""

    wijk: str
    profile: str
    state: str                           # states.STATES code
    reasons: tuple[Reason, ...] = ()
    offers: tuple[str, ...] = ()         # offer ids that serve fully
    limited_offers: tuple[str, ...] = ()  # offer ids that serve in part
    partners: tuple[str, ...] = ()       # distinct partner ids of both
    missing_types: tuple[str, ...] = ()  # core needs no fully serving offer brings
    present_types: tuple[str, ...] = ()  # needs (core and other) fully serving offers bring
    estimated_people: float = 0.0
    #: (offer id, (rule codes)) for offers whose fit a rule excludes
    excluded_offers: tuple[tuple[str, tuple[str, ...]], ...] = ()
    #: offers that name the profile without a fitting intervention type
    unfit_offers: tuple[str, ...] = ()
    inactive_offers: tuple[str, ...] = ()  # stopped, inactive or full
    route: tuple[str, ...] = ()          # partner ids: signaller -> ... -> provider
    reach: str = "none"                  # full / limited / none
    reachable_partners: tuple[str, ...] = ()  # serving partners a signal reaches
    vangnet: tuple[str, ...] = ()        # partners giving a professional vangnet here
    needs_vangnet: bool = False

    @property
    def reachable(self) -> bool:
        """A signal in the wijk reaches a serving partner (fully or in part)."""
        return self.reach != "none"

    @property
    def served(self) -> bool:
        """Something serves the profile here (fully or in part)."""
        return bool(self.offers or self.limited_offers)

    @property
    def monitoring(self) -> tuple[str, ...]:
        """Old name of :attr:`vangnet`."""
        return self.vangnet

    @property
    def needs_monitoring(self) -> bool:
        return self.needs_vangnet

    @property
    def reason_texts(self) -> tuple[str, ...]:
        return texts(self.reasons)

    @property
    def gap_kind(self) -> str:
        """What an action for this cell is about: ``offer`` (help is missing or fits
        only in part), ``vangnet`` (no professional vangnet), ``reach`` (the people
        are not, or only partly, found), ``fragile`` (served, but by one partner)
        or '' (nothing to do)."""
        kinds = {r.kind for r in self.reasons}
        if self.state == "uncovered":
            return "vangnet" if self.served and "no_vangnet" in kinds else "offer"
        if self.state == "unreachable":
            return "reach"
        if self.state == "partial":
            if kinds & {"missing_types", "limited_offer", "trajectory"}:
                return "offer"
            return "reach" if "limited_reach" in kinds else "offer"
        return "fragile" if len(self.partners) == 1 else ""

    @property
    def key(self) -> tuple[str, str]:
        return (self.wijk, self.profile)

    def to_dict(self) -> dict:
        d = asdict(self)
        d["reasons"] = [r.to_dict() for r in self.reasons]
        d["excluded_offers"] = [{"offer": o, "rules": list(r)} for o, r in self.excluded_offers]
        for k, v in d.items():
            if isinstance(v, tuple):
                d[k] = list(v)
        d["reachable"] = self.reachable
        return d


@dataclass(frozen=True)
class Conflict:
    """An offer that names a profile it cannot serve (a rule, or no fitting type)."""

    offer: str
    offer_name: str
    partner: str
    profile: str
    rule: str               # rule code, or "no_fit"
    message: str            # Dutch
    source: str
    running: bool

    def to_dict(self) -> dict:
        # every field is text or a bool: a shallow dict equals ``asdict`` (no deep copy)
        return {f: getattr(self, f) for f in _CONFLICT_FIELDS}


_CONFLICT_FIELDS = tuple(f.name for f in fields(Conflict))


def conflicts(coalition: Coalition, *, today: dt.date | None = None,
              index: Index | None = None) -> list[Conflict]:
    """Offers whose named profiles they cannot serve, one entry per rule.

    >>> from coalition_map.model import Coalition, Offer
    >>> c = Coalition(offers=[Offer("m", "p", "Maatjesproject", "een_op_een", "vrijwilliger",
    ...                             intervention_types=("vrijwillige_inzet", "monitoren"),
    ...                             profiles=("buitenstaanders", "actieven"))])
    >>> [(x.profile, x.rule) for x in conflicts(c)]
    [('buitenstaanders', 'geen_vrijwilligers')]
    >>> print(conflicts(c)[0].message)  # doctest: +NORMALIZE_WHITESPACE
    'Maatjesproject' noemt Buitenstaanders, maar inzet van vrijwilligers is niet mogelijk
    bij Buitenstaanders
    """
    from ..typology import OFFER_RULES
    index = index or Index(coalition, today=today)
    rules = {r.code: r for r in OFFER_RULES}
    result = []
    for o in coalition.offers:
        running = index.offer_states[o.id] == "current"
        for code, fact in index.offer_facts[o.id].items():
            if not fact.named:
                continue
            name = PROFILES[code].name
            if fact.fit.status == "no_fit":
                result.append(Conflict(
                    o.id, o.name, o.partner_id, code, "no_fit",
                    f"'{o.name}' noemt {name}, maar geen van zijn interventietypen past bij "
                    f"{name}", fact.fit.reasons[0].source, running))
            elif fact.fit.status == "excluded":
                for rule_code in fact.fit.rules:
                    rule = rules[rule_code]
                    result.append(Conflict(
                        o.id, o.name, o.partner_id, code, rule.code,
                        f"'{o.name}' noemt {name}, maar {rule.reason.format(profile=name)}",
                        rule.source, running))
    return result


class _Bucket:
    """The offers of one scope (a wijk, or a municipality's wide offers) for one
    profile, split by status and summarised once."""

    __slots__ = ("facts", "full", "limited", "excluded", "unfit", "inactive",
                 "carriers", "limited_carriers")

    def __init__(self, facts: list[OfferFact]):
        self.facts = facts
        self.full = [f for f in facts if f.status == "counts"]
        self.limited = [f for f in facts if f.status == "limited"]
        self.excluded = [f for f in facts if f.status == "excluded"]
        self.unfit = [f for f in facts if f.status == "no_fit"]
        self.inactive = [f for f in facts if f.status in ("inactive", "full")]
        carriers: dict[str, set] = {}
        for f in self.full:
            for t in f.needs:
                carriers.setdefault(t, set()).add(f.offer.partner_id)
        self.carriers = carriers
        limited: dict[str, set] = {}
        for f in self.limited:
            for t in f.needs:
                limited.setdefault(t, set()).add(f.offer.partner_id)
        self.limited_carriers = limited


def _merge(parts, attr) -> dict[str, set]:
    if len(parts) == 1:
        return getattr(parts[0], attr)
    merged: dict[str, set] = {}
    for b in parts:
        for t, ps in getattr(b, attr).items():
            merged[t] = merged[t] | ps if t in merged else set(ps)
    return merged


class Engine:
    """Evaluates cells; built once, reused by fragility and what-if.

    Offers are grouped per *scope* -- the offers named in one wijk, and the
    municipality-wide offers of one municipality -- and per profile into
    :class:`_Bucket` summaries, each computed once; a cell merges the buckets
    of its wijk's scopes. Per wijk it keeps the professional vangnet and the
    :class:`WijkReach`. :meth:`cell` can leave partners out (``removed``)
    without rebuilding anything else.
    """

    def __init__(self, index: Index, mix: ProfileMix, wijken=None):
        """``wijken``: the wijk codes to evaluate (default: all, in index order); a
        cell depends only on its own wijk's scopes and reach, so a subset gives
        the same cells (the per-gemeente split of :mod:`.pergemeente`)."""
        self.index = index
        self.mix = mix
        self.people: dict[str, dict[str, float]] = {}
        self.reach: dict[str, WijkReach] = {}
        self._reach_without: dict[tuple[str, frozenset], WijkReach] = {}
        #: (wijk, profile) -> {need: partners whose fully serving offers bring it}
        #: and the same for limited offers (read only)
        self.type_carriers: dict[tuple[str, str], dict[str, set]] = {}
        self.limited_carriers: dict[tuple[str, str], dict[str, set]] = {}
        self._buckets: dict[tuple, dict[str, _Bucket]] = {}
        self._vangnet_offers: dict[tuple, list] = {}
        self._providers: dict[tuple, set] = {}
        self.scopes: dict[str, list[tuple]] = {}
        self.vangnet: dict[str, tuple[str, ...]] = {}
        #: the wijk codes this engine evaluates, in index order
        self.wijken: list[str] = list(index.wijken) if wijken is None else [
            code for code in wijken if code in index.wijken]
        for code in self.wijken:
            wijk = index.wijken[code]
            scopes = index.offer_scopes(code)
            self.scopes[code] = scopes
            providers: set[str] = set()
            vangnet_offers = []
            for scope in scopes:
                if scope not in self._buckets:
                    self._add_scope(scope)
                providers |= self._providers[scope]
                vangnet_offers.extend(self._vangnet_offers[scope])
            self.people[code] = estimate_people(wijk, mix)
            self.reach[code] = WijkReach(index, code, providers=providers)
            self.vangnet[code] = tuple(dict.fromkeys(
                [p for p in self.reach[code].monitors if p in index.professional_ids]
                + [o.partner_id for o in vangnet_offers]))

    def _add_scope(self, scope: tuple) -> None:
        index = self.index
        by_profile: dict[str, list[OfferFact]] = defaultdict(list)
        vangnet = []
        providers = set()
        for o in index.offers_in_scope(scope):
            providers.add(o.partner_id)
            for prof, fact in index.offer_facts[o.id].items():
                by_profile[prof].append(fact)
            if index.is_professional_monitoring(o):
                vangnet.append(o)
        self._buckets[scope] = {prof: _Bucket(facts) for prof, facts in by_profile.items()}
        self._vangnet_offers[scope] = vangnet
        self._providers[scope] = providers

    def facts(self, wijk_code: str, profile_code: str) -> list[OfferFact]:
        """Every offer fact for the profile in the wijk, in scope order."""
        result: list[OfferFact] = []
        for scope in self.scopes[wijk_code]:
            bucket = self._buckets[scope].get(profile_code)
            if bucket is not None:
                result.extend(bucket.facts)
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
        parts = [b for b in (self._buckets[s].get(profile_code)
                             for s in self.scopes[wijk_code]) if b is not None]
        if removed:
            # The cell's facts without the removed partners, in the same (scope)
            # order; a need is carried when a partner that stays carries it.
            key = (wijk_code, profile_code)
            base = self.type_carriers.get(key)
            if base is None:
                base = _merge(parts, "carriers") if parts else {}
            base_lim = self.limited_carriers.get(key)
            if base_lim is None:
                base_lim = _merge(parts, "limited_carriers") if parts else {}
            carriers = {t: ps - removed for t, ps in base.items() if not ps <= removed}
            lim_carriers = {t: ps - removed for t, ps in base_lim.items()
                            if not ps <= removed}
            full = [f for b in parts for f in b.full if f.offer.partner_id not in removed]
            limited = [f for b in parts for f in b.limited
                       if f.offer.partner_id not in removed]
            excluded = [f for b in parts for f in b.excluded
                        if f.offer.partner_id not in removed]
            unfit = [f for b in parts for f in b.unfit if f.offer.partner_id not in removed]
            inactive = [f for b in parts for f in b.inactive
                        if f.offer.partner_id not in removed]
        else:
            full = [f for b in parts for f in b.full]
            limited = [f for b in parts for f in b.limited]
            carriers = _merge(parts, "carriers") if parts else {}
            lim_carriers = _merge(parts, "limited_carriers") if parts else {}
            # shared with the buckets: read only
            self.type_carriers[wijk_code, profile_code] = carriers
            self.limited_carriers[wijk_code, profile_code] = lim_carriers
            excluded = [f for b in parts for f in b.excluded]
            unfit = [f for b in parts for f in b.unfit]
            inactive = [f for b in parts for f in b.inactive]
        offers = tuple(f.offer.id for f in full)
        limited_ids = tuple(f.offer.id for f in limited)
        partners = tuple(dict.fromkeys(f.offer.partner_id for f in full + limited))
        present_types = tuple(n.type for n in prof.needs if n.type in carriers)
        missing = tuple(t for t in prof.core_types if t not in carriers)

        reasons: list[Reason] = []
        partial: list[Reason] = []
        state = "covered"
        if not partners:
            state = "uncovered"
            if not (excluded or unfit or inactive):
                reasons.append(Reason("no_offer", TEXT_NO_OFFER))
            seen = set()
            for f in excluded:
                for r in f.fit.reasons:
                    if r.text not in seen:
                        seen.add(r.text)
                        reasons.append(r)
            if unfit:
                reasons.append(Reason(
                    "no_fit", f"aanbod noemt {prof.name}, maar geen van de "
                    f"interventietypen past: {_names(index, [f.offer.id for f in unfit])}",
                    "000 L1043-1163"))
            stopped = [f.offer.id for f in inactive if f.status == "inactive"]
            waiting = [f.offer.id for f in inactive if f.status == "full"]
            if stopped:
                reasons.append(Reason("inactive", "aanbod gestopt of niet actief: "
                                      + _names(index, stopped)))
            if waiting:
                reasons.append(Reason("full", "aanbod vol (wachtlijst): "
                                      + _names(index, waiting)))
        else:
            # core needs only limited offers bring, and limited-only cells
            limited_needs = [t for t in missing if t in lim_carriers]
            really_missing = tuple(t for t in missing if t not in lim_carriers)
            if really_missing:
                partial.append(missing_types_reason(really_missing))
            wanted = set(limited_needs)
            relevant = limited if not full else [
                f for f in limited if not wanted.isdisjoint(f.needs)]
            by_text: dict[str, tuple[Reason, list[str]]] = {}
            for f in relevant:
                for r in f.fit.reasons:
                    by_text.setdefault(r.text, (r, []))[1].append(f.offer.id)
            for r, ids in by_text.values():
                partial.append(Reason(r.kind, f"{r.text} ({_names(index, ids)})", r.source))

        vangnet: tuple[str, ...] = ()
        if prof.needs_vangnet:
            vangnet = tuple(p for p in self.vangnet[wijk_code] if p not in removed)
            if not vangnet:
                state = "uncovered"
                reasons.insert(0 if partners else len(reasons),
                               Reason("no_vangnet", TEXT_NO_VANGNET, prof.vangnet_source))

        reach = self.reach_for(wijk_code, removed)
        route: list[str] = []
        reach_level = "none"
        reached: tuple[str, ...] = ()
        if partners:
            # prefer routes to partners that serve fully, then to those that serve in part
            full_partners = tuple(dict.fromkeys(f.offer.partner_id for f in full))
            for sectors, level in ((prof.signal_sectors, "full"), ((), "limited")):
                if level == "limited" and not prof.signal_sectors:
                    break
                reached_from = reach._search(sectors)    # what can_reach looks in
                found = tuple(p for p in partners if p in reached_from)
                if found:
                    reach_level, reached = level, found
                    route = (reach.best_route(sectors, [p for p in found if p in full_partners])
                             or reach.best_route(sectors, found))
                    break
            if reach_level == "limited":
                sectors = tuple(s for s in dict.fromkeys(index.sector(p) for p in reach.signallers)
                                if any(reach.can_reach((s,), p) for p in reached))
                partial.append(limited_reach_reason(
                    profile_code, sectors, bool(reach.sources(prof.signal_sectors))))
            if reach_level == "none":
                if state != "uncovered":
                    state = "unreachable"
                if not reach.signallers:
                    reasons.append(Reason("no_signaller", TEXT_NO_SIGNALLER))
                else:
                    who = sector_labels(index.sector(p) for p in reach.signallers)
                    reasons.append(Reason("no_route", f"{TEXT_NO_ROUTE} (hier signaleren: "
                                                      f"{who})"))
        if state == "covered" and partial:
            state = "partial"
        reasons.extend(partial)
        if len(partners) == 1:
            reasons.append(Reason("single_partner",
                                  f"hangt op één partner: {index.partner_name(partners[0])}"))
        if len(route) > 1:
            g = index.referrals
            weak = [f"{index.partner_name(a)} → {index.partner_name(b)} ({weak_link(g.edges[a, b])})"
                    for a, b in zip(route, route[1:]) if weak_link(g.edges[a, b])]
            if weak:
                reasons.append(Reason("weak_route", "route zonder vaste afspraak of "
                                      "terugkoppeling: " + "; ".join(weak),
                                      "001 L8164-8174"))
        return Cell(
            wijk_code, profile_code, state, tuple(reasons), offers, limited_ids, partners,
            missing, present_types, self.people[wijk_code][profile_code],
            tuple((f.offer.id, f.fit.rules) for f in excluded),
            tuple(f.offer.id for f in unfit), tuple(f.offer.id for f in inactive),
            tuple(route), reach_level, reached, vangnet, prof.needs_vangnet)

    def matrix(self) -> dict[tuple[str, str], Cell]:
        return {(w, p): self.cell(w, p) for w in self.wijken for p in PROFILES}


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
