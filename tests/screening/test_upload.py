"""Uploads and URLs are screened before CKAN stores them."""

from __future__ import annotations

import os

import ckan.plugins.toolkit as tk
import pytest
from ckan import model
from ckan.tests.helpers import call_action

from ckanext.smarttehran import config
from ckanext.smarttehran.persian import to_latin_digits
from ckanext.smarttehran.screening import verdict
from tests.screening.conftest import CLEAN_CSV, MOBILE, MOBILE_MASKED, PII_CSV, upload


def _refused_table(publisher, header: str, rows: list[str]) -> tuple[dict, list[dict]]:
    """Upload a CSV of ``header`` and ``rows``: the refusal's errors and its report items."""
    text = header + "\n" + "\n".join(rows) + "\n"
    with pytest.raises(tk.ValidationError) as err:
        call_action("resource_create", dict(publisher["context"]),
                    package_id=publisher["dataset"]["id"], upload=upload(text), name="table")
    sid = err.value.error_dict["privacy_screening_id"][0]
    return err.value.error_dict, call_action("smarttehran_privacy_report_show", id=sid)["report"]["items"]


class TestUpload:
    def test_clean_upload_becomes_a_resource_and_pass_is_recorded(self, publisher):
        """A clean CSV is stored by CKAN and a `pass` record names the new resource."""
        res = call_action(
            "resource_create", dict(publisher["context"]),
            package_id=publisher["dataset"]["id"], upload=upload(CLEAN_CSV), name="clean",
        )
        assert res["url_type"] == "upload"
        found = call_action("smarttehran_privacy_report_list", package_id=publisher["dataset"]["id"])
        assert [r["status"] for r in found["results"]] == ["pass"]
        assert found["results"][0]["resource_id"] == res["id"]

    def test_upload_with_mobiles_creates_no_resource_and_is_quarantined(self, publisher):
        """Findings: ValidationError with masked samples and the screening id, no resource."""
        with pytest.raises(tk.ValidationError) as err:
            call_action(
                "resource_create", dict(publisher["context"]),
                package_id=publisher["dataset"]["id"], upload=upload(PII_CSV), name="people",
            )
        message = err.value.error_dict["upload"][0]
        sid = err.value.error_dict["privacy_screening_id"][0]
        assert MOBILE_MASKED in message and "mobile" in message and sid in message
        assert "rows 1, 2" in message and "ردیف‌های ۱، ۲" in message
        fa, en = verdict.message_halves(message)
        assert f"\u2066{MOBILE_MASKED}\u2069" in fa, "the sample is an LTR isolate in Persian"
        assert en.startswith("Personal data found") and "\u2066" not in en
        assert f"(sample: {to_latin_digits(MOBILE_MASKED)}" in en, "Latin digits in English"
        assert MOBILE not in str(err.value.error_dict)
        assert call_action("package_show", id=publisher["dataset"]["id"])["resources"] == []
        rec = call_action("smarttehran_privacy_report_show", id=sid)
        assert rec["status"] == "blocked" and rec["quarantined"]
        (item,) = [i for i in rec["report"]["items"] if i["column"] == "mobile"]
        assert (item["type"], item["count"], item["rows"], item["at"]) == ("PHONE_MOBILE", 2, 2, [1, 2])
        path = os.path.join(config.privacy_quarantine_path(), sid[:2], sid)
        with open(path, encoding="utf-8") as f:
            assert f.read() == PII_CSV
        assert model.Session.query(model.Resource).count() == 0

    def test_update_with_findings_keeps_the_old_file(self, publisher):
        """resource_update with a PII upload raises and the resource keeps its clean file."""
        ctx = publisher["context"]
        res = call_action("resource_create", dict(ctx), package_id=publisher["dataset"]["id"],
                          upload=upload(CLEAN_CSV), name="table")
        with pytest.raises(tk.ValidationError):
            call_action("resource_update", dict(ctx), id=res["id"], upload=upload(PII_CSV),
                        name="table")
        from ckan.lib import uploader

        path = uploader.get_resource_uploader(dict(res)).get_path(res["id"])
        with open(path, encoding="utf-8") as f:
            assert f.read() == CLEAN_CSV
        assert call_action("resource_show", id=res["id"])["url"].endswith("data.csv")

    def test_one_mobile_in_a_notes_column_is_refused(self, publisher):
        """A table whose free-text column quotes one citizen's mobile among many clean rows
        is refused, the report naming the column, the type and the row."""
        rows = [f"{i},درخواست روشنایی معابر" for i in range(1, 40)]
        rows.insert(30, f"31,متقاضی خواستار تماس به شماره {MOBILE} شد")
        errors, (item,) = _refused_table(publisher, "منطقه,توضیحات", rows)
        assert (item["type"], item["column"], item["count"], item["at"]) == (
            "PHONE_MOBILE", "توضیحات", 1, [31])
        assert item["samples"] == [MOBILE_MASKED] and MOBILE not in str(errors)
        assert call_action("package_show", id=publisher["dataset"]["id"])["resources"] == []

    def test_rare_combinations_are_refused_with_their_rows(self, publisher):
        """Age, sex and neighbourhood whose rare combinations single people out fail
        k-anonymity: the item counts the records at risk and names the first row of
        each small group."""
        rows = ["30,زن,تجریش,تأیید"] * 20
        rows[4] = "71,مرد,ونک,تأیید"
        rows[12] = "19,مرد,نارمک,رد"
        errors, (item,) = _refused_table(publisher, "سن,جنسیت,محله,وضعیت", rows)
        assert (item["type"], item["count"], item["at"]) == ("K_ANONYMITY", 2, [5, 13])
        assert "ردیف‌های ۵، ۱۳" in errors["upload"][0]

    def test_patch_with_findings_is_refused(self, publisher):
        """resource_patch goes through the screened resource_update: a PII file is refused."""
        ctx = publisher["context"]
        res = call_action("resource_create", dict(ctx), package_id=publisher["dataset"]["id"],
                          upload=upload(CLEAN_CSV))
        with pytest.raises(tk.ValidationError) as err:
            call_action("resource_patch", dict(ctx), id=res["id"], upload=upload(PII_CSV))
        assert MOBILE_MASKED in err.value.error_dict["upload"][0]

    def test_resource_description_with_a_national_id_is_refused(self, publisher):
        """A resource's description is screened as metadata: nothing is created."""
        with pytest.raises(tk.ValidationError) as err:
            call_action("resource_create", dict(publisher["context"]),
                        package_id=publisher["dataset"]["id"], url="",
                        description=f"تماس با مسئول: {MOBILE}")
        assert "description" in err.value.error_dict
        assert MOBILE not in str(err.value.error_dict)
        assert call_action("package_show", id=publisher["dataset"]["id"])["resources"] == []


