"""Store problems give a Dutch message in the CLI and the app, never a traceback.

A corrupt file, a 0-byte file, a read-only file, a schema newer than the
code, a server that is down, a PostgreSQL URL with a typo, a backup with
duplicate change ids. No message shows a password; nothing is created or
changed that the user did not ask for.
"""

from __future__ import annotations

import logging
import os
import sqlite3

import pytest

from coalition_map import model
from coalition_map.cli import main
from coalition_map.store import StoreError, open_store
from store_helpers import import_all

SECRET = "g3h31m-wachtwoord"


def run(capsys, *argv) -> tuple[int, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    text = out.out + out.err
    assert "Traceback" not in text and SECRET not in text
    return code, text


def old_file(path, content: bytes = b""):
    path.write_bytes(content)
    os.utime(path, (1_600_000_000, 1_600_000_000))    # not being created right now
    return path


# --- SQLite files -------------------------------------------------------------------------


@pytest.mark.parametrize("command", [["init"], ["history"], ["export", "--to", "uit"],
                                     ["gaps"], ["backup", "--to", "bak"]])
def test_zero_byte_store_is_an_error_not_refilled(tmp_path, capsys, command, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = old_file(tmp_path / "leeg.sqlite")
    code, text = run(capsys, *command, "--db", str(path))
    assert code == 1
    assert "leeg (0 bytes)" in text and "geen geldige database" in text
    assert path.read_bytes() == b""                     # not filled with example data
    assert sorted(p.name for p in tmp_path.iterdir()) == ["leeg.sqlite"]


def test_a_zero_byte_file_being_created_gets_a_moment(tmp_path, monkeypatch):
    from coalition_map.store import opening
    monkeypatch.setattr(opening, "NEW_FILE_GRACE_SECONDS", 0.5)
    path = tmp_path / "nieuw.sqlite"
    path.write_bytes(b"")                               # young: maybe another process
    with pytest.raises(StoreError, match="leeg"):
        open_store(str(path))                           # ... but it stays empty


@pytest.mark.parametrize("content", [b"dit is geen database" * 100,
                                     b"SQLite format 3\x00" + bytes(range(256)) * 20])
def test_corrupt_store_file(tmp_path, capsys, content):
    path = old_file(tmp_path / "kapot.sqlite", content)
    code, text = run(capsys, "history", "--db", str(path))
    assert code == 1 and "is beschadigd of geen coalition-map-database" in text
    assert path.read_bytes() == content


def test_a_folder_instead_of_a_store(tmp_path, capsys):
    code, text = run(capsys, "init", "--db", str(tmp_path))
    assert code == 1 and "is een map, geen bestand" in text


def test_newer_schema_is_refused_and_left_alone(tmp_path, capsys):
    path = tmp_path / "s.sqlite"
    open_store(str(path), seed=False).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_toekomst'")
    before = path.read_bytes()
    code, text = run(capsys, "history", "--db", str(path))
    assert code == 1
    assert "schemaversie 9999_toekomst" in text and "nieuwere versie" in text
    assert path.read_bytes() == before


def _pretend_read_only(monkeypatch, path):
    real = os.access

    def access(p, mode, *args, **kwargs):
        if mode & os.W_OK and os.path.abspath(p) in (str(path), str(path.parent)):
            return False
        return real(p, mode, *args, **kwargs)
    monkeypatch.setattr(os, "access", access)


def test_read_only_store_can_be_read_but_not_written(tmp_path, capsys, monkeypatch):
    path = tmp_path / "s.sqlite"
    open_store(str(path)).close()                        # seeded with the example
    _pretend_read_only(monkeypatch, path)
    store = open_store(str(path))
    assert store.read_only
    coalition = store.load_coalition()
    assert coalition.partners                           # everything can be read
    with pytest.raises(StoreError, match="alleen-lezen"):
        store.save("wijken", model.Wijk("WK99", "Nieuw"), author="Anna", expected_version=0)
    store.close()
    code, text = run(capsys, "history", "--db", str(path), "--limit", "2")
    assert code == 0 and "geïmporteerd" in text
    code, text = run(capsys, "export", "--db", str(path), "--to", str(tmp_path / "uit"))
    assert code == 0
    wijken = tmp_path / "uit" / "wijken.csv"
    wijken.write_text(wijken.read_text(encoding="utf-8").replace("Centrum", "Centrum-Oost"),
                      encoding="utf-8")
    code, text = run(capsys, "import", "--db", str(path), "--data", str(tmp_path / "uit"),
                     "--author", "Anna")
    assert code == 1 and "alleen-lezen" in text and "niets gewijzigd" in text
    change = open_store(str(path)).history(limit=1)[0].id
    code, text = run(capsys, "undo", "--db", str(path), "--change", str(change),
                     "--author", "Anna")
    assert code == 1 and "alleen-lezen" in text


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write any file")
def test_read_only_file_for_a_normal_user(tmp_path, capsys):      # pragma: no cover
    path = tmp_path / "s.sqlite"
    open_store(str(path)).close()
    path.chmod(0o444)
    store = open_store(str(path))
    assert store.read_only and store.load_coalition().partners
    store.close()


# --- URLs and servers -----------------------------------------------------------------------


@pytest.mark.parametrize("url", [f"postgresql:/anna:{SECRET}@127.0.0.1/kaart",
                                 f"postgresql:anna:{SECRET}@127.0.0.1/kaart",
                                 f"postgres:/anna:{SECRET}@db.example:5432/kaart"])
def test_url_with_one_slash_creates_nothing_and_hides_the_password(tmp_path, capsys,
                                                                    monkeypatch, url):
    monkeypatch.chdir(tmp_path)
    from coalition_map.paths import bundled_data_dir
    for command in (["init"], ["history"], ["import", "--data", str(bundled_data_dir())],
                    ["gaps"], ["export", "--to", "uit"]):
        code, text = run(capsys, *command, "--db", url)
        assert code == 1 and "tikfout" in text and "***" in text
    monkeypatch.setenv("COALITION_MAP_DB", url)
    code, text = run(capsys, "history")
    assert code == 1 and "tikfout" in text
    assert list(tmp_path.iterdir()) == []               # no folders named after the password


@pytest.mark.parametrize("url", [
    f"postgresql://anna:{SECRET}@127.0.0.1:1/kaart",               # nothing listens there
    f"postgresql://anna:{SECRET}@127.0.0.1:notaport/kaart",
    f"mysteriedb://anna:{SECRET}@127.0.0.1/kaart"])
def test_unreachable_or_unknown_database(capsys, url):
    code, text = run(capsys, "history", "--db", url)
    assert code == 1
    assert "niet bereikbaar" in text or "ongeldig" in text


def test_wrong_password_on_a_real_server(capsys):
    url = os.environ.get("COALITION_MAP_TEST_PG")
    if not url:
        pytest.skip("geen PostgreSQL: zet COALITION_MAP_TEST_PG")
    from sqlalchemy.engine import make_url
    bad = make_url(url).set(username="bestaatniet", password=SECRET).render_as_string(
        hide_password=False)
    code, text = run(capsys, "history", "--db", bad)
    assert code == 1 and "Inloggen op de databaseserver" in text


def test_unexpected_errors_end_in_dutch_with_the_password_masked(capsys, monkeypatch):
    from coalition_map.commands import store as commands

    def boom(args):
        raise RuntimeError(f"kapot bij postgresql://anna:{SECRET}@db/kaart")
    monkeypatch.setattr(commands, "cmd_history", boom)
    code, text = run(capsys, "history")
    assert code == 2 and "interne fout" in text and "postgresql://anna:***@db/kaart" in text


def test_log_records_mask_passwords(caplog):
    from coalition_map.ui import state
    with caplog.at_level(logging.INFO, logger="coalition_map.ui"):
        try:
            raise ValueError(f"postgresql://anna:{SECRET}@db/kaart")
        except ValueError:
            state.log.exception("Opslag kon niet worden geopend: %s",
                                f"postgresql:/anna:{SECRET}@db/kaart")
    text = caplog.text + "".join(r.exc_text or "" for r in caplog.records)
    assert SECRET not in text and "***" in text


# --- backups ---------------------------------------------------------------------------


def test_backup_with_duplicate_change_ids_is_refused_by_validate_and_import(store_url,
                                                                            tmp_path, capsys):
    from coalition_map.store.backup import write_backup
    from conftest import sample_data
    source = open_store(str(tmp_path / "bron.sqlite"), seed=False)
    import_all(source, *sample_data())
    source.save("wijken", model.Wijk("WK09", "Oost"), author="Bob", expected_version=0)
    folder = write_backup(source, tmp_path)
    source.close()
    history = folder / "history" / "history.csv"
    lines = history.read_text(encoding="utf-8").splitlines()
    history.write_text("\n".join(lines + [lines[1]]) + "\n", encoding="utf-8")
    code, text = run(capsys, "validate", "--data", str(folder))
    assert code == 1 and "meer dan eens voor" in text
    target = open_store(store_url, seed=False)
    target.save("wijken", model.Wijk("WK01", "Noord"), author="Carla", expected_version=0)
    before = target.load(), target.history(limit=None)
    code, text = run(capsys, "import", "--db", store_url, "--data", str(folder),
                     "--replace-history")
    assert code == 1 and "meer dan eens voor" in text
    assert (target.load(), target.history(limit=None)) == before
    target.close()


def test_app_shows_a_dutch_message_for_a_broken_store(tmp_path, monkeypatch):
    from app_helpers import APP
    from streamlit.testing.v1 import AppTest
    for name, content in (("leeg.sqlite", b""), ("kapot.sqlite", b"geen database" * 50)):
        path = old_file(tmp_path / name, content)
        monkeypatch.setenv("COALITION_MAP_DB", str(path))
        at = AppTest.from_file(APP, default_timeout=60)
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        messages = " ".join(e.value for e in at.error) + " ".join(c.value for c in at.caption)
        assert "De gegevensopslag kon niet worden geopend" in messages
        assert ("leeg (0 bytes)" if not content else "beschadigd") in messages.replace("\\", "")
        assert path.read_bytes() == content
    monkeypatch.setenv("COALITION_MAP_DB", f"postgresql:/anna:{SECRET}@127.0.0.1/kaart")
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    shown = " ".join(e.value for e in at.error) + " ".join(c.value for c in at.caption)
    assert "tikfout" in shown and SECRET not in shown
    assert not (tmp_path / "postgresql:").exists()


def test_app_reads_a_read_only_store_and_says_so(tmp_path, monkeypatch):
    from app_helpers import APP
    from streamlit.testing.v1 import AppTest
    path = tmp_path / "s.sqlite"
    open_store(str(path)).close()
    _pretend_read_only(monkeypatch, path)
    monkeypatch.setenv("COALITION_MAP_DB", str(path))
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception and not at.error
    assert any("alleen-lezen" in w.value for w in at.sidebar.warning)
