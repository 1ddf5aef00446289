"""Hostile input gets a clear 4xx with a Persian and English message, never a 500: the
cases of issue 12, then every action and view of ours sent bad parameters."""

from __future__ import annotations

import json
import re

import pytest
from ckan.tests import factories
from ckan.tests.helpers import call_action

from ckanext.smarttehran.logic import schema
from ckanext.smarttehran.plugin import SmartTehranPlugin
from ckanext.smarttehran.screening.ingest import SKIP
from tests.factories import Dataset

pytestmark = pytest.mark.usefixtures("clean_db", "clean_index", "web")

# Inside Tehran, in WGS84.
POINT = json.dumps({"type": "Point", "coordinates": [51.39, 35.70]})


def _persian_and_english(text: str) -> None:
    assert re.search("[\u0600-\u06ff]", text), text[:300]
    assert re.search("[A-Za-z]{3}", text), text[:300]


def _api_error(response, field: str) -> str:
    body = response.get_json()
    assert body["success"] is False
    message = " ".join(str(m) for m in body["error"][field])
    _persian_and_english(message)
    return message


def _csrf(app, env=None) -> str:
    page = app.get("/dataset/", headers=env or {}).get_data(as_text=True)
    return re.search(r'name="_csrf_token" content="([^"]+)"', page).group(1)


def _table_view(sysadmin, dataset) -> dict:
    """A DataTables view of a one-row DataStore table of the dataset's resource."""
    # Screening is not what is tested here: the resource is created as already screened.
    context = {"user": sysadmin["name"], SKIP: True}
    resource_id = call_action("resource_create", dict(context), package_id=dataset["id"],
                              url="http://example.com/t.csv", format="CSV")["id"]
    call_action("datastore_create", dict(context), resource_id=resource_id, force=True,
                fields=[{"id": "district", "type": "int"}], records=[{"district": 1}])
    return call_action("resource_view_create", {"user": sysadmin["name"]}, resource_id=resource_id,
                       view_type="datatables_view", title="جدول")


class TestIssueCases:
    def test_requests_page_bogus_status(self, app):
        """/requests?status=bogus: 400 naming the status, in both languages."""
        response = app.get("/requests?status=bogus")
        assert response.status_code == 400
        text = response.get_data(as_text=True)
        assert "status" in text
        _persian_and_english(text)

    def test_dcat_unknown_format(self, app):
        """/dataset/<id>.nt (a format the dcat pages cannot answer): 409, not KeyError."""
        dataset = Dataset()
        response = app.get(f"/dataset/{dataset['name']}.nt")
        assert response.status_code == 409
        assert "ttl" in response.get_data(as_text=True)
        assert app.get(f"/dataset/{dataset['name']}.ttl").status_code == 200

    def test_datatables_ajax_of_restricted_resource(self, app):
        """POST /datatables/ajax/<view> of a restricted dataset's table: 403 in JSON."""
        sysadmin = factories.Sysadmin()
        view = _table_view(sysadmin, Dataset(
            access_level="restricted", access_reason="privacy", access_review_date="2026-01-01",
            license_id="other-closed"))
        form = {"draw": "1", "start": "0", "length": "10", "search[value]": "",
                "_csrf_token": _csrf(app)}
        response = app.post(f"/datatables/ajax/{view['id']}", data=form)
        assert response.status_code == 403
        error = response.get_json()["error"]
        _persian_and_english(error)
        # and a malformed form of a public table: 400, not ValueError
        view = _table_view(sysadmin, Dataset())
        response = app.post(f"/datatables/ajax/{view['id']}", data={**form, "draw": "abc"})
        assert response.status_code == 400
        response = app.post(f"/datatables/ajax/{view['id']}", data=form)
        assert response.status_code == 200
        assert json.loads(response.get_data(as_text=True))["recordsTotal"] == 1

    def test_unsupported_spatial_crs(self, app):
        """package_create with spatial_crs=EPSG:9999: 409 naming the coordinate system."""
        sysadmin = factories.SysadminWithToken()
        org = factories.Organization()
        response = app.post("/api/3/action/package_create", headers={"Authorization": sysadmin["token"]},
                            json={"name": "crs-test", "title": "آزمون", "notes": "آزمون",
                                  "owner_org": org["id"], "smart_dimension": ["mobility"],
                                  "update_frequency": "annual", "spatial": POINT,
                                  "spatial_crs": "EPSG:9999"})
        assert response.status_code == 409
        assert "EPSG:9999" in _api_error(response, "spatial_crs")
        assert call_action("package_search", q="name:crs-test")["count"] == 0

    def test_huge_title(self, app):
        """A 100,000-character title: 409 (Solr's immense term was a 500), nothing saved."""
        sysadmin = factories.SysadminWithToken()
        org = factories.Organization()
        response = app.post("/api/3/action/package_create", headers={"Authorization": sysadmin["token"]},
                            json={"name": "long-title", "title": "ت" * 100_000, "notes": "آزمون",
                                  "owner_org": org["id"], "smart_dimension": ["mobility"],
                                  "update_frequency": "annual"})
        assert response.status_code == 409
        assert "500" in _api_error(response, "title")
        assert app.get("/api/3/action/package_show?id=long-title").status_code == 404

    @pytest.mark.parametrize("action", ["smarttehran_data_request_list", "smarttehran_privacy_report_list"])
    def test_huge_offset(self, app, action):
        """offset=10^30 on our list actions: 409 naming the offset (was a bigint 500)."""
        sysadmin = factories.SysadminWithToken()
        response = app.get(f"/api/3/action/{action}", query_string={"offset": str(10**30)},
                           headers={"Authorization": sysadmin["token"]})
        assert response.status_code == 409
        _api_error(response, "offset")

    def test_valid_parameters_still_work(self, app):
        """The schemas keep good input: Persian digits, limits clamped, flags."""
        citizen = factories.User()
        for n in range(3):
            call_action("smarttehran_data_request_create", {"user": citizen["name"]},
                        title=f"درخواست {n}", description="شرح")
        found = call_action("smarttehran_data_request_list", limit="۲", offset="1", overdue="false")
        assert found["count"] == 3 and len(found["results"]) == 2
        assert len(call_action("smarttehran_data_request_list", limit=10_000)["results"]) == 3
        assert call_action("smarttehran_neighborhood_list", q="تجریش", limit="1")


