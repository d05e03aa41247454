"""`coalition-map gaps`: JSON keys, CSV rows, table text, wijk filter, errors."""

import csv
import io
import json

import pytest
from builders import all_types_offer, coalition, offer, partner, referral, wijk

from coalition_map.cli import main
from coalition_map.writing import write_folder


@pytest.fixture()
def folder(tmp_path):
    c = coalition(
        wijken=[wijk("W1", "Noord"), wijk("W2", "Zuid")],
        partners=[partner("ha", "huisarts", roles=("signaleren",)),
                  partner("tz", "thuiszorg", roles=("signaleren",)),
                  partner("ggz", "ggz", roles=("aanbieden", "monitoren")),
                  partner("h", "vrijwilligers", roles=("aanbieden",))],
        offers=[all_types_offer("comp", "ggz", "compenseerders"),
                offer("m", "h", name="Maatjesproject", delivered_by="vrijwilliger",
                      types=("vrijwillige_inzet",), profiles=("buitenstaanders",))],
        referrals=[referral("ha", "ggz"), referral("tz", "ggz")])
    path = tmp_path / "data"
    write_folder(c, None, path)
    return path


def run(capsys, *args):
    code = main(["gaps", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_has_the_promised_keys(folder, capsys):
    code, out, _ = run(capsys, "--data", str(folder), "--format", "json",
                       "--datum", "2026-06-01")
    assert code == 0
    data = json.loads(out)
    for key in ("cells", "conflicts", "chain", "fragility"):
        assert key in data
    assert len(data["cells"]) == 16
    for cell in data["cells"]:
        for key in ("wijk", "profile", "state", "reach", "reachable", "offers",
                    "limited_offers", "partners", "missing_types", "reasons",
                    "estimated_people", "vangnet"):
            assert key in cell
        assert cell["state"] in ("covered", "partial", "uncovered", "unreachable")
        assert cell["reach"] in ("full", "limited", "none")
        assert all(set(r) == {"kind", "text", "source"} for r in cell["reasons"])
    comp = next(c for c in data["cells"] if c["wijk"] == "W1" and c["profile"] == "compenseerders")
    # only huisarts and thuiszorg signal: Compenseerders are found in part (001 L7137-7142)
    assert comp["state"] == "partial" and comp["reach"] == "limited"
    assert comp["partners"] == ["ggz"] and comp["offers"] == ["comp"]
    assert "limited_reach" in [r["kind"] for r in comp["reasons"]]
    assert [(c["offer"], c["profile"]) for c in data["conflicts"]] == [("m", "buitenstaanders")]
    assert set(data["chain"]) == {"W1", "W2"}
    assert data["chain"]["W1"]["roles"]["signaleren"] == ["ha", "tz"]
    # the changes per partner only with --kwetsbaarheid (docs/benchmarks.md, "JSON")
    assert set(data["fragility"]) == {"single_carrier", "carriers"}
    assert data["by_partner"] is False
    assert "suggestions" in data
    code, out, _ = run(capsys, "--data", str(folder), "--format", "json",
                       "--datum", "2026-06-01", "--kwetsbaarheid")
    full = json.loads(out)
    assert full["by_partner"] is True
    assert {"single_carrier", "by_partner", "carriers"} == set(full["fragility"])
    assert full["brokers"] == data["brokers"]


def test_json_for_one_wijk(folder, capsys):
    code, out, _ = run(capsys, "--data", str(folder), "--format", "json", "--wijk", "W2")
    data = json.loads(out)
    assert code == 0 and {c["wijk"] for c in data["cells"]} == {"W2"}
    assert set(data["chain"]) == {"W2"}


def test_csv_one_row_per_cell(folder, capsys):
    code, out, _ = run(capsys, "--data", str(folder), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) == 16
    assert {"wijk", "profile", "state", "reach", "reason_kinds", "reasons"} <= set(rows[0])


def test_table_is_dutch(folder, capsys):
    code, out, _ = run(capsys, "--data", str(folder), "--wijk", "W1", "--verdeling",
                       "pilot_rotterdam")
    assert code == 0
    assert "verdeling in de Rotterdamse pilot, geen prevalentie" in out
    assert "Compenseerders" in out and "beperkt bereik" in out and "Keten:" in out
    assert "Zuid" not in out


def test_unknown_wijk_and_bad_folder(folder, tmp_path, capsys):
    code, _, err = run(capsys, "--data", str(folder), "--wijk", "XX")
    assert code == 1 and "Onbekende wijk" in err
    code, _, err = run(capsys, "--data", str(tmp_path / "bestaat-niet"))
    assert code == 1 and err.strip()


def test_own_mix_from_local_numbers(folder, capsys):
    code, out, _ = run(capsys, "--data", str(folder), "--format", "json",
                       "--eigen-verdeling", "buitenstaanders=3, Overlever=1")
    data = json.loads(out)
    assert code == 0 and data["mix"]["code"] == "eigen"
    people = {(c["wijk"], c["profile"]): c["estimated_people"] for c in data["cells"]}
    assert people["W1", "buitenstaanders"] == 600       # 10,000 × 8 % × 3/4
    assert people["W1", "overlevers"] == 200
    assert people["W1", "actieven"] == 0
    code, _, err = run(capsys, "--data", str(folder), "--eigen-verdeling", "eenzamen=3")
    assert code == 1 and "onbekend profiel" in err
