"""The loaded copy is the screened copy: every step after screening uses the exact bytes
that passed (their sha256 is on the screening record), never a second fetch."""

from __future__ import annotations

import http.server
import threading
from typing import Any

import pytest
from ckan.lib import uploader
from ckan.tests.helpers import call_action

from ckanext.smarttehran.screening import NotScreened, load_into_datastore, quarantine, records
from tests.screening.conftest import CLEAN_CSV, MOBILE, upload

SECOND = f"name,mobile,national_id\nعلی رضایی,{MOBILE},0012345679\nمریم احمدی,09351234567,0499370899\n"


class _TwoFaced(http.server.BaseHTTPRequestHandler):
    """Answers a clean CSV to the first request and personal data to every later one."""

    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        self.hits.append(self.path)
        body = (CLEAN_CSV if len(self.hits) == 1 else SECOND).encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def two_faced(ckan_config, monkeypatch, privacy_jobs):
    """A server on 127.0.0.1 (allowed for the test) that changes its answer after the first."""
    monkeypatch.setitem(ckan_config, "ckanext.smarttehran.privacy.fetch_allowed_hosts", "127.0.0.1")
    handler = type("H", (_TwoFaced,), {"hits": []})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", handler.hits
    server.shutdown()
    server.server_close()


def _anonymous(action: str, **data: Any) -> Any:
    return call_action(action, {"user": "", "ignore_auth": False}, **data)


def test_datastore_serves_the_bytes_that_passed_not_a_second_answer(publisher, two_faced):
    """Clean first, mobiles and national ids second: the DataStore holds the first answer,
    loaded from the screened copy; the server is asked once, and no later step (a reload)
    fetches again."""
    base, hits = two_faced
    res = call_action("resource_create", dict(publisher["context"]),
                      package_id=publisher["dataset"]["id"], url=base + "/districts.csv",
                      format="CSV", name="districts")
    assert res["privacy_screening"]["status"] == "pass"
    assert load_into_datastore(res["id"]) == 2
    assert load_into_datastore(res["id"]) == 2  # a reload reads the copy too
    rows = _anonymous("datastore_search", resource_id=res["id"])["records"]
    assert [r["population"] for r in rows] == ["300000", "400000"]
    text = str(_anonymous("datastore_search", resource_id=res["id"], q="09"))
    assert MOBILE not in text and "0012345679" not in text
    assert hits == ["/districts.csv"]
    rec = records.latest_for_resource(res["id"])
    assert rec["sha256"] == quarantine.sha256_of(quarantine.screened_path(rec["id"]))


def test_a_changed_screened_copy_is_not_loaded(publisher, two_faced):
    """If the kept copy no longer has the screened hash, the loader refuses (NotScreened,
    bilingual) instead of loading it or fetching the URL again."""
    base, hits = two_faced
    res = call_action("resource_create", dict(publisher["context"]),
                      package_id=publisher["dataset"]["id"], url=base + "/d.csv", format="CSV")
    rec = records.latest_for_resource(res["id"])
    with open(quarantine.screened_path(rec["id"]), "w", encoding="utf-8") as f:
        f.write(SECOND)
    with pytest.raises(NotScreened) as err:
        load_into_datastore(res["id"])
    assert "screen it again" in str(err.value) and "دوباره بررسی" in str(err.value)
    assert len(hits) == 1


def test_a_stored_upload_changed_after_screening_is_not_loaded(publisher):
    """An upload is loaded only while the stored file still has the screened hash."""
    res = call_action("resource_create", dict(publisher["context"]),
                      package_id=publisher["dataset"]["id"], upload=upload(CLEAN_CSV), format="CSV")
    assert load_into_datastore(res["id"]) == 2
    path = uploader.get_resource_uploader(dict(res)).get_path(res["id"])
    with open(path, "w", encoding="utf-8") as f:
        f.write(SECOND)
    with pytest.raises(NotScreened):
        load_into_datastore(res["id"])


def test_the_stored_upload_is_the_screened_file(publisher):
    """CKAN stores the bytes that were screened: the stored file's hash is the record's."""
    res = call_action("resource_create", dict(publisher["context"]),
                      package_id=publisher["dataset"]["id"], upload=upload(CLEAN_CSV))
    path = uploader.get_resource_uploader(dict(res)).get_path(res["id"])
    assert quarantine.sha256_of(path) == records.latest_for_resource(res["id"])["sha256"]
