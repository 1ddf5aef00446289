"""Pages of places and the Persian rendering of dataset pages."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup

from ckanext.smarttehran import gazetteer
from tests.factories import Dataset

pytestmark = pytest.mark.usefixtures("clean_db", "clean_index")


def _soup(app, url, status=200):
    response = app.get(url, status=status)
    return BeautifulSoup(response.body, "html.parser")


def test_neighborhood_page_lists_its_datasets_and_counts(app):
    """/neighborhood/<code> shows the name, the boundary map and the area's datasets."""
    Dataset(name="vanak-data", title="داده ونک", smart_dimension=["mobility"], neighborhood=["601"])
    Dataset(name="other-area", title="جای دیگر", smart_dimension=["mobility"], district=["20"])
    soup = _soup(app, "/neighborhood/601")
    assert gazetteer.neighborhood("601")["name_fa"] in soup.select_one("h1.heading").get_text()
    assert soup.select_one("[data-module=smarttehran-place-map]")["data-module-geometry"].startswith("{")
    links = {a["href"] for a in soup.select("a[href^='/dataset/']")}
    assert "/dataset/vanak-data" in links
    assert "/dataset/other-area" not in links
    assert "۱" in soup.select_one(".module-narrow .item-count").get_text()


def test_district_page_lists_neighborhoods(app):
    """/district/6 names the district and links to each of its neighbourhoods."""
    soup = _soup(app, "/district/6")
    links = {a["href"] for a in soup.select("a[href^='/neighborhood/']")}
    assert {f"/neighborhood/{n['code']}" for n in gazetteer.neighborhoods(6)} <= links


def test_unknown_places_are_404(app):
    """Unknown codes give a 404 page, not an error."""
    _soup(app, "/neighborhood/99999", status=404)
    _soup(app, "/district/23", status=404)


def test_finder_goes_to_the_page_of_a_unique_match(app):
    """Typing a neighbourhood's full name with Arabic letters redirects to its page."""
    place = gazetteer.neighborhood("601")
    arabic = place["name_fa"].replace("ی", "ي").replace("ک", "ك")
    response = app.get("/neighborhood", query_string={"q": arabic}, follow_redirects=False)
    if response.status_code == 302:
        assert response.headers["Location"].endswith("/neighborhood/601")
    else:  # several names share the spelling: the list offers it
        assert "/neighborhood/601" in response.body


def test_search_page_has_finder_and_persian_facets(app):
    """The dataset search page offers the finder and our facets with Persian titles."""
    Dataset(smart_dimension=["environment"])
    soup = _soup(app, "/dataset/")
    assert soup.select_one("form.smarttehran-finder input[name=q]") is not None
    assert soup.select_one("datalist#smarttehran-neighborhoods option") is not None
    text = soup.get_text()
    assert "بعد شهر هوشمند" in text
    assert "محیط هوشمند" in text


def test_dataset_page_shows_jalali_dates_and_persian_digits(app):
    """The dataset page shows the temporal coverage as a Jalali date in Persian digits."""
    d = Dataset(name="dated", temporal_start="2023-03-21", temporal_end="2024-03-19")
    soup = _soup(app, f"/dataset/{d['name']}")
    times = {t["datetime"]: t.get_text(strip=True) for t in soup.select("time[datetime]")}
    assert times["2023-03-21"] == "۱ فروردین ۱۴۰۲"
    assert times["2024-03-19"] == "۲۹ اسفند ۱۴۰۲"


def test_api_keeps_iso_dates_and_latin_digits(app):
    """The API returns ISO 8601 dates and Latin digits for the same dataset."""
    d = Dataset(name="dated-api", temporal_start="۱۴۰۲/۰۱/۰۱")
    body = app.get(f"/api/3/action/package_show?id={d['id']}").json["result"]
    assert body["temporal_start"] == "2023-03-21"
    assert body["metadata_created"][:4].isdigit()


def test_maps_have_no_tiles_by_default(app):
    """With the default (empty) tile URL the map gets no tile layer option."""
    soup = _soup(app, "/district/6")
    map_div = soup.select_one("[data-module=smarttehran-place-map]")
    assert not map_div.has_attr("data-module-tile-url")


@pytest.mark.ckan_config("ckanext.smarttehran.map_tile_url", "https://tiles.example/{z}/{x}/{y}.png")
@pytest.mark.ckan_config("ckanext.smarttehran.map_attribution", "© Example")
def test_configured_tile_url_reaches_the_map(app):
    """A configured tile URL and attribution are handed to the map module."""
    soup = _soup(app, "/district/6")
    map_div = soup.select_one("[data-module=smarttehran-place-map]")
    assert map_div["data-module-tile-url"] == "https://tiles.example/{z}/{x}/{y}.png"
    assert map_div["data-module-attribution"] == "© Example"


