"""Results of the plan: has an action's gap closed, the meeting overview per step, and the
plan's focus (wijken, target groups, onderdelen) ranking the gap list."""

from __future__ import annotations

import dataclasses
import datetime as dt

from builders import TODAY, all_types_offer, coalition, partner, referral, wijk
from coalition_map.store import snapshots as snaps
from coalition_map.analysis import analyze
from coalition_map.analysis.priority import Focus, ranked_gaps
from coalition_map.model import Action, Plan, PlanChoices
from coalition_map.stappenplan import action_results, meeting_overview, step_results
from store_helpers import import_all


def _two_wijken():
    """W1 has ten times the people of W2; nothing is offered, so every cell is a gap."""
    return coalition(wijken=[wijk("W1", inhabitants=100000), wijk("W2", inhabitants=10000)],
                     partners=[partner("ha", "huisarts", roles=("signaleren",))])


def test_a_gap_in_a_focus_wijk_ranks_above_a_larger_one_outside():
    cells = analyze(_two_wijken(), today=TODAY).cells
    plain = ranked_gaps(cells)
    assert plain[0].wijk == "W1" and plain[-1].wijk == "W2"      # by unmet need
    focused = ranked_gaps(cells, Focus.from_choices(PlanChoices(focus_wijken=("W2",))))
    assert [g.wijk for g in focused[:8]] == ["W2"] * 8
    assert all("wijk" in g.focus for g in focused[:8]) and not focused[8].focus
    # 'alle' is no focus; within the focus wijk a chosen target group comes first
    assert [g.wijk for g in ranked_gaps(cells, Focus.from_choices(
        PlanChoices(focus_wijken=("alle",))))] == [g.wijk for g in plain]
    both = ranked_gaps(cells, Focus.from_choices(PlanChoices(
        focus_wijken=("W2",), target_groups=("Overlevers", "mantelzorgers"))))
    assert (both[0].wijk, both[0].profile) == ("W2", "overlevers")
    assert both[0].focus == ("wijk", "doelgroep")


def test_analyze_takes_the_plan_choices_and_the_overview_follows():
    c = _two_wijken()
    plan = Plan(choices=PlanChoices(focus_wijken=("W2",)))
    a = analyze(c, today=TODAY, focus=plan.choices)
    overview = meeting_overview(plan, c, a, TODAY)
    assert overview.gaps_without_action[0].wijk == "W2"
    assert overview.gaps_without_action[0].focus == ("wijk",)


def _served_and_not():
    """Actieven covered in W1 (an offer with every fitting type, a route to it);
    Overlevers not."""
    return coalition(partners=[
        partner("ha", "huisarts", roles=("signaleren",)),
        partner("wz", "welzijn", roles=("aanbieden",))],
        offers=[all_types_offer("o1", "wz", "actieven", profiles=("actieven",))],
        referrals=[referral("ha", "wz")])


def test_step_results_done_with_the_gap_open_and_gap_closed():
    c = _served_and_not()
    a = analyze(c, today=TODAY)
    assert a.cells["W1", "actieven"].state == "covered"
    assert a.cells["W1", "overlevers"].state != "covered"
    plan = Plan(actions=[
        Action("A1", "Aanbod Actieven", step=5, wijk="W1", profile="actieven", status="open"),
        Action("A2", "Aanbod Overlevers", step=5, wijk="W1", profile="overlevers",
               status="afgerond"),
        Action("A3", "Nog bezig", step=5, wijk="W1", profile="overlevers", status="bezig"),
        Action("A4", "Zonder gat", step=4, status="afgerond"),
        Action("A5", "Vervallen", step=5, wijk="W1", profile="actieven", status="vervallen")])
    step5 = step_results(plan, a)[4]
    assert [x.id for x in step5.gap_closed] == ["A1"]
    assert [x.id for x in step5.done_gap_open] == ["A2"]
    assert meeting_overview(plan, c, a, TODAY).results[4] == step5
    assert not step_results(plan, a)[3].gap_closed and not step_results(plan, a)[3].done_gap_open


def test_an_action_shows_its_gap_closed_since_it_was_made(store):
    """Peilmoment 'Start' (gap open) → action made → the offer arrives → peilmoment 'Later'
    (closed): the action's result says closed, was <state> at 'Start', closed in 'Later'."""
    served = _served_and_not()
    before = dataclasses.replace(served, offers=[])
    import_all(store, before)
    snaps.take_snapshot(store, "Start", author="Anna", today=TODAY)
    action = Action("A1", "Aanbod Actieven", step=5, wijk="W1", profile="actieven")
    store.save("actions", action, author="Anna", expected_version=0)
    import_all(store, served, Plan(actions=[action]), kinds={"offers"})
    snaps.take_snapshot(store, "Later", author="Anna", today=TODAY)
    created = snaps.action_created(store)
    assert set(created) == {"A1"}
    moments = snaps.load_all(store)
    assert [m.name for m in moments] == ["Start", "Later"]
    live = analyze(store.load_coalition(), today=TODAY)
    [result] = action_results(store.load_plan(), live, created, moments).values()
    assert result.closed is True and result.state_now == "covered"
    assert result.then_source == "Start" and result.state_then != "covered"
    assert result.closed_in == "Later"
    assert result.label.startswith("gat gesloten (was ")
    # made before any peilmoment: no "then"; closed in the first one where it was covered
    early = {"A1": dt.datetime(2000, 1, 1, tzinfo=dt.UTC)}
    [result] = action_results(store.load_plan(), live, early, moments).values()
    assert (result.state_then, result.closed_in, result.closed) == ("", "Later", True)
    assert result.label == "gat gesloten"
    # and while the gap is open it says so
    open_now = analyze(before, today=TODAY)
    [result] = action_results(store.load_plan(), open_now, created, moments).values()
    assert result.closed is False and result.label.startswith("gat nog open")
