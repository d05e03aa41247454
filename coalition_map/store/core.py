"""The store: the live data in SQLite or PostgreSQL through one SQLAlchemy code path.

Every write runs in one transaction that first bumps the data version in
``store_meta``; that row update also serialises writers (a row lock on
PostgreSQL, ``BEGIN IMMEDIATE`` on SQLite), so the read-check-write inside a
write is safe. Every record write is recorded in ``changes`` with author,
old and new values and the record's version after the change.
"""

from __future__ import annotations

import json
import operator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from collections.abc import Iterator

from sqlalchemy import and_, bindparam, create_engine, delete, event, func, insert, select, update
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import SQLAlchemyError

from .. import model, references, schema
from . import codec
from .history import (RELOAD_HINT, Change, ChangeSet, ImportDiff, KindDiff,
                      StaleImportError, StaleRecordError, StoreError, column_defaults,
                      field_changes, is_empty_value)
from ..writing import objects_of
from .tables import TABLES, changes, changesets, store_meta
from .common import SINGLE_KINDS, _cap, _require_author, _utcnow
from .undo import HistoryMixin
from .validate import record_problems

#: Author used when the store fills itself from the bundled data.
SYSTEM_AUTHOR = "coalition-map"

#: Kinds holding exactly one record (their schema key is empty).

#: The kinds :meth:`Store.deactivate` applies to (models with an ``active`` flag).
DEACTIVATABLE = tuple(k for k, fk in schema.FILES.items()
                      if any(c.name == "active" for c in fk.columns))


#: Prepared statements (built once: building one per row costs more than running it).
_INSERTS = {kind: insert(table) for kind, table in TABLES.items()}
_CHANGE_INSERT = insert(changes)


def _key_where(kind: str):
    """WHERE clause on a record's key, with bound parameters ``k_<column>``."""
    table = TABLES[kind]
    key = schema.FILES[kind].key
    if not key:
        return table.c.row_id == bindparam("k_row_id")
    return and_(*(table.c[k] == bindparam("k_" + k) for k in key))


def _key_params(kind: str, key: dict) -> dict:
    return {"k_" + k: v for k, v in key.items()} if key else {"k_row_id": 1}


_UPDATES = {kind: update(table).where(_key_where(kind)) for kind, table in TABLES.items()}
_DELETES = {kind: delete(table).where(_key_where(kind)) for kind, table in TABLES.items()}
_SELECTS = {kind: select(table).where(_key_where(kind)) for kind, table in TABLES.items()}
_MOVES = {kind: update(table).where(_key_where(kind)).values(position=bindparam("new_position"))
          for kind, table in TABLES.items()}




#: (statement, dialect, parameter names) → (SQL text, its parameter names (in order),
#: positional?, {name: bind processor}), see :func:`_executemany`.
_COMPILED: dict[tuple, tuple[str, tuple[str, ...], bool, dict]] = {}


def _executemany(conn: Connection, stmt, rows: list[dict]) -> None:
    """Run ``stmt`` once per row (all rows with the same keys) in one DBAPI executemany.

    What ``conn.execute(stmt, rows)`` does, without SQLAlchemy's per-row parameter
    handling (at national scale it cost more than the database): the statement is
    compiled once for these keys, and only the columns whose type converts values
    for this database (dates and times on SQLite, booleans) go through their type's
    bind processor, as SQLAlchemy would do.
    """
    if not rows:
        return
    keys = tuple(rows[0])
    dialect = conn.dialect
    cache_key = (stmt, dialect.name, dialect.paramstyle, keys)
    entry = _COMPILED.get(cache_key)
    if entry is None:
        compiled = stmt.compile(dialect=dialect, column_keys=list(keys), for_executemany=True)
        names = tuple(compiled.positiontup) if compiled.positional else tuple(compiled.binds)
        processors = {}
        for name in names:
            bind_type = compiled.binds[name].type
            process = bind_type.dialect_impl(dialect).bind_processor(dialect)
            if process is not None:
                processors[name] = process
        entry = (compiled.string, names, bool(compiled.positional), processors)
        _COMPILED[cache_key] = entry
    sql, names, positional, processors = entry
    # Column by column (map and zip run in C), converting where the type says so;
    # a column holding one value throughout (the time of an import) converts once.
    columns = []
    for name in names:
        column = list(map(operator.itemgetter(name), rows))
        process = processors.get(name)
        if process is not None:
            if len(set(map(id, column))) == 1:
                column = [process(column[0])] * len(column)
            else:
                column = list(map(process, column))
        columns.append(column)
    params: list = list(zip(*columns))
    if not positional:
        params = [dict(zip(names, values)) for values in params]
    conn.exec_driver_sql(sql, params)


def _set_wal(cursor, attempts: int = 200) -> None:
    """Switch a SQLite file to write-ahead logging.

    Changing the journal mode needs a moment alone with the file, and SQLite
    does not always wait for it (the busy timeout is skipped while another
    connection is creating the database), so retry for up to ~10 seconds.
    """
    import sqlite3
    import time
    for attempt in range(attempts):
        try:
            cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or attempt == attempts - 1:
                raise
            time.sleep(0.05)


