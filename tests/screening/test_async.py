"""Big files are screened by a background job on the smarttehran:privacy queue."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import ckan.plugins.toolkit as tk
import pytest
from ckan.tests.helpers import call_action

from tests.screening.conftest import CLEAN_CSV, PII_CSV, upload

ROOT = Path(__file__).resolve().parents[2]
ANON = {"user": "", "ignore_auth": False}


def run_worker() -> None:
    """`ckan jobs worker --burst smarttehran:privacy` in a subprocess, as in production."""
    ckan_cmd = Path(sys.executable).with_name("ckan")
    subprocess.run(
        [str(ckan_cmd), "-c", tk.config["__file__"], "jobs", "worker", "--burst",
         "smarttehran:privacy"],
        check=True, cwd=ROOT, capture_output=True, timeout=300,
    )


@pytest.fixture(autouse=True)
def _empty_queue():
    """The worker runs this test's jobs only, not those other tests left in the queue."""
    from ckan.lib import jobs

    from ckanext.smarttehran.screening import QUEUE

    jobs.get_queue(QUEUE).empty()


@pytest.mark.ckan_config("ckanext.smarttehran.privacy.async_threshold", "10")
class TestBackgroundScreening:
    def test_big_clean_upload_is_pending_then_published_by_the_worker(self, publisher):
        """Over the threshold: the API returns the resource, pending and hidden from the
        public; the worker stores its file, records `pass` and loads the CSV into the
        DataStore."""
        ds_id = publisher["dataset"]["id"]
        out = call_action("resource_create", dict(publisher["context"]), package_id=ds_id,
                          upload=upload(CLEAN_CSV, "big.csv"), name="big", format="CSV")
        screening = out["privacy_screening"]
        assert screening["status"] == "pending" and "background" in screening["message"]
        assert call_action("package_show", dict(ANON), id=ds_id)["resources"] == []
        shown = call_action("smarttehran_privacy_report_show", id=screening["id"])
        assert shown["status"] == "pending" and shown["resource_id"] == out["id"]

        run_worker()

        rec = call_action("smarttehran_privacy_report_show", id=screening["id"])
        assert rec["status"] == "pass" and rec["quarantined"] is False
        resources = call_action("package_show", dict(ANON), id=ds_id)["resources"]
        assert [r["name"] for r in resources] == ["big"] and rec["resource_id"] == resources[0]["id"]
        rows = call_action("datastore_search", dict(ANON), resource_id=out["id"])["records"]
        assert [r["population"] for r in rows] == ["300000", "400000"]

    def test_big_pii_upload_is_blocked_by_the_worker(self, publisher):
        """The worker finds mobiles: the record is `blocked`, the resource never public."""
        ds_id = publisher["dataset"]["id"]
        out = call_action("resource_create", dict(publisher["context"]), package_id=ds_id,
                          upload=upload(PII_CSV, "people.csv"))
        run_worker()
        rec = call_action("smarttehran_privacy_report_show", id=out["privacy_screening"]["id"])
        assert rec["status"] == "blocked" and rec["quarantined"] is True
        assert rec["report"]["items"][0]["type"] in ("PERSON", "PHONE_MOBILE")
        assert call_action("package_show", dict(ANON), id=ds_id)["resources"] == []
