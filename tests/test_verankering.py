"""Step 6: the 15-point self-assessment for anchoring (001 Bijlage IX), scored per peilmoment."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from builders import TODAY, coalition, partner
from coalition_map.store import snapshots as snaps
from coalition_map import verankering as vk
from coalition_map.errors import ServiceError
from coalition_map.service import Service
from coalition_map.store import StoreError
from coalition_map.store.snapshots import load_snapshot
from store_helpers import import_all

SEEDS = Path("/work/shared/seeds")


def test_fifteen_points_in_three_groups_as_on_the_card():
    assert [i.number for i in vk.ITEMS] == list(range(1, 16))
    assert [i.number for i in vk.ITEMS if i.group == "organisatie"] == list(range(1, 9))
    assert [i.number for i in vk.ITEMS if i.group == "keten"] == [9, 10, 11, 12]
    assert [i.number for i in vk.ITEMS if i.group == "bestuur"] == [13, 14, 15]


@pytest.mark.skipif(not SEEDS.exists(), reason="seed texts not available")
def test_each_point_names_the_seed_lines_of_its_heading():
    lines = next(SEEDS.glob("001_*.txt")).read_text(encoding="utf-8").split("\n")
    for item in vk.ITEMS:
        first = int(re.match(r"001 L(\d+)-\d+$", item.source).group(1))
        assert lines[first - 1].strip() == f"{item.number}  {item.title}", item.source


def test_score_hand_computed():
    """Points 1..8 (organisatie): 6, 8, -, 4 -> (6+8+4)/3 = 6.0; keten: 9 -> 9.0;
    bestuur: none -> None; total (6+8+4+9)/4 = 6.75. Point 4 is low (4 < 6), wenselijk and
    mogelijk: a candidate for an action; point 1 (6) is not low."""
    answers = {"1": {"score": 6, "wenselijk": True, "mogelijk": True},
               "2": {"score": 8},
               "4": {"score": 4, "wenselijk": True, "mogelijk": True},
               "9": {"score": 9}}
    s = vk.score(answers)
    assert s.by_group == {"organisatie": 6.0, "keten": 9.0, "bestuur": None}
    assert s.total == 6.75 and s.answered == 4
    assert s.to_act == ("4",)
    assert vk.score({}).total is None


def test_answers_are_checked_in_dutch():
    with pytest.raises(ValueError, match="Punt 10 \\(Vertrouwen\\).*niet '0'"):
        vk.clean_answers({"10": {"score": 0}})
    with pytest.raises(ValueError, match="niet 'veel'"):
        vk.clean_answers({"10": {"score": "veel"}})
    with pytest.raises(ValueError, match="Onbekend punt"):
        vk.clean_answers({"16": {"score": 5}})
    assert vk.clean_answers({"2": {"score": None}}) == {
        "2": {"score": None, "wenselijk": False, "mogelijk": False}}


def test_saved_per_peilmoment_with_the_version_checked(store):
    import_all(store, coalition(partners=[partner("a")]))
    snaps.take_snapshot(store, "Start", author="Anna", today=TODAY)
    snaps.take_snapshot(store, "Later", author="Anna", today=TODAY)
    _p, version = load_snapshot(store, "Start")
    Service(store).save_assessment("Start", {"1": {"score": 4}}, actor="Anna",
                       expected_version=version)
    _p, later = load_snapshot(store, "Later")
    Service(store).save_assessment("Later", {"1": {"score": 7}}, actor="Anna",
                       expected_version=later)
    assert [vk.score(m.verankering).total for m in snaps.load_all(store)] == [4.0, 7.0]
    with pytest.raises(StoreError, match="intussen gewijzigd"):
        Service(store).save_assessment("Start", {"1": {"score": 9}}, actor="Bob",
                           expected_version=version)
    with pytest.raises(ServiceError, match="Niet opgeslagen: Punt 1"):
        Service(store).save_assessment("Start", {"1": {"score": 12}}, actor="Bob",
                           expected_version=version + 1)
    assert snaps.load(store, "Start").verankering["1"]["score"] == 4
