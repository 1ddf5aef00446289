"""The real stack: the plugin on CKAN 2.11 with PostgreSQL, Solr 9 and Redis."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import ckan.plugins as p
import ckan.plugins.toolkit as tk
import pytest
from ckan.lib import search
from ckan.tests.helpers import call_action

from tests.factories import Dataset

ROOT = Path(__file__).resolve().parents[1]


def test_plugin_loads():
    """The smarttehran plugin is registered and loaded by test-ckan.ini."""
    assert p.plugin_loaded("smarttehran")


def test_solr_schema_version_is_accepted():
    """CKAN's Solr schema check accepts our Solr core (schema name ckan-2.11)."""
    assert search.check_solr_schema_version() is True


@pytest.mark.usefixtures("clean_db", "clean_index")
def test_created_dataset_is_found_through_solr():
    """package_create indexes in Solr and package_search finds the dataset by a word."""
    Dataset(name="stack-check", title="Stack check zanjireh", notes="Search runs on Solr")
    result = call_action("package_search", q="zanjireh")
    assert result["count"] == 1
    assert result["results"][0]["name"] == "stack-check"


@pytest.mark.usefixtures("with_request_context")
def test_home_page_is_persian_and_right_to_left(app):
    """The home page under the default fa_IR locale is right-to-left Persian."""
    html = app.get("/").body
    assert 'dir="rtl"' in html
    assert 'lang="fa-IR"' in html or 'lang="fa_IR"' in html or 'lang="fa"' in html
    assert "مجموعه‌داده" in html or "مجموعه داده" in html


@pytest.mark.usefixtures("clean_db", "clean_index")
def test_background_job_runs_in_a_redis_worker():
    """A job queued in Redis is run by `ckan jobs worker --burst`: it reindexes a dataset."""
    dataset = Dataset(title="Redis worker check")
    search.clear(dataset["id"])
    assert call_action("package_search", q="name:" + dataset["name"])["count"] == 0

    job = tk.enqueue_job(search.rebuild, kwargs={"package_id": dataset["id"]})
    ini = tk.config["__file__"]
    ckan_cmd = Path(sys.executable).with_name("ckan")
    subprocess.run(
        [str(ckan_cmd), "-c", ini, "jobs", "worker", "--burst"],
        check=True, cwd=ROOT, capture_output=True, timeout=120,
    )
    assert job.get_status() == "finished"
    assert call_action("package_search", q="name:" + dataset["name"])["count"] == 1
