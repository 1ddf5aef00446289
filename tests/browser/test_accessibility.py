"""axe-core on the portal's main pages at phone and desktop widths."""

from __future__ import annotations

import pytest
import requests

from tests.browser.driver import DESKTOP, PHONE

PAGES = {
    "home": "/",
    "search": "/dataset/",
    "dataset": "/dataset/population-by-district",
    "table resource": "{csv}",
    "map resource": "{geojson}",
    "transparency": "/transparency",
    "requests": "/requests",
    "developers": "/developers",
    "district": "/district/6",
    "neighbourhood": "/neighborhood/101",
}


@pytest.fixture(scope="module")
def resource_pages(portal) -> dict[str, str]:
    """The first CSV resource (a table preview) and the GeoJSON one (a map)."""
    pages = {}
    for name, fmt in (("population-by-district", "csv"), ("district-boundaries", "geojson")):
        pkg = requests.get(f"{portal.url}/api/3/action/package_show", params={"id": name},
                           timeout=30).json()["result"]
        rid = next(r["id"] for r in pkg["resources"] if r["format"].lower() == fmt)
        pages[fmt] = f"/dataset/{name}/resource/{rid}"
    return pages


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("name", list(PAGES))
def test_no_serious_or_critical_violation(page, resource_pages, name, size):
    """No serious or critical axe-core violation on the page at that width, and the page
    has its one main landmark (axe's moderate landmark-one-main)."""
    page.size(*size)
    page.open(PAGES[name].format(**resource_pages))
    page.wait_for("footer")
    found = page.axe(("moderate", "serious", "critical"))
    assert [v for v in found if v["impact"] != "moderate" or v["rule"] == "landmark-one-main"] == []
