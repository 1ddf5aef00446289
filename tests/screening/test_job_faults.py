"""Screening jobs that fail, run over their time budget or die: the record always ends
(``error`` with a bilingual message, or ``pending`` for RQ's retry), the quarantine is
cleaned, and ``ckan smarttehran privacy sweep`` ends what a killed worker left."""

from __future__ import annotations

import datetime
import http.server
import os
import threading
import time
import uuid
from typing import Any

import pytest
from ckan import model
from ckan.lib import jobs as ckan_jobs
from ckan.tests.helpers import call_action

from ckanext.smarttehran.model.privacy import PrivacyScreening
from ckanext.smarttehran.screening import QUEUE, jobs, quarantine, records, sweep
from tests.screening.conftest import PII_CSV, upload

ANON = {"user": "", "ignore_auth": False}


class _Drip(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        self.send_response(200)
        self.end_headers()
        for _ in range(100):
            self.wfile.write(b"1")
            self.wfile.flush()
            time.sleep(0.2)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def drip():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Drip)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/slow.csv"
    server.shutdown()
    server.server_close()


def test_an_exception_in_the_job_ends_the_record_as_error(publisher, privacy_jobs):
    """A job that raises (here: the record lost the URL it was to fetch) ends its record
    as `error` with a bilingual message; the resource stays held."""
    privacy_jobs.hold = True
    res = call_action("resource_create", dict(publisher["context"]),
                      package_id=publisher["dataset"]["id"], url="http://example.com/a.csv")
    sid = res["privacy_screening"]["id"]
    records.update(sid, pending_resource=None)
    with pytest.raises(TypeError):
        privacy_jobs.run()
    rec = records.get(sid)
    assert rec["status"] == "error"
    assert "system error" in rec["report"]["message"] and "خطای سامانه" in rec["report"]["message"]
    shown = call_action("package_show", dict(ANON), id=publisher["dataset"]["id"])
    assert shown["resources"] == []


@pytest.mark.ckan_config("ckanext.smarttehran.privacy.fetch_allowed_hosts", "127.0.0.1")
@pytest.mark.ckan_config("ckanext.smarttehran.privacy.job_timeout", "2")
@pytest.mark.ckan_config("ckanext.smarttehran.privacy.job_retries", "0")
@pytest.mark.usefixtures("with_test_worker")
def test_a_job_over_its_time_budget_is_stopped_by_the_worker(publisher, drip):
    """RQ's worker (in this process) stops a job at its budget: a URL trickling for 20 s
    is cut at 2 s, the record is `error` naming the budget, nothing left in quarantine."""
    ckan_jobs.get_queue(QUEUE).empty()
    res = call_action("resource_create", dict(publisher["context"]),
                      package_id=publisher["dataset"]["id"], url=drip)
    sid = res["privacy_screening"]["id"]
    started = time.monotonic()
    ckan_jobs.Worker([QUEUE]).work(burst=True)
    assert time.monotonic() - started < 15
    rec = records.get(sid)
    assert rec["status"] == "error" and rec["_path"] is None
    assert "longer than 2 seconds" in rec["report"]["message"]
    assert "۲ ثانیه" in rec["report"]["message"] or "2 ثانیه" in rec["report"]["message"]
    assert not os.path.exists(quarantine.path_for(sid))


@pytest.mark.ckan_config("ckanext.smarttehran.privacy.async_threshold", "10")
def test_sweep_ends_records_a_dead_worker_left_running_and_removes_orphans(cli, publisher,
                                                                           privacy_jobs):
    """A record `running` for longer than every attempt's budget is ended as `error`;
    a quarantined file without a record goes, a refused upload's file stays."""
    from ckanext.smarttehran.screening.cli import privacy

    res = call_action("resource_create", dict(publisher["context"]),
                      package_id=publisher["dataset"]["id"], upload=upload(PII_CSV, "p.csv"))
    refused = records.get(res["privacy_screening"]["id"])
    assert refused["status"] == "blocked" and os.path.exists(refused["_path"])
    privacy_jobs.hold = True
    held = call_action("resource_create", dict(publisher["context"]),
                       package_id=publisher["dataset"]["id"], url="http://example.com/b.csv")
    sid = held["privacy_screening"]["id"]
    records.update(sid, status="running")
    long_ago = datetime.datetime.now(datetime.UTC).replace(tzinfo=None) - datetime.timedelta(days=1)
    model.Session.query(PrivacyScreening).filter_by(id=sid).update({"updated": long_ago})
    model.Session.commit()
    orphan = quarantine.path_for(str(uuid.uuid4()))
    with open(orphan, "wb") as f:
        f.write(b"left behind")

    result = cli.invoke(privacy, ["sweep"])
    assert result.exit_code == 0, result.output
    assert f"{sid}: left running by a dead job" in result.output
    rec = records.get(sid)
    assert rec["status"] == "error" and "interrupted" in rec["report"]["message"]
    assert not os.path.exists(orphan) and os.path.exists(refused["_path"])
    assert sweep.end_orphans() == []
    assert jobs.screen_job(sid) == "error"  # a late retry does nothing
