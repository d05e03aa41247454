"""Peilmomenten: snapshot and compare (a closed gap, a new partner, a lost route), and a
snapshot that stays readable after later imports, other columns and migrations."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from sqlalchemy import select, update

from builders import TODAY, coalition, partner, referral, wijk
from coalition_map.store import snapshots as snaps
from coalition_map import model, peilmomenten as pm
from coalition_map.analysis import analyze
from coalition_map.loading import load_folder
from coalition_map.paths import bundled_data_dir
from coalition_map.reasons import REASON_KINDS
from coalition_map.states import GAP_STATES
from coalition_map.store import StoreError
from coalition_map.store.snapshots import list_snapshots, load_snapshot, update_snapshot
from coalition_map.store.tables import snapshots
from store_helpers import import_all

FROZEN = Path(__file__).parent / "data" / "peilmoment-v1.json"


@pytest.fixture(scope="module")
def example():
    result = load_folder(bundled_data_dir())
    assert result.ok
    return result.coalition, result.plan


def _without_offers(c: model.Coalition, ids) -> model.Coalition:
    return dataclasses.replace(c, offers=[o for o in c.offers if o.id not in set(ids)])


def _covered_cell(c):
    a = analyze(c, today=TODAY)
    return next(cell for cell in a.cells.values() if cell.state == "covered")


def test_a_gap_that_closed_is_listed_with_the_reasons_it_had(example):
    after, plan = example
    cell = _covered_cell(after)
    before = _without_offers(after, cell.offers)
    b = pm.read(pm.build(before, plan, name="Nulmeting", today=TODAY))
    a = pm.read(pm.build(after, plan, name="Nu", today=TODAY))
    assert b.state_of(cell.wijk, cell.profile) in GAP_STATES   # the premise
    diff = pm.compare(b, a)
    closed = [(c.wijk, c.profile) for c in diff.closed]
    assert (cell.wijk, cell.profile) in closed
    change = next(c for c in diff.closed if (c.wijk, c.profile) == (cell.wijk, cell.profile))
    assert change.before == b.state_of(cell.wijk, cell.profile) and change.after == "covered"
    assert change.reasons, "a closed gap says why it was a gap"
    assert all(r["kind"] in REASON_KINDS and r["text"] for r in change.reasons)
    # the reasons are those the analysis gave the cell then (one definition, not a copy)
    then = analyze(before, today=TODAY).cells[cell.wijk, cell.profile]
    assert {r["kind"] for r in change.reasons} <= {r.kind for r in then.reasons}
    # the offers that came back are "added"; the other way round the gap opened
    assert set(cell.offers) <= {o.id for o in diff.offers_added}
    back = pm.compare(a, b)
    assert (cell.wijk, cell.profile) in [(c.wijk, c.profile) for c in back.opened]
    assert set(cell.offers) <= {o.id for o in back.offers_ended}
    assert "gat gesloten" in pm.format_table(diff)


def test_a_new_partner_and_a_lost_route_per_wijk():
    base = coalition(wijken=[wijk("W1"), wijk("W2")], partners=[
        partner("ha", "huisarts", roles=("signaleren",), wijken=("W1",)),
        partner("wt", "wijkteam", roles=("signaleren", "toeleiden"), wijken=("W1", "W2")),
        partner("mp", "meldpunt", roles=("toeleiden",))],
        referrals=[referral("ha", "wt"), referral("wt", "mp")])
    later = dataclasses.replace(
        base, partners=[*base.partners, partner("bib", "bibliotheek", roles=("aanbieden",),
                                                  name="Bibliotheek")],
        referrals=[referral("wt", "mp")])
    diff = pm.compare(pm.read(pm.build(base, name="A", today=TODAY)),
                      pm.read(pm.build(later, name="B", today=TODAY)))
    assert [(p.id, p.name) for p in diff.partners_added] == [("bib", "Bibliotheek")]
    assert diff.partners_ended == []
    lost = [(r.wijk, r.from_partner, r.to_partner, r.kind) for r in diff.routes_lost]
    assert lost == [("W1", "ha", "wt", "verwijst")]      # only where both work
    assert diff.routes_gained == []
    assert diff.network["routes_before"] == 2 and diff.network["routes_after"] == 1
    text = pm.format_table(diff)
    assert "route weg: Partner ha → Partner wt" in text and "Partners erbij: Bibliotheek" in text
    data = json.loads(json.dumps(diff.to_dict()))
    assert data["routes"][0]["change"] == "lost" and data["partners_added"][0]["id"] == "bib"


def test_an_ended_partner_and_no_differences():
    c = coalition(partners=[partner("a", "welzijn")])
    same = pm.compare(pm.read(pm.build(c, name="A", today=TODAY)),
                      pm.read(pm.build(c, name="B", today=TODAY)))
    assert same.is_empty() and "Geen verschillen" in pm.format_table(same)
    gone = dataclasses.replace(c, partners=[dataclasses.replace(c.partners[0], active=False)])
    diff = pm.compare(pm.read(pm.build(c, name="A", today=TODAY)),
                      pm.read(pm.build(gone, name="B", today=TODAY)))
    assert [p.id for p in diff.partners_ended] == ["a"]


def test_snapshot_in_the_store_survives_a_later_import_and_compares_with_now(store, example):
    c, plan = example
    import_all(store, c, plan)
    payload = snaps.take_snapshot(store, "Nulmeting", author="Anna", today=TODAY)
    assert payload["format"] == pm.FORMAT and payload["format_version"] == pm.FORMAT_VERSION
    with pytest.raises(StoreError, match="al een peilmoment met de naam 'Nulmeting'"):
        snaps.take_snapshot(store, "Nulmeting", author="Bob", today=TODAY)
    with pytest.raises(StoreError, match="'nu' staat voor de huidige gegevens"):
        snaps.take_snapshot(store, "nu", author="Bob", today=TODAY)
    cell = _covered_cell(c)
    # a later import removes the cell's offers and a referral
    lost_ref = c.referrals[0]
    later = dataclasses.replace(_without_offers(c, cell.offers), referrals=c.referrals[1:])
    import_all(store, later, plan)
    stored = snaps.load(store, "Nulmeting")
    assert stored.state_of(cell.wijk, cell.profile) == "covered"      # as it was taken
    assert {o.id for o in stored.model_objects("offers")} == {o.id for o in c.offers}
    diff = pm.compare(stored, snaps.load(store, "nu", today=TODAY))
    assert (cell.wijk, cell.profile) in [(x.wijk, x.profile) for x in diff.opened]
    assert any((r.from_partner, r.to_partner, r.kind) == lost_ref.key for r in diff.routes_lost)
    assert [s.name for s in list_snapshots(store)] == ["Nulmeting"]
    with pytest.raises(StoreError, match="geen peilmoment met de naam 'Onbekend'"):
        snaps.load(store, "Onbekend")


def test_a_snapshot_with_other_columns_than_todays_stays_readable(store):
    """Columns added later get the model's default; columns that no longer exist are
    left out; the analysis result is read as it was stored, not recomputed."""
    c = coalition(partners=[partner("a", "welzijn", roles=("signaleren",))])
    import_all(store, c)
    snaps.take_snapshot(store, "Oud", author="Anna", today=TODAY)
    with store.engine.begin() as conn:
        text = conn.execute(select(snapshots.c.payload)).scalar()
        payload = json.loads(text)
        for record in payload["data"]["partners"]:
            del record["hours"]                      # a column added by a later migration
            record["fax"] = "010-123"                # a column a later version dropped
        payload["analysis"]["cells"][0]["reasons"].append(
            {"kind": "a_kind_of_a_later_version", "text": "iets nieuws"})
        conn.execute(update(snapshots).values(payload=json.dumps(payload)))
    old = snaps.load(store, "Oud")
    [p] = old.model_objects("partners")
    assert p.id == "a" and p.hours == ""
    assert pm.compare(old, old).is_empty()


def test_the_frozen_version_1_file_is_read_by_this_code():
    """tests/data/peilmoment-v1.json was written by the first version of the format; every
    later version of the code must keep reading it (add an upgrade step, never break it)."""
    old = pm.read(FROZEN.read_text(encoding="utf-8"))
    assert old.name == "Nulmeting" and old.format_version == 1
    assert old.state_of("W1", "overlevers") in GAP_STATES
    now = pm.read(pm.build(coalition(wijken=[wijk("W1")], partners=[
        partner("ha", "huisarts", roles=("signaleren",))]), name="nu", today=TODAY))
    diff = pm.compare(old, now)
    assert [p.id for p in diff.partners_ended] == ["wt"]
    assert diff.routes_lost and diff.routes_lost[0].to_name == "Wijkteam Noord"   # named as then
    assert [o.model_objects("wijken")[0].code for o in (old,)] == ["W1"]


def test_newer_or_foreign_payloads_are_refused_in_dutch():
    payload = json.loads(FROZEN.read_text(encoding="utf-8"))
    with pytest.raises(pm.SnapshotFormatError, match="nieuwere versie van de app"):
        pm.read(dict(payload, format_version=pm.FORMAT_VERSION + 1))
    with pytest.raises(pm.SnapshotFormatError, match="geen peilmoment"):
        pm.read({"cells": []})
    with pytest.raises(pm.SnapshotFormatError, match="geen geldige JSON"):
        pm.read("{kapot")


def test_update_snapshot_checks_the_version_and_keeps_data(store):
    import_all(store, coalition(partners=[partner("a")]))
    snaps.take_snapshot(store, "Start", author="Anna", today=TODAY)
    _payload, version = load_snapshot(store, "Start")
    assert update_snapshot(store, "Start", {"verankering": {"1": 2}}, author="Anna",
                           expected_version=version) == version + 1
    with pytest.raises(StoreError, match="intussen gewijzigd"):
        update_snapshot(store, "Start", {"verankering": {"1": 0}}, author="Bob",
                        expected_version=version)
    with pytest.raises(StoreError, match="veranderen niet"):
        update_snapshot(store, "Start", {"data": {}}, author="Bob", expected_version=version + 1)
    assert snaps.load(store, "Start").verankering == {"1": 2}
