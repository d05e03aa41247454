"""The bundled reference palette (002 + 003): file, codes, sources, fitting_items."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from coalition_map import palette
from coalition_map.palette import COLUMNS, PALETTE_PATH, fitting_items, load_palette
from coalition_map.typology import INTERVENTION_TYPES, PROFILES, rules_excluding
from coalition_map.vocab import (DELIVERY, DURATIONS, EVIDENCE, INTENSITIES, OFFER_KINDS,
                                 normalize)

SEEDS = Path("/work/shared/seeds")


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^0-9a-z]+", " ", normalize(text)).split())


def test_file_has_the_documented_columns_and_loads():
    with open(PALETTE_PATH, encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh))
    assert tuple(header) == COLUMNS
    items = load_palette()
    assert len(items) == len({i.id for i in items}), "ids are unique"
    assert all(isinstance(i.source_line, int) and i.source_line > 0 for i in items)
    assert all(i.name and i.description for i in items)


def test_sizes_per_source():
    items = load_palette()
    assert sum(i.source == "002" for i in items) >= 41
    assert sum(i.source == "003" for i in items) >= 55
    assert {i.source for i in items} == {"002", "003"}
    for item in items:
        assert item.id.startswith("R" + item.source + "-")


def test_every_code_is_in_its_vocabulary():
    for item in load_palette():
        assert item.kind in OFFER_KINDS, item
        assert item.delivered_by in DELIVERY, item
        assert item.evidence in EVIDENCE, item
        assert item.intervention_types, item.id
        for code in item.intervention_types:
            assert code in INTERVENTION_TYPES, (item.id, code)
        for code in item.profiles:
            assert code in PROFILES, (item.id, code)
        assert item.profiles_source in palette.PROFILES_SOURCES
        assert bool(item.profiles) == bool(item.profiles_source), item.id


def test_profile_sources_per_seed():
    for item in load_palette():
        if item.source == "002":
            assert item.profiles_source == "002-tabel" and item.profiles, item.id
        else:
            assert item.profiles_source in ("afgeleid", ""), item.id
            assert item.evidence in ("onderbouwd", "kansrijk"), item.id


def test_derived_profiles_are_what_the_fit_derives():
    """003 links no profiles: the palette lists the ones the same rule as for local
    offers derives (coalition_map.fit), so the file and the app never disagree."""
    for item in load_palette():
        if item.source != "003":
            continue
        assert item.profiles == item.derived_profiles, item.id
        assert item.profiles_source == ("afgeleid" if item.profiles else ""), item.id
        for code in item.profiles:
            assert not rules_excluding(item, code, beside_professional=True), (item.id, code)
            assert set(item.intervention_types) & set(PROFILES[code].fitting_types)


def test_002_table_conflicts_are_kept_not_fixed():
    # 002's table links volunteer-run interventions to Buitenstaanders; the
    # palette keeps that and the rules flag it.
    conflicts = [i for i in load_palette() if i.source == "002"
                 and "buitenstaanders" in i.rule_conflicts
                 and "geen_vrijwilligers" in i.rule_conflicts["buitenstaanders"].rules]
    assert conflicts, "002 links volunteer work to Buitenstaanders"
    assert all(DELIVERY.get(i.delivered_by).facts["volunteer"] for i in conflicts)
    assert "buitenstaanders" in next(i for i in conflicts if i.id == "R002-26").profiles


@pytest.mark.skipif(not SEEDS.exists(), reason="seed texts not available")
def test_source_lines_point_at_the_item_name():
    texts = {}
    for seed in ("002", "003"):
        path = next(SEEDS.glob(f"{seed}_*.txt"))
        texts[seed] = path.read_text(encoding="utf-8").split("\n")
    for item in load_palette():
        lines = texts[item.source]
        assert item.source_line <= len(lines), item.id
        here = lines[item.source_line - 1]
        after = lines[item.source_line] if item.source_line < len(lines) else ""
        # the name may wrap onto the next line, but it starts on this one
        assert _norm(item.name).split()[0] in _norm(here), (item.id, item.name, here)
        assert _norm(item.name) in _norm(here + " " + after), (item.id, item.name, here)
        if item.source == "003":
            assert 1258 <= item.source_line <= 2008, item.id


@pytest.mark.parametrize("code", list(PROFILES))
def test_fitting_items_respect_the_rules(code):
    items = fitting_items(code)
    assert items, code
    fitting = set(PROFILES[code].fitting_types)
    for item in items:
        assert not rules_excluding(item, code, beside_professional=True), (code, item.id)
        if item.named_profiles:
            assert code in item.named_profiles, (code, item.id)   # 002's links only
        assert set(item.intervention_types) & fitting
    ranks = [("onderbouwd", "kansrijk", "onbekend").index(i.evidence) for i in items]
    assert ranks == sorted(ranks), "onderbouwd first"


def test_fitting_items_leave_out_what_the_rules_forbid():
    for_achterblijvers = fitting_items("achterblijvers")
    assert all(i.kind != "cursus" for i in for_achterblijvers)       # 001 L2392-2396
    # a linked course is left out
    linked_courses = [i for i in load_palette()
                      if "achterblijvers" in i.profiles and i.kind == "cursus"]
    assert linked_courses
    assert not set(linked_courses) & set(for_achterblijvers)
    assert all(not OFFER_KINDS.get(i.kind).facts["group"] for i in fitting_items("afhankelijken"))
    for_buitenstaanders = fitting_items("buitenstaanders")
    assert all(not DELIVERY.get(i.delivered_by).facts["volunteer"] for i in for_buitenstaanders)


def test_fitting_items_restricted_to_missing_types():
    items = fitting_items("buitenstaanders", missing_types=["monitoren"])
    assert items
    assert all("monitoren" in i.intervention_types for i in items)
    assert len(items) < len(fitting_items("buitenstaanders"))
    assert fitting_items("actieven", missing_types=[]) == []


def test_load_palette_reads_another_file(tmp_path):
    target = tmp_path / "p.csv"
    with open(target, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerow({"id": "X-1", "name": "Proef", "source": "003", "source_line": "1",
                         "kind": "een_op_een", "delivered_by": "professional",
                         "intervention_types": "monitoren",
                         "target_groups": "a|b", "evidence": "kansrijk", "duration": "lang",
                         "intensity": "licht", "description": "Test."})
    (item,) = load_palette(target)
    assert item.intervention_types == ("monitoren",)
    assert item.target_groups == ("a", "b")
    assert (item.duration, item.intensity, item.duration_line) == ("lang", "licht", 0)
    assert [i.id for i in fitting_items("compenseerders", path=target)] == ["X-1"]
    assert fitting_items("actieven", path=target) == []


# --- what the sources say (docs/referentiepalet.md) -------------------------

def _seed_lines() -> dict[str, list[str]]:
    return {seed: next(SEEDS.glob(f"{seed}_*.txt")).read_text(encoding="utf-8").split("\n")
            for seed in ("002", "003")}


#: A line that states a duration or a frequency: "Duur van de interventie",
#: "duurt", or a time unit ("6 weken", "een jaar", "wekelijks", "keer per",
#: "gedurende de studieperiode").
_TIME = re.compile(r"duur|dag|week|weken|wekelijks|maand|jaar|uur|keer per|periode", re.I)

#: A line that states research or its result.
_RESEARCH = re.compile(r"onderzoek|effect|evaluat|meting|studie|databank|pilot", re.I)


def test_duration_and_intensity_codes_are_in_their_vocabulary():
    for item in load_palette():
        assert item.duration in ("", *DURATIONS.codes), item.id
        assert item.intensity in ("", *INTENSITIES.codes), item.id
        if item.duration or item.intensity:
            assert item.duration_line > 0, item.id


@pytest.mark.skipif(not SEEDS.exists(), reason="seed texts not available")
def test_duration_lines_state_a_duration_or_frequency():
    texts = _seed_lines()
    for item in load_palette():
        if not item.duration_line:
            continue
        line = texts[item.source][item.duration_line - 1]
        if item.source == "002":
            # 002 has the field for every intervention, inside the item's own block
            assert line.startswith("Duur van de interventie"), (item.id, line)
            assert abs(item.duration_line - item.source_line) < 120, item.id
        if item.duration:
            assert _TIME.search(line), (item.id, line)
    # every 002 item points at its own "Duur van de interventie", also when it is
    # "Niet opgegeven" or "Onbeperkt" (then the duration stays empty)
    assert all(i.duration_line for i in load_palette() if i.source == "002")


@pytest.mark.skipif(not SEEDS.exists(), reason="seed texts not available")
def test_evidence_line_is_set_for_every_onderbouwd_item_and_states_research():
    texts = _seed_lines()
    for item in load_palette():
        if item.evidence == "onderbouwd":
            assert item.evidence_line > 0, item.id
        if item.evidence_line:
            # the sentence that starts on this line (it may name the study at its end)
            sentence = " ".join(texts[item.source][item.evidence_line - 1:item.evidence_line + 2])
            assert _RESEARCH.search(sentence), (item.id, sentence)
        if item.source == "002":
            # every 002 intervention has an "Effecten" field: never "onbekend"
            assert item.evidence != "onbekend" and item.evidence_line, item.id


def test_same_intervention_same_evidence_unless_documented():
    by_id = palette.palette_by_id()
    same = [("R002-03", "R003-10"), ("R002-04", "R003-11"), ("R002-06", "R003-02"),
            ("R002-08", "R003-61"), ("R002-09", "R003-18"), ("R002-11", "R003-48"),
            ("R002-26", "R003-48"), ("R002-12", "R003-13"), ("R002-15", "R003-07"),
            ("R002-18", "R003-20"), ("R002-19", "R003-16"), ("R002-20", "R003-21"),
            ("R002-25", "R003-47"), ("R002-31", "R003-53"), ("R002-41", "R003-52")]
    for a, b in same:
        assert by_id[a].evidence == by_id[b].evidence, (a, b)
    assert by_id["R002-06"].evidence == by_id["R002-15"].evidence == "onderbouwd"
    # documented in docs/referentiepalet.md: 003 reports no research for these entries
    differ = {("R002-01", "R003-32"), ("R002-20", "R003-63")}
    for a, b in differ:
        assert (by_id[a].evidence, by_id[b].evidence) == ("onderbouwd", "kansrijk"), (a, b)


@pytest.mark.skipif(not SEEDS.exists(), reason="seed texts not available")
def test_practice_example_where_002_marks_it():
    lines = _seed_lines()["002"]
    for item in load_palette():
        title = " ".join(lines[item.source_line - 1:item.source_line + 1])
        marked = item.source == "002" and "(een praktijkvoorbeeld)" in title
        assert item.practice_example == marked, item.id
    assert sum(i.practice_example for i in load_palette()) == 6


def test_delivered_by_as_002_says():
    by_id = palette.palette_by_id()
    assert by_id["R002-13"].delivered_by == "professional_vrijwilliger"   # 002 L2482-2486
    assert by_id["R002-20"].delivered_by == "professional_vrijwilliger"   # 002 L3025-3026
    assert by_id["R002-30"].delivered_by == "vrijwilliger"                # 002 L3730
    assert by_id["R002-40"].delivered_by == "zelfstudie"                  # 002 L4438
    assert not DELIVERY.get("zelfstudie").facts["volunteer"]


@pytest.mark.skipif(not SEEDS.exists(), reason="seed texts not available")
def test_002_source_lines_are_in_the_descriptions_not_the_register():
    lines = _seed_lines()["002"]
    register = next(n for n, line in enumerate(lines, 1) if "Register alfabetisch" in line)
    first = next(n for n, line in enumerate(lines, 1) if "Kenmerken van de interventie" in line)
    for item in load_palette():
        if item.source == "002":
            assert first < item.source_line < register, item.id
