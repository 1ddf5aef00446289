"""GeoJSON point coordinates: a public place's are publishable, a person's are not."""

from __future__ import annotations

import json
import random

from ckanext.smarttehran.privacy.files import scan_file
from tests.privacy.helpers import make_national_id


def _points(n: int, rng: random.Random) -> list[list[float]]:
    """House-precise points inside Tehran (six decimals, about 10 cm)."""
    return [[round(51.30 + rng.random() * 0.2, 6), round(35.65 + rng.random() * 0.1, 6)]
            for _ in range(n)]


def _write(tmp_path, properties: list[dict]) -> str:
    rng = random.Random(7)
    features = [
        {"type": "Feature", "properties": props, "geometry": {"type": "Point", "coordinates": xy}}
        for props, xy in zip(properties, _points(len(properties), rng), strict=True)
    ]
    path = tmp_path / "points.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features},
                               ensure_ascii=False), "utf-8")
    return str(path)


def test_stations_coordinates_publish(tmp_path):
    """Features keyed by a station id (the seed's stations, parks, car parks ...) are
    public places: their exact coordinates do not refuse the file."""
    props = [{"station_id": f"S{i:03d}", "name_fa": f"ایستگاه {i}", "docks": 12}
             for i in range(30)]
    report = scan_file(_write(tmp_path, props))
    assert not report.has_pii
    assert report.tables[0].pii_columns == []


def test_station_words_do_not_hide_a_persons_coordinates(tmp_path):
    """Features that name a responding station but carry a caller's national id are
    people: their exact coordinates (and the id) refuse the file."""
    rng = random.Random(3)
    props = [{"station_id": f"S{i:03d}", "caller_national_id": make_national_id(rng)}
             for i in range(30)]
    report = scan_file(_write(tmp_path, props))
    assert report.has_pii
    assert "coordinates" in report.tables[0].pii_columns


def test_points_without_a_place_word_are_coordinates(tmp_path):
    """Exact points whose features name no public place are refused as GPS."""
    props = [{"id": i, "note": "ثبت شد"} for i in range(30)]
    report = scan_file(_write(tmp_path, props))
    assert report.has_pii
    assert "coordinates" in report.tables[0].pii_columns
