"""Background work on the ``smarttehran:privacy`` queue: screening big files, publishing
what passed, loading passed tables into the DataStore."""

from __future__ import annotations

import logging
import os
from typing import Any

import ckan.plugins as p
import ckan.plugins.toolkit as tk
from ckan import model
from werkzeug.datastructures import FileStorage

from ckanext.smarttehran import config
from ckanext.smarttehran.errors import bilingual
from ckanext.smarttehran.screening import fetch, quarantine, records, verdict

log = logging.getLogger(__name__)

QUEUE = "smarttehran:privacy"
TABULAR = ("csv", "tsv", "xlsx", "xls")
JOB_TIMEOUT = 3600  # DataStore loads


def enqueue_screening(screening_id: str) -> None:
    """Queue the screening job with its total time budget and its retries."""
    from rq import Retry

    retries = config.privacy_job_retries()
    tk.enqueue_job(
        screen_job,
        [screening_id],
        title=f"privacy screening {screening_id}",
        queue=QUEUE,
        rq_kwargs={"timeout": config.privacy_job_timeout(),
                   **({"retry": Retry(max=retries)} if retries else {})},
    )


def _over_budget_message(screening_id: str) -> str:
    seconds = config.privacy_job_timeout()
    return verdict.describe_error(
        bilingual(
            f"بررسی این محتوا بیش از {seconds} ثانیه طول کشید و متوقف شد؛ پرونده را کوچک‌تر "
            "یا ساده‌تر کنید.",
            f"Screening this content took longer than {seconds} seconds and was stopped; "
            "make the file smaller or simpler.",
        ),
        screening_id,
    )


def _failed_message(screening_id: str) -> str:
    return verdict.describe_error(
        bilingual(
            "بررسی این محتوا با خطای سامانه متوقف شد و منتشر نشد؛ دوباره بارگذاری کنید یا با "
            "پشتیبانی تماس بگیرید.",
            "Screening this content stopped on a system error and nothing was published; "
            "upload it again or contact support.",
        ),
        screening_id,
    )


def _fail(screening_id: str, exc: BaseException) -> None:
    """A job that died: back to ``pending`` while RQ will retry it, else ``error`` (over
    the time budget: ``error`` at once, with the quarantined file removed)."""
    from rq import get_current_job
    from rq.timeouts import JobTimeoutException

    rec = records.get(screening_id)
    if rec is None or rec["status"] != "running":
        return
    job = get_current_job()
    over_budget = isinstance(exc, JobTimeoutException)
    if not over_budget and job is not None and (job.retries_left or 0) > 0:
        records.update(screening_id, status="pending")
        return
    fetched = rec["source"] == "url" or over_budget
    if fetched:
        quarantine.remove(rec["_path"])
        quarantine.remove(quarantine.path_for(screening_id))  # a fetch cut off half-way
    message = _over_budget_message(screening_id) if over_budget else _failed_message(screening_id)
    records.update(
        screening_id, status="error", report={"error": {"code": "job_failed"}, "message": message},
        **({"quarantine_path": None} if fetched else {}),
    )


def screen_job(screening_id: str) -> str:
    """Screen a pending record's content (fetching a URL first), then publish or refuse.

    Whatever stops it (an exception, the time budget) ends the record: ``error`` with a
    bilingual message, or ``pending`` again while RQ retries the job.
    """
    try:
        return _screen(screening_id)
    except BaseException as exc:
        log.error("privacy screening %s: the job failed (%s)", screening_id, type(exc).__name__)
        _fail(screening_id, exc)
        raise


PENDING_MESSAGE = bilingual(
    "محتوای این منبع در پس‌زمینه از نظر حریم خصوصی بررسی می‌شود؛ تا از بررسی نگذرد "
    "فقط ویرایشگران مجموعه‌داده آن را می‌بینند.",
    "The resource's content is being screened for personal data in the background; until "
    "it passes, only the dataset's editors see it.",
)


def screening_summary(rec: dict[str, Any]) -> dict[str, Any]:
    """``{"id", "status", "message"}`` of a resource's screening, for its publisher."""
    status = rec["status"]
    if status in ("pending", "running"):
        message = PENDING_MESSAGE
    elif status in ("pass", "override"):
        message = bilingual("از بررسی حریم خصوصی گذشت.", "Passed privacy screening.")
    else:
        message = refusal_message(rec)
    return {"id": rec["id"], "status": status, "message": message}


def refusal_message(rec: dict[str, Any]) -> str:
    """The bilingual, masked reason a screening refused its content."""
    report = rec.get("report") or {}
    if report.get("message"):
        return report["message"]
    if (report.get("error") or {}).get("message"):
        return verdict.describe_error(report["error"]["message"], rec["id"])
    return verdict.describe(report.get("items") or [], rec["id"])