def make_engine(url: str) -> Engine:
    """An engine for a SQLAlchemy URL; ``postgresql://`` uses psycopg 3.

    A SQLite URI (``sqlite:///file:...?mode=ro&uri=true``, how a read-only
    store is opened) gets no write-ahead log and no folder is made for it.
    A PostgreSQL server gets :data:`~coalition_map.store.opening.CONNECT_TIMEOUT`
    seconds to answer unless the URL sets ``connect_timeout``.
    """
    u = make_url(url)
    if u.drivername in ("postgresql", "postgres"):
        u = u.set(drivername="postgresql+psycopg")
    if u.get_backend_name() == "sqlite":
        database = u.database or ""
        uri = database.startswith("file:")
        database_file = bool(database) and database != ":memory:" and not uri
        if database_file:
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(u, connect_args={"timeout": 30})

        @event.listens_for(engine, "connect")
        def _connect(dbapi_connection, _record):
            # Let SQLAlchemy emit BEGIN itself (below); wait for a lock instead
            # of failing; write-ahead log so readers and a writer do not block
            # each other.
            dbapi_connection.isolation_level = None
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA busy_timeout = 30000")
            if database_file:
                _set_wal(cursor)
            cursor.close()

        @event.listens_for(engine, "begin")
        def _begin(conn):
            # A write takes the write lock at once, so two writers queue up
            # instead of failing on a lock upgrade.
            immediate = conn.get_execution_options().get("coalition_write")
            conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

        return engine
    connect_args = {}
    if u.get_backend_name() == "postgresql" and "connect_timeout" not in u.query:
        from .opening import CONNECT_TIMEOUT
        connect_args["connect_timeout"] = CONNECT_TIMEOUT
    return create_engine(u, pool_pre_ping=True, connect_args=connect_args)




