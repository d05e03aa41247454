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
from .history import (Change, ChangeSet, FieldChange, ImportDiff, KindDiff, Removal,
                      StaleImportError, StaleRecordError, StoreError)
from .migrate import current_revision, head_revision, upgrade


def open_store(db: str | None = None, *, seed_dir=None, seed: bool = True) -> Store:
    """Open the store named by ``db`` (``--db``), ``COALITION_MAP_DB`` or the default file.

    Brings the schema up to date (migrations) and, when the store has never
    held anything (no records and no history), fills it from ``seed_dir``
    (default: the bundled ``data/``) as one recorded import. A seed folder
    with errors raises :class:`StoreError` with the Dutch report.
    """
    url = paths.db_url(db)
    engine = make_engine(url)
    try:
        upgrade(engine)
    except Exception:
        engine.dispose()
        raise
    store = Store(engine, url)
    if seed:
        seed_if_new(store, seed_dir)
    return store


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
    return store.seed(result.coalition, result.plan,
                      note=f"eerste vulling uit {folder.name}/")


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
        stem = Path(name).stem if Path(name).suffix.lower() in (".csv", ".xlsx") else name
        for kind, fk in FILES.items():
            if kind not in out and normalize(stem) in _candidates(fk):
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
