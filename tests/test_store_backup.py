"""Backup: a complete, timestamped export that import restores exactly, history included."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from coalition_map import model
from coalition_map.cli import main
from coalition_map.loading import load_folder
from coalition_map.store import open_store
from coalition_map.store.backup import is_backup, write_backup
from store_helpers import import_all


def busy_store(url, sample):
    """A store with a history of every kind: import, create, update, deactivate, delete, undo."""
    coalition, plan = sample
    store = open_store(url, seed=False)
    import_all(store, coalition, plan, author="Anna", note="eerste import")
    store.save("wijken", model.Wijk("WK03", "West"), author="Bob", expected_version=0)
    partner, v = store.get("partners", "P02")
    store.save("partners", dataclasses.replace(partner, phone="=1+1"), author="=Carla",
               expected_version=v)
    store.deactivate("offers", "A01", author="Daan",
                     expected_version=store.get("offers", "A01")[1])
    store.delete("offers", "A03", author="Eva",
                 expected_version=store.get("offers", "A03")[1])
    changeset = import_all(
        store, dataclasses.replace(store.load_coalition(), referrals=coalition.referrals[:1]),
        store.load_plan(), author="Anna", note="tweede import")
    store.undo(store.history("offers", "A03")[0].id, author="Bob")
    store.undo_changeset(changeset.id, author="Bob")
    store.save("wijken", model.Wijk("WK04", "Oost"), author="Bob", expected_version=0)
    # positions 0, 1, 3: kept by a restore
    store.delete("wijken", "WK03", author="Bob",
                 expected_version=store.get("wijken", "WK03")[1])
    return store


def state(store):
    return (store.load(), store.history(limit=None), store.changesets(limit=None),
            store.record_states())


def test_backup_then_import_restores_exactly_with_history(store_url, tmp_path, sample, capsys):
    store = busy_store(store_url, sample)
    before = state(store)
    assert main(["backup", "--db", store.url, "--to", str(tmp_path / "backups")]) == 0
    [folder] = (tmp_path / "backups").iterdir()
    assert folder.name.startswith("coalition-map-backup-") and is_backup(folder)
    assert f"coalition-map import --data {folder}" in capsys.readouterr().out
    # the data files are a normal export
    loaded = load_folder(folder)
    assert loaded.ok and not loaded.problems
    assert (loaded.coalition, loaded.plan) == before[0]

    other = "sqlite:///" + str(tmp_path / "restored.sqlite")
    assert main(["import", "--db", other, "--data", str(folder)]) == 0
    restored = open_store(other, seed=False)
    assert state(restored) == before
    # the restored store goes on as the old one would: locking and undo still work
    partner, version = restored.get("partners", "P02")
    assert version == before[3][("partners", '{"id": "P02"}')][0]
    restored.save("partners", dataclasses.replace(partner, city="X"), author="Fenna",
                  expected_version=version)
    restored.undo(restored.latest_changes(1)[0].id, author="Fenna")
    assert restored.get("partners", "P02")[0] == partner
    new_ids = [c.id for c in restored.latest_changes(2)]
    assert min(new_ids) > max(c.id for c in before[1])
    restored.close()
    store.close()


def test_restore_into_the_same_kind_of_database(store_url, tmp_path, sample):
    store = busy_store(store_url, sample)
    before = state(store)
    folder = write_backup(store, tmp_path)
    store.save("wijken", model.Wijk("WK09", "Later"), author="Gijs", expected_version=0)
    assert main(["import", "--db", store.url, "--data", str(folder)]) == 1   # not empty
    assert store.get("wijken", "WK09")[1] == 1
    assert main(["import", "--db", store.url, "--data", str(folder),
                 "--replace-history"]) == 0
    assert state(store) == before
    # new writes get fresh ids after the restored ones (sequences reset on PostgreSQL)
    store.save("wijken", model.Wijk("WK09", "Later"), author="Gijs", expected_version=0)
    assert store.latest_changes(1)[0].id == max(c.id for c in before[1]) + 1
    store.close()


def test_two_backups_in_one_second_get_their_own_folders(tmp_path, sample):
    store = open_store(str(tmp_path / "s.sqlite"), seed=False)
    import_all(store, *sample, author="Anna")
    now = dt.datetime(2026, 5, 1, 12, 0, 0, tzinfo=dt.UTC)
    first = write_backup(store, tmp_path / "b", now=now)
    second = write_backup(store, tmp_path / "b", now=now)
    assert first != second and first.name == "coalition-map-backup-20260501T120000Z"
    assert sorted(p.name for p in (first / "history").iterdir()) == [
        "changesets.csv", "history.csv", "versions.csv"]
    store.close()


def test_formula_text_in_history_is_neutralized_and_restored(tmp_path, sample):
    store = busy_store(str(tmp_path / "s.sqlite"), sample)
    folder = write_backup(store, tmp_path)
    history_csv = (folder / "history" / "history.csv").read_text(encoding="utf-8")
    assert ",'=Carla," in history_csv
    other = open_store(str(tmp_path / "r.sqlite"), seed=False)
    from coalition_map.store.backup import restore_backup
    restore_backup(other, folder, *store.load())
    assert any(c.author == "=Carla" for c in other.history(limit=None))


def test_a_damaged_history_is_refused_and_changes_nothing(tmp_path, sample, capsys):
    store = busy_store(str(tmp_path / "s.sqlite"), sample)
    folder = write_backup(store, tmp_path)
    path = folder / "history" / "history.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(lines[:3] + [lines[3].replace(",wijken,", ",onzin,", 1)]
                              + lines[4:]), encoding="utf-8")
    target = open_store(str(tmp_path / "t.sqlite"), seed=False)
    target.save("wijken", model.Wijk("WK01", "Noord"), author="Anna", expected_version=0)
    before = state(target)
    assert main(["validate", "--data", str(folder)]) == 1
    assert "onbekende soort 'onzin'" in capsys.readouterr().out
    code = main(["import", "--db", target.url, "--data", str(folder), "--replace-history"])
    assert code == 1
    out = capsys.readouterr().out     # refused with the validation report, before the store
    assert "Er is niets ingelezen" in out and "onbekende soort 'onzin'" in out
    assert state(target) == before
    store.close()
    target.close()


@pytest.mark.parametrize("args", [["--change", "LAST"], ["--changeset", "1"]])
def test_history_and_undo_commands(tmp_path, sample, capsys, args):
    url = str(tmp_path / "s.sqlite")
    store = open_store(url, seed=False)
    import_all(store, *sample, author="Anna")
    store.save("wijken", model.Wijk("WK03", "West"), author="Bob", expected_version=0)
    last = store.latest_changes(1)[0].id
    assert main(["history", "--db", url, "--limit", "3"]) == 0
    out = capsys.readouterr().out
    assert f"{last}: " in out and "Bob: wijk WK03 aangemaakt" in out
    args = [a.replace("LAST", str(last)) for a in args]
    assert main(["undo", "--db", url, "--author", "Carla", *args]) == 0
    assert "Ongedaan gemaakt" in capsys.readouterr().out
    if args[0] == "--change":
        assert [w.code for w in store.load_coalition().wijken] == ["WK01", "WK02"]
    else:
        assert store.load_coalition().wijken == [model.Wijk("WK03", "West")]
    assert main(["undo", "--db", url, "--author", "Carla", *args]) == 1
    assert "al ongedaan" in capsys.readouterr().err
    store.close()


def test_init_command_seeds_a_new_store(tmp_path, sample, capsys):
    from coalition_map.writing import write_folder
    write_folder(*sample, tmp_path / "seed")
    url = str(tmp_path / "new.sqlite")
    assert main(["init", "--db", url, "--seed", str(tmp_path / "seed")]) == 0
    out = capsys.readouterr().out
    assert "3 partners, 3 aanbod" in out
    store = open_store(url)
    assert store.load() == sample
    store.close()
