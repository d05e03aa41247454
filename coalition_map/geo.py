"""Wijk boundaries: reading a GeoJSON file, checking it, and keeping it small.

A coalition's wijk boundaries arrive as one GeoJSON FeatureCollection
(``wijken.geojson``, one feature per wijk, the wijk code in the property
``code``; ``wijkcode``, ``statcode`` and ``WK_CODE`` as CBS and PDOK write it
are accepted too, trimmed of the spaces CBS pads codes with). Coordinates may
be WGS84 (longitude, latitude, as GeoJSON and PDOK's OGC API give them) or
RD New (EPSG:28992, metres, as the CBS GeoPackage has them); RD is recognised
by a ``crs`` member naming 28992 or by its coordinate range and converted to
WGS84 with the published approximation formulas (:func:`rd_to_wgs84`).

Every problem is a :class:`~coalition_map.validation.Problem` in Dutch that
names the file, the feature ("object 3") and the field. Boundaries are
simplified for display (Douglas–Peucker, topology kept, in metres) and kept
as GeoJSON geometry text in WGS84 with six decimals (about 10 cm), at most
:data:`~coalition_map.limits.MAX_CELL_CHARS` characters per wijk.

>>> lon, lat = rd_to_wgs84(155000, 463000)     # Amersfoort, the origin of RD
>>> round(lon, 5), round(lat, 5)
(5.38721, 52.15517)
"""

from __future__ import annotations

import json
import math
import sqlite3
import struct
from dataclasses import dataclass, field
from pathlib import Path

from . import model
from .limits import MAX_CELL_CHARS, MAX_FILE_BYTES, MAX_ROWS, dutch_bytes
from .validation import ERROR, WARNING, Problem

#: Property names that hold the wijk code, in order of preference (compared lower-case).
CODE_PROPERTIES = ("code", "wijkcode", "statcode", "wk_code")
#: Property names that hold the wijk name.
NAME_PROPERTIES = ("name", "naam", "wijknaam", "statnaam", "wk_naam")

WGS84 = "EPSG:4326"
RD_NEW = "EPSG:28992"

#: Douglas–Peucker tolerance for display, in metres.
DISPLAY_TOLERANCE_M = 5.0
_M_PER_DEG_LAT = 111_320.0


def rd_to_wgs84(x: float, y: float) -> tuple[float, float]:
    """RD New (EPSG:28992) x, y in metres to WGS84 (longitude, latitude).

    The approximation formulas of Schreutelkamp and Strang van Hees
    (published with RDNAPTRANS); within a metre of the exact transformation
    across the Netherlands.

    >>> lon, lat = rd_to_wgs84(120700.723, 487525.501)    # Westertoren, Amsterdam
    >>> round(lon, 4), round(lat, 4)
    (4.8835, 52.3745)
    """
    dx = (x - 155000.0) * 1e-5
    dy = (y - 463000.0) * 1e-5
    som_n = (3235.65389 * dy - 32.58297 * dx ** 2 - 0.2475 * dy ** 2 - 0.84978 * dx ** 2 * dy
             - 0.0655 * dy ** 3 - 0.01709 * dx ** 2 * dy ** 2 - 0.00738 * dx
             + 0.0053 * dx ** 4 - 0.00039 * dx ** 2 * dy ** 3 + 0.00033 * dx ** 4 * dy
             - 0.00012 * dx * dy)
    som_e = (5260.52916 * dx + 105.94684 * dx * dy + 2.45656 * dx * dy ** 2
             - 0.81885 * dx ** 3 + 0.05594 * dx * dy ** 3 - 0.05607 * dx ** 3 * dy
             + 0.01199 * dy - 0.00256 * dx ** 3 * dy ** 2 + 0.00128 * dx * dy ** 4
             + 0.00022 * dy ** 2 - 0.00022 * dx ** 2 + 0.00026 * dx ** 5)
    return 5.38720621 + som_e / 3600.0, 52.15517440 + som_n / 3600.0


def looks_like_rd(x: float, y: float) -> bool:
    """True for coordinates in the RD New range (metres, the Netherlands and a margin).

    >>> looks_like_rd(155000, 463000), looks_like_rd(5.38, 52.15)
    (True, False)
    """
    return -7_000 <= x <= 300_000 and 289_000 <= y <= 629_000


def looks_like_wgs84(lon: float, lat: float) -> bool:
    """True for longitude/latitude in and around the Netherlands."""
    return 2.0 <= lon <= 8.0 and 50.0 <= lat <= 54.5


