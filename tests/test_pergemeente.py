"""The analysis per gemeente, in worker processes, gives the same JSON (issue 11).

``analyze(workers=N)`` computes the matrix and the changes per partner per
gemeente (:mod:`coalition_map.analysis.pergemeente`), forked into N processes;
``analyze()`` computes them in one go. On data sets with several gemeenten and
referral routes across their borders the whole ``gaps --format json --details``
output must be the same, and the brokers without the changes per partner
(``by_partner=False``, :func:`~coalition_map.analysis.fragility.partner_cuts`)
must be the brokers read from them.
"""

import io
import json

import pytest

from benchmarks.coordinators import Scale, write_coalition
from coalition_map.analysis import analyze
from coalition_map.analysis.pergemeente import can_fork, chunks, gemeenten
from coalition_map.commands.gaps import write_json
from coalition_map.loading import load_folder
from tests.answers import TODAY, load

#: 12 gemeenten, 90 wijken; about 3 % of the referrals cross a municipal border
MANY = Scale("gemeenten", 12, 90, 600, 3000, 1500)


@pytest.fixture(scope="module", params=["towns", "sparse", "many"])
def coalition(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp(request.param)
    if request.param != "many":
        return load(request.param, folder)
    write_coalition(MANY, folder, seed=3)
    result = load_folder(folder)
    assert result.ok
    return result.coalition


def _json(coalition, analysis, details=True) -> str:
    out = io.StringIO()
    write_json(coalition, analysis, out, details=details)
    return out.getvalue()


def test_the_data_cross_municipal_borders(coalition):
    """The split is only tested when there is something to split, across borders."""
    mun = {p.id: p.municipality for p in coalition.partners}
    groups = {w.municipality for w in coalition.wijken}
    crossing = [r for r in coalition.referrals
                if mun.get(r.from_partner) and mun.get(r.to_partner)
                and mun[r.from_partner] != mun[r.to_partner]]
    assert len(groups) >= 3 and crossing


def test_per_gemeente_in_processes_gives_the_same_json(coalition):
    whole = _json(coalition, analyze(coalition, today=TODAY))
    split = _json(coalition, analyze(coalition, today=TODAY, workers=1))
    assert split == whole
    if can_fork():
        forked = _json(coalition, analyze(coalition, today=TODAY, workers=2))
        assert forked == whole
    assert json.loads(whole)["fragility"]["by_partner"]


@pytest.mark.parametrize("workers", [None, 2])
def test_brokers_without_the_changes_per_partner_are_the_same(coalition, workers):
    full = analyze(coalition, today=TODAY)
    short = analyze(coalition, today=TODAY, workers=workers, by_partner=False)
    assert short.fragility is not None and not short.fragility.complete
    assert short.brokers == full.brokers
    if len(coalition.wijken) == MANY.wijken:   # cut cells to compare, not only ()
        assert sum(len(b.unreachable_cells) for b in full.brokers) >= 5
    data = json.loads(_json(coalition, short, details=False))
    expected = json.loads(_json(coalition, full, details=False))
    assert data.pop("by_partner") is False and expected.pop("by_partner") is True
    del expected["fragility"]["by_partner"]
    assert data == expected


def test_chunks_keep_whole_gemeenten(coalition):
    from coalition_map.analysis.index import Index
    index = Index(coalition, today=TODAY)
    groups = gemeenten(index)
    parts = chunks(groups, 4)
    assert sorted(code for part in parts for code in part) == sorted(index.wijken)
    where = {code: i for i, part in enumerate(parts) for code in part}
    assert all(len({where[code] for code in group}) == 1 for group in groups)
