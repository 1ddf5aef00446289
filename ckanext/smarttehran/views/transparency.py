"""The public transparency dashboard (``/transparency``) and its district layer."""

from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from flask import Blueprint, make_response, redirect, request

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
                    "name": tk.h.smarttehran_label("districts", d["code"]),
                    "datasets": counts.get(d["code"], 0),
                    "url": tk.url_for("smarttehran_places.district", district=d["code"]),
                },
            }
            for d in gazetteer.districts()
        ],
    }


_RDF_FORMATS = {"ttl": ("turtle", "text/turtle"), "jsonld": ("json-ld", "application/ld+json"),
                "rdf": ("xml", "application/rdf+xml")}


@transparency.route("/vocabulary/<name>")
def vocabulary_skos(name: str):
    """A smart-city vocabulary as a SKOS concept scheme: ``dimensions`` or
    ``dimensions.ttl`` (Turtle), ``.jsonld`` (JSON-LD), ``.rdf`` (RDF/XML)."""
    from ckanext.smarttehran.dcat import skos

    name, _dot, fmt = name.partition(".")
    fmt = fmt or "ttl"
    if name not in skos.PUBLISHED or fmt not in _RDF_FORMATS:
        return tk.abort(404)
    rdf_format, mimetype = _RDF_FORMATS[fmt]
    body = skos.graph(name).serialize(format=rdf_format)
    return make_response((body, 200, {"Content-Type": f"{mimetype}; charset=utf-8"}))


# The dataset field each vocabulary's codes are stored in (a concept's human page is the
# search filtered on it).
_CONCEPT_FIELDS = {"dimensions": "smart_dimension", "axes": "strategic_axis",
                   "goals": "smart_goal", "access_reasons": "access_reason"}
_RDF_MIMETYPES = {mimetype: ext for ext, (_fmt, mimetype) in _RDF_FORMATS.items()}


@transparency.route("/vocabulary/<name>/<code>")
def vocabulary_concept(name: str, code: str):
    """A concept's URI (used by DCAT's dcat:theme, dct:subject ...): 303 to the scheme
    document for RDF clients, to the datasets filtered on the concept for browsers."""
    from ckanext.smarttehran import vocabularies
    from ckanext.smarttehran.dcat import skos

    if name not in skos.PUBLISHED or code not in vocabularies.codes(name):
        return tk.abort(404)
    best = request.accept_mimetypes.best_match(["text/html", *_RDF_MIMETYPES])
    if best in _RDF_MIMETYPES:
        target = tk.h.url_for("smarttehran_transparency.vocabulary_skos",
                              name=f"{name}.{_RDF_MIMETYPES[best]}")
    else:
        target = tk.h.url_for("dataset.search", **{_CONCEPT_FIELDS[name]: code})
    return redirect(target, code=303)


@transparency.route("/transparency")
def dashboard():
    stats = tk.get_action("smarttehran_transparency_stats")({}, {})
    return tk.render(
        "smarttehran/transparency/dashboard.html",
        {"stats": stats, "district_layer": _district_layer(stats)},
    )
