"""Machielse's typology: eight interventieprofielen as data.

The one source of truth for the profiles, their two dimensions
(persistence × orientation), 000's three questions, the intervention types
that fit each profile, the trajectory each row asks for, who finds each
profile, and the rules that forbid or limit an offer for a profile. The
analysis reads these facts; pages only show them. Every fact carries the
seed lines it comes from.

Which intervention types a profile *needs* (``core``: missing ones make a
cell "deels gedekt") and which merely *fit* (``core=False``: an offer with
them counts, their absence is no gap) follows one rule:

    core = the types of the profile's row in 000's table (000 L1043-1130),
    plus what 000's text on the profile says the help is "vooral" or
    "belangrijk" aimed at, minus what 000 or 001 say of this profile is only
    possible "soms", "in sommige gevallen" or "op termijn";
    fitting = core plus every other type 000, 001 or 002 name for the profile.

Sources: 000 L142-175 (three questions), 000 L286-975 (the profiles),
000 L1043-1163 and 002 L704-792 (intervention types and trajectories per
row), 001 L2384-2406, L2595-2600, L2655-2665, L2795-2891, L3040-3125,
L6262-6264, L7137-7142 (interventions, volunteers, who signals). See
DOMAIN.md §2.

>>> profile_for(structural=False, wants_contacts=True, active=True).name
'Actieven'
>>> profile_for(structural=True, wants_contacts=False, active=False).name
'Overlevers'
>>> parse_profile("buitenstaander").code
'buitenstaanders'
>>> PROFILES["achterblijvers"].persistence
'situationeel'
>>> PROFILES["achterblijvers"].core_types
('belemmeringen', 'individuele_begeleiding', 'rouwverwerking', 'emotionele_steun')
>>> [p.name for p in candidate_profiles(structural=True, wants_contacts=None, active=False)]
['Hoopvollen', 'Overlevers']
"""

from __future__ import annotations

from dataclasses import dataclass

from .vocab import DELIVERY, OFFER_KINDS, SECTORS, Term, Vocabulary, normalize

# --- dimensions -------------------------------------------------------------

#: Persistence of the problem, from light to heavy. Each row of the typology.
#: ``duration`` / ``intensity`` (``vocab.DURATIONS`` / ``vocab.INTENSITIES``)
#: are the trajectory the row asks for, with ``trajectory_source``.
PERSISTENCE = Vocabulary("persistence", "hardnekkigheid", [
    Term("dreigend", "dreigend", ("dreigende eenzaamheid",),
         "Situationele problematiek, actieve strategie",
         {"duration": "kort", "intensity": "licht",
          "trajectory": "relatief korte, lichte trajecten",
          "trajectory_source": "002 L748; 000 L1023-1025"}),
    Term("situationeel", "situationeel", (),
         "Situationele problematiek, passieve strategie",
         {"duration": "kort", "intensity": "intensief",
          "trajectory": "relatief korte, intensieve trajecten",
          "trajectory_source": "002 L760"}),
    Term("structureel", "structureel", (),
         "Structurele problematiek, actieve strategie",
         {"duration": "lang", "intensity": "licht",
          "trajectory": "langdurige trajecten, niet intensief",
          "trajectory_source": "002 L771"}),
    Term("structureel_complex", "structureel-complex",
         ("structureel complex", "structureel met complexe problematiek"),
         "Structurele problematiek met complexe (psychiatrische) problemen, "
         "passieve strategie",
         {"duration": "lang", "intensity": "intensief",
          "trajectory": "langdurige, intensieve trajecten",
          "trajectory_source": "002 L784"}),
])

#: Orientation on network development and social participation (columns).
ORIENTATION = Vocabulary("orientation", "oriëntatie", [
    Term("gericht", "gericht op sociale participatie", ("gericht",)),
    Term("niet_gericht", "niet (duidelijk) gericht op sociale participatie",
         ("niet gericht",)),
])

# --- intervention types ----------------------------------------------------

