"""The ``coalition-map`` command line (beside the Streamlit app).

Subcommands live in :mod:`coalition_map.commands`; this module only wires
them together and holds the options every subcommand shares.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from . import __version__
from .commands import COMMAND_MODULES

#: Set to show the Python traceback of an unexpected error (for developers).
DEBUG_ENV = "COALITION_MAP_DEBUG"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="coalition-map",
        description="Coalitiekaart: dekt het lokale aanbod tegen eenzaamheid elk profiel, "
                    "in elke wijk?")
    parser.add_argument("--version", action="version", version=f"coalition-map {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="OPDRACHT")
    subparsers.required = True
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one subcommand. Whatever goes wrong ends in a Dutch message on stderr and a
    non-zero exit code, never a traceback, and never with a password in it
    (``COALITION_MAP_DEBUG=1`` shows the traceback of an unexpected error)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - the last line of defence: Dutch, masked
        if os.environ.get(DEBUG_ENV):
            raise
        print(describe_error(exc), file=sys.stderr)
        return 2


def describe_error(exc: BaseException) -> str:
    """A Dutch message for an error that reached the command line, password masked."""
    from sqlalchemy.exc import SQLAlchemyError

    from .limits import shorten
    from .paths import mask_secrets
    from .store import StoreError
    if isinstance(exc, StoreError):
        return mask_secrets(str(exc))
    if isinstance(exc, SQLAlchemyError):
        from .store.opening import describe
        return mask_secrets(describe(exc, "(de opgegeven database)"))
    if isinstance(exc, OSError):
        where = f" ({exc.filename})" if getattr(exc, "filename", None) else ""
        return mask_secrets(f"Een bestand of map kon niet worden gelezen of geschreven{where}: "
                            f"{exc.strerror or exc}.")
    return mask_secrets(
        f"Er ging iets onverwachts mis (interne fout in coalition-map): {type(exc).__name__}: "
        f"{shorten(str(exc), 300)}. Een schrijfactie is in één keer gedaan of helemaal niet. "
        f"Zet {DEBUG_ENV}=1 voor de technische details en meld het probleem.")


if __name__ == "__main__":
    sys.exit(main())
