"""Chain per wijk: routes from signal to help, outreach, meldpunt and vangnet."""

from builders import TODAY, all_types_offer, coalition, offer, partner, referral, wijk

from coalition_map.analysis import coverage_matrix
from coalition_map.analysis.chain import chain_per_wijk

STRUCTURAL = ("compenseerders", "buitenstaanders", "hoopvollen", "overlevers")
LIGHT = ("actieven", "geborgenen", "achterblijvers", "afhankelijken")


def _offers_for_all(partner_id):
    return [all_types_offer(f"o_{p}", partner_id, p) for p in STRUCTURAL + LIGHT]


def _huisarts_thuiszorg_only(extra_partners=(), extra_referrals=()):
    return coalition(
        partners=[partner("ha", "huisarts", roles=("signaleren",)),
                  partner("tz", "thuiszorg", roles=("signaleren",)),
                  partner("ggz", "ggz", roles=("aanbieden", "monitoren")), *extra_partners],
        offers=_offers_for_all("ggz"),
        referrals=[referral("ha", "ggz"), referral("tz", "ggz"), *extra_referrals])


def test_route_check_structural_profiles_not_reachable_through_huisarts_alone():
    m = coverage_matrix(_huisarts_thuiszorg_only(), today=TODAY)
    for prof in STRUCTURAL:
        cell = m["W1", prof]
        assert cell.status == "covered", prof      # offers exist ...
        assert cell.reachable is False, prof       # ... but nobody finds these people
        assert cell.state == "unreachable"
        assert "niet bereikbaar: alleen huisarts en thuiszorg signaleren hier; geen outreach" \
            in cell.reasons
    for prof in LIGHT:
        assert m["W1", prof].reachable is True, prof
        assert m["W1", prof].route in (("ha", "ggz"), ("tz", "ggz"))


def test_outreach_signaller_with_a_route_makes_structural_profiles_reachable():
    c = _huisarts_thuiszorg_only(
        extra_partners=[partner("wc", "woningcorporatie", roles=("signaleren",))],
        extra_referrals=[referral("wc", "ggz")])
    m = coverage_matrix(c, today=TODAY)
    for prof in STRUCTURAL:
        assert m["W1", prof].reachable is True, prof
        assert m["W1", prof].route == ("wc", "ggz")


def test_outreach_signaller_without_route_gives_no_route_reason():
    c = _huisarts_thuiszorg_only(
        extra_partners=[partner("wa", "politie", roles=("signaleren",))])
    cell = coverage_matrix(c, today=TODAY)["W1", "compenseerders"]
    assert cell.reachable is False
    assert "niet bereikbaar: geen verwijsroute van signaleerder naar aanbieder" in cell.reasons


def test_no_signaller_at_all():
    c = coalition(partners=[partner("p", roles=("aanbieden",))],
                  offers=[all_types_offer("o", "p", "actieven")])
    cell = coverage_matrix(c, today=TODAY)["W1", "actieven"]
    assert cell.status == "covered" and cell.reachable is False
    assert "niet bereikbaar: niemand signaleert in deze wijk" in cell.reasons


def test_route_goes_through_the_meldpunt_where_one_exists():
    base = dict(partners=[partner("ha", "huisarts", roles=("signaleren",)),
                          partner("wt", "wijkteam", roles=("meldpunt",)),
                          partner("wz", "welzijn", roles=("aanbieden",))],
                offers=[all_types_offer("o", "wz", "actieven")])
    # a direct route that bypasses the wijk's meldpunt does not count
    bypass = coalition(**base, referrals=[referral("ha", "wz")])
    cell = coverage_matrix(bypass, today=TODAY)["W1", "actieven"]
    assert cell.reachable is False
    assert "niet bereikbaar: signalen komen niet bij het meldpunt of de intake" in cell.reasons
    via = coalition(**base, referrals=[referral("ha", "wt"), referral("wt", "wz")])
    cell = coverage_matrix(via, today=TODAY)["W1", "actieven"]
    assert cell.reachable is True and cell.route == ("ha", "wt", "wz")


def test_without_meldpunt_a_direct_route_counts():
    c = coalition(partners=[partner("ha", "huisarts", roles=("signaleren",)),
                            partner("wz", "welzijn")],
                  offers=[all_types_offer("o", "wz", "actieven")],
                  referrals=[referral("ha", "wz")])
    assert coverage_matrix(c, today=TODAY)["W1", "actieven"].route == ("ha", "wz")


