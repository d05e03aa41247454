"""History and undo: every write recorded with author and old/new values (SQLite + PostgreSQL)."""

from __future__ import annotations

import dataclasses

import pytest

from coalition_map import model
from coalition_map.store import StoreError
from store_helpers import import_all


def test_every_kind_of_write_is_recorded_with_author_and_values(store, sample):
    coalition, plan = sample
    changeset = import_all(store, coalition, plan, author="Anna", note="eerste import")
    assert changeset.author == "Anna" and changeset.note == "eerste import"
    assert {c.action for c in changeset.changes} == {"import"}
    assert {c.effect for c in changeset.changes} == {"create"}
    assert len(changeset.changes) == (1 + 2 + 3 + 3 + 2 + 2 + 1 + 1 + 1)

    store.save("wijken", model.Wijk("WK03", "West"), author="Bob", expected_version=0)
    partner, version = store.get("partners", "P02")
    store.save("partners", dataclasses.replace(partner, phone="010-1234"), author="Carla",
               expected_version=version)
    store.deactivate("offers", "A02", author="Daan", expected_version=1)
    store.delete("offers", "A03", author="Eva", expected_version=1)

    latest = store.latest_changes(4)
    assert [(c.action, c.author, c.kind, c.key) for c in latest] == [
        ("delete", "Eva", "offers", {"id": "A03"}),
        ("deactivate", "Daan", "offers", {"id": "A02"}),
        ("update", "Carla", "partners", {"id": "P02"}),
        ("create", "Bob", "wijken", {"code": "WK03"}),
    ]
    delete, deactivate, update, create = latest
    assert delete.old["name"] == "Leesclub" and delete.new is None
    assert deactivate.old["active"] is True and deactivate.new["active"] is False
    assert [f.name for f in update.fields] == ["phone"]
    assert update.fields[0].before == "" and update.fields[0].after == "010-1234"
    assert create.old is None and create.new["name"] == "West"
    assert all(c.at.tzinfo is not None for c in latest)
    assert "Carla: partner P02 gewijzigd: Telefoon: (leeg) → 010-1234" in update.describe()

    # the history of one record, newest first
    p02 = store.history("partners", "P02")
    assert [c.action for c in p02] == ["update", "import"]
    assert [c.version for c in p02] == [2, 1]


def test_undo_an_update_restores_the_old_values(store, sample):
    import_all(store, *sample, author="Anna")
    partner, v = store.get("partners", "P01")
    store.save("partners", dataclasses.replace(partner, name="Wijkteam N.", phone="010-111 11 11"),
               author="Bob", expected_version=v)
    change = store.latest_changes(1)[0]
    undo = store.undo(change.id, author="Carla")
    assert undo.action == "undo" and undo.undo_of == change.id and undo.author == "Carla"
    assert store.get("partners", "P01") == (partner, 3)
    assert store.change(change.id).undone
    with pytest.raises(StoreError, match="al ongedaan"):
        store.undo(change.id, author="Carla")


def test_restore_a_deleted_record(store, sample):
    coalition, plan = sample
    import_all(store, coalition, plan, author="Anna")
    store.delete("offers", "A03", author="Bob", expected_version=1)
    deleted = store.latest_changes(1)[0]
    assert deleted.effect == "delete"
    store.undo(deleted.id, author="Bob")
    offer, version = store.get("offers", "A03")
    assert offer == coalition.offers[2]
    assert version == 2  # above the deleted record's version


def test_undo_a_create_deletes_the_record(store, sample):
    import_all(store, *sample, author="Anna")
    store.save("wijken", model.Wijk("WK03", "West"), author="Bob", expected_version=0)
    created = store.latest_changes(1)[0]
    store.undo(created.id, author="Bob")
    with pytest.raises(KeyError):
        store.get("wijken", "WK03")


def test_undo_refuses_when_the_record_changed_since(store, sample):
    import_all(store, *sample, author="Anna")
    partner, v = store.get("partners", "P01")
    v = store.save("partners", dataclasses.replace(partner, phone="010-111 11 11"), author="Bob",
                   expected_version=v)
    first = store.latest_changes(1)[0]
    store.save("partners", dataclasses.replace(partner, phone="010-222 22 22"), author="Carla",
               expected_version=v)
    before = store.load()
    with pytest.raises(StoreError) as info:
        store.undo(first.id, author="Daan")
    message = str(info.value)
    assert "kan niet ongedaan worden gemaakt" in message and "Carla" in message
    assert store.load() == before
    assert not store.change(first.id).undone


