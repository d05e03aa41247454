"""The role table: kept by a beheerder, logged, locked, untouched by imports (issue 13)."""

from __future__ import annotations

import pytest

from coalition_map.access import RoleEntry, actor_from_claims
from coalition_map.store import StoreError
from coalition_map.store.roles import remove_role, role_entries, role_log, role_table, set_role
from store_helpers import import_all


def test_roles_are_saved_logged_and_read_by_the_login(store):
    assert set_role(store, RoleEntry(" Anna@Welzijn.NL ", "partner", "P01", "Anna"),
                    author="Carla", expected_version=0) == 1
    assert set_role(store, RoleEntry("anna@welzijn.nl", "redacteur", "P01"), author="Carla",
                    expected_version=1) == 2
    entry, version = role_table(store)["anna@welzijn.nl"]
    assert (entry.role, entry.partner_id, version) == ("redacteur", "", 2)  # only partners keep one
    actor = actor_from_claims({"sub": "s1", "email": "ANNA@welzijn.nl"}, role_entries(store))
    assert actor.role == "redacteur"
    remove_role(store, "anna@welzijn.nl", author="Carla", expected_version=2)
    assert role_table(store) == {}
    assert [(c.old_role, c.new_role) for c in role_log(store)] == [
        ("redacteur", None), ("partner", "redacteur"), (None, "partner")]


def test_a_role_change_against_an_old_version_is_refused(store):
    set_role(store, RoleEntry("bob@ggz.nl", "kijker"), author="Carla", expected_version=0)
    set_role(store, RoleEntry("bob@ggz.nl", "redacteur"), author="Dirk", expected_version=1)
    with pytest.raises(StoreError, match="intussen gewijzigd"):
        set_role(store, RoleEntry("bob@ggz.nl", "beheerder"), author="Carla",
                 expected_version=1)
    assert role_table(store)["bob@ggz.nl"][0].role == "redacteur"


@pytest.mark.parametrize("entry,message", [
    (RoleEntry("", "kijker"), "vul de inlognaam in"),
    (RoleEntry("x@y.nl", "keizer"), "onbekende rol"),
    (RoleEntry("x@y.nl", "partner"), "kies bij de rol partner de organisatie"),
])
def test_bad_role_entries_get_a_dutch_refusal(store, entry, message):
    with pytest.raises(StoreError, match=message):
        set_role(store, entry, author="Carla", expected_version=0)
    assert role_table(store) == {}


def test_an_import_of_the_data_leaves_the_roles_alone(store, sample):
    set_role(store, RoleEntry("anna@welzijn.nl", "beheerder"), author="Carla",
             expected_version=0)
    import_all(store, *sample)
    assert list(role_table(store)) == ["anna@welzijn.nl"]


def test_the_command_line_keeps_the_role_table(tmp_path, capsys):
    from coalition_map.cli import main
    db = str(tmp_path / "s.sqlite")
    assert main(["init", "--db", db]) == 0
    assert main(["roles", "set", "Anna@Welzijn.nl", "partner", "--partner", "P01", "--db", db,
                 "--author", "Carla"]) == 0
    assert main(["roles", "set", "bob@ggz.nl", "partner", "--partner", "P999", "--db", db]) == 1
    assert "partner P999 bestaat niet" in capsys.readouterr().err
    assert main(["roles", "list", "--db", db]) == 0
    assert "anna@welzijn.nl\tpartner voor P01" in capsys.readouterr().out
    assert main(["roles", "remove", "anna@welzijn.nl", "--db", db, "--author", "Carla"]) == 0
    assert main(["roles", "log", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "Carla: anna@welzijn.nl partner → -" in out and "Carla: anna@welzijn.nl - → partner" in out


def test_serve_refuses_a_network_address_without_login(tmp_path, capsys, monkeypatch):
    from coalition_map.cli import main
    started = []
    monkeypatch.setattr("os.execve", lambda exe, cmd, env: started.append((cmd, env)))
    monkeypatch.setattr("subprocess.call", lambda cmd, **kw: started.append((cmd, kw["env"])))
    monkeypatch.setattr("os.chdir", lambda path: None)
    monkeypatch.setenv("HOME", str(tmp_path))                  # no ~/.streamlit/secrets.toml
    db = str(tmp_path / "s.sqlite")
    assert main(["serve", "--db", db, "--host", "0.0.0.0", "--port", "8697"]) == 2
    assert "De app start niet" in capsys.readouterr().err and not started
    assert main(["serve", "--db", db, "--host", "0.0.0.0", "--allow-open"]) in (0, None)
    assert started[-1][1]["COALITION_MAP_ALLOW_OPEN"] == "1"
    secrets = tmp_path / "secrets.toml"
    secrets.write_text('[auth]\nredirect_uri = "https://k.nl/oauth2callback"\n'
                       'cookie_secret = "x"\nclient_id = "c"\nclient_secret = "s"\n'
                       'server_metadata_url = "https://idp/.well-known/openid-configuration"\n')
    assert main(["serve", "--db", db, "--host", "0.0.0.0", "--secrets", str(secrets)]) \
        in (0, None)
    assert started[-1][0][-2:] == ["--secrets.files", str(secrets)]
    assert main(["serve", "--db", db, "--port", "8697"]) in (0, None)   # loopback: fine
