"""Data subcommands: ``validate`` (check a data folder or workbook) and ``docs``.

``coalition-map validate --data DIR`` prints the Dutch report of
:func:`coalition_map.loading.format_report` and exits 0 when there are no
errors (warnings are allowed), 1 when there are.
"""

from __future__ import annotations

import sys


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "validate", help="controleer een map met CSV-bestanden of een .xlsx-werkmap",
        description="Controleer de gegevens en toon alle problemen in één keer.")
    p.add_argument("--data", metavar="MAP|WERKMAP.xlsx", default=None,
                   help="map met de bestanden of één .xlsx-werkmap "
                        "(standaard: de meegeleverde voorbeelddata)")
    p.set_defaults(func=cmd_validate)

    p = subparsers.add_parser(
        "docs", help="schrijf docs/data-dictionary.md en docs/regels.md opnieuw",
        description="Genereer het gegevenswoordenboek uit het schema en de regels van de "
                    "gatenanalyse uit de typologie.")
    p.add_argument("--output", metavar="BESTAND", default=None,
                   help="waar het woordenboek heen moet (standaard: docs/data-dictionary.md)")
    p.set_defaults(func=cmd_docs)


def cmd_validate(args) -> int:
    from ..loading import format_report
    from ..paths import bundled_data_dir
    path = args.data or bundled_data_dir()
    result = load_with_history(path)
    print(format_report(result))
    return 0 if result.ok else 1


def load_with_history(path):
    """:func:`coalition_map.loading.load_path`, plus, for a backup folder, the checks of
    its history (what ``import`` would refuse to restore), so that "OK" from
    ``validate`` means ``import`` succeeds."""
    from pathlib import Path

    from ..loading import load_path
    from ..store.backup import HISTORY_DIR, history_problems, is_backup
    from ..validation import Problem
    result = load_path(path)
    if Path(path).is_dir() and is_backup(path):
        for message in history_problems(path):
            result.problems.append(Problem(f"{HISTORY_DIR}/", None, None, None, message))
    return result


def cmd_docs(args) -> int:
    from ..datadict import write_data_dictionary
    from ..rulesdoc import write_rules
    path = write_data_dictionary(args.output)
    print(f"Gegevenswoordenboek geschreven naar {path}", file=sys.stdout)
    if args.output is None:
        print(f"Regels van de gatenanalyse geschreven naar {write_rules()}", file=sys.stdout)
    return 0
