"""Screening resource content before CKAN stores it (called by the chained actions).

Every path ends in one of three ways: the core action runs (``pass``), a
``tk.ValidationError`` names the masked findings and no resource is created or
changed (``blocked`` / ``error``, the file kept in quarantine), or a file larger than
the async threshold is queued and the screening record is returned (``pending``).
"""

from __future__ import annotations

import logging
import os
from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model
from werkzeug.datastructures import FileStorage

from ckanext.smarttehran import config
from ckanext.smarttehran.errors import bilingual
from ckanext.smarttehran.screening import fetch, jobs, quarantine, records, verdict

log = logging.getLogger(__name__)

# Context key our own calls set so that the chained actions do not screen twice.
SKIP = "smarttehran_privacy_screened"
RESOURCE_TEXT_FIELDS = ("name", "description")


def _user_id(context: dict[str, Any]) -> str | None:
    user = model.User.get(context.get("user") or "")
    return user.id if user else None


def _package_id(name_or_id: str | None) -> str | None:
    """The dataset's id: the web form passes the name from its URL."""
    pkg = model.Package.get(name_or_id or "")
    return pkg.id if pkg else name_or_id


def content_source(data_dict: dict[str, Any], old: model.Resource | None) -> str | None:
    """``upload``, ``url`` or None: what new content a resource dict brings."""
    upload = data_dict.get("upload")
    if isinstance(upload, FileStorage) and upload.filename:
        return "upload"
    url = (data_dict.get("url") or "").strip()
    if not url or data_dict.get("url_type") == "upload":
        return None
    if old is not None and old.url == url:
        return None
    return "url"


def pending_metadata(data_dict: dict[str, Any]) -> dict[str, Any]:
    """The resource dict to publish later, without the file object."""
    return {
        k: v
        for k, v in data_dict.items()
        if k not in ("upload", "clear_upload") and isinstance(v, str | int | float | bool | None)
    }


def screen_resource(
    original: Any, context: dict[str, Any], data_dict: dict[str, Any], *, update: bool
) -> Any:
    """Screen a resource_create/resource_update call, then run (or refuse) the core action."""
    if context.get(SKIP):
        return original(context, data_dict)
    action = "resource_update" if update else "resource_create"
    tk.check_access(action, context, data_dict)
    old = model.Resource.get(data_dict.get("id") or "") if update else None
    package_id = old.package_id if old is not None else _package_id(data_dict.get("package_id"))
    from ckanext.smarttehran.screening import metadata

    metadata.check_fields(
        {f: data_dict.get(f) for f in RESOURCE_TEXT_FIELDS}, package_id, context
    )
    source = content_source(data_dict, old)
    if source is None:
        return _run(original, context, data_dict)
    rec = _start(package_id, old, data_dict, source, context)
    try:
        path, size, sha = _obtain(data_dict, source, rec["id"])
    except fetch.TooLarge:
        return _queue(rec, None, None, None)
    except fetch.FetchError as exc:
        message = verdict.describe_error(str(exc), rec["id"])
        records.update(rec["id"], status="error", report={"error": {"message": str(exc)}})
        raise tk.ValidationError({"url": [message]}) from None
    if size > config.privacy_async_threshold():
        return _queue(rec, path, size, sha)
    result = verdict.screen_path(path, rec["filename"])
    return decide(original, context, data_dict, rec, result, path, size, sha, source)


def decide(
    original: Any,
    context: dict[str, Any],
    data_dict: dict[str, Any],
    rec: dict[str, Any],
    result: verdict.Verdict,
    path: str,
    size: int,
    sha: str,
    source: str,
) -> Any:
    """Run the core action on pass; record and refuse otherwise."""
    if result.blocked:
        records.update(
            rec["id"],
            status=result.status,
            report=result.report,
            quarantine_path=path,
            size=size,
            sha256=sha,
        )
        log.info("privacy screening %s: %s (%s)", rec["id"], result.status, rec["filename"])
        message = (
            verdict.describe_error(result.error, rec["id"])
            if result.error
            else verdict.describe(result.items, rec["id"])
        )
        field = "upload" if source == "upload" else "url"
        raise tk.ValidationError({field: [message], "privacy_screening_id": [rec["id"]]})
    try:
        resource = _run(original, context, data_dict)
    except Exception:
        records.delete(rec["id"])
        quarantine.remove(path)
        raise
    quarantine.remove(path)
    records.update(
        rec["id"],
        status="pass",
        report=result.report,
        resource_id=resource.get("id") if isinstance(resource, dict) else rec["resource_id"],
        size=size,
        sha256=sha,
        pending_resource=None,
    )
    if isinstance(resource, dict):
        jobs.maybe_enqueue_datastore_load(resource)
    return resource


def _run(original: Any, context: dict[str, Any], data_dict: dict[str, Any]) -> Any:
    context[SKIP] = True
    try:
        return original(context, data_dict)
    finally:
        context.pop(SKIP, None)