class Store(HistoryMixin):
    """The coalition's live data. Use :func:`coalition_map.store.open_store` to get one."""

    def __init__(self, engine: Engine, url: str | None = None, *, read_only: bool = False):
        self.engine = engine
        #: The URL the store was opened with (may hold a password: do not show it).
        self.url = url or engine.url.render_as_string(hide_password=False)
        #: True when the database may only be read (a SQLite file without write rights).
        self.read_only = read_only

    @property
    def display_url(self) -> str:
        """The URL without its password, for messages."""
        try:
            return make_url(self.url).render_as_string(hide_password=True)
        except Exception:  # noqa: BLE001
            from ..paths import mask_secrets
            return mask_secrets(self.url)

    def _database_error(self, exc: Exception) -> StoreError:
        from .opening import describe
        return StoreError(describe(exc, self.display_url))

    def __repr__(self) -> str:
        return f"Store({self.engine.url.render_as_string(hide_password=True)!r})"

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()

    # --- transactions ------------------------------------------------------

    @contextmanager
    def _reading(self) -> Iterator[Connection]:
        """A read transaction that sees one snapshot (REPEATABLE READ on PostgreSQL;
        SQLite's read transaction is a snapshot already).

        A database error (the server went away, a damaged file) becomes a
        :class:`StoreError` with a Dutch message.
        """
        try:
            with self.engine.connect() as conn:
                if self.dialect == "postgresql":
                    conn.execution_options(isolation_level="REPEATABLE READ")
                with conn.begin():
                    yield conn
        except SQLAlchemyError as exc:
            raise self._database_error(exc) from None

    @contextmanager
    def _writing(self) -> Iterator[Connection]:
        """One write transaction; bumps the data version first (and so locks writers).

        Refused at once on a read-only store. A database error anywhere in the
        transaction (it is rolled back: nothing is written) becomes a
        :class:`StoreError` with a Dutch message.
        """
        if self.read_only:
            raise StoreError(f"Niet opgeslagen: de database {self.display_url} is "
                             "alleen-lezen (geen schrijfrechten). Er is niets gewijzigd.")
        try:
            with self.engine.connect() as conn:
                conn.execution_options(coalition_write=True)
                with conn.begin():
                    result = conn.execute(update(store_meta).where(store_meta.c.id == 1)
                                          .values(data_version=store_meta.c.data_version + 1))
                    if result.rowcount == 0:
                        conn.execute(insert(store_meta).values(id=1, data_version=1))
                    yield conn
        except SQLAlchemyError as exc:
            error = self._database_error(exc)
            raise StoreError("Er is niets gewijzigd. " + error.message) from None

    # --- reading -----------------------------------------------------------

    def data_version(self) -> int:
        """A number that grows with every write (for cache invalidation)."""
        with self._reading() as conn:
            value = conn.execute(select(store_meta.c.data_version)
                                 .where(store_meta.c.id == 1)).scalar()
        return int(value or 0)

    def is_empty(self) -> bool:
        """True when no table holds a record."""
        with self._reading() as conn:
            return self._count_records(conn) == 0

    def has_history(self) -> bool:
        with self._reading() as conn:
            return bool(conn.execute(select(func.count()).select_from(changes)).scalar()
                        or conn.execute(select(func.count()).select_from(changesets)).scalar())

    def _count_records(self, conn) -> int:
        return sum(conn.execute(select(func.count()).select_from(t)).scalar() or 0
                   for t in TABLES.values())

    def _rows(self, conn, kind: str):
        table = TABLES[kind]
        return conn.execute(select(table).order_by(table.c.position, *table.primary_key.columns)
                            ).mappings().all()

    def _objects(self, conn, kind: str) -> list:
        return [codec.from_row(kind, row) for row in self._rows(conn, kind)]

    def records(self, kind: str) -> list[tuple[Any, int]]:
        """All records of a kind in file order, each with its version."""
        with self._reading() as conn:
            return [(codec.from_row(kind, r), r["version"]) for r in self._rows(conn, kind)]

    def load_coalition(self) -> model.Coalition:
        with self._reading() as conn:
            return self._coalition(conn)

    def _coalition(self, conn) -> model.Coalition:
        info = self._objects(conn, "coalition")
        return model.Coalition(
            info=info[0] if info else model.CoalitionInfo(),
            wijken=self._objects(conn, "wijken"),
            partners=self._objects(conn, "partners"),
            offers=self._objects(conn, "offers"),
            referrals=self._objects(conn, "referrals"),
            relationships=self._objects(conn, "relationships"),
            boundaries=self._objects(conn, "boundaries"))

    def load_plan(self) -> model.Plan:
        with self._reading() as conn:
            return self._plan(conn)

    def _plan(self, conn) -> model.Plan:
        choices = self._objects(conn, "plan_choices")
        return model.Plan(
            steps=self._objects(conn, "plan_steps"),
            choices=choices[0] if choices else model.PlanChoices(),
            decisions=self._objects(conn, "decisions"),
            actions=self._objects(conn, "actions"))

    def load(self) -> tuple[model.Coalition, model.Plan]:
        """Coalition and plan from one consistent snapshot."""
        with self._reading() as conn:
            return self._coalition(conn), self._plan(conn)

    def _where_key(self, kind: str, key: dict):
        table = TABLES[kind]
        if not key:
            return table.c.row_id == 1
        return and_(*(table.c[name] == value for name, value in key.items()))

    def _current(self, conn, kind: str, key: dict):
        """(object, version, position) of a record, or None."""
        row = conn.execute(_SELECTS[kind], _key_params(kind, key)).mappings().first()
        if row is None:
            return None
        return codec.from_row(kind, row), row["version"], row["position"]

    def get(self, kind: str, key=None) -> tuple[Any, int]:
        """(object, version) of one record; KeyError when it does not exist.

        For the one-row kinds (``coalition``, ``plan_choices``) the key is
        empty; when nothing is stored yet they give the model's default with
        version 0.
        """
        key = codec.normalize_key(kind, key)
        with self._reading() as conn:
            found = self._current(conn, kind, key)
        if found is None:
            if kind in SINGLE_KINDS:
                return schema.FILES[kind].model(), 0
            raise KeyError(f"{codec.record_label(kind, key)} bestaat niet")
        return found[0], found[1]

    # --- low-level writes (one place each, so failures can be injected) ----

    def _insert(self, conn, kind: str, obj, version: int, position: int) -> None:
        values = codec.to_row(kind, obj)
        if kind in SINGLE_KINDS:
            values["row_id"] = 1
        values.update(version=version, position=position)
        conn.execute(_INSERTS[kind], values)

    def _update(self, conn, kind: str, key: dict, obj, version: int,
                position: int | None = None) -> None:
        values = codec.to_row(kind, obj)
        values["version"] = version
        if position is not None:
            values["position"] = position
        values.update(_key_params(kind, key))
        conn.execute(_UPDATES[kind], values)

    def _delete(self, conn, kind: str, key: dict) -> None:
        conn.execute(_DELETES[kind], _key_params(kind, key))

    # The batched writes of an import (one executemany each).

    #: Rows per statement of an import (tests make it small to fail halfway).
    IMPORT_BATCH = 5000

    def _insert_rows(self, conn, kind: str, rows: list[dict]) -> None:
        """Insert records: each row holds the columns, ``version`` and ``position``."""
        _executemany(conn, _INSERTS[kind], rows)

    def _update_rows(self, conn, kind: str, rows: list[dict]) -> None:
        """Update records: the columns, ``version``, ``position`` and the key (``k_...``)."""
        _executemany(conn, _UPDATES[kind], rows)

    def _move_rows(self, conn, kind: str, rows: list[dict]) -> None:
        """Give records a new place in file order (``new_position`` and the key)."""
        _executemany(conn, _MOVES[kind], rows)

    def _delete_rows(self, conn, kind: str, keys: list[dict]) -> None:
        _executemany(conn, _DELETES[kind], [_key_params(kind, key) for key in keys])

    def _record_changes(self, conn, rows: list[dict]) -> None:
        """History rows (the columns of ``changes`` but ``id``), in the order given."""
        _executemany(conn, _CHANGE_INSERT, rows)

    def _record_change(self, conn, *, at, author, kind, key, action, old, new, version,
                       changeset_id=None, undo_of=None, position=None) -> int:
        result = conn.execute(_CHANGE_INSERT, dict(
            changeset_id=changeset_id, at=at, author=author, kind=kind,
            record_key=codec.key_json(key), action=action,
            old=None if old is None else json.dumps(old, ensure_ascii=False),
            new=None if new is None else json.dumps(new, ensure_ascii=False),
            version=version, undone=False, undo_of=undo_of, position=position))
        return result.inserted_primary_key[0]

    def _new_changeset(self, conn, *, at, author, kind, note) -> int:
        result = conn.execute(insert(changesets).values(at=at, author=author, kind=kind,
                                                        note=note, undone=False))
        return result.inserted_primary_key[0]

    def _next_version(self, conn, kind: str, key: dict) -> int:
        """Version for a (re)created record: above any version the key ever had.

        So an old change of a deleted-and-recreated record can never match the
        new record's version by accident.
        """
        last = conn.execute(select(func.max(changes.c.version)).where(
            changes.c.kind == kind, changes.c.record_key == codec.key_json(key))).scalar()
        return int(last or 0) + 1

    def _next_position(self, conn, kind: str) -> int:
        table = TABLES[kind]
        last = conn.execute(select(func.max(table.c.position))).scalar()
        return 0 if last is None else int(last) + 1

    def _make_room(self, conn, kind: str, position: int | None) -> int:
        """Free ``position`` for a record put back in its old place (or take the end)."""
        if position is None:
            return self._next_position(conn, kind)
        table = TABLES[kind]
        conn.execute(update(table).where(table.c.position >= position)
                     .values(position=table.c.position + 1))
        return position

    # --- references --------------------------------------------------------

    def _referrers(self, conn, kind: str, key: dict) -> list[str]:
        """Dutch descriptions of records that refer to the record ``kind``/``key``."""
        if len(key) != 1:
            return []
        (value,) = key.values()
        found = []
        for other in schema.FILES:
            if kind not in references.targets(other):
                continue
            for obj in self._objects(conn, other):
                for c in references.refers_to(obj, other, kind, value):
                    found.append(f"{codec.record_label(other, codec.key_of(other, obj))} "
                                 f"({c.label.lower()})")
        return found

    def _existing_keys(self, conn, kind: str) -> dict[str, set]:
        """Keys in the store of the kinds a record of ``kind`` refers to."""
        out = {}
        for target in references.targets(kind):
            (kcol,) = schema.FILES[target].key
            out[target] = set(conn.execute(select(TABLES[target].c[kcol])).scalars())
        return out

    def _problems(self, conn, kind: str, obj) -> list:
        return record_problems(kind, obj, self._existing_keys(conn, kind))

    def validate_record(self, kind: str, obj) -> list:
        """Problems with one record as the app would save it (empty: fine).

        The importer's own checks (:mod:`coalition_map.validation`): required
        fields, closed lists, limits, and references to partners and wijken
        that must exist in the store. Each item is a
        :class:`coalition_map.validation.Problem` (``str()`` gives the Dutch
        message; ``is_error`` tells errors from warnings).
        """
        codec.file_kind(kind)
        with self._reading() as conn:
            return self._problems(conn, kind, obj)

    def _missing_references(self, conn, kind: str, obj) -> list[str]:
        """Dutch problems for references in ``obj`` to partners/wijken that do not exist.

        The light check for undo: the values were valid when they were written;
        only what they point at may have gone since.
        """
        problems = []
        made = list(references.referenced(obj, kind))
        for c, target in references.reference_columns(kind):
            wanted = {v for name, _t, v in made if name == c.name}
            if not wanted:
                continue
            (kcol,) = schema.FILES[target].key
            column = TABLES[target].c[kcol]
            found = set(conn.execute(select(column).where(column.in_(sorted(wanted))))
                        .scalars())
            for missing in sorted(wanted - found):
                problems.append(f"{c.label}: {codec.record_label(target, {kcol: missing})} "
                                "bestaat niet (meer)")
        return problems

    @staticmethod
    def _refuse_problems(head: str, problems) -> None:
        errors = [p for p in problems if p.is_error]
        if errors:
            raise StoreError(head + "\n" + "\n".join(f"- {p}" for p in errors), errors)

    # --- record writes -----------------------------------------------------

    def _stale(self, conn, kind, key, expected_version, current, new_obj=None):
        """Build the StaleRecordError: what changed since ``expected_version``."""
        history = self._changes_for(conn, kind, key)   # newest first
        at_expected = next((c for c in history
                            if c.version == expected_version and c.new is not None), None)
        if at_expected is not None:
            since = [c for c in history if c.id > at_expected.id]
        else:
            since = [c for c in history if c.version > expected_version
                     or (c.new is None and c.version >= expected_version)]
        if current is None:
            differences = []     # deleted: the message says so
        elif at_expected is not None:
            differences = field_changes(kind, at_expected.new,
                                        codec.to_json(kind, current[0]))
        elif new_obj is not None:
            # No history of the version the editor saw: show theirs vs. current.
            differences = field_changes(kind, codec.to_json(kind, new_obj),
                                        codec.to_json(kind, current[0]))
        else:
            differences = []
        return StaleRecordError(kind, key, expected_version,
                                None if current is None else current[1],
                                None if current is None else current[0],
                                differences, since)

    @staticmethod
    def _require_version(kind, key, expected_version) -> None:
        """Refuse a write that does not say which version the editor started from."""
        if isinstance(expected_version, bool) or not isinstance(expected_version, int) \
                or expected_version < 0:
            raise StoreError(
                f"Niet opgeslagen: van {codec.record_label(kind, key)} is niet bekend welke "
                "versie je voor je had (de app gaf geen versie mee), dus kan niet worden "
                "gecontroleerd of iemand anders het intussen heeft gewijzigd. " + RELOAD_HINT)

    def _check_version(self, conn, kind, key, expected_version, current, new_obj=None):
        self._require_version(kind, key, expected_version)
        current_version = 0 if current is None else current[1]
        if current_version != expected_version:
            raise self._stale(conn, kind, key, expected_version, current, new_obj)

    def save(self, kind: str, obj, *, author: str, expected_version: int) -> int:
        """Create or update a record; returns its new version.

        ``expected_version`` is the version the editor started from: the one
        :meth:`get` (or :meth:`records`) gave when the form was drawn, 0 for a
        new record. When the record changed since (or, for a new record, was
        created meanwhile), the save is refused with :class:`StaleRecordError`
        ("intussen gewijzigd door … (op …)") and nothing is written. There is
        no way to skip the check: without a version (None) the save is refused.

        >>> import tempfile, pathlib
        >>> from coalition_map import model
        >>> from coalition_map.store import open_store
        >>> store = open_store(str(pathlib.Path(tempfile.mkdtemp()) / "s.sqlite"), seed=False)
        >>> store.save("wijken", model.Wijk("WK01", "Noord"), author="Anna", expected_version=0)
        1
        >>> wijk, version = store.get("wijken", "WK01")          # Bob opens the form ...
        >>> store.save("wijken", model.Wijk("WK01", "Noord-Oost"), author="Anna",
        ...            expected_version=version)                  # ... Anna saves first
        2
        >>> store.save("wijken", model.replace(wijk, municipality="X"), author="Bob",
        ...            expected_version=version)  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        coalition_map.store.history.StaleRecordError: Niet opgeslagen: wijk WK01 is intussen gewijzigd door Anna (op ...
        >>> store.close()
        """
        return self._save(kind, obj, author=author, expected_version=expected_version,
                          action=None)

    def _save(self, kind, obj, *, author, expected_version, action) -> int:
        author = _require_author(author)
        codec.file_kind(kind)
        if not isinstance(obj, schema.FILES[kind].model):
            raise TypeError(f"{kind} verwacht {schema.FILES[kind].model.__name__}")
        obj = codec.without_control_chars(kind, obj)
        key = codec.key_of(kind, obj)
        self._require_version(kind, key, expected_version)
        with self._writing() as conn:
            current = self._current(conn, kind, key)
            self._check_version(conn, kind, key, expected_version, current, obj)
            self._refuse_problems("Niet opgeslagen:", self._problems(conn, kind, obj))
            at = _utcnow()
            new = codec.to_json(kind, obj)
            if current is None:
                version = self._next_version(conn, kind, key)
                position = self._next_position(conn, kind)
                self._insert(conn, kind, obj, version, position)
                self._record_change(conn, at=at, author=author, kind=kind, key=key,
                                    action=action or "create", old=None, new=new,
                                    version=version, position=position)
                return version
            old_obj, old_version, _ = current
            if old_obj == obj:
                return old_version
            version = old_version + 1
            self._update(conn, kind, key, obj, version)
            self._record_change(conn, at=at, author=author, kind=kind, key=key,
                                action=action or "update", old=codec.to_json(kind, old_obj),
                                new=new, version=version, position=current[2])
            return version

    def deactivate(self, kind: str, key, *, author: str, expected_version: int) -> int:
        """Set ``active`` to false (partners, offers); returns the new version.

        Checks ``expected_version`` like :meth:`save`.
        """
        if kind not in DEACTIVATABLE:
            raise StoreError(f"{schema.FILES[kind].label} kun je niet op inactief zetten.")
        key = codec.normalize_key(kind, key)
        self._require_version(kind, key, expected_version)
        try:
            obj, _version = self.get(kind, key)
        except KeyError:
            with self._reading() as conn:
                raise self._stale(conn, kind, key, expected_version, None) from None
        return self._save(kind, model.replace(obj, active=False), author=author,
                          expected_version=expected_version, action="deactivate")

    def delete(self, kind: str, key, *, author: str, expected_version: int) -> None:
        """Delete a record; refused while other records refer to it.

        Checks ``expected_version`` like :meth:`save`.
        """
        author = _require_author(author)
        key = codec.normalize_key(kind, key)
        self._require_version(kind, key, expected_version)
        with self._writing() as conn:
            current = self._current(conn, kind, key)
            if current is None:
                if expected_version:
                    raise self._stale(conn, kind, key, expected_version, None)
                raise StoreError(f"{_cap(codec.record_label(kind, key))} bestaat niet "
                                 "(meer).")
            self._check_version(conn, kind, key, expected_version, current)
            referrers = self._referrers(conn, kind, key)
            if referrers:
                raise StoreError(
                    f"{_cap(codec.record_label(kind, key))} kan niet weg: "
                    "er wordt nog naar verwezen door\n"
                    + "\n".join(f"- {r}" for r in referrers)
                    + ("\nZet de partner of het aanbod liever op inactief."
                       if kind in DEACTIVATABLE else ""),
                    referrers)
            self._delete(conn, kind, key)
            self._record_change(conn, at=_utcnow(), author=author, kind=kind, key=key,
                                action="delete", old=codec.to_json(kind, current[0]),
                                new=None, version=current[1], position=current[2])

    # --- import ------------------------------------------------------------

    @staticmethod
    def _records_of(coalition: model.Coalition, plan: model.Plan | None) -> dict[str, list]:
        """The objects of every file kind (one-row kinds: none when all defaults),
        without control characters."""
        return Store._cleaned(Store._given(coalition, plan))

    @staticmethod
    def _given(coalition: model.Coalition, plan: model.Plan | None) -> dict[str, list]:
        """The objects of every file kind as given (one-row kinds: none when all defaults)."""
        return {kind: objects_of(kind, coalition, plan) for kind in schema.FILES}

    @staticmethod
    def _cleaned(given: dict[str, list]) -> dict[str, list]:
        """``given`` without control characters (an object without any is kept as it is)."""
        return {kind: codec.all_without_control_chars(kind, objs)
                for kind, objs in given.items()}

    def _diff(self, conn, records: dict[str, list], scope=None) -> ImportDiff:
        kinds = {}
        for kind in schema.FILES:
            current = {codec.key_json(codec.key_of(kind, o)): o
                       for o in self._objects(conn, kind)}
            incoming: dict[str, Any] = {}
            duplicates = []
            key_text = codec.key_json_maker(kind)
            for obj in records[kind]:
                k = key_text(obj)
                if k in incoming:
                    duplicates.append(codec.key_label(kind, codec.key_of(kind, obj)))
                incoming[k] = obj
            if duplicates:
                raise StoreError(f"{schema.FILES[kind].label}: dubbele sleutel "
                                 f"{', '.join(duplicates)}.")
            d = KindDiff(kind, incoming=len(incoming), stored=len(current),
                         defaulted=self._defaulted(kind, list(incoming.values())),
                         keys=list(incoming))
            for k, obj in incoming.items():
                if k not in current:
                    d.new.append(obj)
                elif current[k] != obj:
                    d.changed.append((current[k], obj))
            d.removed = [o for k, o in current.items() if k not in incoming]
            kinds[kind] = d
        last = conn.execute(select(func.max(changes.c.id))).scalar()
        return ImportDiff(kinds, scope=None if scope is None else frozenset(scope),
                          as_of=int(last or 0))

    @staticmethod
    def _defaulted(kind: str, objs: list) -> frozenset:
        """Columns that are empty or at the model's default in every one of ``objs``."""
        if not objs:
            return frozenset()
        defaults = column_defaults(kind)
        out = set()
        for c in schema.FILES[kind].columns:
            if c.name in schema.FILES[kind].key:
                continue
            # Lazily: a filled-in column is found filled in at its first records.
            get = operator.attrgetter(c.name)
            if all(is_empty_value(get(o)) for o in objs) or (
                    c.name in defaults and all(get(o) == defaults[c.name] for o in objs)):
                out.add(c.name)
        return frozenset(out)

    def _keep_other_kinds(self, conn, records: dict[str, list], kinds) -> dict[str, list]:
        """Records with the kinds outside ``kinds`` taken from the store (left as they are)."""
        if kinds is None:
            return records
        kinds = set(kinds)
        unknown = kinds - set(schema.FILES)
        if unknown:
            raise KeyError(f"onbekende soort gegevens: {', '.join(sorted(unknown))}")
        return {kind: records[kind] if kind in kinds else self._objects(conn, kind)
                for kind in schema.FILES}

    def diff(self, coalition: model.Coalition, plan: model.Plan | None = None, *,
             kinds=None) -> ImportDiff:
        """What :meth:`replace_all` with these data would change (nothing is written).

        ``kinds`` (e.g. :func:`~coalition_map.store.imported_kinds` of a load:
        the files present in an imported folder) limits the import to those
        kinds; the other kinds stay as they are. ``None``: every kind, so a
        kind without records in ``coalition``/``plan`` would be emptied. Show
        the diff (:meth:`ImportDiff.summary`, :meth:`ImportDiff.removal_report`)
        and pass it to :meth:`replace_all` as ``based_on``.
        """
        given = self._given(coalition, plan)
        with self._reading() as conn:
            records = self._keep_other_kinds(conn, self._cleaned(given), kinds)
            diff = self._diff(conn, records, kinds)
            diff.data_version = self._data_version(conn)
        diff.given, diff.records = given, records
        return diff

    def replace_all(self, coalition: model.Coalition, plan: model.Plan | None = None, *,
                    author: str, based_on: ImportDiff, note: str = "import",
                    remove: bool = False) -> ChangeSet:
        """Apply an import previewed with :meth:`diff`: one transaction, one changeset.

        ``based_on`` is the diff the user saw (made by :meth:`diff` with the
        same data; its ``kinds`` limit the import). The import is refused,
        and nothing is written, when

        - the imported kinds changed after that preview
          (:class:`StaleImportError`: "intussen gewijzigd door … (op …)");
        - the data do not give that diff any more;
        - it would remove data (whole records, or filled-in values of a
          column: :meth:`ImportDiff.removal_report`) and ``remove`` is not
          True: the user must have confirmed the removal;
        - records would refer to partners or wijken that are gone.

        >>> import tempfile, pathlib
        >>> from coalition_map import model
        >>> from coalition_map.store import open_store
        >>> store = open_store(str(pathlib.Path(tempfile.mkdtemp()) / "s.sqlite"), seed=False)
        >>> data = model.Coalition(wijken=[model.Wijk("WK01", "Noord"), model.Wijk("WK02", "Zuid")])
        >>> preview = store.diff(data, kinds={"wijken"})
        >>> print(preview.summary())
        Wijken: 2 nieuw, 0 gewijzigd, 0 verwijderd
        >>> len(store.replace_all(data, author="Anna", based_on=preview).changes)
        2
        >>> fewer = model.Coalition(wijken=[model.Wijk("WK01", "Noord")])
        >>> preview = store.diff(fewer, kinds={"wijken"})
        >>> print(preview.removal_report())
        Deze import verwijdert gegevens:
        - wijken.csv (Wijken): 1 van de 2 records wordt verwijderd (WK02).
        >>> store.replace_all(fewer, author="Anna", based_on=preview)  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        coalition_map.store.history.StoreError: Import niet toegepast: deze import verwijdert gegevens ...
        >>> len(store.replace_all(fewer, author="Anna", based_on=preview, remove=True).changes)
        1
        >>> store.close()
        """
        author = _require_author(author)
        if not isinstance(based_on, ImportDiff):
            raise StoreError("Import niet toegepast: er is geen voorvertoning van de verschillen "
                             "waarop de import gebaseerd is, dus kan niet worden gecontroleerd "
                             "of de gegevens intussen zijn gewijzigd. Bekijk eerst de "
                             "verschillen en pas de import daarna toe.")
        given = self._given(coalition, plan)
        with self._writing() as conn:
            if self._as_previewed(conn, given, based_on):
                # Nothing written since the preview (the data version is one up: this
                # write) and the same objects given: the preview's diff is the diff.
                records, diff = based_on.records, based_on
            else:
                records = self._keep_other_kinds(conn, self._cleaned(given), based_on.scope)
                since = self._changes_since(conn, based_on.as_of, based_on.scope)
                if since:
                    raise StaleImportError(since)
                diff = self._diff(conn, records, based_on.scope)
                if diff.kinds != based_on.kinds:
                    raise StoreError("Import niet toegepast: de verschillen in de "
                                     "voorvertoning horen niet bij deze gegevens. Bekijk de "
                                     "verschillen opnieuw.")
            if diff.removes_data and not remove:
                raise StoreError("Import niet toegepast: deze import verwijdert gegevens en "
                                 "dat is niet bevestigd. Er is niets gewijzigd.\n"
                                 + diff.removal_report()
                                 + "\nBevestig dat dit de bedoeling is (opdrachtregel: --ja; "
                                   "app: het vinkje bij de voorvertoning).",
                                 diff.removals())
            return self._replace_all(conn, records, author=author, note=note, diff=diff)

    def _changes_since(self, conn, change_id: int, kinds) -> list[Change]:
        """Changes after ``change_id`` (to ``kinds``; None: all), newest first."""
        query = select(changes).where(changes.c.id > change_id).order_by(changes.c.id.desc())
        if kinds is not None:
            query = query.where(changes.c.kind.in_(sorted(kinds)))
        return [self._change_from_row(r) for r in conn.execute(query).mappings()]

    def _data_version(self, conn) -> int:
        value = conn.execute(select(store_meta.c.data_version)
                             .where(store_meta.c.id == 1)).scalar()
        return int(value or 0)

    def _as_previewed(self, conn, given: dict[str, list], preview: ImportDiff) -> bool:
        """True when ``preview`` was made of these objects and nothing was written since.

        Called inside the write transaction, after its bump of the data version.
        """
        if preview.records is None or preview.given is None:
            return False
        if self._data_version(conn) != preview.data_version + 1:
            return False
        kinds = schema.FILES if preview.scope is None else preview.scope
        # Mostly the very same objects: list equality then compares identities only.
        return all(given[kind] == preview.given[kind] for kind in kinds)

    def seed(self, coalition: model.Coalition, plan: model.Plan | None = None, *,
             note: str = "eerste vulling") -> bool:
        """Fill the store when it has never held anything; False when it has."""
        records = self._records_of(coalition, plan)
        with self._writing() as conn:
            if self._count_records(conn) or \
                    conn.execute(select(func.count()).select_from(changes)).scalar():
                return False
            self._replace_all(conn, records, author=SYSTEM_AUTHOR, note=note)
            return True

    def _state(self, conn, kind: str) -> dict[str, tuple[int, int]]:
        """key JSON → (version, position) of every record of a kind."""
        fk = schema.FILES[kind]
        table = TABLES[kind]
        cols = [table.c[k] for k in fk.key] or [table.c.row_id]
        out = {}
        for row in conn.execute(select(*cols, table.c.version, table.c.position)).mappings():
            key = {k: row[k] for k in fk.key}
            out[codec.key_json(key)] = (row["version"], row["position"])
        return out

    def _last_versions(self, conn, kind: str) -> dict[str, int]:
        """key JSON → highest version in the history, for every key of a kind."""
        rows = conn.execute(select(changes.c.record_key, func.max(changes.c.version))
                            .where(changes.c.kind == kind).group_by(changes.c.record_key))
        return {k: int(v) for k, v in rows}

    @staticmethod
    def _dangling(records: dict[str, list]) -> list[str]:
        """References (``ref`` and ``wijken`` columns) to records not among ``records``."""
        keys = {}
        for kind, fk in schema.FILES.items():
            if len(fk.key) == 1:
                keys[kind] = {getattr(o, fk.key[0]) for o in records[kind]}
        problems = []
        for kind, fk in schema.FILES.items():
            labels = {c.name: c.label.lower() for c in fk.columns}
            for obj in records[kind]:
                for name, target, v in references.referenced(obj, kind):
                    if v in keys[target]:
                        continue
                    (kcol,) = schema.FILES[target].key
                    problems.append(
                        f"{codec.record_label(kind, codec.key_of(kind, obj))} "
                        f"({labels[name]}): {codec.record_label(target, {kcol: v})} "
                        "bestaat dan niet")
        return problems

    def _replace_all(self, conn, records, *, author, note, diff=None) -> ChangeSet:
        """Write an import: the records and one history row each, in batches.

        The same rows, versions and history (in the same order) as writing
        record by record, with :data:`IMPORT_BATCH` rows per statement.
        """
        dangling = self._dangling(records)
        if dangling:
            raise StoreError("Import geweigerd, er is niets gewijzigd: na de import zouden "
                             "deze gegevens verwijzen naar iets dat er niet meer is:\n"
                             + "\n".join(f"- {p}" for p in dangling), dangling)
        diff = diff or self._diff(conn, records)
        at = _utcnow()
        changeset_id = self._new_changeset(conn, at=at, author=author, kind="import",
                                           note=note)
        batch = self.IMPORT_BATCH
        history: list[dict] = []
        count = 0

        def record(kind, kj, old, new, version, position):
            nonlocal count
            history.append({
                "changeset_id": changeset_id, "at": at, "author": author, "kind": kind,
                "record_key": kj, "action": "import", "old": codec.to_json_text(old),
                "new": codec.to_json_text(new), "version": version, "undone": False,
                "undo_of": None, "position": position})
            count += 1
            if len(history) >= batch:
                self._record_changes(conn, history)
                history.clear()

        def flush(method, kind, rows, at_least=1):
            if len(rows) >= at_least:
                method(conn, kind, rows)
                rows.clear()

        # Removals first, referring kinds before the kinds they refer to.
        for kind in reversed(list(schema.FILES)):
            if not diff.kinds[kind].removed:
                continue
            state = self._state(conn, kind)
            keys: list[dict] = []
            for obj in diff.kinds[kind].removed:
                key = codec.key_of(kind, obj)
                kj = codec.key_json(key)
                version, position = state[kj]
                keys.append(key)
                record(kind, kj, codec.to_json(kind, obj), None, version, position)
                flush(self._delete_rows, kind, keys, batch)
            flush(self._delete_rows, kind, keys)
        for kind in schema.FILES:
            d = diff.kinds[kind]
            if d.is_empty and not d.stored:
                continue   # nothing stored, nothing coming: nothing to write or move
            state = self._state(conn, kind) if d.stored else {}
            last = self._last_versions(conn, kind) if d.new else {}
            objs = records[kind]
            keys_json = d.keys if len(d.keys) == len(objs) else \
                [codec.key_json(codec.key_of(kind, o)) for o in objs]
            all_new = not d.stored    # an empty table: every record is new
            changed = {codec.key_json(codec.key_of(kind, new)): old for old, new in d.changed}
            new_keys = set() if all_new else {codec.key_json(codec.key_of(kind, o))
                                              for o in d.new}
            single = kind in SINGLE_KINDS
            row_and_json = codec.row_and_json_maker(kind)
            inserts: list[dict] = []
            updates: list[dict] = []
            moves: list[dict] = []
            for position, (kj, obj) in enumerate(zip(keys_json, objs)):
                if all_new or kj in new_keys:
                    version = last.get(kj, 0) + 1
                    values, new_json = row_and_json(obj)
                    if single:
                        values["row_id"] = 1
                    values["version"] = version
                    values["position"] = position
                    inserts.append(values)
                    # what record(kind, kj, None, new_json, version, position) does, inline
                    history.append({
                        "changeset_id": changeset_id, "at": at, "author": author,
                        "kind": kind, "record_key": kj, "action": "import", "old": None,
                        "new": codec.to_json_text(new_json), "version": version,
                        "undone": False, "undo_of": None, "position": position})
                    count += 1
                    if len(history) >= batch:
                        self._record_changes(conn, history)
                        history.clear()
                    if len(inserts) >= batch:
                        self._insert_rows(conn, kind, inserts)
                        inserts.clear()
                elif kj in changed:
                    key = codec.key_of(kind, obj)
                    version = state[kj][0] + 1
                    values, new_json = row_and_json(obj)
                    values["version"] = version
                    values["position"] = position
                    values.update(_key_params(kind, key))
                    updates.append(values)
                    record(kind, kj, codec.to_json(kind, changed[kj]), new_json, version,
                           position)
                    flush(self._update_rows, kind, updates, batch)
                elif state[kj][1] != position:  # unchanged: only keep the file order
                    key = codec.key_of(kind, obj)
                    moves.append({"new_position": position, **_key_params(kind, key)})
                    flush(self._move_rows, kind, moves, batch)
            flush(self._insert_rows, kind, inserts)
            flush(self._update_rows, kind, updates)
            flush(self._move_rows, kind, moves)
        if history:
            self._record_changes(conn, history)
        return self._changeset(conn, changeset_id, count=count)

    def restore(self, coalition: model.Coalition, plan: model.Plan | None, *,
                versions: dict[tuple[str, str], int | tuple[int, int]],
                changeset_rows: list[dict],
                change_rows: list[dict], side_rows: dict | None = None) -> None:
        """Replace everything (records, versions and history) in one transaction.

        Used by ``coalition-map import`` of a backup folder; the result equals
        the store the backup was made of. ``versions`` maps (kind, key JSON) to
        the record's version, or to (version, position). ``side_rows`` maps
        tables outside the exchange format (peilmomenten, meeting views) to
        their rows; a table that is not in it keeps its rows.
        """
        records = self._records_of(coalition, plan)
        with self._writing() as conn:
            for table in (changes, changesets, *reversed(list(TABLES.values()))):
                conn.execute(delete(table))
            for kind, objs in records.items():
                for index, obj in enumerate(objs):
                    kj = codec.key_json(codec.key_of(kind, obj))
                    state = versions.get((kind, kj), 1)
                    version, position = state if isinstance(state, tuple) else (state, index)
                    self._insert(conn, kind, obj, version, position)
            if changeset_rows:
                conn.execute(insert(changesets), changeset_rows)
            if change_rows:
                conn.execute(insert(changes), change_rows)
            for table, rows in (side_rows or {}).items():
                conn.execute(delete(table))
                if rows:
                    conn.execute(insert(table), rows)
            if self.dialect == "postgresql":
                serial = [t for t in (side_rows or {}) if "id" in t.c]
                for table in (changes, changesets, *serial):
                    conn.exec_driver_sql(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                        f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)")

    def versions(self) -> dict[tuple[str, str], int]:
        """(kind, key JSON) → version of every record."""
        return {k: v for k, (v, _) in self.record_states().items()}

    def record_states(self) -> dict[tuple[str, str], tuple[int, int]]:
        """(kind, key JSON) → (version, position) of every record (for backups)."""
        with self._reading() as conn:
            return {(kind, kj): state for kind in schema.FILES
                    for kj, state in self._state(conn, kind).items()}
