"""The transparency dashboard's numbers, one dataset's transparency facts, and core's
``resource_search`` without the resources of restricted datasets."""

from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan.types import Action, Context, DataDict

from ckanext.smarttehran.logic.schema import validated
from ckanext.smarttehran.transparency import access, overdue, scores, side_doors, stats

# Core (activity plugin) actions whose results carry stored datasets.
ACTIVITY_LISTS = (
    "package_activity_list", "organization_activity_list", "group_activity_list",
    "recently_changed_packages_activity_list", "user_activity_list", "dashboard_activity_list",
)

__all__ = [
    *ACTIVITY_LISTS,
    "activity_show",
    "activity_data_show",
    "activity_diff",
    "resource_search",
    "smarttehran_transparency_stats",
    "smarttehran_dataset_transparency_show",
]


@tk.chained_action
@tk.side_effect_free
def resource_search(next_action: Action, context: Context, data_dict: DataDict) -> Any:
    """Core's search of resources by field, less those of restricted datasets the user
    cannot edit (the count drops by as many)."""
    result = next_action(context, data_dict)
    if context.get("search_query"):
        return result
    kept = [r for r in result["results"] if access.resource_visible(context, r["id"])]
    result["count"] -= len(result["results"]) - len(kept)
    result["results"] = kept
    return result


def _activity_list(name: str) -> Action:
    @tk.chained_action
    @tk.side_effect_free
    def chained(next_action: Action, context: Context, data_dict: DataDict) -> Any:
        result = next_action(context, data_dict)
        return [access.strip_activity(context, a) for a in result
                if side_doors.activity_visible(context, a)]

    chained.__name__ = name
    chained.__doc__ = (f"Core's {name}, without the resources of restricted datasets "
                       "and without the activity of their resource views.")
    return chained


globals().update({name: _activity_list(name) for name in ACTIVITY_LISTS})


@tk.chained_action
@tk.side_effect_free
def activity_show(next_action: Action, context: Context, data_dict: DataDict) -> Any:
    """Core's activity_show, without the resources of a restricted dataset; the
    activity of a resource view the user may not see is not authorized."""
    result = next_action(context, data_dict)
    if not side_doors.activity_visible(context, result):
        raise tk.NotAuthorized(side_doors.ACTIVITY_REFUSED)
    return access.strip_activity(context, result)


@tk.chained_action
@tk.side_effect_free
def activity_data_show(next_action: Action, context: Context, data_dict: DataDict) -> Any:
    """Core's activity_data_show (the stored object), without restricted resources."""
    if not side_doors.activity_id_visible(context, data_dict.get("id")):
        raise tk.NotAuthorized(side_doors.ACTIVITY_REFUSED)
    result = next_action(context, data_dict)
    if isinstance(result, dict) and "package" in result:
        access.strip_activity(context, {"data": result})
    elif isinstance(result, dict) and "resources" in result:  # object_type=package
        access.strip_activity(context, {"data": {"package": result}})
    return result


@tk.chained_action
@tk.side_effect_free
def activity_diff(next_action: Action, context: Context, data_dict: DataDict) -> Any:
    """Core's activity_diff (two stored versions, their resources included): only for
    those who may edit a restricted dataset, and not of a hidden resource view."""
    if not side_doors.diff_visible(context, data_dict.get("id")):
        raise tk.NotAuthorized(side_doors.ACTIVITY_REFUSED)
    return next_action(context, data_dict)


@tk.side_effect_free
@validated("smarttehran_transparency_stats")
def smarttehran_transparency_stats(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """The transparency dashboard's numbers, counted over what anonymous users can see.

    Datasets per dimension, per dimension x axis cell (with the policy's goals in it),
    per district (22 and ``citywide``) and per department; public versus restricted with
    the legal reasons; overdue datasets; completeness and openness per department;
    the goals without any dataset; data requests and ratings.
    """
    tk.check_access("smarttehran_transparency_stats", context, data_dict)
    participation = tk.get_action("smarttehran_participation_stats")(
        {"user": "", "ignore_auth": True}, {}
    )
    return stats.compute(participation)


@tk.side_effect_free
@validated("smarttehran_dataset_transparency_show")
def smarttehran_dataset_transparency_show(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """One dataset's access classification, update schedule, completeness and openness.

    :param id: the dataset's id or name
    """
    tk.check_access("smarttehran_dataset_transparency_show", context, data_dict)
    pkg = tk.get_action("package_show")(context, {"id": tk.get_or_bust(data_dict, "id")})
    restricted = access.is_restricted(pkg)
    reason = access.reason(pkg.get("access_reason")) if restricted else None
    return {
        "id": pkg["id"],
        "name": pkg["name"],
        "access_level": access.level(pkg),
        "access_reason": reason,
        "access_review_date": pkg.get("access_review_date") or None if restricted else None,
        "resources_withheld": pkg.get("resources_withheld", 0),
        **overdue.summary(pkg),
        "completeness": scores.completeness(pkg),
        "openness": scores.openness(pkg),
    }
