"""URLs and big files are screened by a background job: resource_create returns the
resource at once, held (editors only) until its screening passes, refused ones never
shown to the public. The job runs in the test (``privacy_jobs``), held when asked."""

from __future__ import annotations

import os
from typing import Any

import ckan.plugins.toolkit as tk
import pytest
from ckan import model
from ckan.lib import uploader
from ckan.tests.helpers import call_action

from ckanext.smarttehran.screening import quarantine, records
from tests.factories import Dataset
from tests.screening.conftest import CLEAN_CSV, MOBILE, MOBILE_MASKED, PII_CSV, upload

ANON = {"user": "", "ignore_auth": False}


def _anon(action: str, **data: Any) -> Any:
    return call_action(action, dict(ANON), **data)


def _names(package_id: str, context: dict[str, Any] | None = None) -> list[str]:
    shown = call_action("package_show", dict(context or ANON), id=package_id)
    return [r["name"] for r in shown["resources"]]


def _found(q: str) -> int:
    return _anon("package_search", q=q)["count"]


class TestUrlResource:
    def test_returned_at_once_held_then_published_by_the_job(
        self, publisher, http_files, privacy_jobs
    ):
        """resource_create answers with the resource (pending) before anything is fetched;
        until the job passes it, anonymous users see no resource, no resource_show and no
        search hit on its name; its editor sees it; after the job, everyone does."""
        base, routes = http_files
        routes["/districts.csv"] = CLEAN_CSV.encode()
        ds = publisher["dataset"]["id"]
        context = dict(publisher["context"])
        held_runner = privacy_jobs
        held_runner.hold = True
        res = call_action("resource_create", context, package_id=ds, url=base + "/districts.csv",
                          name="HELDNAME", format="CSV")
        assert res["package_id"] == ds and res["url"] == base + "/districts.csv"
        assert res["privacy_screening"]["status"] == "pending"
        assert "background" in res["privacy_screening"]["message"]
        assert "پس‌زمینه" in res["privacy_screening"]["message"]
        assert held_runner.queued == [res["privacy_screening"]["id"]]
        assert _names(ds) == []
        with pytest.raises(tk.NotAuthorized):
            _anon("resource_show", id=res["id"])
        assert _found("HELDNAME") == 0 and _found("res_format:CSV") == 0
        assert _names(ds, publisher["context"]) == ["HELDNAME"]
        assert "privacy_screening" not in call_action("resource_show", id=res["id"])

        assert held_runner.run() == ["pass"]
        assert _names(ds) == ["HELDNAME"]
        assert _anon("resource_show", id=res["id"])["id"] == res["id"]
        assert _found("HELDNAME") == 1
        rec = records.latest_for_resource(res["id"])
        assert rec["status"] == "pass" and rec["sha256"]

    def test_personal_data_refused_shown_to_editors_never_to_the_public(self, publisher, http_files):
        """A URL serving mobiles: the resource stays, refused, with the masked report for
        its editors; anonymous users never see it, before or after."""
        base, routes = http_files
        routes["/people.csv"] = PII_CSV.encode()
        ds = publisher["dataset"]["id"]
        res = call_action("resource_create", dict(publisher["context"]), package_id=ds,
                          url=base + "/people.csv", name="people")
        summary = res["privacy_screening"]
        assert summary["status"] == "blocked"
        assert MOBILE_MASKED in summary["message"] and MOBILE not in summary["message"]
        assert _names(ds) == [] and _names(ds, publisher["context"]) == ["people"]
        with pytest.raises(tk.NotAuthorized):
            _anon("resource_show", id=res["id"])
        report = call_action("smarttehran_privacy_report_show", dict(publisher["context"]),
                             id=summary["id"])
        assert report["resource_id"] == res["id"] and report["quarantined"] is True
        assert MOBILE not in str(report)

    def test_internal_literal_address_is_refused_in_the_request(self, publisher):
        """The Solr core's CSV export as a link: refused at once, bilingual, nothing saved."""
        ds = publisher["dataset"]["id"]
        with pytest.raises(tk.ValidationError) as err:
            call_action("resource_create", dict(publisher["context"]), package_id=ds,
                        url="http://127.0.0.1:8983/solr/ckan/select?q=*:*&wt=csv")
        message = err.value.error_dict["url"][0]
        assert "internal address (loopback)" in message and "درونی" in message
        assert model.Session.query(model.Resource).count() == 0

    def test_internal_host_name_is_refused_by_the_job(self, publisher, privacy_jobs):
        """A name that resolves to loopback (no allow-list): the job refuses it after DNS;
        the editor gets the reason, the public never the resource."""
        ds = publisher["dataset"]["id"]
        res = call_action("resource_create", dict(publisher["context"]), package_id=ds,
                          url="http://localhost:8983/solr/ckan/select?q=*:*&wt=csv", name="solr")
        assert res["privacy_screening"]["status"] == "error"
        assert "internal address" in res["privacy_screening"]["message"]
        assert _names(ds) == []
        with pytest.raises(tk.NotAuthorized):
            _anon("resource_show", id=res["id"])

    def test_new_url_on_a_published_resource_is_held_until_it_passes(
        self, publisher, http_files, privacy_jobs
    ):
        """resource_patch with another URL: held while pending, back once it passes."""
        base, routes = http_files
        routes["/a.csv"] = CLEAN_CSV.encode()
        routes["/b.csv"] = CLEAN_CSV.encode()
        ds = publisher["dataset"]["id"]
        res = call_action("resource_create", dict(publisher["context"]), package_id=ds,
                          url=base + "/a.csv", name="table")
        assert _names(ds) == ["table"]
        runner = privacy_jobs
        runner.hold = True
        out = call_action("resource_patch", dict(publisher["context"]), id=res["id"],
                          url=base + "/b.csv")
        assert out["privacy_screening"]["status"] == "pending"
        assert _names(ds) == []
        runner.run()
        assert _names(ds) == ["table"]