#: Intervention types named per row of the typology (DOMAIN.md §2).
#: "Rouwverwerking" and "mantelzorgondersteuning" are types of their own: 000
#: names them as examples of preventive interventions for the threatened
#: (L1061-1063), but for Achterblijvers grief work is the core of the help
#: (L458-459) and for Afhankelijken support with caring tasks is a practical
#: problem (L563-564). Which types stand in for which need is part of each
#: profile's :class:`TypeNeed`.
INTERVENTION_TYPES = Vocabulary("intervention_type", "interventietype", [
    Term("belemmeringen", "belemmeringen weghalen",
         ("belemmeringen voor participatie weghalen", "belemmeringen"),
         "Drempels voor meedoen wegnemen (vervoer, huisvesting, hulpmiddelen)"),
    Term("preventie", "preventieve interventie",
         ("preventie", "preventief", "preventieve interventies"),
         "Preventie van vereenzaming (voorlichting, vroeg ingrijpen)"),
    Term("rouwverwerking", "hulp bij rouwverwerking",
         ("rouwverwerking", "rouw", "rouwbegeleiding", "verliesverwerking",
          "hulp bij rouw"),
         "Steun bij het verwerken van het verlies van een naaste"),
    Term("mantelzorgondersteuning", "mantelzorgondersteuning",
         ("mantelzorgondersteuning", "ondersteuning mantelzorg", "mantelzorg",
          "respijtzorg", "ondersteuning bij mantelzorgtaken"),
         "Steun voor wie (zwaar) voor een naaste zorgt"),
    Term("toeleiding_activiteiten", "toeleiding naar activiteiten",
         ("toeleiding naar groepsaanbod", "toeleiding naar groepsaanbod/activiteiten",
          "toeleiding", "activiteiten", "groepsaanbod", "begeleiding naar activiteiten"),
         "Iemand naar groepsaanbod of activiteiten begeleiden"),
    Term("vrijwillige_inzet", "inzet vrijwilliger/maatje",
         ("inzet vrijwilliger", "maatje", "match met andere oudere", "vrijwilliger/maatje",
          "bezoekvrijwilliger", "maatjescontact"),
         "Een vrijwilliger of maatje, of een match met een andere oudere"),
    Term("individuele_begeleiding", "individuele begeleiding door professional",
         ("individuele begeleiding", "begeleiding door professional"),
         "Begeleiding van één persoon door een professional"),
    Term("specialistische_hulp", "doorgeleiding naar specialistische hulp",
         ("specialistische hulp", "doorgeleiding", "ggz", "verslavingszorg"),
         "Doorgeleiden naar GGZ, verslavingszorg, cleanteam en dergelijke"),
    Term("telefooncirkel", "telefooncirkel", ("deelname aan telefooncirkel", "belcirkel"),
         "Vaste telefonische contacten in een kring"),
    Term("praktische_problemen", "praktische problemen oplossen",
         ("praktische hulp", "praktische problemen", "regelzaken", "schulden",
          "huishoudelijke hulp"),
         "Praktische problemen oplossen (geld, wonen, administratie)"),
    Term("monitoren", "monitoren door professional", ("monitoren", "monitorcontact"),
         "Regelmatig contact om te volgen hoe het gaat"),
    Term("signaleringsnetwerk", "signaleringsnetwerk", ("signaleringsnetwerk opzetten",),
         "Afspraken tussen partijen om iemand op afstand in het oog te houden"),
    Term("dagelijks_functioneren", "begeleiding bij dagelijks functioneren",
         ("dagelijks functioneren", "dagbesteding", "zelfzorg"),
         "Begeleiding bij het dagelijks functioneren, dagbesteding, zelfzorg"),
    Term("emotionele_steun", "emotionele en psychosociale steun",
         ("emotionele steun", "psychosociale steun"),
         "Emotionele en psychosociale steun"),
    Term("gespecialiseerde_vrijwilliger", "inzet gespecialiseerde vrijwilliger",
         ("gespecialiseerde vrijwilliger",),
         "Een getrainde vrijwilliger naast de professional"),
    Term("vangnet", "professioneel vangnet", ("vangnet", "creëren van een professioneel vangnet"),
         "Een professioneel vangnet dat achteruitgang op tijd opmerkt"),
])