def _declared_crs(doc: dict) -> str | None:
    """The CRS a (legacy) ``crs`` member names: RD, WGS84 or None when absent/other."""
    crs = doc.get("crs")
    if not isinstance(crs, dict):
        return None
    name = str((crs.get("properties") or {}).get("name", ""))
    if name.endswith(("28992", "28992/")):
        return RD_NEW
    if name.endswith(("4326", "CRS84")):
        return WGS84
    return "?" + name


@dataclass
class BoundaryLoad:
    """The outcome of reading a boundary file: boundaries (only without errors) and problems."""

    boundaries: list[model.WijkBoundary] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    crs: str = ""
    names: dict[str, str] = field(default_factory=dict)   # code -> name in the file

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems)


def _property(props: dict, names) -> tuple[str | None, object]:
    lowered = {str(k).lower(): k for k in props}
    for name in names:
        if name in lowered:
            return lowered[name], props[lowered[name]]
    return None, None


def _is_number(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def _rings_of(geometry: dict):
    """Polygons of a Polygon/MultiPolygon as lists of rings (lists of [x, y]); or a Dutch error."""
    gtype = geometry.get("type")
    coords = geometry.get("coordinates")
    polygons: list | None
    if gtype == "Polygon":
        polygons = [coords]
    elif gtype == "MultiPolygon":
        polygons = coords if isinstance(coords, list) else None
    else:
        raise ValueError(f"geometrie van type '{gtype}'; verwacht Polygon of MultiPolygon")
    if not isinstance(polygons, list) or not all(isinstance(p, list) for p in polygons):
        raise ValueError("de coördinaten zijn geen lijst van ringen")
    out = []
    for polygon in polygons:
        rings = []
        for ring in polygon:
            if not isinstance(ring, list) or not all(
                    isinstance(pt, list) and len(pt) >= 2 and _is_number(pt[0])
                    and _is_number(pt[1]) for pt in ring):
                raise ValueError("een ring bevat iets anders dan punten met twee getallen")
            rings.append([(float(pt[0]), float(pt[1])) for pt in ring])
        if rings:
            out.append(rings)
    if not out or not any(out[0][0:1]):
        raise ValueError("de geometrie is leeg (geen punten)")
    return out


_DUTCH_REASONS = {
    "Self-intersection": "de grens snijdt zichzelf",
    "Ring Self-intersection": "een ring raakt of snijdt zichzelf",
    "Too few points": "een ring heeft te weinig punten",
    "Hole lies outside shell": "een gat ligt buiten de buitengrens",
    "Nested shells": "twee delen liggen in elkaar",
    "Interior is disconnected": "een gat deelt het vlak in tweeën",
    "Nested holes": "twee gaten liggen in elkaar",
    "Duplicate Rings": "een ring komt twee keer voor",
    "Invalid Coordinate": "een ongeldige coördinaat",
    "Ring is not closed": "een ring is niet gesloten",
}


def _dutch_validity(reason: str) -> str:
    """shapely's explain_validity ('Self-intersection[5.1 52.2]') in Dutch."""
    head, _, where = reason.partition("[")
    text = _DUTCH_REASONS.get(head.strip(), head.strip())
    return f"{text} (bij {where.rstrip(']')})" if where else text


def to_wgs84_rings(polygons, crs: str):
    if crs != RD_NEW:
        return polygons
    return [[[rd_to_wgs84(x, y) for x, y in ring] for ring in rings] for rings in polygons]


def _local_projection(lat0: float):
    k = math.cos(math.radians(lat0)) * _M_PER_DEG_LAT

    def forward(lon, lat):
        return lon * k, lat * _M_PER_DEG_LAT

    def back(x, y):
        return x / k, y / _M_PER_DEG_LAT
    return forward, back


def _shape(polygons):
    from shapely.geometry import MultiPolygon, Polygon
    parts = [Polygon(rings[0], rings[1:]) for rings in polygons]
    return parts[0] if len(parts) == 1 else MultiPolygon(parts)


def geometry_text(geom) -> str:
    """GeoJSON geometry text of a shapely (Multi)Polygon, six decimals, compact."""
    from shapely.geometry import mapping

    def rnd(obj):
        if isinstance(obj, (list, tuple)):
            if obj and isinstance(obj[0], float):
                return [round(obj[0], 6), round(obj[1], 6)]
            return [rnd(o) for o in obj]
        return obj
    m = mapping(geom)
    return json.dumps({"type": m["type"], "coordinates": rnd(m["coordinates"])},
                      separators=(",", ":"))


def simplify_for_display(geom, tolerance_m: float = DISPLAY_TOLERANCE_M):
    """Douglas–Peucker in metres with the topology kept; doubles the tolerance
    until the geometry text fits :data:`MAX_CELL_CHARS`. Returns (geometry, text)."""
    from shapely import transform
    from shapely.validation import make_valid
    lat0 = geom.centroid.y
    k = math.cos(math.radians(lat0)) * _M_PER_DEG_LAT
    metric = transform(geom, lambda c: c * [k, _M_PER_DEG_LAT])
    tol = tolerance_m
    while True:
        simple = metric.simplify(tol, preserve_topology=True)
        if simple.is_empty:
            simple = metric
        if not simple.is_valid:
            simple = make_valid(simple)
        back = transform(simple, lambda c: c / [k, _M_PER_DEG_LAT])
        text = geometry_text(back)
        if len(text) <= MAX_CELL_CHARS - 100 or tol > 5_000:
            return back, text
        tol *= 2


def load_boundaries(data: bytes, filename: str, wijk_codes=None,
                    wijk_names: dict | None = None, source: str = "") -> BoundaryLoad:
    """Read and check a GeoJSON FeatureCollection of wijk boundaries.

    ``wijk_codes``: the coalition's wijk codes (None: not checked). A code
    that is not among them is an error; a wijk without a boundary a warning
    (the map shows it as 'geen grens').

    >>> fc = {"type": "FeatureCollection", "features": [{"type": "Feature",
    ...   "properties": {"code": " WK01 "}, "geometry": {"type": "Polygon",
    ...   "coordinates": [[[5.0, 52.0], [5.01, 52.0], [5.01, 52.01], [5.0, 52.0]]]}}]}
    >>> r = load_boundaries(json.dumps(fc).encode(), "wijken.geojson", {"WK01", "WK02"})
    >>> [b.code for b in r.boundaries], [str(p) for p in r.problems]
    (['WK01'], ["wijken.geojson: waarschuwing: wijk 'WK02' heeft geen grens in dit bestand; de kaart toont haar niet"])
    """
    out = BoundaryLoad()
    problems = out.problems

    def problem(n, column, value, message, severity=ERROR):
        where = f"{filename}, object {n}" if n is not None else filename
        problems.append(Problem(where, None, column, None if value is None else str(value)[:80],
                                message, severity))

    if len(data) > MAX_FILE_BYTES:
        problem(None, None, None, f"het bestand is groter dan {dutch_bytes(MAX_FILE_BYTES)}")
        return out
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problem(None, None, None, f"geen UTF-8-tekst (byte {exc.start}); GeoJSON is altijd "
                "UTF-8")
        return out
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        problem(None, None, None, f"geen geldige JSON: regel {exc.lineno}, teken {exc.colno}: "
                f"{exc.msg}; het bestand is misschien afgebroken of geen GeoJSON")
        return out
    except RecursionError:
        problem(None, None, None, "geen geldige JSON: te diep genest")
        return out
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection" \
            or not isinstance(doc.get("features"), list):
        problem(None, "type", doc.get("type") if isinstance(doc, dict) else None,
                "verwacht een GeoJSON FeatureCollection met een lijst 'features'")
        return out
    features = doc["features"]
    if len(features) > MAX_ROWS:
        problem(None, None, None, f"meer dan {MAX_ROWS} objecten")
        return out
    declared = _declared_crs(doc)
    if declared and declared.startswith("?"):
        problem(None, "crs", declared[1:], "onbekend coördinatenstelsel; gebruik WGS84 "
                "(lengte- en breedtegraad) of RD New (EPSG:28992)")
        return out
    parsed = []   # (n, code, name, polygons)
    seen: dict[str, int] = {}
    for n, feature in enumerate(features, start=1):
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            problem(n, "type", None, "dit object is geen GeoJSON Feature")
            continue
        props = feature.get("properties") or {}
        if not isinstance(props, dict):
            problem(n, "properties", None, "'properties' is geen object")
            continue
        key, code = _property(props, CODE_PROPERTIES)
        code = "" if code is None else str(code).strip()
        if not code:
            problem(n, "code", None, "geen wijkcode: zet de code in de eigenschap 'code' "
                    "(of 'wijkcode'/'statcode' zoals CBS en PDOK)")
            continue
        if code in seen:
            problem(n, key, code, f"wijk '{code}' staat er al in als object {seen[code]}")
            continue
        seen[code] = n
        _, name = _property(props, NAME_PROPERTIES)
        geometry = feature.get("geometry")
        if not isinstance(geometry, dict):
            problem(n, "geometry", code, "geen geometrie")
            continue
        try:
            polygons = _rings_of(geometry)
        except ValueError as exc:
            problem(n, "geometry", code, str(exc))
            continue
        _, src = _property(props, ("source", "bron"))
        parsed.append((n, code, "" if name is None else str(name).strip(), polygons,
                       str(src).strip() if src else source))
    if not parsed:
        if not problems:
            problem(None, "features", None, "het bestand bevat geen wijken")
        return out
    crs = declared
    if crs is None:
        x, y = parsed[0][3][0][0][0]
        crs = RD_NEW if looks_like_rd(x, y) else WGS84 if looks_like_wgs84(x, y) else None
        if crs is None:
            problem(parsed[0][0], "geometry", f"{x}, {y}", "deze coördinaten zijn geen WGS84 "
                    "(lengte, breedte) en geen RD New (x, y in meters) in Nederland")
            return out
    out.crs = crs
    boundaries = []
    for n, code, name, polygons, src in parsed:
        bad = [pt for rings in polygons for ring in rings for pt in ring
               if not (looks_like_rd(*pt) if crs == RD_NEW else looks_like_wgs84(*pt))]
        if bad:
            problem(n, "geometry", code, f"punt {bad[0][0]}, {bad[0][1]} ligt niet in Nederland "
                    f"({'RD New' if crs == RD_NEW else 'WGS84'})")
            continue
        unclosed = [ring for rings in polygons for ring in rings
                    if len(ring) >= 1 and ring[0] != ring[-1]]
        short = [ring for rings in polygons for ring in rings if len(ring) < 4]
        if short:
            problem(n, "geometry", code, f"een ring heeft {len(short[0])} punten; een vlak heeft "
                    "er minstens 4 (de eerste herhaald als laatste)")
            continue
        if unclosed:
            problem(n, "geometry", code, "een ring is niet gesloten: het laatste punt moet "
                    "gelijk zijn aan het eerste")
            continue
        from shapely.validation import explain_validity, make_valid
        source_geom = _shape(polygons)    # checked in the file's own coordinates
        reason = "" if source_geom.is_valid else explain_validity(source_geom)
        area = make_valid(source_geom).area if reason else source_geom.area
        if source_geom.is_empty or area < (1.0 if crs == RD_NEW else 1e-10):
            problem(n, "geometry", code, "de grens is leeg of heeft geen oppervlakte")
            continue
        if reason:
            problem(n, "geometry", code, "ongeldige grens: " + _dutch_validity(reason))
            continue
        geom = _shape(to_wgs84_rings(polygons, crs))
        _, text = simplify_for_display(geom)
        boundaries.append(model.WijkBoundary(code, text, src))
        if name:
            out.names[code] = name
    if wijk_codes is not None:
        known = set(wijk_codes)
        for n, code, *_ in parsed:
            if code not in known:
                problem(n, "code", code, f"onbekende wijk '{code}': deze code staat niet in "
                        "wijken.csv")
        have = {p[1] for p in parsed}
        for code in sorted(known - have):
            label = f"'{code}'" + (f" ({wijk_names[code]})" if wijk_names and code in wijk_names
                                   else "")
            problem(None, None, None, f"wijk {label} heeft geen grens in dit bestand; de kaart "
                    "toont haar niet", WARNING)
    if out.ok:
        out.boundaries = boundaries
    return out


def load_boundary_file(path, wijk_codes=None, wijk_names=None, source: str = "") -> BoundaryLoad:
    path = Path(path)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return BoundaryLoad(problems=[Problem(path.name, None, None, None,
                                                  f"het bestand is groter dan "
                                                  f"{dutch_bytes(MAX_FILE_BYTES)}")])
        data = path.read_bytes()
    except OSError as exc:
        return BoundaryLoad(problems=[Problem(path.name, None, None, None,
                                              f"kan het bestand niet lezen ({exc.strerror})")])
    return load_boundaries(data, path.name, wijk_codes, wijk_names, source)


# --- writing ----------------------------------------------------------------------


def feature_collection(boundaries, wijken=()) -> dict:
    """The boundaries as a GeoJSON FeatureCollection (WGS84), with names from ``wijken``."""
    names = {w.code: w.name for w in wijken}
    features = []
    for b in boundaries:
        props = {"code": b.code}
        if b.code in names:
            props["name"] = names[b.code]
        if b.source:
            props["source"] = b.source
        features.append({"type": "Feature", "properties": props,
                         "geometry": json.loads(b.geometry)})
    return {"type": "FeatureCollection", "features": features}


def geojson_bytes(boundaries, wijken=()) -> bytes:
    """``wijken.geojson`` as written by an export: one feature per line."""
    fc = feature_collection(boundaries, wijken)
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in fc["features"]]
    body = ",\n".join(lines)
    return ('{"type":"FeatureCollection","features":[\n' + body + "\n]}\n").encode("utf-8")


