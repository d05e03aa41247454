"""Streamlit helpers for the pages: state and caching, style, network view, meeting mode.

This is the only part of the package that imports streamlit. The pages in
``pages/`` only arrange what these helpers and the core modules give them.
"""


def _leave_pages_directory_mode() -> None:
    """Make sure the app runs through ``st.navigation`` (streamlit_app.py).

    Because a ``pages/`` directory exists, Streamlit starts in its old
    multipage mode: when the very first visitor after a server start opens a
    page's URL directly (``/dekking``), that page file runs on its own,
    without the navigation, the wide layout or the shared sidebar. The first
    page that imports this package then switches that mode off and reruns,
    so the main script routes the request. Afterwards this does nothing.
    """
    try:
        from streamlit.runtime.pages_manager import PagesManager
        from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx
    except ImportError:  # pragma: no cover - other Streamlit versions
        return
    if PagesManager.uses_pages_directory and get_script_run_ctx() is not None:
        PagesManager.uses_pages_directory = False
        import streamlit as st
        st.rerun()


_leave_pages_directory_mode()
