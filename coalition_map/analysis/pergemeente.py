"""The coverage matrix and fragility per gemeente, on every core (issue 11).

A cell depends only on its own wijk: the offers of the wijk's scopes (named
in the wijk, or municipality-wide in its municipality), the partners present
there, and the referral routes *between* those partners and the providers of
those offers (the reach search never leaves that set, whatever municipality
a partner belongs to; a route to a regional partner elsewhere counts when that
partner offers something here). A partner's departure likewise only changes
cells it carries, lies on the route of or gives the only vangnet in
(:func:`~.fragility.partner_changes`). So the matrix and the changes per
partner can be computed per gemeente on their own, against the one shared
:class:`~.index.Index`, and merged:

* cells: in index order (wijk by wijk, profiles in typology order);
* per partner: the changes of every gemeente, in cell order
  (:func:`~.fragility.change_order`); every partner present, as before.

The work runs in a :class:`concurrent.futures.ProcessPoolExecutor` with
``fork``: the workers inherit the index (nothing is pickled on the way in)
and send back cells and changes. Units of work are whole gemeenten, grouped
into a few chunks per worker of about equal numbers of wijken. Where ``fork``
is missing (Windows, or macOS by choice) the same functions run in one
process. ``tests/test_pergemeente.py`` checks that both give the same JSON.

On a cluster the unit of work is the same: broadcast the coalition (or the
index), map over gemeenten, merge as above (docs/benchmarks.md).
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor

from ..typology import PROFILES
from .coverage import Cell, Engine
from .fragility import change_order, partner_changes, partner_cuts
from .fragility import _cell_order as cell_order
from .index import Index
from .priority import ProfileMix

#: Chunks per worker: enough to even out gemeenten of different sizes.
CHUNKS_PER_WORKER = 4

_shared: dict = {}


def gemeenten(index: Index) -> list[list[str]]:
    """Wijk codes per municipality, municipalities in order of their first wijk."""
    groups: dict[str, list[str]] = {}
    for code in index.wijken:
        groups.setdefault(index.av.wijk_municipality[code], []).append(code)
    return list(groups.values())


def chunks(groups: list[list[str]], n: int) -> list[list[str]]:
    """Whole gemeenten into at most ``n`` chunks of about equal numbers of wijken
    (largest first onto the lightest chunk); wijken keep their index order.

    >>> chunks([["a", "b", "c"], ["d"], ["e", "f"]], 2)
    [['a', 'b', 'c'], ['d', 'e', 'f']]
    """
    n = max(1, min(n, len(groups)))
    order = {code: i for i, group in enumerate(groups) for code in group}
    bins: list[list[str]] = [[] for _ in range(n)]
    for group in sorted(groups, key=len, reverse=True):
        min(bins, key=len).extend(group)
    return [sorted(b, key=order.__getitem__) for b in bins if b]


def cells_and_changes(index: Index, mix: ProfileMix, wijken, by_partner: bool = True):
    """The cells of these wijken and, per partner, either the changes among them
    (``by_partner``) or only the cells it cuts off (:func:`~.fragility.partner_cuts`)."""
    engine = Engine(index, mix, wijken)
    cells = engine.matrix()
    if by_partner:
        return cells, partner_changes(engine, cells)
    return cells, partner_cuts(engine, cells)


def _work(i: int):
    return cells_and_changes(_shared["index"], _shared["mix"], _shared["parts"][i],
                             _shared["by_partner"])


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def workers_default() -> int:
    return os.cpu_count() or 1


def matrix_per_gemeente(index: Index, mix: ProfileMix, *, workers: int | None = None,
                        by_partner: bool = True):
    """(cells, per partner) as :class:`~.coverage.Engine` and
    :func:`~.fragility.partner_changes` (``by_partner``) or
    :func:`~.fragility.partner_cuts` give them for all wijken at once, computed per
    gemeente in ``workers`` processes (default: every core). The second holds
    every partner of the index, in index order, each list in cell order."""
    workers = workers or workers_default()
    parts = chunks(gemeenten(index), workers * CHUNKS_PER_WORKER)
    if workers > 1 and len(parts) > 1 and can_fork():
        _shared.update(index=index, mix=mix, parts=parts, by_partner=by_partner)
        try:
            with ProcessPoolExecutor(max_workers=min(workers, len(parts)),
                                     mp_context=multiprocessing.get_context("fork")) as pool:
                results = list(pool.map(_work, range(len(parts))))
        finally:
            _shared.clear()
    else:
        results = [cells_and_changes(index, mix, part, by_partner) for part in parts]
    found: dict[tuple[str, str], Cell] = {}
    merged: dict[str, list] = {}
    for part_cells, per_partner in results:
        found.update(part_cells)
        for pid, items in per_partner.items():
            merged.setdefault(pid, []).extend(items)
    cells = {(w, p): found[w, p] for w in index.wijken for p in PROFILES}
    order = change_order if by_partner else cell_order
    return cells, {pid: sorted(merged[pid], key=order) if pid in merged else []
                   for pid in index.partners}