# --- profiles --------------------------------------------------------------


@dataclass(frozen=True)
class TypeNeed:
    """One intervention type as a profile needs it.

    ``type`` is the need; an offer brings it when it has one of the types in
    ``brought_by`` (the type itself first). ``core`` needs make a cell partial
    when missing (see the module docstring for the rule); ``source`` gives the
    seed lines.
    """

    type: str
    brought_by: tuple[str, ...]
    core: bool
    source: str


def _need(type_code: str, source: str, *, core: bool = True, also=()) -> TypeNeed:
    return TypeNeed(type_code, (type_code, *also), core, source)


@dataclass(frozen=True)
class Profile:
    """One interventieprofiel with everything the product needs to know of it."""

    code: str
    name: str            # plural Dutch name, as in the sources
    singular: str
    persistence: str     # PERSISTENCE code
    orientation: str     # ORIENTATION code
    description: str     # short Dutch description, own words
    needs: tuple[TypeNeed, ...]
    expected_results: tuple[str, ...]
    #: sectors (``vocab.SECTORS``) whose signals find this profile; () = every
    #: signaller does. Other signallers find them only in part.
    signal_sectors: tuple[str, ...]
    signal_source: str
    #: needs a professional vangnet (monitoring by professionals) to be covered
    needs_vangnet: bool
    vangnet_source: str = ""

    @property
    def structural(self) -> bool:
        return self.persistence in ("structureel", "structureel_complex")

    @property
    def wants_contacts(self) -> bool:
        return self.orientation == "gericht"

    @property
    def active_strategy(self) -> bool:
        return self.persistence in ("dreigend", "structureel")

    @property
    def core_types(self) -> tuple[str, ...]:
        """The needs whose absence makes a cell partial."""
        return tuple(n.type for n in self.needs if n.core)

    @property
    def fitting_types(self) -> tuple[str, ...]:
        """Every intervention type through which an offer can serve the profile."""
        return tuple(dict.fromkeys(t for n in self.needs for t in n.brought_by))

    def needs_brought_by(self, types) -> tuple[str, ...]:
        """The needs (in profile order) that offers with ``types`` bring.

        >>> PROFILES["actieven"].needs_brought_by(["rouwverwerking", "praktische_problemen"])
        ('belemmeringen', 'preventie')
        """
        types = set(types)
        return tuple(n.type for n in self.needs if types.intersection(n.brought_by))

    def need(self, type_code: str) -> TypeNeed:
        for n in self.needs:
            if n.type == type_code:
                return n
        raise KeyError(type_code)

    @property
    def trajectory(self) -> Term:
        """The row's trajectory facts (duration, intensity, text, source)."""
        return PERSISTENCE.get(self.persistence)

    @property
    def intensity(self) -> str:
        """Dutch: the trajectory the row asks for ('relatief korte, intensieve trajecten')."""
        return self.trajectory.facts["trajectory"]

    @property
    def needs_outreach(self) -> bool:
        """Found fully only through some signallers (``signal_sectors``)."""
        return bool(self.signal_sectors)

    @property
    def typical_signallers(self) -> tuple[str, ...]:
        """The sectors that find this profile; every sector when not restricted."""
        return self.signal_sectors or SECTORS.codes

    @property
    def needs_monitoring(self) -> bool:
        """Old name of :attr:`needs_vangnet`."""
        return self.needs_vangnet


#: Sectors through which the structural profiles are found: huismeesters /
#: woningcorporaties, wijkagent, lokaal zorgnetwerk, buurtbemiddeling,
#: neighbours and volunteers, companies in people's homes (``SECTORS`` facts).
OUTREACH_SECTORS = tuple(t.code for t in SECTORS if t.facts.get("outreach"))

_STRUCTURAL_SIGNAL_SOURCE = "001 L2595-2597, L7137-7142; 000 L675-735"
_COMPLEX_SIGNAL_SOURCE = ("001 L2798-2802 (huisarts); thuiszorg in huis: 000 L776, L792, L934; "
                          "outreach: 001 L7137-7142")

