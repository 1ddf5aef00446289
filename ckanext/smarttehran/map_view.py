"""The map preview of GeoJSON resources: a CKAN resource view drawn with Leaflet.

Leaflet is the copy ckanext-spatial ships (``ckanext-spatial/dataset_map_js``), so no
script comes from a third party. Under the features lies either the raster tiles of
``ckanext.smarttehran.map_tile_url`` or, when none is configured, Tehran's 22 district
boundaries from our gazetteer (``/districts.geojson``).
"""

from __future__ import annotations

from typing import Any

import ckan.lib.datapreview as datapreview
import ckan.plugins.toolkit as tk

from ckanext.smarttehran import config

NAME = "smarttehran_map"
FORMATS = frozenset({"geojson"})
# A bigger file would be read whole into the browser: those keep their download link.
MAX_BYTES = 20 * 1024 * 1024


def info() -> dict[str, Any]:
    return {
        "name": NAME,
        "title": tk._("Map"),
        "default_title": tk._("Map"),
        "icon": "map",
        "iframed": True,
        "preview_enabled": True,
    }


def can_view(data_dict: dict[str, Any]) -> bool:
    """GeoJSON that the browser may fetch from this site (an upload or same-domain URL)."""
    resource = data_dict["resource"]
    if (resource.get("format") or "").strip().lower() not in FORMATS:
        return False
    size = resource.get("size")
    if isinstance(size, int) and size > MAX_BYTES:
        return False
    return resource.get("url_type") == "upload" or datapreview.on_same_domain(data_dict)


def template_variables(data_dict: dict[str, Any]) -> dict[str, Any]:
    return {
        "resource_url": data_dict["resource"]["url"],
        "map": {"tile_url": config.map_tile_url(), "attribution": config.map_attribution()},
    }
