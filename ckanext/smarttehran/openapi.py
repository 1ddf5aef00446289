"""The OpenAPI 3 document of the portal's API (``/api/openapi.json``).

It describes the actions this extension adds and the read actions a startup needs
most (search, show, DataStore), all as ``GET /api/3/action/<name>`` with CKAN's
envelope ``{help, success, result}``. ``tests/test_openapi.py`` checks the response
schemas against real responses.
"""

from __future__ import annotations

from typing import Any

VERSION = "1.0.0"


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _param(name: str, description: str, required: bool = False, schema: dict | None = None,
           example: Any = None) -> dict[str, Any]:
    out = {"name": name, "in": "query", "required": required, "description": description,
           "schema": schema or {"type": "string"}}
    if example is not None:
        out["example"] = example
    return out


def _action(summary: str, result: dict[str, Any], params: list[dict[str, Any]], tag: str,
            anonymous: bool = True) -> dict[str, Any]:
    envelope = {"allOf": [_ref("Envelope"), {"type": "object", "properties": {"result": result}}]}
    op = {
        "summary": summary,
        "tags": [tag],
        "parameters": params,
        "responses": {
            "200": {"description": "OK", "content": {"application/json": {"schema": envelope}}},
            "403": {"description": "Not authorized", "content": {"application/json": {"schema": _ref("Error")}}},
            "404": {"description": "Not found", "content": {"application/json": {"schema": _ref("Error")}}},
            "409": {"description": "Validation error", "content": {"application/json": {"schema": _ref("Error")}}},
        },
    }
    if not anonymous:
        op["security"] = [{"ApiToken": []}]
    return {"get": op}


ID = _param("id", "Dataset id or name", True, example="air-quality-stations")

