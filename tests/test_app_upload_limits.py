"""AppTest: an upload can never keep the server busy; a bad file gets a Dutch answer.

The size is checked before anything is read (and the browser refuses a file
over Streamlit's ``maxUploadSize``, set to the same limit); reading is
bounded by construction (:mod:`coalition_map.limits`). The time bounds here
only detect a hang.
"""

from __future__ import annotations

import time
import tomllib

from app_helpers import ROOT, assert_clean, by_key, db, run_app  # noqa: F401 (db is a fixture)
from fuzz_inputs import absurd_row_workbook

from coalition_map import limits
from coalition_map.ui.state import AUTHOR_KEY

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _upload(kind: str, name: str, data: bytes, mime: str):
    at = run_app("pages/partners_aanbod.py", session={AUTHOR_KEY: "Anna"})
    by_key(at.selectbox, "pa_import_soort").set_value(kind).run()
    start = time.perf_counter()
    at.get("file_uploader")[0].set_value((name, data, mime)).run()
    assert time.perf_counter() - start < 60
    assert not at.exception, [e.value for e in at.exception]
    return at


def _messages(at) -> str:
    frames = [d.value for d in at.dataframe if "Melding" in d.value.columns]
    assert frames, "geen tabel met problemen"
    return " ".join(frames[0]["Melding"])


def test_streamlit_refuses_uploads_over_the_file_limit():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["maxUploadSize"] * 1024 * 1024 == limits.MAX_FILE_BYTES


def test_an_upload_over_the_limit_is_refused_before_reading(db, monkeypatch):
    from coalition_map import reading
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 1000)
    read = []
    monkeypatch.setattr(reading, "read_csv", lambda *a, **k: read.append(a))
    version = db.data_version()
    at = _upload("partners", "partners.csv", b"id,name,sector\n" + b"P,x,ggd\n" * 200,
                 "text/csv")
    (error,) = at.error
    assert "is 2 KB; de grens is 1 KB per bestand" in error.value
    assert not read and db.data_version() == version


def test_a_workbook_with_an_absurd_row_number_gets_a_dutch_error(db):
    version = db.data_version()
    at = _upload("partners", "partners.xlsx", absurd_row_workbook(), XLSX)
    assert "ongeldig rijnummer '99999999999'" in _messages(at)
    assert any("wordt niet ingelezen" in e.value for e in at.error)
    assert db.data_version() == version


def test_a_full_workbook_with_an_absurd_row_number_gets_a_dutch_error(db):
    at = _upload("__werkmap__", "kaart.xlsx", absurd_row_workbook(), XLSX)
    assert "ongeldig rijnummer" in _messages(at)


def test_long_digit_runs_in_an_upload_are_refused_quickly(db):
    rows = "".join(f"WK{i},Wijk {i},{'1' * 20000}\n" for i in range(20))
    at = _upload("wijken", "wijken.csv", f"code,name,inhabitants\n{rows}".encode(), "text/csv")
    assert "geen getal: 20.000 tekens lang" in _messages(at)
