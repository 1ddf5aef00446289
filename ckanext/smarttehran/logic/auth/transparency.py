"""Auth of the transparency actions, and core's ``resource_show`` for restricted data."""

from __future__ import annotations

import ckan.plugins.toolkit as tk
from ckan.types import AuthFunction, AuthResult, Context, DataDict

from ckanext.smarttehran.errors import bilingual
from ckanext.smarttehran.transparency import access

__all__ = [
    "resource_show",
    "smarttehran_transparency_stats",
    "smarttehran_dataset_transparency_show",
]


@tk.chained_auth_function
@tk.auth_allow_anonymous_access
def resource_show(next_auth: AuthFunction, context: Context, data_dict: DataDict) -> AuthResult:
    """A restricted dataset's resources (and so their downloads, views and DataStore
    tables, whose auth asks ``resource_show``) only for those who may edit the dataset."""
    resource_id = data_dict.get("id") or data_dict.get("resource_id")
    if resource_id and not access.resource_visible(context, resource_id):
        return {
            "success": False,
            "msg": bilingual(
                "منابع این مجموعه‌داده به دلیل قانونی محدود شده است",
                "the resources of this dataset are restricted for a legal reason",
            ),
        }
    return next_auth(context, data_dict)


@tk.auth_allow_anonymous_access
def smarttehran_transparency_stats(context: Context, data_dict: DataDict) -> AuthResult:
    """Anyone: the dashboard counts only what anonymous users can see."""
    return {"success": True}


@tk.auth_allow_anonymous_access
def smarttehran_dataset_transparency_show(context: Context, data_dict: DataDict) -> AuthResult:
    """Whoever may see the dataset."""
    try:
        tk.check_access("package_show", context, {"id": data_dict.get("id")})
    except tk.NotAuthorized:
        return {"success": False}
    return {"success": True}
