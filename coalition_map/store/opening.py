"""Opening a store safely: every problem with the database as a Dutch message.

:func:`coalition_map.store.open_store` uses these helpers so that a corrupt,
empty (0 bytes), read-only or newer-than-the-code SQLite file, an
unreachable PostgreSQL server or a URL with a typo never ends in a
traceback, never creates something the user did not ask for, and never
shows a password (:func:`coalition_map.paths.mask_secrets`).

A SQLite file the program may not write is opened read-only: everything can
be read, and every write is refused with a Dutch message.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from sqlalchemy.engine import make_url

from ..paths import mask_secrets
from .history import StoreError

#: How long to wait for a 0-byte SQLite file that another process is creating.
NEW_FILE_GRACE_SECONDS = 5.0

#: Seconds PostgreSQL gets to answer a connection (unless the URL says otherwise).
CONNECT_TIMEOUT = 10


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL (None for PostgreSQL or an in-memory database)."""
    u = make_url(url)
    if u.get_backend_name() != "sqlite" or not u.database or u.database == ":memory:" \
            or u.database.startswith("file:"):
        return None
    return Path(u.database)


def check_sqlite_file(path: Path) -> None:
    """Refuse a path that cannot be a store: a folder, or a file of 0 bytes.

    A 0-byte file is not an empty store (that has tables); filling it with
    the example data would hide that something went wrong with it. A file
    that another process is creating this very moment is 0 bytes for a
    split second; it gets :data:`NEW_FILE_GRACE_SECONDS` to grow.
    """
    if path.is_dir():
        raise StoreError(f"De database {path} is een map, geen bestand. Geef het pad van een "
                         ".sqlite-bestand op.")
    try:
        stat = path.stat()
    except FileNotFoundError:
        return                      # a new store: it will be created
    except OSError as exc:
        raise StoreError(f"De database {path} kan niet worden gelezen ({exc.strerror}).") \
            from None
    deadline = time.monotonic() + NEW_FILE_GRACE_SECONDS
    while stat.st_size == 0:
        young = time.time() - stat.st_mtime < NEW_FILE_GRACE_SECONDS
        if not young or time.monotonic() > deadline:
            raise StoreError(
                f"Het databasebestand {path} is leeg (0 bytes): dat is geen geldige database, "
                "ook geen lege. Er is niets mee gedaan. Zet een back-up terug "
                "('coalition-map import --data <back-upmap> --db ...'), of verwijder het "
                "bestand om een nieuwe database te laten maken.")
        time.sleep(0.1)
        try:
            stat = path.stat()
        except FileNotFoundError:
            return


def is_read_only(path: Path) -> bool:
    """True when an existing SQLite file (or its folder, for the journal) is not writable."""
    if not path.exists():
        return False
    return not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK)


def read_only_url(url: str, path: Path, *, immutable: bool = False) -> str:
    """The SQLite URL that opens ``path`` read-only (``mode=ro``; ``immutable`` when even
    the journal files cannot be made)."""
    query = "mode=ro" + ("&immutable=1" if immutable else "")
    return f"sqlite:///file:{path.resolve().as_posix()}?{query}&uri=true"


def describe(exc: BaseException, display: str) -> str:
    """A Dutch message for a database error while opening or using the store.

    ``display`` names the database (a path, or a URL without password).
    """
    text = mask_secrets(str(getattr(exc, "orig", None) or exc))
    lower = text.lower()
    first = text.strip().splitlines()[0] if text.strip() else type(exc).__name__
    if "file is not a database" in lower or "malformed" in lower:
        return (f"De database {display} is beschadigd of geen coalition-map-database "
                f"(SQLite meldt: {first}). Zet een back-up terug of geef een ander bestand op.")
    if "readonly" in lower or "read-only" in lower:
        return (f"De database {display} is alleen-lezen: er kan niets worden opgeslagen. "
                "Vraag wie de computer of server beheert om schrijfrechten.")
    if "unable to open database file" in lower:
        return (f"De database {display} kan niet worden geopend: bestaat de map, en mag dit "
                "programma er lezen en schrijven?")
    if "database is locked" in lower:
        return (f"De database {display} is bezet door een ander programma. Probeer het zo "
                "opnieuw.")
    if "disk i/o error" in lower or "disk is full" in lower:
        return (f"De database {display} kan niet worden geschreven: de schijf gaf een fout "
                f"({first}).")
    if "password authentication failed" in lower or "no password supplied" in lower \
            or ('role "' in lower and "does not exist" in lower):
        return (f"Inloggen op de databaseserver {display} lukt niet: klopt de gebruikersnaam "
                "en het wachtwoord?")
    if 'database "' in lower and "does not exist" in lower:
        return f"De database op de server bestaat niet: {display}. Laat de beheerder hem maken."
    if any(word in lower for word in ("connection refused", "could not connect",
                                      "could not translate host", "timeout expired",
                                      "connection timed out", "no route to host",
                                      "server closed the connection", "name or service not known",
                                      "network is unreachable", "connection is bad",
                                      "consuming input failed", "the connection is lost",
                                      "connection failed")):
        return (f"De databaseserver is niet bereikbaar ({display}). Controleer of de server "
                "draait en of het adres klopt, en probeer het opnieuw.")
    if "permission denied" in lower:
        return (f"De database {display} weigert de toegang (geen rechten). Vraag de beheerder "
                "om rechten op de tabellen.")
    return f"De database {display} gaf een fout: {first}"


def newer_schema_message(display: str, revision: str, head: str) -> str:
    return (f"De database {display} heeft schemaversie {revision}; deze versie van "
            f"coalition-map kent alleen tot en met {head}. Hij is gemaakt of bijgewerkt door een "
            "nieuwere versie van de app: werk coalition-map bij. Er is niets gewijzigd.")
