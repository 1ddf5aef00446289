"""The screening's container and time budgets come from the config (``config.py``)."""

from __future__ import annotations

import zipfile

import pytest

from ckanext.smarttehran import config
from ckanext.smarttehran.screening import verdict


def test_budget_defaults():
    """Defaults: 256 MiB of uncompressed members, 300 s per file."""
    assert config.privacy_max_uncompressed_size() == 256 * 1024 * 1024
    assert config.privacy_scan_time_budget() == 300


@pytest.mark.ckan_config("ckanext.smarttehran.privacy.max_uncompressed_size", "1000")
@pytest.mark.ckan_config("ckanext.smarttehran.privacy.scan_time_budget", "60")
def test_budget_override_reaches_the_scan(tmp_path):
    """A smaller uncompressed budget makes a zip over it unscreenable (an error verdict)."""
    assert config.privacy_max_uncompressed_size() == 1000
    assert config.privacy_scan_time_budget() == 60
    path = tmp_path / "parts.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("a.csv", "a,b\n" + "1,x\n" * 1000)
    result = verdict.screen_path(str(path), "parts.zip")
    assert result.status == "error"
    assert "too_large_uncompressed" in str(result.report.get("error"))
