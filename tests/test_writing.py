"""Writing exchange files: exact round trip, safety, atomicity, templates, data dictionary."""

import csv
import io

import openpyxl
import pytest

from coalition_map import model, writing
from coalition_map.datadict import DOC_PATH, data_dictionary_markdown
from coalition_map.loading import format_report, load_folder, load_upload, load_workbook
from coalition_map.schema import FILES
from coalition_map.writing import (rows_for, template_bytes, write_folder, write_workbook)
from helpers_io import tricky_coalition


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_folder_round_trip_is_exact(tmp_path, fmt):
    coalition, plan = tricky_coalition()
    folder = write_folder(coalition, plan, tmp_path / "export", fmt=fmt)
    result = load_folder(folder)
    assert result.problems == [], format_report(result)
    assert result.coalition == coalition
    assert result.plan == plan


def test_workbook_round_trip_is_exact(tmp_path):
    coalition, plan = tricky_coalition()
    path = write_workbook(coalition, plan, tmp_path / "kaart.xlsx")
    result = load_workbook(path)
    assert result.problems == [], format_report(result)
    assert (result.coalition, result.plan) == (coalition, plan)


def test_csv_cells_are_neutralized_and_formatted(tmp_path):
    coalition, plan = tricky_coalition()
    folder = write_folder(coalition, plan, tmp_path / "x")
    with open(folder / "partners.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == [c.name for c in FILES["partners"].columns]   # schema order
    assert rows[0]["phone"] == "'+31 20 123 4567"
    assert rows[0]["email"] == "'@info"
    assert rows[0]["roles"] == "signaleren|toeleiden"
    assert rows[1]["wijken"] == "alle" and rows[1]["active"] == "nee"
    with open(folder / "offers.csv", encoding="utf-8", newline="") as handle:
        offers = list(csv.DictReader(handle))
    assert offers[0]["end_date"] == "2026-12-31"
    assert offers[0]["capacity"] == "" and offers[1]["capacity"] == "0"
    assert offers[1]["target_groups"] == "mantelzorgers; jong|"
    text = (folder / "coalition.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK" in text


def test_xlsx_cells_are_neutralized_and_typed(tmp_path):
    coalition, plan = tricky_coalition()
    path = write_workbook(coalition, plan, tmp_path / "k.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb["wijken"]
    assert [c.value for c in ws[1]][:3] == ["code", "name", "municipality"]
    assert ws["D2"].value == 12500 and ws["F2"].value == 12.5
    assert wb["coalition"]["D2"].value.startswith("'=")
    assert wb.sheetnames == [fk.sheet_name for fk in FILES.values()]


def test_optional_files_only_when_filled_and_stale_ones_removed(tmp_path):
    coalition, plan = tricky_coalition()
    folder = write_folder(coalition, plan, tmp_path / "x")
    assert (folder / "actions.csv").exists()
    (folder / "offers.xlsx").write_bytes(b"oud")           # other format of a kind
    (folder / "eigen-notities.txt").write_text("blijft")  # not ours: untouched
    write_folder(coalition, model.Plan(), folder)
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["coalition.csv", "eigen-notities.txt", "offers.csv", "partners.csv",
                     "referrals.csv", "wijken.csv"]
    result = load_folder(folder)
    assert result.ok and result.plan == model.Plan()


def test_empty_coalition_writes_headers_and_loads(tmp_path):
    folder = write_folder(model.Coalition(), None, tmp_path / "leeg")
    result = load_folder(folder)
    assert result.ok and result.coalition == model.Coalition()
    assert {p.message for p in result.warnings} == {
        "het bestand bevat alleen een kopregel, geen gegevens"}


def test_failure_leaves_existing_files_untouched(tmp_path, monkeypatch):
    coalition, plan = tricky_coalition()
    folder = write_folder(coalition, plan, tmp_path / "x")
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    real = writing.csv_bytes

    def failing(file_kind, objects, **kw):
        if getattr(file_kind, "kind", file_kind) == "referrals":
            raise OSError("schijf vol")
        return real(file_kind, objects, **kw)

    monkeypatch.setattr(writing, "csv_bytes", failing)
    changed = model.Coalition(coalition.info, coalition.wijken[:1], [], [], [])
    with pytest.raises(OSError):
        write_folder(changed, plan, folder)
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    assert [p.name for p in tmp_path.iterdir()] == ["x"]      # no temp folders left


def test_failed_rename_leaves_no_temp_files(tmp_path, monkeypatch):
    coalition, plan = tricky_coalition()

    def broken_replace(src, dst):
        raise OSError("kan niet hernoemen")

    monkeypatch.setattr(writing.os, "replace", broken_replace)
    with pytest.raises(OSError):
        write_folder(coalition, plan, tmp_path / "nieuw")
    with pytest.raises(OSError):
        write_workbook(coalition, plan, tmp_path / "k.xlsx")
    assert list(tmp_path.iterdir()) == []


def test_rows_for_single_object_kinds():
    coalition, plan = tricky_coalition()
    (row,) = rows_for("plan_choices", plan.choices)
    assert row["focus_wijken"] == "alle"
    assert row["onderdelen"] == "bewustwording|herkennen"
    (row,) = rows_for(FILES["plan_steps"], plan.steps[:1])
    assert row == {"number": "1", "status": "afgerond", "checked": "0|1|3",
                   "start_date": "2025-01-06", "end_date": "2025-03-01", "notes": "klaar"}


def test_templates():
    data = template_bytes("offers", "csv")
    assert data.startswith(b"\xef\xbb\xbfid,partner_id,name,kind,delivered_by,")
    objects, problems = load_upload("offers", "offers.csv", data)
    assert objects == [] and [p.severity for p in problems] == ["waarschuwing"]
    wb = openpyxl.load_workbook(io.BytesIO(template_bytes("offers", "xlsx")))
    assert wb.sheetnames == ["offers", "toelichting"]
    assert [c.value for c in wb["offers"][1]] == [c.name for c in FILES["offers"].columns]
    notes = [[c.value for c in row] for row in wb["toelichting"].iter_rows()]
    assert notes[5][:4] == ["kind", "Soort", "keuze uit een lijst", "ja"]
    assert notes[1][:4] == ["kolom", "label", "type", "verplicht"]
    full = openpyxl.load_workbook(io.BytesIO(template_bytes(None, "xlsx")))
    assert full.sheetnames == [*FILES, "toelichting"]
    with pytest.raises(ValueError, match="onbekend formaat"):
        template_bytes("offers", "pdf")


def test_template_workbook_loads_with_only_warnings(tmp_path):
    path = tmp_path / "sjabloon.xlsx"
    path.write_bytes(template_bytes(None, "xlsx"))
    result = load_workbook(path)
    assert result.ok, format_report(result)


def test_committed_data_dictionary_is_current():
    assert DOC_PATH.read_text(encoding="utf-8") == data_dictionary_markdown(), \
        "docs/data-dictionary.md is verouderd: draai `coalition-map docs`"


def test_committed_rules_document_is_current():
    from coalition_map.rulesdoc import DOC_PATH as RULES_PATH, rules_markdown
    assert RULES_PATH.read_text(encoding="utf-8") == rules_markdown(), \
        "docs/regels.md is out of date: run `coalition-map docs`"


def test_data_dictionary_covers_every_column_and_term():
    text = data_dictionary_markdown()
    for fk in FILES.values():
        assert f"## {fk.filename}: {fk.label}" in text
        for column in fk.columns:
            assert f"| `{column.name}` | " in text
            if column.vocab is not None:
                for term in column.vocab:
                    assert f"| `{term.code}` | " in text
