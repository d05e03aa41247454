"""Wijk boundaries as data: RD New conversion, GeoJSON checks, simplification, the store."""

from __future__ import annotations

import json
import sqlite3

import pytest

from coalition_map import geo, model
from coalition_map.loading import load_folder
from coalition_map.paths import bundled_data_dir
from coalition_map.store import open_store
from coalition_map.store.backup import write_backup
from coalition_map.writing import write_folder
from store_helpers import import_all

# RD New -> WGS84 by PROJ (pyproj 3.7, EPSG:28992 -> EPSG:4326, always_xy): (x, y, lon, lat).
KNOWN = [
    (155000, 463000, 5.3872035084, 52.1551723012),        # Amersfoort, the origin
    (120700.723, 487525.501, 4.8835229153, 52.3745304254),  # Westertoren, Amsterdam
    (92565, 437468, 4.4795843269, 51.9221850956),           # Rotterdam
    (233883, 582065, 6.5681957382, 53.2193795822),          # Groningen
    (187000, 317000, 5.8414955387, 50.8419518300),          # Zuid-Limburg
    (13000, 375000, 3.3488670228, 51.3463638534),           # Zeeuws-Vlaanderen
]


@pytest.mark.parametrize("x,y,lon,lat", KNOWN)
def test_rd_to_wgs84_within_a_metre_of_proj(x, y, lon, lat):
    got_lon, got_lat = geo.rd_to_wgs84(x, y)
    # 1e-5 degree is about 1.1 m north-south and 0.7 m east-west
    assert abs(got_lat - lat) < 1e-5 and abs(got_lon - lon) < 1.5e-5


def square(x0, y0, d):
    return [[[x0, y0], [x0 + d, y0], [x0 + d, y0 + d], [x0, y0 + d], [x0, y0]]]


def fc(*features, crs=None):
    doc = {"type": "FeatureCollection", "features": list(features)}
    if crs:
        doc["crs"] = {"type": "name", "properties": {"name": crs}}
    return json.dumps(doc).encode()


def feature(code, coords, gtype="Polygon", key="code"):
    return {"type": "Feature", "properties": {key: code},
            "geometry": {"type": gtype, "coordinates": coords}}


def messages(result):
    return [str(p) for p in result.problems]


def test_rd_and_wgs84_files_give_the_same_boundary():
    rd = geo.load_boundaries(fc(feature("WK01", square(155000, 463000, 1000))), "rd.geojson")
    corners = [list(geo.rd_to_wgs84(x, y)) for x, y in square(155000, 463000, 1000)[0]]
    wgs = geo.load_boundaries(fc(feature("WK01", [corners])), "wgs.geojson")
    assert rd.crs == geo.RD_NEW and wgs.crs == geo.WGS84
    assert rd.boundaries == wgs.boundaries
    declared = geo.load_boundaries(fc(feature("WK01", square(155000, 463000, 1000)),
                                      crs="urn:ogc:def:crs:EPSG::28992"), "x.geojson")
    assert declared.boundaries == rd.boundaries


def test_padded_codes_and_cbs_property_names_are_trimmed():
    r = geo.load_boundaries(fc(feature("WK036301  ", square(120000, 487000, 500),
                                       key="wijkcode")), "pdok.geojson", {"WK036301"})
    assert r.ok and [b.code for b in r.boundaries] == ["WK036301"]
    r = geo.load_boundaries(fc(feature("  WK036301", square(120000, 487000, 500),
                                       key="statcode")), "pdok.geojson", {"WK036301"})
    assert [b.code for b in r.boundaries] == ["WK036301"]


def test_unknown_code_is_an_error_naming_file_feature_and_field():
    r = geo.load_boundaries(fc(feature("WK01", square(155000, 463000, 900)),
                               feature("WK99", square(157000, 463000, 900))),
                            "wijken.geojson", {"WK01"})
    assert not r.ok and r.boundaries == []
    assert messages(r) == ["wijken.geojson, object 2, kolom 'code', waarde 'WK99': onbekende "
                           "wijk 'WK99': deze code staat niet in wijken.csv"]


def test_missing_wijk_is_a_warning():
    r = geo.load_boundaries(fc(feature("WK01", square(155000, 463000, 900))),
                            "wijken.geojson", {"WK01", "WK02"}, {"WK02": "Zuid"})
    assert r.ok and len(r.boundaries) == 1
    assert messages(r) == ["wijken.geojson: waarschuwing: wijk 'WK02' (Zuid) heeft geen grens "
                           "in dit bestand; de kaart toont haar niet"]


def test_self_intersecting_polygon_is_refused():
    bowtie = [[[155000, 463000], [156000, 464000], [156000, 463000], [155000, 464000],
               [155000, 463000]]]
    r = geo.load_boundaries(fc(feature("WK01", bowtie)), "wijken.geojson")
    (msg,) = messages(r)
    assert msg.startswith("wijken.geojson, object 1, kolom 'geometry', waarde 'WK01': "
                          "ongeldige grens: de grens snijdt zichzelf")


