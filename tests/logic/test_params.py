"""Bad query parameters of the read actions are a 409 naming the parameter, never a 500."""

from __future__ import annotations

import ckan.plugins.toolkit as tk
import pytest

from ckanext.smarttehran.logic import params


class TestReaders:
    def test_integer_reads_any_digits_and_defaults(self):
        assert params.integer({"limit": "۱۲"}, "limit", 20) == 12
        assert params.integer({"limit": "٣"}, "limit", 20) == 3
        assert params.integer({}, "limit", 20) == 20
        assert params.integer({"limit": ""}, "limit", 20) == 20

    @pytest.mark.parametrize(("value", "minimum"), [("abc", 0), ("-1", 0), ("0", 1), ("2.5", 0)])
    def test_integer_refuses_in_both_languages(self, value, minimum):
        with pytest.raises(tk.ValidationError) as err:
            params.integer({"limit": value}, "limit", 20, minimum=minimum)
        (message,) = err.value.error_dict["limit"]
        fa, en = message.split(" / ")
        assert "«limit»" in fa and en.startswith("limit must be")

    def test_flag(self):
        assert params.flag({"overdue": "true"}, "overdue") is True
        assert params.flag({"overdue": "False"}, "overdue") is False
        assert params.flag({}, "overdue") is False
        with pytest.raises(tk.ValidationError) as err:
            params.flag({"overdue": "maybe"}, "overdue")
        assert "true or false" in err.value.error_dict["overdue"][0]

    def test_choice(self):
        assert params.choice({"status": "open"}, "status", ("open", "answered")) == "open"
        assert params.choice({}, "status", ("open",)) is None
        with pytest.raises(tk.ValidationError) as err:
            params.choice({"status": "bogus"}, "status", ("open", "answered"))
        assert "answered, open" in err.value.error_dict["status"][0]


BAD_REQUESTS = [
    ("smarttehran_neighborhood_list", {"district": "abc"}, "district"),
    ("smarttehran_neighborhood_list", {"district": "23"}, "district"),
    ("smarttehran_neighborhood_list", {"q": "vanak", "limit": "abc"}, "limit"),
    ("smarttehran_data_request_list", {"limit": "abc"}, "limit"),
    ("smarttehran_data_request_list", {"limit": "-1"}, "limit"),
    ("smarttehran_data_request_list", {"offset": "-3"}, "offset"),
    ("smarttehran_data_request_list", {"overdue": "maybe"}, "overdue"),
    ("smarttehran_data_request_list", {"status": "bogus"}, "status"),
]


@pytest.mark.usefixtures("clean_db")
class TestOverHttp:
    @pytest.mark.parametrize(("action", "query", "field"), BAD_REQUESTS)
    def test_bad_parameter_is_a_validation_error(self, app, action, query, field):
        response = app.get(f"/api/3/action/{action}", query_string=query, status=409)
        error = response.json["error"]
        assert error["__type"] == "Validation Error" and field in error

    def test_privacy_report_list_refuses_a_negative_offset(self, app):
        from ckan.tests import factories

        token = factories.APIToken(user=factories.Sysadmin()["name"])["token"]
        response = app.get(
            "/api/3/action/smarttehran_privacy_report_list",
            query_string={"offset": "-1"},
            headers={"Authorization": token},
            status=409,
        )
        assert "offset" in response.json["error"]

    def test_citywide_and_persian_digits_are_districts(self, app):
        every = app.get("/api/3/action/smarttehran_neighborhood_list").json["result"]
        citywide = app.get(
            "/api/3/action/smarttehran_neighborhood_list", query_string={"district": "citywide"}
        ).json["result"]
        six = app.get(
            "/api/3/action/smarttehran_neighborhood_list", query_string={"district": "۶"}
        ).json["result"]
        assert len(citywide) == len(every) == 375
        assert six and {n["district"] for n in six} == {6}
