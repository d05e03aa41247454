"""Sociale kaart and plan subcommands: ``export-kaart`` and ``export-plan``.

``coalition-map export-kaart --wijk WK01 --format html --to kaart.html`` writes
the sociale kaart of a wijk (or, without ``--wijk``, the whole municipality)
from the store (``--db``) or from a data folder or workbook (``--data``).
``--format hsds`` writes an Open Referral HSDS 3.0 package into the folder
``--to`` (or a ZIP file when ``--to`` ends in ``.zip``).
``coalition-map export-plan --format pdf --to plan.pdf`` writes the plan for
the meeting's minutes.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

KAART_FORMATS = ("html", "pdf", "xlsx", "csv", "hsds", "graphml", "gexf")
PLAN_FORMATS = ("xlsx", "html", "pdf")


def _source_options(p) -> None:
    group = p.add_mutually_exclusive_group()
    group.add_argument("--data", metavar="MAP|WERKMAP.xlsx", default=None,
                       help="lees uit een map met CSV-bestanden of een .xlsx-werkmap")
    group.add_argument("--db", metavar="URL|PAD", default=None,
                       help="lees uit deze database (standaard: COALITION_MAP_DB of het "
                            "ingebouwde SQLite-bestand)")
    p.add_argument("--datum", metavar="JJJJ-MM-DD", default=None,
                   help="peildatum voor lopend aanbod en deadlines (standaard: vandaag)")


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "export-kaart", help="schrijf de sociale kaart (HTML, PDF, XLSX, CSV, HSDS, netwerk)",
        description="Schrijf de sociale kaart van een wijk of de hele gemeente.")
    _source_options(p)
    p.add_argument("--wijk", metavar="CODE", default=None,
                   help="wijkcode (standaard: de hele gemeente)")
    p.add_argument("--format", choices=KAART_FORMATS, required=True, help="bestandsvorm")
    p.add_argument("--audience", choices=("professionals", "residents"),
                   default="professionals",
                   help="voor professionals (met profielen) of inwoners (eenvoudige taal)")
    p.add_argument("--group-by", choices=("kind", "profile"), default="kind",
                   help="groeperen naar soort aanbod of naar profiel")
    p.add_argument("--to", metavar="PAD", required=True,
                   help="doelbestand (bij hsds: een map, of een .zip-bestand)")
    p.set_defaults(func=cmd_export_kaart)

    p = subparsers.add_parser(
        "export-plan", help="schrijf het stappenplan voor het verslag (XLSX, HTML, PDF)",
        description="Schrijf het plan: voortgang, keuzes, acties en gaten zonder actie.")
    _source_options(p)
    p.add_argument("--format", choices=PLAN_FORMATS, required=True, help="bestandsvorm")
    p.add_argument("--to", metavar="BESTAND", required=True, help="doelbestand")
    p.set_defaults(func=cmd_export_plan)


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 1


class _SourceError(Exception):
    pass


def _today(args) -> dt.date:
    if not args.datum:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(args.datum)
    except ValueError as exc:
        raise _SourceError(f"Ongeldige datum '{args.datum}': gebruik JJJJ-MM-DD.") from exc


def load_source(args):
    """(coalition, plan) from ``--data`` or the store."""
    if args.data:
        from ..loading import format_report, load_path
        result = load_path(args.data)
        if not result.ok:
            raise _SourceError(format_report(result))
        return result.coalition, result.plan
    from ..store import StoreError, open_store
    try:
        store = open_store(args.db)
    except StoreError as exc:
        raise _SourceError(str(exc)) from exc
    try:
        return store.load_coalition(), store.load_plan()
    finally:
        close = getattr(store, "close", None)
        if close:
            close()


def cmd_export_kaart(args) -> int:
    from ..kaart import kaart_entries
    try:
        coalition, _plan = load_source(args)
        today = _today(args)
    except _SourceError as exc:
        return _fail(str(exc))
    codes = [w.code for w in coalition.wijken]
    if args.wijk is not None and args.wijk not in codes:
        return _fail(f"Onbekende wijk '{args.wijk}'. Bekende wijkcodes: "
                     f"{', '.join(codes) or '(geen)'}.")
    target = Path(args.to)
    fmt = args.format
    if fmt == "hsds":
        from ..kaart.hsds import hsds_zip, write_hsds
        if target.suffix.lower() == ".zip":
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(hsds_zip(coalition, wijk=args.wijk, today=today))
        else:
            write_hsds(coalition, target, wijk=args.wijk, today=today)
        print(f"HSDS-pakket geschreven naar {target}")
        return 0
    if fmt in ("graphml", "gexf"):
        from ..kaart.network import gexf_bytes, graphml_bytes
        data = (graphml_bytes if fmt == "graphml" else gexf_bytes)(coalition, today)
        count = None
    else:
        kaart = kaart_entries(coalition, wijk=args.wijk, audience=args.audience,
                              group_by=args.group_by, today=today)
        count = len(kaart.entries)
        if fmt == "html":
            from ..kaart.html import render_html
            data = render_html(kaart, coalition).encode("utf-8")
        elif fmt == "pdf":
            from ..kaart.pdf import render_pdf
            data, _ = render_pdf(kaart)
        elif fmt == "xlsx":
            from ..kaart.tables import kaart_xlsx
            data = kaart_xlsx(kaart)
        else:
            from ..kaart.tables import kaart_csv
            data = kaart_csv(kaart)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    what = f" ({count} aanbod)" if count is not None else ""
    print(f"Sociale kaart geschreven naar {target}{what}")
    return 0


def cmd_export_plan(args) -> int:
    from .. import plan_export
    try:
        coalition, plan = load_source(args)
        today = _today(args)
    except _SourceError as exc:
        return _fail(str(exc))
    try:
        from ..analysis import analyze
        analysis = analyze(coalition, today=today)
    except ImportError:  # pragma: no cover - analysis ships with the package
        analysis = None
    writer = {"xlsx": plan_export.plan_xlsx, "html": plan_export.plan_html,
              "pdf": plan_export.plan_pdf}[args.format]
    target = Path(args.to)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(writer(plan, coalition, analysis, today))
    print(f"Plan geschreven naar {target}")
    return 0
