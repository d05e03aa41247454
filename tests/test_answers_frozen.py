"""The analysis gives the same answers as the code before the speed work (issue 11).

``tests/fixtures/answers_frozen.json`` was generated from the code as it was
before any speed change (``python -m tests.answers --write``) on four data
sets in coordinators' spelling (two cities, four towns with partners and
referrals across municipalities, a sparse set with every cell state). Cell
states, reason kinds and texts, routes, offers, partners, fragility,
brokers, chain, conflicts, ranked gaps and suggestions must stay equal.
"""

import json

import pytest

from tests.answers import DATASETS, FIXTURE, answers

FROZEN = json.loads(FIXTURE.read_text())


@pytest.mark.parametrize("name", [d[0] for d in DATASETS])
def test_answers_equal_frozen(name, tmp_path):
    now = answers(name, tmp_path)
    then = FROZEN[name]
    for section in then:
        if section == "cells":
            diff = [k for k in then["cells"] if then["cells"][k] != now["cells"].get(k)]
            assert not diff, f"{name}: {len(diff)} cells differ, first {diff[0]}: " \
                             f"{then['cells'][diff[0]]} != {now['cells'].get(diff[0])}"
            assert set(now["cells"]) == set(then["cells"])
        else:
            assert now[section] == then[section], f"{name}: {section} differs"


def test_frozen_answers_cover_every_state():
    states = {c[0] for d in FROZEN.values() for c in d["cells"].values()}
    assert states == {"covered", "partial", "uncovered", "unreachable"}
