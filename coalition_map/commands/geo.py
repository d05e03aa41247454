"""Wijk boundaries and real figures: ``grenzen``, ``import-cbs``, ``import-rivm``.

``coalition-map grenzen --gpkg wijkenbuurten_2024_v1.gpkg --gemeente GM0363 --to
data/wijken.geojson`` takes a gemeente's wijken from the CBS wijk- en
buurtkaart GeoPackage (read with sqlite3; codes trimmed) into the
``wijken.geojson`` a data folder holds. ``import-cbs`` and ``import-rivm`` put
the figures of a StatLine CSV into the stored wijken: a preview first
(``--dry-run`` shows only that), then one changeset in the history (undo with
``coalition-map undo --changeset NR``), with source and year.
"""

from __future__ import annotations

import json
from pathlib import Path

from .source import fail


def register(subparsers) -> None:
    from .store import _author_option
    p = subparsers.add_parser(
        "grenzen", help="wijkgrenzen van een gemeente uit de CBS wijk- en buurtkaart "
        "(GeoPackage) naar wijken.geojson",
        description="Neem de wijken van één gemeente uit de GeoPackage van de CBS wijk- en "
                    "buurtkaart en schrijf ze als wijken.geojson (RD New).")
    p.add_argument("--gpkg", metavar="BESTAND", required=True, help="de .gpkg van CBS/PDOK")
    p.add_argument("--gemeente", metavar="GMxxxx|NAAM", required=True,
                   help="gemeentecode (GM0363) of gemeentenaam")
    p.add_argument("--laag", default="wijken", help="laag in de GeoPackage (standaard: wijken)")
    p.add_argument("--to", metavar="BESTAND", required=True, help="doelbestand (.geojson)")
    p.set_defaults(func=cmd_grenzen)
    p = subparsers.add_parser(
        "coordinaten", help="coördinaten van partners uit een postcodetabel (voor de kaart)",
        description="Zet bij elke partner de coördinaten van zijn postcode uit een tabel die "
                    "u zelf levert (postcode;latitude;longitude of postcode;x;y in RD New). "
                    "Er wordt niets online opgezocht.")
    p.add_argument("--postcodes", metavar="TABEL.csv", required=True)
    p.add_argument("--db", metavar="URL|PAD", default=None)
    p.add_argument("--dry-run", action="store_true", help="alleen tonen wat er verandert")
    _author_option(p)
    p.set_defaults(func=cmd_coordinates)
    for name, what in (("import-cbs", "CBS Kerncijfers wijken en buurten (inwoners, 65+)"),
                       ("import-rivm", "RIVM-schattingen eenzaamheid per wijk (50120NED)")):
        p = subparsers.add_parser(name, help=f"cijfers per wijk uit {what}",
                                  description=f"Lees {what} (StatLine-CSV) in bij de wijken.")
        p.add_argument("bestand", metavar="BESTAND.csv")
        p.add_argument("--db", metavar="URL|PAD", default=None)
        p.add_argument("--dry-run", action="store_true", help="alleen tonen wat er verandert")
        if name == "import-cbs":
            p.add_argument("--jaar", type=int, default=None,
                           help="jaar van de cijfers (als het bestand geen kolom Perioden heeft)")
            p.add_argument("--tabel", default="", help="StatLine-tabel, bijv. 85984NED (bron)")
        else:
            p.add_argument("--leeftijd", choices=("18+", "65+"), default="18+",
                           help="leeftijdsgroep (65+ is code 80200)")
        _author_option(p)
        p.set_defaults(func=cmd_import_figures, kind="cbs" if name == "import-cbs" else "rivm")