_PROFILE_LIST = (
    Profile(
        "actieven", "Actieven", "Actieve", "dreigend", "gericht",
        "Dreigen te vereenzamen na een ingrijpende gebeurtenis, maar willen en kunnen zelf "
        "weer een actief sociaal leven opbouwen.",
        (_need("belemmeringen", "000 L1058-1059; praktische hulp: 000 L290-292, 001 L3067",
               also=("praktische_problemen",)),
         _need("preventie", "000 L288-289, L1061-1063",
               also=("rouwverwerking", "mantelzorgondersteuning")),
         _need("toeleiding_activiteiten", "000 L289-290, L1065-1066"),
         _need("vrijwillige_inzet", "000 L294-296, L1068-1069",
               also=("gespecialiseerde_vrijwilliger",))),
        ("Eenzaamheid of isolement is afgewend", "Zelfredzaamheid is vergroot",
         "Netwerk is uitgebreid en weer actief"),
        (), "001 L2211-2214", False),
    Profile(
        "geborgenen", "Geborgenen", "Geborgene", "dreigend", "niet_gericht",
        "Hebben genoeg aan een klein, vertrouwd netwerk; dreigen te vereenzamen doordat "
        "vertrouwde contacten wegvallen.",
        (_need("belemmeringen", "000 L378-381, L1058-1059", also=("praktische_problemen",)),
         _need("preventie", "000 L377-378, L1061-1063",
               also=("rouwverwerking", "mantelzorgondersteuning")),
         _need("toeleiding_activiteiten", "000 L1065-1066; 000 L313-319; 001 L3068-3070"),
         _need("vrijwillige_inzet", "in sommige gevallen: 000 L381-383", core=False,
               also=("gespecialiseerde_vrijwilliger",))),
        ("Eenzaamheid of isolement is afgewend", "Vertrouwde contacten blijven behouden",
         "Situatie is structureel verbeterd"),
        (), "001 L2211-2214", False),
    Profile(
        "achterblijvers", "Achterblijvers", "Achterblijver", "situationeel", "gericht",
        "Missen na het verlies van een naaste een hechte relatie en komen door een passieve "
        "houding moeilijk zelf in beweging.",
        (_need("belemmeringen", "000 L1082-1083"),
         _need("individuele_begeleiding", "000 L1085-1086; 001 L2395-2396"),
         _need("rouwverwerking", "000 L458-461; 001 L2391-2392"),
         _need("emotionele_steun", "000 L458-459; 001 L2384-2385"),
         _need("specialistische_hulp", "in sommige gevallen: 001 L2396-2397; 000 L1088-1089",
               core=False),
         _need("vrijwillige_inzet", "in andere gevallen, op termijn: 000 L464-466; "
               "001 L2398-2401", core=False, also=("gespecialiseerde_vrijwilliger",)),
         _need("toeleiding_activiteiten", "bij sommigen, op termijn: 000 L463-464; "
               "001 L2402-2403", core=False),
         _need("praktische_problemen", "soms: 000 L466-468; 001 L2386-2388", core=False),
         _need("dagelijks_functioneren", "001 L2397-2398", core=False),
         _need("telefooncirkel", "resultaat van de rij: 000 L1105", core=False)),
        ("Verlies is verwerkt, situatie aanvaard", "Zelfredzaamheid is vergroot",
         "Voorzichtige uitbreiding van het netwerk"),
        (), "001 L2211-2214", False),
    Profile(
        "afhankelijken", "Afhankelijken", "Afhankelijke", "situationeel", "niet_gericht",
        "Leunden op één hechte relatie; als die wegvalt, kunnen zij zelf geen nieuw netwerk "
        "opbouwen en trekken zich terug.",
        (_need("belemmeringen", "000 L1082-1083"),
         _need("individuele_begeleiding", "000 L1085-1086, L576-577; 001 L2395-2396"),
         _need("praktische_problemen", "000 L561-568; 001 L2386-2390",
               also=("mantelzorgondersteuning",)),
         _need("emotionele_steun", "001 L2384-2385", core=False),
         _need("specialistische_hulp", "in sommige gevallen: 000 L570-572", core=False),
         _need("vrijwillige_inzet", "soms: 000 L572-576", core=False,
               also=("gespecialiseerde_vrijwilliger",)),
         _need("telefooncirkel", "001 L2404-2406; 000 L1105", core=False),
         _need("rouwverwerking", "001 L2391-2392; 000 L501-509", core=False),
         _need("dagelijks_functioneren", "001 L2397-2398; 000 L573-574", core=False)),
        ("Negatieve spiraal is doorbroken", "Passende (specialistische) hulp is aanvaard",
         "Deelname aan een telefooncirkel"),
        (), "001 L2211-2214", False),
    Profile(
        "compenseerders", "Compenseerders", "Compenseerder", "structureel", "gericht",
        "Zijn graag onder mensen maar houden contacten oppervlakkig; vullen het gemis in met "
        "werk, vrijwilligerswerk of verenigingen.",
        (_need("praktische_problemen", "000 L659-661, L1108"),
         _need("monitoren", "000 L665-668, L1109"),
         _need("individuele_begeleiding", "001 L3095-3096", core=False),
         _need("toeleiding_activiteiten", "000 L660-662", core=False)),
        ("Praktische problemen zijn opgelost", "Vertrouwen in de hulpverlening is gegroeid",
         "Monitorcontact is tot stand gebracht"),
        OUTREACH_SECTORS, _STRUCTURAL_SIGNAL_SOURCE, False),
    Profile(
        "buitenstaanders", "Buitenstaanders", "Buitenstaander", "structureel", "niet_gericht",
        "Leven liever buiten de samenleving, mijden zorg en komen pas in beeld als anderen "
        "problemen opmerken.",
        (_need("praktische_problemen", "000 L1108; 000 L696-698, L729-733"),
         _need("monitoren", "000 L758-765, L1109", also=("signaleringsnetwerk", "vangnet")),
         _need("individuele_begeleiding", "001 L3095-3096", core=False)),
        ("Praktische problemen zijn opgelost", "Monitorcontact of signaleringsnetwerk staat",
         "Zelfstandigheid blijft behouden"),
        OUTREACH_SECTORS, _STRUCTURAL_SIGNAL_SOURCE, True, "000 L753-754, L765-766"),
    Profile(
        "hoopvollen", "Hoopvollen", "Hoopvolle", "structureel_complex", "gericht",
        "Willen graag contact maar missen de vaardigheden, vaak door psychiatrische problemen "
        "of trauma; wachten af tot er iets verandert.",
        (_need("emotionele_steun", "000 L856-857, L1120-1121"),
         _need("praktische_problemen", "000 L857-858, L1118"),
         _need("dagelijks_functioneren", "000 L858-861, L1119"),
         _need("specialistische_hulp", "soms: 000 L861-864", core=False),
         _need("gespecialiseerde_vrijwilliger", "in sommige gevallen: 000 L867-871; "
               "001 L2884-2891", core=False),
         _need("individuele_begeleiding", "001 L3111-3112", core=False),
         _need("vangnet", "001 L2810, L3120", core=False, also=("monitoren",))),
        ("Negatieve spiraal is doorbroken", "Specialistische hulp is ingeschakeld",
         "Dagbesteding en zelfzorg zijn verbeterd"),
        (*OUTREACH_SECTORS, "huisarts", "thuiszorg"), _COMPLEX_SIGNAL_SOURCE, True,
        "001 L2809-2810, L3120; 000 L1128-1130"),
    Profile(
        "overlevers", "Overlevers", "Overlever", "structureel_complex", "niet_gericht",
        "Hebben de moed opgegeven, wantrouwen hulp en zijn bezig met overleven; veel "
        "lichamelijke en psychische klachten.",
        (_need("dagelijks_functioneren", "000 L1119; 000 L964-966"),
         _need("emotionele_steun", "000 L1120-1121"),
         _need("specialistische_hulp", "000 L968-970, L1122-1124"),
         _need("praktische_problemen", "soms: 000 L966-968; 001 L2811-2813", core=False),
         _need("gespecialiseerde_vrijwilliger", "001 L2884-2891; 000 L1125-1127", core=False),
         _need("individuele_begeleiding", "001 L3111-3112", core=False),
         _need("vangnet", "000 L971-973, L1128-1130", core=False, also=("monitoren",))),
        ("Praktische problemen zijn opgelost", "Specialistische hulp is ingeschakeld",
         "Verder afglijden voorkomen door een professioneel vangnet"),
        (*OUTREACH_SECTORS, "huisarts", "thuiszorg"), _COMPLEX_SIGNAL_SOURCE, True,
        "000 L971-973, L1016-1019"),
)