def _filename(data_dict: dict[str, Any], source: str) -> str:
    if source == "upload":
        return os.path.basename(data_dict["upload"].filename or "upload")
    url = (data_dict.get("url") or "").split("?", 1)[0]
    return os.path.basename(url.rstrip("/")) or "download"


def _obtain(data_dict: dict[str, Any], source: str, sid: str) -> tuple[str, int, str]:
    """The content in quarantine: the upload copied, or the URL fetched up to the threshold."""
    if source == "upload":
        return quarantine.store_stream(data_dict["upload"].stream, sid)
    path = quarantine.path_for(sid)
    try:
        size, sha = fetch.to_file(
            data_dict["url"], path, min(config.privacy_async_threshold(), config.privacy_fetch_max_size())
        )
    except fetch.TooLarge:
        quarantine.remove(path)
        if config.privacy_async_threshold() >= config.privacy_fetch_max_size():
            raise fetch.FetchError(fetch._too_large(config.privacy_fetch_max_size())) from None
        raise
    except fetch.FetchError:
        quarantine.remove(path)
        raise
    return path, size, sha


def _start(
    package_id: str | None, old: Any, data_dict: dict[str, Any], source: str, context: dict[str, Any]
) -> dict[str, Any]:
    """The ``running`` record of one resource's content being screened."""
    return records.create(
        package_id=package_id,
        resource_id=old.id if old is not None else None,
        user_id=_user_id(context),
        source=source,
        filename=_filename(data_dict, source),
        status="running",
        pending_resource=pending_metadata(data_dict),
    )


def _queue(rec: dict[str, Any], path: str | None, size: int | None, sha: str | None) -> dict[str, Any]:
    """A big file: screened by a background job; the caller gets the pending record."""
    done = records.update(rec["id"], status="pending", quarantine_path=path, size=size, sha256=sha)
    jobs.enqueue_screening(rec["id"])
    log.info("privacy screening %s queued (%s bytes)", rec["id"], size)
    return {
        **done,
        "message": bilingual(
            "پرونده بزرگ است و در پس‌زمینه بررسی می‌شود؛ پس از تأیید منتشر می‌شود.",
            "The file is large and is being screened in the background; it is published once it passes.",
        ),
    }


def screen_package(
    original: Any, context: dict[str, Any], data_dict: dict[str, Any], *, update: bool
) -> Any:
    """Screen package_create/package_update: metadata, then inline resources' files.

    Inline resources are screened during the request whatever their size (use
    resource_create for background screening of big files).
    """
    if context.get(SKIP):
        return original(context, data_dict)
    tk.check_access("package_update" if update else "package_create", context, data_dict)
    from ckanext.smarttehran.screening import metadata

    metadata.check_package(data_dict, context)
    passed = _screen_inline(data_dict, context, update=update)
    try:
        result = _run(original, context, data_dict)
    except Exception:
        for rec, path, _index in passed:
            records.delete(rec["id"])
            quarantine.remove(path)
        raise
    resources = result.get("resources", []) if isinstance(result, dict) else []
    for rec, path, index in passed:
        quarantine.remove(path)
        rid = resources[index]["id"] if index < len(resources) else None
        records.update(rec["id"], status="pass", resource_id=rid, pending_resource=None)
        if index < len(resources):
            jobs.maybe_enqueue_datastore_load(resources[index])
    return result


def _screen_inline(
    data_dict: dict[str, Any], context: dict[str, Any], *, update: bool
) -> list[tuple[dict[str, Any], str, int]]:
    from ckanext.smarttehran.screening import metadata

    passed: list[tuple[dict[str, Any], str, int]] = []
    package = model.Package.get(data_dict.get("id") or data_dict.get("name") or "") if update else None
    for index, res in enumerate(data_dict.get("resources") or []):
        if not isinstance(res, dict):
            continue
        old = model.Resource.get(res.get("id") or "") if res.get("id") else None
        source = content_source(res, old)
        if source is None:
            continue
        rec = _start(package.id if package else None, old, res, source, context)
        try:
            if source == "upload":
                path, size, sha = quarantine.store_stream(res["upload"].stream, rec["id"])
            else:
                path = quarantine.path_for(rec["id"])
                size, sha = fetch.to_file(res["url"], path)
        except fetch.FetchError as exc:
            quarantine.remove(quarantine.path_for(rec["id"]))
            records.update(rec["id"], status="error", report={"error": {"message": str(exc)}})
            raise tk.ValidationError(
                metadata.message_for_inline(index, verdict.describe_error(str(exc), rec["id"]))
            ) from None
        result = verdict.screen_path(path, rec["filename"])
        if result.blocked:
            records.update(
                rec["id"], status=result.status, report=result.report,
                quarantine_path=path, size=size, sha256=sha,
            )
            message = (
                verdict.describe_error(result.error, rec["id"])
                if result.error
                else verdict.describe(result.items, rec["id"])
            )
            for prev, prev_path, _i in passed:
                records.delete(prev["id"])
                quarantine.remove(prev_path)
            raise tk.ValidationError(metadata.message_for_inline(index, message))
        records.update(rec["id"], report=result.report, size=size, sha256=sha)
        passed.append((rec, path, index))
    return passed
