"""Fragility: which cells hang on one partner, and what is lost when a partner leaves.

Computed incrementally. A partner's departure can only change a cell when
the partner

* is the only one bringing one of the cell's needs (or its only partner), or
* lies on the cell's route from signaller to provider (a signaller, a link
  or the provider), or
* gives the wijk's only professional vangnet for a profile that needs one.

Any other cell keeps its offers, its route and its vangnet, so it stays as
it is (removing a partner never adds a route). Only the affected cells are
re-evaluated, with the partner left out; the referral search is redone once
per (wijk, partner) pair that needs it. :func:`fragility_brute_force` recomputes the whole matrix per
partner and exists to check this (tests compare the two).

>>> from coalition_map.model import Coalition, Wijk, Partner, Offer
>>> c = Coalition(wijken=[Wijk("W", "Noord")],
...     partners=[Partner("p", "Welzijn", "welzijn", roles=("signaleren",))],
...     offers=[Offer("o", "p", "Bel", "telefonisch", "vrijwilliger",
...                   intervention_types=("telefooncirkel",))])
>>> f = fragility(c)
>>> f.single_carrier
[('W', 'achterblijvers', 'p'), ('W', 'afhankelijken', 'p')]
>>> [(ch.profile, ch.before_state, ch.after_state) for ch in f.lost_by("p")]
[('achterblijvers', 'partial', 'uncovered'), ('afhankelijken', 'partial', 'uncovered')]
>>> f.lost_by("p")[0].after_reasons[0].kind
'no_offer'
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field, replace

from ..model import Coalition
from ..reasons import Reason
from ..states import STATES, is_gap, worse
from ..typology import PROFILES
from .coverage import Cell, Engine, coverage_matrix
from .index import Index, gc_paused
from .priority import resolve_mix

@dataclass(frozen=True)
class CellChange:
    """A cell before and after a change (a partner leaving, a what-if)."""

    wijk: str
    profile: str
    before_state: str
    after_state: str
    before_partners: tuple[str, ...] = ()
    after_partners: tuple[str, ...] = ()
    after_reasons: tuple[Reason, ...] = ()
    before_reach: str = "none"
    after_reach: str = "none"

    @staticmethod
    def between(before: Cell, after: Cell) -> CellChange:
        return CellChange(before.wijk, before.profile, before.state, after.state,
                          before.partners, after.partners, after.reasons,
                          before.reach, after.reach)

    @property
    def before_reachable(self) -> bool:
        return self.before_reach != "none"

    @property
    def after_reachable(self) -> bool:
        return self.after_reach != "none"

    @property
    def lost(self) -> bool:
        """Served before (covered or partial), not after (uncovered or unreachable)."""
        return STATES[self.before_state].served and not STATES[self.after_state].served

    @property
    def worse(self) -> bool:
        return worse(self.after_state, self.before_state)

    @property
    def new_gap(self) -> bool:
        """Not a gap before (covered), a gap after (``states.is_gap``)."""
        return not is_gap(self.before_state) and is_gap(self.after_state)

    @property
    def closed_gap(self) -> bool:
        """A gap before, covered after."""
        return is_gap(self.before_state) and not is_gap(self.after_state)

    @property
    def better(self) -> bool:
        return worse(self.before_state, self.after_state)

    @property
    def after_reason_texts(self) -> tuple[str, ...]:
        return tuple(r.text for r in self.after_reasons)

    def to_dict(self) -> dict:
        return {"wijk": self.wijk, "profile": self.profile,
                "before": self.before_state, "after": self.after_state,
                "before_reach": self.before_reach, "after_reach": self.after_reach,
                "after_partners": list(self.after_partners),
                "after_reasons": [r.to_dict() for r in self.after_reasons]}


def _changed(before: Cell, after: Cell) -> bool:
    """A cell changes when its state changes; nothing else counts as a change."""
    return before.state != after.state


@dataclass(frozen=True)
class ChangeSummary:
    """What a list of cell changes amounts to, in the app's one gap definition.

    ``changed`` = ``worse`` + ``better`` (a change is a change of state);
    ``gaps_before``/``gaps_after`` are :func:`states.count_gaps` counts.
    """

    changed: int
    worse: int
    better: int
    new_gaps: int
    closed_gaps: int
    lost: int                 # served before, nobody served after
    gaps_before: int
    gaps_after: int

    def text(self) -> str:
        """Dutch, one line: '10 cellen slechter (8 zonder hulp), 0 beter; gaten 51 → 53'."""
        lost = f" ({self.lost} zonder hulp)" if self.lost else ""
        return (f"{self.worse} {_cells_word(self.worse)} slechter{lost}, {self.better} beter; "
                f"gaten {self.gaps_before} → {self.gaps_after}")


def _cells_word(n: int) -> str:
    return "cel" if n == 1 else "cellen"


def summarize_changes(changes, gaps_before: int) -> ChangeSummary:
    """Count a what-if's (or a partner's) changes; ``gaps_before`` from ``count_gaps``.

    >>> ch = [CellChange("W", "actieven", "covered", "partial"),
    ...       CellChange("W", "overlevers", "partial", "uncovered")]
    >>> s = summarize_changes(ch, gaps_before=5)
    >>> s.worse, s.better, s.new_gaps, s.lost, s.gaps_after
    (2, 0, 1, 1, 6)
    >>> s.text()
    '2 cellen slechter (1 zonder hulp), 0 beter; gaten 5 → 6'
    """
    changes = [c for c in changes if c.before_state != c.after_state]
    new = sum(c.new_gap for c in changes)
    closed = sum(c.closed_gap for c in changes)
    return ChangeSummary(len(changes), sum(c.worse for c in changes),
                         sum(c.better for c in changes), new, closed,
                         sum(c.lost for c in changes), gaps_before,
                         gaps_before + new - closed)


@dataclass
class Fragility:
    """Carriers per cell and the consequences of each partner leaving."""

    carriers: dict[tuple[str, str], int]
    #: (wijk, profile, partner id) for served cells carried by exactly one partner
    single_carrier: list[tuple[str, str, str]]
    #: partner id -> every cell whose state changes without it
    by_partner: dict[str, list[CellChange]] = field(default_factory=dict)
    #: False: ``by_partner`` was not computed (``gaps`` without ``--kwetsbaarheid``)
    complete: bool = True

    def worse_by(self, partner_id: str) -> list[CellChange]:
        """Cells that get worse if the partner leaves: exactly the cells a what-if
        without this partner shows as changed (:func:`summarize_changes` ``worse``)."""
        return [c for c in self.by_partner.get(partner_id, ()) if c.worse]

    def lost_by(self, partner_id: str) -> list[CellChange]:
        """Of :meth:`worse_by`, the cells where nobody is served any more
        (uncovered or unreachable after, served before)."""
        return [c for c in self.by_partner.get(partner_id, ()) if c.lost]

    def critical_partners(self) -> list[tuple[str, int]]:
        """Partners by the number of cells that get worse without them, most first
        (the same number the what-if shows for that partner)."""
        counts = [(p, len(self.worse_by(p))) for p in self.by_partner]
        return sorted([pc for pc in counts if pc[1]], key=lambda pc: (-pc[1], pc[0]))


def _critical(cell: Cell, engine: Engine) -> set[str]:
    """Carriers whose departure may change the cell's state: the only partner, or
    the only partner bringing one of the present needs (fully or in part)."""
    crit = set(cell.partners) if len(cell.partners) == 1 else set()
    for table in (engine.type_carriers, engine.limited_carriers):
        for partners in table.get(cell.key, {}).values():
            if len(partners) == 1:
                crit |= partners
    return crit


def _affected(engine: Engine, cells: dict) -> dict[str, set]:
    """Partner id -> keys of the cells its departure may change.

    A partner changes a cell only when it carries a need alone, lies on the
    cell's route (a signaller, a link or the provider), or gives the wijk's
    only professional vangnet. Anyone else leaves the cell's offers, route
    and vangnet as they are.
    """
    affected: dict[str, set] = defaultdict(set)
    for key, cell in cells.items():
        for pid in _critical(cell, engine):
            affected[pid].add(key)
        for pid in cell.route:
            affected[pid].add(key)
        if cell.needs_vangnet and len(cell.vangnet) == 1:
            affected[cell.vangnet[0]].add(key)
    return affected


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
    changes = partner_changes(engine, cells)
    return fragility_of(cells, {p: changes.get(p, []) for p in engine.index.partners})


def fragility_of(cells: dict, by_partner: dict[str, list[CellChange]] | None) -> Fragility:
    """The :class:`Fragility` of a matrix, given the changes per partner (None: not
    computed, ``complete`` False)."""
    carriers = {key: len(cell.partners) for key, cell in cells.items()}
    single = [(w, p, cells[w, p].partners[0]) for (w, p), n in carriers.items() if n == 1]
    return Fragility(carriers, single, by_partner or {}, by_partner is not None)


def partner_cuts(engine: Engine, cells: dict) -> dict[str, list[tuple[str, str]]]:
    """Partner id -> the cells (in cell order) that lose their route without it while
    it serves nothing there: what :func:`brokers` reads from ``by_partner``
    (``after_state`` unreachable, ``before_state`` not, partner not among the cell's
    partners), without the changes of every partner.

    Only a partner on a cell's route can take the route away (any other route
    stays), and a cell only becomes unreachable when no serving partner is reached
    any more; those two are checked first, and the cell without the partner is
    then evaluated by :meth:`Engine.cell`, the one rule. Partners without such
    cells are absent. Tests compare with :func:`fragility`.
    """
    candidates: dict[str, set] = defaultdict(set)
    for key, cell in cells.items():
        if cell.state == "unreachable" or not cell.partners:
            continue
        for pid in cell.route:
            if pid not in cell.partners:
                candidates[pid].add(key)
    result: dict[str, list[tuple[str, str]]] = {}
    for partner in engine.index.partners:
        keys = candidates.get(partner)
        if not keys:
            continue
        removed = frozenset({partner})
        cut = []
        for key in sorted(keys, key=_cell_order):
            # every signaller's search contains each sector's search: nothing reached
            # from all of them means no route, full or limited (Engine.cell)
            reached = engine.reach_for(key[0], removed)._search(())
            if any(p in reached for p in cells[key].partners):
                continue
            if engine.cell(key[0], key[1], removed).state == "unreachable":
                cut.append(key)
        engine.forget()
        if cut:
            result[partner] = cut
    return result


def partner_changes(engine: Engine, cells: dict) -> dict[str, list[CellChange]]:
    """Partner id -> the cells of ``cells`` whose state changes without it, in cell
    order (:func:`change_order`); partners that change nothing are absent. The cells
    of another wijk never enter, so the changes of a gemeente's cells can be computed
    on their own and merged (:mod:`.pergemeente`)."""
    affected = _affected(engine, cells)
    result: dict[str, list[CellChange]] = {}
    for partner in engine.index.partners:
        keys = affected.get(partner)
        if not keys:
            continue
        changes = []
        for key in sorted(keys, key=_cell_order):
            before = cells[key]
            after = engine.cell(key[0], key[1], frozenset({partner}))
            if _changed(before, after):
                changes.append(CellChange.between(before, after))
        engine.forget()
        if changes:
            result[partner] = changes
    return result


def change_order(change: CellChange):
    """The order of a partner's changes: by wijk code, then typology order."""
    return (change.wijk, _PROFILE_ORDER[change.profile])


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
            frag: Fragility | None = None, index: Index | None = None,
            cut_by: dict[str, list[tuple[str, str]]] | None = None) -> list[Broker]:
    """Partners whose departure cuts signallers off from providers.

    A broker is an articulation point of the (active) referral network, or
    a partner whose departure leaves cells with offers but without a route
    (cells it does not carry itself). Ordered by those cells, then
    betweenness. ``cut_by`` (:func:`partner_cuts`) gives those cells without ``frag``.
    """
    from ..graph.metrics import articulation_points, betweenness

    index = index or Index(coalition, today=today)
    if cut_by is None:
        frag = frag if frag is not None and frag.complete else fragility(coalition, today=today)
        cut_by = {pid: [(c.wijk, c.profile) for c in changes
                        if c.after_state == "unreachable" and c.before_state != "unreachable"
                        and pid not in c.before_partners]
                  for pid, changes in frag.by_partner.items()}
    g = index.referrals
    bc = betweenness(g)
    cuts = articulation_points(g)
    result = []
    for pid in index.partners:
        cut_cells = tuple(cut_by.get(pid, ()))
        if cut_cells or pid in cuts:
            result.append(Broker(pid, index.partner_name(pid), bc.get(pid, 0.0), pid in cuts,
                                 cut_cells))
    return sorted(result, key=lambda b: (-len(b.unreachable_cells), -b.betweenness, b.partner))
