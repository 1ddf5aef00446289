"""Uploads and URLs are screened before CKAN stores them."""

from __future__ import annotations

import os

import ckan.plugins.toolkit as tk
import pytest
from ckan import model
from ckan.tests.helpers import call_action

from ckanext.smarttehran import config
from tests.screening.conftest import CLEAN_CSV, MOBILE, MOBILE_MASKED, PII_CSV, upload


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
        assert MOBILE not in str(err.value.error_dict)
        assert call_action("package_show", id=publisher["dataset"]["id"])["resources"] == []
        rec = call_action("smarttehran_privacy_report_show", id=sid)
        assert rec["status"] == "blocked" and rec["quarantined"]
        path = os.path.join(config.privacy_quarantine_path(), sid[:2], sid)
        with open(path, encoding="utf-8") as f:
            assert f.read() == PII_CSV
        assert model.Session.query(model.Resource).count() == 0
