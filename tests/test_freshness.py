"""Offers not confirmed for over a year (issue 13: outdated sociale kaarten)."""

from __future__ import annotations

import datetime as dt

from coalition_map.freshness import CONFIRM_EVERY, is_unconfirmed, unconfirmed_offers
from coalition_map.model import Offer

TODAY = dt.date(2026, 12, 1)


def offer(id_, **kw):
    return Offer(id_, "P1", id_, "ontmoeting", "vrijwilliger", **kw)


def test_a_confirmation_holds_exactly_one_year():
    assert not is_unconfirmed(offer("A", confirmed_on=TODAY - CONFIRM_EVERY), TODAY)
    assert is_unconfirmed(offer("A", confirmed_on=TODAY - CONFIRM_EVERY - dt.timedelta(1)),
                          TODAY)
    assert is_unconfirmed(offer("A"), TODAY)                      # never confirmed


def test_offers_that_no_longer_run_are_not_asked_about():
    assert not is_unconfirmed(offer("A", active=False), TODAY)
    assert not is_unconfirmed(offer("A", end_date=TODAY - dt.timedelta(1)), TODAY)
    assert is_unconfirmed(offer("A", end_date=TODAY), TODAY)


def test_the_oldest_confirmation_comes_first_and_never_before_all():
    offers = [offer("B", confirmed_on=dt.date(2025, 1, 1)), offer("C"),
              offer("A", confirmed_on=dt.date(2024, 6, 1)),
              offer("D", confirmed_on=dt.date(2026, 6, 1))]
    assert [o.id for o in unconfirmed_offers(offers, TODAY)] == ["C", "A", "B"]


def test_the_professionals_kaart_names_offers_not_confirmed_for_a_year():
    from coalition_map.kaart.selection import kaart_entries
    from coalition_map.kaart.tables import kaart_rows
    from conftest import sample_data
    coalition, _plan = sample_data()
    first, second, *rest = coalition.offers
    coalition.offers = [
        Offer(**{**first.__dict__, "confirmed_on": TODAY - dt.timedelta(days=30)}),
        Offer(**{**second.__dict__, "confirmed_on": dt.date(2024, 1, 2)}), *rest]
    kaart = kaart_entries(coalition, audience="professionals", today=TODAY)
    marks = {e.offer_id: e.confirmed for e in kaart.entries}
    assert marks[first.id] == ""
    assert marks[second.id] == "laatst bevestigd op 02-01-2024 (meer dan een jaar geleden)"
    assert "Niet recent bevestigd" in kaart_rows(kaart)[0]
    residents = kaart_entries(coalition, audience="residents", today=TODAY)
    assert "confirmed" not in dict(residents.columns)
