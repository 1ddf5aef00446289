"""Raw findings reach no log, error, search index, activity stream or page."""

from __future__ import annotations

import io
import logging

from ckan.tests import factories
from ckan.tests.helpers import call_action

from tests.screening.conftest import MOBILE, MOBILE_MASKED, PII_CSV


def test_blocked_upload_leaks_the_number_nowhere(app, publisher, caplog):
    """A multipart API upload with mobiles: 409, masked message, and the raw number is in no
    log record, not in Solr (package_search), not in the activity stream, not on the pages."""
    caplog.set_level(logging.DEBUG)
    token = factories.APIToken(user=publisher["user"]["name"])["token"]
    ds = publisher["dataset"]
    resp = app.post(
        "/api/action/resource_create",
        data={"package_id": ds["id"], "name": "people", "upload": (io.BytesIO(PII_CSV.encode()), "people.csv")},
        headers={"Authorization": token},
        status=409,
    )
    body = resp.get_data(as_text=True)
    assert MOBILE_MASKED in resp.json["error"]["upload"][0]
    assert MOBILE not in body
    assert all(MOBILE not in r.getMessage() for r in caplog.records)
    assert call_action("package_search", q=MOBILE, include_private=True)["count"] == 0
    activities = call_action("package_activity_list", id=ds["id"])
    assert MOBILE not in str(activities)
    sid = resp.json["error"]["privacy_screening_id"][0]
    for url in (f"/dataset/{ds['name']}", f"/dataset/{ds['name']}/privacy", f"/privacy/{sid}"):
        page = app.get(url, headers={"Authorization": token}).get_data(as_text=True)
        assert MOBILE not in page
    report = app.get(f"/privacy/{sid}", headers={"Authorization": token}).get_data(as_text=True)
    assert MOBILE_MASKED in report
