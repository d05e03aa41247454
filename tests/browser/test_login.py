"""Login through a real OpenID Connect provider, in Chromium, for each of the four roles.

An OIDC provider (``oidc-provider-mock`` from PyPI) runs on loopback in this
process; the app runs with ``[auth]`` in a secrets file pointing at it. Each
role logs in through the real flow (the app's "Inloggen" button → the
provider's form → back to the app) and the test checks what it sees and can
do. The open-bind guard is tested on a real server too.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("COALITION_MAP_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-dev-shm-usage"]
SHOTS = ROOT / "test-output" / "screenshots"

#: login → (claims the provider sends, role-table entry or None)
USERS = {
    "kijker@gemeente.nl": {"name": "Wanda Wand", "coalitie_rol": "kijker"},
    "partner@welzijn.nl": {"name": "Anna Welzijn"},                  # role from the table
    "redacteur@gemeente.nl": {"name": "Bob Redacteur", "coalitie_rol": "redacteur"},
    "beheerder@gemeente.nl": {"name": "Carla Beheer", "coalitie_rol": "beheerder"},
}


def _require():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"geen Chromium op {CHROMIUM}")
    try:
        import oidc_provider_mock  # noqa: F401
        import playwright.sync_api  # noqa: F401
    except ImportError as exc:
        pytest.skip(f"{exc.name} niet geïnstalleerd (pip install -e '.[test]')")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(url: str, proc, log: Path, seconds: float = 90) -> None:
    deadline = time.time() + seconds
    while True:
        try:
            urllib.request.urlopen(url + "_stcore/health", timeout=2)
            return
        except OSError:
            if proc.poll() is not None or time.time() > deadline:
                pytest.fail("streamlit startte niet:\n" + log.read_text()[-3000:])
            time.sleep(0.5)


def _start_app(tmp: Path, db: Path, *, address: str, secrets: Path | None, env_extra=None):
    port = _free_port()
    log = tmp / f"streamlit-{port}.log"
    env = dict(os.environ, COALITION_MAP_DB=str(db), PYTHONPATH=str(ROOT), **(env_extra or {}))
    cmd = [sys.executable, "-m", "streamlit", "run", str(ROOT / "streamlit_app.py"),
           "--server.port", str(port), "--server.headless", "true",
           "--server.address", address, "--browser.gatherUsageStats", "false",
           "--server.fileWatcherType", "none"]
    if secrets is not None:
        cmd += ["--secrets.files", str(secrets)]
    with open(log, "w") as out:    # the child keeps its own copy of the file
        proc = subprocess.Popen(cmd, cwd=tmp, env=env, stdout=out, stderr=subprocess.STDOUT)
    return proc, port, log


@pytest.fixture(scope="module")
def provider():
    _require()
    import oidc_provider_mock
    import httpx
    with oidc_provider_mock.run_server_in_thread() as server:
        base = f"http://127.0.0.1:{server.server_port}"
        for login, claims in USERS.items():
            response = httpx.put(f"{base}/users/{quote(login)}",
                                 json={"email": login, **claims})
            assert response.status_code == 204
        yield base


@pytest.fixture(scope="module")
def login_app(provider, tmp_path_factory):
    from coalition_map.access import RoleEntry
    from coalition_map.store import open_store
    from coalition_map.store.roles import set_role
    tmp = tmp_path_factory.mktemp("login")
    db = tmp / "store.sqlite"
    store = open_store(str(db))
    set_role(store, RoleEntry("partner@welzijn.nl", "partner", "P05"), author="test",
             expected_version=0)
    store.close()
    port = _free_port()
    secrets = tmp / "secrets.toml"
    secrets.write_text(
        "[auth]\n"
        f'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
        'cookie_secret = "test-cookie-secret-0123456789abcdef"\n'
        'client_id = "coalition-map"\n'
        'client_secret = "geheim"\n'
        f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n')
    log = tmp / "streamlit.log"
    env = dict(os.environ, COALITION_MAP_DB=str(db), PYTHONPATH=str(ROOT))
    cmd = [sys.executable, "-m", "streamlit", "run", str(ROOT / "streamlit_app.py"),
           "--server.port", str(port), "--server.headless", "true",
           "--server.address", "0.0.0.0", "--browser.gatherUsageStats", "false",
           "--server.fileWatcherType", "none", "--secrets.files", str(secrets)]
    with open(log, "w") as out:
        proc = subprocess.Popen(cmd, cwd=tmp, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    try:
        _wait_for(url, proc, log)
        yield url, db
    finally:
        proc.terminate()
        proc.wait(10)


@pytest.fixture(scope="module")
def browser():
    _require()
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def login(browser, url: str, login_name: str):
    """A fresh browser context, logged in through the provider's form."""
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    page.goto(url)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/oauth2/authorize**", timeout=30000)
    page.fill("input[name=sub]", login_name)
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(url + "**", timeout=30000)
    page.get_by_text("Ingelogd als").first.wait_for(timeout=60000)
    return context, page


