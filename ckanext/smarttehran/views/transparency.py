"""The public transparency dashboard (``/transparency``) and its district layer."""

from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from flask import Blueprint

from ckanext.smarttehran import gazetteer

__all__ = ["transparency"]

transparency = Blueprint("smarttehran_transparency", __name__)


def _district_layer(stats: dict[str, Any]) -> dict[str, Any]:
    """The 22 districts as GeoJSON features carrying their dataset counts."""
    counts = {d["district"]: d["datasets"] for d in stats["districts"]}
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": d["geometry"],
                "properties": {
                    "district": d["code"],
                    "datasets": counts.get(d["code"], 0),
                    "url": tk.url_for("smarttehran_places.district", district=d["code"]),
                },
            }
            for d in gazetteer.districts()
        ],
    }


@transparency.route("/transparency")
def dashboard():
    stats = tk.get_action("smarttehran_transparency_stats")({}, {})
    return tk.render(
        "smarttehran/transparency/dashboard.html",
        {"stats": stats, "district_layer": _district_layer(stats)},
    )
