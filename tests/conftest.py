"""Fixtures shared by the suite. CKAN's own pytest plugin supplies the rest."""

from __future__ import annotations

import ckan.plugins as p
import pytest
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
