"""The compact wijk × profiel heatmap (HTML, fits 1366 px): the Overzicht page, and
Dekking per wijk in vergadermodus.

One row per wijk: its name with its gap count in words ("4 niet gedekt,
1 deels gedekt", :meth:`states.GapCount.text`), then one coloured cell per
profile with the state's glyph (the legend beside it says what each glyph
means; a cell's title attribute gives the label). With what-if ``changes``
a changed cell shows the state after the change, "was" the state before,
outlined, and the wijk's count is the count after the change. All text is
escaped: wijk names are user data.

>>> from coalition_map.model import Coalition, Wijk
>>> from coalition_map.analysis import analyze
>>> c = Coalition(wijken=[Wijk("W1", "<b>Noord</b>")])
>>> a = analyze(c)
>>> html = heatmap_html(a.cells, c, a.gaps_per_wijk())
>>> "&lt;b&gt;Noord&lt;/b&gt;" in html and "8 niet gedekt" in html
True
>>> from coalition_map.analysis.fragility import CellChange
>>> after = heatmap_html(a.cells, c, a.gaps_per_wijk(),
...                      changes=[CellChange("W1", "actieven", "uncovered", "covered")])
>>> "7 niet gedekt" in after and "was ✗" in after
True
"""

from __future__ import annotations

from html import escape

from ..states import count_gaps
from ..typology import PROFILES
from .style import ACTION_MARK, COMPACT_ACTION_MARK, STATUSES, display_status

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
table.{TABLE_CLASS} td.was{{outline:3px solid #000;outline-offset:-3px;font-style:italic}}
table.{TABLE_CLASS}.large{{font-size:18px;line-height:1.12}}
table.{TABLE_CLASS}.large td{{padding:2px 2px}}
table.{TABLE_CLASS}.large td.w{{padding:2px 6px}}
</style>
"""


def heatmap_html(cells: dict, coalition, per_wijk: dict, with_action=frozenset(),
                 large: bool = False, changes=()) -> str:
    """The table as HTML (static text, user text escaped).

    ``large``: the meeting type size (rows kept low so ten wijken fit 1366×768).
    ``changes``: what-if :class:`~coalition_map.analysis.fragility.CellChange` objects.
    """
    changed = {(ch.wijk, ch.profile): ch for ch in changes
               if ch.before_state != ch.after_state}
    if changed:
        per_wijk = _counts_after(cells, changed)
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
            mark = f" {COMPACT_ACTION_MARK}" if (w.code, code) in with_action else ""
            change = changed.get((w.code, code))
            if change is not None:
                status, before = STATUSES[change.after_state], STATUSES[change.before_state]
                text, klass_td = f"{status.glyph} was {before.glyph}{mark}", ' class="was"'
                title = f"na de wat-als: {status.label}; was {before.label}"
            else:
                status = STATUSES[display_status(cell)]
                text, klass_td, title = f"{status.glyph}{mark}", "", status.label
            title += f" ({ACTION_MARK})" if mark else ""
            pattern = (f"background-image:{status.pattern};" if status.pattern != "none"
                       else "")
            tds.append(f'<td{klass_td} title="{escape(title)}" style="background-color:'
                       f'{status.background};{pattern}color:{status.foreground}">{text}</td>')
        rows.append("<tr>" + "".join(tds) + "</tr>")
    size = " large" if large else ""
    return (_CSS + f'<table class="{TABLE_CLASS}{size}"><thead><tr><th class="w">Wijk: gaten</th>'
            f"{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")


def _counts_after(cells: dict, changed: dict) -> dict:
    """Gap count per wijk with the what-if's after-states in place of the changed cells."""
    states: dict[str, list[str]] = {}
    for key, cell in cells.items():
        change = changed.get(key)
        states.setdefault(key[0], []).append(change.after_state if change else cell.state)
    return {w: count_gaps(s) for w, s in states.items()}
