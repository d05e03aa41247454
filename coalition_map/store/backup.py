"""Backups: a complete, timestamped export that ``coalition-map import`` restores exactly.

A backup folder holds the exchange files (``partners.csv``, ...) as any
export does, plus a ``history/`` folder with the store's own facts:

- ``history.csv``: every change (who, when, which record, old and new values);
- ``changesets.csv``: the grouped steps (imports and their undo);
- ``versions.csv``: every record's version and place in file order, so
  optimistic locking and undo work on the restored store exactly as before;
- ``peilmomenten.json`` and ``vergaderweergaven.json``: the stored
  peilmomenten (snapshots, with the self-assessments) and the saved meeting
  views, row for row, so a coalition that moves to another server keeps its
  measurements over time and its prepared meeting. A backup made before
  these files existed leaves the peilmomenten and views of the store as
  they are. The role table is never in a backup (a restore must not give
  anyone a role; see docs/login.md).

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
from ..limits import INT_MAX, INT_MIN, shorten
from ..safety import neutralize_cell, remove_control_chars, restore_cell
from .history import CHANGESET_COLUMNS, HISTORY_COLUMNS, StoreError
from .tables import meeting_views, snapshots

HISTORY_DIR = "history"
HISTORY_FILE = "history.csv"
CHANGESETS_FILE = "changesets.csv"
VERSIONS_FILE = "versions.csv"
VERSION_COLUMNS = ("kind", "record_key", "version", "position")

#: The store's own tables outside the exchange format that a backup carries (file → table).
SIDE_FILES = {"peilmomenten.json": snapshots, "vergaderweergaven.json": meeting_views}


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


#: A backup's history files may be far larger than a data file (every change
#: with its old and new values); still bounded.
MAX_HISTORY_BYTES = 2 * 1024 * 1024 * 1024


def _read_csv(path: Path, columns) -> list[dict[str, str]]:
    try:
        if path.stat().st_size > MAX_HISTORY_BYTES:
            raise StoreError(f"{path.name} is groter dan {MAX_HISTORY_BYTES // 1024 ** 3} GB; "
                             "dat is de grens voor de geschiedenis in een back-up")
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise StoreError(f"{path.name} kan niet gelezen worden: {exc}") from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    missing = [c for c in columns if c not in (reader.fieldnames or [])]
    if missing:
        raise StoreError(f"{path.name}: kolommen ontbreken: {', '.join(missing)}")
    try:
        return [{k: remove_control_chars(restore_cell(v or ""))[0] for k, v in row.items()
                 if isinstance(k, str)} for row in reader]
    except csv.Error as exc:
        raise StoreError(f"{path.name}, regel {reader.line_num}: geen leesbare CSV ({exc})") \
            from None


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
    for name, table in SIDE_FILES.items():
        files[name] = _side_json(store, table)
    for name, data in files.items():
        tmp = target / (name + ".tmp")
        with open(tmp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target / name)
    return target


def _side_json(store, table) -> bytes:
    """The rows of ``table`` as JSON (dates ISO 8601, text exactly as stored)."""
    from sqlalchemy import select
    with store.engine.connect() as conn:
        rows = conn.execute(select(table).order_by(*table.primary_key.columns)).mappings().all()
    out = [{k: (v.isoformat() if isinstance(v, dt.datetime) else v) for k, v in row.items()}
           for row in rows]
    return json.dumps(out, ensure_ascii=False, indent=1).encode("utf-8")


def read_side_tables(folder) -> dict:
    """table → rows of the backup's ``peilmomenten.json`` / ``vergaderweergaven.json``
    (only the files that are there), checked as the database would check them, with a
    Dutch :class:`StoreError` naming the file, row and field."""
    src = Path(folder) / HISTORY_DIR
    result = {}
    for name, table in SIDE_FILES.items():
        path = src / name
        if not path.is_file():
            continue
        try:
            if path.stat().st_size > MAX_HISTORY_BYTES:
                raise StoreError(f"{name} is groter dan {MAX_HISTORY_BYTES // 1024 ** 3} GB")
            data = json.loads(path.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
            raise StoreError(f"{name} kan niet gelezen worden: {shorten(str(exc), 200)}") \
                from None
        if not isinstance(data, list):
            raise StoreError(f"{name}: geen lijst van rijen; de back-up is beschadigd.")
        rows = [_side_row(name, table, i, item) for i, item in enumerate(data, start=1)]
        key = [c.name for c in table.primary_key.columns] + (
            ["name"] if "name" in table.c and "name" not in table.primary_key.columns else [])
        for column in key:
            _unique([r[column] for r in rows], column, name)
        result[table] = rows
    return result


def _side_row(file: str, table, number: int, item) -> dict:
    from sqlalchemy import DateTime, Integer
    if not isinstance(item, dict):
        raise StoreError(f"{file}, rij {number}: geen object; de back-up is beschadigd.")
    row = {}
    for column in table.columns:
        value = item.get(column.name)
        where = f"{file}, rij {number}, veld '{column.name}'"
        if value is None:
            raise StoreError(f"{where}: ontbreekt; de back-up is beschadigd.")
        try:
            if isinstance(column.type, Integer):
                if isinstance(value, bool) or not isinstance(value, int):
                    raise ValueError(f"geen geheel getal: {shorten(str(value))}")
                value = _int(str(value))
            elif isinstance(column.type, DateTime):
                value = _datetime(str(value))
            else:
                if not isinstance(value, str):
                    raise ValueError("geen tekst")
                value = remove_control_chars(value)[0]
        except ValueError as exc:
            raise StoreError(f"{where}: {exc}") from None
        row[column.name] = value
    return row


def write_backup(store, to_dir, *, now: dt.datetime | None = None) -> Path:
    """A complete export of the store in a new timestamped subfolder of ``to_dir``."""
    from ..writing import write_folder
    now = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
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


def _int(text: str) -> int:
    value = int(text)
    if not INT_MIN <= value <= INT_MAX:
        raise ValueError(f"getal {shorten(text)} buiten het bereik van de database")
    return value


def _int_or_none(text: str) -> int | None:
    return _int(text) if text.strip() else None


def _bool(text: str) -> bool:
    return text.strip().lower() in ("ja", "true", "1")


def _json_or_none(text: str):
    value = json.loads(text) if text.strip() else None
    if value is not None and not isinstance(value, dict):
        raise ValueError(f"geen JSON-object: {shorten(text)}")
    return value


def _datetime(text: str) -> dt.datetime:
    value = dt.datetime.fromisoformat(text)
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value


def _unique(ids: list, what: str, file: str) -> None:
    seen, doubles = set(), []
    for i in ids:
        if i in seen:
            doubles.append(i)
        seen.add(i)
    if doubles:
        shown = ", ".join(map(str, sorted(set(doubles))[:10]))
        raise StoreError(f"{file}: {what} {shown} {'komt' if len(doubles) == 1 else 'komen'} "
                         "meer dan eens voor; de back-up is beschadigd. Er is niets gewijzigd.")


def read_history(folder) -> tuple[dict, list[dict], list[dict]]:
    """(versions, changeset rows, change rows) of a backup, ready for :meth:`Store.restore`.

    Everything the database would refuse is refused here first, with a Dutch
    :class:`StoreError` (so ``validate`` says so before ``import`` tries):
    numbers outside the database's range, ids that occur twice, references
    to steps or changes that are not in the backup, keys that are not JSON
    objects. Control characters are removed, as on import.
    """
    src = Path(folder) / HISTORY_DIR
    try:
        versions = {(r["kind"], r["record_key"]): (_int(r["version"]), _int(r["position"]))
                    for r in _read_csv(src / VERSIONS_FILE, VERSION_COLUMNS)} \
            if (src / VERSIONS_FILE).is_file() else {}
        changesets = [{"id": _int(r["id"]), "at": _datetime(r["at"]), "author": r["author"],
                       "kind": r["kind"], "note": r["note"], "undone": _bool(r["undone"])}
                      for r in _read_csv(src / CHANGESETS_FILE, CHANGESET_COLUMNS)] \
            if (src / CHANGESETS_FILE).is_file() else []
        changes: list[dict] = []
        for r in _read_csv(src / HISTORY_FILE, HISTORY_COLUMNS[:-1]):  # position: optional
            if r["kind"] not in schema.FILES:
                raise StoreError(f"{HISTORY_FILE}: onbekende soort '{shorten(r['kind'])}' "
                                 f"in wijziging {shorten(r['id'])}")
            old, new = _json_or_none(r["old"]), _json_or_none(r["new"])
            key = json.loads(r["record_key"])
            if not isinstance(key, dict):
                raise ValueError(f"sleutel is geen JSON-object: {shorten(r['record_key'])}")
            changes.append({
                "id": _int(r["id"]), "changeset_id": _int_or_none(r["changeset_id"]),
                "at": _datetime(r["at"]), "author": r["author"], "kind": r["kind"],
                "record_key": json.dumps(key, ensure_ascii=False, sort_keys=True),
                "action": r["action"],
                "old": None if old is None else json.dumps(old, ensure_ascii=False),
                "new": None if new is None else json.dumps(new, ensure_ascii=False),
                "version": _int(r["version"]), "undone": _bool(r["undone"]),
                "undo_of": _int_or_none(r["undo_of"]),
                "position": _int_or_none(r.get("position") or "")})
    except (ValueError, KeyError, TypeError, OverflowError, RecursionError) as exc:
        raise StoreError(f"De geschiedenis in {src} is onleesbaar: {shorten(str(exc), 200)}") \
            from None
    _unique([c["id"] for c in changesets], "stap", CHANGESETS_FILE)
    _unique([c["id"] for c in changes], "wijziging", HISTORY_FILE)
    _present(changes, "changeset_id", {c["id"] for c in changesets},
             f"{HISTORY_FILE} verwijst naar stappen die niet in {CHANGESETS_FILE} staan")
    _present(changes, "undo_of", {c["id"] for c in changes},
             f"{HISTORY_FILE}: wijzigingen maken wijzigingen ongedaan die niet in de back-up "
             "staan")
    return versions, changesets, changes


def _present(rows: list[dict], field: str, known: set, message: str) -> None:
    """StoreError ``message`` naming the values of ``field`` that are not in ``known``."""
    missing = sorted({r[field] for r in rows if r[field] is not None and r[field] not in known})
    if missing:
        raise StoreError(f"{message}: {', '.join(map(str, missing[:10]))}")


def history_problems(folder) -> list[str]:
    """Dutch problems with a backup's history (empty: it can be restored)."""
    try:
        read_history(folder)
        read_side_tables(folder)
    except StoreError as exc:
        return [str(exc)]
    return []


def restore_backup(store, folder, coalition, plan) -> None:
    """Make the store equal to the backup in ``folder`` (records, versions, history)."""
    versions, changesets, changes = read_history(folder)
    store.restore(coalition, plan, versions=versions, changeset_rows=changesets,
                  change_rows=changes, side_rows=read_side_tables(folder))
