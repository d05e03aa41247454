"""The plan for the meeting's minutes: XLSX, printable HTML and PDF.

All three show the same content, from :func:`stappenplan.meeting_overview`:
the choices, progress per step with its checklist, the actions (open and
overdue per owner, then all actions), the gaps without an action, and the
decisions. HTML is one self-contained file (inline CSS, no scripts) with
every value escaped; XLSX cells pass through ``safety.neutralize_cell``.
"""

from __future__ import annotations

import datetime as dt
import io
from html import escape

from .model import Action, Coalition, Plan
from .safety import neutralize_cell, xml_text
from .stappenplan import STEPS, meeting_overview, step_of, step_title
from .typology import PROFILES
from .vocab import ACTION_STATUS, APPROACH, ONDERDELEN


def _date(value: dt.date | None) -> str:
    return value.strftime("%d-%m-%Y") if value else ""


def _money(value: float | None) -> str:
    if value is None:
        return ""
    return "€ " + f"{value:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")


def choices_rows(plan: Plan, coalition: Coalition) -> list[tuple[str, str]]:
    c = plan.choices
    wijken = ("hele gemeente" if "alle" in c.focus_wijken
              else ", ".join(coalition.wijk_name(w) for w in c.focus_wijken))
    return [
        ("Onderdelen", ", ".join(ONDERDELEN.label_of(o) for o in c.onderdelen)),
        ("Doelgroepen", ", ".join(c.target_groups)),
        ("Focuswijken", wijken),
        ("Insteek", APPROACH.label_of(c.approach) if c.approach else ""),
        ("Organisatievorm", c.organisation_form),
        ("Financieringsbronnen", ", ".join(c.funding_sources)),
        ("Notities", c.notes),
    ]


ACTION_HEADERS = ("Id", "Actie", "Stap", "Onderdeel", "Wijk", "Profiel", "Trekker",
                  "Deadline", "Status", "Budget", "Financiering", "Notities")


def action_row(action: Action, coalition: Coalition) -> list[str]:
    return [action.id, action.title, step_title(action.step),
            ONDERDELEN.label_of(action.onderdeel) if action.onderdeel else "",
            coalition.wijk_name(action.wijk),
            PROFILES[action.profile].name if action.profile in PROFILES else action.profile,
            coalition.partner_name(action.owner_partner), _date(action.deadline),
            ACTION_STATUS.label_of(action.status), _money(action.budget),
            action.funding_source, action.notes]


def _title(coalition: Coalition) -> str:
    return f"Plan van aanpak eenzaamheid – {coalition.name or 'coalitie'}"


# --- XLSX ------------------------------------------------------------------------

def plan_xlsx(plan: Plan, coalition: Coalition, analysis=None,
              today: dt.date | None = None) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    ov = meeting_overview(plan, coalition, analysis, today)
    wb = Workbook()

    def sheet(title, header, rows, widths=None):
        ws = wb.create_sheet(title)
        ws.append(list(header))
        for row in rows:
            ws.append([neutralize_cell(xml_text(v)) for v in row])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
                if isinstance(cell.value, str):
                    cell.data_type = "s"
        for i, w in enumerate(widths or (), start=1):
            ws.column_dimensions[ws.cell(row=1, column=i).column_letter].width = w
        ws.freeze_panes = "A2"
        return ws

    wb.remove(wb.active)
    sheet("Voortgang", ("Stap", "Status", "Afgevinkt", "Van", "Open acties", "Start", "Eind",
                        "Notities"),
          [[f"{s.number}. {s.title}", s.status_label, s.checked, s.total, s.open_actions,
            _date(s.start_date), _date(s.end_date), step_of(plan, s.number).notes]
           for s in ov.steps], (34, 14, 10, 6, 12, 12, 12, 50))
    checklist = []
    for d in STEPS:
        ticked = set(step_of(plan, d.number).checked)
        for i, item in enumerate(d.checklist):
            checklist.append([f"{d.number}. {d.title}", item, "ja" if i in ticked else "nee"])
    sheet("Checklist", ("Stap", "Punt", "Gedaan"), checklist, (34, 80, 8))
    sheet("Keuzes", ("Keuze", "Waarde"), choices_rows(plan, coalition), (24, 90))
    sheet("Acties", ACTION_HEADERS, [action_row(a, coalition) for a in plan.actions],
          (10, 40, 24, 22, 14, 16, 24, 12, 10, 12, 16, 40))
    owner_rows = [[o.owner_name, len(o.open), len(o.overdue),
                   "; ".join(f"{a.id} {a.title} ({_date(a.deadline)})" for a in o.overdue)]
                  for o in ov.owners]
    sheet("Per trekker", ("Trekker", "Open", "Te laat", "Te late acties"), owner_rows,
          (30, 8, 8, 80))
    sheet("Gaten zonder actie", ("Wijk", "Profiel", "Dekking"),
          [[g.wijk_name, g.profile_name, gap_label(g.status)] for g in ov.gaps_without_action],
          (24, 20, 16))
    sheet("Besluiten", ("Id", "Datum", "Stap", "Besluit", "Genomen door"),
          [[d.id, _date(d.date), step_title(d.step), d.text, d.decided_by]
           for d in plan.decisions], (10, 12, 24, 70, 20))
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def gap_label(status: str) -> str:
    """Dutch label of a cell state (``states.STATE_LABELS``)."""
    from .states import label
    return label(status)