#: Profiles by code, in the order of the typology (row by row, gericht first).
PROFILES: dict[str, Profile] = {p.code: p for p in _PROFILE_LIST}

_PROFILE_KEYS: dict[str, Profile] = {}
for _p in _PROFILE_LIST:
    for _key in (_p.code, _p.name, _p.singular, _p.singular.rstrip("e")):
        _PROFILE_KEYS[normalize(_key)] = _p


def find_profile(value: str) -> Profile | None:
    """The profile a cell value names (case-insensitive, plural or singular)."""
    return _PROFILE_KEYS.get(normalize(value))


def parse_profile(value: str) -> Profile:
    """Like :func:`find_profile` but raises ValueError for unknown names."""
    profile = find_profile(value)
    if profile is None:
        raise ValueError(value)
    return profile


def suggest_profile(value: str) -> str | None:
    import difflib
    match = difflib.get_close_matches(normalize(value), list(_PROFILE_KEYS), n=1, cutoff=0.6)
    return _PROFILE_KEYS[match[0]].code if match else None


def profile_at(persistence: str, orientation: str) -> Profile:
    """The profile in a cell of the persistence × orientation grid."""
    for profile in _PROFILE_LIST:
        if profile.persistence == persistence and profile.orientation == orientation:
            return profile
    raise KeyError((persistence, orientation))


