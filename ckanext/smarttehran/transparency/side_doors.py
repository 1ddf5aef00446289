"""Side doors to restricted and private metadata that core leaves open, closed for
anyone who cannot see what is behind them:

- the activity entries of resource views (``new resource view`` ...) carry the view's
  title and the resource's id, also for a restricted dataset's resources;
- ``member_list`` of an organization lists its private datasets' ids;
- ``format_autocomplete`` suggests the formats of every resource, a restricted or
  private dataset's included;
- ``datastore_search`` of ``_table_metadata`` lists every DataStore table (resource id).

The chained actions are in ``logic/action/side_doors.py`` and ``transparency.py``.
"""

from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
import sqlalchemy as sa
from ckan import authz, model
from ckan.types import Context

from ckanext.smarttehran.errors import bilingual
from ckanext.smarttehran.transparency import access

VIEW_ACTIVITIES = ("new resource view", "changed resource view", "deleted resource view")
TABLE_METADATA = "_table_metadata"
ACTIVITY_REFUSED = bilingual("اجازهٔ دیدن این فعالیت را ندارید", "you are not allowed to see this activity")
TABLE_METADATA_REFUSED = bilingual(
    "فهرست جدول‌های DataStore عمومی نیست", "the list of DataStore tables is not public")


def activity_visible(context: Context, activity: dict[str, Any]) -> bool:
    """False for a resource view's activity whose resource the user may not see."""
    if activity.get("activity_type") not in VIEW_ACTIVITIES:
        return True
    data = activity.get("data") or {}
    resource_id = data.get("resource_id") if isinstance(data, dict) else None
    package_id = (data.get("package_id") if isinstance(data, dict) else None) or activity.get("object_id")
    if resource_id and not access.resource_visible(context, str(resource_id)):
        return False
    pkg = model.Package.get(str(package_id)) if package_id else None
    restricted = pkg is not None and (pkg.extras or {}).get("access_level") == access.RESTRICTED
    return not restricted or access.can_edit(context, pkg.id)


def activity_id_visible(context: Context, activity_id: Any) -> bool:
    from ckanext.activity.model import Activity

    found = model.Session.get(Activity, str(activity_id)) if isinstance(activity_id, str) else None
    if found is None:
        return True  # core answers "not found"
    return activity_visible(context, {"activity_type": found.activity_type, "data": found.data,
                                      "object_id": found.object_id})


def diff_visible(context: Context, activity_id: Any) -> bool:
    """A diff shows two stored versions of the dataset with their resources: for a
    dataset restricted now, only to those who may edit it."""
    from ckanext.activity.model import Activity

    if not activity_id_visible(context, activity_id):
        return False
    found = model.Session.get(Activity, activity_id) if isinstance(activity_id, str) else None
    pkg = model.Package.get(found.object_id) if found is not None and found.object_id else None
    if pkg is None or (pkg.extras or {}).get("access_level") != access.RESTRICTED:
        return True
    return access.can_edit(context, pkg.id)


def _is_sysadmin(context: Context) -> bool:
    return bool(context.get("ignore_auth")) or authz.is_sysadmin(context.get("user"))


def visible_members(context: Context, members: list[Any]) -> list[Any]:
    """``member_list`` rows without the private datasets this user may not read."""
    if _is_sysadmin(context):
        return members
    package_ids = [m[0] for m in members if len(m) > 1 and m[1] == "package"]
    if not package_ids:
        return members
    private = {pid for (pid,) in model.Session.query(model.Package.id).filter(
        model.Package.id.in_(package_ids), model.Package.private.is_(True))}
    hidden = {pid for pid in private if not _can_read(context, pid)}
    return [m for m in members if not (len(m) > 1 and m[1] == "package" and m[0] in hidden)]


def _can_read(context: Context, package_id: str) -> bool:
    try:
        tk.check_access("package_show", {"user": context.get("user")}, {"id": package_id})
    except (tk.NotAuthorized, tk.ObjectNotFound):
        return False
    return True


def public_formats(context: Context, formats: list[str]) -> list[str]:
    """The formats that some resource of an active, public, not restricted dataset has
    (sysadmins: all of them)."""
    if not formats or _is_sysadmin(context):
        return formats
    restricted = (
        model.Session.query(model.PackageExtra.package_id)
        .filter(model.PackageExtra.key == "access_level", model.PackageExtra.value == access.RESTRICTED)
    )
    lowered = sa.func.lower(model.Resource.format)  # core answers lower-cased formats
    shown = {
        fmt for (fmt,) in model.Session.query(lowered)
        .join(model.Package, model.Package.id == model.Resource.package_id)
        .filter(
            model.Resource.state == "active", model.Package.state == "active",
            model.Package.private.is_(False), lowered.in_([str(f).lower() for f in formats]),
            sa.not_(model.Package.id.in_(restricted)),
        )
        .distinct()
    }
    return [f for f in formats if str(f).lower() in shown]


def check_table_metadata(context: Context, resource_id: Any) -> None:
    """Only sysadmins read DataStore's table of tables."""
    named = isinstance(resource_id, str) and resource_id.strip().strip('"') == TABLE_METADATA
    if named and not _is_sysadmin(context):
        raise tk.NotAuthorized(TABLE_METADATA_REFUSED)


def check_sql(context: Context, sql: Any) -> None:
    """``datastore_search_sql`` may read ``_table_metadata`` too (DataStore lets it
    through): only sysadmins may name it."""
    text = sql.lower().replace('"', "") if isinstance(sql, str) else ""
    if TABLE_METADATA in text and not _is_sysadmin(context):
        raise tk.NotAuthorized(TABLE_METADATA_REFUSED)
