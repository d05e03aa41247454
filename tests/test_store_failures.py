"""A failure in the middle of any write leaves the store exactly as it was."""

from __future__ import annotations

import dataclasses

import pytest

from coalition_map import model
from coalition_map.store import Store
from store_helpers import import_all


class Boom(RuntimeError):
    pass


def fail_after(monkeypatch, method: str, calls: int):
    """Make ``Store.<method>`` raise on call number ``calls + 1`` (the first ``calls`` work)."""
    original = getattr(Store, method)
    count = {"n": 0}

    def wrapper(self, *args, **kwargs):
        count["n"] += 1
        if count["n"] > calls:
            raise Boom(f"injected failure in {method}")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Store, method, wrapper)
    return count


def snapshot(store):
    return (store.load(), store.data_version(), store.history(limit=None),
            store.changesets(limit=None), store.record_states())


def changed_coalition(coalition):
    return dataclasses.replace(
        coalition,
        partners=[dataclasses.replace(p, city="Teststad") for p in coalition.partners],
        offers=coalition.offers[:1] + [model.Offer(f"N{i}", "P01", f"Nieuw {i}", "ontmoeting",
                                                   "vrijwilliger") for i in range(6)])


def test_failed_import_into_an_empty_store_leaves_it_empty(store, sample, monkeypatch):
    # An import writes in batches (Store.IMPORT_BATCH rows a statement); with two rows
    # a batch the small sample takes several, and the fourth fails.
    monkeypatch.setattr(Store, "IMPORT_BATCH", 2)
    count = fail_after(monkeypatch, "_insert_rows", 3)
    with pytest.raises(Boom):
        import_all(store, *sample, author="Anna")
    assert count["n"] == 4
    monkeypatch.undo()
    assert store.is_empty() and store.history() == [] and store.changesets() == []


@pytest.mark.parametrize("method,calls", [("_update_rows", 1), ("_insert_rows", 1),
                                          ("_delete_rows", 0), ("_record_changes", 2),
                                          ("_move_rows", 0)])
def test_failed_import_halfway_changes_nothing(store, sample, monkeypatch, method, calls):
    coalition, plan = sample
    import_all(store, coalition, plan, author="Anna")
    before = snapshot(store)
    monkeypatch.setattr(Store, "IMPORT_BATCH", 2)
    count = fail_after(monkeypatch, method, calls)
    changed = changed_coalition(coalition)    # records removed, changed, new ...
    changed = dataclasses.replace(changed, wijken=changed.wijken[::-1])  # ... and moved
    with pytest.raises(Boom):
        import_all(store, changed, plan, author="Bob")
    assert count["n"] == calls + 1   # it really failed halfway, after some writes
    monkeypatch.undo()
    assert snapshot(store) == before


def test_failed_edit_changes_nothing(store, sample, monkeypatch):
    import_all(store, *sample, author="Anna")
    before = snapshot(store)
    partner, version = store.get("partners", "P01")
    fail_after(monkeypatch, "_record_change", 0)   # the record is updated, then the failure
    with pytest.raises(Boom):
        store.save("partners", dataclasses.replace(partner, name="X"), author="Bob",
                   expected_version=version)
    with pytest.raises(Boom):
        store.delete("offers", "A03", author="Bob", expected_version=1)
    monkeypatch.undo()
    assert snapshot(store) == before


def test_failed_undo_changes_nothing(store, sample, monkeypatch):
    coalition, plan = sample
    import_all(store, coalition, plan, author="Anna")
    changeset = import_all(store, changed_coalition(coalition), plan, author="Bob")
    store.delete("offers", "N5", author="Bob",
                 expected_version=store.get("offers", "N5")[1])
    deleted = store.latest_changes(1)[0]
    before = snapshot(store)
    fail_after(monkeypatch, "_record_change", 0)
    with pytest.raises(Boom):
        store.undo(deleted.id, author="Carla")
    monkeypatch.undo()
    assert snapshot(store) == before
    store.undo(deleted.id, author="Carla")    # restores N5 so the import can be undone
    before = snapshot(store)
    count = fail_after(monkeypatch, "_record_change", 4)
    with pytest.raises(Boom):
        store.undo_changeset(changeset.id, author="Carla")
    assert count["n"] == 5
    monkeypatch.undo()
    assert snapshot(store) == before
    store.undo_changeset(changeset.id, author="Carla")
    assert store.load() == (coalition, plan)


def test_failed_restore_changes_nothing(store, sample, monkeypatch, tmp_path):
    from coalition_map.store.backup import read_history, write_backup
    import_all(store, *sample, author="Anna")
    folder = write_backup(store, tmp_path)
    store.save("wijken", model.Wijk("WK03", "West"), author="Bob", expected_version=0)
    before = snapshot(store)
    versions, changesets, changes = read_history(folder)
    fail_after(monkeypatch, "_insert", 4)
    with pytest.raises(Boom):
        store.restore(*sample, versions=versions, changeset_rows=changesets,
                      change_rows=changes)
    monkeypatch.undo()
    assert snapshot(store) == before
