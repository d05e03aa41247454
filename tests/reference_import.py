"""The import as it was written before it was batched (issue 11, part 2): record by
record, a history row per record, the changeset read back. Kept only as a reference
for ``tests/test_import_batched.py``: the batched import must write exactly this.
"""

from __future__ import annotations

from sqlalchemy import update

from coalition_map import schema
from coalition_map.store import Store, codec
from coalition_map.store.common import _utcnow
from coalition_map.store.history import ChangeSet, StoreError
from coalition_map.store.tables import TABLES


class ReferenceStore(Store):
    """A store whose imports write row by row (the code before the batching)."""

    def _replace_all(self, conn, records, *, author, note, diff=None) -> ChangeSet:
        dangling = self._dangling(records)
        if dangling:
            raise StoreError("Import geweigerd, er is niets gewijzigd: na de import zouden "
                             "deze gegevens verwijzen naar iets dat er niet meer is:\n"
                             + "\n".join(f"- {p}" for p in dangling), dangling)
        diff = diff or self._diff(conn, records)
        at = _utcnow()
        changeset_id = self._new_changeset(conn, at=at, author=author, kind="import",
                                           note=note)

        def record(kind, key, old, new, version, position):
            self._record_change(conn, at=at, author=author, kind=kind, key=key,
                                action="import", old=old, new=new, version=version,
                                changeset_id=changeset_id, position=position)

        # Removals first, referring kinds before the kinds they refer to.
        for kind in reversed(list(schema.FILES)):
            if not diff.kinds[kind].removed:
                continue
            state = self._state(conn, kind)
            for obj in diff.kinds[kind].removed:
                key = codec.key_of(kind, obj)
                version, position = state[codec.key_json(key)]
                self._delete(conn, kind, key)
                record(kind, key, codec.to_json(kind, obj), None, version, position)
        for kind in schema.FILES:
            d = diff.kinds[kind]
            state = self._state(conn, kind)
            last = self._last_versions(conn, kind) if d.new else {}
            changed = {codec.key_json(codec.key_of(kind, new)): old for old, new in d.changed}
            new_keys = {codec.key_json(codec.key_of(kind, o)) for o in d.new}
            for position, obj in enumerate(records[kind]):
                key = codec.key_of(kind, obj)
                kj = codec.key_json(key)
                if kj in new_keys:
                    version = last.get(kj, 0) + 1
                    self._insert(conn, kind, obj, version, position)
                    record(kind, key, None, codec.to_json(kind, obj), version, position)
                elif kj in changed:
                    version = state[kj][0] + 1
                    self._update(conn, kind, key, obj, version, position)
                    record(kind, key, codec.to_json(kind, changed[kj]),
                           codec.to_json(kind, obj), version, position)
                elif state[kj][1] != position:  # unchanged: only keep the file order
                    conn.execute(update(TABLES[kind]).where(self._where_key(kind, key))
                                 .values(position=position))
        return self._changeset(conn, changeset_id)
