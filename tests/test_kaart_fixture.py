"""A small hand-built coalition for the sociale kaart and stappenplan tests.

Imported by the other ``test_kaart_*`` and ``test_stappenplan`` modules; the
test here checks the fixture itself holds the cases the tests rely on.
"""

from __future__ import annotations

import datetime as dt

from coalition_map.model import (Action, Coalition, CoalitionInfo, Offer, Partner, Plan,
                                 PlanStep, Wijk)

TODAY = dt.date(2026, 6, 1)

INJECTIONS = ("=HYPERLINK(\"http://evil.example\",\"klik\")", "+cmd|' /C calc'!A0", "-1+1",
              "@SUM(1+1)*cmd|' /C calc'!A0", "<script>alert(1)</script>",
              "<img src=x onerror=alert(1)>")


def make_coalition(*, injections: bool = False) -> Coalition:
    wijken = [Wijk("WK01", "Centrum", inhabitants=12000, pct_lonely=45.0),
              Wijk("WK02", "Noord", inhabitants=8000, pct_lonely=38.0),
              Wijk("WK03", "Zuid", inhabitants=5000)]
    partners = [
        Partner("P01", "Welzijn Voorbeeldstad", "welzijn", ("aanbieden", "coordineren"),
                ("alle",), contact_person="Loket welzijn", phone="010-1234567",
                email="info@welzijn.example", website="https://welzijn.example",
                address="Marktplein 1", postal_code="1234 AB", city="Voorbeeldstad"),
        Partner("P02", "Woonstichting Thuis", "woningcorporatie", ("signaleren", "aanbieden"),
                ("WK01",), phone="010-7654321", email="huurders@thuis.example"),
        Partner("P03", "Buurtvrijwilligers Noord", "vrijwilligers", ("aanbieden",),
                ("WK02",), phone="06-11112222"),
        Partner("P04", "GGZ Regio", "ggz", ("aanbieden", "toeleiden"), ("alle",),
                phone="010-9999999", email="aanmelden@ggz.example"),
        Partner("P05", "Opgeheven Stichting", "overig", ("aanbieden",), ("alle",),
                active=False),
    ]
    offers = [
        # group offer run by volunteers: fits Actieven; excluded for Achterblijvers
        Offer("A01", "P01", "Koffieochtend De Hoek", "ontmoeting", "vrijwilliger",
              "Wekelijkse inloop met koffie en een praatje.",
              ("toeleiding_activiteiten",), ("actieven", "achterblijvers"),
              ("65+",), ("WK01",), "kansrijk", entry_conditions="Gratis, zonder aanmelding",
              how_to_refer="Gewoon binnenlopen"),
        # one-to-one volunteer: Geborgenen, Afhankelijken; excluded for Buitenstaanders
        Offer("A02", "P01", "Maatjesproject", "een_op_een", "vrijwilliger",
              "Een vaste vrijwilliger komt wekelijks langs.",
              ("vrijwillige_inzet",), ("geborgenen", "afhankelijken", "buitenstaanders"),
              ("alleenstaanden",), ("alle",), "onderbouwd",
              how_to_refer="Bel het loket welzijn"),
        # practical help by professionals: Compenseerders, Buitenstaanders, Overlevers
        Offer("A03", "P02", "Huismeester helpt", "praktische_hulp", "professional",
              "Praktische hulp bij wonen en regelzaken.",
              ("praktische_problemen",), (), ("huurders",), ("WK01",), "onbekend"),
        # monitoring by professional, everywhere
        Offer("A04", "P04", "Vangnet GGZ", "monitoring", "professional",
              "Regelmatig contact en vangnet bij achteruitgang.",
              ("monitoren", "vangnet", "specialistische_hulp"), (), (), ("alle",),
              "kansrijk", entry_conditions="Met verwijzing van huisarts of wijkteam"),
        # specialised volunteer without professional: excluded for Hoopvollen/Overlevers
        Offer("A05", "P03", "Steunmaatje Noord", "een_op_een", "gespecialiseerde_vrijwilliger",
              "Getrainde vrijwilliger voor emotionele steun.",
              ("emotionele_steun", "gespecialiseerde_vrijwilliger"), ("hoopvollen",), (),
              ("WK02",), "onbekend"),
        # specialised volunteer next to a professional: fits Hoopvollen
        Offer("A06", "P04", "Duo-begeleiding", "begeleiding",
              "professional_gespecialiseerde_vrijwilliger",
              "Professional en getrainde vrijwilliger samen.",
              ("emotionele_steun", "dagelijks_functioneren", "individuele_begeleiding"),
              ("hoopvollen",), (), ("alle",), "kansrijk"),
        # telephone circle: Afhankelijken
        Offer("A07", "P01", "Belcirkel", "telefonisch", "vrijwilliger",
              "Elke ochtend een telefoontje.", ("telefooncirkel",), (), ("75+",),
              ("WK02",), "onbekend"),
        # group course: excluded for Achterblijvers
        Offer("A08", "P01", "Cursus Grip en Glans", "cursus", "professional",
              "Cursus om zelf weer contacten te leggen.",
              ("toeleiding_activiteiten", "individuele_begeleiding"), ("achterblijvers",),
              ("55+",), ("WK01", "WK02"), "onderbouwd"),
        # not running: inactive, ended, full, partner inactive
        Offer("X01", "P01", "Gestopte soos", "ontmoeting", "vrijwilliger",
              intervention_types=("toeleiding_activiteiten",), wijken=("WK01",), active=False),
        Offer("X02", "P02", "Afgelopen project", "een_op_een", "professional",
              intervention_types=("praktische_problemen",), wijken=("WK01",),
              end_date=dt.date(2025, 12, 31)),
        Offer("X03", "P01", "Volle groep", "ontmoeting", "professional",
              intervention_types=("toeleiding_activiteiten",), wijken=("alle",), capacity=0),
        Offer("X04", "P05", "Aanbod van opgeheven partner", "informatie", "professional",
              intervention_types=("preventie",), wijken=("alle",)),
    ]
    if injections:
        partners.append(Partner("P66", INJECTIONS[4], "overig", ("aanbieden",), ("alle",),
                                phone=INJECTIONS[1], email=INJECTIONS[3],
                                contact_person=INJECTIONS[0]))
        offers.append(Offer("Z01", "P66", INJECTIONS[0], "informatie", "professional",
                            INJECTIONS[4], ("preventie",), (), (INJECTIONS[2],), ("WK01",),
                            entry_conditions=INJECTIONS[5], how_to_refer=INJECTIONS[1]))
    return Coalition(CoalitionInfo("Coalitie Testdorp", "Testdorp", True), wijken, partners,
                     offers, [])


