"""Chain per wijk: routes from signal to help, who finds whom, vangnet, weak routes.

Each test names the seed lines of the rule it checks.
"""

from builders import TODAY, coalition, offer, partner, referral, wijk

from coalition_map.analysis import coverage_matrix
from coalition_map.analysis.wijkchain import chain_per_wijk
from coalition_map.typology import PROFILES

STRUCTURAL = ("compenseerders", "buitenstaanders", "hoopvollen", "overlevers")
LIGHT = ("actieven", "geborgenen", "achterblijvers", "afhankelijken")


def full_offer(id, pid, profile, **kw):
    return offer(id, pid, types=PROFILES[profile].core_types, **kw)


def kinds(cell):
    return [r.kind for r in cell.reasons]


def _offers_for_all(partner_id):
    return [full_offer(f"o_{p}", partner_id, p) for p in STRUCTURAL + LIGHT]


def _huisarts_thuiszorg_only(extra_partners=(), extra_referrals=()):
    return coalition(
        partners=[partner("ha", "huisarts", roles=("signaleren",)),
                  partner("tz", "thuiszorg", roles=("signaleren",)),
                  partner("ggz", "ggz", roles=("aanbieden", "monitoren")), *extra_partners],
        offers=_offers_for_all("ggz"),
        referrals=[referral("ha", "ggz"), referral("tz", "ggz"), *extra_referrals])


def test_outreach_is_a_matter_of_degree():
    """001 L7137-7142: structural profiles go "minder" to the huisarts and come "eerder"
    via huismeesters, buurtbemiddeling and volunteers: with only huisarts and thuiszorg
    signalling, Compenseerders and Buitenstaanders are found in part, not never.
    Hoopvollen and Overlevers visit the huisarts regularly (001 L2799-2802) and
    thuiszorg is in their homes (000 L776, L792, L934): those signallers count fully."""
    m = coverage_matrix(_huisarts_thuiszorg_only(), today=TODAY)
    for prof in ("compenseerders", "buitenstaanders"):
        cell = m["W1", prof]
        assert cell.state == "partial", prof
        assert cell.reach == "limited" and cell.reachable
        assert "limited_reach" in kinds(cell)
        assert any(t.startswith("beperkt bereik: alleen huisarts en thuiszorg")
                   for t in cell.reason_texts)
    for prof in ("hoopvollen", "overlevers"):
        assert m["W1", prof].reach == "full", prof
        assert m["W1", prof].state == "covered", (prof, m["W1", prof].reasons)
    for prof in LIGHT:
        assert m["W1", prof].reach == "full", prof
        assert m["W1", prof].route in (("ha", "ggz"), ("tz", "ggz"))


def test_outreach_signaller_with_a_route_finds_structural_profiles_fully():
    c = _huisarts_thuiszorg_only(
        extra_partners=[partner("wc", "woningcorporatie", roles=("signaleren",))],
        extra_referrals=[referral("wc", "ggz")])
    m = coverage_matrix(c, today=TODAY)
    for prof in STRUCTURAL:
        assert m["W1", prof].reach == "full", prof
        assert m["W1", prof].state == "covered", prof
    assert m["W1", "compenseerders"].route == ("wc", "ggz")


def test_outreach_signaller_without_a_route_leaves_limited_reach_naming_the_finders():
    c = _huisarts_thuiszorg_only(
        extra_partners=[partner("wa", "politie", roles=("signaleren",))])
    cell = coverage_matrix(c, today=TODAY)["W1", "compenseerders"]
    assert cell.reach == "limited"
    assert any("wie Compenseerders vooral vindt" in t for t in cell.reason_texts)


def test_no_route_at_all_is_unreachable():
    c = coalition(partners=[partner("wa", "politie", roles=("signaleren",)),
                            partner("p", "welzijn")],
                  offers=[full_offer("o", "p", "actieven")])
    cell = coverage_matrix(c, today=TODAY)["W1", "actieven"]
    assert cell.state == "unreachable" and kinds(cell) == ["no_route", "single_partner"]


def test_no_signaller_at_all():
    c = coalition(partners=[partner("p", roles=("aanbieden",))],
                  offers=[full_offer("o", "p", "actieven")])
    cell = coverage_matrix(c, today=TODAY)["W1", "actieven"]
    assert cell.state == "unreachable" and not cell.reachable
    assert "no_signaller" in kinds(cell)


