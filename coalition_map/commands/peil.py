"""Peilmomenten: ``snapshot``, ``snapshots`` and ``compare``.

``coalition-map snapshot --name NAAM [--db URL] [--datum JJJJ-MM-DD]`` stores a
named, dated picture of the coalition (data and analysis result);
``coalition-map snapshots`` lists them; ``coalition-map compare A B
[--format table|json]`` shows what changed (A or B may be ``nu``: the live data).
"""

from __future__ import annotations

import json
import sys

from .source import SourceError, fail, reference_date
from .store import _author, _author_option, _db_option

FORMATS = ("table", "json")


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "snapshot", help="leg een peilmoment vast: de gegevens en de analyse van nu",
        description="Bewaar een peilmoment met naam en datum: alle gegevens van de coalitie "
                    "en de uitkomst van de gatenanalyse. Later te vergelijken met compare.")
    p.add_argument("--name", "--naam", dest="name", required=True, metavar="NAAM",
                   help="naam van het peilmoment (uniek), bijv. 'Nulmeting 2025'")
    p.add_argument("--datum", metavar="JJJJ-MM-DD", default=None,
                   help="peildatum voor lopend aanbod (standaard: vandaag)")
    _db_option(p)
    _author_option(p)
    p.set_defaults(func=cmd_snapshot)

    p = subparsers.add_parser("snapshots", help="toon de vastgelegde peilmomenten")
    _db_option(p)
    p.set_defaults(func=cmd_snapshots)

    p = subparsers.add_parser(
        "compare", help="vergelijk twee peilmomenten (of een peilmoment met nu)",
        description="Wat veranderde tussen twee peilmomenten: cellen die dicht of open "
                    "gingen (met redenen), aanbod en partners erbij of gestopt, verwijsroutes "
                    "erbij of weg per wijk. Gebruik 'nu' voor de huidige gegevens.")
    p.add_argument("a", metavar="A", help="naam van het eerste peilmoment (of 'nu')")
    p.add_argument("b", metavar="B", help="naam van het tweede peilmoment (of 'nu')")
    p.add_argument("--format", choices=FORMATS, default="table",
                   help="table (leesbaar) of json")
    p.add_argument("--datum", metavar="JJJJ-MM-DD", default=None,
                   help="peildatum voor 'nu' (standaard: vandaag)")
    _db_option(p)
    p.set_defaults(func=cmd_compare)


def _open(args):
    from ..store import open_store
    return open_store(args.db)


def cmd_snapshot(args) -> int:
    from ..store import StoreError
    from ..store.snapshots import take_snapshot
    try:
        today = reference_date(args)
        store = _open(args)
    except (SourceError, StoreError) as exc:
        return fail(str(exc))
    try:
        payload = take_snapshot(store, args.name, author=_author(args), today=today)
    except StoreError as exc:
        return fail(str(exc))
    finally:
        store.close()
    counts = payload["analysis"]["counts"]
    size = len(json.dumps(payload, ensure_ascii=False).encode())
    print(f"Peilmoment '{payload['name']}' vastgelegd (peildatum {payload['today']}): "
          f"{counts['covered']} gedekt, {counts['partial']} deels gedekt, "
          f"{counts['uncovered']} niet gedekt, {counts['unreachable']} niet bereikbaar; "
          f"{size / 1024:.0f} kB.")
    return 0


def cmd_snapshots(args) -> int:
    from ..store import StoreError
    from ..store.snapshots import list_snapshots
    try:
        store = _open(args)
        items = list_snapshots(store)
        store.close()
    except StoreError as exc:
        return fail(str(exc))
    if not items:
        print("Nog geen peilmomenten. Leg er een vast met: coalition-map snapshot --name NAAM")
    for s in items:
        print(f"{s.name}\t{s.taken_at:%d-%m-%Y %H:%M}\t{s.author}\t{s.size / 1024:.0f} kB")
    return 0


def cmd_compare(args) -> int:
    from ..peilmomenten import SnapshotFormatError, compare, format_table
    from ..store import StoreError
    from ..store.snapshots import load
    try:
        today = reference_date(args)
        store = _open(args)
    except (SourceError, StoreError) as exc:
        return fail(str(exc))
    try:
        before = load(store, args.a, today=today)
        after = load(store, args.b, today=today)
    except (StoreError, SnapshotFormatError) as exc:
        return fail(str(exc))
    finally:
        store.close()
    result = compare(before, after)
    if args.format == "json":
        json.dump(result.to_dict(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(format_table(result))
    return 0
