"""Metadata completeness per dataset and 5-star openness per resource.

Completeness counts what a user needs to reuse the data (``CRITERIA``), each worth the
same; the score is the percentage met. Openness follows the 5-star scheme by format:
1 an open licence on any format (PDF, images, Word), 2 structured but proprietary
(XLS/XLSX, Shapefile), 3 open machine-readable (CSV, JSON, GeoJSON, XML, ODS), 4 RDF
(Turtle, RDF/XML, JSON-LD, N-Triples). The fifth star (links to other people's data)
cannot be seen from a format, so it is not awarded automatically.
"""

from __future__ import annotations

import logging
from typing import Any

import ckan.plugins.toolkit as tk

from ckanext.smarttehran.transparency import access

log = logging.getLogger(__name__)

CRITERIA = (
    "description", "license", "dimension", "area", "temporal", "contact",
    "data_dictionary", "machine_readable",
)
_STARS = {
    1: {"pdf", "doc", "docx", "jpg", "jpeg", "png", "tif", "tiff", "gif", "html", "htm", "ppt", "pptx"},
    2: {"xls", "xlsx", "shp", "shapefile", "mdb", "accdb", "dbf", "sav"},
    3: {"csv", "tsv", "json", "geojson", "xml", "ods", "odt", "kml", "kmz", "gpx", "gpkg",
        "txt", "wms", "wfs", "api", "zip+csv"},
    4: {"rdf", "rdf+xml", "ttl", "turtle", "n3", "nt", "n-triples", "jsonld", "json-ld", "nq", "trig",
        "sparql"},
}
MACHINE_READABLE = 3


def _format(resource: dict[str, Any]) -> str:
    fmt = (resource.get("format") or "").strip().lower().lstrip(".")
    if not fmt:
        url = (resource.get("url") or "").lower().split("?")[0]
        fmt = url.rsplit(".", 1)[-1] if "." in url.rsplit("/", 1)[-1] else ""
    return fmt.replace("application/", "").replace("text/", "")


def stars(resource: dict[str, Any], license_open: bool = True) -> int:
    """Openness stars of one resource (0 without an open licence)."""
    if not license_open:
        return 0
    fmt = _format(resource)
    return next((n for n in (4, 3, 2, 1) if fmt in _STARS[n]), 1)


def _present(value: Any) -> bool:
    return value not in (None, "", [], "[]", {})


def has_data_dictionary(pkg_dict: dict[str, Any]) -> bool:
    """Whether a DataStore table of the dataset describes every column (label or notes)."""
    for resource in pkg_dict.get("resources") or []:
        if not resource.get("datastore_active"):
            continue
        try:
            info = tk.get_action("datastore_info")({"ignore_auth": True}, {"id": resource["id"]})
        except (KeyError, tk.ObjectNotFound, tk.ValidationError):
            continue
        except Exception:  # a DataStore outage must not stop indexing
            log.warning("datastore_info failed for %s", resource["id"], exc_info=True)
            continue
        fields = [f for f in info.get("fields", []) if not f["id"].startswith("_")]
        described = [
            f for f in fields
            if (f.get("info") or {}).get("notes") or (f.get("info") or {}).get("label")
        ]
        if fields and len(described) == len(fields):
            return True
    return False


def completeness(pkg_dict: dict[str, Any], data_dictionary: bool | None = None) -> dict[str, Any]:
    """``{"score": 0..100, "met": [...], "missing": [...]}`` for one dataset.

    ``data_dictionary`` can be given when already known (it needs the DataStore).
    """
    resources = pkg_dict.get("resources") or []
    if data_dictionary is None:
        data_dictionary = has_data_dictionary(pkg_dict)
    license_open = access.license_is_open(pkg_dict.get("license_id") or "")
    checks = {
        "description": _present((pkg_dict.get("notes") or "").strip()),
        "license": _present(pkg_dict.get("license_id")) and (
            license_open or access.is_restricted(pkg_dict)
        ),
        "dimension": _present(pkg_dict.get("smart_dimension")),
        "area": any(_present(pkg_dict.get(f)) for f in ("district", "neighborhood", "spatial")),
        "temporal": any(_present(pkg_dict.get(f)) for f in ("temporal_start", "temporal_end")),
        "contact": any(
            _present(pkg_dict.get(f))
            for f in ("contact_email", "contact_name", "maintainer_email", "author_email")
        ),
        "data_dictionary": data_dictionary,
        "machine_readable": any(stars(r) >= MACHINE_READABLE for r in resources),
    }
    met = [c for c in CRITERIA if checks[c]]
    return {
        "score": round(100 * len(met) / len(CRITERIA)),
        "met": met,
        "missing": [c for c in CRITERIA if not checks[c]],
    }


def openness(pkg_dict: dict[str, Any]) -> dict[str, Any]:
    """Stars per resource and the dataset's best (0 when nothing is published)."""
    license_open = access.license_is_open(pkg_dict.get("license_id") or "")
    per = {r["id"]: stars(r, license_open) for r in pkg_dict.get("resources") or [] if r.get("id")}
    return {"resources": per, "max": max(per.values(), default=0)}
