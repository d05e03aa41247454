"""Closed lists (vocabularies) used in the data files.

Every closed list the coordinator fills in (sector, chain role, offer kind,
who delivers, evidence, ...) is a :class:`Vocabulary`: a list of
:class:`Term` objects, each with a stable ``code`` (what is stored and
exported), a Dutch ``label`` (what the interface shows) and ``aliases`` that
are accepted on import. This module is the one source of truth for these
lists: the importer, the store, the analysis, the data dictionary and the
pages all read them from here.

>>> SECTORS.parse("Woningcorporatie").code
'woningcorporatie'
>>> SECTORS.parse("huismeester").code
'woningcorporatie'
>>> SECTORS.suggest("woningcoporatie")
'woningcorporatie'
"""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass, field
from collections.abc import Iterable


def normalize(text: str) -> str:
    """Lower-case, strip accents and collapse whitespace, for matching.

    >>> normalize("  Één-op-één ")
    'een-op-een'
    """
    text = str(text)
    if text.isascii():      # nothing to decompose or strip: the same result, faster
        return " ".join(text.lower().split())
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.lower().split())


@dataclass(frozen=True)
class Term:
    code: str
    label: str
    aliases: tuple[str, ...] = ()
    description: str = ""
    # Free-form extra facts a term carries (e.g. a sector's outreach flag).
    facts: dict = field(default_factory=dict, compare=False, hash=False)


class Vocabulary:
    """A closed list of terms with lenient, accent- and case-insensitive parsing."""

    def __init__(self, name: str, label: str, terms: Iterable[Term]):
        self.name = name
        self.label = label
        self.terms: tuple[Term, ...] = tuple(terms)
        self._by_key: dict[str, Term] = {}
        for term in self.terms:
            for key in (term.code, term.label, *term.aliases):
                self._by_key[normalize(key)] = term

    def __iter__(self):
        return iter(self.terms)

    def __len__(self) -> int:
        return len(self.terms)

    def __contains__(self, code: str) -> bool:
        return any(t.code == code for t in self.terms)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(t.code for t in self.terms)

    def get(self, code: str) -> Term:
        for term in self.terms:
            if term.code == code:
                return term
        raise KeyError(code)

    def label_of(self, code: str) -> str:
        try:
            return self.get(code).label
        except KeyError:
            return code

    def find(self, value: str) -> Term | None:
        """The term a cell value names, or None."""
        return self._by_key.get(normalize(value))

    def parse(self, value: str) -> Term:
        term = self.find(value)
        if term is None:
            raise ValueError(value)
        return term

    def suggest(self, value: str) -> str | None:
        """The code of the closest term for a near miss, or None."""
        keys = list(self._by_key)
        match = difflib.get_close_matches(normalize(value), keys, n=1, cutoff=0.7)
        return self._by_key[match[0]].code if match else None


def _t(code, label=None, *aliases, description="", **facts) -> Term:
    return Term(code, label or code, tuple(aliases), description, facts)


# --- partners -------------------------------------------------------------