@pytest.mark.parametrize("login_name,role_text", [
    ("kijker@gemeente.nl", "Kijker"), ("partner@welzijn.nl", "Partner voor"),
    ("redacteur@gemeente.nl", "Redacteur"), ("beheerder@gemeente.nl", "Beheerder")])
def test_each_role_logs_in_through_the_provider(browser, login_app, login_name, role_text):
    url, _db = login_app
    context, page = login(browser, url, login_name)
    try:
        sidebar = page.locator("[data-testid=stSidebar]").inner_text().replace("\u2060", "")
        assert f"({login_name})" in sidebar and role_text in sidebar
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"login-{login_name.split('@')[0]}.png"))
    finally:
        context.close()


def _nav(page) -> str:
    return page.locator("[data-testid=stSidebarNav]").inner_text()


def test_what_each_role_sees_and_does(browser, login_app):
    url, db = login_app
    # kijker: reads, no edit controls, no Rollen / Actueel houden
    context, page = login(browser, url, "kijker@gemeente.nl")
    try:
        assert "Rollen" not in _nav(page) and "Actueel houden" not in _nav(page)
        page.goto(url + "partners_aanbod")
        page.get_by_role("tab", name="Partners").first.wait_for(timeout=60000)
        page.get_by_text("kunt hier alles bekijken, maar niets wijzigen").first.wait_for()
        assert page.get_by_role("tab", name="Inlezen").count() == 0
        assert page.get_by_text("Bewerken", exact=True).count() == 0
    finally:
        context.close()
    # partner: its own offers, "Nog steeds juist" stamps today's date in the store
    context, page = login(browser, url, "partner@welzijn.nl")
    try:
        assert "Rollen" not in _nav(page)
        page.goto(url + "actueel")
        page.get_by_role("heading", name="Uw gegevens").wait_for(timeout=60000)
        page.get_by_role("button", name="Nog steeds juist").first.click()
        page.get_by_text("Bevestigd:").first.wait_for(timeout=60000)
        from coalition_map.store import open_store
        store = open_store(str(db), seed=False)
        try:
            own = [o for o in store.load_coalition().offers if o.partner_id == "P05"]
            import datetime as dt
            assert any(o.confirmed_on == dt.date.today() for o in own)
            assert store.history("offers", limit=1)[0].author == \
                "Anna Welzijn <partner@welzijn.nl>"
        finally:
            store.close()
    finally:
        context.close()
    # redacteur: edits, but no import and no Rollen
    context, page = login(browser, url, "redacteur@gemeente.nl")
    try:
        assert "Rollen" not in _nav(page)
        page.goto(url + "partners_aanbod")
        page.get_by_text("Bewerken", exact=True).first.wait_for(timeout=60000)
        assert page.get_by_role("tab", name="Inlezen").count() == 0
    finally:
        context.close()
    # beheerder: import and the role table
    context, page = login(browser, url, "beheerder@gemeente.nl")
    try:
        assert "Rollen" in _nav(page)
        page.goto(url + "partners_aanbod")
        page.get_by_role("tab", name="Inlezen").wait_for(timeout=60000)
        page.goto(url + "rollen")
        page.get_by_text("Rol toekennen of wijzigen").first.wait_for(timeout=60000)
        page.get_by_text("Laatste wijzigingen van rollen").first.wait_for(timeout=60000)
    finally:
        context.close()


def test_without_login_nothing_is_shown(browser, login_app):
    url, _db = login_app
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(url)
        page.get_by_role("button", name="Inloggen").wait_for(timeout=60000)
        assert "Overzicht" not in page.locator("[data-testid=stMain]").inner_text()
    finally:
        context.close()


def test_local_mode_refuses_a_network_address_unless_allowed(tmp_path, browser):
    db = tmp_path / "store.sqlite"
    for allow, expected in ((None, "De app start niet"), ("1", "Lokale modus")):
        env = {"COALITION_MAP_ALLOW_OPEN": allow} if allow else {}
        proc, port, log = _start_app(tmp_path, db, address="0.0.0.0", secrets=None,
                                     env_extra=env)
        url = f"http://127.0.0.1:{port}/"
        try:
            _wait_for(url, proc, log)
            page = browser.new_page()
            page.goto(url)
            page.get_by_text(expected).first.wait_for(timeout=60000)
            page.close()
        finally:
            proc.terminate()
            proc.wait(10)
