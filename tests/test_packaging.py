"""The package ships its data folders whether installed editable or as a wheel."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from ckanext.smarttehran import paths

ROOT = Path(__file__).resolve().parents[1]


def test_data_folders_resolve_from_the_installed_package():
    """paths.* point at the schemas, seed and i18n folders the package maps in."""
    assert (paths.schemas_dir() / "__init__.py").is_file()
    assert (paths.seed_dir() / "__init__.py").is_file()
    assert (paths.i18n_dir() / "fa" / "LC_MESSAGES" / "ckanext-smarttehran.po").is_file()


def test_wheel_contains_data_folders_and_compiled_catalogue(tmp_path):
    """A built wheel holds schemas/, seed_datasets/, i18n/ (with .mo) inside the package."""
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "-q", "-w", str(tmp_path), str(ROOT)],
        check=True, capture_output=True, timeout=300,
    )
    wheel = next(tmp_path.glob("ckanext_smarttehran-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    prefix = "ckanext/smarttehran/"
    assert prefix + "plugin.py" in names
    assert prefix + "config_declaration.yaml" in names
    assert prefix + "schemas/__init__.py" in names
    assert prefix + "seed_datasets/__init__.py" in names
    assert prefix + "i18n/fa/LC_MESSAGES/ckanext-smarttehran.mo" in names
    expected = {p.relative_to(ROOT).as_posix() for p in (ROOT / "schemas").rglob("*.json")}
    assert {prefix + n for n in expected} <= names
