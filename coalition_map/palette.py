"""The bundled reference palette: interventions (002) and activities (003).

``reference/palette.csv`` lists, as facts, the 41 interventions of 002 (with
the profiles its table at L1278-1567 links them to) and the 63 activities of
003 (L1258-2008, onderbouwd and kansrijk). Each row names the line in the
seed where the item is described, so that every fact can be traced back.
For 003 the source gives no profiles; ``profiles`` is then derived from the
item's intervention types (``profiles_source == "afgeleid"``) and leaves out
profiles for which the typology's exclusion rules forbid the item. For 002
the table's links are kept as they are, also where they conflict with the
rules (the product shows such conflicts).

>>> items = load_palette()
>>> sum(1 for i in items if i.source == "002"), sum(1 for i in items if i.source == "003")
(41, 63)
>>> tandem = next(i for i in items if i.source == "002" and "buitenstaanders" in i.profiles
...               and i.name == "Humanitas Tandem")
>>> tandem.delivered_by, tandem.profiles_source
('vrijwilliger', '002-tabel')
>>> tandem in fitting_items("buitenstaanders")   # volunteers: excluded by the rules
False
>>> fitting_items("overlevers")[0].evidence in ("onderbouwd", "kansrijk", "onbekend")
True
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .schema import MULTI_SEPARATOR
from .fit import Fit, profile_fits

#: The bundled palette file.
PALETTE_PATH = Path(__file__).resolve().parent / "reference" / "palette.csv"

#: Column order of ``palette.csv`` (the fields of :class:`PaletteItem`).
COLUMNS = ("id", "name", "source", "source_line", "kind", "delivered_by",
           "intervention_types", "profiles", "profiles_source", "target_groups",
           "evidence", "evidence_line", "duration", "intensity", "duration_line",
           "practice_example", "description")

#: Values of ``profiles_source``.
PROFILES_SOURCES = ("002-tabel", "afgeleid", "")

#: Sort order of evidence codes: onderbouwd first.
_EVIDENCE_RANK = {"onderbouwd": 0, "kansrijk": 1, "onbekend": 2}


@dataclass(frozen=True)
class PaletteItem:
    """One intervention or activity of the reference palette.

    ``kind``, ``delivered_by`` and ``evidence`` are vocabulary codes
    (:mod:`coalition_map.vocab`); ``intervention_types`` and ``profiles`` are
    tuples of codes from :mod:`coalition_map.typology`. ``kind`` and
    ``delivered_by`` carry the same meaning as on an ``Offer``, so the
    typology's exclusion rules apply to palette items too.
    """

    id: str
    name: str
    source: str                  # "002" or "003"
    source_line: int             # line in the seed where the item is described
    kind: str
    delivered_by: str
    intervention_types: tuple[str, ...] = ()
    profiles: tuple[str, ...] = ()
    profiles_source: str = ""    # "002-tabel", "afgeleid" or ""
    target_groups: tuple[str, ...] = ()
    evidence: str = "onbekend"
    #: line in the seed where the evidence (study, rating) is stated; 0 = none
    evidence_line: int = 0
    #: ``vocab.DURATIONS`` / ``vocab.INTENSITIES`` code, "" when the source
    #: gives no trajectory (a meeting place that runs continuously)
    duration: str = ""
    intensity: str = ""
    #: line in the seed where duration and intensity are stated; 0 = none
    duration_line: int = 0
    #: 002 marks some items "(een praktijkvoorbeeld)": a local practice, not a method
    practice_example: bool = False
    description: str = ""

    @property
    def named_profiles(self) -> tuple[str, ...]:
        """The profiles the source itself links the item to (002's table); 003
        links none, so its profiles are derived from the types."""
        return self.profiles if self.profiles_source == "002-tabel" else ()

    @property
    def beside_professional(self) -> bool:
        """A method, not a local offer: where a rule asks for a professional
        beside a specialised volunteer, the coalition arranges that locally."""
        return True

    def fits(self) -> dict:
        """``{profile: Fit}`` by the same rule as local offers
        (:func:`coalition_map.fit.profile_fits`)."""
        return profile_fits(_ItemAsOffer(self), beside_professional=True)

    @property
    def derived_profiles(self) -> tuple[str, ...]:
        """The profiles the item serves by its types, when the source links none."""
        return tuple(code for code, fit in profile_fits(
            _ItemAsOffer(self, named=()), beside_professional=True).items() if fit.serves)

    @property
    def rule_conflicts(self) -> dict:
        """Profiles the source links the item to, but which it cannot serve by
        000/001's rules or its own types: ``{profile: Fit}``. The palette's own
        conflicts, shown to the coordinator.

        >>> item = next(i for i in load_palette() if i.id == "R002-26")
        >>> sorted(item.rule_conflicts)
        ['buitenstaanders', 'compenseerders']
        """
        return {code: fit for code, fit in self.fits().items()
                if fit.named and not fit.serves}


class _ItemAsOffer:
    """A palette item seen as an offer for :func:`profile_fits`."""

    def __init__(self, item: PaletteItem, named=None):
        self.kind, self.delivered_by = item.kind, item.delivered_by
        self.intervention_types = item.intervention_types
        self.profiles = item.named_profiles if named is None else named
        self.duration, self.intensity = item.duration, item.intensity
        self.beside_professional = True


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in (cell or "").split(MULTI_SEPARATOR) if part.strip())


def _int(cell) -> int:
    cell = (cell or "").strip()
    return int(cell) if cell else 0


def _item(row: dict) -> PaletteItem:
    return PaletteItem(
        id=row["id"].strip(),
        name=row["name"].strip(),
        source=row["source"].strip(),
        source_line=int(row["source_line"]),
        kind=row["kind"].strip(),
        delivered_by=row["delivered_by"].strip(),
        intervention_types=_split(row["intervention_types"]),
        profiles=_split(row["profiles"]),
        profiles_source=(row.get("profiles_source") or "").strip(),
        target_groups=_split(row["target_groups"]),
        evidence=(row.get("evidence") or "onbekend").strip() or "onbekend",
        evidence_line=_int(row.get("evidence_line")),
        duration=(row.get("duration") or "").strip(),
        intensity=(row.get("intensity") or "").strip(),
        duration_line=_int(row.get("duration_line")),
        practice_example=(row.get("practice_example") or "").strip().lower() == "ja",
        description=(row.get("description") or "").strip(),
    )


@lru_cache(maxsize=8)
def _load(path: str) -> tuple[PaletteItem, ...]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return tuple(_item(row) for row in csv.DictReader(fh))


def load_palette(path: str | Path | None = None) -> list[PaletteItem]:
    """The palette items in file order (cached per path).

    >>> load_palette()[0].id
    'R002-01'
    """
    return list(_load(str(path or PALETTE_PATH)))


def palette_by_id(path: str | Path | None = None) -> dict[str, PaletteItem]:
    """The palette as a dict keyed by id.

    >>> palette_by_id()["R003-01"].source
    '003'
    """
    return {item.id: item for item in load_palette(path)}


def fitting_items(profile_code: str, missing_types=None,
                  path: str | Path | None = None) -> list[PaletteItem]:
    """Palette items that can serve a profile, onderbouwd first.

    An item serves a profile by the same rule as a local offer: only its
    linked profiles when the source links any (002), else the profiles its
    types fit; never against an exclusion rule. With ``missing_types`` only
    items that bring one of those needs are kept (to fill a gap). Order:
    evidence, then items that serve fully before those that serve in part,
    then linked before derived, then file order.

    >>> [i.kind for i in fitting_items("afhankelijken") if i.kind in ("ontmoeting", "cursus")]
    []
    >>> all("telefooncirkel" in i.intervention_types
    ...     for i in fitting_items("afhankelijken", missing_types=["telefooncirkel"]))
    True
    """
    wanted = set(missing_types) if missing_types is not None else None
    chosen = []
    for index, item in enumerate(load_palette(path)):
        fit = item.fits().get(profile_code)
        if fit is None or not fit.serves:
            continue
        if wanted is not None and not set(fit.needs) & wanted:
            continue
        chosen.append((_EVIDENCE_RANK.get(item.evidence, 3), fit.status != "counts",
                       not fit.named, index, item))
    chosen.sort(key=lambda t: t[:4])
    return [t[4] for t in chosen]


def palette_conflicts(path: str | Path | None = None) -> list[tuple[PaletteItem, str, Fit]]:
    """``(item, profile, Fit)`` for every link in 002's table that 000/001's rules
    (or the item's own types) contradict -- shown, not hidden (DOMAIN.md §2).

    >>> ("R002-26", "buitenstaanders") in {(i.id, p) for i, p, _ in palette_conflicts()}
    True
    """
    return [(item, code, fit) for item in load_palette(path)
            for code, fit in item.rule_conflicts.items()]


__all__ = ["PALETTE_PATH", "COLUMNS", "PROFILES_SOURCES", "PaletteItem", "load_palette",
           "palette_by_id", "fitting_items", "palette_conflicts"]
