"""`ckan smarttehran privacy rescan` and the config options' defaults and overrides."""

from __future__ import annotations

import os

import pytest
from ckan.tests.helpers import call_action

from ckanext.smarttehran import config
from ckanext.smarttehran.screening.ingest import SKIP
from tests.screening.conftest import CLEAN_CSV, PII_CSV, upload


def test_rescan_withdraws_a_resource_that_now_fails(cli, publisher):
    """A PII file that got in around the gate is moved to quarantine, recorded and deleted;
    a clean one stays; the output says so."""
    ds_id = publisher["dataset"]["id"]
    ctx = {"user": publisher["user"]["name"], SKIP: True}
    bad = call_action("resource_create", dict(ctx), package_id=ds_id, upload=upload(PII_CSV, "p.csv"))
    good = call_action("resource_create", dict(ctx), package_id=ds_id, upload=upload(CLEAN_CSV))
    from ckanext.smarttehran.screening.cli import privacy

    result = cli.invoke(privacy, ["rescan", publisher["dataset"]["name"]])
    assert result.exit_code == 0, result.output
    assert f"{bad['id']}: BLOCKED" in result.output and f"{good['id']}: passed" in result.output
    assert "2 resources screened, 1 withdrawn." in result.output
    assert [r["id"] for r in call_action("package_show", id=ds_id)["resources"]] == [good["id"]]
    blocked = call_action("smarttehran_privacy_report_list", package_id=ds_id, status="blocked")
    rec = blocked["results"][0]
    assert rec["source"] == "rescan" and rec["quarantined"]
    assert os.path.exists(os.path.join(config.privacy_quarantine_path(), rec["id"][:2], rec["id"]))


def test_rescan_needs_a_dataset_or_all(cli, clean_db):
    """Neither DATASET nor --all is a usage error."""
    from ckanext.smarttehran.screening.cli import privacy

    assert cli.invoke(privacy, ["rescan"]).exit_code == 2


def test_config_defaults():
    """Defaults: 5 MB threshold, no officers, 30 s, 1 GB, k=5, k-anonymity blocks from 3 QIs,
    quarantine under the storage path, DataStore load on."""
    assert config.privacy_async_threshold() == 5 * 1024 * 1024
    assert config.privacy_officers() == []
    assert config.privacy_fetch_timeout() == 30
    assert config.privacy_fetch_max_size() == 1 << 30
    assert config.privacy_k() == 5
    assert config.privacy_k_anonymity_min_qi() == 3
    assert config.privacy_datastore_load() is True
    assert config.privacy_quarantine_path().endswith(os.path.join("test-storage", "smarttehran_quarantine"))


@pytest.mark.ckan_config("ckanext.smarttehran.privacy.async_threshold", "1024")
@pytest.mark.ckan_config("ckanext.smarttehran.privacy.officers", "ana bijan")
@pytest.mark.ckan_config("ckanext.smarttehran.privacy.quarantine_path", "/tmp/q-test")
@pytest.mark.ckan_config("ckanext.smarttehran.privacy.datastore_load", "false")
def test_config_overrides():
    """Each option is read from the config."""
    assert config.privacy_async_threshold() == 1024
    assert config.privacy_officers() == ["ana", "bijan"]
    assert config.privacy_quarantine_path() == "/tmp/q-test"
    assert config.privacy_datastore_load() is False