SCHEMAS: dict[str, Any] = {
    "Envelope": {
        "type": "object", "required": ["help", "success", "result"],
        "properties": {"help": {"type": "string"}, "success": {"type": "boolean"}, "result": {}},
    },
    "Error": {
        "type": "object", "required": ["success", "error"],
        "properties": {"success": {"type": "boolean", "enum": [False]},
                       "error": {"type": "object", "properties": {"__type": {"type": "string"},
                                                                  "message": {"type": "string"}}}},
    },
    "Codes": {"type": "array", "items": {"type": "string"}},
    "Resource": {
        "type": "object", "required": ["id", "url", "package_id"],
        "properties": {"id": {"type": "string"}, "package_id": {"type": "string"},
                       "url": {"type": "string"}, "name": {"type": ["string", "null"]},
                       "format": {"type": ["string", "null"]},
                       "datastore_active": {"type": "boolean"}},
    },
    "Dataset": {
        "type": "object",
        "required": ["id", "name", "title", "smart_dimension", "update_frequency", "access_level",
                     "license_id", "resources", "metadata_modified"],
        "properties": {
            "id": {"type": "string"}, "name": {"type": "string"},
            "title": {"type": "string", "description": "Persian title"},
            "title_en": {"type": ["string", "null"]}, "notes": {"type": ["string", "null"]},
            "smart_dimension": _ref("Codes"), "strategic_axis": _ref("Codes"),
            "smart_goal": _ref("Codes"), "district": _ref("Codes"), "neighborhood": _ref("Codes"),
            "update_frequency": {"type": "string"},
            "access_level": {"type": "string", "enum": ["public", "restricted"]},
            "access_reason": {"type": ["string", "null"]},
            "access_review_date": {"type": ["string", "null"], "description": "ISO 8601 date"},
            "license_id": {"type": "string"},
            "metadata_modified": {"type": "string", "description": "ISO 8601"},
            "resources": {"type": "array", "items": _ref("Resource")},
            "resources_withheld": {"type": "integer",
                                   "description": "Resources of a restricted dataset not shown to you"},
        },
    },
    "SearchResult": {
        "type": "object", "required": ["count", "results", "facets"],
        "properties": {"count": {"type": "integer"},
                       "results": {"type": "array", "items": _ref("Dataset")},
                       "facets": {"type": "object"}, "search_facets": {"type": "object"}},
    },
    "DatastoreSearch": {
        "type": "object", "required": ["resource_id", "fields", "records"],
        "properties": {"resource_id": {"type": "string"},
                       "fields": {"type": "array", "items": {"type": "object", "required": ["id", "type"]}},
                       "records": {"type": "array", "items": {"type": "object"}},
                       "total": {"type": "integer"}},
    },
    "TransparencyStats": {
        "type": "object",
        "required": ["datasets", "access", "dimensions", "dimension_axis", "goals_without_datasets",
                     "districts", "departments", "completeness", "openness", "overdue"],
        "properties": {
            "datasets": {"type": "integer"},
            "access": {"type": "object", "required": ["public", "restricted", "reasons"],
                       "properties": {"public": {"type": "integer"}, "restricted": {"type": "integer"},
                                      "reasons": {"type": "array", "items": {
                                          "type": "object", "required": ["code", "article", "datasets"]}}}},
            "dimensions": {"type": "object"},
            "dimension_axis": {"type": "array", "items": {"type": "object", "required": ["dimension", "cells"]}},
            "goals_without_datasets": _ref("Codes"),
            "districts": {"type": "array", "items": {
                "type": "object", "required": ["district", "datasets"],
                "properties": {"district": {"type": "string"}, "datasets": {"type": "integer"}}}},
            "departments": {"type": "array", "items": {"type": "object", "required": ["name", "datasets"]}},
            "completeness": {"type": "object"}, "openness": {"type": "object"},
            "overdue": {"type": "object", "required": ["count", "datasets"]},
            "participation": {"type": "object"},
        },
    },
    "DatasetTransparency": {
        "type": "object",
        "required": ["id", "access_level", "last_update", "next_update", "overdue", "completeness", "openness"],
        "properties": {
            "id": {"type": "string"}, "access_level": {"type": "string", "enum": ["public", "restricted"]},
            "last_update": {"type": ["string", "null"]}, "next_update": {"type": ["string", "null"]},
            "overdue": {"type": "boolean"},
            "completeness": {"type": "object", "required": ["score", "met", "missing"]},
            "openness": {"type": "object", "required": ["resources", "max"]},
        },
    },
    "Vocabulary": {"type": "object", "required": ["name", "items"],
                   "properties": {"name": {"type": "string"}, "items": {"type": "array"}}},
    "Place": {"type": "object", "required": ["code"], "properties": {"code": {"type": "string"}}},
    "DataRequest": {
        "type": "object", "required": ["id", "title", "status", "created", "due", "overdue"],
        "properties": {
            "id": {"type": "string"}, "title": {"type": "string"}, "description": {"type": "string"},
            "organization_id": {"type": ["string", "null"]},
            "status": {"type": "string", "enum": ["open", "answered", "fulfilled", "rejected"]},
            "response": {"type": ["string", "null"]}, "package_id": {"type": ["string", "null"]},
            "created": {"type": "string"}, "due": {"type": "string", "description": "created + 10 days"},
            "responded": {"type": ["string", "null"]}, "overdue": {"type": "boolean"},
        },
    },
    "Ratings": {
        "type": "object", "required": ["package_id", "count", "average", "comments"],
        "properties": {"package_id": {"type": "string"}, "count": {"type": "integer"},
                       "average": {"type": ["number", "null"]}, "comments": {"type": "array"}},
    },
}


