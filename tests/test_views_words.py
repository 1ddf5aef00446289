"""Persian pages speak Persian: core's words we translate or spell better (issue 13)."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from ckan.tests import factories

from tests.factories import Dataset

pytestmark = pytest.mark.usefixtures("clean_db", "clean_index")


def _auth(user) -> dict:
    return {"Authorization": factories.APIToken(user=user["name"])["token"]}


def test_core_words_take_their_zwnj(app):
    """«سازمان‌ها» and «گروه‌ها» with a ZWNJ, never core's «سازمان ها» / «گروه ها»."""
    body = app.get("/organization/").get_data(as_text=True)
    assert "سازمان‌ها" in body and "سازمان ها" not in body
    body = app.get("/group/").get_data(as_text=True)
    assert "گروه‌ها" in body and "گروه ها" not in body


def test_licence_picker_is_persian(app):
    """The dataset form's licence options have Persian titles."""
    user = factories.Sysadmin()
    factories.Organization()  # without one CKAN asks to create an organisation first
    soup = BeautifulSoup(app.get("/dataset/new", headers=_auth(user)).body, "html.parser")
    titles = {o.get_text(strip=True) for o in soup.select("select[name=license_id] option")}
    assert "کریتیو کامنز، انتساب (CC-BY)" in titles
    assert "Creative Commons Attribution" not in titles


def test_activity_filter_and_state_are_persian(app):
    """The activity filter names types in Persian (core: "New Package"); the dataset's
    state shows «فعال», not "active"."""
    user = factories.Sysadmin()
    dataset = Dataset()
    body = app.get(f"/dataset/activity/{dataset['name']}", headers=_auth(user)).get_data(as_text=True)
    assert "مجموعه‌دادهٔ تازه" in body and "New Package" not in body
    soup = BeautifulSoup(app.get(f"/dataset/{dataset['name']}", headers=_auth(user)).body, "html.parser")
    state = [td.get_text(strip=True) for th in soup.find_all("th") if th.get_text(strip=True) == "وضعیت"
             for td in [th.find_next_sibling("td")]]
    assert state == ["فعال"]


def test_view_tabs_are_persian(app, web):
    """Views stored with core's English default titles show «جدول» / «متن» as tabs; a
    title the publisher chose is shown as written."""
    from ckan.tests.helpers import call_action

    dataset = Dataset(resources=[{"url": "http://example.com/a.txt", "format": "TXT"}])
    resource = dataset["resources"][0]
    admin = {"user": factories.Sysadmin()["name"]}
    for title in ("Table", "Text", "My own view"):
        call_action("resource_view_create", admin, resource_id=resource["id"], view_type="text_view", title=title)
    soup = BeautifulSoup(app.get(f"/dataset/{dataset['name']}/resource/{resource['id']}").body, "html.parser")
    tabs = {a.get_text(strip=True) for a in soup.select("a.view-item")}
    assert {"جدول", "متن", "My own view"} <= tabs
    assert not {"Table", "Text"} & tabs


def test_organisation_about_names_its_extras(app):
    """The organisation's About page labels its English name (not the key title_en) and
    does not repeat description_en."""
    org = factories.Organization(extras=[{"key": "title_en", "value": "Tehran ICT"},
                                         {"key": "description_en", "value": "The ICT office"}])
    soup = BeautifulSoup(app.get(f"/organization/about/{org['name']}").body, "html.parser")
    rows = {th.get_text(strip=True): th.find_next_sibling("td").get_text(strip=True)
            for th in soup.select(".additional-info th")}
    assert rows == {"نام انگلیسی": "Tehran ICT"}
