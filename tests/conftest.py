"""Shared test fixtures: a store on SQLite and on a real PostgreSQL server.

``store_url`` is parametrized over ``sqlite`` (a fresh file per test) and
``postgresql`` (a fresh schema per test on the server named by
``COALITION_MAP_TEST_PG``, e.g. ``postgresql://postgres@127.0.0.1:5432/postgres``;
``scripts/start_test_postgres.sh DIR`` starts one). Without that variable the
PostgreSQL variant is skipped, with the reason.
"""

from __future__ import annotations

import os
import uuid
from contextlib import contextmanager

import pytest

PG_ENV = "COALITION_MAP_TEST_PG"


def _pg_url(schema_name: str) -> str:
    from sqlalchemy.engine import make_url
    url = make_url(os.environ[PG_ENV])
    return url.update_query_dict({"options": f"-csearch_path={schema_name}"}) \
        .render_as_string(hide_password=False)


@contextmanager
def _pg_schema():
    """A URL of a fresh schema on the test server, dropped afterwards."""
    from coalition_map.store import make_engine
    name = "t_" + uuid.uuid4().hex[:16]
    admin = make_engine(os.environ[PG_ENV])
    with admin.begin() as conn:
        conn.exec_driver_sql(f'CREATE SCHEMA "{name}"')
    try:
        yield _pg_url(name)
    finally:
        with admin.begin() as conn:
            conn.exec_driver_sql(f'DROP SCHEMA "{name}" CASCADE')
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request, tmp_path):
    """A URL of an empty database of its own for this test."""
    if request.param == "sqlite":
        yield "sqlite:///" + str(tmp_path / "store.sqlite")
        return
    if not os.environ.get(PG_ENV):
        pytest.skip(f"geen PostgreSQL: zet {PG_ENV} (bijv. met "
                    "scripts/start_test_postgres.sh) om deze variant te draaien")
    with _pg_schema() as url:
        yield url


@pytest.fixture
def other_store_url(store_url, tmp_path):
    """A second empty database of the same kind as ``store_url`` (a move to another server)."""
    if store_url.startswith("sqlite"):
        yield "sqlite:///" + str(tmp_path / "other.sqlite")
        return
    with _pg_schema() as url:
        yield url


@pytest.fixture
def store(store_url):
    """An empty, migrated store (not seeded)."""
    from coalition_map.store import open_store
    s = open_store(store_url, seed=False)
    yield s
    s.close()


def sample_data():
    """A small but complete coalition and plan: every kind, every column type."""
    import datetime as dt

    from coalition_map import model
    coalition = model.Coalition(
        info=model.CoalitionInfo("Coalitie Teststad", "Teststad", True, "Fictief; voor tests."),
        wijken=[model.Wijk("WK01", "Noord", "Teststad", 12000, 3100, 12.5, 3.25, "GGD", 2024),
                model.Wijk("WK02", "Zuid")],
        partners=[
            model.Partner("P01", "Wijkteam Noord", "wijkteam", ("signaleren", "toeleiden"),
                          ("WK01",), phone="+31 20 123 4567", email="noord@example.org"),
            model.Partner("P02", "Woonstad", "woningcorporatie", ("signaleren",),
                          mandate="uitvoering"),
            model.Partner("P03", "Bieb Zuid", "bibliotheek", ("aanbieden",), ("WK02",),
                          expertise="=lezen & ontmoeten", active=False),
        ],
        offers=[
            model.Offer("A01", "P01", "Maatjesproject", "een_op_een", "vrijwilliger",
                        intervention_types=("vrijwillige_inzet",),
                        profiles=("actieven", "geborgenen"),
                        target_groups=("ouderen, alleenstaand",), wijken=("WK01",),
                        capacity=20, end_date=dt.date(2027, 6, 30)),
            model.Offer("A02", "P02", "Huisbezoek", "begeleiding", "professional",
                        profiles=("buitenstaanders",), evidence="kansrijk", capacity=0),
            model.Offer("A03", "P03", "Leesclub", "ontmoeting", "vrijwilliger",
                        description="Elke dinsdag — met koffie", wijken=("WK02",)),
        ],
        referrals=[model.Referral("P02", "P01", "meldt", "convenant", True),
                   model.Referral("P01", "P03")],
    )
    plan = model.Plan(
        steps=[model.PlanStep(1, "afgerond", (0, 1, 2), dt.date(2026, 1, 5), dt.date(2026, 3, 1),
                              "gestart"),
               model.PlanStep(2, "bezig", (0,))],
        choices=model.PlanChoices(("herkennen", "ondersteunen"), ("75+",), ("WK01",),
                                  "beide", "informeel netwerk", ("Wmo", "fonds"), "eerste opzet"),
        decisions=[model.Decision("B01", dt.date(2026, 2, 1), 1, "We starten", "stuurgroep")],
        actions=[model.Action("X01", "Huisbezoeken uitbreiden", 3, "herkennen", "WK01",
                              "buitenstaanders", "P02", dt.date(2026, 9, 1), "bezig", 2500.5,
                              "Wmo", "")],
    )
    return coalition, plan


@pytest.fixture
def sample():
    return sample_data()
