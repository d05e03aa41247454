"""Look of the app: meeting-mode CSS, coverage status colours and glyphs, node styles.

Coverage statuses are shown with a glyph and a lightness step as well as a
colour, so the heatmap stays readable on a grey-scale print or a washed-out
projector: ✓ gedekt (lightest), ◐ deels (light), ✗ niet gedekt (dark),
⊘ onbereikbaar (darkest, striped in HTML).
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from ..cellstyle import CELL_LOOK
from ..states import STATE_LABELS, STATE_ORDER, STATES as CELL_STATES


@dataclass(frozen=True)
class StatusStyle:
    code: str
    label: str        # Dutch, shown in the legend and the cells
    glyph: str
    background: str
    foreground: str
    pattern: str      # CSS background-image for HTML renderings (print)
    explanation: str


_STRIPES = "repeating-linear-gradient(45deg, rgba(255,255,255,.35) 0 4px, transparent 4px 9px)"

#: Display statuses of a wijk × profile cell, lightest to darkest.
STATUSES: dict[str, StatusStyle] = {code: StatusStyle(
    code, STATE_LABELS[code], CELL_LOOK[code].glyph, CELL_LOOK[code].background,
    CELL_LOOK[code].foreground, _STRIPES if CELL_LOOK[code].hatched else "none",
    CELL_STATES[code].meaning) for code in ("covered", "partial", "uncovered", "unreachable")}

STATUS_ORDER = STATE_ORDER

#: Suffix of a heatmap cell whose gap already has an action in the stappenplan
#: (text, so it survives a grey-scale print).
ACTION_MARK = "▸ actie"
#: The same mark in the compact heatmap's cells (glyph only).
COMPACT_ACTION_MARK = ACTION_MARK.split()[0]
ACTION_MARK_EXPLANATION = "er staat al een actie voor dit gat in het stappenplan"


def display_status(cell) -> str:
    """The state a cell is shown with (the analysis' ``Cell.state``)."""
    state = getattr(cell, "state", None) or getattr(cell, "after_state", "uncovered")
    return state if state in STATUSES else "uncovered"


def status_text(code: str) -> str:
    s = STATUSES[code]
    return f"{s.glyph} {s.label}"


def status_css(code: str) -> str:
    """CSS for a pandas Styler / HTML cell of this status."""
    s = STATUSES[code]
    css = f"background-color: {s.background}; color: {s.foreground}; font-weight: 600;"
    if s.pattern != "none":
        css += f" background-image: {s.pattern};"
    return css


def legend_html(with_action_mark: bool = False, glyph_only: bool = False) -> str:
    """A small legend of the statuses (static text, no user input).

    ``with_action_mark`` adds the heatmap's mark for gaps that have an action;
    ``glyph_only``: the key of the compact heatmap (``ui.heatmap``), whose cells
    carry the mark as "▸" alone, in a short text so the legend stays one line
    at 1366 px in meeting type.
    """
    items = "".join(
        f'<span style="display:inline-block;margin:0 1em .3em 0;padding:.15em .6em;'
        f'border:1px solid #555;{status_css(code)}">{s.glyph} {s.label}</span>'
        for code, s in STATUSES.items())
    if with_action_mark:
        items += ('<span style="display:inline-block;margin:0 1em .3em 0;padding:.15em .6em;'
                  'border:1px dashed #555">'
                  + (f"{COMPACT_ACTION_MARK}: actie in het stappenplan" if glyph_only
                     else f"{ACTION_MARK}: {ACTION_MARK_EXPLANATION}") + "</span>")
    return f'<div class="cm-legend">{items}</div>'


# --- node styles for the network view -------------------------------------------

@dataclass(frozen=True)
class NodeStyle:
    type: str
    label: str      # Dutch, for the legend
    shape: str      # vis-network shape
    color: str
    border: str


NODE_STYLES: dict[str, NodeStyle] = {n.type: n for n in (
    NodeStyle("partner", "partner", "dot", "#4e79a7", "#1d3b5a"),
    NodeStyle("offer", "aanbod", "box", "#f28e2b", "#8a4a08"),
    NodeStyle("profile", "profiel", "diamond", "#b07aa1", "#5b3352"),
    NodeStyle("wijk", "wijk", "triangle", "#59a14f", "#2b5a25"),
    NodeStyle("intervention_type", "interventietype", "ellipse", "#bab0ac", "#5e5753"),
)}

#: Dutch labels of edge kinds (graph contract, docs/architecture.md).
EDGE_KINDS: dict[str, str] = {
    "provides": "biedt aan (partner → aanbod)",
    "serves": "bedient profiel (aanbod → profiel)",
    "claims": "noemt profiel, maar telt niet (aanbod → profiel)",
    "available_in": "beschikbaar in wijk (aanbod → wijk)",
    "active_in": "actief in wijk (partner → wijk)",
    "refers": "verwijst/meldt (partner → partner)",
    "has_type": "interventietype (aanbod → type)",
}

EDGE_COLORS: dict[str, str] = {
    "provides": "#8a4a08", "serves": "#5b3352", "claims": "#b2182b", "available_in": "#2b5a25",
    "active_in": "#6f9f66", "refers": "#c0392b", "has_type": "#8c8480",
}


# --- page CSS -------------------------------------------------------------------

_BASE_CSS = """
<style>
.cm-badge{display:inline-block;padding:.1em .6em;border-radius:.4em;background:#ffd24d;
  color:#3d2c00;font-weight:700;border:1px solid #8a6d00}
.cm-legend{font-size:.95rem;margin:.3em 0 .6em 0}
/* Fit a 1366×768 laptop: less empty space around the page body. */
[data-testid="stMainBlockContainer"]{padding-top:2.2rem !important;padding-left:1.5rem !important;
  padding-right:1.5rem !important;max-width:100% !important}
[data-testid="stMainBlockContainer"] h1{padding-top:.2rem !important;padding-bottom:.4rem !important}
</style>
"""

_MEETING_CSS = """
<style>
[data-testid="stMain"] { font-size: 21px; }
[data-testid="stMain"] [data-testid="stMarkdownContainer"] p,
[data-testid="stMain"] [data-testid="stMarkdownContainer"] li { font-size: 1.3rem; line-height: 1.45; }
[data-testid="stMain"] h1 { font-size: 2.8rem !important; }
[data-testid="stMain"] h2 { font-size: 2.2rem !important; }
[data-testid="stMain"] h3 { font-size: 1.8rem !important; }
[data-testid="stMain"] [data-testid="stMetricValue"],
[data-testid="stMain"] [data-testid="stMetricValue"] * { font-size: 3rem !important;
  line-height: 1.15 !important; }
[data-testid="stMain"] [data-testid="stTable"] td,
[data-testid="stMain"] [data-testid="stTable"] td *,
[data-testid="stMain"] [data-testid="stTable"] th,
[data-testid="stMain"] [data-testid="stTable"] th * { font-size: 1.1rem !important; }
[data-testid="stMain"] [data-testid="stTable"] td { padding: .35rem .45rem !important; }
[data-testid="stMain"] .cm-legend { font-size: 1.25rem; }
</style>
"""


def apply(meeting: bool) -> None:
    """Inject the page CSS (and the large type of meeting mode), and the script that
    puts Streamlit's own texts in Dutch and steps views with ←/→ (``ui.browser``)."""
    from .browser import script
    st.html(_BASE_CSS + (_MEETING_CSS if meeting else ""))
    st.html(script(), unsafe_allow_javascript=True)