# --- HTML ------------------------------------------------------------------------

CSS = """
body { font-family: "Segoe UI", Roboto, Arial, sans-serif; color:#1d2633; max-width: 60rem;
       margin: 0 auto; padding: 1.5rem; font-size: 10.5pt; line-height: 1.4; }
h1 { color:#1f5f8b; font-size: 1.6rem; margin-bottom: .2rem; }
h2 { border-bottom: 2px solid #1f5f8b; font-size: 1.2rem; margin-top: 1.5rem; }
h3 { font-size: 1rem; margin: .8rem 0 .2rem; }
.meta { color:#5a6472; margin-top: 0; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0; }
th, td { border: 1px solid #d5dae1; padding: .25rem .4rem; text-align: left; vertical-align: top; }
th { background: #eef4f8; }
.late { color: #a1260d; font-weight: 600; }
.bar { background:#e6e9ee; height:.6rem; width: 8rem; display:inline-block; }
.bar span { background:#1f5f8b; height:100%; display:block; }
ul.check { list-style: none; padding-left: .3rem; margin: .2rem 0; }
@page { size: A4; margin: 15mm 14mm; }
@media print { body { max-width:none; padding:0; } h2 { break-after: avoid; }
  tr, li { break-inside: avoid; } }
"""


def plan_html(plan: Plan, coalition: Coalition, analysis=None,
              today: dt.date | None = None) -> bytes:
    e = escape
    ov = meeting_overview(plan, coalition, analysis, today)
    title = _title(coalition)
    out = [f'<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>{e(title)}'
           f"</title><style>{CSS}</style></head><body><h1>{e(title)}</h1>",
           f'<p class="meta">Stand van {_date(ov.today)} · {ov.open_count} open acties, '
           f"{ov.overdue_count} te laat, {ov.done_count} afgerond</p>"]
    out.append("<h2>Voortgang per stap</h2><table><tr><th>Stap</th><th>Status</th>"
               "<th>Checklist</th><th>Open acties</th></tr>")
    for s in ov.steps:
        pct = round(100 * s.fraction)
        out.append(f"<tr><td>{s.number}. {e(s.title)}</td><td>{e(s.status_label)}</td>"
                   f'<td><span class="bar"><span style="width:{pct}%"></span></span> '
                   f"{s.checked}/{s.total}</td><td>{s.open_actions}</td></tr>")
    out.append("</table>")
    out.append("<h2>Keuzes</h2><table>")
    for label, value in choices_rows(plan, coalition):
        out.append(f"<tr><th>{e(label)}</th><td>{e(value) or '–'}</td></tr>")
    out.append("</table>")
    out.append("<h2>Open acties per trekker</h2>")
    if not ov.owners:
        out.append("<p>Geen open acties.</p>")
    for o in ov.owners:
        out.append(f"<h3>{e(o.owner_name)} – {len(o.open)} open"
                   + (f', <span class="late">{len(o.overdue)} te laat</span>' if o.overdue
                      else "") + "</h3><ul>")
        for a in o.open:
            cls = ' class="late"' if a in o.overdue else ""
            out.append(f"<li{cls}>{e(a.title)} "
                       f"({e(a.id)}; deadline {_date(a.deadline) or 'geen'}; "
                       f"{e(ACTION_STATUS.label_of(a.status))})</li>")
        out.append("</ul>")
    out.append("<h2>Gaten zonder actie</h2>")
    if ov.gaps_without_action:
        out.append("<table><tr><th>Wijk</th><th>Profiel</th><th>Dekking</th></tr>")
        for g in ov.gaps_without_action:
            out.append(f"<tr><td>{e(g.wijk_name)}</td><td>{e(g.profile_name)}</td>"
                       f"<td>{e(gap_label(g.status))}</td></tr>")
        out.append("</table>")
    else:
        out.append("<p>Elk gat heeft een actie (of er is geen analyse).</p>")
    shown = (0, 1, 2, 4, 5, 6, 7, 8, 9, 11)     # leave out onderdeel and funding: too wide
    out.append("<h2>Alle acties</h2><table><tr>"
               + "".join(f"<th>{ACTION_HEADERS[i]}</th>" for i in shown) + "</tr>")
    for a in plan.actions:
        row = action_row(a, coalition)
        out.append("<tr>" + "".join(f"<td>{e(row[i])}</td>" for i in shown) + "</tr>")
    out.append("</table><h2>Checklists</h2>")
    for d in STEPS:
        ticked = set(step_of(plan, d.number).checked)
        out.append(f"<h3>{d.number}. {e(d.title)}</h3><ul class=\"check\">")
        for i, item in enumerate(d.checklist):
            out.append(f"<li>{'☑' if i in ticked else '☐'} {e(item)}</li>")
        out.append("</ul>")
        notes = step_of(plan, d.number).notes
        if notes:
            out.append(f"<p><em>Notities:</em> {e(notes)}</p>")
    if plan.decisions:
        out.append("<h2>Besluiten</h2><table><tr><th>Datum</th><th>Stap</th><th>Besluit</th>"
                   "<th>Genomen door</th></tr>")
        for decision in plan.decisions:
            out.append(f"<tr><td>{_date(decision.date)}</td>"
                       f"<td>{e(step_title(decision.step))}</td><td>{e(decision.text)}</td>"
                       f"<td>{e(decision.decided_by)}</td></tr>")
        out.append("</table>")
    out.append("</body></html>")
    return "".join(out).encode("utf-8")


