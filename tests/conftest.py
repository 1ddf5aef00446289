"""Fixtures shared by the suite. CKAN's own pytest plugin supplies the rest."""

from __future__ import annotations

import ckan.plugins as p
import pytest
import responses
from ckan import model

MIGRATED_PLUGINS = ("activity", "smarttehran")


@pytest.fixture(autouse=True)
def _plugins_from_test_ini(request, ckan_config):
    """Every test runs with the plugins of test-ckan.ini loaded.

    Loading them takes about a second, so they stay loaded between tests; a test that
    changes the config with ``ckan_config`` gets them reloaded under its config, and
    unloaded afterwards so the next test starts from test-ckan.ini again.
    """
    marked = request.node.get_closest_marker("ckan_config") is not None
    if marked or not p.plugin_loaded("smarttehran"):
        p.unload_all()
        p.load_all()
    yield
    if marked:
        p.unload_all()


@pytest.fixture
def clean_db(reset_db, migrate_db_for):
    """A fresh database with the tables of the plugins that bring migrations.

    CKAN empties the tables rather than dropping them once they exist, so the plugins'
    migrations only need to run after the first reset of the session.
    """
    fresh = not model.repo.tables_created_and_initialised
    reset_db()
    if fresh or not _migrated_tables_exist():
        for plugin in MIGRATED_PLUGINS:
            migrate_db_for(plugin)


def _migrated_tables_exist() -> bool:
    inspector = model.sa.inspect(model.Session.connection())
    columns = {c["name"] for c in inspector.get_columns("activity")} if inspector.has_table("activity") else set()
    return "permission_labels" in columns and inspector.has_table("smarttehran_privacy_screening")


class PrivacyJobs:
    """Privacy screening jobs of this test, run in the test's process (a worker runs them
    in production): at once when queued, or, with ``hold = True``, when ``run()`` says."""

    def __init__(self) -> None:
        self.hold = False
        self.queued: list[str] = []

    def enqueue(self, screening_id: str) -> None:
        self.queued.append(screening_id)
        if not self.hold:
            self.run()

    def run(self) -> list[str]:
        from ckanext.smarttehran.screening import jobs

        done = []
        while self.queued:
            done.append(jobs.screen_job(self.queued.pop(0)))
        return done


@pytest.fixture
def privacy_jobs(monkeypatch):
    """Screening jobs (URL fetches, big files) run in this process: see ``PrivacyJobs``."""
    from ckanext.smarttehran.screening import jobs

    runner = PrivacyJobs()
    monkeypatch.setattr(jobs, "enqueue_screening", runner.enqueue)
    return runner


@pytest.fixture
def web(privacy_jobs):
    """Remote resource URLs (http://example.com/...) answer with a clean CSV.

    Resource URLs are fetched and privacy-screened by a background job, run here at once
    (``privacy_jobs``); local addresses pass through to the real test servers (Solr).
    """
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.add_passthru(responses.matchers.re.compile(r"http://(127\.0\.0\.1|localhost)[:/].*"))
        mock.add(responses.GET, responses.matchers.re.compile(r"http://example\.com/.*"),
                 body="district,count\n1,10\n2,20\n")
        yield mock