def test_signaller_reaches_its_own_offer():
    c = coalition(partners=[partner("wz", "welzijn", roles=("signaleren",)),
                            partner("wt", "wijkteam", roles=("meldpunt",))],
                  offers=[all_types_offer("o", "wz", "actieven")])
    cell = coverage_matrix(c, today=TODAY)["W1", "actieven"]
    assert cell.reachable is True and cell.route == ("wz",)


def test_route_only_through_partners_working_in_the_wijk():
    c = coalition(wijken=[wijk("W1"), wijk("W2")],
                  partners=[partner("ha", "huisarts", roles=("signaleren",), wijken=("W1",)),
                            partner("mid", "welzijn", wijken=("W2",)),
                            partner("wz", "welzijn", wijken=("W1",))],
                  offers=[all_types_offer("o", "wz", "actieven", wijken=("W1",))],
                  referrals=[referral("ha", "mid"), referral("mid", "wz")])
    assert coverage_matrix(c, today=TODAY)["W1", "actieven"].reachable is False


def test_inactive_partner_neither_signals_nor_links():
    c = coalition(partners=[partner("wc", "woningcorporatie", roles=("signaleren",),
                                    active=False),
                            partner("sw", "schuldhulp")],
                  offers=[offer("o", "sw", types=("praktische_problemen", "monitoren"))],
                  referrals=[referral("wc", "sw")])
    cell = coverage_matrix(c, today=TODAY)["W1", "compenseerders"]
    assert cell.status == "covered" and cell.reachable is False
    assert "niet bereikbaar: niemand signaleert in deze wijk" in cell.reasons


def test_vangnet_required_for_buitenstaanders_and_overlevers():
    partners = [partner("wc", "woningcorporatie", roles=("signaleren",)),
                partner("sw", "schuldhulp")]
    offers = [offer("o", "sw", types=("praktische_problemen", "specialistische_hulp",
                                      "emotionele_steun", "signaleringsnetwerk"))]
    c = coalition(partners=partners, offers=offers, referrals=[referral("wc", "sw")])
    m = coverage_matrix(c, today=TODAY)
    for prof in ("buitenstaanders", "overlevers"):
        assert m["W1", prof].reachable is False, prof
        assert "geen monitoring of vangnet in deze wijk" in m["W1", prof].reasons
    # Compenseerders and Hoopvollen do not need the vangnet
    assert m["W1", "hoopvollen"].reachable is True
    assert "geen monitoring of vangnet in deze wijk" not in m["W1", "compenseerders"].reasons

    # a partner with the monitoring role in the wijk provides it
    c2 = coalition(partners=partners + [partner("ggd", "ggd", roles=("monitoren",))],
                   offers=offers, referrals=[referral("wc", "sw")])
    m2 = coverage_matrix(c2, today=TODAY)
    assert m2["W1", "overlevers"].reachable is True
    assert m2["W1", "overlevers"].monitoring == ("ggd",)


def test_volunteer_monitoring_offer_is_no_vangnet_for_buitenstaanders():
    c = coalition(partners=[partner("wc", "woningcorporatie", roles=("signaleren",)),
                            partner("v", "vrijwilligers")],
                  offers=[offer("o", "wc", types=("praktische_problemen",)),
                          offer("m", "v", kind="monitoring", delivered_by="vrijwilliger")])
    cell = coverage_matrix(c, today=TODAY)["W1", "buitenstaanders"]
    assert cell.monitoring == ()
    assert "geen monitoring of vangnet in deze wijk" in cell.reasons


def test_chain_roles_per_wijk():
    c = coalition(wijken=[wijk("W1"), wijk("W2")],
                  partners=[partner("ha", "huisarts", roles=("signaleren",)),
                            partner("wt", "wijkteam", roles=("meldpunt", "toeleiden"),
                                    wijken=("W1",)),
                            partner("wz", "welzijn", roles=("vraagverheldering",),
                                    wijken=("W2",)),
                            partner("off", "welzijn", roles=("signaleren",), active=False)],
                  offers=[all_types_offer("o", "wz", "actieven", wijken=("W2",))])
    ch = chain_per_wijk(c, today=TODAY)
    assert ch["W1"].roles["signaleren"] == ("ha",)
    assert ch["W1"].roles["meldpunt"] == ("wt",)
    assert ch["W1"].roles["aanbieden"] == ()
    assert set(ch["W1"].missing_roles) == {"vraagverheldering", "aanbieden", "monitoren"}
    assert ch["W2"].roles["aanbieden"] == ("wz",)
    assert ch["W2"].roles["meldpunt"] == ()
    assert ch["W1"].outreach is False
    assert ch["W2"].profiles["actieven"]["reachable"] is False
