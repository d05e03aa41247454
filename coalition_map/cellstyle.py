"""How a cell state looks (glyph, background, text colour): one definition for the app
(``ui.style.STATUSES``) and the exports (plan, kaart), without Streamlit.

Glyph and a lightness step as well as a colour, so a grey-scale print or a washed-out
projector still tells the states apart.

>>> CELL_LOOK["uncovered"].glyph
'✗'
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CellLook:
    glyph: str
    background: str
    foreground: str
    hatched: bool = False     # stripes on top (the darkest state), for greyscale


CELL_LOOK: dict[str, CellLook] = {
    "covered": CellLook("✓", "#d9efd6", "#0b3d12"),
    "partial": CellLook("◐", "#f6d98b", "#3d2c00"),
    "uncovered": CellLook("✗", "#b2182b", "#ffffff"),
    "unreachable": CellLook("⊘", "#3b1f5c", "#ffffff", hatched=True),
}
