"""AppTest: the Overzicht page shows the package's own figures."""

from __future__ import annotations

from app_helpers import by_key, db, metric, run_app  # noqa: F401 (db is a fixture)

from coalition_map.analysis import analyze
from coalition_map.typology import PROFILES


def test_overzicht_shows_the_analysis_figures(db):
    coalition = db.load_coalition()
    analysis = analyze(coalition)
    at = run_app()
    assert [t.value for t in at.title] == ["Overzicht"]
    assert coalition.is_example
    assert any("voorbeelddata" in c.value for c in at.caption)
    gaps = analysis.gap_count()
    assert gaps.open > 0, "het voorbeeld heeft bewust gaten"
    assert metric(at, "Gaten") == f"{gaps.gaps} van {len(analysis.cells)}"
    assert metric(at, "Partners") == str(sum(p.active for p in coalition.partners))
    assert metric(at, "Conflicten met de typologie") == str(len(analysis.conflicts))
    assert metric(at, "Partners die veel alleen dragen") == \
        str(len(analysis.fragility.critical_partners()))
    assert metric(at, "Aanbod dat loopt") == \
        str(sum(o.running_on(analysis.today) for o in coalition.offers))

    gaps = at.dataframe[0].value
    top = analysis.gaps[0]
    assert gaps.iloc[0]["Wijk"] == coalition.wijk(top.wijk).name
    assert gaps.iloc[0]["Profiel"] == PROFILES[top.profile].name
    assert gaps.iloc[0]["Onvervulde behoefte"] == round(top.unmet)
    assert len(gaps) == min(10, len(analysis.gaps))


def test_overzicht_follows_the_profile_mix(db):
    coalition = db.load_coalition()
    at = run_app()
    by_key(at.selectbox, "ov_mix").set_value("pilot_rotterdam").run()
    expected = analyze(coalition, mix="pilot_rotterdam", focus=db.load_plan().choices).gaps
    gaps = at.dataframe[0].value
    assert list(gaps["Onvervulde behoefte"]) == [round(g.unmet) for g in expected[:10]]
    assert list(gaps["Wijk"]) == [coalition.wijk(g.wijk).name for g in expected[:10]]


def test_overzicht_links_to_the_explaining_pages(db):
    at = run_app()
    targets = {link.proto.page for link in at.get("page_link")}
    assert "dekking" in targets
    assert "netwerk" in targets


def test_unreachable_store_gives_a_dutch_message_not_a_traceback(tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from app_helpers import APP
    blocker = tmp_path / "bestand"
    blocker.write_text("geen map")
    monkeypatch.setenv("COALITION_MAP_DB", str(blocker / "kan-niet" / "store.sqlite"))
    at = AppTest.from_file(APP, default_timeout=120).run()
    assert not at.exception
    assert any("gegevensopslag kon niet worden geopend" in e.value for e in at.error)


def _map_svg(at) -> str:
    svgs = [m.value for m in at.markdown if m.value.startswith("<svg")]
    assert len(svgs) == 1
    return svgs[0]


def test_overzicht_draws_the_wijk_map_from_the_analysis(db):
    import re

    from coalition_map.wijkmap import open_cells_by_wijk
    coalition = db.load_coalition()
    analysis = analyze(coalition)
    at = run_app()
    svg = _map_svg(at)
    links = re.findall(r'href="dekking\?wijk=([^"]+)"', svg)
    assert sorted(links) == sorted(w.code for w in coalition.wijken)
    # each wijk prints its number of open cells, as the analysis counts them
    figures = open_cells_by_wijk(analysis.cells)
    for w in coalition.wijken:
        group = re.search(rf'data-code="{w.code}">(.*?)</g>', svg).group(1)
        assert 'font-weight="bold"' in group
        assert f">{figures[w.code].open_cells}</text>" in group
        assert f"{figures[w.code].open_cells} van 8 cellen open" in group
    # by one profile: the glyph of that profile's state in every wijk
    by_key(at.selectbox, "ov_kaart_kleur").set_value("buitenstaanders").run()
    svg = _map_svg(at)
    from coalition_map.states import STATE_LOOK
    for w in coalition.wijken:
        state = analysis.cells[w.code, "buitenstaanders"].state
        group = re.search(rf'data-code="{w.code}">(.*?)</g>', svg).group(1)
        assert f">{STATE_LOOK[state][0]}</text>" in group and STATE_LOOK[state][1] in group


def test_meeting_view_of_the_map_alone(db):
    at = run_app(session={"vergadermodus": True, "ov_alleen_kaart": True})
    assert [s.value for s in at.subheader] == ["Kaart van de wijken"]
    assert 'viewBox="0 0 1400 ' in _map_svg(at)


def test_overzicht_without_boundaries_says_how_to_add_them(db):
    coalition = db.load_coalition()
    for b in coalition.boundaries:
        db.delete("boundaries", b.code, author="test",
                  expected_version=db.get("boundaries", b.code)[1])
    at = run_app()
    assert any("wijken.geojson" in i.value for i in at.info)
    assert not [m for m in at.markdown if m.value.startswith("<svg")]
