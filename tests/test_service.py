"""The service layer: every write passes authorize, carries a version, gets proposed ids."""

from __future__ import annotations

import pytest
from app_helpers import by_key, db, run_app  # noqa: F401 (db is a fixture)

from coalition_map import service as service_module
from coalition_map.errors import NotAllowed, ServiceError
from coalition_map.model import Offer, Wijk
from coalition_map.service import Service, StaleRecordError
from coalition_map.ui.state import AUTHOR_KEY


def test_every_write_asks_authorize_first_and_a_refusal_writes_nothing(db, monkeypatch):
    svc = Service(db)
    coalition = db.load_coalition()
    asked = []

    def refuse(actor, action, record=None, **_context):
        asked.append(action)
        raise NotAllowed("Dit mag u niet.")

    monkeypatch.setattr("coalition_map.service.core.authorize", refuse)
    version = db.data_version()
    partner, pv = db.get("partners", coalition.partners[0].id)
    preview = svc.preview_import(coalition, db.load_plan())
    writes = [
        lambda: svc.save("wijken", Wijk("WK77", "Nieuw"), actor="A", expected_version=0),
        lambda: svc.deactivate("partners", partner.id, actor="A", expected_version=pv),
        lambda: svc.delete("wijken", coalition.wijken[0].code, actor="A", expected_version=1),
        lambda: svc.apply_import(coalition, db.load_plan(), actor="A", based_on=preview),
        lambda: svc.undo(1, actor="A"),
        lambda: svc.undo_changeset(1, actor="A"),
        lambda: svc.create_action_for_gap(coalition, coalition.wijken[0].code,
                                          "overlevers", actor="A"),
        lambda: svc.record_decision(db.load_plan().decisions[0], actor="A",
                                    expected_version=1),
        lambda: svc.save_planned_offers([coalition.offers[0]], actor="A"),
    ]
    for write in writes:
        with pytest.raises(NotAllowed, match="Dit mag u niet"):
            write()
    assert len(asked) == len(writes)
    assert set(asked) <= service_module.ACTIONS
    assert db.data_version() == version


def test_no_write_without_the_version_the_form_started_from(db):
    svc = Service(db)
    wijk, _v = db.get("wijken", db.load_coalition().wijken[0].code)
    for missing in (None, -1, True, "1"):
        with pytest.raises(ServiceError, match="niet bekend van welke versie"):
            svc.save("wijken", wijk, actor="Anna", expected_version=missing)
        with pytest.raises(ServiceError, match="niet bekend van welke versie"):
            svc.delete("wijken", wijk.code, actor="Anna", expected_version=missing)


def test_a_conflict_is_a_service_error_with_its_own_type(db):
    svc = Service(db)
    wijk, version = db.get("wijken", db.load_coalition().wijken[0].code)
    svc.save("wijken", wijk, actor="Anna", expected_version=version)
    with pytest.raises(StaleRecordError) as refused:
        svc.save("wijken", wijk, actor="Bob", expected_version=version - 1)
    assert isinstance(refused.value, ServiceError) and "intussen" in str(refused.value)


def test_planned_offers_get_the_next_ids_of_the_stored_offers(db):
    svc = Service(db)
    coalition = db.load_coalition()
    ids = sorted(o.id for o in coalition.offers)
    last = max(int(i[1:]) for i in ids if i[0] == "A" and i[1:].isdigit())
    planned = [Offer("GEPLAND-1", coalition.partners[0].id, "Gepland een", "ontmoeting",
                     "vrijwilliger", intervention_types=("preventie",)),
               Offer("GEPLAND-2", coalition.partners[0].id, "Gepland twee", "ontmoeting",
                     "vrijwilliger", intervention_types=("preventie",))]
    saved = svc.save_planned_offers(planned, actor="Anna")
    assert [o.id for o in saved] == [f"A{last + 1:03d}", f"A{last + 2:03d}"]
    assert db.get("offers", saved[1].id)[0].name == "Gepland twee"
    assert svc.propose_id("offers") == f"A{last + 3:03d}"


def test_planned_offers_stop_at_a_refusal_and_say_what_was_saved(db):
    svc = Service(db)
    coalition = db.load_coalition()
    good = Offer("G1", coalition.partners[0].id, "Goed", "ontmoeting", "vrijwilliger",
                 intervention_types=("preventie",))
    bad = Offer("G2", "GEEN-PARTNER", "Fout", "ontmoeting", "vrijwilliger",
                intervention_types=("preventie",))
    with pytest.raises(ServiceError) as refused:
        svc.save_planned_offers([good, bad, good], actor="Anna")
    assert [o.name for o in refused.value.saved] == ["Goed"]


def test_new_partner_form_proposes_the_next_id(db):
    coalition = db.load_coalition()
    numbers = [int(p.id[1:]) for p in coalition.partners if p.id[1:].isdigit()]
    at = run_app("pages/partners_aanbod.py", session={AUTHOR_KEY: "Anna"})
    field = by_key(at.text_input, "pa_partners_form_nieuw_id")
    assert field.value == f"P{max(numbers) + 1:02d}"
