"""Where things are: the bundled example data and the default store.

>>> (bundled_data_dir() / "partners.csv").name
'partners.csv'
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path

#: Environment variable naming the store (a SQLAlchemy URL or a file path).
DB_ENV = "COALITION_MAP_DB"

REPO_ROOT = Path(__file__).resolve().parent.parent

#: Where an installed wheel keeps the Streamlit app (``streamlit_app.py``,
#: ``pages/``, ``.streamlit/``) and the example data (``data/``): package data,
#: copied there by ``setup.py`` when the wheel is built. Absent in a checkout,
#: where the app runs from :data:`REPO_ROOT` itself.
PACKAGED_APP = Path(__file__).resolve().parent / "webapp"

#: The folder name under the user's data directory.
APP_NAME = "coalition-map"


def app_dir() -> Path:
    """The folder holding ``streamlit_app.py`` and ``pages/``: the checkout, or the
    installed package's ``webapp/``.

    >>> (app_dir() / "streamlit_app.py").is_file()
    True
    """
    if (PACKAGED_APP / "streamlit_app.py").is_file():
        return PACKAGED_APP
    return REPO_ROOT


def bundled_data_dir() -> Path:
    """The example coalition shipped in ``data/`` (in the checkout or the installed package)."""
    return app_dir() / "data"


def user_data_dir(environ=None, platform: str | None = None, home: Path | None = None) -> Path:
    """The user's data directory for this app (like platformdirs' ``user_data_dir``).

    Linux and others: ``$XDG_DATA_HOME/coalition-map`` or ``~/.local/share/coalition-map``;
    macOS: ``~/Library/Application Support/coalition-map``; Windows:
    ``%LOCALAPPDATA%\\coalition-map``.

    >>> user_data_dir({}, "linux", Path("/home/anna")).as_posix()
    '/home/anna/.local/share/coalition-map'
    >>> user_data_dir({"XDG_DATA_HOME": "/data"}, "linux", Path("/home/anna")).as_posix()
    '/data/coalition-map'
    >>> user_data_dir({}, "darwin", Path("/Users/anna")).as_posix()
    '/Users/anna/Library/Application Support/coalition-map'
    """
    import sys
    environ = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    home = Path.home() if home is None else home
    if platform.startswith("win"):
        base = environ.get("LOCALAPPDATA") or str(home / "AppData" / "Local")
        return Path(base) / APP_NAME
    if platform == "darwin":
        return home / "Library" / "Application Support" / APP_NAME
    return Path(environ.get("XDG_DATA_HOME") or home / ".local" / "share") / APP_NAME


#: The store of a checkout before the store moved to the user data directory.
LEGACY_DB_PATH = REPO_ROOT / "instance" / "coalition-map.sqlite"


def default_db_path() -> Path:
    """The embedded SQLite store used when neither --db nor COALITION_MAP_DB is given:
    ``coalition-map.sqlite`` in :func:`user_data_dir`, never inside the installed
    package. A checkout that already has a store in ``instance/`` (the old
    default) keeps using it, so nobody loses their data by updating."""
    if LEGACY_DB_PATH.is_file() and app_dir() != PACKAGED_APP:
        return LEGACY_DB_PATH
    return user_data_dir() / "coalition-map.sqlite"


class DatabaseUrlError(ValueError):
    """A ``--db`` / ``COALITION_MAP_DB`` value that is neither a path nor a URL (Dutch)."""


#: ``name:`` at the start that is not a Windows drive letter: meant as a URL.
_SCHEME_START = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]+):")


def db_url(db: str | None = None) -> str:
    """A SQLAlchemy URL from ``--db``, the environment, or the default file.

    A plain path becomes a SQLite URL. A value that starts like a URL but
    lacks the ``//`` (``postgresql:/user:pw@server/db``) is refused with a
    Dutch :class:`DatabaseUrlError` (password masked): taken as a path, it
    would create a SQLite file in folders named after the password.

    >>> db_url("postgresql://u@localhost/kaart")
    'postgresql://u@localhost/kaart'
    >>> db_url("/tmp/x.sqlite")
    'sqlite:////tmp/x.sqlite'
    >>> db_url("postgresql:/u:geheim@server/kaart")
    Traceback (most recent call last):
    ...
    coalition_map.paths.DatabaseUrlError: 'postgresql:/u:***@server/kaart' lijkt een database-URL met een tikfout: na 'postgresql:' horen twee schuine strepen, zoals postgresql://gebruiker@server/database. Er is niets geopend of aangemaakt. Bedoelt u een bestand, schrijf dan ./postgresql:/u:***@server/kaart
    """
    value = db or os.environ.get(DB_ENV) or str(default_db_path())
    if "://" in value:
        return value
    match = _SCHEME_START.match(value)
    if match:
        scheme = match.group(1)
        raise DatabaseUrlError(
            f"'{mask_secrets(value)}' lijkt een database-URL met een tikfout: na '{scheme}:' "
            f"horen twee schuine strepen, zoals {scheme}://gebruiker@server/database. Er is "
            f"niets geopend of aangemaakt. Bedoelt u een bestand, schrijf dan "
            f"./{mask_secrets(value)}")
    return "sqlite:///" + str(Path(value).expanduser().resolve())


# --- secrets -------------------------------------------------------------------

_URL_PASSWORD = re.compile(r"(?P<pre>\b[A-Za-z][A-Za-z0-9+.-]*:/{0,2}[^\s:/@'\"]*:)"
                           r"(?P<pw>[^\s'\"]+)(?=@[^\s@'\"]*)")
_KEY_PASSWORD = re.compile(r"(?P<pre>\b(?:password|passwd|pwd)\s*=\s*)(?P<pw>'[^']*'|\S+)",
                           re.IGNORECASE)


def mask_secrets(text: str) -> str:
    """``text`` with every password in a URL or ``password=...`` replaced by ``***``.

    >>> mask_secrets("postgresql://anna:g3h31m@db.example/kaart is weg")
    'postgresql://anna:***@db.example/kaart is weg'
    >>> mask_secrets("postgresql:/anna:p@ss@db/kaart"), mask_secrets("host=db password=x1 user=a")
    ('postgresql:/anna:***@db/kaart', 'host=db password=*** user=a')
    """
    text = _URL_PASSWORD.sub(lambda m: m.group("pre") + "***", str(text))
    return _KEY_PASSWORD.sub(lambda m: m.group("pre") + "***", text)


class MaskSecretsFilter(logging.Filter):
    """A logging filter that masks passwords in a record's message and traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a broken format string: log it as it is
            message = str(record.msg)
        record.msg, record.args = mask_secrets(message), ()
        if record.exc_info:
            record.exc_text = mask_secrets(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        return True
