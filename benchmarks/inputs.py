"""Benchmark of the bounded input path against the unbounded one it replaced (prints figures).

    python benchmarks/inputs.py                 # city scale workbook
    python benchmarks/inputs.py --scale national

Each row measures the new code and, in the same run, the old way as the
baseline:

* ``getal 20.000 cijfers`` -- ``validation.parse_float`` on a cell of 20,000
  digits and a letter, against the old pattern (the same regular expression
  without the length check first), which backtracks quadratically.
* ``werkmap <scale>`` -- reading the offers sheet of a synthetic coalition
  (``benchmarks/generate.py``) with ``coalition_map.xlsx`` against openpyxl's
  read-only mode (the old reader, with ``reset_dimensions``).
* ``rij 99.999.999.999`` -- the tester's workbook whose last row has that
  number: the old reader filled every row in between; it runs in a
  subprocess that is stopped after ``--cap`` seconds.

Not a test: the figures depend on the machine. ``docs/benchmarks.md`` has a run.
"""

from __future__ import annotations

import argparse
import io
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for path in (str(ROOT), str(ROOT / "tests")):
    if path not in sys.path:
        sys.path.insert(0, path)

#: The number pattern of validation.parse_float before the length check.
OLD_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")

OLD_READER = """
import io, sys, openpyxl
data = sys.stdin.buffer.read()
wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
ws = wb.worksheets[0]
ws.reset_dimensions()
n = sum(1 for _ in ws.iter_rows(min_row=1, values_only=True))
print(n)
"""


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def number_row() -> tuple[str, float, str]:
    from coalition_map.validation import CellError, parse_float
    text = "1" * 20000 + "x"

    def new():
        try:
            parse_float(text)
        except CellError:
            pass
    return "getal 20.000 cijfers", timed(new), f"{timed(lambda: OLD_NUMBER.match(text)):.2f} s"


def workbook_row(scale: str) -> tuple[str, float, str]:
    import openpyxl
    from benchmarks.generate import generate
    from coalition_map.reading import read_table
    from coalition_map.schema import FILES
    from coalition_map.writing import workbook_bytes
    coalition = generate(scale, seed=42)
    data = workbook_bytes([(FILES["offers"], coalition.offers)])
    new = timed(lambda: read_table(data, filename="offers.xlsx"))

    def old():
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        ws = wb.worksheets[0]
        ws.reset_dimensions()
        for _ in ws.iter_rows(min_row=1, values_only=True):
            pass
    count = f"{len(coalition.offers):,}".replace(",", ".")
    size = f"{len(data) / 1e6:.1f}".replace(".", ",")
    return f"werkmap {scale} ({count} aanbod, {size} MB)", new, f"{timed(old):.2f} s"


def absurd_row(cap: float) -> tuple[str, float, str]:
    from fuzz_inputs import absurd_row_workbook

    from coalition_map.reading import ReadError, read_table
    data = absurd_row_workbook()

    def new():
        try:
            read_table(data, filename="partners.xlsx")
        except ReadError:
            pass
    start = time.perf_counter()
    try:
        subprocess.run([sys.executable, "-c", OLD_READER], input=data, capture_output=True,
                       timeout=cap, check=False)
        old = f"{time.perf_counter() - start:.2f} s"
    except subprocess.TimeoutExpired:
        old = f"niet klaar na {cap:.0f} s (gestopt)"
    return (f"rij 99.999.999.999 ({len(data) / 1024:.0f} KB)", timed(new), old)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", default="city", choices=("city", "region", "national"))
    parser.add_argument("--cap", type=float, default=60.0,
                        help="seconds the old reader gets for the absurd row (default 60)")
    args = parser.parse_args(argv)
    rows = [number_row(), workbook_row(args.scale), absurd_row(args.cap)]
    print(f"{'geval':48s} {'nu':>10s}   basislijn (oude manier, zelfde run)")
    for label, new, old in rows:
        print(f"{label:48s} {new:9.3f} s   {old}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
