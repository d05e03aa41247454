"""Peilmomenten in the store: one row per snapshot, its payload as JSON text.

The payload (built and read by :mod:`coalition_map.peilmomenten`) is stored
whole and never through the record tables, so later imports, undo and
migrations of those tables leave a snapshot exactly as it was taken. A
snapshot's name is unique; a second snapshot with the same name is refused.
Updating a snapshot (only its self-assessment) checks ``expected_version``
like every other write of the store.

>>> import tempfile, pathlib
>>> from coalition_map.store import open_store
>>> store = open_store(str(pathlib.Path(tempfile.mkdtemp()) / "s.sqlite"), seed=False)
>>> save_snapshot(store, {"format_version": 1, "name": "Start"}, author="Anna")
1
>>> [s.name for s in list_snapshots(store)], load_snapshot(store, "Start")[0]["name"]
(['Start'], 'Start')
>>> save_snapshot(store, {"format_version": 1, "name": "Start"}, author="Bob")
Traceback (most recent call last):
coalition_map.store.history.StoreError: Niet opgeslagen: er is al een peilmoment met de naam 'Start'. Kies een andere naam.
>>> store.close()
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import insert, select, update

from .. import peilmomenten as pm
from .core import _require_author, _utcnow
from .history import StoreError
from .tables import snapshots

#: Longest name of a peilmoment.
MAX_NAME = 120


@dataclass(frozen=True)
class SnapshotInfo:
    """A stored snapshot without its payload."""

    name: str
    taken_at: dt.datetime
    author: str
    format_version: int
    version: int
    size: int              # bytes of the JSON payload


def clean_name(name) -> str:
    """The name as stored: trimmed; a Dutch error when empty, too long or 'nu'.

    >>> clean_name("  Start 2025 ")
    'Start 2025'
    """
    text = " ".join(str(name or "").split())
    if not text:
        raise StoreError("Niet opgeslagen: een peilmoment heeft een naam nodig.")
    if len(text) > MAX_NAME:
        raise StoreError(f"Niet opgeslagen: de naam van een peilmoment is hoogstens {MAX_NAME} "
                         f"tekens (deze heeft er {len(text)}).")
    if text.lower() == "nu":
        raise StoreError("Niet opgeslagen: 'nu' staat voor de huidige gegevens; kies een "
                         "andere naam voor het peilmoment.")
    return text


def save_snapshot(store, payload: dict, *, author: str, at: dt.datetime | None = None) -> int:
    """Store a new snapshot (``payload["name"]`` is its name); returns its version (1)."""
    author = _require_author(author)
    name = clean_name(payload.get("name"))
    payload = dict(payload, name=name)
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True)
    with store._writing() as conn:
        taken = conn.execute(select(snapshots.c.id).where(snapshots.c.name == name)).first()
        if taken is not None:
            raise StoreError(f"Niet opgeslagen: er is al een peilmoment met de naam '{name}'. "
                             "Kies een andere naam.")
        conn.execute(insert(snapshots).values(
            name=name, taken_at=at or _utcnow(), author=author,
            format_version=int(payload.get("format_version") or 0), payload=text, version=1))
    return 1


def list_snapshots(store) -> list[SnapshotInfo]:
    """All snapshots, oldest first."""
    from sqlalchemy import func
    with store._reading() as conn:
        rows = conn.execute(select(
            snapshots.c.name, snapshots.c.taken_at, snapshots.c.author,
            snapshots.c.format_version, snapshots.c.version,
            func.length(snapshots.c.payload).label("size"))
            .order_by(snapshots.c.taken_at, snapshots.c.id)).all()
    return [SnapshotInfo(r.name, r.taken_at, r.author, r.format_version, r.version,
                         int(r.size or 0)) for r in rows]


def load_snapshot(store, name: str) -> tuple[dict, int]:
    """The payload of the snapshot called ``name`` and its version; StoreError when unknown."""
    with store._reading() as conn:
        row = conn.execute(select(snapshots.c.payload, snapshots.c.version)
                           .where(snapshots.c.name == str(name).strip())).first()
    if row is None:
        known = ", ".join(s.name for s in list_snapshots(store)) or "geen"
        raise StoreError(f"Er is geen peilmoment met de naam '{name}' (wel: {known}).")
    try:
        return json.loads(row.payload), row.version
    except ValueError:
        raise StoreError(f"Het peilmoment '{name}' is beschadigd: de opgeslagen gegevens "
                         "zijn geen geldige JSON.") from None


def update_snapshot(store, name: str, changes: dict, *, author: str,
                    expected_version: int) -> int:
    """Replace top-level entries of a snapshot's payload (``changes``); returns the new version.

    Only for what a snapshot records beside the coalition (the self-assessment);
    refused when the snapshot changed since ``expected_version``.
    """
    _require_author(author)
    if expected_version is None:
        raise StoreError("Niet opgeslagen: de versie waarvan het formulier uitging ontbreekt.")
    forbidden = {"format", "format_version", "name", "data", "analysis"} & set(changes)
    if forbidden:
        raise StoreError("Niet opgeslagen: de gegevens en de analyse van een peilmoment "
                         "veranderen niet.")
    with store._writing() as conn:
        row = conn.execute(select(snapshots.c.payload, snapshots.c.version)
                           .where(snapshots.c.name == name)).first()
        if row is None:
            raise StoreError(f"Niet opgeslagen: het peilmoment '{name}' bestaat niet (meer).")
        if row.version != expected_version:
            raise StoreError(f"Niet opgeslagen: het peilmoment '{name}' is intussen gewijzigd. "
                             "Je wijziging is niet opgeslagen en er is niets overschreven. "
                             "Laad de gegevens opnieuw.")
        payload = json.loads(row.payload)
        payload.update(changes)
        conn.execute(update(snapshots).where(snapshots.c.name == name).values(
            payload=json.dumps(payload, ensure_ascii=False, sort_keys=True),
            version=row.version + 1))
    return row.version + 1


# --- peilmomenten of a store (coalition_map.peilmomenten builds and reads them) -------------------------------------------------------------------


def live(store, *, today: dt.date | None = None) -> dict:
    """The payload of the live data ("nu"), not stored."""
    coalition, plan = store.load()
    return pm.build(coalition, plan, name=pm.LIVE, today=today)


def take_snapshot(store, name: str, *, author: str, today: dt.date | None = None) -> dict:
    """Store a peilmoment of the live data under ``name`` (the coordinator's button, the CLI)."""
    name = clean_name(name)
    payload = pm.build(*store.load(), name=name, today=today, author=author)
    save_snapshot(store, payload, author=author)
    return payload


def action_created(store) -> dict:
    """When each action (id) was made: its latest creation in the store's history (UTC)."""
    created = {}
    for change in reversed(store.history("actions", limit=None)):
        if change.effect == "create" and not change.undone:
            created[change.key.get("id")] = change.at
    return created


def stored(store) -> list:
    """The stored peilmomenten without their payload (name, date, author, size), oldest
    first: :class:`coalition_map.store.snapshots.SnapshotInfo`."""
    return list_snapshots(store)


def load_all(store) -> list[pm.Peilmoment]:
    """Every stored peilmoment, oldest first (unreadable ones left out)."""
    out = []
    for info in list_snapshots(store):
        try:
            out.append(pm.read(load_snapshot(store, info.name)[0]))
        except pm.SnapshotFormatError:
            continue
    return out


def seed_snapshots(store, folder) -> int:
    """Store the peilmomenten shipped with a data folder (``peilmomenten/*.json``), as
    they were taken; for the first fill of a new store. Returns how many."""
    from pathlib import Path

    count = 0
    for path in sorted(Path(folder, "peilmomenten").glob("*.json")):
        payload = json.loads(path.read_text(encoding="utf-8"))
        pm.read(payload)        # refuse what this code cannot read
        taken = dt.datetime.fromisoformat(payload["taken_at"])
        save_snapshot(store, payload, author=payload.get("author") or "voorbeelddata",
                      at=taken)
        count += 1
    return count


def load(store, name: str, *, today: dt.date | None = None) -> pm.Peilmoment:
    """The peilmoment called ``name``, or the live data for "nu"."""
    if str(name).strip().lower() == pm.LIVE:
        return pm.read(live(store, today=today))
    payload, _version = load_snapshot(store, name)
    return pm.read(payload)
