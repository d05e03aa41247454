"""Time from navigation to a drawn, stable network picture in Chromium (prints figures).

    python benchmarks/network_view.py --before <git ref or folder> [--runs 5]
        [--ports 8611-8614] [--shots test-output/network_view]

Starts ``coalition-map serve`` for the code before (a ``git worktree`` of the
ref, or a folder with an old checkout) and for this checkout, each on its own
port and its own copy of the store, once against the bundled example (36
partners) and once against a region-scale store (the coordinators' spelling
generator, ``benchmarks/coordinators.py``: 1,000 partners, 6,000 offers,
imported through the CLI). Headless Chromium (``/usr/bin/chromium``) opens
the Netwerk page in a fresh context and the time runs from ``page.goto`` to
``body[data-ready='1']`` inside the picture's iframe (the page sets it when
vis-network has drawn and stopped moving). Before and after alternate in one
loop, so both see the same machine load. Per variant it prints the median of
``--runs`` warm navigations (one navigation first fills the server's caches),
the time from a click on "Netwerk" in the sidebar of a running session (the
page switch during a meeting; the browser has the app) to the picture drawn,
the server process's CPU during a navigation (``/proc``), Chromium's
main-thread task time of the page (``Performance.getMetrics``), the time to the
page's title (the app shell, without the picture), the time inside the iframe
from its start to drawn (``performance.now()`` there), and the load average. Screenshots of the new code at 1920x1080 and 1366x768 go to
``--shots``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

CHROMIUM = os.environ.get("COALITION_MAP_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-dev-shm-usage"]
FRAME = 'iframe[title="Netwerkkaart"]'
VIEWPORTS = ((1920, 1080), (1366, 768))
CLK_TCK = os.sysconf("SC_CLK_TCK")


def _cli(checkout: Path, *args: str, **kw) -> subprocess.CompletedProcess:
    """``coalition-map ARGS`` with the package of ``checkout`` (this venv's Python)."""
    env = dict(os.environ, PYTHONPATH=str(checkout))
    return subprocess.run([sys.executable, "-c", "import sys; from coalition_map.cli import "
                           "main; sys.exit(main(sys.argv[1:]))", *args], cwd=checkout,
                          env=env, **kw)


class Server:
    """``coalition-map serve`` of one checkout on one port (the process is the server)."""

    def __init__(self, checkout: Path, db: Path, port: int, log: Path):
        self.url = f"http://127.0.0.1:{port}/"
        self._log = open(log, "w")  # noqa: SIM115 - open while the server runs
        env = dict(os.environ, PYTHONPATH=str(checkout))
        self.proc = subprocess.Popen(
            [sys.executable, "-c", "import sys; from coalition_map.cli import main; "
             "sys.exit(main(sys.argv[1:]))", "serve", "--db", str(db), "--port", str(port),
             "--host", "127.0.0.1"], cwd=checkout, env=env, stdout=self._log,
            stderr=subprocess.STDOUT)
        deadline = time.time() + 90
        while True:
            try:
                urllib.request.urlopen(self.url + "_stcore/health", timeout=2)
                return
            except OSError:
                if self.proc.poll() is not None or time.time() > deadline:
                    self.stop()
                    raise SystemExit(f"server op {self.url} startte niet; zie {log}") from None
                time.sleep(0.3)

    def cpu(self) -> float:
        """CPU seconds (user + system) of the server process so far."""
        fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLK_TCK

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self._log.close()


def navigate(browser, server: Server, viewport=(1920, 1080), shot: Path | None = None):
    """(seconds to a drawn picture, server CPU seconds, browser main-thread seconds,
    seconds to the page's title, seconds inside the iframe from its start to drawn)."""
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Performance.enable")
    cpu = server.cpu()
    start = time.perf_counter()
    page.goto(server.url + "netwerk", wait_until="commit")
    page.get_by_role("heading", name="Netwerk", exact=True).wait_for(timeout=120000)
    title = time.perf_counter() - start
    ready = page.frame_locator(FRAME).locator("body[data-ready='1']")
    ready.wait_for(timeout=120000)
    seconds = time.perf_counter() - start
    in_frame = ready.evaluate("() => performance.now()") / 1000
    server_cpu = server.cpu() - cpu
    metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
    if shot is not None:
        page.wait_for_timeout(500)      # tooltips and the legend settle
        page.screenshot(path=str(shot), full_page=True)
    context.close()
    return seconds, server_cpu, metrics.get("TaskDuration", float("nan")), title, in_frame


def open_session(browser, server: Server):
    """A coordinator's open app (cached by the browser) on the Overzicht page."""
    page = browser.new_context(viewport={"width": 1920, "height": 1080}).new_page()
    page.goto(server.url, wait_until="commit")
    page.get_by_role("heading", name="Overzicht", exact=True).wait_for(timeout=120000)
    return page


def click_to_network(page) -> float:
    """Seconds from clicking "Netwerk" in the sidebar of a running session (the page
    switch in a meeting) to the picture drawn; goes back to Overzicht first."""
    nav = page.locator('[data-testid="stSidebarNav"] a')
    nav.filter(has_text="Overzicht").click()
    page.get_by_role("heading", name="Overzicht", exact=True).wait_for(timeout=120000)
    page.frame_locator(FRAME).locator("body").wait_for(state="detached", timeout=120000)
    page.wait_for_timeout(1000)
    start = time.perf_counter()
    nav.filter(has_text="Netwerk").click()
    page.frame_locator(FRAME).locator("body[data-ready='1']").wait_for(timeout=120000)
    return time.perf_counter() - start


def region_store(folder: Path) -> Path:
    from benchmarks.coordinators import write_coalition
    write_coalition("region", folder / "data")
    db = folder / "region.sqlite"
    _cli(ROOT, "import", "--data", str(folder / "data"), "--db", str(db), check=True,
         capture_output=True)
    return db


def example_store(folder: Path) -> Path:
    from coalition_map.store import open_store
    db = folder / "example.sqlite"
    open_store(str(db)).close()          # seeded with the bundled example
    return db


def checkout_of(before: str, tmp: Path) -> tuple[Path, bool]:
    """The folder of the old code: ``before`` itself, or a worktree of that git ref."""
    if Path(before).is_dir():
        return Path(before).resolve(), False
    folder = tmp / "before"
    subprocess.run(["git", "worktree", "add", "--detach", str(folder), before], cwd=ROOT,
                   check=True, capture_output=True)
    return folder, True


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", required=True, help="git ref or folder of the old code")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--ports", default="8611-8614", help="four ports, e.g. 8611-8614")
    parser.add_argument("--shots", default=str(ROOT / "test-output" / "network_view"))
    parser.add_argument("--scales", default="example,region")
    args = parser.parse_args(argv)
    first = int(args.ports.split("-")[0])
    ports = iter(range(first, first + 4))
    shots = Path(args.shots)
    shots.mkdir(parents=True, exist_ok=True)
    from playwright.sync_api import sync_playwright
    tmp = Path(tempfile.mkdtemp(prefix="network-view-"))
    before, worktree = checkout_of(args.before, tmp)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                         args=CHROMIUM_ARGS)
            print("schaal | code | klik in sessie (mediaan) | nieuwe pagina tot getekend "
                  "(mediaan) | server-CPU | browser-taken | tot titel | in iframe | "
                  "metingen nieuwe pagina (s)")
            for scale in args.scales.split(","):
                db = (region_store if scale == "region" else example_store)(tmp)
                servers = {}
                try:
                    for name, checkout in (("voor", before), ("na", ROOT)):
                        copy = tmp / f"{scale}-{name}.sqlite"
                        shutil.copy(db, copy)
                        servers[name] = Server(checkout, copy, next(ports),
                                               tmp / f"{scale}-{name}.log")
                    for server in servers.values():
                        navigate(browser, server)         # cold: fills the caches
                    sessions = {name: open_session(browser, server)
                                for name, server in servers.items()}
                    for page in sessions.values():
                        click_to_network(page)
                    results: dict = {name: [] for name in servers}
                    clicks: dict = {name: [] for name in servers}
                    for _ in range(args.runs):
                        for name, server in servers.items():
                            results[name].append(navigate(browser, server))
                            clicks[name].append(click_to_network(sessions[name]))
                    for name, rows in results.items():
                        secs, cpu, tasks, titles, frames = zip(*rows)
                        print(f"{scale} | {name} | {statistics.median(clicks[name]):.2f} s | "
                              f"{statistics.median(secs):.2f} s | "
                              f"{statistics.median(cpu):.2f} s | "
                              f"{statistics.median(tasks):.2f} s | "
                              f"{statistics.median(titles):.2f} s | "
                              f"{statistics.median(frames):.2f} s | "
                              + " ".join(f"{s:.2f}" for s in secs), flush=True)
                    for page in sessions.values():
                        page.context.close()
                    for width, height in VIEWPORTS:
                        shot = shots / f"netwerk_{scale}_{width}x{height}.png"
                        navigate(browser, servers["na"], (width, height), shot)
                        print(f"schermafbeelding: {shot}")
                finally:
                    for server in servers.values():
                        server.stop()
            browser.close()
    finally:
        if worktree:
            subprocess.run(["git", "worktree", "remove", "--force", str(before)], cwd=ROOT,
                           capture_output=True)
        shutil.rmtree(tmp, ignore_errors=True)
    load = os.getloadavg()
    print(f"belasting {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}, processors {os.cpu_count()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
