"""Tests for the Tehran gazetteer in ``schemas/gazetteer/`` (no database needed)."""

from __future__ import annotations

from collections import Counter

import pytest
from shapely.geometry import Point, shape

from ckanext.smarttehran import gazetteer as g

# Neighbourhoods per district, as counted in /work/shared/data/tehran/SOURCES.md.
PER_DISTRICT = {
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


def test_counts():
    """375 neighbourhoods in 22 districts, with the source's count in each district."""
    assert len(g.neighborhoods()) == 375
    assert len(g.districts()) == 22
    assert Counter(n["district"] for n in g.neighborhoods()) == PER_DISTRICT
    for d in g.districts():
        assert d["neighborhood_count"] == PER_DISTRICT[d["district"]]


def test_codes():
    """Codes are unique strings equal to district × 100 + n."""
    hoods = g.neighborhoods()
    assert len({n["code"] for n in hoods}) == 375
    for n in hoods:
        assert int(n["code"]) // 100 == n["district"]


def test_properties_are_clean():
    """Names are normalised Persian with a Latin name, and the bbox encloses the geometry."""
    for n in g.neighborhoods():
        assert "ي" not in n["name_fa"] and "ك" not in n["name_fa"]
        assert n["name_en"].isascii() and n["name_en"]
        minx, miny, maxx, maxy = n["bbox"]
        assert 51.0 < minx < maxx < 51.7 and 35.5 < miny < maxy < 35.9
        assert shape(n["geometry"]).is_valid


def test_lookups():
    """neighborhood(), neighborhoods(district) and district() find by code, int or str."""
    assert g.neighborhood(116)["name_fa"] == "تجریش"
    assert g.neighborhood("116")["district"] == 1
    assert g.neighborhood("9999") is None
    assert len(g.neighborhoods(district=9)) == 9
    assert g.district(22)["name_en"] == "District 22"
    assert g.district(23) is None


@pytest.mark.parametrize(
    "query", ["سعادت آباد", "سعادت\u200cآباد", "سعادتاباد", "سعادت اباد", "saadat abad", "Saadat"]
)
def test_find_spelling_variants(query):
    """find() matches a name whatever its spacing, ZWNJ, آ/ا or script."""
    assert "206" in [n["code"] for n in g.find(query)]


def test_find_arabic_letters_and_prefix():
    """Arabic ك/ي and prefixes match, and exact names rank first."""
    codes = [n["code"] for n in g.find("شهرك")]
    assert codes and all(g.neighborhood(c)["name_fa"].startswith("شهرک") for c in codes)
    assert g.find("تجريش")[0]["code"] == "116"


def test_find_by_code_and_district():
    """A code finds itself, and a district filter narrows the results."""
    assert g.find("۱۱۶")[0]["code"] == "116"
    assert all(n["district"] == 4 for n in g.find("آباد", district=4))
    assert g.find("") == []


def test_geometry_for():
    """geometry_for() unions neighbourhoods and districts into one GeoJSON geometry."""
    one = shape(g.geometry_for(neighborhoods=["116"]))
    assert one.area == pytest.approx(shape(g.neighborhood("116")["geometry"]).area, rel=1e-3)
    both = shape(g.geometry_for(neighborhoods=["116", "2005"], districts=[22]))
    assert both.contains(one.representative_point())
    assert both.area > shape(g.district(22)["geometry"]).area
    assert g.geometry_for() is None
    with pytest.raises(ValueError, match="9999"):
        g.geometry_for(neighborhoods=["9999"])


def test_within_tehran():
    """Points in the city pass; swapped lat/lon and UTM metres do not."""
    assert g.within_tehran({"type": "Point", "coordinates": [51.389, 35.689]})
    assert not g.within_tehran({"type": "Point", "coordinates": [35.689, 51.389]})
    assert not g.within_tehran(Point(539060, 3961057))
    assert g.within_tehran(g.geometry_for(districts=[1, 22]))


def test_to_wgs84_central_meridian():
    """UTM 39N's central meridian is 51°E: easting 500 000 m maps to longitude 51."""
    point = g.to_wgs84({"type": "Point", "coordinates": [500000, 3950000]})
    lon, lat = point["coordinates"]
    assert lon == pytest.approx(51.0, abs=1e-9)
    assert 35.6 < lat < 35.8


def test_to_wgs84_shapefile_point_lands_in_its_neighbourhood():
    """A point read from the municipal shapefile (UTM 39N) lands inside Tajrish in WGS84."""
    utm_tajrish = {"type": "Point", "coordinates": [539060.08, 3961057.65]}  # inside 116
    point = shape(g.to_wgs84(utm_tajrish, "EPSG:32639"))
    assert shape(g.neighborhood("116")["geometry"]).contains(point)
    assert g.within_tehran(point)
