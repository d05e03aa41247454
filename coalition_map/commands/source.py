"""Where a read-only subcommand gets its data: ``--data`` files or the store.

Shared by ``gaps``, ``export-kaart`` and ``export-plan`` so that the options,
their Dutch help and the Dutch error messages are written once.
"""

from __future__ import annotations

import datetime as dt
import sys


class SourceError(Exception):
    """Data could not be read; the message is Dutch and meant for the user."""


def add_source_options(parser, *, date_help: str = "peildatum voor lopend aanbod "
                       "(standaard: vandaag)") -> None:
    """Add ``--data`` / ``--db`` (mutually exclusive) and ``--datum``."""
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--data", metavar="MAP|WERKMAP.xlsx", default=None,
                       help="lees uit een map met CSV-bestanden of een .xlsx-werkmap")
    group.add_argument("--db", metavar="URL|PAD", default=None,
                       help="lees uit deze database (standaard: COALITION_MAP_DB of het "
                            "ingebouwde SQLite-bestand)")
    parser.add_argument("--datum", metavar="JJJJ-MM-DD", default=None, help=date_help)


def reference_date(args) -> dt.date | None:
    """``--datum`` as a date, None when not given.

    >>> import types
    >>> reference_date(types.SimpleNamespace(datum="2026-01-31"))
    datetime.date(2026, 1, 31)
    """
    if not args.datum:
        return None
    try:
        return dt.date.fromisoformat(args.datum)
    except ValueError as exc:
        raise SourceError(f"Ongeldige datum '{args.datum}': gebruik JJJJ-MM-DD.") from exc


def load_source(args):
    """(coalition, plan) from ``--data`` (validated, all-or-nothing) or the store."""
    if args.data:
        from ..loading import format_report, load_path
        result = load_path(args.data)
        if not result.ok:
            raise SourceError(format_report(result))
        return result.coalition, result.plan
    from ..store import StoreError, open_store
    try:
        store = open_store(args.db)
    except StoreError as exc:
        raise SourceError(str(exc)) from exc
    try:
        return store.load_coalition(), store.load_plan()
    except StoreError as exc:
        raise SourceError(str(exc)) from exc
    finally:
        close = getattr(store, "close", None)
        if close:
            close()


def check_wijk(coalition, code: str | None) -> None:
    """Raise SourceError naming the known codes when ``code`` is not a wijk."""
    codes = [w.code for w in coalition.wijken]
    if code is not None and code not in codes:
        raise SourceError(f"Onbekende wijk '{code}'. Bekende wijkcodes: "
                          f"{', '.join(codes) or '(geen)'}.")


def fail(message: str) -> int:
    """Print a Dutch message on stderr; exit code 1."""
    print(message, file=sys.stderr)
    return 1