def persistence_for(structural: bool, active: bool) -> str:
    """Row of the typology from questions 1 and 3 (DOMAIN.md §2)."""
    if structural:
        return "structureel" if active else "structureel_complex"
    return "dreigend" if active else "situationeel"


def profile_for(structural: bool, wants_contacts: bool, active: bool) -> Profile:
    """Answer 000's three questions, get exactly one profile.

    1. Is the problem situational (False) or structural (True)?
    2. Does the person want new contacts (orientation: gericht)?
    3. Does the person use an active (True) or passive (False) strategy?
    """
    return profile_at(persistence_for(structural, active),
                      "gericht" if wants_contacts else "niet_gericht")


#: 000's three questions, Dutch, with the meaning of "yes".
THREE_QUESTIONS = (
    ("structural", "Is de problematiek structureel (al vele jaren) in plaats van situationeel "
                   "(door recente gebeurtenissen)?"),
    ("wants_contacts", "Heeft de persoon behoefte aan nieuwe sociale contacten en is hij of zij "
                       "gemotiveerd daaraan te werken?"),
    ("active", "Pakt de persoon problemen actief aan (actieve strategie) in plaats van ze te "
               "vermijden (passieve strategie)?"),
)

def candidate_profiles(structural: bool | None, wants_contacts: bool | None,
                       active: bool | None) -> list[Profile]:
    """The profiles that fit the answers so far; ``None`` is "weet ik (nog) niet".

    Typing someone often takes several conversations and profiles change over
    time (000 L997-1003, L1031-1042; 001 Bijlage VIII counts "te weinig
    informatie voor typering"), so every question may stay open.

    >>> [p.code for p in candidate_profiles(False, None, True)]
    ['actieven', 'geborgenen']
    >>> len(candidate_profiles(None, None, None))
    8
    """
    result = []
    for profile in _PROFILE_LIST:
        if structural is not None and profile.structural != structural:
            continue
        if wants_contacts is not None and profile.wants_contacts != wants_contacts:
            continue
        if active is not None and profile.active_strategy != active:
            continue
        result.append(profile)
    return result


# --- rules that forbid or limit an offer -------------------------------------

