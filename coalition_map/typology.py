"""Machielse's typology: eight interventieprofielen as data.

The one source of truth for the profiles, their two dimensions
(persistence × orientation), 000's three questions, the intervention types
that fit each profile, and the rules that exclude offers from a profile.
The analysis reads these facts; pages only show them.

Sources: 000 L142-175 (three questions), 000 L1043-1163 and 002 L704-792
(intervention types per row), 001 L2393, L2663, L2884-2891, L3098, L3117
(exclusion rules). See DOMAIN.md §2.

>>> profile_for(structural=False, wants_contacts=True, active=True).name
'Actieven'
>>> profile_for(structural=True, wants_contacts=False, active=False).name
'Overlevers'
>>> parse_profile("buitenstaander").code
'buitenstaanders'
>>> PROFILES["achterblijvers"].persistence
'situationeel'
"""

from __future__ import annotations

from dataclasses import dataclass

from .vocab import DELIVERY, OFFER_KINDS, Term, Vocabulary, normalize

# --- dimensions -------------------------------------------------------------

#: Persistence of the problem, from light to heavy. Each row of the typology.
PERSISTENCE = Vocabulary("persistence", "hardnekkigheid", [
    Term("dreigend", "dreigend", ("dreigende eenzaamheid",),
         "Situationele problematiek, actieve strategie"),
    Term("situationeel", "situationeel", (),
         "Situationele problematiek, passieve strategie"),
    Term("structureel", "structureel", (),
         "Structurele problematiek, actieve strategie"),
    Term("structureel_complex", "structureel-complex",
         ("structureel complex", "structureel met complexe problematiek"),
         "Structurele problematiek met complexe (psychiatrische) problemen, "
         "passieve strategie"),
])

#: Orientation on network development and social participation (columns).
ORIENTATION = Vocabulary("orientation", "oriëntatie", [
    Term("gericht", "gericht op sociale participatie", ("gericht",)),
    Term("niet_gericht", "niet (duidelijk) gericht op sociale participatie",
         ("niet gericht",)),
])

# --- intervention types ----------------------------------------------------

