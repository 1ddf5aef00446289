"""The developer page (``/developers``) and the OpenAPI document (``/api/openapi.json``)."""

from __future__ import annotations

import ckan.plugins.toolkit as tk
from flask import Blueprint, jsonify

from ckanext.smarttehran import openapi

__all__ = ["developers"]

developers = Blueprint("smarttehran_developers", __name__)


@developers.route("/api/openapi.json")
def openapi_json():
    """The OpenAPI 3.1 document. Under ``/api`` so CKAN's CORS settings
    (``ckan.cors.origin_allow_all`` / ``ckan.cors.origin_whitelist``) apply to it too."""
    return jsonify(openapi.document(tk.config["ckan.site_url"]))


@developers.route("/developers")
def page():
    return tk.render("smarttehran/developers.html", {"site_url": tk.config["ckan.site_url"].rstrip("/")})
