"""Backup: a complete, timestamped export that import restores exactly, history included."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from coalition_map import model
from coalition_map.cli import main
from coalition_map.loading import load_folder
from coalition_map.store import open_store
from coalition_map.store import meeting_views, snapshots
from coalition_map.store.backup import is_backup, write_backup
from store_helpers import import_all


def busy_store(url, sample):
    """A store with a history of every kind: import, create, update, deactivate, delete, undo."""
    coalition, plan = sample
    store = open_store(url, seed=False)
    import_all(store, coalition, plan, author="Anna", note="eerste import")
    store.save("wijken", model.Wijk("WK03", "West"), author="Bob", expected_version=0)
    partner, v = store.get("partners", "P02")
    store.save("partners", dataclasses.replace(partner, contact_person="=1+1"), author="=Carla",
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
    # the store's own tables outside the exchange files: a peilmoment and meeting views
    snapshots.take_snapshot(store, "Voormeting 2026", author="Anna",
                            today=dt.date(2026, 3, 1))
    meeting_views.save(store, [{"title": "Gaten van =Noord", "page": "pages/overzicht.py",
                                "settings": {"ov_alleen_gaten": True}}],
                       author="Carla", expected_version=0)
    return store


def side_tables(store):
    from sqlalchemy import select

    from coalition_map.store.tables import meeting_views as mv_table
    from coalition_map.store.tables import snapshots as snap_table

    def utc(value):       # SQLite gives naive UTC, PostgreSQL an aware datetime
        if isinstance(value, dt.datetime):
            return (value.replace(tzinfo=dt.UTC) if value.tzinfo is None
                    else value.astimezone(dt.UTC))
        return value
    with store.engine.connect() as conn:
        return [[tuple(utc(v) for v in r)
                 for r in conn.execute(select(t).order_by(*t.primary_key.columns))]
                for t in (snap_table, mv_table)]


def state(store):
    return (store.load(), store.history(limit=None), store.changesets(limit=None),
            store.record_states(), side_tables(store))


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
        "changesets.csv", "history.csv", "peilmomenten.json", "vergaderweergaven.json",
        "versions.csv"]
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


def test_backup_carries_peilmomenten_and_meeting_views(store_url, other_store_url, tmp_path,
                                                      sample):
    """A coalition moving to another server keeps its peilmomenten and its prepared
    meeting; new peilmomenten get fresh ids after the restored ones."""
    store = busy_store(store_url, sample)
    before = side_tables(store)
    assert before[0] and before[1]
    folder = write_backup(store, tmp_path)
    other = open_store(other_store_url, seed=False)
    meeting_views.save(other, [{"title": "Oud", "page": "pages/dekking.py", "settings": {}}],
                       author="Gijs", expected_version=0)
    from coalition_map.store.backup import restore_backup
    restore_backup(other, folder, *store.load())
    assert side_tables(other) == before
    assert meeting_views.load(other) == meeting_views.load(store)
    assert [s.name for s in snapshots.list_snapshots(other)] == ["Voormeting 2026"]
    snapshots.take_snapshot(other, "Nameting", author="Bob", today=dt.date(2026, 9, 1))
    assert len(snapshots.list_snapshots(other)) == 2
    other.close()
    store.close()


def test_an_older_backup_without_them_keeps_the_stores_own(tmp_path, sample):
    store = busy_store(str(tmp_path / "s.sqlite"), sample)
    folder = write_backup(store, tmp_path)
    for name in ("peilmomenten.json", "vergaderweergaven.json"):
        (folder / "history" / name).unlink()
    target = open_store(str(tmp_path / "t.sqlite"), seed=False)
    meeting_views.save(target, [{"title": "Eigen", "page": "pages/dekking.py",
                                 "settings": {}}], author="Gijs", expected_version=0)
    kept = side_tables(target)
    from coalition_map.store.backup import restore_backup
    restore_backup(target, folder, *store.load())
    assert side_tables(target) == kept
    store.close()
    target.close()


@pytest.mark.parametrize("damage,message", [
    (lambda rows: rows[0].pop("payload"), "peilmomenten.json, rij 1, veld 'payload': ontbreekt"),
    (lambda rows: rows[0].update(version="twee"),
     "peilmomenten.json, rij 1, veld 'version': geen geheel getal"),
    (lambda rows: rows.append(dict(rows[0])), "peilmomenten.json: id 1 komt meer dan eens voor"),
])
def test_a_damaged_peilmomenten_file_is_refused_and_changes_nothing(tmp_path, sample, capsys,
                                                                    damage, message):
    import json
    store = busy_store(str(tmp_path / "s.sqlite"), sample)
    folder = write_backup(store, tmp_path)
    path = folder / "history" / "peilmomenten.json"
    rows = json.loads(path.read_text(encoding="utf-8"))
    damage(rows)
    path.write_text(json.dumps(rows), encoding="utf-8")
    target = open_store(str(tmp_path / "t.sqlite"), seed=False)
    target.save("wijken", model.Wijk("WK01", "Noord"), author="Anna", expected_version=0)
    before = state(target)
    assert main(["validate", "--data", str(folder)]) == 1
    assert message in capsys.readouterr().out
    assert main(["import", "--db", target.url, "--data", str(folder), "--replace-history"]) == 1
    assert message in capsys.readouterr().out
    assert state(target) == before
    store.close()
    target.close()
