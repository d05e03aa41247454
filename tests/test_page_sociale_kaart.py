"""The Sociale kaart page in Streamlit's AppTest, on the example data in a fresh store."""

from __future__ import annotations

import datetime as dt

import pytest

pytest.importorskip("streamlit")
from streamlit.testing.v1 import AppTest  # noqa: E402

from coalition_map.kaart import fitting_offers, kaart_entries  # noqa: E402
from coalition_map.paths import REPO_ROOT  # noqa: E402
from coalition_map.typology import PROFILES  # noqa: E402

PAGE = str(REPO_ROOT / "pages" / "sociale_kaart.py")


@pytest.fixture
def coalition(tmp_path, monkeypatch):
    path = tmp_path / "kaart.sqlite"
    monkeypatch.setenv("COALITION_MAP_DB", str(path))
    from coalition_map.store import open_store
    store = open_store(str(path))
    try:
        return store.load_coalition()
    finally:
        store.close()


def _run():
    return AppTest.from_file(PAGE, default_timeout=120).run()


def test_page_runs_and_counts_the_offers(coalition):
    at = _run()
    assert not at.exception
    today = dt.date.today()
    metric = {m.label: m.value for m in at.metric}["Aanbod op de kaart"]
    assert metric == str(len(kaart_entries(coalition, today=today).entries))
    wijk = coalition.wijken[1].code
    at.selectbox(key="sk_wijk").set_value(wijk).run()
    metric = {m.label: m.value for m in at.metric}["Aanbod op de kaart"]
    assert metric == str(len(kaart_entries(coalition, wijk=wijk, today=today).entries))
    assert at.get("download_button")


@pytest.mark.parametrize("fmt", ["html", "pdf", "xlsx", "csv", "hsds", "graphml", "gexf"])
def test_every_format_can_be_downloaded(coalition, fmt):
    at = _run()
    at.selectbox(key="sk_vorm").set_value(fmt).run()
    assert not at.exception
    assert at.get("download_button")


def test_residents_version_hides_grouping_by_profile(coalition):
    at = _run()
    at.radio(key="sk_publiek").set_value("residents").run()
    assert not at.exception
    assert at.radio(key="sk_groepering").disabled
    titles = at.selectbox(key="sk_groep").options
    assert titles and not any(p.name in t for t in titles for p in PROFILES.values())


def test_preview_shows_one_group_at_a_time(coalition):
    """The preview lists every group of the map (title and count) and shows the chosen
    group's offers, the same as the package's map; a new choice of grouping follows."""
    at = _run()
    at.radio(key="sk_groepering").set_value("profile").run()
    kaart = kaart_entries(coalition, group_by="profile", today=dt.date.today())
    box = at.selectbox(key="sk_groep")
    assert box.options == [f"{g.title} ({len(g.entries)})" for g in kaart.groups]
    last = len(kaart.groups) - 1
    box.set_value(last).run()
    assert not at.exception
    frames = [d.value for d in at.dataframe if "Wat het is" in d.value.columns]
    assert len(frames) == 1
    assert list(frames[0]["Aanbod"]) == [e.name for e in kaart.groups[last].entries]


def test_verwijswijzer_by_profile_matches_the_package(coalition):
    at = _run()
    at.radio(key="sk_vw_manier").set_value("profiel").run()
    wijk = coalition.wijken[0]
    for code in PROFILES:
        at.selectbox(key="sk_vw_profiel").set_value(code).run()
        at.selectbox(key="sk_vw_wijk").set_value(wijk.code).run()
        assert not at.exception
        expected = fitting_offers(coalition, wijk.code, code, dt.date.today())
        assert f"{PROFILES[code].name} in {wijk.name}" in [s.value for s in at.subheader]
        frames = [d.value for d in at.dataframe]
        shown = next((f for f in frames if "Aanmelden" in f.columns), None)
        if expected.fitting:
            assert list(shown["Aanbod"]) == [o.name for o in expected.fitting]
        else:
            assert shown is None and at.warning
        excluded = next((f for f in frames if "Waarom niet" in f.columns), None)
        if expected.excluded:
            assert list(excluded["Aanbod"]) == [e.offer.name for e in expected.excluded]
        else:
            assert excluded is None


def test_verwijswijzer_by_three_questions(coalition):
    at = _run()
    at.radio(key="sk_vw_structural").set_value("ja")
    at.radio(key="sk_vw_wants_contacts").set_value("nee")
    at.radio(key="sk_vw_active").set_value("ja").run()
    assert not at.exception
    wijk = coalition.wijken[0]
    assert f"Buitenstaanders in {wijk.name}" in [s.value for s in at.subheader]
    expected = fitting_offers(coalition, wijk.code, "buitenstaanders", dt.date.today())
    shown = next(d.value for d in at.dataframe if "Aanmelden" in d.value.columns)
    assert list(shown["Aanbod"]) == [o.name for o in expected.fitting]
    assert not any(v == "vrijwilliger" for v in shown["Uitgevoerd door"])