def test_a_direct_referral_counts_even_where_a_meldpunt_exists():
    """000's cases refer huisarts -> welzijn directly (000 L221-225, L234-236)."""
    c = coalition(partners=[partner("ha", "huisarts", roles=("signaleren",)),
                            partner("wt", "wijkteam", roles=("meldpunt",)),
                            partner("wz", "welzijn", roles=("aanbieden",))],
                  offers=[full_offer("o", "wz", "actieven")],
                  referrals=[referral("ha", "wz")])
    cell = coverage_matrix(c, today=TODAY)["W1", "actieven"]
    assert cell.reachable and cell.route == ("ha", "wz")


def test_routes_longer_than_one_hop_are_found():
    """huisarts -> meldpunt -> wijkteam -> welzijn: three hops, two partners between."""
    c = coalition(partners=[partner("ha", "huisarts", roles=("signaleren",)),
                            partner("mp", "zorgnetwerk", roles=("meldpunt",)),
                            partner("wt", "wijkteam", roles=("toeleiden",)),
                            partner("wz", "welzijn", roles=("aanbieden",))],
                  offers=[full_offer("o", "wz", "actieven")],
                  referrals=[referral("ha", "mp"), referral("mp", "wt"), referral("wt", "wz")])
    cell = coverage_matrix(c, today=TODAY)["W1", "actieven"]
    assert cell.state == "covered"
    assert cell.route == ("ha", "mp", "wt", "wz")


def test_the_shortest_route_is_shown():
    c = coalition(partners=[partner("ha", "huisarts", roles=("signaleren",)),
                            partner("mp", "zorgnetwerk"), partner("wz", "welzijn")],
                  offers=[full_offer("o", "wz", "actieven")],
                  referrals=[referral("ha", "mp"), referral("mp", "wz"), referral("ha", "wz")])
    assert coverage_matrix(c, today=TODAY)["W1", "actieven"].route == ("ha", "wz")


def test_signaller_reaches_its_own_offer():
    c = coalition(partners=[partner("wz", "welzijn", roles=("signaleren",)),
                            partner("wt", "wijkteam", roles=("meldpunt",))],
                  offers=[full_offer("o", "wz", "actieven")])
    cell = coverage_matrix(c, today=TODAY)["W1", "actieven"]
    assert cell.reachable is True and cell.route == ("wz",)


def test_route_only_through_partners_working_in_the_wijk():
    c = coalition(wijken=[wijk("W1"), wijk("W2")],
                  partners=[partner("ha", "huisarts", roles=("signaleren",), wijken=("W1",)),
                            partner("mid", "welzijn", wijken=("W2",)),
                            partner("wz", "welzijn", wijken=("W1",))],
                  offers=[full_offer("o", "wz", "actieven", wijken=("W1",))],
                  referrals=[referral("ha", "mid"), referral("mid", "wz")])
    assert coverage_matrix(c, today=TODAY)["W1", "actieven"].reachable is False


def test_inactive_partner_neither_signals_nor_links():
    c = coalition(partners=[partner("wc", "woningcorporatie", roles=("signaleren",),
                                    active=False),
                            partner("sw", "schuldhulp")],
                  offers=[offer("o", "sw", types=("praktische_problemen", "monitoren"))],
                  referrals=[referral("wc", "sw")])
    cell = coverage_matrix(c, today=TODAY)["W1", "compenseerders"]
    assert cell.state == "unreachable"
    assert "no_signaller" in kinds(cell)


def _vangnet_case(extra_partners=(), extra_offers=()):
    partners = [partner("wc", "woningcorporatie", roles=("signaleren",)),
                partner("sw", "ggz"), *extra_partners]
    offers = [offer("o", "sw", types=("praktische_problemen", "specialistische_hulp",
                                      "emotionele_steun", "dagelijks_functioneren",
                                      "signaleringsnetwerk")), *extra_offers]
    return coverage_matrix(coalition(partners=partners, offers=offers,
                                     referrals=[referral("wc", "sw")]), today=TODAY)


