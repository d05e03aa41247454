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

from .cellstyle import CELL_LOOK


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

#: How a state looks wherever it is drawn (heatmap, wijk map, exports) as a tuple
#: (glyph, background, text colour, hatched); defined once in :mod:`coalition_map.cellstyle`.
STATE_LOOK = {code: (look.glyph, look.background, look.foreground, look.hatched)
              for code, look in CELL_LOOK.items()}

#: Gap states: everything but covered. This is the app's one definition of a *gap*.
#:
#: A cell is a gap when the profile's residents do not get all the help the
#: typology says they need, reachable from a signal: nothing fitting
#: (``uncovered``), fitting help that no route reaches (``unreachable``), or help
#: that lacks a core intervention type, fits only in part or finds only part of
#: the people (``partial``). Partial cells are gaps because they have an unmet
#: need (``analysis.priority.unmet_need`` > 0), the palette has suggestions for
#: them and the stappenplan files actions for them; they are counted apart as
#: "deels gedekt" so a reader sees how many cells have no help at all
#: (``OPEN_GAP_STATES``). Every count of gaps (Overzicht, Dekking, Stappenplan,
#: what-if, fragility, the CLI, the plan export) comes from :func:`count_gaps`.
GAP_STATES = ("uncovered", "unreachable", "partial")

#: Gaps where nobody in the profile gets fitting, reachable help (``served`` False).
OPEN_GAP_STATES = ("uncovered", "unreachable")


def is_gap(code: str) -> bool:
    """True when a cell in state ``code`` is a gap (see :data:`GAP_STATES`).

    >>> [is_gap(c) for c in ("covered", "partial", "unreachable", "uncovered")]
    [False, True, True, True]
    """
    return code in GAP_STATES


@dataclass(frozen=True)
class GapCount:
    """How many cells there are, per state, and how many of them are gaps.

    >>> n = count_gaps(["covered", "partial", "uncovered", "partial"])
    >>> n.gaps, n.open, n.cells, n.by_state["partial"]
    (3, 1, 4, 2)
    >>> n.text()
    '1 niet gedekt, 2 deels gedekt'
    """

    cells: int
    by_state: dict

    @property
    def gaps(self) -> int:
        return sum(self.by_state.get(c, 0) for c in GAP_STATES)

    @property
    def open(self) -> int:
        """Gaps where nobody gets fitting, reachable help (uncovered or unreachable)."""
        return sum(self.by_state.get(c, 0) for c in OPEN_GAP_STATES)

    def text(self) -> str:
        """The gaps in Dutch, heaviest state first, states without cells left out."""
        parts = [f"{self.by_state[c]} {STATES[c].label}"
                 for c in ("uncovered", "unreachable", "partial") if self.by_state.get(c)]
        return ", ".join(parts) if parts else "geen gaten"


def count_gaps(states) -> GapCount:
    """Count cell states (codes, or objects with ``state``) — the one gap count.

    >>> count_gaps([]).gaps
    0
    """
    by_state = {code: 0 for code in STATE_ORDER}
    total = 0
    for item in states:
        code = item if isinstance(item, str) else item.state
        by_state[code] = by_state.get(code, 0) + 1
        total += 1
    return GapCount(total, by_state)


def rank(code: str) -> int:
    return STATES[code].rank


def worse(a: str, b: str) -> bool:
    """True when state ``a`` is worse than state ``b``."""
    return rank(a) > rank(b)


def label(code: str) -> str:
    return STATES[code].label if code in STATES else code