def _screen(screening_id: str) -> str:
    from rq import get_current_job

    from ckanext.smarttehran.screening import sweep

    sweep.end_orphans()
    rec = records.get(screening_id)
    # ``running`` too when RQ runs this job again after its worker was killed mid-job.
    retried = rec is not None and rec["status"] == "running" and get_current_job() is not None
    if rec is None or (rec["status"] != "pending" and not retried):
        return rec["status"] if rec else "missing"
    records.update(screening_id, status="running")
    path = rec["_path"]
    try:
        if not path:
            path = quarantine.path_for(screening_id)
            size, sha = fetch.to_file(rec["pending_resource"]["url"], path)
            records.update(screening_id, quarantine_path=path, size=size, sha256=sha)
        result = verdict.screen_path(path, rec["filename"])
    except fetch.FetchError as exc:
        quarantine.remove(path)
        message = verdict.describe_error(str(exc), screening_id)
        records.update(screening_id, status="error", quarantine_path=None,
                       report={"error": {"message": str(exc)}, "message": message})
        log.info("privacy screening %s: fetch refused or failed", screening_id)
        return "error"
    if result.blocked:
        message = (
            verdict.describe_error(result.error, screening_id)
            if result.error
            else verdict.describe(result.items, screening_id)
        )
        records.update(screening_id, status=result.status,
                       report={**result.report, "message": message})
        log.info("privacy screening %s: %s", screening_id, result.status)
        return result.status
    records.update(screening_id, report=result.report)
    publish(screening_id, status="pass")
    return "pass"


def _active_resource(resource_id: str | None) -> model.Resource | None:
    found = model.Resource.get(resource_id or "")
    return found if found is not None and found.state == "active" else None


def publish(
    screening_id: str, *, status: str, decided_by: str | None = None,
    justification: str | None = None,
) -> dict[str, Any]:
    """Make a screening's content the resource's, as its original publisher; returns it.

    A resource saved held (URL, big upload) gets its screened upload stored; a URL's
    passed bytes become its screened copy (what the DataStore loads). A record without a
    resource (a refused upload overridden, a withdrawn resource) creates or updates it.
    The quarantined file is gone once CKAN holds it.
    """
    rec = records.get(screening_id)
    assert rec is not None
    from ckanext.smarttehran.screening.ingest import SKIP

    publisher = model.User.get(rec["user_id"] or "")
    context = {"user": publisher.name if publisher else "", "ignore_auth": True, SKIP: True}
    pending = dict(rec["pending_resource"] or {})
    target = _active_resource(rec["resource_id"] or pending.get("id"))
    from_file = rec["source"] == "upload" or (
        rec["source"] == "rescan" and pending.get("url_type") == "upload"
    )
    screened = None
    if target is not None and not from_file:
        resource = tk.get_action("resource_show")(dict(context), {"id": target.id})
    else:
        data = {**tk.get_action("resource_show")(dict(context), {"id": target.id})} \
            if target is not None else pending
        resource = _save(context, data, rec, from_file, target is not None)
    if not from_file and rec["_path"]:
        screened = quarantine.keep_screened(rec["_path"], screening_id)
    else:
        quarantine.remove(rec["_path"])
    records.update(
        screening_id, status=status, resource_id=resource["id"], quarantine_path=None,
        decided_by=decided_by, justification=justification, pending_resource=None,
    )
    log.info("privacy screening %s: %s, resource %s published%s", screening_id, status,
             resource["id"], " (screened copy kept)" if screened else "")
    _reindex(resource["package_id"])
    latest = records.latest_for_resource(resource["id"])
    if latest is not None and latest["id"] == screening_id:
        maybe_enqueue_datastore_load(resource)
    return resource


def _save(
    context: dict[str, Any], data: dict[str, Any], rec: dict[str, Any], from_file: bool,
    exists: bool,
) -> dict[str, Any]:
    """resource_update (or resource_create) with the kept file as the upload."""
    data = {k: v for k, v in data.items() if k != "privacy_screening"}
    stream = None
    if from_file and rec["_path"]:
        stream = open(rec["_path"], "rb")  # noqa: SIM115 - closed below
        data["upload"] = FileStorage(stream=stream, filename=rec["filename"])
        data.pop("url", None)
        data["url_type"] = "upload"
    try:
        if exists:
            return tk.get_action("resource_update")(dict(context), data)
        data.pop("id", None)
        data["package_id"] = rec["package_id"]
        return tk.get_action("resource_create")(dict(context), data)
    finally:
        if stream is not None:
            stream.close()


def _reindex(package_id: str) -> None:
    """The dataset's search document again, now that a resource's screening changed."""
    from ckan.lib.search import rebuild

    rebuild(package_id)


def maybe_enqueue_datastore_load(resource: dict[str, Any]) -> None:
    """Queue the DataStore load of a passed tabular resource (if configured)."""
    if not config.privacy_datastore_load() or not _is_tabular(resource):
        return
    if not p.plugin_loaded("datastore"):
        return
    from ckanext.smarttehran.screening.datastore_load import load_into_datastore

    tk.enqueue_job(
        load_into_datastore, [resource["id"]], title=f"datastore load {resource['id']}",
        queue=QUEUE, rq_kwargs={"timeout": JOB_TIMEOUT},
    )


def _is_tabular(resource: dict[str, Any]) -> bool:
    fmt = (resource.get("format") or "").lower().lstrip(".")
    ext = os.path.splitext((resource.get("url") or "").split("?", 1)[0])[1].lower().lstrip(".")
    return fmt in TABULAR or ext in TABULAR
