"""Reads anyone may make: vocabularies, places, slugs."""

from __future__ import annotations

import ckan.plugins.toolkit as tk
from ckan.types import AuthResult, Context, DataDict

__all__ = [
    "smarttehran_vocabulary_list",
    "smarttehran_vocabulary_show",
    "smarttehran_neighborhood_list",
    "smarttehran_neighborhood_show",
    "smarttehran_district_show",
    "smarttehran_slug_show",
]


@tk.auth_allow_anonymous_access
def _public(context: Context, data_dict: DataDict) -> AuthResult:
    return {"success": True}


smarttehran_vocabulary_list = _public
smarttehran_vocabulary_show = _public
smarttehran_neighborhood_list = _public
smarttehran_neighborhood_show = _public
smarttehran_district_show = _public
smarttehran_slug_show = _public
