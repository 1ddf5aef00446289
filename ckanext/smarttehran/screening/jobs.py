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
from ckanext.smarttehran.screening import fetch, quarantine, records, verdict

log = logging.getLogger(__name__)

QUEUE = "smarttehran:privacy"
TABULAR = ("csv", "tsv", "xlsx", "xls")
JOB_TIMEOUT = 3600


def enqueue_screening(screening_id: str) -> None:
    tk.enqueue_job(
        screen_job,
        [screening_id],
        title=f"privacy screening {screening_id}",
        queue=QUEUE,
        rq_kwargs={"timeout": JOB_TIMEOUT},
    )


def screen_job(screening_id: str) -> str:
    """Screen a pending record's file (fetching a URL first), then publish or block."""
    rec = records.get(screening_id)
    if rec is None or rec["status"] != "pending":
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
        records.update(screening_id, status="error", quarantine_path=None,
                       report={"error": {"message": str(exc)}})
        return "error"
    if result.blocked:
        records.update(screening_id, status=result.status, report=result.report)
        log.info("privacy screening %s: %s", screening_id, result.status)
        return result.status
    records.update(screening_id, report=result.report)
    publish(screening_id, status="pass")
    return "pass"


def publish(
    screening_id: str, *, status: str, decided_by: str | None = None,
    justification: str | None = None,
) -> dict[str, Any]:
    """Create (or update) the resource from a record, as its original publisher.

    Returns the resource. The quarantined file is removed once CKAN holds it.
    """
    rec = records.get(screening_id)
    assert rec is not None
    from ckanext.smarttehran.screening.ingest import SKIP

    publisher = model.User.get(rec["user_id"] or "")
    context = {"user": publisher.name if publisher else "", "ignore_auth": True, SKIP: True}
    data = dict(rec["pending_resource"] or {})
    stream = None
    from_file = rec["source"] == "upload" or (
        rec["source"] == "rescan" and data.get("url_type") == "upload"
    )
    if from_file and rec["_path"]:
        stream = open(rec["_path"], "rb")  # noqa: SIM115 - closed below
        data["upload"] = FileStorage(stream=stream, filename=rec["filename"])
        data.pop("url", None)
    try:
        if rec["resource_id"] and model.Resource.get(rec["resource_id"]) is not None and (
            model.Resource.get(rec["resource_id"]).state == "active"
        ):
            data["id"] = rec["resource_id"]
            resource = tk.get_action("resource_update")(context, data)
        else:
            data.pop("id", None)
            data["package_id"] = rec["package_id"]
            resource = tk.get_action("resource_create")(context, data)
    finally:
        if stream is not None:
            stream.close()
    quarantine.remove(rec["_path"])
    records.update(
        screening_id, status=status, resource_id=resource["id"], quarantine_path=None,
        decided_by=decided_by, justification=justification,
    )
    maybe_enqueue_datastore_load(resource)
    return resource


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
