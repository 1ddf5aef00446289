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


def _form(app, user) -> BeautifulSoup:
    headers = {"Authorization": factories.APIToken(user=user["name"])["token"]}
    return BeautifulSoup(app.get("/dataset/new", headers=headers).body, "html.parser")


def _selected(soup: BeautifulSoup, name: str) -> list[str]:
    return [o["value"] for o in soup.select(f"select[name={name}] option[selected]")]


def test_new_dataset_form_starts_with_defaults_a_publisher_can_keep(app):
    """An editor of one organisation finds it chosen, CC-BY 4.0 (the hint's default) and
    an annual update already selected."""
    user = factories.User()
    factories.Organization(title="الف اول")  # alphabetically first, not theirs
    own = factories.Organization(title="ی سازمان من", users=[{"name": user["name"], "capacity": "editor"}])
    soup = _form(app, user)
    assert _selected(soup, "owner_org") == [own["id"]]
    assert _selected(soup, "license_id") == ["cc-by"]
    assert _selected(soup, "update_frequency") == ["annual"]


def test_publisher_of_several_organisations_must_choose_one(app):
    """A sysadmin (member of none) or a member of several gets a "choose" prompt, not the
    alphabetically first organisation; the field is required."""
    user = factories.Sysadmin()
    factories.Organization()
    factories.Organization()
    soup = _form(app, user)
    select = soup.find("select", {"name": "owner_org"})
    assert select.has_attr("required")
    assert _selected(soup, "owner_org") == [""]
    assert len(select.find_all("option")) == 3


def test_long_lists_are_searchable_and_narrowed(app):
    """Goals and neighbourhoods get the searchable multi-select (CKAN's select2 with our
    folding matcher, assets/js/multiselect.js), narrowed by the chosen dimensions and
    districts; the module's script is on the page."""
    user = factories.Sysadmin()
    factories.Organization()
    soup = _form(app, user)
    goal = soup.find("select", {"name": "smart_goal"})
    assert goal["data-module"] == "smarttehran-multiselect"
    assert goal["data-module-narrow"] == "field-smart_dimension"
    assert soup.find("select", id="field-smart_dimension") is not None
    neighbourhood = soup.find("select", {"name": "neighborhood"})
    assert neighbourhood["data-module-narrow"] == "field-district"
    assert soup.find("select", id="field-district")["data-module"] == "smarttehran-multiselect"
    scripts = [tag["src"] for tag in soup.find_all("script", src=True)]
    assert any(src.endswith("_multiselect.js") for src in scripts), scripts
