"""Who is using the app: login through the identity provider, or local mode.

With ``[auth]`` in ``.streamlit/secrets.toml`` (see docs/login.md) everyone
logs in with ``st.login`` and acts with the role the role table or the
provider's claim gives (:func:`coalition_map.access.actor_from_claims`); the
history records the login. Without it the app runs in local mode for one
person on this machine, with the name typed once per session, and says so.
The rules themselves live in :mod:`coalition_map.access`; the service layer
enforces them, this module only finds out who is asking.
"""

from __future__ import annotations

import streamlit as st

from .. import access, deployment
from .escape import md
from .settings import login_enabled, secrets as _secrets

#: [coalition_map] settings in secrets.toml: the claims that carry role and partner
ROLE_CLAIM_KEY, PARTNER_CLAIM_KEY = "role_claim", "partner_claim"
LOCAL_NAME_KEY = "_auteur"   # the typed name of local mode (kept from before login existed)
ACTOR_KEY = "_actor"         # the logged-in actor of this session (None: local mode)


def guard_open_bind() -> None:
    """Stop the app when it listens on the network without login (and not allowed)."""
    secrets = _secrets()
    missing = deployment.missing_auth_keys(secrets)
    if missing:
        st.error("Inloggen is half ingesteld: in `[auth]` van `.streamlit/secrets.toml` "
                 f"ontbreekt {', '.join(missing)}. Zie 'Inloggen en rollen' in de README.")
        st.stop()
    refusal = deployment.open_bind_refusal(
        st.get_option("server.address"), login=deployment.login_configured(secrets),
        allow_open=deployment.allow_open_from_env())
    if refusal:
        st.error(refusal)
        st.stop()


def _claim_names() -> tuple[str, str]:
    settings = _secrets().get("coalition_map") or {}
    return (str(settings.get(ROLE_CLAIM_KEY) or access.DEFAULT_ROLE_CLAIM),
            str(settings.get(PARTNER_CLAIM_KEY) or access.DEFAULT_PARTNER_CLAIM))


def require_login(role_table) -> access.Actor:
    """The logged-in actor; draws the login screen and stops when nobody is logged in.

    ``role_table`` is a function giving login → :class:`access.RoleEntry`
    (read from the store when asked, so a new role holds at the next click).
    """
    if not st.user.is_logged_in:
        st.title("Coalitiekaart")
        st.write("Log in met het account van uw organisatie om de coalitiekaart te zien.")
        if st.button("Inloggen", type="primary"):
            st.login()
        st.stop()
    role_claim, partner_claim = _claim_names()
    return access.actor_from_claims(dict(st.user), role_table(), role_claim=role_claim,
                                    partner_claim=partner_claim)


def identify() -> access.Actor | None:
    """Who is asking: the logged-in actor (login screen until then), None in local mode."""
    if not login_enabled():
        st.session_state[ACTOR_KEY] = None
        return None
    actor = require_login(_role_entries)
    st.session_state[ACTOR_KEY] = actor
    return actor


#: pages a role does not get in its navigation (the service refuses the writes anyway)
HIDDEN_PAGES = {
    "kijker": {"pages/actueel.py", "pages/rollen.py"},
    "partner": {"pages/rollen.py"},
    "redacteur": {"pages/rollen.py"},
    "beheerder": set(),
}


def shows_page(path: str) -> bool:
    """Whether the navigation shows ``path`` to the current actor (local mode: all)."""
    actor = current_actor()
    return actor is None or path not in HIDDEN_PAGES[actor.role]


def current_actor() -> access.Actor | None:
    """The actor of this session as :func:`identify` found it (None: local mode)."""
    return st.session_state.get(ACTOR_KEY)


def _role_entries():
    from .data import service
    return service().role_entries()


def sidebar_identity(actor: access.Actor | None, partner_name: str = "") -> None:
    """Who is logged in and with which role, or that this is local mode."""
    if actor is None or actor.local:
        st.caption("**Lokale modus**: zonder inloggen, voor één persoon op deze computer. "
                   "Wie de app bereikt, kan alles wijzigen.")
        return
    role = actor.role_label
    if actor.role == "partner":
        role += f" voor {partner_name or actor.partner_id or 'geen organisatie'}"
    st.caption(f"Ingelogd als **{_plain(actor.name)}** ({_plain(actor.login)}) · {role}")
    if st.button("Uitloggen", key="_uitloggen"):
        st.logout()


def _plain(text: str) -> str:
    """Names are text, never markdown (issue 16)."""
    return md(text)
