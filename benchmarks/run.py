"""Benchmark: the product against ``pandas.read_csv`` of the same files (figures; not a test).

    python benchmarks/run.py                                   # city, region
    python benchmarks/run.py --scales city,region,national,national2
    python benchmarks/run.py --scales national --repeat 1 --json

Per scale the files are written once by :mod:`benchmarks.coordinators`
(coordinators' spelling: labels, Dutch dates and numbers, ``;``). Then every
measurement runs ``--repeat`` times (default 3), each time in a fresh
subprocess, and the table shows the median CPU time (``time.process_time``
inside the process, or the child's user+system time for the commands) with
the median wall time beside it, and the peak RSS (``ru_maxrss``):

* ``pandas``    -- ``pandas.read_csv`` of every file (``sep=";"``), the baseline
* ``lezen``     -- ``loading.load_folder``: read + validate
* ``graaf``     -- ``graph.build_graph`` (after an untimed load)
* ``analyse``   -- coverage, chain, fragility, brokers, rest (what ``analyze()`` does);
                   the parts are printed below the table
* ``json``      -- the JSON ``gaps --format json`` writes, into a file
* ``gaps``      -- ``coalition-map gaps --format json --data MAP > file``, end to end
* ``import``    -- ``coalition-map import --data MAP --db sqlite:///leeg.db`` (new database)
* ``validate``  -- ``coalition-map validate --data MAP``

``lezen``, ``graaf``, ``analyse`` and ``json`` run one after the other in one
process (each timed on its own); their peak RSS is that process's. Ratios are
to the ``pandas`` median of the same run. The growth exponent per step is
the slope of log(CPU) against log(number of offers) over the scales measured
(least squares).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

STEPS = ("pandas", "lezen", "graaf", "analyse", "json", "gaps", "import", "validate")
PARTS = ("dekking", "keten", "kwetsbaar", "makelaars", "rest")
TODAY = "2026-06-01"


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --- workers (each in a fresh process) -----------------------------------------------


def _timed(fn):
    c, w = time.process_time(), time.perf_counter()
    value = fn()
    return value, time.process_time() - c, time.perf_counter() - w


def worker_pandas(folder: Path) -> dict:
    import pandas as pd
    files = sorted(p for p in folder.iterdir() if p.suffix == ".csv")

    def read():
        return [pd.read_csv(p, sep=";", encoding="cp1252", dtype=str) for p in files]

    frames, cpu, wall = _timed(read)
    return {"pandas": [cpu, wall, _peak_mb()], "rows": sum(len(f) for f in frames)}


def worker_pipeline(folder: Path, json_out: Path) -> dict:
    import datetime as dt
    import gc

    from coalition_map.analysis.wijkchain import chain_per_wijk
    from coalition_map.analysis.coverage import Engine, conflicts
    from coalition_map.analysis.fragility import brokers, fragility
    from coalition_map.analysis.index import Index, gc_paused
    from coalition_map.analysis.priority import ranked_gaps, resolve_mix
    from coalition_map.graph import build_graph
    from coalition_map.loading import load_folder

    today = dt.date.fromisoformat(TODAY)
    out: dict = {}
    loaded, cpu, wall = _timed(lambda: load_folder(folder))
    if not loaded.ok:
        raise SystemExit(f"laden mislukt: {[str(p) for p in loaded.errors[:3]]}")
    out["lezen"] = [cpu, wall, _peak_mb()]
    c = loaded.coalition
    out["counts"] = {"wijken": len(c.wijken), "partners": len(c.partners),
                     "offers": len(c.offers), "referrals": len(c.referrals)}

    g, cpu, wall = _timed(lambda: build_graph(c, today=today))
    out["graaf"] = [cpu, wall, _peak_mb()]
    out["graph_size"] = [g.number_of_nodes(), g.number_of_edges()]
    del g
    gc.collect()

    parts = {}
    with gc_paused():
        c0, w0 = time.process_time(), time.perf_counter()
        (index, engine, cells), parts["dekking"], _ = _timed(lambda: _coverage(
            c, today, Index, Engine, resolve_mix))
        chain, parts["keten"], _ = _timed(lambda: chain_per_wijk(c, cells=cells, index=index))
        frag, parts["kwetsbaar"], _ = _timed(lambda: fragility(c, cells=cells, engine=engine))
        brk, parts["makelaars"], _ = _timed(lambda: brokers(c, frag=frag, index=index))
        (conf, gaps), parts["rest"], _ = _timed(lambda: (conflicts(c, index=index),
                                                         ranked_gaps(cells)))
        out["analyse"] = [time.process_time() - c0, time.perf_counter() - w0, _peak_mb()]
    out["parts"] = parts

    from coalition_map.analysis.report import GapAnalysis
    analysis = GapAnalysis(cells=cells, conflicts=conf, chain=chain, fragility=frag,
                           brokers=brk, gaps=gaps, mix=engine.mix, today=today, engine=engine)
    out["states"] = analysis.counts()
    _, cpu, wall = _timed(lambda: _write_json(c, analysis, json_out))
    out["json"] = [cpu, wall, _peak_mb()]
    out["json_mb"] = json_out.stat().st_size / 1e6
    return out


def _coverage(c, today, Index, Engine, resolve_mix):
    index = Index(c, today=today)
    engine = Engine(index, resolve_mix("gelijk"))
    return index, engine, engine.matrix()


def _write_json(coalition, analysis, path: Path) -> None:
    """What ``gaps --format json`` writes after the analysis (the command's own writer)."""
    from coalition_map.commands import gaps as gaps_command
    with open(path, "w", encoding="utf-8") as fh:
        writer = getattr(gaps_command, "write_json", None)
        if writer is not None:
            writer(coalition, analysis, fh)
            return
        from coalition_map.analysis import to_json_dict
        from coalition_map.analysis.suggestions import suggestions
        data = to_json_dict(analysis)
        data["suggestions"] = [s.to_dict() for s in suggestions(
            coalition, cells=analysis.cells, index=analysis.engine.index)]
        json.dump(data, fh, ensure_ascii=False, indent=2)


# --- the commands ----------------------------------------------------------------------


def _command(args: list[str], stdout_path: Path, checkout: Path = ROOT) -> list[float]:
    """Run the CLI of ``checkout`` (default: this one) in a child; [cpu, wall, peak MB]
    from wait4 (worker processes it waited for included)."""
    code = ("import sys; from coalition_map.cli import main; sys.exit(main(sys.argv[1:]))")
    env = dict(os.environ, PYTHONPATH=str(checkout))
    with open(stdout_path, "wb") as fh:
        w = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-c", code, *args], stdout=fh,
                                stderr=subprocess.PIPE, cwd=checkout, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - w
        stderr = proc.stderr.read().decode(errors="replace")
        proc.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(args[:1])} in {checkout} mislukt: {stderr[-2000:]}")
    return [usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss / 1024]


