"""The screening actions: report_list filtering, override and discard."""

from __future__ import annotations

import ckan.plugins.toolkit as tk
import pytest
from ckan.tests import factories
from ckan.tests.helpers import call_action

from ckanext.smarttehran import config
from tests.factories import Dataset
from tests.screening.conftest import PII_CSV, upload

JUSTIFICATION = "داده‌ها ساختگی‌اند و فرد واقعی در آن نیست (آزمون)."


@pytest.fixture
def blocked(clean_db, clean_index):
    editor = factories.User()
    org = factories.Organization(users=[{"name": editor["name"], "capacity": "editor"}])
    ds = Dataset(owner_org=org["id"])
    with pytest.raises(tk.ValidationError) as err:
        call_action("resource_create", {"user": editor["name"]}, package_id=ds["id"],
                    upload=upload(PII_CSV, "people.csv"), name="people")
    sid = err.value.error_dict["privacy_screening_id"][0]
    return {"editor": editor, "org": org, "dataset": ds, "sid": sid}


class TestOverride:
    def test_override_publishes_the_kept_file_as_the_publisher(self, blocked):
        """A sysadmin's override creates the resource from the quarantined file and records who/why."""
        admin = factories.Sysadmin()
        rec = call_action("smarttehran_privacy_override", {"user": admin["name"]},
                          id=blocked["sid"], justification=JUSTIFICATION)
        assert rec["status"] == "override" and rec["decided_by"] == admin["name"]
        assert rec["justification"] == JUSTIFICATION and rec["quarantined"] is False
        resources = call_action("package_show", id=blocked["dataset"]["id"])["resources"]
        assert [r["name"] for r in resources] == ["people"]
        assert resources[0]["url_type"] == "upload" and rec["resource_id"] == resources[0]["id"]

    def test_override_needs_a_written_justification(self, blocked):
        """An empty or short justification is refused; nothing is published."""
        admin = factories.Sysadmin()
        with pytest.raises(tk.ValidationError) as err:
            call_action("smarttehran_privacy_override", {"user": admin["name"]},
                        id=blocked["sid"], justification="ok")
        assert "justification" in err.value.error_dict
        assert call_action("package_show", id=blocked["dataset"]["id"])["resources"] == []

    def test_configured_officer_may_override(self, blocked, ckan_config, monkeypatch):
        """A user named in ckanext.smarttehran.privacy.officers overrides like a sysadmin."""
        officer = factories.User()
        monkeypatch.setitem(ckan_config, "ckanext.smarttehran.privacy.officers", [officer["name"]])
        rec = call_action("smarttehran_privacy_override", {"user": officer["name"]},
                          id=blocked["sid"], justification=JUSTIFICATION)
        assert rec["status"] == "override"


class TestDiscard:
    def test_publisher_discards_the_quarantined_file(self, blocked):
        """Discard deletes the kept file and marks the record `discarded`; it cannot be overridden after."""
        import os

        path = os.path.join(config.privacy_quarantine_path(), blocked["sid"][:2], blocked["sid"])
        assert os.path.exists(path)
        rec = call_action("smarttehran_privacy_discard", {"user": blocked["editor"]["name"]},
                          id=blocked["sid"])
        assert rec["status"] == "discarded" and not os.path.exists(path)
        with pytest.raises(tk.ValidationError):
            call_action("smarttehran_privacy_override", {"user": factories.Sysadmin()["name"]},
                        id=blocked["sid"], justification=JUSTIFICATION)


class TestList:
    def test_publisher_sees_only_their_organizations_screenings(self, blocked):
        """An editor of another organization lists none of this one's screenings; a sysadmin lists it."""
        other = factories.User()
        factories.Organization(users=[{"name": other["name"], "capacity": "editor"}])
        mine = call_action("smarttehran_privacy_report_list", {"user": other["name"]})
        assert mine["count"] == 0
        own = call_action("smarttehran_privacy_report_list", {"user": blocked["editor"]["name"]})
        assert [r["id"] for r in own["results"]] == [blocked["sid"]]
        admin = call_action("smarttehran_privacy_report_list", {"user": factories.Sysadmin()["name"]},
                            status="blocked")
        assert admin["count"] == 1

    def test_report_holds_masked_samples_only(self, blocked):
        """The stored report shows masked samples and never the raw number."""
        rec = call_action("smarttehran_privacy_report_show", {"user": blocked["editor"]["name"]},
                          id=blocked["sid"])
        assert "09123456789" not in str(rec)
        assert any("۰۹۱۲•••••۸۹" in item["samples"] for item in rec["report"]["items"])
