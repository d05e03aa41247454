"""A wheel built from this repository, installed into a fresh venv outside the
checkout, runs ``coalition-map serve`` on the example data.

Offline: the wheel is built without build isolation (setuptools of the test
venv), installed with ``--no-deps --no-index``, and the fresh venv sees the
already installed dependencies through a ``.pth`` line naming this venv's
site-packages (a path line: the editable install of the checkout, itself a
``.pth`` there, is *not* followed). The fresh venv's own ``coalition_map``
comes first on its path, and the server runs in a folder outside the
checkout, so nothing of the checkout is used. ``pip check`` in the fresh
venv proves every declared dependency is there at the pinned versions.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import sysconfig
import time
import urllib.request
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("COALITION_MAP_CHROMIUM", "/usr/bin/chromium")
SKIP = {".venv", ".git", "build", "dist", "test-output", "instance", "__pycache__",
        ".pytest_cache", "benchmarks"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _run(*args, **kw) -> subprocess.CompletedProcess:
    result = subprocess.run([str(a) for a in args], capture_output=True, text=True,
                            timeout=300, **kw)
    assert result.returncode == 0, (args, result.stdout[-3000:], result.stderr[-3000:])
    return result


def _get(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=5) as response:   # loopback only
        return response.status, response.read().decode("utf-8", "replace")


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(python of the fresh venv, its environment, a work folder outside the checkout)."""
    started = time.monotonic()
    tmp = tmp_path_factory.mktemp("install")
    source = tmp / "src"
    shutil.copytree(ROOT, source, ignore=lambda _d, names: [
        n for n in names if n in SKIP or n.endswith(".egg-info")])
    _run(sys.executable, "-m", "pip", "wheel", source, "--no-deps", "--no-build-isolation",
         "--no-index", "-q", "-w", tmp / "dist")
    wheel = next((tmp / "dist").glob("coalition_map-*.whl"))
    env_dir = tmp / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    _run(sys.executable, "-m", "pip", "--python", python, "install", "--no-deps",
         "--no-index", "-q", wheel)
    fresh = _run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])")
    deps = sysconfig.get_paths()["purelib"]
    (Path(fresh.stdout.strip()) / "_test_dependencies.pth").write_text(deps + "\n")
    work = tmp / "work"
    (work / "home").mkdir(parents=True)
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("COALITION_MAP_", "PYTHON", "VIRTUAL_ENV"))}
    env.update(HOME=str(work / "home"), XDG_DATA_HOME=str(work / "home" / "data"))
    yield python, env, work, wheel
    print(f"wheel built and installed in {time.monotonic() - started:.1f} s")


def test_the_wheel_has_the_app_and_its_data(installed):
    import zipfile
    _python, _env, _work, wheel = installed
    names = set(zipfile.ZipFile(wheel).namelist())
    for page in (ROOT / "pages").glob("*.py"):
        assert f"coalition_map/webapp/pages/{page.name}" in names
    for data in (ROOT / "data").glob("*.csv"):
        assert f"coalition_map/webapp/data/{data.name}" in names
    assert {"coalition_map/webapp/streamlit_app.py",
            "coalition_map/webapp/.streamlit/config.toml",
            "coalition_map/reference/palette.csv"} <= names
    metadata = next(n for n in names if n.endswith(".dist-info/METADATA"))
    requires = zipfile.ZipFile(wheel).read(metadata).decode()
    for dependency in ("streamlit", "networkx", "pyvis", "SQLAlchemy", "defusedxml"):
        assert f"Requires-Dist: {dependency}" in requires


def test_installed_package_is_the_wheel_and_its_dependencies_hold(installed):
    python, env, work, _wheel = installed
    where = _run(python, "-c", "import coalition_map, coalition_map.paths as p; "
                 "print(coalition_map.__file__); print(p.app_dir()); print(p.default_db_path())",
                 cwd=work, env=env).stdout.split("\n")
    assert str(ROOT) not in where[0] and "venv" in where[0]
    assert where[1].endswith("webapp")
    assert where[2] == str(work / "home" / "data" / "coalition-map" / "coalition-map.sqlite")
    _run(python, "-m", "pip", "check", cwd=work, env=env)


def test_coalition_map_serve_runs_the_example(installed):
    python, env, work, _wheel = installed
    port = _free_port()
    script = python.parent / ("coalition-map.exe" if os.name == "nt" else "coalition-map")
    log = (work / "serve.log").open("w")
    server = subprocess.Popen([str(script), "serve", "--port", str(port), "--host",
                               "127.0.0.1", "--db", "store.sqlite"],
                              cwd=work, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 90
        health = None
        while time.monotonic() < deadline and server.poll() is None:
            try:
                health = _get(f"http://127.0.0.1:{port}/_stcore/health")
                break
            except OSError:
                time.sleep(0.5)
        assert health == (200, "ok"), (work / "serve.log").read_text()[-3000:]
        status, html = _get(f"http://127.0.0.1:{port}/")
        assert status == 200 and '<div id="root">' in html
        if Path(CHROMIUM).exists():
            _open_in_browser(f"http://127.0.0.1:{port}/")
            store = work / "store.sqlite"      # --db relative to where serve was started
            assert store.is_file()
            gaps = _run(python, "-m", "coalition_map.cli", "gaps", "--db", store,
                        "--format", "csv", cwd=work, env=env).stdout
            assert "wijk" in gaps.splitlines()[0] and len(gaps.splitlines()) > 10
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


def _open_in_browser(url: str) -> None:
    """One real session: the overview's heading is drawn from the seeded store."""
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                     args=["--no-sandbox", "--disable-gpu",
                                           "--disable-dev-shm-usage"])
        try:
            page = browser.new_page()
            page.goto(url)
            page.wait_for_selector('[data-testid="stMainBlockContainer"] h1', timeout=60000)
            assert page.locator('[data-testid="stException"]').count() == 0
            assert "Overzicht" in page.inner_text('[data-testid="stMainBlockContainer"] h1')
        finally:
            browser.close()


def test_serve_refuses_a_bad_port_and_a_mistyped_url(capsys):
    from coalition_map.cli import main
    assert main(["serve", "--port", "0"]) == 2
    assert "Poort 0 bestaat niet" in capsys.readouterr().err
    assert main(["serve", "--db", "postgresql:/u:geheim@server/x"]) == 2
    err = capsys.readouterr().err
    assert "tikfout" in err and "geheim" not in err