def _in_child(kind: str, folder: Path, tmp: Path) -> dict:
    proc = subprocess.run([sys.executable, __file__, "--worker", kind, "--folder", str(folder),
                           "--tmp", str(tmp)], capture_output=True, text=True, cwd=ROOT)
    if proc.returncode != 0:
        raise SystemExit(f"{kind}: {proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def measure(scale: str, repeat: int, seed: int) -> dict:
    from benchmarks.coordinators import write_coalition
    with tempfile.TemporaryDirectory() as tmpname:
        tmp = Path(tmpname)
        folder = tmp / scale
        counts = write_coalition(scale, folder, seed=seed)
        runs: dict[str, list] = {s: [] for s in STEPS}
        parts: dict[str, list] = {p: [] for p in PARTS}
        extra: dict = {"counts": counts, "scale": scale,
                       "files_mb": sum(p.stat().st_size for p in folder.iterdir()) / 1e6}
        load = []
        for i in range(repeat):
            r = _in_child("pandas", folder, tmp)
            runs["pandas"].append(r["pandas"])
            r = _in_child("pipeline", folder, tmp)
            for s in ("lezen", "graaf", "analyse", "json"):
                runs[s].append(r[s])
            for p in PARTS:
                parts[p].append(r["parts"][p])
            extra.update(states=r["states"], graph_size=r["graph_size"], json_mb=r["json_mb"])
            out = tmp / "gaps.json"
            runs["gaps"].append(_command(["gaps", "--format", "json", "--data", str(folder),
                                          "--datum", TODAY], out))
            extra["gaps_mb"] = out.stat().st_size / 1e6
            db = tmp / f"import{i}.db"
            runs["import"].append(_command(["import", "--data", str(folder), "--db",
                                            f"sqlite:///{db}"], tmp / "import.txt"))
            runs["validate"].append(_command(["validate", "--data", str(folder)],
                                             tmp / "validate.txt"))
            load.append(os.getloadavg()[0])
            print(f"... {scale} ronde {i + 1}/{repeat}", file=sys.stderr)
    result = {"scale": scale, "repeat": repeat, **extra, "loadavg": load,
              "parts": {p: statistics.median(v) for p, v in parts.items()}}
    for s in STEPS:
        result[s] = {"cpu": statistics.median(r[0] for r in runs[s]),
                     "wall": statistics.median(r[1] for r in runs[s]),
                     "peak_mb": max(r[2] for r in runs[s]),
                     "cpu_all": [r[0] for r in runs[s]]}
    return result


def exponents(results: list[dict]) -> dict[str, float | None]:
    """Least-squares slope of log(cpu) on log(offers), per step.

    >>> exponents([{"counts": {"offers": 10}, "a": {"cpu": 1.0}},
    ...            {"counts": {"offers": 100}, "a": {"cpu": 10.0}}])["a"]
    1.0
    """
    out: dict[str, float | None] = {}
    keys = [k for k in results[0] if isinstance(results[0][k], dict) and "cpu" in results[0][k]]
    for step in keys:
        pts = [(math.log(r["counts"]["offers"]), math.log(r[step]["cpu"]))
               for r in results if r[step]["cpu"] > 0]
        if len(pts) < 2:
            out[step] = None
            continue
        mx = sum(x for x, _ in pts) / len(pts)
        my = sum(y for _, y in pts) / len(pts)
        sxx = sum((x - mx) ** 2 for x, _ in pts)
        out[step] = round(sum((x - mx) * (y - my) for x, y in pts) / sxx, 2) if sxx else None
    return out


def print_table(results: list[dict]) -> None:
    head = ["stap"] + [r["scale"] for r in results]
    rows = []
    for s in STEPS:
        row = [s]
        for r in results:
            base = r["pandas"]["cpu"]
            m = r[s]
            ratio = "" if s == "pandas" else f" ({m['cpu'] / base:.0f}×)" if base else ""
            row.append(f"{m['cpu']:.2f}s{ratio} / {m['wall']:.2f}s wand / "
                       f"{m['peak_mb']:.0f} MB")
        rows.append(row)
    widths = [max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(head)]
    print(" | ".join(h.ljust(w) for h, w in zip(head, widths)))
    print("-|-".join("-" * w for w in widths))
    for row in rows:
        print(" | ".join(v.ljust(w) if i == 0 else v.rjust(w)
                         for i, (v, w) in enumerate(zip(row, widths))))
    print("(CPU-mediaan (× pandas.read_csv-CPU in dezelfde run) / wandtijd-mediaan / piek-RSS)")
    if len(results) >= 2:
        exp = exponents(results)
        print("groei-exponent (log CPU tegen log aanbod): "
              + ", ".join(f"{k} {v}" for k, v in exp.items()))
    for r in results:
        print(f"{r['scale']}: {r['counts']}, {r['files_mb']:.1f} MB CSV, "
              f"{r['repeat']}× gemeten, analyse-delen "
              + ", ".join(f"{p} {v:.2f}s" for p, v in r["parts"].items())
              + f", graaf {r['graph_size']}, json {r['json_mb']:.1f} MB (gaps "
              f"{r['gaps_mb']:.1f} MB), cellen {r['states']}, belasting "
              + "/".join(f"{x:.1f}" for x in r["loadavg"]))
    print(f"processors: {os.cpu_count()}, Python {sys.version.split()[0]}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="city,region")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--repeat-large", type=int, default=None,
                        help="rounds for national and national2 (default: --repeat); a national "
                             "round takes minutes, so all four scales fit one run")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", action="store_true", help="print the raw figures as JSON")
    parser.add_argument("--worker", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--tmp", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker == "pandas":
        print(json.dumps(worker_pandas(args.folder)))
        return 0
    if args.worker == "pipeline":
        print(json.dumps(worker_pipeline(args.folder, args.tmp / "pipeline.json")))
        return 0
    results = []
    for scale in [s.strip() for s in args.scales.split(",") if s.strip()]:
        large = scale.startswith("national") and args.repeat_large is not None
        results.append(measure(scale, args.repeat_large if large else args.repeat, args.seed))
        print(f"... {scale} klaar", file=sys.stderr)
    if args.json:
        print(json.dumps(results, indent=2))
    print_table(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
