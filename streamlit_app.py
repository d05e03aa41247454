"""Coalitiekaart: the Streamlit app for the coalition's planning meeting.

Run with ``streamlit run streamlit_app.py``. Navigation and the shared
sidebar live here; every page in ``pages/`` only arranges and displays what
the package computes. Pages that are not (yet) present are left out of the
navigation.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

st.set_page_config(layout="wide", page_title="Coalitiekaart", page_icon="🗺️")

from coalition_map.ui import auth, sidebar  # noqa: E402

auth.guard_open_bind()      # no local mode on a network address (docs/login.md)
auth.identify()             # login (st.login) when configured; else local mode

ROOT = Path(__file__).resolve().parent

#: Sections of the navigation: (section, [(page file, Dutch title, icon)]).
NAVIGATION = (
    ("Coalitie", (
        ("pages/overzicht.py", "Overzicht", ":material/dashboard:"),
        ("pages/netwerk.py", "Netwerk", ":material/hub:"),
        ("pages/dekking.py", "Dekking per wijk", ":material/grid_on:"),
    )),
    ("Plan", (
        ("pages/stappenplan.py", "Stappenplan", ":material/checklist:"),
        ("pages/sociale_kaart.py", "Sociale kaart", ":material/map:"),
    )),
    ("Beheer", (
        ("pages/partners_aanbod.py", "Partners en aanbod", ":material/edit_note:"),
        ("pages/wijzigingen.py", "Wijzigingen", ":material/history:"),
        ("pages/actueel.py", "Actueel houden", ":material/fact_check:"),
        ("pages/rollen.py", "Rollen", ":material/admin_panel_settings:"),
    )),
)


def build_navigation():
    sections = {}
    files = {}
    for section, pages in NAVIGATION:
        entries = []
        for path, title, icon in pages:
            if not (ROOT / path).exists() or not auth.shows_page(path):
                continue
            page = st.Page(str(ROOT / path), title=title, icon=icon,
                           default=(path == "pages/overzicht.py"))
            files[page.url_path] = (path, title)
            entries.append(page)
        if entries:
            sections[section] = entries
    return st.navigation(sections), files


navigation, files = build_navigation()
current_file, current_title = files.get(navigation.url_path, ("", navigation.title))
if current_file not in sidebar.OWN_SIDEBAR:
    sidebar.render(current_file, current_title)
navigation.run()
