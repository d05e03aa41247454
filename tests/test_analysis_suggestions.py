"""Suggestions for gaps: palette items that fill missing types, plausible partners."""

from builders import TODAY, coalition, offer, partner, wijk

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
    gaps = {k for k, cell in cells.items() if cell.status != "covered"}
    assert set(found) == gaps
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
    assert s.partners[0].reasons[0] == "levert elders al: monitoren door professional"
    # the library neither offers anything nor takes the role aanbieden
    assert all(p.partner != "bib" for x in suggestions(_case(), today=TODAY) for p in x.partners)


def test_palette_items_for_group_excluded_profile_has_no_group_items():
    items = palette_items_for("achterblijvers", ("toeleiding_activiteiten",))
    assert all(i.kind not in ("ontmoeting", "cursus") for i in items)


def test_without_anyone_delivering_the_type_the_wijks_providers_are_named():
    c = coalition(partners=[partner("wc", "woningcorporatie", roles=("signaleren", "aanbieden")),
                            partner("wz", "welzijn", roles=("aanbieden",)),
                            partner("ha", "huisarts", roles=("signaleren",))])
    s = next(x for x in suggestions(c, today=TODAY) if x.profile == "buitenstaanders")
    # outreach partner first for a profile that needs outreach; no role, no mention
    assert [p.partner for p in s.partners] == ["wc", "wz"]
    assert s.partners[0].reasons == ("heeft de rol aanbieden in deze wijk",
                                     "outreachende partner: vindt deze groep")
