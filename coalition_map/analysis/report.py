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
from ..states import STATE_ORDER
from ..typology import PROFILES
from .wijkchain import WijkChain, chain_per_wijk
from .coverage import Cell, Conflict, Engine, conflicts
from .fragility import Broker, Fragility, brokers, fragility
from .index import Index, gc_paused
from .priority import Gap, ProfileMix, ranked_gaps, resolve_mix


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

    def cells_in(self, wijk_code: str) -> list[Cell]:
        """The eight cells of a wijk, in typology order."""
        return [self.cells[wijk_code, p] for p in PROFILES if (wijk_code, p) in self.cells]

    def counts(self) -> dict[str, int]:
        """Number of cells per state (covered/partial/uncovered/unreachable)."""
        result = {code: 0 for code in STATE_ORDER}
        for cell in self.cells.values():
            result[cell.state] += 1
        return result


def analyze(coalition: Coalition, *, mix: str | ProfileMix = "gelijk",
            custom_mix: Mapping[str, float] | None = None, today: dt.date | None = None,
            with_fragility: bool = True) -> GapAnalysis:
    """Coverage, conflicts, chain, fragility, brokers and ranked gaps."""
    with gc_paused():
        return _analyze(coalition, mix, custom_mix, today, with_fragility)


def _analyze(coalition, mix, custom_mix, today, with_fragility) -> GapAnalysis:
    index = Index(coalition, today=today)
    engine = Engine(index, resolve_mix(mix, custom_mix))
    cells = engine.matrix()
    frag = fragility(coalition, cells=cells, engine=engine) if with_fragility else None
    brk = brokers(coalition, frag=frag, index=index) if frag is not None else []
    return GapAnalysis(
        cells=cells,
        conflicts=conflicts(coalition, index=index),
        chain=chain_per_wijk(coalition, cells=cells, index=index),
        fragility=frag,
        brokers=brk,
        gaps=ranked_gaps(cells),
        mix=engine.mix,
        today=index.today,
        engine=engine,
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
            "by_partner": {pid: [ch.to_dict() for ch in changes
                                 if wijk is None or ch.wijk == wijk]
                           for pid, changes in frag.by_partner.items()},
        }
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
