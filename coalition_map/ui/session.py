"""What one browser session keeps: the author's name, meeting mode, widget values, timings."""

from __future__ import annotations

import contextlib
import time

import streamlit as st

AUTHOR_KEY = "auteur"
MEETING_KEY = "vergadermodus"
TIMINGS_KEY = "_timings"


def meeting_mode() -> bool:
    return bool(st.session_state.get(MEETING_KEY, False))


def author(container=None, kinds=()):
    """Who saves: the logged-in actor (:class:`coalition_map.access.Actor`, its login goes
    into the history), or in local mode the name asked once per session.

    ``kinds``: what the page edits. A logged-in actor whose role may edit none
    of them (a kijker: nothing) gets None and a line saying so, so the page
    hides or disables its edit controls; the service refuses such writes anyway.
    """
    from ..access import may_edit_kind
    from .auth import current_actor
    actor = current_actor()
    box = container or st
    if actor is not None:
        if actor.role == "kijker" or (kinds and not any(may_edit_kind(actor, k)
                                                          for k in kinds)):
            box.caption(f"U bent ingelogd als {actor.role_label.lower()}: u kunt hier "
                        "alles bekijken, maar niets wijzigen.")
            return None
        return actor
    name = (st.session_state.get(AUTHOR_KEY) or "").strip()
    if name:
        return name
    entered = box.text_input(
        "Uw naam (voor de wijzigingsgeschiedenis)", key="_auteur_invoer",
        help="Wijzigingen worden onder deze naam bewaard. U vult dit één keer per sessie in.")
    entered = (entered or "").strip()
    if entered:
        st.session_state[AUTHOR_KEY] = entered
        return entered
    box.info("Vul eerst uw naam in om wijzigingen te kunnen bewaren.")
    return None


def known_author(kinds=()):
    """Like :func:`author` without asking or saying anything (None: cannot save here)."""
    from ..access import may_edit_kind
    from .auth import current_actor
    actor = current_actor()
    if actor is not None:
        if actor.role == "kijker" or (kinds and not any(may_edit_kind(actor, k)
                                                          for k in kinds)):
            return None
        return actor
    return (st.session_state.get(AUTHOR_KEY) or "").strip() or None


def keep_widgets(prefix: str) -> None:
    """Keep the values of a page's widgets (keys starting with prefix) across pages.

    Only for value widgets (select boxes, multiselects, text inputs, toggles):
    give buttons, forms, uploaders and data editors keys *without* the prefix,
    because Streamlit refuses assignments to those.
    """
    for key in list(st.session_state.keys()):
        if isinstance(key, str) and key.startswith(prefix):
            st.session_state[key] = st.session_state[key]


@contextlib.contextmanager
def timed(label: str):
    """Record server time of a block in session_state (shown in the sidebar's status)."""
    start = time.perf_counter()
    try:
        yield
    finally:
        timings = st.session_state.setdefault(TIMINGS_KEY, {})
        timings[label] = time.perf_counter() - start
