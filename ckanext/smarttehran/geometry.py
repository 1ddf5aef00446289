"""A dataset's spatial extent: given by the publisher, or derived from its places.

The catalog stores every extent as a valid WGS84 GeoJSON geometry inside Tehran, which
ckanext-spatial then indexes for bounding-box search.
"""

from __future__ import annotations

import json
from typing import Any

from shapely.geometry import mapping, shape
from shapely.validation import explain_validity

from ckanext.smarttehran import gazetteer
from ckanext.smarttehran.errors import bilingual

WGS84 = "EPSG:4326"
GEOMETRY_TYPES = {"Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon"}


class GeometryError(ValueError):
    """A geometry the catalog cannot store; the message is bilingual."""


def from_places(neighborhoods: list[str], districts: list[str]) -> dict[str, Any] | None:
    """The extent of a dataset's places: its neighbourhoods, else its districts.

    Neighbourhoods are the finer statement, so they win when both are given; a
    ``citywide`` district means all of Tehran (its convex hull: a small polygon that
    still passes the inside-Tehran check when the dataset is saved again).
    """
    if neighborhoods:
        return gazetteer.geometry_for(neighborhoods=neighborhoods)
    if "citywide" in districts:
        return mapping(gazetteer.tehran_extent().convex_hull)
    if districts:
        return gazetteer.geometry_for(districts=districts)
    return None


def _crs_of(geojson: dict[str, Any]) -> str | None:
    name = ((geojson.get("crs") or {}).get("properties") or {}).get("name", "")
    if "32639" in name:
        return gazetteer.UTM_39N
    if "4326" in name or "CRS84" in name:
        return WGS84
    return None


def clean(value: str | dict[str, Any], crs: str | None = None) -> dict[str, Any]:
    """Parse, reproject to WGS84 and check a publisher's geometry.

    ``crs`` (or the GeoJSON's own ``crs`` member) may be EPSG:4326 or EPSG:32639;
    raises ``GeometryError`` for bad JSON, unknown types, invalid or self-intersecting
    shapes and shapes outside Tehran.
    """
    try:
        geojson = json.loads(value) if isinstance(value, str) else dict(value)
    except (TypeError, ValueError) as e:
        raise GeometryError(bilingual("GeoJSON نامعتبر است", "invalid GeoJSON")) from e
    if geojson.get("type") == "Feature":
        geojson = geojson.get("geometry") or {}
    if geojson.get("type") not in GEOMETRY_TYPES:
        raise GeometryError(
            bilingual("نوع هندسه پشتیبانی نمی‌شود", f"unsupported geometry type: {geojson.get('type')}")
        )
    crs = _crs_of(geojson) or (str(crs).strip().upper() if crs else None) or WGS84
    if crs not in (WGS84, gazetteer.UTM_39N):
        raise GeometryError(bilingual(
            f"دستگاه مختصات پشتیبانی نمی‌شود: {crs}",
            f"unsupported coordinate system: {crs} (use EPSG:4326 or EPSG:32639)",
        ))
    try:
        geom = shape(geojson)
    except (TypeError, ValueError, AttributeError, IndexError) as e:
        raise GeometryError(bilingual("مختصات هندسه نامعتبر است", "invalid coordinates")) from e
    if geom.is_empty:
        raise GeometryError(bilingual("هندسه خالی است", "empty geometry"))
    if not geom.is_valid:
        raise GeometryError(
            bilingual(
                "هندسه نامعتبر است (مثلاً خودبرخورد دارد)",
                f"invalid geometry: {explain_validity(geom)}",
            )
        )
    if crs != WGS84:
        geom = shape(gazetteer.to_wgs84(geom, crs))
    if not gazetteer.within_tehran(geom):
        raise GeometryError(
            bilingual(
                "هندسه بیرون از محدوده شهر تهران است (شاید طول و عرض جابه‌جا شده‌اند)",
                "the geometry lies outside Tehran (are longitude and latitude swapped?)",
            )
        )
    return mapping(geom)
