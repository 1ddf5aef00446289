"""Fixtures shared by the suite. CKAN's own pytest plugin supplies the rest."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _plugins_from_test_ini(with_plugins):
    """Every test runs with the plugins listed in test-ckan.ini loaded."""
    yield


@pytest.fixture
def clean_db(reset_db, migrate_db_for):
    """A fresh database with the tables of the plugins that bring migrations."""
    reset_db()
    for plugin in ("activity", "smarttehran"):
        migrate_db_for(plugin)
