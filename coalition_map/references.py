"""Which columns refer to which records: the one definition.

A ``ref`` column names one record of its ``ref`` kind (an offer's
``partner_id``); a ``wijken`` column names wijken (``alle`` means the whole
municipality and refers to nothing). Validation, the store's checks before a
delete, an undo or an import, and the single-record check all read these
functions, so that they agree on what a reference is.

>>> [(c.name, target) for c, target in reference_columns("offers")]
[('partner_id', 'partners'), ('wijken', 'wijken')]
>>> from coalition_map.model import Offer
>>> sorted(referenced(Offer("A1", "P1", "x", "ontmoeting", "vrijwilliger", wijken=("alle",)),
...                   "offers"))
[('partner_id', 'partners', 'P1')]
"""

from __future__ import annotations

import functools
from collections.abc import Iterator

from .model import ALL
from .schema import FILES, Column


def reference_columns(kind: str) -> list[tuple[Column, str]]:
    """``(column, target kind)`` for every column of ``kind`` that refers to records."""
    return list(_reference_columns(kind))


@functools.cache
def _reference_columns(kind: str) -> tuple[tuple[Column, str], ...]:
    out = []
    for c in FILES[kind].columns:
        if c.type == "ref" and c.ref:
            out.append((c, c.ref))
        elif c.type == "wijken":
            out.append((c, "wijken"))
    return tuple(out)


def targets(kind: str) -> set[str]:
    """The kinds a record of ``kind`` refers to.

    >>> sorted(targets("actions"))
    ['partners', 'wijken']
    """
    return {target for _c, target in reference_columns(kind)}


def referenced(obj, kind: str) -> Iterator[tuple[str, str, str]]:
    """``(column name, target kind, key)`` for every reference ``obj`` makes (empty left
    out, and ``alle`` in a wijken column: the whole municipality), as validation reads it."""
    for c, target in _reference_columns(kind):
        value = getattr(obj, c.name)
        for v in (value or ()) if c.multi or isinstance(value, tuple) else (value,):
            if v in (None, "") or (c.type == "wijken" and v == ALL):
                continue
            yield c.name, target, v


def refers_to(obj, kind: str, target: str, key) -> list[Column]:
    """The columns of ``obj`` (a record of ``kind``) that name record ``key`` of ``target``."""
    return [c for c, t in reference_columns(kind) if t == target
            and any(name == c.name and v == key for name, _t, v in referenced(obj, kind))]
