"""Build ``schemas/gazetteer/`` from the shared Tehran reference data.

Reads the DERIVED WGS84 GeoJSON files in ``../shared/data/tehran/admin`` (made from
the ``Mahalat_Tehran`` shapefile, EPSG:32639), checks a sample of them against the
shapefile itself reprojected here with pyproj, and writes:

- ``neighborhoods.geojson``: 375 features with ``code``, ``district``, ``name_fa``
  (normalised), ``name_en`` (machine transliteration), ``area_km2`` and ``bbox``;
- ``districts.geojson``: 22 features with ``code``, ``district``, ``name_fa``, ``name_en``,
  ``neighborhood_count``, ``area_km2`` and ``bbox``.

Geometries are simplified by about one metre, rounded to 5 decimals (about 1 m) and
kept valid. Run from the repository root::

    .venv/bin/python dev/build_gazetteer.py [SOURCE_DIR]
"""

from __future__ import annotations

import json
import re
import struct
import sys
from pathlib import Path

import shapely
from pyproj import Transformer
from shapely.geometry import mapping, shape

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "ckanext" / "smarttehran"))
import persian  # noqa: E402  (only the pure module, so CKAN need not be importable)

# The programme's reference data sits beside the repository (../shared); a folder given
# on the command line replaces it.
SOURCE = ROOT.parent / "shared" / "data" / "tehran" / "admin"
OUT = ROOT / "schemas" / "gazetteer"
DECIMALS = 5
SIMPLIFY_DEG = 0.00001  # about 1 m at Tehran's latitude
EXPECTED_PER_DISTRICT = {
    1: 26,
    2: 30,
    3: 13,
    4: 20,
    5: 29,
    6: 18,
    7: 19,
    8: 13,
    9: 9,
    10: 10,
    11: 18,
    12: 13,
    13: 13,
    14: 26,
    15: 18,
    16: 9,
    17: 14,
    18: 16,
    19: 14,
    20: 20,
    21: 17,
    22: 10,
}


# --- A minimal shapefile reader, enough to check the derived files --------------------


def read_dbf(path: Path) -> list[dict]:
    data = path.read_bytes()
    count, header_len, record_len = struct.unpack("<IHH", data[4:12])
    fields = []
    pos = 32
    while data[pos] != 0x0D:
        name = data[pos : pos + 11].split(b"\0")[0].decode("ascii")
        fields.append((name, data[pos + 16]))
        pos += 32
    rows = []
    for i in range(count):
        rec = data[header_len + i * record_len : header_len + (i + 1) * record_len]
        row, off = {}, 1
        for name, length in fields:
            row[name] = rec[off : off + length].decode("utf-8", "replace").strip()
            off += length
        rows.append(row)
    return rows


def read_shp_polygons(path: Path) -> list[list[list[tuple[float, float]]]]:
    """Each record's rings, as lists of (x, y)."""
    data = path.read_bytes()
    pos, records = 100, []
    while pos < len(data):
        content_len = struct.unpack(">i", data[pos + 4 : pos + 8])[0] * 2
        rec = data[pos + 8 : pos + 8 + content_len]
        pos += 8 + content_len
        if struct.unpack("<i", rec[:4])[0] == 0:
            records.append([])
            continue
        num_parts, num_points = struct.unpack("<ii", rec[36:44])
        parts = list(struct.unpack(f"<{num_parts}i", rec[44 : 44 + 4 * num_parts]))
        pts_at = 44 + 4 * num_parts
        pts = [
            struct.unpack("<2d", rec[pts_at + 16 * k : pts_at + 16 * (k + 1)])
            for k in range(num_points)
        ]
        records.append([pts[a:b] for a, b in zip(parts, parts[1:] + [num_points], strict=True)])
    return records


