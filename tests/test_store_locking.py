"""Concurrent editing: two real connections (two stores, two engines) on one database."""

from __future__ import annotations

import dataclasses
import threading

import pytest

from coalition_map import model
from coalition_map.store import StaleRecordError, open_store
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
