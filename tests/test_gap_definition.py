"""One definition of a gap (``states.GAP_STATES``): every page, the CLI and the
what-if give the same number for the same data (issue 15)."""

from __future__ import annotations

import re

from app_helpers import by_key, db, metric, run_app  # noqa: F401 (db is a fixture)

from coalition_map.analysis import analyze, summarize_changes, what_if
from coalition_map.analysis.priority import ranked_gaps
from coalition_map.states import GAP_STATES, count_gaps, is_gap
from coalition_map.ui.style import STATUSES


def test_gap_states_are_everything_but_covered():
    assert set(GAP_STATES) == {"partial", "uncovered", "unreachable"}
    assert not is_gap("covered")
    n = count_gaps(["covered", "unreachable", "partial", "uncovered", "covered"])
    assert (n.cells, n.gaps, n.open) == (5, 3, 2)
    assert n.text() == "1 niet gedekt, 1 niet bereikbaar, 1 deels gedekt"


def test_ranked_gaps_are_the_counted_gaps_with_unreachable_cells_in(db):
    coalition = db.load_coalition()
    a = analyze(coalition)
    assert len(a.gaps) == a.gap_count().gaps
    # an unreachable cell ranks by its people like an uncovered one
    cells = dict(a.cells)
    key = next(k for k, c in cells.items() if c.state == "partial")
    from dataclasses import replace
    cells[key] = replace(cells[key], state="unreachable")
    ranked = ranked_gaps(cells)
    assert ranked[[(g.wijk, g.profile) for g in ranked].index(key)].unmet == \
        cells[key].estimated_people


def _plain(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def test_pages_and_cli_agree_on_the_number_of_gaps(db):
    coalition = db.load_coalition()
    a = analyze(coalition)
    n = a.gap_count()
    assert n.gaps > n.open > 0
    # Overzicht: the metric, the heading and per wijk the gaps in words
    at = run_app()
    assert metric(at, "Gaten") == f"{n.gaps} van {n.cells}"
    assert any(f"{n.gaps} van {n.cells} cellen" in _plain(m.value) for m in at.markdown)
    heat = " ".join(h.proto.body for h in at.get("html"))
    for w in coalition.wijken:
        assert a.gap_count(w.code).text() in heat
    akkers = next(w for w in coalition.wijken if w.name == "De Akkers")
    assert a.gap_count(akkers.code).text().startswith("4 niet gedekt")
    # Dekking per wijk: the count above the heatmap and the heatmap's own cells
    at = run_app("pages/dekking.py")
    assert any(f"{n.gaps} gaten van {n.cells} cellen" in _plain(m.value) for m in at.markdown)
    frame = at.dataframe[0].value
    glyphs = {s.glyph: code for code, s in STATUSES.items()}
    shown = [glyphs[str(v).split(" ")[0]] for v in frame.to_numpy().ravel()]
    assert count_gaps(shown).gaps == n.gaps
    # Stappenplan: gaps without + with an action = the same gaps
    at = run_app("pages/stappenplan.py")
    value = metric(at, "Gaten zonder actie")
    assert value.endswith(f" van {n.gaps}")
    # the CLI's table
    from coalition_map.commands.gaps import table
    assert f"Gaten: {n.gaps} van {n.cells} cellen ({n.text()})" in table(coalition, a)


def test_fragility_and_what_if_say_the_same_for_the_same_partner(db):
    coalition = db.load_coalition()
    a = analyze(coalition)
    n = a.gap_count().gaps
    for pid, worse in a.fragility.critical_partners():
        changes = what_if(coalition, remove_partners=[pid], before=a.cells)
        assert all(ch.before_state != ch.after_state for ch in changes)
        s = summarize_changes(changes, n)
        assert s.worse == worse == len(a.fragility.worse_by(pid))
        assert s.lost == len(a.fragility.lost_by(pid))
        assert s.text() == summarize_changes(a.fragility.worse_by(pid), n).text()


def test_dekking_defaults_to_the_most_critical_partner_and_agrees_with_what_if(db):
    coalition = db.load_coalition()
    a = analyze(coalition)
    pid, worse = a.fragility.critical_partners()[0]
    at = run_app("pages/dekking.py")
    assert by_key(at.selectbox, "dek_kwetsbaar").value == pid
    expected = summarize_changes(a.fragility.worse_by(pid), a.gap_count().gaps).text()
    assert any(expected in _plain(m.value) for m in at.markdown)
    next(b for b in at.button if b.key == "_dek_kw_wi").click().run()
    assert by_key(at.multiselect, "dek_wi_partners").value == [pid]
    assert any(expected in _plain(w.value) for w in at.warning)


def test_cell_details_follow_the_what_if(db):
    coalition = db.load_coalition()
    a = analyze(coalition)
    pid, _ = a.fragility.critical_partners()[0]
    change = what_if(coalition, remove_partners=[pid], before=a.cells)[0]
    at = run_app("pages/dekking.py")
    by_key(at.selectbox, "dek_wijk").set_value(change.wijk)
    by_key(at.selectbox, "dek_profiel").set_value(change.profile).run()
    heading = lambda: " ".join(_plain(m.value) for m in at.markdown if m.value.startswith("####"))  # noqa: E731
    assert STATUSES[change.before_state].label in heading()
    by_key(at.multiselect, "dek_wi_partners").set_value([pid]).run()
    assert STATUSES[change.after_state].label in heading()
    assert any("Nu is deze cel" in _plain(i.value) for i in at.info)
    # an unchanged cell says so and is not counted
    unchanged = next(k for k in a.cells
                     if k not in {(c.wijk, c.profile) for c in
                                  what_if(coalition, remove_partners=[pid], before=a.cells)})
    by_key(at.selectbox, "dek_wijk").set_value(unchanged[0])
    by_key(at.selectbox, "dek_profiel").set_value(unchanged[1]).run()
    assert any("verandert er niet door" in c.value for c in at.caption)


def test_sources_and_times_read_as_dutch():
    import datetime as dt
    from coalition_map.sources import readable
    from coalition_map.timefmt import shown
    from coalition_map.ui.browser import DUTCH, translate
    assert readable("Bron 001 L2393") == "Bron Machielse e.a., Rotterdamse pilot (r. 2393)"
    assert "001" not in readable("geen vangnet (000 L971-973; 001 L8164-8174)")
    # winter: UTC+1, summer: UTC+2
    assert shown(dt.datetime(2026, 1, 5, 11, 0, tzinfo=dt.UTC)) == "05-01-2026 12:00"
    assert shown(dt.datetime(2026, 8, 5, 11, 0, tzinfo=dt.UTC)) == "05-08-2026 13:00"
    for english in ("Choose an option", "Select all", "Upload", "Download as CSV", "Search",
                    "Fullscreen", "Drag and drop file here"):
        assert translate(english) == DUTCH[english] != english
    assert translate("64MB per file • CSV, XLSX") == "max. 64 MB per bestand • CSV, XLSX"


def test_plan_export_carries_the_heatmap(db):
    from coalition_map.plan_export import heatmap_rows, plan_html
    coalition = db.load_coalition()
    a = analyze(coalition)
    rows = heatmap_rows(a, coalition)
    assert len(rows) == len(coalition.wijken)
    assert sum(count_gaps(states).gaps for _, _, states in rows) == a.gap_count().gaps
    html = plan_html(db.load_plan(), coalition, a).decode()
    assert "Dekking per wijk × profiel" in html
    for _name, gaps, _ in rows:
        assert gaps in html
