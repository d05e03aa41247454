"""The batched import (issue 11, part 2) writes exactly what the import record by record
wrote (``tests/reference_import.py``, the code before): the same records, versions,
positions and history rows with the same ids, into an empty store and over an existing
one; and undoing it restores the store exactly. Equality of results, not timing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import select

from coalition_map import model
from coalition_map.loading import load_folder
from coalition_map.store import Store, open_store
from coalition_map.store.common import _aware
from coalition_map.store.tables import TABLES, changes, changesets, store_meta
from reference_import import ReferenceStore
from store_helpers import import_all

AT = dt.datetime(2026, 12, 3, 7, 30, 15, 123456, tzinfo=dt.UTC)


@pytest.fixture
def fixed_time(monkeypatch):
    """Every write at the same moment (the history holds the time)."""
    import reference_import
    from coalition_map.store import core, undo
    for module in (core, undo, reference_import):
        monkeypatch.setattr(module, "_utcnow", lambda: AT)


def dump(store) -> dict:
    """Every row of the record tables, the history and the data version."""
    out = {}
    with store.engine.connect() as conn:
        for table in (*TABLES.values(), changesets, changes, store_meta):
            rows = conn.execute(select(table).order_by(*table.primary_key.columns))
            out[table.name] = [{k: _aware(v) if isinstance(v, dt.datetime) else v
                                for k, v in row.items()} for row in rows.mappings()]
    return out


def coordinators_city(tmp_path):
    """A city in coordinators' spelling (labels, Dutch numbers), read as import reads it."""
    import sys
    from pathlib import Path
    root = str(Path(__file__).resolve().parents[1])
    if root not in sys.path:
        sys.path.insert(0, root)
    from benchmarks.coordinators import write_coalition
    write_coalition("city", tmp_path / "city", seed=3)
    result = load_folder(tmp_path / "city")
    assert result.ok
    return result.coalition, result.plan


def revised(coalition: model.Coalition, plan: model.Plan | None):
    """The same coalition a month later: records removed, changed, new and moved."""
    offers = [o for i, o in enumerate(coalition.offers) if i % 9]            # some removed
    offers = [dataclasses.replace(o, name=o.name + " (nieuw)") if i % 7 == 0 else o
              for i, o in enumerate(offers)]                               # some changed
    offers += [dataclasses.replace(coalition.offers[0], id=f"NIEUW{i}") for i in range(5)]
    partners = [dataclasses.replace(p, city="Ergens") if i % 5 == 0 else p
                for i, p in enumerate(coalition.partners)]
    return dataclasses.replace(coalition, wijken=coalition.wijken[::-1],     # moved
                               partners=partners, offers=offers,
                               referrals=coalition.referrals[1:]), plan


@pytest.mark.parametrize("batch,read_back", [(3, 4), (5000, 2000)])
def test_batched_import_writes_what_the_row_by_row_import_wrote(
        store, sample, tmp_path, monkeypatch, fixed_time, batch, read_back):
    monkeypatch.setattr(Store, "IMPORT_BATCH", batch)
    monkeypatch.setattr(Store, "READ_BACK_LIMIT", read_back)
    ref_base = open_store("sqlite:///" + str(tmp_path / "reference.sqlite"), seed=False)
    ref = ReferenceStore(ref_base.engine, ref_base.url)
    city = coordinators_city(tmp_path)
    try:
        steps = []
        for first, second in ((sample, revised(*sample)), (city, revised(*city))):
            for data in (first, second):             # into an empty store, then over it
                done = import_all(store, *data)
                expected = import_all(ref, *data)
                assert dump(store) == dump(ref)
                assert done.id == expected.id
                assert list(done.changes) == list(expected.changes)
                assert len(done.changes) == len(expected.changes)
                steps.append((done.id, store.load()))
            for changeset_id, _before in reversed(steps):   # undo: back, step by step
                store.undo_changeset(changeset_id, author="Carla")
                ref.undo_changeset(changeset_id, author="Carla")
                assert dump(store) == dump(ref)
            assert store.is_empty()
            steps.clear()
    finally:
        ref_base.close()


def by_key(data) -> dict:
    """Every record of a coalition and plan by kind and key (file order aside)."""
    from coalition_map.store import codec
    from coalition_map.writing import objects_of
    from coalition_map.schema import FILES
    return {kind: {codec.key_json(codec.key_of(kind, o)): o for o in objects_of(kind, *data)}
            for kind in FILES}


def test_undo_of_a_batched_import_restores_the_store_exactly(store, tmp_path, monkeypatch):
    monkeypatch.setattr(Store, "IMPORT_BATCH", 4)
    city = coordinators_city(tmp_path)
    first = import_all(store, *city)
    assert store.load() == city
    versions = store.versions()
    changeset = import_all(store, *revised(*city))
    assert store.load() == revised(*city)
    store.undo_changeset(changeset.id, author="Carla")
    # Every record back as it was (the file order of restored records is where undo
    # puts them, as before the batching: the first test compares that with the reference).
    assert by_key(store.load()) == by_key(city)
    assert set(store.versions()) == set(versions)
    store.undo_changeset(first.id, author="Carla")
    assert store.is_empty()


@pytest.mark.parametrize("name,roles", [
    ("Woon\x00stad\x1b", ("signaleren\x7f",)),     # text and list
    ("Woon\x00stad\x1b", ("signaleren",)),          # only a text column
    ("Woonstad", ("signaleren\x7f",)),              # only a list column
], ids=["beide", "tekst", "lijst"])
def test_an_import_stores_no_control_characters(store, sample, name, roles):
    coalition, plan = sample
    dirty = dataclasses.replace(coalition.partners[1], name=name, roles=roles)
    coalition = dataclasses.replace(coalition, partners=[coalition.partners[0], dirty,
                                                         *coalition.partners[2:]])
    import_all(store, coalition, plan)
    stored, _version = store.get("partners", dirty.id)
    assert (stored.name, stored.roles) == ("Woonstad", ("signaleren",))
    assert store.get("partners", coalition.partners[0].id)[0] == coalition.partners[0]


def test_the_preview_is_reused_only_for_the_same_data_and_an_unchanged_store(store, sample):
    from coalition_map.store import StoreError
    coalition, plan = sample
    preview = store.diff(coalition, plan)
    other = dataclasses.replace(coalition, wijken=[*coalition.wijken, model.Wijk("WK09", "X")])
    with pytest.raises(StoreError, match="horen niet bij deze gegevens"):
        store.replace_all(other, plan, author="Anna", based_on=preview)   # other data
    assert store.is_empty()
    # a write in between (not to the imported records): the diff is made again, and holds
    store.save("wijken", model.Wijk("WK09", "X"), author="Bob", expected_version=0)
    store.delete("wijken", "WK09", author="Bob", expected_version=1)
    with pytest.raises(StoreError, match="intussen"):
        store.replace_all(coalition, plan, author="Anna", based_on=preview)
    preview = store.diff(coalition, plan)
    done = store.replace_all(coalition, plan, author="Anna", based_on=preview)
    assert store.load() == (coalition, plan) and len(done.changes) == preview_count(preview)


def preview_count(preview) -> int:
    return sum(len(d.new) + len(d.changed) + len(d.removed) for d in preview.kinds.values())
