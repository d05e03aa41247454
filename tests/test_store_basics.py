"""The store: tables from the schema, round trips, seeding, record writes (SQLite + PostgreSQL)."""

from __future__ import annotations

import dataclasses

import pytest

from coalition_map import model, schema
from coalition_map.loading import load_folder
from coalition_map.store import StoreError, open_store
from coalition_map.store.tables import BOOKKEEPING_COLUMNS, TABLES
from coalition_map.writing import write_folder
from store_helpers import import_all


def test_every_schema_kind_has_a_table_with_exactly_its_columns():
    assert set(TABLES) == set(schema.FILES)
    for kind, fk in schema.FILES.items():
        data_columns = [c.name for c in TABLES[kind].columns if c.name not in BOOKKEEPING_COLUMNS]
        assert data_columns == [c.name for c in fk.columns], kind
        assert "version" in TABLES[kind].columns


def test_empty_store(store):
    assert store.is_empty()
    assert store.load_coalition() == model.Coalition()
    assert store.load_plan() == model.Plan()
    assert store.history() == []


def test_replace_all_then_load_gives_the_same_data(store, sample):
    coalition, plan = sample
    import_all(store, coalition, plan, author="Anna")
    assert store.load_coalition() == coalition
    assert store.load_plan() == plan
    assert not store.is_empty()


def test_export_then_import_into_an_empty_store_gives_identical_data(store_url, tmp_path,
                                                                      sample):
    from coalition_map.cli import main
    coalition, plan = sample
    first = open_store(store_url, seed=False)
    import_all(first, coalition, plan, author="Anna")
    first.close()
    assert main(["export", "--db", store_url, "--to", str(tmp_path / "export")]) == 0

    other_url = "sqlite:///" + str(tmp_path / "other.sqlite")
    assert main(["import", "--db", other_url, "--data", str(tmp_path / "export"),
                 "--author", "Bob"]) == 0
    second = open_store(other_url, seed=False)
    assert second.load_coalition() == coalition
    assert second.load_plan() == plan
    # and back into the first kind of database, emptied
    third = open_store(store_url, seed=False)
    import_all(third, model.Coalition(), model.Plan(), author="Anna")
    assert third.is_empty()
    loaded = load_folder(tmp_path / "export")
    assert loaded.ok
    import_all(third, loaded.coalition, loaded.plan, author="Bob")
    assert third.load() == (coalition, plan)
    second.close()
    third.close()


def test_xlsx_export_round_trip(store, tmp_path, sample):
    from coalition_map.cli import main
    coalition, plan = sample
    import_all(store, coalition, plan, author="Anna")
    assert main(["export", "--db", store.url, "--to", str(tmp_path / "x"),
                 "--format", "xlsx"]) == 0
    loaded = load_folder(tmp_path / "x")
    assert loaded.ok, loaded.problems
    assert (loaded.coalition, loaded.plan) == (coalition, plan)


def test_import_with_errors_changes_nothing_and_says_why(store, tmp_path, sample, capsys):
    from coalition_map.cli import main
    coalition, plan = sample
    import_all(store, coalition, plan, author="Anna")
    before = (store.load(), store.data_version(), len(store.history(limit=None)))
    bad = dataclasses.replace(coalition, offers=[dataclasses.replace(coalition.offers[0],
                                                                     name="Nieuw")])
    write_folder(bad, plan, tmp_path / "bad")
    offers = (tmp_path / "bad" / "offers.csv").read_text(encoding="utf-8")
    (tmp_path / "bad" / "offers.csv").write_text(offers.replace(",P01,", ",P99,"),
                                                 encoding="utf-8")
    assert main(["import", "--db", store.url, "--data",
                 str(tmp_path / "bad")]) == 1
    out = capsys.readouterr().out
    assert "P99" in out and "niets ingelezen" in out
    assert (store.load(), store.data_version(), len(store.history(limit=None))) == before


