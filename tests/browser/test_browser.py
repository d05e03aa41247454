"""Real-browser test: `streamlit run` on a free port, every page in headless Chromium.

Uses Debian's ``/usr/bin/chromium`` through Playwright (browsers cannot be
downloaded here); skipped with the reason when it or Playwright is missing.
Screenshots go to ``test-output/screenshots/`` (gitignored).

The XSS check puts partners named ``<img src=x onerror=alert(1)>`` and
``<script>alert(2)</script>`` into the store, opens Netwerk focused on one of
them and asserts that no dialog fires, no injected element exists in the
network iframe, and the name is there as text. A wijk and a partner named
with a Markdown image (``![x](http://evil.invalid/x.png)``) must never make
the browser fetch it: every page, and every view of the meeting mode, is
checked for requests outside the app.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("COALITION_MAP_CHROMIUM", "/usr/bin/chromium")
SHOTS = ROOT / "test-output" / "screenshots"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-dev-shm-usage"]

_STATE: dict = {}

XSS_IMG = "<img src=x onerror=alert(1)>"
XSS_SCRIPT = "<script>alert(2)</script>"
MD_IMAGE = "![x](http://evil.invalid/x.png) **vet**"

#: (url path, heading, screenshot name) of every page of the app.
PAGES = [  # a page's own URL first: the first visit after a server start
    ("netwerk", "Netwerk", "netwerk"),
    ("", "Overzicht", "overzicht"),
    ("dekking", "Dekking per wijk", "dekking"),
    ("partners_aanbod", "Partners en aanbod", "partners_aanbod"),
    ("wijzigingen", "Wijzigingen", "wijzigingen"),
    ("stappenplan", None, "stappenplan"),
    ("sociale_kaart", None, "sociale_kaart"),
    ("peilmomenten", "Peilmomenten", "peilmomenten"),
]


def _require_browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"geen Chromium op {CHROMIUM}: installeer het met "
                    "'apt-get install -y chromium' (CI doet dat in .ci/run)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        pytest.skip("Playwright voor Python is niet geïnstalleerd (pip install playwright)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _seed_store(db: Path) -> None:
    """A store seeded from the bundled example, plus the two XSS-named partners."""
    sys.path.insert(0, str(ROOT))
    from coalition_map.model import Partner, Referral
    from coalition_map.store import open_store
    store = open_store(str(db))
    store.save("partners", Partner("XSS1", XSS_IMG, "overig", roles=("signaleren",)),
               author="browsertest", expected_version=0)
    store.save("partners", Partner("XSS2", XSS_SCRIPT, "overig", roles=("signaleren",)),
               author="browsertest", expected_version=0)
    first = store.load_coalition().partners[0].id
    store.save("referrals", Referral("XSS1", first, "meldt"), author="browsertest",
               expected_version=0)
    from coalition_map.model import Wijk
    store.save("wijken", Wijk("WKMD", MD_IMAGE, inhabitants=500), author="browsertest",
               expected_version=0)
    # ... with a boundary, so its name is on the wijk map too (as text, never an image)
    from coalition_map.geo import load_boundaries
    square = [[[179000, 431000], [180000, 431000], [180000, 432000], [179000, 432000],
               [179000, 431000]]]
    doc = json.dumps({"type": "FeatureCollection", "features": [{
        "type": "Feature", "properties": {"code": "WKMD"},
        "geometry": {"type": "Polygon", "coordinates": square}}]})
    (boundary,) = load_boundaries(doc.encode(), "md.geojson").boundaries
    store.save("boundaries", boundary, author="browsertest", expected_version=0)
    store.save("partners", Partner("MD1", MD_IMAGE, "welzijn", roles=("signaleren",),
                                   wijken=("WKMD",)), author="browsertest", expected_version=0)
    store.save("referrals", Referral("MD1", first, "meldt"), author="browsertest",
               expected_version=0)
    store.close()


def _start(db: Path, log_path: Path):
    """A Streamlit server of this checkout on a free port, on the store ``db``:
    ``(process, open log, url)`` once its health check answers."""
    port = _free_port()
    env = dict(os.environ, COALITION_MAP_DB=str(db), PYTHONPATH=str(ROOT))
    log = open(log_path, "a")  # noqa: SIM115 - the server writes to it until it stops
    cmd = [sys.executable, "-m", "streamlit", "run", str(ROOT / "streamlit_app.py"),
           "--server.port", str(port), "--server.headless", "true",
           "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
           "--client.showErrorDetails", "full", "--server.fileWatcherType", "none"]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.time() + 60
    while True:
        try:
            urllib.request.urlopen(url + "_stcore/health", timeout=2)
            return proc, log, url
        except OSError:
            if proc.poll() is not None or time.time() > deadline:
                log.flush()
                _stop(proc, log)
                pytest.fail("streamlit startte niet:\n" + log_path.read_text()[-3000:])
            time.sleep(0.3)


def _stop(proc, log) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    _require_browser()
    tmp = tmp_path_factory.mktemp("browser")
    db = tmp / "store.sqlite"
    _seed_store(db)
    _STATE["db"] = db
    proc, log, url = _start(db, tmp / "streamlit.log")
    try:
        yield url
    finally:
        _stop(proc, log)


@pytest.fixture(scope="module")
def browser(app_url):
    from playwright.sync_api import sync_playwright
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


def _wait_until_done(page, timeout_ms: int = 45000) -> None:
    """Wait until the app has drawn something and the script has stopped running."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout_ms)
    page.wait_for_selector('[data-testid="stMainBlockContainer"] h1, '
                           '[data-testid="stException"]', timeout=timeout_ms)
    deadline = time.time() + timeout_ms / 1000
    quiet = 0
    while time.time() < deadline:
        busy = page.evaluate(
            "() => !!document.querySelector('[data-testid=\"stStatusWidgetRunningIcon\"], "
            "[data-testid=\"stStatusWidgetRunningManIcon\"], [data-testid^=\"stSkeleton\"], "
            "[data-stale=\"true\"]')")
        quiet = 0 if busy else quiet + 1
        if quiet >= 6:
            return
        time.sleep(0.25)
    raise AssertionError("de pagina werd niet klaar binnen de tijd")


