"""CLI: coalition-map snapshot / snapshots / compare (A or B may be 'nu')."""

from __future__ import annotations

import json

from coalition_map.cli import main


def test_snapshot_then_compare_with_now(tmp_path, capsys):
    db = str(tmp_path / "s.sqlite")
    assert main(["snapshot", "--name", "Start", "--db", db, "--author", "Anna"]) == 0
    assert "Peilmoment 'Start' vastgelegd" in capsys.readouterr().out
    assert main(["snapshot", "--name", "Start", "--db", db]) == 1
    assert "al een peilmoment met de naam 'Start'" in capsys.readouterr().err
    assert main(["snapshots", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "Nulmeting november 2025" in out and "Start" in out
    assert main(["compare", "Nulmeting november 2025", "Start", "--db", db,
                 "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["before"]["name"] == "Nulmeting november 2025"
    assert any(c["change"] == "closed" and c["reasons"] for c in data["cells"])
    assert main(["compare", "Start", "nu", "--db", db]) == 0
    assert "Vergelijking: 'Start'" in capsys.readouterr().out
    assert main(["compare", "Onbekend", "nu", "--db", db]) == 1
    assert "geen peilmoment met de naam 'Onbekend'" in capsys.readouterr().err
