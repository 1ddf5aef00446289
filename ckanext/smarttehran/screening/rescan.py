"""Re-screening resources already in the catalog (``ckan smarttehran privacy rescan``).

A resource that now fails is taken out of public view: its uploaded file is moved to
quarantine (a URL's content is fetched there), a ``blocked`` record keeps its metadata
for an override, and the resource is deleted.
"""

from __future__ import annotations

import logging
import os
from typing import Any

import ckan.plugins.toolkit as tk
from ckan.lib import uploader

from ckanext.smarttehran.screening import fetch, quarantine, records, verdict
from ckanext.smarttehran.screening.ingest import SKIP, pending_metadata

log = logging.getLogger(__name__)


def _context() -> dict[str, Any]:
    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
    return {"user": site_user["name"], "ignore_auth": True, SKIP: True}


def resources_of(dataset: str | None) -> list[dict[str, Any]]:
    """Active resources of one dataset, or of every dataset (``None``)."""
    from ckan import model

    q = model.Session.query(model.Resource).filter(model.Resource.state == "active")
    if dataset:
        pkg = model.Package.get(dataset)
        if pkg is None:
            raise tk.ObjectNotFound(dataset)
        q = q.filter(model.Resource.package_id == pkg.id)
    else:
        q = q.join(model.Package, model.Package.id == model.Resource.package_id).filter(
            model.Package.state == "active"
        )
    return [
        {"id": r.id, "package_id": r.package_id, "url": r.url, "url_type": r.url_type}
        for r in q.order_by(model.Resource.package_id, model.Resource.position)
    ]


def rescan_resource(resource_id: str) -> dict[str, Any]:
    """Re-screen one resource; returns ``{"status", "screening_id", "resource_id"}``."""
    context = _context()
    resource = tk.get_action("resource_show")(dict(context), {"id": resource_id})
    filename = os.path.basename((resource.get("url") or "").split("?", 1)[0]) or "download"
    rec = records.create(
        package_id=resource["package_id"], resource_id=resource_id, source="rescan",
        filename=filename, status="running", pending_resource=pending_metadata(resource),
    )
    temp: str | None = None
    try:
        if resource.get("url_type") == "upload":
            path = uploader.get_resource_uploader(dict(resource)).get_path(resource_id)
            if not os.path.exists(path):
                records.update(rec["id"], status="error",
                               report={"error": {"message": "The uploaded file is missing."}})
                return {"status": "missing", "screening_id": rec["id"], "resource_id": resource_id}
        elif resource.get("url"):
            temp = path = quarantine.path_for(rec["id"])
            fetch.to_file(resource["url"], path)
        else:
            records.delete(rec["id"])
            return {"status": "skipped", "screening_id": None, "resource_id": resource_id}
        result = verdict.screen_path(path, filename)
    except fetch.FetchError as exc:
        quarantine.remove(temp)
        records.update(rec["id"], status="error", report={"error": {"message": str(exc)}})
        return {"status": "unreachable", "screening_id": rec["id"], "resource_id": resource_id}
    if not result.blocked:
        size = os.path.getsize(path)
        sha = quarantine.sha256_of(path)
        if temp is not None:  # a URL: its passed bytes are what the DataStore loads now
            quarantine.keep_screened(temp, rec["id"])
        records.update(rec["id"], status="pass", report=result.report, pending_resource=None,
                       size=size, sha256=sha)
        return {"status": "pass", "screening_id": rec["id"], "resource_id": resource_id}
    if temp is None:
        qpath, size, sha = quarantine.move_in(path, rec["id"])
    else:
        qpath, size, sha = temp, os.path.getsize(temp), quarantine.sha256_of(temp)
    records.update(
        rec["id"], status=result.status, report=result.report, quarantine_path=qpath,
        size=size, sha256=sha,
    )
    tk.get_action("resource_delete")(dict(context), {"id": resource_id})
    log.info("privacy rescan %s: resource %s withdrawn (%s)", rec["id"], resource_id, result.status)
    return {"status": result.status, "screening_id": rec["id"], "resource_id": resource_id}
