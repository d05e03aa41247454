"""Meeting mode (vergadermodus): saved views the coordinator steps through.

A view is a page plus the settings of its filters (session-state keys with
the page's prefix). Stepping to a view stores its settings as "pending" and
switches page; the page applies pending settings before it draws its widgets
(:func:`apply_pending`), so the filters open exactly as saved.

The default sequence is built from the coalition (overview, top gaps,
heatmap, the network of the wijk with the most gaps); the coordinator adds
the current view of any page with "Huidige weergave bewaren".
"""

from __future__ import annotations

from dataclasses import dataclass, field

import streamlit as st

from . import state

VIEWS_KEY = "_vergader_weergaven"
VERSION_KEY = "_vergader_versie"     # version of the stored sequence this session read
INDEX_KEY = "_vergader_index"
PENDING_KEY = "_vergader_pending"

#: Page files and the prefix of their filter keys.
PAGE_PREFIX = {
    "pages/overzicht.py": "ov_",
    "pages/netwerk.py": "net_",
    "pages/dekking.py": "dek_",
}


@dataclass
class View:
    title: str
    page: str                      # "pages/netwerk.py"
    settings: dict = field(default_factory=dict)


def default_views(coalition, analysis=None) -> list[View]:
    """The starting sequence for a meeting, from the coalition's own data."""
    views = [View("Overzicht van de coalitie", "pages/overzicht.py",
                  {"ov_alleen_gaten": False, "ov_alleen_kaart": False}),
             View("Grootste gaten", "pages/overzicht.py",
                  {"ov_alleen_gaten": True, "ov_alleen_kaart": False}),
             View("Dekking per wijk (heatmap)", "pages/dekking.py", {})]
    if getattr(coalition, "boundaries", None):
        views.append(View("Kaart van de wijken", "pages/overzicht.py",
                          {"ov_alleen_gaten": False, "ov_alleen_kaart": True}))
    wijk = _wijk_with_most_gaps(coalition, analysis)
    if wijk is not None:
        views.append(View(f"Netwerk van wijk {wijk.name}", "pages/netwerk.py",
                          {"net_wijken": [wijk.code], "net_focus": None}))
    views.append(View("Netwerk van de hele coalitie", "pages/netwerk.py",
                      {"net_wijken": [], "net_focus": None}))
    return views


def _wijk_with_most_gaps(coalition, analysis):
    if not coalition.wijken:
        return None
    if analysis is None or not getattr(analysis, "cells", None):
        return coalition.wijken[0]
    from ..states import count_gaps
    cells = analysis.cells.values() if isinstance(analysis.cells, dict) else analysis.cells
    per_wijk: dict[str, list] = {}
    for cell in cells:
        per_wijk.setdefault(cell.wijk, []).append(cell)
    counts = {w: count_gaps(c).gaps for w, c in per_wijk.items()}
    best = max(coalition.wijken, key=lambda w: counts.get(w.code, 0))
    return best


def views(coalition=None, analysis=None) -> list[View]:
    """The sequence: the one saved in the database (shared by everyone, survives a
    restart), else the default sequence built from the coalition."""
    try:
        stored, version = state.service().meeting_views()
    except Exception:  # noqa: BLE001 - an old database without the table: defaults
        stored, version = [], 0
    st.session_state[VERSION_KEY] = version
    if stored:
        return [View(v["title"], v["page"], dict(v.get("settings") or {})) for v in stored]
    if VIEWS_KEY not in st.session_state:
        st.session_state[VIEWS_KEY] = default_views(coalition, analysis) if coalition else []
    return st.session_state[VIEWS_KEY]


def _store_sequence(seq: list[View]) -> None:
    """Save the sequence in the database against the version this page read."""
    author = (st.session_state.get(state.AUTHOR_KEY) or "").strip() or "coördinator"
    state.service().save_meeting_views([{"title": v.title, "page": v.page,
                                        "settings": v.settings} for v in seq],
                       author=author, expected_version=st.session_state.get(VERSION_KEY, 0))


