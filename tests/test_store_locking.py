"""Concurrent editing: two real connections (two stores, two engines) on one database."""

from __future__ import annotations

import re

import dataclasses
import threading

import pytest

from coalition_map import model, schema
from coalition_map.store import StaleImportError, StaleRecordError, StoreError, open_store
from store_helpers import import_all


@pytest.fixture
def two_sessions(store_url, sample):
    """Two independent stores (own engines and connection pools) on the same database."""
    first = open_store(store_url, seed=False)
    import_all(first, *sample, author="Anna")
    second = open_store(store_url, seed=False)
    assert first.engine is not second.engine
    yield first, second
    first.close()
    second.close()


def test_the_second_save_is_refused_with_what_changed_meanwhile(two_sessions):
    anna, bob = two_sessions
    partner_a, version_a = anna.get("partners", "P01")
    partner_b, version_b = bob.get("partners", "P01")
    assert version_a == version_b == 1

    anna.save("partners", dataclasses.replace(partner_a, name="Sociaal team Noord",
                                              phone="020-1111"),
              author="Anna", expected_version=version_a)
    with pytest.raises(StaleRecordError) as info:
        bob.save("partners", dataclasses.replace(partner_b, email="bob@example.org"),
                 author="Bob", expected_version=version_b)
    error = info.value
    assert [d.name for d in error.differences] == ["name", "phone"]
    assert error.expected_version == 1 and error.current_version == 2
    assert error.current.name == "Sociaal team Noord"
    message = str(error)
    assert "Niet opgeslagen: partner P01 is intussen gewijzigd door Anna" in message
    assert "Naam: Wijkteam Noord → Sociaal team Noord" in message
    assert "Telefoon: +31 20 123 4567 → 020-1111" in message
    assert "niets overschreven" in message
    # nothing was overwritten, and Bob's refused save is not in the history
    current, version = bob.get("partners", "P01")
    assert (current.name, current.email, version) == ("Sociaal team Noord",
                                                      "noord@example.org", 2)
    assert [c.author for c in bob.history("partners", "P01")] == ["Anna", "Anna"]
    # after reloading, Bob's save goes through
    bob.save("partners", dataclasses.replace(current, email="bob@example.org"), author="Bob",
             expected_version=version)
    assert anna.get("partners", "P01")[0].email == "bob@example.org"


def test_saving_a_record_deleted_meanwhile_is_refused(two_sessions):
    anna, bob = two_sessions
    offer, version = bob.get("offers", "A03")
    anna.delete("offers", "A03", author="Anna", expected_version=version)
    with pytest.raises(StaleRecordError, match="intussen verwijderd door Anna"):
        bob.save("offers", dataclasses.replace(offer, name="Leesclub+"), author="Bob",
                 expected_version=version)
    with pytest.raises(KeyError):
        anna.get("offers", "A03")


def test_deactivate_and_delete_check_the_version_too(two_sessions):
    anna, bob = two_sessions
    offer, version = bob.get("offers", "A01")
    anna.save("offers", dataclasses.replace(offer, capacity=5), author="Anna",
              expected_version=version)
    with pytest.raises(StaleRecordError, match="Capaciteit: 20 → 5"):
        bob.deactivate("offers", "A01", author="Bob", expected_version=version)
    with pytest.raises(StaleRecordError):
        bob.delete("offers", "A01", author="Bob", expected_version=version)
    assert anna.get("offers", "A01") == (dataclasses.replace(offer, capacity=5), 2)


def test_two_sessions_creating_the_same_new_record(two_sessions):
    anna, bob = two_sessions
    anna.save("wijken", model.Wijk("WK03", "West"), author="Anna", expected_version=0)
    with pytest.raises(StaleRecordError):
        bob.save("wijken", model.Wijk("WK03", "Westkwartier"), author="Bob",
                 expected_version=0)
    assert bob.get("wijken", "WK03")[0].name == "West"


def test_simultaneous_saves_exactly_one_wins(two_sessions):
    """Six threads over two engines save the same record at the same moment."""
    anna, bob = two_sessions
    partner, version = anna.get("partners", "P02")
    barrier = threading.Barrier(6)
    outcomes: list = []
    lock = threading.Lock()

    def edit(store, n):
        barrier.wait()
        try:
            store.save("partners", dataclasses.replace(partner, phone=f"06-{n}"),
                       author=f"sessie {n}", expected_version=version)
            result = ("ok", n)
        except StaleRecordError as exc:
            result = ("stale", exc.current_version)
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=edit, args=(anna if n % 2 else bob, n))
               for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    winners = [n for status, n in outcomes if status == "ok"]
    assert len(outcomes) == 6 and len(winners) == 1
    assert all(v == 2 for status, v in outcomes if status == "stale")
    current, v = bob.get("partners", "P02")
    assert (current.phone, v) == (f"06-{winners[0]}", 2)
    assert len(anna.history("partners", "P02")) == 2


