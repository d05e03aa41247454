"""The app's settings from ``.streamlit/secrets.toml``: is login configured?

A small module of its own, so that both the login (:mod:`.auth`) and the
data access (:mod:`.data`, which tells the service that only logged-in users
may write) can ask without importing each other.
"""

from __future__ import annotations

import streamlit as st

from .. import deployment


def secrets() -> dict:
    """The secrets as a plain dict ({} when there is no secrets file)."""
    try:
        return {k: st.secrets[k] for k in st.secrets}
    except (FileNotFoundError, KeyError, AttributeError):
        return {}
    except Exception:  # noqa: BLE001 - a broken secrets.toml: show it, run in local mode
        st.error("`.streamlit/secrets.toml` kan niet gelezen worden; de app draait zonder "
                 "inloggen. Controleer het bestand (TOML).")
        return {}


def login_enabled() -> bool:
    """Whether ``[auth]`` holds what ``st.login`` needs (docs/login.md)."""
    return deployment.login_configured(secrets())
