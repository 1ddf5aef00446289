"""The OpenAPI document (/api/openapi.json) matches the real API, the developer page's
examples work, and CKAN's CORS settings apply to the read API."""

from __future__ import annotations

import json
from typing import Any

import pytest
from ckan import model
from ckan.tests import factories
from ckan.tests.helpers import call_action

from tests.factories import Dataset

pytestmark = pytest.mark.usefixtures("clean_db", "clean_index", "web")

_TYPES = {"object": dict, "array": list, "string": str, "integer": int, "boolean": bool,
          "number": (int, float), "null": type(None)}




def check(value: Any, schema: dict[str, Any], doc: dict[str, Any], path: str = "$") -> None:
    """A small JSON Schema check (type, required, properties, items, enum, allOf, $ref)."""
    if "$ref" in schema:
        schema = doc["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    for part in schema.get("allOf", []):
        check(value, part, doc, path)
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        ok = any(isinstance(value, _TYPES[t]) and not (t in ("integer", "number") and isinstance(value, bool))
                 for t in types)
        assert ok, f"{path}: {type(value).__name__} is not {types}"
    if "enum" in schema:
        assert value in schema["enum"], f"{path}: {value!r} not in {schema['enum']}"
    if isinstance(value, dict):
        for key in schema.get("required", []):
            assert key in value, f"{path}: missing {key}"
        for key, sub in schema.get("properties", {}).items():
            if key in value:
                check(value[key], sub, doc, f"{path}.{key}")
    if isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            check(item, schema["items"], doc, f"{path}[{i}]")


@pytest.fixture
def doc(app):
    response = app.get("/api/openapi.json")
    assert response.status_code == 200
    return response.json


@pytest.fixture
def data():
    d = Dataset(name="air-quality", smart_dimension=["environment"], district=["6"], neighborhood=["601"],
                resources=[{"url": "http://example.com/air.csv", "format": "CSV", "name": "air"}])
    res_id = model.Package.get(d["id"]).resources[0].id
    sysadmin = factories.Sysadmin()
    call_action("datastore_create", {"user": sysadmin["name"]}, resource_id=res_id, force=True,
                fields=[{"id": "district", "type": "text"}, {"id": "count", "type": "int"}],
                records=[{"district": "6", "count": 10}, {"district": "7", "count": 3}])
    return {"dataset": d, "res_id": res_id}


def _call(app, doc, action, status=200, **params):
    """Call the real action and check its result against the document's schema."""
    op = doc["paths"][f"/{action}"]["get"]
    response = app.get(f"/api/3/action/{action}", query_string=params)
    assert response.status_code == status, (action, response.get_data(as_text=True)[:500])
    schema = op["responses"][str(status)]["content"]["application/json"]["schema"]
    check(response.json, schema, doc)
    return response.json


class TestDocument:
    def test_is_openapi_31_with_our_actions(self, doc):
        """An OpenAPI 3.1 document naming the server and our actions."""
        assert doc["openapi"].startswith("3.1")
        assert doc["servers"][0]["url"] == "http://test.ckan.net/api/3/action"
        for action in ("package_search", "package_show", "datastore_search",
                       "smarttehran_transparency_stats", "smarttehran_dataset_transparency_show"):
            assert f"/{action}" in doc["paths"]

    def test_every_ref_resolves(self, doc):
        """Every $ref names a schema in components."""
        refs = {m.rsplit("/", 1)[-1] for m in json.dumps(doc).split('"$ref": "')[1:] for m in [m.split('"')[0]]}
        assert refs <= set(doc["components"]["schemas"])

    def test_responses_match(self, app, doc, data):
        """Real responses of every documented read action have the documented shape."""
        found = _call(app, doc, "package_search", fq="smart_dimension:environment AND district:6")
        assert found["result"]["count"] == 1
        assert _call(app, doc, "package_search", fq="neighborhood:601")["result"]["count"] == 1
        _call(app, doc, "package_show", id="air-quality")
        _call(app, doc, "resource_show", id=data["res_id"])
        _call(app, doc, "organization_list")
        rows = _call(app, doc, "datastore_search", resource_id=data["res_id"], filters='{"district": "6"}')
        assert rows["result"]["records"][0]["count"] == 10
        _call(app, doc, "smarttehran_transparency_stats")
        _call(app, doc, "smarttehran_dataset_transparency_show", id="air-quality")
        _call(app, doc, "smarttehran_vocabulary_list")
        _call(app, doc, "smarttehran_vocabulary_show", name="access_reasons")
        _call(app, doc, "smarttehran_neighborhood_list", district="6")
        _call(app, doc, "smarttehran_neighborhood_show", code="601")
        _call(app, doc, "smarttehran_district_show", district="6")
        _call(app, doc, "package_show", status=404, id="no-such-dataset")
        citizen = factories.User()
        req = call_action("smarttehran_data_request_create", {"user": citizen["name"]},
                          title="داده دوچرخه", description="ایستگاه‌ها")
        call_action("smarttehran_rating_create", {"user": citizen["name"]}, package_id="air-quality", rating=5)
        assert _call(app, doc, "smarttehran_data_request_list")["result"]["count"] == 1
        _call(app, doc, "smarttehran_data_request_show", id=req["id"])
        assert _call(app, doc, "smarttehran_rating_show", package_id="air-quality")["result"]["average"] == 5

    def test_checker_catches_a_wrong_shape(self, doc):
        """The schema check fails on a response that breaks the document."""
        with pytest.raises(AssertionError):
            check({"id": "x"}, {"$ref": "#/components/schemas/Dataset"}, doc)
        with pytest.raises(AssertionError):
            check({"access_level": "secret"}, doc["components"]["schemas"]["Dataset"]["properties"]["access_level"], doc)


class TestDeveloperPage:
    @pytest.mark.parametrize("url,text", [("/developers", "توکن"), ("/en/developers", "API token")])
    def test_page_in_both_languages(self, app, url, text):
        """The developer page exists in Persian and English with curl examples."""
        body = app.get(url).get_data(as_text=True)
        assert text in body
        assert "fq=smart_dimension:mobility" in body and "/catalog.ttl" in body
        assert "datastore_search" in body and "/api/openapi.json" in body


class TestCors:
    """CKAN's CORS, on as the demo sets it (dev/demo-options.ini, tests/test_demo_options.py)."""

    ORIGIN = {"Origin": "https://startup.example"}

    @pytest.mark.parametrize("url", ["/api/3/action/package_search", "/api/openapi.json",
                                     "/api/3/action/smarttehran_district_list"])
    def test_reads_answer_any_origin_without_credentials(self, app, url):
        """The read API answers any origin with '*' and never allows credentials."""
        response = app.get(url, headers=self.ORIGIN)
        assert response.headers["Access-Control-Allow-Origin"] == "*"
        assert "Access-Control-Allow-Credentials" not in response.headers

    def test_post_of_a_read_action_and_its_preflight(self, app):
        """A JSON POST of a read action is preflighted (OPTIONS) and both are allowed."""
        headers = {**self.ORIGIN, "Access-Control-Request-Method": "POST",
                   "Access-Control-Request-Headers": "content-type"}
        preflight = app.options("/api/3/action/package_search", headers=headers)
        assert preflight.status_code == 200
        assert preflight.headers["Access-Control-Allow-Origin"] == "*"
        assert "POST" in preflight.headers["Access-Control-Allow-Methods"]
        assert "content-type" in preflight.headers["Access-Control-Allow-Headers"].lower()
        response = app.post("/api/3/action/package_search", json={"rows": 1}, headers=self.ORIGIN)
        assert response.json["success"] is True
        assert response.headers["Access-Control-Allow-Origin"] == "*"

    @pytest.mark.usefixtures("clean_db")
    def test_cookie_writes_are_refused_token_writes_allowed(self, app):
        """Cross-origin writes: the browser sends no credentials to '*', and a cookie
        session without CSRF token cannot write; an API token can (Authorization is an
        allowed header)."""
        preflight = app.options("/api/3/action/organization_create", headers={
            **self.ORIGIN, "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, content-type"})
        assert "authorization" in preflight.headers["Access-Control-Allow-Headers"].lower()
        user = factories.Sysadmin()
        token = factories.APIToken(user=user["name"])["token"]
        response = app.post("/api/3/action/organization_create", json={"name": "cors-org"},
                            headers={**self.ORIGIN, "Authorization": token})
        assert response.json["success"] is True
        assert "Access-Control-Allow-Credentials" not in response.headers

    @pytest.mark.usefixtures("clean_db")
    def test_dcat_answers_any_origin(self, app):
        """The DCAT catalogue and a dataset's RDF are readable cross-origin."""
        dataset = Dataset()
        for url in ("/catalog.ttl", "/catalog.jsonld", f"/dataset/{dataset['name']}.ttl",
                    f"/dataset/{dataset['name']}.rdf"):
            response = app.get(url, headers=self.ORIGIN)
            assert response.status_code == 200, url
            assert response.headers["Access-Control-Allow-Origin"] == "*", url

    @pytest.mark.ckan_config("ckan.cors.origin_allow_all", "false")
    @pytest.mark.ckan_config("ckan.cors.origin_whitelist", "https://app.example")
    def test_whitelist(self, app):
        """With a whitelist only the listed origin is echoed back."""
        ok = app.get("/api/3/action/package_search", headers={"Origin": "https://app.example"})
        assert ok.headers["Access-Control-Allow-Origin"] == "https://app.example"
        other = app.get("/api/3/action/package_search", headers={"Origin": "https://evil.example"})
        assert "Access-Control-Allow-Origin" not in other.headers

    @pytest.mark.ckan_config("ckan.cors.origin_allow_all", "false")
    def test_can_be_turned_off(self, app):
        """ckan.cors.origin_allow_all = false (CKAN's default) sends no CORS header."""
        response = app.get("/api/3/action/package_search", headers=self.ORIGIN)
        assert "Access-Control-Allow-Origin" not in response.headers
