"""Real browser, issue 15: the first screen fits 1366×768 and 1920×1080, Streamlit's own
texts are Dutch, saved meeting views survive a server restart (and ←/→ steps them),
and the HTML kaart's contact links and search box work under its own policy.

Screenshots go to ``test-output/screenshots/fit-*.png``.
"""

from __future__ import annotations

import sys

import pytest

from test_browser import (CHROMIUM, CHROMIUM_ARGS, ROOT, SHOTS, _require_browser,
                          _start, _stop, _wait_until_done)

pytestmark = pytest.mark.browser

SIZES = ((1366, 768), (1920, 1080))


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    _require_browser()
    sys.path.insert(0, str(ROOT))
    from coalition_map.store import open_store
    tmp = tmp_path_factory.mktemp("fit")
    db = tmp / "store.sqlite"
    open_store(str(db)).close()
    proc, log, url = _start(db, tmp / "streamlit.log")
    state = {"db": db, "tmp": tmp, "url": url, "proc": proc, "log": log}
    yield state
    _stop(state["proc"], state["log"])


@pytest.fixture(scope="module")
def browser(server):
    from playwright.sync_api import sync_playwright
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


def _page(browser, width, height):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    external: list[str] = []
    page.on("request", lambda r: external.append(r.url)
            if not r.url.startswith(("http://127.0.0.1", "data:", "blob:", "about:",
                                     "file:")) else None)
    return context, page, external


FIT_JS = """() => {
  const heat = document.querySelector('table.cm-heat');
  const main = document.querySelector('[data-testid="stMain"]');
  const ths = heat ? [...heat.querySelectorAll('th')] : [];
  const last = ths.length ? ths[ths.length - 1].getBoundingClientRect() : null;
  return {
    viewport: [window.innerWidth, window.innerHeight],
    scrollWidth: document.documentElement.scrollWidth,
    mainRight: main.getBoundingClientRect().right,
    heatBottom: heat ? heat.getBoundingClientRect().bottom : null,
    lastHeader: ths.length ? ths[ths.length - 1].innerText : null,
    lastRight: last ? last.right : null,
    frames: [...document.querySelectorAll('[data-testid="stDataFrame"]')].map(f => {
      const sc = f.querySelector('.dvn-scroller');
      return sc ? [sc.scrollWidth, sc.clientWidth] : null; }),
  };
}"""


@pytest.mark.parametrize("width,height", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_first_screen_shows_the_gaps_without_cut_off(browser, server, width, height):
    context, page, external = _page(browser, width, height)
    try:
        page.goto(server["url"], wait_until="domcontentloaded")
        _wait_until_done(page)
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"fit-overzicht-{width}.png"))
        fit = page.evaluate(FIT_JS)
        assert fit["scrollWidth"] <= width, fit
        assert fit["lastHeader"] == "Overlevers", fit
        assert fit["lastRight"] <= min(width, fit["mainRight"]) + 1, fit   # not cut off
        assert fit["heatBottom"] <= height, fit       # the whole heatmap on the first screen
        assert "De Akkers" in page.locator("table.cm-heat").inner_text()
        assert "niet gedekt" in page.locator("table.cm-heat").inner_text()
        # Dekking per wijk: the clickable heatmap has every profile column in view
        page.goto(server["url"] + "dekking", wait_until="domcontentloaded")
        _wait_until_done(page)
        page.screenshot(path=str(SHOTS / f"fit-dekking-{width}.png"))
        fit = page.evaluate(FIT_JS)
        inner, visible = fit["frames"][0]
        assert inner <= visible + 2, fit
        assert not external
    finally:
        context.close()



