"""Privacy screening actions: the chained core actions (the gate) and the report,
override and discard actions. The work is in ``ckanext.smarttehran.screening``.

Each chained action checks access, screens everything the write would store, and only
then runs the core action: a refusal saves nothing (no object, no activity record).
The ``*_patch`` actions and ``package_revise`` reach the chained ``*_update``.
"""

from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.types import Action, Context, DataDict

from ckanext.smarttehran.errors import bilingual
from ckanext.smarttehran.logic.auth.privacy import is_officer
from ckanext.smarttehran.logic.schema import validated
from ckanext.smarttehran.model.privacy import QUARANTINED
from ckanext.smarttehran.screening import (
    datastore_write,
    ingest,
    jobs,
    metadata,
    quarantine,
    records,
)

__all__ = [
    "resource_create",
    "resource_update",
    "package_create",
    "package_update",
    "datastore_create",
    "datastore_upsert",
    "resource_view_create",
    "resource_view_update",
    "organization_create",
    "organization_update",
    "group_create",
    "group_update",
    "user_create",
    "user_update",
    "smarttehran_privacy_report_show",
    "smarttehran_privacy_report_list",
    "smarttehran_privacy_override",
    "smarttehran_privacy_discard",
]

MIN_JUSTIFICATION = 20
FILE_SOURCES = ("upload", "url", "rescan")


@tk.chained_action
def resource_create(original: Action, context: Context, data_dict: DataDict) -> Any:
    """Screen the resource's fields, then its upload or URL; resource_patch goes through
    resource_update."""
    if not context.get(ingest.SKIP):
        tk.check_access("resource_create", context, data_dict)
        metadata.check_resource(data_dict, context, update=False)
    return ingest.screen_resource(original, context, data_dict, update=False)


@tk.chained_action
def resource_update(original: Action, context: Context, data_dict: DataDict) -> Any:
    if not context.get(ingest.SKIP):
        tk.check_access("resource_update", context, data_dict)
        metadata.check_resource(data_dict, context, update=True)
    return ingest.screen_resource(original, context, data_dict, update=True)


@tk.chained_action
def package_create(original: Action, context: Context, data_dict: DataDict) -> Any:
    return ingest.screen_package(original, context, data_dict, update=False)


@tk.chained_action
def package_update(original: Action, context: Context, data_dict: DataDict) -> Any:
    """Also reached by package_patch, package_revise, resource_create and resource_update
    (skipped there)."""
    return ingest.screen_package(original, context, data_dict, update=True)


def _datastore_write(
    action: str, original: Action, context: Context, data_dict: DataDict
) -> Any:
    if context.get(ingest.SKIP):
        return original(context, data_dict)
    tk.check_access(action, context, data_dict)
    datastore_write.check(data_dict, context, action=action)
    return datastore_write.run(original, context, data_dict)


@tk.chained_action
def datastore_create(original: Action, context: Context, data_dict: DataDict) -> Any:
    """Every key, value, field id, data dictionary entry and alias is screened; CKAN's own
    errors come back masked."""
    return _datastore_write("datastore_create", original, context, data_dict)


@tk.chained_action
def datastore_upsert(original: Action, context: Context, data_dict: DataDict) -> Any:
    return _datastore_write("datastore_upsert", original, context, data_dict)


def _screened(
    action: str, original: Action, context: Context, data_dict: DataDict,
    check: Any, required: str | None = None, **kwargs: Any,
) -> Any:
    """Check access, screen with ``check``, then run the core action. Without its
    ``required`` key the core action's own error answers (CKAN's auth needs the key)."""
    if required is None or data_dict.get(required):
        tk.check_access(action, context, data_dict)
        check(data_dict, context, **kwargs)
    return original(context, data_dict)


@tk.chained_action
def resource_view_create(original: Action, context: Context, data_dict: DataDict) -> Any:
    return _screened(
        "resource_view_create", original, context, data_dict,
        metadata.check_view, required="resource_id",
    )


@tk.chained_action
def resource_view_update(original: Action, context: Context, data_dict: DataDict) -> Any:
    """Core's auth needs the view's resource_id, which core fills in from the view: so
    does this check, and an unknown view is left to core's own 404."""
    view_id = data_dict.get("id")
    view = model.ResourceView.get(view_id) if isinstance(view_id, str) and view_id else None
    if view is None:
        return original(context, data_dict)
    return _screened(
        "resource_view_update", original, context, {**data_dict, "resource_id": view.resource_id},
        metadata.check_view, required="id",
    )


@tk.chained_action
def organization_create(original: Action, context: Context, data_dict: DataDict) -> Any:
    return _screened(
        "organization_create", original, context, data_dict,
        metadata.check_group, organization=True,
    )


@tk.chained_action
def organization_update(original: Action, context: Context, data_dict: DataDict) -> Any:
    """Also reached by organization_patch."""
    return _screened(
        "organization_update", original, context, data_dict,
        metadata.check_group, required="id", organization=True,
    )


