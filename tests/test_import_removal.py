"""Imports that would remove data stop and ask; a file cut off mid-row is an error.

The CLI (``coalition-map import``) shows what would be removed, per file and
column, and refuses without ``--ja``; imports that only add or change values
go through. The app's confirmation is in tests/test_app_import.py.
"""

from __future__ import annotations

import dataclasses
import shutil

import pytest

from coalition_map import model, paths
from coalition_map.cli import main
from coalition_map.store import open_store
from store_helpers import import_all


@pytest.fixture
def example(tmp_path):
    """(a store filled with the bundled example, a copy of the example folder to edit)."""
    folder = tmp_path / "map"
    shutil.copytree(paths.bundled_data_dir(), folder)
    store = open_store(str(tmp_path / "store.sqlite"))
    yield store, folder
    store.close()


def _state(store):
    return store.load(), store.data_version()


def _import(store, folder, *extra):
    return main(["import", "--db", store.url, "--data", str(folder), "--author", "Bob",
                 *extra])


def test_a_typo_in_an_optional_header_stops_and_names_the_emptied_column(example, capsys):
    store, folder = example
    partners = folder / "partners.csv"
    text = partners.read_text(encoding="utf-8")
    partners.write_text(text.replace(",email,", ",emial,", 1), encoding="utf-8")
    with_email = [p.id for p in store.load_coalition().partners if p.email]
    before = _state(store)

    assert _import(store, folder) == 1
    out, err = capsys.readouterr()
    assert "onbekende kolom 'emial' wordt genegeerd; bedoelt u 'email'?" in out
    assert "Deze import verwijdert gegevens:" in out
    assert (f"- partners.csv (Partners), kolom 'email' (E-mail): bij {len(with_email)} van de "
            f"{len(store.load_coalition().partners)} records gaat de waarde verloren "
            f"({', '.join(with_email[:5])}, …); in het bestand is deze kolom overal leeg of "
            "ontbreekt ze.") in out
    assert "Niet ingelezen, er is niets gewijzigd" in err and "--ja" in err
    assert _state(store) == before

    assert _import(store, folder, "--ja") == 0
    assert all(p.email == "" for p in store.load_coalition().partners)


def test_a_header_only_optional_file_stops_and_names_the_removed_records(example, capsys):
    store, folder = example
    decisions = folder / "decisions.csv"
    decisions.write_text(decisions.read_text(encoding="utf-8").splitlines()[0] + "\n",
                         encoding="utf-8")
    ids = [d.id for d in store.load_plan().decisions]
    assert ids
    before = _state(store)

    assert _import(store, folder) == 1
    out, _err = capsys.readouterr()
    assert (f"- decisions.csv (Besluiten): alle {len(ids)} records worden verwijderd "
            f"({', '.join(ids[:5])}); het bestand heeft geen rijen met gegevens.") in out
    assert _state(store) == before
    # a dry run shows the same and says what it needs
    assert _import(store, folder, "--dry-run") == 0
    out, _err = capsys.readouterr()
    assert "decisions.csv (Besluiten): alle" in out and "alleen met --ja" in out
    assert _state(store) == before

    assert _import(store, folder, "--ja") == 0
    assert store.load_plan().decisions == []


def test_a_missing_plan_file_keeps_that_kind_and_needs_no_confirmation(example, capsys):
    store, folder = example
    (folder / "actions.csv").unlink()
    partners = folder / "partners.csv"
    partners.write_text(partners.read_text(encoding="utf-8").replace(
        "Gemeente Voorbeeldstad – Wmo-loket", "Gemeente Voorbeeldstad – Wmo", 1),
        encoding="utf-8")
    actions = store.load_plan().actions
    assert actions

    assert _import(store, folder) == 0
    out, _err = capsys.readouterr()
    assert "Niet in de import, blijft zoals het is: Acties." in out
    assert "Partners: 0 nieuw, 1 gewijzigd, 0 verwijderd" in out
    assert "verwijdert gegevens" not in out
    assert store.load_plan().actions == actions
    assert store.get("partners", "P01")[0].name == "Gemeente Voorbeeldstad – Wmo"


