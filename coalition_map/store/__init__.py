"""The store: the coalition's live data in a real database.

An embedded SQLite file by default (``instance/coalition-map.sqlite``), or a
PostgreSQL server, chosen with ``--db`` or ``COALITION_MAP_DB``
(:func:`coalition_map.paths.db_url`); both through the same SQLAlchemy code.
:func:`open_store` applies the Alembic migrations and, the very first time,
fills the store from the bundled example data.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> store = open_store(str(folder / "doc.sqlite"), seed=False)
>>> store.is_empty(), store.data_version()
(True, 0)
>>> store.dialect
'sqlite'
>>> store.close()
"""

from __future__ import annotations

from pathlib import Path

from .. import paths
from .core import SYSTEM_AUTHOR, Store, make_engine
from . import opening
from .history import (Change, ChangeSet, FieldChange, ImportDiff, KindDiff, Removal,
                      StaleImportError, StaleRecordError, StoreError)
from .migrate import current_revision, head_revision, known_revisions, upgrade


def open_store(db: str | None = None, *, seed_dir=None, seed: bool = True) -> Store:
    """Open the store named by ``db`` (``--db``), ``COALITION_MAP_DB`` or the default file.

    Brings the schema up to date (migrations) and, when the store has never
    held anything (no records and no history), fills it from ``seed_dir``
    (default: the bundled ``data/``) as one recorded import. A seed folder
    with errors raises :class:`StoreError` with the Dutch report.

    Every problem with the database itself raises :class:`StoreError` with a
    Dutch message and no password in it (:mod:`coalition_map.store.opening`):
    a URL with a typo, a folder or a 0-byte file instead of a store, a
    corrupt file, a schema newer than this code, an unreachable server. A
    SQLite file that may not be written is opened read-only
    (:attr:`Store.read_only`): it can be read, every write is refused.
    """
    from sqlalchemy.exc import SQLAlchemyError
    try:
        url = paths.db_url(db)
    except paths.DatabaseUrlError as exc:
        raise StoreError(str(exc)) from None
    display = opening.mask_secrets(url)
    try:
        file = opening.sqlite_path(url)
    except Exception:  # noqa: BLE001 - an unparseable URL: make_engine says so below
        file = None
    if file is not None:
        display = str(file)
        opening.check_sqlite_file(file)
    read_only = file is not None and opening.is_read_only(file)
    try:
        store = _open(url, file, read_only, display)
    except SQLAlchemyError as exc:
        message = str(exc).lower()
        not_writable = "readonly" in message or "unable to open" in message
        if file is None or read_only or not not_writable or not file.exists():
            raise StoreError(opening.describe(exc, display)) from None
        # The file turned out not to be writable (a read-only mount, say).
        try:
            store = _open(url, file, True, display)
        except SQLAlchemyError as again:
            raise StoreError(opening.describe(again, display)) from None
    if seed and not store.read_only:
        try:
            seed_if_new(store, seed_dir)
        except SQLAlchemyError as exc:
            store.close()
            raise StoreError(opening.describe(exc, display)) from None
    return store


def _open(url: str, file, read_only: bool, display: str) -> Store:
    """Make the engine and bring (or check) the schema; StoreError for what is known."""
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError
    try:
        engine = make_engine(opening.read_only_url(url, file) if read_only else url)
    except NoSuchModuleError:
        scheme = url.split(":", 1)[0]
        raise StoreError(f"De database-URL '{display}' is ongeldig: onbekend databasetype "
                         f"'{scheme}'. Gebruik postgresql://gebruiker@server/database of een "
                         "pad naar een SQLite-bestand.") from None
    except (ArgumentError, ValueError):
        raise StoreError(f"De database-URL '{display}' is ongeldig: controleer de schrijfwijze "
                         "(postgresql://gebruiker:wachtwoord@server:poort/database) en het "
                         "poortnummer.") from None
    try:
        try:
            revision = current_revision(engine)
        except SQLAlchemyError as exc:
            if not read_only or "unable to open" not in str(exc).lower():
                raise
            # Not even the journal files can be made next to it: read it as it is.
            engine.dispose()
            engine = make_engine(opening.read_only_url(url, file, immutable=True))
            revision = current_revision(engine)
        head = head_revision()
        if revision is not None and revision not in known_revisions():
            raise StoreError(opening.newer_schema_message(display, revision, head))
        if read_only:
            if revision != head:
                raise StoreError(
                    f"De database {display} is alleen-lezen en heeft een oudere schemaversie "
                    f"({revision or 'geen'}; nodig: {head}). Open hem eenmaal met schrijfrechten "
                    "om hem bij te werken.")
        else:
            upgrade(engine)
    except BaseException:
        engine.dispose()
        raise
    return Store(engine, url, read_only=read_only)


def seed_if_new(store: Store, seed_dir=None) -> bool:
    """Fill a never-used store from a data folder; True when it did."""
    if not store.is_empty() or store.has_history():
        return False
    folder = Path(seed_dir) if seed_dir is not None else paths.bundled_data_dir()
    if not folder.is_dir() or not any(folder.iterdir()):
        return False
    from ..loading import format_report, load_folder
    result = load_folder(folder)
    if not result.ok:
        raise StoreError("De startgegevens in " + str(folder) + " bevatten fouten:\n"
                         + format_report(result), result.errors)
    seeded = store.seed(result.coalition, result.plan,
                        note=f"eerste vulling uit {folder.name}/")
    if seeded:
        from .snapshots import seed_snapshots
        seed_snapshots(store, folder)      # the peilmomenten shipped with the data
    return seeded


def imported_files(result) -> dict[str, str]:
    """Kind → the file or sheet a :class:`~coalition_map.loading.LoadResult` read it from.

    Only the kinds the load actually contained: a folder's files
    (``partners.csv``), a workbook's sheets (``kaart.xlsx, blad 'partners'``);
    for naming them in Dutch messages (:meth:`ImportDiff.removal_report`).
    """
    from ..loading import _candidates   # the loader's own file-name rule
    from ..schema import FILES
    from ..vocab import normalize
    workbook = Path(result.source or "").suffix.lower() == ".xlsx"
    out = {}
    for name in result.files:
        if Path(name).suffix.lower() == ".geojson":
            out["boundaries"] = name
            continue
        stem = Path(name).stem if Path(name).suffix.lower() in (".csv", ".xlsx") else name
        for kind, fk in FILES.items():
            if kind not in out and kind != "boundaries" and normalize(stem) in _candidates(fk):
                out[kind] = f"{Path(result.source).name}, blad '{name}'" if workbook else name
    return out


def imported_kinds(result) -> set[str]:
    """The file kinds a :class:`~coalition_map.loading.LoadResult` actually contained.

    Pass it as ``kinds=`` to :meth:`Store.diff` so that a kind whose file or
    sheet was absent (the plan files and ``coalition.csv`` are optional)
    stays as it is instead of being emptied.
    """
    return set(imported_files(result))


__all__ = ["Store", "open_store", "seed_if_new", "StaleRecordError", "StaleImportError",
           "StoreError", "Change", "ChangeSet", "FieldChange", "ImportDiff", "KindDiff", "Removal",
           "make_engine", "upgrade", "imported_kinds", "imported_files",
           "current_revision", "head_revision", "SYSTEM_AUTHOR"]
