"""Cleaning up after screening jobs that died: ``ckan smarttehran privacy sweep``.

A worker killed mid-job (out of memory, SIGKILL, a machine restart) leaves its record
``running`` and its file in quarantine. ``end_orphans`` (run at the start of every
screening job, and by the command) ends records that have been ``running`` for longer
than every attempt's time budget could take, as ``error`` with a bilingual message;
``remove_orphan_files`` (the command) deletes quarantined files no record points at and
screened copies no current screening needs.
"""

from __future__ import annotations

import datetime
import logging
import os

from ckanext.smarttehran import config
from ckanext.smarttehran.errors import bilingual
from ckanext.smarttehran.model.privacy import PrivacyScreening
from ckanext.smarttehran.screening import quarantine, records, verdict

log = logging.getLogger(__name__)

MARGIN = datetime.timedelta(seconds=60)


def _limit() -> datetime.timedelta:
    """How long a screening may stay ``running``: every attempt's budget, and a margin."""
    attempts = config.privacy_job_retries() + 1
    return datetime.timedelta(seconds=config.privacy_job_timeout() * attempts) + MARGIN


def end_orphans(now: datetime.datetime | None = None) -> list[str]:
    """End records left ``running`` by a dead job; returns their ids."""
    now = now or datetime.datetime.now(datetime.UTC).replace(tzinfo=None)
    with records._session() as s:  # noqa: SLF001 - the module's own session helper
        stale = (
            s.query(PrivacyScreening)
            .filter(PrivacyScreening.status == "running")
            .filter(PrivacyScreening.source.in_(records.FILE_SOURCES))
            .filter(PrivacyScreening.updated < now - _limit())
            .all()
        )
        ended = []
        for rec in stale:
            message = verdict.describe_error(
                bilingual(
                    "بررسی این محتوا نیمه‌کاره ماند (کار پس‌زمینه متوقف شد) و چیزی منتشر نشد؛ "
                    "دوباره بارگذاری کنید.",
                    "Screening this content was interrupted (its background job died) and "
                    "nothing was published; upload it again.",
                ),
                rec.id,
            )
            rec.status = "error"
            rec.report = {"error": {"code": "interrupted"}, "message": message}
            ended.append(rec.id)
    for sid in ended:
        log.warning("privacy screening %s: ended as error (its job died)", sid)
    return ended


def remove_orphan_files() -> list[str]:
    """Delete quarantined files without a record that points at them, and screened
    copies whose screening no longer governs its resource; returns the paths removed."""
    root = quarantine.root()
    removed: list[str] = []
    for folder, _dirs, files in os.walk(root):
        screened = os.path.relpath(folder, root).split(os.sep)[0] == quarantine.SCREENED
        for name in files:
            path = os.path.join(folder, name)
            rec = records.get(name)
            if screened:
                latest = records.latest_for_resource(rec["resource_id"]) if rec and rec["resource_id"] else None
                keep = latest is not None and latest["id"] == name and latest["status"] in records.PASSED
            else:
                keep = rec is not None and rec["_path"] and os.path.abspath(rec["_path"]) == os.path.abspath(path)
            if not keep:
                quarantine.remove(path)
                removed.append(path)
    return removed
