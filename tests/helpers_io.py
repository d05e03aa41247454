"""Small builders for the exchange-file tests: tiny CSV folders and a tricky coalition."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import openpyxl

from coalition_map import model
from coalition_map.reading import Table, read_table

#: A minimal, valid coalition as CSV texts (file name -> content).
MINIMAL = {
    "wijken.csv": "code,name,inhabitants,pct_lonely\n"
                  "WK01,Noord,12000,12.5\n"
                  "WK02,Zuid,8000,\n",
    "partners.csv": "id,name,sector,roles,wijken\n"
                    "P01,Wijkteam Noord,wijkteam,signaleren|toeleiden,WK01\n"
                    "P02,Woonstad,woningcorporatie,signaleren,alle\n",
    "offers.csv": "id,partner_id,name,kind,delivered_by,profiles,wijken\n"
                  "A01,P01,Maatjesproject,een_op_een,vrijwilliger,actieven|geborgenen,WK01\n"
                  "A02,P02,Huisbezoek,begeleiding,professional,buitenstaanders,alle\n",
    "referrals.csv": "from_partner,to_partner,kind\n"
                     "P02,P01,meldt\n",
}


def write_files(folder: Path, files: dict[str, str | bytes], *, encoding: str = "utf-8",
                delimiter: str | None = None) -> Path:
    """Write ``files`` into ``folder``; ``delimiter=";"`` swaps the commas of plain rows."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        if isinstance(content, str):
            if delimiter:
                content = content.replace(",", delimiter)
            content = content.encode(encoding)
        (folder / name).write_bytes(content)
    return folder


def minimal_folder(folder: Path, **changes: str | None) -> Path:
    """The minimal coalition with some files replaced (``offers="..."``) or left out (None)."""
    files = dict(MINIMAL)
    for stem, content in changes.items():
        name = stem if "." in stem else f"{stem}.csv"
        if content is None:
            files.pop(name, None)
        else:
            files[name] = content
    return write_files(folder, files)


def table(text: str, filename: str = "partners.csv") -> Table:
    """A Table from CSV text, read exactly as a file would be."""
    return read_table(text.encode("utf-8"), filename=filename)


def tricky_coalition() -> tuple[model.Coalition, model.Plan]:
    """A coalition and plan with the values that tend to break a round trip."""
    coalition = model.Coalition(
        info=model.CoalitionInfo("Coalitie Één tegen eenzaamheid", "Voorbeeldstad", True,
                                 "=HYPERLINK(\"http://x\")"),
        wijken=[
            model.Wijk("WK01", "Noord-Oost", "Voorbeeldstad", 12500, 3100, 12.5, 2.25,
                       "GGD Gezondheidsmonitor", 2022),
            model.Wijk("WK02", "Café-kwartier", "'s-Hertogenbosch"),
        ],
        partners=[
            model.Partner("P01", "Wijkteam Één", "wijkteam", ("signaleren", "toeleiden"),
                          ("WK01", "WK02"), phone="+31 20 123 4567", contact_person="@info",
                          expertise="- huisbezoek\n- netwerk", mandate="uitvoering"),
            model.Partner("P02", "Woonstad | Noord; zuid, west", "woningcorporatie",
                          active=False),
        ],
        offers=[
            model.Offer("A01", "P01", "Maatje à la carte", "een_op_een",
                        "gespecialiseerde_vrijwilliger",
                        description="'citaat' en \"aanhalingstekens\"",
                        intervention_types=("vrijwillige_inzet", "emotionele_steun"),
                        profiles=("actieven", "overlevers"),
                        target_groups=("75+", "ouderen, alleenstaand"),
                        wijken=("WK01",), evidence="kansrijk", capacity=None,
                        end_date=dt.date(2026, 12, 31)),
            model.Offer("A02", "P02", "Huisbezoek", "begeleiding", "professional",
                        target_groups=("mantelzorgers; jong",), capacity=0, active=False),
        ],
        referrals=[model.Referral("P02", "P01", "meldt", "convenant", True),
                   model.Referral("P01", "P02", "werkt_samen")],
    )
    plan = model.Plan(
        steps=[model.PlanStep(1, "afgerond", (0, 1, 3), dt.date(2025, 1, 6),
                              dt.date(2025, 3, 1), "klaar"),
               model.PlanStep(2, "bezig")],
        choices=model.PlanChoices(("bewustwording", "herkennen"), ("75+",), (model.ALL,),
                                  "beide", "informeel netwerk", ("Wmo", "fonds"), "n.v.t."),
        decisions=[model.Decision("B01", dt.date(2025, 2, 1), 2, "We starten in Noord."),
                   model.Decision("B02", None, None, "+ nog een besluit", "\tstuurgroep")],
        actions=[model.Action("X01", "Meldpunt inrichten", 4, "herkennen", "WK01",
                              "buitenstaanders", "P02", dt.date(2025, 6, 30), "bezig",
                              1250.75, "gemeente", "")],
    )
    return coalition, plan


def xlsx_bytes(sheets: dict[str, list[list]]) -> bytes:
    """An .xlsx workbook with one sheet per entry (name -> rows), as bytes."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
