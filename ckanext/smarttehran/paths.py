"""Where the package's data folders are, for an editable install and a wheel alike.

``setup.py`` maps the top-level ``schemas/``, ``seed_datasets/`` and ``i18n/`` folders
into the package as ``ckanext.smarttehran.<folder>``; each is found through its import.
"""

from __future__ import annotations

import importlib
from functools import cache
from pathlib import Path


@cache
def _folder(name: str) -> Path:
    module = importlib.import_module(f"ckanext.smarttehran.{name}")
    return Path(module.__file__).resolve().parent


def schemas_dir() -> Path:
    return _folder("schemas")


def seed_dir() -> Path:
    return _folder("seed_datasets")


def i18n_dir() -> Path:
    return _folder("i18n")
