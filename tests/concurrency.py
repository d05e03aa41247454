"""Editors in separate processes saving the same record, counting lost updates.

Each editor works the way a page does: read the record with its version
(the form is drawn), change one field (append its own token to ``notes``),
save; on a refusal reload and try again. An update is *lost* when its token
is missing from the final record although the save reported success.

``mode="page"`` sends the version read when the form was drawn (what the
pages do now); ``mode="save-time"`` reads the version again just before
saving, as the Stappenplan did before (its check then compares with the
current row, so it never refuses anything).

From the command line, for the figures in a report::

    python tests/concurrency.py URL plan_choices 8 50 save-time [THINK_SECONDS]
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import random
import sys
import time
import types

#: The record each kind's editors share (key for Store.get).
TARGETS = {"plan_choices": None, "plan_steps": 3}


def token(worker: int, edit: int) -> str:
    return f"[w{worker}e{edit}]"


def _editor(url: str, kind: str, worker: int, edits: int, mode: str, think: float, barrier,
            results) -> None:
    from coalition_map.store import StaleRecordError, open_store
    rng = random.Random(worker)
    store = open_store(url, seed=False)
    saved = refused = 0
    try:
        barrier.wait(60)
        for edit in range(edits):
            while True:
                obj, version = store.get(kind, TARGETS[kind])       # the form is drawn
                time.sleep(rng.uniform(0, think))                     # the user types
                if mode == "save-time":
                    version = store.get(kind, TARGETS[kind])[1]
                new = dataclasses.replace(obj, notes=obj.notes + token(worker, edit))
                try:
                    store.save(kind, new, author=f"w{worker}", expected_version=version)
                except StaleRecordError:
                    refused += 1                                      # reload, try again
                    continue
                saved += 1
                break
    finally:
        store.close()
        results.put((worker, saved, refused))


def _collect(results, procs, deadline: float) -> list:
    """The editors' counts; stops waiting once every editor has exited (a
    crashed editor never reports, and its exit code then fails the test)."""
    import queue
    counts = []
    while len(counts) < len(procs) and time.monotonic() < deadline:
        try:
            counts.append(results.get(timeout=1))
        except queue.Empty:
            if not any(p.is_alive() for p in procs):
                try:
                    while True:
                        counts.append(results.get(timeout=1))
                except queue.Empty:
                    break
    return counts


def run_editors(url: str, kind: str, processes: int, edits: int, mode: str = "page",
                think: float = 0.003) -> dict:
    """Run the editors on a store that already holds ``kind``; the counts afterwards.

    ``think`` is the longest pause (seconds) between drawing the form and saving.
    """
    from coalition_map.store import open_store
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(processes)
    results = ctx.Queue()
    procs = [ctx.Process(target=_editor, args=(url, kind, w, edits, mode, think, barrier,
                                                     results))
             for w in range(processes)]
    # A spawned child re-runs the parent's __main__ file; after an AppTest in the
    # same pytest run that is streamlit_app.py, which cannot run outside
    # Streamlit. The editors need nothing from __main__, so start them without.
    main = sys.modules["__main__"]
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        for p in procs:
            p.start()
    finally:
        sys.modules["__main__"] = main
    counts = _collect(results, procs, deadline=time.monotonic() + 600)
    for p in procs:
        p.join(60)
    store = open_store(url, seed=False)
    try:
        final, version = store.get(kind, TARGETS[kind])
        history = store.history(kind, TARGETS[kind], limit=None)
    finally:
        store.close()
    intended = [token(w, e) for w in range(processes) for e in range(edits)]
    in_history = {c.new.get("notes", "") for c in history if c.new}
    return {
        "intended": len(intended),
        "saved": sum(c[1] for c in counts),
        "refused": sum(c[2] for c in counts),
        "lost": sum(t not in final.notes for t in intended),
        "lost_from_history": sum(not any(t in n for n in in_history) for t in intended),
        "exit_codes": [p.exitcode for p in procs],
        "version": version,
    }


def prepare(url: str) -> None:
    """Fill a new store with the bundled example (it has steps and choices)."""
    from coalition_map.store import open_store
    open_store(url).close()


if __name__ == "__main__":   # python tests/concurrency.py URL KIND PROCESSES EDITS MODE [THINK]
    url, kind, n, edits, mode = sys.argv[1:6]
    think = float(sys.argv[6]) if len(sys.argv) > 6 else 0.003
    prepare(url)
    print(kind, mode, think, run_editors(url, kind, int(n), int(edits), mode, think))
