"""A compact, readable summary of what the gap analysis answers (for equality tests).

Used by ``test_answers_frozen.py``: the summary of today's answers on
city-scale data in coordinators' spelling (``benchmarks/coordinators.py``)
is committed in ``tests/fixtures/answers_frozen.json``; speed work must not
change it. Regenerate only when a rule changes on purpose:

    python -m tests.answers --write
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "answers_frozen.json"
TODAY = dt.date(2026, 6, 1)

#: (name, scale, seed): the data sets the fixture holds answers for. "towns" has
#: several municipalities with partners and referrals across them.
DATASETS = (("city", "city", 7), ("city-b", "city", 11), ("towns", "towns", 5),
            ("sparse", "sparse", 3))
_SMALL = {"towns": (4, 30, 160, 700, 400), "sparse": (3, 24, 45, 70, 40)}


def _digest(value) -> str:
    return hashlib.sha1(json.dumps(value, ensure_ascii=False, sort_keys=True)
                        .encode()).hexdigest()[:12]


def load(name: str, folder: Path):
    """The coalition of data set ``name``, written into ``folder`` and read back."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from benchmarks.coordinators import SCALES, Scale, write_coalition
    from coalition_map.loading import load_folder
    _, scale, seed = next(d for d in DATASETS if d[0] == name)
    sc = SCALES.get(scale) or Scale(scale, *_SMALL[scale])
    write_coalition(sc, folder, seed=seed)
    result = load_folder(folder)
    assert result.ok, [str(p) for p in result.errors[:3]]
    return result.coalition


def summarize(coalition, analysis, suggestions) -> dict:
    """Cell states, reason kinds (and a digest of their texts), routes, offers, partners,
    fragility, brokers, chain, conflicts, ranked gaps and suggestions."""
    cells = {}
    for (w, p), c in sorted(analysis.cells.items()):
        cells[f"{w}|{p}"] = [
            c.state, c.reach, [r.kind for r in c.reasons], list(c.route),
            list(c.offers), list(c.limited_offers), list(c.partners), list(c.missing_types),
            list(c.vangnet), round(c.estimated_people, 3),
            _digest([r.to_dict() for r in c.reasons]), _digest(c.to_dict())]
    frag = analysis.fragility
    return {
        "cells": cells,
        "fragility": {
            "single_carrier": [list(x) for x in frag.single_carrier],
            "carriers_digest": _digest(sorted(f"{w}|{p}|{n}" for (w, p), n
                                              in frag.carriers.items())),
            "by_partner": {pid: [f"{ch.wijk}|{ch.profile}|{ch.before_state}>{ch.after_state}"
                                 for ch in changes]
                           for pid, changes in sorted(frag.by_partner.items()) if changes},
            "by_partner_digest": _digest({pid: [ch.to_dict() for ch in changes]
                                          for pid, changes in frag.by_partner.items()}),
        },
        "brokers": [[b.partner, b.articulation, round(b.betweenness, 6),
                     [list(k) for k in b.unreachable_cells]] for b in analysis.brokers],
        "chain": {w: {"roles": {k: list(v) for k, v in ch.roles.items()},
                      "missing": list(ch.missing_roles),
                      "weak_routes": _digest([r.to_dict() for r in ch.weak_routes])}
                  for w, ch in sorted(analysis.chain.items())},
        "conflicts": _digest([c.to_dict() for c in analysis.conflicts]),
        "gaps": [[g.wijk, g.profile, round(g.unmet, 3)] for g in analysis.gaps],
        "suggestions": _digest([s.to_dict() for s in suggestions]),
    }


def answers(name: str, folder: Path, **analyze_kw) -> dict:
    from coalition_map.analysis import analyze
    from coalition_map.analysis.suggestions import suggestions
    coalition = load(name, folder)
    analysis = analyze(coalition, today=TODAY, **analyze_kw)
    sugg = suggestions(coalition, cells=analysis.cells, index=analysis.engine.index)
    return summarize(coalition, analysis, sugg)


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    result = {}
    for name, _scale, _seed in DATASETS:
        with tempfile.TemporaryDirectory() as tmp:
            result[name] = answers(name, Path(tmp))
    if "--write" in argv:
        FIXTURE.write_text(json.dumps(result, ensure_ascii=False, separators=(",", ":"),
                                      sort_keys=True) + "\n")
        print(f"{FIXTURE}: {FIXTURE.stat().st_size} bytes")
    else:
        print(json.dumps(result, ensure_ascii=False)[:2000])
    return 0


if __name__ == "__main__":
    sys.exit(main())
