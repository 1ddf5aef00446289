"""What `make demo` serves: CKAN's generated config with dev/demo-options.ini merged in.

The suite runs with test-ckan.ini; these tests read the demo's own config, written the way
the Makefile writes demo.ini, so that an option the portal needs cannot be set for the
tests only. The behaviour each option brings is tested in the views' tests.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from ckan.cli import CKANConfigLoader
from ckan.common import asbool
from ckan.lib import config_tool

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def demo_config(tmp_path_factory) -> dict:
    path = tmp_path_factory.mktemp("demo") / "demo.ini"
    ckan = Path(sys.executable).parent / "ckan"
    subprocess.run([str(ckan), "generate", "config", str(path)], check=True, capture_output=True)
    config_tool.config_edit_using_merge_file(str(path), str(ROOT / "dev" / "demo-options.ini"))
    return CKANConfigLoader(str(path)).get_config()


def _test_config() -> dict:
    return CKANConfigLoader(str(ROOT / "test-ckan.ini")).get_config()


def test_demo_enables_uploads_into_its_storage(demo_config):
    """Uploads are on (the generated config leaves the option empty, which CKAN reads as
    off) and go under .state/storage beside demo.ini."""
    assert asbool(demo_config["ckan.uploads_enabled"]) is True
    storage = Path(demo_config["ckan.storage_path"])
    assert storage.parent.name == ".state" and storage.name == "storage"


def test_demo_lets_citizens_register(demo_config):
    """Self-registration through /user/register is open (the generated config closes it)."""
    assert asbool(demo_config["ckan.auth.create_user_via_web"]) is True


def test_demo_allows_cross_origin_reads(demo_config):
    """CKAN's CORS answers every origin with '*' (no credentials)."""
    assert asbool(demo_config["ckan.cors.origin_allow_all"]) is True


def test_demo_keeps_avatars_local(demo_config):
    """No avatar is loaded from gravatar.com."""
    assert demo_config["ckan.gravatar_default"] == "disabled"


@pytest.mark.parametrize("key", ["ckan.uploads_enabled", "ckan.cors.origin_allow_all",
                                 "ckan.auth.create_user_via_web", "ckan.gravatar_default"])
def test_tests_run_with_the_demo_values(demo_config, key):
    """test-ckan.ini sets the user-facing options as the demo does, so the views' tests
    exercise what the portal serves."""
    assert _test_config()[key] == demo_config[key]
