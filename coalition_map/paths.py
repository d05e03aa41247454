"""Where things are: the bundled example data and the default store.

>>> (bundled_data_dir() / "partners.csv").name
'partners.csv'
"""

from __future__ import annotations

import os
from pathlib import Path

#: Environment variable naming the store (a SQLAlchemy URL or a file path).
DB_ENV = "COALITION_MAP_DB"

REPO_ROOT = Path(__file__).resolve().parent.parent


def bundled_data_dir() -> Path:
    """The example coalition shipped in ``data/``."""
    return REPO_ROOT / "data"


def default_db_path() -> Path:
    """The embedded SQLite store used when neither --db nor COALITION_MAP_DB is given."""
    return REPO_ROOT / "instance" / "coalition-map.sqlite"


def db_url(db: str | None = None) -> str:
    """A SQLAlchemy URL from ``--db``, the environment, or the default file.

    A plain path becomes a SQLite URL.

    >>> db_url("postgresql://u@localhost/kaart")
    'postgresql://u@localhost/kaart'
    >>> db_url("/tmp/x.sqlite")
    'sqlite:////tmp/x.sqlite'
    """
    value = db or os.environ.get(DB_ENV) or str(default_db_path())
    if "://" in value:
        return value
    return "sqlite:///" + str(Path(value).expanduser().resolve())
