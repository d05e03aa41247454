"""The bundled reference palette (002 + 003): file, codes, sources, fitting_items."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from coalition_map import palette
from coalition_map.palette import COLUMNS, PALETTE_PATH, fitting_items, load_palette
from coalition_map.typology import INTERVENTION_TYPES, PROFILES, rules_excluding
from coalition_map.vocab import DELIVERY, EVIDENCE, OFFER_KINDS, normalize

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


def test_derived_profiles_respect_the_rules_and_the_types():
    for item in load_palette():
        if item.profiles_source != "afgeleid":
            continue
        for code in item.profiles:
            assert not rules_excluding(item, code), (item.id, code)
            assert set(item.intervention_types) & set(PROFILES[code].fitting_types)


def test_002_table_conflicts_are_kept_not_fixed():
    # 002's table links volunteer-run interventions to Buitenstaanders; the
    # palette keeps that and the rules flag it.
    conflicts = [i for i in load_palette()
                 if i.source == "002" and "buitenstaanders" in i.rule_conflicts]
    assert conflicts, "002 links volunteer work to Buitenstaanders"
    assert all(DELIVERY.get(i.delivered_by).facts["volunteer"] for i in conflicts)


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
        assert not rules_excluding(item, code), (code, item.id)
        assert code in item.profiles or set(item.intervention_types) & fitting
    ranks = [("onderbouwd", "kansrijk", "onbekend").index(i.evidence) for i in items]
    assert ranks == sorted(ranks), "onderbouwd first"


def test_fitting_items_leave_out_what_the_rules_forbid():
    for_achterblijvers = fitting_items("achterblijvers")
    assert all(not OFFER_KINDS.get(i.kind).facts["group"] for i in for_achterblijvers)
    # a linked, group-kind item is left out
    linked_groups = [i for i in load_palette()
                     if "achterblijvers" in i.profiles and OFFER_KINDS.get(i.kind).facts["group"]]
    assert linked_groups
    assert not set(linked_groups) & set(for_achterblijvers)
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
                         "intervention_types": "monitoren|praktische_problemen",
                         "target_groups": "a|b", "evidence": "kansrijk", "duration": "lang",
                         "intensity": "licht", "description": "Test."})
    (item,) = load_palette(target)
    assert item.intervention_types == ("monitoren", "praktische_problemen")
    assert item.target_groups == ("a", "b")
    assert (item.duration, item.intensity, item.duration_line) == ("lang", "licht", 0)
    assert [i.id for i in fitting_items("compenseerders", path=target)] == ["X-1"]
    assert fitting_items("actieven", path=target) == []
