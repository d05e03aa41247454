"""Store subcommands: ``init``, ``import``, ``export``, ``backup``, ``history``, ``undo``.

Every command takes ``--db`` (a path or SQLAlchemy URL; default
``COALITION_MAP_DB`` or :func:`coalition_map.paths.default_db_path`).
"""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

from ..schema import FILES

#: Environment variable with the author name for command-line changes.
AUTHOR_ENV = "COALITION_MAP_AUTHOR"


def _db_option(p) -> None:
    p.add_argument("--db", metavar="URL|PAD", default=None,
                   help="database: pad naar een SQLite-bestand of een URL zoals "
                        "postgresql://gebruiker@server/coalitie (standaard: "
                        "COALITION_MAP_DB of coalition-map.sqlite in de gegevensmap van de "
                        "gebruiker, zie 'coalition-map serve --help')")


def _author_option(p) -> None:
    p.add_argument("--author", metavar="NAAM", default=None,
                   help="naam die in de geschiedenis komt (standaard: "
                        f"{AUTHOR_ENV} of de gebruikersnaam)")


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "init", help="maak de database aan of werk hem bij (en vul hem de eerste keer)",
        description="Maak de database aan of breng hem naar de nieuwste versie. Een nieuwe, "
                    "lege database wordt gevuld met de voorbeelddata (of --seed).")
    _db_option(p)
    p.add_argument("--seed", metavar="MAP", default=None,
                   help="map met startgegevens (standaard: de meegeleverde voorbeelddata)")
    p.set_defaults(func=cmd_init)

    p = subparsers.add_parser(
        "import", help="laad een map of .xlsx-werkmap in de database (alles-of-niets)",
        description="Laad gegevens in de database in één keer: bij een fout verandert er "
                    "niets. Toont eerst wat er nieuw, gewijzigd en verwijderd wordt; een "
                    "import die gegevens verwijdert (records, of ingevulde waarden van een "
                    "kolom) gaat alleen door met --ja. Een back-upmap (van 'backup') zet de "
                    "database precies terug, met geschiedenis.")
    p.add_argument("--data", metavar="MAP|WERKMAP.xlsx", required=True,
                   help="map met de bestanden, één .xlsx-werkmap of een back-upmap")
    _db_option(p)
    _author_option(p)
    p.add_argument("--dry-run", action="store_true",
                   help="alleen controleren en de verschillen tonen; niets wijzigen")
    p.add_argument("--ja", action="store_true",
                   help="bevestig dat de import gegevens verwijdert (records, of ingevulde "
                        "waarden van een kolom); zonder --ja wordt zo'n import geweigerd")
    p.add_argument("--replace-history", action="store_true",
                   help="bij een back-up: ook een database die niet leeg is terugzetten "
                        "(de huidige gegevens én geschiedenis worden vervangen)")
    p.set_defaults(func=cmd_import)

    p = subparsers.add_parser(
        "export", help="schrijf de database naar bestanden",
        description="Schrijf de gegevens uit de database naar dezelfde bestandsvormen als "
                    "de import (CSV-map of .xlsx per soort).")
    p.add_argument("--to", metavar="MAP", required=True, help="doelmap")
    p.add_argument("--format", choices=("csv", "xlsx"), default="csv",
                   help="bestandsvorm (standaard csv)")
    _db_option(p)
    p.set_defaults(func=cmd_export)

    p = subparsers.add_parser(
        "backup", help="volledige back-up met tijdstempel, inclusief geschiedenis",
        description="Schrijf een volledige export met tijdstempel (gegevens, geschiedenis en "
                    "versies). 'coalition-map import --data <back-upmap>' zet hem precies "
                    "terug.")
    p.add_argument("--to", metavar="MAP", required=True,
                   help="map waarin de back-upmap met tijdstempel komt")
    _db_option(p)
    p.set_defaults(func=cmd_backup)

    p = subparsers.add_parser(
        "history", help="toon de laatste wijzigingen",
        description="Toon de laatste wijzigingen (nieuwste eerst), of die van één record.")
    p.add_argument("--kind", default=None, help="soort: partners, offers, wijken, ...")
    p.add_argument("--key", default=None, help="sleutel van het record (bijv. P01)")
    p.add_argument("--limit", type=int, default=20, help="aantal (standaard 20)")
    _db_option(p)
    p.set_defaults(func=cmd_history)

    p = subparsers.add_parser(
        "undo", help="maak een wijziging of een hele import ongedaan",
        description="Maak één wijziging (--change) of een hele import (--changeset) "
                    "ongedaan. Geweigerd als het record daarna nog is gewijzigd.")
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument("--change", type=int, metavar="NR", help="nummer van de wijziging")
    group.add_argument("--changeset", type=int, metavar="NR", help="nummer van de stap "
                       "(import)")
    _db_option(p)
    _author_option(p)
    p.set_defaults(func=cmd_undo)


def _author(args) -> str:
    if args.author:
        return args.author
    if os.environ.get(AUTHOR_ENV):
        return os.environ[AUTHOR_ENV]
    try:
        return getpass.getuser()
    except Exception:  # no user name on this system
        return "opdrachtregel"


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 1


