"""The export-kaart and export-plan commands on the bundled example data."""

from __future__ import annotations

import io

import openpyxl
import pytest

from coalition_map.cli import main
from coalition_map.kaart.selection import kaart_entries
from coalition_map.loading import load_path
from coalition_map.paths import bundled_data_dir

DAY = "2026-06-01"


@pytest.fixture(scope="module")
def example():
    result = load_path(bundled_data_dir())
    assert result.ok
    return result.coalition


def test_export_kaart_xlsx_for_a_wijk(tmp_path, example, capsys):
    import datetime as dt
    wijk = example.wijken[0].code
    target = tmp_path / "kaart.xlsx"
    assert main(["export-kaart", "--data", str(bundled_data_dir()), "--wijk", wijk,
                 "--format", "xlsx", "--datum", DAY, "--to", str(target)]) == 0
    wb = openpyxl.load_workbook(io.BytesIO(target.read_bytes()))
    ws = wb["Sociale kaart"]
    col = [c.value for c in ws[1]].index("Id")
    ids = {r[col] for r in ws.iter_rows(min_row=2, values_only=True)}
    day = dt.date.fromisoformat(DAY)
    from coalition_map.availability import offers_available
    expected = {o.id for o in offers_available(example, wijk, day, include_full=True)}
    assert ids == expected and expected
    inactive = {o.id for o in example.offers if not o.active
                or (o.end_date is not None and o.end_date < day)}
    assert not ids & inactive
    assert f"({len(expected)} aanbod)" in capsys.readouterr().out


@pytest.mark.parametrize("fmt", ["html", "pdf", "csv", "graphml", "gexf"])
def test_export_kaart_formats(tmp_path, fmt):
    target = tmp_path / f"kaart.{fmt}"
    assert main(["export-kaart", "--data", str(bundled_data_dir()), "--format", fmt,
                 "--audience", "residents", "--to", str(target)]) == 0
    assert target.stat().st_size > 500


def test_export_kaart_hsds_validates(tmp_path):
    frictionless = pytest.importorskip("frictionless")
    assert main(["export-kaart", "--data", str(bundled_data_dir()), "--format", "hsds",
                 "--to", str(tmp_path / "hsds")]) == 0
    assert frictionless.validate(str(tmp_path / "hsds" / "datapackage.json")).valid
    assert main(["export-kaart", "--data", str(bundled_data_dir()), "--format", "hsds",
                 "--to", str(tmp_path / "hsds.zip")]) == 0
    assert (tmp_path / "hsds.zip").read_bytes()[:2] == b"PK"


def test_export_kaart_unknown_wijk(tmp_path, capsys):
    assert main(["export-kaart", "--data", str(bundled_data_dir()), "--wijk", "GEENWIJK",
                 "--format", "csv", "--to", str(tmp_path / "k.csv")]) == 1
    assert "Onbekende wijk 'GEENWIJK'" in capsys.readouterr().err
    assert not (tmp_path / "k.csv").exists()


@pytest.mark.parametrize("fmt", ["xlsx", "html", "pdf"])
def test_export_plan(tmp_path, fmt, example):
    target = tmp_path / f"plan.{fmt}"
    assert main(["export-plan", "--data", str(bundled_data_dir()), "--format", fmt,
                 "--to", str(target)]) == 0
    data = target.read_bytes()
    if fmt == "html":
        assert "Plan van aanpak" in data.decode()
    elif fmt == "pdf":
        assert data.startswith(b"%PDF")
    else:
        wb = openpyxl.load_workbook(io.BytesIO(data))
        plan = load_path(bundled_data_dir()).plan
        rows = list(wb["Acties"].iter_rows(min_row=2, values_only=True))
        assert [r[0] for r in rows] == [a.id for a in plan.actions]


def test_export_kaart_from_store(tmp_path):
    pytest.importorskip("sqlalchemy")
    db = tmp_path / "kaart.sqlite"
    target = tmp_path / "kaart.csv"
    assert main(["export-kaart", "--db", str(db), "--format", "csv", "--to", str(target)]) == 0
    text = target.read_bytes().decode("utf-8-sig")
    example = load_path(bundled_data_dir()).coalition
    assert len(text.splitlines()) - 1 == len(kaart_entries(example).rows)
