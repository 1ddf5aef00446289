"""Who may read screening reports and decide on them.

Publishers (editors and admins of the dataset's organization) read and discard their
datasets' screenings; privacy officers (``ckanext.smarttehran.privacy.officers``) and
sysadmins read every screening and alone may override a block.
"""

from __future__ import annotations

import ckan.plugins.toolkit as tk
from ckan.types import AuthResult, Context, DataDict

from ckanext.smarttehran import config
from ckanext.smarttehran.screening import records

__all__ = [
    "smarttehran_privacy_report_show",
    "smarttehran_privacy_report_list",
    "smarttehran_privacy_override",
    "smarttehran_privacy_discard",
]


def is_officer(context: Context) -> bool:
    """The user is a configured privacy officer (sysadmins pass every auth anyway)."""
    user = context.get("user")
    return bool(user) and user in config.privacy_officers()


def _can_edit(context: Context, package_id: str | None) -> bool:
    if not package_id:
        return False
    try:
        tk.check_access("package_update", {"user": context.get("user")}, {"id": package_id})
    except (tk.NotAuthorized, tk.ObjectNotFound):
        return False
    return True


def _record_access(context: Context, data_dict: DataDict) -> AuthResult:
    if is_officer(context):
        return {"success": True}
    rec = records.get(data_dict.get("id") or "")
    if rec is None:
        return {"success": False, "msg": tk._("Screening not found")}
    user = context.get("auth_user_obj")
    own = user is not None and getattr(user, "id", None) == rec["user_id"]
    if own or _can_edit(context, rec["package_id"]):
        return {"success": True}
    return {"success": False, "msg": tk._("Not authorized to see this privacy screening")}


def smarttehran_privacy_report_show(context: Context, data_dict: DataDict) -> AuthResult:
    return _record_access(context, data_dict)


def smarttehran_privacy_discard(context: Context, data_dict: DataDict) -> AuthResult:
    return _record_access(context, data_dict)


def smarttehran_privacy_report_list(context: Context, data_dict: DataDict) -> AuthResult:
    if is_officer(context):
        return {"success": True}
    if data_dict.get("package_id"):
        if _can_edit(context, data_dict["package_id"]):
            return {"success": True}
        return {"success": False, "msg": tk._("Not authorized to see this dataset's screenings")}
    if not context.get("user"):
        return {"success": False, "msg": tk._("Log in to see privacy screenings")}
    orgs = tk.get_action("organization_list_for_user")(
        {"user": context["user"]}, {"permission": "update_dataset"}
    )
    if orgs:
        return {"success": True}
    return {"success": False, "msg": tk._("Not authorized to see privacy screenings")}


def smarttehran_privacy_override(context: Context, data_dict: DataDict) -> AuthResult:
    if is_officer(context):
        return {"success": True}
    return {"success": False, "msg": tk._("Only a privacy officer or a sysadmin may override")}
