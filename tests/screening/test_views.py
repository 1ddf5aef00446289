"""The Persian report pages, the override form and the dataset notice."""

from __future__ import annotations

import re

import ckan.plugins.toolkit as tk
import pytest
from ckan.tests import factories
from ckan.tests.helpers import call_action

from tests.screening.conftest import MOBILE, MOBILE_MASKED, PII_CSV, upload


@pytest.fixture
def blocked(publisher):
    with pytest.raises(tk.ValidationError) as err:
        call_action("resource_create", dict(publisher["context"]),
                    package_id=publisher["dataset"]["id"], upload=upload(PII_CSV, "people.csv"))
    token = factories.APIToken(user=publisher["user"]["name"])["token"]
    return {**publisher, "sid": err.value.error_dict["privacy_screening_id"][0], "token": token}


class TestReportPage:
    def test_publisher_sees_a_persian_report_without_override(self, app, blocked):
        """The editor's report: Persian type name, column, masked sample, discard but no override."""
        html = app.get(f"/privacy/{blocked['sid']}",
                       headers={"Authorization": blocked["token"]}).get_data(as_text=True)
        assert "شمارهٔ تلفن همراه" in html and "mobile" in html and MOBILE_MASKED in html
        rows_cell = re.search(r'class="smarttehran-privacy-rows">([^<]*)<', html)
        assert rows_cell is not None and rows_cell.group(1).strip() == "۱، ۲"
        assert "۲ از ۲ ردیف" in html
        assert MOBILE not in html
        assert "smarttehran-privacy-discard" in html
        assert "smarttehran-privacy-override" not in html

    def test_sysadmin_gets_the_override_form_with_csrf(self, app, blocked):
        """A sysadmin's report page carries the override form, a labelled textarea and a CSRF field."""
        token = factories.APIToken(user=factories.Sysadmin()["name"])["token"]
        html = app.get(f"/privacy/{blocked['sid']}",
                       headers={"Authorization": token}).get_data(as_text=True)
        form = html[html.index("smarttehran-privacy-override"):]
        assert 'for="field-justification"' in form and 'name="_csrf_token"' in form

    def test_anonymous_and_strangers_are_refused(self, app, blocked):
        """Anonymous users and users outside the organization get 403."""
        app.get(f"/privacy/{blocked['sid']}", status=403)
        other = factories.APIToken(user=factories.User()["name"])["token"]
        app.get(f"/privacy/{blocked['sid']}", headers={"Authorization": other}, status=403)

    def test_dataset_page_links_the_editor_to_the_screenings(self, app, blocked):
        """On the dataset page the editor sees the link to its screenings; anonymous does not."""
        url = f"/dataset/{blocked['dataset']['name']}"
        html = app.get(url, headers={"Authorization": blocked["token"]}).get_data(as_text=True)
        assert f"/dataset/{blocked['dataset']['name']}/privacy" in html
        assert "smarttehran-privacy-link" not in app.get(url).get_data(as_text=True)

    def test_dataset_page_lists_quarantined_uploads_for_the_editor(self, app, blocked):
        """The editor's dataset page names the held upload and links its report; anonymous sees none."""
        url = f"/dataset/{blocked['dataset']['name']}"
        html = app.get(url, headers={"Authorization": blocked["token"]}).get_data(as_text=True)
        notice = html[html.index("smarttehran-privacy-notice"):]
        assert "people.csv" in notice and f"/privacy/{blocked['sid']}" in notice
        assert "smarttehran-privacy-notice" not in app.get(url).get_data(as_text=True)

    def test_dataset_screenings_page_lists_the_blocked_upload(self, app, blocked):
        """/dataset/<name>/privacy lists the upload, its status in Persian and what was found."""
        html = app.get(f"/dataset/{blocked['dataset']['name']}/privacy",
                       headers={"Authorization": blocked["token"]}).get_data(as_text=True)
        assert "people.csv" in html and f"/privacy/{blocked['sid']}" in html
        assert "مسدود" in html or "Blocked" in html

    def test_override_form_posts_and_publishes(self, app, blocked):
        """Posting the form with its CSRF token as a sysadmin records the override."""
        sysadmin = factories.Sysadmin()
        token = factories.APIToken(user=sysadmin["name"])["token"]
        html = app.get(f"/privacy/{blocked['sid']}",
                       headers={"Authorization": token}).get_data(as_text=True)
        csrf = re.search(r'name="_csrf_token" value="([^"]+)"', html)
        data = {"justification": "پرونده ساختگی است و شخص واقعی ندارد (آزمون)."}
        if csrf:
            data["_csrf_token"] = csrf.group(1)
        app.post(f"/privacy/{blocked['sid']}/override", data=data,
                 headers={"Authorization": token}, follow_redirects=False)
        rec = call_action("smarttehran_privacy_report_show", id=blocked["sid"])
        assert rec["status"] == "override" and rec["decided_by"] == sysadmin["name"]
