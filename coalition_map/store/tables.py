"""The store's tables, derived from the exchange format (:mod:`coalition_map.schema`).

One table per file kind. A table's data columns are exactly the schema's
columns for that kind (same names, same order); the store adds only its own
bookkeeping columns:

- ``version``: optimistic locking, +1 on every write to the record;
- ``position``: keeps file order (collections keep file order in the model);
- ``row_id``: the primary key of the one-row kinds (``coalition``,
  ``plan_choices``), whose schema key is empty.

Multi-valued fields (``codes``, ``texts``, ``ints``, ``wijken``, ``profiles``)
are stored as JSON text (a list). History lives in ``changesets`` and
``changes``; ``store_meta`` holds the data version.

The Alembic migrations in :mod:`coalition_map.migrations` create these
tables; ``tests/test_store_migrations.py`` checks that the migrated database
matches this metadata exactly, so a schema change without a migration fails.

>>> TABLES["partners"].name
'partners'
>>> TABLES["coalition"].name
'coalition_info'
>>> [c.name for c in TABLES["referrals"].primary_key.columns]
['from_partner', 'to_partner', 'kind']
"""

from __future__ import annotations

from sqlalchemy import (Boolean, Column, Date, DateTime, Float, ForeignKey, Index, Integer,
                        MetaData, Table, Text)

from .. import schema

metadata = MetaData()

#: Table name per file kind where it differs from the kind.
TABLE_NAMES = {"coalition": "coalition_info"}

#: Columns the store adds to every record table (not in the exchange format).
BOOKKEEPING_COLUMNS = ("row_id", "version", "position")

_SQL_TYPES = {
    "text": Text, "code": Text, "profile": Text, "ref": Text, "url": Text,
    "int": Integer, "step": Integer,
    "float": Float,
    "bool": Boolean,
    "date": Date,
    # multi-valued: JSON text
    "codes": Text, "texts": Text, "ints": Text, "wijken": Text, "profiles": Text,
}


def table_name(kind: str) -> str:
    return TABLE_NAMES.get(kind, kind)


def _record_table(fk: schema.FileKind) -> Table:
    columns = []
    if not fk.key:
        columns.append(Column("row_id", Integer, primary_key=True, autoincrement=False))
    for col in fk.columns:
        in_key = col.name in fk.key
        columns.append(Column(col.name, _SQL_TYPES[col.type](), primary_key=in_key,
                              nullable=not in_key, autoincrement=False))
    columns.append(Column("version", Integer, nullable=False))
    columns.append(Column("position", Integer, nullable=False))
    return Table(table_name(fk.kind), metadata, *columns)


#: Record tables by file kind, in schema load order.
TABLES: dict[str, Table] = {kind: _record_table(fk) for kind, fk in schema.FILES.items()}

store_meta = Table(
    "store_meta", metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("data_version", Integer, nullable=False),
)

changesets = Table(
    "changesets", metadata,
    Column("id", Integer, primary_key=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("author", Text, nullable=False),
    Column("kind", Text, nullable=False),          # import / undo / restore
    Column("note", Text, nullable=False),
    Column("undone", Boolean, nullable=False),
)

changes = Table(
    "changes", metadata,
    Column("id", Integer, primary_key=True),
    Column("changeset_id", Integer, ForeignKey("changesets.id"), nullable=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("author", Text, nullable=False),
    Column("kind", Text, nullable=False),          # file kind: partners, offers, ...
    Column("record_key", Text, nullable=False),    # JSON object of the key columns
    Column("action", Text, nullable=False),        # create/update/deactivate/delete/import/undo
    Column("old", Text, nullable=True),            # JSON object, null when created
    Column("new", Text, nullable=True),            # JSON object, null when deleted
    Column("version", Integer, nullable=False),    # record version after the change
    Column("undone", Boolean, nullable=False),
    Column("undo_of", Integer, nullable=True),     # the change this one undid
    Column("position", Integer, nullable=True),    # the record's place in file order
    Index("ix_changes_record", "kind", "record_key"),
    Index("ix_changes_changeset", "changeset_id"),
)

HISTORY_TABLES = (changesets, changes)

#: The role table of the login (not an exchange file: never imported or exported
#: with the data; see coalition_map/store/roles.py and docs/login.md).
roles = Table(
    "roles", metadata,
    Column("login", Text, primary_key=True),        # e-mail or sub, lower case
    Column("role", Text, nullable=False),           # kijker / partner / redacteur / beheerder
    Column("partner_id", Text, nullable=False),     # the partner a "partner" acts for
    Column("name", Text, nullable=False),
    Column("version", Integer, nullable=False),
)

role_changes = Table(
    "role_changes", metadata,
    Column("id", Integer, primary_key=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("author", Text, nullable=False),
    Column("login", Text, nullable=False),
    Column("old", Text, nullable=True),             # JSON of the entry before, null: new
    Column("new", Text, nullable=True),             # JSON of the entry after, null: removed
)