def test_a_missing_vangnet_is_uncovered_not_unreachable():
    """000 L753-754, L971-973; 001 L2809-2810, L3120: Buitenstaanders, Hoopvollen and
    Overlevers need a professional vangnet; without one the cell is "niet gedekt"."""
    m = _vangnet_case()
    for prof in ("buitenstaanders", "hoopvollen", "overlevers"):
        cell = m["W1", prof]
        assert cell.state == "uncovered", prof
        assert cell.reach == "full", prof         # found, but no vangnet
        assert kinds(cell)[0] == "no_vangnet", prof
        assert cell.reason_texts[0].startswith("geen professioneel vangnet")
    assert "no_vangnet" not in kinds(m["W1", "compenseerders"])


def test_professional_monitoring_gives_the_vangnet():
    with_role = _vangnet_case(extra_partners=[partner("ggd", "ggd", roles=("monitoren",))])
    assert with_role["W1", "overlevers"].vangnet == ("ggd",)
    assert with_role["W1", "overlevers"].state != "uncovered"
    with_offer = _vangnet_case(extra_offers=[offer("m", "sw", kind="monitoring",
                                                   types=("monitoren",))])
    assert with_offer["W1", "hoopvollen"].vangnet == ("sw",)


def test_volunteers_are_no_vangnet():
    """000 L765-766: no volunteers for Buitenstaanders; only professional monitoring."""
    volunteer_offer = _vangnet_case(
        extra_partners=[partner("v", "vrijwilligers")],
        extra_offers=[offer("m", "v", kind="monitoring", delivered_by="vrijwilliger",
                            types=("monitoren",))])
    volunteer_role = _vangnet_case(
        extra_partners=[partner("v", "vrijwilligers", roles=("monitoren",))])
    for m in (volunteer_offer, volunteer_role):
        cell = m["W1", "buitenstaanders"]
        assert cell.vangnet == () and cell.state == "uncovered"


def test_weak_routes_are_reported_per_wijk():
    """001 L8164-8174: without agreement or follow-up, referred people get lost."""
    c = coalition(partners=[partner("ha", "huisarts", roles=("signaleren",)),
                            partner("wz", "welzijn"), partner("wt", "wijkteam"),
                            partner("gd", "ggd")],
                  offers=[full_offer("o", "wz", "actieven")],
                  referrals=[referral("ha", "wz", agreement="informeel"),
                             referral("ha", "wt", agreement="convenant", follow_up=True),
                             referral("wt", "wz", agreement="geen", follow_up=True),
                             referral("gd", "wt", "werkt_samen")])
    ch = chain_per_wijk(c, today=TODAY)["W1"]
    assert [(w.from_partner, w.to_partner) for w in ch.weak_routes] == [
        ("ha", "wz"), ("wt", "wz")]
    assert "niemand bewaakt de terugkoppeling" in ch.weak_routes[0].text
    assert "geen afspraak" in ch.weak_routes[1].text
    cell = coverage_matrix(c, today=TODAY)["W1", "actieven"]
    assert "weak_route" in kinds(cell)     # the cell's own route has a weak link
    assert "actieven" in ch.weak_routes[0].used_by


def test_chain_roles_per_wijk():
    c = coalition(wijken=[wijk("W1"), wijk("W2")],
                  partners=[partner("ha", "huisarts", roles=("signaleren",)),
                            partner("wt", "wijkteam", roles=("meldpunt", "toeleiden"),
                                    wijken=("W1",)),
                            partner("wz", "welzijn", roles=("vraagverheldering",),
                                    wijken=("W2",)),
                            partner("off", "welzijn", roles=("signaleren",), active=False)],
                  offers=[full_offer("o", "wz", "actieven", wijken=("W2",))])
    ch = chain_per_wijk(c, today=TODAY)
    assert ch["W1"].roles["signaleren"] == ("ha",)
    assert ch["W1"].roles["meldpunt"] == ("wt",)
    assert ch["W1"].roles["aanbieden"] == ()
    assert set(ch["W1"].missing_roles) == {"vraagverheldering", "aanbieden", "monitoren"}
    assert ch["W2"].roles["aanbieden"] == ("wz",)
    assert ch["W2"].roles["meldpunt"] == ()
    assert ch["W1"].outreach is False
    assert ch["W2"].profiles["actieven"]["reachable"] is False