#: Sectors of partners (DOMAIN.md §4). ``outreach`` marks the sectors through
#: which the structural profiles are found (001 L2212, L2595, L7137-7142).
#: ``professional`` marks sectors of care and welfare professionals
#: (hulpverleners; not huismeesters or wijkagenten, who signal but do not give
#: help): their monitoring role is a *professioneel* vangnet (000 L971-973) and
#: their referral puts a professional beside a volunteer (001 L2884-2887).
#: ``volunteer`` marks organisations whose work is done by volunteers: never put
#: forward where the typology rules out volunteers (000 L669-670, L765-766).
SECTORS = Vocabulary("sector", "sector", [
    _t("gemeente", "gemeente", "wmo-loket", "wmo loket", "gemeentelijk",
       description="Gemeente: bestuur, beleid, Wmo-loket", outreach=False, professional=True),
    _t("wijkteam", "wijkteam", "sociaal wijkteam", "sociaal team", "gebiedsteam",
       description="(Sociaal) wijkteam of gebiedsteam", outreach=False, professional=True),
    _t("welzijn", "welzijn", "welzijnswerk", "ouderenwerk", "maatschappelijk werk",
       "sociaal werk", "buurtwerk", "opbouwwerk",
       description="Welzijn, ouderenwerk, maatschappelijk en sociaal werk", outreach=False, professional=True),
    _t("ggz", "GGZ", "geestelijke gezondheidszorg", "verslavingszorg",
       description="GGZ en verslavingszorg", outreach=False, professional=True),
    _t("ggd", "GGD", description="GGD (openbare gezondheidszorg, monitor)", outreach=False, professional=True),
    _t("huisarts", "huisarts", "huisartsen", "praktijkondersteuner", "poh", "huisartsenpraktijk",
       description="Huisarts en praktijkondersteuner", outreach=False, professional=True),
    _t("thuiszorg", "thuiszorg", "wijkverpleging", "wijkverpleegkundige",
       description="Thuiszorg en wijkverpleging", outreach=False, professional=True),
    _t("woningcorporatie", "woningcorporatie", "huismeester", "woningbouwvereniging",
       description="Woningcorporatie en huismeesters", outreach=True, professional=False),
    _t("politie", "politie", "wijkagent",
       description="Politie en wijkagent", outreach=True, professional=False),
    _t("zorgnetwerk", "lokaal zorgnetwerk", "signaleringsnetwerk", "lokaal zorg netwerk",
       "meldpunt zorg en overlast", "zorgnetwerk",
       description="Lokaal zorgnetwerk of signaleringsnetwerk (meldpunt zorg en overlast)",
       outreach=True, professional=True),
    _t("buurtbemiddeling", "buurtbemiddeling",
       description="Buurtbemiddeling", outreach=True, professional=False, volunteer=True),
    _t("mantelzorg", "mantelzorgondersteuning", "mantelzorgsteunpunt", "mantelzorg",
       description="Mantelzorgondersteuning", outreach=False, professional=True),
    _t("clientondersteuning", "cliëntondersteuning", "mee", "ouderenadviseur",
       "clientondersteuner", description="MEE, cliëntondersteuning, ouderenadviseurs",
       outreach=False, professional=True),
    _t("veilig_thuis", "Veilig Thuis", "veilig thuis", description="Veilig Thuis", outreach=False, professional=True),
    _t("schuldhulp", "schuldhulp", "schuldhulpverlening", "bewindvoering",
       description="Schuldhulpverlening en bewindvoering", outreach=False, professional=True),
    _t("vrijwilligers", "vrijwilligersorganisatie", "vrijwilligers", "humanitas", "zonnebloem",
       "vrijwilligerscentrale", "buren", "burgerinitiatief",
       description="Vrijwilligersorganisaties en burgerinitiatieven (ook buren)",
       outreach=True, professional=False, volunteer=True),
    _t("bibliotheek", "bibliotheek", description="Bibliotheek", outreach=False, professional=False),
    _t("levensbeschouwelijk", "levensbeschouwelijke organisatie", "kerk", "moskee",
       "levensbeschouwelijk", "parochie", description="Kerken, moskeeën en andere "
       "levensbeschouwelijke organisaties", outreach=False, professional=False, volunteer=True),
    _t("vereniging", "vereniging", "sportvereniging", "cultuurvereniging", "buurtvereniging",
       "club", description="Sport-, cultuur-, buurt- en ouderenverenigingen", outreach=False, professional=False, volunteer=True),
    _t("bedrijf", "bedrijf", "bedrijfsleven", "onderneming",
       description="Bedrijven die bij mensen thuis komen (energie, onderhoud, ...)",
       outreach=True, professional=False),
    _t("overig", "overig", "anders", description="Overige partijen", outreach=False, professional=False),
])

#: Roles a partner fills in the chain from signal to help (DOMAIN.md §3).
CHAIN_ROLES = Vocabulary("role", "ketenrol", [
    _t("signaleren", "signaleren", "signalering", "signaleert",
       description="Ziet signalen van eenzaamheid of isolement"),
    _t("meldpunt", "melden/meldpunt", "melden", "meldpunt", "meldpunt isolement",
       description="Centraal meldpunt waar signalen terechtkomen (Wmo-loket, wijkteam, "
       "signaleringsnetwerk)"),
    _t("vraagverheldering", "vraagverheldering", "intake", "typeren", "typering",
       description="Gesprek om de vraag en het profiel helder te krijgen"),
    _t("toeleiden", "toeleiden", "verwijzen", "toeleiding", "doorverwijzen",
       description="Verwijst of begeleidt naar passend aanbod"),
    _t("aanbieden", "aanbieden", "aanbod", "interveniëren", "intervenieren", "uitvoeren",
       description="Voert zelf interventies of activiteiten uit"),
    _t("monitoren", "monitoren/vangnet", "monitoren", "vangnet", "nazorg", "monitoring",
       "professioneel vangnet", description="Houdt contact, volgt en vangt op (nazorg, vangnet)"),
    _t("preventie", "preventie", "voorlichting", "bewustwording",
       description="Voorlichting en preventie"),
    _t("coordineren", "coördineren", "coordinatie", "regie", "coördinatie",
       description="Voert regie of coördineert de coalitie"),
])