def _new_page(browser):
    context = browser.new_context(viewport={"width": 1600, "height": 1500})
    page = context.new_page()
    dialogs: list[str] = []

    def on_dialog(dialog):
        dialogs.append(dialog.message)
        dialog.dismiss()
    page.on("dialog", on_dialog)
    external: list[str] = []
    page.on("request", lambda r: external.append(r.url)
            if not r.url.startswith(("http://127.0.0.1", "data:", "blob:", "about:")) else None)
    return context, page, dialogs, external


def _existing(path: str) -> bool:
    if not path:
        return True
    return (ROOT / "pages" / f"{path}.py").exists()


@pytest.mark.parametrize("path,heading,name", PAGES, ids=[p[2] for p in PAGES])
def test_page_opens_without_exception(browser, app_url, path, heading, name):
    if not _existing(path):
        pytest.skip(f"pagina {path} bestaat (nog) niet")
    context, page, dialogs, external = _new_page(browser)
    try:
        page.goto(app_url + path, wait_until="domcontentloaded")
        _wait_until_done(page)
        if name == "netwerk":
            frame = page.frame_locator('iframe[title="Netwerkkaart"]')
            frame.locator("body[data-ready='1']").wait_for(timeout=30000)
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
        assert page.locator('[data-testid="stException"]').count() == 0, \
            page.locator('[data-testid="stException"]').first.inner_text()
        if heading:
            assert page.locator("h1", has_text=heading).count() >= 1
        # The app's own navigation (sections, Dutch titles), not a file listing.
        nav = page.locator('[data-testid="stSidebarNav"]').inner_text()
        assert "Dekking per wijk" in nav and "Partners en aanbod" in nav, nav
        assert not dialogs
        assert not external, f"verzoeken naar buiten: {external[:5]}"
    finally:
        context.close()


