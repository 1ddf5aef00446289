"""The map preview of GeoJSON resources (map_view.py), its base layer and the text view."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup
from ckan.tests import factories
from ckan.tests.helpers import call_action

from ckanext.smarttehran import map_view
from tests.factories import Dataset
from tests.screening.conftest import upload

pytestmark = pytest.mark.usefixtures("clean_db", "clean_index")

POINTS = json.dumps({"type": "FeatureCollection", "features": [
    {"type": "Feature", "properties": {"name_fa": "تجریش"},
     "geometry": {"type": "Point", "coordinates": [51.433, 35.804]}}]})


def _geojson_resource(name="stations.geojson"):
    admin = factories.Sysadmin()
    d = Dataset()
    res = call_action("resource_create", {"user": admin["name"]}, package_id=d["id"],
                      upload=upload(POINTS, name), format="GeoJSON", name="ایستگاه‌ها")
    return d, res


def _soup(app, url):
    return BeautifulSoup(app.get(url, status=200).body, "html.parser")


class TestCanView:
    def test_uploaded_geojson_only(self):
        """An uploaded GeoJSON gets the map; a CSV, a remote GeoJSON or a huge one does not."""
        upload_res = {"format": "GeoJSON", "url_type": "upload", "url": "http://x/y.geojson"}
        assert map_view.can_view({"resource": upload_res, "package": {}})
        assert not map_view.can_view({"resource": {**upload_res, "format": "CSV"}, "package": {}})
        remote = {"format": "geojson", "url": "https://elsewhere.example/a.geojson"}
        assert not map_view.can_view({"resource": remote, "package": {}})
        huge = {**upload_res, "size": map_view.MAX_BYTES + 1}
        assert not map_view.can_view({"resource": huge, "package": {}})


def test_geojson_upload_gets_a_map_view_before_its_text_view():
    """A GeoJSON upload's default views: the map first, then the text view."""
    _d, res = _geojson_resource()
    views = call_action("resource_view_list", id=res["id"])
    types = [v["view_type"] for v in views]
    assert types[0] == map_view.NAME
    assert "text_view" in types


def test_map_view_page_loads_the_file_with_districts_as_base(app):
    """The view's page hands the file's URL and the districts layer to the map module,
    names the map region, and calls no third-party tile server."""
    d, res = _geojson_resource()
    view = call_action("resource_view_list", id=res["id"])[0]
    soup = _soup(app, f"/dataset/{d['name']}/resource/{res['id']}/view/{view['id']}")
    el = soup.select_one("[data-module=smarttehran-geojson-view]")
    assert el["data-module-url"].endswith("/stations.geojson")
    assert el["data-module-base-url"] == "/districts.geojson"
    assert not el.has_attr("data-module-tile-url")
    assert el["role"] == "region" and "ایستگاه‌ها" in el["aria-label"]
    assert soup.find("main") is not None


def test_districts_layer_is_the_22_districts(app):
    """/districts.geojson: the 22 boundaries with codes and names, cacheable."""
    response = app.get("/districts.geojson", status=200)
    assert response.headers["Content-Type"].startswith("application/geo+json")
    assert "max-age" in response.headers["Cache-Control"]
    layer = json.loads(response.body)
    assert len(layer["features"]) == 22
    first = layer["features"][0]
    assert set(first["properties"]) == {"code", "name_fa", "name_en"}
    assert first["geometry"]["type"] in ("Polygon", "MultiPolygon")


def test_text_view_reads_left_to_right(app):
    """The text view of a JSON file is LTR inside the RTL page (braces not mirrored)."""
    d, res = _geojson_resource()
    view = next(v for v in call_action("resource_view_list", id=res["id"]) if v["view_type"] == "text_view")
    soup = _soup(app, f"/dataset/{d['name']}/resource/{res['id']}/view/{view['id']}")
    assert soup.find("html")["dir"] == "rtl"
    assert soup.select_one("pre[data-module=text_view]")["dir"] == "ltr"


def test_dashboard_map_names_what_it_counts(app):
    """The transparency map is a named region (not an image holding controls), and its
    module gets the districts' names and the words for its tooltip and legend."""
    soup = _soup(app, "/transparency")
    el = soup.select_one("[data-module=smarttehran-district-counts]")
    assert el["role"] == "region"
    layer = json.loads(el["data-module-layer"])
    assert {"district", "name", "datasets", "url"} <= set(layer["features"][0]["properties"])
    assert el["data-module-counts"] and el["data-module-legend"]
