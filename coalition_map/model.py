"""The coalition's data as plain Python objects.

A :class:`Coalition` holds wijken, partners, offers and referral routes; a
:class:`Plan` holds the stappenplan. These are what the importer produces,
what the store saves and loads, and what the graph and analyses read. No
client data: the product maps organisations and offers, never people.

Multi-valued fields are tuples of codes from :mod:`coalition_map.vocab` and
:mod:`coalition_map.typology`. A ``wijken`` tuple equal to ``(ALL,)`` means
the whole municipality.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields, replace

#: Marker in a ``wijken`` field meaning "the whole municipality".
ALL = "alle"


@dataclass(frozen=True)
class Wijk:
    code: str
    name: str
    municipality: str = ""
    inhabitants: int | None = None
    inhabitants_65plus: int | None = None
    pct_lonely: float | None = None
    pct_severely_lonely: float | None = None
    source: str = ""
    year: int | None = None


@dataclass(frozen=True)
class Partner:
    id: str
    name: str
    sector: str
    roles: tuple[str, ...] = ()
    wijken: tuple[str, ...] = (ALL,)
    municipality: str = ""
    expertise: str = ""
    contact_person: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""
    address: str = ""
    postal_code: str = ""
    city: str = ""
    mandate: str = ""
    #: when the partner can be reached (telephone hours, opening hours)
    hours: str = ""
    active: bool = True

    @property
    def everywhere(self) -> bool:
        return ALL in self.wijken

    def active_in(self, wijk_code: str) -> bool:
        return self.everywhere or wijk_code in self.wijken


@dataclass(frozen=True)
class Offer:
    id: str
    partner_id: str
    name: str
    kind: str
    delivered_by: str
    description: str = ""
    intervention_types: tuple[str, ...] = ()
    profiles: tuple[str, ...] = ()
    target_groups: tuple[str, ...] = ()
    wijken: tuple[str, ...] = (ALL,)
    evidence: str = "onbekend"
    capacity: int | None = None
    entry_conditions: str = ""
    how_to_refer: str = ""
    address: str = ""
    funding: str = ""
    palette_ref: str = ""
    active: bool = True
    end_date: dt.date | None = None
    #: the support trajectory: ``vocab.DURATIONS`` / ``vocab.INTENSITIES`` code, "" = unknown
    duration: str = ""
    intensity: str = ""
    #: its volunteers work beside professional help (referral by or agreement with a
    #: professional), as Hoopvollen and Overlevers need (001 L2884-2887)
    beside_professional: bool = False
    #: the day its partner last confirmed the entry is still right ("nog steeds juist");
    #: see :mod:`coalition_map.freshness`
    confirmed_on: dt.date | None = None

    @property
    def everywhere(self) -> bool:
        return ALL in self.wijken

    @property
    def full(self) -> bool:
        """No places left (capacity 0): a waiting list."""
        return self.capacity is not None and self.capacity <= 0

    def running_on(self, day: dt.date | None = None) -> bool:
        """Active, not past its end date, and not without capacity (see
        :func:`coalition_map.availability.offer_state`, which also reads the
        partner)."""
        day = day or dt.date.today()
        if not self.active:
            return False
        if self.end_date is not None and self.end_date < day:
            return False
        if self.capacity is not None and self.capacity <= 0:
            return False
        return True


@dataclass(frozen=True)
class Referral:
    from_partner: str
    to_partner: str
    kind: str = "verwijst"
    agreement: str = "geen"
    follow_up: bool = False

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.from_partner, self.to_partner, self.kind)


@dataclass(frozen=True)
class CoalitionInfo:
    """What the data set is: the coalition's name and whether it is example data."""

    name: str = ""
    municipality: str = ""
    is_example: bool = False
    description: str = ""


@dataclass
class Coalition:
    """Everything the coalition maps. Collections keep file order."""

    info: CoalitionInfo = field(default_factory=CoalitionInfo)
    wijken: list[Wijk] = field(default_factory=list)
    partners: list[Partner] = field(default_factory=list)
    offers: list[Offer] = field(default_factory=list)
    referrals: list[Referral] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.info.name

    @property
    def is_example(self) -> bool:
        return self.info.is_example

    def partner(self, partner_id: str) -> Partner:
        for p in self.partners:
            if p.id == partner_id:
                return p
        raise KeyError(partner_id)

    def offer(self, offer_id: str) -> Offer:
        for o in self.offers:
            if o.id == offer_id:
                return o
        raise KeyError(offer_id)

    def wijk(self, code: str) -> Wijk:
        for w in self.wijken:
            if w.code == code:
                return w
        raise KeyError(code)

    def wijk_name(self, code: str) -> str:
        """The wijk's name, or the code itself when unknown ("" for "")."""
        try:
            return self.wijk(code).name if code else ""
        except KeyError:
            return code

    def partner_name(self, partner_id: str) -> str:
        """The partner's name, or the id itself when unknown ("" for "")."""
        try:
            return self.partner(partner_id).name if partner_id else ""
        except KeyError:
            return partner_id

    def offers_of(self, partner_id: str) -> list[Offer]:
        return [o for o in self.offers if o.partner_id == partner_id]


# --- the stappenplan ---------------------------------------------------------


@dataclass(frozen=True)
class PlanStep:
    """Progress on one of the six steps of 003 (``number`` 1..6)."""

    number: int
    status: str = "niet_gestart"          # niet_gestart / bezig / afgerond
    checked: tuple[int, ...] = ()          # indices of ticked checklist items
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    notes: str = ""


@dataclass(frozen=True)
class PlanChoices:
    """The plan's choices (003 L940-1190)."""

    onderdelen: tuple[str, ...] = ()
    target_groups: tuple[str, ...] = ()
    focus_wijken: tuple[str, ...] = ()
    approach: str = ""                     # preventie / verminderen / beide
    organisation_form: str = ""
    funding_sources: tuple[str, ...] = ()
    notes: str = ""


@dataclass(frozen=True)
class Decision:
    id: str
    date: dt.date | None
    step: int | None
    text: str
    decided_by: str = ""


@dataclass(frozen=True)
class Action:
    id: str
    title: str
    step: int | None = None
    onderdeel: str = ""
    wijk: str = ""                          # the gap it addresses: wijk code ...
    profile: str = ""                       # ... and profile code (optional)
    owner_partner: str = ""
    deadline: dt.date | None = None
    status: str = "open"                   # open / bezig / afgerond
    budget: float | None = None
    funding_source: str = ""
    notes: str = ""


@dataclass
class Plan:
    steps: list[PlanStep] = field(default_factory=list)
    choices: PlanChoices = field(default_factory=PlanChoices)
    decisions: list[Decision] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)


def field_names(cls) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


__all__ = [
    "ALL", "CoalitionInfo", "Wijk", "Partner", "Offer", "Referral", "Coalition",
    "PlanStep", "PlanChoices", "Decision", "Action", "Plan", "field_names", "replace",
]