def test_dry_run_shows_the_diff_and_changes_nothing(store, tmp_path, sample, capsys):
    from coalition_map.cli import main
    coalition, plan = sample
    import_all(store, coalition, plan, author="Anna")
    changed = dataclasses.replace(
        coalition, partners=coalition.partners[:2]
        + [dataclasses.replace(coalition.partners[2], name="Bibliotheek Zuid")],
        offers=coalition.offers + [model.Offer("A04", "P01", "Telefooncirkel", "telefonisch",
                                               "vrijwilliger")],
        referrals=coalition.referrals[:1])
    write_folder(changed, plan, tmp_path / "new")
    before = store.load()
    assert main(["import", "--db", store.url, "--data", str(tmp_path / "new"),
                 "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Partners: 0 nieuw, 1 gewijzigd, 0 verwijderd" in out
    assert "Aanbod: 1 nieuw, 0 gewijzigd, 0 verwijderd" in out
    assert "Verwijsroutes: 0 nieuw, 0 gewijzigd, 1 verwijderd" in out
    assert store.load() == before
    diff = store.diff(changed, plan)
    assert [o.id for o in diff.kinds["offers"].new] == ["A04"]
    [(new, fields)] = diff.kinds["partners"].changed_fields()
    assert new.id == "P03" and [f.name for f in fields] == ["name"]


def test_first_open_seeds_from_the_data_folder_once(tmp_path, sample):
    coalition, plan = sample
    write_folder(coalition, plan, tmp_path / "seed")
    url = str(tmp_path / "fresh.sqlite")
    store = open_store(url, seed_dir=tmp_path / "seed")
    assert store.load() == (coalition, plan)
    [changeset] = store.changesets()
    assert changeset.kind == "import" and len(changeset.changes) > 10
    # emptying the store by hand does not make it seed again
    import_all(store, model.Coalition(), model.Plan(), author="Anna")
    store.close()
    again = open_store(url, seed_dir=tmp_path / "seed")
    assert again.is_empty()
    again.close()


def test_seed_with_errors_raises_a_dutch_report(tmp_path, sample):
    coalition, plan = sample
    write_folder(coalition, plan, tmp_path / "seed")
    (tmp_path / "seed" / "partners.csv").write_text("id,name,sector\nP01,X,geen-sector\n",
                                                    encoding="utf-8")
    with pytest.raises(StoreError, match="onbekende sector"):
        open_store(str(tmp_path / "s.sqlite"), seed_dir=tmp_path / "seed")


def test_db_from_environment_variable(tmp_path, monkeypatch, sample):
    path = tmp_path / "env" / "store.sqlite"
    monkeypatch.setenv("COALITION_MAP_DB", str(path))
    store = open_store(seed=False)
    import_all(store, *sample, author="Anna")
    store.close()
    assert path.is_file()


def test_save_creates_and_updates_with_versions(store, sample):
    coalition, plan = sample
    import_all(store, coalition, plan, author="Anna")
    partner, version = store.get("partners", "P01")
    assert partner == coalition.partners[0] and version == 1
    new = model.Partner("P04", "GGD", "ggd")
    assert store.save("partners", new, author="Bob", expected_version=0) == 1
    assert store.load_coalition().partners[-1] == new
    v2 = store.save("partners", dataclasses.replace(partner, phone="010"), author="Bob",
                    expected_version=1)
    assert v2 == 2 and store.get("partners", "P01")[0].phone == "010"
    # the one-row kinds
    choices, cv = store.get("plan_choices")
    assert cv == 1
    assert store.save("plan_choices", dataclasses.replace(choices, approach="preventie"),
                      author="Bob", expected_version=cv) == 2
    assert store.load_plan().choices.approach == "preventie"


def test_data_version_grows_with_every_write(store, sample):
    v0 = store.data_version()
    import_all(store, *sample, author="Anna")
    v1 = store.data_version()
    store.save("wijken", model.Wijk("WK03", "West"), author="Anna", expected_version=0)
    v2 = store.data_version()
    assert v0 < v1 < v2


def test_deactivate_and_delete(store, sample):
    import_all(store, *sample, author="Anna")
    store.deactivate("offers", "A01", author="Bob", expected_version=1)
    assert store.get("offers", "A01")[0].active is False
    with pytest.raises(StoreError, match="kun je niet op inactief"):
        store.deactivate("wijken", "WK01", author="Bob", expected_version=1)
    store.delete("offers", "A03", author="Bob", expected_version=1)
    with pytest.raises(KeyError):
        store.get("offers", "A03")
    store.delete("referrals", ("P01", "P03", "verwijst"), author="Bob",
                 expected_version=1)
    assert len(store.load_coalition().referrals) == 1


def test_delete_refuses_while_others_refer_to_the_record(store, sample):
    import_all(store, *sample, author="Anna")
    with pytest.raises(StoreError) as info:
        store.delete("partners", "P01", author="Bob", expected_version=1)
    message = str(info.value)
    assert "aanbod A01" in message and "verwijsroute P02 → P01 (meldt)" in message
    with pytest.raises(StoreError, match="Wijk WK01 kan niet weg"):
        store.delete("wijken", "WK01", author="Bob", expected_version=1)
    assert store.get("partners", "P01")[1] == 1


def test_validate_record_gives_the_importers_dutch_messages(store, sample):
    import_all(store, *sample, author="Anna")
    offer = model.Offer("A09", "P77", "Nieuw", "ontmoeting", "vrijwilliger", wijken=("WK09",))
    problems = [str(p) for p in store.validate_record("offers", offer)]
    assert any("onbekende partner: 'P77'" in p for p in problems), problems
    assert any("WK09" in p for p in problems), problems
    bad_sector = model.Partner("P09", "X", "geen-sector")
    assert any("onbekende sector" in str(p) for p in store.validate_record("partners",
                                                                           bad_sector))
    assert store.validate_record("offers", dataclasses.replace(offer, partner_id="P01",
                                                               wijken=("WK01",))) == []
    with pytest.raises(StoreError, match="onbekende partner"):
        store.save("offers", offer, author="Bob", expected_version=0)
    with pytest.raises(KeyError):
        store.get("offers", "A09")


def test_save_needs_an_author(store):
    with pytest.raises(StoreError, match="naam"):
        store.save("wijken", model.Wijk("WK01", "Noord"), author="  ", expected_version=0)


def test_import_of_a_folder_without_the_optional_files_keeps_those_kinds(store, tmp_path,
                                                                          sample, capsys):
    from coalition_map.cli import main
    coalition, plan = sample
    import_all(store, coalition, plan, author="Anna")
    changed = dataclasses.replace(coalition, wijken=[dataclasses.replace(coalition.wijken[1],
                                                                         name="Zuid-Oost"),
                                                     coalition.wijken[0]])
    write_folder(changed, plan, tmp_path / "only")
    for name in ("coalition.csv", "plan_steps.csv", "plan_choices.csv", "decisions.csv",
                 "actions.csv"):
        (tmp_path / "only" / name).unlink()
    assert main(["import", "--db", store.url, "--data", str(tmp_path / "only"),
                 "--author", "Bob"]) == 0
    out = capsys.readouterr().out
    assert ("blijft zoals het is: Coalitie, Wijkgrenzen, Relatiemeting, Stappenplan, Keuzes, "
            "Besluiten, Acties.") in out
    assert "Wijken: 0 nieuw, 1 gewijzigd, 0 verwijderd" in out
    assert store.load() == (changed, plan)
    # the whole workbook replaces every kind (all sheets are there, also empty ones)
    from coalition_map.writing import write_workbook
    write_workbook(coalition, model.Plan(), tmp_path / "alles.xlsx")
    capsys.readouterr()
    assert main(["import", "--db", store.url, "--data", str(tmp_path / "alles.xlsx"),
                 "--author", "Bob"]) == 1                  # removes the plan: asks first
    out, err = capsys.readouterr()
    assert "alles.xlsx, blad 'actions' (Acties): het enige record wordt verwijderd (X01)" in out
    assert "--ja" in err and store.load() == (changed, plan)
    assert main(["import", "--db", store.url, "--data", str(tmp_path / "alles.xlsx"),
                 "--author", "Bob", "--ja"]) == 0
    assert store.load() == (coalition, model.Plan())


def test_imported_kinds_of_a_workbook_without_plan_sheets(store, tmp_path, sample):
    import openpyxl

    from coalition_map.loading import load_workbook
    from coalition_map.store import imported_kinds
    from coalition_map.writing import write_workbook
    coalition, plan = sample
    import_all(store, coalition, plan, author="Anna")
    path = write_workbook(coalition, plan, tmp_path / "kaart.xlsx")
    wb = openpyxl.load_workbook(path)
    for name in ("plan_steps", "plan_choices", "decisions", "actions"):
        del wb[name]
    wb.save(path)
    result = load_workbook(path)
    assert result.ok, result.problems
    kinds = imported_kinds(result)
    assert kinds == {"coalition", "wijken", "partners", "offers", "referrals", "relationships"}
    assert store.diff(result.coalition, result.plan, kinds=kinds).is_empty
    assert not store.diff(result.coalition, result.plan).is_empty   # would empty the plan
