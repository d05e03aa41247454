"""Benchmark: ``gaps --format json`` at national scale, this checkout against another
checkout (the code before a change) and ``pandas.read_csv`` of the same files, in
one run (figures; not a test).

    python benchmarks/gaps_national.py --before /tmp/gaps-before --scales national,national2

Per scale the files are written once (:mod:`benchmarks.coordinators`); then each
round runs, each in a fresh process: ``pandas.read_csv`` of every file (the
baseline, ``benchmarks/run.py``'s worker), the ``gaps`` command of ``--before``
and the ``gaps`` command of this checkout (``--processen`` default: every core).
CPU is the child's user + system time from ``wait4``, which includes the
worker processes it waited for; peak is the largest ``ru_maxrss`` of the
child and its workers. Medians over ``--repeat`` rounds; the load average
after each round is printed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


from benchmarks.run import TODAY, _command, _in_child  # noqa: E402 - after the sys.path line


def measure(scale: str, before: Path, repeat: int, seed: int, extra: list[str]) -> dict:
    from benchmarks.coordinators import write_coalition
    runs: dict[str, list] = {"pandas": [], "before": [], "after": []}
    load = []
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        folder = tmp / scale
        counts = write_coalition(scale, folder, seed=seed)
        gaps = ["gaps", "--format", "json", "--data", str(folder), "--datum", TODAY]
        sizes = {}
        for i in range(repeat):
            # pandas: the worker of benchmarks/run.py, whose CPU is measured inside
            runs["pandas"].append(_in_child("pandas", folder, tmp)["pandas"])
            runs["before"].append(_command(gaps, tmp / "before.json", checkout=before))
            runs["after"].append(_command(gaps + extra, tmp / "after.json"))
            sizes = {k: (tmp / f"{k}.json").stat().st_size / 1e6 for k in ("before", "after")}
            load.append(os.getloadavg())
            print(f"... {scale} ronde {i + 1}/{repeat}: "
                  + ", ".join(f"{k} {v[-1][0]:.1f}s" for k, v in runs.items()),
                  file=sys.stderr)
    result: dict = {"scale": scale, "counts": counts, "repeat": repeat, "json_mb": sizes,
                    "loadavg": load}
    for k, v in runs.items():
        result[k] = {"cpu": statistics.median(r[0] for r in v),
                     "wall": statistics.median(r[1] for r in v),
                     "peak_mb": max(r[2] for r in v), "cpu_all": [r[0] for r in v]}
    return result


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, required=True,
                        help="checkout of the code to compare with (git worktree)")
    parser.add_argument("--scales", default="national")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--args", default="", help="extra arguments for this checkout's gaps")
    args = parser.parse_args(argv)
    for scale in [s for s in args.scales.split(",") if s]:
        r = measure(scale, args.before, args.repeat, args.seed, args.args.split())
        base = r["pandas"]["cpu"]
        print(f"{scale} ({r['repeat']}x, {r['counts']}, processors {os.cpu_count()}):")
        for k in ("pandas", "before", "after"):
            m = r[k]
            ratio = "" if k == "pandas" else f" ({m['cpu'] / base:.1f}x pandas)"
            print(f"  {k:7s} CPU {m['cpu']:.2f}s{ratio}, wall {m['wall']:.1f}s, "
                  f"peak {m['peak_mb']:.0f} MB; CPU per round "
                  + ", ".join(f"{x:.2f}" for x in m["cpu_all"]))
        print(f"  JSON MB {r['json_mb']}; load average per round "
              + "; ".join("/".join(f"{x:.1f}" for x in la) for la in r["loadavg"]))
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
