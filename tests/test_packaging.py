"""The package ships its data folders whether installed editable or as a wheel."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from ckanext.smarttehran import paths

ROOT = Path(__file__).resolve().parents[1]


def test_data_folders_resolve_from_the_installed_package():
    """paths.* point at the schemas, seed and i18n folders the package maps in."""
    assert (paths.schemas_dir() / "__init__.py").is_file()
    assert (paths.seed_dir() / "__init__.py").is_file()
    assert (paths.i18n_dir() / "fa" / "LC_MESSAGES" / "ckanext-smarttehran.po").is_file()


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The package built as a wheel, the way ``pip install ckanext-smarttehran`` gets it."""
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "-q", "-w", str(out), str(ROOT)],
        check=True, capture_output=True, timeout=300,
    )
    return next(out.glob("ckanext_smarttehran-*.whl"))


# Prints, for each data folder, its files relative to the folder (what paths.* finds).
LIST_DATA_FILES = """
import json, sys
from ckanext.smarttehran import paths
found = {}
for name in ("schemas_dir", "seed_dir", "i18n_dir"):
    base = getattr(paths, name)()
    found[name] = sorted(p.relative_to(base).as_posix() for p in base.rglob("*")
                         if p.is_file() and "__pycache__" not in p.parts)
print(json.dumps(found))
"""


def test_wheel_and_editable_install_find_the_same_data_files(wheel, tmp_path):
    """paths.* give the same schema, seed and catalogue files from an installed wheel as from
    this editable checkout (one mapping, in setup.py, for both)."""
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target",
                    str(site), str(wheel)], check=True, capture_output=True, timeout=300)
    # -S: no site-packages, so no editable finder: only the wheel's copy can be imported.
    installed = subprocess.run([sys.executable, "-S", "-c", LIST_DATA_FILES],
                               env={"PYTHONPATH": str(site)}, cwd=tmp_path, check=True,
                               capture_output=True, text=True, timeout=60)
    editable = subprocess.run([sys.executable, "-c", LIST_DATA_FILES], check=True,
                              capture_output=True, text=True, timeout=60)
    from_wheel, from_checkout = json.loads(installed.stdout), json.loads(editable.stdout)
    assert str(site) not in editable.stdout
    for name, files in from_checkout.items():
        assert "vocabularies/goals.json" in from_checkout["schemas_dir"]
        assert from_wheel[name] == files, name


def test_wheel_contains_data_folders_and_compiled_catalogue(wheel):
    """A built wheel holds schemas/, seed_datasets/, i18n/ (with .mo) inside the package."""
    names = set(zipfile.ZipFile(wheel).namelist())
    prefix = "ckanext/smarttehran/"
    assert prefix + "plugin.py" in names
    assert prefix + "config_declaration.yaml" in names
    assert prefix + "schemas/__init__.py" in names
    assert prefix + "seed_datasets/__init__.py" in names
    assert prefix + "i18n/fa/LC_MESSAGES/ckanext-smarttehran.mo" in names
    expected = {p.relative_to(ROOT).as_posix() for p in (ROOT / "schemas").rglob("*.json")}
    assert {prefix + n for n in expected} <= names