def test_meeting_mode_large_type(browser, app_url):
    context, page, dialogs, external = _new_page(browser)
    try:
        page.goto(app_url, wait_until="domcontentloaded")
        _wait_until_done(page)
        size_before = page.evaluate("() => parseFloat(getComputedStyle("
                                    "document.querySelector('h1')).fontSize)")
        page.get_by_text("Vergadermodus").click()
        _wait_until_done(page)
        page.wait_for_timeout(500)
        size_after = page.evaluate("() => parseFloat(getComputedStyle("
                                   "document.querySelector('h1')).fontSize)")
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "vergadermodus.png"), full_page=True)
        assert size_after > size_before
        assert page.get_by_role("button", name="Volgende ▶").count() == 1
        page.get_by_role("button", name="Volgende ▶").click()
        _wait_until_done(page)
        page.screenshot(path=str(SHOTS / "vergadermodus_volgende.png"), full_page=True)
        assert page.locator('[data-testid="stException"]').count() == 0
        # Every view of the meeting (one shows the wijk with the Markdown image in its
        # name): the name is text, nothing is fetched from outside.
        as_text = 0
        for step in range(6):
            page.get_by_role("button", name="Volgende ▶").click()
            _wait_until_done(page)
            page.screenshot(path=str(SHOTS / f"vergadermodus_{step + 3}.png"), full_page=True)
            assert page.locator('img[src*="evil.invalid"]').count() == 0
            assert page.locator('a[href*="evil.invalid"]').count() == 0
            as_text += page.get_by_text("![x](http", exact=False).count()
        assert as_text >= 1   # shown as text in at least one view
        assert not external, f"verzoeken naar buiten: {external[:5]}"
    finally:
        context.close()


def test_network_escapes_partner_names(browser, app_url):
    context, page, dialogs, external = _new_page(browser)
    try:
        page.goto(app_url + "netwerk", wait_until="domcontentloaded")
        _wait_until_done(page)
        # Focus on the XSS partner: pick it in the focus select box.
        focus = page.locator('[data-testid="stSelectbox"]', has_text="Focus op één partner")
        focus.locator("input").first.click()
        page.keyboard.type("img src")
        page.get_by_role("option", name=XSS_IMG).click()
        _wait_until_done(page)
        frame = page.frame_locator('iframe[title="Netwerkkaart"]')
        frame.locator("body[data-ready='1']").wait_for(timeout=30000)
        page.wait_for_timeout(500)
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "netwerk_xss.png"), full_page=True)
        assert not dialogs, f"dialoog geopend: {dialogs}"
        assert frame.locator('img[src="x"]').count() == 0
        assert frame.locator("script:not([src])").count() == 2  # only the app's own scripts
        assert frame.locator("#nodelist li", has_text=XSS_IMG).count() == 1
        assert page.locator('img[src="x"]').count() == 0
        # The focus box under the graph shows the name as text.
        assert page.get_by_text(XSS_IMG, exact=False).count() >= 1
        assert not external, f"verzoeken naar buiten: {external[:5]}"
        # The whole network too (both names, no injected script ran).
        focus.locator("input").first.click()
        page.get_by_role("option", name="— geen focus —").click()
        _wait_until_done(page)
        frame.locator("body[data-ready='1']").wait_for(timeout=30000)
        assert frame.locator("#nodelist li", has_text=XSS_SCRIPT).count() == 1
        assert not dialogs
    finally:
        context.close()


def test_what_if_changes_the_heatmap(browser, app_url):
    """Pick a partner that leaves: the warning and the outlined cells appear."""
    context, page, dialogs, _ = _new_page(browser)
    try:
        page.goto(app_url + "dekking", wait_until="domcontentloaded")
        _wait_until_done(page)
        sys.path.insert(0, str(ROOT))
        from coalition_map.analysis import analyze, what_if
        from coalition_map.store import open_store
        store = open_store(str(_STATE["db"]))
        coalition = store.load_coalition()
        store.close()
        pid, _ = analyze(coalition).fragility.critical_partners()[0]
        name = coalition.partner(pid).name
        expected = len(what_if(coalition, remove_partners=[pid]))
        box = page.locator('[data-testid="stMultiSelect"]', has_text="Partners die stoppen")
        box.scroll_into_view_if_needed()
        box.locator("input").first.click()
        page.keyboard.type(name[:12])
        page.get_by_role("option", name=name, exact=True).click()
        page.keyboard.press("Escape")
        _wait_until_done(page)
        page.wait_for_timeout(300)
        page.locator("h1").first.scroll_into_view_if_needed()
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "dekking_wat_als.png"), full_page=True)
        assert page.locator('[data-testid="stException"]').count() == 0
        assert page.get_by_text("Wat-als", exact=False).first.is_visible()
        assert page.get_by_text(f"({expected} cellen slechter", exact=False).count() == 1
        assert not dialogs
    finally:
        context.close()