#: The mandate with which a partner sits at the coalition table (003 L1199).
MANDATES = Vocabulary("mandate", "mandaat", [
    _t("bestuur", "bestuur", "directie", "bestuurlijk"),
    _t("beleid", "beleid", "beleidsmatig", "management"),
    _t("uitvoering", "uitvoering", "uitvoerend", "praktijk"),
])

# --- offers ---------------------------------------------------------------

#: Kinds of offer (003 L1340-1345 plus practical help, guidance, monitoring,
#: and training for professionals and volunteers, 003 L1020-1045). ``group``
#: marks kinds that happen in a group (rules for Achterblijvers and
#: Afhankelijken); ``for_residents=False`` marks kinds that help the people who
#: help, not lonely residents themselves: they serve no profile.
OFFER_KINDS = Vocabulary("kind", "soort aanbod", [
    _t("ontmoeting", "ontmoeting/groep", "ontmoeting", "groep", "groepsactiviteit",
       "ontmoeting en activiteiten", "activiteit", group=True, meeting=True,
       description="Ontmoeting en activiteiten in groepsverband"),
    _t("een_op_een", "één-op-één", "een-op-een", "1-op-1", "individueel", "maatje",
       "huisbezoek", group=False, description="Activiteit met een één-op-één-karakter"),
    _t("cursus", "cursus/gespreksgroep", "cursus", "therapie", "gespreksgroep", "training",
       "cursus/therapie", "lotgenotengroep", "lotgenotencontact", "groepstherapie",
       group=True, description="Cursus, gespreks- of lotgenotengroep, groepstherapie"),
    _t("praktische_hulp", "praktische hulp", "praktisch", "hulp bij administratie",
       group=False, description="Praktische hulp (administratie, wonen, vervoer, klussen)"),
    _t("begeleiding", "professionele begeleiding", "begeleiding", "individuele begeleiding",
       "casemanagement", group=False,
       description="Individuele begeleiding door een professional"),
    _t("monitoring", "monitoring", "monitoren", "vangnet", "monitorcontact", group=False,
       description="Volgen, monitorcontact of professioneel vangnet"),
    _t("telefonisch", "telefonisch contact", "telefooncirkel", "telefoon", "belcirkel",
       group=False, description="Telefooncirkel of vast telefonisch contact"),
    _t("informatie", "informatie/advies", "informatie", "advies", "voorlichting",
       group=False, description="Informatie, advies en voorlichting"),
    _t("deskundigheid", "training voor professionals of vrijwilligers",
       "deskundigheidsbevordering", "deskundigheid", "scholing", "training voor professionals",
       "training voor vrijwilligers", group=False, for_residents=False,
       description="Deskundigheidsbevordering: training of voorlichting voor wie eenzamen "
       "signaleert of helpt (003 L1020-1045); geen hulp aan inwoners zelf"),
])

#: Who delivers an offer. The typology's volunteer rules read ``volunteer``
#: and ``specialised``.
DELIVERY = Vocabulary("delivered_by", "uitgevoerd door", [
    _t("professional", "professional", "beroepskracht", "professioneel",
       volunteer=False, specialised=False, professional=True),
    _t("zelfstudie", "zelfstudie (zonder begeleiding)", "zelfstudie", "zelf", "thuiscursus",
       "zelfhulp", "online zelfhulp",
       description="Materiaal dat iemand zelf doorwerkt (thuiscursus, dvd, online cursus "
       "zonder begeleider)", volunteer=False, specialised=False, professional=False),
    _t("vrijwilliger", "vrijwilliger", "vrijwilligers", "volunteer",
       volunteer=True, specialised=False, professional=False),
    _t("gespecialiseerde_vrijwilliger", "gespecialiseerde vrijwilliger",
       "gespecialiseerde vrijwilligers",
       volunteer=True, specialised=True, professional=False),
    _t("professional_vrijwilliger", "professional + vrijwilliger", "combinatie",
       "professional en vrijwilliger", "beide",
       volunteer=True, specialised=False, professional=True),
    _t("professional_gespecialiseerde_vrijwilliger",
       "professional + gespecialiseerde vrijwilliger",
       "professional en gespecialiseerde vrijwilliger",
       volunteer=True, specialised=True, professional=True),
])

