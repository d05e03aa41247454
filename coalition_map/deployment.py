"""Local mode or login: how the app is reached, and the guard against leaving it open.

Without login configured the app runs for one person on one machine (local
mode): everyone who reaches it may change everything. That is fine on
``127.0.0.1`` and dangerous on a network address, so the app refuses to
start in local mode when it listens on anything but loopback, unless that is
explicitly allowed (``coalition-map serve --allow-open`` or
``COALITION_MAP_ALLOW_OPEN=1``).

>>> open_bind_refusal("127.0.0.1", login=False, allow_open=False) is None
True
>>> open_bind_refusal("0.0.0.0", login=True, allow_open=False) is None
True
>>> print(open_bind_refusal("0.0.0.0", login=False, allow_open=False))  # doctest: +ELLIPSIS
De app start niet: ze luistert op 0.0.0.0 (bereikbaar vanaf het netwerk) zonder inloggen...
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping

ALLOW_OPEN_ENV = "COALITION_MAP_ALLOW_OPEN"

#: the keys ``st.login`` needs in ``[auth]`` of .streamlit/secrets.toml
AUTH_KEYS = ("redirect_uri", "cookie_secret", "client_id", "client_secret",
             "server_metadata_url")


def is_loopback(address: str | None) -> bool:
    """Whether a server address is reachable from this machine only.

    Streamlit listens on every interface when no address is set.

    >>> [is_loopback(a) for a in ("127.0.0.1", "::1", "localhost", "", None, "10.0.0.5")]
    [True, True, True, False, False, False]
    """
    if not address:
        return False
    if address.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(address.strip().strip("[]")).is_loopback
    except ValueError:
        return False


def login_configured(secrets: Mapping | None) -> bool:
    """Whether ``[auth]`` in the secrets has what ``st.login`` needs.

    >>> login_configured({"auth": {k: "x" for k in AUTH_KEYS}})
    True
    >>> login_configured({"auth": {"client_id": "x"}})
    False
    """
    auth = (secrets or {}).get("auth") or {}
    try:
        return all(auth.get(k) for k in AUTH_KEYS)
    except AttributeError:
        return False


def missing_auth_keys(secrets: Mapping | None) -> list[str]:
    """The keys of ``[auth]`` that are set for login but missing (for a clear message)."""
    auth = (secrets or {}).get("auth") or {}
    if not auth:
        return []
    return [k for k in AUTH_KEYS if not auth.get(k)]


def allow_open_from_env(environ: Mapping[str, str] | None = None) -> bool:
    value = (environ if environ is not None else os.environ).get(ALLOW_OPEN_ENV, "")
    return value.strip().lower() in ("1", "ja", "yes", "true")


def open_bind_refusal(address: str | None, *, login: bool, allow_open: bool) -> str | None:
    """None when the app may start; else the Dutch reason it refuses."""
    if login or allow_open or is_loopback(address):
        return None
    where = address or "alle netwerkadressen"
    return (f"De app start niet: ze luistert op {where} (bereikbaar vanaf het netwerk) "
            "zonder inloggen. Zonder inloggen mag iedereen die de app bereikt alles wijzigen. "
            "Stel inloggen in (zie 'Inloggen en rollen' in de README), start de app op "
            "127.0.0.1, of sta het bewust toe met 'coalition-map serve --allow-open' "
            f"(of {ALLOW_OPEN_ENV}=1).")
