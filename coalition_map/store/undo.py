"""The history of the store: reading changes and changesets, and undoing them.

:class:`HistoryMixin` is mixed into :class:`~coalition_map.store.core.Store`;
it uses the store's connections (``_reading``, ``_writing``) and record
helpers (``_current``, ``_insert``, ...), defined there.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select, update

from . import codec
from .common import SINGLE_KINDS, _aware, _require_author, _utcnow
from .history import Change, ChangeSet, LoadedOnUse, StoreError
from .tables import changes, changesets


class HistoryMixin:
    """History and undo of a :class:`~coalition_map.store.core.Store`."""

    # Provided by Store (core.py): connections and the low-level record writes.
    _current: Any
    _delete: Any
    _insert: Any
    _make_room: Any
    _missing_references: Any
    _new_changeset: Any
    _next_version: Any
    _reading: Any
    _record_change: Any
    _referrers: Any
    _update: Any
    _writing: Any

    @staticmethod
    def _change_from_row(row) -> Change:
        return Change(
            id=row["id"], changeset_id=row["changeset_id"], at=_aware(row["at"]),
            author=row["author"], kind=row["kind"], key=json.loads(row["record_key"]),
            action=row["action"],
            old=None if row["old"] is None else json.loads(row["old"]),
            new=None if row["new"] is None else json.loads(row["new"]),
            version=row["version"], undone=bool(row["undone"]), undo_of=row["undo_of"],
            position=row["position"])

    def _changes_for(self, conn, kind, key) -> list[Change]:
        rows = conn.execute(select(changes).where(
            changes.c.kind == kind, changes.c.record_key == codec.key_json(key))
            .order_by(changes.c.id.desc())).mappings().all()
        return [self._change_from_row(r) for r in rows]

    def history(self, kind: str | None = None, key=None, limit: int | None = 50) -> list[Change]:
        """Changes, newest first; of one kind, or of one record when ``key`` is given."""
        query = select(changes).order_by(changes.c.id.desc())
        if kind is not None:
            query = query.where(changes.c.kind == kind)
            if key is not None or kind in SINGLE_KINDS:
                query = query.where(changes.c.record_key
                                    == codec.key_json(codec.normalize_key(kind, key)))
        if limit is not None:
            query = query.limit(limit)
        with self._reading() as conn:
            return [self._change_from_row(r) for r in conn.execute(query).mappings()]

    def latest_changes(self, limit: int = 20) -> list[Change]:
        return self.history(limit=limit)

    def change(self, change_id: int) -> Change:
        with self._reading() as conn:
            row = conn.execute(select(changes).where(changes.c.id == change_id)) \
                .mappings().first()
        if row is None:
            raise StoreError(f"Wijziging {change_id} bestaat niet.")
        return self._change_from_row(row)

    #: Above this many changes, a changeset just written gives its changes on use
    #: (:class:`~coalition_map.store.history.LoadedOnUse`), not read back at once.
    READ_BACK_LIMIT = 2000

    def _changeset(self, conn, changeset_id: int, count: int | None = None) -> ChangeSet:
        """The changeset with its changes; ``count``: the number just written (above
        :data:`READ_BACK_LIMIT` they are read when first used, after the commit)."""
        row = conn.execute(select(changesets).where(changesets.c.id == changeset_id)) \
            .mappings().first()
        if row is None:
            raise StoreError(f"Stap {changeset_id} bestaat niet.")
        found: Sequence[Change]
        if count is not None and count > self.READ_BACK_LIMIT:
            found = LoadedOnUse(lambda: self.changeset(changeset_id).changes, count)
        else:
            rows = conn.execute(select(changes).where(changes.c.changeset_id == changeset_id)
                                .order_by(changes.c.id)).mappings().all()
            found = tuple(self._change_from_row(r) for r in rows)
        return ChangeSet(id=row["id"], at=_aware(row["at"]), author=row["author"],
                         kind=row["kind"], note=row["note"], undone=bool(row["undone"]),
                         changes=found)

    def changeset(self, changeset_id: int) -> ChangeSet:
        with self._reading() as conn:
            return self._changeset(conn, changeset_id)

    def changesets(self, limit: int | None = 20) -> list[ChangeSet]:
        """Imports and other grouped steps, newest first."""
        query = select(changesets.c.id).order_by(changesets.c.id.desc())
        if limit is not None:
            query = query.limit(limit)
        with self._reading() as conn:
            return [self._changeset(conn, i) for i in conn.execute(query).scalars()]

    # --- undo --------------------------------------------------------------

    def undo(self, change_id: int, *, author: str) -> Change:
        """Undo one change (restores old values; a delete restores the record).

        Refused with a Dutch message when the record changed since.
        """
        author = _require_author(author)
        with self._writing() as conn:
            return self._undo(conn, change_id, author=author, at=_utcnow())

    def _undo(self, conn, change_id, *, author, at, changeset_id=None) -> Change:
        row = conn.execute(select(changes).where(changes.c.id == change_id)).mappings().first()
        if row is None:
            raise StoreError(f"Wijziging {change_id} bestaat niet.")
        change = self._change_from_row(row)
        kind, key = change.kind, change.key
        what = codec.record_label(kind, key)
        if change.undone:
            raise StoreError(f"Wijziging {change_id} ({what}) is al ongedaan gemaakt.")
        current = self._current(conn, kind, key)
        if change.new is None:
            conflict = current is not None
        else:
            # Changed since: another version, unless it holds exactly what this
            # change left (e.g. deleted and restored in between).
            conflict = current is None or (current[1] != change.version and
                                           codec.to_json(kind, current[0]) != change.new)
        if conflict:
            later = [c for c in self._changes_for(conn, kind, key) if c.id > change.id]
            lines = [f"Wijziging {change_id} kan niet ongedaan worden gemaakt: {what} is daarna "
                     "nog gewijzigd. Maak eerst de latere wijzigingen ongedaan:"]
            lines += [f"- wijziging {c.id}: {c.describe()}" for c in later]
            raise StoreError("\n".join(lines), [c.id for c in later])
        if change.old is None:
            # undo a create: delete the record again
            referrers = self._referrers(conn, kind, key)
            if referrers:
                raise StoreError(
                    f"Wijziging {change_id} kan niet ongedaan worden gemaakt: naar {what} "
                    "wordt nu verwezen door\n" + "\n".join(f"- {r}" for r in referrers),
                    referrers)
            self._delete(conn, kind, key)
            old_json = codec.to_json(kind, current[0])
            version = current[1]
            position = current[2]
        else:
            restored = codec.from_json(kind, change.old)
            missing = self._missing_references(conn, kind, restored)
            if missing:
                raise StoreError(f"Wijziging {change_id} kan niet ongedaan worden gemaakt:\n"
                                 + "\n".join(f"- {p}" for p in missing), missing)
            if current is None:
                version = self._next_version(conn, kind, key)
                position = self._make_room(conn, kind, change.position)
                self._insert(conn, kind, restored, version, position)
                old_json = None
            else:
                version = current[1] + 1
                position = current[2]
                self._update(conn, kind, key, restored, version)
                old_json = codec.to_json(kind, current[0])
        new_id = self._record_change(conn, at=at, author=author, kind=kind, key=key,
                                     action="undo", old=old_json, new=change.old,
                                     version=version, changeset_id=changeset_id,
                                     undo_of=change.id, position=position)
        conn.execute(update(changes).where(changes.c.id == change.id).values(undone=True))
        row = conn.execute(select(changes).where(changes.c.id == new_id)).mappings().first()
        return self._change_from_row(row)

    def undo_changeset(self, changeset_id: int, *, author: str) -> ChangeSet:
        """Undo an import (or any changeset) as one step: all of it, or nothing."""
        author = _require_author(author)
        with self._writing() as conn:
            original = self._changeset(conn, changeset_id)
            if original.undone:
                raise StoreError(f"Stap {changeset_id} ({original.note}) is al ongedaan "
                                 "gemaakt.")
            at = _utcnow()
            new_id = self._new_changeset(conn, at=at, author=author, kind="undo",
                                         note=f"ongedaan maken van stap {changeset_id}: "
                                              f"{original.note}")
            for change in reversed(original.changes):
                if change.undone:
                    continue
                self._undo(conn, change.id, author=author, at=at, changeset_id=new_id)
            conn.execute(update(changesets).where(changesets.c.id == changeset_id)
                         .values(undone=True))
            return self._changeset(conn, new_id)

    # --- restore (backup) --------------------------------------------------