#: Intervention types named per row of the typology (DOMAIN.md §2).
INTERVENTION_TYPES = Vocabulary("intervention_type", "interventietype", [
    Term("belemmeringen", "belemmeringen weghalen",
         ("belemmeringen voor participatie weghalen", "belemmeringen"),
         "Drempels voor meedoen wegnemen (vervoer, huisvesting, hulpmiddelen)"),
    Term("preventie", "preventieve interventie",
         ("preventie", "preventief", "rouwverwerking", "mantelzorgondersteuning"),
         "Preventie, zoals hulp bij rouwverwerking of mantelzorgondersteuning"),
    Term("toeleiding_activiteiten", "toeleiding naar activiteiten",
         ("toeleiding naar groepsaanbod", "toeleiding naar groepsaanbod/activiteiten",
          "toeleiding", "activiteiten", "groepsaanbod"),
         "Iemand naar groepsaanbod of activiteiten begeleiden"),
    Term("vrijwillige_inzet", "inzet vrijwilliger/maatje",
         ("inzet vrijwilliger", "maatje", "match met andere oudere", "vrijwilliger/maatje",
          "bezoekvrijwilliger", "maatjescontact"),
         "Een vrijwilliger of maatje, of een match met een andere oudere"),
    Term("individuele_begeleiding", "individuele begeleiding door professional",
         ("individuele begeleiding", "begeleiding door professional"),
         "Kortdurende, intensieve begeleiding door een professional"),
    Term("specialistische_hulp", "doorgeleiding naar specialistische hulp",
         ("specialistische hulp", "doorgeleiding", "ggz", "verslavingszorg"),
         "Doorgeleiden naar GGZ, verslavingszorg, cleanteam en dergelijke"),
    Term("telefooncirkel", "telefooncirkel", ("deelname aan telefooncirkel", "belcirkel"),
         "Vaste telefonische contacten in een kring"),
    Term("praktische_problemen", "praktische problemen oplossen",
         ("praktische hulp", "praktische problemen", "regelzaken", "schulden"),
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
class Profile:
    """One interventieprofiel with everything the product needs to know of it."""

    code: str
    name: str            # plural Dutch name, as in the sources
    singular: str
    persistence: str     # PERSISTENCE code
    orientation: str     # ORIENTATION code
    description: str     # short Dutch description, own words
    fitting_types: tuple[str, ...]   # INTERVENTION_TYPES codes
    expected_results: tuple[str, ...]
    intensity: str       # Dutch: duration and intensity of help
    typical_signallers: tuple[str, ...]  # SECTORS codes that typically reach them
    needs_outreach: bool          # reached through outreach signallers only
    needs_monitoring: bool        # needs a monitoring or vangnet function

    @property
    def structural(self) -> bool:
        return self.persistence in ("structureel", "structureel_complex")

    @property
    def wants_contacts(self) -> bool:
        return self.orientation == "gericht"

    @property
    def active_strategy(self) -> bool:
        return self.persistence in ("dreigend", "structureel")


_LIGHT_SIGNALLERS = ("huisarts", "thuiszorg", "mantelzorg", "welzijn", "clientondersteuning",
                     "wijkteam")
_OUTREACH_SIGNALLERS = ("woningcorporatie", "politie", "zorgnetwerk", "buurtbemiddeling",
                        "vrijwilligers")

_PROFILE_LIST = (
    Profile(
        "actieven", "Actieven", "Actieve", "dreigend", "gericht",
        "Dreigen te vereenzamen na een ingrijpende gebeurtenis, maar willen en kunnen zelf "
        "weer een actief sociaal leven opbouwen.",
        ("belemmeringen", "preventie", "toeleiding_activiteiten", "vrijwillige_inzet"),
        ("Eenzaamheid of isolement is afgewend", "Zelfredzaamheid is vergroot",
         "Netwerk is uitgebreid en weer actief"),
        "kort en licht",
        _LIGHT_SIGNALLERS, False, False),
    Profile(
        "geborgenen", "Geborgenen", "Geborgene", "dreigend", "niet_gericht",
        "Hebben genoeg aan een klein, vertrouwd netwerk; dreigen te vereenzamen doordat "
        "vertrouwde contacten wegvallen.",
        ("belemmeringen", "preventie", "vrijwillige_inzet"),
        ("Eenzaamheid of isolement is afgewend", "Vertrouwde contacten blijven behouden",
         "Situatie is structureel verbeterd"),
        "kort en licht",
        _LIGHT_SIGNALLERS, False, False),
    Profile(
        "achterblijvers", "Achterblijvers", "Achterblijver", "situationeel", "gericht",
        "Missen na het verlies van een naaste een hechte relatie en komen door een passieve "
        "houding moeilijk zelf in beweging.",
        ("belemmeringen", "individuele_begeleiding", "specialistische_hulp",
         "vrijwillige_inzet", "toeleiding_activiteiten"),
        ("Verlies is verwerkt, situatie aanvaard", "Zelfredzaamheid is vergroot",
         "Voorzichtige uitbreiding van het netwerk"),
        "kort maar intensief",
        _LIGHT_SIGNALLERS, False, False),
    Profile(
        "afhankelijken", "Afhankelijken", "Afhankelijke", "situationeel", "niet_gericht",
        "Leunden op één hechte relatie; als die wegvalt, kunnen zij zelf geen nieuw netwerk "
        "opbouwen en trekken zich terug.",
        ("belemmeringen", "individuele_begeleiding", "specialistische_hulp",
         "vrijwillige_inzet", "telefooncirkel"),
        ("Negatieve spiraal is doorbroken", "Passende (specialistische) hulp is aanvaard",
         "Deelname aan een telefooncirkel"),
        "kort maar intensief",
        _LIGHT_SIGNALLERS, False, False),
    Profile(
        "compenseerders", "Compenseerders", "Compenseerder", "structureel", "gericht",
        "Zijn graag onder mensen maar houden contacten oppervlakkig; vullen het gemis in met "
        "werk, vrijwilligerswerk of verenigingen.",
        ("praktische_problemen", "monitoren"),
        ("Praktische problemen zijn opgelost", "Vertrouwen in de hulpverlening is gegroeid",
         "Monitorcontact is tot stand gebracht"),
        "lang maar niet intensief",
        _OUTREACH_SIGNALLERS, True, False),
    Profile(
        "buitenstaanders", "Buitenstaanders", "Buitenstaander", "structureel", "niet_gericht",
        "Leven liever buiten de samenleving, mijden zorg en komen pas in beeld als anderen "
        "problemen opmerken.",
        ("praktische_problemen", "monitoren", "signaleringsnetwerk"),
        ("Praktische problemen zijn opgelost", "Monitorcontact of signaleringsnetwerk staat",
         "Zelfstandigheid blijft behouden"),
        "lang maar niet intensief",
        _OUTREACH_SIGNALLERS, True, True),
    Profile(
        "hoopvollen", "Hoopvollen", "Hoopvolle", "structureel_complex", "gericht",
        "Willen graag contact maar missen de vaardigheden, vaak door psychiatrische problemen "
        "of trauma; wachten af tot er iets verandert.",
        ("praktische_problemen", "dagelijks_functioneren", "emotionele_steun",
         "specialistische_hulp", "gespecialiseerde_vrijwilliger"),
        ("Negatieve spiraal is doorbroken", "Specialistische hulp is ingeschakeld",
         "Dagbesteding en zelfzorg zijn verbeterd"),
        "lang en intensief",
        _OUTREACH_SIGNALLERS, True, False),
    Profile(
        "overlevers", "Overlevers", "Overlever", "structureel_complex", "niet_gericht",
        "Hebben de moed opgegeven, wantrouwen hulp en zijn bezig met overleven; veel "
        "lichamelijke en psychische klachten.",
        ("praktische_problemen", "specialistische_hulp", "emotionele_steun", "vangnet"),
        ("Praktische problemen zijn opgelost", "Specialistische hulp is ingeschakeld",
         "Verder afglijden voorkomen door een professioneel vangnet"),
        "lang en intensief",
        _OUTREACH_SIGNALLERS, True, True),
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

# --- exclusion rules -------------------------------------------------------


@dataclass(frozen=True)
class ExclusionRule:
    """An offer whose ``field`` value is in ``excluded`` cannot serve ``profiles``.

    ``reason`` is the Dutch explanation with ``{profile}`` for the profile name;
    ``short`` is the Dutch reason used in the coverage matrix when a profile's
    only candidate offers all break this rule (e.g. "alleen groepsaanbod").
    """

    code: str
    profiles: frozenset[str]
    field: str            # "kind" or "delivered_by" (an Offer attribute)
    excluded: frozenset[str]
    short: str
    reason: str
    source: str
    #: Dutch verdict between ``short`` and the profile name in the coverage
    #: matrix: "alleen groepsaanbod; past niet bij Achterblijvers".
    verdict: str = "past niet bij"

    def applies_to(self, profile_code: str) -> bool:
        return profile_code in self.profiles

    def excludes(self, offer, profile_code: str) -> bool:
        """True when this rule forbids ``offer`` for the profile."""
        return profile_code in self.profiles and getattr(offer, self.field) in self.excluded


def _codes_where(vocab: Vocabulary, predicate) -> frozenset[str]:
    return frozenset(t.code for t in vocab if predicate(t.facts))


EXCLUSION_RULES: tuple[ExclusionRule, ...] = (
    ExclusionRule(
        "geen_groep", frozenset({"achterblijvers", "afhankelijken"}), "kind",
        _codes_where(OFFER_KINDS, lambda f: f.get("group")),
        "alleen groepsaanbod",
        "groepsaanbod is geen oplossing voor {profile}",
        "001 L2393, L2404"),
    ExclusionRule(
        "geen_vrijwilligers", frozenset({"compenseerders", "buitenstaanders"}), "delivered_by",
        _codes_where(DELIVERY, lambda f: f.get("volunteer")),
        "alleen vrijwilligers",
        "inzet van vrijwilligers is niet mogelijk bij {profile}",
        "000 L669, L765; 001 L2663, L3098", verdict="niet mogelijk bij"),
    ExclusionRule(
        "alleen_gespecialiseerd_naast_professional", frozenset({"hoopvollen", "overlevers"}),
        "delivered_by",
        _codes_where(DELIVERY, lambda f: f.get("volunteer")
                     and not (f.get("specialised") and f.get("professional"))),
        "alleen vrijwilligers zonder professional",
        "bij {profile} kan alleen een gespecialiseerde vrijwilliger naast een professional",
        "001 L2884-2891, L3117", verdict="niet mogelijk bij"),
)


def rules_excluding(offer, profile_code: str) -> list[ExclusionRule]:
    """The exclusion rules that forbid ``offer`` for the profile (empty: allowed)."""
    return [rule for rule in EXCLUSION_RULES if rule.excludes(offer, profile_code)]


def profiles_fitting_types(type_codes) -> list[str]:
    """Profiles for which at least one of the intervention types fits."""
    types = set(type_codes)
    return [p.code for p in _PROFILE_LIST if types & set(p.fitting_types)]
