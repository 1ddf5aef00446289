"""The dataset schema accepts what a department should publish and refuses the rest."""

from __future__ import annotations

import json

import pytest
from ckan.tests import factories
from ckan.tests.helpers import call_action

from tests.factories import Dataset

pytestmark = pytest.mark.usefixtures("clean_db", "clean_index")

# A square of about 200 m around Vanak square, in WGS84 and in UTM 39N.
VANAK_WGS84 = {
    "type": "Polygon",
    "coordinates": [[[51.409, 35.757], [51.411, 35.757], [51.411, 35.759], [51.409, 35.759], [51.409, 35.757]]],
}


def _errors(**fields):
    with pytest.raises(Exception) as info:
        Dataset(**fields)
    return info.value.error_dict


class TestCodes:
    def test_codes_are_stored_as_lists_of_codes(self):
        """Dimension, axis, goal and district codes come back from the API as lists."""
        d = Dataset(
            smart_dimension=["mobility", "environment"],
            strategic_axis=["sustainable_development"],
            smart_goal=["mobility.01"],
            district=["6"],
        )
        shown = call_action("package_show", id=d["id"])
        assert shown["smart_dimension"] == ["mobility", "environment"]
        assert shown["strategic_axis"] == ["sustainable_development"]
        assert shown["smart_goal"] == ["mobility.01"]
        assert shown["district"] == ["6"]

    def test_unknown_dimension_is_refused_in_both_languages(self):
        """An unknown dimension code is a bilingual error on smart_dimension."""
        errors = _errors(smart_dimension=["tourism"])
        message = errors["smart_dimension"][0]
        assert "tourism" in message
        assert "کد ناشناخته" in message and "unknown code" in message

    def test_dimension_is_required(self):
        """A dataset without a dimension is refused."""
        assert "smart_dimension" in _errors(smart_dimension=[])

    def test_goal_outside_the_chosen_dimensions_is_refused(self):
        """A governance goal on a mobility-only dataset is an error on smart_goal."""
        errors = _errors(smart_dimension=["mobility"], smart_goal=["governance.01"])
        assert "governance.01" in errors["smart_goal"][0]

    def test_unknown_neighborhood_is_refused(self):
        """A neighbourhood code that is not in the gazetteer is refused."""
        assert "neighborhood" in _errors(neighborhood=["9999"])

    def test_neighborhood_adds_its_district(self):
        """Choosing neighbourhood 601 (district 6) adds district 6."""
        d = Dataset(neighborhood=["601"], district=["2"])
        assert call_action("package_show", id=d["id"])["district"] == ["2", "6"]

    def test_nothing_is_saved_on_error(self):
        """A refused dataset leaves no package behind."""
        org = factories.Organization()
        _errors(name="refused-one", owner_org=org["id"], smart_dimension=["nope"])
        assert call_action("package_list") == []