def document(site_url: str, extra_paths: dict[str, Any] | None = None) -> dict[str, Any]:
    """The whole OpenAPI document, with ``site_url`` as the server."""
    paths = {
        "/package_search": _action(
            "Search datasets (Solr): by dimension, district, neighbourhood, text", _ref("SearchResult"),
            [_param("q", "Free text (Persian or English)", example="کیفیت هوا"),
             _param("fq", "Filter query on our fields", example='smart_dimension:mobility AND district:"6"'),
             _param("rows", "Results per page (max 1000)", schema={"type": "integer"}, example=10),
             _param("start", "Offset", schema={"type": "integer"}),
             _param("sort", "e.g. metadata_modified desc"),
             _param("facet.field", "JSON list of fields to count",
                    example='["smart_dimension","district","organization"]')],
            "datasets"),
        "/package_show": _action("One dataset with its resources", _ref("Dataset"), [ID], "datasets"),
        "/resource_show": _action("One resource", _ref("Resource"),
                                  [_param("id", "Resource id", True)], "datasets"),
        "/organization_list": _action("Departments (organizations)", {"type": "array"},
                                      [_param("all_fields", "true for details")], "datasets"),
        "/datastore_search": _action(
            "Rows of a tabular resource (DataStore)", _ref("DatastoreSearch"),
            [_param("resource_id", "Resource id", True), _param("q", "Full-text query"),
             _param("filters", "JSON object of column: value", example='{"district": "6"}'),
             _param("limit", "Rows (default 100)", schema={"type": "integer"}),
             _param("offset", "Offset", schema={"type": "integer"})],
            "datastore"),
        "/smarttehran_transparency_stats": _action(
            "The transparency dashboard's numbers (public data only)", _ref("TransparencyStats"), [],
            "transparency"),
        "/smarttehran_dataset_transparency_show": _action(
            "A dataset's access, update schedule, completeness and openness",
            _ref("DatasetTransparency"), [ID], "transparency"),
        "/smarttehran_vocabulary_list": _action("The smart-city vocabularies", {"type": "array"}, [],
                                                "vocabularies"),
        "/smarttehran_vocabulary_show": _action(
            "One vocabulary (dimensions, axes, goals, districts, update_frequencies, access_reasons...)",
            _ref("Vocabulary"), [_param("name", "Vocabulary name", True, example="dimensions")], "vocabularies"),
        "/smarttehran_neighborhood_list": _action(
            "Neighbourhoods, by district or name", {"type": "array", "items": _ref("Place")},
            [_param("district", "1..22, or citywide for all"), _param("q", "A name in any spelling"),
             _param("limit", "At most this many matches for q (default 20)",
                    schema={"type": "integer", "minimum": 1})], "places"),
        "/smarttehran_neighborhood_show": _action("One neighbourhood with its boundary", _ref("Place"),
                                                  [_param("code", "Neighbourhood code", True, example="601")],
                                                  "places"),
        "/smarttehran_district_show": _action("One district with its boundary", {"type": "object"},
                                              [_param("district", "1..22", True, example="6")], "places"),
        "/smarttehran_data_request_list": _action(
            "Citizens' data requests with status and answer",
            {"type": "object", "required": ["count", "results"],
             "properties": {"count": {"type": "integer"},
                            "results": {"type": "array", "items": _ref("DataRequest")}}},
            [_param("status", "open, answered, fulfilled, rejected"), _param("organization_id", "Department"),
             _param("overdue", "true: unanswered after 10 days", schema={"type": "boolean"}),
             _param("limit", "Default 50, at most 200", schema={"type": "integer", "minimum": 1}),
             _param("offset", "Default 0", schema={"type": "integer", "minimum": 0})], "participation"),
        "/smarttehran_data_request_show": _action("One data request", _ref("DataRequest"),
                                                  [_param("id", "Request id", True)], "participation"),
        "/smarttehran_rating_show": _action("A dataset's average rating and comments", _ref("Ratings"),
                                            [_param("package_id", "Dataset id or name", True)], "participation"),
        **(extra_paths or {}),
    }
    return {
        "openapi": "3.1.0",
        "x-writes": (
        "POST smarttehran_data_request_create {title, description, organization_id}, "
        "smarttehran_data_request_update {id, status, response, package_id} (department), "
        "smarttehran_rating_create {package_id, rating 1-5, comment}: with an API token."
    ),
    "info": {
            "title": "Smart Tehran open data API",
            "version": VERSION,
            "description": (
                "CKAN's action API with the Smart Tehran extension. Every call is "
                "GET (reads) or POST (writes) /api/3/action/<name>; results come in CKAN's "
                "envelope. Dates are ISO 8601, digits Latin. Send an API token in the "
                "Authorization header for private data and writes."
            ),
        },
        "servers": [{"url": f"{site_url.rstrip('/')}/api/3/action"}],
        "paths": paths,
        "components": {
            "schemas": SCHEMAS,
            "securitySchemes": {"ApiToken": {"type": "apiKey", "in": "header", "name": "Authorization"}},
        },
    }
