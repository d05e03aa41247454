"""Benchmark of loading and the gap analysis at three scales (prints figures; not a test).

    python benchmarks/run.py                       # example data, city and region
    python benchmarks/run.py --scales example,city,region,national

Per scale, in a fresh subprocess (so peak memory is per scale): generate the
synthetic coalition (``benchmarks/generate.py``), write it as CSV files,
then time

* ``load``       -- ``coalition_map.loading.load_folder`` (read + validate)
* ``graph``      -- ``coalition_map.graph.build_graph``
* ``coverage``   -- indexes + the wijk × profile matrix with reachability
* ``chain``      -- chain roles per wijk
* ``fragility``  -- cells that change when each partner leaves (every partner)
* ``brokers``    -- articulation points, betweenness, cut cells
* ``rest``       -- conflicts and ranked gaps

``analysis`` is coverage + chain + fragility + brokers + rest (what
``analyze()`` does); the target at national scale is ``analysis`` < 2 ×
``load`` and peak memory (max RSS of the process) < 2 GB.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

PHASES = ("load", "graph", "coverage", "chain", "fragility", "brokers", "rest")


def _rss_mb() -> float:
    # ru_maxrss is in kilobytes on Linux
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def worker(scale: str, seed: int) -> dict:
    import datetime as dt

    from benchmarks.generate import generate, write
    from coalition_map.analysis.wijkchain import chain_per_wijk
    from coalition_map.analysis.coverage import Engine, conflicts
    from coalition_map.analysis.fragility import brokers, fragility
    from coalition_map.analysis.index import Index, gc_paused
    from coalition_map.analysis.priority import ranked_gaps, resolve_mix
    from coalition_map.graph import build_graph
    from coalition_map.loading import load_folder

    today = dt.date(2026, 6, 1)
    result: dict = {"scale": scale, "generate": 0.0, "write": 0.0}
    with tempfile.TemporaryDirectory() as tmp:
        if scale == "example":          # the bundled example coalition (data/)
            from coalition_map.paths import bundled_data_dir
            folder = bundled_data_dir()
        else:
            t = time.perf_counter()
            generated = generate(scale, seed=seed)
            result["generate"] = time.perf_counter() - t
            folder = Path(tmp) / scale
            t = time.perf_counter()
            write(generated, folder)
            result["write"] = time.perf_counter() - t
            del generated
        result["files_mb"] = sum(p.stat().st_size for p in folder.iterdir()
                                 if p.suffix == ".csv") / 1e6
        rss_before_load = _rss_mb()
        t = time.perf_counter()
        loaded = load_folder(folder)
        result["load"] = time.perf_counter() - t
    if not loaded.ok:
        raise SystemExit(f"laden mislukt: {loaded.problems[:3]}")
    c = loaded.coalition
    result["counts"] = {"wijken": len(c.wijken), "partners": len(c.partners),
                        "offers": len(c.offers), "referrals": len(c.referrals)}

    t = time.perf_counter()
    g = build_graph(c, today=today)
    result["graph"] = time.perf_counter() - t
    result["graph_size"] = [g.number_of_nodes(), g.number_of_edges()]
    del g
    gc.collect()                # the graph holds reference cycles

    paused = gc_paused()        # as analyze() does
    paused.__enter__()
    t = time.perf_counter()
    index = Index(c, today=today)
    engine = Engine(index, resolve_mix("gelijk"))
    cells = engine.matrix()
    result["coverage"] = time.perf_counter() - t

    t = time.perf_counter()
    chain_per_wijk(c, cells=cells, index=index)
    result["chain"] = time.perf_counter() - t

    t = time.perf_counter()
    frag = fragility(c, cells=cells, engine=engine)
    result["fragility"] = time.perf_counter() - t
    result["changes"] = sum(len(v) for v in frag.by_partner.values())

    t = time.perf_counter()
    brk = brokers(c, frag=frag, index=index)
    result["brokers"] = time.perf_counter() - t
    result["broker_count"] = len(brk)

    t = time.perf_counter()
    conflicts(c, today=today)
    ranked_gaps(cells)
    result["rest"] = time.perf_counter() - t
    paused.__exit__(None, None, None)

    result["analysis"] = sum(result[k] for k in ("coverage", "chain", "fragility", "brokers",
                                                 "rest"))
    result["ratio"] = result["analysis"] / result["load"] if result["load"] else None
    states: dict[str, int] = {}
    for cell in cells.values():
        states[cell.state] = states.get(cell.state, 0) + 1
    result["states"] = states
    result["rss_before_load_mb"] = rss_before_load
    result["peak_rss_mb"] = _rss_mb()
    result["loadavg"] = os.getloadavg()[0]
    return result


def run_scale(scale: str, seed: int) -> dict:
    proc = subprocess.run([sys.executable, __file__, "--worker", scale, "--seed", str(seed)],
                          capture_output=True, text=True, cwd=ROOT)
    if proc.returncode != 0:
        raise SystemExit(f"{scale}: {proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def print_table(results: list[dict]) -> None:
    head = ["schaal", "wijken", "partners", "aanbod", "routes", "laden", "graaf",
            "dekking", "keten", "kwetsbaar", "makelaars", "rest", "analyse", "analyse/laden",
            "piek MB"]
    rows = []
    for r in results:
        n = r["counts"]
        rows.append([r["scale"], str(n["wijken"]), str(n["partners"]), str(n["offers"]),
                     str(n["referrals"])]
                    + [f"{r[k]:.2f}s" for k in ("load", "graph", "coverage", "chain",
                                                 "fragility", "brokers", "rest", "analysis")]
                    + [f"{r['ratio']:.2f}", f"{r['peak_rss_mb']:.0f}"])
    widths = [max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(head)]
    print(" | ".join(h.ljust(w) for h, w in zip(head, widths)))
    print("-|-".join("-" * w for w in widths))
    for row in rows:
        print(" | ".join(v.rjust(w) for v, w in zip(row, widths)))
    for r in results:
        print(f"{r['scale']}: genereren {r['generate']:.1f}s, schrijven {r['write']:.1f}s, "
              f"{r['files_mb']:.1f} MB CSV, graaf {r['graph_size'][0]} knopen / "
              f"{r['graph_size'][1]} kanten, cellen {r['states']}, "
              f"veranderingen bij vertrek {r['changes']}, makelaars {r['broker_count']}, "
              f"systeembelasting {r['loadavg']:.1f}")
    print(f"processors: {os.cpu_count()}, Python {sys.version.split()[0]}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="example,city,region")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--worker", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--json", action="store_true", help="print the raw figures as JSON")
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(worker(args.worker, args.seed)))
        return 0
    results = []
    for scale in [s.strip() for s in args.scales.split(",") if s.strip()]:
        results.append(run_scale(scale, args.seed))
        print(f"... {scale} klaar", file=sys.stderr)
    if args.json:
        print(json.dumps(results, indent=2))
    print_table(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
