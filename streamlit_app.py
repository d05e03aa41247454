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

from coalition_map.ui import meeting, state, style  # noqa: E402

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
    )),
)


def build_navigation():
    sections = {}
    files = {}
    for section, pages in NAVIGATION:
        entries = []
        for path, title, icon in pages:
            if not (ROOT / path).exists():
                continue
            page = st.Page(str(ROOT / path), title=title, icon=icon,
                           default=(path == "pages/overzicht.py"))
            files[page.url_path] = (path, title)
            entries.append(page)
        if entries:
            sections[section] = entries
    return st.navigation(sections), files


def sidebar(page_file: str, page_title: str) -> None:
    coalition = state.coalition()
    with st.sidebar:
        name = coalition.name or "Coalitie zonder naam"
        st.markdown(f"### {_md_text(name)}")
        if coalition.is_example:
            st.html('<span class="cm-badge">Voorbeelddata</span>'
                    '<div style="font-size:.85em;margin-top:.3em">Fictieve gegevens om de app '
                    'te leren kennen; vervang ze via Partners en aanbod.</div>')
        if coalition.info.municipality:
            st.caption(f"Gemeente {_md_text(coalition.info.municipality)}")
        st.toggle("Vergadermodus", key=state.MEETING_KEY,
                  help="Grote letters, geen bewerkknoppen, en een reeks bewaarde weergaven "
                       "om met Vorige/Volgende door te lopen.")
        meeting.sidebar_controls(page_file, page_title, coalition,
                                 analysis_fn=lambda: _safe_analysis())
        st.divider()
        st.caption(f"{len(coalition.partners)} partners · {len(coalition.offers)} aanbod · "
                   f"{len(coalition.wijken)} wijken · {len(coalition.referrals)} verwijsroutes")
        author = st.session_state.get(state.AUTHOR_KEY)
        if author:
            st.caption(f"Ingelogd als: {_md_text(author)}")


def _safe_analysis():
    try:
        from coalition_map.analysis import analyze  # noqa: F401
    except ImportError:
        return None
    return state.analysis()


def _md_text(text: str) -> str:
    """Text for st.markdown with markdown characters neutralised."""
    out = []
    for ch in str(text):
        out.append("\\" + ch if ch in "\\`*_{}[]()#+-.!|<>~$" else ch)
    return "".join(out)


navigation, files = build_navigation()
current_file, current_title = files.get(navigation.url_path, ("", navigation.title))
style.apply(state.meeting_mode())
with state.guard("de zijbalk"):
    sidebar(current_file, current_title)
navigation.run()
