"""DataStore writes are screened; loading into the DataStore needs a passed screening."""

from __future__ import annotations

import json

import ckan.plugins.toolkit as tk
import pytest
from ckan.tests.helpers import call_action

from ckanext.smarttehran import screening
from tests.screening.conftest import CLEAN_CSV, MOBILE, MOBILE_MASKED, upload


@pytest.fixture
def table(publisher):
    res = call_action("resource_create", dict(publisher["context"]),
                      package_id=publisher["dataset"]["id"], upload=upload(CLEAN_CSV), format="CSV")
    return {**publisher, "resource": res}


@pytest.mark.usefixtures("with_plugins")
class TestDatastoreWrites:
    def test_create_with_mobiles_writes_nothing(self, table):
        """datastore_create with a mobile column raises with masked samples; no table."""
        rid = table["resource"]["id"]
        with pytest.raises(tk.ValidationError) as err:
            call_action("datastore_create", dict(table["context"]), resource_id=rid, force=True,
                        fields=[{"id": "mobile"}], records=[{"mobile": MOBILE}, {"mobile": "09351234567"}])
        assert MOBILE_MASKED in err.value.error_dict["records"][0]
        assert MOBILE not in str(err.value.error_dict)
        with pytest.raises(tk.ObjectNotFound):
            call_action("datastore_search", resource_id=rid)

    def test_upsert_with_mobiles_writes_nothing(self, table):
        """datastore_upsert of a record holding a mobile is refused; the table is unchanged."""
        rid = table["resource"]["id"]
        call_action("datastore_create", dict(table["context"]), resource_id=rid, force=True,
                    fields=[{"id": "phone"}], records=[{"phone": "137"}])
        with pytest.raises(tk.ValidationError):
            call_action("datastore_upsert", dict(table["context"]), resource_id=rid, force=True,
                        method="insert", records=[{"phone": MOBILE}])
        assert call_action("datastore_search", resource_id=rid)["total"] == 1


class TestLoad:
    def test_load_into_datastore_loads_a_passed_csv_as_text(self, table):
        """The public loader puts every row of a passed CSV in the DataStore, as text."""
        assert screening.load_into_datastore(table["resource"]["id"]) == 2
        found = call_action("datastore_search", resource_id=table["resource"]["id"])
        assert {f["id"]: f["type"] for f in found["fields"]}["population"] == "text"
        assert found["total"] == 2

    def test_loaded_table_gets_a_table_preview_once(self, table):
        """Loading creates the DataStore table view (CKAN makes default views before the
        rows exist); loading again does not add a second one."""
        rid = table["resource"]["id"]
        assert "datatables_view" not in _view_types(rid)
        screening.load_into_datastore(rid)
        screening.load_into_datastore(rid)
        assert _view_types(rid).count("datatables_view") == 1

    def test_table_preview_data_parses_on_a_persian_page(self, table, app):
        """The preview's rows come from CKAN's DataTables ajax, JSON sent as text/html:
        the Persian page digits leave it alone, so the table fills."""
        rid = table["resource"]["id"]
        screening.load_into_datastore(rid)
        (view,) = [v for v in call_action("resource_view_list", id=rid)
                   if v["view_type"] == "datatables_view"]
        response = app.post(f"/datatables/ajax/{view['id']}", data={
            "draw": "1", "start": "0", "length": "10", "search[value]": "",
            "order[0][column]": "0", "order[0][dir]": "asc",
            "columns[0][data]": "_id", "columns[0][searchable]": "true",
            "columns[0][search][value]": "",
        })
        body = json.loads(response.body)
        assert body["recordsTotal"] == 2
        assert [row["population"] for row in body["data"]] == ["300000", "400000"]

    def test_geojson_upload_gets_a_map_and_a_text_preview(self, publisher):
        """A GeoJSON upload is previewed on a map first and as text (default views
        smarttehran_map, then text_view: ckan.preview.json_formats has geojson)."""
        res = call_action("resource_create", dict(publisher["context"]),
                          package_id=publisher["dataset"]["id"], format="GeoJSON",
                          upload=upload('{"type": "FeatureCollection", "features": []}', "a.geojson"))
        assert _view_types(res["id"]) == ["smarttehran_map", "text_view"]

    def test_loading_twice_replaces_the_table(self, table):
        """A second load (an updated file, a queued job after a direct load) leaves no duplicates."""
        rid = table["resource"]["id"]
        screening.load_into_datastore(rid)
        screening.load_into_datastore(rid)
        assert call_action("datastore_search", resource_id=rid)["total"] == 2

    def test_load_into_datastore_reads_an_uploaded_xlsx(self, publisher):
        """An XLSX upload (stored by CKAN without an extension) loads into the DataStore."""
        import io

        import openpyxl

        book = openpyxl.Workbook()
        book.active.append(["district", "parks"])
        book.active.append(["1", "12"])
        book.active.append(["2", "9"])
        buf = io.BytesIO()
        book.save(buf)
        res = call_action("resource_create", dict(publisher["context"]), package_id=publisher["dataset"]["id"],
                          upload=upload(buf.getvalue(), "parks.xlsx"), format="XLSX")
        assert screening.load_into_datastore(res["id"]) == 2
        assert call_action("datastore_search", resource_id=res["id"])["records"][1]["parks"] == "9"

    def test_load_refuses_a_resource_that_was_never_screened(self, table):
        """A resource with no passed screening (created around the gate) is not loaded."""
        from tests.factories import Dataset

        ds = Dataset(owner_org=table["org"]["id"])
        from ckanext.smarttehran.screening.ingest import SKIP

        res = call_action("resource_create", {SKIP: True, "user": table["user"]["name"]},
                          package_id=ds["id"], url="http://example.invalid/x.csv")
        with pytest.raises(screening.NotScreened):
            screening.load_into_datastore(res["id"])


def _view_types(resource_id: str) -> list[str]:
    return [v["view_type"] for v in call_action("resource_view_list", id=resource_id)]
