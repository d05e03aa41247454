"""Fragility: which cells hang on one partner, and what is lost when a partner leaves.

Computed incrementally. A partner's departure can only change a cell when
the partner

* carries it (one of its counting offers), or
* lies on the cell's route from signaller to provider (a signaller, the
  meldpunt, a link or the provider), or
* gives the wijk's monitoring / vangnet function for the cell, or
* is a meldpunt or intake of the wijk (without one, the route rule changes).

Any other cell keeps its offers, its route and its safety net, so it stays
as it is (removing a partner never adds a route, except through the last
point above). Only the affected cells are re-evaluated, with the partner
left out; the referral search is redone once per (wijk, partner) pair that
needs it. :func:`fragility_brute_force` recomputes the whole matrix per
partner and exists to check this (tests compare the two).

>>> from coalition_map.model import Coalition, Wijk, Partner, Offer
>>> c = Coalition(wijken=[Wijk("W", "Noord")],
...     partners=[Partner("p", "Welzijn", "welzijn", roles=("signaleren",))],
...     offers=[Offer("o", "p", "Bel", "telefonisch", "vrijwilliger",
...                   intervention_types=("telefooncirkel",))])
>>> f = fragility(c)
>>> f.single_carrier
[('W', 'afhankelijken', 'p')]
>>> [(ch.profile, ch.before_state, ch.after_state) for ch in f.lost_by("p")]
[('afhankelijken', 'partial', 'uncovered')]
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field, replace

from ..model import Coalition
from ..typology import PROFILES
from .chain import mode_for
from .coverage import Cell, Engine, coverage_matrix
from .index import Index, gc_paused
from .priority import resolve_mix

_STATE_RANK = {"covered": 0, "partial": 1, "unreachable": 2, "uncovered": 3}


@dataclass(frozen=True)
class CellChange:
    """A cell before and after a change (a partner leaving, a what-if)."""

    wijk: str
    profile: str
    before_status: str
    after_status: str
    before_reachable: bool
    after_reachable: bool
    before_partners: tuple[str, ...] = ()
    after_partners: tuple[str, ...] = ()
    after_reasons: tuple[str, ...] = ()

    @staticmethod
    def between(before: Cell, after: Cell) -> "CellChange":
        return CellChange(before.wijk, before.profile, before.status, after.status,
                          before.reachable, after.reachable, before.partners, after.partners,
                          after.reasons)

    @property
    def before_state(self) -> str:
        return _state(self.before_status, self.before_reachable)

    @property
    def after_state(self) -> str:
        return _state(self.after_status, self.after_reachable)

    @property
    def lost(self) -> bool:
        """Served before (covered or partial and reachable), not after."""
        return self.before_state in ("covered", "partial") and \
            self.after_state in ("uncovered", "unreachable")

    @property
    def worse(self) -> bool:
        return _STATE_RANK[self.after_state] > _STATE_RANK[self.before_state] or (
            self.before_reachable and not self.after_reachable)

    @property
    def better(self) -> bool:
        return _STATE_RANK[self.after_state] < _STATE_RANK[self.before_state] or (
            not self.before_reachable and self.after_reachable)

    def to_dict(self) -> dict:
        return {"wijk": self.wijk, "profile": self.profile,
                "before": self.before_state, "after": self.after_state,
                "before_status": self.before_status, "after_status": self.after_status,
                "before_reachable": self.before_reachable,
                "after_reachable": self.after_reachable,
                "after_partners": list(self.after_partners),
                "after_reasons": list(self.after_reasons)}


def _state(status: str, reachable: bool) -> str:
    if status == "uncovered":
        return "uncovered"
    return status if reachable else "unreachable"


def _changed(before: Cell, after: Cell) -> bool:
    return before.status != after.status or before.reachable != after.reachable


@dataclass
class Fragility:
    """Carriers per cell and the consequences of each partner leaving."""

    carriers: dict[tuple[str, str], int]
    #: (wijk, profile, partner id) for cells carried by exactly one partner
    single_carrier: list[tuple[str, str, str]]
    #: partner id -> every cell whose status or reachability changes without it
    by_partner: dict[str, list[CellChange]] = field(default_factory=dict)

    def lost_by(self, partner_id: str) -> list[CellChange]:
        """Cells that become uncovered or unreachable if the partner leaves."""
        return [c for c in self.by_partner.get(partner_id, ()) if c.lost]

    def critical_partners(self) -> list[tuple[str, int]]:
        """Partners by the number of cells lost without them, most first."""
        counts = [(p, len(self.lost_by(p))) for p in self.by_partner]
        return sorted([pc for pc in counts if pc[1]], key=lambda pc: (-pc[1], pc[0]))


def _critical(cell: Cell, carriers: dict[str, frozenset]) -> set[str]:
    """Carriers whose departure changes the cell's status: the only partner, or
    the only partner bringing one of the present fitting types."""
    crit = set(cell.partners) if len(cell.partners) == 1 else set()
    for partners in carriers.values():
        if len(partners) == 1:
            crit |= partners
    return crit


def _affected(engine: Engine, cells: dict) -> tuple[dict[str, set], dict[str, str]]:
    """Partner id -> keys of the cells its departure may change; wijk -> sole intake."""
    affected: dict[str, set] = defaultdict(set)
    for key, cell in cells.items():
        for pid in _critical(cell, engine.type_carriers.get(key, {})):
            affected[pid].add(key)
        for pid in cell.route:
            affected[pid].add(key)
        if cell.needs_monitoring and len(cell.monitoring) == 1:
            affected[cell.monitoring[0]].add(key)
    sole_intake = {}
    for code, reach in engine.reach.items():
        if len(reach.intakes) == 1:
            sole_intake[code] = reach.intakes[0]
            affected[reach.intakes[0]].update((code, prof) for prof in PROFILES)
    return affected, sole_intake


def _after(engine: Engine, cell: Cell, partner: str, sole_intake: str | None):
    """(status, reachable) of the cell without ``partner``, by the short way."""
    status = cell.status
    if partner in cell.partners:
        if len(cell.partners) == 1:
            status = "uncovered"
        else:
            carriers = engine.type_carriers.get(cell.key, {})
            fitting = PROFILES[cell.profile].fitting_types
            missing = any(not (carriers.get(t, frozenset()) - {partner}) for t in fitting)
            status = "partial" if missing else "covered"
    if status == "uncovered":
        return status, False
    if partner in cell.route or partner == sole_intake:
        reach = engine.reach_for(cell.wijk, frozenset({partner}))
        mode = mode_for(cell.profile)
        reached = any(reach.can_reach(mode, p) for p in cell.partners if p != partner)
    else:   # the route does not pass this partner: it still exists
        reached = bool(cell.route)
    if cell.needs_monitoring and not (set(cell.monitoring) - {partner}):
        return status, False
    return status, reached


def fragility(coalition: Coalition, *, today: dt.date | None = None,
              cells: dict | None = None, engine: Engine | None = None) -> Fragility:
    """Carriers per cell and, for every partner, the cells that change without it."""
    with gc_paused():
        return _fragility(coalition, today, cells, engine)


def _fragility(coalition, today, cells, engine) -> Fragility:
    if engine is None:
        engine = Engine(Index(coalition, today=today), resolve_mix("gelijk"))
    if cells is None:
        cells = engine.matrix()
    carriers = {key: len(cell.partners) for key, cell in cells.items()}
    single = [(w, p, cells[w, p].partners[0]) for (w, p), n in carriers.items() if n == 1]
    affected, sole_intake = _affected(engine, cells)
    by_partner: dict[str, list[CellChange]] = {}
    for partner in engine.index.partners:
        keys = affected.get(partner, ())
        changes = []
        for key in sorted(keys, key=_cell_order):
            before = cells[key]
            status, reachable = _after(engine, before, partner, sole_intake.get(key[0]))
            if status != before.status or reachable != before.reachable:
                after = engine.cell(key[0], key[1], frozenset({partner}))
                changes.append(CellChange.between(before, after))
        engine.forget()
        by_partner[partner] = changes
    return Fragility(carriers, single, by_partner)


_PROFILE_ORDER = {p: i for i, p in enumerate(PROFILES)}


def _cell_order(key):
    return (key[0], _PROFILE_ORDER[key[1]])


def without_partners(coalition: Coalition, partner_ids) -> Coalition:
    """A copy of the coalition without these partners, their offers and routes."""
    gone = set(partner_ids)
    return replace(coalition,
                   partners=[p for p in coalition.partners if p.id not in gone],
                   offers=[o for o in coalition.offers if o.partner_id not in gone],
                   referrals=[r for r in coalition.referrals
                              if r.from_partner not in gone and r.to_partner not in gone])


def fragility_brute_force(coalition: Coalition, *,
                          today: dt.date | None = None) -> dict[str, list[CellChange]]:
    """Reference for tests: the whole matrix recomputed once per partner. Slow."""
    before = coverage_matrix(coalition, today=today)
    result = {}
    for partner in coalition.partners:
        after = coverage_matrix(without_partners(coalition, [partner.id]), today=today)
        result[partner.id] = [CellChange.between(before[k], after[k])
                              for k in sorted(before, key=_cell_order)
                              if _changed(before[k], after[k])]
    return result


@dataclass(frozen=True)
class Broker:
    """A partner that links signallers to providers."""

    partner: str
    name: str
    betweenness: float
    articulation: bool                    # cuts the referral network in two
    unreachable_cells: tuple[tuple[str, str], ...]  # cells only its links keep reachable

    def to_dict(self) -> dict:
        return {"partner": self.partner, "name": self.name, "betweenness": self.betweenness,
                "articulation": self.articulation,
                "unreachable_cells": [list(k) for k in self.unreachable_cells]}


def brokers(coalition: Coalition, *, today: dt.date | None = None,
            frag: Fragility | None = None, index: Index | None = None) -> list[Broker]:
    """Partners whose departure cuts signallers off from providers.

    A broker is an articulation point of the (active) referral network, or
    a partner whose departure leaves cells with offers but without a route
    (cells it does not carry itself). Ordered by those cells, then
    betweenness.
    """
    from ..graph.metrics import articulation_points, betweenness

    index = index or Index(coalition, today=today)
    frag = frag or fragility(coalition, today=today)
    g = index.referrals
    bc = betweenness(g)
    cuts = articulation_points(g)
    result = []
    for pid in index.partners:
        cut_cells = tuple((c.wijk, c.profile) for c in frag.by_partner.get(pid, ())
                          if c.before_reachable and not c.after_reachable
                          and c.after_status != "uncovered" and pid not in c.before_partners)
        if cut_cells or pid in cuts:
            result.append(Broker(pid, index.partner_name(pid), bc.get(pid, 0.0), pid in cuts,
                                 cut_cells))
    return sorted(result, key=lambda b: (-len(b.unreachable_cells), -b.betweenness, b.partner))
