"""Pages of places: a neighbourhood, a district, and the neighbourhood finder."""

from __future__ import annotations

import json
from typing import Any

import ckan.plugins.toolkit as tk
from flask import Blueprint, Response

from ckanext.smarttehran import gazetteer

__all__ = ["places"]

places = Blueprint("smarttehran_places", __name__)

DIMENSION_FACET = "smart_dimension"
ROWS = 20


def _datasets(fq: str) -> dict[str, Any]:
    return tk.get_action("package_search")(
        {},
        {
            "fq": fq,
            "rows": ROWS,
            "facet.field": [DIMENSION_FACET],
            "facet.limit": -1,
            "sort": "metadata_modified desc",
        },
    )


def _not_found(message: str):
    return tk.abort(404, message)


@places.route("/neighborhood/<code>")
def neighborhood(code: str):
    try:
        place = tk.get_action("smarttehran_neighborhood_show")({}, {"code": code})
    except tk.ObjectNotFound as e:
        return _not_found(str(e))
    found = _datasets(f'neighborhood:"{place["code"]}"')
    return tk.render(
        "smarttehran/neighborhood.html",
        {"place": place, "search": found, "kind": "neighborhood"},
    )


@places.route("/district/<district>")
def district(district: str):
    try:
        place = tk.get_action("smarttehran_district_show")({}, {"district": district})
    except tk.ObjectNotFound as e:
        return _not_found(str(e))
    found = _datasets(f'district:"{place["district"]}"')
    return tk.render(
        "smarttehran/district.html",
        {"place": place, "search": found, "kind": "district"},
    )


@places.route("/districts.geojson")
def districts_layer():
    """The 22 district boundaries: the base of every map when no tile server is configured."""
    layer = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "geometry": d["geometry"],
             "properties": {"code": d["code"], "name_fa": d["name_fa"], "name_en": d["name_en"]}}
            for d in gazetteer.districts()
        ],
    }
    response = Response(json.dumps(layer, ensure_ascii=False, separators=(",", ":")),
                        mimetype="application/geo+json")
    response.headers["Cache-Control"] = "public, max-age=86400"
    return response


@places.route("/neighborhood")
def finder():
    """Type a neighbourhood's name in any spelling and go to its page."""
    q = (tk.request.args.get("q") or "").strip()
    matches = tk.get_action("smarttehran_neighborhood_list")({}, {"q": q, "limit": 30}) if q else []
    if len(matches) == 1:
        return tk.redirect_to("smarttehran_places.neighborhood", code=matches[0]["code"])
    return tk.render("smarttehran/finder.html", {"q": q, "matches": matches})
