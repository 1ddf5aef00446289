"""Start-up names the plugins this extension needs when ckan.plugins lacks them."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CKAN = Path(sys.executable).with_name("ckan")


def _ini_with_plugins(tmp_path: Path, plugins: str) -> Path:
    text = (ROOT / "test-ckan.ini").read_text("utf-8").replace("%(here)s", str(ROOT))
    text = re.sub(r"^ckan\.plugins = .*$", f"ckan.plugins = {plugins}", text, flags=re.M)
    ini = tmp_path / "ckan.ini"
    ini.write_text(text, "utf-8")
    return ini


@pytest.mark.parametrize("missing", ["datastore", "activity", "scheming_datasets"])
def test_a_missing_required_plugin_stops_start_up_with_its_name(tmp_path, missing):
    """Without datastore, activity or scheming_datasets the ckan command exits non-zero and
    its error names the missing plugin and where the full list is."""
    plugins = "smarttehran scheming_datasets spatial_metadata spatial_query activity datastore dcat"
    ini = _ini_with_plugins(tmp_path, " ".join(p for p in plugins.split() if p != missing))
    run = subprocess.run([str(CKAN), "-c", str(ini), "user", "list"], capture_output=True,
                         text=True, timeout=120)
    assert run.returncode != 0
    assert f"needs these plugins in ckan.plugins: {missing} " in run.stderr
    assert "dev/demo-options.ini" in run.stderr


def test_the_configured_plugins_start(tmp_path):
    """test-ckan.ini's plugin list (the demo's) passes the check: the command runs."""
    ini = _ini_with_plugins(
        tmp_path, "smarttehran scheming_datasets spatial_metadata spatial_query activity datastore dcat"
    )
    run = subprocess.run([str(CKAN), "-c", str(ini), "user", "list"], capture_output=True,
                         text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    assert "MissingPlugins" not in run.stderr