def cmd_init(args) -> int:
    from ..store import StoreError, current_revision, open_store
    try:
        store = open_store(args.db, seed_dir=args.seed)
    except StoreError as exc:
        return _fail(str(exc))
    try:
        coalition, plan = store.load()
        print(f"Database klaar: {store.display_url}")
        print(f"Schemaversie: {current_revision(store.engine)}")
        print(f"Inhoud: {len(coalition.wijken)} wijken, {len(coalition.partners)} partners, "
              f"{len(coalition.offers)} aanbod, {len(coalition.referrals)} verwijsroutes, "
              f"{len(plan.actions)} acties.")
    finally:
        store.close()
    return 0


def cmd_import(args) -> int:
    from ..gcpause import gc_paused
    with gc_paused():   # millions of small acyclic objects: see coalition_map.gcpause
        return _import(args)


def _import(args) -> int:
    from ..loading import format_report
    from ..service import ServiceError, imported_files, imported_kinds, open_service
    from ..store.backup import is_backup
    from .data import load_with_history
    source = Path(args.data)
    result = load_with_history(source)
    print(format_report(result))
    if not result.ok:
        return 1
    try:
        service = open_service(args.db, seed=False)
    except ServiceError as exc:
        return _fail(str(exc))
    try:
        if source.is_dir() and is_backup(source):
            if not service.is_empty() and not args.replace_history and not args.dry_run:
                return _fail("Dit is een back-up met geschiedenis, en de database is niet "
                             "leeg. Terugzetten vervangt alle gegevens én de geschiedenis. "
                             "Maak eerst een back-up van de huidige stand ('coalition-map "
                             "backup') en gebruik dan --replace-history.")
            if args.dry_run:
                print("Proefdraai: dit is een back-up; er is niets gewijzigd.")
                return 0
            service.restore_backup(source, result.coalition, result.plan, actor=_author(args))
            print(f"Back-up {source} teruggezet, met geschiedenis.")
            return 0
        kinds = imported_kinds(result)
        kept = [FILES[k].label for k in FILES if k not in kinds]
        diff = service.preview_import(result.coalition, result.plan, kinds=kinds)
        print()
        if kept:
            print("Niet in de import, blijft zoals het is: " + ", ".join(kept) + ".")
        print(diff.summary())
        removals = diff.removal_report(imported_files(result))
        if removals:
            print()
            print(removals)
        if args.dry_run:
            if removals and not args.ja:
                print("Deze import verwijdert gegevens: toepassen kan alleen met --ja.")
            print("Proefdraai: er is niets gewijzigd.")
            return 0
        if diff.is_empty:
            return 0
        if removals and not args.ja:
            return _fail("Niet ingelezen, er is niets gewijzigd: deze import verwijdert "
                         "gegevens (zie hierboven). Controleer of dat de bedoeling is: is een "
                         "kolomnaam goed gespeld, is geen bestand per ongeluk leeg of "
                         "afgebroken? Is het de bedoeling, voer de opdracht dan opnieuw uit "
                         "met --ja.")
        changeset = service.apply_import(result.coalition, result.plan, actor=_author(args),
                                         note=f"import uit {source.name}", based_on=diff,
                                         remove=args.ja)
        print(f"Ingelezen als stap {changeset.id} ({len(changeset.changes)} wijzigingen). "
              f"Ongedaan maken: coalition-map undo --changeset {changeset.id}")
        return 0
    except ServiceError as exc:
        return _fail(f"Er is niets gewijzigd: {exc}")
    finally:
        service.close()


def cmd_export(args) -> int:
    from ..store import StoreError, open_store
    from ..writing import write_folder
    try:
        store = open_store(args.db)
    except StoreError as exc:
        return _fail(str(exc))
    try:
        coalition, plan = store.load()
        folder = write_folder(coalition, plan, args.to, fmt=args.format)
    finally:
        store.close()
    print(f"Geëxporteerd naar {folder}")
    return 0


def cmd_backup(args) -> int:
    from ..store import StoreError, open_store
    from ..store.backup import write_backup
    try:
        store = open_store(args.db)
    except StoreError as exc:
        return _fail(str(exc))
    try:
        folder = write_backup(store, args.to)
    finally:
        store.close()
    print(f"Back-up geschreven naar {folder}")
    print(f"Terugzetten: coalition-map import --data {folder}")
    return 0


def cmd_history(args) -> int:
    from ..store import StoreError, open_store
    try:
        store = open_store(args.db)
        try:
            changes = store.history(args.kind, args.key, limit=args.limit)
        finally:
            store.close()
    except (StoreError, KeyError) as exc:
        return _fail(str(exc))
    if not changes:
        print("Nog geen wijzigingen.")
    for change in changes:
        step = f" (stap {change.changeset_id})" if change.changeset_id else ""
        print(f"{change.id}{step}: {change.describe()}")
    return 0


def cmd_undo(args) -> int:
    from ..service import ServiceError, open_service
    try:
        service = open_service(args.db)
    except ServiceError as exc:
        return _fail(str(exc))
    try:
        if args.change is not None:
            change = service.undo(args.change, actor=_author(args))
            print(f"Ongedaan gemaakt: {change.describe()}")
        else:
            changeset = service.undo_changeset(args.changeset, actor=_author(args))
            print(f"Ongedaan gemaakt: {changeset.describe()}")
        return 0
    except ServiceError as exc:
        return _fail(str(exc))
    finally:
        service.close()