def current_index() -> int:
    return int(st.session_state.get(INDEX_KEY, 0))


def go_to(index: int) -> None:
    """Open view number ``index`` (its page with its settings)."""
    seq = views()
    if not seq:
        return
    index %= len(seq)
    st.session_state[INDEX_KEY] = index
    view = seq[index]
    st.session_state[PENDING_KEY] = (view.page, dict(view.settings))
    st.switch_page(view.page)


def apply_pending(page: str) -> None:
    """Apply a pending view's settings to this page's widgets (call before drawing them)."""
    pending = st.session_state.get(PENDING_KEY)
    if not pending or pending[0] != page:
        return
    del st.session_state[PENDING_KEY]
    prefix = PAGE_PREFIX.get(page, "")
    for key, value in pending[1].items():
        if key.startswith(prefix):
            st.session_state[key] = value


def save_current(page: str, title: str) -> View:
    """Add the current settings of ``page`` as a view at the end of the stored sequence."""
    prefix = PAGE_PREFIX.get(page)
    settings = {}
    if prefix:
        settings = {k: v for k, v in st.session_state.items()
                    if isinstance(k, str) and k.startswith(prefix)}
    view = View(title, page, settings)
    seq = list(views()) + [view]
    _store_sequence(seq)
    return view


def clear_saved() -> None:
    """Back to the default sequence (the stored one is emptied)."""
    _store_sequence([])
    st.session_state.pop(VIEWS_KEY, None)


def sidebar_controls(page: str, page_title: str, coalition, analysis_fn=None) -> None:
    """Meeting-mode stepping (previous/next) or, outside meetings, saving views."""
    seq = views(coalition, analysis_fn() if analysis_fn and VIEWS_KEY not in st.session_state
                else None)
    if state.meeting_mode():
        st.sidebar.markdown("**Weergaven voor de vergadering**")
        if not seq:
            st.sidebar.caption("Nog geen weergaven bewaard.")
            return
        i = current_index() % len(seq)
        st.sidebar.caption(f"Weergave {i + 1} van {len(seq)}: {state.md(seq[i].title)}")
        left, right = st.sidebar.columns(2)
        if left.button("◀ Vorige", key="_vergader_vorige", width="stretch"):
            go_to(i - 1)
        if right.button("Volgende ▶", key="_vergader_volgende", width="stretch"):
            go_to(i + 1)
        with st.sidebar.expander("Alle weergaven"):
            for j, view in enumerate(seq):
                marker = "▶ " if j == i else ""
                if st.button(f"{marker}{j + 1}. {state.md(view.title)}", key=f"_vergader_ga_{j}",
                             width="stretch"):
                    go_to(j)
    elif page in PAGE_PREFIX:
        with st.sidebar.expander("Weergave bewaren voor de vergadering"):
            title = st.text_input("Naam van de weergave", value=page_title,
                                  key="_vergader_titel")
            if st.button("Huidige weergave bewaren", key="_vergader_bewaar",
                         help="Bewaard in de database: iedereen ziet dezelfde reeks, ook na "
                              "herladen of herstarten."):
                try:
                    save_current(page, title.strip() or page_title)
                except Exception as exc:  # noqa: BLE001 - Dutch StoreError
                    st.error(state.md_message(exc))
                else:
                    seq = views(coalition)
                    st.success(f"Bewaard als weergave {len(seq)}.")
            if seq:
                st.caption("Volgorde: " + " · ".join(
                    f"{j + 1}. {state.md(v.title)}" for j, v in enumerate(seq)))
            if st.session_state.get(VERSION_KEY) and st.button(
                    "Terug naar de standaardreeks", key="_vergader_wis"):
                try:
                    clear_saved()
                except Exception as exc:  # noqa: BLE001
                    st.error(state.md_message(exc))
                else:
                    st.rerun()
            st.caption("Muurweergave zonder menu's: voeg `?muur=1` aan het adres toe; "
                       "← en → bladeren door de weergaven.")
