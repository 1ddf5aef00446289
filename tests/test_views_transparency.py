"""The transparency dashboard page, the dataset page's transparency box and search badges."""

from __future__ import annotations

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from ckan import model
from ckan.lib.search import rebuild
from ckan.tests import factories

from tests.factories import Dataset

pytestmark = pytest.mark.usefixtures("clean_db", "clean_index")


def _soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


class TestDashboard:
    def test_dashboard_shows_live_counts(self, app):
        """/transparency: the dimension x axis table, 22 districts, departments, reasons."""
        org = factories.Organization(title="سازمان حمل‌ونقل")
        Dataset(owner_org=org["id"], smart_dimension=["mobility"], district=["6"])
        Dataset(owner_org=org["id"], access_level="restricted", access_reason="privacy",
                access_review_date="2026-01-01", license_id="other-closed")
        soup = _soup(app.get("/transparency"))
        assert soup.find("h1").get_text(strip=True)
        matrix = soup.select_one("table.smarttehran-matrix")
        assert len(matrix.select("tbody tr")) == 6  # six dimensions
        assert len(soup.select("table.smarttehran-districts tbody tr")) == 22
        assert "سازمان حمل‌ونقل" in soup.get_text()
        assert soup.select_one("[data-module=smarttehran-district-counts]")
        # Persian digits on the Persian page: two datasets
        kpis = soup.select_one(".smarttehran-kpis").get_text()
        assert "۲" in kpis

    def test_participation_line_is_persian_typography(self, app):
        """Ratings on the Persian dashboard: Persian comma, Persian decimal separator."""
        from ckan.tests.helpers import call_action

        d = Dataset()
        for rating in (2, 3):
            user = factories.User()
            call_action("smarttehran_rating_create", {"user": user["name"], "ignore_auth": False},
                        package_id=d["id"], rating=rating)
        text = _soup(app.get("/transparency")).select_one("#participation + ul").get_text(" ", strip=True)
        assert "۲٫۵" in text and "،" in text
        assert "," not in text and "2.5" not in text

    def test_dashboard_in_english(self, app):
        """The same page in English."""
        soup = _soup(app.get("/en/transparency"))
        assert soup.find("html").get("dir") != "rtl"
        assert "Transparency dashboard" in soup.get_text()

    def test_tables_are_keyboard_reachable(self, app):
        """Wide tables scroll in a focusable region (phone and keyboard)."""
        soup = _soup(app.get("/transparency"))
        regions = soup.select(".table-responsive[tabindex='0']")
        assert len(regions) >= 3 and all(r.get("aria-labelledby") for r in regions)


class TestDatasetPage:
    def test_restricted_dataset_box(self, app):
        """A restricted dataset's page shows the reason, article and review date, no resources."""
        d = Dataset(access_level="restricted", access_reason="commercial", access_review_date="1404/06/31",
                    license_id="other-closed")
        soup = _soup(app.get(f"/dataset/{d['name']}"))
        box = soup.select_one(".smarttehran-transparency-box").get_text(" ", strip=True)
        assert "اسرار تجاری" in box
        assert "۱۶" in box  # article 16, in Persian digits
        assert "۱۴۰۴" in box  # the review date in Jalali

    def test_overdue_dataset_is_marked_on_page_and_in_search(self, app):
        """An overdue dataset carries the mark on its page and in the search results."""
        d = Dataset(update_frequency="daily")
        pkg = model.Package.get(d["id"])
        pkg.metadata_modified = dt.datetime(2020, 1, 1)
        model.Session.commit()
        rebuild(d["id"])
        page = _soup(app.get(f"/dataset/{d['name']}"))
        assert page.select_one(".smarttehran-transparency-box .smarttehran-overdue")
        search = _soup(app.get("/dataset/"))
        assert search.select_one(".smarttehran-overdue-badge")


def test_dataset_page_names_missing_metadata_in_persian(app):
    """The completeness box lists what is missing with Persian words, not internal codes."""
    d = Dataset(name="no-contact")
    text = _soup(app.get(f"/dataset/{d['name']}")).get_text()
    assert "کمبودها" in text and "واحد پاسخ‌گو" in text
    assert "data_dictionary" not in text and "machine_readable" not in text
