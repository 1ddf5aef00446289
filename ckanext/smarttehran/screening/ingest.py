"""Screening resource content before CKAN publishes it (called by the chained actions).

A small upload is screened during the request: the core action runs with the screened
bytes (``pass``), or a ``tk.ValidationError`` names the masked findings and no resource
is created or changed (``blocked`` / ``error``, the file kept in quarantine).

A URL (always: nothing is fetched inside a web request) and an upload over the async
threshold are screened by a background job (``jobs.screen_job``). The resource is
saved at once and returned, as CKAN's contract says, with ``privacy_screening``; its
screening record names it from the first moment, so ``transparency.access`` holds it
(editors only, on every read path) until the job records ``pass``.
"""

from __future__ import annotations

import logging
import mimetypes
import os
import uuid
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
# Key of the screening summary added to a returned resource (never stored).
SCREENING_KEY = "privacy_screening"
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
    """Screen a resource_create/resource_update call, then run (or refuse) the core action.

    Small uploads are screened here; a URL (always) and an upload over the async
    threshold are screened by a background job, the resource being saved at once but
    held (shown to the dataset's editors only) until its screening passes.
    """
    if context.get(SKIP):
        return original(context, data_dict)
    action = "resource_update" if update else "resource_create"
    tk.check_access(action, context, data_dict)
    data_dict.pop(SCREENING_KEY, None)
    old = model.Resource.get(data_dict.get("id") or "") if update else None
    package_id = old.package_id if old is not None else _package_id(data_dict.get("package_id"))
    from ckanext.smarttehran.screening import metadata

    metadata.check_fields(
        {f: data_dict.get(f) for f in RESOURCE_TEXT_FIELDS}, package_id, context
    )
    source = content_source(data_dict, old)
    if source is None:
        return _run(original, context, data_dict)
    if source == "url":
        _check_url(data_dict["url"])
        rec = _start(package_id, data_dict, source, context)
        return _deferred(original, context, data_dict, rec, old)
    rec = _start(package_id, data_dict, source, context)
    path, size, sha = _store_upload(data_dict["upload"], rec)
    if size > config.privacy_async_threshold():
        records.update(rec["id"], quarantine_path=path, size=size, sha256=sha)
        return _deferred(original, context, _without_file(data_dict, rec, size), rec, old)
    result = verdict.screen_path(path, rec["filename"])
    return decide(original, context, data_dict, rec, result, path, size, sha, source)


def _store_upload(upload: FileStorage, rec: dict[str, Any], index: int | None = None):
    """The upload copied into quarantine, refused while it streams past
    ``ckan.max_resource_size`` (nothing of it kept, the record deleted)."""
    from ckan.lib.uploader import get_max_resource_size

    limit_mb = get_max_resource_size()
    try:
        return quarantine.store_stream(upload.stream, rec["id"], limit_mb * (1 << 20))
    except quarantine.TooLarge:
        records.delete(rec["id"])
        message = bilingual(
            f"پرونده از بیشینهٔ اندازهٔ مجاز ({limit_mb} مگابایت) بزرگ‌تر است و پذیرفته نشد.",
            f"The file is larger than the largest allowed ({limit_mb} MB) and was not accepted.",
        )
        if index is None:
            raise tk.ValidationError({"upload": [message]}) from None
        from ckanext.smarttehran.screening import metadata

        raise tk.ValidationError(metadata.message_for_inline(index, message)) from None


def _check_url(url: str, index: int | None = None) -> None:
    """Refuse now what needs no DNS: a scheme other than http(s), an internal address."""
    try:
        fetch.check_literal(url)
    except fetch.FetchError as exc:
        from ckanext.smarttehran.screening import metadata

        if index is None:
            raise tk.ValidationError({"url": [str(exc)]}) from None
        raise tk.ValidationError(metadata.message_for_inline(index, str(exc))) from None


def _resource_id(data_dict: dict[str, Any], old: model.Resource | None) -> str:
    """The id the resource has (or will have: given before it is saved, so that it is held
    from the first moment it exists, in the search index too)."""
    if old is not None:
        return old.id
    wanted = data_dict.get("id")
    if isinstance(wanted, str) and wanted and model.Resource.get(wanted) is None:
        return wanted
    return str(uuid.uuid4())


def _without_file(data_dict: dict[str, Any], rec: dict[str, Any], size: int) -> dict[str, Any]:
    """The resource of a big upload, saved without its file (kept in quarantine until it
    passes, then stored by the job)."""
    data = {k: v for k, v in data_dict.items() if k not in ("upload", "clear_upload")}
    data.update(url=rec["filename"], url_type="upload")
    data.setdefault("size", size)
    data.setdefault("mimetype", mimetypes.guess_type(rec["filename"])[0])
    return data


