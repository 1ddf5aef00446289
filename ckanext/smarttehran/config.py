"""One getter per config option declared in ``config_declaration.yaml``."""

from __future__ import annotations

import ckan.plugins.toolkit as tk


def map_tile_url() -> str:
    return tk.config["ckanext.smarttehran.map_tile_url"]


def map_attribution() -> str:
    return tk.config["ckanext.smarttehran.map_attribution"]
