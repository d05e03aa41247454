"""The ``coalition-map`` command line (beside the Streamlit app).

Subcommands live in :mod:`coalition_map.commands`; this module only wires
them together and holds the options every subcommand shares.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from . import __version__
from .commands import COMMAND_MODULES


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
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
