"""Server time per interaction of the Streamlit pages (a benchmark, not a test).

Runs the app in Streamlit's AppTest on the bundled example or on a seeded
synthetic coalition (``benchmarks/generate.py`` scales) and prints the wall
time of each interaction, cold caches first. AppTest adds a little overhead
of its own, so the figures are an upper bound for the server time.

    PYTHONPATH=. python tests/browser/app_timing.py example
    PYTHONPATH=. python tests/browser/app_timing.py city
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def main(scale: str = "example") -> int:
    sys.path.insert(0, str(ROOT))
    from streamlit.testing.v1 import AppTest

    from coalition_map.store import open_store
    tmp = Path(tempfile.mkdtemp())
    db = tmp / "store.sqlite"
    if scale == "example":
        store = open_store(str(db))
    else:
        from benchmarks.generate import generate, write
        folder = tmp / "data"
        write(generate(scale, seed=42), folder)
        store = open_store(str(db), seed_dir=folder)
    os.environ["COALITION_MAP_DB"] = str(db)
    c = store.load_coalition()
    print(f"{scale}: {len(c.wijken)} wijken, {len(c.partners)} partners, {len(c.offers)} "
          f"aanbod, {len(c.referrals)} verwijsroutes")

    def timed(label, action):
        start = time.perf_counter()
        action()
        print(f"  {label:45s} {(time.perf_counter() - start) * 1000:7.0f} ms")

    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=600)
    timed("Overzicht, first run (cold caches)", at.run)
    timed("Overzicht, rerun", at.run)
    timed("Overzicht, other profile mix", lambda: at.selectbox(key="ov_mix")
          .set_value("pilot_rotterdam").run())
    at.switch_page("pages/dekking.py")
    timed("Dekking, open", at.run)
    timed("Dekking, rerun", at.run)
    wijk, partner = c.wijken[-1].code, c.partners[3].id
    timed("Dekking, select a cell", lambda: at.selectbox(key="dek_wijk").set_value(wijk).run())
    timed("Dekking, what-if: a partner leaves", lambda: at.multiselect(key="dek_wi_partners")
          .set_value([partner]).run())
    timed("Dekking, fragility of a partner", lambda: at.selectbox(key="dek_kwetsbaar")
          .set_value(partner).run())
    at.switch_page("pages/netwerk.py")
    timed("Netwerk, open (graph and HTML)", at.run)
    timed("Netwerk, rerun", at.run)
    timed("Netwerk, filter on a wijk", lambda: at.multiselect(key="net_wijken")
          .set_value([wijk]).run())
    timed("Netwerk, focus on a partner", lambda: at.selectbox(key="net_focus")
          .set_value(partner).run())
    timed("Netwerk, size by betweenness", lambda: at.selectbox(key="net_grootte")
          .set_value("betweenness").run())
    at.switch_page("pages/partners_aanbod.py")
    timed("Partners en aanbod, open", at.run)
    timed("Partners en aanbod, search", lambda: at.text_input(key="pa_partners_zoek")
          .set_value("welzijn").run())
    at.switch_page("pages/wijzigingen.py")
    timed("Wijzigingen, open", at.run)
    if at.exception:
        print("exceptions:", [e.value for e in at.exception])
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:2]))
