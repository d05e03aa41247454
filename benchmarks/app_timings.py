"""Server time of each app page at region scale, warm (prints figures; not a test).

    python benchmarks/app_timings.py [--scale region] [--repeat 3] [--pages a,b]

Writes the coalition in coordinators' spelling (``benchmarks/coordinators.py``),
imports it into a new SQLite store, then runs every page with Streamlit's
``AppTest`` (navigation, sidebar and page, as a browser session would): a
first run (cold: caches empty) and ``--repeat`` warm re-runs of the same
page, timed with ``time.process_time`` and the wall clock. Page interactions
(buttons, filters) are not driven here; a re-run is what Streamlit does on
each of them.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

PAGES = ("pages/overzicht.py", "pages/dekking.py", "pages/netwerk.py",
         "pages/partners_aanbod.py", "pages/sociale_kaart.py", "pages/stappenplan.py",
         "pages/wijzigingen.py")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", default="region")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pages", default="",
                        help="only these pages, comma-separated (e.g. wijzigingen,sociale_kaart)")
    args = parser.parse_args(argv)
    pages = [f"pages/{p.strip()}.py" for p in args.pages.split(",") if p.strip()] or PAGES
    from benchmarks.coordinators import write_coalition
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "data"
        counts = write_coalition(args.scale, folder)
        db = Path(tmp) / "store.sqlite"
        subprocess.run([sys.executable, "-c", "import sys; from coalition_map.cli import main; "
                        "sys.exit(main(sys.argv[1:]))", "import", "--data", str(folder),
                        "--db", str(db)], check=True, capture_output=True, cwd=ROOT)
        os.environ["COALITION_MAP_DB"] = str(db)
        from streamlit.testing.v1 import AppTest
        print(f"{args.scale}: {counts}")
        print("pagina | koud wand | warm CPU (mediaan) | warm wand (mediaan)")
        for page in pages:
            at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=600)
            at.run()
            w = time.perf_counter()
            at.switch_page(page)
            at.run()
            cold = time.perf_counter() - w
            cpus, walls = [], []
            for _ in range(args.repeat):
                c, w = time.process_time(), time.perf_counter()
                at.run()
                cpus.append(time.process_time() - c)
                walls.append(time.perf_counter() - w)
            problems = [e.value for e in at.exception] + [e.value for e in at.error]
            print(f"{page} | {cold:.2f}s | {statistics.median(cpus):.2f}s | "
                  f"{statistics.median(walls):.2f}s" + (f" | FOUT {problems[:1]}" if problems
                                                        else ""))
    print(f"belasting {os.getloadavg()[0]:.1f}, processors {os.cpu_count()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