#: What a rule does to an offer for a profile: ``exclude`` (the offer cannot
#: serve the profile) or ``limit`` (it serves only in part: the cell is at most
#: partly covered, with the rule's reason).
RULE_EFFECTS = ("exclude", "limit")


@dataclass(frozen=True)
class OfferRule:
    """An offer whose ``field`` value is in ``values`` is excluded from, or
    limited for, ``profiles``.

    ``reason`` is the Dutch explanation with ``{profile}`` for the profile
    name; ``short`` the Dutch reason in the coverage matrix ("alleen
    groepsaanbod"). With ``lifted_beside_professional`` the rule does not
    apply when the offer works beside professional help (see
    :func:`coalition_map.fit.beside_professional`).
    """

    code: str
    profiles: frozenset[str]
    field: str            # "kind" or "delivered_by" (an Offer attribute)
    values: frozenset[str]
    effect: str           # one of RULE_EFFECTS
    short: str
    reason: str
    source: str
    #: Dutch verdict between ``short`` and the profile name in the coverage
    #: matrix: "alleen groepsaanbod; past niet bij Achterblijvers".
    verdict: str = "past niet bij"
    lifted_beside_professional: bool = False

    @property
    def excluded(self) -> frozenset[str]:
        """The field values the rule is about (old name)."""
        return self.values

    def applies_to(self, profile_code: str) -> bool:
        return profile_code in self.profiles

    def matches(self, offer, profile_code: str, beside_professional: bool = False) -> bool:
        """True when the rule applies to ``offer`` for the profile."""
        if profile_code not in self.profiles or getattr(offer, self.field) not in self.values:
            return False
        return not (self.lifted_beside_professional and beside_professional)

    def excludes(self, offer, profile_code: str, beside_professional: bool = False) -> bool:
        return self.effect == "exclude" and self.matches(offer, profile_code,
                                                         beside_professional)

    def text(self, profile_code: str) -> str:
        """'alleen groepsaanbod; past niet bij Afhankelijken' for an exclusion; the
        short reason alone for a limit ('activiteiten alleen op termijn, ...')."""
        if self.effect == "limit":
            return self.short
        return f"{self.short}; {self.verdict} {PROFILES[profile_code].name}"


def _codes_where(vocab: Vocabulary, predicate) -> frozenset[str]:
    return frozenset(t.code for t in vocab if predicate(t.facts))


_GROUP_KINDS = _codes_where(OFFER_KINDS, lambda f: f.get("group"))
_MEETING_KINDS = _codes_where(OFFER_KINDS, lambda f: f.get("group") and f.get("meeting"))