def check_against_shapefile(features: dict[int, dict]) -> None:
    """Reproject the shapefile's first vertices and compare with the derived file."""
    rows = read_dbf(SOURCE / "Mahalat_Tehran.dbf")
    polygons = read_shp_polygons(SOURCE / "Mahalat_Tehran.shp")
    assert len(rows) == len(polygons) == 375, (len(rows), len(polygons))
    to_wgs84 = Transformer.from_crs("EPSG:32639", "EPSG:4326", always_xy=True)
    worst = 0.0
    for row, rings in list(zip(rows, polygons, strict=True))[::25]:
        code = int(float(row["code"]))
        derived = shape(features[code]["geometry"])
        x, y = rings[0][0]
        lon, lat = to_wgs84.transform(x, y)
        worst = max(worst, derived.exterior.distance(shapely.Point(lon, lat)))
    assert worst < 1e-5, f"derived file disagrees with the shapefile by {worst} deg"
    print(f"checked {len(rows[::25])} shapefile vertices: worst gap {worst:.2e} deg")


# --- Build -----------------------------------------------------------------------------


def clean_geometry(geom):
    simple = geom.simplify(SIMPLIFY_DEG, preserve_topology=True)
    rounded = shapely.set_precision(simple, 10**-DECIMALS)
    if rounded.is_empty or not rounded.is_valid:
        rounded = shapely.make_valid(rounded)
    if rounded.geom_type == "GeometryCollection":
        rounded = shapely.union_all([g for g in rounded.geoms if g.area > 0])
    return rounded


def bbox(geom) -> list[float]:
    return [round(v, DECIMALS) for v in geom.bounds]


def name_fa(raw: str) -> str:
    text = persian.normalize(raw)
    return re.sub(r"\s*_\s*", " - ", text)


def name_en(fa: str) -> str:
    parts = [persian.transliterate(part) for part in fa.split(" - ")]
    return " - ".join(" ".join(w.capitalize() for w in part.split()) for part in parts)


def feature(props: dict, geom) -> dict:
    return {
        "type": "Feature",
        "properties": {**props, "bbox": bbox(geom)},
        "geometry": mapping(geom),
    }


def write(path: Path, features: list[dict], name: str) -> None:
    doc = {"type": "FeatureCollection", "name": name, "features": features}
    text = json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
    path.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {path.relative_to(ROOT)}: {len(features)} features, {len(text) // 1024} KB")


def main(source: Path = SOURCE) -> None:
    hoods = json.loads((source / "tehran_neighborhoods_375.geojson").read_text("utf-8"))
    dists = json.loads((source / "tehran_districts_22.geojson").read_text("utf-8"))
    by_code = {f["properties"]["code"]: f for f in hoods["features"]}
    check_against_shapefile(by_code)

    out = []
    counts: dict[int, int] = {}
    for code in sorted(by_code):
        props = by_code[code]["properties"]
        geom = clean_geometry(shape(by_code[code]["geometry"]))
        fa = name_fa(props["name_fa"])
        counts[props["district"]] = counts.get(props["district"], 0) + 1
        out.append(
            feature(
                {
                    "code": str(code),
                    "district": int(props["district"]),
                    "name_fa": fa,
                    "name_en": name_en(fa),
                    "area_km2": round(props["area_m2"] / 1e6, 3),
                },
                geom,
            )
        )
    assert counts == EXPECTED_PER_DISTRICT, counts
    OUT.mkdir(parents=True, exist_ok=True)
    write(OUT / "neighborhoods.geojson", out, "tehran_neighborhoods")

    out = []
    for f in sorted(dists["features"], key=lambda f: f["properties"]["district"]):
        props = f["properties"]
        n = int(props["district"])
        geom = clean_geometry(shape(f["geometry"]))
        out.append(
            feature(
                {
                    "code": str(n),
                    "district": n,
                    "name_fa": persian.normalize(f"منطقه {n}"),
                    "name_en": f"District {n}",
                    "neighborhood_count": int(props["neighborhood_count"]),
                    "area_km2": props["area_km2"],
                },
                geom,
            )
        )
    assert len(out) == 22
    write(OUT / "districts.geojson", out, "tehran_districts")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else SOURCE)