def cmd_grenzen(args) -> int:
    from ..geo import geopackage_features, load_boundaries
    try:
        doc = geopackage_features(args.gpkg, args.gemeente, args.laag)
    except (ValueError, OSError) as exc:
        return fail(f"Niets geschreven: {exc}")
    except Exception as exc:  # noqa: BLE001 - a damaged file is a Dutch message
        return fail(f"Niets geschreven: {Path(args.gpkg).name} is geen leesbare GeoPackage "
                    f"({type(exc).__name__}).")
    if not doc["features"]:
        return fail(f"Geen wijken van gemeente '{args.gemeente}' in {Path(args.gpkg).name}.")
    data = json.dumps(doc, ensure_ascii=False).encode("utf-8")
    check = load_boundaries(data, Path(args.to).name)
    if not check.ok:
        return fail("Niets geschreven:\n" + "\n".join(str(p) for p in check.problems))
    Path(args.to).write_bytes(data)
    print(f"{len(doc['features'])} wijken geschreven naar {args.to}. Zet het bestand naast "
          "wijken.csv en importeer de map (coalition-map import --data MAP).")
    return 0


def cmd_import_figures(args) -> int:
    from .. import figures
    from ..model import Coalition
    from ..service import ServiceError, open_service
    from .store import _author
    kw = ({"year": args.jaar, "table": args.tabel} if args.kind == "cbs"
          else {"age": args.leeftijd})
    data = figures.read_path(args.bestand, args.kind, **kw)
    if not data.ok:
        return fail("Niets ingelezen:\n" + "\n".join(data.errors))
    try:
        service = open_service(args.db, seed=False)
    except ServiceError as exc:
        return fail(str(exc))
    try:
        coalition = service.load_coalition()
        changes = figures.apply_figures(coalition.wijken, data)
        print(changes.report(data))
        new = Coalition(wijken=changes.wijken)
        diff = service.preview_import(new, None, kinds={"wijken"})
        print(diff.summary())
        if args.dry_run or diff.is_empty:
            print("Proefdraai: er is niets gewijzigd." if args.dry_run else
                  "Er verandert niets.")
            return 0
        changeset = service.apply_import(new, None, actor=_author(args),
                                         note=f"{data.source} {data.year or ''}".strip(),
                                         based_on=diff)
        print(f"Ingelezen als stap {changeset.id} ({len(changeset.changes)} wijzigingen). "
              f"Ongedaan maken: coalition-map undo --changeset {changeset.id}")
        return 0
    except ServiceError as exc:
        return fail(f"Er is niets gewijzigd: {exc}")
    finally:
        service.close()


def cmd_coordinates(args) -> int:
    import dataclasses

    from ..model import Coalition
    from ..service import ServiceError, open_service
    from ..wijkmap import normalize_postcode, read_postcode_table
    from .store import _author
    try:
        data = Path(args.postcodes).read_bytes()
    except OSError as exc:
        return fail(f"Niets ingelezen: {Path(args.postcodes).name}: kan het bestand niet lezen "
                    f"({exc.strerror})")
    table, problems = read_postcode_table(data, Path(args.postcodes).name)
    for problem in problems:
        print(problem)
    if not table:
        return fail("Niets ingelezen: de tabel heeft geen bruikbare postcodes.")
    try:
        service = open_service(args.db, seed=False)
    except ServiceError as exc:
        return fail(str(exc))
    try:
        coalition = service.load_coalition()
        partners, found, missing = [], 0, []
        for p in coalition.partners:
            pc = normalize_postcode(p.postal_code)
            if pc in table:
                lon, lat = table[pc]
                p = dataclasses.replace(p, latitude=lat, longitude=lon)
                found += 1
            elif pc:
                missing.append(f"{p.id} ({p.postal_code})")
            partners.append(p)
        print(f"{found} van {len(coalition.partners)} partners gevonden in de postcodetabel.")
        if missing:
            print("Postcode niet in de tabel: " + ", ".join(missing))
        new = Coalition(partners=partners)
        diff = service.preview_import(new, None, kinds={"partners"})
        print(diff.summary())
        if args.dry_run or diff.is_empty:
            print("Proefdraai: er is niets gewijzigd." if args.dry_run else "Er verandert niets.")
            return 0
        changeset = service.apply_import(new, None, actor=_author(args),
                                         note=f"coördinaten uit {Path(args.postcodes).name}",
                                         based_on=diff)
        print(f"Ingelezen als stap {changeset.id}. Ongedaan maken: coalition-map undo "
              f"--changeset {changeset.id}")
        return 0
    except ServiceError as exc:
        return fail(f"Er is niets gewijzigd: {exc}")
    finally:
        service.close()
