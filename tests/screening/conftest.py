"""Fixtures for the screening tests: files, a publisher with an organization, uploads."""

from __future__ import annotations

import http.server
import io
import threading
import time
from typing import Any

import pytest
from ckan.tests import factories
from werkzeug.datastructures import FileStorage

from tests.factories import Dataset

MOBILE = "09123456789"
MOBILE_MASKED = "۰۹۱۲•••••۸۹"
PII_CSV = f"name,mobile,district\nعلی رضایی,{MOBILE},3\nمریم احمدی,09351234567,5\n"
CLEAN_CSV = "district,population\n1,300000\n2,400000\n"


def upload(text: str | bytes, filename: str = "data.csv") -> FileStorage:
    """A FileStorage like the one CKAN's form and multipart API hand to resource_create."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    return FileStorage(stream=io.BytesIO(data), filename=filename)


@pytest.fixture
def publisher(clean_db, clean_index) -> dict[str, Any]:
    """An editor of an organization and a dataset of it."""
    editor = factories.User()
    org = factories.Organization(users=[{"name": editor["name"], "capacity": "editor"}])
    dataset = Dataset(owner_org=org["id"])
    return {"user": editor, "org": org, "dataset": dataset,
            "context": {"user": editor["name"], "ignore_auth": False}}


class _Handler(http.server.BaseHTTPRequestHandler):
    routes: dict[str, bytes] = {}

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        if self.path == "/slow":
            time.sleep(3)
        body = self.routes.get(self.path)
        if body is None:
            self.send_response(404)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def http_files(ckan_config, monkeypatch, privacy_jobs):
    """A local HTTP server: set ``routes[path] = bytes``; ``/slow`` answers after 3 s.

    127.0.0.1 is put on the fetch allow-list (internal addresses are refused by default);
    the screening jobs that fetch URLs run in the test (``privacy_jobs``).
    """
    monkeypatch.setitem(ckan_config, "ckanext.smarttehran.privacy.fetch_allowed_hosts", "127.0.0.1")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    _Handler.routes = {"/slow": b"a,b\n1,2\n"}
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    yield base, _Handler.routes
    server.shutdown()
    server.server_close()
