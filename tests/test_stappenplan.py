"""The stappenplan: steps, actions linked to gaps, meeting overview, plan export."""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import replace

import openpyxl
import pytest
from test_kaart_fixture import INJECTIONS, TODAY, make_coalition, make_plan

from coalition_map.analysis import analyze
from coalition_map.model import Action, Plan, PlanStep
from coalition_map.plan_export import plan_html, plan_pdf, plan_xlsx
from coalition_map.stappenplan import (STEPS, action_for_gap, default_plan, gap_cells,
                                       gaps_with_actions, meeting_overview, next_action_id,
                                       progress)
from coalition_map.vocab import ONDERDELEN, STEP_STATUS
from store_helpers import import_all


def test_six_steps_in_order_with_checklists():
    assert [s.number for s in STEPS] == [1, 2, 3, 4, 5, 6]
    assert [s.title.lower() for s in STEPS] == [
        "initiatief nemen", "feiten en cijfers verzamelen", "beginnen met organiseren",
        "plan maken", "plan uitvoeren", "zorgen voor permanente aandacht"]
    for step in STEPS:
        assert len(step.checklist) >= 4
        assert step.source.startswith("003 L")
    plan = default_plan()
    assert [s.status for s in plan.steps] == ["niet_gestart"] * 6
    assert all(s.status in STEP_STATUS for s in plan.steps)


def test_progress_counts_ticks_and_open_actions():
    steps = progress(make_plan())
    assert (steps[0].status, steps[0].checked, steps[0].total) == ("afgerond", 4, 4)
    assert steps[2].status_label == "bezig" and steps[2].checked == 1
    assert steps[4].open_actions == 2          # ACT-001 open, ACT-002 bezig
    assert steps[0].open_actions == 0          # ACT-003 is afgerond
    # out-of-range ticks are ignored, afgerond counts as complete
    odd = progress(Plan(steps=[PlanStep(2, "bezig", (0, 99))]))
    assert odd[1].checked == 1 and odd[1].fraction == pytest.approx(1 / 4)
    assert odd[0].status == "niet_gestart"


def test_next_action_id():
    assert next_action_id(Plan()) == "ACT-001"
    assert next_action_id(make_plan()) == "ACT-005"
    plan = Plan(actions=[Action("ACT-009", "x"), Action("eigen", "y")])
    assert next_action_id(plan) == "ACT-010"


def test_action_for_gap_is_prefilled():
    coalition = make_coalition()
    analysis = analyze(coalition, today=TODAY)
    cell = analysis.cells[("WK03", "buitenstaanders")]
    plan = make_plan()
    action = action_for_gap("WK03", "buitenstaanders", cell, coalition=coalition, plan=plan,
                            today=TODAY)
    # offers serve Buitenstaanders in Zuid, but nobody signals there: a reach gap,
    # titled and filed as one (003 L967-980: herkennen en vinden)
    assert cell.state == "unreachable" and cell.gap_kind == "reach"
    assert action.title == "Buitenstaanders in Zuid vinden: signalering en verwijsroute"
    assert (action.step, action.onderdeel) == (5, "herkennen")
    assert action.onderdeel in ONDERDELEN
    assert (action.wijk, action.profile) == ("WK03", "buitenstaanders")
    assert action.id == "ACT-005" and action.status == "open"
    assert action.deadline > TODAY
    assert action.owner_partner in {p.id for p in coalition.partners
                                    if p.active and p.active_in("WK03")}
    offer_gap = analysis.cells[("WK03", "actieven")]
    assert offer_gap.gap_kind == "offer"
    offer_action = action_for_gap("WK03", "actieven", offer_gap, coalition=coalition)
    assert (offer_action.title, offer_action.onderdeel) == (
        "Aanbod voor Actieven in Zuid", "ondersteunen")
    # without a plan the id is still unique
    a1 = action_for_gap("WK01", "overlevers", None, coalition=coalition)
    a2 = action_for_gap("WK01", "overlevers", None, coalition=coalition)
    assert a1.id != a2.id and a1.title == "Aanbod voor Overlevers in Centrum"