def _deferred(
    original: Any,
    context: dict[str, Any],
    data_dict: dict[str, Any],
    rec: dict[str, Any],
    old: model.Resource | None,
) -> Any:
    """Save the resource now, held until the queued screening job decides; returns it."""
    rid = _resource_id(data_dict, old)
    data_dict["id"] = rid
    records.update(rec["id"], resource_id=rid, status="pending")
    try:
        resource = _run(original, context, data_dict)
    except Exception:
        quarantine.remove(quarantine.path_for(rec["id"]))
        records.delete(rec["id"])
        raise
    jobs.enqueue_screening(rec["id"])
    log.info("privacy screening %s queued for resource %s", rec["id"], rid)
    return with_screening(resource, records.get(rec["id"]) or rec)


def with_screening(resource: Any, rec: dict[str, Any]) -> Any:
    """The resource as the action returns it, with ``privacy_screening`` (id, status,
    bilingual message) for its publisher. The key is never stored (dropped on input)."""
    if not isinstance(resource, dict):
        return resource
    return {**resource, SCREENING_KEY: jobs.screening_summary(rec)}


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
    upload = data_dict.get("upload")
    try:
        # CKAN stores the bytes that were screened (the quarantined copy), not the stream.
        with open(path, "rb") as screened:
            if isinstance(upload, FileStorage):
                data_dict["upload"] = FileStorage(
                    stream=screened, filename=upload.filename, content_type=upload.content_type
                )
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


def _start(
    package_id: str | None, data_dict: dict[str, Any], source: str, context: dict[str, Any]
) -> dict[str, Any]:
    """The ``running`` record of one resource's content being screened.

    It names no resource yet: a record governs a resource's visibility only once its
    content is the resource's (``resource_id`` is set when it passes here, or when the
    resource is saved held for a background screening). A refused update leaves the
    resource as it was; the resource it was for is ``pending_resource["id"]``.
    """
    return records.create(
        package_id=package_id,
        resource_id=None,
        user_id=_user_id(context),
        source=source,
        filename=_filename(data_dict, source),
        status="running",
        pending_resource=pending_metadata(data_dict),
    )


def screen_package(
    original: Any, context: dict[str, Any], data_dict: dict[str, Any], *, update: bool
) -> Any:
    """Screen package_create/package_update: metadata, then inline resources' content.

    Inline uploads are screened during the request whatever their size (use
    resource_create for background screening of big files); inline URLs are saved held
    and screened by background jobs, like resource_create's.
    """
    if context.get(SKIP):
        return original(context, data_dict)
    tk.check_access("package_update" if update else "package_create", context, data_dict)
    from ckanext.smarttehran.screening import metadata

    metadata.check_package(data_dict, context)
    passed, deferred = _screen_inline(data_dict, context, update=update)
    try:
        result = _run(original, context, data_dict)
    except Exception:
        for rec, path, _index in passed:
            records.delete(rec["id"])
            quarantine.remove(path)
        for rec in deferred:
            records.delete(rec["id"])
        raise
    resources = result.get("resources", []) if isinstance(result, dict) else []
    for rec, path, index in passed:
        quarantine.remove(path)
        rid = resources[index]["id"] if index < len(resources) else None
        records.update(rec["id"], status="pass", resource_id=rid, pending_resource=None)
        if index < len(resources):
            jobs.maybe_enqueue_datastore_load(resources[index])
    package_id = result.get("id") if isinstance(result, dict) else None
    for rec in deferred:
        records.update(rec["id"], package_id=package_id or rec["package_id"])
        jobs.enqueue_screening(rec["id"])
    return result


def _screen_inline(
    data_dict: dict[str, Any], context: dict[str, Any], *, update: bool
) -> tuple[list[tuple[dict[str, Any], str, int]], list[dict[str, Any]]]:
    """Screen inline uploads now; record inline URLs as pending (their resources held).

    Returns (passed uploads as (record, path, index), pending URL records).
    """
    from ckanext.smarttehran.screening import metadata

    passed: list[tuple[dict[str, Any], str, int]] = []
    deferred: list[dict[str, Any]] = []

    def forget() -> None:
        for prev, prev_path, _i in passed:
            records.delete(prev["id"])
            quarantine.remove(prev_path)
        for prev in deferred:
            records.delete(prev["id"])

    package = model.Package.get(data_dict.get("id") or data_dict.get("name") or "") if update else None
    for index, res in enumerate(data_dict.get("resources") or []):
        if not isinstance(res, dict):
            continue
        res.pop(SCREENING_KEY, None)
        old = model.Resource.get(res.get("id") or "") if res.get("id") else None
        source = content_source(res, old)
        if source is None:
            continue
        if source == "url":
            try:
                _check_url(res["url"], index)
            except tk.ValidationError:
                forget()
                raise
            res["id"] = _resource_id(res, old)
            deferred.append(
                records.create(
                    package_id=package.id if package else None, resource_id=res["id"],
                    user_id=_user_id(context), source="url", filename=_filename(res, "url"),
                    status="pending", pending_resource=pending_metadata(res),
                )
            )
            continue
        rec = _start(package.id if package else None, res, source, context)
        try:
            path, size, sha = _store_upload(res["upload"], rec, index)
        except tk.ValidationError:
            forget()
            raise
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
            forget()
            raise tk.ValidationError(metadata.message_for_inline(index, message))
        records.update(rec["id"], report=result.report, size=size, sha256=sha)
        passed.append((rec, path, index))
    return passed, deferred
