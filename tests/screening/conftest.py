"""Fixtures for the screening tests: files, a publisher with an organization, uploads."""

from __future__ import annotations

import io
from typing import Any

import pytest
from ckan.tests import factories
from werkzeug.datastructures import FileStorage

from tests.factories import Dataset

MOBILE = "09123456789"
MOBILE_MASKED = "۰۹۱۲•••۶۷۸۹"
PII_CSV = f"name,mobile,district\nعلی رضایی,{MOBILE},3\nمریم احمدی,09351234567,5\n"
CLEAN_CSV = "district,population\n1,300000\n2,400000\n"


def upload(text: str | bytes, filename: str = "data.csv") -> FileStorage:
    """A FileStorage like the one CKAN's form and multipart API hand to resource_create."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    return FileStorage(stream=io.BytesIO(data), filename=filename)


@pytest.fixture
def publisher(clean_db, clean_index, tmp_path, ckan_config, monkeypatch) -> dict[str, Any]:
    """An editor of an organization, its dataset and a private storage folder."""
    monkeypatch.setitem(ckan_config, "ckan.storage_path", str(tmp_path / "storage"))
    editor = factories.User()
    org = factories.Organization(users=[{"name": editor["name"], "capacity": "editor"}])
    dataset = Dataset(owner_org=org["id"])
    return {"user": editor, "org": org, "dataset": dataset,
            "context": {"user": editor["name"], "ignore_auth": False}}
