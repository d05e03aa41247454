"""The compact wijk × profiel heatmap of the Overzicht page (HTML, fits 1366 px).

One row per wijk: its name with its gap count in words ("4 niet gedekt,
1 deels gedekt", :meth:`states.GapCount.text`), then one coloured cell per
profile with the state's glyph (the legend beside it says what each glyph
means; a cell's title attribute gives the label). All text is escaped: wijk
names are user data.

>>> from coalition_map.model import Coalition, Wijk
>>> from coalition_map.analysis import analyze
>>> c = Coalition(wijken=[Wijk("W1", "<b>Noord</b>")])
>>> a = analyze(c)
>>> html = heatmap_html(a.cells, c, a.gaps_per_wijk())
>>> "&lt;b&gt;Noord&lt;/b&gt;" in html and "8 niet gedekt" in html
True
"""

from __future__ import annotations

from html import escape

from ..typology import PROFILES
from .style import ACTION_MARK, STATUSES, display_status

#: CSS class of the table; the browser test measures its columns.
TABLE_CLASS = "cm-heat"

_CSS = f"""
<style>
table.{TABLE_CLASS}{{width:100%;border-collapse:collapse;table-layout:auto;font-size:14px;
  line-height:1.25}}
table.{TABLE_CLASS} th{{font-weight:600;font-size:13px;text-align:center;padding:3px 2px;
  white-space:nowrap;border-bottom:1px solid #999}}
table.{TABLE_CLASS} th.w{{text-align:left}}
table.{TABLE_CLASS} td{{border:1px solid #fff;text-align:center;padding:3px 2px;
  white-space:nowrap;font-weight:700}}
table.{TABLE_CLASS} td.w{{text-align:left;white-space:normal;font-weight:400;
  background:#f4f4f4;color:#222;padding:3px 6px;min-width:9em}}
table.{TABLE_CLASS} td.w b{{font-weight:700}}
table.{TABLE_CLASS} td.w span{{font-size:12.5px;color:#444}}
table.{TABLE_CLASS} td.w span.open{{color:#8b0f1f;font-weight:700}}
</style>
"""


def heatmap_html(cells: dict, coalition, per_wijk: dict, with_action=frozenset(),
                 large: bool = False) -> str:
    """The table as HTML (static text, user text escaped)."""
    head = "".join(f"<th>{escape(p.name)}</th>" for p in PROFILES.values())
    rows = []
    for w in coalition.wijken:
        count = per_wijk.get(w.code)
        summary = count.text() if count is not None else ""
        klass = "open" if count is not None and count.open else ""
        tds = [f'<td class="w"><b>{escape(w.name)}</b><br><span class="{klass}">'
               f'{escape(summary)}</span></td>']
        for code in PROFILES:
            cell = cells.get((w.code, code))
            if cell is None:
                tds.append("<td></td>")
                continue
            status = STATUSES[display_status(cell)]
            mark = " ▸" if (w.code, code) in with_action else ""
            title = status.label + (f" ({ACTION_MARK})" if mark else "")
            pattern = (f"background-image:{status.pattern};" if status.pattern != "none"
                       else "")
            tds.append(f'<td title="{escape(title)}" style="background-color:{status.background};'
                       f'{pattern}color:{status.foreground}">{status.glyph}{mark}</td>')
        rows.append("<tr>" + "".join(tds) + "</tr>")
    size = ' style="font-size:18px"' if large else ""
    return (_CSS + f'<table class="{TABLE_CLASS}"{size}><thead><tr><th class="w">Wijk: gaten</th>'
            f"{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")