#: Running offers available in each wijk (by id), by hand from the list above.
RUNNING_IN = {
    "WK01": {"A01", "A02", "A03", "A04", "A06", "A08"},
    "WK02": {"A02", "A04", "A05", "A06", "A07", "A08"},
    "WK03": {"A02", "A04", "A06"},
}
NOT_RUNNING = {"X01", "X02", "X03", "X04"}
#: On the sociale kaart: the running offers plus X03, full (capacity 0), which
#: stays on the kaart marked "wachtlijst" (issue 9).
ON_KAART = {wijk: ids | {"X03"} for wijk, ids in RUNNING_IN.items()}
NOT_ON_KAART = {"X01", "X02", "X04"}


def make_plan() -> Plan:
    return Plan(
        steps=[PlanStep(1, "afgerond", (0, 1, 2, 3)), PlanStep(2, "afgerond", (0, 1)),
               PlanStep(3, "bezig", (0,)), PlanStep(4), PlanStep(5), PlanStep(6)],
        actions=[
            Action("ACT-001", "Signaleringstraining huismeesters", 5, "herkennen",
                   owner_partner="P02", deadline=dt.date(2026, 5, 1), status="open"),
            Action("ACT-002", "Aanbod voor Buitenstaanders in Zuid", 5, "ondersteunen",
                   "WK03", "buitenstaanders", "P01", dt.date(2026, 9, 1), "bezig"),
            Action("ACT-003", "Week tegen Eenzaamheid", 1, "bewustwording",
                   owner_partner="P01", deadline=dt.date(2025, 10, 1), status="afgerond"),
            Action("ACT-004", "Oud plan", 5, "ondersteunen", "WK02", "overlevers",
                   "P04", dt.date(2026, 1, 1), "vervallen"),
        ])


def test_fixture_running_offers_match_the_model():
    from coalition_map.availability import offers_available
    coalition = make_coalition()
    for wijk, expected in RUNNING_IN.items():
        assert {o.id for o in offers_available(coalition, wijk, TODAY)} == expected, wijk
        assert {o.id for o in offers_available(coalition, wijk, TODAY, include_full=True)
                } == ON_KAART[wijk], wijk
