"""Auth of citizen participation: anyone reads; logged-in users ask and rate; the
addressed department's editors and admins answer."""

from __future__ import annotations

from ckan import authz
from ckan.types import AuthResult, Context, DataDict

from ckanext.smarttehran.errors import bilingual
from ckanext.smarttehran.logic.auth.public import anyone

__all__ = [
    "smarttehran_data_request_create",
    "smarttehran_data_request_list",
    "smarttehran_data_request_show",
    "smarttehran_data_request_update",
    "smarttehran_rating_create",
    "smarttehran_rating_show",
    "smarttehran_participation_stats",
]


smarttehran_data_request_list = anyone
smarttehran_data_request_show = anyone
smarttehran_rating_show = anyone
smarttehran_participation_stats = anyone


def _logged_in(context: Context, data_dict: DataDict) -> AuthResult:
    """Any logged-in user (CKAN refuses anonymous users before calling this)."""
    return {"success": True}


smarttehran_data_request_create = _logged_in
smarttehran_rating_create = _logged_in


def smarttehran_data_request_update(context: Context, data_dict: DataDict) -> AuthResult:
    """Editors and admins of the department the request is addressed to (and sysadmins)."""
    from ckanext.smarttehran.model.participation import DataRequest

    request = context["session"].get(DataRequest, data_dict.get("id") or "")
    if request and request.organization_id and authz.has_user_permission_for_group_or_org(
        request.organization_id, context.get("user"), "create_dataset"
    ):
        return {"success": True}
    return {"success": False, "msg": bilingual(
        "فقط سازمان مخاطب درخواست می‌تواند پاسخ دهد", "only the addressed department may answer")}
