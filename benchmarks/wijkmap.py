"""Benchmark of the wijk map and the geo/figure importers (CPU time, medians).

    .venv/bin/python benchmarks/wijkmap.py

Measures, in one run: reading + checking + simplifying ``wijken.geojson``, the
SVG map (build + render) and its size, for the example (10 wijken) and for a
synthetic 100-wijk gemeente whose boundaries have PDOK-like detail (a Voronoi
tiling of 100 seeds, every edge densified with a small wiggle: ~400 vertices
per wijk before simplification); and the CBS/RIVM fixture imports.
"""

from __future__ import annotations

import json
import math
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def cpu_median(fn, repeat: int = 7) -> float:
    times = []
    for _ in range(repeat):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return statistics.median(times)


def synthetic(n: int = 100, seed: int = 42):
    """A coalition with n wijken and detailed RD boundaries (GeoJSON bytes)."""
    from shapely import voronoi_polygons
    from shapely.geometry import MultiPoint, box, mapping

    from coalition_map import model
    rng = random.Random(seed)
    side = 15_000
    x0, y0 = 150_000, 440_000
    outline = box(x0, y0, x0 + side, y0 + side)
    pts = MultiPoint([(x0 + rng.random() * side, y0 + rng.random() * side) for _ in range(n)])
    cells = [c.intersection(outline) for c in voronoi_polygons(pts, extend_to=outline).geoms]

    def wiggle(ring):
        out = []
        for (ax, ay), (bx, by) in zip(ring, ring[1:]):
            steps = max(2, int(math.hypot(bx - ax, by - ay) / 20))
            for i in range(steps):
                t = i / steps
                # deterministic in the edge's position, so neighbours share their wiggle
                mx, my = ax + (bx - ax) * t, ay + (by - ay) * t
                out.append([round(mx + 3 * math.sin(my / 37.0), 1),
                            round(my + 3 * math.sin(mx / 41.0), 1)])
        out.append(out[0])
        return out

    features, wijken = [], []
    for i, cell in enumerate(cells):
        code = f"WK99{i:04d}"
        ring = list(mapping(cell)["coordinates"][0])
        features.append({"type": "Feature", "properties": {"wijkcode": code},
                         "geometry": {"type": "Polygon", "coordinates": [wiggle(ring)]}})
        wijken.append(model.Wijk(code, f"Wijk {i + 1}", inhabitants=5000))
    doc = {"type": "FeatureCollection",
           "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}},
           "features": features}
    return wijken, json.dumps(doc).encode()


def main() -> int:
    from coalition_map import figures, geo, model
    from coalition_map.analysis import analyze
    from coalition_map.loading import load_folder
    from coalition_map.wijkmap import build_map, figures_for, render_svg

    example = load_folder(ROOT / "data").coalition
    raw_example = (ROOT / "data" / "wijken.geojson").read_bytes()
    wijken, raw_100 = synthetic()
    codes = {w.code for w in wijken}
    load_100 = geo.load_boundaries(raw_100, "synthetisch.geojson", codes)
    assert load_100.ok, load_100.problems[:3]
    big = model.Coalition(wijken=wijken, boundaries=load_100.boundaries)
    vertices_in = sum(len(f["geometry"]["coordinates"][0])
                      for f in json.loads(raw_100)["features"])
    vertices_out = sum(len(json.loads(b.geometry)["coordinates"][0])
                       for b in load_100.boundaries)
    rows = []
    for label, coalition, raw, ex_codes in (
            ("voorbeeld (10 wijken)", example, raw_example, {w.code for w in example.wijken}),
            ("synthetisch (100 wijken)", big, raw_100, codes)):
        t_load = cpu_median(lambda raw=raw, ex_codes=ex_codes:
                            geo.load_boundaries(raw, "w.geojson", ex_codes), 3)
        analysis = analyze(coalition, with_fragility=False)
        figs = figures_for(analysis)
        t_map = cpu_median(lambda coalition=coalition, figs=figs:
                           render_svg(build_map(coalition, figs)))
        svg = render_svg(build_map(coalition, figs))
        rows.append((label, len(raw), t_load, t_map, len(svg.encode())))
    print(f"100-wijk boundaries: {vertices_in} vertices in, {vertices_out} after "
          "simplification")
    print(f"{'':26s} {'geojson':>10s} {'inlezen':>9s} {'kaart':>8s} {'SVG':>9s}")
    for label, size, t_load, t_map, svg in rows:
        print(f"{label:26s} {size / 1024:8.0f} kB {t_load * 1000:7.0f} ms "
              f"{t_map * 1000:6.1f} ms {svg / 1024:7.1f} kB")
    fx = ROOT / "tests" / "fixtures"
    for name, kind, kw in (("cbs-kerncijfers-85984NED.csv", "cbs", {"year": 2024}),
                           ("rivm-eenzaamheid-50120NED.csv", "rivm", {})):
        data = (fx / name).read_bytes()
        reader = figures.read_cbs if kind == "cbs" else figures.read_rivm
        t = cpu_median(lambda reader=reader, data=data, name=name, kw=kw:
                       figures.apply_figures(example.wijken, reader(data, name, **kw)), 21)
        print(f"import {name}: {t * 1000:.2f} ms (lezen + toepassen, zonder database)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