class TestInline:
    def test_package_create_holds_inline_urls_until_screened(
        self, publisher, http_files, privacy_jobs
    ):
        """package_create with a link resource: the dataset is saved, the resource held."""
        base, routes = http_files
        routes["/a.csv"] = CLEAN_CSV.encode()
        runner = privacy_jobs
        runner.hold = True
        ds = Dataset(owner_org=publisher["org"]["id"], name="inline-links",
                     resources=[{"url": base + "/a.csv", "name": "INLINEHELD"}])
        assert _names(ds["id"]) == [] and _found("INLINEHELD") == 0
        assert runner.run() == ["pass"]
        assert _names(ds["id"]) == ["INLINEHELD"] and _found("INLINEHELD") == 1

    def test_package_create_with_a_pii_url_never_publishes_it(self, publisher, http_files):
        base, routes = http_files
        routes["/people.csv"] = PII_CSV.encode()
        ds = Dataset(owner_org=publisher["org"]["id"], name="inline-pii",
                     resources=[{"url": base + "/people.csv", "name": "people"}])
        assert _names(ds["id"]) == []
        (rec,) = [r for r in records.search(package_ids=[ds["id"]])[1] if r["source"] == "url"]
        assert rec["status"] == "blocked"


@pytest.mark.ckan_config("ckanext.smarttehran.privacy.async_threshold", "10")
class TestBigUpload:
    def test_saved_without_its_file_then_stored_from_the_screened_copy(self, publisher, privacy_jobs):
        """Over the threshold: the resource is returned held and its file stays in
        quarantine; the job stores exactly the screened bytes and publishes it."""
        privacy_jobs.hold = True
        ds = publisher["dataset"]["id"]
        res = call_action("resource_create", dict(publisher["context"]), package_id=ds,
                          upload=upload(CLEAN_CSV, "big.csv"), name="big", format="CSV")
        assert res["url_type"] == "upload" and res["url"].endswith("big.csv")
        assert res["privacy_screening"]["status"] == "pending"
        path = uploader.get_resource_uploader(dict(res)).get_path(res["id"])
        assert not os.path.exists(path) and _names(ds) == []
        assert privacy_jobs.run() == ["pass"]
        rec = records.latest_for_resource(res["id"])
        assert quarantine.sha256_of(path) == rec["sha256"] and rec["quarantined"] is False
        assert _names(ds) == ["big"]

    def test_refused_big_upload_is_never_stored(self, publisher, privacy_jobs):
        ds = publisher["dataset"]["id"]
        res = call_action("resource_create", dict(publisher["context"]), package_id=ds,
                          upload=upload(PII_CSV, "people.csv"), name="people")
        assert res["privacy_screening"]["status"] == "blocked"
        assert not os.path.exists(uploader.get_resource_uploader(dict(res)).get_path(res["id"]))
        assert _names(ds) == [] and _names(ds, publisher["context"]) == ["people"]



@pytest.mark.ckan_config("ckan.max_resource_size", "1")
class TestMaxResourceSize:
    def test_an_upload_over_the_limit_is_refused_while_it_streams(self, publisher, privacy_jobs):
        """Over ckan.max_resource_size (1 MB here): a bilingual refusal on `upload`,
        nothing in quarantine, no record, no resource."""
        big = b"district,count\n" + b"1,10\n" * 400_000  # about 2 MB
        before = _quarantined()
        with pytest.raises(tk.ValidationError) as err:
            call_action("resource_create", dict(publisher["context"]),
                        package_id=publisher["dataset"]["id"], upload=upload(big, "big.csv"))
        message = err.value.error_dict["upload"][0]
        assert "1 MB" in message and "بزرگ‌تر" in message
        assert records.search()[0] == 0
        assert model.Session.query(model.Resource).count() == 0
        assert _quarantined() == before


def _quarantined() -> set[str]:
    return {f for _d, _s, files in os.walk(quarantine.root()) for f in files}