class TestSpatial:
    def test_extent_is_derived_from_neighborhoods(self):
        """With no geometry, the extent is the union of the chosen neighbourhoods."""
        d = Dataset(neighborhood=["601"])
        geom = json.loads(call_action("package_show", id=d["id"])["spatial"])
        assert geom["type"] in ("Polygon", "MultiPolygon")

    def test_wgs84_geometry_is_kept(self):
        """A valid WGS84 polygon inside Tehran is stored as given."""
        d = Dataset(spatial=json.dumps(VANAK_WGS84))
        geom = json.loads(call_action("package_show", id=d["id"])["spatial"])
        assert geom["coordinates"][0][0] == pytest.approx([51.409, 35.757])

    def test_utm_geometry_is_transformed_to_wgs84(self):
        """A point in UTM 39N (EPSG:32639) is stored in longitude/latitude."""
        from pyproj import Transformer

        x, y = Transformer.from_crs("EPSG:4326", "EPSG:32639", always_xy=True).transform(51.41, 35.758)
        d = Dataset(spatial=json.dumps({"type": "Point", "coordinates": [x, y]}), spatial_crs="EPSG:32639")
        lon, lat = json.loads(call_action("package_show", id=d["id"])["spatial"])["coordinates"]
        assert lon == pytest.approx(51.41, abs=1e-6)
        assert lat == pytest.approx(35.758, abs=1e-6)

    def test_utm_geometry_is_not_transformed_again_on_update(self):
        """After a UTM geometry is stored in WGS84, an update keeps it where it was."""
        from pyproj import Transformer

        x, y = Transformer.from_crs("EPSG:4326", "EPSG:32639", always_xy=True).transform(51.41, 35.758)
        d = Dataset(spatial=json.dumps({"type": "Point", "coordinates": [x, y]}), spatial_crs="EPSG:32639")
        shown = call_action("package_show", id=d["id"])
        assert shown["spatial_crs"] == "EPSG:4326"
        call_action("package_patch", context={"user": factories.Sysadmin()["name"]}, id=d["id"], notes="به‌روز شد")
        lon, lat = json.loads(call_action("package_show", id=d["id"])["spatial"])["coordinates"]
        assert (lon, lat) == pytest.approx((51.41, 35.758), abs=1e-6)

    def test_citywide_extent_survives_updates(self):
        """A citywide dataset gets Tehran's outline and can be updated again."""
        d = Dataset(district=["citywide"])
        call_action("package_patch", context={"user": factories.Sysadmin()["name"]}, id=d["id"], notes="به‌روز شد")
        geom = json.loads(call_action("package_show", id=d["id"])["spatial"])
        assert geom["type"] == "Polygon"

    def test_self_intersecting_polygon_is_refused(self):
        """A bow-tie polygon is an invalid geometry."""
        bowtie = {"type": "Polygon", "coordinates": [[[51.40, 35.75], [51.42, 35.77], [51.42, 35.75], [51.40, 35.77], [51.40, 35.75]]]}
        message = _errors(spatial=json.dumps(bowtie))["spatial"][0]
        assert "نامعتبر" in message and "invalid geometry" in message

    def test_geometry_outside_tehran_is_refused(self):
        """Swapped longitude and latitude put the shape outside Tehran: refused."""
        swapped = {"type": "Point", "coordinates": [35.758, 51.41]}
        assert "outside Tehran" in _errors(spatial=json.dumps(swapped))["spatial"][0]

    def test_malformed_geojson_is_refused(self):
        """Text that is not GeoJSON is refused."""
        assert "invalid GeoJSON" in _errors(spatial="{not json")["spatial"][0]


class TestDates:
    def test_jalali_dates_are_stored_as_iso(self):
        """1402/01/01 is stored as 2023-03-21; Persian digits are accepted."""
        d = Dataset(temporal_start="۱۴۰۲/۰۱/۰۱", temporal_end="2024-03-19")
        shown = call_action("package_show", id=d["id"])
        assert shown["temporal_start"] == "2023-03-21"
        assert shown["temporal_end"] == "2024-03-19"

    def test_malformed_jalali_date_is_refused(self):
        """Month 13 does not exist: a bilingual error on temporal_start."""
        assert "temporal_start" in _errors(temporal_start="1402/13/01")

    def test_end_before_start_is_refused(self):
        """An end before the start is an error on temporal_end."""
        errors = _errors(temporal_start="2024-01-01", temporal_end="2023-01-01")
        assert "before the start" in errors["temporal_end"][0]


class TestText:
    def test_persian_text_is_normalised(self):
        """Arabic ي/ك and Persian digits in the title are normalised once."""
        d = Dataset(title="كيفيت هواي منطقه ۶")
        assert call_action("package_show", id=d["id"])["title"] == "کیفیت هوای منطقه 6"

    def test_empty_name_is_transliterated_from_the_title(self):
        """A dataset without a URL name gets a Latin slug from its Persian title."""
        d = Dataset(name="", title="ایستگاه‌های مترو")
        assert d["name"].isascii() and len(d["name"]) >= 2
        assert "-" in d["name"] or d["name"].isalpha()

    def test_default_licence_is_open(self):
        """A dataset without a licence gets CC-BY."""
        d = Dataset(license_id="")
        assert call_action("package_show", id=d["id"])["license_id"] == "cc-by"


def test_generated_names_do_not_collide():
    """Two datasets with the same Persian title and no name get distinct Latin names."""
    first = Dataset(name="", title="بودجه شهرداری")
    second = Dataset(name="", title="بودجه شهرداری")
    assert first["name"] != second["name"]
    assert second["name"].startswith(first["name"])


def test_slug_action_transliterates_a_title():
    """smarttehran_slug_show gives the Latin name the form will use."""
    result = call_action("smarttehran_slug_show", title="کیفیت هوای تهران")
    assert result["name"].isascii() and "tehran" in result["name"]


def test_slug_action_gives_the_name_the_dataset_will_get():
    """When the transliterated name is taken, the preview shows the -2 the dataset gets."""
    taken = call_action("smarttehran_slug_show", title="بودجه شهرداری")["name"]
    first = Dataset(name="", title="بودجه شهرداری")
    assert first["name"] == taken
    preview = call_action("smarttehran_slug_show", title="بودجه شهرداری")["name"]
    assert preview == f"{taken}-2"
    assert Dataset(name="", title="بودجه شهرداری")["name"] == preview
