"""Lost updates: editors in separate processes edit the same Keuzes / step like the page.

Each of 4 processes makes 25 edits to one record the way the Stappenplan does
(read it with its version when the form is drawn, change one field, save
with that version; refused: reload and try again). Every edit must survive:
in the final record and in the history. See tests/concurrency.py (also for
the figures with the old way of saving).
"""

from __future__ import annotations

import pytest

from concurrency import TARGETS, prepare, run_editors
from coalition_map.store import open_store

PROCESSES, EDITS = 4, 25


@pytest.mark.parametrize("kind", ["plan_choices", "plan_steps"])
def test_no_update_is_lost_when_processes_edit_the_same_record(store_url, kind):
    prepare(store_url)
    store = open_store(store_url, seed=False)
    first_version = store.get(kind, TARGETS[kind])[1]
    store.close()
    result = run_editors(store_url, kind, PROCESSES, EDITS, mode="page")
    assert result["exit_codes"] == [0] * PROCESSES
    assert result["saved"] == PROCESSES * EDITS
    assert result["lost"] == 0, result                  # every edit is in the final record
    assert result["lost_from_history"] == 0, result     # ... and was recorded
    assert result["version"] == first_version + PROCESSES * EDITS