def test_english_fields_and_geojson_read_left_to_right(app):
    """On the Persian page the English title and description are LTR English (Markdown
    rendered, digits Latin), and the spatial extent is a small map of its GeoJSON."""
    d = Dataset(
        name="english-fields",
        title_en="Metro stations 2024",
        notes_en="**Source:** Tehran's 150 metro stations.",
        district=["6"],
    )
    soup = _soup(app, f"/dataset/{d['name']}")
    english = soup.select("div.smarttehran-english[dir=ltr][lang=en]")
    texts = [e.get_text(" ", strip=True) for e in english]
    assert "Metro stations 2024" in texts
    notes = next(e for e in english if "150" in e.get_text())
    assert notes.select_one("strong").get_text() == "Source:"
    extent = soup.select_one(".smarttehran-extent-map[data-module=smarttehran-place-map]")
    assert json.loads(extent["data-module-geometry"])["type"] in ("Polygon", "MultiPolygon")
    assert extent["role"] == "region" and extent["aria-label"]
    assert soup.select_one("details.smarttehran-geojson") is None


def test_resource_page_lists_no_raw_keys(app):
    """The resource page's table has labelled rows only: no "Url type", "Package id" or
    a second "Name en"; the size is shown."""
    from ckan.tests import factories
    from ckan.tests.helpers import call_action

    from tests.screening.conftest import CLEAN_CSV, upload

    d = Dataset(name="with-resource")
    admin = {"user": factories.Sysadmin()["name"]}
    res = call_action("resource_create", admin, package_id=d["id"], upload=upload(CLEAN_CSV),
                      name="ایستگاه‌ها", name_en="Stations", format="CSV")
    soup = _soup(app, f"/dataset/{d['name']}/resource/{res['id']}")
    labels = [th.get_text(strip=True) for th in soup.select("table th[scope=row]")]
    assert not {"Url type", "Package id", "Name en", "State", "Position"} & set(labels)
    assert labels.count("نام انگلیسی") == 1
    assert "حجم" in labels or "اندازه" in labels


def test_organization_cards_are_a_grid_without_masonry(app):
    """The organisation list is a CSS grid: CKAN's masonry script (absolute left offsets)
    put the cards off-screen on right-to-left phones."""
    from ckan.tests import factories

    factories.Organization(title="سازمان بوستان‌ها")
    soup = _soup(app, "/organization/")
    grid = soup.select_one("ul.media-grid")
    assert "smarttehran-card-grid" in grid["class"] and not grid.has_attr("data-module")
    assert "سازمان بوستان‌ها" in grid.select_one("li.media-item").get_text()


def test_search_page_loads_the_keyboard_filters_module(app):
    """The search page carries the module that turns CKAN's href-less "Filter results" and
    close links into keyboard buttons (checked in Chromium: role, tabindex, "بستن")."""
    soup = _soup(app, "/dataset/")
    assert soup.select_one("[data-module=smarttehran-filters]") is not None
    assert any("filters.js" in (s.get("src") or "") for s in soup.select("script"))


def test_english_pages_show_english_titles_and_descriptions(app):
    """/en/ lists and dataset pages use title_en and notes_en; Persian pages the Persian."""
    Dataset(name="bilingual", title="ایستگاه‌های مترو", title_en="Metro stations",
            notes="فهرست ایستگاه‌ها", notes_en="The list of stations.")
    english_list = _soup(app, "/en/dataset/").select_one(".dataset-item")
    assert "Metro stations" in english_list.get_text() and "The list of stations." in english_list.get_text()
    english_page = _soup(app, "/en/dataset/bilingual")
    assert english_page.select_one("[role=main] h1").get_text(strip=True) == "Metro stations"
    assert "The list of stations." in english_page.select_one(".notes").get_text()
    persian_list = _soup(app, "/dataset/").select_one(".dataset-item")
    assert "ایستگاه‌های مترو" in persian_list.get_text() and "Metro stations" not in persian_list.get_text()


def test_dataset_page_lists_no_empty_fields(app):
    """The additional-information table has no row for a field the dataset leaves empty."""
    Dataset(name="sparse", district=["6"])
    soup = _soup(app, "/dataset/sparse")
    # A row's value is its text, or the map of the spatial extent.
    rows = {tr.th.get_text(strip=True): tr.td.get_text(strip=True) or tr.td.select_one(".smarttehran-extent-map")
            for tr in soup.select("table tr") if tr.th and tr.td}
    assert rows and all(value for value in rows.values())
    assert "منطقه شهرداری" in rows and "محله" not in rows


def test_facet_labels_are_whole(app):
    """Goal facets show their whole label (CKAN cut them at 22 characters)."""
    from ckanext.smarttehran import vocabularies

    goal = next(g for g in vocabularies.items("goals") if len(g["fa"]) > 40)
    Dataset(name="with-goal", smart_dimension=[goal["code"].split(".")[0]], smart_goal=[goal["code"]])
    soup = _soup(app, "/dataset/")
    labels = [s.get_text(strip=True) for s in soup.select(".nav-facet .item-label")]
    assert goal["fa"] in labels