def test_adding_and_changing_values_needs_no_confirmation(example, capsys):
    store, folder = example
    offers = folder / "offers.csv"
    lines = offers.read_text(encoding="utf-8").splitlines()
    first = lines[1].split(",")
    lines.append(",".join(["N999", first[1], "Nieuwe koffieochtend"] + first[3:]))
    offers.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert _import(store, folder) == 0
    out, _err = capsys.readouterr()
    assert "Aanbod: 1 nieuw, 0 gewijzigd, 0 verwijderd" in out
    assert store.get("offers", "N999")[0].name == "Nieuwe koffieochtend"


@pytest.mark.parametrize("cut", ["in_quotes", "short_row"])
def test_a_file_cut_off_mid_row_is_an_error_naming_file_and_row(example, capsys, cut):
    store, folder = example
    offers = folder / "offers.csv"
    rows = offers.read_text(encoding="utf-8").rstrip("\n").split("\n")
    columns = len(rows[0].split(","))
    if cut == "in_quotes":
        # The file stops inside the quoted field of a row (the rows after it are gone).
        last = max(i for i, row in enumerate(rows) if '"' in row) + 1
        head, quoted = rows[last - 1].split('"', 1)
        rows = rows[:last - 1] + [head + '"' + quoted[:5]]
        expected = "het bestand houdt op midden in een veld tussen aanhalingstekens"
    else:
        last = len(rows)                              # the header is row 1
        rows[-1] = ",".join(rows[-1].split(",")[:4])  # stop after the fourth field
        expected = (f"deze rij heeft 4 van de {columns} kolommen en het bestand houdt midden "
                    "in de rij op")
    offers.write_text("\n".join(rows), encoding="utf-8")
    before = _state(store)

    assert _import(store, folder, "--ja") == 1
    out, _err = capsys.readouterr()
    assert "offers.csv (1 fout)" in out
    assert f"rij {last}: {expected}" in out and "afgebroken" in out
    assert "niets ingelezen" in out
    assert _state(store) == before
    assert main(["validate", "--data", str(folder)]) == 1


def test_the_same_file_complete_but_without_final_line_break_is_fine(example):
    store, folder = example
    partners = folder / "partners.csv"
    partners.write_text(partners.read_text(encoding="utf-8").rstrip("\r\n"), encoding="utf-8")
    before = _state(store)
    assert _import(store, folder) == 0
    assert _state(store)[0] == before[0]


# --- what counts as removing data (the store's diff) -----------------------------------

def test_removals_per_column_and_record(store, sample):
    coalition, plan = sample
    import_all(store, coalition, plan)
    # P03 was inactive; a file without the 'active' column makes every partner active.
    all_active = dataclasses.replace(coalition, partners=[
        dataclasses.replace(p, active=True, phone="") for p in coalition.partners])
    report = store.diff(all_active, plan, kinds={"partners"}).removal_report(
        {"partners": "partners.xlsx, blad 'partners'"})
    assert report.splitlines() == [
        "Deze import verwijdert gegevens:",
        "- partners.xlsx, blad 'partners' (Partners), kolom 'phone' (Telefoon): bij 1 van de 3 "
        "records gaat de waarde verloren (P01); in het bestand is deze kolom overal leeg of "
        "ontbreekt ze.",
        "- partners.xlsx, blad 'partners' (Partners), kolom 'active' (Actief): bij 1 van de 3 "
        "records gaat de waarde verloren (P03); ze krijgen de standaardwaarde ja; in het "
        "bestand is deze kolom overal leeg of ontbreekt ze."]
    # One value emptied (others keep theirs) is a removal too; a changed value is not.
    one = dataclasses.replace(coalition, offers=[
        dataclasses.replace(coalition.offers[0], end_date=None, name="Maatjes"),
        *coalition.offers[1:]])
    diff = store.diff(one, plan, kinds={"offers"})
    assert [(r.column, r.records, r.whole) for r in diff.removals()] == [
        ("end_date", ("A01",), True)]
    renamed = dataclasses.replace(coalition, offers=[
        dataclasses.replace(coalition.offers[0], name="Maatjes"), *coalition.offers[1:]])
    assert not store.diff(renamed, plan, kinds={"offers"}).removes_data
    # An emptied one-row kind (a header-only plan_choices file) removes its record.
    no_choices = dataclasses.replace(plan, choices=model.PlanChoices())
    [removal] = store.diff(coalition, no_choices, kinds={"plan_choices"}).removals()
    assert removal.describe() == ("plan_choices.csv (Keuzes): het enige record wordt "
                                  "verwijderd; het bestand heeft geen rijen met gegevens.")
