"""How many people a gap concerns: estimates per wijk × profile, ranked gaps.

Estimated people in a cell = inhabitants × % severely lonely (GGD
Gezondheidsmonitor, wijk figures) × the profile's share in a *profile mix*.
No source gives the population prevalence of the eight profiles, so the mix
is a choice, always shown with its label:

* ``gelijk`` -- equal shares (the default);
* ``pilot_rotterdam`` -- the 261 typed cases of the Rotterdam pilot logbooks
  (001 Bijlage VIII): whom the pilots served, *not* prevalence;
* a custom mix the coordinator enters (:func:`custom_mix`).

>>> from coalition_map.model import Wijk
>>> w = Wijk("W", "Noord", inhabitants=10000, pct_severely_lonely=8.0)
>>> estimate_people(w, "gelijk")["overlevers"]
100.0
>>> round(estimate_people(w, "pilot_rotterdam")["actieven"], 1)
128.7
>>> estimate_people(Wijk("X", "Zonder cijfers"), "gelijk")["actieven"]
0.0
"""

from __future__ import annotations

from dataclasses import dataclass
from collections.abc import Mapping

from ..model import Wijk
from ..states import STATES
from ..typology import PROFILES


@dataclass(frozen=True)
class ProfileMix:
    """Relative weights per profile, with the Dutch label to show beside them."""

    code: str
    label: str
    weights: Mapping[str, float]
    source: str = ""

    @property
    def shares(self) -> dict[str, float]:
        total = sum(max(0.0, float(self.weights.get(p, 0.0))) for p in PROFILES)
        if total <= 0:
            return {p: 0.0 for p in PROFILES}
        return {p: max(0.0, float(self.weights.get(p, 0.0))) / total for p in PROFILES}


#: Cases per profile in the pilot logbooks, summed over the six organisations
#: of 001 Bijlage VIII (seed 001 L10497-10582): Humanitas L10504-10514, SWF
#: L10516-10527, MDA L10529-10540, SMDD L10542-10553, SMDC L10555-10566,
#: CW L10568-10579. 261 cases were typed; 28 had "te weinig informatie voor
#: typering" (left out of the mix). The appendix's own subtotals do not all
#: add up (SWF "5 personen (4 compenseerders, 0 buitenstaanders)", SMDC
#: "16 personen (10 actieven, 7 geborgenen)"); the per-profile counts are used.
PILOT_ROTTERDAM_COUNTS = {
    "actieven": 7 + 7 + 5 + 6 + 10 + 7,          # 42
    "geborgenen": 4 + 5 + 4 + 7 + 7 + 12,        # 39
    "achterblijvers": 7 + 8 + 4 + 8 + 11 + 6,    # 44
    "afhankelijken": 1 + 1 + 2 + 11 + 5 + 7,     # 27
    "compenseerders": 0 + 4 + 1 + 4 + 6 + 3,     # 18
    "buitenstaanders": 0 + 0 + 6 + 6 + 8 + 7,    # 27
    "hoopvollen": 3 + 4 + 3 + 6 + 5 + 12,        # 33
    "overlevers": 1 + 2 + 5 + 2 + 9 + 12,        # 31
}
PILOT_ROTTERDAM_UNTYPED = 9 + 4 + 4 + 4 + 3 + 4  # 28 "te weinig informatie voor typering"

PROFILE_MIXES: dict[str, ProfileMix] = {
    "gelijk": ProfileMix("gelijk", "gelijke verdeling over de acht profielen",
                         {p: 1.0 for p in PROFILES}, "aanname"),
    "pilot_rotterdam": ProfileMix(
        "pilot_rotterdam", "verdeling in de Rotterdamse pilot, geen prevalentie",
        PILOT_ROTTERDAM_COUNTS,
        "001 Bijlage VIII (L10497-10582): 261 getypeerde casussen uit de logboeken"),
}


def custom_mix(weights: Mapping[str, float], label: str = "") -> ProfileMix:
    """A mix from numbers the coordinator enters (counts or percentages).

    >>> m = custom_mix({"actieven": 3, "overlevers": 1})
    >>> m.shares["actieven"], m.shares["overlevers"], m.shares["hoopvollen"]
    (0.75, 0.25, 0.0)
    """
    unknown = set(weights) - set(PROFILES)
    if unknown:
        raise ValueError(f"onbekende profielen in de verdeling: {', '.join(sorted(unknown))}")
    return ProfileMix("eigen", label or "eigen verdeling (lokale cijfers van de coördinator)",
                      dict(weights), "ingevoerd")


def resolve_mix(mix: str | ProfileMix = "gelijk",
                custom: Mapping[str, float] | None = None) -> ProfileMix:
    """The mix to use: a :class:`ProfileMix`, a key of ``PROFILE_MIXES``, or custom."""
    if isinstance(mix, ProfileMix):
        return mix
    if custom is not None or mix in ("eigen", "custom"):
        if custom is None:
            raise ValueError("een eigen verdeling heeft cijfers per profiel nodig")
        return custom_mix(custom)
    try:
        return PROFILE_MIXES[mix]
    except KeyError:
        raise ValueError(f"onbekende verdeling: {mix} (kies uit "
                         f"{', '.join(PROFILE_MIXES)} of een eigen verdeling)") from None


def severely_lonely(wijk: Wijk) -> float | None:
    """Estimated severely lonely inhabitants, or None without figures."""
    if wijk.inhabitants is None or wijk.pct_severely_lonely is None:
        return None
    return wijk.inhabitants * wijk.pct_severely_lonely / 100.0


def estimate_people(wijk: Wijk, mix: str | ProfileMix = "gelijk",
                    custom: Mapping[str, float] | None = None) -> dict[str, float]:
    """Estimated severely lonely people per profile in the wijk (0.0 without figures)."""
    total = severely_lonely(wijk) or 0.0
    shares = resolve_mix(mix, custom).shares
    return {p: total * shares[p] for p in PROFILES}


@dataclass(frozen=True)
class Gap:
    """A cell that is not fully served, with its estimated unmet need."""

    wijk: str
    profile: str
    state: str                 # partial / uncovered / unreachable
    estimated_people: float
    unmet: float               # people × share of the gap (see :func:`unmet_need`)
    reasons: tuple            # reasons.Reason

    @property
    def reason_texts(self) -> tuple[str, ...]:
        return tuple(str(r) for r in self.reasons)


def unmet_need(cell) -> float:
    """People not served: all of them when uncovered or unreachable; for a
    partial cell the share of the profile's core intervention types that is
    missing, and half of them when it is partial for another reason (served
    only in part, or found only in part)."""
    if cell.state in ("uncovered", "unreachable"):
        return cell.estimated_people
    if cell.state == "partial":
        core = len(PROFILES[cell.profile].core_types) or 1
        missing = len(cell.missing_types)
        return cell.estimated_people * (missing / core if missing else 0.5)
    return 0.0


def ranked_gaps(cells) -> list[Gap]:
    """Gaps (uncovered, unreachable or partial cells), largest unmet need first.

    ``cells`` is the coverage matrix (a dict or an iterable of cells). Ties
    keep the heavier state first (uncovered, unreachable, partial).
    """
    values = cells.values() if isinstance(cells, Mapping) else cells
    gaps = [Gap(c.wijk, c.profile, c.state, c.estimated_people, unmet_need(c), c.reasons)
            for c in values if c.state != "covered"]
    return sorted(gaps, key=lambda g: (-g.unmet, -STATES[g.state].rank, g.wijk,
                                       list(PROFILES).index(g.profile)))
