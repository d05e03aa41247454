"""Benchmark of peilmomenten: snapshot size and time, and compare time (prints figures).

    python benchmarks/peilmomenten.py --scales example,region [--repeat 3]

Per scale: the gap analysis (the baseline, measured in the same run), building
the snapshot payload from that analysis and writing it as JSON (``snapshot``),
storing it in a fresh SQLite store (``opslaan``), reading it back (``lezen``)
and comparing two peilmomenten (``vergelijken``: the second has 5 % fewer
offers and referrals). CPU time (``time.process_time``), medians of
``--repeat`` runs. Size: the JSON payload as stored, in kB.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coalition_map import peilmomenten as pm  # noqa: E402
from coalition_map.analysis import analyze  # noqa: E402

TODAY = dt.date(2026, 6, 1)


def _coalition(scale: str):
    if scale == "example":
        from coalition_map.loading import load_folder
        from coalition_map.paths import bundled_data_dir
        result = load_folder(bundled_data_dir())
        return result.coalition, result.plan
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import generate
    return generate(scale, seed=1), None


def _cpu(fn):
    start = time.process_time()
    value = fn()
    return time.process_time() - start, value


def run(scale: str, repeat: int) -> dict:
    from coalition_map.store import open_store
    from coalition_map.store.snapshots import load_snapshot, save_snapshot
    coalition, plan = _coalition(scale)
    later = dataclasses.replace(
        coalition, offers=[o for i, o in enumerate(coalition.offers) if i % 20],
        referrals=[r for i, r in enumerate(coalition.referrals) if i % 20])
    times = {k: [] for k in ("analyse", "snapshot", "opslaan", "lezen", "vergelijken")}
    size = 0
    for i in range(repeat):
        t, analysis = _cpu(lambda: analyze(coalition, today=TODAY))
        times["analyse"].append(t)
        t, text = _cpu(lambda: json.dumps(pm.build(coalition, plan, analysis, name="A",
                                                   today=TODAY), ensure_ascii=False))
        times["snapshot"].append(t)
        size = len(text.encode("utf-8"))
        payload = json.loads(text)
        with tempfile.TemporaryDirectory() as tmp:
            store = open_store(str(Path(tmp) / "s.sqlite"), seed=False)
            t, _ = _cpu(lambda: save_snapshot(store, payload, author="bench"))
            times["opslaan"].append(t)
            t, a = _cpu(lambda: pm.read(load_snapshot(store, "A")[0]))
            times["lezen"].append(t)
            store.close()
        b = pm.read(pm.build(later, plan, name="B", today=TODAY))
        t, diff = _cpu(lambda: pm.compare(a, b))
        times["vergelijken"].append(t)
    return {"scale": scale, "wijken": len(coalition.wijken), "partners": len(coalition.partners),
            "offers": len(coalition.offers), "kB": round(size / 1024),
            **{k: statistics.median(v) for k, v in times.items()},
            "changes": len(diff.cells_changed) + len(diff.routes)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="example,region")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    print("| schaal | wijken | partners | aanbod | grootte (kB) | analyse (s) | snapshot (s) "
          "| opslaan (s) | lezen (s) | vergelijken (s) | verschillen |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for scale in [s.strip() for s in args.scales.split(",") if s.strip()]:
        r = run(scale, args.repeat)
        print(f"| {r['scale']} | {r['wijken']} | {r['partners']} | {r['offers']} | {r['kB']} "
              f"| {r['analyse']:.2f} | {r['snapshot']:.2f} | {r['opslaan']:.2f} "
              f"| {r['lezen']:.2f} | {r['vergelijken']:.3f} | {r['changes']} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
