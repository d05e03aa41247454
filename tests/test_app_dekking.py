"""AppTest: Dekking per wijk shows the analysis' cells and reacts to what-if input."""

from __future__ import annotations

from app_helpers import by_key, db, run_app  # noqa: F401 (db is a fixture)

from coalition_map.analysis import analyze, what_if
from coalition_map.model import ALL, Offer
from coalition_map.typology import PROFILES
from coalition_map.vocab import DELIVERY, OFFER_KINDS
from coalition_map.ui.style import STATUSES


def _heatmap(at):
    return at.dataframe[0].value


def _state_of(text: str) -> str:
    glyph = str(text).split(" ")[0]
    return next(code for code, s in STATUSES.items() if s.glyph == glyph)


def test_heatmap_equals_the_analysis(db):
    coalition = db.load_coalition()
    analysis = analyze(coalition)
    at = run_app("pages/dekking.py")
    assert [t.value for t in at.title] == ["Dekking per wijk"]
    frame = _heatmap(at)
    assert list(frame.columns)[-8:] == [p.name for p in PROFILES.values()]
    assert len(frame) == len(coalition.wijken)
    for i, w in enumerate(coalition.wijken):
        for code, profile in PROFILES.items():
            assert _state_of(frame.iloc[i][profile.name]) == analysis.cells[w.code, code].state
    # Every state is a glyph and a word, so a grey-scale print still reads.
    assert all(" " in str(v) for v in frame.iloc[:, -8:].to_numpy().ravel())


def test_cell_details_follow_the_selection(db):
    coalition = db.load_coalition()
    analysis = analyze(coalition)
    at = run_app("pages/dekking.py")
    # Opens at the largest gap.
    top = analysis.gaps[0]
    assert by_key(at.selectbox, "dek_wijk").value == top.wijk
    assert by_key(at.selectbox, "dek_profiel").value == top.profile
    cell = next(c for c in analysis.cells.values() if c.state == "covered" and c.offers)
    by_key(at.selectbox, "dek_wijk").set_value(cell.wijk)
    by_key(at.selectbox, "dek_profiel").set_value(cell.profile).run()
    heading = [m.value for m in at.markdown if m.value.startswith("#### ")][0]
    assert STATUSES["covered"].label in heading
    assert coalition.wijk(cell.wijk).name in heading.replace("\\", "")
    values = {m.label: m.value for m in at.metric}
    assert values["Aanbod dat telt"] == str(len(cell.offers))
    assert values["Partners die het dragen"] == str(len(cell.partners))
    shown = " ".join(m.value for m in at.markdown).replace("\\", "")
    for oid in cell.offers:
        assert coalition.offer(oid).name in shown


def test_fragility_lists_lost_cells(db):
    coalition = db.load_coalition()
    analysis = analyze(coalition)
    pid, worse = analysis.fragility.critical_partners()[0]
    at = run_app("pages/dekking.py")
    by_key(at.selectbox, "dek_kwetsbaar").set_value(pid).run()
    text = " ".join(m.value for m in at.markdown)
    assert f"{worse} cellen slechter" in text


def test_what_if_changes_the_heatmap_without_saving(db):
    coalition = db.load_coalition()
    version = db.data_version()
    pid, _ = analyze(coalition).fragility.critical_partners()[0]
    changes = what_if(coalition, remove_partners=[pid])
    assert changes
    at = run_app("pages/dekking.py")
    by_key(at.multiselect, "dek_wi_partners").set_value([pid]).run()
    assert not at.exception and not at.error
    assert any(f"{len(changes)} cellen slechter" in w.value for w in at.warning)
    frame = _heatmap(at)
    rows = {w.code: i for i, w in enumerate(coalition.wijken)}
    for ch in changes:
        text = frame.iloc[rows[ch.wijk]][PROFILES[ch.profile].name]
        assert _state_of(text) == ch.after_state and "was" in text
    assert db.data_version() == version, "wat-als mag niets opslaan"

    # A planned offer: the form adds it to the what-if only.
    at = run_app("pages/dekking.py")
    form_inputs = [t for t in at.text_input if t.label == "Naam van het geplande aanbod"]
    form_inputs[0].set_value("Monitorcontact gepland")
    types = next(m for m in at.multiselect if m.label == "Interventietypen")
    types.set_value(["monitoren", "signaleringsnetwerk", "praktische_problemen"])
    next(b for b in at.button if b.label == "Toevoegen aan de wat-als").click().run()
    planned = Offer("GEPLAND-1", coalition.partners[0].id, "Monitorcontact gepland",
                    OFFER_KINDS.codes[0], DELIVERY.codes[0],
                    intervention_types=("monitoren", "signaleringsnetwerk",
                                        "praktische_problemen"), wijken=(ALL,))
    expected = what_if(coalition, add_offers=[planned])
    better = sum(ch.better for ch in expected)
    assert better and any(f"{better} beter" in w.value for w in at.warning)
    assert db.data_version() == version


