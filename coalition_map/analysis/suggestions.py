"""Suggestions for gaps: interventions from the reference palette, and who could offer them.

For each cell with missing core needs: the palette items (002 and 003, see
:mod:`coalition_map.palette`) that serve the profile and bring one of the
missing intervention types (items whose fit a rule excludes are left out by
``fitting_items``), best evidence first; and the local partners that
plausibly could provide them, within the same rules. A partner is plausible
when it is active and works in the wijk and its own offers -- or offers of
its sector elsewhere in the coalition -- already serve the profile with one
of the missing types. Partners from the sectors that find the profile score
higher. A served cell that hangs on one partner gets suggestions too, never
that partner.

>>> from coalition_map.model import Coalition, Wijk, Partner, Offer
>>> c = Coalition(wijken=[Wijk("W1", "Noord"), Wijk("W2", "Zuid")],
...     partners=[Partner("ggz", "GGZ", "ggz", roles=("aanbieden",))],
...     offers=[Offer("o", "ggz", "Steun", "begeleiding", "professional",
...                   intervention_types=("emotionele_steun",), wijken=("W2",))])
>>> hoop = next(x for x in suggestions(c, wijk="W1") if x.profile == "hoopvollen")
>>> 0 < len(hoop.items) <= 5 and all(set(i.fills) <= set(hoop.missing_types) and i.fills
...                                   for i in hoop.items)
True
>>> hoop.partners[0].partner, hoop.partners[0].reasons[0]
('ggz', 'levert elders al voor dit profiel: emotionele en psychosociale steun')
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from ..fit import sector_is_volunteer
from ..model import Coalition
from ..states import STATES
from ..typology import INTERVENTION_TYPES, PROFILES, rules_excluding
from .index import Index

ITEM_LIMIT = 5
PARTNER_LIMIT = 5


@dataclass(frozen=True)
class SuggestedItem:
    id: str
    name: str
    source: str             # "002" or "003"
    source_line: int
    evidence: str
    kind: str
    delivered_by: str
    fills: tuple[str, ...]  # the missing types it brings
    practice_example: bool = False   # 002 "(een praktijkvoorbeeld)": a local practice


@dataclass(frozen=True)
class CandidatePartner:
    partner: str
    name: str
    sector: str
    score: int
    reasons: tuple[str, ...]  # Dutch


@dataclass(frozen=True)
class Suggestion:
    wijk: str
    profile: str
    missing_types: tuple[str, ...]
    items: tuple[SuggestedItem, ...]
    partners: tuple[CandidatePartner, ...]
    #: "gap" (missing needs) or "fragile" (served, but by one partner only)
    kind: str = "gap"

    def to_dict(self) -> dict:
        return {"wijk": self.wijk, "profile": self.profile, "kind": self.kind,
                "missing_types": list(self.missing_types),
                "items": [vars(i) | {"fills": list(i.fills)} for i in self.items],
                "partners": [vars(p) | {"reasons": list(p.reasons)} for p in self.partners]}


@lru_cache(maxsize=512)
def _items(profile: str, missing: tuple[str, ...]) -> tuple[SuggestedItem, ...]:
    from ..palette import fitting_items
    result = []
    for item in fitting_items(profile, list(missing)):
        fills = tuple(t for t in missing if t in item.intervention_types)
        result.append(SuggestedItem(item.id, item.name, item.source, item.source_line,
                                    item.evidence, item.kind, item.delivered_by, fills,
                                    item.practice_example))
    return tuple(result)


def palette_items_for(profile: str, missing_types) -> tuple[SuggestedItem, ...]:
    """Palette items for a profile that bring one of ``missing_types``."""
    return _items(profile, tuple(missing_types))


def _volunteers_excluded(profile: str) -> bool:
    """True when a rule forbids plain volunteers for the profile (C, B, H, O)."""
    return bool(rules_excluding(_Probe("een_op_een", "vrijwilliger"), profile))


class _Probe:
    def __init__(self, kind, delivered_by):
        self.kind, self.delivered_by = kind, delivered_by


def _candidates(index: Index, wijk: str, profile: str, missing: tuple[str, ...],
                own_needs: dict, sector_needs: dict,
                avoid: frozenset[str] = frozenset()) -> list[CandidatePartner]:
    """Partners in the wijk that could bring the missing needs, within the rules.

    A partner counts when its own offers elsewhere, or offers of its sector,
    already serve this profile with one of the missing needs -- judged by the
    same fit as the coverage (:func:`coalition_map.fit.profile_fits`), so a
    volunteer organisation is never put forward for Compenseerders or
    Buitenstaanders, nor group offers for Afhankelijken. ``avoid``: partners
    not to suggest (the one a fragile cell already hangs on).
    """
    prof = PROFILES[profile]
    wanted = set(missing)
    outreach = set(prof.signal_sectors)
    # scored first, the Dutch reasons only for the partners that make the list
    scored = []
    for pid in index.present_partners(wijk):
        if pid in avoid:
            continue
        p = index.partners[pid]
        own = wanted & own_needs.get((pid, profile), set())
        sector = wanted & sector_needs.get((p.sector, profile), set())
        if not (own or sector):
            continue
        score = (3 if own else 2) + ("aanbieden" in p.roles) + (p.sector in outreach)
        scored.append((-score, p.name, p, own, sector))
    scored.sort(key=lambda c: (c[0], c[1]))   # stable: as sorting the partners themselves
    result = []
    for neg, _, p, own, sector in scored[:PARTNER_LIMIT]:
        reasons = []
        if own:
            reasons.append("levert elders al voor dit profiel: " + ", ".join(
                INTERVENTION_TYPES.label_of(t) for t in sorted(own)))
        else:
            reasons.append("andere partners in deze sector leveren dit profiel: " + ", ".join(
                INTERVENTION_TYPES.label_of(t) for t in sorted(sector)))
        if "aanbieden" in p.roles:
            reasons.append("heeft de rol aanbieden")
        if p.sector in outreach:
            reasons.append("vindt deze groep (outreach)")
        result.append(CandidatePartner(p.id, p.name, p.sector, -neg, tuple(reasons)))
    if not result:   # nobody serves these needs yet: the wijk's providers, within the rules
        professionals_only = _volunteers_excluded(profile)
        for pid in index.present_partners(wijk):
            p = index.partners[pid]
            if pid in avoid or "aanbieden" not in p.roles:
                continue
            if professionals_only and sector_is_volunteer(p.sector):
                continue   # 000 L669, L765; 001 L2884-2891: no volunteer organisation
            reasons = ["heeft de rol aanbieden in deze wijk"]
            score = 0
            if prof.signal_sectors and p.sector in prof.signal_sectors:
                score += 1
                reasons.append("vindt deze groep (outreach)")
            result.append(CandidatePartner(pid, p.name, p.sector, score, tuple(reasons)))
    result.sort(key=lambda c: (-c.score, c.name))
    return result[:PARTNER_LIMIT]


def suggestions(coalition: Coalition, *, cells: dict | None = None,
                today: dt.date | None = None, index: Index | None = None,
                wijk: str | None = None) -> list[Suggestion]:
    """A :class:`Suggestion` for every gap cell with missing needs, and for every
    served cell that hangs on one partner (a fragility gap: then the palette
    items for the needs that partner alone brings, and other partners than it).
    Optionally one wijk."""
    index = index or Index(coalition, today=today)
    if cells is None:
        from .coverage import coverage_matrix
        cells = coverage_matrix(coalition, index=index)
    own_needs: dict[tuple, set] = defaultdict(set)
    sector_needs: dict[tuple, set] = defaultdict(set)
    for o in coalition.offers:
        if index.offer_states[o.id] not in ("current", "full"):
            continue   # stopped or inactive offers deliver nothing any more
        sector = index.sector(o.partner_id)
        for prof, fact in index.offer_facts[o.id].items():
            if fact.fit.serves:
                own_needs[o.partner_id, prof].update(fact.needs)
                sector_needs[sector, prof].update(fact.needs)
    result = []
    for (w, prof), cell in cells.items():
        if wijk is not None and w != wijk:
            continue
        avoid: frozenset[str] = frozenset()
        if cell.state == "covered" or not cell.missing_types:
            if not (STATES[cell.state].served and len(cell.partners) == 1):
                continue
            # fragile: everything hangs on one partner; look for a second one
            avoid = frozenset(cell.partners)
            missing = tuple(cell.present_types) or PROFILES[prof].core_types
        else:
            missing = tuple(cell.missing_types)
        result.append(Suggestion(
            w, prof, missing, palette_items_for(prof, missing)[:ITEM_LIMIT],
            tuple(_candidates(index, w, prof, missing, own_needs, sector_needs, avoid)),
            "fragile" if avoid else "gap"))
    return result
