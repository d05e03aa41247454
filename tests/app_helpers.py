"""Helpers for the AppTest tests of the Streamlit pages (tests/test_app_*.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "streamlit_app.py")


@pytest.fixture
def db(tmp_path, monkeypatch):
    """A fresh SQLite store seeded from the bundled example, named by COALITION_MAP_DB."""
    from coalition_map.store import open_store
    path = tmp_path / "store.sqlite"
    monkeypatch.setenv("COALITION_MAP_DB", str(path))
    store = open_store(str(path))
    yield store
    store.close()


def run_app(page: str | None = None, *, session: dict | None = None):
    """Run the app (navigation + sidebar + page) like a browser would."""
    from streamlit.testing.v1 import AppTest
    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in (session or {}).items():
        at.session_state[key] = value
    at.run()
    if page:
        at.switch_page(page)
        at.run()
    assert_clean(at)
    return at


def assert_clean(at) -> None:
    """No exception and no error box on the page."""
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def plain(text: str) -> str:
    """A message shown with ``state.say`` as the user reads it (markdown escapes removed)."""
    import re
    return re.sub(r"\\(.)", r"\1", text)


def metric(at, label: str) -> str:
    for m in at.metric:
        if m.label == label:
            return m.value
    raise AssertionError(f"geen metric '{label}': {[m.label for m in at.metric]}")


def by_key(elements, key: str):
    for e in elements:
        if getattr(e, "key", None) == key:
            return e
    raise AssertionError(f"geen element met key {key}")


def iframe_html(at) -> str:
    """The srcdoc of the (first) st.iframe on the page."""
    found = []

    def walk(node):
        proto = getattr(node, "proto", None)
        if getattr(node, "type", None) == "iframe" or (
                proto is not None and hasattr(proto, "srcdoc") and proto.srcdoc):
            found.append(proto.srcdoc)
        for child in getattr(node, "children", {}).values():
            walk(child)
    walk(at._tree)
    assert found, "geen iframe op de pagina"
    return found[0]


def plain(text: str) -> str:
    """Markdown text as shown: without the escapes of ``state.md`` (backslashes, word
    joiners)."""
    return text.replace("\\", "").replace("\u2060", "")
