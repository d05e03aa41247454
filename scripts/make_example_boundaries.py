"""Make the example's fictional wijk boundaries: data/wijken.geojson.

Voorbeeldstad does not exist; its ten wijken get plausible, non-overlapping
boundaries that tile a fictional gemeente: a Voronoi tiling of one seed per
wijk (the Centrum in the middle, the Oude Haven on the east side by the
water, the Noorderpolder in the north, ...) clipped to an irregular outline.
The file is in RD New (EPSG:28992, metres) as the CBS GeoPackage is, so the
example also goes through the RD conversion. Run once; the output is
committed:

    .venv/bin/python scripts/make_example_boundaries.py
"""

from __future__ import annotations

import json
from pathlib import Path

from shapely import voronoi_polygons
from shapely.geometry import MultiPoint, Point, Polygon, mapping

ROOT = Path(__file__).resolve().parent.parent
#: A fictional place, in RD metres (in the Netherlands' range, nowhere in particular).
ORIGIN = (170_000, 430_000)

#: Wijk code, name and seed (km east and north of ORIGIN).
SEEDS = [
    ("WK999901", "Centrum", (4.0, 3.5)),
    ("WK999902", "Oude Haven", (5.5, 3.1)),
    ("WK999903", "Molenwijk", (2.9, 4.7)),
    ("WK999904", "Parkzicht", (4.7, 4.8)),
    ("WK999905", "De Akkers", (2.4, 2.1)),
    ("WK999906", "Westerkwartier", (1.0, 3.7)),
    ("WK999907", "Hoeve", (6.9, 1.3)),
    ("WK999908", "Rietlanden", (6.7, 4.3)),
    ("WK999909", "Kerkebuurt", (4.2, 2.0)),
    ("WK999910", "Noorderpolder", (4.1, 6.5)),
]

#: The gemeente's outline (km), clockwise from the south-west.
OUTLINE = [(0.2, 1.4), (0.1, 3.2), (0.4, 5.0), (1.6, 5.9), (2.6, 6.8), (3.4, 7.9), (4.9, 8.1),
           (5.6, 7.2), (6.9, 6.0), (7.8, 5.1), (8.1, 3.6), (8.3, 1.9), (7.6, 0.2), (6.0, 0.4),
           (4.8, 0.1), (3.2, 0.6), (1.6, 0.5), (0.2, 1.4)]


def _rd(x_km: float, y_km: float) -> tuple[float, float]:
    return ORIGIN[0] + x_km * 1000, ORIGIN[1] + y_km * 1000


def boundaries() -> dict:
    outline = Polygon([_rd(*p) for p in OUTLINE])
    seeds = [Point(_rd(*s)) for _, _, s in SEEDS]
    cells = voronoi_polygons(MultiPoint(seeds), extend_to=outline.buffer(2000))
    features = []
    for (code, name, _), seed in zip(SEEDS, seeds):
        cell = next(c for c in cells.geoms if c.contains(seed))
        shape = cell.intersection(outline)
        coords = [[[round(x), round(y)] for x, y in ring]
                  for ring in mapping(shape)["coordinates"]]
        features.append({"type": "Feature",
                         "properties": {"code": code, "name": name,
                                        "source": "Fictief (scripts/make_example_boundaries.py)"},
                         "geometry": {"type": "Polygon", "coordinates": coords}})
    return {"type": "FeatureCollection",
            "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}},
            "features": features}


def main() -> None:
    fc = boundaries()
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in fc["features"]]
    text = ('{"type":"FeatureCollection",\n"crs":' + json.dumps(fc["crs"]) + ',\n"features":[\n'
            + ",\n".join(lines) + "\n]}\n")
    (ROOT / "data" / "wijken.geojson").write_text(text, encoding="utf-8")
    print(f"data/wijken.geojson: {len(lines)} wijken")


if __name__ == "__main__":
    main()
