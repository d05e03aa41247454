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
from pathlib import Path

from .source import (SourceError, add_source_options, check_wijk, fail, load_source,
                     reference_date)

KAART_FORMATS = ("html", "pdf", "xlsx", "csv", "hsds", "graphml", "gexf")
PLAN_FORMATS = ("xlsx", "html", "pdf")


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "export-kaart", help="schrijf de sociale kaart (HTML, PDF, XLSX, CSV, HSDS, netwerk)",
        description="Schrijf de sociale kaart van een wijk of de hele gemeente.")
    add_source_options(p, date_help="peildatum voor lopend aanbod en deadlines (standaard: vandaag)")
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
    add_source_options(p, date_help="peildatum voor lopend aanbod en deadlines (standaard: vandaag)")
    p.add_argument("--format", choices=PLAN_FORMATS, required=True, help="bestandsvorm")
    p.add_argument("--to", metavar="BESTAND", required=True, help="doelbestand")
    p.set_defaults(func=cmd_export_plan)


def cmd_export_kaart(args) -> int:
    from ..kaart import kaart_entries
    try:
        coalition, _plan = load_source(args)
        today = reference_date(args) or dt.date.today()
        check_wijk(coalition, args.wijk)
    except SourceError as exc:
        return fail(str(exc))
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
            data, _ = render_pdf(kaart, coalition)
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
        today = reference_date(args) or dt.date.today()
    except SourceError as exc:
        return fail(str(exc))
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
