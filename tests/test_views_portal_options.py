"""What the demo's options (dev/demo-options.ini, also in test-ckan.ini) bring to pages."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from ckan.tests import factories

from tests.factories import Dataset

pytestmark = pytest.mark.usefixtures("clean_db")


def _auth(user) -> dict:
    return {"Authorization": factories.APIToken(user=user["name"])["token"]}


def test_resource_form_offers_an_upload(app):
    """The resource form has the Upload button (a file input named upload)."""
    user = factories.Sysadmin()
    dataset = Dataset()
    body = app.get(f"/dataset/{dataset['name']}/resource/new", headers=_auth(user)).body
    soup = BeautifulSoup(body, "html.parser")
    assert soup.find("input", {"type": "file", "name": "upload"}) is not None


def test_citizens_can_register(app):
    """/user/register shows CKAN's registration form to anyone."""
    response = app.get("/user/register")
    assert response.status_code == 200
    soup = BeautifulSoup(response.body, "html.parser")
    assert soup.find("input", {"name": "name"}) is not None
    assert soup.find("input", {"name": "password1"}) is not None


def test_avatars_stay_local(app):
    """A logged-in page of a user without a picture loads no avatar from gravatar.com."""
    user = factories.User(image_url="")
    body = app.get(f"/user/{user['name']}", headers=_auth(user)).get_data(as_text=True)
    assert "gravatar.com" not in body