def test_gap_cell_shows_palette_suggestions(db):
    from coalition_map.analysis.suggestions import suggestions
    coalition = db.load_coalition()
    analysis = analyze(coalition)
    found = [s for s in suggestions(coalition, cells=analysis.cells) if s.items]
    assert found, "het voorbeeld heeft gaten met suggesties"
    sug = found[0]
    at = run_app("pages/dekking.py")
    by_key(at.selectbox, "dek_wijk").set_value(sug.wijk)
    by_key(at.selectbox, "dek_profiel").set_value(sug.profile).run()
    shown = " ".join(m.value for m in at.markdown).replace("\\", "")
    for item in sug.items:
        assert item.name in shown
    for cand in sug.partners:
        assert cand.name in shown


def test_a_wijk_from_the_map_link_opens_at_its_worst_cell(db):
    from streamlit.testing.v1 import AppTest

    from app_helpers import APP
    from coalition_map.analysis import analyze
    from coalition_map.states import rank
    coalition = db.load_coalition()
    analysis = analyze(coalition)
    wijk = coalition.wijken[2].code
    assert wijk != analysis.gaps[0].wijk     # not where the page opens by itself
    worst = max(analysis.cells_in(wijk), key=lambda c: rank(c.state))
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["wijk"] = wijk
    at.switch_page("pages/dekking.py")
    at.run()
    assert not at.exception and not at.error
    assert by_key(at.selectbox, "dek_wijk").value == wijk
    assert by_key(at.selectbox, "dek_profiel").value == worst.profile
    cells = [h.proto.body for h in at.get("html") if "cm-wijkcellen" in h.proto.body]
    assert len(cells) == 1 and cells[0].count('class="cm-cel"') == 8
    # an unknown code: a warning, no exception
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["wijk"] = "WK000000"
    at.switch_page("pages/dekking.py")
    at.run()
    assert not at.exception
    assert any("WK000000" in w.value for w in at.warning)


def test_estimate_shows_the_95_interval_when_the_wijk_has_one(db):
    import dataclasses

    from streamlit.testing.v1 import AppTest

    from app_helpers import APP
    wijk, version = db.get("wijken", "WK999903")
    db.save("wijken", dataclasses.replace(wijk, pct_severely_lonely_low=8.0,
                                          pct_severely_lonely_high=12.5),
            author="test", expected_version=version)
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["wijk"] = "WK999903"
    at.switch_page("pages/dekking.py")
    at.run()
    value = next(m.value for m in at.metric if m.label == "Geschat aantal ernstig eenzamen")
    low, high = 15600 * 0.08 / 8, 15600 * 0.125 / 8
    assert value.endswith(f"({low:,.0f}–{high:,.0f})".replace(",", "."))


def test_meeting_mode_shows_the_compact_heatmap_after_the_what_if(db):
    """Vergadermodus: the glyph heatmap (every profile column fits 1366 px, see the browser
    test); with a what-if each changed cell shows its state after, "was" before, and the
    wijk's gap count is the count after the change."""
    import html as _html
    import re

    from coalition_map.states import count_gaps
    coalition = db.load_coalition()
    analysis = analyze(coalition)
    pid, _ = analysis.fragility.critical_partners()[0]
    changes = [c for c in what_if(coalition, remove_partners=[pid])
               if c.before_state != c.after_state]
    assert changes
    at = run_app("pages/dekking.py", session={"vergadermodus": True, "dek_wi_partners": [pid]})
    profile_names = [p.name for p in PROFILES.values()]
    assert not any(list(d.value.columns)[-8:] == profile_names for d in at.dataframe)
    heat = next(h.proto.body for h in at.get("html") if 'class="cm-heat' in h.proto.body)
    rows = dict(re.findall(r"<tr><td class=\"w\"><b>(.*?)</b>(.*?)</tr>", heat))
    for ch in changes:
        row = rows[_html.escape(next(w.name for w in coalition.wijken if w.code == ch.wijk))]
        title = (f"na de wat-als: {STATUSES[ch.after_state].label}; "
                 f"was {STATUSES[ch.before_state].label}")
        assert f'class="was" title="{_html.escape(title)}' in row, (ch, row)
    after = {(c.wijk, c.profile): c.after_state for c in changes}
    for w in coalition.wijken:
        states = [after.get((w.code, p), analysis.cells[w.code, p].state) for p in PROFILES]
        assert count_gaps(states).text() in rows[_html.escape(w.name)]
    # Without the what-if: no cell outlined, the counts of now.
    at = run_app("pages/dekking.py", session={"vergadermodus": True})
    heat = next(h.proto.body for h in at.get("html") if 'class="cm-heat' in h.proto.body)
    assert 'class="was"' not in heat
