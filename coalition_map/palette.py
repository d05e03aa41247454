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
from .typology import PROFILES, rules_excluding

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
    def rule_conflicts(self) -> dict[str, list]:
        """Linked profiles whose exclusion rules forbid this item.

        >>> item = next(i for i in load_palette() if i.id == "R002-26")
        >>> sorted(item.rule_conflicts)
        ['buitenstaanders', 'compenseerders']
        """
        conflicts = {}
        for code in self.profiles:
            rules = rules_excluding(self, code)
            if rules:
                conflicts[code] = rules
        return conflicts


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

    An item fits when it is linked to the profile or has one of the profile's
    fitting intervention types. With ``missing_types`` only items that have one
    of those types are kept (to fill a gap of specific types). Items that break
    one of the typology's exclusion rules for the profile are left out. Within
    the same evidence level, items linked to the profile come first, then file
    order.

    >>> [i.kind for i in fitting_items("afhankelijken") if i.kind in ("ontmoeting", "cursus")]
    []
    >>> all("telefooncirkel" in i.intervention_types
    ...     for i in fitting_items("afhankelijken", missing_types=["telefooncirkel"]))
    True
    """
    profile = PROFILES[profile_code]
    fitting = set(profile.fitting_types)
    wanted = set(missing_types) if missing_types is not None else None
    chosen = []
    for index, item in enumerate(load_palette(path)):
        types = set(item.intervention_types)
        linked = profile_code in item.profiles
        if not (linked or types & fitting):
            continue
        if wanted is not None and not types & wanted:
            continue
        if rules_excluding(item, profile_code):
            continue
        chosen.append((_EVIDENCE_RANK.get(item.evidence, 3), 0 if linked else 1, index, item))
    chosen.sort(key=lambda t: t[:3])
    return [t[3] for t in chosen]


__all__ = ["PALETTE_PATH", "COLUMNS", "PROFILES_SOURCES", "PaletteItem", "load_palette",
           "palette_by_id", "fitting_items"]