# ---------------------------------------------------------------- every action, every view

BAD_VALUES = ["abc", -1, 10**30, "۱۰" * 40, ["a", "b"], {"a": 1}, [{"a": 1}], "x" * 100_001, True, None]
# Parameters tried on the chained core actions (ours have their schema).
CORE_PARAMS = ("id", "q", "query", "limit", "offset", "resource_id", "package_id", "format")


def _our_actions() -> dict[str, tuple[str, ...]]:
    """Every action the plugin registers, with the parameters it takes."""
    names = SmartTehranPlugin().get_actions()
    return {name: tuple(k for k in schema.SCHEMAS[name]() if not k.startswith("__"))
            if name in schema.SCHEMAS else CORE_PARAMS for name in names}


def test_every_action_is_enumerated():
    """The registered actions include ours and the chained ones (a new one is covered)."""
    actions = _our_actions()
    assert "smarttehran_data_request_list" in actions and "dcat_dataset_show" in actions
    assert set(schema.SCHEMAS) <= set(actions)
    assert actions["smarttehran_data_request_list"] == ("status", "organization_id", "overdue", "limit", "offset")


def test_no_action_answers_500(app):
    """Each action with each bad value in all its parameters, and each parameter of ours
    alone with the worst values, as a sysadmin (past the auth checks): below 500."""
    headers = {"Authorization": factories.SysadminWithToken()["token"]}
    Dataset(name="fuzz-target")
    failures = []

    def send(action, data):
        response = app.post(f"/api/3/action/{action}", json=data, headers=headers)
        if response.status_code >= 500:
            failures.append((action, repr(data)[:60], response.status_code))

    for action, params in _our_actions().items():
        for value in BAD_VALUES:
            send(action, dict.fromkeys(params or ("id",), value))
        if action in schema.SCHEMAS:
            for param in params:
                for value in (["a", "b"], {"a": 1}, 10**30, "x" * 100_001):
                    send(action, {param: value})
    assert not failures, failures


def _our_view_rules(app):
    ours = {blueprint.name for blueprint in SmartTehranPlugin().get_blueprint()}
    return [r for r in app.flask_app.url_map.iter_rules() if r.endpoint.split(".")[0] in ours]


@pytest.mark.parametrize("who", ["anonymous", "sysadmin"])
def test_no_view_answers_500(app, who):
    """Each page of ours, with bad path parts and bad query parameters: below 500."""
    headers = {}
    if who == "sysadmin":
        headers = {"Authorization": factories.SysadminWithToken()["token"]}
    Dataset(name="fuzz-target")
    failures = []
    rules = _our_view_rules(app)
    assert rules
    token = _csrf(app, headers)
    for rule in rules:
        for value in ("abc", str(10**30), "x" * 5000, "%00"):
            path = rule.rule
            for arg in rule.arguments:
                path = re.sub(rf"<(?:[^:<>]+:)?{arg}>", value, path)
            query = {k: value for k in ("status", "limit", "offset", "q", "page", "district", "id", "format")}
            if "GET" in rule.methods:
                response = app.get(path, query_string=query, headers=headers)
                if response.status_code >= 500:
                    failures.append(("GET", path[:80], response.status_code))
            if "POST" in rule.methods:
                response = app.post(path, data={**query, "rating": value, "title": value,
                                                "_csrf_token": token}, headers=headers)
                if response.status_code >= 500:
                    failures.append(("POST", path[:80], response.status_code))
    assert not failures, failures
