"""The shared sidebar: coalition name, example badge, meeting mode, data status.

Each page of this app draws it itself (``sidebar.render(PAGE, title)`` as its
first line); ``streamlit_app.py`` draws it for pages that do not (pages of
other issues). Drawing it from the page keeps it in Streamlit's AppTest trees
on every rerun, so the tests can click through meeting mode.
"""

from __future__ import annotations

import streamlit as st

from . import auth, meeting, state, style

#: Pages that draw the sidebar themselves.
OWN_SIDEBAR = frozenset({"pages/overzicht.py", "pages/netwerk.py", "pages/dekking.py",
                         "pages/partners_aanbod.py", "pages/wijzigingen.py",
                         "pages/actueel.py", "pages/rollen.py"})


def render(page_file: str, page_title: str) -> None:
    """Page CSS (large type in meeting mode) and the shared sidebar."""
    style.apply(state.meeting_mode())
    with state.guard("de zijbalk"):
        _sidebar(page_file, page_title)


def _sidebar(page_file: str, page_title: str) -> None:
    coalition = state.coalition()
    with st.sidebar:
        name = coalition.name or "Coalitie zonder naam"
        st.markdown(f"### {state.md(name)}")
        if coalition.is_example:
            st.html('<span class="cm-badge">Voorbeelddata</span>'
                    '<div style="font-size:.85em;margin-top:.3em">Fictieve gegevens om de app '
                    'te leren kennen; vervang ze via Partners en aanbod.</div>')
        if coalition.info.municipality:
            st.caption(f"Gemeente {state.md(coalition.info.municipality)}")
        # The toggle is drawn by each page, so Streamlit sees a new widget on every
        # page: its value lives in a plain session key that survives page changes.
        st.toggle("Vergadermodus", value=state.meeting_mode(), key=TOGGLE_KEY,
                  on_change=_meeting_toggled,
                  help="Grote letters, geen bewerkknoppen, en een reeks bewaarde weergaven "
                       "om met Vorige/Volgende door te lopen.")
        meeting.sidebar_controls(page_file, page_title, coalition,
                                 analysis_fn=_safe_analysis)
        st.divider()
        st.caption(f"{len(coalition.partners)} partners · {len(coalition.offers)} aanbod · "
                   f"{len(coalition.wijken)} wijken · {len(coalition.referrals)} verwijsroutes")
        auth.sidebar_identity(auth.current_actor(), _partner_name(coalition))
        author = st.session_state.get(state.AUTHOR_KEY)
        if author and auth.current_actor() is None:
            st.caption(f"Wijzigingen worden bewaard als: {state.md(author)}")
        if state.service().read_only:
            st.warning("De database is alleen-lezen: u kunt alles bekijken, maar wijzigingen "
                       "worden niet bewaard.")


TOGGLE_KEY = "_vergadermodus_schakelaar"


def _partner_name(coalition) -> str:
    actor = auth.current_actor()
    if actor is None or not actor.partner_id:
        return ""
    return next((p.name for p in coalition.partners if p.id == actor.partner_id), "")


def _meeting_toggled() -> None:
    st.session_state[state.MEETING_KEY] = bool(st.session_state.get(TOGGLE_KEY))


def _safe_analysis():
    try:
        from ..analysis import analyze  # noqa: F401
    except ImportError:
        return None
    return state.analysis()