@pytest.mark.parametrize("width,height", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_meeting_mode_fits_with_the_sidebar_open(browser, server, width, height):
    """Vergadermodus (large type, sidebar with Vorige/Volgende open): the Overzicht heatmap
    and the Dekking heatmap each show every wijk and every profile column on the screen."""
    context, page, _ = _page(browser, width, height)
    try:
        page.goto(server["url"], wait_until="domcontentloaded")
        _wait_until_done(page)
        page.get_by_text("Vergadermodus").click()
        _wait_until_done(page)
        page.wait_for_timeout(300)
        assert page.get_by_role("button", name="Volgende ▶").is_visible()
        for name in ("overzicht", "grootste-gaten", "dekking"):
            if name != "overzicht":
                page.get_by_role("button", name="Volgende ▶").click()
                _wait_until_done(page)
                page.wait_for_timeout(300)
            if name == "grootste-gaten":
                continue
            page.screenshot(path=str(SHOTS / f"fit-vergader-{name}-{width}.png"))
            fit = page.evaluate(FIT_JS)
            assert fit["scrollWidth"] <= width, (name, fit)
            assert fit["lastHeader"] == "Overlevers", (name, fit)
            assert fit["lastRight"] <= min(width, fit["mainRight"]) + 1, (name, fit)
            assert fit["heatBottom"] <= height, (name, fit)
            heat = page.locator("table.cm-heat").inner_text()
            assert "Noorderpolder" in heat and "De Akkers" in heat, name
    finally:
        context.close()

def test_streamlit_texts_are_dutch(browser, server):
    context, page, _ = _page(browser, 1366, 768)
    try:
        page.goto(server["url"] + "partners_aanbod", wait_until="domcontentloaded")
        _wait_until_done(page)
        page.get_by_role("tab", name="Inlezen").click()
        page.wait_for_timeout(800)
        uploader = page.locator('[data-testid="stFileUploader"]').first.inner_text()
        assert "Bestand kiezen" in uploader and "per bestand" in uploader, uploader
        assert "Upload" not in uploader and "per file" not in uploader, uploader
        page.screenshot(path=str(SHOTS / "fit-uploader-1366.png"))
        page.goto(server["url"], wait_until="domcontentloaded")
        _wait_until_done(page)
        frame = page.locator('[data-testid="stDataFrame"]').first
        frame.scroll_into_view_if_needed()
        frame.hover()
        page.wait_for_timeout(500)
        labels = [b.get_attribute("aria-label") for b in
                  page.locator('[data-testid="stElementToolbar"] button').all()]
        assert "Downloaden als CSV" in labels and "Zoeken" in labels, labels
        assert not {"Download as CSV", "Search", "Fullscreen"} & set(labels), labels
        body = page.locator('[data-testid="stMain"]').inner_text()
        assert "betweenness" not in body.lower()
        assert "Choose an option" not in body and "Select all" not in body
    finally:
        context.close()


def test_saved_views_survive_a_restart_and_step_with_the_arrow_keys(browser, server):
    context, page, _ = _page(browser, 1366, 768)
    try:
        page.goto(server["url"] + "dekking", wait_until="domcontentloaded")
        _wait_until_done(page)
        page.get_by_text("Weergave bewaren voor de vergadering").click()
        box = page.get_by_label("Naam van de weergave")
        box.fill("Dekking voor het overleg")
        box.press("Enter")
        _wait_until_done(page)
        page.get_by_role("button", name="Huidige weergave bewaren").click()
        _wait_until_done(page)
        assert page.get_by_text("Bewaard als weergave").count() == 1
    finally:
        context.close()
    # restart the server on the same database
    _stop(server["proc"], server["log"])
    server["proc"], server["log"], server["url"] = _start(server["db"],
                                                          server["tmp"] / "streamlit2.log")
    context, page, _ = _page(browser, 1920, 1080)
    try:
        page.goto(server["url"] + "?muur=1", wait_until="domcontentloaded")
        _wait_until_done(page)
        page.wait_for_timeout(500)
        page.screenshot(path=str(SHOTS / "fit-muur-1920.png"))
        assert not page.locator('[data-testid="stSidebar"]').is_visible()   # wall view
        titles = page.evaluate("""() => [...document.querySelectorAll(
            '[data-testid="stSidebar"] button')].map(b => b.innerText)""")
        assert any("Dekking voor het overleg" in t for t in titles), titles

        def caption():
            return page.evaluate("""() => [...document.querySelectorAll(
                '[data-testid="stSidebar"] [data-testid="stCaptionContainer"]')]
                .map(c => c.innerText).find(t => t.startsWith('Weergave ')) || ''""")
        assert caption().startswith("Weergave 1 van"), caption()
        page.locator("body").press("ArrowRight")
        _wait_until_done(page)
        page.wait_for_timeout(500)
        assert caption().startswith("Weergave 2 van"), caption()
        page.locator("body").press("ArrowLeft")
        _wait_until_done(page)
        page.wait_for_timeout(500)
        assert caption().startswith("Weergave 1 van"), caption()
    finally:
        context.close()


def test_html_kaart_links_and_search(browser, tmp_path):
    sys.path.insert(0, str(ROOT))
    from coalition_map.kaart.html import kaart_html
    from coalition_map.loading import load_folder
    coalition = load_folder(ROOT / "data").coalition
    path = tmp_path / "sociale-kaart.html"
    path.write_bytes(kaart_html(coalition))
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    refused: list[str] = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security" in m.text
            or "Refused" in m.text else None)
    try:
        page.goto(path.as_uri())
        assert page.locator('a[href^="tel:"]').count() > 10
        assert page.locator('a[href^="mailto:"]').count() > 10
        assert page.locator('a[href^="https://"]').count() > 10
        tel = page.locator('a[href^="tel:"]').first.get_attribute("href")
        assert tel[4:].lstrip("+").isdigit(), tel
        total = page.locator("main article.offer").count()
        page.locator("#zoek").fill("maatje")
        page.wait_for_timeout(200)
        shown = page.locator("main article.offer:visible").count()
        assert 0 < shown < total
        assert "gevonden" in page.locator("#zoek-aantal").inner_text()
        page.screenshot(path=str(SHOTS / "fit-kaart-zoeken.png"))
        assert not refused, refused
    finally:
        context.close()