def test_suggested_owner_prefers_outreach_provider_in_the_wijk():
    coalition = make_coalition()
    # Woonstichting (woningcorporatie, aanbieden, only in WK01) reaches Buitenstaanders
    action = action_for_gap("WK01", "buitenstaanders", None, coalition=coalition)
    assert action.owner_partner == "P02"
    # in Zuid nobody of an outreach sector offers help; welzijn (aanbieden) is next
    action = action_for_gap("WK03", "actieven", None, coalition=coalition)
    assert action.owner_partner == "P01"


def test_fragile_cell_action_looks_for_a_second_partner_not_the_one_it_hangs_on():
    from coalition_map.analysis.coverage import Cell
    coalition = make_coalition()
    cell = Cell("WK01", "actieven", "covered", partners=("P01",))
    assert cell.gap_kind == "fragile"
    action = action_for_gap("WK01", "actieven", cell, coalition=coalition)
    assert action.title == "Tweede aanbieder voor Actieven in Centrum"
    assert action.onderdeel == "afstemmen"
    assert action.owner_partner not in ("", "P01")


def test_no_volunteer_organisation_owns_an_action_for_compenseerders():
    coalition = make_coalition()
    action = action_for_gap("WK02", "compenseerders", None, coalition=coalition)
    assert action.owner_partner != "P03"          # Buurtvrijwilligers Noord
    assert action_for_gap("WK02", "afhankelijken", None,
                          coalition=coalition).owner_partner in ("P01", "P03", "P04")


def test_gaps_with_actions_links_actions_to_cells():
    plan = make_plan()
    linked = gaps_with_actions(plan)
    assert set(linked) == {("WK03", "buitenstaanders")}        # vervallen not counted
    assert [a.id for a in linked[("WK03", "buitenstaanders")]] == ["ACT-002"]
    new = action_for_gap("WK01", "overlevers", None, coalition=make_coalition(), plan=plan)
    plan.actions.append(new)
    assert ("WK01", "overlevers") in gaps_with_actions(plan)


def test_meeting_overview():
    coalition = make_coalition()
    analysis = analyze(coalition, today=TODAY)
    plan = make_plan()
    ov = meeting_overview(plan, coalition, analysis, TODAY)
    assert (ov.open_count, ov.overdue_count, ov.done_count) == (2, 1, 1)
    owners = {o.owner: o for o in ov.owners}
    assert [a.id for a in owners["P02"].overdue] == ["ACT-001"]
    assert owners["P02"].owner_name == "Woonstichting Thuis"
    assert [a.id for a in owners["P01"].open] == ["ACT-002"] and not owners["P01"].overdue
    assert ov.owners[0].owner == "P02"                      # most overdue first
    gaps = {(c.wijk, c.profile) for c in gap_cells(analysis)}
    without = {(g.wijk, g.profile) for g in ov.gaps_without_action}
    with_ = {(g.wijk, g.profile) for g in ov.gaps_with_action}
    assert ("WK03", "buitenstaanders") in gaps
    assert with_ == {("WK03", "buitenstaanders")}
    assert without == gaps - with_
    assert ov.current_step.number == 3
    # closing the action puts the gap back on the list
    plan.actions[1] = replace(plan.actions[1], status="vervallen")
    ov2 = meeting_overview(plan, coalition, analysis, TODAY)
    assert ("WK03", "buitenstaanders") in {(g.wijk, g.profile) for g in ov2.gaps_without_action}
    # a later day makes ACT-002 overdue too
    ov3 = meeting_overview(make_plan(), coalition, analysis, dt.date(2026, 12, 1))
    assert ov3.overdue_count == 2


def test_overview_without_analysis():
    ov = meeting_overview(make_plan(), make_coalition(), None, TODAY)
    assert ov.gaps_without_action == [] and ov.open_count == 2


# --- plan export ---------------------------------------------------------------

def _plan_with_injections():
    plan = make_plan()
    plan.actions.append(Action("ACT-099", INJECTIONS[0], 5, notes=INJECTIONS[4],
                               funding_source=INJECTIONS[1]))
    plan.steps[0] = replace(plan.steps[0], notes=INJECTIONS[5])
    return plan


