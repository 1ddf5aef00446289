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
    "smarttehran_search_suggest",
]


@tk.auth_allow_anonymous_access
def anyone(context: Context, data_dict: DataDict) -> AuthResult:
    """Public reads: anyone, logged in or not. Shared by the auth modules."""
    return {"success": True}


smarttehran_vocabulary_list = anyone
smarttehran_vocabulary_show = anyone
smarttehran_neighborhood_list = anyone
smarttehran_neighborhood_show = anyone
smarttehran_district_show = anyone
smarttehran_slug_show = anyone
smarttehran_search_suggest = anyone  # package_search inside filters what the user may see
