"""The dataset search page: "did you mean", the corrected search's note, and the
suggestion box's module (templates/package/search.html, issue 17)."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from tests.factories import Dataset

pytestmark = pytest.mark.usefixtures("clean_db", "clean_index")


def _soup(app, url):
    return BeautifulSoup(app.get(url, status=200).body, "html.parser")


@pytest.fixture
def catalog():
    Dataset(name="traffic", title="شمارش ترافیک", notes="ترافیک")
    Dataset(name="zone", title="طرح ترافیک", notes="ترافیک")
    Dataset(name="noise", title="صدای ترافیک", notes="ترافیک")


def test_a_typo_shows_the_corrected_results_and_says_so(app, catalog):
    """/dataset?q=ترافیگ lists the traffic datasets and names both spellings."""
    soup = _soup(app, "/dataset/?q=ترافیگ")
    note = soup.select_one(".smarttehran-did-you-mean")
    assert note is not None and note.get("role") == "status"
    assert "ترافیگ" in note.get_text() and note.select_one("a strong").get_text() == "ترافیک"
    assert note.select_one("a")["href"].startswith("/dataset/?q=")
    links = {a["href"] for a in soup.select(".dataset-heading a")}
    assert {"/dataset/traffic", "/dataset/zone", "/dataset/noise"} <= links


def test_few_results_offer_did_you_mean(app, catalog):
    """One hit: the hit stays and "did you mean" links to the usual spelling."""
    Dataset(name="misspelt", title="ترافیگ شبانه", notes="ترافیگ")
    soup = _soup(app, "/dataset/?q=ترافیگ")
    note = soup.select_one(".smarttehran-did-you-mean")
    assert note.select_one("a strong").get_text() == "ترافیک"
    assert {a["href"] for a in soup.select(".dataset-heading a")} == {"/dataset/misspelt"}


def test_a_good_query_has_no_note(app, catalog):
    """A query that finds enough shows no correction."""
    soup = _soup(app, "/dataset/?q=ترافیک")
    assert soup.select_one(".smarttehran-did-you-mean") is None


def test_search_box_has_the_suggestion_module(app, catalog):
    """The page carries the suggestion module with the API endpoint and dataset URL pattern."""
    soup = _soup(app, "/dataset/")
    module = soup.select_one("[data-module=smarttehran-search-suggest]")
    assert module["data-module-endpoint"] == "/api/3/action/smarttehran_search_suggest"
    assert module["data-module-dataset-url"] == "/dataset/__name__"
    assert soup.select_one("#field-giant-search") is not None
