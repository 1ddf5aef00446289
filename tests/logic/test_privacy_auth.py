"""Who may read and decide on privacy screenings: every role."""

from __future__ import annotations

import pytest
from ckan import model
from ckan.tests import factories
from ckan.tests.helpers import call_auth

from ckanext.smarttehran.screening import records
from tests.factories import Dataset

ROLES = ("anonymous", "member", "editor", "admin", "sysadmin", "officer", "stranger")


@pytest.fixture
def world(clean_db, clean_index):
    users = {r: factories.User() for r in ("member", "editor", "admin", "officer", "stranger")}
    users["sysadmin"] = factories.Sysadmin()
    org = factories.Organization(
        users=[{"name": users[r]["name"], "capacity": r} for r in ("member", "editor", "admin")]
    )
    ds = Dataset(owner_org=org["id"])
    rec = records.create(package_id=ds["id"], source="upload", status="blocked",
                         user_id=users["editor"]["id"], filename="x.csv")
    return {"users": users, "dataset": ds, "rec": rec}


def _allowed(world, role: str, action: str, data: dict) -> bool:
    user = "" if role == "anonymous" else world["users"][role]["name"]
    context = {"user": user, "model": model}
    try:
        return bool(call_auth(action, context, **data))
    except Exception:
        return False


EXPECTED = {
    "smarttehran_privacy_report_show": {"editor", "admin", "sysadmin", "officer"},
    "smarttehran_privacy_discard": {"editor", "admin", "sysadmin", "officer"},
    "smarttehran_privacy_override": {"sysadmin", "officer"},
}


@pytest.mark.ckan_config("ckanext.smarttehran.privacy.officers", "")
@pytest.mark.parametrize("action", sorted(EXPECTED))
@pytest.mark.parametrize("role", ROLES)
def test_record_actions_by_role(world, role, action, ckan_config, monkeypatch):
    """Publishers (editor, admin) read and discard; only officers and sysadmins override."""
    monkeypatch.setitem(ckan_config, "ckanext.smarttehran.privacy.officers",
                        [world["users"]["officer"]["name"]])
    assert _allowed(world, role, action, {"id": world["rec"]["id"]}) == (role in EXPECTED[action])


@pytest.mark.parametrize("role", ROLES)
def test_list_by_role(world, role, ckan_config, monkeypatch):
    """The list: officers and sysadmins, and editors/admins of some organization."""
    monkeypatch.setitem(ckan_config, "ckanext.smarttehran.privacy.officers",
                        [world["users"]["officer"]["name"]])
    expected = role in ("editor", "admin", "sysadmin", "officer")
    assert _allowed(world, role, "smarttehran_privacy_report_list", {}) == expected
    by_dataset = _allowed(world, role, "smarttehran_privacy_report_list",
                          {"package_id": world["dataset"]["id"]})
    assert by_dataset == expected
