"""Coverage matrix: one test per rule and per reason, on hand-built coalitions."""

import datetime as dt

from builders import TODAY, all_types_offer, coalition, offer, partner, wijk

from coalition_map.analysis import conflicts, coverage_matrix
from coalition_map.typology import PROFILES


def matrix(c):
    return coverage_matrix(c, today=TODAY)


def test_every_wijk_times_profile_has_a_cell():
    c = coalition(wijken=[wijk("W1"), wijk("W2")])
    m = matrix(c)
    assert set(m) == {(w, p) for w in ("W1", "W2") for p in PROFILES}


def test_reason_geen_aanbod():
    cell = matrix(coalition(partners=[partner("p")]))["W1", "actieven"]
    assert cell.status == "uncovered"
    assert cell.reasons == ("geen aanbod",)
    assert cell.offers == () and cell.partners == ()


def test_rule_group_offer_not_for_achterblijvers_and_afhankelijken():
    c = coalition(partners=[partner("p")],
                  offers=[offer("g", "p", kind="ontmoeting",
                                types=("toeleiding_activiteiten", "vrijwillige_inzet",
                                       "telefooncirkel"))])
    m = matrix(c)
    for prof, name in (("achterblijvers", "Achterblijvers"), ("afhankelijken", "Afhankelijken")):
        cell = m["W1", prof]
        assert cell.status == "uncovered"
        assert f"alleen groepsaanbod; past niet bij {name}" in cell.reasons
        assert cell.excluded_offers == (("g", ("geen_groep",)),)
    assert m["W1", "actieven"].offers == ("g",)


def test_rule_no_volunteers_for_compenseerders_and_buitenstaanders():
    c = coalition(partners=[partner("p", "vrijwilligers")],
                  offers=[offer("v", "p", kind="praktische_hulp", delivered_by="vrijwilliger",
                                types=("praktische_problemen", "monitoren"))])
    m = matrix(c)
    for prof, name in (("compenseerders", "Compenseerders"),
                       ("buitenstaanders", "Buitenstaanders")):
        assert m["W1", prof].status == "uncovered"
        assert f"alleen vrijwilligers; niet mogelijk bij {name}" in m["W1", prof].reasons


def test_rule_hoopvollen_overlevers_only_specialised_volunteer_beside_professional():
    def cell(delivered_by):
        c = coalition(partners=[partner("p", "ggz")],
                      offers=[offer("o", "p", delivered_by=delivered_by,
                                    types=("emotionele_steun",))])
        return matrix(c)["W1", "hoopvollen"]

    assert cell("professional").offers == ("o",)
    assert cell("professional_gespecialiseerde_vrijwilliger").offers == ("o",)
    for excluded in ("vrijwilliger", "gespecialiseerde_vrijwilliger", "professional_vrijwilliger"):
        c = cell(excluded)
        assert c.status == "uncovered", excluded
        assert "alleen vrijwilligers zonder professional; niet mogelijk bij Hoopvollen" in c.reasons


def test_reason_inactive_or_without_capacity():
    variants = [dict(active=False), dict(capacity=0), dict(end_date=TODAY - dt.timedelta(days=1))]
    for kw in variants:
        c = coalition(partners=[partner("p")],
                      offers=[offer("o", "p", types=("telefooncirkel",), **kw)])
        cell = matrix(c)["W1", "afhankelijken"]
        assert cell.status == "uncovered", kw
        assert cell.reasons == ("aanbod inactief of zonder capaciteit",), kw
        assert cell.inactive_offers == ("o",)
    # an end date in the future still counts
    c = coalition(partners=[partner("p")],
                  offers=[offer("o", "p", types=("telefooncirkel",),
                                end_date=TODAY + dt.timedelta(days=1))])
    assert matrix(c)["W1", "afhankelijken"].offers == ("o",)


def test_inactive_partner_offers_do_not_count():
    c = coalition(partners=[partner("p", active=False)],
                  offers=[offer("o", "p", types=("telefooncirkel",))])
    cell = matrix(c)["W1", "afhankelijken"]
    assert cell.status == "uncovered"
    assert cell.reasons == ("aanbod inactief of zonder capaciteit",)


def test_offer_counts_only_where_available():
    c = coalition(wijken=[wijk("W1"), wijk("W2")], partners=[partner("p")],
                  offers=[offer("o", "p", types=("telefooncirkel",), wijken=("W2",))])
    m = matrix(c)
    assert m["W1", "afhankelijken"].reasons == ("geen aanbod",)
    assert m["W2", "afhankelijken"].offers == ("o",)


