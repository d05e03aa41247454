"""What goes on the sociale kaart: the current offers of a wijk, ready to print.

:func:`kaart_entries` selects the offers (active, not ended, of an active
partner, available in the wijk by :mod:`coalition_map.availability`; offers
with a waiting list stay on, marked "wachtlijst") and turns each into a
:class:`KaartEntry` with the partner's contact details and, when it has one,
its end date. At the top of every kaart stand the partners where a signal or
a question goes first -- the meldpunt and the intake (vraagverheldering) --
with phone, e-mail and hours (:class:`KaartContact`). Two audiences:
``professionals`` (with the profiles each offer serves -- named by the offer
or "afgeleid" from its types, "deels" where it serves in part --,
intervention types, chain roles and evidence) and ``residents`` (plain
language, no typology terms). Every export format (HTML, PDF, XLSX, CSV)
reads these entries.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..availability import Availability
from ..freshness import confirmation_text, is_unconfirmed
from ..model import ALL, Coalition, Offer, Partner
from ..typology import INTERVENTION_TYPES, PROFILES
from ..vocab import CHAIN_ROLES, DELIVERY, EVIDENCE, OFFER_KINDS
from .verwijswijzer import OfferFits, offers_in

#: Chain roles of the partners that stand at the top of the kaart.
CONTACT_ROLES = ("meldpunt", "vraagverheldering")

AUDIENCES = ("professionals", "residents")
AUDIENCE_LABELS = {"professionals": "professionals", "residents": "inwoners"}
GROUPINGS = ("kind", "profile")
GROUPING_LABELS = {"kind": "soort aanbod", "profile": "profiel"}

#: Plain-language headings for residents, per offer kind (presentation only).
RESIDENT_KIND_HEADINGS = {
    "ontmoeting": "Samen met anderen iets doen",
    "een_op_een": "Iemand die bij u langskomt of met u optrekt",
    "cursus": "Cursussen en gespreksgroepen",
    "praktische_hulp": "Hulp bij praktische zaken",
    "begeleiding": "Hulp van een beroepskracht",
    "monitoring": "Iemand die regelmatig contact houdt",
    "telefonisch": "Contact via de telefoon",
    "informatie": "Informatie en advies",
    "deskundigheid": "Voor wie helpt: trainingen",
}

#: Column headings per audience: (field of KaartEntry, Dutch heading).
COLUMNS = {
    "professionals": (
        ("group", "Groep"), ("name", "Aanbod"), ("partner", "Aanbieder"),
        ("kind", "Soort"), ("description", "Wat het is"), ("for_whom", "Voor wie"),
        ("profiles", "Profielen"), ("intervention_types", "Interventietypen"),
        ("delivered_by", "Uitgevoerd door"), ("entry_conditions", "Toegang"),
        ("status", "Plaats"), ("until", "Loopt tot"),
        ("how_to_refer", "Verwijzen en aanmelden"), ("location", "Locatie"),
        ("wijken", "Wijken"), ("contact", "Contact"), ("phone", "Telefoon"),
        ("email", "E-mail"), ("website", "Website"), ("chain_roles", "Ketenrollen aanbieder"),
        ("evidence", "Onderbouwing"), ("confirmed", "Niet recent bevestigd"),
        ("offer_id", "Id")),
    "residents": (
        ("group", "Groep"), ("name", "Naam"), ("partner", "Van"),
        ("description", "Wat is het?"), ("for_whom", "Voor wie?"),
        ("entry_conditions", "Goed om te weten"), ("status", "Plaats"),
        ("until", "Loopt tot"), ("how_to_refer", "Hoe doet u mee?"),
        ("location", "Waar?"), ("phone", "Telefoon"), ("email", "E-mail"),
        ("website", "Website")),
}


@dataclass(frozen=True)
class KaartEntry:
    offer_id: str
    name: str
    partner: str
    kind: str                  # label (plain for residents)
    kind_code: str
    description: str
    for_whom: str
    entry_conditions: str
    how_to_refer: str
    location: str
    wijken: str
    contact: str
    phone: str
    email: str
    website: str
    status: str = ""           # "wachtlijst" when full, else ""
    until: str = ""            # end date, DD-MM-JJJJ, when it has one
    #: professionals only: "nooit bevestigd" / "laatst bevestigd op ... (meer dan een jaar
    #: geleden)" when the partner has not confirmed the entry for over a year, else ""
    confirmed: str = ""
    # professionals only ('' for residents)
    profiles: str = ""
    profile_codes: tuple[str, ...] = ()
    intervention_types: str = ""
    delivered_by: str = ""
    chain_roles: str = ""
    evidence: str = ""
    group: str = ""

    def value(self, name: str) -> str:
        return str(getattr(self, name))


@dataclass(frozen=True)
class KaartContact:
    """A partner where signals and questions go first: meldpunt or intake."""

    partner_id: str
    name: str
    roles: str                 # Dutch: "melden/meldpunt, vraagverheldering"
    phone: str
    email: str
    hours: str
    website: str
    address: str


CONTACT_FIELDS = (("roles", "Rol"), ("phone", "Telefoon"), ("email", "E-mail"),
                  ("hours", "Bereikbaar"), ("address", "Adres"), ("website", "Website"))

#: Heading of the contacts block, in every format.
CONTACTS_TITLE = "Eerst melden of vragen: meldpunt en intake"
CONTACTS_INTRO = ("Zorgen over iemand, of twijfel over wat past? Hier komen signalen en "
                  "vragen binnen; zij kijken samen met u wat nodig is.")


@dataclass
class KaartGroup:
    key: str
    title: str
    entries: list[KaartEntry] = field(default_factory=list)


@dataclass
class Kaart:
    title: str
    wijk: str | None
    wijk_name: str
    audience: str
    group_by: str
    today: dt.date
    groups: list[KaartGroup]
    coalition_name: str = ""
    is_example: bool = False
    contacts: list[KaartContact] = field(default_factory=list)

    @property
    def entries(self) -> list[KaartEntry]:
        """Every entry once (an offer can sit in several profile groups)."""
        seen, result = set(), []
        for group in self.groups:
            for entry in group.entries:
                if entry.offer_id not in seen:
                    seen.add(entry.offer_id)
                    result.append(entry)
        return result

    @property
    def rows(self) -> list[KaartEntry]:
        """Entries per group, in print order (repeats across profile groups)."""
        return [e for g in self.groups for e in g.entries]

    @property
    def columns(self):
        return COLUMNS[self.audience]


def _join(values) -> str:
    return ", ".join(v for v in values if v)


def _wijken_text(coalition: Coalition, codes) -> str:
    if ALL in codes:
        return "hele gemeente"
    names = []
    for code in codes:
        try:
            names.append(coalition.wijk(code).name)
        except KeyError:
            names.append(code)
    return _join(names)


def _location(offer: Offer, partner: Partner) -> str:
    if offer.address:
        return offer.address
    parts = [partner.address, " ".join(x for x in (partner.postal_code, partner.city) if x)]
    return _join(parts)


def _profiles_text(offer: Offer, fits: OfferFits) -> tuple[str, tuple[str, ...]]:
    """'Compenseerders, Buitenstaanders' for named profiles; derived ones marked
    '(afgeleid)', limited ones '(deels: ...)'; and the served profile codes."""
    all_fits = fits.of(offer)
    served = [code for code in PROFILES if code in all_fits and all_fits[code].serves]
    parts = []
    for code in served:
        fit = all_fits[code]
        text = PROFILES[code].name
        if fit.status == "limited":
            text += " (deels: " + "; ".join(r.text for r in fit.reasons) + ")"
        parts.append(text)
    if served and not any(all_fits[c].named for c in served):
        return _join(parts) + " (afgeleid uit de interventietypen)", tuple(served)
    return _join(parts), tuple(served)


def make_entry(coalition: Coalition, offer: Offer, audience: str,
               fits: OfferFits | None = None, today: dt.date | None = None) -> KaartEntry:
    partner = coalition.partner(offer.partner_id)
    professionals = audience == "professionals"
    fits = fits or OfferFits(coalition)
    profiles_text, fitting = _profiles_text(offer, fits)
    kind = (OFFER_KINDS.label_of(offer.kind) if professionals
            else RESIDENT_KIND_HEADINGS.get(offer.kind, OFFER_KINDS.label_of(offer.kind)))
    entry = KaartEntry(
        offer_id=offer.id, name=offer.name, partner=partner.name, kind=kind,
        kind_code=offer.kind, description=offer.description,
        for_whom=_join(offer.target_groups), entry_conditions=offer.entry_conditions,
        how_to_refer=offer.how_to_refer, location=_location(offer, partner),
        wijken=_wijken_text(coalition, offer.wijken), contact=partner.contact_person,
        phone=partner.phone, email=partner.email, website=partner.website,
        status="wachtlijst" if offer.full else "",
        until=offer.end_date.strftime("%d-%m-%Y") if offer.end_date else "",
        profile_codes=fitting)
    if professionals:
        entry = KaartEntry(**{
            **entry.__dict__,
            "profiles": profiles_text,
            "intervention_types": _join(INTERVENTION_TYPES.label_of(t)
                                        for t in offer.intervention_types),
            "delivered_by": DELIVERY.label_of(offer.delivered_by),
            "chain_roles": _join(CHAIN_ROLES.label_of(r) for r in partner.roles),
            "evidence": EVIDENCE.label_of(offer.evidence),
            "confirmed": (confirmation_text(offer, today) if is_unconfirmed(offer, today)
                          else "")})
    return entry


def kaart_contacts(coalition: Coalition, wijk: str | None,
                   availability: Availability | None = None) -> list[KaartContact]:
    """Active partners with the role meldpunt or intake working in the wijk
    (None: anywhere), meldpunt first."""
    av = availability or Availability(coalition)
    result = []
    for p in coalition.partners:
        roles = [r for r in CONTACT_ROLES if r in p.roles]
        if not p.active or not roles:
            continue
        if wijk is not None and wijk not in av.partner_wijken(p):
            continue
        address = _join([p.address, " ".join(x for x in (p.postal_code, p.city) if x)])
        result.append(KaartContact(p.id, p.name, _join(CHAIN_ROLES.label_of(r) for r in roles),
                                   p.phone, p.email, p.hours, p.website, address))
    result.sort(key=lambda c: (not c.roles.startswith(CHAIN_ROLES.label_of("meldpunt")),
                               c.name.lower()))
    return result


def _with_group(entry: KaartEntry, title: str) -> KaartEntry:
    return KaartEntry(**{**entry.__dict__, "group": title})


def kaart_entries(coalition: Coalition, *, wijk: str | None = None,
                  audience: str = "professionals", group_by: str = "kind",
                  today: dt.date | None = None) -> Kaart:
    """The sociale kaart for a wijk (None: whole municipality), grouped.

    ``group_by="profile"`` lists each offer under every profile it fits;
    offers that fit none come last under "Overig aanbod". The residents'
    version always groups by kind of offer (no typology terms for residents).
    """
    if audience not in AUDIENCES:
        raise ValueError(audience)
    if group_by not in GROUPINGS:
        raise ValueError(group_by)
    if audience == "residents":
        group_by = "kind"
    today = today or dt.date.today()
    av = Availability(coalition)
    offers = offers_in(coalition, wijk, today, include_full=True, availability=av)
    if audience == "residents":   # trainings for professionals are not for residents
        offers = [o for o in offers if OFFER_KINDS.find(o.kind) is None
                  or OFFER_KINDS.get(o.kind).facts.get("for_residents", True)]
    fits = OfferFits(coalition)
    entries = [make_entry(coalition, o, audience, fits, today) for o in offers]
    entries.sort(key=lambda e: (e.name.lower(), e.offer_id))
    groups: list[KaartGroup] = []
    if group_by == "kind":
        for term in OFFER_KINDS:
            title = (term.label[:1].upper() + term.label[1:] if audience == "professionals"
                     else RESIDENT_KIND_HEADINGS.get(term.code, term.label))
            members = [_with_group(e, title) for e in entries if e.kind_code == term.code]
            if members:
                groups.append(KaartGroup(term.code, title, members))
        rest = [e for e in entries if e.kind_code not in OFFER_KINDS]
        if rest:
            groups.append(KaartGroup("overig", "Overig aanbod",
                                     [_with_group(e, "Overig aanbod") for e in rest]))
    else:
        for code, profile in PROFILES.items():
            members = [_with_group(e, profile.name) for e in entries
                       if code in e.profile_codes]
            if members:
                groups.append(KaartGroup(code, profile.name, members))
        rest = [e for e in entries if not e.profile_codes]
        if rest:
            groups.append(KaartGroup("overig", "Overig aanbod",
                                     [_with_group(e, "Overig aanbod") for e in rest]))
    if wijk is None:
        wijk_name = "hele gemeente"
    else:
        try:
            wijk_name = coalition.wijk(wijk).name
        except KeyError:
            wijk_name = wijk
    municipality = coalition.info.municipality
    place = wijk_name if wijk else (f"gemeente {municipality}" if municipality
                                    else "hele gemeente")
    title = f"Sociale kaart eenzaamheid – {place}"
    return Kaart(title, wijk, wijk_name, audience, group_by, today, groups,
                 coalition.name, coalition.is_example, kaart_contacts(coalition, wijk, av))
