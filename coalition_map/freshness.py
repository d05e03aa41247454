"""Is an entry still right? Offers the partner has not confirmed for over a year.

Outdated entries are the main complaint about sociale kaarten: a referrer
calls a number that no longer exists, or sends someone to a group that
stopped. So each partner stamps its offers "nog steeds juist"
(``Offer.confirmed_on``), and the kaart and the Overzicht name the offers
not confirmed for more than :data:`CONFIRM_EVERY` (or never).

>>> import datetime as dt
>>> from coalition_map.model import Offer
>>> today = dt.date(2026, 12, 1)
>>> fresh = Offer("A1", "P1", "Koffie", "ontmoeting", "vrijwilliger",
...               confirmed_on=dt.date(2026, 3, 1))
>>> old = Offer("A2", "P1", "Maatje", "maatje", "vrijwilliger",
...             confirmed_on=dt.date(2025, 11, 30))
>>> never = Offer("A3", "P1", "Bieb", "informatie", "professional")
>>> [o.id for o in unconfirmed_offers([fresh, old, never], today)]
['A3', 'A2']
>>> confirmation_text(old, today)
'laatst bevestigd op 30-11-2025 (meer dan een jaar geleden)'
>>> confirmation_text(never, today)
'nooit bevestigd'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

#: how long a confirmation holds
CONFIRM_EVERY = dt.timedelta(days=365)


def is_unconfirmed(offer, today: dt.date | None = None) -> bool:
    """Never confirmed, or confirmed more than :data:`CONFIRM_EVERY` ago.

    Only offers that still run are asked about: an inactive or ended offer is
    not on the kaart anyway.
    """
    today = today or dt.date.today()
    if not offer.active or (offer.end_date is not None and offer.end_date < today):
        return False
    return offer.confirmed_on is None or today - offer.confirmed_on > CONFIRM_EVERY


def unconfirmed_offers(offers: Iterable, today: dt.date | None = None) -> list:
    """The running offers that need a new confirmation, oldest confirmation first."""
    today = today or dt.date.today()
    found = [o for o in offers if is_unconfirmed(o, today)]
    return sorted(found, key=lambda o: (o.confirmed_on or dt.date.min, o.id))


def confirmation_text(offer, today: dt.date | None = None) -> str:
    """Dutch: when the offer was last confirmed, and whether that is too long ago."""
    today = today or dt.date.today()
    if offer.confirmed_on is None:
        return "nooit bevestigd"
    text = f"laatst bevestigd op {offer.confirmed_on:%d-%m-%Y}"
    if today - offer.confirmed_on > CONFIRM_EVERY:
        text += " (meer dan een jaar geleden)"
    return text