def test_data_version_seen_by_the_other_session(two_sessions):
    anna, bob = two_sessions
    before = bob.data_version()
    anna.save("wijken", model.Wijk("WK05", "Oost"), author="Anna", expected_version=0)
    assert bob.data_version() > before


def test_two_processes_opening_a_new_database_at_once(store_url):
    """Both create-or-upgrade at the same moment; the schema is made once, both work."""
    barrier = threading.Barrier(4)
    errors: list = []
    stores: list = []

    def start():
        barrier.wait()
        try:
            stores.append(open_store(store_url, seed=False))
        except Exception as exc:  # noqa: BLE001 - collected for the assertion
            errors.append(exc)

    threads = [threading.Thread(target=start) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == [] and len(stores) == 4
    stores[0].save("wijken", model.Wijk("WK01", "Noord"), author="Anna", expected_version=0)
    assert stores[3].get("wijken", "WK01")[1] == 1
    assert all(s.data_version() == 1 for s in stores)
    for s in stores:
        s.close()


# --- every kind the app writes: two sessions start from the same version -------------

#: kind → (key, Anna's edit, Bob's edit): two different fields of the same record.
EDITS = {
    "plan_steps": (2, dict(notes="Gesprek met de wethouder gepland"), dict(status="afgerond")),
    "plan_choices": (None, dict(notes="Eerst de structureel eenzamen"),
                     dict(approach="preventie")),
    "decisions": ("B01", dict(text="We starten in Noord"), dict(decided_by="coalitieoverleg")),
    "actions": ("X01", dict(status="afgerond"), dict(budget=4000.0)),
    "partners": ("P01", dict(name="Sociaal team Noord"), dict(email="bob@example.org")),
    "offers": ("A01", dict(capacity=5), dict(name="Maatjes Noord")),
    "referrals": (("P02", "P01", "meldt"), dict(agreement="informeel"),
                  dict(follow_up=False)),
    "wijken": ("WK01", dict(name="Noord-Oost"), dict(inhabitants=13000)),
}


@pytest.mark.parametrize("kind", list(EDITS))
def test_every_kind_refuses_the_second_save_and_keeps_the_first(two_sessions, kind):
    anna, bob = two_sessions
    key, anna_edit, bob_edit = EDITS[kind]
    seen_by_anna, version = anna.get(kind, key)
    seen_by_bob, bobs_version = bob.get(kind, key)
    assert version == bobs_version and version >= 1

    anna.save(kind, dataclasses.replace(seen_by_anna, **anna_edit), author="Anna",
              expected_version=version)
    with pytest.raises(StaleRecordError) as info:
        bob.save(kind, dataclasses.replace(seen_by_bob, **bob_edit), author="Bob",
                 expected_version=bobs_version)
    message = str(info.value)
    assert " intussen gewijzigd door Anna (op " in message and re.search(r"op \d\d-\d\d-\d{4} \d\d:\d\d\)\.", message)
    assert [d.name for d in info.value.differences] == list(anna_edit)
    assert "Laad de gegevens opnieuw" in message
    # Anna's change is there, Bob's refused save left no trace.
    stored, now = bob.get(kind, key)
    assert stored == dataclasses.replace(seen_by_anna, **anna_edit) and now == version + 1
    assert [c.author for c in bob.history(kind, key, limit=2)][0] == "Anna"
    # Bob reloads and saves again: both changes are kept.
    bob.save(kind, dataclasses.replace(stored, **bob_edit), author="Bob", expected_version=now)
    final, _ = anna.get(kind, key)
    assert final == dataclasses.replace(seen_by_anna, **anna_edit, **bob_edit)


#: kind → (the new record Anna saves first, Bob's different values for the same key).
NEW_RECORDS = {
    "plan_steps": (model.PlanStep(5, "bezig"), dict(notes="Bob")),
    "decisions": (model.Decision("B02", None, 2, "Tweede besluit"), dict(text="Bob")),
    "actions": (model.Action("X02", "Folder maken"), dict(title="Bob")),
    "partners": (model.Partner("P09", "Buurthuis", "welzijn"), dict(name="Bob")),
    "offers": (model.Offer("A09", "P01", "Koffieochtend", "ontmoeting", "vrijwilliger"),
               dict(name="Bob")),
    "referrals": (model.Referral("P03", "P01", "werkt_samen"), dict(agreement="informeel")),
    "wijken": (model.Wijk("WK09", "Haven"), dict(name="Bob")),
}


@pytest.mark.parametrize("kind", list(NEW_RECORDS))
def test_every_kind_refuses_a_new_record_created_meanwhile(two_sessions, kind):
    anna, bob = two_sessions
    new, bobs = NEW_RECORDS[kind]
    key = tuple(getattr(new, k) for k in schema.FILES[kind].key)
    anna.save(kind, new, author="Anna", expected_version=0)
    with pytest.raises(StaleRecordError, match="is intussen aangemaakt door Anna \\(op "):
        bob.save(kind, dataclasses.replace(new, **bobs), author="Bob", expected_version=0)
    assert bob.get(kind, key) == (new, 1)


def test_a_write_without_the_version_it_started_from_is_refused(two_sessions):
    anna, _ = two_sessions
    partner, _ = anna.get("partners", "P01")
    before = anna.data_version()
    with pytest.raises(StoreError, match="niet bekend welke versie"):
        anna.save("partners", dataclasses.replace(partner, name="X"), author="Anna",
                  expected_version=None)
    with pytest.raises(StoreError, match="niet bekend welke versie"):
        anna.deactivate("offers", "A01", author="Anna", expected_version=None)
    with pytest.raises(StoreError, match="niet bekend welke versie"):
        anna.delete("offers", "A03", author="Anna", expected_version=None)
    with pytest.raises(TypeError):
        anna.save("partners", partner, author="Anna")    # no default that skips the check
    assert anna.data_version() == before and anna.get("partners", "P01")[0] == partner


def test_an_import_is_refused_when_its_kinds_changed_after_the_preview(two_sessions, sample):
    anna, bob = two_sessions
    coalition, plan = sample
    renamed = dataclasses.replace(coalition.partners[1], name="Woonstad Rotterdam")
    incoming = dataclasses.replace(coalition, partners=[coalition.partners[0], renamed,
                                                        coalition.partners[2]])
    preview = anna.diff(incoming, plan, kinds={"partners"})
    # Meanwhile Bob edits an action (another kind): that does not matter ...
    action, version = bob.get("actions", "X01")
    bob.save("actions", dataclasses.replace(action, notes="van Bob"), author="Bob",
             expected_version=version)
    # ... but a partner does.
    partner, version = bob.get("partners", "P01")
    bob.save("partners", dataclasses.replace(partner, phone="010-9"), author="Bob",
             expected_version=version)
    before = anna.data_version()
    with pytest.raises(StaleImportError) as info:
        anna.replace_all(incoming, plan, author="Anna", based_on=preview)
    message = str(info.value)
    assert message.startswith("Import niet toegepast: de gegevens zijn na de voorvertoning "
                              "intussen gewijzigd door Bob (op ")
    assert "partner P01 gewijzigd: Telefoon" in message and "actie" not in message
    assert anna.data_version() == before and anna.get("partners", "P01")[0].phone == "010-9"
    # A fresh preview shows (and would undo) Bob's phone number; applying it works.
    preview = anna.diff(incoming, plan, kinds={"partners"})
    assert len(preview.kinds["partners"].changed) == 2
    anna.replace_all(incoming, plan, author="Anna", based_on=preview, remove=True)
    assert anna.get("partners", "P02")[0].name == "Woonstad Rotterdam"


def test_an_import_that_removes_data_needs_remove_true(two_sessions, sample):
    anna, _ = two_sessions
    coalition, plan = sample
    no_email = dataclasses.replace(coalition, partners=[
        dataclasses.replace(p, email="") for p in coalition.partners])
    preview = anna.diff(no_email, plan, kinds={"partners"})
    assert preview.removal_report() == (
        "Deze import verwijdert gegevens:\n"
        "- partners.csv (Partners), kolom 'email' (E-mail): bij 1 van de 3 records gaat de "
        "waarde verloren (P01); in het bestand is deze kolom overal leeg of ontbreekt ze.")
    before = anna.data_version()
    with pytest.raises(StoreError, match="verwijdert gegevens en dat is niet bevestigd"):
        anna.replace_all(no_email, plan, author="Anna", based_on=preview)
    assert anna.data_version() == before
    with pytest.raises(StoreError, match="geen voorvertoning"):
        anna.replace_all(no_email, plan, author="Anna", based_on=None, remove=True)
    anna.replace_all(no_email, plan, author="Anna", based_on=preview, remove=True)
    assert anna.get("partners", "P01")[0].email == ""
