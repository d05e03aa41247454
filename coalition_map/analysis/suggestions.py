"""Suggestions for gaps: interventions from the reference palette, and who could offer them.

For each uncovered or partial cell: the palette items (002 and 003, see
:mod:`coalition_map.palette`) that fit the profile and bring one of the
missing intervention types (items that break an exclusion rule for the
profile are left out by ``fitting_items``), best evidence first; and the
local partners that plausibly could provide them. A partner is plausible
when it is active and works in the wijk, takes the role *aanbieden* or
already runs offers, and it -- or partners of its sector elsewhere in the
coalition -- already deliver one of the missing types. Outreach partners
score higher for profiles that need outreach (``SECTORS`` facts).

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
('ggz', 'levert elders al: emotionele en psychosociale steun')
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from ..model import Coalition
from ..typology import INTERVENTION_TYPES, PROFILES
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

    def to_dict(self) -> dict:
        return {"wijk": self.wijk, "profile": self.profile,
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
                                    item.evidence, item.kind, item.delivered_by, fills))
    return tuple(result)


def palette_items_for(profile: str, missing_types) -> tuple[SuggestedItem, ...]:
    """Palette items for a profile that bring one of ``missing_types``."""
    return _items(profile, tuple(missing_types))


def _candidates(index: Index, wijk: str, profile: str, missing: tuple[str, ...],
                own_types: dict, sector_types: dict) -> list[CandidatePartner]:
    prof = PROFILES[profile]
    wanted = set(missing)
    result = []
    for pid in index.present_partners(wijk):
        p = index.partners[pid]
        provides = bool(own_types.get(pid))
        if "aanbieden" not in p.roles and not provides:
            continue
        score = 0
        reasons = []
        own = wanted & own_types.get(pid, set())
        if own:
            score += 3
            reasons.append("levert elders al: " + ", ".join(
                INTERVENTION_TYPES.label_of(t) for t in sorted(own)))
        sector = wanted & sector_types.get(p.sector, set())
        if sector and not own:
            score += 2
            reasons.append("andere partners in deze sector leveren: " + ", ".join(
                INTERVENTION_TYPES.label_of(t) for t in sorted(sector)))
        if not (own or sector):
            continue
        if "aanbieden" in p.roles:
            score += 1
            reasons.append("heeft de rol aanbieden")
        if prof.needs_outreach and index.is_outreach(pid):
            score += 1
            reasons.append("outreachende partner: vindt deze groep")
        result.append(CandidatePartner(pid, p.name, p.sector, score, tuple(reasons)))
    if not result:   # nobody delivers these types yet: the wijk's providers, outreach first
        for pid in index.present_partners(wijk):
            p = index.partners[pid]
            if "aanbieden" not in p.roles:
                continue
            reasons = ["heeft de rol aanbieden in deze wijk"]
            score = 0
            if prof.needs_outreach and index.is_outreach(pid):
                score += 1
                reasons.append("outreachende partner: vindt deze groep")
            result.append(CandidatePartner(pid, p.name, p.sector, score, tuple(reasons)))
    result.sort(key=lambda c: (-c.score, c.name))
    return result[:PARTNER_LIMIT]


def suggestions(coalition: Coalition, *, cells: dict | None = None,
                today: dt.date | None = None, index: Index | None = None,
                wijk: str | None = None) -> list[Suggestion]:
    """A :class:`Suggestion` for every uncovered or partial cell (optionally one wijk)."""
    index = index or Index(coalition, today=today)
    if cells is None:
        from .coverage import coverage_matrix
        cells = coverage_matrix(coalition, index=index)
    own_types: dict[str, set] = defaultdict(set)
    sector_types: dict[str, set] = defaultdict(set)
    for o in coalition.offers:
        p = index.partners.get(o.partner_id)
        if p is None or not p.active:
            continue
        own_types[p.id].update(o.intervention_types)
        sector_types[p.sector].update(o.intervention_types)
    result = []
    for (w, prof), cell in cells.items():
        if wijk is not None and w != wijk:
            continue
        if cell.status == "covered" or not cell.missing_types:
            continue
        missing = tuple(cell.missing_types)
        result.append(Suggestion(
            w, prof, missing, palette_items_for(prof, missing)[:ITEM_LIMIT],
            tuple(_candidates(index, w, prof, missing, own_types, sector_types))))
    return result