def test_plan_xlsx_holds_actions_and_overview():
    coalition = make_coalition()
    analysis = analyze(coalition, today=TODAY)
    wb = openpyxl.load_workbook(io.BytesIO(plan_xlsx(_plan_with_injections(), coalition,
                                                     analysis, TODAY)))
    assert {"Voortgang", "Checklist", "Keuzes", "Acties", "Per trekker",
            "Gaten zonder actie", "Besluiten"} <= set(wb.sheetnames)
    ids = [r[0] for r in wb["Acties"].iter_rows(min_row=2, values_only=True)]
    assert ids == ["ACT-001", "ACT-002", "ACT-003", "ACT-004", "ACT-099"]
    gaps = list(wb["Gaten zonder actie"].iter_rows(min_row=2, values_only=True))
    ov = meeting_overview(make_plan(), coalition, analysis, TODAY)
    assert len(gaps) == len(ov.gaps_without_action)
    assert ("Zuid", "Buitenstaanders") not in {(g[0], g[1]) for g in gaps}
    for row in wb["Acties"].iter_rows():
        for cell in row:
            assert cell.data_type != "f"
            if isinstance(cell.value, str):
                assert not cell.value.startswith(("=", "+", "-", "@"))
    values = [c.value for row in wb["Acties"].iter_rows() for c in row]
    assert "'" + INJECTIONS[0] in values


def test_plan_html_is_escaped_and_self_contained():
    html = plan_html(_plan_with_injections(), make_coalition(), None, TODAY).decode()
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert not re.search(r"<[^>]*\s(src|href)\s*=", html)      # self-contained
    assert "<link" not in html and "@import" not in html
    for step in STEPS:
        assert step.title in html
    assert "Woonstichting Thuis" in html and "te laat" in html


def test_plan_pdf(tmp_path):
    data = plan_pdf(make_plan(), make_coalition(), analyze(make_coalition(), today=TODAY),
                    TODAY)
    assert data.startswith(b"%PDF") and len(data) > 2000


def test_create_action_for_gap_in_the_store(tmp_path):
    from coalition_map.store import open_store
    from coalition_map.service import Service
    store = open_store("sqlite:///" + str(tmp_path / "s.sqlite"), seed=False)
    try:
        coalition = make_coalition()
        import_all(store, coalition, make_plan(), author="test")
        action = Service(store).create_action_for_gap(coalition, "WK01", "overlevers", None,
                                     actor="test", today=TODAY)
        stored = store.load_plan()
        assert action.id == "ACT-005"
        assert stored.actions[-1] == action
        assert ("WK01", "overlevers") in gaps_with_actions(stored)
        second = Service(store).create_action_for_gap(coalition, "WK02", "overlevers", None,
                                     actor="test", today=TODAY)
        assert second.id == "ACT-006"
    finally:
        store.close()


def test_an_action_for_a_gap_never_replaces_one_created_meanwhile(tmp_path, monkeypatch):
    """Two coordinators click 'Actie aanmaken' at once: both pick the same new number;
    the second is refused (nothing replaced), the next click gets a fresh number."""
    from coalition_map.store import StaleRecordError, open_store
    from coalition_map.service import Service
    url = "sqlite:///" + str(tmp_path / "s.sqlite")
    anna, bob = open_store(url, seed=False), open_store(url, seed=False)
    try:
        coalition = make_coalition()
        import_all(anna, coalition, make_plan(), author="test")
        plan_seen_by_bob = bob.load_plan()
        first = Service(anna).create_action_for_gap(coalition, "WK01", "overlevers", None,
                                    actor="Anna", today=TODAY)
        monkeypatch.setattr(bob, "load_plan", lambda: plan_seen_by_bob)
        with pytest.raises(StaleRecordError, match=f"actie {first.id} is intussen aangemaakt "
                                                   "door Anna"):
            Service(bob).create_action_for_gap(coalition, "WK02", "overlevers", None, actor="Bob",
                                today=TODAY)
        monkeypatch.undo()
        assert bob.get("actions", first.id)[0] == first
        second = Service(bob).create_action_for_gap(coalition, "WK02", "overlevers", None, actor="Bob",
                                     today=TODAY)
        assert second.id != first.id and len(bob.load_plan().actions) == len(
            plan_seen_by_bob.actions) + 2
    finally:
        anna.close()
        bob.close()