#: How long the support trajectory of an offer lasts (002 L748-784 give the
#: duration each row of the typology asks for: "relatief korte trajecten" for
#: dreigend and situationeel, "langdurige trajecten" for the structural rows).
#: The boundary is about half a year (a half-year trajectory is still "kort";
#: docs/referentiepalet.md). Empty on an offer: not a trajectory (a meeting
#: place or platform that runs continuously), or not known (no judgement).
DURATIONS = Vocabulary("duration", "duur", [
    _t("kort", "kort", "kortdurend", "relatief kort", "kort traject",
       description="Een afgebakend traject tot ongeveer een half jaar (weken tot enkele maanden)"),
    _t("lang", "lang", "langdurig", "langdurend", "lang traject",
       description="Een traject van meer dan ongeveer een half jaar (een jaar of langer)"),
])

#: How intensive the support is (002 L748-784: "intensieve trajecten" for
#: situationeel and structureel-complex, "niet intensief" for structureel;
#: 000 L1021-1029: a "relatief licht traject" for the threatened).
INTENSITIES = Vocabulary("intensity", "intensiteit", [
    _t("licht", "licht", "niet intensief", "laag", "extensief",
       description="Contact hooguit eens per week of minder, weinig uren"),
    _t("intensief", "intensief", "hoog", "zwaar",
       description="Vaker dan eens per week contact, of intensieve professionele begeleiding"),
])

#: Evidence (003 L1329-1338).
EVIDENCE = Vocabulary("evidence", "onderbouwing", [
    _t("onderbouwd", "onderbouwd", "bewezen", "effectief"),
    _t("kansrijk", "kansrijk", "veelbelovend"),
    _t("onbekend", "effect onbekend", "onbekend", "niet onderzocht", "?"),
])

# --- referrals ------------------------------------------------------------

REFERRAL_KINDS = Vocabulary("referral_kind", "soort route", [
    _t("verwijst", "verwijst", "verwijzen", "verwijzing", "doorverwijzen"),
    _t("meldt", "meldt", "melden", "melding", "signaal"),
    _t("werkt_samen", "werkt samen", "samenwerking", "samenwerken"),
])

AGREEMENTS = Vocabulary("agreement", "afspraak", [
    _t("geen", "geen", "nee", "none"),
    _t("informeel", "informeel", "mondeling"),
    _t("convenant", "convenant", "schriftelijk", "contract", "samenwerkingsovereenkomst"),
])

YES_NO = Vocabulary("yes_no", "ja/nee", [
    _t("ja", "ja", "j", "yes", "y", "true", "waar", "1", "x"),
    _t("nee", "nee", "n", "no", "false", "onwaar", "0"),
])

# --- the stappenplan (003 L358-1190) ---------------------------------------

STEP_STATUS = Vocabulary("step_status", "status stap", [
    _t("niet_gestart", "niet gestart", "nog niet", "open"),
    _t("bezig", "bezig", "loopt", "in uitvoering"),
    _t("afgerond", "afgerond", "klaar", "gereed"),
])

ACTION_STATUS = Vocabulary("action_status", "status actie", [
    _t("open", "open", "gepland", "nog niet gestart"),
    _t("bezig", "bezig", "loopt", "in uitvoering"),
    _t("afgerond", "afgerond", "klaar", "gereed"),
    _t("vervallen", "vervallen", "geschrapt", "gestopt"),
])

#: The six parts of a local approach (003 L909-1130).
ONDERDELEN = Vocabulary("onderdeel", "onderdeel", [
    _t("bewustwording", "bewustwording en agenderen", "bewustwording", "agenderen"),
    _t("herkennen", "herkennen en vinden", "herkennen", "vinden", "signaleren"),
    _t("ondersteunen", "ondersteunen en activeren", "ondersteunen", "activeren"),
    _t("vindbaarheid", "vindbaarheid van informatie", "vindbaarheid", "informatie"),
    _t("afstemmen", "afstemmen en samenwerken", "afstemmen", "samenwerken"),
    _t("kwaliteit", "kwaliteit en deskundigheid", "kwaliteit", "deskundigheid"),
])

APPROACH = Vocabulary("approach", "insteek", [
    _t("preventie", "preventie", "voorkomen"),
    _t("verminderen", "verminderen", "bestrijden", "reductie"),
    _t("beide", "preventie en verminderen", "beide", "allebei"),
])
