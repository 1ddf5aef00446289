"""What people do on the portal, in a real browser: a citizen takes part, a developer
looks at a map, anyone searches on a phone."""

from __future__ import annotations

import requests

from tests.browser.driver import PHONE

CITIZEN = {"name": "browser-citizen", "email": "citizen@smarttehran.test",
           "password": "Citizen-pass-2026"}


def _resource_page(portal, dataset: str, fmt: str) -> str:
    pkg = requests.get(f"{portal.url}/api/3/action/package_show", params={"id": dataset},
                       timeout=30).json()["result"]
    rid = next(r["id"] for r in pkg["resources"] if r["format"].lower() == fmt)
    return f"/dataset/{dataset}/resource/{rid}"


def test_map_preview_draws_the_file_over_local_district_boundaries(page, portal):
    """The GeoJSON resource's preview is a map with the file's 22 features, drawn over
    the districts layer of this site; nothing is fetched from another host."""
    page.open(_resource_page(portal, "district-boundaries", "geojson"))
    frame = page.wait_for("iframe[data-module=data-viewer]")
    page.driver.switch_to.frame(frame)
    try:
        features = page.wait_until(
            "document.querySelector('[data-features]') && document.querySelector('[data-features]').dataset.features")
        assert features == "22", page.find("[data-features]").get_attribute("data-error")
        assert len(page.find_all(".leaflet-overlay-pane path.leaflet-interactive")) >= 22
        page.wait_until("document.querySelectorAll('.leaflet-pane path:not(.leaflet-interactive)').length >= 22")
        hosts = page.driver.execute_script(
            "return performance.getEntriesByType('resource').map(e => new URL(e.name).host);")
        assert set(hosts) == {portal.url.removeprefix("http://")}
    finally:
        page.driver.switch_to.default_content()


def test_search_with_facets_at_phone_width(page):
    """At 390 px the search page opens its filters, and choosing a district narrows the results."""
    page.size(*PHONE)
    page.open("/dataset/")
    total = page.wait_for("form#dataset-search-form, .search-form").text
    page.click(".show-filters")
    link = page.wait_visible(".filters a[href*='district=']")
    href = link.get_attribute("href")
    link.click()
    page.wait_until(f"location.href.indexOf({href.split('?')[1]!r}.split('&')[0]) >= 0")
    assert "district=" in page.path
    assert page.find_all(".dataset-item"), total


def test_citizen_registers_files_a_request_and_rates_a_dataset(page):
    """Self-registration through CKAN's form, then a data request on /requests and a
    rating on a dataset page, as that citizen; the request text is stored as typed."""
    page.open("/user/register")
    page.fill("#field-username", CITIZEN["name"])
    page.fill("#field-email", CITIZEN["email"])
    page.fill("#field-password", CITIZEN["password"])
    page.fill("#field-confirm-password", CITIZEN["password"])
    page.click("#user-register-form button[name=save]")
    page.wait_for("form[action$='/user/_logout']")

    title = "لطفاً داده‌های ترافیک شبانه"
    page.open("/requests")
    page.fill("#req-title", title)
    page.fill("#req-description", "برای پژوهش دانشگاهی")
    page.click(".smarttehran-request-form button[type=submit]")
    page.wait_until(f"document.body.innerText.indexOf({title!r}) >= 0")

    page.open("/dataset/population-by-district")
    page.select("#rate-value", "4")
    page.click("form[action$='/rate'] button[type=submit]")
    page.wait_until("document.body.innerText.indexOf('(۱)') >= 0")
