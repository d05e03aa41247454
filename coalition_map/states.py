"""The state of a wijk × profile cell: one definition, with its Dutch label and rank.

Every page, export and command shows a cell in one of four states, ordered
from served to not served. ``rank`` orders them (0 = best); the heatmap, the
gap list, fragility and what-if all compare states through this module.

>>> STATES["unreachable"].label
'niet bereikbaar'
>>> worse("partial", "covered"), worse("uncovered", "unreachable")
(True, True)
>>> [s.code for s in sorted(STATES.values(), key=lambda s: s.rank)]
['covered', 'partial', 'unreachable', 'uncovered']
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CellState:
    code: str
    label: str          # Dutch, as the interface shows it
    rank: int           # 0 = covered ... 3 = uncovered
    served: bool        # someone in the profile gets fitting help (fully or in part)
    meaning: str        # Dutch, one sentence for legends and the manual


STATES: dict[str, CellState] = {s.code: s for s in (
    CellState("covered", "gedekt", 0, True,
              "Passend aanbod met alle kerninterventies, bereikbaar via een verwijsroute."),
    CellState("partial", "deels gedekt", 1, True,
              "Er is passend aanbod, maar niet alle kerninterventies, of het past maar ten "
              "dele, of de mensen worden maar deels gevonden."),
    CellState("unreachable", "niet bereikbaar", 2, False,
              "Er is passend aanbod, maar geen route van signaal naar dat aanbod."),
    CellState("uncovered", "niet gedekt", 3, False,
              "Geen aanbod dat voor dit profiel telt, of geen professioneel vangnet waar het "
              "profiel dat nodig heeft."),
)}

#: The codes in display order (legend, counts): covered, partial, uncovered, unreachable.
STATE_ORDER = ("covered", "partial", "uncovered", "unreachable")

#: Dutch label per state code.
STATE_LABELS = {code: s.label for code, s in STATES.items()}

#: How a state looks wherever it is drawn (heatmap, wijk map, exports): glyph, background,
#: text colour, hatched. Light to dark in rank order of display, so it reads in greyscale.
STATE_LOOK = {
    "covered": ("✓", "#d9efd6", "#0b3d12", False),
    "partial": ("◐", "#f6d98b", "#3d2c00", False),
    "uncovered": ("✗", "#b2182b", "#ffffff", False),
    "unreachable": ("⊘", "#3b1f5c", "#ffffff", True),
}

#: Gap states: everything but covered.
GAP_STATES = ("uncovered", "unreachable", "partial")


def rank(code: str) -> int:
    return STATES[code].rank


def worse(a: str, b: str) -> bool:
    """True when state ``a`` is worse than state ``b``."""
    return rank(a) > rank(b)


def label(code: str) -> str:
    return STATES[code].label if code in STATES else code
