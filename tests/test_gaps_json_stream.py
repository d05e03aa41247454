"""The streamed JSON of ``gaps --format json`` holds what ``to_json_dict`` holds (issue 11).

With ``--details`` everything; without, the long per-cell and per-change
lists (``DETAIL_CELL_KEYS``, ``DETAIL_CHANGE_KEYS``) are left out and nothing else.
"""

import io
import json

import pytest

from coalition_map.analysis import analyze, to_json_dict
from coalition_map.analysis.suggestions import suggestions
from coalition_map.commands.gaps import DETAIL_CELL_KEYS, DETAIL_CHANGE_KEYS, write_json
from tests.answers import TODAY, load


@pytest.fixture(scope="module")
def sparse(tmp_path_factory):
    coalition = load("sparse", tmp_path_factory.mktemp("sparse"))
    return coalition, analyze(coalition, today=TODAY)


def _expected(coalition, analysis, wijk=None):
    data = to_json_dict(analysis, wijk=wijk)
    data["suggestions"] = [s.to_dict() for s in suggestions(
        coalition, cells=analysis.cells, index=analysis.engine.index, wijk=wijk)]
    return json.loads(json.dumps(data))


@pytest.mark.parametrize("wijk", [None, "WK000102"])
def test_details_equal_the_whole_dict(sparse, wijk):
    coalition, analysis = sparse
    out = io.StringIO()
    write_json(coalition, analysis, out, wijk=wijk, details=True)
    data = json.loads(out.getvalue())
    assert data.pop("details") is True
    assert data.pop("by_partner") is True
    assert data == _expected(coalition, analysis, wijk)


def test_without_details_only_the_long_lists_go(sparse):
    coalition, analysis = sparse
    out = io.StringIO()
    write_json(coalition, analysis, out)
    data = json.loads(out.getvalue())
    assert data.pop("details") is False
    assert data.pop("by_partner") is True
    expected = _expected(coalition, analysis)
    for cell in expected["cells"]:
        for key in DETAIL_CELL_KEYS:
            del cell[key]
    for changes in expected["fragility"]["by_partner"].values():
        for change in changes:
            for key in DETAIL_CHANGE_KEYS:
                del change[key]
    assert data == expected
    assert any(expected["fragility"]["by_partner"].values())