def test_municipality_wide_offer_counts_in_every_wijk_of_its_municipality_only():
    c = coalition(wijken=[wijk("A1", municipality="A"), wijk("A2", municipality="A"),
                          wijk("B1", municipality="B")],
                  partners=[partner("p", municipality="A")],
                  offers=[offer("o", "p", types=("telefooncirkel",))])
    m = matrix(c)
    assert m["A1", "afhankelijken"].offers == ("o",)
    assert m["A2", "afhankelijken"].offers == ("o",)
    assert m["B1", "afhankelijken"].offers == ()


def test_serves_explicitly_or_through_fitting_types():
    c = coalition(partners=[partner("p")],
                  offers=[offer("explicit", "p", profiles=("geborgenen",)),
                          offer("bytype", "p", types=("telefooncirkel",)),
                          offer("neither", "p", types=("vangnet",))])
    m = matrix(c)
    assert m["W1", "geborgenen"].offers == ("explicit",)
    assert m["W1", "afhankelijken"].offers == ("bytype",)
    assert "neither" not in m["W1", "geborgenen"].offers + m["W1", "afhankelijken"].offers
    # explicit claim without a fitting type: counts, but every fitting type is missing
    assert m["W1", "geborgenen"].status == "partial"
    assert m["W1", "geborgenen"].missing_types == PROFILES["geborgenen"].fitting_types


def test_partial_lists_missing_types_in_dutch():
    c = coalition(partners=[partner("p")],
                  offers=[offer("o", "p", types=("praktische_problemen",))])
    cell = matrix(c)["W1", "compenseerders"]
    assert cell.status == "partial"
    assert cell.missing_types == ("monitoren",)
    assert cell.present_types == ("praktische_problemen",)
    assert "ontbrekende interventietypen: monitoren door professional" in cell.reasons


def test_covered_when_all_fitting_types_present():
    c = coalition(partners=[partner("p")],
                  offers=[offer("a", "p", types=("praktische_problemen",)),
                          offer("b", "p", kind="monitoring", types=("monitoren",))])
    cell = matrix(c)["W1", "compenseerders"]
    assert cell.status == "covered" and cell.missing_types == ()
    assert cell.offers == ("a", "b") and cell.partners == ("p",)


def test_reason_hangs_on_one_partner_and_distinct_partners():
    c = coalition(partners=[partner("p", name="Welzijn Noord"), partner("q")],
                  offers=[all_types_offer("a", "p", "actieven"),
                          all_types_offer("b", "p", "geborgenen")])
    m = matrix(c)
    assert m["W1", "actieven"].partners == ("p",)
    assert "hangt op één partner: Welzijn Noord" in m["W1", "actieven"].reasons
    c2 = coalition(partners=[partner("p"), partner("q")],
                   offers=[all_types_offer("a", "p", "actieven"),
                           all_types_offer("b", "q", "actieven")])
    cell = matrix(c2)["W1", "actieven"]
    assert cell.partners == ("p", "q")
    assert not any(r.startswith("hangt op één partner") for r in cell.reasons)


def test_conflict_volunteer_maatjesproject_claiming_buitenstaanders():
    c = coalition(partners=[partner("h", "vrijwilligers")],
                  offers=[offer("m", "h", name="Maatjesproject", delivered_by="vrijwilliger",
                                types=("vrijwillige_inzet",),
                                profiles=("buitenstaanders", "actieven"))])
    found = conflicts(c, today=TODAY)
    assert [(x.offer, x.profile, x.rule) for x in found] == [
        ("m", "buitenstaanders", "geen_vrijwilligers")]
    assert "Buitenstaanders" in found[0].message
    cell = matrix(c)["W1", "buitenstaanders"]
    # not silently counted, not silently dropped: listed as excluded with its rule
    assert cell.offers == ()
    assert cell.excluded_offers == (("m", ("geen_vrijwilligers",)),)
    assert "alleen vrijwilligers; niet mogelijk bij Buitenstaanders" in cell.reasons
    assert matrix(c)["W1", "actieven"].offers == ("m",)


def test_type_inferred_claims_are_not_conflicts():
    c = coalition(partners=[partner("p")],
                  offers=[offer("g", "p", kind="ontmoeting", types=("toeleiding_activiteiten",))])
    assert conflicts(c, today=TODAY) == []


def test_both_rule_and_inactive_reasons_are_given():
    c = coalition(partners=[partner("p")],
                  offers=[offer("g", "p", kind="ontmoeting", types=("telefooncirkel",)),
                          offer("x", "p", types=("telefooncirkel",), active=False)])
    cell = matrix(c)["W1", "afhankelijken"]
    assert cell.reasons == ("alleen groepsaanbod; past niet bij Afhankelijken",
                            "aanbod inactief of zonder capaciteit")
