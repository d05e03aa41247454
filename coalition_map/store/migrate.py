"""Applying the Alembic migrations in ``coalition_map/migrations`` from code."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"


def alembic_config(connection=None) -> Config:
    """An Alembic config built in code; ``script_location`` points into the package."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


#: Key of the PostgreSQL advisory lock held while migrating (any constant will do).
_MIGRATION_LOCK = 0x636D6170  # "cmap"


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the database to ``revision`` (default: the newest), in one transaction.

    Two app processes starting at once on a new database must not both
    create the tables: on PostgreSQL a transaction-level advisory lock makes
    the second wait (SQLite's ``BEGIN IMMEDIATE`` does the same). The data
    version row is created here too, so writers never have to insert it.
    """
    with engine.connect() as conn:
        conn.execution_options(coalition_write=True)
        with conn.begin():
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"),
                             {"key": _MIGRATION_LOCK})
            command.upgrade(alembic_config(conn), revision)
            if "store_meta" in inspect(conn).get_table_names():
                conn.execute(text("INSERT INTO store_meta (id, data_version) SELECT 1, 0 "
                                  "WHERE NOT EXISTS (SELECT 1 FROM store_meta WHERE id = 1)"))


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "no migrations"
    return head


def known_revisions() -> set[str]:
    """Every revision this code has a migration for (a store at another one is newer)."""
    return {script.revision for script in
            ScriptDirectory.from_config(alembic_config()).walk_revisions()}
