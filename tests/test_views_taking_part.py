"""How a citizen takes part, and what a dataset page links to."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from ckan.tests import factories
from ckan.tests.helpers import call_action

from tests.factories import Dataset

pytestmark = pytest.mark.usefixtures("clean_db", "clean_index")


def _soup(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.body, "html.parser")


def _auth(user) -> dict:
    return {"Authorization": factories.APIToken(user=user["name"])["token"]}


def test_requests_page_tells_visitors_to_log_in_or_register(app):
    """/requests, anonymous: links to log in (coming back) and to register."""
    soup = _soup(app.get("/requests"))
    hint = soup.select_one(".smarttehran-take-part")
    links = {a["href"].split("?")[0] for a in hint.find_all("a")}
    assert links == {"/user/login", "/user/register"}
    assert "next=" in hint.find("a")["href"]


def test_request_list_shows_the_department_asked(app):
    """Each listed request names the department it was addressed to."""
    citizen = factories.User()
    org = factories.Organization(title="سازمان حمل و نقل")
    call_action("smarttehran_data_request_create", {"user": citizen["name"]},
                title="زمان‌بندی اتوبوس‌ها", description="جدول زمانی خطوط", organization_id=org["id"])
    soup = _soup(app.get("/requests"))
    row = soup.select_one("table tbody tr")
    assert "سازمان حمل و نقل" in row.get_text()


def test_dataset_page_tells_visitors_how_to_rate(app):
    """An anonymous visitor of a dataset is told to log in or register to rate it."""
    dataset = Dataset()
    soup = _soup(app.get(f"/dataset/{dataset['name']}"))
    hint = soup.select_one(".smarttehran-take-part")
    assert hint is not None
    assert "/user/register" in {a["href"] for a in hint.find_all("a")}


def test_rating_control_has_no_preselected_score(app):
    """A logged-in citizen's rating select starts at a prompt and must be chosen."""
    dataset = Dataset()
    soup = _soup(app.get(f"/dataset/{dataset['name']}", headers=_auth(factories.User())))
    select = soup.find("select", {"name": "rating"})
    assert select.has_attr("required")
    chosen = select.find_all("option", selected=True)
    assert [o["value"] for o in chosen] == [""]


def test_places_link_to_their_pages_and_goals_show_no_code(app):
    """A dataset's districts and neighbourhoods link to their pages; its goals are shown
    by name, without their API code."""
    dataset = Dataset(smart_dimension=["environment"], smart_goal=["environment.03"], neighborhood=["601"])
    soup = _soup(app.get(f"/dataset/{dataset['name']}"))
    hrefs = {a["href"] for a in soup.select(".smarttehran-place-links a")}
    assert {"/district/6", "/neighborhood/601"} <= hrefs
    assert "environment.03" not in soup.select_one(".additional-info, table").get_text()