@tk.chained_action
def group_create(original: Action, context: Context, data_dict: DataDict) -> Any:
    return _screened(
        "group_create", original, context, data_dict,
        metadata.check_group, organization=False,
    )


@tk.chained_action
def group_update(original: Action, context: Context, data_dict: DataDict) -> Any:
    """Also reached by group_patch."""
    return _screened(
        "group_update", original, context, data_dict,
        metadata.check_group, required="id", organization=False,
    )


@tk.chained_action
def user_create(original: Action, context: Context, data_dict: DataDict) -> Any:
    return _screened(
        "user_create", original, context, data_dict,
        metadata.check_user,
    )


@tk.chained_action
def user_update(original: Action, context: Context, data_dict: DataDict) -> Any:
    """Also reached by user_patch."""
    return _screened(
        "user_update", original, context, data_dict,
        metadata.check_user, required="id",
    )


def _public(rec: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in rec.items() if not k.startswith("_")}


def _get(data_dict: DataDict) -> dict[str, Any]:
    rec = records.get(tk.get_or_bust(data_dict, "id"))
    if rec is None:
        raise tk.ObjectNotFound(bilingual("بررسی یافت نشد.", "Screening not found."))
    return rec


@tk.side_effect_free
@validated("smarttehran_privacy_report_show")
def smarttehran_privacy_report_show(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """One screening: status, masked report, who decided and why. ``id`` required."""
    tk.check_access("smarttehran_privacy_report_show", context, data_dict)
    return _public(_get(data_dict))


@tk.side_effect_free
@validated("smarttehran_privacy_report_list")
def smarttehran_privacy_report_list(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Screenings newest first: ``package_id``, ``status``, ``limit`` (100), ``offset``.

    Officers and sysadmins see all; publishers the datasets of their organizations.
    """
    tk.check_access("smarttehran_privacy_report_list", context, data_dict)
    status, limit, offset = data_dict["status"], data_dict["limit"], data_dict["offset"]
    package_ids: list[str] | None = None
    if data_dict.get("package_id"):
        pkg = model.Package.get(data_dict["package_id"])
        package_ids = [pkg.id if pkg else data_dict["package_id"]]
    elif not (context.get("auth_user_obj") and context["auth_user_obj"].sysadmin) and not (
        is_officer(context)
    ):
        orgs = tk.get_action("organization_list_for_user")(
            {"user": context.get("user")}, {"permission": "update_dataset"}
        )
        org_ids = [o["id"] for o in orgs]
        package_ids = [
            pid
            for (pid,) in model.Session.query(model.Package.id).filter(
                model.Package.owner_org.in_(org_ids)
            )
        ]
    total, found = records.search(
        package_ids=package_ids, statuses=[status] if status else None, limit=limit, offset=offset
    )
    return {"count": total, "results": found}


@validated("smarttehran_privacy_override")
def smarttehran_privacy_override(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Publish a blocked upload (or approve blocked text) with a written ``justification``.

    Files: the resource is created (or updated) from the kept file as the original
    publisher. Metadata and DataStore records: the exact content is approved, and the
    publisher's next save of it passes.
    """
    tk.check_access("smarttehran_privacy_override", context, data_dict)
    rec = _get(data_dict)
    justification = (data_dict.get("justification") or "").strip()
    if len(justification) < MIN_JUSTIFICATION:
        raise tk.ValidationError(
            {
                "justification": [
                    bilingual(
                        f"دلیل نوشته‌شده لازم است (دست‌کم {MIN_JUSTIFICATION} نویسه).",
                        f"A written justification is required (at least {MIN_JUSTIFICATION} characters).",
                    )
                ]
            }
        )
    if rec["status"] not in QUARANTINED:
        raise tk.ValidationError(
            {"status": [bilingual("فقط بررسی مسدودشده را می‌توان تأیید کرد.",
                                  "Only a blocked screening can be overridden.")]}
        )
    decided_by = context.get("user")
    if rec["source"] in FILE_SOURCES:
        if not rec["_path"] and rec["source"] != "url":
            raise tk.ValidationError(
                {"id": [bilingual("پروندهٔ نگه‌داشته‌شده‌ای نیست.", "No kept file to publish.")]}
            )
        jobs.publish(rec["id"], status="override", decided_by=decided_by,
                     justification=justification)
    else:
        records.update(rec["id"], status="override", decided_by=decided_by,
                       justification=justification)
    return _public(records.get(rec["id"]) or {})


@validated("smarttehran_privacy_discard")
def smarttehran_privacy_discard(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Delete a quarantined file for good; the record stays with status ``discarded``."""
    tk.check_access("smarttehran_privacy_discard", context, data_dict)
    rec = _get(data_dict)
    if rec["status"] not in (*QUARANTINED, "pending"):
        raise tk.ValidationError(
            {"status": [bilingual("این بررسی پرونده‌ای در قرنطینه ندارد.",
                                  "This screening has no quarantined file.")]}
        )
    quarantine.remove(rec["_path"])
    return _public(
        records.update(rec["id"], status="discarded", quarantine_path=None,
                       decided_by=context.get("user"))
    )
