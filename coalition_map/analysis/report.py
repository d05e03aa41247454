"""The whole gap analysis in one call, and its JSON form.

>>> from coalition_map.model import Coalition, Wijk, Partner, Offer
>>> c = Coalition(wijken=[Wijk("W", "Noord", inhabitants=8000, pct_severely_lonely=10)],
...     partners=[Partner("p", "Woonstad", "woningcorporatie", roles=("signaleren",))],
...     offers=[Offer("o", "p", "Huismeester helpt", "praktische_hulp", "professional",
...                   intervention_types=("praktische_problemen",))])
>>> a = analyze(c)
>>> a.cells["W", "compenseerders"].state, a.cells["W", "compenseerders"].estimated_people
('partial', 100.0)
>>> a.gaps[0].unmet >= a.gaps[-1].unmet
True
>>> sorted(to_json_dict(a))
['brokers', 'cells', 'chain', 'conflicts', 'fragility', 'gaps', 'mix', 'today']
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from collections.abc import Mapping

from ..model import Coalition
from ..states import STATE_ORDER, GapCount, count_gaps
from ..typology import PROFILES
from .wijkchain import WijkChain, chain_per_wijk
from .coverage import Cell, Conflict, Engine, conflicts
from .fragility import (Broker, Fragility, brokers, fragility, fragility_of,
                        partner_cuts)
from .index import Index, gc_paused
from .priority import Focus, Gap, ProfileMix, ranked_gaps, resolve_mix


@dataclass
class GapAnalysis:
    """Everything the gap analysis found for one coalition on one day."""

    cells: dict[tuple[str, str], Cell]
    conflicts: list[Conflict]
    chain: dict[str, WijkChain]
    fragility: Fragility | None
    brokers: list[Broker]
    gaps: list[Gap]
    mix: ProfileMix
    today: dt.date
    engine: Engine | None = None
    #: the index the analysis used (also when it ran per gemeente, without an engine)
    index: Index | None = None

    def cells_in(self, wijk_code: str) -> list[Cell]:
        """The eight cells of a wijk, in typology order."""
        return [self.cells[wijk_code, p] for p in PROFILES if (wijk_code, p) in self.cells]

    def gap_count(self, wijk_code: str | None = None) -> GapCount:
        """The one count of gaps (``states.count_gaps``), for all cells or one wijk."""
        return count_gaps(c for c in self.cells.values()
                          if wijk_code is None or c.wijk == wijk_code)

    def gaps_per_wijk(self) -> dict[str, GapCount]:
        """:meth:`gap_count` per wijk code, in the order of the cells."""
        result: dict[str, list] = {}
        for c in self.cells.values():
            result.setdefault(c.wijk, []).append(c)
        return {w: count_gaps(cells) for w, cells in result.items()}

    def counts(self) -> dict[str, int]:
        """Number of cells per state (covered/partial/uncovered/unreachable)."""
        result = {code: 0 for code in STATE_ORDER}
        for cell in self.cells.values():
            result[cell.state] += 1
        return result


def analyze(coalition: Coalition, *, mix: str | ProfileMix = "gelijk",
            custom_mix: Mapping[str, float] | None = None, today: dt.date | None = None,
            with_fragility: bool = True, focus=None,
            workers: int | None = None, by_partner: bool = True) -> GapAnalysis:
    """Coverage, conflicts, chain, fragility, brokers and ranked gaps.

    ``focus`` is the plan's choices (:class:`~coalition_map.model.PlanChoices`, or a
    :class:`~.priority.Focus`): gaps in its focus wijken rank first (:func:`ranked_gaps`).
    ``workers``: compute the matrix and fragility per gemeente in that many
    processes (:mod:`.pergemeente`; the same answers, no ``engine`` in the
    result); None: in this process, in one go. ``by_partner=False``: fragility
    without the changes per partner (``complete`` False); the brokers stay the same.
    """
    with gc_paused():
        return _analyze(coalition, mix, custom_mix, today, with_fragility, focus, workers,
                        by_partner)


def _analyze(coalition, mix, custom_mix, today, with_fragility, focus=None,
             workers=None, by_partner=True) -> GapAnalysis:
    index = Index(coalition, today=today)
    profile_mix = resolve_mix(mix, custom_mix)
    engine: Engine | None = None
    cut_by = None
    if workers is None:
        engine = Engine(index, profile_mix)
        cells = engine.matrix()
        frag = None
        if with_fragility and by_partner:
            frag = fragility(coalition, cells=cells, engine=engine)
        elif with_fragility:
            frag = fragility_of(cells, None)
            cut_by = partner_cuts(engine, cells)
    else:
        from .pergemeente import matrix_per_gemeente
        cells, per_partner = matrix_per_gemeente(index, profile_mix, workers=workers,
                                                 by_partner=with_fragility and by_partner)
        frag = None
        if with_fragility and by_partner:
            frag = fragility_of(cells, per_partner)
        elif with_fragility:
            frag = fragility_of(cells, None)
            cut_by = per_partner
    brk = brokers(coalition, frag=frag, index=index, cut_by=cut_by) if frag is not None else []
    return GapAnalysis(
        cells=cells,
        conflicts=conflicts(coalition, index=index),
        chain=chain_per_wijk(coalition, cells=cells, index=index),
        fragility=frag,
        brokers=brk,
        gaps=ranked_gaps(cells, focus if isinstance(focus, Focus) or focus is None
                         else Focus.from_choices(focus)),
        mix=profile_mix,
        today=index.today,
        engine=engine,
        index=index,
    )


def to_json_dict(analysis: GapAnalysis, *, wijk: str | None = None) -> dict:
    """Plain dicts and lists (``json.dumps``-ready); ``wijk`` limits to one wijk."""
    cells = [c for c in analysis.cells.values() if wijk is None or c.wijk == wijk]
    frag = analysis.fragility
    fragility_dict: dict = {}
    if frag is not None:
        fragility_dict = {
            "carriers": [{"wijk": w, "profile": p, "partners": n}
                         for (w, p), n in frag.carriers.items() if wijk is None or w == wijk],
            "single_carrier": [{"wijk": w, "profile": p, "partner": pid}
                               for w, p, pid in frag.single_carrier if wijk is None or w == wijk],
        }
        if frag.complete:
            fragility_dict["by_partner"] = {pid: [ch.to_dict() for ch in changes
                                                  if wijk is None or ch.wijk == wijk]
                                            for pid, changes in frag.by_partner.items()}
    return {
        "today": analysis.today.isoformat(),
        "mix": {"code": analysis.mix.code, "label": analysis.mix.label,
                "source": analysis.mix.source, "shares": analysis.mix.shares},
        "cells": [c.to_dict() for c in cells],
        "conflicts": [c.to_dict() for c in analysis.conflicts],
        "chain": {code: _chain_dict(ch) for code, ch in analysis.chain.items()
                  if wijk is None or code == wijk},
        "fragility": fragility_dict,
        "brokers": [b.to_dict() for b in analysis.brokers],
        "gaps": [asdict(g) | {"reasons": [r.to_dict() for r in g.reasons]}
                 for g in analysis.gaps if wijk is None or g.wijk == wijk],
    }


def _chain_dict(ch: WijkChain) -> dict:
    return {"roles": {k: list(v) for k, v in ch.roles.items()},
            "missing_roles": list(ch.missing_roles),
            "signaller_sectors": list(ch.signaller_sectors),
            "outreach": ch.outreach,
            "profiles": ch.profiles,
            "weak_routes": [w.to_dict() for w in ch.weak_routes]}
