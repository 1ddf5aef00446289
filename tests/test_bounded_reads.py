"""DataStore reads bounded for everyone but sysadmins: a statement timeout with a clear
409, and CKAN's row limit (logic/action/side_doors.py, docs/operations.md)."""

from __future__ import annotations

import re

import pytest

from ckanext.smarttehran import config

pytestmark = pytest.mark.usefixtures("clean_db")

SLOW_SQL = "SELECT count(*) AS n FROM generate_series(1, 100000000) AS s"


def test_timeout_default():
    """The default statement timeout is 5 s."""
    assert config.datastore_query_timeout() == 5000


@pytest.mark.ckan_config("ckanext.smarttehran.datastore.query_timeout", "200")
def test_slow_sql_is_cut_off_with_a_clear_409(app):
    """An anonymous SQL search over 10^8 generated rows is cancelled at the timeout:
    409 naming the limit in Persian and English, not a worker held for ~50 s or a 500."""
    response = app.get("/api/3/action/datastore_search_sql", query_string={"sql": SLOW_SQL})
    assert response.status_code == 409
    message = " ".join(response.get_json()["error"]["query"])
    assert "0.2" in message and re.search("[\u0600-\u06ff]", message)


@pytest.mark.ckan_config("ckan.datastore.search.rows_max", "5")
def test_rows_capped(app):
    """ckan.datastore.search.rows_max caps what one SQL search returns."""
    response = app.get("/api/3/action/datastore_search_sql",
                       query_string={"sql": "SELECT s FROM generate_series(1, 50) AS s"})
    assert response.status_code == 200
    result = response.get_json()["result"]
    assert len(result["records"]) == 5 and result["records_truncated"] is True
