"""``coalition-map validate`` and ``docs``: report and exit codes."""

import subprocess
import sys
from pathlib import Path

from coalition_map.cli import main
from coalition_map.datadict import data_dictionary_markdown
from coalition_map.writing import write_workbook
from helpers_io import minimal_folder, tricky_coalition

REPO = Path(__file__).resolve().parent.parent


def test_validate_clean_folder_exits_0(tmp_path, capsys):
    folder = minimal_folder(tmp_path / "data")
    assert main(["validate", "--data", str(folder)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"Geen problemen gevonden in {folder}.")


def test_validate_broken_folder_exits_1_and_lists_all(tmp_path, capsys):
    folder = minimal_folder(
        tmp_path / "data",
        partners="id,name,sector\nP01,a,woningcoporatie\nP02,b,welzijn\nP02,c,welzijn\n",
        referrals=None)
    assert main(["validate", "--data", str(folder)]) == 1
    out = capsys.readouterr().out
    assert "3 fouten" in out
    assert "1. rij 2, kolom 'sector', waarde 'woningcoporatie': onbekende sector " \
           "'woningcoporatie'; bedoelt u 'woningcorporatie'?" in out
    assert "2. rij 4, kolom 'id', waarde 'P02': dubbele id: komt al voor in rij 3" in out
    assert "3. bestand referrals.csv ontbreekt" in out


def test_validate_workbook(tmp_path, capsys):
    path = write_workbook(*tricky_coalition(), tmp_path / "kaart.xlsx")
    assert main(["validate", "--data", str(path)]) == 0
    assert "Ingelezen: 2 wijken, 2 partners, 2 aanbod, 2 verwijsroutes." in capsys.readouterr().out


def test_validate_as_a_process(tmp_path):
    folder = minimal_folder(tmp_path / "data", wijken="")
    proc = subprocess.run([sys.executable, "-m", "coalition_map.cli", "validate", "--data",
                           str(folder)], cwd=REPO, capture_output=True, text=True,
                          env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 1, proc.stderr
    assert "wijken.csv (1 fout)" in proc.stdout
    assert "het bestand is leeg" in proc.stdout


def test_docs_writes_the_dictionary(tmp_path, capsys):
    target = tmp_path / "dd.md"
    assert main(["docs", "--output", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == data_dictionary_markdown()
