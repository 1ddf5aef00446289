"""The resource form's privacy refusal, as a publisher reads it."""

from __future__ import annotations

import io
import re

import pytest
from bs4 import BeautifulSoup
from ckan.tests import factories
from ckan.tests.helpers import call_action

from ckanext.smarttehran.screening.verdict import TYPE_LABELS_EN, english_type_names
from tests.screening.conftest import PII_CSV

PASSWORD = "Form-Refusal-Pass-123"


@pytest.fixture
def browser(app, publisher):
    """An editor of the dataset's organisation logged in with a cookie session."""
    editor = factories.User(password=PASSWORD)
    call_action("organization_member_create", id=publisher["org"]["id"],
                username=editor["name"], role="editor")
    client = app.test_client()
    page = client.get("/user/login").get_data(as_text=True)
    token = re.search(r'name="_csrf_token" value="([^"]+)"', page).group(1)
    client.post("/user/login", data={"login": editor["name"], "password": PASSWORD, "_csrf_token": token})
    return {**publisher, "client": client}


def _submit(client, url, text, **fields):
    """The form as a browser posts it: its CSRF token and the chosen file."""
    page = client.get(url).get_data(as_text=True)
    token = re.search(r'name="_csrf_token" value="([^"]+)"', page).group(1)
    data = {"_csrf_token": token, "id": "", "url_type": "upload", "url": "", "name": "people",
            "upload": (io.BytesIO(text.encode("utf-8")), "people.csv"), **fields}
    return client.post(url, data=data, content_type="multipart/form-data")


def test_refusal_is_shown_once_with_type_names(browser):
    """The refused upload is not listed again among the held uploads above the refusal,
    and neither half of the message shows an internal type code."""
    url = f"/dataset/{browser['dataset']['name']}/resource/new"
    res = _submit(browser["client"], url, PII_CSV, save="go-dataset-complete")
    assert res.status_code == 200
    form = BeautifulSoup(res.get_data(as_text=True), "html.parser").find("form", id="resource-edit")
    refusals = form.select(".smarttehran-privacy-form-error")
    assert len(refusals) == 1
    sid = refusals[0].find("bdi").get_text()
    listed = [a["href"] for a in form.select(".smarttehran-privacy-notice a")]
    assert not any(sid in href for href in listed)
    text = refusals[0].get_text(" ")
    assert "شمارهٔ تلفن همراه" in text and "mobile number" in text
    assert not any(code in text for code in TYPE_LABELS_EN)


def test_english_type_names_replace_whole_codes_only():
    """Codes become words; a column that merely contains a code's letters is untouched."""
    assert english_type_names('column "mobile": PHONE_MOBILE in 2') == 'column "mobile": mobile number in 2'
    assert english_type_names('column "EMAILS": EMAIL in 1') == 'column "EMAILS": e-mail address in 1'