OFFER_RULES: tuple[OfferRule, ...] = (
    OfferRule(
        "geen_groep", frozenset({"afhankelijken"}), "kind", _GROUP_KINDS, "exclude",
        "alleen groepsaanbod",
        "groepsaanbod is geen oplossing voor {profile}, en activiteiten zijn voor hen "
        "meestal niet mogelijk",
        "001 L2392-2394, L2403-2404"),
    OfferRule(
        "geen_groepsgesprek", frozenset({"achterblijvers"}), "kind",
        _GROUP_KINDS - _MEETING_KINDS, "exclude",
        "alleen cursus of gespreksgroep",
        "cursussen, gespreks- en lotgenotengroepen zijn geen oplossing voor {profile}: "
        "ervaringen uitwisselen met lotgenoten is voor hen een brug te ver",
        "001 L2392-2396"),
    OfferRule(
        "activiteiten_op_termijn", frozenset({"achterblijvers"}), "kind", _MEETING_KINDS,
        "limit", "activiteiten alleen op termijn, met begeleiding",
        "activiteiten passen bij {profile} pas op termijn, met begeleiding ernaartoe",
        "001 L2402-2403; 000 L463-464", verdict="voor"),
    OfferRule(
        "activiteiten_later", frozenset({"hoopvollen"}), "kind", _MEETING_KINDS, "limit",
        "activiteiten pas op langere termijn",
        "activiteiten zijn voor {profile} geen optie op korte termijn, pas later",
        "001 L6262-6264", verdict="voor"),
    OfferRule(
        "geen_vrijwilligers", frozenset({"compenseerders", "buitenstaanders"}), "delivered_by",
        _codes_where(DELIVERY, lambda f: f.get("volunteer")), "exclude",
        "vrijwilligers",
        "inzet van vrijwilligers is niet mogelijk bij {profile}",
        "000 L669-670, L765-766; 001 L2662-2665, L3098; 002 L770",
        verdict="niet mogelijk bij"),
    OfferRule(
        "geen_gewone_vrijwilliger", frozenset({"hoopvollen", "overlevers"}), "delivered_by",
        frozenset({"vrijwilliger"}), "exclude",
        "alleen vrijwilligers",
        "bij {profile} kan alleen een gespecialiseerde vrijwilliger, naast een professional",
        "001 L2884-2891; 000 L867-871", verdict="niet mogelijk bij"),
    OfferRule(
        "gespecialiseerd_naast_professional", frozenset({"hoopvollen", "overlevers"}),
        "delivered_by", frozenset({"gespecialiseerde_vrijwilliger"}), "exclude",
        "gespecialiseerde vrijwilliger zonder professional",
        "bij {profile} werkt een gespecialiseerde vrijwilliger alleen naast een professional; "
        "bij dit aanbod is geen professional betrokken en er verwijst geen professional naar",
        "001 L2884-2887, L3117", verdict="niet mogelijk bij", lifted_beside_professional=True),
    OfferRule(
        "vrijwilliger_niet_gespecialiseerd", frozenset({"hoopvollen", "overlevers"}),
        "delivered_by", frozenset({"professional_vrijwilliger"}), "limit",
        "vrijwilligers niet als gespecialiseerd opgegeven",
        "bij {profile} vraagt inzet naast de professional een gespecialiseerde vrijwilliger "
        "die kan meebewegen",
        "001 L2887-2891; 000 L869-871", verdict="voor"),
)

#: Old name: the rules that exclude (``effect == "exclude"``).
EXCLUSION_RULES: tuple[OfferRule, ...] = tuple(r for r in OFFER_RULES if r.effect == "exclude")
ExclusionRule = OfferRule


def rules_for(offer, profile_code: str, beside_professional: bool = False) -> list[OfferRule]:
    """Every rule that applies to ``offer`` for the profile (exclusions and limits)."""
    return [r for r in OFFER_RULES if r.matches(offer, profile_code, beside_professional)]


def rules_excluding(offer, profile_code: str,
                    beside_professional: bool = False) -> list[OfferRule]:
    """The rules that forbid ``offer`` for the profile (empty: allowed).

    >>> class O: kind, delivered_by = "een_op_een", "gespecialiseerde_vrijwilliger"
    >>> [r.code for r in rules_excluding(O, "overlevers")]
    ['gespecialiseerd_naast_professional']
    >>> rules_excluding(O, "overlevers", beside_professional=True)
    []
    """
    return [r for r in rules_for(offer, profile_code, beside_professional)
            if r.effect == "exclude"]


def rules_limiting(offer, profile_code: str,
                   beside_professional: bool = False) -> list[OfferRule]:
    """The rules under which ``offer`` serves the profile only in part."""
    return [r for r in rules_for(offer, profile_code, beside_professional)
            if r.effect == "limit"]


def trajectory_mismatch(offer, profile_code: str) -> list[str]:
    """Which of the offer's duration and intensity differ from the profile's row.

    Empty values on the offer are unknown and never a mismatch (002 L748-784).

    >>> class O: duration, intensity = "kort", "licht"
    >>> trajectory_mismatch(O, "actieven"), trajectory_mismatch(O, "overlevers")
    ([], ['duration', 'intensity'])
    """
    facts = PROFILES[profile_code].trajectory.facts
    result = []
    for attr in ("duration", "intensity"):
        value = getattr(offer, attr, "") or ""
        if value and value != facts[attr]:
            result.append(attr)
    return result


def profiles_fitting_types(type_codes) -> list[str]:
    """Profiles for which at least one of the intervention types fits."""
    types = set(type_codes)
    return [p.code for p in _PROFILE_LIST if types & set(p.fitting_types)]
