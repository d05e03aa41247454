"""The sociale kaart as a PDF (A4), with fpdf2 and the bundled DejaVu font.

The font ships in ``coalition_map/static`` (DejaVu, Bitstream Vera licence,
see ``DejaVu-LICENSE.txt``) so accents print correctly without network or a
system font. :func:`kaart_pdf` returns the bytes and the number of offers it
wrote, so tests can check that nothing fell off.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from ..model import Coalition
from .selection import CONTACT_FIELDS, CONTACTS_INTRO, CONTACTS_TITLE, Kaart, kaart_entries
from .tables import contact_value, entry_value

STATIC = Path(__file__).resolve().parent.parent / "static"
FONT = "DejaVu"
ACCENT = (31, 95, 139)
MUTED = (90, 100, 114)
LINE = 4.2              # mm per line of a field (9 pt)


class Document(FPDF):
    """An A4 document with the bundled font, a running footer and page numbers."""

    def __init__(self, title: str, footer: str = ""):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.add_font(FONT, "", str(STATIC / "DejaVuSans.ttf"))
        self.add_font(FONT, "B", str(STATIC / "DejaVuSans-Bold.ttf"))
        self.set_title(title)
        self.set_creator("coalition-map")
        self.set_margins(16, 16, 16)
        self.set_auto_page_break(True, margin=18)
        self.footer_text = footer
        self.set_font(FONT, size=10)

    def footer(self):
        self.set_y(-12)
        self.set_font(FONT, size=8)
        self.set_text_color(*MUTED)
        self.cell(0, 5, f"{self.footer_text}   pagina {self.page_no()}/{{nb}}", align="C")
        self.set_text_color(0, 0, 0)

    # --- building blocks ----------------------------------------------------
    def heading(self, text: str, size: float = 18, color=ACCENT, space: float = 2):
        self.set_font(FONT, "B", size)
        self.set_text_color(*color)
        self.multi_cell(0, size * 0.5, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(0, 0, 0)
        self.set_font(FONT, size=10)
        self.ln(space)

    def paragraph(self, text: str, size: float = 10, color=(0, 0, 0)):
        self.set_font(FONT, size=size)
        self.set_text_color(*color)
        self.multi_cell(0, size * 0.48, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(0, 0, 0)

    def _lines(self, width: float, text: str, line: float) -> int:
        """Number of lines ``text`` takes in ``width`` (fast path for short text)."""
        if "\n" not in text and self.get_string_width(text) <= width - 2 * self.c_margin:
            return 1
        lines = self.multi_cell(width, line, text, dry_run=True, output="LINES")
        assert isinstance(lines, list)
        return len(lines)

    def _text(self, width: float, line: float, text: str, lines: int) -> None:
        if lines == 1:
            self.cell(width, line, text)
        else:
            self.multi_cell(width, line, text, align="L")

    def field(self, label: str, value: str, label_width: float = 42):
        """A label and its value side by side; never split over two pages."""
        self.set_font(FONT, size=9)
        line = LINE
        value_width = self.w - self.r_margin - self.l_margin - label_width
        n_label = self._lines(label_width, label, line)
        n_value = self._lines(value_width, value, line)
        height = line * max(1, n_label, n_value)
        self.ensure_space(height)
        x, y = self.l_margin, self.get_y()
        self.set_text_color(*MUTED)
        self.set_xy(x, y)
        self._text(label_width, line, label, n_label)
        self.set_text_color(0, 0, 0)
        self.set_xy(x + label_width, y)
        self._text(value_width, line, value, n_value)
        self.set_xy(x, y + height)

    def entry_height(self, entry, fields, label_width: float = 42) -> float:
        """The height an offer takes: heading, partner line and its fields."""
        self.set_font(FONT, size=9)
        value_width = self.w - self.r_margin - self.l_margin - label_width
        lines = sum(max(self._lines(label_width, label, LINE),
                        self._lines(value_width, entry_value(entry, name), LINE))
                    for name, label in fields if entry_value(entry, name))
        return 15 + LINE * lines

    def rule(self):
        self.set_draw_color(213, 218, 225)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(2)

    def ensure_space(self, height: float):
        if self.get_y() + height > self.h - self.b_margin:
            self.add_page()


def render_pdf(kaart: Kaart) -> tuple[bytes, int]:
    """The kaart as PDF bytes, and the number of offer entries written."""
    doc = Document(kaart.title, kaart.title)
    doc.add_page()
    doc.heading(kaart.title)
    audience = "professionals" if kaart.audience == "professionals" else "inwoners"
    doc.paragraph(f"Voor {audience} · stand van {kaart.today.strftime('%d-%m-%Y')} · "
                  f"{len(kaart.entries)} aanbod"
                  + (f" · {kaart.coalition_name}" if kaart.coalition_name else ""),
                  size=9, color=MUTED)
    if kaart.is_example:
        doc.paragraph("Voorbeelddata: de organisaties en het aanbod op deze kaart zijn "
                      "verzonnen.", size=9, color=(150, 100, 0))
    doc.ln(3)
    if kaart.contacts:
        doc.heading(CONTACTS_TITLE, size=14, space=1)
        doc.paragraph(CONTACTS_INTRO, size=9, color=MUTED)
        doc.rule()
        for c in kaart.contacts:
            doc.ensure_space(30)
            doc.heading(c.name, size=11.5, color=(0, 0, 0), space=0.5)
            for name, label in CONTACT_FIELDS:
                value = contact_value(c, name)
                if value:
                    doc.field(label, value)
            doc.ln(1)
        doc.rule()
        doc.ln(2)
    if not kaart.groups:
        doc.paragraph("Er is geen lopend aanbod gevonden.")
    fields = [(n, label) for n, label in kaart.columns
              if n not in ("group", "name", "partner", "offer_id")]
    written = 0
    for group in kaart.groups:
        doc.ensure_space(40)
        doc.ln(2)
        doc.heading(group.title, size=14, space=1)
        doc.rule()
        for entry in group.entries:
            doc.ensure_space(min(doc.entry_height(entry, fields), 150))  # one offer, one page
            doc.heading(entry.name + (" (wachtlijst)" if entry.status else ""), size=11.5,
                        color=(0, 0, 0), space=0.5)
            doc.paragraph(entry.partner, size=9, color=MUTED)
            doc.ln(0.5)
            for name, label in fields:
                value = entry_value(entry, name)
                if value:
                    doc.field(label, value)
            doc.ln(2)
            doc.rule()
            written += 1
    return bytes(doc.output()), written


def kaart_pdf(coalition: Coalition, *, wijk: str | None = None,
              audience: str = "professionals", group_by: str = "kind",
              today: dt.date | None = None) -> tuple[bytes, int]:
    kaart = kaart_entries(coalition, wijk=wijk, audience=audience, group_by=group_by,
                          today=today)
    return render_pdf(kaart)
