"""Small helpers the store's modules share: time, the author, one-row kinds."""

from __future__ import annotations

import datetime as dt

from .. import schema
from .history import StoreError

#: Kinds with one row and no key (coalition info, plan choices).
SINGLE_KINDS = tuple(k for k, fk in schema.FILES.items() if not fk.key)


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _aware(value: dt.datetime) -> dt.datetime:
    """SQLite returns naive datetimes; everything the store writes is UTC."""
    if value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _require_author(author: str | None) -> str:
    author = (author or "").strip()
    if not author:
        raise StoreError("Vul eerst je naam in: elke wijziging wordt vastgelegd met wie hem "
                         "deed.")
    return author