def test_undo_of_a_recreated_record_is_refused(store, sample):
    """An old change must not match a deleted-and-recreated record by its version."""
    import_all(store, *sample, author="Anna")
    store.save("wijken", model.Wijk("WK03", "West"), author="Bob", expected_version=0)
    created = store.latest_changes(1)[0]
    store.delete("wijken", "WK03", author="Bob", expected_version=1)
    store.save("wijken", model.Wijk("WK03", "West opnieuw"), author="Bob", expected_version=0)
    with pytest.raises(StoreError):
        store.undo(created.id, author="Bob")
    assert store.get("wijken", "WK03")[0].name == "West opnieuw"


def test_undo_a_create_refuses_while_others_refer_to_it(store, sample):
    import_all(store, *sample, author="Anna")
    store.save("partners", model.Partner("P04", "GGD", "ggd"), author="Bob", expected_version=0)
    created = store.latest_changes(1)[0]
    store.save("offers", model.Offer("A04", "P04", "Spreekuur", "informatie", "professional"),
               author="Bob", expected_version=0)
    with pytest.raises(StoreError, match="aanbod A04"):
        store.undo(created.id, author="Bob")


def test_an_import_shows_its_diff_and_is_undone_as_one_step(store, sample):
    coalition, plan = sample
    import_all(store, coalition, plan, author="Anna")
    before = store.load()
    new = dataclasses.replace(
        coalition,
        partners=[dataclasses.replace(coalition.partners[0], name="Sociaal team Noord"),
                  *coalition.partners[1:]],
        offers=coalition.offers[:2] + [model.Offer("A09", "P02", "Klusdienst",
                                                   "praktische_hulp", "vrijwilliger")],
        referrals=coalition.referrals[:1])
    diff = store.diff(new, plan)
    assert diff.counts()["partners"] == (0, 1, 0)
    assert diff.counts()["offers"] == (1, 0, 1)
    assert diff.counts()["referrals"] == (0, 0, 1)
    assert "Aanbod: 1 nieuw, 0 gewijzigd, 1 verwijderd" in diff.summary()

    changeset = import_all(store, new, plan, author="Bob", note="import voorjaar")
    assert sorted((c.kind, c.effect) for c in changeset.changes) == [
        ("offers", "create"), ("offers", "delete"), ("partners", "update"),
        ("referrals", "delete")]
    assert store.load() == (new, plan)

    undo = store.undo_changeset(changeset.id, author="Carla")
    assert undo.kind == "undo" and len(undo.changes) == 4
    assert store.load() == before
    assert store.changeset(changeset.id).undone
    with pytest.raises(StoreError, match="al ongedaan"):
        store.undo_changeset(changeset.id, author="Carla")


def test_undo_of_an_import_is_all_or_nothing(store, sample):
    coalition, plan = sample
    import_all(store, coalition, plan, author="Anna")
    new = dataclasses.replace(coalition, wijken=[dataclasses.replace(w, source="CBS")
                                                 for w in coalition.wijken])
    changeset = import_all(store, new, plan, author="Bob")
    wijk, v = store.get("wijken", "WK02")
    store.save("wijken", dataclasses.replace(wijk, name="Zuid-Oost"), author="Carla",
               expected_version=v)
    before = store.load()
    with pytest.raises(StoreError, match="WK02"):
        store.undo_changeset(changeset.id, author="Daan")
    assert store.load() == before
    assert not store.changeset(changeset.id).undone


def test_an_import_without_differences_changes_no_record(store, sample):
    import_all(store, *sample, author="Anna")
    assert store.diff(*sample).is_empty
    changeset = import_all(store, *sample, author="Anna")
    assert changeset.changes == ()


def test_an_import_keeps_the_files_order(store, sample):
    coalition, plan = sample
    import_all(store, coalition, plan, author="Anna")
    reordered = dataclasses.replace(coalition, partners=list(reversed(coalition.partners)))
    import_all(store, reordered, plan, author="Anna")
    assert [p.id for p in store.load_coalition().partners] == ["P03", "P02", "P01"]


def test_an_import_that_would_leave_dangling_references_is_refused(store, sample):
    coalition, plan = sample
    import_all(store, coalition, plan, author="Anna")
    before = store.load()
    # only the partners are replaced; P02 goes, but an offer, a route and an action use it
    without_p02 = dataclasses.replace(coalition, partners=[coalition.partners[0],
                                                           coalition.partners[2]])
    with pytest.raises(StoreError) as info:
        import_all(store, without_p02, plan, author="Bob", kinds={"partners"})
    message = str(info.value)
    assert "er is niets gewijzigd" in message
    assert "aanbod A02 (partner): partner P02 bestaat dan niet" in message
    assert "actie X01 (eigenaar): partner P02 bestaat dan niet" in message
    assert store.load() == before
