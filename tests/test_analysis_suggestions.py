"""Suggestions for gaps: palette items that fill missing types, plausible partners."""

from builders import TODAY, coalition, offer, partner, referral, wijk

from coalition_map.analysis import coverage_matrix
from coalition_map.analysis.suggestions import palette_items_for, suggestions
from coalition_map.palette import load_palette
from coalition_map.typology import rules_excluding


def _case():
    return coalition(
        wijken=[wijk("W1"), wijk("W2")],
        partners=[partner("ggz", "ggz", roles=("aanbieden",)),
                  partner("wc", "woningcorporatie", roles=("signaleren", "aanbieden")),
                  partner("bib", "bibliotheek")],          # no offers, no aanbieden role
        offers=[offer("m", "ggz", kind="monitoring", types=("monitoren",), wijken=("W2",)),
                offer("p", "wc", kind="praktische_hulp", types=("praktische_problemen",),
                      wijken=("W1",))])


def test_one_suggestion_per_gap_and_none_for_covered_cells():
    c = _case()
    cells = coverage_matrix(c, today=TODAY)
    found = {(s.wijk, s.profile): s for s in suggestions(c, cells=cells, today=TODAY)}
    gaps = {k for k, cell in cells.items() if cell.state != "covered" and cell.missing_types}
    fragile = {k for k, cell in cells.items() if cell.served and len(cell.partners) == 1
               and not cell.missing_types}
    assert set(found) == gaps | fragile
    assert {k for k, s in found.items() if s.kind == "fragile"} == fragile
    assert found["W1", "compenseerders"].missing_types == ("monitoren",)


def test_items_fill_missing_types_and_respect_the_rules():
    s = next(x for x in suggestions(_case(), today=TODAY)
             if (x.wijk, x.profile) == ("W1", "compenseerders"))
    assert s.items, "the palette has monitoring interventions"
    palette = {i.id: i for i in load_palette()}
    for item in s.items:
        assert item.fills == ("monitoren",)
        assert not rules_excluding(palette[item.id], "compenseerders")   # no volunteers
    ranks = {"onderbouwd": 0, "kansrijk": 1, "onbekend": 2}
    assert [ranks[i.evidence] for i in s.items] == sorted(ranks[i.evidence] for i in s.items)


def test_plausible_partners_deliver_the_missing_type_elsewhere():
    s = next(x for x in suggestions(_case(), today=TODAY)
             if (x.wijk, x.profile) == ("W1", "compenseerders"))
    assert [p.partner for p in s.partners] == ["ggz"]
    assert s.partners[0].reasons[0] == ("levert elders al voor dit profiel: monitoren door "
                                        "professional")
    # the library neither offers anything nor takes the role aanbieden
    assert all(p.partner != "bib" for x in suggestions(_case(), today=TODAY) for p in x.partners)


def test_palette_items_obey_the_rules():
    """001 L2392-2394: no group offer for Afhankelijken; 001 L2392-2396: no course for
    Achterblijvers; 000 L669, L765: no volunteers for Compenseerders/Buitenstaanders."""
    for item in palette_items_for("afhankelijken", ("praktische_problemen", "belemmeringen",
                                                    "individuele_begeleiding")):
        assert item.kind not in ("ontmoeting", "cursus")
    for item in palette_items_for("achterblijvers", ("rouwverwerking", "emotionele_steun")):
        assert item.kind != "cursus"
    palette = {i.id: i for i in load_palette()}
    for prof in ("compenseerders", "buitenstaanders"):
        for item in palette_items_for(prof, ("praktische_problemen", "monitoren")):
            assert not palette[item.id].delivered_by.startswith(("vrijwilliger",
                                                                "gespecialiseerde"))
            assert "vrijwilliger" not in item.delivered_by


def test_without_anyone_delivering_the_type_the_wijks_providers_are_named():
    c = coalition(partners=[partner("wc", "woningcorporatie", roles=("signaleren", "aanbieden")),
                            partner("wz", "welzijn", roles=("aanbieden",)),
                            partner("ha", "huisarts", roles=("signaleren",))])
    s = next(x for x in suggestions(c, today=TODAY) if x.profile == "achterblijvers")
    # the wijk's providers, those that find the profile first; no role, no mention
    assert [p.partner for p in s.partners] == ["wc", "wz"]
    assert s.partners[0].reasons == ("heeft de rol aanbieden in deze wijk",)


def test_no_volunteer_organisation_is_suggested_for_compenseerders():
    """Issue 9: the Vrijwilligerscentrale was the top suggestion for De Akkers ×
    Compenseerders; volunteers are impossible there (000 L669-670)."""
    c = coalition(partners=[partner("vc", "vrijwilligers", roles=("aanbieden",),
                                    name="Vrijwilligerscentrale"),
                            partner("wz", "welzijn", roles=("aanbieden",))],
                  offers=[offer("m", "vc", delivered_by="vrijwilliger",
                                types=("praktische_problemen",))])
    for prof in ("compenseerders", "buitenstaanders", "hoopvollen", "overlevers"):
        s = next(x for x in suggestions(c, today=TODAY) if x.profile == prof)
        assert "vc" not in [p.partner for p in s.partners], prof
    s = next(x for x in suggestions(c, today=TODAY) if x.profile == "afhankelijken")
    assert "vc" in [p.partner for p in s.partners]     # volunteers are fine there


def test_a_fragile_cell_never_suggests_the_partner_it_hangs_on():
    c = coalition(partners=[partner("ha", "huisarts", roles=("signaleren",)),
                            partner("wz", "welzijn", roles=("aanbieden",)),
                            partner("wt", "wijkteam", roles=("aanbieden",))],
                  offers=[offer("o", "wz", types=("preventie", "belemmeringen",
                                                  "toeleiding_activiteiten",
                                                  "vrijwillige_inzet")),
                          offer("x", "wt", types=("preventie",), wijken=("W9",))],
                  referrals=[referral("ha", "wz")])
    cells = coverage_matrix(c, today=TODAY)
    s = next(x for x in suggestions(c, cells=cells, today=TODAY) if x.profile == "actieven")
    assert s.kind == "fragile"
    assert "wz" not in [p.partner for p in s.partners]
    assert "wt" in [p.partner for p in s.partners]