@pytest.mark.parametrize("coords,gtype,text", [
    ([], "Polygon", "de geometrie is leeg"),
    ([[[155000, 463000], [156000, 463000], [155000, 463000]]], "Polygon", "minstens 4"),
    ([[[155000, 463000], [156000, 463000], [156000, 464000], [155000, 464000]]], "Polygon",
     "niet gesloten"),
    ([[[155000, 463000], [156000, 463000], [157000, 463000], [155000, 463000]]], "Polygon",
     "geen oppervlakte"),
    ([155000, 463000], "Point", "verwacht Polygon of MultiPolygon"),
    ([[["a", 1], [1, 2], [2, 2], ["a", 1]]], "Polygon", "punten met twee getallen"),
    ([[[0, 0], [10, 0], [10, 10], [0, 0]]], "Polygon", "geen RD New"),
])
def test_bad_geometries_named(coords, gtype, text):
    r = geo.load_boundaries(fc(feature("WK01", coords, gtype)), "wijken.geojson")
    assert not r.ok and r.boundaries == []
    assert any(text in m and "object 1" in m for m in messages(r)), messages(r)


def test_bad_json_and_other_documents():
    r = geo.load_boundaries(b'{"type": "FeatureCollection",\n "features": [', "wijken.geojson")
    assert messages(r)[0].startswith("wijken.geojson: geen geldige JSON: regel 2")
    r = geo.load_boundaries(b'{"type": "Feature"}', "wijken.geojson")
    assert "FeatureCollection" in messages(r)[0]
    r = geo.load_boundaries(b"\xff\xfe{}", "wijken.geojson")
    assert "UTF-8" in messages(r)[0]
    r = geo.load_boundaries(fc(feature("WK01", square(155000, 463000, 9)),
                               feature("WK01", square(158000, 463000, 9))), "w.geojson")
    assert messages(r) == ["w.geojson, object 2, kolom 'code', waarde 'WK01': wijk 'WK01' staat "
                           "er al in als object 1"]
    r = geo.load_boundaries(fc(feature("WK01", square(155000, 463000, 9)), crs="EPSG:3857"),
                            "w.geojson")
    assert "onbekend coördinatenstelsel" in messages(r)[0]


def test_simplification_drops_vertices_but_keeps_the_shape():
    import math
    # a circle of radius 1 km with 2000 vertices (a real PDOK wijk has thousands)
    ring = [[155000 + 1000 * math.cos(2 * math.pi * i / 2000),
             463000 + 1000 * math.sin(2 * math.pi * i / 2000)] for i in range(2000)]
    ring.append(ring[0])
    r = geo.load_boundaries(fc(feature("WK01", [ring])), "w.geojson")
    (b,) = r.boundaries
    coords = json.loads(b.geometry)["coordinates"][0]
    assert 20 < len(coords) < 200
    from shapely.geometry import shape
    simple = shape(json.loads(b.geometry))
    assert simple.is_valid
    # area within 1% of the unsimplified circle (pi km²), measured in degrees² at this latitude
    full = geo._shape(geo.to_wgs84_rings([[ring]], geo.RD_NEW))
    assert abs(simple.area - full.area) / full.area < 0.01
    # simplifying again changes nothing: an export loads back equal
    again = geo.load_boundaries(geo.geojson_bytes(r.boundaries), "w.geojson")
    assert again.boundaries == r.boundaries


def test_example_data_has_non_overlapping_boundaries_for_every_wijk():
    from shapely.geometry import shape
    result = load_folder(bundled_data_dir())
    assert result.ok, result.problems
    c = result.coalition
    assert sorted(b.code for b in c.boundaries) == sorted(w.code for w in c.wijken)
    shapes = [shape(json.loads(b.geometry)) for b in c.boundaries]
    assert all(s.is_valid and s.area > 0 for s in shapes)
    for i, a in enumerate(shapes):
        for b in shapes[i + 1:]:
            assert a.intersection(b).area < 1e-9 * a.area + 1e-12


def test_folder_with_a_bad_boundary_file_loads_nothing(tmp_path):
    c = load_folder(bundled_data_dir()).coalition
    folder = write_folder(c, None, tmp_path / "d")
    doc = json.loads((folder / "wijken.geojson").read_text())
    doc["features"][3]["properties"]["code"] = "WK000000"
    (folder / "wijken.geojson").write_text(json.dumps(doc))
    result = load_folder(folder)
    assert not result.ok and result.coalition.wijken == []
    assert any(p.file == "wijken.geojson, object 4" and p.value == "WK000000"
               for p in result.errors)


