"""The resource web form is screened like the API: a browser session, CSRF token, multipart file."""

from __future__ import annotations

import io
import os
import re
from typing import Any

import pytest
from ckan import model
from ckan.lib import uploader
from ckan.tests import factories
from ckan.tests.helpers import call_action

from ckanext.smarttehran import config
from tests.screening.conftest import CLEAN_CSV, MOBILE, MOBILE_MASKED, PII_CSV, upload

PASSWORD = "Form-Test-Pass-123"
FORM = re.compile(r'<form id="resource-edit".*?</form>', re.S)


@pytest.fixture
def browser(app, publisher) -> dict[str, Any]:
    """An editor of the dataset's organization logged in through /user/login (a cookie session)."""
    editor = factories.User(password=PASSWORD)
    call_action("organization_member_create", id=publisher["org"]["id"],
                username=editor["name"], role="editor")
    client = app.test_client()
    page = client.get("/user/login").get_data(as_text=True)
    token = re.search(r'name="_csrf_token" value="([^"]+)"', page).group(1)
    client.post("/user/login", data={"login": editor["name"], "password": PASSWORD,
                                     "_csrf_token": token})
    return {**publisher, "client": client, "editor": editor}


def _submit(client: Any, url: str, text: str, filename: str = "people.csv", **fields: str) -> Any:
    """GET the form, then POST it as a browser would: its CSRF token, the file chosen for upload."""
    page = client.get(url)
    assert page.status_code == 200, page.status_code
    form = FORM.search(page.get_data(as_text=True)).group(0)
    hidden = dict(re.findall(r'<input[^>]*name="(_csrf_token|id)" value="([^"]*)"', form))
    data = {**hidden, "url_type": "upload", "url": "", "name": "people",
            "name_en": "", "description": "", "format": "",
            "upload": (io.BytesIO(text.encode("utf-8")), filename), **fields}
    return client.post(url, data=data, content_type="multipart/form-data", follow_redirects=False)


def _screenings(package_id: str) -> list[dict[str, Any]]:
    return call_action("smarttehran_privacy_report_list", package_id=package_id)["results"]