def boundary_source(boundary: model.WijkBoundary) -> str:
    return boundary.source


# --- the CBS GeoPackage --------------------------------------------------------------


def _gpkg_wkb(blob: bytes) -> bytes:
    """The WKB inside a GeoPackage geometry blob (header 'GP', flags, srs id, envelope)."""
    if len(blob) < 8 or blob[:2] != b"GP":
        raise ValueError("geen GeoPackage-geometrie")
    flags = blob[3]
    envelope = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}.get((flags >> 1) & 0b111)
    if envelope is None:
        raise ValueError("onbekende envelop in GeoPackage-geometrie")
    return blob[8 + envelope:]


def geopackage_features(path, gemeente: str, layer: str = "wijken") -> dict:
    """The wijken of one gemeente from the CBS wijk- en buurtkaart GeoPackage, as a
    GeoJSON FeatureCollection in RD New (read with sqlite3, no GIS library).

    ``gemeente`` is the CBS code (``GM0363``) or the name. Codes are trimmed.
    """
    from shapely import from_wkb
    from shapely.geometry import mapping
    path = Path(path)
    if not path.is_file():
        raise ValueError(f"{path.name}: dit bestand bestaat niet")
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = {r[0].lower(): r[0] for r in con.execute(
            "SELECT table_name FROM gpkg_contents")}
        if layer.lower() not in tables:
            raise ValueError(f"{path.name}: geen laag '{layer}' (wel: {', '.join(tables.values())})")
        table = tables[layer.lower()]
        geom_col = con.execute("SELECT column_name FROM gpkg_geometry_columns WHERE "
                               "lower(table_name) = ?", (table.lower(),)).fetchone()[0]
        cols = [r[1] for r in con.execute(f'PRAGMA table_info("{table}")')]
        lower = {c.lower(): c for c in cols}
        code_col = next((lower[c] for c in CODE_PROPERTIES if c in lower), None)
        name_col = next((lower[c] for c in NAME_PROPERTIES if c in lower), None)
        gm_col = next((lower[c] for c in ("gemeentecode", "gm_code") if c in lower), None)
        gmname_col = next((lower[c] for c in ("gemeentenaam", "gm_naam") if c in lower), None)
        if code_col is None or gm_col is None:
            raise ValueError(f"{path.name}: laag '{table}' heeft geen kolom wijkcode of "
                             "gemeentecode")
        features = []
        want = gemeente.strip().lower()
        sel = ", ".join(f'"{c}"' for c in (code_col, name_col or code_col, gm_col,
                                           gmname_col or gm_col, geom_col))
        for code, name, gm, gmname, blob in con.execute(f'SELECT {sel} FROM "{table}"'):
            if want not in (str(gm or "").strip().lower(), str(gmname or "").strip().lower()):
                continue
            geom = from_wkb(_gpkg_wkb(bytes(blob)))
            m = mapping(geom)
            features.append({"type": "Feature",
                             "properties": {"code": str(code).strip(),
                                            "name": str(name or "").strip()},
                             "geometry": {"type": m["type"],
                                          "coordinates": json.loads(json.dumps(m["coordinates"]))}})
    finally:
        con.close()
    return {"type": "FeatureCollection",
            "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}},
            "features": features}


def gpkg_blob(wkb: bytes, srs_id: int = 28992) -> bytes:
    """A GeoPackage geometry blob without envelope (for writing test GeoPackages)."""
    return b"GP" + bytes([0, 1]) + struct.pack("<i", srs_id) + wkb
