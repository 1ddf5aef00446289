"""Data request pages and the rating form (views over the participation actions)."""

from __future__ import annotations

import pytest
from ckan.tests import factories
from ckan.tests.helpers import call_action

from tests.factories import Dataset

pytestmark = pytest.mark.usefixtures("clean_db", "clean_index")


def _csrf(app, url, env):
    import re

    body = app.get(url, headers=env).get_data(as_text=True)
    return re.search(r'name="_csrf_token" value="([^"]+)"', body).group(1)


def test_requests_page_lists_and_accepts_requests(app):
    """Anyone sees the list; a logged-in citizen sends a request through the form."""
    user = factories.UserWithToken()
    env = {"Authorization": user["token"]}
    anonymous = app.get("/requests")
    assert anonymous.status_code == 200 and 'name="title"' not in anonymous.get_data(as_text=True)
    token = _csrf(app, "/requests", env)
    response = app.post("/requests", data={"title": "داده ترافیک", "description": "شمارش خودرو",
                                           "_csrf_token": token}, headers=env, follow_redirects=True)
    assert response.status_code == 200
    assert "داده ترافیک" in app.get("/requests").get_data(as_text=True)


def test_request_page_and_answer_form(app):
    """The request page is public; the department's editor sees the answer form."""
    editor = factories.UserWithToken()
    org = factories.Organization(users=[{"name": editor["name"], "capacity": "editor"}])
    citizen = factories.User()
    req = call_action("smarttehran_data_request_create", {"user": citizen["name"]},
                      title="بودجه محله", description="جزئیات بودجه", organization_id=org["id"])
    public = app.get(f"/requests/{req['id']}").get_data(as_text=True)
    assert "بودجه محله" in public and 'name="response"' not in public
    own = app.get(f"/requests/{req['id']}", headers={"Authorization": editor["token"]}).get_data(as_text=True)
    assert 'name="response"' in own
    assert app.get("/requests/nope").status_code == 404


def test_dataset_page_shows_rating_and_form(app):
    """The dataset page shows the average; logged-in users get the rating form."""
    d = Dataset()
    user = factories.UserWithToken()
    call_action("smarttehran_rating_create", {"user": user["name"]}, package_id=d["id"], rating=4)
    page = app.get(f"/dataset/{d['name']}").get_data(as_text=True)
    assert "۴" in page and 'name="rating"' not in page
    own = app.get(f"/dataset/{d['name']}", headers={"Authorization": user["token"]}).get_data(as_text=True)
    assert 'name="rating"' in own