class TestNewResourceForm:
    def test_mobiles_re_render_the_form_with_the_masked_message(self, browser):
        """A CSV with mobiles: the form comes back (200) with the Persian and English message,
        the masked sample and row numbers, a link to the report, and never the raw number."""
        url = f"/dataset/{browser['dataset']['name']}/resource/new"
        res = _submit(browser["client"], url, PII_CSV, save="go-dataset-complete")
        assert res.status_code == 200
        html = res.get_data(as_text=True)
        (rec,) = _screenings(browser["dataset"]["id"])
        notice = html[html.index("smarttehran-privacy-form-error"):]
        notice = notice[:notice.index("</div>")]
        assert "داده‌های شخصی یافت شد و چیزی منتشر نشد" in notice
        assert "Personal data found, nothing was published" in notice
        english = re.search(r'<p dir="ltr" lang="en"[^>]*>\s*(.*?)</p>', notice, re.S)
        assert english and english.group(1).startswith("Personal data found"), "English apart, LTR"
        assert "Personal data found" not in notice[: english.start()]
        assert MOBILE_MASKED in notice and "ردیف‌های ۱، ۲" in notice
        assert f'href="/privacy/{rec["id"]}">گزارش بررسی را ببینید</a>' in notice
        assert f'<bdi dir="ltr">{rec["id"]}</bdi>' in notice, "the id keeps its Latin digits"
        assert MOBILE not in html
        assert "privacy_screening_id" not in html, "no raw error key on the page"
        assert 'column "mobile"' in html.replace("&#34;", '"'), "quotes arrive as entities, not &#۳۴;"
        assert 'id="resource-edit"' in html, "the form is shown again"

    def test_blocked_upload_creates_no_resource_and_is_quarantined(self, browser):
        """Nothing is published: no resource, a `blocked` record of the dataset (found by its id,
        although the form names the dataset), the file kept, listed on the dataset page."""
        url = f"/dataset/{browser['dataset']['name']}/resource/new"
        _submit(browser["client"], url, PII_CSV, save="go-dataset-complete")
        assert call_action("package_show", id=browser["dataset"]["id"])["resources"] == []
        assert model.Session.query(model.Resource).count() == 0
        (rec,) = _screenings(browser["dataset"]["id"])
        assert rec["status"] == "blocked" and rec["filename"] == "people.csv"
        full = call_action("smarttehran_privacy_report_show", id=rec["id"])
        assert full["quarantined"]
        with open(os.path.join(config.privacy_quarantine_path(), rec["id"][:2], rec["id"]),
                  encoding="utf-8") as f:
            assert f.read() == PII_CSV
        (item,) = [i for i in full["report"]["items"] if i["column"] == "mobile"]
        assert (item["type"], item["at"]) == ("PHONE_MOBILE", [1, 2])
        page = browser["client"].get(f"/dataset/{browser['dataset']['name']}").get_data(as_text=True)
        notice = page[page.index("smarttehran-privacy-notice"):]
        assert "people.csv" in notice and f"/privacy/{rec['id']}" in notice

    def test_post_without_the_csrf_token_is_refused(self, browser):
        """The session user's form POST needs its CSRF token: without it, 400 and no screening."""
        url = f"/dataset/{browser['dataset']['name']}/resource/new"
        res = browser["client"].post(
            url, data={"id": "", "url_type": "upload", "upload": (io.BytesIO(PII_CSV.encode()), "p.csv"),
                       "save": "go-dataset-complete"},
            content_type="multipart/form-data", follow_redirects=False)
        assert res.status_code == 400
        assert _screenings(browser["dataset"]["id"]) == []

    def test_clean_csv_becomes_a_resource_with_a_pass_record(self, browser):
        """A clean CSV through the form: redirect to the dataset, the resource exists, `pass` names it."""
        url = f"/dataset/{browser['dataset']['name']}/resource/new"
        res = _submit(browser["client"], url, CLEAN_CSV, "districts.csv", save="go-dataset-complete")
        assert res.status_code == 302
        assert res.headers["Location"].endswith(f"/dataset/{browser['dataset']['name']}")
        (resource,) = call_action("package_show", id=browser["dataset"]["id"])["resources"]
        assert resource["url_type"] == "upload" and resource["url"].endswith("districts.csv")
        (rec,) = _screenings(browser["dataset"]["id"])
        assert rec["status"] == "pass" and rec["resource_id"] == resource["id"]


    @pytest.mark.ckan_config("ckanext.smarttehran.privacy.async_threshold", "10")
    def test_big_file_is_queued_and_the_form_says_where_it_went(self, browser):
        """A file over the async threshold is queued, not published (its resource is held
        from the public); the editor, brought back to an empty form, sees it listed as
        waiting for the screening with its report link."""
        url = f"/dataset/{browser['dataset']['name']}/resource/new"
        res = _submit(browser["client"], url, CLEAN_CSV, "districts.csv", save="again")
        assert res.status_code == 302
        (rec,) = _screenings(browser["dataset"]["id"])
        assert rec["status"] == "pending"
        anonymous = {"user": "", "ignore_auth": False}
        assert call_action("package_show", anonymous, id=browser["dataset"]["id"])["resources"] == []
        html = browser["client"].get(res.headers["Location"]).get_data(as_text=True)
        notice = html[html.index("smarttehran-privacy-notice"):]
        notice = notice[: notice.index("</div>")]
        assert f'href="/privacy/{rec["id"]}">districts.csv</a>' in notice
        assert "در انتظار بررسی" in notice


class TestEditResourceForm:
    def test_pii_file_on_edit_keeps_the_old_file_and_shows_the_error(self, browser):
        """Replacing a clean file with a PII one on the edit form: the message, the old file kept."""
        res = call_action("resource_create", {"user": browser["editor"]["name"]},
                          package_id=browser["dataset"]["id"], upload=upload(CLEAN_CSV), name="table")
        url = f"/dataset/{browser['dataset']['name']}/resource/{res['id']}/edit"
        page = _submit(browser["client"], url, PII_CSV, name="table", save="")
        assert page.status_code == 200
        html = page.get_data(as_text=True)
        assert "smarttehran-privacy-form-error" in html and MOBILE_MASKED in html
        assert "Personal data found" in html and MOBILE not in html
        path = uploader.get_resource_uploader(dict(res)).get_path(res["id"])
        with open(path, encoding="utf-8") as f:
            assert f.read() == CLEAN_CSV
        assert call_action("resource_show", id=res["id"])["url"].endswith("data.csv")
        statuses = sorted(r["status"] for r in _screenings(browser["dataset"]["id"]))
        assert statuses == ["blocked", "pass"]