def test_comparison_page_shows_what_changed_since_the_nulmeting(browser, app_url):
    """The example ships two peilmomenten; Nulmeting → nu shows closed gaps with their
    reasons per wijk, the partners added since (the XSS names among them, as text)."""
    context, page, dialogs, external = _new_page(browser)
    try:
        page.goto(app_url + "peilmomenten", wait_until="domcontentloaded")
        _wait_until_done(page)
        assert page.get_by_text("Nulmeting november 2025").count() >= 1
        closed = page.locator('[data-testid="stMetric"]', has_text="Gaten gesloten")
        assert int(closed.locator('[data-testid="stMetricValue"]').inner_text()) >= 1
        page.get_by_text("gesloten,", exact=False).first.scroll_into_view_if_needed()
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "peilmomenten_vergelijking.png"), full_page=True)
        assert page.locator('[data-testid="stException"]').count() == 0
        assert page.get_by_text("Partners erbij", exact=False).count() >= 1
        # the self-assessment tab opens
        page.get_by_role("tab", name="Verankering (stap 6)").click()
        _wait_until_done(page)
        assert page.get_by_text("Strategiekaart verankering", exact=False).count() >= 1
        page.screenshot(path=str(SHOTS / "peilmomenten_verankering.png"), full_page=True)
        assert not dialogs and page.locator('img[src="x"]').count() == 0
        assert not external, f"verzoeken naar buiten: {external[:5]}"
    finally:
        context.close()


def test_round_view_on_the_network_page(browser, app_url):
    """The example's two relationship rounds: the latest with the change since 2025."""
    context, page, dialogs, external = _new_page(browser)
    try:
        page.goto(app_url + "netwerk", wait_until="domcontentloaded")
        _wait_until_done(page)
        heading = page.get_by_role("heading", name="Relatiemeting")
        heading.scroll_into_view_if_needed()
        response = page.locator('[data-testid="stMetric"]', has_text="Respons")
        assert " van " in response.locator('[data-testid="stMetricValue"]').inner_text()
        assert page.get_by_text("Verschil met de vorige ronde: 2025").count() == 1
        trust = page.locator('[data-testid="stMetric"]', has_text="Vertrouwen in het netwerk")
        assert trust.locator('[data-testid="stMetricDelta"]').count() == 1
        page.wait_for_timeout(300)
        SHOTS.mkdir(parents=True, exist_ok=True)
        heading.scroll_into_view_if_needed()
        page.screenshot(path=str(SHOTS / "netwerk_relatiemeting.png"), full_page=True)
        assert page.locator('[data-testid="stException"]').count() == 0
        assert not dialogs
        assert not external, f"verzoeken naar buiten: {external[:5]}"
    finally:
        context.close()


def test_map_on_overzicht_opens_the_cells_of_a_clicked_wijk(browser, app_url):
    """The wijk map is drawn from the stored boundaries, offline; a click on a wijk
    lands on Dekking per wijk with that wijk's cells."""
    context, page, dialogs, external = _new_page(browser)
    try:
        page.goto(app_url, wait_until="domcontentloaded")
        _wait_until_done(page)
        svg = page.locator(".st-key-wijkkaart svg.cm-wijkkaart")
        svg.scroll_into_view_if_needed()
        assert page.locator(".st-key-wijkkaart a[href^='dekking?wijk=']").count() == 11
        # hover text: name and figures
        title = page.locator(".cm-wijk[data-code='WK999903'] > title").text_content()
        assert title.startswith("Molenwijk (WK999903)") and "cellen open" in title
        # the Markdown-image wijk is on the map as text only
        assert page.locator('img[src*="evil.invalid"]').count() == 0
        assert "![x](http" in page.locator(".cm-wijk[data-code='WKMD'] > title").text_content()
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "overzicht_kaart.png"), full_page=True)
        page.locator(".cm-wijk[data-code='WK999903'] path").first.click()
        page.wait_for_url("**/dekking?wijk=WK999903", timeout=30000)
        _wait_until_done(page)
        cells = page.locator(".st-key-wijkcellen")
        assert cells.get_by_text("De cellen van Molenwijk", exact=False).count() == 1
        assert cells.locator(".cm-cel").count() == 8
        # the cell explained is one of Molenwijk's (its worst)
        assert page.locator("h4", has_text="Molenwijk ×").count() == 1
        page.screenshot(path=str(SHOTS / "dekking_uit_kaart.png"), full_page=True)
        assert page.locator('[data-testid="stException"]').count() == 0
        assert not dialogs
        assert not external, f"verzoeken naar buiten: {external[:5]}"
    finally:
        context.close()