def test_boundaries_in_the_store_with_history_export_and_backup(store_url, tmp_path):
    data = load_folder(bundled_data_dir())
    store = open_store(store_url, seed=False)
    import_all(store, data.coalition, data.plan, author="Anna")
    assert store.load_coalition().boundaries == data.coalition.boundaries
    b, version = store.get("boundaries", "WK999901")
    moved = model.WijkBoundary(b.code, b.geometry.replace("5.6", "5.7", 1), "handmatig")
    store.save("boundaries", moved, author="Bob", expected_version=version)
    (change, *_) = store.history("boundaries", "WK999901")
    assert change.author == "Bob"
    store.undo(change.id, author="Bob")
    assert store.get("boundaries", "WK999901")[0] == b
    # export and import again: nothing changes
    folder = write_folder(*store.load(), tmp_path / "export")
    again = load_folder(folder)
    assert again.ok and "wijken.geojson" in again.files
    assert again.coalition.boundaries == store.load_coalition().boundaries
    assert store.diff(again.coalition, again.plan).is_empty
    # a backup restores the boundaries with their history
    backup = write_backup(store, tmp_path / "backups")
    restored = open_store(f"sqlite:///{tmp_path / 'restored.sqlite'}", seed=False)
    from coalition_map.cli import main
    assert main(["import", "--db", restored.url, "--data", str(backup), "--author", "X"]) == 0
    assert restored.load_coalition().boundaries == store.load_coalition().boundaries
    assert len(restored.history("boundaries", "WK999901")) == len(
        store.history("boundaries", "WK999901"))
    store.close()
    restored.close()


def test_a_wijk_with_a_boundary_cannot_vanish_silently(store):
    from coalition_map.store import StoreError
    store.save("wijken", model.Wijk("WK01", "Noord"), author="A", expected_version=0)
    r = geo.load_boundaries(fc(feature("WK01", square(155000, 463000, 900))), "w.geojson")
    store.save("boundaries", r.boundaries[0], author="A", expected_version=0)
    with pytest.raises(StoreError):
        store.delete("wijken", "WK01", author="A", expected_version=1)


def _write_gpkg(path, rows):
    from shapely.geometry import shape
    con = sqlite3.connect(path)
    con.executescript("""
        CREATE TABLE gpkg_contents (table_name TEXT PRIMARY KEY, data_type TEXT);
        CREATE TABLE gpkg_geometry_columns (table_name TEXT, column_name TEXT,
            geometry_type_name TEXT, srs_id INTEGER);
        INSERT INTO gpkg_contents VALUES ('wijken', 'features');
        INSERT INTO gpkg_geometry_columns VALUES ('wijken', 'geom', 'MULTIPOLYGON', 28992);
        CREATE TABLE wijken (fid INTEGER PRIMARY KEY, geom BLOB, wijkcode TEXT,
            wijknaam TEXT, gemeentecode TEXT, gemeentenaam TEXT);
    """)
    for code, name, gm, coords in rows:
        blob = geo.gpkg_blob(shape({"type": "Polygon", "coordinates": coords}).wkb)
        con.execute("INSERT INTO wijken (geom, wijkcode, wijknaam, gemeentecode, gemeentenaam) "
                    "VALUES (?, ?, ?, ?, ?)", (blob, code, name, gm, "Teststad"))
    con.commit()
    con.close()


def test_cbs_geopackage_read_with_sqlite(tmp_path):
    path = tmp_path / "wijkenbuurten_2024_v1.gpkg"
    _write_gpkg(path, [("WK999801  ", "Noord", "GM9998", square(155000, 464000, 1000)),
                       ("WK999802  ", "Zuid", "GM9998", square(155000, 463000, 1000)),
                       ("WK999701  ", "Elders", "GM9997", square(160000, 463000, 1000))])
    doc = geo.geopackage_features(path, "GM9998")
    assert [f["properties"]["code"] for f in doc["features"]] == ["WK999801", "WK999802"]
    r = geo.load_boundaries(json.dumps(doc).encode(), "uit-gpkg.geojson",
                            {"WK999801", "WK999802"})
    assert r.ok and r.crs == geo.RD_NEW and len(r.boundaries) == 2
    assert [f["properties"]["code"] for f in geo.geopackage_features(path, "teststad")
            ["features"]] == ["WK999801", "WK999802", "WK999701"]


def test_grenzen_command_writes_a_loadable_wijken_geojson(tmp_path, capsys):
    from coalition_map.cli import main
    path = tmp_path / "wijkenbuurten.gpkg"
    _write_gpkg(path, [("WK999801  ", "Noord", "GM9998", square(155000, 464000, 1000)),
                       ("WK999802  ", "Zuid", "GM9998", square(155000, 463000, 1000))])
    target = tmp_path / "wijken.geojson"
    assert main(["grenzen", "--gpkg", str(path), "--gemeente", "GM9998",
                 "--to", str(target)]) == 0
    r = geo.load_boundary_file(target, {"WK999801", "WK999802"})
    assert r.ok and [b.code for b in r.boundaries] == ["WK999801", "WK999802"]
    assert main(["grenzen", "--gpkg", str(path), "--gemeente", "GM0000",
                 "--to", str(tmp_path / "x.geojson")]) == 1
    assert "Geen wijken" in capsys.readouterr().err
    (tmp_path / "kapot.gpkg").write_bytes(b"geen sqlite")
    assert main(["grenzen", "--gpkg", str(tmp_path / "kapot.gpkg"), "--gemeente", "GM9998",
                 "--to", str(tmp_path / "y.geojson")]) == 1
    assert not (tmp_path / "y.geojson").exists()
