"""Backups: a complete, timestamped export that ``coalition-map import`` restores exactly.

A backup folder holds the exchange files (``partners.csv``, ...) as any
export does, plus a ``history/`` folder with the store's own facts:

- ``history.csv``: every change (who, when, which record, old and new values);
- ``changesets.csv``: the grouped steps (imports and their undo);
- ``versions.csv``: every record's version and place in file order, so
  optimistic locking and undo work on the restored store exactly as before.

The history files are CSV (UTF-8, comma), text cells passed through
:func:`coalition_map.safety.neutralize_cell`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
from pathlib import Path

from .. import schema
from ..safety import neutralize_cell, restore_cell
from .history import CHANGESET_COLUMNS, HISTORY_COLUMNS, StoreError

HISTORY_DIR = "history"
HISTORY_FILE = "history.csv"
CHANGESETS_FILE = "changesets.csv"
VERSIONS_FILE = "versions.csv"
VERSION_COLUMNS = ("kind", "record_key", "version", "position")


def is_backup(folder) -> bool:
    """True when ``folder`` is a backup (has ``history/history.csv``)."""
    return (Path(folder) / HISTORY_DIR / HISTORY_FILE).is_file()


def _csv_bytes(columns, rows) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: neutralize_cell(str(v)) for k, v in row.items()})
    return out.getvalue().encode("utf-8")


def _read_csv(path: Path, columns) -> list[dict[str, str]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise StoreError(f"{path.name} kan niet gelezen worden: {exc}") from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    missing = [c for c in columns if c not in (reader.fieldnames or [])]
    if missing:
        raise StoreError(f"{path.name}: kolommen ontbreken: {', '.join(missing)}")
    return [{k: restore_cell(v or "") for k, v in row.items()} for row in reader]


def write_history(store, folder) -> Path:
    """Write ``history/`` (history, changesets, versions) of the store into ``folder``."""
    target = Path(folder) / HISTORY_DIR
    target.mkdir(parents=True, exist_ok=True)
    changes = list(reversed(store.history(limit=None)))
    changesets = list(reversed(store.changesets(limit=None)))
    versions = [{"kind": kind, "record_key": key, "version": version, "position": position}
                for (kind, key), (version, position) in store.record_states().items()]
    files = {
        HISTORY_FILE: _csv_bytes(HISTORY_COLUMNS, [c.as_row() for c in changes]),
        CHANGESETS_FILE: _csv_bytes(CHANGESET_COLUMNS, [c.as_row() for c in changesets]),
        VERSIONS_FILE: _csv_bytes(VERSION_COLUMNS, versions),
    }
    for name, data in files.items():
        tmp = target / (name + ".tmp")
        with open(tmp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target / name)
    return target


def write_backup(store, to_dir, *, now: dt.datetime | None = None) -> Path:
    """A complete export of the store in a new timestamped subfolder of ``to_dir``."""
    from ..writing import write_folder
    now = (now or dt.datetime.now(dt.timezone.utc)).astimezone(dt.timezone.utc)
    base = Path(to_dir)
    folder = base / f"coalition-map-backup-{now:%Y%m%dT%H%M%SZ}"
    n = 1
    while folder.exists():
        n += 1
        folder = base / f"coalition-map-backup-{now:%Y%m%dT%H%M%SZ}-{n}"
    coalition, plan = store.load()
    tmp = base / f".{folder.name}.tmp"
    write_folder(coalition, plan, tmp)
    write_history(store, tmp)
    os.replace(tmp, folder)
    return folder


def _int_or_none(text: str) -> int | None:
    return int(text) if text.strip() else None


def _bool(text: str) -> bool:
    return text.strip().lower() in ("ja", "true", "1")


def _json_or_none(text: str):
    return json.loads(text) if text.strip() else None


def _datetime(text: str) -> dt.datetime:
    value = dt.datetime.fromisoformat(text)
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.timezone.utc)
    return value


def read_history(folder) -> tuple[dict, list[dict], list[dict]]:
    """(versions, changeset rows, change rows) of a backup, ready for :meth:`Store.restore`."""
    src = Path(folder) / HISTORY_DIR
    try:
        versions = {(r["kind"], r["record_key"]): (int(r["version"]), int(r["position"]))
                    for r in _read_csv(src / VERSIONS_FILE, VERSION_COLUMNS)} \
            if (src / VERSIONS_FILE).is_file() else {}
        changesets = [{"id": int(r["id"]), "at": _datetime(r["at"]), "author": r["author"],
                       "kind": r["kind"], "note": r["note"], "undone": _bool(r["undone"])}
                      for r in _read_csv(src / CHANGESETS_FILE, CHANGESET_COLUMNS)] \
            if (src / CHANGESETS_FILE).is_file() else []
        changes = []
        for r in _read_csv(src / HISTORY_FILE, HISTORY_COLUMNS[:-1]):  # position: optional
            if r["kind"] not in schema.FILES:
                raise StoreError(f"{HISTORY_FILE}: onbekende soort '{r['kind']}' "
                                 f"in wijziging {r['id']}")
            old, new = _json_or_none(r["old"]), _json_or_none(r["new"])
            changes.append({
                "id": int(r["id"]), "changeset_id": _int_or_none(r["changeset_id"]),
                "at": _datetime(r["at"]), "author": r["author"], "kind": r["kind"],
                "record_key": json.dumps(json.loads(r["record_key"]), ensure_ascii=False,
                                         sort_keys=True),
                "action": r["action"],
                "old": None if old is None else json.dumps(old, ensure_ascii=False),
                "new": None if new is None else json.dumps(new, ensure_ascii=False),
                "version": int(r["version"]), "undone": _bool(r["undone"]),
                "undo_of": _int_or_none(r["undo_of"]),
                "position": _int_or_none(r.get("position") or "")})
    except (ValueError, KeyError) as exc:
        raise StoreError(f"De geschiedenis in {src} is onleesbaar: {exc}") from None
    known = {c["id"] for c in changesets}
    dangling = sorted({c["changeset_id"] for c in changes
                       if c["changeset_id"] is not None and c["changeset_id"] not in known})
    if dangling:
        raise StoreError(f"{HISTORY_FILE} verwijst naar stappen die niet in "
                         f"{CHANGESETS_FILE} staan: {', '.join(map(str, dangling))}")
    return versions, changesets, changes


def restore_backup(store, folder, coalition, plan) -> None:
    """Make the store equal to the backup in ``folder`` (records, versions, history)."""
    versions, changesets, changes = read_history(folder)
    store.restore(coalition, plan, versions=versions, changeset_rows=changesets,
                  change_rows=changes)
