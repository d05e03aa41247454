"""The sociale kaart as a spreadsheet (XLSX) or CSV.

Every text cell passes through :func:`coalition_map.safety.neutralize_cell`,
so a value such as ``=HYPERLINK(...)`` is shown as text, never run, and
through :func:`coalition_map.safety.xml_text`, so a control character left
in an older store cannot break the workbook. :func:`entry_value` is what
every kaart export shows of an entry: a website only as an ``http(s)``
address (``javascript:`` and the like are left out).
"""

from __future__ import annotations

import csv
import io

from ..safety import neutralize_cell, safe_url, xml_text
from .selection import CONTACT_FIELDS, CONTACTS_TITLE, Kaart, KaartEntry


def entry_value(entry: KaartEntry, name: str) -> str:
    """The text an export shows for one field of an entry (websites: http(s) only)."""
    return _shown(name, entry.value(name))


def contact_value(contact, name: str) -> str:
    """The same for a field of a meldpunt/intake contact at the top of the kaart."""
    return _shown(name, str(getattr(contact, name)))


def _shown(name: str, value: str) -> str:
    if name == "website":
        return safe_url(value) or ""
    return xml_text(value)


def kaart_rows(kaart: Kaart) -> list[list[str]]:
    """Header plus one row per entry (per group), neutralised."""
    header = [label for _, label in kaart.columns]
    rows = [header]
    for entry in kaart.rows:
        rows.append([neutralize_cell(entry_value(entry, name)) for name, _ in kaart.columns])
    return rows


def kaart_csv(kaart: Kaart, *, delimiter: str = ";") -> bytes:
    """CSV in UTF-8 with BOM and ``;`` (what Dutch Excel opens without questions)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerows(kaart_rows(kaart))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def kaart_xlsx(kaart: Kaart) -> bytes:
    """A workbook with the kaart on one sheet, header frozen and filterable."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Sociale kaart"
    rows = kaart_rows(kaart)
    for row in rows:
        ws.append(row)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    widths = {"Wat het is": 50, "Wat is het?": 50, "Aanbod": 30, "Naam": 30}
    for i, heading in enumerate(rows[0], start=1):
        letter = ws.cell(row=1, column=i).column_letter
        ws.column_dimensions[letter].width = widths.get(heading, 20)
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            cell.data_type = "s"       # text, never a formula
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    contacts = wb.create_sheet("Meldpunt en intake", 0)
    contacts.append([CONTACTS_TITLE])
    contacts["A1"].font = Font(bold=True)
    contacts.append(["Naam"] + [label for _, label in CONTACT_FIELDS])
    for c in kaart.contacts:
        contacts.append([neutralize_cell(xml_text(c.name))] + [neutralize_cell(contact_value(c, name))
                                                     for name, _ in CONTACT_FIELDS])
    for row in contacts.iter_rows(min_row=3):
        for cell in row:
            cell.data_type = "s"
    for letter, width in zip("ABCDEFG", (34, 28, 16, 30, 30, 30, 30)):
        contacts.column_dimensions[letter].width = width
    wb.active = 0
    info = wb.create_sheet("Over deze kaart")
    info.append(["Titel", neutralize_cell(xml_text(kaart.title))])
    info.append(["Voor", "professionals" if kaart.audience == "professionals" else "inwoners"])
    info.append(["Datum", kaart.today.isoformat()])
    info.append(["Aantal aanbod", len(kaart.entries)])
    if kaart.is_example:
        info.append(["Let op", "Voorbeelddata: fictieve organisaties en aanbod."])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
