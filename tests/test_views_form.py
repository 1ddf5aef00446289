"""The dataset form is Persian first and right to left."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from ckan.tests import factories

pytestmark = pytest.mark.usefixtures("clean_db")


def test_new_dataset_form_has_persian_labels_and_our_fields(app):
    """/dataset/new shows our fields with Persian labels, the slug helper and RTL."""
    user = factories.Sysadmin()
    factories.Organization(users=[{"name": user["name"], "capacity": "admin"}])
    response = app.get("/dataset/new", headers={"Authorization": factories.APIToken(user=user["name"])["token"]})
    soup = BeautifulSoup(response.body, "html.parser")
    assert soup.find("html")["dir"] == "rtl"
    labels = {label.get_text(strip=True) for label in soup.find_all("label")}
    for label in ("بعد شهر هوشمند", "محور راهبردی", "هدف کیفی", "محله", "دوره به‌روزرسانی"):
        assert any(label in text for text in labels), label
    title = soup.find("input", {"name": "title"})
    assert "smarttehran-slug" in title["data-module"]
    options = {o["value"] for o in soup.select("select[name=smart_dimension] option")}
    assert {"economy", "mobility", "environment", "infrastructure", "governance", "living"} <= options
    assert soup.find("input", {"name": "title_en"})["dir"] == "ltr"
    # The module is on the page, not only named by the title input.
    scripts = [tag["src"] for tag in soup.find_all("script", src=True)]
    assert any(src.endswith("_slug.js") for src in scripts), scripts
