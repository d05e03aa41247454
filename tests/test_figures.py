"""CBS Kerncijfers and RIVM loneliness per wijk: StatLine CSV in the exact layout, with
the odd cases (shifted suffixes, padded codes, '.', -99997, codes the coalition lacks)."""

from __future__ import annotations

from pathlib import Path

import pytest

from coalition_map import figures
from coalition_map.cli import main
from coalition_map.store import open_store

FIXTURES = Path(__file__).resolve().parent / "fixtures"
CBS = FIXTURES / "cbs-kerncijfers-85984NED.csv"
CBS_SHIFTED = FIXTURES / "cbs-kerncijfers-verschoven-2023.csv"
RIVM = FIXTURES / "rivm-eenzaamheid-50120NED.csv"


def test_cbs_columns_matched_on_their_stem_codes_trimmed_unknown_values_none():
    f = figures.read_cbs(CBS.read_bytes(), CBS.name, year=2024, table="85984NED")
    assert f.ok and f.year == 2024 and "85984NED" in f.source
    assert set(f.rows) == {"WK999901", "WK999902", "WK999903", "WK999904", "WK999999"}
    assert f.rows["WK999901"] == {"inhabitants": 12550, "inhabitants_65plus": 2255}
    assert f.rows["WK999903"]["inhabitants_65plus"] is None            # '.'
    assert f.rows["WK999904"]["inhabitants"] is None                   # -99997
    shifted = figures.read_cbs(CBS_SHIFTED.read_bytes(), CBS_SHIFTED.name)
    assert shifted.ok and shifted.year == 2023                         # from Perioden
    assert shifted.rows["WK999905"] == {"inhabitants": 21390, "inhabitants_65plus": 2790}


def test_cbs_without_year_or_with_wrong_columns_is_refused_in_dutch():
    f = figures.read_cbs(CBS.read_bytes(), CBS.name)
    assert not f.ok and "--jaar" in f.errors[0]
    f = figures.read_cbs(b'"ID";"Regio";"Inwoners"\r\n1;"WK01";5\r\n', "ander.csv", year=2024)
    assert not f.ok and "WijkenEnBuurten_" in f.errors[0] and "ander.csv" in f.errors[0]
    f = figures.read_cbs(CBS.read_bytes()[:-40], CBS.name, year=2024)
    assert not f.ok and "afgebroken" in f.errors[0]


def test_rivm_estimate_and_interval_latest_period_age_group():
    f = figures.read_rivm(RIVM.read_bytes(), RIVM.name)
    assert f.ok and f.year == 2022
    assert f.rows["WK999901"] == {"pct_lonely": 49, "pct_severely_lonely": 12,
                                  "pct_lonely_low": 45, "pct_severely_lonely_low": 10,
                                  "pct_lonely_high": 53, "pct_severely_lonely_high": 14}
    # 2022 wins over 2020; its '.' stays unknown (not the older 47)
    assert f.rows["WK999902"]["pct_lonely"] is None
    assert f.rows["WK999902"]["pct_severely_lonely"] == 15
    old = figures.read_rivm(RIVM.read_bytes(), RIVM.name, age="65+")
    assert old.rows["WK999901"]["pct_lonely"] == 53 and "65 jaar" in old.source
    assert "WK999902" not in old.rows


def test_apply_keeps_unknowns_reports_codes_and_records_source():
    from coalition_map.loading import load_folder
    from coalition_map.paths import bundled_data_dir
    wijken = load_folder(bundled_data_dir()).coalition.wijken
    f = figures.read_cbs(CBS.read_bytes(), CBS.name, year=2024, table="85984NED")
    ch = figures.apply_figures(wijken, f)
    by = {w.code: w for w in ch.wijken}
    before = {w.code: w for w in wijken}
    assert by["WK999901"].inhabitants == 12550 and by["WK999901"].year == 2024
    assert by["WK999901"].source == "CBS Kerncijfers wijken en buurten 85984NED"
    assert by["WK999903"].inhabitants_65plus == before["WK999903"].inhabitants_65plus
    assert by["WK999904"].inhabitants == before["WK999904"].inhabitants
    assert by["WK999905"] == before["WK999905"]
    assert ch.unknown_codes == ["WK999999"]
    assert "WK999905" in ch.not_in_file
    assert ("WK999903", "inhabitants_65plus") in ch.missing_values
    assert "WK999999" in ch.report(f)


def test_cli_previews_then_applies_as_one_undoable_step(tmp_path, capsys):
    db = str(tmp_path / "s.sqlite")
    store = open_store(db)
    before = {w.code: w for w in store.load_coalition().wijken}
    store.close()
    assert main(["import-cbs", str(CBS), "--db", db, "--jaar", "2024", "--tabel", "85984NED",
                 "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Proefdraai" in out and "Wijken: 0 nieuw, 4 gewijzigd" in out
    store = open_store(db)
    assert {w.code: w for w in store.load_coalition().wijken} == before
    store.close()
    assert main(["import-cbs", str(CBS), "--db", db, "--jaar", "2024", "--author", "Anna"]) == 0
    assert main(["import-rivm", str(RIVM), "--db", db, "--author", "Anna"]) == 0
    store = open_store(db)
    w = next(w for w in store.load_coalition().wijken if w.code == "WK999901")
    assert (w.inhabitants, w.pct_lonely, w.pct_lonely_low, w.pct_lonely_high) == \
        (12550, 49, 45, 53)
    assert w.year == 2022 and w.source.startswith("RIVM")
    sets = store.changesets()
    assert sets[0].note.startswith("RIVM") and sets[1].note.startswith("CBS")
    store.close()
    assert main(["import-cbs", str(FIXTURES / "bestaat-niet.csv"), "--db", db]) == 1
    assert "kan het bestand niet lezen" in capsys.readouterr().err


@pytest.mark.parametrize("path", [CBS, RIVM])
def test_fixtures_are_statline_layout(path):
    head = path.read_text(encoding="utf-8").splitlines()[0]
    assert head.startswith('"ID";') and '"WijkenEnBuurten"' in head
