"""Migrations: the schema comes from Alembic, and an existing database survives an upgrade."""

from __future__ import annotations

import datetime as dt
import json

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from coalition_map import model
from coalition_map.store import current_revision, head_revision, make_engine, open_store
from coalition_map.store.migrate import alembic_config, upgrade
from coalition_map.store.tables import metadata
from store_helpers import import_all


def test_migrations_create_exactly_the_tables_of_the_code(store):
    """A table or column added in tables.py (or schema.py) without a migration fails here."""
    with store.engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(
            conn, opts={"compare_type": True}), metadata)
    assert diffs == []
    assert current_revision(store.engine) == head_revision()


def test_there_is_a_chain_of_revisions():
    from alembic.script import ScriptDirectory
    revisions = list(ScriptDirectory.from_config(alembic_config()).walk_revisions())
    assert len(revisions) >= 3
    assert revisions[-1].down_revision is None


def test_a_database_at_the_first_revision_with_data_is_upgraded_on_open(store_url):
    engine = make_engine(store_url)
    upgrade(engine, "0001_records")
    assert current_revision(engine) == "0001_records"
    assert "changes" not in inspect(engine).get_table_names()
    with engine.begin() as conn:   # data written by the old version, in plain SQL
        conn.execute(text("INSERT INTO wijken (code, name, municipality, source, version, "
                          "position) VALUES ('WK01', 'Noord', '', '', 3, 0)"))
        conn.execute(text(
            "INSERT INTO partners (id, name, sector, roles, wijken, municipality, expertise, "
            "contact_person, phone, email, website, address, postal_code, city, mandate, "
            "active, version, position) VALUES ('P01', 'Wijkteam', 'wijkteam', "
            "'[\"signaleren\"]', '[\"WK01\"]', '', '', '', '', '', '', '', '', '', '', "
            ":yes, 1, 0)"), {"yes": True})
        conn.execute(text("UPDATE store_meta SET data_version = 7 WHERE id = 1"))
    engine.dispose()

    store = open_store(store_url, seed_dir="/nonexistent")
    assert current_revision(store.engine) == head_revision()
    coalition = store.load_coalition()
    assert coalition.wijken == [model.Wijk("WK01", "Noord")]
    assert coalition.partners == [model.Partner("P01", "Wijkteam", "wijkteam", ("signaleren",),
                                                ("WK01",))]
    assert store.get("wijken", "WK01")[1] == 3
    assert store.data_version() == 7
    # and the new version's features work on the old data
    store.save("wijken", model.Wijk("WK01", "Noord-West"), author="Anna", expected_version=3)
    [change] = store.history()
    store.undo(change.id, author="Anna")
    assert store.get("wijken", "WK01") == (model.Wijk("WK01", "Noord"), 5)
    store.close()


def test_history_written_before_the_position_column_survives(store_url):
    engine = make_engine(store_url)
    upgrade(engine, "0002_history")
    at = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
    old = {"code": "WK02", "name": "Zuid", "municipality": "", "inhabitants": None,
           "inhabitants_65plus": None, "pct_lonely": None, "pct_severely_lonely": None,
           "source": "", "year": None}
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO changes (changeset_id, at, author, kind, record_key, "
                          "action, old, new, version, undone) VALUES (NULL, :at, 'Anna', "
                          "'wijken', :key, 'delete', :old, NULL, 1, :no)"),
                     {"at": at, "key": json.dumps({"code": "WK02"}), "old": json.dumps(old),
                      "no": False})
    engine.dispose()
    store = open_store(store_url, seed=False)
    [change] = store.history()
    assert (change.author, change.action, change.position) == ("Anna", "delete", None)
    assert change.at == at
    store.undo(change.id, author="Bob")           # restores the deleted wijk
    assert store.get("wijken", "WK02") == (model.Wijk("WK02", "Zuid"), 2)
    store.close()


def test_reopening_keeps_the_data(store_url, sample):
    store = open_store(store_url, seed=False)
    import_all(store, *sample, author="Anna")
    store.close()
    again = open_store(store_url)          # would seed an empty store; this one is not
    assert again.load() == sample
    assert len(again.changesets()) == 1
    again.close()


def test_downgrade_to_nothing_and_up_again(store_url):
    engine = make_engine(store_url)
    upgrade(engine)
    with engine.connect() as conn:
        conn.execution_options(coalition_write=True)
        with conn.begin():
            command.downgrade(alembic_config(conn), "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    upgrade(engine)
    assert current_revision(engine) == head_revision()
    engine.dispose()
