"""AppTest: from a gap on Dekking per wijk to an action in one click (issue 5)."""

from __future__ import annotations

from app_helpers import assert_clean, by_key, db, run_app  # noqa: F401 (db is a fixture)

from coalition_map.analysis import analyze
from coalition_map.stappenplan import GAP_STATUSES, gaps_with_actions
from coalition_map.ui.state import AUTHOR_KEY, MEETING_KEY
from coalition_map.ui.style import ACTION_MARK

BUTTON = "_dek_actie_maken"


def _marked(at) -> int:
    frame = at.dataframe[0].value
    return sum(str(v).endswith(ACTION_MARK) for v in frame.to_numpy().ravel())


def _gap_cells_with_action(store, cells) -> int:
    return sum(1 for key in gaps_with_actions(store.load_plan())
               if key in cells and cells[key].state in GAP_STATUSES)


def _gap_without_action(store, analysis):
    taken = gaps_with_actions(store.load_plan())
    return next(g for g in analysis.gaps if (g.wijk, g.profile) not in taken)


def test_one_click_creates_one_action_and_the_cell_shows_it(db):
    coalition = db.load_coalition()
    analysis = analyze(coalition)
    gap = _gap_without_action(db, analysis)
    before = list(db.load_plan().actions)
    marked_before = _gap_cells_with_action(db, analysis.cells)

    at = run_app("pages/dekking.py", session={AUTHOR_KEY: "Coördinator"})
    assert _marked(at) == marked_before
    by_key(at.selectbox, "dek_wijk").set_value(gap.wijk)
    by_key(at.selectbox, "dek_profiel").set_value(gap.profile).run()
    assert_clean(at)
    button = by_key(at.button, BUTTON)
    assert button.label == "Actie aanmaken voor dit gat"
    button.click().run()
    assert_clean(at)

    after = db.load_plan().actions
    new = [a for a in after if a.id not in {b.id for b in before}]
    assert len(new) == 1
    assert (new[0].wijk, new[0].profile) == (gap.wijk, gap.profile)
    assert any(new[0].title in s.value for s in at.success)
    # The cell now lists the action, and offers another one.
    tables = [d.value for d in at.dataframe if "Actie" in d.value.columns]
    assert tables and new[0].title in list(tables[0]["Actie"])
    assert by_key(at.button, BUTTON).label == "Nog een actie aanmaken voor dit gat"
    # The heatmap marks exactly the gap cells that have an action.
    assert _marked(at) == _gap_cells_with_action(db, analysis.cells) == marked_before + 1


def test_no_button_without_author_or_in_meeting_mode(db):
    analysis = analyze(db.load_coalition())
    gap = _gap_without_action(db, analysis)
    at = run_app("pages/dekking.py")
    by_key(at.selectbox, "dek_wijk").set_value(gap.wijk)
    by_key(at.selectbox, "dek_profiel").set_value(gap.profile).run()
    assert by_key(at.button, BUTTON).disabled
    at = run_app("pages/dekking.py", session={AUTHOR_KEY: "Coördinator", MEETING_KEY: True})
    assert BUTTON not in [b.key for b in at.button]


def test_covered_cell_has_no_action_button(db):
    analysis = analyze(db.load_coalition())
    cell = next(c for c in analysis.cells.values() if c.state == "covered")
    at = run_app("pages/dekking.py", session={AUTHOR_KEY: "Coördinator"})
    by_key(at.selectbox, "dek_wijk").set_value(cell.wijk)
    by_key(at.selectbox, "dek_profiel").set_value(cell.profile).run()
    assert BUTTON not in [b.key for b in at.button]


def test_meeting_mode_lists_the_gap_actions_without_editing(db):
    from coalition_map.service import Service
    coalition = db.load_coalition()
    analysis = analyze(coalition)
    gap = _gap_without_action(db, analysis)
    action = Service(db).create_action_for_gap(coalition, gap.wijk, gap.profile,
                                 analysis.cells[gap.wijk, gap.profile], actor="Anna")
    at = run_app("pages/dekking.py", session={MEETING_KEY: True, "dek_wijk": gap.wijk,
                                              "dek_profiel": gap.profile})
    listed = [t.value for t in at.table if t.value.index.name == "Actie"]
    assert listed and action.title in list(listed[0].index)
    assert BUTTON not in [b.key for b in at.button]
    # the meeting-mode heatmap is the compact one (ui/heatmap.py): a marked cell's title
    # names the mark
    heatmap = next(h.proto.body for h in at.get("html") if 'class="cm-heat' in h.proto.body)
    marked = heatmap.count(f' ({ACTION_MARK})" style=')
    assert marked == _gap_cells_with_action(db, analysis.cells) > 0


def test_overzicht_says_which_largest_gaps_have_an_action(db):
    from coalition_map.service import Service
    coalition = db.load_coalition()
    analysis = analyze(coalition)
    top = analysis.gaps[0]
    Service(db).create_action_for_gap(coalition, top.wijk, top.profile,
                        analysis.cells[top.wijk, top.profile], actor="Anna")
    taken = gaps_with_actions(db.load_plan())
    at = run_app()
    gaps = at.dataframe[0].value
    assert gaps.iloc[0]["Acties"] == f"ja ({len(taken[top.wijk, top.profile])})"
    expected = [f"ja ({len(taken[g.wijk, g.profile])})"
                if (g.wijk, g.profile) in taken else "nee" for g in analysis.gaps[:10]]
    assert list(gaps["Acties"]) == expected