# --- PDF -------------------------------------------------------------------------

def plan_pdf(plan: Plan, coalition: Coalition, analysis=None,
             today: dt.date | None = None) -> bytes:
    from .kaart.pdf import MUTED, Document

    ov = meeting_overview(plan, coalition, analysis, today)
    title = _title(coalition)
    doc = Document(title, title)
    doc.add_page()
    doc.heading(title, size=16)
    doc.paragraph(f"Stand van {_date(ov.today)} · {ov.open_count} open acties, "
                  f"{ov.overdue_count} te laat, {ov.done_count} afgerond", size=9, color=MUTED)
    doc.ln(3)
    doc.heading("Voortgang per stap", size=13, space=1)
    for s in ov.steps:
        doc.field(f"{s.number}. {s.title}", f"{s.status_label} · checklist {s.checked}/"
                  f"{s.total} · {s.open_actions} open acties", label_width=70)
    doc.ln(3)
    doc.heading("Keuzes", size=13, space=1)
    for label, value in choices_rows(plan, coalition):
        doc.field(label, value or "–")
    doc.ln(3)
    doc.heading("Open acties per trekker", size=13, space=1)
    if not ov.owners:
        doc.paragraph("Geen open acties.")
    for o in ov.owners:
        doc.heading(f"{o.owner_name}: {len(o.open)} open, {len(o.overdue)} te laat",
                    size=10.5, color=(0, 0, 0), space=0.5)
        for a in o.open:
            late = " – TE LAAT" if a in o.overdue else ""
            doc.field(_date(a.deadline) or "geen deadline",
                      f"{a.title} ({a.id}, {ACTION_STATUS.label_of(a.status)}){late}",
                      label_width=30)
        doc.ln(1)
    doc.ln(2)
    doc.heading("Gaten zonder actie", size=13, space=1)
    if ov.gaps_without_action:
        for g in ov.gaps_without_action:
            doc.field(g.wijk_name, f"{g.profile_name} ({gap_label(g.status)})")
    else:
        doc.paragraph("Elk gat heeft een actie (of er is geen analyse).")
    doc.ln(3)
    doc.heading("Checklists", size=13, space=1)
    for d in STEPS:
        ticked = set(step_of(plan, d.number).checked)
        doc.heading(f"{d.number}. {d.title}", size=10.5, color=(0, 0, 0), space=0.5)
        for i, item in enumerate(d.checklist):
            doc.field("[x]" if i in ticked else "[ ]", item, label_width=10)
    if plan.decisions:
        doc.ln(3)
        doc.heading("Besluiten", size=13, space=1)
        for dec in plan.decisions:
            doc.field(_date(dec.date), dec.text + (f" ({dec.decided_by})" if dec.decided_by
                                                   else ""), label_width=26)
    return bytes(doc.output())