class TestUrl:
    def test_clean_url_is_linked(self, publisher, http_files):
        """A URL whose content is clean becomes a link resource; the fetch is recorded as pass."""
        base, routes = http_files
        routes["/ok.csv"] = CLEAN_CSV.encode()
        res = call_action("resource_create", dict(publisher["context"]),
                          package_id=publisher["dataset"]["id"], url=base + "/ok.csv")
        assert res["url"] == base + "/ok.csv"
        recs = call_action("smarttehran_privacy_report_list", package_id=publisher["dataset"]["id"])
        assert recs["results"][0]["source"] == "url" and recs["results"][0]["status"] == "pass"

    def test_url_with_personal_data_is_refused_and_its_content_kept(self, publisher, http_files):
        """A URL serving mobiles: the resource is refused (held from the public) and the
        fetched copy waits in quarantine."""
        base, routes = http_files
        routes["/people.csv"] = PII_CSV.encode()
        res = call_action("resource_create", dict(publisher["context"]),
                          package_id=publisher["dataset"]["id"], url=base + "/people.csv")
        assert MOBILE_MASKED in res["privacy_screening"]["message"]
        sid = res["privacy_screening"]["id"]
        assert call_action("smarttehran_privacy_report_show", id=sid)["quarantined"] is True
        anonymous = {"user": "", "ignore_auth": False}
        assert call_action("package_show", anonymous, id=publisher["dataset"]["id"])["resources"] == []

    @pytest.mark.ckan_config("ckanext.smarttehran.privacy.fetch_timeout", "1")
    def test_url_that_never_answers_gives_a_clear_error(self, publisher, http_files):
        """A URL slower than the timeout: the job records a bilingual error naming the
        seconds; the resource is never shown to the public."""
        base, _routes = http_files
        res = call_action("resource_create", dict(publisher["context"]),
                          package_id=publisher["dataset"]["id"], url=base + "/slow")
        message = res["privacy_screening"]["message"]
        assert res["privacy_screening"]["status"] == "error"
        assert "1 seconds" in message and "پاسخ نداد" in message
        anonymous = {"user": "", "ignore_auth": False}
        assert call_action("package_show", anonymous, id=publisher["dataset"]["id"])["resources"] == []

    def test_unchanged_url_is_not_fetched_again(self, publisher, http_files):
        """Editing a link resource's name keeps its URL and does not fetch it again."""
        base, routes = http_files
        routes["/ok.csv"] = CLEAN_CSV.encode()
        res = call_action("resource_create", dict(publisher["context"]),
                          package_id=publisher["dataset"]["id"], url=base + "/ok.csv")
        del routes["/ok.csv"]  # a new fetch would now fail with 404
        out = call_action("resource_patch", dict(publisher["context"]), id=res["id"], name="renamed")
        assert out["name"] == "renamed"


class TestInlineResources:
    def test_package_create_with_a_pii_url_never_shows_it(self, publisher, http_files):
        """package_create with an inline resource whose URL serves mobiles: the dataset is
        saved, its resource refused by the screening job and never shown to the public."""
        from tests.factories import Dataset

        base, routes = http_files
        routes["/people.csv"] = PII_CSV.encode()
        ds = Dataset(owner_org=publisher["org"]["id"], name="inline-pii",
                     resources=[{"url": base + "/people.csv"}])
        anonymous = {"user": "", "ignore_auth": False}
        assert call_action("package_show", anonymous, id=ds["id"])["resources"] == []
        found = call_action("smarttehran_privacy_report_list", package_id=ds["id"])["results"]
        assert [r["status"] for r in found] == ["blocked"]
        assert MOBILE_MASKED in str(found[0]["report"]) and MOBILE not in str(found[0]["report"])

    def test_package_update_with_an_inline_pii_upload_keeps_the_dataset(self, publisher):
        """package_update carrying a PII upload inline changes nothing."""
        ds = call_action("package_show", id=publisher["dataset"]["id"])
        ds["resources"] = [{"upload": upload(PII_CSV), "name": "inline"}]
        with pytest.raises(tk.ValidationError):
            call_action("package_update", dict(publisher["context"]), **ds)
        assert call_action("package_show", id=ds["id"])["resources"] == []
