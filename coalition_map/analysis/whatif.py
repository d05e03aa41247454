"""What if a partner leaves, an offer stops, or a planned offer starts?

:func:`what_if` compares the coverage matrix before and after the change and
returns only the cells whose state changes.

>>> from coalition_map.model import Coalition, Wijk, Partner, Offer
>>> c = Coalition(wijken=[Wijk("W", "Noord")],
...     partners=[Partner("wc", "Woonstad", "woningcorporatie", roles=("signaleren",)),
...               Partner("sw", "Schuldhulp", "schuldhulp")],
...     offers=[Offer("o", "wc", "Huismeester", "praktische_hulp", "professional",
...                   intervention_types=("praktische_problemen",))])
>>> plan = Offer("n", "sw", "Monitorcontact", "monitoring", "professional",
...              intervention_types=("monitoren",))
>>> for ch in what_if(c, add_offers=[plan]):
...     print(ch.profile, ch.before_state, "->", ch.after_state)
compenseerders partial -> covered
buitenstaanders uncovered -> covered
hoopvollen uncovered -> partial
overlevers uncovered -> partial
>>> sorted((ch.profile, ch.after_state) for ch in what_if(c, remove_partners=["wc"]))[:3]
[('achterblijvers', 'uncovered'), ('actieven', 'uncovered'), ('afhankelijken', 'uncovered')]
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from collections.abc import Iterable

from ..model import Coalition, Offer
from .coverage import coverage_matrix
from .fragility import CellChange, _changed, _cell_order, without_partners


def apply_change(coalition: Coalition, remove_partners: Iterable[str] = (),
                 remove_offers: Iterable[str] = (), add_offers: Iterable[Offer] = ()) -> Coalition:
    """The coalition after the change (the input is not modified)."""
    changed = without_partners(coalition, remove_partners)
    gone = set(remove_offers)
    added = list(add_offers)
    added_ids = {o.id for o in added}
    offers = [o for o in changed.offers if o.id not in gone and o.id not in added_ids]
    return replace(changed, offers=offers + added)


def what_if(coalition: Coalition, remove_partners: Iterable[str] = (),
            remove_offers: Iterable[str] = (), add_offers: Iterable[Offer] = (), *,
            today: dt.date | None = None, before: dict | None = None) -> list[CellChange]:
    """Cells whose status or reachability changes, in wijk and typology order.

    Removing a partner removes its offers and its referral routes. An added
    offer with the id of an existing one replaces it. ``before`` may pass an
    already computed matrix of the unchanged coalition.
    """
    before = before if before is not None else coverage_matrix(coalition, today=today)
    after = coverage_matrix(apply_change(coalition, remove_partners, remove_offers, add_offers),
                            today=today)
    return [CellChange.between(before[k], after[k]) for k in sorted(before, key=_cell_order)
            if k in after and _changed(before[k], after[k])]

